"""Request limits applied to every route: the body size, JSON nesting, and integer IDs.

- Every request body is capped by MAX_CONTENT_LENGTH (config MAX_BODY_BYTES, 1 MiB);
  a view that takes larger uploads declares its own limit with `body_limit`, applied
  before anything (the CSRF check included) reads the body.
- JSON nested deeper than MAX_JSON_DEPTH levels is a 400 naming the limit, never a
  RecursionError.
- `<int:…>` path segments beyond SQL's 64-bit integers do not match the route: 404.
- Control characters other than tab and newline, anywhere in a JSON body or a form's
  fields, are a 422 naming the field (CSV imports check their cells themselves).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from flask import Flask, Request, current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from domain.csv_safety import control_character_reason
from graph.errors import Invalid

SQL_INT_MAX = 2**63 - 1
JSON_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
BRACKET_RE = re.compile(r"[\[\]{}]")


class JsonTooDeep(ValueError):
    """The JSON text nests arrays and objects deeper than the configured limit."""


def json_depth(text: str | bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text (brackets in strings skipped)."""
    data = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    depth = deepest = 0
    for bracket in BRACKET_RE.findall(JSON_STRING_RE.sub("", data)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


class JSONProvider(DefaultJSONProvider):
    """Flask's JSON, refusing nesting beyond MAX_JSON_DEPTH before it is parsed."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        limit = self._app.config["MAX_JSON_DEPTH"]
        if json_depth(s) > limit:
            raise JsonTooDeep(f"JSON nested deeper than {limit} levels is not accepted.")
        return json.loads(s, **kwargs)


class LimitedRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None) -> Any:
        if isinstance(e, JsonTooDeep):
            raise BadRequest(str(e))
        return super().on_json_loading_failed(e)


class SqlIdConverter(IntegerConverter):
    """`<int:…>`: unsigned ASCII digits up to SQL's largest integer; beyond, no match."""

    regex = r"[0-9]+"

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        super().__init__(map, *args, **kwargs)
        self.max = SQL_INT_MAX if self.max is None else min(self.max, SQL_INT_MAX)


def body_limit(config_key: str, *, extra: int = 0) -> Callable[[Callable], Callable]:
    """Let a view read bodies up to `config[config_key] + extra` bytes (uploads)."""
    def decorator(view: Callable) -> Callable:
        view.body_limit = (config_key, extra)
        return view
    return decorator


def _apply_view_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    declared = getattr(view, "body_limit", None)
    if declared is not None:
        config_key, extra = declared
        request.max_content_length = current_app.config[config_key] + extra


def _strings(value: Any, path: str) -> list[tuple[str, str]]:
    """Every string in a parsed JSON value (keys too) with its path: a.b[2]."""
    out, stack = [], [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, str):
            out.append((where, node))
        elif isinstance(node, dict):
            for key, item in node.items():
                name = f"{where}.{key}" if where else str(key)
                out.append((name, str(key)))
                stack.append((item, name))
        elif isinstance(node, list):
            stack.extend((item, f"{where}[{i}]") for i, item in enumerate(node))
    return out


def _refuse_control_characters() -> None:
    texts: list[tuple[str, str]] = []
    if request.is_json:
        texts = _strings(request.get_json(silent=True), "")
    elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        texts = [(name, value) for name, value in request.form.items(multi=True)]
    errors = [{"field": name or "(body)", "value": text[:100], "reason": reason}
              for name, text in texts if (reason := control_character_reason(text))]
    if errors:
        fields = ", ".join(e["field"] for e in errors)
        raise Invalid(f"The input is invalid ({fields}: contains a control character).",
                      errors=errors)


def init_app(app: Flask) -> None:
    """Call before CSRF is set up, so an upload's own limit holds when its form is read."""
    app.request_class = LimitedRequest
    app.json = JSONProvider(app)
    app.url_map.converters["int"] = SqlIdConverter
    app.before_request(_apply_view_limit)
    app.before_request(_refuse_control_characters)
