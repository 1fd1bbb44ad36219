"""Coverage: every defence pledge ATOP knows to be in force has a curated file, and
``casus treaty list --coverage`` says what the registry holds against ATOP's count."""

from __future__ import annotations

import csv
import json
from datetime import date

from typer.testing import CliRunner

from casus.cli import app
from casus.coverage import coverage
from casus.model.registry import load_registry
from conftest import SHARED_DATA, need_shared_file

runner = CliRunner()
ATOP = SHARED_DATA / "atop-4.01"


def _atop_pledges_in_effect() -> dict[int, str]:
    """ATOP ids with ``ineffect == 1`` and a defence or offence pledge, read from the file."""
    path = need_shared_file(ATOP / "atop-alliance-level.csv")
    with path.open(newline="", encoding="utf-8") as f:
        return {int(r["atopid"]): " ".join(r[f"mem{i}"] for i in range(1, 60) if r[f"mem{i}"])
                for r in csv.DictReader(f)
                if r["ineffect"] == "1" and "1" in (r["defense"], r["offense"])}


def test_every_atop_pledge_in_effect_at_the_end_of_its_coverage_has_a_curated_file():
    wanted = _atop_pledges_in_effect()
    assert len(wanted) >= 40  # a sanity check on the reading, not the list itself
    held = {t.atop_id for t in load_registry() if t.atop_id is not None}
    missing = {a: members for a, members in wanted.items() if a not in held}
    assert not missing, ("ATOP alliances in effect with a defence/offence pledge but no file "
                         f"naming that atop_id (atopid: COW members): {missing}")


def test_coverage_without_atop_counts_the_registry_on_its_own():
    cov = coverage(load_registry(), date(2026, 12, 1))
    assert cov.atop is None
    assert cov.curated == len(load_registry())
    ids = {t for r in cov.regions for t in r.in_force}
    assert "nato-1949" in ids and "rus-prk-2024" in ids
    assert "warsaw-pact-1955" not in ids  # ended 1991
    europe = next(r for r in cov.regions if r.region == "Europe")
    assert "nato-1949" in europe.in_force


def test_coverage_against_atop_lists_nothing_missing_at_the_end_of_its_coverage():
    need_shared_file(ATOP / "atop-alliance-level.csv")
    cov = coverage(load_registry(), date(2016, 12, 31), atop=ATOP)
    assert cov.atop is not None and cov.atop.on == date(2016, 12, 31)
    assert [m for r in cov.regions for m in r.missing] == []
    assert sum(r.atop_count for r in cov.regions) >= 46


def test_coverage_after_atop_ends_compares_with_atops_last_covered_day():
    need_shared_file(ATOP / "atop-alliance-level.csv")
    cov = coverage(load_registry(), date(2026, 12, 1), atop=ATOP)
    assert cov.atop.on == date(2016, 12, 31)
    assert "2016" in cov.atop.note


def test_cli_coverage_text_and_json():
    result = runner.invoke(app, ["treaty", "list", "--coverage", "--on", "2026-12-01"])
    assert result.exit_code == 0, result.output
    assert "Europe" in result.output and "in force on 2026-12-01" in result.output
    result = runner.invoke(app, ["treaty", "list", "--coverage", "--on", "2026-12-01",
                                 "--format", "json"])
    data = json.loads(result.output)
    assert data["on"] == "2026-12-01" and data["atop"] is None
    assert {"region", "in_force", "possibly_in_force"} <= set(data["regions"][0])


def test_error_cli_coverage_with_a_folder_without_atop_files(tmp_path):
    result = runner.invoke(app, ["treaty", "list", "--coverage", "--atop", str(tmp_path)])
    assert result.exit_code != 0
    assert "ATOP" in result.output or "atop" in result.output
