"""States are accepted by name, ISO alpha-2/alpha-3 or COW number, through maintained libraries."""

from datetime import date

import pytest

from casus.errors import UnknownNameError
from casus.model.states import is_state_code, resolve_state, state_code, state_from_cow


@pytest.mark.parametrize("query", ["North Korea", "DPRK", "KP", "PRK", "prk", 731,
                                   "Democratic People's Republic of Korea"])
def test_every_way_of_naming_north_korea_gives_prk(query):
    assert state_code(query) == "PRK"


def test_the_ussr_keeps_its_iso_3166_3_code_while_cow_365_is_russia_today():
    assert state_code("USSR") == "SUN"
    assert state_code("Soviet Union") == "SUN"
    assert state_code(365) == "RUS"
    assert state_from_cow(365, date(1961, 7, 6)).code == "SUN"
    assert state_from_cow(365, date(1992, 1, 1)).code == "RUS"


def test_a_historical_state_without_an_iso_code_is_named_by_its_cow_number():
    assert state_code("Bavaria") == "COW245"
    assert state_code(245) == "COW245"
    assert state_code(315) == "CSK"  # Czechoslovakia keeps its ISO 3166-3 code


def test_the_german_federal_republic_is_germany():
    assert state_code(260) == "DEU"


def test_error_an_unknown_state_suggests_close_matches():
    with pytest.raises(UnknownNameError) as e:
        resolve_state("Rusia")
    assert "RUS (Russia)" in e.value.suggestions
    assert e.value.exit_code == 2


def test_validation_accepts_codes_only_not_names():
    assert is_state_code("PRK")
    assert not is_state_code("North Korea")


def test_a_present_day_state_wins_a_name_its_historic_predecessor_also_had():
    assert state_code("Burma") == "MMR"
    assert state_code("Zaire") == "COD"
    assert state_code("German Democratic Republic") == "DDR"  # no present-day claimant
