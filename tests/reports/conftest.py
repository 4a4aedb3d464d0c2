"""Report fixtures: the worker that carries out queued runs, as `imant scheduler` does."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from jobs import scheduler


@pytest.fixture
def worker(app: Flask) -> Iterator[None]:
    """The scheduler on threads of the test process, picking up queued runs every few seconds."""
    running = scheduler.start_background(app)
    yield
    scheduler.stop(running)
