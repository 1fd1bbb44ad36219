"""The standard controls as pipeline steps: contiguity, capital distance, COW major powers and
COW inter-state wars, for dyad-years (directed or not) and state-years.

Each ``add_*`` step is a left join on keys that are unique in the table it joins, so it never
changes the row count (checked). It reads the file the user downloaded, in the format
peacesciencer 1.2.9 ships it (``cow_contdir``, ``cow_capitals``, ``cow_majors``,
``cow_war_inter`` exported as CSV); casus ships none of them. The rules follow peacesciencer's
``add_contiguity()``, ``add_capital_distance()``, ``add_cow_majors()`` and
``add_cow_wars(type = "inter")`` and are checked against its own output
(``tests/test_frames_controls.py``):

Contiguity (COW Direct Contiguity 3.2)
    Each record covers the months ``stdate``–``enddate``. A dyad-year takes the record that is
    **first by date within the year** (the earliest month of the year a record covers; of two
    records covering that month, the one earlier in the file). ``conttype`` 1 land, 2–5 water
    up to 12/24/150/400 miles, 0 none. A dyad-year without a record is 0 inside the file's
    years (1816–2016) and null outside. State-years get ``land`` and ``sea``: how many
    partners' first records that year are land (1) or water (2–5) contiguity.
Capital distance
    Each state's capital in a year is the capital **in force on the first day of the year it
    is recorded**; ``capdist`` is the great-circle distance in km between the two capitals
    (the spherical Vincenty formula of ``geosphere::distVincentySphere`` with r = 6,378,137 m,
    as peacesciencer computes it). Null when either capital is unknown that year.
    State-years get ``mincapdist``: the distance to the nearest capital of another state that
    was a member on a common day of that year (with ``states=`` the state list; without it,
    of the other states in the frame that year).
COW major powers (v2016)
    ``cowmaj1``/``cowmaj2`` (``cowmaj`` for state-years) are 1 in each year a major-power spell
    touches, 0 otherwise inside the file's years (1816–2016) and null after. peacesciencer
    carries the last spells forward to last year by default (``mry = TRUE``); here that is
    ``carry_forward_to=<year>``.
COW inter-state wars (v4.0, peacesciencer's dyadic war-years)
    Where a dyad fights two wars in one year, a row that is not an onset gives way to one that
    is, then the row with the most battle deaths (``batdeath1 + batdeath2``, unknown -9
    ignored; ties: the earlier row in the file) is kept. Columns ``cowinterongoing,
    cowinteronset, sidea1, sidea2, initiator1, initiator2, outcome1, outcome2, batdeath1,
    batdeath2, resume``; battle deaths below 0 (unknown) are null. ``cowinterongoing`` and
    ``cowinteronset`` are 0 for dyads not at war inside the data's years (1816–2007) and null
    after; the other columns are null unless the dyad is at war. peacesciencer has no
    inter-state war step for state-years; casus' state-year step adds ``cowinterongoing``,
    ``cowinteronset`` (1 if the state is at war / starts a war with some state that year) and
    ``cowinterwars`` (how many wars).

Bad input: a missing column, an unknown state code, a bad date or an overlapping spell raises
:class:`ControlDataError` (exit code 2) naming the file, the line and the column, every problem
at once. Years of the frame outside a source's coverage are null — never 0 — and a one-line
note goes to standard error.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from casus.errors import DataError, InputError, Problem

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "CAPITAL_COLUMNS",
    "CONTIGUITY_COLUMNS",
    "MAJOR_COLUMNS",
    "WAR_COLUMNS",
    "WAR_INTER_COVERAGE",
    "ControlDataError",
    "add_capital_distance",
    "add_contiguity",
    "add_cow_majors",
    "add_cow_wars",
    "capital_years",
    "contiguity_years",
    "major_years",
    "read_capitals",
    "read_contiguity",
    "read_majors",
    "read_war_inter",
    "war_dyad_years",
]

#: Years COW Inter-State War v4.0 covers (1816–2007); the dyadic file itself runs 1823–2003.
WAR_INTER_COVERAGE = (1816, 2007)
#: Columns each step adds to a dyad-year frame.
CONTIGUITY_COLUMNS = ("conttype",)
CAPITAL_COLUMNS = ("capdist",)
MAJOR_COLUMNS = ("cowmaj1", "cowmaj2")
WAR_COLUMNS = ("cowinterongoing", "cowinteronset", "sidea1", "sidea2", "initiator1",
               "initiator2", "outcome1", "outcome2", "batdeath1", "batdeath2", "resume")
_EARTH_RADIUS_M = 6_378_137.0
_DYAD = ("ccode1", "ccode2", "year")
_STATE = ("ccode", "year")


class ControlDataError(DataError):
    """A control file (contiguity, capitals, majors, wars) is malformed: bad input, exit 2."""

    exit_code = 2


# --------------------------------------------------------------------------------------------
# reading and checking
# --------------------------------------------------------------------------------------------

def _read(path: str | Path, required: dict[str, str], what: str) -> pl.DataFrame:
    from casus.history.cow import read_checked_csv

    try:
        return read_checked_csv(path, required, what=what)
    except DataError as exc:
        raise ControlDataError(exc.problems) from None


def _not_null(frame: pl.DataFrame, file: str, columns: Iterable[str]) -> list[Problem]:
    out = []
    for col in columns:
        rows = frame.with_row_index("_r").filter(pl.col(col).is_null())["_r"].head(5)
        out += [Problem(file, "value is missing", line=r + 2, field=col) for r in rows]
    return out


def _dates(frame: pl.DataFrame, file: str, columns: Iterable[str]) -> tuple[pl.DataFrame,
                                                                           list[Problem]]:
    problems = []
    parsed = frame.with_columns(
        pl.col(c).str.strip_chars().str.to_date("%Y-%m-%d", strict=False).alias(f"_{c}")
        for c in columns)
    for c in columns:
        bad = parsed.with_row_index("_r").filter(pl.col(c).is_not_null() & pl.col(f"_{c}")
                                                 .is_null()).head(5)
        problems += [Problem(file, f"{r[c]!r} is not a date YYYY-MM-DD such as 1920-01-01",
                             line=r["_r"] + 2, field=c) for r in bad.iter_rows(named=True)]
    return parsed.drop(list(columns)).rename({f"_{c}": c for c in columns}), problems


def _known_codes(states) -> set[int]:
    """COW codes a control file may use: those of ``states`` (a state list, a frame with
    ``ccode``, a path, or codes), else every COW state-system code casus knows."""
    if states is None:
        from casus.model.states import _index

        return ({s["cow"] for s in _index() if s["cow"]}
                | {c for s in _index() for c in s.get("extra_cow", [])})
    if isinstance(states, (str, Path)):
        from casus.history.cow import read_states

        states = read_states(states)
    if isinstance(states, pl.DataFrame):
        return set(states["ccode"].cast(pl.Int64).to_list())
    return {int(c) for c in states}


def _system(states) -> pl.DataFrame | None:
    """The state list with membership dates (``ccode, start, end``), when ``states`` is one."""
    if isinstance(states, (str, Path)):
        from casus.history.cow import read_states

        return read_states(states)
    if isinstance(states, pl.DataFrame) and {"ccode", "start", "end"} <= set(states.columns):
        return states
    return None


def _unknown(frame: pl.DataFrame, file: str, columns: Iterable[str], known: set[int],
             states_given: bool) -> list[Problem]:
    where = "the state list" if states_given else "the COW state system"
    out = []
    for col in columns:
        bad = frame.with_row_index("_r").filter(~pl.col(col).is_in(list(known))).head(5)
        out += [Problem(file, f"{r[col]} is not a state code in {where} (e.g. 2 for the "
                        "United States)", line=r["_r"] + 2, field=col)
                for r in bad.iter_rows(named=True)]
    return out


def _overlaps(frame: pl.DataFrame, file: str, keys: list[str], what: str,
              allow_boundary: bool = False, allow: pl.Expr | None = None,
              field: str = "stdate") -> list[Problem]:
    """Spells of the same ``keys`` that share a day (``allow_boundary``: or more than the
    month one ends and the next begins, as contiguity records do)."""
    x = frame.with_row_index("_r").select("_r", *keys, "start", "end",
                                          _ok=allow if allow is not None else pl.lit(False))
    pairs = (x.join(x, on=keys, suffix="_b")
             .filter((pl.col("_r") < pl.col("_r_b")) & ~pl.col("_ok") & ~pl.col("_ok_b")))
    if allow_boundary:
        clash = ((pl.col("start") < pl.col("end_b")) & (pl.col("start_b") < pl.col("end")))
    else:
        clash = ((pl.col("start") <= pl.col("end_b")) & (pl.col("start_b") <= pl.col("end")))
    bad = pairs.filter(clash).sort("_r_b").head(5)
    return [Problem(file, f"{what} overlaps the one on line {r['_r'] + 2} "
                    f"({r['start']}–{r['end']} and {r['start_b']}–{r['end_b']})",
                    line=r["_r_b"] + 2, field=field)
            for r in bad.iter_rows(named=True)]


def read_contiguity(path: str | Path, states=None) -> pl.DataFrame:
    """Read peacesciencer's ``cow_contdir`` (COW Direct Contiguity 3.2, directed records with
    0-rows padding the periods a contiguous dyad is not): ``ccode1, ccode2, conttype, stdate,
    enddate`` plus ``line`` (the file line, for ties and messages)."""
    file = str(path)
    raw = _read(path, {"ccode1": "int", "ccode2": "int", "conttype": "int", "stdate": "str",
                       "enddate": "str"}, "COW direct contiguity")
    problems = _not_null(raw, file, ["ccode1", "ccode2", "conttype", "stdate", "enddate"])
    if problems:
        raise ControlDataError(problems)
    out, problems = _dates(raw.select("ccode1", "ccode2", "conttype", "stdate", "enddate"),
                           file, ["stdate", "enddate"])
    bad = out.with_row_index("_r").filter(~pl.col("conttype").is_between(0, 5)).head(5)
    problems += [Problem(file, f"{r['conttype']} is not a contiguity type 0–5", line=r["_r"] + 2,
                         field="conttype") for r in bad.iter_rows(named=True)]
    problems += _unknown(out, file, ["ccode1", "ccode2"], _known_codes(states), states is not None)
    if problems:
        raise ControlDataError(problems)
    problems += _ends_before(out, file, "stdate", "enddate")
    spells = out.with_columns(start="stdate", end="enddate")
    problems += _overlaps(spells, file, ["ccode1", "ccode2"], "this contiguity record",
                          allow_boundary=True, allow=pl.col("conttype") == 0)
    if problems:
        raise ControlDataError(problems)
    return out.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))


def _ends_before(frame: pl.DataFrame, file: str, start: str, end: str) -> list[Problem]:
    bad = frame.with_row_index("_r").filter(pl.col(end) < pl.col(start)).head(5)
    return [Problem(file, f"ends ({r[end]}) before it starts ({r[start]})", line=r["_r"] + 2,
                    field=end) for r in bad.iter_rows(named=True)]


def read_capitals(path: str | Path, states=None) -> pl.DataFrame:
    """Read peacesciencer's ``cow_capitals``: ``ccode, capital, stdate, enddate, lat, lng``
    (one row per capital spell), plus ``line``."""
    file = str(path)
    raw = _read(path, {"ccode": "int", "capital": "str", "stdate": "str", "enddate": "str",
                       "lat": "float", "lng": "float"}, "capitals")
    problems = _not_null(raw, file, ["ccode", "stdate", "enddate", "lat", "lng"])
    if problems:
        raise ControlDataError(problems)
    out, problems = _dates(raw.select("ccode", "capital", "stdate", "enddate", "lat", "lng"),
                           file, ["stdate", "enddate"])
    for col, lim in (("lat", 90), ("lng", 180)):
        bad = out.with_row_index("_r").filter(pl.col(col).abs() > lim).head(5)
        problems += [Problem(file, f"{r[col]} is not a {col} in -{lim}..{lim}", line=r["_r"] + 2,
                             field=col) for r in bad.iter_rows(named=True)]
    problems += _unknown(out, file, ["ccode"], _known_codes(states), states is not None)
    if problems:
        raise ControlDataError(problems)
    problems += _ends_before(out, file, "stdate", "enddate")
    problems += _overlaps(out.with_columns(start="stdate", end="enddate"), file, ["ccode"],
                          "this capital spell")
    if problems:
        raise ControlDataError(problems)
    return out.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))


def read_majors(path: str | Path, states=None) -> pl.DataFrame:
    """Read COW Major Powers (``majors2016.csv`` / peacesciencer's ``cow_majors``): ``ccode,
    styear, stmonth, stday, endyear, endmonth, endday`` plus ``start``/``end`` dates."""
    from casus.history.cow import _bad_dates, _safe_date

    file = str(path)
    cols = ["ccode", "styear", "stmonth", "stday", "endyear", "endmonth", "endday"]
    raw = _read(path, dict.fromkeys(cols, "int"), "COW major powers")
    problems = _not_null(raw, file, cols)
    if problems:
        raise ControlDataError(problems)
    out = raw.select(cols).with_columns(start=_safe_date("styear", "stmonth", "stday"),
                                        end=_safe_date("endyear", "endmonth", "endday"))
    problems += _bad_dates(out, file, "styear", "stmonth", "stday", "start")
    problems += _bad_dates(out, file, "endyear", "endmonth", "endday", "end")
    problems += _unknown(out, file, ["ccode"], _known_codes(states), states is not None)
    if problems:
        raise ControlDataError(problems)
    problems += _ends_before(out, file, "start", "end")
    problems += _overlaps(out, file, ["ccode"], "this major-power spell", field="styear")
    if problems:
        raise ControlDataError(problems)
    return out


def read_war_inter(path: str | Path, states=None) -> pl.DataFrame:
    """Read peacesciencer's ``cow_war_inter`` (COW Inter-State War 4.0 as directed dyadic
    war-years) as it is, plus ``line``; battle deaths keep their -9 (unknown) here."""
    from casus.history.cow import COW_WAR_INTER_COLUMNS

    file = str(path)
    raw = _read(path, COW_WAR_INTER_COLUMNS, "COW inter-state war (dyadic)")
    problems = _not_null(raw, file, ["warnum", "ccode1", "ccode2", "year", "cowinterongoing",
                                     "cowinteronset"])
    out = raw.select(*COW_WAR_INTER_COLUMNS)
    for col in ("cowinterongoing", "cowinteronset"):
        bad = out.with_row_index("_r").filter(~pl.col(col).is_in([0, 1])).head(5)
        problems += [Problem(file, f"{r[col]} is not 0 or 1", line=r["_r"] + 2, field=col)
                     for r in bad.iter_rows(named=True)]
    problems += _unknown(out.drop_nulls(["ccode1", "ccode2"]), file, ["ccode1", "ccode2"],
                         _known_codes(states), states is not None)
    if problems:
        raise ControlDataError(problems)
    return out.with_row_index("line", offset=2).with_columns(pl.col("line").cast(pl.Int64))


# --------------------------------------------------------------------------------------------
# year tables (unique keys)
# --------------------------------------------------------------------------------------------

def _years_of(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    return pl.int_ranges(start.dt.year(), end.dt.year() + 1, dtype=pl.Int64)


def contiguity_years(contdir: pl.DataFrame) -> pl.DataFrame:
    """``ccode1, ccode2, year, conttype``: the record first by date within each year."""
    first_month = pl.when(pl.col("year") == pl.col("stdate").dt.year()).then(
        pl.col("stdate").dt.month()).otherwise(1)
    return (contdir.lazy()
            .with_columns(year=_years_of(pl.col("stdate"), pl.col("enddate")))
            .explode("year")
            .with_columns(_m=first_month)
            .sort("ccode1", "ccode2", "year", "_m", "line")
            .unique(["ccode1", "ccode2", "year"], keep="first", maintain_order=True)
            .select(pl.col("ccode1").cast(pl.Int64), pl.col("ccode2").cast(pl.Int64), "year",
                    pl.col("conttype").cast(pl.Int8))
            .collect())


def capital_years(capitals: pl.DataFrame) -> pl.DataFrame:
    """``ccode, year, lat, lng, line``: the capital in force on the first day of the year it
    is recorded (``line``: its row in the file)."""
    first_day = pl.max_horizontal(pl.col("stdate"), pl.date(pl.col("year"), 1, 1))
    return (capitals.lazy()
            .with_columns(year=_years_of(pl.col("stdate"), pl.col("enddate")))
            .explode("year")
            .with_columns(_d=first_day)
            .sort("ccode", "year", "_d", "line")
            .unique(["ccode", "year"], keep="first", maintain_order=True)
            .select(pl.col("ccode").cast(pl.Int64), "year", "lat", "lng", "line")
            .collect())


def major_years(majors: pl.DataFrame, carry_forward_to: int | None = None) -> pl.DataFrame:
    """``ccode, year``: each year a major-power spell touches. ``carry_forward_to`` extends
    the spells that end on 31 December of the file's last year to that year."""
    end_year = pl.col("end").dt.year()
    if carry_forward_to is not None:
        last = majors["end"].max()
        end_year = pl.when((pl.col("end") == last) & (last.month == 12) & (last.day == 31)
                           ).then(pl.lit(max(carry_forward_to, last.year))).otherwise(end_year)
    return (majors.lazy()
            .select(pl.col("ccode").cast(pl.Int64),
                    year=pl.int_ranges(pl.col("start").dt.year(), end_year + 1, dtype=pl.Int64))
            .explode("year").unique().sort("ccode", "year").collect())


def war_dyad_years(wars: pl.DataFrame) -> pl.DataFrame:
    """One row per (ccode1, ccode2, year) at war, by peacesciencer's rule (module docstring):
    ``ccode1, ccode2, year`` and :data:`WAR_COLUMNS`."""
    key = list(_DYAD)
    onset = pl.col("cowinteronset")
    deaths = [pl.when(pl.col(c) >= 0).then(pl.col(c)) for c in ("batdeath1", "batdeath2")]
    return (wars.lazy()
            .filter(~((pl.len().over(key) > 1) & (onset.min().over(key) != onset.max().over(key))
                      & (onset == 0)))
            .with_columns(pl.when(pl.col(c) >= 0).then(pl.col(c)).alias(c)
                          for c in ("batdeath1", "batdeath2"))
            .with_columns(_deaths=pl.when(deaths[0].is_null() & deaths[1].is_null()).then(None)
                          .otherwise(deaths[0].fill_null(0) + deaths[1].fill_null(0)))
            .sort([*key, "_deaths", "line"], descending=[False, False, False, True, False],
                  nulls_last=True)
            .unique(key, keep="first", maintain_order=True)
            .select(*(pl.col(c).cast(pl.Int64) for c in key),
                    *(pl.col(c).cast(pl.Int8) for c in WAR_COLUMNS[:6]),
                    *(pl.col(c).cast(pl.Int64) for c in WAR_COLUMNS[6:]))
            .collect())


# --------------------------------------------------------------------------------------------
# the steps
# --------------------------------------------------------------------------------------------

def _note(message: str) -> None:
    """One line on standard error: the frame reaches beyond a source's years."""
    print(f"note: {message}", file=sys.stderr)


def _kind(frame: pl.DataFrame, step: str) -> str:
    if all(c in frame.columns for c in _DYAD):
        return "dyad"
    if all(c in frame.columns for c in _STATE):
        return "state"
    raise InputError(f"{step} needs a dyad-year frame (ccode1, ccode2, year) or a state-year "
                     f"frame (ccode, year); got columns {frame.columns[:6]}: build it with "
                     "casus.frames.dyad_years or state_years first")


def _polars(frame) -> tuple[pl.DataFrame, bool]:
    if isinstance(frame, pl.DataFrame):
        return frame, False
    return pl.from_pandas(frame), True


def _clash(frame: pl.DataFrame, columns: Iterable[str], step: str) -> None:
    clash = [c for c in columns if c in frame.columns]
    if clash:
        raise InputError(f"the frame already has {clash}; {step} was run twice?")


_BASE = 10_000  # codes and years of a control table lie in [0, 10000)


def _packed(frame: pl.DataFrame, columns: list[str]) -> np.ndarray:
    """One Int64 key per row (codes and years packed in base 10,000); -1 where a part is
    null or outside 0..9999, so that it matches nothing."""
    key = pl.lit(0, pl.Int64)
    ok = pl.lit(True)
    for c in columns:
        part = pl.col(c).cast(pl.Int64)
        key = key * _BASE + part
        ok = ok & part.is_between(0, _BASE - 1)
    return frame.select(pl.when(ok).then(key).otherwise(-1)).to_series().to_numpy()


def _rows(frame: pl.DataFrame, left_on: list[str], table: pl.DataFrame,
          right_on: list[str]) -> np.ndarray:
    """For each frame row, the index of the ``table`` row with the same key, or -1: a binary
    search of the packed key in the table's sorted keys (fast on a sorted skeleton, correct on
    any frame). The table's keys must be unique."""
    import numpy as np

    tk = _packed(table, right_on)
    if (tk < 0).any():
        raise InputError(f"control table keys must lie in 0..{_BASE - 1}")
    order = np.argsort(tk, kind="stable")
    sorted_keys = tk[order]
    if len(sorted_keys) > 1 and (np.diff(sorted_keys) == 0).any():
        raise AssertionError("the control table's keys are not unique")
    fk = _packed(frame, left_on)
    if not len(sorted_keys):
        return np.full(len(fk), -1, np.int64)
    pos = np.minimum(np.searchsorted(sorted_keys, fk), len(sorted_keys) - 1)
    return np.where(sorted_keys[pos] == fk, order[pos], -1)


def _join(frame: pl.DataFrame, table: pl.DataFrame, left_on: list[str], right_on: list[str],
          step: str) -> pl.DataFrame:
    """A left join on keys unique in ``table``: each frame row looks its table row up
    (:func:`_rows`), so the rows and their order are the frame's by construction (checked)."""
    import numpy as np

    values = [c for c in table.columns if c not in right_on]
    rows = _rows(frame, left_on, table, right_on)
    found = rows >= 0
    gather = pl.Series(np.maximum(rows, 0))
    if table.height == 0:
        out = frame.with_columns(pl.lit(None, table[c].dtype).alias(c) for c in values)
    elif found.all():
        out = frame.with_columns(table[c].gather(gather).alias(c) for c in values)
    else:
        mask = pl.lit(pl.Series(found))
        out = frame.with_columns(pl.when(mask).then(pl.lit(table[c].gather(gather))).alias(c)
                                 for c in values)
    if out.height != frame.height:  # the pipeline invariant
        raise AssertionError(f"{step} changed the row count: {frame.height} -> {out.height}")
    return out


def _fill_inside(frame: pl.DataFrame, columns: Iterable[str], lo: int, hi: int, source: str,
                 what: str) -> pl.DataFrame:
    """0 where a column is null inside ``lo..hi``; null outside, with a note."""
    inside = pl.col("year").is_between(lo, hi)
    out = frame.with_columns(pl.when(inside).then(pl.col(c).fill_null(0)).otherwise(pl.col(c))
                             .alias(c) for c in columns)
    year = frame.get_column("year")
    outside = year.filter(~year.is_between(lo, hi))
    if len(outside):
        _note(f"{source} covers {lo}–{hi}: {what} NA in {outside.min()}–{outside.max()} "
              f"({len(outside):,} rows), not 0")
    return out


def _restore(out: pl.DataFrame, was_pandas: bool):
    return out.to_pandas() if was_pandas else out


def _span(table: pl.DataFrame) -> tuple[int, int]:
    return int(table["year"].min()), int(table["year"].max())


def add_contiguity(frame, path: str | Path, *, states=None):
    """Add ``conttype`` (dyad-years) or ``land``, ``sea`` (state-years) from the COW Direct
    Contiguity file ``path`` (peacesciencer's ``cow_contdir``). A left join: every row kept.

    >>> frame = add_contiguity(dyad_years(states, 1816, 2016), "cow_contdir.csv")  # doctest: +SKIP
    """
    frame, was_pandas = _polars(frame)
    kind = _kind(frame, "add_contiguity")
    contdir = read_contiguity(path, states)
    lo, hi = contdir["stdate"].min().year, contdir["enddate"].max().year
    table = contiguity_years(contdir)
    if kind == "dyad":
        _clash(frame, CONTIGUITY_COLUMNS, "add_contiguity")
        out = _join(frame, table, list(_DYAD), list(_DYAD), "add_contiguity")
        out = _fill_inside(out, CONTIGUITY_COLUMNS, lo, hi, Path(path).name, "conttype")
    else:
        _clash(frame, ("land", "sea"), "add_contiguity")
        counts = (table.group_by("ccode1", "year")
                  .agg(land=(pl.col("conttype") == 1).sum().cast(pl.Int64),
                       sea=(pl.col("conttype") > 1).sum().cast(pl.Int64)))
        out = _join(frame, counts, list(_STATE), ["ccode1", "year"], "add_contiguity")
        out = _fill_inside(out, ("land", "sea"), lo, hi, Path(path).name, "land, sea")
    return _restore(out, was_pandas)


def _distance_km(lat1: pl.Expr, lng1: pl.Expr, lat2: pl.Expr, lng2: pl.Expr) -> pl.Expr:
    """geosphere::distVincentySphere (r = 6378137 m), in km."""
    rad = math.pi / 180
    p1, p2 = lat1 * rad, lat2 * rad
    dlon = (lng1 - lng2) * rad
    x = ((p2.cos() * dlon.sin()) ** 2
         + (p1.cos() * p2.sin() - p1.sin() * p2.cos() * dlon.cos()) ** 2).sqrt()
    y = p1.sin() * p2.sin() + p1.cos() * p2.cos() * dlon.cos()
    return pl.arctan2(x, y) * (_EARTH_RADIUS_M / 1000)


def _distance_matrix(lat: np.ndarray, lng: np.ndarray) -> np.ndarray:
    """km between every pair of points: ``geosphere::distVincentySphere`` (r = 6378137 m)."""
    import numpy as np

    rad = math.pi / 180
    p1, p2 = lat[:, None] * rad, lat[None, :] * rad
    dlon = (lng[:, None] - lng[None, :]) * rad
    x = np.sqrt((np.cos(p2) * np.sin(dlon)) ** 2
                + (np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dlon)) ** 2)
    y = np.sin(p1) * np.sin(p2) + np.cos(p1) * np.cos(p2) * np.cos(dlon)
    return np.arctan2(x, y) * (_EARTH_RADIUS_M / 1000)


def add_capital_distance(frame, path: str | Path, *, states=None):
    """Add ``capdist`` (km between the two capitals, dyad-years) or ``mincapdist`` (to the
    nearest capital of a state that was a member on a common day of that year, from
    ``states``; without it, of the frame's other states that year) from the capitals file
    ``path`` (peacesciencer's ``cow_capitals``). A left join: every row kept.
    """
    import numpy as np

    frame, was_pandas = _polars(frame)
    kind = _kind(frame, "add_capital_distance")
    spells = read_capitals(path, states)
    caps = capital_years(spells).join(
        spells.select("line").with_row_index("spell")
        .with_columns(pl.col("spell").cast(pl.Int64)), on="line")
    if kind == "dyad":
        _clash(frame, CAPITAL_COLUMNS, "add_capital_distance")
        # each row's two capitals by lookup, then a distance from the capitals' own
        # (small) distance matrix: the same formula, computed once per pair of capitals
        r1 = _rows(frame, ["ccode1", "year"], caps, list(_STATE))
        r2 = _rows(frame, ["ccode2", "year"], caps, list(_STATE))
        spell = caps["spell"].to_numpy()
        dist = _distance_matrix(spells["lat"].to_numpy(), spells["lng"].to_numpy())
        found = (r1 >= 0) & (r2 >= 0)
        values = dist[spell[np.maximum(r1, 0)], spell[np.maximum(r2, 0)]]
        column = pl.Series("capdist", values)
        if not found.all():
            column = pl.select(pl.when(pl.lit(pl.Series(found))).then(pl.lit(column))
                               ).to_series().alias("capdist")
        out = frame.with_columns(column)
    else:
        _clash(frame, ("mincapdist",), "add_capital_distance")
        years = frame.get_column("year").drop_nulls()
        system = _system(states)
        if system is not None and len(years):
            # peacesciencer's rule: the nearest capital among the states that were members
            # on a common day of that year (its cow_ddy)
            from casus.frames.skeleton import dyad_years

            lo, hi = int(years.min()), int(years.max())
            pairs = dyad_years(system, max(lo, 1), max(hi, max(lo, 1)), directed=True,
                               same_day=True).lazy()
        else:  # the other states of the frame in that year
            sy = frame.lazy().select(pl.col("ccode").cast(pl.Int64),
                                     pl.col("year").cast(pl.Int64)).unique()
            pairs = (sy.join(sy, on="year", suffix="_2")
                     .filter(pl.col("ccode") != pl.col("ccode_2"))
                     .select(ccode1="ccode", ccode2="ccode_2", year="year"))
        located = caps.lazy().select("ccode", "year", "lat", "lng")
        table = (pairs.join(located, left_on=["ccode1", "year"], right_on=["ccode", "year"])
                 .join(located, left_on=["ccode2", "year"], right_on=["ccode", "year"],
                       suffix="_2")
                 .group_by(pl.col("ccode1").alias("ccode"), "year")
                 .agg(mincapdist=_distance_km(pl.col("lat"), pl.col("lng"), pl.col("lat_2"),
                                              pl.col("lng_2")).min())
                 .collect())
        out = _join(frame, table, list(_STATE), list(_STATE), "add_capital_distance")
    last = int(caps["year"].max())
    beyond = out.get_column("year").filter(out.get_column("year") > last)
    if len(beyond):
        _note(f"{Path(path).name} records capitals to {last}: capital distance NA in "
              f"{last + 1}–{beyond.max()} ({len(beyond):,} rows)")
    return _restore(out, was_pandas)


def add_cow_majors(frame, path: str | Path, *, states=None,
                   carry_forward_to: int | None = None):
    """Add ``cowmaj1``, ``cowmaj2`` (dyad-years) or ``cowmaj`` (state-years): 1 when the state
    is a COW major power that year, from ``path`` (``majors2016.csv``/``cow_majors``).
    ``carry_forward_to`` keeps the last spells going to that year, as peacesciencer's default
    ``mry = TRUE`` does to last year. A left join: every row kept.
    """
    frame, was_pandas = _polars(frame)
    kind = _kind(frame, "add_cow_majors")
    majors = read_majors(path, states)
    years = major_years(majors, carry_forward_to).with_columns(cowmaj=pl.lit(1, pl.Int8))
    lo = majors["start"].min().year
    hi = max(majors["end"].max().year, carry_forward_to or 0)
    if kind == "dyad":
        _clash(frame, MAJOR_COLUMNS, "add_cow_majors")
        out = _join(frame, years, ["ccode1", "year"], ["ccode", "year"], "add_cow_majors")
        out = out.rename({"cowmaj": "cowmaj1"})
        out = _join(out, years, ["ccode2", "year"], ["ccode", "year"], "add_cow_majors")
        out = out.rename({"cowmaj": "cowmaj2"})
        out = _fill_inside(out, MAJOR_COLUMNS, lo, hi, Path(path).name, "cowmaj1, cowmaj2")
    else:
        _clash(frame, ("cowmaj",), "add_cow_majors")
        out = _join(frame, years, list(_STATE), list(_STATE), "add_cow_majors")
        out = _fill_inside(out, ("cowmaj",), lo, hi, Path(path).name, "cowmaj")
    return _restore(out, was_pandas)


def add_cow_wars(frame, path: str | Path, *, states=None,
                 coverage: tuple[int, int] = WAR_INTER_COVERAGE):
    """Add the COW inter-state war columns (:data:`WAR_COLUMNS`, dyad-years) or
    ``cowinterongoing, cowinteronset, cowinterwars`` (state-years) from peacesciencer's
    ``cow_war_inter`` file ``path``; ``coverage`` are the years the war data speak for
    (1816–2007). A left join: every row kept.
    """
    frame, was_pandas = _polars(frame)
    kind = _kind(frame, "add_cow_wars")
    wars = read_war_inter(path, states)
    lo, hi = coverage
    if kind == "dyad":
        _clash(frame, WAR_COLUMNS, "add_cow_wars")
        out = _join(frame, war_dyad_years(wars), list(_DYAD), list(_DYAD), "add_cow_wars")
        out = _fill_inside(out, WAR_COLUMNS[:2], lo, hi, Path(path).name,
                           "cowinterongoing, cowinteronset")
    else:
        cols = ("cowinterongoing", "cowinteronset", "cowinterwars")
        _clash(frame, cols, "add_cow_wars")
        table = (wars.group_by("ccode1", "year")
                 .agg(pl.col("cowinterongoing").max().cast(pl.Int8),
                      pl.col("cowinteronset").max().cast(pl.Int8),
                      cowinterwars=pl.col("warnum").n_unique().cast(pl.Int64)))
        out = _join(frame, table, list(_STATE), ["ccode1", "year"], "add_cow_wars")
        out = _fill_inside(out, cols, lo, hi, Path(path).name, ", ".join(cols))
    return _restore(out, was_pandas)
