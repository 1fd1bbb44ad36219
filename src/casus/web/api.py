"""The HTTP API: the same library calls as the CLI, as JSON over HTTP.

Every route returns the JSON shape the matching ``casus ... --format json`` command prints, and
every error the library raises comes back in one shape, ``{"error", "message", ...}``, with
400 for bad input, 404 for an unknown name (with close matches) and 422 for bad data.
Run it with ``casus serve``; the OpenAPI description is at ``/docs``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Body, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
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


def _registry():
    from casus.model.registry import load_registry

    return load_registry()


@app.get("/treaties", summary="List treaties (as `casus treaty list --format json`)")
def list_treaties(in_force_on: str | None = None, party: str | None = None) -> list[dict]:
    from casus.model.states import state_code
    from casus.views import to_json

    code = state_code(party) if party else None
    treaties = _registry().select(in_force_on=_date(in_force_on, "in_force_on"), party=code)
    return to_json(list(treaties))


@app.get("/treaties/{treaty_id}", summary="One treaty, every field with its sources")
def show_treaty(treaty_id: str) -> dict:
    from casus.views import to_json

    return to_json(_registry().get(treaty_id))


@app.get("/compare", summary="Treaties side by side, with findings in words")
def compare(ids: Annotated[list[str], Query(min_length=2)], on: str | None = None) -> dict:
    from casus.compare import compare_treaties
    from casus.views import to_json

    reg = _registry()
    return to_json(compare_treaties([reg.get(i) for i in ids], _date(on, "on")))


@app.get("/obligations", summary="Obligations an attack triggers (as `casus obligations`)")
def obligations(attacker: str, target: str, on: Annotated[str, Query(alias="date")],
                place: str | None = None, request: bool | None = None,
                provoked: bool | None = None, kind: str = "armed_attack",
                forces: bool = False, directed_from_abroad: bool | None = None) -> dict:
    from casus.reasoner import Scenario, event_from_text, obligations_on
    from casus.views import to_json

    event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                            on="forces" if forces else "territory", provoked=provoked,
                            directed_from_abroad=directed_from_abroad)
    return to_json(obligations_on(Scenario(events=[event])))


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
    return to_json(obligations_on(parsed))


@app.post("/read", summary="Treaty events, reactions and checked claims in an article")
async def read(request: Request) -> dict:
    from casus.news import read_article
    from casus.views import to_json

    return to_json(read_article(await request.body()))


@app.get("/places", summary="Find a place by name or 'lat,lon'")
def places(q: str) -> dict:
    from casus.gazetteer import describe
    from casus.views import to_json

    return to_json(describe(q))
