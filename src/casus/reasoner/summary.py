"""The short answer: who must act, who may, and why the rest need not — per event.

A full :class:`~casus.reasoner.trace.Assessment` lists every provision read for every possible
obligor, which for an attack on a NATO member is hundreds of obligations. A person asks three
things first: who is bound to act, who might be and what would decide it, and why the others
are not. :func:`summarize` answers those from the same assessment, grouping obligors that owe
the same article on the same grounds, so each group is one line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from casus.reasoner.trace import Assessment, Obligation

#: Why an obligation was not triggered, in one phrase, by the rule that decided it.
WHY_NOT = {
    "treaty_in_force": "the treaty was not in force on the date",
    "article_in_force": "the article's wording was not in force on the date",
    "beneficiary_party": "the attacked state was not a party on the date",
    "obligor_party": "the state was not a party on the date",
    "suspension": "obligations suspended",
    "obligor_is_attacker": "the state is itself the attacker",
    "trigger": "the article does not answer this kind of event",
    "attacker": "the attacker is not one the article covers",
    "origin": "the article answers only an external attack; this one was domestic",
    "adversary": "the attacker is not the adversary the pledge names",
    "state_of_war": "the attacked state is not in a state of war",
    "request": "no request for assistance",
    "non_provocation": "the attack was provoked",
    "scope": "the place is outside the article's area",
    "territory": "the place is not the attacked state's territory",
}


@dataclass(frozen=True)
class Group:
    """Obligors owing articles of one treaty to one state, with one verdict: one line."""

    treaty: str
    treaty_title: str
    articles: tuple[tuple[str, str, str], ...]
    """(article, kind, strength) for each article, in the order read"""
    verdict: str
    obligors: tuple[str, ...]
    beneficiary: str
    decides: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"treaty": self.treaty, "treaty_title": self.treaty_title,
                "articles": [{"article": a, "kind": k, "strength": s}
                             for a, k, s in self.articles],
                "verdict": self.verdict, "obligors": list(self.obligors),
                "beneficiary": self.beneficiary, "decides": list(self.decides)}


@dataclass(frozen=True)
class EventSummary:
    """The short answer for one event."""

    index: int
    must_act: tuple[Group, ...]
    may_act: tuple[Group, ...]
    not_triggered: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """phrase → the treaties (titles) whose obligations that phrase rules out"""
    counts: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"event": self.index, "counts": self.counts,
                "must_act": [g.to_dict() for g in self.must_act],
                "may_act": [g.to_dict() for g in self.may_act],
                "not_triggered": {k: list(v) for k, v in self.not_triggered.items()}}


def _groups(obligations: list[Obligation], verdict: str) -> tuple[Group, ...]:
    """Obligors that owe an article on the same grounds, then the articles of one treaty that
    the same obligors owe, folded into one group."""
    by_article: dict[tuple, list[Obligation]] = {}
    for o in obligations:
        if o.verdict == verdict:
            by_article.setdefault((o.treaty, o.article, o.beneficiary), []).append(o)
    by_treaty: dict[tuple, list[list[Obligation]]] = {}
    for (treaty, _, beneficiary), os in by_article.items():
        obligors = tuple(dict.fromkeys(o.obligor for o in os))
        by_treaty.setdefault((treaty, beneficiary, obligors), []).append(os)
    out = []
    for (treaty, beneficiary, obligors), articles in by_treaty.items():
        decides = tuple(dict.fromkeys(d for os in articles for o in os for d in o.decides))
        out.append(Group(treaty=treaty, treaty_title=articles[0][0].treaty_title,
                         articles=tuple((os[0].article, os[0].kind, os[0].strength)
                                        for os in articles),
                         verdict=verdict, obligors=obligors, beneficiary=beneficiary,
                         decides=decides))
    return tuple(out)


def _why_not(obligations: list[Obligation]) -> dict[str, tuple[str, ...]]:
    out: dict[str, dict[str, None]] = {}
    for o in obligations:
        if o.verdict != "not_triggered" or not o.decided_by:
            continue
        rule = o.decided_by[0].rule
        phrase = WHY_NOT.get(rule, rule.replace("_", " "))
        out.setdefault(phrase, {})[o.treaty_title] = None
    return {phrase: tuple(titles) for phrase, titles in out.items()}


def summarize(assessment: Assessment) -> list[EventSummary]:
    """The short answer for each event of an assessment."""
    out = []
    for ev in assessment.events:
        obligations = assessment.for_event(ev.index)
        counts = {v: sum(o.verdict == v for o in obligations)
                  for v in ("triggered", "uncertain", "not_triggered")}
        out.append(EventSummary(index=ev.index, must_act=_groups(obligations, "triggered"),
                                may_act=_groups(obligations, "uncertain"),
                                not_triggered=_why_not(obligations), counts=counts))
    return out
