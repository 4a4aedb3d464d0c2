"""Self-assessments of an alliance per school year, kept as revisions, with their rubric
ratings: (SelfAssessment)-[:OF]->(Alliance), (RubricRating)-[:OF]->(SelfAssessment)."""

LIST_SELF_ASSESSMENTS = """
MATCH (sa:SelfAssessment {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance) AND ($year IS NULL OR sa.year = $year)
RETURN sa {.key, .year, .revision, .status, .created_by, .created_at, .submitted_by,
           .submitted_at, .reviewed_by, .reviewed_at, .review_comment,
           alliance: a.key,
           ratings: COUNT { (:RubricRating {tenant: $tenant})-[:OF]->(sa) }} AS item
ORDER BY a.key, sa.year, sa.revision
"""

GET_SELF_ASSESSMENT = """
MATCH (sa:SelfAssessment {tenant: $tenant, key: $key})-[:OF]->(a:Alliance {tenant: $tenant})
OPTIONAL MATCH (r:RubricRating {tenant: $tenant})-[:OF]->(sa)
WITH sa, a, r ORDER BY r.item
WITH sa, a, collect(CASE WHEN r IS NULL THEN NULL
                         ELSE r {.item, .component, .stage, .rating, .evidence, .link} END)
     AS ratings
RETURN sa {.key, .year, .revision, .status, .benchmarks, .created_by, .created_at,
           .submitted_by, .submitted_at, .reviewed_by, .reviewed_at, .review_comment,
           alliance: a.key, alliance_status: a.status, ratings: ratings} AS item
"""

CREATE_SELF_ASSESSMENT = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (sa:SelfAssessment {tenant: $tenant, key: $key})
SET sa += $props
MERGE (sa)-[:OF]->(a)
RETURN sa.key AS key
"""

UPDATE_SELF_ASSESSMENT = """
MATCH (sa:SelfAssessment {tenant: $tenant, key: $key})
SET sa += $props
RETURN sa.key AS key
"""

SET_RATINGS = """
MATCH (sa:SelfAssessment {tenant: $tenant, key: $key})
UNWIND $rows AS row
MERGE (r:RubricRating {tenant: $tenant, key: row.key})
SET r += row.props
MERGE (r)-[:OF]->(sa)
RETURN count(r) AS ratings
"""

LIST_RATINGS = """
MATCH (r:RubricRating {tenant: $tenant})-[:OF]->(sa:SelfAssessment {tenant: $tenant})
      -[:OF]->(a:Alliance {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance) AND ($year IS NULL OR sa.year = $year)
  AND ($status IS NULL OR sa.status = $status)
RETURN r {.item, .component, .stage, .rating, .evidence, .link, alliance: a.key,
          year: sa.year, revision: sa.revision, status: sa.status,
          self_assessment: sa.key} AS item
ORDER BY a.key, sa.year, sa.revision, r.item
"""
