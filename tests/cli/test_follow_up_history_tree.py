"""``follow-up --history`` under an organisation tree: each report's plan answers for what the tree of that
report's commit gives it (a plan without a target of its own takes its node's own part, as ``follow-up`` does
in the folder), and a commit whose tree the plans do not fit stops the history at ``commit:path``."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from tests.command import invoke
from tests.gitrepo import commit, git

pytestmark = pytest.mark.clients

TREE = """\
organisation: Sjöbacka kommun
unit: tkr
target: {kommun}
parts:
  - organisation: Socialnämnden
    target: {social}
"""
PLAN = """\
title: Socialnämndens åtgärder 2025
organisation: Socialnämnden
unit: tkr
years: [2025]
as_of: {as_of}
measures:
  - id: "1"
    title: Minska övertid
    effects: {{2025: 600}}
    forecast: {{2025: {forecast}}}
"""


def _commit(repo: Path, message: str, *, social: int, as_of: str, forecast: int, plan_name: str = "social") -> None:
    commit(repo, message, {"budgetbalans.yaml": TREE.format(kommun=2000, social=social),
                           f"plans/{plan_name}.yaml": PLAN.format(as_of=as_of, forecast=forecast)})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    # T1: the tree gives Socialnämnden 1 000 tkr; T2: the kommun raised it to 1 200
    _commit(tmp_path, "T1", social=1000, as_of="2025-04-30", forecast=500)
    _commit(tmp_path, "T2", social=1200, as_of="2025-08-31", forecast=450)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_each_report_answers_for_its_commits_tree(repo: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--format", "json")
    assert code == 0, err
    (plan,) = json.loads(out, parse_float=Decimal)["plans"]
    reports = plan["reports"]
    assert [r["target"] for r in reports] == [1_000_000, 1_200_000]
    # planned gap: 1 000 − 600 = 400 at T1, 1 200 − 600 = 600 at T2; by the forecast 1 000 − 500, 1 200 − 450
    assert [r["planned_gap"]["low"] for r in reports] == [400_000, 600_000]
    assert [r["forecast_gap"]["low"] for r in reports] == [500_000, 750_000]
    # the same figure as follow-up in the folder gives today
    code, out, err = invoke("follow-up", "--format", "json")
    assert code == 0, err
    assert json.loads(out, parse_float=Decimal)["target"] == 1_200_000


def test_a_commit_whose_tree_the_plans_do_not_fit(repo: Path) -> None:
    # a third report whose plan names a nämnd the tree does not have
    (repo / "plans" / "social.yaml").write_text(
        PLAN.format(as_of="2025-10-31", forecast=400).replace("organisation: Socialnämnden",
                                                                "organisation: Socialnämden"), encoding="utf-8")
    git(repo, "commit", "-qam", "October")
    short = git(repo, "rev-parse", "HEAD").strip()[:10]
    code, out, err = invoke("follow-up", "--history")
    assert code == 1 and out == ""
    assert f"{short}:plans/social.yaml" in err and "Socialnämnden" in err  # named by its commit, with the near miss
