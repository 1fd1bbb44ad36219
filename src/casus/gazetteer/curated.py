"""The curated entries: what the data packages lack, read from ``data/*.yaml`` and checked.

Each entry is either an overlay on a package place, named by ``iso:`` (ISO 3166-1 alpha-2 for
a country-level entry, ISO 3166-2 for a subdivision; ``also:`` lists ISO codes folded into it),
or a new place (``name:`` and ``kind:`` required): an island group, a maritime feature, an
occupied zone, a site. Every entry carries ``sources:``.

:func:`load` checks every data file — the place entries and the seas and geography facts —
and raises one :class:`~casus.errors.DataError` listing every problem as ``file:line: field:
message``; nothing is loaded on error. References to other places (``parent:``, ``within:``)
are checked when the index is built, since they may name a place the packages make.
"""

from __future__ import annotations

from collections.abc import Iterable

from casus.errors import Problem
from casus.gazetteer import geography, waters
from casus.gazetteer._data import (
    DataFile,
    Problems,
    as_date,
    check_header,
    check_keys,
    check_sources,
    data_files,
    is_number,
)
from casus.gazetteer.model import CONTINENTS, KINDS
from casus.model.states import is_state_code

ENTRY_FIELDS = {
    "id", "iso", "also", "name", "kind", "sovereign", "administered_by", "claimants", "disputed",
    "recognised_by", "status_since", "continent", "oceans", "island", "metropolitan",
    "landlocked", "lat", "lon", "parent", "aliases", "de_facto", "notes", "sources", "area",
    "within", "earlier",
}
_EARLIER_FIELDS = {"start", "until", "sovereign", "administered_by", "note", "sources"}
_SECTIONS = {"places"} | waters.SECTIONS | geography.SECTIONS


def load(files: Iterable[DataFile] | None = None) -> list[dict]:
    """Every curated place entry (dates parsed), after checking every file given (default:
    the packaged data files); DataError listing all problems, and nothing loaded, on error."""
    files = tuple(data_files() if files is None else files)
    problems = Problems()
    tags = None
    for f in files:
        if not check_header(f, problems, _SECTIONS):
            continue
        if any(key in f.data for key in waters.SECTIONS):
            tags = waters.parse_waters(f, problems)
        if any(key in f.data for key in geography.SECTIONS):
            geography.parse_geography(f, problems)
    found = tags or waters.facts()
    entries: list[dict] = []
    seen: set[str] = set()
    for f in files:
        if isinstance(f.data, dict) and f.data.get("places") is not None:
            entries.extend(_check_places(f, problems, found, seen))
    if tags is not None:
        _check_sea_features(entries, tags, problems)
    problems.raise_if_any()
    return entries


def _check_places(f: DataFile, problems: Problems, found: waters.Waters,
                  seen: set[str]) -> list[dict]:
    items = f.data.get("places")
    if not isinstance(items, list):
        problems.add(f, ("places",), "places: must be a list of entries")
        return []
    out = []
    for i, entry in enumerate(items):
        if not isinstance(entry, dict):
            problems.add(f, ("places", i), "each entry must be a mapping")
            continue
        entry = dict(entry)
        _check_entry(f, problems, ("places", i), entry, found, seen)
        entry["_where"] = [f.name, f.line(("places", i))]
        out.append(entry)
    return out


def _check_entry(f: DataFile, problems: Problems, at: tuple, entry: dict,
                 found: waters.Waters, seen: set[str]) -> None:
    def bad(key: str | tuple, message: str) -> None:
        problems.add(f, (*at, *((key,) if isinstance(key, str) else key)), message)

    check_keys(f, problems, at, entry, ENTRY_FIELDS)
    pid = entry.get("id")
    if not pid or not isinstance(pid, str):
        bad("id", "missing id (a slug such as 'second-thomas-shoal')")
    elif pid in seen:
        bad("id", f"duplicate id {pid!r}")
    else:
        seen.add(pid)
    if entry.get("kind") is not None and entry["kind"] not in KINDS:
        bad("kind", f"{entry['kind']!r} is not one of {', '.join(KINDS)}")
    if not entry.get("iso") and not (entry.get("name") and entry.get("kind")):
        bad("name", "an entry without iso: needs name: and kind:")
    _check_states(entry, bad)
    cont = entry.get("continent")
    if cont is not None and cont not in CONTINENTS:
        bad("continent", f"{cont!r} is not one of {' '.join(CONTINENTS)}")
    for j, tag in enumerate(entry.get("oceans") or []):
        if tag not in found.parents:
            bad(("oceans", j), f"{tag!r} is not a water tag; valid: {', '.join(found.parents)}")
    _check_dates(f, problems, at, entry)
    for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        value = entry.get(key)
        if value is not None and not is_number(value, low, high):
            bad(key, f"{value!r} is not a number in [{low}, {high}]")
    if entry.get("area") is not None and not _valid_area(entry["area"]):
        bad("area", "area must be {bbox: [south, west, north, east]}, "
                    "{polygon: [[lat, lon], ...]} or {circle: [lat, lon, km]}")
    check_sources(f, problems, (*at, "sources"), entry.get("sources"))


def _check_states(entry: dict, bad) -> None:
    for key in ("sovereign", "administered_by"):
        value = entry.get(key)
        if value is not None and not is_state_code(str(value)):
            bad(key, f"{value!r} is not a casus state code (e.g. 'UKR')")
    for j, code in enumerate(entry.get("claimants") or []):
        if not is_state_code(str(code)):
            bad(("claimants", j), f"{code!r} is not a casus state code (e.g. 'CHN')")


def _check_dates(f: DataFile, problems: Problems, at: tuple, entry: dict) -> None:
    """Parse ``status_since`` and the earlier periods in place; each period ends before it."""
    since = as_date(f, problems, (*at, "status_since"), entry.get("status_since"))
    if "status_since" in entry:
        entry["status_since"] = since
    periods = entry.get("earlier")
    if periods is None:
        return
    if not isinstance(periods, list):
        problems.add(f, (*at, "earlier"), "earlier: must be a list of periods")
        return
    entry["earlier"] = [_check_period(f, problems, (*at, "earlier", j), period, since)
                        for j, period in enumerate(periods)]


def _check_period(f: DataFile, problems: Problems, at: tuple, period: object,
                  since: object) -> dict:
    """An earlier status period: dated, with known state codes, ending before the present."""
    if not isinstance(period, dict):
        problems.add(f, at, "each earlier period must be a mapping with until:, sovereign:, "
                            "administered_by:, sources:")
        return {}
    check_keys(f, problems, at, period, _EARLIER_FIELDS)
    period = dict(period)
    start = as_date(f, problems, (*at, "start"), period.get("start"))
    until = as_date(f, problems, (*at, "until"), period.get("until"))
    period["start"], period["until"] = start, until
    if until is None:
        problems.add(f, (*at, "until"), "until: must be a date (YYYY-MM-DD)")
    elif start is not None and start > until:
        problems.add(f, (*at, "start"), f"period starts ({start}) after it ends ({until})")
    elif since is not None and until >= since:
        problems.add(f, (*at, "until"), f"an earlier period must end before status_since "
                                        f"({since})")
    for key in ("sovereign", "administered_by"):
        value = period.get(key)
        if value is not None and not is_state_code(str(value)):
            problems.add(f, (*at, key), f"{value!r} is not a casus state code (e.g. 'USA')")
    check_sources(f, problems, (*at, "sources"), period.get("sources"), "every earlier period")
    return period


def _valid_area(area: object) -> bool:
    if not isinstance(area, dict) or len(area) != 1:
        return False
    (shape, value), = area.items()
    if not isinstance(value, list):
        return False
    if shape == "bbox":
        return len(value) == 4 and all(is_number(v, -180, 180) for v in value) \
            and value[0] < value[2]
    if shape == "polygon":
        return len(value) >= 3 and all(isinstance(p, list) and len(p) == 2
                                       and all(is_number(c, -180, 180) for c in p)
                                       for p in value)
    if shape == "circle":
        return len(value) == 3 and all(is_number(v, -180, 180) for v in value[:2]) \
            and is_number(value[2], 0, 20_000) and value[2] > 0
    return False


def _check_sea_features(entries: list[dict], found: waters.Waters, problems: Problems) -> None:
    """Every water tag has a feature (id: the tag with hyphens) lying in the tag's chain."""
    by_id = {e.get("id"): e for e in entries}
    for tag, parent in found.parents.items():
        chain = [tag]
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = found.parents.get(parent)
        entry = by_id.get(tag.replace("_", "-"))
        if entry is None or entry.get("kind") != "feature" or entry.get("oceans") != chain:
            problems.items.append(_feature_problem(tag, chain, entry))


def _feature_problem(tag: str, chain: list[str], entry: dict | None) -> Problem:
    file, line = entry["_where"] if entry else ("gazetteer/data/seas.yaml", None)
    return Problem(file, f"water tag {tag!r} needs a place with id: {tag.replace('_', '-')}, "
                         f"kind: feature, oceans: [{', '.join(chain)}]", line,
                   "places" if entry is None else f"{entry['id']}.oceans")


# --------------------------------------------------------------------------------------------
# Curated entries as index records


def names_of(entry: dict | None) -> list[str]:
    """The names a curated entry gives (its name and aliases)."""
    if not entry:
        return []
    return [n for n in [entry.get("name"), *(entry.get("aliases") or [])] if n]


def overlay(rec: dict, entry: dict) -> None:
    """Lay a curated entry over a package record: curated fields win, aliases add up."""
    generated = [rec["name"], *rec.get("aliases", [])]
    sources = rec.get("sources", [])
    rec.update(record_fields(entry))
    rec["id"] = entry["id"]
    rec["aliases"] = sorted({*generated, *rec.get("aliases", [])} - {rec["name"]})
    rec["sources"] = rec["sources"] + [s for s in sources if s not in rec["sources"]]


def record_fields(entry: dict) -> dict:
    """The Place fields a curated entry sets (only those it sets), as index record fields."""
    out: dict = {"_curated": True, "_where": entry.get("_where")}
    for key in ("name", "kind", "sovereign", "administered_by", "continent", "lat", "lon",
                "parent", "recognised_by", "de_facto", "notes", "disputed", "island",
                "metropolitan", "landlocked"):
        if key in entry:
            out[key] = entry[key]
    if "continent" in entry:
        out["_continent_curated"] = True
    for key in ("claimants", "oceans", "aliases", "within"):
        if key in entry:
            out[key] = list(entry[key])
    out["_curated_names"] = names_of(entry)
    if "status_since" in entry:
        out["status_since"] = entry["status_since"].isoformat()
    if "earlier" in entry:
        out["earlier"] = [{"start": p["start"].isoformat() if p.get("start") else None,
                           "until": p["until"].isoformat(), "sovereign": p.get("sovereign"),
                           "administered_by": p.get("administered_by"), "note": p.get("note")}
                          for p in entry["earlier"]]
    if "area" in entry:
        out["area"] = entry["area"]
    out["sources"] = [dict(s) for s in entry["sources"]]
    return out
