"""Tenant navigation: features register their pages on the app, each in a group; each user
sees those their role allows.

The header shows the groups in GROUPS order: a group with one page the user may open is a
plain link, one with several a disclosure menu (<details>, no script needed)."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from flask import Flask, current_app, g, request, url_for
from flask_babel import lazy_gettext as _l

KEY = "imant.navigation"  # app.extensions[KEY]: the app's NavItems, in menu order


class Group(StrEnum):
    """Where a page sits in the header, in this order."""

    NETWORK = "network"
    PLAN = "plan"
    INDICATORS = "indicators"
    REPORTS = "reports"
    ADMIN = "admin"


GROUP_LABELS = {Group.NETWORK: _l("Network"), Group.PLAN: _l("Plan"),
                Group.INDICATORS: _l("Indicators"), Group.REPORTS: _l("Reports"),
                Group.ADMIN: _l("Admin")}


@dataclass(frozen=True)
class NavItem:
    label: str
    endpoint: str
    permission: str
    hint: str = ""
    order: int = 50
    group: Group = Group.NETWORK


def register(app: Flask, *, label: str, endpoint: str, permission: str, group: Group | str,
             hint: str = "", order: int = 50) -> None:
    """Add a tenant page to the app's navigation, in `group` (once per endpoint)."""
    items: list[NavItem] = app.extensions.setdefault(KEY, [])
    if all(item.endpoint != endpoint for item in items):
        items.append(NavItem(label, endpoint, permission, hint, order, Group(group)))
        # by endpoint on a tie: a label may be a lazy translation, unreadable outside requests
        items.sort(key=lambda item: (item.order, item.endpoint))


def items_for_request() -> list[dict]:
    """The pages the current user may open, in menu order (label, hint, url, group)."""
    access = g.get("access")
    if access is None:
        return []
    return [{"label": i.label, "hint": i.hint, "group": i.group,
             "url": url_for(i.endpoint, slug=access.tenant.slug),
             "current": request.endpoint == i.endpoint}
            for i in current_app.extensions.get(KEY, []) if access.can(i.permission)]


def groups_for_request() -> list[dict]:
    """The same pages by group, in GROUPS order; groups without a page left out."""
    items = items_for_request()
    out = []
    for group in Group:
        inside = [item for item in items if item["group"] == group]
        if inside:
            out.append({"key": group.value, "label": GROUP_LABELS[group], "items": inside,
                        "current": any(item["current"] for item in inside)})
    return out


def init_app(app: Flask) -> None:
    app.extensions.setdefault(KEY, [])
    app.jinja_env.globals["tenant_nav_items"] = items_for_request
    app.jinja_env.globals["tenant_nav_groups"] = groups_for_request
