"""Problems are data: a place in a file and what is wrong there."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True, slots=True)
class Problem:
    """One thing wrong in a plan file, at ``line``:``column`` (both 1-based; 0 = unknown)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}: {self.message}"
        return f"{self.path}: {self.message}"


def clip(value: object, limit: int = 40) -> str:
    """Plan text quoted in a message, cut to ``limit`` characters so a message stays one readable line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class PlanError(Exception):
    """A plan file that cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = sorted(problems)

