"""Tenant navigation: features register their pages on the app; each user sees those their
role allows."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app, g, url_for

KEY = "imant.navigation"  # app.extensions[KEY]: the app's NavItems, in menu order


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    permission: str
    hint: str = ""
    order: int = 50


def register(app: Flask, *, label: str, endpoint: str, permission: str, hint: str = "",
             order: int = 50) -> None:
    """Add a tenant page to the app's navigation (once per endpoint)."""
    items: list[NavItem] = app.extensions.setdefault(KEY, [])
    if all(item.endpoint != endpoint for item in items):
        items.append(NavItem(label, endpoint, permission, hint, order))
        items.sort(key=lambda item: (item.order, item.label))


def items_for_request() -> list[dict]:
    access = g.get("access")
    if access is None:
        return []
    return [{"label": i.label, "hint": i.hint, "url": url_for(i.endpoint, slug=access.tenant.slug)}
            for i in current_app.extensions.get(KEY, []) if access.can(i.permission)]


def init_app(app: Flask) -> None:
    app.extensions.setdefault(KEY, [])
    app.jinja_env.globals["tenant_nav_items"] = items_for_request
