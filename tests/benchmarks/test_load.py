"""The load client: the fixed mix, rotation through keys, errors by kind, credentials."""
from __future__ import annotations

import threading

import requests

from app.benchmarks import load

TARGET = load.Target(url="http://bench.invalid", token="tok", cookie="session=abc")


def test_the_mix_names_the_real_routes():
    endpoints = load.mix(slug="bench-x", municipalities=["m1", "m2"], schools=["s1"])
    paths = {e.name: e.paths for e in endpoints}
    assert paths["healthz"] == ("/healthz",)
    assert paths["api seg municipality"] == (
        "/api/v1/tenants/bench-x/indicators/segregation?territory=municipality:m1",
        "/api/v1/tenants/bench-x/indicators/segregation?territory=municipality:m2")
    assert paths["api seg programme"] == (
        "/api/v1/tenants/bench-x/indicators/segregation?territory=programme",)
    assert paths["api school indicators"] == ("/api/v1/tenants/bench-x/indicators/schools/s1",)
    assert paths["page overview"] == ("/t/bench-x/indicators/",)
    assert paths["page school"] == ("/t/bench-x/schools/s1/indicators",)
    auth = {e.name: e.auth for e in endpoints}
    assert auth["healthz"] == "none" and auth["page school"] == "session"
    assert auth["api schools list"] == "token"


def test_clients_cycle_the_mix_rotate_keys_and_count_errors_by_kind():
    endpoints = [load.Endpoint("ok", ("/a", "/b"), "token"),
                 load.Endpoint("broken", ("/c",), "session"),
                 load.Endpoint("down", ("/d",), "none")]
    seen: list[tuple[str, dict]] = []
    lock = threading.Lock()

    def sender() -> load.Send:
        def send(path: str, headers: dict[str, str]) -> tuple[int, int]:
            with lock:
                seen.append((path, headers))
            if path == "/c":
                return 500, 10
            if path == "/d":
                raise requests.ConnectionError("refused")
            return 200, 100
        return send

    result = load.run(endpoints=endpoints, target=TARGET, clients=3, seconds=0.2,
                      sender=sender)
    ok, broken, down = (result.tallies[n] for n in ("ok", "broken", "down"))
    assert ok.errors == 0 and len(ok.latencies) == ok.requests > 0
    assert broken.latencies == [] and broken.error_kinds == {"HTTP 500": broken.requests}
    assert down.error_kinds == {"ConnectionError": down.requests}
    assert result.body_bytes["ok"] == 100 * ok.requests
    assert len(seen) == ok.requests + broken.requests + down.requests
    assert {p for p, _ in seen} == {"/a", "/b", "/c", "/d"}
    headers = dict(seen)
    assert headers["/a"] == {"Authorization": "Bearer tok"}
    assert headers["/c"] == {"Cookie": "session=abc"}
    assert headers["/d"] == {}


def test_the_check_names_every_path_that_does_not_answer_200():
    endpoints = [load.Endpoint("ok", ("/a", "/b"), "token"),
                 load.Endpoint("pages", ("/login-wall", "/gone"), "session")]

    def send(path: str, headers: dict[str, str]) -> tuple[int, int]:
        if path == "/gone":
            raise requests.ConnectionError("refused")
        return (302, 0) if path == "/login-wall" else (200, 10)

    assert load.check(endpoints=endpoints, target=TARGET, send=send) == [
        "/login-wall: HTTP 302", "/gone: ConnectionError"]
    assert load.check(endpoints=endpoints[:1], target=TARGET, send=send) == []
