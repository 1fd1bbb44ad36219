"""Named seas of IHO S-23, the waters of island regions, and the earlier sovereign of the
regions of states that merged into another (the GDR, South Yemen, South Vietnam)."""

from __future__ import annotations

from datetime import date

import pytest

from casus.gazetteer import find_place


@pytest.mark.parametrize(("name", "ocean"), [
    ("Bay of Biscay", "north_atlantic"), ("Celtic Sea", "north_atlantic"),
    ("Irish Sea", "north_atlantic"), ("Bristol Channel", "north_atlantic"),
    ("The Minch", "north_atlantic"), ("Sea of Marmara", "mediterranean"),
    ("Laccadive Sea", "indian"), ("Gulf of Thailand", "pacific"), ("Banda Sea", "pacific"),
    ("Flores Sea", "pacific"), ("Arafura Sea", "pacific"), ("Timor Sea", "indian"),
    ("Solomon Sea", "pacific"), ("Bismarck Sea", "pacific"), ("Seto Inland Sea", "pacific"),
    ("Gulf of California", "pacific"), ("Bering Sea", "pacific"), ("Chukchi Sea", "arctic"),
    ("Kara Sea", "arctic"), ("Laptev Sea", "arctic"), ("White Sea", "arctic"),
    ("Hudson Bay", "arctic"), ("Labrador Sea", "north_atlantic"), ("Baffin Bay", "arctic"),
    ("Visayan Sea", "pacific"), ("Mindanao Sea", "pacific"), ("Camotes Sea", "pacific"),
])
def test_every_iho_sea_is_a_named_water_with_its_ocean(name, ocean):
    place = find_place(name)
    assert place.kind == "feature" and place.sovereign is None
    assert ocean in place.oceans
    assert place.sources


@pytest.mark.parametrize("name", ["Cebu", "Iloilo", "Ehime", "Kagawa", "Bali", "Cebu City"])
def test_a_region_on_an_island_lies_in_the_waters_off_its_coasts(name):
    place = find_place(name)
    assert place.island
    assert "pacific" in place.oceans


def test_an_inland_region_of_an_island_gets_no_sea():
    assert find_place("Nara").oceans == ()


@pytest.mark.parametrize(("name", "on", "holder"), [
    ("Erfurt", "1990-10-01", "DDR"), ("Leipzig", "1990-10-01", "DDR"),
    ("Rostock", "1990-10-01", "DDR"), ("East Berlin", "1980-01-01", "DDR"),
    ("Erfurt", "1990-10-03", "DEU"), ("Leipzig", "1990-10-03", "DEU"),
    ("Rostock", "1990-10-03", "DEU"),
    ("Aden", "1985-01-01", "YMD"), ("city:aden", "1985-01-01", "YMD"),
    ("Socotra", "1985-01-01", "YMD"), ("Aden", "1991-01-01", "YEM"),
    ("Hue", "1968-02-01", "COW817"), ("Saigon", "1970-01-01", "COW817"),
    ("Saigon", "1977-01-01", "VNM"),
])
def test_a_city_of_a_merged_state_was_the_earlier_states_on_the_date(name, on, holder):
    assert find_place(name).status_on(date.fromisoformat(on)) == (holder, holder)


def test_the_months_between_saigon_falling_and_unification_are_left_open():
    assert find_place("Saigon").status_on(date(1975, 6, 1)) is None


def test_a_north_yemeni_region_keeps_no_pdry_period():
    assert find_place("Sanaa").status_on(date(1985, 1, 1)) == ("YEM", "YEM")
