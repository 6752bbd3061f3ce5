"""``budgetbalans check`` with an organisation tree (``budgetbalans.yaml``) in the folder it runs from, and
``budgetbalans schema --organisation``: the tree's problems and the plans' against it, in every format of
check, exit 1; without the file nothing changes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.command import invoke
from tests.organisation_trees import SALEM_YAML as TREE


MEASURES = "measures:\n  - id: 1\n    title: Färre externa placeringar\n    effects: {2025: 1 200}\n"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the commands run from, with plans/: Socialnämnden's plan alone, Förskolan's with its target."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "plans").mkdir()
    write(tmp_path, "sn", "organisation: Socialnämnden\n")
    write(tmp_path, "fsk", "organisation: Förskolan\ntarget: {2025: 3 000}\n")
    return tmp_path


def write(folder: Path, name: str, head: str) -> None:
    (folder / "plans" / f"{name}.yaml").write_text(f"title: {name}\n{head}{MEASURES}", encoding="utf-8")


def test_without_the_file_nothing_changes(folder: Path) -> None:
    write(folder, "sn", "organisation: Socialnamnden\n")  # names no node, but there is no tree
    assert invoke("check") == (0, "inga problem i 2 planer\n", "")


def test_plans_that_fit_the_tree(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    assert invoke("check") == (0, "inga problem i budgetbalans.yaml och 2 planer\n", "")
    assert invoke("check", "--lang", "en") == (0, "no problems in budgetbalans.yaml and 2 plans\n", "")


def test_a_plan_against_the_tree_fails_check_in_every_format(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    write(folder, "sn", "organisation: Socialnamnden\n")
    code, out, _ = invoke("check")
    assert code == 1
    assert out == ("plans/sn.yaml:2:15: 'Socialnamnden' finns inte i organisationsträdet (budgetbalans.yaml) — "
                   "menade du 'Socialnämnden'?\n1 problem i 1 av 2 planer\n")
    code, out, _ = invoke("check", "--format", "github", "--lang", "en")
    assert code == 1
    assert out.splitlines()[0] == (
        "::error file=plans/sn.yaml,line=2,col=15,title=budgetbalans check (organisation.plan.no_node_guess)::"
        "'Socialnamnden' is not in the organisation tree (budgetbalans.yaml) — did you mean 'Socialnämnden'?")
    code, out, _ = invoke("check", "--format", "json")
    document = json.loads(out)
    assert code == 1 and document["ok"] is False and document["files_with_problems"] == 1
    assert [(p["path"], p["line"], p["column"], p["code"]) for p in document["problems"]] == [
        ("plans/sn.yaml", 2, 15, "organisation.plan.no_node_guess")]


def test_a_target_that_disagrees_fails_check(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    write(folder, "fsk", "organisation: Förskolan\ntarget: {2025: 2 500}\n")
    code, out, _ = invoke("check")
    assert code == 1
    assert out.splitlines()[0] == (
        "plans/fsk.yaml:3:9: planens sparbeting för 2025 är 2 500 tkr, men budgetbalans.yaml ger 'Förskolan' "
        "3 000 tkr för 2025 som egen del (dess sparbeting utan delarnas); skriv target: {2025: 3000}, eller "
        "rätta trädet")


def test_the_trees_own_problems_fail_check_and_skip_the_plans(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE.replace('"7,1"', '"9,1"'), encoding="utf-8")
    write(folder, "sn", "organisation: Socialnamnden\n")  # not checked: the tree cannot be used
    code, out, _ = invoke("check")
    assert code == 1
    # 9,1 + 4,6 = 13,7 mkr given to the parts of 13,6 mkr in 2025
    assert out == ("budgetbalans.yaml:3:10: delarna under 'Salems kommun' får tillsammans 13,7 mkr för 2025, mer "
                   "än sparbetinget här, 13,6 mkr; sänk delarnas target: eller höj target: här\n"
                   "1 problem i budgetbalans.yaml och 0 av 2 planer\n")
    code, out, _ = invoke("check", "--format", "json", "--lang", "en")
    document = json.loads(out)
    assert code == 1 and document["summary"] == "1 problem in budgetbalans.yaml and 0 of 2 plans"
    assert [(p["path"], p["line"], p["column"]) for p in document["problems"]] == [("budgetbalans.yaml", 3, 10)]


def test_an_unreadable_tree_is_told_as_an_unreadable_plan(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text("organisation: K\ndelar: [\n", encoding="utf-8")
    code, out, _ = invoke("check")
    assert code == 1
    assert out.splitlines()[0].startswith("budgetbalans.yaml:2:")
    (folder / "budgetbalans.yaml").write_text("organisation: K\ndelar: []\n", encoding="utf-8")
    assert invoke("check")[1].splitlines()[0] == "budgetbalans.yaml:2:1: okänd nyckel 'delar' — menade du 'parts'?"


# --- budgetbalans schema --organisation ------------------------------------------------------------------

def tree_validator(lang: str = "sv") -> tuple[jsonschema.Draft202012Validator, dict[str, object]]:
    code, out, _ = invoke("schema", "--organisation", "--lang", lang)
    assert code == 0
    document = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(document)
    return jsonschema.Draft202012Validator(document), document


def test_the_trees_schema_accepts_the_tree_and_refuses_an_unknown_key() -> None:
    validator, document = tree_validator()
    assert document["$id"] == "https://budgetbalans.invalid/schema/organisation.json"
    data = yaml.safe_load(TREE)
    data["target"] = {str(year): amount for year, amount in data["target"].items()}  # as an editor sees it
    for part in data["parts"]:
        part["target"] = {str(year): amount for year, amount in part["target"].items()}
        for inner in part.get("parts", []):
            inner["target"] = {str(year): amount for year, amount in inner["target"].items()}
    assert [error.message for error in validator.iter_errors(data)] == []
    data["parts"][0]["delar"] = []
    assert any("delar" in error.message for error in validator.iter_errors(data))


def test_the_trees_schema_describes_its_keys_in_swedish_and_english() -> None:
    _, swedish = tree_validator("sv")
    _, english = tree_validator("en")
    assert swedish["properties"]["parts"]["description"] == "Delarna som sparbetinget fördelas på."  # type: ignore[index]
    assert english["properties"]["parts"]["description"] == "The parts its sparbeting is divided among."  # type: ignore[index]


def test_the_plan_schema_is_unchanged_without_the_flag() -> None:
    code, out, _ = invoke("schema")
    assert code == 0 and json.loads(out)["$id"] == "https://budgetbalans.invalid/schema/plan.json"


def test_every_description_of_the_trees_schema_has_its_swedish_wording() -> None:
    from budgetbalans.i18n import Lang
    from budgetbalans.plan.schema import SWEDISH, descriptions, organisation_schema

    assert [text for text in descriptions(organisation_schema(Lang.EN)) if text not in SWEDISH] == []
