"""Contributions a partner logs to an alliance: (Contribution)-[:TO]->(Alliance)."""

LIST_CONTRIBUTIONS = """
MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance)
  AND ($partner IS NULL OR p.key = $partner)
  AND ($school IS NULL OR s.key = $school)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($year IS NULL OR c.year = $year)
  AND ($date_from IS NULL OR c.date >= $date_from)
  AND ($date_to IS NULL OR c.date <= $date_to)
WITH c, a, p, s ORDER BY c.date DESC, c.key
WITH collect(c {.key, .date, .year, .kind, .hours, .teachers, .students, .families,
                .description, .logged_by, alliance: a.key, theme: a.theme,
                partner: p.key, partner_name: p.name,
                school: s.key, school_name: s.name}) AS rows
RETURN size(rows) AS total, rows[$skip..$stop] AS items
"""

CONTRIBUTION_TOTALS = """
MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance)
  AND ($partner IS NULL OR p.key = $partner)
  AND ($school IS NULL OR s.key = $school)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($year IS NULL OR c.year = $year)
  AND ($date_from IS NULL OR c.date >= $date_from)
  AND ($date_to IS NULL OR c.date <= $date_to)
WITH c.kind AS kind, count(c) AS count, sum(coalesce(c.hours, 0)) AS hours,
     sum(coalesce(c.teachers, 0)) AS teachers, sum(coalesce(c.students, 0)) AS students,
     sum(coalesce(c.families, 0)) AS families
RETURN kind, count, hours, teachers, students, families ORDER BY kind
"""

CONTRIBUTION_TOTALS_BY_YEAR = """
MATCH (c:Contribution {tenant: $tenant})-[:TO]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance)
  AND ($partner IS NULL OR p.key = $partner)
  AND ($school IS NULL OR s.key = $school)
  AND ($kind IS NULL OR c.kind = $kind)
  AND ($year IS NULL OR c.year = $year)
  AND ($date_from IS NULL OR c.date >= $date_from)
  AND ($date_to IS NULL OR c.date <= $date_to)
WITH c.year AS year, count(c) AS count, sum(coalesce(c.hours, 0)) AS hours,
     sum(coalesce(c.teachers, 0)) AS teachers, sum(coalesce(c.students, 0)) AS students,
     sum(coalesce(c.families, 0)) AS families
RETURN year, count, hours, teachers, students, families ORDER BY year
"""

GET_CONTRIBUTION = """
MATCH (c:Contribution {tenant: $tenant, key: $key})-[:TO]->(a:Alliance {tenant: $tenant})
MATCH (a)-[:WITH_PARTNER]->(p:Partner {tenant: $tenant})
MATCH (a)-[:OF_SCHOOL]->(s:School {tenant: $tenant})
RETURN c {.key, .date, .year, .kind, .hours, .teachers, .students, .families,
          .description, .logged_by, alliance: a.key, theme: a.theme,
          partner: p.key, partner_name: p.name,
          school: s.key, school_name: s.name} AS item
"""

CONTRIBUTION_EXISTS = """
MATCH (c:Contribution {tenant: $tenant, key: $key})
RETURN c.key AS key
"""

CREATE_CONTRIBUTION = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
CREATE (c:Contribution {tenant: $tenant, key: $key})-[:TO]->(a)
SET c += $props
RETURN c.key AS key
"""

UPDATE_CONTRIBUTION = """
MATCH (c:Contribution {tenant: $tenant, key: $key})
SET c += $props
RETURN c.key AS key
"""

DELETE_CONTRIBUTION = """
MATCH (c:Contribution {tenant: $tenant, key: $key})
DETACH DELETE c
"""
