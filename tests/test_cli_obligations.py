"""`casus obligations` on the command line: the JSON contract, bad input, ATOP alliances."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from casus.cli import app
from conftest import SHARED, needs_shared

runner = CliRunner()
ATOP = SHARED / "data" / "atop-4.01"


def _json(*args: str) -> dict:
    result = runner.invoke(app, ["obligations", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_contract_of_obligations():
    data = _json("--attacker", "Ukraine", "--target", "Russia", "--place", "Kursk region",
                 "--date", "2024-12-05")
    keys = {"obligor", "beneficiary", "treaty", "article", "kind", "strength", "verdict",
            "reasons"}
    assert data["obligations"] and all(keys <= set(o) for o in data["obligations"])
    art4 = [o for o in data["obligations"]
            if o["treaty"] == "rus-prk-2024" and o["article"] == "4"]
    assert [(o["obligor"], o["beneficiary"], o["verdict"]) for o in art4] == [
        ("PRK", "RUS", "triggered")]
    assert all(isinstance(r, str) and r for o in data["obligations"] for r in o["reasons"])


def test_error_unknown_state_place_and_date_exit_2_with_close_matches():
    for args, expect in (
        (["--attacker", "Ukraine army", "--target", "RUS", "--date", "2024-08-06"], "UKR"),
        (["--attacker", "UKR", "--target", "RUS", "--place", "Kursk Oblats",
          "--date", "2024-08-06"], "Kursk"),
        (["--attacker", "UKR", "--target", "RUS", "--date", "6 Aug 2024"], "YYYY-MM-DD"),
    ):
        result = runner.invoke(app, ["obligations", *args])
        assert result.exit_code == 2, result.output
        assert expect in result.output and "Traceback" not in result.output


def test_error_scenario_and_options_together():
    result = runner.invoke(app, ["obligations", "--scenario", "x.yaml", "--target", "RUS"])
    assert result.exit_code == 2 and "either --scenario" in result.output


def test_a_target_party_to_nothing_gets_an_answer_not_a_crash():
    data = _json("--attacker", "Germany", "--target", "Switzerland", "--date", "2025-01-01")
    assert data["obligations"] == []
    assert data["events"][0]["notes"]


@needs_shared("data", "atop-4.01")
def test_atop_alliances_answer_for_1939_and_provocation_can_be_settled():
    args = ["--attacker", "Germany", "--target", "Poland", "--date", "1939-09-01",
            "--atop", str(ATOP)]
    unstated = _json(*args)["obligations"]
    unprovoked = _json(*args, "--unprovoked")["obligations"]
    provoked = _json(*args, "--provoked")["obligations"]

    def verdict(rows, treaty, obligor):
        return {o["verdict"] for o in rows if o["treaty"] == treaty and o["obligor"] == obligor
                and o["kind"] == "defense"}

    # France's 1925 guarantee (ATOP 2135) excludes attacks Poland provoked.
    assert verdict(unstated, "atop-2135", "FRA") == {"uncertain"}
    assert verdict(unprovoked, "atop-2135", "FRA") == {"triggered"}
    assert verdict(provoked, "atop-2135", "FRA") == {"not_triggered"}
    uk = [o for o in unstated if o["treaty"] == "atop-2440" and o["verdict"] == "triggered"]
    assert uk and uk[0]["obligor"] == "GBR"
    # the id stays atop-<n>; the title and article read as what they are
    assert uk[0]["treaty_title"] == "United Kingdom–Poland alliance of 1939 (ATOP 2440)"
    assert {o["article"] for o in uk} == {"defence pledge by United Kingdom (ATOP-coded)",
                                          "consultation pledge by United Kingdom (ATOP-coded)"}


@needs_shared("data", "atop-4.01")
def test_frames_dyad_years_with_similarity_writes_a_complete_file(tmp_path):
    import polars as pl

    out = tmp_path / "dyads.csv"
    result = runner.invoke(app, ["frames", "dyad-years", "--atop", str(ATOP), "--states",
                                 str(SHARED / "data" / "peacesciencer" / "cow_states.csv"),
                                 "--from", "1990", "--to", "1991", "--similarity", "-o",
                                 str(out)])
    assert result.exit_code == 0, result.output
    frame = pl.read_csv(out)
    assert {"s_unweighted", "kappa", "tau_b"} <= set(frame.columns)
    usa_can = frame.filter((pl.col("ccode1") == 2) & (pl.col("ccode2") == 20))
    assert usa_can.height == 2 and usa_can["atop_defense"].to_list() == [1, 1]
    assert (usa_can["s_unweighted"] > 0).all()


def test_error_frames_weights_without_similarity_writes_nothing(tmp_path):
    out = tmp_path / "dyads.csv"
    weights = tmp_path / "w.csv"
    weights.write_text("ccode,year,weight\n2,1990,0.2\n", encoding="utf-8")
    result = runner.invoke(app, ["frames", "dyad-years", "--atop", str(ATOP), "--states",
                                 str(SHARED / "data" / "peacesciencer" / "cow_states.csv"),
                                 "--weights", str(weights), "-o", str(out)])
    assert result.exit_code == 2 and "--similarity" in result.output
    assert not out.exists()


def test_a_scenario_file_from_the_command_line(tmp_path):
    from casus.reasoner.scenario import SCENARIOS

    data = _json("--scenario", str(SCENARIOS / "kursk-2025.yaml"))
    assert any(o["treaty"] == "rus-prk-2024" and o["verdict"] == "triggered"
               for o in data["obligations"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("events:\n  - date: 2024-13-01\n    attackers: [UKR]\n    target: RUS\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["obligations", "--scenario", str(bad)])
    assert result.exit_code != 0 and f"{bad}:2" in result.output


def _problem_lines(output: str) -> dict[str, str]:
    """The option → its line, from an 'N problems with the options' message."""
    return {line.split(":", 1)[0]: line for line in
            (raw.strip() for raw in output.splitlines()) if line.startswith("--")}


BAD = {"--attacker": "Rusia", "--target": "Atlantis", "--date": "2024-13-45",
       "--place": "Kursk Oblsat"}


@pytest.mark.parametrize("command", ["obligations", "cascade"])
def test_error_every_bad_event_option_is_reported_at_once(command: str) -> None:
    args = [x for option, value in BAD.items() for x in (option, value)]
    result = runner.invoke(app, [command, *args])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{len(BAD)} problems with the options" in result.output
    lines = _problem_lines(result.output)
    assert set(lines) == set(BAD), result.output
    for option, value in BAD.items():
        assert repr(value) in lines[option], lines[option]
    # the resolver's close matches come along: a misspelt state, an unknown one
    assert "Did you mean" in lines["--attacker"] and "RUS" in lines["--attacker"]
    assert "Did you mean" in lines["--target"]
    assert "month must be in 1..12" in lines["--date"]
    assert "Kursk Oblast" in lines["--place"]   # a typo of a known place: refused with it


def test_error_bad_and_missing_options_together_and_the_kind() -> None:
    result = runner.invoke(app, ["obligations", "--target", "Atlantis", "--kind", "invasion"])
    assert result.exit_code == 2
    lines = _problem_lines(result.output)
    assert "'Atlantis'" in lines["--target"] and "'invasion'" in lines["--kind"]
    assert "missing --attacker, --date" in result.output and "3 problems" in result.output


def test_error_one_bad_option_is_one_line_naming_it() -> None:
    result = runner.invoke(app, ["cascade", "--attacker", "Russia", "--target", "Estonia",
                                 "--date", "2026-02-30"])
    assert result.exit_code == 2 and "problems" not in result.output
    assert "--date: bad date '2026-02-30'" in " ".join(result.output.split())


def test_error_bad_options_are_reported_before_any_file_is_read(tmp_path) -> None:
    # an empty --registry folder is an error too, but only once the options are good
    args = ["--attacker", "Russia", "--target", "Atlantis", "--date", "2026-01-15",
            "--registry", str(tmp_path)]
    for command in ("obligations", "cascade"):
        result = runner.invoke(app, [command, *args])
        assert result.exit_code == 2 and "'Atlantis'" in result.output
        assert "no treaty files" not in result.output
    good = runner.invoke(app, ["obligations", *args[:3], "Estonia", *args[4:]])
    assert good.exit_code == 2 and "no treaty files" in good.output


def test_error_cascade_rule_and_draws_join_the_event_options() -> None:
    result = runner.invoke(app, ["cascade", "--attacker", "Russia", "--target", "Atlantis",
                                 "--date", "2026-01-15", "--rule", "nonsense=1",
                                 "--draws", "0"])
    assert result.exit_code == 2 and "3 problems with the options" in result.output
    text = " ".join(result.output.split())
    assert "'Atlantis'" in text and "--rule 'nonsense=1'" in text and "--draws 0" in text


def test_error_obligations_obligor_joins_the_event_options() -> None:
    result = runner.invoke(app, ["obligations", "--attacker", "Russia", "--target", "Estonia",
                                 "--date", "2026-02-30", "--obligor", "Atlantis"])
    assert result.exit_code == 2 and "2 problems with the options" in result.output
    lines = _problem_lines(result.output)
    assert "'Atlantis'" in lines["--obligor"] and "'2026-02-30'" in lines["--date"]
