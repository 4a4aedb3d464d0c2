"""Disclosure control: the one place that decides which counts may be published.

Every page, API answer, report (HTML, PDF, JSON), export and bundle table asks this module
whether a figure may be shown. The policy:

**Categories.** Counts of pupils (enrolled, by background) and of families (first-choice
applications; students and families reached by an alliance's activities) are personal
data about a small population and are controlled (``PERSONAL``). Staff (teachers reached),
hours, activities, places offered and measures are not, and are never withheld.

**Primary suppression.** A controlled count from 1 to threshold − 1 (tenant setting
``suppression_threshold``, default 5) is withheld. 0 is shown: it singles nobody out.

**Secondary suppression.** Published figures are sums of each other: a school's total is
its group members plus the others; a zone's, municipality's and programme's counts are
the sums of their schools'; a year's contributions are the sum of their kinds; people
reached are teachers plus students plus families; "since the start" is the running sum of
the years. Each artifact family is modelled as one system of such equations, built for
the whole programme (or the whole alliance), so it covers every artifact and every year
that prints any of its cells. A withheld cell is *exposed* when linear reasoning over the
published cells determines it exactly: its unit vector lies in the row space of the
equations restricted to the withheld cells (checked by rank, per connected component).
While a cell is exposed, the **smallest positive controlled cell** sharing an equation with
it is withheld too (ties by key), the rule statistical offices use, and the check runs
again. Where a withheld count has a partner that would give it away (a school's group
members and its other pupils, with the total shown), the two are withheld together.

**Shares and derived values.** A share, gap, ratio or change computed from a withheld count
is withheld with it, never shown in bands: with its base published, a band of a share is an
interval for the count, which other tables can narrow, and a withheld value is the same on
every page, which a band would not be.

**Indices.** D, H, xPx, xPy and M of a territory are published when the territory has at
least two schools with pupils and both its group count and its other pupils are published
(at or above the threshold and not withheld). Otherwise the index is withheld with the
reason ``SMALL_NUMBERS``: with one school an index is that school's share, and with a
withheld group total it is a function of small counts. A school's local term of M is
withheld with the school's counts. The per-school decomposition of the multigroup M is
withheld for a school with a partition count below the threshold.

**Consistency.** Decisions are made on the whole system (every school of the programme for
a year and source, every year of an alliance), never per table, so one school-year figure
is shown or withheld alike on every page, report, export and API answer that prints it.
"""
from __future__ import annotations

from domain.disclosure.categories import (
    CONTROLLED_REACH,
    PERSONAL,
    REACH,
    WITHHELD,
    Category,
    controlled,
)
from domain.disclosure.composition import (
    PROGRAMME,
    SMALL_NUMBERS,
    Composition,
    Patterns,
    composition,
    node,
    partition_small,
)
from domain.disclosure.reach import PEOPLE, Reach, reach
from domain.disclosure.solver import Equation, exposed, is_small, protect

__all__ = ["CONTROLLED_REACH", "PEOPLE", "PERSONAL", "PROGRAMME", "REACH", "SMALL_NUMBERS",
           "WITHHELD", "Category", "Composition", "Equation", "Patterns", "Reach", "composition",
           "controlled", "exposed", "is_small", "node", "partition_small", "protect", "reach"]
