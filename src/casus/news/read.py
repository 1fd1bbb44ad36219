"""``read_article``: one article in, events, reactions and checked claims out."""

from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from casus.errors import InputError
from casus.news.actors import find_mentions
from casus.news.claims import check_claims
from casus.news.clean import clean
from casus.news.dates import dateline, find_dates
from casus.news.extract import (
    Context,
    EventCluster,
    find_events,
    find_reactions,
    merge,
    resolve_refs,
)
from casus.news.lexicon import ORGANISATIONS, STANCE_ORDER
from casus.news.model import Article, ArticleReading, Event, Evidence, Reaction
from casus.news.text import guess_language, split_sentences
from casus.news.treaties import RegistryIndex, TreatyRef, as_today, find_treaty_mentions

# What the signatories of a treaty are, when its text names only some of them.
_ALL_SIGNATORIES = ("signing", "entry_into_force", "statement")


def read_article(text_or_bytes: str | bytes, *, registry=None) -> ArticleReading:
    """Read a news article (HTML or plain text) about defence treaties.

    ``registry`` is a :class:`casus.model.registry.Registry`; by default the embedded one.
    Raises :class:`casus.errors.InputError` for empty, binary or article-free input; anything
    else it could only partly read is said in ``warnings``.

    >>> r = read_article("Russia and North Korea signed a new treaty on 19 June 2024.")
    >>> [(e.type, e.parties, str(e.date)) for e in r.events]
    [('signing', ['RUS', 'PRK'], '2024-06-19')]
    """
    cleaned = clean(text_or_bytes)
    text = cleaned.text
    warnings = list(cleaned.warnings)
    reg = _registry(registry)
    index = _index_of(reg)

    sentences = split_sentences(text)
    language = guess_language(text)
    dates = find_dates(text, cleaned.date, language, cleaned.month)
    line = dateline(text, dates)
    if line is not None:
        # "MINSK, March 5, 2025 (Agency) -": the dateline dates the article like its metadata,
        # and is the date of no event (with or without a year, with or without metadata)
        if cleaned.date is None and line.kind == "full":
            cleaned.date = line.value
            dates = find_dates(text, cleaned.date, language, cleaned.month)
        dates = [replace(d, kind="dateline") if d.start == line.start else d for d in dates]
    actors = find_mentions(text, _days_of(cleaned))
    tms = find_treaty_mentions(text, actors, index, cleaned.date)
    ctx = Context(text, sentences, actors, dates, tms, index, cleaned.date)

    mentions = find_events(ctx)
    main = resolve_refs(ctx, mentions)
    clusters = merge(mentions, main)
    events = _events(ctx, clusters, main)

    excluded = {p for e in events for p in e.parties} | set(ctx.counterparties)
    if main is not None and main.treaty_id and len(index.treaties[main.treaty_id].parties) <= 3:
        # the other party of a bilateral treaty is not a third party; members of a large
        # alliance reacting to one member's step are
        excluded |= set(index.treaties[main.treaty_id].parties)
    excluded |= _members(ctx, events, main)
    excluded |= _organisation_members(ctx, events)
    reactions = _reactions(ctx, excluded, {m.sentence.start for m in mentions if m.parties})
    main_parties = next((e.parties for e in events if e.role == "primary"), [])
    claims = check_claims(ctx, main, main_parties)

    if not events and not reactions and not claims:
        warnings.append("no treaty event, reaction or checkable claim found")
    article = Article(title=cleaned.title, author=cleaned.author, date=cleaned.date,
                      url=cleaned.url, language=language,
                      source_format=cleaned.source_format)
    return ArticleReading(article=article, events=events, reactions=reactions, claims=claims,
                          warnings=warnings, text=text)


def _members(ctx: Context, events: list[Event], main: TreatyRef | None) -> set[str]:
    """When the article's news is a joint act of a registry treaty (its signing, entry into
    force, a statement), its original parties and its members on that day are parties to it, not
    third parties reacting; one member's own step (an accession, a suspension) may draw the
    others' reactions."""
    lead = next((e for e in events if e.role == "primary"), None)
    if main is None or not main.treaty_id or lead is None or lead.type not in _ALL_SIGNATORIES \
            or lead.treaty != main.treaty_id:
        return set()
    t = ctx.index.treaties[main.treaty_id]
    on = lead.date or ctx.article_date
    members = {m.state for m in t.members if m.via == "original"}
    return members | (t.members_on(on) if on else set())


def _organisation_members(ctx: Context, events: list[Event]) -> set[str]:
    """An alliance acting as one party ("NATO nations sign ...") acts for its members: on
    the event's day they are parties, not third parties reacting."""
    out: set[str] = set()
    for e in events:
        for org in (p for p in e.parties if p in ORGANISATIONS):
            t = next((t for t in ctx.index.treaties.values() if org in t.short_names), None)
            on = e.date or ctx.article_date
            if t is not None and on is not None:
                out |= t.members_on(on)
    return out


def _days_of(cleaned) -> date | tuple[date, date] | None:
    """The days the article speaks of, for leaders' terms: its date, else its month (a
    `` date YYYY-MM`` marker), else None (today)."""
    if cleaned.date is not None:
        return cleaned.date
    if cleaned.month is not None:
        y, m = cleaned.month
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return None


def read_file(path: str | Path, *, registry=None) -> ArticleReading:
    """``read_article`` on a file's bytes; ``-`` is not handled here (the CLI reads stdin)."""
    from casus._yaml import read_bytes_bounded
    from casus.errors import DataError

    p = Path(path)
    try:  # a regular file, at most MAX_FILE_BYTES: never /dev/zero or a FIFO read forever
        data = read_bytes_bounded(p, MAX_FILE_BYTES, what="article")
    except DataError as e:
        raise InputError(e.problems[0].__str__()) from None
    return read_article(data, registry=registry)


#: The largest article file read (the reader keeps the first MAX_INPUT_CHARS characters).
MAX_FILE_BYTES = 20 * 1024 * 1024


_INDEXES: dict[int, tuple[object, RegistryIndex]] = {}


def _index_of(registry) -> RegistryIndex:
    """One name index per registry object (building it costs more than reading an article)."""
    hit = _INDEXES.get(id(registry))
    if hit is None or hit[0] is not registry:
        if len(_INDEXES) > 8:
            _INDEXES.clear()
        hit = _INDEXES[id(registry)] = (registry, RegistryIndex.build(registry))
    return hit[1]


def _registry(registry) -> object:
    """The caller's registry, or the embedded one (a broken registry is an error, not a hint)."""
    if registry is not None:
        return registry
    from casus.model.registry import load_registry

    return load_registry()


def _events(ctx: Context, clusters: list[EventCluster], main: TreatyRef | None) -> list[Event]:
    if not clusters:
        return []
    main_key = main.key if main is not None else clusters[0].ref.key if clusters[0].ref else ""
    keep = [c for c in clusters if (c.ref.key if c.ref else "") == main_key or c.date is not None]
    keep = [c for c in keep if not _denounced_by_outsider(ctx, c, clusters)]
    dated = [c.date for c in keep if c.date is not None]
    latest = max(dated) if dated else None
    ref_year = latest.year if latest else (ctx.article_date.year if ctx.article_date else None)
    out: list[Event] = []
    for c in keep:
        parties = list(c.parties)
        ref = c.ref
        if _another_pact(ctx, c):
            # "a security agreement signed by the United States and Australia": a name that
            # spells two of ANZUS's three parties, signed by those two, is another agreement
            ref = TreatyRef(key="other:" + ref.key, name=c.first.mention.text)
        if ref is not None and ref.treaty_id and c.type in _ALL_SIGNATORIES:
            t = ctx.index.treaties[ref.treaty_id]
            original = [m.state for m in t.members if m.via == "original"]
            original = list(dict.fromkeys(original)) or t.parties
            bridged = {("SUN" if p == "RUS" and "SUN" in original else p) for p in parties}
            # the registry's signatories when the text names them (and perhaps others in passing:
            # "signed ... after the strike on Qatar")
            # (a statement is the declaring states': "the US said its treaty with Japan covers")
            if len(original) <= 4 and ((bridged <= set(original) and c.type != "statement")
                                       or len(bridged & set(original)) >= 2):
                parties = original
        background = False
        if latest is not None and c.date is not None and (latest - c.date).days > 30:
            background = True
        if c.date is None and ref_year is not None:
            years = {y for y in c.years if y}
            if years and max(years) < ref_year:
                background = True
        s = c.first.sentence
        tid = ref.treaty_id if ref else None
        twin = next((e for e in out if e.type == c.type and e.treaty == tid
                     and set(e.parties) == set(parties)
                     and (e.date == c.date or e.date is None or c.date is None)), None)
        if twin is not None:  # two mentions that the registry's signatories make one event
            twin.mentions += c.count
            if twin.date is None and c.date is not None:
                twin.date = c.date
            continue
        out.append(Event(
            type=c.type, treaty=ref.treaty_id if ref else None,
            treaty_name=(ref.name if ref is not None and not ref.treaty_id else None),
            parties=parties, date=c.date, role="background" if background else "primary",
            evidence=Evidence(text=s.text, start=s.start, end=s.end), mentions=c.count))
    _signed_with(out, ctx.counterparties)
    _signed_by_one(out, ctx.counterparties)
    _earlier_steps(out, ctx.article_date)
    return out


def _another_pact(ctx: Context, c: EventCluster) -> bool:
    """Whether a signing that a name made of states ("the US-Australia deal") tied to a registry
    treaty is another agreement: a signing names all its signatories, and these are only some of
    the treaty's, in a year other than its signing's."""
    ref, tm = c.ref, c.first.mention
    if c.type != "signing" or ref is None or not ref.treaty_id or tm is None or len(ref.states) < 2:
        return False
    t = ctx.index.treaties[ref.treaty_id]
    original = as_today(m.state for m in t.members if m.via == "original")
    named = as_today(c.parties)
    signed = t.signed.known.year if t.signed.known else None
    return len(named) >= 2 and named < original and named <= as_today(ref.states) \
        and signed not in c.years and (c.date is None or c.date.year != signed)


def _signed_with(events: list[Event], counterparties: set[str]) -> None:
    """"les accords signés avec la France" in an article on Mali denouncing them: a signing that
    names only the state after "with" was signed by the state acting on the same treaty."""
    for e in events:
        if e.type != "signing" or e.treaty or not e.parties or not set(e.parties) <= counterparties:
            continue
        actors = [p for h in events if h is not e and h.treaty_name == e.treaty_name
                  and h.type in ("ratification", "withdrawal", "suspension")
                  for p in h.parties if p not in e.parties]
        if len(set(actors)) == 1:
            e.parties = [*e.parties, actors[0]]


def _signed_by_one(events: list[Event], counterparties: set[str]) -> None:
    """"the intelligence deal with Japan that Seoul scrapped ... The pact was signed in 2016
    until Seoul rescinded it": a signing needs two signatories; one that names only the state
    acting on the same treaty was signed with the one state the article says the treaty is
    "with"."""
    for e in events:
        if e.type != "signing" or len(e.parties) != 1:
            continue
        other = counterparties - set(e.parties)
        acts = any(h is not e and h.treaty == e.treaty and h.treaty_name == e.treaty_name
                   and h.parties == e.parties for h in events)
        if len(other) == 1 and acts:
            e.parties = [*e.parties, *other]


_DENOUNCE = re.compile(r"(?i)d[ée]non[cç]|denounc|denunci")


def _denounced_by_outsider(ctx: Context, c: EventCluster, clusters: list[EventCluster]) -> bool:
    """"Moscou a dénoncé un pacte dirigé contre la Russie": denouncing a treaty one is not party
    to (the registry's members, or the parties of the article's other events of it other than
    those named after "with") criticises it; only a party withdraws by denouncing."""
    if c.type != "withdrawal" or not _DENOUNCE.match(ctx.text, c.first.trigger_start):
        return False
    if c.ref is not None and c.ref.treaty_id:
        t = ctx.index.treaties[c.ref.treaty_id]
        members = {m.state for m in t.members} | set(t.parties)
    else:
        key = c.ref.key if c.ref is not None else ""
        members = {p for o in clusters if o is not c and (o.ref.key if o.ref else "") == key
                   for p in o.parties}
        # "son traité avec la France": a state named after "with" is the other side, so the
        # denouncer of a treaty with it is a party, not an outsider
        members -= ctx.counterparties
    bridge = {"SUN": "RUS"}
    members = {bridge.get(m, m) for m in members}
    return bool(members) and not {bridge.get(p, p) for p in c.parties} & members


# a treaty's steps in order: the signing comes before the ratifications, which come before the
# entry into force (or a state's accession)
_STAGE = {"signing": 0, "ratification": 1, "entry_into_force": 2, "accession": 2}


def _earlier_steps(events: list[Event], article_date: date | None) -> None:
    """An article about a ratification or an entry into force that mentions the signing reports
    the signing as background: an earlier step of the same treaty is background when the later
    step is the article's lead (its first event) or is dated after it (and not after the article),
    unless both fell on the same day."""
    if not events:
        return
    lead = events[0]
    for e in events:
        for h in events:
            if e is h or _STAGE.get(h.type, -1) <= _STAGE.get(e.type, 9) or \
                    (h.treaty, h.treaty_name) != (e.treaty, e.treaty_name):
                continue
            dated_after = h.date is not None and (e.date is None or e.date < h.date) and (
                article_date is None or h.date <= article_date)
            if (h is lead or dated_after) and not (e.date is not None and e.date == h.date):
                e.role = "background"
                break


def _reactions(ctx: Context, excluded: set[str], event_sentences: set[int]) -> list[Reaction]:
    best: dict[str, tuple[int, Reaction]] = {}
    for h in find_reactions(ctx, excluded, event_sentences):
        rank = STANCE_ORDER.index(h.stance)
        r = Reaction(actor=h.actor, stance=h.stance,
                     evidence=Evidence(text=h.sentence.text, start=h.sentence.start,
                                       end=h.sentence.end))
        if h.actor not in best or rank < best[h.actor][0]:
            best[h.actor] = (rank, r)
    order = sorted(best.values(), key=lambda x: x[1].evidence.start)
    return [r for _, r in order]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
