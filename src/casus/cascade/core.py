"""The deterministic cascade: round by round, who is bound to enter the war, on which side.

Round 0 is the scenario: its attackers on the ``attacker`` side, its targets on the ``target``
side. In each round every state newly at war is put to the reasoner
(:func:`casus.reasoner.obligations_on`) as the rules of :mod:`casus.cascade.rules` say; the
obligors of *triggered* defence obligations enter on the side of the state they are bound to,
those of *uncertain* ones "may enter", with what would decide them.

Two bounds come out of one exploration:

* the **lower bound** (``sides``) — states reached through triggered obligations only, each
  from a state that is itself certainly at war;
* the **upper bound** — the lower bound plus every state that *may* enter: reached through at
  least one uncertain obligation (or through a state that itself may enter).

Every link explored (who could be drawn in, by which article, with which verdict) is kept in
:attr:`Cascade.links`; the Monte Carlo (:mod:`casus.cascade.montecarlo`) draws on them.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date

from casus.cascade.rules import (
    Options,
    other,
    rule_aggressor,
    rule_both_sides,
    rule_counterattack,
    rule_joiner_is_belligerent,
    rule_neutrality,
    rule_offense,
    who,
)
from casus.errors import CasusError
from casus.model.quoting import shown_text
from casus.model.registry import Registry, load_registry
from casus.model.states import state_name
from casus.model.treaty import treaty_article
from casus.reasoner import Attacker, Event, Obligation, Reason, Scenario, obligations_on

ENTRY_KINDS = ("defense", "offense")
#: Pledges that bind a state to stay out of a war (neutrality, non-assistance to an aggressor).
STAY_OUT = ("neutrality", "non_assistance")
_RANK = {"triggered": 0, "uncertain": 1, "not_triggered": 2}
_RESULT = {"met": "triggered", "uncertain": "uncertain", "not_met": "not_triggered"}


@dataclass(frozen=True, slots=True)
class Link:
    """One obligation that could bring ``obligor`` into the war on ``side`` (or, for a
    ``stay_out`` link, that binds it to stay out of ``side``), owed to ``beneficiary``."""

    obligor: str
    beneficiary: str
    side: str
    treaty: str
    treaty_title: str
    article: str
    kind: str
    verdict: str
    because: tuple[str, ...]
    decides: tuple[str, ...] = ()
    rule: str = "reasoner"
    stay_out: bool = False
    changed_by: str | None = None

    def to_dict(self) -> dict:
        out = {"state": self.obligor, "side": self.side, "beneficiary": self.beneficiary,
               "treaty": self.treaty, "treaty_title": self.treaty_title,
               "article": self.article, "kind": self.kind, "verdict": self.verdict,
               "because": list(self.because), "rule": self.rule}
        if self.decides:
            out["decides"] = list(self.decides)
        if self.changed_by:
            out["changed_by"] = self.changed_by
        return out


@dataclass(frozen=True, slots=True)
class Entrant:
    """A state entering the war in a round: on which side, by which obligation, how sure."""

    state: str
    side: str
    round: int
    verdict: str  # triggered | uncertain
    link: Link
    also: tuple[Link, ...] = ()
    because: tuple[str, ...] = ()
    decides: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"state": self.state, "name": state_name(self.state), "side": self.side,
                "treaty": self.link.treaty, "treaty_title": self.link.treaty_title,
                "article": self.link.article, "kind": self.link.kind,
                "verdict": self.verdict, "via": self.link.beneficiary,
                "because": list(self.because), "decides": list(self.decides),
                "also": [f"{treaty_article(x.treaty, x.article)} toward {x.beneficiary}"
                         for x in self.also]}


@dataclass(frozen=True, slots=True)
class StayOut:
    """A state the cascade keeps out of the war (or out of one side), and why."""

    state: str
    side: str | None
    treaty: str | None
    article: str | None
    rule: str
    verdict: str
    because: tuple[str, ...]
    decides: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {"state": self.state, "name": state_name(self.state), "side": self.side,
                "treaty": self.treaty, "article": self.article, "rule": self.rule,
                "verdict": self.verdict, "because": list(self.because),
                "decides": list(self.decides)}


@dataclass
class Cascade:
    """The answer to "what happens next?": rounds of entrants, the two sides, who stays out."""

    scenario: Scenario
    options: Options
    date: date
    round0: dict[str, list[str]]
    entrants: list[Entrant]
    stays_out: list[StayOut]
    links: list[Link]
    notes: list[str] = field(default_factory=list)
    probabilities: dict | None = None

    @property
    def rounds(self) -> list[tuple[int, list[Entrant]]]:
        out: dict[int, list[Entrant]] = {}
        for e in sorted(self.entrants, key=lambda e: (e.round, e.side != "target", e.state)):
            out.setdefault(e.round, []).append(e)
        return sorted(out.items())

    def sides(self, upper: bool = False) -> dict[str, list[str]]:
        """The states at war on each side: certain ones (lower bound) or with ``upper`` every
        state that may enter too."""
        out = {s: list(self.round0[s]) for s in ("attacker", "target")}
        for e in self.entrants:
            if e.verdict == "triggered" or upper:
                out[e.side].append(e.state)
        return {s: sorted(v) for s, v in out.items()}

    def entrant(self, state: str) -> Entrant | None:
        return next((e for e in self.entrants if e.state == state), None)

    def stays(self, state: str) -> list[StayOut]:
        return [s for s in self.stays_out if s.state == state]

    def to_frame(self):
        """The entrants as a table (round 0 included): for ``--format csv`` / ``markdown``."""
        import polars as pl

        rows = [{"round": 0, "state": s, "side": side, "verdict": "start", "treaty": None,
                 "article": None, "via": None}
                for side in ("attacker", "target") for s in self.round0[side]]
        rows += [{"round": e.round, "state": e.state, "side": e.side, "verdict": e.verdict,
                  "treaty": e.link.treaty, "article": e.link.article, "via": e.link.beneficiary}
                 for r, es in self.rounds for e in es]
        frame = pl.DataFrame(rows, schema={"round": pl.Int64, "state": pl.Utf8,
                                           "side": pl.Utf8, "verdict": pl.Utf8,
                                           "treaty": pl.Utf8, "article": pl.Utf8,
                                           "via": pl.Utf8})
        if self.probabilities is not None:
            p = self.probabilities["p_enter"]
            frame = frame.with_columns(p_enter=pl.col("state").replace_strict(
                p, default=None, return_dtype=pl.Float64))
        return frame

    def to_dict(self) -> dict:
        out = {
            "scenario": self.scenario.to_dict(),
            "date": self.date.isoformat(),
            "options": self.options.to_dict(),
            "round0": self.round0,
            "rounds": [{"round": r, "entrants": [e.to_dict() for e in es]}
                       for r, es in self.rounds],
            "sides": self.sides(),
            "may_enter": {s: sorted(set(v) - set(self.sides()[s]))
                          for s, v in self.sides(upper=True).items()},
            "stays_out": [s.to_dict() for s in self.stays_out],
            "notes": list(self.notes),
        }
        if self.probabilities is not None:
            out["probabilities"] = self.probabilities["p_enter"]
            out["monte_carlo"] = {k: v for k, v in self.probabilities.items()
                                  if k != "p_enter"}
        return out


# --- reading one belligerent ----------------------------------------------------------------


def _clause(o: Obligation) -> str:
    """The pledge a link rests on, as the first line of its ``because``: treaty, article and
    clause — in quotation marks only when it is the treaty's own words (an ATOP coding or a
    paraphrase is labelled as what it is, :func:`casus.model.quoting.shown_text`)."""
    return (f"{treaty_article(o.treaty_title, o.article)}: "
            f"{shown_text(o.quote or '', o.text_status, o.reading.language)}")


def _and(verdict: str, extra: list[Reason]) -> str:
    """Three-valued AND of a verdict and further rule results (as :mod:`.trace` combines)."""
    results = [_RESULT[r.result] for r in extra]
    return max([verdict, *results], key=lambda v: _RANK[v])


#: Links read per (registry, belligerent, side, enemies, date, place, request, options): a warm
#: cascade query reuses what an earlier one read. Keyed by the registry's id, checked by a weak
#: reference (so a new registry object is never served stale answers).
_LINKS: dict[tuple, tuple[weakref.ref, list[Link]]] = {}


#: The USSR existed from 30 Dec 1922 (COW's era for 365, :mod:`casus.model.states`).
USSR_FROM = date(1922, 12, 30)


def _imperial_russia(event: Event) -> Event:
    """Keep ``RUS`` for the Russian Empire: the scenario model reads ``RUS`` before 26 Dec 1991
    as the USSR (``SUN``) even before the USSR existed (1914), which would miss every ATOP
    alliance of imperial Russia. Before 30 Dec 1922 the cascade puts ``RUS`` back."""
    if event.date >= USSR_FROM or "SUN" not in {event.target, *event.attacker_codes}:
        return event
    attackers = [a.model_copy(update={"code": "RUS"}) if a.code == "SUN" else a
                 for a in event.attackers]
    notes = tuple(n for n in event.notes if "read as the USSR" not in n)
    return event.model_copy(update={"target": "RUS" if event.target == "SUN" else event.target,
                                    "attackers": attackers, "notes": notes})


def _event(**kw) -> Event:
    return _imperial_russia(Event(**kw))


class _Reader:
    """Reads, once per belligerent, every link its being at war puts in play."""

    def __init__(self, scenario: Scenario, registry: Registry, options: Options) -> None:
        scenario = scenario.model_copy(update={"events": [_imperial_russia(e)
                                                          for e in scenario.events]})
        self.scenario, self.registry, self.options = scenario, registry, options
        self.on = min(e.date for e in scenario.events)
        attackers: list[str] = []
        targets: list[str] = []
        for ev in scenario.events:
            attackers += [c for c in ev.attacker_codes if c not in attackers]
            if ev.target not in targets:
                targets.append(ev.target)
        self.attackers, self.targets = sorted(attackers), sorted(targets)
        # the attackers as the events name them (a non-state attacker has no code)
        self.attacker_objs = list({a.display: a for ev in scenario.events
                                   for a in ev.attackers}.values())
        self.request = scenario.events[0].request
        first = scenario.events[0]
        self.place = first.place or self._front(first.target)
        self.notes: list[str] = []
        if self.place is None and options.joiner_attacked == "forces":
            self.notes.append(
                f"the gazetteer has no place for {state_name(first.target)}'s territory: a "
                "joiner's allies are read with the attack on its forces at home")
        self._cache: dict[tuple[str, str], list[Link]] = {}

    def _front(self, target: str) -> str | None:
        from casus.gazetteer import parse_place

        try:
            parse_place(state_name(target))
            return state_name(target)
        except CasusError:
            return None

    def enemies(self, side: str) -> list[str]:
        return self.targets if side == "attacker" else self.attackers

    def links(self, state: str, side: str) -> list[Link]:
        key = (state, side)
        if key not in self._cache:
            shared = (id(self.registry), state, side, tuple(self.enemies(side)), self.on,
                      self.place, self.request, self.options,
                      tuple(e.model_dump_json() for e in self.scenario.events)
                      if state in self.targets else ())
            hit = _LINKS.get(shared)
            if hit is None or hit[0]() is not self.registry:
                if len(_LINKS) > 20_000:
                    _LINKS.clear()
                hit = _LINKS[shared] = (weakref.ref(self.registry), self._read(state, side))
            self._cache[key] = hit[1]
        return self._cache[key]

    def _read(self, state: str, side: str) -> list[Link]:
        enemies = self.enemies(side)
        out: list[Link] = []
        extra: list[Reason] = []
        events: list[Event] = []
        if side == "target" and state in self.targets:
            events = [e for e in self.scenario.events if e.target == state]
        elif side == "target":
            opt = self.options.joiner_attacked
            extra.append(rule_joiner_is_belligerent(state, enemies, self.place, opt))
            if opt != "none":
                forces = opt == "forces"
                events = [_event(date=self.on, attackers=self.attacker_objs,
                                 target=state, place=self.place if forces else None,
                                 on="forces" if forces else "territory",
                                 request=self.request)]
        else:
            opt = self.options.counterattack
            extra.append(rule_counterattack(state, enemies, opt))
            if opt != "none" and enemies:
                events = [_event(date=self.on, attackers=[Attacker(name=c, code=c)
                                                          for c in enemies],
                                 target=state, request=self.request)]
        if events:
            # model_construct: the events are validated already, and validating them again
            # would undo _imperial_russia
            assessment = obligations_on(Scenario.model_construct(
                name=None, description=None, events=events, sources=[]), self.registry)
            for o in assessment.obligations:
                if o.kind not in ("defense", *STAY_OUT) or o.verdict == "not_triggered":
                    continue
                if o.obligor in enemies:
                    continue
                more = list(extra)
                if side == "attacker":
                    more.append(rule_aggressor(state, o.obligor, o.treaty_title, o.article,
                                               self.options.aggressor))
                verdict = _and(o.verdict, more)
                changed = next((r.rule for r in more if _RESULT[r.result] == verdict
                                and verdict != o.verdict), None)
                deciding = [r.text for r in more if r.rule == changed]
                because = deciding + [r.text for r in more if r.result != "met"] + \
                    [_clause(o)] + o.reasons
                stay = o.kind in STAY_OUT
                out.append(Link(
                    obligor=o.obligor, beneficiary=state,
                    side=other(side) if stay else side, treaty=o.treaty,
                    treaty_title=o.treaty_title, article=o.article, kind=o.kind,
                    verdict=verdict, because=tuple(dict.fromkeys(because)),
                    decides=tuple(o.decides) + tuple(r.decides for r in more if r.decides),
                    rule="reasoner", stay_out=stay, changed_by=changed))
        if side == "attacker" and enemies:
            out += self._owed_as_attacker(state, side, enemies)
        return out


    def _owed_as_attacker(self, state: str, side: str, enemies: list[str]) -> list[Link]:
        """What the reasoner says a state fighting on the attacking side is owed for its attack:
        offence pledges (allies bound to fight beside it) and neutrality / non-assistance
        pledges (states bound to stay out of the war against it)."""
        event = _event(date=self.on, attackers=[Attacker(name=state, code=state)],
                       target=enemies[0], request=self.request)
        assessment = obligations_on(Scenario.model_construct(
            name=None, description=None, events=[event], sources=[]), self.registry)
        out: list[Link] = []
        for o in assessment.obligations:
            if o.beneficiary_role != "attacker" or o.beneficiary != state or \
                    o.verdict == "not_triggered" or o.obligor in enemies:
                continue
            because = (_clause(o), *o.reasons)
            if o.kind == "offense" and self.options.offense == "read":
                r = rule_offense(o.obligor, state, treaty_article(o.treaty_title, o.article),
                                 self.options.offense)
                out.append(Link(o.obligor, state, side, o.treaty, o.treaty_title, o.article,
                                o.kind, o.verdict, (r.text, *because), tuple(o.decides),
                                rule="offense"))
            elif o.kind in STAY_OUT:
                out.append(Link(o.obligor, state, other(side), o.treaty, o.treaty_title,
                                o.article, o.kind, o.verdict, because, tuple(o.decides),
                                rule="stay_out", stay_out=True))
        return out


# --- the rounds -----------------------------------------------------------------------------


def _best(links: list[Link]) -> Link:
    return min(links, key=lambda x: (_RANK[x.verdict], x.kind != "defense", len(x.decides),
                                     x.treaty, x.article, x.beneficiary))


def _walk(reader: _Reader, round0: dict[str, str], certain_only: bool
          ) -> tuple[dict[str, tuple[str, int, str, list[Link], list[Reason]]], list[StayOut]]:
    """Breadth-first over links; ``certain_only`` follows triggered links from certain states,
    otherwise paths with at most ``options.may_depth`` uncertain links are followed.

    Returns ``{state: (side, round, verdict, entry links, extra reasons)}`` and conflicts.
    """
    status: dict[str, tuple[str, int, str, list[Link], list[Reason]]] = {
        s: (side, 0, "triggered", [], []) for s, side in round0.items()}
    doubt: dict[str, int] = dict.fromkeys(round0, 0)
    limit = 0 if certain_only else reader.options.may_depth
    conflicts: list[StayOut] = []
    blocked: set[str] = set()
    frontier = list(round0)
    stay: dict[str, list[Link]] = {}
    for rnd in range(1, reader.options.max_rounds + 1):
        if not frontier:
            break
        offers: dict[str, dict[str, list[Link]]] = {}
        depth: dict[str, int] = {}
        for b in sorted(frontier):
            side, _, b_verdict, _, _ = status[b]
            for link in reader.links(b, side):
                if link.verdict == "not_triggered":
                    continue
                sure = link.verdict == "triggered" and b_verdict == "triggered"
                d = doubt[b] + (link.verdict != "triggered")
                if d > limit:
                    continue
                if link.stay_out:
                    stay.setdefault(link.obligor, []).append(link)
                    continue
                if link.obligor in status or link.obligor in blocked:
                    continue
                depth[link.obligor] = min(d, depth.get(link.obligor, d))
                offers.setdefault(link.obligor, {}).setdefault(link.side, []).append(
                    link if sure or link.verdict == "uncertain" else
                    _as_uncertain(link, b))
        frontier = []
        for state in sorted(offers):
            by_side = offers[state]
            sure = {s: [x for x in ls if x.verdict == "triggered"] for s, ls in by_side.items()}
            sides = [s for s in ("target", "attacker") if sure.get(s)] or \
                [s for s in ("target", "attacker") if by_side.get(s)]
            if len(sides) == 2:
                t, a = _best(by_side["target"]), _best(by_side["attacker"])
                r = rule_both_sides(state, treaty_article(t.treaty, t.article),
                                    treaty_article(a.treaty, a.article))
                conflicts.append(StayOut(state, None, None, None, r.rule, "uncertain",
                                         (r.text,), (r.decides,) if r.decides else ()))
                blocked.add(state)
                continue
            side = sides[0]
            links = sorted(by_side[side], key=lambda x: (_RANK[x.verdict], x.treaty,
                                                         x.article))
            verdict = "triggered" if sure.get(side) else "uncertain"
            extra: list[Reason] = []
            bars = [x for x in stay.get(state, []) if x.side == side]
            if bars:
                bar = _best(bars)
                r = rule_neutrality(state, side, treaty_article(bar.treaty_title, bar.article),
                                    reader.options.neutrality)
                extra.append(r)
                verdict = _and(verdict, [r])
                if verdict == "not_triggered" or (certain_only and verdict != "triggered"):
                    blocked.add(state)
                    continue
            status[state] = (side, rnd, verdict, links, extra)
            doubt[state] = depth[state] + (1 if extra and verdict == "uncertain" else 0)
            frontier.append(state)
    return status, conflicts


def _as_uncertain(link: Link, via: str) -> Link:
    """A triggered link from a state that only may enter is itself only "may enter"."""
    return Link(link.obligor, link.beneficiary, link.side, link.treaty, link.treaty_title,
                link.article, link.kind, "uncertain", link.because,
                (f"whether {who(via)} enters the war", *link.decides), link.rule,
                link.stay_out, link.changed_by)


def cascade(scenario: Scenario, registry: Registry | None = None,
            options: Options | None = None) -> Cascade:
    """Who is drawn into the war a scenario starts, round by round, and why.

    >>> from casus.reasoner import Scenario
    >>> c = cascade(Scenario.single(date="2026-01-15", attackers=["USA"], target="PRK"))
    >>> sorted(e.state for e in c.entrants if e.round == 1 and e.verdict == "triggered")
    ['CHN', 'RUS']
    """
    registry = load_registry() if registry is None else registry
    options = options or Options()
    reader = _Reader(scenario, registry, options)
    scenario = reader.scenario
    round0 = {**{s: "attacker" for s in reader.attackers},
              **{s: "target" for s in reader.targets}}
    lower, conflicts_low = _walk(reader, round0, certain_only=True)
    upper, conflicts_up = _walk(reader, round0, certain_only=False)
    entrants: list[Entrant] = []
    for state in sorted(set(lower) | set(upper)):
        if state in round0:
            continue
        side, rnd, verdict, links, extra = lower.get(state) or upper[state]
        if state not in lower:
            verdict = "uncertain"
        best = _best(links)
        because = [r.text for r in extra] + list(best.because)
        decides = [r.decides for r in extra if r.decides] + \
            (list(best.decides) if verdict == "uncertain" else [])
        entrants.append(Entrant(state, side, rnd, verdict, best,
                                tuple(x for x in links if x is not best),
                                tuple(dict.fromkeys(because)), tuple(dict.fromkeys(decides))))
    at_war = set(round0) | {e.state for e in entrants}
    stays: list[StayOut] = []
    seen_conflict = set()
    for c in conflicts_low + conflicts_up:
        if c.state not in at_war and c.state not in seen_conflict:
            seen_conflict.add(c.state)
            stays.append(c)
    explored = [link for (b, _), ls in reader._cache.items() for link in ls]
    for link in sorted(explored, key=lambda x: (x.obligor, x.treaty, x.article)):
        if link.obligor in at_war or link.obligor in seen_conflict:
            continue
        if link.stay_out and link.verdict != "not_triggered":
            stays.append(StayOut(link.obligor, link.side, link.treaty, link.article,
                                 "bound_to_stay_out", link.verdict, link.because,
                                 link.decides))
        elif link.changed_by and link.verdict != "triggered":
            stays.append(StayOut(link.obligor, link.side, link.treaty, link.article,
                                 link.changed_by, link.verdict, link.because, link.decides))
    stays = list({(s.state, s.treaty, s.article, s.rule): s for s in stays}.values())
    return Cascade(scenario=scenario, options=options, date=reader.on,
                   round0={"attacker": reader.attackers, "target": reader.targets},
                   entrants=entrants, stays_out=stays, links=explored,
                   notes=reader.notes)
