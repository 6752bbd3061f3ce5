"""``budgetbalans summarize``: each measure's effect per year and class, totals, target and gap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from budgetbalans.cli import reading, reports
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import (
    FormatOpt, GroupByOpt, LangOpt, LevelOpt, OutputOpt, PathsArg, StatusOpt, TemplateOpt, UnitOpt, statuses,
)

if TYPE_CHECKING:
    from budgetbalans.core.organisation import Rollup
    from budgetbalans.core.summary import Summary
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions


def command(paths: PathsArg = None, format: FormatOpt = "table", unit: UnitOpt = None,
            lang: LangOpt = None, status: StatusOpt = None, output: OutputOpt = None,
            group_by: GroupByOpt = None, template: TemplateOpt = None, level: LevelOpt = None) -> None:
    """Each measure's effect per year and class, totals, target and gap."""
    from budgetbalans.report.options import BuildOptions, ReportKind  # imported when run (see budgetbalans.cli.commands)

    lang = lang or current_lang()
    counted = statuses(status)
    word_template = reports.check_output(format, output, template)
    plans = reading.plans_or_exit(paths, lang, "summarize")
    result, tree = reading.summarized(plans, lang, statuses=counted)
    report = reports.dated(BuildOptions(ReportKind.SUMMARY, reports.view(plans, unit, lang, counted), group_by,
                                        level=level))
    reports.emit("summarize", format, report, result, lambda: _document(result, report, tree), output, word_template,
                 tree)


def _document(result: Summary, report: BuildOptions, tree: Rollup | None) -> Document:
    """The report as a Document, for a document format (JSON dumps the core's records instead)."""
    from budgetbalans.report.builders.summary import summary_document  # the builder: only for a document format

    document = summary_document(result, report.view, report.group_by, report.today)
    if tree is None:
        return document
    from budgetbalans.report.builders.organisation import with_organisation
    from budgetbalans.report.builders.organisation_sheets import with_node_sheets

    return with_node_sheets(with_organisation(document, tree, result, report), tree, result, report)
