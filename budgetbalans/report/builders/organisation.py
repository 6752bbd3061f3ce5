"""Builder of the organisation tree's table: the core's :class:`~budgetbalans.core.organisation.Rollup` as the
section "Organisationen" that ``summarize`` and ``gap`` put first where a tree (``budgetbalans.yaml``) is read.

One row per node in tree order, down to ``--level``, each carrying its depth (:attr:`Row.depth`: the text
writers indent its name by it; CSV and xlsx show it in the column *Nivå*): its counted total per year and
for the period (*Summa åtgärder*), what it answers for (*Sparbeting*), what is still to save (*Kvar att
spara*: its shortfall, never netted across nodes, plans or years, worded by the core's verdict exactly as a
plan's is in the table of all plans), the net apart (*Netto*: target − total, in no verdict's colour), the
coverage, and its own plans, or "ingen plan" where its own part asks for something and no plan names it.
Each row's tone is the core's verdict on the node's shortfall (:attr:`~budgetbalans.core.gap.Gap.kind`).
The section's chart (:func:`~budgetbalans.report.builders.charts.organisation_chart`) is a bar per row: what
of the node's target is covered and what is still to save, beside the row's verdict in words.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Sequence

from budgetbalans.core.organisation import NodeResult, Rollup
from budgetbalans.core.summary import Summary, Totals
from budgetbalans.i18n import template
from budgetbalans.plan import notation
from budgetbalans.plan.money import Range
from budgetbalans.report.builders import charts
from budgetbalans.report.builders.labels import label
from budgetbalans.report.builders.summary import (
    TONE, amount, amount_column, balance_cells, key_figures, text, year_key,
)
from budgetbalans.report.builders.wording import net_text, shown_paths, summary_amounts, with_decimals
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Note, Row, RowKind, Section,
    Table, Tone,
)
from budgetbalans.report.options import BuildOptions, View

LABELS = (
    template("label.organisation_table", "Organisationen", "The organisation"),
    template("label.level", "Nivå", "Level"),
    template("label.net_column", "Netto", "Net"),
    template("label.own_plans", "Egna planer", "Own plans"),
    template("label.no_plan", "ingen plan", "no plan"),
    template("label.organisation_plans_note",
             "Här räknas planerna mot sina egna sparbeting ({plans}). {organisation} har {whole} att spara: "
             "det som ingen plan svarar för (ej fördelat, delar utan plan) står under Organisationen.",
             "Here the plans are reckoned against their own targets ({plans}). {organisation} has {whole} to "
             "save: what no plan answers for (not allocated, parts without a plan) is under The organisation."),
    template("label.organisation_note",
             "Varje del svarar för sin egen balans: kvar att spara är delarnas och de egna planernas belopp "
             "adderade (och den egna delen där ingen plan tar den), aldrig minskat med en annan dels överskott; "
             "nettot (sparbeting − summa) visas för sig.",
             "Each part answers for its own balance: still to save is its parts' and its own plans' amounts "
             "added up (and its own part where no plan takes it), never reduced by another part's surplus; "
             "the net (target − total) is shown apart."),
)


def with_organisation(document: Document, rollup: Rollup, summary: Summary, report: BuildOptions) -> Document:
    """``document`` (summarize's or gap's) with the organisation's section first, and titled by the
    organisation (the kommun), which the report is about, rather than by its plans."""
    view = organisation_view(report.view, rollup, summary)
    sections = list(document.sections)
    if sections:
        sections[0] = _beside_the_tree(sections[0], rollup, summary, view)
    return replace(document, title=notation.clean(rollup.root.organisation),
                   sections=(organisation_section(rollup, view, report.level), *sections))


def _beside_the_tree(section: Section, rollup: Rollup, summary: Summary, view: View) -> Section:
    """The plans' own section, with a note where the plans' own targets add up to less (or more) than the
    organisation's whole target: so that its "kvar att spara" is not read as the organisation's."""
    whole, plans = rollup.root.target, summary.totals.target
    if whole is None or (plans is not None and plans.total == whole.total):
        return section
    unit = view.unit.value
    note = label("organisation_plans_note", view.lang, organisation=notation.clean(rollup.root.organisation),
                 whole=f"{view.amount(whole.total)} {unit}",
                 plans=f"{view.amount(plans.total)} {unit}" if plans is not None else label("no_target", view.lang))
    return replace(section, notes=(*section.notes, Note(note)))


def organisation_view(view: View, rollup: Rollup, summary: Summary) -> View:
    """The report's view, with the decimals that show every amount of the plans and of the tree."""
    paths = shown_paths(result.plan.path for result in summary.plans)
    tree: list[Decimal | None] = []
    for node in rollup.nodes():
        figures = [node.totals.total, *node.totals.per_year.values()]
        figures += [] if node.gap is None else [node.gap.total, node.gap.shortfall]
        tree += [end for value in figures for end in (value.low, value.high)]
        tree += [] if node.target is None else [node.target.total]
    return with_decimals(replace(view, paths=paths), [*summary_amounts(summary), *tree])


def organisation_section(rollup: Rollup, view: View, level: int | None = None) -> Section:
    """The section "Organisationen": the root's key figures, a bar per node and the table of the nodes."""
    table = organisation_table(rollup, view, level)
    verdicts = [row.cells[table.column("plan_shortfall")] for row in table.rows]
    chart = charts.organisation_chart(list(rollup.nodes(level)), verdicts, view)
    return Section(table.title, table.caption, key_figures(rollup.root.totals, view), (chart,), (table,),
                   sheet=table.title)


def organisation_table(rollup: Rollup, view: View, level: int | None = None) -> Table:
    """A row per node, down to ``level`` (0: the root only), indented by its depth."""
    lang = view.lang
    years = rollup.years
    columns = (
        Column("measure", label("organisation", lang), ColumnKind.NAME, wide=True),
        Column("level", label("level", lang), audience=Audience.NUMBERS),
        *(amount_column(year_key(year), str(year), view) for year in years),
        amount_column("total", label("measures_total", lang), view, ColumnKind.TOTAL,
                      tuple(year_key(year) for year in years)),
        replace(amount_column("plan_target", label("target", lang), view), given=True),
        amount_column("plan_shortfall", f"{label('remaining', lang)} / {label('surplus', lang)}", view,
                      ColumnKind.SHORTFALL, number_name=label("remaining", lang)),
        amount_column("net", label("net_column", lang), view, ColumnKind.NET, ("plan_target", "total"),
                      number_name=label("gap_signed_net", lang)),
        Column("coverage", label("coverage", lang), ColumnKind.SHARE, of=("total", "plan_target")),
        Column("plans", label("own_plans", lang)),
    )
    rows = tuple(node_row(node, columns, view) for node in rollup.nodes(level))
    caption = f"{notation.clean(rollup.root.organisation)} · {label('unit', lang, unit=view.unit.value)}"
    title = label("organisation_table", lang)
    return Table("organisation", title, columns, rows, caption, (Note(label("organisation_note", lang)),),
                 name=title)


def node_row(node: NodeResult, columns: Sequence[Column], view: View) -> Row:
    """A node's row: its figures, its depth, its own plans; its tone the core's verdict on its shortfall."""
    values = {year_key(year): amount(value, view) for year, value in node.totals.per_year.items()}
    values.update({"measure": text(node.organisation), "level": Cell(str(node.depth)),
                   "total": amount(node.totals.total, view), **balance_cells(node.totals, view),
                   "net": net_cell(node.totals, view), "coverage": coverage_cell(node.totals),
                   "plans": plans_cell(node, view)})
    tone = Tone.NEUTRAL if node.gap is None else TONE[node.gap.kind]
    return Row(RowKind.GROUP, tuple(values.get(column.key, EMPTY) for column in columns), tone, depth=node.depth)


def net_cell(totals: Totals, view: View) -> Cell:
    """target − total, in words by its own kind and in no verdict's colour: the net is never a verdict."""
    return EMPTY if totals.gap is None else Cell(net_text(totals.gap, view), totals.gap.total)


def coverage_cell(totals: Totals) -> Cell:
    """total / target, the figure to six decimals as JSON writes it."""
    shares = totals.coverage()
    if shares is None:
        return Cell("–")
    low, high = (None if share is None else round(share, 6) for share in shares)
    return Cell(notation.percent_span(shares), Range(low, high))


def plans_cell(node: NodeResult, view: View) -> Cell:
    """The plans naming the node, by file; "ingen plan" where its own part asks for something and none does."""
    if node.no_plan:
        return Cell(label("no_plan", view.lang))
    return text(", ".join(view.path(result.plan.path) for result in node.plans))
