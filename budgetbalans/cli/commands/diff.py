"""``budgetbalans diff``: what a change to the plans does; both sides read (:mod:`budgetbalans.cli.diffrun`), compared and reported."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, Sequence

import typer

from budgetbalans.cli import help as clitext
from budgetbalans.cli import reading, reports
from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from budgetbalans.cli.help import CommandLineError, current_lang
from budgetbalans.cli.options import FormatOpt, LangOpt, OutputOpt, PathsArg, UnitOpt
from budgetbalans.i18n import Lang, template
from budgetbalans.output import OutputError
from budgetbalans.report.formats import FORMATS

if TYPE_CHECKING:
    from budgetbalans.core.diff import PlanDiff
    from budgetbalans.report.options import View
    from budgetbalans.report.model import Document

NO_STEP_SUMMARY = template(
    "diff.step_summary_format",
    sv="--step-summary skriver Markdown; använd den med --format markdown",
    en="--step-summary writes Markdown; use it with --format markdown")


def command(
    paths: PathsArg = None,
    base: Annotated[Optional[str], typer.Option("--base")] = None,
    format: FormatOpt = "table",
    unit: UnitOpt = None, lang: LangOpt = None, output: OutputOpt = None,
    step_summary: Annotated[bool, typer.Option("--step-summary")] = False,
    fail_on_worse: Annotated[bool, typer.Option("--fail-on-worse")] = False,
) -> None:
    """What a change to the plans does: measures added, removed, changed; totals, gap and shortfall per year."""
    lang = lang or current_lang()
    if step_summary and format != "markdown":
        raise CommandLineError(NO_STEP_SUMMARY(), "--step-summary")
    reports.check_output(format, output)
    diff = _compared_or_exit(paths or [], base, lang)
    view = reports.view([plan.plan for plan in diff.plans], unit, lang, None)
    names = None if base is not None or not paths or len(paths) != 2 else (str(paths[0]), str(paths[1]))
    data = _written(diff, view, format, output, base, names)
    reports.write(data, output)
    if step_summary:
        _to_step_summary(data, lang)
    raise typer.Exit(EXIT_INVALID if fail_on_worse and diff.worse else EXIT_OK)


def _compared_or_exit(paths: Sequence[Path], base: Optional[str], lang: Lang) -> PlanDiff:
    """Both sides compared; else their problems printed and exit 1, or git's refusal (exit 2 for a wrong revision)."""
    from budgetbalans.cli import diffrun  # the reader, its models and git: imported when diff runs
    from budgetbalans.read.git import GitError

    try:
        sides = diffrun.read_sides(paths, base)
    except GitError as error:
        clitext.show_error(error.message.text(lang))
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_INVALID) from None
    if sides.diff is None:
        reading.print_problems(sides.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return sides.diff


def _written(diff: PlanDiff, view: View, format: str, output: Optional[Path], base: Optional[str],
             names: Optional[tuple[str, str]]) -> bytes:
    """The change in ``format``: its document built and written, the contract's JSON, or GitHub annotations."""
    chosen = FORMATS[format]
    if chosen.document:
        from budgetbalans.report.builders.diff import diff_document  # the builder: only for a document
        from budgetbalans.report.options import BuildOptions, ReportKind

        report = reports.dated(BuildOptions(ReportKind.DIFF, view))
        document = diff_document(diff, report.view, base, names, report.today)
        return chosen.write("diff", document, reports.printed(format, output))
    if format == "github":
        return chosen.write("diff", _annotated(diff, view))
    return chosen.write("diff", diff, base)


def _annotated(diff: PlanDiff, view: View) -> Document:
    """The change as GitHub annotations: on the lines where each measure and each plan's target stand in
    the new files, the plans' paths as shown."""
    from budgetbalans.cli.diffrun import positions  # as in _compared_or_exit
    from budgetbalans.report.builders.diff import github_document
    from budgetbalans.report.builders.wording import shown_paths

    lines, targets = positions(diff)
    return github_document(diff, replace(view, paths=shown_paths(plan.path for plan in diff.plans)), lines, targets)


def _to_step_summary(data: bytes, lang: Lang) -> None:
    """The report appended to the job's summary, the file GitHub Actions names in GITHUB_STEP_SUMMARY (if set)."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    try:
        with open(summary_file, "ab") as file:
            file.write(data)
    except OSError as error:
        raise typer.Exit(reports.cannot_write(OutputError(Path(summary_file), error), lang)) from None
