"""The builders: core results → one report model (:mod:`budgetbalans.report.model`).

Every tone comes from the core's kind; every sum row knows the rows it adds up; the gap is
worded for readers and given as numbers for spreadsheets, from the same figures. Writers are
tested on hand-made Documents in ``test_write_*.py``.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.core.summary import summarize
from budgetbalans.core.followup import follow_up
from budgetbalans.core.grouping import GroupBy
from budgetbalans.read.loader import load_plan
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.builders.summary import gap_document, summary_document
from budgetbalans.report.builders.follow_up import follow_up_document
from budgetbalans.report.model import Audience, ColumnKind, Document, Row, RowKind, Table, Tone
from budgetbalans.report.builders.wording import shown_paths
from budgetbalans.report.options import View
from tests.paths import EXAMPLES

VIEW = View(Unit.TKR, Lang.SV)

PER_YEAR = """\
title: Åtgärdsplan 2024–2025
unit: tkr
years: [2024, 2025]
target: {TARGET}
measures:
  - id: "1"
    title: Färre externa placeringar
    effects: {2024: 2 500, 2025: 800}
    forecast: {2025: 700}
  - id: "2"
    title: Möjlig samordning
    potential: true
    effects: {2025: 300}
"""


def tkr(amount: int) -> Range:
    return Range.exact(Decimal(amount * 1000))


def plan(tmp_path: Path, target: str = "{2024: 1 000, 2025: 2 000}") -> Path:
    path = tmp_path / "sub" / "plan.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(PER_YEAR.replace("{TARGET}", target), encoding="utf-8")
    return path


def rows(table: Table, kind: RowKind, audience: Audience | None = None) -> list[Row]:
    return [row for row in table.rows if row.kind is kind and (audience is None or row.audience is audience)]


def cell(table: Table, row: Row, key: str) -> tuple[str, Range | None, Tone]:
    found = row.cells[table.column(key)]
    return found.text, found.value, found.tone


def document(tmp_path: Path, target: str = "{2024: 1 000, 2025: 2 000}") -> Document:
    summary = summarize([load_plan(plan(tmp_path, target))])
    return summary_document(summary, VIEW, today=datetime.date(2026, 12, 2))


def test_a_shortfall_is_worded_with_its_years_and_given_as_numbers(tmp_path: Path) -> None:
    table = document(tmp_path).sections[0].tables[0]
    [worded] = rows(table, RowKind.GAP, Audience.TEXT)
    assert worded.cells[table.column("measure")].text == "Kvar att spara"
    assert worded.tone is Tone.BAD
    assert cell(table, worded, "total") == ("1 200 (2025)", None, Tone.BAD)
    assert cell(table, worded, "year:2024")[0] == "överskott 1 500"
    assert cell(table, worded, "year:2024")[2] is Tone.GOOD
    assert cell(table, worded, "year:2025")[1:] == (tkr(1_200), Tone.BAD)
    [net] = rows(table, RowKind.NET)
    assert net.audience is Audience.TEXT and net.tone is Tone.NEUTRAL
    assert cell(table, net, "total")[:2] == ("överskott 300", tkr(-300))
    # for a spreadsheet: signed numbers (the cells disagree) and the shortfall on a row of its own
    [signed] = rows(table, RowKind.GAP, Audience.NUMBERS)
    assert signed.tone is Tone.NEUTRAL
    assert signed.cells[table.column("measure")].text == "Kvar att spara (negativt = överskott)"
    assert [cell(table, signed, k)[1] for k in ("year:2024", "year:2025", "total")] == [tkr(-1_500), tkr(1_200),
                                                                                        tkr(-300)]
    [shortfall] = rows(table, RowKind.SHORTFALL)
    assert shortfall.tone is Tone.BAD and shortfall.cells[table.column("measure")].text == "Kvar att spara (2025)"
    assert cell(table, shortfall, "total")[1] == tkr(1_200)
    assert shortfall.of == (table.rows.index(signed),)


def test_sum_rows_know_their_rows_and_the_gap_its_operands(tmp_path: Path) -> None:
    table = document(tmp_path).sections[0].tables[0]
    [total] = rows(table, RowKind.TOTAL)
    assert total.sums == (0,)  # the possible measure (row 1) is not counted
    assert table.rows[1].kind is RowKind.UNCOUNTED
    assert cell(table, total, "total")[1] == tkr(3_300)
    [target] = rows(table, RowKind.TARGET)
    [signed] = rows(table, RowKind.GAP, Audience.NUMBERS)
    assert signed.of == (table.rows.index(target), table.rows.index(total))
    [coverage] = rows(table, RowKind.COVERAGE)
    assert coverage.of == (table.rows.index(total), table.rows.index(target))
    assert cell(table, coverage, "total")[:2] == ("110 %", Range(Decimal("1.1"), Decimal("1.1")))
    [potential] = rows(table, RowKind.POTENTIAL)
    assert cell(table, potential, "total")[1] == tkr(300)
    assert table.columns[table.column("total")].kind is ColumnKind.TOTAL
    assert table.columns[table.column("total")].of == ("year:2024", "year:2025")


@pytest.mark.parametrize(("target", "label", "tone", "value", "signed"), [
    ("3 000", "Överskott", Tone.GOOD, "300", -300),
    ("3 300", "Överskott", Tone.GOOD, "0", 0),       # exactly met: nothing is missing
    ("3 301", "Kvar att spara", Tone.BAD, "1", 1),
])
def test_a_period_target_is_one_verdict(tmp_path: Path, target: str, label: str, tone: Tone, value: str,
                                        signed: int) -> None:
    table = document(tmp_path, target).sections[0].tables[0]
    [worded] = rows(table, RowKind.GAP, Audience.TEXT)
    assert worded.tone is tone and worded.cells[table.column("measure")].text == label
    assert cell(table, worded, "total")[0] == value
    # a spreadsheet's gap is signed under a label that says so, whatever the sign; its tone is the kind's
    [numbers] = rows(table, RowKind.GAP, Audience.NUMBERS)
    assert numbers.cells[table.column("measure")].text == "Kvar att spara (negativt = överskott)"
    assert cell(table, numbers, "total")[1:] == (tkr(signed), tone)
    assert not rows(table, RowKind.NET) and not rows(table, RowKind.SHORTFALL)


def test_no_target_is_said_and_has_no_verdict(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PER_YEAR.replace("target: {TARGET}\n", ""), encoding="utf-8")
    doc = summary_document(summarize([load_plan(path)]), VIEW)
    table = doc.sections[0].tables[0]
    [target] = rows(table, RowKind.TARGET)
    assert target.cells[table.column("measure")].text == "Sparbeting: inget sparbeting angivet"
    assert not rows(table, RowKind.GAP) and not rows(table, RowKind.COVERAGE)


def test_several_plans_come_together_first_with_a_linked_row_per_plan() -> None:
    paths = [EXAMPLES / "vard-och-social-2024-2026.yaml", EXAMPLES / "socialnamnden-trelleborg-2019.yaml"]
    doc = summary_document(summarize([load_plan(p) for p in paths]), VIEW, GroupBy.AREA)
    together, first, second = doc.sections
    assert together.title == "Alla planer" and together.sheet == "Sammanställning"
    all_plans, groups = together.tables
    plan_rows = rows(all_plans, RowKind.GROUP)
    assert [row.link for row in plan_rows] == [(first.tables[0].key, 10), (second.tables[0].key, 9)]
    for row, section in zip(plan_rows, (first, second)):
        linked = section.tables[0].rows[row.link[1]]  # type: ignore[index]
        assert linked.kind is RowKind.TOTAL
        assert linked.cells[-2].value == row.cells[all_plans.column("total")].value
    [total] = rows(all_plans, RowKind.TOTAL)
    assert total.sums == (0, 1) and cell(all_plans, total, "total")[1] == tkr(26_549)
    assert groups.title == "Delsummor per område"
    assert cell(groups, rows(groups, RowKind.TOTAL)[0], "total")[1] == tkr(26_549)
    # plans named by file name, never the local folder
    assert together.subtitle.startswith("vard-och-social-2024-2026.yaml + socialnamnden-trelleborg-2019.yaml")
    assert all("examples/" not in note.text for note in doc.notes)
    assert any(note.warning and "skillnad -400 tkr" in note.text for note in doc.notes)


REVISED = """\
title: Reviderad plan
years: [2024, 2025]
stated_totals: {total: 3 000, 2024: {amount: 2 600, known_difference: 100}}
measures:
  - id: "1"
    title: Färre externa placeringar
    effects: {2024: 2 500, 2025: 800}
    stated_total: 3 000
"""


@pytest.mark.parametrize(("lang", "expected"), [
    (Lang.SV, [
        "plan.yaml: dokumentets summa är 3 000 tkr men raderna summerar till 3 300 tkr (skillnad -300 tkr); är "
        "planen reviderad sedan dokumentet, ta bort stated_totals; är dokumentets egen summa fel, skriv in felet "
        "med known_difference",
        "plan.yaml: dokumentets summa för 2024 är 2 600 tkr men raderna summerar till 2 500 tkr (skillnad 100 tkr)"
        " (känt fel i källdokumentet, avstämt)",
        "plan.yaml: dokumentets summa för åtgärd 1 är 3 000 tkr men raderna summerar till 3 300 tkr (skillnad "
        "-300 tkr); är planen reviderad sedan dokumentet, ta bort åtgärdens stated_total; är dokumentets egen summa "
        "fel, skriv in felet med known_difference"]),
    (Lang.EN, [
        "plan.yaml: the document's total is 3 000 tkr but its rows add up to 3 300 tkr (difference -300 tkr); if "
        "the plan has been revised since the document, remove stated_totals; if the document's own sum is wrong, "
        "record it with known_difference",
        "plan.yaml: the document's total for 2024 is 2 600 tkr but its rows add up to 2 500 tkr (difference "
        "100 tkr) (a known error of the source document, accepted)",
        "plan.yaml: the document's total for measure 1 is 3 000 tkr but its rows add up to 3 300 tkr (difference "
        "-300 tkr); if the plan has been revised since the document, remove the measure's stated_total; if the "
        "document's own sum is wrong, record it with known_difference"]),
])
def test_a_stated_total_that_no_longer_matches_says_the_way_out(tmp_path: Path, lang: Lang,
                                                                expected: list[str]) -> None:
    # a revised plan: its rows changed after the document's sums were written in; the one known error needs nothing
    path = tmp_path / "plan.yaml"
    path.write_text(REVISED, encoding="utf-8")
    doc = summary_document(summarize([load_plan(path)]), View(Unit.TKR, lang))
    assert [note.text for note in doc.notes if note.warning] == expected


def test_the_gap_document_has_a_reader_table_and_the_numbers_behind_it(tmp_path: Path) -> None:
    doc = gap_document(summarize([load_plan(plan(tmp_path))]), VIEW)
    text_tables = doc.tables(Audience.TEXT)
    number_tables = doc.tables(Audience.NUMBERS)
    assert [t.key for t in text_tables] == ["gap"] and [t.key for t in number_tables] == ["totals"]
    gap = text_tables[0]
    year_2025 = gap.rows[1]
    assert [c.text for c in year_2025.cells] == ["2025", "2 000", "800", "kvar att spara 1 200", "40 %"]
    assert year_2025.tone is Tone.BAD and gap.rows[0].tone is Tone.GOOD
    period = rows(gap, RowKind.TOTAL)[0]
    assert period.cells[3].text == "Kvar att spara: 1 200 (2025)" and period.tone is Tone.BAD
    assert rows(gap, RowKind.NET)[0].cells[3].text == "överskott 300"


def test_the_follow_up_document(tmp_path: Path) -> None:
    report = follow_up([load_plan(plan(tmp_path))], 2025, today=datetime.date(2025, 9, 30))
    doc = follow_up_document(report, VIEW, datetime.date(2026, 12, 2))
    assert doc.report_date == "Rapportdatum 2026-12-02"
    [section] = doc.sections
    [table] = section.tables
    measure = table.rows[0]
    assert cell(table, measure, "planned")[1] == tkr(800) and cell(table, measure, "forecast")[1] == tkr(700)
    assert cell(table, measure, "deviation") == ("-100", tkr(-100), Tone.BAD)
    assert table.columns[table.column("deviation")].of == ("forecast", "planned")
    [total] = rows(table, RowKind.TOTAL)
    assert total.sums == (0,)
    assert table.columns[table.column("plan")].audience is Audience.NUMBERS  # one plan: named in the title
    [worded] = rows(table, RowKind.GAP, Audience.TEXT)
    assert worded.cells[table.column("measure")].text == "Prognos: kvar att spara"
    assert worded.tone is Tone.BAD
    assert [figure.name for figure in section.figures][:3] == ["Planerat", "Prognos", "Avvikelse"]
    assert any(entry.tone is Tone.BAD for entry in doc.legend.verdicts)


def test_shown_paths_keep_only_what_tells_plans_apart() -> None:
    assert shown_paths(["/home/anna/plans/vard.yaml"]) == {"/home/anna/plans/vard.yaml": "vard.yaml"}
    assert shown_paths(["/a/2025/vard.yaml", "/a/2026/vard.yaml"]) == {
        "/a/2025/vard.yaml": "2025/vard.yaml", "/a/2026/vard.yaml": "2026/vard.yaml"}


def test_every_word_is_english_with_lang_en(tmp_path: Path) -> None:
    doc = summary_document(summarize([load_plan(plan(tmp_path))]), View(Unit.TKR, Lang.EN))
    table = doc.sections[0].tables[0]
    [worded] = rows(table, RowKind.GAP, Audience.TEXT)
    assert worded.cells[table.column("measure")].text == "Still to save"
    assert [c.header for c in table.columns][:4] == ["No.", "Measure", "Area", "Status"]
