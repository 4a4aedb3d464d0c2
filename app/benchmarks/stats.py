"""Latency percentiles and the per-endpoint table that `imant bench serve` prints."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

PERCENTILES = (50, 95, 99)


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0–100) by linear interpolation between closest ranks.

    The same rule as numpy's default ("linear"): position (n − 1)·q/100 in the sorted
    values, interpolated between its two neighbours. None for no values.
    """
    if not 0 <= q <= 100:
        raise ValueError(f"percentile out of range: {q}")
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass
class Tally:
    """What one endpoint saw: the latency of every answered request, and the errors."""

    latencies: list[float] = field(default_factory=list)  # seconds, successful requests only
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    def merge(self, other: Tally) -> None:
        self.latencies.extend(other.latencies)
        self.errors += other.errors
        for kind, n in other.error_kinds.items():
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + n


def summary(tally: Tally, *, seconds: float, reference_p95: float | None) -> dict:
    """Requests, errors, p50/p95/p99 (ms), requests/s and p95 ÷ the reference p95."""
    ps = {q: percentile(tally.latencies, q) for q in PERCENTILES}
    p95 = ps[95]
    ratio = p95 / reference_p95 if p95 is not None and reference_p95 else None
    return {"requests": tally.requests, "errors": tally.errors,
            **{f"p{q}_ms": None if v is None else v * 1000 for q, v in ps.items()},
            "rps": tally.requests / seconds if seconds > 0 else 0.0, "ratio": ratio}


HEADER = ("endpoint", "requests", "errors", "p50 ms", "p95 ms", "p99 ms", "req/s",
          "p95/healthz")
WIDTHS = (22, 9, 7, 9, 9, 9, 8, 12)


def cell(value: float | int | str | None, digits: int = 1) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def table(rows: list[tuple[str, dict]]) -> list[str]:
    """The printed table: a header and one line per (name, summary)."""
    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        return f"{first:<{WIDTHS[0]}}" + "".join(f"{c:>{w}}" for c, w in zip(
            rest, WIDTHS[1:], strict=True))

    out = [line(HEADER)]
    for name, s in rows:
        out.append(line((name, cell(s["requests"]), cell(s["errors"]), cell(s["p50_ms"]),
                         cell(s["p95_ms"]), cell(s["p99_ms"]), cell(s["rps"]),
                         cell(s["ratio"], 2))))
    return out
