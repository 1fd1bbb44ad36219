"""ATOP alliances as :class:`casus.model.treaty.Treaty` objects, beside the curated registry.

Each ATOP alliance becomes one treaty ``atop-<atopid>`` whose facts are all cited to the ATOP
data set (Leeds et al. 2002, with the version read from the files):

* **dates** — ``signed`` and ``in_force`` are ATOP's alliance begin date (ATOP does not
  separate signature from entry into force; both carry that note), ``ended`` the day after its
  end date, which is the alliance's last day in effect (``endyr = 0``: still in effect when the
  data were closed, so no ending);
* **members** — one :class:`Membership` per member *phase* (ATOP member-level row), with the
  exact dates of :func:`casus.history.obligation_spells` (an unknown day is the 1st on entry and
  the last of the month on exit). The COW code becomes a casus code with
  :func:`casus.model.states.state_from_cow` on the entry date (365 is ``SUN`` 1922–1991). A
  code casus does not know (ATOP 4.01's 8152) is skipped and reported in ``warnings``; an
  alliance left with fewer than two known members is skipped and reported too;
* **names** — ATOP's files carry no treaty names or titles (only numbers: ``atopid``, COW's
  ``cowid``), so :func:`alliance_title` builds one from the data — members and begin year,
  "France–Russia alliance of 1892 (ATOP 1385)" — and :func:`pledge_label` names each article
  by what it codes, "defence pledge by France (ATOP-coded)". Every view shows these (the title
  is the treaty's first short name, so :attr:`Treaty.name`; ``ATOP 1385`` stays a short name,
  so it still finds the treaty);
* **provisions** — each member's *own* obligations (ATOP codes them per member, and asymmetric
  alliances exist): one article per member and obligation type (:func:`pledge_label`), one
  dated wording of it per ATOP phase (``valid_from``/``valid_to``), with ``directions``
  from that member (obligor) to every other member whose spell overlaps (beneficiaries). The
  text is a generated statement of the coding (``text_status: coded``); conditions map as

  ===========================  =========================================================
  ATOP                         casus
  ===========================  =========================================================
  ``*coadv`` + ``statthr1/2``  ``Conditions.adversaries`` (states named as the threat);
                               no ``statthr``: ``adversary_unnamed`` (see ``AtopReading``)
  ``defconpr``/``neuconpr``    ``Conditions.non_provocation``
  ``defcodem``/``concoreq``    ``Conditions.request``
  ``neucoatt``                 neutrality ``trigger: armed_attack`` (else ``state_of_war``)
  ``*coloc``                   ``Area(vicinity=...)``: ATOP does not name the place, so
                               the enemy near the party owed (COW region / contiguity)
  ``*cocon``, ``*conum``       ``not_formalized`` (the conflict/number is not coded)
  ===========================  =========================================================

  Every condition that applies is also written into ``not_formalized`` with its codebook
  meaning (:data:`casus.history.CODEBOOK`) so a reasoner trace can show it.

:func:`registry_with_atop` adds these treaties to a curated registry, leaving out every ATOP
alliance a curated treaty already names in ``atop_id`` (linked, not double-counted).

Speed: the 745 alliances of ATOP 4.01 build in about a second with full pydantic validation
(measured: see docs/history.md), so ``model_construct`` is not used.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from casus.errors import CasusError
from casus.history.atop import CODEBOOK, obligation_spells, read_atop_alliances, read_atop_members
from casus.model.geography import Contiguity
from casus.model.registry import Registry
from casus.model.states import era_spans, state_from_cow, state_name
from casus.model.treaty import (
    Area,
    Conditions,
    DatedFact,
    Direction,
    Ending,
    Membership,
    Provision,
    Scope,
    Source,
    Treaty,
)

__all__ = ["AtopReading", "AtopRegistry", "AtopTreaties", "alliance_title", "atop_source",
           "pledge_label", "registry_with_atop", "treaties_from_atop"]

SOURCE_ID = "atop"

# ATOP obligation column -> (casus kind, trigger, strength, condition-column prefix, verb phrase)
_KINDS: dict[str, tuple[str, str | None, str, str, str]] = {
    "defense": ("defense", "armed_attack", "discretionary", "def",
                "promises active military support to {b} if {one} is attacked"),
    "offense": ("offense", "state_of_war", "discretionary", "off",
                "promises active military support to {b} in a war {one} fights, even one "
                "{it} did not have to be attacked to enter"),
    "neutral": ("neutrality", "state_of_war", "abstention", "neu",
                "promises to stay out of (and not aid the enemy in) a war {one} fights"),
    "nonagg": ("non_aggression", None, "abstention", "non",
               "promises not to use military force against {b}"),
    "consul": ("consultation", "threat", "consultation", "con",
               "promises to consult {b} in a crisis that could lead to war"),
}

# ATOP obligation column -> what the pledge is called in an article label
_PLEDGES = {"defense": "defence pledge", "offense": "offence pledge",
            "neutral": "neutrality pledge", "nonagg": "non-aggression pledge",
            "consul": "consultation pledge"}

# alliances with more members than this are named by their size and first members
_NAMED_MEMBERS = 4

# condition suffix -> words appended to the generated text
_CONDITION_WORDS = {
    "coadv": "only against {adv}",
    "coloc": "only if the conflict occurs in a location the treaty specifies",
    "cocon": "only in a conflict the treaty specifies",
    "conum": "only when a specified number of adversaries is involved",
    "codem": "only on demand",
    "conpr": "only if the partner did not provoke the attack",
    "coatt": "only if the partner is attacked",
    "coreq": "only at a partner's request",
}
_CONDITIONS_BY_PREFIX = {
    "def": ("coadv", "coloc", "cocon", "conum", "codem", "conpr"),
    "off": ("coadv", "coloc", "cocon", "conum", "codem"),
    "neu": ("coadv", "coloc", "cocon", "conum", "codem", "conpr", "coatt"),
    "con": ("coadv", "coloc", "cocon", "coreq"),
    "non": (),
}


class AtopTreaties(list):
    """The treaties :func:`treaties_from_atop` built, plus what it had to leave out.

    ``warnings`` — one readable line per skipped member code or skipped alliance;
    ``skipped`` — the ``atopid`` of each alliance not turned into a treaty;
    ``alliances`` — how many alliances the alliance-level file has.
    """

    def __init__(self, items=(), *, warnings=(), skipped=(), alliances: int = 0):
        super().__init__(items)
        self.warnings: list[str] = list(warnings)
        self.skipped: list[int] = list(skipped)
        self.alliances = alliances


@dataclass(frozen=True)
class AtopRegistry(Registry):
    """A curated registry plus ATOP alliances.

    ``atop_links`` maps an ATOP ``atopid`` to the curated treaty id that stands for it (that
    alliance was not added); ``warnings`` are those of :func:`treaties_from_atop`.
    """

    atop_links: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def atop_source(version: str) -> Source:
    """The ATOP citation as a casus :class:`Source` (``version`` e.g. ``"4.01"``)."""
    return Source(
        url="http://www.atopdata.org/",
        publisher="Alliance Treaty Obligations and Provisions (ATOP) project",
        title=f"ATOP data set, version {version} (member- and alliance-level files)",
        note="Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. "
             "Long. 2002. \"Alliance Treaty Obligations and Provisions, 1815-1944.\" "
             "International Interactions 28: 237-260.",
    )


def alliance_title(atopid: int, year: int, members: list[str]) -> str:
    """The readable name of an ATOP alliance: its members' short English names and begin year,
    with the ATOP number (unique, and what the data set cites).

    ATOP 4.01's files name no treaty, so the name is built from the data: up to four members
    by name ("Germany–Austria-Hungary alliance of 1879 (ATOP 1335)"), a larger one by its first
    three members in joining order and how many more ever joined ("Alliance of 1949: United
    States, Canada, United Kingdom, and 26 others (ATOP 3180)"). ``members`` are casus codes in
    joining order.

    >>> alliance_title(1385, 1893, ["RUS", "FRA"])
    'Russia–France alliance of 1893 (ATOP 1385)'
    """
    names = _unique_names(members)
    if len(names) <= _NAMED_MEMBERS:
        who = "–".join(names[c] for c in members)
        return f"{who} alliance of {year} (ATOP {atopid})"
    first = ", ".join(names[c] for c in members[:3])
    # the serial comma keeps a name with "and" in it (Bosnia and Herzegovina) whole
    return f"Alliance of {year}: {first}, and {len(members) - 3} others (ATOP {atopid})"


def pledge_label(column: str, obligor: str, members: list[str] | None = None) -> str:
    """The article label of one member's ATOP-coded pledge: what it promises and who promises
    it, marked as ATOP's coding (a summary, never the treaty's words).

    ATOP codes each member's obligations separately, so every generated article is one
    member's pledge and names its obligor. ``column`` is the ATOP obligation column
    (``defense``, ``offense``, ``neutral``, ``nonagg``, ``consul``); ``members`` (the
    alliance's codes) lets two members that share a short name ("Yemen") be told apart.

    >>> pledge_label("consul", "FRA")
    'consultation pledge by France (ATOP-coded)'
    """
    name = _unique_names(members or [obligor]).get(obligor) or state_name(obligor)
    return f"{_PLEDGES[column]} by {name} (ATOP-coded)"


def _unique_names(codes: list[str]) -> dict[str, str]:
    """Each code's short English name, with the code added where two codes share a name."""
    names = {c: state_name(c) for c in dict.fromkeys(codes)}
    shared = {n for n in names.values() if list(names.values()).count(n) > 1}
    return {c: f"{n} ({c})" if n in shared else n for c, n in names.items()}


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _beneficiary_words(codes: list[str]) -> tuple[str, str, str]:
    if len(codes) == 1:
        return state_name(codes[0]), "it", "it"
    if len(codes) <= 4:
        return _join([state_name(c) for c in codes]), "one of them", "that partner"
    return f"the other {len(codes)} members", "one of them", "that partner"


def _overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def _adversaries(row: dict, on: date, warnings: list[str], where: str) -> list[str]:
    found = []
    for col in ("statthr1", "statthr2"):
        code = row.get(col)
        if not code:
            continue
        try:
            found.append(state_from_cow(code, on).code)
        except CasusError:
            warnings.append(f"{where}: {col} = {code} is not a state casus knows; not named")
    return list(dict.fromkeys(found))


def _provisions(row: dict, obligor: str, beneficiaries: list[str], member_code: int,
                warnings: list[str], where: str, reading: AtopReading,
                members: list[str]) -> list[Provision]:
    out = []
    start, end = row["start"], row["end"]
    phase = row["phase"]
    for col, (kind, trigger, strength, prefix, verb) in _KINDS.items():
        if row[col] != 1:
            continue
        b, one, it = _beneficiary_words(beneficiaries)
        conds = [s for s in _CONDITIONS_BY_PREFIX[prefix] if row.get(prefix + s) == 1]
        adversaries = (_adversaries(row, start, warnings, where) if "coadv" in conds else [])
        adv_words = (_join([state_name(a) for a in adversaries]) if adversaries
                     else "an adversary the treaty names (not coded by ATOP)")
        words = [("only in a war with {adv}" if (s, prefix) == ("coadv", "neu")
                  else _CONDITION_WORDS[s]).format(adv=adv_words) for s in conds]
        text = f"{state_name(obligor)} {verb.format(b=b, one=one, it=it)}"
        if words:
            text += ", " + "; ".join(words)
        text += "."
        meanings = [f"{prefix}{s} = 1: {CODEBOOK.get(prefix + s, '')}".rstrip(": ")
                    for s in conds]
        not_formalized = list(meanings)
        if "coadv" in conds and not adversaries:
            not_formalized.append(f"{prefix}coadv: the adversary is named in the treaty but "
                                  "ATOP's statthr1/statthr2 do not code it")
        elif "coadv" in conds:
            not_formalized.append(f"{prefix}coadv: adversaries are the treaty's named threats "
                                  "(ATOP statthr1/statthr2); ATOP does not code a separate "
                                  "adversary per obligation")
        not_formalized.append(
            f"{col}: {CODEBOOK[col]} ATOP codes whether the promise exists, not how "
            "automatic it is; strength '{strength}' is casus's default for coded provisions"
            .replace("{strength}", strength))
        scope = (Scope(areas=[Area(
            label=f"ATOP {prefix}coloc = 1: {CODEBOOK.get(prefix + 'coloc')} ATOP does not "
                  "record which location; read from best evidence as the enemy being near the "
                  "party owed", vicinity=reading.location, sources=[SOURCE_ID])])
                 if "coloc" in conds else Scope(anywhere=True))
        if kind == "neutrality" and "coatt" in conds:
            trigger = "armed_attack"
        out.append(Provision(
            article=pledge_label(col, obligor, members),
            kind=kind,
            trigger=trigger,
            strength=strength,
            text=text,
            text_status="coded",
            directions=[Direction(obligor=obligor, beneficiary=x) for x in beneficiaries],
            conditions=Conditions(
                adversaries=adversaries,
                adversary_unnamed=("coadv" in conds and not adversaries
                                   and reading.unnamed_adversary == "uncertain"),
                non_provocation="conpr" in conds,
                request=bool({"codem", "coreq"} & set(conds)),
            ),
            scope=scope,
            valid_from=start,
            valid_to=end,
            not_formalized=not_formalized,
            note=f"ATOP member-level row: atopid {row['atopid']}, member {member_code}, "
                 f"phase {phase}",
            sources=[SOURCE_ID],
        ))
    return out


@dataclass(frozen=True)
class AtopReading:
    """How casus reads the ATOP conditions that do not say enough to be checked as coded.

    ``location`` — a ``*coloc`` pledge (the place is not named) becomes an
    :class:`~casus.model.treaty.Area` with this ``vicinity``: the enemy in the COW region of the
    party owed (``region``), directly contiguous to it (``contiguity``; needs the COW
    contiguity data, else uncertain), or either (``region_or_contiguity``, the default).

    ``unnamed_adversary`` — a ``*coadv`` pledge whose adversary ATOP does not code
    (``statthr1 = statthr2 = 0``): ``uncertain`` (the default; the reasoner says it cannot
    check the attacker) or ``met`` (the condition is read as met by any enemy, and said in
    ``not_formalized``).
    """

    location: str = "region_or_contiguity"
    unnamed_adversary: str = "uncertain"

    def __post_init__(self) -> None:
        if self.location not in ("region", "contiguity", "region_or_contiguity"):
            raise ValueError(f"location reading {self.location!r}: expected region, "
                             "contiguity or region_or_contiguity")
        if self.unnamed_adversary not in ("uncertain", "met"):
            raise ValueError(f"unnamed_adversary reading {self.unnamed_adversary!r}: expected "
                             "uncertain or met")


def treaties_from_atop(members_csv: str | Path, alliances_csv: str | Path, *,
                       reading: AtopReading | None = None,
                       atopids: set[int] | None = None) -> AtopTreaties:
    """Every ATOP alliance as a validated :class:`Treaty` (id ``atop-<atopid>``).

    Returns an :class:`AtopTreaties` list (``.warnings``, ``.skipped``, ``.alliances``).
    ``reading`` (:class:`AtopReading`) says how unnamed locations and adversaries are read;
    ``atopids`` limits the build to those alliances (the war replay needs only the alliances
    whose members fought). Raises :class:`casus.errors.DataError` naming file and column when
    a file lacks a column or has an impossible date; an unknown member code is a warning, not
    an error.

    >>> ts = treaties_from_atop("atop-member-level.csv",
    ...                         "atop-alliance-level.csv")              # doctest: +SKIP
    >>> nato = next(t for t in ts if t.atop_id == 3180)                 # doctest: +SKIP
    >>> sorted(nato.members_on(date(1950, 1, 1)))[:3]                   # doctest: +SKIP
    ['BEL', 'CAN', 'DNK']
    """
    reading = reading or AtopReading()
    members = read_atop_members(members_csv)
    spells = obligation_spells(members, file=str(members_csv))
    alliances = read_atop_alliances(alliances_csv)
    version = str(alliances["atop_version"][0])
    source = {SOURCE_ID: atop_source(version)}
    warnings: list[str] = []
    skipped: list[int] = []
    by_alliance: dict[int, list[dict]] = defaultdict(list)
    for row in spells.sort("atopid", "start", "member").iter_rows(named=True):
        by_alliance[row["atopid"]].append(row)
    treaties = []
    for al in alliances.sort("atopid").iter_rows(named=True):
        aid = al["atopid"]
        if atopids is not None and aid not in atopids:
            continue
        rows = []
        for r in by_alliance.get(aid, []):
            try:
                r["state"] = state_from_cow(r["member"], r["start"]).code
            except CasusError:
                warnings.append(f"atop-{aid}: member code {r['member']} (phase {r['phase']}, "
                                f"from {r['start']}) is not a state casus knows; skipped")
                continue
            # a spell across a change of code (365 over 25/26 Dec 1991) becomes one spell per
            # code, the later one a succession: the same state, as ATOP and COW code it
            pieces = era_spans(r["state"], r["start"], r["end"])
            for i, (start, end, code) in enumerate(pieces):
                piece = dict(r, start=start, end=end, state=code)
                if i:
                    piece["successor_of"] = pieces[i - 1][2]
                rows.append(piece)
        states = list(dict.fromkeys(r["state"] for r in rows))
        if len(states) < 2:
            warnings.append(f"atop-{aid}: fewer than two known members ({', '.join(states)}); "
                            "alliance skipped")
            skipped.append(aid)
            continue
        treaties.append(_treaty(al, rows, states, source, version, warnings, reading))
    return AtopTreaties(treaties, warnings=warnings, skipped=skipped,
                        alliances=alliances.height)


def _treaty(al: dict, rows: list[dict], states: list[str], source: dict, version: str,
            warnings: list[str], reading: AtopReading) -> Treaty:
    aid, begin, end = al["atopid"], al["begin"], al["end"]
    src = [SOURCE_ID]
    memberships, provisions = [], []
    seen: dict[str, tuple[date | None, str]] = {}
    for r in rows:
        state, start, stop = r["state"], r["start"], r["end"]
        if state not in seen:
            via = "original" if start <= begin else "accession"
        else:
            prev_end, prev_via = seen[state]
            gap = prev_end is not None and (start - prev_end).days > 1
            via = "rejoined" if gap else prev_via
        seen[state] = (stop, via)
        left_via = None
        if stop is not None:
            left_via = "termination" if end is not None and stop >= end else "withdrawal"
            # the member carries on in the next ATOP phase (same or next day): not a leaving
            if any(o["state"] == state and o["start"] > start
                   and 0 <= (o["start"] - stop).days <= 1 for o in rows):
                left_via = "succession"
        if r.get("successor_of"):
            via = "succession"
        if stop is not None and any(o.get("successor_of") == state and o["member"] == r["member"]
                                    and (o["start"] - stop).days == 1 for o in rows):
            left_via = "succession"
        memberships.append(Membership(
            state=state, joined=max(start, begin) if via == "original" else start, left=stop,
            via=via, left_via=left_via, successor_of=r.get("successor_of"),
            note=f"ATOP phase {r['phase']} (COW {r['member']})"
                 + ("; the member continues in a later ATOP phase" if left_via == "succession"
                    else ""),
            sources=src))
        partners = list(dict.fromkeys(
            o["state"] for o in rows
            if o["state"] != state and _overlap(start, stop, o["start"], o["end"])))
        if partners:
            provisions += _provisions(r, state, partners, r["member"], warnings,
                                      f"atop-{aid}", reading, states)
    year = begin.year
    # named in joining order, as Treaty.parties lists them
    parties = list(dict.fromkeys(m.state for m in sorted(memberships, key=lambda m: m.joined)))
    kinds = [k for k in ("defense", "offense", "neutral", "nonagg", "consul") if al[k] == 1]
    kinds_words = ", ".join({"neutral": "neutrality", "nonagg": "non-aggression",
                             "consul": "consultation"}.get(k, k) for k in kinds) or "no"
    note = ("ATOP's begin date; ATOP does not separate signature from entry into force")
    ended = None
    if end is not None:
        # casus's ``ended`` is the first day a treaty no longer binds; ATOP's end date is the
        # last day it did (its member spells include it — an alliance broken by a war ends on
        # the day of the attack, which must still be judged under it)
        ended = Ending(date=end + timedelta(days=1), how="terminated", sources=src,
                       note=f"the day after ATOP's end date ({end}), which is the alliance's "
                            "last day in effect; how it ended is not mapped from ATOP")
    return Treaty(
        schema_version=1,
        id=f"atop-{aid}",
        title=alliance_title(aid, year, parties),
        # the readable title first, so every view naming the treaty (Treaty.name) shows it
        short_names=[alliance_title(aid, year, parties), f"ATOP {aid}"],
        atop_id=aid,
        signed=DatedFact(date=begin, note=note, sources=src),
        in_force=DatedFact(date=begin, note=note, sources=src),
        ended=ended,
        members=memberships,
        provisions=provisions,
        summary=(f"ATOP {version} alliance {aid}, {begin}–{end or 'in effect at end of data'}, "
                 f"between {_join([state_name(s) for s in states])}, with {kinds_words} "
                 "obligations as ATOP codes them per member. Provisions are generated from the "
                 "coding, not quoted from the treaty text."),
        not_formalized=["Generated from ATOP coding: article texts are not quoted; conditions "
                        "ATOP codes without naming the place, conflict or number are left "
                        "unresolved."],
        sources=source,
    )


def registry_with_atop(registry: Registry, members_csv: str | Path,
                       alliances_csv: str | Path, *, reading: AtopReading | None = None,
                       contiguity: Contiguity | None = None) -> AtopRegistry:
    """The curated ``registry`` plus every ATOP alliance it does not already hold.

    An ATOP alliance whose ``atopid`` is some curated treaty's ``atop_id`` is not added; the
    link is kept in ``atop_links`` (``{3180: "nato-1949"}``). ``reading`` is passed to
    :func:`treaties_from_atop`; ``contiguity`` (:func:`casus.history.read_contiguity`) lets
    location conditions be read by direct contiguity.
    """
    links = {t.atop_id: t.id for t in registry if t.atop_id is not None}
    built = treaties_from_atop(members_csv, alliances_csv, reading=reading)
    treaties = dict(registry.treaties)
    for t in built:
        if t.atop_id in links or t.id in treaties:
            continue
        treaties[t.id] = t
    return AtopRegistry(treaties=treaties, files=dict(registry.files),
                        contiguity=contiguity or registry.contiguity, atop_links=links,
                        warnings=list(built.warnings))
