"""A report's options, what to say (:class:`BuildOptions`) apart from how to print it (:class:`WriteOptions`),
and :func:`lazy`, which imports a writer only when it is used.

A report is built into a :class:`~budgetbalans.report.model.Document` by
:mod:`budgetbalans.report.build.summary` (summarize, gap) or :mod:`budgetbalans.report.build.follow_up`,
and written by the writer its format names (:mod:`budgetbalans.report.formats`).
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable

from budgetbalans.core.grouping import GroupBy
from budgetbalans.report.build.wording import View
from budgetbalans.text import no_commands


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


def lazy(module: str, function: str, *, text: bool,
         inert: Callable[[str], str] | None = None) -> Callable[[Any, Any], bytes]:
    """A renderer that imports its module (and its library: Jinja2, XlsxWriter) only when used. A text
    format names how it writes a character ``inert`` (:func:`budgetbalans.text.no_commands`): its
    output, UTF-8, then holds no line a CI runner would execute."""
    def render(result: Any, options: Any) -> bytes:
        rendered = getattr(importlib.import_module(f"budgetbalans.report.{module}"), function)(result, options)
        if inert is not None:
            rendered = no_commands(rendered if text else bytes(rendered).decode("utf-8"), inert)
        return rendered.encode("utf-8") if text or inert is not None else bytes(rendered)

    return render
