"""Appending to the audit trail. This is the only writer of ``AuditEvent``."""

import json

from django.db import transaction
from django.utils import timezone

from dpg_registry.audit.chain import GENESIS, event_hash, hashed_fields
from dpg_registry.audit.models import AuditEvent, AuditHead


def record(*, actor, role: str, action: str, subject, before: dict | None = None, after: dict | None = None,
           reason: str = "") -> AuditEvent:
    """Append one event; call it inside the transaction of the change it describes.

    ``actor`` is a user or None for the system (scheduled tasks); ``subject`` is any saved model instance.
    """
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            head = AuditHead.objects.create(pk=1, last_hash=GENESIS)
        event = AuditEvent(
            at=timezone.now(),
            actor_id=getattr(actor, "pk", None),
            actor_label=pseudonym(actor),
            role=role,
            action=action,
            subject_type=subject._meta.label_lower,
            subject_id=str(subject.pk),
            before=_plain(before),
            after=_plain(after),
            reason=reason,
            previous_hash=head.last_hash,
        )
        event.hash = event_hash(head.last_hash, hashed_fields(event))
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def pseudonym(actor) -> str:
    """How the trail names an actor: never a name or an address, so deleting an account leaves the chain valid.

    Once the account is deleted nothing maps the number back to a person.
    """
    return "system" if actor is None else f"account {actor.pk}"


def _plain(values: dict | None) -> dict:
    # Dates and other values become the strings the database will give back, so the hash covers what is stored.
    return json.loads(json.dumps(values or {}, default=str))
