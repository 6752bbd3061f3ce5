"""``--format csv``: a :class:`~budgetbalans.report.model.Document` as one flat table, for Swedish
Excel, opened by double-click.

- ``;`` between fields, decimal comma, UTF-8 with a byte-order mark (so Excel reads å, ä,
  ö), CRLF line ends: Swedish Excel then opens the file as numbers in columns.
- One table of every row a spreadsheet shows (:attr:`Audience.NUMBERS
  <budgetbalans.report.model.Audience>`) of every table, in the Document's order: summarize's
  measures and totals (Summa, possible effect, sparbeting, the gap as numbers and over per-year
  targets the shortfall), all plans together and the subtotals of ``--group-by``; gap's totals;
  follow-up's measures with planned, forecast, deviation and outcome, then its totals.
- The first column names the plan: the table's :attr:`~budgetbalans.report.model.Table.name`
  (or a row's own plan cell where the table has a ``plan`` column, as follow-up's has). Then the
  columns of every table by key, each table's own order kept (a column first seen in a later
  table goes beside its neighbours there): text columns under their header, amounts under
  their header with the unit.
- Amounts in the report's unit (``--unit``, default the plans' own), written exactly (never
  rounded: ``1,575`` mkr is 1 575 000 kr) with no digit grouping, from the cell's exact value
  (:attr:`Cell.value <budgetbalans.report.model.Cell.value>`), never from its text.
- When any figure is a range (:attr:`Document.ranges`), every amount column is two, low and
  high; an unbounded high is an empty cell.
- Årsarbetare (:attr:`RowKind.STAFF`) are written as the count they are, not in the unit.
- The coverage row (:attr:`RowKind.COVERAGE`) is left out: a share has no place in a column of
  amounts in kronor (the xlsx workbook computes it, the text formats print it).
- Plan text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading ``'`` so that a spreadsheet never reads it as a formula (CSV injection).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Sequence

from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan import notation
from budgetbalans.report.model import Audience, Column, ColumnKind, Document, RowKind, Table

if TYPE_CHECKING:
    from budgetbalans.report.options import WriteOptions

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAN = "plan"  # the key of a table's own plan column
_MEASURES = (RowKind.MEASURE, RowKind.UNCOUNTED)
Cell = str


def write(document: Document, options: WriteOptions) -> bytes:
    """The CSV file's bytes: BOM, the header, then every row a spreadsheet shows."""
    tables = document.tables(Audience.NUMBERS)
    layout = _Layout(tables, document)
    rows = [layout.header()]
    for table in tables:
        rows += layout.rows(table)
    return encode_rows(rows)


def encode_rows(rows: Iterable[Sequence[Cell]]) -> bytes:
    """The rows as Swedish Excel opens them: ``;``, CRLF, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def text(value: str) -> Cell:
    """Plan text as a cell: control characters removed, never the start of a formula."""
    cleaned = notation.clean(value.replace("\r\n", "\n"))
    risky = value.startswith(FORMULA_START) or cleaned.lstrip().startswith(FORMULA_START)
    return "'" + cleaned if risky else cleaned


def csv_amount(kronor: Decimal | None, unit: Unit) -> Cell:
    """An amount in ``unit``, exact, decimal comma, no grouping: ``1605``, ``1,575``, ``-400``; unbounded is empty."""
    if kronor is None:
        return ""
    return _decimal(kronor / unit.kronor)


def _decimal(value: Decimal) -> Cell:
    return f"{value.normalize():f}".replace(".", ",")


class _Layout:
    """The flat table's columns: the plan, then every shown column of every table by key."""

    def __init__(self, tables: Sequence[Table], document: Document) -> None:
        self.unit, self.ranges = document.unit, document.ranges
        self.plan_header = document.words.get("plan", "")
        self.keys: list[str] = []
        self.columns: dict[str, Column] = {}
        for table in tables:
            self._merge(table)
        # a column's header: as the first table of measures names it (all plans' name column has
        # none, the subtotals' names the grouping), else the first header given
        named: set[str] = set()
        for table in sorted(tables, key=lambda t: not any(row.kind in _MEASURES for row in t.rows)):
            for i in table.shown_columns(Audience.NUMBERS):
                column = table.columns[i]
                if column.key in self.columns and column.key not in named and _headers(column):
                    self.columns[column.key] = column
                    named.add(column.key)
        self.start: dict[str, int] = {}
        width = 1
        for key in self.keys:
            self.start[key] = width
            width += self._width(self.columns[key])
        self.width = width

    def _merge(self, table: Table) -> None:
        """Add the table's columns not seen before, each beside its neighbour in this table."""
        shown = [table.columns[i] for i in table.shown_columns(Audience.NUMBERS)]
        keys = [column.key for column in shown if column.key != PLAN]
        previous: str | None = None
        for position, column in enumerate(c for c in shown if c.key != PLAN):
            key = column.key
            if key in self.columns:
                previous = key
                continue
            self.columns[key] = column
            if previous is not None:
                at = self.keys.index(previous) + 1
            else:
                following = next((k for k in keys[position + 1:] if k in self.columns), None)
                at = self.keys.index(following) if following is not None else len(self.keys)
            self.keys.insert(at, key)
            previous = key
        for column in shown:
            if column.key == PLAN and column.header:
                self.plan_header = column.header

    def _width(self, column: Column) -> int:
        return 2 if column.numeric and self.ranges else 1

    def header(self) -> list[Cell]:
        names = [text(self.plan_header)]
        for key in self.keys:
            column = self.columns[key]
            if not column.numeric:
                names.append(text(column.header))
            elif self.ranges:
                low, high = column.bound_headers
                names += [text(low or column.header), text(high or column.header)]
            else:
                names.append(text(column.number_header or column.header))
        return names

    def rows(self, table: Table) -> list[list[Cell]]:
        """Every row of ``table`` a spreadsheet shows, but the coverage, in the flat table's columns."""
        shown = [(i, table.columns[i]) for i in table.shown_columns(Audience.NUMBERS)]
        plan = next((i for i, column in shown if column.key == PLAN), None)
        rows = []
        for _, row in table.shown(Audience.NUMBERS):
            if row.kind is RowKind.COVERAGE:
                continue
            cells = [""] * self.width
            own = row.cells[plan].text if plan is not None else ""
            cells[0] = text(own or table.name)
            for index, column in shown:
                if column.key == PLAN:
                    continue
                cell, start = row.cells[index], self.start[column.key]
                if column.numeric:
                    figures = self._figures(cell.value, column.kind is ColumnKind.SHARE or row.kind is RowKind.STAFF)
                    cells[start:start + len(figures)] = figures
                else:
                    cells[start] = text(cell.text)
            rows.append(cells)
        return rows

    def _figures(self, value: Range | None, share: bool) -> list[Cell]:
        """An amount in the unit (a share as a fraction): one cell, or low and high when the report
        has ranges; nothing known, or an unbounded end, is empty."""
        if value is None:
            return ["", ""] if self.ranges else [""]

        def figure(bound: Decimal | None) -> Cell:
            if bound is None:
                return ""
            return _decimal(bound) if share else csv_amount(bound, self.unit)

        low = figure(value.low)
        return [low, figure(value.high)] if self.ranges else [low]


def _headers(column: Column) -> bool:
    return bool(column.header or column.number_header)
