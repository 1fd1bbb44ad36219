"""Read treaty files: YAML with line numbers, validated into the model, all problems at once.

A treaty file is read in one pass over PyYAML's node tree, so every value keeps the line it was
written on; pydantic's error locations are then mapped back to those lines. Dates are left as
text for pydantic to parse (PyYAML would otherwise crash on ``2024-13-45`` before we could say
which field is wrong).
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from casus._yaml import Path_, dotted, read_yaml_with_lines, yaml_with_lines
from casus.errors import DataError, Problem
from casus.model.treaty import Treaty

__all__ = ["read_yaml_with_lines", "treaty_from_file", "yaml_with_lines"]


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
    field = dotted(p for p in loc if not (isinstance(p, str) and "[" in p))
    return Problem(str(path), msg, _line_for(loc, lines), field or None)
