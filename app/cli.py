"""The `imant` command: a Flask CLI group over create_app, carrying every command."""
from __future__ import annotations

import atexit
import contextlib
import ctypes
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup, with_appcontext

from graph.errors import DomainError


def _create_app() -> Flask:
    """The app of a command: it reuses a running embedded graph server, or starts one that
    outlives it (`serve` owns the server it starts instead)."""
    from app import create_app
    from app.extensions import graph
    from config import config_from_env
    app = create_app(config_from_env())
    graph.set_embedded_start("detached")
    return app


# What `imant --help` lists: each command's one-line help, so that the listing needs no app
# (building one loads every feature, about two seconds). tests/test_cli.py renders the
# listing both ways and fails if this table and the app's commands part.
CATALOGUE = {
    "bench": "Benchmarks: each prints the figures it measured.",
    "check": "List stored records that break the integrity rules, one line each; exit "
             "status 1 if there are any.",
    "create-tenant": "Create a programme (tenant).",
    "create-token": "Issue an API token (printed once) and say when it expires.",
    "create-user": "Create a user account.",
    "db": "Perform database migrations.",
    "deactivate-user": "Deactivate a user: their sessions and tokens stop at the next "
                       "request.",
    "grant": "Give a user a role in a programme.",
    "graph": "The graph database.",
    "import": "Import CSV files (header row, UTF-8) of KIND: each PATH a file, a folder (its "
              "*.csv files, by name) or - for standard input.",
    "limiter": "Flask-Limiter maintenance & utility commands",
    "reports": "Annual school reports and evaluation bundles.",
    "revoke-token": "Revoke API tokens: one by its prefix, or all of a user's.",
    "routes": "Show the routes for the app.",
    "run": "Run a development server.",
    "scheduler": "Run the job scheduler in this process (production: exactly one such "
                 "process).",
    "seed-demo": "Create the demo programmes and one demo user per role (idempotent).",
    "serve": "Serve the platform (starts the embedded graph server if needed).",
    "set-phases": "Set the programme's phase lengths (the Catalan defaults are 1, 2 and 4 "
                  "years).",
    "shell": "Run a shell in the app context.",
}
# commands whose one-line help is their own `short_help`, which click never shortens
AS_WRITTEN = frozenset({"routes", "run", "shell"})


class ImantGroup(FlaskGroup):
    """Flask's command group, except that the list of commands in `--help` comes from
    CATALOGUE instead of building the app, and `serve` starts the embedded graph server
    while the app is being built. Running a command builds the app as before."""

    def resolve_command(self, ctx: click.Context, args: list[str]):
        if args and args[0] == "serve":
            _start_graph_early()
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        if not CATALOGUE:
            return
        limit = formatter.width - 6 - max(len(name) for name in CATALOGUE)
        with formatter.section("Commands"):
            formatter.write_dl([(name, text if name in AS_WRITTEN else _shortened(text, limit))
                                for name, text in sorted(CATALOGUE.items())])


def _start_graph_early() -> None:
    """Start the embedded graph server (if one is to be embedded and none runs) in the
    background: the JVM's start-up and the app's imports, each seconds long, overlap.

    The server is started for this process's life ("attached"), exactly as `serve` would
    start it; `serve` then finds it running (or waits on the start-up lock for it). A
    start that fails here is left to `serve`, which starts or reports as before."""
    import threading

    from config import config_from_env
    from graph.embedded import EmbeddedServer
    cfg = config_from_env()
    if cfg.GRAPH_URI:
        return
    server = EmbeddedServer(graph_dir=Path(cfg.GRAPH_DIR), database=cfg.GRAPH_DATABASE,
                            heap=cfg.GRAPH_HEAP, start="attached")

    def start() -> None:
        with contextlib.suppress(Exception):
            server.ensure()

    threading.Thread(target=start, name="imant-graph-early", daemon=True).start()


def _shortened(text: str, limit: int) -> str:
    """As click shortens a command's help to fit the listing."""
    if len(text) <= limit:
        return text
    if limit < 3:
        return "..."
    import textwrap
    return textwrap.shorten(text, limit, placeholder="...", break_on_hyphens=False)


@click.group(cls=ImantGroup, create_app=_create_app, add_default_commands=True,
             add_version_option=False)
def cli() -> None:
    """Imant: school–institution alliances against school segregation."""


def fail_on_domain_errors(fn):
    """Print a domain error as one clear line and exit 1, never a traceback."""
    import functools

    @functools.wraps(fn)
    def wrapped(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DomainError as exc:
            click.echo(f"error: {exc.message}", err=True)
            for err in exc.errors:
                click.echo("  " + ", ".join(f"{k}={v}" for k, v in err.items()), err=True)
            sys.exit(1)
    return wrapped


@click.command("create-tenant")
@click.option("--slug", required=True)
@click.option("--name", required=True)
@click.option("--start-year", type=int, required=True)
@with_appcontext
@fail_on_domain_errors
def create_tenant_cmd(slug: str, name: str, start_year: int) -> None:
    """Create a programme (tenant)."""
    from app.platform import create_tenant
    tenant = create_tenant(slug=slug, name=name, start_year=start_year)
    click.echo(f"created tenant {tenant.slug}")


@click.command("set-phases")
@click.option("--tenant", "slug", required=True)
@click.option("--advice", "advice_years", type=int, help="Years of advice (year 0)")
@click.option("--training", "training_years", type=int, help="Years of intensive training")
@click.option("--accompaniment", "accompaniment_years", type=int,
              help="Years of accompaniment")
@with_appcontext
@fail_on_domain_errors
def set_phases_cmd(slug: str, **lengths: int | None) -> None:
    """Set the programme's phase lengths (the Catalan defaults are 1, 2 and 4 years)."""
    from app.platform import get_tenant, set_phase_lengths
    after = set_phase_lengths(tenant=get_tenant(slug=slug),
                              **{k: v for k, v in lengths.items() if v is not None})
    click.echo(", ".join(f"{k} {v}" for k, v in after.items()))


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="")
@click.option("--platform-admin", is_flag=True)
@with_appcontext
@fail_on_domain_errors
def create_user_cmd(email: str, password: str, name: str, platform_admin: bool) -> None:
    """Create a user account."""
    from app.auth.service import create_user
    user = create_user(email=email, password=password, name=name, platform_admin=platform_admin)
    click.echo(f"created user {user.email}")


@click.command("grant")
@click.option("--email", required=True)
@click.option("--tenant", "slug", required=True)
@click.option("--role", required=True,
              type=click.Choice(["coordinator", "partner", "municipality", "school", "evaluator"]))
@click.option("--key", "scope_key", default=None,
              help="Key of the partner, municipality or school the membership is bound to.")
@with_appcontext
@fail_on_domain_errors
def grant_cmd(email: str, slug: str, role: str, scope_key: str | None) -> None:
    """Give a user a role in a programme."""
    from app.auth.service import get_user, grant
    from app.platform import get_tenant
    m = grant(user=get_user(email=email), tenant=get_tenant(slug=slug), role=role,
              scope_key=scope_key)
    click.echo(f"{email} is {m.role}{' of ' + m.scope_key if m.scope_key else ''} in {slug}")


@click.command("create-token")
@click.option("--email", required=True)
@click.option("--name", default="cli")
@click.option("--days", type=click.IntRange(1, 3650), default=None,
              help="Days until it expires (default TOKEN_LIFETIME_DAYS, 90).")
@with_appcontext
@fail_on_domain_errors
def create_token_cmd(email: str, name: str, days: int | None) -> None:
    """Issue an API token (printed once) and say when it expires."""
    from app.auth.service import get_user, issue_token
    days = days or current_app.config["TOKEN_LIFETIME_DAYS"]
    clear, expires = issue_token(user=get_user(email=email), name=name, days=days)
    click.echo(clear)
    click.echo(f"expires {expires.date().isoformat()} (in {days} days)")


@click.command("revoke-token")
@click.option("--prefix", default=None, help="The token's first 12 characters (imt_…).")
@click.option("--email", default=None, help="Revoke every active token of this user.")
@with_appcontext
@fail_on_domain_errors
def revoke_token_cmd(prefix: str | None, email: str | None) -> None:
    """Revoke API tokens: one by its prefix, or all of a user's."""
    from app.auth.lifecycle import revoke_tokens
    count = revoke_tokens(prefix=prefix, email=email)
    click.echo(f"revoked {count} token{'s' if count != 1 else ''}")


@click.command("deactivate-user")
@click.option("--email", required=True)
@with_appcontext
@fail_on_domain_errors
def deactivate_user_cmd(email: str) -> None:
    """Deactivate a user: their sessions and tokens stop at the next request."""
    from app.auth.lifecycle import deactivate_user
    from app.auth.service import get_user
    user = get_user(email=email)
    deactivate_user(user=user)
    click.echo(f"{user.email} is deactivated: sessions ended, tokens revoked")


@click.command("seed-demo")
@with_appcontext
@fail_on_domain_errors
def seed_demo_cmd() -> None:
    """Create the demo programmes and one demo user per role (idempotent)."""
    from app.demo import demo_password, seed_demo
    password, generated = demo_password(configured=current_app.config.get("DEMO_PASSWORD"),
                                        instance=Path(current_app.config["INSTANCE_PATH"]))
    started = time.monotonic()
    logins = seed_demo(password=password)
    click.echo(f"demo seeded in {time.monotonic() - started:.1f} s; logins:")
    for slug, role, email in logins:
        click.echo(f"  {slug:10} {role:15} {email}")
    click.echo(f"  password: {password}" + ("  (generated; set IMANT_DEMO_PASSWORD to choose)"
                                            if generated else ""))


@click.command("check")
@click.option("--tenant", "slug", default=None, help="One programme (default: every one).")
@with_appcontext
@fail_on_domain_errors
def check_cmd(slug: str | None) -> None:
    """List stored records that break the integrity rules, one line each; exit status 1 if
    there are any. Nothing is changed."""
    from app.network.service_check import describe, problems_of
    tenants = _programmes(slug)
    found = 0
    for tenant in tenants:
        for finding in problems_of(tenant=tenant.slug):
            click.echo(describe(tenant=tenant.slug, finding=finding))
            found += 1
    click.echo(f"{found} problem{'s' if found != 1 else ''} in {len(tenants)} programme"
               f"{'s' if len(tenants) != 1 else ''}", err=True)
    sys.exit(1 if found else 0)


def _programmes(slug: str | None) -> list:
    """The programme `slug`, or every programme by slug (commands that take --programme)."""
    from app.extensions import db
    from app.models import Tenant
    from app.platform import get_tenant
    if slug:
        return [get_tenant(slug=slug)]
    return list(db.session.execute(db.select(Tenant).order_by(Tenant.slug)).scalars())


@click.command("recount")
@click.option("--programme", "slug", default=None, help="Only this programme (slug).")
@click.option("--force", is_flag=True, help="Rebuild even counts that are up to date.")
@with_appcontext
def recount_cmd(slug: str | None, force: bool) -> None:
    """Rebuild the family counts the indicators read (per school and year) from the family
    rows, for every programme whose counts were never built or have an older layout. Part
    of an upgrade, after `imant graph init`; imports keep the counts current afterwards."""
    from app.extensions import graph
    from graph import family_counts
    for tenant in _programmes(slug):
        current = graph.read(family_counts.layout, tenant=tenant.slug) == family_counts.LAYOUT
        if current and not force:
            click.echo(f"{tenant.slug}: up to date")
            continue
        started = time.monotonic()
        counts = graph.write_long(family_counts.recount, timeout=3_600, tenant=tenant.slug)
        click.echo(f"{tenant.slug}: {counts:,} school-year counts rebuilt in "
                   f"{time.monotonic() - started:.1f} s")


@click.command("serve")
@click.option("--host", default="127.0.0.1")
@click.option("--port", default=5000, type=int)
@click.option("--threads/--no-threads", default=True)
@click.option("--demo", is_flag=True,
              help="First migrate, initialise the graph and seed the demo programmes.")
@with_appcontext
def serve_cmd(host: str, port: int, threads: bool, demo: bool) -> None:
    """Serve the platform (starts the embedded graph server if needed)."""
    from werkzeug.serving import run_simple

    from app.audit import mirror_all
    from app.extensions import graph
    started = time.monotonic()
    graph.set_embedded_start("attached")  # the server lives as long as this process
    graph.ping()
    click.echo(f"graph server answering after {time.monotonic() - started:.1f} s")
    if demo:
        _prepare_demo()
    mirror_all()  # audit events left waiting in the graph by an earlier SQL outage
    app = current_app._get_current_object()
    if demo or app.config.get("SCHEDULER_BESIDE"):
        worker = start_worker()
        click.echo(f"worker `imant scheduler` started beside the server (pid {worker.pid})")
    click.echo(f"Imant is serving on http://{host}:{port}/")
    run_simple(host, port, app, threaded=threads, use_reloader=False, use_debugger=False)


def start_worker() -> subprocess.Popen:
    """`imant scheduler` as a child process, as production runs it beside the web workers.

    It gets this process's environment (so the same instance, databases and graph
    server) and ends with it: on exit, and by the kernel if this process is killed.
    """
    worker = subprocess.Popen([sys.executable, "-c", "from app.cli import cli; cli()",
                               "scheduler"], preexec_fn=_die_with_parent)
    atexit.register(_stop_worker, worker)
    return worker


def _die_with_parent() -> None:
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _stop_worker(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.wait(timeout=10)


def _prepare_demo() -> None:
    import flask_migrate

    from app.extensions import graph
    from graph.schema import apply_schema
    flask_migrate.upgrade()
    apply_schema(client=graph)
    ctx = click.get_current_context()
    ctx.invoke(seed_demo_cmd)


def init_app(app: Flask) -> None:
    from graph.cli import graph_group
    for command in (create_tenant_cmd, set_phases_cmd, create_user_cmd, grant_cmd, create_token_cmd,
                    revoke_token_cmd, deactivate_user_cmd, seed_demo_cmd, check_cmd,
                    serve_cmd, graph_group):
        app.cli.add_command(command)
    graph_group.add_command(recount_cmd)  # it lists the programmes, which only the app knows
