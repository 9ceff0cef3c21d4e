"""The process's own cache of rendered pages, bounded by the bytes it holds rather than by a count of entries.

Django's local-memory cache keeps 300 entries unless told otherwise, whatever their size: the public pages of a
registry of a few hundred products (a profile, its API record and its badge, in four languages) are more than
that, so a mixed load evicted pages before anyone asked for them again and most reads rendered their page anew.
Pages weigh from a few hundred bytes (a badge) to a hundred kilobytes (a profile with its map), so a count says
little about memory: this cache keeps the most recently read pages up to ``MAX_BYTES`` (pickled size) in total.
"""

from django.core.cache.backends.locmem import LocMemCache


class _Held:
    """The pickled size of each entry of one cache, and their total."""

    def __init__(self):
        self.sizes: dict[str, int] = {}
        self.total = 0

    def add(self, key: str, size: int) -> None:
        self.sizes[key] = size
        self.total += size

    def drop(self, key: str) -> None:
        self.total -= self.sizes.pop(key, 0)

    def clear(self) -> None:
        self.sizes.clear()
        self.total = 0


# By cache name, beside Django's own per-name stores: every thread's instance of one cache shares them.
_held: dict[str, _Held] = {}


class PageMemoryCache(LocMemCache):
    """``LocMemCache`` (least recently read evicted first) that also evicts until its entries fit ``MAX_BYTES``."""

    def __init__(self, name, params):
        super().__init__(name, params)
        self._max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 1024 * 1024))
        self._held = _held.setdefault(name, _Held())

    def held_bytes(self) -> int:
        return self._held.total

    def _set(self, key, value, timeout=None):
        self._delete(key)
        if len(value) > self._max_bytes:
            return  # larger than the whole cache: not kept
        while self._cache and self._held.total + len(value) > self._max_bytes:
            oldest, _ = self._cache.popitem()  # the least recently read: a read moves its entry to the front
            del self._expire_info[oldest]
            self._held.drop(oldest)
        super()._set(key, value, timeout)
        self._held.add(key, len(value))

    def _cull(self):
        super()._cull()
        for key in [key for key in self._held.sizes if key not in self._cache]:
            self._held.drop(key)

    def _delete(self, key):
        self._held.drop(key)
        return super()._delete(key)

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._held.clear()
