"""A report's options: what to say (:class:`BuildOptions`, its figures shown as :class:`View` says) apart
from how to print it (:class:`WriteOptions`).

A report is built into a :class:`~budgetbalans.report.model.Document` by
:mod:`budgetbalans.report.builders.summary` (summarize, gap) or :mod:`budgetbalans.report.builders.follow_up`,
and written by the writer its format names (:mod:`budgetbalans.report.formats`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import TYPE_CHECKING, Mapping, Sequence

from budgetbalans.i18n import Lang
from budgetbalans.plan import notation
from budgetbalans.plan.models import Status
from budgetbalans.plan.money import Range, Unit

if TYPE_CHECKING:  # for the type only: a writer that imports WriteOptions loads no core
    from budgetbalans.core.grouping import GroupBy


class ReportKind(str, Enum):
    """Which command the report is for."""

    SUMMARY = "summarize"
    GAP = "gap"
    FOLLOW_UP = "follow-up"
    DIFF = "diff"


@dataclass(frozen=True)
class View:
    """How to show figures: the unit, the language, the statuses the report is limited to, and the
    plans' paths as a report names them (:func:`shown_paths`; set by the builders)."""

    unit: Unit
    lang: Lang
    statuses: Sequence[Status] = ()  # a --status filter: the report counts only these
    paths: Mapping[str, str] = field(default_factory=dict)
    decimals: int | None = None  # of every amount of the report (set by the builders: with_decimals)

    def path(self, path: str) -> str:
        """A plan's path as the report names it: its file name, without the local folder."""
        return self.paths.get(path) or notation.file_name(PurePath(path).name)

    def amount(self, kronor: Decimal) -> str:
        """An amount in the report's unit, with the report's decimals."""
        return notation.amount(kronor, self.unit, self.decimals)

    def span(self, value: Range) -> str:
        """A range in the report's unit, with the report's decimals: ``700–1 600``, ``≥ 3 000``."""
        return notation.span(value, self.unit, self.decimals)


@dataclass(frozen=True)
class BuildOptions:
    """What a report says: the command, the unit, language and ``--status`` filter (``view``), the
    grouping, the report date (from the CLI: nothing in report/ reads the clock), and how deep the
    organisation tree is shown (``level``)."""

    kind: ReportKind
    view: View
    group_by: GroupBy | None = None
    today: datetime.date | None = None
    level: int | None = None  # --level: the organisation tree's rows down to this depth (0: its root); None: all

    @property
    def statuses(self) -> list[str] | None:
        """The English names of a ``--status`` filter (for JSON); ``None`` without one."""
        return [status.value for status in self.view.statuses] if self.view.statuses else None


@dataclass(frozen=True)
class WriteOptions:
    """How to print a report: ``terminal`` (colours) and ``width`` for the table format; ``template``, the
    Word document or template (``--template``) whose styles docx starts from."""

    terminal: bool = False
    width: int | None = None
    template: bytes | None = None  # docx: the Word document or template (--template) it starts from, read and checked
