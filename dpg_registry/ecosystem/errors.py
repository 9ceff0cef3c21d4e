"""The ecosystem's errors: one root, ``EcosystemError``, whose ``field`` names the input at fault."""


class EcosystemError(ValueError):
    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.field = field


class EditingNotAllowed(EcosystemError):
    """The person may not change this part of the ecosystem (admins edit all, focal points their community)."""


class SeedDataError(EcosystemError):
    """Ecosystem data that cannot be loaded; the message names the file and the JSON path."""
