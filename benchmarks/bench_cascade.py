"""Benchmark the cascade: one query (cold and warm) and a 10,000-draw Monte Carlo.

Each number is reported beside a baseline measured in the same process: a per-scenario loop
over ``obligations_on`` that reads, round by round, every state newly at war (what the cascade
does with nothing kept between queries), and, for the Monte Carlo, the same draws done as a
Python loop per draw over the same links. Targets: one cascade query ≤ 50 ms warm; 10,000 draws
≤ 1 s. Peak memory (tracemalloc) is reported for each.

Run: ``python benchmarks/bench_cascade.py [--repeat N]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import tracemalloc

from casus.cascade import cascade
from casus.cascade import core as _core
from casus.cascade.montecarlo import Probabilities, graph_of, monte_carlo
from casus.model.registry import load_registry
from casus.reasoner import Attacker, Event, Scenario, obligations_on

SCENARIOS = {
    "USA→PRK 2026": ("USA", "PRK", "2026-01-15"),
    "RUS→EST 2026": ("RUS", "EST", "2026-01-15"),
    "UKR→RUS Kursk": ("UKR", "RUS", "2024-12-05"),
}


def _loop(reg, attacker: str, target: str, on: str) -> set[str]:
    """The baseline: breadth-first over obligations_on, one call per state newly at war."""
    at_war, frontier = {attacker, target}, [target]
    while frontier:
        nxt = []
        for s in frontier:
            ev = Event(date=on, attackers=[Attacker(name=attacker, code=attacker)], target=s)
            for o in obligations_on(Scenario(events=[ev]), reg).obligations:
                if o.kind == "defense" and o.verdict != "not_triggered" and \
                        o.obligor not in at_war:
                    at_war.add(o.obligor)
                    nxt.append(o.obligor)
        frontier = nxt
    return at_war


def _timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def _python_draws(c, draws: int) -> None:
    g = graph_of(c, Probabilities())
    rnd = random.Random(0)
    for _ in range(draws):
        side = list(g.start)
        honoured = [rnd.random() < p for p in g.p]
        changed = True
        while changed:
            changed = False
            for i in range(len(g.p)):
                if honoured[i] and side[g.ben[i]] == g.side[i] and side[g.obl[i]] == 0:
                    side[g.obl[i]] = g.side[i]
                    changed = True


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    reg = load_registry()
    print(f"{'scenario':16} {'cold ms':>8} {'warm ms':>8} {'loop ms':>8} {'loop/warm':>9} "
          f"{'peak MB':>8}")
    for name, (a, t, on) in SCENARIOS.items():
        scen = Scenario.single(date=on, attackers=[a], target=t)
        _core._LINKS.clear()
        start = time.perf_counter()
        cascade(scen, reg)
        cold = (time.perf_counter() - start) * 1000
        _core._LINKS.clear()
        tracemalloc.start()  # memory on a second cold run (tracemalloc slows what it traces)
        cascade(scen, reg)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        warm = _timed(lambda s=scen: cascade(s, reg), args.repeat)
        loop = _timed(lambda a=a, t=t, on=on: _loop(reg, a, t, on), max(1, args.repeat // 2))
        print(f"{name:16} {cold:8.1f} {warm:8.2f} {loop:8.1f} {loop / warm:9.0f} {peak:8.1f}")
    c = cascade(Scenario.single(date="2026-01-15", attackers=["RUS"], target="EST"), reg)
    tracemalloc.start()
    mc = _timed(lambda: monte_carlo(c, 10_000, 1), 1)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    mc = min(mc, _timed(lambda: monte_carlo(c, 10_000, 1), args.repeat))
    py = _timed(lambda: _python_draws(c, 1000), 1) * 10
    print(f"Monte Carlo RUS→EST, 10,000 draws: {mc:.0f} ms (target ≤ 1000 ms), peak "
          f"{peak:.0f} MB; a Python loop per draw: {py:.0f} ms (×{py / mc:.0f})")


if __name__ == "__main__":
    main()
