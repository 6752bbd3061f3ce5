"""Issue 23, the core: what a nämnd decides on, added up by hand and by core/scenarios.py.

Plan A (tkr, target 1 000 per year for 2024 and 2025):

1. 400 in 2024, one-off, 50 %, beslutad by the nämnd, staff −3 in 2024.
2. full_year 600 from 1 July 2024 (300 in 2024) and 500 written for 2025, 75 %, beslutad by the
   förvaltning, staff −0,5 in 2024 and −2 in 2025.
3. 200 / 400, no probability (100 %), återremitterad, ks.
4. 1 000 / 1 000, avslagen, kf, staff −10 in 2024.
5. 100–200 in 2025, 40 %, no decision.

Measure 4 is rejected: it counts zero everywhere (and its staff too). Measure 3 is referred back:
it counts as proposed (planned and expected, not decided).

- Planerat: 2024 400+300+200 = 900; 2025 500+400+(100–200) = 1 000–1 100; period 1 900–2 000.
  Gaps 100 and −100–0; net 0–100; shortfall 100 (2025's possible surplus covers nothing of 2024).
- Beslutat (1, 2): 2024 700, 2025 500, period 1 200; gaps 300 and 500; shortfall 800.
- Förväntat: 2024 200+225+200 = 625; 2025 375+400+(40–80) = 815–855; period 1 440–1 480;
  gaps 375 and 145–185; shortfall 520–560.
- One-off: 2024 400, 2025 0. Lasting: 600 (2's full_year, not its 500 of 2025) + 400 + 100–200
  = 1 100–1 200. Staff: 2024 −3,5, 2025 −2 (not the rejected measure's −10).

Plan B (target 500 for the period): one decided measure of 1 000 in 2024 at 100 %: a surplus of
500 in every scenario. Read together (target 2 500 for the period), B's expected surplus must not
hide A's shortfall: the expected net gap is 2 500 − (2 440–2 480) = 20–60, the shortfall 520–560.
"""

from __future__ import annotations

from decimal import Decimal

from budgetbalans.core.gap import GapKind
from budgetbalans.core.grouping import GroupBy, group_totals
from budgetbalans.core.scenarios import expected
from budgetbalans.core.summary import Summary, summarize
from budgetbalans.plan.money import Range
from budgetbalans.read.loader import load_plan
from tests.models import WritePlan

PLAN_A = """\
title: Åtgärdsplan A
years: [2024, 2025]
target: {2024: 1000, 2025: 1000}
measures:
  - id: "1"
    title: Obudgeterade statsbidrag
    effects: {2024: 400}
    one_off: true
    probability: 50 %
    decision: {by: nämnd, state: beslutad, date: 2024-03-12, ref: SN 2024/112 § 45}
    staff: {2024: -3}
    consequences:
      brukare: Längre handläggningstid
  - id: "2"
    title: Bemanning efter behov
    full_year: 600
    start: 2024-07-01
    effects: {2025: 500}
    probability: 75 %
    decision:
      by: förvaltning
      state: beslutad
    staff: {2024: "-0,5", 2025: -2}
  - id: "3"
    title: Lokaler
    effects: {2024: 200, 2025: 400}
    decision: {by: ks, state: återremitterad}
  - id: "4"
    title: Stänga dagverksamheten
    effects: {2024: 1000, 2025: 1000}
    decision: {by: kf, state: avslagen}
    staff: {2024: -10}
  - id: "5"
    title: Samordnade inköp
    effects: {2025: 100-200}
    probability: 40 %
"""

PLAN_B = """\
title: Åtgärdsplan B
years: [2024, 2025]
target: 500
measures:
  - id: "1"
    title: Färre hyrda lokaler
    effects: {2024: 1000}
    probability: 100 %
    decision: {by: nämnd, state: beslutad}
"""


def tkr(low: int | str, high: int | str | None = None) -> Range:
    """A range written in tkr, as exact kronor."""
    low_kr = Decimal(low) * 1000
    return Range(low_kr, low_kr if high is None else Decimal(high) * 1000)


def _read(write_plan: WritePlan, *texts: tuple[str, str]) -> Summary:
    return summarize([load_plan(write_plan(text, name)) for text, name in texts])


def test_the_three_scenarios_of_one_plan_with_a_per_year_target(write_plan: WritePlan) -> None:
    totals = _read(write_plan, (PLAN_A, "a.yaml")).totals
    scenarios = totals.scenarios
    assert scenarios is not None
    planned, decided, likely = scenarios.planned, scenarios.decided, scenarios.expected

    assert planned.per_year == {2024: tkr(900), 2025: tkr(1000, 1100)} == dict(totals.per_year)
    assert planned.total == tkr(1900, 2000) == totals.total
    assert planned.gap is not None and planned.gap.total == tkr(0, 100)
    assert planned.gap.years == {2024: tkr(100), 2025: tkr(-100, 0)}
    assert planned.shortfall == tkr(100)  # 2025's possible surplus covers nothing of 2024

    assert decided.per_year == {2024: tkr(700), 2025: tkr(500)}
    assert decided.total == tkr(1200)
    assert decided.gap is not None and decided.gap.years == {2024: tkr(300), 2025: tkr(500)}
    assert decided.shortfall == tkr(800)
    assert decided.gap.kind is GapKind.SHORT

    assert likely.per_year == {2024: tkr(625), 2025: tkr(815, 855)}
    assert likely.total == tkr(1440, 1480)
    assert likely.gap is not None and likely.gap.years == {2024: tkr(375), 2025: tkr(145, 185)}
    assert likely.shortfall == tkr(520, 560)


def test_a_rejected_measure_counts_zero_and_a_referred_back_one_counts_as_proposed(write_plan: WritePlan) -> None:
    summary = _read(write_plan, (PLAN_A, "a.yaml"))
    by_id = {m.measure.id: m for m in summary.measures}
    assert by_id["4"].rejected and not by_id["4"].counted
    assert not by_id["3"].rejected and by_id["3"].counted
    assert summary.totals.potential == tkr(0)  # a rejected measure is no possible effect either
    assert summary.plans[0].totals.per_year[2024] == tkr(900)  # not 1 900


def test_one_off_part_lasting_level_and_staff(write_plan: WritePlan) -> None:
    totals = _read(write_plan, (PLAN_A, "a.yaml")).totals
    assert totals.one_off == {2024: tkr(400), 2025: tkr(0)}
    assert totals.lasting == tkr(1100, 1200)  # 600 (full_year) + 400 + 100–200; the one-off 400 is gone
    assert totals.staff == {2024: Decimal("-3.5"), 2025: Decimal(-2)}  # the rejected −10 changes nobody


def test_lasting_without_full_year_is_the_last_years_effect(write_plan: WritePlan) -> None:
    text = PLAN_A.replace("    full_year: 600\n    start: 2024-07-01\n    effects: {2025: 500}\n",
                          "    effects: {2024: 300, 2025: 500}\n")
    totals = _read(write_plan, (text, "a.yaml")).totals
    assert totals.per_year == {2024: tkr(900), 2025: tkr(1000, 1100)}
    assert totals.lasting == tkr(1000, 1100)  # 500 + 400 + 100–200


def test_two_plans_each_answer_for_their_own_expected_shortfall(write_plan: WritePlan) -> None:
    summary = _read(write_plan, (PLAN_A, "a.yaml"), (PLAN_B, "b.yaml"))
    scenarios = summary.totals.scenarios
    assert scenarios is not None
    likely = scenarios.expected
    assert likely.total == tkr(2440, 2480)
    assert likely.gap is not None and likely.gap.total == tkr(20, 60)  # the net: B's surplus set against A
    assert likely.shortfall == tkr(520, 560)  # A's own shortfall, not hidden
    assert scenarios.planned.gap is not None and scenarios.planned.gap.total == tkr(-500, -400)
    assert scenarios.planned.shortfall == tkr(100)
    assert scenarios.decided.shortfall == tkr(800)
    plan_b = summary.plans[1].totals.scenarios
    assert plan_b is not None and plan_b.expected.shortfall == tkr(0)
    assert plan_b.expected.gap is not None and plan_b.expected.gap.total == tkr(-500)
    assert summary.totals.lasting == tkr(1100, 1200)  # B's measure has no effect in its last year
    assert summary.totals.staff == {2024: Decimal("-3.5"), 2025: Decimal(-2)}


def test_a_plan_without_the_keys_has_none_of_their_figures(write_plan: WritePlan) -> None:
    plain = "title: P\ntarget: 100\nmeasures:\n  - id: '1'\n    title: X\n    effects: {2024: 50}\n"
    summary = _read(write_plan, (plain, "p.yaml"))
    assert not summary.uses.any
    totals = summary.totals
    assert (totals.scenarios, totals.one_off, totals.lasting, totals.staff) == (None, None, None, None)


def test_expected_effect_is_exact_bound_by_bound() -> None:
    assert expected(Range(Decimal(1001), Decimal(3)), Decimal("0.333")) == Range(Decimal("333.333"), Decimal("0.999"))
    assert expected(Range(Decimal(100), None), Decimal("0.5")) == Range(Decimal(50), None)
    assert expected(Range(Decimal(100), None), Decimal(0)) == Range(Decimal(0), Decimal(0))
    assert expected(Range(Decimal(7), Decimal(7)), None) == Range(Decimal(7), Decimal(7))


def test_group_by_decision_level(write_plan: WritePlan) -> None:
    summary = _read(write_plan, (PLAN_A, "a.yaml"))
    groups = group_totals(summary, GroupBy.DECISION)
    assert [(g.key, g.name, g.measures) for g in groups] == [
        ("förvaltning", "förvaltning", 1), ("nämnd", "nämnd", 1), ("ks", "ks", 1), ("", None, 1)]
    assert [g.total for g in groups] == [tkr(800), tkr(400), tkr(600), tkr(100, 200)]
    assert [g.per_year[2024] for g in groups] == [tkr(300), tkr(400), tkr(200), tkr(0)]

