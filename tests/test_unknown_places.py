"""A place the gazetteer does not know: answered with what does not depend on it, never a
failed case — and a typo still refused (docs/scenarios.md, "A place the gazetteer does not
know")."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import CasusError, UnknownNameError
from casus.gazetteer import find_place
from casus.reasoner import Scenario, event_from_text, known_place, obligations_on
from casus.reasoner.scenario import scenario_from_data
from casus.web.app import app as web_app

runner = CliRunner()
UNKNOWN = "Nowhereville"   # no place, and no name one slip from it


def _verdicts(scenario: Scenario) -> dict[tuple[str, str, str], str]:
    return {(o.treaty, o.article, o.obligor): o.verdict
            for o in obligations_on(scenario).obligations}


def test_the_name_really_is_unknown_and_no_slip_of_a_known_one():
    with pytest.raises(UnknownNameError):
        find_place(UNKNOWN)
    assert known_place(UNKNOWN, "EST") is None


def test_an_attack_on_territory_at_an_unknown_place_is_read_in_the_targets_territory():
    at = Scenario.single(date="2024-03-01", attackers=["RUS"], target="EST", place=UNKNOWN)
    nowhere = Scenario.single(date="2024-03-01", attackers=["RUS"], target="EST")
    answer = obligations_on(at)
    assert _verdicts(at) == _verdicts(nowhere)
    assert [o.verdict for o in answer.find("nato-1949", "5")][:1] == ["triggered"]
    ev = answer.events[0]
    assert ev.event.place == UNKNOWN and ev.place is None   # no facts shown for it
    assert any(f"does not know {UNKNOWN!r}" in n and "somewhere in that territory" in n
               for n in ev.notes)


def test_an_attack_on_forces_at_an_unknown_place_leaves_the_geographic_limits_open():
    s = Scenario.single(date="2024-03-01", attackers=["IRN"], target="USA", place=UNKNOWN,
                        on="forces")
    answer = obligations_on(s)
    art5 = answer.find("nato-1949", "5")
    assert art5 and {o.verdict for o in art5} == {"uncertain"}
    assert any("place's facts" in d for d in art5[0].decides)
    assert any("every limit that depends on it is uncertain" in n
               for n in answer.events[0].notes)


@pytest.mark.parametrize(("typed", "meant"), [("Vilnuis", "Vilnius"),
                                               ("Kursk regoin", "Kursk Oblast")])
def test_a_name_one_slip_from_a_known_one_is_refused_with_it(typed, meant):
    # the attacked state is not the place's: its own spelling variants are not in play
    with pytest.raises(UnknownNameError, match=meant):
        event_from_text("RUS", "POL", "2024-03-01", typed)


def test_a_scenario_file_with_an_unknown_place_loads_and_a_typo_is_reported_on_its_line():
    good = {"events": [{"date": "2024-03-01", "attackers": ["RUS"], "target": "EST",
                        "place": UNKNOWN}]}
    assert scenario_from_data(good, "s.yaml", {}).events[0].place == UNKNOWN
    bad = {"events": [{"date": "2024-03-01", "attackers": ["RUS"], "target": "POL",
                       "place": "Vilnuis"}]}
    with pytest.raises(CasusError, match=r"events\[0\]\.place.*Vilnius"):
        scenario_from_data(bad, "s.yaml", {})


def test_the_command_answers_for_an_unknown_place_and_refuses_a_typo():
    ok = runner.invoke(app, ["obligations", "--attacker", "Russia", "--target", "Estonia",
                             "--date", "2024-03-01", "--place", UNKNOWN, "-f", "json"])
    assert ok.exit_code == 0, ok.output
    event = json.loads(ok.output)["events"][0]
    assert event["place"] is None and any(UNKNOWN in n for n in event["notes"])
    text = runner.invoke(app, ["obligations", "--attacker", "Russia", "--target", "Estonia",
                               "--date", "2024-03-01", "--place", UNKNOWN])
    assert text.exit_code == 0 and f"at {UNKNOWN}" in text.output
    assert "give the place as 'lat,lon'" in " ".join(text.output.split())  # wrapped, not cut
    typo = runner.invoke(app, ["obligations", "--attacker", "Russia", "--target", "Poland",
                               "--date", "2024-03-01", "--place", "Vilnuis"])
    assert typo.exit_code == 2 and "Vilnius" in typo.output


def test_the_scenario_builder_answers_for_an_unknown_place():
    client = TestClient(web_app)
    r = client.get("/ui/scenario", params={"attacker": "Russia", "target": "Estonia",
                                           "date": "2024-03-01", "place": UNKNOWN})
    assert r.status_code == 200 and UNKNOWN in r.text
    r = client.get("/ui/scenario", params={"attacker": "Russia", "target": "Poland",
                                           "date": "2024-03-01", "place": "Vilnuis"})
    assert r.status_code == 400 and 'data-field="place"' in r.text and "Vilnius" in r.text


@pytest.mark.parametrize(("day", "verdict"), [("1971-06-01", "uncertain"),
                                              ("1973-06-01", "triggered")])
def test_an_unknown_place_under_administration_is_open_while_another_held_part_of_the_state(
        day, verdict):
    # "territories under the administration of Japan" (US-Japan Art. V): the United States
    # administered Okinawa until 15 May 1972, so an unknown Japanese place might have been there
    s = Scenario.single(date=day, attackers=["CHN"], target="JPN", place=UNKNOWN)
    art5 = obligations_on(s).find("usa-jpn-1960", "V")
    assert [o.verdict for o in art5] == [verdict]
    if verdict == "uncertain":
        assert any("administration of Japan" in d for d in art5[0].decides)
        assert "Okinawa" in json.dumps(art5[0].to_dict(), ensure_ascii=False)


def test_a_name_several_of_the_targets_places_bear_is_read_somewhere_in_its_territory():
    # "San Fernando": two cities of the Philippines (and towns), none ten times the next
    with pytest.raises(UnknownNameError, match="ambiguous"):
        find_place("San Fernando", ("PHL",))
    s = Scenario.single(date="2026-05-01", attackers=["CHN"], target="PHL",
                        place="San Fernando")
    answer = obligations_on(s)
    assert [o.verdict for o in answer.find("usa-phl-1951", "IV")] == ["triggered"]
    assert any("places of Philippines (PHL) bear the name 'San Fernando'" in n
               for n in answer.events[0].notes)
    # an attack on forces there must say which San Fernando: still refused
    with pytest.raises(UnknownNameError, match="ambiguous"):
        event_from_text("CHN", "PHL", "2026-05-01", "San Fernando", on="forces")


def test_the_http_api_answers_for_an_unknown_place_and_refuses_a_typo():
    from casus.web.api import app as api_app

    api = TestClient(api_app)
    r = api.get("/obligations", params={"attacker": "RUS", "target": "EST",
                                        "date": "2024-03-01", "place": UNKNOWN})
    assert r.status_code == 200, r.text
    event = r.json()["events"][0]
    assert event["place"] is None and any(UNKNOWN in n for n in event["notes"])
    r = api.post("/obligations", json={"events": [{"date": "2024-03-01", "attackers": ["RUS"],
                                                   "target": "POL", "place": "Vilnuis"}]})
    assert r.status_code in (400, 404) and "Vilnius" in r.json()["message"]


@pytest.mark.parametrize(("name", "target", "said"), [
    ("Solhan", "BFA", "only as a town of Turkey"),        # Burkina Faso's village, not Bingöl's
    ("San Lorenzo", "ECU", "all lie outside Ecuador (ECU)"),  # none of fifteen is Ecuador's
    ("Butuo", "LBR", "does not know 'Butuo'"),            # one slip from Putuo, Shanghai only
])
def test_a_name_known_only_abroad_is_read_as_a_place_of_the_attacked_state(name, target, said):
    assert known_place(name, target, on_territory=True) is None
    answer = obligations_on(Scenario(events=[event_from_text(
        "non-state:Armed group", target, "2024-03-01", name)]))
    notes = " ".join(" ".join(answer.events[0].notes).split())
    assert said in notes and "read as somewhere in that territory" in notes


@pytest.mark.parametrize(("name", "target", "place"), [
    ("Hadrut", "ARM", "town:hadrut-az"),   # a neighbour's town, on the same continent
    ("Kyiv", "RUS", "kyiv-city"),          # a city of 100,000 or more is meant as named
    ("Solhan", "TUR", "city:solhan"),      # at home it is itself
])
def test_a_place_abroad_that_is_likely_meant_stays_itself(name, target, place):
    assert known_place(name, target, on_territory=True).id == place


def test_on_forces_a_namesake_abroad_stays_itself():
    # forces can be anywhere: the town found is where they were attacked
    assert known_place("Solhan", "BFA", on_territory=False).id == "city:solhan"
