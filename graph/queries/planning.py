"""Logic models and 7-year plans of an alliance, kept as revisions, and the lookups every
planning write shares (the alliance's state, which alliance an objective belongs to).

(LogicModel)-[:OF]->(Alliance), (LogicModel)-[:MEASURED_BY {part, position}]->(Objective),
(Plan)-[:OF]->(Alliance), (PlanRevision)-[:OF]->(Plan), (PlanAction)-[:OF]->(PlanRevision),
(PlanAction)-[:SERVES]->(Objective).
"""

GET_ALLIANCE_STATE = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
RETURN a.key AS key, a.status AS status, a.start_year AS start_year
"""

OBJECTIVE_OWNERS = """
UNWIND $keys AS wanted
OPTIONAL MATCH (o:Objective {tenant: $tenant, key: wanted})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN wanted AS key, a.key AS alliance
"""

# --- logic models -------------------------------------------------------------------------

LATEST_LOGIC_MODEL_REVISION = """
OPTIONAL MATCH (lm:LogicModel {tenant: $tenant})
               -[:OF]->(:Alliance {tenant: $tenant, key: $alliance})
RETURN coalesce(max(lm.revision), 0) AS revision
"""

CREATE_LOGIC_MODEL = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (lm:LogicModel {tenant: $tenant, key: $key})
SET lm += $props
MERGE (lm)-[:OF]->(a)
RETURN lm.key AS key
"""

LINK_LOGIC_MODEL_OUTCOMES = """
MATCH (lm:LogicModel {tenant: $tenant, key: $key})
UNWIND $links AS link
MATCH (o:Objective {tenant: $tenant, key: link.objective})
MERGE (lm)-[:MEASURED_BY {part: link.part, position: link.position}]->(o)
RETURN count(o) AS linked
"""

GET_LOGIC_MODEL = """
MATCH (lm:LogicModel {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant, key: $alliance})
WHERE ($revision IS NULL OR lm.revision = $revision)
  AND ($as_of IS NULL OR lm.saved_at <= $as_of)
WITH lm, a ORDER BY lm.revision DESC LIMIT 1
OPTIONAL MATCH (lm)-[m:MEASURED_BY]->(o:Objective {tenant: $tenant})
WITH lm, a, m, o ORDER BY m.part, m.position, o.key
WITH lm, a, collect(CASE WHEN o IS NULL THEN NULL
                         ELSE {part: m.part, position: m.position, objective: o.key} END) AS links
RETURN lm {.key, .revision, .problem, .inputs, .activities, .outputs, .short_outcomes,
           .medium_outcomes, .long_outcomes, .saved_by, .saved_at, .note, .comment,
           .commented_by, .commented_at, alliance: a.key, links: links} AS item
"""

COMMENT_LOGIC_MODEL = """
MATCH (lm:LogicModel {tenant: $tenant})-[:OF]->(:Alliance {tenant: $tenant, key: $alliance})
WHERE lm.revision = $revision
SET lm += $props
RETURN lm.key AS key
"""

LIST_LOGIC_MODEL_REVISIONS = """
MATCH (lm:LogicModel {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant, key: $alliance})
RETURN lm.key AS key, lm.revision AS revision, lm.saved_by AS saved_by,
       lm.saved_at AS saved_at, lm.note AS note, lm.comment AS comment,
       lm.commented_by AS commented_by, lm.commented_at AS commented_at
ORDER BY lm.revision
"""

# --- plans --------------------------------------------------------------------------------

LIST_PLANS = """
MATCH (p:Plan {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant, key: $alliance})
OPTIONAL MATCH (r:PlanRevision {tenant: $tenant})-[:OF]->(p)
WITH p, a, max(r.revision) AS revision
RETURN p.key AS key, p.first_year AS first_year, p.last_year AS last_year,
       p.started_by AS started_by, p.started_at AS started_at, a.key AS alliance,
       coalesce(revision, 0) AS revision
ORDER BY p.first_year
"""

PLAN_EXISTS = """
MATCH (p:Plan {tenant: $tenant, key: $key})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN p.key AS key, p.first_year AS first_year, p.last_year AS last_year, a.key AS alliance,
       a.status AS alliance_status
"""

CREATE_PLAN = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (p:Plan {tenant: $tenant, key: $key})
SET p += $props
MERGE (p)-[:OF]->(a)
RETURN p.key AS key
"""

LATEST_PLAN_REVISION = """
OPTIONAL MATCH (r:PlanRevision {tenant: $tenant})-[:OF]->(:Plan {tenant: $tenant, key: $plan})
RETURN coalesce(max(r.revision), 0) AS revision
"""

CREATE_PLAN_REVISION = """
MATCH (p:Plan {tenant: $tenant, key: $plan})
MERGE (r:PlanRevision {tenant: $tenant, key: $key})
SET r += $props
MERGE (r)-[:OF]->(p)
RETURN r.key AS key
"""

CREATE_PLAN_ACTIONS = """
MATCH (r:PlanRevision {tenant: $tenant, key: $key})
UNWIND $rows AS row
MERGE (x:PlanAction {tenant: $tenant, key: row.key})
SET x += row.props
MERGE (x)-[:OF]->(r)
RETURN count(x) AS actions
"""

LINK_PLAN_ACTIONS = """
UNWIND $links AS link
MATCH (x:PlanAction {tenant: $tenant, key: link.action})
MATCH (o:Objective {tenant: $tenant, key: link.objective})
MERGE (x)-[:SERVES]->(o)
RETURN count(o) AS linked
"""

GET_PLAN_REVISION = """
MATCH (r:PlanRevision {tenant: $tenant})-[:OF]->(p:Plan {tenant: $tenant, key: $plan})
      -[:OF]->(a:Alliance {tenant: $tenant})
WHERE ($revision IS NULL OR r.revision = $revision)
  AND ($as_of IS NULL OR r.saved_at <= $as_of)
WITH r, p, a ORDER BY r.revision DESC LIMIT 1
OPTIONAL MATCH (x:PlanAction {tenant: $tenant})-[:OF]->(r)
OPTIONAL MATCH (x)-[:SERVES]->(o:Objective {tenant: $tenant})
WITH r, p, a, x, o ORDER BY o.key
WITH r, p, a, x, collect(o.key) AS objectives
ORDER BY x.first_year, x.action
WITH r, p, a, collect(CASE WHEN x IS NULL THEN NULL
                           ELSE x {.action, .title, .component, .elements, .stage, .first_year,
                                   .last_year, .owner, .status, .drop_reason,
                                   .budget_planned, .budget_spent,
                                   objectives: objectives} END) AS actions
RETURN r {.key, .revision, .saved_by, .saved_at, .note, plan: p.key,
          first_year: p.first_year, last_year: p.last_year, alliance: a.key,
          actions: actions} AS item
"""

LIST_PLAN_REVISIONS = """
MATCH (r:PlanRevision {tenant: $tenant})-[:OF]->(p:Plan {tenant: $tenant, key: $plan})
RETURN r.key AS key, r.revision AS revision, r.saved_by AS saved_by, r.saved_at AS saved_at,
       r.note AS note, COUNT { (:PlanAction {tenant: $tenant})-[:OF]->(r) } AS actions
ORDER BY r.revision
"""

LIST_CURRENT_PLAN_ACTIONS = """
MATCH (r:PlanRevision {tenant: $tenant})-[:OF]->(p:Plan {tenant: $tenant})
      -[:OF]->(a:Alliance {tenant: $tenant})
WHERE $alliance IS NULL OR a.key = $alliance
WITH p, a, max(r.revision) AS revision
MATCH (x:PlanAction {tenant: $tenant})-[:OF]->(r:PlanRevision {tenant: $tenant})-[:OF]->(p)
WHERE r.revision = revision
OPTIONAL MATCH (x)-[:SERVES]->(o:Objective {tenant: $tenant})
WITH a, p, r, x, o ORDER BY o.key
WITH a, p, r, x, collect(o.key) AS objectives
RETURN x {.action, .title, .component, .elements, .stage, .first_year, .last_year, .owner,
          .status, .drop_reason, .budget_planned, .budget_spent, objectives: objectives,
          alliance: a.key, plan: p.key, revision: r.revision} AS item
ORDER BY a.key, p.first_year, x.first_year, x.action
"""

ALLIANCES_WITH_LOGIC_MODELS = """
MATCH (lm:LogicModel {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN DISTINCT a.key AS alliance
ORDER BY alliance
"""
