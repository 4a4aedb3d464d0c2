"""A tenant's data version: one node per tenant, replaced by every write in that write's
own transaction (graph.driver bumps it), read before answers cached per version."""

BUMP_DATA_VERSION = """
MERGE (v:DataVersion {programme: $tenant})
SET v.n = coalesce(v.n, 0) + 1, v.token = $token
RETURN v.n AS n, v.token AS token
"""

READ_DATA_VERSION = """
MATCH (v:DataVersion {programme: $tenant})
RETURN v.n AS n, v.token AS token
"""
