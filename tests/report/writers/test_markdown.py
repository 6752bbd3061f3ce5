"""The Markdown writer on small hand-made Documents: headings, figures, the table's marks, notes, escaping."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.writers import markdown
from budgetbalans.report.model import (
    EMPTY, Audience, Cell, Column, ColumnKind, Document, Figure, Note, Row, RowKind, Section, Table, Tone,
)
from budgetbalans.report.options import WriteOptions

OPTIONS = WriteOptions()
WORDS = {"plan": "Plan", "warning": "Varning", "warnings": "Varningar"}
HOSTILE = "Plan | *fet* <script>x</script> [länk](http://x.example) `kod` @alla $m$\nny rad"


def kr(low: int, high: int | None = None) -> Range:
    return Range(Decimal(low), Decimal(low if high is None else high))


COLUMNS = (
    Column("id", "Nr"),
    Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
    Column("counted", "Medräknad", audience=Audience.NUMBERS),
    Column("year:2024", "2024", ColumnKind.AMOUNT, "2024 (tkr)"),
    Column("total", "Summa", ColumnKind.TOTAL, "Summa (tkr)", of=("year:2024",)),
)


def row(kind: RowKind, *cells: Cell, tone: Tone = Tone.NEUTRAL, audience: Audience = Audience.ALL,
        sums: tuple[int, ...] = ()) -> Row:
    return Row(kind, cells, tone, audience, sums)


ROWS = (
    row(RowKind.MEASURE, Cell("1"), Cell(HOSTILE), Cell("ja"), Cell("500", kr(500_000)), Cell("500", kr(500_000))),
    row(RowKind.UNCOUNTED, Cell("2"), Cell("Möjlig"), Cell("nej"), Cell("700–1 600", kr(700_000, 1_600_000)),
        Cell("700–1 600", kr(700_000, 1_600_000))),
    row(RowKind.TOTAL, EMPTY, Cell("Summa"), EMPTY, Cell("500", kr(500_000)), Cell("500", kr(500_000)), sums=(0,)),
    row(RowKind.POTENTIAL, EMPTY, Cell("Möjlig effekt, ej medräknad"), EMPTY, EMPTY,
        Cell("700–1 600", kr(700_000, 1_600_000))),
    row(RowKind.TARGET, EMPTY, Cell("Sparbeting"), EMPTY, EMPTY, Cell("2 000", kr(2_000_000))),
    row(RowKind.GAP, EMPTY, Cell("Kvar att spara"), EMPTY, Cell("kvar att spara 1 500", kr(1_500_000), Tone.BAD),
        Cell("1 500", None, Tone.BAD), tone=Tone.BAD, audience=Audience.TEXT),
    row(RowKind.GAP, EMPTY, Cell("Siffror"), EMPTY, EMPTY, Cell("1 500", kr(1_500_000)),
        audience=Audience.NUMBERS),
    row(RowKind.COVERAGE, EMPTY, Cell("Täckning"), EMPTY, EMPTY, Cell("25 %", Range(Decimal("0.25"), Decimal("0.25"))),
        audience=Audience.NUMBERS),
)


def document(*notes: Note, tables: tuple[Table, ...] | None = None, date: str = "Rapportdatum 2026-12-02") -> Document:
    plan = Table("plan:a", "Plan A", COLUMNS, ROWS, "a.yaml · Belopp i tkr", name="Plan A", head=2)
    groups = Table("groups", "Delsummor per område", (Column("measure", "Område", ColumnKind.NAME),
                                                      Column("total", "Summa", ColumnKind.TOTAL, "Summa (tkr)")),
                   (row(RowKind.GROUP, Cell("Vård"), Cell("500", kr(500_000))),
                    row(RowKind.TOTAL, Cell("Summa"), Cell("500", kr(500_000)), sums=(0,))),
                   "Belopp i tkr", (Note("En tabellnot"),), name="Delsumma")
    hidden = Table("numbers", "Bara för kalkylblad", COLUMNS[:2], (row(RowKind.TOTAL, EMPTY, Cell("Dold")),),
                   audience=Audience.NUMBERS)
    section = Section("Plan A", "a.yaml · Belopp i tkr",
                      (Figure("Sparbeting", "2 000 tkr"), Figure("Kvar att spara", "1 500 tkr", Tone.BAD)),
                      tables=tables if tables is not None else (plan, groups, hidden),
                      notes=(Note("En avsnittsnot"),))
    return Document("summarize", "Plan A", Lang.SV, Unit.TKR, (section,), notes=notes, report_date=date, words=WORDS)


def lines(text: str) -> list[str]:
    return text.splitlines()


def table_rows(text: str) -> list[str]:
    return [line for line in lines(text) if line.startswith("| ")]


def test_section_heading_subtitle_and_figures() -> None:
    text = markdown.write(document(), OPTIONS)
    assert lines(text)[:5] == ["## Plan A", "", "*a.yaml · Belopp i tkr*", "",
                               "**Sparbeting:** 2 000 tkr · **Kvar att spara:** 1 500 tkr"]
    # the plan's table has the section's title and caption: neither is repeated
    assert text.count("Plan A") == 1 and text.count("a.yaml · Belopp i tkr") == 1
    # a table with a title of its own gets a ### heading and its caption
    assert "### Delsummor per område\n\n*Belopp i tkr*\n\n| Område | Summa |\n|---|---:|" in text


def test_header_and_alignment_show_the_text_columns_only() -> None:
    text = markdown.write(document(), OPTIONS)
    assert "| Nr | Åtgärd | 2024 | Summa |\n|---|---|---:|---:|" in text
    assert "Medräknad" not in text  # a NUMBERS column


def test_row_marks() -> None:
    text = markdown.write(document(), OPTIONS)
    rows = table_rows(text)
    assert "| *2* | *Möjlig* | *700–1 600* | *700–1 600* |" in rows          # not counted: italics
    assert "|  | **Summa** | **500** | **500** |" in rows                       # Summa: bold
    assert "|  | *Möjlig effekt, ej medräknad* |  | *700–1 600* |" in rows    # the possible effect: italics
    assert "|  | Sparbeting |  | 2 000 |" in rows                              # the target: plain
    assert "|  | **Kvar att spara** | **kvar att spara 1 500** | **1 500** |" in rows  # the gap: bold, once


def test_rows_and_tables_for_numbers_are_not_shown() -> None:
    text = markdown.write(document(), OPTIONS)
    assert "Siffror" not in text and "Täckning" not in text  # NUMBERS rows
    assert "Bara för kalkylblad" not in text and "Dold" not in text  # a NUMBERS table


def test_a_cell_with_a_tone_is_bold() -> None:
    columns = (Column("measure", "Åtgärd", ColumnKind.NAME), Column("deviation", "Avvikelse", ColumnKind.DEVIATION),
               Column("followed", "Uppföljd"))
    rows = (row(RowKind.MEASURE, Cell("Sämre"), Cell("-150", kr(-150_000), Tone.BAD), Cell("ja")),
            row(RowKind.MEASURE, Cell("Okänd"), Cell("0", kr(0)), Cell("ej uppföljd", tone=Tone.UNCERTAIN)),
            row(RowKind.MEASURE, Cell("Bättre"), Cell("+100", kr(100_000)), Cell("ja")),
            row(RowKind.UNCOUNTED, Cell("Ej med"), Cell("-5", kr(-5_000), Tone.BAD), Cell("nej")))
    text = markdown.write(document(tables=(Table("t", "Plan A", columns, rows),)), OPTIONS)
    assert "| Sämre | **-150** | ja |" in text
    assert "| Okänd | 0 | **ej uppföljd** |" in text
    assert "| Bättre | +100 | ja |" in text
    assert "| *Ej med* | ***-5*** | *nej* |" in text


def test_notes_in_order() -> None:
    text = markdown.write(document(Note("Beloppen är avrundade."),
                                   Note("a.yaml: summan stämmer inte", Tone.UNCERTAIN, warning=True),
                                   Note("b.yaml: raderna saknas", Tone.UNCERTAIN, warning=True)), OPTIONS)
    end = text.split("| **Summa** | **500** |")[-1]
    assert end == ("\n\nEn tabellnot\n\nEn avsnittsnot\n\n*Beloppen är avrundade.*\n\n"
                   "> **Varning:** a.yaml: summan stämmer inte\n>\n"
                   "> **Varning:** b.yaml: raderna saknas\n\nRapportdatum 2026-12-02\n")
    assert "Varning: a.yaml" not in text  # the word once


def test_no_date_no_notes() -> None:
    text = markdown.write(document(date=""), OPTIONS)
    assert text.endswith("En avsnittsnot\n") and "Rapportdatum" not in text and ">" not in text


def test_plan_text_is_inert() -> None:
    text = markdown.write(document(Note(HOSTILE, warning=True)), OPTIONS)
    assert "<script>" not in text and "&lt;script&gt;x&lt;/script&gt;" in text
    assert (r"Plan \| \*fet\* &lt;script&gt;x&lt;/script&gt; \[länk\](http://x.example) \`kod\` \@alla \$m\$ ny rad"
            in text)
    header = table_rows(text)[0]
    pipes = len(re.findall(r"(?<!\\)\|", header))
    hostile_row = next(line for line in table_rows(text) if "fet" in line)
    assert len(re.findall(r"(?<!\\)\|", hostile_row)) == pipes  # no | from the plan splits the row
    assert f"> **Varning:** {markdown.escape(HOSTILE)}" in text


def test_escape() -> None:
    assert markdown.escape("a|b\nc") == r"a\|b c"
    assert markdown.escape("<img src=x>") == "&lt;img src=x&gt;"
    assert markdown.escape("_x_ $y$ ~z~ #1 **b** [l](u) `c` @m \\") == r"\_x\_ \$y\$ \~z\~ \#1 \*\*b\*\* \[l\](u) \`c\` \@m \\"


def test_a_note_on_marked_cells_says_bold_where_a_colour_writer_says_red() -> None:
    """Markdown marks a cell with a tone in bold: a note explaining such cells names bold, not a colour."""
    words = {**WORDS, "marks_bad": "Rött", "marks_bold": "I fetstil"}
    marked = Note("mindre än planerat.", marks=Tone.BAD)
    page = markdown.write(replace(document(), words=words, sections=tuple(
        replace(section, notes=(marked,)) for section in document().sections)), OPTIONS)
    assert "\n\nI fetstil: mindre än planerat.\n" in page and "Rött" not in page
    assert marked.line(words) == "Rött: mindre än planerat."  # a writer with colours
    assert Note("n").line(words) == "n" and Note("v", warning=True).line(words) == "Varning: v"
