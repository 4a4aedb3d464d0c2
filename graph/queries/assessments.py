"""Stage assessments per alliance, year and core component: (StageAssessment)-[:OF]->(Alliance)."""

LIST_ASSESSMENTS = """
MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance)
  AND ($school IS NULL OR s.key = $school)
  AND ($partner IS NULL OR p.key = $partner)
  AND ($year IS NULL OR sa.year = $year)
  AND ($component IS NULL OR sa.component = $component)
  AND ($stage IS NULL OR sa.stage = $stage)
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(m:Municipality {tenant: $tenant})
WITH sa, a, s, p, m
WHERE $municipality IS NULL OR m.key = $municipality
WITH sa, a, s, p, m ORDER BY a.key, sa.year, sa.component
WITH collect(sa {.key, .year, .component, .stage, .benchmarks, .assessed_by,
                 alliance: a.key, school: s.key, school_name: s.name,
                 partner: p.key, partner_name: p.name, municipality: m.key}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_ASSESSMENT = """
MATCH (sa:StageAssessment {tenant: $tenant, key: $key})-[:OF]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN sa {.key, .year, .component, .stage, .benchmarks, .assessed_by,
           alliance: a.key, school: s.key, school_name: s.name,
           partner: p.key, partner_name: p.name, municipality: m.key} AS item
"""

ASSESSMENT_EXISTS = """
MATCH (sa:StageAssessment {tenant: $tenant, key: $key})
RETURN sa.key AS key
"""

UPSERT_ASSESSMENT = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (sa:StageAssessment {tenant: $tenant, key: $key})
SET sa += $props
MERGE (sa)-[:OF]->(a)
RETURN sa.key AS key
"""

UPDATE_ASSESSMENT = """
MATCH (sa:StageAssessment {tenant: $tenant, key: $key})
SET sa += $props
RETURN sa.key AS key
"""

DELETE_ASSESSMENT = """
MATCH (sa:StageAssessment {tenant: $tenant, key: $key})
DETACH DELETE sa
"""
