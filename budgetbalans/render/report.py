"""What every report format shares: the options (:class:`Report`), and the report as text cells.

A renderer (by name in :mod:`budgetbalans.render.formats`) takes the
:class:`~budgetbalans.core.Summary` that ``summarize`` computed and a :class:`Report` (which
command, unit, language, grouping) and returns the bytes of the report. None of them computes a figure: sums, targets, gaps, classes and subtotals come
from :mod:`budgetbalans.core` and :mod:`budgetbalans.grouping`. The heavy libraries
(jinja2, XlsxWriter) are imported only by the format that needs them.

The text cells (:class:`TextTable`) are the tables of :mod:`budgetbalans.render.table` as
plain strings in Swedish notation, for the formats that show text (Markdown, HTML); the
terminal draws the subtotals from them too. This module imports no rich and no renderer.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterable, Mapping, Sequence

from budgetbalans.core import GapKind, MeasureResult, PlanResult, Summary, Totals, coverage
from budgetbalans.grouping import Group, GroupBy
from budgetbalans.models import Plan, Status
from budgetbalans.money import Range
from budgetbalans.render import numbers
from budgetbalans.render.labels import label, status_word
from budgetbalans.render.view import View, mismatch_texts, net_text, period_verdict, year_gap


class ReportKind(str, Enum):
    """Which command the report is for."""

    SUMMARY = "summarize"
    GAP = "gap"
    FOLLOW_UP = "follow-up"


@dataclass(frozen=True)
class Report:
    """How to render: the command, the unit and language (``view``), the grouping.

    ``statuses`` are the English names of a ``--status`` filter (for JSON); ``terminal`` and
    ``width`` only matter to the table format.
    """

    kind: ReportKind
    view: View
    group_by: GroupBy | None = None
    statuses: Sequence[str] | None = None
    terminal: bool = False
    width: int | None = None
    today: datetime.date | None = None  # the report date, from the CLI: nothing in render/ reads the clock


def lazy(module: str, function: str, *, text: bool) -> Callable[[Any, Report], bytes]:
    """A renderer that imports its module (and its library: Jinja2, XlsxWriter) only when used."""
    def render(result: Any, report: Report) -> bytes:
        rendered = getattr(importlib.import_module(f"budgetbalans.render.{module}"), function)(result, report)
        return rendered.encode("utf-8") if text else bytes(rendered)

    return render


# --- shared by the formats -------------------------------------------------------------------


def plan_heading(plan: Plan) -> str:
    """``title — organisation``, plan text made safe for display."""
    title = numbers.clean(plan.title)
    return title + (f" — {numbers.clean(plan.organisation)}" if plan.organisation else "")


def measure_status(result: MeasureResult, view: View) -> str:
    word = status_word(result.measure.status, view.lang)
    return word + (f" ({label('possible', view.lang)})" if result.measure.potential else "")


def group_name(group: Group, view: View) -> str:
    """What a group is called in a report: the area, the status word, the plan's title."""
    if group.by is GroupBy.STATUS:
        return status_word(Status(group.key), view.lang)
    if group.name is None:
        return label("no_area", view.lang)
    return numbers.clean(group.name)


def has_ranges(summary: Summary) -> bool:
    """Whether any figure of the report is a range (then CSV and xlsx get low and high columns)."""
    values: list[Range] = [value for m in summary.measures for value in m.effects.values()]
    for totals in [summary.totals, *(plan.totals for plan in summary.plans)]:
        values += [*totals.per_year.values(), totals.total]
    return any(not value.is_exact for value in values)


def warnings(summary: Summary, view: View) -> list[str]:
    """The reconciliation warnings, as the table shows them, without the leading "Varning: "."""
    prefix = f"{label('warning', view.lang)}: "
    return [line.removeprefix(prefix) for line in mismatch_texts(summary.mismatches, view.unit, view.lang)]


class GapSign(int, Enum):
    """How a row of gaps is shown as numbers: every cell still to save, every cell a surplus, or mixed."""

    REMAINING = 1
    SURPLUS = -1
    SIGNED = 0


def gap_sign(kinds: Iterable[GapKind]) -> GapSign:
    """Positive numbers under "Kvar att spara" or "Överskott" when the core's kinds of every cell agree,
    else signed."""
    values = list(kinds)
    if all(kind is GapKind.SHORT for kind in values):
        return GapSign.REMAINING
    if all(kind is GapKind.SURPLUS for kind in values):
        return GapSign.SURPLUS
    return GapSign.SIGNED


def gap_label(sign: GapSign, view: View) -> str:
    if sign is GapSign.REMAINING:
        return label("remaining", view.lang)
    if sign is GapSign.SURPLUS:
        return label("surplus", view.lang)
    return label("gap_signed", view.lang)


def shown_gap(gap: Range, sign: GapSign) -> Range:
    """A gap as its row shows it: a surplus as a positive amount."""
    return -gap if sign is GapSign.SURPLUS else gap


def gap_row(totals: Totals) -> tuple[GapSign, Mapping[int, Range] | None, Range] | None:
    """The gap row of a table of numbers: its sign, the shown gap per year (if any) and for the period (net)."""
    if totals.gap is None:
        return None
    gap = totals.gap
    sign = gap_sign([gap.net_kind, *(gap.year_kinds or {}).values()])
    years = None if gap.years is None else {y: shown_gap(v, sign) for y, v in gap.years.items()}
    return sign, years, shown_gap(gap.total, sign)


def shortfall_row(totals: Totals, view: View) -> tuple[str, Range] | None:
    """Over per-year targets where a year falls short (or may): the row name naming those years, and the
    shortfall (the sum of the years' positive gaps). ``None`` otherwise: the gap row says it all."""
    gap = totals.gap
    if gap is None or not gap.year_falls_short:
        return None
    return label("shortfall_years", view.lang, years=", ".join(map(str, gap.shortfall_years))), gap.shortfall


# --- the tables as text, for Markdown and HTML -----------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A key figure: what it is, its value with the unit, and a tone (remaining, surplus, uncertain, short)."""

    name: str
    value: str
    tone: str = ""


@dataclass(frozen=True)
class Row:
    """A table row of display strings. ``kind``: measure, dim (not counted), total, target, gap, net, group.

    ``cell_tones``: a tone per cell where one cell differs from its row ("short" for a
    deviation below plan, "not-followed" for a measure without a forecast), "" for none.
    """

    cells: Sequence[str]
    kind: str = "measure"
    tone: str = ""  # "remaining", "surplus", "uncertain" for gap cells (:data:`TONE` of the core's kind)
    cell_tones: Sequence[str] = ()


@dataclass(frozen=True)
class TextTable:
    title: str
    headers: Sequence[str]
    numeric: Sequence[bool]
    rows: Sequence[Row]
    caption: str = ""
    notes: Sequence[str] = field(default_factory=tuple)


#: The tone (a CSS class) of each kind of gap; the kind comes from the core.
TONE = {GapKind.SHORT: "remaining", GapKind.SURPLUS: "surplus", GapKind.UNCERTAIN: "uncertain"}


def _caption(paths: Sequence[str], view: View) -> str:
    parts = [numbers.clean(" + ".join(paths)), label("unit", view.lang, unit=view.unit.value)]
    if view.statuses:
        parts.append(label("statuses_only", view.lang, statuses=", ".join(view.statuses)))
    return " · ".join(part for part in parts if part)


def measures_table(result: PlanResult, view: View) -> TextTable:
    """One plan as ``summarize`` shows it: a row per measure, the totals, target and gap."""
    years = result.totals.years
    headers = [label(k, view.lang) for k in ("id", "measure", "area", "status")]
    headers += [str(y) for y in years] + [label("total", view.lang), label("class", view.lang)]
    numeric = [False] * 4 + [True] * (len(years) + 1) + [False]
    rows = [_measure_row(m, years, view) for m in result.measures]
    rows += _total_rows(result.totals, years, view, leading=4, trailing=1)
    return TextTable(plan_heading(result.plan), headers, numeric, rows, _caption([result.plan.path], view))


def _measure_row(result: MeasureResult, years: Sequence[int], view: View) -> Row:
    measure = result.measure
    cells = [numbers.clean(measure.id), numbers.clean(measure.title), numbers.clean(measure.area or ""),
             measure_status(result, view)]
    cells += [numbers.span(result.effects[y], view.unit) if y in result.effects else "" for y in years]
    cells.append(numbers.span(result.total, view.unit) if result.effects else "")
    cells.append(str(result.interval_class) if result.interval_class else "")
    return Row(cells, "measure" if result.counted else "dim")


def _total_rows(totals: Totals, years: Sequence[int], view: View, leading: int, trailing: int) -> list[Row]:
    """Summa, possible effect, sparbeting and the gap; the label in the column after the first."""
    def row(name: str, per_year: Sequence[str], whole: str, kind: str, tone: str = "") -> Row:
        head = [""] * leading
        head[min(1, leading - 1)] = name
        return Row([*head, *per_year, whole, *[""] * trailing], kind, tone)

    rows = [row(label("total", view.lang), [numbers.span(totals.per_year[y], view.unit) for y in years],
                numbers.span(totals.total, view.unit), "total")]
    if totals.potential.high != 0:
        rows.append(row(label("potential", view.lang), [""] * len(years), numbers.span(totals.potential, view.unit),
                        "dim"))
    if totals.target is None or totals.gap is None:
        rows.append(row(f"{label('target', view.lang)}: {label('no_target', view.lang)}", [""] * len(years), "",
                        "target"))
        return rows
    target_years = totals.target.years
    rows.append(row(label("target", view.lang),
                    [numbers.amount(target_years.get(y, 0), view.unit) if target_years else "" for y in years],  # type: ignore[arg-type]
                    numbers.amount(totals.target.total, view.unit), "target"))
    gap = totals.gap
    name, value, _ = period_verdict(gap, view)
    rows.append(row(name, [year_gap(gap, y, name, view)[0] if gap.years else "" for y in years], value, "gap",
                    TONE[gap.kind]))
    if gap.year_falls_short:
        rows.append(row(label("net", view.lang), [""] * len(years), net_text(gap, view), "net"))
    return rows


def all_plans_table(summary: Summary, view: View) -> TextTable:
    """Several plans added up: totals per year, the target and the gap."""
    years = summary.years
    headers = ["", *[str(y) for y in years], label("total", view.lang)]
    rows = _total_rows(summary.totals, years, view, leading=1, trailing=0)
    return TextTable(label("all_plans", view.lang), headers, [False] + [True] * (len(years) + 1), rows,
                     label("unit", view.lang, unit=view.unit.value))


def groups_table(summary: Summary, groups: Sequence[Group], by: GroupBy, view: View) -> TextTable:
    """The subtotals of ``--group-by``, then the total they add up to."""
    years = summary.years
    headers = [label(f"group_{by.value}", view.lang), *[str(y) for y in years], label("total", view.lang)]
    rows = [Row([group_name(g, view), *[numbers.span(g.per_year[y], view.unit) for y in years],
                 numbers.span(g.total, view.unit)], "group") for g in groups]
    rows.append(Row([label("total", view.lang), *[numbers.span(summary.totals.per_year[y], view.unit) for y in years],
                     numbers.span(summary.totals.total, view.unit)], "total"))
    title = label("subtotals", view.lang, by=label(f"group_{by.value}", view.lang).lower())
    return TextTable(title, headers, [False] + [True] * (len(years) + 1), rows,
                     label("unit", view.lang, unit=view.unit.value))


def gap_table(summary: Summary, view: View) -> TextTable:
    """``gap``: per year and for the period, the target, the measures' total, the gap and the coverage."""
    totals = summary.totals
    headers = [label(k, view.lang) for k in ("year", "target", "measures_total")]
    headers += [f"{label('remaining', view.lang)} / {label('surplus', view.lang)}", label("coverage", view.lang)]
    numeric = [False, True, True, True, True]
    title = (plan_heading(summary.plans[0].plan) if len(summary.plans) == 1
             else ", ".join(numbers.clean(r.plan.title) for r in summary.plans))
    caption = _caption([r.plan.path for r in summary.plans], view)
    notes = ([label("target_period_only", view.lang)]
             if totals.target is not None and totals.target.years is None and summary.years else [])
    if len(summary.years) == 1:
        rows = _gap_period_rows(totals, view, str(summary.years[0]))
    else:
        rows = [_gap_year_row(totals, year, view) for year in summary.years]
        rows += _gap_period_rows(totals, view, label("period", view.lang))
    return TextTable(title, headers, numeric, rows, caption, notes)


def _gap_year_row(totals: Totals, year: int, view: View) -> Row:
    total = numbers.span(totals.per_year[year], view.unit)
    target = totals.target.years.get(year) if totals.target and totals.target.years else None
    if target is None or totals.gap is None or totals.gap.years is None:
        return Row([str(year), "–", total, "–", "–"])
    text, kind = year_gap(totals.gap, year, "", view)
    share = numbers.percent_span(coverage(totals.per_year[year], target))
    return Row([str(year), numbers.amount(target, view.unit), total, text, share], tone=TONE[kind])


def _gap_period_rows(totals: Totals, view: View, name: str) -> list[Row]:
    """The period's verdict; over per-year targets where a year falls short, the net on a row of its own."""
    total = numbers.span(totals.total, view.unit)
    if totals.target is None or totals.gap is None:
        return [Row([name, label("no_target", view.lang), total, "–", "–"], "total")]
    gap_name, value, _ = period_verdict(totals.gap, view)
    rows = [Row([name, numbers.amount(totals.target.total, view.unit), total, f"{gap_name}: {value}",
                 numbers.percent_span(totals.coverage())], "total", TONE[totals.gap.kind])]
    if totals.gap.year_falls_short:
        rows.append(Row([label("net", view.lang), "", "", net_text(totals.gap, view), ""], "net"))
    return rows
