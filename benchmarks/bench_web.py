"""Benchmark the web app on loopback: a bounded load test, throughput, first paint, map redraw.

Starts a real ``casus serve`` on 127.0.0.1 (a free port; only loopback is ever targeted), then:

1. **open loop** — a mixed request stream at a fixed rate (default 200 req/s for 30 s); each
   latency is measured from the request's *scheduled* time, so a stalled server cannot hide
   its queue (no coordinated omission). Run three times: on a fresh server (*cold*: the first
   map dates, scenarios and pages are computed and kept), again (*warm*, as in service), and
   warm with heavy work mixed in (*heavy*): a share of the requests (``--heavy-share``, 5 %)
   are POSTed scenarios and articles, which no cache answers and which run through the
   server's heavy-work gate. Latencies are reported by class: *light* (``/health``,
   ``/treaties``, one treaty, the pages), *kept* (the other GETs, mostly answered from the
   server's cache) and *heavy*. Targets: zero errors, p99 ≤ 50 ms, and light requests' p99
   ≤ 50 ms while heavy ones run.
2. **closed loop** — 32 concurrent clients, each sending its next request when the last one
   answers, for 10 s: the throughput the server sustains.
3. **pages** (when Playwright and chromium are installed) — first contentful paint of the
   home page and the map, warm (target ≤ 1 s), and how long the map takes to recolour after a
   date change (fetch + redraw, target ≤ 200 ms), median of 20 dates.

The mix: ``/ties`` at random dates (the map's slider), ``/treaties``, ``/treaties/{id}``,
``/obligations`` (three scenarios), ``/search``, ``/compare``, ``/states``, ``/health`` and two
pages; in the heavy phase also ``POST /obligations`` (random attacker, target and date, one
event) and ``POST /read`` (the seed article).

Run: ``python benchmarks/bench_web.py [--rate 200] [--seconds 30] [--clients 32]
[--heavy-share 0.05] [--no-pages]``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

import httpx  # only to wait for the server to answer

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # loopback only

LIGHT = ("/health", "/treaties", "/treaties/{id}", "/", "/map")
STATES = ["RUS", "USA", "CHN", "EST", "POL", "PRK", "KOR", "JPN", "TUR", "GRC", "IND", "PAK",
          "FRA", "DEU", "UKR", "BLR", "IRN", "ISR", "EGY", "BRA"]
ARTICLE = next((Path("/work/shared/seed").glob("*.txt")), None)
ARTICLE_TEXT = (ARTICLE.read_bytes() if ARTICLE else
                b"Russia and North Korea signed a comprehensive strategic partnership treaty on "
                b"19 June 2024; it entered into force on 4 December 2024.")

OBLIGATIONS = [
    {"attacker": "UKR", "target": "RUS", "place": "Kursk Oblast", "date": "2024-12-05"},
    {"attacker": "RUS", "target": "EST", "date": "2026-01-15"},
    {"attacker": "CHN", "target": "USA", "place": "Hawaii", "date": "2026-01-15"},
]


Request = tuple[str, str, bytes, str]  # method, path, body, content type


def _heavy(rng: random.Random) -> Request:
    """A request no cache answers: a new scenario, or an article to read."""
    if rng.random() < 0.8:
        attacker, target = rng.sample(STATES, 2)
        day = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 76))
        body = json.dumps({"events": [{"date": day.isoformat(), "attackers": [attacker],
                                       "target": target}]}).encode()
        return "POST", "/obligations", body, "application/json"
    return "POST", "/read", ARTICLE_TEXT, "text/plain"


def _mix(rng: random.Random, heavy_share: float = 0.0) -> Request:
    if rng.random() < heavy_share:
        return _heavy(rng)
    return "GET", _light_or_kept(rng), b"", ""


def _light_or_kept(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:
        return "/health"
    if roll < 0.35:
        day = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 76))
        state = rng.choice(["", "&state=POL", "&state=USA", "&state=RUS"])
        return f"/ties?date={day}{state}"
    if roll < 0.50:
        return "/treaties?in_force_on=2025-01-01"
    if roll < 0.60:
        return "/treaties/" + rng.choice(["nato-1949", "rus-prk-2024", "warsaw-pact-1955"])
    if roll < 0.72:
        return "/obligations?" + urlencode(rng.choice(OBLIGATIONS))
    if roll < 0.80:
        return "/search?q=" + rng.choice(["pol", "nato", "warsaw", "korea", "rio"])
    if roll < 0.86:
        return "/compare?ids=rus-prk-2024&ids=nato-1949"
    if roll < 0.90:
        return "/states"
    return rng.choice(["/", "/map?state=POL&date=1990-01-01"])


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class _Conn:
    """One keep-alive HTTP/1.1 connection on raw asyncio streams: the load generator must cost
    far less CPU than the server it loads (httpx would take a core of its own at 200 req/s)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer

    @classmethod
    async def open(cls, port: int) -> _Conn:
        return cls(*await asyncio.open_connection(HOST, port))

    async def get(self, path: str) -> int:
        return await self.request(("GET", path, b"", ""))

    async def request(self, req: Request) -> int:
        method, path, body, ctype = req
        head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\n"
        if method != "GET":
            head += f"Content-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
        self.writer.write(head.encode() + b"\r\n" + body)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = 0
        for line in head.split(b"\r\n"):
            if line[:15].lower() == b"content-length:":
                length = int(line[15:])
        await self.reader.readexactly(length)
        return status

    def close(self) -> None:
        self.writer.close()


async def _pool(port: int, size: int) -> asyncio.Queue:
    pool: asyncio.Queue = asyncio.Queue()
    for _ in range(size):
        pool.put_nowait(await _Conn.open(port))
    return pool


async def _send(pool: asyncio.Queue, port: int, req: Request) -> int:
    conn = await pool.get()
    try:
        status = await conn.request(req)
    except (OSError, asyncio.IncompleteReadError, ValueError):
        conn.close()
        conn = await _Conn.open(port)  # replace the broken connection
        pool.put_nowait(conn)
        raise
    pool.put_nowait(conn)
    return status


def _kind(req: Request) -> str:
    """The endpoint a request goes to, with a treaty's id written ``{id}``."""
    method, path, _, _ = req
    path = path.split("?")[0]
    if path.startswith("/treaties/"):
        path = "/treaties/{id}"
    return path if method == "GET" else f"{method} {path}"


def _class(kind: str) -> str:
    if kind in LIGHT:
        return "light"
    return "heavy" if kind.startswith("POST") else "kept"


async def open_loop(port: int, rate: float, seconds: float, heavy_share: float = 0.0) -> dict:
    rng = random.Random(1)
    n = int(rate * seconds)
    reqs = [_mix(rng, heavy_share) for _ in range(n)]
    latencies: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    pool = await _pool(port, 64)
    start = time.perf_counter()

    async def one(i: int, req: Request) -> None:
        scheduled = start + i / rate
        await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
        try:
            status = await _send(pool, port, req)
            if status >= 400:
                key = f"{status} {_kind(req)}"
                errors[key] = errors.get(key, 0) + 1
        except (OSError, asyncio.IncompleteReadError, ValueError) as e:
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
        ms = (time.perf_counter() - scheduled) * 1000
        latencies.append(ms)
        by_kind.setdefault(_kind(req), []).append(ms)

    await asyncio.gather(*(one(i, r) for i, r in enumerate(reqs)))
    elapsed = time.perf_counter() - start
    by_class: dict[str, list[float]] = {}
    for kind, values in by_kind.items():
        by_class.setdefault(_class(kind), []).extend(values)
    summary = {k: (len(v), _pct(v, 0.5), _pct(v, 0.99), max(v)) for k, v in by_class.items()}
    return {"requests": n, "achieved_rps": n / elapsed, "errors": errors,
            "by_kind": {k: (len(v), _pct(v, 0.5), _pct(v, 0.99)) for k, v in by_kind.items()},
            "by_class": summary,
            "p50_ms": _pct(latencies, 0.50), "p90_ms": _pct(latencies, 0.90),
            "p99_ms": _pct(latencies, 0.99), "max_ms": max(latencies)}


async def closed_loop(port: int, clients: int, seconds: float) -> dict:
    done = 0
    errors = 0
    latencies: list[float] = []
    stop = time.perf_counter() + seconds

    async def worker(seed: int) -> None:
        nonlocal done, errors
        rng = random.Random(seed)
        conn = await _Conn.open(port)
        while time.perf_counter() < stop:
            t = time.perf_counter()
            status = await conn.request(_mix(rng))
            latencies.append((time.perf_counter() - t) * 1000)
            done += 1
            errors += status >= 400
        conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker(i) for i in range(clients)))
    elapsed = time.perf_counter() - start
    return {"clients": clients, "requests": done, "rps": done / elapsed, "errors": errors,
            "p50_ms": _pct(latencies, 0.5), "p99_ms": _pct(latencies, 0.99)}


def pages(base: str) -> dict | None:
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if chromium is None:
        return None
    out: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for path in ("/", "/map?state=POL"):
            page.goto(base + path)  # cold: fills the browser cache
            page.wait_for_load_state("networkidle")
            paints = []
            for _ in range(5):
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                paints.append(page.evaluate("""() => new Promise(done => new PerformanceObserver(
                    (list, obs) => { obs.disconnect(); done(list.getEntries()[0].startTime); })
                    .observe({type: 'paint', buffered: true}))"""))
            out[f"first_paint_ms {path}"] = statistics.median(paints)
        page.wait_for_selector("#map[data-rendered]")
        rng = random.Random(2)
        times = []
        for _ in range(20):
            day = date(1950, 1, 1) + timedelta(days=rng.randrange(0, 365 * 76))
            ms = page.evaluate("""async (day) => {
                const el = document.getElementById('map');
                const t0 = performance.now();
                window.casusMap.setDate(day, {panel: false});
                while (el.dataset.rendered !== day + '|POL') {
                    await new Promise(r => requestAnimationFrame(r));
                }
                return performance.now() - t0;
            }""", day.isoformat())
            times.append(ms)
        out["map_date_change_ms median"] = statistics.median(times)
        out["map_date_change_ms max"] = max(times)
        browser.close()
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process and its live children (the server's workers for
    heavy answers) have used (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            with contextlib.suppress(OSError):  # it ended meanwhile
                total += _cpu_seconds(int(child))
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rate", type=float, default=200.0)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--heavy-share", type=float, default=0.05,
                    help="share of uncached POSTs in the heavy phase (default 0.05)")
    ap.add_argument("--phases", default="cold,warm,heavy",
                    help="open-loop phases to run, in order (default cold,warm,heavy)")
    ap.add_argument("--no-pages", action="store_true", help="skip the browser measurements")
    args = ap.parse_args()
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep
           + os.environ.get("PYTHONPATH", "")}
    server = subprocess.Popen([sys.executable, "-m", "casus", "serve", "--host", HOST,
                               "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://{HOST}:{port}"
    try:
        for _ in range(200):
            try:
                if httpx.get(base + "/treaties", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        shares = {"cold": 0.0, "warm": 0.0, "heavy": args.heavy_share}
        for phase in args.phases.split(","):
            share = shares[phase]
            cpu0, load0 = _cpu_seconds(server.pid), os.getloadavg()[0]
            ol = asyncio.run(open_loop(port, args.rate, args.seconds, share))
            cpu = _cpu_seconds(server.pid) - cpu0
            print(f"open loop ({phase}), {args.rate:g} req/s for {args.seconds:g} s: "
                  f"{ol['requests']} requests, {ol['achieved_rps']:.0f} req/s achieved, "
                  f"errors {ol['errors'] or 0}")
            print(f"  latency from scheduled time: p50 {ol['p50_ms']:.1f} ms, p90 "
                  f"{ol['p90_ms']:.1f} ms, p99 {ol['p99_ms']:.1f} ms (target ≤ 50), "
                  f"max {ol['max_ms']:.1f} ms")
            print(f"  server CPU {cpu * 1000 / ol['requests']:.2f} ms per request "
                  f"({cpu / args.seconds:.0%} of one core); machine load average {load0:.1f} "
                  f"on {os.cpu_count()} cores (other work on the machine lengthens the tail)")
            for cls, (count, p50, p99, top) in sorted(ol["by_class"].items()):
                target = " (target ≤ 50)" if cls == "light" else ""
                print(f"  {cls}: {count} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
                      f"{target}, max {top:.1f} ms")
            for kind, (count, p50, p99) in sorted(ol["by_kind"].items()):
                print(f"    {kind}: {count} requests, p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        cl = asyncio.run(closed_loop(port, args.clients, 10.0))
        print(f"closed loop, {cl['clients']} clients for 10 s: {cl['rps']:.0f} req/s, "
              f"p50 {cl['p50_ms']:.1f} ms, p99 {cl['p99_ms']:.1f} ms, errors {cl['errors']}")
        pg = None if args.no_pages else pages(base)
        if pg is None:
            print("pages: skipped (playwright or chromium not installed)")
        else:
            for k, v in pg.items():
                print(f"{k}: {v:.0f}")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
