"""History importers: COW states and wars, ATOP member/alliance files — values and errors.

Real files are read from the shared data folder (``$CASUS_SHARED/data`` or ``../shared/data``
beside the repository); those tests are skipped, with the reason printed, when it is absent.
Error cases use small files written to a temporary folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from casus.errors import DataError
from casus.history import (
    CODEBOOK,
    CONDITION_COLUMNS,
    check_member_codes,
    obligation_spells,
    read_atop_alliances,
    read_atop_members,
    read_cow_war_inter,
    read_rsh_wars,
    read_states,
    rsh_war_participants,
)
from conftest import SHARED_DATA as SHARED
from conftest import need_shared_file as need

STATES = SHARED / "peacesciencer" / "cow_states.csv"
WAR_INTER = SHARED / "peacesciencer" / "cow_war_inter.csv"
RSH = SHARED / "cow" / "interstate-war-rev.csv"
MEMBERS = SHARED / "atop-4.01" / "atop-member-level.csv"
ALLIANCES = SHARED / "atop-4.01" / "atop-alliance-level.csv"


STATES_HEADER = "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version"

# a v5-style member file: no version column, none of v4's new4/rev4/cowsys
V5_HEADER = ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,"
             "defense,offense,neutral,nonagg,consul")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def problems_of(excinfo) -> list:
    return excinfo.value.problems


# --- COW state system ------------------------------------------------------------------------

def test_states2016_reads_243_spells_with_exact_dates():
    states = read_states(need(STATES))
    assert states.height == 243
    assert states["ccode"].n_unique() == 217
    germany = states.filter(pl.col("ccode") == 255).sort("start").select("start", "end").rows()
    assert germany == [(date(1816, 1, 1), date(1945, 5, 8)),
                       (date(1990, 10, 3), date(2016, 12, 31))]


def test_error_states_renamed_column_names_file_column_and_the_likely_rename(tmp_path):
    bad = write(tmp_path, "states.csv", STATES_HEADER.replace("ccode", "ccode_") + "\n"
                "USA,2,United States,1816,1,1,2016,12,31,2016\n")
    with pytest.raises(DataError) as exc:
        read_states(bad)
    [problem] = problems_of(exc)
    assert problem.file == str(bad) and problem.field == "ccode"
    assert "ccode_" in problem.message  # the close match is offered


def test_states_header_with_byte_order_mark_and_spaces(tmp_path):
    path = tmp_path / "states.csv"
    header = "\ufeff" + STATES_HEADER.replace(",ccode,", ", ccode ,")
    path.write_text(header + "\nUSA,2,United States,1816,1,1,2016,12,31,2016\n")
    assert read_states(path)["ccode"].to_list() == [2]


def test_error_states_empty_file_and_header_only(tmp_path):
    empty = write(tmp_path, "empty.csv", "")
    with pytest.raises(DataError, match="empty"):
        read_states(empty)
    header_only = write(tmp_path, "header.csv", STATES_HEADER + "\n")
    with pytest.raises(DataError, match="no data rows"):
        read_states(header_only)


def test_error_states_non_numeric_code_reports_line_and_value_all_at_once(tmp_path):
    bad = write(tmp_path, "states.csv", STATES_HEADER + "\n"
                "USA,2,United States,1816,1,1,2016,12,31,2016\n"
                "CAN,twenty,Canada,1920,1,10,2016,12,31,2016\n"
                "BHM,31,Bahamas,19x3,7,10,2016,12,31,2016\n")
    with pytest.raises(DataError) as exc:
        read_states(bad)
    found = {(p.field, p.line) for p in problems_of(exc)}
    assert found == {("ccode", 3), ("styear", 4)}
    assert "'twenty'" in str(exc.value)


def test_error_states_impossible_date(tmp_path):
    bad = write(tmp_path, "states.csv", STATES_HEADER + "\n"
                "USA,2,United States,1816,2,30,2016,12,31,2016\n")
    with pytest.raises(DataError, match="not a calendar date"):
        read_states(bad)


def test_error_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        read_states(tmp_path / "nope.csv")


# --- wars ------------------------------------------------------------------------------------

def test_reiter_stam_horowitz_wars_have_entry_and_exit_dates():
    wars = read_rsh_wars(need(RSH))
    assert wars.height == 586
    assert wars.select("init_war_id", "year").is_unique().all()
    first = wars.filter(pl.col("init_war_id") == 1).row(0, named=True)
    assert (first["entry"], first["exit"]) == (date(1823, 4, 7), date(1823, 11, 13))
    assert wars["entry02"].drop_nulls().len() == 7
    people = rsh_war_participants(wars)
    assert set(people["role"]) == {"initiator", "target", "adversary", "ally"}
    assert people.filter(pl.col("role") == "initiator").height == 586


def test_error_rsh_missing_column(tmp_path):
    text = need(RSH).read_text().splitlines()
    header = text[0].replace("target_ccode", "target_code")
    bad = write(tmp_path, "wars.csv", "\n".join([header, *text[1:3]]) + "\n")
    with pytest.raises(DataError) as exc:
        read_rsh_wars(bad)
    assert [p.field for p in problems_of(exc)] == ["target_ccode"]


def test_cow_war_inter_turns_minus_nine_battle_deaths_into_null():
    wars = read_cow_war_inter(need(WAR_INTER))
    assert wars.height == 1932
    raw = pl.read_csv(WAR_INTER)
    assert wars["batdeath1"].null_count() == (raw["batdeath1"] == -9).sum()
    assert wars["batdeath1"].drop_nulls().min() >= 0


# --- ATOP --------------------------------------------------------------------------------------

def test_atop_401_members_version_and_spells():
    members = read_atop_members(need(MEMBERS))
    assert members.height == 2398
    assert members["atop_version"].unique().to_list() == ["4.01"]
    spells = obligation_spells(members)
    assert spells.height == 2398
    assert spells["ongoing"].sum() == 1062 and spells.filter("ongoing")["end"].null_count() == 1062
    assert (~spells["start_exact"]).sum() == 5       # no dayent in 5 rows
    assert (~spells["end_exact"]).sum() == 31        # no dayexit in 31 rows
    assert set(CONDITION_COLUMNS) <= set(spells.columns)
    # atopid 1035 (1815-11 … 1822-12, no exit day): the exit is the last day of the month
    row = spells.filter((pl.col("atopid") == 1035) & (pl.col("member") == 200)).row(0, named=True)
    assert row["end"] == date(1822, 12, 31) and not row["end_exact"]


def test_codebook_covers_every_condition_column_and_provision():
    for col in (*CONDITION_COLUMNS, "defense", "offense", "neutral", "nonagg", "consul"):
        assert CODEBOOK.get(col), col
        assert "\n" not in CODEBOOK[col]


def test_atop_401_alliances():
    alliances = read_atop_alliances(need(ALLIANCES))
    assert alliances.height == 745
    assert alliances["atop_version"].unique().to_list() == ["4.01"]  # 4.0100002 in the file
    assert alliances.filter(pl.col("endyr") == 0)["end"].null_count() == (
        alliances["endyr"] == 0).sum()


def test_v5_column_set_without_version_column_is_read_as_v5(tmp_path):
    path = write(tmp_path, "atop5_1m.csv", V5_HEADER + "\n"
                 "1005,200,1815,1,3,1815,2,8,1,0,0,0,1\n"
                 "1005,220,1815,1,0,0,0,0,1,0,0,0,1\n")
    members = read_atop_members(path)
    assert members["atop_version"][0] == "5"
    spells = obligation_spells(members)
    second = spells.row(1, named=True)
    assert second["start"] == date(1815, 1, 1) and not second["start_exact"]  # day 0
    assert second["ongoing"] and second["end"] is None


def test_v5_alliance_level_file(tmp_path):
    path = write(tmp_path, "atop5_1a.csv",
                 "atopid,cowid,begyr,begmo,begday,endyr,endmo,endday,ineffect,bilat,"
                 "defense,offense,neutral,nonagg,consul,active,milaid\n"
                 "1005,,1815,1,3,1815,2,8,0,0,1,0,0,0,1,1,0\n"
                 "1010,,1815,1,0,0,0,0,1,0,1,0,0,0,1,1,0\n")
    alliances = read_atop_alliances(path)
    assert alliances["atop_version"].to_list() == ["5", "5"]
    assert alliances.select("begin", "end").rows() == [
        (date(1815, 1, 3), date(1815, 2, 8)), (date(1815, 1, 1), None)]


def test_v5_version_column_is_used(tmp_path):
    path = write(tmp_path, "m.csv", V5_HEADER + ",version\n"
                 "1005,200,1815,1,3,1815,2,8,1,0,0,0,1,5.1\n")
    assert read_atop_members(path)["atop_version"][0] == "5.1"


def test_error_unknown_atop_version(tmp_path):
    path = write(tmp_path, "m.csv", V5_HEADER + ",version\n"
                 "1005,200,1815,1,3,1815,2,8,1,0,0,0,1,3.2\n")
    with pytest.raises(DataError, match=r"unknown ATOP version '3\.2'") as exc:
        read_atop_members(path)
    assert problems_of(exc)[0].field == "version"


def test_error_mixed_atop_versions(tmp_path):
    path = write(tmp_path, "m.csv", V5_HEADER + ",version\n"
                 "1005,200,1815,1,3,1815,2,8,1,0,0,0,1,5.1\n"
                 "1005,220,1815,1,3,1815,2,8,1,0,0,0,1,4.01\n")
    with pytest.raises(DataError, match="mixes ATOP versions"):
        read_atop_members(path)


def test_error_v4_file_missing_a_condition_column_names_it(tmp_path):
    raw = pl.read_csv(need(MEMBERS), infer_schema=False).head(3).drop("defcoadv")
    path = tmp_path / "m.csv"
    raw.write_csv(path)
    with pytest.raises(DataError) as exc:
        read_atop_members(path)
    assert [(p.file, p.field) for p in problems_of(exc)] == [(str(path), "defcoadv")]


def test_error_atop_empty_and_non_numeric_member(tmp_path):
    with pytest.raises(DataError, match="empty"):
        read_atop_members(write(tmp_path, "e.csv", ""))
    path = write(tmp_path, "m.csv", V5_HEADER + "\n1005,USA,1815,1,3,1815,2,8,1,0,0,0,1\n")
    with pytest.raises(DataError) as exc:
        read_atop_members(path)
    [problem] = problems_of(exc)
    assert (problem.field, problem.line) == ("member", 2) and "'USA'" in problem.message


def test_error_atop_exit_before_entry(tmp_path):
    path = write(tmp_path, "m.csv", V5_HEADER + "\n1005,200,1815,5,3,1815,2,8,1,0,0,0,1\n")
    with pytest.raises(DataError, match="before entry"):
        obligation_spells(read_atop_members(path), file=str(path))


def test_error_unknown_cow_code_in_atop_members(tmp_path):
    path = write(tmp_path, "m.csv", V5_HEADER + "\n"
                 "1005,200,1815,1,3,1815,2,8,1,0,0,0,1\n"
                 "1005,9999,1815,1,3,1815,2,8,1,0,0,0,1\n")
    members = read_atop_members(path)
    with pytest.raises(DataError, match="9999 is not a COW state code") as exc:
        check_member_codes(members, [2, 200, 220], file=str(path))
    assert problems_of(exc)[0].line == 3


def test_real_atop_codes_are_all_cow_codes_or_the_documented_atop_only_code():
    members = read_atop_members(need(MEMBERS))
    check_member_codes(members, read_states(need(STATES))["ccode"])  # no error
