"""The JSON Schema covers what a nämnd decides on (issue 23): editors complete the keys, in Swedish,
and refuse what `check` refuses where a schema can."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from budgetbalans.cli.app import app
from tests.command import runner


def schema(*args: str) -> dict[str, Any]:
    result = runner().invoke(app, ["schema", *args], catch_exceptions=False)
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def validator() -> jsonschema.Draft202012Validator:
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


#: A plan using every key, as an editor's YAML extension hands it to the schema (keys are text).
EVERY_KEY: dict[str, Any] = {
    "title": "Plan", "years": [2024, 2025],
    "measures": [
        {"id": "7", "title": "Obudgeterade statsbidrag", "effects": {"2024": 1200}, "one_off": True,
         "probability": "50 %",
         "decision": {"by": "nämnd", "state": "beslutad", "date": "2024-03-12", "ref": "SN 2024/112 § 45"},
         "staff": {"2024": -3, "2025": "-0,5"},
         "consequences": {"brukare": "Längre handläggningstid", "medarbetare": "Tre tjänster omplaceras"}},
        {"id": "9", "title": "Välfärdsteknik", "probability": "12,5 %", "decision": {"by": "KS"}},
        {"id": "11", "title": "Placeringar", "decision": {"by": "Socialnämnden", "state": "Beslutad"}},
        {"id": "10", "title": "Hyror", "probability": "100%", "decision": {"by": "kommunfullmäktige",
                                                                         "state": "återremitterad"}},
    ],
}


def test_the_schema_accepts_a_plan_using_every_key() -> None:
    assert [error.message for error in validator().iter_errors(EVERY_KEY)] == []


@pytest.mark.parametrize(("key", "value", "phrase"), [
    ("probability", "0,5", "0,5"),
    ("probability", 0.5, "0.5"),
    ("probability", 50, "50"),
    ("probability", "hög", "hög"),
    ("probability", "120 %", "120 %"),
    ("probability", "-5 %", "-5 %"),
    ("decision", {"by": "regeringen"}, "regeringen"),
    ("decision", {"state": "beslutadd"}, "beslutadd"),
    ("decision", {"stat": "beslutad"}, "stat"),
    ("decision", "beslutad", "beslutad"),
    ("decision", {"date": "12/3 2024"}, "12/3 2024"),
    ("one_off", "ja", "ja"),
    ("staff", {"2024": "3 tkr"}, "3 tkr"),
    ("staff", {"år 2024": -1}, "år 2024"),
    ("staff", -3, "-3"),
    ("consequences", "Längre väntetider", "Längre väntetider"),
    ("consequences", {"x" * 61: "text"}, "x" * 61),
    ("consequences", {"brukare": None}, "None"),
])
def test_the_schema_refuses_what_check_refuses(key: str, value: Any, phrase: str) -> None:
    plan = json.loads(json.dumps(EVERY_KEY))
    plan["measures"][0][key] = value
    messages = " ".join(error.message for error in validator().iter_errors(plan))
    assert phrase in messages


def test_the_editor_is_offered_the_keys_and_their_words() -> None:
    document = schema()
    measure = document["$defs"]["Measure"]["properties"]
    for key in ("probability", "decision", "one_off", "staff", "consequences"):
        assert key in measure and measure[key].get("description"), key
    decision = document["$defs"]["Decision"]
    assert decision["additionalProperties"] is False
    assert {"förvaltning", "nämnd", "ks", "kf", "verkställighet", "delegation"} <= set(
        decision["properties"]["by"]["anyOf"][0]["anyOf"][0]["enum"])
    assert {"föreslagen", "beslutad", "återremitterad", "avslagen"} <= set(
        decision["properties"]["state"]["anyOf"][0]["enum"])


def test_the_descriptions_are_swedish_by_default_and_english_on_request() -> None:
    swedish = schema()["$defs"]["Measure"]["properties"]
    english = schema("--lang", "en")["$defs"]["Measure"]["properties"]
    assert swedish["probability"]["description"].startswith("Sannolikheten att effekten blir av")
    assert english["probability"]["description"].startswith("Sannolikhet that the effect is realised")
    assert swedish["staff"]["description"].startswith("Förändring i årsarbetare per år")
    assert swedish["one_off"]["description"].startswith("Engångseffekt: effekten återkommer inte")
    assert swedish["consequences"]["description"].startswith("Konsekvensbeskrivning: en text per aspekt")
    assert swedish["decision"]["description"].startswith("Beslut: vem som beslutar")
