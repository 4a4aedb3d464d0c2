"""The Catalan programme's phases from tenant-set lengths, with the hand-over flags."""
from __future__ import annotations

import pytest

from domain.phases import Phase, programme_phase
from graph.errors import Invalid


@pytest.mark.parametrize("year, phase, nth, last, past", [
    (2018, Phase.NOT_STARTED, None, False, False),
    (2019, Phase.ADVICE, 1, False, False),          # year 0
    (2020, Phase.TRAINING, 1, False, False),
    (2021, Phase.TRAINING, 2, False, False),
    (2022, Phase.ACCOMPANIMENT, 1, False, False),
    (2025, Phase.ACCOMPANIMENT, 4, True, False),    # last accompaniment year
    (2026, Phase.CONTINUITY, None, False, True),
    (2031, Phase.CONTINUITY, None, False, True),
])
def test_catalan_default_phases(year, phase, nth, last, past):
    reading = programme_phase(year_zero=2019, year=year)
    assert (reading.phase, reading.year_in_phase, reading.last_accompaniment_year,
            reading.past_accompaniment) == (phase, nth, last, past)
    assert reading.programme_year == year - 2019


def test_other_lengths_come_from_the_tenant():
    # a pilot without a year 0, one training year and two of accompaniment
    lengths = {"advice_years": 0, "training_years": 1, "accompaniment_years": 2}
    phases = [programme_phase(year_zero=2022, year=y, **lengths) for y in range(2022, 2026)]
    assert [p.phase for p in phases] == [Phase.TRAINING, Phase.ACCOMPANIMENT,
                                         Phase.ACCOMPANIMENT, Phase.CONTINUITY]
    assert [p.last_accompaniment_year for p in phases] == [False, False, True, False]
    assert phases[1].phase_years == 2


@pytest.mark.parametrize("field, value", [("training_years", -1), ("advice_years", 1.5),
                                          ("accompaniment_years", True)])
def test_bad_lengths_are_refused_naming_the_setting(field, value):
    with pytest.raises(Invalid) as caught:
        programme_phase(year_zero=2020, year=2021, **{field: value})
    assert caught.value.errors[0]["field"] == field
