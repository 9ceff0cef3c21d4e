"""The audit trail's errors."""


class AuditError(Exception):
    """Something the audit trail refuses."""


class AppendOnlyError(AuditError):
    """Raised on any attempt to change or remove a written audit event."""
