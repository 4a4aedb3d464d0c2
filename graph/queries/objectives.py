"""Objectives of an alliance with their typed-in yearly values:
(Objective)-[:OF]->(Alliance), (ObjectiveValue)-[:OF]->(Objective)."""

UPSERT_OBJECTIVE = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (o:Objective {tenant: $tenant, key: $key})
SET o += $props
MERGE (o)-[:OF]->(a)
RETURN o.key AS key
"""

LIST_OBJECTIVES = """
MATCH (o:Objective {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
      -[:OF_SCHOOL]->(s:School {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance) AND ($school IS NULL OR s.key = $school)
  AND ($key IS NULL OR o.key = $key)
OPTIONAL MATCH (v:ObjectiveValue {tenant: $tenant})-[:OF]->(o)
WITH o, a, s, v ORDER BY v.year
WITH o, a, s, collect(CASE WHEN v IS NULL THEN NULL
                           ELSE {year: v.year, value: v.value, entered_by: v.entered_by}
                      END) AS values
RETURN o {.key, .title, .metric, .group, .component, .unit, .baseline, .baseline_year,
          .baseline_reason, .target, .direction, .target_year,
          alliance: a.key, school: s.key, values: values} AS item
ORDER BY a.key, o.target_year, o.key
"""

OBJECTIVE_DEPENDANTS = """
MATCH (o:Objective {tenant: $tenant, key: $key})
RETURN COUNT { (:LogicModel {tenant: $tenant})-[:MEASURED_BY]->(o) } AS logic_models,
       COUNT { (:PlanAction {tenant: $tenant})-[:SERVES]->(o) } AS plan_actions
"""

DELETE_OBJECTIVE = """
MATCH (o:Objective {tenant: $tenant, key: $key})
OPTIONAL MATCH (v:ObjectiveValue {tenant: $tenant})-[:OF]->(o)
DETACH DELETE v, o
"""

SET_OBJECTIVE_VALUE = """
MATCH (o:Objective {tenant: $tenant, key: $objective})
MERGE (v:ObjectiveValue {tenant: $tenant, key: $key})
SET v += $props
MERGE (v)-[:OF]->(o)
RETURN v.key AS key
"""

DELETE_OBJECTIVE_VALUE = """
MATCH (v:ObjectiveValue {tenant: $tenant, key: $key})
DETACH DELETE v
"""
