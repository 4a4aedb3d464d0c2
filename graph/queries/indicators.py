"""Reads that feed the indicators: enrolment counts, demand, measures and alliance activity.

Territory reads come in three forms with the same columns, one per level
(zone, municipality, whole programme), so every read starts from an indexed
node. Each returns all schools of the territory for a list of years in one
round trip. The family-derived counts are read from their read model
(graph.queries.family_counts), never by scanning enrolments. The SEED_ statements
write small synthetic networks for tests and the benchmark; the BENCH_ ones write and
remove the throwaway benchmark tenant.
"""

FIND_TERRITORY = """
OPTIONAL MATCH (z:Zone {tenant: $tenant, key: $key})
OPTIONAL MATCH (z)-[:PART_OF]->(zm:Municipality {tenant: $tenant})
OPTIONAL MATCH (m:Municipality {tenant: $tenant, key: $key})
RETURN z.key AS zone, z.name AS zone_name, zm.key AS zone_municipality,
       zm.name AS zone_municipality_name, m.key AS municipality, m.name AS municipality_name
"""

LIST_MUNICIPALITY_TERRITORIES = """
MATCH (m:Municipality {tenant: $tenant})
OPTIONAL MATCH (z:Zone {tenant: $tenant})-[:PART_OF]->(m)
WITH m, z ORDER BY z.key
RETURN m.key AS key, m.name AS name, coalesce(m.archived, false) AS archived,
       collect(z {.key, .name, archived: coalesce(z.archived, false)}) AS zones
ORDER BY key
"""

LIST_LOOSE_ZONES = """
MATCH (z:Zone {tenant: $tenant})
WHERE NOT EXISTS { (z)-[:PART_OF]->(:Municipality {tenant: $tenant}) }
RETURN z.key AS key, z.name AS name, coalesce(z.archived, false) AS archived
ORDER BY key
"""

# --- enrolment figures (SchoolYear), one row per school of the territory -------------------

SCHOOL_FIGURES_IN_ZONE = """
MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(z:Zone {tenant: $tenant, key: $key})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (s)-[:HAS_YEAR]->(y:SchoolYear {tenant: $tenant})
WHERE y.year IN $years
RETURN s.key AS school, s.name AS name, s.entry_places AS entry_places,
       z.key AS zone, z.name AS zone_name, m.key AS municipality, m.name AS municipality_name,
       collect(y {.year, .places_offered, .first_choice_applications, .enrolled_total,
                  .enrolled_disadvantaged, .enrolled_migrant, .enrolled_nese}) AS figures
"""

SCHOOL_FIGURES_IN_MUNICIPALITY = """
MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(z:Zone {tenant: $tenant})
      -[:PART_OF]->(m:Municipality {tenant: $tenant, key: $key})
OPTIONAL MATCH (s)-[:HAS_YEAR]->(y:SchoolYear {tenant: $tenant})
WHERE y.year IN $years
RETURN s.key AS school, s.name AS name, s.entry_places AS entry_places,
       z.key AS zone, z.name AS zone_name, m.key AS municipality, m.name AS municipality_name,
       collect(y {.year, .places_offered, .first_choice_applications, .enrolled_total,
                  .enrolled_disadvantaged, .enrolled_migrant, .enrolled_nese}) AS figures
"""

SCHOOL_FIGURES_IN_PROGRAMME = """
MATCH (s:School {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (s)-[:HAS_YEAR]->(y:SchoolYear {tenant: $tenant})
WHERE y.year IN $years
RETURN s.key AS school, s.name AS name, s.entry_places AS entry_places,
       z.key AS zone, z.name AS zone_name, m.key AS municipality, m.name AS municipality_name,
       collect(y {.year, .places_offered, .first_choice_applications, .enrolled_total,
                  .enrolled_disadvantaged, .enrolled_migrant, .enrolled_nese}) AS figures
"""

LIST_FIGURE_YEARS = """
MATCH (y:SchoolYear {tenant: $tenant})
WHERE y.year IS NOT NULL
RETURN DISTINCT y.year AS year
"""

# --- schools, measures, alliances --------------------------------------------------------

GET_SCHOOL_CONTEXT = """
MATCH (s:School {tenant: $tenant, key: $key})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s)
RETURN s.key AS key, s.name AS name, s.entry_places AS entry_places,
       z.key AS zone, z.name AS zone_name, m.key AS municipality, m.name AS municipality_name,
       collect(a {.key, .theme, .start_year, .end_year, .status}) AS alliances
"""

LIST_MEASURES = """
MATCH (m:Municipality {tenant: $tenant})-[:DEPLOYS]->(x:Measure {tenant: $tenant})
WHERE $municipality IS NULL OR m.key = $municipality
OPTIONAL MATCH (x)-[:COVERS]->(s:School {tenant: $tenant})
WITH m, x, s ORDER BY s.key
RETURN m.key AS municipality, x.key AS key, x.kind AS kind, x.start AS start, x.end AS end,
       x.description AS description, collect(s {.key, .name}) AS schools
ORDER BY key
"""

GET_ALLIANCE = """
MATCH (a:Alliance {tenant: $tenant, key: $key})
OPTIONAL MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
OPTIONAL MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
WITH a, s, p ORDER BY p.key
RETURN a {.key, .theme, .start_year, .end_year, .status, .training_share,
          .advisory_hours} AS alliance,
       s.key AS school, s.name AS school_name, collect(p {.key, .name, .kind}) AS partners
"""

LIST_ALLIANCE_CONTRIBUTIONS = """
MATCH (c:Contribution {tenant: $tenant})-[:TO]->(:Alliance {tenant: $tenant, key: $key})
RETURN c.year AS year, c.date AS date, c.kind AS kind, c.hours AS hours,
       c.teachers AS teachers, c.students AS students, c.families AS families
"""

# --- what a scoped user may see ------------------------------------------------------------

SCOPE_OF_MUNICIPALITY = """
MATCH (m:Municipality {tenant: $tenant, key: $key})
OPTIONAL MATCH (z:Zone {tenant: $tenant})-[:PART_OF]->(m)
OPTIONAL MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(z)
OPTIONAL MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s)
RETURN collect(DISTINCT m.key) AS municipalities, collect(DISTINCT z.key) AS zones,
       collect(DISTINCT s.key) AS schools, collect(DISTINCT a.key) AS alliances
"""

SCOPE_OF_SCHOOL = """
MATCH (s:School {tenant: $tenant, key: $key})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
OPTIONAL MATCH (a:Alliance {tenant: $tenant})-[:OF_SCHOOL]->(s)
RETURN collect(DISTINCT m.key) AS municipalities, collect(DISTINCT z.key) AS zones,
       collect(DISTINCT s.key) AS schools, collect(DISTINCT a.key) AS alliances
"""

SCOPE_OF_PARTNER = """
MATCH (:Partner {tenant: $tenant, key: $key})<-[:WITH_PARTNER]-(a:Alliance {tenant: $tenant})
OPTIONAL MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
OPTIONAL MATCH (s)-[:IN_ZONE]->(z:Zone {tenant: $tenant})
OPTIONAL MATCH (z)-[:PART_OF]->(m:Municipality {tenant: $tenant})
RETURN collect(DISTINCT m.key) AS municipalities, collect(DISTINCT z.key) AS zones,
       collect(DISTINCT s.key) AS schools, collect(DISTINCT a.key) AS alliances
"""

# --- synthetic networks for tests and the benchmark (idempotent upserts) -------------------

SEED_MUNICIPALITIES = """
UNWIND $rows AS row
MERGE (m:Municipality {tenant: $tenant, key: row.key})
SET m.name = row.name
"""

SEED_ZONES = """
UNWIND $rows AS row
MATCH (m:Municipality {tenant: $tenant, key: row.municipality})
MERGE (z:Zone {tenant: $tenant, key: row.key})
SET z.name = row.name
MERGE (z)-[:PART_OF]->(m)
"""

SEED_SCHOOLS = """
UNWIND $rows AS row
MATCH (z:Zone {tenant: $tenant, key: row.zone})
MERGE (s:School {tenant: $tenant, key: row.key})
SET s.name = row.name, s.entry_places = row.entry_places
MERGE (s)-[:IN_ZONE]->(z)
"""

SEED_SCHOOL_YEARS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school})
MERGE (y:SchoolYear {tenant: $tenant, key: row.school + ':' + toString(row.year)})
SET y += row.figures, y.year = row.year
MERGE (s)-[:HAS_YEAR]->(y)
"""

SEED_FAMILY_ENROLMENTS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school})
MERGE (f:Family {tenant: $tenant, key: row.key})
SET f.disadvantaged = row.disadvantaged, f.migrant = row.migrant, f.nese = row.nese
MERGE (f)-[:ENROLLED_AT {year: row.year}]->(s)
"""

SEED_APPLICATIONS = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school})
MERGE (f:Family {tenant: $tenant, key: row.family})
MERGE (f)-[:APPLIED_TO {year: row.year, rank: row.rank}]->(s)
"""

SEED_ALLIANCES = """
UNWIND $rows AS row
MATCH (s:School {tenant: $tenant, key: row.school})
MERGE (p:Partner {tenant: $tenant, key: row.partner})
SET p.name = row.partner_name, p.kind = row.partner_kind
MERGE (a:Alliance {tenant: $tenant, key: row.key})
SET a.theme = row.theme, a.start_year = row.start_year, a.status = row.status,
    a.training_share = row.training_share
MERGE (a)-[:OF_SCHOOL]->(s)
MERGE (a)-[:WITH_PARTNER]->(p)
"""

SEED_CONTRIBUTIONS = """
UNWIND $rows AS row
MATCH (a:Alliance {tenant: $tenant, key: row.alliance})
MERGE (c:Contribution {tenant: $tenant, key: row.key})
SET c.date = row.date, c.year = row.year, c.kind = row.kind, c.hours = row.hours,
    c.teachers = row.teachers, c.students = row.students, c.families = row.families
MERGE (c)-[:TO]->(a)
"""

SEED_MEASURES = """
UNWIND $rows AS row
MATCH (m:Municipality {tenant: $tenant, key: row.municipality})
MERGE (x:Measure {tenant: $tenant, key: row.key})
SET x.kind = row.kind, x.start = row.start, x.end = row.end, x.description = row.description
MERGE (m)-[:DEPLOYS]->(x)
WITH x, row
UNWIND row.schools AS school
MATCH (s:School {tenant: $tenant, key: school})
MERGE (x)-[:COVERS]->(s)
"""

# --- the throwaway benchmark tenant (fresh nodes, so CREATE instead of MERGE) ---------------

BENCH_CREATE_MUNICIPALITIES = """
UNWIND $rows AS row
CREATE (m:Municipality {tenant: $tenant, key: row.key, name: row.name})
CREATE (:Zone {tenant: $tenant, key: row.zone, name: row.name})-[:PART_OF]->(m)
"""

BENCH_CREATE_SCHOOLS = """
UNWIND $rows AS row
MATCH (z:Zone {tenant: $tenant, key: row.zone})
CREATE (s:School {tenant: $tenant, key: row.key, name: row.key})-[:IN_ZONE]->(z)
CREATE (s)-[:HAS_YEAR]->(:SchoolYear {tenant: $tenant, key: row.key + ':' + toString($year),
        year: $year, places_offered: row.places, first_choice_applications: row.first,
        enrolled_total: row.total, enrolled_disadvantaged: row.disadvantaged,
        enrolled_migrant: row.migrant, enrolled_nese: row.nese})
"""

BENCH_COUNT_SCHOOL_YEARS = """
MATCH (y:SchoolYear {tenant: $tenant})
WHERE y.year = $year
RETURN count(y) AS school_years
"""

BENCH_COUNT_MUNICIPALITIES = """
MATCH (m:Municipality {tenant: $tenant})
RETURN count(m) AS municipalities
"""

BENCH_DELETE_BATCH = """
MATCH (n {tenant: $tenant})
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
"""
