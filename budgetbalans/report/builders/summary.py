"""Builders of ``summarize`` and ``gap``: the core's :class:`~budgetbalans.core.summary.Summary` as a
:class:`~budgetbalans.report.model.Document`.

Every word of these reports is chosen here (through :mod:`budgetbalans.report.builders.labels`), and every
tone is taken from the core's kinds (:class:`~budgetbalans.core.gap.GapKind`); the writers only
serialise what this module builds.

summarize: a section per plan (key figures, a waterfall and the effect per year, the measures
table), preceded by all plans together when there are several (their totals, a row per plan
linking to its Summa). gap: one section with the gap per year and for the period. Either way
the subtotals of ``--group-by`` follow the last table of the first section, and the rounding
note and the reconciliation warnings follow every section.

The totals block is the same everywhere: Summa (the counted measures added up), the possible
effect, the sparbeting, then the gap. The gap is worded for a reader (Audience.TEXT: the period's
verdict, and over per-year targets where a year falls short, "Kvar att spara 1 200 (2025)" and
the net on a row of its own) and given as numbers for a spreadsheet (Audience.NUMBERS: the gap
per year and net, signed under a label that says so, true whatever a spreadsheet recalculates;
the shortfall; the coverage).
"""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Callable, Mapping, Sequence

from budgetbalans import __version__
from budgetbalans.core.gap import coverage, Gap, GapKind
from budgetbalans.core.scenarios import NONE_USED, KeysUsed, Scenario, decided
from budgetbalans.core.summary import MeasureResult, PlanResult, Summary, Totals
from budgetbalans.core.grouping import Group, GroupBy, group_totals
from budgetbalans.i18n import Lang
from decimal import Decimal

from budgetbalans.plan.models import DecisionLevel, DecisionState, Plan, Status
from budgetbalans.plan.money import EXACT_ZERO, Range, total as added_up
from budgetbalans.report.builders import board, charts
from budgetbalans.plan import notation
from budgetbalans.report.builders.labels import (
    count_label, decision_level_word, decision_state_word, decision_text, label, status_word,
)
from budgetbalans.report.model import (
    EMPTY, Audience, BarKind, Cell, Chart, ChartKind, Column, ColumnKind, Document, Figure, Legend, LegendEntry, Note,
    Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.builders.wording import gap_text, mismatch_texts, net_text, period_verdict, shown_paths, shows_rounded, summary_amounts, verdict_kind, verdict_words, with_decimals, year_gap
from budgetbalans.report.options import View

#: The tone of each kind of gap; the kind comes from the core.
TONE = {GapKind.SHORT: Tone.BAD, GapKind.SURPLUS: Tone.GOOD, GapKind.UNCERTAIN: Tone.UNCERTAIN}


# --- cells and columns --------------------------------------------------------------------------


def text(value: str) -> Cell:
    """Plan text or a word as a cell: terminal control characters removed (each writer escapes the rest)."""
    return Cell(notation.clean(value))


def amount(value: Range | None, view: View, tone: Tone = Tone.NEUTRAL) -> Cell:
    """An amount or a range: ``700–1 600`` in the report's unit, and the exact figure in kronor."""
    if value is None:
        return EMPTY
    return Cell(view.span(value), value, tone)


def exact(kronor: object, view: View) -> Cell:
    """An exact amount (a target): as :func:`amount`; empty where there is none."""
    if kronor is None:
        return EMPTY
    value = Range.exact(kronor)  # type: ignore[arg-type]
    return Cell(view.amount(value.low), value)  # type: ignore[arg-type]


def amount_column(key: str, name: str, view: View, kind: ColumnKind = ColumnKind.AMOUNT,
                  of: tuple[str, ...] = (), number_name: str | None = None) -> Column:
    """An amount column: ``name`` above the text formats' figures, ``name (tkr)`` (or its low and
    high) above the spreadsheets' numbers."""
    lang, unit = view.lang, view.unit.value
    head = number_name or name
    return Column(key, name, kind, f"{head} ({unit})",
                  (f"{head} {label('low', lang)} ({unit})", f"{head} {label('high', lang)} ({unit})"), of)


def year_key(year: int) -> str:
    return f"year:{year}"


def year_columns(years: Sequence[int], view: View) -> list[Column]:
    """A column per year, then the total of them."""
    columns = [amount_column(year_key(y), str(y), view) for y in years]
    return columns + [amount_column("total", label("total", view.lang), view, ColumnKind.TOTAL,
                                    tuple(year_key(y) for y in years))]


def plan_heading(plan: Plan) -> str:
    """``title — organisation``, plan text made safe for display."""
    title = notation.clean(plan.title)
    return title + (f" — {notation.clean(plan.organisation)}" if plan.organisation else "")


def plan_sheet_names(plans: Sequence[Plan]) -> list[str]:
    """The name of each plan's sheet: what tells it apart, before a workbook cuts it to 31 characters.
    Where the plans' organisations differ, its organisation ("Socialnämnden"), alone where it has no
    other plan there; then the words of its title that the titles of its organisation's plans do not
    all share at the start and the end ("äldreomsorg" of "Åtgärdsplan budget i balans äldreomsorg
    2025–2026"); the whole title where nothing tells them apart. One pass over the plans: each
    organisation's shared words are found once."""
    differ = len({p.organisation for p in plans}) > 1
    peers: dict[str | None, list[int]] = {}
    for index, plan in enumerate(plans):
        peers.setdefault(plan.organisation if differ else None, []).append(index)
    names = [""] * len(plans)
    for members in peers.values():
        titles = [notation.clean(plans[i].title) for i in members]
        start, end = _shared_ends([title.split() for title in titles])
        for index, title in zip(members, titles):
            words = title.split()
            own = " ".join(words[start:len(words) - end]) or title
            organisation = plans[index].organisation
            names[index] = (own if not differ or not organisation else notation.clean(organisation)
                            if len(members) == 1 else f"{notation.clean(organisation)} – {own}")
    return names


def _shared_ends(titles: Sequence[Sequence[str]]) -> tuple[int, int]:
    """How many words every one of ``titles`` begins with alike, and how many it ends with alike."""
    shortest = min(len(words) for words in titles)
    start = next((i for i in range(shortest) if len({words[i] for words in titles}) > 1), shortest)
    end = next((i for i in range(shortest - start) if len({words[len(words) - 1 - i] for words in titles}) > 1),
               shortest - start)
    return start, end


def measure_status(result: MeasureResult, view: View) -> str:
    """The status word, and "(möjlig)" for a possible effect, "(avslagen)" for a rejected measure: the
    reason a row is not counted stands beside its status, in a table that does not show the decision too."""
    measure = result.measure
    word = status_word(measure.status, view.lang)
    if measure.potential:
        word += f" ({label('possible', view.lang)})"
    if measure.decision is not None and measure.decision.state is DecisionState.REJECTED:
        word += f" ({decision_state_word(DecisionState.REJECTED, view.lang)})"
    return word


def group_name(group: Group, view: View) -> str:
    """What a group is called in a report: the area, the status word, the plan's title, the decision level."""
    if group.by is GroupBy.STATUS:
        return status_word(Status(group.key), view.lang)
    if group.by is GroupBy.DECISION:
        return label("no_decision", view.lang) if not group.key else decision_level_word(DecisionLevel(group.key), view.lang)
    if group.name is None:
        return label("no_area", view.lang)
    return notation.clean(group.name)


def has_ranges(summary: Summary) -> bool:
    """Whether any figure of the report is a range (then CSV and xlsx get low and high columns)."""
    values: list[Range] = [value for m in summary.measures for value in m.effects.values()]
    for totals in [summary.totals, *(plan.totals for plan in summary.plans)]:
        values += [*totals.per_year.values(), totals.total]
    return any(not value.is_exact for value in values)


def _caption(paths: Sequence[str], view: View) -> str:
    parts = [" + ".join(view.path(path) for path in paths), label("unit", view.lang, unit=view.unit.value)]
    if view.statuses:
        parts.append(label("statuses_only", view.lang, statuses=statuses_text(view)))
    return " · ".join(part for part in parts if part)


# --- the totals block: Summa, possible effect, sparbeting, the gap -----------------------------


class _Rows:
    """Rows of a table with ``width`` columns, the name in column ``name`` and the years from ``first``."""

    def __init__(self, columns: Sequence[Column], view: View) -> None:
        self.columns, self.view = list(columns), view
        self.name = next(i for i, c in enumerate(columns) if c.kind is ColumnKind.NAME)
        self.index = {column.key: i for i, column in enumerate(columns)}
        self.rows: list[Row] = []

    def add(self, row: Row) -> int:
        self.rows.append(row)
        return len(self.rows) - 1

    def row(self, kind: RowKind, name: str, values: dict[str, Cell], **more: object) -> Row:
        cells = [EMPTY] * len(self.columns)
        cells[self.name] = Cell(name)
        for key, cell in values.items():
            if key in self.index:
                cells[self.index[key]] = cell
        return Row(kind, tuple(cells), **more)  # type: ignore[arg-type]

    def totals(self, totals: Totals, years: Sequence[int], counted: Sequence[int],
               more: dict[str, Cell] | None = None) -> None:
        """Summa (adding up the rows ``counted``, with ``more`` cells), the possible effect, the
        sparbeting and the gap."""
        view, lang = self.view, self.view.lang
        values = {year_key(y): amount(totals.per_year[y], view) for y in years}
        total = self.add(self.row(RowKind.TOTAL, label("total", lang),
                                  {**values, "total": amount(totals.total, view), **(more or {})},
                                  sums=tuple(counted)))
        if totals.potential != EXACT_ZERO:  # a range reaching zero from below (-1–0) is a possible effect too
            self.add(self.row(RowKind.POTENTIAL, label("potential", lang), {"total": amount(totals.potential, view)}))
        if totals.target is None or totals.gap is None:
            self.add(self.row(RowKind.TARGET, f"{label('target', lang)}: {label('no_target', lang)}", {}))
            return
        target_years = totals.target.years
        targets = {year_key(y): exact(target_years.get(y, 0), view) for y in years} if target_years else {}
        target = self.add(self.row(RowKind.TARGET, label("target", lang),
                                   {**targets, "total": exact(totals.target.total, view)}))
        self.gap(totals, years, target, total)

    def gap(self, totals: Totals, years: Sequence[int], target: int, total: int) -> None:
        gap, view, lang = totals.gap, self.view, self.view.lang
        assert gap is not None and totals.target is not None
        # for a reader: the period's verdict, each year worded by its own kind
        name, value = period_verdict(gap, view)
        cells = {}
        for year in years:
            if gap.years is not None:
                words, kind = year_gap(gap, year, view, verdict_kind(gap))
                cells[year_key(year)] = Cell(words, gap.year_shown(year), TONE[kind])
        self.add(self.row(RowKind.GAP, name, {**cells, "total": Cell(value, None, TONE[gap.kind])},
                          tone=TONE[gap.kind], audience=Audience.TEXT))
        if gap.net_says_more:
            self.add(self.row(RowKind.NET, label("net", lang), {"total": Cell(net_text(gap, view), gap.total)},
                              audience=Audience.TEXT))
        # for a spreadsheet: the gap signed (still to save positive, a surplus negative), under a label
        # true whatever the sign a spreadsheet recalculates; each cell's tone is the core's kind
        year_kinds = gap.year_kinds or {}
        shown = {year_key(y): amount(v, view, TONE[year_kinds[y]]) for y, v in (gap.years or {}).items() if y in years}
        signed_name = label("gap_signed_net" if gap.parts else "gap_signed", lang)
        numbers_gap = self.add(self.row(
            RowKind.GAP, signed_name, {**shown, "total": amount(gap.total, view, TONE[gap.net_kind])},
            audience=Audience.NUMBERS, of=(target, total)))
        if gap.shortfall_decides:  # over plans read together, their own shortfalls added up: no formula
            name = (label("shortfall_plans", lang) if gap.parts   # over the net could give it
                    else label("shortfall_years", lang, years=", ".join(map(str, gap.shortfall_years))))
            self.add(self.row(RowKind.SHORTFALL, name, {"total": amount(gap.shortfall, view, TONE[gap.kind])},
                              tone=TONE[gap.kind], audience=Audience.NUMBERS, of=() if gap.parts else (numbers_gap,)))
        shares = totals.coverage()
        if shares is not None:
            self.add(self.row(RowKind.COVERAGE, label("coverage", lang),
                              {"total": Cell(notation.percent_span(shares), Range(*shares))},
                              audience=Audience.NUMBERS, of=(total, target)))


# --- summarize ------------------------------------------------------------------------------------


def measures_table(result: PlanResult, view: View, years: Sequence[int] | None = None,
                   uses: KeysUsed = NONE_USED) -> Table:
    """One plan as ``summarize`` shows it: a row per measure, then the totals block; where the plans
    use them, each measure's decision, probability and expected effect, and its staff."""
    years = result.totals.years if years is None else years
    lang = view.lang
    columns = [Column("id", label("id", lang)), Column("measure", label("measure", lang), ColumnKind.NAME, wide=True),
               Column("area", label("area", lang)), Column("status", label("status", lang)),
               Column("counted", label("counted", lang), audience=Audience.NUMBERS),
               *year_columns(years, view), *_decided_on_columns(uses, view), Column("class", label("class", lang))]
    rows = _Rows(columns, view)
    counted = []
    for measure in result.measures:
        index = rows.add(_measure_row(measure, years, rows, uses))
        if measure.counted:
            counted.append(index)
    rows.totals(result.totals, years, counted)
    return Table(f"plan:{result.plan.path}", plan_heading(result.plan), tuple(columns), tuple(rows.rows),
                 _caption([result.plan.path], view), name=notation.clean(result.plan.title), head=2)


def _measure_row(result: MeasureResult, years: Sequence[int], rows: _Rows, uses: KeysUsed = NONE_USED) -> Row:
    view, measure = rows.view, result.measure
    values = {"id": text(measure.id), "area": text(measure.area or ""), "status": Cell(measure_status(result, view)),
              "counted": Cell(label("yes" if result.counted else "no", view.lang)),
              "total": amount(result.total, view) if result.effects else EMPTY,
              "class": Cell(str(result.interval_class) if result.interval_class else "")}
    values.update({year_key(y): amount(result.effects[y], view) for y in years if y in result.effects})
    if uses.any:
        values.update(_decided_on_cells(result, uses, view))
    return rows.row(RowKind.MEASURE if result.counted else RowKind.UNCOUNTED, notation.clean(measure.title), values)


# --- what a nämnd decides on: decision, probability, the three scenarios, one-off, lasting, staff ----


def _decided_on_columns(uses: KeysUsed, view: View) -> list[Column]:
    """The measures table's columns of the optional keys the plans use (none without them)."""
    lang, columns = view.lang, []
    if uses.scenarios:
        columns += [Column("decision", label("decision_state", lang)),
                    Column("probability", label("probability", lang), ColumnKind.SHARE,
                           number_header=label("probability_share", lang)),  # 0,5 in a spreadsheet: not 0,5 %
                    amount_column("expected", label("expected_effect", lang), view, ColumnKind.PRODUCT,
                                  ("total", "probability"))]
    if uses.staff:
        columns.append(Column("staff", label("staff", lang)))
    return columns


def _decided_on_cells(result: MeasureResult, uses: KeysUsed, view: View) -> dict[str, Cell]:
    """A measure's decision ("nämnd, beslutad: SN 2024/112 § 45"; a rejected one "avslagen"), its probability
    (100 % where none is given), its expected effect (its total × the probability) and its staff per year."""
    measure, lang, cells = result.measure, view.lang, {}
    if uses.scenarios:
        decision = measure.decision
        words = "" if decision is None else decision_text(decision, lang)
        probability = Decimal(1) if measure.probability is None else measure.probability
        cells.update({"decision": Cell(words),
                      "probability": Cell(notation.exact_percent(probability), Range(probability, probability)),
                      "expected": amount(result.expected_total, view) if result.effects else EMPTY})
    if uses.staff and measure.staff:
        cells["staff"] = Cell("; ".join(label("staff_in", lang, staff=notation.exact_number(value), year=year)
                                        for year, value in sorted(measure.staff.items())))
    return cells


_SCENARIO_NAMES = {"decided": "scenario_decided", "expected": "scenario_expected", "planned": "planned"}


def decided_on_table(totals: Totals, uses: KeysUsed, view: View, name: str,
                     plan: tuple[str, Sequence[MeasureResult]] | None = None) -> Table | None:
    """The coverage of the target as three scenarios (each with its totals, the target's gap and the
    coverage, worded as the totals block words them), then the one-off part per year and the lasting
    level, then the staff per year: only the parts whose keys the plans use, none without them.
    ``plan``: the key of the table of its measures (in the order of their rows) and the measures, so a
    workbook computes each scenario from the measure rows."""
    if not (uses.scenarios or uses.one_off or uses.staff):
        return None
    years, lang = totals.years, view.lang
    columns = [Column("measure", label("scenario", lang), ColumnKind.NAME, wide=True), *year_columns(years, view)]
    rows = _Rows(columns, view)
    if uses.scenarios and totals.scenarios is not None:
        _scenario_rows(rows, totals, plan)
    if uses.one_off and totals.one_off is not None:
        members = _members(plan, lambda m: m.counted and m.measure.one_off)
        values = {year_key(y): amount(totals.one_off[y], view) for y in years}
        rows.add(rows.row(RowKind.GROUP, label("one_off", lang),
                          {**values, "total": amount(total_of(totals.one_off), view)}, **members))
        rows.add(rows.row(RowKind.GROUP, label("lasting", lang), {"total": amount(totals.lasting, view)}))
    if uses.staff and totals.staff is not None:
        rows.add(rows.row(RowKind.STAFF, label("staff", lang),
                          {year_key(y): Cell(notation.exact_number(v), Range(v, v)) for y, v in totals.staff.items()}))
    title = label("decided_on" if uses.scenarios else "lasting_and_staff", lang)
    notes = (Note(label("legend_scenarios", lang)),) if uses.scenarios else ()
    return Table(f"decided_on:{plan[0] if plan else name}", title, tuple(columns), tuple(rows.rows),
                 label("unit", lang, unit=view.unit.value), notes, name=f"{name} · {title}")


def _adding_up(together: Table, plans: Sequence[Table]) -> Table:
    """All plans' coverage, each scenario's totals, the one-off part, the lasting level and the staff
    marked as the plans' same rows added up (:attr:`Row.adds`: formulas over the plans' sheets)."""
    name = together.column("measure")
    rows = []
    for row in together.rows:
        if row.kind in (RowKind.GROUP, RowKind.STAFF):
            adds = [(table.key, i) for table in plans for i, other in enumerate(table.rows)
                    if other.kind is row.kind and other.cells[name].text == row.cells[name].text]
            if len(adds) == len(plans):
                row = replace(row, adds=tuple(adds))
        rows.append(row)
    return replace(together, rows=tuple(rows))


def total_of(per_year: Mapping[int, Range]) -> Range:
    """A per-year figure added up over the years."""
    return added_up(per_year.values())


def _members(plan: tuple[str, Sequence[MeasureResult]] | None,
             chosen: Callable[[MeasureResult], bool], weight: str = "") -> dict[str, object]:
    """A row's ``sums`` over the measure rows of ``plan`` that ``chosen`` picks (none without a plan)."""
    if plan is None:
        return {}
    key, measures = plan
    return {"sums": tuple(i for i, m in enumerate(measures) if chosen(m)), "over": key, "weight": weight}


def _scenario_rows(rows: _Rows, totals: Totals, plan: tuple[str, Sequence[MeasureResult]] | None) -> None:
    """The sparbeting once, then each scenario: its totals and, against the target, its gap and coverage
    (the totals block's rows, named "Beslutat: kvar att spara")."""
    view, lang, years = rows.view, rows.view.lang, totals.years
    assert totals.scenarios is not None
    target = None
    if totals.target is None:
        rows.add(rows.row(RowKind.TARGET, f"{label('target', lang)}: {label('no_target', lang)}", {}))
    else:
        target_years = totals.target.years
        targets = {year_key(y): exact(target_years.get(y, 0), view) for y in years} if target_years else {}
        target = rows.add(rows.row(RowKind.TARGET, label("target", lang),
                                   {**targets, "total": exact(totals.target.total, view)}))
    chosen: dict[str, Callable[[MeasureResult], bool]] = {
        "decided": lambda m: m.counted and decided(m.measure), "expected": lambda m: m.counted,
        "planned": lambda m: m.counted}
    for key, scenario in totals.scenarios.items():
        name = label(_SCENARIO_NAMES[key], lang)
        values = {year_key(y): amount(scenario.per_year[y], view) for y in years}
        members = _members(plan, chosen[key], "probability" if key == "expected" else "")
        total = rows.add(rows.row(RowKind.GROUP, name, {**values, "total": amount(scenario.total, view)}, **members))
        if target is None or scenario.gap is None:
            continue
        first = len(rows.rows)
        rows.gap(_as_totals(totals, scenario), years, target, total)
        rows.rows[first:] = [_named(row, rows.name, name, lang) for row in rows.rows[first:]]


def _as_totals(totals: Totals, scenario: Scenario) -> Totals:
    """A scenario as the totals block reads totals: its figures against the same target."""
    return replace(totals, per_year=scenario.per_year, total=scenario.total, gap=scenario.gap,
                   scenarios=None, one_off=None, lasting=None, staff=None)


def _named(row: Row, column: int, scenario: str, lang: Lang) -> Row:
    """A row of the totals block named for its scenario: "Förväntat: kvar att spara"."""
    cells = list(row.cells)
    what = cells[column].text
    cells[column] = Cell(label("scenario_row", lang, scenario=scenario, what=what[:1].lower() + what[1:]),
                         cells[column].value, cells[column].tone)
    return replace(row, cells=tuple(cells))


def all_plans_table(summary: Summary, view: View, plan_tables: Sequence[Table] = ()) -> Table:
    """Several plans, each answering for its own balance: a row per plan (its effect per year, its
    Summa, its sparbeting and what it still has to save, or its surplus), then the totals block of
    all plans, whose Summa also adds up the plans' targets and shortfalls (one plan's surplus covers
    nothing of another's), and the net on a row of its own."""
    years, lang = summary.years, view.lang
    remaining = f"{label('remaining', lang)} / {label('surplus', lang)}"
    columns = [Column("measure", "", ColumnKind.NAME, wide=True), *year_columns(years, view),
               amount_column("plan_target", label("target", lang), view),
               amount_column("plan_shortfall", remaining, view, number_name=label("remaining", lang))]
    rows = _Rows(columns, view)
    summa = {table.key: next(i for i, row in enumerate(table.rows) if row.kind is RowKind.TOTAL)
             for table in plan_tables}
    plan_rows = []
    for result in summary.plans:
        key = f"plan:{result.plan.path}"
        values = {year_key(y): amount(result.totals.per_year[y], view) for y in result.totals.years if y in years}
        values.update({"total": amount(result.totals.total, view), **balance_cells(result.totals, view)})
        plan_rows.append(rows.add(rows.row(RowKind.GROUP, plan_heading(result.plan), values,
                                           link=(key, summa[key]) if key in summa else None)))
    rows.totals(summary.totals, years, plan_rows, balance_cells(summary.totals, view))
    return Table("all", label("all_plans", lang), tuple(columns), tuple(rows.rows),
                 label("unit", lang, unit=view.unit.value), (Note(label("plans_balance_caption", lang)),),
                 name=label("all_plans", lang))


def balance_cells(totals: Totals, view: View) -> dict[str, Cell]:
    """A plan's (or all plans') sparbeting and shortfall: the shortfall cell worded by its verdict
    and holding the shortfall itself (never a net), so that the plans' figures add up."""
    if totals.target is None or totals.gap is None:
        return {"plan_target": Cell(label("no_target", view.lang))}
    gap_name, gap_value = period_verdict(totals.gap, view)
    return {"plan_target": exact(totals.target.total, view),
            "plan_shortfall": Cell(verdict_words(gap_name, gap_value, totals.gap.kind), totals.gap.shortfall,
                                   TONE[totals.gap.kind])}


def groups_table(summary: Summary, groups: Sequence[Group], by: GroupBy, view: View) -> Table:
    """The subtotals of ``--group-by``, then the total they add up to."""
    years, lang = summary.years, view.lang
    columns = [Column("measure", label(by.value, lang), ColumnKind.NAME, wide=True), *year_columns(years, view)]
    rows = _Rows(columns, view)
    members = []
    for group in groups:
        values = {year_key(y): amount(group.per_year[y], view) for y in years}
        members.append(rows.add(rows.row(RowKind.GROUP, group_name(group, view),
                                         {**values, "total": amount(group.total, view)})))
    values = {year_key(y): amount(summary.totals.per_year[y], view) for y in years}
    rows.add(rows.row(RowKind.TOTAL, label("total", lang), {**values, "total": amount(summary.totals.total, view)},
                      sums=tuple(members)))
    title = label("subtotals", lang, by=label(by.value, lang).lower())
    return Table("groups", title, tuple(columns), tuple(rows.rows), label("unit", lang, unit=view.unit.value),
                 name=label("subtotal", lang))


def key_figures(totals: Totals, view: View) -> tuple[Figure, ...]:
    """Sparbeting, the measures' total, the verdict (and the net over per-year targets), the coverage."""
    unit, lang = view.unit.value, view.lang
    if totals.target is not None:
        figures = [Figure(label("target", lang), f"{view.amount(totals.target.total)} {unit}")]
    else:
        figures = [Figure(label("target", lang), label("no_target", lang))]
    figures.append(Figure(label("measures_total", lang), f"{view.span(totals.total)} {unit}"))
    if totals.gap is not None:
        name, value = period_verdict(totals.gap, view, unit)
        figures.append(Figure(name, value, TONE[totals.gap.kind]))
        if totals.gap.net_says_more:  # the net, in no verdict's colour
            figures.append(Figure(label("net", lang), net_text(totals.gap, view, unit)))
        figures.append(Figure(label("coverage", lang), notation.percent_span(totals.coverage())))
    return tuple(figures)


def _charts(totals: Totals, measures: Sequence[MeasureResult], view: View, waterfall: bool = True) -> tuple[Chart, ...]:
    lang = view.lang
    result = []
    if waterfall:
        names = {key: label(key, lang) for key in ("target", "remaining", "surplus", "uncertain", "total", "net")}
        if totals.gap is not None:
            names["uncertain_value"] = gap_text(totals.gap.total, totals.gap.net_kind, view)[1]
            names["net_value"] = net_text(totals.gap, view)
        steps = charts.waterfall_steps(measures, totals, view.unit, names, view.decimals)
        drawn = sum(1 for step in steps if step.kind in (BarKind.SAVING, BarKind.COST))
        hidden = len(measures) - drawn
        if drawn:
            note = count_label("measures_without_effect", hidden, lang) if hidden else ""
            result.append(Chart(ChartKind.WATERFALL, _waterfall_title(totals, view), note, steps=tuple(steps)))
    if totals.years:
        result.append(Chart(ChartKind.PER_YEAR, label("per_year_chart", lang),
                            years=charts.year_bars(totals, view.unit, view.decimals)))
    return tuple(result)


def _waterfall_title(totals: Totals, view: View) -> str:
    """The waterfall ends at the period's net gap: named by its kind, or "netto" over per-year targets."""
    if totals.gap is None:
        return label("waterfall_no_target", view.lang)
    if totals.gap.shortfall_decides:
        return label("waterfall", view.lang, what=label("net", view.lang).lower())
    if totals.gap.net_kind is GapKind.UNCERTAIN:
        return label("waterfall", view.lang, what=label("what_uncertain", view.lang))
    return label("waterfall", view.lang, what=gap_text(totals.gap.total, totals.gap.net_kind, view)[0].lower())


def summary_document(summary: Summary, view: View, group_by: GroupBy | None = None,
                     today: datetime.date | None = None) -> Document:
    """``summarize``: all plans together (when several), then a section per plan."""
    view = with_decimals(replace(view, paths=shown_paths(result.plan.path for result in summary.plans)),
                         summary_amounts(summary))
    plans = [measures_table(result, view, uses=summary.uses) for result in summary.plans]
    sections = [Section(table.title, _caption([result.plan.path], view), key_figures(result.totals, view),
                        _charts(result.totals, result.measures, view),
                        (*_with_decided_on((shown,), result.totals, summary.uses, view, table.name,
                                           (table.key, result.measures)), *tables),
                        sheet=sheet)
                for result, table, sheet in zip(summary.plans, plans,
                                                plan_sheet_names([r.plan for r in summary.plans]))
                for shown, tables in [board.board_tables(result, table, view)]]
    if len(summary.plans) > 1:
        together = all_plans_table(summary, view, plans)
        sections.insert(0, Section(together.title, _caption([r.plan.path for r in summary.plans], view),
                                   key_figures(summary.totals, view),
                                   _charts(summary.totals, summary.measures, view, waterfall=False),
                                   _with_decided_on((together,), summary.totals, summary.uses, view,
                                                    together.name, added=[
                                                        table for section in sections for table in section.tables
                                                        if table.key.startswith("decided_on:")]),
                                   sheet=label("summary_sheet", view.lang)))
    title = sections[0].title if sections else label("all_plans", view.lang)
    return _document("summarize", title, _with_groups(sections, summary, group_by, view), summary, view, today)


def _with_decided_on(tables: tuple[Table, ...], totals: Totals, uses: KeysUsed, view: View, name: str,
                     plan: tuple[str, Sequence[MeasureResult]] | None = None,
                     added: Sequence[Table] = ()) -> tuple[Table, ...]:
    """``tables`` and, where the plans use the optional keys, the table of what a nämnd decides on (all
    plans': the ``added`` tables of each plan added up)."""
    table = decided_on_table(totals, uses, view, name, plan)
    if table is not None and added:
        table = _adding_up(table, added)
    return tables if table is None else (*tables, table)


def _with_groups(sections: list[Section], summary: Summary, group_by: GroupBy | None, view: View) -> tuple[Section, ...]:
    if group_by is None or not sections:
        return tuple(sections)
    groups = groups_table(summary, group_totals(summary, group_by), group_by, view)
    first = sections[0]
    return (Section(first.title, first.subtitle, first.figures, first.charts, (*first.tables, groups), first.notes,
                    first.sheet), *sections[1:])


def _document(kind: str, title: str, sections: tuple[Section, ...], summary: Summary, view: View,
              today: datetime.date | None) -> Document:
    lang = view.lang
    notes = [Note(label("rounded_note", lang))] if shows_rounded(summary, view.unit, view.decimals) else []
    notes += [Note(line, Tone.UNCERTAIN, warning=True)
              for line in mismatch_texts(summary.mismatches, view.unit, lang, view.path, view.decimals)]
    tables = [table for section in sections for table in section.tables]
    classes = any(column.key == "class" for table in tables for column in table.columns)
    legend = Legend(label("legend_classes", lang) if classes else "", verdicts_legend(lang),
                    board.legend_terms(summary, lang))
    paths = [view.path(result.plan.path) for result in summary.plans]
    date = label("report_date", lang, date=today.isoformat()) if today is not None else ""
    organisations = dict.fromkeys(notation.clean(r.plan.organisation) for r in summary.plans if r.plan.organisation)
    facts = [(label("organisation", lang), "; ".join(organisations))] if organisations else []
    if summary.years:
        first, last = summary.years[0], summary.years[-1]
        facts.append((label("plan_period", lang), str(first) if first == last else f"{first}–{last}"))
    facts += [(label("plan", lang), path) for path in paths] + [("", label("unit", lang, unit=view.unit.value))]
    statuses = any(column.key == "status" for table in tables for column in table.columns)
    return Document(kind, title, lang, view.unit, sections, tuple(facts), tuple(notes), legend, date,
                    has_ranges(summary), document_words(view, statuses), view.decimals, today)


def verdicts_legend(lang: Lang) -> tuple[LegendEntry, ...]:
    """Each verdict's colour in the legend: still to save, surplus, either."""
    return tuple(LegendEntry(TONE[kind], label(key, lang), label(f"legend_{key}", lang))
                 for kind, key in ((GapKind.SHORT, "remaining"), (GapKind.SURPLUS, "surplus"),
                                   (GapKind.UNCERTAIN, "uncertain")))


def document_words(view: View, statuses: bool = True) -> dict[str, str]:
    """The writers' fixed words (:attr:`Document.words`) of every report; ``statuses``: with what a
    measure's status means for the total (where a table shows the statuses)."""
    lang = view.lang
    words = {"plan": label("plan", lang), "warning": label("warning", lang), "warnings": label("warnings", lang),
             "legend": label("legend", lang), "range_note": label("range_note", lang),
             "target": label("target", lang), "generated": label("generated", lang, version=__version__),
             "marks_bad": label("marks_bad", lang), "marks_bold": label("marks_bold", lang)}
    if statuses:
        words["statuses"] = statuses_legend(view)
    return words


def statuses_text(view: View) -> str:
    """The statuses of a ``--status`` filter, in the report's language: "pågår, klart"."""
    return ", ".join(status_word(status, view.lang) for status in view.statuses)


def statuses_legend(view: View) -> str:
    """What the statuses mean for the total: every status but avbruten counts, a possible effect does
    not; under ``--status``, only those statuses."""
    lang = view.lang
    if view.statuses:
        return label("legend_statuses_only", lang, statuses=statuses_text(view))
    counted = ", ".join(status_word(status, lang) for status in Status if status is not Status.CANCELLED)
    return label("legend_statuses", lang, counted=counted, cancelled=status_word(Status.CANCELLED, lang),
                 possible=label("possible", lang))


# --- gap --------------------------------------------------------------------------------------------


def gap_table(summary: Summary, view: View) -> Table:
    """``gap``: per year and for the period, the target, the measures' total, the gap and the coverage."""
    totals, lang = summary.totals, view.lang
    columns = (Column("year", label("year", lang), ColumnKind.NAME), amount_column("target", label("target", lang), view),
               amount_column("measures_total", label("measures_total", lang), view),
               amount_column("gap", f"{label('remaining', lang)} / {label('surplus', lang)}", view),
               Column("coverage", label("coverage", lang), ColumnKind.SHARE))
    title = (plan_heading(summary.plans[0].plan) if len(summary.plans) == 1
             else ", ".join(notation.clean(r.plan.title) for r in summary.plans))
    notes = ((Note(label(_target_note(summary), lang)),)
             if totals.target is not None and totals.target.years is None and summary.years else ())
    if len(summary.years) == 1:
        rows = _gap_period_rows(totals, view, str(summary.years[0]))
    else:
        rows = [_gap_year_row(totals, year, view) for year in summary.years]
        rows += _gap_period_rows(totals, view, label("period", lang))
    return Table("gap", title, columns, tuple(rows), _caption([r.plan.path for r in summary.plans], view), notes,
                 name=title, audience=Audience.TEXT)


def _target_note(summary: Summary) -> str:
    """Why the years have no target: the target is for the whole period, or, over plans read
    together, some plans' targets are per year and others' for the period."""
    per_year = any(r.totals.target is not None and r.totals.target.years is not None for r in summary.plans)
    return "target_mixed" if per_year else "target_period_only"


_DASH = Cell("–")


def _share(shares: tuple[object, object] | None) -> Cell:
    if shares is None:
        return _DASH
    return Cell(notation.percent_span(shares), Range(*shares))  # type: ignore[arg-type]


def _gap_year_row(totals: Totals, year: int, view: View) -> Row:
    total = amount(totals.per_year[year], view)
    target = totals.target.years.get(year) if totals.target and totals.target.years else None
    if target is None or totals.gap is None or totals.gap.years is None:
        return Row(RowKind.YEAR, (Cell(str(year)), _DASH, total, _DASH, _DASH))
    words, kind = year_gap(totals.gap, year, view)
    return Row(RowKind.YEAR, (Cell(str(year)), exact(target, view), total, Cell(words, totals.gap.year_shown(year), TONE[kind]),
                              _share(coverage(totals.per_year[year], target))), TONE[kind])


def _gap_period_rows(totals: Totals, view: View, name: str) -> list[Row]:
    """The period's verdict; over per-year targets where a year falls short, the net on a row of its own."""
    total = amount(totals.total, view)
    if totals.target is None or totals.gap is None:
        return [Row(RowKind.TOTAL, (Cell(name), Cell(label("no_target", view.lang)), total, _DASH, _DASH))]
    gap: Gap = totals.gap
    gap_name, value = period_verdict(gap, view)
    verdict = Cell(f"{gap_name}: {value}", gap.shown, TONE[gap.kind])
    rows = [Row(RowKind.TOTAL, (Cell(name), exact(totals.target.total, view), total, verdict,
                                _share(totals.coverage())), TONE[gap.kind])]
    if gap.net_says_more:
        rows.append(Row(RowKind.NET, (Cell(label("net", view.lang)), EMPTY, EMPTY,
                                      Cell(net_text(gap, view), gap.total), EMPTY)))
    return rows


def gap_document(summary: Summary, view: View, group_by: GroupBy | None = None,
                 today: datetime.date | None = None) -> Document:
    """``gap``: the gap table (and, for the spreadsheet formats, the totals block with the same figures)."""
    view = with_decimals(replace(view, paths=shown_paths(result.plan.path for result in summary.plans)),
                         summary_amounts(summary))
    table = gap_table(summary, view)
    name = (notation.clean(summary.plans[0].plan.title) if len(summary.plans) == 1
            else label("all_plans", view.lang))
    years = summary.years
    if len(summary.plans) > 1:  # each plan's target, total and shortfall first, for every format
        tables: tuple[Table, ...] = (all_plans_table(summary, view), table)
    else:
        columns = [Column("measure", label("measure", view.lang), ColumnKind.NAME, wide=True),
                   *year_columns(years, view)]
        rows = _Rows(columns, view)
        rows.totals(summary.totals, years, ())
        tables = (table, Table("totals", table.title, tuple(columns), tuple(rows.rows), table.caption, name=name,
                               audience=Audience.NUMBERS))
    tables = _with_decided_on(tables, summary.totals, summary.uses, view, name)
    section = Section(table.title, table.caption, key_figures(summary.totals, view),
                      _charts(summary.totals, summary.measures, view), tables,
                      sheet=notation.clean(table.title))
    return _document("gap", table.title, _with_groups([section], summary, group_by, view), summary, view, today)
