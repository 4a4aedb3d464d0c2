"""The planning labels carry the (tenant, key) uniqueness constraint on the real server."""
from __future__ import annotations

from graph.driver import graph
from graph.schema import list_constraints

PLANNING_LABELS = ("LogicModel", "Objective", "ObjectiveValue", "Plan", "PlanRevision",
                   "PlanAction", "SelfAssessment", "RubricRating", "BudgetLine")


def test_every_planning_label_has_its_key_constraint(planning_graph):
    constraints = graph.read(list_constraints)
    keyed = {label for c in constraints if c["properties"] == ["tenant", "key"]
             for label in c["labelsOrTypes"]}
    assert set(PLANNING_LABELS) <= keyed
