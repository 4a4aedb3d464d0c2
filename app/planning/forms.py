"""Forms of the planning pages whose fields are fixed (objectives, budget lines); the values
go to app.planning.service as typed and the service validates them. The pages with lists
of any length (the plan's actions, the logic model's parts, the rubric) are read in
views.py from the posted form."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from app.network.forms import NUMBER, YEAR, ServiceForm, enum_choices
from graph.model import BudgetSource, Component, Direction, FocusGroup, Metric

METRIC_LABELS = {
    Metric.DEMAND_RATIO: _l("Demand ratio (applications per entry place)"),
    Metric.COMPOSITION_GAP: _l("Composition gap to the zone, for a group (points)"),
    Metric.GROUP_SHARE: _l("The school's share of a group (%)"),
    Metric.TRAINING_SHARE: _l("Teachers in training (%)"),
    Metric.CONTRIBUTION_HOURS: _l("Contribution hours in the year"),
    Metric.CONTRIBUTION_ACTIVITIES: _l("Contribution activities in the year"),
    Metric.FAMILIES_REACHED: _l("Families reached in the year"),
    Metric.COMPONENT_STAGE: _l("A core component's stage (1 planning … 4 optimization)"),
    Metric.MANUAL: _l("Another measure, typed in each year"),
}
ANY_NUMBER = {"type": "number", "step": "any"}


class ObjectiveForm(ServiceForm):
    title = StringField(_l("Objective"))
    metric = SelectField(_l("Measured by"), choices=enum_choices(Metric, labels=METRIC_LABELS),
                         validate_choice=False)
    group = SelectField(_l("Focus group"), choices=enum_choices(FocusGroup, blank="—"),
                        validate_choice=False,
                        description=_l("For a composition gap or a group's share"))
    component = SelectField(_l("Core component"), choices=enum_choices(Component, blank="—"),
                            validate_choice=False,
                            description=_l("For a component's stage"))
    unit = StringField(_l("Unit"), description=_l("For a measure typed in each year"))
    baseline_year = StringField(_l("Baseline year"), render_kw=YEAR,
                                description=_l("Empty: the school year before the alliance "
                                               "started"))
    baseline = StringField(_l("Baseline"), render_kw=ANY_NUMBER,
                           description=_l("Empty: Imant reads it from the baseline year"))
    baseline_reason = TextAreaField(_l("Why this baseline"),
                                    description=_l("Needed when you change the baseline "
                                                   "Imant computed"))
    direction = SelectField(_l("Better is"), choices=enum_choices(
        Direction, labels={Direction.INCREASE: _l("higher"), Direction.DECREASE: _l("lower")}),
        validate_choice=False)
    target = StringField(_l("Target value"), render_kw=ANY_NUMBER)
    target_year = StringField(_l("Target school year"), render_kw=YEAR)


class BudgetLineForm(ServiceForm):
    year = StringField(_l("School year"), render_kw=YEAR)
    source = SelectField(_l("Source"), choices=enum_choices(BudgetSource), validate_choice=False)
    planned = StringField(_l("Planned (€)"), render_kw=NUMBER)
    secured = StringField(_l("Secured (€)"), render_kw=NUMBER)
    spent = StringField(_l("Spent (€)"), render_kw=NUMBER)
    overspend = BooleanField(_l("Spent above plan on purpose"))
    overspend_reason = TextAreaField(_l("Why"))
    description = TextAreaField(_l("Note"))

    def payload(self):
        data = super().payload()
        data["overspend"] = "true" if self.overspend.data else "false"
        return data
