"""What-if for town halls: admission scenarios on a municipality's real applications,
simulated before a balanced-schooling measure is deployed (domain.admission), run by the
worker (jobs.simulation), read and compared through disclosure control.

Services in service.py, who may do what in policy.py, pages in views.py, JSON API in
api.py, CSV in exports.py. The factory registers `init_app` (pages, navigation, the demo's
scenarios) and `api_bp`.
"""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app import navigation
from app.demo import add_seed_step
from app.scenarios import views
from app.scenarios.api import bp as api_bp

__all__ = ["api_bp", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages, their place in the navigation and the demo's scenarios."""
    from app.scenarios.demo import seed_scenarios
    views.init_app(app)
    add_seed_step(app, seed_scenarios)
    navigation.register(app, label=_l("What-if"), endpoint="scenarios.scenario_list",
                        permission="scenario.view", order=42,
                        group=navigation.Group.INDICATORS,
                        hint=_l("Simulate a balanced-schooling measure on real applications"))
