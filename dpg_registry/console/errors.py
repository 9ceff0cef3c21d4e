"""The console's errors: one root whose message is for the staff member who tried."""


class ConsoleError(ValueError):
    """A change the console refuses; the message says why."""


class NotAllowed(ConsoleError):
    """The staff member lacks the role the change needs."""
