"""Logic models on the real graph server: revisions kept, lists round-trip, outcome links to
the alliance's own objectives only, and nothing written on a refusal."""
from __future__ import annotations

import pytest

from graph.driver import graph
from graph.errors import Conflict, Invalid, NotFound
from graph.objectives import upsert_objective
from graph.planning import (
    comment_logic_model,
    get_logic_model,
    list_logic_model_revisions,
    save_logic_model,
)
from tests.planning.conftest import ARCHIVED, AT, BY, OTHER, OWN, count

PARTS = {"inputs": ["museum educators", "two training days a term"],
         "activities": ["co-designed marine units", "open days"],
         "outputs": ["12 units taught"],
         "short_outcomes": ["teachers use the units", "families visit"],
         "medium_outcomes": ["first-choice applications rise"],
         "long_outcomes": []}
OBJECTIVE = {"title": "More first choices", "metric": "demand_ratio", "baseline": 0.6,
             "baseline_year": 2019, "target": 1.0, "direction": "increase",
             "target_year": 2024}


def save(tenant: str, **kwargs):
    args = {"tenant": tenant, "alliance": OWN, "base_revision": 0, "problem": "Segregated intake",
            "parts": PARTS, "by": BY, "at": AT, **kwargs}
    return graph.write(save_logic_model, **args)


def test_revisions_are_kept_and_the_latest_is_read_by_default(tenant):
    first = save(tenant)
    assert first["revision"] == 1 and first["key"] == f"{OWN}:1"
    assert first["activities"] == PARTS["activities"]
    assert first["long_outcomes"] == []                      # an empty list round-trips
    second = save(tenant, base_revision=1, problem="Segregated intake, falling demand",
                  parts={**PARTS, "outputs": ["14 units taught"]}, note="after review",
                  by="joan@example.org")
    assert second["revision"] == 2
    assert graph.read(get_logic_model, tenant=tenant, alliance=OWN)["outputs"] == [
        "14 units taught"]
    old = graph.read(get_logic_model, tenant=tenant, alliance=OWN, revision=1)
    assert (old["outputs"], old["problem"], old["saved_by"]) == (
        ["12 units taught"], "Segregated intake", BY)
    history = graph.read(list_logic_model_revisions, tenant=tenant, alliance=OWN)
    assert [(h["revision"], h["saved_by"], h["note"]) for h in history] == [
        (1, BY, None), (2, "joan@example.org", "after review")]


def test_a_save_on_a_stale_revision_is_refused(tenant):
    save(tenant)
    save(tenant, base_revision=1)
    with pytest.raises(Conflict) as caught:
        save(tenant, base_revision=1)
    assert caught.value.errors[0]["field"] == "base_revision"
    assert len(graph.read(list_logic_model_revisions, tenant=tenant, alliance=OWN)) == 2


def test_outcomes_point_to_objectives_of_the_same_alliance(tenant):
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-own", props=OBJECTIVE)
    graph.write(upsert_objective, tenant=tenant, alliance=OTHER, key="o-other",
                props=OBJECTIVE)
    saved = save(tenant, links=[{"part": "medium_outcomes", "position": 0, "objective": "o-own"},
                                {"part": "short_outcomes", "position": 1, "objective": "o-own"}])
    assert saved["links"] == [
        {"part": "medium_outcomes", "position": 0, "objective": "o-own"},
        {"part": "short_outcomes", "position": 1, "objective": "o-own"}]
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        save(tenant, base_revision=1,
             links=[{"part": "short_outcomes", "position": 0, "objective": "o-other"}])
    assert caught.value.errors == [{"field": "links", "value": "o-other",
                                    "reason": f"the objective belongs to another alliance "
                                              f"({OTHER})"}]
    assert graph.read(count, tenant=tenant) == before


@pytest.mark.parametrize("change, field", [
    ({"links": [{"part": "inputs", "position": 0, "objective": "o"}]}, "links[0].part"),
    ({"links": [{"part": "long_outcomes", "position": 0, "objective": "o"}]},
     "links[0].position"),
    ({"links": [{"part": "long_outcomes", "position": 0}]}, "links[0].position"),
    ({"links": [{"part": "short_outcomes", "position": 0}]}, "links[0].objective"),
    ({"parts": {**PARTS, "dreams": ["x"]}}, "dreams"),
    ({"parts": {**PARTS, "outputs": "12 units"}}, "outputs"),
    ({"problem": "  "}, "problem"),
    ({"alliance": ARCHIVED}, "alliance"),
    ({"alliance": "a-none"}, "alliance"),
])
def test_bad_input_is_refused_naming_the_field_and_changes_nothing(tenant, change, field):
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Invalid) as caught:
        save(tenant, **change)
    assert caught.value.errors[0]["field"] == field
    assert graph.read(count, tenant=tenant) == before


def test_the_coordinator_comments_on_a_revision_without_changing_it(tenant):
    save(tenant)
    commented = graph.write(comment_logic_model, tenant=tenant, alliance=OWN, revision=1,
                            comment="Link the medium outcome to an objective", by="coord",
                            at=AT)
    assert (commented["comment"], commented["commented_by"]) == (
        "Link the medium outcome to an objective", "coord")
    assert commented["activities"] == PARTS["activities"] and commented["revision"] == 1
    assert graph.read(list_logic_model_revisions, tenant=tenant,
                      alliance=OWN)[0]["comment"].startswith("Link")
    with pytest.raises(NotFound):
        graph.write(comment_logic_model, tenant=tenant, alliance=OWN, revision=2,
                    comment="?", by="coord", at=AT)
    with pytest.raises(Invalid, match="comment"):
        graph.write(comment_logic_model, tenant=tenant, alliance=OWN, revision=1,
                    comment="", by="coord", at=AT)
