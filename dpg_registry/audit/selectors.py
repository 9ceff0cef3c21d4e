"""Reads of the audit trail that more than one caller needs."""

from dpg_registry.audit.checkpoints import Checkpoint
from dpg_registry.audit.models import AuditCheckpoint


def latest_checkpoints(limit: int) -> list[Checkpoint]:
    """The newest checkpoints first."""
    return [Checkpoint.of(row) for row in AuditCheckpoint.objects.order_by("-id")[:limit]]
