"""`follow-up` as a rich table and as the JSON of PLAN-FORMAT.md."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budgetbalans.followup import FollowUp, FollowUpLine
from budgetbalans.money import Range
from budgetbalans.render import jsonout, numbers
from budgetbalans.render.labels import label, status_word
from budgetbalans.render.table import View, gap_text


def _title(report: FollowUp, view: View) -> str:
    title = label("follow_up_title", view.lang, year=report.year)
    return title if report.as_of is None else f"{title} {label('as_of', view.lang, date=report.as_of.isoformat())}"


def _deviation(value: Range, view: View) -> Text:
    text = numbers.span(value, view.unit)
    short = any(bound is not None and bound < 0 for bound in (value.low, value.high))
    return Text(text if short or text == "0" else f"+{text}", style="red" if short else "green")


def _row(line: FollowUpLine, view: View) -> list[Text]:
    measure = line.result.measure
    return [
        Text(numbers.clean(measure.id)),
        Text(numbers.clean(measure.title)),
        Text(status_word(measure.status, view.lang)),
        Text(numbers.span(line.planned, view.unit)),
        Text(numbers.span(line.forecast, view.unit)),
        _deviation(line.deviation, view),
        Text("" if line.outcome is None else numbers.span(line.outcome, view.unit)),
        Text(label("yes", view.lang) if line.followed_up else label("not_followed_up", view.lang),
             style="" if line.followed_up else "bold yellow"),
    ]


def follow_up_table(report: FollowUp, view: View) -> Table:
    """A row per measure, then the totals and the forecast gap."""
    table = Table(title=Text(_title(report, view), style="bold"), title_justify="left",
                  caption=Text(label("unit", view.lang, unit=view.unit.value)), caption_justify="left")
    table.add_column(label("id", view.lang), no_wrap=True)
    table.add_column(label("measure", view.lang), ratio=3, min_width=20)
    table.add_column(label("status", view.lang), no_wrap=True)
    for key in ("planned", "forecast", "deviation", "outcome"):
        table.add_column(label(key, view.lang), justify="right", no_wrap=True)
    table.add_column(label("followed_up", view.lang), no_wrap=True)
    for line in report.lines:
        table.add_row(*_row(line, view), style=None if line.result.counted else "dim")
    table.add_section()
    table.add_row(Text(""), Text(label("total", view.lang)), Text(""),
                  Text(numbers.span(report.planned, view.unit)), Text(numbers.span(report.forecast, view.unit)),
                  _deviation(report.deviation, view), Text(""), Text(""), style="bold")
    _add_gap_rows(table, report, view)
    return table


def _add_gap_rows(table: Table, report: FollowUp, view: View) -> None:
    if report.target is None or report.forecast_gap is None:
        table.add_row(Text(""), Text(f"{label('target', view.lang)}: {label('no_target', view.lang)}"),
                      *[Text("")] * 6)
        return
    name, value, style = gap_text(report.forecast_gap, view)
    table.add_row(Text(""), Text(label("target", view.lang)), Text(""), Text(""),
                  Text(numbers.amount(report.target, view.unit)), *[Text("")] * 3)
    table.add_row(Text(""), Text(f"{label('forecast_gap', view.lang)}: {name}", style=style), Text(""), Text(""),
                  Text(value, style=style), *[Text("")] * 3)


def render_follow_up(report: FollowUp, view: View, console: Console) -> None:
    console.print(follow_up_table(report, view))
    if report.not_followed_up:
        console.print(Text(label("not_followed_note", view.lang, count=report.not_followed_up, year=report.year),
                           style="yellow"), soft_wrap=True)


def follow_up_json(report: FollowUp) -> dict[str, Any]:
    """The contract's keys: year, as_of, planned, forecast, deviation, target, forecast_gap, measures."""
    return {
        "year": report.year,
        "as_of": None if report.as_of is None else report.as_of.isoformat(),
        "planned": jsonout.span(report.planned),
        "forecast": jsonout.span(report.forecast),
        "deviation": jsonout.span(report.deviation),
        "target": jsonout.number(report.target),
        "forecast_gap": None if report.forecast_gap is None else jsonout.span(report.forecast_gap),
        "not_followed_up": report.not_followed_up,
        "measures": [_measure(line) for line in report.lines],
    }


def _measure(line: FollowUpLine) -> dict[str, Any]:
    measure = line.result.measure
    return {
        "plan": line.result.plan.path,
        "id": measure.id,
        "title": measure.title,
        "status": measure.status.value,
        "planned": jsonout.span(line.planned),
        "forecast": jsonout.span(line.forecast),
        "deviation": jsonout.span(line.deviation),
        "outcome": None if line.outcome is None else jsonout.span(line.outcome),
        "followed_up": line.followed_up,
        "counted": line.result.counted,
    }
