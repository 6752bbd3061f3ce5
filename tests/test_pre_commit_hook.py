"""The pre-commit hook (.pre-commit-hooks.yaml) run from a local clone, as a plan repository uses it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import git
from tests.paths import ROOT

pytestmark = pytest.mark.clients


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_pre_commit_hook_runs_from_a_local_clone(tmp_path: Path) -> None:
    repo = tmp_path / "plan-repo"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "good.yaml").write_text(
        "title: Bra plan\ntarget: 100\nmeasures:\n  - id: '1'\n    title: Åtgärd\n    effects: {2025: 120}\n",
        encoding="utf-8")
    (repo / "plans" / "bad.yaml").write_text(
        "title: Dålig plan\nmeasures:\n  - id: '1'\n    title: Åtgärd\n    efects: {2025: 120}\n", encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "budgetbalans-check"]
    env_home = {"PRE_COMMIT_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
                "HOME": str(tmp_path), "GIT_CONFIG_NOSYSTEM": "1"}
    good = subprocess.run([*pre_commit, "--files", "plans/good.yaml"], cwd=repo, capture_output=True,
                          text=True, timeout=600, env=env_home)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([*pre_commit, "--all-files"], cwd=repo, capture_output=True, text=True,
                         timeout=600, env=env_home)
    assert bad.returncode == 1
    assert "plans/bad.yaml:5:5: okänd nyckel 'efects' — menade du 'effects'?" in bad.stdout
