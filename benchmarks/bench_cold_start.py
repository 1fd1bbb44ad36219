"""Cold start: ``casus obligations --place ...`` on an empty and on an unwritable cache folder.

Run: ``python benchmarks/bench_cold_start.py [--rounds N] [--src PATH]``

Each run is a fresh interpreter (``python -m casus obligations ...``) with ``XDG_CACHE_HOME``
pointing at an empty folder (the first run after installing) or at a path that cannot be
created (a read-only cache: nothing is ever kept). Printed: the median wall time over
``--rounds`` runs and the largest peak RSS; with ``--gazetteer-only`` the same for just
``import casus.gazetteer`` and ``parse_place`` (what the gazetteer adds). ``--src`` runs another
checkout's ``src`` folder, for a before/after comparison.

Targets (issue 14): the place name ≤ 1.5 s, the point ≤ 2 s, ≤ 400 MB peak RSS. Printed per
run: the median wall time, the fastest round, and the largest peak RSS.

Measured on the 2-core development machine on 2026-12-07 (wall time / peak RSS; median of 3).

1. The gazetteer's indexes shipped (``gazetteer/built/``), load average 4-5; before: 1 round:

==========================  ===================  ===================  ====================
run                         before (d8d3934)     after, empty cache   after, unwritable
==========================  ===================  ===================  ====================
obligations, Kursk Oblast   7.9 s / 383 MB       2.5 s / 189 MB       3.2 s / 190 MB
obligations, 51.73,36.19    18.3 s / 1,339 MB    2.0 s / 220 MB       1.6 s / 220 MB
gazetteer: Kursk Oblast     6.4 s / 368 MB       0.4 s / 48 MB        0.3 s / 48 MB
gazetteer: 51.73,36.19      15.2 s / 1,288 MB    0.6 s / 73 MB        0.4 s / 73 MB
==========================  ===================  ===================  ====================

2. The state-name index shipped too (``model/built/``, :mod:`casus.model.states`): before is
   main at df02195, after is branch cold-start; both at load average 3.8-4.3 (two jobs per
   core), run back to back; median (fastest round):

=========================  ======================  ======================  ======================
run                        before, empty cache     after, empty cache      after, unwritable
=========================  ======================  ======================  ======================
obligations, Kursk Oblast  3.77 s (1.78) / 190 MB  0.99 s (0.86) / 70 MB   0.91 s (0.87) / 70 MB
obligations, 51.73,36.19   1.92 s (1.79) / 220 MB  1.03 s (0.87) / 101 MB  0.87 s (0.86) / 101 MB
=========================  ======================  ======================  ======================

   Before, unwritable cache: 1.69 s (1.41) / 189 MB and 1.96 s (1.66) / 221 MB. Peak RSS does
   not depend on load and fell by 120 MB in every run: ``countrycode`` (and the polars it
   imports) is no longer loaded. Wall times do: an earlier pass at load 2.9-3.2 gave the same
   fastest rounds but one median of 2.5 s (the point, unwritable) from two slow rounds.

What a cold run still spends (``python -X importtime``, cProfile, after): about 0.2-0.5 s
importing ``casus.news`` (``casus.views`` imports ``casus.news.model``, whose package
``__init__`` imports the article reader and compiles its regular expressions) and about 0.25 s
loading the 71 treaty files; neither builds a cache file, so the same cost is paid warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = {
    "obligations, Kursk Oblast": ["obligations", "--attacker", "RUS", "--target", "UKR",
                                  "--place", "Kursk Oblast", "--date", "2024-08-06"],
    "obligations, 51.73,36.19": ["obligations", "--attacker", "RUS", "--target", "UKR",
                                 "--place", "51.73,36.19", "--date", "2024-08-06"],
}
GAZETTEER = {"gazetteer: Kursk Oblast": "Kursk Oblast", "gazetteer: 51.73,36.19": "51.73,36.19"}

# The child runs the command and reports its own peak RSS (KB on Linux) on a line of its own.
_CHILD = """
import resource, runpy, sys
args = sys.argv[1:]
if args[0] == "--place-only":
    from casus.gazetteer import parse_place
    parse_place(args[1])
else:
    sys.argv = ["casus", *args]
    try:
        runpy.run_module("casus", run_name="__main__")
    except SystemExit:
        pass
print("PEAK_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def _run(args: list[str], src: Path, cache: str) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(src), "XDG_CACHE_HOME": cache}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    peak = next((int(line.split()[1]) for line in done.stderr.splitlines()
                 if line.startswith("PEAK_KB")), 0)
    return wall, peak // 1024


def _measure(args: list[str], src: Path, rounds: int, unwritable: bool) -> str:
    walls, peaks = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            if unwritable:
                blocker = Path(tmp) / "a-file"
                blocker.write_text("")
                cache = str(blocker / "cache")  # cannot be created, even by root
            else:
                cache = tmp
            wall, peak = _run(args, src, cache)
        walls.append(wall)
        peaks.append(peak)
    return f"{statistics.median(walls):.2f} s (min {min(walls):.2f}) / {max(peaks)} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--src", type=Path, default=ROOT / "src")
    parser.add_argument("--gazetteer-only", action="store_true")
    opts = parser.parse_args()
    runs = ({name: ["--place-only", place] for name, place in GAZETTEER.items()}
            if opts.gazetteer_only else RUNS)
    print(f"src: {opts.src}; load average {os.getloadavg()[0]:.1f}")
    for name, args in runs.items():
        empty = _measure(args, opts.src, opts.rounds, unwritable=False)
        ro = _measure(args, opts.src, opts.rounds, unwritable=True)
        print(f"{name:26} empty cache {empty:28} unwritable cache {ro}")


if __name__ == "__main__":
    main()
