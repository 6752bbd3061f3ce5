"""Subtotals for ``--group-by``: the counted effects added up per area, status, plan or decision level.

Pure, like :mod:`budgetbalans.core.summary`: built from each :class:`~budgetbalans.core.summary.MeasureResult`'s
``counted`` flag and ``effects``, so the groups of a report always add up to its totals.
Renderers only display them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Iterable, Mapping

from budgetbalans.plan.money import EXACT_ZERO, Range, total

if TYPE_CHECKING:  # the command line names GroupBy before any plan is read: no models at its start
    from budgetbalans.core.summary import MeasureResult, Summary


class GroupBy(str, Enum):
    """What ``--group-by`` groups measures by."""

    AREA = "area"
    STATUS = "status"
    PLAN = "plan"
    DECISION = "decision"


@dataclass(frozen=True)
class Group:
    """The counted measures sharing one area, status, plan or decision level, added up.

    ``key`` identifies the group: the area's text (``""`` for measures without an area), the
    status's English word, the plan's path, or the decision level's word (``decision.by``;
    ``""`` for measures without one: "ej angivet"). ``name`` is what to call it: the area, the
    status word, the plan's title, the level's word; ``None`` for measures without an area or a level.
    """

    by: GroupBy
    key: str
    name: str | None
    per_year: Mapping[int, Range]
    total: Range
    measures: int


def group_totals(summary: Summary, by: GroupBy) -> list[Group]:
    """Subtotals of the counted measures, per year and for the period, in order of appearance.

    Statuses come in the order of :class:`~budgetbalans.plan.models.Status`, decision levels in the
    order of :class:`~budgetbalans.plan.models.DecisionLevel` with measures without one last. Measures
    that do not count (cancelled, rejected, only a potential, outside ``--status``) are in no group,
    so the groups' totals add up to ``summary.totals``.
    """

    members: dict[str, list[MeasureResult]] = {}
    names: dict[str, str | None] = {}
    for result in summary.measures:
        if result.counted:
            key, name = _key_and_name(result, by)
            members.setdefault(key, []).append(result)
            names.setdefault(key, name)
    return [_group(by, key, names[key], members[key], summary.years) for key in _ordered(members, by)]


def _ordered(keys: Iterable[str], by: GroupBy) -> list[str]:
    from budgetbalans.plan.models import DecisionLevel, Status

    if by is GroupBy.STATUS:
        return sorted(keys, key=lambda key: list(Status).index(Status(key)))
    if by is GroupBy.DECISION:
        levels = [level.value for level in DecisionLevel]
        return sorted(keys, key=lambda key: levels.index(key) if key in levels else len(levels))
    return list(keys)


def _key_and_name(result: MeasureResult, by: GroupBy) -> tuple[str, str | None]:
    if by is GroupBy.AREA:
        return result.measure.area or "", result.measure.area or None
    if by is GroupBy.STATUS:
        return result.measure.status.value, result.measure.status.value
    if by is GroupBy.DECISION:
        level = None if result.measure.decision is None else result.measure.decision.by
        return ("", None) if level is None else (level.value, level.value)
    return result.plan.path, result.plan.title


def _group(by: GroupBy, key: str, name: str | None, members: list[MeasureResult],
           years: tuple[int, ...]) -> Group:
    per_year = {year: total(m.effects.get(year, EXACT_ZERO) for m in members) for year in years}
    return Group(by, key, name, per_year, total(per_year.values()), len(members))
