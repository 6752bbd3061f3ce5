"""The report formats by name (as check-jsonschema's ``REPORTER_BY_NAME``): one line a format.

A report is built once into a :class:`~budgetbalans.report.model.Document` (by
:mod:`budgetbalans.report.build.summary` or :mod:`budgetbalans.report.build.follow_up`), and a writer
serialises it: ``WRITER_BY_NAME``. JSON is the contract and dumps the core's records directly
(:mod:`budgetbalans.report.json.reports`). Every writer's module (and its library: rich, Jinja2,
XlsxWriter, python-docx) is imported only when that format is used, so ``--format csv`` or ``json`` loads
none of them.
"""

from __future__ import annotations

from functools import partial
from typing import Callable

from budgetbalans.core.summary import Summary
from budgetbalans.core.followup import FollowUp
from budgetbalans.report.model import Document
from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions, lazy
from budgetbalans.text import backslashed, html_entity

Writer = Callable[[Document, WriteOptions], bytes]
Renderer = Callable[[Summary, BuildOptions, WriteOptions], bytes]
FollowUpRenderer = Callable[[FollowUp, BuildOptions, WriteOptions], bytes]

#: Every text format's output passes :func:`budgetbalans.text.no_commands` with its own way of writing a
#: character inert: no line of a report to standard output (or a file) is ever a CI runner's command.
WRITER_BY_NAME: dict[str, Writer] = {
    "table": lazy("write.terminal", "write", text=True, inert=backslashed),
    "csv": lazy("write.csv", "write", text=False, inert=backslashed),
    "markdown": lazy("write.markdown", "write", text=True, inert=backslashed),
    "html": lazy("write.html", "write", text=True, inert=html_entity),
    "xlsx": lazy("write.xlsx", "write", text=False),
    "docx": lazy("write.docx", "write", text=False),
}


def render(summary: Summary, report: BuildOptions, options: WriteOptions, format: str) -> bytes:
    """``summarize`` or ``gap`` in ``format``: the JSON of the contract, or a Document written by name."""
    if format == "json":
        return lazy("json.reports", "render", text=True)(summary, report)
    from budgetbalans.report.build.summary import gap_document, summary_document

    build = summary_document if report.kind is ReportKind.SUMMARY else gap_document
    return WRITER_BY_NAME[format](build(summary, report.view, report.group_by, report.today), options)


def render_follow_up(result: FollowUp, report: BuildOptions, options: WriteOptions, format: str) -> bytes:
    """``follow-up`` in ``format``, as :func:`render`."""
    if format == "json":
        return lazy("json.reports", "render_follow_up", text=True)(result, report)
    from budgetbalans.report.build.follow_up import follow_up_document

    return WRITER_BY_NAME[format](follow_up_document(result, report.view, report.today), options)


REPORTER_BY_NAME: dict[str, Renderer] = {name: partial(render, format=name) for name in ("json", *WRITER_BY_NAME)}
FOLLOW_UP_BY_NAME: dict[str, FollowUpRenderer] = {
    name: partial(render_follow_up, format=name) for name in ("json", *WRITER_BY_NAME)}
#: Formats that are files rather than text: written only with ``--output``.
FILE_ONLY = frozenset({"xlsx", "docx"})
