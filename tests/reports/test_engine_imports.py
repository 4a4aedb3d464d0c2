"""The report engine and its pool worker load without Flask or the web app."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ("reports", "reports.annual", "reports.snapshot", "reports.data", "reports.render",
          "reports.pdf", "reports.charts", "reports.svg", "reports.i18n", "reports.fonts",
          "reports.bundle", "reports.files",
          "domain.indices", "domain.counts")


def loaded_after(*modules: str) -> set[str]:
    """The module names a fresh interpreter holds after importing `modules`."""
    code = ("import importlib, json, sys\n"
            f"for name in {list(modules)!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted(sys.modules)))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                         capture_output=True, text=True).stdout
    return set(json.loads(out))


def test_the_engine_and_its_worker_entry_point_import_neither_flask_nor_the_web_app():
    loaded = loaded_after(*ENGINE)
    assert "reports.annual" in loaded
    assert "flask" not in loaded
    assert "app.reports.routes" not in loaded
    assert not {name for name in loaded if name == "app" or name.startswith("app.")}


def test_the_engine_draws_its_charts_without_matplotlib():
    assert "matplotlib" not in loaded_after("reports.annual", "reports.bundle")


def test_the_check_sees_a_web_import():
    assert {"flask", "app.reports.routes"} <= loaded_after("app.reports.routes")
