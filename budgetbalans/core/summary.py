"""The calculation of plans: each measure's effects per year, the totals, the gap, the stated totals.

Pure functions on :class:`~budgetbalans.plan.models.Plan` objects. Nothing here reads files,
writes to a terminal or rounds for display: every figure is an exact
:class:`~decimal.Decimal` number of kronor, in a :class:`~budgetbalans.plan.money.Range`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Iterable, Mapping, Sequence

from budgetbalans.core.gap import Coverage, Gap, Target, coverage, gap
from budgetbalans.core import scenarios as decided_on
from budgetbalans.core.scenarios import NONE_USED, KeysUsed, Scenarios, keys_used, rejected
from budgetbalans.plan.classes import IntervalClass, interval_class
from budgetbalans.plan import money
from budgetbalans.plan.models import Measure, Plan, Status
from budgetbalans.plan.money import EXACT_ZERO, ZERO, Range, total
from budgetbalans.plan.period import MONTHS, first_counted_month, pro_rata


def measure_effects(measure: Measure, period: Sequence[int]) -> dict[int, Range]:
    """A measure's effect per year of ``period``: ``effects`` as written, ``full_year`` filling the rest."""
    filled: dict[int, Range] = {}
    if measure.full_year is not None and period:
        first_year, first_month = (period[0], 1) if measure.start is None else first_counted_month(measure.start)
        for year in period:
            if year > first_year:
                filled[year] = measure.full_year
            elif year == first_year:
                filled[year] = pro_rata(measure.full_year, MONTHS - first_month + 1)
    return {year: value for year, value in {**filled, **measure.effects}.items() if year in period}


def measure_class(measure: Measure) -> IntervalClass | None:
    """Of the full-year effect where given, else of the year with the highest high."""
    if measure.full_year is not None:
        return interval_class(measure.full_year)
    if not measure.effects:
        return None
    return interval_class(max(measure.effects.values(), key=_high_order))


def _high_order(value: Range) -> tuple[int, Decimal]:
    return (1, ZERO) if value.high is None else (0, value.high)


def counts_in_plan(measure: Measure) -> bool:
    """Whether a measure adds to the plan's totals: not cancelled or rejected, not only a potential."""
    return measure.status is not Status.CANCELLED and not rejected(measure) and not measure.potential


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """One measure's computed effects.

    ``admitted``: not cancelled nor rejected (``decision.state: avslagen``), and of a status the
    report asks for. ``counted``: admitted and not only a potential, so it adds to the totals.
    A report holds one for each of many measures: what is derived from them is computed when asked.
    """

    plan: Plan
    measure: Measure
    effects: Mapping[int, Range]
    interval_class: IntervalClass | None
    admitted: bool

    @property
    def total(self) -> Range:
        """Its effects added up: computed when asked, not held beside them for each of many measures."""
        return money.total(self.effects.values())

    @property
    def counted(self) -> bool:
        return self.admitted and not self.measure.potential

    @property
    def rejected(self) -> bool:
        """``decision.state: avslagen``: shown as rejected, counted zero."""
        return rejected(self.measure)

    @property
    def expected(self) -> Mapping[int, Range]:
        """Its effect per year × its probability (*Förväntat*), exact; no probability is 100 %."""
        return {year: decided_on.expected(value, self.measure.probability) for year, value in self.effects.items()}

    @property
    def expected_total(self) -> Range:
        """Its expected effects added up: what it adds to *Förväntat* where it counts."""
        return total(self.expected.values())


@dataclass(frozen=True)
class Reconciliation:
    """A sum as the source document prints it, against what its rows add up to."""

    plan_path: str
    key: str
    stated: Decimal
    computed: Range
    measure_id: str | None = None
    known_difference: Decimal | None = None

    @property
    def matches(self) -> bool:
        return self.computed.is_exact and self.computed.low == self.stated

    @property
    def accepted(self) -> bool:
        """A mismatch that the plan records as the source document's own error, to the krona."""
        return not self.matches and self.known_difference is not None and self.difference == self.known_difference

    @property
    def difference(self) -> Decimal | None:
        """stated − computed, where the computed figure is exact."""
        return self.stated - self.computed.low if self.computed.is_exact and self.computed.low is not None else None


@dataclass(frozen=True)
class Totals:
    """Counted effects per year and for the period, the target and the gap.

    Where the plans read use the optional keys (:class:`~budgetbalans.core.scenarios.KeysUsed`), also:
    ``scenarios`` (probability or decision), ``one_off`` per year and the ``lasting`` level after the
    period (one_off), ``staff`` per year (staff); ``None`` where no measure uses them.
    """

    years: tuple[int, ...]
    per_year: Mapping[int, Range]
    total: Range
    target: Target | None
    gap: Gap | None
    potential: Range
    scenarios: Scenarios | None = None
    one_off: Mapping[int, Range] | None = None
    lasting: Range | None = None
    staff: Mapping[int, Decimal] | None = None

    def coverage(self) -> Coverage | None:
        """How much of the period's target the total covers."""
        return None if self.target is None else coverage(self.total, self.target.total)


@dataclass(frozen=True)
class PlanResult:
    """One plan's computed measures and totals."""

    plan: Plan
    measures: tuple[MeasureResult, ...]
    totals: Totals
    reconciliations: tuple[Reconciliation, ...]


@dataclass(frozen=True)
class Summary:
    """Several plans computed together: each plan, then all of them added up."""

    plans: tuple[PlanResult, ...]
    totals: Totals
    uses: KeysUsed = NONE_USED

    @property
    def years(self) -> tuple[int, ...]:
        return self.totals.years

    @property
    def measures(self) -> list[MeasureResult]:
        return [result for plan in self.plans for result in plan.measures]

    @property
    def reconciliations(self) -> list[Reconciliation]:
        return [item for plan in self.plans for item in plan.reconciliations]

    @property
    def mismatches(self) -> list[Reconciliation]:
        return [item for item in self.reconciliations if not item.matches]


def summarize(
    plans: Iterable[Plan],
    *,
    statuses: Iterable[Status] | None = None,
    years: Iterable[int] | None = None,
    target: Decimal | None = None,
    targets: Mapping[str, Target] | None = None,
) -> Summary:
    """Compute plans for a report.

    ``statuses`` limits which measures count (cancelled never does); ``years`` limits the
    report to those years; ``target`` replaces the plans' targets (for the years reported).
    ``targets`` (by plan path) replaces the target of each plan it names, as the organisation
    tree decides them (:func:`budgetbalans.core.organisation.plan_targets`); ``target`` wins.
    """
    wanted = None if statuses is None else frozenset(statuses)
    only = None if years is None else frozenset(years)
    plans = tuple(plans)
    uses = keys_used(plans)
    results = tuple(_plan_result(plan, wanted, only, target, uses, targets) for plan in plans)
    all_years = tuple(sorted({year for result in results for year in result.totals.years}))
    override = None if target is None else Target(target, _override_years(target, only))
    combined = _totals(
        [m for result in results for m in result.measures], all_years,
        override or combined_target([result.totals.target for result in results], all_years), uses,
    )
    if uses.one_off:  # each plan's measures last from the last year of their own period
        combined = replace(combined, lasting=total(r.totals.lasting or EXACT_ZERO for r in results))
    if override is None and len(results) > 1:
        combined = answering_alone(combined, [result.totals.gap for result in results])
        if combined.scenarios is not None:
            combined = replace(combined, scenarios=decided_on.answering_alone(
                combined.scenarios, [r.totals.scenarios for r in results if r.totals.scenarios is not None]))
    return Summary(results, combined, uses)


def answering_alone(combined: Totals, gaps: Sequence[Gap | None]) -> Totals:
    """Totals of plans read together, each plan answering for its own balance: the combined gap
    keeps the net (target − total) and takes the plans' own gaps as its parts, so its shortfall is
    theirs added up. Without a combined target (a plan has none) there is no combined gap."""
    if combined.gap is None or any(part is None for part in gaps):
        return combined
    parts = tuple(part for part in gaps if part is not None)
    return replace(combined, gap=replace(combined.gap, parts=parts))


def _override_years(target: Decimal, only: frozenset[int] | None) -> Mapping[int, Decimal] | None:
    return {next(iter(only)): target} if only is not None and len(only) == 1 else None


def _plan_result(plan: Plan, statuses: frozenset[Status] | None, only: frozenset[int] | None,
                 target: Decimal | None, uses: KeysUsed = NONE_USED,
                 targets: Mapping[str, Target] | None = None) -> PlanResult:
    period = plan.period
    shown = tuple(year for year in period if only is None or year in only)
    measures = tuple(_measure_result(plan, measure, period, shown, statuses) for measure in plan.measures)
    plan_target = (Target(target, _override_years(target, only)) if target is not None
                   else restrict_target(_target_answered_for(plan, targets), shown, period))
    return PlanResult(plan, measures, _totals(measures, shown, plan_target, uses), tuple(reconcile(plan)))


def _measure_result(plan: Plan, measure: Measure, period: Sequence[int], shown: Sequence[int],
                    statuses: frozenset[Status] | None) -> MeasureResult:
    effects = measure_effects(measure, period)
    shown_effects = {year: effects[year] for year in shown if year in effects}
    if tuple(shown_effects) == tuple(measure.effects):  # the effects as written: held once, not twice
        shown_effects = measure.effects
    admitted = (measure.status is not Status.CANCELLED and not rejected(measure)
                and (statuses is None or measure.status in statuses))
    return MeasureResult(plan, measure, shown_effects, measure_class(measure), admitted)


def _totals(measures: Sequence[MeasureResult], years: tuple[int, ...], target: Target | None,
            uses: KeysUsed = NONE_USED) -> Totals:
    """The counted measures added up per year (in one pass over them: linear in measures + years).

    A per-year target gets a figure for each of ``years``, 0 where the plan names none: the gap
    counts such a year against 0, and every report shows the same years whether a plan is
    reported alone or beside others.
    """
    if target is not None and target.years is not None and tuple(target.years) != years:
        target = Target(target.total, {year: target.years.get(year, ZERO) for year in years})
    effects: dict[int, list[Range]] = {year: [] for year in years}
    for measure in measures:
        if measure.counted:
            for year, value in measure.effects.items():
                if year in effects:
                    effects[year].append(value)
    per_year = {year: total(values) if values else EXACT_ZERO for year, values in effects.items()}
    period_total = total(per_year.values())
    potential = total(m.total for m in measures if m.admitted and m.measure.potential)
    totals = Totals(years, per_year, period_total, target, gap(target, period_total, per_year), potential)
    return _decided_on(totals, measures, uses) if uses.any else totals


def _decided_on(totals: Totals, measures: Sequence[MeasureResult], uses: KeysUsed) -> Totals:
    """The totals with the figures of the optional keys the plans read use (core/scenarios.py)."""
    years, last = totals.years, (totals.years[-1] if totals.years else None)
    return replace(
        totals,
        scenarios=decided_on.scenarios(measures, years, totals.target) if uses.scenarios else None,
        one_off=decided_on.one_off_per_year(measures, years) if uses.one_off else None,
        lasting=total(decided_on.lasting_effect(m, last) for m in measures) if uses.one_off else None,
        staff=decided_on.staff_per_year(measures, years) if uses.staff else None,
    )


def plan_target_of(plan: Plan) -> Target | None:
    """The plan's sparbeting; per-year targets add up to the period's."""
    return None if plan.target is None else target_of(plan.target)


def target_of(written: Decimal | Mapping[int, Decimal]) -> Target:
    """A target as a plan or the organisation tree writes it: for the period, or per year (added up)."""
    if isinstance(written, Mapping):
        return Target(sum(written.values(), ZERO), dict(written))
    return Target(written)


def _target_answered_for(plan: Plan, targets: Mapping[str, Target] | None) -> Target | None:
    """The target given for the plan by its path where one is, else its own."""
    return targets[plan.path] if targets is not None and plan.path in targets else plan_target_of(plan)


def restrict_target(target: Target | None, shown: Sequence[int], period: Sequence[int]) -> Target | None:
    """The target for the years shown: known per year, or for the whole period only."""
    if target is None or tuple(shown) == tuple(period):
        return target
    if target.years is None:
        return None
    years = {year: target.years.get(year, ZERO) for year in shown}
    return Target(sum(years.values(), ZERO), years)


def combined_target(targets: Sequence[Target | None], years: Sequence[int]) -> Target | None:
    """Targets added up; unknown unless every plan has one; per year only if every plan has them."""
    if not targets or any(t is None for t in targets):
        return None
    known = [t for t in targets if t is not None]
    amount = sum((t.total for t in known), ZERO)
    if any(t.years is None for t in known):
        return Target(amount)
    return Target(amount, {year: sum((t.years.get(year, ZERO) for t in known if t.years), ZERO) for year in years})


def reconcile(plan: Plan) -> list[Reconciliation]:
    """Each sum the document states, against the plan's own rows (every non-cancelled measure)."""
    if not plan.stated_totals and all(m.stated_total is None for m in plan.measures):
        return []
    period = plan.period
    effects = [measure_effects(m, period) for m in plan.measures]
    counted = [e for m, e in zip(plan.measures, effects) if counts_in_plan(m)]
    result = []
    for key, stated in plan.stated_totals.items():
        computed = (total(total(e.values()) for e in counted) if key == "total"
                    else total(e.get(int(key), EXACT_ZERO) for e in counted))
        result.append(Reconciliation(plan.path, str(key), stated.amount, computed,
                                     known_difference=stated.known_difference))
    for measure, its_effects in zip(plan.measures, effects):
        figure = measure.stated_total
        if figure is not None:
            result.append(Reconciliation(plan.path, "total", figure.amount, total(its_effects.values()),
                                         measure.id, figure.known_difference))
    return result
