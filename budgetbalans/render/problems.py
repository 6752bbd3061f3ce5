"""Reporters for `check`: the same problems as text, GitHub workflow commands, or JSON.

Text from a plan file (quoted in a message, or a file name) can never forge anything:
terminal control characters are removed, and GitHub's command characters are escaped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Collection, Optional, Sequence, TextIO

from budgetbalans.errors import Problem
from budgetbalans.messages import Lang
from budgetbalans.render.numbers import clean


@dataclass(frozen=True)
class CheckResult:
    """Every problem found, and how many plan files were read."""

    problems: Sequence[Problem]
    files: int
    accepted: int = 0
    plan_paths: Optional[Collection[str]] = None

    @property
    def files_with_problems(self) -> int:
        """Plan files with a problem; a PATH that names no plan file (a missing file, an empty folder) is none.

        Without ``plan_paths`` (the files read), a best guess that never exceeds ``files``.
        """
        paths = {problem.path for problem in self.problems}
        if self.plan_paths is not None:
            return len(paths & set(self.plan_paths))
        return min(len(paths), self.files)

    def summary(self) -> str:
        files = f"{self.files} plan{'' if self.files == 1 else 's'}"
        count = len(self.problems)
        accepted = (f" ({self.accepted} known error{'' if self.accepted == 1 else 's'} of source documents "
                    "accepted)" if self.accepted else "")
        if not count:
            return f"no problems in {files}{accepted}"
        if not self.files:  # every problem is with a path itself: a missing file, a folder without plans
            return f"{count} problem{'' if count == 1 else 's'}; no plan files read"
        return f"{count} problem{'' if count == 1 else 's'} in {self.files_with_problems} of {files}{accepted}"


def text(result: CheckResult, out: TextIO, lang: Lang = Lang.SV) -> None:
    """``path:line:column: message``, one a line, then the summary."""
    for problem in result.problems:
        out.write(_one_line(problem.text(lang)) + "\n")
    out.write(result.summary() + "\n")


def _one_line(value: str) -> str:
    """One problem stays one line, whatever a file name holds."""
    return clean(value.replace("\r", "\\r").replace("\n", "\\n"))


def _github_data(value: str) -> str:
    return clean(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _github_property(value: str) -> str:
    return _github_data(value).replace(":", "%3A").replace(",", "%2C")


def github(result: CheckResult, out: TextIO, lang: Lang = Lang.SV) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message``."""
    for problem in result.problems:
        where = f"file={_github_property(problem.path)}"
        if problem.line:
            where += f",line={problem.line},col={problem.column}"
        out.write(f"::error {where}::{_github_data(problem.message.text(lang))}\n")
    out.write(_github_data(result.summary()) + "\n")


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
        "summary": result.summary(),
    }
    out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


REPORTER_BY_NAME: dict[str, Callable[[CheckResult, TextIO, Lang], None]] = {
    "text": text,
    "github": github,
    "json": as_json,
}
