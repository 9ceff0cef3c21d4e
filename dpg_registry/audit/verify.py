"""Checking the audit chain: every row's hash must follow from its fields and its predecessor's hash."""

from dataclasses import dataclass

from dpg_registry.audit.chain import GENESIS, event_hash, hashed_fields
from dpg_registry.audit.models import AuditEvent, AuditHead


@dataclass
class ChainReport:
    checked: int
    problem: str = ""
    broken_at: int | None = None

    @property
    def intact(self) -> bool:
        return not self.problem


def verify_chain() -> ChainReport:
    previous = GENESIS
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.previous_hash != previous:
            return ChainReport(checked, f"event {event.pk}: its link to the previous event does not match", event.pk)
        if event_hash(previous, hashed_fields(event)) != event.hash:
            return ChainReport(checked, f"event {event.pk}: its content does not match its hash", event.pk)
        previous = event.hash
        checked += 1
    head = AuditHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head not in (None, previous) or (head is None and checked):
        return ChainReport(checked, "the chain ends before its recorded head: events were removed from the end")
    return ChainReport(checked)
