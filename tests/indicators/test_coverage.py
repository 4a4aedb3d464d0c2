"""Coverage: how many of a territory's schools have figures in a year, and partial years.

A hand-built programme: municipality m-x ("Equis") with one zone z-x of five schools.
2023 has figures for all five; 2024 for x1 and x2 only (2 of 5: 40 %, partial under the
default 90 % threshold).
"""
from __future__ import annotations

import pytest

from app.extensions import db, graph
from app.indicators import figures
from app.models import Tenant
from domain.vocabulary import DEFAULT_COVERAGE_THRESHOLD
from graph.indicators import seed_network

API = "/api/v1/tenants/{slug}/indicators"
SCHOOLS = [f"x{i}" for i in range(1, 6)]
FULL = {"schools_with_figures": 5, "schools": 5, "share": 100.0, "partial": False,
        "threshold": 90.0}
PARTIAL = {"schools_with_figures": 2, "schools": 5, "share": 40.0, "partial": True,
           "threshold": 90.0}


def _figures(year: int, schools: list[str]) -> list[dict]:
    return [{"school": key, "year": year, "figures": {
        "enrolled_total": 100 + 10 * n, "enrolled_disadvantaged": 20 + 7 * n,
        "enrolled_migrant": 10 + n, "enrolled_nese": 5, "places_offered": 25,
        "first_choice_applications": 20 + n}} for n, key in enumerate(schools)]


@pytest.fixture
def slug(tenant: Tenant) -> str:
    graph.write(seed_network, tenant=tenant.slug,
                municipalities=[{"key": "m-x", "name": "Equis"}],
                zones=[{"key": "z-x", "name": "Equis centre", "municipality": "m-x"}],
                schools=[{"key": key, "name": f"Escola {key}", "zone": "z-x",
                          "entry_places": 25} for key in SCHOOLS],
                school_years=_figures(2023, SCHOOLS) + _figures(2024, SCHOOLS[:2]))
    return tenant.slug


def api(client, slug: str, path: str, **params) -> dict | list:
    response = client.get(API.format(slug=slug) + path, query_string=params)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_the_default_threshold_is_the_vocabulary_s(tenant: Tenant) -> None:
    assert DEFAULT_COVERAGE_THRESHOLD == 90
    assert tenant.coverage_threshold == 90.0
    tenant.settings = {**(tenant.settings or {}), "coverage_threshold": 35}
    assert tenant.coverage_threshold == 35.0


@pytest.mark.parametrize("territory", ["m-x", "z-x", "programme"])
def test_coverage_counts_the_schools_with_figures(slug: str, territory: str) -> None:
    for year, expected in ((2023, FULL), (2024, PARTIAL)):
        result = figures.territory_segregation(tenant=slug, territory=territory, year=year,
                                               group="disadvantaged")
        assert result["coverage"] == expected
    series = figures.territory_series(tenant=slug, territory=territory, group="migrant")
    assert [(r["year"], r["coverage"]["partial"]) for r in series] == [(2023, False),
                                                                       (2024, True)]


def test_a_partial_year_is_never_the_default(client, login_as, slug: str) -> None:
    login_as("coordinator")
    for territory in ("m-x", "z-x", "programme"):
        body = api(client, slug, "/segregation", territory=territory)
        assert (body["year"], body["coverage"]) == (2023, FULL)
        assert api(client, slug, "/demand", territory=territory)["year"] == 2023
    assert api(client, slug, "/segregation", territory="m-x", year=2024)["coverage"] == PARTIAL
    rows = api(client, slug, "/segregation/territories")
    assert [(r["territory"], r["year"], r["coverage"]) for r in rows] == [("m-x", 2023, FULL)]


def test_the_programme_setting_moves_the_threshold(client, login_as, slug: str,
                                                   tenant: Tenant) -> None:
    tenant.settings = {**(tenant.settings or {}), "coverage_threshold": 40}
    db.session.commit()
    login_as("coordinator")
    body = api(client, slug, "/segregation", territory="m-x")
    assert body["year"] == 2024
    assert body["coverage"] == {**PARTIAL, "partial": False, "threshold": 40.0}


def test_school_answers_carry_their_territory_s_coverage(client, login_as, slug: str) -> None:
    login_as("coordinator")
    school = api(client, slug, "/schools/x1")
    assert (school["year"], school["coverage"]) == (2023, FULL)  # 2024: partial zone
    assert api(client, slug, "/schools/x1", year=2024)["coverage"] == PARTIAL
    series = api(client, slug, "/schools/x1/series")
    assert [(r["year"], r["coverage"]) for r in series] == [(2023, FULL), (2024, PARTIAL)]
    latest = {r["school"]: (r["year"], r["coverage"])
              for r in api(client, slug, "/schools")["items"]}
    assert latest["x1"] == (2024, PARTIAL)
    assert latest["x5"] == (2023, FULL)


def test_pages_flag_a_partial_year(client, login_as, slug: str) -> None:
    login_as("coordinator")
    page = client.get(f"/t/{slug}/territories/m-x").get_data(as_text=True)
    assert "2023-24</h2>" in page and "Figures for 5 of 5 schools." in page
    assert "Partial year." not in page
    assert "2024-25 (partial)</option>" in page  # the year choice says so too
    assert "2 of 5" in page and 'class="badge partial"' in page  # the per-year table
    assert "Hatched years are partial" in page and "<pattern" in page
    partial = client.get(f"/t/{slug}/territories/m-x?year=2024").get_data(as_text=True)
    assert "Partial year." in partial and "Figures for 2 of 5 schools." in partial
    school = client.get(f"/t/{slug}/schools/x1/indicators?year=2024").get_data(as_text=True)
    assert "Partial year." in school and "Figures for 2 of 5 schools." in school
    school = client.get(f"/t/{slug}/schools/x1/indicators").get_data(as_text=True)
    assert "Figures for 5 of 5 schools." in school and "Partial year." not in school


def test_trend_charts_draw_partial_years_as_such() -> None:
    from app import charts
    series = {"D": {2022: 0.3, 2023: 0.32, 2024: 0.5}}
    plain = charts.line_chart_svg(series=series)
    marked = charts.line_chart_svg(series=series, partial_years=[2024],
                                   partial_label="partial coverage")
    assert "partial coverage" in marked and "partial coverage" not in plain
    assert "<pattern" in marked and "<pattern" not in plain  # the hatching
    assert "#a35200" in marked and "#a35200" not in plain
