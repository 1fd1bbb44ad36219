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

import gzip
import json
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from casus._cache import parse_cache, write_atomic

BUILT = Path(__file__).parent / "built"


def read_shipped(path: Path, kind: str) -> tuple[dict, bytes] | None:
    """The (header, payload) of the shipped copy of cache file ``path``, or None if there is
    none for these versions or it fails its checks. A good copy is also written to ``path``
    (as a build would be; a read-only cache folder only costs the unpacking next time)."""
    try:
        raw = gzip.decompress((BUILT / f"{path.name}.gz").read_bytes())
    except (OSError, EOFError, zlib.error):
        return None
    found = parse_cache(raw, kind)
    if found is not None:
        write_atomic(path, raw)
    return found


def read_shipped_json(path: Path, kind: str) -> object | None:
    found = read_shipped(path, kind)
    if found is None:
        return None
    try:
        return json.loads(found[1].decode("utf-8"))
    except ValueError:
        return None


# Built from the sources only: the child reads no shipped file (BUILT points nowhere).
_BUILD_ALL = ("import pathlib; from casus._cache import cache_dir; "
              "from casus.gazetteer import index, land, shipped, towns; "
              "shipped.BUILT = pathlib.Path('/nonexistent'); "
              "index.core_index(); index.cities_index(); towns.point_index(); "
              "land.land_mask(); print(cache_dir())")


def regenerate() -> list[Path]:
    """Build every gazetteer index into an empty cache and ship the files (the old ones go).

    The build runs in a child process with a fixed hash seed, so the same sources give the
    same bytes and git sees no change when nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": tmp, "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, "-c", _BUILD_ALL], env=env, check=True,
                              capture_output=True, text=True)
        folder = Path(done.stdout.strip().splitlines()[-1])
        built = sorted(p for p in folder.iterdir() if p.name.startswith("places-"))
        BUILT.mkdir(exist_ok=True)
        for old in BUILT.glob("*.gz"):
            old.unlink()
        out = []
        for path in built:
            target = BUILT / f"{path.name}.gz"
            target.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            out.append(target)
    return out
