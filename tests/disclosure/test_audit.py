"""The attacker's audit over the whole demo programme, and proof that it catches a leak."""
from __future__ import annotations

import pytest

from app.extensions import graph
from app.imports.bench import delete_tenant
from app.models import Tenant
from app.network.demo_data import PROGRAMMES
from domain import disclosure
from domain.disclosure import is_small
from reports.bundle import build_resources
from reports.data import annual_report, report_subjects
from reports.snapshot import load_network
from tests.disclosure.audit import Audit
from tests.disclosure.collect import Reader, read_api, read_bundle, read_report

SLUG = "catalunya"


@pytest.fixture
def demo(app):
    app.config["DEMO_PASSWORD"] = "demo-password-for-tests"
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    try:
        yield Tenant.query.filter_by(slug=SLUG).one()
    finally:
        for slug in PROGRAMMES:
            delete_tenant(slug=slug)


def test_no_withheld_count_of_the_demo_can_be_recovered(demo, client, login_as, capsys):
    login_as("coordinator", in_tenant=demo)
    threshold = demo.suppression_threshold
    net = load_network(client=graph, tenant=SLUG)
    audit = Audit(threshold=threshold)
    reader = Reader(audit, net)

    def get(path: str, params: dict) -> dict:
        response = client.get(f"/api/v1/tenants/{SLUG}/indicators{path}", query_string=params)
        assert response.status_code == 200, (path, params, response.get_data(as_text=True))
        return response.get_json()

    read_api(get, reader, net.years)
    reports = 0
    for year in net.years:
        for school in report_subjects(net, year=year):
            read_report(reader, annual_report(net, school_key=school, year=year,
                                              threshold=threshold, tenant_name=demo.name))
            reports += 1
    first = demo.start_year
    while first <= net.years[-1]:
        read_bundle(reader, build_resources(net, first_year=first, last_year=min(
            first + 3, net.years[-1]), threshold=threshold))
        first += 4
    findings = audit.run()
    primary = sum(1 for q in audit.withheld if is_small(true_value(net, q, threshold),
                                                        threshold=threshold))
    with capsys.disabled():
        print(f"\ndisclosure audit of the {SLUG} demo ({reports} annual reports, "
              f"{len(net.years)} years): {audit.summary()}; withheld by primary "
              f"suppression {primary}, by secondary {len(audit.withheld) - primary}")
    assert reports > 20 and audit.cells > 10_000
    assert audit.withheld, "the demo must exercise suppression"
    assert not findings, "\n".join(f"{f.quantity}: {f.how} ({f.where})" for f in findings[:20])


def test_the_audit_catches_a_total_minus_known_cells():
    """A zone of two schools; school 1's 3 pupils of the group are withheld, its others
    too, but the zone's group total and school 2's count are shown: 43 − 40 = 3."""
    audit = Audit(threshold=5)
    audit.count(("a", "s1"), None, where="table")
    audit.count(("b", "s1"), None, where="table")
    audit.count(("a", "s2"), 40, where="table")
    audit.count(("a", "zone"), 43, where="table")
    audit.relation({("a", "zone"): 1, ("a", "s1"): -1, ("a", "s2"): -1})
    audit.relation({("a", "s1"): 1, ("b", "s1"): 1, ("t", "s1"): -1})
    findings = audit.run()
    assert [(f.quantity, f.how) for f in findings] == [
        (("a", "s1"), "derivable from published figures")]


def test_the_audit_catches_others_next_to_the_total():
    """The segregation API's old answer: members withheld, others 434 and the total shown."""
    audit = Audit(threshold=5)
    audit.count(("a", "m"), None, where="api")
    audit.count(("b", "m"), 434, where="api")
    audit.count(("t", "m"), 438, where="api")
    audit.relation({("a", "m"): 1, ("b", "m"): 1, ("t", "m"): -1})
    assert [f.quantity for f in audit.run()] == [("a", "m")]


def test_the_audit_catches_a_share_with_its_base_and_a_value_shown_elsewhere():
    audit = Audit(threshold=5)
    audit.count(("a", "s"), None, where="report")
    audit.count(("t", "s"), 438, where="api")
    audit.value({("a", "s"): 1.0, ("t", "s"): -0.0091}, 0.0)  # a share of 0.91 %
    assert [f.how for f in audit.run()] == ["derivable from published figures"]
    audit = Audit(threshold=5)
    audit.count(("a", "s"), None, where="territory page")
    audit.count(("a", "s"), 12, where="school page")
    assert "shown in school page" in audit.run()[0].how


def test_the_audit_catches_a_small_count_shown_and_passes_a_safe_table():
    audit = Audit(threshold=5)
    audit.count(("a", "s"), 3, where="table")
    assert audit.run()[0].how == "small count 3 shown"
    safe = Audit(threshold=5)
    for cell in ("x", "y"):
        safe.count(cell, None, where="table")
    safe.count("total", 30, where="table")
    safe.relation({"total": 1, "x": -1, "y": -1})
    assert safe.run() == []


def true_value(net, quantity: tuple, threshold: int) -> int | None:
    """What a withheld quantity really is (to tell primary from secondary suppression)."""
    kind = quantity[0]
    if kind in ("a", "b", "t"):
        place, year, source = quantity[1], quantity[2], quantity[3]
        pattern = disclosure.Patterns(net.counts, threshold=threshold).of(year=year,
                                                                          source=source)
        cell = (kind, place) if kind == "t" else (kind, place, quantity[4])
        return pattern.values.get(cell)
    if kind == "apps":
        return net.demand(quantity[1], quantity[2])["applications"]
    if kind == "reach":
        alliance = net.alliances[quantity[1]]
        shown = disclosure.reach(net.contributions.get(alliance["key"], []),
                                 start=alliance.get("start_year"), threshold=threshold)
        return shown.values.get(tuple(quantity[2:]))
    return None
