"""A command's plans (and the organisation tree they belong to): read, or their problems printed (one line each) and exit 1."""

from __future__ import annotations

import os

from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from budgetbalans.cli.exitcodes import EXIT_INVALID
from budgetbalans.i18n import Lang
from budgetbalans.text import shown

if TYPE_CHECKING:
    from budgetbalans.errors import Problem
    from budgetbalans.plan.models import Plan
    from budgetbalans.core.organisation import Rollup
    from budgetbalans.core.summary import Summary
    from budgetbalans.plan.organisation import Organisation


def plans_or_exit(paths: Optional[list[Path]], lang: Lang, command: str) -> list[Plan]:
    """The plans, or their problems printed and exit 1; ``command`` names the command in the example of a message."""
    from budgetbalans.read.loader import DEFAULT_FOLDER, load_paths  # the reader and its models: not for --help

    loaded = load_paths(paths or [DEFAULT_FOLDER], command)
    if loaded.problems:
        print_problems(loaded.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return loaded.plans


def organisation_or_exit(plans: list[Plan], lang: Lang) -> Organisation | None:
    """The organisation tree of the folder the command runs from (``budgetbalans.yaml``), checked with the
    plans; ``None`` without the file. A tree that cannot be read, or plans that do not fit it: their
    problems printed and exit 1, as for an invalid plan."""
    from budgetbalans.errors import PlanError
    from budgetbalans.plan.organisation import FILE_NAME

    if not os.path.lexists(FILE_NAME):  # no tree (nor a broken link to one): nothing more to import or read
        return None
    from budgetbalans.read.organisation import organisation_problems, read_organisation, tree_path

    try:
        tree = read_organisation(Path("."))
    except PlanError as error:
        print_problems(error.problems, lang)
        raise typer.Exit(EXIT_INVALID) from None
    problems = [] if tree is None else organisation_problems(tree, plans, str(tree_path(Path("."))))
    if problems:
        print_problems(problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return tree


def summarized(plans: list[Plan], lang: Lang, **options: Any) -> tuple[Summary, Rollup | None]:
    """The plans summarized (``options``: :func:`~budgetbalans.core.summary.summarize`'s), under the organisation
    tree of the folder the command runs from where there is one: each plan answering for what the tree gives
    it, and the tree rolled up. A tree or plans that do not fit it: their problems printed and exit 1."""
    from budgetbalans.core.summary import summarize
    from budgetbalans.read.loader import collection_paused

    tree = organisation_or_exit(plans, lang)
    with collection_paused():
        if tree is None:
            return summarize(plans, **options), None
        from budgetbalans.core.organisation import plan_targets, roll_up  # only with a tree

        result = summarize(plans, targets=plan_targets(tree, plans), **options)
        return result, roll_up(tree, result)


def print_problems(problems: list[Problem], lang: Lang) -> None:
    """Each problem on standard error, ``path:line:column: message``, control characters shown, never obeyed."""
    for problem in problems:
        typer.echo(shown(problem.text(lang)), err=True)
