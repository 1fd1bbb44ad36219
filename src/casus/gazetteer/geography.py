"""Continents and lines of latitude: names, edges, and where a state is split between continents.

The facts live in ``data/geography.yaml``, dated and sourced; the continent *codes* are
GeoNames' vocabulary (:data:`casus.gazetteer.model.CONTINENTS`), their names are data.

>>> continent_name("EU")
'Europe'
>>> southern_edge("EU")
34.8
>>> continent_by_longitude("RUS", 131.9)
'AS'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from casus.gazetteer._data import (
    DataFile,
    Problems,
    as_date,
    check_keys,
    check_sources,
    is_number,
    parsed,
)
from casus.gazetteer.model import CONTINENTS

SECTIONS = {"continents", "southern_edges", "tropic_of_cancer", "continent_splits"}
_FILE = "geography.yaml"


@dataclass(frozen=True)
class Geography:
    names: dict[str, str]
    southern_edges: dict[str, float]
    tropic_of_cancer: float
    splits: dict[str, tuple[str, float, float, str]]  # state -> (continent, west, east, else)


def parse_geography(f: DataFile, problems: Problems) -> Geography:
    """The geographic facts of one file; every problem goes to ``problems``."""
    names: dict[str, str] = {}
    for i, entry in _entries(f, problems, "continents", {"code", "name"}):
        if entry.get("code") not in CONTINENTS:
            problems.add(f, ("continents", i, "code"),
                         f"{entry.get('code')!r} is not one of {' '.join(CONTINENTS)}")
        elif not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.add(f, ("continents", i, "name"), "name: must be the continent's name")
        else:
            names[entry["code"]] = entry["name"]
    for code in CONTINENTS:
        if names and code not in names:
            problems.add(f, ("continents",), f"no name for continent {code}")
    edges: dict[str, float] = {}
    for i, entry in _entries(f, problems, "southern_edges", {"continent", "lat", "at"}):
        if entry.get("continent") not in CONTINENTS:
            problems.add(f, ("southern_edges", i, "continent"),
                         f"{entry.get('continent')!r} is not one of {' '.join(CONTINENTS)}")
        elif not is_number(entry.get("lat"), -90, 90):
            problems.add(f, ("southern_edges", i, "lat"), "lat: must be a number in [-90, 90]")
        else:
            edges[entry["continent"]] = float(entry["lat"])
    return Geography(names, edges, _tropic(f, problems), _splits(f, problems))


def _entries(f: DataFile, problems: Problems, section: str, fields: set[str]):
    items = f.section(section)
    if not isinstance(items, list):
        problems.add(f, (section,), f"{section}: must be a list of mappings")
        return
    for i, entry in enumerate(items):
        if not isinstance(entry, dict):
            problems.add(f, (section, i), "each entry must be a mapping")
            continue
        _dated(f, problems, (section, i), entry, fields)
        yield i, entry


def _dated(f: DataFile, problems: Problems, at: tuple, entry: dict, fields: set[str]) -> None:
    check_keys(f, problems, at, entry, fields | {"as_of", "sources", "note"})
    if "as_of" not in entry:
        problems.add(f, (*at, "as_of"), "every fact needs as_of: YYYY-MM-DD")
    else:
        as_date(f, problems, (*at, "as_of"), entry["as_of"])
    check_sources(f, problems, (*at, "sources"), entry.get("sources"), "every fact")


def _tropic(f: DataFile, problems: Problems) -> float:
    entry = f.section("tropic_of_cancer")
    if not isinstance(entry, dict):
        problems.add(f, ("tropic_of_cancer",), "tropic_of_cancer: must be {lat, as_of, sources}")
        return float("nan")
    _dated(f, problems, ("tropic_of_cancer",), entry, {"lat"})
    if not is_number(entry.get("lat"), 23.0, 24.0):
        problems.add(f, ("tropic_of_cancer", "lat"), "lat: must be a number near 23.44")
        return float("nan")
    return float(entry["lat"])


def _splits(f: DataFile, problems: Problems) -> dict:
    out = {}
    fields = {"state", "continent", "west", "east", "otherwise"}
    for i, entry in _entries(f, problems, "continent_splits", fields):
        at = ("continent_splits", i)
        for key in ("continent", "otherwise"):
            if entry.get(key) not in CONTINENTS:
                problems.add(f, (*at, key), f"{entry.get(key)!r} is not one of "
                                            f"{' '.join(CONTINENTS)}")
        west, east = entry.get("west"), entry.get("east")
        if not (is_number(west, -180, 180) and is_number(east, -180, 180) and west < east):
            problems.add(f, (*at, "west"), "west: and east: must be longitudes, west < east")
            continue
        out[str(entry.get("state"))] = (entry.get("continent"), float(west), float(east),
                                        entry.get("otherwise"))
    return out


@cache
def facts() -> Geography:
    """The packaged facts (DataError listing every problem in ``data/geography.yaml``)."""
    return parsed(_FILE, parse_geography)


def continent_name(code: str) -> str:
    """The English name of a continent code (``"OC"`` → ``"Oceania"``); an unknown code is
    returned as it is, so a sentence still names what the data said."""
    return facts().names.get(code, code)


def southern_edge(continent: str) -> float | None:
    """The southernmost latitude of land the gazetteer puts in a continent, or None if not
    recorded: every place in Europe lies north of ``southern_edge("EU")``."""
    return facts().southern_edges.get(continent)


def tropic_of_cancer() -> float:
    """The latitude of the Tropic of Cancer (North Atlantic Treaty Art. 6's boundary)."""
    return facts().tropic_of_cancer


def continent_by_longitude(state: str, lon: float) -> str | None:
    """The continent of a point of a state split between continents by longitude (Russia at
    the Urals, taken as 60° E), or None for a state not split that way."""
    split = facts().splits.get(state)
    if split is None:
        return None
    continent, west, east, otherwise = split
    return continent if west < lon < east else otherwise


def split_states() -> frozenset[str]:
    return frozenset(facts().splits)


def split_continents(state: str | None) -> tuple[str, ...]:
    """The two continents a split state lies on (``("EU", "AS")`` for Russia), else ()."""
    split = facts().splits.get(state) if state else None
    return (split[0], split[3]) if split else ()
