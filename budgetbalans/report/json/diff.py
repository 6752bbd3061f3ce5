"""``diff --format json``: the contract of a change (docs/planformat.md), amounts in kronor, exact.

``before`` and ``after`` are each side's ``gap --format json`` document; ``change`` the totals'
change, bound by bound (``after − before``; an unbounded end gives ``null``); ``measures`` every
measure added, removed or changed; ``plans`` every plan's own change. Where either side uses
``probability`` or ``decision``, ``scenarios`` (of all plans, and of each plan) holds the three
scenarios before, after and their change (:func:`scenarios`), and each measure what it adds to each
(``scenarios`` of a measure); a measure's ``values`` name the keys a nämnd decides on as the reports'
JSON does (a probability as a fraction, a decision by ``by``, ``state``, ``date``, ``ref``). A diff of
plans without these keys has none of these keys. Where either side has an organisation tree,
``organisation`` holds each node before and after (:func:`organisation`); without one there is no such
key. Dumped by
:mod:`budgetbalans.report.json.text`: exact decimals, inert plan text.
"""

from __future__ import annotations

from typing import Any, Mapping

from budgetbalans.core.diff import (
    DECIDED_ON_FIELDS, Change, Comparison, MeasureChange, NodeChange, OrganisationChange, PlanChange, PlanDiff,
    ScenariosChange, TotalsChange,
)
from budgetbalans.core.summary import MeasureResult
from budgetbalans.plan.money import Range
from budgetbalans.report.json.reports import (by_year, decision_of, dumps, gap_report, kind, json_amount,
                                             node_figures, span)


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
    return {name: {"before": _value(item, name, item.before), "after": _value(item, name, item.after)}
            for name in item.fields if name not in ("effects", "forecast", "outcome")}


def _value(item: MeasureChange, name: str, side: MeasureResult | None) -> Any:
    """A field's value as compared; the keys a nämnd decides on as the reports' JSON has them."""
    if name not in DECIDED_ON_FIELDS or side is None:
        return item.value(name, side)
    measure = side.measure
    if name == "probability":
        return json_amount(measure.probability)
    if name == "decision":
        return None if measure.decision is None else decision_of(measure.decision)
    if name == "staff":
        return {str(year): json_amount(value) for year, value in measure.staff.items()}
    if name == "consequences":
        return dict(measure.consequences)
    return measure.one_off


def _side(totals: TotalsChange, after: bool) -> dict[str, Any]:
    """One side of a scenario, from its comparisons: totals per year and for the period, what is still to save."""
    def pick(c: Comparison, name: str) -> Any:
        return getattr(c, f"{name}_{'after' if after else 'before'}")

    return {"totals": by_year({c.year: pick(c, "total") for c in totals.years if c.year is not None}),
            "total": span(pick(totals.period, "total")),
            "shortfall": _maybe(pick(totals.period, "shortfall")),
            "shortfall_years": _years(totals.years, "shortfall_after" if after else "shortfall_before")}


def scenarios(item: ScenariosChange) -> dict[str, Any]:
    """Each scenario (``decided``, ``expected``, ``planned``): ``before``, ``after`` and the ``change``
    (as the totals' ``change``, with the scenario's own verdicts)."""
    return {name: {"before": _side(totals, False), "after": _side(totals, True), "change": change(totals)}
            for name, totals in item.items()}


def _effects(effects: Mapping[int, tuple[Range | None, Range | None]]) -> dict[str, Any]:
    return {str(year): {"before": _maybe(old), "after": _maybe(new)} for year, (old, new) in effects.items()}


def measure(item: MeasureChange, with_scenarios: bool = False) -> dict[str, Any]:
    """A measure's change; ``with_scenarios``: what it adds to each scenario's period total, before and after."""
    found = {
        "plan": item.plan_path,
        "id": item.id,
        "title": item.title,
        "change": item.change.value,
        "fields": list(item.fields),
        "values": _values(item),
        "effects": _effects(item.effects),
        "total": span(item.total_change),
    }
    if with_scenarios:
        found["scenarios"] = {name: {"before": span(old), "after": span(new), "change": span(moved)}
                              for name, old, new, moved in item.scenarios}
    return found


def plan(item: PlanChange) -> dict[str, Any]:
    found = {
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
    if item.scenarios is not None:
        found["scenarios"] = scenarios(item.scenarios)
    return found


def organisation(item: OrganisationChange) -> dict[str, Any]:
    """``nodes``: every node of either side's tree, in the new tree's order (then those only the old one has),
    each with its ``name``, ``depth``, ``before`` and ``after`` (its figures as ``gap --format json``'s
    ``organisation`` gives them, without ``parts``; ``null`` on a side whose tree lacks it), ``change`` (as the
    totals' ``change``, with the node's own verdicts), ``verdict`` (the first of its judged years' verdicts,
    worse first) and ``made_short``; ``made_short``: the names of the nodes the change makes short (a node
    newly short, or whose shortfall grows, in a year it is judged by); ``worse``: whether there is one."""
    return {"nodes": [_node(node) for node in item.nodes],
            "made_short": [node.organisation for node in item.made_short],
            "worse": item.worse}


def _node(item: NodeChange) -> dict[str, Any]:
    return {"name": item.organisation, "depth": item.depth,
            "before": None if item.before is None else node_figures(item.before),
            "after": None if item.after is None else node_figures(item.after),
            "change": change(item.totals), "verdict": item.verdict.value, "made_short": item.made_short}


def document(result: PlanDiff, base: str | None = None) -> dict[str, Any]:
    """The diff; ``scenarios`` after ``change`` where either side uses probability or decision (``worse``
    stays the planned scenario's: the totals')."""
    found: dict[str, Any] = {
        "base": base,
        "before": gap_report(result.before),
        "after": gap_report(result.after),
        "change": change(result.totals),
    }
    if result.scenarios is not None:
        found["scenarios"] = scenarios(result.scenarios)
    if result.organisation is not None:
        found["organisation"] = organisation(result.organisation)
    found.update({
        "measures": [measure(item, result.scenarios is not None) for item in result.measures],
        "unchanged": result.unchanged,
        "plans": [plan(item) for item in result.plans],
        "worse": result.worse,
    })
    return found


def render(result: PlanDiff, base: str | None = None) -> str:
    return dumps(document(result, base)) + "\n"
