"""Caching of expensive reads (facet counts), keyed on the registry's generation.

Every service that writes products gives the registry a new generation in the same
transaction, so a cached answer is never served after the data it was computed from has changed,
in any process. Generations are random, not counted: a rolled-back write cannot hand its number
to a later one.
"""

import hashlib
import secrets
from collections.abc import Callable

from django.core.cache import cache

from dpg_registry.registry.models import RegistryGeneration

TIMEOUT = 3600


def generation() -> int:
    row = RegistryGeneration.objects.filter(pk=1).values_list("value", flat=True).first()
    return row or 0


def bump() -> None:
    """Mark the registry changed (call inside the writing transaction)."""
    RegistryGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62)})


def cached(name: str, parts: list, compute: Callable):
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    key = f"dpg:{name}:{generation()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT)
    return value
