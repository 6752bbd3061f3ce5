"""``--format html``: one self-contained page for the nämnd (Jinja2, imported only here).

Per plan: the heading and key figures (sparbeting, total, gap or surplus, coverage), a
waterfall from the sparbeting through each measure's effect to what remains, a bar chart
per year (inline SVG, see :mod:`budgetbalans.render.charts`), the measure table, and the
warnings of the reconciliation. ``follow-up`` gets its own page: the key figures (planned,
forecast, deviation, target and the forecast gap, named "Prognos: kvar att spara" or
"Prognos: överskott"), planned against forecast per measure, and the table. No script, font, image or style is fetched: the page opens
offline and prints on A4. Templates autoescape: plan text is always text.

The page names its report date (``Report.today``, given by the CLI: nothing here reads the
clock) and its plans by file name only: a local folder (``/home/anna/plans/``) never reaches
the nämnd (:func:`shown_paths`). A legend explains the interval classes and the verdict colours.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from budgetbalans import __version__
from budgetbalans.core import MeasureResult, Summary, Totals
from budgetbalans.followup import FollowUp, FollowUpKind, FollowUpLine
from budgetbalans.money import EXACT_ZERO
from budgetbalans.grouping import group_totals
from budgetbalans.render import charts, numbers
from budgetbalans.render.report import (
    Figure, Report, ReportKind, TextTable, all_plans_table, gap_table, groups_table, measures_table, plan_heading,
    warnings,
)
from budgetbalans.render.followup import caption, follow_up_text_table, headings, key_figures, title
from budgetbalans.render.labels import label
from budgetbalans.render.report import TONE
from budgetbalans.render.view import View, gap_text, net_text, period_verdict, shows_rounded

if TYPE_CHECKING:
    from jinja2 import Environment

@dataclass(frozen=True)
class Section:
    """A plan (or all plans together): heading, key figures, charts, tables."""

    title: str
    subtitle: str
    figures: Sequence[Figure]
    waterfall: charts.Chart | None
    waterfall_title: str
    without_effect: str
    per_year: charts.Chart | None
    tables: Sequence[TextTable]


def render(summary: Summary, report: Report) -> str:
    """The page's HTML text."""
    view = report.view
    sections = _sections(summary, report)
    extra = ([groups_table(summary, group_totals(summary, report.group_by), report.group_by, view)]
             if report.group_by is not None else [])
    title = (plan_heading(summary.plans[0].plan) if len(summary.plans) == 1
             else label("all_plans", view.lang))
    names = shown_paths(r.plan.path for r in summary.plans)
    tables = [t for s in sections for t in s.tables] + extra
    return environment().get_template("report.html.j2").render(
        lang=view.lang.value, title=title, sections=[_hide_in_section(s, names) for s in sections],
        extra_tables=[_hide_in_table(t, names) for t in extra],
        warnings=[_hide(w, names) for w in warnings(summary, view)],
        rounded_note=label("rounded_note", view.lang) if shows_rounded(summary, view.unit) else "",
        label=lambda key, **values: label(key, view.lang, **values),
        version=__version__, range_note=_has_range_bars(sections), label_x=charts.LABEL_WIDTH - 6,
        report_date=report.today.isoformat() if report.today is not None else "",
        classes_legend=any(label("class", view.lang) in t.headers for t in tables),
        verdict_legend=[(tone, label(tone, view.lang), label(f"legend_{tone}", view.lang))
                        for tone in ("remaining", "surplus", "uncertain")],
    )


def shown_paths(paths: Iterable[str]) -> dict[str, str]:
    """Each plan's path as the page shows it: its file name, without the local folder.

    Two plans of the same file name in different folders keep as many of their last folders
    as it takes to tell them apart (``2025/vard.yaml``, ``2026/vard.yaml``); never more.
    """
    unique = list(dict.fromkeys(paths))
    shown: dict[str, str] = {}
    for depth in range(1, 1 + max((len(PurePath(p).parts) for p in unique), default=1)):
        tails = {p: "/".join(PurePath(p).parts[-depth:]) for p in unique if p not in shown}
        counts: dict[str, int] = {}
        for tail in tails.values():
            counts[tail] = counts.get(tail, 0) + 1
        shown.update({p: tail for p, tail in tails.items() if counts[tail] == 1 or depth == len(PurePath(p).parts)})
    return {p: shown.get(p, PurePath(p).name).lstrip("/") for p in unique}


def _hide(text: str, names: Mapping[str, str]) -> str:
    """``text`` with every plan's local path replaced by its shown name (the longest paths first)."""
    for path in sorted(names, key=len, reverse=True):
        if path and path != names[path]:
            text = text.replace(numbers.clean(path), names[path])
    return text


def _hide_in_table(table: TextTable, names: Mapping[str, str]) -> TextTable:
    return replace(table, title=_hide(table.title, names), caption=_hide(table.caption, names),
                   notes=[_hide(n, names) for n in table.notes],
                   rows=[replace(r, cells=[_hide(c, names) for c in r.cells]) for r in table.rows])


def _hide_in_section(section: Section, names: Mapping[str, str]) -> Section:
    return replace(section, subtitle=_hide(section.subtitle, names),
                   tables=[_hide_in_table(t, names) for t in section.tables])


def environment() -> Environment:
    """The templates of ``templates/``, autoescaping: plan text is always text."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("budgetbalans.render", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def _sections(summary: Summary, report: Report) -> list[Section]:
    view = report.view
    if report.kind is ReportKind.GAP:
        return [_section(gap_table(summary, view).title, _paths(summary), summary.totals, summary.measures, view,
                         [gap_table(summary, view)])]
    plans = [_section(plan_heading(r.plan), numbers.clean(r.plan.path), r.totals, r.measures, view,
                      [measures_table(r, view)]) for r in summary.plans]
    if len(summary.plans) == 1:
        return plans
    together = _section(label("all_plans", view.lang), _paths(summary), summary.totals, summary.measures, view,
                        [all_plans_table(summary, view)], waterfall=False)
    return [together, *plans]


def _paths(summary: Summary) -> str:
    return " + ".join(numbers.clean(r.plan.path) for r in summary.plans)


def _section(title: str, subtitle: str, totals: Totals, measures: Sequence[MeasureResult], view: View,
             tables: list[TextTable], waterfall: bool = True) -> Section:
    steps = charts.waterfall_steps(measures, totals, view.unit, _chart_names(totals, view)) if waterfall else []
    drawn = sum(1 for s in steps if s.kind in ("saving", "cost"))
    hidden = len(measures) - drawn
    return Section(
        title, f"{subtitle} · {label('unit', view.lang, unit=view.unit.value)}", _figures(totals, view),
        charts.waterfall(steps) if drawn else None, _waterfall_title(totals, view),
        label("measures_without_effect", view.lang, count=hidden) if drawn and hidden else "",
        charts.per_year(totals, view.unit) if totals.years else None, tables,
    )


def _chart_names(totals: Totals, view: View) -> dict[str, str]:
    names = {key: label(key, view.lang) for key in ("target", "remaining", "surplus", "uncertain", "total", "net")}
    if totals.gap is not None:
        names["uncertain_value"] = gap_text(totals.gap.total, totals.gap.net_kind, view)[1]
        names["net_value"] = net_text(totals.gap, view)
    return names


def _waterfall_title(totals: Totals, view: View) -> str:
    """The waterfall ends at the period's net gap: named by its kind, or "netto" over per-year targets."""
    if totals.gap is None:
        return label("waterfall_no_target", view.lang)
    if totals.gap.year_falls_short:
        return label("waterfall", view.lang, what=label("net", view.lang).lower())
    name = gap_text(totals.gap.total, totals.gap.net_kind, view)[0]
    return label("waterfall", view.lang, what=name.lower())


def _figures(totals: Totals, view: View) -> list[Figure]:
    unit = view.unit.value
    figures = []
    if totals.target is not None:
        figures.append(Figure(label("target", view.lang), f"{numbers.amount(totals.target.total, view.unit)} {unit}"))
    else:
        figures.append(Figure(label("target", view.lang), label("no_target", view.lang)))
    figures.append(Figure(label("measures_total", view.lang), f"{numbers.span(totals.total, view.unit)} {unit}"))
    if totals.gap is not None:
        name, value, _ = period_verdict(totals.gap, view, unit)
        figures.append(Figure(name, value, TONE[totals.gap.kind]))
        if totals.gap.year_falls_short:  # the net, in no verdict's colour
            figures.append(Figure(label("net", view.lang), net_text(totals.gap, view, unit)))
        figures.append(Figure(label("coverage", view.lang), numbers.percent_span(totals.coverage())))
    return figures


def _has_range_bars(sections: Sequence[Section]) -> bool:
    return any(bar.extra_length > 0 for s in sections for chart in (s.waterfall, s.per_year) if chart
               for bar in chart.bars)


# --- follow-up (uppföljning) -----------------------------------------------------------------


def render_follow_up(report: FollowUp, options: Report) -> str:
    """The follow-up page's HTML text."""
    view = options.view
    rows = _comparisons(report, view)
    shown = sum(1 for line in report.lines if _charted(line))
    chart = (charts.planned_vs_forecast(rows, (label("planned", view.lang), label("forecast", view.lang)))
             if rows else None)
    page_title = title(report, view)
    names = shown_paths(line.result.plan.path for line in report.lines)
    return environment().get_template("followup.html.j2").render(
        lang=view.lang.value, title=page_title, heading=headings(report), subtitle=_hide(caption(report, view), names),
        figures=key_figures(report, view), chart=chart,
        table=_hide_in_table(follow_up_text_table(report, view), names),
        hidden=(label("follow_up_without_amount", view.lang, count=len(report.lines) - shown)
                if chart and shown < len(report.lines) else ""),
        label=lambda key, **values: label(key, view.lang, **values), version=__version__,
        label_x=charts.LABEL_WIDTH - 6,
        range_note=chart is not None and any(bar.extra_length > 0 for bar in chart.bars),
    )


def _charted(line: FollowUpLine) -> bool:
    return line.result.counted and (line.planned != EXACT_ZERO or line.forecast != EXACT_ZERO)


def _comparisons(report: FollowUp, view: View) -> list[charts.Comparison]:
    """A chart row per counted measure with an amount, then Summa when there are several."""
    rows = []
    for line in report.lines:
        if _charted(line):
            short, full = charts.short_label(line.result.measure.id, line.result.measure.title)
            rows.append(charts.Comparison(short, full, line.planned, line.forecast,
                                          numbers.span(line.planned, view.unit), numbers.span(line.forecast, view.unit),
                                          line.falls_short))
    if len(rows) > 1:
        name = label("total", view.lang)
        rows.append(charts.Comparison(name, name, report.planned, report.forecast,
                                      numbers.span(report.planned, view.unit), numbers.span(report.forecast, view.unit),
                                      report.kind is FollowUpKind.BEHIND))
    return rows
