"""The ``casus`` command: a thin shell over the Python API.

Each command parses its arguments, calls one library function and renders the result as
readable text (default) or JSON (``--format json``). Library errors become one clean message on
standard error and a non-zero exit code; no traceback reaches the user.

Start-up is kept short (``casus --help`` and ``--version`` import neither rich nor any
library module): the consoles are made on first use, and each command imports what it needs
inside its body. Keep new top-level imports light.
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

from casus.dates import parse_date
from casus.errors import CasusError, InputError

# rich_markup_mode=None: help is laid out by click, not rich (rich costs ~0.1 s to import)
app = typer.Typer(help=__doc__.splitlines()[0] if __doc__ else None, no_args_is_help=True,
                  add_completion=True, pretty_exceptions_enable=False, rich_markup_mode=None)
treaty_app = typer.Typer(help="List, show and compare the treaties in the registry.",
                         no_args_is_help=True)
app.add_typer(treaty_app, name="treaty")
frames_app = typer.Typer(help="Build state-year and dyad-year frames from ATOP and COW files.",
                         no_args_is_help=True)
app.add_typer(frames_app, name="frames")
history_app = typer.Typer(help="Replay historical wars through the alliance data.",
                          no_args_is_help=True)
app.add_typer(history_app, name="history")

class _LazyConsole:
    """A rich Console made on first use, so that commands which print nothing through it
    (``--help``, ``--version``) never import rich."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


out = _LazyConsole(highlight=False, soft_wrap=False)
err = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)


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
    from casus._cache import set_build_notifier

    set_build_notifier(lambda what: err.status(f"building {what} (first run only)…"))


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
            err.print(f"[bold red]error:[/] {e.message}", markup=True, highlight=False)
            raise typer.Exit(e.exit_code) from None

    return wrapper


def _optional_date(text: str | None, what: str) -> date | None:
    return None if text is None else parse_date(text, what=what)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _respond(fmt: Format, answer: Any, *, explain: bool = False) -> None:
    """Print one answer through the shared rendering layer: JSON, a table, or text."""
    from casus.views import to_csv, to_json, to_markdown, to_text

    if fmt is Format.json:
        _emit_json(to_json(answer))
    elif fmt in (Format.csv, Format.markdown):
        sys.stdout.write((to_csv if fmt is Format.csv else to_markdown)(answer))
    else:
        rendered = to_text(answer, explain=explain)
        if isinstance(rendered, str):  # pre-laid-out text: no re-wrapping, no markup
            out.print(rendered, markup=False, soft_wrap=True)
        else:
            out.print(rendered)


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
    from rich.table import Table

    from casus.model.states import state_code
    from casus.views import treaty_summary

    on = _optional_date(in_force_on, "--in-force-on")
    code = state_code(party) if party is not None else None
    treaties = _registry(registry).select(in_force_on=on, party=code)
    rows = [treaty_summary(t) for t in treaties]
    if fmt is Format.json:
        _emit_json(rows)
        return
    table = Table(title=f"{len(rows)} treaties", title_justify="left", box=None,
                  header_style="bold")
    for col in ("id", "signed", "in force", "ended"):
        table.add_column(col, no_wrap=True)
    table.add_column("parties", overflow="fold")
    table.add_column("name", overflow="fold")
    for r in rows:
        parties = r["parties"]
        table.add_row(r["id"], r["signed"] or "?", r["in_force"] or "?", r["ended"] or "—",
                      " ".join(parties) if len(parties) <= 4 else f"{len(parties)} states",
                      r["name"])
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
    comparison = compare_treaties([reg.get(i) for i in treaty_ids], _optional_date(on, "--on"))
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
    from casus.model.registry import validate_paths

    reg = validate_paths(paths)
    if fmt is Format.json:
        _emit_json({"valid": True, "treaties": sorted(reg.treaties)})
        return
    for tid, path in sorted(reg.files.items()):
        out.print(f"[green]ok[/]  {path}  ({tid})")
    out.print(f"{len(reg)} treaty file{'s' if len(reg) != 1 else ''} valid.")


# --- obligations -----------------------------------------------------------------------------


@app.command("obligations")
@_clean_errors
def obligations(
    attacker: Annotated[str | None, typer.Option(help="attacking state (name, ISO or COW code)")]
    = None,
    target: Annotated[str | None, typer.Option(help="attacked state")] = None,
    on: Annotated[str | None, typer.Option("--date", help="date of the attack, YYYY-MM-DD")]
    = None,
    place: Annotated[str | None, typer.Option(help="where: a place name or 'lat,lon' "
                                              "(default: the target's territory)")] = None,
    request: Annotated[bool | None, typer.Option(
        "--request/--no-request", help="the attacked state asked for assistance (or did not); "
        "unstated by default")] = None,
    kind: Annotated[str, typer.Option(help="armed_attack, declaration_of_war or threat")]
    = "armed_attack",
    forces: Annotated[bool, typer.Option(
        "--forces", help="the attack is on the target's forces, vessels or aircraft at the "
        "place, not on its territory")] = False,
    provoked: Annotated[bool | None, typer.Option(
        "--provoked/--unprovoked", help="the target provoked the attack (or did not); "
        "unstated by default")] = None,
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

    reg = _registry(registry)
    if atop is not None:
        from casus.history.atop import find_atop_members
        from casus.history.atop_treaties import registry_with_atop

        with err.status("reading ATOP alliances…"):
            reg = registry_with_atop(reg, find_atop_members(atop), _atop_alliances(atop))
    if scenario is not None:
        if any(v is not None for v in (attacker, target, on, place, request, provoked)):
            raise InputError("give either --scenario FILE or --attacker/--target/--date, "
                             "not both")
        assessment = obligations_on(load_scenario(scenario), reg)
    else:
        missing = [n for n, v in (("--attacker", attacker), ("--target", target),
                                  ("--date", on)) if v is None]
        if missing:
            raise InputError(f"missing {', '.join(missing)} (or pass --scenario FILE), e.g. "
                             "casus obligations --attacker Ukraine --target Russia "
                             "--place 'Kursk Oblast' --date 2024-08-06")
        event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                                on="forces" if forces else "territory", provoked=provoked)
        assessment = obligations_on(Scenario(events=[event]), reg)
    if verdict or obligor or treaty or pledge:
        from casus.model.states import state_code

        if treaty is not None:
            reg.get(treaty)  # an unknown id is an error with close matches, not an empty answer
        assessment = assessment.select(verdict=verdict.value if verdict else None,
                                       obligor=state_code(obligor) if obligor else None,
                                       treaty=treaty, kind=pledge)
    _respond(fmt, assessment, explain=explain)


def _atop_alliances(atop: Path) -> Path:
    """The ATOP alliance-level CSV in a folder (or beside a member-level file)."""
    folder = atop if atop.is_dir() else atop.parent
    found = sorted(folder.glob("*alliance-level*.csv")) or sorted(folder.glob("atop*_*a.csv"))
    if len(found) != 1:
        raise InputError(f"expected one ATOP alliance-level CSV in {folder} "
                         f"(e.g. atop-alliance-level.csv), found {len(found)}")
    return found[0]


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
        reading = read_article(sys.stdin.buffer.read(), registry=reg)
    else:
        reading = read_file(file, registry=reg)
    for warning in reading.warnings:
        err.print(f"[yellow]warning:[/] {warning}", markup=True)
    _respond(fmt, reading)


# --- HTTP ------------------------------------------------------------------------------------


@app.command("serve")
@_clean_errors
def serve(
    host: Annotated[str, typer.Option(help="interface to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Serve the HTTP API (the same answers as JSON; OpenAPI docs at /docs)."""
    import uvicorn

    uvicorn.run("casus.web.api:app", host=host, port=port, log_level="info")


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
    out.print("Everyone else the incursion engages, in short and in full:\n"
              "  casus obligations --scenario src/casus/scenarios/kursk-2025.yaml [--explain]",
              markup=False, style="dim")
    out.rule("2. Is the 2024 pact a full military alliance?")
    ids = [i for i in ("rus-prk-2024", "sun-prk-1961", "nato-1949") if i in reg.treaties]
    out.print(to_text(compare_treaties([reg.get(i) for i in ids])))


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
    output: Annotated[Path, typer.Option("-o", "--output", help="where to write: .csv or "
                                         ".parquet")],
    atop: Annotated[Path | None, typer.Option(
        help="folder with the ATOP member-level CSV (or the file); without it, no alliance "
        "columns")] = None,
    start: Annotated[int, typer.Option("--from", help="first year")] = 1816,
    end: Annotated[int, typer.Option("--to", help="last year")] = 2016,
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
        write_frame(frame, output)
    _say(f"wrote {frame.height:,} dyad-years to {output}")


@frames_app.command("state-years")
@_clean_errors
def frames_state_years(
    states: Annotated[Path, typer.Option(help="COW state-system CSV (states2016.csv)")],
    output: Annotated[Path, typer.Option("-o", "--output", help="where to write: .csv or "
                                         ".parquet")],
    start: Annotated[int, typer.Option("--from", help="first year")] = 1816,
    end: Annotated[int, typer.Option("--to", help="last year")] = 2016,
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
    wars: Annotated[Path, typer.Option(help="interstate war file (Reiter, Stam & Horowitz)")],
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
    err.print(f"wrote {rows:,} member-war rows to {output}")

