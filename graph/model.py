"""The graph model's vocabulary: labels, properties and the closed lists every layer shares.

Every node carries `tenant` (tenant slug) and `key` (unique within the tenant).
Dates are ISO strings (YYYY-MM-DD) so they compare as text on every server;
`year` is the calendar year in which a school year starts (2024 = 2024-25).

Nodes and their properties (besides tenant, key):
  School          name, code, level, entry_places, archived
  Partner         name, kind, archived
  Municipality    name, code, archived
  Zone            name, archived
  Family          disadvantaged, migrant, nese            (booleans; never names)
  Alliance        theme, start_year, end_year, status, trainer, advisory_hours,
                  training_share (0..1, teachers in training)
  Contribution    date, year, kind, hours, teachers, students, families,
                  description, logged_by
  Measure         kind, start, end, description
  SchoolYear      year, places_offered, first_choice_applications, enrolled_total,
                  enrolled_disadvantaged, enrolled_migrant, enrolled_nese
                  (key = "<school_key>:<year>")
  StageAssessment year, component, stage, benchmarks (list of benchmark keys), assessed_by
                  (key = "<alliance_key>:<year>:<component>")

Relationships:
  (School)-[:IN_ZONE]->(Zone)-[:PART_OF]->(Municipality)
  (Alliance)-[:OF_SCHOOL]->(School), (Alliance)-[:WITH_PARTNER]->(Partner)
  (Contribution)-[:TO]->(Alliance)
  (Municipality)-[:DEPLOYS]->(Measure)-[:COVERS]->(School)
  (School)-[:HAS_YEAR]->(SchoolYear)
  (Family)-[:APPLIED_TO {year, rank}]->(School), (Family)-[:ENROLLED_AT {year}]->(School)
  (Family)-[:LIVES_IN]->(Zone)
  (StageAssessment)-[:OF]->(Alliance)
"""
from __future__ import annotations

import enum
from datetime import date

# Every node label and relationship type; queries may use no other (checked by the linter test).
LABELS = (
    "School", "Partner", "Municipality", "Zone", "Family", "Alliance",
    "Contribution", "Measure", "SchoolYear", "StageAssessment",
)
RELATIONSHIP_TYPES = (
    "IN_ZONE", "PART_OF", "OF_SCHOOL", "WITH_PARTNER", "TO", "DEPLOYS", "COVERS",
    "HAS_YEAR", "APPLIED_TO", "ENROLLED_AT", "LIVES_IN", "OF",
)


class SchoolLevel(enum.StrEnum):
    PRIMARY = "primary"
    SECONDARY = "secondary"


class PartnerKind(enum.StrEnum):
    MUSEUM = "museum"
    RESEARCH = "research"
    UNIVERSITY = "university"
    COMPANY = "company"
    CULTURAL = "cultural"
    OTHER = "other"


class AllianceStatus(enum.StrEnum):
    ACTIVE = "active"
    ENDED = "ended"
    ARCHIVED = "archived"


class ContributionKind(enum.StrEnum):
    TRAINING = "training"
    CO_DESIGN = "co_design"
    WORKSHOP = "workshop"
    MENTORING = "mentoring"
    RESOURCES = "resources"
    EVENT = "event"
    OTHER = "other"


class MeasureKind(enum.StrEnum):
    ENROLMENT_OFFICE = "enrolment_office"
    EARLY_DETECTION_P3 = "early_detection_p3"
    PLACE_RESERVATION = "place_reservation"
    MIDYEAR_ENROLMENT = "midyear_enrolment"
    ZONING_CHANGE = "zoning_change"
    SURPLUS_PLACES = "surplus_places"
    GRANTS_MEALS = "grants_meals"
    RATIO_REDUCTION = "ratio_reduction"
    OTHER = "other"


MEASURE_LABELS = {
    MeasureKind.ENROLMENT_OFFICE: "Municipal enrolment office",
    MeasureKind.EARLY_DETECTION_P3: "Early detection of special educational needs at P3",
    MeasureKind.PLACE_RESERVATION: "Place reservation for students with needs",
    MeasureKind.MIDYEAR_ENROLMENT: "Mid-year enrolment management",
    MeasureKind.ZONING_CHANGE: "Zoning change",
    MeasureKind.SURPLUS_PLACES: "Avoiding surplus places",
    MeasureKind.GRANTS_MEALS: "Grants / free meals",
    MeasureKind.RATIO_REDUCTION: "Ratio reduction",
    MeasureKind.OTHER: "Other",
}


class Stage(enum.StrEnum):
    PLANNING = "planning"
    EARLY_IMPLEMENTATION = "early_implementation"
    FULL_IMPLEMENTATION = "full_implementation"
    OPTIMIZATION = "optimization"


class Component(enum.StrEnum):
    DIVERSITY_EQUITY = "diversity_equity"
    ENROLLMENT_MANAGEMENT = "enrollment_management"
    CURRICULUM_INSTRUCTION = "curriculum_instruction"
    FAMILY_ENGAGEMENT = "family_engagement"
    PARTNERSHIPS = "partnerships"


class Element(enum.StrEnum):
    LEADERSHIP_MANAGEMENT = "leadership_management"
    COMMUNICATION = "communication"
    DATA_USE = "data_use"
    THEME_INTEGRATION = "theme_integration"
    PROFESSIONAL_DEVELOPMENT = "professional_development"
    SUSTAINABILITY = "sustainability"


BENCHMARKS: dict[Stage, tuple[str, ...]] = {
    Stage.PLANNING: ("leadership_team", "logic_model", "seven_year_plan", "funding"),
    Stage.EARLY_IMPLEMENTATION: ("systems_policies", "shared_vision", "first_activities",
                                 "ready_to_serve"),
    Stage.FULL_IMPLEMENTATION: ("fully_operational", "continuous_improvement",
                                "sustainability_plan"),
    Stage.OPTIMIZATION: ("culturally_reflective", "outcomes_met", "champions", "resourcing",
                         "data_driven", "next_plan"),
}


class FocusGroup(enum.StrEnum):
    DISADVANTAGED = "disadvantaged"
    MIGRANT = "migrant"
    NESE = "nese"


TRAINING_SHARE_TARGET = 0.8  # the programme expects at least 80% of teachers in training


def school_year_of(day: date) -> int:
    """The school year (by its starting calendar year) a date falls in; it starts on 1 September."""
    return day.year if day.month >= 9 else day.year - 1


def label(value: str) -> str:
    """A human label for an enum value (snake_case to words)."""
    return value.replace("_", " ").capitalize()
