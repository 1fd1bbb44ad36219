"""Treaty- and party-level rules: is the treaty in force, who is bound, who is owed.

Each rule's docstring states the principle it applies; each returns one
:class:`~casus.reasoner.trace.Reason`.
"""

from __future__ import annotations

from datetime import date, timedelta

from casus._cache import Memo
from casus.model.regimes import regimes as regime_lists
from casus.model.treaty import (
    Designation,
    Membership,
    Provision,
    Reservation,
    Suspension,
    Treaty,
    article_label,
)
from casus.reasoner.conditions import external_origin
from casus.reasoner.scenario import Event
from casus.reasoner.trace import Reason
from casus.reasoner.words import day, state_label, treaty_name


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
        text = f"{name}: whether it was in force on {day(on)} is not known"
        bound = t.in_force.no_later_than
        if start is None:
            decides = (f"the date {name} entered into force, which the registry does not know "
                       f"(signed {day(t.signed.known)})")
            if bound is not None:
                # inside the window the sources leave open: after signature, before the day
                # they show it in force — neither yes nor no would be honest
                text += (f": signed {day(t.signed.known)} and in force by {day(bound)} at the "
                         f"latest, the day it entered into force in between is not known")
        else:
            decides = f"the date {name} ended, which the registry records as unknown"
        return Reason("treaty_in_force", "uncertain", text, date=on,
                      inputs=inputs, decides=decides, sources=sources)
    if state and start is None:
        return Reason("treaty_in_force", "met",
                      f"{name} was in force on {day(on)}: the day it entered into force is not "
                      f"recorded, but the sources show it in force by "
                      f"{day(t.in_force.no_later_than)}",
                      date=on, inputs=inputs, sources=sources)
    if state:
        text = f"{name} was in force on {day(on)} (since {day(start)}"
        if t.in_force.certainty != "confirmed":
            text += f", a date the registry marks {t.in_force.certainty}"
        return Reason("treaty_in_force", "met", text + ")", date=on, inputs=inputs,
                      sources=sources)
    if start is not None and on < start:
        text = (f"{name} was not yet in force on {day(on)}: signed {day(t.signed.known)}, "
                f"in force from {day(start)}")
        return Reason("treaty_in_force", "not_met", text, date=on, inputs=inputs,
                      sources=sources)
    assert t.ended is not None
    by = t.ended.by
    how = t.ended.how + (f" by {(names or {}).get(by, by)}" if by else "")
    text = f"{name} was no longer in force on {day(on)}: it ended on {day(end)} ({how})"
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
        text = f"{state_label(state)} was a party to {name} on {day(on)} (from {day(m.joined)}"
        if m.via == "succession" and m.successor_of:
            text += f", as successor of {state_label(m.successor_of)}"
        if m.left:
            text += f" to {day(m.left)}"
        text += ")"
        if m.disputed_from is not None and on >= m.disputed_from:
            # A contested return (Venezuela's to the Rio Treaty in 2019) is disputed from its
            # first day: whether the state was bound *again*, not *still*.
            how = "bound again" if m.via == "rejoined" and m.disputed_from == m.joined \
                else "still bound"
            return Reason(f"{role}_party", "uncertain",
                          f"{text}; from {day(m.disputed_from)} the sources dispute whether "
                          f"{state_label(state)} was {how}", date=on, inputs=inputs,
                          sources=tuple(m.sources), per_obligor=per_obligor,
                          decides=f"whether {state_label(state)} was {how} by {name} "
                                  f"on {day(on)}")
        if m.certainty != "confirmed":
            text += f"; the spell's dates are {m.certainty} in the sources"
        return Reason(f"{role}_party", "met", text, date=on, inputs=inputs,
                      sources=tuple(m.sources), per_obligor=per_obligor)
    if not spells:
        return Reason(f"{role}_party", "not_met", f"{state_label(state)} is not a party to {name}",
                      date=on, inputs=inputs, per_obligor=per_obligor)
    first = min(spells, key=lambda m: m.joined)
    if on < first.joined:
        text = (f"{state_label(state)} was not yet a party to {name} on {day(on)} "
                f"(it joined on {day(first.joined)})")
        return Reason(f"{role}_party", "not_met", text, date=on, inputs=inputs,
                      sources=tuple(first.sources), per_obligor=per_obligor)
    before = max((m for m in spells if m.left and m.left < on), key=lambda m: m.left or on)
    text = (f"{state_label(state)} was no longer a party to {name} on {day(on)} "
            f"(its membership ended on {day(before.left)} by {before.left_via}")
    if before.left_by_notice and t.duration is not None:
        under = article_label(t.duration.article) if t.duration.article else "the treaty"
        text += (f": notice received {day(before.notice)}, in effect after "
                 f"{t.duration.notice_months} months under {under}")
    if before.left_via == "succession":
        heirs = [m.state for m in t.members if m.successor_of == state]
        if heirs:
            text += f"; {', '.join(map(state_label, heirs))} continued it"
    text += ")"
    if before.certainty != "confirmed":
        text += f"; the end date is {before.certainty} in the sources"
    return Reason(f"{role}_party", "not_met", text, date=on, inputs=inputs,
                  sources=tuple(before.sources), per_obligor=per_obligor)


def rule_designated(t: Treaty, d: Designation, on: date) -> Reason:
    """A state the parties designated for an article is owed it without being a party, while
    the designation holds (Manila Pact Art. IV(1): aggression "against any of the Parties or
    against any State or territory which the Parties by unanimous agreement may hereafter
    designate"; the Protocol named Cambodia, Laos and South Vietnam). A designation the sources
    dispute (the state refusing the protection) leaves the duty open."""
    name = treaty_name(t)
    who = state_label(d.state)
    inputs = {"state": d.state, "role": "beneficiary", "date": on, "designated_by": d.by}
    common = {"date": on, "inputs": inputs, "quote": d.quote, "sources": tuple(d.sources)}
    if not d.covers(on):
        when = (f"from {day(d.start)}" + (f" to {day(d.end)}" if d.end else ""))
        return Reason("beneficiary_party", "not_met",
                      f"{who} is no party to {name}; it was designated by {d.by} {when}, not on "
                      f"{day(on)}", **common)
    text = (f"{who} is no party to {name} but was designated by {d.by} for "
            f"{', '.join(d.articles)} (from {day(d.start)}"
            + (f" to {day(d.end)}" if d.end else "") + ")")
    if d.disputed_from is not None and on >= d.disputed_from:
        return Reason("beneficiary_party", "uncertain",
                      f"{text}; from {day(d.disputed_from)} the sources dispute whether the "
                      f"designation still held" + (f" — {d.note}" if d.note else ""), **common,
                      decides=f"whether {who} was still owed {name} on {day(on)}")
    if d.certainty != "confirmed":
        text += f"; the dates are {d.certainty} in the sources"
    return Reason("beneficiary_party", "met", text, **common)


def rule_suspension(t: Treaty, obligor: str, target: str, on: date) -> Reason | None:
    """Exception: a party may suspend its obligations, or freeze its participation, in place.

    ``obligations_suspended`` by the obligor toward the target means it owes nothing
    (the United States toward New Zealand under ANZUS since 1986). The suspension also reaches
    back: a party whose co-party suspended its obligations toward it may suspend its own "in the
    relations between itself and the defaulting State" (Vienna Convention on the Law of Treaties,
    Art. 60(2)(b), a repudiation being a material breach, Art. 60(3)(a)), so what it owes the
    suspending party is uncertain — whether it does so is its choice, not the text's (New
    Zealand toward the United States since 1986). Only a suspension aimed at named parties
    reaches back so: a standing opt-out toward every party (Moldova's from the CIS's
    military-political field, 1994) is a limit on the state's own part, not a breach of anyone's
    due. ``participation_frozen`` (by the obligor or by
    the target) leaves it open whether the treaty still operates between them: uncertain.
    ``participation_suspended`` — the organisation barring a member from its bodies — is
    reported and decides nothing: the member "shall continue to fulfill its obligations as a
    member of the Organization" (Inter-American Democratic Charter, Art. 21), and nothing in such
    a suspension releases the others from theirs toward it (Honduras in the OAS, 2009–2011).
    """
    name = treaty_name(t)
    for s in t.suspensions_of(obligor, on):
        if s.toward and target not in s.toward:
            continue
        toward = ", ".join(map(state_label, s.toward)) if s.toward else "every party"
        if s.effect == "obligations_suspended":
            text = (f"Exception (suspension): {state_label(obligor)} suspended its obligations "
                    f"under {name} toward {toward} from {day(s.start)}")
            return Reason("suspension", "not_met", text + (f" — {s.note}" if s.note else ""),
                          date=on, inputs={"state": obligor, "toward": list(s.toward)},
                          exception=True, sources=tuple(s.sources), per_obligor=True)
        if s.effect == "participation_suspended":
            return _barred(name, obligor, s, on, per_obligor=True)
        return _frozen(name, obligor, s, on, per_obligor=True,
                       decides=f"whether {state_label(obligor)}, having frozen its participation, "
                               f"would still act under {name}")
    for s in t.suspensions_of(target, on):
        if s.toward and obligor not in s.toward:
            continue
        if s.effect == "obligations_suspended" and s.toward:
            text = (f"Exception (suspension): {state_label(target)} itself suspended its "
                    f"obligations under {name} toward {state_label(obligor)} from "
                    f"{day(s.start)}; {state_label(obligor)} may suspend its own toward it in "
                    f"turn (Vienna Convention on the Law of Treaties, Art. 60(2)(b): a party "
                    f"specially affected may suspend the treaty “in the relations between itself "
                    f"and the defaulting State”)")
            return Reason("suspension", "uncertain", text, date=on,
                          inputs={"state": target, "toward": list(s.toward)}, exception=True,
                          sources=tuple(s.sources), per_obligor=True,
                          decides=f"whether {state_label(obligor)} still holds itself bound "
                                  f"toward {state_label(target)} under {name}")
        if s.effect == "participation_suspended":
            return _barred(name, target, s, on, per_obligor=False)
        if s.effect == "participation_frozen":
            return _frozen(name, target, s, on, per_obligor=False,
                           decides=f"whether the other parties still owe assistance to "
                                   f"{state_label(target)} while it has frozen its "
                                   f"participation")
    return None


def _barred(name: str, state: str, s: Suspension, on: date, *, per_obligor: bool) -> Reason:
    """A member the organisation suspended from its bodies: still a member, still bound and
    owed (Inter-American Democratic Charter, Art. 21) — said, never a bar."""
    until = f" to {day(s.end)}" if s.end else ""
    return Reason("suspension", "met",
                  f"{state_label(state)} was suspended from taking part in the bodies of {name} "
                  f"from {day(s.start)}{until}, but stayed a member: a suspended member “shall "
                  f"continue to fulfill its obligations as a member” (Inter-American Democratic "
                  f"Charter, Art. 21), and the suspension does not release the others from "
                  f"theirs toward it", date=on, inputs={"state": state, "effect": s.effect},
                  sources=tuple(s.sources), per_obligor=per_obligor)


def _frozen(name: str, state: str, s: Suspension, on: date, *, per_obligor: bool,
            decides: str) -> Reason:
    """A party that froze its participation without leaving: uncertain, saying what decides."""
    return Reason("suspension", "uncertain",
                  f"Exception (suspension): {state_label(state)} froze its participation in {name} "
                  f"from {day(s.start)} without leaving it", date=on,
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
                  f"{p.label}: {state_label(obligor)} is itself the attacker — a state has no "
                  f"duty to defend another against its own attack", article=p.article,
                  inputs={"obligor": obligor}, per_obligor=True)


def rule_reservation(p: Provision, obligor: str, event_attackers: frozenset[str],
                     on: date | None = None, event: Event | None = None) -> Reason | None:
    """Exception (reservation): a party's own understanding can narrow its duty. Formalised
    (named adversaries, or a kind of regime read from dated data: "communist aggression" is an
    attack by a state a communist party ruled on the day), it decides — unless the sources
    dispute whether the text reaches beyond the limit (``beyond: open``), when an attack outside
    it is uncertain; not formalised, or with
    no state attacker to test, the duty is uncertain at most, never triggered on a guess.
    """
    for r in p.reservations:
        if r.by != obligor:
            continue
        inputs = {"by": r.by, "limit": r.limit, "attackers": sorted(event_attackers)}
        if r.regime is not None and event_attackers and on is not None:
            return _regime_reservation(p, r, event_attackers, on, inputs)
        if r.origin == "external":
            return _external_reservation(p, r, event_attackers, event, inputs)
        if r.adversaries:
            hit = sorted(event_attackers & set(r.adversaries))
            return Reason("reservation", "met" if hit else "not_met",
                          f"Exception (reservation): {state_label(r.by)} limited its duty "
                          f"under {p.label} to {r.limit}; the attacker is "
                          f"{'' if hit else 'not '}one of {', '.join(r.adversaries)}",
                          article=p.article, quote=r.quote, inputs=inputs, exception=True,
                          sources=tuple(r.sources), per_obligor=True)
        return Reason("reservation", "uncertain",
                      f"Exception (reservation): {state_label(r.by)} limited its duty under "
                      f"{p.label} to {r.limit} — “{' '.join(r.quote.split())}”",
                      article=p.article, quote=r.quote, inputs=inputs, exception=True,
                      sources=tuple(r.sources), per_obligor=True,
                      decides=f"whether the attack is {r.limit}, the only case "
                              f"{state_label(r.by)} accepted under {p.label}")
    return None


def _external_reservation(p: Provision, r: Reservation, attackers: frozenset[str],
                          event: Event | None, inputs: dict) -> Reason:
    """Only an attack from outside counts (:func:`~casus.reasoner.conditions.external_origin`)."""
    abroad = event.directed_from_abroad if event is not None else None
    result, why, decides = external_origin([state_label(a) for a in sorted(attackers)], abroad)
    if not attackers:
        inputs = {**inputs, "directed_from_abroad": abroad}
    return Reason("reservation", result, f"Exception (reservation): {state_label(r.by)} limited "
                  f"its duty under {p.label} to {r.limit}; {why}", inputs=inputs,
                  article=p.article, quote=r.quote, exception=True, sources=tuple(r.sources),
                  per_obligor=True, decides=decides)


def _regime_reservation(p: Provision, r: Reservation, attackers: frozenset[str], on: date,
                        inputs: dict) -> Reason:
    """A limit to a kind of regime, read from the dated list (``registry/regimes.yaml``)."""
    regimes = regime_lists()[r.regime]
    hits = [(a, sp) for a in sorted(attackers) if (sp := regimes.spell(a, on)) is not None]
    cited = tuple(s.url for s in regimes.sources.values())
    head = (f"Exception (reservation): {state_label(r.by)} limited its duty under {p.label} to "
            f"{r.limit}")
    inputs = {**inputs, "regime": r.regime, "on": on.isoformat()}
    if hits:
        a, sp = hits[0]
        since = f"since {day(sp.from_)}" + (f", until {day(sp.to)}" if sp.to else "")
        edge = "" if sp.certainty == "confirmed" else " (the spell's dates are unconfirmed)"
        return Reason("reservation", "met",
                      f"{head}; the attacker {state_label(a)} was ruled by a communist party "
                      f"on {day(on)} ({sp.note}, {since}){edge}", article=p.article,
                      quote=r.quote, inputs=inputs, exception=True,
                      sources=(*r.sources, *cited), per_obligor=True)
    names = ", ".join(state_label(a) for a in sorted(attackers))
    if r.beyond == "open":
        return Reason("reservation", "uncertain",
                      f"{head}; the attacker {names} is not among the states the list of "
                      f"communist-ruled states names for {day(on)}, and whether the text reaches "
                      f"beyond that limit is disputed in the sources", article=p.article,
                      quote=r.quote, inputs=inputs, exception=True,
                      sources=(*r.sources, *cited), per_obligor=True,
                      decides=f"whether {p.label} reaches an attack by {names}, a state outside "
                              f"the limit")
    if regimes.complete:
        return Reason("reservation", "not_met",
                      f"{head}; the attacker {names} is not among the states the list of "
                      f"communist-ruled states names for {day(on)}, so only what the "
                      f"understanding keeps for other aggression applies", article=p.article,
                      quote=r.quote, inputs=inputs, exception=True,
                      sources=(*r.sources, *cited), per_obligor=True)
    return Reason("reservation", "uncertain",
                  f"{head}; the list of such states does not claim to be complete, and "
                  f"{names} is not in it for {day(on)}", article=p.article, quote=r.quote,
                  inputs=inputs, exception=True, sources=(*r.sources, *cited),
                  per_obligor=True, decides=f"whether the attack by {names} is {r.limit}")


def rule_direction(p: Provision, obligor: str, target: str) -> Reason:
    """In an asymmetric treaty only the listed obligor owes the listed beneficiary."""
    return Reason("direction", "met",
                  f"{p.label} binds {state_label(obligor)} toward {state_label(target)} (the "
                  f"treaty lists who owes whom)", article=p.article,
                  inputs={"obligor": obligor, "beneficiary": target}, per_obligor=True)


def reference_date(t: Treaty, on: date) -> date:
    """The date whose membership names the candidate obligors (clamped to the treaty's life)."""
    start = t.in_force.known or t.signed.known
    end = t.ended.known if t.ended else None
    if start and on < start:
        return start
    if end and on >= end:
        return end - timedelta(days=1)
    return on


def obligors_of(t: Treaty, p: Provision, target: str, on: date,
              everyone: list[str] | None = None) -> list[str]:
    """Who could owe this provision to the target: the listed obligors, or every other party.

    "Every other party" is the membership on the date, clamped to the treaty's life (so an
    ended treaty names its last parties and one not yet in force its first).
    """
    if p.directions:
        return list(_owed(p).get(target, ()))
    if everyone is not None:
        return everyone
    members = t.members_on(reference_date(t, on)) or set(t.parties)
    return sorted(members - {target})


_OWED = Memo(100_000)


def _by_beneficiary(p: Provision) -> tuple[Provision, dict[str, tuple[str, ...]]]:
    by: dict[str, set[str]] = {}
    for d in p.directions:
        by.setdefault(d.beneficiary, set()).add(d.obligor)
    return p, {b: tuple(sorted(o)) for b, o in by.items()}


def _owed(p: Provision) -> dict[str, tuple[str, ...]]:
    """A provision's directions by beneficiary (obligors sorted), computed once per provision
    (ATOP provisions list every partner; the replay asks for them thousands of times)."""
    hit = _OWED.get_or(id(p), lambda: _by_beneficiary(p))
    if hit[0] is not p:  # an id reused by a newer object
        hit = _OWED[id(p)] = _by_beneficiary(p)
    return hit[1]
