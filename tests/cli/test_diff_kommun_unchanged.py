"""diff --base of examples/kommun in a real git repository: every node of the tree gets its verdict in words,
also those with a target for the period only (judged by the period, not by their years)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.command import invoke
from tests.gitrepo import commit_on_main
from tests.paths import EXAMPLES

pytestmark = [pytest.mark.clients, pytest.mark.skipif(shutil.which("git") is None, reason="needs git")]


def _verdicts(markdown: str) -> dict[str, str]:
    block = markdown.split("### Organisationen", 1)[1].split("\n### ", 1)[0]
    rows = [line.strip("|").split(" | ") for line in block.splitlines() if line.startswith("|")][2:]
    return {row[0].strip("\u00a0 "): row[-1].strip(" *|") for row in rows}


@pytest.fixture()
def kommun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    repo = tmp_path / "kommun"
    shutil.copytree(EXAMPLES / "kommun", repo)
    commit_on_main(repo, "Sjöbacka")
    monkeypatch.chdir(repo)
    return repo


def test_nothing_changed_every_node_unchanged(kommun: Path) -> None:
    code, out, err = invoke("diff", "--base", "main", "--unit", "tkr", "--format", "markdown")
    assert code == 0, err
    verdicts = _verdicts(out)
    assert len(verdicts) == 7 and set(verdicts.values()) == {"oförändrat"}, verdicts  # the kommun's and BUN's too


def test_a_period_nämnd_from_surplus_to_short_and_the_kommun_not_netted(kommun: Path) -> None:
    plan = kommun / "plans" / "barn-och-utbildning-2018-2019.yaml"
    text = plan.read_text(encoding="utf-8")
    assert "effects: {2018: 800, 2019: 1600}" in text
    plan.write_text(text.replace("effects: {2018: 800, 2019: 1600}", "effects: {2018: 800, 2019: 600}"), encoding="utf-8")
    code, out, err = invoke("diff", "--base", "main", "--unit", "tkr", "--format", "markdown")
    assert code == 0, err
    verdicts = _verdicts(out)
    # BUN: 5 600 − 1 000 = 4 600 against 5 000: from a surplus of 600 to 400 still to save
    assert verdicts["Barn- och utbildningsnämnden"] == "från överskott till kvar att spara"
    # the kommun: 39 455 + 400 = 39 855 still to save (its net grows by the whole 1 000)
    assert verdicts["Sjöbacka kommun"] == "mer kvar att spara"
    assert "| **39 455** | **39 855** | kvar att spara 38 625 | kvar att spara 39 625 |" in out
    assert invoke("diff", "--base", "main", "--fail-on-worse")[0] == 1
