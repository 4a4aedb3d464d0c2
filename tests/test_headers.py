"""Security headers on every response (issue 10, failure 4): a CSP without inline scripts
that forbids framing, nosniff, a referrer policy, and HSTS in production."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import make_config, sql_settings

TEMPLATES = Path(__file__).resolve().parent.parent / "app" / "templates"
SAMPLE_ARGS = {"slug": None, "key": "k-1", "kind": "partners", "filename": "imant.css",
               "artifact_id": 1, "run_id": 1, "year": 2024, "territory": "m-1",
               "school": "s-1", "fmt": "html", "cycle": 2020, "period": "2024"}


def _directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


def assert_secure_headers(response, where: str) -> None:
    headers = response.headers
    csp = _directives(headers.get("Content-Security-Policy", ""))
    assert csp.get("frame-ancestors") == "frame-ancestors 'none'", where
    script = csp.get("script-src") or csp.get("default-src", "")
    assert script and "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, where
    assert headers.get("X-Frame-Options") == "DENY", where
    assert headers.get("X-Content-Type-Options") == "nosniff", where
    assert headers.get("Referrer-Policy") == "strict-origin-when-cross-origin", where


def _url(rule, slug: str) -> str:
    path = rule.rule
    for arg in rule.arguments:
        value = slug if arg == "slug" else SAMPLE_ARGS.get(arg, "x")
        path = re.sub(rf"<(?:[^:<>]+:)?{arg}>", str(value), path)
    return path


@pytest.mark.parametrize("logged_in", [False, True])
def test_every_route_answers_with_the_security_headers(app, client, tenant, login_as,
                                                        logged_in):
    if logged_in:
        login_as("coordinator")
    checked = 0
    for rule in app.url_map.iter_rules():
        method = "GET" if "GET" in rule.methods else sorted(rule.methods - {"OPTIONS"})[0]
        url = _url(rule, tenant.slug)
        response = client.open(url, method=method)
        response.close()  # a static file's handle
        assert_secure_headers(response, f"{method} {url} -> {response.status_code}")
        checked += 1
    assert checked == len(list(app.url_map.iter_rules())) > 100


def test_errors_and_unknown_paths_carry_the_headers(client):
    assert_secure_headers(client.get("/no/such/page"), "404")
    assert_secure_headers(client.post("/logout"), "CSRF refusal")


def test_no_hsts_outside_production(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_production_sends_hsts(tmp_path, graph_server):
    from app import create_app
    from config import ProductionConfig
    base = make_config(tmp_path, graph_server, sql_settings("sqlite", None, tmp_path))
    config = type("Production", (ProductionConfig,), {
        **{k: v for k, v in vars(base).items() if k.isupper()}, "SECRET_KEY": "s" * 32})
    app = create_app(config)
    response = app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_secure_headers(response, "production")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_no_template_carries_inline_script_or_event_handlers():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, EVENT_HANDLER):
            offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0).strip()}"
                          for m in pattern.finditer(text)]
        if "javascript:" in text:
            offenders.append(f"{path.relative_to(TEMPLATES)}: javascript: URL")
    assert offenders == []
