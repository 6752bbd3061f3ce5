"""The report model: what a report says, decided once, for every writer to serialise.

A :class:`Document` is made by a builder (:mod:`budgetbalans.report.builders.summary` for ``summarize``
and ``gap``, :mod:`budgetbalans.report.builders.follow_up` for ``follow-up``) from the core's
results. The builders hold every word and decide every verdict's tone from the core's kinds;
the writers (terminal, Markdown, HTML, CSV, xlsx) only serialise a Document and never compare
an amount with zero. JSON is not a writer of this model: it is the contract, a direct dump of
the core's records (:mod:`budgetbalans.report.json.reports`).

Every cell carries both what the text formats print (:attr:`Cell.text`, Swedish notation and
words, worded once by the builder) and, for an amount or a share, the exact figure the
spreadsheet formats write (:attr:`Cell.value`). A row that is computed from others says so
(:attr:`Row.sums`, :attr:`Row.of`, :attr:`Row.link`), so the xlsx writer can write a formula
where the others print the figure.

Plan text in a Document is as the plan wrote it, with only terminal control characters
removed: each writer escapes it for its own format (Markdown, HTML, CSV, spreadsheet cells).
This module imports no library and no writer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import Enum
from decimal import Decimal
from typing import Iterator, Literal, Mapping, Sequence

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit


class Tone(str, Enum):
    """How a verdict reads, from the core's kind: a writer's colour or class, never its own judgement."""

    NEUTRAL = ""
    BAD = "bad"              # still to save; a forecast below plan
    GOOD = "good"            # a surplus; a forecast above plan
    UNCERTAIN = "uncertain"  # could be either; a measure not followed up


class RowKind(str, Enum):
    MEASURE = "measure"
    UNCOUNTED = "uncounted"  # a measure that is not counted (possible effect, status outside the filter)
    GROUP = "group"          # a subtotal (``--group-by``) or a plan's total among all plans
    TOTAL = "total"          # Summa
    POTENTIAL = "potential"  # the possible effect, not counted
    TARGET = "target"        # the sparbeting (or "no target given")
    GAP = "gap"              # the verdict: still to save, surplus, or either
    SHORTFALL = "shortfall"  # over per-year targets: the years' positive gaps added up
    NET = "net"              # over per-year targets: the net gap of the period, in words
    COVERAGE = "coverage"    # the total as a share of the target
    YEAR = "year"            # a year's row of the gap table
    STAFF = "staff"          # årsarbetare per year: a count, not an amount in kronor


#: A table with more columns than this is printed on a landscape page (the Word report, and the HTML page
#: when it is printed).
LANDSCAPE_COLUMNS = 7


class Audience(str, Enum):
    """Which writers show a row: every writer, those that show words (terminal, Markdown, HTML), or
    those that show numbers in cells (CSV, xlsx). A gap over per-year targets is worded for a reader
    ("Kvar att spara 1 200 (2025)", then the net) and given as signed numbers for a spreadsheet.
    ``BOARD``: a table only the documents a nämnd files show (Word and HTML), beside what they show
    for ``TEXT``: who does what and when, decided by whom, and the consequences. ``WORKBOOK``: a row or
    table only the workbook (xlsx) shows, beside what it shows for ``NUMBERS``: a nämnd's sheet of the
    organisation tree, which the summary sheet's formulas add up (:attr:`Table.sheet`)."""

    ALL = "all"
    TEXT = "text"
    NUMBERS = "numbers"
    BOARD = "board"
    WORKBOOK = "workbook"


def shown_to(audience: Audience) -> tuple[Audience, ...]:
    """The audiences whose rows and tables a writer for ``audience`` shows: everyone's and its own (the
    workbook's also the spreadsheets')."""
    if audience is Audience.WORKBOOK:
        return (Audience.ALL, Audience.NUMBERS, Audience.WORKBOOK)
    return (Audience.ALL, audience)


class ColumnKind(str, Enum):
    TEXT = "text"            # plan text or a word (id, title, area, status, counted, class)
    NAME = "name"            # the column a total, target or gap row is named in
    AMOUNT = "amount"        # an amount (a year's effect, a target, planned, forecast, outcome)
    TOTAL = "total"          # the sum of the row's amounts in :attr:`Column.of` (a measure's years)
    DEVIATION = "deviation"  # ``of[0] − of[1]`` bound by bound (forecast − planned)
    SHARE = "share"          # a share (coverage, a probability)
    PRODUCT = "product"      # ``of[0] × of[1]`` bound by bound (a measure's expected effect: total × probability)
    NET = "net"              # ``of[0] − of[1]``, the low from of[1]'s high: a target less a total (the net)
    #: What is still to save: a row that adds up others (:attr:`Row.adds`) adds theirs; a plan's row linked to
    #: its table (:attr:`Row.link`, which has no such column) the positive parts of that table's signed gap
    #: row (its years' where it has years, else its period's), as the core decides a plan's shortfall.
    SHORTFALL = "shortfall"


@dataclass(frozen=True)
class Column:
    """A table column. ``header`` is what text formats show; ``number_header`` and ``bound_headers``
    what CSV and xlsx show above an amount (with the unit; low and high when the report has ranges)."""

    key: str
    header: str
    kind: ColumnKind = ColumnKind.TEXT
    number_header: str = ""
    bound_headers: tuple[str, str] = ("", "")
    of: tuple[str, ...] = ()  # TOTAL, DEVIATION: the keys of the columns it is computed from
    wide: bool = False        # the measure's title: takes the room that is left, wraps
    audience: Audience = Audience.ALL
    whole: bool = False       # words with an amount ("kvar att spara 400 (2025)"): kept whole, as an amount
    #: The nämnd's documents (Word, HTML) show this column in the nämnd's table (a measure's decision),
    #: and leave it out here, where their page has no room for it twice.
    in_board: bool = False
    #: An input (a sparbeting as the tree or the plan writes it): a figure in every row, never computed. A SHARE
    #: column with :attr:`of` is ``of[0] / of[1]`` bound by bound (the coverage: total over target).
    given: bool = False
    #: A verdict in a word per row, in its cell's tone (a follow-up's signal, "försenad"): Word shades the cell in
    #: the tone's colour, xlsx gives the column conditional formatting by the words; the word is always there.
    signal: bool = False

    @property
    def numeric(self) -> bool:
        return self.kind in (ColumnKind.AMOUNT, ColumnKind.TOTAL, ColumnKind.DEVIATION, ColumnKind.SHARE,
                             ColumnKind.PRODUCT, ColumnKind.NET, ColumnKind.SHORTFALL)

    @property
    def unbroken(self) -> bool:
        """Whether every writer keeps each cell on one line: an amount, or words with one (:attr:`whole`)."""
        return self.numeric or self.whole


@dataclass(frozen=True)
class Cell:
    """``text`` as the text formats print it; ``value`` the exact figure (kronor, or a share as a
    fraction) where the cell is an amount; ``tone`` where the cell reads differently from its row."""

    text: str = ""
    value: Range | None = None
    tone: Tone = Tone.NEUTRAL


EMPTY = Cell()


@dataclass(frozen=True)
class Row:
    """A row: its kind, its cells (one per column), its tone (the verdict's, for GAP and SHORTFALL).

    ``sums``: a TOTAL row adds up these rows of its table (the counted measures).
    ``of``: GAP is ``of[0] − of[1]`` (− ``of[2]``…: the target row minus the total row, the low from the total's
    high); SHORTFALL is the positive parts of row ``of[0]``'s amounts added up; COVERAGE is
    ``of[0] / of[1]`` (total over target). ``link``: this row repeats row ``link[1]`` of the table
    whose key is ``link[0]`` (a plan's Summa among all plans). ``over``: the key of the table whose rows
    ``sums`` adds up, where not this one (a scenario's total over the measure rows); ``weight``: the column
    of each such row its figure is multiplied by (the probability, for the expected scenario). ``adds``:
    this row adds up row ``index`` of each table ``key`` (all plans' scenario: each plan's), column by column.
    ``depth``: a node's depth in the organisation tree (0: its root): the text writers (terminal, Markdown,
    HTML, Word) indent the row's first cell by it; CSV and xlsx show it in a column of its own (*Nivå*).
    """

    kind: RowKind
    cells: tuple[Cell, ...]
    tone: Tone = Tone.NEUTRAL
    audience: Audience = Audience.ALL
    sums: tuple[int, ...] = ()
    of: tuple[int, ...] = ()
    link: tuple[str, int] | None = None
    over: str = ""
    weight: str = ""
    adds: tuple[tuple[str, int], ...] = ()
    depth: int = 0


@dataclass(frozen=True)
class Note:
    """A line of prose under a table or a report: a note, or a warning (``warning=True``).

    A warning's text does not begin with the word "Varning": a writer that prints it on a line of
    its own puts ``Document.words["warning"]`` before it, one that lists it under "Varningar" does
    not. A note that explains the cells of a tone (``marks``, such as a forecast below plan) does
    not name how they look either: each writer says how it marks them (:meth:`head`), "Rött"
    where it colours them, "I fetstil" in Markdown, which has no colours.
    """

    text: str
    tone: Tone = Tone.NEUTRAL
    warning: bool = False
    marks: Tone | None = None

    def head(self, words: Mapping[str, str], colours: bool = True) -> str:
        """The word before the text on a line of its own: "Varning", how the writer marks the cells
        the note explains (``Document.words["marks_bad"]``, or ``["marks_bold"]`` without colours), or none."""
        if self.warning:
            return words.get("warning", "")
        if self.marks is None:
            return ""
        return words.get(f"marks_{self.marks.value}" if colours else "marks_bold", "")

    def line(self, words: Mapping[str, str], colours: bool = True) -> str:
        """The note as a line of its own: its :meth:`head`, then its text."""
        head = self.head(words, colours)
        return f"{head}: {self.text}" if head else self.text


@dataclass(frozen=True)
class Annotation:
    """A CI annotation (``diff --format github``): its level, chosen by the builder from the core's
    verdict, its message, worded by the builder, and where it stands, a plan's path and a line in it
    (neither for all plans; no line where nothing is left to point at)."""

    level: Literal["error", "warning", "notice"]
    message: str
    path: str | None = None
    line: int | None = None
    title: str = ""


@dataclass(frozen=True)
class Table:
    """``key`` names the table in its Document (for :attr:`Row.link`). ``name`` is what one flat table
    of every row (CSV) puts in its plan column. ``head``: the leading columns that name a row, the
    heading of a row's block where the terminal stacks a table too wide for it. ``sheet``: a workbook puts the
    table on a sheet of its own of that name, after its section's (a nämnd's sheet of the organisation tree)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    caption: str = ""
    notes: tuple[Note, ...] = ()
    name: str = ""
    head: int = 1
    audience: Audience = Audience.ALL
    sheet: str = ""

    def column(self, key: str) -> int:
        return next(index for index, column in enumerate(self.columns) if column.key == key)

    def shown_columns(self, audience: Audience, *, board: bool = False) -> list[int]:
        """The columns a writer for ``audience`` shows, by index; a ``board`` writer (Word, HTML) leaves out
        those its nämnd's table shows (:attr:`Column.in_board`)."""
        return [i for i, column in enumerate(self.columns)
                if column.audience in shown_to(audience) and not (board and column.in_board)]

    def shown(self, audience: Audience) -> Iterator[tuple[int, Row]]:
        """The rows a writer for ``audience`` shows, with their index in :attr:`rows`."""
        return ((i, row) for i, row in enumerate(self.rows) if row.audience in shown_to(audience))


@dataclass(frozen=True)
class Figure:
    """A key figure: what it is, its value in words and figures, and its tone."""

    name: str
    value: str
    tone: Tone = Tone.NEUTRAL


class ChartKind(str, Enum):
    WATERFALL = "waterfall"                # from the sparbeting, measure by measure, to what remains
    PER_YEAR = "per_year"                  # each year's total, and its target
    PLANNED_FORECAST = "planned_forecast"  # per measure, planned against forecast
    ORGANISATION = "organisation"          # per node of the tree, its target covered and still to save
    HISTORY = "history"                    # lines over the follow-up dates: the gap as planned and by the forecast


class BarKind(str, Enum):
    """What a bar stands for, decided by the builder: a writer's colour (CSS class) of it."""

    TARGET = "target"
    SAVING = "saving"
    COST = "cost"
    REMAINING = "remaining"
    SURPLUS = "surplus"
    UNCERTAIN = "uncertain"
    NET = "net"              # the period's net over per-year targets, in no verdict's colour
    TOTAL = "total"
    PLANNED = "planned"
    FORECAST = "forecast"
    SHORT = "short"          # a forecast below the plan


@dataclass(frozen=True)
class Step:
    """A waterfall row in kronor: from ``start`` by ``low`` (solid) and on to ``high`` (lighter; ``None``:
    unbounded, towards ``grows``: +1 right, -1 left). ``value``: the amount as the row shows it."""

    label: str
    kind: BarKind
    start: Decimal
    low: Decimal
    high: Decimal | None
    value: str
    grows: int = 1


@dataclass(frozen=True)
class YearBar:
    """A year of the per-year chart: its total (``text`` as shown) and its target, where the plan gives one."""

    year: int
    value: Range
    text: str
    kind: BarKind
    target: Decimal | None = None
    target_text: str = ""


@dataclass(frozen=True)
class Comparison:
    """A row of the planned-against-forecast chart: a measure (or Summa), both amounts and their texts."""

    label: str
    planned: Range
    forecast: Range
    planned_text: str
    forecast_text: str
    forecast_kind: BarKind = BarKind.FORECAST  # SHORT where the forecast is below the plan


@dataclass(frozen=True)
class Segment:
    """A part of a node's bar, in kronor from the bar's start: from ``start`` for ``length`` (``None``:
    unbounded, to the end of the scale), in its ``tone``'s colour, ``lighter`` where it is a range's
    uncertain part (solid to the low bound, lighter to the high, as the other charts draw a range)."""

    tone: Tone
    start: Decimal
    length: Decimal | None
    lighter: bool = False

    @property
    def end(self) -> Decimal | None:
        return None if self.length is None else self.start + self.length


@dataclass(frozen=True)
class NodeBar:
    """A node of the organisation tree's chart: its name (indented by ``depth``), the ``segments`` of its bar
    (what of its target is covered, what is still to save; none without a target), ``text``: the words beside
    it (covered, the verdict, "ingen plan"), worded by the builder, in the verdict's ``tone``; ``mark``: the
    builder's mark beside the bar's end (a surplus, drawn as covered), its meaning in the chart's keys."""

    label: str
    depth: int
    segments: tuple[Segment, ...]
    text: str
    tone: Tone = Tone.NEUTRAL
    mark: str = ""


@dataclass(frozen=True)
class Chart:
    """A chart's data in kronor, with its title and a note under it: the ``steps`` of a waterfall, the
    ``years`` of the per-year chart, the ``comparisons`` of planned against forecast (``names``: the
    words for planned and forecast in a bar's tooltip) or the organisation tree's ``nodes`` (``keys``: each
    colour of its bars, by tone and whether lighter, and its words). A writer that shows charts works out
    where each bar goes (:mod:`budgetbalans.report.writers.svg`); no other writer pays for it."""

    kind: ChartKind
    title: str
    note: str = ""
    legend: tuple[tuple[BarKind, str], ...] = ()  # a bar's kind, its words
    steps: tuple[Step, ...] = ()
    years: tuple[YearBar, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    names: tuple[str, str] = ("", "")
    nodes: tuple[NodeBar, ...] = ()
    keys: tuple[tuple[Tone, bool, str], ...] = ()
    dates: tuple[str, ...] = ()  # the history chart's points, left to right
    lines: tuple[Line, ...] = ()  # the history chart's lines, a value per date
    columns: tuple[str, ...] = ()  # the keys of the columns of each line's row that hold its values, by date


@dataclass(frozen=True)
class Line:
    """A line of the history chart: its name, its kind (a writer's colour), a value per date in kronor (``None``:
    none at that date; a range is drawn from its low to its high) and each value's text as shown."""

    name: str
    kind: BarKind
    values: tuple[Range | None, ...]
    texts: tuple[str, ...]
    #: Where a workbook finds the values: row ``row`` of the table whose key is ``table``, in the chart's
    #: ``columns`` (a native chart of the cells, not of figures of its own).
    table: str = ""
    row: int = -1


@dataclass(frozen=True)
class LegendEntry:
    """A verdict's colour, or a word of the report, explained: its tone, its name and what it means."""

    tone: Tone
    name: str
    meaning: str


@dataclass(frozen=True)
class Legend:
    """How to read the report: what the interval classes mean (where a table shows them), each verdict,
    and ``terms``: the report's words explained (the scenarios, the decision states; their tone neutral)."""

    classes: str = ""
    verdicts: tuple[LegendEntry, ...] = ()
    terms: tuple[LegendEntry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.classes or self.verdicts or self.terms)


@dataclass(frozen=True)
class Section:
    """A plan, all plans together, or a follow-up: heading, key figures, charts, tables, notes.
    ``sheet``: the name of its sheet in a workbook."""

    title: str
    subtitle: str = ""
    figures: tuple[Figure, ...] = ()
    charts: tuple[Chart, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[Note, ...] = ()
    sheet: str = ""


@dataclass(frozen=True)
class Document:
    """A whole report. ``facts`` are what a reader needs before the figures (report date, files,
    unit); ``notes`` come after every section (the rounding note, the warnings); ``legend`` explains
    the classes and the verdicts' colours; ``words`` are the writers' few fixed words (the page's
    generator line, the range note), worded by the builder."""

    kind: str  # "summarize", "gap", "follow-up"
    title: str
    lang: Lang
    unit: Unit
    sections: tuple[Section, ...]
    facts: tuple[tuple[str, str], ...] = ()
    notes: tuple[Note, ...] = ()
    legend: Legend = Legend()
    report_date: str = ""
    ranges: bool = False  # any amount is a range: CSV and xlsx give every amount a low and a high column
    words: dict[str, str] = field(default_factory=dict)
    decimals: int | None = None  # of every amount the report shows (the builder's View.decimals)
    date: datetime.date | None = None  # the report date (worded in report_date), for a file's own properties
    annotations: tuple[Annotation, ...] = ()  # for a CI runner (diff --format github)

    def tables(self, audience: Audience | None = None) -> Sequence[Table]:
        """Every table, in order; with ``audience``, those a writer for it shows."""
        return [table for section in self.sections for table in section.tables
                if audience is None or table.audience in shown_to(audience)]
