"""Builder of ``follow-up --history``: the core's :class:`~budgetbalans.core.history.History` as a
:class:`~budgetbalans.report.model.Document`.

A section per plan: the forecast per report (a column per report date, then the latest outcome), the target
and the gap as planned and by each report's forecast (in words, never a surplus under a shortfall's label;
signed for a spreadsheet); the change since the previous report; where the year end is known, each report's
error (forecast − outcome) per measure, in total, and the mean absolute error; and the line chart of the gap
as planned and by the forecast, report by report.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal
from typing import Callable

from budgetbalans.core.gap import gap_kind
from budgetbalans.core.history import History, MeasureHistory, PlanHistory, Point, ReportFigures
from budgetbalans.i18n import template
from budgetbalans.plan import notation
from budgetbalans.plan.money import Range
from budgetbalans.report.builders.follow_up import lower_first
from budgetbalans.report.builders.labels import label
from budgetbalans.report.builders.summary import TONE, amount, amount_column, document_words, exact, plan_heading
from budgetbalans.report.builders.wording import gap_words, shown_paths, signed, with_decimals
from budgetbalans.report.model import (
    EMPTY, Audience, BarKind, Cell, Chart, ChartKind, Column, ColumnKind, Document, Line, Note, Row, RowKind,
    Section, Table,
)
from budgetbalans.report.options import View

WORDS = (
    template("label.history_title", "Uppföljningarnas historik {year}", "Follow-up history {year}"),
    template("label.history_forecasts", "Prognos per uppföljning", "Forecast per follow-up"),
    template("label.history_changes", "Förändring sedan förra uppföljningen", "Change since the previous follow-up"),
    template("label.history_accuracy", "Prognosernas träffsäkerhet (prognos − utfall för helåret {date})",
             "The forecasts' accuracy (forecast − outcome for the whole year {date})"),
    template("label.history_no_year_end",
             "Inget utfall för helåret ännu: träffsäkerheten visas när en uppföljning daterad {date} eller senare "
             "anger utfall för {year}.",
             "No outcome for the whole year yet: the accuracy is shown once a follow-up dated {date} or later "
             "records an outcome for {year}."),
    template("label.history_change", "Förändring", "Change"),
    template("label.history_error", "Fel", "Error"),
    template("label.latest_outcome", "Utfall, senast", "Outcome, latest"),
    template("label.year_outcome", "Utfall helår", "Outcome, whole year"),
    template("label.error_total", "Summa fel", "Total error"),
    template("label.mean_absolute_error", "Medelabsolutfel", "Mean absolute error"),
    template("label.planned_gap", "Planerat: {what}", "Planned: {what}"),
    template("label.gap_signed_history", "gap (sparbeting − summa, negativt = överskott)",
             "gap (target − total, negative = surplus)"),
    template("label.history_chart", "Kvar att spara: planerat och enligt prognos, uppföljning för uppföljning",
             "Still to save: planned and by the forecast, follow-up by follow-up"),
    template("label.history_chart_note",
             "Sparbeting − summa vid varje uppföljning, i {unit}; över noll är kvar att spara, under noll ett "
             "överskott.",
             "Target − total at each follow-up, in {unit}; above zero is still to save, below zero a surplus."),
    template("label.history_error_note",
             "Fel = prognos − utfall för helåret, per åtgärd med ett utfall; medelabsolutfelet är felens absoluta "
             "belopp i genomsnitt, avrundat till hela ören. En åtgärd utan prognos räknas med sin planerade effekt.",
             "Error = forecast − outcome for the whole year, per measure with an outcome; the mean absolute error "
             "is the average of the errors' absolute amounts, rounded to whole öre. A measure without a forecast "
             "counts with its planned effect."),
    template("label.history_not_followed_up",
             "* Ingen prognos vid uppföljningen: åtgärden räknas med sin planerade effekt.",
             "* No forecast at the follow-up: the measure counts with its planned effect."),
    template("label.history_commits", "Uppföljning {date}: commit {commit}", "Follow-up {date}: commit {commit}"),
)


def history_amounts(result: History) -> list[Decimal | None]:
    """Every amount the history shows (for the one number of decimals of the report)."""
    ranges: list[Range | None] = []
    for plan in result.plans:
        for report in plan.reports:
            ranges += [report.planned, report.forecast, report.change, report.planned_gap, report.forecast_gap,
                       report.error, report.mean_absolute_error, Range.exact(report.target) if report.target else None]
        for measure in plan.measures:
            ranges += [measure.planned, measure.outcome, measure.year_outcome]
            ranges += [v for point in measure.points if point is not None
                       for v in (point.forecast, point.change, point.error)]
    return [end for value in ranges if value is not None for end in (value.low, value.high)]


def _date_columns(plan: PlanHistory, view: View, what: str, first: int = 0) -> tuple[Column, ...]:
    """A column per report date from the ``first``: headed by its date; for a spreadsheet, whose one table of
    every row (CSV) holds the forecasts, changes and errors side by side, by ``what`` it holds and the date."""
    return tuple(amount_column(f"{what}:{index}", report.as_of.isoformat(), view, ColumnKind.AMOUNT,
                               number_name=f"{label(what, view.lang)} {report.as_of.isoformat()}")
                 for index, report in enumerate(plan.reports) if index >= first)


def _head_columns(view: View) -> tuple[Column, ...]:
    return (Column("id", label("id", view.lang)), Column("measure", label("measure", view.lang), ColumnKind.NAME,
                                                         wide=True))


def _measure_cells(measure: MeasureHistory) -> tuple[Cell, ...]:
    return (Cell(notation.clean(measure.id)), Cell(notation.clean(measure.title)))


def _changed(value: Range | None, view: View) -> Cell:
    return EMPTY if value is None else Cell(signed(value, view, bound_by_bound=True), value)


def _per_point(measure: MeasureHistory, figure: Callable[[Point], Cell], first: int = 0) -> tuple[Cell, ...]:
    return tuple(EMPTY if point is None else figure(point) for point in measure.points[first:])


def forecast_table(plan: PlanHistory, view: View, key: str) -> Table:
    """A row per measure: planned, the forecast at each report, the latest outcome; then Summa, the target and
    the gap as planned and by the forecast, per report."""
    lang = view.lang
    columns = (*_head_columns(view), amount_column("planned", label("planned", lang), view),
               *_date_columns(plan, view, "forecast"), amount_column("outcome", label("latest_outcome", lang), view))
    rows = [Row(RowKind.MEASURE, (*_measure_cells(measure), amount(measure.planned, view),
                                  *_per_point(measure, lambda point: _forecast(point, view)),
                                  amount(measure.outcome, view)))
            for measure in plan.measures]
    rows.append(_report_row(RowKind.TOTAL, label("total", lang), plan, lambda r: amount(r.forecast, view),
                            amount(plan.reports[-1].planned, view), sums=tuple(range(len(rows)))))
    if any(report.target is not None for report in plan.reports):
        rows.append(_report_row(RowKind.TARGET, label("target", lang), plan, lambda r: exact(r.target, view)))
        rows += _gap_rows(plan, view)
    unmarked = all(point is None or point.followed_up or not point.counted
                   for measure in plan.measures for point in measure.points)
    return Table(key, label("history_forecasts", lang), columns, tuple(rows), caption(plan, view),
                 notes=() if unmarked else (Note(label("history_not_followed_up", lang)),),
                 name=notation.clean(plan.plan.title), head=2)


def _forecast(point: Point, view: View) -> Cell:
    """A measure's forecast at a report; marked ``*`` where it had none and counts with its planned effect (the
    table's note says so), so a plan is never read as a forecast."""
    cell = amount(point.forecast, view)
    return cell if point.followed_up or not point.counted else replace(cell, text=f"{cell.text}*")


def _report_row(kind: RowKind, name: str, plan: PlanHistory, figure: Callable[[ReportFigures], Cell],
                planned: Cell = EMPTY, audience: Audience = Audience.ALL, sums: tuple[int, ...] = ()) -> Row:
    return Row(kind, (EMPTY, Cell(name), planned, *(figure(report) for report in plan.reports), EMPTY),
               audience=audience, sums=sums)


def _gap_words(gap: Range | None, view: View) -> Cell:
    if gap is None:
        return EMPTY
    kind = gap_kind(gap)
    assert kind is not None
    return Cell(gap_words(gap, kind, view), None, TONE[kind])


def _gap_rows(plan: PlanHistory, view: View) -> list[Row]:
    """The gap as planned and by the forecast at each report: in words for a reader (what is still to save, or
    the surplus, never the one under the other's label), signed for a spreadsheet."""
    lang = view.lang
    gap = label("gap_signed_history", lang)
    planned, forecast = label("planned_gap", lang, what=gap), label("forecast_named", lang, what=gap)
    worded = [_report_row(RowKind.GAP, label("planned_gap", lang, what=lower_first(label("remaining", lang))) + " / " +
                          lower_first(label("surplus", lang)), plan, lambda r: _gap_words(r.planned_gap, view),
                          audience=Audience.TEXT),
              _report_row(RowKind.GAP, label("forecast_named", lang, what=lower_first(label("remaining", lang))) +
                          " / " + lower_first(label("surplus", lang)), plan,
                          lambda r: _gap_words(r.forecast_gap, view), audience=Audience.TEXT)]
    numbers = [_report_row(RowKind.GAP, planned, plan, lambda r: amount(r.planned_gap, view), audience=Audience.NUMBERS),
               _report_row(RowKind.GAP, forecast, plan, lambda r: amount(r.forecast_gap, view),
                           audience=Audience.NUMBERS)]
    return worded + numbers


def change_table(plan: PlanHistory, view: View, key: str) -> Table:
    """A row per measure: the forecast's change at each report since the one before, then Summa."""
    lang = view.lang
    columns = (*_head_columns(view), *_date_columns(plan, view, "history_change", first=1))
    rows = [Row(RowKind.MEASURE, (*_measure_cells(measure),
                                  *_per_point(measure, lambda point: _changed(point.change, view), first=1)))
            for measure in plan.measures]
    rows.append(Row(RowKind.TOTAL, (EMPTY, Cell(label("total", lang)),
                                    *(_changed(report.change, view) for report in plan.reports[1:]))))
    return Table(f"{key}:change", label("history_changes", lang), columns, tuple(rows),
                 name=notation.clean(plan.plan.title), head=2)


def accuracy_table(plan: PlanHistory, view: View, key: str) -> Table:
    """Where the year end is known: a row per measure with the whole year's outcome and each report's error,
    then the total error and the mean absolute error per report."""
    assert plan.year_end is not None
    lang = view.lang
    columns = (*_head_columns(view), amount_column("year_outcome", label("year_outcome", lang), view),
               *_date_columns(plan, view, "history_error"))
    rows = [Row(RowKind.MEASURE, (*_measure_cells(measure), amount(measure.year_outcome, view),
                                  *_per_point(measure, lambda point: _changed(point.error, view))))
            for measure in plan.measures if measure.year_outcome is not None]
    rows.append(Row(RowKind.TOTAL, (EMPTY, Cell(label("error_total", lang)), EMPTY,
                                    *(_changed(report.error, view) for report in plan.reports))))
    rows.append(Row(RowKind.TOTAL, (EMPTY, Cell(label("mean_absolute_error", lang)), EMPTY,
                                    *(amount(report.mean_absolute_error, view) for report in plan.reports))))
    return Table(f"{key}:accuracy", label("history_accuracy", lang, date=plan.year_end.isoformat()), columns,
                 tuple(rows), notes=(Note(label("history_error_note", lang)),), name=notation.clean(plan.plan.title),
                 head=2)


def gap_chart(plan: PlanHistory, view: View, table: Table) -> tuple[Chart, ...]:
    """The gap as planned and by the forecast at each report, as two lines over the report dates; a workbook
    draws them from ``table``'s signed gap rows."""
    if not any(report.target is not None for report in plan.reports):
        return ()
    lang = view.lang
    signed = [index for index, row in enumerate(table.rows) if row.kind is RowKind.GAP and
              row.audience is Audience.NUMBERS]
    lines = (Line(label("planned", lang), BarKind.PLANNED, tuple(report.planned_gap for report in plan.reports),
                  tuple("" if r.planned_gap is None else view.span(r.planned_gap) for r in plan.reports),
                  table.key, signed[0]),
             Line(label("forecast", lang), BarKind.FORECAST, tuple(report.forecast_gap for report in plan.reports),
                  tuple("" if r.forecast_gap is None else view.span(r.forecast_gap) for r in plan.reports),
                  table.key, signed[1]))
    return (Chart(ChartKind.HISTORY, label("history_chart", lang),
                  label("history_chart_note", lang, unit=view.unit.value),
                  legend=tuple((line.kind, line.name) for line in lines),
                  dates=tuple(report.as_of.isoformat() for report in plan.reports), lines=lines,
                  columns=tuple(f"forecast:{index}" for index in range(len(plan.reports)))),)


def caption(plan: PlanHistory, view: View) -> str:
    return " · ".join((view.path(plan.path), label("unit", view.lang, unit=view.unit.value)))


def plan_section(plan: PlanHistory, view: View, index: int) -> Section:
    lang, key = view.lang, f"history:{index}"
    tables = [forecast_table(plan, view, key)]
    if len(plan.reports) > 1:
        tables.append(change_table(plan, view, key))
    notes = [Note(label("history_commits", lang, date=report.as_of.isoformat(), commit=report.commit[:10]))
             for report in plan.reports]
    if plan.year_end is None:
        notes.append(Note(label("history_no_year_end", lang, date=f"{plan.year}-12-31", year=plan.year)))
    else:
        tables.append(accuracy_table(plan, view, key))
    heading = f"{label('history_title', lang, year=plan.year)} — {plan_heading(plan.plan)}"
    return Section(heading, caption(plan, view), (), gap_chart(plan, view, tables[0]), tuple(tables),
                   tuple(notes), sheet=notation.clean(plan.plan.title)[:31])


def history_document(result: History, view: View, today: datetime.date | None = None) -> Document:
    """``follow-up --history``: a section per plan."""
    view = with_decimals(replace(view, paths=shown_paths(plan.path for plan in result.plans)), history_amounts(result))
    lang = view.lang
    title = label("history_title", lang, year=result.year)
    sections = tuple(plan_section(plan, view, index) for index, plan in enumerate(result.plans))
    facts = tuple((label("plan", lang), view.path(plan.path)) for plan in result.plans)
    date = label("report_date", lang, date=today.isoformat()) if today is not None else ""
    ranges = any(value is not None and not value.is_exact for plan in result.plans for report in plan.reports
                 for value in (report.planned, report.forecast, report.forecast_gap))
    ranges = ranges or any(point is not None and not point.forecast.is_exact for plan in result.plans
                           for measure in plan.measures for point in measure.points)
    return Document("follow-up", title, lang, view.unit, sections, facts, (), report_date=date, ranges=ranges,
                    words=document_words(view), decimals=view.decimals, date=today)
