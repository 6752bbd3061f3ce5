"""``--format csv``: for Swedish Excel, opened by double-click.

- ``;`` between fields, decimal comma, UTF-8 with a byte-order mark (so Excel reads å, ä,
  ö), CRLF line ends: Swedish Excel then opens the file as numbers in columns.
- Amounts in the report's unit (``--unit``, default the plans' own), named in the headers,
  written exactly (never rounded: ``1,575`` mkr is 1 575 000 kr) with no digit grouping.
- One row per measure: plan, id, title, area, status, counted (ja/nej), a column per year,
  the total and the class. Then subtotals (``--group-by``), each plan's totals (when several)
  and the totals: Summa, possible effect, sparbeting, and the gap; over per-year targets where a
  year falls short, also the shortfall (``Kvar att spara (2025)``: the years' positive gaps added up).
- When any figure is a range, every year and the total get two columns, low and high; an
  unbounded high is an empty cell.
- Plan text that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
  leading ``'`` so that a spreadsheet never reads it as a formula (CSV injection).
- ``follow-up``: a row per measure with the year's planned effect, forecast, deviation and
  outcome (and whether it is counted and followed up), then Summa, Sparbeting and the
  forecast gap, in the same cells and notation.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Mapping, Sequence

from budgetbalans.core import MeasureResult, Summary, Totals
from budgetbalans.followup import FollowUp, FollowUpLine
from budgetbalans.grouping import group_totals
from budgetbalans.money import Range, Unit
from budgetbalans.render import numbers
from budgetbalans.render.labels import label
from budgetbalans.render.report import (
    Report, ReportKind, gap_label, gap_row, gap_sign, group_name, has_ranges, measure_status, shortfall_row,
    shown_gap,
)
from budgetbalans.render.view import View

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
Cell = str


def render(summary: Summary, report: Report) -> bytes:
    """The CSV file's bytes: BOM, header, measures (summarize only), subtotals and totals."""
    layout = _Layout(summary.years, has_ranges(summary), report.view)
    rows: list[list[Cell]] = [layout.header()]
    several = len(summary.plans) > 1
    if report.kind is ReportKind.SUMMARY:
        rows += [layout.measure_row(m) for m in summary.measures]
    if report.group_by is not None:
        for group in group_totals(summary, report.group_by):
            name = f"{label('subtotal', report.view.lang)}: {group_name(group, report.view)}"
            rows.append(layout.total_row("", name, group.per_year, group.total))
    if several:
        for plan in summary.plans:
            rows += layout.totals_rows(plan.plan.title, plan.totals)
    rows += layout.totals_rows(label("all_plans", report.view.lang) if several else summary.plans[0].plan.title
                               if summary.plans else "", summary.totals)
    return write(rows)


def write(rows: Sequence[Sequence[Cell]]) -> bytes:
    """The rows as Swedish Excel opens them: ``;``, CRLF, UTF-8 with a byte-order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return (BOM + out.getvalue()).encode("utf-8")


def text(value: str) -> Cell:
    """Plan text as a cell: control characters removed, never the start of a formula."""
    cleaned = numbers.clean(value.replace("\r\n", "\n"))
    risky = value.startswith(FORMULA_START) or cleaned.lstrip().startswith(FORMULA_START)
    return "'" + cleaned if risky else cleaned


def number(kronor: Decimal | None, unit: Unit) -> Cell:
    """An amount in ``unit``, exact, decimal comma, no grouping: ``1605``, ``1,575``, ``-400``; unbounded is empty."""
    if kronor is None:
        return ""
    return f"{(kronor / unit.kronor).normalize():f}".replace(".", ",")


def amount_cells(value: Range | None, ranges: bool, unit: Unit) -> list[Cell]:
    """One cell (or low and high when the report has ranges); nothing known is empty."""
    if value is None:
        return ["", ""] if ranges else [""]
    low, high = number(value.low, unit), number(value.high, unit)
    return [low, high] if ranges else [low]


class _Layout:
    """The columns: plan, id, title, area, status, counted, then per year (low, high) and the total, class."""

    def __init__(self, years: Sequence[int], ranges: bool, view: View) -> None:
        self.years, self.ranges, self.view = years, ranges, view

    def header(self) -> list[Cell]:
        lang, unit = self.view.lang, self.view.unit.value
        names = [label(k, lang) for k in ("plan", "id", "measure", "area", "status", "counted")]
        for name in [*map(str, self.years), label("total", lang)]:
            names += ([f"{name} {label('low', lang)} ({unit})", f"{name} {label('high', lang)} ({unit})"]
                      if self.ranges else [f"{name} ({unit})"])
        return names + [label("class", lang)]

    def amounts(self, value: Range | None) -> list[Cell]:
        return amount_cells(value, self.ranges, self.view.unit)

    def measure_row(self, result: MeasureResult) -> list[Cell]:
        measure, lang = result.measure, self.view.lang
        cells = [text(result.plan.title), text(measure.id), text(measure.title), text(measure.area or ""),
                 measure_status(result, self.view), label("yes" if result.counted else "no", lang)]
        for year in self.years:
            cells += self.amounts(result.effects.get(year))
        cells += self.amounts(result.total if result.effects else None)
        return cells + [str(result.interval_class) if result.interval_class else ""]

    def total_row(self, plan: str, name: str, per_year: Mapping[int, Range] | None, whole: Range | None) -> list[Cell]:
        cells = [text(plan), "", text(name), "", "", ""]
        for year in self.years:
            cells += self.amounts(None if per_year is None else per_year.get(year))
        return cells + self.amounts(whole) + [""]

    def totals_rows(self, plan: str, totals: Totals) -> list[list[Cell]]:
        lang = self.view.lang
        rows = [self.total_row(plan, label("total", lang), totals.per_year, totals.total)]
        if totals.potential.high != 0:
            rows.append(self.total_row(plan, label("potential", lang), None, totals.potential))
        if totals.target is None:
            return rows + [self.total_row(plan, f"{label('target', lang)}: {label('no_target', lang)}", None, None)]
        target_years = None if totals.target.years is None else {
            y: Range.exact(v) for y, v in totals.target.years.items()}
        rows.append(self.total_row(plan, label("target", lang), target_years, Range.exact(totals.target.total)))
        shown = gap_row(totals)
        if shown is not None:
            sign, years, whole = shown
            rows.append(self.total_row(plan, gap_label(sign, self.view), years, whole))
        shortfall = shortfall_row(totals, self.view)
        if shortfall is not None:
            rows.append(self.total_row(plan, shortfall[0], None, shortfall[1]))
        return rows


# --- follow-up (uppföljning) -----------------------------------------------------------------


def render_follow_up(report: FollowUp, options: Report) -> bytes:
    """``follow-up --format csv``: a row per measure (planned, forecast, deviation, outcome for the
    year), then Summa, Sparbeting and the forecast gap in the forecast column."""
    # Here, not at the top: render.followup holds the follow-up's rich table, which summarize's CSV never loads.
    from budgetbalans.render.followup import follow_up_has_ranges, forecast_gap, forecast_gap_label, plans_of

    view = options.view
    ranges = follow_up_has_ranges(report)
    rows = [_follow_up_header(report.year, ranges, view)]
    rows += [_follow_up_row(line, ranges, view) for line in report.lines]
    plans = plans_of(report)
    plan = label("all_plans", view.lang) if len(plans) > 1 else plans[0].title if plans else ""

    def total_row(name: str, *values: Range | None) -> list[Cell]:
        padded = [*values, *[None] * (4 - len(values))]
        return [text(plan), "", text(name), "", "", ""] + [c for v in padded for c in amount_cells(v, ranges, view.unit)]

    rows.append(total_row(label("total", view.lang), report.planned, report.forecast, report.deviation))
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        rows.append(total_row(f"{label('target', view.lang)}: {label('no_target', view.lang)}"))
    else:
        value, kind = gap
        rows.append(total_row(label("target", view.lang), None, Range.exact(report.target)))
        rows.append(total_row(forecast_gap_label(kind, view), None, shown_gap(value, gap_sign([kind]))))
    return write(rows)


def _follow_up_header(year: int, ranges: bool, view: View) -> list[Cell]:
    lang, unit = view.lang, view.unit.value
    names = [label(k, lang) for k in ("plan", "id", "measure", "status", "counted", "followed_up")]
    for key in ("planned_in", "forecast_in", "deviation_in", "outcome_in"):
        name = label(key, lang, year=year)
        names += ([f"{name} {label('low', lang)} ({unit})", f"{name} {label('high', lang)} ({unit})"]
                  if ranges else [f"{name} ({unit})"])
    return names


def _follow_up_row(line: FollowUpLine, ranges: bool, view: View) -> list[Cell]:
    from budgetbalans.render.followup import followed_up_word  # only for follow-up (see render_follow_up)

    result, lang = line.result, view.lang
    cells = [text(result.plan.title), text(result.measure.id), text(result.measure.title),
             measure_status(result, view), label("yes" if result.counted else "no", lang),
             followed_up_word(line, view)]
    for value in (line.planned, line.forecast, line.deviation, line.outcome):
        cells += amount_cells(value, ranges, view.unit)
    return cells
