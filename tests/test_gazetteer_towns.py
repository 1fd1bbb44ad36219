"""Towns by the spellings analysts type: the probe in tests/data/conflict_towns.txt, and the rule
that finds a town of 5,000+ by its GeoNames alternate names (docs/gazetteer.md, step 10).

A blind batch named "Gharm", GeoNames' Rasht in Tajikistan (alternates Garm, Gharm); the name
was refused as a typo of Gharo (Pakistan) and the whole case failed. A town's alternate name is
now found when nothing bears the name as its own, without letting a hamlet's variant swallow a
typo of a better-known name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.errors import UnknownNameError
from casus.gazetteer import find_place, near_misses
from casus.gazetteer.index import TOWN_ALTERNATE_FLOOR, town_alternates
from casus.gazetteer.names import fold

PROBE = Path(__file__).parent / "data" / "conflict_towns.txt"


def _rows() -> list[tuple[str, str, str | None, str | None, str]]:
    rows = []
    for line in PROBE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, pid, sovereign, held, before = (cell.strip() for cell in line.split("|"))
        rows.append((name, pid, None if sovereign == "-" else sovereign,
                     None if held == "-" else held, before))
    return rows


ROWS = _rows()


def test_the_probe_is_wide_and_has_no_duplicates() -> None:
    names = [row[0] for row in ROWS]
    assert len(names) == len(set(names)) >= 40
    assert {row[4] for row in ROWS} == {"known", "unknown"}


@pytest.mark.parametrize(("name", "pid", "sovereign", "held", "before"), ROWS,
                         ids=[row[0] for row in ROWS])
def test_every_conflict_town_is_found(name: str, pid: str, sovereign: str | None,
                                      held: str | None, before: str) -> None:
    place = find_place(name)
    assert (place.id, place.sovereign, place.administered_by) == (pid, sovereign, held)
    assert place.sources


def test_the_towns_found_only_by_an_alternate_do_not_bear_the_name_as_their_own() -> None:
    """The probe's 'unknown' rows are found by the alternates, nothing else: their key is in
    the alternates' index and is not the town's own name."""
    for name, _pid, _sov, _held, before in ROWS:
        if before == "unknown":
            assert fold(name) in town_alternates(), name
            assert fold(find_place(name).name) != fold(name), name


def test_a_real_alternate_is_no_typo_of_a_city_not_ten_times_its_size() -> None:
    """'Gharm' is one slip from Gharo (a city of 19,524), but Rasht is 10,771: not a typo."""
    assert near_misses("Gharm")  # the reasoner's typo check only runs for an unknown name
    assert find_place("Gharm").id == "town:rasht-tj"
    assert find_place("Gharm", ("TJK",)).id == "town:rasht-tj"
    assert find_place("Gharm, Tajikistan").id == "town:rasht-tj"


@pytest.mark.parametrize(("typed", "slip_of", "state", "town"), [
    ("Marinka", "city:maringa", "UKR", "town:maryinka-ua"),  # Mar'yinka, 9,089; Maringá 400,000
    ("Garm", "gard", "TJK", "town:rasht-tj"),                 # one slip from Gard, France
])
def test_an_alternate_one_slip_from_a_better_known_name_is_reported_unless_the_state_settles_it(
        typed: str, slip_of: str, state: str, town: str) -> None:
    with pytest.raises(UnknownNameError) as err:
        find_place(typed)
    assert any(f"({slip_of})" in s for s in err.value.suggestions)
    assert any(f"({town}," in s for s in err.value.suggestions)
    assert find_place(typed, (state,)).id == town
    with pytest.raises(UnknownNameError):
        find_place(typed, ("FRA",))


def test_a_typo_of_a_big_city_stays_a_typo() -> None:
    """A town's alternate one slip from the own name of a city of 100,000+ (ten times any town
    under 10,000) is no town: looked up alone it is reported as the city mistyped (or found
    by an earlier rule). Every such alternate is listed, a sample of 25 looked up."""
    from casus.gazetteer import towns
    from casus.gazetteer.index import cities_index
    from casus.gazetteer.names import one_slip, translit

    rows = cities_index()["rows"]
    by_variant: dict[str, list[str]] = {}
    for key, pid in cities_index()["names"].items():
        if pid in rows and rows[pid][4] >= 100_000 and len(key) >= 5 \
                and key == fold(rows[pid][0]):
            for k in {key, *(key[:i] + key[i + 1:] for i in range(len(key)))}:
                by_variant.setdefault(k, []).append(key)
    population = towns.point_index()["population"]
    typos = sorted(key for key, ids in town_alternates().items()
                   if population[towns.town_ids()[ids[0]]] < 10_000
                   and any(one_slip(key, big) for k in {key, *(key[:i] + key[i + 1:]
                                                              for i in range(len(key)))}
                           for big in by_variant.get(k, ())))
    print(f"{len(typos)} town alternates one slip from a city of 100,000+")
    assert len(typos) >= 20  # GeoNames does list such variants for towns
    for key in typos[:: max(1, len(typos) // 25)]:
        try:
            place = find_place(key)
        except UnknownNameError:
            continue
        # found by an earlier rule (Loukhi is "Louhi" with kh as h), never by its alternate
        assert place.id not in town_alternates()[key] \
            or translit(fold(place.name)) == translit(key), key


def test_a_town_under_the_floor_is_not_found_by_its_alternates() -> None:
    """Khojavend, GeoNames' Novyy Karanlug (3,700), is under the floor."""
    assert TOWN_ALTERNATE_FLOOR == 5000
    assert "khojavend" not in town_alternates()
    with pytest.raises(UnknownNameError):
        find_place("Khojavend")
