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
  FamilyCount     school, year, enrolled, disadvantaged, migrant, nese,
                  disadvantaged_not_migrant, first_choices
                  (key = "<school_key>:<year>"; the read model of the family rows, kept
                  by imports: graph/family_counts.py)

Planning nodes (graph/planning.py; revisions are kept, never overwritten):
  LogicModel      revision, problem, inputs, activities, outputs, short_outcomes,
                  medium_outcomes, long_outcomes (lists of strings), saved_by, saved_at, note,
                  comment, commented_by, commented_at (the coordinator's)
                  (key = "<alliance_key>:<revision>")
  Objective       title, metric, group, unit, baseline, baseline_year, baseline_reason,
                  target, direction, target_year
  ObjectiveValue  year, value, entered_by                (key = "<objective_key>:<year>")
  Plan            first_year, last_year, started_by, started_at
                  (key = "<alliance_key>:<first_year>")
  PlanRevision    revision, saved_by, saved_at, note     (key = "<plan_key>:<revision>")
  PlanAction      action (stable across revisions), title, component, elements (list),
                  stage, first_year, last_year, owner, status, drop_reason,
                  budget_planned, budget_spent           (key = "<revision_key>:<action>")
  SelfAssessment  year, revision, status, benchmarks (list), created_by, created_at,
                  submitted_by, submitted_at, reviewed_by, reviewed_at, review_comment
                  (key = "<alliance_key>:<year>:<revision>")
  RubricRating    item, component, stage, rating, evidence, link
                  (key = "<self_assessment_key>:<item>")
  BudgetLine      year, source, planned, secured, spent, overspend, overspend_reason,
                  description

Relationships:
  (School)-[:IN_ZONE]->(Zone)-[:PART_OF]->(Municipality)
  (Alliance)-[:OF_SCHOOL]->(School), (Alliance)-[:WITH_PARTNER]->(Partner)
  (Contribution)-[:TO]->(Alliance)
  (Municipality)-[:DEPLOYS]->(Measure)-[:COVERS]->(School)
  (School)-[:HAS_YEAR]->(SchoolYear), (School)-[:HAS_COUNT]->(FamilyCount)
  (Family)-[:APPLIED_TO {year, rank}]->(School), (Family)-[:ENROLLED_AT {year}]->(School)
  (Family)-[:LIVES_IN]->(Zone)
  (StageAssessment)-[:OF]->(Alliance)
  (LogicModel)-[:OF]->(Alliance), (LogicModel)-[:MEASURED_BY {part, position}]->(Objective)
  (Objective)-[:OF]->(Alliance), (ObjectiveValue)-[:OF]->(Objective)
  (Plan)-[:OF]->(Alliance), (PlanRevision)-[:OF]->(Plan), (PlanAction)-[:OF]->(PlanRevision)
  (PlanAction)-[:SERVES]->(Objective)
  (SelfAssessment)-[:OF]->(Alliance), (RubricRating)-[:OF]->(SelfAssessment)
  (BudgetLine)-[:OF]->(Alliance)
"""
from __future__ import annotations

import enum
from datetime import date


def N_(message: str) -> str:  # noqa: N802 - the usual name of gettext's no-op marker
    """Mark a word for the catalogues (make translations); pages translate it when shown."""
    return message


# Every node label and relationship type; queries may use no other (checked by the linter test).
LABELS = (
    "School", "Partner", "Municipality", "Zone", "Family", "Alliance",
    "Contribution", "Measure", "SchoolYear", "StageAssessment",
    "LogicModel", "Objective", "ObjectiveValue", "Plan", "PlanRevision", "PlanAction",
    "SelfAssessment", "RubricRating", "BudgetLine", "AuditEvent", "DataVersion", "FamilyCount",
)
RELATIONSHIP_TYPES = (
    "IN_ZONE", "PART_OF", "OF_SCHOOL", "WITH_PARTNER", "TO", "DEPLOYS", "COVERS",
    "HAS_YEAR", "APPLIED_TO", "ENROLLED_AT", "LIVES_IN", "OF",
    "MEASURED_BY", "SERVES", "HAS_COUNT",
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
    MeasureKind.ENROLMENT_OFFICE: N_("Municipal enrolment office"),
    MeasureKind.EARLY_DETECTION_P3: N_("Early detection of special educational needs at P3"),
    MeasureKind.PLACE_RESERVATION: N_("Place reservation for students with needs"),
    MeasureKind.MIDYEAR_ENROLMENT: N_("Mid-year enrolment management"),
    MeasureKind.ZONING_CHANGE: N_("Zoning change"),
    MeasureKind.SURPLUS_PLACES: N_("Avoiding surplus places"),
    MeasureKind.GRANTS_MEALS: N_("Grants / free meals"),
    MeasureKind.RATIO_REDUCTION: N_("Ratio reduction"),
    MeasureKind.OTHER: N_("Other"),
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


# --- plans, objectives and self-assessment (MSAP framework as working tools) --------------


class Rating(enum.StrEnum):
    """How far a rubric item's condition holds, as the school team rates it."""

    NOT_YET = "not_yet"
    PARTLY = "partly"
    IN_PLACE = "in_place"


class AssessmentStatus(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    ACCEPTED = "accepted"


class ObjectiveStatus(enum.StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    MISSED = "missed"
    NO_DATA = "no_data"


class Direction(enum.StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"


class Metric(enum.StrEnum):
    DEMAND_RATIO = "demand_ratio"
    COMPOSITION_GAP = "composition_gap"          # needs a focus group
    GROUP_SHARE = "group_share"                  # needs a focus group
    TRAINING_SHARE = "training_share"
    CONTRIBUTION_HOURS = "contribution_hours"
    CONTRIBUTION_ACTIVITIES = "contribution_activities"
    FAMILIES_REACHED = "families_reached"
    COMPONENT_STAGE = "component_stage"          # needs a component; value = stage number 1..4
    MANUAL = "manual"                            # a value typed in each year, with its unit


GROUP_METRICS = frozenset({Metric.COMPOSITION_GAP, Metric.GROUP_SHARE})


class Owner(enum.StrEnum):
    SCHOOL = "school"
    PARTNER = "partner"
    MUNICIPALITY = "municipality"
    FOUNDATION = "foundation"


class ActionStatus(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"                          # needs a reason


class BudgetSource(enum.StrEnum):
    FOUNDATION_ENDOWMENT = "foundation_endowment"
    MUNICIPALITY = "municipality"
    PARTNER_IN_KIND = "partner_in_kind"
    SCHOOL = "school"
    OTHER = "other"


class LogicModelPart(enum.StrEnum):
    """The ordered lists of a logic model (the problem statement is one text beside them)."""

    INPUTS = "inputs"
    ACTIVITIES = "activities"
    OUTPUTS = "outputs"
    SHORT_OUTCOMES = "short_outcomes"
    MEDIUM_OUTCOMES = "medium_outcomes"
    LONG_OUTCOMES = "long_outcomes"


OUTCOME_PARTS = (LogicModelPart.SHORT_OUTCOMES, LogicModelPart.MEDIUM_OUTCOMES,
                 LogicModelPart.LONG_OUTCOMES)
PLAN_YEARS = 7  # an implementation plan covers seven school years (MSAP)


TRAINING_SHARE_TARGET = 0.8  # the programme expects at least 80% of teachers in training


def school_year_of(day: date) -> int:
    """The school year (by its starting calendar year) a date falls in; it starts on 1 September."""
    return day.year if day.month >= 9 else day.year - 1


def label(value: str) -> str:
    """A human label for an enum value (snake_case to words)."""
    return value.replace("_", " ").capitalize()
