"""A user's own language: stored (migration), chosen on the account page (audited), and
ranked first: the user's, else the programme's, else the browser's, else English."""
from __future__ import annotations

import flask_migrate
import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import refresh

from app.extensions import db
from app.models import AuditEvent, Tenant, User
from tests.conftest import csrf_token

BEFORE = "a3c5e7f90b12"  # the revision before the user's language


@pytest.mark.both_sql
def test_the_migration_adds_and_removes_the_language_column(app: Flask, sql_backend: str):
    db.session.remove()
    db.drop_all()

    def columns() -> dict[str, dict]:
        with db.engine.connect() as conn:
            return {c["name"]: c for c in sa.inspect(conn).get_columns("user_account")}
    try:
        flask_migrate.upgrade()
        assert columns()["language"]["nullable"] is True
        flask_migrate.downgrade(revision=BEFORE)
        assert "language" not in columns()
        flask_migrate.upgrade()
        assert "language" in columns()
    finally:
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))


def _choose(client: FlaskClient, language: str):
    token = csrf_token(client, "/account/tokens")
    return client.post("/account/language", data={"csrf_token": token, "language": language})


def test_a_user_chooses_catalan_and_the_change_is_audited(client: FlaskClient, login_as):
    user = login_as("coordinator")
    page = client.get("/account/tokens").get_data(as_text=True)
    assert 'name="language"' in page and "Català" in page
    response = _choose(client, "ca")
    assert response.status_code == 302
    assert db.session.get(User, user.id).language == "ca"
    event = AuditEvent.query.filter_by(action="user.language", target=user.email).one()
    assert (event.before, event.after) == ({"language": None}, {"language": "ca"})
    assert "S&#39;ha desat la vostra llengua." in client.get("/account/tokens").get_data(
        as_text=True)
    assert _choose(client, "").status_code == 302  # back to the programme's or the browser's
    assert db.session.get(User, user.id).language is None


def test_an_unknown_language_is_refused_naming_the_field(client: FlaskClient, login_as):
    user = login_as("coordinator")
    response = _choose(client, "xx")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<span class="field-error">Choose a language.</span>' in html
    assert 'name="language"' in html
    assert db.session.get(User, user.id).language is None


def _schools_page(client: FlaskClient, tenant: Tenant, *, accept: str) -> str:
    response = client.get(f"/t/{tenant.slug}/schools", headers={"Accept-Language": accept})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_user_choice_outranks_the_programme_and_the_browser(
        client: FlaskClient, login_as, tenant: Tenant):
    user = login_as("coordinator")
    tenant.settings = {**(tenant.settings or {}), "language": "es"}
    db.session.commit()
    assert "<h1>Centros educativos</h1>" in _schools_page(client, tenant, accept="eu")
    user.language = "ca"
    db.session.commit()
    html = _schools_page(client, tenant, accept="eu")
    assert "<h1>Centres educatius</h1>" in html
    assert "Nou centre educatiu" in html  # a marked string of the page in Catalan
    assert "<h1>Schools</h1>" not in html
    tenant.settings = {k: v for k, v in tenant.settings.items() if k != "language"}
    user.language = None
    db.session.commit()
    assert "<h1>Ikastetxeak</h1>" in _schools_page(client, tenant, accept="eu")
    assert "<h1>Schools</h1>" in _schools_page(client, tenant, accept="fr")


def test_numbers_and_percentages_follow_the_locale_and_school_years_do_not(app: Flask):
    template = "{{ 0.125|pct }} · {{ 1234.5|num(1) }} · {{ 0.8|pct(0) }} · {{ school_year(2024) }}"
    expected = {"ca": "12,5\xa0% · 1.234,5 · 80\xa0% · 2024-25",
                "es": "12,5\xa0% · 1.234,5 · 80\xa0% · 2024-25",
                "en": "12.5 % · 1,234.5 · 80 % · 2024-25"}
    for language, text in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            refresh()
            assert app.jinja_env.from_string(template).render() == text
