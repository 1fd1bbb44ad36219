"""Seas and oceans: the water tags, what each lies in, and the waters of a point at sea.

The facts live in ``data/seas.yaml`` (dated, each with its source): the tags with the ocean or
sea each lies in (``waters``), the hand-drawn boxes that name a point's sea (``sea_boxes``),
and the seas whose place in a sea a treaty names is debated (``debated_waters``). Outside every
box a point's ocean comes from the bands in :func:`waters_at`: meridians through the land
between the oceans and the Equator, which are geometry rather than curated facts.

>>> waters_at(55.0, 18.0)
('baltic', 'north_atlantic')
>>> debated_water("black_sea", "mediterranean") is not None
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from casus.errors import InputError
from casus.gazetteer._data import (
    DataFile,
    Problems,
    as_date,
    check_keys,
    check_sources,
    is_number,
    parsed,
)

SECTIONS = {"waters", "sea_boxes", "debated_waters"}
_FILE = "seas.yaml"


@dataclass(frozen=True)
class Waters:
    """The seas facts: tag → what it lies in, the boxes in order, the debated pairs."""

    parents: dict[str, str | None]
    boxes: tuple[tuple[str, tuple[float, float, float, float]], ...]
    debated: dict[tuple[str, str], str]


def parse_waters(f: DataFile, problems: Problems) -> Waters:
    """The seas facts of one file; every problem goes to ``problems``."""
    parents: dict[str, str | None] = {}
    for i, entry in _entries(f, problems, "waters"):
        check_keys(f, problems, ("waters", i), entry, {"tag", "in", "as_of", "note", "sources"})
        tag = entry.get("tag")
        if not isinstance(tag, str) or not tag.replace("_", "").isalpha() or not tag.islower():
            problems.add(f, ("waters", i, "tag"), f"{tag!r} is not a tag (e.g. south_china_sea)")
        elif tag in parents:
            problems.add(f, ("waters", i, "tag"), f"duplicate tag {tag!r}")
        else:
            parents[tag] = entry.get("in")
        _dated(f, problems, ("waters", i), entry)
    for i, entry in _entries(f, problems, "waters"):
        parent = entry.get("in")
        if parent is not None and parent not in parents:
            problems.add(f, ("waters", i, "in"), f"{parent!r} is not a tag in waters:")
    _check_cycles(f, problems, parents)
    return Waters(parents, _boxes(f, problems, parents), _debated(f, problems, parents))


def _entries(f: DataFile, problems: Problems, section: str):
    items = f.section(section)
    if not isinstance(items, list):
        problems.add(f, (section,), f"{section}: must be a list of mappings")
        return
    for i, entry in enumerate(items):
        if isinstance(entry, dict):
            yield i, entry
        else:
            problems.add(f, (section, i), "each entry must be a mapping")


def _dated(f: DataFile, problems: Problems, at: tuple, entry: dict) -> None:
    if "as_of" not in entry:
        problems.add(f, (*at, "as_of"), "every fact needs as_of: YYYY-MM-DD")
    else:
        as_date(f, problems, (*at, "as_of"), entry["as_of"])
    check_sources(f, problems, (*at, "sources"), entry.get("sources"), "every fact")


def _check_cycles(f: DataFile, problems: Problems, parents: dict[str, str | None]) -> None:
    for tag in parents:
        seen, current = {tag}, parents.get(tag)
        while current is not None and current in parents:
            if current in seen:
                problems.add(f, ("waters",), f"{tag!r} lies in itself (a cycle of in:)")
                break
            seen.add(current)
            current = parents[current]


def _boxes(f: DataFile, problems: Problems, parents: dict) -> tuple:
    out = []
    for i, entry in _entries(f, problems, "sea_boxes"):
        check_keys(f, problems, ("sea_boxes", i), entry, {"tag", "box", "as_of", "sources"})
        tag, box = entry.get("tag"), entry.get("box")
        if tag not in parents:
            problems.add(f, ("sea_boxes", i, "tag"), f"{tag!r} is not a tag in waters:")
        if not (isinstance(box, list) and len(box) == 4
                and all(is_number(v, -180, 180) for v in box)
                and -90 <= box[0] < box[2] <= 90 and box[1] < box[3]):
            problems.add(f, ("sea_boxes", i, "box"), f"{box!r} is not [south, west, north, east] "
                         "in degrees with south < north and west < east")
        else:
            out.append((tag, tuple(float(v) for v in box)))
        _dated(f, problems, ("sea_boxes", i), entry)
    return tuple(out)


def _debated(f: DataFile, problems: Problems, parents: dict) -> dict:
    out = {}
    for i, entry in _entries(f, problems, "debated_waters"):
        at = ("debated_waters", i)
        check_keys(f, problems, at, entry, {"sea", "named", "why", "as_of", "sources"})
        for key in ("sea", "named"):
            if entry.get(key) not in parents:
                problems.add(f, (*at, key), f"{entry.get(key)!r} is not a tag in waters:")
        if not isinstance(entry.get("why"), str) or not entry["why"].strip():
            problems.add(f, (*at, "why"), "why: must say what is not settled, as a sentence")
        else:
            out[(entry.get("sea"), entry.get("named"))] = " ".join(entry["why"].split())
        _dated(f, problems, at, entry)
    return out


@cache
def facts() -> Waters:
    """The packaged seas facts (DataError listing every problem in ``data/seas.yaml``)."""
    return parsed(_FILE, parse_waters)


def water_parents() -> dict[str, str | None]:
    """Every water tag with the tag of the ocean or sea it lies in (None: none)."""
    return dict(facts().parents)


def sea_boxes() -> tuple[tuple[str, tuple[float, float, float, float]], ...]:
    return facts().boxes


def with_parents(tag: str) -> tuple[str, ...]:
    """A tag and every ocean or sea it lies in: ``("sea_of_azov", "black_sea")``."""
    parents = facts().parents
    out = [tag]
    while parents.get(out[-1]) and parents[out[-1]] not in out:
        out.append(parents[out[-1]])
    return tuple(out)


def sea_id(tag: str) -> str:
    """The id of the sea feature a water tag names (``south_china_sea`` → ``south-china-sea``;
    the loader checks that every tag has one), so a point's waters are places too."""
    return tag.replace("_", "-")


def debated_water(sea: str, named_sea: str) -> str | None:
    """Why it is not settled whether ``sea`` is part of the ``named_sea`` a treaty names, or
    None when that is not debated (the answer is then a plain yes or no by the tags).

    >>> debated_water("sea_of_azov", "mediterranean")[:40]
    'whether the Sea of Azov is part of \\'the M'
    """
    return facts().debated.get((sea, named_sea))


def check_coordinates(lat: float, lon: float) -> tuple[float, float]:
    """Latitude and longitude as floats in range, or :class:`InputError` with an example."""
    try:
        lat_f, lon_f = float(lat), float(lon)
    except (TypeError, ValueError):
        raise InputError(f"bad coordinates {lat!r}, {lon!r}: expected decimal degrees, "
                         "e.g. 21.3069, -157.8583") from None
    if not (math.isfinite(lat_f) and math.isfinite(lon_f)) or not -90 <= lat_f <= 90 \
            or not -180 <= lon_f <= 180:
        raise InputError(f"bad coordinates {lat!r}, {lon!r}: latitude must be in [-90, 90] and "
                         "longitude in [-180, 180], e.g. 21.3069, -157.8583")
    return lat_f, lon_f


def waters_at(lat: float, lon: float) -> tuple[str, ...]:
    """The water tags for a point at sea, from the sea boxes then the ocean bands.

    The oceans are split by meridians through the land between them (20° E at Cape Agulhas,
    147° E at Tasmania, the Americas by a line through Central and South America, Cape Horn at
    67.3° W) and by the Equator (north/south Atlantic); north of the Arctic Circle is
    ``arctic`` and south of 60° S ``southern``. Marginal seas carry their ocean too.
    """
    lat, lon = check_coordinates(lat, lon)
    for tag, (s, w, n, e) in facts().boxes:
        if s <= lat <= n and w <= lon <= e:
            return with_parents(tag)
    if lat < -60:
        return ("southern",)
    if lat >= 66.56:
        return ("arctic",)
    if 51 <= lat <= 66.56 and -95 <= lon <= -65:  # Hudson Bay (IHO: part of the Arctic Ocean)
        return ("arctic",)
    if 20 <= lon < 147:
        if lon >= 100 and lat > -8:
            return ("pacific",)
        if lat < 30:
            return ("indian",)
        return ("pacific",) if lon >= 120 else ()
    if lon >= 147 or lon < _americas(lat):
        return ("pacific",)
    return ("north_atlantic",) if lat >= 0 else ("south_atlantic",)


def _americas(lat: float) -> float:
    """The meridian west of which a point is on the Pacific side of the Americas."""
    if lat < -55:
        return -67.3
    if lat < 8.5:
        return -70.0
    if lat < 15:
        return -84.0
    if lat < 18:
        return -91.0
    return -97.0
