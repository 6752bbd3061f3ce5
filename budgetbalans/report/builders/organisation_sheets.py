"""Builder of the organisation tree's sheets in a workbook: a sheet per nämnd, whose rows the summary sheet's add up.

``summarize --format xlsx`` under a tree: the section "Organisationen" (:mod:`~budgetbalans.report.builders.organisation`)
is the summary sheet, and each part of the root (a nämnd) gets a table of its own on a sheet of its own
(:attr:`Table.sheet`, shown only by the workbook: :attr:`Audience.WORKBOOK`). On a nämnd's sheet, each node of its
subtree has a row, and under it a row per plan of its own (linked to the plan's Summa on the plan's sheet:
:attr:`Row.link`) and a row for what of its own part no plan takes; the node's row adds those rows and its parts'
rows up (:attr:`Row.adds`): its total per year and for the period and what it still has to save (each part and
plan answering for its own balance, never netted). The summary sheet's rows repeat the nodes' rows on the nämnd
sheets (its root's adds up the nämnder's rows, its own plans' and its own part's), so every figure a controller
sees there is a formula they can follow down to the plans. The sparbeting is an input, a figure everywhere; the
net and the coverage are the row's own ``target − total`` and ``total / target``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from budgetbalans.core.organisation import NodeResult, Rollup
from budgetbalans.core.summary import PlanResult, Summary
from budgetbalans.i18n import template
from budgetbalans.plan import notation
from budgetbalans.report.builders.labels import label
from budgetbalans.report.builders.organisation import coverage_cell, net_cell, node_row, organisation_view
from budgetbalans.report.builders.summary import TONE, amount, balance_cells, plan_heading, text, year_key
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, Document, Note, Row, RowKind, Table, Tone,
)
from budgetbalans.report.options import BuildOptions, View

LABELS = (
    template("label.own_part_uncovered", "Egen del som ingen plan tar", "Own part no plan takes"),
    template("label.node_sheet_note",
             "Varje dels rad är raderna under den adderade: dess egna planer (var och en länkad till sin Summa "
             "på planens blad), den egna del som ingen plan tar och dess delar. Kvar att spara är deras belopp "
             "adderade, aldrig minskat med en annan dels överskott; sparbetinget är inmatat, som trädet "
             "(budgetbalans.yaml) skriver det.",
             "Each part's row is the rows under it added up: its own plans (each linked to its Summa on the "
             "plan's sheet), the own part no plan takes, and its parts. Still to save is their amounts added "
             "up, never reduced by another part's surplus; the savings target is an input, as the tree "
             "(budgetbalans.yaml) writes it."),
)

ORGANISATION = "organisation"  # the key of the summary sheet's table (organisation_table's)


def with_node_sheets(document: Document, rollup: Rollup, summary: Summary, report: BuildOptions) -> Document:
    """``document`` (with the organisation's section first) with a sheet per nämnd, the summary sheet's rows
    adding them up."""
    view = organisation_view(report.view, rollup, summary)
    summas = {table.key: next(i for i, row in enumerate(table.rows) if row.kind is RowKind.TOTAL)
              for table in document.tables() if table.key.startswith("plan:")
              and any(row.kind is RowKind.TOTAL for row in table.rows)}
    first = document.sections[0]
    summary_table = next(table for table in first.tables if table.key == ORGANISATION)
    sheets = [_NodeSheet(f"{ORGANISATION}:{part.organisation}", summary_table.columns, view, summas)
              for part in rollup.root.parts]
    tables = [sheet.table(part, summary_table) for sheet, part in zip(sheets, rollup.root.parts)]
    homes = {name: (sheet.key, index) for sheet in sheets for name, index in sheet.homes.items()}
    linked = _summary_rows(summary_table, rollup.nodes(report.level), view, summas, homes)
    shown = tuple(replace(table, rows=linked) if table is summary_table else table for table in first.tables)
    return replace(document, sections=(replace(first, tables=(*shown, *tables)), *document.sections[1:]))


def _summary_rows(table: Table, nodes: Iterable[NodeResult], view: View, summas: dict[str, int],
                  homes: dict[str, tuple[str, int]]) -> tuple[Row, ...]:
    """The summary's rows (one per node of ``nodes``, as :func:`organisation_table` made them): the root's adding
    up the nämnder's rows and its own (shown only in the workbook, right under it), every other node's
    repeating its row on its nämnd's sheet."""
    rows: list[Row] = []
    for row, node in zip(table.rows, nodes):
        if node.depth:
            rows.append(replace(row, link=homes[node.organisation]))
            continue
        own = _NodeSheet(ORGANISATION, table.columns, view, summas, first=1)
        adds = [homes[part.organisation] for part in node.parts] + [(ORGANISATION, i) for i in own.own(node)]
        rows += [replace(row, adds=tuple(adds)), *own.rows]
    return tuple(rows)


class _NodeSheet:
    """The rows of one table of nodes: each node's, its own plans' and own part's, adding up the rows under it."""

    def __init__(self, key: str, columns: Sequence[Column], view: View, summas: dict[str, int],
                 first: int = 0) -> None:
        self.key, self.columns, self.view, self.summas, self.first = key, tuple(columns), view, summas, first
        self.rows: list[Row] = []
        self.homes: dict[str, int] = {}  # a node's name → its row's index in the table

    def table(self, part: NodeResult, summary: Table) -> Table:
        """A nämnd's table, on a sheet named for it."""
        self.node(part)
        name = notation.clean(part.organisation)
        return Table(self.key, name, self.columns, tuple(self.rows), summary.caption,
                     (Note(label("node_sheet_note", self.view.lang)),), name=name, audience=Audience.WORKBOOK,
                     sheet=name)

    def node(self, node: NodeResult) -> int:
        """The node's row, then its own rows and its parts' (their rows' indexes its ``adds``)."""
        at = self._add(node_row(node, self.columns, self.view))
        self.homes[node.organisation] = at
        under = [*self.own(node), *(self.node(part) for part in node.parts)]
        self.rows[at - self.first] = replace(self.rows[at - self.first], adds=tuple((self.key, i) for i in under))
        return at

    def own(self, node: NodeResult) -> list[int]:
        """A row per plan naming the node, and one for what of its own part no plan takes."""
        indexes = [self._add(self._plan_row(result, node.depth + 1)) for result in node.plans]
        if node.uncovered is not None:
            indexes.append(self._add(self._uncovered_row(node, node.depth + 1)))
        return indexes

    def _add(self, row: Row) -> int:
        self.rows.append(row)
        return self.first + len(self.rows) - 1

    def _row(self, values: dict[str, Cell], depth: int, tone: Tone = Tone.NEUTRAL,
             link: tuple[str, int] | None = None) -> Row:
        cells = tuple(values.get(column.key, EMPTY) for column in self.columns)
        return Row(RowKind.GROUP, cells, tone, Audience.WORKBOOK, link=link, depth=depth)

    def _plan_row(self, result: PlanResult, depth: int) -> Row:
        """A plan's effect per year and Summa (repeating its Summa on its sheet), its target, balance, net and
        coverage."""
        view, totals = self.view, result.totals
        values = {year_key(year): amount(value, view) for year, value in totals.per_year.items()}
        values.update({"measure": text(plan_heading(result.plan)), "total": amount(totals.total, view),
                       **balance_cells(totals, view), "net": net_cell(totals, view),
                       "coverage": coverage_cell(totals), "plans": text(view.path(result.plan.path))})
        key = f"plan:{result.plan.path}"
        tone = Tone.NEUTRAL if totals.gap is None else TONE[totals.gap.kind]
        return self._row(values, depth, tone, (key, self.summas[key]) if key in self.summas else None)

    def _uncovered_row(self, node: NodeResult, depth: int) -> Row:
        """What of the node's own part no plan takes: as a target, and all of it still to save."""
        uncovered, view = node.uncovered, self.view
        assert uncovered is not None
        values = {"measure": Cell(label("own_part_uncovered", view.lang)),
                  "plan_target": amount(uncovered.total, view),
                  "plan_shortfall": amount(uncovered.shortfall, view, TONE[uncovered.kind])}
        return self._row(values, depth, TONE[uncovered.kind])
