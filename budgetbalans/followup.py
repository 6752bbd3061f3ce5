"""Follow-up (uppföljning): this year's forecasts against the plan. Pure, like the core.

A measure with no forecast for the year counts with its planned effect and is marked as
not followed up; a cancelled measure counts zero. The deviation is forecast − planned,
bound by bound; the forecast gap is the gap with the year's forecasts in place of its
planned effects.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Sequence

from budgetbalans.core import GapKind, MeasureResult, Totals, gap_kind, summarize
from budgetbalans.models import Plan
from budgetbalans.money import EXACT_ZERO, Range, total


@dataclass(frozen=True)
class FollowUpLine:
    """One measure in one year: planned, forecast, deviation and outcome to date."""

    result: MeasureResult
    planned: Range
    forecast: Range
    outcome: Range | None
    followed_up: bool

    @property
    def deviation(self) -> Range:
        return self.forecast.minus_bounds(self.planned)

    @property
    def falls_short(self) -> bool:
        """Whether the measure is now expected to deliver less than planned (at either bound)."""
        d = self.deviation
        return any(bound is not None and bound < 0 for bound in (d.low, d.high))


@dataclass(frozen=True)
class FollowUp:
    """The follow-up of one year over one or more plans."""

    year: int
    as_of: date | None
    lines: tuple[FollowUpLine, ...]
    target: Decimal | None
    forecast_gap: Range | None

    @property
    def forecast_gap_kind(self) -> GapKind | None:
        """The forecast gap's verdict, by the core's :func:`~budgetbalans.core.gap_kind`."""
        return gap_kind(self.forecast_gap)

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
    def not_followed_up(self) -> int:
        return sum(not line.followed_up for line in self.lines if line.result.counted)


def follow_up_year(plans: Sequence[Plan], year: int | None = None) -> int:
    """The year to follow up: ``year``, else the year of the latest ``as_of``, else the last planned year."""
    if year is not None:
        return year
    dates = [plan.as_of for plan in plans if plan.as_of is not None]
    if dates:
        return max(dates).year
    years = [y for plan in plans for y in plan.period]
    return max(years) if years else date.today().year


def follow_up(plans: Sequence[Plan], year: int | None = None) -> FollowUp:
    """Planned, forecast and deviation per measure for one year, and the forecast gap."""
    chosen = follow_up_year(plans, year)
    summary = summarize(plans)
    lines = tuple(_line(result, chosen) for result in summary.measures)
    forecast_total = total(line.forecast for line in lines)
    dates = [plan.as_of for plan in plans if plan.as_of is not None]
    target, gap = _forecast_gap(summary.totals, chosen, forecast_total)
    return FollowUp(chosen, max(dates) if dates else None, lines, target, gap)


def _line(result: MeasureResult, year: int) -> FollowUpLine:
    measure = result.measure
    outcome = measure.outcome.get(year)
    if not result.counted:  # cancelled, or only a potential: counts zero
        return FollowUpLine(result, EXACT_ZERO, EXACT_ZERO, outcome, year in measure.forecast)
    planned = result.effects.get(year, EXACT_ZERO)
    forecast = measure.forecast.get(year)
    return FollowUpLine(result, planned, planned if forecast is None else forecast, outcome, forecast is not None)


def _forecast_gap(totals: Totals, year: int, forecast: Range) -> tuple[Decimal | None, Range | None]:
    if totals.target is None:
        return None, None
    if totals.target.years is not None:
        target = totals.target.years.get(year, Decimal(0))
        return target, Range.exact(target) - forecast
    others = total(value for y, value in totals.per_year.items() if y != year)
    return totals.target.total, Range.exact(totals.target.total) - (others + forecast)

