"""A tiny trend line drawn on the server as SVG points (no charting library, no script)."""
from __future__ import annotations

from collections.abc import Sequence


def sparkline(values: Sequence[float | None], *, width: int = 120, height: int = 32,
              pad: int = 4) -> dict | None:
    """The polyline points of `values` scaled into width × height (a missing value leaves
    its place empty), or None with fewer than two known values."""
    known = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(known) < 2:
        return None
    low, high = min(v for _i, v in known), max(v for _i, v in known)
    span = (high - low) or 1.0
    step = (width - 2 * pad) / (len(values) - 1)
    points = [(pad + i * step, pad + (height - 2 * pad) * (1 - (v - low) / span))
              for i, v in known]
    return {"width": width, "height": height,
            "points": " ".join(f"{x:.1f},{y:.1f}" for x, y in points),
            "last": points[-1], "first_value": known[0][1], "last_value": known[-1][1]}
