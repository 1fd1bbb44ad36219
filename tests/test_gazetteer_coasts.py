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
