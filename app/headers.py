"""Security headers on every response: a Content Security Policy without inline scripts
that forbids framing, nosniff, a referrer policy, and HSTS where the config asks for it.

A view may send its own, stricter policy (report files do); framing stays forbidden.
"""
from __future__ import annotations

from flask import Flask, Response, current_app

CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    # Styles may be inline, scripts never: the indicator charts are SVG inlined in the page,
    # drawn by matplotlib with style attributes and a <style> element (blocked, every line
    # became a black filled shape), and the vendored Cytoscape.js inserts a <style> element.
    # Jinja escapes every value, so no user text reaches a style.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
FIXED = {
    "X-Frame-Options": "DENY",  # for browsers that ignore frame-ancestors
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def add_security_headers(response: Response) -> Response:
    policy = response.headers.get("Content-Security-Policy")
    if policy is None:
        response.headers["Content-Security-Policy"] = CSP
    elif "frame-ancestors" not in policy:
        response.headers["Content-Security-Policy"] = f"{policy}; frame-ancestors 'none'"
    for name, value in FIXED.items():
        response.headers[name] = value
    max_age = current_app.config["HSTS_MAX_AGE"]
    if max_age:
        response.headers["Strict-Transport-Security"] = f"max-age={max_age}; includeSubDomains"
    return response


def init_app(app: Flask) -> None:
    app.after_request(add_security_headers)
