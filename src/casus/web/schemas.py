"""The HTTP API's documented shapes: request bodies, answers and the one error body.

The answers themselves are built by the library (each answer's ``to_dict()`` through
:func:`casus.views.to_json`) and sent already encoded, so these models are the *description*
of them in ``/openapi.json``: every top-level field an answer always has, typed, with nested
parts left open where the library's own docs describe them (``docs/python.md``). The
schemathesis tests check every answer against them, so the description cannot drift from
what the server sends.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from casus.reasoner import Event
from casus.web.limits import MAX_EVENTS


class _Open(BaseModel):
    """An answer whose listed fields are always present; other fields may follow."""

    model_config = ConfigDict(extra="allow")


class ErrorBody(_Open):
    """Every 4xx and 503 answer: what kind of error, and a sentence saying what to fix."""

    error: str = Field(description="the kind: InputError, UnknownNameError, DataError, "
                       "NotFound, MethodNotAllowed, PayloadTooLarge, Busy, Timeout…")
    message: str = Field(description="what was wrong, naming the parameter and value")
    suggestions: list[str] | None = Field(None, description="close matches of an unknown name")
    kind: str | None = Field(None, description="what an unknown name was meant to name")
    value: str | None = Field(None, description="the unknown name as given")
    count: int | None = Field(None, description="how many problems bad data has")
    problems: list[dict[str, Any]] | None = Field(None, description="bad data's problems")


class Health(BaseModel):
    status: Literal["ok"]
    version: str


class TreatySummary(_Open):
    id: str
    title: str
    parties: list[str]
    signed: str | None
    in_force: str | None
    ended: str | None


class TreatyDetail(_Open):
    """Every field of a treaty file with its sources (``casus treaty show --format json``)."""

    id: str
    title: str
    short_names: list[str]
    signed: dict[str, Any]
    in_force: dict[str, Any] | None
    ended: dict[str, Any] | None
    members: list[dict[str, Any]]
    provisions: list[dict[str, Any]]
    sources: dict[str, Any]


class Comparison(_Open):
    on: str
    treaties: list[dict[str, Any]] = Field(description="one row per treaty, as in the table")
    findings: list[str] = Field(description="the differences that matter, in words")


class Assessment(_Open):
    """What ``casus obligations --format json`` prints."""

    scenario: dict[str, Any]
    obligations: list[dict[str, Any]] = Field(
        description="one per obligor, beneficiary and article: verdict, reasons, trace")
    events: list[dict[str, Any]]
    summary: list[Any]


class ArticleReading(_Open):
    article: dict[str, Any]
    events: list[dict[str, Any]]
    reactions: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    warnings: list[Any]


class Place(_Open):
    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None


class StateRow(_Open):
    code: str
    name: str
    historic: bool
    cow: int | None
    shape: str | None


class SearchResult(_Open):
    q: str
    states: list[StateRow]
    treaties: list[TreatySummary]


class Ties(_Open):
    date: str
    treaties: list[dict[str, Any]]
    strongest: dict[str, str]
    ties: list[dict[str, Any]]


EventKind = Event.model_fields["kind"].annotation  # the reasoner's own lists, not a copy
On = Event.model_fields["on"].annotation


class AttackerBody(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    code: str | None = Field(None, max_length=20)
    non_state: bool = False


class EventBody(BaseModel):
    """One event of a POSTed scenario; the fields of a scenario file's event."""

    model_config = ConfigDict(extra="forbid")

    date: str = Field(max_length=40, description="YYYY-MM-DD or `today`")
    attackers: list[str | AttackerBody] = Field(min_length=1, max_length=20)
    target: str = Field(min_length=1, max_length=200)
    place: str | None = Field(None, max_length=200)
    kind: EventKind = "armed_attack"
    on: On = "territory"
    request: bool | None = None
    provoked: bool | None = None
    directed_from_abroad: bool | None = None
    label: str | None = Field(None, max_length=500)
    notes: list[str] = Field(default_factory=list, max_length=20)


class ScenarioBody(BaseModel):
    """A scenario as JSON: the shape of a scenario file (``docs/scenarios.md``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"events": [
        {"date": "2024-12-05", "attackers": ["UKR"], "target": "RUS",
         "place": "Kursk Oblast"}]}]})

    name: str | None = Field(None, max_length=500)
    description: str | None = Field(None, max_length=5000)
    events: list[EventBody] = Field(min_length=1, max_length=MAX_EVENTS, description=(
        f"at most {MAX_EVENTS} events a request (MAX_EVENTS); more is 422"))
    sources: list[str] = Field(default_factory=list, max_length=50)
