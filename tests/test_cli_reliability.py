"""The CLI never shows a traceback: user values print as typed, OS errors name the path and the
reason (exit 2), ranges are checked by the option parser, Ctrl-C exits 130 with one line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from conftest import EXAMPLE, SHARED, needs_shared

runner = CliRunner()
ATOP = SHARED / "data" / "atop-4.01"
STATES = SHARED / "data" / "peacesciencer" / "cow_states.csv"


def _run(*args: str):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("value", ["[/foo]", "[red]nato", "[bold]x[/bold]", ":100:"])
def test_error_user_values_print_as_typed_not_as_markup(value: str) -> None:
    result = _run("treaty", "show", value)
    assert result.exit_code == 2 and repr(value) in result.output


def test_error_a_problem_on_line_100_is_not_an_emoji(tmp_path: Path) -> None:
    text = ["# padding"] * 99 + ["bogus: 1", *EXAMPLE.read_text().splitlines()]
    bad = tmp_path / "rus-prk-2024.yaml"
    bad.write_text("\n".join(text) + "\n")
    result = _run("validate", str(bad))
    assert result.exit_code == 1 and "rus-prk-2024.yaml:100: bogus" in result.output


def test_error_port_out_of_range_is_refused_by_the_option_parser() -> None:
    result = _run("serve", "--port", "70000")
    assert result.exit_code == 2 and "--port" in result.output


def test_error_empty_registry_folder(tmp_path: Path) -> None:
    result = _run("treaty", "list", "--registry", str(tmp_path))
    assert result.exit_code == 2 and "no treaty files" in result.output


def test_error_overlong_input_path_names_the_reason() -> None:
    result = _run("obligations", "--scenario", "a/" * 3000 + "x.yaml")
    assert result.exit_code in (1, 2) and "too long" in result.output


def test_ctrl_c_exits_130_with_one_line(monkeypatch) -> None:
    import casus.model.registry as registry

    def interrupt(*_a, **_k):
        raise KeyboardInterrupt

    monkeypatch.setattr(registry, "load_registry", interrupt)
    result = _run("treaty", "list")
    assert result.exit_code == 130
    assert len(result.output.strip().splitlines()) == 1 and "interrupted" in result.output


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
@pytest.mark.parametrize("where", ["folder", "dir_named_csv", "long_name", "missing_folder",
                                   "proc"])
def test_error_output_path_problems_exit_2_with_path_and_reason(tmp_path: Path,
                                                                  where: str) -> None:
    out = {"folder": tmp_path / "ro" / "x.csv", "dir_named_csv": tmp_path / "x.csv",
           "long_name": tmp_path / ("a" * 300 + ".csv"),
           "missing_folder": tmp_path / "nope" / "x.csv",
           "proc": Path("/proc/self/x.csv")}[where]
    if where == "folder":
        out.parent.mkdir()
        out.parent.chmod(0o555)
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder")
    if where == "dir_named_csv":
        out.mkdir()
    result = _run("frames", "dyad-years", "--atop", str(ATOP), "--states", str(STATES),
                  "--from", "1900", "--to", "1900", "-o", str(out))
    assert result.exit_code == 2, result.output
    assert "cannot write" in result.output or "does not exist" in result.output
    assert not list(tmp_path.glob(".*.tmp"))


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_error_year_range_with_no_data_or_reversed(tmp_path: Path) -> None:
    base = ["frames", "dyad-years", "--atop", str(ATOP), "--states", str(STATES),
            "-o", str(tmp_path / "x.csv")]
    result = _run(*base, "--from", "1700", "--to", "1701")
    assert result.exit_code == 2 and "no dyad-years in 1700–1701" in result.output
    result = _run(*base, "--from", "1900", "--to", "1800")
    assert result.exit_code == 2 and "after --to" in result.output
    result = _run(*base, "--from", "99999")
    assert result.exit_code == 2 and "--from" in result.output
    assert not (tmp_path / "x.csv").exists()  # no header-only file for a range with no data


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_error_atop_folder_with_two_candidate_files(tmp_path: Path) -> None:
    for name in ("atop-member-level.csv", "atop-alliance-level.csv"):
        shutil.copy(ATOP / name, tmp_path / name)
    shutil.copy(ATOP / "atop-alliance-level.csv", tmp_path / "old-alliance-level.csv")
    result = _run("obligations", "--attacker", "Germany", "--target", "France", "--date",
                  "1914-08-03", "--atop", str(tmp_path))
    assert result.exit_code in (1, 2) and "old-alliance-level.csv" in result.output


@pytest.mark.parametrize("args", [
    ["validate", "/nonexistent/x.yaml"], ["validate", "/dev/zero"],
    ["obligations", "--scenario", "/nonexistent.yaml"], ["obligations", "--scenario", "/tmp"],
    ["treaty", "list", "--registry", "/nonexistent"], ["read", "/nonexistent"],
    ["validate", "a" * 300 + ".yaml"],
])
def test_error_an_input_path_that_cannot_be_read_exits_2_with_path_and_reason(args) -> None:
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert args[-1][:40] in result.output and ("no such" in result.output.lower()
                                              or "not a regular file" in result.output
                                              or "too long" in result.output)
