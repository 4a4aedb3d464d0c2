"""Colours shared by the web pages' charts and the report engine's charts."""
from __future__ import annotations

MARKER_COLOUR = "#b5402a"  # the vertical "alliance starts" marker
