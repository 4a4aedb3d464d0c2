"""What the network services share: pages, keys, audited writes, the caller's scope."""
from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_babel import gettext as _

from app import audit, cache, labels
from app.extensions import db, graph
from app.models import Role, User
from app.network.parsers import Field, error, raise_invalid, validate
from app.paging import Page
from app.tenancy import Access
from domain.integrity import Problem
from graph.alliances import get_alliance
from graph.errors import Forbidden, NotFound

T = TypeVar("T")


def read_page(fn: Callable[..., dict], *, access: Access, page: int, per_page: int,
              **params: Any) -> Page:
    """Run a graph list function for one page (kept per data version: a list's page is
    the same for every reader of the programme until its next write)."""
    result = cache.read(fn, tenant=access.tenant.slug, skip=(page - 1) * per_page,
                        limit=per_page, **params)
    return Page(items=result["items"], total=result["total"], page=page, per_page=per_page)


def read_one(fn: Callable[..., dict | None], *, access: Access, what: str, key: str,
             **params: Any) -> dict:
    """Run a graph get function; NotFound when there is no such node."""
    found = graph.read(fn, tenant=access.tenant.slug, key=key, **params)
    if found is None:
        raise NotFound(_("No %(what)s with key %(key)r.", what=what, key=key))
    return found


def search_text(q: str | None) -> str | None:
    """Name searches are case-insensitive."""
    return q.strip().lower() or None if q else None


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def new_key(*, given: str | None, hint: str, prefix: str) -> str:
    """The client's key, or one made from `hint` plus a short random suffix."""
    if given:
        return given
    stem = slugify(hint)[:48].strip("-") or prefix
    return f"{stem}-{secrets.token_hex(3)}"


class Before:
    """A check run inside the write transaction: remembers the state it saw (for the
    audit trail) and applies the given rules to it."""

    def __init__(self, *rules: Callable[[dict], None]) -> None:
        self.rules = rules
        self.value: dict | None = None

    def __call__(self, current: dict) -> None:
        self.value = current
        for rule in self.rules:
            rule(current)


def write(fn: Callable[..., T], *, access: Access, action: str, target: str,
          before: Before | dict | None = None, deleted: bool = False,
          summary: Callable[[T], dict] | None = None, **params: Any) -> T:
    """Run a graph write and record its audit event in the same graph transaction.

    The audit's `after` is the write's result (or `summary(result)`); with deleted=True
    the result is what was removed and becomes `before`.
    """
    def describe(result: T) -> tuple[dict | None, dict | None]:
        seen = before.value if isinstance(before, Before) else before
        after = summary(result) if summary else result if isinstance(result, dict) else None
        return (after, None) if deleted else (seen, after)

    return audit.audited_write(fn, tenant=access.tenant, user_id=access.user_id,
                               action=action, target=target, describe=describe, **params)


def actor_email(access: Access) -> str | None:
    user = db.session.get(User, access.user_id) if access.user_id is not None else None
    return user.email if user is not None else None


def scoped_filter(access: Access, role: Role, name: str, given: str | None) -> str | None:
    """The filter value a scoped caller is held to: their own key (asking for another's
    is refused); unchanged for everyone else."""
    if access.role is not role:
        return given
    if given is not None and given != access.scope_key:
        raise Forbidden(_("As a %(role)s user you see only your own %(what)s (%(key)s).",
                          role=role.value, what=name, key=access.scope_key))
    return access.scope_key


SCOPE_FIELDS = {Role.PARTNER: "partner", Role.MUNICIPALITY: "municipality",
                Role.SCHOOL: "school"}


def require_alliance_in_scope(access: Access, alliance: str | None) -> None:
    """A scoped caller filtering by an alliance must be naming one of their own
    (their partner's, their school's, or one of a school in their municipality)."""
    field_ = SCOPE_FIELDS.get(access.role)
    if alliance is None or field_ is None:
        return
    found = graph.read(get_alliance, tenant=access.tenant.slug, key=alliance)
    if found is not None and found.get(field_) != access.scope_key:
        raise Forbidden(_("Alliance %(key)s is outside your scope.", key=alliance))


def update_action(entity: str, values: dict[str, Any]) -> str:
    """'x.archive' / 'x.unarchive' when only the archived flag changes, else 'x.update'."""
    if set(values) == {"archived"}:
        return f"{entity}.{'archive' if values['archived'] else 'unarchive'}"
    return f"{entity}.update"


def delete(fn: Callable[..., dict], *, access: Access, entity: str, key: str,
           **params: Any) -> None:
    """Run a graph delete, audited as '<entity>.delete' with what was removed."""
    write(fn, access=access, action=f"{entity}.delete", target=f"{entity}:{key}",
          deleted=True, key=key, **params)


# ---- municipalities, zones, schools and partners -----------------------------------------

@dataclass(frozen=True)
class Entity:
    """A municipality, zone, school or partner: its key is made from its name when left
    out, it is archived rather than deleted while anything depends on it, and it may hang
    off one `parent` (a zone's municipality, a school's zone) that can be changed."""

    name: str
    fields: tuple[Field, ...]
    get: Callable[..., dict | None]
    create: Callable[..., dict]
    update: Callable[..., dict]
    delete: Callable[..., dict]
    parent: str | None = None


def get_entity(entity: Entity, *, access: Access, key: str) -> dict:
    access.require("network.view")
    return read_one(entity.get, access=access, what=entity.name, key=key)


def create_entity(entity: Entity, *, access: Access, data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    values = validate(data, entity.fields)
    key = new_key(given=values.pop("key", None), hint=values["name"], prefix=entity.name)
    parent = {entity.parent: values.pop(entity.parent)} if entity.parent else {}
    values.setdefault("archived", False)
    return write(entity.create, access=access, action=f"{entity.name}.create",
                 target=f"{entity.name}:{key}", key=key, props=values, **parent)


def save_entity(entity: Entity, *, access: Access, key: str, values: dict[str, Any]) -> dict:
    """Write changes already validated and allowed; moving to another parent is an
    update, changing only the archived flag an archive or unarchive."""
    parent = values.pop(entity.parent, None) if entity.parent else None
    before = Before()
    action = update_action(entity.name, values) if parent is None else f"{entity.name}.update"
    return write(entity.update, access=access, action=action, target=f"{entity.name}:{key}",
                 before=before, key=key, props=values, check=before,
                 **({entity.parent: parent} if entity.parent else {}))


def update_entity(entity: Entity, *, access: Access, key: str,
                  data: Mapping[str, Any]) -> dict:
    access.require("network.edit")
    return save_entity(entity, access=access, key=key,
                       values=validate(data, entity.fields, partial=True))


def delete_entity(entity: Entity, *, access: Access, key: str) -> None:
    access.require("network.edit")
    delete(entity.delete, access=access, entity=entity.name, key=key)


def refuse(*problems: Problem | None) -> None:
    """Raise Invalid naming the field, value and allowed range of each broken rule."""
    raise_invalid([error(p.field, p.value, labels.reason(p)) for p in problems if p is not None])
