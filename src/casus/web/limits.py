"""The HTTP API's bounds: how much one request may ask for, and how much work runs at once.

Every bound answers in the API's one error shape, ``{"error", "message"}``: 413 for a body over
``MAX_BODY`` (checked on ``Content-Length``; a chunked body is read here up to the limit, then
replayed), 503 ``Timeout`` when an answer takes longer than ``TIMEOUT``, 503 ``Busy`` (with
``Retry-After``) when every slot for heavy work is taken for longer than ``HEAVY_WAIT``. The
middleware is plain ASGI, so it adds no per-request cost beyond a header look-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import multiprocessing
import os
import signal
import time
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

import anyio.to_thread

from casus.errors import CasusError

MAX_BODY = 2 * 1024 * 1024  # 2 MiB: a long news article in HTML is well under 1 MiB
TIMEOUT = 20.0  # seconds one request may take, answer included
MAX_EVENTS = 50  # events in one POSTed scenario (each is a full reasoning pass)
MAX_COMPARE = 8  # distinct treaties in one comparison (a wider table is unreadable anyway)
HEAVY_SLOTS = 2  # heavy answers computed at once, each in a worker process of its own
HEAVY_WAIT = 2.0  # seconds a heavy request waits for a slot before it is told to come back
RETRY_AFTER = 1  # seconds, the Retry-After of a Busy answer

T = TypeVar("T")


class Busy(CasusError):
    """Every slot for heavy work stayed taken for ``HEAVY_WAIT`` seconds: come back soon."""


class Answered(CasusError):
    """A casus error raised by heavy work, carried back as its HTTP status and error body
    (an error raised in a worker process must cross a pickle, which casus errors' own
    constructors do not survive)."""

    def __init__(self, status: int, body: dict) -> None:
        self.status = status
        self.body = body
        super().__init__(str(body.get("message", "")))

    def __reduce__(self):
        return Answered, (self.status, self.body)

    def to_dict(self) -> dict:
        return dict(self.body)


def _worker_start(initializer: Callable[..., object] | None, *initargs: object) -> None:
    """A worker's first act: leave Ctrl-C to the server, which stops its workers itself (a
    terminal sends SIGINT to every process of the group, and each idle worker printed a
    KeyboardInterrupt traceback), then run ``initializer(*initargs)``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if initializer is not None:
        initializer(*initargs)


def _ready() -> int:
    """A worker's first tasks: hold it a moment, so the next task goes to another worker."""
    time.sleep(0.1)
    return os.getpid()


class HeavyGate:
    """At most ``slots`` heavy answers computed at once, in worker processes (or threads).

    Heavy work (reasoning over scenarios, reading articles, comparing treaties, places) is
    CPU-bound Python. Unbounded, a burst of it would take every core; and in threads of the
    server's own process it holds the interpreter lock, so the light answers (the health
    check, the treaty list, one treaty, the pages), which the event loop serves, queue behind
    it. :meth:`start_processes` (``casus serve`` calls it before it listens) starts ``slots``
    worker processes, each loading what the answers need, so heavy work runs beside the event
    loop instead of taking turns with it; until then, or if a worker dies, the work runs in
    threads. The workers are spawned, not forked: with forked workers (sharing the server's
    memory copy-on-write) the server itself stalled, p99 516 ms instead of 7 ms on cached
    answers alone (measured; most likely each shared page copied at the server's first write
    to it, reference counts included).

    A heavy request waits at most ``wait`` seconds for a slot, then gets
    :class:`Busy`. The slot is given back when the work finishes, not when the request stops
    waiting (after a timeout the work runs on), so ``slots`` really bounds the work under way.
    """

    def __init__(self, slots: int = HEAVY_SLOTS, wait: float = HEAVY_WAIT) -> None:
        self.slots = slots
        self.wait = wait
        self.pool: ProcessPoolExecutor | None = None
        # one semaphore per event loop: asyncio's are bound to the loop that first waits on
        # them, and a test client may run each request on a loop of its own
        self._by_loop: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        sem = self._by_loop.get(loop)
        if sem is None:
            sem = self._by_loop[loop] = asyncio.Semaphore(self.slots)
        return sem

    def start_processes(self, initializer: Callable[..., object] | None = None,
                        initargs: tuple = ()) -> None:
        """Start the workers and wait until each has run ``initializer(*initargs)`` (load the
        registry, the indexes...); every later heavy answer is computed in them."""
        if self.pool is not None:
            return
        self.pool = ProcessPoolExecutor(self.slots, mp_context=multiprocessing.get_context(
            "spawn"), initializer=_worker_start, initargs=(initializer, *initargs))
        # wait until every worker has answered once: all are started and initialised
        seen: set[int] = set()
        while len(seen) < self.slots:
            seen |= {f.result() for f in [self.pool.submit(_ready) for _ in range(self.slots)]}

    def stop_processes(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def busy(self) -> int:
        """Slots taken now on the running loop."""
        return self.slots - self._semaphore()._value

    async def run(self, fn: Callable[[], T]) -> T:
        """``fn()`` in a worker thread once a slot is free; :class:`Busy` after ``wait`` s."""
        sem = self._semaphore()
        if sem.locked():
            try:
                await asyncio.wait_for(sem.acquire(), self.wait)
            except TimeoutError:
                raise Busy(f"the server is busy with {self.slots} heavy requests; retry in "
                           f"{RETRY_AFTER} s") from None
        else:
            await sem.acquire()  # free now: no timer, so no race between timer and slot
        loop = asyncio.get_running_loop()

        def release(*_) -> None:
            # the loop may be gone (a test client's): then nothing waits on the slot
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(sem.release)

        pool = self.pool
        if pool is not None:
            try:
                future = pool.submit(fn)
            except (BrokenProcessPool, RuntimeError):
                self.pool = None  # a worker died: go on in threads rather than fail
            else:
                future.add_done_callback(release)
                try:
                    return await asyncio.wrap_future(future)
                except BrokenProcessPool:
                    self.pool = None  # a worker died under this request: threads from now
                    raise Busy(f"a worker stopped; retry in {RETRY_AFTER} s") from None

        def work() -> T:
            try:
                return fn()
            finally:
                release()

        return await anyio.to_thread.run_sync(work, abandon_on_cancel=True)

    def __call__(self, fn: Callable[..., T]) -> Callable[..., T]:
        """Decorate a sync endpoint: it becomes async and runs through the gate."""

        @functools.wraps(fn)
        async def gated(**kwargs):
            return await self.run(functools.partial(fn, **kwargs))

        return gated


HEAVY = HeavyGate()


class Limits:
    """ASGI middleware: refuse bodies over ``max_body`` bytes; stop waiting after ``timeout``."""

    def __init__(self, app, max_body: int = MAX_BODY, timeout: float = TIMEOUT) -> None:
        self.app = app
        self.max_body = max_body
        self.timeout = timeout

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and not length.strip().isdigit():
            await self._error(send, 400, "InputError",
                              f"bad Content-Length header {length[:40]!r}: expected a number")
            return
        if length is not None and int(length) > self.max_body:
            await self._error(send, 413, "PayloadTooLarge", self._too_large())
            return
        if length is None and scope.get("method") in ("POST", "PUT", "PATCH"):
            # a streamed (chunked) body: read it here, up to the limit, then replay it
            chunks, seen, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunks.append(message.get("body", b""))
                seen += len(chunks[-1])
                more = message.get("more_body", False)
                if seen > self.max_body:
                    await self._error(send, 413, "PayloadTooLarge", self._too_large())
                    return
            pending = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]
            original = receive

            async def replay():
                return pending.pop() if pending else await original()

            receive = replay
        started = False

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.timeout)
        except TimeoutError:
            if not started:
                await self._error(send, 503, "Timeout",
                                  f"the answer took longer than {self.timeout:g} s; try a "
                                  "shorter article or a simpler scenario")

    def _too_large(self) -> str:
        return (f"the request body is larger than {self.max_body // (1024 * 1024)} MiB; "
                "send a single article (its HTML or text), not a whole site")

    @staticmethod
    async def _error(send, status: int, kind: str, message: str) -> None:
        body = json.dumps({"error": kind, "message": message}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
