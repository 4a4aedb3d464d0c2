"""Planning graph fixtures: a tenant on the real graph server with three alliances (own,
other, archived), removed afterwards. These tests need no Flask app: the one graph client is
pointed at the session's server directly, and `tenant` here is the slug (a string)."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from graph import alliances, partners, schools, territory
from graph.driver import graph
from graph.queries import system
from graph.schema import apply_schema

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


@pytest.fixture(scope="session")
def planning_graph(graph_server: dict, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The session's graph server with its constraints applied (TEST_GRAPH_URI included)."""
    point_at(graph_server, tmp_path_factory.mktemp("planning-graph"))
    apply_schema(client=graph)
    return graph_server


def point_at(settings: dict, graph_dir: Path) -> None:
    """Aim the one graph client at the session's server (an app test may have aimed it at
    the same server with other settings)."""
    graph.configure(uri=settings["GRAPH_URI"], user=settings["GRAPH_USER"],
                    password=settings["GRAPH_PASSWORD"], database=settings["GRAPH_DATABASE"],
                    graph_dir=graph_dir)


@pytest.fixture
def tenant(planning_graph: dict, tmp_path: Path) -> Iterator[str]:
    """A fresh tenant slug with the three alliances."""
    point_at(planning_graph, tmp_path)
    slug = f"pl{uuid.uuid4().hex[:10]}"
    graph.write(seed, tenant=slug)
    yield slug
    graph.write(_delete, tenant=slug)


def count(tx: neo4j.ManagedTransaction, *, tenant: str) -> int:
    return tx.run(system.COUNT_TENANT_NODES, tenant=tenant).single()["nodes"]
