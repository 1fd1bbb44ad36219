"""Wars replayed against ATOP, by the reasoner: which members' commitments each war activated.

:func:`war_activations` takes the ATOP files and a war file (RSH, COW v4.0 or peacesciencer's
``cow_war_inter``, see :mod:`casus.history.wars`) and returns one row per (alliance, member,
war): every ATOP member that took part in the war, or whose alliance partner did, while the
alliance was in effect.

There is one engine. Every ATOP alliance becomes a :class:`~casus.model.treaty.Treaty`
(:func:`~casus.history.atop_treaties.treaties_from_atop`); every war event becomes a reasoner
:class:`~casus.reasoner.Event` — the initiator of each initial war attacked its target on its
entry date, ``provoked`` when the target had itself begun fighting in the war on or before that
day — and :func:`casus.reasoner.obligations_on` decides, once per war for all its events, what
each event engaged: defence pledges toward the attacked party, offence and neutrality pledges
toward an attacker that is a party, non-aggression pledges an attack on a partner breaks
(:mod:`casus.reasoner.war`). A member's row is ``activated`` when one of its own obligations in
that alliance was triggered as a case of performance in war (``activation`` ``activated`` or
``breached``); a triggered consultation pledge ``does_not_apply`` (consulting is not fighting).

Alliances concluded during a war its members were already fighting are judged on the day they
were concluded: each initial war still under way that day is replayed then (``continuing``).

How the conditions ATOP codes without detail are read is :class:`ReplayOptions` (the
agreement harness, :mod:`casus.history.agreement`, chooses among them by cross-validation).
See docs/history.md for the sources, the choices and the known gaps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl

from casus._write import write_frame
from casus.errors import CasusError, DataError, Problem
from casus.history.atop import (
    find_atop_alliances,
    find_atop_members,
    obligation_spells,
    read_atop_members,
)
from casus.history.atop_treaties import AtopReading, treaties_from_atop
from casus.history.cow import INT, STR, read_checked_csv
from casus.history.wars import read_war_events
from casus.model.geography import Contiguity, cow_region
from casus.model.registry import Registry
from casus.model.states import state_from_cow
from casus.reasoner import Attacker, Event, Obligation, Scenario, obligations_on

__all__ = ["ACTIVATION_COLUMNS", "ReplayOptions", "activations_for_cli", "cow_region",
           "read_contiguity", "war_activations"]

#: Output columns, in order (the first five are the contract).
ACTIVATION_COLUMNS: tuple[str, ...] = (
    "atopid", "member", "war", "activated", "reason",
    "obligation", "certainty", "partner", "adversary", "event_date", "init_war_id",
    "ally_attacked", "member_in_war", "in_effect_at_war_start", "kinds_activated",
    "war_name", "war_start",
    "defense_status", "offense_status", "neutral_status", "consul_status", "nonagg_status",
)
"""Per-kind ``*_status``: ``activated`` (for non-aggression: broken by a partner's attack),
``does_not_apply`` (a consultation pledge engaged: not a performance case), ``not_activated``
(an event happened but a condition failed), ``undecided`` (only a condition casus cannot check
stood in the way), ``no_event`` (nothing the pledge turns on happened while allied), or null
(no such pledge)."""

_KINDS = {"defense": "defense", "offense": "offense", "neutrality": "neutral",
          "consultation": "consul", "non_aggression": "nonagg"}
_KIND_ORDER = ("defense", "offense", "neutral", "nonagg", "consul")  # priority in a row
_WORD = {"defense": "defense", "offense": "offense", "neutral": "neutrality",
         "nonagg": "non-aggression", "consul": "consultation"}
_PARTY_RULES = ("treaty_in_force", "article_in_force", "obligor_party", "beneficiary_party")
_TELLING = ("adversary", "scope", "partner_at_war", "non_aggression_breached", "request",
            "non_provocation", "obligor_is_attacker", "obligor_is_target")


@dataclass(frozen=True)
class ReplayOptions:
    """The readings the replay has to choose where ATOP does not say enough.

    ``location`` and ``unnamed_adversary`` are :class:`~casus.history.atop_treaties.AtopReading`
    (how ``*coloc`` and an uncoded ``*coadv`` are read); ``request``: ``presumed`` — an attacked
    or warring partner is taken to have asked for the help a ``*codem``/``concoreq`` pledge
    waits on — or ``unknown`` (the request is not observed, so such pledges stay uncertain).
    """

    location: str = "region_or_contiguity"
    unnamed_adversary: str = "uncertain"
    request: str = "presumed"

    def __post_init__(self) -> None:
        AtopReading(self.location, self.unnamed_adversary)  # validates both
        if self.request not in ("presumed", "unknown"):
            raise ValueError(f"request reading {self.request!r}: expected presumed or unknown")

    def label(self) -> str:
        return f"location={self.location}, unnamed_adversary={self.unnamed_adversary}, " \
               f"request={self.request}"


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def _atop_files(atop: str | Path | Sequence[str | Path]) -> tuple[Path, Path]:
    """The ATOP member- and alliance-level CSVs among what the caller gave."""
    if isinstance(atop, (str, Path)):
        members = find_atop_members(atop)
        return members, find_atop_alliances(atop if Path(atop).is_dir() else members)
    paths = [Path(x) for x in atop]
    if not paths:
        raise DataError([Problem("<atop>", "no ATOP files given")])
    members = next((x for x in paths if "member" in x.name), paths[0])
    alliances = next((x for x in paths if "alliance" in x.name and x != members), None)
    return members, alliances or find_atop_alliances(members)


def read_contiguity(path: str | Path) -> Contiguity:
    """COW Direct Contiguity (peacesciencer's ``cow_contdir.csv``: ``ccode1, ccode2,
    conttype, stdate, enddate``) as a :class:`~casus.model.geography.Contiguity`: land or
    water up to 400 miles (``conttype`` 1–5)."""
    kinds = {"ccode1": INT, "ccode2": INT, "conttype": INT, "stdate": STR, "enddate": STR}
    frame = read_checked_csv(path, kinds, what="COW direct contiguity")
    frame = frame.with_columns(pl.col("stdate").str.to_date(strict=False),
                               pl.col("enddate").str.to_date(strict=False))
    bad = frame.with_row_index("_row").filter(pl.col("stdate").is_null()
                                              | pl.col("enddate").is_null()).head(5)
    if bad.height:
        raise DataError([Problem(str(path), "not a date (write YYYY-MM-DD)",
                                 line=r["_row"] + 2, field="stdate/enddate")
                         for r in bad.iter_rows(named=True)])
    rows = frame.filter(pl.col("conttype").is_between(1, 5)).select(
        "ccode1", "ccode2", "stdate", "enddate").iter_rows()
    return Contiguity.from_pairs(rows)


@cache
def _code(ccode: int, on: date) -> str | None:
    try:
        return state_from_cow(ccode, on).code
    except CasusError:
        return None


@cache
def _name(ccode: int | None, on: date | None = None) -> str:
    """'France (220)': the state's name on a date, or just the number if casus lacks it."""
    if ccode is None:
        return "an unidentified state"
    try:
        return f"{state_from_cow(ccode, on).name} ({ccode})"
    except CasusError:
        return str(ccode)


def _overlap(a0: date, a1: date | None, b0: date, b1: date | None) -> bool:
    return (a1 is None or b0 <= a1) and (b1 is None or a0 <= b1)


def _covers(spell: dict, on: date) -> bool:
    return spell["start"] <= on and (spell["end"] is None or on <= spell["end"])


@dataclass
class _War:
    wid: int
    name: str
    start: date
    end: date | None
    events: list[dict]                       # directed: side_a attacked side_b on date
    span: dict[int, tuple[date, date | None]]  # state -> (entry, last day)


def _wars(frame: pl.DataFrame) -> dict[int, _War]:
    wars: dict[int, _War] = {}
    for (wid,), g in frame.group_by(["war"], maintain_order=True):
        span: dict[int, tuple[date, date | None]] = {}
        for r in g.iter_rows(named=True):
            for s in (r["side_a"], r["side_b"]):
                if s is None:
                    continue
                entry, last = span.get(s, (r["date"], r["end"]))
                ends = [e for e in (last, r["end"]) if e is not None]
                span[s] = (min(entry, r["date"]), max(ends) if ends else None)
        ends = [e for _, e in span.values() if e is not None]
        wars[wid] = _War(wid, g["war_name"][0], g["date"].min(), max(ends) if ends else None,
                         [r for r in g.iter_rows(named=True) if r["directed"]], span)
    return wars


# ---------------------------------------------------------------------------------------------
# the replay
# ---------------------------------------------------------------------------------------------

def _candidates(war: _War, by_alliance: dict[int, dict[int, list[dict]]]
                ) -> list[tuple[int, int]]:
    """(atopid, member) pairs with a row: the member took part while in the alliance, or a
    partner did while both were in it."""
    out = []
    for aid, members in by_alliance.items():
        fought = [m for m in members if m in war.span]
        if not fought:
            continue
        # when each fighting member was both at war and in the alliance; a member has a row
        # if it was in the alliance during one of these windows (its own, or a partner's)
        windows = []
        for p in fought:
            e0, e1 = war.span[p]
            for s in members[p]:
                if _overlap(s["start"], s["end"], e0, e1):
                    lo = max(s["start"], e0)
                    hi = min((x for x in (s["end"], e1) if x is not None), default=None)
                    windows.append((lo, hi))
        if not windows:
            continue
        for member, own in members.items():
            if any(_overlap(s["start"], s["end"], lo, hi) for lo, hi in windows for s in own):
                out.append((aid, member))
    return out


def _event(e: dict, on: date, began: dict[int, list[date]], request: bool | None,
           continuing: bool) -> tuple[Event, dict] | None:
    a, t = _code(e["side_a"], on), _code(e["side_b"], on)
    if a is None or t is None or a == t:
        return None
    provoked = any(d <= on for d in began.get(e["side_b"], ()))
    # codes from casus's own COW table (state_from_cow, era-correct: SUN 1922-1991), so the
    # event needs none of the checks a typed name gets
    event = Event.model_construct(
        date=on, attackers=[Attacker.model_construct(name=a, code=a, non_state=False)],
        target=t, request=request, provoked=provoked)
    return (event,
            {"date": on, "init_war_id": e["init_war_id"], "attacker": e["side_a"],
             "target": e["side_b"], "since": e["date"], "continuing": continuing})


def _plans(war: _War, rows: list[tuple[int, int]], by_alliance, options: ReplayOptions
           ) -> list[tuple[set[int], list[tuple[Event, dict]], set[str] | None]]:
    """What to ask the reasoner for one war: (alliances to read, events with their origin).

    First every initial war on its entry date, read against every alliance the war's rows are
    about. Then, for each alliance concluded while one of its members was fighting, the
    initial wars of those members still under way that day, read against the alliances
    concluded that day only, and only for the obligations that changed that day (those of the
    members whose spell begins then; all members' when one of them was already fighting).
    """
    request = True if options.request == "presumed" else None
    began: dict[int, list[date]] = defaultdict(list)
    for e in war.events:
        began[e["side_a"]].append(e["date"])
    aids = {aid for aid, _ in rows}
    first = [x for e in war.events
             if (x := _event(e, e["date"], began, request, False)) is not None]
    plans: list[tuple[set[int], list[tuple[Event, dict]], set[str] | None]] = [
        (aids, first, None)]
    later: dict[date, tuple[set[int], set[int], set[int]]] = {}
    for aid in aids:
        members = by_alliance[aid]
        for m, own in members.items():
            for s in own:
                d = s["start"]
                if d <= war.start or (war.end is not None and d > war.end):
                    continue
                fighting = {p for p in members if p in war.span and war.span[p][0] < d
                            and (war.span[p][1] is None or d <= war.span[p][1])}
                if fighting:
                    which, who, new = later.setdefault(d, (set(), set(), set()))
                    which.add(aid)
                    who |= fighting
                    # what changed that day: the obligations of the members whose spell
                    # begins then, and those owed to them (a new member in the war)
                    new.add(m)
                    if m in fighting:
                        new |= set(members)
    for d in sorted(later):
        which, who, new = later[d]
        evs = [x for e in war.events
               if e["date"] < d and (e["end"] is None or d <= e["end"])
               and (e["side_a"] in who or e["side_b"] in who)
               and (x := _event(e, d, began, request, True)) is not None]
        if evs:
            plans.append((which, evs, {c for m in new if (c := _code(m, d)) is not None}))
    return plans


def _status(obs: list[Obligation]) -> str:
    acts = {o.activation for o in obs}
    if acts & {"activated", "breached"}:
        return "activated"
    if "does_not_apply" in acts:
        return "does_not_apply"
    considered = [o for o in obs if all(c.result == "met" for c in o.checks
                                        if c.rule in _PARTY_RULES)]
    if any(o.verdict == "uncertain" for o in considered):
        return "undecided"
    if considered:
        return "not_activated"
    return "no_event"


def _headline(m: dict) -> str:
    what = (f"{_name(m['attacker'], m['since'])} attacked {_name(m['target'], m['since'])} on "
            f"{m['since']}")
    if m["init_war_id"] is not None:
        what += f" (RSH initial war {m['init_war_id']})"
    if m["continuing"]:
        what += f", a war still under way on {m['date']}"
    return what


def _certainty(o: Obligation) -> str:
    if o.verdict == "uncertain":
        return "unresolved"
    for c in o.checks:
        if c.rule == "request" or (c.rule == "scope" and ("(COW region)" in c.text
                                                          or "contiguous" in c.text)) or \
                (c.rule == "adversary" and o.kind != "defense"):
            return "inferred"
    return "coded"


def _reason(kind: str, status: str, o: Obligation | None, m: dict | None) -> str:
    label = _WORD[kind].capitalize()
    if o is None or m is None:
        return f"{label}: no event it turns on."
    verb = {"activated": "breached" if kind == "nonagg" else "activated",
            "does_not_apply": "engaged, but does not apply (not a performance case)",
            "undecided": "undecided, counted as not activated",
            "not_activated": "not activated"}[status]
    if o.verdict == "triggered":
        told = [c.text for c in o.checks if c.rule in _TELLING and c.result == "met"]
        tail = "; ".join(told) or "the pledge is unconditional"
    else:
        tail = "; ".join(c.text for c in o.decided_by)
    return f"{label} {verb} ({o.reading.label}): {_headline(m)}; {tail}."


def _no_event_reason(member: int, kinds: list[str], partners: list[int], on: date) -> str:
    pledged = ", ".join(_WORD[k] for k in kinds) or "no coded obligation"
    if not partners:
        return (f"Not activated: {_name(member, on)} took part but no alliance partner was at "
                f"war while allied, and its pledges ({pledged}) turn on a partner's war.")
    who = ", ".join(_name(p, on) for p in partners)
    return (f"Not activated: partner(s) {who} took part, but the events {_name(member, on)}'s "
            f"pledges ({pledged}) turn on did not happen while allied (e.g. a defense pledge "
            "needs a partner to be attacked, an offense pledge a partner to go to war).")


def war_activations(atop_dir_or_paths: str | Path | Sequence[str | Path],
                    wars_csv: str | Path, *,
                    contiguity: str | Path | Contiguity | None = None,
                    options: ReplayOptions | None = None) -> pl.DataFrame:
    """One row per (ATOP alliance, member, war): was the member's commitment activated?

    ``atop_dir_or_paths`` is a folder holding the ATOP member- and alliance-level CSVs, the
    member-level file (the alliance-level one is looked for beside it), or a list of both.
    ``wars_csv`` is a war file in any format :mod:`casus.history.wars` reads. Optional
    ``contiguity`` is a COW direct-contiguity CSV (peacesciencer's ``cow_contdir.csv``) or a
    :class:`~casus.model.geography.Contiguity`; ``options`` the readings
    (:class:`ReplayOptions`, default: region or contiguity, unnamed adversaries uncertain,
    requests presumed).

    Columns: :data:`ACTIVATION_COLUMNS`. Raises :class:`casus.errors.DataError` naming the
    file and column for a missing column or bad value (:class:`~casus.errors.WarFormatError`
    for a war file casus does not recognise).

    >>> df = war_activations("atop-4.01", "cow/interstate-war-rev.csv")   # doctest: +SKIP
    >>> df.filter(atopid=3180, war=38)                                   # doctest: +SKIP
    """
    options = options or ReplayOptions()
    _, war_frame = read_war_events(wars_csv)
    members_csv, alliances_csv = _atop_files(atop_dir_or_paths)
    spells = obligation_spells(read_atop_members(members_csv), file=str(members_csv))
    if contiguity is not None and not isinstance(contiguity, Contiguity):
        contiguity = read_contiguity(contiguity)
    wars = _wars(war_frame)
    by_alliance: dict[int, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for s in spells.iter_rows(named=True):
        by_alliance[s["atopid"]][s["member"]].append(s)
    rows_of = {wid: _candidates(w, by_alliance) for wid, w in wars.items()}
    needed = {aid for rows in rows_of.values() for aid, _ in rows}
    treaties = treaties_from_atop(members_csv, alliances_csv,
                                  reading=AtopReading(options.location, options.unnamed_adversary),
                                  atopids=needed)
    by_id = {t.atop_id: t for t in treaties}
    codes: dict[tuple[int, int], set[str]] = defaultdict(set)
    for aid in needed:
        for member, own in by_alliance[aid].items():
            for s in own:
                c = _code(member, s["start"])
                if c is not None:
                    codes[(aid, member)].add(c)
    out = []
    registries: dict[frozenset[int], Registry] = {}
    for wid in sorted(wars):
        war, rows = wars[wid], rows_of[wid]
        if not rows:
            continue
        found: dict[tuple[int, str], list[tuple[Obligation, dict]]] = defaultdict(list)
        for aids, evs, obligors in _plans(war, rows, by_alliance, options):
            # the reasoner reads only the alliances this part of the war is about (one
            # registry object per set of alliances, so its index is built once)
            key = frozenset(a for a in aids if a in by_id)
            registry = registries.get(key)
            if registry is None:
                registry = registries[key] = Registry(
                    {f"atop-{a}": by_id[a] for a in sorted(key)}, contiguity=contiguity)
            meta = [m for _, m in evs]
            scenario = Scenario(events=[e for e, _ in evs])
            for o in obligations_on(scenario, registry, obligors=obligors).obligations:
                found[(int(o.treaty.removeprefix("atop-")), o.obligor)].append(
                    (o, meta[o.event]))
        for aid, member in rows:
            out.append(_row(aid, member, war, by_alliance[aid], codes, found))
    schema = {"atopid": pl.Int64, "member": pl.Int64, "war": pl.Int64, "activated": pl.Int8,
              "reason": pl.String, "obligation": pl.String, "certainty": pl.String,
              "partner": pl.Int64, "adversary": pl.Int64, "event_date": pl.Date,
              "init_war_id": pl.Int64, "ally_attacked": pl.Int8, "member_in_war": pl.Int8,
              "in_effect_at_war_start": pl.Int8, "kinds_activated": pl.String,
              "war_name": pl.String, "war_start": pl.Date,
              **{f"{k}_status": pl.String
                 for k in ("defense", "offense", "neutral", "consul", "nonagg")}}
    return pl.DataFrame(out, schema=schema, orient="row").sort("war", "atopid", "member")


def _row(aid: int, member: int, war: _War, members: dict[int, list[dict]],
         codes: dict[tuple[int, int], set[str]], found) -> tuple:
    own = members[member]
    pairs = [x for c in codes.get((aid, member), ()) for x in found.get((aid, c), ())]
    obs = [o for o, _ in pairs]
    meta_of = {id(o): m for o, m in pairs}
    by_kind: dict[str, list[Obligation]] = defaultdict(list)
    for o in obs:
        by_kind[_KINDS.get(o.kind, o.kind)].append(o)
    statuses = {}
    for kind in ("defense", "offense", "neutral", "consul", "nonagg"):
        if not any(s[kind] == 1 for s in own):
            statuses[kind] = None
        else:
            statuses[kind] = _status(by_kind.get(kind, []))
    hits = [k for k in _KIND_ORDER if statuses[k] == "activated"]
    rank = {"activated": 0, "undecided": 1, "not_activated": 2, "does_not_apply": 3}
    best_kind = min((k for k in _KIND_ORDER if statuses[k] in rank),
                    key=lambda k: (rank[statuses[k]], _KIND_ORDER.index(k)), default=None)
    partners = sorted(p for p in members if p != member and p in war.span)
    ally_attacked = int(any(
        e["side_b"] in members and e["side_b"] != member and e["side_a"] != member
        and any(_covers(s, e["date"]) for s in own)
        and any(_covers(s, e["date"]) for s in members[e["side_b"]]) for e in war.events))
    if best_kind is None:
        kinds = [k for k in _KIND_ORDER if statuses[k] is not None]
        reason = _no_event_reason(member, kinds, partners, war.start)
        best = None
        m = None
    else:
        status = statuses[best_kind]
        pool = by_kind[best_kind]
        if status == "activated":
            pool = [o for o in pool if o.activation in ("activated", "breached")]
        elif status == "does_not_apply":
            pool = [o for o in pool if o.activation == "does_not_apply"]
        elif status == "undecided":
            pool = [o for o in pool if o.verdict == "uncertain"]
        else:
            pool = [o for o in pool if o.verdict == "not_triggered" and all(
                c.result == "met" for c in o.checks if c.rule in _PARTY_RULES)]
        best = min(pool, key=lambda o: (meta_of[id(o)]["date"], o.event))
        m = meta_of[id(best)]
        reason = _reason(best_kind, status, best, m)
    activated = int(bool(hits))
    if best is not None:
        if best.beneficiary_role == "attacker":
            partner, enemy = m["attacker"], m["target"]
        elif best.kind == "non_aggression":
            partner = enemy = m["target"]
        else:
            partner, enemy = m["target"], m["attacker"]
        certainty = _certainty(best)
        when, iw = m["date"], m["init_war_id"]
    else:
        partner = enemy = when = iw = None
        certainty = "coded"
    at_start = int(any(_covers(s, war.start) for s in own))
    return (aid, member, war.wid, activated, reason, best_kind, certainty, partner, enemy, when,
            iw, ally_attacked, int(member in war.span), at_start, ",".join(hits), war.name,
            war.start, *(statuses[k] for k in ("defense", "offense", "neutral", "consul",
                                                "nonagg")))


def activations_for_cli(atop_dir: str, wars: str, out: str, *,
                        contiguity: str | None = None) -> int:
    """What ``casus history activations --atop DIR --wars FILE -o out.csv`` runs.

    Builds :func:`war_activations` and writes it atomically (temporary file, then
    ``os.replace``): on any error nothing is written at ``out``. Returns the row count.
    """
    frame = war_activations(atop_dir, wars, contiguity=contiguity)
    write_frame(frame, out)
    return frame.height
