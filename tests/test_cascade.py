"""The cascade: scenarios named as sentences, the JSON contract, the Monte Carlo, bad input."""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest
from typer.testing import CliRunner

from casus.cascade import Options, cascade
from casus.cascade.montecarlo import (
    DEFAULT_RATES,
    Probabilities,
    honour_rates,
    monte_carlo,
)
from casus.cli import app
from casus.model.registry import load_registry
from casus.reasoner import Scenario
from conftest import SHARED_DATA, need_shared_file, needs_shared

runner = CliRunner()
ATOP = SHARED_DATA / "atop-4.01"


@pytest.fixture(scope="module")
def registry():
    return load_registry()


def _attack(attacker: str, target: str, on: str, place: str | None = None) -> Scenario:
    return Scenario.single(date=on, attackers=[attacker], target=target, place=place)


def _round1(c, verdict: str = "triggered") -> dict[str, tuple[str, str, str]]:
    return {e.state: (e.side, e.link.treaty, e.link.article) for e in c.entrants
            if e.round == 1 and e.verdict == verdict}


# --- scenarios that must come out right ------------------------------------------------------


def test_us_attack_on_north_korea_2026_brings_china_1961_and_russia_2024_in_round_1(registry):
    c = cascade(_attack("USA", "PRK", "2026-01-15"), registry)
    first = _round1(c)
    assert first["CHN"] == ("target", "prk-chn-1961", "II")
    assert first["RUS"] == ("target", "rus-prk-2024", "4")
    assert any("all means" in b for b in c.entrant("RUS").because)  # the article is quoted
    assert c.sides()["attacker"] == ["USA"]
    # the US attacked first: its own allies' defence pledges are not read as covering it
    nato = [s for s in c.stays_out if s.treaty == "nato-1949" and s.state == "GBR"]
    assert nato and nato[0].rule == "aggressor_not_covered"


def test_the_kursk_incursion_brings_north_korea_in_only_after_4_december_2024(registry):
    before = cascade(_attack("UKR", "RUS", "2024-08-06", "Kursk Oblast"), registry)
    after = cascade(_attack("UKR", "RUS", "2024-12-05", "Kursk Oblast"), registry)
    assert before.entrant("PRK") is None or before.entrant("PRK").link.treaty != "rus-prk-2024"
    assert _round1(after)["PRK"] == ("target", "rus-prk-2024", "4")
    # North Korea's own ally is drawn toward it in round 2, but only as "may": Ukraine's fire
    # on North Korean forces in Kursk does not by itself put North Korea "in a state of war"
    # (1961 treaty Art. II), so China's duty stays open
    china = after.entrant("CHN")
    assert (china.round, china.verdict, china.link.treaty) == (2, "uncertain", "prk-chn-1961")


def test_russia_attacking_estonia_brings_nato_art_5_and_teu_42_7_in_round_1(registry):
    c = cascade(_attack("RUS", "EST", "2026-01-15"), registry)
    first = _round1(c)
    assert first["USA"] == ("target", "nato-1949", "5")
    assert first["POL"][1] in ("nato-1949", "teu-42-7")
    assert first["AUT"] == ("target", "teu-42-7", "42(7)")  # EU, not NATO
    assert first["IRL"] == ("target", "teu-42-7", "42(7)")
    assert c.sides()["attacker"] == ["RUS"]


def test_belarus_and_the_csto_stay_out_of_russias_attack_on_estonia_by_default(registry):
    """A defensive pact does not cover an ally that attacked first (Italy, 1914)."""
    c = cascade(_attack("RUS", "EST", "2026-01-15"), registry)
    assert c.entrant("BLR") is None
    belarus = {(s.treaty, s.article): s for s in c.stays("BLR")}
    assert ("rus-blr-2024", "4(1)") in belarus and ("csto-1992", "4") in belarus
    assert belarus[("rus-blr-2024", "4(1)")].rule == "aggressor_not_covered"
    assert "attacked first" in belarus[("rus-blr-2024", "4(1)")].because[0]


def test_the_aggressor_option_changes_what_the_model_says_about_belarus(registry):
    maybe = cascade(_attack("RUS", "EST", "2026-01-15"), registry,
                    Options(aggressor="uncertain"))
    assert maybe.entrant("BLR").verdict == "uncertain"
    assert maybe.entrant("BLR").side == "attacker"
    bound = cascade(_attack("RUS", "EST", "2026-01-15"), registry, Options(aggressor="covered"))
    assert (bound.entrant("BLR").verdict, bound.entrant("BLR").link.treaty) == (
        "triggered", "rus-blr-2024")
    quiet = cascade(_attack("RUS", "EST", "2026-01-15"), registry,
                    Options(counterattack="none"))
    assert not [s for s in quiet.stays_out if s.rule == "aggressor_not_covered"]


def test_a_joiners_own_allies_are_read_where_it_fights(registry):
    """US forces fighting in Estonia are outside ANZUS's Pacific: Australia only may enter."""
    c = cascade(_attack("RUS", "EST", "2026-01-15"), registry)
    aus = c.entrant("AUS")
    assert aus is not None and aus.verdict == "uncertain" and aus.link.treaty == "anzus-1951"
    assert Options(may_depth=0) and cascade(
        _attack("RUS", "EST", "2026-01-15"), registry, Options(may_depth=0)).entrant("AUS") is None


def test_a_state_bound_to_stay_out_is_listed_with_its_clause(registry):
    c = cascade(_attack("USA", "PRK", "2026-01-15"), registry)
    iran = [s for s in c.stays_out if s.state == "IRN"]
    assert iran and iran[0].treaty == "rus-irn-2025"


@pytest.fixture(scope="module")
def atop_registry(registry):
    from casus.history.atop_treaties import registry_with_atop

    members = need_shared_file(ATOP / "atop-member-level.csv")
    return registry_with_atop(registry, members, ATOP / "atop-alliance-level.csv")


@needs_shared("data", "atop-4.01")
def test_july_1914_replayed_from_the_atop_alliances_in_force_on_28_july(atop_registry):
    """Austria-Hungary's attack on Serbia (28 Jul) draws in Montenegro by treaty, not Russia
    (no treaty with Serbia), not Germany (a defensive pact does not cover the attacker), not
    Britain (ententes are not pledges); Germany's attack on France (3 Aug) brings Russia in
    under the Franco-Russian alliance, and Italy stays out."""
    from casus.model.states import state_from_cow

    serbia = state_from_cow(345, date(1914, 7, 28)).code  # COW 345 as ATOP codes it
    c = cascade(_attack("COW300", serbia, "1914-07-28"), atop_registry)
    assert _round1(c)["MNE"][0] == "target"
    for state in ("RUS", "GBR", "FRA", "ITA"):
        assert c.entrant(state) is None, state
    assert any(s.state == "DEU" and s.rule == "aggressor_not_covered" for s in c.stays_out)
    west = cascade(_attack("DEU", "FRA", "1914-08-03"), atop_registry)
    # the Franco-Russian alliance limits Russia's pledge to an adversary ATOP 4.01 does not
    # code (defcoadv without statthr), so Russia may enter — the treaty alone cannot say more
    russia = _round1(west, "uncertain")["RUS"]
    assert russia[:2] == ("target", "atop-1385")
    assert west.entrant("ITA") is None and west.entrant("GBR") is None
    assert {s.rule for s in west.stays("ITA")} >= {"aggressor_not_covered"}


@needs_shared("data", "atop-4.01")
def test_atop_links_name_the_alliance_and_pledge_and_never_quote_the_coding(atop_registry):
    """An ATOP article is a summary of the coding: its clause is labelled as ATOP's coding, not
    put in quotation marks, and the link reads 'Montenegro–Serbia alliance of 1912 (ATOP 1480),
    defence pledge by Montenegro (ATOP-coded)', not 'ATOP 1480 Art. ATOP defense (MNE)'."""
    from casus.model.states import state_from_cow
    from casus.views.cascade import render_text

    serbia = state_from_cow(345, date(1914, 7, 28)).code
    c = cascade(_attack("COW300", serbia, "1914-07-28"), atop_registry)
    mne = c.entrant("MNE")
    treaty = atop_registry.get(mne.link.treaty)
    assert mne.link.treaty_title == treaty.name and "(ATOP 1480)" in treaty.name
    clause = f"{treaty.name}, {mne.link.article}: [ATOP's coding, not the treaty's words] "
    assert any(b.startswith(clause) for b in mne.because)
    text = render_text(c)
    assert "“" not in text and "Art. defence" not in text
    assert f"{treaty.name}, defence pledge by Montenegro (ATOP-coded)" in " ".join(text.split())


# --- the JSON contract and the CLI -----------------------------------------------------------


def _cli(*args: str):
    return runner.invoke(app, ["cascade", *args])


def test_json_contract_of_cascade():
    result = _cli("--attacker", "USA", "--target", "North Korea", "--date", "2026-01-15",
                  "--draws", "2000", "--seed", "3", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"rounds", "sides", "stays_out", "probabilities"} <= set(data)
    assert data["rounds"][0]["round"] == 1
    for r in data["rounds"]:
        for e in r["entrants"]:
            assert {"state", "side", "treaty", "article", "verdict", "because"} <= set(e)
            assert e["side"] in ("target", "attacker")
            assert e["verdict"] in ("triggered", "uncertain")
            assert all(isinstance(b, str) and b for b in e["because"])
    assert set(data["sides"]) == {"attacker", "target"}
    assert "CHN" in data["sides"]["target"] and data["sides"]["attacker"] == ["USA"]
    assert all(0.0 <= p <= 1.0 for p in data["probabilities"].values())
    assert data["probabilities"]["CHN"] > 0


def test_text_output_quotes_the_article_of_every_entry():
    result = _cli("--attacker", "Russia", "--target", "Estonia", "--date", "2026-01-15")
    assert result.exit_code == 0, result.output
    assert "Round 1" in result.output and "North Atlantic Treaty" in result.output
    assert "attacked first" in result.output  # why Belarus stays out


def test_graph_and_plot_are_written(tmp_path):
    graph, png = tmp_path / "c.graphml", tmp_path / "c.png"
    result = _cli("--attacker", "USA", "--target", "PRK", "--date", "2026-01-15",
                  "--graph", str(graph), "--plot", str(png))
    assert result.exit_code == 0, result.output
    assert "rus-prk-2024" in graph.read_text()
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args,expect", [
    (["--draws", "0"], "--draws"),
    (["--draws", "100000000"], "--draws"),
    (["--rule", "aggressor=maybe"], "aggressor"),
    (["--rule", "nonsense"], "--rule"),
])
def test_error_bad_cascade_options_exit_2(args, expect):
    result = _cli("--attacker", "USA", "--target", "PRK", "--date", "2026-01-15", *args)
    assert result.exit_code == 2, result.output
    assert expect in result.output and "Traceback" not in result.output


def test_error_impossible_date_exit_2():
    result = _cli("--attacker", "USA", "--target", "PRK", "--date", "2026-02-30")
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_error_probability_file_names_file_line_field_and_value(tmp_path):
    bad = tmp_path / "p.yaml"
    bad.write_text("kinds:\n  defense: 1.4\ntreaties:\n  nato-1494: 0.5\n"
                   "states:\n  Narnia: 0.3\n  USA: -0.1\n")
    result = _cli("--attacker", "USA", "--target", "PRK", "--date", "2026-01-15",
                  "--draws", "100", "--probabilities", str(bad))
    assert result.exit_code == 2, result.output
    out = " ".join(result.output.split())
    assert f"{bad.name}:2: kinds.defense: 1.4 is outside [0, 1]" in out
    assert "treaties.nato-1494" in out and "nato-1949" in out  # close match offered
    assert "states.Narnia" in out and "states.USA: -0.1" in out


def test_a_probability_file_overrides_by_treaty_and_state(tmp_path, registry):
    good = tmp_path / "p.yaml"
    good.write_text("treaties:\n  rus-prk-2024: 1.0\nstates:\n  China: 0.0\n")
    from casus.cascade.montecarlo import load_probabilities

    probs = load_probabilities(good, treaty_ids=set(registry.treaties))
    c = cascade(_attack("USA", "PRK", "2026-01-15"), registry)
    out = monte_carlo(c, 500, 1, probs)
    assert out["p_enter"]["RUS"] == 1.0 and "CHN" not in out["p_enter"]


# --- Monte Carlo -----------------------------------------------------------------------------


def test_same_seed_same_numbers_other_seed_other_numbers(registry):
    c = cascade(_attack("RUS", "EST", "2026-01-15"), registry)
    a, b = monte_carlo(c, 3000, 7), monte_carlo(c, 3000, 7)
    assert a["p_enter"] == b["p_enter"] and a["war_size"] == b["war_size"]
    assert monte_carlo(c, 3000, 8)["p_enter"] != a["p_enter"]


def test_a_pledge_is_kept_for_every_ally_or_for_none(registry):
    """One draw per (obligor, treaty): with NATO's post-1945 rate the United States enters
    at about that rate, not at 1 - (1 - p)^31 because 31 allies are at war."""
    c = cascade(_attack("RUS", "EST", "2026-01-15"), registry)
    p = monte_carlo(c, 20_000, 1)["p_enter"]["USA"]
    assert 0.08 < p < 0.2


def test_monte_carlo_bounds_follow_the_deterministic_bounds(registry):
    c = cascade(_attack("USA", "PRK", "2026-01-15"), registry)
    certain = Probabilities(kinds=dict.fromkeys(DEFAULT_RATES, 1.0), uncertain=0.0)
    out = monte_carlo(c, 200, 0, certain)
    entered = {s for s, p in out["p_enter"].items() if p == 1.0}
    assert entered == set(c.sides()["target"] + c.sides()["attacker"]) - {"USA", "PRK"}
    assert out["war_size"]["min" if "min" in out["war_size"] else "median"] == \
        len(c.sides()["target"]) + 1
    assert np.isclose(sum(out["war_size"]["histogram"].values()), 200)


@needs_shared("data", "bf2018-dev")
def test_default_honour_rates_are_recomputed_from_the_bf2018_dev_half():
    rates = honour_rates(SHARED_DATA / "bf2018-dev" / "bf2018-dev.csv",
                         SHARED_DATA / "cow" / "interstate-war-rev.csv")
    assert {k: v["rate"] for k, v in rates.items()} == DEFAULT_RATES
    assert rates[("defense", "before_1945")]["n"] == 24


@needs_shared("data", "cow")
def test_replay_writes_one_row_per_state_in_the_system_and_scores_it(tmp_path, atop_registry):
    from casus.cascade.replay import auc, replay, score, wars_from_rsh
    from casus.history.cow import read_states

    wars = [w for w in wars_from_rsh(SHARED_DATA / "cow" / "interstate-war-rev.csv")
            if w.start.year in (1866, 1870)]
    states = read_states(SHARED_DATA / "peacesciencer" / "cow_states.csv")
    frame = replay(atop_registry, wars, states, draws=200)
    assert {"war", "ccode", "p_join", "joined_by_round", "reason"} <= set(frame.columns)
    assert frame.group_by("war").len()["len"].min() > 10
    assert frame["p_join"].min() >= 0 and frame["p_join"].max() <= 1
    s = score(frame)
    assert s["pairs"] == frame.height
    assert auc(np.array([0.1, 0.9, 0.5]), np.array([0, 1, 0])) == 1.0


# --- sweeps ----------------------------------------------------------------------------------

STATES_CSV = SHARED_DATA / "peacesciencer" / "cow_states.csv"


@pytest.fixture(scope="module")
def sweep_2026(registry):
    from casus.cascade.sweep import sweep_date
    from casus.history.cow import read_states

    return sweep_date(registry, read_states(need_shared_file(STATES_CSV)), date(2026, 1, 15),
                      draws=1)


def _pair(frame, attacker: str, target: str) -> dict:
    rows = frame.filter((frame["attacker"] == attacker) & (frame["target"] == target))
    assert rows.height == 1
    return rows.row(0, named=True)


@needs_shared("data", "peacesciencer")
def test_a_sweep_covers_every_ordered_pair_of_the_system(sweep_2026):
    n = sweep_2026["attacker"].n_unique()
    assert sweep_2026.height == n * (n - 1) and sweep_2026.height > 35_000
    assert (sweep_2026["attacker"] != sweep_2026["target"]).all()


@needs_shared("data", "peacesciencer")
def test_the_sweep_agrees_with_the_cascade_on_round_1(sweep_2026, registry):
    for a, t in (("USA", "PRK"), ("RUS", "EST"), ("UKR", "RUS")):
        row = _pair(sweep_2026, a, t)
        first = set(_round1(cascade(_attack(a, t, "2026-01-15"), registry)))
        assert first <= set(row["target_entrants"]), (a, t)
        assert a not in row["target_entrants"]
        assert row["expected_size"] >= 2


@needs_shared("data", "peacesciencer")
def test_a_state_never_defends_another_against_its_own_attack_in_a_sweep(sweep_2026):
    """Turkey attacking Greece: NATO allies enter, Turkey is not on Greece's side."""
    row = _pair(sweep_2026, "TUR", "GRC")
    assert "TUR" not in row["target_entrants"] and "USA" in row["target_entrants"]


@needs_shared("data", "peacesciencer")
def test_a_sweep_on_a_dask_local_cluster_equals_the_local_loop(tmp_path):
    from functools import partial

    from dask.distributed import LocalCluster

    from casus.cascade.sweep import sweep_years
    from casus.cli import _sweep_registry

    days = [date(1950, 1, 1), date(2000, 1, 1)]
    factory = partial(_sweep_registry, None)
    local = sweep_years(factory, str(STATES_CSV), days)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster:
        remote = sweep_years(factory, str(STATES_CSV), days, cluster=cluster)
    assert remote.sort("date", "attacker", "target").equals(
        local.sort("date", "attacker", "target"))


@needs_shared("data", "peacesciencer")
def test_sweep_cli_writes_parquet_atomically(tmp_path):
    import polars as pl

    out = tmp_path / "pairs.parquet"
    result = _cli("sweep", "--date", "2026-01-15", "--states", str(STATES_CSV), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert pl.read_parquet(out).height > 35_000
    assert [p.name for p in tmp_path.iterdir()] == ["pairs.parquet"]  # no temp file left


def test_error_sweep_needs_a_date_or_years():
    result = _cli("sweep", "-o", "x.parquet")
    assert result.exit_code == 2 and "--date" in result.output
    result = _cli("sweep", "--from-year", "2000", "--to-year", "1990", "-o", "x.parquet")
    assert result.exit_code == 2 and "bad years" in result.output


# --- the entry rules on a constructed network ------------------------------------------------


class _Network:
    """A stand-in for the cascade's reader: fixed links per belligerent."""

    def __init__(self, links, options):
        self.options, self._links = options, links

    def links(self, state, side):
        return self._links.get(state, [])


def _link(obligor, beneficiary, side, verdict="triggered", stay_out=False, kind="defense"):
    from casus.cascade import Link

    return Link(obligor, beneficiary, side, f"t-{obligor}", f"Treaty {obligor}", "1", kind,
                verdict, (f"{obligor} owes {beneficiary}",), stay_out=stay_out)


@pytest.mark.parametrize("option,expect", [
    ("uncertain", "uncertain"), ("stay_out", None), ("enter", "triggered")])
def test_a_state_bound_to_enter_and_to_stay_out_follows_the_neutrality_option(option, expect):
    """ITA is bound to defend FRA (the target) and, by a neutrality pledge toward DEU (the
    attacker), to stay out of the target's side."""
    from casus.cascade.core import _walk

    links = {"FRA": [_link("ITA", "FRA", "target")],
             "DEU": [_link("ITA", "DEU", "target", stay_out=True, kind="neutrality")]}
    net = _Network(links, Options(neutrality=option))
    status, _ = _walk(net, {"DEU": "attacker", "FRA": "target"}, certain_only=False)
    got = status.get("ITA")
    assert (got[2] if got else None) == expect
    if got:
        assert any(r.rule == "neutrality_conflict" for r in got[4])


def test_a_state_bound_to_both_sides_in_one_round_is_on_neither():
    from casus.cascade.core import _walk

    links = {"FRA": [_link("BEL", "FRA", "target")], "DEU": [_link("BEL", "DEU", "attacker")]}
    status, conflicts = _walk(_Network(links, Options()), {"DEU": "attacker", "FRA": "target"},
                              certain_only=True)
    assert "BEL" not in status and conflicts[0].rule == "bound_to_both_sides"


def test_may_depth_limits_chains_of_maybe():
    from casus.cascade.core import _walk

    links = {"FRA": [_link("GBR", "FRA", "target", "uncertain")],
             "GBR": [_link("USA", "GBR", "target", "uncertain")]}
    for depth, reached in ((0, set()), (1, {"GBR"}), (2, {"GBR", "USA"})):
        status, _ = _walk(_Network(links, Options(may_depth=depth)),
                          {"DEU": "attacker", "FRA": "target"}, certain_only=False)
        assert set(status) - {"DEU", "FRA"} == reached


def test_a_non_state_attack_on_the_united_states_brings_nato_art_5_in_round_1(registry):
    """11 September 2001: NATO invoked Art. 5 on 12 September; no state is on the attacker's
    side and nobody's pledges toward the attacker are read."""
    scen = Scenario.single(date="2001-09-12", attackers=[{"name": "al-Qaeda",
                                                         "non_state": True}], target="USA")
    c = cascade(scen, registry)
    assert _round1(c)["GBR"] == ("target", "nato-1949", "5")
    assert c.sides()["attacker"] == []
    from casus.views import to_text

    assert "attacker side al-Qaeda (non-state)" in to_text(c)


@needs_shared("data", "peacesciencer")
def test_sweep_rules_follow_the_cascade_options(registry):
    from casus.cascade.sweep import sweep_date, sweep_options
    from casus.history.cow import read_states

    states = read_states(STATES_CSV)
    on = date(2026, 1, 15)
    quiet = sweep_date(registry, states, on, options=sweep_options(["joiner_attacked=none"]))
    row = _pair(quiet, "RUS", "EST")
    assert row["target_side"] == 35 and row["rounds"] == 1
    covered = sweep_date(registry, states, on, options=sweep_options(["aggressor=covered"]))
    assert {"BLR", "PRK"} <= set(_pair(covered, "RUS", "EST")["attacker_entrants"])
    maybe = sweep_date(registry, states, on, options=sweep_options(["aggressor=uncertain"]))
    row = _pair(maybe, "RUS", "EST")
    assert "BLR" not in row["attacker_entrants"] and row["may_enter"] > 0


def test_error_sweep_rule_that_depends_on_the_pair_exit_2():
    result = _cli("sweep", "--date", "2026-01-15", "--rule", "joiner_attacked=forces",
                  "-o", "x.parquet")
    assert result.exit_code == 2 and "joiner_attacked=none" in result.output
