"""The report fonts: DejaVu Sans, registered with ReportLab once per process.

DejaVu Sans covers every script a name may use. It ships inside matplotlib's
package data (a dependency of the web charts); the file is found without
importing matplotlib, which the report engine no longer needs.
"""
from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT, BOLD = "ImantSans", "ImantSans-Bold"
SVG_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif"
FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
SYSTEM = Path("/usr/share/fonts/truetype/dejavu")
_LOCK = threading.Lock()


def _folder() -> Path:
    spec = importlib.util.find_spec("matplotlib")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location) / "mpl-data" / "fonts" / "ttf"
        if (folder / FILES[FONT]).is_file():
            return folder
    if (SYSTEM / FILES[FONT]).is_file():
        return SYSTEM
    raise FileNotFoundError("DejaVu Sans not found (install matplotlib or fonts-dejavu-core)")


def register() -> None:
    """Register the report fonts with ReportLab (idempotent)."""
    with _LOCK:
        if FONT in pdfmetrics.getRegisteredFontNames():
            return
        folder = _folder()
        for name, file in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
