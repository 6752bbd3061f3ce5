"""``budgetbalans summarize``: each measure's effect per year and class, totals, target and gap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetbalans.cli import reading, reports
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import (
    FormatOpt, GroupByOpt, LangOpt, OutputOpt, PathsArg, StatusOpt, TemplateOpt, UnitOpt, statuses,
)

if TYPE_CHECKING:
    from budgetbalans.core.summary import Summary
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions


def command(paths: PathsArg = None, format: FormatOpt = "table", unit: UnitOpt = None,
            lang: LangOpt = None, status: StatusOpt = None, output: OutputOpt = None,
            group_by: GroupByOpt = None, template: TemplateOpt = None) -> None:
    """Each measure's effect per year and class, totals, target and gap."""
    from budgetbalans.core.summary import summarize  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.report.options import BuildOptions, ReportKind

    lang = lang or current_lang()
    counted = statuses(status)
    word_template = reports.check_output(format, output, template)
    plans = reading.plans_or_exit(paths, lang, "summarize")
    result = summarize(plans, statuses=counted)
    report = reports.dated(BuildOptions(ReportKind.SUMMARY, reports.view(plans, unit, lang, counted), group_by))
    reports.emit("summarize", format, report, result, lambda: _document(result, report), output, word_template)


def _document(result: Summary, report: BuildOptions) -> Document:
    """The report as a Document, for a document format (JSON dumps the core's records instead)."""
    from budgetbalans.report.builders.summary import summary_document  # the builder: only for a document format

    return summary_document(result, report.view, report.group_by, report.today)
