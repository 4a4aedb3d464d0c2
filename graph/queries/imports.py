"""Bulk imports: upserts by key in batches (UNWIND $rows), reference look-ups, read-backs.

Every MERGE_ statement ends with `RETURN count(*) AS written` so the caller can check
that every row of the batch reached the end (a reference that vanished since it was
checked drops its row, and the whole import is then rolled back). A single-valued
relationship that an upsert may move (school zone, family zone, zone municipality)
is replaced: the old one is deleted when it points elsewhere.
"""

# --- which of these keys exist (one statement per label: labels never come from input) ------
# One record holding a list: far cheaper to receive than a record per key.

EXISTING_MUNICIPALITY_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Municipality {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_ZONE_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Zone {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_SCHOOL_KEYS = """
UNWIND $keys AS wanted
MATCH (n:School {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_PARTNER_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Partner {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_FAMILY_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Family {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_OBJECTIVE_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Objective {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_BUDGET_LINE_KEYS = """
UNWIND $keys AS wanted
MATCH (n:BudgetLine {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_ALLIANCE_KEYS = """
UNWIND $keys AS wanted
MATCH (n:Alliance {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

EXISTING_SCHOOL_YEAR_KEYS = """
UNWIND $keys AS wanted
MATCH (n:SchoolYear {tenant: $tenant, key: wanted})
RETURN collect(n.key) AS keys
"""

# --- references an existing node may not change, in the import's column names ---------------

FIXED_ALLIANCE_TARGETS = """
UNWIND $keys AS wanted
MATCH (a:Alliance {tenant: $tenant, key: wanted})
OPTIONAL MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
OPTIONAL MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
RETURN a.key AS key, s.key AS school_key, p.key AS partner_key
"""

FIXED_CONTRIBUTION_ALLIANCES = """
UNWIND $keys AS wanted
MATCH (c:Contribution {tenant: $tenant, key: wanted})
OPTIONAL MATCH (c)-[:TO]->(a:Alliance {tenant: $tenant})
RETURN c.key AS key, a.key AS alliance_key
"""

FIXED_MEASURE_MUNICIPALITIES = """
UNWIND $keys AS wanted
MATCH (ms:Measure {tenant: $tenant, key: wanted})
OPTIONAL MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(ms)
RETURN ms.key AS key, m.key AS municipality_key
"""

SCHOOL_MUNICIPALITIES = """
UNWIND $keys AS wanted
MATCH (s:School {tenant: $tenant, key: wanted})-[:IN_ZONE]->(:Zone {tenant: $tenant})
      -[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN s.key AS key, m.key AS municipality
"""

ALLIANCE_YEARS = """
UNWIND $keys AS wanted
MATCH (a:Alliance {tenant: $tenant, key: wanted})
RETURN a.key AS key, a.start_year AS start_year, a.end_year AS end_year
"""

# --- upserts ----------------------------------------------------------------------------------

MERGE_MUNICIPALITIES = """
UNWIND $rows AS row
MERGE (m:Municipality {tenant: $tenant, key: row.key})
SET m.name = row.name, m.code = row.code
RETURN count(*) AS written
"""

MERGE_ZONES = """
UNWIND $rows AS row
MERGE (z:Zone {tenant: $tenant, key: row.key})
SET z.name = row.name
WITH z, row
OPTIONAL MATCH (z)-[old:PART_OF]->(m0:Municipality {tenant: $tenant})
WHERE m0.key <> row.municipality_key
DELETE old
WITH DISTINCT z, row
MATCH (m:Municipality {tenant: $tenant, key: row.municipality_key})
MERGE (z)-[:PART_OF]->(m)
RETURN count(*) AS written
"""

MERGE_SCHOOLS = """
UNWIND $rows AS row
MERGE (s:School {tenant: $tenant, key: row.key})
SET s.name = row.name, s.code = row.code, s.level = row.level,
    s.entry_places = row.entry_places
WITH s, row
OPTIONAL MATCH (s)-[old:IN_ZONE]->(z0:Zone {tenant: $tenant})
WHERE z0.key <> row.zone_key
DELETE old
WITH DISTINCT s, row
MATCH (z:Zone {tenant: $tenant, key: row.zone_key})
MERGE (s)-[:IN_ZONE]->(z)
RETURN count(*) AS written
"""

MERGE_PARTNERS = """
UNWIND $rows AS row
MERGE (p:Partner {tenant: $tenant, key: row.key})
SET p.name = row.name, p.kind = row.kind
RETURN count(*) AS written
"""

CREATE_SCHOOL_YEARS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school_key})
CREATE (y:SchoolYear {tenant: $tenant, key: row.key})
SET y.year = row.year, y.places_offered = row.places_offered,
    y.first_choice_applications = row.first_choice_applications,
    y.enrolled_total = row.enrolled_total, y.enrolled_disadvantaged = row.enrolled_disadvantaged,
    y.enrolled_migrant = row.enrolled_migrant, y.enrolled_nese = row.enrolled_nese
CREATE (s)-[:HAS_YEAR]->(y)
RETURN count(*) AS written
"""

MERGE_SCHOOL_YEARS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school_key})
MERGE (y:SchoolYear {tenant: $tenant, key: row.key})
SET y.year = row.year, y.places_offered = row.places_offered,
    y.first_choice_applications = row.first_choice_applications,
    y.enrolled_total = row.enrolled_total, y.enrolled_disadvantaged = row.enrolled_disadvantaged,
    y.enrolled_migrant = row.enrolled_migrant, y.enrolled_nese = row.enrolled_nese
MERGE (s)-[:HAS_YEAR]->(y)
RETURN count(*) AS written
"""

# rows whose key is new: CREATE skips MERGE's look-up and the old-zone check (a key
# created meanwhile by someone else breaks the uniqueness constraint: nothing is written)
CREATE_FAMILIES = """
UNWIND $rows AS row
MATCH (z:Zone {tenant: $tenant, key: row.zone_key})
CREATE (f:Family {tenant: $tenant, key: row.key})
SET f.disadvantaged = row.disadvantaged, f.migrant = row.migrant, f.nese = row.nese
CREATE (f)-[:LIVES_IN]->(z)
RETURN count(*) AS written
"""

MERGE_FAMILIES = """
UNWIND $rows AS row
MERGE (f:Family {tenant: $tenant, key: row.key})
SET f.disadvantaged = row.disadvantaged, f.migrant = row.migrant, f.nese = row.nese
WITH f, row
OPTIONAL MATCH (f)-[old:LIVES_IN]->(z0:Zone {tenant: $tenant})
WHERE z0.key <> row.zone_key
DELETE old
WITH DISTINCT f, row
MATCH (z:Zone {tenant: $tenant, key: row.zone_key})
MERGE (f)-[:LIVES_IN]->(z)
RETURN count(*) AS written
"""

# An edge is looked up once, then created or updated: MERGE would look it up again (on the
# embedded server this writes applications 1.7 times as fast; `imant bench write-path`).
# Every write takes the programme's data version (graph.version), so two imports never
# write the same programme at once and cannot both create one edge.

# `changed`: [school, year, +1 or -1] of each application that becomes or stops being a
# first choice (graph.family_counts adds them up)
UPSERT_APPLICATIONS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
OPTIONAL MATCH (f)-[old:APPLIED_TO {year: row.year}]->(s)
WITH f, s, row, old, coalesce(old.rank, 0) = 1 AS was_first
FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END |
  CREATE (f)-[:APPLIED_TO {year: row.year, rank: row.rank, points: row.points,
                           sibling: row.sibling}]->(s))
FOREACH (_ IN CASE WHEN old IS NULL THEN [] ELSE [1] END |
  SET old.rank = row.rank, old.points = row.points, old.sibling = row.sibling)
RETURN count(*) AS written,
       collect(CASE WHEN was_first <> (row.rank = 1)
                    THEN [row.school_key, row.year, CASE WHEN was_first THEN -1 ELSE 1 END]
               END) AS changed
"""

# `added`: [school, year, disadvantaged, migrant, nese] of each enrolment that is new
UPSERT_ENROLMENTS = """
UNWIND $rows AS row
MATCH (f:Family {tenant: $tenant, key: row.family_key})
MATCH (s:School {tenant: $tenant, key: row.school_key})
OPTIONAL MATCH (f)-[old:ENROLLED_AT {year: row.year}]->(s)
WITH f, s, row, old IS NULL AS fresh
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END |
  CREATE (f)-[:ENROLLED_AT {year: row.year}]->(s))
RETURN count(*) AS written,
       collect(CASE WHEN fresh THEN [row.school_key, row.year, f.disadvantaged, f.migrant,
                                     f.nese] END) AS added
"""

MERGE_ALLIANCES = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school_key})
MATCH (p:Partner {tenant: $tenant, key: row.partner_key})
MERGE (a:Alliance {tenant: $tenant, key: row.key})
SET a.theme = row.theme, a.start_year = row.start_year, a.end_year = row.end_year,
    a.status = row.status, a.trainer = row.trainer, a.advisory_hours = row.advisory_hours,
    a.training_share = row.training_share
MERGE (a)-[:OF_SCHOOL]->(s)
MERGE (a)-[:WITH_PARTNER]->(p)
RETURN count(*) AS written
"""

MERGE_CONTRIBUTIONS = """
UNWIND $rows AS row
MATCH (a:Alliance {tenant: $tenant, key: row.alliance_key})
MERGE (c:Contribution {tenant: $tenant, key: row.key})
ON CREATE SET c.logged_by = $actor
SET c.date = row.date, c.year = row.year, c.kind = row.kind, c.hours = row.hours,
    c.teachers = row.teachers, c.students = row.students, c.families = row.families,
    c.description = row.description
MERGE (c)-[:TO]->(a)
RETURN count(*) AS written
"""

MERGE_MEASURES = """
UNWIND $rows AS row
MATCH (m:Municipality {tenant: $tenant, key: row.municipality_key})
MERGE (ms:Measure {tenant: $tenant, key: row.key})
SET ms.kind = row.kind, ms.start = row.start, ms.end = row.end,
    ms.description = row.description
MERGE (m)-[:DEPLOYS]->(ms)
RETURN count(*) AS written
"""

# the schools a measure covers are the file's list: others are unlinked
SET_MEASURE_COVERS = """
UNWIND $rows AS row
MATCH (ms:Measure {tenant: $tenant, key: row.key})
OPTIONAL MATCH (ms)-[old:COVERS]->(s0:School {tenant: $tenant})
WHERE NOT s0.key IN row.school_keys
DELETE old
WITH DISTINCT ms, row
UNWIND row.school_keys AS school_key
MATCH (s:School {tenant: $tenant, key: school_key})
MERGE (ms)-[:COVERS]->(s)
RETURN count(*) AS written
"""

MERGE_ASSESSMENTS = """
UNWIND $rows AS row
MATCH (a:Alliance {tenant: $tenant, key: row.alliance_key})
MERGE (sa:StageAssessment {tenant: $tenant, key: row.key})
SET sa.year = row.year, sa.component = row.component, sa.stage = row.stage,
    sa.benchmarks = row.benchmarks, sa.assessed_by = $actor
MERGE (sa)-[:OF]->(a)
RETURN count(*) AS written
"""

# --- read-backs in the import's own columns (checks and tests; never exported) ---------------

READ_MUNICIPALITIES = """
MATCH (m:Municipality {tenant: $tenant})
RETURN m.key AS key, m.name AS name, m.code AS code
ORDER BY key
"""

READ_ZONES = """
MATCH (z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN z.key AS key, z.name AS name, m.key AS municipality_key
ORDER BY key, municipality_key
"""

READ_SCHOOLS = """
MATCH (s:School {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
RETURN s.key AS key, s.name AS name, s.code AS code, s.level AS level, z.key AS zone_key,
       s.entry_places AS entry_places
ORDER BY key, zone_key
"""

READ_PARTNERS = """
MATCH (p:Partner {tenant: $tenant})
RETURN p.key AS key, p.name AS name, p.kind AS kind
ORDER BY key
"""

READ_SCHOOL_YEARS = """
MATCH (s:School {tenant: $tenant})-[:HAS_YEAR]->(y:SchoolYear {tenant: $tenant})
RETURN s.key AS school_key, y.year AS year, y.places_offered AS places_offered,
       y.first_choice_applications AS first_choice_applications,
       y.enrolled_total AS enrolled_total, y.enrolled_disadvantaged AS enrolled_disadvantaged,
       y.enrolled_migrant AS enrolled_migrant, y.enrolled_nese AS enrolled_nese
ORDER BY school_key, year
"""

READ_FAMILIES = """
MATCH (f:Family {tenant: $tenant})
OPTIONAL MATCH (f)-[:LIVES_IN]->(z:Zone {tenant: $tenant})
RETURN f.key AS key, z.key AS zone_key, f.disadvantaged AS disadvantaged,
       f.migrant AS migrant, f.nese AS nese
ORDER BY key, zone_key
"""

READ_APPLICATIONS = """
MATCH (f:Family {tenant: $tenant})-[a:APPLIED_TO]->(s:School {tenant: $tenant})
RETURN f.key AS family_key, s.key AS school_key, a.year AS year, a.rank AS rank,
       a.points AS points, a.sibling AS sibling
ORDER BY family_key, school_key, year
"""

READ_ENROLMENTS = """
MATCH (f:Family {tenant: $tenant})-[e:ENROLLED_AT]->(s:School {tenant: $tenant})
RETURN f.key AS family_key, s.key AS school_key, e.year AS year
ORDER BY family_key, school_key, year
"""

READ_ALLIANCES = """
MATCH (a:Alliance {tenant: $tenant})
OPTIONAL MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
OPTIONAL MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
RETURN a.key AS key, s.key AS school_key, p.key AS partner_key, a.theme AS theme,
       a.start_year AS start_year, a.end_year AS end_year, a.status AS status,
       a.trainer AS trainer, a.advisory_hours AS advisory_hours,
       a.training_share AS training_share
ORDER BY key
"""

READ_CONTRIBUTIONS = """
MATCH (c:Contribution {tenant: $tenant})
OPTIONAL MATCH (c)-[:TO]->(a:Alliance {tenant: $tenant})
RETURN c.key AS key, a.key AS alliance_key, c.date AS date, c.kind AS kind,
       c.hours AS hours, c.teachers AS teachers, c.students AS students,
       c.families AS families, c.description AS description
ORDER BY key
"""

READ_MEASURES = """
MATCH (ms:Measure {tenant: $tenant})
OPTIONAL MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(ms)
OPTIONAL MATCH (ms)-[:COVERS]->(s:School {tenant: $tenant})
WITH ms, m, s ORDER BY s.key
RETURN ms.key AS key, m.key AS municipality_key, ms.kind AS kind, ms.start AS `start`,
       ms.end AS `end`, collect(s.key) AS school_keys, ms.description AS description
ORDER BY key
"""

READ_ASSESSMENTS = """
MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN a.key AS alliance_key, sa.year AS year, sa.component AS component,
       sa.stage AS stage, sa.benchmarks AS benchmarks
ORDER BY alliance_key, year, component
"""

# --- the throwaway benchmark tenant is removed a slice at a time ------------------------------

# families first: a family holds a few edges, a school one per enrolment and application,
# so removing the families first keeps every slice small
DELETE_FAMILY_SLICE = """
MATCH (n:Family {tenant: $tenant})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""

DELETE_TENANT_SLICE = """
MATCH (n {tenant: $tenant})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""
