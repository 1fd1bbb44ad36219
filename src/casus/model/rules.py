"""Rules a treaty must satisfy beyond its field types, each located at the field it concerns.

A field's type is checked by pydantic (:mod:`casus.model.treaty`); a rule here relates several
fields (a direction's parties and the membership spells, a spell and the treaty's life) and
reports each finding with the path of the field it is about, so the loader can print the line
of that field. Every rule has a name, used by the tests.

=====================  ===================================================================
rule                   what it says
=====================  ===================================================================
``in-force-order``     entry into force is not before signature; an ending not before entry
``original-members``   an original member is not bound before signature
``spell-in-life``      a membership spell lies within the treaty's life (not before signature,
                       not from its ending on)
``spells-overlap``     one state's membership spells do not overlap
``successor-of``       ``successor_of`` is set only on a spell joined ``via: succession``
``direction-self``     a direction's obligor and beneficiary are different states
``direction-parties``  a direction's obligor and beneficiary are both members
``direction-dates``    ... and both parties on some day the provision is valid
``suspension-member``  a suspended state is a member
``kind-strength``      defense and offense are never mere abstention; neutrality,
                       non-aggression and non-assistance are abstention
``article-exists``     an interpretation or precedent cites an article a provision has
``source-defined``     every cited source id is defined under ``sources:``
``self-supersession``  a treaty neither supersedes nor is ended by itself
``source-unused``      (warning) a source defined but never cited
=====================  ===================================================================

Across files (:mod:`casus.model.registry`): references to treaties that exist, no cycle of
``supersedes``/``ended.by``. That place ids exist in the gazetteer (``places-known``) is checked
by ``casus validate``, which passes the gazetteer's ``has_place`` down (the model may not import
the gazetteer, and loading it costs too much for every run).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from casus.model.treaty import Treaty

Loc = tuple[str | int, ...]

ABSTAIN_KINDS = frozenset({"neutrality", "non_aggression", "non_assistance"})
ACTIVE_KINDS = frozenset({"defense", "offense"})


@dataclass(frozen=True)
class Finding:
    """One rule's verdict on one field: where, what, and whether it is only a warning."""

    rule: str
    loc: Loc
    message: str
    severity: Literal["error", "warning"] = "error"


#: The rules a treaty built in Python (the ATOP importer's) must pass: the ones that hold for
#: any source. ATOP's own conventions (a member's exit dated on the alliance's end day)
#: differ from the registry's, so the day-level rules apply to treaty files only.
CORE_RULES = frozenset({"in-force-order", "original-members", "suspension-member",
                        "direction-parties", "article-exists", "source-defined"})


def treaty_findings(t: Treaty) -> list[Finding]:
    """Every rule's findings for one treaty (errors and warnings), in file order."""
    out: list[Finding] = []
    out += _dates(t)
    out += _spells(t)
    out += _directions(t)
    out += _kinds(t)
    out += _references(t)
    return out


def _dates(t: Treaty) -> Iterable[Finding]:
    signed, in_force = t.signed.known, t.in_force.known
    if signed and in_force and in_force < signed:
        yield Finding("in-force-order", ("in_force", "date"),
                      f"in_force.date {in_force} is before signed.date {signed}")
    end = t.ended.known if t.ended else None
    if end and in_force and end < in_force:
        yield Finding("in-force-order", ("ended", "date"),
                      f"ended.date {end} is before in_force.date {in_force}")


def _spells(t: Treaty) -> Iterable[Finding]:
    signed = t.signed.known
    end = t.ended.known if t.ended else None
    for i, m in enumerate(t.members):
        if signed and m.joined < signed:
            rule = "original-members" if m.via == "original" else "spell-in-life"
            yield Finding(rule, ("members", i, "joined"),
                          f"{m.state} joined {m.joined}, before signature {signed}")
        if end and m.joined >= end:
            yield Finding("spell-in-life", ("members", i, "joined"),
                          f"{m.state} joined {m.joined}, on or after the treaty ended {end}")
        if end and m.left and m.left >= end:
            yield Finding("spell-in-life", ("members", i, "left"),
                          f"{m.state} left {m.left}, but the treaty ended {end} (left is the "
                          f"last day bound; at most {end - timedelta(days=1)})")
        if m.successor_of is not None and m.via != "succession":
            yield Finding("successor-of", ("members", i, "successor_of"),
                          f"successor_of is only for a spell joined via: succession "
                          f"(this one is via: {m.via})")
        if m.successor_of is not None and m.successor_of == m.state:
            yield Finding("successor-of", ("members", i, "successor_of"),
                          f"{m.state} cannot succeed itself")
    by_state: dict[str, list[int]] = {}
    for i, m in enumerate(t.members):
        by_state.setdefault(m.state, []).append(i)
    for state, idx in by_state.items():
        spells = sorted(idx, key=lambda i: t.members[i].joined)
        for a, b in pairwise(spells):
            first, second = t.members[a], t.members[b]
            if first.left is None or second.joined <= first.left:
                yield Finding("spells-overlap", ("members", b, "joined"),
                              f"{state}'s spell from {second.joined} overlaps its spell from "
                              f"{first.joined} (members[{a}], to {first.left or 'today'})")
    states = {m.state for m in t.members}
    for i, s in enumerate(t.suspensions):
        if s.state not in states:
            yield Finding("suspension-member", ("suspensions", i, "state"),
                          f"suspensions: {s.state} is not a member")


def _both_bound(t: Treaty, a: str, b: str, start: date | None, stop: date | None) -> bool:
    """Whether ``a`` and ``b`` are both members on some day in [start, stop]."""
    lo, hi = start or date.min, stop or date.max
    for x in t.membership_of(a):
        for y in t.membership_of(b):
            first = max(x.joined, y.joined, lo)
            last = min(x.left or date.max, y.left or date.max, hi)
            if first <= last:
                return True
    return False


def _directions(t: Treaty) -> Iterable[Finding]:
    states = {m.state for m in t.members}
    for i, p in enumerate(t.provisions):
        for j, d in enumerate(p.directions):
            here = ("provisions", i, "directions", j)
            if d.obligor == d.beneficiary:
                yield Finding("direction-self", (*here, "beneficiary"),
                              f"provisions[{p.article}].directions: {d.obligor} owes the duty "
                              "to itself")
                continue
            missing = [x for x in (d.obligor, d.beneficiary) if x not in states]
            for x in missing:
                which = "obligor" if x == d.obligor else "beneficiary"
                yield Finding("direction-parties", (*here, which),
                              f"provisions[{p.article}].directions: {x} is not a member")
            if not missing and not _both_bound(t, d.obligor, d.beneficiary, p.valid_from,
                                               p.valid_to):
                yield Finding("direction-dates", here,
                              f"provisions[{p.article}].directions: {d.obligor} and "
                              f"{d.beneficiary} are never both parties while Art. {p.article} "
                              "is valid")


def _kinds(t: Treaty) -> Iterable[Finding]:
    for i, p in enumerate(t.provisions):
        if p.kind in ACTIVE_KINDS and p.strength == "abstention":
            yield Finding("kind-strength", ("provisions", i, "strength"),
                          f"a {p.kind} provision is a duty to act, not abstention (use "
                          "automatic, discretionary or consultation)")
        elif p.kind in ABSTAIN_KINDS and p.strength != "abstention":
            yield Finding("kind-strength", ("provisions", i, "strength"),
                          f"a {p.kind} provision is a duty to refrain: its strength is "
                          f"abstention, not {p.strength}")


def _references(t: Treaty) -> Iterable[Finding]:
    articles = {p.article for p in t.provisions}
    for name, items in (("interpretations", t.interpretations), ("precedents", t.precedents)):
        for i, ref in enumerate(items):
            if ref.article is not None and ref.article not in articles:
                yield Finding("article-exists", (name, i, "article"),
                              f"{name[:-1]} cites Art. {ref.article}, which no provision has "
                              f"(known: {', '.join(sorted(articles))})")
    for loc, sid in _citations(t):
        if sid not in t.sources:
            yield Finding("source-defined", loc,
                          f"unknown source id {sid!r} (define it under sources:)")
    if t.id in t.supersedes:
        yield Finding("self-supersession", ("supersedes",), f"{t.id} supersedes itself")
    if t.ended is not None and t.ended.by == t.id:
        yield Finding("self-supersession", ("ended", "by"), f"{t.id} is ended by itself")
    cited = {sid for _, sid in _citations(t)}
    for sid in t.sources:
        if sid not in cited:
            yield Finding("source-unused", ("sources", sid),
                          f"source {sid!r} is defined but never cited", "warning")


def _citations(t: Treaty) -> Iterable[tuple[Loc, str]]:
    """Every (path, source id) a treaty cites."""
    singles = (("signed", t.signed), ("in_force", t.in_force), ("ended", t.ended),
               ("duration", t.duration))
    for name, part in singles:
        if part is not None:
            for k, sid in enumerate(part.sources):
                yield (name, "sources", k), sid
    for name in ("members", "suspensions", "designations", "provisions", "interpretations",
                 "precedents"):
        for i, part in enumerate(getattr(t, name)):
            for k, sid in enumerate(part.sources):
                yield (name, i, "sources", k), sid
    for i, p in enumerate(t.provisions):
        for j, a in enumerate(p.scope.areas):
            for k, sid in enumerate(a.sources):
                yield ("provisions", i, "scope", "areas", j, "sources", k), sid
        for j, r in enumerate(p.reservations):
            for k, sid in enumerate(r.sources):
                yield ("provisions", i, "reservations", j, "sources", k), sid
        if p.conditions.non_state_defined is not None:
            for k, sid in enumerate(p.conditions.non_state_defined.sources):
                yield ("provisions", i, "conditions", "non_state_defined", "sources", k), sid


def place_ids(t: Treaty) -> Iterable[tuple[Loc, str]]:
    """Every (path, gazetteer place id) a treaty names."""
    for i, p in enumerate(t.provisions):
        for j, a in enumerate(p.scope.areas):
            for k, pid in enumerate(a.places):
                yield ("provisions", i, "scope", "areas", j, "places", k), pid
    for i, it in enumerate(t.interpretations):
        for k, pid in enumerate(it.places):
            yield ("interpretations", i, "places", k), pid


def place_findings(t: Treaty, known: Callable[[str], bool]) -> list[Finding]:
    """``places-known``: every place id a treaty names is one ``known`` accepts (the CLI passes
    :func:`casus.gazetteer.has_place`; the model sits below the gazetteer and cannot ask it)."""
    return [Finding("places-known", loc, f"unknown place id {pid!r} (not in the gazetteer)")
            for loc, pid in place_ids(t) if not known(pid)]
