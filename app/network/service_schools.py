"""Schools and partner institutions: read by every network role; changed by coordinators,
and a school team may keep its own school's profile (name, entry places)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.models import Role
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
from app.network.schemas import (
    PARTNER_FIELDS,
    SCHOOL_FIELDS,
    SCHOOL_PROFILE_FIELDS,
    validate,
)
from app.tenancy import Access
from graph import partners, schools
from graph.errors import Forbidden


def list_schools(*, access: Access, municipality: str | None = None, zone: str | None = None,
                 level: str | None = None, q: str | None = None, archived: bool = False,
                 page: int = 1, per_page: int = 50) -> Page:
    """Schools by name, each with zone, municipality and its active alliance (if any)."""
    access.require("network.view")
    return read_page(schools.list_schools, access=access, page=page, per_page=per_page,
                     municipality=municipality, zone=zone, level=level, q=search_text(q),
                     archived=archived)


def get_school(*, access: Access, key: str) -> dict:
    access.require("network.view")
    return read_one(schools.get_school, access=access, what="school", key=key)


def create_school(*, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, SCHOOL_FIELDS)
    key = new_key(given=values.pop("key", None), hint=values["name"], prefix="school")
    zone = values.pop("zone")
    values.setdefault("archived", False)
    return write(schools.create_school, access=access, action="school.create",
                 target=f"school:{key}", key=key, zone=zone, props=values)


def update_school(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    """Coordinators change anything but the key; a school team only its own name and
    entry places."""
    access.require("network.view")
    coordinator = access.can("network.edit")
    if not coordinator and not access.owns(Role.SCHOOL, key):
        raise Forbidden("Only coordinators, or the school's own team, may change a school.")
    values = validate(data, SCHOOL_FIELDS, partial=True)
    if not coordinator and set(values) - SCHOOL_PROFILE_FIELDS:
        raise Forbidden("A school team may change only its school's "
                        f"{' and '.join(sorted(SCHOOL_PROFILE_FIELDS))}; ask a coordinator "
                        f"for {', '.join(sorted(set(values) - SCHOOL_PROFILE_FIELDS))}.")
    zone = values.pop("zone", None)
    before = Before()
    action = update_action("school", values) if zone is None else "school.update"
    return write(schools.update_school, access=access, action=action, target=f"school:{key}",
                 before=before, key=key, props=values, zone=zone, check=before)


def archive_school(*, access: Access, key: str, archived: bool = True) -> dict:
    access.require("network.edit")
    return update_school(access=access, key=key, data={"archived": archived})


def delete_school(*, access: Access, key: str) -> None:
    """Delete a school nothing depends on (alliances, measures, figures, family links)."""
    access.require("network.edit")
    write(schools.delete_school, access=access, action="school.delete",
          target=f"school:{key}", deleted=True, key=key)


def list_partners(*, access: Access, kind: str | None = None, q: str | None = None,
                  archived: bool = False, page: int = 1, per_page: int = 50) -> Page:
    access.require("network.view")
    return read_page(partners.list_partners, access=access, page=page, per_page=per_page,
                     kind=kind, q=search_text(q), archived=archived)


def get_partner(*, access: Access, key: str) -> dict:
    access.require("network.view")
    return read_one(partners.get_partner, access=access, what="partner", key=key)


def create_partner(*, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, PARTNER_FIELDS)
    key = new_key(given=values.pop("key", None), hint=values["name"], prefix="partner")
    values.setdefault("archived", False)
    return write(partners.create_partner, access=access, action="partner.create",
                 target=f"partner:{key}", key=key, props=values)


def update_partner(*, access: Access, key: str, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, PARTNER_FIELDS, partial=True)
    before = Before()
    return write(partners.update_partner, access=access,
                 action=update_action("partner", values), target=f"partner:{key}",
                 before=before, key=key, props=values, check=before)


def archive_partner(*, access: Access, key: str, archived: bool = True) -> dict:
    return update_partner(access=access, key=key, data={"archived": archived})


def delete_partner(*, access: Access, key: str) -> None:
    """Delete a partner with no alliances."""
    access.require("network.edit")
    write(partners.delete_partner, access=access, action="partner.delete",
          target=f"partner:{key}", deleted=True, key=key)
