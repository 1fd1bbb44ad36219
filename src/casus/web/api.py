"""The HTTP API: the same library calls as the CLI, as JSON over HTTP.

Every route returns the JSON shape the matching ``casus ... --format json`` command prints, and
every error comes back in one shape, ``{"error", "message", ...}`` (:class:`ErrorBody`), with
400 for bad input (a state name that names no state, or two, included), 404 for an unknown
treaty, place or route, 405 for a method a route does not take, 413 for a body over
``MAX_BODY``, 422 for a parameter or body outside its documented schema (and for bad data),
503 for an answer over ``TIMEOUT`` or heavy work over capacity (see :mod:`casus.web.limits`).
Run it with ``casus serve``; the OpenAPI description is at ``/openapi.json`` (browsable at
``/docs``). The API is read-only. The web pages (:mod:`casus.web.app`) are drawn from these
same endpoints: ``/ties`` (who is tied to whom on a date), ``/states`` (the map's crosswalk),
``/search``, and CSV twins of the tabular answers (``/obligations.csv``, ``/ties.csv``).
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import functools
import io
import json
import threading
import weakref
from collections import OrderedDict
from datetime import date
from typing import Annotated, Any

import anyio.to_thread
from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.routing import Match

from casus import __version__
from casus.dates import parse_date
from casus.errors import CasusError, DataError, InputError, UnknownNameError
from casus.web import schemas
from casus.web.limits import (
    HEAVY,
    HEAVY_SLOTS,
    HEAVY_WAIT,
    MAX_BODY,
    MAX_COMPARE,
    MAX_EVENTS,
    RETRY_AFTER,
    TIMEOUT,
    Answered,
    Busy,
)

_LIMITS = f"""
**Limits** (each a named constant of `casus.web.limits`; see docs/web.md):

* a request body is at most {MAX_BODY // (1024 * 1024)} MiB (`MAX_BODY`), else **413**, checked on
  `Content-Length` before the body is read and while a chunked body streams in;
* a POSTed scenario has at most {MAX_EVENTS} events (`MAX_EVENTS`), else **422**;
* a comparison names at most {MAX_COMPARE} distinct treaties (`MAX_COMPARE`; repeated ids count
  once), else **400**;
* an answer takes at most {TIMEOUT:g} s (`TIMEOUT`), else **503** `Timeout`;
* heavy operations (marked *heavy*) run at most {HEAVY_SLOTS} at once (`HEAVY_SLOTS`); one that
  finds no free slot within {HEAVY_WAIT:g} s (`HEAVY_WAIT`) gets **503** `Busy` with
  `Retry-After: {RETRY_AFTER}`. Light ones (`/health`, `/treaties`, the pages) never wait for them.

Every error has one shape, `ErrorBody`: `{{"error", "message"}}`, plus `suggestions` for an
unknown name and `problems` for bad data.
"""

app = FastAPI(title="casus", version=__version__,
              description="Who is bound to defend whom, why: defence treaties as cited data.\n"
              + _LIMITS)

_STATUS = {UnknownNameError: 404, InputError: 400, DataError: 422, Busy: 503}

_WHY = {400: "Bad input: a date, state or value the API cannot read (the message names it)",
        404: "An unknown name (treaty, place), with close matches in `suggestions`",
        413: f"The body is larger than {MAX_BODY // (1024 * 1024)} MiB (`MAX_BODY`)",
        422: "A parameter or body outside its documented schema, or bad data",
        503: f"Heavy work over capacity (`Busy`, with Retry-After) or an answer over "
             f"{TIMEOUT:g} s (`Timeout`)"}


def _errors(*codes: int) -> dict:
    """The documented error answers of an operation, all in the one error shape."""
    return {code: {"model": schemas.ErrorBody, "description": _WHY[code]} for code in codes}


_HEAVY_NOTE = (f"\n\n*Heavy*: at most {HEAVY_SLOTS} run at once; over capacity for "
               f"{HEAVY_WAIT:g} s, 503 `Busy` with `Retry-After`.")


def _status(exc: CasusError) -> int:
    """The HTTP status of a casus error."""
    if isinstance(exc, Answered):
        return exc.status
    if isinstance(exc, UnknownNameError) and exc.kind == "state":
        return 400  # a state that resolves to none (or to two) is a bad argument, as in the CLI
    return next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)


@app.exception_handler(CasusError)
async def _casus_error(_: Request, exc: CasusError) -> JSONResponse:
    headers = {"Retry-After": str(RETRY_AFTER)} if isinstance(exc, Busy) else None
    return JSONResponse(exc.to_dict(), status_code=_status(exc), headers=headers)


@app.exception_handler(RequestValidationError)
async def _bad_request(_: Request, exc: RequestValidationError) -> JSONResponse:
    """FastAPI's own parameter checks answer in casus' error shape too, naming the field."""
    problems = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "body", "path"))
        problems.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return JSONResponse({"error": "InputError", "message": "; ".join(problems)},
                        status_code=422)


@app.exception_handler(HTTPException)
async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """An unknown route or method: the same shape as every other error. A 405's ``Allow``
    lists every method of the path, not only those of the first route that matched it
    (``/obligations`` takes GET and POST)."""
    status = exc.status_code
    headers = dict(getattr(exc, "headers", None) or {})
    message = str(exc.detail)
    if status in (404, 405):
        allowed = _allowed(request)
        if allowed:  # a 404 here can be a page's path (`POST /`), fallen through to the API
            status = 405
            headers["Allow"] = ", ".join(allowed)
            message = f"{request.method} is not allowed on {request.url.path}; use " \
                f"{' or '.join(allowed)}"
    kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(status, "HTTPError")
    return JSONResponse({"error": kind, "message": message},
                        status_code=status, headers=headers or None)


OUTER: list = []
"""Apps this API is mounted in (the pages): their routes share its paths, so a method one of
them takes is allowed on that path (see :func:`_allowed`)."""


def _allowed(request: Request) -> list[str]:
    """The methods the routes of the answering app, and of the apps around it, take on the
    request's path (their own routes, not their mounts)."""
    apps = [request.scope.get("app"), *OUTER]
    scope = {"type": "http", "path": request.url.path, "root_path": "",
             "method": request.method}
    methods: set[str] = set()
    for app_ in apps:
        for route in getattr(getattr(app_, "router", None), "routes", ()):
            if getattr(route, "methods", None) and route.matches(scope)[0] != Match.NONE:
                methods |= route.methods
    return sorted(methods)


def _date(text: str | None, what: str) -> date | None:
    return None if text is None else parse_date(text, what=what)


_REGISTRY: list = []  # the registry ``casus serve --atop DIR`` built; empty: the embedded one


def use_registry(registry) -> None:
    """Serve answers from this registry (e.g. the embedded one plus ATOP) instead."""
    _REGISTRY[:] = [registry]
    _ties_interval.cache_clear()
    _ties_body.cache_clear()
    _ties_allies.cache_clear()
    _ANSWERS.clear()


def _registry():
    from casus.model.registry import load_registry

    return _REGISTRY[0] if _REGISTRY else load_registry()


class _Answers:
    """Encoded answers kept by request, least recently used out first, up to ``budget`` bytes.

    The registry does not change while the server runs, so a GET answer depends only on its
    parameters and on today's date (the default of several of them). Errors are not kept.
    """

    def __init__(self, budget: int = 64 * 1024 * 1024) -> None:
        self.budget = budget
        self.size = 0
        self.items: OrderedDict[tuple, tuple[bytes, str, dict]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple):
        with self.lock:
            hit = self.items.get(key)
            if hit is not None:
                self.items.move_to_end(key)
            return hit

    def put(self, key: tuple, value: tuple[bytes, str, dict]) -> None:
        if len(value[0]) > self.budget // 8:
            return
        with self.lock:
            if key in self.items:
                return
            self.items[key] = value
            self.size += len(value[0])
            while self.size > self.budget:
                _, (body, _, _) = self.items.popitem(last=False)
                self.size -= len(body)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


_ANSWERS = _Answers()


def _encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                      default=str).encode()


def _answer(fn, kwargs: dict) -> tuple[bytes, str, dict]:
    """Compute and encode one answer (in a worker thread: both are CPU work)."""
    result = fn(**kwargs)
    if isinstance(result, Response):
        return result.body, result.media_type, dict(result.headers)
    return _encode(result), "application/json", {}


_RAW: dict[str, Any] = {}  # heavy endpoints' own functions, by name (their names hold wrappers)


def _heavy_answer(name: str, kwargs: dict) -> tuple[bytes, str, dict]:
    """Compute one heavy answer, in a worker process or thread; a casus error comes back as
    its status and body (:class:`~casus.web.limits.Answered`), whichever side raised it."""
    try:
        return _answer(_RAW[name], kwargs)
    except CasusError as e:
        raise Answered(_status(e), e.to_dict()) from None


def _heavy(fn):
    """Register ``fn`` as heavy work: the gate may send its name to a worker process."""
    _RAW[fn.__name__] = fn
    return fn


async def _run_heavy(fn, **kwargs) -> tuple[bytes, str, dict]:
    return await HEAVY.run(functools.partial(_heavy_answer, fn.__name__, kwargs))


def _respond(answer: tuple[bytes, str, dict]) -> Response:
    body, media_type, headers = answer
    headers = {k: v for k, v in headers.items() if k.lower() not in ("content-length",
                                                                      "content-type")}
    return Response(body, media_type=media_type, headers=headers)


def _kept(heavy: bool = False):
    """Serve a GET endpoint's encoded answer again for the same parameters (see _Answers).

    A kept answer is sent from the event loop at once; a new one is computed in a worker
    thread, through the heavy gate (:data:`casus.web.limits.HEAVY`) when ``heavy``."""

    def decorate(fn):
        if heavy:
            _heavy(fn)  # at import, so that forked workers know it too

        @functools.wraps(fn)
        async def wrapper(**kwargs):
            key = (fn.__name__, date.today(), *sorted(
                (k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
            hit = _ANSWERS.get(key)
            if hit is None:
                if heavy:
                    hit = await _once(key, lambda: _run_heavy(fn, **kwargs))
                else:
                    work = functools.partial(_answer, fn, kwargs)
                    hit = await _once(key, lambda: anyio.to_thread.run_sync(work))
                _ANSWERS.put(key, hit)
            return _respond(hit)

        return wrapper

    return decorate


_PENDING: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # loop -> {key: task}


async def _once(key: tuple, start):
    """Await the answer for ``key``; if it is being computed already, await that same work.

    Requests for one answer that arrive while it is computed (the first visitors of a page,
    a shared link) would each compute it again and each take a heavy slot."""
    pending = _PENDING.setdefault(asyncio.get_running_loop(), {})
    task = pending.get(key)
    if task is None:
        task = pending[key] = asyncio.ensure_future(start())
        task.add_done_callback(lambda _: pending.pop(key, None))
    return await asyncio.shield(task)


# The examples are real questions: the OpenAPI page shows them, and schemathesis sends them
# first, so every answer model is checked against a real answer, not only against refusals.
_Attacker = Annotated[str, Query(max_length=200, examples=["Russia"],
                                 description="a state name or code; `non-state:NAME`")]
_Target = Annotated[str, Query(max_length=200, examples=["Estonia"],
                               description="the state attacked: a name or code")]
_Place = Annotated[str | None, Query(max_length=200, examples=["Narva"], description=(
    "where: a gazetteer name or `lat,lon`; left out, the target's own territory"))]
_DateText = Annotated[str, Query(alias="date", max_length=40, examples=["2026-01-15"],
                                 description="YYYY-MM-DD or `today`")]


@app.get("/health", summary="Whether the server answers (light: never waits for heavy work)",
         response_model=schemas.Health)
async def health() -> dict:
    return {"status": "ok", "version": __version__}


@app.get("/treaties", summary="List treaties (as `casus treaty list --format json`)",
         response_model=list[schemas.TreatySummary], responses=_errors(400, 422))
@_kept()
def list_treaties(in_force_on: Annotated[str | None, Query(max_length=40, description=(
                      "YYYY-MM-DD or `today`: only treaties in force on that day"))] = None,
                  party: Annotated[str | None, Query(max_length=200, description=(
                      "a state name or code: only treaties it is party to"))] = None
                  ) -> list[dict]:
    from casus.model.states import state_code
    from casus.views import to_json

    code = state_code(party) if party else None
    treaties = _registry().select(in_force_on=_date(in_force_on, "in_force_on"), party=code)
    return to_json(list(treaties))


@app.get("/treaties/{treaty_id}", summary="One treaty, every field with its sources",
         response_model=schemas.TreatyDetail, responses=_errors(404, 422))
@_kept()
def show_treaty(treaty_id: Annotated[str, Path(max_length=200, examples=["nato-1949"])]
                ) -> dict:
    from casus.views import to_json

    return to_json(_registry().get(treaty_id))


@app.get("/compare", summary="Treaties side by side, with findings in words",
         description=f"Two to {MAX_COMPARE} distinct treaties (`MAX_COMPARE`; a repeated id "
         "counts once). Fewer than two distinct ids, or more than the limit, is 400."
         + _HEAVY_NOTE,
         response_model=schemas.Comparison, responses=_errors(400, 404, 422, 503))
async def compare(ids: Annotated[list[str], Query(min_length=2, examples=[
                      ["rus-prk-2024", "nato-1949"]], description=(
                      f"treaty ids, 2 to {MAX_COMPARE} distinct"))],
                  on: Annotated[str | None, Query(max_length=40, description=(
                      "YYYY-MM-DD or `today`: compare as on that day"))] = None) -> Response:
    distinct = list(dict.fromkeys(i.strip() for i in ids))
    if len(distinct) < 2:
        raise InputError(f"compare needs two different treaties; got {distinct}")
    if len(distinct) > MAX_COMPARE:
        raise InputError(f"compare takes at most {MAX_COMPARE} treaties a request; got "
                         f"{len(distinct)}")
    return await _compare(ids=distinct, on=on)


@_kept(heavy=True)
def _compare(ids: list[str], on: str | None) -> dict:
    from casus.compare import compare_treaties
    from casus.views import to_json

    reg = _registry()
    return to_json(compare_treaties([reg.get(i) for i in ids], _date(on, "on"), corpus=reg))


@app.get("/obligations", summary="Obligations an attack triggers (as `casus obligations`)",
         description="One event, given as query parameters." + _HEAVY_NOTE,
         response_model=schemas.Assessment, responses=_errors(400, 404, 422, 503))
@_kept(heavy=True)
def obligations(attacker: _Attacker, target: _Target, on: _DateText,
                place: _Place = None, request: bool | None = None,
                provoked: bool | None = None, kind: schemas.EventKind = "armed_attack",
                forces: bool = False, directed_from_abroad: bool | None = None) -> dict:
    from casus.reasoner import Scenario, event_from_text, obligations_on
    from casus.views import to_json

    event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                            on="forces" if forces else "territory", provoked=provoked,
                            directed_from_abroad=directed_from_abroad)
    return to_json(obligations_on(Scenario(events=[event]), _registry()))


@app.post("/obligations", summary="Obligations for a scenario given as JSON",
          description=f"The scenario file's shape as JSON, at most {MAX_EVENTS} events "
          f"(`MAX_EVENTS`) and {MAX_BODY // (1024 * 1024)} MiB (`MAX_BODY`)." + _HEAVY_NOTE,
          response_model=schemas.Assessment, responses=_errors(400, 404, 413, 422, 503))
async def obligations_for_scenario(scenario: schemas.ScenarioBody) -> Response:
    return _respond(await _run_heavy(_scenario_answer,
                                     data=scenario.model_dump(exclude_unset=True)))


@_heavy
def _scenario_answer(data: dict) -> dict:
    from pydantic import ValidationError

    from casus.reasoner import Scenario, obligations_on
    from casus.views import to_json

    try:
        parsed = Scenario.model_validate(data)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"bad scenario: {where}: {first['msg']}") from None
    return to_json(obligations_on(parsed, _registry()))


_ARTICLE = {"type": "string", "minLength": 1, "maxLength": MAX_BODY}


@app.post("/read", summary="Treaty events, reactions and checked claims in an article",
          description=f"The body is the article itself, as HTML (`text/html`) or plain text "
          f"(`text/plain`), in any common encoding; at most {MAX_BODY // (1024 * 1024)} MiB "
          "(`MAX_BODY`), else 413. An empty article is 400." + _HEAVY_NOTE,
          response_model=schemas.ArticleReading, responses=_errors(400, 413, 422, 503),
          openapi_extra={"requestBody": {"required": True, "description": (
              "the article, as HTML or plain text (at most 2 MiB; larger bodies get 413)"),
              "content": {"text/html": {"schema": _ARTICLE, "example": (
                  "<p>Russia and North Korea signed a treaty on 19 June 2024.</p>")},
                          "text/plain": {"schema": _ARTICLE, "example": (
                              "Russia and North Korea signed a treaty on 19 June 2024.")}}}})
async def read(request: Request) -> Response:
    return _respond(await _run_heavy(_read_answer, body=await request.body()))


@_heavy
def _read_answer(body: bytes) -> dict:
    from casus.news import read_article
    from casus.views import to_json

    return to_json(read_article(body, registry=_registry()))


@app.get("/places", summary="Find a place by name or 'lat,lon'",
         description="A gazetteer name, or coordinates as `lat,lon`." + _HEAVY_NOTE,
         response_model=schemas.Place, responses=_errors(400, 404, 422, 503))
@_kept(heavy=True)
def places(q: Annotated[str, Query(max_length=200, examples=["Kursk Oblast"])]) -> dict:
    from casus.gazetteer import describe
    from casus.views import to_json

    return to_json(describe(q))


# --- what the web pages need -------------------------------------------------------------------


def _ties_cached(on: date):
    """The network on a date, computed once per interval of unchanged ties."""
    from casus.web.ties import interval_of

    net = _ties_interval(interval_of(_registry(), on))
    return net if net.on == on else dataclasses.replace(net, on=on)


@functools.lru_cache(maxsize=1024)
def _ties_interval(start: date):
    from casus.web.ties import ties_on

    return ties_on(_registry(), start)


@app.get("/ties", summary="Who is bound to whom on a date, by kind of obligation",
         response_model=schemas.Ties, responses=_errors(400, 422))
def ties(on: Annotated[str, Query(alias="date", max_length=40)] = "today",
         state: Annotated[str | None, Query(max_length=100)] = None) -> Response:
    """Every pair of states a treaty in force on ``date`` binds to each other, with the kinds
    of obligation (defense, consultation, neutrality…) and the treaties and articles (``[article,
    kind]``); the treaties in force, each state's strongest tie, and with ``state`` that state's
    allies as well. The JSON is kept per date: the map asks again as its slider moves."""
    from casus.model.states import state_code

    code = state_code(state) if state else None
    return Response(_ties_json(_date(on, "date"), code), media_type="application/json")


def _ties_json(on: date, state: str | None) -> bytes:
    """The JSON of the ties on ``on``: the interval's body, with the asked-for date in front
    and the chosen state's allies at the end."""
    from casus.web.ties import interval_of

    start = interval_of(_registry(), on)
    body = _ties_body(start)
    if state is not None:
        body = body[:-1] + b"," + _ties_allies(start, state)
    return b'{"date":"' + on.isoformat().encode() + b'",' + body


@functools.lru_cache(maxsize=1024)
def _ties_body(start: date) -> bytes:
    data = _ties_interval(start).to_dict()
    del data["date"]
    return _encode(data)[1:]


@functools.lru_cache(maxsize=4096)
def _ties_allies(start: date, state: str) -> bytes:
    return _encode(_ties_interval(start).allies_dict(state))[1:]


@app.get("/ties.csv", summary="The ties on a date, one row per pair and treaty (CSV)",
         response_class=Response, responses={
             200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
             **_errors(400, 422)})
@_kept()
def ties_csv(on: _DateText = "today") -> Response:
    day = _date(on, "date")
    rows = [["date", "state_a", "state_b", "treaty", "articles", "kinds", "certain"]]
    for tie in _ties_cached(day).ties:
        for t in tie.treaties:
            rows.append([day.isoformat(), tie.a, tie.b, t.treaty,
                         " ".join(a for a, _ in t.articles),
                         " ".join(dict.fromkeys(k for _, k in t.articles)), str(t.certain)])
    return _csv(rows, f"casus-ties-{day}.csv")


@app.get("/obligations.csv", summary="Obligations an attack triggers, one row each (CSV)",
         description="`/obligations` as a table." + _HEAVY_NOTE,
         response_class=Response, responses={
             200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
             **_errors(400, 404, 422, 503)})
@_kept(heavy=True)
def obligations_csv(attacker: _Attacker, target: _Target, on: _DateText,
                    place: _Place = None, request: bool | None = None,
                    provoked: bool | None = None, kind: schemas.EventKind = "armed_attack",
                    forces: bool = False) -> Response:
    from casus.reasoner import Scenario, event_from_text, obligations_on

    event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                            on="forces" if forces else "territory", provoked=provoked)
    assessment = obligations_on(Scenario(events=[event]), _registry())
    rows = [["event", "date", "obligor", "beneficiary", "treaty", "article", "kind",
             "strength", "verdict", "text_status", "decided_by", "reason"]]
    for o in assessment.obligations:
        rows.append([o.event, assessment.events[o.event].event.date.isoformat(), o.obligor,
                     o.beneficiary, o.treaty, o.article, o.kind, o.strength, o.verdict,
                     o.text_status, " ".join(r.rule for r in o.decided_by),
                     o.reasons[0] if o.reasons else ""])
    return _csv(rows, f"casus-obligations-{event.date}.csv")


def _csv(rows: list[list], filename: str) -> Response:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@app.get("/states", summary="Every state casus knows, with the map shape that draws it",
         response_model=list[schemas.StateRow])
@_kept()
def states() -> list[dict]:
    """Code (ISO alpha-3, or ``COW`` + number), name, whether it is historical, its COW number,
    and ``shape``: the world-atlas feature id (ISO numeric) or ``null`` when today's map has no
    shape for it (see docs/web.md for the crosswalk)."""
    from casus.web.crosswalk import states_table

    return states_table()


@app.get("/search", summary="States and treaties matching a few words",
         response_model=schemas.SearchResult, responses=_errors(422))
@_kept()
def search(q: Annotated[str, Query(max_length=200, examples=["warsaw"])]) -> dict:
    """States whose name or code contains ``q`` (or that ``q`` names exactly) and treaties whose
    id, title or short names contain it, at most 10 of each."""
    return search_registry(q)


def search_registry(q: str) -> dict:
    """What ``/search`` answers (the home page's search box renders it too)."""
    from casus.views.treaties import treaty_summary
    from casus.web.crosswalk import states_table

    words = q.casefold().split()
    if not words:
        return {"q": q, "states": [], "treaties": []}

    def hit(text: str) -> bool:
        folded = text.casefold()
        return all(w in folded for w in words)

    found = [s for s in states_table() if hit(f"{s['code']} {s['name']}")]
    found.sort(key=lambda s: (s["historic"], not s["name"].casefold().startswith(words[0]),
                              s["name"]))
    treaties = [treaty_summary(t) for t in _registry()
                if hit(" ".join([t.id, t.title, *t.short_names]))]
    return {"q": q, "states": found[:10], "treaties": treaties[:10]}
