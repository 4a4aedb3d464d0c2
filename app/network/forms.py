"""Forms of the network's pages.

A form renders its fields and carries the CSRF token; the values go to the network
services as typed, and the services validate them. Their field errors (Invalid, or a
Conflict over a key) are shown next to the fields they name.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from app.labels import ENUM_LABELS
from app.network.parsers import FormInput
from graph.errors import DomainError
from graph.model import (
    BENCHMARKS,
    MEASURE_LABELS,
    AllianceStatus,
    Component,
    ContributionKind,
    MeasureKind,
    PartnerKind,
    SchoolLevel,
    Stage,
    label,
)

BENCHMARK_LABELS = {
    "leadership_team": _l("A diverse, representative leadership team guides the design"),
    "logic_model": _l("A logic model sets out goals, strategies and outcomes"),
    "seven_year_plan": _l("A 7-year plan sequences the work on every core component"),
    "funding": _l("Funding is secured"),
    "systems_policies": _l("Systems and written policies for the new organisation are in place"),
    "shared_vision": _l("Everyone involved knows the vision and goals and is ready"),
    "first_activities": _l("First activities run as planned (curriculum, marketing, recruitment)"),
    "ready_to_serve": _l("The school is ready to serve students on the criteria set in planning"),
    "fully_operational": _l("All core components integrated, with evaluation evidence of gains"),
    "continuous_improvement": _l("A continuous improvement process is in use"),
    "sustainability_plan": _l("The sustainability plan is carried out"),
    "culturally_reflective": _l("Curriculum and environment reflect the school's population"),
    "outcomes_met": _l("Outcomes are met regularly while services advance"),
    "champions": _l("Stakeholders champion the school and bring resources"),
    "resourcing": _l("A process maximises benefits and finds new resources"),
    "data_driven": _l("Data drive expansion and equitable allocation"),
    "next_plan": _l("A new plan for the next cycle"),
}
BENCHMARK_STAGE = {b: stage.value for stage, keys in BENCHMARKS.items() for b in keys}
NUMBER = {"type": "number", "min": "0", "step": "any"}
WHOLE = {"type": "number", "min": "0", "step": "1"}
YEAR = {"type": "number", "min": "1990", "max": "2100", "step": "1"}
DATE = {"type": "date"}
KEY_HINT = _l("Optional: lowercase letters, digits, '.', '_' or '-'; made from the name if empty.")


def enum_choices(values: Iterable[Any], *, blank: str | None = None,
                 labels: dict | None = None) -> list[SelectChoice]:
    out = [SelectChoice("", blank)] if blank is not None else []
    return out + [SelectChoice(v.value, _choice_label(v, labels)) for v in values]


def _choice_label(value: Any, labels: dict | None) -> Any:
    """A lazy label, shown in the reader's language: a domain word, else the enum's label."""
    word = (labels or {}).get(value)
    if isinstance(word, str):
        return _l(word)  # a domain word marked with N_ where it is written
    if word is not None:
        return word
    return ENUM_LABELS.get(value.value) or label(value.value)


def key_select(text: str, **kwargs: Any) -> SelectField:
    """A choice of node key; the service says whether the key exists and is allowed."""
    return SelectField(text, choices=[], validate_choice=False, **kwargs)


def checkboxes(text: str, **kwargs: Any) -> SelectMultipleField:
    return SelectMultipleField(text, choices=[], validate_choice=False,
                               widget=ListWidget(prefix_label=False),
                               option_widget=CheckboxInput(), **kwargs)


class ServiceForm(FlaskForm):
    """A form whose values go to a network service; `CREATE_ONLY` fields are dropped when
    the form edits an existing item."""

    CREATE_ONLY: tuple[str, ...] = ("key",)

    @classmethod
    def for_edit(cls, item: dict) -> ServiceForm:
        """The form filled with `item` to show; a POST takes only what was posted (an
        unticked checkbox list means none)."""
        form = cls(data=None if request.method == "POST" else item)
        for name in cls.CREATE_ONLY:
            if name in form:
                delattr(form, name)
        return form

    def payload(self) -> FormInput:
        """Every field but the CSRF token, as typed (empty text stays empty)."""
        return FormInput({f.name: "" if f.data is None else f.data for f in self
                          if f.name != "csrf_token"})

    def attach(self, exc: DomainError) -> None:
        """Show a service's field errors beside their fields; the rest above the form."""
        unplaced = False
        for err in exc.errors:
            f = self._fields.get(str(err.get("field")))
            if f is None or f.name == "csrf_token":
                unplaced = True
                continue
            f.errors = [*f.errors, err.get("reason") or "invalid"]
        if unplaced or not exc.errors:
            self.form_errors.append(exc.message)


class MunicipalityForm(ServiceForm):
    key = StringField(_l("Key"), description=KEY_HINT)
    name = StringField(_l("Name"))
    code = StringField(_l("Official code"))


class ZoneForm(ServiceForm):
    key = StringField(_l("Key"), description=KEY_HINT)
    name = StringField(_l("Name"))
    municipality = key_select(_l("Municipality"),
                              description=_l("The municipality this reference territory is in"))


class SchoolForm(ServiceForm):
    key = StringField(_l("Key"), description=KEY_HINT)
    name = StringField(_l("Name"))
    code = StringField(_l("Official school code"))
    level = SelectField(_l("Level"), choices=enum_choices(SchoolLevel, blank="—"))
    zone = key_select(_l("Zone"), description=_l("The school's reference territory"))
    entry_places = StringField(_l("Entry places per year"), render_kw=WHOLE)


class SchoolProfileForm(ServiceForm):
    """What a school team may keep in its own profile."""

    name = StringField(_l("Name"))
    entry_places = StringField(_l("Entry places per year"), render_kw=WHOLE)


class PartnerForm(ServiceForm):
    key = StringField(_l("Key"), description=KEY_HINT)
    name = StringField(_l("Name"))
    kind = SelectField(_l("Kind"), choices=enum_choices(PartnerKind, blank="—"))


class AllianceForm(ServiceForm):
    CREATE_ONLY = ("key", "school", "partner")

    key = StringField(_l("Key"), description=KEY_HINT)
    school = key_select(_l("School"))
    partner = key_select(_l("Partner institution"))
    theme = StringField(_l("Theme (point of interest)"),
                        description=_l("e.g. marine science, arts, robotics"))
    start_year = StringField(_l("Start year"), render_kw=YEAR,
                             description=_l("Calendar year the first school year starts "
                                            "(2024 = 2024-25)"))
    end_year = StringField(_l("End year"), render_kw=YEAR,
                           description=_l("Last school year of an ended alliance"))
    trainer = StringField(_l("Trainer"))
    advisory_hours = StringField(_l("Year-0 advisory hours"), render_kw=NUMBER,
                                 description=_l("About 15 hours are expected"))
    training_share = StringField(_l("Share of teachers in training (0–1)"),
                                 render_kw={**NUMBER, "max": "1"},
                                 description=_l("0.8 = 80%; the programme expects at least 80%"))


class EndAllianceForm(ServiceForm):
    end_year = StringField(_l("Last school year"), render_kw=YEAR,
                           description=_l("Empty: the current school year"))


class ChangePartnerForm(ServiceForm):
    partner = key_select(_l("New partner institution"))
    start_year = StringField(_l("The new alliance starts in"), render_kw=YEAR,
                             description=_l("Empty: the current school year; the current "
                                            "alliance ends the year before"))
    theme = StringField(_l("Theme"), description=_l("Empty: keep the current theme"))
    trainer = StringField(_l("Trainer"))


class ContributionForm(ServiceForm):
    CREATE_ONLY = ("alliance",)

    alliance = key_select(_l("Alliance"))
    date = StringField(_l("Date"), render_kw=DATE)
    kind = SelectField(_l("Kind"), choices=enum_choices(ContributionKind, blank="—"))
    hours = StringField(_l("Hours"), render_kw=NUMBER)
    teachers = StringField(_l("Teachers reached"), render_kw=WHOLE)
    students = StringField(_l("Students reached"), render_kw=WHOLE)
    families = StringField(_l("Families reached"), render_kw=WHOLE)
    description = TextAreaField(_l("Description"), render_kw={"rows": 3})


class MeasureForm(ServiceForm):
    CREATE_ONLY = ("municipality",)

    municipality = key_select(_l("Municipality"))
    kind = SelectField(_l("Kind"), choices=enum_choices(MeasureKind, blank="—",
                                                    labels=MEASURE_LABELS))
    start = StringField(_l("Start"), render_kw=DATE)
    end = StringField(_l("End"), render_kw=DATE, description=_l("Empty while the measure runs"))
    schools = checkboxes(_l("Schools covered"))
    description = TextAreaField(_l("Description"), render_kw={"rows": 3})


class EndMeasureForm(ServiceForm):
    end = StringField(_l("Last day"), render_kw=DATE, description=_l("Empty: today"))


class AssessmentForm(ServiceForm):
    CREATE_ONLY = ("alliance", "year", "component")

    alliance = key_select(_l("Alliance"))
    year = StringField(_l("School year"), render_kw=YEAR,
                       description=_l("Calendar year the school year starts (2024 = 2024-25)"))
    component = SelectField(_l("Core component"), choices=enum_choices(Component, blank="—"))
    stage = SelectField(_l("Stage"), choices=enum_choices(Stage, blank="—"))
    benchmarks = checkboxes(_l("Benchmarks met"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.benchmarks.choices = [SelectChoice(b, BENCHMARK_LABELS.get(b, label(b)))
                                   for keys in BENCHMARKS.values() for b in keys]


STATUS_CHOICES = enum_choices(AllianceStatus, blank=_l("any (not archived)"))
