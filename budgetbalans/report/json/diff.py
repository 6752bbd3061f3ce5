"""``diff --format json``: the contract of a change (docs/planformat.md), amounts in kronor, exact.

``before`` and ``after`` are each side's ``gap --format json`` document; ``change`` the totals'
change, bound by bound (``after − before``; an unbounded end gives ``null``); ``measures`` every
measure added, removed or changed; ``plans`` every plan's own change. Dumped by
:mod:`budgetbalans.report.json.text`: exact decimals, inert plan text.
"""

from __future__ import annotations

from typing import Any, Mapping

from budgetbalans.core.diff import Change, Comparison, MeasureChange, PlanChange, PlanDiff, TotalsChange
from budgetbalans.plan.money import Range
from budgetbalans.report.json.reports import dumps, gap_report, kind, json_amount, span


def _maybe(value: Range | None) -> Any:
    return None if value is None else span(value)


def _years(comparisons: tuple[Comparison, ...], value: str) -> Any:
    found = {str(c.year): getattr(c, value) for c in comparisons}
    if all(item is None for item in found.values()):
        return None
    return {year: _maybe(item) for year, item in found.items()}


def change(totals: TotalsChange) -> dict[str, Any]:
    """The contract's ``change``: totals per year, the period's total, target, gap and shortfall; then per
    year the gap and shortfall changes, each side's kind, and the verdicts the CI gate reads."""
    period = totals.period
    return {
        "totals": {str(c.year): span(c.total_change) for c in totals.years},
        "total": span(period.total_change),
        "target": json_amount(period.target_change),
        "gap": _maybe(period.gap_change),
        "shortfall": _maybe(period.shortfall_change),
        "gap_years": _years(totals.years, "gap_change"),
        "shortfall_years": _years(totals.years, "shortfall_change"),
        "gap_kind": {"before": kind(period.kind_before), "after": kind(period.kind_after)},
        "newly_short": list(totals.newly_short_years),
        "period_newly_short": period.newly_short,
        "shortfall_grows": list(totals.shortfall_grows_years),
        "worse": totals.worse,
    }


def _values(item: MeasureChange) -> dict[str, Any]:
    return {name: {"before": item.value(name, item.before), "after": item.value(name, item.after)}
            for name in item.fields if name not in ("effects", "forecast", "outcome")}


def _effects(effects: Mapping[int, tuple[Range | None, Range | None]]) -> dict[str, Any]:
    return {str(year): {"before": _maybe(old), "after": _maybe(new)} for year, (old, new) in effects.items()}


def measure(item: MeasureChange) -> dict[str, Any]:
    return {
        "plan": item.plan_path,
        "id": item.id,
        "title": item.title,
        "change": item.change.value,
        "fields": list(item.fields),
        "values": _values(item),
        "effects": _effects(item.effects),
        "total": span(item.total_change),
    }


def plan(item: PlanChange) -> dict[str, Any]:
    return {
        "plan": item.path,
        "before_plan": None if item.before is None else item.before.plan.path,
        "title": item.plan.title,
        "organisation": item.plan.organisation,
        "change": item.change.value,
        "fields": list(item.fields),
        "measures": {"added": item.count(Change.ADDED), "removed": item.count(Change.REMOVED),
                     "changed": item.count(Change.CHANGED), "unchanged": item.unchanged},
        "change_totals": change(item.totals),
    }


def document(result: PlanDiff, base: str | None = None) -> dict[str, Any]:
    return {
        "base": base,
        "before": gap_report(result.before),
        "after": gap_report(result.after),
        "change": change(result.totals),
        "measures": [measure(item) for item in result.measures],
        "unchanged": result.unchanged,
        "plans": [plan(item) for item in result.plans],
        "worse": result.worse,
    }


def render(result: PlanDiff, base: str | None = None) -> str:
    return dumps(document(result, base)) + "\n"
