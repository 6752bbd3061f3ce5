"""The command line: parse options, load, compute, render, return an exit status.

Exit status (docs/planformat.md): 0 all is well; 1 a plan is invalid or a check fails;
2 a wrong command line; 3 a bug in budgetbalans (never caused by a plan file).
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import sys
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

# A report holds every plan it reads (25 000 measures are a million objects): with the default
# threshold the cyclic collector rescans them hundreds of times while they are read, a third of
# the run. Collect young objects after 50 000 allocations instead of 700.
gc.set_threshold(50_000, 20, 20)

from budgetbalans import __version__
from budgetbalans.core.grouping import GroupBy
from budgetbalans.plan.money import Unit
from budgetbalans.i18n import Lang, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.cli import help as clitext
from budgetbalans.cli.help import CommandLineError, NoCommand, current_lang, lang_of

# What a command needs is imported when it runs (loader, models, core, renderers): `--help` and a
# wrong command line start with none of them, and each command with only its own.
if TYPE_CHECKING:
    from budgetbalans.core.checks import Policy
    from budgetbalans.core.summary import Summary
    from budgetbalans.report.check import CheckResult
    from budgetbalans.errors import Problem
    from budgetbalans.plan.models import Plan, Status
    from budgetbalans.output import OutputError
    from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions
    from budgetbalans.report.build.wording import View

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

# Every text of the command line itself (help, usage errors) is budgetbalans's own, in the run's
# language: clitext.Group and clitext.Command write it; the help texts are in clitext.OPTION_HELP.
app = typer.Typer(
    name="budgetbalans",  # also the program's name where none is given (typer's CliRunner)
    cls=clitext.Group,
    add_completion=False,
    invoke_without_command=True,  # budgetbalans with options only: the help, as without arguments
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
    DOCX = "docx"


#: The formats gap accepts (its xlsx would only repeat summarize's workbook): its --help lists these, and
#: _check_output refuses any other with them. Here, not in render/formats.py: --help loads no renderer.
GAP_FORMATS = tuple(format.value for format in ReportFormat if format is not ReportFormat.XLSX)


class UnitChoice(str, Enum):
    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"


# The help of each argument and option is in clitext.OPTION_HELP, in Swedish and English.
PathsArg = Annotated[Optional[list[Path]], typer.Argument(
    readable=False,  # not click's usage error: an unreadable file is a problem line, and the rest is read
)]
FormatOpt = Annotated[ReportFormat, typer.Option("--format")]
GapFormatOpt = Annotated[ReportFormat, typer.Option("--format"), clitext.Only(GAP_FORMATS)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o")]
GroupByOpt = Annotated[Optional[GroupBy], typer.Option("--group-by")]
UnitOpt = Annotated[Optional[UnitChoice], typer.Option("--unit")]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang")]
StatusOpt = Annotated[Optional[str], typer.Option("--status")]
TemplateOpt = Annotated[Optional[Path], typer.Option("--template")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetbalans {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: LangOpt = None,  # read before parsing (clitext.lang_of): the language of the help and of the command
) -> None:
    """budgetbalans: åtgärdsplaner för budget i balans, summerade exakt."""
    if ctx.invoked_subcommand is None:
        raise NoCommand(ctx)


@app.command("summarize", cls=clitext.Command)
def summarize_command(paths: PathsArg = None, format: FormatOpt = ReportFormat.TABLE, unit: UnitOpt = None,
                      lang: LangOpt = None, status: StatusOpt = None, output: OutputOpt = None,
                      group_by: GroupByOpt = None, template: TemplateOpt = None) -> None:
    """Each measure's effect per year and class, totals, target and gap."""
    lang = lang or current_lang()
    statuses = _statuses(status)
    from budgetbalans.core.summary import summarize
    from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions  # the report machinery: not for check

    word_template = _check_output(format, output, ReportKind.SUMMARY, template)
    plans = _load_or_exit(paths, lang, "summarize")
    result = summarize(plans, statuses=statuses)
    report = BuildOptions(ReportKind.SUMMARY, _view(plans, unit, lang, statuses), group_by)
    _emit(result, report, WriteOptions(template=word_template), format, output)


@app.command("gap", cls=clitext.Command)
def gap_command(
    paths: PathsArg = None,
    target: Annotated[Optional[str], typer.Option("--target")] = None,
    year: Annotated[Optional[int], typer.Option("--year")] = None,
    format: GapFormatOpt = ReportFormat.TABLE, unit: UnitOpt = None, lang: LangOpt = None,
    status: StatusOpt = None, output: OutputOpt = None, group_by: GroupByOpt = None,
    template: TemplateOpt = None,
) -> None:
    """The remaining gap (kvar att spara) per year and for the period, and the coverage."""
    lang = lang or current_lang()
    statuses = _statuses(status)
    amount = _target(target)
    from budgetbalans.core.summary import summarize
    from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions

    word_template = _check_output(format, output, ReportKind.GAP, template)
    plans = _load_or_exit(paths, lang, "gap")
    _check_year(year, plans)
    _check_target_unit(target, amount, plans)
    result = summarize(plans, statuses=statuses, years=None if year is None else [year], target=amount)
    report = BuildOptions(ReportKind.GAP, _view(plans, unit, lang, statuses), group_by)
    _emit(result, report, WriteOptions(template=word_template), format, output)


@app.command("follow-up", cls=clitext.Command)
def follow_up_command(
    paths: PathsArg = None,
    year: Annotated[Optional[int], typer.Option("--year")] = None,
    format: FormatOpt = ReportFormat.TABLE, unit: UnitOpt = None, lang: LangOpt = None,
    output: OutputOpt = None, template: TemplateOpt = None,
) -> None:
    """Uppföljning: planned, forecast and deviation per measure for one year, and the forecast gap."""
    lang = lang or current_lang()
    from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions

    word_template = _check_output(format, output, ReportKind.FOLLOW_UP, template)
    plans = _load_or_exit(paths, lang, "follow-up")
    _check_year(year, plans)
    _emit_follow_up(plans, year, BuildOptions(ReportKind.FOLLOW_UP, _view(plans, unit, lang, None)),
                    WriteOptions(template=word_template), format, output)


class CheckFormat(str, Enum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"


@app.command("check", cls=clitext.Command)
def check_command(
    paths: PathsArg = None,
    format: Annotated[Optional[CheckFormat], typer.Option("--format")] = None,
    require_target: Annotated[bool, typer.Option("--require-target")] = False,
    fail_on_gap: Annotated[bool, typer.Option("--fail-on-gap")] = False,
    lang: LangOpt = None,
) -> None:
    """Validate plan files for CI: every problem in every file, then exit 0 or 1."""
    from budgetbalans.core.checks import Policy
    from budgetbalans.report.check import REPORTER_BY_NAME
    from budgetbalans.read.loader import DEFAULT_FOLDER

    result = check_plans(paths or [DEFAULT_FOLDER], Policy(require_target=require_target, fail_on_gap=fail_on_gap))
    chosen = format or (CheckFormat.GITHUB if os.environ.get("GITHUB_ACTIONS") == "true" else CheckFormat.TEXT)
    REPORTER_BY_NAME[chosen.value](result, sys.stdout, lang or current_lang())
    raise typer.Exit(EXIT_INVALID if result.problems else EXIT_OK)


def check_plans(paths: list[Path], policy: Policy) -> CheckResult:
    """Every problem in every plan, one plan at a time (none is held after it is checked)."""
    from budgetbalans.core.checks import check_plan
    from budgetbalans.report.check import CheckResult
    from budgetbalans.read.loader import read_paths

    problems: list[Problem] = []
    files: list[str] = []
    accepted = 0
    for read in read_paths(paths, "check"):
        problems += read.problems
        files += [read.path] if read.path is not None else []
        if read.plan is not None:
            checked = check_plan(read.plan, policy)
            problems += checked.problems
            accepted += checked.accepted
    return CheckResult(sorted(problems), len(files), accepted, plan_paths=files)


@app.command("schema", cls=clitext.Command)
def schema_command(lang: LangOpt = None) -> None:  # --lang as on every command: for --help and errors
    """The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""
    from budgetbalans.plan.schema import plan_schema

    _print_json(plan_schema(lang or current_lang()))


class DiffFormat(str, Enum):
    TABLE = "table"
    MARKDOWN = "markdown"
    JSON = "json"
    GITHUB = "github"
    CSV = "csv"
    HTML = "html"
    XLSX = "xlsx"


@app.command("diff", cls=clitext.Command)
def diff_command(
    paths: PathsArg = None,
    base: Annotated[Optional[str], typer.Option("--base")] = None,
    format: Annotated[DiffFormat, typer.Option("--format")] = DiffFormat.TABLE,
    unit: UnitOpt = None, lang: LangOpt = None, output: OutputOpt = None,
    step_summary: Annotated[bool, typer.Option("--step-summary")] = False,
    fail_on_worse: Annotated[bool, typer.Option("--fail-on-worse")] = False,
) -> None:
    """What a change to the plans does: measures added, removed, changed; totals, gap and shortfall per year."""
    lang = lang or current_lang()
    from budgetbalans.cli import diffrun
    from budgetbalans.read.git import GitError

    if step_summary and format is not DiffFormat.MARKDOWN:
        raise CommandLineError(diffrun.NO_STEP_SUMMARY(), "--step-summary")
    if format is DiffFormat.XLSX and (output is None or str(output) == "-"):
        raise CommandLineError(FILE_FORMAT(format=format.value), "--format")
    try:
        sides = diffrun.read_sides(paths or [], base)
    except diffrun.DiffUsageError as error:
        raise CommandLineError(error.message) from None  # type: ignore[arg-type]
    except GitError as error:
        clitext.show_error(error.message.text(lang))
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_INVALID) from None
    if sides.diff is None:
        _print_problems(sides.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    result = sides.diff
    plans = [p.plan for p in result.plans]
    view = _view(plans, unit, lang, None)
    names = None if base is not None or not paths or len(paths) != 2 else (str(paths[0]), str(paths[1]))
    if format is DiffFormat.JSON:
        from budgetbalans.report.json.diff import render as render_json

        data = render_json(result, base).encode("utf-8")
    elif format is DiffFormat.GITHUB:
        data = diffrun.github(result, view).encode("utf-8")
    else:
        from budgetbalans.report.build.diff import diff_document
        from budgetbalans.report.formats import WRITER_BY_NAME
        from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions

        report = _dated(BuildOptions(ReportKind.DIFF, view))
        options = _for_terminal(WriteOptions(), ReportFormat(format.value), output)
        data = WRITER_BY_NAME[format.value](diff_document(result, report.view, base, names, report.today), options)
    _write_report(data, output)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if step_summary and summary_file:
        from budgetbalans import output as out
        try:
            with open(summary_file, "ab") as file:
                file.write(data)
        except OSError as error:
            raise typer.Exit(_cannot_write(out.OutputError(Path(summary_file), error), lang)) from None
    raise typer.Exit(EXIT_INVALID if fail_on_worse and result.worse else EXIT_OK)


IMPORT_INVALID = template(
    "cli.import_invalid",
    sv="den importerade planen blev inte giltig: {problem}; ingenting skrevs",
    en="the imported plan is not valid: {problem}; nothing was written")


IMPORT_TOO_LARGE = template(
    "cli.import_too_large",
    sv="planen skulle bli större än {limit} MB, den största planfil budgetbalans läser; dela tabellen i flera "
       "filer (till exempel ett område i varje) och importera dem var för sig",
    en="the plan would be larger than {limit} MiB, the largest plan file budgetbalans reads; split the table into "
       "several files (one area in each, say) and import them one by one")


@app.command("import", cls=clitext.Command)
def import_command(
    file: Annotated[Path, typer.Argument(readable=False)],
    output: OutputOpt = None, unit: UnitOpt = None, lang: LangOpt = None,
) -> None:
    """Read the tables of a Word, Excel or CSV file as a plan file (YAML)."""
    lang = lang or current_lang()
    from budgetbalans.core.checks import Policy, check_plan
    from budgetbalans.errors import PlanError
    from budgetbalans.read.loader import MAX_FILE_BYTES, validate_dumped
    from budgetbalans.read.office.importer import import_plan
    from budgetbalans.plan.dump import PlanTooLarge, dump_plan
    from budgetbalans.read.office.tables import TableReadError, read_tables

    name = _safe(str(file))
    try:
        grids = read_tables(file)
    except TableReadError as error:
        typer.echo(f"{name}: {_safe(error.message.text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    imported = import_plan(grids, Unit(unit.value) if unit else None)
    if imported.problems:
        for problem in imported.problems:
            where = f"{_safe(problem.where)}: " if problem.where else ""
            typer.echo(f"{name}: {where}{_safe(problem.message.text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID)
    try:
        dumped = dump_plan(imported.plan, imported.comments, lang, max_bytes=MAX_FILE_BYTES)
    except PlanTooLarge as error:
        typer.echo(f"{name}: {IMPORT_TOO_LARGE(limit=error.limit // 1024 // 1024).text(lang)}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    plan_name = str(output) if output is not None else "-"  # lines of the plan written, not of the document
    try:  # what the file will hold, as it will be read: not its text parsed again
        plan = validate_dumped(dumped, plan_name)
    except PlanError as error:  # the import's own slip: said, never written
        typer.echo(f"{name}: {_safe(IMPORT_INVALID(problem=error.problems[0].message).text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    lines: list[str] = []
    said: set[str] = set()
    for note in imported.notes:  # a choice made on many rows is said once, at its first cell
        words = note.message.text(lang)
        if words not in said:
            said.add(words)
            where = f"{_safe(note.where)}: " if note.where else ""
            lines.append(f"{name}: {where}{_safe(words)}")
    lines += [_safe(problem.text(lang)) for problem in check_plan(plan, Policy()).problems]  # check says it too
    if not _said(lines):  # the choices are said before the plan is written, or nothing is written
        raise typer.Exit(EXIT_USAGE)
    _write_report(dumped.text.encode("utf-8"), output)
    raise typer.Exit(EXIT_OK)


def _said(lines: list[str]) -> bool:
    """``lines`` written to standard error; ``False`` where it cannot take them (full, closed)."""
    try:
        for line in lines:
            typer.echo(line, err=True)
        sys.stderr.flush()
    except OSError:
        return False
    return True


# --- the edges of every command --------------------------------------------------------------


def _load_or_exit(paths: Optional[list[Path]], lang: Lang, command: str) -> list[Plan]:
    """The plans, or their problems printed and exit 1; ``command`` names the command in the example of a message."""
    from budgetbalans.read.loader import DEFAULT_FOLDER, load_paths

    loaded = load_paths(paths or [DEFAULT_FOLDER], command)
    if loaded.problems:
        _print_problems(loaded.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return loaded.plans


def _print_problems(problems: list[Problem], lang: Lang) -> None:
    for problem in problems:
        typer.echo(_safe(problem.text(lang)), err=True)


def _safe(text: str) -> str:
    from budgetbalans.text import shown

    return shown(text)


UNKNOWN_STATUS = template(
    "cli.unknown_status",
    sv="okänd status {statuses}; skriv planerad, pågår, klart, utredning, pausad eller avbruten "
       "(eller planned, ongoing, done, investigating, paused, cancelled), kommaseparerade",
    en="unknown status {statuses}; use done, ongoing, planned, investigating, paused or cancelled "
       "(or klart, pågår, planerad, utredning, pausad, avbruten), comma-separated")


def _statuses(text: Optional[str]) -> Optional[list[Status]]:
    if text is None:
        return None
    from budgetbalans.plan.models import STATUS_WORDS

    words = [word.strip().lower() for word in text.split(",") if word.strip()]
    unknown = [word for word in words if word not in STATUS_WORDS]
    if unknown or not words:
        shown = ", ".join(map(quoted, unknown)) or quoted(text)
        raise CommandLineError(UNKNOWN_STATUS(statuses=shown), "--status")
    return list(dict.fromkeys(STATUS_WORDS[word] for word in words))


def _target(text: Optional[str]) -> Optional[Decimal]:
    if text is None:
        return None
    from budgetbalans.plan.amounts import AmountError, parse_amount

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
    from budgetbalans.plan.amounts import parse_amount
    from budgetbalans.plan.notation import amount_with_unit

    other = next((plan for plan in plans if plan.unit is not Unit.TKR), None)
    if other is None:
        return
    as_plan = parse_amount(text, other.unit)
    if as_plan == amount:  # the text names its unit (or is 0): one reading
        return
    units = ", ".join(sorted({plan.unit.value for plan in plans}))
    raise CommandLineError(TARGET_UNIT(target=text, plans=units, as_tkr=amount_with_unit(amount, Unit.TKR),
                                       as_plan=amount_with_unit(as_plan, other.unit)), "--target")


YEAR_OUTSIDE = template("cli.year_outside", sv="{year} är inte ett av planernas år ({first}–{last})",
                        en="{year} is not in the plans' years ({first}–{last})")
NO_YEARS = template("cli.no_years", sv="planerna anger inga år, så {year} går inte att välja",
                    en="the plans name no years, so {year} cannot be chosen")


def _check_year(year: Optional[int], plans: list[Plan]) -> None:
    years = sorted({y for plan in plans for y in plan.period})
    if year is not None and year not in years:
        message = YEAR_OUTSIDE(year=year, first=years[0], last=years[-1]) if years else NO_YEARS(year=year)
        raise CommandLineError(message, "--year")


def _view(plans: list[Plan], unit: Optional[UnitChoice], lang: Lang, statuses: Optional[list[Status]]) -> View:
    units = {plan.unit for plan in plans}
    shown = Unit(unit.value) if unit else (units.pop() if len(units) == 1 else Unit.TKR)
    from budgetbalans.report.build.wording import View

    return View(shown, lang, tuple(statuses or ()))


def _print_json(document: dict[str, object]) -> None:
    from budgetbalans.report.json import reports as jsonout
    sys.stdout.write(jsonout.dumps(document) + "\n")


# --- reports: --format, --output --------------------------------------------------------------


NOT_A_GAP_FORMAT = template(
    "cli.not_a_gap_format",
    sv="gap har inget {format}-format; använd summarize --format {format}, eller gap med {formats}",
    en="gap has no {format} format; use summarize --format {format}, or gap with {formats}")
FILE_FORMAT = template(
    "cli.file_format",
    sv="{format} blir en fil: ange den med --output FIL, till exempel --output rapport.{format}",
    en="{format} is a file: give one with --output FILE, such as --output rapport.{format}")
TEMPLATE_NOT_DOCX = template(
    "cli.template_not_docx",
    sv="gäller bara --format docx; lägg till --format docx -o rapport.docx, eller ta bort --template",
    en="only applies to --format docx; add --format docx -o report.docx, or leave out --template")


def _check_output(format: ReportFormat, output: Optional[Path], kind: ReportKind,
                  template: Optional[Path] = None) -> Optional[bytes]:
    """A wrong combination of --format and --output, or a --template that is not a Word document (or
    not for docx), is a wrong command line (exit 2), found before any work; the --template read and checked."""
    from budgetbalans.report.formats import FILE_ONLY
    from budgetbalans.report.options import ReportKind

    if kind is ReportKind.GAP and format.value not in GAP_FORMATS:
        formats = clitext.one_of(GAP_FORMATS)
        raise CommandLineError(NOT_A_GAP_FORMAT(format=format.value, formats=formats), "--format")
    if format.value in FILE_ONLY and (output is None or str(output) == "-"):
        raise CommandLineError(FILE_FORMAT(format=format.value), "--format")
    if template is None:
        return None
    if format is not ReportFormat.DOCX:
        raise CommandLineError(TEMPLATE_NOT_DOCX(), "--template")
    from budgetbalans.read.template import TemplateError, read_template

    try:
        return read_template(template)
    except TemplateError as error:
        raise CommandLineError(error.message, "--template") from None


def _emit(result: Summary, report: BuildOptions, options: WriteOptions, format: ReportFormat,
          output: Optional[Path]) -> None:
    """Render by name; write to standard output or, atomically, to --output."""
    from budgetbalans.report.formats import REPORTER_BY_NAME

    data = REPORTER_BY_NAME[format.value](result, _dated(report), _for_terminal(options, format, output))
    _write_report(data, output)


def _emit_follow_up(plans: list[Plan], year: Optional[int], report: BuildOptions, options: WriteOptions,
                    format: ReportFormat, output: Optional[Path]) -> None:
    """Follow the plans up (budgetbalans.core.followup) and render the result by name, as _emit does for summarize."""
    from budgetbalans.core.followup import follow_up
    from budgetbalans.report.formats import FOLLOW_UP_BY_NAME

    report = _dated(report)
    assert report.today is not None  # set by _dated
    result = follow_up(plans, year, today=report.today)
    _write_report(FOLLOW_UP_BY_NAME[format.value](result, report, _for_terminal(options, format, output)), output)


def _dated(report: BuildOptions) -> BuildOptions:
    """Today's date for every report."""
    from datetime import date

    return replace(report, today=date.today())  # the report date: the only place that reads the clock


def _for_terminal(options: WriteOptions, format: ReportFormat, output: Optional[Path]) -> WriteOptions:
    """A table for standard output takes the terminal's width (140 when piped)."""
    if format is not ReportFormat.TABLE or (output is not None and str(output) != "-"):
        return options
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "0") or 0) or 140
    return replace(options, terminal=sys.stdout.isatty(), width=width or shutil.get_terminal_size().columns)


def _write_report(data: bytes, output: Optional[Path]) -> None:
    """A report's bytes to standard output or to --output (budgetbalans.output: atomically over a
    regular file, through links, directly into a FIFO or a device). A failure is the environment's:
    run() shows it as one line and exits 2."""
    from budgetbalans import output as out
    try:
        if output is None or str(output) == "-":
            out.to_stdout(data)
        else:
            out.to_path(output, data)
    except out.OutputError as error:
        raise typer.Exit(_cannot_write(error, current_lang())) from None


CANNOT_WRITE = template("cli.cannot_write", sv="kan inte skriva {path}: {reason}", en="cannot write {path}: {reason}")
CANNOT_WRITE_STDOUT = template("cli.cannot_write_stdout", sv="kan inte skriva till standard ut: {reason}",
                               en="cannot write to standard output: {reason}")


def _cannot_write(error: OutputError, lang: Lang) -> int:
    """A report that could not be written: one line with the system's reason in our words, exit 2."""
    reason = os_reason(error.error, writing=True)
    message = (CANNOT_WRITE_STDOUT(reason=reason) if error.path is None
               else CANNOT_WRITE(path=quoted(error.path, limit=200), reason=reason))
    clitext.show_error(message.text(lang))
    return EXIT_USAGE


def run(argv: Optional[list[str]] = None) -> int:
    """The error boundary: expected problems are one line and exit 1 or 2; a bug exits 3.

    The language of every text (help, usage errors, the bug's message) is the command line's
    (clitext.lang_of), decided before anything is parsed.
    """
    from budgetbalans.output import OutputError, silence_stdout

    lang = lang_of(sys.argv[1:] if argv is None else argv)
    try:
        try:
            app(args=argv, prog_name="budgetbalans")
            code = EXIT_OK
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else EXIT_OK
        _flush_stdout()  # a full disk under text written by print(): found here, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except OutputError as error:
        return _cannot_write(error, lang)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        silence_stdout()
        return EXIT_OK
    except OSError as error:
        if error.errno not in _WRITING_ERRORS:
            silence_stdout()
            return _bug(lang)
        silence_stdout()  # output that could not be written: plans are read before, and their errors are problems
        return _cannot_write(OutputError(None, error), lang)
    except Exception:  # noqa: BLE001 - the one place that catches everything
        silence_stdout()
        return _bug(lang)


#: Errors of writing that are the environment's (a full disk or quota, a file too large, a failing
#: device): whatever printed the output (a report, check's lines, --help), one line and exit 2.
_WRITING_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _flush_stdout() -> None:
    from budgetbalans.output import OutputError, silence_stdout

    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as error:
        silence_stdout()
        raise OutputError(None, error) from None


INTERNAL_ERROR = template(
    "cli.internal_error",
    sv="internt fel. Det är ett fel i budgetbalans, inte i din plan; kör igen med BUDGETBALANS_DEBUG=1 för "
       "detaljer och rapportera det.",
    en="internal error. This is a bug in budgetbalans, not in your plan; run again with BUDGETBALANS_DEBUG=1 "
       "for details and report it.")


def _bug(lang: Lang) -> int:
    """The one line a bug shows (its traceback only with BUDGETBALANS_DEBUG: Python's words are for us)."""
    if os.environ.get("BUDGETBALANS_DEBUG"):
        traceback.print_exc()
    clitext.show_error(INTERNAL_ERROR().text(lang))
    return EXIT_BUG


def entry_point() -> None:
    sys.exit(run())
