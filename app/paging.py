"""One page of a list: what every paginated answer (API and pages) returns."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from graph.errors import Invalid

MAX_PER_PAGE = 200


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


def arguments(args: Mapping[str, str], *, per_page: int) -> tuple[int, int]:
    """(page, per_page) from a query string; a bad value is refused naming the field."""
    return (_whole(args, "page", 1, 100_000, default=1),
            _whole(args, "per_page", 1, MAX_PER_PAGE, default=per_page))


def _whole(args: Mapping[str, str], name: str, low: int, high: int, *, default: int) -> int:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    if not (raw.isascii() and raw.isdigit()) or not low <= int(raw) <= high:
        raise Invalid(_("%(name)s must be a whole number from %(low)s to %(high)s.",
                        name=name, low=low, high=high),
                      errors=[{"field": name, "value": raw,
                               "reason": _("not a whole number from %(low)s to %(high)s",
                                           low=low, high=high)}])
    return int(raw)
