"""The HTTP API answers what the CLI answers, and every error has one JSON shape."""

from __future__ import annotations

from fastapi.testclient import TestClient

from casus.web.api import app
from conftest import SHARED

client = TestClient(app)


def test_treaties_list_has_the_cli_json_contract_and_filters():
    rows = client.get("/treaties", params={"in_force_on": "2025-01-01",
                                           "party": "North Korea"}).json()
    # the Cuba–DPRK treaty's entry into force and lapse are unknown: listed, dates left open
    assert {r["id"] for r in rows} == {"prk-chn-1961", "rus-prk-2024", "cub-prk-1986"}
    assert next(r for r in rows if r["id"] == "cub-prk-1986")["in_force"] is None
    assert all({"id", "title", "parties", "signed", "in_force", "ended"} <= set(r) for r in rows)


def test_one_treaty_and_a_comparison():
    pact = client.get("/treaties/rus-prk-2024").json()
    assert pact["in_force"]["date"] == "2024-12-04"
    comparison = client.get("/compare", params=[("ids", "rus-prk-2024"),
                                                ("ids", "nato-1949")]).json()
    assert "stronger than" in " ".join(comparison["findings"])


def test_obligations_by_query_and_by_scenario_agree():
    query = client.get("/obligations", params={"attacker": "UKR", "target": "RUS",
                                               "date": "2024-12-05",
                                               "place": "Kursk Oblast"}).json()
    body = {"events": [{"date": "2024-12-05", "attackers": ["UKR"], "target": "RUS",
                        "place": "Kursk Oblast"}]}
    posted = client.post("/obligations", json=body).json()
    assert query["obligations"] == posted["obligations"]
    art4 = [o for o in query["obligations"] if o["treaty"] == "rus-prk-2024"
            and o["article"] == "4"]
    assert art4[0]["verdict"] == "triggered"


def test_read_an_article():
    seed = next((SHARED / "seed").glob("*.txt"), None)
    text = seed.read_bytes() if seed else b"Russia and North Korea signed a treaty on 19 June 2024."
    events = client.post("/read", content=text).json()["events"]
    assert any(e["type"] == "signing" and set(e["parties"]) == {"RUS", "PRK"} for e in events)


def test_error_unknown_names_are_404_with_close_matches():
    r = client.get("/treaties/rus-prk-2025")
    assert r.status_code == 404
    assert r.json()["error"] == "UnknownNameError" and "rus-prk-2024" in r.json()["suggestions"]
    r = client.get("/obligations", params={"attacker": "Not Ukraine", "target": "RUS",
                                           "date": "2024-08-06"})
    assert r.status_code == 400 and "UKR" in r.json()["message"]  # a bad state: 400, as exit 2
    assert r.json()["suggestions"][0] == "UKR (Ukraine)"


def test_error_bad_input_is_400_with_the_same_shape():
    r = client.get("/obligations", params={"attacker": "UKR", "target": "RUS",
                                           "date": "6 Aug 2024"})
    assert r.status_code == 400 and "YYYY-MM-DD" in r.json()["message"]
    r = client.post("/read", content=b"")
    assert r.status_code == 400 and r.json()["error"] == "InputError"
    r = client.post("/obligations", json={"events": []})  # outside the documented schema
    assert r.status_code == 422 and "events" in r.json()["message"]
    r = client.post("/obligations", json={"events": [  # in the schema, but not a scenario
        {"date": "2024-12-05", "attackers": ["RUS"], "target": "RUS"}]})
    assert r.status_code == 400 and set(r.json()) == {"error", "message"}
    assert "RUS" in r.json()["message"]


def test_every_error_has_casus_shape() -> None:
    """Unknown routes and FastAPI's own parameter checks answer {"error", "message"} too."""
    missing = client.get("/obligations", params={"attacker": "RUS"})
    assert missing.status_code == 422
    body = missing.json()
    assert set(body) == {"error", "message"} and "target" in body["message"]
    nowhere = client.get("/no-such-route")
    assert nowhere.status_code == 404 and set(nowhere.json()) == {"error", "message"}
