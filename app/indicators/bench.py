"""In-memory timing of the grouped indicators on random schools and territories."""

from __future__ import annotations

import time

import numpy as np

from domain.indices import mutual_information_by_territory, segregation_by_territory

FOCUS_GROUPS = ("disadvantaged", "migrant", "nese")


def bench_in_memory(*, schools: int, municipalities: int, seed: int = 1) -> dict[str, object]:
    """Time every index, every territory and every focus group for one year of random counts."""
    if municipalities < 1 or schools < municipalities:
        raise ValueError("need at least one school per municipality")
    territory_ids, totals, focus = _random_year(
        schools=schools, municipalities=municipalities, seed=seed
    )
    start = time.perf_counter()
    undefined = {}
    for group in FOCUS_GROUPS:
        a = focus[group]
        b = totals - a
        table = segregation_by_territory(territory_ids=territory_ids, a=a, b=b)
        mutual_information_by_territory(territory_ids=territory_ids, counts=np.column_stack((a, b)))
        undefined[group] = int(np.count_nonzero(table.reason))
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "territories": int(np.unique(territory_ids).size),
        "schools": schools,
        "focus_groups": len(FOCUS_GROUPS),
        "undefined_D": undefined,
    }


def _random_year(
    *, schools: int, municipalities: int, seed: int
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """Territory id, enrolment and focus-group counts per school, with skewed territory sizes."""
    rng = np.random.default_rng(seed)
    # Every municipality gets one school; the rest go mostly to a few large ones.
    size_weights = rng.pareto(1.2, municipalities) + 1e-3
    extra = rng.choice(
        municipalities, size=schools - municipalities, p=size_weights / size_weights.sum()
    )
    territory_ids = rng.permutation(np.concatenate((np.arange(municipalities), extra)))
    totals = rng.integers(0, 900, size=schools)
    shares = {"disadvantaged": (2.0, 5.0), "migrant": (1.5, 6.0), "nese": (1.0, 12.0)}
    focus = {g: rng.binomial(totals, rng.beta(*shares[g], size=schools)) for g in FOCUS_GROUPS}
    return territory_ids, totals, focus
