"""The keys of what a nämnd decides on (issue 23): probability, decision, one_off, staff, consequences.

Each is read in block and in flow style, by the full reading (with positions) and the fast one
(without), to the same exact values; a plan without them reads as before.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from budgetbalans.plan.models import Decision, DecisionLevel, DecisionState, Measure
from budgetbalans.read.loader import _valid_fast, load_plan, validate_plan
from budgetbalans.read.yamlsource import read_yaml
from tests.models import WritePlan, make_measure

HEAD = 'title: Plan\nyears: [2024, 2025]\nmeasures:\n  - id: "7"\n    title: Obudgeterade statsbidrag\n'

BLOCK = HEAD + """\
    effects: {2024: 1200}
    one_off: true
    probability: 50 %
    decision:
      by: nämnd
      state: beslutad
      date: 2024-03-12
      ref: SN 2024/112 § 45
    staff:
      2024: -3
      2025: -0,5
    consequences:
      brukare: Längre handläggningstid
      medarbetare: Tre tjänster omplaceras
"""
FLOW = HEAD + """\
    effects: {2024: 1200}
    one_off: true
    probability: 50 %
    decision: {by: nämnd, state: beslutad, date: 2024-03-12, ref: SN 2024/112 § 45}
    staff: {2024: -3, 2025: "-0,5"}
    consequences: {brukare: Längre handläggningstid, medarbetare: Tre tjänster omplaceras}
"""
WHOLE_FLOW = ('title: Plan\nyears: [2024, 2025]\nmeasures:\n  - {id: "7", title: Obudgeterade statsbidrag, '
              'effects: {2024: 1200}, one_off: true, probability: 50 %, decision: {by: nämnd, state: beslutad, '
              'date: 2024-03-12, ref: SN 2024/112 § 45}, staff: {2024: -3, 2025: "-0,5"}, '
              'consequences: {brukare: Längre handläggningstid, medarbetare: Tre tjänster omplaceras}}\n')


def _expected(measure: Measure) -> None:
    assert measure.probability == Decimal("0.5")
    assert measure.decision == Decision(by=DecisionLevel.BOARD, state=DecisionState.DECIDED,
                                        date=date(2024, 3, 12), ref="SN 2024/112 § 45")
    assert measure.one_off is True
    assert measure.staff == {2024: Decimal("-3"), 2025: Decimal("-0.5")}
    assert all(isinstance(value, Decimal) for value in measure.staff.values())
    assert dict(measure.consequences) == {"brukare": "Längre handläggningstid",
                                          "medarbetare": "Tre tjänster omplaceras"}


@pytest.mark.parametrize("text", [BLOCK, FLOW, WHOLE_FLOW], ids=["block", "flow", "measure-in-braces"])
def test_every_key_reads_in_block_and_flow_style(text: str, write_plan: WritePlan) -> None:
    _expected(load_plan(write_plan(text)).measures[0])


@pytest.mark.parametrize("text", [BLOCK, FLOW, WHOLE_FLOW], ids=["block", "flow", "measure-in-braces"])
def test_the_fast_reading_and_the_full_one_agree(text: str) -> None:
    fast = _valid_fast(text, "plan.yaml")
    assert fast is not None, "a valid plan with the new keys is read on the fast path"
    full = validate_plan(read_yaml(text), "plan.yaml")
    assert fast.measures == full.measures
    _expected(fast.measures[0])


def test_without_the_keys_a_measure_means_what_it_meant(write_plan: WritePlan) -> None:
    measure = load_plan(write_plan(HEAD + "    effects: {2024: 1200}\n")).measures[0]
    assert (measure.probability, measure.decision, measure.one_off) == (None, None, False)
    assert (dict(measure.staff), dict(measure.consequences)) == ({}, {})


@pytest.mark.parametrize(("written", "fraction"), [
    ("50 %", "0.5"), ("50%", "0.5"), ("12,5 %", "0.125"), ("12.5%", "0.125"), ("0 %", "0"), ("100 %", "1"),
    ("0,5 %", "0.005"), ("33,333 %", "0.33333"), ("75\u00a0%", "0.75"),
])
def test_a_probability_is_a_percentage_kept_as_an_exact_fraction(written: str, fraction: str) -> None:
    probability = make_measure(probability=written).probability
    assert isinstance(probability, Decimal) and probability == Decimal(fraction)


@pytest.mark.parametrize(("written", "level"), [
    ("förvaltning", DecisionLevel.ADMINISTRATION), ("verkställighet", DecisionLevel.ADMINISTRATION),
    ("Delegation", DecisionLevel.ADMINISTRATION), ("nämnd", DecisionLevel.BOARD),
    ("Socialnämnden", DecisionLevel.BOARD), ("barn- och utbildningsnämnden", DecisionLevel.BOARD),
    ("KS", DecisionLevel.KS), ("Kommunstyrelsen", DecisionLevel.KS), ("kf", DecisionLevel.KF),
    ("KF", DecisionLevel.KF), ("kommunfullmäktige", DecisionLevel.KF),
])
def test_who_decides_in_the_words_plans_use(written: str, level: DecisionLevel) -> None:
    decision = make_measure(decision={"by": written}).decision
    assert decision is not None and decision.by is level and decision.state is DecisionState.PROPOSED


@pytest.mark.parametrize(("written", "state"), [
    ("föreslagen", DecisionState.PROPOSED), ("Beslutad", DecisionState.DECIDED), ("beslutat", DecisionState.DECIDED),
    ("återremitterad", DecisionState.REFERRED_BACK), ("återremiss", DecisionState.REFERRED_BACK),
    ("avslagen", DecisionState.REJECTED), ("rejected", DecisionState.REJECTED),
])
def test_the_state_of_a_decision_in_the_words_plans_use(written: str, state: DecisionState) -> None:
    decision = make_measure(decision={"state": written}).decision
    assert decision is not None and decision.state is state and decision.by is None


def test_a_decision_without_keys_is_proposed() -> None:
    assert make_measure(decision={}).decision == Decision()
    assert Decision().state is DecisionState.PROPOSED


def test_staff_years_name_the_period_like_effects(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan('title: Plan\nmeasures:\n  - id: "1"\n    title: A\n'
                                '    effects: {2024: 100}\n    staff: {2026: -1}\n'))
    assert plan.period == (2024, 2025, 2026)

