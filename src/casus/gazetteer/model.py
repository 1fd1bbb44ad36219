"""The gazetteer's types: a :class:`Place`, who held it before (:class:`Status`), and where a
fact comes from (:class:`Source`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

__all__ = ["CONTINENTS", "KINDS", "Place", "PlaceReport", "Source", "Status", "place_as_dict"]

KINDS = ("state", "territory", "region", "island", "feature", "city", "point")
#: GeoNames' continent codes (their names are data: :func:`casus.gazetteer.continent_name`).
CONTINENTS = ("AF", "AN", "AS", "EU", "NA", "OC", "SA")


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a URL and who published it."""

    url: str
    publisher: str
    title: str | None = None

    def __str__(self) -> str:
        return f"{self.publisher}: {self.title + ', ' if self.title else ''}{self.url}"


@dataclass(frozen=True, slots=True)
class Status:
    """Who held a place during an earlier period (before its present ``status_since``)."""

    until: date
    sovereign: str | None
    administered_by: str | None
    start: date | None = None
    note: str | None = None

    def covers(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and on <= self.until


@dataclass(frozen=True, slots=True)
class Place:
    """A place an attack can happen at, with whose territory it is and where it lies.

    ``sovereign`` is the internationally recognised sovereign (None when no one's title is
    recognised: high seas, Antarctica, the Senkaku Islands, Taiwan); ``administered_by`` is the
    state in effective control (None at sea or where no state controls it). They differ for
    occupied or disputed territory, and ``status_since`` dates the change of control.
    ``continent`` is geographic (Hawaii is ``OC``, the Canary Islands ``AF``), not political.
    ``metropolitan`` is False for overseas territories and dependencies. ``landlocked`` is True
    for a state with no coast on any sea casus tags (and the places inside it), so "in the
    Mediterranean" is a plain no there rather than unknown. ``parent`` is the id of
    the containing place; ``within`` lists other places it also lies in (Algeria lies within the
    historical "algerian-departments"); ``lat``/``lon`` a representative point inside it.
    ``coasts`` are the seas near a place on land (not the waters it lies in): those within
    20 km of its towns (a region, a state) or of its point (a city, a point on land); ``()``
    for an inland or landlocked place; None where the gazetteer did not work it out (curated
    places without an ISO code). The land mask counts lakes and the Caspian as land.
    """

    id: str
    name: str
    kind: str
    sovereign: str | None
    administered_by: str | None
    continent: str | None
    lat: float | None = None
    lon: float | None = None
    parent: str | None = None
    claimants: tuple[str, ...] = ()
    disputed: bool = False
    recognised_by: str | None = None
    status_since: date | None = None
    oceans: tuple[str, ...] = ()
    island: bool = False
    metropolitan: bool = True
    landlocked: bool = False
    aliases: tuple[str, ...] = ()
    within: tuple[str, ...] = ()
    iso_code: str | None = None
    de_facto: str | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    earlier: tuple[Status, ...] = ()
    coasts: tuple[str, ...] | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"

    def status_on(self, on: date) -> tuple[str | None, str | None] | None:
        """(sovereign, administered_by) on a date, or None when the gazetteer does not know.

        The present status holds from ``status_since`` (or always, if undated); earlier
        periods are recorded in ``earlier`` (Okinawa under US administration until 1972).

        >>> from casus.gazetteer import find_place
        >>> find_place("Okinawa").status_on(date(1970, 1, 1))
        ('JPN', 'USA')
        """
        if self.status_since is None or on >= self.status_since:
            return self.sovereign, self.administered_by
        for period in self.earlier:
            if period.covers(on):
                return period.sovereign, period.administered_by
        return None

    @property
    def occupied(self) -> bool:
        """Whether the state in control is not the recognised sovereign."""
        return (self.sovereign is not None and self.administered_by is not None
                and self.sovereign != self.administered_by)

    @property
    def north_of_tropic_of_cancer(self) -> bool | None:
        """Whether the representative point lies north of the Tropic of Cancer (None: no point).

        >>> from casus.gazetteer import find_place
        >>> find_place("Hawaii").north_of_tropic_of_cancer
        False
        """
        if self.lat is None:
            return None
        from casus.gazetteer.geography import tropic_of_cancer

        return self.lat > tropic_of_cancer()

    def in_waters(self, tag: str) -> bool:
        """Whether the place lies in (or is an island of) the named waters, ocean tags included."""
        return tag in self.oceans


def place_as_dict(place: Place) -> dict:
    """A Place as plain JSON-ready data (dates as ISO strings, sources as dicts)."""
    out = asdict(place)
    out["status_since"] = place.status_since.isoformat() if place.status_since else None
    out["earlier"] = [{**asdict(p), "until": p.until.isoformat(),
                       "start": p.start.isoformat() if p.start else None}
                      for p in place.earlier]
    for key in ("claimants", "oceans", "aliases", "within"):
        out[key] = list(out[key])
    out["coasts"] = list(place.coasts) if place.coasts is not None else None
    out["sources"] = [asdict(s) for s in place.sources]
    return out


@dataclass(frozen=True, slots=True)
class PlaceReport:
    """What ``casus place`` answers: a place, the places and seas it lies within (``(id,
    name)``, nearest first, then its seas), and, given a date, who held it then."""

    place: Place
    lies_within: tuple[tuple[str, str], ...] = ()
    on: date | None = None

    @property
    def held(self) -> tuple[str | None, str | None] | None:
        """(sovereign, administered_by) on ``on``; None without a date or when not recorded."""
        return self.place.status_on(self.on) if self.on is not None else None

    def to_dict(self) -> dict:
        out = place_as_dict(self.place)
        out["lies_within"] = [pid for pid, _ in self.lies_within]
        if self.on is not None:
            held = self.held
            out["held_on"] = {"date": self.on.isoformat(), "known": held is not None,
                              "sovereign": held[0] if held else None,
                              "administered_by": held[1] if held else None}
        return out
