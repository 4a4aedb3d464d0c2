"""Alliances: (Alliance)-[:OF_SCHOOL]->(School), (Alliance)-[:WITH_PARTNER]->(Partner)."""

LIST_ALLIANCES = """
MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s:School {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
WHERE ($school IS NULL OR s.key = $school)
  AND ($partner IS NULL OR p.key = $partner)
  AND ($status IS NULL OR a.status = $status)
  AND ($archived OR $status IS NOT NULL OR coalesce(a.status, '') <> $archived_status)
  AND ($year IS NULL OR (a.start_year <= $year AND (a.end_year IS NULL OR a.end_year >= $year)))
  AND ($q IS NULL OR toLower(coalesce(a.theme, '')) CONTAINS $q
       OR toLower(coalesce(s.name, '')) CONTAINS $q OR toLower(coalesce(p.name, '')) CONTAINS $q)
  AND ($municipality IS NULL OR EXISTS {
        MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
              -[:PART_OF]->(:Municipality {tenant: $tenant, key: $municipality}) })
OPTIONAL MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a)
WITH a, s, p, collect(sa {.year, .component, .stage}) AS assessed
ORDER BY toLower(coalesce(s.name, '')), s.key, a.start_year, coalesce(a.end_year, 9999), a.key
WITH collect(a {.key, .theme, .start_year, .end_year, .status, .trainer, .advisory_hours,
                .training_share, school: s.key, school_name: s.name,
                partner: p.key, partner_name: p.name, partner_kind: p.kind,
                assessed: assessed}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_ALLIANCE = """
MATCH (a:Alliance {tenant: $tenant, key: $key})-[:OF_SCHOOL]->(s:School {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a)
WITH a, s, p, m, collect(sa {.year, .component, .stage}) AS assessed
RETURN a {.key, .theme, .start_year, .end_year, .status, .trainer, .advisory_hours,
          .training_share, school: s.key, school_name: s.name,
          partner: p.key, partner_name: p.name, partner_kind: p.kind,
          municipality: m.key, assessed: assessed,
          contribution_count: COUNT { (:Contribution {tenant: $tenant})-[:TO]->(a) }} AS item
"""

ALLIANCE_EXISTS = """
MATCH (a:Alliance {tenant: $tenant, key: $key})
RETURN a.key AS key
"""

ACTIVE_ALLIANCES_OF_SCHOOL = """
MATCH (a:Alliance {tenant: $tenant, status: $active})
      -[:OF_SCHOOL]->(s:School {tenant: $tenant, key: $school})
RETURN a.key AS key ORDER BY key
"""

CREATE_ALLIANCE = """
MATCH (s:School {tenant: $tenant, key: $school})
WITH s
MATCH (p:Partner {tenant: $tenant, key: $partner})
CREATE (a:Alliance {tenant: $tenant, key: $key})-[:OF_SCHOOL]->(s)
CREATE (a)-[:WITH_PARTNER]->(p)
SET a += $props
RETURN a.key AS key
"""

UPDATE_ALLIANCE = """
MATCH (a:Alliance {tenant: $tenant, key: $key})
SET a += $props
RETURN a.key AS key
"""

ALLIANCE_DEPENDANTS = """
MATCH (a:Alliance {tenant: $tenant, key: $key})
OPTIONAL MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a)
WITH a, c ORDER BY c.key
WITH a, collect(c.key) AS contributions
OPTIONAL MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a)
WITH a, contributions, sa ORDER BY sa.key
WITH a, contributions, collect(sa.key) AS assessments
OPTIONAL MATCH (p {tenant: $tenant})-[:OF]->(a)
WHERE p:LogicModel OR p:Objective OR p:Plan OR p:BudgetLine OR p:SelfAssessment
RETURN contributions, assessments, count(p) AS planning
"""

DELETE_ALLIANCE = """
MATCH (a:Alliance {tenant: $tenant, key: $key})
DETACH DELETE a
"""
