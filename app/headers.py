"""Security headers on every response: a Content Security Policy without inline scripts
that forbids framing, nosniff, a referrer policy, and HSTS where the config asks for it.

A view may send its own, stricter policy (report files do); framing stays forbidden.
"""
from __future__ import annotations

from flask import Flask, Response, current_app

# the one <style> element the vendored Cytoscape.js inserts (".__________cytoscape_container
# { position: relative; }"), allowed by its hash rather than all inline styles
CYTOSCAPE_STYLE = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    f"style-src 'self' {CYTOSCAPE_STYLE}",
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
