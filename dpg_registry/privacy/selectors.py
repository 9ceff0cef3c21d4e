"""What the registry holds about a person, and the review work that keeps their account from being deleted."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.utils.translation import gettext

from dpg_registry.accounts.models import OrganisationMembership, RoleGrant
from dpg_registry.accounts.selectors import verified_addresses_of
from dpg_registry.applications.models import Application, Challenge, Invitation, Notification
from dpg_registry.applications.selectors import assignments_of, consultations_of
from dpg_registry.audit.models import AuditEvent
from dpg_registry.ownership.models import Claim, ProductOwner


def open_work_of(user) -> list[str]:
    """The review work ``user`` holds and must finish before their account can go, one line each."""
    work = [gettext("application %(id)s: %(state)s") % {"id": application.public_id,
                                                        "state": application.get_state_display().lower()}
            for application in assignments_of(user)]
    work += [gettext("the expert opinion on indicator %(code)s of application %(id)s")
             % {"code": consultation.indicator_code, "id": consultation.application.public_id}
             for consultation in consultations_of(user)]
    return work


def personal_data(user) -> dict:
    """Everything the registry holds about ``user``, for them to download: no secrets, nobody else's data.

    Co-editors, reviewers and other people are left out (an invitation the person sent leaves out the address it
    went to, and one they received, who sent it; a claim, who decided it); tokens and authenticator secrets are
    never read (a claim's repository token is left out too).
    """
    applications = (Application.objects.filter(editors=user).select_related("category", "organisation")
                    .prefetch_related("answers", "clarifications").order_by("created_at", "pk"))
    return {
        "account": {"id": user.pk, "email": user.email, "username": user.get_username(),
                    "date_joined": user.date_joined, "last_login": user.last_login},
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "social_accounts": [
            {"provider": s.provider, "uid": s.uid, "date_joined": s.date_joined}
            for s in SocialAccount.objects.filter(user=user).order_by("pk")
        ],
        "mfa": {"enabled": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()},
        "organisations": [
            {"organisation": m.organisation.name, "joined_at": m.joined_at, "verified_by": m.verified_by,
             "verified_at": m.verified_at, "claim": m.claim_id}
            for m in OrganisationMembership.objects.filter(user=user).select_related("organisation").order_by("pk")
        ],
        "claims": [
            {"id": c.pk, "product": c.product.slug, "organisation": c.organisation.name if c.organisation else "",
             "method": c.method, "state": c.state, "email": c.email, "statement": c.statement, "outcome": c.outcome,
             "created_at": c.created_at, "decided_at": c.decided_at}
            for c in Claim.objects.filter(claimant=user).select_related("product", "organisation").order_by("pk")
        ],
        "ownerships": [
            {"product": o.product.slug, "organisation": o.organisation.name if o.organisation else "",
             "since": o.since, "claim": o.claim_id}
            for o in ProductOwner.objects.filter(user=user).select_related("product", "organisation").order_by("pk")
        ],
        "invitations_sent": [_invitation(i, with_address=False) for i in
                             Invitation.objects.filter(invited_by=user).select_related("application").order_by("pk")],
        "invitations_received": [
            _invitation(i, with_address=True)
            for i in Invitation.objects.filter(email__in=verified_addresses_of(user))
            .select_related("application").order_by("pk")
        ],
        "roles": [{"role": g.role, "granted_at": g.granted_at}
                  for g in RoleGrant.objects.filter(user=user).order_by("pk")],
        "applications": [_application(application) for application in applications],
        "challenges": [
            {"product": c.product.slug, "reasons": c.reasons, "raised_at": c.raised_at, "state": c.state,
             "resolution": c.resolution, "resolved_at": c.resolved_at}
            for c in Challenge.objects.filter(raised_by=user).select_related("product").order_by("pk")
        ],
        "notifications": [
            {"kind": n.kind, "subject": n.subject, "body": n.body, "url": n.url, "created_at": n.created_at,
             "read_at": n.read_at, "emailed_at": n.emailed_at}
            for n in Notification.objects.filter(user=user).order_by("created_at", "pk")
        ],
        "audit_events": [
            {"at": e.at, "actor": e.actor_label, "role": e.role, "action": e.action, "subject_type": e.subject_type,
             "subject_id": e.subject_id, "before": e.before, "after": e.after, "reason": e.reason}
            for e in AuditEvent.objects.filter(actor_id=user.pk).order_by("pk")
        ],
    }


def _invitation(invitation, *, with_address: bool) -> dict:
    """One invitation to co-edit. The address an invitation went to is the invitee's: only they get it."""
    return {
        "application": invitation.application.public_id, "name": invitation.application.name,
        **({"email": invitation.email} if with_address else {}),
        "created_at": invitation.created_at, "accepted": invitation.accepted, "answered_at": invitation.answered_at,
        "withdrawn_at": invitation.withdrawn_at,
    }


def _application(application) -> dict:
    return {
        "public_id": application.public_id, "name": application.name, "state": application.state,
        "category": application.category.key, "organisation": application.organisation.name,
        "description": application.description, "website": application.website,
        "repository_urls": application.repository_urls, "sectors": application.sectors,
        "deployment_countries": application.deployment_countries,
        "contact_name": application.contact_name, "contact_email": application.contact_email,
        "created_at": application.created_at, "submitted_at": application.submitted_at,
        "decided_at": application.decided_at, "decision_reason": application.decision_reason,
        "answers": [
            {"indicator": a.indicator_code, "question": a.question_key, "value": a.value,
             "justification": a.justification, "evidence_urls": a.evidence_urls, "private": a.is_private,
             "updated_at": a.updated_at}
            for a in sorted(application.answers.all(), key=lambda a: (a.indicator_code, a.question_key))
        ],
        "clarifications": [
            {"indicator": c.indicator_code, "question": c.question, "requested_at": c.requested_at,
             "deadline": c.deadline, "response": c.response, "responded_at": c.responded_at}
            for c in sorted(application.clarifications.all(), key=lambda c: c.pk)
        ],
    }
