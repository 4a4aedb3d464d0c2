"""Random sequences of what users do (create an alliance, change its partner, end it, assess
it, log contributions, record a measure, import a year of figures), then the cycle's bundle:
its data package must validate as written, and the attacker's audit must find nothing."""
from __future__ import annotations

import contextlib
import io
import json
import tempfile
import uuid
import zipfile
from datetime import date

import frictionless
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from app.extensions import graph
from app.imports.bench import delete_tenant
from app.imports.service import import_csv
from app.network import service
from app.platform import create_tenant
from graph.errors import Conflict, Invalid
from reports import bundle
from reports.data import annual_report, report_subjects
from reports.snapshot import load_network
from tests.disclosure.audit import Audit
from tests.disclosure.collect import Reader, read_bundle, read_report
from tests.network.conftest import access_for

SCHOOLS = {"s1": "z1", "s2": "z1", "s3": "z2", "s4": "z3"}
ZONES = {"z1": "m1", "z2": "m1", "z3": "m2"}
PARTNERS = ("p1", "p2", "p3")
FIRST, LAST = 2020, 2023
KINDS = ("training", "workshop", "event")
REFUSED = (Invalid, Conflict)  # a refused action is the system working: nothing written
DONE = {"alliances": 0, "contributions": 0, "bundles": 0}


class Programme(RuleBasedStateMachine):
    """One programme per example, built through the services and the import path."""

    @initialize()
    def start(self) -> None:
        self.tenant = create_tenant(slug=f"h{uuid.uuid4().hex[:10]}", name="Random",
                                    start_year=FIRST)
        self.boss = access_for(self.tenant, "coordinator")
        for muni in sorted(set(ZONES.values())):
            service.create_municipality(access=self.boss, data={"key": muni, "name": muni})
        for zone, muni in ZONES.items():
            service.create_zone(access=self.boss, data={"key": zone, "name": zone,
                                                        "municipality": muni})
        for school, zone in SCHOOLS.items():
            service.create_school(access=self.boss, data={
                "key": school, "name": f"School {school}", "level": "primary", "zone": zone,
                "entry_places": 25})
        for partner in PARTNERS:
            service.create_partner(access=self.boss, data={"key": partner, "name": partner,
                                                           "kind": "museum"})
        # one alliance to start from, so that every sequence has something to log to
        first = service.create_alliance(access=self.boss, data={
            "school": "s1", "partner": "p1", "theme": "science", "start_year": FIRST})
        self.alliances: list[str] = [first["key"]]

    def _try(self, action, **kwargs) -> object | None:
        try:
            return action(access=self.boss, **kwargs)
        except REFUSED:
            return None

    @rule(school=st.sampled_from(sorted(SCHOOLS)), partner=st.sampled_from(PARTNERS),
          start=st.integers(FIRST, LAST))
    def create_alliance(self, school: str, partner: str, start: int) -> None:
        made = self._try(service.create_alliance, data={
            "school": school, "partner": partner, "theme": "science", "start_year": start})
        if made:
            self.alliances.append(made["key"])

    @rule(which=st.integers(0, 20), partner=st.sampled_from(PARTNERS),
          year=st.integers(FIRST, LAST))
    def change_partner(self, which: int, partner: str, year: int) -> None:
        if self.alliances:
            made = self._try(service.change_partner, key=self.alliances[which % len(
                self.alliances)], data={"partner": partner, "start_year": year})
            if isinstance(made, dict):
                self.alliances.append(made["started"]["key"])

    @rule(which=st.integers(0, 20), year=st.integers(FIRST, LAST))
    def end_alliance(self, which: int, year: int) -> None:
        if self.alliances:
            self._try(service.end_alliance, key=self.alliances[which % len(self.alliances)],
                      data={"end_year": year})

    @rule(which=st.integers(0, 20), year=st.integers(FIRST - 1, LAST),
          component=st.sampled_from(["partnerships", "family_engagement"]))
    def assess(self, which: int, year: int, component: str) -> None:
        if self.alliances:
            self._try(service.upsert_assessment, data={
                "alliance": self.alliances[which % len(self.alliances)], "year": year,
                "component": component, "stage": "planning", "benchmarks": []})

    @rule(which=st.integers(0, 20), later=st.integers(0, 3),
          kind=st.sampled_from(KINDS), teachers=st.integers(0, 12),
          students=st.integers(0, 12), families=st.integers(0, 12))
    def log(self, which: int, later: int, kind: str, teachers: int, students: int,
            families: int) -> None:
        """A contribution `later` years into the alliance (a partner logs its own years)."""
        if self.alliances:
            key = self.alliances[which % len(self.alliances)]
            start = service.get_alliance(access=self.boss, key=key)["start_year"]
            DONE["contributions"] += bool(self._try(service.create_contribution, data={
                "alliance": key, "kind": kind, "hours": 2,
                "date": date(min(start + later, LAST), 11, 5).isoformat(),
                "teachers": teachers, "students": students, "families": families}))

    @rule(muni=st.sampled_from(sorted(set(ZONES.values()))), year=st.integers(FIRST, LAST))
    def record_measure(self, muni: str, year: int) -> None:
        schools = [s for s, z in SCHOOLS.items() if ZONES[z] == muni]
        self._try(service.create_measure, data={
            "municipality": muni, "kind": "place_reservation",
            "start": date(year, 1, 1).isoformat(), "schools": schools})

    @rule(year=st.integers(FIRST, LAST), nese=st.lists(st.integers(0, 12), min_size=4,
                                                        max_size=4),
          totals=st.lists(st.integers(20, 120), min_size=4, max_size=4))
    def import_figures(self, year: int, nese: list[int], totals: list[int]) -> None:
        lines = ["school_key,year,places_offered,first_choice_applications,enrolled_total,"
                 "enrolled_disadvantaged,enrolled_migrant,enrolled_nese"]
        for (school, n, t) in zip(sorted(SCHOOLS), nese, totals, strict=True):
            lines.append(f"{school},{year},25,{n + 3},{t},{t // 2},{t // 4},{min(n, t)}")
        with contextlib.suppress(REFUSED):
            import_csv(tenant=self.tenant, kind="school_years",
                       data=("\n".join(lines) + "\n").encode(), actor="test")

    def teardown(self) -> None:
        if not hasattr(self, "tenant"):
            return
        try:
            self._check_bundle()
        finally:
            delete_tenant(slug=self.tenant.slug)

    def _check_bundle(self) -> None:
        threshold = self.tenant.suppression_threshold
        net = load_network(client=graph, tenant=self.tenant.slug)
        DONE["alliances"] += len(net.alliances)
        resources = bundle.build_resources(net, first_year=FIRST, last_year=LAST,
                                           threshold=threshold)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            for resource in resources:
                zf.writestr(f"{bundle.DATA_DIR}/{resource.name}.csv", bundle.to_csv(resource))
            zf.writestr("datapackage.json", json.dumps(bundle.datapackage(
                resources, name="random", title="Random", description="Random",
                threshold=threshold, created="2026-01-01T00:00:00Z")))
        _validate_zip(buffer.getvalue())
        audit = Audit(threshold=threshold)
        reader = Reader(audit, net)
        for year in net.years:
            for school in report_subjects(net, year=year):
                read_report(reader, annual_report(net, school_key=school, year=year,
                                                  threshold=threshold, tenant_name="Random"))
        read_bundle(reader, resources)
        findings = audit.run()
        assert not findings, [(f.quantity, f.how) for f in findings[:5]]
        DONE["bundles"] += 1


def _validate_zip(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            zf.extractall(folder)
        report = frictionless.validate(f"{folder}/datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_random_user_actions_leave_a_valid_bundle_that_gives_nothing_away(app):
    run_state_machine_as_test(Programme, settings=settings(
        max_examples=6, stateful_step_count=12, deadline=None, derandomize=True))
    # the sequences did build programmes worth checking
    assert DONE["bundles"] >= 6 and DONE["alliances"] > 0 and DONE["contributions"] > 0, DONE
