"""Admission scenarios: build one for a market, run it in the worker, read and compare the
results as disclosure control lets them out, export them.

A scenario is a what-if on one market: the schools of one level (P3 in primary, first of
ESO in secondary) of one municipality, for one entry year, with a mechanism and measures.
Its run simulates the year's actual rules (the baseline) and the scenario on the year's
applications, and checks the baseline against the recorded enrolments (calibration).
Saving, running and deleting are audited; results are aggregates only, published through
domain.disclosure.simulation.
"""
from __future__ import annotations

import json
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from app import audit
from app.extensions import db, graph
from app.models import JobRun, Scenario, User
from app.scenarios import exports, policy, validate
from app.tenancy import Access
from domain.disclosure.simulation import published
from graph import admission, territory, version
from graph.errors import Conflict, Invalid, NotFound
from jobs import runs
from jobs.kinds import SIMULATION

MAX_COMPARED = 4


def list_markets(*, access: Access) -> list[dict[str, Any]]:
    """The municipalities the caller may simulate, each with its years and levels that have
    applications, latest first."""
    access.require("scenario.view")
    own = policy.own_municipality(access)
    found = graph.read(territory.list_municipalities, tenant=access.tenant.slug, q=None,
                       archived=False, skip=0, limit=10_000)["items"]
    years: dict[str, list[dict[str, Any]]] = {}
    for row in graph.read(admission.list_market_years, tenant=access.tenant.slug,
                          municipality=own):
        years.setdefault(row["municipality"], []).append(
            {"year": row["year"], "level": row["level"]})
    return [{"key": m["key"], "name": m.get("name") or m["key"], "years": years.get(m["key"], [])}
            for m in found if own is None or m["key"] == own]


def get_market(*, access: Access, municipality: str, year: int, level: str) -> dict[str, Any]:
    """The schools (with places) and zones a scenario of this market may name."""
    policy.require_reaches(access, municipality)
    found = graph.read(territory.get_municipality, tenant=access.tenant.slug, key=municipality)
    if found is None:
        raise NotFound(_("No municipality with key %(key)r.", key=municipality))
    places = graph.read(admission.read_places, tenant=access.tenant.slug,
                        municipality=municipality, year=year, level=level)
    return {"municipality": {"key": municipality, "name": found.get("name") or municipality},
            "year": year, "level": level, **places}


def create_scenario(*, access: Access, data: Mapping[str, Any]) -> dict[str, Any]:
    """Save a scenario (not yet run); Invalid names each wrong field."""
    errors: validate.Errors = []
    fields = validate.market_fields(data, errors)
    placed = {e["field"] for e in errors} & {"municipality", "year", "level"}
    if placed:
        validate.refuse(errors)
    policy.require_edits(access, fields["municipality"])
    market = get_market(access=access, municipality=fields["municipality"],
                        year=fields["year"], level=fields["level"])
    if not market["schools"]:
        errors.append({"field": "level", "value": fields["level"],
                       "reason": _("%(municipality)s has no school of this level",
                                   municipality=market["municipality"]["name"])})
    measures = validate.measures(data, errors, schools={s["key"] for s in market["schools"]},
                                 zones={z["key"] for z in market["zones"]},
                                 mechanism=fields["mechanism"])
    validate.refuse(errors)
    scenario = Scenario(tenant_id=access.tenant.id, name=fields["name"],
                        description=fields["description"],
                        municipality_key=fields["municipality"], year=fields["year"],
                        level=fields["level"], measures=measures, draws=fields["draws"],
                        seed=fields["seed"], created_by=access.user_id)
    db.session.add(scenario)
    db.session.flush()
    audit.record(action="scenario.create", target=f"scenario:{scenario.id}",
                 tenant_id=access.tenant.id, user_id=access.user_id,
                 after={"name": scenario.name, "municipality": scenario.municipality_key,
                        "year": scenario.year, "level": scenario.level,
                        "measures": _plain(measures), "draws": scenario.draws})
    db.session.commit()
    return _view(access, scenario)


def run_scenario(*, access: Access, scenario_id: int) -> dict[str, Any]:
    """Queue the scenario's run for the worker (the active one if it is already queued)."""
    scenario = _get(access, scenario_id)
    policy.require_edits(access, scenario.municipality_key)
    run, created = runs.claim(tenant=access.tenant, kind=SIMULATION, period=str(scenario.id),
                              details={"scenario": scenario.id})
    if created:
        scenario.run_id, scenario.ran_by = run.id, access.user_id
        audit.record(action="scenario.run", target=f"scenario:{scenario.id}",
                     tenant_id=access.tenant.id, user_id=access.user_id,
                     after={"run": run.id, "draws": scenario.draws})
        db.session.commit()
    return runs.as_dict(run)


def get_scenario(*, access: Access, scenario_id: int) -> dict[str, Any]:
    """A scenario with its last run and its results as they may be published."""
    return _view(access, _get(access, scenario_id))


def list_scenarios(*, access: Access, municipality: str | None = None) -> list[dict[str, Any]]:
    """The caller's scenarios (a municipality user's own municipality), newest first."""
    access.require("scenario.view")
    own = policy.own_municipality(access)
    query = db.select(Scenario).filter(Scenario.tenant_id == access.tenant.id)
    for key in (own, municipality):
        if key is not None:
            query = query.filter(Scenario.municipality_key == key)
    found = db.session.execute(query.order_by(Scenario.id.desc())).scalars()
    return [_summary(s) for s in found]


def compare(*, access: Access, ids: Sequence[int]) -> dict[str, Any]:
    """Scenarios of one market side by side, after the baseline of the first one run."""
    if not ids:
        raise Invalid(_("Choose at least one scenario to compare."),
                      errors=[{"field": "ids", "value": [], "reason": _("required")}])
    if len(ids) > MAX_COMPARED:
        raise Invalid(_("Compare at most %(n)s scenarios at a time.", n=MAX_COMPARED),
                      errors=[{"field": "ids", "value": list(ids), "reason": _("too many")}])
    views = [get_scenario(access=access, scenario_id=i) for i in ids]
    markets = {(v["municipality"], v["year"], v["level"]) for v in views}
    if len(markets) > 1:
        raise Invalid(_("Only scenarios of the same municipality, year and level can be "
                        "compared."), errors=[{"field": "ids", "value": list(ids),
                                               "reason": _("different markets")}])
    ran = [v for v in views if v["results"]]
    return {"scenarios": views,
            "baseline": ran[0]["results"]["baseline"] if ran else None,
            "calibration": ran[0]["results"]["calibration"] if ran else None}


def pdf_file(*, access: Access, scenario_id: int) -> tuple[Path, str]:
    """The one-page PDF of the scenario's last run and its download name."""
    scenario = _get(access, scenario_id)
    root = Path(current_app.config["REPORTS_DIR"]).resolve()
    path = (root / scenario.pdf_path).resolve() if scenario.pdf_path else None
    if path is None or not path.is_relative_to(root) or not path.is_file():
        raise NotFound(_("The scenario has no PDF yet: run it."))
    return path, exports.file_name(scenario_id=scenario.id, name=scenario.name, fmt="pdf")


def csv_export(*, access: Access, scenario_id: int) -> tuple[str, str]:
    """The scenario's published results as CSV and its download name (Conflict before the
    first run)."""
    item = get_scenario(access=access, scenario_id=scenario_id)
    if not item["results"]:
        raise Conflict(_("The scenario has not run yet: there is nothing to export."))
    return (exports.csv_text(item),
            exports.file_name(scenario_id=item["id"], name=item["name"], fmt="csv"))


def delete_scenario(*, access: Access, scenario_id: int) -> None:
    scenario = _get(access, scenario_id)
    policy.require_edits(access, scenario.municipality_key)
    audit.record(action="scenario.delete", target=f"scenario:{scenario.id}",
                 tenant_id=access.tenant.id, user_id=access.user_id,
                 before={"name": scenario.name, "municipality": scenario.municipality_key})
    pdf = scenario.pdf_path
    db.session.delete(scenario)
    db.session.commit()
    if pdf:  # the record is gone: its folder of PDFs goes too
        shutil.rmtree((Path(current_app.config["REPORTS_DIR"]) / pdf).parent,
                      ignore_errors=True)


def _get(access: Access, scenario_id: int) -> Scenario:
    access.require("scenario.view")
    scenario = db.session.get(Scenario, scenario_id)
    if scenario is None or scenario.tenant_id != access.tenant.id or \
            not policy.reaches(access, scenario.municipality_key):
        # another municipality's scenario is not revealed to exist
        raise NotFound(_("No scenario %(id)s in this programme.", id=scenario_id))
    return scenario


def _summary(s: Scenario) -> dict[str, Any]:
    return {"id": s.id, "name": s.name, "municipality": s.municipality_key, "year": s.year,
            "level": s.level, "mechanism": (s.measures or {}).get("mechanism"),
            "ran_at": _iso(s.ran_at), "has_results": s.results is not None,
            "has_pdf": s.pdf_path is not None,
            "created_at": _iso(s.created_at)}


def _view(access: Access, s: Scenario) -> dict[str, Any]:
    run = db.session.get(JobRun, s.run_id) if s.run_id else None
    current = graph.read(version.read, tenant=access.tenant.slug).n if s.results else None
    return {**_summary(s), "description": s.description, "measures": s.measures,
            "draws": s.draws, "seed": s.seed, "created_by": _user(s.created_by),
            "ran_by": _user(s.ran_by), "data_version": s.data_version,
            "stale": s.results is not None and current != s.data_version,
            "run": runs.as_dict(run) if run else None,
            "results": published(s.results, threshold=access.tenant.suppression_threshold)
            if s.results else None,
            "may_edit": policy.may_edit(access, s.municipality_key),
            "names": _names(access, s)}


def _names(access: Access, s: Scenario) -> dict[str, str]:
    """Names of the municipality and of the schools and zones the scenario names."""
    places = graph.read(admission.read_places, tenant=access.tenant.slug,
                        municipality=s.municipality_key, year=s.year, level=s.level)
    found = graph.read(territory.get_municipality, tenant=access.tenant.slug,
                       key=s.municipality_key) or {}
    return {s.municipality_key: found.get("name") or s.municipality_key,
            **{row["key"]: row.get("name") or row["key"]
               for row in (*places["schools"], *places["zones"])}}


def _user(user_id: int | None) -> str | None:
    user = db.session.get(User, user_id) if user_id else None
    return (user.name or user.email) if user else None


def _iso(value: Any) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _plain(measures: Mapping[str, Any]) -> str:
    """The measures in the audit log (a short text: the log keeps plain values)."""
    return json.dumps(measures, sort_keys=True, ensure_ascii=False)
