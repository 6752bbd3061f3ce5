"""XlsxWriter alone writing `summarize --format xlsx`'s sheets: the reference its xlsx is timed against.

    python benchmarks/refs/xlsx_xlsxwriter.py PLANS-FOLDER OUT.xlsx

What it does: reads the folder with rows.py (PyYAML's C loader, the rows made plainly: see its
docstring) and writes the workbook budgetbalans writes, with the same sheets and columns: a sheet
"Sammanställning" (a row per plan and the totals) and a sheet per plan (its measures: number, title,
area, status, counted, a low and a high column for each year and for the sum, interval class; its sum,
target and what remains), title and meta line above each table, a bold header, amounts as numbers with
a thousands format, column widths set. What it does not do: formulas (budgetbalans writes the sums as
formulas; here they are numbers), notes, print settings, any check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import xlsxwriter

import rows


def sheet_name(title: str, taken: set[str]) -> str:
    """The plan's organisation as a sheet name: at most 31 characters, unique."""
    base = title.rsplit(" — ", 1)[-1][:28]
    name, number = base, 2
    while name.lower() in taken:
        name, number = f"{base} {number}", number + 1
    taken.add(name.lower())
    return name


def write_table(book: xlsxwriter.Workbook, sheet: object, table: rows.Table, counted: list[str] | None) -> None:
    """The table's title, meta, header and rows on ``sheet``: each amount column as a low and a high column."""
    bold, amount = book.add_format({"bold": True}), book.add_format({"num_format": "# ##0"})
    sheet.write_string(0, 0, table.title, bold)  # type: ignore[attr-defined]
    sheet.write_string(1, 0, table.meta)  # type: ignore[attr-defined]
    texts = table.headers[:table.text_columns] + (["Medräknad"] if counted is not None else [])
    headers = texts + [f"{header} {end} (tkr)" for header in table.headers[table.text_columns:-1] for end in ("låg", "hög")]
    headers += [table.headers[-1]] if counted is not None else [f"{table.headers[-1]} {end} (tkr)" for end in ("låg", "hög")]
    sheet.write_row(3, 0, headers, bold)  # type: ignore[attr-defined]
    for index, (kind, cells) in enumerate(table.rows):
        line = 4 + index
        column = 0
        for cell in cells[:table.text_columns]:
            if cell:
                sheet.write_string(line, column, rows.cell_text(cell))  # type: ignore[attr-defined]
            column += 1
        if counted is not None:
            sheet.write_string(line, column, counted[index] if index < len(counted) else "")  # type: ignore[attr-defined]
            column += 1
        last = len(cells) - (1 if counted is not None else 0)
        for cell in cells[table.text_columns:last]:
            if isinstance(cell, tuple):
                sheet.write_number(line, column, cell[0], amount)  # type: ignore[attr-defined]
                sheet.write_number(line, column + 1, cell[1], amount)  # type: ignore[attr-defined]
            column += 2
        if counted is not None and isinstance(cells[-1], str):
            sheet.write_string(line, column, cells[-1])  # type: ignore[attr-defined]
    sheet.set_column(0, 0, 40 if counted is None else 6)  # type: ignore[attr-defined]
    sheet.set_column(1, len(headers), 14)  # type: ignore[attr-defined]


def main(folder: str, out: str) -> None:
    read = rows.plans(Path(folder))
    tables = rows.tables(read)
    book = xlsxwriter.Workbook(out)
    write_table(book, book.add_worksheet("Sammanställning"), tables[0], None)
    taken = {"sammanställning"}
    for plan, table in zip(read, tables[1:]):
        counted = ["ja" if measure.counted else "nej" for measure in plan.measures]
        write_table(book, book.add_worksheet(sheet_name(plan.name, taken)), table, counted)
    book.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
