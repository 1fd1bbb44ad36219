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
#: coast (the 3′ mask already counts the first ~5 km of coastal sea as land; lakes are land).
COAST_KM = 20.0
_RING = [(math.sin(math.radians(a)), math.cos(math.radians(a))) for a in range(0, 360, 45)]


def coast_at(lat: float, lon: float) -> tuple[str, ...]:
    """The water tags of the sea within :data:`COAST_KM` of a point on land, looked for at
    eight points around it: ``()`` inland. What a land place borders, not what it lies in."""
    from casus.gazetteer.waters import waters_at

    found: dict[str, None] = {}
    dlat = COAST_KM / 111.2
    dlon = dlat / max(math.cos(math.radians(lat)), 0.05)
    for north, east in _RING:
        plat = lat + north * dlat
        plon = (lon + east * dlon + 180.0) % 360.0 - 180.0
        if -90.0 < plat < 90.0 and not is_land(plat, plon):
            found.update(dict.fromkeys(waters_at(plat, plon)))
    return tuple(found)
