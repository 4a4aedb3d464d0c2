"""What the admission simulator reads of one market: a municipality's schools of one level
for one entry year, the families who applied to them, and the enrolments recorded there."""

MARKET_SCHOOLS = """
MATCH (s:School {tenant: $tenant, level: $level})-[:IN_ZONE]->(z:Zone {tenant: $tenant})
      -[:PART_OF]->(:Municipality {tenant: $tenant, key: $municipality})
WHERE coalesce(s.archived, false) = false
OPTIONAL MATCH (s)-[:HAS_YEAR]->(y:SchoolYear {tenant: $tenant, year: $year})
RETURN s.key AS key, s.name AS name, z.key AS zone,
       coalesce(y.places_offered, s.entry_places) AS places
ORDER BY key
"""

MARKET_ZONES = """
MATCH (z:Zone {tenant: $tenant})-[:PART_OF]->(:Municipality {tenant: $tenant,
                                                            key: $municipality})
RETURN z.key AS key, z.name AS name
ORDER BY key
"""

# one row per family: its flags, home zone and its applications to the market's schools
# ([rank, school, points, sibling]); the family's key is not read
MARKET_APPLICANTS = """
MATCH (f:Family {tenant: $tenant})-[a:APPLIED_TO {year: $year}]->(s:School {tenant: $tenant})
WHERE s.key IN $schools
WITH f, collect([a.rank, s.key, a.points, a.sibling]) AS applications
OPTIONAL MATCH (f)-[:LIVES_IN]->(z:Zone {tenant: $tenant})
RETURN z.key AS zone, f.nese AS nese, f.disadvantaged AS disadvantaged, f.migrant AS migrant,
       applications
"""

MARKET_ENROLMENTS = """
MATCH (f:Family {tenant: $tenant})-[:ENROLLED_AT {year: $year}]->(s:School {tenant: $tenant})
WHERE s.key IN $schools
RETURN s.key AS school, count(f) AS total,
       sum(CASE WHEN f.nese = true THEN 1 ELSE 0 END) AS nese,
       sum(CASE WHEN f.disadvantaged = true THEN 1 ELSE 0 END) AS disadvantaged,
       sum(CASE WHEN f.migrant = true THEN 1 ELSE 0 END) AS migrant
"""

# the entry years with applications per level, per municipality (all of them, or one), from
# the family counts' read model: a year with first choices has applications
MARKET_YEARS = """
MATCH (s:School {tenant: $tenant})-[:IN_ZONE]->(:Zone {tenant: $tenant})
      -[:PART_OF]->(m:Municipality {tenant: $tenant})
WHERE $municipality IS NULL OR m.key = $municipality
MATCH (s)-[:HAS_COUNT]->(c:FamilyCount {tenant: $tenant})
WHERE c.first_choices > 0
RETURN DISTINCT m.key AS municipality, c.year AS year, s.level AS level
ORDER BY municipality, year DESC, level
"""
