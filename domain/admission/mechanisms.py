"""Boston (immediate acceptance) and student-proposing deferred acceptance, vectorised.

Both take flattened applications (``problem.Flat``), one unique priority
key per application (lower is better, ``points.priority_keys``), the
places of each school and optional reserved places for one group.

Rules the code follows:

- **Boston / immediate acceptance**: in round ``k`` every applicant still
  unassigned applies to their ``k``-th choice; each school admits the best
  of that round's applicants to its places still free, and admissions are
  final.  An applicant whose ``k``-th school is full simply waits for the
  next round.
- **Deferred acceptance** (student-proposing, Gale–Shapley): every free
  applicant applies to the best school that has not yet refused them; each
  school holds the best applicants among those it holds and the new ones,
  up to its places, and refuses the rest; it ends when nobody is free with
  a school left to ask.  The result is the student-optimal stable matching.
- **Reserved places** for a group: of a school's places, ``reserved`` are
  kept for members of the group and the others (``open``) are for
  everyone.  A school fills its open places first with the best
  applicants of any group, then its reserved places with the best
  remaining members of the group; so a member who would win an open place
  on points does not use up a reserved one.  Reserved places nobody of the
  group takes stay empty during the process (they are not lent to others).
- **Release** of unused reserved places, at the end of the process: one
  final pass of the same mechanism over the applicants still unassigned,
  with their whole lists, the same keys, and as places whatever each
  school has left (its unused reserved places; open places are never left
  over where an unassigned applicant asked).  Admissions made before stay.
  With no reserved places the release admits nobody, so the result equals
  the unreserved one.

Each returns, per applicant, the index of the admitted application, or -1.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from domain.admission.problem import Flat

Ints = NDArray[np.intp]
Bools = NDArray[np.bool_]

BOSTON = "boston"
DEFERRED_ACCEPTANCE = "deferred_acceptance"
MECHANISMS = (BOSTON, DEFERRED_ACCEPTANCE)


@dataclass(frozen=True, eq=False)
class Market:
    """One draw's applications with their keys and group flags, and the schools' places."""

    flat: Flat
    key: NDArray[np.int64]
    group: Bools
    places: Ints
    reserved: Ints


def assign(market: Market, *, mechanism: str) -> Ints:
    """Admitted application per applicant (-1 if none), reserved places released at the end."""
    run = _RUNNERS[mechanism]
    everyone = np.ones(market.flat.length.size, dtype=bool)
    admitted = run(market, taking_part=everyone, places=market.places, reserved=market.reserved)
    if not market.reserved.any():
        return admitted
    taken = np.bincount(market.flat.school[admitted[admitted >= 0]], minlength=market.places.size)
    left = market.places - taken
    waiting = admitted < 0
    released = run(market, taking_part=waiting, places=left, reserved=np.zeros_like(left))
    return np.where(waiting, released, admitted)


def choose(
    *, school: Ints, key: NDArray[np.int64], group: Bools, open_places: Ints, reserved: Ints,
) -> tuple[Bools, Bools]:
    """Which applications each school admits, and which of those take a reserved place.

    Open places go to the best applicants of any group, then reserved
    places to the best remaining group members (module docstring).
    """
    span = np.int64(key.max() + 1) if key.size else np.int64(1)
    order = np.argsort(school * span + key)  # unique keys: no tie to keep
    s = school[order]
    pos = np.arange(s.size)
    first = np.searchsorted(s, s, side="left")
    open_ok = (pos - first) < open_places[s]
    waiting = group[order] & ~open_ok
    before = np.concatenate(([0], np.cumsum(waiting)))
    reserve_ok = waiting & ((before[pos] - before[first]) < reserved[s])
    admitted = np.empty(s.size, dtype=bool)
    admitted[order] = open_ok | reserve_ok
    on_reserve = np.empty(s.size, dtype=bool)
    on_reserve[order] = reserve_ok
    return admitted, on_reserve


def boston(market: Market, *, taking_part: Bools, places: Ints, reserved: Ints) -> Ints:
    """Immediate acceptance over the applicants ``taking_part``."""
    flat = market.flat
    admitted = np.full(flat.length.size, -1, dtype=np.intp)
    open_left = places - reserved
    reserve_left = reserved.copy()
    free = taking_part.copy()
    for k in range(int(flat.length.max(initial=0))):
        who = np.flatnonzero(free & (flat.length > k))
        if who.size == 0:
            continue
        apps = flat.start[who] + k
        school = flat.school[apps]
        ok, on_reserve = choose(school=school, key=market.key[apps], group=market.group[apps],
                                open_places=open_left, reserved=reserve_left)
        admitted[who[ok]] = apps[ok]
        free[who[ok]] = False
        size = places.size
        open_left = open_left - np.bincount(school[ok & ~on_reserve], minlength=size)
        reserve_left = reserve_left - np.bincount(school[on_reserve], minlength=size)
    return admitted


def deferred_acceptance(market: Market, *, taking_part: Bools, places: Ints,
                        reserved: Ints) -> Ints:
    """Student-proposing deferred acceptance over the applicants ``taking_part``."""
    flat = market.flat
    n = flat.length.size
    held = np.full(n, -1, dtype=np.intp)
    # Next choice to ask; those not taking part start past the end of their list.
    pointer = np.where(taking_part, 0, flat.length)
    open_places = places - reserved
    while True:
        proposers = np.flatnonzero((held < 0) & (pointer < flat.length))
        if proposers.size == 0:
            return held
        new = flat.start[proposers] + pointer[proposers]
        # Only schools that receive a proposal can change whom they hold.
        asked = np.zeros(places.size, dtype=bool)
        asked[flat.school[new]] = True
        kept = held[held >= 0]
        apps = np.concatenate((kept[asked[flat.school[kept]]], new))
        ok, _ = choose(school=flat.school[apps], key=market.key[apps], group=market.group[apps],
                       open_places=open_places, reserved=reserved)
        held[flat.student[apps[ok]]] = apps[ok]
        refused = apps[~ok]
        held[flat.student[refused]] = -1
        pointer[flat.student[refused]] += 1


_RUNNERS = {BOSTON: boston, DEFERRED_ACCEPTANCE: deferred_acceptance}
