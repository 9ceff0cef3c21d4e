"""The audit trail's errors."""


class AuditError(Exception):
    """Something the audit trail refuses."""


class AppendOnlyError(AuditError):
    """Raised on any attempt to change or remove a written audit event or checkpoint."""


class TrailBroken(AuditError):
    """The trail does not verify, so no checkpoint may vouch for it."""


class CheckpointUnreadable(AuditError):
    """A checkpoint saved outside the database that cannot be read."""
