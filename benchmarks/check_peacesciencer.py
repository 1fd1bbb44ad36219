"""Compare casus' control columns with peacesciencer's, whole frames, when R is installed.

    python benchmarks/check_peacesciencer.py [--data DIR]

Runs peacesciencer 1.2.9 (``../shared/peer/README.md``) for the undirected dyad-years
1816–2016 with contiguity, capital distance, majors and inter-state wars, and for the
state-years with contiguity, capital distance and majors (about 3 minutes), builds the same
frames in casus and prints, per column, how many cells differ (capdist/mincapdist within
1e-6 km). The directed frame is a test (``tests/test_frames_controls.py``, on peacesciencer's
own sample). Without R it says why and stops.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

from casus.frames import (
    add_capital_distance,
    add_contiguity,
    add_cow_majors,
    add_cow_wars,
    dyad_years,
    state_years,
)
from casus.frames.controls import WAR_COLUMNS
from casus.history import read_states

R_SCRIPT = r"""
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


def main() -> None:
    here = Path(__file__).resolve()
    beside = next((d / "shared" for d in here.parents[1:] if (d / "shared").is_dir()),
                  here.parents[2] / "shared")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(os.environ.get("CASUS_SHARED", beside)) / "data")
    args = parser.parse_args()
    from bench_frames import peer_reason

    reason = peer_reason()
    if reason is not None:
        print(f"peacesciencer not run: {reason}")
        return
    ps = args.data / "peacesciencer"
    states = read_states(ps / "cow_states.csv")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "run.R"
        script.write_text(R_SCRIPT)
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
    sys.exit(0 if total == 0 else 1)


if __name__ == "__main__":
    main()
