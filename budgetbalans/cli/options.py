"""The arguments and options the commands share, declared once, and the reading of their values (``--status``, ``--year``).

The help of each is in :data:`budgetbalans.cli.help.OPTION_HELP`, in Swedish and English; ``--format``'s
choices are the registry's (:func:`budgetbalans.report.formats.offered`), for its help and its checking alike.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetbalans.cli.help import CommandLineError
from budgetbalans.core.grouping import GroupBy
from budgetbalans.i18n import Lang, quoted, template
from budgetbalans.report.formats import accepted

if TYPE_CHECKING:
    from budgetbalans.plan.models import Plan, Status


class UnitChoice(str, Enum):
    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"


def _format_of_command(ctx: typer.Context, value: Optional[str]) -> Optional[str]:
    """A ``--format`` the command takes (:func:`~budgetbalans.report.formats.accepted`), else click's usage
    error of a wrong choice, which :mod:`budgetbalans.cli.help` words with the formats the command offers."""
    if value is None or ctx.resilient_parsing or value in accepted(ctx.info_name or ""):
        return value
    raise typer.BadParameter(value)  # click names the option (and the command) it is about


PathsArg = Annotated[Optional[list[Path]], typer.Argument(
    readable=False,  # not click's usage error: an unreadable file is a problem line, and the rest is read
)]
FormatOpt = Annotated[str, typer.Option("--format", callback=_format_of_command)]
OptionalFormatOpt = Annotated[Optional[str], typer.Option("--format", callback=_format_of_command)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o")]
GroupByOpt = Annotated[Optional[GroupBy], typer.Option("--group-by")]
UnitOpt = Annotated[Optional[UnitChoice], typer.Option("--unit")]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang")]
StatusOpt = Annotated[Optional[str], typer.Option("--status")]
TemplateOpt = Annotated[Optional[Path], typer.Option("--template")]
YearOpt = Annotated[Optional[int], typer.Option("--year")]
LevelOpt = Annotated[Optional[int], typer.Option("--level", min=0)]


UNKNOWN_STATUS = template(
    "cli.unknown_status",
    sv="okänd status {statuses}; skriv planerad, pågår, klart, utredning, pausad eller avbruten "
       "(eller planned, ongoing, done, investigating, paused, cancelled), kommaseparerade",
    en="unknown status {statuses}; use done, ongoing, planned, investigating, paused or cancelled "
       "(or klart, pågår, planerad, utredning, pausad, avbruten), comma-separated")


def statuses(text: Optional[str]) -> Optional[list[Status]]:
    """The statuses of ``--status`` (Swedish or English words, comma-separated), or a usage error."""
    if text is None:
        return None
    from budgetbalans.plan.models import STATUS_WORDS  # the plan's models (pydantic): not for --help

    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    unknown = [word for word in words if word not in STATUS_WORDS]
    if unknown or not words:
        shown = ", ".join(map(quoted, unknown)) or quoted(text)
        raise CommandLineError(UNKNOWN_STATUS(statuses=shown), "--status")
    return list(dict.fromkeys(STATUS_WORDS[word] for word in words))


YEAR_OUTSIDE = template("cli.year_outside", sv="{year} är inte ett av planernas år ({first}–{last})",
                        en="{year} is not in the plans' years ({first}–{last})")
NO_YEARS = template("cli.no_years", sv="planerna anger inga år, så {year} går inte att välja",
                    en="the plans name no years, so {year} cannot be chosen")


def check_year(year: Optional[int], plans: list[Plan]) -> None:
    """A ``--year`` outside the plans' years is a usage error."""
    years = sorted({y for plan in plans for y in plan.period})
    if year is not None and year not in years:
        message = YEAR_OUTSIDE(year=year, first=years[0], last=years[-1]) if years else NO_YEARS(year=year)
        raise CommandLineError(message, "--year")
