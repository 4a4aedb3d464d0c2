"""Shared set-up for report and job tests: a small seeded programme and report runs."""
from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

from app.extensions import db, graph
from app.models import JobRun, ReportArtifact, Tenant
from app.reports import synthetic
from graph.reports import seed_network

YEAR = 2023          # the school year reported on (the test tenant starts in 2020)
SCHOOLS = 6          # s-0000 … s-0005, in 2 municipalities (m-000, m-001) and 4 zones


def seed(tenant: Tenant, *, schools: int = SCHOOLS, municipalities: int = 2) -> dict:
    """Write a small synthetic programme for the tenant; returns its rows."""
    network = synthetic.network(schools=schools, start_year=tenant.start_year, last_year=YEAR,
                                comparison_per_zone=1, municipalities=municipalities)
    graph.write(seed_network, tenant=tenant.slug, network=network)
    return network


def process_env(app, graph_server: dict) -> dict[str, str]:
    """The environment an `imant` child process needs to share the test's stores."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IMANT_", "GRAPH_"))}
    env.update(IMANT_INSTANCE=str(app.config["INSTANCE_PATH"]),
               DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"],
               GRAPH_URI=graph_server["GRAPH_URI"], GRAPH_USER=graph_server["GRAPH_USER"],
               GRAPH_PASSWORD=graph_server["GRAPH_PASSWORD"],
               GRAPH_DATABASE=graph_server["GRAPH_DATABASE"], PYTHONUNBUFFERED="1")
    return env


def artifacts_of(tenant: Tenant, kind: str = "annual") -> list[ReportArtifact]:
    return list(db.session.execute(db.select(ReportArtifact).filter_by(
        tenant_id=tenant.id, kind=kind).order_by(ReportArtifact.id)).scalars())


def runs_of(tenant: Tenant) -> list[JobRun]:
    return list(db.session.execute(db.select(JobRun).filter_by(
        tenant_id=tenant.id).order_by(JobRun.id)).scalars())


def file_of(app, artifact: ReportArtifact) -> Path:
    return Path(app.config["REPORTS_DIR"]) / artifact.path


def report_json(app, tenant: Tenant, school: str, year: int = YEAR) -> dict:
    row = next(a for a in artifacts_of(tenant) if a.subject_key == school and a.fmt == "json"
               and a.period == str(year))
    return json.loads(file_of(app, row).read_text())


def extract(zip_bytes: bytes, into: Path) -> Path:
    """Unzip a bundle; returns its top folder."""
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        zf.extractall(into)
        top = {name.split("/", 1)[0] for name in zf.namelist()}
    assert len(top) == 1, top
    return into / top.pop()
