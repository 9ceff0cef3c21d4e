"""The errors the repository check raises; callers catch ``CheckError`` for any reason a check cannot run."""


class CheckError(Exception):
    """The check could not run (a missing folder, a failed clone); the message says why."""


class UnsafeAddress(CheckError, ValueError):
    """A repository address the registry's worker refuses to clone (not https, or not a public host)."""
