"""Partner institutions: museums, research centres, universities, companies, cultural bodies."""

LIST_PARTNERS = """
MATCH (p:Partner {tenant: $tenant})
WHERE ($archived OR coalesce(p.archived, false) = false)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($q IS NULL OR toLower(coalesce(p.name, '')) CONTAINS $q OR toLower(p.key) CONTAINS $q)
WITH p ORDER BY toLower(coalesce(p.name, '')), p.key
WITH collect(p {.key, .name, .kind, archived: coalesce(p.archived, false),
                active_alliances: COUNT { (:Alliance {tenant: $tenant, status: $active})
                                          -[:WITH_PARTNER]->(p) }}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_PARTNER = """
MATCH (p:Partner {tenant: $tenant, key: $key})
RETURN p {.key, .name, .kind, archived: coalesce(p.archived, false),
          active_alliances: COUNT { (:Alliance {tenant: $tenant, status: $active})
                                    -[:WITH_PARTNER]->(p) }} AS item
"""

PARTNER_EXISTS = """
MATCH (p:Partner {tenant: $tenant, key: $key})
RETURN p.key AS key
"""

CREATE_PARTNER = """
CREATE (p:Partner {tenant: $tenant, key: $key})
SET p += $props
RETURN p.key AS key
"""

UPDATE_PARTNER = """
MATCH (p:Partner {tenant: $tenant, key: $key})
SET p += $props
RETURN p.key AS key
"""

PARTNER_DEPENDANTS = """
MATCH (p:Partner {tenant: $tenant, key: $key})
OPTIONAL MATCH (a:Alliance {tenant: $tenant})-[:WITH_PARTNER]->(p)
WITH a ORDER BY a.key
RETURN collect(a.key) AS alliances
"""

DELETE_PARTNER = """
MATCH (p:Partner {tenant: $tenant, key: $key})
DETACH DELETE p
"""
