"""The registry: every shipped treaty file is valid, and every invariant rejects bad input.

Error tests mutate the shipped Russia–DPRK 2024 file one fact at a time and check that the
problem is reported with the file, the line and the field, and that nothing is loaded.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import DataError, UnknownNameError
from casus.model.load import treaty_from_file
from casus.model.registry import EMBEDDED, load_registry, validate_paths
from conftest import EXAMPLE, treaty_path

runner = CliRunner()
TREATY_FILES = sorted(EMBEDDED.glob("*.yaml"))


@pytest.mark.parametrize("path", TREATY_FILES, ids=[p.stem for p in TREATY_FILES])
def test_every_shipped_treaty_file_is_valid_and_fully_cited(path: Path):
    t = treaty_from_file(path)
    assert t.id == path.stem
    for p in t.provisions:
        assert p.sources, f"{t.id} Art. {p.article} has no source"
        assert p.text.strip(), f"{t.id} Art. {p.article} quotes no text"
        for s in t.cite(p.sources):
            assert s.url or s.title
    for m in t.members:
        assert m.sources


def test_the_embedded_registry_loads_with_cross_file_references_resolved():
    reg = load_registry()
    assert "rus-prk-2024" in reg.treaties
    for t in reg:
        for ref in t.supersedes:
            assert ref in reg.treaties


def _mutate(tmp_path: Path, old: str, new: str, name: str = "rus-prk-2024.yaml") -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in the example file"
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(needle)


def _one_problem(path: Path):
    with pytest.raises(DataError) as e:
        treaty_from_file(path)
    assert len(e.value.problems) >= 1
    return e.value.problems[0]


def test_error_yaml_syntax_is_reported_with_its_line(tmp_path):
    path = _mutate(tmp_path, "atop_id: null", "atop_id: [null")
    p = _one_problem(path)
    assert p.file == str(path) and "YAML syntax" in p.message and p.line is not None


def test_error_a_bad_date_names_field_line_and_value(tmp_path):
    path = _mutate(tmp_path, "  date: 2024-06-19", "  date: 2024-06-31")
    p = _one_problem(path)
    assert p.field == "signed.date"
    assert p.line == _line_of(path, "2024-06-31")
    assert "2024-06-31" in p.message


def test_error_a_bare_year_is_not_guessed_into_a_date(tmp_path):
    path = _mutate(tmp_path, "  date: 2024-06-19", "  date: 2024")
    assert "YYYY-MM-DD" in _one_problem(path).message


def test_error_an_unknown_state_is_named_with_suggestions(tmp_path):
    path = _mutate(tmp_path, "{state: PRK,", "{state: PRX,")
    p = _one_problem(path)
    assert p.field == "members[1].state" and "PRK" in p.message
    assert p.line == _line_of(path, "PRX")


def test_error_a_provision_without_a_source(tmp_path):
    path = _mutate(tmp_path, "    sources: [nhk-art8]", "    sources: []")
    p = _one_problem(path)
    assert p.field == "provisions[3].sources"


def test_error_a_source_id_that_is_not_defined(tmp_path):
    path = _mutate(tmp_path, "    sources: [nhk-art8]", "    sources: [nhk-missing]")
    assert "nhk-missing" in _one_problem(path).message


def test_error_membership_ending_before_it_begins(tmp_path):
    path = _mutate(tmp_path, "{state: RUS, joined: 2024-12-04,",
                   "{state: RUS, joined: 2024-12-04, left: 2020-01-01, left_via: withdrawal,")
    p = _one_problem(path)
    assert "before it begins" in p.message and p.field == "members[0]"


def test_error_entry_into_force_before_signature(tmp_path):
    path = _mutate(tmp_path, "  date: 2024-06-19", "  date: 2025-06-19")
    assert "before signed.date" in _one_problem(path).message


def test_error_an_unknown_field(tmp_path):
    path = _mutate(tmp_path, "    heading: military assistance in a state of war",
                   "    heading: military assistance in a state of war\n    colour: red")
    p = _one_problem(path)
    assert p.message == "unknown field 'colour'" and p.field == "provisions[1].colour"
    assert p.line == _line_of(path, "colour: red")


def test_error_a_duplicate_id_across_files_loads_nothing(tmp_path):
    a = _mutate(tmp_path, "supersedes: [rus-prk-2000]", "supersedes: []")
    (tmp_path / "copy").mkdir()
    b = tmp_path / "copy" / a.name
    b.write_text(a.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_registry([a, b])
    assert any("duplicate id" in p.message for p in e.value.problems)


def test_error_a_reference_to_a_treaty_that_does_not_exist(tmp_path):
    path = _mutate(tmp_path, "supersedes: [rus-prk-2000]", "supersedes: [rus-prk-1999]")
    with pytest.raises(DataError) as e:
        validate_paths([path])
    assert any(p.field == "supersedes" and "rus-prk-1999" in p.message
               for p in e.value.problems)


def test_error_all_problems_in_a_file_are_reported_together(tmp_path):
    path = _mutate(tmp_path, "{state: PRK,", "{state: PRX,")
    text = path.read_text(encoding="utf-8").replace("  date: 2024-06-19", "  date: 2024-06-31")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as e:
        treaty_from_file(path)
    assert {p.field for p in e.value.problems} >= {"signed.date", "members[1].state"}


def test_error_cli_validate_exits_non_zero_with_file_line_and_field(tmp_path):
    path = _mutate(tmp_path, "{state: PRK,", "{state: PRX,")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(str(path))}:\d+: members\[1\]\.state", result.output)


def test_cli_validate_accepts_the_shipped_registry():
    result = runner.invoke(app, ["validate", str(EMBEDDED)])
    assert result.exit_code == 0, result.output
    assert f"{len(TREATY_FILES)} treaty files valid" in result.output


def test_error_an_unknown_treaty_id_suggests_close_ids():
    with pytest.raises(UnknownNameError) as e:
        load_registry().get("rus-prk-2025")
    assert "rus-prk-2024" in e.value.suggestions
    result = runner.invoke(app, ["treaty", "show", "rus-prk-2025"])
    assert result.exit_code == 2 and "rus-prk-2024" in result.output


def test_treaty_list_json_contract():
    result = runner.invoke(app, ["treaty", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all({"id", "title", "parties", "signed", "in_force", "ended"} <= set(r)
                        for r in rows)
    pact = next(r for r in rows if r["id"] == "rus-prk-2024")
    assert pact["parties"] == ["RUS", "PRK"] or set(pact["parties"]) == {"RUS", "PRK"}
    assert pact["signed"] == "2024-06-19" and pact["in_force"] == "2024-12-04"
    assert all(re.fullmatch(r"[A-Z]{3}|COW\d+", p) for r in rows for p in r["parties"])


def test_treaty_list_filters_by_date_and_party_by_name():
    before = json.loads(runner.invoke(app, ["treaty", "list", "--in-force-on", "2024-08-06",
                                            "--party", "North Korea", "-f", "json"]).output)
    after = json.loads(runner.invoke(app, ["treaty", "list", "--in-force-on", "2025-01-01",
                                           "--party", "KP", "-f", "json"]).output)
    assert "rus-prk-2024" not in {r["id"] for r in before}
    assert "rus-prk-2024" in {r["id"] for r in after}


def test_error_treaty_list_with_a_bad_date_exits_2():
    result = runner.invoke(app, ["treaty", "list", "--in-force-on", "2024-31-01"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_the_2024_pact_replaces_the_2000_treaty_which_replaced_1961():
    reg = load_registry()
    assert [t.id for t in reg.superseded_by("rus-prk-2000")] == ["rus-prk-2024"]
    old = reg.get("sun-prk-1961")
    assert old.parties[0] == "SUN" and "RUS" in old.parties


def test_compare_answers_whether_the_2024_pact_is_a_military_alliance():
    result = runner.invoke(app, ["treaty", "compare", "rus-prk-2024", "sun-prk-1961",
                                 "nato-1949", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    text = " ".join(data["findings"])
    assert "mutual-defence alliance (automatic)" in text
    assert "stronger than" in text and ("North Atlantic" in text or "NATO" in text)
    rows = {t["id"]: t for t in data["treaties"]}
    assert rows["rus-prk-2024"]["strength"].startswith("automatic")
    assert rows["nato-1949"]["strength"].startswith("discretionary")


def test_error_compare_needs_two_treaties():
    result = runner.invoke(app, ["treaty", "compare", "rus-prk-2024"])
    assert result.exit_code == 2 and "at least two" in result.output


def test_error_a_disputed_tail_outside_the_membership_spell(tmp_path):
    path = _mutate(tmp_path, "{state: RUS, joined: 2024-12-04,",
                   "{state: RUS, joined: 2024-12-04, disputed_from: 2020-01-01,")
    assert "outside the spell" in _one_problem(path).message


def test_shared_phrases_finds_the_maximal_common_runs_of_words():
    from casus.compare import shared_phrases

    a = "each shall give military and other assistance if put in a state of war now"
    b = "finding itself in a state of war, the other gives military and other assistance."
    assert shared_phrases(a, b) == ["military and other assistance", "in a state of war"]
    assert shared_phrases("one two", "three four") == []


def test_compare_shows_the_1961_words_the_2024_pact_repeats():
    result = runner.invoke(app, ["treaty", "compare", "rus-prk-2024", "sun-prk-1961", "-f",
                                 "json"])
    text = " ".join(json.loads(result.output)["findings"])
    # both texts casus holds are English translations: the shared wording is shown, but not
    # in quotation marks as if it were either treaty's own words
    assert "'in a state of war'" in text and "military and other assistance" in text
    assert "“in a state of war”" not in text and "not both the treaties' own words" in text


def test_an_unknown_entry_into_force_bounded_by_the_sources_is_in_force_after_the_bound():
    """``in_force.no_later_than``: the day is unknown, but the treaty was acted on by then."""
    gcc = load_registry().get("gcc-2000")
    bound = gcc.in_force.no_later_than
    assert gcc.in_force.known is None and bound is not None
    assert gcc.in_force_on(bound) is True
    assert gcc.in_force_on(bound - timedelta(days=1)) is None   # signed, not yet shown in force
    assert gcc.in_force_on(gcc.signed.known - timedelta(days=1)) is False


def test_a_known_end_decides_even_when_the_start_is_unknown():
    """An agreement replaced on a known day is out of force after it, whenever it began."""
    gab = load_registry().get("fra-gab-1960")
    assert gab.in_force.known is None and gab.ended.known is not None
    assert gab.in_force_on(gab.ended.known) is False


def _findings(*ids: str) -> str:
    result = runner.invoke(app, ["treaty", "compare", *ids, "-f", "json"])
    assert result.exit_code == 0, result.output
    return "\n".join(json.loads(result.output)["findings"])


def test_compare_nato_csto_says_which_pledge_binds_more_and_shares_no_commonplace():
    text = _findings("nato-1949", "csto-1992")
    assert "toward every other party that is attacked" in text  # multilateral, said so
    assert "less binding on paper than that of Collective Security Treaty (CSTO)" in text
    assert "an armed attack" not in text.split("—", 1)[-1].split("\n", 1)[-1]


def test_compare_borrowing_runs_from_the_older_treaty_to_the_newer():
    text = _findings("nato-1949", "rio-1947")
    assert "North Atlantic Treaty (NATO) (signed 1949-04-04) repeats words of Rio Treaty" in text
    assert "“by article 51 of the charter of the united nations”" in text
    newer_first = _findings("usa-kor-1953", "usa-jpn-1960")
    assert "US-Japan Security Treaty (signed 1960-01-19) repeats words of US-ROK" in newer_first
    assert "not both the treaties' own words" in newer_first  # the ROK text is unconfirmed


def test_compare_the_2024_pact_with_both_1961_treaties():
    for other in ("sun-prk-1961", "prk-chn-1961"):
        text = _findings("rus-prk-2024", other)
        assert "repeats words of" in text and "'in a state of war'" in text
        assert "full mutual-defence alliance, its pledge is as binding as that of" in text


def test_a_denunciation_takes_effect_by_the_treatys_own_notice_period():
    """A spell that records only the notice ends when the treaty's notice period runs out
    (Rio Treaty Art. 25: two years after receipt), and the reasoner says so."""
    import yaml

    from casus.model.treaty import Treaty
    from casus.reasoner.parties import rule_party

    data = yaml.safe_load(treaty_path("anzus-1951").read_text(encoding="utf-8"))
    data["duration"]["notice_months"] = 24
    nzl = next(m for m in data["members"] if m["state"] == "NZL")
    nzl.pop("left", None)
    nzl["notice"] = "2012-06-05"
    t = Treaty.model_validate(data)
    spell = t.membership_of("NZL")[0]
    assert spell.left == date(2014, 6, 4) and spell.left_by_notice
    assert spell.left_via == "denunciation"
    assert t.members_on(date(2014, 6, 4)) >= {"NZL"}
    assert "NZL" not in t.members_on(date(2014, 6, 5))
    reason = rule_party(t, "NZL", date(2015, 1, 1), "obligor")
    assert reason.result == "not_met" and "notice received 2012-06-05" in reason.text
    assert "after 24 months under Art. X" in reason.text
