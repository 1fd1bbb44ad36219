"""Geographic scope: whose territory the attacked place is, and whether it lies in the areas
an article names (North Atlantic Treaty Art. 6, "territories under the administration of
Japan", the Pacific area...).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import casus.gazetteer as gazetteer
from casus._cache import Memo
from casus.model.geography import Contiguity, region_of
from casus.model.treaty import Area, Provision, Treaty
from casus.reasoner import _places
from casus.reasoner.index import RegistryIndex
from casus.reasoner.interpretations import interp_children, interp_text, interps_of
from casus.reasoner.scenario import Event
from casus.reasoner.trace import Reason
from casus.reasoner.words import day, state_label


@dataclass(frozen=True)
class _Holder:
    """Whose territory a place is, under one basis; ``settled`` False when that is disputed."""

    states: frozenset[str]
    settled: bool
    why: str


_HOLDERS = Memo()


def holder(place: Any, basis: str, on: date) -> _Holder:
    """:func:`_holder`, remembered per place id, basis and date (place facts do not change)."""
    return _HOLDERS.get_or((place.id, basis, on), lambda: _holder(place, basis, on))


def _holder(place: Any, basis: str, on: date) -> _Holder:
    """Whose territory a place is: by recognised title (``sovereign``) or by control.

    Where title and control differ (occupied or disputed territory), the sovereign basis leaves
    it unsettled; the administered basis ("territories under the administration of Japan")
    settles it by who controls the place. Before the date the gazetteer gives for the present
    status (Crimea 2014, Okinawa 1972), the holders of the recorded earlier period decide; where
    no period is recorded, who held the place is unsettled rather than assumed.
    """
    name = _places.fact(place, "name") or "the place"
    sov = _places.fact(place, "sovereign")
    adm = _places.fact(place, "administered_by")
    since = _places.fact(place, "status_since")
    claimants = tuple(_places.fact(place, "claimants") or ())
    if since is not None and on < since:
        earlier = place.status_on(on)
        if earlier is None:
            states = frozenset(s for s in (sov, adm, *claimants) if s)
            return _Holder(states, False, f"the gazetteer dates {name}'s present status from "
                           f"{day(since)}; who held it on {day(on)} is not recorded")
        sov, adm = earlier  # today's claims do not date back: judge by that period's holders
        claimants = ()
        since = None
    if basis == "administered":
        if adm is None:
            return _Holder(frozenset(), sov is None,
                           f"no state administers {name}" if sov is None
                           else f"the gazetteer records no administering state for {name}")
        why = f"{name} is administered by {state_label(adm)}"
        if sov != adm:
            why += (f" (recognised sovereign: {state_label(sov)})" if sov
                    else " (no state's title to it is recognised)")
        return _Holder(frozenset({adm}), True, why)
    if sov is not None and (adm is None or adm == sov):
        why = f"{name} is territory of {state_label(sov)}"
        if claimants and set(claimants) - {sov}:
            others = ", ".join(state_label(c) for c in claimants if c != sov)
            why += f" (also claimed by {others})"
        return _Holder(frozenset({sov}), True, why)
    if sov is not None:
        since_txt = f" since {day(since)}" if since else ""
        return _Holder(frozenset({sov, adm}), False,
                       f"{name} is recognised as territory of {state_label(sov)} but held by "
                       f"{state_label(adm)}{since_txt}")
    if adm is not None:
        claims = ", ".join(map(state_label, claimants)) or "none recorded"
        return _Holder(frozenset({adm, *claimants}), False,
                       f"no state's title to {name} is recognised (claimants: {claims}); it is "
                       f"administered by {state_label(adm)}")
    if claimants:
        # Claimed but held by no one state (the Spratlys as a whole): disputed, not no-man's-land.
        return _Holder(frozenset(claimants), False,
                       f"no state's title to {name} is recognised and no one state holds it "
                       f"(claimants: {', '.join(map(state_label, claimants))})")
    return _Holder(frozenset(), True, f"{name} is no state's territory")


def _territory_of_target(place: Any, basis: str, event: Event) -> Reason:
    """An attack on territory is an attack on the target only if the place is its territory.

    An event that names no place is an attack on the target's own territory (the scenario
    says so: "left out, it is the target's own territory"), whatever the gazetteer records of
    the state's borders today — the Russian Empire attacked in 1914 is attacked on its
    territory, though the gazetteer dates Russia's present status from 1991.
    """
    if event.place is None and (_places.fact(place, "kind") == "state"):
        return Reason("territory", "met",
                      f"the attack is on the territory of {state_label(event.target)}")
    return _TERRITORY.get_or((place.id, basis, event.target, event.date),
                             lambda: _territory_reason(place, basis, event))


_TERRITORY = Memo()


def _territory_reason(place: Any, basis: str, event: Event) -> Reason:
    target = event.target
    h = holder(place, basis, event.date)
    claimants = set(_places.fact(place, "claimants") or ())
    basis_txt = "administration" if basis == "administered" else "recognised title"
    inputs = {"basis": basis, "holders": sorted(h.states), "settled": h.settled}
    if target in h.states and h.settled:
        return Reason("territory", "met", f"{h.why} (by {basis_txt})", inputs=inputs)
    status = place.status_on(event.date) if hasattr(place, "status_on") else None
    since = _places.fact(place, "status_since")
    if status is None and since is not None and event.date < since:
        # Before the present status with no earlier period recorded: who held the place then
        # is unknown, for the target as for anyone (the Baltic states before 6 Sep 1991).
        return Reason("territory", "uncertain", h.why, inputs=inputs,
                      decides=(f"whose territory {_places.fact(place, 'name')} was on "
                               f"{day(event.date)}"))
    sov = status[0] if status else _places.fact(place, "sovereign")
    if basis == "sovereign" and not h.settled and sov is not None and target != sov and \
            target in h.states and target not in claimants:
        # Holding is not title: a state in control of another's recognised territory that does
        # not claim it (Russia in Abkhazia, Turkey in northern Cyprus, Armenia's control of
        # Nagorno-Karabakh found in Chiragov) has no territory there to be attacked.
        return Reason("territory", "not_met",
                      f"{h.why}; {state_label(target)} holds it without claiming title, so by "
                      f"recognised title it is not territory of {state_label(target)} (an "
                      f"attack on its forces there is described with on: forces)", inputs=inputs)
    if target in h.states or (not h.settled and (target in claimants or target == sov)):
        return Reason("territory", "uncertain", f"Disputed or occupied territory: {h.why}",
                      inputs=inputs,
                      decides=(f"whether the parties regard {_places.fact(place, 'name')} as "
                               f"territory of {state_label(target)}"))
    if not h.states:
        return Reason("territory", "not_met",
                      f"{h.why}: an attack there is on forces or vessels, not on "
                      f"the territory of {state_label(target)} (describe it with on: forces)",
                      inputs=inputs)
    return Reason("territory", "not_met",
                  f"{h.why}, not of {state_label(target)} (by {basis_txt}); an attack on the "
                  f"forces of {state_label(target)} there is described with on: forces",
                  inputs=inputs)


def _unlocated_administered(name: str, event: Event) -> Reason | None:
    """Whether a place the gazetteer does not know was under the target's administration is
    open while another state held part of the target's territory ("Kubajima" in 1971, when the
    United States administered Okinawa and the Senkakus); None when no part was so held."""
    others = _places.held_by_others(event.target, event.date)
    if not others:
        return None
    shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more" if len(others) > 3 else "")
    return Reason("territory", "uncertain",
                  f"the gazetteer does not know {name!r}, and on {day(event.date)} another "
                  f"state held part of the territory of {state_label(event.target)} ({shown})",
                  decides=f"whether {name} was under the administration of "
                          f"{state_label(event.target)} on {day(event.date)}")


def _coasts_outside(place: object, oceans: tuple[str, ...]) -> bool:
    """A place on land whose nearby seas are known (the gazetteer's ``coasts``) and none of
    them is, or is debated to be part of, one of ``oceans``. A whole state is not judged so:
    an attack on it may be anywhere, its ships included."""
    coasts = _places.fact(place, "coasts")
    if coasts is None or _places.fact(place, "kind") == "state":
        return False
    return not any(c in oceans or gazetteer.debated_water(c, o) for c in coasts for o in oceans)


def _island_shore(place: object, oceans: tuple[str, ...]) -> str | None:
    """The first of an island place's coasts that is one of ``oceans`` (the gazetteer tags a
    marginal sea's coast with its ocean too), or None: a place on an island lies in the ocean
    its coast is on, where a place on a continent's coast only borders it. A whole state is
    not judged so."""
    if not _places.fact(place, "island") or _places.fact(place, "kind") == "state":
        return None
    return next((c for c in _places.fact(place, "coasts") or () if c in oceans), None)


def _water(tag: str) -> str:
    return tag.replace("_", " ").title().replace(" Of ", " of ")


def _three(results: Iterable[str]) -> str:
    rs = list(results)
    if "not_met" in rs:
        return "not_met"
    if "uncertain" in rs:
        return "uncertain"
    return "met"


def _vicinity(area: Area, near: tuple[str, frozenset[str], Contiguity | None],
              on: date) -> tuple[str, str, str | None]:
    """"Only if the conflict occurs in a specified location" (ATOP ``*coloc``), the place not
    named: read from best evidence as the enemy being near the party the pledge is owed to.

    ``region``: in the same Correlates of War region (COW state-number ranges); ``contiguity``:
    directly contiguous on the day (COW Direct Contiguity: land, or up to 400 miles of water);
    ``region_or_contiguity``: either. A state casus has no COW number for, or a contiguity
    reading without the contiguity data, leaves it open (uncertain), never a silent no.
    """
    owed, enemies, contiguity = near
    if not enemies:
        return "uncertain", "the enemy is not identified", "who the enemy was"
    mine = region_of(owed)
    found, missing = [], []
    for e in sorted(enemies):
        theirs = region_of(e)
        if area.vicinity != "contiguity" and mine is not None and mine == theirs:
            found.append(f"{state_label(e)} and {state_label(owed)} are both in {mine} "
                         "(COW region)")
        elif area.vicinity != "region" and contiguity is not None and \
                contiguity.contiguous(owed, e, on):
            found.append(f"{state_label(e)} and {state_label(owed)} are directly contiguous "
                         f"on {day(on)} (COW)")
        elif mine is None or theirs is None or (area.vicinity == "contiguity"
                                                and contiguity is None):
            missing.append(e)
    if found:
        return "met", found[0], None
    if missing:
        what = ("no contiguity data were given" if area.vicinity == "contiguity"
                and contiguity is None else "casus has no COW region for one of them")
        return ("uncertain", f"whether {', '.join(map(state_label, missing))} is near "
                f"{state_label(owed)} is open: {what}", "where the war was fought")
    where = ", ".join(f"{state_label(e)} in {region_of(e)}" for e in sorted(enemies))
    contig = "" if area.vicinity == "region" or contiguity is None else \
        ", and they are not directly contiguous"
    return ("not_met", f"the enemy is not near {state_label(owed)} ({mine}): {where}{contig}",
            None)


def _area(area: Area, place: Any, event: Event, parties: frozenset[str],
          ancestors: tuple[str, ...],
          near: tuple[str, frozenset[str], Contiguity | None] | None = None,
          ) -> tuple[str, list[tuple[str, str]], list[str], bool]:
    """One area: every predicate set must hold (three-valued AND).

    Returns the result, each predicate's (result, sentence), what would decide any predicate
    the place's facts cannot answer, and whether the area covers this kind of attack on this
    date at all (its form, territory or forces, and its dates), so a summary can skip areas
    that do not apply instead of listing them as failures.
    """
    parts: list[tuple[str, str]] = []
    decides: list[str] = []
    name = _places.fact(place, "name") or "the place"
    on = event.date
    if area.targets != "any" and area.targets != event.on:
        parts.append(("not_met", f"it covers attacks on {area.targets}, not on {event.on}"))
    if (area.valid_from and on < area.valid_from) or (area.valid_to and on > area.valid_to):
        window = f"{day(area.valid_from) if area.valid_from else '…'} to " \
                 f"{day(area.valid_to) if area.valid_to else '…'}"
        parts.append(("not_met", f"it applied only from {window}"))
    applies = not parts
    if area.vicinity is not None:
        r, text, dec = _vicinity(area, near or (event.target, event.attacker_codes, None), on)
        parts.append((r, text))
        if dec:
            decides.append(dec)
        if not (area.places or area.states or area.continents or area.oceans
                or area.island is not None or area.metropolitan is not None
                or area.north_of is not None or area.polygon):
            return _three(r for r, _ in parts), parts, decides, applies
    if place is None:
        parts.append(("uncertain", "the gazetteer has no facts about the place"))
        decides.append("the place's facts (continent, waters, whose territory it is)")
        return _three(r for r, _ in parts), parts, decides, applies
    if area.places:
        hit = [a for a in ancestors if a in area.places]
        unknown = [a for a in area.places if not _places.known(a)]
        if hit:
            parts.append(("met", f"{name} lies within {hit[0]}"))
        elif unknown:
            parts.append(("uncertain", f"the gazetteer has no place {', '.join(unknown)}, so "
                          f"whether {name} lies within it is open"))
            decides.append(f"whether {name} lies within {', '.join(unknown)}")
        else:
            parts.append(("not_met", f"{name} is not within {', '.join(area.places)}"))
    if area.states:
        if event.on == "territory":
            ok = event.target in area.states
            parts.append(("met" if ok else "not_met",
                          f"the attacked party, {state_label(event.target)}, is "
                          f"{'' if ok else 'not '}the party it names "
                          f"({', '.join(area.states)})"))
        else:
            h = holder(place, area.basis, on)
            inside = h.states & set(area.states)
            if inside and h.settled and h.states <= set(area.states):
                parts.append(("met", f"{h.why}"))
            elif not inside:
                parts.append(("not_met", f"{h.why}, not of {', '.join(area.states)}"))
            else:
                parts.append(("uncertain", f"{h.why}"))
                decides.append(f"whether {name} counts as territory of "
                               f"{', '.join(area.states)}")
    if area.continents:
        c = _places.fact(place, "continent")
        if c is None:
            parts.append(("uncertain", f"the gazetteer gives no continent for {name}"))
            decides.append(f"which continent {name} lies in")
        else:
            ok = c in area.continents
            wanted = " or ".join(gazetteer.continent_name(x) for x in area.continents)
            parts.append(("met" if ok else "not_met",
                          f"{name} lies in {gazetteer.continent_name(c)}"
                          + ("" if ok else f", not in {wanted}")))
        if event.on == "forces" and not area.states:
            # "forces ... when in or over these territories": a party's territory there.
            h = holder(place, area.basis, on)
            inside = h.states & parties
            if inside and h.settled:
                parts.append(("met", f"{h.why}, a party's territory"))
            elif not inside:
                parts.append(("not_met", f"{h.why}, not a party's territory"))
            else:
                parts.append(("uncertain", h.why))
                decides.append(f"whether {name} counts as a party's territory")
    if area.oceans:
        waters = tuple(_places.fact(place, "oceans") or ())
        wanted = "/".join(_water(o) for o in area.oceans)
        if not waters and _places.fact(place, "landlocked"):
            parts.append(("not_met", f"{name} is landlocked: it lies in no sea or ocean, so "
                          f"not in the {wanted} area"))
        elif not waters and (shore := _island_shore(place, area.oceans)):
            # an island whose coast lies on the area's ocean is in it: Kyushu, the North Island
            parts.append(("met", f"{name} is on an island on the coast of the "
                          f"{_water(shore)}, in the {wanted} area"))
        elif not waters and _coasts_outside(place, area.oceans):
            # on land, and no sea of the area within reach of its coast (Lamu: the Indian Ocean)
            coasts = _places.fact(place, "coasts")
            seas = ", ".join(gazetteer.get_place(gazetteer.sea_id(c)).name for c in coasts)
            parts.append(("not_met", f"{name} is on land, " + (
                f"on the coast of the {seas}" if coasts else "inland")
                + f", not in the {wanted} area"))
        elif not waters:
            # The gazetteer tags waters for seas, islands and points at sea, not for land
            # regions or whole states (whose coasts may touch the waters): it cannot say.
            whole = " as a whole" if _places.fact(place, "kind") == "state" else ""
            parts.append(("uncertain", f"the gazetteer tags no waters for {name}{whole}, so "
                          f"whether it lies in the {wanted} area is open"))
            decides.append(f"where in {name} the attack happens (in the {wanted} area or not)"
                           if whole else f"whether {name} counts as in the {wanted} area")
        else:
            hit = [w for w in waters if w in area.oceans]
            debated = [(w, o, why) for w in waters for o in area.oceans
                       if (why := gazetteer.debated_water(w, o))]
            if not hit and debated:
                w, o, why = debated[0]
                parts.append(("uncertain", f"{name} lies in the {_water(w)}; {why}"))
                decides.append(f"whether the {_water(w)} counts as part of the {_water(o)}")
            else:
                parts.append(("met", f"{name} lies in the {_water(hit[0])}") if hit else
                             ("not_met", f"{name} lies in the "
                              f"{', '.join(_water(w) for w in waters)}, not the "
                              f"{'/'.join(_water(o) for o in area.oceans)}"))
    if area.island is not None:
        island = bool(_places.fact(place, "island"))
        ok = island == area.island
        parts.append(("met" if ok else "not_met",
                      f"{name} is {'' if island else 'not '}an island"))
    if area.metropolitan is not None:
        metro = _places.fact(place, "metropolitan")
        if metro is None:
            parts.append(("uncertain", f"the gazetteer does not say whether {name} is "
                          "metropolitan territory"))
            decides.append(f"whether {name} is metropolitan territory")
        else:
            ok = bool(metro) == area.metropolitan
            parts.append(("met" if ok else "not_met",
                          f"{name} is {'' if metro else 'not '}metropolitan territory"))
    if area.north_of is not None:
        lat = _places.fact(place, "lat")
        continent = _places.fact(place, "continent")
        edge = gazetteer.southern_edge(continent) if continent else None
        if lat is None and edge is not None and area.north_of < edge:
            # No point recorded, but all of the continent lies north of its southern edge
            # (gazetteer data: Europe's is Gavdos; the Canary Islands are African there).
            parts.append(("met", f"{name} lies in {gazetteer.continent_name(continent)}, all "
                          f"of which is north of {area.north_of:.1f}°N"))
        elif lat is None:
            parts.append(("uncertain", f"the gazetteer gives no latitude for {name}"))
            decides.append(f"the latitude of {name}")
        else:
            ok = lat > area.north_of
            parts.append(("met" if ok else "not_met",
                          f"{name} (latitude {lat:.1f}) is {'north' if ok else 'south'} of "
                          f"{area.north_of:.1f}°N"
                          + (" (the Tropic of Cancer)"
                             if abs(area.north_of - gazetteer.tropic_of_cancer()) < 0.01
                             else "")))
    if area.polygon:
        lat, lon = _places.fact(place, "lat"), _places.fact(place, "lon")
        if lat is None or lon is None or _places.fact(place, "kind") == "state":
            what = "a whole state" if lat is not None else "a place with no recorded point"
            parts.append(("uncertain", f"{name} is {what}, so whether the attack is inside the "
                          "region its coordinates bound is open"))
            decides.append(f"where in {name} the attack happens (inside the region the "
                           "article bounds by coordinates or not)")
        else:
            ok = in_rhumb_polygon(lat, lon, area.polygon)
            parts.append(("met" if ok else "not_met",
                          f"{name} ({_degrees(lat, lon)}) lies {'inside' if ok else 'outside'} "
                          f"the region the article bounds by coordinates"))
    return _three(r for r, _ in parts), parts, decides, applies


def _degrees(lat: float, lon: float) -> str:
    return f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'}, {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"


#: Latitude at which a pole is drawn on the Mercator plane (the poles themselves are at infinity).
_POLE_LAT = 89.999


def _mercator_y(lat: float) -> float:
    lat = max(-_POLE_LAT, min(_POLE_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def in_rhumb_polygon(lat: float, lon: float, vertices: list[list[float]]) -> bool:
    """Whether a point lies inside a region bounded by rhumb lines between vertices.

    A rhumb line (loxodrome, the treaties' "ligne loxodromique") keeps one compass bearing, so
    it is straight on a Mercator chart: the test is ray casting there, a pole drawn as the
    chart's top or bottom edge. Vertex longitudes may run past ±180 (a region crossing the
    antimeridian), so the point is also tried one turn east and west.
    """
    pts = [(lo, _mercator_y(la)) for la, lo in vertices]
    y = _mercator_y(lat)
    for x in (lon, lon - 360.0, lon + 360.0):
        inside = False
        for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
        if inside:
            return True
    return False


def _held_for_consultation(p: Provision, terr: Reason, place: Any, event: Event) -> Reason:
    """A threat to a place the party holds threatens that party's security, whoever has title.

    Consultation clauses turn on a party's security being threatened ("the territorial
    integrity, political independence or security of any of the Parties is threatened"), so
    they do not wait on title: a place the target administers counts for them.
    """
    if p.kind != "consultation" or terr.result == "met" or \
            event.target not in holder(place, "administered", event.date).states:
        return terr
    return Reason("territory", "met",
                  f"{holder(place, 'sovereign', event.date).why} — an attack there threatens "
                  f"the security of {state_label(event.target)}, which holds it",
                  inputs=terr.inputs)


_TARGET_WORDS = {"territory": "aggression on its territory, not on its forces elsewhere",
                 "forces": "its forces, vessels or aircraft, not its territory"}


def rule_scope(p: Provision, t: Treaty, event: Event, place: Any, idx: RegistryIndex,
               parties: frozenset[str], *, owed: str | None = None,
               enemies: frozenset[str] | None = None,
               contiguity: Contiguity | None = None, unlocated: str | None = None) -> Reason:
    """Where the attack must happen: areas are ORed, each area's predicates ANDed.

    Exception (scope): an article whose scope lists areas (North Atlantic Treaty Art. 6 for
    Art. 5) applies only inside one of them. A predicate the place's facts cannot answer gives
    ``uncertain``, never a silent no. An attack on territory must be on the target's territory,
    by the area's ``basis``: recognised title, or administration. Exception (interpretation): a
    recorded reading that the place is (or is not) in scope settles it, citing who said it.
    An area with a ``vicinity`` asks whether the enemy was near the party owed (``owed``, by
    default the attacked party; ``enemies``, by default the attackers) — see :func:`_vicinity`.
    ``unlocated`` names a place the gazetteer does not know, read as somewhere in the target's
    territory: an area read by administration leaves it open while another state held part of
    that territory (:func:`_unlocated_administered`).
    """
    near = (owed or event.target,
            event.attacker_codes if enemies is None else enemies, contiguity)
    name = _places.fact(place, "name") or (event.place or
                                           f"the territory of {state_label(event.target)}")
    scope = p.scope
    label = f"Art. {scope.set_by} (scope of {p.label})" if scope.set_by else f"{p.label} scope"
    inputs: dict[str, Any] = {"place": _places.fact(place, "id") or event.place,
                              "on": event.on}
    children: list[Reason] = []
    decides: list[str] = []
    if scope.targets not in ("any", event.on):
        base = Reason("scope", "not_met",
                      f"Exception ({label}): the article covers an attack on a party's "
                      f"{scope.targets} ({_TARGET_WORDS[scope.targets]}); this one is on the "
                      f"{event.on} of {state_label(event.target)} at {name}", article=p.article,
                      inputs=inputs, exception=True)
        return _scope_interpretations(base, p, t, event, place, idx, label, name)
    if scope.anywhere:
        if event.on == "territory":
            if place is not None:
                terr = _held_for_consultation(
                    p, _territory_of_target(place, "sovereign", event), place, event)
            elif event.place is None:
                terr = Reason("territory", "met", f"the attack is on {name}")
            else:
                terr = Reason("territory", "uncertain",
                              f"the gazetteer cannot say whose territory {event.place} is",
                              decides=f"whether {event.place} is territory of "
                                      f"{state_label(event.target)}")
            children.append(terr)
            result = terr.result
            text = f"{label}: no geographic limit; {terr.text}"
            if terr.decides:
                decides.append(terr.decides)
        else:
            result, text = "met", f"{label}: no geographic limit"
        base = Reason("scope", result, text, article=p.article, inputs=inputs,
                      children=tuple(children), decides="; ".join(decides) or None)
    else:
        ancestors = _places.ancestors(place)
        area_results = []
        failing: list[str] = []
        skipped: list[str] = []
        open_: list[str] = []
        for a in scope.areas:
            if event.on == "territory" and a.targets in ("territory", "any") and \
                    place is not None:
                terr = _held_for_consultation(
                    p, _territory_of_target(place, a.basis, event), place, event)
            else:
                terr = None
            if unlocated and a.basis == "administered" and terr is not None and \
                    terr.result == "met":
                terr = _unlocated_administered(unlocated, event) or terr
            if a.vicinity is not None and terr is not None and terr.result != "met":
                terr = None  # a vicinity reads where the enemy is, not whose the place is
            r, parts, dec, applies = _area(a, place, event, parties, ancestors, near)
            if terr is not None:
                r = _three([r, terr.result])
                parts = [*parts, (terr.result, terr.text)]
                if terr.decides:
                    dec = [*dec, terr.decides]
            area_results.append(r)
            head = f"‘{' '.join(a.label.split())}’: "
            children.append(Reason("area", r, head + "; ".join(t for _, t in parts),
                                   inputs={"basis": a.basis, "targets": a.targets},
                                   decides="; ".join(dec) or None, sources=tuple(a.sources),
                                   exception=True))
            if r == "not_met" and applies:
                failing.append(head + "; ".join(t for x, t in parts if x == "not_met"))
            elif r == "not_met":
                skipped.append(head.strip(" :’‘"))
            elif r == "uncertain":
                open_.append(head + "; ".join(t for x, t in parts if x == "uncertain"))
            if r == "uncertain":
                decides += dec
        if scope.unresolved:
            area_results.append("uncertain")
            children.append(Reason("area", "uncertain",
                                   f"a limit casus cannot evaluate: {scope.unresolved}",
                                   decides=f"whether {name} lies within {scope.unresolved}",
                                   exception=True))
            open_.append(f"a limit casus cannot evaluate: {scope.unresolved}")
            decides.append(f"whether {name} lies within {scope.unresolved}")
        if "met" in area_results:
            result = "met"
            inside = next(c for c in children if c.result == "met")
            text = f"{label}: {name} is within {inside.text}"
        elif "uncertain" in area_results:
            result = "uncertain"
            text = f"{label}: whether {name} is within the article's areas is open — " + \
                " | ".join(open_)
        else:
            result = "not_met"
            text = (f"Exception ({label}): {name} lies outside every area the article names — "
                    + " | ".join(failing))
            if skipped and not failing:
                other = "forces" if event.on == "territory" else "territory"
                text = (f"Exception ({label}): the article's areas cover attacks on {other} (or "
                        f"other dates), not this attack on {event.on} at {name} — "
                        + " | ".join(skipped))
            elif skipped:
                text += f" (the {len(skipped)} other area(s) cover " + \
                    ("attacks on forces" if event.on == "territory" else "attacks on territory") \
                    + " or other dates)"
        base = Reason("scope", result, text, article=p.article, inputs=inputs,
                      children=tuple(children), exception=result == "not_met",
                      decides="; ".join(dict.fromkeys(decides)) or None if result ==
                      "uncertain" else None)
    return _scope_interpretations(base, p, t, event, place, idx, label, name)


def _same_status_period(since: date | None, said: date, on: date) -> bool:
    """A reading that a place is in scope speaks of the place as it stood when it was given.

    Obama's 2014 statement that Art. V covers the Senkaku Islands rests on their being "under
    the administration of Japan", which dates from 15 May 1972 (the gazetteer's
    ``status_since``); it does not reach back to an attack in 1971, under US administration, nor
    does a reading given before a change of status decide an attack after it.
    """
    return since is None or (said >= since) == (on >= since)


def _scope_interpretations(base: Reason, p: Provision, t: Treaty, event: Event, place: Any,
                           idx: RegistryIndex, label: str, name: str) -> Reason:
    interps = interps_of(idx, t, p, "place_in_scope")
    if not interps or place is None:
        return base
    ancestors = set(_places.ancestors(place))
    if event.on == "territory":
        # A reading that a sea is in scope ("Philippine forces, aircraft or public vessels in
        # the South China Sea") speaks of what is at sea, not of whose an island in it is.
        ancestors -= {gazetteer.sea_id(w) for w in _places.fact(place, "oceans") or ()}
    since = _places.fact(place, "status_since")
    relevant = [i for i in interps if ancestors & set(i.places)
                and _same_status_period(since, i.date, event.date)]
    if not relevant:
        return base
    holds = {i.holds for i in relevant}
    children = (*interp_children(relevant, event.date), base)
    i = relevant[-1]
    if holds == {True}:
        if base.result == "met":
            return Reason("scope", "met",
                          f"{base.text}; confirmed by {interp_text(i, event.date)}",
                          article=p.article, inputs=base.inputs, children=children)
        return Reason("scope", "met",
                      f"Exception (interpretation, {label}): {name} is in scope — "
                      f"{interp_text(i, event.date)}", article=p.article, quote=i.quote,
                      inputs=base.inputs, children=children, exception=True,
                      sources=tuple(i.sources))
    if holds == {False}:
        return Reason("scope", "not_met",
                      f"Exception (interpretation, {label}): {name} was held out of scope — "
                      f"{interp_text(i, event.date)}", article=p.article, inputs=base.inputs,
                      children=children, exception=True, sources=tuple(i.sources))
    return Reason("scope", "uncertain", f"{label}: recorded interpretations disagree on whether "
                  f"{name} is in scope", article=p.article, inputs=base.inputs,
                  children=children, decides="which interpretation the parties follow")
