"""``follow-up --history`` reads each version of a plan file once: where a commit changes one plan of two, the
other is the same object as at the commit before (a kommun's repository of many plans, each förvaltning
committing its own, costs its changes, not commits × plans), and a version with a problem is named once."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetbalans.cli.historyrun import versions_or_exit
from budgetbalans.i18n import Lang
from tests.command import invoke
from tests.gitrepo import commit, git

pytestmark = pytest.mark.clients

PLAN = """\
title: {title}
unit: tkr
years: [2025]
target: 1000
as_of: {as_of}
measures:
  - id: "1"
    title: Minska övertid
    effects: {{2025: 600}}
    forecast: {{2025: {forecast}}}
"""


def _commit(repo: Path, name: str, as_of: str, forecast: str) -> None:
    commit(repo, f"{name} {as_of}", {f"plans/{name}.yaml": PLAN.format(title=name, as_of=as_of, forecast=forecast)})


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    _commit(tmp_path, "omsorg", "2025-04-30", "500")
    _commit(tmp_path, "skola", "2025-04-30", "550")
    _commit(tmp_path, "omsorg", "2025-08-31", "450")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_unchanged_plan_is_the_same_object_at_each_commit(repo: Path) -> None:
    found = versions_or_exit(None, None, Lang.SV)
    omsorg, skola = found["plans/omsorg.yaml"], found["plans/skola.yaml"]
    assert len(omsorg) == 3 and len(skola) == 2
    assert omsorg[0].plan is omsorg[1].plan  # unchanged by the commit of skola
    assert omsorg[2].plan is not omsorg[1].plan and skola[0].plan is skola[1].plan


def test_a_version_with_a_problem_is_named_at_its_first_commit(repo: Path) -> None:
    (repo / "plans" / "skola.yaml").write_text(PLAN.format(title="skola", as_of="2025-04-31", forecast="550"),
                                               encoding="utf-8")
    git(repo, "commit", "-qam", "a bad date")
    _commit(repo, "omsorg", "2025-10-31", "400")
    code, out, err = invoke("follow-up", "--history")
    assert code == 1 and out == ""
    bad = git(repo, "rev-parse", "HEAD~1").strip()[:10]
    assert err.count("plans/skola.yaml:5:") == 1 and f"{bad}:plans/skola.yaml:5:" in err
