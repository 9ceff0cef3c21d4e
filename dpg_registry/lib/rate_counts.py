"""Requests counted against a rate limit in the shared cache, a block of counts at a time where a count is a write.

A limit of N requests a period is counted under a key per group, client, limit and window (windows of the
period, aligned on the clock) in the cache ``RATELIMIT_USE_CACHE`` names, so every server process counts into the same
total. With Redis a count is one atomic increment, and every request is counted there. On the database cache a
count is a write (a transaction; on SQLite the file's write lock, which every server process waits for), so a
read path counted request by request would write once per read: there a process takes a block of counts at once
(a fiftieth of the limit, at most 100, at least 1) and spends it from memory. A block taken and not spent within
its window counts as spent: a client whose requests are spread over P processes may be refused up to P blocks
before the limit, and is never let through beyond it. Limits of fewer than 100 requests have blocks of one:
every request is counted in the shared cache, as on Redis.
"""

import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache

BLOCK_SHARE = 50
BLOCK_MAX = 100
PRUNE_EVERY_SECONDS = 60


def block_size(limit: int, cache) -> int:
    """How many counts a process takes from the shared total at once."""
    if not isinstance(cache, DatabaseCache):
        return 1
    return max(1, min(limit // BLOCK_SHARE, BLOCK_MAX))


@dataclass
class _Block:
    left: int
    ends: float


class Counter:
    """One process's blocks of counts, by window."""

    def __init__(self):
        self._blocks: dict[str, _Block] = {}
        self._lock = threading.Lock()
        self._pruned = 0.0

    def take(self, key: str, limit: int, seconds: int) -> float | None:
        """Count a request under ``key`` against ``limit`` a ``seconds``: None when it is within the limit, else
        the seconds left until the window ends."""
        now = time.time()
        start = int(now) - int(now) % seconds
        ends = start + seconds
        name = f"dpg:rate:{key}:{limit}/{seconds}:{start}"
        with self._lock:
            block = self._blocks.get(name)
            if block is not None and block.left > 0:
                block.left -= 1
                return None
        cache = caches[settings.RATELIMIT_USE_CACHE]
        size = block_size(limit, cache)
        timeout = int(ends - now) + 1
        if isinstance(cache, DatabaseCache):
            # Read and written here: its ``incr`` would write the count with the cache's default timeout, not the
            # window's end.
            total = cache.get(name, 0) + size
            cache.set(name, total, timeout)
        else:
            cache.add(name, 0, timeout)
            try:
                total = cache.incr(name, size)
            except ValueError:  # the window's count expired between the two calls
                cache.set(name, size, timeout)
                total = size
        granted = min(size, limit - (total - size))
        if granted <= 0:
            return ends - now
        with self._lock:
            self._prune(now)
            self._blocks.setdefault(name, _Block(0, ends)).left += granted - 1
        return None

    def _prune(self, now: float) -> None:
        """Forget the blocks of windows that have ended (called with the lock held)."""
        if now - self._pruned >= PRUNE_EVERY_SECONDS:
            self._blocks = {name: block for name, block in self._blocks.items() if block.ends > now}
            self._pruned = now
