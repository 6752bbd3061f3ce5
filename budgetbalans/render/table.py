"""``--format table``: terminal tables (rich). Plan text is always a :class:`rich.text.Text`, never markup.

Only this format (and the follow-up's table) imports rich. The words of figures and verdicts
are :mod:`budgetbalans.render.view`'s; the subtotals are :mod:`budgetbalans.render.report`'s
text table, drawn with rich.
"""

from __future__ import annotations

import io
import re
from typing import Iterable, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Column, Table
from rich.text import Text

from budgetbalans.core import Gap, coverage, MeasureResult, PlanResult, Reconciliation, Summary, Totals
from budgetbalans.grouping import GroupBy, group_totals
from budgetbalans.messages import Lang
from budgetbalans.money import ZERO, Range, Unit
from budgetbalans.render import numbers
from budgetbalans.render.labels import label, status_word
from budgetbalans.render.report import Report, ReportKind, groups_table as text_groups_table
from budgetbalans.render.view import (
    KIND_STYLE, View, mismatch_texts, net_text, period_verdict, shows_rounded, year_gap,
)


def render(summary: Summary, report: Report) -> str:
    """The ``summarize`` or ``gap`` report as the terminal shows it (``report.width`` columns)."""
    out = io.StringIO()
    console = Console(file=out, width=report.width or 140, force_terminal=report.terminal, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    (render_summary if report.kind is ReportKind.SUMMARY else render_gap)(summary, report.view, console,
                                                                          report.group_by)
    return out.getvalue()


# --- fitting a table to the width: amounts are never cut ---------------------------------------

#: Spaces that never break a line: inside an amount (``13 549``, ``≥ 3 000``, ``62 %``), after a
#: colon (``2024: 535``), before a separator (`` · ``).
_GLUE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=[≥≤:]) | (?=[·%])")
_SEPARATOR = " · "


def _plain(cell: RenderableType) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _as_text(cell: RenderableType) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def _natural(column: Column) -> int:
    """The widest line of a column's header and cells, in terminal cells."""
    texts = [column.header, *column.cells]
    return max((cell_len(line) for text in texts for line in _plain(text).split("\n")), default=0)


def fits(table: Table, width: int) -> bool:
    """Whether ``table`` fits ``width`` with every ``no_wrap`` column (the amounts) at its full width
    and each wrapping column (text, folded) at least a few cells wide (12 for the title)."""
    needed = len(table.columns) + 1  # the vertical lines
    for column in table.columns:
        natural = _natural(column)
        needed += 2 + (natural if column.no_wrap else min(natural, 12 if column.ratio else 6))
    return needed <= width


def wrap(text: Text, width: int, indent: int = 0) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, broken at spaces but never inside an amount
    (:data:`_GLUE`); only a word wider than the line is folded. Every line after ``indent`` spaces."""
    plain = text.plain
    glued = {match.start() for match in _GLUE.finditer(plain)}
    words: list[Text] = []
    start = 0
    for index, char in enumerate(plain):
        if char == " " and index not in glued:
            if index > start:
                words.append(text[start:index])
            start = index + 1
    if start < len(plain):
        words.append(text[start:])
    room = max(1, width - indent)
    lines: list[Text] = []
    line: Text | None = None
    for whole in words:
        pieces = _split_wide(whole, room) if whole.cell_len > room else [whole]
        if len(pieces) > 1 and line is not None:
            lines.append(line)
            line = None
        lines += pieces[:-1]
        word = pieces[-1]
        if not word.plain:
            continue
        if line is None:
            line = word.copy()
        elif line.cell_len + 1 + word.cell_len <= room:
            line.append(" ")
            line.append_text(word)
        else:
            lines.append(line)
            line = word.copy()
    if line is not None:
        lines.append(line)
    return [Text(" " * indent) + line for line in lines] or [Text("")]


_WEAK = re.compile(r"(?<=:) | (?=·)|(?<=\d–)(?=\d)")


def _split_wide(word: Text, room: int) -> list[Text]:
    """A word wider than a line in lines: broken after a colon, before a separator or after the
    dash of a range (both amounts whole); only a part still too wide is folded."""
    parts: list[Text] = []
    start = 0
    for match in _WEAK.finditer(word.plain):
        parts.append(word[start:match.start()])
        start = match.end()
    parts.append(word[start:])
    lines: list[Text] = []
    for part in parts:
        if lines and lines[-1].cell_len + 1 + part.cell_len <= room:
            joiner = "" if lines[-1].plain.endswith("–") else " "
            lines[-1] = lines[-1] + Text(joiner) + part
            continue
        while part.cell_len > room:
            cut, used = 0, 0
            while cut < len(part.plain) and used + cell_len(part.plain[cut]) <= room:
                used += cell_len(part.plain[cut])
                cut += 1
            lines.append(part[:max(cut, 1)])
            part = part[max(cut, 1):]
        if part.plain:
            lines.append(part)
    return lines or [word]


def stacked(table: Table, head: int, width: int) -> list[Text]:
    """The table as blocks, one per row: its first ``head`` cells as a heading, then every other
    cell as ``Header: value``, wrapped between values, never inside one. The row's style (bold
    totals, dimmed uncounted measures) and the cells' colours (the verdicts) are kept."""
    lines: list[Text] = []
    if table.title:
        lines += wrap(_as_text(table.title), width)
    headers = [_plain(column.header) for column in table.columns]
    cells = [list(column.cells) for column in table.columns]
    for index, row in enumerate(table.rows):
        row_cells = [_as_text(column[index]) for column in cells]
        style = row.style or ""
        heading = Text(style=style)
        for cell in row_cells[:head]:
            if cell.plain:
                heading.append_text(Text(" ") + cell if heading.plain else cell)
        body = Text(style=style)
        for header, cell in zip(headers[head:], row_cells[head:]):
            if not cell.plain:
                continue
            if body.plain:
                body.append(_SEPARATOR)
            body.append_text(Text(f"{header}: ") + cell if header else cell)
        if heading.plain:
            lines += wrap(heading, width)
        if body.plain:
            lines += wrap(body, width, indent=2 if heading.plain else 0)
        if row.end_section:
            lines.append(Text(""))
    if table.caption:
        lines += wrap(_as_text(table.caption), width)
    return lines


def print_table(console: Console, table: Table, head: int) -> None:
    """``table`` when it fits the console's width with its amounts whole, else :func:`stacked`."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    if fits(table, console.width):
        console.print(table)
        return
    for line in stacked(table, head, console.width):
        console.print(line, soft_wrap=True)


def print_wrapped(console: Console, text: Text) -> None:
    """A line of prose (a warning, a note) wrapped at the console's width, never inside an amount."""
    for line in wrap(text, console.width):
        console.print(line, soft_wrap=True)


def summary_table(result: PlanResult, years: Sequence[int], view: View) -> Table:
    """One plan: a row per measure, then the totals, the target and the gap."""
    plan = result.plan
    title = numbers.clean(plan.title) + (f" — {numbers.clean(plan.organisation)}" if plan.organisation else "")
    table = Table(title=Text(title, style="bold"), caption=_caption(plan.path, view), show_lines=False,
                  title_justify="left", caption_justify="left")
    table.add_column(label("id", view.lang), no_wrap=True)
    table.add_column(label("measure", view.lang), ratio=3, min_width=20)
    table.add_column(label("area", view.lang), ratio=1)
    table.add_column(label("status", view.lang))
    for year in years:
        table.add_column(str(year), justify="right", no_wrap=True)
    table.add_column(label("total", view.lang), justify="right", no_wrap=True)
    table.add_column(label("class", view.lang), justify="center", no_wrap=True)
    for measure in result.measures:
        table.add_row(*_measure_row(measure, years, view), style=None if measure.counted else "dim")
    _add_total_rows(table, result.totals, years, view)
    return table


def _caption(path: str, view: View) -> Text:
    parts = [numbers.clean(path), label("unit", view.lang, unit=view.unit.value)]
    if view.statuses:
        parts.append(label("statuses_only", view.lang, statuses=", ".join(view.statuses)))
    return Text(" · ".join(parts))


def _measure_row(result: MeasureResult, years: Sequence[int], view: View) -> list[Text]:
    measure = result.measure
    status = status_word(measure.status, view.lang)
    if measure.potential:
        status += f" ({label('possible', view.lang)})"
    cells = [Text(numbers.clean(measure.id)), Text(numbers.clean(measure.title)),
             Text(numbers.clean(measure.area or "")), Text(status)]
    cells += [Text(numbers.span(result.effects[year], view.unit)) if year in result.effects else Text("")
              for year in years]
    cells.append(Text(numbers.span(result.total, view.unit) if result.effects else ""))
    cells.append(Text(str(result.interval_class) if result.interval_class else ""))
    return cells


def _add_total_rows(table: Table, totals: Totals, years: Sequence[int], view: View) -> None:
    blank = [Text("")] * 2
    table.add_section()
    table.add_row(Text(""), Text(label("total", view.lang), style="bold"), *blank,
                  *_year_cells(totals.per_year, years, view), Text(numbers.span(totals.total, view.unit), style="bold"),
                  Text(""), style="bold")
    if totals.potential.high != 0:
        table.add_row(Text(""), Text(label("potential", view.lang)), *blank,
                      *[Text("")] * len(years), Text(numbers.span(totals.potential, view.unit)), Text(""), style="dim")
    if totals.target is None:
        table.add_row(Text(""), Text(f"{label('target', view.lang)}: {label('no_target', view.lang)}"),
                      *blank, *[Text("")] * (len(years) + 2))
        return
    target_years = [Text(numbers.amount(totals.target.years.get(y, ZERO), view.unit)) if totals.target.years
                    else Text("") for y in years]
    table.add_row(Text(""), Text(label("target", view.lang)), *blank, *target_years,
                  Text(numbers.amount(totals.target.total, view.unit)), Text(""))
    _add_gap_row(table, totals.gap, years, view)


def _year_cells(per_year: Mapping[int, Range], years: Sequence[int], view: View) -> list[Text]:
    return [Text(numbers.span(per_year[year], view.unit)) for year in years]


def _add_gap_row(table: Table, gap: Gap | None, years: Sequence[int], view: View) -> None:
    assert gap is not None
    for cells, _ in gap_rows(gap, years, view):
        table.add_row(Text(""), cells[0], *[Text("")] * 2, *cells[1:], Text(""))


def gap_rows(gap: Gap, years: Sequence[int], view: View) -> list[tuple[list[Text], str]]:
    """The verdict row (label, a cell per year, the period), then the net row over per-year targets."""
    name, value, style = period_verdict(gap, view)
    year_cells = []
    for year in years:
        if gap.years is None:
            year_cells.append(Text(""))
            continue
        text, kind = year_gap(gap, year, name, view)
        year_cells.append(Text(text, style=KIND_STYLE[kind]))
    rows = [([Text(name, style=style), *year_cells, Text(value, style=style)], style)]
    if gap.year_falls_short:
        rows.append(([Text(label("net", view.lang)), *[Text("")] * len(years), Text(net_text(gap, view))], ""))
    return rows


def all_plans_table(summary: Summary, view: View) -> Table:
    """Several plans added up: totals per year, the target and the gap."""
    table = Table(title=Text(label("all_plans", view.lang), style="bold"), title_justify="left",
                  caption=Text(label("unit", view.lang, unit=view.unit.value)), caption_justify="left")
    table.add_column("")
    for year in summary.years:
        table.add_column(str(year), justify="right", no_wrap=True)
    table.add_column(label("total", view.lang), justify="right", no_wrap=True)
    totals = summary.totals
    table.add_row(Text(label("total", view.lang), style="bold"), *_year_cells(totals.per_year, summary.years, view),
                  Text(numbers.span(totals.total, view.unit), style="bold"))
    if totals.target is None or totals.gap is None:
        table.add_row(Text(f"{label('target', view.lang)}: {label('no_target', view.lang)}"),
                      *[Text("")] * (len(summary.years) + 1))
        return table
    table.add_row(Text(label("target", view.lang)),
                  *[Text(numbers.amount(totals.target.years.get(y, ZERO), view.unit)) if totals.target.years
                    else Text("") for y in summary.years],
                  Text(numbers.amount(totals.target.total, view.unit)))
    for cells, _ in gap_rows(totals.gap, summary.years, view):
        table.add_row(*cells)
    return table


def mismatch_lines(items: Iterable[Reconciliation], unit: Unit, lang: Lang) -> list[Text]:
    """A warning per stated total that the rows do not add up to (:func:`~budgetbalans.render.view.mismatch_texts`)."""
    return [Text(line, style="yellow") for line in mismatch_texts(items, unit, lang)]


def render_summary(summary: Summary, view: View, console: Console, group_by: GroupBy | None = None) -> None:
    """The whole `summarize` report: each plan, then all of them when several, subtotals, then warnings."""
    for result in summary.plans:
        print_table(console, summary_table(result, result.totals.years, view), head=2)
        console.print()
    if len(summary.plans) > 1:
        print_table(console, all_plans_table(summary, view), head=1)
    if group_by is not None:
        render_groups(summary, group_by, view, console)
    print_rounded_note(summary, view, console)
    lines = mismatch_lines(summary.mismatches, view.unit, view.lang)
    for line in lines:
        print_wrapped(console, line)


def gap_table(summary: Summary, view: View) -> Table:
    """`gap`: per year and for the period, the target, the measures' total, the gap and the coverage."""
    totals = summary.totals
    table = Table(title=Text(_gap_title(summary), style="bold"), title_justify="left",
                  caption=_caption(" + ".join(r.plan.path for r in summary.plans), view), caption_justify="left")
    for name in ("year", "target", "measures_total"):
        table.add_column(label(name, view.lang), justify="left" if name == "year" else "right", no_wrap=True)
    table.add_column(f"{label('remaining', view.lang)} / {label('surplus', view.lang)}", justify="right",
                     no_wrap=True)
    table.add_column(label("coverage", view.lang), justify="right", no_wrap=True)
    if len(summary.years) == 1:  # --year: the period is that year
        table.add_row(*_gap_period_row(totals, view, str(summary.years[0])), style="bold")
        return table
    for year in summary.years:
        table.add_row(*_gap_year_row(totals, year, view))
    table.add_section()
    table.add_row(*_gap_period_row(totals, view, label("period", view.lang)), style="bold")
    for row in _gap_net_rows(totals, view):
        table.add_row(*row)
    return table


def _gap_title(summary: Summary) -> str:
    if len(summary.plans) == 1:
        plan = summary.plans[0].plan
        return numbers.clean(plan.title) + (f" — {numbers.clean(plan.organisation)}" if plan.organisation else "")
    return ", ".join(numbers.clean(r.plan.title) for r in summary.plans)


def _gap_year_row(totals: Totals, year: int, view: View) -> list[Text]:
    total = totals.per_year[year]
    target = totals.target.years.get(year) if totals.target and totals.target.years else None
    if target is None or totals.gap is None or totals.gap.years is None:
        return [Text(str(year)), Text("–"), Text(numbers.span(total, view.unit)), Text("–"), Text("–")]
    text, kind = year_gap(totals.gap, year, "", view)
    return [Text(str(year)), Text(numbers.amount(target, view.unit)), Text(numbers.span(total, view.unit)),
            Text(text, style=f"bold {KIND_STYLE[kind]}"), Text(numbers.percent_span(coverage(total, target)))]


def _gap_period_row(totals: Totals, view: View, name: str) -> list[Text]:
    period = Text(name)
    total = Text(numbers.span(totals.total, view.unit))
    if totals.target is None or totals.gap is None:
        return [period, Text(label("no_target", view.lang)), total, Text("–"), Text("–")]
    name, value, style = period_verdict(totals.gap, view)
    return [period, Text(numbers.amount(totals.target.total, view.unit)), total,
            Text(f"{name}: {value}", style=style), Text(numbers.percent_span(totals.coverage()))]


def _gap_net_rows(totals: Totals, view: View) -> list[list[Text]]:
    """Over per-year targets where a year falls short: the period's net gap on a row of its own."""
    if totals.gap is None or not totals.gap.year_falls_short:
        return []
    return [[Text(label("net", view.lang)), Text(""), Text(""), Text(net_text(totals.gap, view)), Text("")]]


def render_gap(summary: Summary, view: View, console: Console, group_by: GroupBy | None = None) -> None:
    print_table(console, gap_table(summary, view), head=1)
    totals = summary.totals
    if totals.target is not None and totals.target.years is None and summary.years:
        print_wrapped(console, Text(label("target_period_only", view.lang), style="dim"))
    if group_by is not None:
        render_groups(summary, group_by, view, console)
    print_rounded_note(summary, view, console)


def print_rounded_note(summary: Summary, view: View, console: Console) -> None:
    """Where an amount is shown rounded: that the totals are computed from the exact amounts."""
    if shows_rounded(summary, view.unit):
        print_wrapped(console, Text(label("rounded_note", view.lang), style="dim"))


def groups_table(summary: Summary, by: GroupBy, view: View) -> Table:
    """``--group-by``: the counted effects per area, status or plan, then the total they add up to."""
    source = text_groups_table(summary, group_totals(summary, by), by, view)
    table = Table(title=Text(source.title, style="bold"), title_justify="left", caption=Text(source.caption),
                  caption_justify="left")
    for header, numeric in zip(source.headers, source.numeric):
        table.add_column(header, justify="right" if numeric else "left", no_wrap=numeric)
    for row in source.rows:
        if row.kind == "total":
            table.add_section()
        table.add_row(*[Text(cell) for cell in row.cells], style="bold" if row.kind == "total" else None)
    return table


def render_groups(summary: Summary, by: GroupBy, view: View, console: Console) -> None:
    console.print()
    print_table(console, groups_table(summary, by, view), head=1)
