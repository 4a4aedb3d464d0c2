"""`imant check` lists stored records that break the integrity rules (written by older
versions, past today's service checks), one line each, and exits 1; clean data exits 0."""
from __future__ import annotations

from datetime import date

from app.extensions import graph
from app.network.service_check import list_problems
from domain.vocabulary import latest_year, school_year_label
from graph import assessments, contributions
from graph import imports as gi
from tests.network_pages.conftest import page_client

NEXT = date.today().year + 1  # after the current school year


def _current() -> str:
    return school_year_label(latest_year(today=date.today()))


def write_past_the_rules(slug: str) -> None:
    """Records the services now refuse, written the way older versions could."""
    graph.write(assessments.upsert_assessment, tenant=slug, alliance="a-own", year=2015,
                component="partnerships", props={"stage": "planning", "benchmarks": []})
    graph.write(contributions.create_contribution, tenant=slug, key="c-2015",
                alliance="a-own", props={"date": "2015-03-01", "year": 2014,
                                         "kind": "workshop"})
    graph.write(gi.write_rows, tenant=slug, kind="measures", batch_size=10, rows=[{
        "key": "ms-wide", "municipality_key": "m-own", "kind": "place_reservation",
        "start": "2023-01-01", "end": None, "school_keys": ["s-other"], "description": None}])
    graph.write(gi.write_rows, tenant=slug, kind="school_years", batch_size=10, rows=[{
        "key": f"s-own:{NEXT}", "school_key": "s-own", "year": NEXT, "places_offered": 25,
        "first_choice_applications": 20, "enrolled_total": 25, "enrolled_disadvantaged": 5,
        "enrolled_migrant": 5, "enrolled_nese": 1}])


def test_clean_data_passes_with_status_0(world, runner, tenant):
    result = runner.invoke(args=["check", "--tenant", tenant.slug])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "0 problems in 1 programme" in result.stderr


def test_data_past_the_rules_is_listed_line_by_line_with_status_1(world, runner, tenant):
    write_past_the_rules(tenant.slug)
    result = runner.invoke(args=["check", "--tenant", tenant.slug])
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    slug = tenant.slug
    assert lines == [
        f"{slug}: assessment a-own:2015:partnerships: year=2015: alliance a-own: 2015 is "
        f"outside the alliance's years 2021-22 to {_current()} (from its planning year)",
        f"{slug}: contribution c-2015: date=2015-03-01: alliance a-own: 2015-03-01 is outside "
        f"the alliance's life, 2022-09-01 to {date.today().isoformat()}",
        f"{slug}: measure ms-wide: schools=s-other: school s-other is in municipality "
        "m-other, not m-own",
        f"{slug}: school_year s-own:{NEXT}: year={NEXT}: {NEXT} is after the current school "
        f"year {_current()}"]
    assert "4 problems in 1 programme" in result.stderr
    # listed, never dropped
    assert graph.read(assessments.get_assessment, tenant=slug,
                      key="a-own:2015:partnerships") is not None


def test_the_coordinator_sees_the_same_list_on_a_page(world, tenant, app):
    write_past_the_rules(tenant.slug)
    assert [p["key"] for p in list_problems(access=world)] == [
        "a-own:2015:partnerships", "c-2015", "ms-wide", f"s-own:{NEXT}"]
    client = page_client(app, tenant, "coordinator")
    html = client.get(f"/t/{tenant.slug}/check").get_data(as_text=True)
    assert "c-2015" in html and "2015-03-01 is outside the alliance" in html
    overview = client.get(f"/t/{tenant.slug}/overview").get_data(as_text=True)
    assert f"/t/{tenant.slug}/check" in overview
    partner = page_client(app, tenant, "partner")
    assert partner.get(f"/t/{tenant.slug}/check").status_code == 403
