"""The read model of family-derived counts, kept in step with the family rows.

Per school and year, a FamilyCount node holds what the indicators used to count on every
read by scanning all enrolments and applications: students enrolled (one per ENROLLED_AT)
and how many of them are disadvantaged, migrant, NESE, disadvantaged but not migrant,
and first-choice applications (APPLIED_TO with rank 1). The rule of what counts is the
one the reads used (a flag counts when it is true); only the moment of counting moved.

Imports keep the counts current inside their own transaction: each statement that writes
enrolments or applications returns what it added or changed, a families import first
reads the enrolments whose family's flags it changes, and `add` writes the sum once at
the end. An import rolled back takes its count changes with it.

A tenant whose counts were never built (data written before they existed) gets them
rebuilt from the family rows (`recount`) by `imant graph recount`, and by the first import
that would otherwise add to counts that are not there.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

import neo4j

from graph.queries import family_counts as q

LAYOUT = 1  # bumped when the counts' properties change: `graph recount` rebuilds them
FIELDS = ("enrolled", "disadvantaged", "migrant", "nese", "disadvantaged_not_migrant",
          "first_choices")
FLAGS = ("disadvantaged", "migrant", "nese")


def student(disadvantaged: object, migrant: object, nese: object) -> tuple[int, ...]:
    """What one enrolled student adds to the counts, by the family's flags."""
    d, m, n = disadvantaged is True, migrant is True, nese is True
    return (1, int(d), int(m), int(n), int(d and not m), 0)


class Changes:
    """Count changes per (school, year), added up over an import's batches."""

    def __init__(self) -> None:
        self._by: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0] * len(FIELDS))

    def add(self, school: str, year: int, change: Sequence[int], sign: int = 1) -> None:
        row = self._by[(school, int(year))]
        for i, value in enumerate(change):
            row[i] += sign * value

    def enrolled(self, rows: Iterable[Sequence]) -> None:
        """[school, year, disadvantaged, migrant, nese] of each enrolment added."""
        for school, year, *flags in rows:
            self.add(school, year, student(*flags))

    def first_choices(self, rows: Iterable[Sequence]) -> None:
        """[school, year, +1 or -1] of each application that became or stopped being a
        first choice."""
        for school, year, change in rows:
            self.add(school, year, (0, 0, 0, 0, 0, int(change)))

    def refiled(self, enrolments: Iterable[Mapping], flags: Mapping[str, Mapping]) -> None:
        """Enrolments (family, school, year and the family's old flags) of families whose
        flags become `flags[family]`: each moves from the old groups to the new."""
        for e in enrolments:
            old = student(*(e[f] for f in FLAGS))
            new = student(*(flags[e["family"]].get(f) for f in FLAGS))
            if old != new:
                self.add(e["school"], e["year"], old, sign=-1)
                self.add(e["school"], e["year"], new)

    def rows(self) -> list[dict]:
        """The non-zero changes, as ADD_FAMILY_COUNTS rows."""
        return [{"key": f"{school}:{year}", "school": school, "year": year,
                 **dict(zip(FIELDS, change, strict=True))}
                for (school, year), change in sorted(self._by.items()) if any(change)]


def enrolments_of(tx: neo4j.ManagedTransaction, *, tenant: str,
                  keys: Sequence[str]) -> list[dict]:
    """Every enrolment of the families `keys`, with the flags those families hold now."""
    return [r.data() for r in tx.run(q.FAMILY_ENROLMENT_FLAGS, tenant=tenant, keys=list(keys))]


def add(tx: neo4j.ManagedTransaction, *, tenant: str, changes: Changes,
        batch_size: int = 5_000) -> None:
    """Add `changes` to the tenant's counts (rebuilding them all if they were never built:
    the rebuild reads the rows this transaction has just written)."""
    rows = changes.rows()
    if not rows:
        return
    if layout(tx, tenant=tenant) != LAYOUT:
        recount(tx, tenant=tenant)
        return
    _write(tx, tenant, rows, batch_size)


def layout(tx: neo4j.ManagedTransaction, *, tenant: str) -> int | None:
    record = tx.run(q.READ_COUNTS_LAYOUT, tenant=tenant).single()
    return None if record is None else record["layout"]


def recount(tx: neo4j.ManagedTransaction, *, tenant: str, batch_size: int = 5_000) -> int:
    """Rebuild every count of the tenant from its family rows; returns how many there are."""
    changes = Changes()
    for r in tx.run(q.RECOUNT_ENROLMENTS, tenant=tenant):
        changes.add(r["school"], r["year"], [int(r[f] or 0) for f in FIELDS[:-1]] + [0])
    changes.first_choices((r["school"], r["year"], r["first_choices"])
                          for r in tx.run(q.RECOUNT_FIRST_CHOICES, tenant=tenant))
    tx.run(q.DELETE_FAMILY_COUNTS, tenant=tenant).consume()
    rows = changes.rows()
    _write(tx, tenant, rows, batch_size)
    tx.run(q.SET_COUNTS_LAYOUT, tenant=tenant, layout=LAYOUT).consume()
    return len(rows)


def _write(tx: neo4j.ManagedTransaction, tenant: str, rows: list[dict], batch_size: int) -> None:
    for start in range(0, len(rows), batch_size):
        tx.run(q.ADD_FAMILY_COUNTS, tenant=tenant, rows=rows[start:start + batch_size]).consume()


def read_all(tx: neo4j.ManagedTransaction, *, tenant: str) -> dict[tuple[str, int], dict]:
    """Every stored count of the tenant, by (school, year)."""
    return {(r["school"], int(r["year"])): {f: int(r[f]) for f in FIELDS}
            for r in tx.run(q.READ_FAMILY_COUNTS, tenant=tenant)}
