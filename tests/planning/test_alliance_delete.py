"""Deleting an alliance is refused while planning records (objectives, plans, logic models,
budget lines, self-assessments) hang from it, so none is left orphaned."""
from __future__ import annotations

import pytest

from graph.alliances import delete_alliance, get_alliance
from graph.budget import upsert_budget_line
from graph.driver import graph
from graph.errors import Conflict
from graph.objectives import upsert_objective
from tests.planning.conftest import OTHER, OWN, count
from tests.planning.test_objectives_and_budget import GAP

LINE = {"year": 2021, "source": "municipality", "planned": 1000.0, "secured": 500.0,
        "spent": 100.0}


def test_an_alliance_with_planning_records_is_not_deleted(tenant):
    graph.write(upsert_objective, tenant=tenant, alliance=OWN, key="o-gap", props=GAP)
    graph.write(upsert_budget_line, tenant=tenant, alliance=OWN, key="b-1", props=LINE)
    before = graph.read(count, tenant=tenant)
    with pytest.raises(Conflict, match="2 planning records"):
        graph.write(delete_alliance, tenant=tenant, key=OWN)
    assert graph.read(count, tenant=tenant) == before
    assert graph.read(get_alliance, tenant=tenant, key=OWN) is not None


def test_an_alliance_without_planning_records_still_deletes(tenant):
    graph.write(delete_alliance, tenant=tenant, key=OTHER)
    assert graph.read(get_alliance, tenant=tenant, key=OTHER) is None
