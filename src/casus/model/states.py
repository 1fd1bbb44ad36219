"""States: one identity for every state casus names, whatever code or name the user typed.

A state's ``code`` is its ISO 3166-1 alpha-3 code; a state that has ceased to exist keeps its
ISO 3166-3 alpha-3 code (``SUN`` for the USSR, ``DDR``, ``YUG``, ``CSK``). Kosovo uses the
World Bank's ``XKX``. A historical state that never had an ISO code (Bavaria, the Two Sicilies)
is ``COW`` followed by its Correlates of War number (``COW245``).

Nothing here is a hand-written country table: ISO codes and names come from ``pycountry``;
Correlates of War numbers, abbreviations and the name-matching regular expressions come from
``countrycode`` (the Python port of Arel-Bundock's R package). Reading ``countrycode``'s table
costs about a second (it imports polars), so the merged index is cached as JSON in the user's
cache folder, keyed by both libraries' versions.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.metadata import version

from casus._cache import cached_json
from casus.errors import UnknownNameError


@dataclass(frozen=True, slots=True)
class State:
    """A sovereign state (present or past) as casus identifies it."""

    code: str
    name: str
    cow: int | None = None
    iso2: str | None = None
    cow_abbrev: str | None = None
    historic: bool = False

    def __str__(self) -> str:
        return f"{self.code} ({self.name})"


# COW numbers that cover more than one ISO identity over time. The Correlates of War list keeps
# one number for Russia and the USSR (365) and for Serbia and Yugoslavia (345); ISO gives them
# distinct codes. Dates: USSR founded 30 Dec 1922, dissolved 26 Dec 1991 (Declaration 142-N of the
# Soviet of the Republics); Kingdom of Serbs, Croats and Slovenes proclaimed 1 Dec 1918;
# Montenegro's independence ends Serbia and Montenegro on 3 Jun 2006.
_COW_ERAS: dict[int, list[tuple[date, date, str]]] = {
    365: [(date(1922, 12, 30), date(1991, 12, 25), "SUN")],
    345: [(date(1918, 12, 1), date(2003, 2, 3), "YUG"),
          (date(2003, 2, 4), date(2006, 6, 2), "SCG")],
}

# COW state-system numbers that countrycode's table lacks (COW State System Membership v2016):
# 260 is the German Federal Republic (1955-1990), today's Germany; 730 is Korea (1887-1905).
_COW_MISSING = {260: ("DEU", "Germany"), 730: ("COW730", "Korea (1887-1905)")}

# Names people use for a historic state that pycountry spells otherwise; without them
# countrycode's Russia pattern (which matches "soviet union") would claim them.
_HISTORIC_ALIASES = {"soviet union": "SUN", "ussr": "SUN", "east germany": "DDR",
                     "west germany": "DEU", "czechoslovakia": "CSK", "yugoslavia": "YUG"}


def _build_index() -> list[dict]:
    """Merge pycountry's ISO lists with countrycode's COW columns into one list of states."""
    import pickle
    from importlib.resources import files

    import pycountry

    table = pickle.loads((files("countrycode") / "data" / "codelist.pickle").read_bytes())
    rows = len(table["country.name.en"])
    cc = {k: table[k] for k in ("country.name.en", "country.name.en.regex", "iso3c", "cown",
                                "cowc", "wb")}
    historic = list(pycountry.historic_countries)
    states: dict[str, dict] = {}
    regex_by_code: dict[str, str] = {}

    for c in pycountry.countries:
        states[c.alpha_3] = {
            "code": c.alpha_3, "iso2": c.alpha_2,
            "name": getattr(c, "common_name", None) or c.name,
            "names": sorted({c.name, getattr(c, "official_name", c.name),
                             getattr(c, "common_name", c.name)}),
            "cow": None, "cow_abbrev": None, "historic": False,
        }
    for h in historic:
        states.setdefault(h.alpha_3, {
            "code": h.alpha_3, "iso2": None, "name": h.name.split(",")[0],
            "names": sorted({h.name, h.name.split(",")[0]}),
            "cow": None, "cow_abbrev": None, "historic": True,
        })
    for i in range(rows):
        cown, regex, name = cc["cown"][i], cc["country.name.en.regex"][i], cc["country.name.en"][i]
        code = cc["iso3c"][i] or cc["wb"][i]
        if code is None and cown is not None and regex:
            pattern = re.compile(regex, re.IGNORECASE)
            match = next((h.alpha_3 for h in historic if pattern.search(h.name)), None)
            code = match or f"COW{int(cown)}"
        if code is None:
            continue
        entry = states.setdefault(code, {
            "code": code, "iso2": None, "name": name, "names": [name],
            "cow": None, "cow_abbrev": None, "historic": code.startswith("COW"),
        })
        if name and name not in entry["names"]:
            entry["names"].append(name)
        if cc["iso3c"][i] and name:
            entry["name"] = name  # countrycode's short English name reads best ("Russia")
        if cown is not None and entry["cow"] is None:
            entry["cow"], entry["cow_abbrev"] = int(cown), cc["cowc"][i]
        if regex:
            regex_by_code.setdefault(code, regex)
    for code, regex in regex_by_code.items():
        states[code]["regex"] = regex
    for cown, (code, name) in _COW_MISSING.items():
        entry = states.setdefault(code, {"code": code, "iso2": None, "name": name, "names": [name],
                                         "cow": None, "cow_abbrev": None, "historic": True})
        entry.setdefault("extra_cow", []).append(cown)
    return sorted(states.values(), key=lambda s: s["code"])


@cache
def _index() -> list[dict]:
    key = f"pycountry-{version('pycountry')}_countrycode-{version('countrycode')}"
    return cached_json(f"states-{key}.json", _build_index, prefix="states-")


@cache
def _lookups() -> tuple[dict[str, dict], dict[str, dict], dict[int, dict], list[tuple],
                        dict[str, dict]]:
    by_code = {s["code"]: s for s in _index()}
    by_name: dict[str, dict] = {}
    by_cow: dict[int, dict] = {}
    patterns = []
    historic_names: dict[str, dict] = {}
    for s in _index():
        # A historic state's own name comes last: "Burma" is Myanmar today, not BUR.
        names = historic_names if s["historic"] else by_name
        for n in s["names"]:
            names.setdefault(n.casefold(), s)
        if s.get("iso2"):
            by_name.setdefault(s["iso2"].casefold(), s)
        if s["cow"] is not None:
            by_cow.setdefault(s["cow"], s)
        for extra in s.get("extra_cow", []):
            by_cow.setdefault(extra, s)
        if s.get("regex"):
            patterns.append((re.compile(s["regex"], re.IGNORECASE), s))
    for alias, code in _HISTORIC_ALIASES.items():
        by_name[alias] = by_code[code]
    return by_code, by_name, by_cow, patterns, historic_names


def _state(entry: dict) -> State:
    cow = entry["cow"] if entry["cow"] is not None else next(iter(entry.get("extra_cow", [])), None)
    return State(code=entry["code"], name=entry["name"], cow=cow, iso2=entry["iso2"],
                 cow_abbrev=entry["cow_abbrev"], historic=entry["historic"])


def all_states() -> list[State]:
    """Every state casus knows: ISO current and historic, and COW-only historical states."""
    return [_state(s) for s in _index()]


def resolve_state(query: str | int) -> State:
    """Find a state by ISO alpha-2/alpha-3 code, COW number, or English name.

    >>> resolve_state("North Korea").code
    'PRK'
    >>> resolve_state(365).code, resolve_state("USSR").code
    ('RUS', 'SUN')
    """
    by_code, by_name, by_cow, patterns, historic_names = _lookups()
    text = str(query).strip()
    if not text:
        raise UnknownNameError("state", text, [])
    if text.isdigit():
        if int(text) in by_cow:
            return _state(by_cow[int(text)])
        raise UnknownNameError("state", text, [f"{n} ({by_cow[n]['code']})"
                                               for n in _close_numbers(int(text), by_cow)])
    upper = text.upper()
    if upper in by_code:
        return _state(by_code[upper])
    folded = text.casefold()
    if folded in by_name:
        return _state(by_name[folded])
    matches = {s["code"]: s for pattern, s in patterns if pattern.search(text)}
    if len(matches) == 1:
        return _state(next(iter(matches.values())))
    if not matches and folded in historic_names:
        return _state(historic_names[folded])
    if not matches:
        cow_abbrev = [s for s in by_code.values() if s["cow_abbrev"] == upper]
        if len(cow_abbrev) == 1:
            return _state(cow_abbrev[0])
    raise UnknownNameError("state", text, suggest_states(text, matches.values()))


def suggest_states(text: str, candidates=()) -> list[str]:
    """Close matches for a mistyped state, as "CODE (Name)" strings."""
    by_code, by_name, _, _, historic_names = _lookups()
    by_name = {**historic_names, **by_name}
    found = list(candidates)
    keys = list(by_name) + [c.casefold() for c in by_code]
    for key in difflib.get_close_matches(text.casefold(), keys, n=4, cutoff=0.6):
        found.append(by_name.get(key) or by_code[key.upper()])
    seen: dict[str, str] = {}
    for s in found:
        seen.setdefault(s["code"], f"{s['code']} ({s['name']})")
    return list(seen.values())[:5]


def _close_numbers(n: int, by_cow: dict[int, dict]) -> list[int]:
    return sorted(by_cow, key=lambda k: abs(k - n))[:3]


def state_code(query: str | int) -> str:
    """The casus code of a state named any way :func:`resolve_state` accepts."""
    return resolve_state(query).code


def state_from_cow(ccode: int, on: date | None = None) -> State:
    """The state a COW number denotes on a date: 365 is the USSR (``SUN``) from 1922 to 1991."""
    for start, end, code in _COW_ERAS.get(int(ccode), []):
        if on is not None and start <= on <= end:
            return _state(_lookups()[0][code])
    return resolve_state(int(ccode))


def is_state_code(code: str) -> bool:
    """Whether ``code`` is exactly a casus state code (used by validation: no names allowed)."""
    return code in _lookups()[0]


def state_name(code: str) -> str:
    """The English short name of a state code, or the code itself if unknown."""
    entry = _lookups()[0].get(code)
    return entry["name"] if entry else code
