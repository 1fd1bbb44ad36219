"""The obligation reasoner: scenario files as tests, plus the rules' edge cases and errors.

Cases live in ``tests/scenarios/*.yaml``, one per sentence-named scenario (OpenFisca's habit).
Each case names the treaty files it ``requires``; a case whose treaty file has not landed in the
registry is skipped with that reason, and so is a case that needs the gazetteer's place facts
when the gazetteer's data files (``casus/gazetteer/data/``) are missing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import DataError, InputError, UnknownNameError
from casus.model.load import read_yaml_with_lines
from casus.model.registry import load_registry
from casus.reasoner import (
    Event,
    Scenario,
    _places,
    event_from_text,
    load_scenario,
    obligations_on,
)
from casus.reasoner.scenario import builtin_scenarios, scenario_from_data
from casus.reasoner.trace import combine
from casus.views.obligations import render_short, render_text

HERE = Path(__file__).parent
CASE_KEYS = {"requires", "expect", "absent", "expect_none", "expect_none_toward_target",
             "expect_note",
             "expect_target"}
REGISTRY = load_registry()


def _typed(attacker, target, when, place, request, kind):
    """One event as a person types it, through the public constructor the CLI and HTTP use."""
    event = event_from_text(attacker, target, when, place, request=request, kind=kind)
    return obligations_on(Scenario(events=[event]))


def _cases() -> list:
    out = []
    for path in sorted((HERE / "scenarios").glob("*.yaml")):
        data, lines = read_yaml_with_lines(path)
        for i, case in enumerate(data):
            out.append(pytest.param(path, i, case, lines, id=f"{path.stem}: {case['name']}"))
    return out


def _missing(case: dict) -> list[str]:
    return [t for t in case.get("requires", []) if t not in REGISTRY.treaties]


def _matches(o, row: dict) -> bool:
    return all(getattr(o, k) == v for k, v in row.items()
               if k in ("treaty", "article", "obligor", "kind", "event"))


@pytest.mark.parametrize(("path", "index", "case", "lines"), _cases())
def test_scenario(path: Path, index: int, case: dict, lines: dict) -> None:
    missing = _missing(case)
    if missing:
        pytest.skip(f"treaty file(s) not in the registry yet: {', '.join(missing)}")
    scenario_data = {k: v for k, v in case.items() if k not in CASE_KEYS}
    scenario = scenario_from_data(scenario_data, str(path), lines, at=(index,))
    a = obligations_on(scenario, REGISTRY)
    where = f"{path.name}, case {index + 1} ({case['name']})"
    for row in case.get("expect", []):
        found = [o for o in a.obligations if _matches(o, row)]
        assert found, f"{where}: no obligation matches {row}; have " + str(
            sorted({(o.treaty, o.article, o.obligor) for o in a.obligations}))
        for o in found:
            detail = f"{where}: {o.treaty} Art. {o.article} {o.obligor}: {o.reasons}"
            assert o.verdict == row["verdict"], detail
            if "strength" in row:
                assert o.strength == row["strength"], detail
            if "decided_by" in row:
                assert row["decided_by"] in {r.rule for r in o.decided_by}, detail
            if "cites" in row:
                assert row["cites"] in json.dumps(o.to_dict(), ensure_ascii=False), detail
    for row in case.get("absent", []):
        hit = [(o.treaty, o.article, o.obligor, o.kind) for o in a.obligations if _matches(o, row)]
        assert not hit, f"{where}: expected nothing matching {row}, got {hit}"
    if case.get("expect_none"):
        assert a.obligations == (), f"{where}: expected no obligations"
        assert a.events[0].notes, f"{where}: an empty answer must say why"
    if case.get("expect_none_toward_target"):
        # the attacked party is owed nothing; what the attack engages for the attacker's own
        # treaties (casus.reasoner.war) is asserted with ``expect``
        toward = [o for o in a.obligations if o.beneficiary == scenario.events[0].target]
        assert toward == [], f"{where}: expected no obligation toward the attacked party"
        assert a.events[0].notes, f"{where}: an empty answer must say why"
    if "expect_note" in case:
        notes = " ".join(n for e in a.events for n in e.notes)
        assert case["expect_note"] in notes, f"{where}: notes were {notes!r}"
    if "expect_target" in case:
        assert scenario.events[0].target == case["expect_target"]


# --- the shipped scenarios ------------------------------------------------------------------

def test_builtin_kursk_scenarios_load_and_differ_on_article_4() -> None:
    """The seed scenario: Art. 4 is not triggered in Aug 2024 and triggered after 4 Dec 2024."""
    files = builtin_scenarios()
    assert {"kursk-2024", "kursk-2025"} <= set(files)
    before = obligations_on(load_scenario(files["kursk-2024"]), REGISTRY)
    after = obligations_on(load_scenario(files["kursk-2025"]), REGISTRY)
    [b] = before.find("rus-prk-2024", "4")
    [c] = after.find("rus-prk-2024", "4")
    assert (b.verdict, c.verdict) == ("not_triggered", "triggered")
    assert c.strength == "automatic" and c.obligor == "PRK" and c.beneficiary == "RUS"
    assert "not yet in force" in b.reasons[0] and "2024-12-04" in b.reasons[0]


# --- output shape ---------------------------------------------------------------------------

def _kursk() -> Scenario:
    return Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS",
                           place="Kursk Oblast")


def test_to_dict_has_the_promised_keys_and_is_json() -> None:
    d = obligations_on(_kursk(), REGISTRY).to_dict()
    assert set(d) >= {"scenario", "obligations"}
    for o in d["obligations"]:
        assert set(o) >= {"obligor", "beneficiary", "treaty", "article", "kind", "strength",
                          "verdict", "reasons"}
        assert o["verdict"] in ("triggered", "not_triggered", "uncertain")
        assert o["reasons"] and all(isinstance(r, str) for r in o["reasons"])
        assert o["treaty"] in REGISTRY.treaties
    json.dumps(d, ensure_ascii=False)


def test_every_reason_sentence_cites_an_article_or_the_treaty() -> None:
    s = Scenario(events=[Event(date="2024-12-05", attackers=["UKR"], target="RUS"),
                         Event(date="2025-06-01", attackers=["AZE"], target="ARM")])
    for o in obligations_on(s, REGISTRY).obligations:
        name = REGISTRY.treaties[o.treaty].short_names[:1] or [REGISTRY.treaties[o.treaty].title]
        for r in o.trace.children:
            assert r.article is not None or name[0] in r.text, f"{r.rule}: {r.text}"


def test_ordering_is_deterministic() -> None:
    s = Scenario(events=[
        Event(date="2026-01-15", attackers=["KOR"], target="PRK"),
        Event(date="2023-05-01", attackers=["RUS"], target="FIN"),
    ])
    first = obligations_on(s, REGISTRY).to_dict()
    second = obligations_on(s, load_registry()).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    keys = [(o["event"], o["treaty"]) for o in first["obligations"]]
    assert keys == sorted(keys)


def test_uncertain_always_says_what_would_decide_it() -> None:
    s = Scenario(events=[
        Event(date="2024-12-05", attackers=["UKR"], target="RUS"),
        Event(date="2001-09-11", attackers=[{"name": "al-Qaeda", "non_state": True}],
              target="USA"),
        Event(date="2026-01-15", attackers=["CHN"], target="AUS"),
    ])
    a = obligations_on(s, REGISTRY)
    uncertain = [o for o in a.obligations if o.verdict == "uncertain"]
    assert uncertain
    for o in uncertain:
        assert o.decides, f"{o.treaty} Art. {o.article}: {o.reasons}"


def test_render_text_has_headline_groups_and_quote() -> None:
    text = render_text(obligations_on(_kursk(), REGISTRY))
    assert text.startswith("Event 1: 2024-12-05 — armed attack by Ukraine (UKR) on the territory "
                           "of Russia (RUS)")
    assert "TRIGGERED" in text and "NOT TRIGGERED" in text
    assert "with all means in its possession without delay" in text
    assert text.index("TRIGGERED") < text.index("NOT TRIGGERED")


def test_render_text_groups_identical_obligors() -> None:
    s = Scenario.single(date="2001-09-11", attackers=[{"name": "al-Qaeda", "non_state": True}],
                        target="USA")
    text = render_text(obligations_on(s, REGISTRY))
    if "nato-1949" in REGISTRY.treaties:
        assert "18 parties (BEL, CAN" in text  # the 18 other allies of 2001 listed once


def test_the_short_answer_says_who_must_act_who_may_and_why_not_in_a_few_lines() -> None:
    """One line per treaty and group of obligors; what decides an open one; the rest in one
    phrase each — never a repeated article, never a line over 100 columns."""
    s = Scenario.single(date="2026-01-15", attackers=["CHN"], target="USA", place="Hawaii")
    text = render_short(obligations_on(s, REGISTRY))
    lines = text.splitlines()
    assert max(map(len, lines)) <= 100 and len(lines) < 60, len(lines)
    assert "MUST ACT" in text and "MAY ACT" in text and "NOT TRIGGERED" in text
    assert "the place is outside the article's area: North Atlantic Treaty (NATO)" in text
    assert text.count("Rio Treaty: Art. 3(1)") == 2  # must (most parties) and may (disputed)
    assert "decided by: whether United States (USA) requests assistance" in text


def test_a_paraphrase_is_never_shown_as_a_quote() -> None:
    """Quotation marks hold only a treaty's own words; other texts say what they are."""
    s = Scenario.single(date="2024-08-06", attackers=["UKR"], target="RUS",
                        place="Kursk Oblast")
    text = render_text(obligations_on(s, REGISTRY))
    assert "[paraphrase, not the treaty's words] In the event of a danger of aggression" in text
    assert "“In the event of a danger of aggression" not in text


# --- rules ----------------------------------------------------------------------------------

def test_combine_is_three_valued_and() -> None:
    """'not_met' beats 'uncertain' beats 'met'."""
    from casus.reasoner.trace import Reason

    met, unc, no = (Reason("r", x, x) for x in ("met", "uncertain", "not_met"))
    assert combine([met, unc])[0] == "uncertain"
    assert combine([met, unc, no])[0] == "not_triggered"
    assert combine([met])[0] == "triggered"


def test_nato_art5_for_9_11_cites_the_nac_decision() -> None:
    if "nato-1949" not in REGISTRY.treaties:
        pytest.skip("nato-1949 not in the registry yet")
    s = Scenario.single(date="2001-09-11",
                        attackers=[{"name": "al-Qaeda", "non_state": True}], target="USA")
    a = obligations_on(s, REGISTRY)
    art5 = a.find("nato-1949", "5")
    assert art5 and all(o.verdict == "triggered" for o in art5)
    assert len(art5) == 18
    attacker = next(r for r in art5[0].trace.children if r.rule == "attacker")
    assert attacker.exception and "North Atlantic Council" in attacker.text


def test_art5_wording_is_picked_by_date() -> None:
    """Art. 6 was amended from 18 Feb 1952: one wording of Art. 5 is read on each date."""
    if "nato-1949" not in REGISTRY.treaties:
        pytest.skip("nato-1949 not in the registry yet")
    for on in ("1950-01-01", "2020-01-01"):
        a = obligations_on(Scenario.single(date=on, attackers=["SUN"] if on < "1991" else
                                           ["RUS"], target="NOR"), REGISTRY)
        rows = a.find("nato-1949", "5", obligor="USA")
        assert len(rows) == 1


def test_obligor_attacking_is_noted_and_others_still_bound() -> None:
    if "nato-1949" not in REGISTRY.treaties:
        pytest.skip("nato-1949 not in the registry yet")
    s = Scenario.single(date="2020-01-01", attackers=["TUR"], target="GRC")
    a = obligations_on(s, REGISTRY)
    [tur] = a.find("nato-1949", "5", obligor="TUR")
    assert tur.verdict == "not_triggered"
    assert "obligor_is_attacker" in {r.rule for r in tur.decided_by}
    [fra] = a.find("nato-1949", "5", obligor="FRA")
    assert fra.verdict != "not_triggered" or "obligor_is_attacker" not in {
        r.rule for r in fra.decided_by}


def test_scope_exception_is_labelled() -> None:
    if "nato-1949" not in REGISTRY.treaties:
        pytest.skip("needs nato-1949")
    s = Scenario.single(date="2026-01-15", attackers=["CHN"], target="USA", place="Hawaii")
    [o] = obligations_on(s, REGISTRY).find("nato-1949", "5", obligor="GBR")
    scope = next(r for r in o.decided_by if r.rule == "scope")
    assert scope.exception and scope.text.startswith("Exception (")
    assert "Hawaii" in scope.text and "Europe or North America" in scope.text


# --- scenario model and errors --------------------------------------------------------------

def test_states_are_resolved_from_names() -> None:
    e = Event(date="2024-12-05", attackers=["Ukraine"], target="Russia")
    assert (e.target, sorted(e.attacker_codes)) == ("RUS", ["UKR"])
    assert e.date == date(2024, 12, 5) and e.kind == "armed_attack" and e.on == "territory"


def test_russia_before_1992_is_the_ussr() -> None:
    e = Event(date="1980-01-01", attackers=["USA"], target="RUS")
    assert e.target == "SUN" and any("SUN" in n for n in e.notes)
    assert Event(date="1991-12-26", attackers=["USA"], target="RUS").target == "RUS"


def test_error_unknown_attacker_suggests_and_explains_non_state() -> None:
    with pytest.raises(UnknownNameError) as e:
        Event(date="2001-09-11", attackers=["al-Qaeda"], target="USA")
    assert "non_state: true" in e.value.message


def test_error_unknown_state_has_close_matches() -> None:
    with pytest.raises(UnknownNameError) as e:
        _typed("Ukraine army", "RUS", "2024-12-05", None, None, "armed_attack")
    assert any("UKR" in s for s in e.value.suggestions)


def test_error_bad_date_names_value_and_format() -> None:
    with pytest.raises(InputError) as e:
        _typed("UKR", "RUS", "2024-13-45", None, None, "armed_attack")
    assert "2024-13-45" in e.value.message and "YYYY-MM-DD" in e.value.message
    with pytest.raises(InputError):
        _typed("UKR", "RUS", "5 Dec 2024", None, None, "armed_attack")


def test_error_bad_kind() -> None:
    with pytest.raises(InputError) as e:
        _typed("UKR", "RUS", "2024-12-05", None, None, "invasion")
    assert "armed_attack" in e.value.message


def test_error_unknown_place_has_close_matches() -> None:
    with pytest.raises(UnknownNameError) as e:
        _typed("UKR", "RUS", "2024-12-05", "Kursk Oblst", None, "armed_attack")
    assert e.value.kind == "place" and e.value.suggestions


def test_cli_entry_point_accepts_non_state_and_hyphens() -> None:
    a = _typed("non-state:al-Qaeda", "USA", "2001-09-11", None, None,
                            "armed-attack")
    assert a.scenario.events[0].non_state_only
    a = _typed("UKR", "Russia", "2024-12-05", None, True, "armed_attack")
    assert a.scenario.events[0].request is True


def test_error_bad_scenario_file_reports_every_problem_with_lines(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: broken\n"
        "events:\n"
        "  - date: 2024-13-01\n"
        "    attackers: [UKR]\n"
        "    target: RUS\n"
        "  - date: 2024-12-05\n"
        "    attackers: [Ukraine army]\n"
        "    target: Rusia\n"
        "    kind: invasion\n"
        "  - date: 2024-12-05\n"
        "    attackers: [UKR]\n"
        "    target: RUS\n"
        "    kind: invasion\n"
        "    colour: red\n", encoding="utf-8")
    with pytest.raises(DataError) as e:
        load_scenario(bad)
    text = str(e.value)
    lines = {p.line for p in e.value.problems}
    assert f"{bad}:3" in text and "2024-13-01" in text
    assert 7 in lines and 8 in lines  # unknown attacker, unknown target
    assert 9 in lines  # and, in the same pass, the same event's bad kind
    assert 13 in lines or 14 in lines  # bad kind / unknown field
    assert any("UKR" in p.message for p in e.value.problems)


def test_error_scenario_file_not_a_mapping(tmp_path: Path) -> None:
    bad = tmp_path / "list.yaml"
    bad.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(DataError):
        load_scenario(bad)
    with pytest.raises(DataError):
        load_scenario(tmp_path / "missing.yaml")


def test_bare_on_key_is_read_as_on() -> None:
    """YAML 1.1 reads ``on:`` as True; the scenario loader maps it back."""
    path = builtin_scenarios()["kursk-2025"]
    assert load_scenario(path).events[0].on == "territory"


def test_sweep_every_party_date_and_kind_answers_without_crashing() -> None:
    """Three answers, never a silent default: every uncertain verdict says what would decide
    it, every not-triggered one names the check that decided it, for every party of every
    treaty on dates across the registry's span."""
    parties = sorted({s for t in REGISTRY for s in t.parties})
    dates = ["1950-06-25", "1985-06-01", "1998-06-01", "2023-03-01", "2026-01-15"]
    for code in parties:
        attacker = "USA" if code != "USA" else "CAN"
        for on in dates:
            for kind in ("armed_attack", "declaration_of_war", "threat"):
                s = Scenario.single(date=on, attackers=[attacker], target=code, kind=kind)
                a = obligations_on(s, REGISTRY)
                for o in a.obligations:
                    assert o.decided_by, (code, on, kind, o.treaty, o.article)
                    if o.verdict == "uncertain":
                        assert o.decides, (code, on, kind, o.treaty, o.article, o.reasons)
                    wording = REGISTRY.get(o.treaty).provision(o.article, date.fromisoformat(on))
                    if kind == "threat" and o.kind == "defense" and wording is not None \
                            and wording.trigger != "threat":
                        # only a pledge of help against a threat ("contre toute menace") answers one
                        assert o.verdict == "not_triggered", (code, on, o.treaty, o.article)
                if not a.obligations:
                    assert a.events[0].notes, (code, on)


def test_unknown_entry_into_force_is_uncertain_and_says_so() -> None:
    unknown = [t for t in REGISTRY if t.in_force.known is None and t.signed.known]
    if not unknown:
        pytest.skip("no treaty with an unknown entry-into-force date in the registry")
    t = unknown[0]
    target, obligor = t.parties[0], t.parties[1]
    after = t.signed.known.replace(year=t.signed.known.year + 1)
    attacker = next(c for c in ("NOR", "ISL", "CHL") if c not in t.parties)
    a = obligations_on(Scenario.single(date=after, attackers=[attacker], target=target),
                       REGISTRY)
    rows = a.find(t.id, obligor=obligor)
    assert rows
    for o in rows:
        in_force = next(r for r in o.checks if r.rule == "treaty_in_force")
        assert in_force.result == "uncertain" and "entered into force" in (in_force.decides or "")


GOLDEN = HERE / "scenarios" / "kursk-2025.golden.txt"
SEED_FILES = ["rus-prk-2024.yaml", "rus-prk-2000.yaml", "sun-prk-1961.yaml"]


def test_golden_kursk_2025_text() -> None:
    """The seed scenario's text rendering against the seed treaties, reviewed in the diff.

    Regenerate with ``CASUS_UPDATE_GOLDEN=1 pytest tests/test_reasoner.py -k golden``.
    """
    import os

    from casus.model.registry import EMBEDDED

    files = [EMBEDDED / f for f in SEED_FILES]
    if not all(f.exists() for f in files):
        pytest.skip("seed treaty files missing")
    seed = load_registry(files)
    text = render_text(obligations_on(load_scenario(builtin_scenarios()["kursk-2025"]), seed))
    if os.environ.get("CASUS_UPDATE_GOLDEN") or not GOLDEN.exists():
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), (
        "the Kursk rendering changed; if intended, regenerate with CASUS_UPDATE_GOLDEN=1")


def test_a_place_the_gazetteer_cannot_place_gives_uncertain_scope_and_says_why(
        monkeypatch) -> None:
    """A place without an entry degrades to uncertain geography, never a crash or a no."""
    monkeypatch.setattr(_places, "territory", lambda code: None)
    s = Scenario.single(date="2026-01-15", attackers=["CHN"], target="USA")
    a = obligations_on(s, REGISTRY)
    assert any("no entry for the place" in n for n in a.events[0].notes)
    for o in a.find("nato-1949", "5"):
        assert o.verdict == "uncertain" and o.decides


# --- properties -------------------------------------------------------------------------------


_RANK = {"not_triggered": 0, "uncertain": 1, "triggered": 2}


@settings(max_examples=40, deadline=None)
@given(on=st.dates(min_value=date(1945, 1, 1), max_value=date(2030, 12, 31)),
       target=st.sampled_from(["ARM", "PRK", "RUS", "USA", "NOR", "PHL", "JPN", "FIN"]))
def test_property_a_request_never_weakens_an_obligation(on: date, target: str) -> None:
    """"At the request of": asking can only help — request=True ≥ not stated ≥ request=False."""
    attacker = "AZE" if target != "AZE" else "ARM"
    verdicts = []
    for request in (False, None, True):
        s = Scenario.single(date=on, attackers=[attacker], target=target, request=request)
        verdicts.append({(o.treaty, o.article, o.obligor, o.reading.quote): _RANK[o.verdict]
                         for o in obligations_on(s, REGISTRY).obligations})
    no, unstated, yes = verdicts
    assert no.keys() == unstated.keys() == yes.keys()
    for key in no:
        assert no[key] <= unstated[key] <= yes[key], key


@settings(max_examples=40, deadline=None)
@given(on=st.dates(min_value=date(1945, 1, 1), max_value=date(2030, 12, 31)))
def test_property_nato_art5_for_norway_follows_entry_into_force(on: date) -> None:
    """Norway, a founding party in Europe: Art. 5 binds the allies of the day from 24 Aug 1949,
    and nothing is read before the treaty was signed (4 Apr 1949)."""
    nato = REGISTRY.treaties.get("nato-1949")
    if nato is None:
        pytest.skip("nato-1949 not in the registry yet")
    a = obligations_on(Scenario.single(date=on, attackers=["SUN"] if on < date(1991, 12, 26)
                                       else ["RUS"], target="NOR"), REGISTRY)
    rows = a.find("nato-1949", "5")
    if on < nato.signed.known:
        assert rows == []
    elif on < nato.in_force.known:
        assert rows and all(o.verdict == "not_triggered" for o in rows)
    else:
        assert rows and {o.verdict for o in rows} == {"triggered"}
        assert {o.obligor for o in rows} == nato.members_on(on) - {"NOR"}


def test_a_scope_set_by_another_article_is_named_after_it():
    """NATO Art. 5's scope is Art. 6 (``scope.set_by``): the reason names Art. 6, not Art. 5."""
    a = _typed("JPN", "USA", "1960-06-01", "Hawaii", None, "armed_attack")
    art5 = [o for o in a.find("nato-1949", "5")]
    assert art5 and all(o.verdict == "not_triggered" for o in art5)
    texts = [r.text for o in art5 for r in o.decided_by]
    assert any(t.startswith("Exception (Art. 6 (scope of Art. 5))") for t in texts), texts[:3]


def test_aggression_on_its_territory_is_not_an_attack_on_its_ship_at_sea() -> None:
    """Same wording, same reading: TEU 42(7) ('armed aggression on its territory'), like the
    France–Greece pact ('against the territory of either'), does not answer an attack on a
    member's forces at sea — one rule (scope.targets), not a verdict per treaty."""
    at_sea = Scenario.single(date="2026-03-01", attackers=["RUS"], target="FRA",
                             place="35.0,18.0", on="forces")
    a = obligations_on(at_sea, REGISTRY)
    for treaty, article in (("teu-42-7", "42(7)"), ("fra-grc-2021", "2")):
        found = a.find(treaty, article)
        assert found and {o.verdict for o in found} == {"not_triggered"}, treaty
    on_land = obligations_on(Scenario.single(date="2026-03-01", attackers=["RUS"],
                                             target="FRA"), REGISTRY)
    assert {o.verdict for o in on_land.find("teu-42-7", "42(7)")} == {"triggered"}


def test_an_understanding_limited_to_communist_aggression_is_read_with_the_dated_regime_list(
        ) -> None:
    """The US limited SEATO Art. IV(1) to communist aggression: India's 1965 attack on Pakistan
    (India on no list of communist states) leaves the US only Art. IV(2), while the other
    parties' duty stands; Vietnam's 1980 incursion into Thailand engages the US; an insurgency
    that is no state cannot be tested against a list of states and stays uncertain."""
    a = obligations_on(Scenario.single(date="1965-09-06", attackers=["IND"], target="PAK"),
                       REGISTRY)
    [us] = a.find("seato-1954", "IV(1)", "USA")
    assert us.verdict == "not_triggered" and "communist" in us.reasons[0]
    assert [o.verdict for o in a.find("seato-1954", "IV(2)", "USA")] == ["triggered"]
    others = [o for o in a.find("seato-1954", "IV(1)") if o.obligor != "USA"]
    assert others and "triggered" in {o.verdict for o in others}
    [us] = obligations_on(Scenario.single(date="1980-06-23", attackers=["VNM"], target="THA"),
                          REGISTRY).find("seato-1954", "IV(1)", "USA")
    assert us.verdict == "triggered"
    assert "Vietnam (VNM) was ruled by a communist party on 1980-06-23" in " ".join(
        r.text for r in us.trace.children)
    [us] = obligations_on(Scenario.single(
        date="1965-09-06", attackers=[{"name": "Pathet Lao", "non_state": True}],
        target="THA"), REGISTRY).find("seato-1954", "IV(1)", "USA")
    assert us.verdict == "uncertain"


def test_a_land_place_is_judged_against_a_sea_area_by_the_seas_on_its_coast() -> None:
    """NATO Art. 6(ii) covers forces "in or over ... the Mediterranean Sea or the North Atlantic
    area north of the Tropic of Cancer". Forces at Lamu (Kenya, on the Indian Ocean) or inland
    at Nairobi are in neither; at Haifa, on the Mediterranean coast, whether forces on land are
    "in" the sea stays open."""
    def art5(place: str) -> tuple[set[str], str]:
        a = obligations_on(Scenario.single(date="2026-01-05", attackers=["IRN"], target="USA",
                                           place=place, on="forces"), REGISTRY)
        found = a.find("nato-1949", "5")
        return {o.verdict for o in found}, " ".join(r.text for o in found for r in o.decided_by)

    verdicts, why = art5("Lamu")
    assert verdicts == {"not_triggered"} and "on the coast of the Indian Ocean" in why
    verdicts, why = art5("Nairobi")
    assert verdicts == {"not_triggered"} and "inland" in why
    verdicts, _ = art5("Haifa")
    assert verdicts == {"uncertain"}


def test_an_understanding_limited_to_external_attack_reads_where_the_attack_came_from() -> None:
    """The US understanding to the 1953 treaty with Korea: no duty "except in case of an
    external armed attack". Another state's attack is external; a non-state rising is external
    only when directed from abroad; a domestic one is not; unknown origin stays uncertain."""
    def us_duty(attacker: object, **facts: object) -> str:
        a = obligations_on(Scenario.single(date="2026-01-15", attackers=[attacker],
                                           target="KOR", **facts), REGISTRY)
        [us] = a.find("usa-kor-1953", "III", "USA")
        return us.verdict

    rising = {"name": "insurgents", "non_state": True}
    assert us_duty("PRK") == "triggered"
    assert us_duty(rising, directed_from_abroad=False) == "not_triggered"
    assert us_duty(rising) == "uncertain"
    assert us_duty(rising, directed_from_abroad=True) != "not_triggered"


def test_a_formalised_reservation_decides_by_the_attacker() -> None:
    from casus.model.treaty import Provision, Reservation
    from casus.reasoner.parties import rule_reservation

    p = Provision(article="4", kind="defense", trigger="armed_attack", strength="automatic",
                  text="x", text_status="verbatim", scope={"anywhere": True}, sources=["s"],
                  reservations=[Reservation(by="USA", limit="aggression by the PRC",
                                            adversaries=["CHN"], quote="q", sources=["s"])])
    assert rule_reservation(p, "USA", frozenset({"CHN"})).result == "met"
    assert rule_reservation(p, "USA", frozenset({"IND"})).result == "not_met"
    assert rule_reservation(p, "GBR", frozenset({"IND"})) is None


def test_an_offence_pledge_is_owed_to_an_ally_that_attacks_and_a_non_aggression_pledge_breaks():
    """ATOP offense: support "in a conflict the partner did not have to be attacked to join";
    nonagg: "promises not to use military force against its partners"."""
    from datetime import date

    from casus.model.registry import Registry
    from casus.model.treaty import (
        Conditions,
        DatedFact,
        Direction,
        Membership,
        Provision,
        Scope,
        Source,
        Treaty,
    )
    from casus.reasoner import Scenario, obligations_on

    src = ["s"]
    on = date(1900, 1, 1)

    def prov(article, kind, obligor, to, **kw):
        return Provision(article=article, kind=kind, strength="discretionary"
                         if kind == "offense" else "abstention", text=article,
                         text_status="coded", directions=[Direction(obligor=obligor,
                                                                    beneficiary=to)],
                         scope=Scope(anywhere=True), sources=src, **kw)

    t = Treaty(schema_version=1, id="pact", title="Pact", summary="A test pact.",
               signed=DatedFact(date=on, sources=src),
               in_force=DatedFact(date=on, sources=src),
               members=[Membership(state=s, joined=on, sources=src) for s in ("FRA", "ITA")],
               provisions=[prov("1", "offense", "ITA", "FRA", trigger="state_of_war",
                                conditions=Conditions()),
                           prov("2", "non_aggression", "FRA", "ITA")],
               sources={"s": Source(publisher="test", title="test")})
    reg = Registry({"pact": t})
    # France attacks Spain: Italy's offence pledge to France is engaged
    a = obligations_on(Scenario.single(date="1910-05-01", attackers=["FRA"], target="ESP"), reg)
    (o,) = a.obligations
    assert (o.obligor, o.beneficiary, o.verdict) == ("ITA", "FRA", "triggered")
    assert o.beneficiary_role == "attacker" and o.activation == "activated"
    # France attacks Italy: France breaks its non-aggression pledge
    a = obligations_on(Scenario.single(date="1910-05-01", attackers=["FRA"], target="ITA"), reg)
    broken = [o for o in a.obligations if o.kind == "non_aggression"]
    assert [(o.obligor, o.verdict, o.activation) for o in broken] == [
        ("FRA", "triggered", "breached")]


def test_rio_denunciations_take_effect_by_article_25() -> None:
    """Venezuela's notice of 14 May 2013 took effect two years later; the states that only
    announced denunciation on 5 Jun 2012 were certainly bound until 5 Jun 2014."""
    for when, verdict in (("2014-01-15", "triggered"), ("2016-01-15", "not_triggered")):
        s = Scenario.single(date=when, attackers=["COL"], target="VEN")
        brazil = obligations_on(s, REGISTRY).find("rio-1947", "3(1)", "BRA")
        assert [o.verdict for o in brazil] == [verdict], when
    assert "notice received 2013-05-14" in " ".join(brazil[0].reasons)
    bolivia = Scenario.single(date="2014-01-15", attackers=["CHL"], target="BOL")
    assert {o.verdict for o in obligations_on(bolivia, REGISTRY).find("rio-1947", "3(1)")
            if o.obligor == "PER"} == {"triggered"}


def test_a_plain_name_that_is_no_state_is_a_non_state_actor_and_said_so() -> None:
    """`--attacker ISIL` is what people type: read as a non-state actor, with a note; a name
    holding a state's name with other words stays an error (ambiguous, not non-state)."""
    event = event_from_text("ISIL", "BEL", "2016-03-22")
    assert event.non_state_only and any("read as a non-state actor" in n for n in event.notes)
    forced = event_from_text("Russia", "EST", "2026-01-01", non_state=True)
    assert forced.non_state_only
    with pytest.raises(UnknownNameError) as e:
        event_from_text("Not Russia", "EST", "2026-01-01")
    assert "other words" in e.value.message and "non-state:NAME" in e.value.message
    with pytest.raises(UnknownNameError) as e:  # a typo of a state is refused, not non-state
        event_from_text("Rusia", "EST", "2026-01-01")
    assert any("RUS" in x for x in e.value.suggestions)


def test_a_definition_counting_non_state_actors_cannot_sit_with_a_state_only_attacker() -> None:
    """'attacker: state' and a definition that counts non-state actors contradict each other."""
    from pydantic import ValidationError

    from casus.model.treaty import Conditions
    with pytest.raises(ValidationError, match="contradicts"):
        Conditions(attacker="state", non_state_defined={
            "article": "1(c)", "quote": "by ... non-State actor(s)", "sources": ["x"]})


def test_the_communist_regime_list_is_dated_sourced_and_ends_where_the_source_ends_it() -> None:
    """registry/regimes.yaml: five states are communist-ruled today (the source's own count),
    the USSR's spell ends with the USSR, and no state has two spells at once."""
    from casus.model.regimes import regimes

    communist = regimes()["communist"]
    today = date(2026, 1, 15)
    assert {s.state for s in communist.spells if s.covers(today)} == {
        "CHN", "CUB", "LAO", "PRK", "VNM"}
    assert communist.spell("SUN", date(1991, 12, 25)) and not communist.spell(
        "SUN", date(1991, 12, 26))
    for s in communist.spells:
        others = [o for o in communist.spells if o.state == s.state and o is not s]
        assert not any(o.covers(s.from_) for o in others), s.state
        assert s.to is None or s.from_ < s.to


@pytest.mark.parametrize(("where", "lat", "lon", "inside"), [
    ("Attu Island, past the antimeridian", 52.9, 173.2, True),
    ("the Commander Islands, west of 170°E", 55.2, 165.9, False),
    ("Honolulu, west of the 15°N 120°W - 50°N 170°E line", 21.3, -157.8, False),
    ("Pituffik, west of 10°W", 76.5, -68.7, True),
    ("the Azores, east of the 47°30'N 50°W - 35°N 60°W line", 38.7, -27.2, False),
    ("South Georgia, west of 24°W", -54.3, -36.5, True),
    ("Tristan da Cunha, east of 24°W", -37.1, -12.3, False),
    ("Easter Island, east of 90°W at 27°S", -27.1, -109.4, False),
    ("Galápagos, east of the 30°S 90°W - Equator 97°W line", -0.7, -90.3, True),
])
def test_the_rio_article_4_region_is_computed_from_its_rhumb_lines(where, lat, lon, inside):
    """The Rio Treaty's Art. 4 region, as recorded in the registry, judged point by point."""
    from casus.reasoner.scope import in_rhumb_polygon

    [area] = [a for p in REGISTRY.treaties["rio-1947"].provisions if p.article == "3(1)"
              for a in p.scope.areas if a.polygon]
    assert in_rhumb_polygon(lat, lon, area.polygon) is inside, where


def _verdicts(a, treaty: str, article: str, obligor: str) -> set[str]:
    return {o.verdict for o in a.find(treaty, article) if o.obligor == obligor}


def test_a_suspension_aimed_at_a_party_reaches_back_but_a_standing_opt_out_does_not() -> None:
    """VCLT Art. 60(2)(b): the party the suspension is aimed at may suspend in turn, so what it
    owes the suspending party is open (New Zealand toward the US under ANZUS since 1986); a
    state's opt-out toward every party (Moldova from the CIS's military field) leaves what the
    others owe it as written."""
    honolulu = obligations_on(Scenario.single(date="2026-01-15", attackers=["CHN"],
                                              target="USA", place="Honolulu"), REGISTRY)
    assert _verdicts(honolulu, "anzus-1951", "IV", "NZL") == {"uncertain"}
    assert _verdicts(honolulu, "anzus-1951", "IV", "AUS") == {"triggered"}
    before = obligations_on(Scenario.single(date="1985-01-15", attackers=["SUN"],
                                            target="USA", place="Honolulu"), REGISTRY)
    assert _verdicts(before, "anzus-1951", "IV", "NZL") == {"triggered"}
    chisinau = obligations_on(Scenario.single(date="2026-01-15", attackers=["RUS"],
                                              target="MDA", place="Chisinau"), REGISTRY)
    assert {o.verdict for o in chisinau.find("cis-1993", "12")
            if o.obligor == "BLR" and o.kind == "consultation"} == {"triggered"}


def test_a_member_barred_from_the_organisations_bodies_is_still_owed_its_aid() -> None:
    """Inter-American Democratic Charter Art. 21: Honduras, suspended from the OAS's bodies
    (2009-2011), stayed a member; Art. 28 still ran to it, and the answer says why."""
    a = obligations_on(Scenario.single(date="2010-06-01", attackers=["NIC"], target="HND"),
                       REGISTRY)
    (usa,) = [o for o in a.find("oas-1948", "28") if o.obligor == "USA"]
    assert usa.verdict == "triggered"
    assert any(r.rule == "suspension" and "Art. 21" in r.text for r in usa.checks)


def test_a_regime_limit_the_sources_dispute_beyond_leaves_other_attackers_open() -> None:
    """The 1959 US–Turkey agreement acts "as is envisaged in" the 1957 Joint Resolution
    (aggression from a nation controlled by international communism): the USSR's attack is
    inside it, Syria's is open — never excluded, as the SEATO understanding's would be."""
    soviet = obligations_on(Scenario.single(date="1962-10-27", attackers=["SUN"], target="TUR",
                                            place="Erzurum", request=True), REGISTRY)
    assert _verdicts(soviet, "usa-tur-1959", "I", "USA") == {"triggered"}
    syria = obligations_on(Scenario.single(date="2012-06-22", attackers=["SYR"], target="TUR",
                                           request=True), REGISTRY)
    (usa,) = [o for o in syria.find("usa-tur-1959", "I") if o.obligor == "USA"]
    assert usa.verdict == "uncertain"
    assert [r.rule for r in usa.decided_by] == ["reservation"]


def test_a_state_designated_for_an_article_is_owed_it_while_the_designation_holds() -> None:
    """The Protocol to the Manila Pact designated South Vietnam, Laos and Cambodia for Art. IV:
    owed without being parties, South Vietnam until 1975, Laos until its 1962 neutrality, and
    Cambodia, which never plainly accepted it, at most uncertain; no other article runs to them,
    and they owe nothing."""
    def seato(target: str, on: str, attacker: str = "VNM") -> list:
        a = obligations_on(Scenario.single(date=on, attackers=[attacker], target=target),
                           REGISTRY)
        return [o for o in a.obligations if o.treaty == "seato-1954"]

    rvn = seato("COW817", "1965-03-08")
    assert {o.article for o in rvn} == {"IV(1)", "IV(2)"}
    assert {o.verdict for o in rvn if o.obligor == "USA"} == {"triggered"}
    laos = seato("LAO", "1970-03-08")
    assert laos and {o.verdict for o in laos} == {"not_triggered"}
    assert all("beneficiary_party" in {r.rule for r in o.decided_by} for o in laos)
    assert {o.verdict for o in seato("LAO", "1961-03-08")} >= {"triggered"}
    assert {o.verdict for o in seato("KHM", "1958-03-08", "THA")
            if o.obligor == "AUS" and o.article == "IV(1)"} == {"uncertain"}
    invading = obligations_on(Scenario.single(date="1965-03-08", attackers=["COW817"],
                                              target="VNM"), REGISTRY)
    assert not [o for o in invading.obligations if o.treaty == "seato-1954"
                and o.obligor == "COW817"]


def test_an_unknown_entry_into_force_is_open_only_inside_the_window_the_sources_leave() -> None:
    """The Russia–Uzbekistan treaty of 2005: signed 14 Nov 2005, in force by 14 Nov 2010 on the
    sources' word, the day between unknown — an attack in 2008 is uncertain and says so, one in
    2026 reads the treaty in force."""
    def art2(on: str):
        a = obligations_on(Scenario.single(date=on, attackers=["AFG"], target="UZB"), REGISTRY)
        (o,) = [o for o in a.find("rus-uzb-2005", "2") if o.obligor == "RUS"]
        return o

    inside = art2("2008-06-01")
    assert inside.verdict == "uncertain"
    (why,) = [r for r in inside.decided_by if r.rule == "treaty_in_force"]
    assert "in force by 2010-11-14 at the latest" in why.text
    assert art2("2026-01-15").verdict == "triggered"


@pytest.mark.parametrize(("abroad", "verdict"), [(False, "not_triggered"), (None, "uncertain"),
                                                 (True, "triggered")])
def test_an_article_that_answers_only_an_external_attack_reads_the_attacks_origin(abroad,
                                                                                  verdict):
    # US-Korea Art. II: consult "whenever ... threatened by external armed attack"
    data = {"events": [{"date": "2027-08-03", "target": "KOR", "place": "Daegu",
                        "attackers": [{"name": "a militia", "non_state": True}],
                        "directed_from_abroad": abroad}]}
    art2 = obligations_on(scenario_from_data(data, "s.yaml", {}), REGISTRY).find(
        "usa-kor-1953", "II")
    assert [o.verdict for o in art2] == [verdict]
    assert "origin" in {r.rule for r in art2[0].checks}
    by_state = {"events": [{"date": "2027-08-03", "target": "KOR", "attackers": ["PRK"]}]}
    assert [o.verdict for o in obligations_on(scenario_from_data(by_state, "s.yaml", {}),
                                              REGISTRY).find("usa-kor-1953", "II")] == \
        ["triggered"]


def test_forces_attacked_in_the_norwegian_sea_are_in_the_north_atlantic_area():
    # a section of the North Atlantic (Britannica), grouped with the Arctic's seas by the IHO
    data = {"events": [{"date": "2026-09-24", "attackers": ["RUS"], "target": "USA",
                        "place": "Norwegian Sea", "on": "forces"}]}
    art5 = obligations_on(scenario_from_data(data, "s.yaml", {}), REGISTRY).find("nato-1949",
                                                                                "5")
    assert art5 and {o.verdict for o in art5} == {"triggered"}


def test_an_event_may_give_its_coordinates_as_a_point():
    """``point: "lat,lon"`` or ``[lat, lon]`` is the place given by coordinates; with a place
    beside it, or of another shape, the file is refused naming the field."""
    base = {"date": "2026-11-02", "attackers": ["PRK"], "target": "KOR", "on": "forces"}
    for point in ("34.75,129.15", [34.75, 129.15]):
        scenario = scenario_from_data({"events": [{**base, "point": point}]}, "s.yaml", {})
        assert scenario.events[0].place == "34.75,129.15"
        verdicts = {(o.article, o.verdict) for o in obligations_on(scenario).obligations
                    if o.treaty == "usa-kor-1953"}
        assert ("III", "not_triggered") in verdicts   # the Korea Strait is no party's territory
    for bad, said in (({"point": [34.75]}, "a point is 'lat,lon'"),
                      ({"point": "34.75,129.15", "place": "Busan"}, "not both")):
        with pytest.raises(DataError, match=r"events\[0\]\.point: .*" + said):
            scenario_from_data({"events": [{**base, **bad}]}, "s.yaml", {})


def test_an_event_at_sea_that_does_not_say_what_was_attacked_is_read_as_on_forces():
    """No state's territory lies at sea: an event at a point at sea, a sea or a submerged reef
    without ``on:`` is an attack on forces (with a note); ``on: territory`` said is kept, and
    an island (the Senkakus) stays territory."""
    base = {"date": "1968-01-23", "attackers": ["PRK"], "target": "USA"}
    read = scenario_from_data({"events": [{**base, "place": "39.42,127.91"}]}, "s.yaml", {})
    event = read.events[0]
    assert event.on == "forces" and "read as an attack on forces" in event.notes[-1]
    anzus = {o.verdict for o in obligations_on(read).obligations
             if (o.treaty, o.article) == ("anzus-1951", "IV")}
    assert anzus == {"triggered"}   # a public vessel in the Pacific (Art. V)
    said = scenario_from_data({"events": [{**base, "place": "39.42,127.91", "on": "territory"}]},
                              "s.yaml", {})
    assert said.events[0].on == "territory"
    for place, on in (("Iroquois Reef", "forces"), ("Sea of Japan", "forces"),
                      ("Senkaku Islands", "territory"), ("Busan", "territory")):
        ev = {"date": "2026-07-04", "attackers": ["CHN"], "target": "JPN", "place": place}
        assert scenario_from_data({"events": [ev]}, "s.yaml", {}).events[0].on == on, place
