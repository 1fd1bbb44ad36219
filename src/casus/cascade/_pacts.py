"""Pledges the reasoner does not read yet, read here through the model: offensive pledges
toward any belligerent, and neutrality / non-assistance pledges toward a state that attacked.

The reasoner (``obligations_on``) reads the provisions an attack *on the beneficiary* triggers
(:data:`casus.reasoner.ASSESSED_KINDS`). A cascade also needs, for a state at war whatever
began it, (1) who promised to fight beside it (``offense``) and (2) who promised to stay out of
a war against it (``neutrality`` / ``non_assistance`` with a ``state_of_war`` trigger). This
module reads them from the registry with the same three-valued logic; when the reasoner reads
them itself, the cascade will use its answers instead (see docs/cascade.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casus.model.registry import Registry
from casus.model.treaty import Provision, Treaty
from casus.reasoner import index_for

OFFENSE = ("offense",)
STAY_OUT = ("neutrality", "non_assistance")


@dataclass(frozen=True, slots=True)
class Pledge:
    """One provision read for one obligor toward one belligerent, without an attack on it."""

    obligor: str
    beneficiary: str
    treaty: str
    treaty_title: str
    article: str
    kind: str
    verdict: str
    because: tuple[str, ...]
    decides: tuple[str, ...]
    quote: str


def _obligors(t: Treaty, p: Provision, beneficiary: str, on: date) -> list[str]:
    if p.directions:
        return sorted({d.obligor for d in p.directions if d.beneficiary == beneficiary})
    return sorted(t.members_on(on) - {beneficiary})


def _member(t: Treaty, state: str, on: date) -> bool:
    return any(m.covers(on) for m in t.membership_of(state))


def pledges_toward(registry: Registry, beneficiary: str, on: date, enemies: Iterable[str],
                   kinds: tuple[str, ...], *, request: bool | None = None) -> list[Pledge]:
    """Every ``kinds`` provision binding someone toward ``beneficiary`` at war on ``on``.

    Verdicts: ``not_triggered`` if the treaty is not in force, the obligor or beneficiary is
    not a party, the provision names adversaries none of ``enemies`` is among, it needs a
    request that was refused, or (for neutrality) it needs an armed attack on the beneficiary;
    ``uncertain`` if the date in force is unknown, the place is unresolved (ATOP ``coloc``), or
    a request is unstated; ``triggered`` otherwise.
    """
    idx = index_for(registry)
    enemies = frozenset(enemies)
    out: list[Pledge] = []
    for t in idx.by_party.get(beneficiary, ()):
        if t.signed.known is not None and t.signed.known > on:
            continue
        wanted = [p for p in t.provisions if p.kind in kinds and
                  (p.valid_from is None or p.valid_from <= on) and
                  (p.valid_to is None or on <= p.valid_to)]
        if not wanted:
            continue
        in_force = t.in_force_on(on)
        if in_force is False or not _member(t, beneficiary, on):
            continue
        name = idx.names.get(t.id, t.title)
        for p in wanted:
            if p.kind in STAY_OUT and p.trigger not in (None, "state_of_war"):
                continue  # owed only if the beneficiary is attacked: the reasoner's question
            for obligor in _obligors(t, p, beneficiary, on):
                if obligor in enemies or not _member(t, obligor, on):
                    continue
                verdict, because, decides = "triggered", [], []
                label = f"{name} {p.label}"
                if in_force is None:
                    verdict = "uncertain"
                    decides.append(f"whether {name} was in force on {on.isoformat()}")
                adv = set(p.conditions.adversaries)
                if adv and not adv & enemies:
                    verdict = "not_triggered"
                    because.append(f"{label} names adversaries ({', '.join(sorted(adv))}) "
                                   "not at war with the beneficiary")
                if p.conditions.request:
                    if request is False:
                        verdict = "not_triggered"
                        because.append(f"{label} applies only on request, and none was made")
                    elif request is None and verdict != "not_triggered":
                        verdict = "uncertain"
                        decides.append(f"whether {beneficiary} requests assistance under "
                                       f"{label}")
                if p.scope.unresolved and verdict != "not_triggered":
                    verdict = "uncertain"
                    decides.append(p.scope.unresolved)
                quote = " ".join(p.text.split())
                because.insert(0, f"{label}: “{quote}”")
                out.append(Pledge(obligor, beneficiary, t.id, name, p.article, p.kind, verdict,
                                  tuple(because), tuple(decides), quote))
    return out
