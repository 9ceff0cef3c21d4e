"""The OpenAPI document as the API answers: errors are problem details."""

from dpg_registry.lib.problems import CONTENT_TYPE


def document_problems(schema: dict) -> dict:
    """The OpenAPI document with its error responses as served: ``application/problem+json``, and a 400 on
    every operation, since any URL holding a NUL character is refused (see ``dpg_registry/lib/urlcheck.py``)."""
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
