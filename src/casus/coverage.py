"""How complete the registry is: the defence pledges it holds in force on a date, by region,
against ATOP's count where ATOP covers the date.

A *pledge* is a treaty with at least one ``defense`` or ``offense`` provision (ATOP's
``defense``/``offense`` columns). A treaty counts in every region one of its parties on the date
belongs to, so a region's rows add up to more than the total (NATO is in the Americas and in
Europe).

**Regions** are the five regions of the UN geoscheme (M49: Africa, Americas, Asia, Europe,
Oceania), read from the ``un.region.name`` column of ``countrycode``'s code list (the Python
port of Arel-Bundock's R package, which casus already uses for state codes). M49 puts Russia
in Europe and the Middle East, the Caucasus and Central Asia in Asia. A state M49 does not list
(a state that no longer exists, Taiwan, Kosovo) takes countrycode's ``continent``, else its
World Bank region, else its modern successor's region (``SUN`` → Russia).

**ATOP** is user-supplied (``atop=`` a folder with the member- and alliance-level CSVs; never
shipped). Its alliances are read with :func:`casus.history.atop_treaties.treaties_from_atop`;
one is *in effect* on a day when it has not ended and a member with a defence or offence
obligation is bound that day. ATOP 4.01 ends on 31 December 2016: for a later date the
comparison is made on that last covered day and says so. An ATOP alliance is *held* when a
curated file names its ``atop_id`` (whatever the file says about its dates: where the registry
ends it earlier than ATOP, that is listed under ``differs``); otherwise it is *missing*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from casus.model.registry import Registry
from casus.model.treaty import Treaty

PLEDGES = ("defense", "offense")
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")

# A state that no longer exists: the region of the state that continues it.
_SUCCESSOR = {"SUN": "RUS", "DDR": "DEU", "YUG": "SRB", "SCG": "SRB", "CSK": "CZE",
              "YMD": "YEM", "YAR": "YEM", "VDR": "VNM", "ANT": "CUW", "BUR": "MMR",
              "ZAR": "COD", "DHY": "BEN", "HVO": "BFA", "RHO": "ZWE", "TMP": "TLS"}
_WB = {"Europe & Central Asia": "Europe", "Sub-Saharan Africa": "Africa",
       "Middle East & North Africa": "Asia", "East Asia & Pacific": "Asia",
       "South Asia": "Asia", "Latin America & Caribbean": "Americas",
       "North America": "Americas"}


@cache
def _regions_by_code() -> tuple[dict[str, str], dict[int, str]]:
    import pickle
    from importlib.resources import files

    table = pickle.loads((files("countrycode") / "data" / "codelist.pickle").read_bytes())
    by_iso: dict[str, str] = {}
    by_cow: dict[int, str] = {}
    for i in range(len(table["country.name.en"])):
        region = (table["un.region.name"][i] or table["continent"][i]
                  or _WB.get(table["region"][i] or ""))
        if region is None:
            continue
        for code in (table["iso3c"][i], table["wb"][i]):
            if code:
                by_iso.setdefault(code, region)
        if table["cown"][i] is not None:
            by_cow.setdefault(int(table["cown"][i]), region)
    return by_iso, by_cow


def region_of(code: str) -> str | None:
    """The UN geoscheme region of a casus state code (``None`` if not found)."""
    from casus.errors import CasusError
    from casus.model.states import resolve_state

    by_iso, by_cow = _regions_by_code()
    code = _SUCCESSOR.get(code, code)
    if code in by_iso:
        return by_iso[code]
    try:
        cow = resolve_state(code).cow
    except CasusError:  # an unknown code simply has no region
        return None
    return by_cow.get(cow) if cow is not None else None


def is_pledge(t: Treaty) -> bool:
    return any(p.kind in PLEDGES for p in t.provisions)


def _regions(states: set[str]) -> set[str]:
    return {r for r in map(region_of, states) if r}


@dataclass
class Missing:
    """An ATOP alliance in effect on ATOP's day that no curated file names."""

    atop_id: int
    members: list[str]


@dataclass
class Differs:
    """A held ATOP alliance that ATOP has in effect and the registry does not, or not surely."""

    atop_id: int
    treaty: str
    registry_says: str


@dataclass
class RegionCoverage:
    region: str
    in_force: list[str] = field(default_factory=list)
    possibly_in_force: list[str] = field(default_factory=list)
    atop_count: int | None = None
    atop_held: int | None = None
    missing: list[Missing] = field(default_factory=list)
    differs: list[Differs] = field(default_factory=list)


@dataclass
class AtopSide:
    version: str
    on: date
    note: str
    in_effect: int
    held: int
    missing: list[int]
    differs: list[int]


@dataclass
class Coverage:
    """What ``casus treaty list --coverage`` prints."""

    on: date
    curated: int
    pledges: int
    in_force: list[str]
    possibly_in_force: list[str]
    regions: list[RegionCoverage]
    atop: AtopSide | None = None

    def to_json(self) -> dict:
        from dataclasses import asdict

        return asdict(self)


def coverage(registry: Registry, on: date, atop: str | Path | None = None) -> Coverage:
    """The registry's defence pledges in force on ``on`` by region, and, given an ATOP folder,
    ATOP's count and what the registry is missing (see the module docstring)."""
    pledges = [t for t in registry if is_pledge(t)]
    rows = {r: RegionCoverage(r) for r in REGIONS}
    sure, maybe = [], []
    for t in sorted(pledges, key=lambda t: t.id):
        status = t.in_force_on(on)
        if status is False:
            continue
        (sure if status else maybe).append(t.id)
        members = t.members_on(on) or set(t.parties)
        for r in _regions(members):
            row = rows.setdefault(r, RegionCoverage(r))
            (row.in_force if status else row.possibly_in_force).append(t.id)
    cov = Coverage(on=on, curated=len(registry), pledges=len(pledges), in_force=sure,
                   possibly_in_force=maybe, regions=list(rows.values()))
    if atop is not None:
        _compare_with_atop(cov, registry, Path(atop))
    return cov


def _atop_files(atop: Path) -> tuple[Path, Path]:
    from casus.errors import DataError, Problem
    from casus.history.atop import find_atop_members

    members = find_atop_members(atop)
    folder = members.parent
    found = sorted(folder.glob("*alliance-level*.csv")) or sorted(folder.glob("atop*_*a.csv"))
    if len(found) != 1:
        raise DataError([Problem(str(folder), "expected one ATOP alliance-level CSV (e.g. "
                                              f"atop-alliance-level.csv), found {len(found)}")])
    return members, found[0]


def _compare_with_atop(cov: Coverage, registry: Registry, atop: Path) -> None:
    from casus.history.atop import COVERAGE
    from casus.history.atop_treaties import treaties_from_atop

    members_csv, alliances_csv = _atop_files(atop)
    alliances = treaties_from_atop(members_csv, alliances_csv)
    version = next(iter(alliances)).sources["atop"].title.rsplit("version ", 1)[-1].split()[0] \
        if alliances else "?"
    first, last = COVERAGE.get(version, (1815, 2016))
    end = date(last, 12, 31)
    atop_on = min(cov.on, end)
    if cov.on > end:
        note = (f"ATOP {version} ends on {end}; its count is for that day, and pledges made "
                "since are the registry's own")
    elif cov.on.year < first:
        note = f"ATOP {version} begins in {first}; nothing to compare"
    else:
        note = f"ATOP {version} on the same day"
    held = {t.atop_id: t for t in registry if t.atop_id is not None}
    in_effect, held_n, missing, differs = 0, 0, [], []
    for r in cov.regions:
        r.atop_count, r.atop_held = 0, 0
    rows = {r.region: r for r in cov.regions}
    for a in alliances:
        members = a.members_on(atop_on)
        if a.in_force_on(atop_on) is False or not any(
                p.kind in PLEDGES and any(d.obligor in members for d in p.directions)
                for p in a.provisions):
            continue
        in_effect += 1
        mine = held.get(a.atop_id)
        status = mine.in_force_on(atop_on) if mine else None
        if mine is None:
            missing.append(a.atop_id)
        else:
            held_n += 1
            if status is not True:
                differs.append(a.atop_id)
        for region in sorted(_regions(members)):
            row = rows.setdefault(region, RegionCoverage(region, atop_count=0, atop_held=0))
            row.atop_count += 1
            if mine is None:
                row.missing.append(Missing(a.atop_id, sorted(members)))
                continue
            row.atop_held += 1
            if status is not True:
                row.differs.append(Differs(a.atop_id, mine.id, _says(mine, atop_on, status)))
    cov.atop = AtopSide(version=version, on=atop_on, note=note, in_effect=in_effect,
                        held=held_n, missing=missing, differs=differs)


def _says(t: Treaty, on: date, status: bool | None) -> str:
    if status is None:
        return "possibly in force (a date is unknown)"
    if t.ended and t.ended.known and on >= t.ended.known:
        return f"ended {t.ended.known} ({t.ended.how})"
    return f"not in force on {on}"


def render_text(cov: Coverage) -> str:
    """The plain-text table ``casus treaty list --coverage`` prints."""
    lines = [f"Defence pledges in the registry in force on {cov.on}",
             f"{cov.curated} curated treaties, {cov.pledges} with a defence or offence pledge: "
             f"{len(cov.in_force)} in force on {cov.on}, {len(cov.possibly_in_force)} possibly "
             "(a date unknown).",
             "Regions: UN geoscheme (countrycode); a treaty counts in each region of its parties."]
    a = cov.atop
    head = f"{'region':<10}{'in force':>9}{'possibly':>9}"
    if a is not None:
        lines.append(f"ATOP {a.version} alliances with a defence or offence pledge in effect on "
                     f"{a.on}: {a.in_effect}, of which {a.held} have a curated file "
                     f"({a.note}).")
        head += f"{'ATOP':>7}{'held':>6}{'missing':>9}"
    lines += ["", head]
    for r in cov.regions:
        row = f"{r.region:<10}{len(r.in_force):>9}{len(r.possibly_in_force):>9}"
        if a is not None:
            row += f"{r.atop_count or 0:>7}{r.atop_held or 0:>6}{len(r.missing):>9}"
        lines.append(row)
    total = f"{'all':<10}{len(cov.in_force):>9}{len(cov.possibly_in_force):>9}"
    if a is not None:
        total += f"{a.in_effect:>7}{a.held:>6}{len(a.missing):>9}"
    lines.append(total)
    if a is not None:
        lines.append("")
        miss = {m.atop_id: m for r in cov.regions for m in r.missing}
        lines.append("Missing (ATOP alliance with no curated file): "
                     + ("none" if not miss else ""))
        lines += [f"  atop {m.atop_id}: {' '.join(m.members)}" for m in miss.values()]
        diff = {d.atop_id: d for r in cov.regions for d in r.differs}
        if diff:
            lines.append(f"Held, but the registry differs from ATOP on {a.on}:")
            lines += [f"  atop {d.atop_id} = {d.treaty}: {d.registry_says}"
                      for d in sorted(diff.values(), key=lambda d: d.atop_id)]
    return "\n".join(lines)
