"""What the report's charts show, in kronor: the builder's side of a chart (:class:`~budgetbalans.report.model.Chart`).

Two charts for summarize, both from a :class:`~budgetbalans.core.summary.Totals` and its measures,
and one for follow-up:

- a waterfall, one row per counted measure with an effect: from the sparbeting, each
  measure's effect takes the remaining gap down, ending at what remains (the core's net gap) or
  a surplus, drawn by the core's kind of it; over per-year targets where a year falls short,
  the end is named the net for the period, in no verdict's colour. Without a target it starts
  at 0 and ends at the total. A range is drawn solid to its low bound and lighter to its high
  (an unbounded high reaches past every known figure).
- bars per year: the year's total (lighter part up to the high bound), and the year's target
  as a line where the plan gives one.
- follow-up: per measure, its planned effect and its forecast side by side (the forecast red
  where it is below the plan), from :class:`~budgetbalans.core.followup.FollowUp`'s lines.
- the organisation tree (``summarize`` and ``gap`` with a ``budgetbalans.yaml``): a bar per node, down to
  ``--level``, from the :class:`~budgetbalans.core.organisation.Rollup`: what of its target is covered and
  what is still to save (its shortfall, never netted), on one scale in kronor; the words beside each bar
  are its row's in the table (the verdict, "ingen plan"), so no colour stands alone.

Every amount shown as text is the core's exact figure, formatted by :mod:`budgetbalans.plan.notation`;
where each bar goes on the page is the writer's (:mod:`budgetbalans.report.writers.svg`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Sequence

from budgetbalans.core.gap import GapKind
from budgetbalans.core.summary import MeasureResult, Totals
from budgetbalans.i18n import template
from budgetbalans.plan.money import ZERO, Range, Unit
from budgetbalans.plan import notation
from budgetbalans.report.builders.labels import label
from budgetbalans.report.model import (
    BarKind, Cell, Chart, ChartKind, NodeBar, Segment, Step, Tone, YearBar,
)
from budgetbalans.report.options import View

if TYPE_CHECKING:
    from budgetbalans.core.organisation import NodeResult  # a tree's charts only

LABELS = (
    template("label.organisation_chart", "Täckt och kvar att spara per del",
             "Covered and still to save, part by part"),
    template("label.covered", "Täckt", "Covered"),
    template("label.covered_or_remaining", "Täckt eller kvar att spara (ett intervall: ljusare)",
             "Covered or still to save (a range: lighter)"),
    template("label.may_remain", "Kanske kvar att spara (ett intervall: ljusare)",
             "Perhaps still to save (a range: lighter)"),
    template("label.surplus_mark", "Överskott: sparbetinget är täckt", "Surplus: the target is covered"),
    template("label.organisation_chart_note",
             "Varje stapel är delens sparbeting: den täckta delen och det som är kvar att spara, aldrig "
             "minskat med en annan dels eller ett annat års överskott (som tabellen). Alla staplar i samma "
             "skala, belopp i {unit}.",
             "Each bar is the part's savings target: what is covered and what is still to save, never reduced "
             "by another part's or another year's surplus (as in the table). Every bar on one scale, "
             "amounts in {unit}."),
)

#: The mark beside a bar whose node has a surplus (drawn as covered): its words are in the chart's keys.
SURPLUS_MARK = "+"

def waterfall_steps(measures: Sequence[MeasureResult], totals: Totals, unit: Unit, names: dict[str, str],
                    decimals: int | None = None) -> list[Step]:
    """The rows of the waterfall, in kronor. ``names``: the words for target, remaining, surplus, total;
    ``decimals``: the report's."""
    direction = Decimal(-1) if totals.target is not None else Decimal(1)
    position = totals.target.total if totals.target is not None else Decimal(0)
    steps = []
    if totals.target is not None:
        steps.append(Step(names["target"], BarKind.TARGET, Decimal(0), position, position,
                          notation.amount(position, unit, decimals)))
    for result in measures:
        if not result.counted or not result.effects or result.total == Range.exact(Decimal(0)):
            continue
        steps.append(_measure_step(result, position, direction, unit, decimals))
        position += direction * (result.total.low or Decimal(0))
    steps.append(_end_step(totals, unit, names, decimals))
    return steps


def _measure_step(result: MeasureResult, start: Decimal, direction: Decimal, unit: Unit,
                  decimals: int | None) -> Step:
    title = measure_label(result.measure.id, result.measure.title)  # wrapped where it is drawn
    low = result.total.low or Decimal(0)
    high = result.total.high
    kind = BarKind.COST if low < 0 else BarKind.SAVING
    return Step(title, kind, start, direction * low, None if high is None else direction * high,
                notation.span(result.total, unit, decimals), int(direction))


def _end_step(totals: Totals, unit: Unit, names: dict[str, str], decimals: int | None) -> Step:
    """The last row: the total without a target, else the period's net gap, drawn by the core's kind of it.

    Over per-year targets where a year falls short, the net is not the verdict: the row is named
    ``names["net"]`` and drawn as :attr:`BarKind.NET`, in no verdict's colour.
    """
    if totals.gap is None:
        total = totals.total
        return Step(names["total"], BarKind.TOTAL, Decimal(0), total.low or Decimal(0), total.high,
                    notation.span(total, unit, decimals))
    gap = totals.gap.total  # solid: what is sure; lighter: the rest of the range
    kind = totals.gap.net_kind
    net = totals.gap.shortfall_decides
    zero = Decimal(0)
    if kind is GapKind.SHORT:
        assert gap.low is not None
        step = Step(names["remaining"], BarKind.REMAINING, zero, gap.low, gap.high,
                    notation.span(gap, unit, decimals))
    elif kind is GapKind.SURPLUS:
        assert gap.high is not None
        step = Step(names["surplus"], BarKind.SURPLUS, zero, gap.high, gap.low,
                    notation.span(-gap, unit, decimals),
                    grows=-1)
    else:
        assert gap.high is not None  # the gap's high is the target minus the low total: always known
        far = None if gap.low is None else gap.low - gap.high
        step = Step(names["uncertain"], BarKind.UNCERTAIN, gap.high, zero, far,
                    names["uncertain_value"], grows=-1)
    if not net:
        return step
    name = names.get("net", names["total"])
    return Step(name, BarKind.NET, step.start, step.low, step.high, names.get("net_value", step.value), step.grows)


def year_bars(totals: Totals, unit: Unit, decimals: int | None = None) -> tuple[YearBar, ...]:
    """Each year's total and its target, where the plan gives one (amounts with the report's ``decimals``)."""
    targets = totals.target.years if totals.target is not None and totals.target.years is not None else {}
    bars = []
    for year in totals.years:
        value = totals.per_year[year]
        target = targets.get(year)
        bars.append(YearBar(year, value, notation.span(value, unit, decimals),
                            BarKind.COST if (value.low or 0) < 0 else BarKind.SAVING, target,
                            "" if target is None else notation.amount(target, unit, decimals)))
    return tuple(bars)


def measure_label(identifier: str, title: str) -> str:
    """A measure's label in a chart: its number and title (shortened to fit where it is drawn)."""
    return f"{notation.clean(identifier)} {notation.clean(title)}".strip()


def organisation_chart(nodes: Sequence[NodeResult], verdicts: Sequence[Cell], view: View) -> Chart:
    """A bar per node of ``nodes`` (those the table shows, in its order); ``verdicts``: each node's verdict
    as its row in the table words it (the cell *Kvar att spara / Överskott*, its tone the core's verdict)."""
    lang = view.lang
    bars = tuple(node_bar(node, verdict, view) for node, verdict in zip(nodes, verdicts))
    used = {(segment.tone, segment.lighter) for bar in bars for segment in bar.segments}
    keys = ((Tone.GOOD, False, label("covered", lang)), (Tone.UNCERTAIN, True, label("covered_or_remaining", lang)),
            (Tone.BAD, False, label("remaining", lang)), (Tone.BAD, True, label("may_remain", lang)))
    marks = ((Tone.NEUTRAL, False, f"{SURPLUS_MARK} {label('surplus_mark', lang)}"),) if any(b.mark for b in bars) else ()
    return Chart(ChartKind.ORGANISATION, label("organisation_chart", lang),
                 label("organisation_chart_note", lang, unit=view.unit.value), nodes=bars,
                 keys=(*(key for key in keys if key[:2] in used), *marks))


def node_bar(node: NodeResult, verdict: Cell, view: View) -> NodeBar:
    """A node's bar: its segments, and its words: covered, its verdict, "ingen plan"."""
    name = notation.clean(node.organisation)
    if node.target is None or node.gap is None:
        return NodeBar(name, node.depth, (), label("no_target", view.lang))
    covered = covered_part(node.target.total, node.gap.shortfall)
    words = [f"{label('covered', view.lang).lower()} {view.span(covered)}", verdict.text]
    words += [label("no_plan", view.lang)] if node.no_plan else []
    return NodeBar(name, node.depth, node_segments(node.target.total, node.gap.shortfall), " · ".join(words),
                   verdict.tone, SURPLUS_MARK if node.gap.kind is GapKind.SURPLUS else "")


def covered_part(target: Decimal, shortfall: Range) -> Range:
    """What of ``target`` is covered, answering for itself: target − shortfall bound by bound, from 0 to the
    target. Where a part's (or a year's) surplus would cover another's shortfall it covers nothing here, so
    the covered part and what is still to save add up to the target (the total up to the target, where no
    surplus is set against a shortfall)."""
    target = max(target, ZERO)
    low = ZERO if shortfall.high is None else max(target - shortfall.high, ZERO)
    return Range(low, max(target - (shortfall.low or ZERO), ZERO))


def node_segments(target: Decimal, shortfall: Range) -> tuple[Segment, ...]:
    """A node's bar in kronor, from 0: covered (solid to its low bound), the range either covered or still to
    save (lighter), still to save surely (solid), and what may be still to save beyond the target (lighter;
    unbounded where the shortfall is). Zero-length segments are left out."""
    covered = covered_part(target, shortfall)
    assert covered.low is not None and covered.high is not None
    sure = shortfall.low or ZERO
    beyond = None if shortfall.high is None else covered.low + shortfall.high - covered.high - sure
    segments = (Segment(Tone.GOOD, ZERO, covered.low), Segment(Tone.UNCERTAIN, covered.low,
                                                                covered.high - covered.low, lighter=True),
                Segment(Tone.BAD, covered.high, sure), Segment(Tone.BAD, covered.high + sure, beyond, lighter=True))
    return tuple(segment for segment in segments if segment.length is None or segment.length > 0)
