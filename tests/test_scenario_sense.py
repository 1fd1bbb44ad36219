"""Scenarios that make no sense are refused with the reason, the same way from the CLI, the
HTTP API and scenario files (the check lives in ``casus.reasoner.scenario``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DataError, InputError
from casus.reasoner import Scenario, event_from_text, load_scenario
from casus.web.api import app as http

runner = CliRunner()
client = TestClient(http)

NONSENSE = [
    ("Russia", "Russia", None, "same state"),
    ("RUS", "RU", None, "same state"),
    ("Ukraine, Russia", "Russia", None, "also among the attackers"),
    ("Ukraine, UKR", "Russia", None, "named twice"),
    ("USSR, Russia", "Finland", "1940-01-01", "named twice"),  # RUS before 1991 is the USSR
    ("Ukraine", "Russia", "", "place is empty or blank"),
    ("Ukraine", "Russia", "   ", "place is empty or blank"),
]


@pytest.mark.parametrize(("attacker", "target", "place", "words"), NONSENSE)
def test_error_nonsense_event_from_text(attacker, target, place, words) -> None:
    when = place if place and place[0].isdigit() else "2024-08-06"
    place = None if place and place[0].isdigit() else place
    with pytest.raises(InputError, match=words):
        event_from_text(attacker, target, when, place)


@pytest.mark.parametrize(("attacker", "target", "place", "words"), NONSENSE)
def test_error_nonsense_cli_exits_2_with_the_reason(attacker, target, place, words) -> None:
    when = place if place and place[0].isdigit() else "2024-08-06"
    args = ["obligations", "--attacker", attacker, "--target", target, "--date", when]
    if place is not None and not place[0:1].isdigit():
        args += ["--place", place]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output


def test_error_nonsense_http_is_400() -> None:
    r = client.get("/obligations", params={"attacker": "Russia", "target": "Russia",
                                           "date": "2024-08-06"})
    assert r.status_code == 400 and "same state" in r.json()["message"]
    r = client.post("/obligations", json={"events": [
        {"date": "2024-08-06", "attackers": ["UKR", "UKR"], "target": "RUS"}]})
    assert r.status_code == 400 and "named twice" in r.json()["message"]


def test_error_nonsense_scenario_file_has_line(tmp_path: Path) -> None:
    f = tmp_path / "s.yaml"
    f.write_text("events:\n  - date: 2024-08-06\n    attackers: [UKR]\n    target: RUS\n"
                 "  - date: 2024-08-06\n    attackers: [RUS]\n    target: RUS\n"
                 "  - date: 2024-08-06\n    attackers: [UKR]\n    target: RUS\n"
                 "    place: ''\n")
    with pytest.raises(DataError) as e:
        load_scenario(f)
    msgs = {(p.line, p.message.split(":")[0]) for p in e.value.problems}
    assert any(line == 5 and "same state" in p.message
               for p in e.value.problems for line in [p.line]), msgs
    assert any(p.line == 11 and "blank" in p.message for p in e.value.problems), msgs


def test_sensible_events_still_build() -> None:
    s = Scenario.single(date="2024-08-06", attackers=["UKR"], target="RUS",
                        place="Kursk Oblast")
    assert s.events[0].target == "RUS"
    assert event_from_text("non-state:al-Qaeda", "USA", "2001-09-11").target == "USA"
