"""Recorded interpretations: which authoritative readings speak to the wording being read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from casus._cache import Memo
from casus.model.treaty import Interpretation, Provision, Treaty
from casus.reasoner.index import RegistryIndex
from casus.reasoner.trace import Reason
from casus.reasoner.words import day


def interp_text(i: Interpretation, on: date) -> str:
    when = "after the event" if i.date > on else "before the event"
    return f"{i.by}, {day(i.date)} ({when}): “{i.quote.strip()}”"


def interp_children(items: Iterable[Interpretation], on: date) -> tuple[Reason, ...]:
    return tuple(Reason("interpretation", "met" if i.holds else "not_met", interp_text(i, on),
                        article=i.article, quote=i.quote, date=i.date,
                        inputs={"question": i.question, "holds": i.holds, "by": i.by},
                        sources=tuple(i.sources)) for i in items)


def interps_of(idx: RegistryIndex, t: Treaty, p: Provision, question: str
                ) -> tuple[Interpretation, ...]:
    """An interpretation reads the wording in force when it was given, and no other.

    A reading of an amended article (the CSTO Council applying the 2010 wording of Art. 4 to
    Kazakhstan in 2022) says nothing about the wording it replaced ("aggression by any State or
    group of States", 1992), and a reading given before an amendment says nothing about the new
    wording. An article whose own words did not change (NATO Art. 5, dated twice only because
    its Art. 6 scope was amended in 1952) is one wording: the reading covers both.
    """
    interps = idx.interpretations.get((t.id, p.article, question), ())
    if not interps or (p.valid_from is None and p.valid_to is None):
        return interps
    return _INTERPS.get_or((id(idx), t.id, p.article, p.valid_from, p.valid_to, question),
                           lambda: _same_wording(idx, t, p, question, interps))


_INTERPS = Memo()


def _same_wording(idx: RegistryIndex, t: Treaty, p: Provision, question: str,
                  interps: tuple[Interpretation, ...]) -> tuple[Interpretation, ...]:
    versions = dict(idx.articles.get(t.id, ())).get(p.article, (p,))

    def same(i: Interpretation) -> bool:
        read = next((v for v in versions if v.valid_on(i.date)), None)
        if read is None or read is p:
            return read is p
        if idx.quotes[id(read)] != idx.quotes[id(p)]:
            return False
        return question != "place_in_scope" or read.scope == p.scope

    return tuple(i for i in interps if same(i))


def decided(i: Interpretation, on: date) -> bool:
    """Whether a decision was taken on this event: given on its day or within a month after."""
    return on <= i.date <= on + timedelta(days=31)
