"""Frames: skeletons, the ATOP allied-year rule, peacesciencer parity, similarity, writing.

Real-data tests read the shared data folder (``$CASUS_SHARED/data`` or ``../shared/data``) and
are skipped with the reason printed when it is absent.
"""

from __future__ import annotations

import itertools
import math
from datetime import date

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import DataError, InputError
from casus.frames import (
    ALLIANCE_COLUMNS,
    add_alliances,
    alliance_similarity,
    atop_dyad_years,
    dyad_year_frame,
    dyad_years,
    dyad_years_with_alliances,
    state_years,
    write_frame,
)
from casus.frames.pipeline import find_atop_members
from casus.history import obligation_spells, read_atop_members, read_states
from conftest import SHARED_DATA as SHARED
from conftest import need_shared_file as need

STATES = SHARED / "peacesciencer" / "cow_states.csv"
ATOP_DIR = SHARED / "atop-4.01"
MEMBERS = ATOP_DIR / "atop-member-level.csv"
PS_ATOP = SHARED / "peacesciencer" / "atop_alliance.csv.gz"
KEYS = ["ccode1", "ccode2", "year"]

# Years 1816–2016 in which ATOP 4.01 (read by casus) and ATOP 5.1 (peacesciencer) give the same
# value for every COW directed dyad-year; docs/frames.md explains the other 137 years.
AGREE_YEARS = [*range(1816, 1834), *range(1841, 1847), *range(1848, 1855), 1857, 1858,
               *range(1867, 1876), *range(1916, 1925), *range(1938, 1951)]


@pytest.fixture(scope="module")
def real():
    states = read_states(need(STATES))
    spells = obligation_spells(read_atop_members(need(MEMBERS)))
    directed = add_alliances(dyad_years(states, 1816, 2016, directed=True), spells)
    undirected = add_alliances(dyad_years(states, 1816, 2016, directed=False), spells)
    ps = pl.read_csv(need(PS_ATOP)).cast({c: pl.Int8 for c in ALLIANCE_COLUMNS})
    return {"states": states, "spells": spells, "directed": directed,
            "undirected": undirected, "ps": ps}


# --- small hand-made worlds ------------------------------------------------------------------

def states_frame(rows):
    """rows: (ccode, start, end) → a frame shaped like read_states output."""
    return pl.DataFrame({"ccode": [r[0] for r in rows], "start": [r[1] for r in rows],
                         "end": [r[2] for r in rows]})


MEMBER_HEADER = ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,"
                 "defense,offense,neutral,nonagg,consul,version\n")


def members_file(tmp_path, lines, version="5.1"):
    path = tmp_path / "atop5_1m.csv"
    path.write_text(MEMBER_HEADER + "".join(f"{line},{version}\n" for line in lines))
    return path


def test_state_years_merges_two_spells_in_one_year():
    states = states_frame([(2, date(1900, 1, 1), date(1902, 12, 31)),
                           (20, date(1900, 1, 1), date(1900, 3, 1)),
                           (20, date(1900, 10, 1), date(1901, 6, 30))])
    frame = state_years(states, 1899, 1901)
    assert frame.rows() == [(2, 1900), (2, 1901), (20, 1900), (20, 1901)]


def test_dyad_years_is_every_ordered_pair_of_members_each_year():
    states = states_frame([(2, date(1900, 1, 1), date(1901, 12, 31)),
                           (20, date(1901, 5, 1), date(1901, 12, 31)),
                           (200, date(1900, 1, 1), date(1901, 12, 31))])
    directed = dyad_years(states, 1900, 1901)
    assert directed.rows() == [(2, 20, 1901), (2, 200, 1900), (2, 200, 1901), (20, 2, 1901),
                               (20, 200, 1901), (200, 2, 1900), (200, 2, 1901),
                               (200, 20, 1901)]
    assert dyad_years(states, 1900, 1901, directed=False).rows() == [
        (2, 20, 1901), (2, 200, 1900), (2, 200, 1901), (20, 200, 1901)]


def test_error_dyad_years_bad_range():
    with pytest.raises(InputError):
        dyad_years(states_frame([(2, date(1900, 1, 1), date(1901, 12, 31))]), 1901, 1900)


def test_allied_year_rule_on_a_hand_made_world(tmp_path):
    """A world of three states, 1900–1902:

    - alliance 1: USA (2) 10 Jan–31 Mar 1900 and Canada (20) 1 Jun 1900–31 Dec 1901, defense.
      Both are members in 1900 but never on the same day: **not allied** in 1900 or 1901.
    - alliance 2, from 5 May 1901, still in effect: the UK (200) guarantees Canada (defense);
      Canada only promises consultation. Directed: 200→20 defense 1, consul 0; 20→200
      defense 0, consul 1 — in 1901 and 1902. Undirected {20, 200}: defense 1, consul 1.
    """
    path = members_file(tmp_path, [
        "1,2,1900,1,10,1900,3,31,1,0,0,0,1",
        "1,20,1900,6,1,1901,12,31,1,0,0,0,0",
        "2,200,1901,5,5,0,0,0,1,0,0,0,0",
        "2,20,1901,5,5,0,0,0,0,0,0,0,1",
    ])
    members = read_atop_members(path)
    world = states_frame([(c, date(1899, 1, 1), date(1902, 12, 31)) for c in (2, 20, 200)])
    directed = add_alliances(dyad_years(world, 1900, 1902), members)
    allied = directed.filter(pl.any_horizontal(pl.col(ALLIANCE_COLUMNS) == 1))
    assert allied.rows() == [(20, 200, 1901, 0, 0, 0, 0, 1), (20, 200, 1902, 0, 0, 0, 0, 1),
                             (200, 20, 1901, 1, 0, 0, 0, 0), (200, 20, 1902, 1, 0, 0, 0, 0)]
    assert directed.height == 18 and directed["atop_defense"].null_count() == 0
    undirected = add_alliances(dyad_years(world, 1900, 1902, directed=False), members)
    row = undirected.filter((pl.col("ccode1") == 20) & (pl.col("year") == 1901)).row(0)
    assert row == (20, 200, 1901, 1, 0, 0, 0, 1)


def test_years_outside_atop_coverage_are_null_not_zero(tmp_path):
    """ATOP 5.1 covers 1815–2018: an alliance in effect since 2017 is 1 in 2018, unknown
    (null) in 2019 — not 0."""
    path = members_file(tmp_path, ["1,2,2017,1,1,0,0,0,1,0,0,0,0",
                                   "1,20,2017,1,1,0,0,0,1,0,0,0,0"], version="5.1")
    world = states_frame([(2, date(2017, 1, 1), date(2019, 12, 31)),
                          (20, date(2017, 1, 1), date(2019, 12, 31))])
    frame = add_alliances(dyad_years(world, 2017, 2019), read_atop_members(path))
    assert frame.filter(pl.col("year") == 2018)["atop_defense"].to_list() == [1, 1]
    assert frame.filter(pl.col("year") == 2019)["atop_defense"].null_count() == 2


def test_error_add_alliances_needs_a_dyad_frame_and_runs_once(tmp_path):
    members = read_atop_members(members_file(tmp_path, ["1,2,1900,1,1,0,0,0,1,0,0,0,0"]))
    with pytest.raises(InputError, match="dyad_years"):
        add_alliances(pl.DataFrame({"ccode": [2], "year": [1900]}), members)
    frame = add_alliances(pl.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1900]}), members)
    with pytest.raises(InputError, match="twice"):
        add_alliances(frame, members)


# --- the real data ---------------------------------------------------------------------------

def test_real_skeleton_sizes(real):
    states = real["states"]
    per_year = state_years(states, 1816, 2016).group_by("year").len()["len"].to_numpy()
    assert real["directed"].height == int((per_year * (per_year - 1)).sum()) == 1_912_350
    assert real["undirected"].height == 1_912_350 // 2
    assert real["directed"].select(KEYS).is_unique().all()


def test_add_alliances_never_changes_the_row_count_and_keeps_order(real):
    """Pipeline invariant: a left join. Shuffled rows (hash path), duplicated rows and extra
    columns come back as they went in, with the same values as the sorted (merge) path."""
    skeleton = real["directed"].select(KEYS)
    messy = pl.concat([skeleton.sample(50_000, seed=7), skeleton.head(1000)]).with_columns(
        note=pl.lit("kept"))
    out = add_alliances(messy, real["spells"])
    assert out.height == messy.height
    assert out.select(*KEYS, "note").equals(messy)
    expected = messy.join(real["directed"], on=KEYS, how="left", maintain_order="left")
    assert out.equals(expected)


def test_pandas_backend(real):
    frame = real["directed"].filter(pl.col("year") == 1816).select(KEYS).to_pandas()
    out = add_alliances(frame, real["spells"])
    assert type(out).__name__ == "DataFrame" and hasattr(out, "iloc") and len(out) == len(frame)
    pd_years = state_years(real["states"], 1816, 1816, backend="pandas")
    assert len(pd_years) == 23


def test_exact_against_peacesciencer_where_the_versions_agree(real):
    years = AGREE_YEARS
    ours = real["directed"].filter(pl.col("year").is_in(years))
    theirs = (ours.select(KEYS).join(real["ps"], on=KEYS, how="left", maintain_order="left")
              .with_columns(pl.col(ALLIANCE_COLUMNS).fill_null(0)))
    assert ours.height == 123_614
    assert ours.equals(theirs)


def test_undirected_is_the_max_over_both_directions_as_in_peacesciencer(real):
    years = AGREE_YEARS
    ps = real["ps"].filter(pl.col("year").is_in(years))
    both = pl.concat([ps, ps.with_columns(ccode1="ccode2", ccode2="ccode1")])
    ps_max = both.group_by(KEYS).agg(pl.col(c).max() for c in ALLIANCE_COLUMNS)
    ours = real["undirected"].filter(pl.col("year").is_in(years))
    theirs = (ours.select(KEYS).join(ps_max, on=KEYS, how="left", maintain_order="left")
              .with_columns(pl.col(ALLIANCE_COLUMNS).fill_null(0)))
    assert ours.equals(theirs)
    directed_subset = real["directed"].filter(pl.col("ccode1") < pl.col("ccode2"))
    assert directed_subset.height == real["undirected"].height
    assert not directed_subset.equals(real["undirected"])  # asymmetric alliances differ


def test_comparison_numbers_quoted_in_docs_frames_md(real):
    """docs/frames.md quotes these; change both together."""
    ps = real["ps"].filter(pl.col("year").is_between(1816, 2016))
    joined = (real["directed"].join(ps, on=KEYS, how="left", suffix="_ps")
              .with_columns(pl.col(f"{c}_ps").fill_null(0) for c in ALLIANCE_COLUMNS))
    differ = joined.filter(pl.any_horizontal(pl.col(c) != pl.col(f"{c}_ps")
                                             for c in ALLIANCE_COLUMNS))
    assert differ.height == 2063
    assert differ["year"].n_unique() == 137
    per_column = {c: int((joined[c] != joined[f"{c}_ps"]).sum()) for c in ALLIANCE_COLUMNS}
    assert per_column == {"atop_defense": 249, "atop_offense": 54, "atop_neutral": 204,
                          "atop_nonagg": 1614, "atop_consul": 170}


@pytest.mark.parametrize(("start", "end"), [(1816, 2016), (1800, 2020), (1990, 1991)])
@pytest.mark.parametrize("directed", [True, False])
def test_one_step_frame_equals_the_pipeline(real, start, end, directed):
    """dyad_years_with_alliances skips the join; it must give add_alliances(dyad_years(...))
    row for row, including nulls outside ATOP 4.01's 1815–2016 coverage."""
    one_step = dyad_years_with_alliances(real["states"], real["spells"], start, end, directed)
    pipeline = add_alliances(dyad_years(real["states"], start, end, directed), real["spells"])
    assert one_step.equals(pipeline)


def test_atop_dyad_years_is_symmetric_when_undirected(real):
    table = atop_dyad_years(real["spells"], directed=False)
    swapped = table.with_columns(ccode1="ccode2", ccode2="ccode1").sort(KEYS)
    assert table.sort(KEYS).equals(swapped.select(table.columns))


# --- the CLI entry point and writing --------------------------------------------------------

def test_dyad_year_frame_end_to_end(real):
    frame = dyad_year_frame(need(ATOP_DIR), 1816, 2016, True, states_path=need(STATES))
    assert frame.equals(real["directed"])
    undirected = dyad_year_frame(ATOP_DIR, 1900, 1910, False, states_path=STATES)
    assert undirected.equals(real["undirected"].filter(pl.col("year").is_between(1900, 1910)))


def test_error_dyad_year_frame_unknown_cow_code_writes_nothing(tmp_path):
    atop = tmp_path / "atop"
    atop.mkdir()
    members_file(atop, ["1,2,1900,1,1,0,0,0,1,0,0,0,0", "1,9999,1900,1,1,0,0,0,1,0,0,0,0"])
    states = tmp_path / "states2016.csv"
    states.write_text("stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,"
                      "version\nUSA,2,United States,1816,1,1,2016,12,31,2016\n")
    out = tmp_path / "dyads.parquet"
    with pytest.raises(DataError, match="9999"):
        write_frame(dyad_year_frame(atop, 1900, 1901, True, states_path=states), out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atop", "states2016.csv"]


def test_states_file_is_found_beside_the_atop_files_or_reported(tmp_path, monkeypatch):
    monkeypatch.delenv("CASUS_COW_STATES", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    members_file(tmp_path, ["1,2,1900,1,1,0,0,0,1,0,0,0,0", "1,20,1900,1,1,0,0,0,1,0,0,0,0"])
    with pytest.raises(InputError, match=r"states2016\.csv"):
        dyad_year_frame(tmp_path, 1900, 1900)
    (tmp_path / "states2016.csv").write_text(
        "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
        "USA,2,United States,1816,1,1,2016,12,31,2016\nCAN,20,Canada,1816,1,1,2016,12,31,2016\n")
    assert dyad_year_frame(tmp_path, 1900, 1900).rows() == [(2, 20, 1900, 1, 0, 0, 0, 0),
                                                           (20, 2, 1900, 1, 0, 0, 0, 0)]


def test_error_two_member_files_in_the_atop_folder(tmp_path):
    for name in ("atop4_01m.csv", "atop5_1m.csv"):
        (tmp_path / name).write_text("x\n")
    with pytest.raises(DataError, match="several"):
        find_atop_members(tmp_path)


def test_write_frame_csv_and_parquet_round_trip(tmp_path):
    frame = pl.DataFrame({"ccode1": [2, 20], "ccode2": [20, 2], "year": [1950, 1950],
                          "atop_defense": pl.Series([1, None], dtype=pl.Int8)})
    for name in ("f.csv", "f.parquet"):
        path = write_frame(frame, tmp_path / name)
        back = pl.read_csv(path) if name.endswith("csv") else pl.read_parquet(path)
        assert back.cast(frame.schema).equals(frame)
    write_frame(frame.to_pandas(), tmp_path / "p.pq")
    plain = tmp_path / "plain.txt"
    plain.write_text("")
    assert (tmp_path / "p.pq").stat().st_mode == plain.stat().st_mode  # not mkstemp's 0600
    plain.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv", "f.parquet", "p.pq"]


def test_error_write_frame_leaves_nothing_behind(tmp_path):
    with pytest.raises(InputError, match="suffix"):
        write_frame(pl.DataFrame({"a": [1]}), tmp_path / "f.xlsx")
    with pytest.raises(InputError, match="does not exist"):
        write_frame(pl.DataFrame({"a": [1]}), tmp_path / "no" / "f.csv")
    target = tmp_path / "f.csv"
    target.write_text("old\n")
    unwritable = pl.DataFrame({"a": [[1, 2]]})  # a list column cannot go to CSV
    with pytest.raises(pl.exceptions.PolarsError):
        write_frame(unwritable, target)
    assert target.read_text() == "old\n"          # the old file is untouched
    assert [p.name for p in tmp_path.iterdir()] == ["f.csv"]  # no temp file left


# --- portfolio similarity --------------------------------------------------------------------

LEVEL_COLUMN = {3: "atop_defense", 2: "atop_nonagg", 1: "atop_consul"}


def alliance_rows(levels: dict[tuple[int, int], int], year: int = 2000) -> pl.DataFrame:
    rows = []
    for (a, b), level in levels.items():
        flags = dict.fromkeys(ALLIANCE_COLUMNS, 0)
        if level:
            flags[LEVEL_COLUMN[level]] = 1
        rows.append({"ccode1": a, "ccode2": b, "year": year, **flags})
    schema = {"ccode1": pl.Int64, "ccode2": pl.Int64, "year": pl.Int64,
              **dict.fromkeys(ALLIANCE_COLUMNS, pl.Int8)}
    return pl.DataFrame(rows, schema=schema)


def test_similarity_hand_example():
    """Four states in 2000 (codes 1–4): 1–2 defense pact (level 3), 1–3 consultation (level 1).
    Portfolios (own tie = 3): x1 = (3,3,1,0), x2 = (3,3,0,0), x3 = (1,0,3,0), x4 = (0,0,0,3).

    Dyad (1, 2): Σ|x1 - x2| = 1, n = 4, d_max = 3.
    - S = 1 - 2·1/(3·4) = 5/6.
    - weights w = (.4, .3, .2, .1): Σw|d| = .2·1 = .2, S_w = 1 - 2·.2/(3·1) = 13/15.
    - κ: D_o = 1/12. p1 = {3: 1/2, 1: 1/4, 0: 1/4}, p2 = {3: 1/2, 0: 1/2};
      E|a - b| = 1/2·(1/2·0 + 1/2·3) + 1/4·(1/2·2 + 1/2·1) + 1/4·(1/2·3 + 1/2·0) = 1.5,
      D_e = 1.5/3 = 1/2, κ = 1 - (1/12)/(1/2) = 5/6.
    - τ-b: of the 6 pairs of dimensions 4 are concordant, 0 discordant; x1 ties in 1 pair,
      x2 in 2: τ-b = 4/√((6-1)(6-2)) = 4/√20.
    Dyad (1, 4): Σ|x1 - x4| = 3+3+1+3 = 10, S = 1 - 20/12 = -2/3.
    """
    alliances = alliance_rows({(1, 2): 3, (1, 3): 1})
    system = pl.DataFrame({"ccode": [1, 2, 3, 4], "year": [2000] * 4})
    weights = system.with_columns(weight=pl.Series([0.4, 0.3, 0.2, 0.1]))
    dyads = pl.DataFrame({"ccode1": [1, 2, 1, 1, 9], "ccode2": [2, 1, 4, 1, 1],
                          "year": [2000] * 5})
    out = alliance_similarity(dyads, alliances, system, weights=weights)
    r12 = out.row(0, named=True)
    assert r12["s_unweighted"] == pytest.approx(5 / 6)
    assert r12["s_weighted"] == pytest.approx(13 / 15)
    assert r12["kappa"] == pytest.approx(5 / 6)
    assert r12["tau_b"] == pytest.approx(4 / math.sqrt(20))
    assert out.row(1)[3:] == pytest.approx(out.row(0)[3:])          # symmetric
    assert out.row(2, named=True)["s_unweighted"] == pytest.approx(-2 / 3)
    assert out.row(3)[3:] == pytest.approx((1.0, 1.0, 1.0, 1.0))    # a state with itself
    assert out.row(4)[3:] == (None, None, None, None)               # 9 is not in the system


def test_similarity_three_states_opposite_portfolios():
    """1–2 allied (defense), 3 alone: x1 = (3,3,0), x3 = (0,0,3).
    S = 1 - 2·9/(3·3) = -1; κ: D_o = 1, D_e = P(a ≠ b) = 2/3·2/3 + 1/3·1/3 = 5/9,
    κ = 1 - 9/5 = -4/5; τ-b = -2/√(2·2) = -1."""
    out = alliance_similarity(pl.DataFrame({"ccode1": [1], "ccode2": [3], "year": [2000]}),
                              alliance_rows({(1, 2): 3}),
                              pl.DataFrame({"ccode": [1, 2, 3], "year": [2000] * 3}))
    assert out.row(0)[3:] == pytest.approx((-1.0, -0.8, -1.0))


def brute_force(x: np.ndarray, i: int, j: int, w: np.ndarray):
    """The textbook formulas, one dyad at a time."""
    n = len(x)
    a, b = x[i], x[j]
    s = 1 - 2 * np.abs(a - b).sum() / (3 * n)
    s_w = 1 - 2 * (w * np.abs(a - b)).sum() / (3 * w.sum())
    pa = np.bincount(a, minlength=4) / n
    pb = np.bincount(b, minlength=4) / n
    d_exp = sum(pa[u] * pb[v] * abs(u - v) for u in range(4) for v in range(4)) / 3
    kappa = 1 - (np.abs(a - b).sum() / (3 * n)) / d_exp if d_exp > 0 else None
    conc = disc = tie_a = tie_b = 0
    for k, m in itertools.combinations(range(n), 2):
        prod = np.sign(a[k] - a[m]) * np.sign(b[k] - b[m])
        conc += prod > 0
        disc += prod < 0
        tie_a += a[k] == a[m]
        tie_b += b[k] == b[m]
    n0 = n * (n - 1) / 2
    den = math.sqrt((n0 - tie_a) * (n0 - tie_b))
    tau = (conc - disc) / den if den > 0 else None
    return s, s_w, kappa, tau


@st.composite
def worlds(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    levels = {}
    for a, b in itertools.combinations(range(1, n + 1), 2):
        level = draw(st.integers(0, 3))
        if level:
            levels[(a, b)] = level
    weights = draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n))
    return n, levels, weights


@settings(max_examples=60, deadline=None)
@given(worlds())
def test_similarity_properties(world):
    """S of a state with itself is 1; every measure is symmetric and within [-1, 1]; all four
    equal the textbook one-dyad formulas (Signorino & Ritter 1999; Häge 2011; tau-b)."""
    n, levels, weights = world
    codes = list(range(1, n + 1))
    system = pl.DataFrame({"ccode": codes, "year": [2000] * n})
    w = system.with_columns(weight=pl.Series(weights))
    pairs = list(itertools.product(codes, codes))
    dyads = pl.DataFrame({"ccode1": [p[0] for p in pairs], "ccode2": [p[1] for p in pairs],
                          "year": [2000] * len(pairs)})
    out = alliance_similarity(dyads, alliance_rows(levels) if levels else alliance_rows({}),
                              system, weights=w)
    x = np.full((n, n), 0)
    for (a, b), level in levels.items():
        x[a - 1, b - 1] = x[b - 1, a - 1] = level
    np.fill_diagonal(x, 3)
    got = {(r["ccode1"], r["ccode2"]): r for r in out.iter_rows(named=True)}
    for a, b in pairs:
        row = got[(a, b)]
        mirror = got[(b, a)]
        if a == b:
            assert row["s_unweighted"] == pytest.approx(1.0)
            assert row["s_weighted"] == pytest.approx(1.0)
        for col, want in zip(("s_unweighted", "s_weighted", "kappa", "tau_b"),
                             brute_force(x, a - 1, b - 1, np.array(weights)), strict=True):
            if want is None:
                assert row[col] is None
                continue
            assert row[col] == pytest.approx(want, abs=1e-9)
            assert mirror[col] == pytest.approx(want, abs=1e-9)
            assert -1 - 1e-9 <= row[col] <= 1 + 1e-9


def test_similarity_on_real_frames_keeps_rows(real):
    dyads = real["undirected"].filter(pl.col("year") == 1950)
    system = state_years(real["states"], 1950, 1950)
    out = alliance_similarity(dyads, dyads, system)
    assert out.height == dyads.height and out["s_unweighted"].null_count() == 0
    usa_uk = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 200)).row(0, named=True)
    usa_ussr = out.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 365)).row(0, named=True)
    assert usa_uk["s_unweighted"] > usa_ussr["s_unweighted"]


# --- peacesciencer's conventions: fpsim ------------------------------------------------------

def fpsim_by_the_book(v: np.ndarray, i: int, j: int) -> dict:
    """1-fpsim-alliances.R for one pair, transcribed: srs(), Scott's pi as written there,
    psych::cohen.kappa's weighted kappa (labels = values present in either rater, weights
    1 - (rank difference)^2 / (len - 1)^2), and cor(method = "kendall")."""
    x, y = v[i].astype(float), v[j].astype(float)
    n = len(x)
    out = {"sallyvs": 1 - 2 * ((x - y) ** 2).sum() / (n * 9),
           "sallyva": 1 - 2 * np.abs(x - y).sum() / (n * 3)}

    def pi(a, b):
        po = (a == b).mean()
        _, counts = np.unique(np.concatenate([a, b]), return_counts=True)
        pe = ((counts / (2 * len(a))) ** 2).sum()
        return (po - pe) / (1 - pe) if pe < 1 else None

    def psych_kappa(a, b):
        labels = sorted(set(a) | set(b))
        k = len(labels)
        if k < 2:
            return None
        table = np.zeros((k, k))
        for p, q in zip(a, b, strict=True):
            table[labels.index(p), labels.index(q)] += 1
        table /= table.sum()
        prob = np.outer(table.sum(axis=1), table.sum(axis=0))
        idx = np.arange(k)
        w = 1 - (idx[:, None] - idx[None, :]) ** 2 / (k - 1) ** 2
        wpo, wpc = (w * table).sum(), (w * prob).sum()
        return (wpo - wpc) / (1 - wpc) if wpc < 1 else None

    bx, by = (x >= 1).astype(float), (y >= 1).astype(float)
    out.update(pallyv=pi(x, y), kallyv=psych_kappa(x, y), sallyba=1 - 2 * np.abs(bx - by).sum()
               / n, pallyb=pi(bx, by), kallyb=psych_kappa(bx, by))
    conc = disc = tx = ty = 0
    for k, m in itertools.combinations(range(n), 2):
        prod = np.sign(x[k] - x[m]) * np.sign(y[k] - y[m])
        conc += prod > 0
        disc += prod < 0
        tx += x[k] == x[m]
        ty += y[k] == y[m]
    n0 = n * (n - 1) / 2
    den = math.sqrt((n0 - tx) * (n0 - ty))
    out["taub"] = (conc - disc) / den if den > 0 else None
    return out


@st.composite
def directed_worlds(draw):
    n = draw(st.integers(min_value=2, max_value=7))
    pledges = {}
    for a, b in itertools.permutations(range(1, n + 1), 2):
        pledges[(a, b)] = draw(st.sampled_from(["none", "defense", "neutral", "consul",
                                                "nonagg"]))
    return n, pledges


@settings(max_examples=60, deadline=None)
@given(directed_worlds())
def test_fpsim_convention_matches_the_fpsim_script(world):
    """fpsim's levels (consultation 2, non-aggression 1), each state's own directed row, and
    its nine measures equal the R script's formulas transcribed one pair at a time."""
    n, pledges = world
    codes = list(range(1, n + 1))
    rows = []
    for (a, b), kind in pledges.items():
        flags = dict.fromkeys(ALLIANCE_COLUMNS, 0)
        if kind != "none":
            flags[f"atop_{kind}"] = 1
        rows.append({"ccode1": a, "ccode2": b, "year": 2000, **flags})
    schema = {"ccode1": pl.Int64, "ccode2": pl.Int64, "year": pl.Int64,
              **dict.fromkeys(ALLIANCE_COLUMNS, pl.Int8)}
    alliances = pl.DataFrame(rows, schema=schema)
    system = pl.DataFrame({"ccode": codes, "year": [2000] * n})
    out = alliance_similarity(alliances, alliances, system, convention="fpsim")
    level = {"none": 0, "defense": 3, "neutral": 2, "consul": 2, "nonagg": 1}
    v = np.full((n, n), 3)
    for (a, b), kind in pledges.items():
        v[a - 1, b - 1] = level[kind]
    for row in out.iter_rows(named=True):
        want = fpsim_by_the_book(v, row["ccode1"] - 1, row["ccode2"] - 1)
        for col, value in want.items():
            if value is None:
                assert row[col] is None, (col, row)
            else:
                assert row[col] == pytest.approx(value, abs=1e-9), (col, row)


def test_error_fpsim_needs_directed_alliances():
    undirected = alliance_rows({(1, 2): 3})
    system = pl.DataFrame({"ccode": [1, 2], "year": [2000] * 2})
    with pytest.raises(InputError, match="directed"):
        alliance_similarity(undirected, undirected, system, convention="fpsim")


def test_fast_member_reader_equals_the_checked_one(tmp_path):
    """frames._read.read_members is read_atop_members' good case, faster: the same frame on
    ATOP 4.01 and on small files, and the same error on a bad one."""
    from casus.frames._read import read_members

    assert read_members(need(MEMBERS)).equals(read_atop_members(MEMBERS))
    good = members_file(tmp_path, ["1,2,1900,1,10,1900,3,31,1,0,0,0,1",
                                   "1,20,1900,6,1,0,0,0,1,0,0,0,0"])
    assert read_members(good).equals(read_atop_members(good))
    bad = members_file(tmp_path, ["1,2,1900,1,10,1900,3,31,2,0,0,0,1",
                                  "1,x,1900,6,1,0,0,0,1,0,0,0,0"])
    with pytest.raises(DataError) as fast:
        read_members(bad)
    with pytest.raises(DataError) as slow:
        read_atop_members(bad)
    assert fast.value.message == slow.value.message
