"""Feature package 'network' (filled in by its issue)."""
from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    """Register this feature's blueprint, navigation and commands."""
