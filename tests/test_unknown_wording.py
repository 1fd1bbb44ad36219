"""Unknown wording stays unknown: no treaty file gives a *triggered* defence or offence verdict
from a pledge whose words nobody can read (text_status not_public) or that it knows only from
a dataset's coding (coded)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casus.model.registry import load_registry
from casus.reasoner import Scenario, obligations_on

UNKNOWN = {"not_public", "coded"}
REGISTRY = load_registry()
_CASES = [(t.id, i) for t in REGISTRY for i, p in enumerate(t.provisions)
          if p.kind in ("defense", "offense") and p.text_status in UNKNOWN]


def _a_day_in_force(t, p) -> date:
    start = t.in_force.known or t.in_force.no_later_than or t.signed.known
    on = max(start, p.valid_from or start) + timedelta(days=400)
    if t.ended and t.ended.known and on >= t.ended.known:
        on = t.ended.known - timedelta(days=1)
    if p.valid_to and on > p.valid_to:
        on = p.valid_to
    return on


def test_there_are_pledges_with_unknown_wording_to_check():
    assert len(_CASES) >= 10


@pytest.mark.parametrize(("treaty_id", "index"), _CASES,
                         ids=[f"{t}:{i}" for t, i in _CASES])
def test_a_pledge_whose_words_are_unknown_is_never_triggered(treaty_id, index):
    """An attack by an outsider on a party the pledge protects, on a day the treaty binds, is
    answered *uncertain* (or not triggered), never triggered on a guess."""
    t = REGISTRY.get(treaty_id)
    p = t.provisions[index]
    on = _a_day_in_force(t, p)
    members = sorted(t.members_on(on))
    pairs = ([(d.obligor, d.beneficiary) for d in p.directions]
             or [(a, b) for a in members for b in members if a != b])
    pairs = [(o, b) for o, b in pairs if b in members][:3]
    for obligor, target in pairs:
        attacker = next(s for s in ("BRA", "IND", "CHN", "USA", "RUS") if s not in members)
        scenario = Scenario.single(date=on.isoformat(), attackers=[attacker], target=target)
        for o in obligations_on(scenario, REGISTRY).find(t.id, p.article):
            if o.obligor == obligor and o.kind == p.kind and o.text_status == p.text_status:
                assert o.verdict != "triggered", (
                    f"{t.id} Art. {p.article} ({p.text_status}) {obligor} → {target} on {on}: "
                    f"triggered on unknown wording: {o.reasons}")
