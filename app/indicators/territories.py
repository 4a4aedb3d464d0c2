"""Territories: resolving a key to a zone, a municipality or the whole programme."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from app.cache import per_data_version
from app.extensions import graph
from graph import indicators as gi
from graph.errors import Invalid, NotFound

PROGRAMME = "programme"
PREFIXES = ("zone", "municipality")


@dataclass(frozen=True)
class Territory:
    """A reference territory: level, key (None for the programme), name, parent municipality."""

    level: str
    key: str | None
    name: str
    municipality: str | None = None
    municipality_name: str | None = None

    @property
    def id(self) -> str:
        """The key callers use: "programme", or the zone's or municipality's key."""
        return PROGRAMME if self.level == PROGRAMME else str(self.key)

    def as_dict(self) -> dict:
        return {"key": self.id, "name": self.name, "level": self.level,
                "municipality": self.municipality}


def resolve(*, tenant: str, territory: str, programme_name: str) -> Territory:
    """The territory named by `territory`: "programme", a municipality key or a zone key.

    A bare key is looked up as a municipality first, then as a zone; "zone:<key>"
    or "municipality:<key>" picks one when both share a key.
    """
    text = (territory or "").strip()
    if not text:
        raise Invalid(_("Give a territory: a zone key, a municipality key or 'programme'."),
                      errors=[{"field": "territory", "value": territory,
                               "reason": _("required")}])
    if text == PROGRAMME:
        return Territory(level=PROGRAMME, key=None, name=programme_name)
    level, _colon, key = text.partition(":")
    if level not in PREFIXES or not key:
        level, key = "", text
    found = graph.read(gi.find_territory, tenant=tenant, key=key)
    if found.get("municipality") and level in ("", "municipality"):
        return Territory(level="municipality", key=key, name=found["municipality_name"] or key,
                         municipality=key, municipality_name=found["municipality_name"])
    if found.get("zone") and level in ("", "zone"):
        return Territory(level="zone", key=key, name=found["zone_name"] or key,
                         municipality=found.get("zone_municipality"),
                         municipality_name=found.get("zone_municipality_name"))
    raise NotFound(_("No territory %(name)r in this programme.", name=text))


def of_school(context: dict, *, level: str, programme_name: str) -> Territory:
    """A school's reference territory at `level` (zone by default; the programme if it has none)."""
    if level == "municipality" and context.get("municipality"):
        return Territory(level="municipality", key=context["municipality"],
                         name=context.get("municipality_name") or context["municipality"],
                         municipality=context["municipality"],
                         municipality_name=context.get("municipality_name"))
    if level == "zone" and context.get("zone"):
        return Territory(level="zone", key=context["zone"],
                         name=context.get("zone_name") or context["zone"],
                         municipality=context.get("municipality"),
                         municipality_name=context.get("municipality_name"))
    return Territory(level=PROGRAMME, key=None, name=programme_name)


@per_data_version
def list_all(*, tenant: str) -> dict[str, list[dict]]:
    """Municipalities with their zones, and zones outside any municipality."""
    return graph.read(gi.list_territories, tenant=tenant)
