"""Errors as RFC 9457 problem details (``application/problem+json``)."""

import json

from django.http import HttpResponse

CONTENT_TYPE = "application/problem+json"


def problem(status: int, title: str, detail: str = "", **extra) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)
