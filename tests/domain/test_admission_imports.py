"""The simulator is pure: a fresh interpreter importing it loads neither Flask nor the web app."""
from __future__ import annotations

from tests.reports.test_engine_imports import loaded_after

CORE = ("domain.admission.simulate", "domain.admission.calibration", "domain.admission.bench")


def test_the_simulator_imports_neither_flask_nor_the_web_app():
    loaded = loaded_after(*CORE)
    assert "domain.admission.mechanisms" in loaded
    assert "flask" not in loaded
    assert not {name for name in loaded if name == "app" or name.startswith("app.")}
