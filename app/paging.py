"""One page of a list: what every paginated answer (API and pages) returns."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One page of a list, with the total over every page and any per-list extras."""

    items: list[dict]
    total: int
    page: int
    per_page: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def to_dict(self) -> dict[str, Any]:
        return {"items": self.items, "total": self.total, "page": self.page,
                "per_page": self.per_page, "pages": self.pages, **self.extra}

    def about(self) -> dict[str, int]:
        """The page without its items (beside lists cut to the same page)."""
        return {"total": self.total, "page": self.page, "per_page": self.per_page,
                "pages": self.pages}


def of_rows(rows: Sequence[dict], *, page: int, per_page: int) -> Page:
    """Page `page` (from 1) of rows already in their order."""
    start = (page - 1) * per_page
    return Page(items=list(rows[start:start + per_page]), total=len(rows), page=page,
                per_page=per_page)
