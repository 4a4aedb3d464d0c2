"""What the two permission matrices (the network API's in tests/network, the pages' in
tests/network_pages) share: roles, scopes and expected outcomes, the request template,
the fresh targets a writing case gets, and the app with two tenants and their worlds."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Flask

from app import create_app
from app.extensions import db, graph
from app.models import Tenant
from app.network import service
from app.platform import create_tenant
from app.tenancy import Access
from graph.queries import system
from tests.conftest import make_config, sql_settings
from tests.network.conftest import build_world

ROLES = ("coordinator", "partner", "municipality", "school", "evaluator")
SCOPES = ("own", "foreign", "foreign-tenant")
ALLOW, DENY, HIDE = "allow", "deny", "hidden"
_serial = itertools.count(1)

# expected outcome per role for (own scope, foreign scope); a foreign tenant is always hidden
READ = {"coordinator": "AA", "partner": "AA", "municipality": "AA", "school": "AA",
        "evaluator": "DD"}
EDIT = {"coordinator": "AA", "partner": "DD", "municipality": "DD", "school": "DD",
        "evaluator": "DD"}
SCHOOL_PROFILE = {**EDIT, "school": "AD"}
READ_CONTRIBUTIONS = {**EDIT, "partner": "AD", "school": "AD"}
LOG_CONTRIBUTIONS = {**EDIT, "partner": "AD"}
MEASURES = {**EDIT, "municipality": "AD"}
READ_ASSESSMENTS = {**EDIT, "partner": "AD", "municipality": "AD", "school": "AD"}
EDIT_ASSESSMENTS = {**EDIT, "school": "AD"}


@dataclass(frozen=True)
class Request:
    """A request template: `data(values)` gives the JSON body or the form; `prepare(boss,
    side)` makes fresh targets and returns the values the path and data are filled with."""

    method: str
    path: str
    expect: dict[str, str]
    data: Callable[[dict], Any] | None = None
    prepare: Callable[[Access, dict], dict] | None = field(default=None, compare=False)

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"


def expected(request: Request, role: str, scope: str) -> str:
    if scope == "foreign-tenant":
        return HIDE
    return {"A": ALLOW, "D": DENY}[request.expect[role][0 if scope == "own" else 1]]


@contextmanager
def two_tenants(tmp: Path, graph_server: dict, *, home: str,
                away: str) -> Iterator[tuple[Flask, Tenant, Tenant, Access]]:
    """An app of its own with tenants `home` and `away`, each with the two-of-everything
    world; yields (app, home tenant, away tenant, home coordinator's access) inside an app
    context, and removes both tenants' graphs and the SQL tables afterwards."""
    app = create_app(make_config(tmp, graph_server, sql_settings("sqlite", None, tmp)))
    with app.app_context():
        db.create_all()
        tenant = create_tenant(slug=home, name="Home", start_year=2020)
        elsewhere = create_tenant(slug=away, name="Away", start_year=2020)
        boss = build_world(tenant)
        build_world(elsewhere)
        yield app, tenant, elsewhere, boss
        for slug in (home, away):
            graph.write(lambda tx, slug=slug: tx.run(system.DELETE_TENANT,
                                                     tenant=slug).consume())
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


# ---- fresh targets, made by the coordinator, on one side (OWN or OTHER) -----------------

def number() -> int:
    return next(_serial)


def fresh_municipality(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_municipality(
        access=boss, data={"name": f"Municipality {number()}"})["key"]}


def fresh_zone(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_zone(access=boss, data={
        "name": f"Zone {number()}", "municipality": side["municipality"]})["key"]}


def fresh_school(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_school(access=boss, data={
        "name": f"School {number()}", "level": "primary", "zone": side["zone"]})["key"]}


def fresh_partner(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_partner(access=boss, data={
        "name": f"Partner {number()}", "kind": "company"})["key"]}


def fresh_alliance(boss: Access, side: dict) -> dict:
    """A new active alliance with the side's partner, for a new school on that side
    (so the side's scoped users own it exactly as they own the side's alliance)."""
    school = fresh_school(boss, side)["key"]
    key = service.create_alliance(access=boss, data={
        "school": school, "partner": side["partner"], "theme": "robotics",
        "start_year": 2022})["key"]
    return {**side, "key": key, "school": school}


def side_school(boss: Access, side: dict) -> dict:
    """The side's own school: a school team may change only that one."""
    return {**side, "key": side["school"]}


def free_school(boss: Access, side: dict) -> dict:
    return {**side, "free_school": fresh_school(boss, side)["key"]}


def fresh_contribution(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_contribution(access=boss, data={
        "alliance": side["alliance"], "date": "2024-01-15", "kind": "event"})["key"]}


def fresh_measure(boss: Access, side: dict) -> dict:
    return {**side, "key": service.create_measure(access=boss, data={
        "municipality": side["municipality"], "kind": "other", "start": "2024-01-01",
        "schools": [side["school"]]})["key"]}


def assessable_year() -> int:
    """A school year the side's alliance (started 2022) may be assessed for: its planning
    year 2021 to 2024, in turn (an upsert of a year already assessed replaces it)."""
    return 2021 + number() % 4


def fresh_assessment(boss: Access, side: dict) -> dict:
    item, _ = service.upsert_assessment(access=boss, data={
        "alliance": side["alliance"], "year": assessable_year(),
        "component": "diversity_equity", "stage": "planning"})
    return {**side, "key": item["key"]}


def new_year(boss: Access, side: dict) -> dict:
    return {**side, "year": assessable_year()}
