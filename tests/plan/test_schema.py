"""The JSON Schema for editors (``budgetbalans schema``)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from budgetbalans.cli.app import app
from tests.command import runner
from tests.paths import ROOT

PLAN_FILES = sorted((ROOT / "plans").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def schema() -> dict[str, Any]:
    result = runner().invoke(app, ["schema"], catch_exceptions=False)
    assert result.exit_code == 0
    return json.loads(result.stdout)


def as_editor_sees_it(value: Any) -> Any:
    """YAML as an editor's YAML extension hands it to JSON Schema: keys are strings, dates text."""
    if isinstance(value, dict):
        return {str(key): as_editor_sees_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def validator() -> jsonschema.Draft202012Validator:
    document = schema()
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document)


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
def test_the_schema_accepts_every_real_plan(path: Path) -> None:
    data = as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = [error.message for error in validator().iter_errors(data)]
    assert errors == []


MINIMAL = {"title": "Plan", "measures": [{"id": "1", "title": "Åtgärd", "effects": {"2025": 500}}]}


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (lambda p: p["measures"][0].update(efects={"2025": 1}), "efects"),
        (lambda p: p.update(budget=5), "budget"),
        (lambda p: p["measures"][0]["effects"].update({"2026": {"interval": 5}}), "interval"),
        (lambda p: p["measures"][0].update(status="bortglömd"), "bortglömd"),
        (lambda p: p["measures"][0]["effects"].update({"2026": "1.750.000"}), "1.750.000"),
        (lambda p: p["measures"][0]["effects"].update({"2026": "3.250"}), "3.250"),
        (lambda p: p["measures"][0]["effects"].update({"2026": "-9.600 tkr"}), "-9.600 tkr"),
        (lambda p: p["measures"][0]["effects"].update({"2026": "1.500-2.000"}), "1.500-2.000"),
        (lambda p: p["measures"][0]["effects"].update({"20266": 5}), "20266"),
        (lambda p: p.update(unit="sek"), "sek"),
        (lambda p: p.pop("title"), "title"),
        (lambda p: p["measures"][0].pop("id"), "id"),
    ],
)
def test_the_schema_rejects_what_check_rejects(change: Any, phrase: str) -> None:
    plan = json.loads(json.dumps(MINIMAL))
    change(plan)
    messages = " ".join(error.message for error in validator().iter_errors(plan))
    assert phrase in messages


def test_the_schema_takes_every_way_to_write_an_effect() -> None:
    plan = json.loads(json.dumps(MINIMAL))
    plan["measures"][0]["effects"] = {"2024": 535, "2025": "700-1600", "2026": "0,5–1 mkr", "2031": "0.125",
                                      "2032": "2.5 mkr", "2033": "12.75", "2034": "3.2500",
                                      "2027": {"low": -500, "high": 200}, "2028": {"interval": 4},
                                      "2029": "1 750 000 kr", "2030": "-0,2 mkr"}
    plan["target"] = {"2024": 5000, "2025": "7 357"}
    plan["stated_totals"] = {"total": {"amount": "13 149", "known_difference": -400}, "2024": 7169}
    assert [error.message for error in validator().iter_errors(plan)] == []


INVALID = ROOT / "tests" / "plans" / "invalid"
#: Invalid plans that no JSON Schema can reject: what they break is in the YAML text itself
#: (an editor's YAML parser refuses or resolves it before the schema is consulted), or a rule
#: across values that only `check` applies.
BEYOND_A_SCHEMA = {
    "alias.yaml": "YAML level: aliases", "anchor.yaml": "YAML level: anchors",
    "merge-key.yaml": "YAML level: merge keys", "duplicate-key.yaml": "YAML level: a key twice",
    "custom-tag.yaml": "YAML level: tags", "python-tag.yaml": "YAML level: tags",
    "invalid-yaml.yaml": "not YAML", "unclosed-bracket.yaml": "not YAML", "key-not-text.yaml": "not YAML here",
    "tab-indentation.yaml": "not YAML", "two-documents.yaml": "two documents",
    "control-character.yaml": "not YAML", "not-utf8.yaml": "not UTF-8", "nul-character.yaml": "not text",
    "bad-date.yaml": "YAML 1.1 (the test's loader) rejects the date itself",
    "yaml-1-1-sexagesimal.yaml": "YAML 1.1 (the test's loader) reads 1:30 as 90; a YAML 1.2 editor sees text",
    "duplicate-id.yaml": "across measures", "duplicate-measure.yaml": "across measures (title and effects)",
    "range-low-above-high.yaml": "across the ends of a range",
    "mapping-range-low-above-high.yaml": "across the ends of a range",
    "year-outside-period.yaml": "across keys (years)", "target-year-outside-period.yaml": "across keys (years)",
    "full-year-without-years.yaml": "across keys (no year named anywhere)",
    "missing-colon.yaml": "not YAML", "missing-comma.yaml": "not YAML", "unclosed-quote.yaml": "not YAML",
    "bad-indentation.yaml": "not YAML", "period-too-long.yaml": "across keys (the period's years)",
    "staff-year-outside-period.yaml": "across keys (years)",
}


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.name)
def test_the_schema_rejects_each_invalid_plan_that_a_schema_can(path: Path) -> None:
    if path.name in BEYOND_A_SCHEMA:
        pytest.skip(BEYOND_A_SCHEMA[path.name])
    data = as_editor_sees_it(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert list(validator().iter_errors(data)), f"the schema accepts {path.name}"


# --- the schema's words, for the editor's reader -----------------------------------------------------


def schema_text(*args: str) -> dict[str, Any]:
    result = runner().invoke(app, ["schema", *args], catch_exceptions=False)
    assert result.exit_code == 0
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_every_description_of_the_schema_has_its_swedish_wording() -> None:
    from budgetbalans.plan.models import Plan
    from budgetbalans.plan.schema import SWEDISH, descriptions

    english = descriptions(Plan.model_json_schema(mode="validation"))
    assert english, "the models describe their keys"
    assert sorted(set(english) - set(SWEDISH)) == []


def test_the_schema_speaks_swedish_by_default_and_english_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetbalans.plan.schema import SWEDISH, descriptions

    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    swedish, english = schema_text(), schema_text("--lang", "en")
    assert swedish["properties"]["measures"]["description"] == "Åtgärderna."
    assert english["properties"]["measures"]["description"] == "The åtgärder."
    assert set(descriptions(swedish)) <= set(SWEDISH.values())
    assert set(descriptions(english)) <= set(SWEDISH)
    # apart from the words, the same schema: what it accepts does not depend on the language
    assert json.dumps(swedish).count('"description"') == json.dumps(english).count('"description"')


def test_the_schema_has_no_generated_titles_that_only_repeat_the_key() -> None:
    document = schema_text()
    texts: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            texts.extend(value for key, value in node.items() if key == "title" and isinstance(value, str))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    assert texts == []
    assert "title" in document["properties"]  # the plan's own key title: is still there
