"""Provision-level rules: the article's wording in force, its trigger and its conditions.

Who must attack, named adversaries, a state of war, a request, provocation; conditions that are
reported but not treated as bars; precedents cited beside a verdict.
"""

from __future__ import annotations

from datetime import date, timedelta

from casus.model.treaty import Provision, Treaty
from casus.reasoner.index import RegistryIndex
from casus.reasoner.interpretations import decided, interp_children, interps_of
from casus.reasoner.scenario import Event
from casus.reasoner.trace import Reason
from casus.reasoner.words import a_or_an, day, state_label


def rule_valid(p: Provision, on: date) -> Reason | None:
    """An article binds in the wording in force on the date (amendments are dated values)."""
    if p.valid_from is None and p.valid_to is None:
        return None
    window = f"{day(p.valid_from) if p.valid_from else 'the start'} to " \
             f"{day(p.valid_to) if p.valid_to else 'today'}"
    if p.valid_on(on):
        return Reason("article_in_force", "met",
                      f"{p.label} is read in the wording in force on {day(on)} ({window})",
                      article=p.article, date=on)
    return Reason("article_in_force", "not_met",
                  f"{p.label} in this wording applied only from {window}, not on {day(on)}",
                  article=p.article, date=on)


#: Text statuses whose words nobody outside the parties can read: a pledge known only from a
#: description (an unpublished agreement, a secret annex). A public text that casus holds in a
#: recalled, unconfirmed copy is still a public text: its reading stands, and every view labels
#: the copy as unconfirmed.
UNKNOWN_WORDING = {"not_public": "its text is not public"}


def rule_wording(p: Provision) -> Reason | None:
    """Unknown wording stays unknown: a defence or offence pledge whose text is not public
    can at most be *uncertain*, never triggered on a guess; the reason says so, and what would
    settle it. ATOP's own codings (``coded``) are not affected: for an ATOP alliance the coding
    is the data (a coded pledge in a curated file is uncertain by its unresolved scope)."""
    why = UNKNOWN_WORDING.get(p.text_status)
    if why is None or p.kind not in ("defense", "offense"):
        return None
    return Reason("wording", "uncertain",
                  f"{p.label} is read from what is known of it, but {why} "
                  f"(text_status {p.text_status}); whether its words cover this attack cannot "
                  "be read from them",
                  article=p.article, decides=f"the wording of {p.label}")


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
                      f"{p.label} applies to {wants}; {a_or_an(kind)} is one a fortiori",
                      article=p.article, inputs=inputs)
    return Reason("trigger", "met", f"{p.label} requires {wants}; the event is {a_or_an(kind)}",
                  article=p.article, inputs=inputs)


def external_origin(states: list[str], abroad: bool | None) -> tuple[str, str, str | None]:
    """Whether an attack came from outside the party attacked, as (result, why, what would
    decide it): another state's attack always does (``states``, their labels), a non-state
    group's when it was directed from abroad, a domestic rising never; a non-state attack
    whose origin the event does not give is open. Shared by the articles whose own words say
    "external" and the understandings that do (US–Korea Art. III)."""
    if states:
        return "met", f"an attack by {', '.join(states)}, another state, is external", None
    if abroad is True:
        return "met", "the non-state attack was directed from abroad", None
    if abroad is False:
        return "not_met", "a domestic attack by a non-state group is not external", None
    return ("uncertain", "whether this non-state attack came from outside is not given",
            "whether the attack was directed from abroad (--from-abroad / --domestic)")


def rule_origin(p: Provision, event: Event) -> Reason | None:
    """Exception (origin): an article whose own words answer only an *external* attack ("is
    threatened by external armed attack", US–Korea Art. II) reads the attack's origin
    (:func:`external_origin`)."""
    if p.conditions.origin != "external":
        return None
    result, why, decides = external_origin([a.display for a in event.state_attackers],
                                           event.directed_from_abroad)
    head = f"{p.label} answers only an external attack"
    return Reason("origin", result,
                  f"Exception ({head}): {why}" if result == "not_met" else f"{head}; {why}",
                  article=p.article, inputs={"directed_from_abroad": event.directed_from_abroad},
                  exception=result == "not_met", decides=decides)


def rule_attacker(p: Provision, t: Treaty, event: Event, idx: RegistryIndex) -> Reason | None:
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
    inputs = {"attackers": [a.name for a in event.attackers], "non_state": True}
    own = p.conditions.non_state_defined
    if own is not None:
        # The treaty's own words settle it (AU Pact Art. 1(c)): no reading needed.
        return Reason("attacker", "met",
                      f"{p.label} answers aggression, which the treaty defines to include acts "
                      f"of non-state actors (Art. {own.article}: “{' '.join(own.quote.split())}”);"
                      f" the attack by {actors} is one", article=p.article, quote=own.quote,
                      inputs=inputs, sources=tuple(own.sources))
    interps = interps_of(idx, t, p, "non_state_attacker")
    if interps:
        holds = {i.holds for i in interps}
        children = interp_children(interps, event.date)
        if holds == {True} and p.conditions.attacker == "state" and not any(
                decided(i, event.date) for i in interps):
            # "By any State" stays in the text: a decision that one non-state attack met it
            # shows the parties can so decide, not that every such attack does.
            i = interps[-1]
            return Reason("attacker", "uncertain",
                          f"{p.label} requires an attack by a state, and {actors} is not one; "
                          f"the parties once held a non-state attack to meet it ({i.by}, "
                          f"{day(i.date)}: “{i.quote.strip()}”), a decision on that attack, "
                          f"not a reading of the text for every other", article=p.article,
                          inputs=inputs, children=children, sources=tuple(i.sources),
                          decides=(f"whether the parties decide again, as on {day(i.date)}, "
                                   f"that the attack by {actors} counts under {p.label}"))
        if holds == {True} and not any(decided(i, event.date) for i in interps):
            beyond = _beyond_its_facts(p, interps, event, actors, inputs, children)
            if beyond is not None:
                return beyond
        if holds == {True}:
            i = interps[0]
            return Reason("attacker", "met",
                          f"Exception (interpretation): {p.label} was held to cover the attack "
                          f"by {actors}, a non-state actor — {i.by}, {day(i.date)}: "
                          f"“{i.quote.strip()}”", article=p.article, quote=i.quote,
                          inputs=inputs, exception=True, children=children,
                          sources=tuple(i.sources))
        if holds == {False}:
            i = interps[0]
            return Reason("attacker", "not_met",
                          f"Exception (interpretation): {p.label} was held not to cover an "
                          f"attack by a non-state actor — {i.by}, {day(i.date)}",
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


#: Each fact a reading can rest on (``Interpretation.within``): how to name it after "an
#: attack", and the question the scenario leaves open when it does not say.
_FACT_WORDS = {"directed_from_abroad": ("directed from abroad", "was directed from abroad"),
               "request": ("answered at the attacked government's request",
                           "was met by a request for help from the attacked government")}


def _beyond_its_facts(p: Provision, interps: tuple, event: Event, actors: str,
                      inputs: dict, children: tuple[Reason, ...]) -> Reason | None:
    """A reading is read within its facts: NATO's 12 Sep 2001 decision covers a non-state
    attack "directed from abroad", not every non-state attack. For another attack, the reading
    settles it only where the scenario establishes the facts it rests on; otherwise the answer
    is open, saying which fact would decide it. The same holds for Australia's ANZUS reading
    (attacks "initiated and coordinated from outside the United States"), the EU ministers'
    answer to France in 2015 (an attack "planifié de l'extérieur") and the CSTO's 2022 reading
    (unrest stirred "by outside interference", at Kazakhstan's request)."""
    facts = sorted({f for i in interps for f in i.within})
    unknown = [f for f in facts if getattr(event, f) is None]
    against = [f for f in facts if getattr(event, f) is False]
    if not unknown and not against:
        return None
    i = interps[0]
    words = " and ".join(_FACT_WORDS[f][0] for f in facts)
    quoted = f"{i.by}, {day(i.date)}: “{i.quote.strip()}”"
    if against:
        text = (f"{p.label}: the reading that covers non-state attacks ({quoted}) rests on an "
                f"attack {words}; the attack by {actors} was not, so the reading does not "
                f"settle it")
        decides = f"whether the parties treat the attack by {actors} as an armed attack anyway"
    else:
        text = (f"{p.label}: the reading that covers non-state attacks ({quoted}) rests on an "
                f"attack {words}; the scenario does not say whether the attack by {actors} "
                f"{' and '.join(_FACT_WORDS[f][1] for f in unknown)}")
        decides = f"whether the attack by {actors} {_FACT_WORDS[unknown[0]][1]}"
    return Reason("attacker", "uncertain", text, article=p.article, inputs=inputs,
                  children=children, sources=tuple(i.sources), decides=decides)


def rule_adversaries(p: Provision, event: Event,
                     enemies: frozenset[str] | None = None) -> Reason | None:
    """Some pledges name their adversary: only attacks by those states count (ATOP defcoadv).

    ``enemies`` are the states the pledge would be engaged against: the attackers (by
    default), or the attacked state when the pledge is owed to an attacker (an offence pledge).
    A text that names an adversary the data do not identify (``adversary_unnamed``, ATOP
    ``*coadv = 1`` with no ``statthr``) leaves it open: uncertain, never assumed met.
    """
    named = p.conditions.adversaries
    against = event.attacker_codes if enemies is None else enemies
    role = "attacker" if enemies is None else "enemy"
    if not named:
        if not p.conditions.adversary_unnamed:
            return None
        return Reason("adversary", "uncertain",
                      f"{p.label} applies only against an adversary the text names, which the "
                      f"data do not identify", article=p.article,
                      inputs={"adversaries": [], "enemies": sorted(against)},
                      decides=f"whether {', '.join(map(state_label, sorted(against)))} is the "
                              f"adversary {p.label} names")
    hit = sorted(against & set(named))
    names = ", ".join(map(state_label, named))
    inputs = {"adversaries": named, "attackers": sorted(event.attacker_codes)}
    if enemies is not None:
        inputs["enemies"] = sorted(against)
    if hit:
        return Reason("adversary", "met",
                      f"{p.label} applies only to {'attacks by' if enemies is None else 'war with'}"
                      f" {names}; the {role} {', '.join(map(state_label, hit))} is one",
                      article=p.article, inputs=inputs)
    return Reason("adversary", "not_met",
                  f"{p.label} applies only to {'attacks by' if enemies is None else 'war with'} "
                  f"{names}; the {role} is not one", article=p.article, inputs=inputs)


def rule_state_of_war(p: Provision, t: Treaty, event: Event, idx: RegistryIndex) -> Reason | None:
    """"Put in a state of war by an armed invasion": an armed attack on its territory or a
    declaration of war by a state puts the target in a state of war; a threat does not, and
    whether an attack on its forces abroad or at sea does is open.

    A recorded interpretation of the condition (the DPRK on Kursk and Art. 4, 2025) is cited, and
    one that says the condition fails decides it.
    """
    if not (p.conditions.state_of_war or p.trigger == "state_of_war"):
        return None
    who = state_label(event.target)
    interps = interps_of(idx, t, p, "state_of_war")
    children = interp_children(interps, event.date)
    inputs = {"event": event.kind, "non_state_only": event.non_state_only}
    if event.kind == "threat":
        return Reason("state_of_war", "not_met",
                      f"{p.label} requires that {who} be in a state of war; a threat does not "
                      f"put it in one", article=p.article, inputs=inputs, children=children)
    if any(not i.holds for i in interps):
        i = next(i for i in interps if not i.holds)
        return Reason("state_of_war", "not_met",
                      f"Exception (interpretation): {i.by} held the state-of-war condition of "
                      f"{p.label} not met ({day(i.date)})", article=p.article, inputs=inputs,
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
    if event.on == "forces" and event.kind != "declaration_of_war":
        # a reading given on an attack on its territory (the DPRK on Kursk) is not one on this
        return Reason("state_of_war", "uncertain",
                      f"{p.label} requires that {who} be in a state of war; an attack on its "
                      f"forces abroad or at sea does not by itself put it in one",
                      article=p.article, inputs={**inputs, "on": event.on}, children=children,
                      decides=f"whether the attack puts {who} in a state of war with the "
                              f"attacker")
    kind = event.kind.replace("_", " ")
    text = (f"{p.label} requires that {who} be in a state of war; {a_or_an(kind)} by a state puts "
            f"it in one")
    if interps:
        i = interps[0]
        text += f" (as {i.by} said on {day(i.date)})"
    return Reason("state_of_war", "met", text, article=p.article, inputs=inputs,
                  children=children)


def rule_request(p: Provision, event: Event) -> Reason | None:
    """"At the request of" the attacked party: no request, no obligation; unknown, uncertain."""
    if not p.conditions.request:
        return None
    who = state_label(event.target)
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


def rule_joint_finding(p: Provision, event: Event, parties: frozenset[str]) -> Reason | None:
    """"If they jointly establish that an armed attack is taking place" (France–Greece 2021,
    Art. 2): the duty waits on a finding both parties make, which either can withhold, so it is
    never assumed — uncertain, saying whose finding decides it."""
    if not p.conditions.joint_finding:
        return None
    who = " and ".join(state_label(m) for m in sorted(parties)) or "the parties"
    return Reason("joint_finding", "uncertain",
                  f"{p.label} applies once the parties jointly establish that an armed attack "
                  f"is taking place; whether {who} have done so for this attack is not "
                  f"recorded", article=p.article, quote=p.text,
                  decides=f"whether {who} jointly establish that an armed attack is taking "
                          f"place against {state_label(event.target)}")


def rule_provocation(p: Provision, event: Event) -> Reason | None:
    """A pledge that excludes provoked attacks turns on whether the target provoked this one."""
    if not p.conditions.non_provocation:
        return None
    who = state_label(event.target)
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
                          f"Precedent ({day(pr.date)}, {p.label} {what}): "
                          f"{' '.join(pr.event.split())} — {' '.join(pr.outcome.split())}",
                          article=p.article, date=pr.date,
                          inputs={"invoked": pr.invoked, "by": list(pr.by)},
                          sources=tuple(pr.sources)))
    return out
