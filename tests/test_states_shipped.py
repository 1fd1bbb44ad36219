"""The state-name index shipped in the package (``model/built/``): fresh for this code and these
source versions, used on an empty or unwritable cache without a build, ignored (rebuilt) when
it does not match."""

from __future__ import annotations

import gzip
import json
from importlib.metadata import version

import pytest

from casus import _cache
from casus._cache import cache_dir, parse_cache, write_cache
from casus.model import states

VERSIONS = f"pycountry-{version('pycountry')}_countrycode-{version('countrycode')}"


def _shipped() -> list[str]:
    return sorted(p.name.removesuffix(".gz") for p in states.SHIPPED.glob("*.gz"))


def test_the_shipped_index_is_fresh_for_this_code():
    """After an edit to ``_build_index`` or a source upgrade, run `python -m casus.model.states`."""
    if not any(VERSIONS in name for name in _shipped()):
        print(f"skipped: the shipped index is for {_shipped()}, not {VERSIONS}")
        pytest.skip(f"other source package versions are installed ({VERSIONS}) than shipped")
    assert _shipped() == [states._cache_name()]


@pytest.fixture
def no_index_loaded():
    for f in (states._index, states._lookups, states._names, states.aliases):
        f.cache_clear()
    yield
    for f in (states._index, states._lookups, states._names, states.aliases):
        f.cache_clear()


def _forbid_build(monkeypatch):
    states._code_digest()  # of the real builder, before it is replaced

    def fail():
        raise AssertionError("built although a shipped index matches")
    monkeypatch.setattr(states, "_build_index", fail)


fresh = pytest.mark.skipif(states._cache_name() not in _shipped(), reason="no fresh shipped "
                           "state index for the installed versions")


@fresh
def test_an_empty_cache_uses_the_shipped_index_and_keeps_it(tmp_path, monkeypatch,
                                                             no_index_loaded):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    name = states._cache_name()
    _forbid_build(monkeypatch)
    assert states.state_code("Russia") == "RUS"
    assert states.state_from_cow(365).code == "RUS"
    kept = cache_dir() / name
    assert kept.read_bytes() == gzip.decompress((states.SHIPPED / f"{name}.gz").read_bytes())


@fresh
def test_an_unwritable_cache_uses_the_shipped_index(tmp_path, monkeypatch, no_index_loaded):
    blocker = tmp_path / "a-file"  # the cache folder cannot be made, even by root
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker / "cache"))
    _forbid_build(monkeypatch)
    assert states.state_code("Ukraine") == "UKR"
    assert not cache_dir().exists()


@fresh
def test_the_shipped_index_is_what_a_build_gives(tmp_path, monkeypatch, no_index_loaded):
    raw = gzip.decompress((states.SHIPPED / f"{states._cache_name()}.gz").read_bytes())
    found = parse_cache(raw, "states")
    assert found is not None
    assert json.loads(found[1]) == states._build_index()


def test_other_versions_or_code_find_no_shipped_file_and_build(tmp_path, monkeypatch,
                                                               no_index_loaded):
    """A shipped file named for other versions (or other building code) is never read."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shipped = tmp_path / "built"
    shipped.mkdir()
    monkeypatch.setattr(states, "SHIPPED", shipped)
    monkeypatch.setattr(states, "_code_digest", lambda: "0123456789ab")
    other = tmp_path / "other.json"  # a valid container holding one wrong state
    write_cache(other, "states", json.dumps([{"code": "XXX", "name": "Nowhere", "names": [],
                                              "cow": None, "historic": False}]).encode())
    stale = states._cache_name().replace(version("countrycode"), "0.0.0")
    (shipped / f"{stale}.gz").write_bytes(gzip.compress(other.read_bytes()))
    assert states.state_code("Russia") == "RUS"  # built from the sources
    assert [p.name for p in cache_dir().iterdir()] == [states._cache_name()]


def test_a_damaged_shipped_file_is_not_trusted(tmp_path, monkeypatch, no_index_loaded):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    shipped = tmp_path / "built"
    shipped.mkdir()
    monkeypatch.setattr(states, "SHIPPED", shipped)
    (shipped / f"{states._cache_name()}.gz").write_bytes(gzip.compress(b"CASUS-CACHE\nbroken"))
    assert states.state_code("Russia") == "RUS"
    assert _cache.read_json(cache_dir() / states._cache_name(), "states")
