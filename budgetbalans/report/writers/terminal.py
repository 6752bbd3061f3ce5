"""``--format table``: a :class:`~budgetbalans.report.model.Document` as terminal tables (rich).

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
from rich.style import StyleType
from rich.table import Column as RichColumn
from rich.table import Table as RichTable
from rich.text import Span, Text

from budgetbalans.report.model import Audience, Cell, Column, ColumnKind, Document, Note, Row, RowKind, Table, Tone

if TYPE_CHECKING:
    from budgetbalans.report.options import WriteOptions

#: A tone's colour: a verdict's row or cell, a note.
COLOUR = {Tone.NEUTRAL: "", Tone.BAD: "red", Tone.GOOD: "green", Tone.UNCERTAIN: "yellow"}
#: The rows above the table's section line: a measure, a subtotal, a year.
_BODY = frozenset({RowKind.MEASURE, RowKind.UNCOUNTED, RowKind.GROUP, RowKind.YEAR})


def write(document: Document, options: WriteOptions) -> str:
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
        cells = [_cell(row.cells[index]) for index in shown]
        if row.depth and cells:  # a node of the organisation tree: its name indented by its depth
            cells[0] = Text(_INDENT * row.depth) + cells[0]
        result.add_row(*cells, style=row_style(row) or None)
    return result


#: A tree's row's indent per level (:attr:`Row.depth`).
_INDENT = "  "


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
    """The widest line of a column's header and cells, in terminal cells, as rich measures it (plan text
    has no line separator but the line break, :func:`budgetbalans.text.clean`)."""
    return max(_widest_line(_plain(text)) for text in (column.header, *column.cells))


def _widest_line(plain: str) -> int:
    if "\n" not in plain:  # nearly every cell: one line
        return cell_len(plain)
    return max(cell_len(line) for line in plain.split("\n"))


def _longest_word(column: RichColumn) -> int:
    """The widest word of a column's header: a header is broken between its words, never inside one."""
    return max((cell_len(word) for word in _plain(column.header).split()), default=0)


def _least(column: RichColumn) -> int:
    """The narrowest a wrapping column may ever be: its ``min_width`` (rich keeps that even where the
    table is then cut) and its header's widest word."""
    return max(column.min_width or 0, _longest_word(column))


def _floor(column: RichColumn, natural: int) -> int:
    """The narrowest a wrapping column is made: a few cells (12 for the title) unless it needs fewer
    (its ``natural`` width, :func:`_natural`), and never below :func:`_least`."""
    return max(min(natural, 12 if column.ratio else 6), _least(column))


def fits(table: RichTable, width: int, naturals: Sequence[int]) -> bool:
    """Whether ``table`` fits ``width`` with every ``no_wrap`` column (the amounts) at its full width
    and each wrapping column (text, folded) at its :func:`_floor` (``naturals``: each column's
    :func:`_natural`)."""
    needed = len(table.columns) + 1  # the vertical lines
    for column, natural in zip(table.columns, naturals):
        needed += 2 + (natural if column.no_wrap else _floor(column, natural))
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


def _set_widths(table: RichTable, width: int, naturals: Sequence[int]) -> None:
    """Every column's width, so that rich measures no cell again (``naturals``: each column's
    :func:`_natural`). A ``no_wrap`` column (the amounts) keeps its natural width, as rich would
    measure it. When the table is wider than ``width``, the wrapping columns are narrowed as rich
    narrows them (:func:`_collapse`), unless that takes a column below its ``min_width`` (which rich
    then keeps, cutting the table's right edge and the amounts in it) or its header's widest word:
    then each keeps its :func:`_floor` and the rest is shared out (:func:`_level`)."""
    for column, natural in zip(table.columns, naturals):
        column.width = max(natural, column.min_width or 0)
    wrapping = [(column, natural) for column, natural in zip(table.columns, naturals) if not column.no_wrap]
    room = width - (len(table.columns) + 1) - 2 * len(table.columns)
    room -= sum(natural for column, natural in zip(table.columns, naturals) if column.no_wrap)
    wanted = [max(natural, column.min_width or 0) for column, natural in wrapping]
    if sum(wanted) <= room:
        return
    padded = _collapse([shown + 2 for shown in wanted], room + 2 * len(wrapping))
    widths = [shown - 2 for shown in padded]
    if any(shown < _least(column) for shown, (column, _) in zip(widths, wrapping)):
        widths = _level(wanted, [_floor(column, natural) for column, natural in wrapping], room)
    for (column, _), shown in zip(wrapping, widths):
        column.width = max(shown, 1)


#: A stretch of a text on a line: ``plain[start:end]``, after the joiner (``" "``, or ``""`` after a
#: range's dash) that joins it to what is before it on the line.
_Piece = tuple[int, int, str]
#: A line being laid out: its pieces and its width in terminal cells.
_Line = tuple[list[_Piece], int]


def wrap(text: Text, width: int, indent: int = 0, whole: Sequence[tuple[int, int]] = ()) -> list[Text]:
    """``text`` in lines of at most ``width`` cells, broken at spaces but never inside an amount
    (:data:`_GLUE`) nor inside a ``whole`` span (start, end: a cell of words with an amount) that fits
    a line; only a word wider than the line is folded; a line break in the text starts a new line.
    Every line after ``indent`` spaces. Laid out on the plain string; each line is made a
    :class:`~rich.text.Text` once, with the text's style and the spans that fall on it."""
    plain = text.plain
    room = max(1, width - indent)
    kept = [(start, end) for start, end in whole if cell_len(plain[start:end]) <= room]
    lines: list[list[_Piece]] = []
    start = 0
    for end in [*(match.start() for match in _BREAK.finditer(plain)), len(plain)]:
        lines += _wrap_words(plain, start, end, room, kept)
        start = end + 1
    return [_styled(text, pieces, indent, lines, number) for number, pieces in enumerate(lines)] or [Text("")]


def _words(plain: str, start: int, end: int, kept: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words of ``plain[start:end]``: between the spaces that may break a line (not :data:`_GLUE`,
    not inside a ``kept`` span)."""
    glued = {match.start() for match in _GLUE.finditer(plain, start, end)}
    words = []
    begin = start
    for index in (match.start() for match in _SPACE.finditer(plain, start, end)):
        if index in glued or any(low <= index < high for low, high in kept):
            continue
        if index > begin:
            words.append((begin, index))
        begin = index + 1
    if begin < end:
        words.append((begin, end))
    return words


def _wrap_words(plain: str, start: int, end: int, room: int, kept: Sequence[tuple[int, int]]) -> list[list[_Piece]]:
    """``plain[start:end]`` (no line break in it) in lines of at most ``room`` cells, as :func:`wrap` says."""
    lines: list[list[_Piece]] = []
    line: list[_Piece] | None = None
    used = 0
    for begin, finish in _words(plain, start, end, kept):
        size = cell_len(plain[begin:finish])
        pieces: list[_Line] = [([(begin, finish, "")], size)]
        if size > room:  # only a word wider than the line is split: where it may be, once
            inside = frozenset(i for low, high in kept for i in range(max(low + 1, begin), min(high, finish)))
            pieces = _split_wide(plain, begin, finish, room, inside)
        if len(pieces) > 1 and line is not None:
            lines.append(line)
            line = None
        lines += [wide for wide, _ in pieces[:-1]]
        word, size = pieces[-1]
        if not any(high > low or joiner for low, high, joiner in word):
            continue
        if line is None:
            line, used = list(word), size
        elif used + 1 + size <= room:
            line += [(word[0][0], word[0][1], " "), *word[1:]]
            used += 1 + size
        else:
            lines.append(line)
            line, used = list(word), size
    if line is not None:
        lines.append(line)
    return lines


def _styled(text: Text, pieces: list[_Piece], indent: int, lines: list[list[_Piece]], number: int) -> Text:
    """Line ``number`` of ``lines`` as a Text: ``indent`` spaces, then its pieces of ``text`` with the
    text's style over them and the spans that fall on each; a separator ending a line, or beginning
    one after the first, is left out (the line break says it)."""
    plain = text.plain
    shown = "".join(joiner + plain[low:high] for low, high, joiner in pieces)
    front, back = 0, len(shown)
    if number < len(lines) - 1 and shown.endswith(_SEPARATOR.rstrip()):
        back = len(shown[:back - len(_SEPARATOR.rstrip())].rstrip())
    if number > 0 and shown[front:back].startswith(_SEPARATOR.lstrip()):
        front = len(_SEPARATOR.lstrip())
    spans = [Span(indent, indent + back - front, text.style)] if text.style else []
    at = 0
    for low, high, joiner in pieces:
        at += len(joiner)
        for span in text.spans:
            first, last = max(span.start, low) - low + at, min(span.end, high) - low + at
            first, last = max(first, front), min(last, back)
            if first < last:
                spans.append(Span(indent + first - front, indent + last - front, span.style))
        at += high - low
    return Text(" " * indent + shown[front:back], spans=spans)


_SPACE = re.compile(" ")
_BREAK = re.compile("\n")
_WEAK = re.compile(r"(?<=:) | (?=·)|(?<=\d–)(?=\d)")


def _split_wide(plain: str, start: int, end: int, room: int, inside: frozenset[int] = frozenset()) -> list[_Line]:
    """A word (``plain[start:end]``) wider than a line in lines: broken after a colon, before a
    separator or after the dash of a range (both amounts whole), but not at a position ``inside`` a
    whole cell; only a part still too wide is folded."""
    parts: list[tuple[int, int]] = []
    begin = start
    for match in _WEAK.finditer(plain[start:end]):
        if match.start() + start in inside:
            continue
        parts.append((begin, match.start() + start))
        begin = match.end() + start
    parts.append((begin, end))
    lines: list[_Line] = []
    for low, high in parts:
        size = cell_len(plain[low:high])
        if lines and lines[-1][1] + 1 + size <= room:
            pieces, used = lines[-1]
            joiner = "" if "".join(j + plain[a:b] for a, b, j in pieces).endswith("–") else " "
            lines[-1] = ([*pieces, (low, high, joiner)], used + len(joiner) + size)
            continue
        while size > room:
            cut, used = 0, 0
            while low + cut < high and used + cell_len(plain[low + cut]) <= room:
                used += cell_len(plain[low + cut])
                cut += 1
            cut = max(cut, 1)
            lines.append(([(low, low + cut, "")], cell_len(plain[low:low + cut])))
            low += cut
            size = cell_len(plain[low:high])
        if high > low:
            lines.append(([(low, high, "")], size))
    return lines or [([(start, end, "")], cell_len(plain[start:end]))]


def stacked(table: RichTable, head: int, width: int) -> list[Text]:
    """The table as blocks, one per row: its first ``head`` cells as a heading, then every other
    cell as ``Header: value``, wrapped between values, never inside one. The row's style (bold
    totals, dimmed uncounted measures) and the cells' colours (the verdicts) are kept."""
    lines: list[Text] = []
    if table.title:
        lines += wrap(_as_text(table.title), width)
    prefixes = [f"{_plain(column.header)}: " if _plain(column.header) else "" for column in table.columns]
    cells = [list(column.cells) for column in table.columns]
    unbrokens = [column.no_wrap for column in table.columns]
    for index, row in enumerate(table.rows):
        row_cells = [column[index] for column in cells]
        style = row.style or ""
        heading, _ = _joined([("", cell, False) for cell in row_cells[:head]], " ", style)
        body, whole = _joined(list(zip(prefixes[head:], row_cells[head:], unbrokens[head:])), _SEPARATOR, style)
        lead = len(heading.plain) - len(heading.plain.lstrip(" "))  # a tree's row: indented by its depth
        if heading.plain:
            lines += wrap(heading, width, indent=lead)
        if body.plain:  # the cells of the columns never broken (whole) are kept whole here too
            lines += wrap(body, width, indent=lead + 2 if heading.plain else 0, whole=whole)
        if row.end_section:
            lines.append(Text(""))
    if table.caption:
        lines += wrap(_as_text(table.caption), width)
    return lines


def _joined(cells: Sequence[tuple[str, RenderableType, bool]], separator: str,
            style: StyleType) -> tuple[Text, list[tuple[int, int]]]:
    """The cells that are not empty, each after its prefix (``Header: ``), joined by ``separator``: one
    Text in ``style`` with each cell's own style and spans, built once; and where the cells marked
    whole (a column never broken) are in it."""
    parts: list[str] = []
    spans: list[Span] = []
    whole: list[tuple[int, int]] = []
    at = 0
    for prefix, cell, keep in cells:
        plain = _plain(cell)
        if not plain:
            continue
        if parts:
            parts.append(separator)
            at += len(separator)
        parts += [prefix, plain]
        at += len(prefix)
        if isinstance(cell, Text):
            if cell.style:
                spans.append(Span(at, at + len(plain), cell.style))
            spans += [Span(at + span.start, at + span.end, span.style) for span in cell.spans]
        if keep:
            whole.append((at, at + len(plain)))
        at += len(plain)
    return Text("".join(parts), style=style, spans=spans), whole


def print_table(console: Console, table: RichTable, head: int) -> None:
    """``table`` when it fits the console's width with its amounts whole, else :func:`stacked`."""
    for column in table.columns:
        if not column.no_wrap:
            column.overflow = "fold"
    naturals = [_natural(column) for column in table.columns]  # every cell measured once, here
    if fits(table, console.width, naturals):
        _set_widths(table, console.width, naturals)
        console.print(table, crop=False)  # rich lays a table out within the width: no line of it to crop
        return
    console.print(Text("\n").join(stacked(table, head, console.width)), soft_wrap=True)  # printed once


def print_wrapped(console: Console, text: Text) -> None:
    """A line of prose (a warning, a note) wrapped at the console's width, never inside an amount."""
    for line in wrap(text, console.width):
        console.print(line, soft_wrap=True)
