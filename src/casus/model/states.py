"""States: one identity for every state casus names, whatever code or name the user typed.

A state's ``code`` is its ISO 3166-1 alpha-3 code; a state that has ceased to exist keeps its
ISO 3166-3 alpha-3 code (``SUN`` for the USSR, ``DDR``, ``YUG``, ``CSK``). Kosovo uses the
World Bank's ``XKX``. A historical state that never had an ISO code (Bavaria, the Two Sicilies)
is ``COW`` followed by its Correlates of War number (``COW245``).

Nothing here is a hand-written country table: ISO codes and names come from ``pycountry``;
Correlates of War numbers, abbreviations and the name-matching regular expressions come from
``countrycode`` (the Python port of Arel-Bundock's R package). Reading ``countrycode``'s table
costs about a second (it imports polars), so the merged index is cached as JSON in the user's
cache folder, keyed by both libraries' versions and a hash of the code that builds it. The same
file is shipped gzip-compressed in ``model/built/``, so a first run (or a read-only cache)
builds nothing; with other versions of the two libraries installed, or after an edit to the
building code, no shipped file matches and the index is built as before. Regenerate it with::

    python -m casus.model.states
"""

from __future__ import annotations

import difflib
import hashlib
import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from importlib.metadata import version
from pathlib import Path

from casus._cache import cached_json, regenerate_shipped
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


# One state, several codes over time. The Correlates of War list keeps one number for Russia and
# the USSR (365) and for Serbia and Yugoslavia (345); ISO gives each era its own code. A chain is
# keyed by the state's code outside its eras (its base). Dates: the USSR was created on 30 Dec
# 1922 (Treaty on the Creation of the USSR) and dissolved on 26 Dec 1991 (Declaration 142-N of
# the Soviet of the Republics); the Kingdom of Serbs, Croats and Slovenes was proclaimed on
# 1 Dec 1918; Serbia and Montenegro was constituted on 4 Feb 2003 and ended with Montenegro's
# independence (3 Jun 2006); Yemen was unified on 22 May 1990 (before, "Yemen" in the data is the
# Yemen Arab Republic, COW 678; South Yemen, COW 680, is a state of its own).
CHAINS: dict[str, list[tuple[date, date, str]]] = {
    "RUS": [(date(1922, 12, 30), date(1991, 12, 25), "SUN")],
    "SRB": [(date(1918, 12, 1), date(2003, 2, 3), "YUG"),
            (date(2003, 2, 4), date(2006, 6, 2), "SCG")],
    "YEM": [(date(1, 1, 1), date(1990, 5, 21), "COW678")],
}
# Codes that name the same state as another at every date: ISO 3166-3's VDR (the Democratic
# Republic of Vietnam) is COW 816, today's Vietnam.
_SAME = {"VDR": "VNM"}
_BASE = {era: base for base, eras in CHAINS.items() for _, _, era in eras} | _SAME
# The base code of a COW number that has eras (countrycode files 345 under Yugoslavia).
_COW_BASE = {365: "RUS", 345: "SRB", 678: "YEM"}


def era_state(code: str, on: date) -> str:
    """The code a state has on a date: ``RUS`` in 1961 is ``SUN``, ``SUN`` in 1914 or 1995 is
    ``RUS``, ``SRB`` in 1960 is ``YUG``, ``YEM`` in 1970 is ``COW678``; any other code as is."""
    base = _BASE.get(code, code)
    for start, end, era in CHAINS.get(base, ()):
        if start <= on <= end:
            return era
    return base


def era_spans(code: str, start: date, end: date | None) -> list[tuple[date, date | None, str]]:
    """A spell of one state from ``start`` to ``end`` (None: open), cut at its changes of code.

    >>> era_spans("RUS", date(1978, 11, 3), date(1994, 12, 31))[1]
    (datetime.date(1991, 12, 26), datetime.date(1994, 12, 31), 'RUS')
    """
    base = _BASE.get(code, code)
    cuts = sorted({d for s, e, _ in CHAINS.get(base, ()) for d in (s, e + timedelta(days=1))
                   if start < d and (end is None or d <= end)})
    out, lo = [], start
    for cut in [*cuts, None]:
        hi = end if cut is None else cut - timedelta(days=1)
        out.append((lo, hi, era_state(base, lo)))
        if cut is None:
            break
        lo = cut
    return out


# COW state-system numbers that countrycode's table lacks (COW State System Membership v2016):
# 260 is the German Federal Republic (1955-1990), today's Germany; 730 is Korea (1887-1905).
_COW_MISSING = {260: ("DEU", "Germany"), 730: ("COW730", "Korea (1887-1905)")}

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


#: The state index as built for the versions and code it is named after (``python -m
#: casus.model.states`` regenerates it).
SHIPPED = Path(__file__).parent / "built"


@cache
def _code_digest() -> str:
    """The code that builds the index, so an edit to it never reads an older build."""
    import inspect

    try:
        source = inspect.getsource(_build_index) + repr(sorted(_COW_MISSING.items()))
    except OSError:  # no source installed: a digest no shipped file carries
        source = repr(_build_index.__code__.co_code)
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def _cache_name() -> str:
    key = f"pycountry-{version('pycountry')}_countrycode-{version('countrycode')}"
    return f"states-{key}-{_code_digest()}.json"


def _valid_index(data: object) -> bool:
    return isinstance(data, list) and bool(data) and all(
        isinstance(s, dict) and {"code", "name", "names", "cow", "historic"} <= s.keys()
        for s in data)


@cache
def _index() -> list[dict]:
    return cached_json(_cache_name(), _build_index, prefix="states-", valid=_valid_index,
                       shipped=SHIPPED)


# Built from the sources only: the child reads no shipped file.
_BUILD = ("import pathlib\nfrom casus.model import states\n"
          "states.SHIPPED = pathlib.Path('/nonexistent')\nstates._index()")


def regenerate() -> list[Path]:
    """Build the state index into an empty cache and ship it in ``model/built/``."""
    return regenerate_shipped(SHIPPED, _BUILD, "states-")


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
    return by_code, by_name, by_cow, patterns, historic_names


def _state(entry: dict) -> State:
    cow = entry["cow"] if entry["cow"] is not None else next(iter(entry.get("extra_cow", [])), None)
    return State(code=entry["code"], name=entry["name"], cow=cow, iso2=entry["iso2"],
                 cow_abbrev=entry["cow_abbrev"], historic=entry["historic"])


def all_states() -> list[State]:
    """Every state casus knows: ISO current and historic, and COW-only historical states."""
    return [_state(s) for s in _index()]


#: A near miss resolves only when it scores at least this (rapidfuzz ``ratio``, 0-100) ...
FUZZY_THRESHOLD = 85.0
#: ... and beats the best name of every other state by at least this much.
FUZZY_MARGIN = 8.0

_ALIASES_FILE = "state_aliases.yaml"


def _norm(text: str) -> str:
    """A name as compared: accents, case, punctuation, "&" and a leading "the" folded away."""
    folded = unicodedata.normalize("NFKD", str(text)).casefold()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.replace("&", " and ").replace("'", "").replace("’", "").replace(".", "")
    folded = re.sub(r"[^\w]+", " ", folded).strip()
    return folded.removeprefix("the ").strip()


@cache
def aliases() -> dict[str, str]:
    """The curated aliases (``registry/state_aliases.yaml``): normalised alias -> state code."""
    from importlib.resources import files

    from casus._yaml import read_yaml_with_lines
    from casus.errors import DataError, Problem

    path = files("casus") / "registry" / _ALIASES_FILE
    data, lines = read_yaml_with_lines(str(path))
    by_code = _lookups()[0]
    problems, out = [], {}
    states = data.get("states") if isinstance(data, dict) else None
    sources = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(states, dict) or not isinstance(sources, dict):
        raise DataError([Problem(str(path), "expected 'sources:' and 'states:' mappings", 1)])
    for code, entry in states.items():
        where = lines.get(("states", code))
        if code not in by_code:
            problems.append(Problem(str(path), f"unknown state code {code!r}", where))
            continue
        if not (isinstance(entry, dict) and isinstance(entry.get("aliases"), list)
                and entry.get("sources") and all(s in sources for s in entry["sources"])):
            problems.append(Problem(str(path), "each state needs 'aliases' and defined "
                                    "'sources'", where, f"states.{code}"))
            continue
        for alias in entry["aliases"]:
            key = _norm(alias)
            if out.get(key, code) != code:
                problems.append(Problem(str(path), f"alias {alias!r} given to {out[key]} and "
                                        f"{code}", where, f"states.{code}"))
            out[key] = code
    if problems:
        raise DataError(problems)
    return out


@cache
def _names() -> tuple[dict[str, str], re.Pattern, list[str], list[str]]:
    """Normalised name -> code (aliases first, then present-day states, then historic ones);
    one regex that finds any name as whole words; the names and their codes, for rapidfuzz."""
    by_code = _lookups()[0]
    names: dict[str, str] = dict(aliases())
    for historic in (False, True):
        for s in by_code.values():
            if s["historic"] != historic:
                continue
            for n in s["names"]:
                key = _norm(n)
                if key and not key.isdigit():
                    names.setdefault(key, s["code"])
    keys = sorted(names, key=len, reverse=True)
    finder = re.compile(r"\b(?:" + "|".join(map(re.escape, keys)) + r")\b")
    return names, finder, keys, [names[k] for k in keys]


def states_sharing_name(text: str) -> tuple[str, ...]:
    """The present-day states whose ISO names share ``text`` as their head and none bears it
    alone: "Korea" is the head of "Korea, Republic of" and "Korea, Democratic People's
    Republic of", so it names neither state by itself (while "Congo" is the Republic of the
    Congo's own name). Empty for any other text.

    >>> states_sharing_name("Korea")
    ('KOR', 'PRK')
    """
    return _shared_heads().get(_norm(text), ())


@cache
def _shared_heads() -> dict[str, tuple[str, ...]]:
    names = _names()[0]
    heads: dict[str, set[str]] = {}
    for s in _lookups()[0].values():
        if s["historic"]:
            continue
        for n in s["names"]:
            head, comma, _ = n.partition(",")
            if comma:
                heads.setdefault(_norm(head), set()).add(s["code"])
    return {h: tuple(sorted(codes)) for h, codes in heads.items()
            if len(codes) > 1 and h not in names}


def resolve_state(query: str | int) -> State:
    """Find a state by ISO alpha-2/alpha-3 code, COW number or abbreviation, or English name.

    A name resolves when it is exactly a name pycountry or countrycode gives the state, or a
    curated alias (``registry/state_aliases.yaml``), compared without case, accents or
    punctuation. A near miss (a typo) resolves only when it is unambiguous: rapidfuzz's ratio
    is at least :data:`FUZZY_THRESHOLD` and beats every other state by :data:`FUZZY_MARGIN`.
    Text that names two states, or a state and other words ("Not Russia"), never resolves:
    :class:`UnknownNameError` with close matches.

    >>> resolve_state("North Korea").code, resolve_state("N. Korea").code
    ('PRK', 'PRK')
    >>> resolve_state(365).code, resolve_state("USSR").code
    ('RUS', 'SUN')
    """
    by_code, _, by_cow, _, _ = _lookups()
    text = " ".join(str(query).split())
    if not text:
        raise UnknownNameError("state", str(query), [])
    if len(text) > 200:
        raise UnknownNameError("state", text[:60] + "…", [])
    if text.isdigit():
        if int(text) in by_cow:
            return _state(by_cow[int(text)])
        raise UnknownNameError("state", text, [f"{n} ({by_cow[n]['code']})"
                                               for n in _close_numbers(int(text), by_cow)])
    upper = text.upper()
    if upper in by_code:
        return _state(by_code[upper])
    if len(upper) == 2 and upper.isalpha():
        iso2 = [s for s in by_code.values() if s["iso2"] == upper]
        if len(iso2) == 1:
            return _state(iso2[0])
    if len(upper) == 3 and upper.isalpha():
        cow_abbrev = [s for s in by_code.values() if s["cow_abbrev"] == upper]
        if len(cow_abbrev) == 1:
            return _state(cow_abbrev[0])
    names, finder, keys, codes = _names()
    key = _norm(text)
    if key in names:
        return _state(by_code[names[key]])
    if text.count(",") == 1:  # "Korea, South" -> "South Korea"
        before, after = text.split(",")
        swapped = _norm(f"{after} {before}")
        if swapped in names:
            return _state(by_code[names[swapped]])
    found = {m.group(): names[m.group()] for m in finder.finditer(key)}
    best = _near_miss(key, keys, codes)
    if best is not None:
        code, name = best
        # A near miss is a misspelt name, not a name with other words: the best name must not
        # be in the text verbatim, every word must be close to one of the name's words, and
        # any other name in the text must be part of this one ("Guinea" in "Guinea Bisau").
        others = {c for n, c in found.items() if n == name or (c != code and n not in name)}
        if not others and _words_close(key, name):
            return _state(by_code[code])
    if len(set(found.values())) > 1:
        listed = [f"{c} ({by_code[c]['name']})" for c in dict.fromkeys(found.values())]
        raise UnknownNameError("state", text, listed, reason="names more than one state; "
                               "give one")
    if found:
        reason = "is a state's name with other words; give the name alone"
        raise UnknownNameError("state", text, suggest_states(text, [by_code[c] for c in
                                                                      found.values()]),
                               reason=reason)
    raise UnknownNameError("state", text, suggest_states(text))


def _words_close(key: str, name: str) -> bool:
    """Every word of ``key`` is a near miss of some word of ``name`` (ratio >= 80)."""
    from rapidfuzz import fuzz

    words = name.split()
    return all(max(fuzz.ratio(w, n) for n in words) >= 80 for w in key.split())


def _near_miss(key: str, keys: list[str], codes: list[str]) -> tuple[str, str] | None:
    """(code, name) of the one state ``key`` is a near miss of, by the stated rule, or None."""
    from rapidfuzz import fuzz, process

    best: dict[str, tuple[float, str]] = {}
    for name, score, i in process.extract(key, keys, scorer=fuzz.ratio, limit=12,
                                          score_cutoff=FUZZY_THRESHOLD - FUZZY_MARGIN):
        code = codes[i]
        if code not in best or score > best[code][0]:
            best[code] = (score, name)
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
    if not ranked or ranked[0][1][0] < FUZZY_THRESHOLD:
        return None
    if len(ranked) > 1 and ranked[0][1][0] - ranked[1][1][0] < FUZZY_MARGIN:
        return None
    return ranked[0][0], ranked[0][1][1]


def suggest_states(text: str, candidates=()) -> list[str]:
    """Close matches for a mistyped state, as "CODE (Name)" strings."""
    from rapidfuzz import fuzz, process

    by_code = _lookups()[0]
    _, _, keys, codes = _names()
    found = list(candidates)
    code_like = re.fullmatch(r"[A-Za-z]{3}|COW\d+", text.strip()) is not None
    if code_like:  # a mistyped code: the codes it resembles
        close = difflib.get_close_matches(text.strip().upper(), list(by_code), n=4, cutoff=0.6)
        found += [by_code[c] for c in close]
    if not code_like or not found:
        for _, _, i in process.extract(_norm(text), keys, scorer=fuzz.WRatio, limit=8,
                                       score_cutoff=60):
            found.append(by_code[codes[i]])
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
    """The state a COW number denotes on a date: 365 is the USSR (``SUN``) from 30 Dec 1922 to
    25 Dec 1991 and Russia (``RUS``) before and after; 345 is Serbia, Yugoslavia, Serbia and
    Montenegro, Serbia (see :data:`CHAINS`)."""
    base = _COW_BASE.get(int(ccode))
    if base is None:
        state = resolve_state(int(ccode))
        if on is None or (state.code not in _BASE and state.code not in CHAINS):
            return state
        base = state.code
    return _state(_lookups()[0][era_state(base, on) if on is not None else base])


def is_state_code(code: str) -> bool:
    """Whether ``code`` is exactly a casus state code (used by validation: no names allowed)."""
    return code in _lookups()[0]


def state_name(code: str) -> str:
    """The English short name of a state code, or the code itself if unknown."""
    entry = _lookups()[0].get(code)
    return entry["name"] if entry else code


if __name__ == "__main__":  # python -m casus.model.states: regenerate the shipped index
    for written in regenerate():
        sys.stdout.write(f"{written.name} ({written.stat().st_size:,} bytes)\n")
