"""A report's way out: ``--format`` with ``--output`` and ``--template`` checked, the view and the report date, the bytes written.

A report goes to standard output or, atomically, to ``--output`` (:mod:`budgetbalans.output`); one that
cannot be written is one line and exit 2.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional

import typer

from budgetbalans import output as out
from budgetbalans.cli import help as clitext
from budgetbalans.cli.exitcodes import EXIT_USAGE
from budgetbalans.cli.help import CommandLineError, current_lang
from budgetbalans.cli.options import UnitChoice
from budgetbalans.i18n import Lang, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.plan.money import Unit
from budgetbalans.report.formats import FORMATS

if TYPE_CHECKING:
    from budgetbalans.plan.models import Plan, Status
    from budgetbalans.report.options import View
    from budgetbalans.report.model import Document
    from budgetbalans.report.options import BuildOptions, WriteOptions

FILE_FORMAT = template(
    "cli.file_format",
    sv="{format} blir en fil: ange den med --output FIL, till exempel --output rapport.{format}",
    en="{format} is a file: give one with --output FILE, such as --output rapport.{format}")


TEMPLATE_NOT_DOCX = template(
    "cli.template_not_docx",
    sv="gäller bara --format docx; lägg till --format docx -o rapport.docx, eller ta bort --template",
    en="only applies to --format docx; add --format docx -o report.docx, or leave out --template")


def check_output(format: str, output: Optional[Path], template: Optional[Path] = None) -> Optional[bytes]:
    """A file format without ``--output``, or a ``--template`` that is not a Word document (or not for
    docx), is a wrong command line (exit 2), found before any work; the ``--template`` read and checked."""
    if FORMATS[format].file_only and _to_stdout(output):
        raise CommandLineError(FILE_FORMAT(format=format), "--format")
    if template is None:
        return None
    if format != "docx":
        raise CommandLineError(TEMPLATE_NOT_DOCX(), "--template")
    from budgetbalans.read.template import TemplateError, read_template  # python-docx: only for a template

    try:
        return read_template(template)
    except TemplateError as error:
        raise CommandLineError(error.message, "--template") from None


def view(plans: list[Plan], unit: Optional[UnitChoice], lang: Lang, statuses: Optional[list[Status]]) -> View:
    """The unit shown (``--unit``, else the plans' own if they share one, else tkr), the language, the statuses."""
    from budgetbalans.report.options import View  # the report machinery: not for check or --help

    units = {plan.unit for plan in plans}
    shown = Unit(unit.value) if unit else (units.pop() if len(units) == 1 else Unit.TKR)
    return View(shown, lang, tuple(statuses or ()))


def dated(report: BuildOptions) -> BuildOptions:
    """Today's date for every report."""
    return replace(report, today=date.today())  # the report date: the only place that reads the clock


def printed(format: str, output: Optional[Path], template: Optional[bytes] = None) -> WriteOptions:
    """How a report is printed: a table for standard output takes the terminal's width (140 when piped);
    docx starts from the ``--template`` read."""
    from budgetbalans.report.options import WriteOptions

    options = WriteOptions(template=template)
    if format != "table" or not _to_stdout(output):
        return options
    width = None if sys.stdout.isatty() else int(os.environ.get("COLUMNS", "0") or 0) or 140
    return replace(options, terminal=sys.stdout.isatty(), width=width or shutil.get_terminal_size().columns)


def emit(command: str, format: str, report: BuildOptions, result: object, document: Callable[[], Document],
         output: Optional[Path], template: Optional[bytes] = None, organisation: object = None) -> None:
    """The report in ``format`` written where asked: a document format writes the Document ``document()``
    builds (built only then), the others (JSON) the core's ``result`` (and the organisation tree rolled up,
    where there is one)."""
    chosen = FORMATS[format]
    data: out.Report
    if chosen.document:
        data = chosen.write(command, document(), printed(format, output, template))
    elif organisation is not None:
        data = chosen.written(command, result, report, organisation)
    else:
        data = chosen.written(command, result, report)
    write(data, output)


def write(data: out.Report, output: Optional[Path]) -> None:
    """A report's bytes to standard output or to --output (atomically over a regular file, through links,
    directly into a FIFO or a device). A failure is the environment's: one line, exit 2."""
    try:
        if output is None or str(output) == "-":
            out.to_stdout(data)
        else:
            out.to_path(output, data)
    except out.OutputError as error:
        raise typer.Exit(cannot_write(error, current_lang())) from None


def _to_stdout(output: Optional[Path]) -> bool:
    return output is None or str(output) == "-"


CANNOT_WRITE = template("cli.cannot_write", sv="kan inte skriva {path}: {reason}", en="cannot write {path}: {reason}")
CANNOT_WRITE_STDOUT = template("cli.cannot_write_stdout", sv="kan inte skriva till standard ut: {reason}",
                               en="cannot write to standard output: {reason}")


def cannot_write(error: out.OutputError, lang: Lang) -> int:
    """A report that could not be written: one line with the system's reason in our words, exit 2."""
    reason = os_reason(error.error, writing=True)
    message = (CANNOT_WRITE_STDOUT(reason=reason) if error.path is None
               else CANNOT_WRITE(path=quoted(error.path, limit=200), reason=reason))
    clitext.show_error(message.text(lang))
    return EXIT_USAGE
