"""The planning pages: per alliance one planning page (phase, objectives, plan, logic model,
budget), and the rubric page where the school team rates all five core components at once
and the coordinator returns or accepts it. Thin routes over app.planning.service."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("planning", __name__)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
