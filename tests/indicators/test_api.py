"""Indicator API and pages: answers, parameter errors, who may see what, escaping."""
from __future__ import annotations

import re

import pytest

from app.api.openapi import document
from app.extensions import graph
from graph.indicators import seed_network

from . import seed as net

API = "/api/v1/tenants/{slug}/indicators"


@pytest.fixture
def slug(tenant) -> str:
    net.seed(tenant.slug)
    return tenant.slug


def get(client, slug: str, path: str, **params):
    return client.get(API.format(slug=slug) + path, query_string=params)


def test_segregation_answers_the_documented_fields(client, login_as, slug):
    login_as("coordinator")
    response = get(client, slug, "/segregation", territory="z-a1", year=2023,
                   group="disadvantaged")
    assert response.status_code == 200
    body = response.get_json()
    assert {"territory", "year", "group", "source", "D", "xPx", "xPy", "H", "schools"} <= \
        set(body)
    assert (body["territory"], body["year"], body["group"], body["source"], body["schools"]) \
        == ("z-a1", 2023, "disadvantaged", "figures", 3)
    assert body["xPx"] + body["xPy"] == pytest.approx(1.0)
    whole = get(client, slug, "/segregation", territory="programme", year=2023).get_json()
    assert whole["territory"] == "programme" and whole["schools"] == 6
    assert whole["group"] == "disadvantaged"


def test_year_defaults_to_the_latest_the_figures_cover(client, login_as, slug):
    login_as("coordinator")
    # 2024 has figures for all 3 schools of z-a1 but only 3 of the 5 of m-a: partial there
    assert get(client, slug, "/segregation", territory="z-a1").get_json()["year"] == 2024
    body = get(client, slug, "/segregation", territory="m-a").get_json()
    assert body["year"] == 2023
    assert body["coverage"] == {"schools_with_figures": 5, "schools": 5, "share": 100.0,
                                "partial": False, "threshold": 90.0}
    assert get(client, slug, "/years").get_json() == [2022, 2023, 2024]


def test_school_lists_come_one_page_at_a_time(client, login_as, slug):
    login_as("coordinator")
    every = get(client, slug, "/schools").get_json()
    assert (every["total"], every["page"], every["pages"], len(every["items"])) == (6, 1, 1, 6)
    names = [r["name"] for r in every["items"]]
    assert names == sorted(names)
    second = get(client, slug, "/schools", page=2, per_page=4).get_json()
    assert (second["total"], second["pages"], second["per_page"]) == (6, 2, 4)
    assert [r["name"] for r in second["items"]] == names[4:]
    whole = get(client, slug, "/segregation", territory="programme", year=2023,
                per_page=2, page=2).get_json()
    ranked = get(client, slug, "/segregation", territory="programme", year=2023).get_json()
    assert whole["schools_page"] == {"total": 6, "page": 2, "per_page": 2, "pages": 3}
    assert [r["school"] for r in whole["gaps"]] == [r["school"] for r in ranked["gaps"][2:4]]
    on_page = {r["school"] for r in whole["gaps"]}
    assert {r["school"] for r in whole["M_by_school"]} == \
        {r["school"] for r in ranked["M_by_school"]} & on_page
    assert whole["D"] == ranked["D"]  # the indices are the whole territory's


@pytest.mark.parametrize("path, params, field", [
    ("/schools", {"per_page": "0"}, "per_page"),
    ("/schools", {"per_page": "201"}, "per_page"),
    ("/schools", {"page": "two"}, "page"),
    ("/segregation", {"territory": "programme", "year": 2023, "per_page": "-1"}, "per_page"),
])
def test_bad_page_arguments_are_422_naming_them(client, login_as, slug, path, params, field):
    login_as("coordinator")
    response = get(client, slug, path, **params)
    assert response.status_code == 422
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


def test_the_overview_page_lists_one_page_of_schools(client, login_as, slug):
    login_as("coordinator")
    first = client.get(f"/t/{slug}/indicators/?per_page=4").get_data(as_text=True)
    assert first.count("/indicators\">Escola") == 4 and 'rel="next"' in first
    last = client.get(f"/t/{slug}/indicators/?per_page=4&page=2").get_data(as_text=True)
    assert last.count("/indicators\">Escola") == 2 and 'rel="prev"' in last


def test_the_overview_table_is_drawn_once_per_version_language_and_page(
        app, client, login_as, slug):
    """Asked again, the table of schools is not drawn again; in another language, on
    another page or after a write it is, and the write shows."""
    from flask import template_rendered
    drawn: list[str] = []

    def record(sender, template, context, **extra) -> None:
        if template.name == "indicators/_overview_table.html":
            drawn.append(context["rows"].page)
    template_rendered.connect(record, app)
    try:
        login_as("coordinator")
        url = f"/t/{slug}/indicators/?per_page=4"
        first = client.get(url).get_data(as_text=True)
        assert client.get(url).get_data(as_text=True) == first and drawn == [1]
        client.get(url + "&page=2")
        catalan = client.get(url, headers={"Accept-Language": "ca"}).get_data(as_text=True)
        assert drawn == [1, 2, 1] and "Escola" in catalan
        graph.write(seed_network, tenant=slug, schools=[
            {"key": "s1", "name": "Escola Renovada", "zone": "z-a1", "entry_places": 4}])
        assert "Escola Renovada" in client.get(url).get_data(as_text=True)
        assert drawn == [1, 2, 1, 1]
    finally:
        template_rendered.disconnect(record, app)


@pytest.mark.parametrize("params, field", [
    ({"territory": "z-a1", "year": "last"}, "year"),
    ({"territory": "z-a1", "year": "12"}, "year"),
    ({"territory": "z-a1", "year": 2023, "group": "poor"}, "group"),
    ({"year": 2023}, "territory"),
])
def test_bad_parameters_are_422_naming_the_parameter(client, login_as, slug, params, field):
    login_as("coordinator")
    response = get(client, slug, "/segregation", **params)
    assert response.status_code == 422
    assert response.get_json()["errors"][0]["field"] == field


def test_unknown_territory_is_404(client, login_as, slug):
    login_as("coordinator")
    assert get(client, slug, "/segregation", territory="nowhere", year=2023).status_code == 404
    assert get(client, slug, "/schools/nope").status_code == 404
    assert get(client, slug, "/alliances/nope/activity").status_code == 404
    assert get(client, slug, "/commitment", municipality="nope", year=2023).status_code == 404


def test_undefined_values_come_with_reasons(client, login_as, slug):
    login_as("coordinator")
    empty = get(client, slug, "/segregation", territory="z-c1", year=2023).get_json()
    assert empty["D"] is None and empty["schools"] == 0
    assert empty["undefined"]["D"] == "no enrolment data for the year"
    one = get(client, slug, "/segregation", territory="z-b1", year=2023).get_json()
    assert one["D"] is None and one["undefined"]["D"] == "only one school"
    # one school: its isolation index would be its own share, so it is withheld
    assert one["xPx"] is None and one["undefined"]["xPx"] == "withheld: small numbers"
    school = get(client, slug, "/schools/s3", year=2023).get_json()
    assert school["demand"] == {"ratio": None, "reason": "no places offered",
                                "applications": 5, "places": 0, "source": "figures"}


def test_small_counts_hidden_in_the_api(client, login_as, slug):
    login_as("coordinator")
    body = get(client, slug, "/schools/s2", year=2023).get_json()
    nese = body["composition"]["nese"]
    # the small group and its complement go together, with every share that would
    # give them back; the school's total is shown, as it is for every other group
    assert nese["members"] is None and nese["others"] is None and nese["suppressed"]
    assert nese["share"] is None and nese["gap_pp"] is None
    assert nese["students"] == body["composition"]["disadvantaged"]["students"] > 0
    demand = get(client, slug, "/demand", year=2022, territory="z-a1").get_json()
    assert {r["school"]: r["applications"] for r in demand["schools"]} == \
        {"s1": None, "s2": None, "s3": 0}  # 3 and 1 first choices hidden; 0 is shown


def test_municipality_sees_its_own_territory_not_another(client, login_as, slug):
    login_as("municipality", scope_key="m-a")
    assert get(client, slug, "/segregation", territory="m-a", year=2023).status_code == 200
    assert get(client, slug, "/segregation", territory="z-a2", year=2023).status_code == 200
    assert get(client, slug, "/segregation", territory="m-b", year=2023).status_code == 403
    assert get(client, slug, "/segregation", territory="z-b1", year=2023).status_code == 403
    whole = get(client, slug, "/segregation", territory="programme", year=2023).get_json()
    assert whole["schools"] == 6 and whole["D"] is not None
    assert {r["school"] for r in whole["gaps"]} == {"s1", "s2", "s3", "s4", "s5"}
    assert {r["school"] for r in whole["M_by_school"]} <= {"s1", "s2", "s3", "s4", "s5"}
    assert get(client, slug, "/schools/s4").status_code == 200
    assert get(client, slug, "/schools/s6").status_code == 403
    assert get(client, slug, "/commitment", year=2023).get_json()["municipality"] == "m-a"
    assert get(client, slug, "/commitment", municipality="m-b", year=2023).status_code == 403
    rows = get(client, slug, "/segregation/territories", year=2023).get_json()
    assert [r["territory"] for r in rows] == ["m-a"]
    assert {r["school"] for r in get(client, slug, "/schools").get_json()["items"]} == \
        {"s1", "s2", "s3", "s4", "s5"}


def test_school_team_sees_its_school_and_territories(client, login_as, slug):
    login_as("school", scope_key="s1")
    assert get(client, slug, "/schools/s1").status_code == 200
    assert get(client, slug, "/schools/s2").status_code == 403
    assert get(client, slug, "/segregation", territory="z-a1", year=2023).status_code == 200
    assert get(client, slug, "/segregation", territory="z-a2", year=2023).status_code == 403
    assert get(client, slug, "/alliances/a1/activity").status_code == 200
    assert get(client, slug, "/alliances/a6/activity").status_code == 403


def test_partner_sees_its_alliances(client, login_as, slug):
    login_as("partner", scope_key="p-museu")
    body = get(client, slug, "/alliances/a1/activity").get_json()
    assert body["training"]["met"] is True
    assert get(client, slug, "/alliances/a6/activity").status_code == 403
    assert get(client, slug, "/schools/s1/series").status_code == 200
    assert get(client, slug, "/commitment", municipality="m-a", year=2023).status_code == 200
    assert get(client, slug, "/commitment", municipality="m-b", year=2023).status_code == 403


def test_evaluator_sees_territories_but_no_single_school(client, login_as, slug):
    login_as("evaluator")
    body = get(client, slug, "/segregation", territory="m-b", year=2023).get_json()
    assert body["schools"] == 1 and body["gaps"] == [] and body["M_by_school"] == []
    assert get(client, slug, "/schools/s1").status_code == 403
    assert get(client, slug, "/schools").get_json()["items"] == []
    assert get(client, slug, "/alliances/a6/activity").status_code == 200
    rows = get(client, slug, "/segregation/territories", year=2023, group="nese").get_json()
    assert [r["territory"] for r in rows] == ["m-a", "m-b"]


def test_foreign_tenant_is_404(client, login_as, slug, other_tenant):
    login_as("coordinator", in_tenant=other_tenant)
    assert get(client, slug, "/segregation", territory="z-a1", year=2023).status_code == 404
    assert client.get(f"/t/{slug}/territories/z-a1").status_code == 404


def test_other_tenant_data_never_leaks(client, login_as, slug, other_tenant):
    graph.write(seed_network, tenant=other_tenant.slug, municipalities=net.MUNICIPALITIES,
                zones=net.ZONES, schools=net.SCHOOLS)
    login_as("coordinator", in_tenant=other_tenant)
    body = get(client, other_tenant.slug, "/segregation", territory="z-a1",
               year=2023).get_json()
    assert body["source"] is None and body["schools"] == 0
    assert get(client, other_tenant.slug, "/years").get_json() == []


def test_openapi_documents_the_endpoints(client):
    paths = document()["paths"]
    for path in ("/segregation", "/segregation/series", "/segregation/territories",
                 "/schools", "/schools/{key}", "/schools/{key}/series", "/demand",
                 "/commitment", "/alliances/{key}/activity", "/territories", "/years"):
        assert "get" in paths["/tenants/{slug}/indicators" + path], path
    params = {p["name"] for p in paths["/tenants/{slug}/indicators/segregation"]["get"][
        "parameters"]}
    assert params == {"slug", "territory", "year", "group", "page", "per_page"}


# --- pages ---------------------------------------------------------------------------------


def test_coordinator_pages_render(client, login_as, slug):
    login_as("coordinator")
    index = client.get(f"/t/{slug}/territories/")
    assert index.status_code == 200
    html = index.get_data(as_text=True)
    assert "Alfa north" in html and "Gamma" in html
    page = client.get(f"/t/{slug}/territories/m-a?group=migrant&year=2023")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.count("<svg") >= 2 and "Escola Cinc" in html
    assert "Dissimilarity" in html and re.search(r"\d+ measures? active in", html)
    overview = client.get(f"/t/{slug}/indicators/").get_data(as_text=True)
    assert "Escola Sis" in overview
    school = client.get(f"/t/{slug}/schools/s1/indicators")
    assert school.status_code == 200
    html = school.get_data(as_text=True)
    assert "Since the alliance began" in html and "alliance starts" in html
    assert "Science &lt;&amp; art&gt;" in html and "Science <& art>" not in html
    assert "Alliance activity" in html and "85 %" in html


def test_municipality_pages(client, login_as, slug):
    login_as("municipality", scope_key="m-a")
    html = client.get(f"/t/{slug}/territories/").get_data(as_text=True)
    assert "Alfa south" in html and "Beta" not in html
    assert client.get(f"/t/{slug}/territories/z-a1").status_code == 200
    assert client.get(f"/t/{slug}/territories/programme").status_code == 200
    assert client.get(f"/t/{slug}/territories/m-b").status_code == 403
    assert client.get(f"/t/{slug}/schools/s6/indicators").status_code == 403
    home = client.get(f"/t/{slug}/").get_data(as_text=True)
    assert "Territories" in home and "Indicators" in home


def test_evaluator_has_no_territory_pages(client, login_as, slug):
    login_as("evaluator")
    assert client.get(f"/t/{slug}/territories/").status_code == 403
    html = client.get(f"/t/{slug}/indicators/").get_data(as_text=True)
    assert "pseudonymised" in html


def test_page_escapes_names(client, login_as, tenant):
    graph.write(seed_network, tenant=tenant.slug, municipalities=net.MUNICIPALITIES,
                zones=net.ZONES, schools=[{"key": "sx", "name": "<script>x()</script>",
                                           "zone": "z-a1", "entry_places": 1}],
                school_years=[{"school": "sx", "year": 2023, "figures": {
                    "enrolled_total": 10, "enrolled_disadvantaged": 5, "enrolled_migrant": 5,
                    "enrolled_nese": 5}}])
    login_as("coordinator")
    html = client.get(f"/t/{tenant.slug}/territories/z-a1").get_data(as_text=True)
    assert "<script>x()" not in html and "&lt;script&gt;x()" in html
