"""Who may start report runs, follow them, and read which report files: each rule once.

- runs (start one, list them, read one): roles with `reports.run` (coordinators);
- an annual school report: roles with `reports.view`, for the schools the indicator
  policy lets them see (the school itself, its partners, its municipality, coordinators);
- an evaluation bundle: roles with `bundles.view` (coordinators and evaluators).

The report service enforces these before it reads (`require_*`, `Readable.artifact`);
pages ask the same rules (`may_run`) to show or hide links and buttons.
"""
from __future__ import annotations

from dataclasses import dataclass

from app.indicators.policy import Visibility, visibility_for
from app.models import ReportArtifact
from app.tenancy import Access
from jobs.kinds import EVALUATION

RUN = "reports.run"


@dataclass(frozen=True)
class Readable:
    """The report files one caller may read."""

    bundles: bool
    schools: Visibility | None

    def artifact(self, artifact: ReportArtifact) -> bool:
        if artifact.kind == EVALUATION:
            return self.bundles
        return self.schools is not None and self.schools.school(artifact.subject_key)


def readable(access: Access) -> Readable:
    """What this caller may read (the schools are read from the graph for scoped roles)."""
    return Readable(bundles=access.can("bundles.view"),
                    schools=visibility_for(access) if access.can("reports.view") else None)


def may_run(access: Access) -> bool:
    """Start runs and follow them (the runs page and its links)."""
    return access.can(RUN)


def require_run(access: Access) -> None:
    access.require(RUN)


def require_reports(access: Access) -> None:
    """The annual reports' index (which years have reports) needs `reports.view`."""
    access.require("reports.view")
