"""War files in three formats, recognised from the header; errors name file and columns."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import WarFormatError
from casus.history.wars import EVENT_COLUMNS, detect_war_format, read_war_events
from conftest import SHARED

DATA = SHARED / "data"
RSH = DATA / "cow" / "interstate-war-rev.csv"
PS = DATA / "peacesciencer" / "cow_war_inter.csv"
COW4 = Path(__file__).parent / "fixtures" / "wars" / "Inter-StateWarData_v4.0-synthetic.csv"


def test_cow_v4_initiator_attacks_the_other_side_on_the_first_day():
    fmt, events = read_war_events(COW4)
    assert fmt == "cow4" and tuple(events.columns) == EVENT_COLUMNS
    rows = {(r["side_a"], r["side_b"]): r for r in events.iter_rows(named=True)}
    germany_russia = rows[(255, 365)]
    assert germany_russia["directed"] and germany_russia["date"] == date(1914, 8, 1)
    # France entered two days later: at war with Germany, but who attacked whom is lost
    germany_france = rows[(255, 220)]
    assert not germany_france["directed"] and germany_france["date"] == date(1914, 8, 3)
    assert (220, 365) not in rows and (365, 220) not in rows  # same side


def test_the_rsh_file_is_read_as_initial_wars():
    if not RSH.exists():
        pytest.skip(f"shared data not found at {RSH}")
    fmt, events = read_war_events(RSH)
    assert fmt == "rsh" and events["init_war_id"].drop_nulls().n_unique() == 250
    first = events.filter(init_war_id=75).row(0, named=True)  # Germany attacks Russia, WWI
    assert (first["side_a"], first["side_b"], first["date"]) == (255, 365, date(1914, 8, 1))


def test_peacesciencer_dyad_years_give_dated_pairs():
    if not PS.exists():
        pytest.skip(f"shared data not found at {PS}")
    fmt, events = read_war_events(PS)
    assert fmt == "cow_war_inter" and events["war"].n_unique() == 95
    assert events["date"].dt.day().unique().to_list() == [1]  # days are lost


def test_error_unknown_header_names_the_file_and_what_each_format_needs(tmp_path):
    bad = tmp_path / "wars.csv"
    pl.DataFrame({"war": [1], "a": [2], "b": [20]}).write_csv(bad)
    with pytest.raises(WarFormatError) as err:
        detect_war_format(bad)
    text = str(err.value)
    assert str(bad) in text and "init_war_id" in text and "WarNum" in text
    assert err.value.exit_code == 2


def test_error_cow_v4_without_initiator_lists_the_missing_column(tmp_path):
    bad = tmp_path / "Inter-StateWarData_v4.0.csv"
    pl.read_csv(COW4).drop("Initiator", "Side").write_csv(bad)
    with pytest.raises(WarFormatError) as err:
        read_war_events(bad)
    assert str(bad) in str(err.value) and "Side, Initiator" in str(err.value)


def test_error_cli_exits_2_for_a_file_that_is_not_a_war_file(tmp_path):
    bad = tmp_path / "wars.csv"
    bad.write_text("x,y\n1,2\n")
    result = CliRunner().invoke(app, ["history", "activations", "--atop",
                                      str(DATA / "atop-4.01"), "--wars", str(bad), "-o",
                                      str(tmp_path / "out.csv")])
    assert result.exit_code == 2
    assert not (tmp_path / "out.csv").exists()
