"""Caching of public reads, keyed on the registry's generation.

Every service that writes products gives the registry a new generation in the same
transaction, so a cached answer is never served after the data it was computed from has changed,
in any process. Generations are random, not counted: a rolled-back write cannot hand its number
to a later one.
"""

import hashlib
import secrets
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse

from dpg_registry.lib.languages import unprefixed
from dpg_registry.registry.models import RegistryGeneration

TIMEOUT = 3600
# How long a browser or CDN may keep a dump before it asks again (with its ETag).
DUMP_MAX_AGE = 300


# The generation a public read (``CachedPublicReads``) is answered from, read once for the whole request: its
# cache key and the facet index (``facet_index.current``) then agree, and the request reads it once.
_read_generation: ContextVar[int | None] = ContextVar("registry_read_generation", default=None)


def generation() -> int:
    known = _read_generation.get()
    if known is not None:
        return known
    # Plain SQL: every public read asks, and the ORM would take longer to build the statement than to run it.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {RegistryGeneration._meta.db_table} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def bump() -> None:
    """Mark the registry changed (call inside the writing transaction)."""
    RegistryGeneration.objects.update_or_create(pk=1, defaults={"value": secrets.randbits(62)})


def generation_etag(request, *args, **kwargs) -> str:
    """An ETag for a public read that depends only on the registry's data (the dumps): its generation and URL.

    One small query answers a conditional request, so a CDN revalidates a whole dump without it being rebuilt.
    """
    return '"' + hashlib.sha256(f"{generation()}:{request.get_full_path()}".encode()).hexdigest()[:32] + '"'


class CachedPublicReads:
    """Middleware: keep public GET responses (pages and API reads) until the registry changes.

    Only whole 200 responses to visitors without a session, and not marked private, are kept, keyed on the full URL and
    the registry's generation; streamed dumps pass through. With Redis configured every
    worker answers a repeated read from memory.
    """

    # The ecosystem's pages too: its writes give the registry a new generation as well (ecosystem/services.py).
    PREFIXES = (
        "/registry/", "/api/v1/", "/api/dpg", "/communities/", "/pathfinders/", "/members/", "/fifty-in-five/",
        "/calls/", "/countries/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable(request):
            return self.get_response(request)
        digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        current = generation()
        key = f"dpg:page:{current}:{digest}"
        stored = caches["pages"].get(key)
        if stored is not None:
            content_type, body = stored
            return HttpResponse(body, content_type=content_type)
        token = _read_generation.set(current)
        try:
            response = self.get_response(request)
        finally:
            _read_generation.reset(token)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.get("Cache-Control", "").startswith(("private", "no-store"))
        ):
            caches["pages"].set(key, (response["Content-Type"], response.content), TIMEOUT)
        return response

    def _cacheable(self, request) -> bool:
        path = unprefixed(request.path)  # /fr/registry/ is cached as /registry/ is, under its own key
        return (
            request.method == "GET"
            and (path == "/" or path.startswith(self.PREFIXES))
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )
