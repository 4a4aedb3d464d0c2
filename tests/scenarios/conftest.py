"""A small admission market imported like any programme's data: two primary schools in
municipality m-a (one in a poor zone, one in a rich one), a third in m-b, sixty families
of 2024 with ranked applications (some with imported points) and their enrolments."""
from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient

from app.extensions import db
from app.imports.service import import_csv
from app.models import JobRun, Tenant
from app.tenancy import Access
from jobs import worker
from tests.network.conftest import access_for
from tests.network_pages.conftest import page_client

FILES = {
    "municipalities": "key,name,code\nm-a,Alpha,08001\nm-b,Beta,08002\n",
    "zones": "key,name,municipality_key\nz-poor,Poor side,m-a\nz-rich,Rich side,m-a\n"
             "z-b,Beta centre,m-b\n",
    "schools": "key,name,code,level,zone_key,entry_places\n"
               "s-poor,Escola Riu,,primary,z-poor,30\ns-rich,Escola Turó,,primary,z-rich,30\n"
               "s-b,Escola Beta,,primary,z-b,25\ns-high,Institut Alpha,,secondary,z-rich,60\n",
}
FAMILIES = 60


def _families() -> dict[str, str]:
    rng = random.Random(7)
    families, applications, enrolments = [], [], []
    free = {"s-poor": 30, "s-rich": 30}
    for i in range(FAMILIES):
        poor = i % 2 == 0
        nese = poor and i % 6 == 0
        key = f"f-{i:03d}"
        families.append(f"{key},{'z-poor' if poor else 'z-rich'},{str(poor).lower()},"
                        f"{str(poor and i % 4 == 0).lower()},{str(nese).lower()}")
        first, second = ("s-rich", "s-poor") if rng.random() < (0.4 if poor else 0.9) \
            else ("s-poor", "s-rich")
        points = "30" if (first == "s-poor") == poor else ""
        applications += [f"{key},{first},2024,1,{points},", f"{key},{second},2024,2,,"]
        school = first if free[first] else second
        free[school] -= 1
        enrolments.append(f"{key},{school},2024")
    return {"families": "key,zone_key,disadvantaged,migrant,nese\n" + "\n".join(families),
            "applications": "family_key,school_key,year,rank,points,sibling\n"
                            + "\n".join(applications),
            "enrolments": "family_key,school_key,year\n" + "\n".join(enrolments)}


def seed_market(tenant: Tenant) -> None:
    for kind, text in {**FILES, **_families()}.items():
        import_csv(tenant=tenant, kind=kind, data=(text + "\n").encode(),
                   file_name=f"{kind}.csv", actor="test")


@pytest.fixture
def market(tenant: Tenant) -> Tenant:
    seed_market(tenant)
    return tenant


@pytest.fixture
def access(market: Tenant) -> Callable[..., Access]:
    """access(role, scope_key=None): the service-level access of a new user."""
    def make(role: str = "coordinator", scope_key: str | None = None) -> Access:
        return access_for(market, role, scope_key)
    return make


@pytest.fixture
def page(app: Flask, market: Tenant) -> Callable[..., FlaskClient]:
    """page(role, scope_key=None): a logged-in browser-like client."""
    def make(role: str = "coordinator", scope_key: str | None = None) -> FlaskClient:
        return page_client(app, market, role, scope_key)
    return make


def carry_out_queued() -> list[JobRun]:
    """What the scheduler's worker does every few seconds, in this thread."""
    done = []
    for run in JobRun.query.filter_by(status="queued").order_by(JobRun.id).all():
        worker.carry_out(run)
        db.session.refresh(run)
        done.append(run)
    return done


SCENARIO = {"name": "NESE reservation at Turó", "municipality": "m-a", "year": 2024,
            "level": "primary", "draws": 20,
            "reserve": {"group": "nese", "places": 4, "schools": ["s-rich"]}}
