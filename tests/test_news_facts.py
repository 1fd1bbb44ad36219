"""Facts the news reader uses that are data, not code: dated office holders and calendar names.

Leaders come from ``casus/news/data/office_holders.yaml`` (one dated, sourced entry per person
and office); month and weekday names come from CLDR through ``babel``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from casus.errors import DataError
from casus.news import read_article
from casus.news.actors import find_mentions, leader_actor
from casus.news.holders import DATA, load_office_holders, office_holders

GOOD = """\
schema_version: 1
holders:
  - person: Fumio Kishida
    names: [Kishida]
    office: Prime Minister of Japan
    state: JPN
    from: 2021-10-04
    to: 2024-10-01
    source: {publisher: Example, url: 'https://example.org/kishida'}
    confirmed: true
"""


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "holders.yaml"
    p.write_text(text, encoding="utf-8")
    return p


# --- leaders are mapped only within their terms ----------------------------------------------

def test_a_leader_named_in_an_article_dated_after_their_term_is_not_their_state():
    """'Biden' is the United States in 2023, nobody in an article of 2030."""
    then = read_article(" date 2023-05-10 Biden condemned the treaty that Russia and North "
                        "Korea signed.")
    later = read_article(" date 2030-05-10 Biden condemned the treaty that Russia and North "
                         "Korea signed.")
    assert "USA" in {r.actor for r in then.reactions}
    assert "USA" not in {r.actor for r in later.reactions}


def test_a_past_prime_minister_is_not_mapped_in_2026():
    assert leader_actor("Kishida", date(2023, 5, 10)) == "JPN"
    assert leader_actor("Kishida", date(2026, 3, 1)) is None
    assert [m.actor for m in find_mentions("Kishida said so.", date(2026, 3, 1))] == []


def test_one_person_speaks_for_whichever_office_they_hold_on_the_day():
    assert leader_actor("Rutte", date(2023, 1, 1)) == "NLD"
    assert leader_actor("Rutte", date(2025, 1, 1)) == "NATO"
    assert leader_actor("Stoltenberg", date(2020, 1, 1)) == "NATO"


def test_a_month_counts_when_any_day_of_it_lies_in_the_term():
    """Only the month known (`` date 2025-10``): Ishiba and Takaichi were both in office."""
    october = (date(2025, 10, 1), date(2025, 10, 31))
    assert leader_actor("Ishiba", october) == "JPN"
    assert leader_actor("Takaichi", october) == "JPN"
    assert leader_actor("Takaichi", (date(2025, 9, 1), date(2025, 9, 30))) is None


def test_without_an_article_date_leaders_are_read_as_of_today():
    today = date.today()
    assert leader_actor("Biden") == leader_actor("Biden", today)


def test_cyrillic_names_follow_the_terms_too():
    assert [m.actor for m in find_mentions("Путин заявил.", date(2024, 1, 1))] == ["RUS"]
    assert [m.actor for m in find_mentions("Байден заявил.", date(2030, 1, 1))] == []


# --- the office-holders file -----------------------------------------------------------------

def test_the_packaged_office_holders_load_and_every_term_is_sourced():
    terms = office_holders()
    assert len(terms) > 50
    assert all(t.source.url.startswith("http") and t.source.publisher for t in terms)
    assert all(t.end is None or t.start <= t.end for t in terms)
    assert all(t.confirmed or t.note for t in terms)


def test_no_name_stands_for_two_actors_on_the_same_day():
    """A name whose terms overlap for two actors would name neither; the data has none."""
    from itertools import combinations

    by_name: dict[str, list] = {}
    for t in office_holders():
        for n in t.names:
            by_name.setdefault(n, []).append(t)
    for name, terms in by_name.items():
        for a, b in combinations(terms, 2):
            if a.state != b.state:
                assert not a.covers(b.start, b.end or date.max), (name, a.office, b.office)


def test_a_valid_file_loads(tmp_path):
    (t,) = load_office_holders(_write(tmp_path, GOOD))
    assert (t.state, t.start, t.end) == ("JPN", date(2021, 10, 4), date(2024, 10, 1))


def test_error_a_bad_date_is_reported_with_file_line_and_field(tmp_path):
    path = _write(tmp_path, GOOD.replace("to: 2024-10-01", "to: 2024-13-45"))
    with pytest.raises(DataError) as e:
        load_office_holders(path)
    (p,) = e.value.problems
    assert (p.file, p.line, p.field) == (str(path), 8, "holders[0].to")
    assert "2024-13-45" in str(p) and "YYYY-MM-DD" in str(p)


def test_error_an_unknown_state_is_reported_with_file_line_and_field(tmp_path):
    path = _write(tmp_path, GOOD.replace("state: JPN", "state: Japan"))
    with pytest.raises(DataError) as e:
        load_office_holders(path)
    (p,) = e.value.problems
    assert (p.line, p.field) == (6, "holders[0].state")
    assert f"{path}:6: holders[0].state:" in str(e.value)


def test_error_every_problem_is_reported_at_once(tmp_path):
    text = (GOOD.replace("from: 2021-10-04", "from: 2025-10-04")   # ends before it starts
            .replace("state: JPN", "state: XXX")
            .replace("confirmed: true", "confirmed: false")         # no note
            .replace("https://example.org/kishida", "example.org"))
    with pytest.raises(DataError) as e:
        load_office_holders(_write(tmp_path, text))
    fields = sorted(p.field for p in e.value.problems)
    assert fields == ["holders[0].note", "holders[0].source.url", "holders[0].state",
                      "holders[0].to"]


def test_error_unknown_and_missing_fields_are_named(tmp_path):
    text = GOOD.replace("    office: Prime Minister of Japan\n", "    ofice: PM\n")
    with pytest.raises(DataError) as e:
        load_office_holders(_write(tmp_path, text))
    assert sorted(p.field for p in e.value.problems) == ["holders[0].office", "holders[0].ofice"]


def test_the_packaged_file_is_the_one_in_the_package():
    assert DATA.name == "office_holders.yaml" and DATA.parent.name == "data"


# --- month and weekday names come from CLDR (babel) ------------------------------------------

# Written as the hand-written tables read them before CLDR replaced them; each must still parse.
READ_BEFORE = {
    "en": [("November 7, 2023", "2023-11-07"), ("Nov. 7, 2023", "2023-11-07"),
           ("Sept. 15, 2024", "2024-09-15"), ("7 November 2023", "2023-11-07"),
           ("19 June 2024", "2024-06-19"), ("Dec 6, 2024", "2024-12-06")],
    "fr": [("7 novembre 2023", "2023-11-07"), ("15 févr. 2024", "2024-02-15"),
           ("3 déc. 2023", "2023-12-03"), ("12 juillet 2024", "2024-07-12"),
           ("1er août 2024", "2024-08-01"), ("19 juin 2024", "2024-06-19")],
    "es": [("7 de noviembre de 2023", "2023-11-07"), ("3 de setiembre de 2024", "2024-09-03"),
           ("5 dic 2023", "2023-12-05"), ("17 de enero de 2025", "2025-01-17"),
           ("2 de octubre del 2025", "2025-10-02")],
    "de": [("7. November 2023", "2023-11-07"), ("3. März 2024", "2024-03-03"),
           ("5. Okt. 2023", "2023-10-05"), ("3. Jän. 2024", "2024-01-03"),
           ("19. Juni 2024", "2024-06-19")],
    "ru": [("7 ноября 2023 года", "2023-11-07"), ("19 июня 2024", "2024-06-19"),
           ("1 мая 2024", "2024-05-01"), ("12 марта 2025", "2025-03-12"),
           ("29 января 2025 г.", "2025-01-29"), ("5 сентября 2024", "2024-09-05")],
}


@pytest.mark.parametrize("language", sorted(READ_BEFORE))
def test_month_names_from_cldr_parse_the_dates_the_old_tables_parsed(language):
    from casus.news.dates import parse_date_text

    for text, expected in READ_BEFORE[language]:
        assert str(parse_date_text(text)) == expected, text


@pytest.mark.parametrize("locale", ["en", "fr", "es", "de", "ru"])
def test_every_date_cldr_writes_in_five_languages_is_read_back(locale):
    """CLDR's own long and medium forms ("5 янв. 2024 г.", "5 avr. 2024") parse to the date."""
    from datetime import timedelta

    from babel.dates import format_date

    from casus.news.dates import parse_date_text

    for k in range(0, 366, 5):
        d = date(2024, 1, 1) + timedelta(days=k)
        for width in ("long", "medium"):
            text = format_date(d, width, locale=locale)
            assert parse_date_text(text) == d, text


def test_weekdays_read_in_five_languages_including_the_russian_accusative():
    from casus.news.dates import find_dates

    friday = date(2024, 12, 6)
    for text in ["on Friday", "vendredi", "el viernes", "am Freitag", "в пятницу", "пятница",
                 "в среду", "el miercoles"]:
        (dm,) = find_dates(text, date(2024, 12, 8))
        assert dm.kind == "weekday" and dm.value.weekday() == (2 if "ред" in text
                                                               or "mierc" in text else 4), text
    assert find_dates("on Friday", date(2024, 12, 8))[0].value == friday


def test_cldr_abbreviations_that_are_english_words_are_no_months():
    from casus.news.dates import find_dates

    for text in ["two years ago 5,000 troops left", "the treaty set 5 goals"]:
        assert [d for d in find_dates(text, date(2024, 8, 20)) if d.kind != "year"] == [], text
