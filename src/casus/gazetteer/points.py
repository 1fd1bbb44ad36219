"""Lookup by coordinates: ``lat,lon`` → the place there (offline reverse geocoding).

Curated areas (shoals, disputed islands, occupied zones, bases) are tried first, smallest
first; then land or sea (:mod:`.land`); on land the nearest GeoNames town (:mod:`.towns`)
gives the region and state; at sea the point has no sovereign and carries the water tags of
:func:`casus.gazetteer.waters.waters_at`.

>>> place_at(21.3069, -157.8583).sovereign
'USA'
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date
from functools import cache

from casus.errors import InputError
from casus.gazetteer import towns
from casus.gazetteer.index import cities_index, core_index
from casus.gazetteer.land import coast_at, in_area, is_land
from casus.gazetteer.lookup import ancestors, find_place, get_place, within_ids
from casus.gazetteer.model import Place, PlaceReport
from casus.gazetteer.packages import package_source
from casus.gazetteer.waters import check_coordinates, waters_at

_COORD = re.compile(
    r"^\s*\(?\s*([+-]?\d+(?:\.\d+)?)\s*°?\s*([NnSs])?\s*[,; ]\s*"
    r"([+-]?\d+(?:\.\d+)?)\s*°?\s*([EeWw])?\s*\)?\s*$")
# Text that starts like a coordinate pair (a number, then a separator or the end) but is not a
# valid one is a malformed "lat,lon", not a place name ("38th parallel" stays a name).
_LOOKS_NUMERIC = re.compile(
    r"^\s*\(?\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*°?\s*(?:[NnSs](?![a-z]))?"
    r"\s*(?:[,;]|$|\s+[+-]?[\d.])")


def parse_place(text: str, prefer: tuple[str, ...] = (), *, home: bool = False) -> Place:
    """A place from either a name (``"Crimea"``) or coordinates (``"44.95, 34.10"``).

    Coordinates are decimal degrees, latitude first, optionally with N/S and E/W letters
    (``"21.3N, 157.9W"``). Text that starts like a number but is not a valid pair raises
    :class:`InputError`. ``prefer`` and ``home`` settle a shared name by context
    (:func:`find_place`).
    """
    raw = str(text)
    match = _COORD.match(raw)
    if match:
        lat, ns, lon, ew = match.groups()
        lat_f, lon_f = float(lat), float(lon)
        if ns and ns in "Ss":
            lat_f = -abs(lat_f)
        if ew and ew in "Ww":
            lon_f = -abs(lon_f)
        return place_at(lat_f, lon_f)
    if _LOOKS_NUMERIC.match(raw):
        raise InputError(f"bad coordinates {raw!r}: expected 'lat,lon' in decimal degrees, "
                         "latitude in [-90, 90] and longitude in [-180, 180], "
                         "e.g. '21.3069,-157.8583'")
    return find_place(raw, prefer, home=home)


def describe(text: str, on: date | None = None) -> PlaceReport:
    """A place from a name or ``lat,lon`` (:func:`parse_place`), with what it lies within
    and, given a date, who held it then: the answer of ``casus place``.

    >>> describe("Okinawa", date(1970, 1, 1)).held
    ('JPN', 'USA')
    """
    place = parse_place(text)
    within = tuple((pid, get_place(pid).name) for pid in within_ids(place)[1:])
    return PlaceReport(place, within, on)


def _area_size(area: dict) -> float:
    (shape, value), = area.items()
    if shape == "bbox":
        return (value[2] - value[0]) * ((value[3] - value[1]) % 360 or 360)
    if shape == "circle":
        return (value[2] / 111.0) ** 2 * math.pi
    lats = [p[0] for p in value]
    lons = [p[1] for p in value]
    return (max(lats) - min(lats)) * (max(lons) - min(lons))


@cache
def _areas() -> list[tuple[float, str, dict]]:
    out = [(_area_size(rec["area"]), pid, rec["area"])
           for pid, rec in core_index()["places"].items() if rec.get("area")]
    return sorted(out, key=lambda t: (t[0], t[1]))


def _sources() -> tuple:
    return (package_source("global_land_mask"), package_source("reverse_geocode"))


def place_at(lat: float, lon: float) -> Place:
    """The place at a point, as a ``kind="point"`` Place (see the module docstring)."""
    lat, lon = check_coordinates(lat, lon)
    if lon == 180.0:
        lon = -180.0
    pid = f"point:{lat:.4f},{lon:.4f}"
    land = is_land(lat, lon)
    # On land the nearest town decides the region, so search far (20° rings); elsewhere it only
    # labels the point, so look 3° around.
    i, town_km = towns.nearest_town(lat, lon, max_rings=20 if land else 3)
    if i >= 0:
        town, cc, state = towns.town_division(i)
        near = f"{town_km:.0f} km from {town}"
    else:
        cc = state = ""
        near = "no town within about 300 km" if not land else "no town within 2,000 km"
    for _size, area_pid, area in _areas():
        if in_area(area, lat, lon):
            return _point_in(get_place(area_pid), pid, lat, lon, near)
    if land and not cc and lat < -60:
        return _point_in(get_place("antarctica"), pid, lat, lon, near)
    if not land:
        return Place(id=pid, name=f"{lat:.4f}, {lon:.4f} (at sea, {near})", kind="point",
                     sovereign=None, administered_by=None, continent=None, lat=lat, lon=lon,
                     oceans=waters_at(lat, lon), metropolitan=False,
                     notes="at sea: no state's land territory (territorial seas are not "
                           "modelled); waters from coarse boxes",
                     sources=_sources())
    index = core_index()
    region = index["region_of_gn"].get(f"{cc}|{state}") if state else None
    container = region or index["country"].get(cc)
    if container is None:  # land far from any known town (deep Sahara, inland ice)
        return Place(id=pid, name=f"{lat:.4f}, {lon:.4f} ({near})", kind="point",
                     sovereign=None, administered_by=None, continent=None, lat=lat, lon=lon,
                     notes="on land, but no GeoNames town within 2,000 km to say whose",
                     sources=_sources())
    return _point_in(get_place(container), pid, lat, lon, near)


def _point_in(container: Place, pid: str, lat: float, lon: float, near: str) -> Place:
    parents = [container, *ancestors(container)]
    label = ", ".join(p.name for p in parents if p.kind != "point")
    return Place(
        id=pid, name=f"{lat:.4f}, {lon:.4f} ({label}; {near})", kind="point",
        sovereign=container.sovereign, administered_by=container.administered_by,
        continent=container.continent, lat=lat, lon=lon, parent=container.id,
        claimants=container.claimants, disputed=container.disputed,
        recognised_by=container.recognised_by, status_since=container.status_since,
        earlier=container.earlier,
        oceans=container.oceans, island=container.island, metropolitan=container.metropolitan,
        landlocked=container.landlocked, coasts=coast_at(lat, lon) if is_land(lat, lon) else None,
        de_facto=container.de_facto, sources=container.sources + _sources())


@cache
def town_place(i: int) -> Place:
    """A GeoNames town as a city Place: its point's facts, its own name. A town is on land: where
    the land mask reads its point as sea (an atoll, a reef islet: Kapingamarangi), it takes the
    facts of the division GeoNames puts it in, or of its country."""
    pts = towns.point_index()
    lat, lon = pts["lat"][i], pts["lon"][i]
    point = place_at(lat, lon)
    if point.sovereign is None and point.administered_by is None:
        division = pts["divisions"][pts["division"][i]]
        container = core_index()["region_of_gn"].get(division) or \
            core_index()["country"].get(division.partition("|")[0])
        if container:
            point = _point_in(get_place(container), point.id, lat, lon, "")
    return replace(point, id=towns.town_id(i), name=pts["town"][i], kind="city",
                   sources=(*point.sources[:-2], package_source("reverse_geocode")))


@cache
def airport_place(pid: str) -> Place:
    """An airport or air base (airportsdata) as a feature Place: the facts of its point, or
    of its country when the nearest town puts the point in another (a base on a border)."""
    name, lat, lon, cc = cities_index()["airports"]["rows"][pid]
    point = place_at(lat, lon)
    country = core_index()["country"].get(cc)
    if country and country not in within_ids(point):
        point = _point_in(get_place(country), point.id, lat, lon, "")
    return replace(point, id=pid, name=name, kind="feature",
                   sources=(*point.sources[:-2], package_source("airportsdata")))
