"""``--format xlsx``: a workbook a controller can audit (XlsxWriter, imported only here).

One sheet per plan (and a summary sheet first when there are several): the measures with
real numeric cells, then Summa, possible effect, sparbeting, the gap (signed, under a label
true whatever the sign the spreadsheet recalculates), over per-year targets where a year falls
short the shortfall (``=MAX(0,gap 2024)+MAX(0,gap 2025)…``), and the coverage.
Every total is a formula in the file (``=SUMIFS(…;Medräknad;"ja")``, ``=target−total``), so
Excel or LibreOffice recomputes it from the rows; budgetbalans's own figure is stored as
the formula's cached result for viewers that do not recalculate. Subtotals of
``--group-by`` are values from :mod:`budgetbalans.grouping`.

Amounts are in the report's unit, with a Swedish-looking number format (``#,##0``: Swedish
Excel shows the grouping as a space, and a decimal comma). When any figure is a range,
every year and the total get a low and a high column; an unbounded high is an empty cell.

``follow-up``: one sheet, a row per measure with the year's planned effect and forecast as
numbers, the deviation as a formula (``=forecast−planned``, bound by bound, red below zero)
and the outcome; Summa as ``=SUM`` (its deviation again forecast − planned); the target and
the forecast gap as budgetbalans's figures.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Sequence

from budgetbalans.core import MeasureResult, PlanResult, Summary, Totals
from budgetbalans.followup import FollowUp, FollowUpKind, FollowUpLine
from budgetbalans.grouping import group_totals
from budgetbalans.money import Range, Unit
from budgetbalans.render import numbers
from budgetbalans.render.followup import (
    caption, follow_up_has_ranges, followed_up_word, forecast_gap_label, full_title, lower_first,
    not_followed_note,
)
from budgetbalans.render.report import (
    GapSign, Report, gap_label, gap_sign, group_name, has_ranges, measure_status, plan_heading, shortfall_row,
    shown_gap, warnings,
)
from budgetbalans.render.labels import label
from budgetbalans.render.view import View

if TYPE_CHECKING:
    from xlsxwriter.workbook import Workbook  # type: ignore[import-untyped]
    from xlsxwriter.worksheet import Worksheet  # type: ignore[import-untyped]

_AMOUNT_FORMAT = {Unit.KR: "#,##0", Unit.TKR: "#,##0", Unit.MKR: "#,##0.00"}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
HEADER_ROW = 3  # title, subtitle, blank, then the header (frozen)


def render(summary: Summary, report: Report) -> bytes:
    """The workbook's bytes."""
    import xlsxwriter  # type: ignore[import-untyped]

    out = io.BytesIO()
    workbook = _workbook(xlsxwriter, out)
    styles = _styles(workbook, report.view.unit)
    names = sheet_names([r.plan.title for r in summary.plans])
    ranges = has_ranges(summary)
    summary_sheet = workbook.add_worksheet(label("summary_sheet", report.view.lang)[:31]) if len(names) > 1 else None
    anchors = [_plan_sheet(workbook.add_worksheet(name), result, ranges, report, styles, summary_sheet is None)
               for name, result in zip(names, summary.plans)]
    if summary_sheet is not None:
        _summary_sheet(summary_sheet, summary, list(zip(names, anchors)), ranges, report, styles)
    workbook.close()
    return out.getvalue()


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


def _styles(workbook: Workbook, unit: Unit) -> dict[str, Any]:
    amount = _AMOUNT_FORMAT[unit]
    return {
        "title": workbook.add_format({"bold": True, "font_size": 14, "text_wrap": True, "valign": "top"}),
        "subtitle": workbook.add_format({"italic": True, "font_color": "#555555", "text_wrap": True,
                                         "valign": "top"}),
        "header": workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#E8EEF4", "text_wrap": True,
                                       "valign": "top"}),
        "text": workbook.add_format({"text_wrap": True, "valign": "top"}),
        "dim": workbook.add_format({"text_wrap": True, "valign": "top", "font_color": "#888888"}),
        "amount": workbook.add_format({"num_format": amount, "valign": "top"}),
        "dim_amount": workbook.add_format({"num_format": amount, "valign": "top", "font_color": "#888888"}),
        "total_label": workbook.add_format({"bold": True, "top": 1}),
        "total": workbook.add_format({"num_format": amount, "bold": True, "top": 1}),
        "label": workbook.add_format({}),
        "gap_label": workbook.add_format({"bold": True}),
        "gap": workbook.add_format({"num_format": amount, "bold": True}),
        # target − total and the shortfall: red when above zero, whatever the spreadsheet recalculates
        "signed_gap": workbook.add_format({"num_format": f"[Red]{amount};-{amount};{amount}", "bold": True}),
        "percent": workbook.add_format({"num_format": "0%"}),
        "warning": workbook.add_format({"font_color": "#9C5700"}),
    }


_LINE_HEIGHT = 15.0  # points per line of 11-point text
_HEADER_FOOTER_MAX = 255  # Excel's limit on a header or footer, codes included


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (an estimate:
    word by word, about one character per unit of column width; a word longer than a line is split)."""
    capacity = max(1, int(width))
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
    return numbers.clean(text).replace("\n", " ").replace("&", "&&")


def _within_limit(prefix: str, text: str, suffix: str) -> str:
    """``prefix + text + suffix`` with ``text`` (escaped) shortened with "…" to Excel's 255 characters."""
    room = _HEADER_FOOTER_MAX - len(prefix) - len(suffix)
    raw = numbers.clean(text)
    if len(header_footer_text(raw)) <= room:
        return prefix + header_footer_text(raw) + suffix
    while raw and len(header_footer_text(raw)) + 1 > room:
        raw = raw[:-1]
    return prefix + header_footer_text(raw.rstrip()) + "…" + suffix


def _print_setup(sheet: Worksheet, title: str, report: Report) -> None:
    """Print-ready: A4 landscape, one page wide (as many pages tall as needed), the header rows on
    every page, the title in the page header, the report date and the page number in the footer."""
    view = report.view
    sheet.set_paper(9)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(HEADER_ROW)
    sheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    sheet.set_header(_within_limit("&C", title, ""))
    date = header_footer_text(label("report_date", view.lang, date=report.today.isoformat())) if report.today else ""
    sheet.set_footer(f"&L{date}&R&P / &N" if date else "&R&P / &N")


def _heading(sheet: Worksheet, title: str, subtitle: str, last_col: int, widths: Sequence[float],
             styles: dict[str, Any]) -> None:
    """The title and the subtitle, each merged over the sheet's columns and wrapped within them."""
    width = sum(widths)
    for row, text, style, font_lines in ((0, title, "title", 1.3), (1, subtitle, "subtitle", 1.0)):
        if last_col > 0:
            sheet.merge_range(row, 0, row, last_col, "", styles[style])
        sheet.write_string(row, 0, text, styles[style])
        # 14-point text: about 0.8 characters per unit of width
        _fit_row(sheet, row, [(text, width * (0.8 if style == "title" else 1.0))], font_lines)


def sheet_names(titles: Sequence[str]) -> list[str]:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique regardless of case."""
    names: list[str] = []
    for title in titles:
        base = _SHEET_FORBIDDEN.sub(" ", numbers.clean(title)).strip(" '") or "Plan"
        name, n = base[:31], 1
        while name.lower() in {taken.lower() for taken in names}:
            n += 1
            name = f"{base[:31 - len(str(n)) - 3]} ({n})"
        names.append(name)
    return names


def ref(sheet: str, row: int, col: int) -> str:
    from xlsxwriter.utility import quote_sheetname, xl_rowcol_to_cell  # type: ignore[import-untyped]

    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


@dataclass(frozen=True)
class _Columns:
    """Where each year's (and the total's) low and high are: the same column without ranges."""

    years: Sequence[int]
    first: int
    ranges: bool

    def low(self, index: int) -> int:
        return self.first + index * (2 if self.ranges else 1)

    def high(self, index: int) -> int:
        return self.low(index) + (1 if self.ranges else 0)

    @property
    def total(self) -> int:
        return len(self.years)  # the index after the years

    @property
    def after(self) -> int:
        return self.high(self.total) + 1

    def headers(self, view: View) -> list[str]:
        unit, lang = view.unit.value, view.lang
        result = []
        for name in [*map(str, self.years), label("total", lang)]:
            result += ([f"{name} {label('low', lang)} ({unit})", f"{name} {label('high', lang)} ({unit})"]
                       if self.ranges else [f"{name} ({unit})"])
        return result

    def bounds(self, index: int) -> list[tuple[int, str]]:
        return [(self.low(index), "low"), (self.high(index), "high")] if self.ranges else [(self.low(index), "low")]


def _bound(value: Range, which: str) -> Decimal | None:
    return value.low if which == "low" else value.high


@dataclass(frozen=True)
class Anchor:
    """Where a plan sheet's Summa row is, for the summary sheet's formulas."""

    total_row: int
    columns: _Columns


_FIXED = ("id", "measure", "area", "status", "counted")
_WIDTHS = (6, 46, 26, 14, 11)
_AMOUNT_WIDTH, _CLASS_WIDTH = 13, 10


def _plan_sheet(sheet: Worksheet, result: PlanResult, ranges: bool, report: Report,
                styles: dict[str, Any], alone_in_workbook: bool) -> Anchor:
    view = report.view
    columns = _Columns(result.totals.years, len(_FIXED), ranges)
    subtitle = [numbers.clean(result.plan.path), label("unit", view.lang, unit=view.unit.value)]
    if view.statuses:
        subtitle.append(label("statuses_only", view.lang, statuses=", ".join(view.statuses)))
    headers = [label(k, view.lang) for k in _FIXED] + columns.headers(view) + [label("class", view.lang)]
    widths = [*_WIDTHS, *[_AMOUNT_WIDTH] * (columns.after - columns.first), _CLASS_WIDTH]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    _heading(sheet, plan_heading(result.plan), " · ".join(part for part in subtitle if part), columns.after,
             widths, styles)
    sheet.write_row(HEADER_ROW, 0, headers, styles["header"])
    _fit_row(sheet, HEADER_ROW, list(zip(headers, widths)))
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(sheet, plan_heading(result.plan), report)
    first = HEADER_ROW + 1
    for offset, measure in enumerate(result.measures):
        _measure_row(sheet, first + offset, measure, columns, view, styles)
    last = first + len(result.measures) - 1
    total_row = last + 2
    _totals_block(sheet, total_row, (first, last), result.totals, columns, view, styles)
    row = total_row + 7
    alone = Summary((result,), result.totals)
    if report.group_by is not None and alone_in_workbook:
        row = _groups_block(sheet, row, alone, report, styles)
    for line in warnings(alone, view):
        sheet.write_string(row, 0, f"{label('warning', view.lang)}: {line}", styles["warning"])
        row += 1
    return Anchor(total_row, columns)


def _measure_row(sheet: Worksheet, row: int, result: MeasureResult, columns: _Columns, view: View,
                 styles: dict[str, Any]) -> None:
    measure = result.measure
    text, amount = (styles["text"], styles["amount"]) if result.counted else (styles["dim"], styles["dim_amount"])
    cells = [measure.id, measure.title, measure.area or "", measure_status(result, view),
             label("yes" if result.counted else "no", view.lang)]
    for col, value in enumerate(cells):
        sheet.write_string(row, col, numbers.clean(value), text)  # always text: a title never becomes a formula
    _fit_row(sheet, row, [(numbers.clean(value), width) for value, width in zip(cells, _WIDTHS)])
    for index, year in enumerate(columns.years):
        if year in result.effects:
            for col, which in columns.bounds(index):
                _number(sheet, row, col, _bound(result.effects[year], which), view.unit, amount)
    if result.effects:
        for col, which in columns.bounds(columns.total):
            cells_of_year = [columns.low(i) if which == "low" else columns.high(i) for i in range(len(columns.years))]
            _formula(sheet, row, col, _row_sum(row, cells_of_year), _bound(result.total, which), view.unit, amount)
    if result.interval_class:
        sheet.write_string(row, columns.after, str(result.interval_class), text)


def _row_sum(row: int, cols: Sequence[int]) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return "=SUM(" + ",".join(xl_rowcol_to_cell(row, col) for col in cols) + ")" if cols else "=0"


def _number(sheet: Worksheet, row: int, col: int, kronor: Decimal | None, unit: Unit, style: Any) -> None:
    if kronor is not None:  # an unbounded high stays an empty cell
        sheet.write_number(row, col, cell_number(kronor, unit), style)


def _formula(sheet: Worksheet, row: int, col: int, formula: str, kronor: Decimal | None, unit: Unit,
             style: Any) -> None:
    """A total as a formula, with budgetbalans's figure as its cached value; unbounded: empty."""
    if kronor is not None:
        sheet.write_formula(row, col, formula, style, cell_number(kronor, unit))


def _totals_block(sheet: Worksheet, row: int, measures: tuple[int, int], totals: Totals, columns: _Columns,
                  view: View, styles: dict[str, Any]) -> None:
    """Summa (SUMIFS over the counted rows), possible effect, sparbeting, gap, coverage."""
    from xlsxwriter.utility import xl_range_abs

    first, last = measures
    counted = xl_range_abs(first, len(_FIXED) - 1, last, len(_FIXED) - 1)
    yes = label("yes", view.lang)
    sheet.write_string(row, 1, label("total", view.lang), styles["total_label"])
    for index in range(len(columns.years) + 1):
        value = totals.total if index == columns.total else totals.per_year[columns.years[index]]
        for col, which in columns.bounds(index):
            formula = (f'=SUMIFS({xl_range_abs(first, col, last, col)},{counted},"{yes}")' if last >= first else "=0")
            _formula(sheet, row, col, formula, _bound(value, which), view.unit, styles["total"])
    if totals.potential.high != 0:
        sheet.write_string(row + 1, 1, label("potential", view.lang), styles["dim"])
        for col, which in columns.bounds(columns.total):
            _number(sheet, row + 1, col, _bound(totals.potential, which), view.unit, styles["dim_amount"])
    _target_rows(sheet, row, totals, columns, view, styles)


def _target_rows(sheet: Worksheet, total_row: int, totals: Totals, columns: _Columns, view: View,
                 styles: dict[str, Any]) -> None:
    """Sparbeting; the gap as ``=target − Summa`` under a label true whatever its sign; over per-year
    targets where a year falls short, the shortfall (``MAX(0; gap)`` of each year, added up); coverage."""
    from xlsxwriter.utility import xl_rowcol_to_cell as cell

    target_row, gap_line = total_row + 2, total_row + 3
    if totals.target is None or totals.gap is None:
        sheet.write_string(target_row, 1, f"{label('target', view.lang)}: {label('no_target', view.lang)}",
                           styles["label"])
        return
    gap = totals.gap
    sheet.write_string(target_row, 1, label("target", view.lang), styles["label"])
    targets: dict[int, Decimal] = {columns.total: totals.target.total}
    if totals.target.years is not None:
        targets.update({i: totals.target.years.get(y, Decimal(0)) for i, y in enumerate(columns.years)})
    for index, amount in targets.items():
        _number(sheet, target_row, columns.low(index), amount, view.unit, styles["amount"])
    # The spreadsheet recalculates the gap, so its label must be true whatever the sign: signed.
    sheet.write_string(gap_line, 1, gap_label(GapSign.SIGNED, view), styles["gap_label"])
    for index in targets:
        value = gap.total if index == columns.total else (gap.years or {}).get(columns.years[index])
        if value is None:
            continue
        target = cell(target_row, columns.low(index))
        low, high = cell(total_row, columns.low(index)), cell(total_row, columns.high(index))
        # gap = target − total: its low uses the total's high.
        formulas = {"low": f"={target}-{high}", "high": f"={target}-{low}"}
        for col, which in columns.bounds(index):
            _formula(sheet, gap_line, col, formulas[which], _bound(value, which), view.unit, styles["signed_gap"])
    coverage_row = gap_line + 1
    shortfall = shortfall_row(totals, view)
    if shortfall is not None:
        name, amount_range = shortfall
        sheet.write_string(coverage_row, 1, name, styles["gap_label"])
        for col, which in columns.bounds(columns.total):
            year_cols = [columns.low(i) if which == "low" else columns.high(i) for i in range(len(columns.years))]
            formula = "=" + "+".join(f"MAX(0,{cell(gap_line, c)})" for c in year_cols) if year_cols else "=0"
            _formula(sheet, coverage_row, col, formula, _bound(amount_range, which), view.unit, styles["signed_gap"])
        coverage_row += 1
    sheet.write_string(coverage_row, 1, label("coverage", view.lang), styles["label"])
    if totals.target.total > 0:
        target = cell(target_row, columns.low(columns.total))
        totals_cells = cell(total_row, columns.low(columns.total)), cell(total_row, columns.high(columns.total))
        _coverage(sheet, coverage_row, columns, columns.total, target, totals_cells, totals, styles)


def _coverage(sheet: Worksheet, row: int, columns: _Columns, index: int, target: str, totals_cells: tuple[str, str],
              totals: Totals, styles: dict[str, Any]) -> None:
    shares = totals.coverage()
    assert shares is not None
    for (col, which), share, total_cell in zip(columns.bounds(index), shares, totals_cells):
        if share is not None and _bound(totals.total, which) is not None:
            sheet.write_formula(row, col, f"={total_cell}/{target}", styles["percent"], float(share))


def _groups_block(sheet: Worksheet, row: int, summary: Summary, report: Report, styles: dict[str, Any]) -> int:
    """``--group-by``: the subtotals (values from the core), under a heading."""
    assert report.group_by is not None
    view, by = report.view, report.group_by
    columns = _Columns(summary.years, len(_FIXED), has_ranges(summary))
    title = label("subtotals", view.lang, by=label(f"group_{by.value}", view.lang).lower())
    sheet.write_string(row, 1, title, styles["gap_label"])
    for group in group_totals(summary, by):
        row += 1
        sheet.write_string(row, 1, group_name(group, view), styles["text"])
        _fit_row(sheet, row, [(group_name(group, view), _WIDTHS[1])])
        for index in range(len(columns.years) + 1):
            value = group.total if index == columns.total else group.per_year[columns.years[index]]
            for col, which in columns.bounds(index):
                _number(sheet, row, col, _bound(value, which), view.unit, styles["amount"])
    return row + 2


def _summary_sheet(sheet: Worksheet, summary: Summary, plans: Sequence[tuple[str, Anchor]], ranges: bool,
                   report: Report, styles: dict[str, Any]) -> None:
    """Several plans: each plan's Summa row (formulas into its sheet), their sum, target, gap, coverage."""
    view = report.view
    columns = _Columns(summary.years, len(_FIXED), ranges)
    headers = ["", label("plan", view.lang), "", "", ""] + columns.headers(view)
    widths = [4, 46, 2, 2, 4, *[_AMOUNT_WIDTH] * (columns.after - columns.first)]
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    title = label("all_plans", view.lang)
    _heading(sheet, title, label("unit", view.lang, unit=view.unit.value), columns.after - 1, widths, styles)
    sheet.write_row(HEADER_ROW, 0, headers, styles["header"])
    _fit_row(sheet, HEADER_ROW, list(zip(headers, widths)))
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(sheet, title, report)
    first = HEADER_ROW + 1
    for offset, ((name, anchor), result) in enumerate(zip(plans, summary.plans)):
        row = first + offset
        sheet.write_string(row, 1, plan_heading(result.plan), styles["text"])
        _fit_row(sheet, row, [(plan_heading(result.plan), 46)])
        sheet.write_string(row, len(_FIXED) - 1, label("yes", view.lang), styles["dim"])
        _plan_link(sheet, row, columns, name, anchor, result.totals, view, styles)
    total_row = first + len(plans) + 1
    _totals_block(sheet, total_row, (first, first + len(plans) - 1), summary.totals, columns, view, styles)
    row = total_row + 7
    if report.group_by is not None:
        row = _groups_block(sheet, row, summary, report, styles)
    for line in warnings(summary, view):
        sheet.write_string(row, 0, f"{label('warning', view.lang)}: {line}", styles["warning"])
        row += 1


def _plan_link(sheet: Worksheet, row: int, columns: _Columns, name: str, anchor: Anchor, totals: Totals,
               view: View, styles: dict[str, Any]) -> None:
    """A plan's totals per year, as references to the Summa row of its own sheet."""
    own = {year: index for index, year in enumerate(anchor.columns.years)}
    for index in range(len(columns.years) + 1):
        if index == columns.total:
            source, value = anchor.columns.total, totals.total
        elif columns.years[index] in own:
            source, value = own[columns.years[index]], totals.per_year[columns.years[index]]
        else:
            continue
        for (col, which), (source_col, _) in zip(columns.bounds(index), anchor.columns.bounds(source)):
            _formula(sheet, row, col, "=" + ref(name, anchor.total_row, source_col), _bound(value, which),
                     view.unit, styles["amount"])


# --- follow-up (uppföljning) -----------------------------------------------------------------

# The plan column only when several plans are followed up (one plan is named in the title); no
# "counted" column: "Uppföljd" already says "ej medräknad" and the status "(möjlig)".
_FOLLOW_WIDTHS = {"plan": 28, "id": 6, "measure": 46, "status": 14, "followed_up": 13}
_FOLLOW_AMOUNTS = ("planned_in", "forecast_in", "deviation_in", "outcome_in")
PLANNED, FORECAST, DEVIATION, OUTCOME = range(4)  # the amount columns, as _Columns' "years"


@dataclass(frozen=True)
class _FollowLayout:
    fixed: tuple[str, ...]
    columns: _Columns

    @property
    def label_col(self) -> int:
        """Where Summa, the target and the gap are named: the measure column."""
        return self.fixed.index("measure")


def follow_up_fixed(report: FollowUp) -> tuple[str, ...]:
    several = len({line.result.plan.path for line in report.lines}) > 1
    return (("plan",) if several else ()) + ("id", "measure", "status", "followed_up")


def render_follow_up(report: FollowUp, options: Report) -> bytes:
    """The follow-up workbook's bytes: one sheet."""
    import xlsxwriter

    view = options.view
    out = io.BytesIO()
    workbook = _workbook(xlsxwriter, out)
    styles = _follow_up_styles(workbook, view.unit)
    sheet = workbook.add_worksheet(sheet_names([label("follow_up_sheet", view.lang, year=report.year)])[0])
    fixed = follow_up_fixed(report)
    layout = _FollowLayout(fixed, _Columns((PLANNED, FORECAST, DEVIATION, OUTCOME), len(fixed),
                                           follow_up_has_ranges(report)))
    _follow_up_head(sheet, report, layout, options, styles)
    first = HEADER_ROW + 1
    for offset, line in enumerate(report.lines):
        _follow_up_row(sheet, first + offset, line, layout, view, styles)
    total_row = first + len(report.lines) + 1
    _follow_up_totals(sheet, total_row, (first, first + len(report.lines) - 1), report, layout, view, styles)
    notes = [note for note in (not_followed_note(report, view), label("short_note", view.lang)) if note]
    for offset, note in enumerate(notes):
        sheet.write_string(total_row + 4 + offset, layout.label_col, note, styles["warning"])
    workbook.close()
    return out.getvalue()


def _follow_up_styles(workbook: Workbook, unit: Unit) -> dict[str, Any]:
    """summarize's styles, and a deviation format that is red below zero (below plan)."""
    styles = _styles(workbook, unit)
    amount = _AMOUNT_FORMAT[unit]
    red_below_zero = f"{amount};[Red]-{amount}"
    styles["deviation"] = workbook.add_format({"num_format": red_below_zero, "valign": "top"})
    styles["dim_deviation"] = workbook.add_format({"num_format": red_below_zero, "valign": "top",
                                                   "font_color": "#888888"})
    styles["total_deviation"] = workbook.add_format({"num_format": red_below_zero, "bold": True, "top": 1})
    styles["not_followed"] = workbook.add_format({"valign": "top", "bold": True, "font_color": "#9C5700",
                                                  "text_wrap": True})
    return styles


def _follow_up_widths(layout: _FollowLayout) -> list[float]:
    columns = layout.columns
    return [*(_FOLLOW_WIDTHS[key] for key in layout.fixed), *[14] * (columns.high(OUTCOME) + 1 - columns.first)]


def _follow_up_head(sheet: Worksheet, report: FollowUp, layout: _FollowLayout, options: Report,
                    styles: dict[str, Any]) -> None:
    view, columns = options.view, layout.columns
    headers = [label(k, view.lang) for k in layout.fixed]
    for key in _FOLLOW_AMOUNTS:
        name = label(key, view.lang, year=report.year)
        headers += ([f"{name} {label('low', view.lang)} ({view.unit.value})",
                     f"{name} {label('high', view.lang)} ({view.unit.value})"]
                    if columns.ranges else [f"{name} ({view.unit.value})"])
    widths = _follow_up_widths(layout)
    for col, width in enumerate(widths):
        sheet.set_column(col, col, width)
    _heading(sheet, full_title(report, view), caption(report, view), len(widths) - 1, widths, styles)
    sheet.write_row(HEADER_ROW, 0, headers, styles["header"])
    _fit_row(sheet, HEADER_ROW, list(zip(headers, widths)))
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    _print_setup(sheet, full_title(report, view), options)


def _follow_up_row(sheet: Worksheet, row: int, line: FollowUpLine, layout: _FollowLayout, view: View,
                   styles: dict[str, Any]) -> None:
    from xlsxwriter.utility import xl_rowcol_to_cell as cell

    result, columns = line.result, layout.columns
    counted = result.counted
    text, amount = (styles["text"], styles["amount"]) if counted else (styles["dim"], styles["dim_amount"])
    values = {"plan": plan_heading(result.plan), "id": result.measure.id, "measure": result.measure.title,
              "status": measure_status(result, view), "followed_up": followed_up_word(line, view)}
    for col, key in enumerate(layout.fixed):
        style = styles["not_followed"] if key == "followed_up" and line.kind is FollowUpKind.NOT_FOLLOWED_UP else text
        sheet.write_string(row, col, numbers.clean(values[key]), style)  # always text: never a formula
    _fit_row(sheet, row, [(numbers.clean(values[key]), _FOLLOW_WIDTHS[key]) for key in layout.fixed])
    for index, value in ((PLANNED, line.planned), (FORECAST, line.forecast), (OUTCOME, line.outcome)):
        for col, which in columns.bounds(index):
            if value is not None:
                _number(sheet, row, col, _bound(value, which), view.unit, amount)
    deviation_style = styles["deviation"] if counted else styles["dim_deviation"]
    for (col, which), (planned, _), (forecast, _) in zip(columns.bounds(DEVIATION), columns.bounds(PLANNED),
                                                         columns.bounds(FORECAST)):
        _formula(sheet, row, col, f"={cell(row, forecast)}-{cell(row, planned)}", _bound(line.deviation, which),
                 view.unit, deviation_style)


def _follow_up_totals(sheet: Worksheet, row: int, measures: tuple[int, int], report: FollowUp,
                      layout: _FollowLayout, view: View, styles: dict[str, Any]) -> None:
    """Summa (=SUM; its deviation = forecast − planned), the target, and the forecast gap as
    ``=target − forecast Summa`` (bound by bound) under a label true whatever its sign."""
    from xlsxwriter.utility import xl_range_abs, xl_rowcol_to_cell as cell

    first, last = measures
    columns, name_col = layout.columns, layout.label_col
    sheet.write_string(row, name_col, label("total", view.lang), styles["total_label"])
    for index, value in ((PLANNED, report.planned), (FORECAST, report.forecast)):
        for col, which in columns.bounds(index):
            formula = f"=SUM({xl_range_abs(first, col, last, col)})" if last >= first else "=0"
            _formula(sheet, row, col, formula, _bound(value, which), view.unit, styles["total"])
    for (col, which), (planned, _), (forecast, _) in zip(columns.bounds(DEVIATION), columns.bounds(PLANNED),
                                                         columns.bounds(FORECAST)):
        _formula(sheet, row, col, f"={cell(row, forecast)}-{cell(row, planned)}", _bound(report.deviation, which),
                 view.unit, styles["total_deviation"])
    if report.target is None or report.forecast_gap is None:
        sheet.write_string(row + 1, name_col, f"{label('target', view.lang)}: {label('no_target', view.lang)}",
                           styles["label"])
        return
    sheet.write_string(row + 1, name_col, label("target", view.lang), styles["label"])
    target_col = columns.low(FORECAST)
    _number(sheet, row + 1, target_col, report.target, view.unit, styles["amount"])
    gap = report.forecast_gap
    if Range.exact(report.target) - report.forecast != gap:
        # a period target: the gap also counts the other years' planned effects, which the sheet
        # does not show; budgetbalans's figure, labelled by the core's kind
        kind = report.forecast_gap_kind
        assert kind is not None
        sheet.write_string(row + 2, name_col, forecast_gap_label(kind, view), styles["gap_label"])
        shown = shown_gap(gap, gap_sign([kind]))
        for col, which in columns.bounds(FORECAST):
            _number(sheet, row + 2, col, _bound(shown, which), view.unit, styles["gap"])
        return
    # A formula the spreadsheet recalculates: its label must be true whatever the sign (signed).
    signed = label("forecast_named", view.lang, what=lower_first(gap_label(GapSign.SIGNED, view)))
    sheet.write_string(row + 2, name_col, signed, styles["gap_label"])
    target = cell(row + 1, target_col)
    low, high = cell(row, columns.low(FORECAST)), cell(row, columns.high(FORECAST))
    formulas = {"low": f"={target}-{high}", "high": f"={target}-{low}"}  # its low uses the forecast's high
    for col, which in columns.bounds(FORECAST):
        _formula(sheet, row + 2, col, formulas[which], _bound(gap, which), view.unit, styles["signed_gap"])
