"""``budgetbalans import --organisation NAME``: the plan written for a node of the organisation tree in the folder
run from, from real .docx and .xlsx files built in the test. A name not in the tree is refused with "menade du",
a target that disagrees with the node's own part is refused showing both figures, and nothing is written
either way; without a tree the name is just written."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetbalans.read.loader import load_plan
from budgetbalans.read.office.importer import Imported, for_organisation
from tests.command import invoke
from tests.read.office.test_import_decisions import Rows, docx_file, xlsx_file

#: What stands above the table in the Word document: its title and its unit.
KS_ABOVE = ("Kommunstyrelsens åtgärdsplan 2018–2019", "Belopp i tkr")

#: Kommunstyrelsen's plan as its document has it: two measures, and its sparbeting per year.
#: 2018: 200 + 100 = 300 tkr, 2019: 400 + 300 = 700 tkr, which is the sparbeting row too.
KS_ROWS: Rows = [("Åtgärd", "2018", "2019"),
                 ("Vakanshållning på kommunledningskontoret", "200", "400"),
                 ("Färre konsultuppdrag", "100", "300"),
                 ("Sparbeting", "300", "700")]

TREE = """\
organisation: Sjöbacka kommun
unit: tkr
parts:
  - organisation: Kommunstyrelsen
    target: {{2018: 300, 2019: {ks_2019}}}
  - organisation: Socialnämnden
    target: {{2018: 1000, 2019: 5000}}
    parts:
      - organisation: Äldreomsorgen
        target: {{2018: 400, 2019: 2000}}
"""


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the commands run from, with plans/ (empty) and no tree yet."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    (tmp_path / "plans").mkdir()
    return tmp_path


def with_tree(folder: Path, ks_2019: int = 700) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE.format(ks_2019=ks_2019), encoding="utf-8")


def test_without_a_tree_the_name_is_just_written(folder: Path) -> None:
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, out, _ = invoke("import", str(document), "--organisation", "Kommunledningskontoret")
    assert code == 0
    lines = out.splitlines()
    # the organisation right after the title, as the plan format orders its keys
    assert lines[lines.index("title: Kommunstyrelsens åtgärdsplan 2018–2019") + 1] == \
        "organisation: Kommunledningskontoret"


def test_a_plan_for_a_node_of_the_tree_is_written_and_passes_check(folder: Path) -> None:
    with_tree(folder)
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, _, err = invoke("import", str(document), "--organisation", "Kommunstyrelsen", "-o", "plans/ks.yaml")
    assert code == 0, err
    plan = load_plan(folder / "plans" / "ks.yaml")
    assert plan.organisation == "Kommunstyrelsen"
    assert plan.target == {2018: 300_000, 2019: 700_000}  # the document's sparbeting row, in kronor
    assert invoke("check") == (0, "inga problem i budgetbalans.yaml och 1 plan\n", "")


def test_a_plan_without_a_target_takes_the_nodes_own_part(folder: Path) -> None:
    with_tree(folder)
    workbook = xlsx_file(folder / "aldre.xlsx", KS_ROWS[:3], numbers=True)  # no sparbeting row: no target
    code, out, err = invoke("import", str(workbook), "--organisation", "Äldreomsorgen", "-o", "plans/aldre.yaml")
    assert (code, out) == (0, ""), err
    plan = load_plan(folder / "plans" / "aldre.yaml")
    assert (plan.organisation, plan.target) == ("Äldreomsorgen", None)
    assert invoke("check")[0] == 0


@pytest.mark.parametrize("lang, said", [
    ("sv", "'Kommunstyrelsn' finns inte i organisationsträdet (budgetbalans.yaml) — menade du 'Kommunstyrelsen'?"),
    ("en", "'Kommunstyrelsn' is not in the organisation tree (budgetbalans.yaml) — did you mean 'Kommunstyrelsen'?"),
])
def test_a_near_miss_is_refused_with_menade_du_and_nothing_is_written(folder: Path, lang: str, said: str) -> None:
    with_tree(folder)
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, out, err = invoke("--lang", lang, "import", str(document), "--organisation", "Kommunstyrelsn",
                            "-o", "plans/ks.yaml")
    assert (code, out, err) == (1, "", f"--organisation: {said}\n")
    assert not (folder / "plans" / "ks.yaml").exists()


def test_a_name_far_from_every_node_is_shown_the_trees_names(folder: Path) -> None:
    with_tree(folder)
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, out, err = invoke("import", str(document), "--organisation", "Gatukontoret")
    assert (code, out) == (1, "")
    assert err == ("--organisation: 'Gatukontoret' finns inte i organisationsträdet (budgetbalans.yaml); skriv namnet "
                   "på en del av trädet precis som det står där, till exempel 'Kommunstyrelsen', 'Socialnämnden', "
                   "'Äldreomsorgen', eller lägg till delen i trädet\n")


@pytest.mark.parametrize("lang, said", [
    ("sv", "ks.docx: den importerade planen stämmer inte med organisationsträdet: planens sparbeting för 2019 är "
           "700 tkr, men budgetbalans.yaml ger 'Kommunstyrelsen' 800 tkr för 2019 som egen del (dess sparbeting "
           "utan delarnas); skriv target: {2018: 300, 2019: 800}, eller rätta trädet; ingenting skrevs"),
    ("en", "ks.docx: the imported plan does not agree with the organisation tree: the plan's target for 2019 is "
           "700 tkr, but budgetbalans.yaml gives 'Kommunstyrelsen' 800 tkr for 2019 as its own part (its target "
           "less what its parts get); write target: {2018: 300, 2019: 800}, or correct the tree; nothing was "
           "written"),
])
def test_a_target_that_disagrees_with_the_node_is_refused_and_nothing_is_written(folder: Path, lang: str,
                                                                                said: str) -> None:
    with_tree(folder, ks_2019=800)  # the tree gives 300 + 800; the document's sparbeting row says 300 + 700
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, out, err = invoke("--lang", lang, "import", "ks.docx", "--organisation", "Kommunstyrelsen",
                            "-o", "plans/ks.yaml")
    assert (code, out, err) == (1, "", said + "\n")  # as an invalid import: the refusal alone
    assert not (folder / "plans" / "ks.yaml").exists() and document.exists()


def test_the_disagreement_is_refused_on_standard_output_too(folder: Path) -> None:
    with_tree(folder, ks_2019=800)
    workbook = xlsx_file(folder / "ks.xlsx", KS_ROWS, numbers=True)
    code, out, err = invoke("import", str(workbook), "--organisation", "Kommunstyrelsen")
    assert (code, out) == (1, "")  # not a line of the plan on standard output
    assert "700 tkr, men budgetbalans.yaml ger 'Kommunstyrelsen' 800 tkr för 2019" in err


def test_a_tree_with_problems_is_said_at_its_line_and_nothing_is_imported(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(
        "organisation: Sjöbacka kommun\nparts:\n  - organisation: Kommunstyrelsen\n    targt: 300\n", encoding="utf-8")
    document = docx_file(folder / "ks.docx", KS_ROWS, KS_ABOVE)
    code, out, err = invoke("import", str(document), "--organisation", "Kommunstyrelsen", "-o", "plans/ks.yaml")
    assert (code, out) == (1, "")
    assert err.startswith("budgetbalans.yaml:4:5: ")
    assert "target" in err  # the near miss named
    assert not (folder / "plans" / "ks.yaml").exists()


def test_the_organisation_follows_the_title_and_replaces_none_other() -> None:
    imported = Imported({"title": "Plan", "unit": "tkr", "measures": []}, None)
    assert list(for_organisation(imported, "Socialnämnden").plan.items()) == [
        ("title", "Plan"), ("organisation", "Socialnämnden"), ("unit", "tkr"), ("measures", [])]
    again = for_organisation(for_organisation(imported, "Socialnämnden"), "Kommunstyrelsen")
    assert list(again.plan) == ["title", "organisation", "unit", "measures"]
    assert again.plan["organisation"] == "Kommunstyrelsen"
    assert imported.plan == {"title": "Plan", "unit": "tkr", "measures": []}  # the import's own data untouched
