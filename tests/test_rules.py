"""Semantic rules of treaty files: each rule has a test that breaks one fact of the shipped
Russia–DPRK 2024 file and expects the rule's message at the line of the field it concerns."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DataError
from casus.model.load import checked_treaty, treaty_from_file
from casus.model.registry import validate_paths
from conftest import EXAMPLE

runner = CliRunner()

MEMBERS = """\
  - {state: RUS, joined: 2024-12-04, sources: [interfax-eif]}
  - {state: PRK, joined: 2024-12-04, sources: [interfax-eif]}
"""


def _mutate(tmp_path: Path, old: str, new: str, name: str = "rus-prk-2024.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line(path: Path, needle: str, nth: int = 1) -> int:
    hits = [i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line]
    return hits[nth - 1]


def _error(path: Path) -> list:
    with pytest.raises(DataError) as e:
        treaty_from_file(path)
    return e.value.problems


CASES = {
    # rule: (old, new, expected words, the line's needle)
    "direction-self": (
        "    conditions:\n      attacker: state\n",
        "    directions: [{obligor: RUS, beneficiary: RUS}]\n    conditions:\n"
        "      attacker: state\n",
        "owes the duty to itself", "directions: [{obligor: RUS"),
    "direction-parties": (
        "    conditions:\n      attacker: state\n",
        "    directions: [{obligor: RUS, beneficiary: USA}]\n    conditions:\n"
        "      attacker: state\n",
        "USA is not a member", "directions: [{obligor: RUS"),
    "direction-parties-on-date": (
        "    conditions:\n      attacker: state\n",
        "    valid_to: 2024-12-01\n    directions: [{obligor: RUS, beneficiary: PRK}]\n"
        "    conditions:\n      attacker: state\n",
        "never both parties", "directions: [{obligor: RUS"),
    "spells-overlap": (
        MEMBERS, MEMBERS + "  - {state: PRK, joined: 2025-01-01, via: rejoined, "
        "sources: [interfax-eif]}\n",
        "overlaps its spell", "joined: 2025-01-01"),
    "spell-in-life": (
        MEMBERS, "  - {state: RUS, joined: 2024-12-04, sources: [interfax-eif]}\n"
        "  - {state: PRK, joined: 2024-05-01, via: accession, sources: [interfax-eif]}\n",
        "before signature", "joined: 2024-05-01"),
    "successor-of": (
        MEMBERS, "  - {state: RUS, joined: 2024-12-04, successor_of: SUN, "
        "sources: [interfax-eif]}\n  - {state: PRK, joined: 2024-12-04, "
        "sources: [interfax-eif]}\n",
        "only for a spell joined via: succession", "successor_of: SUN"),
    "kind-strength-defense": (
        "    kind: defense\n    trigger: armed_attack\n    strength: automatic\n",
        "    kind: defense\n    trigger: armed_attack\n    strength: abstention\n",
        "duty to act, not abstention", "strength: abstention"),
    "kind-strength-non-aggression": (
        "    kind: non_aggression\n    strength: abstention\n",
        "    kind: non_aggression\n    strength: automatic\n",
        "its strength is abstention", "strength: automatic", 2),
    "self-supersession": (
        "supersedes: [rus-prk-2000]", "supersedes: [rus-prk-2024]",
        "supersedes itself", "supersedes: [rus-prk-2024]"),
    "date-range-early": (
        "signed:\n  date: 2024-06-19", "signed:\n  date: 1500-06-19",
        "outside 1648", "date: 1500-06-19"),
    "date-range-late": (
        "signed:\n  date: 2024-06-19", "signed:\n  date: 2999-06-19",
        "outside 1648", "date: 2999-06-19"),
    "empty-title": (
        "    title: Kremlin on the new treaty replacing the 1961 and 2000 treaties",
        "    title: '  '", "must not be empty", "title: '  '"),
    "empty-publisher": (
        "    publisher: TASS\n    title: Kremlin", "    publisher: ''\n    title: Kremlin",
        "must not be empty", "publisher: ''"),
    "empty-text": (
        "    text: >-\n      Neither party", "    text: ''\n    note: >-\n      Neither party",
        "must not be empty", "text: ''"),
    "strict-bool": (
        "    holds: true\n", "    holds: 'yes'\n", "valid boolean", "holds: 'yes'"),
    "strict-schema-version": (
        "schema_version: 1", "schema_version: true", "not true", "schema_version: true"),
    "strict-int-for-text": (
        '  - article: "8"', "  - article: 8", "valid string", "article: 8"),
    "url": (
        "    url: https://tass.com/politics/1804627", "    url: tass dot com",
        "bad URL", "url: tass dot com"),
    "url-scheme": (
        "    url: https://tass.com/politics/1804627", "    url: javascript:alert(1)",
        "bad URL", "url: javascript"),
}


@pytest.mark.parametrize("rule", list(CASES))
def test_error_rule_is_reported_at_the_line_of_its_field(tmp_path: Path, rule: str) -> None:
    old, new, words, needle, *nth = CASES[rule]
    path = _mutate(tmp_path, old, new)
    problems = _error(path)
    hit = [p for p in problems if words in p.message]
    assert hit, f"{rule}: {words!r} not in {[p.message for p in problems]}"
    assert hit[0].line == _line(path, needle, *nth), (rule, hit[0])


def test_error_cross_field_invariant_is_at_its_field_not_the_top(tmp_path: Path) -> None:
    """in_force before signed: reported at in_force.date's line, not line 1 of the file."""
    path = _mutate(tmp_path, "  date: 2024-12-04\n  note: instruments",
                   "  date: 2024-01-04\n  note: instruments")
    problems = _error(path)
    p = next(p for p in problems if "before signed.date" in p.message)
    assert p.line == _line(path, "date: 2024-01-04") and p.field == "in_force.date"


def test_error_a_supersession_cycle_across_files(tmp_path: Path) -> None:
    a = _mutate(tmp_path, "supersedes: [rus-prk-2000]", "supersedes: [cycle-b]")
    text = a.read_text().replace("id: rus-prk-2024", "id: cycle-b").replace(
        "supersedes: [cycle-b]", "supersedes: [rus-prk-2024]")
    (tmp_path / "cycle-b.yaml").write_text(text)
    with pytest.raises(DataError, match="supersession cycle"):
        validate_paths([tmp_path])


def test_error_an_unknown_place_id(tmp_path: Path) -> None:
    path = _mutate(tmp_path, "    question: state_of_war\n",
                   "    question: place_in_scope\n    places: [atlantis]\n")
    from casus.gazetteer import has_place

    with pytest.raises(DataError, match="unknown place id 'atlantis'"):
        validate_paths([path], known_place=has_place)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1 and "unknown place id 'atlantis'" in result.output


def test_a_source_never_cited_is_a_warning_shown_by_validate(tmp_path: Path) -> None:
    path = _mutate(tmp_path, "sources:\n  kcna-text:",
                   "sources:\n  spare:\n    publisher: Nobody\n    title: Unused\n  kcna-text:")
    treaty, warnings = checked_treaty(path)
    assert treaty.id == "rus-prk-2024"
    assert [w.line for w in warnings] == [_line(path, "spare:")]
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0
    assert "warning:" in result.output and "'spare' is defined but never cited" in result.output
