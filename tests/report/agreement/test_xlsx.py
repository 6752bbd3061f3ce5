"""The workbooks, as LibreOffice recalculates them, carry the numbers and verdicts of the JSON, for
generated plans (how each is read: :mod:`tests.report.agreement.reading`)."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.clients import SHEETS_AS_CSV, SOFFICE, soffice, zero_cached_results
from tests.report.agreement.plans import (
    FIXED, PlanSpec, as_json, command, invoke, plan_sets, write_plans,
)
from tests.report.agreement.reading import (
    NumberRows, check_decided_on, check_follow_up_numbers, check_numbers, follow_up_json, heading,
)


pytestmark = pytest.mark.clients

# --- xlsx, as LibreOffice recalculates it ------------------------------------------------------


def sheet_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))


def header_row(rows: list[list[str]], *names: str) -> int:
    """The sheet's header: the first row with a column of each name (``2024 (tkr)``, ``Summa låg (tkr)``)."""
    for index, row in enumerate(rows):
        if all(any(cell.split(" ")[0] == name for cell in row) for name in names):
            return index
    raise AssertionError(f"no header row with {names}")


def sheet_number(cell: str) -> Decimal:
    """A recalculated figure. LibreOffice computes in binary floating point, as every spreadsheet does: a sum
    of decimals such as -109,8 + 71,1 − 78 comes out as -6.89999999999999 (15 significant digits), so the
    figure is read to 12 significant digits (an error in a formula is far larger)."""
    assert re.fullmatch(r"-?\d+(\.\d+)?(E[+-]?\d+)?", cell), cell  # as LibreOffice writes raw values
    value = Decimal(cell)
    return value if not value else round(value, 11 - value.adjusted()).normalize()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@settings(max_examples=3)
@given(plan_set_list=st.lists(plan_sets(), min_size=3, max_size=3))
@example(plan_set_list=FIXED)
def test_xlsx_recalculated_agrees_with_json(plan_set_list: list[list[PlanSpec]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        books, expected = [], {}
        for n, plan_set in enumerate(plan_set_list):
            paths = write_plans(plan_set, folder / f"set{n}")
            for which in ("summarize", "follow-up"):
                args = command(which, plan_set, paths)
                book = folder / f"{'s' if which == 'summarize' else 'f'}{n}.xlsx"
                invoke(*args, "--format", "xlsx", "-o", str(book))
                zero_cached_results(book)  # only a recalculation gives the figures
                books.append(str(book))
                expected[book.stem] = follow_up_json(args, plan_set) if which == "follow-up" else as_json(args)
        soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(folder / "csv"), *books], folder)

        for stem, document in expected.items():
            sheets = {p.name.removeprefix(f"{stem}-").removesuffix(".csv"): sheet_rows(p)
                      for p in (folder / "csv").glob(f"{stem}-*.csv")}
            assert sheets, f"{stem}: no sheets"
            if stem.startswith("f"):
                assert len(sheets) == 1, sorted(sheets)
                rows = next(iter(sheets.values()))
                head = header_row(rows, "Planerat", "Prognos", "Avvikelse")  # the measures (after each plan's own)
                check_follow_up_numbers(rows[head], rows[head + 1:], sheet_number, document, f"xlsx follow-up {stem}",
                                        may_be_signed=True)
                continue
            unit = document["plans"][0]["unit"]
            by_heading = {rows[0][0]: rows for rows in sheets.values()}
            several = len(document["plans"]) > 1
            assert len(sheets) == len(document["plans"]) + several, sorted(sheets)
            figures = [(heading(plan), plan) for plan in document["plans"]]
            figures += [("Alla planer" if several else heading(document["plans"][0]), document)]
            for title, plan_figures in figures:
                assert title in by_heading, f"{stem}: no sheet {title!r} among {sorted(by_heading)}"
                rows = by_heading[title]
                head = header_row(rows, "Summa", *map(str, plan_figures["years"]))
                # the plan's own figures end where the coverage of what a nämnd decides on begins (its
                # Sparbeting row is the same figure again, read with the scenarios elsewhere)
                end = next((i for i, row in enumerate(rows) if i > head and "Scenario" in row[:2]), len(rows))
                check_numbers(NumberRows(rows[head], rows[head + 1:end], sheet_number, f"xlsx {stem} {title}"),
                              plan_figures, unit, single_target=True, always_signed=True)
                # the coverage of what a nämnd decides on, as recalculated: scenarios, one-off, lasting, staff
                decides = any(key in plan_figures for key in ("scenarios", "one_off", "staff"))
                assert (end < len(rows)) == decides, f"xlsx {stem} {title}: coverage table {end < len(rows)}"
                if decides:
                    check_decided_on(NumberRows(rows[end], rows[end + 1:], sheet_number,
                                                f"xlsx {stem} {title}, coverage"), plan_figures, unit)
