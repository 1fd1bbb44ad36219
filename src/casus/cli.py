"""The ``casus`` command: a thin shell over the Python API.

Each command parses its arguments, calls one library function and renders the result as
readable text (default) or JSON (``--format json``). Library errors become one clean message on
standard error and a non-zero exit code; no traceback reaches the user.

Start-up is kept short (``casus --help`` and ``--version`` import neither rich nor any
library module): the consoles are made on first use, each command imports what it needs
inside its body, and option values are coerced without pydantic (:func:`_quick_coercion`).
Keep new top-level imports light: tests/test_cli_startup.py checks what start-up imports.
"""

# No `from __future__ import annotations`: typer reads every command's annotations, and
# evaluating them as strings (typing.get_type_hints) cost ~15 ms of each start-up.
import errno
import os
import re
import sys
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from functools import partial, wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from casus.dates import parse_date
from casus.errors import CasusError, InputError

try:  # typer ≥ 0.2x: each parameter's value goes through a coercion object built on demand
    from typer._coercion import RuntimeParam, build_runtime_param
except ImportError:  # older typer: click's own types, nothing to speed up
    RuntimeParam = build_runtime_param = None

_INTEGER = re.compile(r"[+-]?[0-9]+")   # as typed; pydantic reads these as int() does


class _Unsure(Exception):
    """The quick coercion cannot vouch for a value; typer's own coercion decides."""


def _quick_leaf(annotation: Any, info: Any) -> Callable[[Any, Any, Any], Any] | None:
    """The coercion of one value of a simple type (str, Path, int, an Enum, bool), giving what
    typer's would for every value it accepts and raising :class:`_Unsure` for the others;
    ``None`` for any other type or option."""
    from typer._param_types import coerce_cli_choice, coerce_cli_path

    if info.parser is not None:
        return None
    if annotation is str or annotation is bool:
        def same(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is not annotation:
                raise _Unsure
            return value
        return same
    if annotation is Path and info.path_type is None:
        def path(value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, str | Path):
                raise _Unsure
            return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
        return path
    if annotation is int and not info.clamp:
        def number(value: Any, param: Any, ctx: Any) -> Any:
            if type(value) is str and _INTEGER.fullmatch(value):
                value = int(value)
            if type(value) is not int or (info.min is not None and value < info.min) \
                    or (info.max is not None and value > info.max):
                raise _Unsure   # typer's own coercion says what is wrong, in its words
            return value
        return number
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        choices = tuple(annotation)

        def choice(value: Any, param: Any, ctx: Any) -> Any:
            try:
                return coerce_cli_choice(value, choices=choices,
                                         case_sensitive=info.case_sensitive, ctx=ctx)
            except ValueError:
                raise _Unsure from None
        return choice
    return None


def _quick_coercion(command: Any, ctx: Any) -> None:
    """Give every parameter of ``command`` a coercion that needs no pydantic.

    typer (≥ 0.2x) coerces each value through a pydantic TypeAdapter: importing pydantic and
    building the adapters costs ~0.1 s of every command's start-up, more than some commands'
    work. For the simple types casus' options use, the quick coercion gives the same value
    typer's would (tests/test_cli_startup.py checks it on every parameter); for any value it
    cannot vouch for (a bad number, an unknown choice) it hands over to typer's own coercion,
    so the messages stay typer's.
    """
    if RuntimeParam is None:
        return
    # the --help option is made on first use, for a context: made now, for ``ctx``
    for param in [*command.params, command.get_help_option(ctx)]:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        annotation = descriptor.annotation
        many = getattr(annotation, "__origin__", None) is list
        leaf = _quick_leaf(annotation.__args__[0] if many else annotation,
                           descriptor.parameter_info)
        if leaf is not None and descriptor.file_annotation is None:
            param._runtime_param = _QuickParam(descriptor.parameter_info, annotation,
                                               descriptor, leaf, many)


if RuntimeParam is not None:
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class _QuickParam(RuntimeParam):
        """A parameter's quick coercion, with typer's own as the fallback."""

        descriptor: Any
        leaf: Callable[[Any, Any, Any], Any]
        many: bool

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                if not self.many:
                    return self.leaf(value, param, ctx)
                items = value if isinstance(value, list | tuple) else [value]
                return [self.leaf(item, param, ctx) for item in items]
            except _Unsure:
                fallback = build_runtime_param(self.descriptor)
                return fallback._coerce_value(value, param=param, ctx=ctx)


class _Group(TyperGroup):
    """A group of casus commands: the command about to parse its arguments (this group's own
    or the sub-command chosen) gets the quick coercion first, and only that one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _quick_coercion(self, ctx)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None and not isinstance(command, _Group):
            _quick_coercion(command, command.context_class(command, parent=ctx,
                                                           **command.context_settings))
        return name, command, rest



def main() -> None:
    """The ``casus`` command: run it, then leave without tearing the interpreter down.

    Once a command has returned and its output is flushed, unloading the ~400 modules polars
    and typer bring costs ~40 ms, a tenth of ``casus frames dyad-years``. The exit handlers
    (:mod:`atexit`: temporary folders, multiprocessing, logging) still run; only the teardown
    of modules and objects is skipped. With another thread alive, or stdout closed under us
    (``| head``), the exit is the ordinary one.
    """
    import atexit
    import threading

    try:
        app(prog_name="casus")
        code: object = 0
    except SystemExit as e:
        code = e.code
    if threading.active_count() > 1 or not isinstance(code, int | None):
        raise SystemExit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):   # a closed pipe: the ordinary exit reports it
        raise SystemExit(code) from None
    atexit._run_exitfuncs()
    os._exit(code or 0)

# rich_markup_mode=None: help is laid out by click, not rich (rich costs ~0.1 s to import)
app = typer.Typer(help=__doc__.splitlines()[0] if __doc__ else None, no_args_is_help=True,
                  add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None,
                  cls=_Group)
treaty_app = typer.Typer(help="List, show and compare the treaties in the registry.",
                         no_args_is_help=True, cls=_Group)
app.add_typer(treaty_app, name="treaty")
frames_app = typer.Typer(help="Build state-year and dyad-year frames from ATOP and COW files.",
                         no_args_is_help=True, cls=_Group)
app.add_typer(frames_app, name="frames")
history_app = typer.Typer(help="Replay historical wars through the alliance data.",
                          no_args_is_help=True, cls=_Group)
app.add_typer(history_app, name="history")

class _LazyConsole:
    """A rich Console made on first use, so that commands which print nothing through it
    (``--help``, ``--version``) never import rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console = None

    @property
    def console(self):
        """The rich Console itself (made now if it was not yet)."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.console, name)

    def __enter__(self):  # rich's Progress/Live enter their console
        return self.console.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.console.__exit__(*exc)


# emoji=False: "file.yaml:100:" must not print as an emoji. User values are never printed as
# markup: messages go through Text (or markup=False), so "[/foo]" or "[red]nato" print as typed.
out = _LazyConsole(highlight=False, soft_wrap=False, emoji=False)
err = _LazyConsole(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def _labelled(label: str, style: str, message: str) -> None:
    """'error: …' on standard error: the label styled, the message printed as typed."""
    from rich.text import Text

    err.print(Text.assemble((label, style), " ", message))


def _print_version(value: bool) -> None:
    if value:
        from casus import __version__

        sys.stdout.write(f"casus {__version__}\n")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option(
        "--version", callback=_print_version, is_eager=True,
        help="print casus' version and exit (casus cite: the registry's version too)")] = False,
) -> None:
    """Who is bound to defend whom, why: defence treaties as cited, computable data."""
    import signal

    from casus._cache import set_build_notifier

    set_build_notifier(lambda what: err.status(f"building {what} (first run only)…"))
    # SIGTERM unwinds like Ctrl-C does, so a file being written is removed, never left partial
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    markdown = "markdown"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="text (readable) or json")]
class Verdict(StrEnum):
    triggered = "triggered"
    uncertain = "uncertain"
    not_triggered = "not_triggered"


TableFormatOpt = Annotated[Format, typer.Option(
    "--format", "-f", help="text (readable), json, or the table as csv or markdown")]
AttackerOpt = Annotated[str | None, typer.Option(
    help="attacking state (name, ISO or COW code), several with commas, or non-state:NAME")]
TargetOpt = Annotated[str | None, typer.Option(help="attacked state")]
DateOpt = Annotated[str | None, typer.Option("--date", help="date of the attack, YYYY-MM-DD")]
PlaceOpt = Annotated[str | None, typer.Option(
    help="where: a place name or 'lat,lon' (default: the target's territory)")]
OutputOpt = Annotated[Path, typer.Option("-o", "--output",
                                         help="where to write: .csv or .parquet")]
FromYearOpt = Annotated[int, typer.Option("--from", help="first year", min=1648, max=2100)]
ToYearOpt = Annotated[int, typer.Option("--to", help="last year", min=1648, max=2100)]
RegistryOpt = Annotated[
    list[Path] | None,
    typer.Option("--registry", help="treaty files or folders to use instead of the embedded "
                 "registry (repeatable)"),
]


def _status(message: str):
    """A spinner on a terminal; nothing (and no rich import) when stderr is a pipe or a file."""
    import contextlib

    return err.status(message) if sys.stderr.isatty() else contextlib.nullcontext()


def _say(message: str) -> None:
    """One plain line on standard error (through rich only on a terminal)."""
    if sys.stderr.isatty():
        err.print(message, markup=False)
    else:
        sys.stderr.write(message + "\n")


def _clean_errors(fn: Callable) -> Callable:
    """Turn casus errors into a message and exit code instead of a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except CasusError as e:
            _labelled("error:", "bold red", e.message)
            raise typer.Exit(e.exit_code) from None
        except KeyboardInterrupt:
            _labelled("interrupted", "bold red", "(Ctrl-C); nothing partial was written")
            raise typer.Exit(130) from None
        except OSError as e:
            _labelled("error:", "bold red", _os_error(e))
            raise typer.Exit(2) from None

    return wrapper


def _os_error(e: OSError) -> str:
    """An OS error on a path the user gave: the path and the reason, in words."""
    reason = e.strerror or (os.strerror(e.errno) if e.errno else str(e))
    if e.errno == errno.ENAMETOOLONG:
        reason = "name too long (a file name is at most 255 bytes)"
    paths = [_short(str(x)) for x in (e.filename, e.filename2) if x is not None]
    where = " -> ".join(paths) if paths else "a file"
    return f"{where}: {reason}"


def _short(path: str) -> str:
    return path if len(path) <= 160 else f"{path[:80]}…{path[-60:]} ({len(path)} characters)"


def _optional_date(text: str | None, what: str) -> date | None:
    return None if text is None else parse_date(text, what=what)


def _emit_json(data: Any) -> None:
    import json  # not at the top: --help and --version print none

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _respond(fmt: Format, answer: Any, *, explain: bool = False) -> None:
    """Print one answer through the shared rendering layer: JSON, a table, or text."""
    from casus.views import to_csv, to_json, to_markdown, to_text

    if fmt is Format.json:
        _emit_json(to_json(answer))
    elif fmt in (Format.csv, Format.markdown):
        try:
            table = (to_csv if fmt is Format.csv else to_markdown)(answer)
        except TypeError:  # an answer that is not a table (a treaty, a place)
            raise InputError(f"--format {fmt.value}: this answer is not a table; use --format "
                             "text or json") from None
        sys.stdout.write(table)
    else:
        rendered = to_text(answer, explain=explain)
        if isinstance(rendered, str):  # pre-laid-out text: no re-wrapping, no markup
            out.print(rendered, markup=False, soft_wrap=True)
        else:
            out.print(rendered)


def _registry(paths: list[Path] | None, atop: Path | None = None):
    """The embedded registry (or the given files), with every ATOP alliance in ``atop``."""
    from casus.model.registry import load_registry

    reg = load_registry(paths or None)
    if paths and not len(reg):
        raise InputError(f"no treaty files (*.yaml, *.yml) in {', '.join(map(str, paths))}")
    if atop is not None:
        from casus.history.atop import find_atop_alliances, find_atop_members
        from casus.history.atop_treaties import registry_with_atop

        with err.status("reading ATOP alliances…"):
            reg = registry_with_atop(reg, find_atop_members(atop), find_atop_alliances(atop))
    return reg


# --- treaty ----------------------------------------------------------------------------------


@treaty_app.command("list")
@_clean_errors
def treaty_list(
    in_force_on: Annotated[str | None, typer.Option(help="only treaties in force on YYYY-MM-DD")]
    = None,
    party: Annotated[str | None, typer.Option(help="only treaties this state was ever party "
                                              "to (name, ISO code or COW number)")] = None,
    coverage: Annotated[bool, typer.Option(
        "--coverage", help="instead of the list: the defence pledges in force on --on, by "
        "region, against ATOP's count with --atop")] = False,
    on: Annotated[str | None, typer.Option(help="with --coverage: the day (default today)")]
    = None,
    atop: Annotated[Path | None, typer.Option(
        help="with --coverage: a folder with the ATOP member- and alliance-level CSVs")] = None,
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """List treaties, optionally only those in force on a date or with a given party.

    With --coverage, say how complete the registry is instead, e.g.
    casus treaty list --coverage --on 2016-12-31 --atop ../shared/data/atop-4.01
    """
    from rich.table import Table

    from casus.model.states import state_code
    from casus.views import treaty_summary

    if coverage:
        from casus.coverage import coverage as registry_coverage
        from casus.coverage import render_text

        if in_force_on is not None or party is not None:
            raise InputError("--coverage takes --on, --atop and --format, not --in-force-on "
                             "or --party")
        day = _optional_date(on, "--on") or date.today()
        cov = registry_coverage(_registry(registry), day, atop)
        if fmt is Format.json:
            _emit_json(cov.to_json())
        else:
            out.print(render_text(cov), markup=False, soft_wrap=True)
        return
    if on is not None or atop is not None:
        raise InputError("--on and --atop go with --coverage (for the list, use --in-force-on)")
    on = _optional_date(in_force_on, "--in-force-on")
    code = state_code(party) if party is not None else None
    treaties = _registry(registry).select(in_force_on=on, party=code)
    rows = [treaty_summary(t) for t in treaties]
    if fmt is Format.json:
        _emit_json(rows)
        return
    from rich.text import Text

    table = Table(title=f"{len(rows)} treaties", title_justify="left", box=None,
                  header_style="bold")
    for col in ("id", "signed", "in force", "ended"):
        table.add_column(col, no_wrap=True)
    table.add_column("parties", overflow="fold")
    table.add_column("name", overflow="fold")
    for r in rows:
        parties = r["parties"]
        table.add_row(*(Text(str(v)) for v in (
            r["id"], r["signed"] or "?", r["in_force"] or "?", r["ended"] or "—",
            " ".join(parties) if len(parties) <= 4 else f"{len(parties)} states", r["name"])))
    out.print(table)


@treaty_app.command("show")
@_clean_errors
def treaty_show(
    treaty_id: Annotated[str, typer.Argument(metavar="ID", help="registry id, e.g. rus-prk-2024")],
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Show one treaty: dates, parties over time, and each provision with its quoted text."""
    _respond(fmt, _registry(registry).get(treaty_id))


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
    if len(treaty_ids) < 2:
        raise InputError("compare needs at least two treaty ids, e.g. "
                         "casus treaty compare rus-prk-2024 sun-prk-1961 nato-1949")
    reg = _registry(registry)
    comparison = compare_treaties([reg.get(i) for i in treaty_ids], _optional_date(on, "--on"),
                                  corpus=reg)
    _respond(fmt, comparison)


@app.command("sources")
@_clean_errors
def sources(
    treaty_id: Annotated[str | None, typer.Argument(
        metavar="[ID]", help="one treaty (default: the whole registry)")] = None,
    fmt: TableFormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """The sources behind a treaty or the registry: publisher, URL, date, and what each
    supports."""
    from casus.model.provenance import registry_sources

    _respond(fmt, registry_sources(_registry(registry), treaty_id))


@app.command("cite")
@_clean_errors
def cite(fmt: FormatOpt = Format.text, registry: RegistryOpt = None) -> None:
    """How to cite casus (version, registry version) and the datasets it reads."""
    from casus.model.provenance import citation

    _respond(fmt, citation(_registry(registry)))


# --- validate --------------------------------------------------------------------------------


@app.command("validate")
@_clean_errors
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH ...",
                                                help="treaty YAML files or folders")],
    fmt: FormatOpt = Format.text,
) -> None:
    """Check treaty files: syntax, dates, states, sources, invariants; all problems at once."""
    from casus.gazetteer import has_place
    from casus.model.registry import validate_paths

    reg = validate_paths(paths, known_place=has_place)
    if fmt is Format.json:
        _emit_json({"valid": True, "treaties": sorted(reg.treaties),
                    "warnings": [{"file": w.file, "line": w.line, "field": w.field,
                                  "message": w.message} for w in reg.warnings]})
        return
    for tid, path in sorted(reg.files.items()):
        out.print(f"ok  {path}  ({tid})", markup=False)
    for w in reg.warnings:
        err.print(f"warning: {w}", markup=False)
    n = len(reg.warnings)
    out.print(f"{len(reg)} treaty file{'s' if len(reg) != 1 else ''} valid"
              + (f" ({n} warning{'s' if n != 1 else ''})." if n else "."), markup=False)


def _check_event_options(options: dict[str, str | None], *, command: str,
                         non_state: bool = False, kind: str | None = None,
                         forces: bool = False,
                         extra: dict[str, Callable[[], object]] | None = None) -> None:
    """Check each event option on its own and report every problem in one :class:`InputError`
    (exit 2), so a user fixes them all in one pass instead of one per run.

    ``options`` maps ``--attacker``, ``--target``, ``--date`` and ``--place`` to what was
    typed (None: not given); ``extra`` maps the command's other options that need no file
    to their check. Each problem names its option and repeats the value, with the resolver's
    close matches; missing options come last, with an example. Whether the values make sense
    together (an attacker that is its own target) is left to the event itself.
    """
    from casus.reasoner import known_place
    from casus.reasoner.scenario import (
        BLANK_PLACE,
        EVENT_KINDS,
        parse_attackers,
        resolve_code,
    )

    checks: dict[str, Callable[[str], object]] = {
        "--attacker": lambda v: parse_attackers(v, non_state=non_state),
        "--target": resolve_code,
        "--date": lambda v: parse_date(v, what="date"),
        "--place": lambda v: known_place(v.strip(), _target_hint(), on_territory=not forces)
        if v.strip() else _raise(BLANK_PLACE),
    }

    def _target_hint() -> str | None:
        """The attacked state settles a shared place name ("Jermuk" for Armenia)."""
        try:
            return resolve_code(options["--target"]) if options.get("--target") else None
        except CasusError:
            return None
    problems = []

    def check(option: str, run: Callable[[], object]) -> None:
        try:
            run()
        except CasusError as e:   # the option's name first, unless the message says it
            problems.append(e.message if option in e.message else f"{option}: {e.message}")

    for option, value in options.items():
        if value is not None:
            check(option, partial(checks[option], value))
    if kind is not None and kind.strip().lower().replace("-", "_").replace(" ", "_") \
            not in EVENT_KINDS:
        problems.append(f"--kind: bad kind {kind!r}: expected one of {', '.join(EVENT_KINDS)}")
    for option, run in (extra or {}).items():
        check(option, run)
    missing = [o for o in ("--attacker", "--target", "--date") if options.get(o) is None]
    if missing:
        problems.append(f"missing {', '.join(missing)} (or pass --scenario FILE), e.g. "
                        f"{_EXAMPLES[command]}")
    if len(problems) == 1:
        raise InputError(problems[0])
    if problems:
        raise InputError(f"{len(problems)} problems with the options:\n"
                         + "\n".join(f"  {p}" for p in problems))


def _raise(message: str) -> None:
    raise InputError(message)


_EXAMPLES = {
    "obligations": "casus obligations --attacker Ukraine --target Russia --place 'Kursk Oblast' "
                   "--date 2024-08-06",
    "cascade": "casus cascade --attacker Russia --target Estonia --date 2026-01-15",
}


# --- obligations -----------------------------------------------------------------------------


@app.command("obligations")
@_clean_errors
def obligations(
    attacker: AttackerOpt = None,
    target: TargetOpt = None,
    on: DateOpt = None,
    place: PlaceOpt = None,
    request: Annotated[bool | None, typer.Option(
        "--request/--no-request", help="the attacked state asked for assistance (or did not); "
        "unstated by default")] = None,
    kind: Annotated[str, typer.Option(
        help="armed_attack, declaration_of_war or threat; a kind of pledge instead (defense, "
        "consultation...) shows only those, as --obligation-kind does")] = "armed_attack",
    forces: Annotated[bool, typer.Option(
        "--forces", help="the attack is on the target's forces, vessels or aircraft at the "
        "place, not on its territory")] = False,
    provoked: Annotated[bool | None, typer.Option(
        "--provoked/--unprovoked", help="the target provoked the attack (or did not); "
        "unstated by default")] = None,
    from_abroad: Annotated[bool | None, typer.Option(
        "--from-abroad/--domestic", help="a non-state attack was directed from abroad (or "
        "from inside the target); unstated by default")] = None,
    non_state: Annotated[bool, typer.Option(
        "--non-state", help="read every attacker as a non-state actor, even one named like a "
        "state (a name that is no state is read so anyway)")] = False,
    scenario: Annotated[Path | None, typer.Option(help="a YAML scenario file instead of the "
                                                  "options above (see docs/scenarios.md)")] = None,
    atop: Annotated[Path | None, typer.Option(
        help="also read every ATOP alliance from this folder (member- and alliance-level "
        "CSVs), for attacks since 1815")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", "-v", help="every obligation with its quoted clause and all its reasons, "
        "not only the short answer")] = False,
    verdict: Annotated[Verdict | None, typer.Option(help="only obligations with this verdict")]
    = None,
    obligor: Annotated[str | None, typer.Option(help="only what this state owes")] = None,
    treaty: Annotated[str | None, typer.Option(help="only this treaty (registry id)")] = None,
    pledge: Annotated[str | None, typer.Option(
        "--obligation-kind", help="only this kind of pledge: defense, consultation, "
        "neutrality, non_assistance... (--kind is the kind of event)")] = None,
    fmt: TableFormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Which treaty obligations an attack triggers, does not trigger, or leaves uncertain.

    Prints the short answer (who must act, who may and what decides it, why the rest need
    not); --explain prints every obligation with its quoted clause and reasons."""
    from casus.reasoner import (
        Scenario,
        event_from_text,
        load_scenario,
        obligations_on,
    )

    kind, pledge = _event_or_pledge_kind(kind, pledge)
    if scenario is not None:
        if any(v is not None for v in (attacker, target, on, place, request, provoked,
                                       from_abroad)):
            raise InputError("give either --scenario FILE or --attacker/--target/--date, "
                             "not both")
    else:   # every bad option at once, before any registry or ATOP file is read
        from casus.model.states import state_code

        _check_event_options({"--attacker": attacker, "--target": target, "--date": on,
                              "--place": place}, command="obligations", non_state=non_state,
                             kind=kind, forces=forces, extra={"--obligor": lambda: obligor is None
                                               or state_code(obligor)})
    reg = _registry(registry, atop)
    if scenario is not None:
        assessment = obligations_on(load_scenario(scenario), reg)
    else:
        event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                                on="forces" if forces else "territory", provoked=provoked,
                                directed_from_abroad=from_abroad, non_state=non_state)
        assessment = obligations_on(Scenario(events=[event]), reg)
    if verdict or obligor or treaty or pledge:
        from casus.model.states import state_code

        if treaty is not None:
            reg.get(treaty)  # an unknown id is an error with close matches, not an empty answer
        assessment = assessment.select(verdict=verdict.value if verdict else None,
                                       obligor=state_code(obligor) if obligor else None,
                                       treaty=treaty, kind=pledge)
    _respond(fmt, assessment, explain=explain)


def _event_or_pledge_kind(kind: str, pledge: str | None) -> tuple[str, str | None]:
    """``--kind defense`` asks for defence pledges, not a kind of event: the two sets of words
    do not overlap, so a pledge kind given to --kind filters like --obligation-kind."""
    from typing import get_args

    from casus.model.treaty import ProvisionKind

    word = kind.strip().lower().replace("-", "_").replace(" ", "_")
    if pledge is None and word in get_args(ProvisionKind):
        return "armed_attack", word
    return kind, pledge


@app.command("place")
@_clean_errors
def place(
    query: Annotated[str, typer.Argument(help="a place name ('Kursk region', 'Malvinas') or "
                                         "'lat,lon' ('44.95,34.10')")],
    on: Annotated[str | None, typer.Option("--date", help="also say who held it on "
                                           "YYYY-MM-DD")] = None,
    fmt: FormatOpt = Format.text,
) -> None:
    """Where a place is and whose territory it is (the gazetteer), with its sources.

    Example: casus place "Second Thomas Shoal"
    """
    from casus.gazetteer import describe

    _respond(fmt, describe(query, _optional_date(on, "--date")))


# --- news ------------------------------------------------------------------------------------


@app.command("read")
@_clean_errors
def read(
    file: Annotated[str, typer.Argument(metavar="FILE", help="an article, HTML or plain text; "
                                        "'-' reads standard input")],
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Treaty events, reactions and claims checked against the registry, from a news article."""
    from casus.news import read_article, read_file

    reg = _registry(registry) if registry else None
    if file == "-":
        from casus.news.read import MAX_FILE_BYTES

        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InputError(f"standard input is larger than {MAX_FILE_BYTES:,} bytes")
        reading = read_article(data, registry=reg)
    else:
        reading = read_file(file, registry=reg)
    for warning in reading.warnings:
        _labelled("warning:", "yellow", str(warning))
    _respond(fmt, reading)


# --- HTTP ------------------------------------------------------------------------------------


@app.command("serve")
@_clean_errors
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port", min=1, max=65535)] = 8000,
    atop: Annotated[Path | None, typer.Option(
        help="also serve every ATOP alliance from this folder (member- and alliance-level "
        "CSVs)")] = None,
) -> None:
    """Serve the web app and the HTTP API (pages at /, JSON API described at /openapi.json)."""
    import uvicorn

    from casus.web.app import serve_app

    registry = _registry(None, atop) if atop is not None else None
    uvicorn.run(serve_app(registry), host=host, port=port, log_level="info")


# --- the main job ----------------------------------------------------------------------------


@app.command("seed")
@_clean_errors
def seed() -> None:
    """The seed article, made computable: the Kursk incursion explained, and the 2024 pact
    compared with the 1961 treaty and NATO."""
    from casus.compare import compare_treaties
    from casus.reasoner import load_scenario, obligations_on
    from casus.reasoner.scenario import SCENARIOS
    from casus.views import render_duty, to_text

    reg = _registry(None)
    assessments = [obligations_on(load_scenario(SCENARIOS / name), reg)
                   for name in ("kursk-2024.yaml", "kursk-2025.yaml")]
    out.rule("1. If Russia is attacked, must North Korea fight? The Kursk incursion")
    for a in assessments:
        out.print(render_duty(a, "PRK", "RUS"), markup=False, soft_wrap=True)
    out.print("Everyone else: casus obligations --scenario src/casus/scenarios/kursk-2025.yaml "
              "[--explain]", markup=False, style="dim")
    out.rule("2. Is the 2024 pact a full military alliance?")
    ids = [i for i in ("rus-prk-2024", "sun-prk-1961", "nato-1949") if i in reg.treaties]
    out.print(to_text(compare_treaties([reg.get(i) for i in ids])))
    out.rule("3. What happens next? The cascade of the incursion, after 4 December 2024")
    from casus.cascade import cascade
    from casus.views.cascade import render_rounds_brief

    later = load_scenario(SCENARIOS / "kursk-2025.yaml")
    out.print(render_rounds_brief(cascade(later, reg)), markup=False, soft_wrap=True, end="")
    out.print("Every round and reason: casus cascade --scenario "
              "src/casus/scenarios/kursk-2025.yaml", markup=False, style="dim")


# --- frames and history ----------------------------------------------------------------------


WithOpt = Annotated[str | None, typer.Option(
    "--with", help="add the standard controls, comma-separated: contiguity,capdist,majors,wars "
    "(peacesciencer's add_contiguity, add_capital_distance, add_cow_majors, add_cow_wars)")]
ControlsOpt = Annotated[Path | None, typer.Option(
    "--controls", help="folder with the control files (cow_contdir.csv, cow_capitals.csv, "
    "cow_majors.csv, cow_war_inter.csv); default: the state list's folder")]


@frames_app.command("dyad-years")
@_clean_errors
def frames_dyad_years(
    output: OutputOpt,
    atop: Annotated[Path | None, typer.Option(
        help="folder with the ATOP member-level CSV (or the file); without it, no alliance "
        "columns")] = None,
    start: FromYearOpt = 1816,
    end: ToYearOpt = 2016,
    directed: Annotated[bool, typer.Option("--directed/--undirected",
                                           help="directed dyads (default: undirected)")] = False,
    states: Annotated[Path | None, typer.Option(help="COW state-system CSV (states2016.csv); "
                                                "default: beside the ATOP files")] = None,
    with_: WithOpt = None,
    controls: ControlsOpt = None,
    same_day: Annotated[bool, typer.Option(
        "--same-day", help="keep a dyad-year only if both were members on a common day "
        "(peacesciencer's skeleton)")] = False,
    similarity: Annotated[bool, typer.Option(
        "--similarity", help="add alliance portfolio similarity: S, Cohen's kappa, tau-b")]
    = False,
    weights: Annotated[Path | None, typer.Option(
        help="CSV of ccode, year, weight (e.g. CINC) for the capability-weighted S")] = None,
    fpsim: Annotated[bool, typer.Option(
        "--fpsim", help="with --similarity: peacesciencer's add_fpsim() conventions (sallyva, "
        "sallyvs, kallyv, taub...) instead of the classic S, kappa, tau-b")] = False,
) -> None:
    """Dyad-years of the COW state system with ATOP obligation columns, like peacesciencer."""
    from casus.frames.io import write_frame
    from casus.frames.pipeline import dyad_year_frame, parse_controls

    if start > end:
        raise InputError(f"--from {start} is after --to {end}")
    if atop is None and states is None:
        raise InputError("pass --atop DIR (alliance columns) or --states FILE, e.g. "
                         "casus frames dyad-years --states cow_states.csv --with contiguity "
                         "-o dyads.parquet")
    names = parse_controls(with_)
    if fpsim and not similarity:
        raise InputError("--fpsim chooses the similarity conventions: add --similarity")
    with _status(f"building {'directed' if directed else 'undirected'} dyad-years "
                 f"{start}–{end}…"):
        frame = dyad_year_frame(atop, start, end, directed=directed, states_path=states,
                                similarity=similarity, weights_path=weights, controls=names,
                                controls_dir=controls, same_day=same_day,
                                convention="fpsim" if fpsim else "classic")
        if frame.height == 0:
            raise InputError(f"no dyad-years in {start}–{end}: the COW state list and ATOP "
                             "have no data for those years (ATOP 4.01 covers 1815–2016)")
        write_frame(frame, output)
    _say(f"wrote {frame.height:,} dyad-years to {output}")


@frames_app.command("state-years")
@_clean_errors
def frames_state_years(
    states: Annotated[Path, typer.Option(help="COW state-system CSV (states2016.csv)")],
    output: OutputOpt,
    start: FromYearOpt = 1816,
    end: ToYearOpt = 2016,
    with_: WithOpt = None,
    controls: ControlsOpt = None,
) -> None:
    """State-years of the COW state system (every member in each year), like peacesciencer's
    create_stateyears()."""
    from casus.frames import state_years
    from casus.frames.io import write_frame
    from casus.frames.pipeline import add_controls, parse_controls

    names = parse_controls(with_)
    frame = state_years(states, start, end)
    if names:
        frame = add_controls(frame, names, controls if controls is not None else states.parent,
                             states)
    write_frame(frame, output)
    _say(f"wrote {frame.height:,} state-years to {output}")


@history_app.command("activations")
@_clean_errors
def history_activations(
    atop: Annotated[Path, typer.Option(help="folder with the ATOP member- and alliance-level "
                                       "CSVs")],
    wars: Annotated[Path, typer.Option(help="interstate war file: Reiter-Stam-Horowitz "
                                       "(interstate-war-rev.csv), COW Inter-State War v4.0 "
                                       "or peacesciencer's cow_war_inter; told by its header")],
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV to write")],
    contiguity: Annotated[Path | None, typer.Option(
        help="COW direct contiguity file, to judge location-limited pledges by contiguity "
        "rather than by region")] = None,
) -> None:
    """For each war and each ATOP member involved, whether the war activated its commitment."""
    from casus.history.activations import activations_for_cli

    with err.status("replaying wars against ATOP commitments…"):
        rows = activations_for_cli(str(atop), str(wars), str(output),
                                   contiguity=str(contiguity) if contiguity else None)
    err.print(f"wrote {rows:,} member-war rows to {output}", markup=False)


@history_app.command("agreement")
@_clean_errors
def history_agreement(
    atop: Annotated[Path, typer.Option(help="folder with the ATOP member- and alliance-level "
                                       "CSVs")],
    wars: Annotated[Path, typer.Option(help="interstate war file (any format 'activations' "
                                       "reads)")],
    experts: Annotated[Path, typer.Option(help="Berkemeier & Fuhrmann (2018) pairs, e.g. "
                                          "bf2018-dev.csv")],
    contiguity: Annotated[Path | None, typer.Option(
        help="COW direct contiguity file (adds the contiguity reading of locations)")] = None,
) -> None:
    """How far the war replay agrees with the experts, cross-validated by war (Markdown)."""
    from casus.history.agreement import agreement, render_markdown

    with err.status("replaying wars under each reading…"):
        report = agreement(str(atop), str(wars), str(experts),
                           contiguity=str(contiguity) if contiguity else None)
    sys.stdout.write(render_markdown(report))


# --- cascade ---------------------------------------------------------------------------------

cascade_app = typer.Typer(
    help="What happens next: the chain of obligations an attack sets off, round by round.",
    invoke_without_command=True, cls=_Group)
app.add_typer(cascade_app, name="cascade")


@cascade_app.callback()
@_clean_errors
def cascade_cmd(
    ctx: typer.Context,
    attacker: AttackerOpt = None,
    target: TargetOpt = None,
    on: DateOpt = None,
    place: PlaceOpt = None,
    request: Annotated[bool | None, typer.Option(
        "--request/--no-request", help="every state at war asks its allies for assistance (or "
        "none does); unstated by default")] = None,
    scenario: Annotated[Path | None, typer.Option(help="a YAML scenario file instead of "
                                                  "--attacker/--target/--date")] = None,
    atop: Annotated[Path | None, typer.Option(help="also read every ATOP alliance from this "
                                              "folder")] = None,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", help="an entry rule's option, NAME=VALUE (repeatable), e.g. "
        "aggressor=uncertain; see docs/cascade.md")] = None,
    draws: Annotated[int | None, typer.Option(help="Monte Carlo draws (each obligation "
                                              "honoured with a probability)")] = None,
    seed: Annotated[int, typer.Option(help="random seed for --draws")] = 0,
    probabilities: Annotated[Path | None, typer.Option(
        help="YAML file of honour probabilities by kind, treaty or state")] = None,
    graph: Annotated[Path | None, typer.Option(help="write the cascade as .graphml or .json")]
    = None,
    plot: Annotated[Path | None, typer.Option(help="draw the cascade to .png or .svg")] = None,
    fmt: FormatOpt = Format.text,
    registry: RegistryOpt = None,
) -> None:
    """Who is drawn into the war an attack starts, round by round, with the article of every
    entry; with --draws, how likely each state is to enter.

    Example: casus cascade --attacker Russia --target Estonia --date 2026-01-15
    """
    if ctx.invoked_subcommand is not None:
        return
    from casus.cascade import Options, cascade
    from casus.reasoner import Scenario, event_from_text, load_scenario

    if scenario is not None:
        if any(v is not None for v in (attacker, target, on, place)):
            raise InputError("give either --scenario FILE or --attacker/--target/--date, "
                             "not both")
    else:   # every bad option at once, before any registry or ATOP file is read
        from casus.cascade.montecarlo import check_draws

        _check_event_options({"--attacker": attacker, "--target": target, "--date": on,
                              "--place": place}, command="cascade",
                             extra={"--rule": lambda: Options.parse(rule),
                                    "--draws": lambda: draws is None or check_draws(draws)})
    options = Options.parse(rule)
    if draws is not None:
        from casus.cascade.montecarlo import check_draws

        check_draws(draws)
    reg = _registry(registry, atop)
    probs = None
    if probabilities is not None:
        from casus.cascade.montecarlo import load_probabilities

        probs = load_probabilities(probabilities, treaty_ids=set(reg.treaties))
    if scenario is not None:
        scen = load_scenario(scenario)
    else:
        scen = Scenario(events=[event_from_text(attacker, target, on, place,
                                                request=request)])
    result = cascade(scen, reg, options)
    if draws is not None:
        from rich.progress import Progress

        from casus.cascade.montecarlo import monte_carlo

        if draws >= 100_000:
            with Progress(console=err, transient=True) as bar:
                task = bar.add_task("Monte Carlo draws", total=draws)
                monte_carlo(result, draws, seed, probs,
                            progress=lambda n: bar.advance(task, n))
        else:
            monte_carlo(result, draws, seed, probs)
    if graph is not None:
        from casus.cascade.graph import write_graph

        write_graph(result, graph)
        err.print(f"wrote the cascade graph to {graph}")
    if plot is not None:
        from casus.cascade.graph import plot as draw

        draw(result, plot)
        err.print(f"drew the cascade to {plot}")
    _respond(fmt, result)


@cascade_app.command("replay")
@_clean_errors
def cascade_replay(
    atop: Annotated[Path, typer.Option(help="folder with the ATOP member- and alliance-level "
                                       "CSVs")],
    wars: Annotated[Path, typer.Option(help="interstate war file (Reiter, Stam & Horowitz)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="CSV or Parquet to write")],
    states: Annotated[Path | None, typer.Option(
        help="COW state-system CSV (default: ../peacesciencer/cow_states.csv beside the war "
        "file's folder)")] = None,
    draws: Annotated[int, typer.Option(help="Monte Carlo draws per war")] = 1000,
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", help="an entry rule's option, NAME=VALUE (repeatable)")] = None,
    probabilities: Annotated[Path | None, typer.Option(
        help="YAML file of honour probabilities")] = None,
    calibration: Annotated[Path | None, typer.Option(
        help="Berkemeier–Fuhrmann dev file: its wars are the calibration half, the others the "
        "report half (default: ../bf2018-dev/bf2018-dev.csv beside the war file's folder)")]
    = None,
) -> None:
    """Start every war of 1816–2007 from its first initiator and target; write each state's
    probability of joining, and print AUC and Brier against the real joiners.

    Example: casus cascade replay --atop DIR --wars interstate-war-rev.csv -o replay.csv
    """
    from rich.progress import Progress

    from casus._write import write_frame
    from casus.cascade import Options
    from casus.cascade.montecarlo import check_draws, load_probabilities
    from casus.cascade.replay import replay, score, wars_from_rsh
    from casus.history.cow import read_states

    options = Options.parse(rule)
    check_draws(draws)
    states = states or wars.parent.parent / "peacesciencer" / "cow_states.csv"
    if not states.exists():
        raise InputError(f"no COW state-system file at {states}; pass --states FILE "
                         "(e.g. --states cow_states.csv)")
    reg = _registry(None, atop)
    probs = load_probabilities(probabilities, treaty_ids=set(reg.treaties)) \
        if probabilities else None
    war_list = wars_from_rsh(wars)
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("replaying wars", total=len(war_list))
        frame = replay(reg, war_list, read_states(states), options=options,
                       probabilities=probs, draws=draws, seed=seed,
                       progress=lambda n: bar.advance(task, n))
    s = score(frame)
    calibration = calibration or wars.parent.parent / "bf2018-dev" / "bf2018-dev.csv"
    halves_said = ""
    if calibration.exists():
        import polars as pl

        from casus.cascade.replay import evaluate

        ps = states.parent
        dev = set(pl.read_csv(calibration, columns=["warid"])["warid"].to_list())
        contdir, majors = ps / "cow_contdir.csv", ps / "cow_majors.csv"
        have = contdir.exists() and majors.exists()
        frame, ev = evaluate(frame, war_list, dev, contiguity=contdir if have else None,
                             majors=majors if have else None)
        s = ev["report_half"]
        halves_said = (f" — report half: {s['wars']} wars not in {calibration.name} "
                       f"({s['pairs']:,} pairs, {s['joiners']} joiners)")
    write_frame(frame, output)
    err.print(f"wrote {frame.height:,} state–war rows to {output}{halves_said}")
    for name in ("model", "model + neighbours and great powers",
                 "every defence ally of the target", "every ally of either side"):
        if name in s:
            err.print(f"  {name}: AUC {s[name]['auc']:.3f}, Brier {s[name]['brier']:.4f}")
    err.print(f"  wars expanded: model {s['share_expanded_model']:.0%}, observed "
              f"{s['share_expanded_observed']:.0%}")


@cascade_app.command("sweep")
@_clean_errors
def cascade_sweep(
    output: Annotated[Path, typer.Option("-o", "--output", help="Parquet (or CSV) to write")],
    on: Annotated[str | None, typer.Option("--date", help="one date, YYYY-MM-DD")] = None,
    from_year: Annotated[int | None, typer.Option("--from-year", help="first year (its 1 "
                                                  "January)")] = None,
    to_year: Annotated[int | None, typer.Option("--to-year", help="last year")] = None,
    atop: Annotated[Path | None, typer.Option(help="also read every ATOP alliance from this "
                                              "folder")] = None,
    states: Annotated[Path | None, typer.Option(
        help="COW state-system CSV (default: beside the ATOP folder, "
        "../peacesciencer/cow_states.csv)")] = None,
    draws: Annotated[int | None, typer.Option(help="add the expected war size per pair")]
    = None,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler address (one task "
                                                  "per year); default: this process")] = None,
    rule: Annotated[list[str] | None, typer.Option(
        "--rule", help="an entry rule's option, NAME=VALUE (repeatable); sweeps read "
        "joiner_attacked=territory (or none)")] = None,
) -> None:
    """Every ordered attacker–target pair on a date (or on 1 January of each year): the
    deterministic entrants per side, as matrix products rather than one query per pair.

    Example: casus cascade sweep --date 2026-01-15 -o pairs.parquet
    """
    from functools import partial

    from rich.progress import Progress

    from casus._write import write_frame
    from casus.cascade.montecarlo import check_draws
    from casus.cascade.sweep import sweep_options, sweep_years

    options = sweep_options(rule)
    if draws is not None:
        check_draws(draws)
    if on is not None and (from_year is not None or to_year is not None):
        raise InputError("give either --date or --from-year/--to-year, not both")
    if on is not None:
        days = [parse_date(on, what="--date")]
    elif from_year is not None and to_year is not None:
        if not 1816 <= from_year <= to_year <= date.today().year + 1:
            raise InputError(f"bad years {from_year}–{to_year}: expected 1816 ≤ --from-year ≤ "
                             f"--to-year ≤ {date.today().year + 1} (e.g. --from-year 1816 "
                             "--to-year 2016)")
        days = [date(y, 1, 1) for y in range(from_year, to_year + 1)]
    else:
        raise InputError("give --date YYYY-MM-DD or --from-year Y --to-year Y")
    if states is None:
        here = (atop.parent if atop is not None else Path("../shared/data"))
        states = here / "peacesciencer" / "cow_states.csv"
    if not states.exists():
        raise InputError(f"no COW state-system file at {states}; pass --states FILE")
    factory = partial(_sweep_registry, str(atop) if atop is not None else None)
    with Progress(console=err, transient=True) as bar:
        task = bar.add_task("sweeping dates", total=len(days))
        frame = sweep_years(factory, str(states), days, draws=draws, options=options,
                            scheduler=scheduler, progress=lambda n: bar.advance(task, n))
    write_frame(frame, output)
    err.print(f"wrote {frame.height:,} attacker–target pairs on {len(days)} date"
              f"{'s' if len(days) != 1 else ''} to {output}")


def _sweep_registry(atop: str | None):
    """The registry a sweep worker builds for itself (module-level: it is sent to Dask)."""
    return _registry(None, Path(atop) if atop else None)
