"""The standard controls (contiguity, capital distance, COW majors, inter-state wars): the
row-count invariant, peacesciencer's own output cell by cell, bad input and coverage.

Real-data tests read ``../shared/data/peacesciencer`` and skip, printing why, when it is absent.
"""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest

from casus.frames import (
    ALLIANCE_COLUMNS,
    ControlDataError,
    add_alliances,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_cow_wars,
    dyad_years,
    state_years,
)
from casus.frames.controls import WAR_COLUMNS
from casus.history import obligation_spells, read_atop_members, read_states
from conftest import SHARED_DATA as SHARED
from conftest import need_shared_file as need

PS = SHARED / "peacesciencer"
CONTDIR, CAPITALS = PS / "cow_contdir.csv", PS / "cow_capitals.csv"
MAJORS, WARS = PS / "cow_majors.csv", PS / "cow_war_inter.csv"
SAMPLE = PS / "ps_dyadyears_controls_sample.csv.gz"
KEYS = ["ccode1", "ccode2", "year"]
CONTROL_COLUMNS = ["conttype", "capdist", "cowmaj1", "cowmaj2", *WAR_COLUMNS]


def controls(frame, states=None):
    """peacesciencer's chain, in casus: add_contiguity |> add_capital_distance |>
    add_cow_majors |> add_cow_wars."""
    frame = add_contiguity(frame, CONTDIR, states=states)
    frame = add_capital_distance(frame, CAPITALS, states=states)
    frame = add_cow_majors(frame, MAJORS, states=states)
    return add_cow_wars(frame, WARS, states=states)


@pytest.fixture(scope="module")
def states():
    return read_states(need(PS / "cow_states.csv"))


@pytest.fixture(scope="module")
def ps_chain(states):
    """casus' frame for peacesciencer's pipeline: create_dyadyears(directed = TRUE,
    subset_years = 1816:2016) |> add_contiguity() |> add_capital_distance() |>
    add_cow_majors() |> add_cow_wars(type = "inter") |> add_atop_alliance()."""
    for path in (CONTDIR, CAPITALS, MAJORS, WARS, SAMPLE):
        need(path)
    members = read_atop_members(need(SHARED / "atop-4.01" / "atop-member-level.csv"))
    frame = dyad_years(states, 1816, 2016, directed=True, same_day=True)
    return add_alliances(controls(frame, states), obligation_spells(members))


# --- peacesciencer's own output, cell by cell ------------------------------------------------

def test_same_skeleton_size_as_peacesciencer(ps_chain, states):
    """The sample's README: the full result has 1,912,290 rows. With same_day=True casus
    drops the 60 dyad-years whose states were never members on the same day (peacesciencer's
    false_cow_dyads); the default keeps them."""
    assert ps_chain.height == 1_912_290
    assert dyad_years(states, 1816, 2016).height - ps_chain.height == 60


def _differences(ours: pl.DataFrame, sample: pl.DataFrame, column: str) -> pl.DataFrame:
    joined = sample.select(*KEYS, column).join(ours.select(*KEYS, column), on=KEYS,
                                               how="left", suffix="_casus")
    a, b = pl.col(column), pl.col(f"{column}_casus")
    if column == "capdist":
        differ = (a.is_null() != b.is_null()) | ((a - b).abs() > 1e-6)
    else:
        differ = a.cast(pl.Int64).ne_missing(b.cast(pl.Int64))
    return joined.filter(differ.fill_null(False))


def test_controls_equal_peacesciencer_cell_by_cell(ps_chain):
    """Every control column of every sampled row (51,876: every dyad-year at war, 15,000
    contiguous, 35,000 others) equals peacesciencer's; capdist within 1e-6 km. NA where
    peacesciencer has NA (the war columns after 2007, side/outcome when not at war)."""
    sample = pl.read_csv(SAMPLE, infer_schema_length=None)
    assert sample.join(ps_chain, on=KEYS, how="anti").height == 0  # every sampled row exists
    report = {c: _differences(ps_chain, sample, c) for c in CONTROL_COLUMNS}
    differing = {c: d.head(3).rows() for c, d in report.items() if d.height}
    assert not differing, f"casus differs from peacesciencer: {differing}"
    assert sample["cowinterongoing"].null_count() == ps_chain.filter(
        pl.col("year") > 2007).join(sample.select(KEYS), on=KEYS).height


def test_alliance_differences_are_the_atop_version(ps_chain):
    """The sample's ATOP columns are ATOP 5.1 (peacesciencer's atop_alliance) as they are; casus
    reads ATOP 4.01. Every sampled cell where casus differs is one where 4.01 and 5.1 differ —
    the version difference docs/frames.md breaks down — and nothing else."""
    sample = pl.read_csv(SAMPLE, infer_schema_length=None)
    atop51 = pl.read_csv(need(PS / "atop_alliance.csv.gz"))
    theirs = (sample.select(KEYS).join(atop51, on=KEYS, how="left")
              .with_columns(pl.col(ALLIANCE_COLUMNS).fill_null(0)))
    assert theirs.select(ALLIANCE_COLUMNS).equals(sample.select(ALLIANCE_COLUMNS))
    # atop_alliance: 1 when the dyad-year is in ATOP's file at all (170 rows there code no
    # pledge), not "any of the five"
    in_atop = sample.select(KEYS).join(atop51.select(KEYS).with_columns(x=pl.lit(1)), on=KEYS,
                                       how="left")["x"].fill_null(0)
    assert sample["atop_alliance"].to_list() == in_atop.to_list()
    for column in ALLIANCE_COLUMNS:
        diff = _differences(ps_chain, sample, column)
        version = _differences(ps_chain, theirs, column)
        assert diff.select(KEYS).equals(version.select(KEYS))
    total = pl.concat([_differences(ps_chain, sample, c).select(KEYS)
                       for c in ALLIANCE_COLUMNS]).unique()
    assert total.height == 98   # of the 2,063 version differences, those sampled


# --- the row-count invariant ----------------------------------------------------------------

@pytest.mark.parametrize("directed", [True, False])
def test_every_step_keeps_every_row_in_order(states, directed):
    """peacesciencer's invariant: a step is a left join. Shuffled rows, duplicated rows, rows
    of states outside the system and extra columns come back as they went in."""
    for path in (CONTDIR, CAPITALS, MAJORS, WARS):
        need(path)
    skeleton = dyad_years(states, 1900, 2010, directed=directed)
    strange = pl.DataFrame({"ccode1": [2, 9999, 2], "ccode2": [20, 2, 2], "year": [1500, 1950,
                                                                              1950]})
    messy = pl.concat([skeleton.sample(20_000, seed=3), skeleton.head(500), strange]
                      ).with_columns(note=pl.lit("kept"))
    out = controls(messy, states)
    assert out.height == messy.height
    assert out.select(*KEYS, "note").equals(messy)
    clean = controls(skeleton, states)
    assert out.head(20_500).equals(messy.head(20_500).join(clean, on=KEYS, how="left",
                                                           maintain_order="left"))
    assert out.tail(3)["conttype"].to_list() == [None, 0, 0]   # 1500 is outside 1816–2016


def test_state_year_steps_keep_every_row(states):
    for path in (CONTDIR, CAPITALS, MAJORS, WARS):
        need(path)
    frame = state_years(states, 1816, 2016)
    out = controls(frame, states)
    assert out.height == frame.height and out.select("ccode", "year").equals(frame)
    # peacesciencer 1.2.9, create_stateyears(subset_years = 1950) |> add_contiguity() |>
    # add_capital_distance(): USA land 2, sea 1, mincapdist 734.8694 (Ottawa); Russia 8, 3,
    # 901.5266
    usa = out.filter((pl.col("ccode") == 2) & (pl.col("year") == 1950)).row(0, named=True)
    rus = out.filter((pl.col("ccode") == 365) & (pl.col("year") == 1950)).row(0, named=True)
    assert (usa["land"], usa["sea"], round(usa["mincapdist"], 4)) == (2, 1, 734.8694)
    assert (rus["land"], rus["sea"], round(rus["mincapdist"], 4)) == (8, 3, 901.5266)
    assert usa["cowmaj"] == 1 and usa["cowinterongoing"] == 1 and usa["cowinterwars"] == 1
    assert out["mincapdist"].null_count() == 0
    # with the state list, the nearest capital is among states that were members on a common
    # day (peacesciencer's cow_ddy): not East Berlin for Germany in 1990 (the GDR ended the
    # day before Germany's spell began)
    germany = out.filter((pl.col("ccode") == 255) & (pl.col("year") == 1990))["mincapdist"]
    assert round(germany.item(), 4) == 278.9924
    assert round(controls(frame).filter((pl.col("ccode") == 255) & (pl.col("year") == 1990))[
        "mincapdist"].item(), 2) == 3.17          # without it: every state of the frame


def test_pandas_in_pandas_out(states):
    need(MAJORS)
    frame = dyad_years(states, 1950, 1950).to_pandas()
    out = add_cow_majors(frame, MAJORS)
    assert hasattr(out, "iloc") and len(out) == len(frame)


def test_error_a_step_needs_a_frame_and_runs_once(states):
    need(MAJORS)
    with pytest.raises(Exception, match="dyad_years or state_years"):
        add_cow_majors(pl.DataFrame({"x": [1]}), MAJORS)
    once = add_cow_majors(dyad_years(states, 1950, 1950), MAJORS)
    with pytest.raises(Exception, match="twice"):
        add_cow_majors(once, MAJORS)


# --- coverage: NA outside, with a note, never zeros ------------------------------------------

def test_years_outside_coverage_are_na_with_a_note(states, capsys):
    for path in (CONTDIR, MAJORS, WARS):
        need(path)
    frame = dyad_years(states, 2005, 2016).filter(pl.col("ccode1").is_in([2, 20]))
    late = pl.concat([frame, frame.filter(pl.col("year") == 2016).with_columns(year=pl.lit(
        2018, pl.Int64))])
    out = add_cow_wars(add_cow_majors(add_contiguity(late, CONTDIR), MAJORS), WARS)
    err = capsys.readouterr().err
    assert "cow_contdir.csv covers 1816–2016: conttype NA in 2018" in err
    assert "cow_majors.csv covers 1816–2016" in err
    assert "cow_war_inter.csv covers 1816–2007" in err
    assert len(err.strip().splitlines()) == 3
    y2018 = out.filter(pl.col("year") == 2018)
    assert y2018["conttype"].null_count() == y2018.height
    assert y2018["cowmaj1"].null_count() == y2018.height
    assert out.filter(pl.col("year") > 2007)["cowinteronset"].null_count() == out.filter(
        pl.col("year") > 2007).height
    assert out.filter(pl.col("year") <= 2007)["cowinteronset"].null_count() == 0
    assert out.filter(pl.col("year") == 2016)["conttype"].null_count() == 0


def test_majors_carried_forward_on_request(states):
    """peacesciencer's add_cow_majors(mry = TRUE) carries the 2016 spells to last year."""
    need(MAJORS)
    world = pl.DataFrame({"ccode1": [2, 2], "ccode2": [20, 20], "year": [2016, 2020]})
    assert add_cow_majors(world, MAJORS)["cowmaj1"].to_list() == [1, None]
    carried = add_cow_majors(world, MAJORS, carry_forward_to=2025)
    assert carried["cowmaj1"].to_list() == [1, 1] and carried["cowmaj2"].to_list() == [0, 0]


# --- hand-made files: the rules and bad input ------------------------------------------------

def test_contiguity_takes_the_record_first_by_date_within_the_year(tmp_path):
    """2–20 are 0 (padding) all through 1900–1902 and land-contiguous from March 1901: 1901
    takes January's record (the 0 row), 1902 has both from January and takes the earlier
    line (peacesciencer's order) — 0 again; 20–2 has no padding: 1901 is 1."""
    path = tmp_path / "contdir.csv"
    path.write_text("ccode1,ccode2,conttype,stdate,enddate\n"
                    "2,20,0,1900-01-01,1902-12-01\n2,20,1,1901-03-01,1902-12-01\n"
                    "20,2,1,1901-03-01,1902-12-01\n")
    frame = pl.DataFrame({"ccode1": [2, 2, 2, 20, 20], "ccode2": [20, 20, 20, 2, 2],
                          "year": [1900, 1901, 1902, 1900, 1901]})
    assert add_contiguity(frame, path)["conttype"].to_list() == [0, 0, 0, 0, 1]


def test_capital_distance_uses_the_first_capital_of_the_year(tmp_path):
    path = tmp_path / "capitals.csv"
    path.write_text("ccode,statenme,capital,stdate,enddate,lat,lng\n"
                    "2,A,North,1900-01-01,1900-06-30,10,0\n2,A,South,1900-07-01,1901-12-31,0,0\n"
                    "20,B,Zero,1900-01-01,1901-12-31,0,0\n")
    frame = pl.DataFrame({"ccode1": [2, 2, 20], "ccode2": [20, 20, 200], "year": [1900, 1901,
                                                                              1900]})
    out = add_capital_distance(frame, path)["capdist"].to_list()
    assert out[0] == pytest.approx(6378.137 * 10 * 3.141592653589793 / 180)
    assert out[1] == 0 and out[2] is None


def test_wars_prefer_the_onset_then_the_deadlier_war(tmp_path):
    path = tmp_path / "wars.csv"
    header = ("warnum,ccode1,ccode2,year,cowinterongoing,cowinteronset,sidea1,sidea2,"
              "initiator1,initiator2,outcome1,outcome2,batdeath1,batdeath2,resume\n")
    # 1950: war 2 starts, war 1 goes on (and kills more): the onset is kept.
    # 1951: both go on; war 1 has 100 known deaths (-9 is unknown), war 2 has 110: war 2.
    path.write_text(header + "1,2,20,1950,1,0,1,2,1,0,1,2,5000,5000,0\n"
                    "2,2,20,1950,1,1,2,1,0,1,2,1,10,10,0\n"
                    "1,2,20,1951,1,0,1,2,1,0,1,2,-9,100,0\n"
                    "2,2,20,1951,1,0,2,1,0,1,2,1,50,60,0\n")
    frame = pl.DataFrame({"ccode1": [2, 2, 2], "ccode2": [20, 20, 20], "year": [1950, 1951,
                                                                            1952]})
    out = add_cow_wars(frame, path)
    assert out["sidea1"].to_list() == [2, 2, None]
    assert out["batdeath1"].to_list() == [10, 50, None]
    assert out["cowinteronset"].to_list() == [1, 0, 0]
    assert out["cowinterongoing"].to_list() == [1, 1, 0]


def test_error_missing_column_names_file_line_and_column(tmp_path):
    path = tmp_path / "contdir.csv"
    path.write_text("ccode1,ccode2,type,stdate,enddate\n2,20,1,1900-01-01,1902-12-01\n")
    with pytest.raises(ControlDataError) as info:
        add_contiguity(pl.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1900]}), path)
    assert info.value.exit_code == 2
    assert f"{path}:1: conttype: required column is missing" in info.value.message


def test_error_unknown_state_code_and_bad_values_all_at_once(tmp_path):
    path = tmp_path / "majors.csv"
    path.write_text("ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n"
                    "2,1898,8,13,2016,12,31,2016\n9999,1900,1,1,1910,12,31,2016\n"
                    "200,1900,2,30,1910,12,31,2016\n")
    with pytest.raises(ControlDataError) as info:
        add_cow_majors(pl.DataFrame({"ccode": [2], "year": [1900]}), path)
    message = info.value.message
    assert f"{path}:3: ccode: 9999 is not a state code" in message
    assert f"{path}:4: styear/stmonth/stday: 1900-2-30 is not a calendar date" in message


def test_error_overlapping_spells(tmp_path):
    caps = tmp_path / "capitals.csv"
    caps.write_text("ccode,statenme,capital,stdate,enddate,lat,lng\n"
                    "2,A,North,1900-01-01,1900-06-30,10,0\n2,A,South,1900-06-30,1901-12-31,0,0\n")
    with pytest.raises(ControlDataError, match=r"capitals\.csv:3: stdate: this capital spell "
                       r"overlaps the one on line 2"):
        add_capital_distance(pl.DataFrame({"ccode": [2], "year": [1900]}), caps)
    cont = tmp_path / "contdir.csv"
    cont.write_text("ccode1,ccode2,conttype,stdate,enddate\n2,20,1,1900-01-01,1905-12-01\n"
                    "2,20,4,1905-12-01,1910-12-01\n2,20,2,1908-01-01,1912-12-01\n")
    with pytest.raises(ControlDataError) as info:  # a shared boundary month is the format
        add_contiguity(pl.DataFrame({"ccode1": [2], "ccode2": [20], "year": [1900]}), cont)
    assert info.value.message.count("overlaps") == 1 and ":4: stdate" in info.value.message


def test_error_unknown_codes_against_the_given_state_list(tmp_path):
    states = pl.DataFrame({"ccode": [2, 20], "start": [date(1816, 1, 1)] * 2,
                           "end": [date(2016, 12, 31)] * 2})
    path = tmp_path / "majors.csv"
    path.write_text("ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n"
                    "200,1816,1,1,2016,12,31,2016\n")
    with pytest.raises(ControlDataError, match="200 is not a state code in the state list"):
        add_cow_majors(pl.DataFrame({"ccode": [2], "year": [1900]}), path, states=states)


# --- the command -----------------------------------------------------------------------------

def test_cli_dyad_years_with_controls(tmp_path):
    from typer.testing import CliRunner

    from casus.cli import app

    for path in (CONTDIR, CAPITALS, MAJORS, WARS):
        need(path)
    out = tmp_path / "dyads.parquet"
    result = CliRunner().invoke(app, [
        "frames", "dyad-years", "--states", str(PS / "cow_states.csv"), "--from", "2000",
        "--to", "2010", "--directed", "--same-day", "--with", "contiguity,capdist,majors,wars",
        "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "cow_war_inter.csv covers 1816–2007" in result.output
    frame = pl.read_parquet(out)
    assert frame.columns == [*KEYS, *CONTROL_COLUMNS]


def test_cli_bad_control_file_exits_2_naming_line_and_column(tmp_path):
    from typer.testing import CliRunner

    from casus.cli import app

    need(PS / "cow_states.csv")
    (tmp_path / "cow_majors.csv").write_text(
        "ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n"
        "2,1898,8,13,2016,12,31,2016\n2,1990,1,1,2000,12,31,2016\n")
    result = CliRunner().invoke(app, [
        "frames", "state-years", "--states", str(PS / "cow_states.csv"), "--with", "majors",
        "--controls", str(tmp_path), "-o", str(tmp_path / "sy.csv")])
    assert result.exit_code == 2
    assert "cow_majors.csv:3: styear: this major-power spell overlaps the one on line 2" in (
        " ".join(result.output.split()))
    assert not (tmp_path / "sy.csv").exists()
