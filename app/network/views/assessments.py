"""Stage assessments: per alliance, school year and core component, the MSAP stage and
the benchmarks met; entered by coordinators and the team of the alliance's school."""
from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_babel import gettext as _

from app.models import Role
from app.network import service
from app.network.forms import BENCHMARK_STAGE, AssessmentForm
from app.network.policy import may_assess
from app.network.views import bp
from app.network.views.alliances import describe
from app.network.views.page_helpers import (
    ALL,
    change_page,
    delete_button,
    form_page,
    key_choices,
    list_args,
    url,
)
from app.tenancy import Access, current_access, tenant_route
from graph.errors import Forbidden
from graph.model import BENCHMARKS, school_year_of


@bp.route("/t/<slug>/assessments")
@tenant_route("assessment.view")
def assessment_list(slug: str):
    page = service.list_assessments(access=current_access(), **list_args("assessments"))
    return render_template("network/assessments.html", page=page,
                           edits=current_access().can("assessment.edit"))


def _assessable(access: Access) -> list[dict]:
    """Alliances the caller may assess: a school team's own school's, or any (coordinators)."""
    scope = {"school": access.scope_key} if access.role is Role.SCHOOL else {}
    return service.list_alliances(access=access, per_page=ALL, **scope).items


TEMPLATE = "network/assessment_form.html"
# what the form's script needs to offer the benchmarks of the chosen stage
BENCHMARK_CONTEXT = {"benchmarks": {stage.value: keys for stage, keys in BENCHMARKS.items()},
                     "benchmark_stage": BENCHMARK_STAGE}


@bp.route("/t/<slug>/assessments/new", methods=["GET", "POST"])
@tenant_route("assessment.edit")
def assessment_new(slug: str):
    access = current_access()
    wanted = request.args.get("alliance")
    if wanted:
        alliance = service.get_alliance(access=access, key=wanted)
        if not may_assess(access, alliance["school"]):
            raise Forbidden(_("Only coordinators and the team of %(school)s may assess this "
                              "alliance.", school=alliance["school"]))
    form = AssessmentForm(data={"alliance": wanted,
                                "year": school_year_of(date.today())})
    form.alliance.choices = key_choices(_assessable(access), describe)

    def save(data: dict):
        item, created = service.upsert_assessment(access=access, data=data)
        return (_("Assessment recorded.") if created else _("Assessment updated."),
                url("network.alliance_detail", key=item["alliance"]))
    back = (url("network.alliance_detail", key=wanted) if wanted
            else url("network.assessment_list"))
    return form_page(form, save, template=TEMPLATE, title=_("Assess a core component"),
                     cancel=back, **BENCHMARK_CONTEXT)


@bp.route("/t/<slug>/assessments/<key>/edit", methods=["GET", "POST"])
@tenant_route("assessment.edit")
def assessment_edit(slug: str, key: str):
    access = current_access()
    item = service.get_assessment(access=access, key=key)
    if not may_assess(access, item["school"]):
        raise Forbidden(_("Only coordinators and the team of %(school)s may change this "
                          "assessment.", school=item["school"]))
    return change_page(AssessmentForm.for_edit(item), service.update_assessment, key=key,
                       what="Assessment", done=url("network.alliance_detail", key=item["alliance"]),
                       template=TEMPLATE, item=item, title=_("Edit an assessment"),
                       **BENCHMARK_CONTEXT)


@bp.route("/t/<slug>/assessments/<key>/delete", methods=["POST"])
@tenant_route("assessment.edit")
def assessment_delete(slug: str, key: str):
    item = service.get_assessment(access=current_access(), key=key)
    back = url("network.alliance_detail", key=item["alliance"])
    return delete_button(service.delete_assessment, key=key, what="Assessment", done=back,
                         back=back)
