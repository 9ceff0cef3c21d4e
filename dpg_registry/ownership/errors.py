class OwnershipError(Exception):
    """A claim or an ownership decision that cannot be made; the message says why."""


class NotAllowed(OwnershipError):
    """The person may not do this."""
