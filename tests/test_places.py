"""The gazetteer: for an attack at a place, where is it and whose territory is it?"""

from __future__ import annotations

import time
from datetime import date

import pytest

from casus import gazetteer as places
from casus.errors import DataError, InputError, UnknownNameError
from casus.gazetteer import (
    TROPIC_OF_CANCER,
    WATERS,
    Place,
    ancestors,
    curated,
    find_place,
    parse_place,
    place_at,
    territory_of,
    waters_at,
)
from casus.gazetteer._data import DataFile

HONOLULU = (21.3069, -157.8583)


def _registry() -> dict:
    return {"places": curated.load()}


# ---- the places the reasoner is asked about


@pytest.mark.parametrize("name", [
    "Kursk Oblast", "Kursk region", "Kursk", "Hawaii", "Alaska", "New York", "Washington, D.C.",
    "the Pentagon", "Arlington", "Crimea", "Senkaku Islands", "Diaoyu Islands",
    "Falkland Islands", "Malvinas", "Second Thomas Shoal", "Ayungin Shoal", "Syunik", "Guam",
    "Puerto Rico", "Greenland", "Svalbard", "Canary Islands", "Ceuta", "Melilla",
    "French Guiana", "Bermuda", "Gibraltar", "Azores", "Madeira", "Hong Kong", "Taiwan",
    "Kaliningrad", "Okinawa", "Jeju", "Pearl Harbor",
])
def test_every_place_named_in_the_brief_resolves(name):
    place = find_place(name)
    assert isinstance(place, Place)
    assert place.continent in places.CONTINENTS
    assert place.sources


def test_hawaii_is_in_oceania_in_the_pacific_and_south_of_the_tropic_of_cancer():
    hawaii = find_place("Hawaii")
    assert hawaii.id == "hawaii"
    assert hawaii.continent == "OC"
    assert "pacific" in hawaii.oceans
    assert hawaii.island and hawaii.metropolitan
    assert hawaii.sovereign == "USA"
    assert hawaii.lat < TROPIC_OF_CANCER and hawaii.north_of_tropic_of_cancer is False


def test_alaska_is_in_north_america_and_part_of_the_united_states():
    alaska = find_place("alaska")
    assert alaska.continent == "NA"
    assert alaska.sovereign == alaska.administered_by == "USA"
    assert alaska.parent == "state:USA"


def test_kursk_oblast_is_found_by_its_english_names_made_from_the_iso_name():
    ids = {find_place(q).id for q in ("Kursk Oblast", "Kursk region", "kursk", "Kurskaya oblast'",
                                      "RU-KRS", "kursk-oblast")}
    assert ids == {"kursk-oblast"}
    kursk = find_place("Kursk Oblast")
    assert kursk.iso_code == "RU-KRS"
    assert kursk.sovereign == "RUS" and kursk.continent == "EU"
    assert kursk.parent == "state:RUS"
    assert {"Kursk Oblast", "Kursk region"} <= {kursk.name, *kursk.aliases}


def test_english_region_names_are_generated_by_rule_for_russian_and_ukrainian_oblasts():
    assert find_place("RU-BEL").name == "Belgorod Oblast"  # Belgorodskaya oblast'
    assert find_place("RU-SVE").name == "Sverdlovsk Oblast"  # Sverdlovskaya oblast'
    assert find_place("UA-63").name == "Kharkiv Oblast"  # Kharkivska oblast
    assert find_place("Belgorod region").id == find_place("Belgorod Oblast").id


def test_crimea_is_ukrainian_territory_administered_by_russia_since_march_2014():
    crimea = find_place("Crimea")
    assert crimea.sovereign == "UKR"
    assert crimea.administered_by == "RUS"
    assert crimea.status_since == date(2014, 3, 18)
    assert crimea.occupied and crimea.disputed
    assert set(crimea.claimants) == {"UKR", "RUS"}
    assert crimea.continent == "EU"


def test_senkaku_islands_are_administered_by_japan_and_claimed_by_china():
    senkaku = find_place("Senkaku Islands")
    assert find_place("Diaoyu Islands") == senkaku
    assert senkaku.administered_by == "JPN"
    assert senkaku.sovereign is None
    assert "CHN" in senkaku.claimants and senkaku.disputed
    assert senkaku.island and "east_china_sea" in senkaku.oceans and "pacific" in senkaku.oceans


def test_the_falklands_are_british_claimed_by_argentina_and_south_of_the_tropic():
    falklands = find_place("Malvinas")
    assert falklands.id == find_place("Falkland Islands").id
    assert falklands.sovereign == "GBR" and "ARG" in falklands.claimants
    assert falklands.kind == "territory" and not falklands.metropolitan
    assert falklands.oceans == ("south_atlantic",)
    assert falklands.north_of_tropic_of_cancer is False


def test_second_thomas_shoal_is_held_by_the_philippines_in_the_south_china_sea():
    shoal = find_place("Ayungin Shoal")
    assert shoal.id == "second-thomas-shoal" and shoal.kind == "feature"
    assert shoal.administered_by == "PHL" and "CHN" in shoal.claimants
    assert shoal.in_waters("south_china_sea") and shoal.in_waters("pacific")


def test_ceuta_and_melilla_are_spanish_cities_in_africa_not_islands():
    for name in ("Ceuta", "Melilla"):
        city = find_place(name)
        assert city.sovereign == "ESP" and city.continent == "AF" and not city.island


def test_the_canary_islands_are_african_islands_north_of_the_tropic_in_the_atlantic():
    canaries = find_place("Canary Islands")
    assert canaries.continent == "AF" and canaries.island
    assert canaries.north_of_tropic_of_cancer and "north_atlantic" in canaries.oceans


def test_overseas_territories_name_their_sovereign_and_are_not_metropolitan():
    for name, sovereign, continent in [("Guam", "USA", "OC"), ("Puerto Rico", "USA", "NA"),
                                       ("Greenland", "DNK", "NA"), ("Bermuda", "GBR", "NA"),
                                       ("French Guiana", "FRA", "SA"), ("Réunion", "FRA", "AF")]:
        place = find_place(name)
        assert place.sovereign == sovereign, name
        assert place.continent == continent, name
        assert not place.metropolitan, name
        assert place.parent == f"state:{sovereign}", name


def test_disputed_and_occupied_territories_record_who_controls_them():
    cases = {
        "Northern Cyprus": ("CYP", "TUR"), "Abkhazia": ("GEO", "RUS"),
        "South Ossetia": ("GEO", "RUS"), "Transnistria": ("MDA", "RUS"),
        "Golan Heights": ("SYR", "ISR"), "Northern Territories": (None, "RUS"),
        "Dokdo": (None, "KOR"), "Takeshima": (None, "KOR"), "Western Sahara": (None, "MAR"),
        "Taiwan": (None, "TWN"), "Kosovo": (None, "XKX"), "Scarborough Shoal": (None, "CHN"),
        "occupied Donetsk": ("UKR", "RUS"), "Sevastopol": ("UKR", "RUS"),
        "Aksai Chin": (None, "CHN"), "Nagorno-Karabakh": ("AZE", "AZE"),
    }
    for name, (sovereign, administered_by) in cases.items():
        place = find_place(name)
        assert (place.sovereign, place.administered_by) == (sovereign, administered_by), name


def test_guantanamo_bay_is_cuban_territory_administered_by_the_united_states():
    base = find_place("Gitmo")
    assert (base.sovereign, base.administered_by) == ("CUB", "USA")
    assert place_at(19.905, -75.100).parent == base.id


def test_a_small_town_is_found_as_a_last_resort():
    town = find_place("Ramstein-Miesenbach")
    assert town.kind == "city" and town.sovereign == "DEU" and town.continent == "EU"
    assert find_place(town.id) == town


def test_nagorno_karabakh_is_azerbaijani_controlled_since_september_2023():
    karabakh = find_place("Artsakh")
    assert karabakh.administered_by == "AZE" and karabakh.status_since == date(2023, 9, 20)


def test_cyprus_is_counted_in_asia_as_un_m49_does():
    assert find_place("Cyprus").continent == "AS"


def test_a_states_own_name_resolves_to_its_whole_territory():
    assert find_place("Russia").id == "state:RUS"
    assert find_place("United States of America").id == "state:USA"
    assert find_place("Georgia").id == "state:GEO"  # the state, not the US state
    assert find_place("Georgia").kind == "state"


def test_territory_of_gives_the_default_place_of_an_attack_on_a_state():
    assert territory_of("USA").id == "state:USA"
    assert territory_of("United Kingdom").id == "state:GBR"
    assert territory_of("GUM").id == "guam"  # an ISO code that is a dependency
    assert territory_of("TWN").administered_by == "TWN"
    with pytest.raises(UnknownNameError):
        territory_of("Atlantis")


def test_a_city_inherits_who_controls_it_from_its_region():
    simferopol = find_place("Simferopol")
    assert simferopol.kind == "city"
    assert simferopol.parent == "crimea"
    assert (simferopol.sovereign, simferopol.administered_by) == ("UKR", "RUS")
    assert find_place("Vladivostok").continent == "AS"
    assert find_place("Kaliningrad").continent == "EU"


def test_every_water_tag_names_a_feature_whose_id_is_the_tag_with_hyphens():
    for tag in WATERS:
        feature = find_place(tag.replace("_", "-"))
        assert feature.kind == "feature" and tag in feature.oceans, tag
        assert feature.sovereign is None


def test_historical_treaty_areas_contain_todays_places_through_within():
    algiers = [p.id for p in ancestors(find_place("Algiers"))]
    assert algiers[-2:] == ["state:DZA", "algerian-departments"]
    munich = [p.id for p in ancestors(find_place("Munich"))]
    assert munich == ["bavaria", "state:DEU", "europe-occupation-areas-1949"]
    dresden = [p.id for p in ancestors(find_place("Dresden"))]
    assert "europe-occupation-areas-1949" not in dresden  # the Soviet zone


def test_ancestors_walk_from_the_pentagon_up_to_the_united_states():
    chain = [p.id for p in ancestors(find_place("the Pentagon"))]
    assert chain == ["arlington-county", "virginia", "state:USA"]


# ---- coordinates


def test_the_coordinates_of_honolulu_are_in_hawaii_in_the_united_states():
    point = place_at(*HONOLULU)
    assert point.kind == "point"
    assert point.sovereign == point.administered_by == "USA"
    assert point.parent == "hawaii"
    assert point.continent == "OC" and "pacific" in point.oceans
    assert "Honolulu" in point.name
    assert parse_place("21.3069,-157.8583") == point
    assert parse_place("21.3069 N, 157.8583 W") == point


def test_a_point_in_crimea_is_administered_by_russia():
    point = parse_place("44.95, 34.10")  # Simferopol
    assert point.parent == "crimea"
    assert (point.sovereign, point.administered_by) == ("UKR", "RUS")


def test_a_point_at_second_thomas_shoal_finds_the_curated_shoal():
    point = place_at(9.73, 115.87)
    assert point.parent == "second-thomas-shoal" and point.administered_by == "PHL"


def test_a_point_at_sea_has_no_sovereign_and_names_its_waters():
    mid_atlantic = place_at(30.0, -40.0)
    assert mid_atlantic.sovereign is None and mid_atlantic.continent is None
    assert mid_atlantic.oceans == ("north_atlantic",)
    assert place_at(-30.0, -20.0).oceans == ("south_atlantic",)
    assert place_at(55.0, 18.0).oceans == ("baltic", "north_atlantic")
    assert place_at(15.0, 115.0).oceans == ("south_china_sea", "pacific")
    assert place_at(43.0, 34.0).oceans == ("black_sea",)
    assert place_at(10.0, -140.0).oceans == ("pacific",)
    assert place_at(-20.0, 80.0).oceans == ("indian",)


def test_water_tags_carry_their_ocean_and_are_all_known():
    assert waters_at(25.0, -90.0) == ("gulf_of_mexico", "north_atlantic")
    for tag, parent in WATERS.items():
        assert parent is None or parent in WATERS, tag


@pytest.mark.parametrize("text", ["91,0", "0,181", "12.5,abc", "45.0", "1e400,0", "-90.5, 10"])
def test_error_bad_coordinates_give_an_input_error(text):
    with pytest.raises(InputError) as err:
        parse_place(text)
    assert "e.g." in err.value.message


def test_error_place_at_rejects_out_of_range_and_non_numbers():
    for lat, lon in [(0, 200), (-91, 0), (float("nan"), 0), ("north", 0)]:
        with pytest.raises(InputError):
            place_at(lat, lon)


# ---- errors and suggestions


def test_error_an_unknown_place_gives_close_suggestions():
    with pytest.raises(UnknownNameError) as err:
        find_place("Hawai")
    assert err.value.kind == "place"
    assert any("hawaii" in s for s in err.value.suggestions)
    with pytest.raises(UnknownNameError) as err:
        find_place("Senkaku Isles")
    assert any("senkaku-islands" in s for s in err.value.suggestions)


def test_error_an_empty_name_is_unknown():
    with pytest.raises(UnknownNameError):
        find_place("   ")


# ---- the curated registry


def test_every_curated_entry_has_a_source_with_a_url_and_a_publisher():
    for entry in _registry()["places"]:
        assert entry["sources"], entry["id"]
        for source in entry["sources"]:
            assert source["url"].startswith("https://"), entry["id"]
            assert source["publisher"].strip(), entry["id"]


def test_every_curated_entry_appears_in_the_gazetteer_with_its_sources():
    for entry in _registry()["places"]:
        place = find_place(entry["id"])
        urls = {s.url for s in place.sources}
        assert {s["url"] for s in entry["sources"]} <= urls, entry["id"]


def test_every_curated_parent_exists():
    for entry in _registry()["places"]:
        if entry.get("parent"):
            assert find_place(entry["parent"]).id == entry["parent"], entry["id"]


def test_error_the_registry_loader_reports_every_problem_at_once():
    bad = """
schema_version: 1
places:
  - {id: x, name: X, kind: shoal, sovereign: Narnia}
  - {id: x, name: Y, kind: island, continent: XX, oceans: [lake], sources: [{url: "http://a"}]}
"""
    with pytest.raises(DataError) as err:
        curated.load([DataFile.from_text(bad)])
    text = err.value.message
    for needle in ("'shoal' is not one of", "'Narnia' is not a casus state code",
                   "every curated entry needs sources", "duplicate id 'x'",
                   "'XX' is not one of", "'lake' is not a water tag", "url: https://"):
        assert needle in text


# ---- speed


def test_find_place_after_warm_up_takes_well_under_a_millisecond():
    find_place("Hawaii")
    names = ["Kursk region", "Hawaii", "Malvinas", "the Pentagon", "Second Thomas Shoal",
             "Russia", "Diaoyu Islands", "Washington, D.C."]
    for name in names:
        find_place(name)
    start = time.perf_counter()
    for _ in range(200):
        for name in names:
            find_place(name)
    per_call = (time.perf_counter() - start) / (200 * len(names))
    assert per_call < 0.0005, f"{per_call * 1e6:.0f} µs per lookup"


def test_an_earlier_period_says_who_held_a_place_before_its_present_status():
    okinawa = find_place("Okinawa")
    assert okinawa.status_on(date(1970, 1, 1)) == ("JPN", "USA")
    assert okinawa.status_on(date(1980, 1, 1)) == ("JPN", "JPN")
    assert okinawa.status_on(date(1950, 1, 1)) is None  # before any recorded period
    assert find_place("Crimea").status_on(date(2010, 1, 1)) == ("UKR", "UKR")


@pytest.mark.parametrize(("name", "on", "held"), [
    ("Moscow", date(1985, 6, 1), ("SUN", "SUN")),           # USSR until 26 Dec 1991
    ("Moscow", date(1992, 6, 1), ("RUS", "RUS")),
    ("Kyiv", date(1985, 6, 1), ("SUN", "SUN")),
    ("Crimea", date(1985, 6, 1), ("SUN", "SUN")),            # Ukrainian SSR from 1954
    ("Prague", date(1968, 8, 21), ("CSK", "CSK")),           # Czechoslovakia until 1992
    ("Dresden", date(1980, 6, 1), ("DDR", "DDR")),           # GDR until 3 Oct 1990
    ("Oran", date(1960, 6, 1), ("FRA", "FRA")),              # French departments until 1962
    ("Oran", date(1963, 6, 1), ("DZA", "DZA")),
    ("Senkaku Islands", date(1971, 6, 1), (None, "USA")),    # with the Ryukyus until 1972
    ("Northern Mariana Islands", date(1970, 6, 1), (None, "USA")),  # UN trust territory
    ("Falkland Islands", date(1982, 5, 1), ("GBR", "ARG")),  # Argentine-held Apr-Jun 1982
    ("Nagorno-Karabakh", date(2023, 3, 1), ("AZE", "ARM")),  # ECHR Chiragov
])
def test_administration_history_of_places_whose_holder_changed(name, on, held):
    assert parse_place(name).status_on(on) == held


def test_the_baltic_states_before_1991_are_left_unrecorded():
    assert parse_place("Tallinn").status_on(date(1985, 6, 1)) is None


@pytest.mark.parametrize(("name", "landlocked"), [
    ("Kosovo", True), ("Pristina", True), ("Serbia", True), ("Austria", True),
    ("Portugal", False), ("Kazakhstan", False),  # the Caspian is a tagged water
])
def test_landlocked_states_and_the_places_inside_them(name, landlocked):
    assert parse_place(name).landlocked is landlocked


def test_islands_the_sweep_needed():
    aleutians = parse_place("Aleutian Islands")
    assert aleutians.parent == "alaska" and aleutians.continent == "NA" and aleutians.island
    assert parse_place("Svalbard").lat > 74
    for name in ("Wake Island", "Midway Atoll"):
        p = parse_place(name)
        assert (p.sovereign, p.parent, p.island) == ("USA", "us-minor-outlying-islands", True)
    assert parse_place("Southern Kuril Islands").id == "southern-kuril-islands"
    assert parse_place("Azad Kashmir").sovereign is None
