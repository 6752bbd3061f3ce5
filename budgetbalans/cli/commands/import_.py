"""``budgetbalans import``: read the tables of a Word, Excel or CSV file as a plan file (YAML), for a node of the
organisation tree with ``--organisation``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from budgetbalans.cli import reports
from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import LangOpt, OutputOpt, UnitChoice, UnitOpt
from budgetbalans.errors import PlanError
from budgetbalans.i18n import Lang, template
from budgetbalans.plan.dump import Dumped, PlanTooLarge, dump_plan
from budgetbalans.plan.money import Unit
from budgetbalans.text import shown

if TYPE_CHECKING:
    from budgetbalans.plan.models import Plan
    from budgetbalans.plan.organisation import Organisation
    from budgetbalans.read.office.importer import Imported

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

IMPORT_AGAINST_TREE = template(
    "cli.import_against_tree",
    sv="den importerade planen stämmer inte med organisationsträdet: {problem}; ingenting skrevs",
    en="the imported plan does not agree with the organisation tree: {problem}; nothing was written")


def command(
    file: Annotated[Path, typer.Argument(readable=False)],
    output: OutputOpt = None, unit: UnitOpt = None,
    organisation: Annotated[Optional[str], typer.Option("--organisation")] = None, lang: LangOpt = None,
) -> None:
    """Read the tables of a Word, Excel or CSV file as a plan file (YAML)."""
    from budgetbalans.core.checks import Policy, check_plan  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.read.office.importer import for_organisation

    lang = lang or current_lang()
    name = shown(str(file))
    tree = _node_or_exit(organisation, lang) if organisation is not None else None
    imported = _imported_or_exit(file, unit, name, lang)
    if organisation is not None:
        imported = for_organisation(imported, organisation)
    dumped = _yaml_or_exit(imported, name, lang)
    plan = _valid_or_exit(dumped, output, name, lang)
    if tree is not None:
        _fits_tree_or_exit(plan, *tree, name, lang)
    said = _notes(imported, name, lang) + [shown(problem.text(lang)) for problem in check_plan(plan, Policy()).problems]
    if not _said(said):  # the choices (and what check says too) are said before the plan is written, or nothing is
        raise typer.Exit(EXIT_USAGE)
    reports.write(dumped.text.encode("utf-8"), output)
    raise typer.Exit(EXIT_OK)


def _node_or_exit(organisation: str, lang: Lang) -> tuple[Organisation, str] | None:
    """The organisation tree of the folder run from and its file's name, where there is one (``None`` where
    not: the name is then just written); its problems, or a name that is not in it, said, and exit 1."""
    from budgetbalans.read.organisation import read_organisation, tree_path, unknown_node  # the reader: when run

    folder = Path(".")
    try:
        tree = read_organisation(folder)
    except PlanError as error:
        for problem in error.problems:
            typer.echo(shown(problem.text(lang)), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    if tree is None:
        return None
    tree_name = str(tree_path(folder))
    missing = unknown_node(tree, organisation, tree_name)
    if missing is not None:
        typer.echo(f"--organisation: {shown(missing.text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID)
    return tree, tree_name


def _fits_tree_or_exit(plan: Plan, tree: Organisation, tree_name: str, name: str, lang: Lang) -> None:
    """The plan written against the tree (its target against its node's own part), before it is written:
    a disagreement said, never written (exit 1)."""
    from budgetbalans.read.organisation import organisation_problems  # as in _node_or_exit

    problems = organisation_problems(tree, [plan], tree_name)
    if problems:
        typer.echo(f"{name}: {shown(IMPORT_AGAINST_TREE(problem=problems[0].message).text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID)


def _imported_or_exit(file: Path, unit: Optional[UnitChoice], name: str, lang: Lang) -> Imported:
    """The file's tables read as plan data; what cannot be read or does not add up said, and exit 1."""
    from budgetbalans.read.office.importer import import_plan  # the office readers: only for import
    from budgetbalans.read.office.tables import TableReadError, read_tables

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
    return imported


def _yaml_or_exit(imported: Imported, name: str, lang: Lang) -> Dumped:
    """The plan file's text, with the import's comments, and where each value stands in it; a plan too large
    to read back is said, and exit 1."""
    from budgetbalans.read.loader import MAX_FILE_BYTES  # the reader and its models: only when run

    try:
        return dump_plan(imported.plan, imported.comments, lang, max_bytes=MAX_FILE_BYTES)
    except PlanTooLarge as error:
        typer.echo(f"{name}: {IMPORT_TOO_LARGE(limit=error.limit // 1024 // 1024).text(lang)}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def _valid_or_exit(dumped: Dumped, output: Optional[Path], name: str, lang: Lang) -> Plan:
    """The plan written, validated as a plan file is, from what the dump recorded while writing it (not its
    text parsed again); the import's own slip is said, never written (exit 1)."""
    from budgetbalans.read.loader import validate_dumped  # as in _yaml_or_exit

    plan_name = str(output) if output is not None else "-"  # lines of the plan written, not of the document
    try:
        return validate_dumped(dumped, plan_name)
    except PlanError as error:
        typer.echo(f"{name}: {shown(IMPORT_INVALID(problem=error.problems[0].message).text(lang))}", err=True)
        raise typer.Exit(EXIT_INVALID) from None


def _notes(imported: Imported, name: str, lang: Lang) -> list[str]:
    """The choices the import made, each said once, at its first cell (a choice made on many rows)."""
    lines: list[str] = []
    said: set[str] = set()
    for note in imported.notes:
        words = note.message.text(lang)
        if words not in said:
            said.add(words)
            where = f"{shown(note.where)}: " if note.where else ""
            lines.append(f"{name}: {where}{shown(words)}")
    return lines


def _said(lines: list[str]) -> bool:
    """``lines`` written to standard error; ``False`` where it cannot take them (full, closed)."""
    try:
        for line in lines:
            typer.echo(line, err=True)
        sys.stderr.flush()
    except OSError:
        return False
    return True
