"""Benchmark: the ``casus`` command as whole processes, beside its yardsticks in the same run.

    python benchmarks/bench_cli_startup.py [--data DIR] [--runs 7] [--no-peer] [--breakdown]

What a user waits for, from the command's start to its exit, start-up and imports included:

- ``casus --help`` and ``casus --version`` (target ≤ 0.15 s), beside ``python -c pass``, the
  interpreter's own start on this machine (a floor no command can go under);
- ``casus frames dyad-years --directed`` 1816–2016 writing Parquet (target ≥ 10× faster than
  peacesciencer), beside peacesciencer 1.2.9 (R) as a whole process: ``Rscript`` loading the
  package and running ``create_dyadyears(directed = TRUE, subset_years = 1816:2016) |>
  add_atop_alliance()`` (what an R user waits for), and, stricter, peacesciencer's warm median
  inside one R session after a cold call (what bench_frames.py compares the command with).

The commands take turns, one run each per round (A B C … A B C …), after one warm-up round,
so that a change of load during the run weighs on all of them; the ratio of the frames
command is taken round by round, then its median. Times are wall seconds (medians, with min
and max), with the CPU seconds each process used (user + system, all threads: less moved by
the load of a shared machine); peak memory is each process' largest resident set
(``os.wait4``), in MiB.

casus runs from this checkout (``python -m casus`` with ``src`` first on the path) and its
modules are byte-compiled once into a temporary folder, as an installed package's are
(``PYTHONDONTWRITEBYTECODE`` would otherwise make every run compile them again); the warm-up
round also fills casus' cache of the parsed input files and of the frame's layout (a temporary
``XDG_CACHE_HOME``), as any earlier run on the same files does; a first run on them, with an
empty cache, is timed as a command of its own.
``--data`` is the shared data folder (default ``$CASUS_SHARED/data`` or ``../shared/data``
beside the repository). Without R (or with ``--no-peer``) the peer rows say why and no ratio
is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _peer():
    """The peer check (benchmarks/peer.py, shared with bench_frames.py), loaded by path; it
    imports nothing heavy, so this process stays small and its children's peak memory is
    their own."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("peer", Path(__file__).with_name("peer.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ROOT = Path(__file__).resolve().parents[1]
HELP_TARGET_S = 0.15
FRAMES_TARGET = 10.0
FIRST_RUN = "casus frames dyad-years, empty cache (a first run)"

R_PIPELINE = ("create_dyadyears(directed = TRUE, subset_years = 1816:2016) |> "
              "add_atop_alliance()")
R_LOAD = "suppressPackageStartupMessages({library(peacesciencer); library(dplyr)})"
R_WHOLE = f"{R_LOAD}; x <- suppressMessages({R_PIPELINE}); cat(nrow(x))"
R_WARM = f"""{R_LOAD}
invisible(suppressMessages({R_PIPELINE}))   # the cold call: R's lazy data load
times <- c()
for (i in seq_len(as.integer(commandArgs(trailingOnly = TRUE)[1]))) {{
  t0 <- proc.time()[["elapsed"]]
  x <- suppressMessages({R_PIPELINE})
  times <- c(times, proc.time()[["elapsed"]] - t0)
}}
cat(sprintf('{{"times": [%s], "rows": %d}}\\n', paste(times, collapse = ", "), nrow(x)))
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """One whole process: wall seconds, CPU seconds (user + system, all its threads), peak
    resident MiB, and what it printed."""
    with tempfile.TemporaryFile() as out:
        t0 = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out,
                                 stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - t0
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode(errors="replace")
    if child.returncode:
        raise RuntimeError(f"{' '.join(argv[:6])} … exited {child.returncode}: {text[-1500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, text


def warm_peer(runs: int) -> tuple[list[float], int]:
    """peacesciencer's in-session times after a cold call, and its row count."""
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as handle:
        handle.write(R_WARM)
    try:
        done = subprocess.run(["Rscript", handle.name, str(runs)], capture_output=True,
                              text=True, check=True)
    finally:
        os.unlink(handle.name)
    res = json.loads(done.stdout.strip().splitlines()[-1])
    return res["times"], res["rows"]


def describe(times: list[float]) -> str:
    return f"{statistics.median(times):.3f} s (min {min(times):.3f}, max {max(times):.3f})"


#: Where the frames command's time goes, step by step, in a fresh interpreter: each step's
#: CPU seconds (all threads), printed as JSON. The steps are the command's own, in its order.
BREAKDOWN = r"""
import json, sys, time
atop, states, out, cache = sys.argv[1:5]
steps, t = {}, time.process_time()
def done(name):
    global t
    now = time.process_time(); steps[name] = now - t; t = now
import typer; done("import typer")
import casus.cli, typer.main; done("import casus.cli")
typer.main.get_command(casus.cli.app); done("typer builds the commands")
import polars; done("import polars")
import casus.frames.pipeline as pipeline
from casus.frames.io import write_frame
done("import casus.frames")
if cache == "no":   # every run parses and checks the CSV files
    pipeline._cached_frames = lambda kind, sources, build, params="": build()
frame = pipeline.dyad_year_frame(atop, 1816, 2016, True, states)
done("read the inputs and build the frame" + (" (inputs parsed)" if cache == "no" else
                                              " (inputs and layout from the cache)"))
write_frame(frame, out); done("write Parquet")
print(json.dumps(steps))
"""


def breakdown(atop: Path, states: Path, env: dict[str, str], runs: int, tmp: str) -> None:
    """The median CPU of each step of the frames command, over ``runs`` fresh processes."""
    found: dict[str, list[float]] = {}
    for cache in ["no", "yes"] * runs:
        _, _, _, text = run([sys.executable, "-c", BREAKDOWN, str(atop), str(states),
                             f"{tmp}/b.parquet", cache], env)
        for step, cpu in json.loads(text.strip().splitlines()[-1]).items():
            found.setdefault(step, []).append(cpu)
    print("\nwhere the frames command's CPU goes (median of "
          f"{runs} fresh processes; a process also starts the interpreter):")
    for step, cpus in found.items():
        print(f"  {step}: {1000 * statistics.median(cpus):.0f} ms")


def main() -> None:
    beside = next((d / "shared" for d in ROOT.parents if (d / "shared").is_dir()),
                  ROOT.parent / "shared")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("CASUS_SHARED", beside)) / "data")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-peer", action="store_true", help="skip peacesciencer")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time each step of the frames command (CPU, in process)")
    args = parser.parse_args()
    atop, states = args.data / "atop-4.01", args.data / "peacesciencer" / "cow_states.csv"
    reason = "--no-peer" if args.no_peer else _peer().peer_reason()

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
                   filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
               "PYTHONPYCACHEPREFIX": f"{tmp}/pyc", "XDG_CACHE_HOME": f"{tmp}/cache"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        casus = [sys.executable, "-m", "casus"]
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "casus --help": [*casus, "--help"],
            "casus --version": [*casus, "--version"],
            "casus frames dyad-years": [*casus, "frames", "dyad-years", "--atop", str(atop),
                                        "--states", str(states), "--directed",
                                        "-o", f"{tmp}/d.parquet"],
        }
        # the first run on a pair of files parses them and builds the layout it keeps
        commands[FIRST_RUN] = commands["casus frames dyad-years"]
        if reason is None:
            commands["peacesciencer (Rscript)"] = ["Rscript", "-e", R_WHOLE]
        print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} cores; "
              f"Python {sys.version.split()[0]}; load average {os.getloadavg()[0]:.2f} at the "
              "start (busy machines inflate every timing; ratios are taken round by round)",
              flush=True)
        warm: list[float] = []
        if reason is None:
            times, rows = warm_peer(args.runs)
            warm += times
            print(f"  peacesciencer in one session, warm: {describe(times)}, {rows:,} rows",
                  flush=True)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
        for round_ in range(args.runs + 1):   # round 0 warms up (and byte-compiles casus)
            for name, argv in commands.items():
                fresh = {"XDG_CACHE_HOME": f"{tmp}/empty-{round_}"} if name == FIRST_RUN else {}
                wall, cpu, peak, _ = run(argv, {**env, **fresh})
                if round_:
                    walls[name].append(wall)
                    cpus[name].append(cpu)
                    peaks[name] = max(peaks[name], peak)
        if reason is None:
            times, _ = warm_peer(args.runs)
            warm += times
            print(f"  peacesciencer in one session, warm, again: {describe(times)}", flush=True)
        import polars as pl

        rows = pl.scan_parquet(f"{tmp}/d.parquet").select(pl.len()).collect().item()
        if args.breakdown:
            breakdown(atop, states, env, args.runs, tmp)

    print("\n| command | whole process, median | min – max | CPU s, median | peak MiB | target |")
    print("|---|---|---|---|---|---|")
    floor = statistics.median(walls["python -c pass"])
    for name in commands:
        med = statistics.median(walls[name])
        target = ""
        if name in ("casus --help", "casus --version"):
            target = (f"≤ {HELP_TARGET_S} s: {'met' if med <= HELP_TARGET_S else 'MISSED'} "
                      f"({med - floor:.3f} s over the interpreter's start)")
        print(f"| {name} | {med:.3f} s | {min(walls[name]):.3f} – {max(walls[name]):.3f} | "
              f"{statistics.median(cpus[name]):.3f} | {peaks[name]:.0f} | {target} |")
    print(f"\ncasus frames dyad-years wrote {rows:,} directed dyad-years 1816–2016.")
    if reason is not None:
        print(f"peacesciencer not run: {reason}. No ratio is reported.")
        return
    ours = walls["casus frames dyad-years"]
    whole = [r / c for r, c in zip(walls["peacesciencer (Rscript)"], ours, strict=True)]
    strict = statistics.median(warm) / statistics.median(ours)
    first = statistics.median(warm) / statistics.median(walls[FIRST_RUN])
    for label, ratio in (("peacesciencer whole process / casus whole process, round by round",
                          statistics.median(whole)),
                         ("peacesciencer warm in-session median / casus whole process",
                          strict),
                         ("the same, casus on an empty cache (a first run)", first)):
        verdict = "met" if ratio >= FRAMES_TARGET else "MISSED"
        print(f"{label}: {ratio:.1f}× (target ≥ {FRAMES_TARGET:.0f}×: {verdict})")
    print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
