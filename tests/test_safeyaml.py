"""The safe YAML reader every casus data loader uses: bounded, plain, located problems."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from casus._yaml import MAX_BYTES, read_yaml_with_lines
from casus.errors import DataError
from casus.model.load import treaty_from_file
from casus.model.registry import validate_paths
from casus.reasoner.scenario import load_scenario
from conftest import EXAMPLE

BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def _problems(path: Path) -> list:
    with pytest.raises(DataError) as e:
        read_yaml_with_lines(path)
    return e.value.problems


def _write(tmp_path: Path, text: str | bytes, name: str = "x.yaml") -> Path:
    p = tmp_path / name
    p.write_bytes(text if isinstance(text, bytes) else text.encode())
    return p


def test_error_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    """A 412-byte alias bomb (billions of nodes if expanded) is refused without expanding."""
    p = _write(tmp_path, BOMB)
    assert len(BOMB.encode()) < 500
    t0 = time.perf_counter()
    problems = _problems(p)
    assert time.perf_counter() - t0 < 0.5
    assert problems[0].line == 1 and "anchor '&a'" in problems[0].message
    assert any(q.line == 2 and "alias '*a'" in q.message for q in problems)


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\nb: !!python/object:os.system x\n", 2, "tag"),
    ("a: 1\nb: !!binary aGVsbG8=\n", 2, "tag"),
    ("a: 1\nb: !custom x\n", 2, "tag"),
    ("base: {x: 1}\nc:\n  <<: {x: 2}\n", 3, "merge key"),
    ("a: &x 1\n", 1, "anchor"),
    ("a: 1\nb: [1,*x]\n", 2, "alias"),
])
def test_error_plain_yaml_only(tmp_path: Path, text: str, line: int, words: str) -> None:
    problems = _problems(_write(tmp_path, text))
    assert problems[0].line == line and words in problems[0].message


def test_error_deep_nesting_refused_not_crashed(tmp_path: Path) -> None:
    """libyaml's composer recurses in C: 100,000 '[' would crash the interpreter."""
    for text in ("[" * 100_000 + "]" * 100_000, "- " * 100_000 + "x\n"):
        problems = _problems(_write(tmp_path, text))
        # casus' own depth limit, or PyYAML's (6.0.4 and later refuse deep flow nesting first)
        assert "nesting" in problems[0].message and problems[0].line == 1


def test_error_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    t0 = time.perf_counter()
    assert "named pipe" in _problems(fifo)[0].message
    assert time.perf_counter() - t0 < 1
    assert "character device" in _problems(Path("/dev/zero"))[0].message
    assert "folder" in _problems(tmp_path)[0].message


def test_error_too_large_checked_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    with p.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing to read, the size alone refuses it
    assert "too large" in _problems(p)[0].message


def test_error_control_characters_and_bad_bytes_have_lines(tmp_path: Path) -> None:
    problems = _problems(_write(tmp_path, "a: 1\nb: x\x01y\nc: \x1b[31m\n"))
    assert [(q.line, "U+0001" in q.message or "U+001B" in q.message) for q in problems] == [
        (2, True), (3, True)]
    problems = _problems(_write(tmp_path, "a: 1\nb: caf\xe9\n".encode("latin-1")))
    assert problems[0].line == 2 and "not UTF-8" in problems[0].message
    problems = _problems(_write(tmp_path, "a: 1\n".encode("utf-16")))
    assert "UTF-16" in problems[0].message
    problems = _problems(_write(tmp_path, "a: 1\nb: x\x85y\n"))
    assert problems[0].line == 2 and "U+0085" in problems[0].message


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    data, _ = read_yaml_with_lines(_write(tmp_path, "\ufeffa: 1\n".encode()))
    assert data == {"a": 1}


def test_error_problem_list_is_capped(tmp_path: Path) -> None:
    text = "".join(f"k{i}: *a{i}\n" for i in range(300))
    with pytest.raises(DataError) as e:
        read_yaml_with_lines(_write(tmp_path, text))
    assert e.value.count == 300 and len(e.value.problems) == 50
    assert "... and 250 more" in e.value.message


def test_error_syntax_error_has_line(tmp_path: Path) -> None:
    problems = _problems(_write(tmp_path, "a: 1\nb: [1, 2\nc: 3\n"))
    assert problems[0].line is not None and "syntax" in problems[0].message


def test_treaty_and_scenario_loaders_use_the_safe_reader(tmp_path: Path) -> None:
    bomb = _write(tmp_path, BOMB, "bomb.yaml")
    for load in (treaty_from_file, load_scenario):
        with pytest.raises(DataError, match="anchor"):
            load(bomb)
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DataError, match="named pipe"):
        load_scenario(fifo)


def test_upper_case_and_yml_suffixes_are_read_not_skipped(tmp_path: Path) -> None:
    """A folder's X.YAML and x.yml are treaty files too (an old glob skipped X.YAML)."""
    (tmp_path / "rus-prk-2024.YAML").write_bytes(EXAMPLE.read_bytes())
    reg = validate_paths([tmp_path])
    assert list(reg.treaties) == ["rus-prk-2024"]
    (tmp_path / "other.yml").write_text("id: [\n")
    with pytest.raises(DataError, match=r"other\.yml"):
        validate_paths([tmp_path])
