"""What `check` fails on beyond a plan's validity: stated totals, and the CI policies.

Pure: computed results in, :class:`~budgetbalans.errors.Problem` records out, each pointing
at the key in the plan that it is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator

from budgetbalans.core.gap import GapKind
from budgetbalans.core.summary import PlanResult, reconcile, Reconciliation, summarize
from budgetbalans.errors import Problem
from budgetbalans.i18n import Message, quoted, template
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Range
from budgetbalans.plan.notation import amount_with_unit, span


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


NO_TARGET = template(
    "check.no_target",
    sv="planen anger inget sparbeting; lägg till target: med beloppet som planen ska täcka (krävs med "
       "--require-target)",
    en="the plan states no target (sparbeting); add target: with the amount the plan must cover (required by "
       "--require-target)")
NOT_COVERED = template(
    "check.target_not_covered",
    sv="åtgärderna täcker inte säkert sparbetinget {target}: kvar att spara upp till {gap} (åtgärderna "
       "summerar till {computed}; --fail-on-gap)",
    en="the measures do not surely cover the target {target}: still to save up to {gap} (measures total "
       "{computed}; --fail-on-gap)")
UNBOUNDED = template("check.unbounded", sv="ett obegränsat belopp", en="an unbounded amount")
STATED_TOTAL = template("check.what.total", sv="dokumentets summa", en="stated total")
STATED_YEAR = template("check.what.year", sv="dokumentets summa för {year}", en="stated total for {year}")
STATED_MEASURE = template("check.what.measure", sv="dokumentets summa för åtgärd {id}",
                          en="stated total of measure {id}")
MISMATCH = template(
    "check.stated_total_mismatch",
    sv="{what} är {stated} men raderna summerar till {computed}{difference}{known} (rätta summan eller raderna; "
       "är planen reviderad sedan dokumentet, ta bort {remove}; är källdokumentets egen summa fel, skriv in felet "
       "med known_difference)",
    en="the {what} is {stated} but the rows add up to {computed}{difference}{known} (correct the stated figure "
       "or the rows; if the plan has been revised since the document, remove {remove}; if the source document's "
       "own sum is wrong, record it with known_difference)")
#: What a revised plan removes: the plan's stated totals (``stated_totals``), or a measure's.
STATED_KEY_MEASURE = template("check.stated_key.measure", sv="åtgärdens stated_total",
                              en="the measure's stated_total")
DIFFERENCE = template("check.difference", sv="; skillnad {difference}", en="; difference {difference}")
NOT_KNOWN_DIFFERENCE = template(
    "check.not_the_known_difference",
    sv=", inte den kända skillnaden (known_difference) {known_difference}",
    en=", not the known_difference {known_difference}")
STALE = template(
    "check.known_difference_stale",
    sv="{what} stämmer nu med raderna; ta bort dess known_difference",
    en="the {what} now matches the rows; remove its known_difference")


def _plan_problems(plan: Plan, policy: Policy, reconciliations: list[Reconciliation]) -> Iterator[Problem]:
    yield from (_mismatch(plan, item) for item in reconciliations if not item.matches and not item.accepted)
    yield from (_stale(plan, item) for item in reconciliations if item.matches and item.known_difference is not None)
    if policy.require_target and plan.target is None:
        yield Problem(plan.path, 1, 1, NO_TARGET())
    if policy.fail_on_gap and plan.target is not None:
        yield from _uncovered(summarize([plan]).plans[0])


def _uncovered(result: PlanResult) -> Iterator[Problem]:
    plan, totals = result.plan, result.totals
    gap = totals.gap
    if gap is None or totals.target is None or gap.kind is GapKind.SURPLUS:
        return  # surely covered, every year where the target is per year
    line, column = plan.position("target")
    yield Problem(plan.path, line, column,
                  NOT_COVERED(target=amount_with_unit(totals.target.total, plan.unit),
                              gap=_bound(gap.shortfall.high, plan), computed=_span(totals.total, plan)))


def _bound(value: Decimal | None, plan: Plan) -> Message | str:
    return UNBOUNDED() if value is None else amount_with_unit(value, plan.unit)


def _span(value: Range, plan: Plan) -> Message | str:
    """A range in Swedish notation with the plan's unit: ``700–1 600 tkr``, ``≥ 3 000 tkr``."""
    if value.low is None and value.high is None:
        return UNBOUNDED()
    return f"{span(value, plan.unit)} {plan.unit.value}"


def _where(plan: Plan, item: Reconciliation) -> tuple[tuple[int, int], Message]:
    where: tuple[str, ...]
    what: Message
    if item.measure_id is not None:
        where, what = ("measures", item.measure_id, "stated_total"), STATED_MEASURE(id=quoted(item.measure_id))
    else:
        where = ("stated_totals", item.key)
        what = STATED_TOTAL() if item.key == "total" else STATED_YEAR(year=item.key)
    return plan.position(*where), what


def _mismatch(plan: Plan, item: Reconciliation) -> Problem:
    unit = plan.unit
    (line, column), what = _where(plan, item)
    difference: Message | str = ("" if item.difference is None
                                 else DIFFERENCE(difference=amount_with_unit(item.difference, unit)))
    known: Message | str = ("" if item.known_difference is None
                            else NOT_KNOWN_DIFFERENCE(known_difference=amount_with_unit(item.known_difference, unit)))
    return Problem(plan.path, line, column,
                   MISMATCH(what=what, stated=amount_with_unit(item.stated, unit), computed=_span(item.computed, plan),
                            difference=difference, known=known,
                            remove="stated_totals" if item.measure_id is None else STATED_KEY_MEASURE()))


def _stale(plan: Plan, item: Reconciliation) -> Problem:
    (line, column), what = _where(plan, item)
    return Problem(plan.path, line, column, STALE(what=what))
