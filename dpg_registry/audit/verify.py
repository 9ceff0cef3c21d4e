"""Checking the audit trail: every event's seal under its key, the links between them, and the checkpoints.

A seal shows an edit to anyone holding the key; a checkpoint (in the database, or saved outside it by anyone)
shows events removed from the end, which the seals alone cannot: the last remaining event is still well sealed.
"""

import hmac
from dataclasses import dataclass

from django.db import transaction

from dpg_registry.audit.chain import GENESIS, event_seal, hashed_fields
from dpg_registry.audit.checkpoints import Checkpoint
from dpg_registry.audit.keys import known_keys
from dpg_registry.audit.models import AuditCheckpoint, AuditEvent, AuditHead


@dataclass
class ChainReport:
    checked: int
    problem: str = ""
    broken_at: int | None = None

    @property
    def intact(self) -> bool:
        return not self.problem


def verify_chain(*, saved: tuple[tuple[str, Checkpoint], ...] = ()) -> ChainReport:
    """Check the trail against its own checkpoints and ``saved`` ones (each with where it came from)."""
    keys = known_keys()
    # The head is locked so that the events and the head are read as one state while appends go on.
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().filter(pk=1).values_list("last_hash", flat=True).first()
        checkpoints = [(f"checkpoint of {row.at.isoformat()}", Checkpoint.of(row))
                       for row in AuditCheckpoint.objects.order_by("id")]
        checkpoints += [(f"saved checkpoint of {checkpoint.time} ({where})", checkpoint)
                        for where, checkpoint in saved]
        for name, checkpoint in checkpoints:
            if forgery := checkpoint.forgery(keys):
                return ChainReport(0, f"the {name}: {forgery}")
        at_count: dict[int, list[tuple[str, Checkpoint]]] = {}
        for name, checkpoint in checkpoints:
            at_count.setdefault(checkpoint.count, []).append((name, checkpoint))
        report = _walk(keys, at_count)
        if not report.intact:
            return report
        missing = [(checkpoint.count, name) for name, checkpoint in checkpoints if checkpoint.count > report.checked]
        if missing:
            count, name = max(missing)
            return ChainReport(report.checked, f"{count - report.checked} events missing since {name}")
        if head not in (None, report.head) or (head is None and report.checked):
            return ChainReport(report.checked,
                               "the chain ends before its recorded head: events were removed from the end")
        return ChainReport(report.checked)


@dataclass
class _Walked(ChainReport):
    head: str = GENESIS


def _walk(keys: dict[str, bytes], at_count: dict) -> _Walked:
    previous = GENESIS
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        key = keys.get(event.key_id)
        if key is None:
            return _Walked(checked, f"event {event.pk}: sealed with key {event.key_id or '(none)'}, which is not a "
                                    "known audit key", event.pk)
        if event.previous_hash != previous:
            return _Walked(checked, f"event {event.pk}: its link to the previous event does not match", event.pk)
        if not hmac.compare_digest(event_seal(key, event.key_id, previous, hashed_fields(event)), event.hash):
            return _Walked(checked, f"event {event.pk}: its content does not match its seal", event.pk)
        checked += 1
        for name, checkpoint in at_count.get(checked, ()):
            if checkpoint.head != event.hash:
                return _Walked(checked - 1, f"event {event.pk}: it is not the event the {name} sealed: the trail "
                                            "was rewritten", event.pk)
        previous = event.hash
    return _Walked(checked, head=previous)
