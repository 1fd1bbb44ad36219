"""Writing tables: CSV or Parquet chosen by the file suffix, atomically.

Shared by every layer that writes a frame (:mod:`casus.frames`, :mod:`casus.history`), so it
lives below both of them: neither has to import the other to write a file.

The frame is written to a temporary file in the target's folder and moved into place with
:func:`os.replace`, so a failed write (a full disk, a bad frame, an interrupted run) never
leaves a truncated file where a good one was expected, and nothing at all at a new path.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import polars as pl

from casus.errors import InputError

__all__ = ["FORMATS", "write_frame"]

#: Suffix → format written.
FORMATS: dict[str, str] = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_frame(frame, path: str | Path) -> Path:
    """Write a polars (or pandas) frame to ``path``: ``.csv`` → CSV with a header,
    ``.parquet``/``.pq`` → Parquet (zstd). Returns the path written.

    Raises :class:`InputError` for another suffix or a missing folder, before anything is
    written.

    >>> write_frame(pl.DataFrame({"ccode": [2]}), "out.csv")   # doctest: +SKIP
    PosixPath('out.csv')
    """
    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise InputError(f"cannot tell the format of {str(target)!r} from its suffix; use one "
                         f"of {', '.join(FORMATS)} (e.g. dyads.parquet)")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {str(folder)!r} does not exist (for {str(target)!r})")
    if not isinstance(frame, pl.DataFrame):
        frame = pl.from_pandas(frame)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        if fmt == "csv":
            frame.write_csv(tmp)
        else:
            frame.write_parquet(tmp, compression="zstd")
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
