"""``--format html``: one self-contained page for the nämnd (Jinja2, imported only here).

It serialises a :class:`~budgetbalans.report.model.Document` with one template for every report
(``summarize``, ``gap`` and ``follow-up``): per section the heading and its subtitle, the report
date (under the first heading), the key figures, the charts (inline SVG, drawn by
:mod:`budgetbalans.report.writers.svg` from each chart's data: a waterfall, the effect per year, planned against forecast,
the organisation tree's bars),
the tables a reader sees (:attr:`Audience.TEXT`) and the nämnd's (``Audience.BOARD``: who does what,
when, decided by whom; the consequences) and their notes; then the document's notes (the rounding
note, the warnings) and the legend of the interval classes, the report's terms and the verdict colours.

Every word comes from the Document; every colour from a tone (:class:`Tone`), never from an
amount. No script, font, image or style is fetched: the page opens offline and prints on A4.
Templates autoescape: plan text is always text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

from budgetbalans import __version__
from budgetbalans.report.model import LANDSCAPE_COLUMNS, Audience, ChartKind, Column, Document, Row, Table, Tone
from budgetbalans.report.writers import svg

if TYPE_CHECKING:
    from jinja2 import Environment

    from budgetbalans.report.options import WriteOptions

#: A tone's CSS class: verdict rows, cells, key figures and the legend's swatches.
TONE_CLASS = {Tone.NEUTRAL: "", Tone.BAD: "remaining", Tone.GOOD: "surplus", Tone.UNCERTAIN: "uncertain"}


#: A cell as the page shows it: its text, its classes, and its indent (a tree's row's first cell: its depth,
#: shown as a left padding). A tuple, which the template unpacks: a page has a cell per measure and column.
_Cell = tuple[str, str, int]
#: A row as the page shows it: its classes and its cells.
_Row = tuple[str, Sequence[_Cell]]


@dataclass(frozen=True)
class _Table:
    """A table as the page shows it: its shown columns' headers (and whether numeric), its shown rows."""

    title: str
    caption: str
    headers: Sequence[tuple[str, bool]]
    rows: Sequence[_Row]
    notes: Sequence[tuple[str, str]]  # (text, tone class)
    wide: bool  # it names each row's plan too (a follow-up of several plans)


def write(document: Document, options: WriteOptions) -> str:
    """The page's HTML text."""
    sections = []
    for section in document.sections:
        tables = [_table(table, document.words) for table in section.tables
                  if table.audience in (Audience.ALL, Audience.TEXT, Audience.BOARD)]
        landscape = any(len(table.headers) > LANDSCAPE_COLUMNS for table in tables)  # printed as Word prints it
        sections.append((section, tables, [(chart, svg.draw(chart)) for chart in section.charts], landscape))
    legend = document.legend
    return environment().get_template("report.html.j2").render(
        document=document, sections=sections, tone=TONE_CLASS, version=__version__,
        words=document.words, label_x=svg.LABEL_WIDTH - 6,
        notes=[note.line(document.words) for note in document.notes if not note.warning],
        warnings=[note.text for note in document.notes if note.warning],
        classes_legend=[legend.classes] if legend.classes else [],
        verdict_legend=[(TONE_CLASS[entry.tone], entry.name, entry.meaning)
                        for entry in (*legend.terms, *legend.verdicts)],
        range_note=_has_range_bars([drawing for _, _, charts, _ in sections for _, drawing in charts]),
        organisation=any(chart.kind is ChartKind.ORGANISATION for section in document.sections
                         for chart in section.charts),  # its style only where it is drawn
        history=any(chart.kind is ChartKind.HISTORY for section in document.sections for chart in section.charts),
    )


def _table(table: Table, words: Mapping[str, str]) -> _Table:
    shown = table.shown_columns(Audience.TEXT, board=True)
    columns = [table.columns[i] for i in shown]
    kinds = [_kind_class(column) for column in columns]  # once per table, not per row
    return _Table(
        table.title, table.caption, [(column.header, column.numeric) for column in columns],
        [_row(row, shown, kinds) for _, row in table.shown(Audience.TEXT)],
        [(note.line(words), TONE_CLASS[note.tone]) for note in table.notes],
        any(column.key == "plan" for column in columns),
    )


def _kind_class(column: Column) -> str:
    """A cell's class from its column: "num" for an amount, "whole" for words with one; neither is ever wrapped."""
    return "num" if column.numeric else "whole" if column.whole else ""


def _row(row: Row, shown: Sequence[int], kinds: Sequence[str]) -> _Row:
    """The row's class is its kind and its tone; a cell's, its column's (:func:`_kind_class`) and its tone
    where it differs from the row's."""
    cells: list[_Cell] = []
    for index, kind in zip(shown, kinds):
        cell = row.cells[index]
        tone = TONE_CLASS[cell.tone] if cell.tone is not row.tone else ""
        cells.append((cell.text, _classes(kind, tone), 0 if cells else row.depth))
    return _classes(row.kind.value, TONE_CLASS[row.tone]), cells


def _classes(first: str, second: str) -> str:
    """Two classes of an element, either of them possibly none, as its class attribute's value."""
    return f"{first} {second}" if first and second else first or second


def _has_range_bars(drawings: Sequence[svg.Drawing]) -> bool:
    """A chart draws a range's uncertain part: the footer says what the pale part of a bar is."""
    return (any(bar.extra_length > 0 for drawing in drawings for bar in drawing.bars)
            or any(piece.lighter for drawing in drawings for node in drawing.nodes for piece in node.pieces))


def environment() -> Environment:
    """The templates of ``templates/``, autoescaping: plan text is always text."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(loader=PackageLoader("budgetbalans.report.writers", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)
