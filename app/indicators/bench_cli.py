"""`imant bench indicators`: every index, every municipality and focus group, from the graph.

Creates (or reuses) a throwaway tenant in the graph with the asked number of
schools and municipalities (one zone each) and one year of SchoolYear figures,
then times separately: the graph read of all counts (one statement), turning
the rows into arrays, and the in-memory computation of D, xPx, xPy, H and M
for every municipality and focus group. The tenant is deleted afterwards
unless --keep is given.
"""
from __future__ import annotations

import time

import click
import numpy as np
from flask.cli import with_appcontext
from sqlalchemy.exc import OperationalError

from app.extensions import db, graph
from app.models import Tenant
from domain import counts as c
from domain import indices
from graph import indicators as gi
from graph.schema import apply_schema

BATCH = 2000


@click.command("indicators")
@click.option("--schools", default=29000, show_default=True, type=click.IntRange(min=1))
@click.option("--municipalities", default=8000, show_default=True, type=click.IntRange(min=1))
@click.option("--year", default=2024, show_default=True, type=int)
@click.option("--tenant", "slug", default="bench-indicators", show_default=True,
              help="Graph tenant slug of the throwaway benchmark data.")
@click.option("--seed", default=1, show_default=True, type=int)
@click.option("--keep", is_flag=True, help="Keep the benchmark tenant for another run.")
@with_appcontext
def indicators_bench(schools: int, municipalities: int, year: int, slug: str, seed: int,
                     keep: bool) -> None:
    """Time the indicators of every municipality and focus group for one year."""
    if schools < municipalities:
        raise click.BadParameter("need at least one school per municipality",
                                 param_hint="--schools")
    _check_throwaway(slug)
    prepared = _prepare(slug=slug, schools=schools, municipalities=municipalities, year=year,
                        seed=seed)
    click.echo(prepared)
    figures = run(slug=slug, year=year)
    for line in report(figures):
        click.echo(line)
    if keep:
        click.echo(f"kept bench tenant {slug!r} (run again to reuse it)")
        return
    started = time.perf_counter()
    deleted = delete(slug=slug)
    click.echo(f"deleted bench tenant {slug!r}: {deleted} nodes in "
               f"{time.perf_counter() - started:.1f} s")


def _check_throwaway(slug: str) -> None:
    """Refuse a slug that is not a bench slug or that names a real programme."""
    if not slug.startswith("bench-"):
        raise click.BadParameter("the bench tenant's slug must start with 'bench-'",
                                 param_hint="--tenant")
    try:
        real = db.session.execute(db.select(Tenant).filter_by(slug=slug)).scalar_one_or_none()
    except OperationalError:  # no SQL schema yet: no programme can carry the slug
        real = None
    if real is not None:
        raise click.BadParameter(f"{slug!r} is a real programme", param_hint="--tenant")


def run(*, slug: str, year: int) -> dict:
    """The timings of one benchmark run over an existing tenant."""
    started = time.perf_counter()
    data = graph.read(gi.read_territory_counts, tenant=slug, level="programme", key=None,
                      years=[year])
    read = time.perf_counter() - started
    started = time.perf_counter()
    arrays = {g: c.territory_arrays(data, year=year, group=g, by="municipality")
              for g in c.FOCUS_GROUPS}
    convert = time.perf_counter() - started
    started = time.perf_counter()
    undefined = {}
    for group, arr in arrays.items():
        b = arr.t - arr.a
        table = indices.segregation_by_territory(territory_ids=arr.inverse, a=arr.a, b=b)
        indices.mutual_information_by_territory(territory_ids=arr.inverse,
                                                 counts=np.column_stack((arr.a, b)))
        undefined[group] = int(np.count_nonzero(table.reason))
    compute = time.perf_counter() - started
    first = next(iter(arrays.values()))
    return {"rows": len(data["schools"]), "territories": int(first.territories.size),
            "read": read, "arrays": convert, "compute": compute, "undefined_D": undefined,
            "families_read": data["families_read"]}


def report(figures: dict) -> list[str]:
    whole = figures["read"] + figures["arrays"] + figures["compute"]
    return [
        f"graph read:  {figures['read']:.3f} s  ({figures['rows']} school rows, one statement"
        f"{', plus family enrolments' if figures['families_read'] else ''})",
        f"to arrays:   {figures['arrays']:.3f} s  (source rule per municipality, 3 groups)",
        f"in memory:   {figures['compute']:.3f} s  (D, xPx, xPy, H, M for "
        f"{figures['territories']} municipalities × 3 focus groups)",
        f"whole:       {whole:.3f} s",
        f"undefined D per group (e.g. one-school municipalities): {figures['undefined_D']}",
    ]


def _prepare(*, slug: str, schools: int, municipalities: int, year: int, seed: int) -> str:
    apply_schema(client=graph)  # the key lookups of the bulk writes need the indexes
    size = graph.read(gi.bench_size, tenant=slug, year=year)
    if size == {"school_years": schools, "municipalities": municipalities}:
        return f"reusing bench tenant {slug!r}: {schools} schools, {municipalities} municipalities"
    if size["school_years"] or size["municipalities"]:
        delete(slug=slug)
    started = time.perf_counter()
    munis, rows = synthetic(schools=schools, municipalities=municipalities, seed=seed)
    for i in range(0, len(munis), BATCH):
        graph.write(gi.bench_create_municipalities, tenant=slug, rows=munis[i:i + BATCH])
    for i in range(0, len(rows), BATCH):
        graph.write(gi.bench_create_schools, tenant=slug, year=year, rows=rows[i:i + BATCH])
    return (f"created bench tenant {slug!r}: {schools} schools with {year} figures in "
            f"{municipalities} municipalities in {time.perf_counter() - started:.1f} s")


def synthetic(*, schools: int, municipalities: int, seed: int) -> tuple[list[dict], list[dict]]:
    """Municipalities (one zone each) and schools with skewed sizes and random compositions."""
    rng = np.random.default_rng(seed)
    weights = rng.pareto(1.2, municipalities) + 1e-3
    extra = rng.choice(municipalities, size=schools - municipalities, p=weights / weights.sum())
    owner = rng.permutation(np.concatenate((np.arange(municipalities), extra)))
    total = rng.integers(0, 900, size=schools)
    shares = {"disadvantaged": (2.0, 5.0), "migrant": (1.5, 6.0), "nese": (1.0, 12.0)}
    groups = {g: rng.binomial(total, rng.beta(*ab, size=schools)) for g, ab in shares.items()}
    places = rng.integers(0, 120, size=schools)
    first = rng.binomial(places * 2, 0.4)
    munis = [{"key": f"m{i:05d}", "zone": f"z{i:05d}", "name": f"Municipality {i}"}
             for i in range(municipalities)]
    rows = [{"key": f"s{i:06d}", "zone": f"z{owner[i]:05d}", "total": int(total[i]),
             "places": int(places[i]), "first": int(first[i]),
             **{g: int(groups[g][i]) for g in groups}} for i in range(schools)]
    return munis, rows


def delete(*, slug: str, limit: int = 10000) -> int:
    """Remove every node of the bench tenant in batches; returns how many went."""
    total = 0
    while True:
        gone = graph.write(gi.bench_delete_batch, tenant=slug, limit=limit)
        total += gone
        if gone == 0:
            return total
