"""Subtotals for ``--group-by``: the counted effects added up per area, status or plan.

Pure, like :mod:`budgetbalans.core.summary`: built from each :class:`~budgetbalans.core.summary.MeasureResult`'s
``counted`` flag and ``effects``, so the groups of a report always add up to its totals.
Renderers only display them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Mapping

from budgetbalans.plan.money import EXACT_ZERO, Range, total

if TYPE_CHECKING:  # the command line names GroupBy before any plan is read: no models at its start
    from budgetbalans.core.summary import MeasureResult, Summary


class GroupBy(str, Enum):
    """What ``--group-by`` groups measures by."""

    AREA = "area"
    STATUS = "status"
    PLAN = "plan"


@dataclass(frozen=True)
class Group:
    """The counted measures sharing one area, status or plan, added up.

    ``key`` identifies the group: the area's text (``""`` for measures without an area), the
    status's English word, or the plan's path. ``name`` is what to call it: the area, the
    status word, the plan's title; ``None`` for measures without an area.
    """

    by: GroupBy
    key: str
    name: str | None
    per_year: Mapping[int, Range]
    total: Range
    measures: int


def group_totals(summary: Summary, by: GroupBy) -> list[Group]:
    """Subtotals of the counted measures, per year and for the period, in order of appearance.

    Statuses come in the order of :class:`~budgetbalans.plan.models.Status`. Measures that do not
    count (cancelled, only a potential, outside ``--status``) are in no group, so the groups'
    totals add up to ``summary.totals``.
    """
    from budgetbalans.plan.models import Status

    members: dict[str, list[MeasureResult]] = {}
    names: dict[str, str | None] = {}
    for result in summary.measures:
        if result.counted:
            key, name = _key_and_name(result, by)
            members.setdefault(key, []).append(result)
            names.setdefault(key, name)
    keys = sorted(members, key=lambda key: list(Status).index(Status(key))) if by is GroupBy.STATUS else list(members)
    return [_group(by, key, names[key], members[key], summary.years) for key in keys]


def _key_and_name(result: MeasureResult, by: GroupBy) -> tuple[str, str | None]:
    if by is GroupBy.AREA:
        return result.measure.area or "", result.measure.area or None
    if by is GroupBy.STATUS:
        return result.measure.status.value, result.measure.status.value
    return result.plan.path, result.plan.title


def _group(by: GroupBy, key: str, name: str | None, members: list[MeasureResult],
           years: tuple[int, ...]) -> Group:
    per_year = {year: total(m.effects.get(year, EXACT_ZERO) for m in members) for year in years}
    return Group(by, key, name, per_year, total(per_year.values()), len(members))
