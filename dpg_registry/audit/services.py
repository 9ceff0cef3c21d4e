"""Appending to the audit trail and checkpointing it. This is the only writer of its tables."""

import datetime
import json

from django.db import transaction
from django.utils import timezone

from dpg_registry.audit.chain import GENESIS, checkpoint_signature, event_seal, hashed_fields
from dpg_registry.audit.errors import TrailBroken
from dpg_registry.audit.keys import current_key
from dpg_registry.audit.models import AuditCheckpoint, AuditEvent, AuditHead
from dpg_registry.audit.verify import verify_chain


def record(*, actor, role: str, action: str, subject, before: dict | None = None, after: dict | None = None,
           reason: str = "") -> AuditEvent:
    """Append one event; call it inside the transaction of the change it describes.

    ``actor`` is a user or None for the system (scheduled tasks); ``subject`` is any saved model instance.
    """
    key_id, key = current_key()
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
            key_id=key_id,
        )
        event.hash = event_seal(key, key_id, head.last_hash, hashed_fields(event))
        event.save()
        head.last_hash = event.hash
        head.save(update_fields=["last_hash"])
    return event


def write_checkpoint(*, now=None) -> AuditCheckpoint:
    """Sign the trail's length and last seal, after checking the whole trail; returns the newest checkpoint.

    A trail that does not verify is refused (``TrailBroken``): a checkpoint must never vouch for an edit.
    When nothing was appended since the newest checkpoint, that one is returned and nothing is written.
    """
    key_id, key = current_key()
    with transaction.atomic():
        report = verify_chain()  # holds the head's lock to the end: no event is appended in between
        if not report.intact:
            raise TrailBroken(f"the audit trail does not verify after {report.checked} events: {report.problem}")
        head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first() or GENESIS
        latest = AuditCheckpoint.objects.order_by("-id").first()
        if latest is not None and (latest.event_count, latest.head) == (report.checked, head):
            return latest
        # In UTC, as the database gives it back: the signature covers the time as written.
        at = (now or timezone.now()).astimezone(datetime.UTC)
        checkpoint = AuditCheckpoint(at=at, event_count=report.checked, head=head, key_id=key_id,
                                     signature=checkpoint_signature(key, count=report.checked, head=head,
                                                                    time=at.isoformat(), key_id=key_id))
        checkpoint.save()
    return checkpoint


def pseudonym(actor) -> str:
    """How the trail names an actor: never a name or an address, so deleting an account leaves the chain valid.

    Once the account is deleted nothing maps the number back to a person.
    """
    return "system" if actor is None else f"account {actor.pk}"


def _plain(values: dict | None) -> dict:
    # Dates and other values become the strings the database will give back, so the seal covers what is stored.
    return json.loads(json.dumps(values or {}, default=str))
