"""Check what an article says about a treaty against the registry.

A claim is a sentence that names a treaty (or refers to one the context identifies) and says
something the registry records: when it was signed, entered into force or ended, that it was
amended, what an article says (a quotation), that it rests on Article 51 of the UN Charter, or an
"Nth anniversary of the signing". Each becomes a :class:`Claim` with a verdict:

* ``consistent``: the registry agrees (same year, or same date when the text gives a full date);
* ``contradicted``: the registry records something else; a disputed registry date is said so,
  and a stated year that one of the registry's conflicting sources gives is ``unverifiable``
  instead;
* ``unverifiable``: the treaty is not in the registry, or the registry does not record that kind
  of fact.

The registry value, its certainty, note and sources come with every verdict.
"""

from __future__ import annotations

import re
from datetime import date

from casus.news.dates import DateMention
from casus.news.extract import _LAW_AFTER, Context, _clause_bounds
from casus.news.model import Claim, Evidence, RegistryFact
from casus.news.text import Sentence
from casus.news.treaties import TreatyRef

_PREDICATES = {
    "signed": r"(?:signed|concluded|inked|sign[ée]e?s?|firmad[oa]s?|firmó|unterzeichnet|"
              r"подписан\w*)",
    "in_force": r"(?:came|come|comes|entered|enters) into force|took effect|entr[ée]+s? en vigueur|"
                r"entró en vigor|in kraft getreten|вступил\w* в силу",
    "ended": r"dissolved|ended|terminated|expired|lapsed|abolished|scrapped|annulled|ceased|"
             r"became invalid|dissous|dissoute|expiré|disuelto|expiró|aufgelöst|ausgelaufen|"
             r"распущен\w*|прекратил\w*|истек\w*|утратил\w* силу",
    "amended": r"amended|modifié|enmendado|geändert|изменен\w*",
}
_PRED = [(f, re.compile(r"(?<!\w)(?:" + p + r")(?!\w)", re.IGNORECASE))
         for f, p in _PREDICATES.items()]
_TWO = re.compile(r"(?i)\b(?:the two|both) (?:countries|sides|nations|states|parties)\b")
_ANNIV = re.compile(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)\s+anniversary\s+of\s+the\s+signing\b")
_QUOTE_INTRO = re.compile(r"(?i)(?:text of the (?:agreement|treaty|pact)|article\s+\d+\w*)"
                          r"\s+(?:states|says|reads|provides|stipulates)")
_QUOTED = re.compile(r"[‘’'“\"«]{1,2}([^‘’“”\"«»]{40,600})[’'”\"»]{1,2}")
_ART51 = re.compile(r"(?i)article\s+51\b")
_WORD = re.compile(r"[^\W\d_]{3,}")
_FUNCTION_TEXT = (
    "the and that this with for from any all other shall should will which into either their "
    "them they its his her are was were has have been being one two side sides party parties")
_FUNCTION = set(_FUNCTION_TEXT.split())


def check_claims(ctx: Context, main: TreatyRef | None, main_parties: list[str]) -> list[Claim]:
    claims: list[Claim] = []
    for s in ctx.sentences:
        ref = _sentence_ref(ctx, s, main, main_parties)
        for fld, rx in _PRED:
            for m in rx.finditer(ctx.text, s.start, s.end):
                if fld == "signed" and _LAW_AFTER.match(ctx.text[m.end(): m.end() + 40]):
                    continue
                when = _date_near(ctx, s, m.start(), m.end())
                if when is None:
                    continue
                r = ref(m.start())
                claims.append(_check_date(ctx, s, fld, when, r))
        am = _ANNIV.search(s.text)
        if am and ctx.article_date is not None:
            r = ref(s.start + am.start())
            claims.append(_check_anniversary(ctx, s, int(am.group(1)), r))
        if _QUOTE_INTRO.search(s.text) or re.search(r"(?i)\btext\b.*:\s*[‘'“\"«]", s.text):
            q = _QUOTED.search(s.text)
            r = ref(s.start, True)
            if q and r is not None:
                claims.append(_check_quote(ctx, s, q.group(1), r))
        if _ART51.search(s.text) and re.search(r"(?i)charter|charte|carta|charta|устав", s.text):
            r = ref(s.start, True)
            if r is not None and r.treaty_id:
                claims.append(_check_art51(ctx, s, r))
    return _dedupe(claims)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    seen, out = set(), []
    for c in claims:
        k = (c.evidence.start, c.field, c.stated) if c.field != "signed" or "anniversary" not in (
            c.stated or "") else (c.treaty, c.field, c.stated)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def _sentence_ref(ctx: Context, s: Sentence, main: TreatyRef | None, main_parties: list[str]):
    tms = ctx.treaties_in(s.start, s.end)
    states = {a.actor for a in ctx.actors_in(s.start, s.end) if not a.is_org}
    if _TWO.search(s.text) and main_parties:
        states |= set(main_parties)
    years = {d.year for d in ctx.dates_in(s.start, s.end) if d.year}

    def at(pos: int, fallback: bool = False) -> TreatyRef | None:
        best = None
        for tm in sorted(tms, key=lambda t: abs(t.start - pos)):
            if tm.ref is not None:
                best = tm.ref
                break
        if best is None and tms:
            tid = ctx.index.by_parties(states, years) if states else None
            if tid is None and len(states) < 2 and main is not None and main.treaty_id:
                t = ctx.index.treaties[main.treaty_id]
                tid = ctx.index.by_parties(set(t.parties), years)
            if tid:
                return TreatyRef(key=tid, treaty_id=tid, name=ctx.index.treaties[tid].title)
            if not years or (main is not None and main.treaty_id and _year_fits(ctx, main, years)):
                return main
        if best is None and fallback and not tms:
            return main
        return best

    return at


def _year_fits(ctx: Context, ref: TreatyRef, years: set[int]) -> bool:
    t = ctx.index.treaties.get(ref.treaty_id or "")
    return bool(t and t.signed.known and t.signed.known.year in years)


def _date_near(ctx: Context, s: Sentence, a: int, b: int) -> DateMention | None:
    c0, _c1 = _clause_bounds(ctx, s, a)
    ds = [d for d in ctx.dates_in(s.start, s.end) if d.kind in ("full", "year")
          or (d.kind == "partial" and d.value)]
    after = [d for d in ds if b <= d.start <= b + 50]
    if after:
        return after[0]
    before = [d for d in ds if c0 <= d.start and d.end <= a and a - d.end <= 50]
    return before[-1] if before else None


def _evidence(s: Sentence) -> Evidence:
    return Evidence(text=s.text, start=s.start, end=s.end)


def _sources(t, ids: list[str]) -> list[dict]:
    return [{"id": i, "url": src.url, "publisher": src.publisher, "title": src.title}
            for i, src in zip(ids, t.cite(ids), strict=False)]


def _fact(t, fld: str) -> RegistryFact:
    fact = {"signed": t.signed, "in_force": t.in_force, "ended": t.ended}.get(fld)
    if fact is None:
        return RegistryFact(field=fld, value=None)
    value = fact.known.isoformat() if fact.known else "unknown"
    if fld == "ended":
        value = f"{value} ({fact.how})"
    return RegistryFact(field=fld, value=value, certainty=fact.certainty, note=fact.note,
                        sources=_sources(t, fact.sources))


def _unverifiable(s: Sentence, fld: str, stated: str | None, ref: TreatyRef | None,
                  why: str) -> Claim:
    return Claim(text=s.text, evidence=_evidence(s), treaty=ref.treaty_id if ref else None,
                 treaty_name=(ref.name if ref and not ref.treaty_id else None), field=fld,
                 stated=stated, verdict="unverifiable", explanation=why)


def _check_date(ctx: Context, s: Sentence, fld: str, when: DateMention,
                ref: TreatyRef | None) -> Claim:
    stated = when.value.isoformat() if when.value else str(when.year)
    if ref is None or not ref.treaty_id:
        name = ref.name if ref else "the treaty"
        return _unverifiable(s, fld, stated, ref, f"{name!s} is not in the registry")
    t = ctx.index.treaties[ref.treaty_id]
    if fld == "amended":
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field=fld, stated=stated,
                     verdict="unverifiable",
                     explanation="the registry does not record amendments")
    fact = {"signed": t.signed, "in_force": t.in_force, "ended": t.ended}[fld]
    facts = _fact(t, fld)
    if fact is None:
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field=fld, stated=stated,
                     verdict="contradicted", registry=facts,
                     explanation=f"the registry records no ending of {t.id}: in force")
    known: date | None = fact.known
    if known is None:
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field=fld, stated=stated,
                     verdict="unverifiable", registry=facts,
                     explanation=f"the registry has the {fld} date of {t.id} as unknown")
    same = known == when.value if when.value else known.year == when.year
    label = {"signed": "signed", "in_force": "in force", "ended": "ended"}[fld]
    if same:
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field=fld, stated=stated,
                     verdict="consistent", registry=facts,
                     explanation=f"the registry has {t.id} {label} {known.isoformat()}")
    why = f"the registry has {t.id} {label} {known.isoformat()}, not {stated}"
    if fact.certainty == "disputed":
        why += ("; the registry marks its date as disputed (the sources conflict; its note "
                "weighs them)")
    return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field=fld, stated=stated,
                 verdict="contradicted", registry=facts, explanation=why)


def _check_anniversary(ctx: Context, s: Sentence, n: int, ref: TreatyRef | None) -> Claim:
    year = ctx.article_date.year - n
    stated = f"{year} (the {n}th anniversary, article dated {ctx.article_date.isoformat()})"
    if ref is None or not ref.treaty_id:
        return _unverifiable(s, "signed", stated, ref, "the treaty is not in the registry")
    t = ctx.index.treaties[ref.treaty_id]
    known = t.signed.known
    facts = _fact(t, "signed")
    if known is None:
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="signed",
                     stated=stated, verdict="unverifiable", registry=facts,
                     explanation="the registry has the signing date as unknown")
    ok = known.year == year
    return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="signed", stated=stated,
                 verdict="consistent" if ok else "contradicted", registry=facts,
                 explanation=f"the registry has {t.id} signed {known.isoformat()}")


def _words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text)} - _FUNCTION


def _check_quote(ctx: Context, s: Sentence, quote: str, ref: TreatyRef) -> Claim:
    if not ref.treaty_id:
        return _unverifiable(s, "provision", quote, ref, "the treaty is not in the registry")
    t = ctx.index.treaties[ref.treaty_id]
    qw = _words(quote)
    best, score = None, 0.0
    for p in t.provisions:
        pw = _words(p.text)
        sc = len(qw & pw) / max(1, len(qw))
        if sc > score:
            best, score = p, sc
    if best is None or score < 0.5:
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="provision",
                     stated=quote, verdict="unverifiable",
                     explanation=f"no article of {t.id} in the registry reads like this quotation")
    fact = RegistryFact(field=f"provisions[{best.article}]", value=best.text,
                        certainty=best.text_status, sources=_sources(t, best.sources))
    return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="provision", stated=quote,
                 verdict="consistent", registry=fact,
                 explanation=f"matches Article {best.article} of {t.id} "
                             f"({round(score * 100)}% of its words; registry text is a "
                             f"{best.text_status})")


def _check_art51(ctx: Context, s: Sentence, ref: TreatyRef) -> Claim:
    t = ctx.index.treaties[ref.treaty_id]
    hits = [p for p in t.provisions if p.conditions is not None and p.conditions.un_charter_51]
    if hits:
        p = hits[0]
        fact = RegistryFact(field=f"provisions[{p.article}].conditions.un_charter_51",
                            value="true", certainty=p.text_status, sources=_sources(t, p.sources))
        return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="provision",
                     stated="Article 51 of the UN Charter", verdict="consistent", registry=fact,
                     explanation=f"Article {p.article} of {t.id} is framed as self-defence under "
                                 "Article 51 of the UN Charter")
    return Claim(text=s.text, evidence=_evidence(s), treaty=t.id, field="provision",
                 stated="Article 51 of the UN Charter", verdict="unverifiable",
                 explanation=f"no provision of {t.id} in the registry cites Article 51")
