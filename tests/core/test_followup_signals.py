"""Each measure's signal and lateness in the follow-up (core/followup.py), every case computed by hand.

A plan with every case of issue 25, followed up per 2025-08-31 with the default yellow limit of 10 %:
each measure plans 1 000 tkr for 2025, so the limit is 10 % × 1 000 = 100 tkr below plan.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from budgetbalans.core.followup import Signal, follow_up, is_late, signal_of
from budgetbalans.plan.money import Range
from budgetbalans.read.loader import load_text

PLAN = """\
title: Signaler
unit: tkr
years: [2025]
as_of: 2025-08-31
measures:
  - {id: "1", title: På plan, effects: {2025: 1000}, forecast: {2025: 1000}}
  - {id: "2", title: Fem procent under, effects: {2025: 1000}, forecast: {2025: 950},
     forecast_note: Upphandlingen försenad}
  - {id: "3", title: Femtio procent under, effects: {2025: 1000}, forecast: {2025: 500}}
  - {id: "4", title: Sen och klar, status: klart, due: 2025-06-30, effects: {2025: 1000}, forecast: {2025: 1000}}
  - {id: "5", title: Sen och pågår, status: pågår, due: 2025-06-30, effects: {2025: 1000}, forecast: {2025: 1000}}
  - {id: "6", title: Ingen prognos, effects: {2025: 1000}}
  - {id: "7", title: Intervall över gränsen, effects: {2025: 1000}, forecast: {2025: 850-950}}
  - {id: "8", title: Avbruten och sen, status: avbruten, due: 2025-01-31, effects: {2025: 1000},
     forecast: {2025: 0}}
  - {id: "9", title: Klar i tid, status: pågår, due: 2025-08-31, effects: {2025: 1000}, forecast: {2025: 1100}}
"""

TKR = Decimal(1000)


def _lines(yellow: Decimal = Decimal(10), plan: str = PLAN, today: date | None = None) -> dict[str, tuple[object, bool]]:
    report = follow_up([load_text(plan, "signaler.yaml")], today=today, yellow=yellow)
    return {line.result.measure.id: (line.signal, line.late) for line in report.lines}


def test_every_case_by_hand() -> None:
    assert _lines() == {
        "1": (Signal.GREEN, False),   # 1 000 reaches 1 000
        "2": (Signal.YELLOW, False),  # 1 000 − 950 = 50 ≤ 100
        "3": (Signal.RED, False),     # 1 000 − 500 = 500 > 100
        "4": (Signal.GREEN, False),   # due 2025-06-30 < 2025-08-31, but done: not late
        "5": (Signal.YELLOW, True),    # on plan, but late (ongoing, due 2025-06-30): yellow
        "6": (None, False),           # no forecast: no signal
        "7": (Signal.RED, False),     # judged by its low end: 1 000 − 850 = 150 > 100, though 1 000 − 950 = 50
        "8": (None, False),           # cancelled: counts zero, nothing to judge, never late
        "9": (Signal.GREEN, False),   # due on the follow-up date itself is not before it: not late
    }


def test_the_yellow_limit_moves_the_boundary() -> None:
    # 15 %: the limit is 150 tkr; the range's low end 850 is 150 below: yellow; 500 is still red
    assert _lines(Decimal(15))["7"] == (Signal.YELLOW, False)
    assert _lines(Decimal(15))["3"] == (Signal.RED, False)
    # 4 %: the limit is 40 tkr; 950 is 50 below: red
    assert _lines(Decimal(4))["2"] == (Signal.RED, False)


def test_late_and_below_plan_is_red() -> None:
    # late, and 1 000 − 700 = 300 below: lateness never makes a red signal yellow
    assert signal_of(Range.exact(TKR), Range.exact(Decimal(700)), late=True) is Signal.RED
    assert signal_of(Range.exact(TKR), Range.exact(Decimal(960)), late=True) is Signal.YELLOW


def test_a_cost_is_judged_by_its_size() -> None:
    # planned −500 (a cost), forecast −540: 40 below, 10 % of 500 = 50: yellow; −560: 60 below: red
    assert signal_of(Range.exact(Decimal(-500)), Range.exact(Decimal(-540))) is Signal.YELLOW
    assert signal_of(Range.exact(Decimal(-500)), Range.exact(Decimal(-560))) is Signal.RED


def test_the_follow_up_date_is_as_of_else_today() -> None:
    without = PLAN.replace("as_of: 2025-08-31\n", "")
    # no as_of: judged at today as given; before the due date nothing is late
    assert _lines(plan=without, today=date(2025, 6, 1))["5"] == (Signal.GREEN, False)
    assert _lines(plan=without, today=date(2025, 7, 1))["5"] == (Signal.YELLOW, True)
    # as_of wins over today
    assert _lines(today=date(2025, 1, 1))["5"] == (Signal.YELLOW, True)
    measure = load_text(PLAN, "x.yaml").measures[4]
    assert not is_late(measure, None)


def test_fail_on_red_sees_red_and_late() -> None:
    report = follow_up([load_text(PLAN, "signaler.yaml")])
    assert report.red_or_late
    calm = PLAN.split("  - {id: \"2\"")[0]  # measure 1 alone: green
    assert not follow_up([load_text(calm, "lugn.yaml")]).red_or_late
