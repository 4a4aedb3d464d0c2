"""`imant bench simulate`: time the simulator on synthetic, Barcelona-like data.

The data (seeded): zones on a grid, each school in one zone and serving it
and the neighbouring zones; places in groups of 25 summing to about 5%
more than the applicants; each family lists 1 to 6 schools, chosen by
a popularity that favours some schools, nearness and taste; about a
quarter disadvantaged, a fifth migrant and one in twelve NESE, more
often in some zones; a third have a sibling at their first school.

It prints the seconds per draw and in total for both mechanisms, then the
PyPI package ``matching`` (its hospital–resident game, resident-optimal)
on one draw of the same data, whether it found the same matching as our
deferred acceptance, and the speed ratio.  ``matching`` is a test
dependency; without it the bench says so in one line.
"""

from __future__ import annotations

import time

import click
import numpy as np

from domain.admission import points as pt
from domain.admission.measures import Scenario
from domain.admission.mechanisms import BOSTON, DEFERRED_ACCEPTANCE, Market, assign
from domain.admission.problem import Applicants, Schools, make_applicants, make_schools
from domain.admission.simulate import prepare, simulate

GROUP_SIZE = 25
MAX_CHOICES = 6


def synthetic(*, applicants: int, schools: int, seed: int) -> tuple[Applicants, Schools]:
    """Seeded Barcelona-like applicants and schools (module docstring)."""
    rng = np.random.default_rng(seed)
    side = max(2, int(np.ceil(np.sqrt(schools / 2.5))))
    zones = side * side
    school_zone = rng.integers(0, zones, size=schools)
    zx, zy = np.divmod(np.arange(zones), side)
    near = (np.abs(zx[:, None] - zx[None, :]) + np.abs(zy[:, None] - zy[None, :])) <= 1
    serves = near[school_zone]
    groups = np.maximum(1, np.round(rng.gamma(4.0, 1.0, size=schools)))
    places = GROUP_SIZE * np.maximum(1, np.round(groups * 1.05 * applicants
                                                 / (GROUP_SIZE * groups.sum())))
    zone_weight = rng.gamma(1.0, 1.0, size=zones)
    home = rng.choice(zones, size=applicants, p=zone_weight / zone_weight.sum())
    poor_zone = rng.beta(2.0, 6.0, size=zones)
    disadvantaged = rng.random(applicants) < poor_zone[home]
    migrant = rng.random(applicants) < np.where(disadvantaged, 0.45, 0.12)
    nese = rng.random(applicants) < np.where(disadvantaged, 0.15, 0.05)
    distance = (np.abs(zx[home][:, None] - zx[school_zone][None, :])
                + np.abs(zy[home][:, None] - zy[school_zone][None, :]))
    utility = (rng.normal(0.0, 1.0, size=schools)[None, :] - 1.2 * distance
               + rng.gumbel(size=(applicants, schools)))
    top = np.argsort(-utility, axis=1)[:, :MAX_CHOICES]
    listed = rng.integers(1, MAX_CHOICES + 1, size=applicants)
    choices = np.where(np.arange(MAX_CHOICES)[None, :] < listed[:, None], top, -1)
    sibling = np.zeros(choices.shape, dtype=bool)
    sibling[:, 0] = rng.random(applicants) < 0.33
    return (make_applicants(choices=choices, home_zone=home, nese=nese,
                            disadvantaged=disadvantaged, migrant=migrant, sibling=sibling),
            make_schools(places=places.astype(np.intp), serves=serves))


def run(*, applicants: int, schools: int, draws: int, seed: int) -> dict:
    """Timings of both mechanisms over ``draws`` and of ``matching`` on one draw."""
    people, places = synthetic(applicants=applicants, schools=schools, seed=seed)
    figures: dict = {"places": int(places.places.sum())}
    for mechanism in (BOSTON, DEFERRED_ACCEPTANCE):
        started = time.perf_counter()
        simulate(applicants=people, schools=places, scenario=Scenario(mechanism=mechanism),
                 draws=draws, seed=seed)
        figures[mechanism] = time.perf_counter() - started
    figures["matching"] = _time_matching(people, places, seed=seed)
    return figures


def report(figures: dict, *, draws: int) -> list[str]:
    """The lines the command prints."""
    lines = [f"places offered: {figures['places']}"]
    for mechanism in (BOSTON, DEFERRED_ACCEPTANCE):
        total = figures[mechanism]
        lines.append(f"{mechanism:<20} {total / draws:.4f} s per draw, {total:.2f} s for "
                     f"{draws} draws")
    theirs = figures["matching"]
    if theirs is None:
        lines.append("matching package: not installed (pip install matching), not compared")
        return lines
    seconds, same = theirs
    ours = figures[DEFERRED_ACCEPTANCE] / draws
    lines.append(f"{'matching package':<20} {seconds:.4f} s for one draw "
                 f"(hospital-resident game); same matching as ours: {'yes' if same else 'NO'}")
    lines.append(f"speed ratio: ours is {seconds / ours:.0f}× faster per draw")
    return lines


def _time_matching(people: Applicants, places: Schools, *, seed: int):
    """Seconds of ``matching`` on one draw and whether it equals ours, or None if missing."""
    try:
        from domain.admission.reference import solve_with_matching
    except ImportError:
        return None
    prepared = prepare(applicants=people, schools=places, scenario=Scenario(),
                       rules=pt.PointRules())
    lottery = pt.lottery_order(applicants=people.size, rng=np.random.default_rng(seed))
    key = pt.priority_keys(levels=prepared.levels, student=prepared.flat.student,
                           lottery=lottery)
    market = Market(flat=prepared.flat, key=key, group=prepared.group,
                    places=prepared.setting.places, reserved=prepared.setting.reserved)
    started = time.perf_counter()
    theirs = solve_with_matching(market)
    seconds = time.perf_counter() - started
    return seconds, bool(np.array_equal(theirs, assign(market, mechanism=DEFERRED_ACCEPTANCE)))


@click.command("simulate")
@click.option("--applicants", default=13000, show_default=True, type=click.IntRange(min=1))
@click.option("--schools", default=170, show_default=True, type=click.IntRange(min=1))
@click.option("--draws", default=100, show_default=True, type=click.IntRange(min=1))
@click.option("--seed", default=1, show_default=True, type=int)
def simulate_command(applicants: int, schools: int, draws: int, seed: int) -> None:
    """Time the admission simulator (both mechanisms) and the matching package."""
    figures = run(applicants=applicants, schools=schools, draws=draws, seed=seed)
    for line in report(figures, draws=draws):
        click.echo(line)
