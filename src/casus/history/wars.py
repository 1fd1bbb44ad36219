"""Interstate war files, whatever their format, as one list of war events.

Three formats are read, each recognised from its header (never from the file name):

==========================  =======================================================================
format                      file
==========================  =======================================================================
``rsh``                     Reiter, Stam & Horowitz (2016) revised interstate wars,
                            ``interstate-war-rev.csv``: one row per initial war and year
``cow4``                    COW Inter-State War Data v4.0, ``Inter-StateWarData_v4.0.csv``: one
                            row per state and war (``WarNum, ccode, Side, StartYear1, Initiator`` …)
``cow_war_inter``           peacesciencer's ``cow_war_inter`` (COW v4.0 as directed dyad-years)
==========================  =======================================================================

:func:`read_war_events` returns one row per *event* — a pair of states at war from a date —
with the columns of :data:`EVENT_COLUMNS`:

``war, war_name, init_war_id, side_a, side_b, date, end, directed``

``directed = true`` means ``side_a`` attacked ``side_b`` on ``date``; false means only that the
two were at war from then (who attacked whom is not in the data). ``side_b`` is null for a
state the file lists as taking part with no identified enemy (RSH's further adversaries and
allies). ``end`` is the last day of the pair's fighting when the file says.

How each format becomes events, and what is lost against RSH:

* **rsh** — each ``init_war_id`` is one bilateral initial war: its initiator attacked its
  target on the entry date of its first year; it ends on the last exit date. States RSH lists
  only as further adversaries or allies take part from their first listed year, enemy unknown.
* **cow4** — one war per ``WarNum``; ``Side`` 1/2 and ``Initiator`` (1 = initiated). Each
  initiator attacked every state of the other side that was in the war on the day it entered
  (``directed``); every other pair of opposing states is at war from the later of their two
  entry dates, direction unknown. An unknown month or day (-9) is the 1st. *Lost against RSH:*
  the bilateral structure inside a multilateral war (COW puts all of side 1 against all of side
  2, so Japan is at war with Bulgaria in 1914), and who attacked whom for every state that
  joined after the first day (RSH codes the joiner's own initial war, e.g. the UK attacking
  Germany on 5 Aug 1914; COW only says the UK joined side 2) — so a defence pledge toward a
  joiner is never activated from COW, nor an offence pledge by one.
* **cow_war_inter** — peacesciencer's dyad-years: a pair is at war from the 1st of January of
  its first year in the file, to the 31st of December of its last; directed when ``initiator1``
  is 1 and ``initiator2`` is 0. *Lost:* everything ``cow4`` loses, plus the days — an alliance
  formed in the war's first year counts as formed during it, one ended that year as ended
  before it; and war names (``war_name`` is ``COW war <n>``).

The war number is the file's own: RSH ``larger_war_id`` (88 wars in v1.0), or COW ``WarNum``
(95 wars in v4.0) — the two numberings differ (World War I is RSH 38, COW 106).

An unrecognised header, or a recognised one that lacks a column, is a
:class:`casus.errors.WarFormatError` naming the file and the missing columns (exit code 2).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl

from casus.errors import DataError, Problem, WarFormatError
from casus.history.cow import (
    COW_WAR_INTER_COLUMNS,
    INT,
    RSH_WAR_COLUMNS,
    STR,
    read_checked_csv,
    read_cow_war_inter,
    read_rsh_wars,
)

__all__ = ["COW4_COLUMNS", "EVENT_COLUMNS", "WAR_FORMATS", "detect_war_format",
           "read_war_events"]

#: COW Inter-State War Data v4.0 (``Inter-StateWarData_v4.0.csv``) columns casus reads.
COW4_COLUMNS: dict[str, str] = {
    "WarNum": INT, "WarName": STR, "ccode": INT, "Side": INT,
    "StartMonth1": INT, "StartDay1": INT, "StartYear1": INT,
    "EndMonth1": INT, "EndDay1": INT, "EndYear1": INT, "Initiator": INT,
}

#: Format name → (what it is, the columns it needs, a header column that identifies it).
WAR_FORMATS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "rsh": ("Reiter-Stam-Horowitz revised interstate wars (interstate-war-rev.csv)",
            tuple(RSH_WAR_COLUMNS), ("init_war_id", "larger_war_id")),
    "cow4": ("COW Inter-State War Data v4.0 (Inter-StateWarData_v4.0.csv)",
             tuple(COW4_COLUMNS), ("WarNum",)),
    "cow_war_inter": ("peacesciencer cow_war_inter (COW v4.0 dyad-years)",
                      tuple(COW_WAR_INTER_COLUMNS), ("warnum",)),
}

#: Columns of :func:`read_war_events`.
EVENT_COLUMNS: tuple[str, ...] = ("war", "war_name", "init_war_id", "side_a", "side_b", "date",
                                  "end", "directed")

_SCHEMA = {"war": pl.Int64, "war_name": pl.String, "init_war_id": pl.Int64,
           "side_a": pl.Int64, "side_b": pl.Int64, "date": pl.Date, "end": pl.Date,
           "directed": pl.Boolean}


def _header(path: Path) -> list[str]:
    if not path.is_file():
        raise DataError([Problem(str(path), "war file not found")])
    if path.stat().st_size == 0:
        raise WarFormatError([Problem(str(path), "war file is empty (no header, no rows)")])
    try:
        cols = pl.read_csv(path, n_rows=0, infer_schema=False).columns
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise DataError([Problem(str(path), f"cannot be read as CSV: {exc}")]) from exc
    return [c.lstrip("\ufeff").strip() for c in cols]


def detect_war_format(path: str | Path) -> str:
    """``"rsh"``, ``"cow4"`` or ``"cow_war_inter"``, from the file's header.

    Raises :class:`~casus.errors.WarFormatError` naming the file and, for the format the
    header looks like, the columns it lacks; for a header like none of them, what each needs.
    """
    p = Path(path)
    header = _header(p)
    for name, (what, required, marks) in WAR_FORMATS.items():
        if any(m in header for m in marks) and (name != "cow_war_inter" or "ccode1" in header):
            missing = [c for c in required if c not in header]
            if missing:
                raise WarFormatError([Problem(
                    str(p), f"looks like {what} but lacks column(s) {', '.join(missing)}",
                    line=1, field=missing[0])])
            return name
    needs = "; ".join(f"{what}: {', '.join(req[:4])} …" for what, req, _ in WAR_FORMATS.values())
    shown = ", ".join(header[:6]) + (" …" if len(header) > 6 else "")
    raise WarFormatError([Problem(
        str(p), f"not a war file casus reads (header: {shown}). Expected one of — {needs}",
        line=1)])


def read_war_events(path: str | Path) -> tuple[str, pl.DataFrame]:
    """The format detected and the file's war events (:data:`EVENT_COLUMNS`, sorted by war
    and date). See the module docstring for how each format is read."""
    fmt = detect_war_format(path)
    rows = {"rsh": _rsh, "cow4": _cow4, "cow_war_inter": _cow_war_inter}[fmt](path)
    frame = pl.DataFrame(rows, schema=_SCHEMA, orient="row")
    return fmt, frame.sort("war", "date", "init_war_id", "side_a", "side_b", nulls_last=True)


def _rsh(path: str | Path) -> list[tuple]:
    frame = read_rsh_wars(path)
    out = []
    ends = frame.group_by("init_war_id").agg(
        pl.max_horizontal(pl.col("exit").max(), pl.col("exit02").max()).alias("end"))
    end_of = dict(ends.iter_rows())
    firsts = frame.sort("year", "entry").group_by("init_war_id", maintain_order=True).first()
    seen: dict[int, set[int]] = {}
    for r in firsts.iter_rows(named=True):
        out.append((r["larger_war_id"], r["larger_war_name"], r["init_war_id"], r["init_ccode"],
                    r["target_ccode"], r["entry"], end_of.get(r["init_war_id"]), True))
        seen.setdefault(r["larger_war_id"], set()).update((r["init_ccode"], r["target_ccode"]))
    listed = [c for c in frame.columns if c.endswith("ccode") and c[:3] in ("adv", "all")]
    for r in frame.sort("year", "entry").iter_rows(named=True):
        known = seen.setdefault(r["larger_war_id"], set())
        for c in listed:
            s = r[c]
            if s is not None and s not in known:
                known.add(s)
                out.append((r["larger_war_id"], r["larger_war_name"], r["init_war_id"], s, None,
                            r["entry"], end_of.get(r["init_war_id"]), False))
    return out


def _day(y: int | None, m: int | None, d: int | None, *, last: bool = False) -> date | None:
    if y is None or y < 0:
        return None
    month = m if m is not None and 1 <= m <= 12 else (12 if last else 1)
    if d is None or not 1 <= d <= 31:
        if not last:
            return date(y, month, 1)
        nxt = date(y + (month == 12), month % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    try:
        return date(y, month, d)
    except ValueError:
        return date(y, month, 1)


def _cow4(path: str | Path) -> list[tuple]:
    frame = read_checked_csv(path, COW4_COLUMNS, what="COW Inter-State War v4.0")
    problems = [Problem(str(path), "value is missing", line=i + 2, field=c)
                for c in ("WarNum", "ccode", "Side", "StartYear1")
                for i in frame.with_row_index("_r").filter(pl.col(c).is_null())["_r"].head(5)]
    if problems:
        raise DataError(problems)
    out = []
    for (war,), g in frame.group_by(["WarNum"], maintain_order=True):
        name = g["WarName"][0]
        states: dict[int, dict] = {}
        for r in g.iter_rows(named=True):
            start = _day(r["StartYear1"], r["StartMonth1"], r["StartDay1"])
            end = _day(r["EndYear1"], r["EndMonth1"], r["EndDay1"], last=True)
            s = states.setdefault(r["ccode"], {"side": r["Side"], "start": start, "end": end,
                                               "init": r["Initiator"] == 1})
            s["start"], s["init"] = min(s["start"], start), s["init"] or r["Initiator"] == 1
            if end is not None:
                s["end"] = max(s["end"] or end, end)
        codes = sorted(states)
        for a in codes:
            for b in codes:
                sa, sb = states[a], states[b]
                if a >= b or sa["side"] == sb["side"]:
                    continue
                if sb["init"] and not sa["init"]:
                    a, b, sa, sb = b, a, sb, sa
                on = max(sa["start"], sb["start"])
                directed = sa["init"] and not sb["init"] and sb["start"] <= sa["start"]
                ends = [e for e in (sa["end"], sb["end"]) if e is not None]
                out.append((war, name, None, a, b, on, min(ends) if ends else None, directed))
    return out


def _cow_war_inter(path: str | Path) -> list[tuple]:
    frame = read_cow_war_inter(path)
    spans = (frame.filter(pl.col("ccode1") < pl.col("ccode2"))
             .group_by("warnum", "ccode1", "ccode2")
             .agg(pl.col("year").min().alias("first"), pl.col("year").max().alias("last"),
                  pl.col("initiator1").max(), pl.col("initiator2").max()))
    out = []
    for r in spans.iter_rows(named=True):
        a, b = r["ccode1"], r["ccode2"]
        i1, i2 = r["initiator1"] == 1, r["initiator2"] == 1
        if i2 and not i1:
            a, b = b, a
        out.append((r["warnum"], f"COW war {r['warnum']}", None, a, b, date(r["first"], 1, 1),
                    date(r["last"], 12, 31), i1 != i2))
    return out
