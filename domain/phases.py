"""The Catalan programme's phases of an alliance: year 0 (advice and partner search), about
two years of intensive training, about four of accompaniment, then continuity on its own.
The lengths are tenant settings (the Euskadi pilot differs), so they come in as arguments."""
from __future__ import annotations

import enum
from dataclasses import dataclass

from domain.planning import invalid

DEFAULT_LENGTHS = {"advice_years": 1, "training_years": 2, "accompaniment_years": 4}


class Phase(enum.StrEnum):
    NOT_STARTED = "not_started"
    ADVICE = "advice"
    TRAINING = "training"
    ACCOMPANIMENT = "accompaniment"
    CONTINUITY = "continuity"


@dataclass(frozen=True)
class PhaseReading:
    phase: Phase
    programme_year: int             # 0 in year zero, negative before it
    year_in_phase: int | None       # 1-based; None before the start and in continuity
    phase_years: int | None         # the phase's length; None where open-ended
    last_accompaniment_year: bool
    past_accompaniment: bool


def validate_lengths(*, advice_years: int, training_years: int,
                     accompaniment_years: int) -> None:
    """Phase lengths are whole numbers of school years, none negative."""
    for name, value in (("advice_years", advice_years), ("training_years", training_years),
                        ("accompaniment_years", accompaniment_years)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise invalid(name, value, "must be a whole number of years, 0 or more")


def programme_phase(*, year_zero: int, year: int, advice_years: int = 1,
                    training_years: int = 2, accompaniment_years: int = 4) -> PhaseReading:
    """The phase an alliance is in during school year `year`.

    Rule: the phases follow each other from `year_zero` (the first advice year): advice for
    `advice_years`, intensive training for `training_years`, accompaniment for
    `accompaniment_years`, then continuity with no end. A phase of length 0 is skipped.
    `last_accompaniment_year` is true in the final accompaniment year (the coordinator plans
    the hand-over); `past_accompaniment` is true in every continuity year. Before
    `year_zero` the alliance has not started.
    """
    validate_lengths(advice_years=advice_years, training_years=training_years,
                     accompaniment_years=accompaniment_years)
    offset = year - year_zero
    if offset < 0:
        return PhaseReading(Phase.NOT_STARTED, offset, None, None, False, False)
    start = 0
    for phase, length in ((Phase.ADVICE, advice_years), (Phase.TRAINING, training_years),
                          (Phase.ACCOMPANIMENT, accompaniment_years)):
        if offset < start + length:
            nth = offset - start + 1
            last = phase == Phase.ACCOMPANIMENT and nth == length
            return PhaseReading(phase, offset, nth, length, last, False)
        start += length
    return PhaseReading(Phase.CONTINUITY, offset, None, None, False, True)
