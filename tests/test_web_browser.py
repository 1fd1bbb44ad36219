"""The web app in a real browser: Debian's chromium, headless, driven by Playwright, against a
real ``casus serve`` on a loopback port.

Each test saves a screenshot to ``tests/artifacts/`` (git-ignored) so a person can look at what
the browser showed. The tests skip, saying why, when Playwright or chromium is absent; CI
installs both (``.ci/run``).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import httpx
import pytest

from conftest import SHARED

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="chromium not installed (apt-get install -y chromium)")

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """A real ``casus serve`` on 127.0.0.1, stopped (by its own pid) after the module."""
    port = _free_port()
    env = {**os.environ, "CASUS_WARM": "0", "PYTHONPATH": str(ROOT / "src") + os.pathsep
           + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "casus", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/treaties", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
        if proc.poll() is not None:
            pytest.fail(f"casus serve exited: {proc.stderr.read().decode()[-2000:]}")
    else:
        proc.terminate()
        pytest.fail("casus serve did not answer within 60 s")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records console errors and uncaught exceptions."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(f"console.{m.type}: {m.text}")
          if m.type == "error" else None)
    pg.on("pageerror", lambda e: pg.problems.append(f"uncaught: {e}"))
    yield pg
    context.close()


def _shot(pg, name: str, full_page: bool = False) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


PAGES = ["/", "/seed", "/map", "/map?state=POL&date=1990-01-01", "/network",
         "/network?date=1914-07-01", "/scenario", "/scenario?attacker=UKR&target=RUS"
         "&place=Kursk+Oblast&date=2024-12-05", "/treaty", "/treaty/nato-1949",
         "/treaty/rus-prk-2024", "/comparison?ids=rus-prk-2024&ids=nato-1949", "/reader"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_console_errors(page, path):
    response = page.goto(path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    if path.startswith("/map"):
        page.wait_for_selector("#map[data-rendered]")
    if path.startswith("/network"):
        page.wait_for_selector("#network[data-rendered]")
    assert page.problems == []
    name = re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()).strip("-") or "home"
    _shot(page, f"page-{name}")


def _map_date(page, day: str) -> set[str]:
    page.fill("#date", day)
    page.dispatch_event("#date", "change")
    page.wait_for_selector(f'#map[data-rendered="{day}|POL"]')
    page.wait_for_selector(f'#state-panel .allies[data-date="{day}"]')
    return set(page.eval_on_selector_all("#map path.ally", "ps => ps.map(p => p.dataset.code)"))


def test_the_map_colours_polands_allies_in_1990_and_today(page):
    page.goto("/map?state=POL")
    page.wait_for_selector("#map[data-rendered]")
    # the Warsaw Pact (warsaw-pact-1955): every member bound from 1955-06-05 to 1991-06-30;
    # on 1990-01-01 East Germany (a party until 1990-10-02) was still a member, Albania (1968)
    # was not
    allies_1990 = _map_date(page, "1990-01-01")
    assert allies_1990 == {"HUN", "ROU", "BGR"}  # the partners that have a shape today
    shapeless = set(page.eval_on_selector_all("#shapeless li[data-code]",
                                              "ls => ls.map(l => l.dataset.code)"))
    assert {"SUN", "DDR", "CSK"} <= shapeless  # listed beside the map
    assert page.locator("#map path.selected[data-code=POL]").count() == 1
    _shot(page, "map-poland-1990")
    allies_today = _map_date(page, date.today().isoformat())
    assert {"DEU", "FRA", "USA", "GBR", "LTU", "EST", "CZE"} <= allies_today  # NATO, EU
    assert {"AUT", "IRL"} <= allies_today  # EU members outside NATO: TEU Art. 42(7)
    assert not allies_today & {"RUS", "BLR", "CHN"}
    panel = page.inner_text("#state-panel")
    assert "North Atlantic Treaty" in panel and "defence" in panel
    assert page.problems == []
    _shot(page, "map-poland-today")


def test_the_estonia_scenario_built_by_clicking_shows_nato_article_5_with_its_quote(page):
    page.goto("/scenario")
    page.fill("#f-attacker", "Russia")
    page.fill("#f-target", "Estonia")
    page.fill("#f-date", "2026-01-15")
    page.select_option("#f-request", "yes")
    page.wait_for_selector("#pick-map path[data-code=EST]")
    # zoom the map onto Estonia, then click it: the place becomes "lat,lon"
    for _ in range(6):
        box = page.locator("#pick-map path[data-code=EST]").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.wheel(0, -400)
        page.wait_for_timeout(150)
    box = page.locator("#pick-map path[data-code=EST]").bounding_box()
    assert box["width"] > 40, "the map did not zoom in"
    page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.55)
    place = page.input_value("#f-place")
    assert re.fullmatch(r"-?\d+\.\d{4},-?\d+\.\d{4}", place), place
    lat, lon = map(float, place.split(","))
    assert 57.5 < lat < 59.7 and 21.7 < lon < 28.3  # inside Estonia
    page.click("#answer-button")
    page.wait_for_selector("#answer")
    art5 = page.locator('.verdict-triggered article.obligation[data-treaty="nato-1949"]'
                        '[data-article="5"]')
    assert art5.count() == 1
    quote = art5.locator("blockquote.treaty-text q").inner_text()
    assert "an armed attack against one or more of them in Europe or North America" in quote
    assert "Estonia" in art5.inner_text()
    assert "/scenario?" in page.url and "attacker=Russia" in page.url  # shareable
    assert page.get_attribute("a[download][href^='/obligations.csv']", "href")
    art5.locator("details.trace summary").click()
    assert art5.locator(".trace-tree li").count() > 3
    assert page.problems == []
    page.locator("#answer").scroll_into_view_if_needed()
    _shot(page, "scenario-estonia-2026")


def test_a_misspelt_state_is_explained_next_to_its_field(page):
    page.goto("/scenario")
    page.fill("#f-attacker", "Rusia")
    page.fill("#f-target", "Estonia")
    page.fill("#f-place", "91,200")
    page.click("#answer-button")
    error = page.locator('.field-error[data-field="attacker"]')
    error.wait_for()
    assert "Did you mean" in error.inner_text() and "RUS" in error.inner_text()
    assert "latitude" in page.inner_text('.field-error[data-field="place"]')
    _shot(page, "scenario-errors")


def test_the_seed_case_is_one_click_from_home(page):
    page.goto("/")
    page.click("#open-seed")
    page.wait_for_url("**/seed")
    before = page.locator('.case[data-date="2024-08-06"]')
    after = page.locator('.case[data-date="2024-12-05"]')
    def duties(case, verdict):
        return " ".join(case.locator(f"li.duty.verdict-{verdict}").all_inner_texts())

    assert "Russia–North Korea pact (2024) Art. 4" in duties(before, "not_triggered")
    assert "Russia–North Korea pact (2024) Art. 4" not in duties(before, "triggered")
    assert "Russia–North Korea pact (2024) Art. 4" in duties(after, "triggered")
    # the 2024 pact is held in translation: labelled, never quoted as the treaty's words
    label = after.locator(".treaty-text.not-verbatim .status-label").first.text_content()
    assert "translation" in label.lower()
    assert "full mutual-defence alliance" in page.inner_text(".findings")
    assert page.problems == []
    _shot(page, "seed", full_page=False)


def test_two_treaties_compared_side_by_side(page):
    page.goto("/comparison")
    page.select_option("#ids0", "rus-prk-2024")
    page.select_option("#ids1", "nato-1949")
    page.click("#compare-button")
    page.wait_for_selector("table.compare")
    findings = page.inner_text(".findings")
    assert "stronger than North Atlantic Treaty (NATO) Art. 5" in findings
    assert page.locator("table.compare thead th").count() == 3
    _shot(page, "comparison")


def test_the_seed_article_pasted_gives_events_with_their_evidence_highlighted(page):
    seed = next((SHARED / "seed").glob("*.txt"), None)
    if seed is None:
        pytest.skip(f"no seed article under {SHARED / 'seed'}")
    page.goto("/reader")
    page.fill("#article-text", seed.read_text(encoding="utf-8"))
    page.click("#read-button")
    page.wait_for_selector(".reading")
    events = page.inner_text(".reading ul.events")
    assert "Russia (RUS)" in events and "North Korea" in events and "signing" in events
    assert page.locator(".article-text mark").count() >= 1
    assert page.problems == []
    _shot(page, "reader-seed")


def test_an_empty_article_is_refused_next_to_the_text_box(page):
    page.goto("/reader")
    page.click("#read-button")
    error = page.locator("#text-error")
    error.wait_for(state="visible")
    assert "paste" in error.inner_text()


def test_error_a_huge_article_is_refused_next_to_the_text_box(page):
    page.goto("/reader")
    page.evaluate("document.getElementById('article-text').value = 'war '.repeat(800000)")
    page.click("#read-button")
    error = page.locator("#text-error")
    error.wait_for(state="visible")
    assert "larger than 2 MiB" in error.inner_text()


def test_clicking_a_network_line_opens_its_treaty(page):
    page.goto("/network?date=1960-01-01")
    page.wait_for_selector("#network[data-rendered] line.edge")
    href = page.get_attribute("#network a.edge-link", "href")
    assert href.startswith("/treaty/")
    page.goto(href)
    assert page.locator("section.provision").count() >= 1
