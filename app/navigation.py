"""Tenant navigation: features register their pages; each user sees those their role allows."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, g, url_for


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    permission: str
    hint: str = ""
    order: int = 50


_ITEMS: list[NavItem] = []


def register(*, label: str, endpoint: str, permission: str, hint: str = "",
             order: int = 50) -> None:
    """Add a tenant page to the navigation (once per endpoint)."""
    if all(item.endpoint != endpoint for item in _ITEMS):
        _ITEMS.append(NavItem(label, endpoint, permission, hint, order))
        _ITEMS.sort(key=lambda item: (item.order, item.label))


def items_for_request() -> list[dict]:
    access = g.get("access")
    if access is None:
        return []
    return [{"label": i.label, "hint": i.hint, "url": url_for(i.endpoint, slug=access.tenant.slug)}
            for i in _ITEMS if access.can(i.permission)]


def init_app(app: Flask) -> None:
    app.jinja_env.globals["tenant_nav_items"] = items_for_request
