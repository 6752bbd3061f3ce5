"""``follow-up --history --format json``: the core's :class:`~budgetbalans.core.history.History`, dumped directly.

Amounts in kronor, ranges ``{"low": L, "high": H}``, as every JSON of the contract; the keys are listed in
docs/rapporter.md ("Uppföljningarnas historik").
"""

from __future__ import annotations

from typing import Any

from budgetbalans.core.history import History, MeasureHistory, PlanHistory, Point, ReportFigures
from budgetbalans.plan.money import Range
from budgetbalans.report.json.reports import json_amount, span
from budgetbalans.report.json.text import dumps
from budgetbalans.report.options import BuildOptions


def _span(value: Range | None) -> Any:
    return None if value is None else span(value)


def history(result: History) -> dict[str, Any]:
    """The year and each plan's history."""
    return {"year": result.year, "plans": [_plan(plan) for plan in result.plans]}


def _plan(plan: PlanHistory) -> dict[str, Any]:
    return {
        "plan": plan.path,
        "title": plan.plan.title,
        "organisation": plan.plan.organisation,
        "year_end": None if plan.year_end is None else plan.year_end.isoformat(),
        "reports": [_report(report) for report in plan.reports],
        "measures": [_measure(measure, [report.as_of.isoformat() for report in plan.reports])
                     for measure in plan.measures],
    }


def _report(report: ReportFigures) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "commit": report.commit,
        "planned": span(report.planned),
        "forecast": span(report.forecast),
        "change": _span(report.change),
        "target": json_amount(report.target),
        "planned_gap": _span(report.planned_gap),
        "forecast_gap": _span(report.forecast_gap),
        "forecast_shortfall": _span(report.forecast_shortfall),
        "error": _span(report.error),
        "absolute_error": _span(report.absolute_error),
        "errors": report.errors,
        "mean_absolute_error": _span(report.mean_absolute_error),
    }


def _measure(measure: MeasureHistory, dates: list[str]) -> dict[str, Any]:
    return {
        "id": measure.id,
        "title": measure.title,
        "planned": span(measure.planned),
        "outcome": _span(measure.outcome),
        "year_outcome": _span(measure.year_outcome),
        "reports": [None if point is None else _point(point, as_of) for point, as_of in zip(measure.points, dates)],
    }


def _point(point: Point, as_of: str) -> dict[str, Any]:
    return {
        "as_of": as_of,
        "planned": span(point.planned),
        "forecast": span(point.forecast),
        "followed_up": point.followed_up,
        "counted": point.counted,
        "outcome": _span(point.outcome),
        "change": _span(point.change),
        "error": _span(point.error),
    }


def render(result: History, options: BuildOptions) -> str:
    """``follow-up --history --format json``: one JSON object, the text ``dumps(history(result))`` writes, made plan
    by plan so that each plan's dicts are freed once written (the whole history's dicts alive at once made the
    garbage collector scan them again and again, a fifth of the JSON's time)."""
    if not result.plans:
        return dumps(history(result)) + "\n"
    plans = ",\n    ".join(_nested(dumps(_plan(plan))) for plan in result.plans)
    return f'{{\n  "year": {result.year},\n  "plans": [\n    {plans}\n  ]\n}}\n'


def _nested(text: str) -> str:
    """JSON text indented as an item of the list ``plans`` (its strings hold no newline: JSON escapes it)."""
    return text.replace("\n", "\n    ")
