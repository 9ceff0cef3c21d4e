"""The words of one field of the search documents, in memory: a sorted vocabulary and each word's products."""

from array import array
from bisect import bisect_left

from pyroaring import BitMap, FrozenBitMap

# A prefix whose words list more products than this keeps the union it gave (short prefixes of common words).
KEPT_UNION = 50_000
_LAST_CHARACTER = chr(0x10FFFF)


class Vocabulary:
    """``words`` in code point order; the numbers of the products having word i are
    ``numbers[starts[i]:starts[i + 1]]``, all in one array (one object, not one per word)."""

    def __init__(self, words: list[str], starts: array, numbers: array):
        self.words = words
        self.starts = starts
        self.numbers = numbers
        self._unions: dict[str, FrozenBitMap] = {}

    def starting_with(self, prefix: str) -> BitMap | FrozenBitMap:
        """The products having a word that starts with ``prefix``: those of one range of the sorted words."""
        kept = self._unions.get(prefix)
        if kept is not None:
            return kept
        first = bisect_left(self.words, prefix)
        after = _after(prefix)
        last = len(self.words) if after is None else bisect_left(self.words, after, lo=first)
        start, stop = self.starts[first], self.starts[last]
        if stop - start <= KEPT_UNION:
            return BitMap(self.numbers[start:stop])
        union = self._unions[prefix] = FrozenBitMap(self.numbers[start:stop])
        return union


def _after(prefix: str) -> str | None:
    """The first string after every string that starts with ``prefix`` (in code point order), if there is one."""
    stripped = prefix.rstrip(_LAST_CHARACTER)
    return stripped[:-1] + chr(ord(stripped[-1]) + 1) if stripped else None
