"""``--format markdown``: GitHub-flavoured tables, for a pull-request comment or a wiki page.

The same tables as the terminal (:mod:`budgetbalans.render.report`'s text cells). Plan text
is data: ``|`` and the characters Markdown would read as emphasis, code, links, HTML,
mentions or math are escaped, and line breaks become spaces.

``follow-up``: the key figures on one line, then the measures with planned, forecast,
deviation and outcome, the totals and the forecast gap.
"""

from __future__ import annotations

import re
from typing import Sequence

from budgetbalans.core import Summary
from budgetbalans.followup import FollowUp
from budgetbalans.render.report import (
    Report, ReportKind, TextTable, all_plans_table, gap_table, groups_table, measures_table, warnings,
)
from budgetbalans.grouping import group_totals
from budgetbalans.render.followup import follow_up_text_table, key_figures
from budgetbalans.render.labels import label
from budgetbalans.render.view import shows_rounded

_SPECIAL = re.compile(r"([\\`*_\[\]|~$@#])")  # in a cell, - + ( ) ! never start a line
_EMPHASIS = {"total": "**", "gap": "**"}


def escape(text: str) -> str:
    """Plan text as inert Markdown inside a table cell."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def render(summary: Summary, report: Report) -> str:
    """The whole report: each plan's table (summarize) or the gap table, subtotals, warnings."""
    view = report.view
    tables: list[TextTable] = []
    if report.kind is ReportKind.SUMMARY:
        tables += [measures_table(result, view) for result in summary.plans]
        if len(summary.plans) > 1:
            tables.append(all_plans_table(summary, view))
    else:
        tables.append(gap_table(summary, view))
    if report.group_by is not None:
        tables.append(groups_table(summary, group_totals(summary, report.group_by), report.group_by, view))
    parts = [table_markdown(table) for table in tables]
    if shows_rounded(summary, view.unit):
        parts.append(f"*{escape(label('rounded_note', view.lang))}*")
    lines = warnings(summary, view)
    if lines:
        parts.append("\n".join(f"> **{escape(label('warning', view.lang))}:** "
                               f"{escape(line)}" for line in lines))
    return "\n\n".join(parts) + "\n"


def render_follow_up(report: FollowUp, options: Report) -> str:
    """``follow-up --format markdown``: the key figures on one line, then the table; a deviation below
    plan and a measure not followed up are in bold."""
    view = options.view
    figures = " · ".join(f"**{escape(f.name)}:** {escape(f.value)}" for f in key_figures(report, view))
    table = table_markdown(follow_up_text_table(report, view))
    heading, _, rest = table.partition("\n\n")
    return f"{heading}\n\n{figures}\n\n{rest}\n"


def table_markdown(table: TextTable) -> str:
    lines = [f"### {escape(table.title)}", ""] if table.title else []
    if table.caption:
        lines += [f"*{escape(table.caption)}*", ""]
    lines.append(_row([escape(h) for h in table.headers]))
    lines.append("|" + "|".join("---:" if numeric else "---" for numeric in table.numeric) + "|")
    for row in table.rows:
        mark = _EMPHASIS.get(row.kind, "")
        cells = [escape(cell) for cell in row.cells]
        if row.cell_tones:
            cells = [f"**{c}**" if c and tone and not mark else c for c, tone in zip(cells, row.cell_tones)]
        if row.kind == "dim":
            cells = [f"*{cell}*" if cell else cell for cell in cells]
        lines.append(_row([f"{mark}{cell}{mark}" if cell and mark else cell for cell in cells]))
    lines += [f"\n{escape(note)}" for note in table.notes]
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
