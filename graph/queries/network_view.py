"""Reads for the network's pages: the programme as a graph of schools, partners and
municipalities (alliances as edges), and contribution totals per school year.

Nothing here touches Family nodes: the network view never shows family-level data.
"""

NETWORK_MUNICIPALITIES = """
MATCH (m:Municipality {tenant: $tenant})
WHERE coalesce(m.archived, false) = false
  AND ($municipality IS NULL OR m.key = $municipality)
RETURN m.key AS key, m.name AS name ORDER BY key
"""

NETWORK_SCHOOLS = """
MATCH (s:School {tenant: $tenant})
WHERE coalesce(s.archived, false) = false
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(m:Municipality {tenant: $tenant})
WITH s, m
WHERE $municipality IS NULL OR m.key = $municipality
RETURN s.key AS key, s.name AS name, s.level AS level,
       collect(DISTINCT m.key) AS municipalities ORDER BY key
"""

NETWORK_PARTNERS = """
MATCH (p:Partner {tenant: $tenant})
WHERE coalesce(p.archived, false) = false
  AND ($kind IS NULL OR p.kind = $kind)
RETURN p.key AS key, p.name AS name, p.kind AS kind ORDER BY key
"""

NETWORK_ALLIANCES = """
MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s:School {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
WHERE coalesce(s.archived, false) = false AND coalesce(p.archived, false) = false
  AND ($status IS NULL OR a.status = $status)
  AND ($status IS NOT NULL OR coalesce(a.status, '') <> $archived_status)
  AND ($kind IS NULL OR p.kind = $kind)
  AND ($municipality IS NULL OR EXISTS {
        MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
              -[:PART_OF]->(:Municipality {tenant: $tenant, key: $municipality}) })
RETURN a.key AS key, a.theme AS theme, a.status AS status, a.start_year AS start_year,
       a.end_year AS end_year, s.key AS school, p.key AS partner ORDER BY key
"""
