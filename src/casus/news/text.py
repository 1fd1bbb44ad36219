"""Sentences with character offsets, and a guess at the language.

The splitter is a rule: a line break always ends a sentence; inside a line, ``.``, ``!`` or ``?``
followed by a space and a capital (or a quote or a digit) ends one, unless the word before is
an abbreviation ("Mr.", "U.S.", "Nov.") or the stop sits inside a quotation that is still open
on that line (so a quoted statement and its "the alliance said" stay together).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from casus.news.calendar_names import month_names
from casus.news.lexicon import STOPWORDS

MONTHS = month_names()

_ABBREV = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "prof", "sen", "rep", "gov", "jan",
    "feb", "aug", "sept", "sep", "oct", "nov", "dec", "no", "vs", "etc", "e.g", "i.e", "u.s",
    "u.k", "u.n", "a.m", "p.m", "inc", "ltd", "co", "jr", "sr", "adm", "maj", "capt", "cmdr",
    "art", "arts", "para", "pp", "vol", "mme", "mlle", "sra", "dña", "hr", "fr", "bzw",
    "z.b", "ca", "г", "гг", "т.е", "им", "ст", "ул", "eu", "ee.uu", "uu", "ee",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’»)\]]*(?=\s+[\"“‘«(\[]?[A-ZÀ-ÞА-ЯЁ0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)\.*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


class _Quotes:
    """Whether a quotation is open at a position of a line, counted incrementally."""

    def __init__(self, line: str) -> None:
        self.line, self.pos, self.curly, self.straight, self.guill = line, 0, 0, 0, 0
        self.low = 0

    def open_at(self, upto: int) -> bool:
        if upto > self.pos:
            seg = self.line[self.pos: upto]
            # German „...“: the low mark opens, and the “ after it closes
            for q in re.findall(r"[„“”]", seg):
                if q == "„":
                    self.low += 1
                elif q == "“" and self.low > 0:
                    self.low -= 1
                else:
                    self.curly += 1 if q == "“" else -1
            self.straight += seg.count('"')
            self.guill += seg.count("«") - seg.count("»")
            self.pos = upto
        return self.curly > 0 or self.low > 0 or self.straight % 2 == 1 or self.guill > 0


def quote_open(text: str, start: int, pos: int) -> bool:
    """Whether a quotation opened after ``start`` (a sentence's start) is still open at
    ``pos``: "today" inside one is the speaker's day, not the article's."""
    return _Quotes(text[start: pos]).open_at(pos - start)


_DE_ORDINAL_BEFORE = re.compile(r"(?<!\w)(?:ist|sind|als|das|der|die|dem|den|des|zum|zur|am|vom|im|"
                                r"seit|ab|bis|wird|wurde|wurden|ein|eine|einem|einen|einer|erst)"
                                r"\s+\d{1,2}\.$")


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` in order; ``text[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            para += 1
            continue
        cuts = [0]
        quotes = _Quotes(line)
        for m in _BOUNDARY.finditer(line):
            end = m.end()
            before = _WORD_BEFORE.search(line[max(0, m.start() - 40): m.start() + 1])
            word = before.group(1).casefold().rstrip(".") if before else ""
            nxt = re.match(r"\s*([^\W\d_]+)", line[end:])
            ordinal = word.isdigit() and len(word) <= 2 and bool(nxt) and (
                nxt.group(1).casefold() in MONTHS  # German ordinals: "am 7. November"
                # "ist das 32. Mitglied", "als 32. Mitgliedsland": after a German article,
                # preposition or verb a number with a full stop is an ordinal
                or bool(_DE_ORDINAL_BEFORE.search(line[max(0, m.start() - 30): m.start() + 1])))
            if word in _ABBREV or (len(word) == 1 and word.isalpha()) or ordinal:
                continue
            if quotes.open_at(m.start()) and quotes.open_at(end):
                continue
            cuts.append(end)
        cuts.append(len(line))
        cuts = _cap(line, cuts)
        for a, b in itertools.pairwise(cuts):
            seg = line[a:b]
            lead = len(seg) - len(seg.lstrip())
            seg = seg.strip()
            if seg:
                s = line_start + a + lead
                out.append(Sentence(s, s + len(seg), seg, para))
    return out


MAX_SENTENCE = 1_000


def _cap(line: str, cuts: list[int]) -> list[int]:
    """No sentence longer than MAX_SENTENCE characters: cut at a space (bounds the work)."""
    out = [cuts[0]]
    for b in cuts[1:]:
        while b - out[-1] > MAX_SENTENCE:
            limit = out[-1] + MAX_SENTENCE
            space = line.rfind(" ", out[-1] + MAX_SENTENCE // 2, limit)
            out.append(space + 1 if space != -1 else limit)
        out.append(b)
    return out


def guess_language(text: str) -> str:
    """``en``, ``fr``, ``es``, ``de`` or ``ru`` by stopword votes over the first 5,000 chars."""
    words = re.findall(r"[^\W\d_]+", text[:5000].casefold())
    counts = {lang: 0 for lang in STOPWORDS}
    sets = {lang: set(ws) for lang, ws in STOPWORDS.items()}
    for w in words:
        for lang, ws in sets.items():
            if w in ws:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "en"
