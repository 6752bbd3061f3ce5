"""With a tree, the plans' own section says when the plans' own targets are not the organisation's whole
target, so that its "kvar att spara" is not read as the kommun's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.command import invoke
from tests.paths import EXAMPLES

NOTE = "Här räknas planerna mot sina egna sparbeting"


def test_the_kommuns_plans_answer_for_less_than_the_kommun(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(EXAMPLES / "kommun")
    for command in ("gap", "summarize"):
        out = invoke(command, "--unit", "tkr", "--format", "markdown")[1]
        # 63 000 less 1 500 not allocated and Särskilt boende's 1 500 without a plan: the plans' 60 000
        assert ("Här räknas planerna mot sina egna sparbeting (60 000 tkr). Sjöbacka kommun har 63 000 tkr att "
                "spara: det som ingen plan svarar för (ej fördelat, delar utan plan) står under Organisationen.") in out
        assert out.index("## Organisationen") < out.index(NOTE)
    english = invoke("gap", "--unit", "tkr", "--format", "markdown", "--lang", "en")[1]
    assert "Here the plans are reckoned against their own targets (60 000 tkr)." in english


def test_no_note_where_the_plans_answer_for_the_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "budgetbalans.yaml").write_text("organisation: Nämnden\ntarget: 500\n", encoding="utf-8")
    (tmp_path / "plans" / "plan.yaml").write_text(
        "title: Plan\norganisation: Nämnden\nyears: [2025]\nmeasures:\n"
        "  - {id: '1', title: Insats, effects: {2025: 300}}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("gap", "--format", "markdown")
    assert code == 0, err
    assert "## Organisationen" in out and NOTE not in out  # the single plan takes the whole 500
