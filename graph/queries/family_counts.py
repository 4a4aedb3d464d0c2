"""The read model of family-derived counts: one FamilyCount node per school and year.

The indicators read these nodes instead of scanning every enrolment and application.
Imports keep them current in the import's own transaction (graph.family_counts adds
what each batch changed); RECOUNT_ statements rebuild them from the family rows.
"""

# what the enrolments and applications an import's rows touch looked like before it
# (the import statements return what they added; these read what families had before)
FAMILY_ENROLMENT_FLAGS = """
UNWIND $keys AS key
MATCH (f:Family {tenant: $tenant, key: key})-[e:ENROLLED_AT]->(s:School {tenant: $tenant})
RETURN f.key AS family, s.key AS school, e.year AS year, f.disadvantaged AS disadvantaged,
       f.migrant AS migrant, f.nese AS nese
"""

# one row per school and year, with the changes to add (negative ones too)
ADD_FAMILY_COUNTS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school})
MERGE (c:FamilyCount {tenant: $tenant, key: row.key})
SET c.school = row.school, c.year = row.year,
    c.enrolled = coalesce(c.enrolled, 0) + row.enrolled,
    c.disadvantaged = coalesce(c.disadvantaged, 0) + row.disadvantaged,
    c.migrant = coalesce(c.migrant, 0) + row.migrant,
    c.nese = coalesce(c.nese, 0) + row.nese,
    c.disadvantaged_not_migrant = coalesce(c.disadvantaged_not_migrant, 0)
                                  + row.disadvantaged_not_migrant,
    c.first_choices = coalesce(c.first_choices, 0) + row.first_choices
MERGE (s)-[:HAS_COUNT]->(c)
RETURN count(*) AS written
"""

# --- a rebuild from the family rows (graph init, test seeds) ----------------------------

RECOUNT_ENROLMENTS = """
MATCH (f:Family {tenant: $tenant})-[e:ENROLLED_AT]->(s:School {tenant: $tenant})
WHERE e.year IS NOT NULL
RETURN s.key AS school, e.year AS year, count(e) AS enrolled,
       sum(CASE WHEN f.disadvantaged = true THEN 1 ELSE 0 END) AS disadvantaged,
       sum(CASE WHEN f.migrant = true THEN 1 ELSE 0 END) AS migrant,
       sum(CASE WHEN f.nese = true THEN 1 ELSE 0 END) AS nese,
       sum(CASE WHEN f.disadvantaged = true AND coalesce(f.migrant, false) = false
                THEN 1 ELSE 0 END) AS disadvantaged_not_migrant
"""

RECOUNT_FIRST_CHOICES = """
MATCH (:Family {tenant: $tenant})-[r:APPLIED_TO]->(s:School {tenant: $tenant})
WHERE r.year IS NOT NULL AND r.rank = 1
RETURN s.key AS school, r.year AS year, count(r) AS first_choices
"""

DELETE_FAMILY_COUNTS = """
MATCH (c:FamilyCount {tenant: $tenant})
DETACH DELETE c
"""

# which layout of the counts a tenant holds (none: never built, so rebuilt first)
READ_COUNTS_LAYOUT = """
MATCH (v:DataVersion {programme: $tenant})
RETURN v.family_counts AS layout
"""

SET_COUNTS_LAYOUT = """
MERGE (v:DataVersion {programme: $tenant})
SET v.family_counts = $layout
"""

# --- reads: every school of a territory with its counts for some years -------------------

# (the reader keeps the enrolments of rows with enrolled > 0, the first choices of rows
# with first_choices > 0: the rows the scans of enrolments and applications used to give)
COUNTS_IN_ZONE = """
MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(:Zone {tenant: $tenant, key: $key})
MATCH (s)-[:HAS_COUNT]->(c:FamilyCount {tenant: $tenant})
WHERE c.year IN $years AND (c.enrolled > 0 OR c.first_choices > 0)
RETURN s.key AS school, c {.year, .enrolled, .disadvantaged, .migrant, .nese,
                           .disadvantaged_not_migrant, .first_choices} AS counts
"""

COUNTS_IN_MUNICIPALITY = """
MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(:Zone {tenant: $tenant})
      -[:PART_OF]->(:Municipality {tenant: $tenant, key: $key})
WITH DISTINCT s
MATCH (s)-[:HAS_COUNT]->(c:FamilyCount {tenant: $tenant})
WHERE c.year IN $years AND (c.enrolled > 0 OR c.first_choices > 0)
RETURN s.key AS school, c {.year, .enrolled, .disadvantaged, .migrant, .nese,
                           .disadvantaged_not_migrant, .first_choices} AS counts
"""

COUNTS_IN_PROGRAMME = """
MATCH (s:School {tenant: $tenant})-[:HAS_COUNT]->(c:FamilyCount {tenant: $tenant})
WHERE c.year IN $years AND (c.enrolled > 0 OR c.first_choices > 0)
RETURN s.key AS school, c {.year, .enrolled, .disadvantaged, .migrant, .nese,
                           .disadvantaged_not_migrant, .first_choices} AS counts
"""

LIST_ENROLMENT_YEARS = """
MATCH (c:FamilyCount {tenant: $tenant})
WHERE c.enrolled > 0
RETURN DISTINCT c.year AS year
"""

# every count of the tenant, as stored (the consistency check and tests)
READ_FAMILY_COUNTS = """
MATCH (s:School {tenant: $tenant})-[:HAS_COUNT]->(c:FamilyCount {tenant: $tenant})
RETURN s.key AS school, c.year AS year, c.enrolled AS enrolled,
       c.disadvantaged AS disadvantaged, c.migrant AS migrant, c.nese AS nese,
       c.disadvantaged_not_migrant AS disadvantaged_not_migrant,
       c.first_choices AS first_choices
"""
