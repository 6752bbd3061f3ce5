"""The terminal writer (``--format table``) on small hand-made Documents.

It shows the tables, rows and columns for text (``Audience.TEXT``), styles a row by its kind and a
verdict by its tone, prints plan text as text (never rich markup), keeps every amount whole at any
width (the table, or a block per row where it does not fit) and never cuts a table's right edge.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.writers import terminal as writer
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Note, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.options import WriteOptions

YEARS = ("2024", "2025")
HOSTILE = "[bold red]röd[/] :smile: [link=http://x]länk[/link]"


def amount(text: str, low: int, high: int | None = None, tone: Tone = Tone.NEUTRAL) -> Cell:
    return Cell(text, Range(Decimal(low), Decimal(low if high is None else high)), tone)


def columns() -> tuple[Column, ...]:
    return (
        Column("id", "Nr"),
        Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
        Column("area", "Område"),
        Column("status", "Status"),
        Column("counted", "Medräknad", audience=Audience.NUMBERS),
        *(Column(f"year:{year}", year, ColumnKind.AMOUNT) for year in YEARS),
        Column("total", "Summa", ColumnKind.TOTAL, of=tuple(f"year:{year}" for year in YEARS)),
        Column("class", "Intervall"),
    )


def row(kind: RowKind, name: str, *amounts: Cell, id: str = "", area: str = "", status: str = "",
        tone: Tone = Tone.NEUTRAL, audience: Audience = Audience.ALL, sums: tuple[int, ...] = ()) -> Row:
    cells = (Cell(id), Cell(name), Cell(area), Cell(status), Cell("ja"), *amounts, EMPTY)
    return Row(kind, cells, tone, audience, sums)


def measures(gap: Tone = Tone.BAD, title: str = "Minska övertid", area: str = "Kortsiktig") -> Table:
    rows = (
        row(RowKind.MEASURE, title, amount("535", 535), amount("700–1 600", 700, 1600),
            amount("1 235–2 135", 1235, 2135), id="1", area=area, status="planerad"),
        row(RowKind.UNCOUNTED, "Möjlig besparing", amount("14 500", 14500), EMPTY, amount("14 500", 14500),
            id="2", status="pågår (möjlig)"),
        row(RowKind.TOTAL, "Summa", amount("535", 535), amount("700–1 600", 700, 1600),
            amount("1 235–2 135", 1235, 2135), sums=(0,)),
        row(RowKind.POTENTIAL, "Möjlig effekt, ej medräknad", EMPTY, EMPTY, amount("14 500", 14500)),
        row(RowKind.TARGET, "Sparbeting", EMPTY, EMPTY, amount("12 357", 12357)),
        row(RowKind.GAP, "Kvar att spara", Cell("900", None, Tone.BAD), Cell("40", None, Tone.GOOD),
            Cell("10 222–11 122", None, gap), tone=gap, audience=Audience.TEXT),
        row(RowKind.GAP, "Gap med tecken", EMPTY, EMPTY, amount("-99 999", -99999), audience=Audience.NUMBERS),
        row(RowKind.COVERAGE, "Täckning i siffror", EMPTY, EMPTY, Cell("10 %"), audience=Audience.NUMBERS),
    )
    return Table("plan:a.yaml", "Åtgärdsplan — Nämnden", columns(), rows, "a.yaml · Belopp i tkr",
                 (Note("Sparbetinget gäller hela perioden"),), name="Åtgärdsplan", head=2)


def document(*tables: Table, notes: tuple[Note, ...] = ()) -> Document:
    return Document("summarize", "Åtgärdsplan", Lang.SV, Unit.TKR,
                    (Section("Åtgärdsplan — Nämnden", "a.yaml · Belopp i tkr", tables=tables),), notes=notes)


def write(doc: Document, width: int = 140, terminal: bool = False) -> str:
    return writer.write(doc, WriteOptions(terminal=terminal, width=width))


def body(text: str) -> list[list[str]]:
    """The table's body rows as cells."""
    return [[cell.strip() for cell in line.strip().strip("│").split("│")]
            for line in text.splitlines() if line.startswith("│")]


def test_the_table_shows_title_columns_rows_caption_and_notes_for_a_reader() -> None:
    text = write(document(measures(), notes=(Note("Beloppen är avrundade"),
                                             Note("Varning: a.yaml: summan stämmer inte", Tone.UNCERTAIN, True))))
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[0] == "Åtgärdsplan — Nämnden"
    assert re.fullmatch(r"┃ Nr ┃ Åtgärd +┃ Område +┃ Status +┃ +2024 ┃ +2025 ┃ +Summa ┃ Intervall ┃", lines[2])
    assert "Medräknad" not in text  # a column for the spreadsheets
    assert "Gap med tecken" not in text and "-99 999" not in text and "Täckning i siffror" not in text
    rows = body(text)
    assert [r[1] for r in rows] == ["Minska övertid", "Möjlig besparing", "Summa", "Möjlig effekt, ej medräknad",
                                    "Sparbeting", "Kvar att spara"]
    assert rows[0] == ["1", "Minska övertid", "Kortsiktig", "planerad", "535", "700–1 600", "1 235–2 135", ""]
    assert rows[5][4:7] == ["900", "40", "10 222–11 122"]
    # the section line is above Summa, the first row that is not a measure's
    separator = next(i for i, line in enumerate(lines) if line.startswith("├"))
    assert lines[separator - 1].startswith("│ 2 ") and "Summa" in lines[separator + 1]
    # the caption, the table's note, then after a blank line the document's notes
    end = next(i for i, line in enumerate(lines) if line.startswith("└"))
    assert lines[end + 1:] == ["a.yaml · Belopp i tkr", "Sparbetinget gäller hela perioden", "",
                               "Beloppen är avrundade", "Varning: a.yaml: summan stämmer inte"]


def test_numbers_only_tables_are_not_shown_and_tables_are_apart() -> None:
    hidden = Table("totals", "Siffror för kalkylblad", columns(), measures().rows, audience=Audience.NUMBERS)
    other = Table("groups", "Delsummor per område", columns()[1:2] + columns()[5:8],
                  (Row(RowKind.GROUP, (Cell("Kortsiktig"), amount("535", 535), EMPTY, amount("535", 535))),
                   Row(RowKind.TOTAL, (Cell("Summa"), amount("535", 535), EMPTY, amount("535", 535)), sums=(0,))))
    text = write(document(measures(), hidden, other))
    assert "Siffror för kalkylblad" not in text
    lines = [line.rstrip() for line in text.splitlines()]
    start = lines.index("Delsummor per område")
    assert lines[start - 1] == "" and lines[start - 2] == "Sparbetinget gäller hela perioden"
    assert any(line.startswith("├") for line in lines[start:])  # above the groups' Summa


def test_a_table_of_totals_alone_has_no_section_line() -> None:
    period = Table("gap", "Gap", (Column("year", "År", ColumnKind.NAME), Column("gap", "Kvar", ColumnKind.AMOUNT)),
                   (Row(RowKind.TOTAL, (Cell("2019"), Cell("Kvar att spara: 36 000", None, Tone.BAD)), Tone.BAD),))
    text = write(document(period))
    assert "├" not in text and "Kvar att spara: 36 000" in text


def styles(table: Table) -> list[tuple[str, list[str]]]:
    rich = writer.rich_table(table)
    cells = [list(column.cells) for column in rich.columns]
    return [(str(row.style or ""), [str(column[index].style) for column in cells])  # type: ignore[union-attr]
            for index, row in enumerate(rich.rows)]


@pytest.mark.parametrize(("tone", "colour"), [(Tone.BAD, "red"), (Tone.GOOD, "green"), (Tone.UNCERTAIN, "yellow")])
def test_rows_are_styled_by_kind_and_verdicts_by_tone(tone: Tone, colour: str) -> None:
    shown = styles(measures(gap=tone))
    kinds = ["measure", "uncounted", "total", "potential", "target", "gap"]
    by_kind = dict(zip(kinds, shown))
    assert by_kind["measure"][0] == "" and by_kind["target"][0] == ""
    assert by_kind["total"][0] == "bold"
    assert by_kind["uncounted"][0] == "dim" and by_kind["potential"][0] == "dim"
    assert by_kind["gap"][0] == f"bold {colour}"
    # each year's verdict in its own tone's colour, the period's in the row's
    assert by_kind["gap"][1][4:7] == ["red", "green", colour]
    assert all(style == "" for style in by_kind["measure"][1])


def test_colours_reach_a_terminal_and_not_a_pipe() -> None:
    doc = document(measures(gap=Tone.GOOD))
    coloured = write(doc, terminal=True)
    assert "\x1b[" in coloured and "32m" in coloured and "31m" in coloured  # green verdict, a red year
    assert "\x1b" not in write(doc, terminal=False)


def test_notes_are_dim_warnings_yellow_toned_notes_in_their_colour() -> None:
    assert writer.note_text(Note("n")).style == "dim"
    assert writer.note_text(Note("v", Tone.UNCERTAIN, warning=True)).style == "yellow"
    assert writer.note_text(Note("ej uppföljda", Tone.UNCERTAIN)).style == "yellow"
    assert writer.note_text(Note("sämre", Tone.BAD)).style == "red"


@pytest.mark.parametrize("terminal", [False, True])
@pytest.mark.parametrize("width", [140, 50])
def test_plan_text_is_printed_as_text_never_as_markup(terminal: bool, width: int) -> None:
    table = measures(title=HOSTILE, area=HOSTILE)
    table = Table(table.key, HOSTILE, table.columns, table.rows, HOSTILE, (Note(HOSTILE),), head=2)
    text = write(document(table, notes=(Note(HOSTILE, Tone.UNCERTAIN, True),)), width, terminal)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
    flat = " ".join(re.sub("[\u2500-\u257f]", " ", plain).split())
    assert "[bold red]röd[/]" in flat or "[bold red]röd[/]" in plain.replace("\n", "")
    assert ":smile:" in plain and "😄" not in plain
    assert "\x1b]8" not in text  # no hyperlink escape


def test_a_narrow_terminal_stacks_each_row_under_its_heading() -> None:
    text = write(document(measures()), width=50)
    assert "┃" not in text and "│" not in text
    lines = [line.rstrip() for line in text.splitlines()]
    assert lines[0] == "Åtgärdsplan — Nämnden"
    # the heading is the first head (2) shown cells: number and title; the hidden column is not one
    assert lines[1] == "1 Minska övertid"
    assert lines[2] == "  Område: Kortsiktig · Status: planerad"  # the separator at a line end is dropped
    assert lines[3].startswith("  2024: 535 · 2025: 700–1 600")
    assert "Medräknad" not in text and "-99 999" not in text
    assert "Summa" in lines and "Kvar att spara" in lines
    assert "  2024: 900 · 2025: 40 · Summa: 10 222–11 122" in lines
    assert lines[lines.index("Summa") - 1] == ""  # the section line as a blank line


def long_table() -> Table:
    """Long texts in two wrapping columns and wide amounts: the table rich would once squeeze below
    the title's min_width, and then cut at its right edge."""
    big = (amount("12 345 678–23 456 789", 12345678, 23456789), amount("1 234 567", 1234567),
           amount("13 580 245–24 691 356", 13580245, 24691356))
    rows = tuple(row(RowKind.MEASURE, "Översyn av bemanningen på samtliga särskilda boenden med fokus på natt och helg",
                     *big, id=str(n), area="Kortsiktiga åtgärder inom äldreomsorgen och funktionsstödet",
                     status="pågår (möjlig)")
                 for n in range(1, 4))
    return Table("plan:long.yaml", "En mycket lång titel på en åtgärdsplan", columns(),
                 (*rows, row(RowKind.TOTAL, "Summa", *big, sums=(0, 1, 2))), "long.yaml · Belopp i kr", head=2)


@pytest.mark.parametrize("width", range(30, 201))
def test_no_width_cuts_an_amount_or_the_table(width: int) -> None:
    text = write(document(long_table(), measures()), width=width)
    flat = re.sub("[\u2500-\u257f]", " ", text)
    for shown in ("12 345 678–23 456 789", "1 234 567", "13 580 245–24 691 356", "700–1 600", "1 235–2 135",
                  "10 222–11 122", "14 500", "12 357"):
        def whole(part: str) -> str:
            return rf"(?<![\d,])(?<!\d ){re.escape(part)}(?! \d{{3}}(?!\d))(?![\d,])"

        lines = flat.splitlines()
        found = any(re.search(whole(shown), line) for line in lines)
        # a range wider than the line is broken after its dash, both amounts whole
        split_range = "–" in shown and all(any(re.search(whole(part), line) for line in lines)
                                           for part in shown.split("–"))
        assert found or split_range, f"{shown} not whole at width {width}:\n{text}"
    for line in text.splitlines():
        assert len(line) <= width and "…" not in line
        stripped = line.rstrip()
        if stripped and stripped[0] in "┏┃┡│├└":
            assert stripped[-1] in "┓┃┩│┤┘", f"the table is cut at width {width}:\n{text}"
