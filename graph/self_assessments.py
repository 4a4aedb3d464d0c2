"""Transaction functions for self-assessments: per alliance and school year, the school team
rates every rubric item of the five core components, submits, and the coordinator returns it
with a comment or accepts it. Only acceptance sets the stage per component (it writes the
year's StageAssessment nodes). Every revision is kept: a second assessment of a year is a new
revision (a draft copied from the latest), never an overwrite.
"""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import neo4j

from domain.planning import invalid, is_choice, require_school_year, validate_live_alliance
from domain.rubric import get_item
from domain.stages import (
    is_editable,
    next_assessment_status,
    validate_benchmarks,
    validate_evidence,
    validate_rating,
)
from graph.assessments import assessment_key
from graph.errors import Conflict
from graph.model import BENCHMARKS, AssessmentStatus, Component, Stage
from graph.network_tx import item, require_item
from graph.planning import field_prefix, live_alliance
from graph.queries import assessments as stage_cypher
from graph.queries import self_assessments as cypher

OPEN = (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED)


def self_assessment_key(*, alliance: str, year: int, revision: int) -> str:
    return f"{alliance}:{year}:{revision}"


def list_self_assessments(tx: neo4j.ManagedTransaction, *, tenant: str,
                          alliance: str | None = None, year: int | None = None) -> list[dict]:
    """Every revision of the self-assessments of an alliance (or of the whole programme),
    of one year or all, by alliance, year and revision."""
    return [dict(r["item"]) for r in tx.run(cypher.LIST_SELF_ASSESSMENTS, tenant=tenant,
                                            alliance=alliance, year=year)]


def list_ratings(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str | None = None,
                 year: int | None = None, status: str | None = "accepted") -> list[dict]:
    """Rubric ratings with their alliance, year, revision and status (default: of accepted
    assessments only), for reports and the evaluation bundle."""
    return [dict(r["item"]) for r in tx.run(cypher.LIST_RATINGS, tenant=tenant,
                                            alliance=alliance, year=year, status=status)]


def get_self_assessment(tx: neo4j.ManagedTransaction, *, tenant: str,
                        key: str) -> dict | None:
    """One revision with its ratings (ordered by item key), or None."""
    return item(tx, cypher.GET_SELF_ASSESSMENT, tenant=tenant, key=key)


def _rating_rows(key: str, ratings: Iterable[Mapping[str, Any]]) -> list[dict]:
    rows = []
    for n, rating in enumerate(ratings):
        with field_prefix(f"ratings[{n}]"):
            validate_rating(item=rating.get("item"), component=rating.get("component"),
                            rating=rating.get("rating"))
            validate_evidence(evidence=rating.get("evidence"), link=rating.get("link"))
        found = get_item(rating["item"])
        rows.append({"key": f"{key}:{found.key}", "props": {
            "item": found.key, "component": found.component.value, "stage": found.stage.value,
            "rating": rating["rating"], "evidence": rating.get("evidence"),
            "link": rating.get("link")}})
    return rows


def start_self_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, alliance: str,
                          year: int, by: str, at: str) -> dict:
    """Open the next revision for `year` as a draft, copying the latest revision's ratings
    and benchmarks; refused while that year's latest revision is still a draft or submitted.
    """
    live_alliance(tx, tenant=tenant, alliance=alliance)
    require_school_year("year", year)
    revisions = list_self_assessments(tx, tenant=tenant, alliance=alliance, year=year)
    latest = revisions[-1] if revisions else None
    if latest is not None and latest["status"] in OPEN:
        raise Conflict(
            f"The {year} self-assessment (revision {latest['revision']}) is "
            f"{latest['status']}; continue it rather than start another.",
            errors=[{"field": "year", "value": year,
                     "reason": f"revision {latest['revision']} is {latest['status']}"}])
    previous = get_self_assessment(tx, tenant=tenant, key=latest["key"]) if latest else None
    revision = latest["revision"] + 1 if latest else 1
    key = self_assessment_key(alliance=alliance, year=year, revision=revision)
    tx.run(cypher.CREATE_SELF_ASSESSMENT, tenant=tenant, alliance=alliance, key=key, props={
        "year": year, "revision": revision, "status": AssessmentStatus.DRAFT.value,
        "benchmarks": list(previous["benchmarks"] or []) if previous else [],
        "created_by": by, "created_at": at}).consume()
    # ratings of items the rubric no longer has are not carried over
    carried = [r for r in (previous["ratings"] if previous else []) if get_item(r["item"])]
    if carried:
        tx.run(cypher.SET_RATINGS, tenant=tenant, key=key,
               rows=_rating_rows(key, carried)).consume()
    return get_self_assessment(tx, tenant=tenant, key=key)


def _current(tx: neo4j.ManagedTransaction, *, tenant: str, key: str) -> dict:
    current = require_item(get_self_assessment(tx, tenant=tenant, key=key),
                           what="self-assessment", key=key)
    validate_live_alliance(alliance=current["alliance"],
                           alliance_status=current["alliance_status"])
    return current


def save_draft(tx: neo4j.ManagedTransaction, *, tenant: str, key: str,
               ratings: Iterable[Mapping[str, Any]] = (),
               benchmarks: Collection[str] | None = None) -> dict:
    """Set ratings (item, component, rating, evidence, link) and, when given, the benchmarks
    met, on a draft. Each rating replaces that item's earlier rating in this draft."""
    current = _current(tx, tenant=tenant, key=key)
    if not is_editable(current["status"]):
        raise invalid("status", current["status"], "only a draft can be changed; start a "
                      "new revision to change a submitted, returned or accepted one")
    rows = _rating_rows(key, ratings)
    if benchmarks is not None:
        validate_benchmarks(benchmarks=benchmarks)
        tx.run(cypher.UPDATE_SELF_ASSESSMENT, tenant=tenant, key=key,
               props={"benchmarks": sorted(set(benchmarks))}).consume()
    if rows:
        tx.run(cypher.SET_RATINGS, tenant=tenant, key=key, rows=rows).consume()
    return get_self_assessment(tx, tenant=tenant, key=key)


def _step(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, action: str,
          props: dict[str, Any]) -> dict:
    current = _current(tx, tenant=tenant, key=key)
    status = next_assessment_status(current=current["status"], action=action)
    tx.run(cypher.UPDATE_SELF_ASSESSMENT, tenant=tenant, key=key,
           props={**props, "status": status.value}).consume()
    return get_self_assessment(tx, tenant=tenant, key=key)


def submit_self_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, by: str,
                           at: str) -> dict:
    """The school team hands the draft to the coordinator."""
    return _step(tx, tenant=tenant, key=key, action="submit",
                 props={"submitted_by": by, "submitted_at": at})


def return_self_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, by: str,
                           at: str, comment: str) -> dict:
    """The coordinator sends a submitted assessment back, saying why."""
    if not isinstance(comment, str) or not comment.strip():
        raise invalid("comment", comment, "say what to change when returning an assessment")
    return _step(tx, tenant=tenant, key=key, action="return",
                 props={"reviewed_by": by, "reviewed_at": at, "review_comment": comment.strip()})


def _checked_stages(stages: Mapping[str, str]) -> dict[str, str]:
    for component in Component:
        stage = stages.get(component)
        if not is_choice(stage, Stage):
            raise invalid(f"stages.{component.value}", stage, "give a stage for every "
                          "core component (the suggestion, or the coordinator's decision)")
    extra = sorted(set(stages) - set(Component))
    if extra:
        raise invalid("stages", extra[0], "not a core component")
    return {component.value: stages[component] for component in Component}


def accept_self_assessment(tx: neo4j.ManagedTransaction, *, tenant: str, key: str, by: str,
                           at: str, stages: Mapping[str, str],
                           comment: str | None = None) -> dict:
    """The coordinator accepts a submitted assessment with a stage per core component; the
    year's stage assessments are set from it: that stage, the benchmarks of that stage the
    assessment marks met, accepted by `by`."""
    chosen = _checked_stages(stages)
    accepted = _step(tx, tenant=tenant, key=key, action="accept",
                     props={"reviewed_by": by, "reviewed_at": at, "review_comment": comment})
    met = set(accepted["benchmarks"] or [])
    for component, stage in chosen.items():
        tx.run(stage_cypher.UPSERT_ASSESSMENT, tenant=tenant, alliance=accepted["alliance"],
               key=assessment_key(alliance=accepted["alliance"], year=accepted["year"],
                                  component=component),
               props={"year": accepted["year"], "component": component, "stage": stage,
                      "benchmarks": [b for b in BENCHMARKS[Stage(stage)] if b in met],
                      "assessed_by": by, "self_assessment": key}).consume()
    return accepted
