"""`budgetbalans diff`: what a change to the plans does, in real git repositories made here.

Each change a reviewer meets (an effect re-estimated, a measure added, removed or cancelled, a target
changed, a file renamed, a plan added or removed whole) is committed on ``main``, changed in the
working tree and compared with ``diff --base main``: the exact change per year in kronor and the
verdicts, in JSON and in Markdown. Then two files and two folders without git, the GitHub format,
``--fail-on-worse``, ``--step-summary``, the errors (no repository, an unknown revision), and the
workflow of docs/ci/github-actions.yml run as a script against a repository with a pull request.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from budgetbalans.cli.app import app
from tests.clients import SHEETS_AS_CSV, SOFFICE, read_csv, soffice, swedish_number, zero_cached_results
from tests.command import runner
from tests.paths import ROOT
from tests.gitrepo import commit_on_main, git

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")

PLAN = """\
title: Åtgärdsplan 2025–2026
organisation: Omsorgsnämnden
unit: tkr
years: [2025, 2026]
target: {2025: 1 000, 2026: 1 500}
measures:
  - id: "1"
    title: Gemensamma skift
    status: pågår
    responsible: Verksamhetschef
    effects: {2025: 600, 2026: 900}
  - id: "2"
    title: Minskad sjukfrånvaro
    effects: {2025: 500, 2026: 700}
  - id: "3"
    title: Färre externa placeringar
    effects: {2025: 200}
"""
# before: 2025 1 300 (surplus 300), 2026 1 600 (surplus 100)

SCHOOL = """\
title: Åtgärdsplan skola 2025–2026
organisation: Barn- och utbildningsnämnden
unit: tkr
years: [2025, 2026]
target: {2025: 400, 2026: 400}
measures:
  - id: S1
    title: Samordnad skolskjuts
    effects: {2025: 300, 2026: 300}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with plans/omsorg.yaml committed on main; the test runs in it."""
    root = commit_on_main(tmp_path / "kommun", "Plan 2025–2026", {"plans/omsorg.yaml": PLAN})
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    return root


def edit(repo: Path, old: str, new: str, name: str = "plans/omsorg.yaml") -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def invoke(*args: str, code: int = 0) -> str:
    result = runner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.stdout


def as_json(*args: str, code: int = 0) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(invoke("diff", *args, "--format", "json", code=code))
    return document


def kr(low: int, high: int | None = None) -> dict[str, int]:
    return {"low": low, "high": low if high is None else high}


def markdown(*args: str) -> str:
    return invoke("diff", *args, "--format", "markdown")


def table_row(text: str, name: str) -> list[str]:
    """The cells of the Markdown table row named ``name`` (bold or not)."""
    for line in text.splitlines():
        cells = [cell.strip().strip("*") for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] == name:
            return cells[1:]
    raise AssertionError(f"no row {name!r} in\n{text}")


# --- the changes a reviewer meets --------------------------------------------------------------


@pytest.mark.clients
def test_an_effect_re_estimated_makes_a_year_fall_short(repo: Path) -> None:
    edit(repo, "effects: {2025: 500, 2026: 700}", "effects: {2025: 500, 2026: 400}")
    document = as_json("--base", "main")
    change = document["change"]
    assert change["totals"] == {"2025": kr(0), "2026": kr(-300_000)}
    assert change["total"] == kr(-300_000)
    assert change["gap_years"] == {"2025": kr(0), "2026": kr(300_000)}
    assert change["shortfall_years"] == {"2025": kr(0), "2026": kr(200_000)}
    assert change["shortfall"] == kr(200_000)
    assert change["newly_short"] == [2026] and change["shortfall_grows"] == [2026] and change["worse"] is True
    assert document["before"]["gap_kinds"] == {"2025": "surplus", "2026": "surplus"}
    assert document["after"]["gap_kinds"] == {"2025": "surplus", "2026": "short"}
    assert document["measures"] == [{
        "plan": "plans/omsorg.yaml", "id": "2", "title": "Minskad sjukfrånvaro", "change": "changed",
        "fields": ["effects"], "values": {}, "effects": {"2026": {"before": kr(700_000), "after": kr(400_000)}},
        "total": kr(-300_000)}]
    assert document["unchanged"] == 2
    text = markdown("--base", "main")
    assert table_row(text, "Ändring av summan") == ["0", "-300", "-300"]
    assert table_row(text, "Kvar/överskott före") == ["överskott 300", "överskott 100", "överskott 400"]
    assert table_row(text, "Kvar/överskott efter") == ["överskott 300", "kvar att spara 200", "kvar att spara 200 (2026)"]
    assert table_row(text, "Ändring av kvar att spara") == ["0", "+200", "+200"]
    assert table_row(text, "Besked")[1] == "från överskott till kvar att spara"
    assert "2026 går från överskott till kvar att spara: 200 tkr fattas" in text
    assert table_row(text, "2") == ["Minskad sjukfrånvaro", "ändrad", "effekter", "", "700 → 400", "-300"]
    assert "2 åtgärder oförändrade." in text


@pytest.mark.clients
def test_a_measure_added(repo: Path) -> None:
    edit(repo, "    effects: {2025: 200}\n", "    effects: {2025: 200}\n  - id: \"4\"\n    title: Digitala "
                                               "larm\n    effects: {2025: 100, 2026: 250}\n")
    document = as_json("--base", "main")
    change = document["change"]
    assert change["totals"] == {"2025": kr(100_000), "2026": kr(250_000)}
    assert change["gap_years"] == {"2025": kr(-100_000), "2026": kr(-250_000)}
    assert change["shortfall"] == kr(0) and change["worse"] is False and change["newly_short"] == []
    assert document["measures"] == [{
        "plan": "plans/omsorg.yaml", "id": "4", "title": "Digitala larm", "change": "added", "fields": [],
        "values": {}, "effects": {"2025": {"before": None, "after": kr(100_000)},
                                  "2026": {"before": None, "after": kr(250_000)}}, "total": kr(350_000)}]
    text = markdown("--base", "main")
    assert table_row(text, "Ändring av summan") == ["+100", "+250", "+350"]
    assert table_row(text, "Besked")[:2] == ["större överskott", "större överskott"]
    assert table_row(text, "4") == ["Digitala larm", "tillagd", "", "– → 100", "– → 250", "+350"]


@pytest.mark.clients
def test_a_measure_removed(repo: Path) -> None:
    edit(repo, "  - id: \"3\"\n    title: Färre externa placeringar\n    effects: {2025: 200}\n", "")
    document = as_json("--base", "main")
    assert document["change"]["totals"] == {"2025": kr(-200_000), "2026": kr(0)}
    assert document["change"]["gap_years"]["2025"] == kr(200_000)
    assert document["change"]["worse"] is False  # a smaller surplus: nothing more to save
    assert document["after"]["gap_kinds"] == {"2025": "surplus", "2026": "surplus"}
    assert [(m["id"], m["change"], m["effects"]) for m in document["measures"]] == [
        ("3", "removed", {"2025": {"before": kr(200_000), "after": None}})]
    text = markdown("--base", "main")
    assert table_row(text, "Besked")[0] == "mindre överskott"
    assert table_row(text, "3") == ["Färre externa placeringar", "borttagen", "", "200 → –", "", "-200"]


def csv_table(*args: str) -> tuple[list[str], dict[str, list[str]]]:
    """The diff's CSV as Swedish Excel reads it: its header, and its rows by title (column 3)."""
    result = runner().invoke(app, ["diff", *args, "--format", "csv"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [header, *rows] = read_csv(result.stdout_bytes)
    return header, {row[2]: row for row in rows}


def figures(row: list[str]) -> list[int | None]:
    """The amounts of a row (columns 6 on) as numbers, None where empty."""
    return [None if cell == "" else int(swedish_number(cell)) for cell in row[5:]]


@pytest.mark.clients
def test_csv_has_before_after_and_change_as_numbers_and_the_verdict_in_words(repo: Path) -> None:
    """Issue 20: the diff's CSV had the change alone, and a verdict row of figures under "Besked". Now a
    row per measure (the unchanged too) with before, after and change per year and for the period as
    numbers, what happened in words, and the totals the same way; no cell holds a word and a figure."""
    edit(repo, "effects: {2025: 500, 2026: 700}", "effects: {2025: 500, 2026: 400}")
    edit(repo, "  - id: \"3\"\n    title: Färre externa placeringar\n    effects: {2025: 200}\n",
         "  - id: \"4\"\n    title: Digitala larm\n    effects: {2025: 100, 2026: 250}\n")
    header, rows = csv_table("--base", "main")
    assert header == ["Plan", "Nr", "Åtgärd", "Ändring", "Vad",
                      "2025 före (tkr)", "2025 efter (tkr)", "2025 ändring (tkr)",
                      "2026 före (tkr)", "2026 efter (tkr)", "2026 ändring (tkr)",
                      "Hela perioden före (tkr)", "Hela perioden efter (tkr)", "Hela perioden ändring (tkr)"]
    assert rows["Minskad sjukfrånvaro"][:5] == ["omsorg.yaml", "2", "Minskad sjukfrånvaro", "ändrad", "effekter"]
    assert figures(rows["Minskad sjukfrånvaro"]) == [500, 500, 0, 700, 400, -300, 1200, 900, -300]
    assert rows["Färre externa placeringar"][3] == "borttagen"
    assert figures(rows["Färre externa placeringar"]) == [200, None, -200, None, None, None, 200, None, -200]
    assert rows["Digitala larm"][3] == "tillagd"
    assert figures(rows["Digitala larm"]) == [None, 100, 100, None, 250, 250, None, 350, 350]
    assert rows["Gemensamma skift"][3] == "oförändrad"
    assert figures(rows["Gemensamma skift"]) == [600, 600, 0, 900, 900, 0, 1500, 1500, 0]
    assert figures(rows["Summa"]) == [1300, 1200, -100, 1600, 1550, -50, 2900, 2750, -150]
    measures = [figures(row) for row in rows.values() if row[1]]
    assert [sum(m[i] or 0 for m in measures) for i in range(9)] == figures(rows["Summa"])  # they add up
    assert figures(rows["Sparbeting"]) == [1000, 1000, 0, 1500, 1500, 0, 2500, 2500, 0]
    assert figures(rows["Kvar att spara (negativt = överskott)"]) == [-300, -200, 100, -100, -50, 50, -400, -250, 150]
    assert rows["Besked 2026"][3] == "mindre överskott" and figures(rows["Besked 2026"]) == [None] * 9
    for row in rows.values():  # words in words' columns, numbers in the amounts' columns
        assert not any(re.search(r"\d", cell) for cell in row[3:5]), row
        figures(row)


@pytest.mark.clients
def test_csv_verdicts_in_words_when_a_year_falls_short(repo: Path) -> None:
    edit(repo, "    status: pågår\n", "    status: avbruten\n")
    _, rows = csv_table("--base", "main")
    assert rows["Gemensamma skift"][3:5] == ["ändrad", "status: pågår → avbruten"]
    assert figures(rows["Gemensamma skift"]) == [600, None, -600, 900, None, -900, 1500, None, -1500]
    assert figures(rows["Kvar att spara (det som fattas, aldrig under 0)"]) == [0, 300, 300, 0, 800, 800,
                                                                                0, 1100, 1100]
    assert rows["Besked 2025"][3] == rows["Besked 2026"][3] == "från överskott till kvar att spara"


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_recalculated_by_libreoffice_equals_the_csv(repo: Path, tmp_path: Path) -> None:
    """The workbook's sheet is the CSV's table; Summa and the gap are formulas, and LibreOffice,
    recalculating them from cached results set to 0, gets the CSV's figures."""
    edit(repo, "effects: {2025: 500, 2026: 700}", "effects: {2025: 500, 2026: 400}")
    _, expected = csv_table("--base", "main")
    book = tmp_path / "diff.xlsx"
    invoke("diff", "--base", "main", "--format", "xlsx", "-o", str(book))
    zero_cached_results(book)
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(book)], tmp_path)
    [sheet] = (tmp_path / "csv").glob("*.csv")
    rows = {row[2]: row for row in csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")), delimiter=";")
            if len(row) > 5}
    for name in ("Summa", "Kvar att spara (negativt = överskott)", "Minskad sjukfrånvaro"):
        assert [None if c == "" else int(float(c)) for c in rows[name][5:14]] == figures(expected[name]), name


@pytest.mark.clients
def test_a_measure_cancelled_counts_as_gone(repo: Path) -> None:
    edit(repo, "    status: pågår\n", "    status: avbruten\n")
    document = as_json("--base", "main", code=0)
    change = document["change"]
    assert change["totals"] == {"2025": kr(-600_000), "2026": kr(-900_000)}
    assert change["shortfall_years"] == {"2025": kr(300_000), "2026": kr(800_000)}
    assert change["newly_short"] == [2025, 2026]
    assert document["after"]["totals"] == {"2025": kr(700_000), "2026": kr(700_000)}
    [measure] = document["measures"]
    assert measure["change"] == "changed" and measure["fields"] == ["status"]
    assert measure["values"] == {"status": {"before": "ongoing", "after": "cancelled"}}
    assert measure["effects"] == {"2025": {"before": kr(600_000), "after": None},
                                  "2026": {"before": kr(900_000), "after": None}}
    text = markdown("--base", "main")
    assert table_row(text, "1") == ["Gemensamma skift", "ändrad", "status: pågår → avbruten", "600 → –", "900 → –",
                                    "-1 500"]
    assert table_row(text, "Besked")[:2] == ["från överskott till kvar att spara"] * 2
    assert "2025 går från överskott till kvar att spara: 300 tkr fattas" in text
    assert "2026 går från överskott till kvar att spara: 800 tkr fattas" in text
    invoke("diff", "--base", "main", "--fail-on-worse", code=1)


@pytest.mark.clients
def test_a_target_changed_is_shown_as_such(repo: Path) -> None:
    edit(repo, "target: {2025: 1 000, 2026: 1 500}", "target: {2025: 1 000, 2026: 2 000}")
    document = as_json("--base", "main")
    change = document["change"]
    assert change["totals"] == {"2025": kr(0), "2026": kr(0)}
    assert change["target"] == 500_000
    assert change["gap_years"]["2026"] == kr(500_000) and change["shortfall_years"]["2026"] == kr(400_000)
    assert change["newly_short"] == [2026]
    assert document["measures"] == [] and document["unchanged"] == 3
    assert document["plans"][0]["fields"] == ["target"] and document["plans"][0]["change"] == "changed"
    text = markdown("--base", "main")
    assert table_row(text, "Sparbeting före") == ["1 000", "1 500", "2 500"]
    assert table_row(text, "Sparbeting efter") == ["1 000", "2 000", "3 000"]
    assert table_row(text, "Ändring av sparbetinget") == ["0", "+500", "+500"]
    assert table_row(text, "Besked")[1] == "från överskott till kvar att spara"
    assert "Inga ändringar i åtgärderna." in text


@pytest.mark.clients
def test_a_file_renamed_is_the_same_plan(repo: Path) -> None:
    (repo / "plans" / "omsorg.yaml").rename(repo / "plans" / "omsorg-2025.yaml")
    document = as_json("--base", "main")
    assert document["change"]["totals"] == {"2025": kr(0), "2026": kr(0)}
    assert document["measures"] == [] and document["unchanged"] == 3
    [plan] = document["plans"]
    assert plan["change"] == "renamed"
    assert (plan["plan"], plan["before_plan"]) == ("plans/omsorg-2025.yaml", "plans/omsorg.yaml")
    text = markdown("--base", "main")
    assert table_row(text, "Åtgärdsplan 2025–2026 — Omsorgsnämnden (omsorg-2025.yaml)")[0] == \
        "nytt filnamn (var omsorg.yaml)"
    assert table_row(text, "Besked")[:2] == ["oförändrat", "oförändrat"]


@pytest.mark.clients
def test_a_plan_added_whole(repo: Path) -> None:
    (repo / "plans" / "skola.yaml").write_text(SCHOOL, encoding="utf-8")
    document = as_json("--base", "main")
    change = document["change"]
    assert change["totals"] == {"2025": kr(300_000), "2026": kr(300_000)}
    assert change["target"] == 800_000  # both plans have per-year targets: they add up
    assert change["gap_years"] == {"2025": kr(100_000), "2026": kr(100_000)}
    # all plans together the net is covered (2025: a surplus of 200, 2026: 1 900 of 1 900), but each plan
    # answers for its own balance: the school's own plan is short both years, and omsorg's surplus hides none of it
    assert document["after"]["gap"]["years"] == {"2025": kr(-200_000), "2026": kr(0)}
    assert document["after"]["gap_kinds"] == {"2025": "short", "2026": "short"}
    assert document["after"]["shortfall_years"] == {"2025": kr(100_000), "2026": kr(100_000)}
    assert document["after"]["shortfall"] == kr(200_000)
    assert change["newly_short"] == [2025, 2026] and change["worse"] is True
    school = document["plans"][1]["change_totals"]
    assert school["newly_short"] == [2025, 2026] and school["shortfall_years"] == {"2025": kr(100_000),
                                                                                   "2026": kr(100_000)}
    assert document["worse"] is True  # --fail-on-worse: a plan's own shortfall grows
    assert [(m["plan"], m["id"], m["change"]) for m in document["measures"]] == [
        ("plans/skola.yaml", "S1", "added")]
    assert [(p["plan"], p["change"]) for p in document["plans"]] == [
        ("plans/omsorg.yaml", "unchanged"), ("plans/skola.yaml", "added")]
    text = markdown("--base", "main")
    assert table_row(text, "Ändring av summan") == ["+300", "+300", "+600"]
    assert table_row(text, "Åtgärdsplan skola 2025–2026 — Barn- och utbildningsnämnden (skola.yaml)")[0] == "tillagd"


@pytest.mark.clients
def test_a_plan_removed_whole(repo: Path) -> None:
    (repo / "plans" / "skola.yaml").write_text(SCHOOL, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Skolans plan")
    (repo / "plans" / "skola.yaml").unlink()
    document = as_json("--base", "main")
    change = document["change"]
    assert change["totals"] == {"2025": kr(-300_000), "2026": kr(-300_000)}
    assert change["target"] == -800_000
    assert change["worse"] is False
    assert [(m["plan"], m["id"], m["change"]) for m in document["measures"]] == [
        ("plans/skola.yaml", "S1", "removed")]
    assert [(p["plan"], p["change"]) for p in document["plans"]] == [
        ("plans/omsorg.yaml", "unchanged"), ("plans/skola.yaml", "removed")]
    text = markdown("--base", "main")
    assert table_row(text, "Ändring av summan") == ["-300", "-300", "-600"]
    assert "| skola.yaml | S1 | Samordnad skolskjuts | borttagen |" in text


@pytest.mark.clients
def test_no_change(repo: Path) -> None:
    document = as_json("--base", "main")
    assert document["measures"] == [] and document["unchanged"] == 3 and document["worse"] is False
    assert document["change"]["total"] == kr(0)


# --- without git ---------------------------------------------------------------------------------


def test_two_files_are_the_same_plan_whatever_their_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("t1.yaml").write_text(PLAN, encoding="utf-8")
    Path("t2.yaml").write_text(PLAN.replace("effects: {2025: 200}", "effects: {2025: 350}"), encoding="utf-8")
    document = as_json("t1.yaml", "t2.yaml")
    assert document["base"] is None
    assert document["change"]["totals"] == {"2025": kr(150_000), "2026": kr(0)}
    assert [(m["id"], m["change"], m["effects"]) for m in document["measures"]] == [
        ("3", "changed", {"2025": {"before": kr(200_000), "after": kr(350_000)}})]
    assert "*t1.yaml → t2.yaml*" in markdown("t1.yaml", "t2.yaml")


def test_two_folders_match_plans_by_their_path_below(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for side in ("T1", "T2"):
        Path(side, "omsorg").mkdir(parents=True)
        Path(side, "skola.yaml").write_text(SCHOOL, encoding="utf-8")
    Path("T1", "omsorg", "plan.yaml").write_text(PLAN, encoding="utf-8")
    Path("T2", "omsorg", "plan.yaml").write_text(PLAN.replace("status: pågår", "status: klart"), encoding="utf-8")
    document = as_json("T1", "T2")
    assert [(m["plan"], m["id"], m["fields"]) for m in document["measures"]] == [
        ("T2/omsorg/plan.yaml", "1", ["status"])]
    assert document["change"]["total"] == kr(0)
    assert [(p["plan"], p["change"]) for p in document["plans"]] == [
        ("T2/skola.yaml", "unchanged"), ("T2/omsorg/plan.yaml", "changed")]


def test_one_path_without_base_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner().invoke(app, ["diff", "a.yaml"])
    assert result.exit_code == 2
    assert "diff jämför två filer eller mappar" in result.output


# --- git: errors, and the working tree untouched ---------------------------------------------------


@pytest.mark.clients
def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    Path("plans").mkdir()
    Path("plans", "a.yaml").write_text(PLAN, encoding="utf-8")
    result = runner().invoke(app, ["diff", "--base", "main"])
    assert result.exit_code == 2
    assert "ligger inte i ett git-förråd, så --base 'main' går inte att läsa" in result.output
    result = runner().invoke(app, ["diff", "--base", "main", "--lang", "en"])
    assert result.exit_code == 2 and "is not in a git repository" in result.output


@pytest.mark.clients
def test_an_unknown_revision(repo: Path) -> None:
    result = runner().invoke(app, ["diff", "--base", "origin/nosuch"])
    assert result.exit_code == 2
    assert "'origin/nosuch' är ingen revision i förrådet" in result.output
    assert "fetch-depth: 0" in result.output
    result = runner().invoke(app, ["diff", "--base", "--upload-pack=touch x"])
    assert result.exit_code == 2 and not (repo / "x").exists()


@pytest.mark.clients
def test_the_working_tree_and_index_are_untouched(repo: Path) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    (repo / "plans" / "ny.yaml").write_text(SCHOOL, encoding="utf-8")
    status = git(repo, "status", "--porcelain")
    index = (repo / ".git" / "index").read_bytes()
    as_json("--base", "main")
    assert git(repo, "status", "--porcelain") == status
    assert (repo / ".git" / "index").read_bytes() == index


@pytest.mark.clients
def test_an_invalid_plan_at_the_base_is_named_with_the_revision(repo: Path) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 3.250}")
    git(repo, "commit", "-qam", "fel")
    edit(repo, "effects: {2025: 3.250}", "effects: {2025: 200}")
    result = runner().invoke(app, ["diff", "--base", "main"])
    assert result.exit_code == 1
    assert result.output.startswith("main:plans/omsorg.yaml:17:21: '3.250' är tvetydigt")


@pytest.mark.clients
def test_a_subfolder_and_a_path_argument(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    monkeypatch.chdir(repo / "plans")
    document = as_json("--base", "main", "omsorg.yaml")
    assert [(m["plan"], m["id"]) for m in document["measures"]] == [("omsorg.yaml", "3")]
    assert document["change"]["total"] == kr(50_000)


# --- for CI: github, --fail-on-worse, --step-summary, English -------------------------------------


@pytest.mark.clients
def test_github_annotations_on_the_new_lines(repo: Path) -> None:
    edit(repo, "effects: {2025: 500, 2026: 700}", "effects: {2025: 500, 2026: 400}")
    edit(repo, "title: Färre externa placeringar", "title: 'Färre placeringar: 50%, nu,\n      två'")
    out = invoke("diff", "--base", "main", "--format", "github")
    lines = out.splitlines()
    assert lines[0] == ("::notice file=plans/omsorg.yaml,line=12,title=budgetbalans diff::Åtgärd 2 ändrad: "
                        "Minskad sjukfrånvaro: effekter (summa -300 tkr)")
    assert lines[1].startswith("::notice file=plans/omsorg.yaml,line=15,title=budgetbalans diff::Åtgärd 3 ändrad: "
                               "Färre placeringar: 50%25, nu, två: titel:")
    assert lines[2] == ("::error file=plans/omsorg.yaml,line=5,title=budgetbalans diff::2026 går från överskott "
                        "till kvar att spara: 200 tkr fattas")
    assert lines[3] == "2 ändrade · 0 tillagda · 0 borttagna · 1 oförändrad"
    assert len(lines) == 4


@pytest.mark.clients
def test_github_escapes_a_forged_file_name(repo: Path) -> None:
    (repo / "plans" / "omsorg.yaml").rename(repo / "plans" / "a,line=1::x%.yaml")
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}", "plans/a,line=1::x%.yaml")
    out = invoke("diff", "--base", "main", "--format", "github")
    assert "file=plans/a%2Cline=1%3A%3Ax%25.yaml,line=15," in out


@pytest.mark.clients
def test_fail_on_worse(repo: Path) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    invoke("diff", "--base", "main", "--fail-on-worse")  # better: exit 0
    edit(repo, "effects: {2025: 500, 2026: 700}", "effects: {2025: 500, 2026: 650}")
    invoke("diff", "--base", "main", "--fail-on-worse")  # surplus 100 → 50: nothing to save, exit 0
    edit(repo, "effects: {2025: 500, 2026: 650}", "effects: {2025: 500, 2026: 550}")
    invoke("diff", "--base", "main", "--fail-on-worse", code=1)  # 2026 short by 50


@pytest.mark.clients
def test_step_summary_appends_the_markdown(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Tidigare steg\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    out = invoke("diff", "--base", "main", "--format", "markdown", "--step-summary")
    assert summary.read_text(encoding="utf-8") == "# Tidigare steg\n" + out
    result = runner().invoke(app, ["diff", "--base", "main", "--step-summary"])
    assert result.exit_code == 2 and "--format markdown" in result.output


@pytest.mark.clients
def test_english(repo: Path) -> None:
    edit(repo, "    status: pågår\n", "    status: avbruten\n")
    text = invoke("diff", "--base", "main", "--format", "markdown", "--lang", "en")
    assert table_row(text, "Change of the total") == ["-600", "-900", "-1 500"]
    assert table_row(text, "Verdict")[:2] == ["from surplus to still to save"] * 2
    assert table_row(text, "1") == ["Gemensamma skift", "changed", "status: ongoing → cancelled", "600 → –",
                                    "900 → –", "-1 500"]
    assert "2025 goes from surplus to still to save: 300 tkr missing" in text


@pytest.mark.clients
def test_every_writer_writes_the_diff(repo: Path, tmp_path: Path) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    assert "Ändring av summan" in invoke("diff", "--base", "main")
    assert "Ändring av summan" in invoke("diff", "--base", "main", "--format", "html")
    assert "Ändring av summan" not in invoke("diff", "--base", "main", "--format", "csv")  # numbers: below
    invoke("diff", "--base", "main", "--format", "xlsx", "-o", str(tmp_path / "diff.xlsx"))
    assert (tmp_path / "diff.xlsx").stat().st_size > 0


# --- the workflow of docs/ci/github-actions.yml, run as a script ----------------------------------


@pytest.mark.clients
def test_the_github_workflow_runs_against_a_pull_request(tmp_path: Path) -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    [job] = workflow["jobs"].values()
    checkout = next(step for step in job["steps"] if str(step.get("uses", "")).startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert any("pip install" in run and "budgetbalans" in run for run in runs)
    steps = [run.replace("${{ github.base_ref }}", "main") for run in runs if "pip install" not in run]
    assert any("check" in run and "github" in run for run in steps)
    assert any("diff --base" in run and "--step-summary" in run for run in steps)

    # the plan repository: main with the plan, a pull request's branch that cancels a measure
    origin = tmp_path / "origin"
    (origin / "plans").mkdir(parents=True)
    (origin / "plans" / "omsorg.yaml").write_text(PLAN, encoding="utf-8")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", ".")
    git(origin, "commit", "-qm", "Plan")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    git(clone, "checkout", "-qb", "pr")
    edit(clone, "    status: pågår\n", "    status: avbruten\n")
    git(clone, "commit", "-qam", "Åtgärd 1 avbruten")

    summary = tmp_path / "step-summary.md"
    script = tmp_path / "steps.sh"
    script.write_text("set -e\n" + "\n".join(steps) + "\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("BUDGETBALANS_LANG", None)
    done = subprocess.run(["bash", str(script)], cwd=clone, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "inga problem i 1 plan" in done.stdout  # check's summary line
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Ändringar i planerna\n\n*Jämfört med origin/main*")
    assert table_row(text, "Ändring av summan") == ["-600", "-900", "-1 500"]
    assert table_row(text, "1") == ["Gemensamma skift", "ändrad", "status: pågår → avbruten", "600 → –", "900 → –",
                                    "-1 500"]
    assert "2026 går från överskott till kvar att spara: 800 tkr fattas" in text


# --- what diff could not see: refused, never passed as added or removed ---------------------------


def failed(*args: str, code: int = 1) -> str:
    """The output of a diff that must fail with ``code``."""
    result = runner().invoke(app, ["diff", *args], catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.output


@pytest.mark.clients
def test_a_path_that_does_not_exist_is_refused_not_compared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    Path("t1.yaml").write_text(PLAN, encoding="utf-8")
    Path("T1").mkdir()
    Path("T1", "omsorg.yaml").write_text(PLAN, encoding="utf-8")
    out = failed("t1.yaml", "t2.yml", "--fail-on-worse")  # a typo: not every measure removed, exit 0
    assert out.startswith("t2.yml: finns inte") and len(out.splitlines()) == 1
    assert failed("t2.yml", "t1.yaml").startswith("t2.yml: finns inte")
    assert failed("T1", "T2", "--format", "json").startswith("T2: finns inte")
    assert failed("t1.yaml", "t2.yml", "--lang", "en").startswith("t2.yml: does not exist")


@pytest.mark.clients
def test_a_path_neither_in_the_working_tree_nor_at_the_base_is_refused(repo: Path) -> None:
    (repo / "plans" / "skola.yaml").write_text(SCHOOL, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Skolans plan")
    out = failed("--base", "main", "plans/omsorg.yaml", "plans/skolan.yaml")
    assert out.startswith("plans/skolan.yaml: finns inte, varken i arbetskopian eller vid 'main'")
    out = failed("--base", "main", "plans/omsorg.yaml", "plans/skolan.yaml", "--lang", "en")
    assert out.startswith("plans/skolan.yaml: does not exist, neither in the working tree nor at 'main'")
    (repo / "plans" / "skola.yaml").unlink()  # removed from the working tree, there at main: a plan removed
    document = as_json("--base", "main", "plans/omsorg.yaml", "plans/skola.yaml")
    assert [(p["plan"], p["change"]) for p in document["plans"]] == [
        ("plans/omsorg.yaml", "unchanged"), ("plans/skola.yaml", "removed")]


@pytest.mark.clients
def test_plans_in_a_submodule_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    planer = tmp_path / "planer"
    planer.mkdir()
    (planer / "omsorg.yaml").write_text(PLAN, encoding="utf-8")
    git(planer, "init", "-q", "-b", "main")
    git(planer, "add", ".")
    git(planer, "commit", "-qm", "Planerna")
    top = tmp_path / "kommun"
    top.mkdir()
    git(top, "init", "-q", "-b", "main")
    git(top, "-c", "protocol.file.allow=always", "submodule", "add", "-q", str(planer), "plans")
    git(top, "commit", "-qm", "Planerna som undermodul")
    monkeypatch.chdir(top)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    out = failed("--base", "main")  # not the plan added whole
    assert out.startswith("plans: är ett eget git-förråd (en undermodul)") and len(out.splitlines()) == 1
    assert failed("--base", "main", "plans/omsorg.yaml").startswith("plans: är ett eget git-förråd")
    assert failed("--base", "main", "--lang", "en").startswith("plans: is a git repository of its own (a submodule)")


@pytest.mark.clients
def test_git_dir_naming_another_repository_is_refused(repo: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "annat"
    other.mkdir()
    (other / "README").write_text("Ett annat förråd\n", encoding="utf-8")
    git(other, "init", "-q", "-b", "main")
    git(other, "add", ".")
    git(other, "commit", "-qm", "Annat")
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    out = failed("--base", "main")  # not every plan added
    assert out.startswith(f"budgetbalans: GIT_DIR pekar på '{other / '.git'}', men planerna i ")
    assert f"hör till förrådet '{repo}'" in out
    assert failed("--base", "main", "--lang", "en").startswith("budgetbalans: GIT_DIR points to ")
    monkeypatch.setenv("GIT_DIR", ".git")  # as git sets it for a hook: the plans' own repository
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "no-such-index"))  # the index is never read
    assert as_json("--base", "main")["change"]["total"] == kr(50_000)
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.setenv("GIT_WORK_TREE", str(other))
    assert failed("--base", "main").startswith(f"budgetbalans: GIT_WORK_TREE pekar på '{other}'")


@pytest.mark.clients
def test_a_plan_over_the_limit_at_the_base_is_refused_unread(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    line = "# " + "x" * 97 + "\n"
    (repo / "plans" / "omsorg.yaml").write_text(PLAN + line * 21_000, encoding="utf-8")  # 2 MB
    git(repo, "commit", "-qam", "Stor")
    (repo / "plans" / "omsorg.yaml").write_text(PLAN, encoding="utf-8")
    oid = git(repo, "rev-parse", "main:plans/omsorg.yaml").strip().encode()
    asked: list[tuple[list[str], bytes]] = []
    run = subprocess.run

    def spy(args: list[str], *rest: Any, **options: Any) -> Any:
        asked.append((list(args), options.get("input") or b""))
        return run(args, *rest, **options)

    monkeypatch.setattr(subprocess, "run", spy)
    out = failed("--base", "main")
    assert out == ("main:plans/omsorg.yaml: filen är större än 1 MB; en planfil är några kilobyte, "
                   "dela upp den i flera planer\n")
    assert any("--batch-check" in args and oid in data for args, data in asked)  # its size asked
    assert not any("--batch" in args and oid in data for args, data in asked)  # its content never


@pytest.mark.clients
def test_a_huge_plan_at_the_base_is_refused_with_little_memory(repo: Path, tmp_path: Path) -> None:
    import resource

    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as file:
        file.write(PLAN.encode("utf-8"))
        block = (b"# " + b"x" * 97 + b"\n") * 10_000
        for _ in range(300):  # 300 MB: read whole, it takes more than the limit below
            file.write(block)
    oid = git(repo, "hash-object", "-w", str(huge)).strip()
    huge.unlink()
    git(repo, "update-index", "--cacheinfo", f"100644,{oid},plans/omsorg.yaml")
    git(repo, "commit", "-qm", "Stor")  # the working tree keeps the small plan

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))

    command = [str(Path(sys.executable).parent / "budgetbalans"), "diff", "--base", "main"]
    env = {**os.environ, "BUDGETBALANS_LANG": "sv"}
    done = subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert done.returncode == 1, done.stderr + done.stdout
    assert "main:plans/omsorg.yaml: filen är större än 1 MB" in done.stdout + done.stderr


def listing(folder: Path) -> list[tuple[str, int, int]]:
    """Every file and folder below ``folder``: its name, size and time of change."""
    return sorted((str(path.relative_to(folder)), path.lstat().st_size, path.lstat().st_mtime_ns)
                  for path in folder.rglob("*"))


@pytest.mark.clients
def test_a_partial_clone_is_never_fetched_into(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetbalans.read import git as read_git
    server = tmp_path / "server"
    (server / "plans").mkdir(parents=True)
    (server / "plans" / "omsorg.yaml").write_text(PLAN, encoding="utf-8")
    (server / "plans" / "skola.yaml").write_text(SCHOOL, encoding="utf-8")
    (server / "plans" / "teknik.yaml").write_text(SCHOOL.replace("skola", "teknik"), encoding="utf-8")
    git(server, "init", "-q", "-b", "main")
    git(server, "add", ".")
    git(server, "commit", "-qm", "Planerna")
    edit(server, "effects: {2025: 200}", "effects: {2025: 250}")
    edit(server, "S1", "T1", "plans/teknik.yaml")
    git(server, "commit", "-qam", "Ny effekt, nytt id")
    git(server, "config", "uploadpack.allowFilter", "true")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", f"file://{server}", str(clone))  # main's blobs only
    ran = tmp_path / "ran"
    fsmonitor = tmp_path / "fsmonitor.sh"
    fsmonitor.write_text(f"#!/bin/sh\ntouch '{ran}-fsmonitor'\n", encoding="utf-8")
    fsmonitor.chmod(0o755)
    git(clone, "config", "remote.origin.url", "ssh://example.invalid/kommun.git")
    git(clone, "config", "core.sshCommand", f"touch '{ran}-ssh'; false")
    git(clone, "config", "core.fsmonitor", str(fsmonitor))
    # the trees are there; of main~1's blobs only skola.yaml's, the same at main
    missing = [git(clone, "rev-parse", f"main~1:plans/{name}").strip() for name in ("omsorg.yaml", "teknik.yaml")]
    before = listing(clone / ".git")
    monkeypatch.chdir(clone)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    lines = failed("--base", "main~1").splitlines()
    assert [line[:line.index(")")] for line in lines] == [
        f"main~1:plans/omsorg.yaml: filens innehåll finns inte i klonen (objekt {missing[0]}",
        f"main~1:plans/teknik.yaml: filens innehåll finns inte i klonen (objekt {missing[1]}"]
    assert "git show 'main~1:plans/omsorg.yaml'" in lines[0]
    assert f"(object {missing[0]})" in failed("--base", "main~1", "--lang", "en")
    assert not list(tmp_path.glob("ran*")) and listing(clone / ".git") == before
    monkeypatch.delitem(read_git._QUIET, "GIT_NO_LAZY_FETCH")  # as a git without it: it tries, and may not connect
    assert failed("--base", "main~1").splitlines() == lines
    assert not list(tmp_path.glob("ran*")) and listing(clone / ".git") == before
    assert as_json("--base", "main")["measures"] == []  # main's blobs are here: read, nothing fetched
    assert not list(tmp_path.glob("ran*")) and listing(clone / ".git") == before


@pytest.mark.clients
def test_a_bare_repository_is_named_as_such(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bare = tmp_path / "kommun.git"
    git(tmp_path, "clone", "-q", "--bare", str(repo), str(bare))
    monkeypatch.chdir(bare)
    out = failed("--base", "main")
    assert out.startswith(f"budgetbalans: '{bare}' är ett bart git-förråd, utan arbetskopia")
    assert "is a bare git repository, without a working tree" in failed("--base", "main", "--lang", "en")
    monkeypatch.chdir(repo / ".git")
    assert "ligger i git-förrådets egen mapp" in failed("--base", "main")


@pytest.mark.clients
def test_every_revision_git_accepts_that_names_a_commit(repo: Path) -> None:
    edit(repo, "effects: {2025: 200}", "effects: {2025: 250}")
    git(repo, "tag", "-a", "-m", "Beslutad", "T1-2025")
    for rev in (":/Plan 2025", ":/^Plan", "main~0", "HEAD@{0}", "main^{commit}", "T1-2025", "T1-2025^{}", "@"):
        assert as_json("--base", rev)["change"]["total"] == kr(50_000), rev
    for rev in (":/ingen sådan", "main:plans", "-main", "--output=x"):
        assert "är ingen revision i förrådet" in failed("--base", rev, code=2), rev
    assert not (repo / "x").exists()
