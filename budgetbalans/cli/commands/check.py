"""``budgetbalans check``: validate plan files for CI, every problem in every file, then exit 0 or 1.

It loads none of the report machinery (builders, writers, rich, Jinja2): its formats write the problems
themselves (:mod:`budgetbalans.report.check`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from budgetbalans.cli.exitcodes import EXIT_INVALID, EXIT_OK
from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import LangOpt, OptionalFormatOpt, PathsArg
from budgetbalans.report.formats import FORMATS

if TYPE_CHECKING:
    from budgetbalans.core.checks import Policy
    from budgetbalans.errors import Problem
    from budgetbalans.plan.models import Plan
    from budgetbalans.plan.organisation import Organisation
    from budgetbalans.report.check import CheckResult


def command(
    paths: PathsArg = None,
    format: OptionalFormatOpt = None,
    require_target: Annotated[bool, typer.Option("--require-target")] = False,
    fail_on_gap: Annotated[bool, typer.Option("--fail-on-gap")] = False,
    lang: LangOpt = None,
) -> None:
    """Validate plan files for CI: every problem in every file, then exit 0 or 1."""
    from budgetbalans.core.checks import Policy  # imported when run (see budgetbalans.cli.commands)
    from budgetbalans.read.loader import DEFAULT_FOLDER

    result = check_plans(paths or [DEFAULT_FOLDER], Policy(require_target=require_target, fail_on_gap=fail_on_gap),
                         tree_folder=Path("."))
    chosen = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    FORMATS[chosen].writer("check")(result, sys.stdout, lang or current_lang())
    raise typer.Exit(EXIT_INVALID if result.problems else EXIT_OK)


def check_plans(paths: list[Path], policy: Policy, tree_folder: Path | None = None) -> CheckResult:
    """Every problem in every plan, one plan at a time (none is held after it is checked); with an
    organisation tree in ``tree_folder`` (``budgetbalans.yaml``), the tree's problems too and the plans'
    against it (the plans read are then held until the end)."""
    from budgetbalans.core.checks import check_plan  # as in command
    from budgetbalans.read.loader import read_paths
    from budgetbalans.report.check import CheckResult

    tree, problems, tree_name = _tree(tree_folder)
    files: list[str] = []
    accepted = 0
    held: list[Plan] = []
    for read in read_paths(paths, "check"):
        problems += read.problems
        files += [read.path] if read.path is not None else []
        if read.plan is not None:
            checked = check_plan(read.plan, policy)
            problems += checked.problems
            accepted += checked.accepted
            held += [read.plan] if tree is not None else []
    if tree is not None and tree_name is not None:
        from budgetbalans.read.organisation import organisation_problems
        problems += organisation_problems(tree, held, tree_name)
    return CheckResult(sorted(problems), len(files), accepted, plan_paths=files, tree=tree_name)


def _tree(folder: Path | None) -> tuple[Organisation | None, list[Problem], str | None]:
    """The organisation tree in ``folder`` (or its problems), and its file's name; nothing without the file."""
    if folder is None:
        return None, [], None
    from budgetbalans.errors import PlanError
    from budgetbalans.read.organisation import read_organisation, tree_path

    path = tree_path(folder)
    try:
        tree = read_organisation(folder)
    except PlanError as error:
        return None, list(error.problems), str(path)
    return tree, [], None if tree is None else str(path)
