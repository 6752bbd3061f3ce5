"""``budgetbalans import``: read the tables of a Word, Excel or CSV file as a plan file (YAML)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from budgetbalans.cli import reports
from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import LangOpt, OutputOpt, UnitOpt
from budgetbalans.i18n import template
from budgetbalans.plan.money import Unit
from budgetbalans.text import shown

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


def command(
    file: Annotated[Path, typer.Argument(readable=False)],
    output: OutputOpt = None, unit: UnitOpt = None, lang: LangOpt = None,
) -> None:
    """Read the tables of a Word, Excel or CSV file as a plan file (YAML)."""
    from budgetbalans.core.checks import Policy, check_plan  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.errors import PlanError
    from budgetbalans.plan.dump import PlanTooLarge, plan_yaml
    from budgetbalans.read.loader import MAX_FILE_BYTES, validate_plan
    from budgetbalans.read.office.importer import import_plan
    from budgetbalans.read.office.tables import TableReadError, read_tables
    from budgetbalans.read.yamlsource import YamlProblem, read_yaml

    lang = lang or current_lang()
    name = shown(str(file))
    try:
        grids = read_tables(file)
    except TableReadError as error:
        typer.echo(f"{name}: {shown(error.message.text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    imported = import_plan(grids, Unit(unit.value) if unit else None)
    if imported.problems:
        for problem in imported.problems:
            where = f"{shown(problem.where)}: " if problem.where else ""
            typer.echo(f"{name}: {where}{shown(problem.message.text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID)
    try:
        text = plan_yaml(imported.plan, imported.comments, lang, max_bytes=MAX_FILE_BYTES)
    except PlanTooLarge as error:
        typer.echo(f"{name}: {IMPORT_TOO_LARGE(limit=error.limit // 1024 // 1024).text(lang)}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    plan_name = str(output) if output is not None else "-"  # lines of the plan written, not of the document
    try:
        plan = validate_plan(read_yaml(text), plan_name)
    except (PlanError, YamlProblem) as error:  # the import's own slip: said, never written
        first = error.problems[0].message if isinstance(error, PlanError) else error.message
        typer.echo(f"{name}: {shown(IMPORT_INVALID(problem=first).text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID) from None
    lines: list[str] = []
    said: set[str] = set()
    for note in imported.notes:  # a choice made on many rows is said once, at its first cell
        words = note.message.text(lang)
        if words not in said:
            said.add(words)
            where = f"{shown(note.where)}: " if note.where else ""
            lines.append(f"{name}: {where}{shown(words)}")
    lines += [shown(problem.text(lang)) for problem in check_plan(plan, Policy()).problems]  # check says it too
    if not _said(lines):  # the choices are said before the plan is written, or nothing is written
        raise typer.Exit(EXIT_USAGE)
    reports.write(text.encode("utf-8"), output)
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
