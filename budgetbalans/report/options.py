"""The options of a report (:class:`Report`: which command, unit and language, grouping, the
terminal's width, the report date) and :func:`lazy`, which imports a writer only when it is used.

A report is built into a :class:`~budgetbalans.report.model.Document` by
:mod:`budgetbalans.report.build.summary` (summarize, gap) or :mod:`budgetbalans.report.build.follow_up`,
and written by the writer its format names (:mod:`budgetbalans.report.formats`).
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Sequence

from budgetbalans.core.grouping import GroupBy
from budgetbalans.report.build.wording import View
from budgetbalans.text import no_commands


class ReportKind(str, Enum):
    """Which command the report is for."""

    SUMMARY = "summarize"
    GAP = "gap"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class Report:
    """How to render: the command, the unit and language (``view``), the grouping.

    ``statuses`` are the English names of a ``--status`` filter (for JSON); ``terminal`` and
    ``width`` only matter to the table format.
    """

    kind: ReportKind
    view: View
    group_by: GroupBy | None = None
    statuses: Sequence[str] | None = None
    terminal: bool = False
    width: int | None = None
    today: datetime.date | None = None  # the report date, from the CLI: nothing in report/ reads the clock
    template: bytes | None = None  # docx: the Word document or template (--template) it starts from, read and checked


def lazy(module: str, function: str, *, text: bool,
         inert: Callable[[str], str] | None = None) -> Callable[[Any, Report], bytes]:
    """A renderer that imports its module (and its library: Jinja2, XlsxWriter) only when used. A text
    format names how it writes a character ``inert`` (:func:`budgetbalans.text.no_commands`): its
    output, UTF-8, then holds no line a CI runner would execute."""
    def render(result: Any, report: Report) -> bytes:
        rendered = getattr(importlib.import_module(f"budgetbalans.report.{module}"), function)(result, report)
        if inert is not None:
            rendered = no_commands(rendered if text else bytes(rendered).decode("utf-8"), inert)
        return rendered.encode("utf-8") if text or inert is not None else bytes(rendered)

    return render
