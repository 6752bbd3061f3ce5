"""A table as a document holds it: rows of cell texts, each with an address a user can find.

The readers (:mod:`budgetbalans.read.office.tables`: Word with python-docx, Excel with openpyxl, CSV
with the csv module) turn each table of a file into a :class:`Grid`; the importer
(:mod:`budgetbalans.read.office.importer`) finds the plan in them. A Grid knows nothing of plans.

- ``cells`` is rectangular: short rows are padded with empty texts. A merged cell's text fills
  every position it covers, and those positions are in ``merged`` (a group name merged down
  over several rows, as in seed 001, is carried to each row).
- ``merges`` says which positions are copies of which cell: one box ``(top, left, bottom,
  right)`` (from 0, both ends included) for each merged cell, as Word merges cells (``gridSpan``
  across columns, ``vMerge`` down rows) and as Excel's merged ranges are. The person sees the
  text once, in the whole box; the text is written at ``(top, left)`` and every other position of
  the box is a copy. A box is cut to the table: an Excel range that starts above the table's
  first row has its text from outside (then ``(top, left)`` is a copy too). A text that is
  right for every row (a group name) may be taken from a copy; an amount never may: the
  document shows it once, so counting it at two rows or two years counts it twice.
  :meth:`Grid.merge_at` gives the box a position is in.
- ``above`` holds the text just before the table, nearest last: the paragraphs above a Word
  table ("Effekt av åtgärder i tkr"), the rows above the first non-empty row of a sheet; the
  importer reads the unit there when no header names it.
- :meth:`Grid.address` words where a cell is, as the user's program shows it:
  ``tabell 2, rad 4, kolumn "2025"`` in Word, ``Blad1!C7`` in Excel, ``rad 4, kolumn "2025"``
  in a CSV file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property


class Kind(str, Enum):
    DOCX = "docx"
    XLSX = "xlsx"
    CSV = "csv"


@dataclass(frozen=True)
class Grid:
    """One table of a file. ``name``: ``tabell 2`` (Word, counted from 1), the sheet's name (Excel),
    ``""`` (CSV). ``origin``: the row and column (from 1) of ``cells[0][0]`` in the sheet or the
    CSV file (a CSV file's title lines and empty border are not table; ``(1, 1)`` in Word)."""

    kind: Kind
    source: str
    name: str
    cells: tuple[tuple[str, ...], ...]
    merged: frozenset[tuple[int, int]] = field(default_factory=frozenset)
    above: tuple[str, ...] = ()
    origin: tuple[int, int] = (1, 1)
    merges: tuple[tuple[int, int, int, int], ...] = ()

    def merge_at(self, row: int, column: int) -> tuple[int, int, int, int] | None:
        """The box ``(top, left, bottom, right)`` of the merged cell that covers ``cells[row][column]``,
        or ``None`` when the position is a cell of its own."""
        return self._boxes.get((row, column)) if (row, column) in self.merged else None

    @cached_property
    def _boxes(self) -> dict[tuple[int, int], tuple[int, int, int, int]]:
        return {(row, column): box for box in self.merges
                for row in range(box[0], box[2] + 1) for column in range(box[1], box[3] + 1)}

    @property
    def width(self) -> int:
        return len(self.cells[0]) if self.cells else 0

    def address(self, row: int, column: int, header: str | None = None) -> str:
        """Where ``cells[row][column]`` is, in the words of the program that shows the file."""
        if self.kind is Kind.XLSX:
            return f"{self.name}!{column_letters(self.origin[1] + column)}{self.origin[0] + row}"
        where = f'kolumn "{header}"' if header else f"kolumn {self.origin[1] + column}"
        line = f"rad {self.origin[0] + row}, {where}"
        return f"{self.name}, {line}" if self.name else line


def column_letters(number: int) -> str:
    """Excel's name of column ``number`` (from 1): ``A``, ``Z``, ``AA``."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
