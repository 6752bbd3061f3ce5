"""``--format json``: the machine contract of docs/planformat.md. Amounts in kronor, exact.

Amounts are written as JSON numbers with every digit of the Decimal (never through a
binary float), ranges as ``{"low": L, "high": H}``, an unbounded bound as ``null``: the
records are dumped directly by :mod:`budgetbalans.report.json.text`, which also keeps plan text inert.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from budgetbalans.core.gap import Gap, GapKind, positive_part, Target
from budgetbalans.core.summary import MeasureResult, PlanResult, Reconciliation, Summary, Totals
from budgetbalans.core.followup import FollowUp, FollowUpLine, NodeForecast, PlanForecast
from budgetbalans.core.grouping import Group, GroupBy, group_totals
from budgetbalans.core.organisation import NodeResult, Rollup
from budgetbalans.core.scenarios import NONE_USED, KeysUsed, Scenario
from budgetbalans.plan.models import Decision
from budgetbalans.plan.money import Range
from budgetbalans.report.json.text import Each, Streamed, dumps
from budgetbalans.report.options import BuildOptions, ReportKind

__all__ = ["dumps", "follow_up", "json_amount", "node_figures", "organisation", "render", "render_follow_up", "span",
           "summary"]

def json_amount(value: Decimal | None) -> int | Decimal | None:
    """An amount as JSON writes it: an integral one as an int, any other as its exact decimal digits."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value


def span(value: Range) -> dict[str, Any]:
    return {"low": json_amount(value.low), "high": json_amount(value.high)}


def by_year(values: Mapping[int, Range]) -> dict[str, Any]:
    return {str(year): span(value) for year, value in values.items()}


def _target(target: Target | None) -> Any:
    return None if target is None else json_amount(target.total)


def _gap(gap: Gap | None) -> Any:
    if gap is None:
        return None
    result = span(gap.total)
    if gap.years is not None:
        result["years"] = by_year(gap.years)
    return result


def kind(value: GapKind | None) -> Any:
    """A gap's kind as the core decided it: ``"short"``, ``"surplus"``, ``"uncertain"``; ``null`` without a target."""
    return None if value is None else value.value


def _gap_kinds(gap: Gap | None) -> Any:
    kinds = None if gap is None else gap.year_kinds
    return None if kinds is None else {str(year): kind(value) for year, value in kinds.items()}


def _coverage(totals: Totals) -> Any:
    shares = totals.coverage()
    return None if shares is None else {"low": _share(shares[0]), "high": _share(shares[1])}


def _share(value: Decimal | None) -> Any:
    return None if value is None else json_amount(round(value, 6).normalize() if value != 0 else Decimal(0))


def _totals(totals: Totals) -> dict[str, Any]:
    return {
        "years": list(totals.years),
        "totals": by_year(totals.per_year),
        "total": span(totals.total),
        "target": _target(totals.target),
        "target_years": None if totals.target is None or totals.target.years is None
        else {str(y): json_amount(v) for y, v in totals.target.years.items()},
        "gap": _gap(totals.gap),
        "gap_kind": None if totals.gap is None else kind(totals.gap.kind),
        "gap_kinds": _gap_kinds(totals.gap),
        "shortfall": None if totals.gap is None else span(totals.gap.shortfall),
        "shortfall_years": None if totals.gap is None or totals.gap.years is None
        else {str(y): span(totals.gap.year_shortfall(y)) for y in totals.gap.years},
        "coverage": _coverage(totals),
        "potential": span(totals.potential),
        **_decided_on(totals),
    }


def _decided_on(totals: Totals) -> dict[str, Any]:
    """The figures of the optional measure keys, each only where a measure read uses its key:
    ``scenarios`` (probability or decision), ``one_off`` per year and ``lasting``, ``staff`` per year."""
    keys: dict[str, Any] = {}
    if totals.scenarios is not None:
        keys["scenarios"] = {name: _scenario(item) for name, item in totals.scenarios.items()}
    if totals.one_off is not None:
        keys["one_off"] = by_year(totals.one_off)
    if totals.lasting is not None:
        keys["lasting"] = span(totals.lasting)
    if totals.staff is not None:
        keys["staff"] = {str(year): json_amount(value) for year, value in totals.staff.items()}
    return keys


def _scenario(item: Scenario) -> dict[str, Any]:
    """One scenario: ``totals`` per year, ``total``, ``gap`` (with ``years`` under a per-year target, as the
    totals' gap), ``gap_kind`` (the core's verdict on its shortfall), ``shortfall`` and ``shortfall_years``."""
    gap = item.gap
    return {
        "totals": by_year(item.per_year),
        "total": span(item.total),
        "gap": _gap(gap),
        "gap_kind": None if gap is None else kind(gap.kind),
        "shortfall": None if gap is None else span(gap.shortfall),
        "shortfall_years": None if gap is None or gap.years is None
        else {str(y): span(gap.year_shortfall(y)) for y in gap.years},
    }


def measure(result: MeasureResult, uses: KeysUsed = NONE_USED) -> dict[str, Any]:
    item = result.measure
    return {
        "plan": result.plan.path,
        "id": item.id,
        "title": item.title,
        "area": item.area,
        "status": item.status.value,
        "responsible": item.responsible,
        "effects": by_year(result.effects),
        "total": span(result.total),
        "class": None if result.interval_class is None else str(result.interval_class),
        "counted": result.counted,
        "potential": item.potential,
        **_measure_keys(result, uses),
    }


def _measure_keys(result: MeasureResult, uses: KeysUsed) -> dict[str, Any]:
    """A measure's optional keys, each only where a measure read uses it (``null``, ``false`` or ``{}``
    where this one does not): ``probability`` (a fraction, 0.5 for 50 %), ``expected`` (effect ×
    probability per year), ``decision`` and ``rejected``; ``one_off``; ``staff``; ``consequences``."""
    item, keys = result.measure, dict[str, Any]()
    if uses.scenarios:
        keys["probability"] = json_amount(item.probability)
        keys["expected"] = by_year(result.expected)
        keys["decision"] = None if item.decision is None else decision_of(item.decision)
        keys["rejected"] = result.rejected
    if uses.one_off:
        keys["one_off"] = item.one_off
    if uses.staff:
        keys["staff"] = {str(year): json_amount(value) for year, value in item.staff.items()}
    if uses.consequences:
        keys["consequences"] = dict(item.consequences)
    return keys


def decision_of(decision: Decision) -> dict[str, Any]:
    """``by`` and ``state`` as the plan format's words, ``date`` as YYYY-MM-DD, ``ref`` as written."""
    return {
        "by": None if decision.by is None else decision.by.value,
        "state": decision.state.value,
        "date": None if decision.date is None else decision.date.isoformat(),
        "ref": decision.ref,
    }


def reconciliation(item: Reconciliation) -> dict[str, Any]:
    computed = json_amount(item.computed.low) if item.computed.is_exact else span(item.computed)
    return {
        "plan": item.plan_path,
        "key": item.key,
        "measure": item.measure_id,
        "stated": json_amount(item.stated),
        "computed": computed,
        "matches": item.matches,
        "difference": json_amount(item.difference),
        "known_difference": json_amount(item.known_difference),
        "accepted": item.accepted,
    }


def plan(result: PlanResult) -> dict[str, Any]:
    return {
        "plan": result.plan.path,
        "title": result.plan.title,
        "organisation": result.plan.organisation,
        "unit": result.plan.unit.value,
        **_totals(result.totals),
    }


def summary(result: Summary, *, statuses: list[str] | None = None) -> dict[str, Any]:
    """The `summarize` document: the contract's keys, then each plan's own figures."""
    return {
        **_totals(result.totals),
        "statuses": statuses,
        "measures": Each(result.measures, lambda item: measure(item, result.uses)),
        "stated_totals": [reconciliation(item) for item in result.reconciliations],
        "plans": Each(result.plans, plan),
    }


def gap_report(result: Summary, *, statuses: list[str] | None = None) -> dict[str, Any]:
    """The `gap` document: target, total, gap and coverage, per year and for the period."""
    return {**_totals(result.totals), "statuses": statuses, "plans": Each(result.plans, plan)}


def groups(by: GroupBy, items: list[Group]) -> dict[str, Any]:
    """``--group-by``: the subtotals, each with its key, name, totals per year and total."""
    return {
        "by": by.value,
        "groups": [{"key": g.key, "name": g.name, "measures": g.measures, "totals": by_year(g.per_year),
                    "total": span(g.total)} for g in items],
    }


#: A node's figures, as :func:`_totals` gives them, under the names the organisation's JSON gives them.
_NODE_FIGURES = {"target": "target", "target_years": "target_years", "totals": "totals", "total": "total",
                 "shortfall": "shortfall", "shortfall_years": "shortfall_years", "net": "gap",
                 "gap_kind": "gap_kind", "gap_kinds": "gap_kinds", "coverage": "coverage"}


def organisation(rollup: Rollup, level: int | None = None) -> dict[str, Any]:
    """The organisation tree rolled up (``--level``: its nodes down to that depth), from its root: per node
    its ``name`` and ``depth``, what it answers for (``target``, and per year ``target_years``), its
    ``own_part`` (its target less its parts', per year in ``own_part_years``), its counted ``totals`` per
    year and ``total``, ``shortfall`` (still to save at and below it, never netted across nodes, plans or
    years; per year in ``shortfall_years``), ``net`` (target − total, as a plan's ``gap``: surpluses set
    against shortfalls; ``years`` under per-year targets), ``gap_kind`` and ``gap_kinds`` (the core's
    verdicts on the shortfall), ``coverage``, ``no_plan`` (its own part asks for something and no plan
    names it), ``plans`` (the paths of the plans naming it) and its ``parts``, each such a node."""
    return _node(rollup.root, level)


def _node(node: NodeResult, level: int | None) -> dict[str, Any]:
    return {**node_figures(node),
            "parts": [_node(part, level) for part in node.parts if level is None or part.depth <= level]}


def node_figures(node: NodeResult) -> dict[str, Any]:
    """One node's figures as :func:`organisation` gives them, without its ``parts``."""
    figures = _totals(node.totals)
    own = node.own_part
    return {
        "name": node.organisation,
        "depth": node.depth,
        **{key: figures[name] for key, name in _NODE_FIGURES.items() if key in ("target", "target_years")},
        "own_part": _target(own),
        "own_part_years": None if own is None or own.years is None
        else {str(y): json_amount(v) for y, v in own.years.items()},
        **{key: figures[name] for key, name in _NODE_FIGURES.items() if key not in ("target", "target_years")},
        "no_plan": node.no_plan,
        "plans": [result.plan.path for result in node.plans],
    }


def render(result: Summary, report: BuildOptions, tree: Rollup | None = None) -> Streamed:
    """``summarize`` or ``gap`` as the JSON text of the contract, with ``groups`` under ``--group-by`` and
    ``organisation`` under an organisation tree; written as it is made, each measure's record made as it is
    written."""
    statuses = report.statuses
    document = (summary(result, statuses=statuses) if report.kind is ReportKind.SUMMARY
                else gap_report(result, statuses=statuses))
    if report.group_by is not None:
        document["groups"] = groups(report.group_by, group_totals(result, report.group_by))
    if tree is not None:
        document["organisation"] = organisation(tree, report.level)
    return Streamed(document)


# --- follow-up (uppföljning) -------------------------------------------------------------------


def follow_up(report: FollowUp) -> dict[str, Any]:
    """The contract's keys: year, as_of, planned, forecast, deviation, target, forecast_gap, measures;
    and ``forecast_gap_kind`` (``short``, ``surplus``, ``uncertain`` or ``null``), the core's verdict
    on ``forecast_shortfall`` (still to save by the forecast, the plans' own added up; ``forecast_gap``
    is the net); ``plans``: each plan's own forecast gap;
    ``kind`` (the totals') and per measure ``kind``: the core's :class:`FollowUpKind` (``on_track``,
    ``behind``, ``ahead``, ``not_followed_up``, ``nothing_planned``, ``not_counted``). ``not_followed_up``
    counts only ``not_followed_up``; ``followed_up`` stays "has a forecast for the year". Per measure also
    ``signal`` (``green``, ``yellow``, ``red``, or ``null`` without a forecast or for a measure not counted),
    ``late`` (its ``due`` date is before the follow-up date and it is neither done nor cancelled), ``due`` and
    ``forecast_note`` (``null`` where the plan does not write them); ``yellow_percent``: the limit of a yellow
    signal (``--yellow``). Under an
    organisation tree, ``organisation``: each node's forecast figures (:func:`_follow_up_node`)."""
    found = {
        "year": report.year,
        "as_of": None if report.as_of is None else report.as_of.isoformat(),
        "planned": span(report.planned),
        "forecast": span(report.forecast),
        "deviation": span(report.deviation),
        "target": json_amount(report.target),
        "forecast_gap": None if report.forecast_gap is None else span(report.forecast_gap),
        "forecast_gap_kind": kind(report.forecast_gap_kind),
        "forecast_shortfall": None if report.forecast_shortfall is None else span(report.forecast_shortfall),
        "not_followed_up": report.not_followed_up,
        "kind": report.kind.value,
        "yellow_percent": report.yellow,
        "plans": [_follow_up_plan(plan) for plan in report.plans],
        "measures": [_follow_up_measure(line) for line in report.lines],
    }
    if report.organisation is not None:
        found["organisation"] = [_follow_up_node(node) for node in report.organisation.nodes]
    return found


def _follow_up_node(node: NodeForecast) -> dict[str, Any]:
    """One node of the tree, depth first: ``name``, ``depth``, the year's ``planned`` effect, ``forecast`` and
    ``deviation`` at and below it; ``target`` the forecast is measured against (the year's, or the period's
    with ``others``, the other years' planned effects); ``forecast_gap`` (the net) and ``forecast_shortfall``
    (still to save by the forecast, never netted across nodes or plans) with ``forecast_gap_kind``; ``no_plan``
    and ``plans`` as in ``gap``'s ``organisation``."""
    gap, shortfall = node.forecast_gap, node.forecast_shortfall
    return {
        "name": node.organisation,
        "depth": node.depth,
        "planned": span(node.planned_effect),
        "forecast": span(node.forecast_effect),
        "deviation": span(node.deviation),
        "target": json_amount(node.target),
        "others": None if node.others is None else span(node.others),
        "forecast_gap": None if gap is None else span(gap),
        "forecast_shortfall": None if shortfall is None else span(shortfall),
        "forecast_gap_kind": kind(node.forecast_gap_kind),
        "no_plan": node.planned.no_plan,
        "plans": [result.plan.path for result in node.planned.plans],
    }


def _follow_up_plan(plan: PlanForecast) -> dict[str, Any]:
    """One plan's forecast gap, as if it were read alone (``others``: the other years' planned
    effects, where its target is for the whole period)."""
    gap = plan.gap
    return {
        "plan": plan.plan.path,
        "title": plan.plan.title,
        "organisation": plan.plan.organisation,
        "planned": span(plan.planned),
        "forecast": span(plan.forecast),
        "target": json_amount(plan.target),
        "others": None if plan.others is None else span(plan.others),
        "forecast_gap": None if gap is None else span(gap),
        "forecast_shortfall": None if gap is None else span(positive_part(gap)),
    }


def _follow_up_measure(line: FollowUpLine) -> dict[str, Any]:
    measure = line.result.measure
    return {
        "plan": line.result.plan.path,
        "id": measure.id,
        "title": measure.title,
        "status": measure.status.value,
        "planned": span(line.planned),
        "forecast": span(line.forecast),
        "deviation": span(line.deviation),
        "outcome": None if line.outcome is None else span(line.outcome),
        "followed_up": line.followed_up,
        "counted": line.result.counted,
        "kind": line.kind.value,
        "signal": None if line.signal is None else line.signal.value,
        "late": line.late,
        "due": None if measure.due is None else measure.due.isoformat(),
        "forecast_note": line.forecast_note,
    }


def render_follow_up(report: FollowUp, options: BuildOptions) -> str:
    """``follow-up --format json``: the contract, one JSON object."""
    return dumps(follow_up(report)) + "\n"
