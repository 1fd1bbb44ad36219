"""The CLI is a thin, documented shell: every command has help, errors never show a traceback."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from casus.cli import app

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
    assert result.exit_code == 1
    assert "no such file" in result.output and "Traceback" not in result.output


def test_the_main_job_answers_the_seed_questions():
    result = runner.invoke(app, ["seed"])
    assert result.exit_code == 0, result.output
    out = result.output
    august, december = out.split("On 2024-08-06", 1)[1].split("On 2024-12-05", 1)
    assert "NOT TRIGGERED: Russia–North Korea pact (2024) Art. 4" in august
    assert "not yet in force" in august
    assert "TRIGGERED: Russia–North Korea pact (2024) Art. 4 (defense, automatic)" in december
    assert "all means in its possession" in december
    assert "full mutual-defence alliance" in " ".join(out.split())
