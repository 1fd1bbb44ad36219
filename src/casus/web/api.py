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
from fastapi.responses import JSONResponse

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


def _date(text: str | None, what: str) -> date | None:
    return None if text is None else parse_date(text, what=what)


def _registry():
    from casus.model.registry import load_registry

    return load_registry()


@app.get("/treaties", summary="List treaties (as `casus treaty list --format json`)")
def list_treaties(in_force_on: str | None = None, party: str | None = None) -> list[dict]:
    from casus.model.states import state_code
    from casus.views import treaty_summary

    code = state_code(party) if party else None
    treaties = _registry().select(in_force_on=_date(in_force_on, "in_force_on"), party=code)
    return [treaty_summary(t) for t in treaties]


@app.get("/treaties/{treaty_id}", summary="One treaty, every field with its sources")
def show_treaty(treaty_id: str) -> dict:
    return _registry().get(treaty_id).model_dump(mode="json")


@app.get("/compare", summary="Treaties side by side, with findings in words")
def compare(ids: Annotated[list[str], Query(min_length=2)], on: str | None = None) -> dict:
    from casus.compare import compare_treaties

    reg = _registry()
    return compare_treaties([reg.get(i) for i in ids], _date(on, "on")).to_dict()


@app.get("/obligations", summary="Obligations an attack triggers (as `casus obligations`)")
def obligations(attacker: str, target: str, on: Annotated[str, Query(alias="date")],
                place: str | None = None, request: bool | None = None,
                provoked: bool | None = None, kind: str = "armed_attack",
                forces: bool = False) -> dict:
    from casus.reasoner import Scenario, event_from_text, obligations_on

    event = event_from_text(attacker, target, on, place, request=request, kind=kind,
                            on="forces" if forces else "territory", provoked=provoked)
    return obligations_on(Scenario(events=[event])).to_dict()


@app.post("/obligations", summary="Obligations for a scenario given as JSON")
def obligations_for_scenario(scenario: Annotated[dict[str, Any], Body()]) -> dict:
    from pydantic import ValidationError

    from casus.reasoner import Scenario, obligations_on

    try:
        parsed = Scenario.model_validate(scenario)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"bad scenario: {where}: {first['msg']}") from None
    return obligations_on(parsed).to_dict()


@app.post("/read", summary="Treaty events, reactions and checked claims in an article")
async def read(request: Request) -> dict:
    from casus.news import read_article

    return read_article(await request.body()).to_dict()


@app.get("/places", summary="Find a place by name or 'lat,lon'")
def places(q: str) -> dict:
    from casus.model.places import parse_place, place_as_dict

    return place_as_dict(parse_place(q))
