"""``--format docx``: a :class:`~budgetbalans.report.model.Document` as a Word document for the
nämnd's handlingar (python-docx, imported only here).

What it holds, in order:

- The report's title (Word's *Title* style), its facts (organisation, period, plan files, unit)
  and the report date.
- Per section: its title (*Heading 1*; the first section's only where it differs from the
  report's title) and subtitle (*Subtitle*), the key figures (one line each, the value bold and
  in its tone's colour), then each table a reader sees (:attr:`Audience.TEXT
  <budgetbalans.report.model.Audience>`) and the nämnd's tables (``Audience.BOARD``: who does what,
  when, decided by whom; the consequences) under its own title (*Heading 2*) and caption where they
  differ from the section's, then the table's and the section's notes. The charts are not drawn
  (their figures are the tables'), except the follow-ups' history, a picture of its line chart
  (:mod:`~budgetbalans.report.writers.linechart`), and the organisation tree's bars (:func:`bar_cells`): a Word table
  with a row per node, its name indented, its bar made of shaded cells (a whole number of
  :data:`BAR_CELLS`, each segment at least one; lighter for a range), the mark and the words beside it in
  the verdict's colour, then what each colour means, in words.
- After every section, the rounding note, the warnings (*Heading 2* and *List Bullet*), the legend
  (*Heading 2*: the interval classes, what the statuses mean for the total, the report's terms
  such as the scenarios, the verdicts in their colours) and the generator line.

Tables are real Word tables in the built-in table style *Light Grid Accent 1* (the template's
accent colour), their text in the paragraph style *Tabelltext* (9 pt, no spacing; a template may
define its own). The header row repeats on every page (``<w:tblHeader/>``, every row
``<w:cantSplit/>``). A table's rows are written as WordprocessingML text, as python-docx would
write them, and streamed into the saved ``document.xml`` (:class:`_Cells`, :func:`_with_rows`):
through python-docx a report of 100 000 measures took minutes and gigabytes. Amount
columns are right-aligned; their digit groups are joined by a no-break space (as Swedish Word
and Excel write them), so no figure breaks over two lines. Column widths are fixed from the
texts, measured in the widest face LibreOffice may print them in (:func:`text_width`): a figure and a
header word whole, a text column as its lines ask and, where the page is short, down to its longest
word; the measure's title takes the room the others leave. A table that cannot keep every word whole
at 9 pt is written at 8 pt. A slash inside a word too long for its column may end a line; a hyphen
before a digit never does ("-1,5", "2024-06-17"). The Word and HTML reports leave a measure's decision
out of the measures table where the nämnd's table that follows shows it. Summa and the gap are bold, what is
not counted grey and italic; a verdict's colour (red, green, amber) comes only from its
:class:`~budgetbalans.report.model.Tone`.

Every report section starts on a new page, in a Word section of its own: landscape where a table
has more than :data:`LANDSCAPE_COLUMNS` columns or needs more room than the page held upright
gives, else portrait.

``--template FILE`` (read and checked by :mod:`budgetbalans.read.template`, given here as bytes): the
document starts from the municipality's Word document or template (.docx or .dotx): its body is
cleared, its styles, headers, footers, page size and margins are kept (one without page settings gets
the page of a report without a template). A style the template lacks is copied into it from
python-docx's own template. Without a template: A4, 2 cm margins, the title in the page header and
the report date and page number in the footer.

Plan text is data: written as text (python-docx's runs, or escaped in a table's rows), never as
a field or markup; a character XML cannot hold is dropped.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
import secrets
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tbl
from docx.section import Section as WordSection
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.styles import BabelFish
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree  # type: ignore[import-untyped]  # python-docx's parser; it has no type stubs

from budgetbalans.i18n import Lang
from budgetbalans.report.model import (
    LANDSCAPE_COLUMNS, Audience, Chart, ChartKind, Column, Document, NodeBar, Note, Row, RowKind, Section, Table,
    Tone,
)
from budgetbalans.report.writers.linechart import history_png  # matplotlib itself only when a history is drawn

if TYPE_CHECKING:
    from budgetbalans.report.options import WriteOptions


TABLE_STYLE = "Light Grid Accent 1"
TABLE_TEXT = "Tabelltext"
#: A tone's colour (the HTML page's): still to save red, a surplus green, either amber.
COLOUR = {Tone.BAD: "B4432F", Tone.GOOD: "2F7D4F", Tone.UNCERTAIN: "A86A00"}
_GREY = "7F7F7F"
CHART_WIDTH = Cm(16)  # a line chart's picture at most so wide: with its title, on the page where its section begins
_BOLD_ROWS = frozenset({RowKind.TOTAL, RowKind.GAP, RowKind.SHORTFALL})
_DIM_ROWS = frozenset({RowKind.UNCOUNTED, RowKind.POTENTIAL})
_SHOWN = (Audience.ALL, Audience.TEXT, Audience.BOARD)  # the tables a reader sees, and the nämnd's
_TEXT_CHARS = 22  # a text column's width follows its lines up to so many average letters, then wraps
_WORD_CHARS = 17  # and never shrinks below its longest word, up to so many letters, if it can help it
_FIRM_CHARS = 9  # nor below its header's words and its words of so many letters
_TITLE_WORD_CHARS = 20  # a title column keeps its longest word whole up to so many letters ("Placeringskostnader")
_NO_BREAK = re.compile(r"(?<=[\d≥≤]) (?=[\d%]|[tm]?kr\b)")
_SLASH = re.compile(r"(?<=\w)/(?=\w)")
_MINUS = re.compile(r"-(?=\d)")
_NO_BREAK_HYPHEN = "\u2011"  # written as Word's w:noBreakHyphen (:func:`_run`)
_LONG_WORD = re.compile(r"\S{%d,}" % (_WORD_CHARS + 1))
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LANGUAGE = {Lang.SV: "sv-SE", Lang.EN: "en-GB"}

# --- writing -----------------------------------------------------------------------------------------


def write(document: Document, options: WriteOptions) -> bytes:
    """The .docx file's bytes."""
    word = _start(document, options)
    writer = _Writer(word, document, fresh=options.template is None)
    writer.write()
    out = io.BytesIO()
    word.save(out)
    return _with_rows(out.getvalue(), writer) if writer.tables else out.getvalue()


def _with_rows(data: bytes, writer: _Writer) -> bytes:
    """The saved document with each table's rows written where its marker stands, streamed into the
    zip as they are made: a table's rows never become lxml elements (about a kilobyte per cell),
    so a report of 100 000 measures takes little more memory than its plans."""
    marker = re.compile(rb"<!--" + writer.marker.encode() + rb"-(\d+)-->")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename != "word/document.xml":
                target.writestr(info, body)
                continue
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = info.compress_type
            bound = len(body) + sum(table.size_bound() for table in writer.tables)
            with target.open(entry, "w", force_zip64=bound >= zipfile.ZIP64_LIMIT) as stream:
                position = 0
                for match in marker.finditer(body):
                    stream.write(body[position:match.start()])
                    for row in writer.tables[int(match.group(1))].rows():
                        stream.write(row.encode())
                    position = match.end()
                stream.write(body[position:])
    return out.getvalue()


def _start(document: Document, options: WriteOptions) -> WordDocument:
    """A new A4 document, or the template with its body cleared (styles, headers, footers kept)."""
    if options.template is not None:
        word = docx.Document(io.BytesIO(options.template))  # read and checked by read/template.py
        body = word.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        if body.find(qn("w:sectPr")) is None:  # a template without page settings: the report's own page
            _a4(WordSection(body._add_sectPr(), word.part))
    else:
        word = docx.Document()
        _a4(word.sections[0])
        _set_language(word, _LANGUAGE[document.lang])
        word.core_properties.author = ""
        word.core_properties.last_modified_by = ""
    properties = word.core_properties
    properties.title = _property(document.title)
    properties.language = _LANGUAGE[document.lang]
    properties.comments = _property(document.words.get("generated", ""))
    if document.date is not None:
        day = document.date  # the report date: the writer reads no clock
        properties.created = properties.modified = datetime.datetime(day.year, day.month, day.day)
    properties.revision = 1
    return word


def _a4(section: WordSection) -> None:
    """A4 with 2 cm margins: the page of a report without a template, or whose template sets none."""
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _set_language(word: WordDocument, language: str) -> None:
    """The document's language (spelling and hyphenation) in its default run properties."""
    defaults = word.styles.element.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None
    if r_pr is None:
        return
    lang = r_pr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        r_pr.append(lang)
    lang.set(qn("w:val"), language)


#: Word's limit on a document property (title, comments): longer text is shortened with "…".
PROPERTY_MAX = 255


def _property(text: str) -> str:
    """Text for a document property: within Word's 255 characters (a title naming twenty plans is longer)."""
    text = _xml(text)
    return text if len(text) <= PROPERTY_MAX else text[:PROPERTY_MAX - 1].rstrip() + "…"


def _xml(text: str) -> str:
    """Text XML can hold (plan text has had its control characters removed already; this is the last guard)."""
    return _NOT_XML.sub("", text)


def _cell_text(text: str) -> str:
    """A text cell's words, a line break allowed after a slash inside a word too long to keep whole (a
    zero-width space, Word's own optional break): "Kortsiktig (verkställighet/delegation)" wraps at the
    slash, not inside a word; and none at a minus or a hyphen before a digit (Word's no-break hyphen,
    ``w:noBreakHyphen``, which Word shows and copies as a hyphen): "-1,5" and "2024-06-17" stay whole."""
    text = _xml(text)
    if "/" in text:
        text = _LONG_WORD.sub(lambda word: _SLASH.sub("/\u200b", word[0]), text)
    return _MINUS.sub(_NO_BREAK_HYPHEN, text) if "-" in text else text


def _figure_text(text: str) -> str:
    """A figure's digit groups (and ``≥``, ``%``, ``tkr``) joined by no-break spaces."""
    return _NO_BREAK.sub("\u00a0", _xml(text))


@lru_cache(maxsize=1)
def _default_styles() -> object:
    """python-docx's own template's styles element: where a style a template lacks is copied from."""
    return docx.Document().styles.element


#: A character's advance in table text, in em, by kind: the widths of DejaVu Serif, the widest face
#: LibreOffice puts in place of Cambria and Calibri where they are missing (Word's own are narrower).
#: Bold text is :data:`_BOLD` wider. A cell's margins are :data:`_PADDING_CM`.
_POINT_CM = 2.54 / 72
#: The tables' text is 9 pt (the style *Tabelltext*); a table that does not fit its page with each word
#: whole at that size is written at :data:`SMALL_POINTS`.
POINTS, SMALL_POINTS = 9, 8
_DIGIT_EM, _SPACE_EM, _NARROW_EM, _WIDE_EM, _CAPITAL_EM, _LETTER_EM = 0.64, 0.32, 0.42, 0.95, 0.76, 0.62
_NARROW = frozenset("fijlt.,:;'!|()[]/-–·")
_WIDE = frozenset("mwMW%")
_BOLD = 1.1
_PADDING_CM, _TITLE_CM = 0.42, 3.0  # Word's default cell margins are 0,19 cm a side
_TWIP = 635  # EMU


def _advance(char: str) -> float:
    """A character's advance in em, by its kind (the break :func:`_cell_text` allows takes no room)."""
    if char.isdigit():
        return _DIGIT_EM
    if char in " \u00a0":
        return _SPACE_EM
    if char == "\u200b":
        return 0.0
    if char in _NARROW:
        return _NARROW_EM
    if char in _WIDE:
        return _WIDE_EM
    return _CAPITAL_EM if char.isupper() else _LETTER_EM


class _Advances(dict[str, float]):
    """Each character's advance, its kind found once: :func:`text_width` measures every cell of a table."""

    def __missing__(self, char: str) -> float:
        advance = self[char] = _advance(char)
        return advance


_ADVANCES = _Advances()


def text_width(text: str, bold: bool = False, points: int = POINTS) -> int:
    """``text``'s width on one line in table text of ``points``, in EMU (an estimate that errs wide)."""
    em = 0.0
    for advance in map(_ADVANCES.__getitem__, text):  # one by one, in order: sum() rounds otherwise from Python 3.12
        em += advance
    return int(Cm(em * points * _POINT_CM * (_BOLD if bold else 1.0)))


def _widest(words: Iterable[str], bold: bool, than: int = 0, points: int = POINTS) -> int:
    """The widest of ``words`` (at least ``than``), measuring only those long enough to be wider."""
    most, longest = than, int(Cm(_WIDE_EM * points * _POINT_CM * _BOLD)) + 1  # the widest a character can be
    for word in set(words):  # each text once: a column repeats its statuses, names and figures
        if len(word) * longest > most:
            most = max(most, text_width(word, bold, points))
    return most


@dataclass(frozen=True)
class _Natural:
    """A table's columns as wide as their texts ask (EMU, by position among the shown columns), and
    the two widths a text column may shrink to: its longest word (:attr:`least`), then the words of
    its header and its short words (:attr:`firm`). A title column (:attr:`wide`) takes what is left,
    never less than its :attr:`least`."""

    widths: dict[int, int]
    least: dict[int, int]
    firm: dict[int, int]
    numeric: frozenset[int]
    wide: tuple[int, ...]

    @property
    def titles(self) -> int:
        return sum(self.least[position] for position in self.wide)

    @property
    def needed(self) -> int:
        """The room the table needs: every column at its width, the titles at their least."""
        return sum(self.widths.values()) + self.titles


def _natural(table: Table, shown: Sequence[int], points: int = POINTS) -> _Natural:
    """Each shown column's width: a figure whole (bold in Summa and the gap); a text column as its
    longest line up to :data:`_TEXT_CHARS` average letters, shrinking to its longest word up to
    :data:`_WORD_CHARS` letters ("Avdelningschef", "Delegationsbeslut" kept whole), then to the words
    of its header (bold) and its words of up to :data:`_FIRM_CHARS` letters ("planerad")."""
    padding = int(Cm(_PADDING_CM))
    line_limit, word_limit = text_width("a" * _TEXT_CHARS, False, points), text_width("a" * _WORD_CHARS, False, points)
    firm_limit = text_width("a" * _FIRM_CHARS, False, points)
    widths: dict[int, int] = {}
    least: dict[int, int] = {}
    firm: dict[int, int] = {}
    numeric: set[int] = set()
    rows = [row for _, row in table.shown(Audience.TEXT)]
    for position, index in enumerate(shown):
        column = table.columns[index]
        header_word = _widest(column.header.split(), True, 0, points)
        if column.numeric or column.whole:
            numeric.add(position)
            cells = [(row.cells[index], row.kind in _BOLD_ROWS) for row in rows if index < len(row.cells)]
            # each text once (a column repeats its figures), made into what the cell shows only then
            plain = {cell.text for cell, bold in cells if not bold and cell.tone is Tone.NEUTRAL}
            bold = {cell.text for cell, bold in cells if bold or cell.tone is not Tone.NEUTRAL}
            widths[position] = least[position] = firm[position] = \
                _widest(map(_figure_text, bold), True,
                        _widest(map(_figure_text, plain), False, header_word, points), points) + padding
            continue
        texts = {row.cells[index].text for row in rows if index < len(row.cells)}  # each text once
        word = _widest(_words(texts), False, 0, points)
        if column.wide:
            least[position] = max(int(Cm(_TITLE_CM)), header_word + padding,
                                  min(word, text_width("a" * _TITLE_WORD_CHARS, False, points)) + padding)
            continue
        header = text_width(column.header, True, points)
        line = _widest(texts, False, header if header <= line_limit else header_word, points)
        widths[position] = min(max(line, header_word), max(line_limit, header_word)) + padding
        least[position] = max(header_word, min(word, word_limit), min(line, firm_limit)) + padding
        firm[position] = max(header_word, min(word, firm_limit)) + padding
    wide = tuple(position for position, index in enumerate(shown) if table.columns[index].wide)
    return _Natural(widths, least, firm, frozenset(numeric), wide)


def _words(texts: Iterable[str]) -> Iterator[str]:
    """The words of ``texts`` as a line may break them: at spaces, and after a slash inside a word too
    long to keep whole (where :func:`_cell_text` allows a break)."""
    for text in texts:
        for word in text.split():
            if len(word) > _WORD_CHARS and "/" in word:
                yield from _SLASH.sub("/ ", word).split()
            else:
                yield word


def table_layout(table: Table, shown: Sequence[int], room: int,
                 natural: _Natural | None = None) -> tuple[list[int], int]:
    """The shown columns' widths (EMU) and the text's size in points: :data:`POINTS`, or
    :data:`SMALL_POINTS` where the table does not fit ``room`` with each word whole at that size
    (``natural``: the columns at that size, where already measured)."""
    natural = natural or _natural(table, shown)
    if sum(natural.least.values()) > room:
        return column_widths(table, shown, room, SMALL_POINTS), SMALL_POINTS
    return column_widths(table, shown, room, natural=natural), POINTS


def column_widths(table: Table, shown: Sequence[int], room: int, points: int = POINTS,
                  natural: _Natural | None = None) -> list[int]:
    """The shown columns' widths (EMU) in ``room``: each as wide as its texts ask (:func:`_natural`), the
    title column what is left. Where that is too wide, the text columns shrink to their longest word,
    then to their header's words, then below (a word breaks) before a figure does; only figures alone
    wider than the room shrink."""
    natural = natural or _natural(table, shown, points)
    widths = dict(natural.widths)
    titles = natural.titles
    wrapping = [position for position in widths if position not in natural.numeric]
    for floor in (natural.least, natural.firm, {position: 0 for position in wrapping}):
        over = sum(widths.values()) + titles - room
        give = sum(widths[position] - floor[position] for position in wrapping)
        if over > 0 and give > 0:
            share = min(1.0, over / give)
            for position in wrapping:
                widths[position] -= int((widths[position] - floor[position]) * share)
    if sum(widths.values()) + titles > room:  # the figures alone are wider than the page: all in proportion
        scale = room / (sum(widths.values()) + titles)
        widths = {position: int(width * scale) for position, width in widths.items()}
    rest = max(room - sum(widths.values()), 0) // len(natural.wide) if natural.wide else 0
    # whole twips (Word's unit for widths), rounded down: the table never overruns its room
    return [(width := widths.get(position, rest)) - width % _TWIP for position in range(len(shown))]


class _Writer:
    """Writes the Document into ``word``."""

    def __init__(self, word: WordDocument, document: Document, fresh: bool) -> None:
        self.word, self.document, self.fresh = word, document, fresh
        self.styles: dict[str, str | None] = {}
        self.style_ids: dict[tuple[str, int], str | None] = {}  # python-docx looks a name up in every style
        self.table_text: str | None = None  # the id of the tables' paragraph style, once looked up
        # Everything is added before the body's last w:sectPr, kept here, and the page set up is the
        # current section's: python-docx finds both anew for every paragraph and table it adds,
        # through all that is there, which made a long report take time quadratic in its length.
        self.end = word.element.body.sectPr
        self.tables: list[_Cells] = []  # every table's rows, made when the document is saved
        # a table's columns at 9 pt (by the table's id; the document holds every table while it is written),
        # measured for the landscape check and kept until the table's layout, which needs them too
        self.naturals: dict[int, _Natural] = {}
        self.marker = f"budgetbalans-rows-{secrets.token_hex(8)}"  # no template can hold it by chance
        self.section = word.sections[-1]

    def write(self) -> None:
        document = self.document
        sections = document.sections
        portrait = self._portrait_room()
        self._orient(self.section, bool(sections) and _landscape(sections[0], portrait, self._natural))
        self._paragraph(document.title, "Title")
        for name, value in document.facts:
            self._fact(name, value)
        if document.report_date:
            self._fact("", document.report_date)
        for index, section in enumerate(sections):
            if index:
                self.section = self._add_section()
                self._orient(self.section, _landscape(section, portrait, self._natural))
            self._section(section, first=index == 0)
        self._closing()
        if self.fresh:
            self._header_footer()

    def _natural(self, table: Table, shown: Sequence[int]) -> _Natural:
        """``table``'s columns at 9 pt (:func:`_natural`), measured once for the landscape check and the layout."""
        natural = self.naturals.get(id(table))
        if natural is None:
            natural = self.naturals[id(table)] = _natural(table, shown)
        return natural

    # --- page setup ---

    def _orient(self, section: WordSection, landscape: bool) -> None:
        width, height = section.page_width or Cm(21), section.page_height or Cm(29.7)
        if landscape != (width > height):
            width, height = height, width
        section.page_width, section.page_height = width, height
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT

    def _add_section(self) -> WordSection:
        """A new section on a new page, as python-docx's ``add_section`` makes it: the last section's
        properties copied into a paragraph that ends the section before, the last keeping no header
        or footer of its own."""
        self._add_p().set_sectPr(self.end.clone())
        for reference in self.end.xpath("w:headerReference|w:footerReference"):
            self.end.remove(reference)
        self.end.start_type = WD_SECTION.NEW_PAGE
        return WordSection(self.end, self.word.part)

    def _add_p(self) -> Any:
        """A new ``w:p`` at the end of the body."""
        p = OxmlElement("w:p")
        self.end.addprevious(p)
        return p

    def _portrait_room(self) -> int:
        """The width text takes on the document's page held upright, in EMU."""
        section = self.section
        width = min(section.page_width or Cm(21), section.page_height or Cm(29.7))
        left, right = section.left_margin or Cm(2), section.right_margin or Cm(2)
        return max(int(width - left - right), int(Cm(8)))

    def _room(self) -> int:
        """The width text takes in the current (last) section, in EMU."""
        section = self.section
        width = section.page_width or Cm(21)
        left, right = section.left_margin or Cm(2), section.right_margin or Cm(2)
        return max(int(width - left - right), int(Cm(8)))

    def _header_footer(self) -> None:
        """Without a template: the title in the page header; the report date and the page number in the footer."""
        section = self.word.sections[0]
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self._run(header, self.document.title, colour=_GREY, size=8)
        footer = section.footer.paragraphs[0]
        if self.document.report_date:
            self._run(footer, f"{self.document.report_date} · ", colour=_GREY, size=8)
        self._page_number(footer)

    def _page_number(self, paragraph: Paragraph) -> None:
        run = self._run(paragraph, "", colour=_GREY, size=8)
        for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind is not None:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            run._r.append(element)

    # --- styles ---

    def _style(self, name: str) -> str | None:
        """``name`` if the document has it or it could be copied from python-docx's template; else None."""
        if name not in self.styles:
            self.styles[name] = name if self._ensure(name) else None
        return self.styles[name]

    def _style_id(self, name: str, kind: WD_STYLE_TYPE) -> str | None:
        """The id of the style ``name`` as python-docx sets it (None for the default style of its kind)."""
        key = (name, int(kind))
        if key not in self.style_ids:
            self.style_ids[key] = self.word.part.get_style_id(name, kind)  # type: ignore[no-untyped-call]
        return self.style_ids[key]

    def _ensure(self, name: str) -> bool:
        styles = self.word.styles
        if name in styles:
            return True
        if name == TABLE_TEXT:
            return self._table_text()
        internal = BabelFish.ui2internal(name)
        source = _default_styles()
        element = next((style for style in source.findall(qn("w:style"))  # type: ignore[attr-defined]
                        if style.find(qn("w:name")) is not None
                        and style.find(qn("w:name")).get(qn("w:val")) == internal), None)
        if element is None:
            return False
        self._copy_style(element, source)
        return name in styles

    def _copy_style(self, element: object, source: object) -> None:
        """Copy a style (and the styles it is based on that the document lacks) into the document."""
        target = self.word.styles.element
        ids = {style.get(qn("w:styleId")) for style in target.findall(qn("w:style"))}
        chain = [element]
        while True:
            based = chain[-1].find(qn("w:basedOn"))  # type: ignore[attr-defined]
            parent_id = based.get(qn("w:val")) if based is not None else None
            if parent_id is None or parent_id in ids:
                break
            parent = next((s for s in source.findall(qn("w:style"))  # type: ignore[attr-defined]
                           if s.get(qn("w:styleId")) == parent_id), None)
            if parent is None or parent in chain:
                break
            chain.append(parent)
        for style in reversed(chain):
            clone = copy.deepcopy(style)
            link = clone.find(qn("w:link"))  # type: ignore[attr-defined]
            if link is not None:  # the linked character style, which the document may lack
                clone.remove(link)  # type: ignore[attr-defined]
            target.append(clone)

    def _table_text(self) -> bool:
        """The paragraph style of the tables' text: Normal at 9 pt, no spacing (a template may define its own)."""
        style = self.word.styles.add_style(TABLE_TEXT, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.word.styles["Normal"]
        style.font.size = Pt(9)
        form = style.paragraph_format
        form.space_before, form.space_after, form.line_spacing = Pt(0), Pt(0), 1.0
        return True

    # --- paragraphs ---

    def _paragraph(self, text: str, style: str | None = None, *, colour: str | None = None, bold: bool = False,
                   italic: bool = False) -> Paragraph:
        paragraph = Paragraph(self._add_p(), self.word._body)
        name = self._style(style) if style else None
        if name is not None:
            paragraph._p.style = self._style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        if text:
            self._run(paragraph, text, colour=colour, bold=bold, italic=italic)
        return paragraph

    def _run(self, paragraph: Paragraph, text: str, *, colour: str | None = None, bold: bool = False,
             italic: bool = False, size: float | None = None) -> Run:
        run = paragraph.add_run(_xml(text))
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)
        if size:
            run.font.size = Pt(size)
        return run

    def _fact(self, name: str, value: str) -> None:
        paragraph = self._paragraph("")
        paragraph.paragraph_format.space_after = Pt(0)
        if name:
            self._run(paragraph, f"{name}: ", bold=True)
        self._run(paragraph, value)

    def _note(self, note: Note) -> None:
        self._paragraph(note.line(self.document.words), colour=COLOUR.get(note.tone),
                        italic=not note.warning and note.tone is Tone.NEUTRAL)

    # --- sections and tables ---

    def _section(self, section: Section, first: bool) -> None:
        if not first or section.title != self.document.title:
            self._paragraph(section.title, "Heading 1")
        if section.subtitle:
            self._paragraph(section.subtitle, "Subtitle")
        for figure in section.figures:
            paragraph = self._paragraph("")
            paragraph.paragraph_format.space_after = Pt(0)
            self._run(paragraph, f"{figure.name}: ")
            self._run(paragraph, _figure_text(figure.value), bold=True, colour=COLOUR.get(figure.tone))
        for chart in section.charts:
            if chart.kind is ChartKind.ORGANISATION:
                self._node_bars(chart)
            elif chart.kind is ChartKind.HISTORY:
                self._history_chart(chart)
        for table in section.tables:
            if table.audience in _SHOWN:
                self._table(table, section)
        for note in section.notes:
            self._note(note)

    def _table(self, table: Table, section: Section) -> None:
        if table.title and table.title != section.title:
            self._paragraph(table.title, "Heading 2")
        if table.caption and table.caption != section.subtitle:
            self._paragraph(table.caption, italic=True)
        shown = table.shown_columns(Audience.TEXT, board=True)
        columns = [table.columns[i] for i in shown]
        natural = self.naturals.pop(id(table), None)  # measured by the landscape check, if it got that far
        widths, points = table_layout(table, shown, self._room(), natural)
        body = [row for _, row in table.shown(Audience.TEXT)]
        tbl = CT_Tbl.new_tbl(0, len(shown), Emu(self._room()))
        self.end.addprevious(tbl)
        word_table = WordTable(tbl, self.word._body)
        style = self._style(TABLE_STYLE) or self._style("Table Grid")
        if style:
            tbl.tblStyle_val = self._style_id(style, WD_STYLE_TYPE.TABLE)
        word_table.autofit = False
        _table_look(word_table)
        for column, width in zip(word_table.columns, widths):
            column.width = Emu(width)
        # Every row as one piece of XML, parsed once: python-docx's rows, cells, runs and their
        # properties cost tens of microseconds each (and its cells are looked up through the whole
        # table), which made a report of 100 000 measures take minutes.
        # The rows are written into the saved document where this marker stands (:func:`_with_rows`).
        tbl.append(etree.Comment(f"{self.marker}-{len(self.tables)}"))
        self.tables.append(_Cells(self._table_text_id(), columns, widths, body, shown, points))
        for note in table.notes:
            self._note(note)

    def _node_bars(self, chart: Chart) -> None:
        """The organisation tree's bars: its title, a table of a row per node (:class:`_NodeBars`), what each
        colour means (a swatch and its words) and the chart's note."""
        self._paragraph(chart.title, "Heading 2")
        bars = _NodeBars(self._table_text_id(), chart.nodes, self._room())
        self.end.addprevious(etree.fromstring(bars.xml()))
        paragraph = self._paragraph("")
        for tone, lighter, words in chart.keys:
            if tone is not Tone.NEUTRAL:
                self._run(paragraph, "\u25a0 ", colour=_shade(tone, lighter))
            self._run(paragraph, f"{words}   ")
        if chart.note:
            self._paragraph(chart.note, italic=True)

    def _history_chart(self, chart: Chart) -> None:
        """The follow-ups' history as a line chart: its title, the picture (:mod:`linechart`), as wide as the page's
        text up to :data:`CHART_WIDTH`, and the chart's note."""
        self._paragraph(chart.title, "Heading 2")
        self._paragraph("").add_run().add_picture(io.BytesIO(history_png(chart)),
                                                width=Emu(min(self._room(), CHART_WIDTH)))
        if chart.note:
            self._paragraph(chart.note, italic=True)

    def _table_text_id(self) -> str:
        """The id of the tables' paragraph style (looked up once: python-docx looks a name up in every style)."""
        if self.table_text is None:
            style = self._style(TABLE_TEXT)
            self.table_text = self.word.styles[style].style_id if style else ""
        return self.table_text

    # --- after the sections ---

    def _closing(self) -> None:
        """The rounding note, the warnings, the legend and the generator line."""
        document, words = self.document, self.document.words
        for note in document.notes:
            if not note.warning:
                self._note(note)
        warnings = [note for note in document.notes if note.warning]
        if warnings:
            self._paragraph(words.get("warnings", ""), "Heading 2")
            for note in warnings:
                self._paragraph(note.text, "List Bullet",
                                colour=COLOUR.get(note.tone))
        if document.legend or words.get("statuses"):
            self._paragraph(words.get("legend", ""), "Heading 2")
            if document.legend.classes:
                self._paragraph(document.legend.classes)
            if words.get("statuses"):
                self._paragraph(words["statuses"])
            for entry in (*document.legend.terms, *document.legend.verdicts):
                paragraph = self._paragraph("")
                self._run(paragraph, entry.name, bold=True, colour=COLOUR.get(entry.tone))
                self._run(paragraph, f": {entry.meaning}")
        if words.get("generated"):
            self._paragraph(words["generated"], colour=_GREY)


def _landscape(section: Section, portrait_room: int,
               natural: Callable[[Table, Sequence[int]], _Natural] = _natural) -> bool:
    """A section is printed landscape where a table has more than :data:`LANDSCAPE_COLUMNS` columns or
    needs more room than a portrait page gives (each table's columns as ``natural`` measures them)."""
    for table in section.tables:
        if table.audience in _SHOWN:
            shown = table.shown_columns(Audience.TEXT, board=True)
            if len(shown) > LANDSCAPE_COLUMNS or natural(table, shown).needed > portrait_room:
                return True
    return False


def _table_look(table: WordTable) -> None:
    """The table style's header row and banded rows, not its first column or last row."""
    properties = table._tbl.tblPr
    look = properties.find(qn("w:tblLook"))
    if look is None:
        look = OxmlElement("w:tblLook")
        properties.append(look)
    for name, value in (("w:val", "0420"), ("w:firstRow", "1"), ("w:lastRow", "0"), ("w:firstColumn", "0"),
                        ("w:lastColumn", "0"), ("w:noHBand", "0"), ("w:noVBand", "1")):
        look.set(qn(name), value)


_RUN_BREAKS = re.compile("([\t\r\n\u2011])")
_INDENT = 284  # twips (0,5 cm) a tree's row is indented per level


class _Cells:
    """A table's rows as WordprocessingML text, as python-docx writes them (``w:tcW`` in twips,
    the paragraph style, right-aligned figures, bold, italic and colour in ``w:rPr``): what is
    the same in every cell of a column is written once."""

    def __init__(self, style_id: str, columns: Sequence[Column], widths: Sequence[int], body: Sequence[Row],
                 shown: Sequence[int], points: int = POINTS) -> None:
        style = f'<w:pStyle w:val="{_attribute(style_id)}"/>' if style_id else ""
        self.columns, self.body, self.shown = columns, body, shown
        # the size where it is not the style's: in half-points, as Word writes it
        self.size = "" if points == POINTS else f'<w:sz w:val="{2 * points}"/><w:szCs w:val="{2 * points}"/>'
        self.style, self.widths = style, widths
        self.starts = [self.start(column, width) for column, width in zip(columns, widths)]
        self.numeric = [column.numeric for column in columns]  # a property of the column: looked up once, not per cell

    def start(self, column: Column, width: int, depth: int = 0) -> str:
        """A cell up to its text: its width, and its paragraph's style, indent (a tree's depth) and alignment."""
        properties = (self.style + (f'<w:ind w:left="{depth * _INDENT}"/>' if depth else "")
                      + ('<w:jc w:val="right"/>' if column.numeric else ""))
        paragraph = f"<w:pPr>{properties}</w:pPr>" if properties else ""
        return f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width // _TWIP}"/></w:tcPr><w:p>{paragraph}'

    def size_bound(self) -> int:
        """More bytes than the rows take (a cell's XML, and its text escaped and in UTF-8, 6 bytes a character at most)."""
        per_cell = max(map(len, self.starts), default=0) + 200
        return sum(per_cell * len(self.columns) + 6 * sum(len(cell.text) for cell in row.cells)
                   for row in self.body) + per_cell * len(self.columns) + 6 * sum(len(c.header) for c in self.columns)

    def rows(self) -> Iterator[str]:
        """The header row, then every row of the table."""
        yield self.row([column.header for column in self.columns], header=True)
        for row in self.body:
            yield self.body_row(row, self.shown)

    def row(self, texts: Sequence[str], *, header: bool = False) -> str:
        """The header row: every text bold."""
        cells = [start + (_run(_figure_text(text) if numeric else _cell_text(text), "<w:b/>" + self.size)
                          if text else "")
                 + "</w:p></w:tc>" for start, numeric, text in zip(self.starts, self.numeric, texts)]
        return f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if header else ''}</w:trPr>{''.join(cells)}</w:tr>"

    def body_row(self, row: Row, shown: Sequence[int]) -> str:
        """A row of the table: Summa and the gap bold, what is not counted grey and italic, a tone's colour."""
        bold, dim = row.kind in _BOLD_ROWS, row.kind in _DIM_ROWS
        cells = []
        starts = self.starts
        if row.depth and starts:  # a node of the organisation tree: its name indented by its depth
            starts = [self.start(self.columns[0], self.widths[0], row.depth), *starts[1:]]
        contents, count = row.cells, len(row.cells)
        for position, (start, index, column, numeric) in enumerate(zip(starts, shown, self.columns, self.numeric)):
            content = contents[index] if index < count else None
            if content is None or not content.text:
                cells.append(start + "</w:p></w:tc>")
                continue
            tone = content.tone if content.tone is not Tone.NEUTRAL else (row.tone if position else Tone.NEUTRAL)
            colour = _GREY if dim and tone is Tone.NEUTRAL else COLOUR.get(tone)
            properties = (("<w:b/>" if bold or content.tone is not Tone.NEUTRAL else "") + ("<w:i/>" if dim else "")
                          + (f'<w:color w:val="{colour}"/>' if colour else "") + self.size)
            text = _figure_text(content.text) if numeric else _cell_text(content.text)
            if column.signal and content.tone is not Tone.NEUTRAL:  # a signal: the cell shaded in its colour
                start = start.replace("</w:tcPr>", f'<w:shd w:val="clear" w:color="auto" '
                                                   f'w:fill="{_shade(content.tone, True, _SIGNAL_FILL)}"/></w:tcPr>', 1)
            cells.append(start + _run(text, properties) + "</w:p></w:tc>")
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"


def _run(text: str, properties: str) -> str:
    """A run of ``text`` as python-docx's ``Run.text`` writes it: a tab as ``w:tab``, a line break
    as ``w:br``, ``xml:space="preserve"`` where the text starts or ends with a space; a no-break
    hyphen (U+2011) as ``w:noBreakHyphen``."""
    content = []
    for part in _RUN_BREAKS.split(text):  # the text itself where it has none of them
        if part == "\t":
            content.append("<w:tab/>")
        elif part in ("\r", "\n"):
            content.append("<w:br/>")
        elif part == _NO_BREAK_HYPHEN:
            content.append("<w:noBreakHyphen/>")
        elif part:
            space = ' xml:space="preserve"' if part != part.strip() else ""
            content.append(f"<w:t{space}>{_escape(part)}</w:t>")
    return f"<w:r>{f'<w:rPr>{properties}</w:rPr>' if properties else ''}{''.join(content)}</w:r>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


#: The room of the organisation tree's bars, in cells of a Word table: a segment of a bar is a whole number of
#: them (at least one, so that no shortfall is lost), the last kept for the mark.
BAR_CELLS = 40
_LIGHTER = 0.35  # a range's lighter part: its colour at this strength on white (the HTML page's fill-opacity)
_SIGNAL_FILL = 0.18  # a signal's cell: its colour this pale behind the word in full colour, which stays readable
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _shade(tone: Tone, lighter: bool = False, strength: float = _LIGHTER) -> str:
    """A tone's colour, or its lighter shade (on white, at ``strength``) for a range's uncertain part."""
    colour = COLOUR[tone]
    if not lighter:
        return colour
    return "".join(f"{round(int(colour[i:i + 2], 16) * strength + 255 * (1 - strength)):02X}" for i in (0, 2, 4))


def bar_cells(bar: NodeBar, high: Decimal, unbounded: bool) -> list[tuple[Tone, bool, int]]:
    """A node's bar as cells: each segment's tone, whether lighter, and how many of :data:`BAR_CELLS` it spans
    (its ends rounded on a scale where ``high`` is the last cell but one, or less where an unbounded segment
    reaches that cell; a segment of any length spans one cell at least)."""
    room = BAR_CELLS - 1
    scale = high * (1 + _UNBOUNDED) if unbounded else high

    def cell(value: Decimal | None) -> int:
        return room if value is None or scale <= 0 else int((value / scale * room).to_integral_value(ROUND_HALF_UP))

    cells, cursor = [], 0
    for segment in bar.segments:
        end = min(max(cell(segment.end), cursor + 1), room)
        if end > cursor:
            cells.append((segment.tone, segment.lighter, end - cursor))
            cursor = end
    return cells


_UNBOUNDED = Decimal("0.15")  # an unbounded segment reaches past every known figure, as in the HTML page


class _NodeBars:
    """The organisation tree's bars as one Word table: a grid of the name, :data:`BAR_CELLS` narrow cells and
    the words; per node its name (indented by its depth), its segments as shaded cells spanning their share
    of the grid, the mark in the cell after them and its words in the verdict's colour. No borders: a white
    line between the rows keeps the bars apart."""

    def __init__(self, style_id: str, nodes: Sequence[NodeBar], room: int) -> None:
        self.style = f'<w:pStyle w:val="{_attribute(style_id)}"/>' if style_id else ""
        self.nodes = nodes
        padding = int(Cm(_PADDING_CM))
        name = max((text_width(node.label) + node.depth * _INDENT * _TWIP for node in nodes), default=0) + padding
        words = max((text_width(node.text, bold=True) for node in nodes), default=0) + padding
        self.name, self.words = min(name, room * 3 // 10), min(words, room * 4 // 10)
        self.unit = max((room - self.name - self.words) // BAR_CELLS // _TWIP, 1)  # twips
        self.name //= _TWIP
        self.words = room // _TWIP - self.name - self.unit * BAR_CELLS
        ends = [end for node in nodes for s in node.segments for end in (s.start, s.end) if end is not None]
        self.high = max([Decimal(0), *ends])
        self.unbounded = any(s.length is None for node in nodes for s in node.segments)

    def xml(self) -> str:
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in (self.name, *[self.unit] * BAR_CELLS, self.words))
        borders = ('<w:tblBorders><w:insideH w:val="single" w:sz="24" w:space="0" w:color="FFFFFF"/>'
                   '</w:tblBorders>')
        properties = (f'<w:tblPr><w:tblW w:type="dxa" w:w="{self.name + self.unit * BAR_CELLS + self.words}"/>'
                      f'{borders}<w:tblLayout w:type="fixed"/></w:tblPr>')
        rows = "".join(self.row(node) for node in self.nodes)
        return f'<w:tbl xmlns:w="{_W}">{properties}<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>'

    def row(self, node: NodeBar) -> str:
        cells = [self.cell(self.name, _run(_cell_text(node.label), ""), indent=node.depth * _INDENT)]
        used = 0
        for tone, lighter, span in bar_cells(node, self.high, self.unbounded):
            cells.append(self.cell(self.unit * span, "", span=span, fill=_shade(tone, lighter)))
            used += span
        mark = _run(node.mark, f'<w:b/><w:color w:val="{COLOUR[Tone.GOOD]}"/>') if node.mark else ""
        cells.append(self.cell(self.unit * (BAR_CELLS - used), mark, span=BAR_CELLS - used))
        colour = COLOUR.get(node.tone)
        words = _run(_figure_text(node.text), f'<w:b/><w:color w:val="{colour}"/>' if colour else "")
        cells.append(self.cell(self.words, words))
        return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{''.join(cells)}</w:tr>"

    def cell(self, width: int, content: str, *, span: int = 1, fill: str = "", indent: int = 0) -> str:
        """A cell of ``width`` twips over ``span`` grid columns; a bar's cell shaded ``fill``, without margins."""
        properties = (f'<w:tcW w:type="dxa" w:w="{width}"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
                      + (f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "")
                      + ('<w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tcMar>'
                         if span > 1 or fill else "") + '<w:vAlign w:val="center"/>')
        paragraph = self.style + (f'<w:ind w:left="{indent}"/>' if indent else "")
        return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:pPr>{paragraph}</w:pPr>{content}</w:p></w:tc>"
