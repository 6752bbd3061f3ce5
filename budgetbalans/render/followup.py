"""`follow-up` (uppföljning) in every format: the rich table, the JSON of docs/planformat.md, and
what the report formats (csv, markdown, html, xlsx) share.

Every figure comes from :class:`~budgetbalans.followup.FollowUp`; this module only words and
shapes them. The formats by name are in :mod:`budgetbalans.render.formats`
(``FOLLOW_UP_BY_NAME``); the JSON of the contract is :func:`budgetbalans.render.jsonout.follow_up`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Sequence


from budgetbalans.core import GapKind
from budgetbalans.followup import JUDGED, FollowUp, FollowUpKind, FollowUpLine
from budgetbalans.models import Plan
from budgetbalans.money import Range
from budgetbalans.render import numbers
from budgetbalans.render.report import (
    TONE, Figure, Row, TextTable, gap_label, gap_sign, measure_status, plan_heading,
)
from budgetbalans.render.labels import label
from budgetbalans.render.view import View, gap_text

# --- words and shapes shared by the formats ---------------------------------------------------


def follow_up_has_ranges(report: FollowUp) -> bool:
    """Whether any figure of the follow-up is a range (then CSV and xlsx give every amount low and high columns)."""
    values = [v for line in report.lines for v in (line.planned, line.forecast, line.deviation, line.outcome)]
    values += [report.planned, report.forecast, report.deviation, report.forecast_gap]
    return any(value is not None and not value.is_exact for value in values)


def deviation_text(value: Range, view: View) -> str:
    """``-150``, ``+200``, ``0``; bound by bound ``-100 / +200`` (low / high, which need not be in order)."""
    def signed(bound: Decimal | None) -> str:
        if bound is None:
            return label("unbounded", view.lang)
        return ("+" if bound > 0 else "") + numbers.amount(bound, view.unit)

    if value.low == value.high:
        return signed(value.low)
    return f"{signed(value.low)} / {signed(value.high)}"


def deviation_shown(kind: FollowUpKind, planned: Range, deviation: Range, view: View) -> str:
    """The deviation as the reports show it, by the core's ``kind``: signed when behind or ahead
    (:func:`deviation_text`); "inom intervallet" when on track within a planned range, ``0`` when on
    track against an exact plan; "–" where there is no forecast to compare (not followed up, nothing
    planned, not counted). The JSON keeps the deviation bound by bound whatever the kind."""
    if shows_figure(kind, planned):
        return deviation_text(deviation, view)
    return label("within_range" if kind is FollowUpKind.ON_TRACK else "no_deviation", view.lang)


def shows_figure(kind: FollowUpKind, planned: Range) -> bool:
    """Whether the deviation is shown as a figure (behind, ahead, or on track against an exact plan)."""
    return kind in JUDGED and (kind is not FollowUpKind.ON_TRACK or planned.is_exact)


#: The tone of a deviation cell or figure, by the core's kind ("" for none).
DEVIATION_TONE = {FollowUpKind.BEHIND: "short", FollowUpKind.AHEAD: "above"}


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
    paths = numbers.clean(" + ".join(plan.path for plan in plans_of(report)))
    return " · ".join(part for part in (paths, label("unit", view.lang, unit=view.unit.value)) if part)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def forecast_gap_text(gap: Range, kind: GapKind, view: View) -> tuple[str, str, str]:
    """(name, value, tone) of the forecast gap of the core's ``kind``: "Prognos: kvar att spara" /
    "Prognos: överskott" / both ends."""
    name, value, _ = gap_text(gap, kind, view)
    return label("forecast_named", view.lang, what=lower_first(name)), value, TONE[kind]


def forecast_gap_label(kind: GapKind, view: View) -> str:
    """The forecast gap's row name where it is shown as numbers (CSV, xlsx); see :func:`report.gap_sign`."""
    return label("forecast_named", view.lang, what=lower_first(gap_label(gap_sign([kind]), view)))


def forecast_gap(report: FollowUp) -> tuple[Range, GapKind] | None:
    """The forecast gap and the core's kind of it, where there is a target."""
    if report.forecast_gap is None or report.forecast_gap_kind is None:
        return None
    return report.forecast_gap, report.forecast_gap_kind


_FOLLOWED_UP_WORD = {FollowUpKind.NOT_COUNTED: "not_counted", FollowUpKind.NOT_FOLLOWED_UP: "not_followed_up",
                     FollowUpKind.NOTHING_PLANNED: "nothing_planned"}


def followed_up_word(line: FollowUpLine, view: View) -> str:
    """"ja" for a measure with a forecast to judge, else "ej uppföljd", "inget planerat" or "ej medräknad"."""
    return label(_FOLLOWED_UP_WORD.get(line.kind, "yes"), view.lang)


def not_followed_note(report: FollowUp, view: View) -> str:
    if not report.not_followed_up:
        return ""
    return label("not_followed_note", view.lang, count=report.not_followed_up, year=report.year)


def nothing_planned_note(report: FollowUp, view: View) -> str:
    count = report.count(FollowUpKind.NOTHING_PLANNED)
    return label("nothing_planned_note", view.lang, count=count, year=report.year) if count else ""


def notes(report: FollowUp, view: View) -> list[str]:
    """The notes under the table: the measures not followed up, those with nothing planned."""
    return [note for note in (not_followed_note(report, view), nothing_planned_note(report, view)) if note]


def several_plans(report: FollowUp) -> bool:
    return len(plans_of(report)) > 1


def key_figures(report: FollowUp, view: View) -> list[Figure]:
    """Planerat, Prognos, Avvikelse, Sparbeting, the forecast gap (named so it cannot be misread), ej uppföljda."""
    unit = view.unit.value
    kind = report.kind
    deviation = deviation_shown(kind, report.planned, report.deviation, view)
    figures = [Figure(label("planned", view.lang), f"{numbers.span(report.planned, view.unit)} {unit}"),
               Figure(label("forecast", view.lang), f"{numbers.span(report.forecast, view.unit)} {unit}"),
               Figure(label("deviation", view.lang), f"{deviation} {unit}" if shows_figure(kind, report.planned) else deviation,
                   DEVIATION_TONE.get(kind, ""))]
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        figures.append(Figure(label("target", view.lang), label("no_target", view.lang)))
    else:
        figures.append(Figure(label("target", view.lang), f"{numbers.amount(report.target, view.unit)} {unit}"))
        name, value, tone = forecast_gap_text(*gap, view)
        figures.append(Figure(name, value if tone == "uncertain" else f"{value} {unit}", tone))
    figures.append(Figure(label("not_followed_up_figure", view.lang),
                          label("measures_count", view.lang, count=report.not_followed_up),
                          "uncertain" if report.not_followed_up else ""))
    return figures


# --- the report as text cells, for Markdown and HTML -----------------------------------------

_AMOUNT_KEYS = ("planned", "forecast", "deviation", "outcome")


def follow_up_text_table(report: FollowUp, view: View) -> TextTable:
    """A row per measure (with its plan when there are several), the totals, target and forecast gap."""
    lead = [label("plan", view.lang)] if several_plans(report) else []
    headers = [*lead, *(label(k, view.lang) for k in ("id", "measure", "status")),
               *(label(k, view.lang) for k in _AMOUNT_KEYS), label("followed_up", view.lang)]
    numeric = [False] * (len(lead) + 3) + [True] * 4 + [False]
    rows = [_text_row(line, view, bool(lead)) for line in report.lines]
    rows += _text_totals(report, view, len(lead))
    return TextTable(full_title(report, view), headers, numeric, rows, caption(report, view), notes(report, view))


def _text_row(line: FollowUpLine, view: View, with_plan: bool) -> Row:
    measure = line.result.measure
    cells = [numbers.clean(line.result.plan.title)] if with_plan else []
    cells += [numbers.clean(measure.id), numbers.clean(measure.title), measure_status(line.result, view),
              numbers.span(line.planned, view.unit), numbers.span(line.forecast, view.unit),
              deviation_shown(line.kind, line.planned, line.deviation, view),
              "" if line.outcome is None else numbers.span(line.outcome, view.unit), followed_up_word(line, view)]
    tones = [""] * len(cells)
    tones[-3] = "short" if line.kind is FollowUpKind.BEHIND else ""
    tones[-1] = "not-followed" if line.kind is FollowUpKind.NOT_FOLLOWED_UP else ""
    return Row(cells, "measure" if line.result.counted else "dim", cell_tones=tones)


def _text_totals(report: FollowUp, view: View, lead: int) -> list[Row]:
    def row(name: str, amounts: Sequence[str], kind: str, tone: str = "", tones: Sequence[str] = ()) -> Row:
        return Row([*[""] * lead, "", name, "", *amounts, *[""] * (4 - len(amounts)), ""], kind, tone,
                   [*[""] * (lead + 3), *tones, *[""] * (5 - len(tones))] if tones else ())

    rows = [row(label("total", view.lang), [numbers.span(report.planned, view.unit),
                                             numbers.span(report.forecast, view.unit),
                                             deviation_shown(report.kind, report.planned, report.deviation, view)],
                "total", tones=["", "", "short" if report.kind is FollowUpKind.BEHIND else ""])]
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        return rows + [row(f"{label('target', view.lang)}: {label('no_target', view.lang)}", [], "target")]
    name, value, tone = forecast_gap_text(*gap, view)
    rows.append(row(label("target", view.lang), ["", numbers.amount(report.target, view.unit)], "target"))
    rows.append(row(name, ["", value], "gap", tone))
    return rows
