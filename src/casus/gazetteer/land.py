"""Land or sea at a point: ``global_land_mask``'s NOAA GLOBE grid, coarsened to 3′ and cached.

The mask is cached as raw bits (row 0 at 90° N, bit 0 of a row at 180° W) in casus'
checksummed container, so reading it needs no numpy; a file of the wrong size or checksum is
rebuilt.
"""

from __future__ import annotations

import math
from functools import cache

from casus._cache import building, cache_dir, read_cache, write_cache
from casus.gazetteer.packages import versions_key
from casus.gazetteer.shipped import read_shipped

_EARTH_KM = 6371.0088
GRID = 20  # land-mask cells per degree (3′, about 5.5 km at the equator)
_ROW_BYTES = 360 * GRID // 8
_KIND = "places-land"


@cache
def land_mask() -> bytes:
    """Land (1) or sea (0) bits on a 3′ grid, coarsened from the 30″ NOAA GLOBE grid.

    A cell counts as land if any of its 36 source cells is land, so small islands survive the
    coarsening and the first ~5 km of coastal sea counts as land.
    """
    path = cache_dir() / f"{_KIND}-{GRID}-{versions_key('global_land_mask')}.bin"
    for read in (read_cache, read_shipped):
        found = read(path, _KIND)
        if found is not None and found[0].get("grid") == GRID \
                and len(found[1]) == 180 * GRID * _ROW_BYTES:
            return found[1]
    with building("the land mask"):
        data = _coarsen()
    write_cache(path, _KIND, data, grid=GRID)
    return data


def _coarsen() -> bytes:
    """The 3′ mask from global_land_mask's 30″ grid, packed 8 cells a byte (about 8 s)."""
    import numpy as np
    from global_land_mask import globe

    ocean = globe._mask  # True = ocean; (21600, 43200), row 0 at 90° N, col 0 at 180° W
    f = ocean.shape[0] // (180 * GRID)
    coarse = ~ocean.reshape(180 * GRID, f, 360 * GRID, f).all(axis=(1, 3))
    return np.packbits(coarse, axis=1).tobytes()


def is_land(lat: float, lon: float) -> bool:
    row = min(int((90.0 - lat) * GRID), 180 * GRID - 1)
    col = min(int((lon + 180.0) * GRID), 360 * GRID - 1)
    return bool((land_mask()[row * _ROW_BYTES + (col >> 3)] >> (7 - (col & 7))) & 1)


#: How far from a point on land the sea is looked for: a place this close to open sea is on its
#: coast (lakes are land).
COAST_KM = 20.0
#: The 3′ mask counts a cell as land if any of its 30″ cells is, so its shore lies seaward of the
#: true one by up to a cell, half a cell on average: the sea is looked for that much further out
#: (a town at the head of a harbour, Whangarei, 21 km from the mask's sea and 15 km from the true
#: shore), and within the whole disc, not on one ring (:func:`coast_at`).
_SEARCH_KM = COAST_KM + 111.2 / GRID / 2
#: Points of the disc looked up, as fractions of :data:`_SEARCH_KM` north and east: rings at a
#: third and two thirds of it with 8 and 16 points, 32 on the outer ring (under a cell apart), and
#: the 8 points at :data:`COAST_KM` looked up before (a narrow sound, the Solent, is one cell).
_DISC = [(r * math.sin(math.radians(a)), r * math.cos(math.radians(a)))
         for r, n in ((1 / 3, 8), (2 / 3, 16), (COAST_KM / _SEARCH_KM, 8), (1, 32))
         for a in [i * 360 / n for i in range(n)]]


def coast_at(lat: float, lon: float) -> tuple[str, ...]:
    """The water tags of the sea within :data:`COAST_KM` of a point on land (as the 3′ mask
    shows the shore, :data:`_SEARCH_KM`), looked for at 64 points of the disc around it: ``()``
    inland. What a land place borders, not what it lies in."""
    from casus.gazetteer.waters import waters_at

    found: dict[str, None] = {}
    dlat = _SEARCH_KM / 111.2
    dlon = dlat / max(math.cos(math.radians(lat)), 0.05)
    for north, east in _DISC:
        plat = lat + north * dlat
        plon = (lon + east * dlon + 180.0) % 360.0 - 180.0
        if -90.0 < plat < 90.0 and not is_land(plat, plon):
            found.update(dict.fromkeys(waters_at(plat, plon)))
    return tuple(found)


def in_area(area: dict, lat: float, lon: float) -> bool:
    """Whether a point lies in a curated area (``bbox``, ``circle`` or ``polygon``)."""
    (shape, value), = area.items()
    if shape == "bbox":
        s, w, n, e = value
        inside_lon = w <= lon <= e if w <= e else (lon >= w or lon <= e)
        return s <= lat <= n and inside_lon
    if shape == "circle":
        return distance_km(lat, lon, value[0], value[1]) <= value[2]
    inside = False  # polygon: ray casting on (lon, lat), fine for areas far from the poles
    pts = value
    j = len(pts) - 1
    for i in range(len(pts)):
        yi, xi = pts[i]
        yj, xj = pts[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


def area_box(area: dict) -> tuple[float, float, float, float]:
    """A box ``(S, W, N, E)`` around a curated area, to skip points far from it quickly (a
    box across the antimeridian is the whole band of longitudes)."""
    (shape, value), = area.items()
    if shape == "bbox":
        s, w, n, e = value
        return (s, w, n, e) if w <= e else (s, -180.0, n, 180.0)
    if shape == "circle":
        dlat = value[2] / 111.2
        dlon = dlat / max(math.cos(math.radians(value[0])), 0.05) + dlat
        return value[0] - dlat, value[1] - dlon, value[0] + dlat, value[1] + dlon
    lats, lons = [p[0] for p in value], [p[1] for p in value]
    return min(lats), min(lons), max(lats), max(lons)
