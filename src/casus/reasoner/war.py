"""What a war engages beyond the defence of the attacked party, and what counts as performance.

An attack engages more than the attacked party's defence pledges. Its attacker may itself be
party to pledges that the war it began engages — an ally's promise to fight beside it
(offence), to stay out (neutrality) — and an attacker that strikes its own treaty partner
breaks any promise not to (non-aggression). These are read here, rule by rule, each quoting
the principle it applies; :mod:`~casus.reasoner.engine` puts them together with the shared
rules (in force, party, scope, named adversary).

:func:`activation` says which triggered obligations are *cases of alliance performance in
war* — the question the history replay and the expert codings (Leeds, Long & Mitchell 2000;
Berkemeier & Fuhrmann 2018) ask — and which are not.
"""

from __future__ import annotations

from casus.model.treaty import Provision
from casus.reasoner.index import ENGAGED_KINDS
from casus.reasoner.scenario import Event
from casus.reasoner.trace import Reason
from casus.reasoner.words import a_or_an, day, state_label

#: ``Obligation.activation`` values, see :func:`activation`.
ACTIVATIONS = ("activated", "breached", "does_not_apply")

__all__ = ["ACTIVATIONS", "ENGAGED_KINDS", "activation", "owed_to_attacker", "rule_breach",
           "rule_not_against_self", "rule_partner_at_war", "rule_partner_began"]


def owed_to_attacker(p: Provision) -> bool:
    """Which pledges a party's war engages even when that party began it.

    An offence pledge is "active military support in a conflict the partner did not have to be
    attacked to join" (ATOP codebook, ``offense``); a neutrality pledge binds "in a conflict the
    partner fights" (``neutral``) — unless it applies "only if the partner is attacked"
    (``neucoatt``, a trigger of ``armed_attack``).
    """
    if p.kind == "offense":
        return True
    return p.kind == "neutrality" and p.trigger not in ("armed_attack", "aggression")


def rule_partner_at_war(p: Provision, beneficiary: str, event: Event) -> Reason:
    """A pledge owed to a party in a war it fights is engaged by the war, whoever began it.

    ATOP codes an offence pledge as support "in a conflict the partner did not have to be
    attacked to join", and a neutrality pledge as staying out of "a conflict the partner
    fights": the partner's own attack engages both.
    """
    enemy = state_label(event.target)
    what = ("support it in the war" if p.kind == "offense" else "stay out of the war")
    return Reason("partner_at_war", "met",
                  f"{p.label}: {state_label(beneficiary)} went to war against {enemy} on "
                  f"{day(event.date)} — {a_or_an(p.kind)} pledge is owed in a war the partner "
                  f"fights, "
                  f"even one it began, so the obligor is to {what}", article=p.article,
                  inputs={"beneficiary": beneficiary, "enemy": event.target,
                          "role": "attacker"})


def rule_partner_began(p: Provision, beneficiary: str) -> Reason | None:
    """A pledge that excludes a war the partner provoked does not apply when the partner began
    it (ATOP ``neuconpr``: "only if the partner did not provoke the conflict")."""
    if not p.conditions.non_provocation:
        return None
    return Reason("non_provocation", "not_met",
                  f"{p.label} does not apply to a war the partner provoked, and "
                  f"{state_label(beneficiary)} began this one", article=p.article,
                  exception=True)


def rule_not_against_self(obligor: str, target: str, p: Provision) -> Reason | None:
    """No state is bound to join (or to stay neutral in) a war against itself: the attacked
    state's own offence or neutrality pledge toward its attacker is not engaged."""
    if obligor != target:
        return None
    return Reason("obligor_is_target", "not_met",
                  f"{p.label}: {state_label(obligor)} is the state attacked — a pledge to "
                  f"support (or stay out of) its partner's war does not bind it in a war "
                  f"against itself", article=p.article, inputs={"obligor": obligor},
                  per_obligor=True)


def rule_breach(p: Provision, obligor: str, target: str, event: Event) -> Reason:
    """A promise "not to use military force against its partners" (ATOP codebook, ``nonagg``)
    is broken by the obligor's own attack on a partner: the pledge is engaged, and breached."""
    return Reason("non_aggression_breached", "met",
                  f"{p.label}: {state_label(obligor)} promised not to use force against "
                  f"{state_label(target)}, and attacked it on {day(event.date)} — the pledge is "
                  f"broken", article=p.article, inputs={"obligor": obligor, "partner": target},
                  per_obligor=True)


def activation(kind: str, verdict: str) -> str | None:
    """Whether a triggered obligation is a case of alliance performance in war.

    After Berkemeier & Fuhrmann (2018, codebook): a pair is "not a case of alliance performance
    in war (nonagg, consul or cfna)" when it is "a non-aggression pact, and the allies did not
    fight each other", "a consultation pact", or "the casus foederis of the alliance was not
    met"; it is one when the commitment "was invoked" — "allies fought together as promised in
    an offense or defense pact, or stayed neutral as promised", or "allies fought each other".

    So a triggered defence, offence, neutrality or non-assistance obligation is
    ``"activated"``; a non-aggression obligation the obligor's own attack broke is
    ``"breached"`` (also a performance case: a violation); a triggered consultation obligation
    ``"does_not_apply"`` — consulting is not fighting. Verdicts other than triggered give
    ``None``: nothing was engaged.
    """
    if verdict != "triggered":
        return None
    if kind == "consultation":
        return "does_not_apply"
    if kind == "non_aggression":
        return "breached"
    return "activated"
