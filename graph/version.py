"""A tenant's data version: what answers cached per version are keyed by.

Every graph write that names a tenant replaces the version in its own transaction
(`GraphClient.write` calls `bump` after the transaction function, so the change and the
new version commit together or not at all). A reader that reads the version first and
the data afterwards can therefore never file an old answer under a new version.

The version is a counter (`n`, for people: "data version 42") and a random token, the
cache key. Its node is keyed by `programme`, not `tenant`: it is not one of the tenant's
nodes, so removing every node of a tenant (slice by slice, each slice a write) removes
the data and replaces the version, and never the version itself.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass

import neo4j

from graph.queries import version as q


@dataclass(frozen=True)
class DataVersion:
    n: int
    token: str


NONE = DataVersion(0, "none")  # a tenant never written to


def bump(tx: neo4j.ManagedTransaction, *, tenant: str) -> DataVersion:
    """Replace the tenant's version (inside the write's own transaction)."""
    record = tx.run(q.BUMP_DATA_VERSION, tenant=tenant, token=uuid.uuid4().hex).single()
    return DataVersion(int(record["n"]), record["token"])


def read(tx: neo4j.ManagedTransaction, *, tenant: str) -> DataVersion:
    """The tenant's current version."""
    record = tx.run(q.READ_DATA_VERSION, tenant=tenant).single()
    if record is None or record["token"] is None:
        return NONE
    return DataVersion(int(record["n"]), record["token"])
