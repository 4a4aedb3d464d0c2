"""Messages built below the pages reach the reader in their language: the dating rules of
domain/integrity (English for `imant check`), validation reasons and error pages."""
from __future__ import annotations

from datetime import date

from flask import Flask, render_template_string
from flask.testing import FlaskClient
from flask_babel import refresh

from app import labels
from app.extensions import db
from app.models import Tenant
from domain.integrity import check_contribution_date, find_problems
from tests.conftest import csrf_token

ALLIANCE = {"key": "a-1", "start_year": 2020, "end_year": 2021}
TODAY = date(2026, 1, 15)


def test_a_dating_rule_reads_in_english_for_the_command_and_in_catalan_on_a_page(app: Flask):
    problem = check_contribution_date(day="2019-05-01", alliance=ALLIANCE, today=TODAY)
    assert problem.reason == ("2019-05-01 is outside the alliance's life, 2020-09-01 to "
                              "2022-08-31")
    finding, = find_problems({"contribution": [{**ALLIANCE, "alliance": "a-1", "key": "c-1",
                                                "value": "2019-05-01"}]}, today=TODAY)
    assert finding.rule == f"alliance a-1: {problem.reason}"
    with app.test_request_context(headers={"Accept-Language": "ca"}):
        refresh()
        assert labels.reason(problem) == ("2019-05-01 és fora de la vida de l'aliança, del "
                                          "2020-09-01 al 2022-08-31")
        assert labels.rule(finding).startswith("aliança a-1: 2019-05-01 és fora")


def test_a_form_refusal_and_an_error_page_in_the_users_language(
        client: FlaskClient, login_as, tenant: Tenant):
    user = login_as("coordinator")
    user.language = "ca"
    db.session.commit()
    token = csrf_token(client, f"/t/{tenant.slug}/zones/new")
    response = client.post(f"/t/{tenant.slug}/zones/new",
                           data={"csrf_token": token, "key": "Bad Key!", "name": "Zona"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<h1>Nova zona</h1>" in html
    assert ("ha de tenir d&#39;1 a 64 minúscules, xifres, &#39;.&#39;, &#39;_&#39; o "
            "&#39;-&#39;, i començar amb una lletra o una xifra") in html
    missing = client.get(f"/t/{tenant.slug}/zones/no-such-zone")
    assert missing.status_code == 404
    assert "404 · No s&#39;ha trobat" in missing.get_data(as_text=True)
    user.language = None
    db.session.commit()
    english = client.get(f"/t/{tenant.slug}/zones/no-such-zone").get_data(as_text=True)
    assert "404 · Not found" in english and "No zone with key &#39;no-such-zone&#39;." in english


def test_a_word_with_two_senses_reads_by_its_sense_on_the_page(
        client: FlaskClient, login_as, tenant: Tenant):
    """"Target" is what an audited change touched ("Objecte") in the audit log, and an
    objective's target value ("Meta") in the objectives table; one msgid gave both the
    audit's word."""
    user = login_as("coordinator")
    user.language = "ca"
    db.session.commit()
    html = client.get(f"/t/{tenant.slug}/audit").get_data(as_text=True)
    assert "<th>Objecte</th>" in html and "<th>Meta</th>" not in html
    with client.application.test_request_context(headers={"Accept-Language": "ca"}):
        refresh()
        assert render_template_string("{{ _('Target') }}|{{ pgettext('verb', 'End') }}|"
                                      "{{ _('End') }}") == "Meta|Finalitza|Final"
