# The rule set casus history activations used before it ran the reasoner (commit 1e69975), kept
# importable for benchmarks/bench_history.py only: it is not part of casus and is not tested.
# ruff: noqa
"""Wars replayed against ATOP: which members' alliance commitments each war activated.

:func:`war_activations` takes the ATOP member-level file and the Reiter–Stam–Horowitz (RSH)
revised interstate war file and returns one row per (alliance, member, war): every ATOP
member that took part in the war, or whose alliance partner did, while the alliance was in
effect. ``activated`` says whether the event the member's *own* obligation turns on happened,
with its conditions met; ``reason`` is one sentence naming the codebook condition that decided.
It does not say whether the member honoured the commitment (that is the experts' second step).

The rule (after Leeds, Long & Mitchell 2000; Leeds 2003; Berkemeier & Fuhrmann 2018: a
commitment is *invoked* when the circumstances the treaty specifies arise; see
docs/history.md for the sources, the choices and the known gaps)

Events come from the RSH file. Each ``init_war_id`` is one bilateral initial war: its initiator
*attacked* its target on the entry date of its first year. A state *takes part* from its
earliest entry; a state *initiated* if it is the initiator of an initial war.

- **defense** — a partner was attacked (target of an initiator other than the member itself)
  while both were in the alliance; and ``defcoadv``: the attacker is one of the states ATOP
  names as the threat (``statthr1``/``statthr2``); ``defconpr``: the partner had not itself
  initiated an initial war of this war on or before that day; ``defcoloc``: ATOP does not name
  the place, so the location condition is taken as met when attacker and partner are in the
  same COW region or directly contiguous (contiguity only when a COW direct-contiguity file
  is given) — *inferred*; ``defconum``: met when the partner faced two or more attackers in
  the war — *inferred* (the usual wording, "two or more powers", is not coded);
  ``defcocon``: met when the alliance was concluded after the war began (so made for it),
  otherwise *unresolved*; ``defcodem``: assumed met (an attacked ally is presumed to ask) —
  *inferred*.
- **offense** — a partner initiated an initial war (alone or jointly with the member), with
  ``offcoadv``/``offcoloc``/``offcocon``/``offconum``/``offcodem`` read as above.
- **neutrality** — a partner was at war (with a state other than the member), with
  ``neucoatt`` (only if the partner was attacked), ``neuconpr``, ``neucoadv``, ``neucoloc``,
  ``neucocon``, ``neuconum``, ``neucodem`` read as above.
- **non-aggression** — a partner was at war: the promise not to attack it then bites.
- **consultation** — a partner was attacked, with ``concoadv``/``concoloc``/``concocon``;
  ``concoreq`` (at a partner's request) is assumed met — *inferred*.

A condition casus cannot check (an adversary ATOP does not code, a conflict it does not name)
is never assumed met: the finding is *undecided*, counted as not activated, and the row says
``certainty = "unresolved"`` (``coded``: decided from coded data alone; ``inferred``: a
stated best-evidence reading was used). ``activated`` is 1 when any of the member's defence,
offence, neutrality or consultation obligations was activated — a non-aggression pledge asks
for no action in a partner's war, so it shows only in ``nonagg_status``; the deciding
finding shown is the strongest kind (defense, offense,
neutrality, consultation, non-aggression), earliest first. Without an activation, an undecided
finding explains the row before a coded "no".

The war number is RSH's ``larger_war_id`` (RSH's own numbering, 88 wars): the file carries no
COW war number. ``init_war_id`` names the initial war that decided.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import polars as pl

from casus.errors import CasusError, DataError, Problem
from casus.history.atop import CODEBOOK, obligation_spells, read_atop_members
from casus.history.cow import INT, STR, read_checked_csv, read_rsh_wars
from casus.model.states import state_from_cow

__all__ = ["ACTIVATION_COLUMNS", "activations_for_cli", "cow_region", "war_activations"]

#: Output columns, in order (the first five are the contract).
ACTIVATION_COLUMNS: tuple[str, ...] = (
    "atopid", "member", "war", "activated", "reason",
    "obligation", "certainty", "partner", "adversary", "event_date", "init_war_id",
    "ally_attacked", "member_in_war", "in_effect_at_war_start", "kinds_activated",
    "war_name", "war_start",
    "defense_status", "offense_status", "neutral_status", "consul_status", "nonagg_status",
)
"""Per-kind ``*_status``: ``activated``, ``not_activated`` (an event happened but a coded or
inferred condition failed), ``undecided`` (only an unverifiable condition stood in the way),
``no_event`` (nothing the pledge turns on happened while allied), or null (no such pledge)."""

_KIND_ORDER = ("defense", "offense", "neutral", "consul", "nonagg")  # priority in a row
_KIND_WORD = {"defense": "defense", "offense": "offense", "neutral": "neutrality",
              "nonagg": "non-aggression", "consul": "consultation"}
_CERTAINTY_RANK = {"coded": 0, "inferred": 1, "unresolved": 2}

# Correlates of War regions by state-number range (COW's own convention).
_REGIONS = ((2, 199, "the Americas"), (200, 399, "Europe"), (400, 626, "Africa"),
            (630, 699, "the Middle East"), (700, 899, "Asia"), (900, 999, "Oceania"))


def cow_region(ccode: int) -> str | None:
    """The COW region of a state number (2–199 Americas, 200–399 Europe, 400–626 Africa,
    630–699 Middle East, 700–899 Asia, 900–999 Oceania), or None outside those ranges."""
    for lo, hi, name in _REGIONS:
        if lo <= ccode <= hi:
            return name
    return None


# ---------------------------------------------------------------------------------------------
# inputs
# ---------------------------------------------------------------------------------------------

def _members_file(atop: str | Path | Sequence[str | Path]) -> Path:
    """The ATOP member-level CSV among what the caller gave (a folder, a file, or files)."""
    if isinstance(atop, (str, Path)):
        p = Path(atop)
        if p.is_dir():
            exact = p / "atop-member-level.csv"
            if exact.is_file():
                return exact
            found = sorted(p.glob("*member*.csv"))
            if len(found) == 1:
                return found[0]
            raise DataError([Problem(str(p), "no single ATOP member-level CSV in this folder "
                                             "(expected e.g. atop-member-level.csv; found "
                                             f"{len(found)} '*member*.csv' files)")])
        return p
    paths = [Path(x) for x in atop]
    named = [x for x in paths if "member" in x.name]
    if named:
        return named[0]
    if paths:
        return paths[0]
    raise DataError([Problem("<atop>", "no ATOP files given")])


@dataclass
class _War:
    wid: int
    name: str
    start: date
    entry: dict[int, date] = field(default_factory=dict)                    # state -> date
    attacks: dict[int, list[tuple[int, date, int]]] = field(               # target -> ...
        default_factory=lambda: defaultdict(list))
    initiations: dict[int, list[tuple[int, date, int]]] = field(           # initiator -> ...
        default_factory=lambda: defaultdict(list))
    dyads: dict[int, list[tuple[int | None, date, int]]] = field(          # state -> enemies
        default_factory=lambda: defaultdict(list))


def _wars(wars_csv: str | Path) -> dict[int, _War]:
    frame = read_rsh_wars(wars_csv)
    firsts = frame.sort("year").group_by("init_war_id", maintain_order=True).first()
    wars: dict[int, _War] = {}
    for r in firsts.sort("entry").iter_rows(named=True):
        w = wars.setdefault(r["larger_war_id"], _War(r["larger_war_id"], r["larger_war_name"],
                                                     r["entry"]))
        w.start = min(w.start, r["entry"])
        i, t, d, iw = r["init_ccode"], r["target_ccode"], r["entry"], r["init_war_id"]
        w.attacks[t].append((i, d, iw))
        w.initiations[i].append((t, d, iw))
        w.dyads[i].append((t, d, iw))
        w.dyads[t].append((i, d, iw))
        for s in (i, t):
            w.entry[s] = min(w.entry.get(s, d), d)
    # states RSH lists only as further adversaries or allies: participants, enemy unknown
    listed = [c for c in frame.columns if c.endswith("ccode") and c[:3] in ("adv", "all")]
    for r in frame.sort("year", "entry").iter_rows(named=True):
        w = wars[r["larger_war_id"]]
        for c in listed:
            s = r[c]
            if s is not None and s not in w.entry:
                w.entry[s] = r["entry"]
                w.dyads[s].append((None, r["entry"], r["init_war_id"]))
    return wars


def _contiguity(path: str | Path | None) -> dict[tuple[int, int], list[tuple[date, date]]]:
    if path is None:
        return {}
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
    out: dict[tuple[int, int], list[tuple[date, date]]] = defaultdict(list)
    for r in frame.filter(pl.col("conttype").is_between(1, 5)).iter_rows(named=True):
        out[(r["ccode1"], r["ccode2"])].append((r["stdate"], r["enddate"]))
    return out


# ---------------------------------------------------------------------------------------------
# the rule
# ---------------------------------------------------------------------------------------------

@dataclass
class _Finding:
    kind: str
    activated: bool
    reason: str
    certainty: str = "coded"
    partner: int | None = None
    adversary: int | None = None
    when: date | None = None
    init_war: int | None = None


@cache
def _name(ccode: int, on: date | None = None) -> str:
    """'France (220)': the state's name on a date, or just the number if casus lacks it."""
    try:
        return f"{state_from_cow(ccode, on).name} ({ccode})"
    except CasusError:
        return str(ccode)


def _covers(spell: dict, on: date) -> bool:
    return spell["start"] <= on and (spell["end"] is None or on <= spell["end"])


class _Judge:
    def __init__(self, contiguity):
        self.contiguity = contiguity

    def near(self, a: int, b: int | None, on: date) -> tuple[bool, str]:
        if b is None:
            return True, "the enemy is not identified, so the location is taken as met"
        for s, e in self.contiguity.get((a, b), ()):
            if s <= on <= e:
                return True, f"{_name(a, on)} and {_name(b, on)} are directly contiguous (COW)"
        ra, rb = cow_region(a), cow_region(b)
        if ra is not None and ra == rb:
            return True, f"{_name(a, on)} and {_name(b, on)} are both in {ra} (COW region)"
        why = (f"{_name(a, on)} is in {ra or 'no COW region'} and {_name(b, on)} in "
               f"{rb or 'no COW region'}")
        return False, why + ("" if not self.contiguity else
                             ", and they are not directly contiguous")

    def conditions(self, kind: str, spell: dict, war: _War, partner: int, enemy: int | None,
                   on: date, alliance_start: date) -> tuple[bool | None, str, str]:
        """(met, the deciding or qualifying words, certainty) for one event; met is None
        when a condition casus cannot check is all that stands in the way."""
        prefix = {"defense": "def", "offense": "off", "neutral": "neu", "consul": "con"}[kind]
        certainty = "coded"
        notes: list[str] = []
        unresolved: list[str] = []

        def flag(col):
            return spell.get(prefix + col) == 1

        def cite(col):
            return f"{prefix}{col} ({CODEBOOK.get(prefix + col, '').rstrip('.')})"

        if flag("conpr") and any(d <= on for _, d, _ in war.initiations.get(partner, ())):
            return False, (f"{cite('conpr')}: {_name(partner, on)} had itself initiated "
                           "fighting in this war"), certainty
        if kind == "neutral" and flag("coatt") and partner not in war.attacks:
            return False, f"{cite('coatt')}: {_name(partner, on)} was not attacked", certainty
        if flag("coadv"):
            named = [c for c in (spell.get("statthr1"), spell.get("statthr2")) if c]
            if not named:
                unresolved.append(f"{cite('coadv')}, and ATOP codes no adversary (statthr1/2 "
                                  "= 0), so the attacker cannot be checked")
            elif enemy is None:
                unresolved.append(f"{cite('coadv')}, and the enemy is not identified")
            elif enemy not in named:
                return False, (f"{cite('coadv')}: the treaty names "
                               f"{' and '.join(_name(c, on) for c in named)}, and the enemy was "
                               f"{_name(enemy, on)}"), \
                    "coded" if kind == "defense" else "inferred"
            else:
                notes.append(f"{prefix}coadv met: {_name(enemy, on)} is the named adversary")
            if named and kind != "defense":
                certainty = max(certainty, "inferred", key=_CERTAINTY_RANK.get)
        if flag("coloc"):
            met, why = self.near(partner, enemy, on)
            certainty = max(certainty, "inferred", key=_CERTAINTY_RANK.get)
            if not met:
                return False, (f"{cite('coloc')}: ATOP does not name the place; by best "
                               f"evidence the war was not in that area ({why})"), "inferred"
            notes.append(f"{prefix}coloc taken as met ({why})")
        if flag("conum"):
            enemies = {e for e, _, _ in war.dyads.get(partner, ()) if e is not None}
            certainty = max(certainty, "inferred", key=_CERTAINTY_RANK.get)
            if len(enemies) < 2:
                return False, (f"{cite('conum')}: {_name(partner, on)} faced one enemy state, "
                               "and such clauses usually require two or more"), "inferred"
            notes.append(f"{prefix}conum taken as met ({len(enemies)} enemy states)")
        if flag("cocon"):
            if alliance_start >= war.start:
                certainty = max(certainty, "inferred", key=_CERTAINTY_RANK.get)
                notes.append(f"{prefix}cocon taken as met (alliance concluded during this war)")
            else:
                unresolved.append(f"{cite('cocon')}, and ATOP does not name the conflict (the "
                                  "alliance predates this war)")
        for col in ("codem", "coreq"):
            if flag(col):
                certainty = max(certainty, "inferred", key=_CERTAINTY_RANK.get)
                notes.append(f"{prefix}{col} assumed met (requests are not observed)")
        if unresolved:
            return None, "; ".join(unresolved), "unresolved"
        return True, "; ".join(notes), certainty

    def judge(self, kind: str, member: int, spells: dict[int, list[dict]], war: _War,
              alliance_start: date) -> list[_Finding]:
        findings: list[_Finding] = []
        own = spells[member]
        for partner, pspells in spells.items():
            if partner == member:
                continue
            if kind in ("defense", "consul"):
                events = [(x, d, iw, "was attacked by") for x, d, iw
                          in war.attacks.get(partner, ()) if x != member]
            elif kind == "offense":
                events = [(y, d, iw, "initiated war against") for y, d, iw
                          in war.initiations.get(partner, ()) if y != member]
            elif kind == "neutral":
                events = [(z, d, iw, "was at war with") for z, d, iw
                          in war.dyads.get(partner, ()) if z != member]
            else:  # nonagg
                events = [(z, d, iw, "was at war with") for z, d, iw
                          in war.dyads.get(partner, ())]
            for enemy, on, iw, verb in sorted(events, key=lambda e: e[1]):
                spell = next((s for s in own if _covers(s, on) and s[kind] == 1), None)
                if spell is None or not any(_covers(s, on) for s in pspells):
                    continue
                who = "an unidentified state" if enemy is None else _name(enemy, on)
                event = f"{_name(partner, on)} {verb} {who} on {on} (RSH initial war {iw})"
                if kind == "offense" and any(y == enemy for y, _, _ in
                                             war.initiations.get(member, ())):
                    event += f", jointly with {_name(member, on)}"
                if kind == "nonagg":
                    findings.append(_Finding(
                        kind, True, f"{event}; {_name(member, on)}'s promise not to attack "
                        f"{_name(partner, on)} stood (nonagg).", "coded", partner, enemy, on,
                        iw))
                    continue
                met, words, certainty = self.conditions(kind, spell, war, partner, enemy, on,
                                                        alliance_start)
                label = _KIND_WORD[kind]
                if met:
                    tail = f"; {words}" if words else "; the pledge is unconditional"
                    reason = f"{label.capitalize()} activated: {event}{tail}."
                elif met is None:
                    reason = (f"{label.capitalize()} undecided, counted as not activated: "
                              f"{event}, but {words}.")
                else:
                    reason = f"{label.capitalize()} not activated: {event}, but {words}."
                findings.append(_Finding(kind, bool(met), reason, certainty, partner, enemy,
                                         on, iw))
        return findings


# A non-aggression pledge asks nothing of the member when a partner goes to war, so it is not
# an activation: Leeds (2003) counts "instances in which a war required action by an ally"
# (143 for 1816-1944; Rice University news release, 15 Jan 2004). Its status is still reported.
_NONAGG_ONLY = ("Not activated: only a non-aggression pledge was in play, which asks nothing "
                "of the member in a partner's war: {}")


def _both(on: date, a: list[dict], b: list[dict]) -> bool:
    return any(_covers(s, on) for s in a) and any(_covers(s, on) for s in b)


def _no_event_reason(member: int, kinds: list[str], partners_in_war: list[int],
                     on: date) -> str:
    pledged = ", ".join(_KIND_WORD[k] for k in kinds) or "no coded obligation"
    if not partners_in_war:
        return (f"Not activated: {_name(member, on)} took part but no alliance partner was at "
                f"war while allied, and its pledges ({pledged}) turn on a partner's war.")
    who = ", ".join(_name(p, on) for p in partners_in_war)
    return (f"Not activated: partner(s) {who} took part, but the events {_name(member, on)}'s "
            f"pledges "
            f"({pledged}) turn on did not happen while allied (e.g. a defense pledge needs a "
            "partner to be attacked, an offense pledge a partner to initiate).")


def war_activations(atop_dir_or_paths: str | Path | Sequence[str | Path],
                    wars_csv: str | Path, *,
                    contiguity: str | Path | None = None) -> pl.DataFrame:
    """One row per (ATOP alliance, member, RSH war): was the member's commitment activated?

    ``atop_dir_or_paths`` is a folder holding ``atop-member-level.csv`` (or one
    ``*member*.csv``), that file itself, or a list of ATOP files (the member-level one is
    used). ``wars_csv`` is the Reiter–Stam–Horowitz ``interstate-war-rev.csv``. Optional
    ``contiguity`` is a COW direct-contiguity CSV (peacesciencer's ``cow_contdir.csv``:
    ``ccode1, ccode2, conttype, stdate, enddate``) used for location-limited pledges.

    Columns: :data:`ACTIVATION_COLUMNS`. Raises :class:`casus.errors.DataError` naming the
    file and column for a missing column or bad value.

    >>> df = war_activations("atop-4.01", "cow/interstate-war-rev.csv")   # doctest: +SKIP
    >>> df.filter(atopid=3180, war=38)                                   # doctest: +SKIP
    """
    members_csv = _members_file(atop_dir_or_paths)
    spells = obligation_spells(read_atop_members(members_csv), file=str(members_csv))
    wars = _wars(wars_csv)
    judge = _Judge(_contiguity(contiguity))
    by_alliance: dict[int, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for s in spells.iter_rows(named=True):
        by_alliance[s["atopid"]][s["member"]].append(s)
    starts = {aid: min(s["start"] for ss in m.values() for s in ss)
              for aid, m in by_alliance.items()}
    rows = []
    for war in sorted(wars.values(), key=lambda w: w.wid):
        in_war = war.entry
        for aid, members in by_alliance.items():
            if not any(m in in_war for m in members):
                continue
            rows += _alliance_rows(aid, members, war, judge, starts[aid])
    schema = {"atopid": pl.Int64, "member": pl.Int64, "war": pl.Int64, "activated": pl.Int8,
              "reason": pl.String, "obligation": pl.String, "certainty": pl.String,
              "partner": pl.Int64, "adversary": pl.Int64, "event_date": pl.Date,
              "init_war_id": pl.Int64, "ally_attacked": pl.Int8, "member_in_war": pl.Int8,
              "in_effect_at_war_start": pl.Int8, "kinds_activated": pl.String,
              "war_name": pl.String, "war_start": pl.Date,
              **{f"{k}_status": pl.String
                 for k in ("defense", "offense", "neutral", "consul", "nonagg")}}
    return pl.DataFrame(rows, schema=schema, orient="row").sort("war", "atopid", "member")


def _alliance_rows(aid: int, members: dict[int, list[dict]], war: _War, judge: _Judge,
                   alliance_start: date) -> list[tuple]:
    out = []
    for member, own in members.items():
        # the tie is judged on the war's start and on each entry into it, so an alliance
        # concluded mid-war counts from then on (in_effect_at_war_start = 0 marks those rows)
        at_start = any(_covers(s, war.start) for s in own)
        partners_in_war = sorted(
            p for p in members if p != member and p in war.entry
            and any(_both(d, own, members[p]) for d in (war.start, war.entry[p])))
        member_in_war = member in war.entry
        member_tied = member_in_war and any(
            _covers(s, d) for s in own for d in (war.start, war.entry[member]))
        if not (member_tied or partners_in_war):
            continue
        findings: list[_Finding] = []
        for kind in _KIND_ORDER:
            if any(s[kind] == 1 for s in own):
                findings += judge.judge(kind, member, members, war, alliance_start)
        hits = [f for f in findings if f.activated and f.kind != "nonagg"]
        ally_attacked = int(any(
            _both(d, own, members[p]) for p in members if p != member
            for x, d, _ in war.attacks.get(p, ()) if x != member))
        kinds_on = ",".join(k for k in _KIND_ORDER if any(f.kind == k for f in hits))
        if hits:
            best = min(hits, key=lambda f: (_KIND_ORDER.index(f.kind), f.when))
        elif findings and all(f.kind == "nonagg" for f in findings):
            first = min(findings, key=lambda f: f.when)
            best = _Finding("nonagg", False, _NONAGG_ONLY.format(first.reason), first.certainty,
                            first.partner, first.adversary, first.when, first.init_war)
        elif findings:  # an undecided finding explains the row before a coded "no"
            best = min(findings, key=lambda f: (f.certainty != "unresolved",
                                                _KIND_ORDER.index(f.kind), f.when))
        else:
            kinds = [k for k in _KIND_ORDER if any(s[k] == 1 for s in own)]
            best = _Finding("", False, _no_event_reason(member, kinds, partners_in_war,
                                                        war.start))
        statuses = []
        for kind in ("defense", "offense", "neutral", "consul", "nonagg"):
            mine = [f for f in findings if f.kind == kind]
            if not any(s[kind] == 1 for s in own):
                statuses.append(None)
            elif any(f.activated for f in mine):
                statuses.append("activated")
            elif any(f.certainty == "unresolved" for f in mine):
                statuses.append("undecided")
            else:
                statuses.append("not_activated" if mine else "no_event")
        out.append((aid, member, war.wid, int(bool(hits)), best.reason, best.kind or None,
                    best.certainty, best.partner, best.adversary, best.when, best.init_war,
                    ally_attacked, int(member_in_war), int(at_start), kinds_on, war.name,
                    war.start, *statuses))
    return out


def activations_for_cli(atop_dir: str, wars: str, out: str, *,
                        contiguity: str | None = None) -> int:
    """What ``casus history activations --atop DIR --wars FILE -o out.csv`` runs.

    Builds :func:`war_activations` and writes it atomically (temporary file, then
    ``os.replace``): on any error nothing is written at ``out``. Returns the row count.
    """
    frame = war_activations(atop_dir, wars, contiguity=contiguity)
    try:
        from casus.frames.io import write_frame
    except ImportError:  # pragma: no cover - frames not installed
        write_frame = None
    if write_frame is not None:
        write_frame(frame, out)
    else:  # pragma: no cover
        target = Path(out)
        tmp = target.with_name(f".{target.name}.tmp")
        frame.write_csv(tmp)
        os.replace(tmp, target)
    return frame.height
