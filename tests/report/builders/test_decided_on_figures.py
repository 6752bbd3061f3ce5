"""summarize and gap show what a nämnd decides on: the three scenarios, the one-off part, the lasting
level and the staff, with figures computed here by hand for a small plan using every key."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.core.summary import summarize
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.read.loader import load_plan
from budgetbalans.report.builders.summary import gap_document, summary_document
from budgetbalans.report.model import Audience, ColumnKind, Document, RowKind, Table
from budgetbalans.report.options import View

#: Every key, in tkr, per-year target 1 000 (2024) and 2 000 (2025):
#: 1 one-off 600 (2024), 50 %, beslutad by the nämnd;  2 200/800, 75 %, föreslagen (KF), staff -0,5/-3;
#: 3 500 (2025) avslagen, staff -1 (counts zero, changes no staff);  4 full year 400 from July, beslutad.
PLAN = """\
title: Socialnämnden
unit: tkr
years: [2024, 2025]
target: {2024: 1000, 2025: 2000}
measures:
  - id: "1"
    title: Statsbidrag
    one_off: true
    probability: 50 %
    decision: {by: nämnd, state: beslutad, ref: SN 2024/112}
    effects: {2024: 600}
  - id: "2"
    title: Bemanning
    probability: 75 %
    decision: {by: kf, state: föreslagen}
    staff: {2024: "-0,5", 2025: -3}
    effects: {2024: 200, 2025: 800}
  - id: "3"
    title: Lokaler
    decision: {state: avslagen}
    staff: {2025: -1}
    effects: {2025: 500}
  - id: "4"
    title: Hyra
    decision: {state: beslutad}
    full_year: 400
    start: 2024-07-01
"""
#: By hand (tkr): decided 600+200 | 400 = 1 200, short 200 | 1 600 = 1 800;
#: expected 300+150+200 | 600+400 = 1 650, short 350 | 1 000 = 1 350;
#: planned 1 000 | 1 200 = 2 200, short 0 (surplus 0) | 800 = 800;
#: one-off 600 | 0; lasting 800 (measure 2's last year) + 400 (measure 4's full year) = 1 200; staff -0,5 | -3.
T = Decimal(1000)


def tkr(*values: int) -> list[Range]:
    return [Range.exact(Decimal(v) * T) for v in values]


@pytest.fixture()
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _document(path: Path, lang: Lang = Lang.SV, gap: bool = False) -> Document:
    summary = summarize([load_plan(path)])
    build = gap_document if gap else summary_document
    return build(summary, View(Unit.TKR, lang))


def _table(document: Document) -> Table:
    return next(t for t in document.tables() if t.key.startswith("decided_on:"))


def _rows(table: Table, audience: Audience = Audience.TEXT) -> dict[str, list[object]]:
    """Each shown row by its name: the figures of its year and total columns (None where empty)."""
    name = next(i for i, c in enumerate(table.columns) if c.kind is ColumnKind.NAME)
    numbers = [i for i, c in enumerate(table.columns) if c.numeric]
    return {row.cells[name].text: [row.cells[i].value for i in numbers] for _, row in table.shown(audience)}


@pytest.mark.parametrize("gap", [False, True])
def test_the_scenarios_one_off_lasting_and_staff_are_the_hand_computed_figures(plan_path: Path, gap: bool) -> None:
    table = _table(_document(plan_path, gap=gap))
    rows = _rows(table, Audience.NUMBERS)
    assert rows["Sparbeting"] == tkr(1000, 2000, 3000)
    assert rows["Beslutat"] == tkr(800, 400, 1200)
    assert rows["Förväntat"] == tkr(650, 1000, 1650)
    assert rows["Planerat"] == tkr(1000, 1200, 2200)
    assert rows["Beslutat: kvar att spara (negativt = överskott)"] == tkr(200, 1600, 1400 + 400)
    assert rows["Förväntat: kvar att spara (negativt = överskott)"] == tkr(350, 1000, 1350)
    assert rows["Planerat: kvar att spara (negativt = överskott)"] == tkr(0, 800, 800)
    assert rows["Beslutat: kvar att spara (2024, 2025)"][-1] == Range.exact(Decimal(1_800_000))
    assert rows["Förväntat: kvar att spara (2024, 2025)"][-1] == Range.exact(Decimal(1_350_000))
    assert rows["Planerat: kvar att spara (2025)"][-1] == Range.exact(Decimal(800_000))
    assert rows["Förväntat: täckning"][-1] == Range(Decimal(1650) / Decimal(3000), Decimal(1650) / Decimal(3000))
    assert rows["Varav engångseffekter"] == tkr(600, 0, 600)
    assert rows["Varaktig effekt efter perioden"] == [None, None, Range.exact(Decimal(1_200_000))]
    assert rows["Årsarbetare"] == [Range.exact(Decimal("-0.5")), Range.exact(Decimal(-3)), None]


def test_the_words_for_a_reader(plan_path: Path) -> None:
    table = _table(_document(plan_path))
    name = next(i for i, c in enumerate(table.columns) if c.kind is ColumnKind.NAME)
    texts = {row.cells[name].text: [c.text for c in row.cells[name + 1:]] for _, row in table.shown(Audience.TEXT)}
    assert texts["Beslutat: kvar att spara"] == ["200", "1 600", "1 800 (2024, 2025)"]
    assert texts["Planerat: kvar att spara"] == ["överskott 0", "800", "800 (2025)"]
    assert texts["Förväntat"] == ["650", "1 000", "1 650"]
    assert texts["Årsarbetare"] == ["-0,5", "-3", ""]
    assert table.title == "Täckning av sparbetinget: beslutat, förväntat och planerat"


def test_english(plan_path: Path) -> None:
    table = _table(_document(plan_path, Lang.EN))
    names = [row.cells[0].text for _, row in table.shown(Audience.TEXT)]
    assert names == ["Savings target", "Decided", "Decided: still to save", "Expected", "Expected: still to save",
                     "Planned", "Planned: still to save", "Of which one-off", "Lasting effect after the period",
                     "Staff (full-time equivalents)"]
    measures = next(t for t in _document(plan_path, Lang.EN).tables() if t.key.startswith("plan:"))
    column = measures.column("decision")
    assert [row.cells[column].text for row in measures.rows[:4]] == [
        "board, decided: SN 2024/112", "municipal council (KF), proposed", "rejected", "decided"]
    assert measures.rows[2].cells[measures.column("status")].text == "planned (rejected)"


def test_each_measure_its_decision_probability_expected_effect_and_staff(plan_path: Path) -> None:
    measures = next(t for t in _document(plan_path).tables() if t.key.startswith("plan:"))
    cells = {key: [row.cells[measures.column(key)] for row in measures.rows[:4]]
             for key in ("decision", "probability", "expected", "staff", "counted")}
    assert [c.text for c in cells["decision"]] == ["nämnd, beslutad: SN 2024/112", "KF, föreslagen", "avslagen",
                                                   "beslutad"]
    assert [c.text for c in cells["probability"]] == ["50 %", "75 %", "100 %", "100 %"]
    assert [c.value for c in cells["probability"]] == [Range.exact(Decimal(p)) for p in ("0.5", "0.75", "1", "1")]
    assert [c.value for c in cells["expected"]] == tkr(300, 750, 500, 600)
    assert [c.text for c in cells["staff"]] == ["", "2024: -0,5; 2025: -3", "2025: -1", ""]
    assert [c.text for c in cells["counted"]] == ["ja", "ja", "nej", "ja"]  # the rejected one counts zero
    # why it is not counted stands beside its status (the Word report's measures table shows no decision)
    assert [row.cells[measures.column("status")].text for row in measures.rows[:4]] == [
        "planerad", "planerad", "planerad (avslagen)", "planerad"]
    assert measures.rows[2].kind is RowKind.UNCOUNTED
    column = measures.column("expected")
    assert measures.columns[column].kind is ColumnKind.PRODUCT and measures.columns[column].of == ("total", "probability")


def test_the_scenario_rows_sum_the_measure_rows_they_count(plan_path: Path) -> None:
    document = _document(plan_path)
    measures = next(t for t in document.tables() if t.key.startswith("plan:"))
    table = _table(document)
    by_name = {row.cells[0].text: row for row in table.rows}
    assert (by_name["Beslutat"].sums, by_name["Beslutat"].over) == ((0, 3), measures.key)
    assert (by_name["Förväntat"].sums, by_name["Förväntat"].weight) == ((0, 1, 3), "probability")
    assert by_name["Planerat"].sums == (0, 1, 3)
    assert by_name["Varav engångseffekter"].sums == (0,)


def test_without_the_keys_no_table_and_no_columns(tmp_path: Path) -> None:
    path = tmp_path / "plain.yaml"
    path.write_text("title: P\nunit: tkr\nyears: [2024]\ntarget: 100\nmeasures:\n"
                    "  - id: '1'\n    title: A\n    effects: {2024: 50}\n", encoding="utf-8")
    for gap in (False, True):
        document = _document(path, gap=gap)
        assert not any(t.key.startswith("decided_on:") for t in document.tables())
        keys = {c.key for t in document.tables() for c in t.columns}
        assert not keys & {"decision", "probability", "expected", "staff"}


def test_only_one_off_and_staff_no_scenarios(tmp_path: Path) -> None:
    path = tmp_path / "oneoff.yaml"
    path.write_text("title: P\nunit: tkr\nyears: [2024, 2025]\nmeasures:\n"
                    "  - id: '1'\n    title: A\n    one_off: true\n    effects: {2024: 50}\n"
                    "  - id: '2'\n    title: B\n    staff: {2025: 2}\n    effects: {2024: 10, 2025: 30}\n",
                    encoding="utf-8")
    table = _table(_document(path))
    rows = _rows(table)
    assert table.title == "Engångseffekter, varaktig effekt och årsarbetare"
    assert list(rows) == ["Varav engångseffekter", "Varaktig effekt efter perioden", "Årsarbetare"]
    assert rows["Varav engångseffekter"] == tkr(50, 0, 50)
    assert rows["Varaktig effekt efter perioden"][-1] == Range.exact(Decimal(30_000))
    assert rows["Årsarbetare"] == [Range.exact(Decimal(0)), Range.exact(Decimal(2)), None]
