"""The words pages show for stored codes, in the reader's language.

An enum value's English label follows a rule (graph.model.label: "early_implementation"
-> "Early implementation"), so it is written nowhere; here each one is marked for the
catalogues. Domain words written once in graph/ and domain/ (measure, group and
contribution kind labels) are marked there with `N_` and translated here when shown.
"""
from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from domain import vocabulary
from domain.integrity import Finding, Problem
from graph import model

ENUM_LABELS = {
    "accepted": _l("Accepted"),
    "active": _l("Active"),
    "activities": _l("Activities"),
    "archived": _l("Archived"),
    "at_risk": _l("At risk"),
    "co_design": _l("Co design"),
    "communication": _l("Communication"),
    "company": _l("Company"),
    "cultural": _l("Cultural"),
    "curriculum_instruction": _l("Curriculum instruction"),
    "data_use": _l("Data use"),
    "decrease": _l("Decrease"),
    "disadvantaged": _l("Disadvantaged"),
    "diversity_equity": _l("Diversity equity"),
    "done": _l("Done"),
    "draft": _l("Draft"),
    "dropped": _l("Dropped"),
    "early_implementation": _l("Early implementation"),
    "ended": _l("Ended"),
    "enrollment_management": _l("Enrollment management"),
    "event": _l("Event"),
    "family_engagement": _l("Family engagement"),
    "foundation": _l("Foundation"),
    "foundation_endowment": _l("Foundation endowment"),
    "full_implementation": _l("Full implementation"),
    "in_place": _l("In place"),
    "in_progress": _l("In progress"),
    "increase": _l("Increase"),
    "inputs": _l("Inputs"),
    "leadership_management": _l("Leadership management"),
    "long_outcomes": _l("Long outcomes"),
    "medium_outcomes": _l("Medium outcomes"),
    "mentoring": _l("Mentoring"),
    "met": _l("Met"),
    "migrant": _l("Migrant"),
    "missed": _l("Missed"),
    "municipality": _l("Municipality"),
    "museum": _l("Museum"),
    "nese": _l("Nese"),
    "no_data": _l("No data"),
    "not_yet": _l("Not yet"),
    "on_track": _l("On track"),
    "optimization": _l("Optimization"),
    "other": _l("Other"),
    "outputs": _l("Outputs"),
    "partly": _l("Partly"),
    "partner": _l("Partner"),
    "partner_in_kind": _l("Partner in kind"),
    "partnerships": _l("Partnerships"),
    "planned": _l("Planned"),
    "planning": _l("Planning"),
    "primary": _l("Primary"),
    "professional_development": _l("Professional development"),
    "programme": _l("Programme"),
    "research": _l("Research"),
    "resources": _l("Resources"),
    "returned": _l("Returned"),
    "school": _l("School"),
    "secondary": _l("Secondary"),
    "short_outcomes": _l("Short outcomes"),
    "submitted": _l("Submitted"),
    "sustainability": _l("Sustainability"),
    "theme_integration": _l("Theme integration"),
    "training": _l("Training"),
    "university": _l("University"),
    "workshop": _l("Workshop"),
    "zone": _l("Zone"),
}


def label(value: str | None) -> str:
    """The label of an enum value (or territory level) in the reader's language."""
    if not value:
        return ""
    found = ENUM_LABELS.get(value)
    return str(found) if found is not None else gettext(model.label(value))


def word(text: str | None) -> str:
    """A domain word marked with `N_` where it is written, in the reader's language."""
    return gettext(text) if text else ""


def measure_label(kind: str | None) -> str:
    return word(vocabulary.measure_label(kind))


def contribution_label(kind: str | None) -> str:
    return word(vocabulary.contribution_label(kind))


def group_label(group: str) -> str:
    return word(vocabulary.group_label(group))


def reason(problem: Problem) -> str:
    """Why a record breaks a dating rule (domain.integrity), in the reader's language."""
    return gettext(problem.template, **problem.params)


def rule(finding: Finding) -> str:
    """The rule a stored record breaks (domain.integrity), in the reader's language."""
    broken = gettext(finding.template, **finding.params)
    if finding.alliance is None:
        return broken
    return gettext("alliance %(alliance)s: %(rule)s", alliance=finding.alliance, rule=broken)


def template_globals() -> dict:
    """What every page may call: translated labels of codes and domain words."""
    return {"label": label, "measure_label": measure_label, "word": word,
            "contribution_label": contribution_label, "group_label": group_label}
