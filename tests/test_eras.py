"""One state, several codes over time: duties to and from it are found at every date.

Russia before 1922 and after 1991 is RUS and the USSR between is SUN, both COW 365 as ATOP and
COW code it; Serbia/Yugoslavia/Serbia and Montenegro are COW 345; "Yemen" before unification is
the Yemen Arab Republic (COW 678); West Germany is Germany (COW 260/255); North Vietnam is
Vietnam (COW 816). Each chain has a named test on an ATOP obligation."""

from __future__ import annotations

from datetime import date

import pytest

from casus.history.atop_treaties import registry_with_atop
from casus.model.registry import load_registry
from casus.model.states import era_spans, era_state, state_from_cow
from casus.reasoner import event_from_text, obligations_on
from casus.reasoner.scenario import Scenario
from conftest import SHARED, needs_shared

ATOP = SHARED / "data" / "atop-4.01"


def test_era_codes() -> None:
    assert era_state("RUS", date(1914, 8, 1)) == "RUS"
    assert era_state("RUS", date(1961, 7, 6)) == "SUN"
    assert era_state("SUN", date(1914, 8, 1)) == "RUS"
    assert era_state("SUN", date(1995, 1, 1)) == "RUS"
    assert era_state("SRB", date(1912, 10, 18)) == "SRB"
    assert era_state("SRB", date(1960, 1, 1)) == "YUG"
    assert era_state("YUG", date(2010, 1, 1)) == "SRB"
    assert era_state("YEM", date(1970, 1, 1)) == "COW678"
    assert era_state("VDR", date(1965, 1, 1)) == "VNM"
    assert state_from_cow(345, date(1912, 10, 18)).code == "SRB"
    assert state_from_cow(365, date(1894, 1, 4)).code == "RUS"
    assert era_spans("RUS", date(1978, 11, 3), None) == [
        (date(1978, 11, 3), date(1991, 12, 25), "SUN"), (date(1991, 12, 26), None, "RUS")]


def test_the_curated_registry_keeps_the_ussr_as_sun_with_russia_its_successor() -> None:
    a = obligations_on(Scenario(events=[event_from_text("USA", "North Korea", "1985-01-01")]))
    assert {o.obligor for o in a.find("sun-prk-1961")} == {"SUN"}
    a = obligations_on(Scenario(events=[event_from_text("USA", "North Korea", "1995-01-01")]))
    assert {o.obligor for o in a.find("sun-prk-1961")} == {"RUS"}
    # the USSR named for a date after 1991 is Russia, its continuation
    e = event_from_text("USSR", "Ukraine", "2024-08-06")
    assert e.attacker_codes == {"RUS"} and e.notes


@pytest.fixture(scope="module")
def atop_registry():
    return registry_with_atop(load_registry(), ATOP / "atop-member-level.csv",
                              ATOP / "atop-alliance-level.csv")


def _owed(reg, attacker: str, target: str, when: str, treaty: str) -> set[tuple[str, str]]:
    a = obligations_on(Scenario(events=[event_from_text(attacker, target, when)]), reg)
    return {(o.obligor, o.beneficiary) for o in a.find(treaty)}


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_russia_in_1914_is_owed_the_1894_franco_russian_alliance(atop_registry) -> None:
    """Today 0 obligations: RUS before 1991 was read as SUN, which ATOP's 365 in 1894 is not."""
    assert ("FRA", "RUS") in _owed(atop_registry, "Germany", "Russia", "1914-08-01",
                                   "atop-1385")


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_a_spell_across_1991_binds_the_ussr_then_russia(atop_registry) -> None:
    """ATOP 3825 (Soviet–Vietnamese treaty, 1978–1994): the USSR before 26 Dec 1991, Russia
    after — one ATOP spell of COW 365, two casus codes."""
    assert ("SUN", "VNM") in _owed(atop_registry, "China", "Vietnam", "1979-02-17", "atop-3825")
    assert ("RUS", "VNM") in _owed(atop_registry, "China", "Vietnam", "1993-01-01", "atop-3825")
    assert ("RUS", "VNM") in _owed(atop_registry, "China", "VDR", "1993-01-01", "atop-3825")


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_serbia_in_1912_is_owed_the_serbian_bulgarian_alliance(atop_registry) -> None:
    """COW 345 in 1912 is Serbia, not Yugoslavia (countrycode files 345 under Yugoslavia)."""
    assert ("BGR", "SRB") in _owed(atop_registry, "Ottoman Empire", "Serbia", "1912-10-18",
                                   "atop-1470")


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_west_germany_is_germany_in_the_1954_paris_protocols(atop_registry) -> None:
    owed = _owed(atop_registry, "USSR", "West Germany", "1970-01-01", "atop-3130")
    assert any(b == "DEU" for _, b in owed)


@needs_shared("data", "atop-4.01", "atop-member-level.csv")
def test_yemen_before_1990_is_the_yemen_arab_republic_in_the_arab_league_pact(
        atop_registry) -> None:
    owed = _owed(atop_registry, "Israel", "Yemen", "1970-01-01", "arab-league-1950")
    assert ("EGY", "COW678") in owed
    owed = _owed(atop_registry, "Israel", "Yemen", "1995-01-01", "arab-league-1950")
    assert any(b == "YEM" for _, b in owed)
