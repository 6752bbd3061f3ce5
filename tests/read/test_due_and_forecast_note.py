"""The plan keys `due` and `forecast_note` (issue 25): read, and refused at path:line:column with the fix, in
Swedish and English; the Swedish words for them answered with the right key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.command import invoke

PLAN = """\
title: T
years: [2025]
measures:
  - id: "1"
    title: A
    due: {due}
    forecast_note: {note}
"""


def _check(tmp_path: Path, text: str, lang: str = "sv") -> tuple[int, str]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = invoke("--lang", lang, "check", str(path))
    return code, (out + err).replace(str(path), "plan.yaml")


def test_read(tmp_path: Path) -> None:
    from budgetbalans.read.loader import load_text

    measure = load_text(PLAN.format(due="2025-06-30", note="Upphandlingen försenad"), "x.yaml").measures[0]
    assert (measure.due, measure.forecast_note) == (date(2025, 6, 30), "Upphandlingen försenad")
    assert _check(tmp_path, PLAN.format(due="2025-06-30", note="x"))[0] == 0


def test_a_swedish_date_is_answered_with_the_date_to_write(tmp_path: Path) -> None:
    text = PLAN.format(due="30/6 2025", note="x")
    assert _check(tmp_path, text) == (1, "plan.yaml:6:10: 'due': skriv datumet som 2025-06-30 (ÅÅÅÅ-MM-DD), inte "
                                         "'30/6 2025'\n1 problem i 1 av 1 plan\n")
    code, out = _check(tmp_path, text, "en")
    assert code == 1 and out.startswith("plan.yaml:6:10: 'due': write the date as 2025-06-30 (YYYY-MM-DD), not '30/6 2025'")


def test_not_a_date(tmp_path: Path) -> None:
    code, out = _check(tmp_path, PLAN.format(due="snart", note="x"))
    assert code == 1 and out.startswith("plan.yaml:6:10: 'due': 'snart' är inget datum; skriv det som ÅÅÅÅ-MM-DD")


def test_the_words_controllers_write(tmp_path: Path) -> None:
    text = PLAN.format(due="2025-06-30", note="x").replace("due:", "klart_senast:").replace(
        "forecast_note:", "prognoskommentar:")
    code, out = _check(tmp_path, text)
    assert code == 1
    assert "plan.yaml:6:5: okänd nyckel 'klart_senast' — menade du 'due'?" in out
    assert "plan.yaml:7:5: okänd nyckel 'prognoskommentar' — menade du 'forecast_note'?" in out
    code, out = _check(tmp_path, text, "en")
    assert "plan.yaml:6:5: unknown key 'klart_senast' — did you mean 'due'?" in out
