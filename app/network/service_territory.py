"""Municipalities and zones (reference territories): read by every network role,
changed by coordinators."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.network.common import (
    Before,
    Page,
    new_key,
    read_one,
    read_page,
    search_text,
    update_action,
    write,
)
from app.network.schemas import MUNICIPALITY_FIELDS, ZONE_FIELDS, validate
from app.tenancy import Access
from graph import territory


def list_municipalities(*, access: Access, q: str | None = None, archived: bool = False,
                        page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(territory.list_municipalities, access=access, page=page,
                     per_page=per_page, q=search_text(q), archived=archived)


def get_municipality(*, access: Access, key: str) -> dict:
    """A municipality with its zones and its numbers of schools and measures."""
    access.require("network.view")
    return read_one(territory.get_municipality, access=access, what="municipality", key=key)


def create_municipality(*, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, MUNICIPALITY_FIELDS)
    key = new_key(given=values.pop("key", None), hint=values["name"], prefix="municipality")
    values.setdefault("archived", False)
    return write(territory.create_municipality, access=access, action="municipality.create",
                 target=f"municipality:{key}", key=key, props=values)


def update_municipality(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change name, code or the archived flag."""
    access.require("network.edit")
    values = validate(data, MUNICIPALITY_FIELDS, partial=True)
    before = Before()
    return write(territory.update_municipality, access=access,
                 action=update_action("municipality", values), target=f"municipality:{key}",
                 before=before, key=key, props=values, check=before)


def archive_municipality(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_municipality(access=access, key=key, data={"archived": archived})


def delete_municipality(*, access: Access, key: str) -> None:
    """Delete a municipality with no zones and no measures (Conflict names them)."""
    access.require("network.edit")
    write(territory.delete_municipality, access=access, action="municipality.delete",
          target=f"municipality:{key}", deleted=True, key=key)


def list_zones(*, access: Access, municipality: str | None = None, q: str | None = None,
               archived: bool = False, page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(territory.list_zones, access=access, page=page, per_page=per_page,
                     municipality=municipality, q=search_text(q), archived=archived)


def get_zone(*, access: Access, key: str) -> dict:
    access.require("network.view")
    return read_one(territory.get_zone, access=access, what="zone", key=key)


def create_zone(*, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, ZONE_FIELDS)
    key = new_key(given=values.pop("key", None), hint=values["name"], prefix="zone")
    municipality = values.pop("municipality")
    values.setdefault("archived", False)
    return write(territory.create_zone, access=access, action="zone.create",
                 target=f"zone:{key}", key=key, municipality=municipality, props=values)


def update_zone(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change name, archived flag or the municipality the zone is part of."""
    access.require("network.edit")
    values = validate(data, ZONE_FIELDS, partial=True)
    municipality = values.pop("municipality", None)
    before = Before()
    action = update_action("zone", values) if municipality is None else "zone.update"
    return write(territory.update_zone, access=access, action=action, target=f"zone:{key}",
                 before=before, key=key, props=values, municipality=municipality,
                 check=before)


def archive_zone(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_zone(access=access, key=key, data={"archived": archived})


def delete_zone(*, access: Access, key: str) -> None:
    """Delete a zone with no schools and no families living in it."""
    access.require("network.edit")
    write(territory.delete_zone, access=access, action="zone.delete", target=f"zone:{key}",
          deleted=True, key=key)
