"""Office holders: who spoke for which state (or organisation), in which office, from when to when.

The news reader takes "Putin said ..." as Russia speaking and "Rutte said ..." as NATO speaking,
but only while that person holds the office: "Biden" is the United States in an article of 2023,
nobody in one of 2030; "Rutte" is the Netherlands in 2023 and NATO in 2025. The facts are data,
not code: ``data/office_holders.yaml``, one entry per person and office, each with its term and
the source that gives it::

    - person: Fumio Kishida
      names: [Kishida]                 # how articles name the person (surname, Cyrillic form)
      office: Prime Minister of Japan
      state: JPN                       # ISO alpha-3, or NATO, EU, UN, CSTO
      from: 2021-10-04
      to: 2024-10-01                   # the day the term ended; absent or null: in office
      source: {publisher: ..., url: https://...}
      confirmed: true                  # the dates were read in the source (or a copy of it)
      note: ...                        # required when confirmed is false: what is unconfirmed

:func:`load_office_holders` validates a file and reports every problem at once as
``file:line: field: message`` (:class:`casus.errors.DataError`); :func:`office_holders` is the
packaged file, read once per process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from casus.errors import DataError, Problem

DATA = Path(__file__).parent / "data" / "office_holders.yaml"
ORGANISATIONS = ("NATO", "EU", "UN", "CSTO")
SCHEMA_VERSION = 1

_FIELDS = {"person", "names", "office", "state", "from", "to", "source", "confirmed", "note"}
_REQUIRED = ("person", "names", "office", "state", "from", "source", "confirmed")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_URL = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Source:
    publisher: str
    url: str


@dataclass(frozen=True, slots=True)
class Term:
    """One person in one office for one state, from ``start`` to ``end`` (None: in office)."""

    person: str
    names: tuple[str, ...]
    office: str
    state: str
    start: date
    end: date | None
    source: Source
    confirmed: bool
    note: str | None = None

    def covers(self, first: date, last: date | None = None) -> bool:
        """Whether the term overlaps the days ``first`` .. ``last`` (both included)."""
        last = first if last is None else last
        return self.start <= last and (self.end is None or first <= self.end)


def _is_actor(code: str) -> bool:
    if code in ORGANISATIONS:
        return True
    from casus.model.states import is_state_code

    return is_state_code(code)


def load_office_holders(path: Path = DATA) -> tuple[Term, ...]:
    """Read and validate an office-holders file; raise one DataError listing every problem.

    >>> len(load_office_holders()) > 50
    True
    """
    from casus.model.load import read_yaml_with_lines

    data, lines = read_yaml_with_lines(Path(path))
    file = str(path)
    problems: list[Problem] = []

    def bad(message: str, at: tuple, fld: str | None) -> None:
        line = next((lines[at[:k]] for k in range(len(at), -1, -1) if at[:k] in lines), None)
        problems.append(Problem(file, message, line, fld))

    if not isinstance(data, dict):
        raise DataError([Problem(file, "expected a mapping with schema_version and holders", 1)])
    if data.get("schema_version") != SCHEMA_VERSION:
        bad(f"expected {SCHEMA_VERSION}, found {data.get('schema_version')!r}",
            ("schema_version",), "schema_version")
    for key in sorted(set(data) - {"schema_version", "holders"}, key=str):
        bad("unknown field (allowed: schema_version, holders)", (key,), str(key))
    entries = data.get("holders")
    if not isinstance(entries, list) or not entries:
        bad("expected a non-empty list of office holders", ("holders",), "holders")
        raise DataError(problems)

    terms: list[Term] = []
    for i, e in enumerate(entries):
        at = ("holders", i)
        where = f"holders[{i}]"
        if not isinstance(e, dict):
            bad("expected a mapping (person, names, office, state, from, ...)", at, where)
            continue
        n_before = len(problems)
        for key in sorted(set(e) - _FIELDS, key=str):
            bad(f"unknown field (allowed: {', '.join(sorted(_FIELDS))})", (*at, key),
                f"{where}.{key}")
        for key in _REQUIRED:
            if key not in e:
                bad("missing", at, f"{where}.{key}")
        for key in ("person", "office"):
            if key in e and (not isinstance(e[key], str) or not e[key].strip()):
                bad(f"expected text, found {e[key]!r}", (*at, key), f"{where}.{key}")
        names = e.get("names")
        if "names" in e and (not isinstance(names, list) or not names
                             or not all(isinstance(n, str) and n.strip() for n in names)):
            bad(f"expected a list of names as articles write them, e.g. [Kishida], found "
                f"{names!r}", (*at, "names"), f"{where}.names")
        state = e.get("state")
        if "state" in e and not (isinstance(state, str) and _is_actor(state)):
            bad(f"unknown state {state!r}: use an ISO alpha-3 code (JPN) or one of "
                f"{', '.join(ORGANISATIONS)}", (*at, "state"), f"{where}.state")
        start = _date(e.get("from"), (*at, "from"), f"{where}.from", bad) if "from" in e else None
        end = _date(e.get("to"), (*at, "to"), f"{where}.to", bad) if e.get("to") is not None \
            else None
        if start and end and end < start:
            bad(f"the term ends ({end}) before it starts ({start})", (*at, "to"), f"{where}.to")
        source = e.get("source")
        if "source" in e:
            if not isinstance(source, dict) or set(source) != {"publisher", "url"}:
                bad("expected {publisher: ..., url: https://...}", (*at, "source"),
                    f"{where}.source")
            else:
                if not isinstance(source["publisher"], str) or not source["publisher"].strip():
                    bad("expected the publisher's name", (*at, "source", "publisher"),
                        f"{where}.source.publisher")
                if not isinstance(source["url"], str) or not _URL.fullmatch(source["url"]):
                    bad(f"expected an http(s) address, found {source['url']!r}",
                        (*at, "source", "url"), f"{where}.source.url")
        confirmed = e.get("confirmed")
        if "confirmed" in e and not isinstance(confirmed, bool):
            bad(f"expected true or false, found {confirmed!r}", (*at, "confirmed"),
                f"{where}.confirmed")
        note = e.get("note")
        if note is not None and (not isinstance(note, str) or not note.strip()):
            bad(f"expected text, found {note!r}", (*at, "note"), f"{where}.note")
        if confirmed is False and not note:
            bad("an unconfirmed term needs a note saying what could not be confirmed", at,
                f"{where}.note")
        if len(problems) == n_before and start is not None:
            terms.append(Term(person=e["person"].strip(), names=tuple(n.strip() for n in names),
                              office=e["office"].strip(), state=state, start=start, end=end,
                              source=Source(source["publisher"].strip(), source["url"]),
                              confirmed=confirmed, note=note))
    if problems:
        raise DataError(problems)
    return tuple(terms)


def _date(value: object, at: tuple, fld: str, bad) -> date | None:
    text = str(value)
    try:
        if not _DATE.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        bad(f"not a date: {value!r} (write YYYY-MM-DD, e.g. 2021-01-20)", at, fld)
        return None


@cache
def office_holders() -> tuple[Term, ...]:
    """The packaged ``office_holders.yaml``, validated once per process."""
    return load_office_holders(DATA)
