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

    result = check_plans(paths or [DEFAULT_FOLDER], Policy(require_target=require_target, fail_on_gap=fail_on_gap))
    chosen = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    FORMATS[chosen].writer("check")(result, sys.stdout, lang or current_lang())
    raise typer.Exit(EXIT_INVALID if result.problems else EXIT_OK)


def check_plans(paths: list[Path], policy: Policy) -> CheckResult:
    """Every problem in every plan, one plan at a time (none is held after it is checked)."""
    from budgetbalans.core.checks import check_plan  # as in command
    from budgetbalans.read.loader import read_paths
    from budgetbalans.report.check import CheckResult

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
