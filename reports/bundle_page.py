"""The bundle's summary.html: the summary tables for people, with charts per level.

The CSV tables keep keys and snake_case field names (they are data); this page
shows the same values with names instead of keys, each field's description as
its column heading, school years as "2024-25", numbers written for the
programme's locale, and a chart or two per level (programme, municipality,
school) drawn by charts.py as inline SVG. Tables scroll inside their own box,
so the page fits a phone as well as a laptop. Nothing here computes a count of
people: the charts show the tables' own (disclosure-controlled) values, or
quartiles of the schools' published demand ratios.
"""
from __future__ import annotations

from collections import defaultdict
from statistics import quantiles
from typing import Any

from markupsafe import Markup

from domain.vocabulary import school_year_label
from reports.bundle_tables import Resource
from reports.charts import PALETTE, Panel, Series, trend_panel
from reports.i18n import Words, words
from reports.render import SUPPRESSED, _env
from reports.svg import to_svg

MAX_LINES = 6  # municipalities drawn in one chart (the busiest by hours); the table has all
YEAR_FIELDS = {"year"}


def _names(resources: list[Resource]) -> dict[str, dict[str, str]]:
    """Key -> name of schools, municipalities and partners; alliance -> its partners' names."""
    by_name = {r.name: r for r in resources}
    names: dict[str, dict[str, str]] = {}
    for table, column in (("schools", "school_key"), ("municipalities", "municipality_key"),
                          ("partners", "partner_key")):
        if table in by_name:
            names[column] = {row[0]: row[1] or row[0] for row in by_name[table].rows}
    partners: dict[str, list[str]] = defaultdict(list)
    for alliance, partner in (by_name["alliance_partners"].rows
                              if "alliance_partners" in by_name else []):
        partners[alliance].append(names.get("partner_key", {}).get(partner, partner))
    names["alliance_key"] = {a: ", ".join(sorted(p)) for a, p in partners.items()}
    return names


def _cell(value: Any, column: str, names: dict, w: Words) -> str:
    if value is None:
        return ""
    if column in YEAR_FIELDS and isinstance(value, int):
        return school_year_label(value)
    if column in names:
        return names[column].get(value, value)
    if isinstance(value, bool):
        return w.gettext("yes") if value else w.gettext("no")
    if isinstance(value, int | float):
        return w.number(value)
    return w.gettext(SUPPRESSED) if value == SUPPRESSED else str(value)


def _heading(column: str, description: str, w: Words) -> str:
    if column == "alliance_key":
        return w.gettext("Partner institutions")
    return w.gettext(description)


def _table(resource: Resource, names: dict, w: Words) -> dict[str, Any]:
    columns = [f.name for f in resource.fields]
    return {"name": resource.name, "title": w.gettext(resource.title),
            "description": w.gettext(resource.description),
            "header": [_heading(f.name, f.description, w) for f in resource.fields],
            "numeric": [f.type in ("integer", "number") and f.name not in YEAR_FIELDS
                        for f in resource.fields],
            "rows": [[_cell(v, c, names, w) for v, c in zip(row, columns, strict=True)]
                     for row in resource.rows]}


def _column(resource: Resource, name: str) -> int:
    return [f.name for f in resource.fields].index(name)


def _programme_charts(table: Resource, years: list[int], w: Words) -> list[Panel]:
    _ = w.gettext
    by_year = {row[_column(table, "year")]: row for row in table.rows}

    def series(column: str) -> list[Any]:
        return [(by_year.get(y) or [None] * len(table.fields))[_column(table, column)]
                for y in years]
    return [
        trend_panel("programme-hours", _("Contribution hours, whole programme"), "bar", years,
                    [Series(_("Hours"), series("hours"), PALETTE[0])], start=None, words_=w),
        trend_panel("programme-demand", _("Programme schools: mean demand ratio"), "line",
                    years, [Series(_("Mean demand ratio"), series("mean_demand_ratio"),
                                   PALETTE[0])], start=None, words_=w)]


def _municipality_charts(table: Resource, years: list[int], names: dict,
                         w: Words) -> list[Panel]:
    _ = w.gettext
    key, year, hours, d = (_column(table, c) for c in ("municipality_key", "year", "hours", "D"))
    rows: dict[str, dict[int, list]] = defaultdict(dict)
    for row in table.rows:
        rows[row[key]][row[year]] = row
    busiest = sorted(rows, key=lambda m: (-sum(float(r[hours] or 0) for r in rows[m].values()),
                                          m))[:MAX_LINES]
    label = names.get("municipality_key", {})

    def series(column: int) -> list[Series]:
        return [Series(label.get(m, m)[:24],
                       [rows[m][y][column] if y in rows[m] else None for y in years],
                       PALETTE[n % len(PALETTE)]) for n, m in enumerate(busiest)]
    return [
        trend_panel("municipality-hours", _("Contribution hours by municipality"), "line",
                    years, series(hours), start=None, words_=w),
        trend_panel("municipality-d", _("Dissimilarity index D by municipality"), "line",
                    years, series(d), start=None, words_=w)]


def _school_charts(table: Resource, years: list[int], w: Words) -> list[Panel]:
    """Quartiles of the programme schools' demand ratios (the values the table shows)."""
    _ = w.gettext
    year, ratio = _column(table, "year"), _column(table, "demand_ratio")
    values: dict[int, list[float]] = defaultdict(list)
    for row in table.rows:
        if isinstance(row[ratio], int | float) and not isinstance(row[ratio], bool):
            values[row[year]].append(float(row[ratio]))
    cuts = {y: _quartiles(v) for y, v in values.items()}
    lines = [(_("Upper quartile"), 2, PALETTE[1], (3, 2)), (_("Median"), 1, PALETTE[0], None),
             (_("Lower quartile"), 0, PALETTE[2], (3, 2))]
    return [trend_panel(
        "school-demand", _("Programme schools: demand ratio, median and quartiles"), "line",
        years, [Series(name, [cuts[y][i] if y in cuts else None for y in years], colour, dash)
                for name, i, colour, dash in lines], start=None, words_=w)]


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) == 1:
        return values[0], values[0], values[0]
    low, mid, high = quantiles(values, n=4, method="inclusive")
    return round(low, 2), round(mid, 2), round(high, 2)


def _svg(panels: list[Panel]) -> list[Markup]:
    return [Markup(to_svg(p.drawing, ident=f"chart-{p.key}", title=p.title,  # noqa: S704
                          description=p.description)) for p in panels]


def summary_html(resources: list[Resource], *, title: str, tenant: str, first_year: int,
                 last_year: int, threshold: int, language: str | None = None) -> bytes:
    """summary.html: programme, municipality and school levels, each with charts and table."""
    w = words(language)
    names = _names(resources)
    years = list(range(first_year, last_year + 1))
    by_name = {r.name: r for r in resources if r.name.startswith("summary_")}
    levels = [
        (by_name["summary_programme"], _programme_charts(by_name["summary_programme"], years, w)),
        (by_name["summary_municipality"], _municipality_charts(
            by_name["summary_municipality"], years, names, w)),
        (by_name["summary_school"], _school_charts(by_name["summary_school"], years, w))]
    html = _env().get_template("summary.html").render(
        title=title, tenant=tenant, lang=w.language, _=w.gettext,
        years=f"{school_year_label(first_year)} – {school_year_label(last_year)}",
        levels=[{**_table(r, names, w), "charts": _svg(p)} for r, p in levels],
        note=w.gettext("Counts of people from 1 to {last} are shown as <{threshold}; values "
                       "that would reveal them as '{suppressed}'; an empty cell is undefined "
                       "or not recorded. Field definitions: codebook.md.").format(
            last=threshold - 1, threshold=threshold, suppressed=w.gettext(SUPPRESSED)))
    return html.encode("utf-8")
