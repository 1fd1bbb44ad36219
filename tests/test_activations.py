"""Wars replayed against ATOP obligations, on the real ATOP 4.01 and RSH war files."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from casus.errors import DataError
from casus.history.activations import (
    ACTIVATION_COLUMNS,
    activations_for_cli,
    cow_region,
    war_activations,
)
from conftest import SHARED, needs_shared

DATA = SHARED / "data"
ATOP = DATA / "atop-4.01"
WARS = DATA / "cow" / "interstate-war-rev.csv"
CONTIGUITY = DATA / "peacesciencer" / "cow_contdir.csv"

pytestmark = [needs_shared("data", "atop-4.01", "atop-member-level.csv"),
              needs_shared("data", "cow", "interstate-war-rev.csv")]

WWI, WWII, CHANGKUFENG = 38, 53, 50  # RSH larger_war_id
ROWS, ACTIVATED = 2908, 472  # docs/history.md, "Counts"


@pytest.fixture(scope="module")
def acts() -> pl.DataFrame:
    return war_activations(ATOP, WARS)


@pytest.fixture(scope="module")
def wwi(tmp_path_factory) -> Path:
    """The RSH file cut to World War I (a quick war file for the slower variants)."""
    path = tmp_path_factory.mktemp("wars") / "interstate-war-rev-wwi.csv"
    pl.read_csv(WARS, infer_schema=False).filter(pl.col("larger_war_id") == str(WWI)).write_csv(
        path)
    return path


def row(acts: pl.DataFrame, atopid: int, member: int, war: int) -> dict:
    found = acts.filter(atopid=atopid, member=member, war=war)
    assert found.height == 1, f"no single row for {atopid}/{member}/{war}"
    return found.row(0, named=True)


def test_the_column_contract_holds(acts):
    assert tuple(acts.columns) == ACTIVATION_COLUMNS
    assert acts.columns[:5] == ["atopid", "member", "war", "activated", "reason"]
    assert set(acts["activated"].unique()) <= {0, 1}
    assert acts["reason"].str.len_chars().min() > 20
    assert acts.select("atopid", "member", "war").is_duplicated().sum() == 0
    assert set(acts["certainty"].unique()) <= {"coded", "inferred", "unresolved"}
    for kind in ("defense", "offense", "neutral", "consul", "nonagg"):
        assert set(acts[f"{kind}_status"].drop_nulls().unique()) <= {
            "activated", "not_activated", "undecided", "no_event", "does_not_apply"}
    # an activated row always names the obligation, the partner and the day
    hit = acts.filter(activated=1)
    assert hit["obligation"].null_count() == 0 and hit["event_date"].null_count() == 0


def test_counts_are_stable_on_the_shared_data(acts):
    """Counts recorded in docs/history.md (ATOP 4.01 × RSH v1.0, no contiguity file)."""
    assert acts.height == ROWS
    assert acts["activated"].sum() == ACTIVATED
    # a consultation pledge engaged by a partner's war is not a case of performance in war
    consult = acts.filter(pl.col("consul_status") == "does_not_apply")
    assert consult.height > 0
    assert acts["war"].n_unique() <= 88


def test_wwi_russia_attacking_austria_hungary_activates_germanys_dual_alliance_pledge(acts):
    r = row(acts, 1335, 255, WWI)  # Dual Alliance 1879, Germany's Russia-specific pledge
    assert r["activated"] == 1 and r["obligation"] == "defense"
    assert r["partner"] == 300 and r["adversary"] == 365
    assert "applies only to attacks by Russia" in r["reason"] and "Russia (365)" in r["reason"]
    assert r["ally_attacked"] == 1 and r["member_in_war"] == 1


def test_wwii_germany_attacking_poland_activates_the_british_guarantee(acts):
    r = row(acts, 2440, 200, WWII)  # UK–Poland Agreement of Mutual Assistance, 25 Aug 1939
    assert r["activated"] == 1 and r["obligation"] == "defense"
    assert str(r["event_date"]) == "1939-09-01" and r["adversary"] == 255
    assert "defense" in r["kinds_activated"].split(",")


def test_a_pledge_specific_to_germany_is_not_activated_by_a_japanese_attack(acts):
    r = row(acts, 2360, 220, CHANGKUFENG)  # Franco-Soviet pact 1935; Changkufeng 1938
    assert r["activated"] == 0
    assert "applies only to attacks by Germany" in r["reason"]
    assert "Japan (740)" in r["reason"] and r["certainty"] == "coded"


def test_non_provocation_blocks_a_partner_that_started_the_fighting(acts):
    r = row(acts, 2012, 300, WWI)  # Bulgaria attacked by Romania (1917) after it attacked Serbia
    assert r["activated"] == 0 and "provoked" in r["reason"]


def test_an_adversary_atop_does_not_code_is_undecided_not_assumed(acts):
    r = row(acts, 1385, 220, WWI)  # Franco-Russian convention: adversary not in statthr1/2
    assert r["activated"] == 0 and r["certainty"] == "unresolved"
    assert "undecided" in r["reason"] and "adversary the text names" in r["reason"]


def test_location_limited_nato_pledge_is_not_activated_by_the_falklands(acts):
    falklands = acts.filter(pl.col("war_name") == "Falklands1982")
    us = falklands.filter(atopid=3180, member=2).row(0, named=True)
    assert "defense" not in (us["kinds_activated"] or "").split(",")
    assert us["defense_status"] == "not_activated"  # UK attacked from outside its region
    assert us["consul_status"] == "does_not_apply"  # consulting is not a performance case


def test_location_decided_by_contiguity_when_a_contiguity_file_is_given(wwi):
    from casus.history.activations import ReplayOptions

    if not CONTIGUITY.exists():
        pytest.skip(f"shared data not found at {CONTIGUITY}")
    by_contiguity = ReplayOptions(location="contiguity")
    with_contig = war_activations(ATOP, wwi, contiguity=CONTIGUITY, options=by_contiguity)
    # Japan's 1916 pledge to Russia (ATOP 2035) is location-limited: Germany borders Russia
    r = row(with_contig, 2035, 740, WWI)
    assert r["activated"] == 1 and "directly contiguous" in r["reason"]
    # without the contiguity file a contiguity reading cannot decide: uncertain, not "no"
    r = row(war_activations(ATOP, wwi, options=by_contiguity), 2035, 740, WWI)
    assert r["activated"] == 0 and r["certainty"] == "unresolved"


def test_alliances_concluded_mid_war_are_kept_and_flagged(acts):
    r = row(acts, 2030, 255, WWI)  # German–Bulgarian/Austrian wartime treaty
    assert r["in_effect_at_war_start"] == 0


def test_cow_regions_follow_the_cow_number_ranges():
    assert (cow_region(2), cow_region(200), cow_region(651), cow_region(740)) == (
        "the Americas", "Europe", "the Middle East", "Asia")
    assert cow_region(8152) is None


def test_cli_writes_the_csv_atomically_and_returns_the_row_count(tmp_path, wwi, acts):
    out = tmp_path / "activations.csv"
    n = activations_for_cli(str(ATOP), str(wwi), str(out))
    back = pl.read_csv(out)
    assert n == back.height == acts.filter(war=WWI).height
    assert back.columns[:5] == ["atopid", "member", "war", "activated", "reason"]
    assert [p.name for p in tmp_path.iterdir()] == ["activations.csv"]


def test_error_missing_war_column_names_file_and_column_and_writes_nothing(tmp_path):
    bad = tmp_path / "wars.csv"
    frame = pl.read_csv(WARS, infer_schema=False).drop("target_ccode")
    frame.write_csv(bad)
    out = tmp_path / "out.csv"
    with pytest.raises(DataError) as err:
        activations_for_cli(str(ATOP), str(bad), str(out))
    assert str(bad) in str(err.value) and "target_ccode" in str(err.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["wars.csv"]


def test_error_missing_atop_column_names_file_and_column(tmp_path):
    members = tmp_path / "atop-member-level.csv"
    pl.read_csv(ATOP / "atop-member-level.csv", infer_schema=False).drop("defcoadv").write_csv(
        members)
    (tmp_path / "atop-alliance-level.csv").write_bytes(
        (ATOP / "atop-alliance-level.csv").read_bytes())
    with pytest.raises(DataError) as err:
        war_activations(tmp_path, WARS)
    assert str(members) in str(err.value) and "defcoadv" in str(err.value)


def test_error_folder_without_a_member_file(tmp_path):
    with pytest.raises(DataError) as err:
        war_activations(tmp_path, WARS)
    assert "member-level" in str(err.value)


def test_1914_franco_russian_alliance_activated_for_france_when_germany_attacked_russia(wwi):
    from casus.history.activations import ReplayOptions

    # ATOP 1385 codes defcoadv without naming the adversary: uncertain by default (above),
    # activated when an uncoded adversary is read as met
    acts = war_activations(ATOP, wwi, options=ReplayOptions(unnamed_adversary="met"))
    r = row(acts, 1385, 220, WWI)
    assert r["activated"] == 1 and r["obligation"] == "defense"
    assert (r["partner"], r["adversary"], str(r["event_date"])) == (365, 255, "1914-08-01")


def test_an_offense_pact_is_activated_by_the_ally_initiating(acts):
    r = row(acts, 2005, 255, WWI)  # German-Ottoman alliance 1914: Turkey attacks Russia
    assert r["activated"] == 1 and r["obligation"] == "offense"
    assert (r["partner"], r["adversary"]) == (640, 365) and "went to war" in r["reason"]


def test_a_non_aggression_pact_is_violated_by_the_partners_fighting_each_other(acts):
    r = row(acts, 2225, 325, 49)  # Italo-Ethiopian 1928 treaty; Italy attacks, 3 Oct 1935
    assert r["activated"] == 1 and r["nonagg_status"] == "activated"
    assert "broken" in r["reason"]


def test_a_cow_v4_file_is_replayed_too_initiator_attacking_the_other_side():
    from casus.history.activations import ReplayOptions

    cow4 = Path(__file__).parent / "fixtures" / "wars" / "Inter-StateWarData_v4.0-synthetic.csv"
    acts = war_activations(ATOP, cow4, options=ReplayOptions(unnamed_adversary="met"))
    r = row(acts, 1385, 220, 901)  # the synthetic war's number: COW's WarNum
    assert r["activated"] == 1 and r["obligation"] == "defense"
    assert (r["partner"], r["adversary"]) == (365, 255) and r["init_war_id"] is None
