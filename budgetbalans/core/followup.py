"""Follow-up (uppföljning): this year's forecasts against the plan. Pure, like the core.

A measure with no forecast for the year counts with its planned effect; a cancelled measure
counts zero. The deviation is forecast − planned, bound by bound; the forecast gap is the gap
with the year's forecasts in place of its planned effects.

Each measure's verdict for the year (:class:`FollowUpKind`) is decided here, once, by
:func:`follow_up_kind`; the reports only word and colour it.

Each measure's signal (:class:`Signal`: green, yellow, red) and lateness are decided here too, once, by
:func:`signal_of` and :func:`is_late`, against the follow-up date the caller gives (the plan's ``as_of``, else
today as the command line passes it: the core never reads the clock).

Under an organisation tree, each plan answers for what the tree gives it (as in ``gap``), and the tree is
rolled up twice (:func:`~budgetbalans.core.organisation.roll_up`): as planned, and with each plan's
forecast for the year in place of its planned effect that year. A node's forecast gap
(:class:`NodeForecast`) is then exactly what a plan's is: against the year's target, or against the
period's with the other years' planned effects beside the year's forecast; its shortfall is its parts'
and own plans' forecast shortfalls added up (and the own part no plan takes), never netted.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Mapping, Sequence

from budgetbalans.core.gap import Gap, GapKind, Target, gap as gap_of
from budgetbalans.core.organisation import NodeResult, plan_targets, roll_up
from budgetbalans.core.summary import MeasureResult, PlanResult, Summary, summarize
from budgetbalans.plan.models import Measure, Plan, Status
from budgetbalans.plan.money import EXACT_ZERO, Range, total
from budgetbalans.plan.organisation import Organisation


class FollowUpKind(str, Enum):
    """A measure's follow-up verdict for one year, decided only by :func:`follow_up_kind`.

    ``ON_TRACK``: the forecast lies within the planned range (or equals the planned amount).
    ``BEHIND``: the forecast's low is below the planned low: at its low end it delivers less
    than the least that was planned (a forecast range wider than the plan at both ends is
    behind too). ``AHEAD``: not behind, and the forecast's high is above the planned high.
    ``NOT_FOLLOWED_UP``: an effect was planned for the year and there is no forecast.
    ``NOTHING_PLANNED``: no effect planned for the year (none, or 0) and no forecast: there was
    nothing to follow up. A forecast without a plan is judged against a plan of 0 (ahead, or
    behind for a cost, or on track at 0). ``NOT_COUNTED``: a cancelled measure or a possible
    effect (``potential``): it counts zero, planned and forecast, whatever its forecast, so
    there is nothing to judge and it is never "not followed up".
    """

    ON_TRACK = "on_track"
    BEHIND = "behind"
    AHEAD = "ahead"
    NOT_FOLLOWED_UP = "not_followed_up"
    NOTHING_PLANNED = "nothing_planned"
    NOT_COUNTED = "not_counted"


def follow_up_kind(planned: Range, forecast: Range | None, counted: bool = True) -> FollowUpKind:
    """The verdict on one year's ``forecast`` (``None``: none given) against the ``planned`` effect.

    An unbounded end is infinite: an unbounded low is below any low, an unbounded high above
    any high.
    """
    if not counted:
        return FollowUpKind.NOT_COUNTED
    if forecast is None:
        nothing = planned.low == 0 and planned.high == 0
        return FollowUpKind.NOTHING_PLANNED if nothing else FollowUpKind.NOT_FOLLOWED_UP
    if planned.low is not None and (forecast.low is None or forecast.low < planned.low):
        return FollowUpKind.BEHIND
    if planned.high is not None and (forecast.high is None or forecast.high > planned.high):
        return FollowUpKind.AHEAD
    return FollowUpKind.ON_TRACK


#: The kinds with a forecast to judge: the measure was followed up against something planned.
JUDGED = frozenset({FollowUpKind.ON_TRACK, FollowUpKind.BEHIND, FollowUpKind.AHEAD})

#: The default limit of a yellow signal: a forecast at most this many per cent of the planned effect below it.
YELLOW_PERCENT = Decimal(10)


class Signal(str, Enum):
    """A measure's signal in the follow-up (trafikljus), decided only by :func:`signal_of`."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


def is_late(measure: Measure, on: date | None) -> bool:
    """Whether ``measure`` is late (försenad) at the follow-up date ``on``: its ``due`` date has passed (is
    before ``on``) and it is neither done nor cancelled. Without a due date or a follow-up date it is not late."""
    if measure.due is None or on is None:
        return False
    return measure.due < on and measure.status not in (Status.DONE, Status.CANCELLED)


def signal_of(planned: Range, forecast: Range | None, late: bool = False,
              yellow: Decimal = YELLOW_PERCENT) -> Signal | None:
    """The signal of one year's ``forecast`` against the ``planned`` effect; ``None`` without a forecast.

    The shortfall is the planned low less the forecast low: a range is judged by its low end, the least it
    may deliver, as :func:`follow_up_kind` calls a forecast behind. So a forecast range straddling the
    yellow limit (one end within it, the other further below) is red: a signal must never say green or
    yellow of a forecast that may be red; the range's high end is still shown beside it. Green: no
    shortfall (the forecast reaches the plan) and not late. Yellow: a shortfall of at most ``yellow`` per
    cent of the planned effect (of its size: a planned cost's limit is a share of the cost), or a
    forecast that reaches the plan but is late. Red: further below. An unbounded forecast low is below any
    plan; an unbounded planned low is reached by any forecast.
    """
    if forecast is None:
        return None
    if planned.low is None:
        shortfall: Decimal | None = Decimal(0)
    else:
        shortfall = None if forecast.low is None else planned.low - forecast.low
    if shortfall is not None and shortfall <= 0:
        return Signal.YELLOW if late else Signal.GREEN
    limit = abs(planned.low or Decimal(0)) * yellow / 100
    return Signal.YELLOW if shortfall is not None and shortfall <= limit else Signal.RED


@dataclass(frozen=True)
class FollowUpLine:
    """One measure in one year: planned, forecast, deviation and outcome to date."""

    result: MeasureResult
    planned: Range
    forecast: Range
    outcome: Range | None
    followed_up: bool
    late: bool = False
    yellow: Decimal = YELLOW_PERCENT

    @property
    def deviation(self) -> Range:
        return self.forecast.minus_bounds(self.planned)

    @property
    def signal(self) -> Signal | None:
        """The measure's signal by :func:`signal_of`; ``None`` without a forecast for the year, or for a
        measure that is not counted (cancelled, a possible effect): there is nothing to judge."""
        if self.kind not in JUDGED:
            return None
        return signal_of(self.planned, self.forecast, self.late, self.yellow)

    @property
    def forecast_note(self) -> str | None:
        """Why the forecast deviates, as the plan writes it (``forecast_note``)."""
        return self.result.measure.forecast_note

    @property
    def kind(self) -> FollowUpKind:
        """The verdict for the year, by :func:`follow_up_kind`."""
        return follow_up_kind(self.planned, self.forecast if self.followed_up else None, self.result.counted)

    @property
    def falls_short(self) -> bool:
        """Whether the measure is now expected to deliver less than planned: :attr:`FollowUpKind.BEHIND`."""
        return self.kind is FollowUpKind.BEHIND


@dataclass(frozen=True)
class PlanForecast:
    """One plan's forecast gap for the year, computed as if the plan were read alone.

    ``target`` is what the forecast is measured against: the year's target, or the whole period's
    where the plan's target is for the period; then ``others`` are the other years' planned
    effects, which count toward it beside the year's ``forecast``.
    """

    plan: Plan
    planned: Range
    forecast: Range
    target: Decimal | None
    others: Range | None = None

    @property
    def gap(self) -> Range | None:
        """target − (other years' planned effects) − the year's forecast; ``None`` without a target."""
        if self.target is None:
            return None
        return Range.exact(self.target) - (self.forecast if self.others is None else self.others + self.forecast)


@dataclass(frozen=True)
class NodeForecast:
    """One node of the organisation tree followed up for the year: ``planned`` the node rolled up as planned,
    ``forecast`` rolled up with the plans' forecasts for the year in place of their planned effects that year.

    The node's forecast gap is a plan's (:class:`PlanForecast`): against the year's target where the node's
    target (as rolled up) is per year, else against the period's, with the other years' planned effects."""

    planned: NodeResult
    forecast: NodeResult
    year: int

    @property
    def organisation(self) -> str:
        return self.planned.organisation

    @property
    def depth(self) -> int:
        return self.planned.depth

    @property
    def planned_effect(self) -> Range:
        """The year's planned effect at and below the node."""
        return self.planned.totals.per_year.get(self.year, EXACT_ZERO)

    @property
    def forecast_effect(self) -> Range:
        """The year's forecast at and below the node (the planned effect where a measure has none)."""
        return self.forecast.totals.per_year.get(self.year, EXACT_ZERO)

    @property
    def deviation(self) -> Range:
        return self.forecast_effect.minus_bounds(self.planned_effect)

    @property
    def per_year(self) -> bool:
        """Whether the node's figures are the year's (a target per year, all the way down)."""
        gap = self.forecast.gap
        return gap is not None and gap.years is not None

    @property
    def target(self) -> Decimal | None:
        """What the forecast is measured against: the year's target, or the whole period's; None without one."""
        target = self.forecast.target
        if target is None:
            return None
        return target.years.get(self.year, Decimal(0)) if self.per_year and target.years is not None else target.total

    @property
    def others(self) -> Range | None:
        """Under a target for the period: the other years' planned effects, which count toward it too."""
        if self.target is None or self.per_year:
            return None
        return total(value for year, value in self.planned.totals.per_year.items() if year != self.year)

    @property
    def forecast_gap(self) -> Range | None:
        """The net by the forecast: target − (other years' planned effects) − the year's forecast, surpluses
        of one part set against another's shortfall; None without a target."""
        gap = self.forecast.gap
        if gap is None:
            return None
        return gap.years.get(self.year, EXACT_ZERO) if self.per_year and gap.years is not None else gap.total

    @property
    def forecast_shortfall(self) -> Range | None:
        """Still to save by the forecast: the parts' and own plans' forecast shortfalls and the own part no
        plan takes, added up, never netted; None without a target."""
        gap = self.forecast.gap
        if gap is None:
            return None
        return gap.year_shortfall(self.year) if self.per_year else gap.shortfall

    @property
    def forecast_gap_kind(self) -> GapKind | None:
        """The forecast's verdict on the node: the kind of what it still has to save (the core's rule)."""
        gap = self.forecast.gap
        if gap is None:
            return None
        if self.per_year and gap.year_kinds is not None:
            return gap.year_kinds.get(self.year, GapKind.SURPLUS)
        return gap.kind


@dataclass(frozen=True)
class ForecastRollup:
    """The organisation tree followed up for the year: every node, depth first from the root."""

    year: int
    nodes: tuple[NodeForecast, ...]


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of one year over one or more plans.

    ``target`` and ``forecast_gap`` are all plans' together (the net: one plan's surplus set against
    another's shortfall); :attr:`gap` holds each plan's own, and its shortfall is theirs added up.
    """

    year: int
    as_of: date | None
    lines: tuple[FollowUpLine, ...]
    target: Decimal | None
    forecast_gap: Range | None
    plans: tuple[PlanForecast, ...] = ()
    organisation: ForecastRollup | None = None  # under an organisation tree
    yellow: Decimal = YELLOW_PERCENT  # the limit of a yellow signal, per cent of the planned effect

    @cached_property
    def gap(self) -> Gap | None:
        """The forecast gap as the core's :class:`~budgetbalans.core.gap.Gap`: over several plans, each
        plan's own gap is a part, so that one plan's surplus never covers another's shortfall."""
        if self.forecast_gap is None:
            return None
        parts = tuple(Gap(p.gap) for p in self.plans if p.gap is not None) if len(self.plans) > 1 else ()
        return Gap(self.forecast_gap, None, parts)

    @property
    def forecast_shortfall(self) -> Range | None:
        """Still to save by the forecast: the plans' own forecast shortfalls added up."""
        gap = self.gap
        return None if gap is None else gap.shortfall

    @property
    def forecast_gap_kind(self) -> GapKind | None:
        """The forecast's verdict: the kind of what is still to save, plan by plan (the core's rule)."""
        gap = self.gap
        return None if gap is None else gap.kind

    @property
    def planned(self) -> Range:
        return total(line.planned for line in self.lines)

    @property
    def forecast(self) -> Range:
        return total(line.forecast for line in self.lines)

    @property
    def deviation(self) -> Range:
        return self.forecast.minus_bounds(self.planned)

    @property
    def kind(self) -> FollowUpKind:
        """The verdict on the totals: the forecast total against the planned total."""
        return follow_up_kind(self.planned, self.forecast)

    def count(self, kind: FollowUpKind) -> int:
        """How many measures have the verdict ``kind``."""
        return sum(line.kind is kind for line in self.lines)

    @property
    def not_followed_up(self) -> int:
        """Measures with an effect planned for the year and no forecast (not those with nothing planned)."""
        return self.count(FollowUpKind.NOT_FOLLOWED_UP)

    @property
    def red_or_late(self) -> bool:
        """Whether any measure's signal is red or any measure is late (``follow-up --fail-on red``)."""
        return any(line.signal is Signal.RED or line.late for line in self.lines)

    @property
    def signalled(self) -> bool:
        """Whether any measure has a signal (a forecast to judge)."""
        return any(line.signal is not None for line in self.lines)

    @property
    def dated(self) -> bool:
        """Whether any measure has a due date (then the reports say which are late)."""
        return any(line.result.measure.due is not None for line in self.lines)

    @property
    def noted(self) -> bool:
        """Whether any measure has a forecast note."""
        return any(line.forecast_note for line in self.lines)


def follow_up_year(plans: Sequence[Plan], year: int | None = None, today: date | None = None) -> int:
    """The year to follow up: ``year``, else the year of the latest ``as_of``, else the last planned
    year, else the year of ``today`` (given by the caller: the core never reads the clock)."""
    if year is not None:
        return year
    dates = [plan.as_of for plan in plans if plan.as_of is not None]
    if dates:
        return max(dates).year
    years = [y for plan in plans for y in plan.period]
    if years:
        return max(years)
    if today is None:
        raise ValueError("the plans name no year: give the year to follow up, or today's date")
    return today.year


def follow_up(plans: Sequence[Plan], year: int | None = None, today: date | None = None,
              tree: Organisation | None = None, yellow: Decimal = YELLOW_PERCENT,
              targets: Mapping[str, Target] | None = None) -> FollowUp:
    """Planned, forecast and deviation per measure for one year, and the forecast gap; under an organisation
    ``tree``, each plan answering for what the tree gives it, and the forecast gap per node. Each measure's
    lateness is judged at its plan's ``as_of``, else ``today``; its signal with the limit ``yellow`` (per cent).
    Without a tree, ``targets`` (by plan path) are what a tree gave the plans elsewhere (the history's, at each
    report's commit)."""
    chosen = follow_up_year(plans, year, today)
    summary = summarize(plans, targets=targets if tree is None else plan_targets(tree, plans))
    per_plan = [[_line(measure, chosen, result.plan.as_of or today, yellow) for measure in result.measures]
                for result in summary.plans]
    lines = tuple(line for plan_lines in per_plan for line in plan_lines)
    dates = [plan.as_of for plan in plans if plan.as_of is not None]
    forecasts = tuple(_plan_forecast(result, plan_lines, chosen) for result, plan_lines in zip(summary.plans, per_plan))
    if any(forecast.target is None for forecast in forecasts) or not forecasts:
        target, gap = None, None
    else:  # the plans' own targets and gaps added up: each measured as if read alone
        target = sum((forecast.target for forecast in forecasts if forecast.target is not None), Decimal(0))
        gap = total(forecast.gap for forecast in forecasts if forecast.gap is not None)
    organisation = None if tree is None else _forecast_rollup(tree, summary, forecasts, chosen)
    return FollowUp(chosen, max(dates) if dates else None, lines, target, gap, forecasts, organisation, yellow)


def _forecast_rollup(tree: Organisation, summary: Summary, forecasts: Sequence[PlanForecast],
                     year: int) -> ForecastRollup:
    """The tree rolled up as planned and with each plan's forecast for ``year`` in place of its planned
    effect that year, node by node."""
    results = tuple(_with_forecast(result, forecast.forecast, year) for result, forecast in zip(summary.plans, forecasts))
    planned, forecast = roll_up(tree, summary), roll_up(tree, replace(summary, plans=results))
    return ForecastRollup(year, tuple(NodeForecast(before, after, year)
                                      for before, after in zip(planned.nodes(), forecast.nodes())))


def _with_forecast(result: PlanResult, forecast: Range, year: int) -> PlanResult:
    """A plan's result with the year's forecast in place of its planned effect, and its gap against its target
    again: as :class:`PlanForecast` computes it (a plan that does not reach the year is as it was)."""
    totals = result.totals
    if year not in totals.per_year:
        return result
    per_year = {**totals.per_year, year: forecast}
    period = total(per_year.values())
    return replace(result, totals=replace(totals, per_year=per_year, total=period,
                                          gap=gap_of(totals.target, period, per_year)))


def _plan_forecast(result: PlanResult, lines: Sequence[FollowUpLine], year: int) -> PlanForecast:
    planned, forecast = total(line.planned for line in lines), total(line.forecast for line in lines)
    totals = result.totals
    if totals.target is None:
        return PlanForecast(result.plan, planned, forecast, None)
    if totals.target.years is not None:
        return PlanForecast(result.plan, planned, forecast, totals.target.years.get(year, Decimal(0)))
    others = total(value for y, value in totals.per_year.items() if y != year)
    return PlanForecast(result.plan, planned, forecast, totals.target.total, others)


def _line(result: MeasureResult, year: int, on: date | None, yellow: Decimal) -> FollowUpLine:
    measure = result.measure
    outcome = measure.outcome.get(year)
    late = is_late(measure, on)
    if not result.counted:  # cancelled, or only a potential: counts zero
        return FollowUpLine(result, EXACT_ZERO, EXACT_ZERO, outcome, year in measure.forecast, late, yellow)
    planned = result.effects.get(year, EXACT_ZERO)
    forecast = measure.forecast.get(year)
    return FollowUpLine(result, planned, planned if forecast is None else forecast, outcome, forecast is not None,
                        late, yellow)
