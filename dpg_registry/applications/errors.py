"""The errors the review process raises: one root, ``ApplicationError``, whose message is for the person who tried."""

from dpg_registry.lib.validation import FieldError


class ApplicationError(ValueError):
    """A change the review process refuses; the message says why, for the person who tried."""


class InvalidTransition(ApplicationError):
    pass


class StaleApplication(ApplicationError):
    pass


class NotAllowed(ApplicationError):
    pass


class Incomplete(ApplicationError):
    def __init__(self, message: str, missing: dict):
        super().__init__(message)
        self.missing = missing


class AnswerErrors(ApplicationError):
    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


class CheckPending(ApplicationError):
    """A repository check of the application is already waiting or running."""


class CheckBudgetSpent(ApplicationError):
    def __init__(self, message: str, renews_at):
        super().__init__(message)
        self.renews_at = renews_at



class ConflictOfInterest(NotAllowed):
    """``user`` has a conflict of interest with ``application``; ``reason`` says which, for the record."""

    def __init__(self, message: str, *, application, user, reason: str):
        super().__init__(message)
        self.application, self.user, self.reason = application, user, reason
