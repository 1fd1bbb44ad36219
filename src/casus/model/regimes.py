"""Which states were ruled by which kind of regime, and when: dated, sourced data
(``registry/regimes.yaml``) that lets an understanding limited to a kind of aggression
("communist aggression", the US understanding to SEATO Art. IV(1)) be tested on a date."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from casus.model.treaty import IsoDate, Source, StateCode, Text, _Model

_FILE = "regimes.yaml"


class RegimeSpell(_Model):
    """One state's period under the regime, with the events that date it."""

    state: StateCode
    from_: IsoDate = Field(alias="from")
    to: IsoDate | None = None
    certainty: Literal["confirmed", "unconfirmed"] = "confirmed"
    note: Text
    sources: list[str] = Field(min_length=1)

    def covers(self, on: date) -> bool:
        return self.from_ <= on and (self.to is None or on <= self.to)


class RegimeList(_Model):
    """Every state a source lists under one kind of regime, by date."""

    label: Text
    complete: bool = Field(description="the source's list is read as the whole of them: a "
                           "state absent on a date was not under the regime then")
    sources: dict[str, Source] = Field(min_length=1)
    spells: list[RegimeSpell] = Field(min_length=1)

    @model_validator(mode="after")
    def _cited(self) -> RegimeList:
        unknown = sorted({s for sp in self.spells for s in sp.sources} - set(self.sources))
        if unknown:
            raise ValueError(f"unknown source id(s) {', '.join(unknown)} (define them under "
                             f"sources:)")
        return self

    def spell(self, state: str, on: date) -> RegimeSpell | None:
        """The spell that puts ``state`` under the regime on ``on``, if any."""
        return next((s for s in self.spells if s.state == state and s.covers(on)), None)


@cache
def regimes() -> dict[str, RegimeList]:
    """The regime lists shipped in the registry, by kind (``communist``).

    A malformed file is a :class:`casus.errors.DataError` naming the file, line and field.
    """
    from importlib.resources import files

    from casus._yaml import read_yaml_with_lines
    from casus.errors import DataError, Problem

    path = str(files("casus") / "registry" / _FILE)
    data, lines = read_yaml_with_lines(path)
    if not isinstance(data, dict):
        raise DataError([Problem(path, "expected a mapping of regime kinds", 1)])
    out, problems = {}, []
    for kind, entry in data.items():
        try:
            out[kind] = RegimeList.model_validate(entry)
        except ValidationError as e:
            for err in e.errors():
                loc = (kind, *err["loc"])
                where = next((lines[loc[:i]] for i in range(len(loc), 0, -1)
                              if loc[:i] in lines), None)
                problems.append(Problem(path, err["msg"], where,
                                        ".".join(str(x) for x in loc)))
    if problems:
        raise DataError(problems)
    return out
