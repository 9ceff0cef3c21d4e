"""Invitations to co-edit: the e-mail the background worker sends for each, which ones a person may answer, and
which pending ones the inviter (or the product's owners) may withdraw.

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
from dpg_registry.ownership.selectors import is_owner

DAYS = 14  # an invitation not answered by then expires


@task()
def send_invitation(invitation_id: int) -> int:
    invitation = Invitation.objects.select_related("application", "invited_by").get(pk=invitation_id)
    if invitation.accepted is not None or invitation.withdrawn_at is not None:
        return 0
    context = {"invitation": invitation, "days": DAYS,
               "link": f"{settings.DPG_SITE_URL}{reverse('applications:invitations')}?invitation={invitation.pk}"}
    with translation.override(language_of(invitation.invited_by)):
        EmailMessage(subject=f"[{gettext('DPG Registry')}] "
                             + gettext("Invitation to co-edit %(name)s") % {"name": invitation.application.name},
                     body=render_to_string("applications/invitation_email.txt", context), to=[invitation.email]).send()
    return 1


def _pending():
    since = timezone.now() - timezone.timedelta(days=DAYS)
    return Invitation.objects.filter(accepted__isnull=True, withdrawn_at__isnull=True, created_at__gte=since)


def open_invitations_for(user):
    """The unanswered, unexpired invitations sent to one of ``user``'s verified addresses."""
    return (_pending().filter(email__in=verified_addresses_of(user))
            .select_related("application", "invited_by").order_by("created_at"))


def pending_invitations_on(application, user):
    """The invitations to co-edit ``application`` still waiting for an answer that ``user`` sees: those they sent,
    or all of them when they own the product the application is for."""
    pending = _pending().filter(application=application).select_related("invited_by").order_by("created_at")
    if application.product_id and is_owner(user, application.product):
        return pending
    return pending.filter(invited_by=user)


def withdrawn_invitation_for(user, invitation_id: str):
    """The invitation ``invitation_id`` when it was sent to one of ``user``'s verified addresses and withdrawn."""
    if not invitation_id.isdigit():
        return None
    return (Invitation.objects.filter(pk=int(invitation_id), email__in=verified_addresses_of(user),
                                      withdrawn_at__isnull=False).select_related("application").first())
