"""``--format markdown``: a :class:`~budgetbalans.report.model.Document` as GitHub-flavoured
Markdown, for a pull-request comment or a wiki page.

Per section: its title as a ``##`` heading, the subtitle in italics, the key figures on one line
(``**Sparbeting:** 12 357 tkr · ...``), then each table the text formats show
(:attr:`Audience.TEXT <budgetbalans.report.model.Audience>`): a ``###`` heading where its title
differs from the section's, its caption in italics where it differs from the subtitle, the
table (amount columns right-aligned; Summa and the gap in bold, a measure or an effect that is not
counted in italics, a cell with a tone of its own, such as a deviation below plan, in bold), its
notes; then the section's notes. After every section, the document's notes (the rounding note in
italics, each warning as ``> **Varning:** ...``) and the report date.

Plan text is data: ``|`` and the characters Markdown would read as emphasis, code, links, HTML,
mentions or math are escaped, and line breaks become spaces.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, AbstractSet, Mapping, Sequence

from budgetbalans.report.model import Audience, Document, Note, Row, RowKind, Section, Table, Tone

if TYPE_CHECKING:
    from budgetbalans.report.options import WriteOptions

_SPECIAL = re.compile(r"([\\`*_\[\]|~$@#])")  # in a cell, - + ( ) ! never start a line
_BOLD = frozenset({RowKind.TOTAL, RowKind.GAP})
_ITALIC = frozenset({RowKind.UNCOUNTED, RowKind.POTENTIAL})
_SHOWN = (Audience.ALL, Audience.TEXT)


def escape(text: str) -> str:
    """Plan text as inert Markdown inside a table cell."""
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", text)


def write(document: Document, options: WriteOptions) -> str:
    """The whole report: each section, then the rounding note, the warnings and the report date."""
    parts = [part for section in document.sections for part in _section(section, document.words)]
    plain = [note for note in document.notes if not note.warning]
    parts += [f"*{escape(note.line(document.words, colours=False))}*" for note in plain]
    warnings = [_warning(note, document) for note in document.notes if note.warning]
    if warnings:
        parts.append("\n>\n".join(warnings))
    if document.report_date:
        parts.append(escape(document.report_date))
    return "\n\n".join(parts) + "\n"


def _warning(note: Note, document: Document) -> str:
    """``> **Varning:** text`` (the word is :meth:`Note.head`, in bold)."""
    word = note.head(document.words)
    head = f"**{escape(word)}:** " if word else ""
    return f"> {head}{escape(note.text)}"


def _section(section: Section, words: Mapping[str, str]) -> list[str]:
    parts = [f"## {escape(section.title)}"]
    if section.subtitle:
        parts.append(f"*{escape(section.subtitle)}*")
    if section.figures:
        parts.append(" · ".join(f"**{escape(f.name)}:** {escape(f.value)}" for f in section.figures))
    for table in section.tables:
        if table.audience in _SHOWN:
            parts += _table(table, section, words)
    parts += [escape(note.line(words, colours=False)) for note in section.notes]
    return parts


def _table(table: Table, section: Section, words: Mapping[str, str]) -> list[str]:
    parts = []
    if table.title and table.title != section.title:
        parts.append(f"### {escape(table.title)}")
    if table.caption and table.caption != section.subtitle:
        parts.append(f"*{escape(table.caption)}*")
    shown = table.shown_columns(Audience.TEXT)
    columns = [table.columns[i] for i in shown]
    lines = [_line([escape(column.header) for column in columns]),
             "|" + "|".join("---:" if column.numeric else "---" for column in columns) + "|"]
    worded = {index for index in shown if table.columns[index].signal}
    lines += [_line(_cells(row, shown, worded)) for _, row in table.shown(Audience.TEXT)]
    parts.append("\n".join(lines))
    parts += [escape(note.line(words, colours=False)) for note in table.notes]
    return parts


def _cells(row: Row, shown: Sequence[int], words: AbstractSet[int] = frozenset()) -> list[str]:
    """The row's shown cells, escaped and marked: Summa and the gap bold, what is not counted in
    italics, a cell with a tone of its own bold, except in a column of verdicts in words (``words``: a
    signal), where the word says it and bold would read as the note's "below plan"."""
    bold = row.kind in _BOLD
    italic = row.kind in _ITALIC
    cells = []
    for index in shown:
        cell = row.cells[index]
        text = escape(cell.text)
        if text:
            if bold or (cell.tone is not Tone.NEUTRAL and index not in words):
                text = f"**{text}**"
            if italic:
                text = f"*{text}*"
        cells.append(text)
    if row.depth and cells:  # a node of the organisation tree: its name indented (no-break spaces, kept by Markdown)
        cells[0] = _INDENT * row.depth + cells[0]
    return cells


#: A tree's row's indent per level (:attr:`Row.depth`): Markdown trims a cell's spaces, not these.
_INDENT = "\u00a0" * 4


def _line(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
