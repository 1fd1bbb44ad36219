"""Land or sea at a point: ``global_land_mask``'s NOAA GLOBE grid, coarsened to 3′ and cached.

The mask is cached as raw bits (row 0 at 90° N, bit 0 of a row at 180° W) in casus'
checksummed container, so reading it needs no numpy; a file of the wrong size or checksum is
rebuilt.
"""

from __future__ import annotations

from functools import cache

from casus._cache import building, cache_dir, read_cache, write_cache
from casus.gazetteer.packages import versions_key

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
    found = read_cache(path, _KIND)
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
