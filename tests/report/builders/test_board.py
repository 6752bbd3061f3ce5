"""The nämnd's report (report/builders/board.py): who does what and when, decided by whom, and the
consequences, as tables only the Word and HTML reports show, on a plan modelled on seed 002."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from budgetbalans.core.summary import summarize
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Unit
from budgetbalans.report.builders.summary import summary_document
from budgetbalans.report.model import Audience, Document, RowKind, Table
from budgetbalans.report.options import View
from budgetbalans.report.writers import html as html_writer
from budgetbalans.read.loader import load_paths
from tests.command import invoke, invoke_bytes
from tests.models import make_plan
from tests.report.decided_plan import write_plan

HOSTILE = '<script>alert(1)</script> & "=SUM(A1)" <w:t>x</w:t> {PAGE}'


def document_of(path: Path, lang: Lang = Lang.SV) -> Document:
    loaded = load_paths([path])
    assert not loaded.problems, loaded.problems
    plans = loaded.plans
    return summary_document(summarize(plans), View(Unit.KR, lang))


def board(document: Document, key: str) -> Table:
    return next(table for table in document.tables() if table.key.startswith(key))


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_who_does_what_when_decided_by_whom(tmp_path: Path) -> None:
    document = document_of(write_plan(tmp_path))
    table = board(document, "board:")
    assert table.audience is Audience.BOARD and table.title == "Ansvar, tidplan och beslut"
    assert [c.header for c in table.columns] == ["Nr", "Åtgärd", "Ansvarig", "Tidplan", "Status", "Beslut",
                                                 "2024", "2025", "2026", "Intervall"]
    rows = texts(table)
    assert rows[0][:6] == ["1", "Minska övertid/mertid genom överanställning", "Bitr. avdelningschef", "Q1 2024",
                           "pågår", "förvaltning, beslutad: Delegationsbeslut VoS 2024:3"]
    assert rows[3][5] == "nämnd, beslutad: SN 2024/112 § 45" and rows[3][6] == "1 859 000" and rows[3][9] == "2"
    assert rows[4][5] == "KS, föreslagen: KS 2024/77"
    assert rows[5][5] == "KF, avslagen: KF 2024 § 61"
    assert table.rows[5].kind is RowKind.UNCOUNTED  # rejected: shown, counted zero
    assert rows[-1][1] == "Summa" and table.rows[-1].kind is RowKind.TOTAL
    assert rows[-1][6:9] == ["5 344 000", "1 995 000", "1 575 000"]  # measure 10, rejected, not in 2024's sum


def test_the_figures_are_the_measures_tables_own(tmp_path: Path) -> None:
    document = document_of(write_plan(tmp_path, extra=3))
    measures, table = board(document, "plan:"), board(document, "board:")
    for key in ("id", "measure", "status", "year:2024", "year:2025", "year:2026", "class"):
        mine, theirs = table.column(key), measures.column(key)
        assert [row.cells[mine] for row in table.rows] == [
            row.cells[theirs] for row in measures.rows[:len(table.rows) - 1]] + [measures.rows[len(table.rows) - 1].cells[theirs]]
    assert table.rows[-1].sums == next(row for row in measures.rows if row.kind is RowKind.TOTAL).sums


def test_consequences_by_aspect_the_measure_named_on_its_first_row(tmp_path: Path) -> None:
    table = board(document_of(write_plan(tmp_path)), "consequences:")
    assert table.audience is Audience.BOARD and table.title == "Konsekvenser"
    assert [c.header for c in table.columns] == ["Nr", "Åtgärd", "Aspekt", "Konsekvens"]
    rows = texts(table)
    assert rows[:2] == [["1", "Minska övertid/mertid genom överanställning", "medarbetare",
                         "Ordinarie personal täcker frånvaro; bättre arbetsmiljö."],
                        ["", "", "brukare", "Högre kontinuitet och patientsäkerhet."]]
    assert ["7", "Obudgeterade statsbidrag", "ekonomi",
            "Engångseffekt 2024; täcker inte underskottet 2025 och framåt."] in rows
    assert len(rows) == 9  # 2 + 2 + 1 + 1 + 2 + 1 aspects


def test_the_legend_explains_the_scenarios_and_the_decision_states(tmp_path: Path) -> None:
    terms = {entry.name: entry.meaning for entry in document_of(write_plan(tmp_path)).legend.terms}
    assert list(terms) == ["Beslutat", "Förväntat", "Planerat", "Beslut"]
    assert "sannolikhet" in terms["Förväntat"] and "avslagen visas men räknas aldrig in" in terms["Beslut"]
    english = {entry.name for entry in document_of(write_plan(tmp_path), Lang.EN).legend.terms}
    assert english == {"Decided", "Expected", "Planned", "Decision"}


def test_in_english(tmp_path: Path) -> None:
    document = document_of(write_plan(tmp_path), Lang.EN)
    table = board(document, "board:")
    assert table.title == "Responsibility, schedule and decision"
    assert [c.header for c in table.columns][2:6] == ["Responsible", "Schedule", "Status", "Decision"]
    assert texts(table)[3][5] == "board, decided: SN 2024/112 § 45"
    assert board(document, "consequences:").title == "Consequences"


def test_a_plan_that_says_nothing_of_it_gets_no_board_table() -> None:
    plan = make_plan(Unit.TKR, path="p.yaml", measures=[{"id": "1", "title": "A", "effects": {2025: 100}}])
    document = summary_document(summarize([plan]), View(Unit.TKR, Lang.SV))
    assert [table.key for table in document.tables()] == ["plan:p.yaml"] and not document.legend.terms


def test_a_column_no_measure_fills_is_left_out() -> None:
    plan = make_plan(Unit.TKR, path="p.yaml", measures=[{"id": "1", "title": "A", "effects": {2025: 100},
                                                         "schedule": "Q2"}])
    document = summary_document(summarize([plan]), View(Unit.TKR, Lang.SV))
    assert [c.key for c in board(document, "board:").columns] == ["id", "measure", "schedule", "status",
                                                                   "year:2025", "class"]
    assert not [t for t in document.tables() if t.key.startswith("consequences:")]


@pytest.mark.parametrize("fmt", ["markdown", "table", "csv"])
def test_only_word_and_html_show_it(tmp_path: Path, fmt: str) -> None:
    path = write_plan(tmp_path)
    code, out, err = invoke("summarize", str(path), "--format", fmt)
    assert code == 0, err
    for shown in ("Ansvar, tidplan", "Bitr. avdelningschef", "Konsekvens"):  # the decision and the scenarios are
        # every format's (the measures table's Beslut column, the coverage table); who does what is the nämnd's
        assert shown not in out


def test_xlsx_has_no_board_sheet_or_column(tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "r.xlsx"
    code, _, err = invoke_bytes("summarize", str(write_plan(tmp_path)), "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    book = openpyxl.load_workbook(out)
    values = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert not any("Ansvar" in value or "Bitr. avdelningschef" in value for value in values)


def test_html_and_docx_show_it(tmp_path: Path) -> None:
    path = write_plan(tmp_path)
    code, page, err = invoke("summarize", str(path), "--format", "html")
    assert code == 0, err
    for shown in ("<h3>Ansvar, tidplan och beslut</h3>", "<h3>Konsekvenser</h3>", "SN 2024/112 § 45",
                  "<strong>Förväntat</strong>"):
        assert shown in page
    out = tmp_path / "r.docx"
    code, _, err = invoke_bytes("summarize", str(path), "--format", "docx", "-o", str(out))
    assert code == 0, err
    word = docx.Document(str(out))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert "Ansvar, tidplan och beslut" in headings and "Konsekvenser" in headings
    board = next(table for table in word.tables if table.rows[0].cells[2].text == "Ansvarig")
    header = [cell.text for cell in board.rows[0].cells]
    assert header[:6] == ["Nr", "Åtgärd", "Ansvarig", "Tidplan", "Status", "Beslut"]
    assert board.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None


def test_hostile_plan_text_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(f"""\
title: Plan
unit: tkr
measures:
  - id: "1"
    title: Åtgärd
    responsible: '{HOSTILE}'
    schedule: '{HOSTILE}'
    effects: {{2025: 100}}
    decision: {{by: nämnd, ref: '{HOSTILE}'}}
    consequences:
      '{HOSTILE}': '{HOSTILE}'
""", encoding="utf-8")
    document = document_of(path)
    page = html_writer.write(document, None)  # type: ignore[arg-type]  # the HTML writer reads no option
    assert "<script>" not in page and "<w:t>x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#34;=SUM(A1)&#34;" in page
    out = tmp_path / "r.docx"
    code, _, err = invoke_bytes("summarize", str(path), "--format", "docx", "-o", str(out))
    assert code == 0, err
    word = docx.Document(io.BytesIO(out.read_bytes()))
    cells = {cell.text for table in word.tables for row in table.rows for cell in row.cells}
    assert HOSTILE in cells and f"nämnd, föreslagen: {HOSTILE}" in cells
