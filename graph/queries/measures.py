"""Balanced-schooling measures: (Municipality)-[:DEPLOYS]->(Measure)-[:COVERS]->(School)."""

LIST_MEASURES = """
MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(ms:Measure {tenant: $tenant})
WHERE ($municipality IS NULL OR m.key = $municipality)
  AND ($kind IS NULL OR ms.kind = $kind)
  AND ($until IS NULL OR ms.start <= $until)
  AND ($since IS NULL OR ms.end IS NULL OR ms.end >= $since)
  AND ($school IS NULL OR EXISTS {
        MATCH (ms)-[:COVERS]->(:School {tenant: $tenant, key: $school}) })
OPTIONAL MATCH (ms)-[:COVERS]->(s:School {tenant: $tenant})
WITH m, ms, s ORDER BY s.key
WITH m, ms, collect(s.key) AS schools
ORDER BY ms.start DESC, ms.key
WITH collect(ms {.key, .kind, .start, .end, .description,
                 municipality: m.key, municipality_name: m.name, schools: schools}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

GET_MEASURE = """
MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(ms:Measure {tenant: $tenant, key: $key})
OPTIONAL MATCH (ms)-[:COVERS]->(s:School {tenant: $tenant})
WITH m, ms, s ORDER BY s.key
WITH m, ms, collect(s.key) AS schools
RETURN ms {.key, .kind, .start, .end, .description,
           municipality: m.key, municipality_name: m.name, schools: schools} AS item
"""

MEASURE_EXISTS = """
MATCH (ms:Measure {tenant: $tenant, key: $key})
RETURN ms.key AS key
"""

CREATE_MEASURE = """
MATCH (m:Municipality {tenant: $tenant, key: $municipality})
CREATE (m)-[:DEPLOYS]->(ms:Measure {tenant: $tenant, key: $key})
SET ms += $props
RETURN ms.key AS key
"""

UPDATE_MEASURE = """
MATCH (ms:Measure {tenant: $tenant, key: $key})
SET ms += $props
RETURN ms.key AS key
"""

UNCOVER_MEASURE_SCHOOLS = """
MATCH (ms:Measure {tenant: $tenant, key: $key})-[r:COVERS]->(:School {tenant: $tenant})
DELETE r
"""

COVER_MEASURE_SCHOOLS = """
MATCH (ms:Measure {tenant: $tenant, key: $key})
UNWIND $schools AS school_key
MATCH (s:School {tenant: $tenant, key: school_key})
MERGE (ms)-[:COVERS]->(s)
RETURN count(s) AS covered
"""

DELETE_MEASURE = """
MATCH (ms:Measure {tenant: $tenant, key: $key})
DETACH DELETE ms
"""
