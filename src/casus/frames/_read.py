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
    """:func:`casus.history.read_atop_members` (version detected), faster on a good file."""
    p = Path(path)
    try:
        raw = pl.read_csv(p, infer_schema=False, null_values=_NULLS, encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, OSError):
        return read_atop_members(path)
    clean = {c: c.lstrip("\ufeff").strip() for c in raw.columns}
    if any(k != v for k, v in clean.items()):
        if len(set(clean.values())) != len(clean):
            return read_atop_members(path)
        raw = raw.rename(clean)
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
    required = REQUIRED_MEMBER_COLUMNS[version[0]]
    if any(c not in raw.columns for c in required):
        return read_atop_members(path)
    optional = (*CONDITION_COLUMNS, "phase", "ineffect", "bilat")
    columns = [c for c in dict.fromkeys((*required, *optional)) if c in raw.columns]
    casts = []
    bad = []
    for col in columns:
        text = pl.col(col).str.strip_chars()
        as_float = text.cast(pl.Float64, strict=False)
        converted = pl.when(as_float == as_float.round(0)).then(as_float.cast(pl.Int64))
        casts.append(converted.alias(col))
        bad.append(pl.col(col).is_not_null() & converted.is_null())
    out = raw.with_columns(casts)
    problems = raw.select(pl.any_horizontal(bad).any()).item() or out.select(
        pl.any_horizontal(pl.col(c).is_null() for c in _NOT_NULL).any()
        | pl.any_horizontal(~pl.col(c).is_in([0, 1]) for c in PROVISIONS).any()).item()
    if problems:
        return read_atop_members(path)
    return out.with_columns(atop_version=pl.lit(version))
