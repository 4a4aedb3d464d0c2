"""`imant reports annual|evaluation` (with a progress bar) and `imant scheduler`."""
from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app.cli import fail_on_domain_errors
from app.models import JobRun, JobStatus
from app.platform import get_tenant
from jobs import kinds, runs, scheduler

reports_group = click.Group("reports", help="Annual school reports and evaluation bundles.")


class _Bar:
    """A click progress bar opened once the run knows its total."""

    def __init__(self, label: str) -> None:
        self.label, self.bar, self.shown = label, None, 0

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=max(total, 1), label=self.label,
                                         show_pos=True, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


def _report(run: JobRun, *, created: bool) -> None:
    """Say how the run ended; exit 1 if it failed."""
    if not created:
        click.echo(f"run #{run.id} for {run.kind} {run.period} is already {run.status} "
                   f"({run.done}/{run.total}); not starting another.")
        return
    details = run.details or {}
    click.echo(f"run #{run.id} {run.kind} {run.period}: {run.status} "
               f"({run.done}/{run.total})")
    for failure in details.get("failures", []):
        click.echo(f"  failed: {failure.get('school') or failure.get('step')}: "
                   f"{failure['reason']}", err=True)
    if details.get("timings"):
        click.echo("  seconds: " + ", ".join(f"{k} {v}" for k, v in details["timings"].items()))
    if run.status != JobStatus.SUCCEEDED:
        click.echo(f"error: {run.error}", err=True)
        sys.exit(1)


@reports_group.command("annual")
@click.option("--tenant", "slug", required=True, help="Programme slug.")
@click.option("--year", type=int, required=True, help="School year by its first calendar year.")
@click.option("--school", default=None, help="Only this school's report.")
@with_appcontext
@fail_on_domain_errors
def annual_cmd(slug: str, year: int, school: str | None) -> None:
    """Write the annual school reports (HTML, PDF, JSON) of one school year."""
    tenant = get_tenant(slug=slug)
    from jobs import annual  # the report engine (reportlab) loads only when a command runs
    run, created = runs.claim(tenant=tenant, kind=annual.KIND, period=str(year), trigger="cli",
                              details={"school": school} if school else {})
    if created:
        bar = _Bar(f"annual reports {year}")
        try:
            annual.execute(run, tenant=tenant, year=year, school=school, on_progress=bar)
        finally:
            bar.close()
    _report(run, created=created)


@reports_group.command("evaluation")
@click.option("--tenant", "slug", required=True, help="Programme slug.")
@click.option("--cycle", type=int, required=True, help="First school year of the 4-year cycle.")
@with_appcontext
@fail_on_domain_errors
def evaluation_cmd(slug: str, cycle: int) -> None:
    """Build the four-year evaluation bundle of one cycle."""
    tenant = get_tenant(slug=slug)
    from jobs import evaluation  # the report engine (reportlab) loads only when a command runs
    period = kinds.period_of(tenant, cycle)
    run, created = runs.claim(tenant=tenant, kind=evaluation.KIND, period=period, trigger="cli")
    if created:
        bar = _Bar(f"evaluation bundle {period}")
        try:
            evaluation.execute(run, tenant=tenant, cycle=cycle, on_progress=bar)
        finally:
            bar.close()
    _report(run, created=created)


@click.command("scheduler")
@click.option("--list", "list_only", is_flag=True, help="Show the declared jobs and exit.")
@with_appcontext
def scheduler_cmd(list_only: bool) -> None:
    """Run the job scheduler in this process (production: exactly one such process)."""

    app = current_app._get_current_object()
    if list_only:
        for job in scheduler.describe(app):
            click.echo(f"{job['id']:40} next {job['next_run_time']}")
        return
    click.echo("scheduler running; Ctrl-C stops it")
    scheduler.run_blocking(app)


def register(app: Flask) -> None:
    app.cli.add_command(reports_group)
    app.cli.add_command(scheduler_cmd)
