"""The `imant` commands: tenants, users, memberships, tokens and the demo programmes."""
from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from app.demo import DEMO_TENANTS
from app.extensions import db, graph
from app.models import Membership, Role, Tenant, User
from tests.conftest import _delete_tenant, csrf_token

pytestmark = pytest.mark.both_sql
DEMO_PASSWORD = "demo-password-for-tests"


def invoke(runner, *args: str, input: str | None = None):
    return runner.invoke(args=list(args), input=input, catch_exceptions=False)


def failed_with(result, message: str) -> bool:
    """Exit code 1 and one clear error line, never a traceback."""
    return (result.exit_code == 1 and f"error: {message}" in result.output
            and "Traceback" not in result.output)


def test_create_tenant(runner):
    result = invoke(runner, "create-tenant", "--slug", "girona", "--name", "Magnet Girona",
                    "--start-year", "2024")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "created tenant girona"
    tenant = db.session.execute(db.select(Tenant).filter_by(slug="girona")).scalar_one()
    assert (tenant.name, tenant.start_year) == ("Magnet Girona", 2024)
    again = invoke(runner, "create-tenant", "--slug", "girona", "--name", "x",
                   "--start-year", "2024")
    assert failed_with(again, "A programme with slug 'girona' already exists.")


def test_set_phases_changes_only_the_lengths_given(runner, tenant):
    assert tenant.phase_lengths == {"advice_years": 1, "training_years": 2,
                                    "accompaniment_years": 4}
    result = invoke(runner, "set-phases", "--tenant", tenant.slug, "--accompaniment", "3")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "advice_years 1, training_years 2, accompaniment_years 3"
    db.session.refresh(tenant)
    assert tenant.phase_lengths["accompaniment_years"] == 3
    bad = invoke(runner, "set-phases", "--tenant", tenant.slug, "--training", "-1")
    assert "field=training_years" in bad.output and bad.exit_code != 0
    db.session.refresh(tenant)
    assert tenant.phase_lengths["training_years"] == 2


@pytest.mark.parametrize("slug", ["Girona", "g", "1girona", "giro na", "giro_na"])
def test_create_tenant_rejects_a_bad_slug(runner, slug):
    result = invoke(runner, "create-tenant", "--slug", slug, "--name", "x", "--start-year",
                    "2024")
    assert failed_with(result, f"Invalid slug {slug!r}")
    assert "field=slug" in result.output


def test_create_tenant_rejects_a_bad_year(runner):
    result = invoke(runner, "create-tenant", "--slug", "girona", "--name", "x", "--start-year",
                    "1800")
    assert failed_with(result, "Invalid start year 1800.")


def test_create_user_and_grant(runner, tenant):
    result = invoke(runner, "create-user", "--email", "Ana@Example.org",
                    input="a-long-password\na-long-password\n")
    assert result.exit_code == 0, result.output
    assert "created user ana@example.org" in result.output
    assert "a-long-password" not in result.output
    user = db.session.execute(db.select(User).filter_by(email="ana@example.org")).scalar_one()
    assert user.check_password("a-long-password")
    granted = invoke(runner, "grant", "--email", "ana@example.org", "--tenant", tenant.slug,
                     "--role", "school", "--key", "s-01")
    assert granted.exit_code == 0, granted.output
    assert granted.output.strip() == f"ana@example.org is school of s-01 in {tenant.slug}"
    changed = invoke(runner, "grant", "--email", "ana@example.org", "--tenant", tenant.slug,
                     "--role", "coordinator")
    assert changed.exit_code == 0, changed.output
    memberships = db.session.execute(db.select(Membership).filter_by(user_id=user.id)).scalars()
    assert [(m.role, m.scope_key) for m in memberships] == [("coordinator", None)]


def test_create_user_errors(runner):
    ok = invoke(runner, "create-user", "--email", "bo@example.org", "--password", "long-enough-1")
    assert ok.exit_code == 0, ok.output
    dup = invoke(runner, "create-user", "--email", "BO@example.org", "--password", "long-enough-1")
    assert failed_with(dup, "A user with email 'bo@example.org' already exists.")
    short = invoke(runner, "create-user", "--email", "cy@example.org", "--password", "short")
    assert failed_with(short, "The password must have at least 10 characters.")
    bad = invoke(runner, "create-user", "--email", "not-an-email", "--password", "long-enough-1")
    assert failed_with(bad, "Not an email address: 'not-an-email'.")


def test_grant_errors(runner, tenant):
    invoke(runner, "create-user", "--email", "di@example.org", "--password", "long-enough-1")
    role = invoke(runner, "grant", "--email", "di@example.org", "--tenant", tenant.slug,
                  "--role", "boss")
    assert role.exit_code == 2
    assert "Invalid value for '--role': 'boss' is not one of" in role.output
    unbound = invoke(runner, "grant", "--email", "di@example.org", "--tenant", tenant.slug,
                     "--role", "partner")
    assert failed_with(unbound, "A partner membership needs the key of its partner entity.")
    nobody = invoke(runner, "grant", "--email", "nobody@example.org", "--tenant", tenant.slug,
                    "--role", "coordinator")
    assert failed_with(nobody, "No user with email 'nobody@example.org'.")
    nowhere = invoke(runner, "grant", "--email", "di@example.org", "--tenant", "nowhere",
                     "--role", "coordinator")
    assert failed_with(nowhere, "No programme with slug 'nowhere'.")


def test_create_token_authenticates_the_api(runner, client, tenant):
    invoke(runner, "create-user", "--email", "ev@example.org", "--password", "long-enough-1")
    invoke(runner, "grant", "--email", "ev@example.org", "--tenant", tenant.slug,
           "--role", "evaluator")
    result = invoke(runner, "create-token", "--email", "ev@example.org")
    assert result.exit_code == 0, result.output
    token, expiry = result.output.strip().splitlines()
    assert re.fullmatch(r"imt_[\w-]{40,}", token)
    assert re.fullmatch(r"expires \d{4}-\d{2}-\d{2} \(in 90 days\)", expiry)
    response = client.get("/api/v1/tenants", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.get_json() == [{"slug": tenant.slug, "name": tenant.name,
                                    "start_year": tenant.start_year}]
    unknown = invoke(runner, "create-token", "--email", "nobody@example.org")
    assert failed_with(unknown, "No user with email 'nobody@example.org'.")


@pytest.fixture
def demo(app) -> Iterator[None]:
    """The demo programmes share fixed slugs: their graph data is removed afterwards."""
    app.config["DEMO_PASSWORD"] = DEMO_PASSWORD
    yield
    for spec in DEMO_TENANTS:
        graph.write(_delete_tenant, tenant=spec["slug"])


def _counts() -> tuple[int, ...]:
    return tuple(db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()
                 for model in (Tenant, User, Membership))


LOGIN_LINE = re.compile(r"^\s+(\S+)\s+(.+?)\s+(\S+@\S+)$", re.M)


def test_seed_demo_is_idempotent_and_every_login_works(runner, client, demo):
    first = invoke(runner, "seed-demo")
    assert first.exit_code == 0, first.output
    counts = _counts()
    second = invoke(runner, "seed-demo")
    assert second.exit_code == 0, second.output
    assert _counts() == counts
    assert f"password: {DEMO_PASSWORD}" in second.output
    logins = LOGIN_LINE.findall(second.output)
    slugs = [spec["slug"] for spec in DEMO_TENANTS]
    assert sorted((s, r) for s, r, _ in logins if s != "*") == sorted(
        (s, r.value) for s in slugs for r in Role)
    assert counts == (len(slugs), len(logins), len(slugs) * len(Role))
    for n, (slug, role, email) in enumerate(logins):
        _check_login(client, n, slug, role, email)


def _check_login(client, n: int, slug: str, role: str, email: str) -> None:
    """Log in from an address of its own (as each person would) and reach the programme."""
    address = {"REMOTE_ADDR": f"10.1.0.{n + 1}"}
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD,
                                           "csrf_token": token}, environ_base=address)
    assert response.status_code == 302, (email, response.status_code)
    if slug == "*":  # the platform admin chooses among every programme
        page = client.get("/").get_data(as_text=True)
        assert all(spec["name"] in page for spec in DEMO_TENANTS)
    else:
        home = client.get(f"/t/{slug}/")
        assert home.status_code == 200, (email, home.status_code)
        name = next(spec["name"] for spec in DEMO_TENANTS if spec["slug"] == slug)
        html = home.get_data(as_text=True)
        assert f"<h1>{name}</h1>" in html
        assert re.search(rf"you are signed in as {role}\b", html, re.IGNORECASE), role
    client.post("/logout", data={"csrf_token": csrf_token(client, "/account/password")})


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_help_listing_is_the_app_s_own_commands(app, width):
    """`imant --help` lists CATALOGUE without building an app: rendered at any width it must
    say exactly what Flask's own listing of the built app's commands says."""
    import click
    from flask.cli import FlaskGroup, ScriptInfo

    from app.cli import ImantGroup, cli

    def listing(render) -> str:
        ctx = click.Context(cli, obj=ScriptInfo(create_app=lambda: app))
        formatter = click.HelpFormatter(width=width)
        render(cli, ctx, formatter)
        return formatter.getvalue()

    fast = listing(ImantGroup.format_commands)
    assert fast == listing(FlaskGroup.format_commands)
    assert "  recount" not in fast and "  graph" in fast  # subcommands stay in their group


def test_the_help_does_not_build_the_app(tmp_path):
    import subprocess
    import sys
    code = ("import sys; from app.cli import cli\n"
            "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
            "sys.stdout.write(' '.join(m for m in ('app.network', 'app.indicators', 'neo4j')"
            " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "IMANT_INSTANCE": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "Commands:" in done.stdout and "serve" in done.stdout
    assert done.stdout.rsplit("\n", 1)[-1] == "", done.stdout[-200:]
