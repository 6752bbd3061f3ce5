"""The follow-up history of a plan through one year: each report's forecasts, their change, and their accuracy.

Pure, like the core: it is given the plan's versions (oldest first, as git gave them) and never reads a file.

- **A report** is a version in which ``as_of`` changed (:func:`reports_of`): the first version with an
  ``as_of``, then each one whose ``as_of`` differs from the version before it. A commit that changes only a
  title, or corrects a figure under the same ``as_of``, is not a report; a report is the plan as it was
  committed with its date.
- **The year's reports** (:func:`in_year`): those dated in the year followed up, and those dated after it
  that record an outcome for the year (a bokslut written in February).
- **Each report** is followed up as ``follow-up`` does for the plan read alone (:func:`~budgetbalans.core.followup.follow_up`),
  against the target the organisation tree of the report's commit gave the plan, where it gave one:
  per measure its planned effect, forecast (the planned effect where none is given) and outcome, and the plan's
  forecast gap. The change since the previous report is forecast − previous forecast, bound by bound.
- **The year end.** A report dated on or after 31 December of the year, whose plan records an ``outcome`` for
  the year, gives the whole year's outcome (the latest such report). Then each report's error per measure is
  forecast − outcome (bound by bound) for every measure with an outcome there, in total their sum, and the mean
  absolute error (MAE) per report is the mean of the measures' absolute errors, rounded to whole öre (a mean is
  the one figure here that is not exact; the sum and the count it is taken from are kept beside it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Mapping, Sequence

from budgetbalans.core.followup import FollowUp, FollowUpLine, follow_up
from budgetbalans.core.gap import Target
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import ZERO, Range, total

#: The mean absolute error is given to whole öre.
ÖRE = Decimal("0.01")


@dataclass(frozen=True)
class Version:
    """A plan as one commit holds it: ``commit`` its id (the revision it was read at); ``target``, where the
    commit's organisation tree gives the plan one (:func:`~budgetbalans.core.organisation.plan_targets`)."""

    commit: str
    plan: Plan
    target: Target | None = None


@dataclass(frozen=True)
class Report:
    """One follow-up report: the plan's version when its ``as_of`` became ``as_of``."""

    as_of: date
    commit: str
    plan: Plan
    target: Target | None = None  # what the organisation tree gave the plan at the commit


def reports_of(versions: Sequence[Version]) -> list[Report]:
    """The versions (oldest first) in which ``as_of`` changed, as reports: a version without ``as_of``, or with
    the same ``as_of`` as the version before it, is none."""
    reports: list[Report] = []
    previous: date | None = None
    for version in versions:
        as_of = version.plan.as_of
        if as_of is not None and as_of != previous:
            reports.append(Report(as_of, version.commit, version.plan, version.target))
        previous = as_of
    return reports


def year_end(year: int) -> date:
    return date(year, 12, 31)


def has_outcome(plan: Plan, year: int) -> bool:
    """Whether any measure of ``plan`` records an outcome for ``year``."""
    return any(year in measure.outcome for measure in plan.measures)


def in_year(reports: Sequence[Report], year: int) -> list[Report]:
    """The reports of ``year``: dated in it, or after it with an outcome for it (a bokslut)."""
    return [report for report in reports if report.as_of.year == year or
            (report.as_of > year_end(year) and has_outcome(report.plan, year))]


def history_year(reports: Sequence[Report], year: int | None) -> int | None:
    """The year followed up: ``year``, else the year of the latest report; ``None`` without a report."""
    if year is not None:
        return year
    return max(report.as_of for report in reports).year if reports else None


@dataclass(frozen=True)
class Point:
    """A measure at one report: its planned effect, forecast (the planned effect where ``followed_up`` is
    false), outcome so far, the ``change`` since the previous report (``None`` at the first report, or where the
    measure was not in it) and the ``error`` against the year's outcome (``None`` without one)."""

    planned: Range
    forecast: Range
    followed_up: bool
    counted: bool
    outcome: Range | None
    change: Range | None
    error: Range | None


@dataclass(frozen=True)
class MeasureHistory:
    """A measure through the year: ``points`` one per report (``None`` where the report's plan does not have
    the measure); ``planned`` and ``title`` as its latest version says; ``outcome`` the latest outcome
    recorded; ``year_outcome`` the whole year's, where a year end is known."""

    id: str
    title: str
    planned: Range
    points: tuple[Point | None, ...]
    outcome: Range | None
    year_outcome: Range | None


@dataclass(frozen=True)
class ReportFigures:
    """One report's totals: planned, forecast, the change since the previous report, the target and the forecast
    gap (as ``follow-up`` computes it for the plan read alone) beside the gap as planned; where the year end is
    known, ``error`` (the measures' errors added up), ``absolute_error`` (their absolute values added up) over
    ``errors`` measures, and their mean (:attr:`mean_absolute_error`)."""

    as_of: date
    commit: str
    planned: Range
    forecast: Range
    change: Range | None
    target: Decimal | None
    planned_gap: Range | None
    forecast_gap: Range | None
    forecast_shortfall: Range | None
    error: Range | None
    absolute_error: Range | None
    errors: int

    @property
    def mean_absolute_error(self) -> Range | None:
        """The mean of the measures' absolute errors, bound by bound, to whole öre (half up)."""
        if self.absolute_error is None or not self.errors:
            return None
        low, high = (None if bound is None else (bound / self.errors).quantize(ÖRE, ROUND_HALF_UP)
                     for bound in (self.absolute_error.low, self.absolute_error.high))
        return Range(low, high)


@dataclass(frozen=True)
class PlanHistory:
    """One plan's follow-up reports of one year, oldest first; ``year_end`` the date of the report whose
    outcomes are the whole year's (``None``: no outcome for the whole year yet)."""

    path: str
    plan: Plan
    year: int
    reports: tuple[ReportFigures, ...]
    measures: tuple[MeasureHistory, ...]
    year_end: date | None


@dataclass(frozen=True)
class History:
    """Every plan's follow-up history of ``year``."""

    year: int
    plans: tuple[PlanHistory, ...]


def absolute(value: Range) -> Range:
    """|x| for x in the range: from 0 where it holds 0 (an unbounded end stays unbounded)."""
    low, high = value.low, value.high
    if low is not None and low >= 0:
        return value
    if high is not None and high <= 0:
        return -value
    far = None if low is None or high is None else max(-low, high)
    return Range(ZERO, far)


def plan_history(path: str, reports: Sequence[Report], year: int) -> PlanHistory:
    """The plan's ``reports`` of ``year`` (oldest first, at least one) followed up one by one."""
    follow_ups = [follow_up([report.plan], year, today=report.as_of,
                            targets=None if report.target is None else {report.plan.path: report.target})
                  for report in reports]
    end = next((report for report in reversed(reports)
                if report.as_of >= year_end(year) and has_outcome(report.plan, year)), None)
    outcomes = {} if end is None else {measure.id: measure.outcome[year] for measure in end.plan.measures
                                       if year in measure.outcome}
    by_id = [_lines_by_id(result) for result in follow_ups]
    measures = tuple(_measure(identifier, by_id, outcomes.get(identifier)) for identifier in _measure_ids(reports))
    figures = tuple(_figures(report, result, previous, measures, index, end is not None)
                    for index, (report, result, previous) in
                    enumerate(zip(reports, follow_ups, [None, *follow_ups[:-1]])))
    return PlanHistory(path, reports[-1].plan, year, figures, measures, None if end is None else end.as_of)


def _measure_ids(reports: Sequence[Report]) -> list[str]:
    """The measures' ids: the latest report's in its order, then those only earlier reports have."""
    ids = dict.fromkeys(measure.id for measure in reports[-1].plan.measures)  # ordered, and a key found at once
    for report in reversed(reports[:-1]):
        ids.update(dict.fromkeys(measure.id for measure in report.plan.measures))  # a known id keeps its place
    return list(ids)


def _lines_by_id(result: FollowUp) -> dict[str, FollowUpLine]:
    """The follow-up's line of each measure id (the first, as a scan finds it): looked up once per measure and
    report, where scanning the lines each time took time quadratic in the plan's measures."""
    lines: dict[str, FollowUpLine] = {}
    for line in result.lines:
        lines.setdefault(line.result.measure.id, line)
    return lines


def _measure(identifier: str, by_id: Sequence[Mapping[str, FollowUpLine]],
             year_outcome: Range | None) -> MeasureHistory:
    lines = [found.get(identifier) for found in by_id]
    points: list[Point | None] = []
    for index, line in enumerate(lines):
        previous = lines[index - 1] if index else None
        points.append(None if line is None else Point(
            line.planned, line.forecast, line.followed_up, line.result.counted, line.outcome,
            None if previous is None else line.forecast.minus_bounds(previous.forecast),
            None if year_outcome is None else line.forecast.minus_bounds(year_outcome)))
    latest = next(line for line in reversed(lines) if line is not None)
    outcome = next((line.outcome for line in reversed(lines) if line is not None and line.outcome is not None), None)
    return MeasureHistory(identifier, latest.result.measure.title, latest.planned, tuple(points), outcome,
                          year_outcome)


def _figures(report: Report, result: FollowUp, previous: FollowUp | None, measures: Sequence[MeasureHistory],
             index: int, known: bool) -> ReportFigures:
    plan = result.plans[0]
    planned_gap = None if plan.target is None else \
        Range.exact(plan.target) - (plan.planned if plan.others is None else plan.others + plan.planned)
    errors = [point.error for measure in measures for point in (measure.points[index],)
              if point is not None and point.error is not None]
    return ReportFigures(
        report.as_of, report.commit, result.planned, result.forecast,
        None if previous is None else result.forecast.minus_bounds(previous.forecast),
        plan.target, planned_gap, plan.gap, result.forecast_shortfall,
        total(errors) if known else None, total(absolute(error) for error in errors) if known else None,
        len(errors))


def follow_up_history(versions: Mapping[str, Sequence[Version]], year: int | None = None) -> History | None:
    """Every plan's reports of ``year`` (default: the year of the latest report of any plan), each plan's
    ``versions`` oldest first, keyed by its path; ``None`` where no version of any plan is a report. A plan
    without a report in the year is left out."""
    reports = {path: reports_of(found) for path, found in versions.items()}
    chosen = history_year([report for found in reports.values() for report in found], year)
    if chosen is None:
        return None
    plans = []
    for path, found in reports.items():
        shown = in_year(found, chosen)
        if shown:
            plans.append(plan_history(path, shown, chosen))
    return History(chosen, tuple(plans))
