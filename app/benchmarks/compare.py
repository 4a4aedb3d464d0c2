"""Before and after: a run of `imant bench serve` saved as JSON, and printed beside another."""
from __future__ import annotations

import json
from pathlib import Path

from app.benchmarks.stats import cell

# (summary field, column title, digits)
COLUMNS = (("p95_ms", "p95 ms", 1), ("ratio", "p95/healthz", 2), ("rps", "req/s", 1),
           ("errors", "errors", 0))


def save(path: Path, *, rows: list[tuple[str, dict]], about: dict) -> None:
    """Write a run's per-endpoint summaries and what it ran against."""
    path.write_text(json.dumps({"about": about, "endpoints": dict(rows)}, indent=2) + "\n")


def read(path: Path) -> dict:
    """A saved run; ValueError when the file is not one."""
    data = json.loads(path.read_text())
    if not isinstance(data, dict) or not isinstance(data.get("endpoints"), dict):
        raise ValueError(f"{path} is not a saved `imant bench serve` run")
    return data


def table(before: dict, rows: list[tuple[str, dict]]) -> list[str]:
    """Per endpoint, each column before → after; endpoints missing from a run show n/a."""
    titles = "".join(f"{title + ' before':>20}{'after':>10}" for _, title, _ in COLUMNS)
    lines = [f"{'endpoint':<22}{titles}"]
    saved = before["endpoints"]
    for name, now in rows:
        then = saved.get(name, {})
        cells = "".join(f"{cell(then.get(key), digits):>20}{cell(now.get(key), digits):>10}"
                        for key, _, digits in COLUMNS)
        lines.append(f"{name:<22}{cells}")
    about = before.get("about", {})
    lines.append(f"before: {about.get('when', '?')}, {about.get('clients', '?')} clients, "
                 f"{about.get('server', '?')}, load average {about.get('load_average', '?')}")
    return lines
