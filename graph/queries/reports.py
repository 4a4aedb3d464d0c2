"""Reads for annual reports and evaluation bundles: whole-tenant, batched, aggregate-only.

Each statement returns every row of one aggregate for the tenant at once, so a
run over a thousand schools makes a handful of round trips. Enrolment counts are
read by graph.indicators (the same read as the indicator pages). No statement
here reads Family nodes: family-level rows never leave the platform. The SEED_ statements
write small synthetic networks for tests and the benchmark.
"""

LIST_MUNICIPALITIES = (
    "MATCH (m:Municipality {tenant: $tenant}) "
    "RETURN m.key AS key, m.name AS name, m.code AS code ORDER BY key")

LIST_ZONES = (
    "MATCH (z:Zone {tenant: $tenant}) "
    "OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant}) "
    "RETURN z.key AS key, z.name AS name, m.key AS municipality ORDER BY key")

LIST_PARTNERS = (
    "MATCH (p:Partner {tenant: $tenant}) "
    "RETURN p.key AS key, p.name AS name, p.kind AS kind ORDER BY key")

LIST_SCHOOLS = (
    "MATCH (s:School {tenant: $tenant}) "
    "OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant}) "
    "RETURN s.key AS key, s.name AS name, s.code AS code, s.level AS level, "
    "s.entry_places AS entry_places, s.archived AS archived, z.key AS zone ORDER BY key")

LIST_ALLIANCES = (
    "MATCH (a:Alliance {tenant: $tenant}) "
    "OPTIONAL MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant}) "
    "RETURN a.key AS key, a.theme AS theme, a.start_year AS start_year, "
    "a.end_year AS end_year, a.status AS status, a.training_share AS training_share, "
    "a.advisory_hours AS advisory_hours, s.key AS school ORDER BY key")

LIST_ALLIANCE_PARTNERS = (
    "MATCH (a:Alliance {tenant: $tenant})-[:WITH_PARTNER]->(p:Partner {tenant: $tenant}) "
    "RETURN a.key AS alliance, p.key AS partner ORDER BY alliance, partner")

# One row per alliance with its items collected: far fewer records to stream than one per
# item, and the sums are made in Python (where a bad value fails one report, not the read).
LIST_CONTRIBUTIONS = (
    "MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a:Alliance {tenant: $tenant}) "
    "RETURN a.key AS alliance, "
    "collect([c.year, c.kind, c.hours, c.teachers, c.students, c.families]) AS items")

LIST_ASSESSMENTS = (
    "MATCH (sa:StageAssessment {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant}) "
    "RETURN a.key AS alliance, "
    "collect([sa.key, sa.year, sa.component, sa.stage, sa.benchmarks]) AS items")

LIST_MEASURES = (
    "MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(me:Measure {tenant: $tenant}) "
    "RETURN me.key AS key, m.key AS municipality, me.kind AS kind, me.start AS start, "
    "me.end AS end, me.description AS description ORDER BY key")

LIST_MEASURE_COVERAGE = (
    "MATCH (me:Measure {tenant: $tenant})-[:COVERS]->(s:School {tenant: $tenant}) "
    "RETURN me.key AS measure, s.key AS school ORDER BY measure, school")

NETWORK_READS = (
    LIST_MUNICIPALITIES, LIST_ZONES, LIST_PARTNERS, LIST_SCHOOLS, LIST_ALLIANCES,
    LIST_ALLIANCE_PARTNERS, LIST_CONTRIBUTIONS, LIST_ASSESSMENTS, LIST_MEASURES,
    LIST_MEASURE_COVERAGE,
)

# --- synthetic networks (tests, benchmark) ------------------------------------------------

SEED_MUNICIPALITIES = (
    "UNWIND $rows AS row "
    "MERGE (m:Municipality {tenant: $tenant, key: row.key}) "
    "SET m.name = row.name, m.code = row.code")

SEED_ZONES = (
    "UNWIND $rows AS row "
    "MATCH (m:Municipality {tenant: $tenant, key: row.municipality}) "
    "MERGE (z:Zone {tenant: $tenant, key: row.key}) SET z.name = row.name "
    "MERGE (z)-[:PART_OF]->(m)")

SEED_PARTNERS = (
    "UNWIND $rows AS row "
    "MERGE (p:Partner {tenant: $tenant, key: row.key}) SET p.name = row.name, p.kind = row.kind")

SEED_SCHOOLS = (
    "UNWIND $rows AS row "
    "MATCH (z:Zone {tenant: $tenant, key: row.zone}) "
    "MERGE (s:School {tenant: $tenant, key: row.key}) "
    "SET s.name = row.name, s.code = row.code, s.level = row.level, "
    "s.entry_places = row.entry_places "
    "MERGE (s)-[:IN_ZONE]->(z)")

SEED_ALLIANCES = (
    "UNWIND $rows AS row "
    "MATCH (s:School {tenant: $tenant, key: row.school}) "
    "MATCH (p:Partner {tenant: $tenant, key: row.partner}) "
    "MERGE (a:Alliance {tenant: $tenant, key: row.key}) "
    "SET a.theme = row.theme, a.start_year = row.start_year, a.end_year = row.end_year, "
    "a.status = row.status, a.training_share = row.training_share, "
    "a.advisory_hours = row.advisory_hours "
    "MERGE (a)-[:OF_SCHOOL]->(s) MERGE (a)-[:WITH_PARTNER]->(p)")

SEED_CONTRIBUTIONS = (
    "UNWIND $rows AS row "
    "MATCH (a:Alliance {tenant: $tenant, key: row.alliance}) "
    "MERGE (c:Contribution {tenant: $tenant, key: row.key}) "
    "SET c.date = row.date, c.year = row.year, c.kind = row.kind, c.hours = row.hours, "
    "c.teachers = row.teachers, c.students = row.students, c.families = row.families, "
    "c.description = row.description "
    "MERGE (c)-[:TO]->(a)")

SEED_MEASURES = (
    "UNWIND $rows AS row "
    "MATCH (m:Municipality {tenant: $tenant, key: row.municipality}) "
    "MERGE (me:Measure {tenant: $tenant, key: row.key}) "
    "SET me.kind = row.kind, me.start = row.start, me.end = row.end, "
    "me.description = row.description "
    "MERGE (m)-[:DEPLOYS]->(me)")

SEED_MEASURE_COVERAGE = (
    "UNWIND $rows AS row "
    "MATCH (me:Measure {tenant: $tenant, key: row.measure}) "
    "MATCH (s:School {tenant: $tenant, key: row.school}) "
    "MERGE (me)-[:COVERS]->(s)")

SEED_SCHOOL_YEARS = (
    "UNWIND $rows AS row "
    "MATCH (s:School {tenant: $tenant, key: row.school}) "
    "MERGE (y:SchoolYear {tenant: $tenant, key: row.key}) "
    "SET y.year = row.year, y.places_offered = row.places_offered, "
    "y.first_choice_applications = row.first_choice_applications, "
    "y.enrolled_total = row.enrolled_total, "
    "y.enrolled_disadvantaged = row.enrolled_disadvantaged, "
    "y.enrolled_migrant = row.enrolled_migrant, y.enrolled_nese = row.enrolled_nese "
    "MERGE (s)-[:HAS_YEAR]->(y)")

SEED_ASSESSMENTS = (
    "UNWIND $rows AS row "
    "MATCH (a:Alliance {tenant: $tenant, key: row.alliance}) "
    "MERGE (sa:StageAssessment {tenant: $tenant, key: row.key}) "
    "SET sa.year = row.year, sa.component = row.component, sa.stage = row.stage, "
    "sa.benchmarks = row.benchmarks "
    "MERGE (sa)-[:OF]->(a)")

# In dependency order: each step matches nodes the earlier steps created.
SEED_STEPS = (
    SEED_MUNICIPALITIES, SEED_ZONES, SEED_PARTNERS, SEED_SCHOOLS, SEED_ALLIANCES,
    SEED_CONTRIBUTIONS, SEED_MEASURES, SEED_MEASURE_COVERAGE, SEED_SCHOOL_YEARS,
    SEED_ASSESSMENTS,
)
