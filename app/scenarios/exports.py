"""A scenario's results as CSV: the baseline and the scenario side by side, one figure per
row, as disclosure control published them (a withheld figure reads "withheld").

Rows: ``level`` (territory or school), ``key`` and ``name`` of the place, ``figure``
(applicants, D, xPx, H, M, first_choice, any_choice, unassigned, intake), ``group``, then
the baseline's and the scenario's mean and 90% interval.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from domain.csv_safety import neutralise
from jobs.kinds import slug

HEADER = ("level", "key", "name", "figure", "group", "baseline_mean", "baseline_low",
          "baseline_high", "scenario_mean", "scenario_low", "scenario_high")
WITHHELD = "withheld"
GROUPS = ("all", "nese", "disadvantaged", "migrant")
INTAKE = {"total": "all", "nese": "nese", "disadvantaged": "disadvantaged",
          "migrant": "migrant"}


def file_name(*, scenario_id: int, name: str, fmt: str) -> str:
    """scenario-<id>-<name as ASCII words>.<fmt>"""
    return f"scenario-{scenario_id}-{slug(name) or 'what-if'}.{fmt}"


def csv_text(item: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for row in rows(item):
        writer.writerow([neutralise(v) for v in row])
    return out.getvalue()


def rows(item: dict[str, Any]) -> Iterator[list[Any]]:
    """Every published figure of the scenario's last run."""
    base, scen = item["results"]["baseline"], item["results"]["scenario"]
    where = ("territory", item["municipality"], item["names"].get(item["municipality"], ""))
    for g in GROUPS:
        yield [*where, "applicants", g, *_count(base["applicants"][g]), "", "",
               *_count(scen["applicants"][g]), "", ""]
    for g in ("nese", "disadvantaged", "migrant"):
        for name in ("D", "xPx", "H"):
            yield [*where, name, g, *_estimate(base["segregation"][g][name]),
                   *_estimate(scen["segregation"][g][name])]
    yield [*where, "M", "", *_estimate(base["M"]), *_estimate(scen["M"])]
    for figure in ("first_choice", "any_choice"):
        for g in GROUPS:
            yield [*where, figure, g, *_estimate(base[figure][g]), *_estimate(scen[figure][g])]
    yield [*where, "unassigned", "all", *_estimate(base["unassigned"]),
           *_estimate(scen["unassigned"])]
    for b, s in zip(base["schools"], scen["schools"], strict=True):
        for col, g in INTAKE.items():
            yield ["school", b["key"], b["name"], "intake", g, *_triple(b["intake"][col]),
                   *_triple(s["intake"][col])]


def _count(value: Any) -> list[Any]:
    return [WITHHELD if value is None else value]


def _estimate(e: dict[str, Any]) -> list[Any]:
    if e["mean"] is None:
        return [WITHHELD if (e.get("reason") or "").startswith(WITHHELD) else "", "", ""]
    return [e["mean"], e["low"], e["high"]]


def _triple(values: list[float] | None) -> list[Any]:
    return [WITHHELD, "", ""] if values is None else list(values)
