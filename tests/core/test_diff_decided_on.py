"""Issue 23, diff: a change of probability, decision or one-off is a change of the measure, and of the three scenarios.

Two versions of a plan (tkr, target 1 000 for each of 2024 and 2025). Before:

1. 400 / 400 at 50 %; 2. 300 / 300, föreslagen by the nämnd; 3. 200 in 2024; 4. 100 / 100,
föreslagen by kf; 5. 100 / 100. After: 1 goes to 80 %, 2 is beslutad (with a reference), 3 becomes
one-off (with staff and a consequence), 4 is avslagen (counts zero), 5 is the same.

By hand, per year 2024 / 2025 and the period:

- Planerat: before 1 100 / 900 / 2 000, shortfall 0 / 100 / 100; after (4 gone) 1 000 / 800 /
  1 800, shortfall 0 / 200 / 200: more still to save (what ``--fail-on-worse`` reads).
- Beslutat: before nothing decided, 0 / 0 / 0, shortfall 1 000 / 1 000 / 2 000; after 2:
  300 / 300 / 600, shortfall 700 / 700 / 1 400: less still to save.
- Förväntat: before 200 + 300 + 200 + 100 + 100 = 900, 200 + 300 + 100 + 100 = 700, 1 600, shortfall
  100 / 300 / 400; after 320 + 300 + 200 + 100 = 920, 320 + 300 + 100 = 720, 1 640, shortfall
  80 / 280 / 360: less still to save.
- Measure 1 adds 400 → 640 to Förväntat (+240); 2 adds 0 → 600 to Beslutat; 4 takes 200 from
  Förväntat and Planerat.
"""

from __future__ import annotations

from decimal import Decimal

from budgetbalans.core.diff import PlanDiff, Verdict, compare
from budgetbalans.plan.money import Range
from budgetbalans.read.loader import load_plan
from tests.models import WritePlan

BEFORE = """\
title: Socialnämnden
unit: tkr
years: [2024, 2025]
target: {2024: 1000, 2025: 1000}
measures:
  - id: "1"
    title: Sannolik åtgärd
    effects: {2024: 400, 2025: 400}
    probability: 50 %
  - id: "2"
    title: Åtgärd som beslutas
    effects: {2024: 300, 2025: 300}
    decision: {by: nämnd, state: föreslagen}
  - id: "3"
    title: Statsbidrag
    effects: {2024: 200}
  - id: "4"
    title: Åtgärd som avslås
    effects: {2024: 100, 2025: 100}
    decision: {by: kf, state: föreslagen}
  - id: "5"
    title: Oförändrad åtgärd
    effects: {2024: 100, 2025: 100}
"""

AFTER = (BEFORE.replace("probability: 50 %", "probability: 80 %")
         .replace("{by: nämnd, state: föreslagen}", "{by: nämnd, state: beslutad, ref: SN 2024/12 § 3}")
         .replace("{by: kf, state: föreslagen}", "{by: kf, state: avslagen}")
         .replace("    effects: {2024: 200}\n", "    effects: {2024: 200}\n    one_off: true\n    staff: {2024: -1}\n"
                  "    consequences: {brukare: Ingen påverkan}\n"))

#: A plan without the new keys, and the same plan with measure S1 decided.
PLAIN = """\
title: Skola
unit: tkr
years: [2024]
target: 500
measures:
  - id: S1
    title: Skolskjuts
    effects: {2024: 300}
"""
PLAIN_DECIDED = PLAIN.replace("effects: {2024: 300}\n", "effects: {2024: 300}\n    decision: {state: beslutad}\n")


def tkr(low: int, high: int | None = None) -> Range:
    return Range(Decimal(low * 1000), Decimal((low if high is None else high) * 1000))


def _compare(write_plan: WritePlan, before: str, after: str) -> PlanDiff:
    old = load_plan(write_plan(before, "before.yaml"))
    new = load_plan(write_plan(after, "after.yaml"))
    return compare([("plan", old)], [("plan", new)])


def test_each_change_is_a_change_of_the_measure(write_plan: WritePlan) -> None:
    diff = _compare(write_plan, BEFORE, AFTER)
    fields = {m.id: m.fields for m in diff.measures}
    assert fields == {"1": ("probability",), "2": ("decision",), "3": ("one_off", "staff", "consequences"),
                      "4": ("decision",)}
    assert diff.unchanged == 1


def test_the_scenarios_before_after_and_their_change(write_plan: WritePlan) -> None:
    scenarios = _compare(write_plan, BEFORE, AFTER).scenarios
    assert scenarios is not None
    expected = {  # name: (before per year, after per year, shortfall before, shortfall after) by hand
        "decided": ((0, 0), (300, 300), (1000, 1000), (700, 700)),
        "expected": ((900, 700), (920, 720), (100, 300), (80, 280)),
        "planned": ((1100, 900), (1000, 800), (0, 100), (0, 200)),
    }
    for name, totals in scenarios.items():
        before, after, short_before, short_after = expected[name]
        assert [c.total_before for c in totals.years] == [tkr(v) for v in before], name
        assert [c.total_after for c in totals.years] == [tkr(v) for v in after], name
        assert [c.shortfall_before for c in totals.years] == [tkr(v) for v in short_before], name
        assert [c.shortfall_after for c in totals.years] == [tkr(v) for v in short_after], name
        assert totals.period.total_change == tkr(sum(after) - sum(before)), name
        assert totals.period.shortfall_change == tkr(sum(short_after) - sum(short_before)), name


def test_verdicts_per_scenario_and_fail_on_worse_reads_the_planned(write_plan: WritePlan) -> None:
    diff = _compare(write_plan, BEFORE, AFTER)
    assert diff.scenarios is not None
    assert [c.verdict for c in diff.scenarios.decided.years] == [Verdict.SHRINKS, Verdict.SHRINKS]
    assert [c.verdict for c in diff.scenarios.expected.years] == [Verdict.SHRINKS, Verdict.SHRINKS]
    assert diff.scenarios.planned.years[1].verdict is Verdict.GROWS
    assert diff.scenarios.planned == diff.totals  # Planerat is the totals
    assert diff.worse


def test_a_decision_sent_back_is_worse_for_the_decided_scenario_only(write_plan: WritePlan) -> None:
    sent_back = AFTER.replace("state: beslutad, ref", "state: återremitterad, ref")
    diff = _compare(write_plan, AFTER, sent_back)
    assert diff.scenarios is not None
    assert diff.scenarios.decided.period.verdict is Verdict.GROWS
    assert diff.scenarios.decided.worse
    assert not diff.worse  # --fail-on-worse keeps its meaning: the planned scenario


def test_each_measure_adds_to_the_scenarios(write_plan: WritePlan) -> None:
    diff = _compare(write_plan, BEFORE, AFTER)
    parts = {m.id: {name: (old, new, moved) for name, old, new, moved in m.scenarios} for m in diff.measures}
    assert parts["1"]["expected"] == (tkr(400), tkr(640), tkr(240))
    assert parts["1"]["planned"] == (tkr(800), tkr(800), tkr(0))
    assert parts["2"]["decided"] == (tkr(0), tkr(600), tkr(600))
    assert parts["4"]["expected"] == (tkr(200), tkr(0), tkr(-200))
    assert parts["4"]["planned"] == (tkr(200), tkr(0), tkr(-200))


def test_a_side_without_the_keys_has_nothing_decided(write_plan: WritePlan) -> None:
    diff = _compare(write_plan, PLAIN, PLAIN_DECIDED)
    assert diff.scenarios is not None
    assert diff.scenarios.decided.period.total_before == tkr(0)
    assert diff.scenarios.decided.period.total_after == tkr(300)
    assert diff.scenarios.expected.period.total_before == tkr(300)  # 100 % without a probability
    assert diff.scenarios.decided.period.verdict is Verdict.SHRINKS


def test_plans_without_the_keys_have_no_scenarios(write_plan: WritePlan) -> None:
    diff = _compare(write_plan, PLAIN, PLAIN.replace("300", "400"))
    assert diff.scenarios is None
    assert all(plan.scenarios is None for plan in diff.plans)
