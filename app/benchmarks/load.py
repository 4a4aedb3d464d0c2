"""A bounded, closed-loop load client: N threads cycle through a fixed mix of requests.

Threads and one pooled `requests.Session` per thread (keep-alive, as a browser or an API
client keeps its connection) are enough for a fixed mix at tens of clients: the work is
waiting on the server, and the GIL is released while waiting. A load framework (Locust,
k6) would add a process model, a UI and its own statistics to reproduce what
`percentile()` does in twenty lines, and could not share the app's own setup (tenant,
token, login). Each client sends its next request when the previous one has answered;
the run stops sending at the deadline and waits for the requests in flight.
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from app.benchmarks.stats import Tally

API = "/api/v1/tenants/{slug}"
_LOCK = threading.Lock()  # guards the merge of each client's tallies into the result


@dataclass(frozen=True)
class Endpoint:
    """One entry of the mix: a name, the paths it rotates through, and how it authenticates."""

    name: str
    paths: tuple[str, ...]
    auth: str  # "token" (API), "session" (pages) or "none"


@dataclass(frozen=True)
class Target:
    """Where to send the mix and with which credentials."""

    url: str
    token: str
    cookie: str  # the logged-in session, as a Cookie header

    def headers(self, auth: str) -> dict[str, str]:
        if auth == "token":
            return {"Authorization": f"Bearer {self.token}"}
        if auth == "session":
            return {"Cookie": self.cookie}
        return {}


def mix(*, slug: str, municipalities: list[str], schools: list[str]) -> list[Endpoint]:
    """The fixed mix: indicator endpoints, the schools lists, two pages and /healthz.

    Requests that name a municipality or a school rotate through the given keys, so a
    cache keyed by territory or school is not measured on one hot key only.
    """
    api = API.format(slug=slug)
    return [
        Endpoint("healthz", ("/healthz",), "none"),
        Endpoint("api seg municipality", tuple(
            f"{api}/indicators/segregation?territory=municipality:{m}" for m in municipalities),
            "token"),
        Endpoint("api seg programme", (f"{api}/indicators/segregation?territory=programme",),
                 "token"),
        Endpoint("api school indicators", tuple(
            f"{api}/indicators/schools/{s}" for s in schools), "token"),
        Endpoint("api schools list", (f"{api}/schools",), "token"),
        Endpoint("api schools latest", (f"{api}/indicators/schools",), "token"),
        Endpoint("page overview", (f"/t/{slug}/indicators/",), "session"),
        Endpoint("page school", tuple(f"/t/{slug}/schools/{s}/indicators" for s in schools),
                 "session"),
    ]


@dataclass
class Result:
    """Per-endpoint tallies (in mix order), the response bytes and the run's wall time."""

    tallies: dict[str, Tally]
    body_bytes: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


Send = Callable[[str, dict[str, str]], tuple[int, int]]  # (path, headers) -> (status, bytes)


class HttpSender:
    """Sends over one pooled connection; redirects are answers, not followed (a page that
    redirects to the login form counts as an error, not as a fast page)."""

    def __init__(self, base_url: str, *, timeout: float) -> None:
        import requests
        self.base_url, self.timeout = base_url, timeout
        self.session = requests.Session()

    def __call__(self, path: str, headers: dict[str, str]) -> tuple[int, int]:
        response = self.session.get(self.base_url + path, headers=headers,
                                    timeout=self.timeout, allow_redirects=False)
        return response.status_code, len(response.content)

    def close(self) -> None:
        self.session.close()


def check(*, endpoints: list[Endpoint], target: Target, send: Send) -> list[str]:
    """One request to every path of the mix, in turn (not counted): what did not answer 200.

    Run before the load, so a wrong key or a lost login fails in seconds rather than as a
    minute of errors; it also warms the server's caches and compiled paths once.
    """
    import requests
    problems = []
    for endpoint in endpoints:
        for path in endpoint.paths:
            try:
                status, _ = send(path, target.headers(endpoint.auth))
            except requests.RequestException as exc:
                problems.append(f"{path}: {type(exc).__name__}")
                continue
            if status != 200:
                problems.append(f"{path}: HTTP {status}")
    return problems


def _client(number: int, endpoints: list[Endpoint], target: Target, deadline: float,
            send: Send, out: Result) -> None:
    """One client: cycle through the mix from its own offset until the deadline."""
    import requests
    tallies = {e.name: Tally() for e in endpoints}
    sizes = dict.fromkeys(tallies, 0)
    turn = number
    while time.monotonic() < deadline:
        endpoint = endpoints[turn % len(endpoints)]
        path = endpoint.paths[(turn // len(endpoints)) % len(endpoint.paths)]
        turn += 1
        tally = tallies[endpoint.name]
        started = time.perf_counter()
        try:
            status, size = send(path, target.headers(endpoint.auth))
        except requests.Timeout:
            tally.error("timeout")
            continue
        except requests.RequestException as exc:
            tally.error(type(exc).__name__)
            continue
        if status != 200:
            tally.error(f"HTTP {status}")
            continue
        tally.latencies.append(time.perf_counter() - started)
        sizes[endpoint.name] += size
    with _LOCK:
        for name, tally in tallies.items():
            out.tallies[name].merge(tally)
            out.body_bytes[name] = out.body_bytes.get(name, 0) + sizes[name]


def run(*, endpoints: list[Endpoint], target: Target, clients: int, seconds: float,
        timeout: float = 60.0, sender: Callable[[], Send] | None = None) -> Result:
    """Run `clients` closed-loop clients for `seconds`; every request in flight is waited for."""
    make = sender or (lambda: HttpSender(target.url, timeout=timeout))
    senders = [make() for _ in range(clients)]
    out = Result(tallies={e.name: Tally() for e in endpoints})
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=_client, name=f"bench-client-{n}",
                                args=(n, endpoints, target, deadline, send, out))
               for n, send in enumerate(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    out.seconds = time.monotonic() - started
    for send in senders:
        if isinstance(send, HttpSender):
            send.close()
    return out
