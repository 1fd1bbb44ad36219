"""Benchmark the obligation reasoner: registry load (cold, from YAML) and one query after load.

Targets: a cold registry load ≤ 300 ms; one query after load ≤ 5 ms (median over many),
judged on process CPU time (the wall clock is printed too: on a shared machine it includes
waiting for a core).
Each number is reported as a ratio against its target and against baselines measured in the
same process (machines are noisy: compare ratios side by side, not seconds across runs):

* ``naive``: what a query costs if nothing is kept between queries — re-read and re-validate
  every treaty file, rebuild the index, then reason;
* ``no index``: the registry is loaded once, but the per-registry index (treaties by party,
  provisions by article, interpretations by question) is rebuilt for every query.

The indexed query also keeps small memos of facts derived from the gazetteer (whose territory a
place is on a date, its containing places); a row with those memos cleared before every query
shows what a query about a never-seen place costs.

Run: ``python benchmarks/bench_reasoner.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from collections.abc import Callable

from casus.model.registry import EMBEDDED, load_registry
from casus.reasoner import Scenario, _places, obligations_on
from casus.reasoner import index as _index
from casus.reasoner import scope as _scope

LOAD_TARGET_MS = 300.0
QUERY_TARGET_MS = 5.0

SCENARIOS = {
    "kursk-2025": Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS",
                                  place="Kursk Oblast"),
    "9/11 (NATO, ANZUS, Rio)": Scenario.single(
        date="2001-09-11", attackers=[{"name": "al-Qaeda", "non_state": True}], target="USA"),
    "Hawaii": Scenario.single(date="2026-01-15", attackers=["CHN"], target="USA",
                              place="Hawaii"),
}


CPU: list[float] = []  # process CPU time of the last _times call, per run


def _times(fn: Callable[[], object], repeat: int) -> list[float]:
    """Wall-clock milliseconds per call (and CPU milliseconds in ``CPU``), GC off as timeit does."""
    out = []
    CPU.clear()
    gc.collect()
    gc.disable()
    try:
        for _ in range(repeat):
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            out.append((time.perf_counter() - t0) * 1000)
            CPU.append((time.process_time() - c0) * 1000)
    finally:
        gc.enable()
    return out


def _row(name: str, ms: list[float], target: float | None, baseline: float | None) -> str:
    """One line: wall median and min, CPU median, ratio to the target and to the baseline.

    On a shared machine the wall clock includes time spent waiting for a core; the CPU-time
    median is what the code costs, and is what the targets are judged on.
    """
    med, cpu = statistics.median(ms), statistics.median(CPU)
    vs_target = f"{cpu / target:5.2f}× target" if target else " " * 13
    vs_base = f"{baseline / cpu:6.1f}× faster than baseline" if baseline else ""
    return (f"  {name:<40} wall {med:8.2f} ms (min {min(ms):7.2f})  cpu {cpu:8.2f} ms  "
            f"n={len(ms):<4} {vs_target}  {vs_base}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=300, help="queries per measurement")
    ap.add_argument("--loads", type=int, default=7, help="cold registry loads")
    args = ap.parse_args(argv)

    # Warm what is not the reasoner's to measure: the state index and the gazetteer caches.
    registry = load_registry([EMBEDDED])
    for s in SCENARIOS.values():
        obligations_on(s, registry)

    print(f"casus reasoner benchmark — {len(registry)} treaties")
    print("registry load (cold, from YAML, validated; target ≤ "
          f"{LOAD_TARGET_MS:.0f} ms):")
    load_ms = _times(lambda: load_registry([EMBEDDED]), args.loads)
    print(_row("load_registry(files)", load_ms, LOAD_TARGET_MS, None))
    load_cpu = statistics.median(CPU)
    index_ms = _times(lambda: _index.build_index(registry), args.loads * 10)
    print(_row("build_index(registry) (once per load)", index_ms, None, None))

    print(f"one query after load (target ≤ {QUERY_TARGET_MS:.0f} ms, median):")
    ok = load_cpu <= LOAD_TARGET_MS
    for name, s in SCENARIOS.items():
        hot = _times(lambda s=s: obligations_on(s, registry), args.repeat)

        def cold_places(s: Scenario = s) -> None:
            _scope._HOLDERS.clear()
            _scope._TERRITORY.clear()
            _places._ANCESTORS.clear()
            obligations_on(s, registry)

        def no_index(s: Scenario = s) -> None:
            _index._INDEXES.clear()
            obligations_on(s, registry)

        def naive(s: Scenario = s) -> None:
            obligations_on(s, load_registry([EMBEDDED]))

        hot_cpu = list(CPU)
        places_row = _row("same, place-fact memos cleared", _times(cold_places, args.repeat),
                          QUERY_TARGET_MS, None)
        cold_index = _times(no_index, max(20, args.repeat // 5))
        index_row = _row("baseline: index rebuilt per query", cold_index, QUERY_TARGET_MS, None)
        naive_ms = _times(naive, max(3, args.loads))
        naive_row = _row("baseline: naive (re-validate registry)", naive_ms, QUERY_TARGET_MS,
                         None)
        naive_cpu = statistics.median(CPU)
        n = len(obligations_on(s, registry).obligations)
        print(f" {name} ({n} obligations read)")
        CPU[:] = hot_cpu
        print(_row("obligations_on (indexed)", hot, QUERY_TARGET_MS, naive_cpu))
        print(places_row)
        print(index_row)
        print(naive_row)
        ok &= statistics.median(hot_cpu) <= QUERY_TARGET_MS
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
