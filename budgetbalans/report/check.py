"""What `check` found (:class:`CheckResult`), and its writers: the same problems as text, GitHub
workflow commands, or JSON (named in :mod:`budgetbalans.report.formats`).

Beside :mod:`budgetbalans.core.checks`, where the problems beyond validity are made, and apart from
:mod:`budgetbalans.render`: `check` loads none of the report machinery (rich, Jinja2, XlsxWriter).

Text from a plan file (quoted in a message, or a file name) can never forge anything:
terminal control characters are removed, and GitHub's command characters are escaped.

The messages and the summary are in the reader's language; what a CI rule reads is not: JSON
gives each problem's ``code`` and the counts as numbers, and each GitHub annotation carries the
code in its title (``title=budgetbalans check (plan.unknown_key)``).
"""

from __future__ import annotations


from dataclasses import dataclass
from typing import Collection, Optional, Sequence, TextIO

from budgetbalans.errors import Problem
from budgetbalans.report.json.text import dumps
from budgetbalans.i18n import Lang, counted, template
from budgetbalans.text import shown, workflow_data, workflow_property


@dataclass(frozen=True)
class CheckResult:
    """Every problem found, and how many plan files were read; ``tree``: the organisation tree's file, where
    one was checked with them."""

    problems: Sequence[Problem]
    files: int
    accepted: int = 0
    plan_paths: Optional[Collection[str]] = None
    tree: Optional[str] = None

    @property
    def files_with_problems(self) -> int:
        """Plan files with a problem; a PATH that names no plan file (a missing file, an empty folder) is none.

        Without ``plan_paths`` (the files read), a best guess that never exceeds ``files``.
        """
        paths = {problem.path for problem in self.problems}
        if self.plan_paths is not None:
            return len(paths & set(self.plan_paths))
        return min(len(paths), self.files)

    def summary(self, lang: Lang = Lang.SV) -> str:
        """``3 problem i 2 av 4 planer`` / ``3 problems in 2 of 4 plans``, and the known errors accepted."""
        plans = PLANS.text(lang, count=self.files)
        problems = PROBLEMS.text(lang, count=len(self.problems))
        accepted = f" ({ACCEPTED.text(lang, count=self.accepted)})" if self.accepted else ""
        if not self.problems:
            clean = CLEAN.text(lang, plans=plans) if self.tree is None else CLEAN_TREE.text(
                lang, tree=shown(self.tree), plans=plans)
            return clean + accepted
        if not self.files:  # every problem is with a path itself: a missing file, a folder without plans
            return UNREAD.text(lang, problems=problems)
        if self.tree is not None and any(problem.path == self.tree for problem in self.problems):
            return FOUND_TREE.text(lang, problems=problems, tree=shown(self.tree), files=self.files_with_problems,
                                   plans=plans) + accepted
        return FOUND.text(lang, problems=problems, files=self.files_with_problems, plans=plans) + accepted


# The words of the summary line: a report line for people (like the labels of the reports, which
# check does not load); CI reads the counts (JSON) and the exit status.
PLANS = counted("label.check.plans", ("{count} plan", "{count} planer"), ("{count} plan", "{count} plans"))
PROBLEMS = counted("label.check.problems", ("{count} problem", "{count} problem"),
                   ("{count} problem", "{count} problems"))
ACCEPTED = counted("label.check.accepted",
                   ("{count} känt fel i källdokumenten, avstämt", "{count} kända fel i källdokumenten, avstämda"),
                   ("{count} known error of source documents accepted",
                    "{count} known errors of source documents accepted"))
CLEAN = template("label.check.clean", "inga problem i {plans}", "no problems in {plans}")
UNREAD = template("label.check.unread", "{problems}; ingen planfil lästes", "{problems}; no plan files read")
FOUND = template("label.check.found", "{problems} i {files} av {plans}", "{problems} in {files} of {plans}")
CLEAN_TREE = template("label.check.clean_tree", "inga problem i {tree} och {plans}", "no problems in {tree} and {plans}")
FOUND_TREE = template("label.check.found_tree", "{problems} i {tree} och {files} av {plans}",
                      "{problems} in {tree} and {files} of {plans}")


def text(result: CheckResult, out: TextIO, lang: Lang = Lang.SV) -> None:
    """``path:line:column: message``, one a line, then the summary."""
    for problem in result.problems:
        out.write(_one_line(problem.text(lang)) + "\n")
    out.write(result.summary(lang) + "\n")


def _one_line(value: str) -> str:
    """One problem stays one line, whatever a file name holds: every control, bidi or zero-width
    character shown as an escape (``\\n``, ``\\u202e``, ``\\xe5`` for a byte that is not UTF-8)."""
    return shown(value)


def github(result: CheckResult, out: TextIO, lang: Lang = Lang.SV) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=budgetbalans check (code)::message``.

    The title (the annotation's heading) holds the message's code, the same in every language.
    """
    for problem in result.problems:
        where = f"file={workflow_property(problem.path)}"
        if problem.line:
            where += f",line={problem.line},col={problem.column}"
        where += f",title={workflow_property(f'budgetbalans check ({problem.code})')}"
        out.write(f"::error {where}::{workflow_data(problem.message.text(lang))}\n")
    out.write(workflow_data(result.summary(lang)) + "\n")


def as_json(result: CheckResult, out: TextIO, lang: Lang = Lang.SV) -> None:
    """One JSON object: ``ok``, counts, and ``problems`` with path, line, column and message."""
    document = {
        "ok": not result.problems,
        "files": result.files,
        "files_with_problems": result.files_with_problems,
        "problems": [
            {"path": p.path, "line": p.line or None, "column": p.column or None, "code": p.code,
             "message": p.message.text(lang)}
            for p in result.problems
        ],
        "accepted_known_differences": result.accepted,
        "summary": result.summary(lang),
    }
    out.write(dumps(document) + "\n")

