"""The agreement table in docs/history.md is what the harness computes (the doc cannot drift)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casus.history.agreement import agreement, expert_pairs, render_markdown, scores
from conftest import SHARED

DATA = SHARED / "data"
ATOP = DATA / "atop-4.01"
WARS = DATA / "cow" / "interstate-war-rev.csv"
EXPERTS = DATA / "bf2018-dev" / "bf2018-dev.csv"
CONTIGUITY = DATA / "peacesciencer" / "cow_contdir.csv"
DOC = Path(__file__).resolve().parents[1] / "docs" / "history.md"


@pytest.fixture(scope="module")
def report():
    for p in (ATOP, WARS, EXPERTS, CONTIGUITY):
        if not p.exists():
            pytest.skip(f"shared data not found at {p}")
    return agreement(ATOP, WARS, EXPERTS, contiguity=CONTIGUITY)


def test_the_doc_table_equals_the_harness_output(report):
    doc = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- agreement:start -->\n(.*)<!-- agreement:end -->", doc, re.S)
    assert block, "docs/history.md lost its agreement markers"
    assert block.group(1) == render_markdown(report)


def test_cross_validated_agreement_meets_the_target(report):
    assert report.cv["accuracy"] >= 0.90 and report.cv["f1"] >= 0.75
    assert report.cv["accuracy"] > report.cv["baseline"]


def test_pairs_of_wars_the_war_file_lacks_are_not_scored(report):
    uncovered = report.pairs.filter(~report.pairs["covered"])
    assert set(uncovered["war"].unique()) == {91, 93}  # RSH v1.1 wars, not in v1.0
    assert report.cv["n"] + report.not_covered == report.pairs.height


def test_experts_dna_is_not_activated_and_honor_or_violate_is():
    if not EXPERTS.exists():
        pytest.skip(f"shared data not found at {EXPERTS}")
    pairs = expert_pairs(EXPERTS)
    assert pairs.height == 292 and pairs["expert"].sum() == 66
    s = scores(pairs.with_columns(covered=True, casus=0))
    assert s["baseline"] == s["accuracy"] and s["f1"] == 0.0


def test_error_the_experts_need_the_rsh_war_numbers():
    from casus.errors import InputError

    ps = DATA / "peacesciencer" / "cow_war_inter.csv"
    if not ps.exists():
        pytest.skip(f"shared data not found at {ps}")
    with pytest.raises(InputError) as err:
        agreement(ATOP, ps, EXPERTS)
    assert "larger_war_id" in str(err.value)
