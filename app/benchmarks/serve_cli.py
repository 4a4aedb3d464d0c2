"""`imant bench serve`: the platform under N concurrent clients, per endpoint.

With --make-tenant it first builds a Catalonia-sized programme (950 municipalities,
1,010 zones, 3,900 schools, 7 years of figures, 1.3 million families with one
application and one enrolment each; --scale shrinks every count) through the import
service. It then logs a benchmark coordinator in (a bearer token for the API, a session
cookie for the pages), starts `imant serve` (or gunicorn, --server gunicorn) on a free
port unless --url names a running server, requests every URL of the mix once, and runs
the fixed mix of app.benchmarks.load for --seconds. It prints per endpoint: requests,
errors, p50/p95/p99 latency, requests/s and p95 ÷ p95 of /healthz from the same run,
then the totals and the load average; --save keeps the figures as JSON and --compare
prints a saved run beside this one.
"""
from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from http.cookiejar import Cookie
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from app.benchmarks import compare, load, loader, server, stats
from app.benchmarks.synthetic import CATALONIA, Programme, shape_from
from app.extensions import db, graph
from app.models import Tenant

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


@click.command("serve")
@click.option("--clients", default=20, show_default=True, type=click.IntRange(1, 500))
@click.option("--seconds", default=60.0, show_default=True, type=click.FloatRange(0.1))
@click.option("--url", default=None, help="A running server (e.g. gunicorn); default: start "
              "`imant serve` on a free port for the run.")
@click.option("--server", "server_kind", type=click.Choice(server.SERVERS),
              default="imant-serve", show_default=True,
              help="What to start when no --url is given: `imant serve` or the README's "
                   "gunicorn command (sync workers).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64),
              help="gunicorn workers (with --server gunicorn).")
@click.option("--tenant", "slug", default="bench-serve", show_default=True,
              help="The programme to measure.")
@click.option("--make-tenant", is_flag=True, help="(Re)build the programme first, through "
              "the import service (its slug must start with 'bench-').")
@click.option("--scale", type=click.FloatRange(0, 1, min_open=True), default=1.0,
              show_default=True, help="Shrink every count of the Catalonia-sized programme.")
@click.option("--families", type=click.IntRange(0), default=None,
              help=f"Families of the built programme (default {CATALONIA.families:,} × "
                   "--scale; 0 for none).")
@click.option("--keys", default=5, show_default=True, type=click.IntRange(1, 200),
              help="Municipalities and schools the keyed requests rotate through.")
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(1),
              help="Seconds before one request counts as an error.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--save", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write this run's figures as JSON (e.g. before.json).")
@click.option("--compare", "compare_to", type=click.Path(exists=True, dir_okay=False,
                                                         path_type=Path), default=None,
              help="A run saved with --save, printed beside this one (before → after).")
@with_appcontext
def serve_bench(clients: int, seconds: float, url: str | None, server_kind: str, workers: int,
                slug: str, make_tenant: bool, scale: float, families: int | None, keys: int,
                timeout: float, seed: int, save: Path | None, compare_to: Path | None) -> None:
    """Load the platform with N clients for S seconds; print latency per endpoint."""
    before = _saved(compare_to)
    graph.ping()  # start (or find) the graph server here, so a started `imant serve` shares it
    tenant = _build(slug, scale=scale, families=families, seed=seed) if make_tenant \
        else _existing(slug)
    email, password, token = credentials(tenant)
    what = "`imant serve`" if server_kind == "imant-serve" else f"gunicorn -w {workers}"
    measure = functools.partial(_measure, tenant=tenant, email=email, password=password,
                                token=token, clients=clients, seconds=seconds, keys=keys,
                                timeout=timeout, save=save, before=before,
                                server_name="a server at --url" if url else what)
    if url:
        measure(url.rstrip("/"))
        return
    log = Path(current_app.config["INSTANCE_PATH"]) / "bench" / f"{server_kind}.log"
    with contextlib.ExitStack() as stack:
        try:
            started_url, ready = stack.enter_context(
                server.served(log_path=log, server=server_kind, workers=workers))
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"started {what} at {started_url}: /healthz answered after "
                   f"{ready:.1f} s (its output: {log})")
        measure(started_url)


def _saved(path: Path | None) -> dict | None:
    """The run given to --compare, read before any work so a bad file fails at once."""
    if path is None:
        return None
    try:
        return compare.read(path)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--compare") from None


def _build(slug: str, *, scale: float, families: int | None, seed: int) -> Tenant:
    from app.imports.bench import delete_tenant
    if not slug.startswith("bench-"):
        raise click.BadParameter("--make-tenant replaces the programme's data: its slug must "
                                 "start with 'bench-'", param_hint="--tenant")
    shape = shape_from(scale=scale, families=families, schools=None, base=CATALONIA)
    tenant = loader.bench_tenant(slug=slug, name="Serve benchmark",
                                 start_year=shape.last_year - shape.years + 1)
    click.echo(f"building {slug}: {shape.describe()}")
    started = time.perf_counter()
    removed = delete_tenant(slug=slug)
    if removed:
        click.echo(f"  removed the previous data: {removed:,} nodes "
                   f"in {time.perf_counter() - started:.1f} s")
    max_rows = int(current_app.config["IMPORT_MAX_ROWS"])
    loaded = loader.load(tenant=tenant, programme=Programme(shape, seed=seed),
                         max_rows=max_rows, progress=click.echo)
    for line in loader.table(loaded):
        click.echo("  " + line)
    click.echo(f"built {slug} in {time.perf_counter() - started:.1f} s "
               f"({loaded.files} files through the import service)")
    return tenant


def _existing(slug: str) -> Tenant:
    tenant = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    if tenant is None:
        raise click.UsageError(f"no programme {slug!r}: build it with --make-tenant")
    return tenant


def credentials(tenant: Tenant) -> tuple[str, str, str]:
    """(email, password, bearer token) of the programme's benchmark coordinator, whose
    password is reset for this run."""
    from app.auth.service import create_token, create_user, get_user, grant
    from graph.errors import NotFound
    email = f"bench-coordinator@{tenant.slug}.invalid"
    password = secrets.token_urlsafe(18)
    try:
        user = get_user(email=email)
        user.set_password(password)
        db.session.commit()
    except NotFound:
        user = create_user(email=email, password=password, name="Benchmark coordinator")
    grant(user=user, tenant=tenant, role="coordinator")
    return email, password, create_token(user=user, name="bench serve")


def login(url: str, *, email: str, password: str) -> str:
    """Log in through the form; the session as a Cookie header (sent even over plain
    HTTP when the server marks its cookies Secure, as production does)."""
    import requests
    form = requests.get(f"{url}/login", timeout=30)
    found = CSRF.search(form.text)
    if found is None:
        raise click.ClickException(f"no login form at {url}/login")
    answer = requests.post(f"{url}/login", timeout=30, allow_redirects=False,
                           data={"email": email, "password": password,
                                 "csrf_token": found.group(1)},
                           headers={"Cookie": _cookie_header(form.cookies)})
    if answer.status_code != 302:
        raise click.ClickException(f"login failed at {url}/login: HTTP {answer.status_code}")
    return _cookie_header(answer.cookies)


def _cookie_header(jar: Iterable[Cookie]) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def sample_keys(url: str, *, slug: str, token: str, plural: str, count: int) -> list[str]:
    """`count` keys spread over the first page of a list of the API (the first included)."""
    import requests
    answer = requests.get(f"{url}{load.API.format(slug=slug)}/{plural}?per_page=200",
                          headers={"Authorization": f"Bearer {token}"}, timeout=60)
    answer.raise_for_status()
    found = [item["key"] for item in answer.json()["items"]]
    if not found:
        raise click.ClickException(f"programme {slug!r} has no {plural}")
    step = max(1, len(found) // count)
    return found[::step][:count]


def _measure(url: str, *, tenant: Tenant, email: str, password: str, token: str, clients: int,
             seconds: float, keys: int, timeout: float, server_name: str,
             save: Path | None, before: dict | None) -> None:
    slug = tenant.slug
    target = load.Target(url=url, token=token, cookie=login(url, email=email,
                                                            password=password))
    endpoints = load.mix(
        slug=slug,
        municipalities=sample_keys(url, slug=slug, token=token, plural="municipalities",
                                   count=keys),
        schools=sample_keys(url, slug=slug, token=token, plural="schools", count=keys))
    started = time.perf_counter()
    sender = load.HttpSender(url, timeout=timeout)
    try:
        problems = load.check(endpoints=endpoints, target=target, send=sender)
    finally:
        sender.close()
    if problems:
        raise click.ClickException("the mix fails before the run:\n  " + "\n  ".join(problems))
    click.echo(f"checked {sum(len(e.paths) for e in endpoints)} URLs of the mix, one request "
               f"each, all HTTP 200 ({time.perf_counter() - started:.1f} s, not counted)")
    load_before = _load_average()
    click.echo(f"{clients} clients for {seconds:g} s against {url}, programme {slug}; "
               f"load average before: {load_before}")
    result = load.run(endpoints=endpoints, target=target, clients=clients, seconds=seconds,
                      timeout=timeout)
    for line in report(result):
        click.echo(line)
    load_after = _load_average()
    click.echo(f"load average after: {load_after}")
    about = {"when": datetime.now(UTC).isoformat(timespec="seconds"), "url": url,
             "server": server_name, "programme": slug, "clients": clients,
             "seconds": round(result.seconds, 1), "load_average": f"{load_before} → {load_after}"}
    _before_and_after(summaries(result), about=about, save=save, before=before)


def _before_and_after(rows: list[tuple[str, dict]], *, about: dict, save: Path | None,
                      before: dict | None) -> None:
    if before is not None:
        click.echo("before → after (the run given to --compare, then this one):")
        for line in compare.table(before, rows):
            click.echo(line)
    if save is not None:
        compare.save(save, rows=rows, about=about)
        click.echo(f"saved this run to {save}")


def summaries(result: load.Result) -> list[tuple[str, dict]]:
    """(endpoint, summary) per endpoint of the mix, then ("total", summary)."""
    reference = stats.percentile(result.tallies["healthz"].latencies, 95)
    rows = [(name, stats.summary(t, seconds=result.seconds, reference_p95=reference))
            for name, t in result.tallies.items()]
    total = stats.Tally()
    for tally in result.tallies.values():
        total.merge(tally)
    rows.append(("total", stats.summary(total, seconds=result.seconds,
                                        reference_p95=reference)))
    return rows


def report(result: load.Result) -> list[str]:
    """The table (one line per endpoint, then the totals), sizes and any errors by kind."""
    lines = stats.table(summaries(result))
    lines.append(f"ran {result.seconds:.1f} s; latencies of answered requests (HTTP 200); "
                 "p95/healthz = p95 of the endpoint ÷ p95 of /healthz in this run")
    sizes = ", ".join(f"{name} {result.body_bytes.get(name, 0) / len(t.latencies) / 1024:,.1f}"
                      for name, t in result.tallies.items() if t.latencies)
    lines.append(f"mean answer size, KiB: {sizes}")
    for name, tally in result.tallies.items():
        if tally.error_kinds:
            kinds = ", ".join(f"{k} × {n}" for k, n in sorted(tally.error_kinds.items()))
            lines.append(f"errors of {name}: {kinds}")
    return lines


def _load_average() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())
