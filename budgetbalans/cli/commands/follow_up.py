"""``budgetbalans follow-up``: planned, forecast and deviation per measure for one year, and the forecast gap."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetbalans.cli import reading, reports
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import FormatOpt, LangOpt, OutputOpt, PathsArg, TemplateOpt, UnitOpt, YearOpt, check_year

if TYPE_CHECKING:
    from budgetbalans.core.followup import FollowUp
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions


HistoryOpt = Annotated[bool, typer.Option("--history")]
SinceOpt = Annotated[Optional[str], typer.Option("--since")]


def command(paths: PathsArg = None, year: YearOpt = None, format: FormatOpt = "table", unit: UnitOpt = None,
            lang: LangOpt = None, output: OutputOpt = None, template: TemplateOpt = None,
            history: HistoryOpt = False, since: SinceOpt = None) -> None:
    """Uppföljning: planned, forecast and deviation per measure for one year, and the forecast gap."""
    from budgetbalans.core.followup import follow_up  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.report.options import BuildOptions, ReportKind

    lang = lang or current_lang()
    word_template = reports.check_output(format, output, template)
    if history or since is not None:
        from budgetbalans.cli import historyrun  # git and the history: only for --history

        return historyrun.run(paths, year, since, format, unit, lang, output, word_template)
    plans = reading.plans_or_exit(paths, lang, "follow-up")
    check_year(year, plans)
    report = reports.dated(BuildOptions(ReportKind.FOLLOW_UP, reports.view(plans, unit, lang, None)))
    assert report.today is not None  # set by reports.dated
    result = follow_up(plans, year, today=report.today, tree=reading.organisation_or_exit(plans, lang))
    reports.emit("follow-up", format, report, result, lambda: _document(result, report), output, word_template)


def _document(result: FollowUp, report: BuildOptions) -> Document:
    """The report as a Document, for a document format (JSON dumps the core's records instead)."""
    from budgetbalans.report.builders.follow_up import follow_up_document  # the builder: only for a document format

    return follow_up_document(result, report.view, report.today)
