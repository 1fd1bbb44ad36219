"""The HTTP API: the same library calls as the CLI, as JSON over HTTP.

Every route returns the JSON shape the matching ``casus ... --format json`` command prints, and
every error the library raises comes back in one shape, ``{"error", "message", ...}``, with
400 for bad input (a state name that names no state, or two, included), 404 for an unknown
treaty or place (with close matches) and 422 for bad data.
Run it with ``casus serve``; the OpenAPI description is at ``/openapi.json`` (browsable at
``/docs``). The API is read-only. The web pages (:mod:`casus.web.app`) are drawn from these
same endpoints: ``/ties`` (who is tied to whom on a date), ``/states`` (the map's crosswalk),
``/search``, and CSV twins of the tabular answers (``/obligations.csv``, ``/ties.csv``).
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import io
import json
import threading
from collections import OrderedDict
from datetime import date
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from casus import __version__
from casus.dates import parse_date
from casus.errors import CasusError, DataError, InputError, UnknownNameError

app = FastAPI(title="casus", version=__version__,
              description="Who is bound to defend whom, why: defence treaties as cited data.")

_STATUS = {UnknownNameError: 404, InputError: 400, DataError: 422}


@app.exception_handler(CasusError)
async def _casus_error(_: Request, exc: CasusError) -> JSONResponse:
    status = next((code for kind, code in _STATUS.items() if isinstance(exc, kind)), 400)
    if isinstance(exc, UnknownNameError) and exc.kind == "state":
        status = 400  # a state that resolves to none (or to two) is a bad argument, as in the CLI
    return JSONResponse(exc.to_dict(), status_code=status)


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
async def _http_error(_: Request, exc: HTTPException) -> JSONResponse:
    """An unknown route or method: the same shape as every other error."""
    kind = {404: "NotFound", 405: "MethodNotAllowed"}.get(exc.status_code, "HTTPError")
    return JSONResponse({"error": kind, "message": str(exc.detail)},
                        status_code=exc.status_code, headers=getattr(exc, "headers", None))


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


def _kept(fn):
    """Serve a GET endpoint's encoded answer again for the same parameters (see _Answers)."""

    @functools.wraps(fn)
    def wrapper(**kwargs):
        key = (fn.__name__, date.today(), *sorted(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in kwargs.items()))
        hit = _ANSWERS.get(key)
        if hit is None:
            result = fn(**kwargs)
            if isinstance(result, Response):
                hit = (result.body, result.media_type, dict(result.headers))
            else:
                hit = (_encode(result), "application/json", {})
            _ANSWERS.put(key, hit)
        body, media_type, headers = hit
        headers = {k: v for k, v in headers.items() if k.lower() not in ("content-length",
                                                                          "content-type")}
        return Response(body, media_type=media_type, headers=headers)

    return wrapper


@app.get("/treaties", summary="List treaties (as `casus treaty list --format json`)")
@_kept
def list_treaties(in_force_on: str | None = None, party: str | None = None) -> list[dict]:
    from casus.model.states import state_code
    from casus.views import to_json

    code = state_code(party) if party else None
    treaties = _registry().select(in_force_on=_date(in_force_on, "in_force_on"), party=code)
    return to_json(list(treaties))


@app.get("/treaties/{treaty_id}", summary="One treaty, every field with its sources")
@_kept
def show_treaty(treaty_id: str) -> dict:
    from casus.views import to_json

    return to_json(_registry().get(treaty_id))


@app.get("/compare", summary="Treaties side by side, with findings in words")
@_kept
def compare(ids: Annotated[list[str], Query(min_length=2)], on: str | None = None) -> dict:
    from casus.compare import compare_treaties
    from casus.views import to_json

    reg = _registry()
    return to_json(compare_treaties([reg.get(i) for i in ids], _date(on, "on"), corpus=reg))


@app.get("/obligations", summary="Obligations an attack triggers (as `casus obligations`)")
@_kept
def obligations(attacker: str, target: str, on: Annotated[str, Query(alias="date")],
                place: str | None = None, request: bool | None = None,
                provoked: bool | None = None, kind: str = "armed_attack",
                forces: bool = False, directed_from_abroad: bool | None = None) -> dict:
    from casus.reasoner import Scenario, event_from_text, obligations_on
    from casus.views import to_json

    event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                            on="forces" if forces else "territory", provoked=provoked,
                            directed_from_abroad=directed_from_abroad)
    return to_json(obligations_on(Scenario(events=[event]), _registry()))


@app.post("/obligations", summary="Obligations for a scenario given as JSON")
def obligations_for_scenario(scenario: Annotated[dict[str, Any], Body()]) -> dict:
    from pydantic import ValidationError

    from casus.reasoner import Scenario, obligations_on
    from casus.views import to_json

    try:
        parsed = Scenario.model_validate(scenario)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"bad scenario: {where}: {first['msg']}") from None
    return to_json(obligations_on(parsed, _registry()))


@app.post("/read", summary="Treaty events, reactions and checked claims in an article",
          openapi_extra={"requestBody": {"required": True, "description": (
              "the article, as HTML or plain text (at most 2 MiB; larger bodies get 413)"),
              "content": {"text/html": {"schema": {"type": "string", "maxLength": 2097152}},
                          "text/plain": {"schema": {"type": "string",
                                                    "maxLength": 2097152}}}}})
async def read(request: Request) -> dict:
    from casus.news import read_article
    from casus.views import to_json

    return to_json(read_article(await request.body(), registry=_registry()))


@app.get("/places", summary="Find a place by name or 'lat,lon'")
@_kept
def places(q: str) -> dict:
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
         responses={200: {"content": {"application/json": {}}}})
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
         response_class=Response, responses={200: {"content": {"text/csv": {}}}})
@_kept
def ties_csv(on: Annotated[str, Query(alias="date")] = "today") -> Response:
    day = _date(on, "date")
    rows = [["date", "state_a", "state_b", "treaty", "articles", "kinds", "certain"]]
    for tie in _ties_cached(day).ties:
        for t in tie.treaties:
            rows.append([day.isoformat(), tie.a, tie.b, t.treaty,
                         " ".join(a for a, _ in t.articles),
                         " ".join(dict.fromkeys(k for _, k in t.articles)), str(t.certain)])
    return _csv(rows, f"casus-ties-{day}.csv")


@app.get("/obligations.csv", summary="Obligations an attack triggers, one row each (CSV)",
         response_class=Response, responses={200: {"content": {"text/csv": {}}}})
@_kept
def obligations_csv(attacker: str, target: str, on: Annotated[str, Query(alias="date")],
                    place: str | None = None, request: bool | None = None,
                    provoked: bool | None = None, kind: str = "armed_attack",
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


@app.get("/states", summary="Every state casus knows, with the map shape that draws it")
@_kept
def states() -> list[dict]:
    """Code (ISO alpha-3, or ``COW`` + number), name, whether it is historical, its COW number,
    and ``shape``: the world-atlas feature id (ISO numeric) or ``null`` when today's map has no
    shape for it (see docs/web.md for the crosswalk)."""
    from casus.web.crosswalk import states_table

    return states_table()


@app.get("/search", summary="States and treaties matching a few words")
@_kept
def search(q: Annotated[str, Query(max_length=200)]) -> dict:
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
