"""The registry's errors: one root for what the registry refuses."""


class RegistryError(ValueError):
    """Something the registry refuses."""


class RegistryDataError(RegistryError):
    """Import data the registry cannot hold (for example a category or sector the Standard does not know)."""


class FilterError(RegistryError):
    """A filter value the registry does not know; ``parameter`` names the query parameter."""

    def __init__(self, parameter: str, message: str):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")
