"""Self-assessments on the real graph server: rating all five components on one draft,
submit, return with a comment, a new revision copied from it, accept, and the year's stage
set only by acceptance."""
from __future__ import annotations

import pytest

from domain.rubric import component_items
from domain.stages import suggest_stage
from graph.assessments import get_assessment, list_assessments
from graph.driver import graph
from graph.errors import Conflict, Invalid
from graph.model import Component
from graph.self_assessments import (
    accept_self_assessment,
    get_self_assessment,
    list_ratings,
    list_self_assessments,
    return_self_assessment,
    save_draft,
    start_self_assessment,
    submit_self_assessment,
)
from tests.planning.conftest import ARCHIVED, AT, BY, OWN, count

COORDINATOR = "coord@example.org"
PLANNING_BM = ["leadership_team", "logic_model", "seven_year_plan", "funding"]


def planning_in_place() -> list[dict]:
    """Every planning item of every component in place, everything else not yet."""
    return [{"item": i.key, "component": i.component.value,
             "rating": "in_place" if i.stage == "planning" else "not_yet",
             "evidence": f"seen {i.key}", "link": None}
            for c in Component for i in component_items(component=c)]


def start(tenant: str, year: int = 2023) -> dict:
    return graph.write(start_self_assessment, tenant=tenant, alliance=OWN, year=year, by=BY,
                       at=AT)


def test_one_draft_rates_all_five_components_and_acceptance_sets_the_stage(tenant):
    draft = start(tenant)
    assert (draft["key"], draft["status"], draft["ratings"]) == (f"{OWN}:2023:1", "draft", [])
    saved = graph.write(save_draft, tenant=tenant, key=draft["key"],
                        ratings=planning_in_place(), benchmarks=PLANNING_BM + ["funding"])
    assert len(saved["ratings"]) == 100
    assert saved["benchmarks"] == sorted(PLANNING_BM)
    first = saved["ratings"][0]
    assert first == {"item": "ci-1-1", "component": "curriculum_instruction",
                     "stage": "planning", "rating": "in_place", "evidence": "seen ci-1-1",
                     "link": None}
    graph.write(submit_self_assessment, tenant=tenant, key=draft["key"], by=BY, at=AT)
    assert graph.read(list_assessments, tenant=tenant, alliance=OWN)["total"] == 0
    ratings = {r["item"]: r["rating"] for r in saved["ratings"]}
    stages = {c.value: suggest_stage(component=c, ratings=ratings,
                                     benchmarks=saved["benchmarks"]).stage.value
              for c in Component}
    stages["partnerships"] = "early_implementation"  # the coordinator's own decision
    accepted = graph.write(accept_self_assessment, tenant=tenant, key=draft["key"],
                           by=COORDINATOR, at=AT, stages=stages)
    assert (accepted["status"], accepted["reviewed_by"]) == ("accepted", COORDINATOR)
    stage = graph.read(get_assessment, tenant=tenant, key=f"{OWN}:2023:family_engagement")
    assert (stage["stage"], stage["benchmarks"], stage["assessed_by"]) == (
        "planning", PLANNING_BM, COORDINATOR)
    partnerships = graph.read(get_assessment, tenant=tenant, key=f"{OWN}:2023:partnerships")
    assert (partnerships["stage"], partnerships["benchmarks"]) == ("early_implementation", [])


def test_return_then_a_new_revision_copied_from_it_keeps_both(tenant):
    draft = start(tenant)
    graph.write(save_draft, tenant=tenant, key=draft["key"], ratings=planning_in_place()[:3],
                benchmarks=["funding"])
    graph.write(submit_self_assessment, tenant=tenant, key=draft["key"], by=BY, at=AT)
    with pytest.raises(Conflict, match="submitted"):
        start(tenant)
    with pytest.raises(Invalid, match="comment"):
        graph.write(return_self_assessment, tenant=tenant, key=draft["key"], by=COORDINATOR,
                    at=AT, comment=" ")
    returned = graph.write(return_self_assessment, tenant=tenant, key=draft["key"],
                           by=COORDINATOR, at=AT, comment="Add evidence for funding")
    assert (returned["status"], returned["review_comment"]) == (
        "returned", "Add evidence for funding")
    second = start(tenant)
    assert (second["revision"], second["status"], second["benchmarks"]) == (2, "draft",
                                                                             ["funding"])
    assert [r["item"] for r in second["ratings"]] == [r["item"] for r in returned["ratings"]]
    graph.write(save_draft, tenant=tenant, key=second["key"], ratings=[
        {"item": "de-1-1", "component": "diversity_equity", "rating": "partly"}])
    kept = graph.read(get_self_assessment, tenant=tenant, key=draft["key"])
    assert {r["item"]: r["rating"] for r in kept["ratings"]}["de-1-1"] == "in_place"
    changed = graph.read(get_self_assessment, tenant=tenant, key=second["key"])
    assert {r["item"]: r["rating"] for r in changed["ratings"]}["de-1-1"] == "partly"
    revisions = graph.read(list_self_assessments, tenant=tenant, alliance=OWN, year=2023)
    assert [(r["revision"], r["status"], r["ratings"]) for r in revisions] == [
        (1, "returned", 3), (2, "draft", 3)]
    assert graph.read(list_ratings, tenant=tenant) == []           # nothing accepted yet
    returned_rows = graph.read(list_ratings, tenant=tenant, status="returned")
    assert [(r["alliance"], r["year"], r["revision"], r["item"]) for r in returned_rows] == [
        (OWN, 2023, 1, "de-1-1"), (OWN, 2023, 1, "de-1-2"), (OWN, 2023, 1, "de-1-3")]


def test_an_accepted_year_gets_a_new_revision_never_an_overwrite(tenant):
    draft = start(tenant)
    graph.write(submit_self_assessment, tenant=tenant, key=draft["key"], by=BY, at=AT)
    graph.write(accept_self_assessment, tenant=tenant, key=draft["key"], by=COORDINATOR,
                at=AT, stages={c.value: "planning" for c in Component})
    again = start(tenant)
    assert again["key"] == f"{OWN}:2023:2"
    assert graph.read(get_self_assessment, tenant=tenant, key=draft["key"])["status"] == (
        "accepted")
    with pytest.raises(Invalid, match="status"):
        graph.write(accept_self_assessment, tenant=tenant, key=again["key"], by=COORDINATOR,
                    at=AT, stages={c.value: "optimization" for c in Component})
    assert graph.read(get_assessment, tenant=tenant,
                      key=f"{OWN}:2023:partnerships")["stage"] == "planning"


@pytest.mark.parametrize("ratings, benchmarks, field", [
    ([{"item": "pa-2-1", "component": "family_engagement", "rating": "partly"}], None,
     "ratings[0].item"),
    ([{"item": "fe-2-1", "component": "family_engagement", "rating": "maybe"}], None,
     "ratings[0].rating"),
    ([{"item": "fe-2-1", "component": "family_engagement", "rating": "partly",
       "evidence": 7}], None, "ratings[0].evidence"),
    ([{"item": ["fe-2-1"], "component": "family_engagement", "rating": "partly"}], None,
     "ratings[0].item"),
    ([{"item": "fe-2-1", "component": "family_engagement", "rating": "partly",
       "link": "javascript:alert(1)"}], None, "ratings[0].link"),
    ([], ["funding", "a_yacht"], "benchmarks"),
])
def test_bad_ratings_are_refused_naming_the_field_and_change_nothing(tenant, ratings,
                                                                     benchmarks, field):
    draft = start(tenant)
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        graph.write(save_draft, tenant=tenant, key=draft["key"], ratings=ratings,
                    benchmarks=benchmarks)
    assert caught.value.errors[0]["field"] == field
    assert graph.read(count, tenant=tenant) == before
    assert graph.read(get_self_assessment, tenant=tenant, key=draft["key"])["ratings"] == []


def test_refusals_around_the_steps(tenant):
    with pytest.raises(Invalid, match="year"):
        start(tenant, year="2023")
    with pytest.raises(Invalid, match="archived"):
        graph.write(start_self_assessment, tenant=tenant, alliance=ARCHIVED, year=2023,
                    by=BY, at=AT)
    draft = start(tenant)
    with pytest.raises(Invalid, match="status"):
        graph.write(accept_self_assessment, tenant=tenant, key=draft["key"], by=COORDINATOR,
                    at=AT, stages={c.value: "planning" for c in Component})
    graph.write(submit_self_assessment, tenant=tenant, key=draft["key"], by=BY, at=AT)
    with pytest.raises(Invalid, match="only a draft"):
        graph.write(save_draft, tenant=tenant, key=draft["key"], benchmarks=["funding"])
    with pytest.raises(Invalid) as caught:
        graph.write(accept_self_assessment, tenant=tenant, key=draft["key"], by=COORDINATOR,
                    at=AT, stages={"partnerships": "planning"})
    assert caught.value.errors[0]["field"] == "stages.diversity_equity"
    assert graph.read(list_assessments, tenant=tenant, alliance=OWN)["total"] == 0


def _retire_item(tx, *, tenant: str, item: str) -> None:
    """As if the rubric had dropped `item` after it was rated."""
    tx.run("MATCH (r:RubricRating {tenant: $tenant, item: $item}) SET r.item = 'zz-1-1'",
           tenant=tenant, item=item).consume()


def test_a_new_revision_leaves_out_ratings_of_items_the_rubric_no_longer_has(tenant):
    draft = start(tenant)
    graph.write(save_draft, tenant=tenant, key=draft["key"], ratings=planning_in_place()[:3])
    graph.write(submit_self_assessment, tenant=tenant, key=draft["key"], by=BY, at=AT)
    graph.write(return_self_assessment, tenant=tenant, key=draft["key"], by=COORDINATOR,
                at=AT, comment="Redo")
    graph.write(_retire_item, tenant=tenant, item="de-1-2")
    second = start(tenant)
    assert [r["item"] for r in second["ratings"]] == ["de-1-1", "de-1-3"]
