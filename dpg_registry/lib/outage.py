"""While the database cannot be reached, every request gets a short 503 with ``Retry-After``.

Pages get a small HTML page that needs no database; ``/api/`` gets problem+json. No traceback is
shown. Connections are checked at the start of each request (``conn_health_checks``), so the first
request after the database is back opens a new one: the web process needs no restart.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext
from django.views.defaults import server_error

from dpg_registry.lib.problems import problem

RETRY_AFTER_SECONDS = 30
UNREACHABLE = (OperationalError, InterfaceError)  # lost or refused connection, locked SQLite file
logger = logging.getLogger("dpg_registry.lib.outage")


def unavailable(request, error: BaseException) -> HttpResponse:
    logger.warning("database unavailable for %s %s: %s", request.method, request.path,
                   str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__)
    if request.path.startswith("/api/"):
        response = problem(503, gettext("Service unavailable"),
                           gettext("The registry's database cannot be reached. Try again shortly."))
    else:
        response = HttpResponse(render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}), status=503)
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
    """The same 503 when the database failed outside a view (sessions, sign-in, the response cache)."""
    error = sys.exc_info()[1]
    if isinstance(error, UNREACHABLE):
        return unavailable(request, error)
    return server_error(request)


class QuietOutage(logging.Filter):
    """Keeps the database's absence out of Django's error log: ``unavailable`` logs one line per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], UNREACHABLE))
