"""Benchmark: COW dyad-years 1816–2016, casus against peacesciencer (R) in the same run.

    python benchmarks/bench_frames.py [--data DIR] [--runs 5] [--peer-controls-runs 1]
                                      [--no-peer] [--pandas] [--similarity]
    python benchmarks/bench_frames.py --check-values   # whole frames, cell by cell, needs R

Every documented form is timed, each in its own process (so its peak memory is its own), and
peacesciencer 1.2.9 is timed in the same run when ``Rscript`` can load it (else it is skipped,
with the reason printed, and no ratio is given):

- alliances only, directed: the documented pipeline ``add_alliances(dyad_years(...))``, the
  one-step ``dyad_years_with_alliances``, the from-files call ``dyad_year_frame`` (reads and
  checks both CSVs), and the ``casus frames dyad-years`` command as a whole process — against
  ``create_dyadyears(directed = TRUE, subset_years = 1816:2016) |> add_atop_alliance()``
  (median of --runs after a cold call that loads the data);
- the standard controls: ``dyad_years(same_day=True)`` then ``add_contiguity``,
  ``add_capital_distance``, ``add_cow_majors``, ``add_cow_wars`` (each reading its file) and
  ``add_alliances``, and the command with ``--with contiguity,capdist,majors,wars`` — against
  peacesciencer's chain with ``add_contiguity() |> add_capital_distance() |>
  add_cow_majors() |> add_cow_wars(type = "inter") |> add_atop_alliance()`` (149 s, so
  --peer-controls-runs 1 by default).

Times are medians of wall seconds; peak memory is the process' maximum resident set (MiB),
the Python or R session included.

``--data`` is the shared data folder (default ``$CASUS_SHARED/data`` or ``../shared/data``
beside the repository): ``peacesciencer/`` (states and the control files) and ``atop-4.01/``.
``--pandas`` also times a straightforward pandas implementation of the alliance rule (checked
to give the same frame); ``--similarity`` times S/kappa/tau-b for every undirected dyad-year.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import polars as pl

from casus.frames import (
    add_alliances,
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_cow_wars,
    alliance_similarity,
    dyad_years,
    dyad_years_with_alliances,
)
from casus.frames.controls import WAR_COLUMNS
from casus.frames.pipeline import dyad_year_frame
from casus.frames.skeleton import state_years
from casus.history import PROVISIONS, obligation_spells, read_atop_members, read_states

START, END = 1816, 2016
TARGETS = {"pipeline": 20, "one-step": 20, "from files": 20, "command": 10,
           "controls pipeline": 50, "controls command": 10}


CPU = {}  # label -> median process CPU seconds (all threads), a load-insensitive check


def timed(fn, runs: int, label: str = "") -> tuple[float, list[float], object]:
    times, cpu, result = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    CPU[label] = statistics.median(cpu)
    return statistics.median(times), times, result


def pandas_baseline(states: pd.DataFrame, spells: pd.DataFrame, directed: bool,
                    coverage_end: int = 2016) -> pd.DataFrame:
    """The same rule written the obvious pandas way (no polars)."""
    st = states[["ccode", "start", "end"]].copy()
    st["y0"] = st["start"].dt.year.clip(lower=START)
    st["y1"] = st["end"].dt.year.clip(upper=END)
    st = st[st.y0 <= st.y1]
    st["year"] = [list(range(a, b + 1)) for a, b in zip(st.y0, st.y1, strict=True)]
    sy = st[["ccode", "year"]].explode("year").drop_duplicates()
    sy["year"] = sy["year"].astype("int64")
    dy = sy.merge(sy, on="year", suffixes=("1", "2"))
    dy = dy[dy.ccode1 != dy.ccode2] if directed else dy[dy.ccode1 < dy.ccode2]
    dy = dy[["ccode1", "ccode2", "year"]].sort_values(["ccode1", "ccode2", "year"])

    sp = spells[["atopid", "member", "start", "end", *PROVISIONS]].copy()
    sp["end"] = sp["end"].fillna(pd.Timestamp(coverage_end, 12, 31))
    pairs = sp.merge(sp[["atopid", "member", "start", "end"]], on="atopid", suffixes=("", "_2"))
    pairs = pairs[pairs.member != pairs.member_2]
    lo = pairs[["start", "start_2"]].max(axis=1)
    hi = pairs[["end", "end_2"]].min(axis=1)
    pairs = pairs[lo <= hi].assign(y0=lo[lo <= hi].dt.year, y1=hi[lo <= hi].dt.year)
    pairs["year"] = [list(range(a, b + 1)) for a, b in zip(pairs.y0, pairs.y1, strict=True)]
    long = pairs.explode("year").rename(columns={"member": "ccode1", "member_2": "ccode2"})
    long["year"] = long["year"].astype("int64")
    cols = {p: f"atop_{p}" for p in PROVISIONS}
    table = long.groupby(["ccode1", "ccode2", "year"])[list(PROVISIONS)].max().reset_index()
    table = table.rename(columns=cols)
    if not directed:
        flipped = table.rename(columns={"ccode1": "ccode2", "ccode2": "ccode1"})
        table = (pd.concat([table, flipped]).groupby(["ccode1", "ccode2", "year"]).max()
                 .reset_index())
    out = dy.merge(table, on=["ccode1", "ccode2", "year"], how="left")
    out[list(cols.values())] = out[list(cols.values())].fillna(0).astype("int8")
    assert len(out) == len(dy)
    return out.reset_index(drop=True)



def _paths(data: Path) -> dict[str, Path]:
    ps = data / "peacesciencer"
    return {"states": ps / "cow_states.csv", "atop": data / "atop-4.01",
            "contiguity": ps / "cow_contdir.csv", "capitals": ps / "cow_capitals.csv",
            "majors": ps / "cow_majors.csv", "wars": ps / "cow_war_inter.csv"}


def worker(form: str, data: Path, runs: int) -> None:
    """Run one form ``runs`` times in this process; print its times as JSON."""
    from casus.frames import (
        add_capital_distance,
        add_contiguity,
        add_cow_majors,
        add_cow_wars,
    )

    p = _paths(data)
    states = read_states(p["states"])
    spells = obligation_spells(read_atop_members(p["atop"] / "atop-member-level.csv"))

    def controls():
        frame = dyad_years(states, START, END, directed=True, same_day=True)
        frame = add_contiguity(frame, p["contiguity"], states=states)
        frame = add_capital_distance(frame, p["capitals"], states=states)
        frame = add_cow_majors(frame, p["majors"], states=states)
        frame = add_cow_wars(frame, p["wars"], states=states)
        return add_alliances(frame, spells)

    if form == "from files":   # every run parses the CSVs: casus' cache of them is not used
        from casus.frames import pipeline
        pipeline._cached_frames = lambda kind, sources, build, params="": build()
    forms = {
        "pipeline": lambda: add_alliances(dyad_years(states, START, END, True), spells),
        "one-step": lambda: dyad_years_with_alliances(states, spells, START, END, True),
        "from files": lambda: dyad_year_frame(p["atop"], START, END, True, p["states"]),
        "controls pipeline": controls,
    }
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = forms[form]().height
        times.append(time.perf_counter() - t0)
    print(json.dumps({"times": times, "rows": rows}))


def _run(argv: list[str], timeout: float = 3600) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if done.returncode:
        raise RuntimeError(f"{argv[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def _peak_of(argv: list[str], timeout: float = 3600) -> tuple[str, float, float]:
    """Like :func:`_run`, but the peak is this child's alone (a fresh helper process)."""
    helper = ("import json,os,subprocess,sys,time;t=time.perf_counter();"
              "p=subprocess.Popen(sys.argv[1:],stdout=subprocess.PIPE,stderr=subprocess.PIPE,"
              "text=True);o,e=p.communicate();w=time.perf_counter()-t;"
              "import resource;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss/1024;"
              "print(json.dumps({'out':o,'err':e[-2000:],'rc':p.returncode,'wall':w,'peak':m}))")
    res = json.loads(_run([sys.executable, "-c", helper, *argv], timeout))
    if res["rc"]:
        raise RuntimeError(f"{argv[:3]} failed ({res['rc']}): {res['err']}")
    return res["out"], res["wall"], res["peak"]


R_SCRIPT = r"""
suppressPackageStartupMessages({library(peacesciencer); library(dplyr)})
form <- commandArgs(trailingOnly = TRUE)[1]
runs <- as.integer(commandArgs(trailingOnly = TRUE)[2])
alliances <- function() create_dyadyears(directed = TRUE, subset_years = 1816:2016) |>
  add_atop_alliance()
controls <- function() create_dyadyears(directed = TRUE, subset_years = 1816:2016) |>
  add_contiguity() |> add_capital_distance() |> add_cow_majors() |>
  add_cow_wars(type = "inter") |> add_atop_alliance()
f <- if (form == "alliances") alliances else controls
invisible(suppressMessages(alliances()))   # the cold call: R's lazy data load
times <- c(); rows <- 0
for (i in seq_len(runs)) {
  t0 <- proc.time()[["elapsed"]]
  rows <- nrow(suppressMessages(f()))
  times <- c(times, proc.time()[["elapsed"]] - t0)
}
cat(sprintf('{"times": [%s], "rows": %d}
', paste(times, collapse = ", "), rows))
"""


def _peer():
    """The peer check (benchmarks/peer.py), shared with bench_cli_startup.py, loaded by path."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("peer", Path(__file__).with_name("peer.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def peer_reason() -> str | None:
    """Why peacesciencer cannot be run here (None when it can)."""
    return _peer().peer_reason()


R_CHECK_SCRIPT = r"""
suppressPackageStartupMessages({library(peacesciencer); library(dplyr)})
out <- commandArgs(trailingOnly = TRUE)[1]
sy <- suppressMessages(create_stateyears(subset_years = 1816:2016) |> add_contiguity() |>
  add_capital_distance() |> add_cow_majors())
write.csv(sy, file.path(out, "sy.csv"), row.names = FALSE, na = "")
ud <- suppressMessages(create_dyadyears(directed = FALSE, subset_years = 1816:2016) |>
  add_contiguity() |> add_capital_distance() |> add_cow_majors() |> add_cow_wars(type = "inter"))
write.csv(ud, file.path(out, "ud.csv"), row.names = FALSE, na = "")
"""


def compare(ours: pl.DataFrame, theirs: pl.DataFrame, keys: list[str], columns: list[str],
            label: str) -> int:
    only_theirs = theirs.join(ours, on=keys, how="anti").height
    only_ours = ours.join(theirs, on=keys, how="anti").height
    print(f"{label}: casus {ours.height:,} rows, peacesciencer {theirs.height:,}; only in "
          f"peacesciencer {only_theirs}, only in casus {only_ours}")
    joined = theirs.join(ours, on=keys, how="inner", suffix="_casus")
    total = only_theirs + only_ours
    for col in columns:
        a, b = pl.col(col), pl.col(f"{col}_casus")
        if "capdist" in col:
            differ = (a.is_null() != b.is_null()) | ((a - b).abs() > 1e-6)
        else:
            differ = a.cast(pl.Float64).ne_missing(b.cast(pl.Float64))
        bad = joined.filter(differ.fill_null(False))
        total += bad.height
        example = f"  e.g. {bad.select(*keys, col, f'{col}_casus').row(0)}" if bad.height else ""
        print(f"  {col}: {bad.height} cells differ{example}")
    return total


def check_values(data: Path) -> int:
    """Whole frames against peacesciencer's, when R is installed: the undirected dyad-years
    1816-2016 with contiguity, capital distance, majors and inter-state wars, and the
    state-years with the first three (about 3 minutes); per column, how many cells differ
    (capdist/mincapdist within 1e-6 km). The directed frame is a test
    (tests/test_frames_controls.py, on peacesciencer's own sample)."""
    reason = peer_reason()
    if reason is not None:
        print(f"peacesciencer not run: {reason}")
        return 0
    ps = data / "peacesciencer"
    states = read_states(ps / "cow_states.csv")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.R"
        script.write_text(R_CHECK_SCRIPT)
        subprocess.run(["Rscript", str(script), tmp], check=True)
        theirs_sy = pl.read_csv(Path(tmp) / "sy.csv", infer_schema_length=None)
        theirs_ud = pl.read_csv(Path(tmp) / "ud.csv", infer_schema_length=None)
    with contextlib.redirect_stderr(io.StringIO()):   # the coverage notes
        sy = state_years(states, 1816, 2016)
        ud = dyad_years(states, 1816, 2016, directed=False, same_day=True)
        for step, name in ((add_contiguity, "cow_contdir.csv"),
                           (add_capital_distance, "cow_capitals.csv"),
                           (add_cow_majors, "cow_majors.csv")):
            sy = step(sy, ps / name, states=states)
            ud = step(ud, ps / name, states=states)
        ud = add_cow_wars(ud, ps / "cow_war_inter.csv", states=states)
    total = compare(sy, theirs_sy, ["ccode", "year"], ["land", "sea", "mincapdist", "cowmaj"],
                    "state-years 1816-2016")
    total += compare(ud, theirs_ud, ["ccode1", "ccode2", "year"],
                     ["conttype", "capdist", "cowmaj1", "cowmaj2", *WAR_COLUMNS],
                     "undirected dyad-years 1816-2016")
    print("same values" if total == 0 else f"{total} differences")
    return 0 if total == 0 else 1


def main() -> None:
    here = Path(__file__).resolve()
    beside = next((d / "shared" for d in here.parents[1:] if (d / "shared").is_dir()),
                  here.parents[2] / "shared")   # ../shared beside the clone, or further up
    default = Path(os.environ.get("CASUS_SHARED", beside)) / "data"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--peer-controls-runs", type=int, default=1)
    parser.add_argument("--no-peer", action="store_true", help="skip peacesciencer")
    parser.add_argument("--pandas", action="store_true", help="also time the pandas baseline")
    parser.add_argument("--similarity", action="store_true",
                        help="also time S/kappa/tau-b for every undirected dyad-year")
    parser.add_argument("--check-values", action="store_true",
                        help="instead of timing, compare whole frames cell by cell with "
                        "peacesciencer's (needs R)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_values:
        raise SystemExit(check_values(args.data))
    if args.worker:
        worker(args.worker, args.data, args.runs)
        return
    p = _paths(args.data)
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; polars {pl.__version__}, "
          f"cores {os.cpu_count()}, load average {os.getloadavg()[0]:.2f} at the start "
          "(busy machines inflate every timing; the ratios are measured side by side)")
    results: dict[str, tuple[float, float, int]] = {}   # form -> (median s, peak MiB, rows)
    me = [sys.executable, str(Path(__file__).resolve())]
    reason = "--no-peer" if args.no_peer else peer_reason()
    peer_runs: dict[str, list[tuple[list[float], float, int]]] = {"alliances": [],
                                                                  "controls": []}
    script = None
    if reason is None:
        with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as handle:
            handle.write(R_SCRIPT)
        script = handle.name

    def peer(form: str, runs: int) -> None:
        if script is None:
            return
        out, _, peak = _peak_of(["Rscript", script, form, str(runs)])
        res = json.loads(out.strip().splitlines()[-1])
        peer_runs[form].append((res["times"], peak, res["rows"]))
        print(f"  peacesciencer {form}: {', '.join(f'{t:.2f}' for t in res['times'])} s, "
              f"peak {peak:.0f} MiB, load {os.getloadavg()[0]:.2f}", flush=True)

    def casus_form(form: str) -> None:
        out, _, peak = _peak_of([*me, "--data", str(args.data), "--runs", str(args.runs),
                                 "--worker", form])
        res = json.loads(out.strip().splitlines()[-1])
        results[form] = (statistics.median(res["times"]), peak, res["rows"])
        print(f"  casus {form}: {', '.join(f'{t:.3f}' for t in res['times'])} s, peak "
              f"{peak:.0f} MiB, load {os.getloadavg()[0]:.2f}", flush=True)

    def casus_command(form: str, argv: list[str]) -> None:
        walls, peaks = [], []
        for _ in range(args.runs):
            _, wall, peak = _peak_of(argv)
            walls.append(wall)
            peaks.append(peak)
        rows = pl.scan_parquet(argv[-1]).select(pl.len()).collect().item()
        results[form] = (statistics.median(walls), max(peaks), rows)
        print(f"  casus {form}: {', '.join(f'{t:.3f}' for t in walls)} s (whole process), "
              f"peak {max(peaks):.0f} MiB, load {os.getloadavg()[0]:.2f}", flush=True)

    # peacesciencer's alliance pipeline before and after casus' alliance forms, so that a
    # change of load during the run weighs on both sides; the controls chain (149 s) once
    with tempfile.TemporaryDirectory() as tmp:
        base = [sys.executable, "-m", "casus", "frames", "dyad-years", "--atop", str(p["atop"]),
                "--states", str(p["states"]), "--directed"]
        peer("alliances", args.runs)
        for form in ("pipeline", "one-step", "from files"):
            casus_form(form)
        casus_command("command", [*base, "-o", f"{tmp}/d.parquet"])
        peer("alliances", args.runs)
        casus_form("controls pipeline")
        casus_command("controls command", [*base, "--same-day", "--with",
                                           "contiguity,capdist,majors,wars",
                                           "-o", f"{tmp}/c.parquet"])
        peer("controls", args.peer_controls_runs)
    if script is not None:
        os.unlink(script)
    peer_med = {form: (statistics.median([t for times, _, _ in runs for t in times]),
                       max(pk for _, pk, _ in runs), runs[0][2])
                for form, runs in peer_runs.items() if runs}
    print()
    print("| form | rows | casus median s | casus peak MiB | peacesciencer s | peak MiB "
          "| ratio | target |")
    print("|---|---|---|---|---|---|---|---|")
    for form, (med, peak, rows) in results.items():
        against = "controls" if form.startswith("controls") else "alliances"
        if against in peer_med:
            r_med, r_peak, _ = peer_med[against]
            ratio = f"{r_med / med:.1f}x"
            verdict = "met" if r_med / med >= TARGETS[form] else "MISSED"
            r_cells = f"{r_med:.2f} | {r_peak:.0f}"
        else:
            ratio, verdict, r_cells = "—", "—", "— | —"
        print(f"| {form} | {rows:,} | {med:.3f} | {peak:.0f} | {r_cells} | {ratio} "
              f"| {TARGETS[form]}x {verdict} |")
    if reason is not None:
        print(f"\npeacesciencer skipped: {reason}. No ratio is reported.")
    else:
        print(f"\npeacesciencer rows: alliances {peer_med['alliances'][2]:,}, controls "
              f"{peer_med['controls'][2]:,}; alliance pipeline: median of {2 * args.runs} runs "
              f"(before and after casus' alliance forms); controls chain runs: "
              f"{args.peer_controls_runs}")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")

    if args.pandas or args.similarity:
        states = read_states(p["states"])
        spells = obligation_spells(read_atop_members(p["atop"] / "atop-member-level.csv"))
    if args.pandas:
        frame = dyad_years_with_alliances(states, spells, START, END, True)
        spells_pd = spells.to_pandas()
        states_pd = states.to_pandas()
        for df in (spells_pd, states_pd):
            df["start"] = pd.to_datetime(df["start"])
            df["end"] = pd.to_datetime(df["end"])
        base_s, _, base = timed(lambda: pandas_baseline(states_pd, spells_pd, True), 1, "pandas")
        same = pl.from_pandas(base).cast(frame.schema).equals(frame)
        print(f"pandas baseline, directed: {base_s:.3f} s (same frame: {same})")
    if args.similarity:
        undirected = add_alliances(dyad_years(states, START, END, False), spells)
        system = state_years(states, START, END)
        sim_s, _, sims = timed(lambda: alliance_similarity(undirected, undirected, system), 1)
        print(f"alliance_similarity (S, kappa, tau-b) for {sims.height:,} undirected "
              f"dyad-years: {sim_s:.3f} s")


if __name__ == "__main__":
    main()
