"""One access policy for the indicators: refused before anything is read, and a page shows
the same schools and figures as the API for the same caller and territory."""
from __future__ import annotations

import html
import re

import pytest

from domain.vocabulary import school_year_label

from . import seed as net

API = "/api/v1/tenants/{slug}/indicators"


@pytest.fixture
def slug(tenant) -> str:
    net.seed(tenant.slug)
    return tenant.slug


def test_a_scoped_caller_is_refused_before_the_service_reads(client, login_as, slug):
    """403 whether or not the thing exists: the check comes first, so nothing is revealed."""
    login_as("municipality", scope_key="m-a")
    api = API.format(slug=slug)
    assert client.get(f"{api}/commitment", query_string={
        "municipality": "m-nowhere", "year": 2023}).status_code == 403
    assert client.get(f"{api}/commitment", query_string={
        "municipality": "m-b", "year": 2023}).status_code == 403
    login_as("partner", scope_key="p-museu")
    assert client.get(f"{api}/alliances/no-such-alliance/activity").status_code == 403


@pytest.mark.parametrize(("role", "scope", "territory"), [
    ("municipality", "m-a", "programme"), ("municipality", "m-a", "z-a1"),
    ("coordinator", None, "m-a"), ("coordinator", None, "programme")])
def test_the_page_shows_the_fields_the_api_returns(client, login_as, slug, role, scope,
                                                   territory):
    login_as(role, scope_key=scope)
    api = client.get(API.format(slug=slug) + "/segregation", query_string={
        "territory": territory, "year": 2023}).get_json()
    page = html.unescape(client.get(f"/t/{slug}/territories/{territory}?year=2023")
                         .get_data(as_text=True))
    table = page[page.index("Schools ranked by composition gap"):page.index("Municipal measures")]
    shown = set(re.findall(r"Escola \w+", table))
    assert shown == {g["name"] for g in api["gaps"]}
    assert {g["school"] for g in api["M_by_school"]} <= {g["school"] for g in api["gaps"]}
    assert {r["school"] for r in api["multigroup"]["by_school"]} <= \
        {g["school"] for g in api["gaps"]}
    for index in ("D", "H"):
        if api[index] is not None:
            assert f"{api[index]:.3f}" in page


# --- refused before any read: 403 whether or not the thing exists ---------------------------

@pytest.mark.parametrize(("role", "scope", "path"), [
    ("municipality", "m-a", "/segregation?territory=m-nowhere&year=2023"),
    ("municipality", "m-a", "/segregation?territory=zone:z-nowhere&year=2023"),
    ("municipality", "m-a", "/segregation/series?territory=m-nowhere"),
    ("municipality", "m-a", "/demand?territory=m-nowhere&year=2023"),
    ("municipality", "m-a", "/schools/s-nowhere"),
    ("municipality", "m-a", "/schools/s-nowhere/series"),
    ("school", "s1", "/schools/s-nowhere"),
    ("school", "s1", "/schools/s-nowhere/series"),
    ("partner", "p-museu", "/schools/s-nowhere"),
    ("evaluator", None, "/schools/s-nowhere"),
])
def test_a_scoped_caller_asking_for_what_does_not_exist_gets_403_not_404(
        client, login_as, slug, role, scope, path):
    login_as(role, scope_key=scope)
    assert client.get(API.format(slug=slug) + path).status_code == 403


def test_a_municipality_page_of_a_missing_territory_is_403(client, login_as, slug):
    login_as("municipality", scope_key="m-a")
    assert client.get(f"/t/{slug}/territories/m-nowhere").status_code == 403
    assert client.get(f"/t/{slug}/schools/s-nowhere/indicators").status_code == 403
    login_as("coordinator")
    assert client.get(f"/t/{slug}/territories/m-nowhere").status_code == 404
    assert client.get(f"/t/{slug}/schools/s-nowhere/indicators").status_code == 404


# --- the same fields on the page and in the API, for every role -----------------------------

ROLES = [("coordinator", None), ("municipality", "m-a"), ("school", "s1"),
         ("partner", "p-museu"), ("evaluator", None)]


@pytest.mark.parametrize(("role", "scope"), ROLES)
@pytest.mark.parametrize("school", ["s1", "s2", "s6"])
def test_a_school_page_shows_what_the_api_returns(client, login_as, slug, role, scope, school):
    login_as(role, scope_key=scope)
    api = client.get(API.format(slug=slug) + f"/schools/{school}?year=2023")
    page = client.get(f"/t/{slug}/schools/{school}/indicators?year=2023")
    assert page.status_code == api.status_code
    if api.status_code != 200:
        return
    body, text = api.get_json(), html.unescape(page.get_data(as_text=True))
    for group, item in body["composition"].items():
        if item["share"] is not None:
            assert f"{item['share']:.1f} %" in text, group
        if item["gap_pp"] is not None:
            assert f"{item['gap_pp']:+.1f} pp" in text, group
    if body["demand"]["ratio"] is not None:
        assert f"{body['demand']['ratio']:.2f}" in text


def _series_rows(text: str) -> list[str]:
    table = text[text.index("Indices per year"):]
    table = table[:table.index("</table>")]
    return re.findall(r"<tr><td>(\d{4}-\d{2})</td>", table)


@pytest.mark.parametrize(("role", "scope"), ROLES)
@pytest.mark.parametrize("territory", ["programme", "m-a", "z-a1", "m-b"])
def test_a_territory_page_shows_the_series_the_api_returns(client, login_as, slug, role, scope,
                                                           territory):
    login_as(role, scope_key=scope)
    api = client.get(API.format(slug=slug) + "/segregation/series",
                     query_string={"territory": territory})
    page = client.get(f"/t/{slug}/territories/{territory}?year=2023")
    if api.status_code == 403:
        assert page.status_code == 403
    if page.status_code != 200:
        return
    assert api.status_code == 200
    series, text = api.get_json(), html.unescape(page.get_data(as_text=True))
    assert _series_rows(text) == [school_year_label(r["year"]) for r in series]
    for row in series:
        if row["D"] is not None:
            assert f"{row['D']:.3f}" in text


@pytest.mark.parametrize(("role", "scope"), ROLES)
def test_the_runs_page_lists_the_runs_the_api_returns(client, login_as, tenant, role, scope):
    from app.extensions import db
    from jobs import runs

    for period in ("2022", "2023"):
        runs.claim(tenant=tenant, kind="annual", period=period)
    db.session.commit()
    login_as(role, scope_key=scope)
    api = client.get(f"/api/v1/tenants/{tenant.slug}/report-runs")
    page = client.get(f"/t/{tenant.slug}/reports/runs.json")
    listed = client.get(f"/t/{tenant.slug}/reports/runs")
    assert api.status_code == page.status_code == listed.status_code
    assert api.status_code == (200 if role == "coordinator" else 403)
    if api.status_code == 200:
        assert page.get_json()["runs"] == api.get_json()
        shown = re.findall(r'data-run="(\d+)"', listed.get_data(as_text=True))
        assert shown == [str(r["id"]) for r in api.get_json()] and len(shown) == 2
