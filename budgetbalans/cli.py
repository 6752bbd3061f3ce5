"""The command line: parse options, load, compute, render, return an exit status.

Exit status (PLAN-FORMAT.md): 0 all is well; 1 a plan is invalid or a check fails;
2 a wrong command line; 3 a bug in budgetbalans (never caused by a plan file).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import traceback
from dataclasses import replace
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

# budgetbalans uses no pydantic plugins; without this, pydantic scans the metadata of every
# installed package for them at each start (about a tenth of the cold start). Set the variable
# yourself to load plugins anyway.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402 - after the setting above

from budgetbalans import __version__
from budgetbalans.amounts import AmountError, parse_amount
from budgetbalans.core import summarize
from budgetbalans.errors import Problem
from budgetbalans.grouping import GroupBy
from budgetbalans.loader import DEFAULT_FOLDER, load_paths, read_paths
from budgetbalans.models import STATUS_WORDS, Plan, Status
from budgetbalans.money import Unit
from budgetbalans.messages import LANG_ENV, Lang, default_lang

if TYPE_CHECKING:
    from budgetbalans.checks import Policy
    from budgetbalans.core import Summary
    from budgetbalans.render.problems import CheckResult
    from budgetbalans.render.report import Report, ReportKind
    from budgetbalans.render.table import View

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

app = typer.Typer(
    help="budgetbalans: åtgärdsplaner för budget i balans, summerade exakt.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class ReportFormat(str, Enum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"


class UnitChoice(str, Enum):
    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"


PathsArg = Annotated[Optional[list[Path]], typer.Argument(
    help="Plan files or folders (every *.yaml and *.yml below). Default: plans/", show_default=False)]
FormatOpt = Annotated[ReportFormat, typer.Option(
    "--format", help="table, json, csv (Swedish Excel), markdown, html (one self-contained page) "
    "or xlsx (needs --output).")]
OutputOpt = Annotated[Optional[Path], typer.Option(
    "--output", "-o", help="Write the report to this file (required for xlsx). Default: standard output.",
    show_default=False)]
GroupByOpt = Annotated[Optional[GroupBy], typer.Option(
    "--group-by", help="Subtotals by area, status or plan.", show_default=False)]
UnitOpt = Annotated[Optional[UnitChoice], typer.Option("--unit", help="Show amounts in kr, tkr or mkr "
                                                       "(default: the plans' unit).", show_default=False)]
LangOpt = Annotated[Optional[Lang], typer.Option(
    "--lang", help=f"Language of everything shown: sv or en (default sv, or ${LANG_ENV}).",
    show_default=False)]
StatusOpt = Annotated[Optional[str], typer.Option(
    "--status", help="Count only these statuses, comma-separated, such as done,ongoing or klart,pågår.",
    show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetbalans {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """budgetbalans: åtgärdsplaner för budget i balans, summerade exakt."""


@app.command("summarize")
def summarize_command(paths: PathsArg = None, format: FormatOpt = ReportFormat.TABLE, unit: UnitOpt = None,
                      lang: LangOpt = None, status: StatusOpt = None, output: OutputOpt = None,
                      group_by: GroupByOpt = None) -> None:
    """Each measure's effect per year and class, totals, target and gap."""
    lang = lang or default_lang()
    statuses = _statuses(status)
    from budgetbalans.render.report import Report, ReportKind  # the report machinery: not for check

    _check_output(format, output, ReportKind.SUMMARY)
    plans = _load_or_exit(paths, lang)
    result = summarize(plans, statuses=statuses)
    report = Report(ReportKind.SUMMARY, _view(plans, unit, lang, statuses), group_by, _names(statuses))
    _emit(result, report, format, output)


@app.command("gap")
def gap_command(
    paths: PathsArg = None,
    target: Annotated[Optional[str], typer.Option(
        "--target", help="Sparbeting replacing the plans' own: an amount, in tkr unless it names its unit "
        "('12 357', '12,4 mkr').", show_default=False)] = None,
    year: Annotated[Optional[int], typer.Option("--year", help="Only this year.", show_default=False)] = None,
    format: FormatOpt = ReportFormat.TABLE, unit: UnitOpt = None, lang: LangOpt = None,
    status: StatusOpt = None, output: OutputOpt = None, group_by: GroupByOpt = None,
) -> None:
    """The remaining gap (kvar att spara) per year and for the period, and the coverage."""
    lang = lang or default_lang()
    statuses = _statuses(status)
    amount = _target(target)
    from budgetbalans.render.report import Report, ReportKind

    _check_output(format, output, ReportKind.GAP)
    plans = _load_or_exit(paths, lang)
    _check_year(year, plans)
    result = summarize(plans, statuses=statuses, years=None if year is None else [year], target=amount)
    report = Report(ReportKind.GAP, _view(plans, unit, lang, statuses), group_by, _names(statuses))
    _emit(result, report, format, output)


@app.command("follow-up")
def follow_up_command(
    paths: PathsArg = None,
    year: Annotated[Optional[int], typer.Option(
        "--year", help="The year to follow up (default: the year of as_of, else the plan's last year).",
        show_default=False)] = None,
    format: FormatOpt = ReportFormat.TABLE, unit: UnitOpt = None, lang: LangOpt = None,
    output: OutputOpt = None,
) -> None:
    """Uppföljning: planned, forecast and deviation per measure for one year, and the forecast gap."""
    lang = lang or default_lang()
    from budgetbalans.render.report import Report, ReportKind

    _check_output(format, output, ReportKind.FOLLOW_UP)
    plans = _load_or_exit(paths, lang)
    _check_year(year, plans)
    _emit_follow_up(plans, year, Report(ReportKind.FOLLOW_UP, _view(plans, unit, lang, None)), format, output)


class CheckFormat(str, Enum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"


@app.command("check")
def check_command(
    paths: PathsArg = None,
    format: Annotated[Optional[CheckFormat], typer.Option(
        "--format", help="text, github (workflow commands; the default when GITHUB_ACTIONS=true) or json.",
        show_default=False)] = None,
    require_target: Annotated[bool, typer.Option(
        "--require-target", help="Fail for a plan that states no target (sparbeting).")] = False,
    fail_on_gap: Annotated[bool, typer.Option(
        "--fail-on-gap", help="Fail for a plan whose measures do not surely cover its target.")] = False,
    lang: LangOpt = None,
) -> None:
    """Validate plan files for CI: every problem in every file, then exit 0 or 1."""
    from budgetbalans.checks import Policy
    from budgetbalans.render.problems import REPORTER_BY_NAME

    result = check_plans(paths or [DEFAULT_FOLDER], Policy(require_target=require_target, fail_on_gap=fail_on_gap))
    chosen = format or (CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT)
    REPORTER_BY_NAME[chosen.value](result, sys.stdout, lang or default_lang())
    raise typer.Exit(EXIT_INVALID if result.problems else EXIT_OK)


def check_plans(paths: list[Path], policy: Policy) -> CheckResult:
    """Every problem in every plan, one plan at a time (none is held after it is checked)."""
    from budgetbalans.checks import check_plan
    from budgetbalans.render.problems import CheckResult

    problems: list[Problem] = []
    files: list[str] = []
    accepted = 0
    for read in read_paths(paths):
        problems += read.problems
        files += [read.path] if read.path is not None else []
        if read.plan is not None:
            checked = check_plan(read.plan, policy)
            problems += checked.problems
            accepted += checked.accepted
    return CheckResult(sorted(problems), len(files), accepted, plan_paths=files)


@app.command("schema")
def schema_command() -> None:
    """The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""
    from budgetbalans.schema import plan_schema

    _print_json(plan_schema())


# --- the edges of every command --------------------------------------------------------------


def _load_or_exit(paths: Optional[list[Path]], lang: Lang) -> list[Plan]:
    loaded = load_paths(paths or [DEFAULT_FOLDER])
    if loaded.problems:
        _print_problems(loaded.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return loaded.plans


def _print_problems(problems: list[Problem], lang: Lang) -> None:
    for problem in problems:
        typer.echo(_safe(problem.text(lang)), err=True)


def _safe(text: str) -> str:
    from budgetbalans.render.numbers import clean

    return clean(text)


def _statuses(text: Optional[str]) -> Optional[list[Status]]:
    if text is None:
        return None
    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    unknown = [word for word in words if word not in STATUS_WORDS]
    if unknown or not words:
        raise typer.BadParameter(f"unknown status {', '.join(map(repr, unknown)) or repr(text)}; "
                         "use done, ongoing, planned, investigating, paused, cancelled "
                         "(or klart, pågår, planerad, utredning, pausad, avbruten)", param_hint="'--status'")
    return list(dict.fromkeys(STATUS_WORDS[word] for word in words))


def _names(statuses: Optional[list[Status]]) -> Optional[list[str]]:
    return None if statuses is None else [status.value for status in statuses]


def _target(text: Optional[str]) -> Optional[Decimal]:
    if text is None:
        return None
    try:
        return parse_amount(text, Unit.TKR)
    except AmountError as error:
        raise typer.BadParameter(error.message.text(default_lang()), param_hint="'--target'") from None


def _check_year(year: Optional[int], plans: list[Plan]) -> None:
    years = sorted({y for plan in plans for y in plan.period})
    if year is not None and year not in years:
        known = f"{years[0]}–{years[-1]}" if years else "none"
        raise typer.BadParameter(f"{year} is not in the plans' years ({known})", param_hint="'--year'")


def _view(plans: list[Plan], unit: Optional[UnitChoice], lang: Lang, statuses: Optional[list[Status]]) -> View:
    from budgetbalans.render.labels import status_word

    units = {plan.unit for plan in plans}
    shown = Unit(unit.value) if unit else (units.pop() if len(units) == 1 else Unit.TKR)
    from budgetbalans.render.table import View

    return View(shown, lang, [status_word(s, lang) for s in statuses or []])


def _print_json(document: dict[str, object]) -> None:
    from budgetbalans.render import jsonout

    sys.stdout.write(jsonout.dumps(document) + "\n")


# --- reports: --format, --output --------------------------------------------------------------


def _check_output(format: ReportFormat, output: Optional[Path], kind: ReportKind) -> None:
    """A wrong combination of --format and --output is a wrong command line (exit 2), found before any work."""
    from budgetbalans.render.report import FILE_ONLY, GAP_FORMATS, ReportKind

    if kind is ReportKind.GAP and format.value not in GAP_FORMATS:
        raise typer.BadParameter(f"gap has no {format.value} format; use summarize --format {format.value}, "
                                 f"or gap with {', '.join(sorted(GAP_FORMATS))}", param_hint="'--format'")
    if format.value in FILE_ONLY and (output is None or str(output) == "-"):
        raise typer.BadParameter(f"{format.value} is a file: give one with --output FILE, such as "
                                 f"--output rapport.{format.value}", param_hint="'--format'")


def _emit(result: Summary, report: Report, format: ReportFormat, output: Optional[Path]) -> None:
    """Render by name; write to standard output or, atomically, to --output."""
    from budgetbalans.render.report import REPORTER_BY_NAME

    _write_report(REPORTER_BY_NAME[format.value](result, _for_terminal(report, format, output)), output)


def _emit_follow_up(plans: list[Plan], year: Optional[int], report: Report, format: ReportFormat,
                    output: Optional[Path]) -> None:
    """Follow the plans up (budgetbalans.followup) and render the result by name, as _emit does for summarize."""
    from budgetbalans.followup import follow_up
    from budgetbalans.render.followup import FOLLOW_UP_BY_NAME

    rendered = FOLLOW_UP_BY_NAME[format.value](follow_up(plans, year), _for_terminal(report, format, output))
    _write_report(rendered, output)


def _for_terminal(report: Report, format: ReportFormat, output: Optional[Path]) -> Report:
    """A table for standard output takes the terminal's width (140 columns when piped, or $COLUMNS)."""
    if format is not ReportFormat.TABLE or (output is not None and str(output) != "-"):
        return report
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "0") or 0) or 140
    return replace(report, terminal=sys.stdout.isatty(), width=width or shutil.get_terminal_size().columns)


def _write_report(data: bytes, output: Optional[Path]) -> None:
    """A report's bytes to standard output or, atomically, to --output (an unwritable path: exit 2)."""
    if output is None or str(output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomically(output, data)
    except OSError as error:
        typer.echo(f"budgetbalans: cannot write {_safe(str(output))}: {error.strerror or error}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename it: readers never see half a report."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run(argv: Optional[list[str]] = None) -> int:
    """The error boundary: expected problems are one line and exit 1 or 2; a bug exits 3."""
    try:
        app(args=argv, prog_name="budgetbalans")
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # noqa: BLE001 - the one place that catches everything
        return _bug(error)
    return EXIT_OK


def _bug(error: BaseException) -> int:
    if os.environ.get("BUDGETBALANS_DEBUG"):
        traceback.print_exc()
    typer.echo(f"budgetbalans: internal error ({type(error).__name__}: {_safe(str(error))[:200]}). "
               "This is a bug in budgetbalans, not in your plan; set BUDGETBALANS_DEBUG=1 for details "
               "and report it.", err=True)
    return EXIT_BUG


def entry_point() -> None:
    sys.exit(run())
