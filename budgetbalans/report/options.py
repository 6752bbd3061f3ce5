"""A report's options: what to say (:class:`BuildOptions`) apart from how to print it (:class:`WriteOptions`).

A report is built into a :class:`~budgetbalans.report.model.Document` by
:mod:`budgetbalans.report.build.summary` (summarize, gap) or :mod:`budgetbalans.report.build.follow_up`,
and written by the writer its format names (:mod:`budgetbalans.report.formats`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # names for the types only: a writer that imports WriteOptions loads no builder
    from budgetbalans.core.grouping import GroupBy
    from budgetbalans.report.build.wording import View


class ReportKind(str, Enum):
    """Which command the report is for."""

    SUMMARY = "summarize"
    GAP = "gap"
    FOLLOW_UP = "follow-up"
    DIFF = "diff"


@dataclass(frozen=True)
class BuildOptions:
    """What a report says: the command, the unit, language and ``--status`` filter (``view``), the
    grouping, and the report date (from the CLI: nothing in report/ reads the clock)."""

    kind: ReportKind
    view: View
    group_by: GroupBy | None = None
    today: datetime.date | None = None

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
