"""Issue 23, ``diff`` of a plan whose measures change probability, decision and one-off, in every format.

The plans and the figures by hand: tests/core/test_diff_decided_on.py. Here: the JSON (kronor,
exact), the words in Markdown in Swedish and English, every format showing the change, a diff of
plans without the keys without the new JSON keys, and ``diff --base`` in a real git repository.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.command import invoke, invoke_bytes
from tests.core.test_diff_decided_on import AFTER, BEFORE, PLAIN
from tests.gitrepo import commit_on_main
from tests.models import WritePlan


def kr(low: int, high: int | None = None) -> dict[str, int]:
    """An amount of tkr as the JSON has it, in kronor."""
    return {"low": low * 1000, "high": (low if high is None else high) * 1000}


def _files(write_plan: WritePlan, before: str = BEFORE, after: str = AFTER) -> tuple[str, str]:
    return str(write_plan(before, "before.yaml")), str(write_plan(after, "after.yaml"))


def _json(*args: str) -> Any:
    code, out, err = invoke("diff", *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def test_json_scenarios_by_hand(write_plan: WritePlan) -> None:
    document = _json(*_files(write_plan))
    scenarios = document["scenarios"]
    assert scenarios["decided"]["before"]["totals"] == {"2024": kr(0), "2025": kr(0)}
    assert scenarios["decided"]["after"]["total"] == kr(600)
    assert scenarios["decided"]["after"]["shortfall_years"] == {"2024": kr(700), "2025": kr(700)}
    assert scenarios["decided"]["change"]["shortfall"] == kr(-600)
    assert scenarios["decided"]["change"]["worse"] is False
    assert scenarios["expected"]["before"]["totals"] == {"2024": kr(900), "2025": kr(700)}
    assert scenarios["expected"]["after"]["totals"] == {"2024": kr(920), "2025": kr(720)}
    assert scenarios["expected"]["change"]["total"] == kr(40)
    assert scenarios["expected"]["after"]["shortfall"] == kr(360)
    assert scenarios["planned"]["change"]["totals"] == {"2024": kr(-100), "2025": kr(-100)}
    assert scenarios["planned"]["change"]["shortfall_grows"] == [2025]
    assert scenarios["planned"]["change"] == document["change"]
    assert document["worse"] is True
    assert document["plans"][0]["scenarios"]["expected"]["change"]["total"] == kr(40)


def test_json_measure_values_and_scenarios(write_plan: WritePlan) -> None:
    measures = {m["id"]: m for m in _json(*_files(write_plan))["measures"]}
    assert measures["1"]["values"] == {"probability": {"before": 0.5, "after": 0.8}}
    assert measures["1"]["scenarios"]["expected"] == {"before": kr(400), "after": kr(640), "change": kr(240)}
    assert measures["2"]["values"]["decision"] == {
        "before": {"by": "nämnd", "state": "föreslagen", "date": None, "ref": None},
        "after": {"by": "nämnd", "state": "beslutad", "date": None, "ref": "SN 2024/12 § 3"}}
    assert measures["2"]["scenarios"]["decided"] == {"before": kr(0), "after": kr(600), "change": kr(600)}
    assert measures["3"]["values"] == {"one_off": {"before": False, "after": True},
                                       "staff": {"before": {}, "after": {"2024": -1}},
                                       "consequences": {"before": {}, "after": {"brukare": "Ingen påverkan"}}}
    assert measures["4"]["values"]["decision"]["after"]["state"] == "avslagen"
    assert measures["4"]["scenarios"]["planned"]["change"] == kr(-200)


def test_json_without_the_keys_has_no_new_keys(write_plan: WritePlan) -> None:
    document = _json(*_files(write_plan, PLAIN, PLAIN.replace("300", "400")))
    assert "scenarios" not in document
    assert "scenarios" not in document["measures"][0]
    assert "scenarios" not in document["plans"][0]


@pytest.mark.parametrize("lang, words", [
    ("sv", ["sannolikhet: 50 % → 80 %", "beslut: föreslagen → beslutad", "beslutsreferens: – → SN 2024/12 § 3",
            "engångseffekt: nej → ja", "årsarbetare: 2024: – → -1", "konsekvenser: brukare",
            "beslut: föreslagen → avslagen", "### Täckning per scenario",
            "| **Förväntat ändring** | **+20** | **+20** | **+40** |",
            "| Beslutat: kvar att spara efter | 700 | 700 | 1 400 |",
            "| Planerat: kvar att spara efter | 0 | 200 | 200 |"]),
    ("en", ["probability: 50 % → 80 %", "decision: proposed → decided", "one-off: no → yes",
            "decision: proposed → rejected", "### Coverage by scenario",
            "| **Expected change** | **+20** | **+20** | **+40** |",
            "| Decided: still to save after | 700 | 700 | 1 400 |"]),
])
def test_markdown_words(write_plan: WritePlan, lang: str, words: list[str]) -> None:
    code, out, err = invoke("diff", *_files(write_plan), "--format", "markdown", "--lang", lang)
    assert code == 0, err
    for text in words:
        assert text in out, text


@pytest.mark.parametrize("fmt", ["table", "csv", "html", "github"])
def test_every_text_format_shows_the_change(write_plan: WritePlan, fmt: str) -> None:
    code, out, err = invoke("diff", *_files(write_plan), "--format", fmt)
    assert code == 0, err
    assert "beslut: föreslagen → beslutad" in out
    assert "sannolikhet: 50 %" in out
    if fmt != "github":
        assert "Förväntat" in out


def test_xlsx_shows_the_change(write_plan: WritePlan, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "diff.xlsx"
    code, _, err = invoke_bytes("diff", *_files(write_plan), "--format", "xlsx", "-o", str(target))
    assert code == 0, err
    cells = [str(c) for sheet in load_workbook(target).worksheets
             for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "sannolikhet: 50 % → 80 %" in cells
    assert "Förväntat" in cells


def test_fail_on_worse_reads_the_planned_scenario(write_plan: WritePlan) -> None:
    before, after = _files(write_plan)
    assert invoke("diff", before, after, "--fail-on-worse", "--format", "json")[0] == 1
    sent_back = write_plan(AFTER.replace("state: beslutad, ref", "state: återremitterad, ref"), "back.yaml")
    code, out, _ = invoke("diff", after, str(sent_back), "--fail-on-worse", "--format", "json")
    assert code == 0  # only the decided scenario is worse
    assert json.loads(out)["scenarios"]["decided"]["change"]["worse"] is True


@pytest.mark.clients
def test_diff_base_in_a_git_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = commit_on_main(tmp_path / "kommun", "Plan 2024–2025", {"plans/social.yaml": BEFORE})
    (root / "plans" / "social.yaml").write_text(AFTER, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    document = _json("--base", "main")
    assert document["base"] == "main"
    assert document["scenarios"]["expected"]["change"]["totals"] == {"2024": kr(20), "2025": kr(20)}
    assert document["scenarios"]["decided"]["after"]["total"] == kr(600)
    code, out, err = invoke("diff", "--base", "main", "--format", "markdown")
    assert code == 0, err
    assert "sannolikhet: 50 % → 80 %" in out
    assert "beslut: föreslagen → beslutad" in out


def test_a_probability_is_shown_exactly_as_in_summarize(write_plan: WritePlan) -> None:
    """12,5 % is 12,5 % in the diff too (a coverage is rounded to whole per cent; a probability never)."""
    before, after = _files(write_plan, BEFORE.replace("probability: 50 %", "probability: 12,5 %"), AFTER)
    code, out, err = invoke("diff", before, after, "--format", "markdown")
    assert code == 0, err
    assert "sannolikhet: 12,5 % → 80 %" in out
    code, out, err = invoke("summarize", before, "--format", "markdown")
    assert code == 0, err
    assert "| 12,5 % |" in out
