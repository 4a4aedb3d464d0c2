"""Yearly budget lines of an alliance: (BudgetLine)-[:OF]->(Alliance)."""

BUDGET_LINE_OWNER = """
MATCH (b:BudgetLine {tenant: $tenant, key: $key})-[:OF]->(a:Alliance {tenant: $tenant})
RETURN a.key AS alliance
"""

UPSERT_BUDGET_LINE = """
MATCH (a:Alliance {tenant: $tenant, key: $alliance})
MERGE (b:BudgetLine {tenant: $tenant, key: $key})
SET b += $props
MERGE (b)-[:OF]->(a)
RETURN b.key AS key
"""

LIST_BUDGET_LINES = """
MATCH (b:BudgetLine {tenant: $tenant})-[:OF]->(a:Alliance {tenant: $tenant})
WHERE ($alliance IS NULL OR a.key = $alliance) AND ($year IS NULL OR b.year = $year)
  AND ($key IS NULL OR b.key = $key)
RETURN b {.key, .year, .source, .planned, .secured, .spent, .overspend, .overspend_reason,
          .description, alliance: a.key} AS item
ORDER BY a.key, b.year, b.source, b.key
"""

DELETE_BUDGET_LINE = """
MATCH (b:BudgetLine {tenant: $tenant, key: $key})
DETACH DELETE b
"""
