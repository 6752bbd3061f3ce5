"""The calculation (budgetbalans.core.summary): classes, pro rata, totals, gaps, reconciliation.

Plain functions on validated models; every figure is exact kronor, worked out by hand in
the test (never taken from the tool).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from tests.models import make_measure, make_plan

from budgetbalans.core.gap import gap
from budgetbalans.core.summary import (
    Summary, first_counted_month, measure_class, measure_effects, reconcile, summarize,
)
from budgetbalans.plan.classes import class_of_amount, interval_class, IntervalClass
from budgetbalans.plan.period import pro_rata
from budgetbalans.read.loader import load_plan
from budgetbalans.plan.models import Plan, Status
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.json.reports import dumps, span
from budgetbalans.report.json.reports import summary as summary_json
from tests.paths import ROOT

SEED_002_PLAN = ROOT / "plans" / "vard-och-social-2024-2026.yaml"


def kr(amount: int) -> Range:
    return Range(Decimal(amount), Decimal(amount))


def span_kr(low: int | None, high: int | None) -> Range:
    return Range(None if low is None else Decimal(low), None if high is None else Decimal(high))


def bounds(value: Range) -> tuple[Decimal | None, Decimal | None]:
    return value.low, value.high


def per_year(summary: Summary) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    return {year: bounds(value) for year, value in summary.totals.per_year.items()}


# --- interval classes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kronor", "expected"),
    [
        (99_999, None),
        (100_000, 1),
        (100_001, 1),
        (999_999, 1),
        (1_000_000, 1),
        (1_000_001, 2),
        (1_999_999, 2),
        (2_000_000, 2),
        (2_000_001, 3),
        (3_000_000, 3),
        (3_000_001, 4),
        (50_000_000, 4),
        (0, None),
        (-1, None),
        (-5_000_000, None),
    ],
)
def test_class_of_amount_boundaries(kronor: int, expected: int | None) -> None:
    assert class_of_amount(Decimal(kronor)) == expected


def test_class_of_amount_just_over_a_bound_by_an_ore() -> None:
    assert class_of_amount(Decimal("99999.99")) is None
    assert class_of_amount(Decimal("1000000.01")) == 2


def test_class_of_unbounded_high_is_four() -> None:
    assert class_of_amount(None) == 4


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (kr(99_999), None),
        (kr(100_000), "1"),
        (kr(1_000_000), "1"),
        (kr(1_000_001), "2"),
        (kr(2_000_000), "2"),
        (kr(2_000_001), "3"),
        (kr(3_000_000), "3"),
        (kr(3_000_001), "4"),
        (kr(-500_000), None),
        (span_kr(700_000, 1_600_000), "1-2"),
        (span_kr(500_000, 3_500_000), "1-4"),
        (span_kr(2_500_000, None), "3-4"),
        (span_kr(50_000, 200_000), "1"),  # the low end has no class
        (span_kr(-500_000, 50_000), None),
    ],
)
def test_interval_class(value: Range, expected: str | None) -> None:
    result = interval_class(value)
    assert (None if result is None else str(result)) == expected


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_interval_value_is_its_own_class(n: int) -> None:
    # {interval: 1} is 100 000..1 000 000 and {interval: 2} 1 000 000..2 000 000: the shared
    # bound must not make them "1-2".
    value = make_measure(effects={2024: {"interval": n}}).effects[2024]
    assert interval_class(value) == IntervalClass(n, n)
    assert str(interval_class(value)) == str(n)


def test_interval_class_str() -> None:
    assert str(IntervalClass(1, 2)) == "1-2"
    assert str(IntervalClass(3, 3)) == "3"


def test_measure_class_from_full_year_where_given() -> None:
    # full_year 2,1 mkr is class 3, though the year written in effects is only 0,5 mkr.
    measure = make_measure(full_year="2,1 mkr", start="2024-04-01", effects={2024: 500})
    assert measure_class(measure) == IntervalClass(3, 3)
    small = make_measure(full_year=50, effects={2024: 2500})
    assert measure_class(small) is None


def test_measure_class_from_the_year_with_the_highest_high() -> None:
    measure = make_measure(effects={2024: 2500, 2025: "700-1600", 2026: 150})
    assert measure_class(measure) == IntervalClass(3, 3)
    ranged = make_measure(effects={2024: 900, 2025: "700-1600"})
    assert measure_class(ranged) == IntervalClass(1, 2)


def test_measure_class_unbounded_high_is_highest() -> None:
    measure = make_measure(effects={2024: 2500, 2025: {"interval": 4}})
    assert measure_class(measure) == IntervalClass(4, 4)
    low_unbounded = make_measure(effects={2024: 2900, 2025: {"low": 50}})
    assert measure_class(low_unbounded) == IntervalClass(4, 4)


def test_measure_without_effects_has_no_class() -> None:
    assert measure_class(make_measure()) is None


# --- pro rata ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (date(2024, 4, 1), (2024, 4)),
        (date(2017, 3, 31), (2017, 4)),
        (date(2024, 1, 1), (2024, 1)),
        (date(2024, 1, 2), (2024, 2)),
        (date(2024, 12, 1), (2024, 12)),
        (date(2024, 12, 2), (2025, 1)),
        (date(2024, 12, 31), (2025, 1)),
    ],
)
def test_first_counted_month(start: date, expected: tuple[int, int]) -> None:
    assert first_counted_month(start) == expected


def test_full_year_from_july_2013() -> None:
    measure = make_measure(full_year="1,0 mkr", start="2013-07-01")
    assert measure_effects(measure, (2013, 2014, 2015)) == {
        2013: kr(500_000), 2014: kr(1_000_000), 2015: kr(1_000_000),
    }


@pytest.mark.parametrize(
    ("start", "kronor"),
    [
        ("2024-04-01", 1_050_000),  # April–December: 1 400 000 × 9/12
        ("2017-03-31", 1_050_000),  # a later day in March: also from April
        ("2024-03-01", 1_166_667),  # 1 400 000 × 10/12 = 1 166 666,67 → 1 166 667
        ("2024-03-02", 1_050_000),
        ("2024-01-01", 1_400_000),
        ("2024-12-01", 116_667),    # 1 400 000 / 12 = 116 666,67
        ("2024-02-01", 1_283_333),  # 1 400 000 × 11/12 = 1 283 333,33
        ("2024-01-31", 1_283_333),
    ],
)
def test_first_year_counts_from_the_first_whole_month(start: str, kronor: int) -> None:
    measure = make_measure(full_year=1400, start=start)
    year = int(start[:4])
    assert measure_effects(measure, (year,)) == {year: kr(kronor)}


def test_start_late_in_december_counts_from_january() -> None:
    measure = make_measure(full_year=1200, start="2024-12-15")
    assert measure_effects(measure, (2024, 2025, 2026)) == {2025: kr(1_200_000), 2026: kr(1_200_000)}


@pytest.mark.parametrize(
    ("full_year", "start", "kronor"),
    [
        ("1 kr", "2024-07-01", 1),   # 1 × 6/12 = 0,5 → 1 (half up)
        ("3 kr", "2024-07-01", 2),   # 1,5 → 2
        ("5 kr", "2024-07-01", 3),   # 2,5 → 3, not 2 (no banker's rounding)
        ("1 kr", "2024-10-01", 0),   # 0,25 → 0
        ("7 kr", "2024-05-01", 5),   # 7 × 8/12 = 4,67 → 5
        ("1 400 tkr", "2024-04-01", 1_050_000),
    ],
)
def test_pro_rata_rounds_to_whole_kronor_half_up(full_year: str, start: str, kronor: int) -> None:
    measure = make_measure(full_year=full_year, start=start)
    assert measure_effects(measure, (2024,)) == {2024: kr(kronor)}


def test_pro_rata_function() -> None:
    assert pro_rata(kr(1_400_000), 9) == kr(1_050_000)
    assert pro_rata(kr(1), 6) == kr(1)
    assert pro_rata(span_kr(700_000, 1_600_000), 3) == span_kr(175_000, 400_000)
    assert pro_rata(span_kr(3_000_000, None), 6) == span_kr(1_500_000, None)


def test_a_year_named_in_effects_wins_over_full_year() -> None:
    measure = make_measure(full_year=1000, start="2024-07-01", effects={2024: 200, 2026: 0})
    assert measure_effects(measure, (2024, 2025, 2026)) == {
        2024: kr(200_000), 2025: kr(1_000_000), 2026: kr(0),
    }


def test_full_year_without_start_fills_every_year() -> None:
    measure = make_measure(full_year=1000)
    assert measure_effects(measure, (2024, 2025, 2026)) == {
        2024: kr(1_000_000), 2025: kr(1_000_000), 2026: kr(1_000_000),
    }


def test_start_before_the_period_fills_the_period() -> None:
    measure = make_measure(full_year=1000, start="2022-07-01")
    assert measure_effects(measure, (2024, 2025)) == {2024: kr(1_000_000), 2025: kr(1_000_000)}


def test_start_after_the_period_gives_nothing() -> None:
    measure = make_measure(full_year=1000, start="2026-01-01")
    assert measure_effects(measure, (2024, 2025)) == {}


def test_effects_outside_the_period_are_left_out() -> None:
    measure = make_measure(effects={2024: 100, 2030: 100})
    assert measure_effects(measure, (2024, 2025)) == {2024: kr(100_000)}


def test_range_full_year_is_pro_rata_bound_by_bound() -> None:
    measure = make_measure(full_year="700-1600", start="2024-10-01")
    # 3/12: 175 000..400 000; later years the whole range
    assert measure_effects(measure, (2024, 2025)) == {
        2024: span_kr(175_000, 400_000), 2025: span_kr(700_000, 1_600_000),
    }


def test_unbounded_full_year_stays_unbounded() -> None:
    measure = make_measure(full_year={"interval": 4}, start="2024-07-01")
    effects = measure_effects(measure, (2024, 2025))
    assert bounds(effects[2024]) == (Decimal(1_500_000), None)
    assert bounds(effects[2025]) == (Decimal(3_000_000), None)


def test_full_year_without_any_year_gives_nothing() -> None:
    measure = make_measure(full_year=1000)
    assert measure_effects(measure, ()) == {}


def test_plan_with_only_full_year_and_no_years_summarizes() -> None:
    plan = make_plan(measures=[{"id": "1", "title": "Lokaler", "full_year": 1000}])
    assert plan.period == ()
    summary = summarize([plan])
    assert summary.years == ()
    assert bounds(summary.totals.total) == (0, 0)


# --- totals and gaps --------------------------------------------------------------------------


def test_unbounded_high_in_totals_and_gap() -> None:
    plan = make_plan(
        years=[2024], target=5000,
        measures=[
            {"id": "1", "title": "A", "effects": {2024: 500}},
            {"id": "2", "title": "B", "effects": {2024: {"interval": 4}}},
        ],
    )
    totals = summarize([plan]).totals
    assert bounds(totals.total) == (Decimal(3_500_000), None)
    assert totals.gap is not None
    # gap = (target − high, target − low) = (−∞, 5 000 000 − 3 500 000)
    assert bounds(totals.gap.total) == (None, Decimal(1_500_000))
    assert span(totals.gap.total) == {"low": None, "high": 1_500_000}
    assert span(totals.total) == {"low": 3_500_000, "high": None}
    assert json.loads(dumps({"gap": span(totals.gap.total)})) == {"gap": {"low": None, "high": 1500000}}
    assert '"low": null' in dumps({"gap": span(totals.gap.total)})


def test_per_year_target() -> None:
    plan = make_plan(
        years=[2024, 2025], target={2024: 5000, 2025: 7357},
        measures=[
            {"id": "1", "title": "A", "effects": {2024: 4000, 2025: 8000}},
            {"id": "2", "title": "B", "effects": {2024: 535}},
        ],
    )
    totals = summarize([plan]).totals
    assert totals.target is not None and totals.gap is not None
    assert totals.target.total == Decimal(12_357_000)
    assert totals.target.years == {2024: Decimal(5_000_000), 2025: Decimal(7_357_000)}
    assert bounds(totals.total) == (Decimal(12_535_000), Decimal(12_535_000))
    # 12 357 000 − 12 535 000: a surplus of 178 000
    assert bounds(totals.gap.total) == (Decimal(-178_000), Decimal(-178_000))
    assert totals.gap.years is not None
    # 2024: 5 000 000 − 4 535 000 still missing; 2025: 7 357 000 − 8 000 000 surplus
    assert {y: bounds(v) for y, v in totals.gap.years.items()} == {
        2024: (Decimal(465_000), Decimal(465_000)),
        2025: (Decimal(-643_000), Decimal(-643_000)),
    }


def test_gap_with_ranges_is_target_minus_high_to_target_minus_low() -> None:
    plan = make_plan(
        years=[2024], target=2000,
        measures=[{"id": "1", "title": "A", "effects": {2024: "700-1600"}}],
    )
    totals = summarize([plan]).totals
    assert totals.gap is not None
    assert bounds(totals.gap.total) == (Decimal(400_000), Decimal(1_300_000))


def test_gap_function_without_target_is_none() -> None:
    assert gap(None, kr(5), {2024: kr(5)}) is None


def test_no_target_means_no_gap() -> None:
    plan = make_plan(measures=[{"id": "1", "title": "A", "effects": {2024: 5}}])
    totals = summarize([plan]).totals
    assert totals.target is None and totals.gap is None


def test_negative_effects_reduce_the_total() -> None:
    plan = make_plan(
        measures=[
            {"id": "1", "title": "Besparing", "effects": {2024: 1000}},
            {"id": "2", "title": "Investering", "effects": {2024: "-250"}},
            {"id": "3", "title": "Osäker", "effects": {2024: {"low": -500, "high": 200}}},
        ],
    )
    assert bounds(summarize([plan]).totals.total) == (Decimal(250_000), Decimal(950_000))


def test_point_one_plus_point_two_mkr_in_a_plan() -> None:
    plan = make_plan(
        unit=Unit.MKR,
        measures=[
            {"id": "1", "title": "A", "effects": {2024: "0,1"}},
            {"id": "2", "title": "B", "effects": {2024: "0,2"}},
        ],
    )
    assert bounds(summarize([plan]).totals.total) == (Decimal(300_000), Decimal(300_000))


# --- status and potential ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("planerad", Status.PLANNED), ("planned", Status.PLANNED),
        ("pågår", Status.ONGOING), ("Pågår", Status.ONGOING), ("ongoing", Status.ONGOING),
        ("klart", Status.DONE), ("genomfört", Status.DONE), ("avslutad", Status.DONE), ("done", Status.DONE),
        ("utredning", Status.INVESTIGATING), ("investigating", Status.INVESTIGATING),
        ("pausad", Status.PAUSED), ("paused", Status.PAUSED),
        ("avbruten", Status.CANCELLED), ("cancelled", Status.CANCELLED),
    ],
)
def test_status_words_map_to_english(word: str, status: Status) -> None:
    measure = make_measure(status=word)
    assert measure.status is status
    assert measure.status.value == status.name.lower()


def test_default_status_is_planned() -> None:
    assert make_measure().status is Status.PLANNED


def status_plan() -> Plan:
    return make_plan(
        years=[2024],
        measures=[
            {"id": "1", "title": "Klar", "status": "klart", "effects": {2024: 100}},
            {"id": "2", "title": "Pågår", "status": "pågår", "effects": {2024: 200}},
            {"id": "3", "title": "Planerad", "status": "planerad", "effects": {2024: 400}},
            {"id": "4", "title": "Avbruten", "status": "avbruten", "effects": {2024: 800}},
            {"id": "5", "title": "Cancelled", "status": "cancelled", "effects": {2024: 1600}},
            {"id": "6", "title": "Möjlig", "potential": True, "effects": {2024: 3200}},
        ],
    )


def test_cancelled_and_potential_are_listed_not_counted() -> None:
    summary = summarize([status_plan()])
    assert [m.measure.id for m in summary.measures] == ["1", "2", "3", "4", "5", "6"]
    assert [m.counted for m in summary.measures] == [True, True, True, False, False, False]
    # 100 + 200 + 400 tkr
    assert per_year(summary) == {2024: (Decimal(700_000), Decimal(700_000))}
    assert bounds(summary.totals.potential) == (Decimal(3_200_000), Decimal(3_200_000))
    # a cancelled measure still shows its own effect
    cancelled = summary.measures[3]
    assert cancelled.measure.status is Status.CANCELLED
    assert bounds(cancelled.total) == (Decimal(800_000), Decimal(800_000))


def test_summarize_only_some_statuses() -> None:
    summary = summarize([status_plan()], statuses=[Status.DONE, Status.ONGOING])
    assert per_year(summary) == {2024: (Decimal(300_000), Decimal(300_000))}
    assert [m.measure.id for m in summary.measures if m.counted] == ["1", "2"]


def test_cancelled_never_counts_even_when_asked_for() -> None:
    summary = summarize([status_plan()], statuses=[Status.CANCELLED])
    assert per_year(summary) == {2024: (Decimal(0), Decimal(0))}


# --- several plans ----------------------------------------------------------------------------


def test_several_plans_add_up() -> None:
    first = make_plan(path="a.yaml", years=[2024, 2025], target=1000,
                      measures=[{"id": "1", "title": "A", "effects": {2024: 300, 2025: 400}}])
    second = make_plan(path="b.yaml", years=[2025, 2026], target="2 mkr",
                       measures=[{"id": "1", "title": "B", "effects": {2025: 500, 2026: "100-200"}}])
    summary = summarize([first, second])
    assert summary.years == (2024, 2025, 2026)
    assert per_year(summary) == {
        2024: (Decimal(300_000), Decimal(300_000)),
        2025: (Decimal(900_000), Decimal(900_000)),
        2026: (Decimal(100_000), Decimal(200_000)),
    }
    assert bounds(summary.totals.total) == (Decimal(1_300_000), Decimal(1_400_000))
    assert summary.totals.target is not None and summary.totals.gap is not None
    assert summary.totals.target.total == Decimal(3_000_000)
    assert bounds(summary.totals.gap.total) == (Decimal(1_600_000), Decimal(1_700_000))
    assert [(m.plan.path, m.measure.id) for m in summary.measures] == [("a.yaml", "1"), ("b.yaml", "1")]


def test_several_plans_target_unknown_unless_every_plan_has_one() -> None:
    with_target = make_plan(target=1000, measures=[{"id": "1", "title": "A", "effects": {2024: 300}}])
    without = make_plan(measures=[{"id": "1", "title": "B", "effects": {2025: 500}}])
    summary = summarize([with_target, without])
    assert summary.years == (2024, 2025)
    assert summary.totals.target is None and summary.totals.gap is None
    assert bounds(summary.totals.total) == (Decimal(800_000), Decimal(800_000))


def test_several_plans_per_year_targets_add_up_per_year() -> None:
    first = make_plan(target={2024: 1000, 2025: 1000},
                      measures=[{"id": "1", "title": "A", "effects": {2024: 300}}])
    second = make_plan(target={2025: 500},
                       measures=[{"id": "1", "title": "B", "effects": {2025: 700}}])
    totals = summarize([first, second]).totals
    assert totals.target is not None and totals.gap is not None and totals.gap.years is not None
    assert totals.target.total == Decimal(2_500_000)
    assert {y: bounds(v) for y, v in totals.gap.years.items()} == {
        2024: (Decimal(700_000), Decimal(700_000)),
        2025: (Decimal(800_000), Decimal(800_000)),
    }


def test_target_override() -> None:
    plan = make_plan(target=1000, measures=[{"id": "1", "title": "A", "effects": {2024: 300}}])
    totals = summarize([plan], target=Decimal(500_000)).totals
    assert totals.target is not None and totals.gap is not None
    assert totals.target.total == Decimal(500_000)
    assert bounds(totals.gap.total) == (Decimal(200_000), Decimal(200_000))


# --- reconciliation ---------------------------------------------------------------------------


def test_stated_totals_match_and_mismatch() -> None:
    plan = make_plan(
        path="p.yaml", years=[2024, 2025],
        stated_totals={"total": 1200, 2024: 500, 2025: 600},
        measures=[
            {"id": "1", "title": "A", "effects": {2024: 500, 2025: 650}},
            {"id": "2", "title": "Avbruten", "status": "avbruten", "effects": {2025: 999}},
        ],
    )
    found = {r.key: r for r in reconcile(plan)}
    assert set(found) == {"total", "2024", "2025"}
    assert found["2024"].matches and found["2024"].difference == 0
    # stated − computed: 600 000 − 650 000
    assert not found["2025"].matches and found["2025"].difference == Decimal(-50_000)
    assert found["total"].stated == Decimal(1_200_000)
    assert bounds(found["total"].computed) == (Decimal(1_150_000), Decimal(1_150_000))
    assert found["total"].difference == Decimal(50_000)
    assert all(r.plan_path == "p.yaml" and r.measure_id is None for r in found.values())


def test_stated_totals_leave_out_cancelled_and_potential() -> None:
    plan = make_plan(
        years=[2024], stated_totals={"total": 100, 2024: 100},
        measures=[
            {"id": "1", "title": "A", "effects": {2024: 100}},
            {"id": "2", "title": "Avbruten", "status": "cancelled", "effects": {2024: 40}},
            {"id": "3", "title": "Möjlig", "potential": True, "effects": {2024: 20}},
        ],
    )
    assert [(r.key, r.matches) for r in reconcile(plan)] == [("total", True), ("2024", True)]


def test_a_computed_range_never_matches() -> None:
    plan = make_plan(
        years=[2024], stated_totals={"total": 700},
        measures=[{"id": "1", "title": "A", "effects": {2024: "700-1600"}}],
    )
    (rec,) = reconcile(plan)
    assert bounds(rec.computed) == (Decimal(700_000), Decimal(1_600_000))
    assert not rec.matches
    assert rec.difference is None


def test_a_computed_exact_range_of_interval_never_matches() -> None:
    plan = make_plan(
        years=[2024], stated_totals={2024: 3000},
        measures=[{"id": "1", "title": "A", "effects": {2024: {"interval": 4}}}],
    )
    (rec,) = reconcile(plan)
    assert not rec.matches and rec.difference is None


def test_measure_stated_total() -> None:
    plan = make_plan(
        years=[2024, 2025],
        measures=[
            {"id": "1", "title": "A", "effects": {2024: 535, 2025: 535}, "stated_total": 1070},
            {"id": "2", "title": "B", "full_year": 1200, "start": "2024-07-01", "stated_total": "1,9 mkr"},
        ],
    )
    found = {r.measure_id: r for r in reconcile(plan)}
    assert found["1"].matches and found["1"].key == "total"
    # 600 000 (6/12) + 1 200 000 = 1 800 000 computed; stated 1 900 000
    assert bounds(found["2"].computed) == (Decimal(1_800_000), Decimal(1_800_000))
    assert found["2"].difference == Decimal(100_000)


def test_summary_mismatches() -> None:
    plan = make_plan(years=[2024], stated_totals={"total": 1},
                     measures=[{"id": "1", "title": "A", "effects": {2024: 2}}])
    summary = summarize([plan])
    assert [(r.key, r.difference) for r in summary.mismatches] == [("total", Decimal(-1000))]


# --- seed 002: the plan in plans/, against the document's own table ----------------------------
#
# /work/shared/seeds/002_052b29c656a8f75a.txt, "Åtgärd 2024 * 2025 2026 Totalt" (kronor):
#   Minska övertid/mertid              535 000    535 000   535 000
#   Bemanning utifrån nyckeltal SÄBO 1 750 000    750 000         -
#   Minska/ta bort bemanning HSL     1 200 000    600 000   600 000
#   Medicinrobotar i hemtjänst         110 000    440 000   440 000
#   Placeringskostnader IFO          1 000 000  1 000 000         -
#   Ekonomiskt bistånd                 100 000          -         -
#   Obudgeterade statsbidrag         1 859 000          -         -
#   Översyn planering hemtjänst        465 000    465 000   465 000
#   Välfärdsteknik                           -    110 000   440 000
#   Översyn och justering hyror SÄBO   150 000
#   sums                             7 169 000  3 900 000 2 480 000  = 13 549 000
# "Summa 13 149 tkr"; "Sparbeting ... 12 357 tkr".


def test_seed_002_per_year_and_total() -> None:
    summary = summarize([load_plan(SEED_002_PLAN)])
    assert summary.years == (2024, 2025, 2026)
    assert per_year(summary) == {
        2024: (Decimal(7_169_000), Decimal(7_169_000)),
        2025: (Decimal(3_900_000), Decimal(3_900_000)),
        2026: (Decimal(2_480_000), Decimal(2_480_000)),
    }
    assert bounds(summary.totals.total) == (Decimal(13_549_000), Decimal(13_549_000))


def test_seed_002_target_and_gap_is_a_surplus() -> None:
    totals = summarize([load_plan(SEED_002_PLAN)]).totals
    assert totals.target is not None and totals.gap is not None
    assert totals.target.total == Decimal(12_357_000)
    assert bounds(totals.gap.total) == (Decimal(-1_192_000), Decimal(-1_192_000))


def test_seed_002_stated_total_mismatch() -> None:
    summary = summarize([load_plan(SEED_002_PLAN)])
    (rec,) = summary.mismatches
    assert (rec.key, rec.measure_id) == ("total", None)
    assert rec.stated == Decimal(13_149_000)
    assert bounds(rec.computed) == (Decimal(13_549_000), Decimal(13_549_000))
    assert rec.difference == Decimal(-400_000)
    # the plan records the document's own error, to the krona
    assert rec.known_difference == Decimal(-400_000) and rec.accepted


def test_known_difference_accepts_only_that_difference() -> None:
    plan = make_plan(
        years=[2024],
        stated_totals={"total": {"amount": 1000, "known_difference": 100}, 2024: {"amount": 1000, "known_difference": 50}},
        measures=[{"id": "1", "title": "A", "effects": {2024: 900}}],
    )
    found = {r.key: r for r in reconcile(plan)}
    assert found["total"].difference == Decimal(100_000) and found["total"].accepted
    assert found["2024"].difference == Decimal(100_000) and not found["2024"].accepted


def test_a_per_year_target_has_every_reported_year_alone_and_beside_another_plan() -> None:
    """A year the per-year target does not name counts against 0; the target says so for every year
    reported, whether the plan is reported alone or with others (JSON's target_years alike)."""
    lone = make_plan(path="a.yaml", years=[2024, 2025, 2026], target={2024: 500},
                     measures=[make_measure(effects={2024: 100, 2025: 200, 2026: 300})])
    other = make_plan(path="b.yaml", title="B", target={2024: 100, 2025: 100},
                      measures=[make_measure(effects={2024: 50, 2025: 50})])
    alone = summarize([lone])
    together = summarize([lone, other])
    thousand = Decimal(1000)
    expected = {2024: 500 * thousand, 2025: Decimal(0), 2026: Decimal(0)}
    for summary in (alone, together):
        totals = summary.plans[0].totals
        assert totals.target is not None and dict(totals.target.years or {}) == expected
        assert totals.gap is not None and totals.gap.years == {2024: kr(400_000), 2025: kr(-200_000),
                                                                2026: kr(-300_000)}
    assert together.totals.target is not None
    assert dict(together.totals.target.years or {}) == {2024: 600 * thousand, 2025: 100 * thousand,
                                                        2026: Decimal(0)}
    in_json = [json.loads(dumps(summary_json(summary)))["plans"][0]["target_years"] for summary in (alone, together)]
    assert in_json == [{"2024": 500000, "2025": 0, "2026": 0}] * 2
