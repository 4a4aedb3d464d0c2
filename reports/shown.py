"""What one programme's reports and bundles may show: domain.disclosure over the snapshot.

Made once per report run, so every report and bundle table of the run asks the same
decisions (and so do the pages, which make them from the same programme counts).
"""
from __future__ import annotations

from domain import disclosure
from graph.model import FocusGroup
from reports.snapshot import Network

SUPPRESSED = "suppressed"


class Suppressor:
    """What one programme's reports and bundles may show (domain.disclosure), made once."""

    def __init__(self, net: Network, threshold: int) -> None:
        self.net, self.threshold = net, threshold
        self.marker = f"<{threshold}"
        self.patterns = disclosure.Patterns(net.counts, threshold=threshold)
        self._reach: dict[str, disclosure.Reach] = {}

    @classmethod
    def of(cls, net: Network, threshold: int) -> Suppressor:
        """The one Suppressor of this snapshot and threshold, made on first use: every
        report of a run shares its decisions instead of re-deriving them per school."""
        made = net.__dict__.setdefault("_suppressors", {})
        if threshold not in made:
            made[threshold] = cls(net, threshold)
        return made[threshold]

    def hidden(self, value: int | None) -> bool:
        """Primary suppression of a count nothing else sums or splits (applications)."""
        return disclosure.is_small(value, threshold=self.threshold)

    def count(self, value: int | None) -> int | str | None:
        if value is None:
            return None
        return self.marker if self.hidden(value) else int(value)

    def reach(self, alliance: dict) -> disclosure.Reach:
        """People reached by one alliance's contributions, every year at once."""
        key = alliance["key"]
        if key not in self._reach:
            self._reach[key] = disclosure.reach(self.net.contributions.get(key, []),
                                                start=alliance.get("start_year"),
                                                threshold=self.threshold)
        return self._reach[key]

    def _pattern(self, school: str, year: int, group: str) -> disclosure.Composition | None:
        source = self.net.sources.get((school, year, group))
        return None if source is None else self.patterns.of(year=year, source=source)

    def school_withheld(self, school: str, year: int, group: str) -> bool:
        pattern = self._pattern(school, year, group)
        return pattern is not None and pattern.group_withheld(("school", school), group)

    def school_total(self, school: str, year: int, total: int) -> int | str | None:
        pattern = self._pattern(school, year, FocusGroup.DISADVANTAGED.value)
        if pattern is None or not pattern.total_withheld(("school", school)):
            return int(total)
        return self.marker if self.hidden(total) else SUPPRESSED

    def school_share(self, school: str, year: int, group: str) -> float | str | None:
        a_i, t_i = self.net.composition.get((school, year, group), (0, 0))
        if not t_i:
            return None
        if self.school_withheld(school, year, group):
            return SUPPRESSED
        return round(100.0 * a_i / t_i, 1)

    def _territory(self, level: str, key: str, year: int,
                   group: str) -> tuple[dict, disclosure.Composition] | None:
        terr = self.net.territory.get((level, key, year, group))
        if terr is None or terr["source"] is None:
            return None
        return terr, self.patterns.of(year=year, source=terr["source"])

    def territory_reason(self, level: str, key: str, year: int, group: str) -> str | None:
        """Why a territory's share and indices are withheld (None: they are shown)."""
        found = self._territory(level, key, year, group)
        return None if found is None else found[1].index_reason(disclosure.node(level, key),
                                                                group)

    def territory_share(self, level: str, key: str, year: int, group: str) -> float | str | None:
        found = self._territory(level, key, year, group)
        if found is None:
            return None
        terr, pattern = found
        total = terr["focus"] + terr["others"]
        if not total:
            return None
        if pattern.group_withheld(disclosure.node(level, key), group):
            return SUPPRESSED
        return round(100.0 * terr["focus"] / total, 1)
