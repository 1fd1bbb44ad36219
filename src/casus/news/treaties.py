"""Treaty mentions in a text, and which registry treaty each one is.

Three kinds of mention:

* a registry name: a treaty's title or one of its ``short_names`` ("Pukpuk Treaty");
* a named treaty the registry may not hold: a treaty noun with capitalised or dated modifiers
  ("Treaty on Conventional Armed Forces in Europe (CFE)", "the 1961 Soviet–North Korean
  treaty"), whose acronym then counts as a mention too ("CFE");
* a generic one ("the pact", "a new treaty"), resolved later to the treaty under discussion.

A named mention is matched to the registry by its words (every content word of the mention is
in the treaty's title or a short name), or by its parties and year (the states it names equal a
treaty's parties, the Soviet Union standing for Russia, and a year it gives is the year of
signing). Nothing about any treaty is written in this module: everything comes from the registry
passed in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from casus.news import lexicon
from casus.news.actors import Mention
from casus.news.calendar_names import month_names, weekday_names

_NOUNS = sorted({n for n in lexicon.TREATY_NOUNS}, key=len, reverse=True)
# one noun, or a run of them ("Partnership Treaty"); never a participle ("according")
_NOUN_ONE = (r"(?:" + "|".join(re.escape(n) for n in _NOUNS)
             # German compounds: "Sicherheitsabkommen", "Freundschaftsvertrag"
             + r"|[A-ZÄÖÜ][a-zäöüß]{3,}(?:abkommen|vertrag|verträge|pakt|bündnis|übereinkommen))"
             + r"[a-zа-яё]{0,3}(?!\w)(?<!ing)")
_NOUN_RX = re.compile(r"(?<!\w)(" + _NOUN_ONE + r"(?:[ \t]+" + _NOUN_ONE + r")*)", re.IGNORECASE)
_RIGHT_LINK = {"of", "on", "for", "between", "de", "du", "des", "sur", "sobre", "über",
               "zwischen", "о", "об", "между", "del"}
_MID_LINK = {"and", "of", "the", "in", "on", "et", "de", "du", "des", "la", "y", "del", "und",
             "der", "и", "between", "for", "with"}
_STOP = {"the", "a", "an", "this", "that", "its", "their", "new", "le", "la", "les", "el", "los",
         "der", "die", "das", "ein", "eine", "un", "une", "этот", "новый", "of", "and", "on",
         "for", "between", "in", "de", "du", "des", "y", "et", "und", "with"}
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_RIGHT_WORD = re.compile(r"([^\W_]+(?:['’][^\W_]+)?)((?:,?[ \t]+|[\-–])?)")
_CALENDAR = set(weekday_names()) | set(month_names())
_ANY_TRIGGER = re.compile(
    r"(?:" + "|".join(p for pats in lexicon.EVENT_TRIGGERS.values() for p in pats) + r")",
    re.IGNORECASE)
_JOIN_BEFORE = re.compile(
    r"(?:join\w*|accession to|acced\w* to|withdr\w* from|leav\w*|left|exit\w*( from)?|quit\w*|"
    r"member\w* of|adhésion à l[ae']|adhesión a la|beitritt zur|вступлени\w* в|выход\w* из)\s+"
    r"(?:the\s+)?$", re.IGNORECASE)
_ACRONYM = re.compile(r"\(\s*([A-ZА-Я]{2,8})\s*\)")


@dataclass
class TreatyRef:
    """What a mention refers to: a registry id, or a name the registry lacks."""

    key: str
    treaty_id: str | None = None
    name: str | None = None
    states: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)


@dataclass
class TreatyMention:
    start: int
    end: int
    text: str
    named: bool
    ref: TreatyRef | None = None
    new: bool = False   # "a new treaty", "the newly signed pact"


def _flex(name: str) -> str:
    parts = re.split(r"[\s\-–—‑]+", name.strip())
    return r"[\s\-–—‑]+".join(re.escape(p) for p in parts if p)


def as_today(states) -> set[str]:
    """State codes as the reader matches treaties by them: the Soviet Union counts as Russia,
    its continuing state (a 1961 treaty's parties are named as Russia's today)."""
    return {"RUS" if s == "SUN" else s for s in states}


@dataclass
class RegistryIndex:
    """Name patterns and party sets of every treaty in a registry."""

    treaties: dict
    patterns: list[tuple[re.Pattern, str, str]]  # pattern, id, a word it cannot match without
    words: dict[str, list[set[str]]]

    @classmethod
    def build(cls, registry) -> RegistryIndex:
        treaties = {t.id: t for t in registry} if registry is not None else {}
        patterns = []
        words: dict[str, list[set[str]]] = {}
        for t in treaties.values():
            names = [t.title, *t.short_names]
            for n in names:
                acronym = bool(re.fullmatch(r"[A-ZÀ-Þ0-9.\-]{2,10}", n))
                flags = 0 if acronym else re.IGNORECASE
                longest = max(re.findall(r"[^\W\d_]+", n) or [""], key=len).casefold()
                patterns.append((re.compile(r"(?<!\w)" + _flex(n) + r"(?!\w)", flags), t.id,
                                 longest))
                words.setdefault(t.id, []).append(_content(n))
        patterns.sort(key=lambda p: -len(p[0].pattern))
        return cls(treaties, patterns, words)

    def by_words(self, text: str, states: set[str] | None = None) -> str | None:
        """The treaty whose title or short name contains every content word of ``text``; when
        several do ("Comprehensive Strategic Partnership Treaty"), the one among them whose
        parties include the two or more ``states`` the name gives ("... between Russia and
        Iran")."""
        mine = _content(text)
        if len(mine) < 2:
            return None
        hits = [tid for tid, sets in self.words.items() if any(mine <= s for s in sets)]
        if len(hits) > 1 and states and len(states) >= 2:
            want = as_today(states)
            hits = [tid for tid in hits if want <= as_today(self.treaties[tid].parties)]
        return hits[0] if len(hits) == 1 else None

    def by_parties(self, states: set[str], years: set[int], *, newest: bool = False,
                   before: date | None = None, exact: bool = False) -> str | None:
        """The treaty whose parties are these states (SUN counts as RUS) and, if given, year.
        Two of a small treaty's parties may stand for it, except when ``exact`` (a signing
        names all its signatories: two of ANZUS's three signing a pact is another pact)."""
        if len(states) < 2:
            return None
        want = as_today(states)
        cands = []
        for t in self.treaties.values():
            parties = as_today(t.parties)
            if want == parties or (not exact and len(want) >= 2 and want <= parties
                                   and len(parties) <= 3):
                cands.append(t)
        if years:
            dated = [t for t in cands if t.signed.known and t.signed.known.year in years]
            if dated:
                cands = dated
            else:
                return None
        if before is not None:
            cands = [t for t in cands if t.signed.known is None or t.signed.known <= before]
        if len(cands) == 1:
            return cands[0].id
        if cands and (newest or before is not None):
            return max(cands, key=lambda t: t.signed.known or date.min).id
        return None


def _content(text: str) -> set[str]:
    nouns = {n.casefold() for n in lexicon.TREATY_NOUNS}
    out = set()
    for w in _WORD.findall(text.replace("Co-operation", "Cooperation").replace("co-operation",
                                                                               "cooperation")):
        f = w.casefold()
        if f in _STOP or f in nouns or f.isdigit():
            continue
        out.add(f)
    return out


def find_treaty_mentions(text: str, actors: list[Mention], index: RegistryIndex,
                         article_date: date | None) -> list[TreatyMention]:
    """Registry names, named treaties and generic treaty nouns in ``text``, in order."""
    found: list[TreatyMention] = []
    taken: set[int] = set()
    org_spans = [(m.start, m.end) for m in actors if m.is_org]
    starts = [m.start for m in actors]
    folded = text.casefold()
    for rx, tid, word in index.patterns:
        if word not in folded:
            continue
        for m in rx.finditer(text):
            if any(p in taken for p in range(m.start(), m.end())):
                continue
            if _inside(org_spans, m.start()) and not _JOIN_BEFORE.search(
                    text[max(0, m.start() - 30): m.start()]):
                continue  # "NATO condemned": the organisation speaking, not its treaty
            taken.update(range(m.start(), m.end()))
            ref = TreatyRef(key=tid, treaty_id=tid, name=index.treaties[tid].title)
            found.append(TreatyMention(m.start(), m.end(), m.group(), True, ref))
    acronyms: dict[str, TreatyRef] = {}
    for m in _NOUN_RX.finditer(text):
        if m.start() in taken:
            continue
        if _inside(org_spans, m.start()):
            continue  # "North Atlantic Alliance" is an organisation speaking
        tm = _expand(text, m, actors)
        if tm.named and _title_case_line(text, tm.start):
            tm = TreatyMention(m.start(), m.end(), m.group(), False, None, tm.new)
        if tm.named and _overlaps(org_spans, tm.start, tm.end):
            continue  # "the United Nations Charter" frames a treaty, it is not one of ours
        if any(p in taken for p in range(tm.start, tm.end)):
            continue
        taken.update(range(tm.start, tm.end))
        found.append(tm)
    found.sort(key=lambda t: t.start)
    # identities of named mentions
    for tm in found:
        if tm.ref is not None or not tm.named:
            continue
        acr = _ACRONYM.search(tm.text)
        lo = bisect.bisect_left(starts, tm.start)
        hi = bisect.bisect_left(starts, tm.end)
        states = {a.actor for a in actors[lo:hi] if not a.is_org}
        years = {int(y) for y in re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", tm.text)}
        name = _ACRONYM.sub("", tm.text).strip(" ,")
        tid = index.by_words(name, states) or index.by_parties(states, years)
        key = tid or (acr.group(1) if acr else None) or _key_of(name, acronyms)
        ref = TreatyRef(key=key, treaty_id=tid,
                        name=index.treaties[tid].title if tid else name, states=states,
                        years=years)
        tm.ref = ref
        if acr and tid is None:
            acronyms[acr.group(1)] = ref
    # acronyms alone ("the CFE") after their definition
    if acronyms:
        rx = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, acronyms)) + r")(?!\w)")
        for m in rx.finditer(text):
            if m.start() in taken:
                continue
            taken.update(range(m.start(), m.end()))
            found.append(TreatyMention(m.start(), m.end(), m.group(), True, acronyms[m.group()]))
        found.sort(key=lambda t: t.start)
        for tm in found:
            if tm.ref is not None and tm.ref.treaty_id is None:
                for acr, ref in acronyms.items():
                    if re.search(r"(?<!\w)" + re.escape(acr) + r"(?!\w)", tm.text):
                        tm.ref = ref
    return found


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _overlaps(spans: list[tuple[int, int]], a: int, b: int) -> bool:
    i = bisect.bisect_left(spans, (a, -1))
    return i < len(spans) and spans[i][0] < b


def _title_case_line(text: str, pos: int) -> bool:
    """A headline in Title Case ("Russia and North Korea Sign Shocking ... Pact")."""
    a = max(text.rfind("\n", max(0, pos - 300), pos) + 1, pos - 300, 0)
    b = text.find("\n", pos, pos + 300)
    line = text[a: b if b != -1 else pos + 300]
    words = [w for w in re.findall(r"[^\W\d_]+", line) if len(w) > 3]
    return len(words) >= 4 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def generic_name(text: str, tm: TreatyMention) -> str:
    """A readable name for a generic mention: "military cooperation agreement with the US"."""
    window_start = max(0, tm.start - 60)
    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text[window_start: tm.start]))
    if words and window_start > 0 and words[0].start() == 0:
        words = words[1:]  # cut mid-word
    kept: list[str] = []
    end = tm.start - window_start
    for w in reversed(words):
        gap = text[window_start + w.end(): window_start + end]
        word = w.group()
        if (not re.fullmatch(r"[ \t]+", gap) or not word.islower() or word in _STOP
                or word in {"its", "their", "his", "her", "historic", "landmark", "latest",
                            "said", "a", "un", "une", "el", "ein", "из", "в", "с", "о", "об",
                            "от", "до", "на", "по", "к", "du", "from", "with"}
                or _ANY_TRIGGER.match(word) or len(kept) == 3):
            break
        kept.insert(0, word)
        end = w.start()
    name = " ".join([*kept, tm.text])
    right = re.match(r"[ \t]+(with|between)[ \t]+"
                     r"((?:the[ \t]+)?[A-ZÀ-ÞА-Я]\w*(?:[ \t]+[A-Z]\w*){0,3})",
                     text[tm.end: tm.end + 60])
    if right:
        name += " " + right.group(1) + " " + right.group(2)
    return name


def _key_of(name: str, acronyms: dict[str, TreatyRef]) -> str:
    for acr in acronyms:
        if re.search(r"(?<!\w)" + re.escape(acr) + r"(?!\w)", name):
            return acr
    return " ".join(sorted(_content(name))) or name.casefold()


def _expand(text: str, m: re.Match, actors: list[Mention]) -> TreatyMention:
    """Grow a treaty noun into its name: modifiers to the left, "of/between ..." to the right."""
    start, end = m.start(), m.end()
    named = False
    # left: capitalised words, years, hyphenated names, state adjectives
    pos = start
    while True:
        left = text[max(0, pos - 60): pos]
        w = re.search(r"([^\W_]+(?:['’][^\W_]+)?|\d{4})([\s\-–—‑]{1,2})$", left)
        if not w or "\n" in w.group(2):
            break
        word = w.group(1)
        if word.casefold() in _STOP:
            break
        if not (word[:1].isupper() or re.fullmatch(r"\d{4}", word)):
            break
        if re.match(r"[А-ЯЁ]", word):
            break  # Russian names follow the noun ("договор о ..."); a capital before is a place
        pos = max(0, pos - 60) + w.start()
        named = True
    start = pos if named else start
    # right: "of/on/between" followed by capitalised words, on the same line
    tail = text[end: end + 200].split("\n", 1)[0]
    r = re.match(r"[ \t]+(\w+)[ \t]+", tail)
    if r and r.group(1).casefold() in _RIGHT_LINK:
        cur = r.end()
        last = 0
        words = 0
        while words <= 14:
            wm = _RIGHT_WORD.match(tail, cur)
            if not wm:
                break
            word = wm.group(1)
            if word.casefold() in _CALENDAR:
                break  # "treaty on Wednesday", "pact in May"
            if word[:1].isupper():
                last = wm.end(1)
                words += 1
            elif word.casefold() not in _MID_LINK:
                break
            cur = wm.end()
        if last:
            end = end + last
            named = True
    # Russian names run on in lower case after the noun: "Договор об обычных вооруженных силах
    # в Европе (ДОВСЕ)", "договор о всеобъемлющем стратегическом партнерстве"
    if not named and re.match(r"[А-ЯЁа-яё]", m.group()):
        ru = re.match(r"[ \t]+(?:о|об|между|по)[ \t]+(?:[А-ЯЁа-яё\-]+[ \t]*){1,12}",
                      text[end: end + 160])
        if ru:
            end += len(ru.group().rstrip())
            named = True
    acr = re.match(r"\s*\(\s*[A-ZА-Я]{2,8}\s*\)", text[end:end + 14])
    if acr:
        end += acr.end()
        named = True
    # "the Treaty" at a sentence start is not a name
    body = text[start:end]
    new = bool(re.search(r"(?i)\b(new|newly|nouveau|nouvel|nuevo|neue[nrs]?|новый|нового)\W+"
                         r"(?:\w+\W+){0,3}$", text[max(0, start - 40): start]))
    return TreatyMention(start, end, body, named, None, new)
