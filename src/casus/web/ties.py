"""Alliance ties at a date: who is bound to whom, by what kind of obligation, under which treaty.

The map and the network pages draw this one object. A tie is a pair of states that a treaty in
force on the date binds to each other through a provision valid on that date; its kinds are the
provisions' kinds (defence, consultation, neutrality…). A treaty whose entry into force or end
is not established counts as possibly in force, and its ties say so (``certain: false``) —
never a silent yes or no.

>>> from casus.model.registry import load_registry
>>> from casus.web.ties import ties_on
>>> from datetime import date
>>> net = ties_on(load_registry(), date(1990, 1, 1))
>>> sorted(a.state for a in net.allies_of("POL") if "defense" in a.kinds)[:3]
['BGR', 'CSK', 'DDR']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from casus.compare import alliance_class
from casus.model.registry import Registry
from casus.model.states import state_name
from casus.model.treaty import Treaty

# Strongest first: the colour a state gets on the map is that of its strongest tie.
KIND_ORDER = ["defense", "offense", "consultation", "neutrality", "non_aggression",
              "non_assistance", "cooperation"]
KIND_WORDS = {"defense": "defence", "offense": "offence", "consultation": "consultation",
              "neutrality": "neutrality", "non_aggression": "non-aggression",
              "non_assistance": "non-assistance", "cooperation": "cooperation"}


@dataclass(frozen=True, slots=True)
class TreatyTie:
    """One treaty's part in a tie: which articles, of which kinds."""

    treaty: str
    name: str
    articles: tuple[tuple[str, str], ...]  # (article, kind)
    certain: bool

    def to_dict(self) -> dict:
        return {"treaty": self.treaty, "certain": self.certain,
                "articles": [[a, k] for a, k in self.articles]}


@dataclass(frozen=True, slots=True)
class Tie:
    """Two states bound to each other on the date (``a`` < ``b``), and by what."""

    a: str
    b: str
    treaties: tuple[TreatyTie, ...]

    @property
    def kinds(self) -> list[str]:
        found = {k for t in self.treaties for _, k in t.articles}
        return [k for k in KIND_ORDER if k in found]

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "kinds": self.kinds,
                "treaties": [t.to_dict() for t in self.treaties]}


@dataclass(frozen=True, slots=True)
class Ally:
    """A state's partner, seen from that state."""

    state: str
    name: str
    kinds: list[str]
    treaties: tuple[TreatyTie, ...]

    def to_dict(self) -> dict:
        return {"state": self.state, "name": self.name, "kinds": self.kinds,
                "treaties": [{"name": t.name, **t.to_dict()} for t in self.treaties]}


@dataclass(frozen=True)
class TieNetwork:
    """Every tie on one date, with the treaties in force that make them."""

    on: date
    treaties: tuple[Treaty, ...]
    ties: tuple[Tie, ...]
    _by_state: dict[str, list[Tie]] = field(default_factory=dict, repr=False)

    @property
    def states(self) -> list[str]:
        return sorted({s for t in self.ties for s in (t.a, t.b)})

    def strongest(self) -> dict[str, str]:
        """Each tied state's strongest tie kind (what the map colours it by)."""
        out: dict[str, str] = {}
        for t in self.ties:
            k = t.kinds[0]
            for s in (t.a, t.b):
                if s not in out or KIND_ORDER.index(k) < KIND_ORDER.index(out[s]):
                    out[s] = k
        return out

    def allies_of(self, state: str) -> list[Ally]:
        """The states tied to ``state``, strongest tie first, then by name."""
        allies = [Ally(other, state_name(other), t.kinds, t.treaties)
                  for t in self._by_state.get(state, [])
                  for other in [t.b if t.a == state else t.a]]
        return sorted(allies, key=lambda x: (KIND_ORDER.index(x.kinds[0]), x.name))

    def by_kind(self, state: str) -> dict[str, list[Ally]]:
        """A state's allies grouped by each kind of obligation that binds them."""
        groups: dict[str, list[Ally]] = {k: [] for k in KIND_ORDER}
        for ally in self.allies_of(state):
            for k in ally.kinds:
                groups[k].append(ally)
        return {k: v for k, v in groups.items() if v}

    def to_dict(self, state: str | None = None) -> dict:
        out = {
            "date": self.on.isoformat(),
            "treaties": [{"id": t.id, "name": t.name, "class": alliance_class(t, self.on),
                          "members": sorted(t.members_on(self.on)),
                          "certain": t.in_force_on(self.on) is True} for t in self.treaties],
            "strongest": self.strongest(),
            "ties": [t.to_dict() for t in self.ties],
        }
        if state is not None:
            out["state"] = state
            out["allies"] = [a.to_dict() for a in self.allies_of(state)]
        return out


def ties_on(registry: Registry, on: date) -> TieNetwork:
    """The alliance network on a date: one tie per pair of states bound to each other."""
    pairs: dict[tuple[str, str], dict[str, TreatyTie]] = {}
    in_force = []
    for t in registry:
        status = t.in_force_on(on)
        if status is False:
            continue
        members = t.members_on(on)
        provisions = [p for p in t.provisions if p.valid_on(on)]
        if len(members) < 2 or not provisions:
            continue
        in_force.append(t)
        per_pair: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for p in provisions:
            if p.directions:
                links = [(d.obligor, d.beneficiary) for d in p.directions
                         if d.obligor in members and d.beneficiary in members]
            else:
                links = list(combinations(sorted(members), 2))
            for x, y in links:
                if x == y:
                    continue
                key = (x, y) if x < y else (y, x)
                arts = per_pair.setdefault(key, [])
                if (p.article, p.kind) not in arts:
                    arts.append((p.article, p.kind))
        for key, arts in per_pair.items():
            pairs.setdefault(key, {})[t.id] = TreatyTie(t.id, t.name, tuple(arts),
                                                       status is True)
    ties = tuple(Tie(a, b, tuple(v.values())) for (a, b), v in sorted(pairs.items()))
    by_state: dict[str, list[Tie]] = {}
    for tie in ties:
        by_state.setdefault(tie.a, []).append(tie)
        by_state.setdefault(tie.b, []).append(tie)
    treaties = tuple(sorted(in_force, key=lambda t: (t.in_force.known or date.min, t.id)))
    return TieNetwork(on, treaties, ties, by_state)
