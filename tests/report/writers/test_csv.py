"""The CSV writer on small hand-made Documents: one flat table of every row a spreadsheet shows."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.writers import csv as csvout
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.options import WriteOptions

OPTIONS = WriteOptions()
WORDS = {"plan": "Plan", "warning": "Varning"}


def kr(low: int | None, high: int | None | str = "same") -> Range:
    top = low if high == "same" else high
    return Range(None if low is None else Decimal(low), None if top is None else Decimal(top))


def amount(key: str, name: str, kind: ColumnKind = ColumnKind.AMOUNT) -> Column:
    return Column(key, name, kind, f"{name} (tkr)", (f"{name} låg (tkr)", f"{name} hög (tkr)"))


def row(kind: RowKind, *cells: Cell, tone: Tone = Tone.NEUTRAL, audience: Audience = Audience.ALL) -> Row:
    return Row(kind, cells, tone, audience)


def plan_table(name: str, years: tuple[int, ...], title: str = "Minska övertid") -> Table:
    columns = (Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
               Column("counted", "Medräknad", audience=Audience.NUMBERS),
               *(amount(f"year:{y}", str(y)) for y in years), amount("total", "Summa", ColumnKind.TOTAL),
               Column("class", "Intervall"))
    blank: tuple[Range | None, ...] = (None,) * len(years)

    def line(kind: RowKind, id: str, title: str, counted: str, values: tuple[Range | None, ...], total: Range,
             **more: object) -> Row:
        cells = tuple(EMPTY if v is None else Cell("x", v) for v in values)
        return row(kind, Cell(id), Cell(title), Cell(counted), *cells, Cell("text is never written", total),
                   EMPTY, **more)  # type: ignore[arg-type]

    rows = (
        line(RowKind.MEASURE, "1", title, "ja", (kr(1_575_000),) + (None,) * (len(years) - 1), kr(1_575_000)),
        line(RowKind.UNCOUNTED, "2", "Möjlig", "nej", (kr(700_000, 1_600_000),) + blank[1:], kr(700_000, 1_600_000)),
        line(RowKind.MEASURE, "3", "Okänd övre gräns", "ja", (kr(3_000_000, None),) + blank[1:], kr(3_000_000, None)),
        line(RowKind.TOTAL, "", "Summa", "", (kr(4_575_000, None),) + blank[1:], kr(4_575_000, None)),
        line(RowKind.TARGET, "", "Sparbeting", "", blank, kr(2_000_000)),
        line(RowKind.GAP, "", "Kvar att spara", "", blank, kr(-400_000), tone=Tone.GOOD, audience=Audience.TEXT),
        line(RowKind.GAP, "", "Överskott", "", blank, kr(400_000), tone=Tone.GOOD, audience=Audience.NUMBERS),
        line(RowKind.GAP, "", "Kvar att spara", "", blank, kr(100_000), tone=Tone.BAD, audience=Audience.NUMBERS),
        line(RowKind.GAP, "", "Oklart", "", blank, kr(-100_000, 200_000), tone=Tone.UNCERTAIN,
             audience=Audience.NUMBERS),
        line(RowKind.COVERAGE, "", "Täckning", "", blank, Range(Decimal("0.5"), Decimal("0.5")),
             audience=Audience.NUMBERS),
    )
    return Table(f"plan:{name}", name, columns, rows, name=name, head=2)


def all_table(years: tuple[int, ...]) -> Table:
    columns = (Column("measure", "", ColumnKind.NAME), *(amount(f"year:{y}", str(y)) for y in years),
               amount("total", "Summa", ColumnKind.TOTAL))
    values = tuple(Cell("x", kr(1000 * y)) for y in years)
    return Table("all", "Alla planer", columns, (row(RowKind.TOTAL, Cell("Summa"), *values, Cell("x", kr(5))),),
                 name="Alla planer")


def document(*tables: Table, ranges: bool = False, unit: Unit = Unit.TKR) -> Document:
    return Document("summarize", "T", Lang.SV, unit, (Section("T", tables=tables),), ranges=ranges, words=WORDS)


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    body = data[3:].decode("utf-8")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";"))
    assert body.count("\r\n") == len(rows) and body.endswith("\r\n")  # CRLF ends every row
    return rows


def test_one_plan() -> None:
    rows = read(csvout.write(document(plan_table("Plan A", (2024,))), OPTIONS))
    assert rows[0] == ["Plan", "Nr", "Åtgärd", "Medräknad", "2024 (tkr)", "Summa (tkr)", "Intervall"]
    assert rows[1] == ["Plan A", "1", "Minska övertid", "ja", "1575", "1575", ""]
    assert rows[2][2:6] == ["Möjlig", "nej", "700", "700"]  # the low bound without ranges
    names = [r[2] for r in rows[1:]]
    # the NUMBERS gap rows (one per tone), not the TEXT one; no coverage: a share is no amount
    assert names == ["Minska övertid", "Möjlig", "Okänd övre gräns", "Summa", "Sparbeting", "Överskott",
                     "Kvar att spara", "Oklart"]
    assert rows[6][5] == "400" and rows[7][5] == "100" and rows[8][5] == "-100"
    assert all(r[0] == "Plan A" for r in rows[1:])


def test_ranges_get_low_and_high_and_unbounded_is_empty() -> None:
    rows = read(csvout.write(document(plan_table("Plan A", (2024,)), ranges=True), OPTIONS))
    assert rows[0][4:8] == ["2024 låg (tkr)", "2024 hög (tkr)", "Summa låg (tkr)", "Summa hög (tkr)"]
    by = {r[2]: r for r in rows[1:]}
    assert by["Möjlig"][4:8] == ["700", "1600", "700", "1600"]
    assert by["Okänd övre gräns"][4:8] == ["3000", "", "3000", ""]
    assert by["Oklart"][4:8] == ["", "", "-100", "200"]
    assert by["Sparbeting"][4:8] == ["", "", "2000", "2000"]
    assert all(len(r) == len(rows[0]) for r in rows)


def test_exact_in_any_unit_without_grouping() -> None:
    rows = read(csvout.write(document(plan_table("Plan A", (2024,)), unit=Unit.MKR), OPTIONS))
    assert rows[1][4:6] == ["1,575", "1,575"] and rows[4][4] == "4,575"
    rows = read(csvout.write(document(plan_table("Plan A", (2024,)), unit=Unit.KR), OPTIONS))
    assert rows[1][4] == "1575000"


def test_several_tables_make_one_table_with_each_tables_columns_in_order() -> None:
    """All plans first (no header on its name column), the subtotals (theirs names the grouping), then two
    plans with different years: the name column is headed as the measures' table heads it."""
    groups = Table("groups", "Delsummor", (Column("measure", "Område", ColumnKind.NAME),
                                           amount("total", "Summa", ColumnKind.TOTAL)),
                   (row(RowKind.GROUP, Cell("Vård"), Cell("x", kr(1000))),), name="Delsumma")
    rows = read(csvout.write(document(all_table((2023, 2024, 2025)), groups, plan_table("Plan A", (2024,)),
                                      plan_table("Plan B", (2023, 2025))), OPTIONS))
    assert rows[0] == ["Plan", "Nr", "Åtgärd", "Medräknad", "2023 (tkr)", "2024 (tkr)", "2025 (tkr)", "Summa (tkr)",
                       "Intervall"]
    assert rows[1] == ["Alla planer", "", "Summa", "", "2023", "2024", "2025", "0,005", ""]
    a = [r for r in rows if r[0] == "Plan A"]
    b = [r for r in rows if r[0] == "Plan B"]
    assert a[0] == ["Plan A", "1", "Minska övertid", "ja", "", "1575", "", "1575", ""]
    assert b[0] == ["Plan B", "1", "Minska övertid", "ja", "1575", "", "", "1575", ""]
    assert rows[2] == ["Delsumma", "", "Vård", "", "", "", "", "1", ""]
    assert len(a) == len(b) == 8 and len(rows) == 1 + 1 + 1 + 16


def test_a_table_with_its_own_plan_column() -> None:
    columns = (Column("plan", "Plan", audience=Audience.NUMBERS), Column("measure", "Åtgärd", ColumnKind.NAME),
               amount("forecast", "Prognos 2025"), Column("followed", "Uppföljd"))
    rows_in = (row(RowKind.MEASURE, Cell("=evil()"), Cell("A"), Cell("x", kr(-150_000)), Cell("ja")),
               row(RowKind.TOTAL, EMPTY, Cell("Summa"), Cell("x", kr(-150_000)), EMPTY))
    table = Table("follow-up", "Uppföljning", columns, rows_in, name="Hela planen")
    rows = read(csvout.write(document(table), OPTIONS))
    assert rows == [["Plan", "Åtgärd", "Prognos 2025 (tkr)", "Uppföljd"],
                    ["'=evil()", "A", "-150", "ja"],
                    ["Hela planen", "Summa", "-150", ""]]  # a row without a plan of its own: the table's name


def test_text_only_tables_and_columns_are_left_out() -> None:
    text_table = Table("gap", "Gap", (Column("year", "År", ColumnKind.NAME), amount("gap", "Gap")),
                       (row(RowKind.YEAR, Cell("2024"), Cell("x", kr(1000))),), audience=Audience.TEXT)
    columns = (Column("measure", "", ColumnKind.NAME), Column("words", "Ord", audience=Audience.TEXT),
               amount("total", "Summa", ColumnKind.TOTAL))
    totals = Table("totals", "Gap", columns, (row(RowKind.TOTAL, Cell("Summa"), Cell("bara text"), Cell("x", kr(2000))),),
                   name="Plan A", audience=Audience.NUMBERS)
    rows = read(csvout.write(document(text_table, totals), OPTIONS))
    assert rows == [["Plan", "", "Summa (tkr)"], ["Plan A", "Summa", "2"]]


def test_plan_text_never_starts_a_formula() -> None:
    rows = read(csvout.write(document(plan_table("+Plan", (2024,), title="=HYPERLINK(\"x\")\r\n@ny;rad\"")), OPTIONS))
    assert rows[1][0] == "'+Plan"
    assert rows[1][2] == "'=HYPERLINK(\"x\")\n@ny;rad\""  # quoted by csv: ; and " stay inside the cell
    for line in rows[1:]:
        for cell in line:
            if cell and not cell.replace(",", "").lstrip("-").isdigit():
                assert not cell.startswith(csvout.FORMULA_START), cell


def test_helpers() -> None:
    assert csvout.csv_amount(Decimal("1575000"), Unit.MKR) == "1,575"
    assert csvout.csv_amount(Decimal("-400000"), Unit.TKR) == "-400"
    assert csvout.csv_amount(None, Unit.TKR) == ""
    assert csvout.text("-x") == "'-x" and csvout.text("a=b") == "a=b"
    assert csvout.encode_rows([["a", "b;c"]]) == "\ufeffa;\"b;c\"\r\n".encode("utf-8")
