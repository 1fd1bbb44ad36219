"""YAML with the line of every value: the reader treaty files, scenarios and the gazetteer's
data files share.

The text is read in one pass over PyYAML's node tree with a safe loader, so every value keeps
the line it was written on. Dates are left as text for the caller to parse (PyYAML would
otherwise crash on ``2024-13-45`` before anyone could say which field is wrong). Kept apart
from :mod:`casus.model.load` so reading a data file does not import the treaty model.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml

from casus.errors import DataError, Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _NoDates(_Loader):  # type: ignore[misc, valid-type]
    """A safe loader that keeps dates as strings."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}

Path_ = tuple[str | int, ...]


def read_yaml_with_lines(path: Path) -> tuple[object, dict[Path_, int]]:
    """Parse a YAML file; return its data and the 1-based line of every value by path."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        raise DataError([Problem(str(path), f"not UTF-8 text ({e.reason})")]) from e
    except OSError as e:
        raise DataError([Problem(str(path), f"cannot read: {e.strerror}")]) from e
    return yaml_with_lines(text, str(path))


def yaml_with_lines(text: str, file: str) -> tuple[object, dict[Path_, int]]:
    """Parse YAML text (named ``file`` in problems); its data and the line of every value."""
    try:
        node = yaml.compose(text, Loader=_NoDates)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark
        line = mark.line + 1 if mark else None
        raise DataError([Problem(file, f"YAML syntax error: {e.problem}", line)]) from e
    lines: dict[Path_, int] = {}
    loader = _NoDates("")

    def build(n: yaml.Node, at: Path_) -> object:
        lines[at] = n.start_mark.line + 1
        if isinstance(n, yaml.MappingNode):
            out: dict = {}
            for k, v in n.value:
                key = loader.construct_object(k) if isinstance(k, yaml.ScalarNode) else str(k)
                if key in out:
                    raise DataError([Problem(file, f"duplicate key {key!r}",
                                             k.start_mark.line + 1, dotted((*at, key)))])
                lines[(*at, key)] = k.start_mark.line + 1
                out[key] = build(v, (*at, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(v, (*at, i)) for i, v in enumerate(n.value)]
        return loader.construct_object(n)

    data = None if node is None else build(node, ())
    return data, lines


def dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
