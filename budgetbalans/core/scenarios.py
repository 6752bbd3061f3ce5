"""What a nämnd decides on, added up: the coverage of the target as three scenarios, the one-off part, the lasting level and the staff.

Pure and exact, like :mod:`budgetbalans.core.summary`, and decided once here for every report:

- *Beslutat* (``decided``): the counted measures whose ``decision.state`` is ``beslutad``.
- *Förväntat* (``expected``): every counted measure at its effect × ``probability``, bound by bound,
  exact (no rounding); a measure without a probability counts at 100 %.
- *Planerat* (``planned``): every counted measure, as the totals.

Each scenario has its totals per year and for the period and a :class:`~budgetbalans.core.gap.Gap`
against the same target as the totals, so its shortfall follows the same rules: with a per-year
target one year's surplus never covers another's shortfall, and plans read together each answer for
their own (:func:`answering_alone`).

A measure that does not count (cancelled, ``decision.state: avslagen``, only a potential, outside
``--status``) adds nothing to any scenario, to the one-off part, to the lasting level or to the staff.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Mapping, Protocol, Sequence

from budgetbalans.core.gap import Gap, Target, gap
from budgetbalans.plan.money import EXACT_ZERO, ZERO, Range, total

if TYPE_CHECKING:
    from budgetbalans.plan.models import Measure, Plan


class MeasureResult(Protocol):
    """What these sums need of a computed measure (:class:`budgetbalans.core.summary.MeasureResult`,
    which imports this module)."""

    @property
    def measure(self) -> Measure: ...
    @property
    def effects(self) -> Mapping[int, Range]: ...
    @property
    def counted(self) -> bool: ...
    @property
    def expected(self) -> Mapping[int, Range]: ...


@dataclass(frozen=True)
class KeysUsed:
    """Which of the optional keys any measure read uses: the reports show their figures only then."""

    scenarios: bool = False
    one_off: bool = False
    staff: bool = False
    consequences: bool = False

    @property
    def any(self) -> bool:
        return self.scenarios or self.one_off or self.staff or self.consequences


NONE_USED = KeysUsed()


def keys_used(plans: Iterable[Plan]) -> KeysUsed:
    """Which optional keys the measures of ``plans`` use (every measure read, counted or not)."""
    measures = [measure for plan in plans for measure in plan.measures]
    return KeysUsed(
        scenarios=any(m.probability is not None or m.decision is not None for m in measures),
        one_off=any(m.one_off for m in measures),
        staff=any(bool(m.staff) for m in measures),
        consequences=any(bool(m.consequences) for m in measures),
    )


def rejected(measure: Measure) -> bool:
    """Whether the measure's decision is ``avslagen``: it counts zero, like a cancelled one."""
    from budgetbalans.plan.models import DecisionState

    return measure.decision is not None and measure.decision.state is DecisionState.REJECTED


def decided(measure: Measure) -> bool:
    """Whether the measure's decision is ``beslutad`` (``återremitterad`` is not: it counts as proposed)."""
    from budgetbalans.plan.models import DecisionState

    return measure.decision is not None and measure.decision.state is DecisionState.DECIDED


def expected(value: Range, probability: Decimal | None) -> Range:
    """An effect × its probability, bound by bound, exact; no probability is 100 %. An unbounded
    bound stays unbounded unless the probability is 0 (then nothing is expected)."""
    if probability is None:
        return Range(value.low, value.high)
    return Range(_times(value.low, probability), _times(value.high, probability))


def _times(bound: Decimal | None, probability: Decimal) -> Decimal | None:
    if bound is None:
        return ZERO if probability == 0 else None
    return bound * probability


@dataclass(frozen=True)
class Scenario:
    """One scenario's counted effects per year and for the period, and its gap (``None`` without a target)."""

    per_year: Mapping[int, Range]
    total: Range
    gap: Gap | None

    @property
    def shortfall(self) -> Range | None:
        """Still to save in this scenario (the gap's rules: no year's or plan's surplus covers another's)."""
        return None if self.gap is None else self.gap.shortfall


@dataclass(frozen=True)
class Scenarios:
    """The coverage of the target: *Beslutat*, *Förväntat* and *Planerat*."""

    decided: Scenario
    expected: Scenario
    planned: Scenario

    def items(self) -> tuple[tuple[str, Scenario], ...]:
        """The scenarios by their JSON names, in the order reports show them."""
        return (("decided", self.decided), ("expected", self.expected), ("planned", self.planned))


def scenarios(measures: Sequence[MeasureResult], years: tuple[int, ...], target: Target | None) -> Scenarios:
    """The three scenarios of the counted ``measures`` over ``years`` against ``target``."""
    counted = [m for m in measures if m.counted]
    return Scenarios(
        _scenario([m.effects for m in counted if decided(m.measure)], years, target),
        _scenario([m.expected for m in counted],
                  years, target),
        _scenario([m.effects for m in counted], years, target),
    )


def _scenario(effects: Sequence[Mapping[int, Range]], years: tuple[int, ...], target: Target | None) -> Scenario:
    per_year = per_year_sum(effects, years)
    period = total(per_year.values())
    return Scenario(per_year, period, gap(target, period, per_year))


def per_year_sum(effects: Sequence[Mapping[int, Range]], years: tuple[int, ...]) -> dict[int, Range]:
    """Effects added up for each of ``years`` (0 where none)."""
    return {year: total(e.get(year, EXACT_ZERO) for e in effects) for year in years}


def answering_alone(combined: Scenarios, plans: Sequence[Scenarios]) -> Scenarios:
    """Plans read together: each scenario's gap takes the plans' own gaps of that scenario as its parts,
    so one plan's surplus never hides another's shortfall (as :func:`budgetbalans.core.summary.answering_alone`)."""
    def joined(name: str) -> Scenario:
        scenario: Scenario = getattr(combined, name)
        parts = [getattr(plan, name).gap for plan in plans]
        if scenario.gap is None or any(part is None for part in parts):
            return scenario
        return replace(scenario, gap=replace(scenario.gap, parts=tuple(p for p in parts if p is not None)))

    return Scenarios(joined("decided"), joined("expected"), joined("planned"))


def one_off_per_year(measures: Sequence[MeasureResult], years: tuple[int, ...]) -> dict[int, Range]:
    """Per year, the part of the counted effects that is one-off ("varav engångseffekter")."""
    return per_year_sum([m.effects for m in measures if m.counted and m.measure.one_off], years)


def lasting_effect(result: MeasureResult, last_year: int | None) -> Range:
    """What a counted measure that is not one-off goes on saving after the period: its ``full_year``
    where given, else its effect in the period's last year; nothing for any other measure."""
    if not result.counted or result.measure.one_off:
        return EXACT_ZERO
    if result.measure.full_year is not None:
        return result.measure.full_year
    return result.effects.get(last_year, EXACT_ZERO) if last_year is not None else EXACT_ZERO


def staff_per_year(measures: Sequence[MeasureResult], years: tuple[int, ...]) -> dict[int, Decimal]:
    """The change in årsarbetare per year, summed over the counted measures only: a cancelled, rejected
    or merely possible measure, or one outside ``--status``, changes no staff."""
    counted = [m.measure.staff for m in measures if m.counted]
    return {year: sum((staff[year] for staff in counted if year in staff), ZERO) for year in years}
