"""``budgetbalans follow-up``: planned, forecast and deviation per measure for one year, and the forecast gap."""

from __future__ import annotations

import re
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetbalans.cli import reading, reports
from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_OK
from budgetbalans.cli.help import CommandLineError, current_lang
from budgetbalans.cli.options import FormatOpt, LangOpt, OutputOpt, PathsArg, TemplateOpt, UnitOpt, YearOpt, check_year
from budgetbalans.i18n import quoted, template

if TYPE_CHECKING:
    from budgetbalans.core.followup import FollowUp
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions

YELLOW_INVALID = template(
    "cli.yellow_not_a_percentage",
    sv="{value} är ingen procentsats; skriv ett tal från 0 till 100, till exempel 10 eller '12,5 %'",
    en="{value} is not a percentage; write a number from 0 to 100, such as 10 or '12,5 %'")

#: A percentage as a controller writes it: 10, 12,5, 12.5, "10 %", "10%".
_PERCENT = re.compile(r"\s*([0-9]{1,3}(?:[.,][0-9]{1,6})?)\s*%?\s*")


class FailOn(str, Enum):
    """What ``--fail-on`` fails a follow-up on: ``red``, any measure red or late."""

    RED = "red"


def yellow_limit(value: Optional[str]) -> Decimal | None:
    """``--yellow``'s percentage (0–100), ``None`` when not given; a usage error for anything else."""
    if value is None:
        return None
    match = _PERCENT.fullmatch(value)
    percent = None if match is None else Decimal(match[1].replace(",", "."))
    if percent is None or percent > 100:
        raise CommandLineError(YELLOW_INVALID(value=quoted(value)), "--yellow")
    return percent

NOT_WITH_HISTORY = template(
    "cli.not_with_history",
    sv="gäller en uppföljning, inte historiken; kör follow-up utan --history för att få signalerna",
    en="applies to one follow-up, not to the history; run follow-up without --history for the signals")

HistoryOpt = Annotated[bool, typer.Option("--history")]
SinceOpt = Annotated[Optional[str], typer.Option("--since")]


def command(paths: PathsArg = None, year: YearOpt = None, format: FormatOpt = "table", unit: UnitOpt = None,
            lang: LangOpt = None, output: OutputOpt = None, template: TemplateOpt = None,
            yellow: Annotated[Optional[str], typer.Option("--yellow")] = None,
            fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on")] = None,
            history: HistoryOpt = False, since: SinceOpt = None) -> None:
    """Uppföljning: planned, forecast and deviation per measure for one year, and the forecast gap."""
    from budgetbalans.core.followup import YELLOW_PERCENT, follow_up  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.report.options import BuildOptions, ReportKind

    lang = lang or current_lang()
    limit = yellow_limit(yellow)
    word_template = reports.check_output(format, output, template)
    if history or since is not None:
        for option, given in (("--yellow", yellow is not None), ("--fail-on", fail_on is not None)):
            if given:
                raise CommandLineError(NOT_WITH_HISTORY(), option)
        from budgetbalans.cli import historyrun  # git and the history: only for --history

        return historyrun.run(paths, year, since, format, unit, lang, output, word_template)
    plans = reading.plans_or_exit(paths, lang, "follow-up")
    check_year(year, plans)
    report = reports.dated(BuildOptions(ReportKind.FOLLOW_UP, reports.view(plans, unit, lang, None)))
    assert report.today is not None  # set by reports.dated
    result = follow_up(plans, year, today=report.today, tree=reading.organisation_or_exit(plans, lang),
                       yellow=YELLOW_PERCENT if limit is None else limit)
    reports.emit("follow-up", format, report, result, lambda: _document(result, report), output, word_template)
    raise typer.Exit(EXIT_INVALID if fail_on is FailOn.RED and result.red_or_late else EXIT_OK)


def _document(result: FollowUp, report: BuildOptions) -> Document:
    """The report as a Document, for a document format (JSON dumps the core's records instead)."""
    from budgetbalans.report.builders.follow_up import follow_up_document  # the builder: only for a document format

    return follow_up_document(result, report.view, report.today)
