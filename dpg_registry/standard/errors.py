"""The Standard's errors: one root, so a caller can catch everything the Standard refuses."""


class StandardError(ValueError):
    """Something the Standard refuses: a data file, a licence expression."""


class StandardDataError(StandardError):
    """A Standard data file that cannot be loaded; the message names the file and the JSON path."""


class InvalidLicence(StandardError):
    """An SPDX expression that does not parse or names an identifier SPDX does not know."""
