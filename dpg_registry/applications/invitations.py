"""Invitations to co-edit: the e-mail the background worker sends for each, and which ones a person may answer.

The e-mail goes to the address typed, whether or not an account uses it, so inviting tells the inviter nothing
about who has an account. Run twice, the task sends the invitation twice at most, never to anyone else.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import task

from dpg_registry.accounts.selectors import language_of, verified_addresses_of
from dpg_registry.applications.models import Invitation

DAYS = 14  # an invitation not answered by then expires


@task()
def send_invitation(invitation_id: int) -> int:
    invitation = Invitation.objects.select_related("application", "invited_by").get(pk=invitation_id)
    if invitation.accepted is not None:
        return 0
    context = {"invitation": invitation, "days": DAYS,
               "link": settings.DPG_SITE_URL + reverse("applications:invitations")}
    with translation.override(language_of(invitation.invited_by)):
        EmailMessage(subject=f"[{gettext('DPG Registry')}] "
                             + gettext("Invitation to co-edit %(name)s") % {"name": invitation.application.name},
                     body=render_to_string("applications/invitation_email.txt", context), to=[invitation.email]).send()
    return 1


def open_invitations_for(user):
    """The unanswered, unexpired invitations sent to one of ``user``'s verified addresses."""
    since = timezone.now() - timezone.timedelta(days=DAYS)
    return (Invitation.objects.filter(email__in=verified_addresses_of(user), accepted__isnull=True,
                                      created_at__gte=since)
            .select_related("application", "invited_by").order_by("created_at"))
