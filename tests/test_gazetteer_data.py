"""The gazetteer's data files: checked like treaty files, every problem at once, facts sourced."""

from __future__ import annotations

import pytest

from casus import gazetteer
from casus.errors import DataError
from casus.gazetteer import curated, index
from casus.gazetteer._data import DataFile, data_file, data_names

SEAS = """\
schema_version: 1
waters:
  - {tag: pacific, in: null, as_of: 2026-12-07, sources: &s [{url: "https://x.org", publisher: X}]}
  - {tag: coral_sea, in: pacfic, as_of: 2026-12-07, sources: *s}
  - {tag: tasman_sea, in: pacific, sources: *s}
sea_boxes:
  - {tag: coral_sea, box: [-10, 145, -30, 165], as_of: 2026-12-07, sources: *s}
  - {tag: bering_sea, box: [52, 162, 66, 180], as_of: 2026-13-01, sources: []}
debated_waters:
  - {sea: tasman_sea, named: southern, why: "", as_of: 2026-12-07, sources: *s}
places:
  - {id: pacific, name: Pacific Ocean, kind: feature, oceans: [pacific], sources: *s}
  - {id: coral-sea, name: Coral Sea, kind: feature, oceans: [coral_sea], sources: *s}
"""

PLACES = """\
schema_version: 1
places:
  - id: narnia-coast
    name: Narnia Coast
    kind: region
    sovereign: NAR
    status_since: 2014-02-30
    earlier:
      - {until: 2015-01-01, sovereign: UKR, administered_by: UKR, sources: []}
    colour: blue
    sources:
      - {url: "https://example.org", publisher: Example}
"""


def _problems(*texts: tuple[str, str]) -> list:
    with pytest.raises(DataError) as err:
        curated.load([DataFile.from_text(text, name) for name, text in texts])
    return err.value.problems


def _where(problems) -> set[tuple]:
    return {(p.file, p.line, p.field) for p in problems}


def test_error_every_problem_in_every_file_is_reported_at_once_with_file_line_and_field():
    problems = _problems(("seas.yaml", SEAS), ("places.yaml", PLACES))
    where = _where(problems)
    assert ("seas.yaml", 4, "waters[1].in") in where  # 'pacfic' is not a tag
    assert ("seas.yaml", 5, "waters[2].as_of") in where  # a fact needs its date
    assert ("seas.yaml", 7, "sea_boxes[0].box") in where  # south of its north
    assert ("seas.yaml", 8, "sea_boxes[1].tag") in where  # bering_sea is not a tag
    assert ("seas.yaml", 8, "sea_boxes[1].as_of") in where  # month 13
    assert ("seas.yaml", 8, "sea_boxes[1].sources") in where  # no sources
    assert ("seas.yaml", 10, "debated_waters[0].why") in where
    assert ("places.yaml", 6, "places[0].sovereign") in where  # NAR is no state
    assert ("places.yaml", 7, "places[0].status_since") in where  # 30 Feb
    assert ("places.yaml", 9, "places[0].earlier[0].sources") in where
    assert ("places.yaml", 10, "places[0].colour") in where  # unknown field
    text = str(DataError(problems))
    assert "seas.yaml:4: waters[1].in: 'pacfic' is not a tag in waters:" in text
    assert "places.yaml:7: places[0].status_since: bad date '2014-02-30'" in text


def test_error_each_water_tag_needs_its_sea_feature_lying_in_the_tags_chain():
    problems = _problems(("seas.yaml", SEAS))
    messages = [p.message for p in problems]
    assert any("'tasman_sea' needs a place with id: tasman-sea" in m for m in messages)
    assert any("oceans: [coral_sea, pacfic]" in m for m in messages)  # chain stops at bad tag


def test_error_an_earlier_period_must_end_before_the_present_status():
    text = PLACES.replace("status_since: 2014-02-30", "status_since: 2014-03-18")
    (problem,) = [p for p in _problems(("p.yaml", text)) if "earlier" in (p.field or "")
                  and "before" in p.message]
    assert problem.line == 9 and problem.field == "places[0].earlier[0].until"


def test_error_a_yaml_syntax_error_names_its_line():
    with pytest.raises(DataError) as err:
        DataFile.from_text("schema_version: 1\nplaces:\n  - {id: x, name: [unclosed\n", "b.yaml")
    assert err.value.problems[0].file == "b.yaml" and err.value.problems[0].line is not None


def test_error_a_data_file_needs_a_schema_version_and_known_sections():
    problems = _problems(("x.yaml", "schema_version: 2\nislands: []\n"))
    assert {(p.field, p.line) for p in problems} == {("schema_version", 1), ("islands", 2)}


def test_error_geographic_facts_are_checked_too():
    bad = DataFile.from_text(
        "schema_version: 1\n"
        "continents:\n"
        "  - {code: XX, name: Atlantis, as_of: 2026-12-07, sources: [{url: 'https://a.b', "
        "publisher: A}]}\n"
        "southern_edges: []\n"
        "tropic_of_cancer: {lat: 32, as_of: 2026-01-01, sources: [{url: 'https://a.b', "
        "publisher: A}]}\n"
        "continent_splits:\n"
        "  - {state: RUS, continent: EU, west: 60, east: -30, otherwise: AS, as_of: 2026-12-07,"
        " sources: [{url: 'https://a.b', publisher: A}]}\n", "geo.yaml")
    with pytest.raises(DataError) as err:
        curated.load([bad])
    fields = {p.field for p in err.value.problems}
    assert {"continents[0].code", "tropic_of_cancer.lat", "continent_splits[0].west"} <= fields


def test_error_a_parent_that_names_no_place_is_reported_with_its_file_and_line():
    places = {"x": {"id": "x", "parent": "nowhere", "within": ["neither"],
                    "_where": ["gazetteer/data/islands.yaml", 12]}}
    with pytest.raises(DataError) as err:
        index._check_references(places)
    assert {(p.file, p.line, p.field) for p in err.value.problems} == {
        ("gazetteer/data/islands.yaml", 12, "x.parent"),
        ("gazetteer/data/islands.yaml", 12, "x.within")}


def test_the_packaged_data_files_load_without_a_problem():
    assert len(curated.load()) == 635
    assert {"seas.yaml", "geography.yaml", "territories.yaml", "disputed.yaml"} <= \
        set(data_names())


def test_every_curated_fact_is_dated_and_sourced():
    for name in ("seas.yaml", "geography.yaml"):
        data = data_file(name).data
        for section, items in data.items():
            if section in ("schema_version", "places"):
                continue
            for item in items if isinstance(items, list) else [items]:
                assert item["as_of"] and item["sources"], (name, section, item)
                assert all(s["url"].startswith("https://") for s in item["sources"])


# ---- the facts, through the public API


def test_the_black_sea_and_the_sea_of_azov_are_debated_parts_of_the_mediterranean():
    assert "Black Sea" in gazetteer.debated_water("black_sea", "mediterranean")
    assert "Sea of Azov" in gazetteer.debated_water("sea_of_azov", "mediterranean")
    assert gazetteer.debated_water("baltic", "north_atlantic") is None


def test_continent_names_edges_and_lines_come_from_the_data():
    assert [gazetteer.continent_name(c) for c in gazetteer.CONTINENTS] == [
        "Africa", "Antarctica", "Asia", "Europe", "North America", "Oceania", "South America"]
    assert gazetteer.continent_name("ZZ") == "ZZ"
    assert gazetteer.southern_edge("EU") == 34.8 and gazetteer.southern_edge("AF") is None
    assert gazetteer.tropic_of_cancer() == pytest.approx(23.436)
    assert gazetteer.continent_by_longitude("RUS", 37.6) == "EU"  # Moscow
    assert gazetteer.continent_by_longitude("RUS", 131.9) == "AS"  # Vladivostok
    assert gazetteer.continent_by_longitude("RUS", -175.0) == "AS"  # Chukotka, across 180°
    assert gazetteer.continent_by_longitude("TUR", 29.0) is None


def test_a_sea_tag_names_its_sea_feature_and_its_ocean():
    assert gazetteer.with_parents("sea_of_azov") == ("sea_of_azov", "black_sea")
    assert gazetteer.sea_id("south_china_sea") == "south-china-sea"
    assert gazetteer.within_ids(gazetteer.find_place("Second Thomas Shoal")) == (
        "second-thomas-shoal", "spratly-islands", "south-china-sea", "pacific")
    assert gazetteer.has_place("south-china-sea") and not gazetteer.has_place("atlantis")
