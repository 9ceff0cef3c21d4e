"""The accounts' errors."""


class AccountError(ValueError):
    """A change to an account that is refused; the message says why."""


class WrongConfirmation(AccountError):
    """The password (or e-mail address) given to confirm a deletion is not the account's."""
