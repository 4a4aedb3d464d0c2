"""Every indicator and report service refuses a caller without the right before it reads:
the only graph read allowed first is the caller's own scope, and nothing exists or not
for the answer (a missing key and another's key are both Forbidden)."""
from __future__ import annotations

from collections.abc import Callable

import pytest

from app.extensions import graph
from app.indicators import service
from app.models import Role
from app.reports import service as reports
from app.tenancy import Access
from graph.errors import Forbidden

from . import seed as net

MUNICIPALITY = (Role.MUNICIPALITY, "m-a")
SCHOOL = (Role.SCHOOL, "s1")
PARTNER = (Role.PARTNER, "p-museu")
EVALUATOR = (Role.EVALUATOR, None)

REFUSED: list[tuple[tuple[Role, str | None], str, Callable[..., object], dict]] = [
    (MUNICIPALITY, "another municipality's indices", service.territory_segregation,
     {"territory": "m-nowhere", "year": 2023, "group": "disadvantaged"}),
    (MUNICIPALITY, "a zone of another municipality", service.territory_segregation,
     {"territory": "zone:z-b1", "year": None, "group": "disadvantaged"}),
    (MUNICIPALITY, "a missing territory's series", service.territory_series,
     {"territory": "m-nowhere", "group": "disadvantaged"}),
    (MUNICIPALITY, "a missing territory's demand", service.territory_demand,
     {"territory": "z-nowhere", "year": None}),
    (MUNICIPALITY, "a missing territory", service.get_territory, {"territory": "m-nowhere"}),
    (MUNICIPALITY, "a missing municipality's measures", service.commitment,
     {"municipality": "m-nowhere", "year": 2023}),
    (MUNICIPALITY, "another municipality's measures by year", service.measures_by_year,
     {"municipality": "m-b", "years": [2023]}),
    (MUNICIPALITY, "a school of another municipality", service.school_indicators,
     {"school": "s6"}),
    (SCHOOL, "a missing school's indicators", service.school_indicators,
     {"school": "s-nowhere"}),
    (SCHOOL, "another school's series", service.school_series, {"school": "s-nowhere"}),
    (SCHOOL, "another zone's indices", service.territory_series,
     {"territory": "z-a2", "group": "migrant"}),
    (PARTNER, "a missing alliance", service.alliance_activity, {"alliance": "a-nowhere"}),
    (EVALUATOR, "a single school", service.school_indicators, {"school": "s1"}),
    (EVALUATOR, "a single school's series", service.school_series, {"school": "s-nowhere"}),
    (PARTNER, "the report runs", reports.list_runs, {}),
    (SCHOOL, "a missing report run", reports.get_run, {"run_id": 999_999}),
    (MUNICIPALITY, "starting a run", reports.trigger, {"kind": "nonsense", "value": "x"}),
    (EVALUATOR, "starting a run", reports.trigger, {"kind": "annual", "value": 2023}),
    (EVALUATOR, "the annual reports' years", reports.annual_periods, {}),
]


@pytest.fixture
def reads(tenant, monkeypatch) -> list[str]:
    """The graph functions read, in order (the real reads still happen)."""
    net.seed(tenant.slug)
    seen: list[str] = []
    real = graph.read

    def spy(fn, /, **kwargs):  # noqa: ANN001, ANN202 - the driver's own signature
        seen.append(fn.__name__)
        return real(fn, **kwargs)

    monkeypatch.setattr(graph, "read", spy)
    return seen


@pytest.mark.parametrize(("who", "what", "call", "kwargs"), REFUSED,
                         ids=[f"{who[0].value}-{what}" for who, what, _, _ in REFUSED])
def test_refused_before_any_read(tenant, reads, who, what, call, kwargs):
    role, scope = who
    access = Access(tenant, role, scope, None)
    with pytest.raises(Forbidden):
        call(access=access, **kwargs)
    assert set(reads) <= {"scope_of"}, f"{what}: read {reads} before refusing"


def test_an_allowed_caller_reads_and_gets_the_answer(tenant, reads):
    """The spy sees reads when they happen (so the test above can fail)."""
    access = Access(tenant, *MUNICIPALITY, None)
    place, result = service.territory_segregation(access=access, territory="m-a", year=2023,
                                                  group="disadvantaged")
    assert place.key == "m-a" and result["schools"] == 5
    assert "read_territory_counts" in reads
