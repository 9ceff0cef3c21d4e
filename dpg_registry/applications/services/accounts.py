"""What leaving the registry does to applications: a person's drafts go, their name leaves what was submitted,
invitations to their addresses go."""

from django.db import transaction
from django.db.models import Count

from dpg_registry.applications.models import Application, Invitation
from dpg_registry.applications.services.transitions import touch


def forget_person(*, user, addresses: set[str]) -> int:
    """Delete the drafts only ``user`` edits; drop them and their contact from submitted applications.

    ``addresses`` are the person's e-mail addresses in lower case. Submitted applications keep their
    public decision. Returns how many drafts were deleted.
    """
    with transaction.atomic():
        # Counted apart from the filter on this editor, which would count only them.
        edited = Application.objects.filter(pk__in=Application.objects.filter(editors=user).values("pk"))
        drafts = [a.pk for a in edited.annotate(editor_count=Count("editors"))
                  if a.submitted_at is None and a.editor_count == 1]
        Application.objects.filter(pk__in=drafts).delete()
        for application in Application.objects.filter(editors=user):
            # With other editors left, the contact is erased only when it is this person's own address.
            if application.editors.count() == 1 or application.contact_email.lower() in addresses:
                application.contact_name = application.contact_email = ""
            application.editors.remove(user)
            touch(application)
        Invitation.objects.filter(email__in=addresses).delete()
    return len(drafts)
