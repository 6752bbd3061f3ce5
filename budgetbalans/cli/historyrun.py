"""``follow-up --history``'s reading: each plan's versions from git, read as plans, then followed up through the year.

The versions come from :func:`budgetbalans.read.git.history` (``git rev-list`` and ``git cat-file``: never a
checkout, never the index, never a filter or hook the repository configures); each is read as the loader
reads a file, and its problems are named ``commit:path`` (as ``diff --base`` names a revision's). A plan is
followed by its path: a file renamed starts a history of its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Optional, Sequence

import typer

from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_USAGE
from budgetbalans.cli import help as clitext
from budgetbalans.cli.options import UnitChoice
from budgetbalans.errors import Problem
from budgetbalans.i18n import Lang, template

if TYPE_CHECKING:
    from budgetbalans.core.gap import Target
    from budgetbalans.plan.models import Plan
    from budgetbalans.core.history import History, Version

NO_REPORTS = template(
    "history.no_reports",
    sv="ingen uppföljning i git-historiken: ingen commit av planerna anger eller ändrar as_of (uppföljningens "
       "datum); checka in planen efter varje uppföljning med dess datum i as_of",
    en="no follow-up in the git history: no commit of the plans sets or changes as_of (the follow-up's date); "
       "commit the plan after each follow-up with its date in as_of")
NO_REPORTS_IN_YEAR = template(
    "history.no_reports_in_year",
    sv="ingen uppföljning av {year} i git-historiken (ingen commit med as_of det året); välj ett annat år med --year",
    en="no follow-up of {year} in the git history (no commit with as_of in that year); choose another year with "
       "--year")
SHORT_COMMIT = 10  # how many of a commit's hex digits name it in a problem


def versions_or_exit(paths: Optional[list[Path]], since: Optional[str], lang: Lang) -> dict[str, list[Version]]:
    """Each plan's versions along the branch, oldest first, keyed by its path as the working tree names it; git's
    refusal one line (exit 2, or 1 where it could not read), a version's problems ``commit:path:line:column``
    (exit 1)."""
    from budgetbalans.cli.reading import print_problems
    from budgetbalans.core.history import Version
    from budgetbalans.read import git
    from budgetbalans.read.loader import DEFAULT_FOLDER, MAX_FILE_BYTES, load_contents
    from budgetbalans.read.organisation import tree_path

    try:
        commits = git.history(paths or [DEFAULT_FOLDER], since, limit=MAX_FILE_BYTES)
    except git.GitError as error:
        clitext.show_error(error.message.text(lang))
        raise typer.Exit(EXIT_USAGE if error.usage else EXIT_INVALID) from None
    found: dict[str, list[Version]] = {}
    problems: list[Problem] = []
    tree_here = tree_path(Path("."))
    # Each version of a file (its name and git's id of its content) is read once: a commit that changes one plan
    # of many reads that one, and the unchanged plans are the same objects as before. A version with problems is
    # named at the first commit that has it.
    read: dict[tuple[str, str], Plan | None] = {}
    for commit in commits:
        short = commit.commit[:SHORT_COMMIT]
        blobs = commit.revision.blobs
        new = [blob for blob in blobs if (blob.name, blob.oid) not in read]
        loaded = load_contents((blob.name, blob.data) for blob in new)
        problems += [Problem(f"{short}:{p.path}", p.line, p.column, p.message) for p in loaded.problems]
        by_name = {plan.path: plan for plan in loaded.plans}
        read.update(((blob.name, blob.oid), by_name.get(blob.name)) for blob in new)
        plans = [plan for blob in blobs if (plan := read[blob.name, blob.oid]) is not None]
        targets, unfit = _tree_targets(short, tree_here, plans) if tree_here.exists() else ({}, [])
        problems += unfit
        for plan in plans:
            found.setdefault(plan.path, []).append(Version(commit.commit, plan, targets.get(plan.path)))
    if problems:
        print_problems(sorted(problems), lang)
        raise typer.Exit(EXIT_INVALID)
    return found


def _tree_targets(short: str, here: Path, plans: Sequence[Plan]) -> tuple[Mapping[str, Target], list[Problem]]:
    """What the organisation tree file ``here`` at the commit ``short`` gives each of its ``plans`` (as
    ``follow-up`` reads the tree of the folder it runs from); nothing where the commit has no tree; the tree's
    problems, and the plans' against it, named ``commit:path`` (:func:`~budgetbalans.cli.diffrun.tree_at`)."""
    from budgetbalans.cli.diffrun import tree_at
    from budgetbalans.core.organisation import plan_targets

    tree, problems = tree_at(short, here, plans)
    return ({} if tree is None else plan_targets(tree, plans)), problems


def history_or_exit(paths: Optional[list[Path]], since: Optional[str], year: Optional[int], lang: Lang) -> History:
    """The plans' follow-up history of ``year`` (default: the year of the latest report), or why there is none
    (one line, exit 1)."""
    from budgetbalans.core.history import follow_up_history

    result = follow_up_history(versions_or_exit(paths, since, lang), year)
    if result is None or not result.plans:
        message = NO_REPORTS() if result is None else NO_REPORTS_IN_YEAR(year=result.year)
        clitext.show_error(message.text(lang))
        raise typer.Exit(EXIT_INVALID)
    return result


def run(paths: Optional[list[Path]], year: Optional[int], since: Optional[str], format: str,
        unit: Optional[UnitChoice], lang: Lang, output: Optional[Path], template: Optional[bytes]) -> None:
    """``follow-up --history``: the history read, built and written in ``format``."""
    from budgetbalans.cli import reports
    from budgetbalans.report.formats import FORMATS
    from budgetbalans.report.options import BuildOptions, ReportKind

    result = history_or_exit(paths, since, year, lang)
    latest = [plan.plan for plan in result.plans]
    report = reports.dated(BuildOptions(ReportKind.FOLLOW_UP, reports.view(latest, unit, lang, None)))
    if format == "json":
        from budgetbalans.report.json.history import render

        reports.write(render(result, report).encode("utf-8"), output)
        return
    from budgetbalans.report.builders.history import history_document

    document = history_document(result, report.view, report.today)
    reports.write(FORMATS[format].write("follow-up", document, reports.printed(format, output, template)), output)
