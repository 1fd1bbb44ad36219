"""Benchmark the war replay: the reasoner-based ``war_activations`` against the rule set it
replaced (``benchmarks/_legacy_activations.py``, kept for this comparison only), in the same
process, on the full ATOP 4.01 × RSH v1.0 files.

Target: the reasoner-based replay within 2× the legacy one. Judged on process CPU time (the
wall clock is printed too: on a shared machine it includes waiting for a core).

Run: ``python benchmarks/bench_history.py [--data ../shared/data] [--repeat N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import _legacy_activations as legacy
from casus.history.activations import war_activations

TARGET_RATIO = 2.0


def _time(fn, repeat: int) -> tuple[float, float, int]:
    cpu, wall = [], []
    rows = 0
    for _ in range(repeat):
        c0, w0 = time.process_time(), time.perf_counter()
        rows = fn().height
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return statistics.median(cpu), statistics.median(wall), rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" /
                                           "data"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = Path(args.data)
    atop, wars = data / "atop-4.01", data / "cow" / "interstate-war-rev.csv"
    old = _time(lambda: legacy.war_activations(atop, wars), args.repeat)
    new = _time(lambda: war_activations(atop, wars), args.repeat)
    print(f"{'':24} {'CPU s':>8} {'wall s':>8} {'rows':>6}")
    print(f"{'legacy rule set':24} {old[0]:8.2f} {old[1]:8.2f} {old[2]:6}")
    print(f"{'reasoner (one engine)':24} {new[0]:8.2f} {new[1]:8.2f} {new[2]:6}")
    ratio = new[0] / old[0]
    print(f"ratio (CPU) {ratio:.2f}× — target ≤ {TARGET_RATIO:.1f}×: "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
