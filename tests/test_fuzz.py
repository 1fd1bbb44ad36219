"""Fuzzing kept in the suite: malformed treaty files and bad command lines.

Every generated treaty file (``fuzz_cases.treaty_files``, >= 300) is either accepted and valid,
or rejected with its file and line (and field, where the problem is a field's) — never another
exception, never a hang, never a partial load. Every bad command line (>= 200) exits 0, 1 or 2
with a message, never a traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DataError
from casus.model.load import checked_treaty
from casus.model.registry import validate_paths
from conftest import EXAMPLE, SHARED, needs_shared
from fuzz_cases import cli_invocations, treaty_files

FILES = treaty_files()
CALLS = cli_invocations()
# Problems about the whole file, which have no line.
WHOLE_FILE = ("not a regular file", "too large", "cannot read", "a treaty file must be")
# Problems the reader finds before any field exists (they have a line, not a field).
READER = ("YAML syntax", "alias", "anchor", "tag ", "merge key", "control character",
          "not UTF-8", "nesting deeper", "a key must be", "bad value", "unreadable",
          "YAML error", "a treaty file must be")


def test_there_are_enough_cases() -> None:
    assert len(FILES) >= 300 and len(CALLS) >= 200
    assert len({name.split("-")[0] for name, _ in FILES}) >= 9


def test_fuzz_treaty_files_accepted_and_valid_or_rejected_with_file_and_line(
        tmp_path: Path) -> None:
    outcomes: Counter[str] = Counter()
    slowest = 0.0
    for name, data in FILES:
        path = tmp_path / "rus-prk-2024.yaml"
        path.write_bytes(data)
        t0 = time.perf_counter()
        try:
            treaty, _ = checked_treaty(path, places=False)
        except DataError as e:
            outcomes["rejected"] += 1
            assert e.problems, name
            for p in e.problems:
                assert p.file == str(path), (name, p)
                if not p.message.startswith(WHOLE_FILE):
                    assert p.line is not None and p.line >= 1, (name, p)
                if not p.message.startswith(READER) and not p.message.startswith(WHOLE_FILE):
                    assert p.field, (name, p)
        else:
            outcomes["accepted"] += 1
            assert treaty.id == "rus-prk-2024", name
        slowest = max(slowest, time.perf_counter() - t0)
        assert time.perf_counter() - t0 < 2.0, f"{name} took {time.perf_counter() - t0:.1f} s"
    print(f"\nfuzz treaty files: {len(FILES)} cases, {dict(outcomes)}, "
          f"slowest {slowest * 1000:.0f} ms")
    assert outcomes["rejected"] >= 250 and outcomes["accepted"] >= 1


def test_fuzz_a_bad_file_among_good_ones_loads_nothing(tmp_path: Path) -> None:
    """No partial load: one broken file in a folder, and no registry is returned at all."""
    bad = dict(FILES)["date-0"]
    (tmp_path / "rus-prk-2024.yaml").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "other.yaml").write_bytes(bad.replace(b"id: rus-prk-2024", b"id: other"))
    with pytest.raises(DataError) as e:
        validate_paths([tmp_path])
    assert {Path(p.file).name for p in e.value.problems} == {"other.yaml"}


def test_fuzz_cli_never_shows_a_traceback(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    codes: Counter[int] = Counter()
    for args in CALLS:
        result = runner.invoke(app, args)
        exc = result.exception
        assert exc is None or isinstance(exc, SystemExit), (args, repr(exc))
        assert "Traceback" not in result.output, args
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-300:])
        if result.exit_code:
            assert result.output.strip(), args
        codes[result.exit_code] += 1
    print(f"\nfuzz CLI: {len(CALLS)} invocations, exit codes {dict(codes)}")
    assert codes[2] >= 150


# --- kill tests: a frame being written is never left partial --------------------------------

ATOP = SHARED / "data" / "atop-4.01"
STATES = SHARED / "data" / "peacesciencer" / "cow_states.csv"
WRITE = [sys.executable, "-m", "casus", "frames", "dyad-years", "--atop", str(ATOP),
         "--states", str(STATES), "--from", "1816", "--to", "1950", "-o"]


def _loaded(pid: int) -> bool:
    try:
        return "polars" in Path(f"/proc/{pid}/maps").read_text()
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_kill_a_frame_write_at_random_moments_never_leaves_a_partial_file(
        tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src")}
    reference = tmp_path / "reference.csv"
    subprocess.run([*WRITE, str(reference)], check=True, env=env, capture_output=True,
                   timeout=120)
    whole = reference.read_bytes()
    rng = __import__("random").Random(7)
    sigs = [signal.SIGKILL, signal.SIGINT, signal.SIGTERM] * 2
    runs = []
    for i, sig in enumerate(sigs):
        target = tmp_path / f"out{i}.csv"
        if i % 2:
            target.write_bytes(b"old complete file\n")  # an earlier good file
        before = target.read_bytes() if target.exists() else None
        proc = subprocess.Popen([*WRITE, str(target)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        runs.append((proc, sig, target, before, rng.uniform(0.0, 1.5)))
    # Signals land once casus runs (polars loaded): before that the interpreter itself is
    # starting up, and a Ctrl-C there is Python's to report, not casus'.
    for proc, sig, _, _, at in runs:
        deadline = time.monotonic() + 60
        while proc.poll() is None and time.monotonic() < deadline and not _loaded(proc.pid):
            time.sleep(0.02)
        time.sleep(at)
        if proc.poll() is None:
            proc.send_signal(sig)
    killed = 0
    for proc, sig, target, before, _ in runs:
        _, stderr = proc.communicate(timeout=120)
        assert b"Traceback" not in stderr, stderr[-500:]
        if proc.returncode != 0:
            killed += 1
            assert proc.returncode in (-signal.SIGKILL, -signal.SIGTERM, -signal.SIGINT, 130), \
                (sig, proc.returncode, stderr)
        now = target.read_bytes() if target.exists() else None
        assert now in (before, whole), f"{target.name}: partial file after {sig!r}"
    print(f"\nkill tests: {len(runs)} writers, {killed} killed mid-run, none left partial")
    # SIGKILL may leave its temporary file (one is planted, of a writer long gone); the next
    # write to that target removes it
    (tmp_path / ".out0.csv.4194303.abcd.tmp").write_bytes(whole[:1000])
    left = {".".join(Path(t).name.split(".")[1:3]) for t in map(str, tmp_path.glob(".*.tmp"))}
    cleanup = [subprocess.Popen([*WRITE[:-5], "--from", "1900", "--to", "1900", "-o",
                                 str(tmp_path / name)], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for name in sorted(left)]
    assert all(c.wait(timeout=120) == 0 for c in cleanup)
    print(f"{len(left)} temporary file(s) left by SIGKILL, removed by the next run")
    assert not list(tmp_path.glob(".*.tmp")), list(tmp_path.glob(".*"))
