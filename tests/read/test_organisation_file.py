"""``budgetbalans.yaml`` read and checked as a plan file is (read/organisation): every problem at its
position with its fix, in Swedish and English, and the plans checked against the tree."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.errors import PlanError, Problem
from budgetbalans.i18n import Lang
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Unit
from budgetbalans.plan.organisation import Organisation, allocation
from budgetbalans.read.loader import load_text
from budgetbalans.read.organisation import organisation_problems, read_organisation

#: The contract's example, block style: Salems kommun 13,6 mkr in 2025, BUN 7,1 (Förskolan 3 of it), SN 4,6.
SALEM_BLOCK = """\
organisation: Salems kommun
target:
  2025: 13,6 mkr
parts:
  - organisation: Barn- och utbildningsnämnden
    target:
      2025: 7,1 mkr
    parts:
      - organisation: Förskolan
        target:
          2025: 3 mkr
  - organisation: Socialnämnden
    target:
      2025: 4,6 mkr
"""
#: The same tree in flow style, in mkr (a decimal comma inside {…} in quotes, as in a plan).
SALEM_FLOW = """\
{organisation: Salems kommun, unit: mkr, target: {2025: "13,6"}, parts: [
  {organisation: Barn- och utbildningsnämnden, target: {2025: "7,1"},
   parts: [{organisation: Förskolan, target: {2025: 3}}]},
  {organisation: Socialnämnden, target: {2025: "4,6"}}]}
"""


def tree_in(folder: Path, text: str) -> Organisation | None:
    (folder / "budgetbalans.yaml").write_text(text, encoding="utf-8")
    return read_organisation(folder)


def problems_in(folder: Path, text: str) -> list[Problem]:
    with pytest.raises(PlanError) as raised:
        tree_in(folder, text)
    return raised.value.problems


def one(problems: list[Problem]) -> tuple[int, int, str, str]:
    assert len(problems) == 1, [str(problem) for problem in problems]
    problem = problems[0]
    return problem.line, problem.column, problem.message.text(Lang.SV), problem.message.text(Lang.EN)


@pytest.mark.parametrize("text", [SALEM_BLOCK, SALEM_FLOW], ids=["block", "flow"])
def test_the_contracts_example_reads_block_and_flow_style(tmp_path: Path, text: str) -> None:
    tree = tree_in(tmp_path, text)
    assert tree is not None
    own = {node.organisation: allocation(node).own for _, node in tree.walk()}
    assert own == {"Salems kommun": {2025: Decimal("1_900_000")},  # 13,6 − (7,1 + 4,6) mkr: ej fördelat
                   "Barn- och utbildningsnämnden": {2025: Decimal("4_100_000")},  # 7,1 − 3 mkr
                   "Förskolan": {2025: Decimal("3_000_000")}, "Socialnämnden": {2025: Decimal("4_600_000")}}


def test_a_folder_without_the_file_has_no_tree(tmp_path: Path) -> None:
    assert read_organisation(tmp_path) is None


def test_the_file_is_named_from_the_folder(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, "organisation: K\ndelar: []\n")
    assert problems[0].path == str(tmp_path / "budgetbalans.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    # a Swedish word for a key, answered with the right one
    ("organisation: K\ndelar:\n  - organisation: A\n", (2, 1, "okänd nyckel 'delar' — menade du 'parts'?",
                                                         "unknown key 'delar' — did you mean 'parts'?")),
    ("organisation: K\nparts:\n  - organisation: A\n    sparbeting: 5\n",
     (4, 5, "okänd nyckel 'sparbeting' — menade du 'target'?", "unknown key 'sparbeting' — did you mean 'target'?")),
    ("organisation: K\nenhet: mkr\n", (2, 1, "okänd nyckel 'enhet' — menade du 'unit'?",
                                       "unknown key 'enhet' — did you mean 'unit'?")),
    ("organisation: K\nparts:\n  - organisation: A\n    nämnd: B\n",
     (4, 5, "okänd nyckel 'nämnd' — menade du 'organisation'?", "unknown key 'nämnd' — did you mean 'organisation'?")),
    # a misspelling, in flow style
    ("{organisation: K, parst: []}\n", (1, 19, "okänd nyckel 'parst' — menade du 'parts'?",
                                        "unknown key 'parst' — did you mean 'parts'?")),
    # the whole tree's key written in a part
    ("organisation: K\nparts:\n  - organisation: A\n    unit: mkr\n",
     (4, 5, "okänd nyckel 'unit' här — 'unit' gäller hela trädet: skriv den längst till vänster, utan indrag, "
            "ovanför parts:",
      "unknown key 'unit' here — 'unit' is for the whole tree: write it at the left margin, without indentation, "
      "above parts:")),
])
def test_an_unknown_key_gets_the_right_one(tmp_path: Path, text: str, expected: tuple[int, int, str, str]) -> None:
    assert one(problems_in(tmp_path, text)) == expected


def test_a_swedish_name_key_is_answered_beside_the_missing_name(tmp_path: Path) -> None:
    problems = problems_in(tmp_path, "nämnd: K\n")  # as in a plan: the unknown key, and the name it leaves out
    assert [(p.line, p.column, p.message.text(Lang.SV)) for p in problems] == [
        (1, 1, "nyckeln 'organisation' saknas; varje del av trädet behöver sitt namn, som planerna skriver det, "
               "till exempel organisation: Socialnämnden"),
        (1, 1, "okänd nyckel 'nämnd' — menade du 'organisation'?")]


def test_a_part_without_a_name(tmp_path: Path) -> None:
    line, column, sv, en = one(problems_in(tmp_path, "organisation: K\nparts:\n  - target: 5\n"))
    assert (line, column) == (3, 5)  # the part's mapping
    assert sv.startswith("nyckeln 'organisation' saknas; varje del av trädet behöver sitt namn")
    assert en.startswith("missing key 'organisation'; each part of the tree needs its name")


@pytest.mark.parametrize(("text", "position", "sv", "en"), [
    ("organisation: K\nparts:\n  - Socialnämnden\n", (3, 5), "en del av trädet ska ha nycklar",
     "a part of the tree should be a mapping of keys"),
    ("organisation: K\nparts: Socialnämnden\n", (2, 8), "'parts' ska vara en lista med delar",
     "'parts' should be a list of parts"),
])
def test_parts_written_wrongly(tmp_path: Path, text: str, position: tuple[int, int], sv: str, en: str) -> None:
    line, column, swedish, english = one(problems_in(tmp_path, text))
    assert (line, column) == position and swedish.startswith(sv) and english.startswith(en)


def test_a_decimal_comma_inside_braces_as_in_a_plan(tmp_path: Path) -> None:
    line, column, sv, en = one(problems_in(tmp_path, "organisation: K\ntarget: {2025: 13,6 mkr}\n"))
    assert (line, column) == (2, 18)  # the comma
    assert 'skriv {2025: "13,6 mkr"}' in sv and 'write {2025: "13,6 mkr"}' in en


def test_an_amount_that_cannot_be_read_is_told_at_its_place(tmp_path: Path) -> None:
    line, column, sv, _ = one(problems_in(tmp_path, "organisation: K\nparts:\n  - organisation: A\n"
                                                    "    target: {2025: tolv}\n"))
    assert (line, column) == (4, 20)  # 'tolv'
    assert "'tolv'" in sv


@pytest.mark.parametrize(("text", "sv", "en"), [
    ("", "filen är tom; organisationsträdet börjar med organisation:",
     "the file is empty; the organisation tree starts with organisation:"),
    ("# bara en kommentar\n", "filen är tom; organisationsträdet börjar med organisation:",
     "the file is empty; the organisation tree starts with organisation:"),
    ("- organisation: K\n", "organisationsträdet består av nycklar", "the organisation tree is a mapping of keys"),
])
def test_an_empty_file_or_a_list(tmp_path: Path, text: str, sv: str, en: str) -> None:
    line, column, swedish, english = one(problems_in(tmp_path, text))
    assert (line, column) == (1, 1) and swedish.startswith(sv) and english.startswith(en)


def test_a_key_twice_and_a_yaml_error_as_in_a_plan(tmp_path: Path) -> None:
    assert one(problems_in(tmp_path, "organisation: K\norganisation: L\n"))[:3] == (
        2, 1, "nyckeln 'organisation' står två gånger på samma nivå (första gången på rad 1); behåll en av dem")
    line, column, sv, en = one(problems_in(tmp_path, "organisation: K\nparts: [{organisation: A}\n"))
    assert (line, column, sv) == (2, 26, "'[' på rad 2 stängs aldrig; avsluta med ']'")
    assert en == "the '[' on line 2 is never closed; end it with ']'"


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "budgetbalans.yaml").write_bytes("organisation: Nämnd\n".encode("latin-1"))
    with pytest.raises(PlanError) as raised:
        read_organisation(tmp_path)
    assert [(p.line, p.column, p.code) for p in raised.value.problems] == [(1, 16, "file.not_utf8")]


def test_a_name_twice_names_both_positions(tmp_path: Path) -> None:
    text = ("organisation: K\nparts:\n  - organisation: Socialnämnden\n  - organisation: BUN\n"
            "    parts:\n      - organisation: socialnämnden \n")
    line, column, sv, en = one(problems_in(tmp_path, text))
    assert (line, column) == (6, 23)  # the second name; the first is on line 3
    assert sv.startswith("namnet 'socialnämnden' finns redan i trädet, som 'Socialnämnden' på rad 3;")
    assert sv.endswith("byt namn på den ena")
    assert en.startswith("the name 'socialnämnden' is already in the tree, as 'Socialnämnden' on line 3;")


def test_parts_given_more_than_their_node_per_year(tmp_path: Path) -> None:
    text = ("organisation: Salems kommun\ntarget:\n  2025: 13,6 mkr\n  2026: 10 mkr\nparts:\n"
            "  - organisation: BUN\n    target: {2025: 9100, 2026: 5000}\n"
            "  - organisation: SN\n    target: {2025: 4600, 2026: 5000}\n")
    # 2025: 9 100 + 4 600 = 13 700 tkr > 13 600 tkr; 2026: 5 000 + 5 000 = 10 000, not more than 10 000
    line, column, sv, en = one(problems_in(tmp_path, text))
    assert (line, column) == (3, 3)  # the year 2025 in the node's target
    assert sv == ("delarna under 'Salems kommun' får tillsammans 13 700 tkr för 2025, mer än sparbetinget här, "
                  "13 600 tkr; sänk delarnas target: eller höj target: här")
    assert en == ("the parts under 'Salems kommun' are given 13 700 tkr for 2025 together, more than the target "
                  "here, 13 600 tkr; lower the parts' target: or raise the target: here")


def test_parts_given_more_than_their_node_for_the_period(tmp_path: Path) -> None:
    text = ("organisation: K\nunit: mkr\nparts:\n  - organisation: BUN\n    target: 5\n    parts:\n"
            "      - organisation: Förskolan\n        target: {2025: 3, 2026: \"2,5\"}\n")
    # the parts per year, the node for the period: 3 + 2,5 = 5,5 mkr > 5 mkr for the period
    line, column, sv, en = one(problems_in(tmp_path, text))
    assert (line, column) == (5, 13)  # BUN's target
    assert sv.startswith("delarna under 'BUN' får tillsammans 5,5 mkr för perioden, mer än sparbetinget här, 5,0 mkr")
    assert en.startswith("the parts under 'BUN' are given 5,5 mkr for the period together")


# --- the plans against the tree --------------------------------------------------------------------------

def plan(name: str, text: str) -> Plan:
    return load_text("title: " + name + "\n" + text + "measures:\n  - id: 1\n    title: a\n    effects: {2025: 1}\n",
                     name + ".yaml")


@pytest.fixture()
def salem(tmp_path: Path) -> Organisation:
    tree = tree_in(tmp_path, SALEM_BLOCK)
    assert tree is not None
    return tree


def found(tree: Organisation, *plans: Plan) -> list[tuple[str, int, int, str, str]]:
    return [(p.path, p.line, p.column, p.message.text(Lang.SV), p.message.text(Lang.EN))
            for p in organisation_problems(tree, plans, "budgetbalans.yaml")]


def test_plans_that_fit_the_tree_have_no_problem(salem: Organisation) -> None:
    assert found(salem,
                 plan("sn", "organisation: Socialnämnden\n"),  # alone, without a target: takes 4,6 mkr
                 plan("fsk", "organisation: Förskolan\ntarget: {2025: 3 000}\n"),  # 3 mkr, as the tree
                 plan("bun1", "organisation: Barn- och utbildningsnämnden\ntarget: {2025: 2 100}\n"),
                 plan("bun2", "organisation: Barn- och utbildningsnämnden\ntarget: 2 000\n"),  # 2 100 + 2 000 = 4 100
                 plan("k", "organisation: Salems kommun\nunit: mkr\ntarget: {2025: \"1,9\"}\n")) == []


def test_a_near_miss_gets_did_you_mean(salem: Organisation) -> None:
    assert found(salem, plan("sn", "organisation: Socialnamnden\n")) == [
        ("sn.yaml", 2, 15, "'Socialnamnden' finns inte i organisationsträdet (budgetbalans.yaml) — menade du "
                           "'Socialnämnden'?",
         "'Socialnamnden' is not in the organisation tree (budgetbalans.yaml) — did you mean 'Socialnämnden'?")]
    assert found(salem, plan("sn", "organisation: socialnämnden\n"))[0][3].endswith("menade du 'Socialnämnden'?")


def test_a_plan_naming_no_node(salem: Organisation) -> None:
    [(path, line, column, sv, en)] = found(salem, plan("x", "organisation: Kultur- och fritidsnämnden\n"))
    assert (path, line, column) == ("x.yaml", 2, 15)
    assert sv == ("'Kultur- och fritidsnämnden' finns inte i organisationsträdet (budgetbalans.yaml); skriv namnet "
                  "på en del av trädet precis som det står där, till exempel 'Barn- och utbildningsnämnden', "
                  "'Förskolan', 'Socialnämnden', eller lägg till delen i trädet")
    assert en.startswith("'Kultur- och fritidsnämnden' is not in the organisation tree (budgetbalans.yaml); write")


def test_a_plan_without_organisation(salem: Organisation) -> None:
    [(_, line, column, sv, en)] = found(salem, plan("x", ""))
    assert (line, column) == (1, 1)
    assert sv == ("planen anger ingen organisation, men här finns ett organisationsträd (budgetbalans.yaml); skriv "
                  "vilken del av trädet planen hör till, till exempel organisation: 'Barn- och utbildningsnämnden'")
    assert en.startswith("the plan names no organisation, but there is an organisation tree here")


def test_a_target_that_disagrees_shows_both_figures(salem: Organisation) -> None:
    [(_, line, column, sv, en)] = found(salem, plan("fsk", "organisation: Förskolan\ntarget:\n  2025: 2 500\n"))
    assert (line, column) == (4, 3)  # the plan's target (its mapping)
    assert sv == ("planens sparbeting för 2025 är 2 500 tkr, men budgetbalans.yaml ger 'Förskolan' 3 000 tkr för "
                  "2025 som egen del (dess sparbeting utan delarnas); skriv target: {2025: 3000}, eller rätta trädet")
    assert en == ("the plan's target for 2025 is 2 500 tkr, but budgetbalans.yaml gives 'Förskolan' 3 000 tkr for "
                  "2025 as its own part (its target less what its parts get); write target: {2025: 3000}, or correct the tree")


def test_a_target_for_the_period_against_a_yearly_own_part(salem: Organisation) -> None:
    [(_, line, column, sv, _)] = found(salem, plan("bun", "organisation: Barn- och utbildningsnämnden\nunit: mkr\n"
                                                          "target: 7,1\n"))
    assert (line, column) == (4, 9)
    # BUN's own part is 7,1 − 3 = 4,1 mkr: the plan wrote the whole nämnd's target
    assert sv.startswith("planens sparbeting för perioden är 7,1 mkr, men budgetbalans.yaml ger "
                         "'Barn- och utbildningsnämnden' 4,1 mkr för perioden som egen del")
    assert 'skriv target: {2025: "4,1"}' in sv


def test_several_plans_at_a_node_each_state_a_target(salem: Organisation) -> None:
    problems = found(salem, plan("bun1", "organisation: Barn- och utbildningsnämnden\ntarget: {2025: 2 000}\n"),
                     plan("bun2", "organisation: Barn- och utbildningsnämnden\n"))
    assert problems == [("bun2.yaml", 2, 15,
                         "2 planer hör till 'Barn- och utbildningsnämnden'; då anger var och en sitt target:, och "
                         "tillsammans ska de bli den del som budgetbalans.yaml ger 'Barn- och utbildningsnämnden' "
                         "själv (2025: 4 100 tkr): lägg till target: i den här planen",
                         "2 plans belong to 'Barn- och utbildningsnämnden'; each of them then states its target:, "
                         "and together they must make the part budgetbalans.yaml gives 'Barn- och "
                         "utbildningsnämnden' itself (2025: 4 100 tkr): add target: to this plan")]


def test_several_plans_targets_must_add_up_to_the_own_part(salem: Organisation) -> None:
    problems = found(salem, plan("bun2", "organisation: Barn- och utbildningsnämnden\ntarget: {2025: 2 000}\n"),
                     plan("bun1", "organisation: Barn- och utbildningsnämnden\ntarget: {2025: 2 000}\n"))
    # 2 000 + 2 000 = 4 000 tkr, but BUN's own part is 7 100 − 3 000 = 4 100 tkr; told at the first file's target
    assert problems == [("bun1.yaml", 3, 9,
                         "de 2 planerna som hör till 'Barn- och utbildningsnämnden' har tillsammans sparbeting "
                         "4 000 tkr för 2025, men budgetbalans.yaml ger 'Barn- och utbildningsnämnden' 4 100 tkr för "
                         "2025 som egen del (dess sparbeting utan delarnas); ändra planernas target: så att de "
                         "tillsammans blir 4 100 tkr, eller rätta trädet",
                         "the 2 plans that belong to 'Barn- och utbildningsnämnden' have targets of 4 000 tkr "
                         "together for 2025, but budgetbalans.yaml gives 'Barn- och utbildningsnämnden' 4 100 tkr for "
                         "2025 as its own part (its target less what its parts get); change the plans' target: so that "
                         "together they make 4 100 tkr, or correct the tree")]


def test_a_node_without_a_target_asks_nothing_of_its_plans(tmp_path: Path) -> None:
    tree = tree_in(tmp_path, "organisation: K\nparts:\n  - organisation: A\n")
    assert tree is not None
    assert found(tree, plan("a1", "organisation: A\ntarget: 5\n"), plan("a2", "organisation: A\n")) == []


def test_the_trees_unit_reads_plain_numbers(tmp_path: Path) -> None:
    tree = tree_in(tmp_path, "organisation: K\nunit: mkr\ntarget: 2\n")
    assert tree is not None and tree.unit is Unit.MKR and tree.target == Decimal("2_000_000")
