"""What `imant check` reads: each dated record with the window it must fall in."""

ASSESSMENT_YEARS = """
MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN sa.key AS key, sa.year AS value, a.key AS alliance,
       a.start_year AS start_year, a.end_year AS end_year
ORDER BY key
"""

CONTRIBUTION_DATES = """
MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a:Alliance {tenant: $tenant})
RETURN c.key AS key, c.date AS value, a.key AS alliance,
       a.start_year AS start_year, a.end_year AS end_year
ORDER BY key
"""

MEASURE_SCHOOLS_ELSEWHERE = """
MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(ms:Measure {tenant: $tenant})
      -[:COVERS]->(s:School {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(:Zone {tenant: $tenant})
               -[:PART_OF]->(sm:Municipality {tenant: $tenant})
WITH ms, m, s, sm
WHERE sm IS NULL OR sm.key <> m.key
RETURN ms.key AS key, s.key AS value, m.key AS municipality, sm.key AS school_municipality
ORDER BY key, value
"""

SCHOOL_YEAR_FIGURES = """
MATCH (y:SchoolYear {tenant: $tenant})
OPTIONAL MATCH (s:School {tenant: $tenant})-[:HAS_YEAR]->(y)
RETURN y.key AS key, y.year AS value, s.key AS school
ORDER BY key
"""
