"""Municipalities and zones (reference territories): read by every network role,
changed by coordinators."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.network.schemas import MUNICIPALITY_FIELDS, ZONE_FIELDS
from app.network.service_support import (
    Entity,
    Page,
    create_entity,
    delete_entity,
    get_entity,
    read_page,
    search_text,
    update_entity,
)
from app.tenancy import Access
from graph import territory

MUNICIPALITY = Entity("municipality", MUNICIPALITY_FIELDS, territory.get_municipality,
                      territory.create_municipality, territory.update_municipality,
                      territory.delete_municipality)
ZONE = Entity("zone", ZONE_FIELDS, territory.get_zone, territory.create_zone,
              territory.update_zone, territory.delete_zone, parent="municipality")


def list_municipalities(*, access: Access, q: str | None = None, archived: bool = False,
                        page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(territory.list_municipalities, access=access, page=page,
                     per_page=per_page, q=search_text(q), archived=archived)


def get_municipality(*, access: Access, key: str) -> dict:
    """A municipality with its zones and its numbers of schools and measures."""
    return get_entity(MUNICIPALITY, access=access, key=key)


def create_municipality(*, access: Access, data: Mapping[str, Any]) -> dict:
    return create_entity(MUNICIPALITY, access=access, data=data)


def update_municipality(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change name, code or the archived flag."""
    return update_entity(MUNICIPALITY, access=access, key=key, data=data)


def archive_municipality(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_municipality(access=access, key=key, data={"archived": archived})


def delete_municipality(*, access: Access, key: str) -> None:
    """Delete a municipality with no zones and no measures (Conflict names them)."""
    delete_entity(MUNICIPALITY, access=access, key=key)


def list_zones(*, access: Access, municipality: str | None = None, q: str | None = None,
               archived: bool = False, page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(territory.list_zones, access=access, page=page, per_page=per_page,
                     municipality=municipality, q=search_text(q), archived=archived)


def get_zone(*, access: Access, key: str) -> dict:
    return get_entity(ZONE, access=access, key=key)


def create_zone(*, access: Access, data: Mapping[str, Any]) -> dict:
    return create_entity(ZONE, access=access, data=data)


def update_zone(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Change name, archived flag or the municipality the zone is part of."""
    return update_entity(ZONE, access=access, key=key, data=data)


def archive_zone(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_zone(access=access, key=key, data={"archived": archived})


def delete_zone(*, access: Access, key: str) -> None:
    """Delete a zone with no schools and no families living in it."""
    delete_entity(ZONE, access=access, key=key)
