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

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
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
    """Two states bound to each other on the date (``a`` < ``b``), and by what (``kinds``,
    strongest first)."""

    a: str
    b: str
    treaties: tuple[TreatyTie, ...]
    kinds: tuple[str, ...] = ()

    @classmethod
    def of(cls, a: str, b: str, treaties: tuple[TreatyTie, ...]) -> Tie:
        found = {k for t in treaties for _, k in t.articles}
        return cls(a, b, treaties, tuple(k for k in KIND_ORDER if k in found))

    def to_dict(self) -> dict:
        return {"a": self.a, "b": self.b, "kinds": list(self.kinds),
                "treaties": [t.to_dict() for t in self.treaties]}


@dataclass(frozen=True, slots=True)
class Ally:
    """A state's partner, seen from that state."""

    state: str
    name: str
    kinds: tuple[str, ...]
    treaties: tuple[TreatyTie, ...]

    def to_dict(self) -> dict:
        return {"state": self.state, "name": self.name, "kinds": list(self.kinds),
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
        rank = {k: i for i, k in enumerate(KIND_ORDER)}
        out: dict[str, str] = {}
        for t in self.ties:
            k = t.kinds[0]
            for s in (t.a, t.b):
                if s not in out or rank[k] < rank[out[s]]:
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

    def allies_dict(self, state: str) -> dict:
        """The part of :meth:`to_dict` that a chosen state adds."""
        return {"state": state, "allies": [a.to_dict() for a in self.allies_of(state)]}

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
            out.update(self.allies_dict(state))
        return out


def ties_on(registry: Registry, on: date) -> TieNetwork:
    """The alliance network on a date: one tie per pair of states bound to each other."""
    pairs: dict[tuple[str, str], dict[str, TreatyTie]] = {}
    in_force = []
    for t in registry:
        status = t.in_force_on(on)
        if status is False:
            continue
        members = frozenset(t.members_on(on))
        provisions = tuple(p for p in t.provisions if p.valid_on(on))
        if len(members) < 2 or not provisions:
            continue
        in_force.append(t)
        for key, tie in _treaty_links(t, members, provisions, status is True):
            pairs.setdefault(key, {})[t.id] = tie
    ties = tuple(Tie.of(a, b, tuple(v.values())) for (a, b), v in sorted(pairs.items()))
    by_state: dict[str, list[Tie]] = {}
    for tie in ties:
        by_state.setdefault(tie.a, []).append(tie)
        by_state.setdefault(tie.b, []).append(tie)
    treaties = tuple(sorted(in_force, key=lambda t: (t.in_force.known or date.min, t.id)))
    return TieNetwork(on, treaties, ties, by_state)


# One treaty's pairs for one membership and set of provisions: the same over many intervals.
_LINKS: dict[tuple, tuple[Treaty, list]] = {}


def _treaty_links(t: Treaty, members: frozenset[str], provisions: tuple, certain: bool
                  ) -> list[tuple[tuple[str, str], TreatyTie]]:
    key = (id(t), members, tuple(id(p) for p in provisions), certain)
    kept = _LINKS.get(key)
    if kept is not None and kept[0] is t:
        return kept[1]
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
            pair = (x, y) if x < y else (y, x)
            arts = per_pair.setdefault(pair, [])
            if (p.article, p.kind) not in arts:
                arts.append((p.article, p.kind))
    out = [(pair, TreatyTie(t.id, t.name, tuple(arts), certain))
           for pair, arts in per_pair.items()]
    if len(_LINKS) > 50_000:
        _LINKS.clear()
    _LINKS[key] = (t, out)
    return out


_DAY = timedelta(days=1)


_BREAKPOINTS: dict[int, tuple[Registry, tuple[date, ...]]] = {}


def breakpoints(registry: Registry) -> tuple[date, ...]:
    """Every day on which some tie can change: a treaty signed, in force, bounded or ended; a
    state joining, or the day after it left; a provision's wording starting or the day after
    it stopped. Between two breakpoints the network is the same, so it is computed once per
    interval (the map's slider crosses decades of unchanged ties).
    """
    kept = _BREAKPOINTS.get(id(registry))
    if kept is not None and kept[0] is registry:
        return kept[1]
    days: set[date] = set()
    for t in registry:
        days.update(d for d in (t.signed.known, t.in_force.known, t.in_force.no_later_than,
                                t.ended.known if t.ended else None) if d is not None)
        for m in t.members:
            days.add(m.joined)
            if m.left is not None and m.left < date.max:
                days.add(m.left + _DAY)
        for p in t.provisions:
            if p.valid_from is not None:
                days.add(p.valid_from)
            if p.valid_to is not None and p.valid_to < date.max:
                days.add(p.valid_to + _DAY)
    points = tuple(sorted(days))
    _BREAKPOINTS[id(registry)] = (registry, points)
    return points


def interval_of(registry: Registry, on: date) -> date:
    """The first day of the interval of unchanged ties that contains ``on``."""
    points = breakpoints(registry)
    i = bisect_right(points, on)
    return points[i - 1] if i else date.min
