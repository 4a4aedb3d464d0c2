"""`imant bench write-path`: the statements it compares with the import's own
(graph.queries.imports) and the territory it writes them against, on a fresh server."""

CREATE_APPLICATIONS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
CREATE (f)-[a:APPLIED_TO {year: row.year}]->(s)
SET a.rank = row.rank, a.points = row.points, a.sibling = row.sibling
RETURN count(*) AS written
"""

CREATE_ENROLMENTS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
CREATE (f)-[:ENROLLED_AT {year: row.year}]->(s)
RETURN count(*) AS written
"""

# the import's statements until new edges were created with FOREACH: MERGE looks the edge
# up a second time
MERGE_APPLICATIONS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
OPTIONAL MATCH (f)-[old:APPLIED_TO {year: row.year}]->(s)
WITH f, s, row, coalesce(old.rank, 0) = 1 AS was_first
MERGE (f)-[a:APPLIED_TO {year: row.year}]->(s)
SET a.rank = row.rank, a.points = row.points, a.sibling = row.sibling
RETURN count(*) AS written,
       collect(CASE WHEN was_first <> (row.rank = 1)
                    THEN [row.school_key, row.year, CASE WHEN was_first THEN -1 ELSE 1 END]
               END) AS changed
"""

MERGE_ENROLMENTS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
OPTIONAL MATCH (f)-[old:ENROLLED_AT {year: row.year}]->(s)
WITH f, s, row, old IS NULL AS fresh
MERGE (f)-[:ENROLLED_AT {year: row.year}]->(s)
RETURN count(*) AS written,
       collect(CASE WHEN fresh THEN [row.school_key, row.year, f.disadvantaged, f.migrant,
                                     f.nese] END) AS added
"""

SETUP_ZONES = """
UNWIND $rows AS row
CREATE (z:Zone {tenant: $tenant, key: row.key})
RETURN count(*) AS written
"""

SETUP_SCHOOLS = """
UNWIND $rows AS row
MATCH (z:Zone {tenant: $tenant, key: row.zone_key})
CREATE (s:School {tenant: $tenant, key: row.key})
CREATE (s)-[:IN_ZONE]->(z)
RETURN count(*) AS written
"""
