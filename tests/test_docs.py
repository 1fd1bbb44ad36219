"""The README and docs/*.md examples are run, so they cannot drift from what casus does.

* a ```python block is executed (from the repository root) and must not raise; the blocks of
  one doc share one namespace, in order, like a notebook's cells;
* a ```console block's ``$ casus ...`` lines are run; each line shown under a command must
  appear, in order, in the real output (``...`` marks an omission);
* a block right after ``<!-- output of: COMMAND -->`` is checked the same way against that
  command's output, and one after ``<!-- output of the python block above -->`` against what
  the previous python block printed;
* a ```json block after ``<!-- shape of: COMMAND -->`` names only keys the command's JSON has.

Text is compared with runs of whitespace collapsed, so a terminal's line wrapping does not
matter. Commands that read ``../shared/data`` skip (with the reason printed) when it is absent;
run from a git worktree (or with ``CASUS_SHARED``), ``../shared`` means conftest's ``SHARED``.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import SHARED, SHARED_DATA, need_shared_file

ROOT = Path(__file__).resolve().parents[1]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"(?:<!--\s*(?P<marker>[^>]*?)\s*-->\s*\n)?```(?P<lang>\w*)\n(?P<body>.*?)```",
                   re.S)


@dataclass
class Block:
    doc: Path
    line: int
    lang: str
    body: str
    marker: str | None

    @property
    def where(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def _blocks(doc: Path) -> list[Block]:
    text = doc.read_text(encoding="utf-8")
    return [Block(doc, text.count("\n", 0, m.start("body")), m.group("lang"), m.group("body"),
                  m.group("marker")) for m in FENCE.finditer(text)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def _expect_in(expected: str, actual: str, where: str) -> None:
    """Every shown line appears in the real output, in order (``...``/``…`` lines skipped)."""
    flat, pos = _squash(actual), 0
    for line in expected.splitlines():
        want = _squash(line)
        if not want or want in ("...", "…"):
            continue
        found = flat.find(want, pos)
        assert found >= 0, f"{where}: shown but not in the real output: {line.strip()!r}"
        pos = found + len(want)


def _needs_data(command: str) -> None:
    if "../shared/data" in command or "shared/data" in command:
        need_shared_file(SHARED_DATA)


def _here(text: str) -> str:
    """The docs say ``../shared`` (beside a clone); a worktree finds it elsewhere."""
    if (ROOT.parent / "shared").resolve() == SHARED.resolve():
        return text
    return text.replace("../shared/", f"{SHARED}/")


def _run(command: str) -> str:
    """Run a documented ``casus ...`` command from the repository root; return its output."""
    _needs_data(command)
    command = _here(command)
    argv = shlex.split(command)
    assert argv[0] == "casus", f"only casus commands are run, not {command!r}"
    done = subprocess.run([sys.executable, "-m", "casus", *argv[1:]], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    return done.stdout + done.stderr


def _keys(value: object) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _cases() -> list:
    out = []
    for doc in DOCS:
        blocks = _blocks(doc)
        for i, b in enumerate(blocks):
            if b.lang == "python" or b.lang == "console" or b.marker:
                prev = next((p for p in reversed(blocks[:i]) if p.lang == "python"), None)
                out.append(pytest.param(b, prev, id=b.where))
    return out


@pytest.mark.parametrize(("block", "previous_python"), _cases())
def test_doc_example_is_real(block: Block, previous_python: Block | None) -> None:
    if block.lang == "python":
        _run_python(block)
    elif block.lang == "console":
        commands = re.split(r"^\$ ", block.body, flags=re.M)[1:]
        for chunk in commands:
            command, _, shown = chunk.partition("\n")
            _expect_in(shown, _run(command), block.where)
    if not block.marker:
        return
    marker = block.marker
    if marker == "output of the python block above":
        assert previous_python is not None, f"{block.where}: no python block above"
        printed = _PRINTED.get((previous_python.doc, previous_python.line))
        if printed is None:
            printed = _run_python(previous_python)
        _expect_in(block.body, printed, block.where)
    elif marker.startswith("output of:"):
        _expect_in(block.body, _run(marker.removeprefix("output of:").strip()), block.where)
    elif marker.startswith("shape of:"):
        real = _keys(json.loads(_run(marker.removeprefix("shape of:").strip())))
        shown = set(re.findall(r'"([A-Za-z_][\w]*)"\s*:', block.body))
        assert shown <= real, f"{block.where}: keys not in the real JSON: {shown - real}"


_SESSIONS: dict[Path, tuple[int, dict]] = {}
_PRINTED: dict[tuple[Path, int], str] = {}


def _run_python(block: Block) -> str:
    """Run a python block as a notebook would: after the doc's earlier python blocks, in one
    namespace per doc (kept between tests, rebuilt if a block is run out of order)."""
    earlier = [b for b in _blocks(block.doc) if b.lang == "python" and b.line < block.line]
    done, namespace = _SESSIONS.get(block.doc, (0, {"__name__": "__doc_example__"}))
    if done > len(earlier):
        done, namespace = 0, {"__name__": "__doc_example__"}
    printed = io.StringIO()
    with contextlib.chdir(ROOT):
        for b in [*earlier[done:], block]:
            _needs_data(b.body)
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed):
                exec(compile(_here(b.body), b.where, "exec"), namespace)
            _PRINTED[(b.doc, b.line)] = printed.getvalue()
    _SESSIONS[block.doc] = (len(earlier) + 1, namespace)
    return printed.getvalue()
