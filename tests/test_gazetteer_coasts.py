"""`coasts`: the seas near a place on land, so a land place with no water tags is not taken
for a place that may lie in any sea (docs/gazetteer.md, "Waters a place lies in, seas near a
place on land")."""

from __future__ import annotations

import pytest

from casus.gazetteer import WATERS, all_places, find_place, parse_place
from casus.gazetteer.land import coast_at


def test_a_coastal_land_region_has_the_seas_it_is_near_and_lies_in_none():
    lamu = find_place("Lamu")  # a Kenyan county on the Indian Ocean (the blind case)
    assert (lamu.kind, lamu.oceans, lamu.island) == ("region", (), False)
    assert lamu.coasts == ("indian",)
    assert find_place("California").coasts == ("pacific",)


@pytest.mark.parametrize("name", ["Kursk Oblast", "Bavaria", "Frankfurt"])
def test_an_inland_place_has_no_coast(name):
    assert find_place(name).coasts == ()


def test_a_point_on_land_has_the_coasts_around_it_and_a_point_at_sea_has_none():
    assert parse_place("-2.27,40.90").coasts == ("indian",)  # Lamu town
    assert parse_place("51.73,36.19").coasts == ()  # near Kursk
    assert parse_place("55.0,18.0").coasts is None  # the Baltic
    assert coast_at(51.73, 36.19) == ()


def test_landlocked_states_have_no_coast_and_island_states_have_one():
    states = all_places("state")
    assert not [p.id for p in states if p.landlocked and p.coasts]
    assert not [p.id for p in states if p.island and p.coasts == ()]
    assert find_place("San Marino").coasts == ()  # 20 km from the Adriatic, still landlocked


def test_every_coast_is_a_water_tag():
    tags = set(WATERS)
    for place in all_places("region") + all_places("state"):
        assert set(place.coasts or ()) <= tags, place.id


@pytest.mark.parametrize(("name", "coasts"), [
    ("Ain al-Asad Air Base", ()),  # a base in Anbar's desert (sites.yaml)
    ("Ramstein Air Base", ()),
    ("Hmeimim Air Base", ("mediterranean",)),  # near Latakia
    ("Przewodow", ()),  # a village curated in sites.yaml
    ("Gaza Strip", ("mediterranean",)),  # a curated region with an area: its towns' seas
    ("Golan Heights", ()),
])
def test_a_curated_place_with_a_point_has_the_coasts_worked_out_like_a_package_place(name, coasts):
    assert find_place(name).coasts == coasts


def test_a_curated_region_without_an_area_is_not_judged_by_its_one_point():
    # Somaliland's point (Hargeisa) is inland, its coast on the Gulf of Aden is not
    assert find_place("Somaliland").coasts is None


@pytest.mark.parametrize("name", ["Santa Cruz de Tenerife", "Las Palmas"])
def test_a_province_geonames_counts_as_a_county_takes_its_point_and_coasts(name):
    place = find_place(name)  # ES-TF, ES-GC: GeoNames' first-order division is the Canaries
    assert place.coasts == ("north_atlantic",)
    assert 27.6 < place.lat < 29.5


def test_an_inland_province_matched_to_its_county_is_inland():
    assert find_place("Indre").coasts == ()
    assert find_place("Charente-Maritime").coasts == ("north_atlantic",)


@pytest.mark.parametrize(("lat", "lon", "name"), [
    (-35.7251, 174.3237, "Whangarei"),  # at the head of Whangarei Harbour
    (51.8985, -8.4756, "Cork"),  # on Cork Harbour
    (39.2904, -76.6122, "Baltimore"),  # on the Chesapeake
    (50.9097, -1.4044, "Southampton"),  # on Southampton Water
    (-37.6861, 176.1667, "Tauranga"),
])
def test_a_harbour_town_the_coarse_mask_moves_away_from_its_sea_is_on_the_coast(lat, lon, name):
    assert coast_at(lat, lon), name


@pytest.mark.parametrize(("lat", "lon", "name"), [
    (53.5511, 9.9937, "Hamburg"),  # 100 km up the Elbe
    (44.8378, -0.5792, "Bordeaux"),  # above the Gironde estuary
    (51.2194, 4.4025, "Antwerp"),
    (-38.0833, 176.7, "Kawerau"),  # 22 km from the Bay of Plenty
    (-37.3797, 175.6711, "Paeroa"),
    (-35.4075, 173.7997, "Kaikohe"),
    (39.9526, -75.1652, "Philadelphia"),
])
def test_a_town_up_an_estuary_or_just_beyond_the_radius_stays_inland(lat, lon, name):
    assert coast_at(lat, lon) == (), name


def test_whangarei_is_on_an_island_on_the_pacific_coast():
    place = find_place("Whangarei")
    assert (place.island, place.coasts) == (True, ("pacific",))
