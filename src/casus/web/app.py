"""The web app ``casus serve`` runs: server-rendered pages over the documented HTTP API.

Pages are rendered on the server with Jinja2 from the same objects the CLI prints and the API
returns (:func:`casus.views.to_html`); htmx swaps in partial answers (``/ui/...``), and small
bundled scripts (built from ``web/`` with esbuild into ``casus/web/static``) draw the map and the
network. Everything the pages show is also available as JSON from :mod:`casus.web.api`, which
is mounted unchanged at the root (OpenAPI at ``/openapi.json``).

Pages: ``/`` (home), ``/seed``, ``/map``, ``/network``, ``/scenario``, ``/treaty`` and
``/treaty/{id}``, ``/comparison``, ``/reader``.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import os
import re
from contextlib import asynccontextmanager
from datetime import date
from importlib.resources import files
from pathlib import Path as FilePath
from typing import Annotated
from urllib.parse import parse_qs, urlencode

from fastapi import FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from starlette.exceptions import HTTPException
from starlette.routing import Mount

from casus import __version__
from casus.errors import CasusError, UnknownNameError
from casus.web import api
from casus.web.limits import HEAVY, RETRY_AFTER, Answered, Busy, Limits

STATIC = FilePath(str(files("casus") / "web" / "static"))
TEMPLATES = str(files("casus") / "web" / "templates")

WARM_INTERVALS = 400  # at most this many intervals of unchanged ties are computed ahead


def warm_basics() -> None:
    """What every first answer needs: the registry's index, the gazetteer (about 1.5 s) and
    the article reader's tables (about 1.8 s). Loaded lazily instead, the first article read
    held the interpreter for 1.8 s, and every request in flight waited for it."""
    from casus.gazetteer import parse_place
    from casus.news import read_article
    from casus.reasoner import index_for

    index_for(_registry())
    parse_place("Kursk Oblast")
    read_article(b"Russia and North Korea signed a treaty on 19 June 2024.", registry=_registry())


def warm(limit: int = WARM_INTERVALS) -> int:
    """Compute ahead what the first visitors would otherwise wait for: the alliance network of
    each interval of unchanged ties (newest first, at most ``limit``); then move everything
    loaded so far out of the garbage collector's way. Returns how many intervals were
    computed."""
    from casus.web.ties import breakpoints

    warm_basics()
    points = list(reversed(breakpoints(_registry())))[:limit]
    for start in points:
        api._ties_body(start)
    # What is loaded now lives as long as the server: keep it out of the cyclic garbage
    # collector, whose full passes over ~500,000 objects (50-85 ms) made the latency's tail.
    gc.freeze()
    return len(points)


def _worker_init(registry) -> None:
    """A heavy-work process starts: answer from the server's registry, load what every answer
    needs, and keep it out of the garbage collector's way (as :func:`warm` does)."""
    if registry is not None:
        api.use_registry(registry)
    warm_basics()
    gc.freeze()


@asynccontextmanager
async def _lifespan(_app):
    """``casus serve`` loads what every answer needs, computes the alliance network ahead and
    starts the worker processes for heavy answers (each loads what it needs too) before it
    accepts connections: a few seconds more before the first answer, instead of requests
    queueing behind a warm-up thread for the first 30 s (p99 8.3 s measured). ``CASUS_WARM=0``
    skips all of it (the browser tests do: they time nothing; heavy answers are then computed
    in threads)."""
    if os.environ.get("CASUS_WARM", "1") != "0":
        registry = api._REGISTRY[0] if api._REGISTRY else None
        await asyncio.gather(asyncio.to_thread(warm), asyncio.to_thread(
            HEAVY.start_processes, _worker_init, (registry,)))
    try:
        yield
    finally:
        HEAVY.stop_processes()


pages = FastAPI(title="casus pages", openapi_url=None, docs_url=None, redoc_url=None,
                lifespan=_lifespan)

# The seed article's case: the Kursk incursion before and after the 2024 pact entered into force.
SEED = [
    {"attacker": "UKR", "target": "RUS", "place": "Kursk Oblast", "date": "2024-08-06",
     "label": "6 Aug 2024 — pact signed, not yet in force"},
    {"attacker": "UKR", "target": "RUS", "place": "Kursk Oblast", "date": "2024-12-05",
     "label": "5 Dec 2024 — the day after it entered into force"},
]
SEED_COMPARE = ["rus-prk-2024", "sun-prk-1961", "nato-1949"]


def _env():
    from casus.views.html import environment

    env = environment(TEMPLATES)
    env.globals.update(version=__version__, static_version=_static_version())
    return env


def _static_version() -> str:
    """A cache-busting tag for the bundle: its size and modification time."""
    try:
        st = (STATIC / "casus.js").stat()
        return f"{st.st_size:x}{int(st.st_mtime):x}"
    except OSError:
        return "0"


def page(template: str, status: int = 200, **context) -> HTMLResponse:
    html = _env().get_template(template).render(**context)
    return HTMLResponse(html, status_code=status)


def _today() -> str:
    return date.today().isoformat()


def _registry():
    return api._registry()


def _status_of(exc: CasusError) -> int:
    if isinstance(exc, Answered):
        return exc.status
    if isinstance(exc, Busy):
        return 503
    return 404 if isinstance(exc, UnknownNameError) else 400


@pages.exception_handler(CasusError)
async def _page_error(request: Request, exc: CasusError) -> HTMLResponse:
    """Bad input on a page: the page says what was wrong, with a 4xx status (503 with
    Retry-After when the server is too busy to compute it now)."""
    status = _status_of(exc)
    if request.url.path.startswith("/ui/"):
        response = page("_error.html", status, message=exc.message)
    else:
        response = page("error.html", status, message=exc.message, title={
            404: "Not found", 503: "Busy"}.get(status, "Bad request"))
    if isinstance(exc, Busy):
        response.headers["Retry-After"] = str(RETRY_AFTER)
    return response


def _carried(fn, *args):
    """Run a page's heavy part; a casus error comes back as its status and body (it may
    have been raised in a worker process: see :class:`casus.web.limits.HeavyGate`)."""
    try:
        return fn(*args)
    except CasusError as e:
        raise Answered(_status_of(e), e.to_dict()) from None


async def _heavy(fn, *args):
    """A page's heavy part (reasoning, reading), through the same gate as the API's."""
    return await HEAVY.run(functools.partial(_carried, fn, *args))


# Outside a page's own checks (an unknown path, a parameter FastAPI refuses), errors take the
# API's one JSON shape, whichever of the two apps answers.
pages.add_exception_handler(HTTPException, api._http_error)
pages.add_exception_handler(RequestValidationError, api._bad_request)


# --- pages -------------------------------------------------------------------------------------


@pages.get("/", response_class=HTMLResponse)
def home() -> HTMLResponse:
    reg = _registry()
    return page("home.html", seed=SEED, count=len(reg),
                in_force=len(reg.in_force_on(date.today())))


@pages.get("/seed", response_class=HTMLResponse)
def seed() -> HTMLResponse:
    """The seed article's two questions, answered: the Kursk case twice, then the comparison."""
    from casus.compare import compare_treaties
    from casus.reasoner import Scenario, event_from_text, obligations_on
    from casus.views import to_html

    reg = _registry()
    cases = []
    for s in SEED:
        event = event_from_text(s["attacker"], s["target"], s["date"], s["place"])
        a = obligations_on(Scenario(events=[event]), reg)
        duties = [o for o in a.obligations if o.obligor == "PRK" and o.beneficiary == "RUS"]
        order = {"triggered": 0, "uncertain": 1, "not_triggered": 2}
        cases.append({**s, "duties": sorted(duties, key=lambda o: order[o.verdict]),
                      "answer": to_html(a), "url": "/scenario?" + urlencode(
                          {k: s[k] for k in ("attacker", "target", "place", "date")})})
    ids = [i for i in SEED_COMPARE if i in reg.treaties]
    comparison = to_html(compare_treaties([reg.get(i) for i in ids]))
    return page("seed.html", cases=cases, comparison=comparison,
                compare_url="/comparison?" + urlencode([("ids", i) for i in ids]))


@pages.get("/ui/search", response_class=HTMLResponse)
def search_partial(q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    found = api.search_registry(q) if q.strip() else {"q": q, "states": [], "treaties": []}
    return page("_search.html", found=found)


@pages.get("/map", response_class=HTMLResponse)
def map_page(on: Annotated[str | None, Query(alias="date", max_length=40)] = None,
             state: Annotated[str | None, Query(max_length=100)] = None) -> HTMLResponse:
    day, code, errors = _date_and_state(on, state)
    panel = _allies_html(code, day) if code and not errors else None
    return page("map.html", status=400 if errors else 200, date=day.isoformat(), state=code or "",
                state_text=state or "", errors=errors, panel=panel,
                first_year=1816, last_year=date.today().year)


def _date_and_state(on: str | None, state: str | None) -> tuple[date, str | None, dict]:
    from casus.dates import parse_date
    from casus.model.states import state_code

    errors: dict[str, str] = {}
    day = date.today()
    if on:
        try:
            day = parse_date(on, what="date")
        except CasusError as e:
            errors["date"] = e.message
    code = None
    if state and state.strip():
        try:
            code = state_code(state)
        except CasusError as e:
            errors["state"] = e.message
    return day, code, errors


def _allies_html(code: str, day: date) -> Markup:
    from casus.model.states import state_name

    net = api._ties_cached(day)
    return Markup(_env().get_template("_allies.html").render(
        state=code, name=state_name(code), date=day.isoformat(), groups=net.by_kind(code),
        n=len(net.allies_of(code))))


@pages.get("/ui/allies", response_class=HTMLResponse)
def allies_partial(on: Annotated[str, Query(alias="date", max_length=40)] = "today",
                   state: Annotated[str, Query(max_length=100)] = "") -> HTMLResponse:
    day, code, errors = _date_and_state(on, state)
    if errors:
        return page("_error.html", 400, message="; ".join(errors.values()))
    if code is None:
        return page("_error.html", 200, message="Pick a state on the map or in the list.")
    return HTMLResponse(_allies_html(code, day))


@pages.get("/network", response_class=HTMLResponse)
def network_page(on: Annotated[str | None, Query(alias="date", max_length=40)] = None
                 ) -> HTMLResponse:
    day, _, errors = _date_and_state(on, None)
    net = api._ties_cached(day)
    return page("network.html", status=400 if errors else 200, date=day.isoformat(),
                errors=errors, treaties=net.treaties, n_ties=len(net.ties),
                n_states=len(net.states))


# --- scenario builder --------------------------------------------------------------------------

_REQUEST = {"yes": True, "no": False, "unknown": None, "": None}


def _scenario(params: dict[str, str]) -> tuple[dict, dict, object | None]:
    """Check each field on its own (so each error sits next to its field), then reason."""
    from casus.dates import parse_date
    from casus.reasoner import Scenario, known_place, obligations_on
    from casus.reasoner.scenario import Event, parse_attackers, resolve_code

    values = {k: (params.get(k) or "").strip() for k in
              ("attacker", "target", "place", "date", "request", "kind", "on")}
    values["date"] = values["date"] or _today()
    values["kind"] = values["kind"] or "armed_attack"
    values["on"] = values["on"] or "territory"
    errors: dict[str, str] = {}
    checks = {
        "attacker": lambda v: parse_attackers(v),
        "target": lambda v: resolve_code(v),
        "date": lambda v: parse_date(v, what="date"),
        "place": lambda v: known_place(v, parsed.get("target")) if v else None,
    }
    parsed: dict[str, object] = {}
    for name, check in checks.items():
        v = values[name]
        if name in ("attacker", "target") and not v:
            errors[name] = f"name the {name}: a state name or code, e.g. " + (
                "Russia" if name == "attacker" else "Estonia")
            continue
        try:
            parsed[name] = check(v)
        except CasusError as e:
            # the reasoner's hint is written for scenario files; on the form it is a prefix
            errors[name] = re.sub(r"write \{name: (.*?), non_state: true\}",
                                  r"type non-state:\1", e.message)
    if values["request"] not in _REQUEST:
        errors["request"] = "request is yes, no or unknown"
    if values["kind"] not in ("armed_attack", "declaration_of_war", "threat"):
        errors["kind"] = "kind is armed_attack, declaration_of_war or threat"
    if values["on"] not in ("territory", "forces"):
        errors["on"] = "the attack is on the territory or on the forces"
    if errors:
        return values, errors, None
    try:
        attackers, notes = parsed["attacker"]
        event = Event(date=parsed["date"], attackers=attackers, target=parsed["target"],
                      place=values["place"] or None, kind=values["kind"], on=values["on"],
                      request=_REQUEST[values["request"]], notes=tuple(notes))
        return values, errors, obligations_on(Scenario(events=[event]), _registry())
    except CasusError as e:
        errors["scenario"] = e.message
    except ValueError as e:  # pydantic: a combination the scenario model refuses
        errors["scenario"] = str(e).splitlines()[-1] if str(e) else "bad scenario"
    return values, errors, None


def _scenario_context(params: dict[str, str]) -> tuple[dict, int]:
    from casus.views import to_html

    asked = any((params.get(k) or "").strip() for k in ("attacker", "target"))
    if not asked:
        values = {"attacker": "", "target": "", "place": "", "date": _today(), "request": "",
                  "kind": "armed_attack", "on": "territory"}
        return {"v": values, "errors": {}, "answer": None}, 200
    values, errors, assessment = _scenario(params)
    ctx = {"v": values, "errors": errors, "answer": None}
    if assessment is None:
        return ctx, 400
    api_params = {"attacker": values["attacker"], "target": values["target"],
                  "date": values["date"]}
    if values["place"]:
        api_params["place"] = values["place"]
    if values["request"] in ("yes", "no"):
        api_params["request"] = "true" if values["request"] == "yes" else "false"
    if values["kind"] != "armed_attack":
        api_params["kind"] = values["kind"]
    if values["on"] == "forces":
        api_params["forces"] = "true"
    share = {k: v for k, v in values.items() if v and not (k == "kind" and v == "armed_attack")
             and not (k == "on" and v == "territory")}
    counts = {v: sum(o.verdict == v for o in assessment.obligations)
              for v in ("triggered", "uncertain", "not_triggered")}
    ctx.update(answer=to_html(assessment), counts=counts,
               json_url="/obligations?" + urlencode(api_params),
               csv_url="/obligations.csv?" + urlencode(api_params),
               share_url="/scenario?" + urlencode(share), cascade=_cascade(assessment))
    return ctx, 200


def _cascade(assessment) -> dict:
    """The slot for cascade rounds: shown when ``casus.cascade`` is importable."""
    try:
        import casus.cascade as cascade  # built on another branch
    except ImportError:
        return {"available": False}
    rounds = getattr(cascade, "rounds", None)
    if rounds is None:
        return {"available": True, "rounds": None}
    try:
        result = rounds(assessment.scenario, _registry())
        return {"available": True, "rounds": result.to_dict() if hasattr(result, "to_dict")
                else result}
    except Exception as e:  # the cascade is another module's work: never break the answer
        return {"available": True, "rounds": None, "error": str(e)}


def _query(request: Request) -> dict[str, str]:
    return {k: v.replace("\x00", "") for k, v in request.query_params.items()}


@pages.get("/scenario", response_class=HTMLResponse)
async def scenario_page(request: Request) -> HTMLResponse:
    ctx, status = await _heavy(_scenario_context, _query(request))
    return page("scenario.html", status=status, **ctx)


@pages.get("/ui/scenario", response_class=HTMLResponse)
async def scenario_partial(request: Request) -> HTMLResponse:
    ctx, status = await _heavy(_scenario_context, _query(request))
    response = page("_scenario.html", status=status, **ctx)
    if status == 200 and ctx.get("share_url"):
        response.headers["HX-Push-Url"] = ctx["share_url"]
    return response


# --- treaties ----------------------------------------------------------------------------------


@pages.get("/treaty", response_class=HTMLResponse)
def treaty_index(on: Annotated[str | None, Query(alias="date", max_length=40)] = None
                 ) -> HTMLResponse:
    from casus.compare import alliance_class

    day, _, errors = _date_and_state(on, None)
    rows = [{"t": t, "class": alliance_class(t), "status": t.in_force_on(day)}
            for t in sorted(_registry(), key=lambda t: (t.signed.known or date.min, t.id))]
    return page("treaties.html", status=400 if errors else 200, rows=rows,
                date=day.isoformat(), errors=errors)


@pages.get("/treaty/{treaty_id}", response_class=HTMLResponse)
def treaty_page(treaty_id: Annotated[str, Path(max_length=200)]) -> HTMLResponse:
    from casus.views import to_html

    t = _registry().get(treaty_id)
    others = [x for x in sorted(_registry(), key=lambda x: x.id) if x.id != t.id]
    return page("treaty_page.html", t=t, body=to_html(t), others=others)


@pages.get("/comparison", response_class=HTMLResponse)
def comparison_page(ids: Annotated[list[str] | None, Query(max_length=8)] = None,
                    on: Annotated[str | None, Query(alias="date", max_length=40)] = None
                    ) -> HTMLResponse:
    from casus.compare import compare_treaties
    from casus.views import to_html

    reg = _registry()
    chosen = [i for i in (ids or []) if i.strip()]
    errors: dict[str, str] = {}
    day, _, date_errors = _date_and_state(on, None)
    errors.update(date_errors)
    treaties = []
    for n, i in enumerate(chosen):
        try:
            treaties.append(reg.get(i))
        except UnknownNameError as e:
            errors[f"ids{n}"] = e.message
    if chosen and len(chosen) < 2:
        errors["ids1"] = "choose at least two treaties to compare"
    body = None
    if not errors and len(treaties) >= 2:
        body = to_html(compare_treaties(treaties, day if on else None))
    slots = [*chosen, "", ""][:max(2, len(chosen) + 1)][:6]
    return page("comparison_page.html", status=400 if errors else 200, body=body, slots=slots,
                all=sorted(reg, key=lambda x: x.id), errors=errors,
                date=on or "", json_url="/compare?" + urlencode(
                    [("ids", t.id) for t in treaties] + ([("on", on)] if on else [])))


# --- read an article ---------------------------------------------------------------------------


@pages.get("/reader", response_class=HTMLResponse)
def reader_page() -> HTMLResponse:
    return page("reader.html", text="", result=None, errors={})


@pages.post("/ui/read", response_class=HTMLResponse)
async def read_partial(request: Request) -> HTMLResponse:
    """The pasted (or uploaded, then pasted by the page) article, read and highlighted."""
    body = await request.body()
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=10)
    text = (fields.get("text") or [""])[0].replace("\x00", "")
    if not text.strip():
        return page("_error.html", 400, message="paste an article's text or HTML first",
                    field="text")
    return HTMLResponse(await _heavy(_reading_html, text))


def _reading_html(text: str) -> str:
    from casus.news import read_article
    from casus.views import to_html

    return str(to_html(read_article(text.encode("utf-8"), registry=_registry())))


# --- the whole app -----------------------------------------------------------------------------


pages.router.routes.append(Mount("/static", StaticFiles(directory=STATIC, check_dir=False),
                                 name="static"))
pages.router.routes.append(Mount("/", app=api.app))
api.OUTER.append(pages)  # so `POST /` is 405 (Allow: GET), not the API's 404

app = Limits(pages)
"""Pages, static files and the JSON API in one ASGI app, behind the request limits."""


def serve_app(registry=None):
    """The app, answering from ``registry`` (e.g. the embedded one plus ATOP) if given."""
    if registry is not None:
        api.use_registry(registry)
    return app
