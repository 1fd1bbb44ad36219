"""Where states are, for location conditions that name no place: COW regions and contiguity.

ATOP codes *that* a pledge is limited to a location (``defcoloc`` …) but not which one. The
best evidence casus has is where the parties and the enemy are: the Correlates of War region of
a state (from its COW number) and, when the user supplies the COW Direct Contiguity file, whether
two states were directly contiguous on a day (land, or up to 400 miles of water). An
:class:`~casus.model.treaty.Area` with ``vicinity`` set is answered from these facts.

Regions follow COW's own state-number ranges: 2–199 the Americas, 200–399 Europe, 400–626
Africa, 630–699 the Middle East, 700–899 Asia, 900–999 Oceania.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from casus.errors import CasusError
from casus.model.states import resolve_state

__all__ = ["COW_REGIONS", "Contiguity", "cow_code", "cow_region", "region_of"]

#: Correlates of War regions by state-number range (COW's own convention).
COW_REGIONS: tuple[tuple[int, int, str], ...] = (
    (2, 199, "the Americas"), (200, 399, "Europe"), (400, 626, "Africa"),
    (630, 699, "the Middle East"), (700, 899, "Asia"), (900, 999, "Oceania"))


def cow_region(ccode: int) -> str | None:
    """The COW region of a state number, or None outside the ranges (ATOP's 8152)."""
    for lo, hi, name in COW_REGIONS:
        if lo <= ccode <= hi:
            return name
    return None


@lru_cache(maxsize=4096)
def cow_code(code: str) -> int | None:
    """The COW number of a casus state code (``DEU`` → 255, ``SUN`` → 365), or None."""
    try:
        return resolve_state(code).cow
    except CasusError:
        return None


def region_of(code: str) -> str | None:
    """The COW region of a casus state code, or None when casus has no COW number for it."""
    n = cow_code(code)
    return None if n is None else cow_region(n)


@dataclass(frozen=True)
class Contiguity:
    """Direct contiguity spells by pair of COW numbers: ``{(a, b): [(start, end), ...]}``.

    Built by :func:`casus.history.activations.read_contiguity` from COW Direct Contiguity 3.2
    (peacesciencer's ``cow_contdir.csv``); pairs are looked up both ways round.
    """

    spells: Mapping[tuple[int, int], tuple[tuple[date, date], ...]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, rows: Iterable[tuple[int, int, date, date]]) -> Contiguity:
        out: dict[tuple[int, int], list[tuple[date, date]]] = {}
        for a, b, start, end in rows:
            out.setdefault((a, b), []).append((start, end))
        return cls({k: tuple(v) for k, v in out.items()})

    def contiguous(self, a: str, b: str, on: date) -> bool:
        """Whether the states with casus codes ``a`` and ``b`` were contiguous on ``on``."""
        ca, cb = cow_code(a), cow_code(b)
        if ca is None or cb is None:
            return False
        for key in ((ca, cb), (cb, ca)):
            if any(s <= on <= e for s, e in self.spells.get(key, ())):
                return True
        return False
