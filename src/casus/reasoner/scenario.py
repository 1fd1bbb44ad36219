"""Scenarios: what happened, to whom, where and when — the reasoner's only input.

A :class:`Scenario` is one or more :class:`Event`\\ s. Every state is resolved to its casus code
when the event is built (``"North Korea"``, ``"PRK"`` and ``"KP"`` all give ``PRK``), so a typo
fails at once with close matches instead of silently matching no treaty. An attacker that is not
a state must say so (``{name: al-Qaeda, non_state: true}``): an unknown name is otherwise an
error, never a guess.

The USSR and Russia are one name and two codes: ``RUS`` given for a date before 26 December 1991
is read as ``SUN`` (the USSR), and the event records that it did so.

Scenario files are YAML (see ``docs/scenarios.md``); :func:`load_scenario` reports every problem
in a file at once, each with its line.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from casus.dates import parse_date
from casus.errors import DataError, InputError, Problem, UnknownNameError
from casus.model.load import read_yaml_with_lines
from casus.model.states import era_state, resolve_state, state_name

EventKind = Literal["armed_attack", "declaration_of_war", "threat"]
EVENT_KINDS: tuple[str, ...] = ("armed_attack", "declaration_of_war", "threat")
On = Literal["territory", "forces"]

#: The folder of scenario files shipped with casus (``kursk-2024.yaml``, ``kursk-2025.yaml``).
SCENARIOS = Path(str(files("casus") / "scenarios"))

#: The first day Russia (RUS) exists as a state distinct from the USSR (SUN): the Soviet of the
#: Republics dissolved the USSR by Declaration 142-N of 26 December 1991.
RUSSIA_FROM = date(1991, 12, 26)

def _unknown_state(name: str, err: UnknownNameError, *, attacker: bool) -> UnknownNameError:
    if not attacker:
        return err
    out = UnknownNameError("state", name, err.suggestions, reason=err.reason)
    out.message = (f"{err.message} For a non-state actor write {{name: {name}, non_state: "
                   "true} in a scenario file, or non-state:NAME on the command line.")
    out.args = (out.message,)
    return out


def resolve_code(name: str, *, attacker: bool = False) -> str:
    """The state code for a name or code; :class:`UnknownNameError` with close matches."""
    try:
        return resolve_state(name).code
    except UnknownNameError as e:
        raise _unknown_state(str(name), e, attacker=attacker) from None


#: The first day of the USSR (SUN): the Treaty on the Creation of the USSR, 30 December 1922.
#: Before it, Russia (the Empire, then the RSFSR) is RUS, as the COW state list has it (365).
USSR_FROM = date(1922, 12, 30)


def era_code(code: str, on: date) -> tuple[str, str | None]:
    """The code a state has on the date (:func:`casus.model.states.era_state`), and a note if
    it differs from the one given: ``RUS`` from 30 Dec 1922 to 25 Dec 1991 is the USSR
    (``SUN``), ``SUN`` outside those years is Russia, ``SRB`` 1918-2003 is Yugoslavia."""
    era = era_state(code, on)
    if era == code:
        return code, None
    if code == "RUS":
        return era, (f"Russia on {on.isoformat()} is read as the USSR (SUN): RUS is used only "
                     f"before {USSR_FROM.isoformat()} and from {RUSSIA_FROM.isoformat()}, "
                     "when the USSR dissolved")
    return era, (f"{state_name(code)} ({code}) on {on.isoformat()} is read as "
                 f"{state_name(era)} ({era}), the same state's code on that date")


BLANK_PLACE = ("place is empty or blank: leave it out for the target's own territory, or name "
               "a place (e.g. 'Kursk Oblast' or '51.7,36.2')")


def nonsense(target: str, attackers: list[Attacker]) -> str | None:
    """Why an event makes no sense, or ``None``: a state attacking itself, a target among its
    attackers, an attacker named twice (``RUS`` and ``SUN`` on a Soviet-era date are one)."""
    seen: dict[str, str] = {}
    for a in attackers:
        key = a.code if a.code is not None else "non-state:" + " ".join(a.name.split()).casefold()
        if key == target:
            if len(attackers) == 1:
                return (f"attacker and target are the same state ({state_name(target)}, "
                        f"{target}): a state does not attack itself")
            return f"the target {state_name(target)} ({target}) is also among the attackers"
        if key in seen:
            return f"{a.name!r} is named twice among the attackers (as {seen[key]!r} too)"
        seen[key] = a.name
    return None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Attacker(_Model):
    """A state (resolved to its code) or a non-state actor named as such."""

    name: str
    code: str | None = None
    non_state: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"name": data}
        return data

    @model_validator(mode="after")
    def _resolve(self) -> Attacker:
        if self.non_state:
            if self.code is not None:
                raise ValueError("a non-state attacker has no state code")
            return self
        code = resolve_code(self.code or self.name, attacker=True)
        object.__setattr__(self, "code", code)
        return self

    @property
    def display(self) -> str:
        if self.non_state or self.code is None:
            return f"{self.name} (non-state)"
        return f"{state_name(self.code)} ({self.code})"

    def to_dict(self) -> dict:
        return {"name": self.name, "code": self.code, "non_state": self.non_state}


class Event(_Model):
    """One attack, declaration of war or threat against one state, on one date.

    ``place`` is a gazetteer name or ``"lat,lon"``; left out, it is the target's own territory.
    ``request`` is whether the target asked for assistance, ``provoked`` whether the target
    provoked the attack, and ``directed_from_abroad`` whether a non-state attack was directed
    from outside the target (the fact NATO's 2001 reading of Art. 5 rests on): ``None`` means
    not stated (and a treaty that turns on it then gives ``uncertain``, never ``no``).
    """

    date: date
    attackers: list[Attacker] = Field(min_length=1)
    target: str
    place: str | None = None
    kind: EventKind = "armed_attack"
    on: On = "territory"
    request: bool | None = None
    provoked: bool | None = None
    directed_from_abroad: bool | None = None
    label: str | None = None
    notes: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _yaml_on(cls, data: Any) -> Any:
        # YAML 1.1 reads a bare ``on:`` key as the boolean True.
        if isinstance(data, dict) and True in data and "on" not in data:
            data = {("on" if k is True else k): v for k, v in data.items()}
        return data

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> date:
        try:
            return parse_date(v)
        except InputError as e:
            raise ValueError(e.message) from None

    @field_validator("attackers", mode="before")
    @classmethod
    def _attackers(cls, v: Any) -> Any:
        return [v] if isinstance(v, (str, dict)) else v

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, v: Any) -> str:
        return resolve_code(str(v))

    @field_validator("place", mode="before")
    @classmethod
    def _place(cls, v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, (list, tuple)) and len(v) == 2:
            return f"{v[0]},{v[1]}"
        text = str(v).strip()
        if not text:
            raise ValueError(BLANK_PLACE)
        return text

    @model_validator(mode="after")
    def _eras(self) -> Event:
        notes = list(self.notes)
        target, note = era_code(self.target, self.date)
        if note and note not in notes:
            notes.append(note)
        attackers = []
        for a in self.attackers:
            if a.code is not None:
                code, note = era_code(a.code, self.date)
                if note:
                    a = a.model_copy(update={"code": code})
                    if note not in notes:
                        notes.append(note)
            attackers.append(a)
        problem = nonsense(target, attackers)
        if problem:
            raise ValueError(problem)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "attackers", attackers)
        object.__setattr__(self, "notes", tuple(notes))
        return self

    @functools.cached_property
    def attacker_codes(self) -> frozenset[str]:
        return frozenset(a.code for a in self.attackers if a.code is not None)

    @property
    def state_attackers(self) -> list[Attacker]:
        return [a for a in self.attackers if not a.non_state]

    @functools.cached_property
    def non_state_only(self) -> bool:
        return all(a.non_state for a in self.attackers)

    def to_dict(self) -> dict:
        out = {
            "date": self.date.isoformat(),
            "attackers": [a.to_dict() for a in self.attackers],
            "target": self.target,
            "place": self.place,
            "kind": self.kind,
            "on": self.on,
            "request": self.request,
            "provoked": self.provoked,
        }
        if self.directed_from_abroad is not None:
            out["directed_from_abroad"] = self.directed_from_abroad
        if self.label:
            out["label"] = self.label
        if self.notes:
            out["notes"] = list(self.notes)
        return out


class Scenario(_Model):
    """One or more events, read together (each against the registry on its own date)."""

    name: str | None = None
    description: str | None = None
    events: list[Event] = Field(min_length=1)
    sources: list[str] = Field(default_factory=list)

    @classmethod
    def single(cls, **event: Any) -> Scenario:
        """A one-event scenario: ``Scenario.single(date=..., attackers=[...], target=...)``."""
        return cls(events=[Event(**event)])

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"events": [e.to_dict() for e in self.events]}
        if self.name:
            out["name"] = self.name
        if self.description:
            out["description"] = self.description
        if self.sources:
            out["sources"] = list(self.sources)
        return out



def _misspelt_state(text: str, suggestions: list[str]) -> bool:
    """Whether an unknown name is one edit in four from a suggested state's name ("Rusia",
    "Frnace"): a typo to refuse with its suggestion, not a non-state actor. "Hamas" is two
    letters short of "Bahamas" in seven: far enough to be what it says."""
    from rapidfuzz.distance import DamerauLevenshtein

    names = [m.group(1) for x in suggestions if (m := re.search(r"\((.+)\)$", x))]
    return any(DamerauLevenshtein.normalized_distance(text.casefold(), n.casefold()) <= 0.25
               for n in names)


def parse_attackers(text: str, *, non_state: bool = False
                    ) -> tuple[list[Attacker], list[str]]:
    """``"RUS"``, ``"Russia, Belarus"``, ``"Hamas"`` or ``"non-state:al-Qaeda"`` → attackers,
    and notes saying how a name was read.

    A plain name that is no state at all ("ISIL", "Houthis", "armed groups") is a non-state
    actor, and the note says so, naming the closest states in case one was meant. A name that
    holds a state's name with other words ("Not Russia") or names two states stays an error:
    it is ambiguous, not a non-state actor. ``non_state`` reads every name as non-state.
    """
    out: list[Attacker] = []
    notes: list[str] = []
    for part in [p.strip() for p in str(text).split(",") if p.strip()]:
        m = re.match(r"^non[-_ ]?state\s*:\s*(.+)$", part, re.IGNORECASE)
        if m or non_state:
            out.append(Attacker(name=(m.group(1) if m else part).strip(), non_state=True))
            continue
        try:
            out.append(Attacker(name=part, code=resolve_code(part, attacker=True)))
        except UnknownNameError as e:
            if e.reason is not None or _misspelt_state(part, e.suggestions):
                raise
            out.append(Attacker(name=part, non_state=True))
            meant = f" (if a state was meant: {', '.join(e.suggestions[:3])})" \
                if e.suggestions else ""
            notes.append(f"'{part}' is not a state casus knows, so it is read as a non-state "
                         f"actor{meant}")
    if not out:
        raise InputError("no attacker given: name a state (e.g. RUS) or a non-state actor "
                         "(e.g. ISIL, or non-state:al-Qaeda)")
    return out, notes


def event_from_text(attacker: str, target: str, when: str, place: str | None = None, *,
                    request: bool | None = None, kind: str = "armed_attack",
                    on: str = "territory", provoked: bool | None = None,
                    directed_from_abroad: bool | None = None,
                    non_state: bool = False) -> Event:
    """One event from values as people type them (the CLI's options, the HTTP query string).

    ``attacker`` is a state name or code, several separated by commas, a name that is no state
    (a non-state actor, said so in the event's notes), or ``non-state:<name>``
    (``non_state=True`` reads every name so); ``target`` a state; ``when`` ``YYYY-MM-DD`` (or
    ``today``);
    ``place`` a gazetteer name or ``"lat,lon"`` (None: the target's territory); ``kind`` one of
    ``armed_attack``, ``declaration_of_war``, ``threat`` (hyphens allowed).

    Raises :class:`UnknownNameError` (with close matches) for an unknown state or place and
    :class:`InputError` for a bad date, kind or coordinates.
    """
    from casus.reasoner import _places

    day = parse_date(when)
    attackers, notes = parse_attackers(attacker, non_state=non_state)
    target_code = resolve_code(target)
    kind_norm = str(kind).strip().lower().replace("-", "_").replace(" ", "_")
    if kind_norm not in EVENT_KINDS:
        raise InputError(f"bad kind {kind!r}: expected one of {', '.join(EVENT_KINDS)}")
    on_norm = str(on).strip().lower()
    if on_norm not in ("territory", "forces"):
        raise InputError(f"bad target form {on!r}: expected 'territory' or 'forces'")
    if place is not None and not str(place).strip():
        raise InputError(BLANK_PLACE)
    where = place.strip() if place else None
    target_code, _ = era_code(target_code, day)
    codes = [a if a.code is None else a.model_copy(update={"code": era_code(a.code, day)[0]})
             for a in attackers]
    problem = nonsense(target_code, codes)
    if problem:
        raise InputError(problem)
    if where is not None:
        # a typo, an ambiguous name, bad coordinates: UnknownNameError / InputError
        _places.known_place(where, target_code, on_territory=on_norm == "territory")
    return Event(date=day, attackers=attackers, target=target_code, place=where,
                 kind=kind_norm, on=on_norm, request=request, provoked=provoked,
                 directed_from_abroad=directed_from_abroad, notes=tuple(notes))


# --- scenario files -----------------------------------------------------------------------

_SCENARIO_KEYS = set(Scenario.model_fields)


def _point_as_place(ev: dict, problems: list, file: str, at: int | None, field: str) -> dict:
    """An event's ``point`` ("34.75,129.15" or [34.75, 129.15]) as its ``place``, which takes
    coordinates in that form; a point beside a place, or one of another shape, is a problem."""
    point, rest = ev["point"], {k: v for k, v in ev.items() if k != "point"}
    if ev.get("place") is not None:
        problems.append(Problem(file, "give the place either as 'place' or as 'point', not both",
                                at, f"{field}.point"))
    elif isinstance(point, str):
        return {**rest, "place": point}
    elif (isinstance(point, (list, tuple)) and len(point) == 2
          and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in point)):
        return {**rest, "place": f"{point[0]},{point[1]}"}
    else:
        problems.append(Problem(file, f"a point is 'lat,lon' or [lat, lon]; got {point!r}", at,
                                f"{field}.point"))
    return rest


def scenario_from_data(data: object, file: str, lines: dict[tuple, int],
                       at: tuple = ()) -> Scenario:
    """Validate already-parsed scenario data, reporting every problem with its line.

    ``at`` is the path of the scenario inside the file (for files that embed scenarios, such as
    the test cases in ``tests/scenarios``).
    """
    from casus.reasoner import _places

    def line(path: tuple) -> int | None:
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get(())

    if not isinstance(data, dict):
        raise DataError([Problem(file, "a scenario must be a YAML mapping with 'events:'",
                                 line(at))])
    problems: list[Problem] = []
    events = data.get("events")
    if not isinstance(events, list) or not events:
        problems.append(Problem(file, "'events' must be a non-empty list of events",
                                line((*at, "events")), "events"))
        events = []
    for key in sorted(set(data) - _SCENARIO_KEYS, key=str):
        problems.append(Problem(file, f"unknown field {key!r} (known: "
                                f"{', '.join(sorted(_SCENARIO_KEYS))})", line((*at, key)), key))
    built: list[Event] = []
    for i, ev in enumerate(events):
        here = (*at, "events", i)
        field = f"events[{i}]"
        if not isinstance(ev, dict):
            problems.append(Problem(file, "an event must be a mapping", line(here), field))
            continue
        if True in ev and "on" not in ev:  # YAML 1.1 reads a bare ``on:`` key as True
            ev = {("on" if k is True else k): v for k, v in ev.items()}
            if (*here, True) in lines:
                lines[(*here, "on")] = lines[(*here, True)]
        before = len(problems)
        if "point" in ev:  # coordinates by their own name: "lat,lon" or [lat, lon]
            ev = _point_as_place(ev, problems, file, line((*here, "point")), field)
            if (*here, "point") in lines:
                lines[(*here, "place")] = lines[(*here, "point")]
        # Names first, so every unknown state or place is reported with its own line; the
        # rest of the event is then validated with stand-ins for the bad names, so its other
        # problems are reported in the same pass.
        checked = dict(ev)
        attackers = ev.get("attackers")
        attackers = [attackers] if isinstance(attackers, (str, dict)) else attackers
        if isinstance(attackers, list):
            checked["attackers"] = list(attackers)
            for j, a in enumerate(attackers):
                name = a if isinstance(a, str) else (a.get("name") if isinstance(a, dict)
                                                     else None)
                non_state = isinstance(a, dict) and a.get("non_state") is True
                if isinstance(name, str) and not non_state:
                    try:
                        resolve_code(name, attacker=True)
                    except UnknownNameError as e:
                        problems.append(Problem(file, e.message, line((*here, "attackers", j)),
                                                f"{field}.attackers[{j}]"))
                        checked["attackers"][j] = {"name": name, "non_state": True}
        target = None
        if "target" in ev:
            try:
                target = resolve_code(str(ev["target"]))
            except UnknownNameError as e:
                problems.append(Problem(file, e.message, line((*here, "target")),
                                        f"{field}.target"))
                checked["target"] = "USA"
        if ev.get("place") is not None and str(ev["place"]).strip():
            try:
                found = _places.known_place(str(ev["place"]), target,
                                            on_territory=ev.get("on", "territory") == "territory")
            except (UnknownNameError, InputError) as e:
                problems.append(Problem(file, e.message, line((*here, "place")),
                                        f"{field}.place"))
            else:
                if "on" not in ev and _places.at_sea(found):
                    # no state's territory lies at sea: what was attacked there was forces
                    checked["on"] = "forces"
                    checked["notes"] = [*ev.get("notes", ()), (
                        f"{ev['place']} is at sea, no state's territory, and the event does "
                        "not say what was attacked, so it is read as an attack on forces "
                        "(say 'on: territory' or 'on: forces' to decide it)")]
        names_bad = len(problems) > before
        try:
            event = Event.model_validate(checked)
            if not names_bad:
                built.append(event)
        except ValidationError as e:
            for err in e.errors():
                loc = tuple(err["loc"])
                msg = err["msg"].removeprefix("Value error, ")
                if err["type"] == "extra_forbidden":
                    msg = f"unknown field {loc[-1]!r} (known: {', '.join(Event.model_fields)})"
                elif err["type"] == "missing":
                    msg = "required field is missing"
                elif err["type"] == "literal_error":
                    msg = f"{err.get('input')!r} is not one of: {err['ctx']['expected']}"
                dotted = field + "".join(f"[{p}]" if isinstance(p, int) else f".{p}"
                                         for p in loc if not str(p).startswith("function-"))
                problems.append(Problem(file, msg, line((*here, *loc)), dotted))
    if problems:
        raise DataError(problems)
    rest = {k: v for k, v in data.items() if k != "events"}
    try:
        return Scenario(events=built, **rest)
    except ValidationError as e:
        raise DataError([Problem(file, err["msg"], line((*at, *err["loc"])),
                                 ".".join(map(str, err["loc"]))) for err in e.errors()]) from None


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file; raise :class:`DataError` listing every problem with file:line.

    >>> load_scenario("src/casus/scenarios/kursk-2025.yaml").events[0].target  # doctest: +SKIP
    'RUS'
    """
    path = Path(path)
    data, lines = read_yaml_with_lines(path, what="scenario file")
    return scenario_from_data(data, str(path), lines)


def builtin_scenarios() -> dict[str, Path]:
    """The scenario files shipped with casus (``casus/scenarios/*.yaml``), by file stem."""
    return {p.stem: p for p in sorted(SCENARIOS.glob("*.yaml"))}
