"""rich alone rendering `summarize`'s terminal tables to a file: the reference `summarize` (table) is timed against.

    COLUMNS=300 python benchmarks/refs/terminal_rich.py PLANS-FOLDER OUT.txt

What it does: reads the folder with rows.py (PyYAML's C loader, the rows made plainly: see its
docstring) and prints budgetbalans's tables, each a rich ``Table`` with its title and caption, text
columns left and amounts right-justified and never wrapped, a section line above the totals, the
totals bold and uncounted measures dim, on a file ``Console`` as wide as ``COLUMNS`` (140 without it, as
budgetbalans prints to a file), without markup, highlighting or emoji. Run both at a width where the
tables fit (benchmarks/run.py uses 300), so that budgetbalans too prints tables, not a block per row.
What it does not do: the notes under the tables, colours for a terminal, any check.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

import rows

STYLES = {"total": "bold", "remaining": "bold", "uncounted": "dim"}


def rich_table(table: rows.Table) -> Table:
    result = Table(title=table.title, title_justify="left", caption=table.meta, caption_justify="left")
    for index, header in enumerate(table.headers):
        amount = index >= table.text_columns
        result.add_column(header, justify="right" if amount else "left", no_wrap=amount)
    first_total = True
    for kind, cells in table.rows:
        if kind == "total" and first_total:
            result.add_section()
            first_total = False
        result.add_row(*(rows.cell_text(cell) for cell in cells), style=STYLES.get(kind))
    return result


def main(folder: str, out: str) -> None:
    with open(out, "w", encoding="utf-8") as file:
        console = Console(file=file, width=int(os.environ.get("COLUMNS") or 140), highlight=False, emoji=False,
                          markup=False, soft_wrap=False)
        for index, table in enumerate(rows.tables(rows.plans(Path(folder)))):
            if index:
                console.print()
            console.print(rich_table(table))


if __name__ == "__main__":
    main(*sys.argv[1:3])
