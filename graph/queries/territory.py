"""Municipalities and zones: (Zone)-[:PART_OF]->(Municipality)."""

LIST_MUNICIPALITIES = """
MATCH (m:Municipality {tenant: $tenant})
WHERE ($archived OR coalesce(m.archived, false) = false)
  AND ($q IS NULL OR toLower(coalesce(m.name, '')) CONTAINS $q
       OR toLower(m.key) CONTAINS $q OR toLower(coalesce(m.code, '')) CONTAINS $q)
WITH m ORDER BY toLower(coalesce(m.name, '')), m.key
WITH collect(m {.key, .name, .code, archived: coalesce(m.archived, false),
                zone_count: COUNT { (:Zone {tenant: $tenant})-[:PART_OF]->(m) }}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_MUNICIPALITY = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
OPTIONAL MATCH (z:Zone {tenant: $tenant})-[:PART_OF]->(m)
WITH m, z ORDER BY toLower(coalesce(z.name, '')), z.key
WITH m, collect(z {.key, .name, archived: coalesce(z.archived, false)}) AS zones
RETURN m {.key, .name, .code, archived: coalesce(m.archived, false), zones: zones,
          school_count: COUNT { (:School {tenant: $tenant})-[:IN_ZONE]->(:Zone {tenant: $tenant})
                                -[:PART_OF]->(m) },
          measure_count: COUNT { (m)-[:DEPLOYS]->(:Measure {tenant: $tenant}) }} AS item
"""

MUNICIPALITY_EXISTS = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
RETURN m.key AS key
"""

CREATE_MUNICIPALITY = """
CREATE (m:Municipality {tenant: $tenant, key: $key})
SET m += $props
RETURN m.key AS key
"""

UPDATE_MUNICIPALITY = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
SET m += $props
RETURN m.key AS key
"""

MUNICIPALITY_DEPENDANTS = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
OPTIONAL MATCH (z:Zone {tenant: $tenant})-[:PART_OF]->(m)
WITH m, z ORDER BY z.key
WITH m, collect(z.key) AS zones
OPTIONAL MATCH (m)-[:DEPLOYS]->(ms:Measure {tenant: $tenant})
WITH zones, ms ORDER BY ms.key
RETURN zones, collect(ms.key) AS measures
"""

DELETE_MUNICIPALITY = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
DETACH DELETE m
"""

LIST_ZONES = """
MATCH (z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
WITH z, m
WHERE ($archived OR coalesce(z.archived, false) = false)
  AND ($municipality IS NULL OR m.key = $municipality)
  AND ($q IS NULL OR toLower(coalesce(z.name, '')) CONTAINS $q OR toLower(z.key) CONTAINS $q)
WITH z, m ORDER BY toLower(coalesce(m.name, '')), toLower(coalesce(z.name, '')), z.key
WITH collect(z {.key, .name, archived: coalesce(z.archived, false),
                municipality: m.key, municipality_name: m.name,
                school_count: COUNT { (:School {tenant: $tenant})-[:IN_ZONE]->(z) }}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_ZONE = """
MATCH (z:Zone {tenant: $tenant, key: $key})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN z {.key, .name, archived: coalesce(z.archived, false),
          municipality: m.key, municipality_name: m.name,
          school_count: COUNT { (:School {tenant: $tenant})-[:IN_ZONE]->(z) }} AS item
"""

ZONE_EXISTS = """
MATCH (z:Zone {tenant: $tenant, key: $key})
RETURN z.key AS key
"""

CREATE_ZONE = """
MATCH (m:Municipality {tenant: $tenant, key: $municipality})
CREATE (z:Zone {tenant: $tenant, key: $key})-[:PART_OF]->(m)
SET z += $props
RETURN z.key AS key
"""

UPDATE_ZONE = """
MATCH (z:Zone {tenant: $tenant, key: $key})
SET z += $props
RETURN z.key AS key
"""

UNLINK_ZONE_MUNICIPALITY = """
MATCH (z:Zone {tenant: $tenant, key: $key})-[r:PART_OF]->(:Municipality {tenant: $tenant})
DELETE r
"""

LINK_ZONE_MUNICIPALITY = """
MATCH (z:Zone {tenant: $tenant, key: $key})
WITH z
MATCH (m:Municipality {tenant: $tenant, key: $municipality})
MERGE (z)-[:PART_OF]->(m)
RETURN z.key AS key
"""

ZONE_DEPENDANTS = """
MATCH (z:Zone {tenant: $tenant, key: $key})
OPTIONAL MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(z)
WITH z, s ORDER BY s.key
WITH z, collect(s.key) AS schools
RETURN schools, COUNT { (:Family {tenant: $tenant})-[:LIVES_IN]->(z) } AS families
"""

DELETE_ZONE = """
MATCH (z:Zone {tenant: $tenant, key: $key})
DETACH DELETE z
"""
