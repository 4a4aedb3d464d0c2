"""An admission scenario on one page (PDF): what was simulated, how far the model is trusted,
and what changes against the baseline, for the town hall's file.

The input is the scenario as disclosure control published it (domain.disclosure.simulation):
a withheld figure reads "suppressed", an undefined one "n/a". The PDF is tagged like the
annual report (reports.tagging) and written in the programme's language.
"""
from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether, Spacer

from domain.vocabulary import GROUP_LABELS, school_year_label
from reports import pdf
from reports.i18n import Words, words
from reports.render import NOT_AVAILABLE, SUPPRESSED, Table
from reports.tagging import MarkedParagraph

GROUPS = ("all", "nese", "disadvantaged", "migrant")
FOCUS = ("nese", "disadvantaged", "migrant")
INDICES = ("D", "xPx", "H")
MECHANISMS = {"boston": "Immediate acceptance (Boston)",
              "deferred_acceptance": "Deferred acceptance"}
LEVELS = {"primary": "P3 (primary)", "secondary": "First of ESO (secondary)"}
GROUP_NAMES = {"all": "All applicants", **GROUP_LABELS}
CHOICES = {"first_choice": "first choice", "any_choice": "any choice"}
ZONE_CHANGES = {"zones_add": "{zone} becomes a proximity area of {school}",
                "zones_remove": "{zone} stops being a proximity area of {school}"}
INTAKE_COLUMNS = {"total": "Admitted", "nese": GROUP_LABELS["nese"],
                  "disadvantaged": GROUP_LABELS["disadvantaged"]}
# the words given to gettext as data (scripts/reports_catalogue.py adds them)
WORDS = frozenset({*MECHANISMS.values(), *LEVELS.values(), *GROUP_NAMES.values(),
                   *CHOICES.values(), *ZONE_CHANGES.values(), *INTAKE_COLUMNS.values()})


def to_pdf(scenario: dict[str, Any], *, programme: str, language: str | None) -> bytes:
    """The one-page PDF of a scenario that has run (`results` published)."""
    w = words(language)
    styles = pdf.paragraph_styles()
    title = w.gettext("What-if: {name}").format(name=scenario["name"])
    results = scenario["results"]
    base, scen = results["baseline"], results["scenario"]
    story: list = [MarkedParagraph(pdf.escape(title), styles["title"], tag="H1"),
                   MarkedParagraph(pdf.escape(programme), styles["small"]), Spacer(1, 4),
                   pdf.facts_table(_facts(scenario, w), styles)]
    story += _section(w.gettext("How far to trust the model"), styles, [
        MarkedParagraph(pdf.escape(_trust(results["calibration"], base, w)), styles["body"]),
        *pdf.table_flowables(_calibration(results["calibration"], w), styles, w)])
    story += _section(w.gettext("What the scenario changes"), styles, [
        *pdf.table_flowables(_segregation(base, scen, scenario["name"], w), styles, w),
        *pdf.table_flowables(_choices(base, scen, scenario["name"], w), styles, w)])
    story += _section(w.gettext("Intake per school"), styles,
                      pdf.table_flowables(_schools(base, scen, w), styles, w))
    story += [Spacer(1, 4), MarkedParagraph(pdf.escape(w.gettext(
        "Each figure is the mean over {draws} lottery draws, with its 90% interval. Counts "
        "of fewer pupils or families than the programme's threshold are suppressed, with "
        "what would give them away.").format(draws=scenario["draws"])), styles["small"])]
    footer = f"Imant · {programme} · {scenario['name']}"
    return pdf.build(story, title=title, subject=w.gettext("Admission scenario"),
                     author=programme, footer=footer, words_=w)


def _section(title: str, styles: dict, body: list) -> list:
    return [KeepTogether([MarkedParagraph(pdf.escape(title), styles["h2"], tag="H2"),
                          *body[:2]]), *body[2:]]


def _facts(s: dict[str, Any], w: Words) -> list[tuple[str, str]]:
    names = s["names"]
    market = " · ".join((names.get(s["municipality"], s["municipality"]),
                         w.gettext(LEVELS.get(s["level"], s["level"])),
                         school_year_label(s["year"])))
    return [(w.gettext("Admissions"), market),
            (w.gettext("Admission mechanism"),
             w.gettext(MECHANISMS.get(s["measures"].get("mechanism") or "boston", ""))),
            (w.gettext("Measures"), "; ".join(measures(s["measures"], names, w))
             or w.gettext("none: the year's actual rules")),
            (w.gettext("Lottery draws"), w.number(s["draws"])),
            (w.gettext("Run"), w.gettext("{when}, data version {n}").format(
                when=(s.get("ran_at") or "")[:10], n=s.get("data_version")))]


def measures(found: dict[str, Any], names: dict[str, str], w: Words) -> list[str]:
    """Each measure of a scenario in one sentence."""
    out = []
    reserve = found.get("reserve")
    if reserve:
        where = (", ".join(names.get(k, k) for k in reserve.get("schools") or [])
                 or w.gettext("every school"))
        out.append(w.gettext("{places} places per school reserved for {group} at {where}")
                   .format(places=reserve["places"], where=where,
                           group=w.gettext(GROUP_NAMES[reserve["group"]])))
    for key, text in ZONE_CHANGES.items():
        for school, zone in found.get(key) or []:
            out.append(w.gettext(text).format(school=names.get(school, school),
                                              zone=names.get(zone, zone)))
    for school, change in sorted((found.get("places") or {}).items()):
        out.append(w.gettext("{school} offers {change} places").format(
            school=names.get(school, school), change=f"{change:+d}"))
    return out


def _trust(c: dict[str, Any], base: dict[str, Any], w: Words) -> str:
    share = c.get("share_misplaced")
    return w.gettext(
        "The baseline simulates the year's actual rules on the year's applications. Compared "
        "with the enrolments recorded that year, it places {share} of pupils at another "
        "school than the one they enrolled in.").format(
        share=w.gettext(NOT_AVAILABLE) if share is None else _percent(share, w))


def _calibration(c: dict[str, Any], w: Words) -> Table:
    rows = [[w.gettext("All pupils"), w.number(round(c["mean_error"]["total"], 1)), "", ""]]
    for g in FOCUS:
        actual = c["D_actual"][g]
        rows.append([w.gettext(GROUP_NAMES[g]), w.number(round(c["mean_error"][g], 1)),
                     _estimate(c["D_simulated"][g], w),
                     _value(actual["value"], actual.get("reason"), w)])
    return Table([w.gettext("Group"), w.gettext("Mean error per school (pupils)"),
                  w.gettext("D simulated"), w.gettext("D recorded")], rows,
                 caption=w.gettext("Baseline against the recorded enrolments"))


def _segregation(base: dict, scen: dict, name: str, w: Words) -> Table:
    rows = [[w.gettext(GROUP_NAMES[g]), ix, _estimate(base["segregation"][g][ix], w),
             _estimate(scen["segregation"][g][ix], w)] for g in FOCUS for ix in INDICES]
    rows.append([w.gettext("All groups"), "M", _estimate(base["M"], w),
                 _estimate(scen["M"], w)])
    return Table([w.gettext("Group"), w.gettext("Index"), w.gettext("Baseline"), name], rows,
                 caption=w.gettext("Segregation of the simulated intake"))


def _choices(base: dict, scen: dict, name: str, w: Words) -> Table:
    rows = []
    for g in GROUPS:
        for key, label in CHOICES.items():
            rows.append([w.gettext(GROUP_NAMES[g]), w.gettext(label),
                         _estimate(base[key][g], w, share=True),
                         _estimate(scen[key][g], w, share=True)])
    rows.append([w.gettext("Families left without a school they listed"), "",
                 _estimate(base["unassigned"], w, digits=1),
                 _estimate(scen["unassigned"], w, digits=1)])
    return Table([w.gettext("Group"), w.gettext("Choice"), w.gettext("Baseline"), name], rows,
                 caption=w.gettext("Families' choices"))


def _schools(base: dict, scen: dict, w: Words) -> Table:
    rows = []
    for b, s in zip(base["schools"], scen["schools"], strict=True):
        rows.append([b["name"], w.number(s["places"]), w.number(s["reserved"]),
                     *(_mean(x["intake"][col], w) for col in INTAKE_COLUMNS for x in (b, s))])
    before, after = w.gettext("baseline"), w.gettext("scenario")
    header = [w.gettext("School"), w.gettext("Places"), w.gettext("Reserved")]
    for label in INTAKE_COLUMNS.values():
        header += [f"{w.gettext(label)} ({before})", f"{w.gettext(label)} ({after})"]
    return Table(header, rows, caption=w.gettext("Pupils admitted per school (mean)"), wrap=0)


def _estimate(e: dict[str, Any] | None, w: Words, *, share: bool = False,
              digits: int = 3) -> str:
    if not e or e.get("mean") is None:
        return _value(None, (e or {}).get("reason"), w)
    show = (lambda v: _percent(v, w)) if share else (lambda v: w.number(round(v, digits)))
    return f"{show(e['mean'])} ({show(e['low'])}–{show(e['high'])})"


def _value(value: float | None, reason: str | None, w: Words) -> str:
    if value is not None:
        return w.number(round(value, 3))
    return w.gettext(SUPPRESSED if (reason or "").startswith("withheld") else NOT_AVAILABLE)


def _mean(values: list[float] | None, w: Words) -> str:
    return w.gettext(SUPPRESSED) if values is None else w.number(round(values[0], 1))


def _percent(value: float, w: Words) -> str:
    return f"{w.number(round(value * 100, 1))} %"
