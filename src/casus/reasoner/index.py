"""Per-registry lookups the reasoner's hot path needs, built once per registry object.

Other layers (the cascade, the history replay) use :func:`index_for` to ask which treaties a
state is party to without rebuilding anything.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date

from casus.model.registry import Registry
from casus.model.treaty import Interpretation, Membership, Provision, Treaty
from casus.reasoner.words import article_key, treaty_name

#: Provision kinds that bind a party *for* the attacked party (to act, or not to help the
#: attacker). ``offense``, ``non_aggression`` and ``cooperation`` are not obligations an attack
#: on the beneficiary triggers.
ASSESSED_KINDS = ("defense", "consultation", "non_assistance", "neutrality")

#: Provision kinds read for a party that attacks (see :mod:`casus.reasoner.war`).
ENGAGED_KINDS = ("offense", "neutrality", "non_aggression")


@dataclass(frozen=True)
class RegistryIndex:
    """Per-registry lookups the hot path needs, computed once."""

    by_party: dict[str, tuple[Treaty, ...]]
    articles: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]]
    interpretations: dict[tuple[str, str, str], tuple[Interpretation, ...]]
    size: int
    names: dict[str, str]
    quotes: dict[int, str]
    spells: dict[tuple[str, str], tuple[Membership, ...]]
    #: offence, neutrality and non-aggression provisions by treaty (grouped like ``articles``):
    #: what a party's own attack can engage (:mod:`casus.reasoner.war`).
    engaged: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]]
    #: treaties that designate a state owed some articles without its being a party (SEATO's
    #: Protocol states), by state
    designated: dict[str, tuple[Treaty, ...]] = field(default_factory=dict)


_INDEXES: dict[int, tuple[weakref.ref, RegistryIndex]] = {}


def build_index(registry: Registry) -> RegistryIndex:
    """Treaties by party, assessed provisions grouped by article, interpretations by question."""
    by_party: dict[str, list[Treaty]] = {}
    articles: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]] = {}
    engaged: dict[str, tuple[tuple[str, tuple[Provision, ...]], ...]] = {}
    interps: dict[tuple[str, str, str], list[Interpretation]] = {}
    spells: dict[tuple[str, str], tuple[Membership, ...]] = {}
    designated: dict[str, list[Treaty]] = {}
    for t in sorted(registry, key=lambda t: t.id):
        for state in t.parties:
            spells[(t.id, state)] = tuple(m for m in t.members if m.state == state)
        for state in t.parties:
            by_party.setdefault(state, []).append(t)
        for kinds, into in ((ASSESSED_KINDS, articles), (ENGAGED_KINDS, engaged)):
            grouped: dict[str, list[Provision]] = {}
            for p in t.provisions:
                if p.kind in kinds:
                    grouped.setdefault(p.article, []).append(p)
            into[t.id] = tuple(
                (a, tuple(sorted(ps, key=lambda p: p.valid_from or date.min)))
                for a, ps in sorted(grouped.items(), key=lambda kv: article_key(kv[0])))
        for d in t.designations:
            if d.state not in t.parties and t not in designated.setdefault(d.state, []):
                designated[d.state].append(t)
        for i in t.interpretations:
            interps.setdefault((t.id, i.article, i.question), []).append(i)
    return RegistryIndex(
        by_party={k: tuple(v) for k, v in by_party.items()},
        articles=articles,
        interpretations={k: tuple(sorted(v, key=lambda i: i.date)) for k, v in interps.items()},
        size=len(registry),
        names={t.id: treaty_name(t) for t in registry},
        quotes={id(p): " ".join(p.text.split()) for t in registry for p in t.provisions},
        spells=spells,
        engaged=engaged,
        designated={k: tuple(v) for k, v in designated.items()},
    )


def index_for(registry: Registry) -> RegistryIndex:
    """The cached index of this registry object (rebuilt if the object is a new one)."""
    key = id(registry)
    hit = _INDEXES.get(key)
    if hit is not None and hit[0]() is registry:
        return hit[1]
    index = build_index(registry)
    _INDEXES[key] = (weakref.ref(registry), index)
    return index
