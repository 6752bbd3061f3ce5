"""Hostile Word, Excel and CSV files are refused within seconds and little memory (issue 21).

Each bomb is built here, with python-docx/openpyxl for the package and the raw XML where those
libraries cannot make it, and imported by the installed command in a fresh process under a
memory limit of 500 MB and a generous timeout: exit 1, a plain message naming the limit, no
file written. Speed is watched by ``benchmarks/run.py``, not by a timed assertion here.
"""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

MEMORY = 500 * 1024 * 1024
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_SHEET = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


pytestmark = pytest.mark.clients  # the OS as a client: each file is imported by a process of its own, under a memory limit


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def imported(path: Path) -> tuple[int, str, Path]:
    """Import ``path`` as a user would, under the memory limit: exit status, stderr, the output path."""
    out = path.with_suffix(".yaml")
    done = subprocess.run([sys.executable, "-m", "budgetbalans", "import", str(path), "-o", str(out)],
                          capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory, cwd=path.parent)
    return done.returncode, done.stderr, out


def refused(path: Path, *words: str) -> str:
    status, stderr, out = imported(path)
    assert status == 1, stderr
    assert stderr.startswith(f"{path}: ") and stderr.count("\n") == 1 and "Traceback" not in stderr
    for word in words:
        assert word in stderr
    assert not out.exists()
    return stderr


def docx_with_body(path: Path, body: bytes) -> Path:
    """A Word document made by python-docx, its body replaced by ``body`` (raw XML)."""
    made = io.BytesIO()
    Document().save(made)
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "word/document.xml":
                data = (f'<?xml version="1.0"?><w:document {_W}><w:body>'.encode() + body
                        + b"</w:body></w:document>")
            target.writestr(entry.filename, data)
    return path


def xlsx_with_sheet(path: Path, rows: bytes, after: bytes = b"") -> Path:
    """An Excel workbook made by openpyxl, its sheet's rows replaced by ``rows`` (raw XML)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Åtgärd", "2025"])
    made = io.BytesIO()
    workbook.save(made)
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                data = (f'<?xml version="1.0"?><worksheet {_SHEET}><sheetData>'.encode() + rows
                        + b"</sheetData>" + after + b"</worksheet>")
            target.writestr(entry.filename, data)
    return path


_HEADER = b'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1" t="inlineStr"><is><t>2025</t></is></c></row>'


def test_a_word_row_of_wide_spans_over_many_rows(tmp_path: Path) -> None:
    """39 KB: one row of 10 000 cells spanning 63 columns each, then 10 000 one-cell rows (ran to 23 GB)."""
    first = b"<w:tr>" + b'<w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr><w:p/></w:tc>' * 10_000 + b"</w:tr>"
    path = docx_with_body(tmp_path / "spann.docx", b"<w:tbl>" + first + b"<w:tr><w:tc><w:p/></w:tc></w:tr>" * 10_000
                          + b"</w:tbl>")
    assert path.stat().st_size < 100_000
    refused(path, "tabell 1", "1 000 000 celler")


def test_a_word_document_of_empty_paragraphs(tmp_path: Path) -> None:
    """Millions of empty paragraphs (took 11,6 GB): refused by their count, or by the part's size."""
    counted = docx_with_body(tmp_path / "stycken.docx", b"<w:p/>" * 3_000_000)
    refused(counted, "200 000 stycken")
    unpacked = docx_with_body(tmp_path / "stort.docx", b"<w:p/>" * 25_000_000)
    assert unpacked.stat().st_size < 1_000_000
    refused(unpacked, "'word/document.xml'", "25 MB")


def test_a_word_document_of_many_tables(tmp_path: Path) -> None:
    table = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/>"
    refused(docx_with_body(tmp_path / "tabeller.docx", table * 16_000), "1 000 tabeller")


def test_a_word_cell_of_a_million_runs(tmp_path: Path) -> None:
    """A table is held in memory until it ends: its parts are counted as they come."""
    cell = b"<w:tc><w:p>" + b"<w:r/>" * 1_500_000 + b"</w:p></w:tc>"
    refused(docx_with_body(tmp_path / "kors.docx", b"<w:tbl><w:tr>" + cell + b"</w:tr></w:tbl>"),
            "tabell 1", "500 000")
    paragraph = b"<w:p>" + b"<w:r/>" * 3_500_000 + b"</w:p>"
    refused(docx_with_body(tmp_path / "stycke.docx", paragraph), "ett stycke", "500 000")


def test_an_excel_sheet_of_overlapping_merges(tmp_path: Path) -> None:
    """26 KB: 200 000 merged ranges over each other (took 45 s)."""
    merges = b"".join(b'<mergeCell ref="A1:Z%d"/>' % (n % 40 + 2) for n in range(200_000))
    path = xlsx_with_sheet(tmp_path / "sammanfogat.xlsx", _HEADER + b'<row r="40"><c r="Z40"><v>1</v></c></row>',
                           b'<mergeCells count="200000">' + merges + b"</mergeCells>")
    refused(path, "10 000 sammanfogade områden")
    few = xlsx_with_sheet(tmp_path / "tva.xlsx", _HEADER + b'<row r="4"><c r="C4"><v>1</v></c></row>',
                          b'<mergeCells count="2"><mergeCell ref="A1:B3"/><mergeCell ref="B2:C4"/></mergeCells>')
    refused(few, "A1:B3", "B2:C4", "överlappar")


def test_an_excel_sheet_of_millions_of_cells(tmp_path: Path) -> None:
    """6,6 M cells (read whole in 71 s and 2 GB before): refused by the sheet's size unpacked;
    fewer cells in a smaller sheet are counted as they are read."""
    row = b"<row>" + b"<c><v>1</v></c>" * 100 + b"</row>"
    refused(xlsx_with_sheet(tmp_path / "miljoner.xlsx", row * 66_000), "'xl/worksheets/sheet1.xml'", "25 MB")
    refused(xlsx_with_sheet(tmp_path / "celler.xlsx", row * 4_000), "200 000 celler")


def test_an_excel_sheet_of_millions_of_empty_rows_or_unknown_elements(tmp_path: Path) -> None:
    refused(xlsx_with_sheet(tmp_path / "rader.xlsx", b"<row/>" * 3_500_000), "1 000 000 XML-element")
    refused(xlsx_with_sheet(tmp_path / "skrap.xlsx", b"", b"<x/>" * 6_000_000), "1 000 000 XML-element")


def test_an_excel_row_wider_than_excel(tmp_path: Path) -> None:
    row = b'<row r="2">' + b"<c/>" * 100_000 + b"</row>"
    refused(xlsx_with_sheet(tmp_path / "bred.xlsx", _HEADER + row), "rad '2'", "16 384")


def test_an_excel_sheet_that_unpacks_to_too_much(tmp_path: Path) -> None:
    """A zip bomb: a sheet of 100 MB of nothing, packed small."""
    path = xlsx_with_sheet(tmp_path / "bomb.xlsx", _HEADER + b" " * 100_000_000)
    refused(path, "'xl/worksheets/sheet1.xml'", "25 MB")


def test_an_excel_workbook_of_millions_of_styles(tmp_path: Path) -> None:
    """Styles are read whole, and make many objects per byte (4 M empty styles: 490 MB)."""
    workbook = openpyxl.Workbook()
    workbook.active.append(["Åtgärd", "2025"])
    made = io.BytesIO()
    workbook.save(made)
    path = tmp_path / "stilar.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/styles.xml":
                data = data.replace(b'<cellXfs count="1">', b"<cellXfs>" + b"<xf/>" * 4_000_000)
            target.writestr(entry.filename, data)
    refused(path, "'xl/styles.xml'", "5 MB")


def test_a_csv_file_of_many_fields(tmp_path: Path) -> None:
    path = tmp_path / "falt.csv"
    path.write_text("Åtgärd;2025\n" + "a;1;;;;;;;;\n" * 40_000, encoding="utf-8")
    refused(path, "200 000 celler")
