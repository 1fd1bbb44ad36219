"""The crosswalk from the map's shapes to casus' state codes.

The map draws ``world-atlas`` (Natural Earth 1:50m, today's borders), whose features carry the
ISO 3166-1 *numeric* code as their id. casus names states by ISO alpha-3 (``casus.model.states``).
The crosswalk is ``pycountry``'s numeric → alpha-3 table, plus the few shapes Natural Earth
gives no ISO number, matched by their name:

* Kosovo → ``XKX`` (casus uses the World Bank code, as ISO has none);
* Northern Cyprus, Somaliland, the Indian Ocean Territories and the Siachen Glacier are drawn
  but belong to no state casus knows, so they stay uncoloured.

Historical states (the USSR, East Germany, Czechoslovakia…) have no shape of their own on a
map of today's borders: the map page lists them beside the map, and the network draws them.
"""

from __future__ import annotations

from functools import cache

import pycountry

from casus.model.states import all_states

# world-atlas features with no ISO numeric id, by their ``properties.name``.
BY_NAME = {"Kosovo": "XKX"}


@cache
def numeric_to_code() -> dict[str, str]:
    """ISO numeric (as world-atlas writes it, three digits) → casus state code."""
    known = {s.code for s in all_states()}
    return {c.numeric: c.alpha_3 for c in pycountry.countries if c.alpha_3 in known}


@cache
def states_table() -> list[dict]:
    """Every state casus knows, with the shape id that draws it (``None``: no shape today)."""
    shape = {code: num for num, code in numeric_to_code().items()}
    shape.update({code: f"name:{name}" for name, code in BY_NAME.items()})
    return [{"code": s.code, "name": s.name, "historic": s.historic, "cow": s.cow,
             "shape": shape.get(s.code)} for s in all_states()]
