"""Planning graph fixtures: a tenant on the real graph server with three alliances (own,
other, archived), removed afterwards."""
from __future__ import annotations

import uuid
from collections.abc import Iterator

import neo4j
import pytest

from graph import alliances, partners, schools, territory
from graph.driver import graph
from graph.queries import system

OWN, OTHER, ARCHIVED = "a-own", "a-other", "a-old"
BY, AT = "ana@example.org", "2024-10-01T09:00:00Z"


def seed(tx: neo4j.ManagedTransaction, *, tenant: str) -> None:
    territory.create_municipality(tx, tenant=tenant, key="m-1",
                                  props={"name": "Municipality", "code": "08001"})
    territory.create_zone(tx, tenant=tenant, key="z-1", municipality="m-1",
                          props={"name": "Zone"})
    for n, school in enumerate(("s-own", "s-other"), 1):
        schools.create_school(tx, tenant=tenant, key=school, zone="z-1", props={
            "name": f"School {n}", "code": f"0801{n}", "level": "primary", "entry_places": 25})
    partners.create_partner(tx, tenant=tenant, key="p-1",
                            props={"name": "Museum", "kind": "museum"})
    for key, school, status in ((OWN, "s-own", "active"), (OTHER, "s-other", "active"),
                                (ARCHIVED, "s-own", "archived")):
        alliances.create_alliance(tx, tenant=tenant, key=key, school=school, partner="p-1",
                                  props={"theme": "marine science", "start_year": 2020,
                                         "status": status})


def _delete(tx: neo4j.ManagedTransaction, *, tenant: str) -> None:
    tx.run(system.DELETE_TENANT, tenant=tenant).consume()


@pytest.fixture
def tenant(graph_server: dict) -> Iterator[str]:
    """A fresh tenant slug with the three alliances."""
    slug = f"pl{uuid.uuid4().hex[:10]}"
    graph.write(seed, tenant=slug)
    yield slug
    graph.write(_delete, tenant=slug)


def count(tx: neo4j.ManagedTransaction, *, tenant: str) -> int:
    return tx.run(system.COUNT_TENANT_NODES, tenant=tenant).single()["nodes"]
