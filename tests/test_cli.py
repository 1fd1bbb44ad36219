"""The CLI is a thin, documented shell: every command has help, errors never show a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from casus.cli import app
from conftest import SHARED, SHARED_DATA, need_shared_file

runner = CliRunner()


def _commands(group, prefix: tuple[str, ...] = ()):
    """Every command and sub-command (typer vendors its own click, so duck-type groups)."""
    for name, cmd in group.commands.items():
        yield (*prefix, name), cmd
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path,cmd", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_text(path, cmd):
    assert (cmd.help or "").strip(), f"casus {' '.join(path)} has no help"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output
    for param in cmd.params:
        if param.param_type_name == "option" and param.name != "help":
            assert (param.help or "").strip(), f"casus {' '.join(path)} {param.opts} has no help"


def test_the_required_commands_exist():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"treaty list", "treaty show", "treaty compare", "validate", "obligations",
            "frames dyad-years", "history activations", "seed"} <= names


def test_error_a_missing_file_is_a_clean_message_not_a_traceback(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2  # a path that is not there is a bad argument (issue 14)
    assert "no such file" in result.output and "Traceback" not in result.output


def test_the_main_job_answers_the_seed_questions():
    result = runner.invoke(app, ["seed"])
    assert result.exit_code == 0, result.output
    out = result.output
    august, december = out.split("On 2024-08-06", 1)[1].split("On 2024-12-05", 1)
    assert any(line.startswith("  NOT TRIGGERED: Russia–North Korea pact (2024) Art. 3, 4")
               and "not yet in force (from 2024-12-04)" in line for line in august.splitlines())
    assert "not yet in force" in august
    assert "TRIGGERED: Russia–North Korea pact (2024) Art. 4 (defense, automatic)" in december
    assert "all means in its possession" in december
    assert "full mutual-defence alliance" in " ".join(out.split())
    assert "What happens next?" in out and "Round 1:" in out  # the cascade closes the answer


def test_the_main_job_fits_on_a_screen():
    """The seed's two answers and the comparison: at most 80 lines of at most 100 columns."""
    done = subprocess.run([sys.executable, "-m", "casus", "seed"], capture_output=True,
                          text=True, env={**os.environ, "COLUMNS": "100"}, timeout=120)
    lines = done.stdout.splitlines()
    assert done.returncode == 0 and len(lines) <= 80, len(lines)
    assert max(len(line) for line in lines) <= 100


SEED = SHARED / "seed"


@pytest.mark.skipif(not SEED.exists(), reason=f"seed article not found at {SEED}")
def test_read_the_seed_article_from_a_file_and_from_stdin():
    path = next(SEED.glob("*.txt"))
    result = runner.invoke(app, ["read", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    signing = [e for e in data["events"] if e["type"] == "signing"]
    assert signing and signing[0]["treaty"] == "rus-prk-2024"
    assert set(signing[0]["parties"]) == {"RUS", "PRK"}
    stances = {r["actor"]: r["stance"] for r in data["reactions"]}
    assert {"UKR", "NATO", "JPN", "KOR", "USA"} <= set(stances)
    assert stances["KOR"] == stances["USA"] == "no_comment"
    ended = [c for c in data["claims"] if "1990" in c["evidence"]["text"]
             and c["verdict"] == "contradicted"]
    assert ended, data["claims"]
    piped = runner.invoke(app, ["read", "-", "--format", "json"], input=path.read_bytes())
    assert json.loads(piped.output)["events"] == data["events"]


def test_error_read_empty_input_exits_2():
    result = runner.invoke(app, ["read", "-"], input=b"")
    assert result.exit_code == 2 and "empty" in result.output


def test_version_cite_and_sources_say_where_the_answers_come_from():
    assert runner.invoke(app, ["--version"]).output.startswith("casus ")
    cited = json.loads(runner.invoke(app, ["cite", "-f", "json"]).output)
    assert "registry of" in cited["casus"] and {d["id"] for d in cited["datasets"]} >= {
        "atop", "rsh", "cow-states"}
    rows = json.loads(runner.invoke(app, ["sources", "rus-prk-2024", "-f", "json"]).output)
    assert rows and all(r["treaty"] == "rus-prk-2024" and r["supports"] for r in rows)
    assert any("Art. 4 (defense)" in r["supports"] for r in rows)
    unknown = runner.invoke(app, ["sources", "rus-prk-2042"])
    assert unknown.exit_code == 2 and "rus-prk-2024" in unknown.output


def test_obligations_filters_and_tables():
    args = ["obligations", "--attacker", "RUS", "--target", "EST", "--date", "2026-03-01"]
    csv_out = runner.invoke(app, [*args, "--treaty", "nato-1949", "--obligor", "Poland",
                                  "-f", "csv"]).output.splitlines()
    assert csv_out[0].startswith("event,date,obligor,beneficiary,treaty")
    assert len(csv_out) == 3 and all(",POL,EST,nato-1949," in r for r in csv_out[1:])
    md = runner.invoke(app, [*args, "--verdict", "triggered", "--obligation-kind", "defense",
                             "-f", "markdown"]).output
    assert md.startswith("| event | date |") and "| consultation |" not in md
    # --kind takes a kind of pledge too (the words do not overlap with the kinds of event)
    same = runner.invoke(app, [*args, "--verdict", "triggered", "--kind", "defense",
                               "-f", "markdown"]).output
    assert same == md
    bad = runner.invoke(app, [*args, "--kind", "invasion"])
    assert bad.exit_code == 2 and "armed_attack" in bad.output


def test_frames_state_years_writes_the_system(tmp_path):
    states = need_shared_file(SHARED_DATA / "peacesciencer" / "cow_states.csv")
    out = tmp_path / "sy.csv"
    result = runner.invoke(app, ["frames", "state-years", "--states", str(states), "--from",
                                 "1816", "--to", "1816", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = out.read_text().splitlines()
    assert rows[0] == "ccode,year" and len(rows) > 20


def test_casus_place_says_whose_a_place_is_and_was_with_its_sources():
    result = runner.invoke(app, ["place", "Malvinas", "--date", "1982-05-01"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Falkland Islands (falkland-islands): territory in")
    assert "on 1982-05-01: sovereign United Kingdom (GBR); held by Argentina (ARG)" in \
        result.output
    assert "sources:" in result.output
    data = json.loads(runner.invoke(app, ["place", "9.73,115.87", "-f", "json"]).output)
    assert data["parent"] == "second-thomas-shoal" and "south-china-sea" in data["lies_within"]


def test_error_casus_place_with_an_unknown_name_suggests_and_exits_2():
    result = runner.invoke(app, ["place", "Senkaku Isles"])
    assert result.exit_code == 2
    assert "senkaku-islands" in result.output and "Traceback" not in result.output



@pytest.mark.parametrize("args", [["place", "Guam"], ["treaty", "show", "nato-1949"]])
def test_error_a_table_format_for_an_answer_that_is_not_a_table_is_a_clean_error(args):
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 2 and "not a table" in result.output
    assert "Traceback" not in result.output
