"""The operations' errors."""


class BackupError(Exception):
    """A backup that cannot be written or restored; the message names the file (and line)."""
