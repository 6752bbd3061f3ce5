"""Problems are data: a place in a file and what is wrong there."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from budgetbalans.i18n import Lang, Message, as_message, clip

__all__ = ["Problem", "PlanError", "clip"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a plan file, at ``line``:``column`` (both 1-based; 0 = unknown).

    ``message`` is a :class:`~budgetbalans.i18n.Message`: a stable code and its wording in
    Swedish and English (plain text is accepted and shown as written in every language).
    """

    path: str
    line: int
    column: int
    message: Message

    def __init__(self, path: str, line: int, column: int, message: Union[Message, str]) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)
        object.__setattr__(self, "message", as_message(message))

    @property
    def code(self) -> str:
        """The message's machine code, the same in every language."""
        return self.message.code

    def text(self, lang: Lang = Lang.SV) -> str:
        """``path:line:column: message`` in ``lang``."""
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message.text(lang)}"
        return f"{self.path}: {self.message.text(lang)}"

    def __lt__(self, other: Problem) -> bool:
        """By file, line, column and code; the wording only decides between two problems at one place."""
        mine, theirs = (self.path, self.line, self.column, self.code), (other.path, other.line, other.column, other.code)
        if mine != theirs:
            return mine < theirs
        return self.message.text(Lang.SV) < other.message.text(Lang.SV)

    def __str__(self) -> str:
        return self.text(Lang.SV)


class PlanError(Exception):
    """A plan file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = sorted(problems)
