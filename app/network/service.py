"""The network's services: one import for pages, the API and other features.

Every function takes the caller's `access` (app.tenancy.Access) and plain values,
checks the caller may do it, validates input (Invalid with field errors), and writes
through the graph with an audit event in one unit of work. Services never touch the
request. Lists return a `Page` (items, total, page, per_page; `.to_dict()`).

Who may do what — what a person in each role would expect:

- Coordinators (foundation staff) run the programme: they read and change everything
  in their tenant, and may export.
- Every role with `network.view` (coordinator, partner, municipality, school) reads
  the network itself: municipalities, zones, schools, partners and alliances with
  their current stage. It is the shared map of the programme, nothing in it is private.
  Evaluators do not: they read the evaluation bundles only.
- Partner users (bound to one partner) log, correct and delete contributions to their
  own partner's alliances, read those contributions with totals and export them as CSV
  (`export.own`); they read the stage assessments of their own alliances.
- Municipality users (bound to one municipality) record, change, end and delete that
  municipality's balanced-schooling measures and read them; they read the stage
  assessments of alliances of schools in their municipality. Other municipalities'
  measures are not theirs to see.
- School teams (bound to one school) keep their school's profile (name and entry
  places), enter and correct the stage assessments of their school's alliances, and
  read their school's contributions and assessments.
- Asking for another scope explicitly (another partner's alliance, another
  municipality's measure, a filter naming someone else) is refused (403); lists are
  narrowed to the caller's own scope otherwise.
- Family-level data is never read here: there is no family service. Deletion refuses
  (Conflict naming the dependants) whenever anything depends on the entity; archiving
  (archived=true, or status "archived" for an alliance) hides it from lists instead.
"""
from __future__ import annotations

from app.network.service_alliances import (
    change_partner,
    create_alliance,
    delete_alliance,
    end_alliance,
    get_alliance,
    list_alliances,
    school_history,
    update_alliance,
)
from app.network.service_assessments import (
    delete_assessment,
    get_assessment,
    list_assessments,
    update_assessment,
    upsert_assessment,
)
from app.network.service_contributions import (
    contribution_totals_by_year,
    create_contribution,
    delete_contribution,
    export_contributions_csv,
    get_contribution,
    list_contributions,
    may_export,
    update_contribution,
)
from app.network.service_measures import (
    create_measure,
    delete_measure,
    end_measure,
    get_measure,
    list_measures,
    update_measure,
)
from app.network.service_schools import (
    archive_partner,
    archive_school,
    create_partner,
    create_school,
    delete_partner,
    delete_school,
    get_partner,
    get_school,
    list_partners,
    list_schools,
    update_partner,
    update_school,
)
from app.network.service_support import Page
from app.network.service_territory import (
    archive_municipality,
    archive_zone,
    create_municipality,
    create_zone,
    delete_municipality,
    delete_zone,
    get_municipality,
    get_zone,
    list_municipalities,
    list_zones,
    update_municipality,
    update_zone,
)

__all__ = [
    "Page",
    "archive_municipality", "archive_partner", "archive_school", "archive_zone",
    "change_partner", "contribution_totals_by_year", "create_alliance", "create_contribution",
    "create_measure",
    "create_municipality", "create_partner", "create_school", "create_zone",
    "delete_alliance", "delete_assessment", "delete_contribution", "delete_measure",
    "delete_municipality", "delete_partner", "delete_school", "delete_zone",
    "end_alliance", "end_measure", "export_contributions_csv",
    "get_alliance", "get_assessment", "get_contribution", "get_measure", "get_municipality",
    "get_partner", "get_school", "get_zone",
    "list_alliances", "list_assessments", "list_contributions", "list_measures",
    "list_municipalities", "list_partners", "list_schools", "list_zones", "may_export",
    "school_history", "update_alliance", "update_assessment", "update_contribution",
    "update_measure", "update_municipality", "update_partner", "update_school", "update_zone",
    "upsert_assessment",
]
