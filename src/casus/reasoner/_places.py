"""The reasoner's view of the gazetteer (:mod:`casus.gazetteer`): memoised, and forgiving.

The reasoner asks the gazetteer for a place the user typed, the territory of a state, the
places (and seas) a place lies within, and a place's facts, through the gazetteer's public API.
This view adds only what the reasoner needs on top: answers memoised per run, and a fact the
gazetteer does not record read as *unknown* — an ``uncertain`` answer — rather than an error
or a silent "no".
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import casus.gazetteer as _gaz
from casus._cache import Memo
from casus.errors import CasusError, UnknownNameError
from casus.reasoner.words import state_label


@cache
def lookup(text: str, target: str | None = None, *, on_territory: bool = False) -> Any:
    """The place for a name or ``"lat,lon"``; a name several places share is settled by the
    attacked state when only one of them is its own ("Jermuk" in an attack on Armenia), and,
    for an attack on its territory, a name whose usual place lies abroad is its own city or
    town of that name ("León" in an attack on Nicaragua).

    An unknown name raises :class:`UnknownNameError` with close matches; bad coordinates raise
    :class:`InputError` (both from the gazetteer).
    """
    return _gaz.parse_place(text, (target,) if target else (), home=on_territory)


@cache
def known_place(text: str, target: str | None = None, *, on_territory: bool = False
                ) -> Any | None:
    """:func:`lookup`, or None for a name the gazetteer does not know at all — a village, a
    valley, a small base — so the reasoner answers what does not depend on where it is and
    leaves open what does (:func:`unknown_place_note`), as it does for any fact the gazetteer
    lacks. In an attack on the target's territory, a name the gazetteer knows only as a small
    town abroad, or only for places abroad, or as one slip from places abroad only ("Solhan",
    "San Lorenzo", "Butuo" in attacks on Burkina Faso, Ecuador, Liberia) is such a name too.
    Still raises for what the user can fix: a name one slip from a known one ("Vilnuis": a
    typo), an ambiguous name, an unknown body of water, bad coordinates."""
    place, error = _attempt(text, target, on_territory)
    if error is None:
        return None if on_territory and _namesake_abroad(place, target) else place
    if on_territory and len(_own_namesakes(error, target)) > 1:
        return None  # several of the target's places bear it: somewhere in its territory
    shared = getattr(error, "place_ids", ())
    if on_territory and shared and all(
            _namesake_abroad(_gaz.get_place(pid), target, any_size=True) for pid in shared):
        return None  # "San Lorenzo" in Ecuador: no place of the name it knows is Ecuador's
    if error.reason or shared:
        raise error
    slips = _gaz.near_miss_ids(text)
    if slips and not (on_territory and _abroad_only(slips, target)):
        raise UnknownNameError("place", text, _gaz.near_misses(text))
    return None


#: A city or town abroad this small is more likely a namesake of a place of the attacked state
#: the gazetteer lacks than the place meant (Solhan, Burkina Faso, is not Solhan, Turkey).
NAMESAKE_POPULATION = 100_000


def _namesake_abroad(place: Any, target: str | None, *, any_size: bool = False) -> bool:
    """In an attack on ``target``'s territory: the place found is a GeoNames city or town
    that neither it nor any place containing it ever was the target's, by title or by
    holding — and, unless ``any_size`` (one of several places a name could mean, none the
    target's), one of under :data:`NAMESAKE_POPULATION` on another continent — so the name is
    read as a place of the target the gazetteer does not know."""
    if target is None or place is None or place.kind not in ("city", "town"):
        return False
    if not any_size and ((_gaz.population(place.id) or 0) >= NAMESAKE_POPULATION
                         or not _other_continent(place, target)):
        return False
    chain = [place, *_gaz.ancestors(place)]
    holders = {h for p in chain for h in (p.sovereign, p.administered_by,
                                          *(x for e in p.earlier
                                            for x in (e.sovereign, e.administered_by)))}
    return target not in holders


def _abroad_only(ids: list[str], target: str | None) -> bool:
    """Every place an unknown name is one slip from ("Butuo": Putuo, China) lies outside the
    attacked state, on another continent, so in an attack on its territory the name is not
    read as their typo."""
    places = [_gaz.get_place(i) for i in ids]
    return bool(places) and all(
        target not in {p.sovereign, p.administered_by} and _other_continent(p, target)
        for p in places)


def _other_continent(place: Any, target: str) -> bool:
    """The place lies on another continent than the attacked state's territory: a name there
    is not what a user naming a place of that state is likely to have meant or mistyped
    ("Vilnuis" in an attack on Poland is still Vilnius mistyped; "Hadrut" in an attack on
    Armenia is still Azerbaijan's Hadrut)."""
    home = territory(target)
    return bool(home and home.continent and place.continent
                and home.continent != place.continent)


@cache
def _attempt(text: str, target: str | None, on_territory: bool
             ) -> tuple[Any | None, UnknownNameError | None]:
    """:func:`lookup`'s place, or the error it raised: looked up once for both
    :func:`known_place` and :func:`unknown_place_note`."""
    try:
        return lookup(text, target, on_territory=on_territory), None
    except UnknownNameError as e:
        return None, e


def _own_namesakes(error: UnknownNameError | None, target: str | None) -> list[Any]:
    """The target's own places among those an ambiguous name could mean ("San Fernando": two
    cities and several towns of the Philippines)."""
    return [p for p in map(_gaz.get_place, getattr(error, "place_ids", ()))
            if target and target in (p.sovereign, p.administered_by)]


def unknown_place_note(name: str, target: str, on: str) -> str:
    """What an answer for a place the gazetteer cannot locate rests on, said once per event:
    a name it does not know, or one several of the target's places bear."""
    head = f"the gazetteer does not know {name!r}"
    found, error = _attempt(name, target, on == "territory")
    own = _own_namesakes(error, target)
    if len(own) > 1:
        head = (f"{len(own)} places of {state_label(target)} bear the name {name!r} "
                f"({', '.join(p.id for p in own[:4])})")
    elif found is not None:
        head = (f"the gazetteer knows {name!r} only as a town of "
                f"{state_label(found.sovereign)} ({found.id}), not of {state_label(target)}")
    elif error is not None and error.reason and getattr(error, "place_ids", ()):
        head = (f"the places named {name!r} the gazetteer knows all lie outside "
                f"{state_label(target)}")
    if on == "territory":
        return (f"{head}; the event says the attack is on the territory of "
                f"{state_label(target)}, so it is read as somewhere in that territory, and "
                "limits that depend on where in it stay open (give the place as 'lat,lon' to "
                "decide them)")
    return (f"{head}, so where the attack on the forces of {state_label(target)} happened is "
            "unknown and every limit that depends on it is uncertain (give the place as "
            "'lat,lon' to decide them)")


def at_sea(place: Any) -> bool:
    """A point or feature at sea that no state holds (the high seas, a sea, a submerged reef):
    no state's territory lies there, only its forces can be attacked there."""
    return (place is not None and place.kind in ("point", "feature")
            and place.sovereign is None and place.administered_by is None
            and not place.island and bool(place.oceans))


def held_by_others(code: str, on: date) -> tuple[str, ...]:
    """The names of the places of a state's territory (by title) that another state held on a
    date, as the gazetteer records them (Okinawa Prefecture, held by the United States until
    15 May 1972): where a place the gazetteer does not know lies in them, whose administration
    it was under is open."""
    out = []
    for place in _TITLED.get_or(code, lambda: _titled(code)):
        status = place.status_on(on)
        if status is not None and status[0] == code and status[1] not in (None, code):
            out.append(place.name)
    return tuple(out)


def _titled(code: str) -> list[Any]:
    """The gazetteer's regions, territories and curated places whose title is or was this
    state's and whose holder ever differed from it (cities are left out: their regions say)."""
    return [p for kind in _gaz.KINDS if kind != "city" for p in _gaz.all_places(kind)
            if code in {p.sovereign, *(e.sovereign for e in p.earlier)}
            and ({p.administered_by, *(e.administered_by for e in p.earlier)} - {code})]


_TITLED = Memo()


@cache
def territory(code: str) -> Any | None:
    """The gazetteer's entry for a state's territory, or ``None`` if it has none."""
    try:
        return _gaz.territory_of(code)
    except (CasusError, LookupError, ValueError):
        return None


def ancestors(place: Any) -> tuple[str, ...]:
    """The ids of a place, every place containing it (nearest first), and its seas
    (:func:`casus.gazetteer.within_ids`), so a point at sea lies within the sea a treaty file
    names by id."""
    if place is None:
        return ()
    return _ANCESTORS.get_or(place.id, lambda: _within(place))


def _within(place: Any) -> tuple[str, ...]:
    try:
        return _gaz.within_ids(place)
    except (CasusError, LookupError, ValueError):
        seas = (_gaz.sea_id(w) for w in fact(place, "oceans") or ())
        return tuple(dict.fromkeys((place.id, *seas)))


_ANCESTORS = Memo()


@cache
def known(place_id: str) -> bool:
    """Whether the gazetteer has a place with this id."""
    return _gaz.has_place(place_id)


def fact(place: Any, name: str) -> Any:
    """A place's fact, or ``None`` when the gazetteer does not record it."""
    return getattr(place, name, None) if place is not None else None


def summary(place: Any) -> dict | None:
    """The place facts the reasoner used, for the output and the trace."""
    if place is None:
        return None
    keys = ("id", "name", "kind", "sovereign", "administered_by", "claimants", "disputed",
            "status_since", "continent", "oceans", "island", "metropolitan", "landlocked",
            "lat", "lon", "parent")
    out: dict[str, Any] = {}
    for k in keys:
        v = getattr(place, k, None)
        if hasattr(v, "isoformat"):
            v = v.isoformat()
        elif isinstance(v, (tuple, set, frozenset)):
            v = sorted(v) if isinstance(v, (set, frozenset)) else list(v)
        out[k] = v
    return out
