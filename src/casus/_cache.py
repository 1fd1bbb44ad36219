"""Derived indexes cached in the user's cache folder: checksummed, versioned, written atomically.

Several lookups (states, places, the news reader's actor names) are derived from maintained
packages whose tables are slow to read. Each is built once, stored as a file whose name carries
the versions (or a hash) of everything it is derived from, and read back on later runs; a
stale file is simply never read again, and a read-only cache folder only costs speed.

Every cache file has the same safe shape, and nothing in it is ever executed (no pickle)::

    CASUS-CACHE\\n
    {"format": 1, "kind": "...", "length": ..., "sha256": "...", ...}\\n
    <payload: exactly `length` bytes>

:func:`read_cache` checks the magic line, casus' own :data:`FORMAT`, the kind, the length and
the SHA-256 of the payload, and answers ``None`` on any mismatch, so a truncated, zeroed,
corrupted or foreign file is rebuilt rather than trusted. :func:`write_atomic` writes a
temporary file beside the target, fsyncs it and renames it over the target; the temporary file
is removed if anything fails.

An index that is slow to build can also be *shipped*: the same container, gzip-compressed, in
a ``built/`` folder of the package under the cache file's own name (:func:`read_shipped`,
:func:`regenerate_shipped`). Because that name carries the source packages' versions and a
hash of the building code and data, another installed version or an edited file simply finds
no shipped copy and builds, as before.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

import platformdirs

T = TypeVar("T")

#: The version of the container format above; a file of another version is rebuilt.
FORMAT = 1
_MAGIC = b"CASUS-CACHE\n"

_notifier: Callable[[str], AbstractContextManager] | None = None


def set_build_notifier(notifier: Callable[[str], AbstractContextManager] | None) -> None:
    """Let a front end show that a slow first-run build is under way (the CLI's spinner)."""
    global _notifier
    _notifier = notifier


@contextlib.contextmanager
def building(what: str) -> Iterator[None]:
    """Wrap a slow build so the front end, if it asked, can say what is happening."""
    with _notifier(what) if _notifier else contextlib.nullcontext():
        yield


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("casus"))


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, fsync it, then rename it over ``path``.

    Never a half-written file: readers see the old file or the new one. The temporary file is
    removed if writing fails; a read-only cache folder only costs speed.
    """
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def write_cache(path: Path, kind: str, payload: bytes, **meta: object) -> None:
    """Store ``payload`` in the checksummed container, with ``meta`` in its header."""
    header = {"format": FORMAT, "kind": kind, "length": len(payload),
              "sha256": hashlib.sha256(payload).hexdigest(), **meta}
    head = json.dumps(header, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    write_atomic(path, _MAGIC + head + b"\n" + payload)


def read_cache(path: Path, kind: str) -> tuple[dict, bytes] | None:
    """The (header, payload) of a valid cache file of this kind, or None (missing or bad)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return parse_cache(raw, kind)


def parse_cache(raw: bytes, kind: str) -> tuple[dict, bytes] | None:
    """The (header, payload) of a cache container held in memory (a file shipped compressed in
    the package), checked as :func:`read_cache` checks a file; None if it is not valid."""
    if not raw.startswith(_MAGIC):
        return None
    end = raw.find(b"\n", len(_MAGIC))
    if end < 0:
        return None
    try:
        header = json.loads(raw[len(_MAGIC):end])
    except ValueError:
        return None
    payload = raw[end + 1:]
    if not isinstance(header, dict) or header.get("format") != FORMAT \
            or header.get("kind") != kind or header.get("length") != len(payload) \
            or header.get("sha256") != hashlib.sha256(payload).hexdigest():
        return None
    return header, payload


def write_json(path: Path, kind: str, data: object) -> None:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    write_cache(path, kind, payload)


def read_json(path: Path, kind: str) -> object | None:
    """The JSON in a valid cache file of this kind, or None."""
    found = read_cache(path, kind)
    if found is None:
        return None
    try:
        return json.loads(found[1].decode("utf-8"))
    except ValueError:  # a valid checksum over bad JSON: written by a broken build
        return None


def read_shipped(folder: Path, path: Path, kind: str) -> tuple[dict, bytes] | None:
    """The (header, payload) of the copy of cache file ``path`` shipped in ``folder`` (as
    ``<name>.gz``), or None if there is none for these versions or it fails its checks. A good
    copy is also written to ``path``, as a build would be; a read-only cache folder only costs
    the unpacking next time."""
    try:
        raw = gzip.decompress((folder / f"{path.name}.gz").read_bytes())
    except (OSError, EOFError, zlib.error):
        return None
    found = parse_cache(raw, kind)
    if found is not None:
        write_atomic(path, raw)
    return found


def read_shipped_json(folder: Path, path: Path, kind: str) -> object | None:
    """The JSON in the shipped copy of ``path`` (see :func:`read_shipped`), or None."""
    found = read_shipped(folder, path, kind)
    if found is None:
        return None
    try:
        return json.loads(found[1].decode("utf-8"))
    except ValueError:
        return None


def regenerate_shipped(folder: Path, build: str, prefix: str) -> list[Path]:
    """Ship freshly built cache files: run the Python statements ``build`` in a child process
    with an empty cache folder, then replace ``folder/<prefix>*.gz`` with the gzip of every
    cache file it wrote whose name starts with ``prefix``.

    ``build`` must not read a shipped copy (point the module's folder nowhere first). The
    fixed hash seed and gzip's zeroed timestamp make the same sources give the same bytes, so
    git sees no change when nothing changed."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": tmp, "PYTHONHASHSEED": "0"}
        code = f"{build}\nfrom casus._cache import cache_dir\nprint(cache_dir())"
        done = subprocess.run([sys.executable, "-c", code], env=env, check=True,
                              capture_output=True, text=True)
        built = Path(done.stdout.strip().splitlines()[-1])
        files = sorted(p for p in built.iterdir() if p.name.startswith(prefix))
        folder.mkdir(exist_ok=True)
        for old in folder.glob(f"{prefix}*.gz"):
            old.unlink()
        out = []
        for path in files:
            target = folder / f"{path.name}.gz"
            target.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
            out.append(target)
    return out


def cached_json(name: str, build: Callable[[], T], *, prefix: str | None = None,
                valid: Callable[[object], bool] | None = None,
                shipped: Path | None = None) -> T:
    """The JSON in ``cache_dir()/name``, else in its copy shipped in the folder ``shipped``,
    else ``build()``; what was not read from the cache is stored there.

    ``valid`` checks the shape of what was read (a file of the right format and checksum that
    holds the wrong data is rebuilt too). With ``prefix``, older files starting with it (other
    versions) are removed when a new one is written, so the folder does not grow with every
    upgrade.
    """
    path = cache_dir() / name
    kind = name.split("-")[0]
    data = read_json(path, kind)
    if data is not None and (valid is None or valid(data)):
        return data  # type: ignore[return-value]
    data = read_shipped_json(shipped, path, kind) if shipped is not None else None
    if data is None or (valid is not None and not valid(data)):
        with building(kind + " index"):
            data = build()
        write_json(path, kind, data)
    if prefix:
        for old in cache_dir().glob(f"{prefix}*"):
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
    return data  # type: ignore[return-value]


class Memo(dict):
    """An in-process memo for answers that never change for their key (a place's holder on a
    date, an article's readings): at most ``size`` entries, emptied when full, so a long sweep
    cannot grow it without bound."""

    def __init__(self, size: int = 4096) -> None:
        super().__init__()
        self.size = size

    def get_or(self, key: object, compute: Callable[[], T]) -> T:
        hit = self.get(key)
        if hit is None:
            if len(self) >= self.size:
                self.clear()
            hit = self[key] = compute()
        return hit
