"""A command's plans: read, or their problems printed (one line each) and exit 1."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

from budgetbalans.cli.exitcodes import EXIT_INVALID
from budgetbalans.i18n import Lang
from budgetbalans.text import shown

if TYPE_CHECKING:
    from budgetbalans.errors import Problem
    from budgetbalans.plan.models import Plan


def plans_or_exit(paths: Optional[list[Path]], lang: Lang, command: str) -> list[Plan]:
    """The plans, or their problems printed and exit 1; ``command`` names the command in the example of a message."""
    from budgetbalans.read.loader import DEFAULT_FOLDER, load_paths  # the reader and its models: not for --help

    loaded = load_paths(paths or [DEFAULT_FOLDER], command)
    if loaded.problems:
        print_problems(loaded.problems, lang)
        raise typer.Exit(EXIT_INVALID)
    return loaded.plans


def print_problems(problems: list[Problem], lang: Lang) -> None:
    """Each problem on standard error, ``path:line:column: message``, control characters shown, never obeyed."""
    for problem in problems:
        typer.echo(shown(problem.text(lang)), err=True)
