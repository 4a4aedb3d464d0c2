"""Statements about the store itself (health, tenant-wide counts and removal)."""

PING = "RETURN 1 AS ok"

COUNT_TENANT_NODES = "MATCH (n {tenant: $tenant}) RETURN count(n) AS nodes"

COUNT_TENANT_RELATIONSHIPS = (
    "MATCH (n {tenant: $tenant})-[r]->(m {tenant: $tenant}) RETURN count(r) AS relationships"
)

DELETE_TENANT = "MATCH (n {tenant: $tenant}) DETACH DELETE n"
