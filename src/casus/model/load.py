"""Read treaty files: YAML with line numbers, validated into the model, all problems at once.

A treaty file is read in one pass over PyYAML's node tree, so every value keeps the line it was
written on; pydantic's error locations are then mapped back to those lines. Dates are left as
text for pydantic to parse (PyYAML would otherwise crash on ``2024-13-45`` before we could say
which field is wrong).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from casus.errors import DataError, Problem
from casus.model.treaty import Treaty

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
                                             k.start_mark.line + 1, _dotted((*at, key)))])
                lines[(*at, key)] = k.start_mark.line + 1
                out[key] = build(v, (*at, key))
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(v, (*at, i)) for i, v in enumerate(n.value)]
        return loader.construct_object(n)

    data = None if node is None else build(node, ())
    return data, lines


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_for(loc: tuple, lines: dict[Path_, int]) -> int | None:
    """The line of the deepest part of ``loc`` the file has (validator names are not in it)."""
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def treaty_from_file(path: str | Path) -> Treaty:
    """Validate one treaty file; raise :class:`DataError` listing every problem in it."""
    path = Path(path)
    data, lines = read_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise DataError([Problem(str(path), "a treaty file must be a YAML mapping", 1)])
    try:
        treaty = Treaty.model_validate(data)
    except ValidationError as e:
        raise DataError([_problem(path, err, lines) for err in e.errors()]) from None
    if path.suffix in (".yaml", ".yml") and path.stem != treaty.id:
        raise DataError([Problem(str(path), f"file name must match id ({treaty.id}.yaml)",
                                 lines.get(("id",)), "id")])
    return treaty


def _problem(path: Path, err: dict, lines: dict[Path_, int]) -> Problem:
    loc = tuple(err["loc"])
    msg = err["msg"].removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = f"unknown field {loc[-1]!r}"
    elif err["type"] == "missing":
        msg = "required field is missing"
    elif "date" in err["type"]:
        msg = f"bad date {err.get('input')!r}: {msg} (write YYYY-MM-DD)"
    field = _dotted(p for p in loc if not (isinstance(p, str) and "[" in p))
    return Problem(str(path), msg, _line_for(loc, lines), field or None)
