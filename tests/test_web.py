"""The web app without a browser: every page answers, the endpoints the pages need keep their
shapes, bad input is a 4xx with a readable message (never a 5xx), and schemathesis finds no
server error anywhere in the OpenAPI description."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from fastapi.testclient import TestClient

from casus.web.app import app
from casus.web.limits import MAX_BODY

client = TestClient(app)


@pytest.mark.parametrize("path", [
    "/", "/seed", "/map", "/map?state=Poland&date=1990-01-01", "/network",
    "/network?date=1950-06-25", "/scenario", "/scenario?attacker=RUS&target=EST&date=2026-01-15",
    "/treaty", "/treaty/nato-1949", "/comparison", "/comparison?ids=rus-prk-2024&ids=nato-1949",
    "/reader", "/ui/search?q=warsaw", "/ui/allies?state=POL&date=1990-01-01",
    "/static/casus.js", "/static/casus.css", "/static/countries-50m.json"])
def test_every_page_and_asset_answers(path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:500]


def test_the_json_api_is_still_mounted_at_the_root_with_its_openapi():
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {"/treaties", "/treaties/{treaty_id}", "/compare", "/obligations", "/read",
            "/places", "/ties", "/ties.csv", "/obligations.csv", "/states",
            "/search"} <= paths
    assert not any(p.startswith(("/ui", "/map", "/scenario")) for p in paths)  # pages: no
    assert client.get("/treaties/nato-1949").json()["id"] == "nato-1949"


def test_ties_on_a_date_name_polands_warsaw_pact_partners_in_1990():
    body = client.get("/ties", params={"date": "1990-01-01", "state": "Poland"}).json()
    allies = {a["state"]: a for a in body["allies"]}
    assert set(allies) == {"SUN", "DDR", "CSK", "HUN", "ROU", "BGR"}
    assert allies["HUN"]["kinds"][0] == "defense"
    assert allies["HUN"]["treaties"][0]["treaty"] == "warsaw-pact-1955"
    assert body["strongest"]["POL"] == "defense"
    assert all({"a", "b", "kinds", "treaties"} <= set(t) for t in body["ties"])


def test_ties_and_obligations_download_as_csv():
    r = client.get("/ties.csv", params={"date": "1990-01-01"})
    assert r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert {"date", "state_a", "state_b", "treaty", "articles", "kinds"} <= set(rows[0])
    assert any(x["state_a"] == "HUN" and x["state_b"] == "POL" for x in rows)
    r = client.get("/obligations.csv", params={"attacker": "RUS", "target": "EST",
                                               "date": "2026-01-15"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    art5 = [x for x in rows if x["treaty"] == "nato-1949" and x["article"] == "5"]
    assert art5 and {x["verdict"] for x in art5} == {"triggered"}
    assert "attachment" in r.headers["content-disposition"]


def test_states_carry_the_map_crosswalk():
    states = {s["code"]: s for s in client.get("/states").json()}
    assert states["POL"]["shape"] == "616" and states["USA"]["shape"] == "840"
    assert states["XKX"]["shape"] == "name:Kosovo"
    assert states["SUN"]["shape"] is None and states["SUN"]["historic"]


def test_search_finds_states_and_treaties():
    body = client.get("/search", params={"q": "warsaw"}).json()
    assert [t["id"] for t in body["treaties"]] == ["warsaw-pact-1955"]
    assert client.get("/search", params={"q": "pol"}).json()["states"][0]["code"] == "POL"


def test_a_scenario_answer_quotes_nato_article_5_and_links_its_downloads():
    r = client.get("/ui/scenario", params={"attacker": "Russia", "target": "Estonia",
                                           "date": "2026-01-15", "request": "yes"})
    assert r.status_code == 200
    assert "an armed attack against one or more of them in Europe or North America" in r.text
    assert r.headers["HX-Push-Url"].startswith("/scenario?attacker=Russia")
    assert "/obligations.csv?attacker=Russia" in r.text and "request=true" in r.text


def test_cascade_rounds_have_their_slot():
    r = client.get("/scenario", params={"attacker": "RUS", "target": "EST"})
    assert 'id="cascade"' in r.text


def test_paraphrased_text_is_never_in_quotation_marks():
    page = client.get("/treaty/rus-prk-2024").text
    assert "paraphrase — not the treaty&#39;s words" in page
    assert "<q>In case any one" not in page  # Art. 4 is a translation: labelled, not quoted


def test_error_bad_fields_are_4xx_with_the_message_next_to_the_field():
    r = client.get("/ui/scenario", params={"attacker": "Rusia", "target": "Estonia",
                                           "date": "2026-02-30", "place": "91,200"})
    assert r.status_code == 400
    for field, words in (("attacker", "Did you mean"), ("date", "bad date"),
                         ("place", "latitude")):
        assert f'data-field="{field}"' in r.text and words in r.text
    r = client.get("/map", params={"state": "Narnia", "date": "1990-13-01"})
    assert r.status_code == 400 and 'data-field="state"' in r.text
    assert client.get("/treaty/nato-1950").status_code == 404
    r = client.get("/comparison", params={"ids": ["nato-1949", "nope"]})
    assert r.status_code == 404 or r.status_code == 400
    assert "unknown treaty" in r.text


def test_error_nul_bytes_and_unknown_names_are_4xx_not_5xx():
    for params in ({"attacker": "R\x00US", "target": "EST", "date": "2026-01-01"},
                   {"attacker": "RUS", "target": "EST", "date": "2026\x00-01-01"},
                   {"attacker": "RUS", "target": "EST", "date": "2026-01-01",
                    "place": "Tal\x00linn"}):
        assert client.get("/obligations", params=params).status_code in (400, 404, 422)
    assert client.get("/ties", params={"date": "x\x00"}).status_code == 400
    assert client.get("/ties", params={"state": "\x00"}).status_code in (400, 404)


def test_error_a_huge_read_body_is_413_in_the_one_error_shape():
    r = client.post("/read", content=b"x" * (MAX_BODY + 1))
    assert r.status_code == 413
    assert set(r.json()) == {"error", "message"} and r.json()["error"] == "PayloadTooLarge"

    def chunks():
        for _ in range(11):
            yield b"y" * (1024 * 1024)

    r = client.post("/read", content=chunks())  # no Content-Length: streamed
    assert r.status_code == 413


def test_every_treaty_of_the_registry_has_a_page():
    from casus.model.registry import load_registry
    from casus.views import to_html

    for t in load_registry():
        html = to_html(t)
        assert t.id in html and "Members over time" in html


def test_error_unknown_routes_share_the_error_shape():
    r = client.get("/no-such-page")
    assert r.status_code == 404 and set(r.json()) == {"error", "message"}


def test_ties_today_is_the_default():
    assert client.get("/ties").json()["date"] == date.today().isoformat()


# --- schemathesis: property-based requests from the OpenAPI description -----------------------

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis not installed")
from hypothesis import HealthCheck, Phase, settings  # noqa: E402
from schemathesis.checks import CHECKS, load_all_checks  # noqa: E402

load_all_checks()
ALL_CHECKS = list(CHECKS.get_all())  # the Python API's `--checks all`

# Two statuses the checks' defaults do not expect, each for a reason the schema cannot carry:
# * a schema-valid request may still be bad input (400): a string that names no state, a
#   day that does not exist ("2023-02-30"), a treaty id repeated so fewer than two remain.
#   JSON Schema cannot say "a name of a state", so positive data may be refused with 400;
#   never with 422 (that would be a schema the server does not keep) nor with a 5xx.
# * a schema-violating body may be refused for its size (413) before it is read.
# POST /read takes the article as text: any bytes are text, so a body "violating" its string
# schema (schemathesis sends an array as text) is still an article to read, and is read.
CONFIG = schemathesis.Config.from_dict({
    "generation": {"mode": "all"},
    "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404"]},
               "negative_data_rejection": {"expected-statuses": [
                   "400", "404", "405", "413", "415", "422"]}},
    "operations": [{"include-name": "POST /read",
                    "checks": {"negative_data_rejection": {"enabled": False}}}],
})
schema = schemathesis.openapi.from_asgi("/openapi.json", app, config=CONFIG)


def _checks(operation) -> list:
    """Every check, less those CONFIG turns off for this operation."""
    config = schema.config.checks_config_for(operation=operation, phase=None)
    return [c for c in ALL_CHECKS if getattr(getattr(config, c.__name__, None), "enabled", True)]


def test_schemathesis_runs_every_check_on_every_operation_but_the_one_excepted():
    turned_off = {op.label: {c.__name__ for c in ALL_CHECKS} - {c.__name__ for c in _checks(op)}
                  for op in (r.ok() for r in schema.get_all_operations())}
    assert len(ALL_CHECKS) >= 14 and len(turned_off) == 13
    assert {k: v for k, v in turned_off.items() if v} == {
        "POST /read": {"negative_data_rejection"}}


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck),
          derandomize=True, phases=[Phase.explicit, Phase.generate])
def test_schemathesis_all_checks_pass(case):
    """Every operation, positive and negative requests, every check schemathesis has: no
    server error, every status and content type documented, every answer (errors included)
    matching its documented schema, schema-valid data accepted and invalid data refused, and
    405 with a correct Allow header for an undocumented method."""
    response = case.call()
    case.validate_response(response, checks=_checks(case.operation))
    if response.status_code >= 400:
        assert {"error", "message"} <= set(response.json()), response.text


def test_ties_are_the_same_anywhere_within_an_interval_of_unchanged_ties():
    """The server computes ties once per interval between breakpoints; the answer on any day
    must equal the one computed for that very day."""
    import random
    from datetime import timedelta

    from casus.model.registry import load_registry
    from casus.web.api import _ties_cached
    from casus.web.ties import breakpoints, ties_on

    reg = load_registry()
    rng = random.Random(7)
    days = [date(1816, 1, 1) + timedelta(days=rng.randrange(0, 365 * 212)) for _ in range(40)]
    points = breakpoints(reg)
    days += [d for p in rng.sample(points, 20) for d in (p - timedelta(days=1), p)]
    for day in days:
        assert _ties_cached(day).to_dict("POL") == ties_on(reg, day).to_dict("POL"), day
