"""Transaction functions of bulk imports: look-ups before a write, the write, read-backs.

`write_rows` runs every batch of one import inside the caller's single transaction:
if any batch fails (or finds a reference gone), the driver rolls the whole import back.
Imports of families, applications and enrolments also update the family counts the
indicators read (graph.family_counts) in that same transaction.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import neo4j

from graph import family_counts
from graph.errors import Conflict
from graph.queries import imports as q

EXISTING_KEYS = {
    "Municipality": q.EXISTING_MUNICIPALITY_KEYS,
    "Zone": q.EXISTING_ZONE_KEYS,
    "School": q.EXISTING_SCHOOL_KEYS,
    "Partner": q.EXISTING_PARTNER_KEYS,
    "Family": q.EXISTING_FAMILY_KEYS,
    "Alliance": q.EXISTING_ALLIANCE_KEYS,
    "Objective": q.EXISTING_OBJECTIVE_KEYS,
    "BudgetLine": q.EXISTING_BUDGET_LINE_KEYS,
    "SchoolYear": q.EXISTING_SCHOOL_YEAR_KEYS,
}

FIXED_REFERENCES = {
    "alliances": q.FIXED_ALLIANCE_TARGETS,
    "contributions": q.FIXED_CONTRIBUTION_ALLIANCES,
    "measures": q.FIXED_MEASURE_MUNICIPALITIES,
}

READ_ROWS = {
    "municipalities": q.READ_MUNICIPALITIES, "zones": q.READ_ZONES,
    "schools": q.READ_SCHOOLS, "partners": q.READ_PARTNERS,
    "school_years": q.READ_SCHOOL_YEARS, "families": q.READ_FAMILIES,
    "applications": q.READ_APPLICATIONS, "enrolments": q.READ_ENROLMENTS,
    "alliances": q.READ_ALLIANCES, "contributions": q.READ_CONTRIBUTIONS,
    "measures": q.READ_MEASURES, "assessments": q.READ_ASSESSMENTS,
}

LOOKUP_SLICE = 20_000


Counting = Callable[[family_counts.Changes, neo4j.Record], None]
Refiling = Callable[[neo4j.ManagedTransaction, str, Sequence[dict], family_counts.Changes],
                    None]


@dataclass(frozen=True)
class Step:
    """One statement of an import: which rows it takes (all, or those whose key is new or
    already exists), how many each batch must write, and what it creates; and for the
    family kinds, how a batch changes the family counts (read from the statement's
    result, or before it runs)."""

    statement: str
    creates: str  # the summary counter of what is new: nodes_created or relationships_created
    expected: Callable[[Sequence[dict]], int] = len
    rows: str = "all"  # all | new | existing
    counts: Counting | None = None
    before: Refiling | None = None


def _covered(rows: Sequence[dict]) -> int:
    return sum(len(row["school_keys"]) for row in rows)


def _refile(tx: neo4j.ManagedTransaction, tenant: str, rows: Sequence[dict],
            changes: family_counts.Changes) -> None:
    """Families whose flags a batch may change: their enrolments move between groups."""
    enrolments = family_counts.enrolments_of(tx, tenant=tenant, keys=[r["key"] for r in rows])
    changes.refiled(enrolments, {r["key"]: r for r in rows})


def _enrolled(changes: family_counts.Changes, record: neo4j.Record) -> None:
    changes.enrolled(record["added"])


def _first_choices(changes: family_counts.Changes, record: neo4j.Record) -> None:
    changes.first_choices(record["changed"])


NODES, RELATIONSHIPS = "nodes_created", "relationships_created"
PLANS: dict[str, tuple[Step, ...]] = {
    "municipalities": (Step(q.MERGE_MUNICIPALITIES, NODES),),
    "zones": (Step(q.MERGE_ZONES, NODES),),
    "schools": (Step(q.MERGE_SCHOOLS, NODES),),
    "partners": (Step(q.MERGE_PARTNERS, NODES),),
    "school_years": (Step(q.CREATE_SCHOOL_YEARS, NODES, rows="new"),
                     Step(q.MERGE_SCHOOL_YEARS, NODES, rows="existing")),
    "families": (Step(q.CREATE_FAMILIES, NODES, rows="new"),
                 Step(q.MERGE_FAMILIES, NODES, rows="existing", before=_refile)),
    "applications": (Step(q.UPSERT_APPLICATIONS, RELATIONSHIPS, counts=_first_choices),),
    "enrolments": (Step(q.UPSERT_ENROLMENTS, RELATIONSHIPS, counts=_enrolled),),
    "alliances": (Step(q.MERGE_ALLIANCES, NODES),),
    "contributions": (Step(q.MERGE_CONTRIBUTIONS, NODES),),
    "measures": (Step(q.MERGE_MEASURES, NODES), Step(q.SET_MEASURE_COVERS, "", _covered)),
    "assessments": (Step(q.MERGE_ASSESSMENTS, NODES),),
}
# The kinds written by CREATE for new keys: the caller looks their keys up first.
SPLIT_KINDS = {"school_years": "SchoolYear", "families": "Family"}


def _slices(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def existing_keys(tx: neo4j.ManagedTransaction, *, tenant: str, label: str,
                  keys: Sequence[str]) -> set[str]:
    """Which of `keys` name a node of `label` in the tenant."""
    found: set[str] = set()
    for part in _slices(list(keys), LOOKUP_SLICE):
        found.update(tx.run(EXISTING_KEYS[label], tenant=tenant, keys=part).single()["keys"])
    return found


def fixed_references(tx: neo4j.ManagedTransaction, *, tenant: str, kind: str,
                     keys: Sequence[str]) -> dict[str, dict]:
    """For existing nodes of `kind` among `keys`: the references they already hold."""
    found: dict[str, dict] = {}
    for part in _slices(list(keys), LOOKUP_SLICE):
        for record in tx.run(FIXED_REFERENCES[kind], tenant=tenant, keys=part):
            found[record["key"]] = record.data()
    return found


def school_municipalities(tx: neo4j.ManagedTransaction, *, tenant: str,
                          keys: Sequence[str]) -> dict[str, str]:
    """The municipality of each school among `keys` (schools without one are left out)."""
    return {r["key"]: r["municipality"]
            for r in tx.run(q.SCHOOL_MUNICIPALITIES, tenant=tenant, keys=list(keys))}


def alliance_years(tx: neo4j.ManagedTransaction, *, tenant: str,
                   keys: Sequence[str]) -> dict[str, dict]:
    """The start and end year of each alliance among `keys`."""
    return {r["key"]: {"start_year": r["start_year"], "end_year": r["end_year"]}
            for r in tx.run(q.ALLIANCE_YEARS, tenant=tenant, keys=list(keys))}


def _rows_of(step: Step, rows: Sequence[dict], existing: frozenset[str]) -> Sequence[dict]:
    if step.rows == "all":
        return rows
    new = step.rows == "new"
    return [row for row in rows if (row["key"] in existing) != new]


def alliance_keys(rows: Sequence[dict]) -> list[str]:
    return sorted({row["alliance_key"] for row in rows if row.get("alliance_key")})


def write_rows(tx: neo4j.ManagedTransaction, *, tenant: str, kind: str, rows: Sequence[dict],
               batch_size: int, actor: str | None = None,
               existing: frozenset[str] = frozenset(),
               check_years: Callable[[dict[str, dict]], None] | None = None) -> dict[str, int]:
    """Upsert every row of one import, batch by batch, in this one transaction.

    `check_years` sees the years of the alliances the rows name before anything is written.
    `existing`: for SPLIT_KINDS, the row keys that already name a node (the others are
    created). Returns {"created": n}: nodes (or relationships, for applications and
    enrolments) that did not exist before. Raises Conflict, rolling everything back, if a
    batch writes fewer rows than it was given (a referenced node vanished meanwhile).
    """
    if check_years is not None:  # the alliances' years, read in this transaction
        check_years(alliance_years(tx, tenant=tenant, keys=alliance_keys(rows)))
    created = 0
    changes = family_counts.Changes()
    for step in PLANS[kind]:
        for batch in _slices(_rows_of(step, rows, existing), batch_size):
            if step.before is not None:
                step.before(tx, tenant, batch, changes)
            result = tx.run(step.statement, tenant=tenant, rows=list(batch), actor=actor)
            record = result.single(strict=True)
            counters = result.consume().counters
            if record["written"] != step.expected(batch):
                raise Conflict("A node this import refers to was removed while it ran; "
                               "nothing was written. Try again.")
            created += getattr(counters, step.creates) if step.creates else 0
            if step.counts is not None:
                step.counts(changes, record)
    family_counts.add(tx, tenant=tenant, changes=changes)
    return {"created": created}


def read_rows(tx: neo4j.ManagedTransaction, *, tenant: str, kind: str) -> list[dict]:
    """Every row of `kind` in the tenant, in the import's columns (checks and tests)."""
    return [record.data() for record in tx.run(READ_ROWS[kind], tenant=tenant)]


def delete_tenant_slice(tx: neo4j.ManagedTransaction, *, tenant: str, limit: int) -> int:
    """Remove up to `limit` nodes of the tenant (with their relationships), families before
    anything else; returns how many."""
    deleted = tx.run(q.DELETE_FAMILY_SLICE, tenant=tenant, limit=limit).single()["deleted"]
    if deleted:
        return deleted
    return tx.run(q.DELETE_TENANT_SLICE, tenant=tenant, limit=limit).single()["deleted"]
