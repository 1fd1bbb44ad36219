"""ATOP alliance obligations as dyad-year columns: ``add_alliances`` and the table it joins.

The allied-year rule
--------------------
For each provision *p* in defense, offense, neutral, nonagg, consul:

    **directed** ``atop_p(a, b, y) = 1`` iff there is an ATOP alliance that both *a* and *b*
    belong to on at least one common day of year *y* — *a*'s membership spell and *b*'s spell
    in that alliance (exact entry/exit dates, :func:`casus.history.obligation_spells`)
    intersect, and the intersection contains a day of *y* — and *a*'s own member-level row for
    that spell carries *p* = 1 (the obligation *a* undertook; in an asymmetric alliance
    a → b may be 1 while b → a is 0).

    **undirected** ``atop_p({a, b}, y) = max(atop_p(a, b, y), atop_p(b, a, y))``.

Years outside the ATOP version's coverage (:data:`casus.history.COVERAGE`, e.g. 1815–2016 for
4.01) are null, not 0: the data say nothing there. Inside coverage a dyad-year with no shared
alliance is 0.

Why this rule: candidates were checked against ATOP's own directed dyad-year file (5.1, as
shipped by peacesciencer) over the 1,912,350 COW directed dyad-years 1816–2016. "Common day,
obligation of *a*" disagrees in 2,063 dyad-years; using *b*'s obligation instead disagrees in
3,114; a common calendar year instead of a common day in 2,069–2,082 (it marks dyads allied in
a year in which one member left before the other joined). The 2,063 remaining differences look like
revisions between the versions (4.01 here, 5.1 there: alliances added, dates moved, provisions
recoded) and no candidate rule removes them; docs/frames.md breaks them down. In the other 64
years the two frames are identical cell for cell.

How: member spells are self-joined within each alliance (~35,000 pairs for ATOP 4.01), the
date intersections are expanded to years and reduced with ``max`` per (a, b, year); the result
(~255,000 rows) is left-joined on a packed Int64 key. The undirected table takes
max(a's, b's) obligation on each overlapping pair of spells, which is the max over both
directions, stored in both orientations. When the frame is already sorted by
(ccode1, ccode2, year) — as :func:`casus.frames.dyad_years` returns it — the join is a
merge (``join_asof`` on the key, kept only where the key matches exactly); otherwise a hash
join. Both are left joins: the row count never changes, and that is checked.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from casus.errors import InputError
from casus.frames.skeleton import as_backend, dyad_intervals
from casus.history.atop import COVERAGE, PROVISIONS, obligation_spells

__all__ = ["ALLIANCE_COLUMNS", "add_alliances", "atop_coverage", "atop_dyad_years",
           "dyad_years_with_alliances"]

#: Columns added by :func:`add_alliances`, in order.
ALLIANCE_COLUMNS: tuple[str, ...] = tuple(f"atop_{p}" for p in PROVISIONS)

_KEYS = ("ccode1", "ccode2", "year")
_BASE = 10_000  # codes and years must lie in [0, 10000) to be packed into one Int64 key


def _spells(atop_members: pl.DataFrame) -> pl.DataFrame:
    if not isinstance(atop_members, pl.DataFrame):
        atop_members = pl.from_pandas(atop_members)
    if {"start", "end", "member", "atopid"} <= set(atop_members.columns):
        return atop_members
    if {"yrent", "yrexit", "member", "atopid"} <= set(atop_members.columns):
        return obligation_spells(atop_members)
    raise InputError("atop_members must come from casus.history.read_atop_members or "
                     "obligation_spells (columns atopid, member, yrent/start, ...); got "
                     f"{atop_members.columns[:8]}")


def atop_coverage(spells: pl.DataFrame) -> tuple[int, int]:
    """First and last year the ATOP data cover: from the version (:data:`COVERAGE`), or, for a
    file whose exact version is unknown, from its earliest entry and latest entry/exit."""
    if "atop_version" in spells.columns and spells.height:
        version = spells["atop_version"][0]
        if version in COVERAGE:
            return COVERAGE[version]
    years = spells.select(
        lo=pl.col("start").dt.year().min(),
        hi=pl.max_horizontal(pl.col("start").dt.year().max(), pl.col("end").dt.year().max()),
    ).row(0)
    return int(years[0]), int(years[1])


def _pack(c1: str, c2: str, year: str) -> pl.Expr:
    return (pl.col(c1).cast(pl.Int64) * _BASE + pl.col(c2)) * _BASE + pl.col(year)


def _table(spells: pl.DataFrame, coverage_end: int, directed: bool) -> pl.LazyFrame:
    """Packed key ``k`` → max of each provision, one row per allied dyad-year.

    Directed: the value of (a, b) comes from a's side of each overlapping pair of spells.
    Undirected: from max(a's, b's) of each pair — the same set of overlapping pairs serves both
    orientations, so this equals max(directed(a, b), directed(b, a)), stored both ways.
    """
    x = spells.lazy().select(
        "atopid", "member", "start",
        pl.col("end").fill_null(pl.date(coverage_end, 12, 31)),
        *(pl.col(p).cast(pl.Int8).alias(f"atop_{p}") for p in PROVISIONS),
    )
    lo = pl.max_horizontal("start", "start_2")
    hi = pl.min_horizontal("end", "end_2")
    right = x if not directed else x.select("atopid", "member", "start", "end")
    values = (ALLIANCE_COLUMNS if directed else
              [pl.max_horizontal(c, f"{c}_2").alias(c) for c in ALLIANCE_COLUMNS])
    return (
        x.join(right, on="atopid", suffix="_2")
        .filter((pl.col("member") != pl.col("member_2")) & (lo <= hi))
        .select(
            *values,
            k=pl.int_ranges(lo.dt.year(), hi.dt.year() + 1, dtype=pl.Int64)
            + (pl.col("member").cast(pl.Int64) * _BASE + pl.col("member_2")) * _BASE,
        )
        .explode("k")
        .group_by("k")
        .agg(pl.col(c).max() for c in ALLIANCE_COLUMNS)
    )


def _check_codes(spells: pl.DataFrame) -> None:
    bad = spells.filter((pl.col("member") < 0) | (pl.col("member") >= _BASE))
    if bad.height:
        raise InputError(f"member codes must lie in 0..9999; got {bad['member'].unique()[:5]}")


def atop_dyad_years(atop_members: pl.DataFrame, *, directed: bool = True) -> pl.DataFrame:
    """ATOP's dyad-years by the rule in the module docstring, for every dyad that shares an
    alliance (not only COW system members): ``ccode1, ccode2, year, atop_defense … atop_consul``
    sorted by key. Undirected: both orientations, each with the max over the two directions.
    """
    spells = _spells(atop_members)
    _check_codes(spells)
    _, cov_end = atop_coverage(spells)
    table = _table(spells, cov_end, directed)
    return (table.sort("k").select(
        (pl.col("k") // (_BASE * _BASE)).alias("ccode1"),
        ((pl.col("k") // _BASE) % _BASE).alias("ccode2"),
        (pl.col("k") % _BASE).alias("year"),
        *ALLIANCE_COLUMNS).collect())


def _packed_bits() -> pl.Expr:
    return sum(pl.col(c).cast(pl.Int8) * (1 << i)
               for i, c in enumerate(ALLIANCE_COLUMNS)).cast(pl.Int8)


def _decode(frame: pl.DataFrame, cov_start: int, cov_end: int, inside: bool) -> pl.DataFrame:
    """Unpack ``_bits`` (null = no shared alliance) into the five Int8 columns; null outside
    the ATOP coverage years."""
    covered = pl.col("year").is_between(cov_start, cov_end)
    return frame.with_columns(pl.col("_bits").fill_null(0)).with_columns(
        (flag if inside else pl.when(covered).then(flag)).alias(c)
        for c, flag in ((c, ((pl.col("_bits") & (1 << i)) > 0).cast(pl.Int8))
                        for i, c in enumerate(ALLIANCE_COLUMNS))
    ).drop("_bits")


def dyad_years_with_alliances(states: pl.DataFrame | str | Path, atop_members: pl.DataFrame,
                              start: int, end: int, directed: bool = True, *,
                              same_day: bool = False, backend: str = "polars"):
    """``add_alliances(dyad_years(states, start, end, directed), atop_members)`` in one step,
    without the join: the same frame, row for row (tested), about twice as fast.

    The skeleton is kept as ranges (one row per pair and common membership period, with the
    row offset each range will have once expanded); each allied dyad-year of the ATOP table is
    located in its range, and its provision bits are written at ``offset + year - y0`` of a
    zero array that becomes the column. No row of the 2 million is hashed or compared.
    ``same_day`` is :func:`casus.frames.dyad_years`' option (peacesciencer's skeleton).
    """
    spells = _spells(atop_members)
    _check_codes(spells)
    ranges, hits = alliance_layout(states, spells, start, end, directed, same_day=same_day)
    return as_backend(expand_layout(ranges, hits, atop_coverage(spells), start, end), backend)


def alliance_layout(states: pl.DataFrame | str | Path, spells: pl.DataFrame, start: int,
                    end: int, directed: bool = True, *,
                    same_day: bool = False) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The one-step frame before it is expanded, small enough to keep between runs: the
    skeleton's ranges ``ccode1, ccode2, y0, y1, n, offset`` (~44,000 rows for 1816–2016
    directed) and, for each allied dyad-year, its row ``pos`` in the expanded frame and its
    five provisions packed in ``_bits`` (~250,000 rows). ``spells`` are checked
    :func:`casus.history.obligation_spells`."""
    _, cov_end = atop_coverage(spells)
    ranges = (dyad_intervals(states, start, end, directed, same_day=same_day)
              .with_columns(n=pl.col("y1") - pl.col("y0") + 1,
                            pair=pl.col("ccode1") * _BASE + pl.col("ccode2"))
              .with_columns(offset=pl.col("n").cum_sum() - pl.col("n"))
              .collect())
    hits = (
        _table(spells, cov_end, directed)
        .select(pair=pl.col("k") // _BASE, year=pl.col("k") % _BASE, _bits=_packed_bits())
        .join(ranges.lazy().select("pair", "y0", "y1", "offset"), on="pair")
        .filter(pl.col("year").is_between(pl.col("y0"), pl.col("y1")))
        .select(pos=pl.col("offset") + pl.col("year") - pl.col("y0"), _bits="_bits")
        .collect()
    )
    return ranges.drop("pair"), hits


def expand_layout(ranges: pl.DataFrame, hits: pl.DataFrame, coverage: tuple[int, int],
                  start: int, end: int) -> pl.DataFrame:
    """The dyad-year frame of an :func:`alliance_layout`: each range expanded into its years,
    the provisions unpacked from the bits at their rows (0 elsewhere, null outside the ATOP
    ``coverage`` years)."""
    total = int(ranges["n"].sum()) if ranges.height else 0
    bits = pl.zeros(total, dtype=pl.Int8, eager=True).scatter(hits["pos"], hits["_bits"])
    out = (ranges.lazy()
           .select("ccode1", "ccode2",
                   year=pl.int_ranges("y0", pl.col("y1") + 1, dtype=pl.Int64))
           .explode("year")
           .with_columns(pl.lit(bits).alias("_bits"))
           .select("ccode1", "ccode2", "year",
                   *(((pl.col("_bits") & (1 << i)) > 0).cast(pl.Int8).alias(c)
                     for i, c in enumerate(ALLIANCE_COLUMNS)))
           .collect())
    cov_start, cov_end = coverage
    if not (cov_start <= start and end <= cov_end):
        covered = pl.col("year").is_between(cov_start, cov_end)
        out = out.with_columns(pl.when(covered).then(pl.col(c)).alias(c)
                               for c in ALLIANCE_COLUMNS)
    if out.height != total:
        raise AssertionError(f"expand_layout: {out.height} rows, expected {total}")
    return out


def add_alliances(frame: pl.DataFrame, atop_members: pl.DataFrame, *,
                  directed: bool | None = None, backend: str | None = None):
    """Add ``atop_defense, atop_offense, atop_neutral, atop_nonagg, atop_consul`` (0/1, Int8)
    to a dyad-year frame with ``ccode1, ccode2, year``.

    A left join: every input row is kept once, in order, and the row count is checked.
    ``atop_members`` is :func:`casus.history.read_atop_members` output (or its
    :func:`~casus.history.obligation_spells`). ``directed=None`` infers it from the frame
    (directed when some row has ``ccode1 > ccode2``). Values are null in years outside ATOP's
    coverage. ``backend`` (``"polars"``/``"pandas"``) defaults to the input's type.

    >>> frame = add_alliances(dyad_years(states, 1816, 2016), members)   # doctest: +SKIP
    """
    if backend is None:
        backend = "polars" if isinstance(frame, pl.DataFrame) else "pandas"
    if not isinstance(frame, pl.DataFrame):
        frame = pl.from_pandas(frame)
    missing = [c for c in _KEYS if c not in frame.columns]
    if missing:
        raise InputError(f"the frame lacks {missing}: build it with casus.frames.dyad_years "
                         "first")
    clash = [c for c in ALLIANCE_COLUMNS if c in frame.columns]
    if clash:
        raise InputError(f"the frame already has {clash}; add_alliances was run twice?")
    spells = _spells(atop_members)
    _check_codes(spells)
    cov_start, cov_end = atop_coverage(spells)
    if directed is None:
        directed = bool(frame.select((pl.col("ccode1") > pl.col("ccode2")).any()).item())
    table = _table(spells, cov_end, directed)
    table = table.sort("k").collect()

    n = frame.height
    # the five 0/1 provisions travel through the join packed into one Int8 bit mask
    table = table.select(_k="k", _bits=_packed_bits())
    lo = frame.select(pl.min_horizontal(pl.col(c).min() for c in _KEYS)).item()
    hi = frame.select(pl.max_horizontal(pl.col(c).max() for c in _KEYS)).item()
    if n == 0 or (lo >= 0 and hi < _BASE):
        keyed = frame.with_columns(_k=_pack("ccode1", "ccode2", "year"))
        fk = keyed["_k"]
        if n and fk.is_sorted() and not (fk.diff() == 0).any():
            # a sorted skeleton with unique keys (dyad_years' output): each allied dyad-year
            # finds its row by binary search and its bits are written there; nothing else
            # of the frame is touched
            tk = table["_k"]
            pos = fk.search_sorted(tk, side="left").cast(pl.Int64)
            hit = (pos < n) & (fk.gather(pos.clip(0, n - 1)) == tk)
            bits = pl.zeros(n, dtype=pl.Int8, eager=True).scatter(
                pos.filter(hit), table["_bits"].filter(hit))
            out = keyed.with_columns(_bits=bits)
        elif fk.is_sorted():  # merge: O(n + m), no hash table
            out = (keyed.set_sorted("_k")
                   .join_asof(table.with_columns(_hit=pl.col("_k")).set_sorted("_k"),
                              on="_k", strategy="backward")
                   .with_columns(_bits=pl.when(pl.col("_hit") == pl.col("_k"))
                                 .then(pl.col("_bits")))
                   .drop("_hit"))
        else:
            out = keyed.join(table, on="_k", how="left", maintain_order="left")
        out = out.drop("_k")
    else:  # codes outside the packable range: a plain three-key join
        unpacked = table.select(
            ccode1=pl.col("_k") // (_BASE * _BASE), ccode2=(pl.col("_k") // _BASE) % _BASE,
            year=pl.col("_k") % _BASE, _bits="_bits")
        out = frame.join(unpacked, on=list(_KEYS), how="left", maintain_order="left")

    ymin, ymax = (frame["year"].min(), frame["year"].max()) if n else (cov_start, cov_end)
    out = _decode(out, cov_start, cov_end, inside=cov_start <= ymin and ymax <= cov_end)
    if out.height != n:  # the pipeline invariant: a left join never changes the row count
        raise AssertionError(f"add_alliances changed the row count: {n} -> {out.height}")
    if backend == "pandas":
        return out.to_pandas()
    if backend != "polars":
        raise InputError(f"unknown backend {backend!r}; use 'polars' or 'pandas'")
    return out
