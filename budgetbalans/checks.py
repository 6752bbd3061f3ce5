"""What `check` fails on beyond a plan's validity: stated totals, and the CI policies.

Pure: computed results in, :class:`~budgetbalans.errors.Problem` records out, each pointing
at the key in the plan that it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from budgetbalans.core import PlanResult, Reconciliation, reconcile, summarize
from budgetbalans.errors import Problem
from budgetbalans.models import Plan
from budgetbalans.render.numbers import amount_with_unit, span


@dataclass(frozen=True)
class Policy:
    """``require_target``: every plan states a target. ``fail_on_gap``: every plan surely covers it."""

    require_target: bool = False
    fail_on_gap: bool = False


@dataclass(frozen=True)
class PlanCheck:
    """One plan's problems, and how many of its stated totals are its source's known errors, accepted."""

    problems: list[Problem]
    accepted: int


def check_plan(plan: Plan, policy: Policy) -> PlanCheck:
    """Stated totals that do not add up, and the policy's demands, for one plan."""
    reconciliations = reconcile(plan)
    return PlanCheck(list(_plan_problems(plan, policy, reconciliations)),
                     sum(item.accepted for item in reconciliations))


def _plan_problems(plan: Plan, policy: Policy, reconciliations: list[Reconciliation]) -> Iterator[Problem]:
    yield from (_mismatch(plan, item) for item in reconciliations if not item.matches and not item.accepted)
    yield from (_stale(plan, item) for item in reconciliations if item.matches and item.known_difference is not None)
    if policy.require_target and plan.target is None:
        yield Problem(plan.path, 1, 1, "the plan states no target (sparbeting); add target: with the amount "
                                       "the plan must cover (required by --require-target)")
    if policy.fail_on_gap and plan.target is not None:
        yield from _uncovered(summarize([plan]).plans[0])


def _uncovered(result: PlanResult) -> Iterator[Problem]:
    plan, totals = result.plan, result.totals
    gap = totals.gap
    if gap is None or totals.target is None or (gap.total.high is not None and gap.total.high <= 0):
        return
    line, column = plan.position("target")
    yield Problem(plan.path, line, column,
                  f"the measures do not surely cover the target {amount_with_unit(totals.target.total, plan.unit)}"
                  f": still to save up to {_bound(gap.total.high, plan)} (measures total "
                  f"{span(totals.total, plan.unit)} {plan.unit.value}; --fail-on-gap)")


def _bound(value: Decimal | None, plan: Plan) -> str:
    return "an unbounded amount" if value is None else amount_with_unit(value, plan.unit)


def _where(plan: Plan, item: Reconciliation) -> tuple[tuple[int, int], str]:
    where: tuple[str, ...]
    if item.measure_id is not None:
        where, what = ("measures", item.measure_id, "stated_total"), f"stated total of measure {item.measure_id!r}"
    else:
        where = ("stated_totals", item.key)
        what = "stated total" if item.key == "total" else f"stated total for {item.key}"
    return plan.position(*where), what


def _mismatch(plan: Plan, item: Reconciliation) -> Problem:
    unit = plan.unit
    (line, column), what = _where(plan, item)
    computed = f"{span(item.computed, unit)} {unit.value}"
    difference = "" if item.difference is None else f"; difference {amount_with_unit(item.difference, unit)}"
    known = ("" if item.known_difference is None
             else f", not the known_difference {amount_with_unit(item.known_difference, unit)}")
    return Problem(plan.path, line, column,
                   f"the {what} is {amount_with_unit(item.stated, unit)} but the rows add up to {computed}"
                   f"{difference}{known} (correct the stated figure or the rows; if the source document's own "
                   "sum is wrong, record it with known_difference)")


def _stale(plan: Plan, item: Reconciliation) -> Problem:
    (line, column), what = _where(plan, item)
    return Problem(plan.path, line, column,
                   f"the {what} now matches the rows; remove its known_difference")
