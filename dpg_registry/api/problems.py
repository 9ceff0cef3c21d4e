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


def problem_media_type(schema: dict) -> dict:
    """An OpenAPI document whose error responses (4xx, 5xx) are served as ``application/problem+json``."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content[CONTENT_TYPE] = content.pop("application/json")
    return schema
