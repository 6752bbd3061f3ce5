"""``--format docx``: the Word writer on hand-made Documents and on the examples, read back with
python-docx (text, table cells, styles, landscape, the repeated header row, alignment, colours),
``--template`` (a municipality's .docx or .dotx: styles, header and footer kept, body replaced; a
file that is not one refused on the command line), and printed to PDF by LibreOffice Writer
(pages, orientation, the header row on every page of a long table, the figures)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import RGBColor

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.read.template import TemplateError, read_template
from budgetbalans.report.writers import docx as writer
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Figure, Legend, LegendEntry, Note, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.options import WriteOptions
from tests.clients import SOFFICE, soffice
from tests.command import invoke_bytes as invoke
from tests.paths import ROOT
from tests.pdf import media_boxes, pdf_pages_text

EXAMPLES = ROOT / "examples"
PLAN = EXAMPLES / "vard-och-social-2024-2026.yaml"
FOLLOWED_UP = EXAMPLES / "socialnamnden-trelleborg-2019.yaml"
STOCKHOLM = EXAMPLES / "stadsdelsforvaltning-budgethallning-2013.yaml"
OPTIONS = WriteOptions()
HOSTILE = '<w:t>x</w:t> & "=SUM(A1)" {PAGE} <b>fet</b>\x07'
WORDS = {"warning": "Varning", "warnings": "Varningar", "legend": "Så läser du rapporten",
         "statuses": "Status: avbruten räknas aldrig in.", "generated": "Skapad med budgetbalans"}
RED, GREEN, AMBER = RGBColor.from_string("B4432F"), RGBColor.from_string("2F7D4F"), RGBColor.from_string("A86A00")


def amount(text: str, low: int, tone: Tone = Tone.NEUTRAL) -> Cell:
    return Cell(text, Range(Decimal(low * 1000), Decimal(low * 1000)), tone)


def table(years: int = 2, title: str = "Plan A — Nämnden") -> Table:
    """A measures table with ``years`` year columns (more than 7 columns in all is landscape)."""
    year_columns = tuple(Column(f"year:{2024 + i}", str(2024 + i), ColumnKind.AMOUNT) for i in range(years))
    columns = (Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
               Column("counted", "Medräknad", audience=Audience.NUMBERS), *year_columns,
               Column("total", "Summa", ColumnKind.TOTAL))
    blanks = (EMPTY,) * years

    def cells(*values: Cell) -> tuple[Cell, ...]:
        return values

    rows = (
        Row(RowKind.MEASURE, cells(Cell("1"), Cell(HOSTILE), Cell("ja"), amount("12 357", 12357), *blanks[1:],
                                   amount("12 357", 12357))),
        Row(RowKind.UNCOUNTED, cells(Cell("2"), Cell("Avbruten åtgärd"), Cell("nej"), amount("50", 50), *blanks[1:],
                                     amount("50", 50))),
        Row(RowKind.TOTAL, cells(EMPTY, Cell("Summa"), EMPTY, amount("12 357", 12357), *blanks[1:],
                                 amount("12 357", 12357)), sums=(0,)),
        Row(RowKind.GAP, cells(EMPTY, Cell("Kvar att spara"), EMPTY, Cell("kvar att spara 400", tone=Tone.BAD),
                               *blanks[1:], Cell("1 200", tone=Tone.BAD)), Tone.BAD, Audience.TEXT),
        Row(RowKind.GAP, cells(EMPTY, Cell("Kvar att spara (negativt = överskott)"), EMPTY, amount("400", 400),
                               *blanks[1:], amount("1 200", 1200)), audience=Audience.NUMBERS),
        Row(RowKind.GAP, cells(EMPTY, Cell("Överskott"), EMPTY, EMPTY, *blanks[1:], Cell("300", tone=Tone.GOOD)),
            Tone.GOOD, Audience.TEXT),
    )
    return Table("plan:a.yaml", title, columns, rows, "a.yaml · Belopp i tkr", (Note("Under tabellen"),), head=2)


def document(*sections: Section, **more: object) -> Document:
    first = Section("Plan A — Nämnden", "a.yaml · Belopp i tkr",
                    (Figure("Sparbeting", "12 357 tkr"), Figure("Kvar att spara", "1 200 tkr", Tone.BAD),
                     Figure("Osäkert", "kvar 100 till överskott 50", Tone.UNCERTAIN)),
                    (), (table(),), (Note("I avsnittet"),))
    values: dict[str, object] = dict(
        kind="summarize", title="Plan A — Nämnden", lang=Lang.SV, unit=Unit.TKR, sections=sections or (first,),
        facts=(("Organisation", "Nämnden"), ("Plan", "a.yaml"), ("", "Belopp i tkr")),
        notes=(Note("Beloppen är avrundade."), Note(f"a.yaml: {HOSTILE}", Tone.UNCERTAIN, warning=True)),
        legend=Legend("Intervall: 1 = 0,1–1 mkr", (LegendEntry(Tone.BAD, "Kvar att spara", "räcker inte"),
                                                   LegendEntry(Tone.GOOD, "Överskott", "räcker"))),
        report_date="Rapportdatum 2026-12-02", words=WORDS)
    values.update(more)
    return Document(**values)  # type: ignore[arg-type]


def read(data: bytes) -> docx.document.Document:
    assert data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def text(value: str) -> str:
    return value.replace("\u00a0", " ")


def paragraphs(word: docx.document.Document) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph outside tables."""
    return [(p.style.name if p.style is not None else "", text(p.text)) for p in word.paragraphs]


def cells(word_table: docx.table.Table) -> list[list[str]]:
    return [[text(cell.text) for cell in row.cells] for row in word_table.rows]


def run_of(cell: docx.table._Cell) -> docx.text.run.Run:
    runs = cell.paragraphs[0].runs
    assert len(runs) == 1, cell.text
    return runs[0]


# --- hand-made Documents -------------------------------------------------------------------------


def test_title_facts_figures_headings_notes_warnings_and_legend_in_word_styles() -> None:
    word = read(writer.write(document(), OPTIONS))
    shown = paragraphs(word)
    assert shown[0] == ("Title", "Plan A — Nämnden")
    assert ("Normal", "Organisation: Nämnden") in shown
    assert ("Normal", "Plan: a.yaml") in shown and ("Normal", "Belopp i tkr") in shown
    assert ("Normal", "Rapportdatum 2026-12-02") in shown
    assert ("Subtitle", "a.yaml · Belopp i tkr") in shown
    assert not any(style == "Heading 1" for style, _ in shown)  # the only section's title is the report's
    assert ("Normal", "Sparbeting: 12 357 tkr") in shown
    assert ("Normal", "Under tabellen") in shown and ("Normal", "I avsnittet") in shown
    assert ("Normal", "Beloppen är avrundade.") in shown
    assert ("Heading 2", "Varningar") in shown
    hostile = HOSTILE.replace("\x07", "")  # a character XML cannot hold is dropped; the rest is text
    assert ("List Bullet", f"a.yaml: {hostile}") in shown
    assert ("Heading 2", "Så läser du rapporten") in shown
    legend = shown[shown.index(("Heading 2", "Så läser du rapporten")) + 1:]
    assert [t for _, t in legend] == ["Intervall: 1 = 0,1–1 mkr", "Status: avbruten räknas aldrig in.",
                                      "Kvar att spara: räcker inte", "Överskott: räcker", "Skapad med budgetbalans"]
    figure = next(p for p in word.paragraphs if p.text.startswith("Kvar att spara: 1"))
    assert figure.runs[1].bold and figure.runs[1].font.color.rgb == RED
    verdict = next(p for p in word.paragraphs if p.text.startswith("Överskott: räcker"))
    assert verdict.runs[0].font.color.rgb == GREEN and verdict.runs[0].bold
    warning = next(p for p in word.paragraphs if p.style is not None and p.style.name == "List Bullet")
    assert warning.runs[0].font.color.rgb == AMBER


def test_table_cells_style_alignment_tones_and_repeated_header() -> None:
    word = read(writer.write(document(), OPTIONS))
    assert len(word.tables) == 1
    found = word.tables[0]
    assert found.style is not None and found.style.name == "Light Grid Accent 1"
    hostile = HOSTILE.replace("\x07", "")
    assert cells(found) == [
        ["Nr", "Åtgärd", "2024", "2025", "Summa"],  # the spreadsheet's "Medräknad" is not shown
        ["1", hostile, "12 357", "", "12 357"],
        ["2", "Avbruten åtgärd", "50", "", "50"],
        ["", "Summa", "12 357", "", "12 357"],
        ["", "Kvar att spara", "kvar att spara 400", "", "1 200"],  # the spreadsheet's signed gap is not shown
        ["", "Överskott", "", "", "300"],
    ]
    header = found.rows[0]._tr
    assert header.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in found.rows)
    assert sum(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in found.rows) == 1
    rows = found.rows
    for row in rows:
        alignments = [cell.paragraphs[0].alignment for cell in row.cells]
        assert alignments[2:] == [WD_ALIGN_PARAGRAPH.RIGHT] * 3 and alignments[:2] == [None, None]
    assert all(run_of(cell).bold for cell in rows[0].cells)
    assert "\u00a0" in rows[1].cells[2].text  # digit groups never break over two lines
    uncounted = run_of(rows[2].cells[1])
    assert uncounted.italic and uncounted.font.color.rgb == RGBColor.from_string("7F7F7F")
    summa = run_of(rows[3].cells[4])
    assert summa.bold and summa.font.color.rgb is None
    gap_name, gap_year, gap_total = run_of(rows[4].cells[1]), run_of(rows[4].cells[2]), run_of(rows[4].cells[4])
    assert run_of(rows[4].cells[0]).font.color.rgb if rows[4].cells[0].text else True
    assert gap_name.font.color.rgb == RED and gap_name.bold  # the row's tone past its first column, as the page's
    assert gap_year.font.color.rgb == RED and gap_total.font.color.rgb == RED and gap_total.bold
    assert run_of(rows[5].cells[4]).font.color.rgb == GREEN
    assert run_of(rows[1].cells[1]).font.color.rgb is None  # a measure has no tone
    assert rows[1].cells[1].paragraphs[0].style.name == "Tabelltext"
    widths = [column.width for column in found.columns]
    assert widths[1] == max(widths)  # the title takes the room the others leave
    section = word.sections[0]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin


def test_a4_portrait_for_a_narrow_table_landscape_for_a_wide_one_each_section_on_its_own_page() -> None:
    narrow = Section("Plan A — Nämnden", "a.yaml", tables=(table(2),))
    wide = Section("Plan B — Nämnden", "b.yaml", tables=(table(6, "Plan B — Nämnden"),))
    word = read(writer.write(document(narrow, wide, narrow), OPTIONS))
    orientation = [(s.orientation, s.page_width > s.page_height) for s in word.sections]
    assert orientation == [(WD_ORIENT.PORTRAIT, False), (WD_ORIENT.LANDSCAPE, True), (WD_ORIENT.PORTRAIT, False)]
    assert {(round(s.page_width.cm, 1), round(s.page_height.cm, 1)) for s in word.sections[::2]} == {(21.0, 29.7)}
    headings = [t for style, t in paragraphs(word) if style == "Heading 1"]
    assert headings == ["Plan B — Nämnden", "Plan A — Nämnden"]  # the first section's is the report's title
    wide_table = word.tables[1]
    assert len(wide_table.columns) == 9 and cells(wide_table)[0][-1] == "Summa"
    room = word.sections[1].page_width - word.sections[1].left_margin - word.sections[1].right_margin
    assert sum(column.width for column in wide_table.columns) <= room


def test_without_a_template_the_page_header_and_footer_say_title_date_and_page() -> None:
    word = read(writer.write(document(), OPTIONS))
    section = word.sections[0]
    assert section.header.paragraphs[0].text == "Plan A — Nämnden"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Rapportdatum 2026-12-02")
    assert "PAGE" in "".join(node.text or "" for node in footer._p.iter(qn("w:instrText")))
    assert word.core_properties.title == "Plan A — Nämnden" and word.core_properties.language == "sv-SE"
    assert word.core_properties.author == ""


def test_english_document_words_come_from_the_document() -> None:
    english = document(lang=Lang.EN, title="Plan A — Board", words={**WORDS, "warnings": "Warnings"})
    word = read(writer.write(english, OPTIONS))
    assert ("Heading 2", "Warnings") in paragraphs(word)
    assert word.core_properties.language == "en-GB"


# --- real runs on the examples -------------------------------------------------------------------


def docx_of(tmp_path: Path, *args: str, name: str = "rapport.docx") -> docx.document.Document:
    out = tmp_path / name
    code, stdout, stderr = invoke(*args, "--format", "docx", "-o", str(out))
    assert code == 0, stderr
    assert stdout == b""
    return docx.Document(str(out))


def test_summarize_of_the_example_has_every_figure(tmp_path: Path) -> None:
    word = docx_of(tmp_path, "summarize", str(PLAN))
    shown = paragraphs(word)
    assert shown[0] == ("Title", "Åtgärdsplan 2024–2026 och inför 2027 — Vård- och socialavdelningen")
    for line in ("Organisation: Vård- och socialavdelningen", "Period: 2024–2026",
                 "Plan: vard-och-social-2024-2026.yaml", "Belopp i kr", "Sparbeting: 12 357 000 kr",
                 "Summa åtgärder: 13 549 000 kr", "Överskott: 1 192 000 kr", "Täckning: 110 %"):
        assert ("Normal", line) in shown, line
    assert any("13 149 000 kr men raderna summerar till 13 549 000 kr" in t for s, t in shown if s == "List Bullet")
    assert any(t.startswith("Status: planerad, pågår, klart, utredning, pausad räknas in i summan") for _, t in shown)
    found = cells(word.tables[0])
    # the class is in the nämnd's table that follows (the plan names responsibles and schedules)
    assert found[0] == ["Nr", "Åtgärd", "Område", "Status", "2024", "2025", "2026", "Summa"]
    assert found[1][:2] == ["1", "Minska övertid/mertid genom överanställning"]
    assert found[1][4:] == ["535 000", "535 000", "535 000", "1 605 000"]
    board = cells(word.tables[1])
    assert board[0][-1] == "Intervall" and board[1][-1] == "1"
    summa = next(row for row in found if row[1] == "Summa")
    assert summa[4:8] == ["7 169 000", "3 900 000", "2 480 000", "13 549 000"]
    assert next(row for row in found if row[1] == "Sparbeting")[7] == "12 357 000"
    assert next(row for row in found if row[1] == "Överskott")[7] == "1 192 000"
    assert word.sections[0].orientation == WD_ORIENT.LANDSCAPE  # the nämnd's table has ten columns


def test_gap_and_follow_up_in_english(tmp_path: Path) -> None:
    gap = docx_of(tmp_path, "gap", "--lang", "en", "--unit", "tkr", str(PLAN), name="gap.docx")
    assert cells(gap.tables[0])[0] == ["Year", "Savings target", "Measures total", "Still to save / Surplus",
                                       "Coverage"]
    assert cells(gap.tables[0])[-1] == ["Whole period", "12 357", "13 549", "Surplus: 1 192", "110 %"]
    assert gap.sections[0].orientation == WD_ORIENT.PORTRAIT
    follow = docx_of(tmp_path, "follow-up", "--lang", "en", str(FOLLOWED_UP), name="follow.docx")
    shown = paragraphs(follow)
    assert shown[0][1] == "Follow-up 2019 as of 2019-03-31"
    assert ("Normal", "Forecast: still to save: 36,0 mkr") in shown
    rows = cells(follow.tables[0])
    assert rows[0] == ["No.", "Measure", "Status", "Planned", "Forecast", "Deviation", "Signal", "Outcome to date",
                       "Followed up"]
    assert next(row for row in rows if row[1] == "Total")[3:5] == ["13,0", "13,0"]


def test_docx_needs_an_output_file_and_gap_offers_it(tmp_path: Path) -> None:
    code, _, stderr = invoke("summarize", "--format", "docx", str(PLAN))
    assert code == 2 and "docx blir en fil: ange den med --output FIL" in stderr


@pytest.mark.clients
def test_csv_and_json_do_not_load_python_docx() -> None:
    from tests.test_imports import _loaded

    for argv in (["summarize", "--format", "csv", str(PLAN)], ["gap", "--format", "json", str(PLAN)]):
        status, modules = _loaded(*argv)
        assert status == 0
        assert not any(name == "docx" or name.startswith("docx.") for name in modules), argv


# --- --template -----------------------------------------------------------------------------------


def municipal_template(path: Path, *, dotx: bool = False, drop: tuple[str, ...] = ()) -> Path:
    """A template as a municipality has one: its own header and footer, a red Heading 1, body text
    that is not to be kept, and (``drop``) lacking some of the styles the report uses."""
    template = docx.Document()
    section = template.sections[0]
    section.header.paragraphs[0].text = "Kommunens sidhuvud"
    section.footer.paragraphs[0].text = "Kommunens sidfot"
    template.styles["Heading 1"].font.color.rgb = RGBColor.from_string("FF0000")
    template.add_paragraph("Mallens brödtext som ska bort")
    template.add_table(rows=1, cols=1).cell(0, 0).text = "Mallens tabell"
    styles = template.styles.element
    for name in drop:
        for style in styles.findall(qn("w:style")):
            if style.find(qn("w:name")).get(qn("w:val")) == name:
                styles.remove(style)
    out = io.BytesIO()
    template.save(out)
    data = out.getvalue()
    if dotx:
        data = _repack(data, lambda name, body: body.replace(
            b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml")
            if name == "[Content_Types].xml" else body)
    path.write_bytes(data)
    return path


def _repack(data: bytes, change: object) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info)))  # type: ignore[operator]
    return out.getvalue()


@pytest.mark.parametrize("dotx", [False, True])
def test_a_template_keeps_its_styles_header_and_footer_and_loses_its_body(tmp_path: Path, dotx: bool) -> None:
    template = municipal_template(tmp_path / ("mall.dotx" if dotx else "mall.docx"), dotx=dotx)
    word = docx_of(tmp_path, "summarize", str(PLAN), str(STOCKHOLM), "--template", str(template))
    assert word.sections[0].header.paragraphs[0].text == "Kommunens sidhuvud"
    assert word.sections[-1].footer.paragraphs[0].text == "Kommunens sidfot"
    everything = "\n".join(p.text for p in word.paragraphs) + "".join(c for t in word.tables for r in cells(t) for c in r)
    assert "Mallens" not in everything
    assert word.styles["Heading 1"].font.color.rgb == RGBColor.from_string("FF0000")
    assert [t for s, t in paragraphs(word) if s == "Heading 1"][:1] == [
        "Åtgärdsplan 2024–2026 och inför 2027 — Vård- och socialavdelningen"]
    assert cells(word.tables[0])[0][0] == "" and "Summa" in [row[0] for row in cells(word.tables[0])]  # all plans first


def test_a_template_without_the_reports_styles_gets_them(tmp_path: Path) -> None:
    template = municipal_template(tmp_path / "mall.docx", drop=("Light Grid Accent 1", "Title", "heading 2",
                                                                "List Bullet"))
    before = docx.Document(str(template))
    assert "Title" not in before.styles and "Light Grid Accent 1" not in before.styles
    word = docx_of(tmp_path, "summarize", str(PLAN), "--template", str(template))
    assert paragraphs(word)[0][0] == "Title"
    assert word.tables[0].style is not None and word.tables[0].style.name == "Light Grid Accent 1"
    assert any(style == "Heading 2" for style, _ in paragraphs(word))


def test_a_templates_own_table_text_style_is_used(tmp_path: Path) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    template = docx.Document()
    template.styles.add_style("Tabelltext", WD_STYLE_TYPE.PARAGRAPH).font.size = Pt(7)
    template.save(str(tmp_path / "mall.docx"))
    word = docx_of(tmp_path, "summarize", str(PLAN), "--template", str(tmp_path / "mall.docx"))
    assert word.styles["Tabelltext"].font.size == Pt(7)


@pytest.mark.parametrize(("content", "words"), [
    (b"Ingen Word-fil alls", "mallen '{path}' är inte ett Word-dokument; ange en .docx- eller .dotx-fil"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
     "mallen '{path}' är en äldre Word-fil (.doc/.dot) eller lösenordsskyddad; öppna den i Word"),
    (None, "mallen '{path}' är inte ett Word-dokument"),  # a zip, but no Word document in it
    ("missing", "kan inte läsa mallen '{path}': "),
])
def test_a_template_that_is_not_a_word_document_is_a_usage_error(tmp_path: Path, content: bytes | str | None,
                                                                  words: str) -> None:
    path = tmp_path / "mall.docx"
    if content is None:
        with zipfile.ZipFile(path, "w") as package:
            package.writestr("[Content_Types].xml", "<Types/>")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    code, stdout, stderr = invoke("summarize", str(PLAN), "--format", "docx", "-o", str(tmp_path / "r.docx"),
                                  "--template", str(path))
    assert code == 2, stderr
    assert stderr.startswith("budgetbalans: --template: " + words.format(path=path))
    assert "Traceback" not in stderr and not (tmp_path / "r.docx").exists() and stdout == b""


def test_a_corrupt_document_xml_is_refused_too(tmp_path: Path) -> None:
    good = municipal_template(tmp_path / "good.docx").read_bytes()
    broken = _repack(good, lambda name, body: body[:200] if name == "word/document.xml" else body)
    (tmp_path / "mall.docx").write_bytes(broken)
    with pytest.raises(TemplateError) as refused:
        read_template(tmp_path / "mall.docx")
    assert refused.value.message.code == "cli.template_not_word"


def test_template_only_with_docx_and_in_english(tmp_path: Path) -> None:
    template = municipal_template(tmp_path / "mall.docx")
    code, _, stderr = invoke("summarize", str(PLAN), "--format", "html", "--template", str(template))
    assert code == 2
    assert stderr.startswith("budgetbalans: --template: gäller bara --format docx; lägg till --format docx")
    code, _, stderr = invoke("gap", str(PLAN), "--lang", "en", "--format", "docx", "-o", str(tmp_path / "g.docx"),
                             "--template", str(tmp_path / "none.docx"))
    assert code == 2 and stderr.startswith(f"budgetbalans: --template: cannot read the template '{tmp_path / 'none.docx'}'")


# --- printed by LibreOffice Writer -----------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Word documents of summarize (one plan, every example), gap and follow-up, printed to PDF."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("docx-print")
    jobs = {"summarize": ["summarize", str(PLAN)], "examples": ["summarize", *map(str, sorted(EXAMPLES.glob("*.yaml")))],
            "gap": ["gap", str(PLAN)], "follow-up": ["follow-up", str(FOLLOWED_UP)]}
    for name, args in jobs.items():
        code, _, stderr = invoke(*args, "--format", "docx", "-o", str(folder / f"{name}.docx"))
        assert code == 0, stderr
    soffice(["--convert-to", "pdf", "--outdir", str(folder / "pdf"), *[str(folder / f"{n}.docx") for n in jobs]],
            folder)
    if not (folder / "pdf" / "summarize.pdf").exists():
        pytest.skip("this LibreOffice cannot convert Word files (install libreoffice-writer-nogui)")
    return folder


def pages(printed: Path, name: str) -> list[str]:
    return [text(page) for page in pdf_pages_text((printed / "pdf" / f"{name}.pdf").read_bytes())]


@pytest.mark.clients
def test_printed_summarize_repeats_the_header_row_on_every_page(printed: Path) -> None:
    shown = pages(printed, "summarize")
    assert len(shown) >= 2
    header = "Nr Åtgärd Område Status 2024 2025 2026 Summa"  # the class is in the nämnd's table
    board = "Nr Åtgärd Ansvarig Tidplan Status 2024 2025 2026 Intervall"  # the nämnd's table (builders/board.py)
    assert any(board in page for page in shown)
    legend = next(i for i, page in enumerate(shown) if "Så läser du rapporten" in page)
    for page in shown[:legend]:  # every page a table runs over has its header; the legend may run over pages
        assert header in page or board in page, page[:200]
    assert "Skapad med budgetbalans" in shown[-1]
    assert shown[0].startswith("Åtgärdsplan 2024–2026")  # the page header
    assert all(re.search(r"Rapportdatum \d{4}-\d{2}-\d{2}", page) for page in shown)
    every = " ".join(shown)
    for figure in ("Sparbeting: 12 357 000 kr", "Summa 7 169 000 3 900 000 2 480 000 13 549 000",
                   "Sparbeting 12 357 000", "Överskott 1 192 000"):
        assert figure in every, figure
    data = (printed / "pdf" / "summarize.pdf").read_bytes()
    assert all(round(w) == 842 and round(h) == 595 for w, h in media_boxes(data))  # A4 landscape


@pytest.mark.clients
def test_printed_examples_each_plan_on_its_own_pages_no_figure_broken(printed: Path) -> None:
    shown = pages(printed, "examples")
    starts = [page for page in shown if "sparbeting" in page.lower()]
    assert len(shown) >= 6 and starts
    every = " ".join(shown)
    assert "Summa åtgärder: 56 975 tkr" in every and "Summa åtgärder: 13 549 tkr" in every
    # a figure's digits stay together: the totals rows read whole
    assert "Summa 1 230 3 545 4 775" in every and "Summa 7 169 3 900 2 480 13 549" in every
    headers = ("Nr Åtgärd Område Status", "2013 2017 2018 2019 2024 2025 2026 Summa",  # a plan's, all plans',
               "Nr Åtgärd Ansvarig Tidplan Status", "Nr Åtgärd Tidplan Status")  # the nämnd's table
    prose = ("Så läser du rapporten", "Skapad med budgetbalans", "Beslutat: åtgärder som är beslutade")
    for page in shown:  # a page a table runs over has its header; a page may hold only a note or the legend
        assert any(header in page for header in headers) or any(words in page for words in prose), page[:200]
    assert "Skapad med budgetbalans" in shown[-1]


@pytest.mark.clients
def test_printed_gap_is_one_portrait_page(printed: Path) -> None:
    data = (printed / "pdf" / "gap.pdf").read_bytes()
    shown = pages(printed, "gap")
    assert len(shown) == 1
    assert all(round(w) == 595 and round(h) == 842 for w, h in media_boxes(data))
    assert "Hela perioden 12 357 000 13 549 000 Överskott: 1 192 000 110 %" in shown[0]


@pytest.mark.clients
def test_printed_follow_up_has_forecast_against_plan(printed: Path) -> None:
    every = " ".join(pages(printed, "follow-up"))
    assert "Nr Åtgärd Status Planerat Prognos Avvikelse Signal Utfall hittills Uppföljd" in every
    assert "Prognos: kvar att spara: 36,0 mkr" in every
    assert "Planerat: 13,0 mkr" in every and "Prognos: 13,0 mkr" in every


def test_a_title_over_words_255_character_property_limit_is_shortened_there_only(tmp_path: Path) -> None:
    """gap names every plan in its title: twenty plans make a title Word cannot hold as a property."""
    plan = (EXAMPLES / "vard-och-social-2024-2026.yaml").read_text(encoding="utf-8")
    for n in range(20):
        (tmp_path / f"p{n}.yaml").write_text(
            plan.replace("title: Åtgärdsplan 2024–2026 och inför 2027", f"title: Åtgärdsplan nummer {n} för 2024–2026"),
            encoding="utf-8")
    out = tmp_path / "gap.docx"
    code, _, stderr = invoke("gap", str(tmp_path), "--format", "docx", "-o", str(out))
    assert code == 0, stderr
    word = docx.Document(str(out))
    title = word.core_properties.title
    assert len(title) == 255 and title.endswith("…") and title.startswith("Åtgärdsplan nummer 0 för 2024–2026")
    text = "\n".join(paragraph.text for paragraph in word.paragraphs)
    assert "Åtgärdsplan nummer 19 för 2024–2026" in text  # the document itself keeps the whole title


def test_a_template_that_is_a_fifo_is_refused_without_opening_it(tmp_path: Path) -> None:
    """A FIFO named as the template would block a reader forever: it is not a Word document."""
    import os

    fifo = tmp_path / "mall.docx"
    os.mkfifo(fifo)
    code, stdout, stderr = invoke("summarize", str(ROOT / "plans"), "--format", "docx", "-o",
                                  str(tmp_path / "r.docx"), "--template", str(fifo))
    assert code == 2 and stdout == b""
    assert f"mallen '{fifo}' är inte ett Word-dokument" in stderr


def test_table_text_with_breaks_tabs_and_markup_is_written_as_python_docx_writes_a_run() -> None:
    """The rows are written as WordprocessingML text (not through python-docx): a line break, a tab,
    spaces at the ends and markup in a plan's text come out as python-docx's ``Run.text`` makes them."""
    title = " Rad ett\nRad två\tflik & <w:b/> \"x\" "
    rows = (Row(RowKind.MEASURE, (Cell("1"), Cell(title), amount("12 357", 12357))),)
    columns = (Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
               Column("year:2024", "2024", ColumnKind.AMOUNT))
    data = writer.write(document(Section("S", "", (), (), (Table("t", "S", columns, rows),), ())), OPTIONS)
    word = read(data)
    cell = word.tables[0].rows[1].cells[1]
    expected = docx.Document().add_paragraph().add_run(title)
    assert [child.tag for child in run_of(cell)._r] == [child.tag for child in expected._r]
    assert run_of(cell).text == expected.text == title
    assert text(word.tables[0].rows[1].cells[2].text) == "12 357"
    assert "\u00a0" in word.tables[0].rows[1].cells[2].text  # digit groups joined by a no-break space
