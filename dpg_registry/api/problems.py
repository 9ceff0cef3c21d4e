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


def document_problems(schema: dict) -> dict:
    """The OpenAPI document with its error responses as served: ``application/problem+json``, and a 400 on
    every operation, since any URL holding a NUL character is refused (see ``dpg_registry/urlcheck.py``)."""
    described = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.setdefault(400, {"description": "Bad Request", "content": {CONTENT_TYPE: dict(described)}})
            for status, response in responses.items():
                content = response.get("content", {})
                if int(status) >= 400 and "application/json" in content:
                    content[CONTENT_TYPE] = content.pop("application/json")
    return schema
