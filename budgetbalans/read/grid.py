"""A table as a document holds it: rows of cell texts, each with an address a user can find.

The readers (:mod:`budgetbalans.read.tables`: Word with python-docx, Excel with openpyxl, CSV
with the csv module) turn each table of a file into a :class:`Grid`; the importer
(:mod:`budgetbalans.read.importer`) finds the plan in them. A Grid knows nothing of plans.

- ``cells`` is rectangular: short rows are padded with empty texts. A merged cell's text fills
  every position it covers, and those positions are in ``merged`` (a group name merged down
  over several rows, as in seed 001, is carried to each row).
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
