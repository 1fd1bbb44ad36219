"""The obligation reasoner: which treaty obligations an event triggers, and why.

For every event of a :class:`~casus.reasoner.scenario.Scenario`, every treaty the target was
ever party to (and that had been signed by the event's date) is read provision by provision —
``defense`` and ``consultation`` clauses that bind a party to act for the target, and
``non_assistance`` / ``neutrality`` clauses that bind a party not to help the attacker. Each
provision is read once for each state that could owe it (every other party, or the obligors its
``directions`` name), and gives ``triggered``, ``not_triggered`` or ``uncertain``.

Each rule below is a small function whose docstring quotes the principle it applies (the
Catala habit). A rule returns one :class:`~casus.reasoner.trace.Reason`; the verdict is the
three-valued AND of them (see :func:`casus.reasoner.trace.combine`). Exceptions to a base rule
(a scope limit such as North Atlantic Treaty Art. 6, a suspension, an authoritative
interpretation overriding the text's default) are marked ``exception=True`` in the trace.

What is deliberately not formalised: whether a party's domestic process ("in accordance with
its constitutional processes") will in fact authorise action; the reasoner reports such a
condition and never treats it as a bar. Disputed dates (``certainty: disputed``) are read at
their best-supported value and the dispute is said in the reason.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from casus.dates import parse_date
from casus.errors import InputError
from casus.model.registry import Registry, load_registry
from casus.model.states import state_name
from casus.model.treaty import (
    Area,
    Interpretation,
    Membership,
    Provision,
    Suspension,
    Treaty,
)
from casus.reasoner import _places
from casus.reasoner.scenario import (
    EVENT_KINDS,
    Attacker,
    Event,
    Scenario,
    resolve_code,
)
from casus.reasoner.trace import (
    Assessment,
    EventAssessment,
    Obligation,
    Reading,
    Reason,
)

#: Provision kinds that bind a party *for* the attacked party (to act, or not to help the
#: attacker). ``offense``, ``non_aggression`` and ``cooperation`` are not obligations an attack
#: on the beneficiary triggers.
ASSESSED_KINDS = ("defense", "consultation", "non_assistance", "neutrality")


@functools.lru_cache(maxsize=1024)
def _who(code: str) -> str:
    return f"{state_name(code)} ({code})"


def _a(noun: str) -> str:
    """'an armed attack', 'a declaration of war', 'a threat'."""
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _d(on: date | None) -> str:
    return on.isoformat() if on else "an unknown date"


def treaty_name(t: Treaty) -> str:
    """The short name a reader knows a treaty by."""
    return t.short_names[0] if t.short_names else t.title


# --- registry index (built once per registry) ------------------------------------------------

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def article_key(article: str) -> tuple:
    """Natural order for article labels: 2 < 10, II < X, 42(7) after 42."""
    m = re.match(r"^(\d+)(.*)$", article)
    if m:
        return (int(m.group(1)), m.group(2))
    m = re.match(r"^([IVXLC]+)\b(.*)$", article)
    if m:
        total, prev = 0, 0
        for ch in reversed(m.group(1)):
            v = _ROMAN[ch]
            total, prev = (total - v, prev) if v < prev else (total + v, v)
        return (total, m.group(2))
    return (10**6, article)


@dataclass(frozen=True)
class _Index:
    """Per-registry lookups the hot path needs, computed once."""

    by_party: dict[str, tuple[Treaty, ...]]
    articles: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]]
    interpretations: dict[tuple[str, str, str], tuple[Interpretation, ...]]
    size: int
    names: dict[str, str]
    quotes: dict[int, str]
    spells: dict[tuple[str, str], tuple[Membership, ...]]


_INDEXES: dict[int, tuple[weakref.ref, _Index]] = {}


def build_index(registry: Registry) -> _Index:
    """Treaties by party, assessed provisions grouped by article, interpretations by question."""
    by_party: dict[str, list[Treaty]] = {}
    articles: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]] = {}
    interps: dict[tuple[str, str, str], list[Interpretation]] = {}
    spells: dict[tuple[str, str], tuple[Membership, ...]] = {}
    for t in sorted(registry, key=lambda t: t.id):
        for state in t.parties:
            spells[(t.id, state)] = tuple(m for m in t.members if m.state == state)
        for state in t.parties:
            by_party.setdefault(state, []).append(t)
        grouped: dict[str, list[Provision]] = {}
        for p in t.provisions:
            if p.kind in ASSESSED_KINDS:
                grouped.setdefault(p.article, []).append(p)
        articles[t.id] = tuple(
            (a, tuple(sorted(ps, key=lambda p: p.valid_from or date.min)))
            for a, ps in sorted(grouped.items(), key=lambda kv: article_key(kv[0])))
        for i in t.interpretations:
            interps.setdefault((t.id, i.article, i.question), []).append(i)
    return _Index(
        by_party={k: tuple(v) for k, v in by_party.items()},
        articles=articles,
        interpretations={k: tuple(sorted(v, key=lambda i: i.date)) for k, v in interps.items()},
        size=len(registry),
        names={t.id: treaty_name(t) for t in registry},
        quotes={id(p): " ".join(p.text.split()) for t in registry for p in t.provisions},
        spells=spells,
    )


def index_for(registry: Registry) -> _Index:
    """The cached index of this registry object (rebuilt if the object is a new one)."""
    key = id(registry)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is registry:
        return hit[1]
    index = build_index(registry)
    _INDEXES[key] = (weakref.ref(registry), index)
    return index


# --- treaty- and party-level rules ----------------------------------------------------------

def rule_in_force(t: Treaty, on: date, names: dict[str, str] | None = None) -> Reason:
    """A treaty binds only while it is in force: from its entry into force until its end.

    An unknown date of entry into force or of ending leaves the answer open: ``uncertain``,
    saying which date would decide it.
    """
    name = treaty_name(t)
    state = t.in_force_on(on)
    start, end = t.in_force.known, (t.ended.known if t.ended else None)
    inputs = {"date": on, "in_force": start or "unknown", "ended": end}
    sources = tuple(t.in_force.sources)
    if state is None:
        if start is None:
            decides = (f"the date {name} entered into force, which the registry does not know "
                       f"(signed {_d(t.signed.known)})")
        else:
            decides = f"the date {name} ended, which the registry records as unknown"
        return Reason("treaty_in_force", "uncertain",
                      f"{name}: whether it was in force on {_d(on)} is not known", date=on,
                      inputs=inputs, decides=decides, sources=sources)
    if state:
        text = f"{name} was in force on {_d(on)} (since {_d(start)}"
        if t.in_force.certainty != "confirmed":
            text += f", a date the registry marks {t.in_force.certainty}"
        return Reason("treaty_in_force", "met", text + ")", date=on, inputs=inputs,
                      sources=sources)
    if start is not None and on < start:
        text = (f"{name} was not yet in force on {_d(on)}: signed {_d(t.signed.known)}, "
                f"in force from {_d(start)}")
        return Reason("treaty_in_force", "not_met", text, date=on, inputs=inputs,
                      sources=sources)
    assert t.ended is not None
    by = t.ended.by
    how = t.ended.how + (f" by {(names or {}).get(by, by)}" if by else "")
    text = f"{name} was no longer in force on {_d(on)}: it ended on {_d(end)} ({how})"
    if t.ended.certainty != "confirmed":
        text += (f"; the end date is {t.ended.certainty} in the sources, and is read here at its "
                 "best-supported value")
    return Reason("treaty_in_force", "not_met", text, date=on, inputs=inputs,
                  sources=tuple(t.ended.sources))


def rule_party(t: Treaty, state: str, on: date, role: str,
               spells: tuple[Membership, ...] | None = None) -> Reason:
    """Only a party is bound, and only a party is owed: membership spells decide who, when.

    A state that joined later, left earlier, or never joined is not bound (or not owed) on the
    date. A successor state is a party from its own spell (``via: succession``). A spell whose
    dates are disputed is read at its recorded value, and the dispute is said.
    """
    name = treaty_name(t)
    spells = t.membership_of(state) if spells is None else spells
    per_obligor = role == "obligor"
    inputs = {"state": state, "role": role, "date": on}
    covering = [m for m in spells if m.covers(on)]
    if covering:
        m = covering[0]
        text = f"{_who(state)} was a party to {name} on {_d(on)} (from {_d(m.joined)}"
        if m.via == "succession" and m.successor_of:
            text += f", as successor of {_who(m.successor_of)}"
        if m.left:
            text += f" to {_d(m.left)}"
        text += ")"
        if m.disputed_from is not None and on >= m.disputed_from:
            return Reason(f"{role}_party", "uncertain",
                          f"{text}; from {_d(m.disputed_from)} the sources dispute whether "
                          f"{_who(state)} was still bound", date=on, inputs=inputs,
                          sources=tuple(m.sources), per_obligor=per_obligor,
                          decides=f"whether {_who(state)} was still bound by {name} on {_d(on)}")
        if m.certainty != "confirmed":
            text += f"; the spell's dates are {m.certainty} in the sources"
        return Reason(f"{role}_party", "met", text, date=on, inputs=inputs,
                      sources=tuple(m.sources), per_obligor=per_obligor)
    if not spells:
        return Reason(f"{role}_party", "not_met", f"{_who(state)} is not a party to {name}",
                      date=on, inputs=inputs, per_obligor=per_obligor)
    first = min(spells, key=lambda m: m.joined)
    if on < first.joined:
        text = (f"{_who(state)} was not yet a party to {name} on {_d(on)} "
                f"(it joined on {_d(first.joined)})")
        return Reason(f"{role}_party", "not_met", text, date=on, inputs=inputs,
                      sources=tuple(first.sources), per_obligor=per_obligor)
    before = max((m for m in spells if m.left and m.left < on), key=lambda m: m.left or on)
    text = (f"{_who(state)} was no longer a party to {name} on {_d(on)} "
            f"(its membership ended on {_d(before.left)} by {before.left_via}")
    if before.left_via == "succession":
        heirs = [m.state for m in t.members if m.successor_of == state]
        if heirs:
            text += f"; {', '.join(map(_who, heirs))} continued it"
    text += ")"
    if before.certainty != "confirmed":
        text += f"; the end date is {before.certainty} in the sources"
    return Reason(f"{role}_party", "not_met", text, date=on, inputs=inputs,
                  sources=tuple(before.sources), per_obligor=per_obligor)


def rule_suspension(t: Treaty, obligor: str, target: str, on: date) -> Reason | None:
    """Exception: a party may suspend its obligations, or freeze its participation, in place.

    ``obligations_suspended`` by the obligor toward the target means it owes nothing
    (the United States toward New Zealand under ANZUS since 1986). ``participation_frozen``
    (by the obligor or by the target) leaves it open whether the treaty still operates
    between them: uncertain.
    """
    name = treaty_name(t)
    for s in t.suspensions_of(obligor, on):
        if s.toward and target not in s.toward:
            continue
        toward = ", ".join(map(_who, s.toward)) if s.toward else "every party"
        if s.effect == "obligations_suspended":
            text = (f"Exception (suspension): {_who(obligor)} suspended its obligations under "
                    f"{name} toward {toward} from {_d(s.start)}")
            return Reason("suspension", "not_met", text + (f" — {s.note}" if s.note else ""),
                          date=on, inputs={"state": obligor, "toward": list(s.toward)},
                          exception=True, sources=tuple(s.sources), per_obligor=True)
        return _frozen(name, obligor, s, on, per_obligor=True,
                       decides=f"whether {_who(obligor)}, having frozen its participation, "
                               f"would still act under {name}")
    for s in t.suspensions_of(target, on):
        if s.effect == "participation_frozen" and (not s.toward or obligor in s.toward):
            return _frozen(name, target, s, on, per_obligor=False,
                           decides=f"whether the other parties still owe assistance to "
                                   f"{_who(target)} while it has frozen its participation")
    return None


def _frozen(name: str, state: str, s: Suspension, on: date, *, per_obligor: bool,
            decides: str) -> Reason:
    """A party that froze its participation without leaving: uncertain, saying what decides."""
    return Reason("suspension", "uncertain",
                  f"Exception (suspension): {_who(state)} froze its participation in {name} "
                  f"from {_d(s.start)} without leaving it", date=on,
                  inputs={"state": state, "effect": s.effect}, exception=True, decides=decides,
                  sources=tuple(s.sources), per_obligor=per_obligor)


def rule_not_self(obligor: str, attackers: frozenset[str], p: Provision) -> Reason | None:
    """No treaty obliges a state to defend another against the state's own attack.

    When an attacker is itself a party, its obligation toward the target is not triggered; the
    other parties' obligations are unaffected.
    """
    if obligor not in attackers:
        return None
    return Reason("obligor_is_attacker", "not_met",
                  f"{p.label}: {_who(obligor)} is itself the attacker — a state has no duty to "
                  f"defend another against its own attack", article=p.article,
                  inputs={"obligor": obligor}, per_obligor=True)


def rule_direction(p: Provision, obligor: str, target: str) -> Reason:
    """In an asymmetric treaty only the listed obligor owes the listed beneficiary."""
    return Reason("direction", "met",
                  f"{p.label} binds {_who(obligor)} toward {_who(target)} (the treaty lists "
                  f"who owes whom)", article=p.article,
                  inputs={"obligor": obligor, "beneficiary": target}, per_obligor=True)


# --- provision-level rules ------------------------------------------------------------------

def rule_valid(p: Provision, on: date) -> Reason | None:
    """An article binds in the wording in force on the date (amendments are dated values)."""
    if p.valid_from is None and p.valid_to is None:
        return None
    window = f"{_d(p.valid_from) if p.valid_from else 'the start'} to " \
             f"{_d(p.valid_to) if p.valid_to else 'today'}"
    if p.valid_on(on):
        return Reason("article_in_force", "met",
                      f"{p.label} is read in the wording in force on {_d(on)} ({window})",
                      article=p.article, date=on)
    return Reason("article_in_force", "not_met",
                  f"{p.label} in this wording applied only from {window}, not on {_d(on)}",
                  article=p.article, date=on)


_TRIGGER_WORDS = {"armed_attack": "an armed attack", "aggression": "aggression",
                  "state_of_war": "a state of war", "threat": "a threat"}


def rule_trigger(p: Provision, event: Event) -> Reason:
    """Threats trigger only consultation (threat) clauses; attacks trigger defence clauses too.

    An armed attack or a declaration of war meets an ``armed_attack``, ``aggression`` or
    ``state_of_war`` trigger, and a fortiori a ``threat`` trigger (an attack is a threat
    realised). A threat meets only a ``threat`` trigger. Non-assistance and neutrality clauses
    with no stated trigger apply once there is an attacker to help: an attack or a declaration.
    """
    kind = event.kind.replace("_", " ")
    trigger = p.trigger
    inputs = {"event": event.kind, "trigger": trigger}
    wants = _TRIGGER_WORDS.get(trigger or "", "an attack")
    if event.kind == "threat":
        if trigger == "threat":
            return Reason("trigger", "met", f"{p.label} applies to {wants}: a threat meets it",
                          article=p.article, quote=p.text, inputs=inputs)
        return Reason("trigger", "not_met",
                      f"{p.label} requires {wants}; a threat is not one (only threat or "
                      f"consultation clauses answer a threat)", article=p.article, inputs=inputs)
    if trigger == "threat":
        return Reason("trigger", "met",
                      f"{p.label} applies to {wants}; {_a(kind)} is one a fortiori",
                      article=p.article, inputs=inputs)
    return Reason("trigger", "met", f"{p.label} requires {wants}; the event is {_a(kind)}",
                  article=p.article, inputs=inputs)


def _interp_text(i: Interpretation, on: date) -> str:
    when = "after the event" if i.date > on else "before the event"
    return f"{i.by}, {_d(i.date)} ({when}): “{i.quote.strip()}”"


def _interp_children(items: Iterable[Interpretation], on: date) -> tuple[Reason, ...]:
    return tuple(Reason("interpretation", "met" if i.holds else "not_met", _interp_text(i, on),
                        article=i.article, quote=i.quote, date=i.date,
                        inputs={"question": i.question, "holds": i.holds, "by": i.by},
                        sources=tuple(i.sources)) for i in items)


def _interps_of(idx: _Index, t: Treaty, p: Provision, question: str
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
    key = (id(idx), t.id, p.article, p.valid_from, p.valid_to, question)
    hit = _INTERPS.get(key)
    if hit is None:
        if len(_INTERPS) > 4096:
            _INTERPS.clear()
        hit = _INTERPS[key] = _same_wording(idx, t, p, question, interps)
    return hit


_INTERPS: dict[tuple, tuple[Interpretation, ...]] = {}


def _same_wording(idx: _Index, t: Treaty, p: Provision, question: str,
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


def _decided(i: Interpretation, on: date) -> bool:
    """Whether a decision was taken on this event: given on its day or within a month after."""
    return on <= i.date <= on + timedelta(days=31)


def rule_attacker(p: Provision, t: Treaty, event: Event, idx: _Index) -> Reason | None:
    """Who must attack: a text that says "by any State" is not met by a non-state actor.

    Exception: an authoritative interpretation that the article covers a non-state attack (the
    North Atlantic Council on 12 Sep 2001 for Art. 5) settles it either way. Where the text
    itself requires a State (Rio Treaty Art. 3(1)), a decision that one non-state attack met it
    (the Organ of Consultation on the attacks of 11 September 2001) settles that attack only —
    a decision taken within a month after it; any other non-state attack is uncertain, citing
    the decision. Without any interpretation, a text silent on the attacker leaves it open
    whether a non-state attack is an "armed attack": uncertain. A consultation clause that
    turns on a *threat* is met by any attack: a threat to a party's security does not have to
    come from a state.
    """
    if not event.non_state_only:
        if p.conditions.attacker != "state":
            return None
        states = ", ".join(a.display for a in event.state_attackers)
        return Reason("attacker", "met",
                      f"{p.label} requires an attack by a state; the attacker is {states}",
                      article=p.article, inputs={"attackers": sorted(event.attacker_codes)})
    actors = ", ".join(a.name for a in event.attackers)
    interps = _interps_of(idx, t, p, "non_state_attacker")
    inputs = {"attackers": [a.name for a in event.attackers], "non_state": True}
    if interps:
        holds = {i.holds for i in interps}
        children = _interp_children(interps, event.date)
        if holds == {True} and p.conditions.attacker == "state" and not any(
                _decided(i, event.date) for i in interps):
            # "By any State" stays in the text: a decision that one non-state attack met it
            # shows the parties can so decide, not that every such attack does.
            i = interps[-1]
            return Reason("attacker", "uncertain",
                          f"{p.label} requires an attack by a state, and {actors} is not one; "
                          f"the parties once held a non-state attack to meet it ({i.by}, "
                          f"{_d(i.date)}: “{i.quote.strip()}”), a decision on that attack, "
                          f"not a reading of the text for every other", article=p.article,
                          inputs=inputs, children=children, sources=tuple(i.sources),
                          decides=(f"whether the parties decide again, as on {_d(i.date)}, "
                                   f"that the attack by {actors} counts under {p.label}"))
        if holds == {True}:
            i = interps[0]
            return Reason("attacker", "met",
                          f"Exception (interpretation): {p.label} was held to cover the attack "
                          f"by {actors}, a non-state actor — {i.by}, {_d(i.date)}: "
                          f"“{i.quote.strip()}”", article=p.article, quote=i.quote,
                          inputs=inputs, exception=True, children=children,
                          sources=tuple(i.sources))
        if holds == {False}:
            i = interps[0]
            return Reason("attacker", "not_met",
                          f"Exception (interpretation): {p.label} was held not to cover an "
                          f"attack by a non-state actor — {i.by}, {_d(i.date)}",
                          article=p.article, inputs=inputs, exception=True, children=children)
        return Reason("attacker", "uncertain",
                      f"{p.label}: recorded interpretations disagree on whether it covers an "
                      f"attack by a non-state actor ({actors})", article=p.article,
                      inputs=inputs, children=children,
                      decides="which of the conflicting interpretations the parties follow")
    if p.conditions.attacker == "state":
        return Reason("attacker", "not_met",
                      f"{p.label} requires an attack by a state; {actors} is not a state, and no "
                      f"interpretation extending the article to non-state attackers is recorded",
                      article=p.article, inputs=inputs)
    if p.trigger == "threat":
        return Reason("attacker", "met",
                      f"{p.label} turns on a threat to a party's security, whoever poses it; "
                      f"the attack by {actors} is one", article=p.article, inputs=inputs)
    return Reason("attacker", "uncertain",
                  f"{p.label} does not say who must attack, and no interpretation records "
                  f"whether an attack by a non-state actor ({actors}) counts",
                  article=p.article, inputs=inputs,
                  decides=(f"whether the parties treat the attack by {actors} as an armed "
                           f"attack under {p.label} (e.g. a decision of the treaty's council)"))


def rule_adversaries(p: Provision, event: Event) -> Reason | None:
    """Some pledges name their adversary: only attacks by those states count (ATOP defcoadv)."""
    named = p.conditions.adversaries
    if not named:
        return None
    hit = sorted(event.attacker_codes & set(named))
    names = ", ".join(map(_who, named))
    if hit:
        return Reason("adversary", "met",
                      f"{p.label} applies only to attacks by {names}; the attacker "
                      f"{', '.join(map(_who, hit))} is one", article=p.article,
                      inputs={"adversaries": named, "attackers": sorted(event.attacker_codes)})
    return Reason("adversary", "not_met",
                  f"{p.label} applies only to attacks by {names}; the attacker is not one",
                  article=p.article,
                  inputs={"adversaries": named, "attackers": sorted(event.attacker_codes)})


def rule_state_of_war(p: Provision, t: Treaty, event: Event, idx: _Index) -> Reason | None:
    """"Put in a state of war by an armed invasion": an armed attack or a declaration of war by
    a state puts the target in a state of war; a threat does not.

    A recorded interpretation of the condition (the DPRK on Kursk and Art. 4, 2025) is cited, and
    one that says the condition fails decides it.
    """
    if not (p.conditions.state_of_war or p.trigger == "state_of_war"):
        return None
    who = _who(event.target)
    interps = _interps_of(idx, t, p, "state_of_war")
    children = _interp_children(interps, event.date)
    inputs = {"event": event.kind, "non_state_only": event.non_state_only}
    if event.kind == "threat":
        return Reason("state_of_war", "not_met",
                      f"{p.label} requires that {who} be in a state of war; a threat does not "
                      f"put it in one", article=p.article, inputs=inputs, children=children)
    if any(not i.holds for i in interps):
        i = next(i for i in interps if not i.holds)
        return Reason("state_of_war", "not_met",
                      f"Exception (interpretation): {i.by} held the state-of-war condition of "
                      f"{p.label} not met ({_d(i.date)})", article=p.article, inputs=inputs,
                      exception=True, children=children)
    if event.non_state_only:
        if interps:
            return Reason("state_of_war", "met",
                          f"{p.label}: {interps[0].by} held the state-of-war condition met",
                          article=p.article, inputs=inputs, exception=True, children=children)
        return Reason("state_of_war", "uncertain",
                      f"{p.label} requires that {who} be in a state of war; whether an attack by "
                      f"a non-state actor does so is not settled", article=p.article,
                      inputs=inputs,
                      decides=f"whether the parties regard {who} as being in a state of war")
    kind = event.kind.replace("_", " ")
    text = (f"{p.label} requires that {who} be in a state of war; {_a(kind)} by a state puts "
            f"it in one")
    if interps:
        i = interps[0]
        text += f" (as {i.by} said on {_d(i.date)})"
    return Reason("state_of_war", "met", text, article=p.article, inputs=inputs,
                  children=children)


def rule_request(p: Provision, event: Event) -> Reason | None:
    """"At the request of" the attacked party: no request, no obligation; unknown, uncertain."""
    if not p.conditions.request:
        return None
    who = _who(event.target)
    inputs = {"request": event.request}
    if event.request is None:
        return Reason("request", "uncertain",
                      f"{p.label} applies at the request of the party concerned; the scenario "
                      f"does not say whether {who} asked", article=p.article, inputs=inputs,
                      decides=f"whether {who} requests assistance under {p.label}")
    if event.request:
        return Reason("request", "met", f"{p.label} applies at the request of the party "
                      f"concerned; {who} asked", article=p.article, inputs=inputs)
    return Reason("request", "not_met", f"{p.label} applies only at the request of the party "
                  f"concerned; {who} did not ask", article=p.article, inputs=inputs)


def rule_provocation(p: Provision, event: Event) -> Reason | None:
    """A pledge that excludes provoked attacks turns on whether the target provoked this one."""
    if not p.conditions.non_provocation:
        return None
    who = _who(event.target)
    if event.provoked is None:
        return Reason("non_provocation", "uncertain",
                      f"{p.label} does not apply if {who} provoked the attack; the scenario does "
                      f"not say whether it did", article=p.article,
                      decides=f"whether {who} provoked the attack")
    if event.provoked:
        return Reason("non_provocation", "not_met",
                      f"{p.label} does not apply to an attack {who} provoked, as the scenario "
                      f"says it did", article=p.article, exception=True)
    return Reason("non_provocation", "met",
                  f"{p.label} excludes provoked attacks; the scenario says {who} did not "
                  f"provoke this one", article=p.article)


def rule_conditions_noted(p: Provision) -> list[Reason]:
    """Conditions reported but not formalised as bars: domestic process, UN Charter Art. 51."""
    out = []
    if p.conditions.domestic_process:
        out.append(Reason("domestic_process", "noted",
                          f"{p.label} is to be carried out through the parties' constitutional "
                          f"processes or laws — reported, not treated as a bar",
                          article=p.article))
    if p.conditions.un_charter_51:
        out.append(Reason("un_charter_51", "noted",
                          f"{p.label} is framed as self-defence under Art. 51 of the UN Charter "
                          f"(measures reported to the Security Council)", article=p.article))
    return out


def rule_precedents(t: Treaty, p: Provision, on: date) -> list[Reason]:
    """A recorded invocation (or pointed non-invocation) of the article close to the event —
    from a month before to a year after — is cited beside the verdict, never as its ground."""
    out = []
    for pr in t.precedents:
        if pr.article != p.article or not (on - timedelta(days=31) <= pr.date
                                           <= on + timedelta(days=366)):
            continue
        what = "invoked" if pr.invoked else "not invoked"
        out.append(Reason("precedent", "noted",
                          f"Precedent ({_d(pr.date)}, {p.label} {what}): "
                          f"{' '.join(pr.event.split())} — {' '.join(pr.outcome.split())}",
                          article=p.article, date=pr.date,
                          inputs={"invoked": pr.invoked, "by": list(pr.by)},
                          sources=tuple(pr.sources)))
    return out


# --- geography ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Holder:
    """Whose territory a place is, under one basis; ``settled`` False when that is disputed."""

    states: frozenset[str]
    settled: bool
    why: str


_HOLDERS: dict[tuple[str, str, date], _Holder] = {}


def holder(place: Any, basis: str, on: date) -> _Holder:
    """:func:`_holder`, remembered per place id, basis and date (place facts do not change)."""
    key = (place.id, basis, on)
    hit = _HOLDERS.get(key)
    if hit is None:
        if len(_HOLDERS) > 4096:
            _HOLDERS.clear()
        hit = _HOLDERS[key] = _holder(place, basis, on)
    return hit


def _holder(place: Any, basis: str, on: date) -> _Holder:
    """Whose territory a place is: by recognised title (``sovereign``) or by control.

    Where title and control differ (occupied or disputed territory), the sovereign basis leaves
    it unsettled; the administered basis ("territories under the administration of Japan")
    settles it by who controls the place. Before the date the gazetteer gives for the present
    status (Crimea 2014, Okinawa 1972), the holders of the recorded earlier period decide; where
    no period is recorded, who held the place is unsettled rather than assumed.
    """
    name = _places.fact(place, "name") or "the place"
    sov = _places.fact(place, "sovereign")
    adm = _places.fact(place, "administered_by")
    since = _places.fact(place, "status_since")
    claimants = tuple(_places.fact(place, "claimants") or ())
    if since is not None and on < since:
        earlier = place.status_on(on)
        if earlier is None:
            states = frozenset(s for s in (sov, adm, *claimants) if s)
            return _Holder(states, False, f"the gazetteer dates {name}'s present status from "
                           f"{_d(since)}; who held it on {_d(on)} is not recorded")
        sov, adm = earlier  # today's claims do not date back: judge by that period's holders
        claimants = ()
        since = None
    if basis == "administered":
        if adm is None:
            return _Holder(frozenset(), sov is None,
                           f"no state administers {name}" if sov is None
                           else f"the gazetteer records no administering state for {name}")
        why = f"{name} is administered by {_who(adm)}"
        if sov != adm:
            why += (f" (recognised sovereign: {_who(sov)})" if sov
                    else " (no state's title to it is recognised)")
        return _Holder(frozenset({adm}), True, why)
    if sov is not None and (adm is None or adm == sov):
        why = f"{name} is territory of {_who(sov)}"
        if claimants and set(claimants) - {sov}:
            others = ", ".join(_who(c) for c in claimants if c != sov)
            why += f" (also claimed by {others})"
        return _Holder(frozenset({sov}), True, why)
    if sov is not None:
        since_txt = f" since {_d(since)}" if since else ""
        return _Holder(frozenset({sov, adm}), False,
                       f"{name} is recognised as territory of {_who(sov)} but held by "
                       f"{_who(adm)}{since_txt}")
    if adm is not None:
        claims = ", ".join(map(_who, claimants)) or "none recorded"
        return _Holder(frozenset({adm, *claimants}), False,
                       f"no state's title to {name} is recognised (claimants: {claims}); it is "
                       f"administered by {_who(adm)}")
    if claimants:
        # Claimed but held by no one state (the Spratlys as a whole): disputed, not no-man's-land.
        return _Holder(frozenset(claimants), False,
                       f"no state's title to {name} is recognised and no one state holds it "
                       f"(claimants: {', '.join(map(_who, claimants))})")
    return _Holder(frozenset(), True, f"{name} is no state's territory")


def _territory_of_target(place: Any, basis: str, event: Event) -> Reason:
    """An attack on territory is an attack on the target only if the place is its territory."""
    key = (place.id, basis, event.target, event.date)
    hit = _TERRITORY.get(key)
    if hit is None:
        if len(_TERRITORY) > 4096:
            _TERRITORY.clear()
        hit = _TERRITORY[key] = _territory_reason(place, basis, event)
    return hit


_TERRITORY: dict[tuple, Reason] = {}


def _territory_reason(place: Any, basis: str, event: Event) -> Reason:
    target = event.target
    h = holder(place, basis, event.date)
    claimants = set(_places.fact(place, "claimants") or ())
    basis_txt = "administration" if basis == "administered" else "recognised title"
    inputs = {"basis": basis, "holders": sorted(h.states), "settled": h.settled}
    if target in h.states and h.settled:
        return Reason("territory", "met", f"{h.why} (by {basis_txt})", inputs=inputs)
    status = place.status_on(event.date) if hasattr(place, "status_on") else None
    since = _places.fact(place, "status_since")
    if status is None and since is not None and event.date < since:
        # Before the present status with no earlier period recorded: who held the place then
        # is unknown, for the target as for anyone (the Baltic states before 6 Sep 1991).
        return Reason("territory", "uncertain", h.why, inputs=inputs,
                      decides=(f"whose territory {_places.fact(place, 'name')} was on "
                               f"{_d(event.date)}"))
    sov = status[0] if status else _places.fact(place, "sovereign")
    if basis == "sovereign" and not h.settled and sov is not None and target != sov and \
            target in h.states and target not in claimants:
        # Holding is not title: a state in control of another's recognised territory that does
        # not claim it (Russia in Abkhazia, Turkey in northern Cyprus, Armenia's control of
        # Nagorno-Karabakh found in Chiragov) has no territory there to be attacked.
        return Reason("territory", "not_met",
                      f"{h.why}; {_who(target)} holds it without claiming title, so by "
                      f"recognised title it is not territory of {_who(target)} (an attack on "
                      f"its forces there is described with on: forces)", inputs=inputs)
    if target in h.states or (not h.settled and (target in claimants or target == sov)):
        return Reason("territory", "uncertain", f"Disputed or occupied territory: {h.why}",
                      inputs=inputs,
                      decides=(f"whether the parties regard {_places.fact(place, 'name')} as "
                               f"territory of {_who(target)}"))
    if not h.states:
        return Reason("territory", "not_met",
                      f"{h.why}: an attack there is on forces or vessels, not on "
                      f"the territory of {_who(target)} (describe it with on: forces)",
                      inputs=inputs)
    return Reason("territory", "not_met",
                  f"{h.why}, not of {_who(target)} (by {basis_txt}); an attack on the forces "
                  f"of {_who(target)} there is described with on: forces", inputs=inputs)


#: Waters whose place in a treaty's named sea is not settled. The IHO's Limits of Oceans and
#: Seas (S-23, 1953) lists the Black Sea and the Sea of Azov in the Mediterranean region but as
#: seas of their own, so whether North Atlantic Treaty Art. 6's "the Mediterranean Sea" reaches
#: them is open, not a plain no.
_DEBATED_WATERS = {
    ("black_sea", "mediterranean"): "whether the Black Sea is part of 'the Mediterranean Sea' is "
    "not settled (the IHO lists it as a separate sea of the Mediterranean region)",
    ("sea_of_azov", "mediterranean"): "whether the Sea of Azov is part of 'the Mediterranean Sea'"
    " is not settled (the IHO lists it as a separate sea of the Mediterranean region)",
}

#: The southernmost latitude of land the gazetteer puts in Europe (Gavdos, Greece, 34.8° N).
_EUROPE_SOUTH = 34.8

_CONTINENTS = {"AF": "Africa", "AN": "Antarctica", "AS": "Asia", "EU": "Europe",
               "NA": "North America", "OC": "Oceania", "SA": "South America"}


def _water(tag: str) -> str:
    return tag.replace("_", " ").title().replace(" Of ", " of ")


def _three(results: Iterable[str]) -> str:
    rs = list(results)
    if "not_met" in rs:
        return "not_met"
    if "uncertain" in rs:
        return "uncertain"
    return "met"


def _area(area: Area, place: Any, event: Event, parties: frozenset[str],
          ancestors: tuple[str, ...]) -> tuple[str, list[tuple[str, str]], list[str]]:
    """One area: every predicate set must hold (three-valued AND).

    Returns the result, each predicate's (result, sentence), and what would decide any
    predicate the place's facts cannot answer. The first predicates are the area's form
    (territory or forces) and dates, so a summary can skip areas that do not apply at all.
    """
    parts: list[tuple[str, str]] = []
    decides: list[str] = []
    name = _places.fact(place, "name") or "the place"
    on = event.date
    if area.targets != "any" and area.targets != event.on:
        parts.append(("not_met", f"it covers attacks on {area.targets}, not on {event.on}"))
    if (area.valid_from and on < area.valid_from) or (area.valid_to and on > area.valid_to):
        window = f"{_d(area.valid_from) if area.valid_from else '…'} to " \
                 f"{_d(area.valid_to) if area.valid_to else '…'}"
        parts.append(("not_met", f"it applied only from {window}"))
    if place is None:
        parts.append(("uncertain", "the gazetteer has no facts about the place"))
        decides.append("the place's facts (continent, waters, whose territory it is)")
        return _three(r for r, _ in parts), parts, decides
    if area.places:
        hit = [a for a in ancestors if a in area.places]
        unknown = [a for a in area.places if not _places.known(a)]
        if hit:
            parts.append(("met", f"{name} lies within {hit[0]}"))
        elif unknown:
            parts.append(("uncertain", f"the gazetteer has no place {', '.join(unknown)}, so "
                          f"whether {name} lies within it is open"))
            decides.append(f"whether {name} lies within {', '.join(unknown)}")
        else:
            parts.append(("not_met", f"{name} is not within {', '.join(area.places)}"))
    if area.states:
        if event.on == "territory":
            ok = event.target in area.states
            parts.append(("met" if ok else "not_met",
                          f"the attacked party, {_who(event.target)}, is "
                          f"{'' if ok else 'not '}the party it names "
                          f"({', '.join(area.states)})"))
        else:
            h = holder(place, area.basis, on)
            inside = h.states & set(area.states)
            if inside and h.settled and h.states <= set(area.states):
                parts.append(("met", f"{h.why}"))
            elif not inside:
                parts.append(("not_met", f"{h.why}, not of {', '.join(area.states)}"))
            else:
                parts.append(("uncertain", f"{h.why}"))
                decides.append(f"whether {name} counts as territory of "
                               f"{', '.join(area.states)}")
    if area.continents:
        c = _places.fact(place, "continent")
        if c is None:
            parts.append(("uncertain", f"the gazetteer gives no continent for {name}"))
            decides.append(f"which continent {name} lies in")
        else:
            ok = c in area.continents
            wanted = " or ".join(_CONTINENTS.get(x, x) for x in area.continents)
            parts.append(("met" if ok else "not_met",
                          f"{name} lies in {_CONTINENTS.get(c, c)}"
                          + ("" if ok else f", not in {wanted}")))
        if event.on == "forces" and not area.states:
            # "forces ... when in or over these territories": a party's territory there.
            h = holder(place, area.basis, on)
            inside = h.states & parties
            if inside and h.settled:
                parts.append(("met", f"{h.why}, a party's territory"))
            elif not inside:
                parts.append(("not_met", f"{h.why}, not a party's territory"))
            else:
                parts.append(("uncertain", h.why))
                decides.append(f"whether {name} counts as a party's territory")
    if area.oceans:
        waters = tuple(_places.fact(place, "oceans") or ())
        wanted = "/".join(_water(o) for o in area.oceans)
        if not waters and _places.fact(place, "landlocked"):
            parts.append(("not_met", f"{name} is landlocked: it lies in no sea or ocean, so "
                          f"not in the {wanted} area"))
        elif not waters:
            # The gazetteer tags waters for seas, islands and points at sea, not for land
            # regions or whole states (whose coasts may touch the waters): it cannot say.
            whole = " as a whole" if _places.fact(place, "kind") == "state" else ""
            parts.append(("uncertain", f"the gazetteer tags no waters for {name}{whole}, so "
                          f"whether it lies in the {wanted} area is open"))
            decides.append(f"where in {name} the attack happens (in the {wanted} area or not)"
                           if whole else f"whether {name} counts as in the {wanted} area")
        else:
            hit = [w for w in waters if w in area.oceans]
            debated = [(w, o) for w in waters for o in area.oceans if (w, o) in _DEBATED_WATERS]
            if not hit and debated:
                w, o = debated[0]
                parts.append(("uncertain", f"{name} lies in the {_water(w)}; "
                              f"{_DEBATED_WATERS[(w, o)]}"))
                decides.append(f"whether the {_water(w)} counts as part of the {_water(o)}")
            else:
                parts.append(("met", f"{name} lies in the {_water(hit[0])}") if hit else
                             ("not_met", f"{name} lies in the "
                              f"{', '.join(_water(w) for w in waters)}, not the "
                              f"{'/'.join(_water(o) for o in area.oceans)}"))
    if area.island is not None:
        island = bool(_places.fact(place, "island"))
        ok = island == area.island
        parts.append(("met" if ok else "not_met",
                      f"{name} is {'' if island else 'not '}an island"))
    if area.metropolitan is not None:
        metro = _places.fact(place, "metropolitan")
        if metro is None:
            parts.append(("uncertain", f"the gazetteer does not say whether {name} is "
                          "metropolitan territory"))
            decides.append(f"whether {name} is metropolitan territory")
        else:
            ok = bool(metro) == area.metropolitan
            parts.append(("met" if ok else "not_met",
                          f"{name} is {'' if metro else 'not '}metropolitan territory"))
    if area.north_of is not None:
        lat = _places.fact(place, "lat")
        if lat is None and _places.fact(place, "continent") == "EU" and \
                area.north_of < _EUROPE_SOUTH:
            # No point recorded, but all of Europe lies north of 34.8° N (Gavdos; the Canary
            # Islands and Madeira are African in the gazetteer).
            parts.append(("met", f"{name} lies in Europe, all of which is north of "
                          f"{area.north_of:.1f}°N"))
        elif lat is None:
            parts.append(("uncertain", f"the gazetteer gives no latitude for {name}"))
            decides.append(f"the latitude of {name}")
        else:
            ok = lat > area.north_of
            parts.append(("met" if ok else "not_met",
                          f"{name} (latitude {lat:.1f}) is {'north' if ok else 'south'} of "
                          f"{area.north_of:.1f}°N"
                          + (" (the Tropic of Cancer)" if abs(area.north_of - 23.44) < 0.01
                             else "")))
    return _three(r for r, _ in parts), parts, decides


def _held_for_consultation(p: Provision, terr: Reason, place: Any, event: Event) -> Reason:
    """A threat to a place the party holds threatens that party's security, whoever has title.

    Consultation clauses turn on a party's security being threatened ("the territorial
    integrity, political independence or security of any of the Parties is threatened"), so
    they do not wait on title: a place the target administers counts for them.
    """
    if p.kind != "consultation" or terr.result == "met" or \
            event.target not in holder(place, "administered", event.date).states:
        return terr
    return Reason("territory", "met",
                  f"{holder(place, 'sovereign', event.date).why} — an attack there threatens "
                  f"the security of {_who(event.target)}, which holds it", inputs=terr.inputs)


def rule_scope(p: Provision, t: Treaty, event: Event, place: Any, idx: _Index,
               parties: frozenset[str]) -> Reason:
    """Where the attack must happen: areas are ORed, each area's predicates ANDed.

    Exception (scope): an article whose scope lists areas (North Atlantic Treaty Art. 6 for
    Art. 5) applies only inside one of them. A predicate the place's facts cannot answer gives
    ``uncertain``, never a silent no. An attack on territory must be on the target's territory,
    by the area's ``basis``: recognised title, or administration. Exception (interpretation): a
    recorded reading that the place is (or is not) in scope settles it, citing who said it.
    """
    name = _places.fact(place, "name") or (event.place or
                                           f"the territory of {_who(event.target)}")
    scope = p.scope
    note = ""
    if scope.note and re.match(r"^\s*Art\.?\s*[\dIVXL]+", scope.note):
        note = re.match(r"^\s*(Art\.?\s*[\dIVXL]+[a-z]?(?:\(\d+\))?)", scope.note).group(1)
    label = f"{note} (scope of {p.label})" if note and note != p.label else f"{p.label} scope"
    inputs: dict[str, Any] = {"place": _places.fact(place, "id") or event.place,
                              "on": event.on}
    children: list[Reason] = []
    decides: list[str] = []
    if scope.anywhere:
        if event.on == "territory":
            if place is not None:
                terr = _held_for_consultation(
                    p, _territory_of_target(place, "sovereign", event), place, event)
            elif event.place is None:
                terr = Reason("territory", "met", f"the attack is on {name}")
            else:
                terr = Reason("territory", "uncertain",
                              f"the gazetteer cannot say whose territory {event.place} is",
                              decides=f"whether {event.place} is territory of "
                                      f"{_who(event.target)}")
            children.append(terr)
            result = terr.result
            text = f"{label}: no geographic limit; {terr.text}"
            if terr.decides:
                decides.append(terr.decides)
        else:
            result, text = "met", f"{label}: no geographic limit"
        base = Reason("scope", result, text, article=p.article, inputs=inputs,
                      children=tuple(children), decides="; ".join(decides) or None)
    else:
        ancestors = _places.ancestors(place)
        area_results = []
        failing: list[str] = []
        skipped: list[str] = []
        open_: list[str] = []
        for a in scope.areas:
            if event.on == "territory" and a.targets in ("territory", "any") and \
                    place is not None:
                terr = _held_for_consultation(
                    p, _territory_of_target(place, a.basis, event), place, event)
            else:
                terr = None
            r, parts, dec = _area(a, place, event, parties, ancestors)
            if terr is not None:
                r = _three([r, terr.result])
                parts = [*parts, (terr.result, terr.text)]
                if terr.decides:
                    dec = [*dec, terr.decides]
            area_results.append(r)
            head = f"‘{' '.join(a.label.split())}’: "
            children.append(Reason("area", r, head + "; ".join(t for _, t in parts),
                                   inputs={"basis": a.basis, "targets": a.targets},
                                   decides="; ".join(dec) or None, sources=tuple(a.sources),
                                   exception=True))
            form_or_date = parts and parts[0][1].startswith(("it covers attacks on",
                                                               "it applied only"))
            if r == "not_met" and not form_or_date:
                failing.append(head + "; ".join(t for x, t in parts if x == "not_met"))
            elif r == "not_met":
                skipped.append(head.strip(" :’‘"))
            elif r == "uncertain":
                open_.append(head + "; ".join(t for x, t in parts if x == "uncertain"))
            if r == "uncertain":
                decides += dec
        if scope.unresolved:
            area_results.append("uncertain")
            children.append(Reason("area", "uncertain",
                                   f"a limit casus cannot evaluate: {scope.unresolved}",
                                   decides=f"whether {name} lies within {scope.unresolved}",
                                   exception=True))
            open_.append(f"a limit casus cannot evaluate: {scope.unresolved}")
            decides.append(f"whether {name} lies within {scope.unresolved}")
        if "met" in area_results:
            result = "met"
            inside = next(c for c in children if c.result == "met")
            text = f"{label}: {name} is within {inside.text}"
        elif "uncertain" in area_results:
            result = "uncertain"
            text = f"{label}: whether {name} is within the article's areas is open — " + \
                " | ".join(open_)
        else:
            result = "not_met"
            text = (f"Exception ({label}): {name} lies outside every area the article names — "
                    + " | ".join(failing))
            if skipped and not failing:
                other = "forces" if event.on == "territory" else "territory"
                text = (f"Exception ({label}): the article's areas cover attacks on {other} (or "
                        f"other dates), not this attack on {event.on} at {name} — "
                        + " | ".join(skipped))
            elif skipped:
                text += f" (the {len(skipped)} other area(s) cover " + \
                    ("attacks on forces" if event.on == "territory" else "attacks on territory") \
                    + " or other dates)"
        base = Reason("scope", result, text, article=p.article, inputs=inputs,
                      children=tuple(children), exception=result == "not_met",
                      decides="; ".join(dict.fromkeys(decides)) or None if result ==
                      "uncertain" else None)
    return _scope_interpretations(base, p, t, event, place, idx, label, name)


def _same_status_period(since: date | None, said: date, on: date) -> bool:
    """A reading that a place is in scope speaks of the place as it stood when it was given.

    Obama's 2014 statement that Art. V covers the Senkaku Islands rests on their being "under
    the administration of Japan", which dates from 15 May 1972 (the gazetteer's
    ``status_since``); it does not reach back to an attack in 1971, under US administration, nor
    does a reading given before a change of status decide an attack after it.
    """
    return since is None or (said >= since) == (on >= since)


def _scope_interpretations(base: Reason, p: Provision, t: Treaty, event: Event, place: Any,
                           idx: _Index, label: str, name: str) -> Reason:
    interps = _interps_of(idx, t, p, "place_in_scope")
    if not interps or place is None:
        return base
    ancestors = set(_places.ancestors(place))
    if event.on == "territory":
        # A reading that a sea is in scope ("Philippine forces, aircraft or public vessels in
        # the South China Sea") speaks of what is at sea, not of whose an island in it is.
        ancestors -= {w.replace("_", "-") for w in _places.fact(place, "oceans") or ()}
    since = _places.fact(place, "status_since")
    relevant = [i for i in interps if ancestors & set(i.places)
                and _same_status_period(since, i.date, event.date)]
    if not relevant:
        return base
    holds = {i.holds for i in relevant}
    children = (*_interp_children(relevant, event.date), base)
    i = relevant[-1]
    if holds == {True}:
        if base.result == "met":
            return Reason("scope", "met",
                          f"{base.text}; confirmed by {_interp_text(i, event.date)}",
                          article=p.article, inputs=base.inputs, children=children)
        return Reason("scope", "met",
                      f"Exception (interpretation, {label}): {name} is in scope — "
                      f"{_interp_text(i, event.date)}", article=p.article, quote=i.quote,
                      inputs=base.inputs, children=children, exception=True,
                      sources=tuple(i.sources))
    if holds == {False}:
        return Reason("scope", "not_met",
                      f"Exception (interpretation, {label}): {name} was held out of scope — "
                      f"{_interp_text(i, event.date)}", article=p.article, inputs=base.inputs,
                      children=children, exception=True, sources=tuple(i.sources))
    return Reason("scope", "uncertain", f"{label}: recorded interpretations disagree on whether "
                  f"{name} is in scope", article=p.article, inputs=base.inputs,
                  children=children, decides="which interpretation the parties follow")


# --- putting it together --------------------------------------------------------------------

def _reference_date(t: Treaty, on: date) -> date:
    """The date whose membership names the candidate obligors (clamped to the treaty's life)."""
    start = t.in_force.known or t.signed.known
    end = t.ended.known if t.ended else None
    if start and on < start:
        return start
    if end and on >= end:
        return end - timedelta(days=1)
    return on


def _obligors(t: Treaty, p: Provision, target: str, on: date,
              everyone: list[str] | None = None) -> list[str]:
    """Who could owe this provision to the target: the listed obligors, or every other party.

    "Every other party" is the membership on the date, clamped to the treaty's life (so an
    ended treaty names its last parties and one not yet in force its first).
    """
    if p.directions:
        return sorted({d.obligor for d in p.directions if d.beneficiary == target})
    if everyone is not None:
        return everyone
    members = t.members_on(_reference_date(t, on)) or set(t.parties)
    return sorted(members - {target})


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


def _assess_event(ix: int, event: Event, registry: Registry, idx: _Index
                  ) -> tuple[list[Obligation], EventAssessment]:
    on, target = event.date, event.target
    place = _places.lookup(event.place) if event.place else _places.territory(target)
    notes = list(event.notes)
    if place is None:
        notes.append("the gazetteer has no entry for the place; geographic limits are read as "
                     "uncertain")
    ever = idx.by_party.get(target, ())
    treaties = [t for t in ever if t.signed.known is None or t.signed.known <= on]
    later = [t for t in ever if t.signed.known is not None and t.signed.known > on]
    if not ever:
        notes.append(f"{_who(target)} is party to no treaty in the casus registry "
                     f"({idx.size} treaties), so no treaty obligation to defend it is recorded")
    elif not treaties:
        first = min(later, key=lambda t: t.signed.known or date.max)
        notes.append(f"on {_d(on)} no treaty in the registry bound anyone toward "
                     f"{_who(target)}: the earliest it is party to, {treaty_name(first)}, was "
                     f"signed on {_d(first.signed.known)}")
    elif later:
        later = sorted(later, key=lambda t: t.signed.known or date.max)
        shown = ", ".join(f"{treaty_name(t)} ({_d(t.signed.known)})" for t in later[:5])
        more = f" and {len(later) - 5} more" if len(later) > 5 else ""
        notes.append(f"signed after the event, so not assessed: {shown}{more}")
    if target == "SUN" and on >= date(1991, 12, 26):
        notes.append("the USSR (SUN) ceased to exist on 1991-12-26; Russia (RUS) continued its "
                     "treaties")

    out: list[Obligation] = []
    attackers = event.attacker_codes
    for t in treaties:
        name = idx.names[t.id]
        party_of: dict[str, Reason] = {}
        in_force = rule_in_force(t, on, idx.names)
        target_party = rule_party(t, target, on, "beneficiary",
                                  idx.spells.get((t.id, target), ()))
        parties = frozenset(t.members_on(on))
        everyone = sorted((t.members_on(_reference_date(t, on)) or set(t.parties)) - {target})
        for _article, versions in idx.articles.get(t.id, ()):
            for p in _versions(versions, on):
                obligors = _obligors(t, p, target, on, everyone)
                if not obligors:
                    continue
                shared = [in_force]
                valid = rule_valid(p, on)
                if valid is not None:
                    shared.append(valid)
                shared.append(target_party)
                provision_rules = [rule_trigger(p, event)]
                for rule in (rule_attacker(p, t, event, idx), rule_adversaries(p, event),
                             rule_state_of_war(p, t, event, idx), rule_request(p, event),
                             rule_provocation(p, event)):
                    if rule is not None:
                        provision_rules.append(rule)
                provision_rules.append(rule_scope(p, t, event, place, idx, parties))
                noted = rule_conditions_noted(p) + rule_precedents(t, p, on)
                pre, post = _split(shared), _split(provision_rules)
                reading = Reading(
                    treaty_title=name, article=p.article, heading=p.heading, kind=p.kind,
                    strength=p.strength, quote=idx.quotes[id(p)], text_status=p.text_status,
                    date=on, label=f"{p.label} of {name}", noted=tuple(noted),
                    sources=tuple(p.sources), not_formalized=tuple(p.not_formalized))
                shared_t, post_t = tuple(shared), tuple(provision_rules)
                for obligor in obligors:
                    party = party_of.get(obligor)
                    if party is None:
                        party = party_of[obligor] = rule_party(
                            t, obligor, on, "obligor", idx.spells.get((t.id, obligor), ()))
                    own = [party]
                    if p.directions:
                        own.append(rule_direction(p, obligor, target))
                    if t.suspensions:
                        r = rule_suspension(t, obligor, target, on)
                        if r is not None:
                            own.append(r)
                    if obligor in attackers:
                        own.append(rule_not_self(obligor, attackers, p))
                    verdict, decided = _combine3(pre, own, post)
                    out.append(Obligation(
                        event=ix, obligor=obligor, beneficiary=target, treaty=t.id,
                        verdict=verdict, checks=(*shared_t, *own, *post_t),
                        decided_by=decided, reading=reading))
    ev = EventAssessment(index=ix, event=event, place=_places.summary(place), notes=tuple(notes))
    return out, ev


def obligations_on(scenario: Scenario, registry: Registry | None = None) -> Assessment:
    """Every obligation each event of the scenario could trigger, with verdicts and reasons.

    ``registry`` defaults to the embedded registry (:func:`casus.model.registry.load_registry`).
    Obligations come in a deterministic order: event, treaty id, article, obligor.

    >>> from casus.reasoner import Scenario, obligations_on
    >>> s = Scenario.single(date="2024-12-05", attackers=["UKR"], target="RUS",
    ...                     place="Kursk Oblast")
    >>> [o.verdict for o in obligations_on(s).find("rus-prk-2024", "4")]  # doctest: +SKIP
    ['triggered']
    """
    registry = load_registry() if registry is None else registry
    idx = index_for(registry)
    obligations: list[Obligation] = []
    events: list[EventAssessment] = []
    for ix, event in enumerate(scenario.events):
        obs, ev = _assess_event(ix, event, registry, idx)
        obligations += obs
        events.append(ev)
    # Built in order already: events in turn, treaties by id, articles in natural order and
    # wordings by date (the index), obligors sorted.
    return Assessment(scenario=scenario, obligations=tuple(obligations), events=tuple(events))


# --- the CLI's entry point ------------------------------------------------------------------

def _parse_attackers(text: str) -> list[Attacker]:
    """``"RUS"``, ``"Russia, Belarus"`` or ``"non-state:al-Qaeda"`` → attackers."""
    out = []
    for part in [p.strip() for p in str(text).split(",") if p.strip()]:
        m = re.match(r"^non[-_ ]?state\s*:\s*(.+)$", part, re.IGNORECASE)
        if m:
            out.append(Attacker(name=m.group(1).strip(), non_state=True))
        else:
            out.append(Attacker(name=part, code=resolve_code(part, attacker=True)))
    if not out:
        raise InputError("no attacker given: name a state (e.g. RUS) or a non-state actor "
                         "as non-state:<name> (e.g. non-state:al-Qaeda)")
    return out


def obligations_for_cli(attacker: str, target: str, date: str, place: str | None,
                        request: bool | None, kind: str, *, on: str = "territory",
                        provoked: bool | None = None,
                        registry: Registry | None = None) -> Assessment:
    """Validate raw command-line strings, then run :func:`obligations_on` on one event.

    ``attacker`` is a state name or code, several separated by commas, or
    ``non-state:<name>``; ``target`` a state; ``date`` ``YYYY-MM-DD`` (or ``today``);
    ``place`` a gazetteer name or ``"lat,lon"`` (None: the target's territory); ``kind`` one of
    ``armed_attack``, ``declaration_of_war``, ``threat`` (hyphens allowed).

    Raises :class:`UnknownNameError` (with close matches) for an unknown state or place and
    :class:`InputError` for a bad date, kind or coordinates.

    >>> a = obligations_for_cli("UKR", "RUS", "2024-12-05", "Kursk Oblast", None,
    ...                         "armed_attack")  # doctest: +SKIP
    """
    when = parse_date(date)
    attackers = _parse_attackers(attacker)
    target_code = resolve_code(target)
    kind_norm = str(kind).strip().lower().replace("-", "_").replace(" ", "_")
    if kind_norm not in EVENT_KINDS:
        raise InputError(f"bad kind {kind!r}: expected one of {', '.join(EVENT_KINDS)}")
    on_norm = str(on).strip().lower()
    if on_norm not in ("territory", "forces"):
        raise InputError(f"bad target form {on!r}: expected 'territory' or 'forces'")
    if place is not None and place.strip():
        _places.lookup(place.strip())  # UnknownNameError / InputError from the gazetteer
    event = Event(date=when, attackers=attackers, target=target_code,
                  place=place.strip() if place and place.strip() else None, kind=kind_norm,
                  on=on_norm, request=request, provoked=provoked)
    return obligations_on(Scenario(events=[event]), registry)
