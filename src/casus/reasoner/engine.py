"""The reasoner's engine: every provision of every treaty that could bind anyone toward the
attacked party, read for each possible obligor; the verdict is the three-valued AND of the
rules' results.

The rules live by concept: :mod:`~casus.reasoner.parties` (in force, membership, suspension),
:mod:`~casus.reasoner.conditions` (trigger and conditions) and :mod:`~casus.reasoner.scope`
(geography). This module only puts them together.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from casus.model.registry import Registry, load_registry
from casus.model.treaty import Provision, Treaty
from casus.reasoner import _places
from casus.reasoner.conditions import (
    rule_adversaries,
    rule_attacker,
    rule_conditions_noted,
    rule_joint_finding,
    rule_origin,
    rule_precedents,
    rule_provocation,
    rule_request,
    rule_state_of_war,
    rule_trigger,
    rule_valid,
    rule_wording,
)
from casus.reasoner.index import RegistryIndex, index_for
from casus.reasoner.parties import (
    obligors_of,
    reference_date,
    rule_designated,
    rule_direction,
    rule_in_force,
    rule_not_self,
    rule_party,
    rule_reservation,
    rule_suspension,
)
from casus.reasoner.scenario import Event, Scenario
from casus.reasoner.scope import rule_scope
from casus.reasoner.trace import (
    Assessment,
    EventAssessment,
    Obligation,
    Reading,
    Reason,
    combine,
)
from casus.reasoner.war import (
    activation,
    owed_to_attacker,
    rule_breach,
    rule_not_against_self,
    rule_partner_at_war,
    rule_partner_began,
)
from casus.reasoner.words import day, state_label, treaty_name


def _versions(versions: tuple[Provision, ...], on: date) -> list[Provision]:
    valid = [p for p in versions if p.valid_on(on)]
    if valid:
        return valid
    before = [p for p in versions if p.valid_from and on < p.valid_from]
    return [before[0] if before else versions[-1]]


def _split(checks: list[Reason]) -> tuple[tuple[Reason, ...], ...]:
    """Checks by result (not met, uncertain, met), computed once per provision."""
    return (tuple(c for c in checks if c.result == "not_met"),
            tuple(c for c in checks if c.result == "uncertain"),
            tuple(c for c in checks if c.result == "met"))


def _combine3(pre: tuple, own: list[Reason], post: tuple) -> tuple[Any, tuple[Reason, ...]]:
    """:func:`casus.reasoner.trace.combine` over pre + own + post, reusing the shared splits."""
    if len(own) == 1:
        r = own[0]
        mine = ((r,), (), ()) if r.result == "not_met" else ((), (r,), ()) \
            if r.result == "uncertain" else ((), (), (r,))
    else:
        mine = _split(own)
    for i, verdict in ((0, "not_triggered"), (1, "uncertain")):
        hit = pre[i] + mine[i] + post[i]
        if hit:
            return verdict, hit
    return "triggered", pre[2] + mine[2] + post[2]


def _obligor_rules(t: Treaty, p: Provision, obligor: str, beneficiary: str, on: date,
                   day_: _TreatyOnDay, enemies: frozenset[str],
                   event: Event | None = None) -> list[Reason]:
    """What one obligor's duty to one beneficiary turns on beyond the article itself: its
    membership, the treaty's direction, a suspension, and its own reservation."""
    own = [day_.party.of(obligor, "obligor")]
    if p.directions:
        own.append(rule_direction(p, obligor, beneficiary))
    for r in (rule_suspension(t, obligor, beneficiary, on) if t.suspensions else None,
              rule_reservation(p, obligor, enemies, on, event) if p.reservations else None):
        if r is not None:
            own.append(r)
    return own


def _assess_event(ix: int, event: Event, registry: Registry, idx: RegistryIndex,
                  only: frozenset[str] | None = None
                  ) -> tuple[list[Obligation], EventAssessment]:
    on, target = event.date, event.target
    notes = list(event.notes)
    asked, unlocated = event, None
    place = (_places.known_place(event.place, target, on_territory=event.on == "territory")
             if event.place else _places.territory(target))
    if place is None and event.place:
        notes.append(_places.unknown_place_note(event.place, target, event.on))
        if event.on == "territory":  # somewhere in the target's territory, as the event says
            unlocated = event.place
            event = event.model_copy(update={"place": None})
            place = _places.territory(target)
    if place is None and not event.place:
        notes.append("the gazetteer has no entry for the place; geographic limits are read as "
                     "uncertain")
    ever = idx.by_party.get(target, ()) + idx.designated.get(target, ())
    treaties = [t for t in ever if t.signed.known is None or t.signed.known <= on]
    later = [t for t in ever if t.signed.known is not None and t.signed.known > on]
    if not ever:
        notes.append(f"{state_label(target)} is party to no treaty in the casus registry "
                     f"({idx.size} treaties), so no treaty obligation to defend it is recorded")
    elif not treaties:
        first = min(later, key=lambda t: t.signed.known or date.max)
        notes.append(f"on {day(on)} no treaty in the registry bound anyone toward "
                     f"{state_label(target)}: the earliest it is party to, "
                     f"{treaty_name(first)}, was signed on {day(first.signed.known)}")
    elif later:
        later = sorted(later, key=lambda t: t.signed.known or date.max)
        shown = ", ".join(f"{treaty_name(t)} ({day(t.signed.known)})" for t in later[:5])
        more = f" and {len(later) - 5} more" if len(later) > 5 else ""
        notes.append(f"signed after the event, so not assessed: {shown}{more}")
    if target == "SUN" and on >= date(1991, 12, 26):
        notes.append("the USSR (SUN) ceased to exist on 1991-12-26; Russia (RUS) continued its "
                     "treaties")

    out: list[Obligation] = []
    attackers = event.attacker_codes
    for t in treaties:
        name = idx.names[t.id]
        day_ = _TreatyOnDay(t, on, idx)
        everyone: list[str] | None = None
        party = (t.id, target) in idx.spells
        for article, versions in idx.articles.get(t.id, ()):
            designation = None if party else next(
                (d for d in t.designations if d.state == target and d.names(article)), None)
            if not party and designation is None:
                continue  # a designated state is owed only the articles it was designated for
            for p in _versions(versions, on):
                if everyone is None and not p.directions:
                    everyone = day_.all_but(target)
                obligors = obligors_of(t, p, target, on, everyone)
                if only is not None:
                    obligors = [o for o in obligors if o in only]
                if not obligors:
                    continue
                parties = day_.parties
                shared = [day_.in_force]
                valid = rule_valid(p, on)
                if valid is not None:
                    shared.append(valid)
                shared.append(day_.party.of(target, "beneficiary") if designation is None
                              else rule_designated(t, designation, on))
                provision_rules = [rule_trigger(p, event)]
                for rule in (rule_attacker(p, t, event, idx), rule_origin(p, event),
                             rule_adversaries(p, event),
                             rule_state_of_war(p, t, event, idx), rule_request(p, event),
                             rule_provocation(p, event), rule_joint_finding(p, event, parties)):
                    if rule is not None:
                        provision_rules.append(rule)
                provision_rules.append(rule_scope(p, t, event, place, idx, parties,
                                                  contiguity=registry.contiguity,
                                                  unlocated=unlocated))
                wording = rule_wording(p)
                if wording is not None:
                    provision_rules.append(wording)
                noted = rule_conditions_noted(p) + rule_precedents(t, p, on)
                pre, post = _split(shared), _split(provision_rules)
                reading = Reading(
                    treaty_title=name, article=p.article, heading=p.heading, kind=p.kind,
                    strength=p.strength, quote=idx.quotes[id(p)], text_status=p.text_status,
                    date=on, label=f"{p.label} of {name}", noted=tuple(noted),
                    sources=tuple(p.sources), not_formalized=tuple(p.not_formalized),
                    language=p.language)
                shared_t, post_t = tuple(shared), tuple(provision_rules)
                for obligor in obligors:
                    own = _obligor_rules(t, p, obligor, target, on, day_, attackers, event)
                    if obligor in attackers:
                        own.append(rule_not_self(obligor, attackers, p))
                    verdict, decided = _combine3(pre, own, post)
                    out.append(Obligation(
                        event=ix, obligor=obligor, beneficiary=target, treaty=t.id,
                        verdict=verdict, checks=(*shared_t, *own, *post_t),
                        decided_by=decided, reading=reading,
                        activation=activation(p.kind, verdict)))
    out += _engaged_by_attack(ix, event, registry, idx, place, only)
    # one order for both: treaty id (stable, so articles and obligors keep theirs)
    out.sort(key=lambda o: o.treaty)
    # an unknown name has no facts to show, though its event was read in the target's land
    shown = _places.summary(place) if event is asked else None
    ev = EventAssessment(index=ix, event=asked, place=shown, notes=tuple(notes))
    return out, ev


def _reading(p: Provision, name: str, on: date, idx: RegistryIndex, t: Treaty) -> Reading:
    return Reading(
        treaty_title=name, article=p.article, heading=p.heading, kind=p.kind,
        strength=p.strength, quote=idx.quotes[id(p)], text_status=p.text_status, date=on,
        label=f"{p.label} of {name}", noted=tuple(rule_conditions_noted(p)
                                                  + rule_precedents(t, p, on)),
        sources=tuple(p.sources), not_formalized=tuple(p.not_formalized))


class _PartyRules:
    """:func:`rule_party` for one treaty on one date, each (state, role) computed once."""

    def __init__(self, t: Treaty, on: date, idx: RegistryIndex) -> None:
        self.t, self.on, self.idx, self.seen = t, on, idx, {}

    def of(self, state: str, role: str) -> Reason:
        hit = self.seen.get((state, role))
        if hit is None:
            hit = self.seen[(state, role)] = rule_party(
                self.t, state, self.on, role, self.idx.spells.get((self.t.id, state), ()))
        return hit


class _TreatyOnDay:
    """What every provision of one treaty shares on one day, computed when first needed."""

    def __init__(self, t: Treaty, on: date, idx: RegistryIndex) -> None:
        self.t, self.on, self.idx = t, on, idx
        self.party = _PartyRules(t, on, idx)
        self._in_force: Reason | None = None
        self._around: set[str] | None = None
        self._parties: frozenset[str] | None = None

    @property
    def in_force(self) -> Reason:
        if self._in_force is None:
            self._in_force = rule_in_force(self.t, self.on, self.idx.names)
        return self._in_force

    def all_but(self, state: str) -> list[str]:
        if self._around is None:
            self._around = (self.t.members_on(reference_date(self.t, self.on))
                            or set(self.t.parties))
        return sorted(self._around - {state})

    @property
    def parties(self) -> frozenset[str]:
        if self._parties is None:
            self._parties = frozenset(self.t.members_on(self.on))
        return self._parties


def _engaged_by_attack(ix: int, event: Event, registry: Registry, idx: RegistryIndex,
                       place: Any, only: frozenset[str] | None = None) -> list[Obligation]:
    """What the attack engages for the attacker's own treaties (:mod:`casus.reasoner.war`):
    offence and neutrality pledges owed to the attacker, and non-aggression pledges the
    attacker's attack on its partner breaks."""
    on, target = event.date, event.target
    out: list[Obligation] = []
    enemies = frozenset({target})
    for attacker in sorted(event.attacker_codes):
        breaks = only is None or attacker in only  # the attacker's own non-aggression pledges
        for t in idx.by_party.get(attacker, ()):
            if t.signed.known is not None and t.signed.known > on:
                continue
            groups = idx.engaged.get(t.id, ())
            if not groups:
                continue
            name = idx.names[t.id]
            day_ = _TreatyOnDay(t, on, idx)
            for _article, versions in groups:
                for p in _versions(versions, on):
                    if p.kind == "non_aggression":
                        if not breaks or (t.id, target) not in idx.spells or attacker not in \
                                obligors_of(t, p, target, on, day_.all_but(target)):
                            continue
                        obligors = [attacker]
                    elif owed_to_attacker(p):
                        obligors = [o for o in obligors_of(t, p, attacker, on,
                                                           day_.all_but(attacker))
                                    if only is None or o in only]
                    else:
                        continue
                    if not obligors:
                        continue
                    valid = rule_valid(p, on)
                    shared = [day_.in_force] + ([valid] if valid is not None else [])
                    reading = _reading(p, name, on, idx, t)
                    if p.kind == "non_aggression":
                        checks = [*shared, day_.party.of(target, "beneficiary"),
                                  day_.party.of(attacker, "obligor")]
                        if p.directions:
                            checks.append(rule_direction(p, attacker, target))
                        checks.append(rule_breach(p, attacker, target, event))
                        verdict, decided = combine(checks)
                        out.append(Obligation(
                            event=ix, obligor=attacker, beneficiary=target, treaty=t.id,
                            verdict=verdict, checks=tuple(checks), decided_by=decided,
                            reading=reading, activation=activation(p.kind, verdict)))
                        continue
                    rules = [rule_partner_at_war(p, attacker, event)]
                    for rule in (rule_adversaries(p, event, enemies), rule_request(p, event),
                                 rule_partner_began(p, attacker)):
                        if rule is not None:
                            rules.append(rule)
                    rules.append(rule_scope(p, t, event, place, idx, day_.parties,
                                            owed=attacker, enemies=enemies,
                                            contiguity=registry.contiguity))
                    for obligor in obligors:
                        own = _obligor_rules(t, p, obligor, attacker, on, day_,
                                             frozenset({target}))
                        r = rule_not_against_self(obligor, target, p)
                        if r is not None:
                            own.append(r)
                        checks = [*shared, day_.party.of(attacker, "beneficiary"), *own,
                                  *rules]
                        verdict, decided = combine(checks)
                        out.append(Obligation(
                            event=ix, obligor=obligor, beneficiary=attacker, treaty=t.id,
                            verdict=verdict, checks=tuple(checks), decided_by=decided,
                            reading=reading, beneficiary_role="attacker",
                            activation=activation(p.kind, verdict)))
    return out


def obligations_on(scenario: Scenario, registry: Registry | None = None, *,
                   obligors: Iterable[str] | None = None) -> Assessment:
    """Every obligation each event of the scenario could trigger, with verdicts and reasons.

    ``registry`` defaults to the embedded registry (:func:`casus.model.registry.load_registry`).
    ``obligors``, when given, limits the answer to obligations those states owe (the history
    replay asks, for an alliance a state joined mid-war, only about what changed that day).
    Obligations come in a deterministic order: event, treaty id, article, obligor.

    >>> from casus.reasoner import Scenario, obligations_on
    >>> s = Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS",
    ...                     place="Kursk Oblast")
    >>> [o.verdict for o in obligations_on(s).find("rus-prk-2024", "4")]  # doctest: +SKIP
    ['triggered']
    """
    registry = load_registry() if registry is None else registry
    only = None if obligors is None else frozenset(obligors)
    idx = index_for(registry)
    obligations: list[Obligation] = []
    events: list[EventAssessment] = []
    for ix, event in enumerate(scenario.events):
        obs, ev = _assess_event(ix, event, registry, idx, only)
        obligations += obs
        events.append(ev)
    # Built in order already: events in turn; per event the attacked party's treaties by id,
    # articles in natural order and wordings by date (the index), obligors sorted; then what
    # the attack engages for the attackers' own treaties, in the same order.
    return Assessment(scenario=scenario, obligations=tuple(obligations), events=tuple(events))
