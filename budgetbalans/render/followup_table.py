"""`follow-up --format table`: the rich table of a follow-up, for the terminal.

Apart from :mod:`budgetbalans.render.followup` (the words and shapes every format shares) so
that the follow-up's CSV, JSON, Markdown and HTML never load rich.
"""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from budgetbalans.followup import FollowUp, FollowUpKind, FollowUpLine
from budgetbalans.money import Range
from budgetbalans.render import numbers
from budgetbalans.render.followup import (
    caption, deviation_shown, followed_up_word, forecast_gap, forecast_gap_text, full_title, not_followed_note,
    nothing_planned_note,
)
from budgetbalans.render.labels import label
from budgetbalans.render.report import Report, measure_status
from budgetbalans.render.view import View


_DEVIATION_STYLE = {FollowUpKind.BEHIND: "red", FollowUpKind.AHEAD: "green"}


def _deviation(kind: FollowUpKind, planned: Range, deviation: Range, view: View) -> Text:
    return Text(deviation_shown(kind, planned, deviation, view), style=_DEVIATION_STYLE.get(kind, ""))


def _row(line: FollowUpLine, view: View) -> list[Text]:
    measure = line.result.measure
    return [
        Text(numbers.clean(measure.id)),
        Text(numbers.clean(measure.title)),
        Text(measure_status(line.result, view)),
        Text(numbers.span(line.planned, view.unit)),
        Text(numbers.span(line.forecast, view.unit)),
        _deviation(line.kind, line.planned, line.deviation, view),
        Text("" if line.outcome is None else numbers.span(line.outcome, view.unit)),
        Text(followed_up_word(line, view), style="bold yellow" if line.kind is FollowUpKind.NOT_FOLLOWED_UP else ""),
    ]


def follow_up_table(report: FollowUp, view: View) -> Table:
    """A row per measure, then the totals and the forecast gap."""
    table = Table(title=Text(full_title(report, view), style="bold"), title_justify="left",
                  caption=Text(caption(report, view)), caption_justify="left")
    table.add_column(label("id", view.lang), no_wrap=True)
    table.add_column(label("measure", view.lang), ratio=3, min_width=20)
    table.add_column(label("status", view.lang))
    for key in ("planned", "forecast", "deviation", "outcome"):
        table.add_column(label(key, view.lang), justify="right", no_wrap=True)
    table.add_column(label("followed_up", view.lang))
    for line in report.lines:
        table.add_row(*_row(line, view), style=None if line.result.counted else "dim")
    table.add_section()
    table.add_row(Text(""), Text(label("total", view.lang)), Text(""),
                  Text(numbers.span(report.planned, view.unit)), Text(numbers.span(report.forecast, view.unit)),
                  _deviation(report.kind, report.planned, report.deviation, view), Text(""), Text(""), style="bold")
    _add_gap_rows(table, report, view)
    return table


def _add_gap_rows(table: Table, report: FollowUp, view: View) -> None:
    gap = forecast_gap(report)
    if report.target is None or gap is None:
        table.add_row(Text(""), Text(f"{label('target', view.lang)}: {label('no_target', view.lang)}"),
                      *[Text("")] * 6)
        return
    name, value, tone = forecast_gap_text(*gap, view)
    style = {"remaining": "bold red", "surplus": "bold green"}.get(tone, "bold yellow")
    table.add_row(Text(""), Text(label("target", view.lang)), Text(""), Text(""),
                  Text(numbers.amount(report.target, view.unit)), *[Text("")] * 3)
    table.add_row(Text(""), Text(name, style=style), Text(""), Text(""), Text(value, style=style), *[Text("")] * 3)


def render_follow_up(report: FollowUp, view: View, console: Console) -> None:
    from budgetbalans.render.table import print_table, print_wrapped

    print_table(console, follow_up_table(report, view), head=2)
    for note, style in ((not_followed_note(report, view), "yellow"), (nothing_planned_note(report, view), "")):
        if note:
            print_wrapped(console, Text(note, style=style))


def render_table(report: FollowUp, options: Report) -> str:
    """``follow-up --format table``: the rich table, at the report's width."""
    out = io.StringIO()
    console = Console(file=out, width=options.width or 140, force_terminal=options.terminal, highlight=False,
                      emoji=False, markup=False)
    render_follow_up(report, options.view, console)
    return out.getvalue()
