"""``--format table``: a :class:`~budgetbalans.render.model.Document` as terminal tables (rich).

Every section's tables that text formats show (:attr:`Audience.TEXT`), each with its title above
and its caption and notes under it, then the document's notes (the rounding note, the warnings).
The section's own heading, key figures and charts are the page formats' (Markdown, HTML): the
terminal shows the tables, which carry the same figures. A table too wide for the terminal with
its amounts whole (and words with an amount, :attr:`Column.unbroken`) and with each header's widest
word on one line is printed as a block per row instead (:func:`stacked`): no amount is ever cut, no
header broken inside a word.

Plan text is always a :class:`rich.text.Text`, never markup; a row's style comes from its kind
and a verdict's colour from its tone, never from an amount. Only this format imports rich.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Mapping, Sequence

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Column as RichColumn
from rich.table import Table as RichTable
from rich.text import Text

from budgetbalans.render.model import Audience, Cell, Column, ColumnKind, Document, Note, Row, RowKind, Table, Tone

if TYPE_CHECKING:
    from budgetbalans.render.report import Report

#: A tone's colour: a verdict's row or cell, a note.
COLOUR = {Tone.NEUTRAL: "", Tone.BAD: "red", Tone.GOOD: "green", Tone.UNCERTAIN: "yellow"}
#: The rows above the table's section line: a measure, a subtotal, a year.
_BODY = frozenset({RowKind.MEASURE, RowKind.UNCOUNTED, RowKind.GROUP, RowKind.YEAR})


def write(document: Document, options: Report) -> str:
    """The report as the terminal shows it (``options.width`` columns, colours if ``options.terminal``)."""
    out = io.StringIO()
    console = Console(file=out, width=options.width or 140, force_terminal=options.terminal, highlight=False,
                      emoji=False, markup=False, soft_wrap=False)
    first = True
    for table in document.tables(Audience.TEXT):
        if not first:
            console.print()
        first = False
        print_table(console, rich_table(table), head=table.head)
        for note in table.notes:
            print_wrapped(console, note_text(note, document.words))
    if document.notes and not first:
        console.print()
    for note in document.notes:
        print_wrapped(console, note_text(note, document.words))
    return out.getvalue()


# --- a Document's table as a rich table -----------------------------------------------------------


def rich_table(table: Table) -> RichTable:
    """``table``'s rows and columns for a reader: amounts right-justified and never wrapped, the wide
    column (the measure) taking the room, a line above the totals, each row styled by its kind."""
    shown = table.shown_columns(Audience.TEXT)
    result = RichTable(title=Text(table.title, style="bold") if table.title else None, title_justify="left",
                       caption=Text(table.caption) if table.caption else None, caption_justify="left")
    for index in shown:
        _add_column(result, table.columns[index])
    body = True
    for position, (_, row) in enumerate(table.shown(Audience.TEXT)):
        if body and row.kind not in _BODY:
            body = False
            if position:
                result.add_section()
        result.add_row(*[_cell(row.cells[index]) for index in shown], style=row_style(row) or None)
    return result


def _add_column(table: RichTable, column: Column) -> None:
    header = Text(column.header)
    if column.numeric:
        table.add_column(header, justify="right", no_wrap=True)
    elif column.whole:  # words with an amount ("kvar att spara 1 062"): never broken, as an amount
        table.add_column(header, no_wrap=True)
    elif column.wide:
        table.add_column(header, ratio=3, min_width=20, overflow="fold")
    elif column.key == "class":  # an interval class: 1, 1-2, centred under its header
        table.add_column(header, justify="center", no_wrap=True)
    elif column.key == "id" or column.kind is ColumnKind.NAME:  # a measure's number, a year: never broken
        table.add_column(header, no_wrap=True)
    elif column.key == "area":
        table.add_column(header, ratio=1, overflow="fold")
    else:
        table.add_column(header, overflow="fold")


def _cell(cell: Cell) -> Text:
    return Text(cell.text, style=COLOUR[cell.tone])


def row_style(row: Row) -> str:
    """Summa bold, what is not counted dim, the verdict bold in its tone's colour."""
    if row.kind is RowKind.TOTAL:
        return "bold"
    if row.kind in (RowKind.UNCOUNTED, RowKind.POTENTIAL):
        return "dim"
    if row.kind is RowKind.GAP:
        return f"bold {COLOUR[row.tone]}".strip()
    return ""


def note_text(note: Note, words: Mapping[str, str] | None = None) -> Text:
    """A warning in yellow, after the word "Varning" (:meth:`Note.line`); a note in its tone's colour, else dim."""
    line = note.line(words or {})
    return Text(line, style="yellow" if note.warning else COLOUR[note.tone] or "dim")


# --- fitting a table to the width: amounts are never cut ---------------------------------------

#: Spaces that never break a line: inside an amount (``13 549``, ``≥ 3 000``, ``62 %``), after a
#: colon (``2024: 535``), before a separator (`` · ``).
_GLUE = re.compile(r"(?<=\d) (?=\d{3}(?!\d))|(?<=[≥≤:]) | (?=[·%])")
_SEPARATOR = " · "


def _plain(cell: RenderableType) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _as_text(cell: RenderableType) -> Text:
    return cell.copy() if isinstance(cell, Text) else Text(str(cell))


def _natural(column: RichColumn) -> int:
    """The widest line of a column's header and cells, in terminal cells."""
    texts = [column.header, *column.cells]
    return max((cell_len(line) for text in texts for line in _plain(text).split("\n")), default=0)


def _longest_word(column: RichColumn) -> int:
    """The widest word of a column's header: a header is broken between its words, never inside one."""
    return max((cell_len(word) for word in _plain(column.header).split()), default=0)


def _least(column: RichColumn) -> int:
    """The narrowest a wrapping column may ever be: its ``min_width`` (rich keeps that even where the
    table is then cut) and its header's widest word."""
    return max(column.min_width or 0, _longest_word(column))


def _floor(column: RichColumn) -> int:
    """The narrowest a wrapping column is made: a few cells (12 for the title) unless it needs fewer,
    and never below :func:`_least`."""
    return max(min(_natural(column), 12 if column.ratio else 6), _least(column))


def fits(table: RichTable, width: int) -> bool:
    """Whether ``table`` fits ``width`` with every ``no_wrap`` column (the amounts) at its full width
    and each wrapping column (text, folded) at its :func:`_floor`."""
    needed = len(table.columns) + 1  # the vertical lines
    for column in table.columns:
        needed += 2 + (_natural(column) if column.no_wrap else _floor(column))
    return needed <= width


def _collapse(widths: list[int], room: int) -> list[int]:
    """The wrapping columns narrowed as rich narrows them (``Table._collapse_widths``): the widest
    down to the next widest, shared out by rounding, until they fit ``room``."""
    widths = list(widths)
    excess = sum(widths) - room
    while excess > 0:
        widest = max(widths)
        second = max((width for width in widths if width != widest), default=0)
        reduce = min(excess, widest - second)
        tied = sum(1 for width in widths if width == widest)
        remaining = excess
        for index, width in enumerate(widths):
            if width == widest:
                cut = min(reduce, round(remaining / tied))
                widths[index] -= cut
                remaining -= cut
                tied -= 1
        excess = sum(widths) - room
    return widths


def _level(naturals: list[int], floors: list[int], room: int) -> list[int]:
    """The wrapping columns' widths within ``room``, none below its floor: each
    ``min(natural, max(floor, level))`` with the level as high as fits; the cells left over go to
    the first columns still short of their natural width."""
    def widths(level: int) -> list[int]:
        return [min(natural, max(floor, level)) for natural, floor in zip(naturals, floors)]

    low, high = 0, max(naturals, default=0)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(widths(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    result = widths(low)
    spare = room - sum(result)
    for index, natural in enumerate(naturals):
        if spare <= 0:
            break
        if result[index] < natural:
            result[index] += 1
            spare -= 1
    return result


def _set_widths(table: RichTable, width: int) -> None:
    """When the table is wider than ``width``: the wrapping columns' widths, so that the amounts keep
    theirs. As rich narrows them (:func:`_collapse`), unless that takes a column below its
    ``min_width`` (which rich then keeps, cutting the table's right edge and the amounts in it) or its
    header's widest word: then each keeps its :func:`_floor` and the rest is shared out (:func:`_level`)."""
    wrapping = [column for column in table.columns if not column.no_wrap]
    room = width - (len(table.columns) + 1) - 2 * len(table.columns)
    room -= sum(_natural(column) for column in table.columns if column.no_wrap)
    naturals = [max(_natural(column), column.min_width or 0) for column in wrapping]
    if sum(naturals) <= room:
        for column in table.columns:  # as rich would measure them, without measuring every cell again
            column.width = max(_natural(column), column.min_width or 0)
        return
    padded = _collapse([natural + 2 for natural in naturals], room + 2 * len(wrapping))
    widths = [shown - 2 for shown in padded]
    if any(shown < _least(column) for shown, column in zip(widths, wrapping)):
        widths = _level(naturals, [_floor(column) for column in wrapping], room)
    for column, shown in zip(wrapping, widths):
        column.width = max(shown, 1)


def wrap(text: Text, width: int, indent: int = 0, whole: Sequence[tuple[int, int]] = ()) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, broken at spaces but never inside an amount
    (:data:`_GLUE`) nor inside a ``whole`` span (start, end: a cell of words with an amount) that fits
    a line; only a word wider than the line is folded. Every line after ``indent`` spaces."""
    plain = text.plain
    room = max(1, width - indent)
    kept = [(start, end) for start, end in whole if cell_len(plain[start:end]) <= room]
    glued = {match.start() for match in _GLUE.finditer(plain)} | {i for start, end in kept for i in range(start, end)}
    words: list[tuple[int, Text]] = []
    start = 0
    for index, char in enumerate(plain):
        if char == " " and index not in glued:
            if index > start:
                words.append((start, text[start:index]))
            start = index + 1
    if start < len(plain):
        words.append((start, text[start:]))
    lines: list[Text] = []
    line: Text | None = None
    for offset, whole_word in words:
        pieces = [whole_word]
        if whole_word.cell_len > room:  # only a word wider than the line is split: where it may be, once
            inside = frozenset(i - offset for start, end in kept for i in range(start + 1, end))
            pieces = _split_wide(whole_word, room, inside)
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
    for index, line in enumerate(lines[:-1]):  # a separator ending a line says nothing the line break does not
        if line.plain.endswith(_SEPARATOR.rstrip()):
            lines[index] = line[:len(line.plain) - len(_SEPARATOR.rstrip())]
            lines[index].rstrip()
    for index, line in enumerate(lines[1:], 1):  # nor one beginning a line (after a whole cell too wide for it)
        if line.plain.startswith(_SEPARATOR.lstrip()):
            lines[index] = line[len(_SEPARATOR.lstrip()):]
    return [Text(" " * indent) + line for line in lines] or [Text("")]


_WEAK = re.compile(r"(?<=:) | (?=·)|(?<=\d–)(?=\d)")


def _split_wide(word: Text, room: int, inside: frozenset[int] = frozenset()) -> list[Text]:
    """A word wider than a line in lines: broken after a colon, before a separator or after the
    dash of a range (both amounts whole), but not at a position ``inside`` a whole cell; only a part
    still too wide is folded."""
    parts: list[Text] = []
    start = 0
    for match in _WEAK.finditer(word.plain):
        if match.start() in inside:
            continue
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


def stacked(table: RichTable, head: int, width: int) -> list[Text]:
    """The table as blocks, one per row: its first ``head`` cells as a heading, then every other
    cell as ``Header: value``, wrapped between values, never inside one. The row's style (bold
    totals, dimmed uncounted measures) and the cells' colours (the verdicts) are kept."""
    lines: list[Text] = []
    if table.title:
        lines += wrap(_as_text(table.title), width)
    headers = [_plain(column.header) for column in table.columns]
    cells = [list(column.cells) for column in table.columns]
    unbrokens = [column.no_wrap for column in table.columns]
    for index, row in enumerate(table.rows):
        row_cells = [_as_text(column[index]) for column in cells]
        style = row.style or ""
        heading = Text(style=style)
        for cell in row_cells[:head]:
            if cell.plain:
                heading.append_text(Text(" ") + cell if heading.plain else cell)
        body = Text(style=style)
        whole: list[tuple[int, int]] = []  # the cells of the columns never broken: kept whole here too
        for header, cell, unbroken in zip(headers[head:], row_cells[head:], unbrokens[head:]):
            if not cell.plain:
                continue
            if body.plain:
                body.append(_SEPARATOR)
            body.append_text(Text(f"{header}: ") + cell if header else cell)
            if unbroken:
                whole.append((len(body.plain) - len(cell.plain), len(body.plain)))
        if heading.plain:
            lines += wrap(heading, width)
        if body.plain:
            lines += wrap(body, width, indent=2 if heading.plain else 0, whole=whole)
        if row.end_section:
            lines.append(Text(""))
    if table.caption:
        lines += wrap(_as_text(table.caption), width)
    return lines


def print_table(console: Console, table: RichTable, head: int) -> None:
    """``table`` when it fits the console's width with its amounts whole, else :func:`stacked`."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    if fits(table, console.width):
        _set_widths(table, console.width)
        console.print(table)
        return
    for line in stacked(table, head, console.width):
        console.print(line, soft_wrap=True)


def print_wrapped(console: Console, text: Text) -> None:
    """A line of prose (a warning, a note) wrapped at the console's width, never inside an amount."""
    for line in wrap(text, console.width):
        console.print(line, soft_wrap=True)
