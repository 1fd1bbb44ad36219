"""The CLI starts fast because it imports only what a command needs; these tests keep it so.

Whole-process timings are benchmarks (benchmarks/bench_cli_startup.py), not tests: here each
command runs in a fresh interpreter and the test reads which heavy libraries it imported, so a
new top-level import that would slow every start-up fails a test instead of going unnoticed.
The quick option coercion that spares commands pydantic is checked against typer's own on
every parameter of every command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from casus.cli import _quick_coercion, app
from conftest import SHARED_DATA, need_shared_file

HEAVY = ("polars", "pandas", "numpy", "pyarrow", "fastapi", "pydantic", "rich", "matplotlib",
         "scipy", "yaml")
SRC = str(Path(__file__).resolve().parents[1] / "src")

# runs ``python -m casus ARGS`` and prints, last, which of HEAVY it imported
_PROBE = """
import json, sys
args, heavy = json.loads(sys.argv[1]), json.loads(sys.argv[2])
sys.argv = ["casus", *args]
try:   # what python -m casus runs, short of its exit (casus.cli.main leaves at once)
    from casus.cli import app
    app(prog_name="casus")
    code = 0
except SystemExit as e:
    code = e.code
print(json.dumps({"code": code, "imported": sorted(m for m in heavy if m in sys.modules)}))
"""


def _imported(*args: str, tmp: Path) -> tuple[object, list[str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
           "XDG_CACHE_HOME": str(tmp / "cache")}
    done = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(HEAVY)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], result["imported"]


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["frames", "--help"],
                                  ["obligations", "--help"]])
def test_help_and_version_import_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    code, imported = _imported(*args, tmp=tmp_path)
    assert code in (0, None)
    assert imported == [], f"casus {' '.join(args)} imported {imported}"


def test_frames_dyad_years_imports_polars_only(tmp_path: Path) -> None:
    atop = need_shared_file(SHARED_DATA / "atop-4.01")
    states = need_shared_file(SHARED_DATA / "peacesciencer" / "cow_states.csv")
    out = tmp_path / "d.parquet"
    code, imported = _imported("frames", "dyad-years", "--atop", str(atop), "--states",
                               str(states), "--from", "1990", "--to", "1991", "-o", str(out),
                               tmp=tmp_path)
    assert code in (0, None) and out.stat().st_size > 0
    assert imported == ["polars"], f"the frames command imported {imported}"



# --- the command leaves without the interpreter's teardown, exit handlers kept -------------

_EXIT_PROBE = """
import atexit, sys
from casus.cli import main
atexit.register(lambda: sys.stderr.write("exit handler ran\\n"))
sys.argv = ["casus", *sys.argv[1:]]
main()
sys.stderr.write("main returned\\n")
"""


@pytest.mark.parametrize(("args", "code", "says"), [
    (["--version"], 0, "casus "),
    (["treaty", "show", "nato-1949", "--format", "json"], 0, '"nato-1949"'),
    (["treaty", "show", "no-such-treaty"], 2, "no-such-treaty"),
    (["obligations", "--target", "Narnia"], 2, "Narnia"),
])
def test_main_exits_with_the_command_code_output_flushed_and_handlers_run(
        args: list[str], code: int, says: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")]),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    with open(tmp_path / "out", "w") as out:   # a file, not a terminal: block-buffered
        done = subprocess.run([sys.executable, "-c", _EXIT_PROBE, *args], stdout=out,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=300)
    printed = (tmp_path / "out").read_text()
    assert done.returncode == code, done.stderr[-2000:]
    assert says in printed + done.stderr
    if args[-1] == "json":
        assert json.loads(printed)["id"] == "nato-1949"   # complete, not cut at a buffer
    assert "exit handler ran" in done.stderr
    assert "main returned" not in done.stderr and "Traceback" not in done.stderr

# --- the quick coercion gives typer's answers --------------------------------------------


def _params():
    """(command path, parameter, its context) for every parameter of every command."""
    def walk(command, path, parent):
        ctx = command.context_class(command, parent=parent, **command.context_settings)
        _quick_coercion(command, ctx)
        for param in [*command.params, command.get_help_option(ctx)]:
            if getattr(param, "type_descriptor", None) is not None:
                yield " ".join(path) + " " + param.name, param, ctx
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name), ctx)

    return list(walk(typer.main.get_command(app), ("casus",), None))


PARAMS = _params()
SAMPLES = ["", "x", "Russia", "[red]nato", "a,b", "\udcff", "-", ".", str(Path(__file__)),
           str(Path(__file__).parent), "/no/such/file.csv", "0", "1816", "+5", "-3", " 7",
           "1_000", "1816.0", "1e3", "0x10", "99999", "١٢", 1816, True, "json", "JSON",
           "text", "triggered", "csv", "not_triggered"]


def _outcome(runtime, value, param, ctx):
    try:
        return "value", runtime._coerce_value(value, param=param, ctx=ctx)
    except Exception as e:  # the error itself is what is compared
        return type(e).__name__, str(getattr(e, "message", e))


@pytest.mark.parametrize("name,param,ctx", PARAMS, ids=[n for n, _, _ in PARAMS])
def test_quick_coercion_answers_as_typer_does(name, param, ctx) -> None:
    coercion = pytest.importorskip("typer._coercion", reason="typer before 0.2x: click types")
    if param.type_descriptor.annotation is bool:
        return  # flags: typer itself skips coercion for their bool values
    quick = param._runtime_param
    assert quick is not None and type(quick).__name__ == "_QuickParam", \
        f"{name} ({param.type_descriptor.annotation}) has no quick coercion: it would import " \
        "pydantic on every run"
    typers = coercion.build_runtime_param(param.type_descriptor)
    many = param.multiple or param.nargs == -1
    for value in SAMPLES:
        value = (value, value) if many else value
        assert _outcome(quick, value, param, ctx) == _outcome(typers, value, param, ctx), \
            f"{name}: {value!r}"


# --- the frames command's inputs, cached between runs ------------------------------------


def test_frames_inputs_come_from_the_cache_only_for_the_same_bytes(tmp_path, monkeypatch):
    import polars as pl

    from casus.errors import DataError
    from casus.frames import pipeline

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    atop = need_shared_file(SHARED_DATA / "atop-4.01" / "atop-member-level.csv")
    states = tmp_path / "states.csv"
    states.write_bytes(need_shared_file(SHARED_DATA / "peacesciencer" / "cow_states.csv")
                       .read_bytes())

    def build() -> pl.DataFrame:
        return pipeline.dyad_year_frame(atop, 1990, 1992, True, states)

    first = build()
    assert sorted(p.name for p in (tmp_path / "cache" / "casus").iterdir()) == [
        "frames-layout.arrow", "frames-spells.arrow", "frames-states.arrow"]

    def unread(*args, **kwargs):
        raise AssertionError("read again, though the files are the same")

    with monkeypatch.context() as m:   # the same bytes: neither file is parsed again
        m.setattr(pipeline, "read_members", unread)
        m.setattr(pipeline, "read_states", unread)
        m.setattr(pipeline, "alliance_layout", unread)
        assert build().equals(first)
        # other arguments, other layout: built again (from the cached inputs), not reused
        with pytest.raises(AssertionError, match="read again"):
            pipeline.dyad_year_frame(atop, 1990, 1993, True, states)
        with pytest.raises(AssertionError, match="read again"):
            pipeline.dyad_year_frame(atop, 1990, 1992, True, states, same_day=True)
    assert pipeline.dyad_year_frame(atop, 1990, 1993, True, states).equals(
        pipeline.dyad_years_with_alliances(states, pipeline.read_members(atop), 1990, 1993))
    assert build().equals(first)

    # a damaged cache file is read again from the sources, not trusted
    for kind in ("spells", "layout"):
        damaged = tmp_path / "cache" / "casus" / f"frames-{kind}.arrow"
        damaged.write_bytes(damaged.read_bytes()[:-100])
        assert build().equals(first)

    # other bytes, other frame: drop Germany (255) from the state list
    lines = states.read_text().splitlines(keepends=True)
    kept = [x for x in lines if ",255," not in x]
    assert len(kept) < len(lines)
    states.write_text("".join(kept))
    with pytest.raises(DataError, match="255"):   # ATOP names 255, now unknown: checked again
        build()
    with pytest.raises(DataError, match="255"):   # and a bad file is never cached
        build()
    # what is not a regular file is left to the reader, which refuses it (never read here)
    with pytest.raises(DataError, match="not found"):
        pipeline.dyad_year_frame(atop, 1990, 1992, True, tmp_path)
