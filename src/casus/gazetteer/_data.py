"""Reading the gazetteer's data files: YAML with the line of every value, problems collected.

The files in ``casus/gazetteer/data/`` are read like treaty files (:mod:`casus._yaml`):
dates stay text until a checker parses them, every value keeps its line, and checkers add
:class:`~casus.errors.Problem` s (file:line, field path, message) to one :class:`Problems`, which
raises a single :class:`~casus.errors.DataError` listing all of them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib.resources import files
from typing import TypeVar

from casus._yaml import dotted, yaml_with_lines
from casus.errors import DataError, Problem

T = TypeVar("T")

SCHEMA_VERSION = 1
_DIR = "data"

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class DataFile:
    """One parsed data file: its name (as problems show it), its data and its lines."""

    name: str
    data: object
    lines: dict[Path_, int] = field(repr=False)

    @classmethod
    def from_text(cls, text: str, name: str = "gazetteer/data/test.yaml") -> DataFile:
        data, lines = yaml_with_lines(text, name)
        return cls(name, data, lines)

    def line(self, at: Path_) -> int | None:
        """The line of the deepest part of ``at`` the file has."""
        while at:
            if at in self.lines:
                return self.lines[at]
            at = at[:-1]
        return self.lines.get(())

    def section(self, key: str) -> object:
        return self.data.get(key) if isinstance(self.data, dict) else None


class Problems:
    """Every problem found in the data files, raised together by :meth:`raise_if_any`."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, f: DataFile, at: Path_, message: str) -> None:
        self.items.append(Problem(f.name, message, f.line(at), dotted(at) or None))

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)


def parsed(name: str, parse: Callable[[DataFile, Problems], T]) -> T:
    """One packaged data file read by ``parse``: every problem in it raised together."""
    problems = Problems()
    found = parse(data_file(name), problems)
    problems.raise_if_any()
    return found


def data_names() -> list[str]:
    """The data files, by name (``seas.yaml``), in a fixed order."""
    folder = files("casus.gazetteer") / _DIR
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))


def data_text(name: str) -> str:
    return (files("casus.gazetteer") / _DIR / name).read_text(encoding="utf-8")


@cache
def data_file(name: str) -> DataFile:
    """One packaged data file, parsed (DataError for a YAML syntax error)."""
    return DataFile.from_text(data_text(name), f"gazetteer/{_DIR}/{name}")


def data_files() -> tuple[DataFile, ...]:
    return tuple(data_file(name) for name in data_names())


def data_digest() -> str:
    """A hash of every data file's name and content (part of the index cache key)."""
    h = hashlib.sha256()
    for name in data_names():
        h.update(name.encode() + b"\0" + data_text(name).encode("utf-8") + b"\0")
    return h.hexdigest()


def check_header(f: DataFile, problems: Problems, sections: set[str]) -> bool:
    """A data file is a mapping with ``schema_version: 1`` and only known sections."""
    if not isinstance(f.data, dict):
        problems.add(f, (), f"a data file must be a mapping with schema_version: "
                            f"{SCHEMA_VERSION}")
        return False
    if f.data.get("schema_version") != SCHEMA_VERSION:
        problems.add(f, ("schema_version",), f"expected schema_version: {SCHEMA_VERSION}")
    for key in set(f.data) - sections - {"schema_version"}:
        problems.add(f, (key,), f"unknown section {key!r}; valid: {', '.join(sorted(sections))}")
    return True


def check_keys(f: DataFile, problems: Problems, at: Path_, entry: dict, valid: set[str]) -> None:
    for key in sorted(set(entry) - valid, key=str):
        problems.add(f, (*at, key), f"unknown field {key!r}; valid fields: "
                                    f"{', '.join(sorted(valid))}")


def as_date(f: DataFile, problems: Problems, at: Path_, value: object) -> date | None:
    """A YYYY-MM-DD date, or a problem (None: absent or bad)."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.add(f, at, f"bad date {value!r} (write YYYY-MM-DD, e.g. 2014-03-18)")
        return None


def check_sources(f: DataFile, problems: Problems, at: Path_, sources: object,
                  what: str = "every curated entry") -> None:
    """Sources are a non-empty list of {url: https://..., publisher: ...}."""
    if not sources or not isinstance(sources, list):
        problems.add(f, at, f"{what} needs sources: [{{url, publisher}}]")
        return
    for j, src in enumerate(sources):
        if not (isinstance(src, dict) and str(src.get("url", "")).startswith("https://")
                and src.get("publisher")):
            problems.add(f, (*at, j), "a source needs url: https://... and publisher:")


def is_number(value: object, low: float, high: float) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) \
        and low <= value <= high
