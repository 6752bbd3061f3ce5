"""The roll-up of plans up the organisation tree: what each node answers for, and how far its plans cover it.

Decided here once, for every report. A plan belongs to the node whose ``organisation`` it writes,
exactly (plans naming no node are the reader's problem and are left out here). Each node answers for
its own balance, as each plan read with others does (:class:`~budgetbalans.core.gap.Gap` ``parts``):
its shortfall is its parts' shortfalls plus its own plans' shortfalls against their targets, plus
what of its own part no plan's target takes (all of it where the node has no plan: "ingen plan").
One node's surplus never covers another's shortfall; the net (target − total) is kept apart, as the
gap's ``total``.

Per year and for the period, mixed in one tree: a node's target and gap are per year only where its
own target is per year and so is every gap it adds up (its parts', its own plans', its uncovered own
part's), all the way down; otherwise the node's target and gap are for the period only (its
shortfall the parts' period shortfalls added up), because a part's shortfall for the period cannot
be put in a year. Its totals are per year always.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterable, Iterator, Mapping, Sequence, TypeVar

from budgetbalans.core.gap import Coverage, Gap, GapKind, Target, gap
from budgetbalans.core.summary import (PlanResult, Summary, Totals, combined_target, plan_target_of,
                                       restrict_target, target_of)
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import EXACT_ZERO, ZERO, Range, total
from budgetbalans.plan.organisation import Node, Organisation, Share, allocation

_Named = TypeVar("_Named")


def plan_targets(tree: Organisation, plans: Sequence[Plan]) -> dict[str, Target]:
    """The target each plan answers for under the tree, by plan path, for
    :func:`~budgetbalans.core.summary.summarize`'s ``targets``.

    A plan alone at its node without a ``target`` of its own takes the node's own part (the node's
    target less its parts'); every other plan keeps its own target. Plans without either, and plans
    naming no node, are not in it.
    """
    at_node = _at_node(tree, plans, lambda plan: plan.organisation)
    targets: dict[str, Target] = {}
    for _, node in tree.walk():
        here = at_node.get(node.organisation, ())
        for plan in here:
            answered = _answered_for(plan, len(here), allocation(node).own)
            if answered is not None:
                targets[plan.path] = answered
    return targets


def _answered_for(plan: Plan, plans_at_node: int, own: Share | None) -> Target | None:
    if plans_at_node == 1 and plan.target is None and own is not None:
        return target_of(own)
    return plan_target_of(plan)


def _at_node(tree: Organisation, named: Iterable[_Named],
             organisation: Callable[[_Named], str | None]) -> dict[str, tuple[_Named, ...]]:
    """Plans (or their results) by the node they name, in their order; those naming no node left out."""
    names = {node.organisation for _, node in tree.walk()}
    found: dict[str, list[_Named]] = {}
    for item in named:
        name = organisation(item)
        if name in names:
            found.setdefault(name, []).append(item)
    return {name: tuple(items) for name, items in found.items()}


@dataclass(frozen=True)
class NodeResult:
    """One node of the tree rolled up: what it answers for, its own plans, and everything at and below it.

    ``depth``: 0 for the tree's root. ``own_part``: its target less its parts' ("ej fördelat" where it
    has parts), for the years reported; None without a target of its own. ``plans``: the plans naming
    this node. ``parts``: its parts, rolled up. ``totals``: every counted measure at and below it, per
    year of the roll-up and for the period; its ``target`` is what the node answers for (its own, or
    where it has none, its parts' and own plans' targets added up), and its ``gap`` the node's balance
    (``total`` the net, ``parts`` what answers for itself: the parts', the own plans', and the own part
    no plan takes). The optional keys' figures (scenarios, one-off, staff) are not rolled up.
    ``no_plan``: no plan names the node while its own part asks for something ("ingen plan"): all of
    the own part is counted as still to save.
    """

    node: Node
    depth: int
    own_part: Target | None
    plans: tuple[PlanResult, ...]
    parts: tuple[NodeResult, ...]
    totals: Totals
    no_plan: bool

    @property
    def organisation(self) -> str:
        """The node's name, as its plans write their organisation."""
        return self.node.organisation

    @property
    def target(self) -> Target | None:
        """What the node answers for, for the years reported; None where neither it nor anything below has one."""
        return self.totals.target

    @property
    def gap(self) -> Gap | None:
        """The node's balance: its shortfall answering for itself, its net apart; None without a target."""
        return self.totals.gap

    @property
    def shortfall(self) -> Range | None:
        """Still to save at and below the node, never netted across nodes, plans or years."""
        return None if self.gap is None else self.gap.shortfall

    @property
    def net(self) -> Range | None:
        """target − total at and below the node: surpluses set against shortfalls, shown apart as net."""
        return None if self.gap is None else self.gap.total

    @property
    def coverage(self) -> Coverage | None:
        """total / target for the period; None unless the target is positive."""
        return self.totals.coverage()

    @property
    def uncovered(self) -> Gap | None:
        """What of the node's own part no plan of its own takes, as it counts in the node's :attr:`gap`
        (its shortfall one of the gap's parts); None where nothing is left."""
        return _uncovered(self.own_part, self.plans)

    def walk(self) -> Iterator[NodeResult]:
        """This node and every node below it, depth first."""
        yield self
        for part in self.parts:
            yield from part.walk()


@dataclass(frozen=True)
class Rollup:
    """The tree rolled up: its root, and the years every node's figures are given for."""

    root: NodeResult
    years: tuple[int, ...]

    def nodes(self, level: int | None = None) -> Iterator[NodeResult]:
        """The nodes depth first, down to ``level`` (the root is level 0; ``None``: every node)."""
        return (node for node in self.root.walk() if level is None or node.depth <= level)


@dataclass(frozen=True)
class _Reading:
    """What every node is rolled up against: the roll-up's years, the years the summary reports and the
    plans' whole period (the report is restricted to some years where the two differ), each node's plans."""

    years: tuple[int, ...]
    shown: tuple[int, ...]
    period: tuple[int, ...]
    at_node: Mapping[str, tuple[PlanResult, ...]]

    def reported(self, share: Share | None) -> Target | None:
        """A target of the tree for the years reported: per year filled to every year of the roll-up;
        a period target is none where only some years are reported."""
        if share is None:
            return None
        target = restrict_target(target_of(share), self.shown, self.period)
        if target is None or target.years is None:
            return target
        return Target(target.total, {year: target.years.get(year, ZERO) for year in self.years})


def roll_up(tree: Organisation, summary: Summary) -> Rollup:
    """Every node's target, own part, totals and balance, from plans summarized with
    ``targets=plan_targets(tree, plans)`` (a plan alone at its node answers for the node's own part).

    The roll-up's years are the summary's, and where it reports the plans' whole period also every year
    a target of the tree names (a year the kommun targets that no plan reaches is still to save).
    """
    period = tuple(sorted({year for result in summary.plans for year in result.plan.period}))
    years = summary.years
    if years == period:
        years = tuple(sorted({*years, *(year for _, node in tree.walk() if isinstance(node.target, Mapping)
                                        for year in node.target)}))
    at_node = _at_node(tree, summary.plans, lambda result: result.plan.organisation)
    return Rollup(_node_result(tree, 0, _Reading(years, summary.years, period, at_node)), years)


def _node_result(node: Node, depth: int, reading: _Reading) -> NodeResult:
    parts = tuple(_node_result(part, depth + 1, reading) for part in node.parts)
    plans = reading.at_node.get(node.organisation, ())
    own_part = reading.reported(allocation(node).own)
    uncovered = _uncovered(own_part, plans)
    answering = tuple(each for each in (*(part.gap for part in parts), *(plan.totals.gap for plan in plans),
                                        uncovered) if each is not None)
    target = _answered(node, parts, plans, reading)
    if target is not None and target.years is not None and any(each.years is None for each in answering):
        target = Target(target.total)  # a part for the period only: the node's figures for the period only
    totals = _totals(parts, plans, target, answering, reading.years)
    return NodeResult(node, depth, own_part, plans, parts, totals, not plans and uncovered is not None)


def _answered(node: Node, parts: Sequence[NodeResult], plans: Sequence[PlanResult],
              reading: _Reading) -> Target | None:
    """The node's own target; without one, its parts' and own plans' targets added up (those that have one)."""
    if node.target is not None:
        return reading.reported(node.target)
    given = [each for each in (*(part.target for part in parts), *(plan.totals.target for plan in plans))
             if each is not None]
    return combined_target(given, reading.years)


def _uncovered(own_part: Target | None, plans: Sequence[PlanResult]) -> Gap | None:
    """What of the node's own part its own plans' targets leave (all of it without a plan), where
    something is left: year by year where the own part and every such target are per year."""
    if own_part is None:
        return None
    taken = [plan.totals.target for plan in plans if plan.totals.target is not None]
    if own_part.years is not None and all(each.years is not None for each in taken):
        left = {year: amount - sum((each.years.get(year, ZERO) for each in taken if each.years), ZERO)
                for year, amount in own_part.years.items()}
        rest = Gap(Range.exact(sum(left.values(), ZERO)), {year: Range.exact(amount) for year, amount in left.items()})
    else:
        rest = Gap(Range.exact(own_part.total - sum((each.total for each in taken), ZERO)))
    return rest if rest.kind is GapKind.SHORT else None


def _totals(parts: Sequence[NodeResult], plans: Sequence[PlanResult], target: Target | None,
            answering: tuple[Gap, ...], years: tuple[int, ...]) -> Totals:
    """Counted effects at and below the node (its parts' totals and its plans' added up, per year), and
    its balance: the net against its target, with what answers for itself as the gap's parts."""
    below = [part.totals for part in parts] + [plan.totals for plan in plans]
    per_year = {year: total(each.per_year.get(year, EXACT_ZERO) for each in below) for year in years}
    period_total = total(per_year.values())
    net = gap(target, period_total, per_year)
    balance = replace(net, parts=answering) if net is not None and answering else net
    return Totals(years, per_year, period_total, target, balance, total(each.potential for each in below))
