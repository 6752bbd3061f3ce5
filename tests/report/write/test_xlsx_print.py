"""Issue 13, xlsx print-ready: every sheet printed to PDF by LibreOffice is A4 landscape, one page
wide (every column header on every page), with the title in the page header and the report date
in the footer; and the workbook's own page setup says so."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest

from budgetbalans.report.write.xlsx import header_footer_text, wrapped_lines
from tests.clients import SOFFICE, soffice
from tests.report.write.test_reports import invoke
from tests.paths import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FOLLOW_UPS = ["sociala-omsorgsnamnden-boras-2017", "socialnamnden-trelleborg-2019"]


def pdf_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def pdf_stream(objs: dict[int, bytes], body: bytes) -> bytes:
    # The stream is /Length bytes long: compressed data may itself end in "\r",
    # so the bytes before "endstream" are not a safe end marker.
    start = re.search(rb"stream\r?\n", body)
    length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", body)
    assert start is not None and length is not None
    size = int(objs[int(length.group(1))].strip()) if length.group(2) else int(length.group(1))
    raw = body[start.end():start.end() + size]
    return zlib.decompress(raw) if b"FlateDecode" in body else raw


def pdf_cmap(objs: dict[int, bytes], n: int) -> dict[bytes, str]:
    table, text = {}, pdf_stream(objs, objs[n])
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[src.upper()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                table[f"{code:0{len(a)}X}".encode()] = chr(int(dst, 16) + i)
    return table


def pdf_pages(objs: dict[int, bytes]) -> list[tuple[dict[bytes, int], bytes]]:
    """Each page's fonts (name → font object) and its content stream."""
    pages = []
    for _, body in sorted(objs.items()):
        if not re.search(rb"/Type\s*/Page[^s]", body):
            continue
        resources = re.search(rb"/Resources\s*(\d+) 0 R", body)
        resource = objs[int(resources.group(1))] if resources else body
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resource, re.S)
        if font_dict is None:
            font_ref = re.search(rb"/Font\s*(\d+) 0 R", resource)
            assert font_ref is not None
            font_dict = re.search(rb"<<(.*?)>>", objs[int(font_ref.group(1))], re.S)
        assert font_dict is not None
        fonts = {name: int(ref) for name, ref in re.findall(rb"/(\w+)\s+(\d+) 0 R", font_dict.group(1))}
        contents = re.search(rb"/Contents\s*(\d+) 0 R", body)
        assert contents is not None
        pages.append((fonts, pdf_stream(objs, objs[int(contents.group(1))])))
    return pages


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page of a PDF LibreOffice wrote (Flate streams, hex strings, ToUnicode maps)."""
    objs = pdf_objects(data)
    pages = []
    for refs, content in pdf_pages(objs):
        fonts = {}
        for name, ref in refs.items():
            unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", objs[ref])
            fonts[name] = pdf_cmap(objs, int(unicode.group(1))) if unicode else {}
        out: list[str] = []
        font: dict[bytes, str] = {}
        for token in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(ET)", content):
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif token.group(3):
                out.append("\n")
            else:
                codes, width = token.group(2).upper(), len(next(iter(font))) if font else 4
                out.append("".join(font.get(codes[i:i + width], "?") for i in range(0, len(codes), width)))
        pages.append(" ".join("".join(out).split()))
    return pages


@dataclass(frozen=True)
class TextRun:
    """A run of text on a page: where it starts and where its last glyph that is not a blank ends
    (points), its baseline and its font size."""

    x0: float
    x1: float
    y: float
    size: float
    text: str


def pdf_font(objs: dict[int, bytes], ref: int) -> tuple[dict[bytes, str], int, list[float]]:
    """A simple font's codes to text, its first code and its glyph widths (thousandths of the size)."""
    font = objs[ref]
    unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
    first = re.search(rb"/FirstChar\s+(\d+)", font)
    widths = re.search(rb"/Widths\s*\[(.*?)\]", font, re.S)
    assert unicode is not None and first is not None and widths is not None
    return pdf_cmap(objs, int(unicode.group(1))), int(first.group(1)), [float(w) for w in widths.group(1).split()]


_TEXT_OPERATORS = re.compile(rb"(-?[\d.]+)\s+(-?[\d.]+)\s+Td|/(\w+)\s+([\d.]+)\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj",
                             re.S)


def pdf_pages_runs(data: bytes) -> list[list[TextRun]]:
    """Each page's runs of text with their positions, from the fonts' widths and TJ's kerning (LibreOffice
    writes each cell's text, or each line of a wrapped cell, as one run)."""
    objs = pdf_objects(data)
    pages = []
    for refs, content in pdf_pages(objs):
        fonts = {name: pdf_font(objs, ref) for name, ref in refs.items()}
        runs: list[TextRun] = []
        for block in re.findall(rb"\bBT\b(.*?)\bET\b", content, re.S):
            x = y = size = 0.0
            font: tuple[dict[bytes, str], int, list[float]] = ({}, 0, [])
            for op in _TEXT_OPERATORS.finditer(block):
                if op.group(1) is not None:
                    x, y = x + float(op.group(1)), y + float(op.group(2))
                elif op.group(3) is not None:
                    font, size = fonts[op.group(3)], float(op.group(4))
                else:
                    shown = op.group(5) if op.group(5) is not None else b"<" + op.group(6) + b">"
                    text, advance = _shown(shown, font)
                    runs.append(TextRun(x, x + advance * size / 1000, y, size, text.rstrip()))
        pages.append(runs)
    return pages


def _shown(operand: bytes, font: tuple[dict[bytes, str], int, list[float]]) -> tuple[str, float]:
    """The text a TJ array (or a Tj string) shows and how far its last glyph that is not a blank ends,
    in thousandths of the size."""
    codes, first, widths = font
    text, advance, ink = "", 0.0, 0.0
    for part in re.finditer(rb"<([0-9A-Fa-f]*)>|(-?[\d.]+)", operand):
        if part.group(2) is not None:
            advance -= float(part.group(2))
            continue
        hexes = part.group(1).upper()
        for i in range(0, len(hexes), 2):
            code = hexes[i:i + 2]
            text += codes.get(code, "?")
            advance += widths[int(code, 16) - first]
            ink = ink if text[-1:].isspace() else advance
    return text, ink


def lines_of(runs: list[TextRun]) -> list[list[TextRun]]:
    """The runs on each baseline, left to right."""
    lines: dict[float, list[TextRun]] = {}
    for run in runs:
        lines.setdefault(round(run.y, 1), []).append(run)
    return [sorted(line, key=lambda run: run.x0) for _, line in sorted(lines.items())]


def media_boxes(data: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in
            re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The workbooks of plans/ and every example (summarize; follow-up for the two follow-ups), as PDF."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("xlsx-print")
    jobs = {"plans": ["summarize", str(ROOT / "plans")], "examples": ["summarize", *map(str, EXAMPLES)]}
    jobs |= {f"s-{p.stem}": ["summarize", str(p)] for p in EXAMPLES}
    jobs |= {f"f-{name}": ["follow-up", str(ROOT / "examples" / f"{name}.yaml")] for name in FOLLOW_UPS}
    for name, args in jobs.items():
        code, _, stderr = invoke(*args, "--format", "xlsx", "-o", str(folder / f"{name}.xlsx"))
        assert code == 0, stderr
    soffice(["--convert-to", "pdf", "--outdir", str(folder / "pdf"),
             *[str(folder / f"{name}.xlsx") for name in jobs]], folder)
    return folder


def sheets_of(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as book:
        return sorted(n for n in book.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))


def header_texts(path: Path, sheet: str) -> list[str]:
    """The texts of the sheet's header row (row 4) as written (shared strings)."""
    with zipfile.ZipFile(path) as book:
        shared = re.findall(r"<si>(.*?)</si>", book.read("xl/sharedStrings.xml").decode("utf-8"), re.S)
        xml = book.read(sheet).decode("utf-8")
    row = re.search(r'<row r="4"[^>]*>(.*?)</row>', xml, re.S)
    assert row is not None
    texts = [re.sub(r"<[^>]+>", "", shared[int(v)]) for v in re.findall(r't="s"[^>]*><v>(\d+)</v>', row.group(1))]
    return [t.replace("&amp;", "&") for t in texts if t]


def test_every_page_is_a4_landscape_with_title_date_and_every_header(printed: Path) -> None:
    for xlsx in sorted(printed.glob("*.xlsx")):
        data = (printed / "pdf" / f"{xlsx.stem}.pdf").read_bytes()
        pages = pdf_pages_text(data)
        assert pages, xlsx.name
        assert all(w > h and round(w) == 842 and round(h) == 595 for w, h in media_boxes(data)), xlsx.name
        assert all(re.search(r"Rapportdatum \d{4}-\d{2}-\d{2}", page) for page in pages), xlsx.name
        headers = {h for sheet in sheets_of(xlsx) for h in header_texts(xlsx, sheet)}
        # one page wide: every page shows one sheet's whole header row (repeated on every page)
        for page in pages:
            assert any(all(h in page for h in header_texts(xlsx, sheet)) for sheet in sheets_of(xlsx)), \
                (xlsx.name, page[:300], headers)


def test_small_workbooks_print_one_page_per_sheet(printed: Path) -> None:
    for name in ["plans", "f-socialnamnden-trelleborg-2019", "s-vard-och-social-2024-2026"]:
        data = (printed / "pdf" / f"{name}.pdf").read_bytes()
        assert len(pdf_pages_text(data)) == len(sheets_of(printed / f"{name}.xlsx")), name


def test_the_title_is_in_the_page_header(printed: Path) -> None:
    pages = pdf_pages_text((printed / "pdf" / "f-socialnamnden-trelleborg-2019.pdf").read_bytes())
    assert pages[0].startswith("Uppföljning 2019 per 2019-03-31 — Handlingsplan")
    for page in pdf_pages_text((printed / "pdf" / "f-sociala-omsorgsnamnden-boras-2017.pdf").read_bytes()):
        assert page.startswith("Uppföljning 2017 per 2017-08-31 — Åtgärdsplan för ekonomisk balans 2017")


def test_the_workbook_page_setup(printed: Path) -> None:
    for xlsx in sorted(printed.glob("*.xlsx")):
        with zipfile.ZipFile(xlsx) as book:
            workbook = book.read("xl/workbook.xml").decode("utf-8")
            for sheet in sheets_of(xlsx):
                xml = book.read(sheet).decode("utf-8")
                setup = re.search(r"<pageSetup [^>]*/>", xml)
                assert setup is not None, (xlsx.name, sheet)
                for attribute in ('paperSize="9"', 'orientation="landscape"', 'fitToHeight="0"'):
                    assert attribute in setup.group(0), (xlsx.name, sheet, attribute)
                # one page wide: fitToWidth is 1 by default, so XlsxWriter leaves it out
                assert re.search(r'fitToWidth="(?!1")', setup.group(0)) is None, (xlsx.name, sheet)
                assert '<pageSetUpPr fitToPage="1"/>' in xml
                header = re.search(r"<oddHeader>(.*?)</oddHeader>", xml)
                footer = re.search(r"<oddFooter>(.*?)</oddFooter>", xml)
                assert header and footer and "Rapportdatum" in footer.group(1)
                assert len(header.group(1).replace("&amp;", "&")) <= 255
        assert workbook.count("_xlnm.Print_Titles") == len(sheets_of(xlsx))


def test_follow_up_sheet_names_plan_and_counted_and_its_gap_is_a_formula(printed: Path) -> None:
    xlsx = printed / "f-socialnamnden-trelleborg-2019.xlsx"
    (sheet,) = sheets_of(xlsx)
    headers = header_texts(xlsx, sheet)
    # the Document's columns for numbers: the plan and whether counted, also with one plan
    assert headers[:5] == ["Plan", "Nr", "Åtgärd", "Status", "Medräknad"] and headers[-1] == "Uppföljd"
    assert len(headers) == len(set(headers))
    with zipfile.ZipFile(xlsx) as book:
        formulas = re.findall(r"<f>(.*?)</f>", book.read(sheet).decode("utf-8"))
    assert any(re.fullmatch(r"\$?G\$?\d+-G\d+", f) for f in formulas), formulas  # target − forecast Summa


def test_header_and_footer_text_is_escaped_and_rows_fit_wrapped_text() -> None:
    assert header_footer_text("Vård & omsorg") == "Vård && omsorg"
    assert wrapped_lines("kort", 10) == 1
    assert wrapped_lines("ett två tre fyra fem sex", 8) == 3
    assert wrapped_lines("x" * 25, 10) == 3


_FIGURE = re.compile(r"-?[\d\s,.\u00a0\u202f]*\d%?")


def test_a_figure_never_touches_the_cell_beside_it(printed: Path) -> None:
    """Issue 20: printed, Summa's "500" and the class "1" beside it read "5001". On every line of every
    printed sheet, a figure ends at least a space's width (0,3 of the font size) before the next text."""
    for pdf in sorted((printed / "pdf").glob("*.pdf")):
        for page in pdf_pages_runs(pdf.read_bytes()):
            for line in lines_of(page):
                for left, right in zip(line, line[1:]):
                    if _FIGURE.fullmatch(left.text) and not right.text[:1].isspace():
                        assert right.x0 - left.x1 >= 0.3 * left.size, (pdf.name, left, right)


def test_the_print_shows_summa_and_class_apart(printed: Path) -> None:
    """The measure of the case reported: in plans/, measure 1's Summa 1 605 000 and its class 1."""
    runs = [run for page in pdf_pages_runs((printed / "pdf" / "plans.pdf").read_bytes()) for run in page]
    [line] = [line for line in lines_of(runs) if any(r.text == "Minska övertid/mertid genom överanställning"
                                                       for r in line)]
    summa, klass = line[-2:]
    assert (summa.text.replace(",", ""), klass.text) == ("1605000", "1")  # LibreOffice's grouping
    assert klass.x0 - summa.x1 >= 0.3 * summa.size
