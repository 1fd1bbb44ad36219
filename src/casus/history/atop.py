"""ATOP (Alliance Treaty Obligations and Provisions) importers: member- and alliance-level files.

casus reads the files a user downloaded (v4.0/4.01 or v5.x CSVs) — never a fixed path.

Version
    Read from a ``version`` column when there is one (4.0100002, a float32 artefact, reads as
    4.01); otherwise from the column set: the v4 files carry ``new4``/``rev4``/``cowsys``, v5
    files do not. A ``version`` outside 4.0, 4.01 and 5.x is a :class:`DataError`, and so is a
    file that mixes versions. The required columns are explicit per version
    (:data:`REQUIRED_MEMBER_COLUMNS`, :data:`REQUIRED_ALLIANCE_COLUMNS`).

Obligation spells (:func:`obligation_spells`)
    One row per member per alliance phase, with exact ``start``/``end`` dates built from
    ``yrent/moent/dayent`` and ``yrexit/moexit/dayexit``:

    - an unknown entry day (empty or 0) is the **first** day of the month, an unknown entry
      month the first month; an unknown exit day is the **last** day of the month, an unknown
      exit month December. The spell is therefore never shorter than the truth;
      ``start_exact``/``end_exact`` say when a day was filled in. (ATOP 4.01 member-level:
      5 rows with no ``dayent``, 31 with no ``dayexit``.)
    - ``yrexit == 0`` means the member was still in the alliance when the data were closed:
      ``end`` is null and ``ongoing`` is true; frames end such spells on 31 December of the
      version's last year (:data:`COVERAGE`).
    - an impossible date (30 February) or an exit before the entry is a :class:`DataError`.

    The condition columns (:data:`CONDITION_COLUMNS`) are carried as they are in the file;
    :data:`CODEBOOK` gives each a one-line meaning.

Codes
    ``member`` holds Correlates of War codes. ATOP 4.01 also uses one code outside the COW list,
    8152 (with France, atopid 1320, 1874–1883); :func:`check_member_codes` names any other code
    that the user's COW state list does not know.

Citation: Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long.
2002. "Alliance Treaty Obligations and Provisions, 1815-1944." *International Interactions* 28:
237–260.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from casus.errors import DataError, Problem
from casus.history.cow import INT, read_checked_csv

__all__ = [
    "ATOP_NON_COW_CODES",
    "CODEBOOK",
    "CONDITION_COLUMNS",
    "COVERAGE",
    "PROVISIONS",
    "REQUIRED_ALLIANCE_COLUMNS",
    "REQUIRED_MEMBER_COLUMNS",
    "check_member_codes",
    "detect_version",
    "find_atop_alliances",
    "find_atop_members",
    "obligation_spells",
    "read_atop_alliances",
    "read_atop_members",
]

#: The five obligation types, in ATOP's order.
PROVISIONS: tuple[str, ...] = ("defense", "offense", "neutral", "nonagg", "consul")

_DATES = ("yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")

#: Conditions and threat columns carried into the spells (when the file has them).
CONDITION_COLUMNS: tuple[str, ...] = (
    "conditio", "defcon", "offcon", "neucon", "concon",
    "defcoadv", "defcoloc", "defcocon", "defconum", "defcodem", "defconpr",
    "offcoadv", "offcoloc", "offcocon", "offconum", "offcodem",
    "neucoadv", "neucoloc", "neucocon", "neuconum", "neucodem", "neuconpr", "neucoatt",
    "concoadv", "concoloc", "concocon", "concoreq",
    "specthrt", "statthr1", "statthr2", "asymm",
)

_MEMBER_CORE = ("atopid", "member", *_DATES, *PROVISIONS)

#: Required member-level columns per major version. v4.x files must have the phase and every
#: condition column; v5.x files only the core (their condition columns are read when present).
REQUIRED_MEMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "4": (*_MEMBER_CORE, "phase", *CONDITION_COLUMNS),
    "5": _MEMBER_CORE,
}

_ALLIANCE_CORE = ("atopid", "begyr", "begmo", "begday", "endyr", "endmo", "endday", *PROVISIONS)

#: Required alliance-level columns per major version.
REQUIRED_ALLIANCE_COLUMNS: dict[str, tuple[str, ...]] = {
    "4": (*_ALLIANCE_CORE, "bilat", "maxphase", "conditio", "asymm", "specthrt"),
    "5": _ALLIANCE_CORE,
}

#: Last year each version covers (spells still in effect end on 31 December of that year).
COVERAGE: dict[str, tuple[int, int]] = {
    "4.0": (1815, 2016), "4.01": (1815, 2016), "5.0": (1815, 2018), "5.1": (1815, 2018),
}

_MEMBER_PATTERNS = ("atop-member-level.csv", "atop*_*m.csv", "*member*level*.csv", "atop*m.csv")

_V4_MARKERS = ("new4", "rev4", "cowsys")

# ATOP's own member code outside the COW state list (see the module docstring).
ATOP_NON_COW_CODES: dict[int, str] = {
    8152: "ATOP-only code used with France in atopid 1320 (1874-1883); not a COW state",
}

# One-line meanings of ATOP member-level obligation and condition variables, after the ATOP
# codebook: Leeds, Brett Ashley. 2018. "Alliance Treaty Obligations and Provisions (ATOP)
# Codebook", version 4.0 (Leeds, Ritter, Mitchell & Long). Conditions are coded for each
# obligation type (def = defense, off = offense, neu = neutrality, con = consultation); 1 means
# the obligation applies only under that condition. Entries marked (check) paraphrase the
# codebook from memory and should be checked against its text before they are quoted to users.
CODEBOOK: dict[str, str] = {
    "defense": "Member promises active military support if a partner is attacked.",
    "offense": "Member promises active military support in a conflict the partner did not "
               "have to be attacked to join (offensive obligation).",
    "neutral": "Member promises to stay out of (not aid the enemy in) a conflict the partner "
               "fights.",
    "nonagg": "Member promises not to use military force against its partners.",
    "consul": "Member promises to consult its partners in a crisis that could lead to war.",
    "conditio": "At least one of the member's obligations is conditional.",
    "defcon": "The defense obligation is conditional.",
    "offcon": "The offense obligation is conditional.",
    "neucon": "The neutrality obligation is conditional.",
    "concon": "The consultation obligation is conditional.",
    "defcoadv": "Defense applies only against a specified adversary.",
    "defcoloc": "Defense applies only if the conflict occurs in a specified location.",
    "defcocon": "Defense applies only in a specified conflict (e.g. a war already under way).",
    "defconum": "Defense applies only when the partner faces a specified number of attackers.",
    "defcodem": "Defense applies only on the partner's demand for aid (check).",
    "defconpr": "Defense applies only if the partner did not provoke the attack.",
    "offcoadv": "Offense applies only against a specified adversary.",
    "offcoloc": "Offense applies only in a specified location.",
    "offcocon": "Offense applies only in a specified conflict.",
    "offconum": "Offense applies only with a specified number of adversaries.",
    "offcodem": "Offense applies only on demand, i.e. if a specified demand is refused (check).",
    "neucoadv": "Neutrality applies only against a specified adversary.",
    "neucoloc": "Neutrality applies only in a specified location.",
    "neucocon": "Neutrality applies only in a specified conflict.",
    "neuconum": "Neutrality applies only with a specified number of adversaries.",
    "neucodem": "Neutrality applies only on demand (check).",
    "neuconpr": "Neutrality applies only if the partner did not provoke the conflict.",
    "neucoatt": "Neutrality applies only if the partner is attacked (check).",
    "concoadv": "Consultation applies only regarding a specified adversary.",
    "concoloc": "Consultation applies only for events in a specified location.",
    "concocon": "Consultation applies only in a specified conflict.",
    "concoreq": "Consultation takes place only at a partner's request.",
    "specthrt": "The treaty names a specific threat; the code says what kind (0 none) (check).",
    "statthr1": "COW code of the first state named as a threat (0 none).",
    "statthr2": "COW code of the second state named as a threat (0 none).",
    "asymm": "Obligations are asymmetric: members do not all promise the same things.",
}


def _version_from_values(values: list[float], file: str) -> str:
    labels = sorted({f"{v:.2f}".rstrip("0").rstrip(".") for v in values})
    problems = []
    if len(labels) > 1:
        problems.append(Problem(file, f"mixes ATOP versions {', '.join(labels)}",
                                field="version"))
    for label in labels:
        v = float(label)
        if not (4.0 <= v < 4.02 or 5.0 <= v < 6.0):
            problems.append(Problem(
                file, f"unknown ATOP version {label!r}; casus reads 4.0, 4.01 and 5.x "
                      "(e.g. version = 4.01)", field="version"))
    if problems:
        raise DataError(problems)
    label = labels[0]
    return {"4": "4.0", "5": "5.0"}.get(label, label)


def detect_version(columns: list[str], version_values: list[float] | None, file: str) -> str:
    """The ATOP version of a file: ``"4.0"``, ``"4.01"``, ``"5.0"``, ``"5.1"`` … or ``"4"``/
    ``"5"`` when only the column set tells. Raises :class:`DataError` for an unknown version."""
    if version_values:
        return _version_from_values(version_values, file)
    if any(c in columns for c in _V4_MARKERS):
        return "4"
    if "atopid" in columns:
        return "5"
    raise DataError([Problem(file, "cannot tell the ATOP version: no 'version' column and no "
                                   "'atopid' column (is this an ATOP file?)", field="atopid")])


def _read_versioned(path: str | Path, required: dict[str, tuple[str, ...]], what: str,
                    version: str | None) -> tuple[pl.DataFrame, str]:
    file = str(path)
    p = Path(path)
    if p.is_file() and p.stat().st_size > 0:
        header = [c.lstrip("\ufeff").strip()
                  for c in pl.read_csv(p, n_rows=0, infer_schema=False).columns]
    else:  # read_checked_csv reports the missing/empty file
        header = []
    if version is None and header:
        values = None
        if "version" in header:
            raw = read_checked_csv(p, {"version": "float"}, what=what)
            values = raw["version"].drop_nulls().unique().to_list()
        version = detect_version(header, values, file)
    elif version is not None:
        version = _version_from_values([float(version)], file)
    major = (version or "4")[0]
    kinds = dict.fromkeys(required[major], INT)
    optional = dict.fromkeys((*CONDITION_COLUMNS, "phase", "ineffect", "bilat"), INT)
    frame = read_checked_csv(p, kinds, optional=optional, what=what)
    return frame, version or major


def read_atop_members(path: str | Path, *, version: str | None = None) -> pl.DataFrame:
    """Read an ATOP member-level CSV (v4.0/4.01 or v5.x), typed and checked.

    Returns the file's columns (the required and condition columns as Int64, others as text)
    plus ``atop_version`` (a string such as ``"4.01"``). Pass ``version`` to override detection.
    Raises :class:`DataError` naming the file and column for a missing or renamed column, an
    empty file, a non-numeric code, an unknown version or a missing ``atopid``/``member``/
    ``yrent``.
    """
    file = str(path)
    frame, ver = _read_versioned(path, REQUIRED_MEMBER_COLUMNS, "ATOP member-level", version)
    problems = []
    for col in ("atopid", "member", "yrent", "moent", "yrexit", *PROVISIONS):
        rows = frame.with_row_index("_row").filter(pl.col(col).is_null())["_row"].head(5)
        problems += [Problem(file, "value is missing", line=r + 2, field=col) for r in rows]
    for col in PROVISIONS:
        rows = frame.with_row_index("_row").filter(~pl.col(col).is_in([0, 1])).head(5)
        problems += [Problem(file, f"{r[col]} is not 0 or 1", line=r["_row"] + 2, field=col)
                     for r in rows.iter_rows(named=True)]
    if problems:
        raise DataError(problems)
    return frame.with_columns(atop_version=pl.lit(ver))


def read_atop_alliances(path: str | Path, *, version: str | None = None) -> pl.DataFrame:
    """Read an ATOP alliance-level CSV: one row per alliance, typed and checked.

    Adds ``begin`` (date, unknown day → 1st) and ``end`` (date, unknown day → last of the
    month; null when ``endyr == 0``, i.e. in effect when the data were closed) and
    ``atop_version``. Non-ATOP columns added by third parties (the arms-allies copy of 4.01 has
    ``hinst … formal``) are kept as text.
    """
    frame, ver = _read_versioned(path, REQUIRED_ALLIANCE_COLUMNS, "ATOP alliance-level",
                                 version)
    frame = frame.with_columns(
        begin=_start("begyr", "begmo", "begday"),
        end=pl.when(pl.col("endyr") > 0).then(_end("endyr", "endmo", "endday")),
        atop_version=pl.lit(ver),
    )
    _check_dates(frame, str(path), "begin", "end", ("begyr", "begmo", "begday"),
                 ("endyr", "endmo", "endday"), ongoing=pl.col("endyr") == 0)
    return frame


def _known(col: str, lo: int, hi: int) -> pl.Expr:
    c = pl.col(col)
    return c.is_not_null() & (c >= lo) & (c <= hi)


def _start(y: str, m: str, d: str) -> pl.Expr:
    month = pl.when(_known(m, 1, 12)).then(pl.col(m)).otherwise(1)
    day = pl.when(_known(d, 1, 31)).then(pl.col(d)).otherwise(1)
    return _to_date(pl.col(y), month, day)


def _end(y: str, m: str, d: str) -> pl.Expr:
    month_known = _known(m, 1, 12)
    month = pl.when(month_known).then(pl.col(m)).otherwise(12)
    first = _to_date(pl.col(y), month, pl.lit(1))
    exact = _to_date(pl.col(y), month, pl.col(d))
    return pl.when(month_known & _known(d, 1, 31)).then(exact).otherwise(first.dt.month_end())


def _to_date(y: pl.Expr, m: pl.Expr, d: pl.Expr) -> pl.Expr:
    return pl.format("{}-{}-{}", y, m, d).str.to_date("%Y-%m-%d", strict=False)


def _check_dates(frame: pl.DataFrame, file: str, start: str, end: str, sparts: tuple,
                 eparts: tuple, ongoing: pl.Expr) -> None:
    problems = []
    indexed = frame.with_row_index("_row")
    for parts, cond in ((sparts, pl.col(start).is_null()),
                        (eparts, pl.col(end).is_null() & ~ongoing)):
        for r in indexed.filter(cond).head(5).iter_rows(named=True):
            shown = "-".join(str(r[p]) for p in parts)
            problems.append(Problem(file, f"{shown} is not a calendar date", line=r["_row"] + 2,
                                    field="/".join(parts)))
    for r in indexed.filter(pl.col(end) < pl.col(start)).head(5).iter_rows(named=True):
        problems.append(Problem(file, f"exit {r[end]} is before entry {r[start]}",
                                line=r["_row"] + 2, field=eparts[0]))
    if problems:
        raise DataError(problems)


def obligation_spells(members: pl.DataFrame, *, file: str = "<members>") -> pl.DataFrame:
    """Tidy per-member obligation spells from :func:`read_atop_members`.

    Columns: ``atopid, member, phase, start, end, start_exact, end_exact, ongoing,
    defense … consul``, the condition columns present in the file (:data:`CONDITION_COLUMNS`)
    and ``atop_version``. The date rules are in the module docstring. Raises
    :class:`DataError` for an impossible date or an exit before the entry.
    """
    cols = members.columns
    exact_start = _known("moent", 1, 12) & _known("dayent", 1, 31)
    exact_end = _known("moexit", 1, 12) & _known("dayexit", 1, 31)
    spells = members.with_columns(
        start=_start("yrent", "moent", "dayent"),
        end=pl.when(pl.col("yrexit") > 0).then(_end("yrexit", "moexit", "dayexit")),
        start_exact=exact_start,
        end_exact=exact_end | (pl.col("yrexit") == 0),
        ongoing=pl.col("yrexit") == 0,
        phase=pl.col("phase") if "phase" in cols else pl.lit(None, pl.Int64),
    )
    _check_dates(spells, file, "start", "end", ("yrent", "moent", "dayent"),
                 ("yrexit", "moexit", "dayexit"), ongoing=pl.col("ongoing"))
    conditions = [c for c in CONDITION_COLUMNS if c in cols]
    version = ["atop_version"] if "atop_version" in cols else []
    return spells.select(
        "atopid", "member", "phase", "start", "end", "start_exact", "end_exact", "ongoing",
        *PROVISIONS, *conditions, *version,
    )


def check_member_codes(members: pl.DataFrame, known_codes: pl.Series | list[int], *,
                       file: str = "<members>") -> None:
    """Raise :class:`DataError` for any ``member`` code absent from ``known_codes`` (a COW
    state list) and not a documented ATOP-only code (:data:`ATOP_NON_COW_CODES`)."""
    known = set(pl.Series(known_codes).to_list()) | set(ATOP_NON_COW_CODES)
    bad = (members.with_row_index("_row").filter(~pl.col("member").is_in(list(known)))
           .group_by("member").agg(pl.col("_row").min(), pl.len()).sort("member"))
    if bad.height:
        example = min(known)
        raise DataError([
            Problem(file, f"{r['member']} is not a COW state code in the state list "
                          f"({r['len']} row(s); a valid code looks like {example})",
                    line=r["_row"] + 2, field="member")
            for r in bad.iter_rows(named=True)
        ])


def find_atop_members(atop: str | Path) -> Path:
    """The member-level CSV in ``atop`` (a file, or a folder holding exactly one of
    ``atop-member-level.csv``, ``atop5_1m.csv``, ``atop4_01m.csv``, ``*member*level*.csv``)."""
    root = Path(atop)
    if root.is_file():
        return root
    if not root.is_dir():
        raise DataError([Problem(str(root), "ATOP folder or file not found")])
    for pattern in _MEMBER_PATTERNS:
        found = sorted({*root.glob(pattern), *root.glob(f"*/{pattern}")})
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(str(p.relative_to(root)) for p in found)
            raise DataError([Problem(str(root), f"several ATOP member-level files ({names}); "
                                                "pass the file itself")])
    raise DataError([Problem(str(root), "no ATOP member-level CSV here (looked for "
                                        + ", ".join(_MEMBER_PATTERNS) + ")")])


def find_atop_alliances(atop: str | Path) -> Path:
    """The alliance-level CSV in ``atop`` (a folder, or beside a member-level file given)."""
    root = Path(atop)
    folder = root if root.is_dir() else root.parent
    found = sorted(folder.glob("*alliance-level*.csv")) or sorted(folder.glob("atop*_*a.csv"))
    if len(found) != 1:
        raise DataError([Problem(str(folder), "expected one ATOP alliance-level CSV here (e.g. "
                                              f"atop-alliance-level.csv), found {len(found)}")])
    return found[0]
