"""Skeletons: every state-year and every dyad-year of the Correlates of War state system.

Rule (as peacesciencer's ``create_stateyears()``/``create_dyadyears()``): a state is in the
system in year *y* if one of its membership spells covers any day of *y*. A directed dyad-year
(ccode1, ccode2, y) exists for every ordered pair of distinct system members in *y*; the
undirected frame keeps ``ccode1 < ccode2``. Rows come sorted by (ccode, year) and
(ccode1, ccode2, year).

``same_day=True`` (peacesciencer's convention) keeps a dyad-year only when the two states were
members **on a common day** of that year: a pair whose memberships merely fall in the same year
(one left before the other joined) is dropped. peacesciencer removes exactly these rows
(``false_cow_dyads``, 60 directed dyad-years in 1816–2016 with states2016).

Built without a row loop: each state's spells become merged year ranges; the ranges of every
pair of states are intersected (a cross join of a few hundred spells); the intersections are
expanded into years. The result is in key order by construction, so no sort of the ~2 million
rows is needed.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from casus.errors import InputError
from casus.history.cow import read_states

__all__ = ["as_backend", "dyad_intervals", "dyad_years", "state_years", "system_year_ranges"]

_YEAR_MIN, _YEAR_MAX = 1, 9999


def _states_frame(states: pl.DataFrame | str | Path) -> pl.DataFrame:
    if isinstance(states, (str, Path)):
        return read_states(states)
    if not isinstance(states, pl.DataFrame):  # a pandas frame from the caller
        states = pl.from_pandas(states)
    need = {"ccode", "start", "end"}
    if need <= set(states.columns):
        return states
    if {"ccode", "styear", "endyear"} <= set(states.columns):
        return states.with_columns(start=pl.date(pl.col("styear"), 1, 1),
                                   end=pl.date(pl.col("endyear"), 12, 31))
    raise InputError("states must come from casus.history.read_states (columns ccode, start, "
                     f"end); got columns {states.columns}")


def _check_years(start: int, end: int) -> None:
    if not (_YEAR_MIN <= start <= end <= _YEAR_MAX):
        raise InputError(f"years must satisfy start <= end (got {start}..{end}), e.g. 1816..2016")


def system_year_ranges(states: pl.DataFrame | str | Path, start: int, end: int) -> pl.LazyFrame:
    """Each state's membership as disjoint, merged year ranges ``(ccode, y0, y1)`` in
    ``[start, end]``, sorted by (ccode, y0)."""
    _check_years(start, end)
    frame = _states_frame(states)
    ranges = (
        frame.lazy()
        .select(
            pl.col("ccode").cast(pl.Int64),
            y0=pl.col("start").dt.year().cast(pl.Int64).clip(lower_bound=start),
            y1=pl.col("end").dt.year().cast(pl.Int64).clip(upper_bound=end),
        )
        .filter(pl.col("y0") <= pl.col("y1"))
        .sort("ccode", "y0")
        # a new block starts where a spell begins after every earlier spell of the state ended
        .with_columns(prev=pl.col("y1").cum_max().shift(1).over("ccode"))
        .with_columns(block=(pl.col("prev").is_null() | (pl.col("y0") > pl.col("prev")))
                      .cum_sum().over("ccode"))
        .group_by("ccode", "block")
        .agg(pl.col("y0").min(), pl.col("y1").max())
        .drop("block")
        .sort("ccode", "y0")
    )
    return ranges


def as_backend(frame: pl.DataFrame, backend: str):
    """Return ``frame`` as polars (``"polars"``) or pandas (``"pandas"``)."""
    if backend == "polars":
        return frame
    if backend == "pandas":
        return frame.to_pandas()
    raise InputError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")


def state_years(states: pl.DataFrame | str | Path, start: int, end: int, *,
                backend: str = "polars") -> pl.DataFrame:
    """Every (ccode, year) of the state system in ``[start, end]``.

    ``states`` is :func:`casus.history.read_states` output (or the path of a COW states file).

    >>> state_years("cow_states.csv", 1816, 1816).height   # doctest: +SKIP
    23
    """
    ranges = system_year_ranges(states, start, end)
    out = (ranges.select("ccode", year=pl.int_ranges("y0", pl.col("y1") + 1, dtype=pl.Int64))
           .explode("year").collect())
    return as_backend(out, backend)


def _same_day_intervals(states: pl.DataFrame | str | Path, start: int, end: int,
                        directed: bool) -> pl.LazyFrame:
    """Each pair's years with a common day of membership, as disjoint merged ranges."""
    _check_years(start, end)
    spells = _states_frame(states).lazy().select(pl.col("ccode").cast(pl.Int64), "start", "end")
    keep = (pl.col("ccode") < pl.col("ccode_2")) if not directed else (
        pl.col("ccode") != pl.col("ccode_2"))
    lo = pl.max_horizontal("start", "start_2")
    hi = pl.min_horizontal("end", "end_2")
    pairs = (
        spells.join(spells, how="cross", suffix="_2")
        .filter(keep & (lo <= hi))
        .select(ccode1="ccode", ccode2="ccode_2",
                y0=lo.dt.year().cast(pl.Int64).clip(lower_bound=start),
                y1=hi.dt.year().cast(pl.Int64).clip(upper_bound=end))
        .filter(pl.col("y0") <= pl.col("y1"))
        .sort("ccode1", "ccode2", "y0")
    )
    return (
        pairs.with_columns(prev=pl.col("y1").cum_max().shift(1).over("ccode1", "ccode2"))
        .with_columns(block=(pl.col("prev").is_null() | (pl.col("y0") > pl.col("prev")))
                      .cum_sum().over("ccode1", "ccode2"))
        .group_by("ccode1", "ccode2", "block")
        .agg(pl.col("y0").min(), pl.col("y1").max())
        .drop("block")
        .sort("ccode1", "ccode2", "y0")
    )


def dyad_intervals(states: pl.DataFrame | str | Path, start: int, end: int,
                   directed: bool = True, *, same_day: bool = False) -> pl.LazyFrame:
    """The skeleton before expansion: ``ccode1, ccode2, y0, y1`` — each pair's common
    membership years as disjoint ranges, sorted by (ccode1, ccode2, y0). Expanding the ranges
    in this order gives :func:`dyad_years` row for row. ``same_day``: see the module
    docstring."""
    if same_day:
        return _same_day_intervals(states, start, end, directed)
    ranges = system_year_ranges(states, start, end)
    keep = (pl.col("ccode") < pl.col("ccode_2")) if not directed else (
        pl.col("ccode") != pl.col("ccode_2"))
    lo = pl.max_horizontal("y0", "y0_2")
    hi = pl.min_horizontal("y1", "y1_2")
    return (
        ranges.join(ranges, how="cross", suffix="_2")
        .filter(keep & (lo <= hi))
        .select(ccode1="ccode", ccode2="ccode_2", y0=lo, y1=hi)
        .sort("ccode1", "ccode2", "y0")
    )


def dyad_years(states: pl.DataFrame | str | Path, start: int, end: int, directed: bool = True,
               *, same_day: bool = False, backend: str = "polars") -> pl.DataFrame:
    """The full skeleton of dyad-years: every pair of system members in each year.

    Directed: both (a, b) and (b, a); undirected: ``ccode1 < ccode2`` only. Columns
    ``ccode1, ccode2, year`` (Int64), sorted in that order. ``same_day=True`` drops the
    dyad-years in which the two were never members on the same day (peacesciencer's rule).

    >>> dyad_years("cow_states.csv", 1816, 2016).height     # doctest: +SKIP
    1912350
    """
    out = (dyad_intervals(states, start, end, directed, same_day=same_day)
           .select("ccode1", "ccode2",
                   year=pl.int_ranges("y0", pl.col("y1") + 1, dtype=pl.Int64))
           .explode("year")
           .collect())
    return as_backend(out, backend)
