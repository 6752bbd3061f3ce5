"""Builder of ``follow-up``: the core's :class:`~budgetbalans.core.followup.FollowUp` as a
:class:`~budgetbalans.report.model.Document`.

One section: the key figures (planned, forecast, deviation, target and the forecast gap, named
"Prognos: kvar att spara" or "Prognos: överskott" so it cannot be misread), planned against
forecast per measure, and the table: a row per measure with the year's planned effect, forecast,
deviation (forecast − planned, bound by bound) and outcome, then Summa, the target and the
forecast gap. Every verdict's tone comes from the core's kinds (:class:`FollowUpKind`,
:class:`~budgetbalans.core.gap.GapKind`).

Under an organisation tree the section's first table is *Organisationen*: a row per node, indented by its
depth, with the year's planned effect, forecast and deviation at and below it, the target its forecast is
measured against (and under a target for the period the other years' planned effects), what it still has
to save by the forecast (never netted across nodes) and the net apart, and its own plans.
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from decimal import Decimal

from budgetbalans.core.gap import gap_kind, GapKind, positive_part
from budgetbalans.core.followup import (
    JUDGED, FollowUp, FollowUpKind, FollowUpLine, ForecastRollup, NodeForecast, PlanForecast, Signal,
)
from budgetbalans.i18n import template
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import EXACT_ZERO, Range, total as sum_ranges
from budgetbalans.report.builders import charts
from budgetbalans.report.builders.organisation import plans_cell
from budgetbalans.plan import notation
from budgetbalans.report.builders.summary import (
    TONE, amount, amount_column, document_words, exact, measure_status, plan_heading, verdicts_legend,
)
from budgetbalans.report.builders.labels import count_label, label
from budgetbalans.report.model import (
    EMPTY, Audience, BarKind, Cell, Chart, ChartKind, Column, ColumnKind, Comparison, Document, Figure, Legend, Note,
    Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.builders.wording import gap_text, gap_words, net_text, shown_paths, signed, with_decimals
from budgetbalans.report.options import View

# --- the words of the follow-up ---------------------------------------------------------------

WORDS = (
    template("label.organisation_forecast_note",
             "Prognos: årets prognoser i stället för de planerade effekterna det året. Där sparbetinget gäller hela "
             "perioden räknas de andra årens planerade effekter in också. {own_balance}",
             "Forecast: the year's forecasts in place of the planned effects that year. Where the target is for the "
             "whole period, the other years' planned effects count too. {own_balance}"),
    template("label.signal", "Signal", "Signal"),
    template("label.signal_green", "grön", "green"),
    template("label.signal_yellow", "gul", "yellow"),
    template("label.signal_red", "röd", "red"),
    template("label.due", "Genomförd senast", "Due"),
    template("label.late", "försenad", "late"),
    template("label.due_late", "{date} försenad", "{date} late"),
    template("label.forecast_note", "Prognoskommentar", "Forecast note"),
    template("label.signal_note",
             "Signal: grön där prognosen når den planerade effekten och åtgärden inte är försenad; gul där prognosen "
             "är högst {percent} % av den planerade effekten under planen, eller åtgärden är försenad; röd där den "
             "är längre under. Ett intervall bedöms efter sin lägsta prognos. Ingen signal utan prognos.",
             "Signal: green where the forecast reaches the planned effect and the measure is not late; yellow where "
             "the forecast is at most {percent} % of the planned effect below plan, or the measure is late; red "
             "where it is further below. A range is judged by its lowest forecast. No signal without a forecast."),
)

#: A signal's tone: the colour every writer gives it, always beside its word.
SIGNAL_TONE = {Signal.GREEN: Tone.GOOD, Signal.YELLOW: Tone.UNCERTAIN, Signal.RED: Tone.BAD}


def follow_up_has_ranges(report: FollowUp) -> bool:
    """Whether any figure of the follow-up is a range (then CSV and xlsx give every amount low and high columns)."""
    values = [v for line in report.lines for v in (line.planned, line.forecast, line.deviation, line.outcome)]
    values += [report.planned, report.forecast, report.deviation, report.forecast_gap]
    return any(value is not None and not value.is_exact for value in values)


def follow_up_amounts(report: FollowUp) -> list[Decimal | None]:
    """Every amount a follow-up shows: per measure and in total the planned effect, the forecast, the
    deviation and the outcome; the target and the forecast gap."""
    ranges = [v for line in report.lines for v in (line.planned, line.forecast, line.deviation, line.outcome)]
    ranges += [report.planned, report.forecast, report.deviation, report.forecast_gap, report.forecast_shortfall]
    ranges += [v for plan in report.plans for v in (plan.planned, plan.forecast, plan.others, plan.gap)]
    targets = [report.target, *(plan.target for plan in report.plans)]
    nodes = () if report.organisation is None else report.organisation.nodes
    ranges += [v for node in nodes for v in (node.planned_effect, node.forecast_effect, node.deviation, node.others,
                                             node.forecast_gap, node.forecast_shortfall)]
    targets += [node.target for node in nodes]
    return targets + [end for value in ranges if value is not None for end in (value.low, value.high)]


def deviation_shown(kind: FollowUpKind, planned: Range, deviation: Range, view: View) -> str:
    """The deviation as the reports show it, by the core's ``kind``: signed when behind or ahead
    (:func:`~budgetbalans.report.builders.wording.signed`, bound by bound); "inom intervallet" when on
    track within a planned range, ``0`` when on track against an exact plan; "–" where there is no
    forecast to compare (not followed up, nothing planned, not counted). The JSON keeps the deviation bound by bound whatever the kind."""
    if shows_figure(kind, planned):
        return signed(deviation, view, bound_by_bound=True)
    return label("within_range" if kind is FollowUpKind.ON_TRACK else "no_deviation", view.lang)


def shows_figure(kind: FollowUpKind, planned: Range) -> bool:
    """Whether the deviation is shown as a figure (behind, ahead, or on track against an exact plan)."""
    return kind in JUDGED and (kind is not FollowUpKind.ON_TRACK or planned.is_exact)


def deviation_cell(kind: FollowUpKind, planned: Range, deviation: Range, view: View) -> Cell:
    """The deviation as shown (:func:`deviation_shown`), with its figure for a spreadsheet only where
    there is a forecast to compare: where the reports show "–", a spreadsheet's cell is empty, not 0."""
    return Cell(deviation_shown(kind, planned, deviation, view), deviation if kind in JUDGED else None,
                deviation_tone(kind, figure=False))


def deviation_tone(kind: FollowUpKind, figure: bool) -> Tone:
    """A deviation's tone, by the core's kind of the follow-up: behind is bad wherever it is shown; ahead
    is good in the key figure (``figure``) and neutral in a row's cell, as the reports have always shown it."""
    if kind is FollowUpKind.BEHIND:
        return Tone.BAD
    return Tone.GOOD if kind is FollowUpKind.AHEAD and figure else Tone.NEUTRAL


def title(report: FollowUp, view: View) -> str:
    """``Uppföljning 2017 per 2017-08-31``."""
    heading = label("follow_up_title", view.lang, year=report.year)
    return heading if report.as_of is None else f"{heading} {label('as_of', view.lang, date=report.as_of.isoformat())}"


def full_title(report: FollowUp, view: View) -> str:
    """The title and the plans it follows up: ``Uppföljning 2017 per 2017-08-31 — Åtgärdsplan … — nämnd``."""
    heading = headings(report)
    return f"{title(report, view)} — {heading}" if heading else title(report, view)


def plans_of(report: FollowUp) -> list[Plan]:
    """The plans followed up, in order (those with at least one measure)."""
    return list({line.result.plan.path: line.result.plan for line in report.lines}.values())


def headings(report: FollowUp) -> str:
    return "; ".join(plan_heading(plan) for plan in plans_of(report))


def caption(report: FollowUp, view: View) -> str:
    """``examples/x.yaml · Belopp i tkr``."""
    paths = " + ".join(view.path(plan.path) for plan in plans_of(report))
    return " · ".join(part for part in (paths, label("unit", view.lang, unit=view.unit.value)) if part)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def forecast_gap_text(gap: Range, kind: GapKind, view: View, unit: str = "") -> tuple[str, str, Tone]:
    """(name, value, tone) of the forecast gap of the core's ``kind``: "Prognos: kvar att spara" /
    "Prognos: överskott" / "Prognos: osäkert" from one end to the other; ``unit`` after each amount."""
    name, value = gap_text(gap, kind, view, unit)
    return label("forecast_named", view.lang, what=lower_first(name)), value, TONE[kind]


def forecast_gap(report: FollowUp) -> tuple[Range, GapKind] | None:
    """The forecast gap a reader is shown and the core's kind of it, where there is a target: over
    several plans where one falls short (or may), what is still to save, plan by plan (the net is
    :func:`forecast_net`); else the gap."""
    gap = report.gap
    if gap is None:
        return None
    return gap.shown, gap.kind


def forecast_net(report: FollowUp, view: View) -> str | None:
    """The net forecast gap of several plans in words, where it says more than what is still to save."""
    gap = report.gap
    return None if gap is None or not gap.net_says_more else net_text(gap, view)


def period_target_notes(report: FollowUp, view: View) -> list[str]:
    """What each period target means for the year's forecast gap: the sparbeting is for the whole
    period, and the other years' planned effects count toward it beside this year's forecast."""
    notes = []
    for plan in report.plans:
        if plan.others is not None and plan.target is not None and len(plan.plan.period) > 1:
            period = plan.plan.period
            notes.append(label("period_target_note", view.lang, plan=view.path(plan.plan.path),
                               target=f"{view.amount(plan.target)} {view.unit.value}",
                               period=f"{period[0]}–{period[-1]}", year=report.year,
                               others=f"{view.span(plan.others)} {view.unit.value}"))
    return notes


_FOLLOWED_UP_WORD = {FollowUpKind.NOT_COUNTED: "not_counted", FollowUpKind.NOT_FOLLOWED_UP: "not_followed_up",
                     FollowUpKind.NOTHING_PLANNED: "nothing_planned"}


def followed_up_word(line: FollowUpLine, view: View) -> str:
    """"ja" for a measure with a forecast to judge, else "ej uppföljd", "inget planerat" or "ej medräknad"."""
    return label(_FOLLOWED_UP_WORD.get(line.kind, "yes"), view.lang)


def not_followed_note(report: FollowUp, view: View) -> str:
    if not report.not_followed_up:
        return ""
    return count_label("not_followed_note", report.not_followed_up, view.lang, year=report.year)


def nothing_planned_note(report: FollowUp, view: View) -> str:
    count = report.count(FollowUpKind.NOTHING_PLANNED)
    return count_label("nothing_planned_note", count, view.lang, year=report.year) if count else ""


def notes(report: FollowUp, view: View) -> list[str]:
    """The notes under the table: the measures not followed up, those with nothing planned."""
    return [note for note in (not_followed_note(report, view), nothing_planned_note(report, view)) if note]


def key_figures(report: FollowUp, view: View) -> tuple[Figure, ...]:
    """Planerat, Prognos, Avvikelse, Sparbeting, the forecast gap (named so it cannot be misread), ej uppföljda."""
    unit = view.unit.value
    kind = report.kind
    deviation = deviation_shown(kind, report.planned, report.deviation, view)
    figures = [Figure(label("planned", view.lang), f"{view.span(report.planned)} {unit}"),
               Figure(label("forecast", view.lang), f"{view.span(report.forecast)} {unit}"),
               Figure(label("deviation", view.lang), f"{deviation} {unit}" if shows_figure(kind, report.planned) else deviation,
                   deviation_tone(kind, figure=True))]
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        figures.append(Figure(label("target", view.lang), label("no_target", view.lang)))
    else:
        figures.append(Figure(label("target", view.lang), f"{view.amount(report.target)} {unit}"))
        figures.append(Figure(*forecast_gap_text(*gap, view, unit)))
        if report.gap is not None and report.gap.net_says_more:
            figures.append(Figure(label("net_plans", view.lang), net_text(report.gap, view, unit)))
    figures.append(Figure(label("not_followed_up_figure", view.lang),
                          count_label("measures_count", report.not_followed_up, view.lang),
                          Tone.UNCERTAIN if report.not_followed_up else Tone.NEUTRAL))
    return tuple(figures)


def follow_up_table(report: FollowUp, view: View) -> Table:
    """A row per measure (with its plan when there are several), then Summa, the target and the forecast gap."""
    lang, year = view.lang, report.year
    several = len(plans_of(report)) > 1
    columns: tuple[Column, ...] = (
        Column("plan", label("plan", lang), audience=Audience.ALL if several else Audience.NUMBERS),
        Column("id", label("id", lang)),
        Column("measure", label("measure", lang), ColumnKind.NAME, wide=True),
        Column("status", label("status", lang)),
        Column("counted", label("counted", lang), audience=Audience.NUMBERS),
        amount_column("planned", label("planned", lang), view, number_name=label("planned_in", lang, year=year)),
        amount_column("forecast", label("forecast", lang), view, number_name=label("forecast_in", lang, year=year)),
        amount_column("deviation", label("deviation", lang), view, ColumnKind.DEVIATION, ("forecast", "planned"),
                      number_name=label("deviation_in", lang, year=year)),
        Column("signal", label("signal", lang), signal=True),
        Column("due", label("due", lang), signal=True),
        Column("forecast_note", label("forecast_note", lang)),
        amount_column("outcome", label("outcome", lang), view, number_name=label("outcome_in", lang, year=year)),
        Column("followed_up", label("followed_up", lang)),
    )
    rows: list[Row] = []
    counted = []
    for line in report.lines:
        rows.append(_row(line, view))
        if line.result.counted:
            counted.append(len(rows) - 1)
    total = len(rows)
    rows.append(_totals_row(report, view, counted))
    rows += _gap_rows(report, view, total)
    notes = tuple(Note(text, tone) for text, tone in ((not_followed_note(report, view), Tone.UNCERTAIN),
                                                      (nothing_planned_note(report, view), Tone.NEUTRAL)) if text)
    notes += tuple(Note(text) for text in period_target_notes(report, view))
    if report.signalled:
        notes += (Note(label("signal_note", lang, percent=notation.exact_number(report.yellow))),)
    name = label("all_plans", lang) if several else notation.clean(plans_of(report)[0].title) if report.lines else ""
    columns, rows = _shown_columns(report, columns, rows)
    return Table("follow-up", full_title(report, view), columns, tuple(rows), caption(report, view), notes, name,
                 head=3 if several else 2)


def _shown_columns(report: FollowUp, columns: tuple[Column, ...], rows: list[Row]) -> tuple[tuple[Column, ...], list[Row]]:
    """The columns without those of what no measure has: the signal (no forecast), the due date, the forecast note;
    a follow-up without them is shown as it always was."""
    hidden = {key for key, shown in (("signal", report.signalled), ("due", report.dated),
                                     ("forecast_note", report.noted)) if not shown}
    kept = [index for index, column in enumerate(columns) if column.key not in hidden]
    return (tuple(columns[index] for index in kept),
            [replace(row, cells=tuple(row.cells[index] for index in kept)) for row in rows])


def plans_table(report: FollowUp, view: View) -> Table:
    """Several plans, each answering for its own balance: a row per plan (the target its forecast is
    measured against, the year's planned effect and forecast, and what it still has to save by the
    forecast, or its surplus), then all plans: those added up (sums, so a spreadsheet adds them too)."""
    lang, year = view.lang, report.year
    remaining = f"{label('remaining', lang)} / {label('surplus', lang)}"
    columns = (Column("plan", label("plan", lang), ColumnKind.NAME, wide=True),
               amount_column("planned", label("planned", lang), view, number_name=label("planned_in", lang, year=year)),
               amount_column("forecast", label("forecast", lang), view, number_name=label("forecast_in", lang, year=year)),
               amount_column("plan_target", label("target", lang), view),
               amount_column("plan_shortfall", label("forecast_named", lang, what=lower_first(remaining)), view,
                             number_name=label("forecast_named", lang, what=lower_first(label("remaining", lang)))))
    rows = [_plan_row(plan, view) for plan in report.plans]
    gap = report.gap
    shortfall = Cell() if gap is None else Cell(gap_words(gap.shortfall, gap.kind, view), gap.shortfall, TONE[gap.kind])
    target = Cell(label("no_target", lang)) if report.target is None else exact(report.target, view)
    rows.append(Row(RowKind.TOTAL, (Cell(label("all_plans", lang)), amount(report.planned, view),
                                    amount(report.forecast, view), target, shortfall),
                    TONE[gap.kind] if gap is not None else Tone.NEUTRAL, sums=tuple(range(len(report.plans)))))
    net_words = forecast_net(report, view)
    if net_words is not None:
        rows.append(Row(RowKind.NET, (Cell(label("net_plans", lang)), EMPTY, EMPTY, EMPTY,
                                      Cell(net_words, report.forecast_gap)), audience=Audience.TEXT))
    return Table("plans", label("plans_balance", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 (Note(label("plans_balance_caption", lang)),), label("plans_balance", lang))


def organisation_table(rollup: ForecastRollup, view: View) -> Table:
    """*Organisationen* with the forecast: a row per node, indented by its depth (*Nivå* for a spreadsheet)."""
    lang, year = view.lang, rollup.year
    remaining = lower_first(label("remaining", lang))
    columns = (Column("measure", label("organisation", lang), ColumnKind.NAME, wide=True),
               Column("level", label("level", lang), audience=Audience.NUMBERS),
               amount_column("planned", label("planned_in", lang, year=year), view),
               amount_column("forecast", label("forecast_in", lang, year=year), view),
               amount_column("deviation", label("deviation", lang), view),
               amount_column("plan_target", label("target", lang), view),
               amount_column("others", label("other_years_planned", lang), view),
               amount_column("plan_shortfall", label("forecast_named", lang, what=remaining), view),
               amount_column("net", label("forecast_named", lang, what=lower_first(label("net_column", lang))), view,
                             number_name=label("forecast_named", lang, what=lower_first(label("gap_signed_net", lang)))),
               Column("plans", label("own_plans", lang)))
    rows = tuple(_node_row(node, view) for node in rollup.nodes)
    title = label("organisation_table", lang)
    caption = f"{notation.clean(rollup.nodes[0].organisation)} · {label('unit', lang, unit=view.unit.value)}"
    return Table("organisation", title, columns, rows, caption, (Note(label("organisation_forecast_note", lang, own_balance=label("parts_own_balance", lang))),),
                 name=title)


def _node_row(node: NodeForecast, view: View) -> Row:
    """A node's year: planned, forecast, deviation; its target; still to save by the forecast in the core's
    verdict's tone (never a net) and the net apart, in no verdict's colour; its own plans, or "ingen plan"."""
    kind, shortfall, net = node.forecast_gap_kind, node.forecast_shortfall, node.forecast_gap
    target = Cell(label("no_target", view.lang)) if node.target is None else exact(node.target, view)
    cells = (Cell(notation.clean(node.organisation)), Cell(str(node.depth)), amount(node.planned_effect, view),
             amount(node.forecast_effect, view), Cell(signed(node.deviation, view, bound_by_bound=True), node.deviation),
             target, amount(node.others, view),
             EMPTY if shortfall is None or kind is None else amount(shortfall, view, TONE[kind]),
             EMPTY if net is None else _net_cell(net, view), plans_cell(node.planned, view))
    return Row(RowKind.GROUP, cells, Tone.NEUTRAL if kind is None else TONE[kind], depth=node.depth)


def _net_cell(net: Range, view: View) -> Cell:
    kind = gap_kind(net)
    assert kind is not None
    return Cell(gap_words(net, kind, view), net)


def _plan_row(plan: PlanForecast, view: View) -> Row:
    gap = plan.gap
    if plan.target is None or gap is None:
        target, shortfall = Cell(label("no_target", view.lang)), EMPTY
    else:
        kind = gap_kind(gap)
        assert kind is not None
        target = exact(plan.target, view)
        shortfall = Cell(gap_words(gap, kind, view), positive_part(gap), TONE[kind])
    return Row(RowKind.GROUP, (Cell(plan_heading(plan.plan)), amount(plan.planned, view),
                               amount(plan.forecast, view), target, shortfall))


def _cells(view: View, **values: Cell) -> tuple[Cell, ...]:
    keys = ("plan", "id", "measure", "status", "counted", "planned", "forecast", "deviation", "signal", "due",
            "forecast_note", "outcome", "followed_up")
    return tuple(values.get(key, EMPTY) for key in keys)


def _row(line: FollowUpLine, view: View) -> Row:
    result = line.result
    followed = Cell(followed_up_word(line, view),
                    tone=Tone.UNCERTAIN if line.kind is FollowUpKind.NOT_FOLLOWED_UP else Tone.NEUTRAL)
    deviation = deviation_cell(line.kind, line.planned, line.deviation, view)
    return Row(RowKind.MEASURE if result.counted else RowKind.UNCOUNTED, _cells(
        view, plan=Cell(notation.clean(result.plan.title)), id=Cell(notation.clean(result.measure.id)),
        measure=Cell(notation.clean(result.measure.title)), status=Cell(measure_status(result, view)),
        counted=Cell(label("yes" if result.counted else "no", view.lang)), followed_up=followed,
        planned=amount(line.planned, view), forecast=amount(line.forecast, view), deviation=deviation,
        signal=signal_cell(line.signal, view), due=due_cell(line, view),
        forecast_note=Cell(notation.clean(line.forecast_note or "")), outcome=amount(line.outcome, view)))


def signal_cell(signal: Signal | None, view: View) -> Cell:
    """The signal's word ("grön", "gul", "röd") in its tone; empty without one."""
    return EMPTY if signal is None else Cell(label(f"signal_{signal.value}", view.lang), tone=SIGNAL_TONE[signal])


def due_cell(line: FollowUpLine, view: View) -> Cell:
    """The due date, and "försenad" after it in the tone of a red signal where the measure is late."""
    due = line.result.measure.due
    if due is None:
        return EMPTY
    if line.late:
        return Cell(label("due_late", view.lang, date=due.isoformat()), tone=Tone.BAD)
    return Cell(due.isoformat())


def _totals_row(report: FollowUp, view: View, counted: list[int]) -> Row:
    deviation = deviation_cell(report.kind, report.planned, report.deviation, view)
    return Row(RowKind.TOTAL, _cells(view, measure=Cell(label("total", view.lang)), planned=amount(report.planned, view),
                                     forecast=amount(report.forecast, view), deviation=deviation),
               sums=tuple(counted))


def _gap_rows(report: FollowUp, view: View, total: int) -> list[Row]:
    """The target and the forecast gap: worded for a reader, and as numbers for a spreadsheet (a
    formula ``target − forecast`` there, signed, where the gap is just that)."""
    lang = view.lang
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        return [Row(RowKind.TARGET, _cells(view, measure=Cell(f"{label('target', lang)}: {label('no_target', lang)}")))]
    value, kind = gap
    net = report.forecast_gap
    assert net is not None and report.gap is not None
    target = total + 1
    rows = [Row(RowKind.TARGET, _cells(view, measure=Cell(label("target", lang)), forecast=exact(report.target, view)))]
    others = [plan.others for plan in report.plans if plan.others is not None and plan.target is not None]
    if others:  # a period target: the other years' planned effects count toward it too
        rows.append(Row(RowKind.TARGET, _cells(view, measure=Cell(label("other_years_planned", lang)),
                                               forecast=amount(sum_ranges(others), view))))
    name, words, tone = forecast_gap_text(value, kind, view)
    rows.append(Row(RowKind.GAP, _cells(view, measure=Cell(name), forecast=Cell(words, None, tone)),
                    tone, Audience.TEXT))
    net_words = forecast_net(report, view)
    if net_words is not None:
        rows.append(Row(RowKind.NET, _cells(view, measure=Cell(label("net_plans", lang)), forecast=Cell(net_words, net)),
                        audience=Audience.TEXT))
    # for a spreadsheet: signed, under a label that says so, a formula: target − forecast (− the other
    # years' planned effects, under a period target); over several plans it is the net, and what is
    # still to save, plan by plan, follows as the plans' own figures added up
    several = bool(report.gap.parts)
    signed = label("forecast_named", lang, what=lower_first(label("gap_signed_net" if several else "gap_signed", lang)))
    formula = (target, total, target + 1) if others else (target, total)
    rows.append(Row(RowKind.GAP, _cells(view, measure=Cell(signed), forecast=amount(net, view, TONE[report.gap.net_kind])),
                    Tone.NEUTRAL, Audience.NUMBERS, of=formula))
    if several and report.gap.shortfall_decides:
        rows.append(Row(RowKind.SHORTFALL, _cells(view, measure=Cell(label("forecast_named", lang, what=lower_first(
            label("shortfall_plans", lang)))), forecast=amount(report.gap.shortfall, view, TONE[kind])),
                        TONE[kind], Audience.NUMBERS))
    return rows


def _chart(report: FollowUp, view: View) -> tuple[Chart, ...]:
    """Planned against forecast per counted measure with an amount, then Summa when there are several."""
    lang = view.lang
    rows = []
    charted = [line for line in report.lines
               if line.result.counted and (line.planned != EXACT_ZERO or line.forecast != EXACT_ZERO)]
    for line in charted:
        rows.append(Comparison(charts.measure_label(line.result.measure.id, line.result.measure.title),
                               line.planned, line.forecast, view.span(line.planned), view.span(line.forecast),
                               BarKind.SHORT if line.falls_short else BarKind.FORECAST))
    if len(rows) > 1:
        name = label("total", lang)
        rows.append(Comparison(name, report.planned, report.forecast, view.span(report.planned),
                               view.span(report.forecast),
                               BarKind.SHORT if report.kind is FollowUpKind.BEHIND else BarKind.FORECAST))
    if not rows:
        return ()
    hidden = len(report.lines) - len(charted)
    note = count_label("follow_up_without_amount", hidden, lang) if hidden else ""
    legend = ((BarKind.PLANNED, label("planned", lang)), (BarKind.FORECAST, label("forecast", lang)),
              (BarKind.SHORT, label("forecast_short", lang)))
    return (Chart(ChartKind.PLANNED_FORECAST, label("planned_vs_forecast", lang), note, legend,
                  comparisons=tuple(rows), names=(label("planned", lang), label("forecast", lang))),)


def follow_up_document(report: FollowUp, view: View, today: datetime.date | None = None) -> Document:
    """``follow-up``: one section with the key figures, the chart and the table."""
    view = with_decimals(replace(view, paths=shown_paths(plan.path for plan in plans_of(report))),
                         follow_up_amounts(report))
    lang = view.lang
    figures = key_figures(report, view)
    table = follow_up_table(report, view)
    tables = (plans_table(report, view), table) if len(report.plans) > 1 else (table,)
    if report.organisation is not None:  # the kommun's view first
        tables = (organisation_table(report.organisation, view), *tables)
    section = Section(title(report, view), caption(report, view), figures, _chart(report, view), tables,
                      (Note(label("short_note", lang), marks=Tone.BAD),),
                      sheet=label("follow_up_title", lang, year=report.year))
    legend = Legend(verdicts=verdicts_legend(lang))
    paths = [view.path(plan.path) for plan in plans_of(report)]
    facts = tuple((label("plan", lang), path) for path in paths) + (("", headings(report)),)
    date = label("report_date", lang, date=today.isoformat()) if today is not None else ""
    return Document("follow-up", title(report, view), lang, view.unit, (section,), facts, (), legend, date,
                    follow_up_has_ranges(report), document_words(view), view.decimals, today)
