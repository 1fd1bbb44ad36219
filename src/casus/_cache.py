"""Derived indexes cached in the user's cache folder, written atomically.

Several lookups (states, places, the news reader's actor names) are derived from maintained
packages whose tables are slow to read. Each is built once, stored as a file whose name carries
the versions (or a hash) of everything it is derived from, and read back on later runs; a
stale file is simply never read again, and a read-only cache folder only costs speed.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TypeVar

import platformdirs

T = TypeVar("T")


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
    """Write to a temporary file beside ``path``, then rename: never a half-written file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only cache folder only costs speed


def cached_json(name: str, build: Callable[[], T], *, prefix: str | None = None) -> T:
    """The JSON in ``cache_dir()/name``, or ``build()`` stored there first.

    With ``prefix``, older files starting with it (other versions) are removed when a new one
    is written, so the folder does not grow with every upgrade.
    """
    path = cache_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    with building(name.split("-")[0] + " index"):
        data = build()
    if prefix:
        for old in cache_dir().glob(f"{prefix}*"):
            if old != path:
                old.unlink(missing_ok=True)
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    return data


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
