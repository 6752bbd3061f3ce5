"""Builder of ``diff``: a :class:`~budgetbalans.core.diff.PlanDiff` as a
:class:`~budgetbalans.report.model.Document`, for every writer (terminal, Markdown, HTML, CSV, xlsx).

One section: the key figures (total, verdict and measures before → after), then

- *Per år* (per year): a column per year and one for the period; rows Summa before, after and the
  change, the sparbeting (before and after where it changed), the gap before and after worded by
  the core's kinds, the change of what is still to save, and the verdict in words ("från överskott
  till kvar att spara"); its notes say which years newly fall short, in words;
- *Åtgärder* (measures): each measure added, removed or changed, with what changed (status
  pågår → avbruten) and its counted effect per year before → after; the unchanged are counted in a note;
- *Täckning per scenario* (coverage by scenario), where either side uses ``probability`` or
  ``decision``: for *Beslutat*, *Förväntat* and *Planerat*, each year and the period, the total
  before, after and the change, what is still to save before and after, and the scenario's verdict;
  a measure's row names what changed of these keys in words ("sannolikhet: 50 % → 80 %",
  "beslut: föreslagen → beslutad", "engångseffekt: nej → ja");
- *Planer* (plans): where several plans are compared, first, each plan on its own (its target,
  what it still has to save before and after, and in words each plan whose shortfall grows), as
  each answers for its own balance; else where a plan was added, removed or renamed;
- *Organisationen* (the organisation tree), first, where either side has one (``budgetbalans.yaml``):
  a row per node, indented by its depth, with its target, total, what it still has to save (never
  netted across nodes) and its net before and after, and its verdict (the core's, of the node); the
  key figures name the nodes the change makes short, and the notes say in words what changed for each.

These are for a reader (Audience.TEXT). CSV and xlsx get the same as numbers (Audience.NUMBERS,
:func:`numbers_table`): a row per measure with its counted effect before, after and the change per
year and for the period, what happened in words, then the totals the same way and each verdict on
a row of its own in words; no cell mixes a word and a figure.

``diff --format github`` gets a Document of its own (:func:`github_document`): an annotation for
each measure added, removed or changed, at its line, and for each year (or period) whose verdict is
worse, on its plan's ``target:`` line; the measures counted in a note.

Every word is here; every tone, and every annotation's level, comes from the core's kinds and
verdicts (:class:`~budgetbalans.core.diff.Verdict`): this module never ranks a change itself.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal, Mapping, Sequence

from budgetbalans.core.gap import Gap, GapKind
from budgetbalans.core.organisation import NodeResult
from budgetbalans.core.summary import Totals
from budgetbalans.core.diff import (
    Change, Comparison, MeasureChange, NodeChange, OrganisationChange, PlanChange, PlanDiff, ScenariosChange, Trend,
    TotalsChange, Verdict, change_of, counted_effects,
)
from budgetbalans.i18n import LABEL, TEMPLATES, Lang, template
from budgetbalans.plan.money import Range
from budgetbalans.plan import notation
from budgetbalans.report.builders.organisation import net_cell
from budgetbalans.report.builders.summary import TONE, amount as _amount, document_words, exact as _exact, plan_heading
from budgetbalans.report.builders.labels import (
    count_label, decision_level_word, decision_state_word, label, status_word,
)
from budgetbalans.plan.models import Decision, DecisionState, Measure, Status
from budgetbalans.report.model import (
    EMPTY, Annotation, Audience, Cell, Column, ColumnKind, Document, Figure, Legend, Note, Row, RowKind, Section,
    Table, Tone,
)
from budgetbalans.report.builders.wording import gap_words, period_verdict, shown_paths, signed, totals_amounts, verdict_words, with_decimals
from budgetbalans.report.options import View

#: The words of a diff, each registered as ``label.diff.<key>``; the labels every report shares are
#: :mod:`~budgetbalans.report.builders.labels` (:func:`word` looks here first).
WORDS = (
    template("label.diff.title", "Ändringar i planerna", "Changes to the plans"),
    template("label.diff.against", "Jämfört med {base}", "Compared with {base}"),
    template("label.diff.old_new", "{old} → {new}", "{old} → {new}"),
    template("label.diff.per_year", "Per år", "Per year"),
    template("label.diff.total_before", "Summa före", "Total before"),
    template("label.diff.total_after", "Summa efter", "Total after"),
    template("label.diff.total_change", "Ändring av summan", "Change of the total"),
    template("label.diff.target_before", "Sparbeting före", "Savings target before"),
    template("label.diff.target_after", "Sparbeting efter", "Savings target after"),
    template("label.diff.target_change", "Ändring av sparbetinget", "Change of the savings target"),
    template("label.diff.gap_before", "Kvar/överskott före", "Gap before"),
    template("label.diff.gap_after", "Kvar/överskott efter", "Gap after"),
    template("label.diff.shortfall_change", "Ändring av kvar att spara", "Change of still to save"),
    template("label.diff.verdict", "Besked", "Verdict"),
    template("label.diff.from_to", "från {before} till {after}", "from {before} to {after}"),
    template("label.diff.kind_short", "kvar att spara", "still to save"),
    template("label.diff.kind_surplus", "överskott", "surplus"),
    template("label.diff.kind_uncertain", "osäkert", "uncertain"),
    template("label.diff.kind_none", "inget sparbeting", "no savings target"),
    template("label.diff.unchanged", "oförändrat", "unchanged"),
    template("label.diff.more_short", "mer kvar att spara", "more still to save"),
    template("label.diff.less_short", "mindre kvar att spara", "less still to save"),
    template("label.diff.less_surplus", "mindre överskott", "smaller surplus"),
    template("label.diff.more_surplus", "större överskott", "larger surplus"),
    template("label.diff.worse", "sämre", "worse"),
    template("label.diff.better", "bättre", "better"),
    template("label.diff.mixed", "ändrat spann", "range changed"),
    template("label.diff.measures", "Åtgärder", "Measures"),
    template("label.diff.plans", "Planer", "Plans"),
    template("label.diff.change", "Ändring", "Change"),
    template("label.diff.what", "Vad", "What"),
    # one measure's or plan's change; counted, the labels of labels.py (count_label)
    template("label.diff.added", "tillagd", "added"),
    template("label.diff.removed", "borttagen", "removed"),
    template("label.diff.changed", "ändrad", "changed"),
    template("label.diff.renamed", "nytt filnamn (var {old})", "renamed (was {old})"),
    template("label.diff.plan_unchanged", "oförändrad", "unchanged"),
    template("label.diff.no_changes", "Inga ändringar i åtgärderna.", "No changes to the measures."),
    template("label.diff.newly_short", "{when} går från {before} till kvar att spara: {amount} {unit} fattas",
             "{when} goes from {before} to still to save: {amount} {unit} missing"),
    template("label.diff.grows", "{when}: kvar att spara ökar med {amount} {unit}",
             "{when}: still to save grows by {amount} {unit}"),
    template("label.diff.covered", "{when} går från {before} till täckt", "{when} goes from {before} to covered"),
    template("label.diff.shrinks", "{when}: kvar att spara minskar med {amount} {unit}",
             "{when}: still to save shrinks by {amount} {unit}"),
    template("label.diff.period_when", "Hela perioden", "The whole period"),
    template("label.diff.effects_note",
             "Effekt per år: före → efter, så som den räknas in (en avbruten åtgärd räknas inte).",
             "Effect per year: before → after, as it counts (a cancelled measure does not count)."),
    template("label.diff.field_title", "titel", "title"),
    template("label.diff.field_area", "område", "area"),
    template("label.diff.field_status", "status", "status"),
    template("label.diff.field_responsible", "ansvarig", "responsible"),
    template("label.diff.field_schedule", "tidplan", "schedule"),
    template("label.diff.field_follow_up", "uppföljning", "follow-up"),
    template("label.diff.field_note", "kommentar", "note"),
    template("label.diff.field_potential", "möjlig effekt", "possible effect"),
    template("label.diff.field_effects", "effekter", "effects"),
    template("label.diff.field_class", "intervall", "class"),
    template("label.diff.field_forecast", "prognos", "forecast"),
    template("label.diff.field_outcome", "utfall", "outcome"),
    template("label.diff.field_probability", "sannolikhet", "probability"),
    template("label.diff.field_decision", "beslut", "decision"),
    template("label.diff.field_decision_by", "beslutsnivå", "decision level"),
    template("label.diff.field_decision_date", "beslutsdatum", "decision date"),
    template("label.diff.field_decision_ref", "beslutsreferens", "decision reference"),
    template("label.diff.field_one_off", "engångseffekt", "one-off"),
    template("label.diff.field_staff", "årsarbetare", "full-time equivalents"),
    template("label.diff.field_consequences", "konsekvenser", "consequences"),
    template("label.diff.scenarios", "Täckning per scenario", "Coverage by scenario"),
    template("label.diff.scenario_shortfall_before", "{scenario}: kvar att spara före",
             "{scenario}: still to save before"),
    template("label.diff.scenario_shortfall_after", "{scenario}: kvar att spara efter",
             "{scenario}: still to save after"),
    template("label.diff.scenario_shortfall", "{scenario}: kvar att spara", "{scenario}: still to save"),
    template("label.diff.scenario_verdict", "{scenario}: besked", "{scenario}: verdict"),
    template("label.diff.scenarios_note",
             "Beslutat: åtgärder med beslut beslutad. Förväntat: varje åtgärd gånger sin sannolikhet "
             "(utan sannolikhet 100 %). Planerat: alla åtgärder som räknas, som summan.",
             "Decided: measures whose decision is decided. Expected: each measure times its probability "
             "(100 % without one). Planned: every counted measure, as the total."),
    template("label.diff.field_organisation", "organisation", "organisation"),
    template("label.diff.field_unit", "enhet", "unit"),
    template("label.diff.field_years", "år", "years"),
    template("label.diff.field_target", "sparbeting", "savings target"),
    template("label.diff.side_before", "{what} före", "{what} before"),
    template("label.diff.side_after", "{what} efter", "{what} after"),
    template("label.diff.side_change", "{what} ändring", "{what} change"),
    template("label.diff.shortfall", "Kvar att spara (det som fattas, aldrig under 0)",
             "Still to save (what is missing, never below 0)"),
    template("label.diff.verdict_of", "Besked {when}", "Verdict for {when}"),
    template("label.diff.measure_added", "Åtgärd {id} tillagd: {title} ({total} {unit})",
             "Measure {id} added: {title} ({total} {unit})"),
    template("label.diff.measure_removed", "Åtgärd {id} borttagen: {title} ({total} {unit})",
             "Measure {id} removed: {title} ({total} {unit})"),
    template("label.diff.measure_changed", "Åtgärd {id} ändrad: {title}: {what} (summa {total} {unit})",
             "Measure {id} changed: {title}: {what} (total {total} {unit})"),
    template("label.diff.plan_removed", "Planen {path} är borttagen ({total} {unit})",
             "The plan {path} was removed ({total} {unit})"),
    template("label.diff.shortfall_before", "Kvar att spara före", "Still to save before"),
    template("label.diff.shortfall_after", "Kvar att spara efter", "Still to save after"),
    template("label.diff.net_before", "Netto före", "Net before"),
    template("label.diff.net_after", "Netto efter", "Net after"),
    template("label.diff.made_short", "Får mer kvar att spara", "More still to save"),
    template("label.diff.made_short_none", "ingen del", "no part"),
    template("label.diff.organisation_note",
             "{own_balance} Besked: vad ändringen gör med det som är kvar att spara, det år det blir sämst.",
             "{own_balance} Verdict: what the change does to what is still to save, in the year it does worst."),
)
#: How each verdict reads (:class:`~budgetbalans.core.diff.Verdict`): worse is bad, better good.
VERDICT_TONE = {Verdict.NEWLY_SHORT: Tone.BAD, Verdict.GROWS: Tone.BAD, Verdict.COVERED: Tone.GOOD,
                Verdict.SHRINKS: Tone.GOOD, Verdict.SURPLUS_GROWS: Tone.GOOD, Verdict.STEADY: Tone.NEUTRAL}
#: The verdicts that change what is still to save, each told in a note with these words.
_NOTE_WORDS = {Verdict.NEWLY_SHORT: "newly_short", Verdict.GROWS: "grows", Verdict.COVERED: "covered",
               Verdict.SHRINKS: "shrinks"}
#: The GitHub annotation of a worse verdict: a year newly short fails the check, more to save warns.
_LEVEL: dict[Verdict, Literal["error", "warning"]] = {Verdict.NEWLY_SHORT: "error", Verdict.GROWS: "warning"}
#: The title of every annotation of a diff.
ANNOTATION_TITLE = "budgetbalans diff"
#: Fields whose before → after a measure's row shows in words (effects have their own columns).
_SHOWN_VALUES = ("title", "status", "responsible", "schedule", "area", "class", "potential")


def diff_amounts(diff: PlanDiff) -> list[Decimal | None]:
    """Every amount a report of ``diff`` shows: of all plans and of each, per year and for the period,
    the totals, targets, gaps and shortfalls before and after and their changes; each changed
    measure's effects before and after and the change of its total."""
    values: list[Decimal | None] = []
    ranges: list[Range | None] = []
    nodes = () if diff.organisation is None else diff.organisation.nodes
    for totals in (diff.totals, *(plan.totals for plan in diff.plans), *(node.totals for node in nodes)):
        for c in (*totals.years, totals.period):
            values += [c.target_before, c.target_after, c.target_change]
            ranges += [c.total_before, c.total_after, c.total_change, c.gap_before, c.gap_after, c.gap_change,
                       c.shortfall_after, c.shortfall_change]
    for side in (diff.before, diff.after, *(p.before for p in diff.plans), *(p.after for p in diff.plans),
                 *(n.before for n in nodes), *(n.after for n in nodes)):
        values += totals_amounts(side.totals) if side is not None else []
    for change in diff.measures:
        ranges += [change.total_change, *(effect for pair in change.effects.values() for effect in pair)]
    return values + [end for value in ranges if value is not None for end in (value.low, value.high)]


def word(key: str, lang: Lang, **values: object) -> str:
    """A word of the diff (``label.diff.<key>``, :data:`WORDS`), else a label every report shares."""
    own = f"diff.{key}"
    return label(own if LABEL + own in TEMPLATES else key, lang, **values)


def _kind_word(kind: GapKind | None, lang: Lang) -> str:
    return word("kind_none" if kind is None else f"kind_{kind.value}", lang)


def _gap_words(gap: Range | None, kind: GapKind | None, view: View) -> Cell:
    if gap is None or kind is None:
        return EMPTY
    return Cell(gap_words(gap, kind, view), gap, TONE[kind])


def _period_words(gap: Gap | None, view: View, unit: str = "") -> Cell:
    """The period's verdict as every report words it (:func:`~budgetbalans.report.builders.wording.period_verdict`): over
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
    tone = VERDICT_TONE[c.verdict]
    if c.kind_before is not c.kind_after:
        return Cell(word("from_to", lang, before=_kind_word(c.kind_before, lang), after=_kind_word(c.kind_after, lang)),
                    c.gap_change, tone)
    moved = c.trend
    if c.kind_after is not GapKind.SURPLUS and moved not in (None, Trend.MIXED):
        # not covered: what is still to save decides the words, not the net (over parts, another part's
        # surplus moves the net, never what this one still has to save)
        moved = {Verdict.GROWS: Trend.WORSE, Verdict.SHRINKS: Trend.BETTER}.get(c.verdict, Trend.UNCHANGED)
    if moved is Trend.UNCHANGED or moved is None:
        return Cell(word("unchanged", lang), c.gap_change, tone)
    if moved is Trend.MIXED:
        return Cell(word("mixed", lang), c.gap_change, tone)
    words: dict[tuple[Trend, GapKind | None], str] = {
        (Trend.WORSE, GapKind.SHORT): "more_short", (Trend.BETTER, GapKind.SHORT): "less_short",
        (Trend.WORSE, GapKind.SURPLUS): "less_surplus", (Trend.BETTER, GapKind.SURPLUS): "more_surplus"}
    key = words.get((moved, c.kind_after), moved.value)
    return Cell(word(key, lang), c.gap_change, tone)


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
    notes = tuple(headline_notes(totals, view))
    return Table("years", word("per_year", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 notes, name=word("per_year", lang))


def _shortfall_tone(c: Comparison) -> Tone:
    """The tone of the shortfall's change: the verdict's, where the verdict is a change of what is still to save."""
    return VERDICT_TONE[c.verdict] if c.verdict in _NOTE_WORDS else Tone.NEUTRAL


def _when(c: Comparison, lang: Lang) -> str:
    return str(c.year) if c.year is not None else word("period_when", lang)


def headline_notes(totals: TotalsChange, view: View) -> list[Note]:
    """In words, each judged year (or period: :attr:`~budgetbalans.core.diff.TotalsChange.judged`) that
    newly falls short, or whose shortfall grows, or that is now covered, or whose shortfall shrinks."""
    return [_headline(c, view) for c in totals.judged if c.verdict in _NOTE_WORDS]


def _headline(c: Comparison, view: View) -> Note:
    """The note of a comparison whose verdict is told (:data:`_NOTE_WORDS`)."""
    lang, change = view.lang, c.shortfall_change
    values = {"when": _when(c, lang), "before": _kind_word(c.kind_before, lang), "unit": view.unit.value,
              "amount": view.span(c.shortfall_after) if c.shortfall_after is not None else ""}
    if c.verdict in (Verdict.GROWS, Verdict.SHRINKS):
        assert change is not None  # what is still to save moved
        values["amount"] = signed(change if c.verdict is Verdict.GROWS else -change, view).lstrip("+")
    return Note(word(_NOTE_WORDS[c.verdict], lang, **values), VERDICT_TONE[c.verdict])


def _value_text(change: MeasureChange, name: str, side: object, lang: Lang) -> str:
    value = change.value(name, side)  # type: ignore[arg-type]
    if value is None:
        return "–"
    if name == "status":
        return status_word(Status(value), lang)
    if isinstance(value, bool):
        return word("yes" if value else "no", lang)
    return notation.clean(str(value))


def what_changed(change: MeasureChange, lang: Lang) -> str:
    """The fields that changed; title, status, responsible, schedule, area, class with before → after,
    and the keys a nämnd decides on (:func:`_decided_on_words`)."""
    parts = []
    for name in change.fields:
        if name in _DECIDED_ON_WORDS:
            parts += _DECIDED_ON_WORDS[name](_side_measure(change.before), _side_measure(change.after), lang)
        elif name in _SHOWN_VALUES:
            parts.append(f"{word(f'field_{name}', lang)}: {_value_text(change, name, change.before, lang)} → "
                         f"{_value_text(change, name, change.after, lang)}")
        else:
            parts.append(word(f"field_{name}", lang))
    return "; ".join(parts)


def _side_measure(side: object) -> Measure | None:
    return None if side is None else side.measure  # type: ignore[attr-defined]


def _before_after(name: str, before: str, after: str, lang: Lang) -> str:
    return f"{word(f'field_{name}', lang)}: {before} → {after}"


def _number(value: Decimal | None) -> str:
    """An exact number as written in Swedish (``-0,5``), every decimal it has."""
    return "–" if value is None else notation.exact_number(value)


def _probability_words(before: Measure | None, after: Measure | None, lang: Lang) -> list[str]:
    shown = ["–" if m is None or m.probability is None else notation.exact_percent(m.probability)
             for m in (before, after)]
    return [_before_after("probability", shown[0], shown[1], lang)]


def _decision_words(before: Measure | None, after: Measure | None, lang: Lang) -> list[str]:
    """Each part of the decision that changed: its state, level, date and reference."""
    old, new = (None if m is None else m.decision for m in (before, after))

    def part(decision: Decision | None, name: str) -> str:
        value = None if decision is None else getattr(decision, name)
        if value is None:
            return "–"
        if isinstance(value, DecisionState):
            return decision_state_word(value, lang)
        if name == "by":
            return decision_level_word(value, lang)
        return value.isoformat() if name == "date" else notation.clean(str(value))

    return [_before_after("decision" if name == "state" else f"decision_{name}", part(old, name), part(new, name),
                          lang)
            for name in ("state", "by", "date", "ref") if part(old, name) != part(new, name)]


def _one_off_words(before: Measure | None, after: Measure | None, lang: Lang) -> list[str]:
    shown = [word("yes" if m is not None and m.one_off else "no", lang) for m in (before, after)]
    return [_before_after("one_off", shown[0], shown[1], lang)]


def _staff_words(before: Measure | None, after: Measure | None, lang: Lang) -> list[str]:
    """The years whose change in årsarbetare changed: ``årsarbetare: 2024: – → -1``."""
    old, new = ({} if m is None else m.staff for m in (before, after))
    years = [year for year in sorted(set(old) | set(new)) if old.get(year) != new.get(year)]
    return [f"{word('field_staff', lang)}: " + ", ".join(
        f"{year}: {_number(old.get(year))} → {_number(new.get(year))}" for year in years)]


def _consequences_words(before: Measure | None, after: Measure | None, lang: Lang) -> list[str]:
    """The aspects whose consequences were added, removed or rewritten: ``konsekvenser: brukare``."""
    old, new = ({} if m is None else m.consequences for m in (before, after))
    aspects = [aspect for aspect in [*old, *(a for a in new if a not in old)] if old.get(aspect) != new.get(aspect)]
    return [f"{word('field_consequences', lang)}: {', '.join(notation.clean(a) for a in aspects)}"]


#: How each key a nämnd decides on is told when it changed, before → after.
_DECIDED_ON_WORDS = {"probability": _probability_words, "decision": _decision_words, "one_off": _one_off_words,
                     "staff": _staff_words, "consequences": _consequences_words}


def _scenario_word(name: str, lang: Lang) -> str:
    """*Beslutat*, *Förväntat*, *Planerat* (the last is the follow-up's word too)."""
    return label("planned", lang) if name == "planned" else word(f"scenario_{name}", lang)


def scenarios_table(scenarios: ScenariosChange, view: View) -> Table:
    """Per scenario (*Beslutat*, *Förväntat*, *Planerat*), each year and the period: the total before,
    after and the change; what is still to save before and after; the scenario's verdict (the core's)."""
    lang = view.lang
    first = scenarios.planned
    comparisons = [*first.years, first.period]
    keys = [_side_key(c) for c in comparisons]
    columns = (Column("name", "", ColumnKind.NAME, wide=True),
               *(_amount_column(key, key if key != "period" else label("period", lang), view) for key in keys))

    def row(kind: RowKind, name: str, cells: Sequence[Cell]) -> Row:
        return Row(kind, (Cell(name), *cells))

    rows: list[Row] = []
    for name, totals in scenarios.items():
        said = _scenario_word(name, lang)
        found = [*totals.years, totals.period]
        rows += [row(RowKind.GROUP, word("side_before", lang, what=said), [_amount(c.total_before, view) for c in found]),
                 row(RowKind.GROUP, word("side_after", lang, what=said), [_amount(c.total_after, view) for c in found]),
                 row(RowKind.TOTAL, word("side_change", lang, what=said), [_change(c.total_change, view) for c in found])]
        if any(c.shortfall_before is not None or c.shortfall_after is not None for c in found):
            rows += [row(RowKind.SHORTFALL, word("scenario_shortfall_before", lang, scenario=said),
                         [_amount(c.shortfall_before, view) for c in found]),
                     row(RowKind.SHORTFALL, word("scenario_shortfall_after", lang, scenario=said),
                         [_amount(c.shortfall_after, view) for c in found]),
                     row(RowKind.NET, word("scenario_verdict", lang, scenario=said), [verdict(c, view) for c in found])]
    return Table("scenarios", word("scenarios", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 (Note(word("scenarios_note", lang)),), name=word("scenarios", lang))


def _numbers_scenarios(scenarios: ScenariosChange, keys: Sequence[str], view: View) -> list[Row]:
    """For a spreadsheet: each scenario's total and what it still has to save, before, after and the change."""
    lang, rows = view.lang, []
    for name, totals in scenarios.items():
        said, found = _scenario_word(name, lang), [*totals.years, totals.period]

        def row(kind: RowKind, text: str, sides: Sequence[tuple[Cell, Cell, Cell]]) -> Row:
            return Row(kind, tuple([EMPTY, EMPTY, Cell(text), EMPTY, EMPTY] + _side_cells(keys, sides)))

        rows.append(row(RowKind.GROUP, said, [_sides(c.total_before, c.total_after, view) for c in found]))
        if any(c.shortfall_before is not None or c.shortfall_after is not None for c in found):
            rows.append(row(RowKind.SHORTFALL, word("scenario_shortfall", lang, scenario=said),
                            [_sides(c.shortfall_before, c.shortfall_after, view) for c in found]))
    return rows


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
        cells += [Cell(notation.clean(change.id)), Cell(notation.clean(change.title)),
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
    if diff.scenarios is not None:
        rows += _numbers_scenarios(diff.scenarios, keys, view)
    several = len(diff.plans) > 1
    name = label("all_plans", lang) if several else view.path(diff.plans[0].path) if diff.plans else ""
    notes = tuple(headline_notes(diff.totals, view))
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
    cells = [Cell(view.path(plan.path)), Cell(notation.clean(change.id)), Cell(notation.clean(change.title)),
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
            parts.append(f"{word('field_title', lang)}: {notation.clean(plan.before.plan.title)} → "
                         f"{notation.clean(plan.plan.title)}")
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
        notes += [Note(f"{heading}: {note.text}", note.tone) for note in headline_notes(plan.totals, view)]
    return Table("plans", word("plans", lang), columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 tuple(notes), name=word("plans", lang))


def organisation_changes_table(change: OrganisationChange, view: View) -> Table:
    """A row per node of the tree, indented by its depth: its target, total, what it still has to save and its
    net, before and after, and its verdict (the core's, :attr:`~budgetbalans.core.diff.NodeChange.verdict`) in
    words; the notes say for each node, in words, each year it newly falls short, or what it still has to
    save grows, is covered or shrinks."""
    lang = view.lang
    columns = (Column("measure", label("organisation", lang), ColumnKind.NAME, wide=True),
               Column("level", label("level", lang), audience=Audience.NUMBERS),
               *(_amount_column(key, word(key, lang), view)
                 for key in ("target_before", "target_after", "total_before", "total_after", "shortfall_before",
                             "shortfall_after", "net_before", "net_after")),
               Column("verdict", word("verdict", lang)))
    rows, notes = [], [Note(word("organisation_note", lang, own_balance=label("parts_own_balance", lang)))]
    for node in change.nodes:
        cells = (Cell(notation.clean(node.organisation)), Cell(str(node.depth)), *_node_figures(node, view),
                 _node_verdict(node, view))
        rows.append(Row(RowKind.GROUP, cells, VERDICT_TONE[node.verdict], depth=node.depth))
        notes += [Note(f"{notation.clean(node.organisation)}: {note.text}", note.tone)
                  for note in headline_notes(node.totals, view)]
    title = label("organisation_table", lang)
    return Table("organisation", title, columns, tuple(rows), label("unit", lang, unit=view.unit.value),
                 tuple(notes), name=title)


def _node_figures(node: NodeChange, view: View) -> tuple[Cell, ...]:
    """Each of a node's figures before, then after: its target, total, what it still has to save (in its
    verdict's tone, never a net) and its net (target − total, in no verdict's colour)."""
    sides = [_node_side(found, view) for found in (node.before, node.after)]
    return tuple(cell for pair in zip(*sides) for cell in pair)


def _node_side(found: NodeResult | None, view: View) -> tuple[Cell, Cell, Cell, Cell]:
    if found is None:
        return EMPTY, EMPTY, EMPTY, EMPTY
    gap = found.gap
    shortfall = EMPTY if gap is None else _amount(gap.shortfall, view, TONE[gap.kind])
    return (_exact(None if found.target is None else found.target.total, view), _amount(found.totals.total, view),
            shortfall, net_cell(found.totals, view))


def _node_verdict(node: NodeChange, view: View) -> Cell:
    """The node's verdict in words, of the year (or the period) that gives it, named where it is a year."""
    decisive = node.decisive
    said = EMPTY if decisive is None else verdict(decisive, view)
    if said.text and decisive is not None and decisive.year is not None and node.verdict is not Verdict.STEADY:
        return Cell(f"{decisive.year}: {said.text}", said.value, said.tone)
    return said


def _made_short(change: OrganisationChange, view: View) -> Figure:
    """The key figure naming the nodes the change makes short, in the bad tone where there is one."""
    names = [notation.clean(node.organisation) for node in change.made_short]
    return Figure(word("made_short", view.lang), ", ".join(names) or word("made_short_none", view.lang),
                  Tone.BAD if names else Tone.NEUTRAL)


def _figures(diff: PlanDiff, view: View) -> tuple[Figure, ...]:
    lang, unit, p = view.lang, view.unit.value, diff.totals.period
    figures = [Figure(label("measures_total", lang),
                      f"{view.span(p.total_before)} → {view.span(p.total_after)} {unit}")]
    if p.kind_before is not None or p.kind_after is not None:
        before, after = (_period_words(totals.gap, view, unit).text or "–" for totals in (diff.before.totals,
                                                                                           diff.after.totals))
        figures.append(Figure(word("verdict", lang), f"{before} → {after}", verdict(p, view).tone))
    if diff.organisation is not None:
        figures.append(_made_short(diff.organisation, view))
    figures.append(Figure(word("measures", lang), counts(diff, lang)))
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
    subtitle = (word("against", lang, base=notation.file_name(base)) if base is not None
                else word("old_new", lang, old=notation.file_name(names[0]), new=notation.file_name(names[1]))
                if names is not None else "")
    tables = [years_table(diff.totals, view, diff.before.totals, diff.after.totals), measures_table(diff, view)]
    if diff.scenarios is not None:
        tables.insert(1, scenarios_table(diff.scenarios, view))
    if len(diff.plans) > 1:  # each plan answers for its own balance: its figures first
        tables.insert(0, plans_table(diff, view))
    elif any(p.change in (Change.ADDED, Change.REMOVED, Change.RENAMED) for p in diff.plans):
        tables.append(plans_table(diff, view))
    # the tables above word their figures for a reader; a spreadsheet gets them as numbers
    tables = [replace(table, audience=Audience.TEXT) for table in tables] + [numbers_table(diff, view)]
    if diff.organisation is not None:  # the kommun's view first: every writer, its Nivå for a spreadsheet
        tables.insert(0, organisation_changes_table(diff.organisation, view))
    title = word("title", lang)
    section = Section(title, subtitle, _figures(diff, view), (), tuple(tables), sheet=title[:31])
    date = label("report_date", lang, date=today.isoformat()) if today is not None else ""
    facts = (("", subtitle), ("", label("unit", lang, unit=view.unit.value)))
    return Document("diff", title, lang, view.unit, (section,), facts, (), Legend(), date,
                    any(not c.total_after.is_exact or not c.total_before.is_exact
                        for c in (*diff.totals.years, diff.totals.period)), document_words(view, statuses=False),
                    view.decimals, today)


# --- for a CI runner: annotations on the pull request's lines ------------------------------------------


def github_document(diff: PlanDiff, view: View, lines: Mapping[tuple[str, str], int],
                    targets: Mapping[str, int]) -> Document:
    """``diff --format github``: the annotations (:func:`diff_annotations`), and the measures counted in a note.
    ``lines``: (plan path, measure id) → its ``- id:`` line in the new file; ``targets``: a plan's path →
    its ``target:`` line in the new file."""
    view = with_decimals(view, diff_amounts(diff))
    lang = view.lang
    return Document("diff", word("title", lang), lang, view.unit, (), notes=(Note(counts(diff, lang)),),
                    annotations=diff_annotations(diff, view, lines, targets))


def diff_annotations(diff: PlanDiff, view: View, lines: Mapping[tuple[str, str], int],
                     targets: Mapping[str, int]) -> tuple[Annotation, ...]:
    """A notice on each measure added or changed, at its line; on each measure removed, on its plan's file
    (it has no line left); on a plan removed whole, without a file. Then each plan's worse verdicts on
    its ``target:`` line (:func:`verdict_annotations`) and, where more than one plan is read, those of
    all plans together, without a file; then each node's of the organisation tree, named, without a file."""
    found: list[Annotation] = []
    removed = {plan.path for plan in diff.plans if plan.change is Change.REMOVED}
    for plan in diff.plans:
        if plan.change is Change.REMOVED:
            found.append(_plan_removed(plan, view))
            continue
        found += [_measure_annotation(change, view, lines) for change in plan.measures
                  if change.plan_path not in removed]
        found += verdict_annotations(plan.totals, view, plan.path, targets.get(plan.path))
    if len(diff.plans) > 1:
        found += verdict_annotations(diff.totals, view, prefix=f"{label('all_plans', view.lang)}: ")
    for node in () if diff.organisation is None else diff.organisation.nodes:  # each node of the tree, by name
        found += verdict_annotations(node.totals, view, prefix=f"{notation.clean(node.organisation)}: ")
    return tuple(found)


def verdict_annotations(totals: TotalsChange, view: View, path: str | None = None, line: int | None = None,
                        prefix: str = "") -> list[Annotation]:
    """An error for each judged year (or period) that newly falls short, a warning where what is still
    to save grows; worded as its note (:func:`headline_notes`)."""
    return [Annotation(_LEVEL[c.verdict], f"{prefix}{_headline(c, view).text}", path, line, ANNOTATION_TITLE)
            for c in totals.judged if c.verdict in _LEVEL]


def _measure_annotation(change: MeasureChange, view: View, lines: Mapping[tuple[str, str], int]) -> Annotation:
    message = word(f"measure_{change.change.value}", view.lang, id=notation.clean(change.id),
                   title=notation.clean(change.title), what=what_changed(change, view.lang),
                   total=signed(change.total_change, view), unit=view.unit.value)
    line = None if change.change is Change.REMOVED else lines.get((change.plan_path, change.id))
    return Annotation("notice", message, change.plan_path, line, ANNOTATION_TITLE)


def _plan_removed(plan: PlanChange, view: View) -> Annotation:
    message = word("plan_removed", view.lang, path=view.path(plan.path),
                   total=signed(plan.totals.period.total_change, view), unit=view.unit.value)
    return Annotation("notice", message, title=ANNOTATION_TITLE)
