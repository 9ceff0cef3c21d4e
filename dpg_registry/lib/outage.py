"""While the database or Redis cannot be reached, every request that needs it gets a short 503 with ``Retry-After``.

Pages get a small HTML page that needs no database; ``/api/`` gets problem+json. No traceback is
shown. Connections are checked at the start of each request (``conn_health_checks``), so the first
request after the database is back opens a new one: the web process needs no restart. Redis, when
configured, holds the rate limits, cached pages and the RQ queue: without it a limit cannot be counted, so
the request is refused rather than let through unlimited; its client reconnects once Redis is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.defaults import server_error
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from dpg_registry.lib.problems import problem

RETRY_AFTER_SECONDS = 30
DATABASE_UNREACHABLE = (OperationalError, InterfaceError)  # lost or refused connection, locked SQLite file
UNREACHABLE = (*DATABASE_UNREACHABLE, RedisConnectionError, RedisTimeoutError)
logger = logging.getLogger("dpg_registry.lib.outage")


def unavailable(request, error: BaseException) -> HttpResponse:
    database = isinstance(error, DATABASE_UNREACHABLE)
    logger.warning("%s unavailable for %s %s: %s", "database" if database else "redis", request.method, request.path,
                   str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__)
    if request.path.startswith("/api/"):
        detail = (gettext("The registry's database cannot be reached. Try again shortly.") if database else
                  gettext("The registry's shared cache cannot be reached. Try again shortly."))
        response = problem(503, gettext("Service unavailable"), detail)
    else:
        context = {"retry_after": RETRY_AFTER_SECONDS, "database": database}
        response = HttpResponse(render_to_string("503.html", context), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailable:
    """Answers 503 when a view fails because the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, UNREACHABLE):
            return unavailable(request, exception)
        return None


def handler500(request):
    """The same 503 when the database or Redis failed outside a view (sessions, sign-in, the response cache)."""
    error = sys.exc_info()[1]
    if isinstance(error, UNREACHABLE):
        return unavailable(request, error)
    return server_error(request)


class QuietOutage(logging.Filter):
    """Keeps the database's or Redis's absence out of Django's error log: ``unavailable`` logs one line per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], UNREACHABLE))
