"""Issue 13, the xlsx writer on small hand-made Documents: what each row of the model becomes in the
workbook (numbers, formulas with budgetbalans's figures cached, formats), read back from the file's
XML; and, where LibreOffice is installed, recalculated with the cached results zeroed."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Note, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.options import WriteOptions
from budgetbalans.report.writers.xlsx import cell_number, sheet_names, write
from tests.clients import SHEETS_AS_CSV, SOFFICE, soffice, zero_cached_results

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SIGNED = "Kvar att spara (negativt = överskott)"
WORDS = {"gap_signed": SIGNED}


# --- a reader of what the writer wrote ---------------------------------------------------------------


@dataclass
class XCell:
    kind: str  # "n" a number, "s" text, "str" a formula's text result
    value: str
    formula: str | None
    style: dict[str, object]


@dataclass
class Book:
    sheets: dict[str, dict[str, XCell]]
    xml: dict[str, str]

    def lines(self, sheet: str) -> dict[int, dict[str, XCell]]:
        """The sheet's rows by number: cell letters → cell."""
        out: dict[int, dict[str, XCell]] = {}
        for ref, cell in self.sheets[sheet].items():
            letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()  # type: ignore[union-attr]
            out.setdefault(int(digits), {})[letters] = cell
        return out

    def rows(self, sheet: str, name: str = "B") -> dict[str, dict[str, XCell]]:
        """The sheet's rows by their text in column ``name`` (or A where that is empty): letters → cell."""
        return {(c[name] if name in c else c["A"]).value: c for c in self.lines(sheet).values() if name in c or "A" in c}


def read(data: bytes) -> Book:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    shared = [("".join(t.text or "" for t in si.iter(f"{M}t")))
              for si in ElementTree.fromstring(parts.get("xl/sharedStrings.xml", b"<sst xmlns='x'/>"))
              .findall(f"{M}si")]
    styles = ElementTree.fromstring(parts["xl/styles.xml"])
    formats = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in styles.iter(f"{M}numFmt")}
    fonts = [{"bold": f.find(f"{M}b") is not None,
              "color": (f.find(f"{M}color").get("rgb") if f.find(f"{M}color") is not None else None)}  # type: ignore[union-attr]
             for f in styles.find(f"{M}fonts")]  # type: ignore[union-attr]
    borders = [(b.find(f"{M}top").get("style") if b.find(f"{M}top") is not None else None)  # type: ignore[union-attr]
               for b in styles.find(f"{M}borders")]  # type: ignore[union-attr]
    xfs = []
    for xf in styles.find(f"{M}cellXfs"):  # type: ignore[union-attr]
        font = fonts[int(xf.get("fontId", "0"))]
        number_format = int(xf.get("numFmtId", "0"))
        xfs.append({"format": formats.get(number_format, "0%" if number_format == 9 else ""), "bold": font["bold"],
                    "color": font["color"], "top": borders[int(xf.get("borderId", "0"))]})
    names = re.findall(r'<sheet name="([^"]*)"', parts["xl/workbook.xml"].decode("utf-8"))
    sheets, xml = {}, {}
    for number, name in enumerate(names, 1):
        name = name.replace("&amp;", "&")
        text = parts[f"xl/worksheets/sheet{number}.xml"].decode("utf-8")
        xml[name] = text
        cells = {}
        for c in ElementTree.fromstring(text).iter(f"{M}c"):
            kind, raw, formula = c.get("t", "n"), c.findtext(f"{M}v", ""), c.findtext(f"{M}f")
            if raw == "" and formula is None:
                continue
            cells[c.get("r", "")] = XCell(kind, shared[int(raw)] if kind == "s" else raw, formula,
                                          xfs[int(c.get("s", "0"))])
        sheets[name] = cells
    return Book(sheets, xml)


# --- hand-made Documents ------------------------------------------------------------------------------


def kr(low: int, high: int | None = None) -> Range:
    """An amount in tkr (the Documents' unit), as the model holds it: in kronor."""
    return Range(Decimal(low) * 1000, Decimal(low if high is None else high) * 1000)


def amount(value: Range | None, tone: Tone = Tone.NEUTRAL) -> Cell:
    return EMPTY if value is None else Cell(f"{value.low}", value, tone)


def amount_column(key: str, name: str, kind: ColumnKind = ColumnKind.AMOUNT, of: tuple[str, ...] = ()) -> Column:
    return Column(key, name, kind, f"{name} (tkr)", (f"{name} låg (tkr)", f"{name} hög (tkr)"), of)


COLUMNS = (Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
           Column("counted", "Medräknad", audience=Audience.NUMBERS),
           amount_column("year:2024", "2024"), amount_column("year:2025", "2025"),
           amount_column("total", "Summa", ColumnKind.TOTAL, ("year:2024", "year:2025")))


def row(kind: RowKind, nr: str, name: str, counted: str, y24: Range | None, y25: Range | None, total: Range | None,
        **more: object) -> Row:
    return Row(kind, (Cell(nr), Cell(name), Cell(counted), amount(y24), amount(y25), amount(total)),
               **more)  # type: ignore[arg-type]


def plan_table(gap_tone: Tone = Tone.NEUTRAL, gap_name: str = SIGNED, gap_sign: int = 1,
               key: str = "plan:a", title: str = "Plan A — Nämnden") -> Table:
    """Two counted measures, one not counted; Summa, target per year, gap, shortfall, coverage.

    2024: 1 500 against a target of 1 000 (300 over… as the gap row gives it), 2025: 800 against 2 000."""
    rows = (
        row(RowKind.MEASURE, "1", "=1+2 mer", "ja", kr(1000), kr(500), kr(1500)),
        row(RowKind.UNCOUNTED, "2", "Möjlig", "nej", kr(999), None, kr(999)),
        row(RowKind.MEASURE, "3", "Tre", "ja", kr(500), kr(300), kr(800)),
        row(RowKind.TOTAL, "", "Summa", "", kr(1500), kr(800), kr(2300), sums=(0, 2)),           # 3
        row(RowKind.TARGET, "", "Sparbeting", "", kr(1000), kr(2000), kr(3000)),                 # 4
        Row(RowKind.GAP, (EMPTY, Cell("Kvar att spara"), EMPTY, EMPTY, EMPTY, Cell("700")), Tone.BAD,
            Audience.TEXT),
        Row(RowKind.GAP, (EMPTY, Cell(gap_name), EMPTY, amount(kr(-500 * gap_sign)), amount(kr(1200 * gap_sign)),
                          amount(kr(700 * gap_sign))), gap_tone, Audience.NUMBERS, of=(4, 3)),  # 6
        row(RowKind.SHORTFALL, "", "Kvar att spara (2025)", "", None, None, kr(1200), tone=Tone.BAD,
            audience=Audience.NUMBERS, of=(6,)),
        Row(RowKind.COVERAGE, (EMPTY, Cell("Täckning"), EMPTY, EMPTY, EMPTY,
                               Cell("77 %", Range(Decimal(2300) / 3000, Decimal(2300) / 3000))),
            audience=Audience.NUMBERS, of=(3, 4)),
    )
    return Table(key, title, COLUMNS, rows, "a.yaml · Belopp i tkr")


def document(*tables: Table, ranges: bool = False, notes: tuple[Note, ...] = (), words: dict[str, str] | None = None,
             sections: tuple[Section, ...] | None = None, unit: Unit = Unit.TKR) -> Document:
    if sections is None:
        sections = (Section(tables[0].title, tables[0].caption, tables=tables, sheet="Plan A"),)
    return Document("summarize", sections[0].title, Lang.SV, unit, sections, notes=notes,
                    report_date="Rapportdatum 2026-12-02", ranges=ranges, words=dict(WORDS if words is None else words))


OPTIONS = WriteOptions()


def written(doc: Document) -> Book:
    return read(write(doc, OPTIONS))


# --- rows: measures, Summa, target, gap, shortfall, coverage ------------------------------------------


def test_measures_are_numbers_and_text_is_text() -> None:
    book = written(document(plan_table()))
    rows = book.rows("Plan A")
    first = rows["=1+2 mer"]
    assert (first["A"].kind, first["A"].value) == ("s", "1")  # an id that looks like a number stays text
    assert first["B"].kind == "s" and first["B"].formula is None  # a title that looks like a formula is text
    assert [(first[c].kind, float(first[c].value)) for c in "DE"] == [("n", 1000.0), ("n", 500.0)]
    assert first["F"].formula == "SUM(D5:E5)" and float(first["F"].value) == 1500
    assert first["D"].style["format"] == "#,##0_-" and first["D"].style["color"] is None


def test_uncounted_rows_are_grey_and_left_out_of_summa() -> None:
    rows = written(document(plan_table())).rows("Plan A")
    assert rows["Möjlig"]["B"].style["color"] == "FF888888" and rows["Möjlig"]["D"].style["color"] == "FF888888"
    summa = rows["Summa"]
    assert summa["D"].formula == "SUM($D$5,$D$7)" and float(summa["D"].value) == 1500
    assert summa["F"].formula == "SUM($F$5,$F$7)" and float(summa["F"].value) == 2300
    assert summa["B"].style["bold"] and summa["B"].style["top"] == "thin" and summa["D"].style["top"] == "thin"
    lines = written(document(plan_table())).lines("Plan A")
    assert 8 not in lines and lines[9]["B"].value == "Summa"  # Summa follows the measures after a blank row


def test_signed_gap_shortfall_and_coverage_are_formulas_with_our_figures_cached() -> None:
    rows = written(document(plan_table())).rows("Plan A")
    assert "Kvar att spara" not in rows  # the text formats' verdict row is not the spreadsheet's
    gap = rows[SIGNED]
    assert [(gap[c].formula, float(gap[c].value)) for c in "DEF"] == [
        ("D10-D9", -500.0), ("E10-E9", 1200.0), ("F10-F9", 700.0)]
    assert gap["D"].style["format"] == "[Red]#,##0_-;-#,##0_-;#,##0_-"  # red above zero: still to save
    shortfall = rows["Kvar att spara (2025)"]
    assert (shortfall["F"].formula, float(shortfall["F"].value)) == ("MAX(0,D11)+MAX(0,E11)", 1200.0)
    assert str(shortfall["F"].style["format"]).startswith("[Red]")
    coverage = rows["Täckning"]
    assert coverage["F"].formula == "F9/F10" and coverage["F"].style["format"] == "0%_-"
    assert abs(float(coverage["F"].value) - 2300 / 3000) < 1e-12


def test_mkr_has_two_decimals() -> None:
    rows = written(document(plan_table(), unit=Unit.MKR)).rows("Plan A")
    assert rows["Tre"]["D"].style["format"] == "#,##0.00_-"
    assert float(rows["Tre"]["D"].value) == cell_number(Decimal(500_000), Unit.MKR) == 0.5


# --- ranges -------------------------------------------------------------------------------------------


def test_ranges_give_every_amount_a_low_and_a_high_column() -> None:
    columns = (Column("measure", "Åtgärd", ColumnKind.NAME, wide=True), amount_column("year:2024", "2024"),
               amount_column("total", "Summa", ColumnKind.TOTAL, ("year:2024",)))
    unbounded = Range(Decimal(3_000_000), None)
    rows = (Row(RowKind.MEASURE, (Cell("Intervall"), amount(kr(700, 1600)), amount(kr(700, 1600)))),
            Row(RowKind.MEASURE, (Cell("Över 3 mkr"), amount(unbounded), amount(unbounded))),
            Row(RowKind.TOTAL, (Cell("Summa"), amount(Range(Decimal(3_700_000), None)), amount(Range(Decimal(3_700_000), None))),
                sums=(0, 1)),
            Row(RowKind.TARGET, (Cell("Sparbeting"), amount(kr(5000)), amount(kr(5000)))),
            Row(RowKind.GAP, (Cell(SIGNED), amount(Range(None, Decimal(1_300_000))), amount(Range(None, Decimal(1_300_000)))),
                audience=Audience.NUMBERS, of=(3, 2)),
            Row(RowKind.MEASURE, (Cell("Liten"), amount(kr(100, 200)), amount(kr(100, 200)))))
    table = Table("t", "Med intervall", columns, rows[:5], "")
    book = written(document(table, ranges=True))
    header = [book.sheets["Plan A"][f"{c}4"].value for c in "ABCDE"]
    assert header == ["Åtgärd", "2024 låg (tkr)", "2024 hög (tkr)", "Summa låg (tkr)", "Summa hög (tkr)"]
    cells = book.rows("Plan A", "A")
    assert [float(cells["Intervall"][c].value) for c in "BC"] == [700, 1600]
    assert cells["Intervall"]["D"].formula == "SUM(B5)" and cells["Intervall"]["E"].formula == "SUM(C5)"
    assert "C" not in cells["Över 3 mkr"] and "E" not in cells["Över 3 mkr"]  # unbounded: empty
    assert cells["Summa"]["B"].formula == "SUM($B$5:$B$6)" and "C" not in cells["Summa"]
    # the gap's high is target − Summa's low; its low would be target − an unbounded high: empty
    gap = cells[SIGNED]
    assert "B" not in gap and (gap["C"].formula, float(gap["C"].value)) == ("C9-B8", 1300.0)


# --- several sections: links, sheet names, a table under the first -------------------------------------


def test_a_plan_among_all_plans_links_to_its_summa_and_sheet_names_are_valid_and_unique() -> None:
    plan_a = plan_table()
    plan_b = plan_table(key="plan:b", title="Plan B")
    columns = (Column("measure", "", ColumnKind.NAME, wide=True), *COLUMNS[3:])
    rows = (Row(RowKind.GROUP, (Cell("Plan A — Nämnden"), amount(kr(1500)), amount(kr(800)), amount(kr(2300))),
                link=("plan:a", 3)),
            Row(RowKind.GROUP, (Cell("Plan B"), amount(kr(1500)), amount(kr(800)), amount(kr(2300))),
                link=("plan:b", 3)),
            Row(RowKind.TOTAL, (Cell("Summa"), amount(kr(3000)), amount(kr(1600)), amount(kr(4600))), sums=(0, 1)))
    together = Table("all", "Alla planer", columns, rows, "Belopp i tkr")
    groups = Table("groups", "Delsummor per område", (Column("measure", "Område", ColumnKind.NAME), *COLUMNS[3:]),
                   (Row(RowKind.GROUP, (Cell("Vård"), amount(kr(3000)), amount(kr(1600)), amount(kr(4600)))),))
    sections = (Section("Alla planer", "a.yaml + b.yaml", tables=(together, groups), sheet="Sammanställning"),
                Section(plan_a.title, tables=(plan_a,), sheet="Plan: A/B [1]"),
                Section(plan_b.title, tables=(plan_b,), sheet="plan: a/b [1]"))
    book = written(document(sections=sections, notes=(Note("Varning: a.yaml: summan", Tone.UNCERTAIN, True),)))
    assert list(book.sheets) == ["Sammanställning", "Plan  A B  1", "plan  a b  1 (2)"]
    assert sheet_names(["Plan: A/B [1]", "plan: a/b [1]"]) == ["Plan  A B  1", "plan  a b  1 (2)"]
    overview = book.rows("Sammanställning", "A")
    assert overview["Plan A — Nämnden"]["B"].formula == "'Plan  A B  1'!$D$9"
    assert overview["Plan B"]["D"].formula == "'plan  a b  1 (2)'!$F$9"
    assert float(overview["Plan B"]["D"].value) == 2300
    assert overview["Summa"]["D"].formula == "SUM($D$5:$D$6)"
    # the subtotals under the first table: their own title and header, the amounts in the same columns
    assert overview["Delsummor per område"]["A"].style["bold"]
    assert overview["Område"]["B"].value == "2024 (tkr)"
    assert overview["Vård"]["D"].formula == "SUM(B12:C12)" and float(overview["Vård"]["D"].value) == 4600
    # the Document's notes go under the tables of the first sheet
    assert overview["Varning: a.yaml: summan"]["A"].style["color"] == "FF9C5700"
    assert not any(c.value.startswith("Varning") for c in book.sheets["Plan  A B  1"].values())


# --- follow-up: deviation -----------------------------------------------------------------------------


def test_a_deviation_is_forecast_minus_planned_bound_by_bound_and_red_below_zero() -> None:
    columns = (Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
               amount_column("planned", "Planerat"), amount_column("forecast", "Prognos"),
               amount_column("deviation", "Avvikelse", ColumnKind.DEVIATION, ("forecast", "planned")),
               Column("followed_up", "Uppföljd"))
    rows = (Row(RowKind.MEASURE, (Cell("A"), Cell("Ett"), amount(kr(300, 700)), amount(kr(200, 900)),
                                  amount(kr(-100, 200), Tone.BAD), Cell("ej uppföljd", tone=Tone.UNCERTAIN))),
            Row(RowKind.TOTAL, (EMPTY, Cell("Summa"), amount(kr(300, 700)), amount(kr(200, 900)),
                                amount(kr(-100, 200)), EMPTY), sums=(0,)),
            Row(RowKind.TARGET, (EMPTY, Cell("Sparbeting"), EMPTY, amount(kr(1000)), EMPTY, EMPTY)),
            Row(RowKind.GAP, (EMPTY, Cell("Prognos: " + SIGNED), EMPTY, amount(kr(100, 800)), EMPTY, EMPTY),
                audience=Audience.NUMBERS, of=(2, 1)))
    table = Table("follow-up", "Uppföljning 2025", columns, rows, notes=(Note("1 åtgärd utan prognos", Tone.UNCERTAIN),))
    section = Section("Uppföljning 2025", "f.yaml", tables=(table,), notes=(Note("Rött: under plan"),),
                      sheet="Uppföljning 2025")
    book = written(document(sections=(section,), ranges=True))
    cells = book.rows("Uppföljning 2025")
    one = cells["Ett"]
    assert [(one[c].formula, float(one[c].value)) for c in "GH"] == [("E5-C5", -100.0), ("F5-D5", 200.0)]
    assert one["G"].style["format"] == "#,##0_-;[Red]-#,##0_-"  # red below zero: below plan
    assert one["I"].value == "ej uppföljd" and one["I"].style["bold"]  # the Document's tone, flagged
    summa = cells["Summa"]
    assert summa["C"].formula == "SUM($C$5)" and summa["G"].formula == "E7-C7"
    gap = cells["Prognos: " + SIGNED]
    assert [(gap[c].formula, float(gap[c].value)) for c in "EF"] == [("E8-F7", 100.0), ("F8-E7", 800.0)]
    assert cells["1 åtgärd utan prognos"]["A"].style["color"] == "FF9C5700"  # a table's note, under it
    assert "Rött: under plan" in cells  # the section's note


# --- hostile plan text, print setup -------------------------------------------------------------------


def test_hostile_plan_text_stays_text_and_the_page_header_escapes_it() -> None:
    title = '=HYPERLINK("http://evil.example","klicka") & co ' + "x" * 300
    table = plan_table(title=title)
    table = Table(table.key, title, table.columns,
                  (Row(RowKind.MEASURE, (Cell("@SUM(1+1)"), Cell("-Investering"), Cell("+1"), amount(kr(1)),
                                         EMPTY, amount(kr(1)))), *table.rows[1:]), table.caption)
    book = written(document(table))
    xml = book.xml["Plan A"]
    cells = xml.split("<headerFooter>")[0]
    assert "HYPERLINK" not in cells  # the title is a shared string, never a formula
    assert all(re.fullmatch(r"[A-Z0-9$:,()+\-/]+", f) for f in re.findall(r"<f>(.*?)</f>", cells))
    texts = {c.value for c in book.sheets["Plan A"].values() if c.kind == "s"}
    assert {"@SUM(1+1)", "-Investering", "+1", title} <= texts
    header = re.search(r"<oddHeader>(.*?)</oddHeader>", xml).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    assert header.startswith('&C=HYPERLINK("http://evil.example","klicka") && co x') and len(header) <= 255
    assert header.endswith("…")


def test_print_setup() -> None:
    xml = written(document(plan_table())).xml["Plan A"]
    setup = re.search(r"<pageSetup [^>]*/>", xml).group(0)  # type: ignore[union-attr]
    assert 'paperSize="9"' in setup and 'orientation="landscape"' in setup and 'fitToHeight="0"' in setup
    assert '<pageSetUpPr fitToPage="1"/>' in xml and 'pane ySplit="4"' in xml
    footer = re.search(r"<oddFooter>(.*?)</oddFooter>", xml).group(1)  # type: ignore[union-attr]
    assert footer == "&amp;LRapportdatum 2026-12-02&amp;R&amp;P / &amp;N"
    # the wide title wraps: its row is as tall as its lines
    long = plan_table()
    long = Table(long.key, long.title, long.columns,
                 (row(RowKind.MEASURE, "1", "ord " * 40, "ja", kr(1), None, kr(1)), *long.rows[1:]), long.caption)
    assert re.search(r'<row r="5"[^>]* ht="(\d+)"', written(document(long)).xml["Plan A"]).group(1) == "60"  # type: ignore[union-attr]


# --- Summa over many rows: Excel's limits ----------------------------------------------------------------


def many(count: int, counted: bool = True) -> Table:
    """``count`` measures, every other one counted, and Summa over the counted ones."""
    rows = [row(RowKind.MEASURE if i % 2 == 0 else RowKind.UNCOUNTED, str(i), f"Åtgärd {i}",
                "ja" if i % 2 == 0 else "nej", kr(1), None, kr(1)) for i in range(count)]
    chosen = tuple(range(0, count, 2))
    rows.append(row(RowKind.TOTAL, "", "Summa", "", kr(len(chosen)), None, kr(len(chosen)), sums=chosen))
    columns = COLUMNS if counted else tuple(c for c in COLUMNS if c.key != "counted")
    if not counted:
        rows = [Row(r.kind, r.cells[:2] + r.cells[3:], sums=r.sums) for r in rows]
    return Table("many", "Många", columns, tuple(rows))


def test_summa_over_more_than_255_separate_rows_adds_up_groups_of_255() -> None:
    summa = written(document(many(1000))).rows("Plan A")["Summa"]["D"]
    assert summa.formula is not None and summa.formula.count("SUM(") == 2 and float(summa.value) == 500
    assert all(part.count(",") <= 254 for part in summa.formula.split("+"))


def test_summa_longer_than_excel_allows_is_sumifs_on_the_counted_column_or_the_figure() -> None:
    summa = written(document(many(3000))).rows("Plan A")["Summa"]["D"]
    assert summa.formula == 'SUMIFS($D$5:$D$3003,$C$5:$C$3003,"ja")' and float(summa.value) == 1500
    plain = written(document(many(3000, counted=False))).rows("Plan A")["Summa"]["C"]
    assert plain.formula is None and float(plain.value) == 1500


# --- LibreOffice recalculates -----------------------------------------------------------------------------


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recalculates_to_our_figures(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    path.write_bytes(write(document(plan_table()), OPTIONS))
    zero_cached_results(path)
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(path)], tmp_path)
    (sheet,) = (tmp_path / "csv").glob("*.csv")
    rows = {r[1]: r for r in csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")), delimiter=";") if len(r) > 1}
    assert [Decimal(c) for c in rows["=1+2 mer"][3:6]] == [1000, 500, 1500]
    assert [Decimal(c) for c in rows["Summa"][3:6]] == [1500, 800, 2300]
    assert [Decimal(c) for c in rows[SIGNED][3:6]] == [-500, 1200, 700]
    assert Decimal(rows["Kvar att spara (2025)"][5]) == 1200
    assert rows["Täckning"][5].startswith("76.666")  # 2 300 / 3 000, a percent
