"""The development framework as working tools: per alliance a logic model, 7-year plans,
measurable objectives bound to Imant's indicators, budget lines, and the rubric
self-assessment the coordinator returns or accepts (services in service.py, who may do what
in policy.py, pages in views.py, JSON API in api.py).

The factory registers this feature's parts: `init_app` (pages, the demo seed step) and
`api_bp`."""
from __future__ import annotations

from flask import Flask

from app.demo import add_seed_step
from app.planning import views
from app.planning.api import bp as api_bp

__all__ = ["api_bp", "init_app"]


def init_app(app: Flask) -> None:
    """Register the pages and the demo programmes' planning seed step."""
    from app.planning.demo import seed_planning  # it uses the import kinds: loaded here
    views.init_app(app)
    add_seed_step(app, seed_planning)
