"""Schools and partner institutions: read by every network role; changed by coordinators,
and a school team may keep its own school's profile (name, entry places)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _

from app.models import Role
from app.network.schemas import PARTNER_FIELDS, SCHOOL_FIELDS, SCHOOL_PROFILE_FIELDS, validate
from app.network.service_support import (
    Entity,
    Page,
    create_entity,
    delete_entity,
    get_entity,
    read_page,
    save_entity,
    search_text,
    update_entity,
)
from app.tenancy import Access
from graph import partners, schools
from graph.errors import Forbidden

SCHOOL = Entity("school", SCHOOL_FIELDS, schools.get_school, schools.create_school,
                schools.update_school, schools.delete_school, parent="zone")
PARTNER = Entity("partner", PARTNER_FIELDS, partners.get_partner, partners.create_partner,
                 partners.update_partner, partners.delete_partner)


def list_schools(*, access: Access, municipality: str | None = None, zone: str | None = None,
                 level: str | None = None, q: str | None = None, archived: bool = False,
                 page: int = 1, per_page: int = 50) -> Page:
    """Schools by name, each with zone, municipality and its active alliance (if any)."""
    access.require("network.view")
    return read_page(schools.list_schools, access=access, page=page, per_page=per_page,
                     municipality=municipality, zone=zone, level=level, q=search_text(q),
                     archived=archived)


def get_school(*, access: Access, key: str) -> dict:
    return get_entity(SCHOOL, access=access, key=key)


def create_school(*, access: Access, data: Mapping[str, Any]) -> dict:
    return create_entity(SCHOOL, access=access, data=data)


def update_school(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Coordinators change anything but the key; a school team only its own name and
    entry places."""
    access.require("network.view")
    coordinator = access.can("network.edit")
    if not coordinator and not access.owns(Role.SCHOOL, key):
        raise Forbidden(_("Only coordinators, or the school's own team, may change a school."))
    values = validate(data, SCHOOL_FIELDS, partial=True)
    if not coordinator and set(values) - SCHOOL_PROFILE_FIELDS:
        raise Forbidden(_("A school team may change only its school's %(allowed)s; ask a "
                          "coordinator for %(asked)s.",
                          allowed=" and ".join(sorted(SCHOOL_PROFILE_FIELDS)),
                          asked=", ".join(sorted(set(values) - SCHOOL_PROFILE_FIELDS))))
    return save_entity(SCHOOL, access=access, key=key, values=values)


def archive_school(*, access: Access, key: str, archived: bool = True) -> dict:
    access.require("network.edit")
    return update_school(access=access, key=key, data={"archived": archived})


def delete_school(*, access: Access, key: str) -> None:
    """Delete a school nothing depends on (alliances, measures, figures, family links)."""
    delete_entity(SCHOOL, access=access, key=key)


def list_partners(*, access: Access, kind: str | None = None, q: str | None = None,
                  archived: bool = False, page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(partners.list_partners, access=access, page=page, per_page=per_page,
                     kind=kind, q=search_text(q), archived=archived)


def get_partner(*, access: Access, key: str) -> dict:
    return get_entity(PARTNER, access=access, key=key)


def create_partner(*, access: Access, data: Mapping[str, Any]) -> dict:
    return create_entity(PARTNER, access=access, data=data)


def update_partner(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    return update_entity(PARTNER, access=access, key=key, data=data)


def archive_partner(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_partner(access=access, key=key, data={"archived": archived})


def delete_partner(*, access: Access, key: str) -> None:
    """Delete a partner with no alliances."""
    delete_entity(PARTNER, access=access, key=key)
