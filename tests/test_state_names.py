"""State names resolve honestly: an exact name, a documented alias, a code, or a near miss that
is unambiguous by a stated rule — never a different state, never text with other words."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from casus.cli import app
from casus.errors import UnknownNameError
from casus.model.states import _names, _norm, aliases, resolve_state, state_code

runner = CliRunner()
NAMES = sorted(_names()[0].items())


@pytest.mark.parametrize(("query", "code"), [
    ("N. Korea", "PRK"), ("N Korea", "PRK"), ("Nort Korea", "PRK"), ("DPRK", "PRK"),
    ("S. Korea", "KOR"), ("Korea, South", "KOR"), ("Burma", "MMR"),
    ("Russian Empire", "RUS"), ("Ottoman Empire", "TUR"), ("Prussia", "DEU"),
    ("Soviet Union", "SUN"), ("Guinea Bisau", "GNB"), ("Untied States", "USA"),
    ("the Netherlands", "NLD"), ("Cote d'Ivoire", "CIV"), ("South Sudan", "SSD"),
])
def test_names_aliases_and_unambiguous_near_misses(query: str, code: str) -> None:
    assert state_code(query) == code


@pytest.mark.parametrize(("query", "words"), [
    ("Not Russia", "other words"),
    ("Russia; DROP TABLE", "other words"),
    ("South Sudan or Sudan", "more than one state"),
    ("Russia and Ukraine", "more than one state"),
    ("Korea", "unknown"),          # North or South: ambiguous, not guessed
    ("Nigeri", "unknown"),         # Nigeria or Niger: too close to call
    ("", "unknown"),
])
def test_error_text_that_is_not_one_state_is_refused(query: str, words: str) -> None:
    with pytest.raises(UnknownNameError, match=words) as e:
        resolve_state(query)
    assert e.value.exit_code == 2


def test_error_refusals_offer_did_you_mean() -> None:
    with pytest.raises(UnknownNameError) as e:
        resolve_state("Not Russia")
    assert e.value.suggestions[0] == "RUS (Russia)"
    with pytest.raises(UnknownNameError) as e:
        resolve_state("South Sudan or Sudan")
    assert set(e.value.suggestions) == {"SSD (South Sudan)", "SDN (Sudan)"}


@pytest.mark.parametrize("target", ["N. Korea", "N Korea", "Nort Korea"])
def test_cli_target_north_korea_is_north_korea_not_south(target: str) -> None:
    result = runner.invoke(app, ["obligations", "--attacker", "USA", "--target", target,
                                 "--date", "2024-12-05", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"target": "PRK"' in result.output


@pytest.mark.parametrize("target", ["Not Russia", "Russia; DROP TABLE", "South Sudan or Sudan"])
def test_error_cli_refuses_text_that_is_not_one_state(target: str) -> None:
    result = runner.invoke(app, ["obligations", "--attacker", "USA", "--target", target,
                                 "--date", "2024-12-05"])
    assert result.exit_code == 2 and "Did you mean" in result.output


def test_every_alias_resolves_to_its_state() -> None:
    for alias, code in aliases().items():
        assert state_code(alias) == code, alias


@pytest.mark.parametrize(("name", "code"), NAMES, ids=[n for n, _ in NAMES])
def test_every_name_resolves_to_its_own_state(name: str, code: str) -> None:
    """Rule: an exact name (after folding case, accents and punctuation) is that state."""
    assert state_code(name) == code


def _variant(name: str, how: int) -> str:
    return [name.upper(), name.title(), f"  {name}  ", f"the {name}", name.replace(" ", "  "),
            name + "."][how]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(NAMES), st.integers(0, 5))
def test_property_a_common_variant_never_names_another_state(item, how) -> None:
    """Rule: case, spacing, a leading "the" or a final full stop never change the state."""
    name, code = item
    assert state_code(_variant(name, how)) == code


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([(n, c) for n, c in NAMES if len(n) >= 6]), st.data())
def test_property_a_typo_resolves_to_the_same_state_or_is_refused(item, data) -> None:
    """Rule: a near miss resolves only to the state it misses (or not at all), unless the typo
    happens to spell another state's exact name."""
    name, code = item
    i = data.draw(st.integers(0, len(name) - 1))
    op = data.draw(st.sampled_from(["drop", "double", "swap"]))
    if op == "drop":
        typo = name[:i] + name[i + 1:]
    elif op == "double":
        typo = name[:i] + name[i] + name[i:]
    else:
        typo = name[:i] + name[i + 1:i + 2] + name[i:i + 1] + name[i + 2:]
    if _norm(typo) in _names()[0]:
        return  # the typo is itself an exact name
    try:
        got = state_code(typo)
    except UnknownNameError:
        return
    assert got == code, (name, typo, got)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(NAMES),
       st.sampled_from([" or ", " and ", ", ", " vs "]))
def test_property_text_naming_two_states_never_resolves(a, b, joiner) -> None:
    """Rule: text that names two different states is refused, not resolved to either."""
    if a[1] == b[1] or _norm(a[0]) in _norm(b[0]) or _norm(b[0]) in _norm(a[0]):
        return
    with pytest.raises(UnknownNameError):
        resolve_state(a[0] + joiner + b[0])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from(["not", "drop table", "invade", "xx"]))
def test_property_a_name_with_other_words_never_resolves(item, word) -> None:
    name, _ = item
    with pytest.raises(UnknownNameError):
        resolve_state(f"{word} {name}")
