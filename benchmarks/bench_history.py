"""Benchmark the war replay: the reasoner-based ``war_activations`` against the rule set it
replaced, in the same process, on the full ATOP 4.01 × RSH v1.0 files. The old rule set is read
from git history (``src/casus/history/activations.py`` at commit ``LEGACY``), not kept as a
second copy in the repository; without that history the benchmark says so and times only the
replay.

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

from casus.history.activations import war_activations

TARGET_RATIO = 2.0
#: The last commit whose ``casus history activations`` applied its own rules.
LEGACY = "1e69975"


def _legacy():
    """The pre-reasoner module, loaded from git history (None, with a reason, if unavailable)."""
    import importlib.util
    import subprocess
    import tempfile

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(["git", "show", f"{LEGACY}:src/casus/history/activations.py"],
                          cwd=root, capture_output=True, text=True)
    if done.returncode != 0:
        print(f"legacy rule set unavailable (no commit {LEGACY} in this clone): "
              f"{done.stderr.strip()}")
        return None
    path = Path(tempfile.mkdtemp()) / "legacy_activations.py"
    path.write_text(done.stdout, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("legacy_activations", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


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
    legacy = _legacy()
    new = _time(lambda: war_activations(atop, wars), args.repeat)
    print(f"{'':24} {'CPU s':>8} {'wall s':>8} {'rows':>6}")
    if legacy is not None:
        old = _time(lambda: legacy.war_activations(atop, wars), args.repeat)
        print(f"{'legacy rule set':24} {old[0]:8.2f} {old[1]:8.2f} {old[2]:6}")
    print(f"{'reasoner (one engine)':24} {new[0]:8.2f} {new[1]:8.2f} {new[2]:6}")
    if legacy is None:
        return 0
    ratio = new[0] / old[0]
    print(f"ratio (CPU) {ratio:.2f}× — target ≤ {TARGET_RATIO:.1f}×: "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
