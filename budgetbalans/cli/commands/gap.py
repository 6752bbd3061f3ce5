"""``budgetbalans gap``: the remaining gap (kvar att spara) per year and for the period, and the coverage."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetbalans.cli import help as clitext
from budgetbalans.cli import reading, reports
from budgetbalans.cli.help import CommandLineError, current_lang
from budgetbalans.cli.options import (
    FormatOpt, GroupByOpt, LangOpt, LevelOpt, OutputOpt, PathsArg, StatusOpt, TemplateOpt, UnitOpt, YearOpt,
    check_year, statuses,
)
from budgetbalans.i18n import template
from budgetbalans.plan.amounts import AmountError, parse_amount
from budgetbalans.plan.money import Unit
from budgetbalans.plan.notation import amount_with_unit
from budgetbalans.report.formats import offered

if TYPE_CHECKING:
    from budgetbalans.core.organisation import Rollup
    from budgetbalans.core.summary import Summary
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions
    from budgetbalans.plan.models import Plan


def command(
    paths: PathsArg = None,
    target: Annotated[Optional[str], typer.Option("--target")] = None,
    year: YearOpt = None,
    format: FormatOpt = "table", unit: UnitOpt = None, lang: LangOpt = None,
    status: StatusOpt = None, output: OutputOpt = None, group_by: GroupByOpt = None,
    template: TemplateOpt = None, level: LevelOpt = None,
) -> None:
    """The remaining gap (kvar att spara) per year and for the period, and the coverage."""
    from budgetbalans.report.options import BuildOptions, ReportKind  # imported when run (see budgetbalans.cli.commands)

    lang = lang or current_lang()
    counted = statuses(status)
    amount = _target(target)
    _check_format(format)
    word_template = reports.check_output(format, output, template)
    plans = reading.plans_or_exit(paths, lang, "gap")
    check_year(year, plans)
    _check_target_unit(target, amount, plans)
    result, tree = reading.summarized(plans, lang, statuses=counted, years=None if year is None else [year],
                                      target=amount)
    report = reports.dated(BuildOptions(ReportKind.GAP, reports.view(plans, unit, lang, counted), group_by,
                                        level=level))
    reports.emit("gap", format, report, result, lambda: _document(result, report, tree), output, word_template,
                 tree)


def _document(result: Summary, report: BuildOptions, tree: Rollup | None) -> Document:
    """The report as a Document, for a document format (JSON dumps the core's records instead)."""
    from budgetbalans.report.builders.summary import gap_document  # the builder: only for a document format

    document = gap_document(result, report.view, report.group_by, report.today)
    if tree is None:
        return document
    from budgetbalans.report.builders.organisation import with_organisation

    return with_organisation(document, tree, result, report)


NOT_A_GAP_FORMAT = template(
    "cli.not_a_gap_format",
    sv="gap har inget {format}-format; använd summarize --format {format}, eller gap med {formats}",
    en="gap has no {format} format; use summarize --format {format}, or gap with {formats}")


def _check_format(format: str) -> None:
    """A format gap takes only to refuse (report/formats.py: its xlsx would only repeat summarize's workbook)."""
    if format not in offered("gap"):
        raise CommandLineError(NOT_A_GAP_FORMAT(format=format, formats=clitext.one_of(offered("gap"))), "--format")


def _target(text: Optional[str]) -> Optional[Decimal]:
    """``--target`` as an amount, in tkr unless it names its unit; not negative."""
    if text is None:
        return None
    try:
        amount = parse_amount(text, Unit.TKR)
    except AmountError as error:
        raise CommandLineError(error.message, "--target") from None
    if amount < 0:
        raise CommandLineError(TARGET_NEGATIVE(target=text), "--target")
    return amount


TARGET_NEGATIVE = template(
    "cli.target_negative",
    sv="{target} är negativt, men ett sparbeting är det som ska sparas: skriv det som ett positivt belopp "
       "(eller 0)",
    en="{target} is negative, but a savings target is what must be saved: write it as a positive amount (or 0)",
)


TARGET_UNIT = template(
    "cli.target_unit",
    sv="{target} anger ingen enhet, och planerna är inte alla i tkr ({plans}). Det kan betyda {as_tkr} "
       "(tkr, som ett belopp utan enhet annars läses) eller {as_plan} (planens enhet). "
       "Skriv enheten: --target \"{as_tkr}\" eller --target \"{as_plan}\"",
    en="{target} names no unit, and the plans are not all in tkr ({plans}). It could mean {as_tkr} "
       "(tkr, as an amount without a unit is otherwise read) or {as_plan} (the plan's unit). "
       "Write the unit: --target \"{as_tkr}\" or --target \"{as_plan}\"",
)


def _check_target_unit(text: Optional[str], amount: Optional[Decimal], plans: list[Plan]) -> None:
    """A ``--target`` without a unit is read in tkr; where a plan read is in another unit it could as
    well mean that unit: refused, with both readings."""
    if text is None or amount is None:
        return
    other = next((plan for plan in plans if plan.unit is not Unit.TKR), None)
    if other is None:
        return
    as_plan = parse_amount(text, other.unit)
    if as_plan == amount:  # the text names its unit (or is 0): one reading
        return
    units = ", ".join(sorted({plan.unit.value for plan in plans}))
    raise CommandLineError(TARGET_UNIT(target=text, plans=units, as_tkr=amount_with_unit(amount, Unit.TKR),
                                       as_plan=amount_with_unit(as_plan, other.unit)), "--target")
