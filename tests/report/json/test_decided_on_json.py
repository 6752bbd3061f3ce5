"""Issue 23, the JSON contract: ``summarize`` and ``gap --format json`` carry the figures of what a nämnd
decides on (the plans and hand-computed figures of tests/core/test_scenarios.py), and only where a measure
read uses the keys."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.command import invoke
from tests.core.test_scenarios import PLAN_A, PLAN_B
from tests.models import WritePlan


def r(low: int, high: int | None = None) -> dict[str, int]:
    """A range in kronor as the contract writes it, from tkr."""
    return {"low": low * 1000, "high": (low if high is None else high) * 1000}


def _json(command: str, *paths: Path, extra: tuple[str, ...] = ()) -> Any:
    code, out, err = invoke(command, *map(str, paths), "--format", "json", *extra)
    assert code == 0, err
    return json.loads(out)


def test_summarize_json_scenarios_one_off_lasting_staff(write_plan: WritePlan) -> None:
    document = _json("summarize", write_plan(PLAN_A, "a.yaml"))
    scenarios = document["scenarios"]
    assert list(scenarios) == ["decided", "expected", "planned"]
    assert scenarios["planned"]["totals"] == {"2024": r(900), "2025": r(1000, 1100)} == document["totals"]
    assert scenarios["planned"]["total"] == r(1900, 2000)
    assert scenarios["planned"]["gap"] == {**r(0, 100), "years": {"2024": r(100), "2025": r(-100, 0)}}
    assert scenarios["planned"]["shortfall"] == r(100)
    assert scenarios["decided"]["totals"] == {"2024": r(700), "2025": r(500)}
    assert scenarios["decided"]["total"] == r(1200)
    assert scenarios["decided"]["shortfall"] == r(800)
    assert scenarios["decided"]["shortfall_years"] == {"2024": r(300), "2025": r(500)}
    assert scenarios["expected"]["totals"] == {"2024": r(625), "2025": r(815, 855)}
    assert scenarios["expected"]["total"] == r(1440, 1480)
    assert scenarios["expected"]["shortfall"] == r(520, 560)
    assert scenarios["expected"]["gap_kind"] == "short"
    assert document["one_off"] == {"2024": r(400), "2025": r(0)}
    assert document["lasting"] == r(1100, 1200)
    assert document["staff"] == {"2024": -3.5, "2025": -2}
    assert document["plans"][0]["scenarios"] == scenarios  # one plan: its own figures are the totals


def test_summarize_json_per_measure(write_plan: WritePlan) -> None:
    measures = {m["id"]: m for m in _json("summarize", write_plan(PLAN_A, "a.yaml"))["measures"]}
    first = measures["1"]
    assert first["probability"] == 0.5
    assert first["expected"] == {"2024": r(200)}
    assert first["decision"] == {"by": "nämnd", "state": "beslutad", "date": "2024-03-12", "ref": "SN 2024/112 § 45"}
    assert first["one_off"] is True
    assert first["staff"] == {"2024": -3}
    assert first["consequences"] == {"brukare": "Längre handläggningstid"}
    assert measures["2"]["staff"] == {"2024": -0.5, "2025": -2}
    assert measures["3"]["probability"] is None and measures["3"]["decision"]["state"] == "återremitterad"
    assert measures["3"]["counted"] is True and measures["3"]["rejected"] is False
    assert measures["4"]["rejected"] is True and measures["4"]["counted"] is False
    assert measures["5"]["decision"] is None and measures["5"]["expected"] == {"2025": r(40, 80)}
    assert measures["5"]["consequences"] == {} and measures["5"]["one_off"] is False


def test_gap_json_two_plans_each_answer_for_their_own(write_plan: WritePlan) -> None:
    document = _json("gap", write_plan(PLAN_A, "a.yaml"), write_plan(PLAN_B, "b.yaml"))
    expected = document["scenarios"]["expected"]
    assert expected["total"] == r(2440, 2480)
    assert expected["gap"] == r(20, 60)  # the net, B's surplus set against A's shortfall
    assert expected["shortfall"] == r(520, 560)  # what is still to save: A's own
    assert expected["gap_kind"] == "short"
    assert document["scenarios"]["planned"]["shortfall"] == r(100)
    assert document["scenarios"]["decided"]["shortfall"] == r(800)
    own = [plan["scenarios"]["expected"]["shortfall"] for plan in document["plans"]]
    assert own == [r(520, 560), r(0)]
    assert document["lasting"] == r(1100, 1200)
    assert "measures" not in document


def test_group_by_decision_json(write_plan: WritePlan) -> None:
    groups = _json("summarize", write_plan(PLAN_A, "a.yaml"), extra=("--group-by", "decision"))["groups"]
    assert groups["by"] == "decision"
    assert [(g["key"], g["name"], g["total"]) for g in groups["groups"]] == [
        ("förvaltning", "förvaltning", r(800)), ("nämnd", "nämnd", r(400)), ("ks", "ks", r(600)),
        ("", None, r(100, 200))]


def test_group_by_decision_in_a_report_names_the_levels(write_plan: WritePlan) -> None:
    code, out, err = invoke("summarize", str(write_plan(PLAN_A, "a.yaml")), "--format", "markdown",
                            "--group-by", "decision")
    assert code == 0, err
    assert "Delsummor per beslutsnivå" in out and "ej angivet" in out and "förvaltning" in out


def test_only_the_keys_a_plan_uses(write_plan: WritePlan) -> None:
    """A plan with staff only gets staff; one without the keys gets none of them (its JSON is as before)."""
    staff_only = ("title: P\nmeasures:\n  - id: '1'\n    title: X\n    effects: {2024: 50}\n"
                  "    staff: {2024: -1}\n")
    document = _json("summarize", write_plan(staff_only, "p.yaml"))
    assert document["staff"] == {"2024": -1}
    assert "scenarios" not in document and "one_off" not in document
    assert set(document["measures"][0]) & {"staff", "probability", "one_off"} == {"staff"}
    plain = write_plan(staff_only.replace("    staff: {2024: -1}\n", ""), "plain.yaml")
    for command in ("summarize", "gap"):
        document = _json(command, plain)
        keys = set(document) | {key for item in document.get("measures", []) for key in item}
        assert not keys & {"scenarios", "one_off", "lasting", "staff", "probability", "decision", "expected",
                           "rejected", "consequences"}
