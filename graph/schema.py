"""Apply constraints and indexes idempotently."""
from __future__ import annotations

import logging

import neo4j
from neo4j.exceptions import ClientError

from graph.driver import GraphClient
from graph.queries import schema as q

log = logging.getLogger(__name__)


def apply_schema(*, client: GraphClient) -> list[str]:
    """Create every (tenant, key) constraint the server supports; returns the names applied."""
    applied = []
    for statement in q.KEY_CONSTRAINTS:
        name = statement.split()[2]
        try:
            client.run_schema(statement)
            applied.append(name)
        except ClientError as exc:  # e.g. a server without composite uniqueness constraints
            log.warning("constraint %s not applied: %s", name, exc.message)
    return applied


def list_constraints(tx: neo4j.ManagedTransaction) -> list[dict]:
    """The constraints the server reports."""
    return [record.data() for record in tx.run(q.LIST_CONSTRAINTS)]
