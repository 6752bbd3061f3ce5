"""The HTML report's charts as geometry: bars in SVG coordinates, drawn from the computed result.

Two charts for summarize, both from a :class:`~budgetbalans.core.summary.Totals` and its measures,
and one for follow-up:

- a waterfall, one row per counted measure with an effect: from the sparbeting, each
  measure's effect takes the remaining gap down, ending at what remains (the core's net gap) or
  a surplus, drawn by the core's kind of it; over per-year targets where a year falls short,
  the end is named the net for the period, in no verdict's colour. Without a target it starts
  at 0 and ends at the total. A range is drawn solid to its low bound and lighter to its high
  bound; the next measure starts where the low ends, so the chart ends at the period's gap
  taken at the low totals (the gap's high bound).
- bars per year: the year's total (lighter part up to the high bound), and the year's target
  as a line where the plan gives one.
- follow-up: per measure, its planned effect and its forecast side by side (the forecast red
  where it is below the plan), from :class:`~budgetbalans.core.followup.FollowUp`'s lines.

Only positions are worked out here (floats, for drawing); every amount shown as text is the
core's exact figure, formatted by :mod:`budgetbalans.plan.notation`.

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

from budgetbalans.core.summary import GapKind, MeasureResult, Totals
from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan import notation as numbers
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
    kind: str  # target, saving, cost, remaining, surplus, uncertain, net, total
    extra_start: float = 0.0
    extra_length: float = 0.0
    label: str = ""
    full_label: str = ""
    value: str = ""
    lines: tuple[str, ...] = ()  # the label as drawn: wrapped, shortened with "…" when too long
    label_y: float = 0.0  # the baseline of the label's first line


@dataclass(frozen=True)
class Chart:
    width: float
    height: float
    bars: Sequence[Bar]
    zero: float  # x (waterfall) or y (per year) of zero
    lines: Sequence[tuple[float, float, float, float, str]] = ()  # x1, y1, x2, y2, label
    ticks: Sequence[tuple[float, str]] = ()  # position, text (the years)


@dataclass(frozen=True)
class Step:
    """A waterfall row in kronor: from ``start`` by ``low`` (solid) and up to ``high`` (lighter)."""

    label: str
    full_label: str
    kind: str
    start: Decimal
    low: Decimal
    high: Decimal | None
    value: str
    grows: int = 1  # where an unbounded high points: +1 right, -1 left


def waterfall_steps(measures: Sequence[MeasureResult], totals: Totals, unit: Unit, names: dict[str, str],
                    decimals: int | None = None) -> list[Step]:
    """The rows of the waterfall, in kronor. ``names``: the words for target, remaining, surplus, total;
    ``decimals``: the report's."""
    direction = Decimal(-1) if totals.target is not None else Decimal(1)
    position = totals.target.total if totals.target is not None else Decimal(0)
    steps = []
    if totals.target is not None:
        steps.append(Step(names["target"], names["target"], "target", Decimal(0), position, position,
                          numbers.amount(position, unit, decimals)))
    for result in measures:
        if not result.counted or not result.effects or result.total == Range.exact(Decimal(0)):
            continue
        steps.append(_measure_step(result, position, direction, unit, decimals))
        position += direction * (result.total.low or Decimal(0))
    steps.append(_end_step(totals, unit, names, decimals))
    return steps


def _measure_step(result: MeasureResult, start: Decimal, direction: Decimal, unit: Unit,
                  decimals: int | None) -> Step:
    title = f"{numbers.clean(result.measure.id)} {numbers.clean(result.measure.title)}".strip()
    short = title  # wrapped (and shortened if need be) where it is drawn: see wrap()
    low = result.total.low or Decimal(0)
    high = result.total.high
    kind = "cost" if low < 0 else "saving"
    return Step(short, title, kind, start, direction * low, None if high is None else direction * high,
                numbers.span(result.total, unit, decimals), int(direction))


def _end_step(totals: Totals, unit: Unit, names: dict[str, str], decimals: int | None) -> Step:
    """The last row: the total without a target, else the period's net gap, drawn by the core's kind of it.

    Over per-year targets where a year falls short, the net is not the verdict: the row is named
    ``names["net"]`` and drawn as "net", in no verdict's colour.
    """
    if totals.gap is None:
        total = totals.total
        return Step(names["total"], names["total"], "total", Decimal(0), total.low or Decimal(0), total.high,
                    numbers.span(total, unit, decimals))
    gap = totals.gap.total  # solid: what is sure; lighter: the rest of the range
    kind = totals.gap.net_kind
    net = totals.gap.shortfall_decides
    zero = Decimal(0)
    if kind is GapKind.SHORT:
        assert gap.low is not None
        step = Step(names["remaining"], names["remaining"], "remaining", zero, gap.low, gap.high,
                    numbers.span(gap, unit, decimals))
    elif kind is GapKind.SURPLUS:
        assert gap.high is not None
        step = Step(names["surplus"], names["surplus"], "surplus", zero, gap.high, gap.low,
                    numbers.span(-gap, unit, decimals),
                    grows=-1)
    else:
        assert gap.high is not None  # the gap's high is the target minus the low total: always known
        far = None if gap.low is None else gap.low - gap.high
        step = Step(names["uncertain"], names["uncertain"], "uncertain", gap.high, zero, far,
                    names["uncertain_value"], grows=-1)
    if not net:
        return step
    name = names.get("net", names["total"])
    return Step(name, name, "net", step.start, step.low, step.high, names.get("net_value", step.value), step.grows)


def waterfall(steps: Sequence[Step]) -> Chart:
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
        bars.append(Bar(a, bar_y, max(b - a, 1.0), ROW - 8, step.kind, extra_start, extra_length,
                        " ".join(lines), step.full_label, step.value, lines, label_y))
        top += height
    return Chart(LABEL_WIDTH + BAR_WIDTH + value_width(steps), top + 8, bars, x(Decimal(0)))


#: Kinds whose label (and, for remaining and surplus, value) report.css.j2 sets in bold.
BOLD_LABELS = frozenset({"target", "total", "remaining", "surplus"})


def value_width(steps: Sequence[Step]) -> float:
    """The value column: the widest amount and a margin, never less than VALUE_WIDTH."""
    widest = max((text_width(s.value, bold=s.kind in BOLD_LABELS) for s in steps), default=0.0)
    return max(float(VALUE_WIDTH), widest + 16)


YEAR_WIDTH, PLOT_HEIGHT, TOP, BOTTOM = 90, 180, 24, 30


def per_year(totals: Totals, unit: Unit, decimals: int | None = None) -> Chart:
    """Vertical bars: each year's total, lighter up to its high; the year's target as a line (amounts with
    the report's ``decimals``)."""
    years = totals.years
    values = [totals.per_year[y] for y in years]
    targets = totals.target.years if totals.target is not None and totals.target.years is not None else {}
    points = [p for v in values for p in (v.low, v.high) if p is not None] + list(targets.values())
    low, high = min([Decimal(0), *points]), max([Decimal(0), *points])
    high += (high - low) * UNBOUNDED_ROOM if any(v.high is None for v in values) else 0
    span = float(high - low) or 1.0

    def y(value: Decimal) -> float:
        return TOP + (1 - float(value - low) / span) * PLOT_HEIGHT

    texts = [numbers.span(value, unit, decimals) for value in values]
    column = max([float(YEAR_WIDTH), *(text_width(t) + 14 for t in texts)])  # an amount never reaches the next
    bars, lines, ticks = [], [], []
    for index, (year, value, text) in enumerate(zip(years, values, texts)):
        left = 40 + index * column + column * 0.2
        top, bottom = sorted([y(value.low or Decimal(0)), y(Decimal(0))])
        far = TOP if value.high is None else y(value.high)
        extra = (far, top - far) if value.high != value.low else (0.0, 0.0)
        bars.append(Bar(left, top, column * 0.6, max(bottom - top, 1.0), "cost" if (value.low or 0) < 0 else "saving",
                        extra[0], max(extra[1], 0.0), str(year), str(year), text))
        ticks.append((left + column * 0.3, str(year)))
        if year in targets:
            target_y = y(targets[year])
            target = numbers.amount(targets[year], unit, decimals)
            lines.append((left - 6, target_y, left + column * 0.6 + 6, target_y, target))
    return Chart(40 + len(years) * column + 20, TOP + PLOT_HEIGHT + BOTTOM, bars, y(Decimal(0)), lines, ticks)


@dataclass(frozen=True)
class Comparison:
    """A row of the follow-up chart: the planned effect and the forecast in kronor, and how they are shown."""

    label: str
    full_label: str
    planned: Range
    forecast: Range
    planned_text: str
    forecast_text: str
    short: bool  # the forecast is below the plan: its bar is red


PAIR_ROW, PAIR_BAR = 30, 11


def planned_vs_forecast(rows: Sequence[Comparison], names: tuple[str, str]) -> Chart:
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
        bars.append(_pair_bar(row.planned, x, top, "planned", row.label, f"{row.full_label} – {names[0]}",
                              row.planned_text))
        bars.append(_pair_bar(row.forecast, x, top + PAIR_BAR + 1, "short" if row.short else "forecast", "",
                              f"{row.full_label} – {names[1]}", row.forecast_text))
    widest = max((text_width(t) for r in rows for t in (r.planned_text, r.forecast_text)), default=0.0)
    return Chart(LABEL_WIDTH + BAR_WIDTH + max(float(VALUE_WIDTH), widest + 16), len(rows) * PAIR_ROW + 8, bars,
                 x(Decimal(0)))


def _pair_bar(value: Range, x: Callable[[Decimal], float], top: float, kind: str, label: str, full_label: str,
              text: str) -> Bar:
    a, b = sorted([x(Decimal(0)), x(value.low or Decimal(0))])
    far = LABEL_WIDTH + BAR_WIDTH if value.high is None else x(value.high)
    extra = (b, max(far - b, 0.0)) if value.high != value.low else (0.0, 0.0)
    return Bar(a, top, max(b - a, 1.0), PAIR_BAR, kind, extra[0], extra[1], label, full_label, text)


def short_label(identifier: str, title: str) -> tuple[str, str]:
    """A measure's chart label on one line, shortened with "…" to fit, and its full text for the tooltip."""
    full = f"{numbers.clean(identifier)} {numbers.clean(title)}".strip()
    return wrap(full, lines=1)[0], full


# --- text that fits ---------------------------------------------------------------------------

_NARROW = frozenset(" .,:;'!|()[]{}/-–ijlftrI1")
_WIDE = frozenset("mwMW@%&—…")
_LATIN = frozenset("åäöéèüæøÅÄÖÉÈÜÆØ")


def text_width(text: str, bold: bool = False) -> float:
    """An estimate of ``text``'s width in the charts' font, on the generous side (DejaVu Sans, the widest
    common fallback, is narrower for every character): so text estimated to fit does fit."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            em = 0.45
        elif char in _WIDE:
            em = 1.05
        elif char.isascii() or char in _LATIN:
            em = 0.82 if char.isupper() else 0.68
        else:
            em = 1.15  # other scripts, symbols, emoji
        width += em * FONT_SIZE
    return width * (BOLD if bold else 1.0)


def wrap(text: str, room: float = LABEL_ROOM, lines: int = LABEL_LINES, bold: bool = False) -> tuple[str, ...]:
    """``text`` on at most ``lines`` lines of at most ``room`` wide: broken between words (a word too long
    for a line is cut), the last line shortened with "…" when the text does not fit."""
    out: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, bold) <= room:
            current = candidate
            continue
        if current:
            out.append(current)
        while text_width(word, bold) > room:
            cut = _prefix(word, room, bold)
            out.append(cut)
            word = word[len(cut):]
        current = word
    if current:
        out.append(current)
    if len(out) > lines:
        rest = " ".join(out[lines - 1:])
        out = out[:lines - 1] + [_prefix(rest, room - text_width("…", bold), bold).rstrip() + "…"]
    return tuple(out) or ("",)


def _prefix(text: str, room: float, bold: bool) -> str:
    """The longest start of ``text`` (at least one character) that fits in ``room``."""
    end = 1
    while end < len(text) and text_width(text[:end + 1], bold) <= room:
        end += 1
    return text[:end]
