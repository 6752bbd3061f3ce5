"""`budgetbalans diff --base` under an organisation tree: which nodes a change makes short, in a real git repository.

A kommun of 1 000 tkr for 2025: Socialnämnden 600, Tekniska nämnden 300, 100 ej fördelat (no plan takes it).
Each nämnd has one plan without a target of its own, so each plan answers for its node's part. The change
moves 150 tkr of effect from Socialnämnden's plan to Tekniska nämndens: the net of the kommun stays the same,
but Socialnämnden newly falls short while Tekniska nämnden gains a surplus, and a surplus of one nämnd never
covers another's shortfall: the kommun's shortfall grows.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from budgetbalans.cli.app import app
from tests.command import runner
from tests.gitrepo import commit_on_main, git

pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"), pytest.mark.clients]

TREE = """\
organisation: Testkommun
unit: tkr
target: {2025: 1 000}
parts:
  - organisation: Socialnämnden
    target: {2025: 600}
  - organisation: Tekniska nämnden
    target: {2025: 300}
"""

SOCIAL = """\
title: Socialnämndens plan 2025
organisation: Socialnämnden
unit: tkr
years: [2025]
measures:
  - id: S1
    title: Gemensamma skift
    effects: {2025: 650}
"""

TECHNICAL = """\
title: Tekniska nämndens plan 2025
organisation: Tekniska nämnden
unit: tkr
years: [2025]
measures:
  - id: T1
    title: Släckt gatubelysning nattetid
    effects: {2025: 300}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The tree and the two plans committed on main; the test runs in the repository's top folder."""
    root = commit_on_main(tmp_path / "kommun", "Budget 2025", {
        "budgetbalans.yaml": TREE, "plans/social.yaml": SOCIAL, "plans/teknik.yaml": TECHNICAL})
    monkeypatch.chdir(root)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    return root


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def move_effect(repo: Path) -> None:
    """150 tkr from Socialnämnden's plan to Tekniska nämndens."""
    edit(repo, "plans/social.yaml", "{2025: 650}", "{2025: 500}")
    edit(repo, "plans/teknik.yaml", "{2025: 300}", "{2025: 450}")


def invoke(*args: str, code: int = 0) -> tuple[str, str]:
    result = runner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == code, result.output
    return result.stdout, result.stderr


def as_json(*args: str, code: int = 0) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(invoke("diff", "--base", "main", *args, "--format", "json", code=code)[0])
    return document


def kr(amount: int) -> dict[str, int]:
    return {"low": amount, "high": amount}


def nodes(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["name"]: node for node in document["organisation"]["nodes"]}


def table_row(text: str, name: str) -> list[str]:
    """The cells of the Markdown row whose first cell is ``name`` (indented by no-break spaces, bold or not)."""
    for line in text.splitlines():
        cells = [cell.strip().strip("*").strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].replace("\u00a0", " ").strip() == name:
            return cells[1:]
    raise AssertionError(f"no row {name!r} in\n{text}")


def test_a_change_that_makes_one_namnd_short_while_another_gains_a_surplus(repo: Path) -> None:
    move_effect(repo)
    found = as_json()
    by_name = nodes(found)
    assert [(node["name"], node["depth"]) for node in found["organisation"]["nodes"]] == [
        ("Testkommun", 0), ("Socialnämnden", 1), ("Tekniska nämnden", 1)]
    social, technical, kommun = by_name["Socialnämnden"], by_name["Tekniska nämnden"], by_name["Testkommun"]
    # Socialnämnden: target 600; before 650 (surplus 50), after 500: 600 − 500 = 100 still to save
    assert social["before"]["target"] == social["after"]["target"] == 600_000
    assert (social["before"]["total"], social["after"]["total"]) == (kr(650_000), kr(500_000))
    assert (social["before"]["shortfall"], social["after"]["shortfall"]) == (kr(0), kr(100_000))
    assert (social["before"]["net"]["low"], social["after"]["net"]["low"]) == (-50_000, 100_000)
    assert (social["before"]["gap_kind"], social["after"]["gap_kind"]) == ("surplus", "short")
    assert social["verdict"] == "newly_short" and social["made_short"] is True
    assert social["change"]["newly_short"] == [2025]
    # Tekniska nämnden: target 300; before 300 (covered, 0), after 450: surplus 150
    assert (technical["before"]["shortfall"], technical["after"]["shortfall"]) == (kr(0), kr(0))
    assert (technical["before"]["net"]["low"], technical["after"]["net"]["low"]) == (0, -150_000)
    assert technical["verdict"] == "surplus_grows" and technical["made_short"] is False
    # the kommun: 1 000, of which 100 ej fördelat that no plan takes (always still to save);
    # before: 0 + 0 + 100 = 100 still to save; after: 100 (Socialnämnden) + 0 + 100 = 200;
    # the net is 1 000 − (650 + 300) = 50 before and 1 000 − (500 + 450) = 50 after: unchanged,
    # because Tekniska nämndens surplus is set against Socialnämndens shortfall only in the net
    assert (kommun["before"]["total"], kommun["after"]["total"]) == (kr(950_000), kr(950_000))
    assert (kommun["before"]["shortfall"], kommun["after"]["shortfall"]) == (kr(100_000), kr(200_000))
    assert (kommun["before"]["net"]["low"], kommun["after"]["net"]["low"]) == (50_000, 50_000)
    assert kommun["before"]["no_plan"] is True and kommun["verdict"] == "grows"
    assert kommun["change"]["shortfall"] == kr(100_000) and kommun["change"]["shortfall_grows"] == [2025]
    assert found["organisation"]["made_short"] == ["Testkommun", "Socialnämnden"]
    assert found["organisation"]["worse"] is True and found["worse"] is True


def test_fail_on_worse_fails_on_a_node_made_short(repo: Path) -> None:
    move_effect(repo)
    invoke("diff", "--base", "main")
    invoke("diff", "--base", "main", "--fail-on-worse", code=1)


def test_fail_on_worse_fails_on_a_node_no_plan_answers_for(repo: Path) -> None:
    """The kommun's target raised 1 000 → 1 100, the nämnder's unchanged: no plan changes and no plan's
    target either, but what is ej fördelat grows 100 → 200, and so does the kommun's shortfall."""
    edit(repo, "budgetbalans.yaml", "target: {2025: 1 000}", "target: {2025: 1 100}")
    found = as_json("--fail-on-worse", code=1)
    assert not any(plan["change_totals"]["worse"] for plan in found["plans"]) and not found["change"]["worse"]
    kommun = nodes(found)["Testkommun"]
    assert (kommun["before"]["target"], kommun["after"]["target"]) == (1_000_000, 1_100_000)
    assert (kommun["before"]["shortfall"], kommun["after"]["shortfall"]) == (kr(100_000), kr(200_000))
    assert found["organisation"]["made_short"] == ["Testkommun"]


def test_a_change_for_the_better_fails_nothing(repo: Path) -> None:
    edit(repo, "plans/teknik.yaml", "{2025: 300}", "{2025: 450}")
    found = as_json("--fail-on-worse")
    assert found["organisation"]["made_short"] == [] and found["worse"] is False
    assert nodes(found)["Tekniska nämnden"]["verdict"] == "surplus_grows"
    # the kommun: still to save 100 (ej fördelat) before and after, the net 50 → −100: the core's verdict is a
    # larger surplus (of a part), but the words never say the kommun's shortfall shrank
    assert nodes(found)["Testkommun"]["verdict"] == "surplus_grows"
    assert nodes(found)["Testkommun"]["after"]["shortfall"] == kr(100_000)
    text = invoke("diff", "--base", "main", "--format", "markdown")[0]
    assert table_row(text, "Testkommun")[4:] == ["100", "100", "kvar att spara 50", "överskott 100", "2025: oförändrat"]


def test_markdown_names_the_nodes_made_short(repo: Path) -> None:
    move_effect(repo)
    text = invoke("diff", "--base", "main", "--format", "markdown")[0]
    assert "**Får mer kvar att spara:** Testkommun, Socialnämnden" in text
    assert text.index("### Organisationen") < text.index("### Planer")
    # target before, after; total before, after; still to save before, after; net before, after; verdict
    assert table_row(text, "Socialnämnden") == ["600", "600", "650", "500", "0", "100", "överskott 50",
                                               "kvar att spara 100",
                                               "2025: från överskott till kvar att spara"]
    assert table_row(text, "Tekniska nämnden")[-1] == "2025: större överskott"
    assert table_row(text, "Testkommun")[4:] == ["100", "200", "kvar att spara 50", "kvar att spara 50",
                                                 "2025: mer kvar att spara"]
    assert "Socialnämnden: 2025 går från överskott till kvar att spara: 100 tkr fattas" in text
    assert "Testkommun: 2025: kvar att spara ökar med 100 tkr" in text


def test_english_and_github(repo: Path) -> None:
    move_effect(repo)
    text = invoke("diff", "--base", "main", "--format", "markdown", "--lang", "en")[0]
    assert "**More still to save:** Testkommun, Socialnämnden" in text
    assert "### The organisation" in text
    annotations = invoke("diff", "--base", "main", "--format", "github")[0]
    assert "::error title=budgetbalans diff::Socialnämnden: 2025 går från överskott till kvar att spara" in annotations
    assert "::warning title=budgetbalans diff::Testkommun: 2025: kvar att spara ökar med 100 tkr" in annotations
    assert "Tekniska nämnden:" not in annotations


def test_every_format_shows_the_tree(repo: Path, tmp_path: Path) -> None:
    move_effect(repo)
    for format in ("table", "csv", "html"):
        assert "Socialnämnden" in invoke("diff", "--base", "main", "--format", format)[0], format
    invoke("diff", "--base", "main", "--format", "xlsx", "-o", str(tmp_path / "diff.xlsx"))
    assert (tmp_path / "diff.xlsx").stat().st_size > 0


def test_a_tree_only_in_the_working_tree_compares_each_node_with_nothing(repo: Path) -> None:
    git(repo, "rm", "-q", "budgetbalans.yaml")
    git(repo, "commit", "-qm", "Inget träd")
    (repo / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    found = as_json()
    kommun = nodes(found)["Testkommun"]
    assert kommun["before"] is None and kommun["after"]["shortfall"] == kr(100_000)
    assert found["organisation"]["made_short"] == ["Testkommun"]  # newly short: it had no target before


def test_a_folder_argument_skips_the_tree_file_at_the_base_too(repo: Path) -> None:
    """``diff --base main .`` in the folder of the tree: budgetbalans.yaml is no plan, at the revision as on disk."""
    move_effect(repo)
    found = json.loads(invoke("diff", "--base", "main", ".", "--format", "json")[0])
    assert sorted(plan["plan"] for plan in found["plans"]) == ["plans/social.yaml", "plans/teknik.yaml"]


def test_an_invalid_tree_at_the_base_is_named_with_the_revision(repo: Path) -> None:
    edit(repo, "budgetbalans.yaml", "    target: {2025: 300}", "    target: {2025: 300}\n    budget: 5")
    git(repo, "commit", "-qam", "fel")
    edit(repo, "budgetbalans.yaml", "    budget: 5\n", "")
    _, error = invoke("diff", "--base", "HEAD", code=1)
    assert error.startswith("HEAD:budgetbalans.yaml:9:5: ")


def test_a_plan_naming_no_node_stops_the_comparison(repo: Path) -> None:
    edit(repo, "plans/social.yaml", "organisation: Socialnämnden", "organisation: Socialnamnden")
    _, error = invoke("diff", "--base", "main", code=1)
    assert error.startswith("plans/social.yaml:2:")
    assert "Socialnämnden" in error  # menade du
