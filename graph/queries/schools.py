"""Schools: (School)-[:IN_ZONE]->(Zone)-[:PART_OF]->(Municipality), and what hangs off them."""

# the active alliances first, from the alliance side: a school's incoming edges include every
# family's application and enrolment, so matching alliances from each school walks them all
LIST_ACTIVE_ALLIANCES = """
MATCH (a:Alliance {tenant: $tenant, status: $active})-[:OF_SCHOOL]->(s:School {tenant: $tenant})
OPTIONAL MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
RETURN s.key AS school, a.key AS alliance, p.key AS partner, p.name AS partner_name
"""

# $alliances: school key -> its active alliance rows (LIST_ACTIVE_ALLIANCES); a school with
# several comes once per alliance, one with none once
LIST_SCHOOLS = """
MATCH (s:School {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
WITH s, z, m
WHERE ($archived OR coalesce(s.archived, false) = false)
  AND ($level IS NULL OR s.level = $level)
  AND ($zone IS NULL OR z.key = $zone)
  AND ($municipality IS NULL OR m.key = $municipality)
  AND ($q IS NULL OR toLower(coalesce(s.name, '')) CONTAINS $q OR toLower(s.key) CONTAINS $q
       OR toLower(coalesce(s.code, '')) CONTAINS $q)
UNWIND coalesce($alliances[s.key], [null]) AS a
WITH s, z, m, a ORDER BY toLower(coalesce(s.name, '')), s.key, a.alliance, a.partner
WITH collect(s {.key, .name, .code, .level, .entry_places,
                archived: coalesce(s.archived, false),
                zone: z.key, zone_name: z.name,
                municipality: m.key, municipality_name: m.name,
                alliance: a.alliance, partner: a.partner,
                partner_name: a.partner_name}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_SCHOOL = """
MATCH (s:School {tenant: $tenant, key: $key})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (a:Alliance {tenant: $tenant, status: $active})-[:OF_SCHOOL]->(s)
OPTIONAL MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
RETURN s {.key, .name, .code, .level, .entry_places,
          archived: coalesce(s.archived, false),
          zone: z.key, zone_name: z.name,
          municipality: m.key, municipality_name: m.name,
          alliance: a.key, partner: p.key, partner_name: p.name} AS item
"""

SCHOOL_EXISTS = """
MATCH (s:School {tenant: $tenant, key: $key})
RETURN s.key AS key
"""

CREATE_SCHOOL = """
MATCH (z:Zone {tenant: $tenant, key: $zone})
CREATE (s:School {tenant: $tenant, key: $key})-[:IN_ZONE]->(z)
SET s += $props
RETURN s.key AS key
"""

UPDATE_SCHOOL = """
MATCH (s:School {tenant: $tenant, key: $key})
SET s += $props
RETURN s.key AS key
"""

UNLINK_SCHOOL_ZONE = """
MATCH (s:School {tenant: $tenant, key: $key})-[r:IN_ZONE]->(:Zone {tenant: $tenant})
DELETE r
"""

LINK_SCHOOL_ZONE = """
MATCH (s:School {tenant: $tenant, key: $key})
WITH s
MATCH (z:Zone {tenant: $tenant, key: $zone})
MERGE (s)-[:IN_ZONE]->(z)
RETURN s.key AS key
"""

SCHOOL_DEPENDANTS = """
MATCH (s:School {tenant: $tenant, key: $key})
OPTIONAL MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s)
WITH s, a ORDER BY a.key
WITH s, collect(a.key) AS alliances
OPTIONAL MATCH (ms:Measure {tenant: $tenant})-[:COVERS]->(s)
WITH s, alliances, ms ORDER BY ms.key
WITH s, alliances, collect(ms.key) AS measures
RETURN alliances, measures,
       COUNT { (s)-[:HAS_YEAR]->(:SchoolYear {tenant: $tenant}) } AS school_years,
       COUNT { (:Family {tenant: $tenant})-[:APPLIED_TO]->(s) } AS applications,
       COUNT { (:Family {tenant: $tenant})-[:ENROLLED_AT]->(s) } AS enrolments
"""

DELETE_SCHOOL = """
MATCH (s:School {tenant: $tenant, key: $key})
DETACH DELETE s
"""

SCHOOLS_WITH_MUNICIPALITY = """
UNWIND $keys AS wanted
OPTIONAL MATCH (s:School {tenant: $tenant, key: wanted})
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN wanted AS key, s IS NOT NULL AS found, collect(m.key) AS municipalities
"""
