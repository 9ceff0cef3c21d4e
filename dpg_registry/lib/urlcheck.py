"""Refuse URLs holding a NUL character before any view reads them.

PostgreSQL cannot store or compare text with NUL (it raises an error where SQLite just finds nothing),
and no slug, filter value or identifier of the registry contains one. The answer names the place: the
path or the query parameter; the API answers with problem details.
"""

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext

from dpg_registry.lib.problems import problem

NUL = "\x00"
API_PREFIX = "/api/"


class RejectNulCharacters:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        place = self._place_of_nul(request)
        if place is None:
            return self.get_response(request)
        parameter, detail = place
        if request.path.startswith(API_PREFIX):
            return problem(400, "Invalid request", detail, **({"parameter": parameter} if parameter else {}))
        return HttpResponseBadRequest(detail, content_type="text/plain; charset=utf-8")

    @staticmethod
    def _place_of_nul(request) -> tuple[str, str] | None:
        if NUL in request.path:
            return "", gettext("The address's path contains a NUL character.")
        for name, values in request.GET.lists():
            if NUL in name or any(NUL in value for value in values):
                shown = name.replace(NUL, "\\x00")
                return shown, gettext("The query parameter “%(name)s” contains a NUL character.") % {"name": shown}
        return None
