"""The charts' geometry for the HTML page: where each bar, label and line of a chart goes, in SVG coordinates.

A :class:`~budgetbalans.report.model.Chart` says what to draw, in kronor (the builder's steps, years or
comparisons, each with its kind and its amount as text); here only positions are worked out (floats, for
drawing), and every text drawn is the Document's.

- a waterfall: one row per step, on one scale from the smallest to the largest position; a range is
  solid to its low bound and lighter to its high; an unbounded high runs past every known figure.
- bars per year: the year's total (lighter part up to the high bound), and the year's target as a line.
- planned against forecast: two bars per row, planned above forecast, on one scale from zero.
- the history: a line per series (the gap as planned, by the forecast) over the report dates, zero as an axis,
  each point with its amount above it; a range is a point at its low bound and a lighter bar up to its high.
- the organisation tree: a row per node, its name indented by its depth, its bar's segments (covered, still
  to save; solid, or lighter for a range) on one scale from zero, the builder's mark at the bar's end and
  its words after the bars.

No label is clipped or overlaps another: text widths are estimated on the generous side
(:func:`text_width`), a long measure title is wrapped onto two lines and, if still too long,
shortened with "…" (the full title is the bar's ``<title>`` tooltip); a waterfall row grows
with its label, and the value column and the per-year columns are as wide as their widest
amount.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Sequence

from budgetbalans.plan.money import Range
from budgetbalans.report.model import BarKind, Chart, ChartKind, Comparison, Line, NodeBar, Step, Tone, YearBar

ROW, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 22, 250, 340, 90
FONT_SIZE, LINE = 11.0, 13  # the charts' text (report.css.j2) and the distance between a label's lines
LABEL_ROOM = LABEL_WIDTH - 14  # a label ends at LABEL_WIDTH - 6 and starts at least 8 from the left edge
LABEL_LINES = 2
BOLD = 1.15  # bold text is wider
UNBOUNDED_ROOM = Decimal("0.15")


@dataclass(frozen=True)
class Bar:
    """One bar: solid from ``x`` for ``width``; an uncertain, lighter part after it (``extra``)."""

    x: float
    y: float
    width: float
    height: float
    kind: str  # the CSS class of its BarKind
    extra_start: float = 0.0
    extra_length: float = 0.0
    label: str = ""
    full_label: str = ""
    value: str = ""
    lines: tuple[str, ...] = ()  # the label as drawn: wrapped, shortened with "…" when too long
    label_y: float = 0.0  # the baseline of the label's first line


@dataclass(frozen=True)
class Drawing:
    """A chart as drawn: its size, its bars, the position of zero, target lines and year ticks."""

    width: float
    height: float
    bars: Sequence[Bar]
    zero: float  # x (waterfall) or y (per year) of zero
    lines: Sequence[tuple[float, float, float, float, str]] = ()  # x1, y1, x2, y2, label
    ticks: Sequence[tuple[float, str]] = ()  # position, text (the years)
    nodes: Sequence[NodeRow] = ()  # the organisation tree's rows
    paths: Sequence[LinePath] = ()  # the history's lines


@dataclass(frozen=True)
class LinePoint:
    """A point of a history line: at ``x``, ``y`` (its low bound), a lighter bar up to ``top`` (its high bound;
    equal to ``y`` for an amount), and its amount's text."""

    x: float
    y: float
    top: float
    text: str


@dataclass(frozen=True)
class LinePath:
    """A line of the history chart as drawn: its kind (the CSS class of its BarKind), name and points."""

    kind: str
    name: str
    points: tuple[LinePoint, ...]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)


@dataclass(frozen=True)
class Piece:
    """A segment of a node's bar as drawn: from ``x`` for ``width``, in its tone's colour, lighter or solid."""

    x: float
    width: float
    tone: Tone
    lighter: bool


@dataclass(frozen=True)
class NodeRow:
    """A node of the organisation chart as drawn: its name's lines from ``label_x`` (indented by its depth),
    its bar's pieces at ``y``, its mark at ``mark_x`` and its words at ``text_x``, all on the bar's baseline."""

    y: float
    height: float
    label_x: float
    label_y: float
    lines: tuple[str, ...]
    full_label: str
    pieces: tuple[Piece, ...]
    mark: str
    mark_x: float
    text: str
    text_x: float
    tone: Tone


def draw(chart: Chart) -> Drawing:
    """``chart``'s geometry, by its kind."""
    if chart.kind is ChartKind.WATERFALL:
        return waterfall(chart.steps)
    if chart.kind is ChartKind.PER_YEAR:
        return per_year(chart.years)
    if chart.kind is ChartKind.ORGANISATION:
        return organisation(chart.nodes)
    if chart.kind is ChartKind.HISTORY:
        return history(chart.dates, chart.lines)
    return planned_vs_forecast(chart.comparisons, chart.names)


def waterfall(steps: Sequence[Step]) -> Drawing:
    """Horizontal bars: a row per step, on one scale from the smallest to the largest position."""
    points = [p for s in steps for p in (s.start, s.start + s.low, *([] if s.high is None else [s.start + s.high]))]
    low, high = min([Decimal(0), *points]), max([Decimal(0), *points])
    room = (high - low) * UNBOUNDED_ROOM  # an unbounded bar reaches past every known figure
    low -= room if any(s.high is None and s.grows < 0 for s in steps) else 0
    high += room if any(s.high is None and s.grows > 0 for s in steps) else 0
    span = float(high - low) or 1.0

    def x(value: Decimal) -> float:
        return LABEL_WIDTH + float(value - low) / span * BAR_WIDTH

    bars, top = [], 0.0
    for step in steps:
        a, b = sorted([x(step.start), x(step.start + step.low)])
        far = LABEL_WIDTH + (BAR_WIDTH if step.grows > 0 else 0) if step.high is None else x(step.start + step.high)
        near = b if far >= b else a
        extra_start, extra_length = (min(near, far), abs(far - near)) if step.high != step.low else (0.0, 0.0)
        lines = wrap(step.label, bold=step.kind in BOLD_LABELS)
        height = max(ROW, len(lines) * LINE + 9)
        bar_y = top + (height - (ROW - 8)) / 2
        label_y = bar_y + (ROW - 8) / 2 + 4 - (len(lines) - 1) * LINE / 2
        bars.append(Bar(a, bar_y, max(b - a, 1.0), ROW - 8, step.kind.value, extra_start, extra_length,
                        " ".join(lines), step.label, step.value, lines, label_y))
        top += height
    return Drawing(LABEL_WIDTH + BAR_WIDTH + value_width(steps), top + 8, bars, x(Decimal(0)))


#: Kinds whose label (and, for remaining and surplus, value) report.css.j2 sets in bold.
BOLD_LABELS = frozenset({BarKind.TARGET, BarKind.TOTAL, BarKind.REMAINING, BarKind.SURPLUS})


def value_width(steps: Sequence[Step]) -> float:
    """The value column: the widest amount and a margin, never less than VALUE_WIDTH."""
    widest = max((text_width(s.value, bold=s.kind in BOLD_LABELS) for s in steps), default=0.0)
    return max(float(VALUE_WIDTH), widest + 16)


YEAR_WIDTH, PLOT_HEIGHT, TOP, BOTTOM = 90, 180, 24, 30


def per_year(years: Sequence[YearBar]) -> Drawing:
    """Vertical bars: each year's total, lighter up to its high; the year's target as a line."""
    values = [year.value for year in years]
    targets = [year.target for year in years if year.target is not None]
    points = [p for v in values for p in (v.low, v.high) if p is not None] + targets
    low, high = min([Decimal(0), *points]), max([Decimal(0), *points])
    high += (high - low) * UNBOUNDED_ROOM if any(v.high is None for v in values) else 0
    span = float(high - low) or 1.0

    def y(value: Decimal) -> float:
        return TOP + (1 - float(value - low) / span) * PLOT_HEIGHT

    column = max([float(YEAR_WIDTH), *(text_width(year.text) + 14 for year in years)])  # an amount never reaches the next
    bars, lines, ticks = [], [], []
    for index, year in enumerate(years):
        value = year.value
        left = 40 + index * column + column * 0.2
        top, bottom = sorted([y(value.low or Decimal(0)), y(Decimal(0))])
        far = TOP if value.high is None else y(value.high)
        extra = (far, top - far) if value.high != value.low else (0.0, 0.0)
        bars.append(Bar(left, top, column * 0.6, max(bottom - top, 1.0), year.kind.value,
                        extra[0], max(extra[1], 0.0), str(year.year), str(year.year), year.text))
        ticks.append((left + column * 0.3, str(year.year)))
        if year.target is not None:
            target_y = y(year.target)
            lines.append((left - 6, target_y, left + column * 0.6 + 6, target_y, year.target_text))
    return Drawing(40 + len(years) * column + 20, TOP + PLOT_HEIGHT + BOTTOM, bars, y(Decimal(0)), lines, ticks)


PAIR_ROW, PAIR_BAR = 30, 11


def planned_vs_forecast(rows: Sequence[Comparison], names: tuple[str, str]) -> Drawing:
    """Two horizontal bars per row, planned above forecast, on one scale from zero; a range lighter to its high.

    ``names``: the words for planned and forecast, for each bar's tooltip.
    """
    values = [v for r in rows for v in (r.planned, r.forecast)]
    points = [p for v in values for p in (v.low, v.high) if p is not None]
    low, high = min([Decimal(0), *points]), max([Decimal(0), *points])
    high += (high - low) * UNBOUNDED_ROOM if any(v.high is None for v in values) else 0
    span = float(high - low) or 1.0

    def x(value: Decimal) -> float:
        return LABEL_WIDTH + float(value - low) / span * BAR_WIDTH

    bars = []
    for index, row in enumerate(rows):
        top = index * PAIR_ROW + 4
        bars.append(_pair_bar(row.planned, x, top, BarKind.PLANNED, wrap(row.label, lines=1)[0],
                              f"{row.label} – {names[0]}", row.planned_text))
        bars.append(_pair_bar(row.forecast, x, top + PAIR_BAR + 1, row.forecast_kind, "",
                              f"{row.label} – {names[1]}", row.forecast_text))
    widest = max((text_width(t) for r in rows for t in (r.planned_text, r.forecast_text)), default=0.0)
    return Drawing(LABEL_WIDTH + BAR_WIDTH + max(float(VALUE_WIDTH), widest + 16), len(rows) * PAIR_ROW + 8, bars,
                   x(Decimal(0)))


def _pair_bar(value: Range, x: Callable[[Decimal], float], top: float, kind: BarKind, label: str, full_label: str,
              text: str) -> Bar:
    a, b = sorted([x(Decimal(0)), x(value.low or Decimal(0))])
    far = LABEL_WIDTH + BAR_WIDTH if value.high is None else x(value.high)
    extra = (b, max(far - b, 0.0)) if value.high != value.low else (0.0, 0.0)
    return Bar(a, top, max(b - a, 1.0), PAIR_BAR, kind.value, extra[0], extra[1], label, full_label, text)


HISTORY_LEFT, HISTORY_STEP, HISTORY_HEIGHT, HISTORY_TOP, HISTORY_BOTTOM = 40, 120, 160, 24, 30


def history(dates: Sequence[str], lines: Sequence[Line]) -> Drawing:
    """A line per series over the dates, on one scale from the lowest to the highest figure and zero; an
    unbounded high reaches the top."""
    ends = [end for line in lines for value in line.values if value is not None
            for end in (value.low, value.high) if end is not None]
    low, high = min([Decimal(0), *ends]), max([Decimal(0), *ends])
    span = float(high - low) or 1.0

    def y(value: Decimal | None) -> float:
        return HISTORY_TOP if value is None else HISTORY_TOP + float(high - value) / span * HISTORY_HEIGHT

    def x(index: int) -> float:
        return HISTORY_LEFT + HISTORY_STEP / 2 + index * HISTORY_STEP

    paths = tuple(LinePath(line.kind.value, line.name, tuple(
        LinePoint(x(index), y(value.low if value.low is not None else low), y(value.high), text)
        for index, (value, text) in enumerate(zip(line.values, line.texts)) if value is not None))
        for line in lines)
    width = HISTORY_LEFT + HISTORY_STEP * max(len(dates), 1) + 10
    ticks = tuple((x(index), date) for index, date in enumerate(dates))
    return Drawing(width, HISTORY_TOP + HISTORY_HEIGHT + HISTORY_BOTTOM, (), y(Decimal(0)), ticks=ticks, paths=paths)


INDENT, MARK_ROOM, WORDS_GAP = 12, 14, 8


def organisation(nodes: Sequence[NodeBar]) -> Drawing:
    """A row per node: its name from the left, indented by its depth; its bar's segments on one scale from
    zero (an unbounded segment reaching past every known figure); its mark and its words after the bar."""
    ends = [end for node in nodes for segment in node.segments for end in (segment.start, segment.end)
            if end is not None]
    high = max([Decimal(0), *ends])
    high += high * UNBOUNDED_ROOM if any(s.length is None for node in nodes for s in node.segments) else 0
    scale = BAR_WIDTH - MARK_ROOM
    span = float(high) or 1.0

    def x(value: Decimal | None) -> float:
        return LABEL_WIDTH + (scale if value is None else float(value) / span * scale)

    rows, top = [], 0.0
    for node in nodes:
        indent = node.depth * INDENT
        lines = wrap(node.label, room=max(LABEL_ROOM - indent, 60.0))
        height = max(ROW, len(lines) * LINE + 9)
        bar_y = top + (height - (ROW - 8)) / 2
        pieces = tuple(Piece(x(s.start), max(x(s.end) - x(s.start), 1.0), s.tone, s.lighter) for s in node.segments)
        end = max([LABEL_WIDTH, *(piece.x + piece.width for piece in pieces)])
        rows.append(NodeRow(bar_y, ROW - 8, 8.0 + indent, bar_y + (ROW - 8) / 2 + 4 - (len(lines) - 1) * LINE / 2,
                            lines, node.label, pieces, node.mark, end + 3, node.text,
                            LABEL_WIDTH + BAR_WIDTH + WORDS_GAP, node.tone))
        top += height
    widest = max((text_width(node.text, bold=node.tone is not Tone.NEUTRAL) for node in nodes), default=0.0)
    return Drawing(round(LABEL_WIDTH + BAR_WIDTH + max(float(VALUE_WIDTH), widest + WORDS_GAP + 8), 1), top + 8, (),
                   LABEL_WIDTH, nodes=rows)


# --- text that fits ---------------------------------------------------------------------------

_NARROW = frozenset(" .,:;'!|()[]{}/-–ijlftrI1")
_WIDE = frozenset("mwMW@%&—…")
_LATIN = frozenset("åäöéèüæøÅÄÖÉÈÜÆØ")


def text_width(text: str, bold: bool = False) -> float:
    """An estimate of ``text``'s width in the charts' font, on the generous side (DejaVu Sans, the widest
    common fallback, is narrower for every character): so text estimated to fit does fit."""
    return _added(0.0, text) * (BOLD if bold else 1.0)


def _added(width: float, text: str) -> float:
    """``width`` with each character's of ``text`` added, one by one, as :func:`text_width` adds them: a line
    grown by a word is measured from the line's width, not again from its start."""
    for char in text:
        em = _CHAR_WIDTHS.get(char)
        if em is None:
            em = _CHAR_WIDTHS[char] = _char_width(char)
        width += em
    return width


#: Each character's width once worked out (:func:`_char_width`): a page measures the same few characters often.
_CHAR_WIDTHS: dict[str, float] = {}


def _char_width(char: str) -> float:
    if char in _NARROW:
        em = 0.45
    elif char in _WIDE:
        em = 1.05
    elif char.isascii() or char in _LATIN:
        em = 0.82 if char.isupper() else 0.68
    else:
        em = 1.15  # other scripts, symbols, emoji
    return em * FONT_SIZE


def wrap(text: str, room: float = LABEL_ROOM, lines: int = LABEL_LINES, bold: bool = False) -> tuple[str, ...]:
    """``text`` on at most ``lines`` lines of at most ``room`` wide: broken between words (a word too long
    for a line is cut), the last line shortened with "…" when the text does not fit."""
    out: list[str] = []
    current, width = "", 0.0  # the line so far, and its width before bold
    scale = BOLD if bold else 1.0
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        candidate_width = _added(_added(width, " "), word) if current else _added(0.0, word)
        if candidate_width * scale <= room:
            current, width = candidate, candidate_width
            continue
        if current:
            out.append(current)
        while text_width(word, bold) > room:
            cut = _prefix(word, room, bold)
            out.append(cut)
            word = word[len(cut):]
        current, width = word, _added(0.0, word)
    if current:
        out.append(current)
    if len(out) > lines:
        rest = " ".join(out[lines - 1:])
        out = out[:lines - 1] + [_prefix(rest, room - text_width("…", bold), bold).rstrip() + "…"]
    return tuple(out) or ("",)


def _prefix(text: str, room: float, bold: bool) -> str:
    """The longest start of ``text`` (at least one character) that fits in ``room``."""
    scale = BOLD if bold else 1.0
    end, width = 1, _added(0.0, text[:1])  # the start's width, grown a character at a time
    while end < len(text):
        wider = _added(width, text[end])
        if wider * scale > room:
            break
        end, width = end + 1, wider
    return text[:end]
