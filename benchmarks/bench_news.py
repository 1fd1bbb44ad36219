"""Throughput of ``casus.news.read_article`` on the news-dev articles and the seed.

Run: ``python benchmarks/bench_news.py [--rounds N] [--workers N]``

Measured in one process, on the same texts:

* baseline: trafilatura extracting each article wrapped as a minimal HTML page (what reading an
  HTML article costs before any of our rules run);
* clean only: our decoding and boilerplate rules on the plain texts;
* read_article, one process;
* read_article, a process pool (``--workers``, default: the CPU count).

Each line prints articles per second and its ratio to the baseline. The reader's one-off cost
(loading the state name index, about a second on first use, then cached on disk) is paid by a
warm-up call and by each pool worker's initializer, outside the timings.
"""

from __future__ import annotations

import argparse
import html
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve()
# ../shared beside the clone, or further up from a git worktree, or CASUS_SHARED
SHARED = Path(os.environ.get("CASUS_SHARED") or next(
    (d / "shared" for d in HERE.parents[2:] if (d / "shared").is_dir()),
    HERE.parents[2] / "shared"))
FIXTURES = HERE.parents[1] / "tests" / "fixtures" / "news"


def _articles() -> list[bytes]:
    paths = sorted((SHARED / "data" / "news-dev").glob("*.txt")) + sorted(
        (SHARED / "seed").glob("*.txt"))
    if not paths:
        print(f"shared articles not found under {SHARED}; using tests/fixtures/news",
              file=sys.stderr)
        paths = sorted(FIXTURES.rglob("*.txt"))
    return [p.read_bytes() for p in paths]


def _as_html(text: bytes) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.decode("utf-8").split("\n") if p)
    return f"<html><head><title>t</title></head><body><article>{paras}</article></body></html>"


def _warm() -> None:
    from casus.news import read_article

    read_article("Russia and North Korea signed a treaty. Japan expressed concern.")


def _read(data: bytes) -> int:
    from casus.news import read_article

    r = read_article(data)
    return len(r.events) + len(r.reactions) + len(r.claims)


def _rate(fn, items, rounds: int) -> float:
    t0 = time.perf_counter()
    for _ in range(rounds):
        for x in items:
            fn(x)
    return rounds * len(items) / (time.perf_counter() - t0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    import trafilatura

    from casus.news.clean import clean

    articles = _articles()
    pages = [_as_html(a) for a in articles]
    _warm()
    trafilatura.bare_extraction(pages[0])

    base = _rate(lambda p: trafilatura.bare_extraction(p, with_metadata=True), pages,
                 args.rounds)
    cleaning = _rate(clean, articles, args.rounds)
    single = _rate(_read, articles, args.rounds)
    with ProcessPoolExecutor(args.workers, initializer=_warm) as pool:
        list(pool.map(_read, articles))  # start the workers
        t0 = time.perf_counter()
        work = articles * args.rounds
        list(pool.map(_read, work, chunksize=max(1, len(work) // (4 * args.workers))))
        pooled = len(work) / (time.perf_counter() - t0)

    print(f"{len(articles)} articles x {args.rounds} rounds, {args.workers} workers")
    for name, rate in [("baseline: trafilatura extraction", base), ("clean only", cleaning),
                       ("read_article, 1 process", single),
                       (f"read_article, {args.workers} processes", pooled)]:
        print(f"  {name:<36} {rate:8.1f} articles/s   x{rate / base:5.2f} of baseline")
    target = 20.0
    print(f"target >= {target:.0f} articles/s: "
          f"{'met' if max(single, pooled) >= target else 'NOT met'}")


if __name__ == "__main__":
    main()
