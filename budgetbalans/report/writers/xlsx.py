"""``--format xlsx``: a :class:`~budgetbalans.report.model.Document` as a workbook a controller can
audit (XlsxWriter, imported only here).

- A sheet per :class:`~budgetbalans.report.model.Section` (its :attr:`~Section.sheet` name, made
  valid and unique by :func:`sheet_names`): summarize's all plans together (when several) and then
  a sheet per plan; follow-up's one sheet. On it the section's tables a spreadsheet shows
  (:attr:`Audience.NUMBERS <budgetbalans.report.model.Audience>`): the first under the sheet's
  title, subtitle and header row; any other (the subtotals of ``--group-by``) below it under its
  own title and header, its columns in the first table's columns where their keys agree. A table with a
  :attr:`~budgetbalans.report.model.Table.sheet` of its own (a nämnd's, under an organisation tree: shown
  only here, ``Audience.WORKBOOK``) gets that sheet, after its section's.
- Text is always text (``write_string``: a plan's title never becomes a formula, a number or a
  link). Amounts are numbers in the report's unit, shown with the report's decimals (``#,##0_-``,
  ``#,##0.00_-`` …, :attr:`Document.decimals`; Swedish Excel shows the grouping as a space, and a
  decimal comma; ``_-`` leaves a blank after the figure, so that printed it never touches the cell
  beside it); when any figure is a range
  (:attr:`Document.ranges`), every amount column is two, low and high, and an unbounded high is
  an empty cell. A share (the coverage) is a percent.
- What the model says is computed is a formula, with budgetbalans's figure as its cached result
  for viewers that do not recalculate: a measure's total ``=SUM`` of its years; a deviation
  ``forecast − planned`` bound by bound; Summa ``=SUM`` of the rows it adds up (or ``SUMIFS`` on
  the counted column, or the figure, where that would be longer than Excel allows); the gap
  ``=target − Summa`` (its low from Summa's high); the shortfall ``=MAX(0,gap 2024)+MAX(0,gap
  2025)…``; the coverage ``=Summa/target``; a plan's row among all plans a reference to its
  Summa on its own sheet (its shortfall, where the column is one, ``=MAX(0,gap)`` of its gap there, year by
  year under per-year targets); a row adding others up (``Row.adds``) ``=a+b…``, on this sheet or another;
  the net ``=target-total`` and the coverage ``=total/target`` of a row's own cells (``ColumnKind.NET``, a
  SHARE column's ``of``); a target column (``Column.given``) always the figure; a measure's expected
  effect ``=total*probability``; a scenario's total
  the sum of the measure rows it counts (the expected one each times its probability). The spreadsheet recalculates the gap, so the Document gives it signed,
  under a label true whatever the sign.
- Red: a signed or computed gap and the shortfall above zero (still to save), a deviation below
  zero (below plan). Grey: what is not counted. Bold with a line above: Summa.
- The table's and the section's notes, then the Document's (the rounding note, the warnings) on
  the first sheet, as lines of text under the tables.
- Print-ready: A4 landscape, one page wide, the header row on every page, the title in the page
  header, the report date and the page number in the footer; rows as tall as their wrapped text.
"""

from __future__ import annotations

import functools
import io
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan import notation
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Chart, ChartKind, Column, ColumnKind, Document, Note, Row, RowKind, Section, Table, Tone,
    shown_to,
)

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

    from budgetbalans.report.options import WriteOptions

_AMOUNT_FORMAT = {Unit.KR: "#,##0", Unit.TKR: "#,##0", Unit.MKR: "#,##0.00"}
# after every figure a blank as wide as "-" (Excel's own Swedish formats end so): printed, a figure
# never touches the text beside it ("500" and the class "1" read "5001")
_PAD = "_-"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
HEADER_ROW = 3  # title, subtitle, blank, then the header (frozen)
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_HEADER_FOOTER_MAX = 255  # Excel's limit on a header or footer, codes included
_FORMULA_MAX = 8192  # Excel's limit on a formula's length
_ARGUMENTS_MAX = 255  # Excel's limit on a function's arguments
_WIDE_WIDTH, _AMOUNT_WIDTH, _TEXT_WIDTHS = 46.0, 13.0, (6.0, 28.0)
_BODY = (RowKind.MEASURE, RowKind.UNCOUNTED, RowKind.GROUP)  # rows a totals block follows after a blank row
COUNTED = "counted"  # the key of a table's "counted" column (ja / nej), for SUMIFS
_SHOWN = Audience.WORKBOOK  # what a spreadsheet shows, and the workbook's own sheets (a nämnd's)


def write(document: Document, options: WriteOptions) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    workbook = _workbook(xlsxwriter, out)
    styles = _styles(workbook, document.unit, document.decimals)
    if any(column.signal for section in document.sections for table in section.tables for column in table.columns):
        styles.update(_signal_styles(workbook))  # only then: a workbook without signals stays as it was
    sections = _sheets(document.sections) or (Section(document.title, sheet=document.title),)
    names = sheet_names([section.sheet or section.title for section in sections])
    sheets = [_SheetLayout(name, section, document, document.notes if index == 0 else ())
              for index, (name, section) in enumerate(zip(names, sections))]
    placed = {table.table.key: table for sheet in sheets for table in sheet.tables}
    for sheet in sheets:
        worksheet = workbook.add_worksheet(sheet.name)
        _Writer(worksheet, sheet, document, placed, styles).write()
        for chart in sheet.section.charts:
            if chart.kind is ChartKind.HISTORY:
                _line_chart(workbook, worksheet, chart, placed, sheet.notes_row + len(sheet.notes) + 1)
    workbook.close()
    return out.getvalue()


def _line_chart(workbook: Workbook, worksheet: Worksheet, chart: Chart, placed: dict[str, _Placed], row: int) -> None:
    """The history chart as Excel's own line chart of the cells its lines name (each line's row, the chart's
    columns: their low bound where a figure is a range), the dates from the header row, under the sheet's notes."""
    native = workbook.add_chart({"type": "line"})
    for line in chart.lines:
        table = placed[line.table]
        cols = [found[0] for found in (table.at(key) for key in chart.columns) if found is not None]
        if not cols or line.row not in table.rows:
            continue
        at = table.rows[line.row]
        native.add_series({"name": line.name, "values": [table.sheet, at, cols[0], at, cols[-1]],
                           "categories": [table.sheet, table.header_row, cols[0], table.header_row, cols[-1]],
                           "marker": {"type": "square"}, "line": {"dash_type": "dash" if line.kind.value == "planned"
                                                                  else "solid"}})
    native.set_title({"name": chart.title})
    native.set_legend({"position": "bottom"})
    native.set_x_axis({"name": chart.note})
    worksheet.insert_chart(row, 1, native, {"x_scale": 1.4, "y_scale": 1.2})


def _sheets(sections: Sequence[Section]) -> tuple[Section, ...]:
    """A sheet per section, and after it a sheet per table of its own (:attr:`Table.sheet`: a nämnd's)."""
    sheets: list[Section] = []
    for section in sections:
        own = tuple(table for table in section.tables if table.sheet)
        sheets.append(replace(section, tables=tuple(t for t in section.tables if not t.sheet)) if own else section)
        sheets += [Section(table.title, table.caption, tables=(table,), sheet=table.sheet)
                   for table in own if table.audience in shown_to(_SHOWN)]
    return tuple(sheets)


def _workbook(xlsxwriter: Any, out: io.BytesIO) -> Workbook:
    """A workbook in memory in which text stays text: never a formula, number or link."""
    return xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                     "strings_to_numbers": False, "strings_to_urls": False})


def cell_number(kronor: Decimal, unit: Unit) -> float:
    """An amount in ``unit`` as a spreadsheet number.

    The one place an amount becomes binary floating point: an Excel cell *is* an IEEE double.
    Amounts have at most 15 significant digits (the loader refuses more), which a double holds
    exactly enough that Excel shows and sums them as written.
    """
    return float(kronor / unit.kronor)


def _styles(workbook: Workbook, unit: Unit, decimals: int | None = None) -> dict[str, Any]:
    amount = (_AMOUNT_FORMAT[unit] if decimals is None else "#,##0" + ("." + "0" * decimals if decimals else "")) + _PAD
    red_below_zero = f"{amount};[Red]-{amount}"
    grey = "#888888"
    add = workbook.add_format
    return {
        "title": add({"bold": True, "font_size": 14, "text_wrap": True, "valign": "top"}),
        "subtitle": add({"italic": True, "font_color": "#555555", "text_wrap": True, "valign": "top"}),
        "header": add({"bold": True, "bottom": 1, "bg_color": "#E8EEF4", "text_wrap": True, "valign": "top"}),
        "table_title": add({"bold": True, "text_wrap": True, "valign": "top"}),
        "text": add({"text_wrap": True, "valign": "top"}),
        "dim": add({"text_wrap": True, "valign": "top", "font_color": grey}),
        "flag": add({"text_wrap": True, "valign": "top", "bold": True, "font_color": "#9C5700"}),
        "amount": add({"num_format": amount, "valign": "top"}),
        "dim_amount": add({"num_format": amount, "valign": "top", "font_color": grey}),
        "total_label": add({"bold": True, "top": 1, "text_wrap": True, "valign": "top"}),
        "total": add({"num_format": amount, "bold": True, "top": 1, "valign": "top"}),
        "gap_label": add({"bold": True, "text_wrap": True, "valign": "top"}),
        "gap": add({"num_format": amount, "bold": True, "valign": "top"}),
        # target − total and the shortfall: red when above zero, whatever the spreadsheet recalculates
        "signed_gap": add({"num_format": f"[Red]{amount};-{amount};{amount}", "bold": True, "valign": "top"}),
        # forecast − planned: red below zero (below plan)
        "deviation": add({"num_format": red_below_zero, "valign": "top"}),
        "dim_deviation": add({"num_format": red_below_zero, "valign": "top", "font_color": grey}),
        "total_deviation": add({"num_format": red_below_zero, "bold": True, "top": 1, "valign": "top"}),
        "percent": add({"num_format": f"0%{_PAD}", "valign": "top"}),
        "staff": add({"num_format": f"General{_PAD}", "valign": "top"}),
        "total_percent": add({"num_format": f"0%{_PAD}", "bold": True, "top": 1, "valign": "top"}),
        "note": add({"text_wrap": True, "valign": "top", "font_color": "#555555"}),
        "warning": add({"text_wrap": True, "valign": "top", "font_color": "#9C5700"}),
    }


#: A signal's cell by its tone: Excel's own fills and fonts for good, neutral and bad.
_SIGNAL_FORMATS = {Tone.GOOD: {"bg_color": "#C6EFCE", "font_color": "#006100", "bold": True},
                   Tone.UNCERTAIN: {"bg_color": "#FFEB9C", "font_color": "#9C5700", "bold": True},
                   Tone.BAD: {"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True}}


def _signal_styles(workbook: Workbook) -> dict[str, Any]:
    """The conditional formats of a signal column's cells, one per tone."""
    return {f"signal_{tone.value}": workbook.add_format(properties) for tone, properties in _SIGNAL_FORMATS.items()}


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (an estimate:
    word by word, about one character per unit of column width; a word longer than a line is split)."""
    capacity = max(1, int(width))
    if len(text) <= capacity and "\n" not in text:
        return 1  # its words and the blanks between them take no more room than the text
    lines = 0
    for paragraph in text.split("\n"):
        lines, used = lines + 1, 0
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > capacity:
                lines, used = lines + 1, 0
            used += size + (1 if used else 0)
            while used > capacity:  # a word longer than the line
                lines, used = lines + 1, used - capacity
    return max(lines, 1)


def _fit_row(sheet: Worksheet, row: int, cells: Sequence[tuple[str, float]], font_lines: float = 1.0) -> None:
    """Set ``row``'s height to what its wrapped ``(text, column width)`` cells need (Excel does not do it)."""
    lines = max((wrapped_lines(text, width) for text, width in cells), default=1)
    if lines > 1 or font_lines != 1.0:
        sheet.set_row(row, _LINE_HEIGHT * lines * font_lines)


def header_footer_text(text: str) -> str:
    """Plan text in a header or footer: ``&`` starts a code there, so it is doubled."""
    return notation.clean(text).replace("\n", " ").replace("&", "&&")


def _within_limit(prefix: str, text: str, suffix: str) -> str:
    """``prefix + text + suffix`` with ``text`` (escaped) shortened with "…" to Excel's 255 characters."""
    room = _HEADER_FOOTER_MAX - len(prefix) - len(suffix)
    raw = notation.clean(text)
    if len(header_footer_text(raw)) <= room:
        return prefix + header_footer_text(raw) + suffix
    while raw and len(header_footer_text(raw)) + 1 > room:
        raw = raw[:-1]
    return prefix + header_footer_text(raw.rstrip()) + "…" + suffix


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Excel's rules for sheet names: at most 31 UTF-16 units (an emoji is two), none of []:*?/\\,
    not beginning or ending with an apostrophe, not "History" (Excel's own), unique regardless of
    case. A title that breaks one is shortened, cleaned or numbered ("Plan (2)"), never refused."""
    names: list[str] = []
    taken: set[str] = {"history"}
    for title in titles:
        base = _SHEET_FORBIDDEN.sub(" ", notation.clean(title)).strip(" '") or "Plan"
        name, n = _sheet_name(base, ""), 1
        while name.lower() in taken:
            n += 1
            name = _sheet_name(base, f" ({n})")
        names.append(name)
        taken.add(name.lower())
    return names


def _sheet_name(base: str, suffix: str) -> str:
    """``base`` cut to fit 31 UTF-16 units with ``suffix``, no apostrophe or space at either end."""
    room, used, cut = 31 - len(suffix), 0, 0
    for char in base:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > room:
            break
        used, cut = used + size, cut + 1
    return (base[:cut].strip(" '") or "Plan") + suffix


def ref(sheet: str, row: int, col: int) -> str:
    """An absolute reference to a cell of another sheet: ``'Plan A'!$F$14``."""
    from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell  # type: ignore[import-untyped]

    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


def _cell(row: int, col: int) -> str:
    """A relative reference to a cell of this sheet: ``F14`` (as ``xl_rowcol_to_cell`` writes it)."""
    return f"{_column_name(col)}{row + 1}"


@functools.lru_cache(maxsize=None)  # a sheet has few columns, and a reference to one of them in every row
def _column_name(col: int) -> str:
    from xlsxwriter.utility import xl_col_to_name

    return str(xl_col_to_name(col))


def _runs(indexes: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted indexes as runs of neighbours: ``[4, 5, 6, 9]`` → ``[(4, 6), (9, 9)]``."""
    runs: list[tuple[int, int]] = []
    for index in sorted(set(indexes)):
        if runs and runs[-1][1] + 1 == index:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _sum(arguments: Sequence[str]) -> str:
    """``=SUM(…)`` of the arguments, in groups of at most 255 (Excel's limit) added up."""
    groups = [arguments[i:i + _ARGUMENTS_MAX] for i in range(0, len(arguments), _ARGUMENTS_MAX)]
    return "=" + "+".join(f"SUM({','.join(group)})" for group in groups)


def _bound(value: Range, bound: int) -> Decimal | None:
    return value.low if bound == 0 else value.high


# --- layout: where every table, column and row goes on its sheet ----------------------------------


@dataclass
class _Placed:
    """A table on its sheet: each shown column's sheet columns (one, or its low and high), each shown
    row's sheet row, and the gap rows written signed (their figures, ``target − total``, by column)."""

    sheet: str
    table: Table
    columns: dict[int, tuple[int, ...]] = field(default_factory=dict)
    rows: dict[int, int] = field(default_factory=dict)
    title_row: int | None = None  # a table under the first: its title, then its own header row
    header_row: int = HEADER_ROW
    notes_row: int = 0
    signed: dict[int, dict[int, Range]] = field(default_factory=dict)
    _by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)
    _index: dict[str, int] = field(default_factory=dict)

    def index(self, key: str) -> int:
        """The index of this table's column ``key`` (:meth:`Table.column`, looked up once per table)."""
        if not self._index:
            self._index = {column.key: index for index, column in reversed(list(enumerate(self.table.columns)))}
        return self._index[key]

    def at(self, key: str) -> tuple[int, ...] | None:
        """The sheet columns of this table's column ``key``, if it shows it."""
        if len(self._by_key) != len(self.columns):
            self._by_key = {self.table.columns[index].key: cols for index, cols in self.columns.items()}
        return self._by_key.get(key)


class _SheetLayout:
    """A section's sheet: its tables placed one under the other, its columns' widths, its notes."""

    def __init__(self, name: str, section: Section, document: Document, notes: Sequence[Note]) -> None:
        self.name, self.section = name, section
        tables = [t for t in section.tables if t.audience in shown_to(_SHOWN)]
        first = tables[0] if tables else None
        self.title = first.title if first is not None and first.title else section.title
        self.subtitle = section.subtitle or (first.caption if first is not None else "")
        self.widths: list[float] = []
        self.tables: list[_Placed] = []
        self.name_col = 0
        row = HEADER_ROW
        keys: dict[str, tuple[int, ...]] = {}
        placements = {id(table): _Placed(name, table) for table in tables}
        shown_rows = {id(table): list(table.shown(_SHOWN)) for table in tables}  # once: each text column's width reads them
        # the widest table lays out the sheet's columns; the others fall in under them by key
        for number, table in enumerate(sorted(tables, key=lambda t: -len(t.shown_columns(_SHOWN)))):
            placed = placements[id(table)]
            for index in table.shown_columns(_SHOWN):
                column = table.columns[index]
                span = 2 if column.numeric and document.ranges else 1
                cols = keys.get(column.key) if number else None
                if number and cols is None and column.kind is ColumnKind.NAME:
                    cols = (self.name_col,)
                if cols is None or len(cols) != span:
                    cols = tuple(range(len(self.widths), len(self.widths) + span))
                    self.widths += [0.0] * span
                placed.columns[index] = cols
                if number == 0:
                    keys[column.key] = cols
                    if column.kind is ColumnKind.NAME and self.name_col == 0:
                        self.name_col = cols[0]
                for col in cols:
                    self.widths[col] = max(self.widths[col], _width(shown_rows[id(table)], index, column))
        for number, table in enumerate(tables):
            placed = placements[id(table)]
            if number:  # a blank row, its title, its header
                placed.title_row, placed.header_row = row + 2, row + 3
                row += 3
            previous: RowKind | None = None
            for index, shown in table.shown(_SHOWN):
                row += 2 if shown.kind is RowKind.TOTAL and previous in _BODY else 1
                placed.rows[index] = row
                previous = shown.kind
            placed.signed = _signed_gaps(table, document)
            placed.notes_row = row + 2
            row += len(table.notes) + 1 if table.notes else 0
            self.tables.append(placed)
        if not self.widths:
            self.widths = [_WIDE_WIDTH]
        self.notes = [*section.notes, *notes]
        self.notes_row = row + 2

    @property
    def last_col(self) -> int:
        return len(self.widths) - 1


def _width(shown: Sequence[tuple[int, Row]], index: int, column: Column) -> float:
    """A column's width: the measure's title wide, an amount 13, a text as its longest cell of the ``shown``
    rows (6 to 28)."""
    if column.wide:
        return _WIDE_WIDTH
    if column.numeric:
        return _AMOUNT_WIDTH
    low, high = _TEXT_WIDTHS
    longest = max((len(word) for word in column.header.split()), default=0)
    for _, row in shown:
        if index < len(row.cells):
            longest = max(longest, len(row.cells[index].text))
    return min(max(longest + 1.0, low), high)


def _signed_gaps(table: Table, document: Document) -> dict[int, dict[int, Range]]:
    """The gap rows (``of`` = target, total, …) a spreadsheet recalculates as ``target − total``: their
    figures by column (the Document gives them signed). A row whose target or total lacks a figure
    stays as figures, not formulas."""
    signed: dict[int, dict[int, Range]] = {}
    for index, row in table.shown(_SHOWN):
        if row.kind is not RowKind.GAP or len(row.of) < 2 or not _in_table(table, row.of):
            continue
        operands = [table.rows[i].cells for i in row.of]
        figures: dict[int, Range] = {}
        for col in table.shown_columns(_SHOWN):
            cell = row.cells[col] if col < len(row.cells) else Cell()
            if cell.value is None or not table.columns[col].numeric:
                continue
            if any(_value(cells, col) is None for cells in operands):
                break
            figures[col] = cell.value
        else:
            signed[index] = figures
    return signed


def _in_table(table: Table, indexes: Sequence[int]) -> bool:
    return all(0 <= i < len(table.rows) and table.rows[i].audience is not Audience.TEXT for i in indexes)


def _value(cells: Sequence[Cell], col: int) -> Range | None:
    return cells[col].value if col < len(cells) else None


# --- writing --------------------------------------------------------------------------------------


_TEXT_STYLE = {RowKind.UNCOUNTED: "dim", RowKind.POTENTIAL: "dim", RowKind.TOTAL: "total_label",
               RowKind.GAP: "gap_label", RowKind.SHORTFALL: "gap_label"}
_AMOUNT_STYLE = {RowKind.UNCOUNTED: "dim_amount", RowKind.POTENTIAL: "dim_amount", RowKind.TOTAL: "total",
                 RowKind.GAP: "gap", RowKind.SHORTFALL: "signed_gap", RowKind.COVERAGE: "percent"}
_DEVIATION_STYLE = {RowKind.UNCOUNTED: "dim_deviation", RowKind.TOTAL: "total_deviation"}


class _Writer:
    """Writes one sheet of the layout."""

    def __init__(self, sheet: Worksheet, layout: _SheetLayout, document: Document, placed: dict[str, _Placed],
                 styles: dict[str, Any]) -> None:
        self.sheet, self.layout, self.document, self.placed, self.styles = sheet, layout, document, placed, styles
        self.ranges, self.unit = document.ranges, document.unit

    def write(self) -> None:
        sheet, layout = self.sheet, self.layout
        for col, width in enumerate(layout.widths):
            sheet.set_column(col, col, width)
        self._heading()
        self._print_setup()
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        for placed in layout.tables:
            self._table(placed)
        self._notes(layout.notes_row, layout.notes)

    def _heading(self) -> None:
        """The title and the subtitle, each merged over the sheet's columns and wrapped within them."""
        layout, width = self.layout, sum(self.layout.widths)
        for row, text, style, font_lines in ((0, layout.title, "title", 1.3), (1, layout.subtitle, "subtitle", 1.0)):
            self._merged(row, notation.clean(text), style)
            # 14-point text: about 0.8 characters per unit of width
            _fit_row(self.sheet, row, [(notation.clean(text), width * (0.8 if style == "title" else 1.0))], font_lines)

    def _merged(self, row: int, text: str, style: str) -> None:
        if self.layout.last_col > 0:
            self.sheet.merge_range(row, 0, row, self.layout.last_col, "", self.styles[style])
        self.sheet.write_string(row, 0, text, self.styles[style])

    def _print_setup(self) -> None:
        """Print-ready: A4 landscape, one page wide (as many pages tall as needed), the header row on
        every page, the title in the page header, the report date and the page number in the footer."""
        sheet = self.sheet
        sheet.set_paper(9)
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(HEADER_ROW)
        sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
        sheet.set_header(_within_limit("&C", self.layout.title, ""))
        date = self.document.report_date
        sheet.set_footer(_within_limit("&L", date, "&R&P / &N") if date else "&R&P / &N")

    def _table(self, placed: _Placed) -> None:
        table, styles, widths = placed.table, self.styles, self.layout.widths
        if placed.title_row is not None:
            col = self.layout.name_col
            self.sheet.write_string(placed.title_row, col, notation.clean(table.title), styles["table_title"])
            _fit_row(self.sheet, placed.title_row, [(notation.clean(table.title), widths[col])])
        headers: list[tuple[str, float]] = []
        for index, cols in placed.columns.items():
            column = table.columns[index]
            names = _headers(column, len(cols))
            for col, name in zip(cols, names):
                self.sheet.write_string(placed.header_row, col, notation.clean(name), styles["header"])
                headers.append((notation.clean(name), widths[col]))
        for col in set(range(len(widths))) - {c for cols in placed.columns.values() for c in cols}:
            self.sheet.write_blank(placed.header_row, col, None, styles["header"])
        _fit_row(self.sheet, placed.header_row, headers)
        # once per table, not per row: each shown column, its sheet columns, whether it holds figures
        columns = [(index, cols, table.columns[index], table.columns[index].numeric)
                   for index, cols in placed.columns.items()]
        for index, row in table.shown(_SHOWN):
            self._row(placed, index, row, columns)
        self._signals(placed)
        self._notes(placed.notes_row, table.notes)

    def _signals(self, placed: _Placed) -> None:
        """Each signal column's conditional formatting: a cell holding a word the builder gave a tone is shaded in
        the tone's colour (Excel keeps it when the word is changed to another signal's); the word stays in the cell."""
        table = placed.table
        lines = [placed.rows[index] for index, _ in table.shown(_SHOWN)]
        for col_index, cols in placed.columns.items():
            if not table.columns[col_index].signal or not lines:
                continue
            words = {cell.text: cell.tone for _, row in table.shown(_SHOWN) if col_index < len(row.cells)
                     for cell in (row.cells[col_index],) if cell.text and cell.tone is not Tone.NEUTRAL}
            for word, tone in sorted(words.items()):
                quoted = '"' + notation.clean(word).replace('"', '""') + '"'
                self.sheet.conditional_format(min(lines), cols[0], max(lines), cols[0], {
                    "type": "cell", "criteria": "==", "value": quoted, "format": self.styles[f"signal_{tone.value}"]})

    def _notes(self, row: int, notes: Sequence[Note]) -> None:
        width = sum(self.layout.widths)
        for offset, note in enumerate(notes):
            style = "warning" if note.warning or note.tone is not Tone.NEUTRAL else "note"
            text = notation.clean(note.line(self.document.words))
            self._merged(row + offset, text, style)
            _fit_row(self.sheet, row + offset, [(text, width)])

    def _row(self, placed: _Placed, index: int, row: Row,
             columns: Sequence[tuple[int, tuple[int, ...], Column, bool]]) -> None:
        """Row ``index`` of the table, in ``columns``: each shown column's index, its sheet columns, the column
        and whether it holds figures."""
        sheet, styles, widths = self.sheet, self.styles, self.layout.widths
        line = placed.rows[index]
        signed = placed.signed.get(index) or {}
        if row.kind is RowKind.TOTAL:  # the line above runs across the whole row
            for col in range(len(widths)):
                sheet.write_blank(line, col, None, styles["total_label"])
        wrapped: list[tuple[str, float]] = []
        for col_index, cols, column, numeric in columns:
            cell = row.cells[col_index] if col_index < len(row.cells) else EMPTY
            if numeric and (cell.value is not None or col_index in signed):
                self._figures(placed, index, row, col_index, cols, signed.get(col_index, cell.value))
            elif cell.text:
                style = _TEXT_STYLE.get(row.kind, "text")
                if cell.tone is not Tone.NEUTRAL and row.kind in _BODY:
                    style = "flag"
                text = notation.clean(cell.text)
                sheet.write_string(line, cols[0], text, styles[style])  # always text: never a formula
                wrapped.append((text, widths[cols[0]]))
        _fit_row(sheet, line, wrapped)

    def _figures(self, placed: _Placed, index: int, row: Row, col_index: int, cols: tuple[int, ...],
                 value: Range | None) -> None:
        """A cell's figure (its low and high when the report has ranges): a formula where the model
        says how it is computed, with the figure as its cached result; else the figure."""
        assert value is not None
        column = placed.table.columns[col_index]
        style = self.styles[self._amount_style(placed, index, row, column)]
        share = column.kind is ColumnKind.SHARE or row.kind is RowKind.COVERAGE
        for bound, col in enumerate(cols):
            kronor = _bound(value, bound)
            if kronor is None:  # unbounded: an empty cell
                continue
            number = float(kronor) if share or row.kind is RowKind.STAFF else cell_number(kronor, self.unit)
            formula = self._formula(placed, index, row, column, bound, placed.rows[index])
            if formula is not None:
                self.sheet.write_formula(placed.rows[index], col, formula, style, number)
            else:
                self.sheet.write_number(placed.rows[index], col, number, style)

    def _amount_style(self, placed: _Placed, index: int, row: Row, column: Column) -> str:
        if column.kind is ColumnKind.DEVIATION:
            return _DEVIATION_STYLE.get(row.kind, "deviation")
        if column.kind is ColumnKind.SHARE:
            return "total_percent" if row.kind is RowKind.TOTAL else "percent"
        if row.kind is RowKind.STAFF:
            return "staff"
        if row.kind is RowKind.GAP and (index in placed.signed or row.tone is Tone.NEUTRAL):
            return "signed_gap"
        return _AMOUNT_STYLE.get(row.kind, "amount")

    # --- formulas ---

    def _formula(self, placed: _Placed, index: int, row: Row, column: Column, bound: int, line: int) -> str | None:
        """The cell's formula for its ``bound`` (0 low, 1 high), or None where it is a figure."""
        formula = self._computed(placed, index, row, column, bound, line)
        return formula if formula is None or len(formula) <= _FORMULA_MAX else None

    def _computed(self, placed: _Placed, index: int, row: Row, column: Column, bound: int,
                  line: int) -> str | None:
        if column.kind is ColumnKind.DEVIATION and len(column.of) == 2:
            minuend, subtrahend = (placed.at(key) for key in column.of)
            if minuend is None or subtrahend is None or len(minuend) <= bound or len(subtrahend) <= bound:
                return None
            return f"={_cell(line, minuend[bound])}-{_cell(line, subtrahend[bound])}"
        if column.kind is ColumnKind.PRODUCT and len(column.of) == 2:
            return self._product(placed, index, column, bound, line)
        if column.given:
            return None
        if column.kind in (ColumnKind.NET, ColumnKind.SHARE) and len(column.of) == 2:
            return self._of_row(placed, index, column, bound)
        if row.link is not None:
            return self._link(row.link, column, bound)
        if row.adds:
            return self._adds(row.adds, column, bound)
        if row.sums and (row.over or row.weight):
            return self._sums_over(placed, row, column, bound)
        if row.sums:
            return self._sums(placed, row.sums, column, bound)
        if row.kind is RowKind.GAP and len(row.of) >= 2:
            if index not in placed.signed:
                return None
            # target − total (− more): the low from the totals' highs, the high from their lows
            target = self._at(placed, row.of[0], column, bound)
            totals = [self._at(placed, i, column, 1 - bound if self.ranges else bound) for i in row.of[1:]]
            return f"={target}-" + "-".join(totals) if target and all(totals) else None  # type: ignore[arg-type]
        if row.kind is RowKind.SHORTFALL and len(row.of) == 1:
            return self._shortfall(placed, row.of[0], column, bound)
        if row.kind is RowKind.COVERAGE and len(row.of) == 2:
            total, target = (self._at(placed, i, column, bound) for i in row.of)
            return f"={total}/{target}" if total and target else None
        if column.kind is ColumnKind.TOTAL and row.kind in _BODY and column.of:
            if not any(_value(row.cells, placed.index(key)) is not None for key in column.of):
                return None  # a figure of its own, not the sum of its years (the lasting level after the period)
            runs = _runs([at[bound] for key in column.of if (at := placed.at(key)) is not None])
            return _sum([_cell(line, a) if a == b else f"{_cell(line, a)}:{_cell(line, b)}" for a, b in runs]) \
                if runs else None
        return None

    def _at(self, placed: _Placed, index: int, column: Column, bound: int) -> str | None:
        """The reference to row ``index``'s cell in ``column`` (its ``bound``), if it has a figure there."""
        table = placed.table
        col_index = table.column(column.key)
        cols = placed.columns.get(col_index)
        value = _value(table.rows[index].cells, col_index)
        if index not in placed.rows or cols is None:
            return None
        if value is None or _bound(value, min(bound, len(cols) - 1)) is None:
            return None
        return _cell(placed.rows[index], cols[min(bound, len(cols) - 1)])

    def _of_row(self, placed: _Placed, index: int, column: Column, bound: int) -> str | None:
        """A figure of the row's own cells: the net ``=target-total`` (its low from the total's high), or the
        coverage ``=total/target`` bound by bound; a figure where either cell has none."""
        table, net = placed.table, column.kind is ColumnKind.NET
        first, second = (table.columns[table.column(key)] for key in column.of)
        left = self._at(placed, index, first, bound)
        right = self._at(placed, index, second, 1 - bound if net and self.ranges else bound)
        return f"={left}{'-' if net else '/'}{right}" if left and right else None

    def _ref(self, other: _Placed, row: int, col: int) -> str:
        """A reference to a cell of ``other``'s sheet: plain on this sheet, with its sheet's name on another."""
        return _cell(row, col) if other.sheet == self.layout.name else ref(other.sheet, row, col)

    def _adds(self, adds: Sequence[tuple[str, int]], column: Column, bound: int) -> str | None:
        """Rows of other tables added up, column by column (all plans' scenario: each plan's on its sheet).
        A plan without the column (its years are others) adds nothing; a figure where a cell has no bound."""
        terms = []
        for key, index in adds:
            other = self.placed.get(key)
            if other is None or index not in other.rows:
                return None
            cols = other.at(column.key)
            if cols is None:
                continue
            value = _value(other.table.rows[index].cells, other.table.column(column.key))
            if value is None:
                continue
            if _bound(value, min(bound, len(cols) - 1)) is None:
                return None
            terms.append(self._ref(other, other.rows[index], cols[min(bound, len(cols) - 1)]))
        return "=" + "+".join(terms) if terms else None

    def _link(self, link: tuple[str, int], column: Column, bound: int) -> str | None:
        """A row repeating another table's row: a reference to its cell (the same column) on its sheet."""
        other = self.placed.get(link[0])
        if other is None or link[1] not in other.rows:
            return None
        cols = other.at(column.key)
        if cols is None and column.kind is ColumnKind.SHORTFALL:
            return self._linked_shortfall(other, link[1], bound)
        if cols is None or len(cols) <= bound:
            return None
        return "=" + self._ref(other, other.rows[link[1]], cols[bound])

    def _linked_shortfall(self, other: _Placed, total: int, bound: int) -> str | None:
        """A plan's shortfall from its own sheet: ``=MAX(0,gap 2024)+MAX(0,gap 2025)…`` of the signed gap of
        its Summa (row ``total``), or ``=MAX(0,gap)`` of the period's where its target is not per year."""
        table = other.table
        gap = next((i for i, row in enumerate(table.rows) if row.kind is RowKind.GAP and len(row.of) >= 2
                    and row.of[1] == total and row.audience is not Audience.TEXT and i in other.rows), None)
        if gap is None:
            return None
        cells = table.rows[gap].cells
        years = [c for i, c in enumerate(table.columns) if c.kind is ColumnKind.AMOUNT and _value(cells, i) is not None]
        terms = [self._at(other, gap, column, bound) for column in years or [table.columns[table.column("total")]]]
        return "=" + "+".join(f"MAX(0,{self._ref_of(other, term)})" for term in terms if term) if any(terms) else None

    def _ref_of(self, other: _Placed, cell: str) -> str:
        """A cell of ``other``'s sheet (as :meth:`_at` gives it), named by its sheet where that is not this one."""
        return cell if other.sheet == self.layout.name else ref(other.sheet, *_row_col(cell))

    def _sums(self, placed: _Placed, sums: Sequence[int], column: Column, bound: int) -> str | None:
        """``=SUM`` of the rows' cells in this column, neighbours as one range; where that is longer than
        Excel allows, ``=SUMIFS`` on the table's counted column if it picks out just those rows."""
        from xlsxwriter.utility import xl_range_abs

        cols = placed.at(column.key)
        lines = [placed.rows[i] for i in sums if i in placed.rows]
        if cols is None or not lines:
            return None
        col = cols[bound]
        formula = _sum([str(xl_range_abs(a, col, b, col)) for a, b in _runs(lines)])
        if len(formula) <= _FORMULA_MAX:
            return formula
        return self._sumifs(placed, sums, col)

    def _sumifs(self, placed: _Placed, sums: Sequence[int], col: int) -> str | None:
        from xlsxwriter.utility import xl_range_abs

        table = placed.table
        counted = placed.at(COUNTED)
        if counted is None:
            return None
        key = table.column(COUNTED)
        word = table.rows[sums[0]].cells[key].text
        chosen = set(sums)
        first, last = min(placed.rows[i] for i in chosen), max(placed.rows[i] for i in chosen)
        for index, line in placed.rows.items():  # the criterion must pick out exactly these rows
            if first <= line <= last and (index in chosen) != (table.rows[index].cells[key].text == word):
                return None
        criterion = word.replace('"', '""')
        return (f"=SUMIFS({xl_range_abs(first, col, last, col)},"
                f'{xl_range_abs(first, counted[0], last, counted[0])},"{criterion}")')

    def _product(self, placed: _Placed, index: int, column: Column, bound: int, line: int) -> str | None:
        """``=total*probability``: a measure's expected effect, bound by bound, where both have a figure."""
        table = placed.table
        factors = [self._at(placed, index, table.columns[table.column(key)], bound) for key in column.of]
        return "=" + "*".join(factors) if all(factors) else None  # type: ignore[arg-type]

    def _sums_over(self, placed: _Placed, row: Row, column: Column, bound: int) -> str | None:
        """A scenario's figure: the rows ``row.sums`` of table ``row.over`` (this one where not named) in
        this column added up, each times its cell in column ``row.weight`` where named. A figure where a
        row has none there (an unbounded bound) or the table is not on the workbook."""
        other = self.placed.get(row.over) if row.over else placed
        if other is None or any(i not in other.rows for i in row.sums):
            return None
        table = other.table
        if column.key not in {c.key for c in table.columns}:
            return None
        target = table.columns[table.column(column.key)]
        terms = []
        for i in row.sums:
            term = self._at(other, i, target, bound)
            if term is None:
                if _value(table.rows[i].cells, table.column(column.key)) is None:
                    continue  # no effect in that column: adds nothing
                return None   # an unbounded bound: no sum
            if row.weight:
                factor = self._at(other, i, table.columns[table.column(row.weight)], 0)
                if factor is None:
                    return None
                term = f"{term}*{factor}"
            terms.append(term)
        if not terms:
            return None
        if other.sheet != placed.sheet:
            terms = [re.sub(r"(\$?[A-Z]+\$?\d+)", lambda m: ref(other.sheet, *_row_col(m.group(1))), t) for t in terms]
        return "=" + "+".join(terms)

    def _shortfall(self, placed: _Placed, gap: int, column: Column, bound: int) -> str | None:
        """``=MAX(0,gap year 1)+MAX(0,gap year 2)…``: the positive parts of the gap row's years."""
        table = placed.table
        if gap not in placed.signed or gap not in placed.rows:
            return None  # the gap row is not written signed: its cells are no base for MAX
        keys = set(column.of if column.kind is ColumnKind.TOTAL else
                   (c.key for c in table.columns if c.kind is ColumnKind.AMOUNT and c.key != column.key))
        cells = [ref for c in table.columns if c.key in keys and (ref := self._at(placed, gap, c, bound))]
        return "=" + "+".join(f"MAX(0,{cell})" for cell in cells) if cells else None


def _row_col(cell: str) -> tuple[int, int]:
    from xlsxwriter.utility import xl_cell_to_rowcol

    row, col = xl_cell_to_rowcol(cell.replace("$", ""))
    return int(row), int(col)


def _headers(column: Column, span: int) -> list[str]:
    """A column's header above numbers: the amount's with its unit, or its low and high."""
    if span == 2:
        low, high = column.bound_headers
        return [low, high] if low and high else [column.number_header or column.header] * 2
    return [column.number_header or column.header]
