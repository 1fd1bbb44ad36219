"""A fast path for reading the ATOP member-level file in the from-files call and the command.

:func:`casus.history.read_atop_members` checks every column one by one, which costs ~0.3 s on
ATOP 4.01 (most of ``dyad_year_frame``). :func:`read_members` reads the file once as text,
converts and checks all the columns that reader converts in one pass, and returns the same
frame (tested). When anything is wrong — a column missing, a cell that is not a whole number,
a missing code, a provision that is not 0/1, an unknown version — it hands over to
``read_atop_members``, whose error names every problem by file, line and column. So the
checks are the same; only the good case is faster.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from casus.errors import DataError
from casus.history.atop import (
    CONDITION_COLUMNS,
    PROVISIONS,
    REQUIRED_MEMBER_COLUMNS,
    detect_version,
    read_atop_members,
)

_NULLS = ["", "NA", "NaN", "."]
_NOT_NULL = ("atopid", "member", "yrent", "moent", "yrexit", *PROVISIONS)


def read_members(path: str | Path) -> pl.DataFrame:
    """:func:`casus.history.read_atop_members` (version detected), faster on a good file: the
    columns it converts are parsed as integers by the CSV reader itself."""
    p = Path(path)
    try:
        header = pl.read_csv(p, n_rows=0, infer_schema=False).columns
    except (pl.exceptions.PolarsError, OSError):
        return read_atop_members(path)
    if any(c != c.lstrip("\ufeff").strip() for c in header):
        return read_atop_members(path)
    optional = (*CONDITION_COLUMNS, "phase", "ineffect", "bilat")
    wanted = {c: pl.Int64 for c in dict.fromkeys((*REQUIRED_MEMBER_COLUMNS["4"],
                                                  *REQUIRED_MEMBER_COLUMNS["5"], *optional))
              if c in header}
    try:
        raw = pl.read_csv(p, infer_schema=False, schema_overrides=wanted, null_values=_NULLS,
                          encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, OSError):   # e.g. a cell that is not an integer
        return read_atop_members(path)
    if raw.height == 0:
        return read_atop_members(path)
    values = None
    if "version" in raw.columns:
        as_float = raw["version"].str.strip_chars().cast(pl.Float64, strict=False)
        if as_float.null_count() != raw["version"].null_count():
            return read_atop_members(path)
        values = as_float.drop_nulls().unique().to_list()
    try:
        version = detect_version(raw.columns, values, str(path))
    except DataError:  # the full reader reports it
        return read_atop_members(path)
    if any(c not in raw.columns for c in REQUIRED_MEMBER_COLUMNS[version[0]]):
        return read_atop_members(path)
    problems = raw.select(
        pl.any_horizontal(pl.col(c).is_null().any() for c in _NOT_NULL)
        | pl.any_horizontal((~pl.col(c).is_in([0, 1])).any() for c in PROVISIONS)).item()
    if problems:
        return read_atop_members(path)
    return raw.with_columns(atop_version=pl.lit(version))
