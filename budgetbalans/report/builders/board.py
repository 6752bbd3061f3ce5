"""The nämnd's report: who does what, when, decided by whom, and its consequences, as tables only the Word and HTML reports show.

``summarize`` gives each plan's section, after its measures table, the tables a nämndsekreterare
files in the handlingar (:attr:`Audience.BOARD <budgetbalans.report.model.Audience>`: the Word and
HTML writers show them beside what a reader sees; terminal, Markdown, CSV and xlsx do not):

- *Ansvar, tidplan och beslut* (where any measure of the plan names a responsible, a schedule or a
  decision): a row per measure with its number, title, responsible, schedule, status and decision
  (level, state, date, reference), then its effect per year, its total and its interval class, and
  the plan's Summa. The figures, the status and the row's kind are the measures table's own cells,
  taken by column key, so the two tables can never differ.
- *Konsekvenser* (where any measure of the plan has consequences): a row per aspect of each
  measure's konsekvensbeskrivning, the measure named on its first row.

A column no measure of the plan fills is left out. :func:`legend_terms` explains the scenarios
(where any measure uses ``probability`` or ``decision``) and the decision states (where any measure
has a ``decision``) in the legend. Plan text is as the plan wrote it, control characters removed;
each writer escapes it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from budgetbalans.core.summary import MeasureResult, PlanResult, Summary
from budgetbalans.i18n import Lang, template
from budgetbalans.plan import notation
from budgetbalans.plan.models import DecisionState
from budgetbalans.report.builders.labels import decision_state_word, decision_text, label
from budgetbalans.report.model import EMPTY, Audience, Cell, Column, ColumnKind, LegendEntry, Row, RowKind, Table, Tone
from budgetbalans.report.options import View

#: The words of the nämnd's report, registered as ``label.board.<key>``.
LABELS = (
    template("label.board.title", "Ansvar, tidplan och beslut", "Responsibility, schedule and decision"),
    template("label.board.responsible", "Ansvarig", "Responsible"),
    template("label.board.schedule", "Tidplan", "Schedule"),
    template("label.board.consequences", "Konsekvenser", "Consequences"),
    template("label.board.aspect", "Aspekt", "Aspect"),
    template("label.board.consequence", "Konsekvens", "Consequence"),
    template("label.board.legend_decided",
             "de medräknade åtgärder vars beslut är {decided}, med hela sin effekt",
             "the counted measures whose decision is {decided}, at their full effect"),
    template("label.board.legend_expected",
             "varje medräknad åtgärd med sin effekt gånger sin sannolikhet (100 % där ingen är angiven)",
             "every counted measure at its effect times its probability (100 % where none is given)"),
    template("label.board.legend_planned",
             "varje medräknad åtgärd med hela sin effekt: summan i tabellerna",
             "every counted measure at its full effect: the total of the tables"),
    template("label.board.legend_states",
             "{proposed} och {referred_back} räknas som förslag; {decided} räknas in i Beslutat; "
             "{rejected} visas men räknas aldrig in",
             "{proposed} and {referred_back} count as proposals; {decided} counts in Decided; "
             "{rejected} is shown but never counted"),
)

#: The measures table's columns the board's table repeats, by key, beside its years: not their total,
#: which the measures table gives, so that a plan in kronor over three years still fits a landscape page.
_FIGURES = ("class",)


#: The measures table's columns the nämnd's table shows beside who and when: the Word and HTML reports
#: leave them out of the measures table where that table follows (:attr:`Column.in_board`), so that the
#: figures fit a landscape page: the decision and the interval class. The status stays with the figures:
#: it says which are counted.
_MOVED = ("decision", "class")


def board_tables(result: PlanResult, measures: Table, view: View) -> tuple[Table, tuple[Table, ...]]:
    """The nämnd's tables of one plan, after its ``measures`` table (whose cells they repeat): who does
    what and when (where the plan says any of it), and the consequences (where any measure has them).
    With them, the measures table, its decision and class marked as shown in the nämnd's table."""
    plan = result.plan.measures
    tables = []
    if any(m.responsible or m.schedule or m.decision is not None for m in plan):
        who = who_does_what(result, measures, view)
        tables.append(who)
        moved = {column.key for column in who.columns} & set(_MOVED)
        measures = replace(measures, columns=tuple(replace(column, in_board=column.key in moved)
                                                   for column in measures.columns))
    if any(m.consequences for m in plan):
        tables.append(consequences(result, measures, view))
    return measures, tuple(tables)


def who_does_what(result: PlanResult, measures: Table, view: View) -> Table:
    """A row per measure: number, title, responsible, schedule, status, decision, the effect per year
    and the class (the measures table's cells), then the plan's Summa."""
    lang, plan = view.lang, result.plan.measures
    own = {"responsible": (label("board.responsible", lang), any(m.responsible for m in plan)),
           "schedule": (label("board.schedule", lang), any(m.schedule for m in plan)),
           "decision": (label("decision_state", lang), any(m.decision is not None for m in plan))}
    columns: list[Column] = []
    for column in measures.columns:
        if column.key in ("id", "measure", "status") or column.key.startswith("year:") or column.key in _FIGURES:
            columns.append(column)
        if column.key == "measure":
            columns += [Column(key, name) for key, (name, used) in own.items() if key != "decision" and used]
        if column.key == "status" and own["decision"][1]:
            columns.append(Column("decision", own["decision"][0]))
    taken = {column.key: measures.column(column.key) for column in columns if column.key not in own}
    rows = [_measure_row(row, measure, columns, taken, view)
            for row, measure in zip(measures.rows, result.measures)]
    rows += [_repeated(row, columns, taken) for row in measures.rows[len(result.measures):] if row.kind is RowKind.TOTAL]
    return Table(f"board:{result.plan.path}", label("board.title", lang), tuple(columns), tuple(rows),
                 measures.caption, name=measures.name, head=2, audience=Audience.BOARD)


def _measure_row(row: Row, result: MeasureResult, columns: Sequence[Column], taken: dict[str, int],
                 view: View) -> Row:
    measure = result.measure
    words = {"responsible": _text(measure.responsible), "schedule": _text(measure.schedule),
             "decision": Cell(decision_text(measure.decision, view.lang)) if measure.decision else EMPTY}
    cells = tuple(row.cells[taken[c.key]] if c.key in taken else words[c.key] for c in columns)
    return replace(row, cells=cells)


def _repeated(row: Row, columns: Sequence[Column], taken: dict[str, int]) -> Row:
    """The measures table's Summa, in this table's columns (its ``sums``: the same measure rows)."""
    return replace(row, cells=tuple(row.cells[taken[c.key]] if c.key in taken else EMPTY for c in columns))


def consequences(result: PlanResult, measures: Table, view: View) -> Table:
    """A row per aspect of each measure's consequences; the measure's number and title on its first row."""
    lang = view.lang
    columns = (Column("id", label("id", lang)), Column("measure", label("measure", lang), ColumnKind.NAME),
               Column("aspect", label("board.aspect", lang)),
               Column("consequence", label("board.consequence", lang), wide=True))
    rows = []
    for item in result.measures:
        kind = RowKind.MEASURE if item.counted else RowKind.UNCOUNTED
        for number, (aspect, words) in enumerate(item.measure.consequences.items()):
            named = (_text(item.measure.id), _text(item.measure.title)) if number == 0 else (EMPTY, EMPTY)
            rows.append(Row(kind, (*named, _text(aspect), _text(words))))
    return Table(f"consequences:{result.plan.path}", label("board.consequences", lang), columns, tuple(rows),
                 measures.caption, name=measures.name, head=2, audience=Audience.BOARD)


def _text(value: str | None) -> Cell:
    return Cell(notation.clean(value)) if value else EMPTY


def legend_terms(summary: Summary, lang: Lang) -> tuple[LegendEntry, ...]:
    """The scenarios (where any measure uses probability or decision) and the decision states (where any
    measure has a decision), each with what it means."""
    states = {state.name.lower(): decision_state_word(state, lang) for state in DecisionState}
    terms = []
    if summary.uses.scenarios:
        names = {"decided": "scenario_decided", "expected": "scenario_expected", "planned": "planned"}
        terms += [LegendEntry(Tone.NEUTRAL, label(name, lang), label(f"board.legend_{key}", lang, **states))
                  for key, name in names.items()]
    if any(result.measure.decision is not None for result in summary.measures):
        terms.append(LegendEntry(Tone.NEUTRAL, label("decision_state", lang),
                                 label("board.legend_states", lang, **states)))
    return tuple(terms)
