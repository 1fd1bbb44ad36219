"""Fuzzing kept in the suite: malformed treaty files and bad command lines.

Every generated treaty file (``treaty_files()``, >= 300) is either accepted and valid,
or rejected with its file and line (and field, where the problem is a field's) — never another
exception, never a hang, never a partial load. Every bad command line (>= 200) exits 0, 1 or 2
with a message, never a traceback.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DataError
from casus.model.load import checked_treaty
from casus.model.registry import validate_paths
from conftest import EXAMPLE, SHARED, needs_shared

# --- generators of malformed input (deterministic: a fixed seed) -------------------------

SEED = 20261207
BASE = EXAMPLE.read_text(encoding="utf-8")

BAD_DATES = ["2024-13-01", "2024-02-30", "0000-01-01", "1500-01-01", "3000-01-01", "2024",
             "20240619", "2024-6-19", "yesterday", "''", "null", "2024-06-19T00:00", "-1",
             "2024-06-19 12:00", "[2024, 6, 19]", "{y: 2024}", "1647-12-31", "9999-12-31"]
BAD_STATES = ["XXX", "Russia", "rus", "R U S", "''", "123", "COW99999", "[]", "{a: b}",
              "null", "true", "SU N", "[red]RUS", "'RUS '", "ÆØÅ", "'\u202eRUS'"]
TYPE_SWAPS = [
    ("schema_version: 1", ["schema_version: true", "schema_version: '1'", "schema_version: 1.0",
                           "schema_version: [1]", "schema_version: 2", "schema_version: null"]),
    ("    holds: true", ["    holds: 'yes'", "    holds: 1", "    holds: null",
                         "    holds: [true]", "    holds: yes please"]),
    ('  - article: "4"', ["  - article: 4", "  - article: [4]", "  - article: {a: 1}",
                          "  - article: null", "  - article: 4.0"]),
    ("    invoked: true", ["    invoked: 'true'", "    invoked: 0", "    invoked: ~"]),
    ("  sources: [interfax-eif]", ["  sources: interfax-eif", "  sources: []",
                                   "  sources: [1]", "  sources: {a: b}", "  sources: null"]),
    ("    strength: automatic", ["    strength: 3", "    strength: AUTOMATIC",
                                 "    strength: [automatic]", "    strength: ''"]),
    ("    url: https://tass.com/politics/1804627", ["    url: 42", "    url: [a]",
                                                    "    url: not a url", "    url: ftp:x"]),
]
SEMANTIC = [
    ("  date: 2024-12-04\n  note: instruments", "  date: 2024-01-04\n  note: instruments"),
    ("supersedes: [rus-prk-2000]", "supersedes: [rus-prk-2024]"),
    ("supersedes: [rus-prk-2000]", "supersedes: [no-such-treaty]"),
    ("    kind: non_aggression\n    strength: abstention",
     "    kind: non_aggression\n    strength: automatic"),
    ("    kind: defense\n    trigger: armed_attack\n    strength: automatic",
     "    kind: defense\n    trigger: armed_attack\n    strength: abstention"),
    ("    kind: defense\n    trigger: armed_attack\n", "    kind: defense\n"),
    ("  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}",
     "  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}\n"
     "  - {state: PRK, joined: 2025-01-01, sources: [interfax-eif]}"),
    ("  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}",
     "  - {state: PRK, joined: 2024-12-04, successor_of: SUN, sources: [interfax-eif]}"),
    ("  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}",
     "  - {state: PRK, joined: 2024-12-04, left: 2024-01-01, left_via: withdrawal, "
     "sources: [interfax-eif]}"),
    ("  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}",
     "  - {state: PRK, joined: 2024-12-04, sources: [nowhere]}"),
    ("  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}",
     "  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}\n"
     "  - {state: USA, joined: 2024-05-01, via: accession, sources: [interfax-eif]}"),
    ("    conditions:\n      attacker: state",
     "    directions: [{obligor: RUS, beneficiary: RUS}]\n    conditions:\n      attacker: state"),
    ("    conditions:\n      attacker: state",
     "    directions: [{obligor: RUS, beneficiary: CHN}]\n    conditions:\n      attacker: state"),
    ("    publisher: NHK World", "    publisher: '   '"),
    ("    text_status: paraphrase\n    scope: {anywhere: true}\n    sources: [nhk-art8]",
     "    text_status: paraphrase\n    scope: {anywhere: true, areas: [{label: x}]}\n"
     "    sources: [nhk-art8]"),
    ("  - article: \"4\"\n    question", "  - article: \"99\"\n    question"),
    ("id: rus-prk-2024", "id: Rus_PRK"),
    ("id: rus-prk-2024", "id: other-id"),
    ("id: rus-prk-2024", "id: rus-prk-2024\nid: rus-prk-2024"),
    ("summary: >-", "colour: red\nsummary: >-"),
    ("title: >-", "title: ''\nold_title: >-"),
    ("members:\n", "members: []\nold_members:\n"),
    ("    question: state_of_war\n",
     "    question: place_in_scope\n    places: [no-such-place]\n"),
]
INSERTS = list(":[]{}-#&*!|>'\"%@`\t,?\\")


def _dates(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    spots = [m.start(1) for m in re.finditer(r"(?:date|joined|left|start): (\d{4}-\d{2}-\d{2})",
                                             BASE)]
    for i in range(36):
        at = rng.choice(spots)
        yield f"date-{i}", (BASE[:at] + rng.choice(BAD_DATES) + BASE[at + 10:]).encode()


def _states(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    spots = [m.start(1) for m in re.finditer(r"(?:state: |by: \[)(RUS|PRK)", BASE)]
    for i in range(36):
        at = rng.choice(spots)
        yield f"state-{i}", (BASE[:at] + rng.choice(BAD_STATES) + BASE[at + 3:]).encode()


def _types(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    i = 0
    for old, news in TYPE_SWAPS:
        for new in news:
            yield f"type-{i}", BASE.replace(old, new, 1).encode()
            i += 1
    while i < 36:
        old, news = rng.choice(TYPE_SWAPS)
        yield f"type-{i}", BASE.replace(old, rng.choice(news)).encode()
        i += 1


def _syntax(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for i in range(40):
        at = rng.randrange(len(BASE))
        if i % 4 == 0:
            text = BASE[:at]  # truncated
        elif i % 4 == 1:
            text = BASE[:at] + "\t" + BASE[at:]
        elif i % 4 == 2:
            text = BASE[:at] + rng.choice(INSERTS) * rng.randint(1, 3) + BASE[at:]
        else:
            line_start = BASE.rfind("\n", 0, at) + 1
            text = BASE[:line_start] + " " * rng.randint(1, 3) + BASE[line_start:]
        yield f"syntax-{i}", text.encode()


def _tags(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    tags = ["!!python/object/apply:os.system ['true']", "!!binary aGVsbG8=", "!foo x",
            "!!str 2024-06-19", "!!timestamp 2024-06-19", "!<tag:yaml.org,2002:str> x",
            "! x", "!!set {a, b}", "!!omap [a: 1]", "!!python/name:os.system"]
    spots = [m.end() for m in re.finditer(r"\n  (?:date|publisher|term): ", BASE)]
    for i in range(32):
        at = rng.choice(spots)
        yield f"tag-{i}", (BASE[:at] + rng.choice(tags) + BASE[BASE.index("\n", at):]).encode()


def _aliases(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    bomb = "".join(f"{k}: &{k} [{', '.join([f'*{p}'] * 9)}]\n"
                   for k, p in zip("bcdefghij", "abcdefghi", strict=True))
    forms = [
        lambda: BASE.replace("  sources: [kcna-text]", "  sources: &s [kcna-text]", 1)
        .replace("  sources: [interfax-eif]\nsupersedes", "  sources: *s\nsupersedes", 1),
        lambda: "a: &a [lol, lol, lol]\n" + bomb + BASE,
        lambda: BASE.replace("duration:\n", "duration:\n  <<: {term: x}\n", 1),
        lambda: BASE + "\nx: *undefined\n",
        lambda: BASE.replace("signed:\n", "signed: &x\n", 1),
        lambda: "[" * rng.randint(70, 50_000) + "]" * 10,
        lambda: "- " * rng.randint(70, 50_000) + "x\n",
        lambda: BASE.replace("members:\n", "members: &m\n", 1) + "more: *m\n",
    ]
    for i in range(32):
        yield f"alias-{i}", forms[i % len(forms)]().encode()


def _binary(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for i in range(32):
        kind = i % 4
        if kind == 0:
            data = rng.randbytes(rng.randint(1, 4000))
        elif kind == 1:
            data = b"\x89PNG\r\n\x1a\n" + rng.randbytes(200)
        elif kind == 2:
            at = rng.randrange(len(BASE))
            data = (BASE[:at] + chr(rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0x9f]))
                    + BASE[at:]).encode()
        else:
            data = b"\x00" * rng.randint(1, 100) + BASE.encode()
        yield f"binary-{i}", data


def _encodings(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    text = BASE.replace("KCNA (via KCNA Watch)", "KCNA — Pyongyang, Corée")
    for i in range(32):
        kind = i % 6
        if kind == 0:
            data = text.encode("utf-16")
        elif kind == 1:
            data = text.encode("cp1252", errors="replace")  # the base quotes Russian
        elif kind == 2:
            data = text.encode("latin-1", errors="replace")
        elif kind == 3:
            data = b"\xef\xbb\xbf" + text.encode()  # UTF-8 BOM: accepted
        elif kind == 4:
            raw = bytearray(text.encode())
            raw.insert(rng.randrange(len(raw)), rng.choice([0x80, 0xC3, 0xFF, 0xFE, 0xED]))
            data = bytes(raw)
        else:
            data = text.encode("utf-32")
        yield f"encoding-{i}", data


def _semantic(rng: random.Random) -> Iterator[tuple[str, bytes]]:
    for i, (old, new) in enumerate(SEMANTIC):
        assert old in BASE, old
        yield f"semantic-{i}", BASE.replace(old, new, 1).encode()
    lines = BASE.splitlines(keepends=True)
    for i in range(len(SEMANTIC), 40):
        at = rng.randrange(len(lines))
        yield f"semantic-{i}", "".join(lines[:at] + lines[at + 1:]).encode()  # a line dropped
    for i, text in enumerate(["", "[]", "42", "null", "- a\n- b\n", "'text'", "{}", "---\n---\n"]):
        yield f"shape-{i}", text.encode()


def treaty_files() -> list[tuple[str, bytes]]:
    """Every generated file as (case name, bytes); at least 300."""
    rng = random.Random(SEED)
    out: list[tuple[str, bytes]] = []
    for family in (_dates, _states, _types, _syntax, _tags, _aliases, _binary, _encodings,
                   _semantic):
        out += list(family(rng))
    return out


def cli_invocations() -> list[list[str]]:
    """Bad (and a few good) command lines for every command; at least 200."""
    rng = random.Random(SEED + 1)
    states = ["Russia", "RUS", "N. Korea", *BAD_STATES[:10], "Not Russia", "Russia; DROP TABLE",
              "South Sudan or Sudan", "x" * 300, "", " ", "non-state:", "non-state:al-Qaeda",
              "[/foo]", "Russia,Russia", "RUS,UKR,RUS"]
    dates = ["2024-08-06", *BAD_DATES[:10], "today", "", "2024-02-29", "1500-01-01"]
    places = ["Kursk Oblast", "", " ", "Atlantis", "91,0", "0,181", "nan,nan", "1e999,0",
              "[red]x", "Kursk Oblats", "12.5", "a" * 500]
    kinds = ["armed_attack", "invasion", "", "threat", "declaration-of-war", "[b]x"]
    out: list[list[str]] = []
    for _ in range(120):
        args = ["obligations", "--attacker", rng.choice(states), "--target", rng.choice(states),
                "--date", rng.choice(dates)]
        if rng.random() < 0.5:
            args += ["--place", rng.choice(places)]
        if rng.random() < 0.3:
            args += ["--kind", rng.choice(kinds)]
        if rng.random() < 0.2:
            args += ["--format", rng.choice(["json", "xml", ""])]
        out.append(args)
    files = ["/dev/null", "/dev/zero", "/proc/self/status", "no-such-file.yaml", "/",
             "a/" * 2000 + "x.yaml", "[red]x.yaml", "/etc/passwd"]
    for f in files:
        out += [["obligations", "--scenario", f], ["validate", f], ["read", f],
                ["treaty", "list", "--registry", f], ["obligations", "--scenario", f,
                                                       "--target", "RUS"]]
    ids = ["[/foo]", "[red]nato", "", " ", "nato-1949", "NATO", "x" * 1000, ":100:", "../x",
           "rus-prk-2025"]
    for i in ids:
        out += [["treaty", "show", i], ["treaty", "compare", i], ["treaty", "compare", i, i],
                ["treaty", "list", "--party", i], ["treaty", "list", "--in-force-on", i]]
    for port in ["70000", "-1", "0", "abc", "1e3", ""]:
        out.append(["serve", "--port", port])
    for a, b in [("1700", "1701"), ("1900", "1800"), ("abc", "1900"), ("-5", "1900"),
                 ("99999", "1900")]:
        out.append(["frames", "dyad-years", "--atop", "/nonexistent", "--from", a, "--to", b,
                    "-o", "/nonexistent/x.csv"])
    out += [["history", "activations", "--atop", "/nonexistent", "--wars", "/nonexistent",
             "-o", "x.csv"], ["no-such-command"], ["treaty"], ["--version"],
            ["obligations"], ["obligations", "--attacker", "RUS"], ["validate"],
            ["treaty", "list", "--bogus"]]
    return out


# --- the tests ------------------------------------------------------------------------------

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
