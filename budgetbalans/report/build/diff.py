"""Builder of ``diff``: a :class:`~budgetbalans.core.diff.PlanDiff` as a
:class:`~budgetbalans.report.model.Document`, for every writer (terminal, Markdown, HTML, CSV, xlsx).

One section: the key figures (total, verdict and measures before → after), then

- *Per år* (per year): a column per year and one for the period; rows Summa before, after and the
  change, the sparbeting (before and after where it changed), the gap before and after worded by
  the core's kinds, the change of what is still to save, and the verdict in words ("från överskott
  till kvar att spara"); its notes say which years newly fall short, in words;
- *Åtgärder* (measures): each measure added, removed or changed, with what changed (status
  pågår → avbruten) and its counted effect per year before → after; the unchanged are counted in a note;
- *Planer* (plans): where several plans are compared, first, each plan on its own (its target,
  what it still has to save before and after, and in words each plan whose shortfall grows), as
  each answers for its own balance; else where a plan was added, removed or renamed.

These are for a reader (Audience.TEXT). CSV and xlsx get the same as numbers (Audience.NUMBERS,
:func:`numbers_table`): a row per measure with its counted effect before, after and the change per
year and for the period, what happened in words, then the totals the same way and each verdict on
a row of its own in words; no cell mixes a word and a figure.

Every word is here; every tone comes from the core's kinds and from whether the shortfall grows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Sequence

from budgetbalans import __version__
from budgetbalans.core.summary import Gap, GapKind, Totals
from budgetbalans.core.diff import (
    Change, Comparison, MeasureChange, PlanChange, PlanDiff, Trend, TotalsChange, change_of, counted_effects,
)
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range
from budgetbalans.plan import notation as numbers
from budgetbalans.report.build.summary import TONE, plan_heading
from budgetbalans.report.build.labels import count_label, label, status_word, worded
from budgetbalans.plan.models import Status
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Figure, Legend, Note, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.build.wording import (
    View, gap_words, period_verdict, shown_paths, totals_amounts, verdict_words, with_decimals,
)

_WORDS: dict[str, tuple[str, str]] = {
    "title": ("Ändringar i planerna", "Changes to the plans"),
    "against": ("Jämfört med {base}", "Compared with {base}"),
    "old_new": ("{old} → {new}", "{old} → {new}"),
    "per_year": ("Per år", "Per year"),
    "total_before": ("Summa före", "Total before"),
    "total_after": ("Summa efter", "Total after"),
    "total_change": ("Ändring av summan", "Change of the total"),
    "target_before": ("Sparbeting före", "Savings target before"),
    "target_after": ("Sparbeting efter", "Savings target after"),
    "target_change": ("Ändring av sparbetinget", "Change of the savings target"),
    "gap_before": ("Kvar/överskott före", "Gap before"),
    "gap_after": ("Kvar/överskott efter", "Gap after"),
    "shortfall_change": ("Ändring av kvar att spara", "Change of still to save"),
    "verdict": ("Besked", "Verdict"),
    "from_to": ("från {before} till {after}", "from {before} to {after}"),
    "kind_short": ("kvar att spara", "still to save"),
    "kind_surplus": ("överskott", "surplus"),
    "kind_uncertain": ("osäkert", "uncertain"),
    "kind_none": ("inget sparbeting", "no savings target"),
    "unchanged": ("oförändrat", "unchanged"),
    "more_short": ("mer kvar att spara", "more still to save"),
    "less_short": ("mindre kvar att spara", "less still to save"),
    "less_surplus": ("mindre överskott", "smaller surplus"),
    "more_surplus": ("större överskott", "larger surplus"),
    "worse": ("sämre", "worse"),
    "better": ("bättre", "better"),
    "mixed": ("ändrat spann", "range changed"),
    "measures": ("Åtgärder", "Measures"),
    "plans": ("Planer", "Plans"),
    "plan": ("Plan", "Plan"),
    "change": ("Ändring", "Change"),
    "what": ("Vad", "What"),
    "added": ("tillagd", "added"),  # one measure's or plan's change; counted: labels.count_label
    "removed": ("borttagen", "removed"),
    "changed": ("ändrad", "changed"),
    "renamed": ("nytt filnamn (var {old})", "renamed (was {old})"),
    "plan_unchanged": ("oförändrad", "unchanged"),
    "no_changes": ("Inga ändringar i åtgärderna.", "No changes to the measures."),
    "measures_figure": ("Åtgärder", "Measures"),
    "newly_short": ("{when} går från {before} till kvar att spara: {amount} {unit} fattas",
                    "{when} goes from {before} to still to save: {amount} {unit} missing"),
    "grows": ("{when}: kvar att spara ökar med {amount} {unit}", "{when}: still to save grows by {amount} {unit}"),
    "covered": ("{when} går från {before} till täckt", "{when} goes from {before} to covered"),
    "shrinks": ("{when}: kvar att spara minskar med {amount} {unit}",
                "{when}: still to save shrinks by {amount} {unit}"),
    "period_when": ("Hela perioden", "The whole period"),
    "to": ("till", "to"),
    "effects_note": ("Effekt per år: före → efter, så som den räknas in (en avbruten åtgärd räknas inte).",
                     "Effect per year: before → after, as it counts (a cancelled measure does not count)."),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "field_title": ("titel", "title"),
    "field_area": ("område", "area"),
    "field_status": ("status", "status"),
    "field_responsible": ("ansvarig", "responsible"),
    "field_schedule": ("tidplan", "schedule"),
    "field_follow_up": ("uppföljning", "follow-up"),
    "field_note": ("kommentar", "note"),
    "field_potential": ("möjlig effekt", "possible effect"),
    "field_effects": ("effekter", "effects"),
    "field_class": ("intervall", "class"),
    "field_forecast": ("prognos", "forecast"),
    "field_outcome": ("utfall", "outcome"),
    "field_organisation": ("organisation", "organisation"),
    "field_unit": ("enhet", "unit"),
    "field_years": ("år", "years"),
    "field_target": ("sparbeting", "savings target"),
    "side_before": ("{what} före", "{what} before"),
    "side_after": ("{what} efter", "{what} after"),
    "side_change": ("{what} ändring", "{what} change"),
    "shortfall": ("Kvar att spara (det som fattas, aldrig under 0)", "Still to save (what is missing, never below 0)"),
    "verdict_of": ("Besked {when}", "Verdict for {when}"),
}
#: Fields whose before → after a measure's row shows in words (effects have their own columns).
_SHOWN_VALUES = ("title", "status", "responsible", "schedule", "area", "class", "potential")


def diff_amounts(diff: PlanDiff) -> list[Decimal | None]:
    """Every amount a report of ``diff`` shows: of all plans and of each, per year and for the period,
    the totals, targets, gaps and shortfalls before and after and their changes; each changed
    measure's effects before and after and the change of its total."""
    values: list[Decimal | None] = []
    ranges: list[Range | None] = []
    for totals in (diff.totals, *(plan.totals for plan in diff.plans)):
        for c in (*totals.years, totals.period):
            values += [c.target_before, c.target_after, c.target_change]
            ranges += [c.total_before, c.total_after, c.total_change, c.gap_before, c.gap_after, c.gap_change,
                       c.shortfall_after, c.shortfall_change]
    for side in (diff.before, diff.after, *(p.before for p in diff.plans), *(p.after for p in diff.plans)):
        values += totals_amounts(side.totals) if side is not None else []
    for change in diff.measures:
        ranges += [change.total_change, *(effect for pair in change.effects.values() for effect in pair)]
    return values + [end for value in ranges if value is not None for end in (value.low, value.high)]


def word(key: str, lang: Lang, **values: object) -> str:
    return worded(_WORDS[key], lang, **values) if key in _WORDS else label(key, lang, **values)


def signed(value: Range | None, view: View) -> str:
    """A change: ``+100``, ``-400``, ``0``, a range ``+100 till +300``; an unbounded end ``obegränsat``."""
    if value is None:
        return ""

    def one(end: Decimal | None) -> str:
        if end is None:
            return label("unbounded", view.lang)
        text = view.amount(end)
        return text if end <= 0 else f"+{text}"

    low, high = one(value.low), one(value.high)
    return low if low == high else f"{low} {word('to', view.lang)} {high}"


def _kind_word(kind: GapKind | None, lang: Lang) -> str:
    return word("kind_none" if kind is None else f"kind_{kind.value}", lang)


def _gap_words(gap: Range | None, kind: GapKind | None, view: View) -> Cell:
    if gap is None or kind is None:
        return EMPTY
    return Cell(gap_words(gap, kind, view), gap, TONE[kind])


def _period_words(gap: Gap | None, view: View, unit: str = "") -> Cell:
    """The period's verdict as every report words it (:func:`~budgetbalans.report.build.wording.period_verdict`): over
    per-year targets where a year falls short, what is still to save and the years ("200 (2026)");
    ``unit`` after each amount."""
    if gap is None:
        return EMPTY
    text = verdict_words(*period_verdict(gap, view, unit), gap.kind)
    return Cell(text, gap.shown, TONE[gap.kind])


def _side_words(comparison: Comparison, totals: Totals | None, after: bool, view: View) -> Cell:
    if comparison.year is None:
        return _period_words(None if totals is None else totals.gap, view)
    kind = comparison.kind_after if after else comparison.kind_before
    gap = None if totals is None else totals.gap
    if gap is None or gap.years is None or comparison.year not in gap.years:
        return _gap_words(comparison.gap_after if after else comparison.gap_before, kind, view)
    return _gap_words(gap.year_shown(comparison.year), kind, view)  # over several plans: never a net


def verdict(comparison: Comparison, view: View) -> Cell:
    """The change in words: a change of kind named ("från överskott till kvar att spara"), else which way
    the gap moved; bad where the shortfall grows, good where it shrinks or the year is now covered."""
    c, lang = comparison, view.lang
    if c.kind_before is None and c.kind_after is None:
        return EMPTY
    tone = (Tone.BAD if c.shortfall_grows or c.newly_short
            else Tone.GOOD if c.shortfall_shrinks or c.now_covered or c.trend is Trend.BETTER else Tone.NEUTRAL)
    if c.kind_before is not c.kind_after:
        return Cell(word("from_to", lang, before=_kind_word(c.kind_before, lang), after=_kind_word(c.kind_after, lang)),
                    c.gap_change, tone)
    moved = c.trend
    if moved is Trend.UNCHANGED or moved is None:
        return Cell(word("unchanged", lang), c.gap_change, tone)
    if moved is Trend.MIXED:
        return Cell(word("mixed", lang), c.gap_change, tone)
    words: dict[tuple[Trend, GapKind | None], str] = {
        (Trend.WORSE, GapKind.SHORT): "more_short", (Trend.BETTER, GapKind.SHORT): "less_short",
        (Trend.WORSE, GapKind.SURPLUS): "less_surplus", (Trend.BETTER, GapKind.SURPLUS): "more_surplus"}
    key = words.get((moved, c.kind_after), moved.value)
    return Cell(word(key, lang), c.gap_change, tone)


def _amount(value: Range | None, view: View, tone: Tone = Tone.NEUTRAL) -> Cell:
    return EMPTY if value is None else Cell(view.span(value), value, tone)


def _exact(value: Decimal | None, view: View) -> Cell:
    return EMPTY if value is None else Cell(view.amount(value), Range.exact(value))


def _change(value: Range | None, view: View, tone: Tone = Tone.NEUTRAL) -> Cell:
    return EMPTY if value is None else Cell(signed(value, view), value, tone)


def _amount_column(key: str, name: str, view: View) -> Column:
    unit = view.unit.value
    return Column(key, name, ColumnKind.AMOUNT, f"{name} ({unit})",
                  (f"{name} {label('low', view.lang)} ({unit})", f"{name} {label('high', view.lang)} ({unit})"))


def years_table(totals: TotalsChange, view: View, before: Totals | None = None,
                after: Totals | None = None) -> Table:
    """Per year and for the period: the totals, the target, the gap and the verdict, before and after."""
    lang = view.lang
    comparisons = [*totals.years, totals.period]
    keys = [str(c.year) if c.year is not None else "period" for c in comparisons]
    columns = (Column("name", "", ColumnKind.NAME, wide=True),
               *(_amount_column(key, key if key != "period" else label("period", lang), view) for key in keys))

    def row(kind: RowKind, name: str, cells: Sequence[Cell], tone: Tone = Tone.NEUTRAL) -> Row:
        return Row(kind, (Cell(name), *cells), tone)

    rows = [row(RowKind.GROUP, word("total_before", lang), [_amount(c.total_before, view) for c in comparisons]),
            row(RowKind.GROUP, word("total_after", lang), [_amount(c.total_after, view) for c in comparisons]),
            row(RowKind.TOTAL, word("total_change", lang), [_change(c.total_change, view) for c in comparisons])]
    if any(c.target_changed for c in comparisons):
        rows += [row(RowKind.TARGET, word("target_before", lang), [_exact(c.target_before, view) for c in comparisons]),
                 row(RowKind.TARGET, word("target_after", lang), [_exact(c.target_after, view) for c in comparisons]),
                 row(RowKind.TARGET, word("target_change", lang),
                     [Cell(signed(Range.exact(c.target_change), view), Range.exact(c.target_change))
                      if c.target_change is not None else EMPTY for c in comparisons])]
    elif any(c.target_after is not None for c in comparisons):
        rows.append(row(RowKind.TARGET, label("target", lang), [_exact(c.target_after, view) for c in comparisons]))
    if any(c.gap_before is not None or c.gap_after is not None for c in comparisons):
        rows += [row(RowKind.GAP, word("gap_before", lang), [_side_words(c, before, False, view) for c in comparisons]),
                 row(RowKind.GAP, word("gap_after", lang), [_side_words(c, after, True, view) for c in comparisons]),
                 row(RowKind.SHORTFALL, word("shortfall_change", lang),
                     [_change(c.shortfall_change, view, _shortfall_tone(c)) for c in comparisons]),
                 row(RowKind.NET, word("verdict", lang), [verdict(c, view) for c in comparisons])]
    else:
        rows.append(row(RowKind.TARGET, f"{label('target', lang)}: {label('no_target', lang)}",
                        [EMPTY for _ in comparisons]))
    notes = tuple(note for _, note in headline_notes(totals, view))
    return Table("years", word("per_year", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 notes, name=word("per_year", lang))


def _shortfall_tone(c: Comparison) -> Tone:
    return Tone.BAD if c.shortfall_grows else Tone.GOOD if c.shortfall_shrinks else Tone.NEUTRAL


def _when(c: Comparison, lang: Lang) -> str:
    return str(c.year) if c.year is not None else word("period_when", lang)


def headline_notes(totals: TotalsChange, view: View) -> list[tuple[Comparison, Note]]:
    """In words: each year (and, with a target for the period only, the period) that newly falls short, or
    whose shortfall grows, or that is now covered, or whose shortfall shrinks; with the comparison it is of."""
    lang, unit = view.lang, view.unit.value
    notes: list[tuple[Comparison, Note]] = []
    comparisons = [*totals.years] + ([totals.period] if not totals.years or all(
        c.kind_before is None and c.kind_after is None for c in totals.years) else [])
    for c in comparisons:
        amount = view.span(c.shortfall_after) if c.shortfall_after is not None else ""
        if c.newly_short:
            notes.append((c, Note(word("newly_short", lang, when=_when(c, lang), before=_kind_word(c.kind_before, lang),
                                       amount=amount, unit=unit), Tone.BAD)))
        elif c.shortfall_grows and c.shortfall_change is not None:
            notes.append((c, Note(word("grows", lang, when=_when(c, lang),
                                       amount=signed(c.shortfall_change, view).lstrip("+"), unit=unit), Tone.BAD)))
        elif c.now_covered:
            notes.append((c, Note(word("covered", lang, when=_when(c, lang), before=_kind_word(c.kind_before, lang)),
                                  Tone.GOOD)))
        elif c.shortfall_shrinks and c.shortfall_change is not None:
            notes.append((c, Note(word("shrinks", lang, when=_when(c, lang),
                                       amount=signed(-c.shortfall_change, view).lstrip("+"), unit=unit), Tone.GOOD)))
    return notes


def _value_text(change: MeasureChange, name: str, side: object, lang: Lang) -> str:
    value = change.value(name, side)  # type: ignore[arg-type]
    if value is None:
        return "–"
    if name == "status":
        return status_word(Status(value), lang)
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    return numbers.clean(str(value))


def what_changed(change: MeasureChange, lang: Lang) -> str:
    """The fields that changed; title, status, responsible, schedule, area, class with before → after."""
    parts = []
    for name in change.fields:
        if name in _SHOWN_VALUES:
            parts.append(f"{word(f'field_{name}', lang)}: {_value_text(change, name, change.before, lang)} → "
                         f"{_value_text(change, name, change.after, lang)}")
        else:
            parts.append(word(f"field_{name}", lang))
    return "; ".join(parts)


def measures_table(diff: PlanDiff, view: View) -> Table:
    lang = view.lang
    years = sorted({year for change in diff.measures for year in change.effects}
                   | {c.year for c in diff.totals.years if c.year is not None})
    several = len({change.plan_path for change in diff.measures}) > 1 or len(diff.plans) > 1
    columns = ([Column("plan", word("plan", lang))] if several else []) + [
        Column("id", label("id", lang)), Column("measure", label("measure", lang), ColumnKind.NAME, wide=True),
        Column("change", word("change", lang)), Column("what", word("what", lang)),
        *(_amount_column(str(year), str(year), view) for year in years),
        _amount_column("total", word("change", lang), view)]
    rows = []
    for change in diff.measures:
        cells: list[Cell] = [Cell(view.path(change.plan_path))] if several else []
        cells += [Cell(numbers.clean(change.id)), Cell(numbers.clean(change.title)),
                  Cell(word(change.change.value, lang)), Cell(what_changed(change, lang))]
        for year in years:
            if year in change.effects:
                before, after = change.effects[year]
                text = f"{'–' if before is None else view.span(before)} → " \
                       f"{'–' if after is None else view.span(after)}"
                cells.append(Cell(text, (after or Range.exact(Decimal(0))).minus_bounds(before or Range.exact(Decimal(0)))))
            else:
                cells.append(EMPTY)
        cells.append(_change(change.total_change, view))
        rows.append(Row(RowKind.MEASURE, tuple(cells)))
    notes = [Note(word("effects_note", lang))] if rows else [Note(word("no_changes", lang))]
    if diff.unchanged:
        notes.append(Note(count_label("unchanged_note", diff.unchanged, lang)))
    return Table("measures", word("measures", lang), tuple(columns), tuple(rows), label("unit", lang, unit=view.unit.value),
                 tuple(notes), name=word("measures", lang), head=3 if several else 2)


# --- for a spreadsheet: before, after and change as numbers, the verdicts in words ----------------------


def numbers_table(diff: PlanDiff, view: View) -> Table:
    """The diff for CSV and xlsx: a row per measure of every plan (the unchanged too, so that the
    columns add up to the totals) with its plan, id, title, what happened in words and, for each year
    and the period, its counted effect before, after and the change as numbers (empty where it counts
    nothing); with several plans each plan's total; then Summa, the sparbeting, the gap signed, what is
    still to save, and each year's verdict in words. No cell holds both a word and a figure."""
    lang, comparisons = view.lang, [*diff.totals.years, diff.totals.period]
    keys = [_side_key(c) for c in comparisons]
    columns = [Column("plan", word("plan", lang)), Column("id", label("id", lang)),
               Column("measure", label("measure", lang), ColumnKind.NAME, wide=True),
               Column("change", word("change", lang)), Column("what", word("what", lang))]
    for key, c in zip(keys, comparisons):
        when = _when(c, lang)
        columns += [_amount_column(f"{key}:{side}", word(f"side_{side}", lang, what=when), view)
                    for side in ("before", "after", "change")]
    rows: list[Row] = []
    measures: list[int] = []
    for plan in diff.plans:
        own = _plan_measure_rows(plan, keys, view)
        measures += range(len(rows), len(rows) + len(own))
        rows += own
        if len(diff.plans) > 1:
            rows.append(_plan_total_row(plan, keys, tuple(range(len(rows) - len(own), len(rows))), view))
            rows += _plan_balance_rows(plan, keys, view)
    rows += _numbers_totals(diff.totals, keys, tuple(measures), len(rows), view, several=len(diff.plans) > 1)
    several = len(diff.plans) > 1
    name = label("all_plans", lang) if several else view.path(diff.plans[0].path) if diff.plans else ""
    notes = tuple(note for _, note in headline_notes(diff.totals, view))
    return Table("numbers", word("title", lang), tuple(columns), tuple(rows),
                 label("unit", lang, unit=view.unit.value), notes, name=name, head=3, audience=Audience.NUMBERS)


def _side_key(c: Comparison) -> str:
    return str(c.year) if c.year is not None else "period"


def _sides(before: Range | None, after: Range | None, view: View) -> tuple[Cell, Cell, Cell]:
    """Before, after and after − before as amounts; the change empty where neither side has a figure."""
    change = None if before is None and after is None else change_of(before or Range.exact(Decimal(0)),
                                                                      after or Range.exact(Decimal(0)))
    return _amount(before, view), _amount(after, view), _amount(change, view)


def _side_cells(keys: Sequence[str], sides: Sequence[tuple[Cell, Cell, Cell]]) -> list[Cell]:
    return [cell for _, three in zip(keys, sides) for cell in three]


def _plan_measure_rows(plan: PlanChange, keys: Sequence[str], view: View) -> list[Row]:
    """A row per measure of the plan, in its old order and then the added, each with its words."""
    changes = {change.id: change for change in plan.measures}
    old = {} if plan.before is None else {m.measure.id: m for m in plan.before.measures}
    new = {} if plan.after is None else {m.measure.id: m for m in plan.after.measures}
    rows = []
    for key in [*old, *(k for k in new if k not in old)]:
        change = changes.get(key) or MeasureChange(Change.UNCHANGED, old.get(key), new.get(key), (), {})
        rows.append(_numbers_measure_row(plan, change, keys, view))
    return rows


def _numbers_measure_row(plan: PlanChange, change: MeasureChange, keys: Sequence[str], view: View) -> Row:
    lang = view.lang
    before, after = counted_effects(change.before), counted_effects(change.after)
    years = [int(key) for key in keys[:-1]]
    sides = [_sides(before.get(year), after.get(year), view) for year in years]
    totals = [None if not side or not side.counted else side.total for side in (change.before, change.after)]
    sides.append(_sides(totals[0], totals[1], view))
    what = word("plan_unchanged" if change.change is Change.UNCHANGED else change.change.value, lang)
    cells = [Cell(view.path(plan.path)), Cell(numbers.clean(change.id)), Cell(numbers.clean(change.title)),
             Cell(what), Cell(what_changed(change, lang))]
    return Row(RowKind.MEASURE, tuple(cells + _side_cells(keys, sides)))


def _plan_total_row(plan: PlanChange, keys: Sequence[str], sums: tuple[int, ...], view: View) -> Row:
    """A plan's total before, after and the change, adding up its measures' rows."""
    sides = [_sides(c.total_before if plan.before else None, c.total_after if plan.after else None, view)
             for c in (*plan.totals.years, plan.totals.period)]
    by_key = dict(zip([_side_key(c) for c in (*plan.totals.years, plan.totals.period)], sides))
    cells = [Cell(view.path(plan.path)), EMPTY, Cell(f"{label('total', view.lang)}: {plan_heading(plan.plan)}"),
             Cell(_plan_change(plan, view)), EMPTY]
    return Row(RowKind.GROUP, tuple(cells + _side_cells(keys, [by_key.get(k, (EMPTY,) * 3) for k in keys])),
               sums=sums)


def _plan_balance_rows(plan: PlanChange, keys: Sequence[str], view: View) -> list[Row]:
    """Over several plans, each plan's own sparbeting and what it still has to save, before and after:
    each plan answers for its own balance."""
    lang, heading = view.lang, plan_heading(plan.plan)
    comparisons = {_side_key(c): c for c in (*plan.totals.years, plan.totals.period)}

    def row(kind: RowKind, name: str, sides: dict[str, tuple[Cell, Cell, Cell]]) -> Row:
        cells = _side_cells(keys, [sides.get(k, (EMPTY,) * 3) for k in keys])
        return Row(kind, tuple([Cell(view.path(plan.path)), EMPTY, Cell(f"{name}: {heading}"), EMPTY, EMPTY] + cells))

    def exact(value: Decimal | None) -> Range | None:
        return None if value is None else Range.exact(value)

    targets = {k: _sides(exact(c.target_before), exact(c.target_after), view) for k, c in comparisons.items()
               if c.target_before is not None or c.target_after is not None}
    shortfalls = {k: _sides(c.shortfall_before, c.shortfall_after, view) for k, c in comparisons.items()
                  if c.shortfall_before is not None or c.shortfall_after is not None}
    return ([row(RowKind.TARGET, label("target", lang), targets)] if targets else []) + (
        [row(RowKind.SHORTFALL, word("shortfall", lang), shortfalls)] if shortfalls else [])


def _numbers_totals(totals: TotalsChange, keys: Sequence[str], measures: tuple[int, ...], first: int,
                    view: View, several: bool = False) -> list[Row]:
    """Summa (adding up the measures), the sparbeting, the gap signed (sparbeting − Summa), what is still
    to save, then each year's and the period's verdict in words."""
    lang, comparisons = view.lang, [*totals.years, totals.period]

    def row(kind: RowKind, name: str, sides: Sequence[tuple[Cell, Cell, Cell]], verdict_cell: Cell = EMPTY,
            **more: object) -> Row:
        cells = _side_cells(keys, sides) if sides else [EMPTY] * (3 * len(keys))
        return Row(kind, tuple([EMPTY, EMPTY, Cell(name), verdict_cell, EMPTY] + cells), **more)  # type: ignore[arg-type]

    def exact(value: Decimal | None) -> Range | None:
        return None if value is None else Range.exact(value)

    rows = [row(RowKind.TOTAL, label("total", lang),
                [_sides(c.total_before, c.total_after, view) for c in comparisons], sums=measures)]
    if any(c.target_before is not None or c.target_after is not None for c in comparisons):
        rows.append(row(RowKind.TARGET, label("target", lang),
                        [_sides(exact(c.target_before), exact(c.target_after), view) for c in comparisons]))
    if any(c.gap_before is not None or c.gap_after is not None for c in comparisons):
        rows.append(row(RowKind.GAP, label("gap_signed_net" if several else "gap_signed", lang),
                        [_sides(c.gap_before, c.gap_after, view) for c in comparisons], of=(first + 1, first)))
        rows.append(row(RowKind.SHORTFALL, word("shortfall", lang),
                        [_sides(c.shortfall_before, c.shortfall_after, view) for c in comparisons]))
    for c in comparisons:
        said = verdict(c, view)
        if said.text:
            rows.append(row(RowKind.NET, word("verdict_of", lang, when=_when(c, lang).lower()), [],
                            Cell(said.text, None, said.tone), tone=said.tone))
    return rows


def _plan_change(plan: PlanChange, view: View) -> str:
    lang = view.lang
    if plan.change is Change.RENAMED:
        assert plan.before is not None
        return word("renamed", lang, old=view.path(plan.before.plan.path))
    if plan.change is Change.UNCHANGED:
        return word("plan_unchanged", lang)
    return word(plan.change.value, lang)


def _plan_what(plan: PlanChange, view: View) -> str:
    lang, parts = view.lang, []
    for name in plan.fields:
        if name == "target" and plan.before is not None and plan.after is not None:
            before, after = plan.before.totals.target, plan.after.totals.target
            shown = [("–" if t is None else view.amount(t.total)) for t in (before, after)]
            parts.append(f"{word('field_target', lang)}: {shown[0]} → {shown[1]}")
        elif name == "title" and plan.before is not None:
            parts.append(f"{word('field_title', lang)}: {numbers.clean(plan.before.plan.title)} → "
                         f"{numbers.clean(plan.plan.title)}")
        else:
            parts.append(word(f"field_{name}", lang))
    counts = [(plan.count(Change.CHANGED), "changed"), (plan.count(Change.ADDED), "added"),
              (plan.count(Change.REMOVED), "removed")]
    if any(n for n, _ in counts) and plan.change not in (Change.ADDED, Change.REMOVED):
        parts.append(", ".join(count_label(key, n, lang) for n, key in counts if n))
    return "; ".join(parts)


def plans_table(diff: PlanDiff, view: View) -> Table:
    """Each plan on its own, as it answers for its own balance: what changed, its total, its sparbeting,
    what it still has to save before and after and the change of that; in words, each plan whose
    shortfall grows or shrinks (one plan's better figure never hides another's worse)."""
    lang = view.lang
    columns = (Column("plan", word("plan", lang), ColumnKind.NAME, wide=True), Column("change", word("change", lang)),
               Column("what", word("what", lang)), _amount_column("before", word("total_before", lang), view),
               _amount_column("after", word("total_after", lang), view), _amount_column("total", word("change", lang), view),
               _amount_column("target", label("target", lang), view),
               Column("gap_before", word("gap_before", lang), whole=True),
               Column("gap_after", word("gap_after", lang), whole=True),
               _amount_column("shortfall_change", word("shortfall_change", lang), view))
    rows, notes = [], []
    for plan in diff.plans:
        p = plan.totals.period
        heading = plan_heading(plan.plan)
        rows.append(Row(RowKind.GROUP, (Cell(f"{heading} ({view.path(plan.path)})"),
                                        Cell(_plan_change(plan, view)), Cell(_plan_what(plan, view)),
                                        _amount(p.total_before if plan.before else None, view),
                                        _amount(p.total_after if plan.after else None, view),
                                        _change(p.total_change, view), _exact(p.target_after, view),
                                        _period_words(plan.before.totals.gap if plan.before else None, view),
                                        _period_words(plan.after.totals.gap if plan.after else None, view),
                                        _change(p.shortfall_change, view, _shortfall_tone(p))),
                        verdict(p, view).tone))
        notes += [Note(f"{heading}: {note.text}", note.tone) for _, note in headline_notes(plan.totals, view)]
    return Table("plans", word("plans", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 tuple(notes), name=word("plans", lang))


def _figures(diff: PlanDiff, view: View) -> tuple[Figure, ...]:
    lang, unit, p = view.lang, view.unit.value, diff.totals.period
    figures = [Figure(label("measures_total", lang),
                      f"{view.span(p.total_before)} → {view.span(p.total_after)} {unit}")]
    if p.kind_before is not None or p.kind_after is not None:
        before, after = (_period_words(totals.gap, view, unit).text or "–" for totals in (diff.before.totals,
                                                                                           diff.after.totals))
        figures.append(Figure(word("verdict", lang), f"{before} → {after}", verdict(p, view).tone))
    figures.append(Figure(word("measures_figure", lang), counts(diff, lang)))
    return tuple(figures)


def counts(diff: PlanDiff, lang: Lang) -> str:
    """``1 ändrad · 2 tillagda · 0 borttagna · 8 oförändrade``: the measures by what happened to them."""
    changes = diff.measures
    tally = {key: sum(1 for m in changes if m.change is change)
             for key, change in (("changed", Change.CHANGED), ("added", Change.ADDED), ("removed", Change.REMOVED))}
    return " · ".join(count_label(key, n, lang) for key, n in (*tally.items(), ("unchanged", diff.unchanged)))


def diff_document(diff: PlanDiff, view: View, base: str | None = None, names: tuple[str, str] | None = None,
                  today: datetime.date | None = None) -> Document:
    """The diff as a Document: ``base`` the revision compared with (``--base``), else ``names`` of the two sides."""
    lang = view.lang
    from dataclasses import replace

    paths = [plan.path for plan in diff.plans] + [plan.before.plan.path for plan in diff.plans if plan.before]
    view = with_decimals(replace(view, paths=shown_paths(paths)), diff_amounts(diff))
    # what the user typed, every invisible character (a line break in a file name) made visible
    subtitle = (word("against", lang, base=numbers.file_name(base)) if base is not None
                else word("old_new", lang, old=numbers.file_name(names[0]), new=numbers.file_name(names[1]))
                if names is not None else "")
    tables = [years_table(diff.totals, view, diff.before.totals, diff.after.totals), measures_table(diff, view)]
    if len(diff.plans) > 1:  # each plan answers for its own balance: its figures first
        tables.insert(0, plans_table(diff, view))
    elif any(p.change in (Change.ADDED, Change.REMOVED, Change.RENAMED) for p in diff.plans):
        tables.append(plans_table(diff, view))
    # the tables above word their figures for a reader; a spreadsheet gets them as numbers
    tables = [replace(table, audience=Audience.TEXT) for table in tables] + [numbers_table(diff, view)]
    title = word("title", lang)
    section = Section(title, subtitle, _figures(diff, view), (), tuple(tables), sheet=title[:31])
    date = label("report_date", lang, date=today.isoformat()) if today is not None else ""
    facts = (("", subtitle), ("", label("unit", lang, unit=view.unit.value)))
    words = {"warning": label("warning", lang), "generated": label("generated", lang, version=__version__),
             "legend": label("legend", lang), "range_note": label("range_note", lang), "target": label("target", lang),
             "plan": label("plan", lang), "warnings": label("warnings", lang)}
    return Document("diff", title, lang, view.unit, (section,), facts, (), Legend(), date,
                    any(not c.total_after.is_exact or not c.total_before.is_exact
                        for c in (*diff.totals.years, diff.totals.period)), words, view.decimals, today)
