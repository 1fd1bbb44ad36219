"""The HTTP API's bounds: each limit holds at its edge and answers in the one error shape, heavy
work is gated so light requests keep answering, and the OpenAPI description states all of it."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from casus.web import api
from casus.web import app as web
from casus.web.limits import (
    HEAVY,
    HEAVY_SLOTS,
    MAX_BODY,
    MAX_COMPARE,
    MAX_EVENTS,
    RETRY_AFTER,
    HeavyGate,
    Limits,
)

client = TestClient(web.app)
EVENT = {"date": "2026-01-15", "attackers": ["RUS"], "target": "EST"}


def _is_error(r: httpx.Response, status: int, kind: str | None = None) -> dict:
    assert r.status_code == status, r.text[:300]
    body = r.json()
    assert {"error", "message"} <= set(body) and body["message"], body
    if kind:
        assert body["error"] == kind, body
    return body


# --- limits on what one request may ask for ----------------------------------------------------


def test_a_scenario_of_max_events_is_answered_and_one_more_is_422():
    r = client.post("/obligations", json={"events": [EVENT] * MAX_EVENTS})
    assert r.status_code == 200
    assert len(r.json()["events"]) == MAX_EVENTS
    body = _is_error(client.post("/obligations", json={"events": [EVENT] * (MAX_EVENTS + 1)}),
                     422)
    assert "events" in body["message"] and str(MAX_EVENTS) in body["message"]


def test_compare_counts_distinct_ids_against_its_limit():
    from casus.model.registry import load_registry

    ids = sorted(load_registry().treaties)[:MAX_COMPARE + 1]
    r = client.get("/compare", params=[("ids", i) for i in ids[:MAX_COMPARE] + ids[:3]])
    assert r.status_code == 200  # repeats count once: MAX_COMPARE distinct
    assert [t["id"] for t in r.json()["treaties"]] == ids[:MAX_COMPARE]
    body = _is_error(client.get("/compare", params=[("ids", i) for i in ids]), 400,
                     "InputError")
    assert f"at most {MAX_COMPARE}" in body["message"]
    body = _is_error(client.get("/compare", params=[("ids", "nato-1949"), ("ids", "nato-1949")]),
                     400, "InputError")
    assert "two different treaties" in body["message"]
    r = client.get("/compare", params=[("ids", "nato-1949"), ("ids", "nato-1949"),
                                       ("ids", "rus-prk-2024")])
    assert [t["id"] for t in r.json()["treaties"]] == ["nato-1949", "rus-prk-2024"]


def _asgi(app, method: str, path: str, headers: list, chunks: list[bytes]):
    """Drive an ASGI app by hand: what it sent back, and how many body chunks it read."""
    sent: list[dict] = []
    read = 0

    async def receive():
        nonlocal read
        if read < len(chunks):
            read += 1
            return {"type": "http.request", "body": chunks[read - 1],
                    "more_body": read < len(chunks)}
        await asyncio.sleep(3600)  # pragma: no cover - nothing more to read

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": headers, "root_path": "", "scheme": "http",
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "http_version": "1.1"}
    asyncio.run(app(scope, receive, send))
    return sent, read


def test_a_declared_huge_body_is_413_before_a_byte_of_it_is_read():
    sent, read = _asgi(web.app, "POST", "/read",
                       [(b"content-length", str(10 * MAX_BODY).encode())], [b"x" * 1024] * 4)
    assert sent[0]["status"] == 413 and read == 0
    assert json.loads(sent[1]["body"])["error"] == "PayloadTooLarge"


def test_a_streamed_body_is_cut_off_at_the_limit_not_read_to_its_end():
    chunk = b"y" * (256 * 1024)
    n = MAX_BODY // len(chunk) + 20
    sent, read = _asgi(web.app, "POST", "/read", [], [chunk] * n)
    assert sent[0]["status"] == 413
    assert read == MAX_BODY // len(chunk) + 1 < n  # stopped one chunk past the limit


def test_a_body_just_under_the_limit_is_read():
    text = b"Russia and North Korea signed a treaty on 19 June 2024. "
    body = text * ((MAX_BODY - 1) // len(text))
    assert len(body) <= MAX_BODY
    r = client.post("/read", content=body, headers={"content-type": "text/plain"})
    assert r.status_code == 200


def test_an_answer_over_the_time_limit_is_503_in_the_error_shape(monkeypatch):
    """The real app, with its time limit shortened below what a long scenario takes."""
    monkeypatch.setattr(web.app, "timeout", 0.05)
    started = time.perf_counter()
    r = client.post("/obligations", json={"events": [EVENT] * 20})
    assert time.perf_counter() - started < 1.0  # the answer did not wait for the work
    assert _is_error(r, 503, "Timeout")["message"].startswith("the answer took longer than")


def test_bad_content_length_is_400():
    sent, _ = _asgi(web.app, "POST", "/read", [(b"content-length", b"12x")], [b"hello"])
    assert sent[0]["status"] == 400


# --- heavy requests cannot starve light ones ---------------------------------------------------


def test_heavy_requests_over_capacity_get_busy_while_light_ones_keep_answering(monkeypatch):
    """Hold every heavy slot with scenarios that block until released; then a further heavy
    request is told to come back (503 Busy, Retry-After), and the health check, the treaty
    list, one treaty and the home page answer meanwhile."""
    release = threading.Event()
    entered = threading.Semaphore(0)
    real = api._RAW["_scenario_answer"]

    def blocking(data):
        entered.release()
        release.wait(10)
        return real(data)

    assert HEAVY.pool is None  # no `casus serve` here: heavy work runs in threads
    monkeypatch.setitem(api._RAW, "_scenario_answer", blocking)
    monkeypatch.setattr(HEAVY, "wait", 0.2)

    async def run() -> None:
        transport = httpx.ASGITransport(app=web.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
            held = [asyncio.create_task(c.post("/obligations", json={"events": [EVENT]}))
                    for _ in range(HEAVY_SLOTS)]
            for _ in range(HEAVY_SLOTS):
                assert await asyncio.to_thread(entered.acquire, True, 10)
            assert HEAVY.busy() == HEAVY_SLOTS
            started = time.perf_counter()
            r = await c.post("/obligations", json={"events": [EVENT]})
            assert 0.2 <= time.perf_counter() - started < 2
            _is_error(r, 503, "Busy")
            assert r.headers["retry-after"] == str(RETRY_AFTER)
            _is_error(await c.get("/obligations", params={
                "attacker": "CHN", "target": "USA", "date": "2026-01-15"}), 503, "Busy")
            for path in ("/health", "/treaties", "/treaties/nato-1949", "/", "/map"):
                assert (await c.get(path)).status_code == 200, path
            release.set()
            for task in held:
                assert (await task).status_code == 200
            assert HEAVY.busy() == 0

    try:
        asyncio.run(run())
    finally:
        release.set()


def test_a_slot_is_held_until_the_work_ends_not_until_the_request_gives_up():
    """After a timeout the thread runs on: its slot must stay taken until it finishes."""
    gate = HeavyGate(slots=1, wait=0.05)
    done = threading.Event()

    async def run() -> None:
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(gate.run(lambda: done.wait(5)), 0.05)
        assert gate.busy() == 1  # the request gave up; the work has not
        with pytest.raises(api.Busy):
            await gate.run(lambda: None)
        done.set()
        for _ in range(100):
            if gate.busy() == 0:
                break
            await asyncio.sleep(0.01)
        assert await gate.run(lambda: 42) == 42

    asyncio.run(run())


def test_heavy_answers_from_worker_processes_equal_those_computed_here():
    """What ``casus serve`` does: start workers that load the registry; answers and errors
    (status and body) come back as if computed in the server's own process."""
    import functools

    scenario = {"events": [EVENT]}
    bad_place = {"events": [{**EVENT, "place": "Vilnuis"}]}  # a typo of Vilnius
    here = api._heavy_answer("_scenario_answer", {"data": scenario})
    with pytest.raises(api.Answered) as refused_here:
        api._heavy_answer("_scenario_answer", {"data": bad_place})
    gate = HeavyGate(slots=1, wait=5)
    gate.start_processes(web._worker_init, (None,))
    try:
        async def run():
            first = await gate.run(functools.partial(api._heavy_answer, "_scenario_answer",
                                                     {"data": scenario}))
            with pytest.raises(api.Answered) as refused:
                await gate.run(functools.partial(api._heavy_answer, "_scenario_answer",
                                                 {"data": bad_place}))
            return first, refused.value

        there, refused_there = asyncio.run(run())
    finally:
        gate.stop_processes()
    assert there == here
    assert refused_there.status == refused_here.value.status == 404
    assert refused_there.to_dict() == refused_here.value.to_dict()
    assert refused_there.to_dict()["error"] == "UnknownNameError"


def test_workers_answer_from_the_servers_registry_not_the_embedded_one():
    """``casus serve --atop`` serves a registry of its own: the workers get that one."""
    import dataclasses
    import functools

    from casus.model.registry import load_registry

    full = load_registry()
    without_nato = dataclasses.replace(full, treaties={
        k: v for k, v in full.treaties.items() if k != "nato-1949"})
    scenario = {"events": [EVENT]}
    gate = HeavyGate(slots=1, wait=5)
    gate.start_processes(web._worker_init, (without_nato,))
    try:
        async def run():
            return await gate.run(functools.partial(api._heavy_answer, "_scenario_answer",
                                                    {"data": scenario}))

        body = json.loads(asyncio.run(run())[0])
    finally:
        gate.stop_processes()
    treaties = {o["treaty"] for o in body["obligations"]}
    assert treaties and "nato-1949" not in treaties
    here = json.loads(api._heavy_answer("_scenario_answer", {"data": scenario})[0])
    assert "nato-1949" in {o["treaty"] for o in here["obligations"]}


def test_pages_heavy_parts_survive_the_trip_from_a_worker_process():
    """The scenario page and the article reader compute in the gate too: what comes back from
    a worker renders the same page (HTML kept as markup, not escaped)."""
    import functools

    params = {"attacker": "Russia", "target": "Estonia", "date": "2026-01-15"}
    text = "Russia and North Korea signed a treaty on 19 June 2024."
    here = (web._carried(web._scenario_context, params), web._carried(web._reading_html, text))
    gate = HeavyGate(slots=1, wait=5)
    gate.start_processes()  # no initializer: the first answer loads what it needs
    try:
        async def run():
            return (await gate.run(functools.partial(web._carried, web._scenario_context,
                                                     params)),
                    await gate.run(functools.partial(web._carried, web._reading_html, text)))

        there = asyncio.run(run())
    finally:
        gate.stop_processes()
    (ctx, status), reading = there
    assert status == 200 and reading == here[1]
    assert web.page("scenario.html", **ctx).body == web.page("scenario.html", **here[0][0]).body
    assert "<q>" in str(ctx["answer"]) or "<blockquote" in str(ctx["answer"])



def test_a_worker_leaves_ctrl_c_to_the_server():
    """A terminal's Ctrl-C reaches every process of the group: the workers ignore it (the
    server stops them), instead of each printing a KeyboardInterrupt traceback and dying."""
    import os
    import signal
    import time

    gate = HeavyGate(slots=1, wait=5)
    gate.start_processes()
    try:
        (pid,) = list(gate.pool._processes)
        os.kill(pid, signal.SIGINT)
        time.sleep(0.5)
        assert gate.pool._processes[pid].is_alive()
        assert asyncio.run(gate.run(os.getpid)) == pid   # and it still answers
    finally:
        gate.stop_processes()

def test_a_busy_page_is_503_with_retry_after(monkeypatch):
    monkeypatch.setattr(HEAVY, "wait", 0.05)
    monkeypatch.setattr(HEAVY, "slots", 0)  # no slot at all: every heavy part is refused
    try:
        r = client.get("/scenario", params={"attacker": "RUS", "target": "EST"})
        assert r.status_code == 503 and r.headers["retry-after"] == str(RETRY_AFTER)
        assert "busy" in r.text
        assert client.get("/treaty/nato-1949").status_code == 200  # light pages still answer
    finally:
        HEAVY._by_loop.clear()  # semaphores made with no slot


def test_the_limits_middleware_is_what_the_app_serves():
    assert isinstance(web.app, Limits) and web.app.max_body == MAX_BODY


# --- one error shape ---------------------------------------------------------------------------


@pytest.mark.parametrize("method,path,status,allow", [
    ("DELETE", "/treaties", 405, "GET"),
    ("PUT", "/obligations", 405, "GET, POST"),
    ("POST", "/health", 405, "GET"),
    ("POST", "/", 405, "GET"),  # a page's path, though the API answers what pages do not
    ("DELETE", "/map", 405, "GET"),
    ("GET", "/ui/read", 405, "POST"),
    ("GET", "/no/such/route", 404, None),
    ("GET", "/treaties/nato-1949/extra", 404, None),
])
def test_unknown_routes_and_methods_answer_in_the_error_shape(method, path, status, allow):
    r = client.request(method, path)
    _is_error(r, status)
    if allow:
        assert r.headers["allow"] == allow
        assert allow.split(", ")[0] in r.json()["message"]


@pytest.mark.parametrize("request_kwargs", [
    {"method": "GET", "url": "/obligations", "params": {"attacker": "RUS"}},  # missing
    {"method": "GET", "url": "/obligations", "params": {
        "attacker": "RUS", "target": "EST", "date": "2026-01-15", "kind": "invasion"}},
    {"method": "GET", "url": "/search", "params": {"q": "x" * 201}},  # over max_length
    {"method": "POST", "url": "/obligations", "content": b"{not json",
     "headers": {"content-type": "application/json"}},
    {"method": "POST", "url": "/obligations", "json": {"events": [{**EVENT, "extra": 1}]}},
    {"method": "POST", "url": "/obligations", "json": [1, 2]},
])
def test_fastapi_and_pydantic_validation_errors_are_422_in_the_error_shape(request_kwargs):
    body = _is_error(client.request(**request_kwargs), 422, "InputError")
    assert set(body) == {"error", "message"}


# --- the OpenAPI description --------------------------------------------------------------------


SPEC = client.get("/openapi.json").json()


def _resolve(schema: dict) -> dict:
    ref = schema.get("$ref")
    return SPEC["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


@pytest.mark.parametrize("path,method", [(p, m) for p, ops in SPEC["paths"].items()
                                         for m in ops])
def test_every_operation_documents_a_typed_answer_and_its_errors(path, method):
    op = SPEC["paths"][path][method]
    ok = op["responses"]["200"]["content"]
    for media, body in ok.items():
        schema = _resolve(body["schema"])
        if media == "application/json":
            if schema.get("type") == "array":
                schema = _resolve(schema["items"])
            assert schema.get("properties") and schema.get("required"), (path, schema)
        else:
            assert media == "text/csv" and schema == {"type": "string"}
    errors = {code: r for code, r in op["responses"].items() if code[0] in "45"}
    for code, r in errors.items():
        assert r["content"]["application/json"]["schema"] == {
            "$ref": "#/components/schemas/ErrorBody"}, (path, code)
    params = op.get("parameters", []) + ([1] if "requestBody" in op else [])
    if params:
        assert "422" in errors, path  # anything with input can be outside its schema
    if "requestBody" in op:
        assert "413" in errors, path
    if "Heavy" in op.get("description", ""):
        assert "503" in errors, path


def test_the_limits_are_stated_in_the_description_with_their_values():
    assert f"{MAX_BODY // (1024 * 1024)} MiB" in SPEC["info"]["description"]
    for name in ("MAX_BODY", "MAX_EVENTS", "MAX_COMPARE", "TIMEOUT", "HEAVY_SLOTS", "HEAVY_WAIT"):
        assert name in SPEC["info"]["description"], name
    post = SPEC["paths"]["/obligations"]["post"]
    assert f"at most {MAX_EVENTS} events" in post["description"]
    body = _resolve(post["requestBody"]["content"]["application/json"]["schema"])
    assert body["properties"]["events"]["maxItems"] == MAX_EVENTS
    assert f"{MAX_COMPARE} distinct" in SPEC["paths"]["/compare"]["get"]["description"]
    read = SPEC["paths"]["/read"]["post"]["requestBody"]
    assert set(read["content"]) == {"text/plain", "text/html"} and read["required"]
    assert read["content"]["text/plain"]["schema"]["maxLength"] == MAX_BODY


# --- the real server ----------------------------------------------------------------------------


def test_casus_serve_computes_heavy_answers_in_its_worker_processes():
    """``casus serve`` as people run it (warm-up on): it starts HEAVY_SLOTS workers before it
    listens, and heavy answers (API and page) come from them, equal to the in-process ones."""
    import os
    import socket
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CASUS_WARM": "1", "PYTHONPATH": str(root / "src") + os.pathsep
           + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "casus", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            pytest.fail("casus serve did not answer within 120 s")
        children = {int(c) for f in Path(f"/proc/{proc.pid}/task").glob("*/children")
                    for c in f.read_text().split()}
        workers = [c for c in children
                   if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == HEAVY_SLOTS
        scenario = {"events": [EVENT]}
        served = httpx.post(base + "/obligations", json=scenario, timeout=30)
        assert served.status_code == 200
        here = client.post("/obligations", json=scenario).json()
        assert served.json()["obligations"] == here["obligations"]
        page = httpx.get(base + "/scenario", params={"attacker": "RUS", "target": "EST",
                                                     "date": "2026-01-15"}, timeout=30)
        assert page.status_code == 200 and "Article 5" in page.text
        refused = httpx.post(base + "/obligations", json={"events": [{**EVENT,
                                                                      "place": "Vilnuis"}]},
                             timeout=30)   # a worker's first answer, on a loaded machine
        _is_error(refused, 404, "UnknownNameError")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
