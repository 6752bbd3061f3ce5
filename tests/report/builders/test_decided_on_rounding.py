"""A scenario's figure is shown rounded only with the note that says so: the expected effect of 1 001 tkr
at 50 % is 500,5 tkr, which a report in whole tkr shows as 501 and must call rounded."""

from __future__ import annotations

from pathlib import Path

from tests.command import invoke

PLAN = """\
title: Liten plan
unit: tkr
years: [2025]
target: 1000
measures:
  - id: "1"
    title: Åtgärd
    probability: 50 %
    effects: {2025: 1001}
"""


def test_a_rounded_expected_effect_is_called_rounded(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    code, out, err = invoke("gap", str(path), "--format", "markdown")
    assert code == 0, err
    assert "| Förväntat | 501 | 501 |" in out.replace("**", "")
    assert "Beloppen är avrundade; summorna är räknade på exakta belopp." in out


def test_exact_figures_need_no_note(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.replace("1001", "1002"), encoding="utf-8")
    code, out, err = invoke("gap", str(path), "--format", "markdown")
    assert code == 0, err
    assert "| Förväntat | 501 | 501 |" in out.replace("**", "")
    assert "avrundade" not in out
