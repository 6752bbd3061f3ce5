"""`import` reads a measure's due date (Genomförd senast) and its forecast note (Prognoskommentar) from Word,
Excel and CSV tables, as the plan writes them; a date a person cannot read one way is refused at its cell."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from budgetbalans.plan.dump import dump_plan
from budgetbalans.plan.money import Unit
from budgetbalans.read.office.importer import Imported, import_plan
from budgetbalans.read.office.tables import read_tables
from tests.read.office.test_import_decisions import Rows, csv_file, docx_file, problems, read_back, xlsx_file

ROWS: Rows = [
    ("Nr", "Åtgärd", "Genomförd senast", "2017", "Prognos 2017", "Prognoskommentar"),
    ("1", "Färre placeringar", "2017-06-30", "1 200", "900", "Två placeringar till i våras"),
    ("2", "Bemanning", "2017-03-31", "800", "800", ""),
    ("3", "Hemtjänst", "", "500", "", ""),
]


def imported(path: Path) -> Imported:
    return import_plan(read_tables(path), Unit.TKR)  # a CSV file has no line above its table to say tkr


@pytest.mark.parametrize("build", [docx_file, xlsx_file, csv_file])
def test_due_and_forecast_note_in_the_plan(tmp_path: Path, build: object) -> None:
    result = imported(build(tmp_path / f"plan.{build.__name__[:-5]}", ROWS))  # type: ignore[operator]
    assert result.problems == []
    plan = read_back(dump_plan(result.plan, result.comments).text)
    first, second, third = plan.measures
    assert first.due == datetime.date(2017, 6, 30) and first.forecast_note == "Två placeringar till i våras"
    assert second.due == datetime.date(2017, 3, 31) and second.forecast_note is None
    assert third.due is None and third.forecast_note is None


def test_an_excel_date_cell(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Belopp i tkr"])
    sheet.append(["Nr", "Åtgärd", "Klart senast", "2017"])
    sheet.append(["1", "Färre placeringar", datetime.datetime(2017, 6, 30), 1200])
    workbook.save(tmp_path / "plan.xlsx")
    result = imported(tmp_path / "plan.xlsx")
    assert result.problems == [] and result.plan["measures"][0]["due"] == "2017-06-30"


def test_a_date_without_a_year_is_refused_at_its_cell(tmp_path: Path) -> None:
    rows = [ROWS[0], ("1", "Färre placeringar", "30 juni", "1 200", "900", "")]
    result = imported(csv_file(tmp_path / "plan.csv", rows))
    assert problems(result) == [("rad 2, kolumn \"Genomförd senast\"", "plan.date.invalid")]
    assert "'due': '30 juni' är inget datum; skriv det som ÅÅÅÅ-MM-DD" in result.problems[0].message.text()
