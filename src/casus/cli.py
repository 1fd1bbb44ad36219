"""The ``casus`` command: a thin shell over the Python API.

Each command parses its arguments, calls one library function and renders the result as
readable text (default) or JSON (``--format json``). Library errors become one clean message on
standard error and a non-zero exit code; no traceback reaches the user.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from casus.errors import CasusError, InputError

app = typer.Typer(help=__doc__.splitlines()[0] if __doc__ else None, no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)
treaty_app = typer.Typer(help="List, show and compare the treaties in the registry.",
                         no_args_is_help=True)
app.add_typer(treaty_app, name="treaty")

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text (readable) or json")]
RegistryOpt = Annotated[
    list[Path] | None,
    typer.Option("--registry", help="treaty files or folders to use instead of the embedded "
                 "registry (repeatable)"),
]


def _clean_errors(fn: Callable) -> Callable:
    """Turn casus errors into a message and exit code instead of a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CasusError as e:
            err.print(f"[bold red]error:[/] {e.message}", markup=True, highlight=False)
            raise typer.Exit(e.exit_code) from None

    return wrapper


def parse_date(text: str | None, what: str = "date") -> date | None:
    """Parse a YYYY-MM-DD argument, naming the option and value when it is wrong."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"bad {what} {text!r}: write YYYY-MM-DD, e.g. 2024-12-04") from None


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _registry(paths: list[Path] | None):
    from casus.model.registry import load_registry

    return load_registry(paths or None)


# --- treaty ----------------------------------------------------------------------------------


@treaty_app.command("list")
@_clean_errors
def treaty_list(
    in_force_on: Annotated[str | None, typer.Option(help="only treaties in force on YYYY-MM-DD")]
    = None,
    party: Annotated[str | None, typer.Option(help="only treaties this state was ever party "
                                              "to (name, ISO code or COW number)")] = None,
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """List treaties, optionally only those in force on a date or with a given party."""
    from casus.model.states import state_code
    from casus.views import treaty_summary

    reg = _registry(registry)
    on = parse_date(in_force_on, "--in-force-on")
    treaties = list(reg)
    if on is not None:
        treaties = [t for t in treaties if t.in_force_on(on) is not False]
    if party is not None:
        code = state_code(party)
        treaties = [t for t in treaties
                    if (code in t.members_on(on) if on else code in t.parties)]
    treaties.sort(key=lambda t: (t.signed.known or date.min, t.id))
    rows = [treaty_summary(t) for t in treaties]
    if fmt is Format.json:
        _emit_json(rows)
        return
    table = Table(title=f"{len(rows)} treaties", show_lines=False, title_justify="left")
    for col in ("id", "signed", "in force", "ended", "parties", "title"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["signed"] or "?", r["in_force"] or "?", r["ended"] or "—",
                      " ".join(r["parties"]) if len(r["parties"]) <= 6
                      else f"{len(r['parties'])} states", r["title"])
    out.print(table)


@treaty_app.command("show")
@_clean_errors
def treaty_show(
    treaty_id: Annotated[str, typer.Argument(metavar="ID", help="registry id, e.g. rus-prk-2024")],
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Show one treaty: dates, parties over time, and each provision with its quoted text."""
    from casus.views import render_treaty

    t = _registry(registry).get(treaty_id)
    if fmt is Format.json:
        _emit_json(t.model_dump(mode="json"))
        return
    out.print(render_treaty(t))


@treaty_app.command("compare")
@_clean_errors
def treaty_compare(
    treaty_ids: Annotated[list[str], typer.Argument(metavar="ID ID ...",
                                                    help="two or more registry ids")],
    on: Annotated[str | None, typer.Option(help="status as of YYYY-MM-DD (default today)")]
    = None,
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Compare treaties side by side: trigger, automaticity, scope, conditions, duration."""
    from casus.compare import compare_treaties
    from casus.views import render_comparison

    if len(treaty_ids) < 2:
        raise InputError("compare needs at least two treaty ids, e.g. "
                         "casus treaty compare rus-prk-2024 sun-prk-1961 nato-1949")
    reg = _registry(registry)
    comparison = compare_treaties([reg.get(i) for i in treaty_ids], parse_date(on, "--on"))
    if fmt is Format.json:
        _emit_json(comparison.to_dict())
        return
    out.print(render_comparison(comparison))


# --- validate --------------------------------------------------------------------------------


@app.command("validate")
@_clean_errors
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH ...",
                                                help="treaty YAML files or folders")],
    fmt: FormatOpt = Format.text,
) -> None:
    """Check treaty files: syntax, dates, states, sources, invariants; all problems at once."""
    from casus.model.registry import validate_paths

    reg = validate_paths(paths)
    if fmt is Format.json:
        _emit_json({"valid": True, "treaties": sorted(reg.treaties)})
        return
    for tid, path in sorted(reg.files.items()):
        out.print(f"[green]ok[/]  {path}  ({tid})")
    out.print(f"{len(reg)} treaty file{'s' if len(reg) != 1 else ''} valid.")


def main() -> None:  # pragma: no cover - console entry point
    app()
