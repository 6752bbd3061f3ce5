"""Reading the tables of Word, Excel and CSV files (``budgetbalans.read.office.tables``).

Every file is built here: Word documents with python-docx, workbooks with openpyxl (which saves
formulas without results) and XlsxWriter (which saves a formula's result with it), CSV files in
the encodings Swedish Excel writes. The grids are asserted cell by cell.
"""

from __future__ import annotations

import codecs
import io
import zipfile
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Callable

import openpyxl
import pytest
import xlsxwriter
from docx import Document
from hypothesis import given
from hypothesis import strategies as st

from budgetbalans.i18n import Lang
from budgetbalans.read.office import tables
from budgetbalans.read.office.grid import Grid, Kind
from budgetbalans.read.office.tables import TableReadError, cell_text, read_tables
from tests.clients import SOFFICE, soffice


def refusal(path: Path) -> TableReadError:
    with pytest.raises(TableReadError) as caught:
        read_tables(path)
    return caught.value


# --- Word -----------------------------------------------------------------------------------


def effect_document(path: Path) -> Path:
    """Two tables as plans have them: groups merged down the first column, a heading cell
    spanning two columns, the unit in a paragraph above; a table nested in a cell."""
    document = Document()
    document.add_paragraph("Identifierade områden för budget i balans")
    document.add_paragraph("")
    document.add_paragraph("Effekt av åtgärder i tkr ")
    table = document.add_table(rows=5, cols=4)
    rows = [["Fokusområde", "Åtgärd", "Uppskattad effekt", ""],
            ["", "", "2018", "Helår 2019"],
            ["Effektiv resursstyrning", "Gemensamma skift", "300", "600"],
            ["", "Förkortning av kvällsskiftet", "150", "–"],
            ["Minskad sjukfrånvaro", "Omtankessamtal", "", "1 200"]]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value
    table.cell(0, 2).merge(table.cell(0, 3))  # "Uppskattad effekt" over both years
    table.cell(2, 0).merge(table.cell(3, 0))  # the group, merged down
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    document.add_paragraph("Ansvar och tid")
    second = document.add_table(rows=2, cols=2)
    for r, values in enumerate([["Åtgärd", "Ansvar"], ["Gemensamma skift", "VC"]]):
        for c, value in enumerate(values):
            second.cell(r, c).text = value
    second.cell(1, 1).add_table(rows=1, cols=1).cell(0, 0).text = "inbäddad"
    document.add_paragraph("Slut")
    document.save(str(path))
    return path


def test_word_tables_in_order_with_merged_cells_filled(tmp_path: Path) -> None:
    first, second = read_tables(effect_document(tmp_path / "plan.docx"))
    assert first.kind is Kind.DOCX and first.name == "tabell 1" and first.source == str(tmp_path / "plan.docx")
    assert first.cells == (
        ("Fokusområde", "Åtgärd", "Uppskattad effekt", "Uppskattad effekt"),
        ("Fokusområde", "Åtgärd", "2018", "Helår 2019"),
        ("Effektiv resursstyrning", "Gemensamma skift", "300", "600"),
        ("Effektiv resursstyrning", "Förkortning av kvällsskiftet", "150", "–"),
        ("Minskad sjukfrånvaro", "Omtankessamtal", "", "1 200"),
    )
    assert first.merged == {(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (0, 3), (2, 0), (3, 0)}
    assert first.above == ("Identifierade områden för budget i balans", "Effekt av åtgärder i tkr")
    assert first.origin == (1, 1)
    assert first.address(3, 2, "2018") == 'tabell 1, rad 4, kolumn "2018"'
    # the nested table is no grid of its own, and its text is not the cell's
    assert second.name == "tabell 2" and second.above == ("Ansvar och tid",)
    assert second.cells == (("Åtgärd", "Ansvar"), ("Gemensamma skift", "VC"))
    assert second.merged == frozenset()
    assert second.address(1, 1) == "tabell 2, rad 2, kolumn 2"


def test_word_keeps_the_five_nearest_paragraphs_above(tmp_path: Path) -> None:
    document = Document()
    for number in range(1, 9):
        document.add_paragraph(f"stycke {number}")
    document.add_table(rows=1, cols=2).cell(0, 0).text = "a"
    document.add_table(rows=1, cols=1).cell(0, 0).text = "b"  # straight after: nothing above
    document.save(str(tmp_path / "a.docx"))
    first, second = read_tables(tmp_path / "a.docx")
    assert first.above == ("stycke 4", "stycke 5", "stycke 6", "stycke 7", "stycke 8")
    assert first.cells == (("a", ""),)
    assert second.above == () and second.cells == (("b",),)


def test_word_cell_with_two_paragraphs_and_a_tab(tmp_path: Path) -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "Gemensamma skift\tmellan enheterna"
    cell.add_paragraph("(facklig dialog pågår)")
    document.save(str(tmp_path / "a.docx"))
    (grid,) = read_tables(tmp_path / "a.docx")
    assert grid.cells == (("Gemensamma skift\tmellan enheterna\n(facklig dialog pågår)",),)


def test_a_word_document_without_tables_has_none(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Bara text")
    document.save(str(tmp_path / "a.docx"))
    assert read_tables(tmp_path / "a.docx") == []


# --- Excel ----------------------------------------------------------------------------------


def effect_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet["B1"] = "Effekt av åtgärder"
    sheet.merge_cells("B1:E1")  # a title over the table: one cell, not the table's start
    sheet["B2"] = "Belopp i tkr"
    for row in ([None, "Område", "Åtgärd", 2025, "Klar"],
                [None, "Omsorg", "Gemensamma skift", 0.1, datetime(2025, 3, 1)],
                [None, None, "Kvällsskiftet", 1500.0, datetime(2025, 3, 1, 14, 30)],
                [None, None, "Teammöten", -12.75, True],
                [None, "Summa", None, 12357, None]):
        sheet.append(row)
    sheet.merge_cells("B4:B6")
    workbook.create_sheet("Tomt")
    hidden = workbook.create_sheet("Dolt")
    hidden["A1"], hidden["B1"] = "Kod", "Text"
    hidden.sheet_state = "hidden"
    second = workbook.create_sheet("Ansvar")
    second.append(["Åtgärd", "Ansvar"])
    second.append(["Gemensamma skift", "VC"])
    workbook.save(path)
    return path


def test_excel_sheet_trimmed_with_its_title_above_and_merged_groups(tmp_path: Path) -> None:
    first, second = read_tables(effect_workbook(tmp_path / "plan.xlsx"))  # no empty or hidden sheet
    assert first.kind is Kind.XLSX and first.name == "Blad1"
    assert first.above == ("Effekt av åtgärder", "Belopp i tkr")
    assert first.origin == (3, 2)
    assert first.cells == (
        ("Område", "Åtgärd", "2025", "Klar"),
        ("Omsorg", "Gemensamma skift", "0,1", "2025-03-01"),
        ("Omsorg", "Kvällsskiftet", "1500", "2025-03-01 14:30"),
        ("Omsorg", "Teammöten", "-12,75", "SANT"),
        ("Summa", "", "12357", ""),
    )
    assert first.merged == {(1, 0), (2, 0), (3, 0)}
    assert first.address(2, 2) == "Blad1!D5"
    assert second.name == "Ansvar" and second.origin == (1, 1) and second.above == ()
    assert second.cells == (("Åtgärd", "Ansvar"), ("Gemensamma skift", "VC"))


def test_excel_formula_results_saved_with_the_file_are_read(tmp_path: Path) -> None:
    path = tmp_path / "saved.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Plan")
    sheet.write_row(0, 0, ["Åtgärd", "2025", "Not"])
    sheet.write_row(1, 0, ["A", 0.1])
    sheet.write_row(2, 0, ["B", 0.2])
    sheet.write_string(3, 0, "Summa")
    sheet.write_formula(3, 1, "=B2+B3", None, 0.30000000000000004)  # what the sum of two floats is
    sheet.write_formula(3, 2, '=IF(B4>1,"över","")', None, "")
    workbook.close()
    # an empty text result is a result: Excel saves it as text (t="str"); XlsxWriter leaves that out
    path = rewrite_sheet(path, tmp_path / "excel.xlsx", lambda xml: xml.replace(b'<c r="C4">', b'<c r="C4" t="str">'))
    (grid,) = read_tables(path)
    assert grid.cells == (("Åtgärd", "2025", "Not"), ("A", "0,1", ""), ("B", "0,2", ""),
                          ("Summa", "0,30000000000000004", ""))


def test_excel_formula_without_a_saved_result_is_refused_not_read_as_zero(tmp_path: Path) -> None:
    path = tmp_path / "sum.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Åtgärd", "2025", "2026"])
    sheet.append(["A", 100, 200])
    sheet.append(["Summa", "=SUM(B2:B2)", "=SUM(C2:C2)"])
    workbook.save(path)
    error = refusal(path)
    assert error.message.code == "import.xlsx.formula_no_value"
    assert error.message.text() == (
        "Blad1!B3: formeln '=SUM(B2:B2)' har inget sparat resultat (filen är skriven av ett program som "
        "inte räknar ut formler); öppna filen i Excel eller LibreOffice och spara den igen, eller skriv "
        "talet i stället för formeln (2 formler i filen saknar resultat)")
    assert error.message.text(Lang.EN).startswith("Blad1!B3: the formula '=SUM(B2:B2)' has no saved result")
    assert str(error) == error.message.text()


def rewrite_sheet(source: Path, target: Path, change: Callable[[bytes], bytes]) -> Path:
    """``source`` with its first sheet's XML changed: for what no program would save."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for entry in original.infolist():
            data = original.read(entry)
            copy.writestr(entry, change(data) if entry.filename == "xl/worksheets/sheet1.xml" else data)
    target.write_bytes(out.getvalue())
    return target


def small_workbook(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Åtgärd", "2025"])
    sheet.append(["A", 100])
    workbook.save(path)
    return path


def test_a_merged_range_over_the_whole_sheet_is_filled_only_inside_the_table(tmp_path: Path) -> None:
    path = rewrite_sheet(small_workbook(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'))
    (grid,) = read_tables(path)  # not cell by cell over the whole sheet: benchmarks/run.py times it
    assert grid.cells == (("Åtgärd", "Åtgärd"), ("Åtgärd", "Åtgärd"))  # as Excel shows it: A1 over all
    assert grid.merged == {(0, 0), (0, 1), (1, 0), (1, 1)}


def test_a_stray_cell_far_from_the_table_is_refused_with_the_range(tmp_path: Path) -> None:
    path = rewrite_sheet(small_workbook(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                         b"</sheetData>"))
    error = refusal(path)
    assert error.message.text() == (
        "bladet 'Blad1' har innehåll från A1 till XFD1048576, över 1 000 000 celler, för mycket för en "
        "tabell; ta bort det som står långt från tabellen, eller kopiera tabellen till ett eget blad")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_cell_is_its_shortest_decimal_with_a_comma(value: float) -> None:
    text = cell_text(value)
    assert "e" not in text.lower() and "." not in text
    assert float(Decimal(text.replace(",", "."))) == value
    assert Decimal(text.replace(",", ".")) == Decimal(repr(value))


@pytest.mark.parametrize(("value", "text"), [
    (0.1, "0,1"), (1500.0, "1500"), (-0.0, "0"), (12357, "12357"), (1e20, "100000000000000000000"),
    (1e-7, "0,0000001"), (Decimal("2.50"), "2,5"), (-2.25, "-2,25"), (False, "FALSKT"), (" text ", "text"),
    ("#DIV/0!", "#DIV/0!"),
])
def test_cell_values_as_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_500_row_sheet_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "big.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Blad1")
    sheet.write_row(0, 0, ["Nr", "Område", "Åtgärd", "2024", "2025", "2026", "Totalt"])
    for row in range(1, 501):
        sheet.write_row(row, 0, [row, f"Område {row // 20}", f"Åtgärd {row}", row * 1.5, row * 2, 100])
        sheet.write_formula(row, 6, f"=SUM(D{row + 1}:F{row + 1})", None, row * 3.5 + 100)
    workbook.close()
    (grid,) = read_tables(path)  # its speed is benchmarks/run.py's to measure
    assert len(grid.cells) == 501 and grid.cells[500] == ("500", "Område 25", "Åtgärd 500", "750", "1000",
                                                          "100", "1850")


# --- CSV ------------------------------------------------------------------------------------

CSV_TEXT = ("Effekt av åtgärder i tkr;;;\r\n"
            ";;;\r\n"
            "Åtgärd;Ansvar;2025;2026\r\n"
            "Gemensamma skift;VC;0,5;1 200\r\n"
            "\"Ny rutin; uppföljning\nav sjukfrånvaro\";EC;;-300\r\n")
CSV_CELLS = (("Åtgärd", "Ansvar", "2025", "2026"), ("Gemensamma skift", "VC", "0,5", "1 200"),
             ("Ny rutin; uppföljning\nav sjukfrånvaro", "EC", "", "-300"))


@pytest.mark.parametrize("encoded", [
    CSV_TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + CSV_TEXT.encode("utf-8"),
    CSV_TEXT.encode("cp1252"),
    CSV_TEXT.replace(";", "\t").replace("Ny rutin\t", "Ny rutin;").encode("utf-16"),
], ids=["utf-8", "utf-8-bom", "windows-1252", "utf-16-tab"])
def test_csv_as_swedish_excel_saves_it(tmp_path: Path, encoded: bytes) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(encoded)
    (grid,) = read_tables(path)
    assert grid.kind is Kind.CSV and grid.name == "" and grid.source == str(path)
    assert grid.cells == CSV_CELLS
    assert grid.above == ("Effekt av åtgärder i tkr",)
    assert grid.origin == (3, 1)
    assert grid.address(1, 2, "2025") == 'rad 4, kolumn "2025"' and grid.address(2, 3) == "rad 5, kolumn 4"


def test_csv_with_commas_and_quoted_decimals(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text('Åtgärd,2025\n"Skift, kväll","0,5"\nTeam,300\n', encoding="utf-8")
    (grid,) = read_tables(path)
    assert grid.cells == (("Åtgärd", "2025"), ("Skift, kväll", "0,5"), ("Team", "300"))


def test_csv_semicolons_win_over_decimal_commas(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("0,5;1,5\n2,5;3,5\n", encoding="utf-8")
    assert read_tables(path)[0].cells == (("0,5", "1,5"), ("2,5", "3,5"))


def test_csv_neither_utf8_nor_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes(b"a;b\nc;\x81\n")
    error = refusal(path)
    assert error.message.code == "import.csv.encoding"
    assert error.message.text() == ("rad 2: byte 0x81 är varken UTF-8 eller Windows-1252; spara filen i "
                                    "Excel som 'CSV UTF-8 (kommaavgränsad)'")


def test_csv_with_a_quote_that_never_ends(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('Åtgärd;2025\nA;"100\n' + "x;1\n" * 40000, encoding="utf-8")
    assert refusal(path).message.text() == (
        "rad 2: ett fält är längre än 131 072 tecken; kanske saknas ett avslutande citattecken (\")")


def test_an_empty_csv_has_no_table(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(";;\n\n", encoding="utf-8")
    assert read_tables(path) == []


# --- refusals -------------------------------------------------------------------------------


def ole(*streams: str) -> bytes:
    """The start of a compound (OLE) file and its directory's stream names, as Office writes them."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + b"".join(
        name.encode("utf-16-le") + bytes(64 - 2 * len(name)) for name in ("Root Entry", *streams))


@pytest.mark.parametrize(("name", "data", "code", "swedish"), [
    ("plan.doc", ole("WordDocument", "1Table"), "import.file.old_word",
     "det här är ett Word-dokument i det gamla formatet (.doc); öppna det i Word och spara det som "
     "Word-dokument (.docx)"),
    ("plan.xls", ole("Workbook"), "import.file.old_excel",
     "det här är en Excel-arbetsbok i det gamla formatet (.xls); öppna den i Excel och spara den som "
     "Excel-arbetsbok (.xlsx)"),
    ("plan.xlsx", ole("EncryptionInfo", "EncryptedPackage"), "import.file.password",
     "filen är skyddad med lösenord (krypterad); ta bort lösenordet (i Word eller Excel: Arkiv, Info, "
     "Skydda, Kryptera med lösenord, töm rutan) och spara filen igen"),
    ("plan.docx", ole("Other"), "import.file.old_office",
     "det här är en fil i Office gamla format (som .doc eller .xls); öppna den och spara den som .docx "
     "eller .xlsx"),
    ("plan.pdf", b"%PDF-1.7\n...", "import.file.not_tables",
     "det här är en PDF-fil, inte ett Word-dokument (.docx), en Excel-arbetsbok (.xlsx) eller en CSV-fil; "
     "öppna den i Word eller Excel och spara tabellen som .docx, .xlsx eller .csv"),
    ("plan.xls", b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><table>", "import.file.not_tables",
     "det här är en webbsida eller XML-fil (HTML, XML), inte ett Word-dokument (.docx), en Excel-arbetsbok "
     "(.xlsx) eller en CSV-fil; öppna den i Word eller Excel och spara tabellen som .docx, .xlsx eller .csv"),
    ("plan.rtf", b"{\\rtf1\\ansi text}", "import.file.not_tables", None),
    ("plan.csv", b"a;b\x00c", "import.file.not_tables", None),
    ("plan.yaml", b"title: Plan\nmeasures: []\n", "import.file.not_tables",
     "det här är en textfil med ändelsen '.yaml', inte ett Word-dokument (.docx), en Excel-arbetsbok "
     "(.xlsx) eller en CSV-fil; öppna den i Word eller Excel och spara tabellen som .docx, .xlsx eller .csv"),
    ("plan.docx", b"", "import.file.empty",
     "filen är tom; ange Word-dokumentet, Excel-arbetsboken eller CSV-filen med planens tabeller"),
    ("plan.docx", b"PK\x03\x04 truncated", "import.file.corrupt_zip",
     "filen ser ut som ett Word- eller Excel-dokument men är skadad (zip-arkivet går inte att läsa), "
     "kanske inte färdigsparad eller avbruten vid kopiering; öppna originalet och spara det igen"),
])
def test_files_that_are_not_tables_are_refused_with_what_to_do(
        tmp_path: Path, name: str, data: bytes, code: str, swedish: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = refusal(path)
    assert error.message.code == code
    if swedish is not None:
        assert error.message.text() == swedish
    english = error.message.text(Lang.EN)
    assert english != error.message.text() and "\n" not in english


def zip_file(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_damaged_word_and_excel_files(tmp_path: Path) -> None:
    docx = zip_file(tmp_path / "a.docx", {"[Content_Types].xml": b"<x", "word/document.xml": b"<w:document"})
    assert refusal(docx).message.text() == ("Word-dokumentet går inte att läsa, det är skadat; öppna det i Word "
                                            "och spara det igen som Word-dokument (.docx)")
    xlsx = zip_file(tmp_path / "a.xlsx", {"[Content_Types].xml": b"<x", "xl/workbook.xml": b"<workbook"})
    assert refusal(xlsx).message.code == "import.file.corrupt_xlsx"
    odt = zip_file(tmp_path / "a.odt", {"mimetype": b"application/vnd.oasis.opendocument.text"})
    assert refusal(odt).message.text(Lang.EN).startswith("this is an OpenDocument file (.odt, .ods), not a Word")
    other = zip_file(tmp_path / "a.zip", {"plan.yaml": b"title: x"})
    assert refusal(other).message.text().startswith("det här är ett zip-arkiv, inte")


def test_a_word_document_with_macros_is_asked_to_be_saved_as_docx(tmp_path: Path) -> None:
    plain = effect_document(tmp_path / "a.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as original, zipfile.ZipFile(out, "w") as copy:
        for entry in original.infolist():
            data = original.read(entry)
            if entry.filename == "[Content_Types].xml":
                data = data.replace(b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
            copy.writestr(entry, data)
    (tmp_path / "a.docm").write_bytes(out.getvalue())
    assert refusal(tmp_path / "a.docm").message.code == "import.file.not_plain_docx"


def test_too_large_and_unreadable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    effect_workbook(tmp_path / "plan.xlsx")
    monkeypatch.setattr(tables, "MAX_UNPACKED_BYTES", 1000)
    assert refusal(tmp_path / "plan.xlsx").message.code == "import.file.unpacks_large"
    monkeypatch.setattr(tables, "MAX_TABLE_FILE_BYTES", 1000)
    error = refusal(tmp_path / "plan.xlsx")
    assert error.message.text() == "filen är större än 0 MB; spara tabellerna med planen i en egen fil, utan bilder"
    monkeypatch.undo()
    assert tables.MAX_TABLE_FILE_BYTES == 20 * 1024 * 1024
    assert refusal(tmp_path).message.code == "import.file.not_regular"
    assert refusal(tmp_path / "saknas.docx").message.text() == (
        "filen går inte att läsa: den finns inte (en länk till något som inte finns?)")


def test_a_grid_is_what_the_importer_gets(tmp_path: Path) -> None:
    grids = read_tables(effect_document(tmp_path / "plan.docx"))
    assert all(isinstance(grid, Grid) for grid in grids)
    assert all(len(row) == grid.width for grid in grids for row in grid.cells)


# --- real files from LibreOffice --------------------------------------------------------------


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_files_saved_by_libreoffice(tmp_path: Path) -> None:
    """Real .doc and .xls files are refused by content; the advice for a formula without a result
    (open and save again) gives a file that is read; LibreOffice's own .docx keeps the merges."""
    sums = tmp_path / "sums.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Åtgärd", "2025"])
    sheet.append(["A", 0.1])
    sheet.append(["B", 0.2])
    sheet.append(["Summa", "=SUM(B2:B3)"])
    workbook.save(sums)
    assert refusal(sums).message.code == "import.xlsx.formula_no_value"
    effect_document(tmp_path / "plan.docx")
    for source, target in (("sums.xlsx", "xls"), ("plan.docx", "doc")):
        soffice(["--convert-to", target, "--outdir", str(tmp_path / target), str(tmp_path / source)], tmp_path)
    soffice(["--convert-to", "xlsx", "--outdir", str(tmp_path / "saved"), str(sums)], tmp_path)
    soffice(["--convert-to", "docx", "--outdir", str(tmp_path / "saved"), str(tmp_path / "plan.docx")], tmp_path)
    assert refusal(tmp_path / "xls" / "sums.xls").message.code == "import.file.old_excel"
    assert refusal(tmp_path / "doc" / "plan.doc").message.code == "import.file.old_word"
    (grid,) = read_tables(tmp_path / "saved" / "sums.xlsx")
    assert grid.cells[-1] == ("Summa", "0,3")
    assert read_tables(tmp_path / "saved" / "plan.docx") == [
        Grid(kind=Kind.DOCX, source=str(tmp_path / "saved" / "plan.docx"), name=grid.name, cells=grid.cells,
             merged=grid.merged, above=grid.above, merges=grid.merges)
        for grid in read_tables(effect_document(tmp_path / "plan.docx"))]


# --- what a person sees (issue 21) ------------------------------------------------------------


def _w(tag: str, **attributes: str) -> object:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _run(text: str, *properties: object, style: str | None = None, text_tag: str = "w:t") -> object:
    run = _w("w:r")
    if properties or style:
        rpr = _w("w:rPr")
        if style:
            rpr.append(_w("w:rStyle", val=style))  # type: ignore[attr-defined]
        for prop in properties:
            rpr.append(prop)  # type: ignore[attr-defined]
        run.append(rpr)  # type: ignore[attr-defined]
    t = _w(text_tag)
    t.text = text  # type: ignore[attr-defined]
    run.append(t)  # type: ignore[attr-defined]
    return run


def _around(tag: str, run: object) -> object:
    wrapper = _w(tag, id="1", author="A")
    wrapper.append(run)  # type: ignore[attr-defined]
    return wrapper


def test_word_text_that_word_does_not_show_is_not_read(tmp_path: Path) -> None:
    """Hidden runs (directly, by a character style, by a paragraph style), deleted and moved-away
    text are not shown by Word, so not read: a hidden "9" before "100" is 100, not 9100."""
    from docx.enum.style import WD_STYLE_TYPE

    document = Document()
    document.styles.add_style("Dold", WD_STYLE_TYPE.CHARACTER).font.hidden = True
    document.styles.add_style("DoltStycke", WD_STYLE_TYPE.PARAGRAPH).font.hidden = True
    above = document.add_paragraph()
    for run in (_run("Belopp i tkr"), _run(" (mkr)", _w("w:vanish"))):
        above._p.append(run)
    document.add_paragraph("Gammal rubrik i mkr", style="DoltStycke")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text = "Åtgärd", "2025", "Skift"
    paragraph = table.cell(1, 1).paragraphs[0]._p
    for run in (_run("9", _w("w:vanish")), _run("1"), _around("w:del", _run("5", text_tag="w:delText")),
                _around("w:moveFrom", _run("7")), _around("w:ins", _run("0")), _run("8", style="Dold"),
                _around("w:moveTo", _run("0")), _run("3", _w("w:specVanish")), _run("", _w("w:vanish", val="0"))):
        paragraph.append(run)
    document.save(str(tmp_path / "a.docx"))
    (grid,) = read_tables(tmp_path / "a.docx")
    assert grid.cells == (("Åtgärd", "2025"), ("Skift", "100"))
    assert grid.above == ("Belopp i tkr",)


def test_a_shown_vanish_switched_off_is_read(tmp_path: Path) -> None:
    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0]._p
    cell.append(_run("12", _w("w:vanish", val="false")))
    cell.append(_run("3", _w("w:vanish", val="0")))
    document.save(str(tmp_path / "a.docx"))
    assert read_tables(tmp_path / "a.docx")[0].cells == (("123",),)


def formatted_workbook(path: Path, value: float, number_format: str) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(["Belopp i tkr"])
    sheet.append(["Åtgärd", "2025"])
    sheet.append(["A", value])
    sheet["B3"].number_format = number_format
    workbook.save(path)
    return path


@pytest.mark.parametrize(("value", "number_format", "code"), [
    (1234000, "#,##0,", "import.xlsx.scaled"),
    (1234000, '#,##0, "tkr"', "import.xlsx.scaled"),
    (1234000000, "# ##0,,;-# ##0,,", "import.xlsx.scaled"),
    (1234000, "0.0E+00", "import.xlsx.scaled"),
])
def test_an_excel_format_that_shows_another_number_is_refused(
        tmp_path: Path, value: float, number_format: str, code: str) -> None:
    error = refusal(formatted_workbook(tmp_path / "a.xlsx", value, number_format))
    assert error.message.code == code
    assert error.message.text().startswith("Blad1!B3: ")
    assert "formatera cellen som tal utan skalning" in error.message.text()
    assert "\n" not in error.message.text(Lang.EN) and error.message.text(Lang.EN) != error.message.text()


@pytest.mark.parametrize(("value", "number_format", "text"), [
    (1234000, "#,##0", "1234000"),  # a thousands comma groups, it does not scale
    (1234000, '#,##0" kr,"', "1234000 kr,"),  # a comma inside quotes is text, shown after the number
    (1234, '#,##0" tkr"', "1234 tkr"),  # a unit in the format is shown, so read
    (1234.56, "0", "1234,56"),  # shown rounded: the stored decimals are kept (the display rounds)
    (1234.5, "#,##0", "1234,5"),
    (-2.675, "0.00", "-2,675"),
    (1234.56, "General", "1234,56"),
    (1234.56, "0.000", "1234,56"),
    (12.5, '0" %"', "12,5 %"),  # a percent sign in quotes is text: shown, not a percentage
    (12.5, ";;;", ""),  # shown as nothing
    (0.05, "0%", "5 %"),  # a percentage, as shown: no amount column reads it as 0,05 tkr
    (0.1255, "0%", "12,55 %"),
    (0.125, '0.0" "%', "12,5 %"),
    (-1500, '#,##0" tkr";(#,##0)" tkr"', "-1500 tkr"),  # parentheses show the sign
    (-1500, "#,##0;[Red]#,##0", "-1500"),  # red shows the sign
    (-1500, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "-1500"),  # Swedish accounting
    (0, '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-', "-"),
    (1500, '#,##0 [$kr-41D]', "1500 kr"),
])
def test_an_excel_number_is_read_as_its_format_shows_it(
        tmp_path: Path, value: float, number_format: str, text: str) -> None:
    (grid,) = read_tables(formatted_workbook(tmp_path / "a.xlsx", value, number_format))
    assert grid.cells[1] == ("A", text)


def test_csv_with_an_unbalanced_quote_is_refused_with_its_row(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    lines = ['Nr;Åtgärd;2025', '1;"Minska övertid;100'] + [f"{n};Åtgärd {n};{n}00" for n in range(2, 12)] + ['12;Sist";5']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = refusal(path)
    assert error.message.code == "import.csv.open_quote"
    assert error.message.text().startswith("rad 2: ")
    assert "citattecken" in error.message.text()


def test_csv_text_on_several_lines_in_quotes_is_read(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('Nr,Åtgärd,Uppföljning,2025\n1,Skift,"Månadsvis,\nav chefen, med HR",100\n', encoding="utf-8")
    assert read_tables(path)[0].cells[1] == ("1", "Skift", "Månadsvis,\nav chefen, med HR", "100")


def test_csv_row_with_more_fields_than_the_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Nr,Åtgärd,2024,2025\n1,A,100,200\n2,B,1,5,300\n", encoding="utf-8")
    error = refusal(path)
    assert error.message.code == "import.csv.extra_fields"
    assert error.message.text().startswith("rad 3: 5 fält, men rubrikraden (rad 1) har 4; ")


def test_csv_trailing_empty_fields_are_no_extra_fields(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text("Nr;Åtgärd;2025\n1;A;100;;\n", encoding="utf-8")
    assert read_tables(path)[0].cells == (("Nr", "Åtgärd", "2025"), ("1", "A", "100"))


@pytest.mark.parametrize(("field", "thousands", "decimal"), [
    ("1,234", "1 234", "1,234"), ("-12,500", "-12 500", "-12,5"), ("1,500 tkr", "1 500 tkr", "1,5 tkr")])
def test_a_comma_before_three_digits_in_a_comma_separated_file_is_ambiguous(
        tmp_path: Path, field: str, thousands: str, decimal: str) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(f'Nr,Åtgärd,2025\n1,A,"{field}"\n', encoding="utf-8")
    error = refusal(path)
    assert error.message.code == "import.csv.thousands_comma"
    assert error.message.text() == (
        f"rad 2, kolumn 3: '{field}' är tvetydigt: i en kommaavgränsad fil kan kommat skilja tusental eller "
        f"decimaler; skriv {thousands} eller {decimal}")


def test_decimal_commas_that_are_not_ambiguous_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('Nr,Åtgärd,2025,2026\n1,A,"0,125","2,5"\n2,"B, C",100,"1,2345"\n', encoding="utf-8")
    assert read_tables(path)[0].cells[1:] == (("1", "A", "0,125", "2,5"), ("2", "B, C", "100", "1,2345"))
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text("Nr;Åtgärd;2025\n1;A;1,234\n", encoding="utf-8")  # Swedish Excel: a decimal comma
    assert read_tables(semicolons)[0].cells[1] == ("1", "A", "1,234")


def test_grid_merges_say_which_positions_copy_which_cell(tmp_path: Path) -> None:
    (word, _second) = read_tables(effect_document(tmp_path / "plan.docx"))
    assert set(word.merges) == {(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3), (2, 0, 3, 0)}
    assert word.merge_at(3, 0) == (2, 0, 3, 0) and word.merge_at(2, 1) is None
    (excel, _) = read_tables(effect_workbook(tmp_path / "plan.xlsx"))
    assert excel.merges == ((1, 0, 3, 0),)
    assert excel.merge_at(2, 0) == (1, 0, 3, 0)
    assert excel.merged == {(r, c) for top, left, bottom, right in excel.merges
                            for r in range(top, bottom + 1) for c in range(left, right + 1)}


@pytest.mark.parametrize(("field", "end"), [("1,500-2,000", "1,500"), ("1,5–2,000", "2,000")])
def test_each_end_of_a_range_with_a_comma_before_three_digits_is_ambiguous(
        tmp_path: Path, field: str, end: str) -> None:
    """"1,500-2,000" in a comma-separated file read as 1,5–2 would be a thousand times too small."""
    path = tmp_path / "plan.csv"
    path.write_text(f'Nr,Åtgärd,2025\n1,A,"{field}"\n', encoding="utf-8")
    error = refusal(path)
    assert error.message.code == "import.csv.thousands_comma"
    assert f"'{end}' är tvetydigt" in error.message.text()
