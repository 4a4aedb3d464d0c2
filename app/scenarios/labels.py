"""The words the what-if pages show for a scenario's codes, in the reader's language."""
from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.labels import group_label

MECHANISMS = {"boston": _l("Immediate acceptance (Boston)"),
              "deferred_acceptance": _l("Deferred acceptance")}
LEVELS = {"primary": _l("P3 (primary)"), "secondary": _l("First of ESO (secondary)")}
POINT_SOURCES = {"applications": _l("the points the administration gave each application"),
                 "derived": _l("points derived from each family's zone, siblings and "
                               "socio-economic flag (no points were imported)"),
                 "mixed": _l("imported points where given, derived points elsewhere")}
GROUPS = ("all", "nese", "disadvantaged", "migrant")
INDICES = ("D", "xPx", "H")


def mechanism(code: str | None) -> str:
    return str(MECHANISMS.get(code or "boston", code))


def level(code: str | None) -> str:
    return str(LEVELS.get(code or "", code))


def point_source(code: str | None) -> str:
    return str(POINT_SOURCES.get(code or "", code))


def group(code: str) -> str:
    return _("All applicants") if code == "all" else group_label(code)


def measures(found: dict[str, Any], names: dict[str, str]) -> list[str]:
    """Each measure of a scenario in one sentence ("none" when it is the baseline)."""
    out = []
    reserve = found.get("reserve")
    if reserve:
        where = (", ".join(names.get(k, k) for k in reserve.get("schools") or [])
                 or _("every school"))
        out.append(_("%(places)s places per school reserved for %(group)s at %(where)s",
                     places=reserve["places"], group=group_label(reserve["group"]),
                     where=where))
    for school, zone in found.get("zones_add") or []:
        out.append(_("%(zone)s becomes a proximity area of %(school)s",
                     school=names.get(school, school), zone=names.get(zone, zone)))
    for school, zone in found.get("zones_remove") or []:
        out.append(_("%(zone)s stops being a proximity area of %(school)s",
                     school=names.get(school, school), zone=names.get(zone, zone)))
    for school, change in sorted((found.get("places") or {}).items()):
        out.append(_("%(school)s offers %(change)+d places", school=names.get(school, school),
                     change=change))
    return out
