"""Stage rules of the MSAP framework: the stage a self-assessment suggests per core component,
time in stage against the framework's typical durations, and the life of a self-assessment
(draft → submitted → returned or accepted)."""
from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from domain.planning import invalid, is_choice
from domain.rubric import cell_items, get_item
from graph.model import BENCHMARKS, AssessmentStatus, Component, Rating, Stage

STAGE_ORDER = tuple(Stage)

# Typical years in a stage (MSAP 2018 timeframes): planning up to 2, early implementation
# about 2, full implementation 5 or more (no upper bound), optimization continuous.
TYPICAL_YEARS: dict[Stage, tuple[int | None, int | None]] = {
    Stage.PLANNING: (None, 2),
    Stage.EARLY_IMPLEMENTATION: (None, 2),
    Stage.FULL_IMPLEMENTATION: (5, None),
    Stage.OPTIMIZATION: (None, None),
}


@dataclass(frozen=True)
class CellReading:
    """How one component × stage cell of the rubric reads from the ratings."""

    stage: Stage
    items: int
    in_place: int
    partly: int
    not_yet: int            # rated not yet, or not rated at all
    mostly_in_place: bool
    benchmarks_met: bool    # every benchmark of this stage is met
    reached: bool           # this stage and every earlier one qualify (see suggest_stage)


@dataclass(frozen=True)
class StageSuggestion:
    component: str
    stage: Stage
    cells: tuple[CellReading, ...]


def mostly_in_place(*, in_place: int, partly: int, not_yet: int) -> bool:
    """A cell is *mostly in place* when at least two thirds of its items are rated in place
    and none is rated not yet (an unrated item counts as not yet); the rest may be partly.
    With five items: four in place and one partly, or all five in place."""
    total = in_place + partly + not_yet
    return total > 0 and not_yet == 0 and 3 * in_place >= 2 * total


def _read_cell(component: str, stage: Stage, ratings: Mapping[str, str],
               benchmarks: Collection[str]) -> tuple[int, int, int, bool, bool]:
    keys = [item.key for item in cell_items(component=component, stage=stage)]
    given = [ratings.get(key) for key in keys]
    in_place = sum(r == Rating.IN_PLACE for r in given)
    partly = sum(r == Rating.PARTLY for r in given)
    not_yet = len(keys) - in_place - partly
    mostly = mostly_in_place(in_place=in_place, partly=partly, not_yet=not_yet)
    return in_place, partly, not_yet, mostly, set(BENCHMARKS[stage]) <= set(benchmarks)


def suggest_stage(*, component: str, ratings: Mapping[str, str],
                  benchmarks: Collection[str]) -> StageSuggestion:
    """The stage Imant suggests for one core component.

    Rule: stages are cumulative. Stage S is *reached* when the component's rubric items for S
    are mostly in place (see `mostly_in_place`) and every earlier stage is reached with all
    of its benchmarks met. The suggestion is the highest reached stage; a component that has
    reached none is in planning, where every component starts.

    The benchmarks of a stage are the framework's exit criteria (with them achieved, the
    school is ready for the next stage), so they gate the move out of a stage; the stage's own
    benchmarks are reported per cell (`benchmarks_met`) but do not hold the component back
    from the stage whose conditions are in place. `ratings` maps rubric item keys to
    not_yet/partly/in_place (other components' keys are ignored); `benchmarks` are the keys
    met, of any stage.
    """
    cells, reached_so_far, gate_open = [], True, True
    for stage in STAGE_ORDER:
        in_place, partly, not_yet, mostly, met = _read_cell(component, stage, ratings,
                                                            benchmarks)
        reached = reached_so_far and gate_open and mostly
        cells.append(CellReading(stage=stage, items=in_place + partly + not_yet,
                                 in_place=in_place, partly=partly, not_yet=not_yet,
                                 mostly_in_place=mostly, benchmarks_met=met, reached=reached))
        reached_so_far, gate_open = reached, met
    top = [cell.stage for cell in cells if cell.reached]
    return StageSuggestion(component=component, stage=top[-1] if top else Stage.PLANNING,
                           cells=tuple(cells))


def suggest_stages(*, ratings: Mapping[str, str],
                   benchmarks: Collection[str]) -> dict[str, StageSuggestion]:
    """The suggestion for each of the five core components from one assessment's ratings."""
    return {component.value: suggest_stage(component=component, ratings=ratings,
                                           benchmarks=benchmarks) for component in Component}


def stage_histories(*, assessed: Iterable[Mapping[str, Any]]) -> dict[str, dict[int, str]]:
    """{component: {year: stage}} from stage assessments (rows with year, component, stage),
    the shape time_in_stage reads."""
    histories: dict[str, dict[int, str]] = {}
    for row in assessed:
        histories.setdefault(row["component"], {})[row["year"]] = row["stage"]
    return histories


@dataclass(frozen=True)
class TimeInStage:
    stage: Stage
    since: int              # the school year the component entered this stage
    years: int              # school years in the stage, counting `year` itself
    typical_min: int | None
    typical_max: int | None
    overstay: int           # years past the typical maximum (0 when none or within it)


def time_in_stage(*, history: Mapping[int, str], year: int,
                  limits: Mapping[Stage, tuple[int | None, int | None]] = TYPICAL_YEARS,
                  ) -> TimeInStage | None:
    """How long one component has been in its current stage by school year `year`.

    Rule: `history` maps school years to the accepted stage of that year (years without an
    accepted assessment are skipped: the last accepted stage stands). The current stage is
    the latest accepted stage at or before `year`; the component entered it in the first year
    of the latest unbroken run of that stage (a move back to an earlier stage, or forward,
    starts a new run). Years in stage = `year` − entry year + 1. It overstays when that
    exceeds the typical maximum: planning 2 years, early implementation 2; full
    implementation (5 or more) and optimization (continuous) have none. None without any
    accepted stage at or before `year`.
    """
    known = sorted((y, Stage(s)) for y, s in history.items() if y <= year)
    if not known:
        return None
    stage, since = known[-1][1], known[-1][0]
    for y, s in reversed(known):
        if s != stage:
            break
        since = y
    years = year - since + 1
    low, high = limits.get(stage, (None, None))
    return TimeInStage(stage=stage, since=since, years=years, typical_min=low,
                       typical_max=high, overstay=max(0, years - high) if high else 0)


# action → (the status it starts from, the status it leads to)
ASSESSMENT_STEPS: dict[str, tuple[AssessmentStatus, AssessmentStatus]] = {
    "submit": (AssessmentStatus.DRAFT, AssessmentStatus.SUBMITTED),
    "return": (AssessmentStatus.SUBMITTED, AssessmentStatus.RETURNED),
    "accept": (AssessmentStatus.SUBMITTED, AssessmentStatus.ACCEPTED),
}


def next_assessment_status(*, current: str, action: str) -> AssessmentStatus:
    """The status a self-assessment moves to.

    Rule: a draft is submitted by the school team; a submitted one is returned (with a
    comment) or accepted by the coordinator. Returned and accepted revisions are final: to
    change a returned or accepted assessment, start a new revision for the same year (a draft
    copied from the latest one). Anything else is refused, naming the status.
    """
    if action not in ASSESSMENT_STEPS:
        raise invalid("action", action, f"not one of {', '.join(ASSESSMENT_STEPS)}")
    before, after = ASSESSMENT_STEPS[action]
    if current != before:
        raise invalid("status", current, f"only a {before} self-assessment can become {after}")
    return after


def validate_rating(*, item: str, component: str, rating: str) -> None:
    """A rating names an existing rubric item of the component it is given for, and one of
    not_yet, partly, in_place."""
    found = get_item(item) if isinstance(item, str) else None
    if found is None:
        raise invalid("item", item, "no such rubric item")
    if found.component != component:
        raise invalid("item", item, f"belongs to {found.component.value}, not {component}")
    if not is_choice(rating, Rating):
        raise invalid("rating", rating, f"not one of {', '.join(Rating)}")


EVIDENCE_MAX = 2000
LINK_SCHEMES = ("https://", "http://")


def validate_evidence(*, evidence: str | None, link: str | None) -> None:
    """An evidence note is a text of at most 2,000 characters; the optional link is a web
    address (http or https), so a page can show it as a link safely."""
    if evidence is not None and (not isinstance(evidence, str) or len(evidence) > EVIDENCE_MAX):
        raise invalid("evidence", evidence, f"must be a text of at most {EVIDENCE_MAX} "
                      "characters")
    if link is not None and (not isinstance(link, str) or not link.startswith(LINK_SCHEMES)
                             or any(c.isspace() for c in link)):
        raise invalid("link", link, "must be a web address starting with https:// or http://")


def validate_benchmarks(*, benchmarks: Collection[str]) -> None:
    """Every benchmark key is one of the framework's (any stage)."""
    known = {key for keys in BENCHMARKS.values() for key in keys}
    for key in benchmarks:
        if not isinstance(key, str) or key not in known:
            raise invalid("benchmarks", key, "not a benchmark of the framework")


def is_editable(status: str) -> bool:
    """Only a draft's ratings and benchmarks can be changed."""
    return status == AssessmentStatus.DRAFT
