"""Benchmark the cascade: one query (cold and warm) and a 10,000-draw Monte Carlo.

Each number is reported beside a baseline measured in the same process: a per-scenario loop
over ``obligations_on`` that reads, round by round, every state newly at war (what the cascade
does with nothing kept between queries), and, for the Monte Carlo, the same draws done as a
Python loop per draw over the same links. Targets: one cascade query ≤ 50 ms warm; 10,000 draws
≤ 1 s. Peak memory (tracemalloc) is reported for each.

Sweeps: one date, every ordered pair (target ≤ 1 s on 2 cores), against ``obligations_on``
for a sample of pairs, scaled to all of them; with ``--years`` (needs ``../shared/data``), the
yearly sweep 1816–2016 with ATOP (target ≤ 60 s), CPU and wall clock.

Run: ``python benchmarks/bench_cascade.py [--repeat N] [--years]``.
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
    ap.add_argument("--years", action="store_true", help="also the 1816–2016 yearly sweep")
    ap.add_argument("--shared", default="../shared/data", help="where ATOP and COW files are")
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
    sweeps(reg, args)


def sweeps(reg, args) -> None:
    from datetime import date
    from pathlib import Path

    from casus.cascade import sweep as _sweep
    from casus.history.cow import read_states

    shared = Path(args.shared)
    states_csv = shared / "peacesciencer" / "cow_states.csv"
    if not states_csv.exists():
        print(f"sweeps skipped: no {states_csv}")
        return
    states = read_states(states_csv)
    on = date(2026, 1, 15)
    _sweep.sweep_date(reg, states, on)  # warm the gazetteer and index
    fresh = []
    for _ in range(max(1, args.repeat // 2)):
        _sweep._READ.clear()
        c0, t0 = time.process_time(), time.perf_counter()
        frame = _sweep.sweep_date(reg, states, on)
        fresh.append((time.process_time() - c0, time.perf_counter() - t0))
    cpu, wall = min(fresh)
    reused = _timed(lambda: _sweep.sweep_date(reg, states, on), args.repeat) / 1000
    codes, _ = _sweep.system_codes(states, on)
    rnd = random.Random(0)
    sample = [tuple(rnd.sample(codes, 2)) for _ in range(200)]
    t0 = time.perf_counter()
    for a, t in sample:
        obligations_on(Scenario.single(date=on, attackers=[a], target=t), reg)
    per_pair = (time.perf_counter() - t0) / len(sample)
    loop = per_pair * frame.height
    _sweep._READ.clear()
    tracemalloc.start()
    _sweep.sweep_date(reg, states, on)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    print(f"sweep {on}, {frame.height:,} pairs: {cpu:.2f} s CPU / {wall:.2f} s wall with "
          f"fresh reasoner answers, {reused:.2f} s reused (target ≤ 1 s); obligations_on per "
          f"pair: {loop:.0f} s (×{loop / wall:.0f}); peak {peak:.0f} MB")
    if not args.years:
        return
    from functools import partial

    from casus.cli import _sweep_registry

    atop = shared / "atop-4.01"
    days = [date(y, 1, 1) for y in range(1816, 2017)]
    c0, t0 = time.process_time(), time.perf_counter()
    frame = _sweep.sweep_years(partial(_sweep_registry, str(atop)), str(states_csv), days)
    print(f"sweep 1816–2016 yearly with ATOP, {frame.height:,} pairs: "
          f"{time.process_time() - c0:.0f} s CPU, {time.perf_counter() - t0:.0f} s wall "
          "(target ≤ 60 s)")


if __name__ == "__main__":
    main()
