"""The built indexes shipped in the package, so a first run needs no build.

Building the gazetteer's indexes takes 10-40 s and, for the land mask, over a gigabyte of
memory (``global_land_mask``'s 30″ grid). The same files the cache holds (:mod:`casus._cache`
containers, checksummed) are therefore shipped gzip-compressed in ``gazetteer/built/``, under
the cache file's own name, which carries the source packages' versions and, for the place
index, a hash of the data files and the building code. A lookup reads the user's cache first,
then the shipped file of the same name (unpacked into the cache, as if built), and builds only
when neither is there: a different installed package version, or an edited data file, simply
finds no shipped file.

Regenerate after changing a data file, the building code or a source package::

    python -m casus.gazetteer

which builds every index into a fresh temporary cache and replaces ``built/*.gz``.
"""

from __future__ import annotations

from pathlib import Path

from casus import _cache
from casus._cache import parse_cache

__all__ = ["BUILT", "parse_cache", "read_shipped", "read_shipped_json", "regenerate"]

BUILT = Path(__file__).parent / "built"


def read_shipped(path: Path, kind: str) -> tuple[dict, bytes] | None:
    """The (header, payload) of the shipped copy of cache file ``path``, or None
    (:func:`casus._cache.read_shipped`, which also unpacks it into the cache)."""
    return _cache.read_shipped(BUILT, path, kind)


def read_shipped_json(path: Path, kind: str) -> object | None:
    return _cache.read_shipped_json(BUILT, path, kind)


# Built from the sources only: the child reads no shipped file (BUILT points nowhere).
_BUILD_ALL = ("import pathlib; "
              "from casus.gazetteer import index, land, shipped, towns; "
              "shipped.BUILT = pathlib.Path('/nonexistent'); "
              "index.core_index(); index.cities_index(); index.town_alternates(); "
              "towns.point_index(); "
              "land.land_mask()")


def regenerate() -> list[Path]:
    """Build every gazetteer index into an empty cache and ship the files (the old ones go)."""
    return _cache.regenerate_shipped(BUILT, _BUILD_ALL, "places-")
