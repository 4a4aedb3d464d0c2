"""The OpenAPI 3 document, assembled from what each endpoint declares."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

_PATHS: dict[str, dict[str, Any]] = {}
_SCHEMAS: dict[str, Any] = {}

ERROR = {
    "type": "object",
    "properties": {
        "error": {"type": "string"},
        "message": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object"}},
    },
    "required": ["error", "message"],
}

TYPING = ("Strict typing: request bodies are typed as their schemas say. A number must be "
          "a JSON number (25, not \"25\"), a boolean a JSON boolean, a list a JSON array "
          "(a single string is not a list of one); anything else is a 422 naming the field. "
          "Query parameters are text and are read as numbers of ASCII digits.")
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"},
        "description": "Tenant (programme) slug"}


def schema(name: str, definition: dict[str, Any]) -> dict[str, str]:
    """Register a component schema; returns a $ref to it."""
    _SCHEMAS[name] = definition
    return {"$ref": f"#/components/schemas/{name}"}


def json_body(ref: dict[str, Any], description: str = "OK") -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ref}}}


def documented(path: str, method: str, *, summary: str, parameters: list | None = None,
               body: dict | None = None, responses: dict | None = None,
               tag: str = "general") -> Callable:
    """Declare an endpoint in the document (path in OpenAPI form: /tenants/{slug}/…)."""
    def decorator(view: Callable) -> Callable:
        operation: dict[str, Any] = {
            "summary": summary, "tags": [tag],
            "operationId": f"{method}_{view.__module__.rsplit('.', 1)[-1]}_{view.__name__}",
            "parameters": parameters or [],
            "responses": _with_errors(responses or {"200": {"description": "OK"}}),
        }
        if body is not None:
            operation["requestBody"] = {"required": True,
                                        "content": {"application/json": {"schema": body}}}
        _PATHS.setdefault(path, {})[method.lower()] = operation
        return view
    return decorator


def _with_errors(responses: dict) -> dict:
    err = {"description": "Error", "content": {"application/json": {"schema": {
        "$ref": "#/components/schemas/Error"}}}}
    out = dict(responses)
    for status in ("401", "403", "404"):
        out.setdefault(status, err)
    return out


def document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Imant API", "version": "1.0.0",
                 "description": "School–institution alliances: the programme's network, "
                                "indicators and reports.\n\n" + TYPING},
        "servers": [{"url": "/api/v1"}],
        "paths": dict(sorted(_PATHS.items())),
        "components": {
            "schemas": {"Error": ERROR, **_SCHEMAS},
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}],
    }
