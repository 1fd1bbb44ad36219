"""Benchmark: COW dyad-years 1816–2016 with ATOP alliance columns, casus vs. pandas vs. R.

    python benchmarks/bench_frames.py [--data DIR] [--runs 7] [--baseline-runs 3] [--similarity]

``--data`` is the shared data folder (default ``$CASUS_SHARED/data`` or ``../shared/data``
beside the repository): ``peacesciencer/cow_states.csv`` and ``atop-4.01/``.

Timed, each as the median of ``--runs`` runs in this process, with the input files already
read (peacesciencer's data are in memory too), directed and undirected: the one-step
``dyad_years_with_alliances`` (what ``dyad_year_frame`` and the CLI run) and the two-step
pipeline ``add_alliances(dyad_years(...))`` (same frame, with a join).

The baseline is a straightforward pandas implementation of the same
rule (merges, a Python ``range`` per alliance pair, ``groupby().max()``, a left merge), checked
to give the same frame. The peacesciencer numbers are the medians from
/work/shared/BENCHMARKS.md (R 4.2.2, peacesciencer 1.2.9, ATOP 5.1, 1816–2018): machines are
noisy, so the ratio against R compares runs on different days — the pandas ratio is measured
side by side.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import pandas as pd
import polars as pl

from casus.frames import (
    ALLIANCE_COLUMNS,
    add_alliances,
    alliance_similarity,
    dyad_years,
    dyad_years_with_alliances,
)
from casus.frames.pipeline import dyad_year_frame
from casus.frames.skeleton import state_years
from casus.history import PROVISIONS, obligation_spells, read_atop_members, read_states

PEACESCIENCER_MEDIAN_S = {True: 5.72, False: 8.90}   # BENCHMARKS.md, directed / undirected
TARGET_DIRECTED_S = 0.3
START, END = 1816, 2016


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


def main() -> None:
    default = Path(os.environ.get("CASUS_SHARED",
                                  Path(__file__).resolve().parents[2] / "shared")) / "data"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(default))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baseline-runs", type=int, default=3)
    parser.add_argument("--similarity", action="store_true",
                        help="also time S/kappa/tau-b for every undirected dyad-year")
    args = parser.parse_args()
    states_path = args.data / "peacesciencer" / "cow_states.csv"
    atop_dir = args.data / "atop-4.01"

    t0 = time.perf_counter()
    states = read_states(states_path)
    spells = obligation_spells(read_atop_members(atop_dir / "atop-member-level.csv"))
    print(f"read COW states + ATOP 4.01 members: {time.perf_counter() - t0:.3f} s "
          f"(once, not in the timings below)")
    print(f"polars {pl.__version__}, pandas {pd.__version__}, cores {os.cpu_count()}, "
          f"load average {os.getloadavg()[0]:.2f} (busy machines inflate every timing)")
    print()
    states_pd = states.to_pandas()
    spells_pd = spells.to_pandas()
    spells_pd["start"] = pd.to_datetime(spells_pd["start"])
    spells_pd["end"] = pd.to_datetime(spells_pd["end"])
    states_pd["start"] = pd.to_datetime(states_pd["start"])
    states_pd["end"] = pd.to_datetime(states_pd["end"])

    for directed in (True, False):
        label = "directed" if directed else "undirected"
        casus_s, casus_all, frame = timed(
            lambda d=directed: dyad_years_with_alliances(states, spells, START, END, d),
            args.runs, "casus")
        pipe_s, pipe_all, piped = timed(
            lambda d=directed: add_alliances(dyad_years(states, START, END, d), spells),
            args.runs, "pipeline")
        base_s, base_all, base = timed(
            lambda d=directed: pandas_baseline(states_pd, spells_pd, d), args.baseline_runs,
            "pandas")
        same = pl.from_pandas(base).cast(frame.schema).equals(frame) and piped.equals(frame)
        r_s = PEACESCIENCER_MEDIAN_S[directed]
        print(f"{label}: {frame.height:,} rows, allied rows "
              f"{frame.filter(pl.any_horizontal(pl.col(ALLIANCE_COLUMNS) == 1)).height:,}")
        for name, key, med, runs in (("casus one-step", "casus", casus_s, casus_all),
                                     ("casus pipeline", "pipeline", pipe_s, pipe_all),
                                     ("pandas baseline", "pandas", base_s, base_all)):
            print(f"  {name:<16} median {med:.3f} s  CPU {CPU[key]:.3f} s"
                  f"  (runs: {', '.join(f'{t:.3f}' for t in runs)})")
        print(f"  same frame from all three: {same}")
        print(f"  casus one-step is {base_s / casus_s:.1f}x the pandas baseline "
              f"(pipeline {base_s / pipe_s:.1f}x)")
        print(f"  peacesciencer (R) median {r_s:.2f} s -> casus one-step is "
              f"{r_s / casus_s:.1f}x faster, pipeline {r_s / pipe_s:.1f}x (target 20x)")
        if directed:
            verdict = "met" if casus_s <= TARGET_DIRECTED_S else "MISSED"
            print(f"  target directed <= {TARGET_DIRECTED_S} s: {verdict}")
        print()

    e2e_s, _, _ = timed(
        lambda: dyad_year_frame(atop_dir, START, END, True, states_path), args.runs)
    print(f"dyad_year_frame (reads both files + directed frame): median {e2e_s:.3f} s")

    if args.similarity:
        undirected = add_alliances(dyad_years(states, START, END, False), spells)
        system = state_years(states, START, END)
        sim_s, _, sims = timed(lambda: alliance_similarity(undirected, undirected, system), 1)
        print(f"alliance_similarity (S, kappa, tau-b) for {sims.height:,} undirected "
              f"dyad-years: {sim_s:.3f} s")


if __name__ == "__main__":
    main()
