"""Reading the news: events, reactions and claim checks, measured on labelled articles.

The development set (``shared/data/news-dev``, six real articles) is read from the shared folder
and skipped with a printed reason when it is absent; the fixtures in ``tests/fixtures/news`` are
self-written articles in five languages (``blind/`` was labelled before the reader first ran on
it). Thresholds are what the reader reaches, with room for the registry to grow.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
import yaml

from casus.errors import InputError
from casus.news import ArticleReading, read_article
from casus.news.clean import MAX_INPUT_CHARS
from casus.news.evaluate import evaluate
from casus.views import to_text as render_text
from conftest import SHARED, needs_shared

FIXTURES = Path(__file__).parent / "fixtures" / "news"
DEV = SHARED / "data" / "news-dev"
SEED = SHARED / "seed" / "000_79d6bd2e27eacd37.txt"


@pytest.fixture(scope="module")
def seed() -> ArticleReading:
    if not SEED.exists():
        pytest.skip(f"seed article not found at {SEED}")
    return read_article(SEED.read_bytes())


def _offsets_hold(r: ArticleReading) -> None:
    for item in [*r.events, *r.reactions, *r.claims]:
        ev = item.evidence
        assert r.text[ev.start: ev.end] == ev.text


# --- measured quality ------------------------------------------------------------------------

@needs_shared("data", "news-dev", "labels.yaml")
def test_the_dev_set_is_read_with_high_precision_and_recall():
    result = evaluate(DEV)
    print(result.summary(), result.misses)
    assert result.events.precision >= 0.85 and result.events.recall >= 0.85
    assert result.reactions.precision >= 0.8 and result.reactions.recall >= 0.8


def test_self_written_articles_in_five_languages_are_read():
    result = evaluate(FIXTURES)
    print(result.summary(), result.misses)
    assert result.events.precision >= 0.85 and result.events.recall >= 0.85
    assert result.reactions.precision >= 0.85 and result.reactions.recall >= 0.85


def test_articles_labelled_before_the_first_run_are_read():
    result = evaluate(FIXTURES / "blind")
    print(result.summary(), result.misses)
    assert result.events.precision >= 0.8 and result.events.recall >= 0.8
    assert result.reactions.precision >= 0.8 and result.reactions.recall >= 0.6


def _reads_every_label(folder: Path) -> None:
    """A folder of self-written articles is read exactly as labelled: events and reactions at
    precision and recall 1.0 (the misses printed when not)."""
    result = evaluate(folder)
    print(result.summary(), result.misses)
    assert result.events.precision == 1.0 and result.events.recall == 1.0
    assert result.reactions.precision == 1.0 and result.reactions.recall == 1.0


def test_phenomena_missed_on_held_out_articles_are_read():
    """Self-written articles modelled on what real held-out articles showed the reader missing
    (each failed before the fix; see docs/news.md, "Held-out-style articles")."""
    _reads_every_label(FIXTURES / "heldout-phenomena")


def test_phenomena_missed_on_blind_batches_e_and_f_are_read():
    """Self-written articles modelled on what the blind real-article batches E and F showed
    the reader missing: a request named by its requester ("at Lithuania's request"), an article
    cited in Roman numerals, a parliament approving another state's accession, "the three
    leaders signed", a postposed adjective ("missiles biélorusses"), states compared with
    ("similar agreements Japan has with"), a concessive clause, a capital after a locative
    preposition, "today" inside a quotation, the state after an event noun ("l'adhésion de la
    Suède"). Each file failed before the rule that reads it."""
    _reads_every_label(FIXTURES / "phenomena-ef")


def test_phenomena_missed_on_blind_batch_h_are_read():
    """Self-written articles modelled on what blind batch H showed missing: the Spanish noun
    "denuncia al Tratado", an entry "into the implementation phase", an outcry from several
    states at once, a ruling body named by the state it rules ("qui dirige le Tchad"), the
    Russian genitive possessor of an event noun and a promised response as a threat. Each
    failed before the rule that reads it."""
    _reads_every_label(FIXTURES / "phenomena-h")


def test_phenomena_missed_on_blind_batches_i_and_j_are_read():
    """Self-written articles modelled on what the blind real-article batches I and J showed the
    reader missing: states in a subordinate clause after a signing ("as", "alors que") are no
    signatories; a "similar"/"entsprechendes" agreement signed with others is another treaty;
    "firmado por ... ambos países" names the treaty's two states; "approved a similar bill" is
    the same ratification by another state; notes exchanged "for the entry into force" do not
    date it; conditions ("if they sign") and likelihoods ("would invoke") are no events;
    "iniciaron consultas", "initiated consultations" request them; a condemning predicate ("...
    are unacceptable") makes its subject the target; "the official representative of the
    Russian Foreign Ministry" speaks for Russia; a "Кабмин" approval ratifies nothing; "den
    Beitritt beantragt" is an application; a German "Stand:" line dates the page only; a
    leader or spokesperson by surname; "response measures", "un error" condemn; a headline's
    topic before a colon acts for nobody; "Northern Ireland" is the UK; announcing new sites
    under an agreement is a statement; the state a criticism is about ("provocations from X",
    "la guerre en X"), the one backed ("hinter X"), a dateline's place and states inside quoted
    speech do not react; "urged X to reject" is concern; a purchase deal is no treaty; "signed
    into law"; a day after or inside another clause or trigger is not the event's; new
    guidelines, a pact "announced between", "erneut zugesichert" are statements; "se ha
    convertido en miembro"; a dateline's capital; a legislature after its verb. Each file
    failed before its rule."""
    _reads_every_label(FIXTURES / "phenomena-ij")


def test_phenomena_missed_on_blind_batches_k_and_l_are_read():
    """Self-written articles modelled on the kinds blind batches K and L showed: "the two
    countries" signing beside a third state, a passive agent list ("signed by ... of A and B,
    C was mentioned"), a counted agent or possessor ("by the three Balkan states", "der drei
    baltischen Staaten"), a speaker's report at the signing ("stated that Russia ..."), a
    one-state signing completed by the pair named next to it, a capital after "in/à" and a
    state word after "for a" as no acting state, the authors of a statement ("from/von A and
    B") as no critics, an arms race or calling a pact a threat as condemnation (en/fr/es/de/ru),
    sealing verbs (besiegeln, scellé, sellaron, скрепили) and "diera luz verde", the French passé
    simple and "venait d'en devenir membre" after a dash insert, an absolute participle ("la
    Turquie ayant levé son véto"), a treaty named by its parties after the trigger, support
    sought or thanked for, disapproval idioms ("voit d'un mauvais œil", "ve con malos ojos").
    Each file failed before its rule (the folder on the reader before: events P 0.48 / R 0.43,
    reactions 0.00 / 0.00)."""
    _reads_every_label(FIXTURES / "phenomena-kl")


def test_phenomena_missed_on_blind_batches_m_and_n_are_read():
    """Self-written articles modelled on the reaction kinds blind batches M and N showed: the
    speaker of reported speech after the cue ("..., X's spokeswoman said", "..., a déclaré le
    porte-parole du ministère turc") or before it ("said that the Canadian withdrawal ..."), a
    pronoun speaker ("he said", "He stressed that") standing for the state the sentence before
    names, harm to security or relations as condemnation ("undermines security", "socava la
    seguridad", "Sicherheit untergräbt", "деструктивный", "разрушает отношения"), a hedged charge
    ("could undermine") and irritation ("bristled", "irritée") as concern, support asked of
    states ("asking France and Germany for support", "pedir a Francia su apoyo") as nobody's,
    a demonym naming an act ("Chinese aggression") as no endorser, acceptance without judgement
    as neutral ("sovereign choice", "суверенный выбор", "sees no problem", "Garantien fordern"),
    a headline reacting to the event it names by an unknown acronym; "became members" and a
    state adjective after "former"/"ex-" (no party); "a spokesman for the Chinese ministry".
    Each file failed before its rule (the folder on the reader before: reactions P 0.14 /
    R 0.06)."""
    _reads_every_label(FIXTURES / "phenomena-mn")


def test_party_and_date_kinds_of_blind_batches_o_to_r_are_read():
    """Self-written articles modelled on the event-party, type and date kinds blind batches O-R
    showed: a signing's coordinated subject across titles ("the Danish prime minister and the
    Estonian president") signs even when a stance word names it ("formalizing Denmark's
    support"); states in a quotation or in a relative clause on the treaty (", dans lequel ...")
    are no parties; "the withdrawal of Chad and Niger" and "les ministres du Tchad et du Niger"
    give both; "A and B signed agreements with C" is one signing per pair; "el Acuerdo entre el
    Gobierno de la URSS y el Gobierno de la República Portuguesa, firmado" names its signatories;
    the registry constrains a signing ("a new pact" of two of ANZUS's parties, "the Australia-US
    deal"); a one-party signing takes the state the treaty is "with"; "NATO allies sign" as
    NATO; a decree "signed by", an approved termination, a commitment to ratify; the event's
    own vague time over a weekday of the report, a "Published on:" stamp over a bare date line.
    Each file failed before its rule (the folder on the reader before: events P 0.19 /
    R 0.22)."""
    _reads_every_label(FIXTURES / "phenomena-or")


def test_phenomena_missed_on_blind_batch_g_are_read():
    """Self-written articles modelled on what the blind real-article batch G showed the reader
    missing: a party denouncing "its agreement with X" (a withdrawal, not a criticism) and the
    agreement "signed with X" (by both), a date that names the treaty ("l'accord ... du 3 mars
    2015"), ending or renouncing a treaty ("beendet", "ended", "renunció al tratado"),
    disappointment as concern, an appeal to an alliance's members for help (an invocation), a
    dateline without a year, "greenlit the pact", a pronoun object ("es ... unterzeichnet",
    "signed it") with German „...“ quotes and "sein ungarischer Kollege", an entry into force
    "after its ratification", a passive forecast ("будет заключен"), "signing documents", "the
    bill comes into force", "what would invoke the treaty". Each
    file failed before the rule that reads it (the folder on the reader before: events P 0.33 /
    R 0.28, reactions 0.00 / 0.00)."""
    _reads_every_label(FIXTURES / "phenomena-g")


def test_the_peoples_republic_of_china_is_china_not_taiwan():
    """countrycode's "Republic of China" (Taiwan) must not take the tail of China's full name."""
    from casus.news.actors import find_mentions

    text = "the People's Republic of China's provocative actions; the People’s Republic of China"
    assert [m.actor for m in find_mentions(text, None)] == ["CHN", "CHN"]


def _events(text: str) -> list[tuple]:
    return sorted((e.type, tuple(sorted(e.parties)), str(e.date) if e.date else None)
                  for e in read_article(text).events)


def test_a_sea_named_after_a_state_is_a_place_not_a_party():
    got = _events("Japan and the Philippines signed a reciprocal access agreement on Monday amid "
                  "tensions in the South China Sea. Beijing criticised the pact.")
    assert all("CHN" not in parties for _, parties, _ in got)
    assert ("signing", ("JPN", "PHL"), None) in got


def test_a_bill_to_allow_a_state_to_join_is_a_ratification_not_an_accession():
    got = _events(" date 2023-03-31 Turkey's parliament approved a bill on Thursday to allow "
                  "Finland to join NATO.")
    assert got == [("ratification", ("TUR",), "2023-03-30")]


def test_an_application_to_join_is_no_accession():
    assert _events("Finland's application to join NATO was filed in May.") == []
    assert all(t != "accession"
               for t, _, _ in _events("Турция одобрила заявку Финляндии на вступление в НАТО."))


def test_dates_anchored_by_the_text_itself():
    # a weekday next to a full date of that weekday; a day and month after a dated clause
    got = _events("Moscow, Dec. 6, 2024. Russia and Belarus on Friday signed a treaty on security "
                  "guarantees.")
    assert ("signing", ("BLR", "RUS"), "2024-12-06") in got
    # day-first slash dates outside English
    fr = _events("Reuters, 09/05/2025 à 18:50.\nLa France et la Pologne ont signé vendredi un "
                 "traité d'amitié à Nancy.")
    assert ("signing", ("FRA", "POL"), "2025-05-09") in fr
    # a month-only marker dates a day and month in that month
    de = _events(" date 2024-03 Ungarns Parlament hat am 26. Februar den Nato-Beitritt Schwedens "
                 "ratifiziert.")
    assert ("ratification", ("HUN",), "2024-02-26") in de


def test_the_participle_according_is_not_a_treaty_noun():
    from casus.news.actors import find_mentions
    from casus.news.read import _index_of, _registry
    from casus.news.treaties import find_treaty_mentions

    text = "According to the ministry, the accord was signed."
    tms = find_treaty_mentions(text, find_mentions(text), _index_of(_registry(None)), None)
    assert [t.text.casefold() for t in tms] == ["accord"]


# --- the missing kinds of issue 13 (each fixture failed before its rule) ----------------------

def _as_labelled(name: str) -> None:
    """The reader's events (type, parties, date, role) and reactions equal the fixture's labels."""
    labels = yaml.safe_load((FIXTURES / "heldout-phenomena" / "labels.yaml").read_text("utf-8"))
    item = next(i for i in labels if i["file"] == name)
    r = read_article((FIXTURES / "heldout-phenomena" / name).read_bytes())
    got = sorted((e.type, tuple(sorted(e.parties)), str(e.date) if e.date else None, e.role)
                 for e in r.events)
    want = sorted((e["type"], tuple(sorted(e["parties"])), str(e["date"]) if e["date"] else None,
                   e["role"]) for e in item["events"])
    assert got == want
    assert sorted((x.actor, x.stance) for x in r.reactions) == sorted(
        (x["actor"], x["stance"]) for x in item["reactions"])


@pytest.mark.parametrize("name", ["en-dateline-relative-dates.txt",
                                  "fr-dateline-relative-dates.txt"])
def test_dates_resolve_against_the_dateline_and_the_date_given_before(name):
    # "MINSK, March 5, 2025 (Agency) -" dates "on Tuesday"; "on December 6" is the latest
    # December 6 before the article; "the same day" is the date of the sentence before
    _as_labelled(name)


@pytest.mark.parametrize("head", ["MINSK, March 5, 2025 (Agency) -", "March 5, 2025",
                                  "Updated: March 5, 2025 10:32 GMT",
                                  "Minsk, Wednesday, March 5, 2025 –"])
def test_a_dateline_dates_the_article(head):
    r = read_article(f"Pact signed\n\n{head}\nRussia and Belarus signed a security treaty on "
                     "Tuesday.")
    assert str(r.article.date) == "2025-03-05"
    assert [(e.type, str(e.date)) for e in r.events] == [("signing", "2025-03-04")]


def test_a_date_opening_a_sentence_is_no_dateline():
    r = read_article("Pact signed\n\nOn March 5, 2025 the talks ended.\nRussia and Belarus "
                     "signed a security treaty on Tuesday.")
    assert r.article.date is None and r.events[0].date is None


@pytest.mark.parametrize(("text", "day"), [
    (" date 2025-03-05 Russia ratified the treaty on February 18. Belarus ratified the treaty two "
     "days later.", "2025-02-20"),
    (" date 2025-03-05 La Russie a ratifié le traité le 18 février. La Biélorussie a ratifié le "
     "traité le lendemain.", "2025-02-19"),
    (" date 2025-03-05 Russland hat den Vertrag am 18. Februar ratifiziert. Belarus ratifizierte "
     "den Vertrag zwei Tage später.", "2025-02-20"),
    (" date 2025-03-05 Россия ратифицировала договор 18 февраля. Белоруссия ратифицировала "
     "договор через два дня.", "2025-02-20")])
def test_days_later_count_from_the_date_given_before(text, day):
    assert ("ratification", ("BLR",), day) in _events(text)


def test_a_day_and_month_without_a_year_may_be_a_coming_day():
    got = _events(" date 2024-12-20 The security treaty between Japan and Australia will enter "
                  "into force on January 1.")
    assert ("entry_into_force", ("AUS", "JPN"), "2025-01-01") in got
    # nearer than a year before, and never further than a year back
    assert _events(" date 2024-06-20 Japan and Australia signed a treaty on 11 January.") == [
        ("signing", ("AUS", "JPN"), "2024-01-11")]
    # without the article's date, a full date in the sentences before dates it
    got = _events("Russia and North Korea signed the treaty on June 19, 2024. Both said the "
                  "treaty between Russia and North Korea entered into force on December 4.")
    assert ("entry_into_force", ("PRK", "RUS"), "2024-12-04") in got


@pytest.mark.parametrize("name", ["en-ratification-signing-background.txt",
                                  "de-ratification-signing-background.txt"])
def test_a_signing_named_in_an_article_about_a_ratification_is_background(name):
    _as_labelled(name)


@pytest.mark.parametrize("name", ["en-welcomed-accession.txt", "es-welcomed-accession.txt"])
def test_a_state_welcoming_an_accession_reacts_and_does_not_accede(name):
    _as_labelled(name)


@pytest.mark.parametrize("text", [
    " date 2024-03-08 Frankreich begrüßte den Beitritt Schwedens zur Nato.",
    " date 2024-03-08 Франция приветствовала вступление Швеции в НАТО.",
    " date 2024-03-08 La France a salué l'adhésion de la Suède à l'Otan.",
    " date 2024-03-08 Francia saludó la adhesión de Suecia a la OTAN."])
def test_a_state_welcoming_an_accession_in_german_russian_and_french(text):
    r = read_article(text)
    assert [(e.type, e.parties) for e in r.events] == [("accession", ["SWE"])]
    assert [(x.actor, x.stance) for x in r.reactions] == [("FRA", "support")]


@pytest.mark.parametrize("name", ["en-treaty-covers-statement.txt",
                                  "es-treaty-covers-statement.txt", "es-pact-announced.txt"])
def test_what_a_treaty_covers_and_an_announced_pact_are_statements_of_the_declaring_states(name):
    _as_labelled(name)


def test_an_announced_pact_is_a_statement_and_a_bare_description_is_none():
    assert _events(" date 2021-09-16 Australia, the United Kingdom and the United States "
                   "announced a new security pact on Wednesday.") == [
        ("statement", ("AUS", "GBR", "USA"), "2021-09-15")]
    # an announcement about the treaty is not the announcement of a pact
    assert _events(" date 2024-03-08 Russia announced on Tuesday that the treaty with North Korea "
                   "would go to parliament.") == []
    # nobody declares it: a description of the treaty, not a statement
    assert _events("The treaty between Japan and the United States covers the Senkaku "
                   "Islands.") == []
    # what a treaty covers is a place: "covers mutual assistance" describes it
    assert _events("Putin said the treaty covers mutual assistance in case of aggression.") == []


@pytest.mark.parametrize("name", ["en-intent-to-leave.txt", "es-intent-to-leave.txt"])
def test_an_intention_to_leave_is_a_statement_of_the_state_that_would_leave(name):
    _as_labelled(name)


@pytest.mark.parametrize(("text", "state"), [
    (" date 2024-06-13 Le Mali quittera la Cédéao, a annoncé mercredi la junte.", "MLI"),
    (" date 2024-06-13 Mali wird die Ecowas verlassen, erklärte die Junta am Mittwoch.", "MLI"),
    (" date 2024-06-13 Армения выйдет из ОДКБ, заявил в среду Пашинян.", "ARM")])
def test_an_intention_to_leave_in_french_german_and_russian(text, state):
    assert _events(text) == [("statement", (state,), "2024-06-12")]


def test_an_intended_signing_is_a_statement_dated_by_its_declaration_only():
    # "on Friday" is the day of the signing intended, not of a statement
    assert _events(" date 2024-06-13 Russia and North Korea will sign a treaty on Friday.") == [
        ("statement", ("PRK", "RUS"), None)]
    # "a sign" is no signing
    assert _events(" date 2024-06-13 The visit to the treaty's depositary was a sign of "
                   "warming ties between Russia and North Korea.") == []


def test_a_reaffirmed_commitment_is_the_statement_of_the_state_reaffirming_it():
    assert _events(" date 2025-02-27 U.S. Secretary of State Marco Rubio reaffirmed on Wednesday "
                   "that the 1951 Mutual Defense Treaty extends to armed attacks on Philippine "
                   "armed forces in the South China Sea.") == [
        ("statement", ("USA",), "2025-02-26")]
    # a treaty that "reaffirms" something declares nothing
    assert _events("The treaty also reaffirms both countries' respect for sovereignty.") == []


@pytest.mark.parametrize("name", ["en-article5-attacked-ally.txt",
                                  "fr-article5-attacked-ally.txt"])
def test_article_5_is_invoked_for_the_attacked_ally(name):
    _as_labelled(name)


@pytest.mark.parametrize("text", [
    " date 2001-09-13 Die Nato hat sich am Mittwoch nach den Anschlägen auf die USA auf Artikel 5 "
    "des Nordatlantikvertrags berufen.",
    " date 2001-09-13 Die Nato hat am Mittwoch nach den Anschlägen auf die USA erstmals den "
    "Bündnisfall ausgerufen.",
    " date 2001-09-13 НАТО в среду задействовала статью 5 Североатлантического договора после "
    "нападения на США.",
    " date 2001-09-13 The alliance's members on Wednesday invoked Article 5 of the North Atlantic "
    "Treaty at the United States' request."])
def test_article_5_is_invoked_for_the_attacked_ally_in_german_and_russian(text):
    assert _events(text) == [("invocation", ("USA",), "2001-09-12")]


@pytest.mark.parametrize("name", ["en-reactions-indirect.txt", "ru-reactions-indirect.txt"])
def test_indirect_criticism_and_praise_are_stances_of_the_speakers_only(name):
    _as_labelled(name)


def test_a_state_named_in_passing_or_without_comment_does_not_react():
    r = read_article(" date 2025-09-18 Saudi Arabia and Pakistan signed a defence pact on "
                     "Wednesday. Turkey, which has close ties with Iran, welcomed the agreement. "
                     "The US did not immediately comment on the pact.")
    assert [(x.actor, x.stance) for x in r.reactions] == [("TUR", "support")]


def test_monitoring_closely_and_calling_a_pact_a_mistake_are_stances():
    r = read_article(" date 2025-09-18 Saudi Arabia and Pakistan signed a defence pact on "
                     "Wednesday. India said it would closely monitor the agreement. Israel "
                     "called the pact a mistake.")
    assert [(x.actor, x.stance) for x in r.reactions] == [("IND", "concern"), ("ISR", "condemn")]


def test_the_agent_of_a_passive_step_is_the_acting_state():
    got = _events(" date 2024-12-08 The security treaty Russia proposed last year was ratified "
                  "by Belarus on Tuesday.")
    assert got == [("ratification", ("BLR",), "2024-12-03")]
    got = _events(" date 2024-12-08 Le traité que la Russie a proposé a été ratifié mardi par la "
                  "Biélorussie.")
    assert got == [("ratification", ("BLR",), "2024-12-03")]
    # not passive: the subject acts ("the protocol signed by Sweden" names the signatory)
    got = _events(" date 2024-03-08 Hungary ratified the accession protocol signed by Sweden on "
                  "Monday.")
    assert ("ratification", ("HUN",), "2024-03-04") in got


def test_denouncing_a_treaty_one_is_not_party_to_is_criticism_not_withdrawal():
    _as_labelled("fr-denounce-by-outsider.txt")


def test_the_original_parties_of_a_signed_treaty_do_not_react_to_its_signing():
    r = read_article("On May 15, 1992, Russia and Kazakhstan signed the Collective Security "
                     "Treaty in Tashkent. Armenia welcomed the treaty, and Turkey criticised it.")
    assert [(x.actor, x.stance) for x in r.reactions] == [("TUR", "condemn")]


# --- the seed article ------------------------------------------------------------------------

def test_the_seed_reports_the_2024_russia_dprk_signing_without_a_date(seed):
    signings = [e for e in seed.events if e.type == "signing"]
    assert [(e.treaty, sorted(e.parties), e.date) for e in signings] == [
        ("rus-prk-2024", ["PRK", "RUS"], None)]  # "recently concluded": no date in the text
    assert signings[0].role == "primary"


def test_the_seed_reactions_are_ukraine_nato_japan_against_and_korea_us_silent(seed):
    stances = {r.actor: r.stance for r in seed.reactions}
    assert stances["UKR"] in ("condemn", "concern")
    assert stances["NATO"] in ("condemn", "concern")
    assert stances["JPN"] in ("condemn", "concern")
    assert stances["KOR"] == "no_comment"
    assert stances["USA"] == "no_comment"
    assert set(stances) == {"UKR", "NATO", "JPN", "KOR", "USA"}


def test_the_seed_claim_that_the_1961_treaty_ended_in_1990_is_contradicted(seed):
    ended = [c for c in seed.claims if c.field == "ended"]
    assert len(ended) == 1
    c = ended[0]
    assert c.treaty == "sun-prk-1961" and c.stated == "1990" and c.verdict == "contradicted"
    assert c.registry is not None and c.registry.value.startswith("199")
    assert c.registry.certainty == "disputed" and "disputed" in c.explanation
    assert any(s["url"] for s in c.registry.sources)
    assert "dissolved in the year 1990" in c.evidence.text


def test_the_seed_claim_that_the_old_treaty_was_signed_in_1961_is_consistent(seed):
    signed = [c for c in seed.claims if c.field == "signed" and c.treaty == "sun-prk-1961"]
    assert signed and signed[0].verdict == "consistent"


def test_the_seed_boilerplate_does_not_leak(seed):
    for junk in ("Keep Reading", "Recent Posts", "Tags:", "uses cookies", "About Wrighter",
                 "TreeHouse", "Belarus"):
        assert junk not in seed.text
    actors = {r.actor for r in seed.reactions} | {p for e in seed.events for p in e.parties}
    assert not actors & {"BLR", "PAK", "IND", "GBR"}
    assert seed.article.title == "Russia and North Korea Sign Shocking Military Alliance Pact"
    assert seed.article.author == "Wrighter"


def test_evidence_offsets_point_into_the_cleaned_text(seed):
    _offsets_hold(seed)
    for f in sorted(FIXTURES.glob("*.txt")):
        _offsets_hold(read_article(f.read_bytes()))


def test_to_dict_is_plain_json_data(seed):
    import json

    d = seed.to_dict()
    json.dumps(d)
    assert set(d) == {"article", "events", "reactions", "claims", "warnings", "text"}
    assert set(d["events"][0]) >= {"type", "treaty", "parties", "date", "evidence", "role"}


def test_the_text_summary_names_events_reactions_and_verdicts(seed):
    out = render_text(seed)
    assert "signed rus-prk-2024" in out
    assert "CONTRADICTED" in out and "sun-prk-1961" in out
    assert "declines to comment" in out


# --- rules -----------------------------------------------------------------------------------

def test_a_weekday_resolves_only_against_the_article_date():
    undated = read_article("Russia and Belarus signed a security treaty on Friday in Minsk.")
    assert undated.events and undated.events[0].date is None
    dated = read_article(" date 2024-12-08 Russia and Belarus signed a security treaty on "
                         "Friday in Minsk.")
    assert str(dated.events[0].date) == "2024-12-06"


def test_a_day_and_month_without_a_year_is_no_date():
    r = read_article("The UK and Japan signed a defence agreement on 11 January in London.")
    assert r.events and r.events[0].date is None


def test_a_negated_ratification_is_no_event():
    r = read_article("The NATO countries never ratified the amended treaty.")
    assert not [e for e in r.events if e.type == "ratification"]


def test_signing_a_law_that_denounces_a_treaty_is_a_withdrawal_not_a_signing():
    r = read_article("On May 29, 2023, Russian President Vladimir Putin signed a law denouncing "
                     "the treaty.")
    assert [(e.type, e.parties, str(e.date)) for e in r.events] == [
        ("withdrawal", ["RUS"], "2023-05-29")]


def test_states_acting_together_are_all_parties_to_a_one_sided_event():
    r = read_article(" date 2022-02-24 Poland, Lithuania and Latvia requested Article 4 "
                     "consultations on Thursday, NATO said.")
    assert [(e.type, e.parties, str(e.date)) for e in r.events] == [
        ("consultation_request", ["POL", "LTU", "LVA"], "2022-02-24")]


def test_suspending_participation_is_a_suspension_even_without_a_treaty_noun():
    r = read_article(" date 2023-02-21 Moscow suspended its participation in New START on "
                     "Tuesday.")
    assert [(e.type, e.parties, str(e.date)) for e in r.events] == [
        ("suspension", ["RUS"], "2023-02-21")]


def test_a_parliament_approving_a_membership_bid_is_a_ratification():
    r = read_article(" date 2024-01-23 Turkey's parliament approved Sweden's NATO membership "
                     "bid on Tuesday.")
    assert [(e.type, e.parties, str(e.date)) for e in r.events] == [
        ("ratification", ["TUR"], "2024-01-23")]


def test_withdrawing_troops_is_not_leaving_a_treaty():
    r = read_article("The United States will withdraw 700 troops from Romania. Romanian "
                     "officials expressed concern.")
    assert r.events == [] and r.reactions == []


def test_a_quoted_article_is_checked_against_the_registry_text(seed):
    quotes = [c for c in seed.claims if c.field == "provision" and c.registry
              and c.registry.field.startswith("provisions[4]")]
    assert quotes and all(c.verdict == "consistent" for c in quotes)


# --- robustness ------------------------------------------------------------------------------

@pytest.mark.parametrize("data", ["", "   \n\t ", b"", b"\n\n"])
def test_error_empty_input_is_refused_clearly(data):
    with pytest.raises(InputError, match="empty"):
        read_article(data)


def test_error_binary_input_is_refused_clearly():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 10
    with pytest.raises(InputError, match="binary"):
        read_article(png)


def test_error_a_page_without_an_article_is_refused_clearly():
    page = ("<html><head><title>Login</title></head><body><nav><a href='/'>Home</a>"
            "<a href='/login'>Sign in</a></nav><script>var x = 1;</script></body></html>")
    with pytest.raises(InputError, match="no article text"):
        read_article(page)


def test_error_something_that_is_not_text_is_refused():
    with pytest.raises(InputError):
        read_article(12345)  # type: ignore[arg-type]


def test_non_utf8_bytes_are_decoded_with_a_warning():
    text = ("La Russie et l'Iran ont signé vendredi 17 janvier 2025 à Moscou un traité de "
            "partenariat stratégique global. L'Union européenne a exprimé sa préoccupation.")
    r = read_article(text.encode("cp1252"))
    assert any("not UTF-8" in w for w in r.warnings)
    assert [(e.type, sorted(e.parties)) for e in r.events] == [("signing", ["IRN", "RUS"])]


def test_html_is_cleaned_by_trafilatura_and_its_metadata_kept():
    html = (FIXTURES / "html" / "article.html").read_bytes()
    r = read_article(html)
    assert r.article.source_format == "html"
    assert r.article.author == "Jane Roe" and str(r.article.date) == "2024-06-19"
    assert "Recent Posts" not in r.text and "cookies" not in r.text
    assert [(e.type, sorted(e.parties), str(e.date)) for e in r.events] == [
        ("signing", ["PRK", "RUS"], "2024-06-19")]
    assert {(x.actor, x.stance) for x in r.reactions} == {("JPN", "concern")}


def test_a_10_mb_input_is_capped_and_read_in_reasonable_time():
    body = SEED.read_text(encoding="utf-8") if SEED.exists() else (
        "Russia and North Korea signed a treaty. Japan expressed concern.\n")
    big = (body * (10_000_000 // len(body) + 1))[:10_000_000]
    t0 = time.perf_counter()
    r = read_article(big.encode())
    elapsed = time.perf_counter() - t0
    assert elapsed < 20, f"10 MB took {elapsed:.1f} s"
    assert any(f"{MAX_INPUT_CHARS:,}" in w for w in r.warnings)


def test_a_10_mb_html_page_of_nested_markup_is_read_without_trafilatura():
    html = "<html><body><p>Russia and North Korea signed a pact.</p>" + "<div>x</div>" * 900_000
    t0 = time.perf_counter()
    r = read_article(html)
    assert time.perf_counter() - t0 < 20
    assert any("elements" in w for w in r.warnings)


@pytest.mark.parametrize("text", [
    "Treaty " + "of the Union of " * 6000,
    "Russia And North Korea Treaty Of Friendship " * 2500,
    "“" + "signed the pact. " * 6000,
    "signed treaty Russia Japan concern " * 20000,
    "A" * 200_000,
], ids=["long-name", "title-case", "open-quote", "trigger-soup", "one-word"])
def test_pathological_text_does_not_hang(text):
    t0 = time.perf_counter()
    with contextlib.suppress(InputError):  # refusing junk clearly is fine too
        read_article(text)
    assert time.perf_counter() - t0 < 15
