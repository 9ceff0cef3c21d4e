"""Regular expressions compiled on first use.

The check holds some 250 patterns. Compiling them all when it started cost more than anything else it did
before reading a file, and a tree needs only some of them: an empty folder none, a tree without documents
none of the documents' patterns.
"""

import re

# What a detector asks of a pattern; the first use puts the compiled pattern's own on the instance.
_ATTRIBUTES = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
               "groupindex", "groups")


class LazyPattern:
    """A ``re.Pattern`` compiled the first time it is used; its ``pattern`` and ``flags`` are known before."""

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str):
        # Called only for what the instance does not hold yet: after the first use, a call costs what a call
        # on the compiled pattern costs.
        compiled = re.compile(self.pattern, self.flags)
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, done on first use."""
    return LazyPattern(pattern, flags)
