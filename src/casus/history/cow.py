"""Correlates of War importers: state-system membership and interstate wars, as tidy frames.

Three files are read, each from a path the caller supplies (casus ships no data):

- the COW **State System Membership** list (``states2016.csv``; peacesciencer's ``cow_states``
  has the same columns) → :func:`read_states`, one row per membership spell with exact
  ``start``/``end`` dates;
- the **Reiter–Stam–Horowitz** revised interstate war data (JCR 2016, v1.0,
  ``interstate-war-rev.csv``) → :func:`read_rsh_wars` (one row per initial-war-year) and
  :func:`rsh_war_participants` (one row per war-year-participant, long format);
- peacesciencer's ``cow_war_inter`` (COW Inter-State War v4.0 as directed dyadic war-years) →
  :func:`read_cow_war_inter`.

Every reader checks its required columns and value types and raises one
:class:`casus.errors.DataError` listing every problem (file, line, column, bad value, a valid
example). Nothing is returned half-read.

Citations: Correlates of War Project. 2017. "State System Membership List, v2016." — Reiter,
Stam & Horowitz. 2016. "A Revised Look at Interstate Wars, 1816–2007." *JCR* 60(5): 956–976. —
Sarkees & Wayman. 2010. *Resort to War*. CQ Press.

The CSV checking helpers here (:func:`read_checked_csv`) are shared with
:mod:`casus.history.atop`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

from casus.errors import DataError, Problem

__all__ = [
    "COW_WAR_INTER_COLUMNS",
    "RSH_WAR_COLUMNS",
    "STATES_COLUMNS",
    "read_checked_csv",
    "read_cow_war_inter",
    "read_rsh_wars",
    "read_states",
    "rsh_war_participants",
]

INT = "int"
STR = "str"
FLOAT = "float"

#: COW State System Membership (states2016.csv) — column → kind.
STATES_COLUMNS: dict[str, str] = {
    "stateabb": STR, "ccode": INT, "statenme": STR,
    "styear": INT, "stmonth": INT, "stday": INT,
    "endyear": INT, "endmonth": INT, "endday": INT,
    "version": INT,
}

#: Reiter–Stam–Horowitz v1.0 core columns (the adv*/ally* pairs are read when present).
RSH_WAR_COLUMNS: dict[str, str] = {
    "version": INT, "larger_war_name": STR, "larger_war_id": INT, "init_war_id": INT,
    "init_war_name": STR, "annual_outcome": INT, "year": INT,
    "init_name": STR, "init_ccode": INT, "target_name": STR, "target_ccode": INT,
    "month_entry": INT, "day_entry": INT, "month_exit": INT, "day_exit": INT,
    "month_entry02": INT, "day_entry02": INT, "month_exit02": INT, "day_exit02": INT,
    "joiner": INT,
}
_RSH_ADV = range(2, 15)   # adv2 … adv14
_RSH_ALLY = range(1, 17)  # ally1 … ally16

#: peacesciencer ``cow_war_inter`` (COW Inter-State War v4.0, directed dyadic war-years).
COW_WAR_INTER_COLUMNS: dict[str, str] = {
    "warnum": INT, "ccode1": INT, "ccode2": INT, "year": INT,
    "cowinterongoing": INT, "cowinteronset": INT, "sidea1": INT, "sidea2": INT,
    "initiator1": INT, "initiator2": INT, "outcome1": INT, "outcome2": INT,
    "batdeath1": INT, "batdeath2": INT, "resume": INT,
}

_NULLS = ["", "NA", "NaN", "."]
_DTYPES = {INT: pl.Int64, FLOAT: pl.Float64, STR: pl.String}
_EXAMPLE = {INT: "an integer such as 2", FLOAT: "a number such as 4.01", STR: "any text"}


# --------------------------------------------------------------------------------------------
# shared CSV checking
# --------------------------------------------------------------------------------------------

def read_checked_csv(
    path: str | Path,
    required: Mapping[str, str],
    *,
    optional: Mapping[str, str] | None = None,
    what: str = "table",
) -> pl.DataFrame:
    """Read a CSV whose ``required`` columns must exist and parse as their kind.

    ``required``/``optional`` map a column name to ``"int"``, ``"float"`` or ``"str"``. All
    columns are first read as text, so a bad cell is reported with its line and value instead
    of a dtype-inference failure. Extra columns are kept as text. Every problem (missing file,
    empty file, missing column — with the close name that was probably meant —, non-numeric
    cell) is collected and raised together as one :class:`DataError`.
    """
    file = str(path)
    p = Path(path)
    if not p.is_file():
        raise DataError([Problem(file, f"{what} file not found")])
    if p.stat().st_size == 0:
        raise DataError([Problem(file, f"{what} file is empty (no header, no rows)")])
    try:
        raw = pl.read_csv(p, infer_schema=False, null_values=_NULLS, encoding="utf8-lossy")
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise DataError([Problem(file, f"cannot be read as CSV: {exc}")]) from exc
    # a byte-order mark or stray spaces (Excel exports) must not hide a column name
    clean = {c: c.lstrip("\ufeff").strip() for c in raw.columns}
    if any(k != v for k, v in clean.items()) and len(set(clean.values())) == len(clean):
        raw = raw.rename(clean)
    problems: list[Problem] = []
    kinds = dict(optional or {})
    kinds.update(required)
    missing = [c for c in required if c not in raw.columns]
    for col in missing:
        close = difflib.get_close_matches(col, [c for c in raw.columns if c not in required], 1)
        hint = f" (found {close[0]!r}: renamed?)" if close else ""
        problems.append(Problem(file, f"required column is missing{hint}", line=1, field=col))
    if raw.height == 0:
        problems.append(Problem(file, f"{what} file has a header but no data rows"))
    if problems:
        raise DataError(problems)
    casts = []
    for col, kind in kinds.items():
        if col not in raw.columns or kind == STR:
            continue
        dtype = _DTYPES[kind]
        text = pl.col(col).str.strip_chars()
        converted = text.cast(dtype, strict=False)
        if kind == INT:  # accept "2016.0" written by some exporters, reject 2016.5
            as_float = text.cast(pl.Float64, strict=False)
            converted = pl.when(as_float == as_float.round(0)).then(as_float.cast(pl.Int64))
        casts.append(converted.alias(col))
        bad = raw.with_row_index("_row").filter(
            pl.col(col).is_not_null() & converted.is_null()
        ).select("_row", col).head(5)
        for row, value in bad.iter_rows():
            problems.append(Problem(
                file, f"{value!r} is not {_EXAMPLE[kind]}", line=row + 2, field=col))
    if problems:
        raise DataError(problems)
    return raw.with_columns(casts)


def _required_not_null(frame: pl.DataFrame, file: str, columns: Iterable[str]) -> list[Problem]:
    problems = []
    for col in columns:
        rows = frame.with_row_index("_row").filter(pl.col(col).is_null())["_row"].head(5)
        problems += [Problem(file, "value is missing", line=r + 2, field=col) for r in rows]
    return problems


def _bad_dates(frame: pl.DataFrame, file: str, y: str, m: str, d: str, out: str) -> list[Problem]:
    rows = frame.with_row_index("_row").filter(pl.col(out).is_null()).head(5)
    return [Problem(file, f"{r[y]}-{r[m]}-{r[d]} is not a calendar date", line=r["_row"] + 2,
                    field=f"{y}/{m}/{d}") for r in rows.iter_rows(named=True)]


def _safe_date(y: str, m: str, d: str) -> pl.Expr:
    """A date, or null when (y, m, d) is not on the calendar (no exception)."""
    text = pl.format("{}-{}-{}", pl.col(y), pl.col(m), pl.col(d))
    return text.str.to_date("%Y-%m-%d", strict=False)


# --------------------------------------------------------------------------------------------
# state system membership
# --------------------------------------------------------------------------------------------

def read_states(path: str | Path) -> pl.DataFrame:
    """Read a COW state-system membership file into one row per membership spell.

    Returns the file's ten columns (``ccode`` and the date parts as Int64) plus ``start`` and
    ``end`` (``pl.Date``). A spell's ``end`` is the last day of membership; in states2016 an end
    of 2016-12-31 means "still a member when the list was closed".

    >>> states = read_states("cow_states.csv")            # doctest: +SKIP
    >>> states.filter(pl.col("ccode") == 255).select("start", "end").rows()  # doctest: +SKIP
    [(date(1816, 1, 1), date(1945, 5, 8)), (date(1990, 10, 3), date(2016, 12, 31))]
    """
    file = str(path)
    raw = read_checked_csv(path, STATES_COLUMNS, what="COW state-system membership")
    problems = _required_not_null(raw, file, [c for c, k in STATES_COLUMNS.items() if k == INT])
    if problems:
        raise DataError(problems)
    out = raw.select(*STATES_COLUMNS).with_columns(
        start=_safe_date("styear", "stmonth", "stday"),
        end=_safe_date("endyear", "endmonth", "endday"),
    )
    problems += _bad_dates(out, file, "styear", "stmonth", "stday", "start")
    problems += _bad_dates(out, file, "endyear", "endmonth", "endday", "end")
    rows = out.with_row_index("_row").filter(pl.col("end") < pl.col("start")).head(5)
    problems += [Problem(file, f"membership ends ({r['end']}) before it starts ({r['start']})",
                         line=r["_row"] + 2, field="endyear") for r in rows.iter_rows(named=True)]
    if problems:
        raise DataError(problems)
    return out


# --------------------------------------------------------------------------------------------
# Reiter–Stam–Horowitz revised interstate wars
# --------------------------------------------------------------------------------------------

def read_rsh_wars(path: str | Path) -> pl.DataFrame:
    """Read the Reiter–Stam–Horowitz (2016) interstate war file: one row per initial-war-year.

    Keeps the core columns (typed), adds ``entry``/``exit`` dates of the participation spell in
    that year (from ``year`` with ``month_entry/day_entry`` and ``month_exit/day_exit``) and
    ``entry02``/``exit02`` for the rare second spell (null when absent). The adversary and ally
    name/code pairs are left in the frame; :func:`rsh_war_participants` turns them into rows.
    """
    file = str(path)
    optional = {f"adv{i}ccode": INT for i in _RSH_ADV} | {f"ally{i}ccode": INT for i in _RSH_ALLY}
    raw = read_checked_csv(path, RSH_WAR_COLUMNS, optional=optional,
                           what="Reiter-Stam-Horowitz interstate war")
    problems = _required_not_null(
        raw, file, ["larger_war_id", "init_war_id", "year", "init_ccode", "target_ccode",
                    "month_entry", "day_entry", "month_exit", "day_exit"])
    if problems:
        raise DataError(problems)
    out = raw.with_columns(
        entry=_safe_date("year", "month_entry", "day_entry"),
        exit=_safe_date("year", "month_exit", "day_exit"),
        entry02=_safe_date("year", "month_entry02", "day_entry02"),
        exit02=_safe_date("year", "month_exit02", "day_exit02"),
    )
    problems += _bad_dates(out, file, "year", "month_entry", "day_entry", "entry")
    problems += _bad_dates(out, file, "year", "month_exit", "day_exit", "exit")
    if problems:
        raise DataError(problems)
    return out


def rsh_war_participants(wars: pl.DataFrame) -> pl.DataFrame:
    """Long format of :func:`read_rsh_wars`: one row per (init_war_id, year, ccode, role).

    ``role`` is ``initiator``, ``target``, ``adversary`` (adv2…adv14) or ``ally``
    (ally1…ally16), as the file names them; the article defines who is adversary/ally of whom.
    """
    keys = ["larger_war_id", "init_war_id", "year"]
    parts = [
        wars.select(*keys, ccode=pl.col("init_ccode"), role=pl.lit("initiator")),
        wars.select(*keys, ccode=pl.col("target_ccode"), role=pl.lit("target")),
    ]
    for role, cols in (("adversary", [f"adv{i}ccode" for i in _RSH_ADV]),
                       ("ally", [f"ally{i}ccode" for i in _RSH_ALLY])):
        present = [c for c in cols if c in wars.columns]
        if present:
            parts.append(
                wars.select(*keys, *present)
                .unpivot(index=keys, on=present, value_name="ccode")
                .drop("variable")
                .drop_nulls("ccode")
                .with_columns(pl.col("ccode").cast(pl.Int64), role=pl.lit(role))
            )
    return pl.concat(parts, how="vertical_relaxed").sort([*keys, "role", "ccode"])


# --------------------------------------------------------------------------------------------
# peacesciencer cow_war_inter
# --------------------------------------------------------------------------------------------

def read_cow_war_inter(path: str | Path) -> pl.DataFrame:
    """Read peacesciencer's ``cow_war_inter`` (COW Inter-State War v4.0, dyadic war-years).

    Tidying: ``batdeath1``/``batdeath2`` of -9 (COW's "unknown") become null, so sums are not
    silently wrong; ``outcome*`` stays as coded (1 winner … 8 changed sides; null where the file
    has none). (warnum, ccode1, ccode2, year) is not unique in the source (16 duplicate keys);
    rows are kept as they are.
    """
    file = str(path)
    raw = read_checked_csv(path, COW_WAR_INTER_COLUMNS, what="COW inter-state war (dyadic)")
    problems = _required_not_null(raw, file, ["warnum", "ccode1", "ccode2", "year"])
    if problems:
        raise DataError(problems)
    return raw.select(*COW_WAR_INTER_COLUMNS).with_columns(
        pl.when(pl.col(c) == -9).then(None).otherwise(pl.col(c)).alias(c)
        for c in ("batdeath1", "batdeath2")
    )
