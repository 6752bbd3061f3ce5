"""python-docx alone writing `summarize --format docx`'s tables: the reference its Word document is timed against.

    python benchmarks/refs/docx_python_docx.py PLANS-FOLDER OUT.docx

What it does: reads the folder with rows.py (PyYAML's C loader, the rows made plainly: see its
docstring) and writes, with python-docx's public API, the tables budgetbalans's document has: the
table of all plans (a row per plan and the totals), then for each plan a heading, its meta line and
key figures, the table of its measures (number, title, area, status, each year, sum; its sum, target
and what remains) and the table of their details (number, title, responsible, schedule, status, each
year, interval class). Each table is added with all its rows at once (``add_table(rows, cols)``: adding
row by row is quadratic in python-docx) and each cell's text is set through ``row.cells``. What it
does not do: styles, widths, landscape sections, the charts, notes, any check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx

import rows


def add_table(document: object, headers: list[str], body: list[list[str]]) -> None:
    table = document.add_table(rows=len(body) + 1, cols=len(headers))  # type: ignore[attr-defined]
    for row, texts in zip(table.rows, [headers, *body]):
        for cell, text in zip(row.cells, texts):
            if text:
                cell.text = text


def main(folder: str, out: str) -> None:
    read = rows.plans(Path(folder))
    tables = rows.tables(read)
    document = docx.Document()
    for index, table in enumerate(tables):
        document.add_heading(table.title, 0 if index == 0 else 1)
        document.add_paragraph(table.meta)
        for name, value in table.figures:
            document.add_paragraph(f"{name}: {value}")
        texts = [[rows.cell_text(cell) for cell in cells] for _, cells in table.rows]
        if index == 0:
            add_table(document, table.headers, texts)
            continue
        add_table(document, table.headers[:-1], [line[:-1] for line in texts])
        plan = read[index - 1]
        add_table(document, ["Nr", "Åtgärd", "Ansvarig", "Tidplan", "Status", *map(str, plan.years), "Intervall"],
                  [[m.number, m.title, m.responsible, m.schedule, m.status, *map(rows.text, m.effects), m.interval]
                   for m in plan.measures])
    document.save(out)


if __name__ == "__main__":
    main(*sys.argv[1:3])
