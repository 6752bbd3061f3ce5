"""``budgetbalans import``: the tables of Word, Excel and CSV files as a plan file.

Most of the importer's logic is tested on hand-built :class:`Grid` objects; the documents modelled
on real municipal plans (tools/make_example_documents.py) and the refusals go through real
``.docx``/``.xlsx``/``.csv`` files; every plan made is read back by the project's own loader and
checked as ``check`` does. A property test sends generated plans out through ``summarize --format
csv`` and ``--format xlsx`` and imports them again: the numbers must come back the same.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from budgetbalans.core.checks import Policy, check_plan
from budgetbalans.core.summary import measure_effects
from budgetbalans.read.loader import validate_plan
from budgetbalans.i18n import Lang
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Range, Unit
from budgetbalans.read.office.grid import Grid, Kind
from budgetbalans.read.office.importer import COLUMN_SYNONYMS, Imported, classify, import_plan, unit_in_line
from budgetbalans.plan.dump import plan_yaml, scalar_text
from budgetbalans.read.office.tables import read_tables
from budgetbalans.read.yamlsource import read_yaml
from tests.command import invoke
from tests.paths import ROOT
from tests.fast_loop import examples


def _tool() -> Any:
    spec = importlib.util.spec_from_file_location("make_example_documents", ROOT / "tools" / "make_example_documents.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


DOCUMENTS = _tool()


def load(imported: Imported, name: str = "import.yaml") -> Plan:
    """The imported plan as the project's loader reads it (raises on anything invalid)."""
    assert not imported.problems, [(p.where, p.message.text()) for p in imported.problems]
    return validate_plan(read_yaml(plan_yaml(imported.plan, imported.comments)), name)


def kronor(plan: Plan) -> dict[str, dict[int, tuple[Decimal | None, Decimal | None]]]:
    """Every measure's effect per year over the plan's period, in kronor."""
    return {m.id: {year: (r.low, r.high) for year, r in measure_effects(m, plan.period).items()}
            for m in plan.measures}


def exact(*pairs: tuple[int, int]) -> dict[int, tuple[Decimal, Decimal]]:
    return {year: (Decimal(value), Decimal(value)) for year, value in pairs}


def grid(cells: list[tuple[str, ...]], name: str = "tabell 1", above: tuple[str, ...] = (),
         kind: Kind = Kind.DOCX, merged: frozenset[tuple[int, int]] = frozenset()) -> Grid:
    width = max(len(row) for row in cells)
    return Grid(kind, "plan.docx", name, tuple(tuple(row) + ("",) * (width - len(row)) for row in cells),
                merged, above)


def problems(imported: Imported) -> list[tuple[str, str]]:
    return [(p.where, p.message.code) for p in imported.problems]


# --- headers by meaning --------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "kind", "year", "end"), [
    ("Löpnr", "id", None, ""), ("Nr", "id", None, ""), ("Åtgärd", "title", None, ""),
    ("ÅTGÄRD*", "title", None, ""), ("Measure", "title", None, ""), ("Fokusområde", "area", None, ""),
    ("Status", "status", None, ""), ("Ansvarig chef", "responsible", None, ""),
    ("Tidplan (när?)", "schedule", None, ""), ("Uppföljning (hur ofta, när)", "follow_up", None, ""),
    ("Genomförande (vad och vilka?)", "note", None, ""), ("Kommentar", "note", None, ""),
    ("Totalt", "total", None, ""), ("Summa (tkr)", "total", None, ""), ("Summa låg (tkr)", "total", None, "low"),
    ("Intervall", "interval", None, ""), ("Helårseffekt", "full_year", None, ""),
    ("2024", "effect", 2024, ""), ("2024 *", "effect", 2024, ""), ("2024¹", "effect", 2024, ""),
    ("Effekt 2025", "effect", 2025, ""), ("Uppskattad Effekt 2018", "effect", 2018, ""),
    ("Uppskattad effekt helår 2019", "full_year", 2019, ""), ("Helårseffekt 2019", "full_year", 2019, ""),
    ("2018 låg (tkr)", "effect", 2018, "low"), ("2018 high (tkr)", "effect", 2018, "high"),
    ("Prognos 2024", "forecast", 2024, ""), ("Utfall 2024", "outcome", 2024, ""), ("Effect 2026", "effect", 2026, ""),
])
def test_headers_are_matched_by_meaning(header: str, kind: str, year: int | None, end: str) -> None:
    column = classify(0, header)
    assert column is not None and (column.kind, column.year, column.end) == (kind, year, end)


@pytest.mark.parametrize("header", ["Beslut KS 2024", "2024-2026", "Kontaktperson", "Effekt", ""])
def test_headers_without_a_meaning_are_not_read(header: str) -> None:
    assert classify(0, header) is None


def test_the_synonyms_include_english() -> None:
    assert {COLUMN_SYNONYMS[w] for w in ("measure", "responsible", "schedule", "area", "total")} == {
        "title", "responsible", "schedule", "area", "total"}


@pytest.mark.parametrize(("line", "unit"), [
    ("Effekt av åtgärder i tkr", Unit.TKR), ("Belopp i kr", Unit.KR), ("(mnkr)", Unit.MKR), ("tkr", Unit.TKR),
    ("Amounts in mkr", Unit.MKR), ("Belopp i tusentals kronor", Unit.TKR),
    ("Kostnaden var ca 1,75 mkr 2022", None), ("Kristianstad", None), ("Krav på åtgärder", None),
])
def test_the_unit_is_read_from_a_short_line(line: str, unit: Unit | None) -> None:
    assert unit_in_line(line) is unit


# --- hand-built tables -----------------------------------------------------------------------------


def test_a_table_with_units_no_effects_and_a_total_row() -> None:
    imported = import_plan([grid([
        ("Nr", "Åtgärd", "Status", "2025", "2026 *", "Totalt"),
        ("1", "Skift", "Pågår", "680", "1 200", "1 880"),
        ("2", "Sjukfrånvaro", "planerad", "–", "- -", "Ej beräknat"),
        ("3", "Intervall", "klart", "", "300-600", ""),
        ("", "Summa", "", "680", "1 500-1 800", "2 180"),
    ], above=("Åtgärdsplan 2025–2026", "Belopp i tkr"))])
    plan = load(imported)
    assert plan.title == "Åtgärdsplan 2025–2026" and plan.unit is Unit.TKR and plan.period == (2025, 2026)
    assert kronor(plan) == {"1": exact((2025, 680_000), (2026, 1_200_000)), "2": {},
                            "3": {2026: (Decimal(300_000), Decimal(600_000))}}
    assert plan.measures[0].stated_total is not None and plan.measures[0].stated_total.amount == 1_880_000
    assert {key: figure.amount for key, figure in plan.stated_totals.items()} == {"total": 2_180_000, 2025: 680_000}
    assert [(p.where, p.message.code) for p in imported.notes if p.message.code == "import.note.stated_range"] == [
        ('tabell 1, rad 5, kolumn "2026 *"', "import.note.stated_range")]
    # the document's 2 180 leaves out the range 300-600: check says so, with both figures
    [mismatch] = check_plan(plan, Policy()).problems
    assert "2 180 tkr" in mismatch.message.text() and "2 180–2 480 tkr" in mismatch.message.text()


def test_no_unit_asks_for_unit_at_the_first_amount() -> None:
    cells = [("Åtgärd", "2025"), ("Skift", "680")]
    assert problems(import_plan([grid(cells)])) == [('tabell 1, rad 2, kolumn "2025"', "import.no_unit")]
    assert load(import_plan([grid(cells)], Unit.KR)).measures[0].effects[2025] == Range.exact(Decimal(680))


def test_a_cell_with_its_own_unit_needs_no_other() -> None:
    plan = load(import_plan([grid([("Åtgärd", "2025"), ("Skift", "0,5 mkr"), ("Sjuk", "400 tkr")])]))
    assert plan.unit is Unit.MKR and kronor(plan) == {"1": exact((2025, 500_000)), "2": exact((2025, 400_000))}


@pytest.mark.parametrize(("cell", "code"), [
    ("3.250", "amount.thousands_dot"), ("(500)", "amount.parentheses"), ("–300", "amount.dash_as_minus"),
    ("500-", "amount.trailing_minus"), ("1 750 000:-", "amount.kronor_suffix"), ("1,5 MSEK", "amount.unit_word"),
    ("17 50", "amount.odd_grouping"), ("ca 500", "amount.not_a_number"),
])
def test_every_slip_the_plan_format_refuses_is_refused_at_its_cell(cell: str, code: str) -> None:
    imported = import_plan([grid([("Åtgärd", "2024", "2025"), ("Skift", "100", cell)])], Unit.TKR)
    assert problems(imported) == [('tabell 1, rad 2, kolumn "2025"', code)]


def test_a_row_with_amounts_but_no_measure_is_refused() -> None:
    imported = import_plan([grid([("Nr", "Åtgärd", "2025"), ("1", "Skift", "100"), ("", "", "50")])], Unit.TKR)
    assert problems(imported) == [("tabell 1, rad 3, kolumn 1", "import.no_title")]


def test_two_measures_with_one_number_are_refused() -> None:
    imported = import_plan([grid([("Nr", "Åtgärd", "2025"), ("1", "Skift", "100"), ("1", "Sjuk", "50")])], Unit.TKR)
    assert problems(imported) == [('tabell 1, rad 3, kolumn "Nr"', "import.duplicate_id")]
    assert "tabell 1, rad 2" in imported.problems[0].message.text()


def test_an_interval_class_outside_1_to_4_is_refused() -> None:
    imported = import_plan([grid([("Åtgärd", "Intervall", "2025"), ("Skift", "5", "")])], Unit.TKR)
    assert problems(imported) == [('tabell 1, rad 2, kolumn "Intervall"', "amount.interval_class")]


def test_an_interval_class_alone_is_a_full_year_effect() -> None:
    imported = import_plan([grid([("Åtgärd", "Intervall", "2025", "2026"), ("Skift", "2", "", ""),
                                  ("Sjuk", "1", "300", "")])], Unit.TKR)
    plan = load(imported)
    assert plan.measures[0].full_year == Range(Decimal(1_000_000), Decimal(2_000_000), interval=2)
    assert plan.measures[1].full_year is None and kronor(plan)["2"] == exact((2025, 300_000))


def test_group_heading_rows_and_merged_groups_give_the_area() -> None:
    cells = [("Kortsiktiga åtgärder",) * 3, ("Nr", "Åtgärd", "2025"), ("1", "Skift", "100"),
             ("Kräver beslut",) * 3, ("Nr", "Åtgärd", "2025"), ("2", "Hyror", "50")]
    plan = load(import_plan([grid(cells)], Unit.TKR))
    assert [(m.id, m.area) for m in plan.measures] == [("1", "Kortsiktiga åtgärder"), ("2", "Kräver beslut")]
    merged = grid([("Område", "Åtgärd", "2025"), ("Äldreomsorg", "Skift", "100"), ("Äldreomsorg", "Sjuk", "")],
                  merged=frozenset({(1, 0), (2, 0)}))
    plan = load(import_plan([merged], Unit.TKR))
    assert [(m.id, m.area) for m in plan.measures] == [("1", "Äldreomsorg"), ("2", "Äldreomsorg")]


def test_two_tables_are_joined_by_title_and_an_unjoinable_row_is_reported_not_dropped() -> None:
    who = grid([("Löpnr", "Åtgärd", "Ansvarig chef"), ("1", "Skift", "Chef A"), ("2", "Sjukfrånvaro", "Chef B")])
    amounts = grid([("Åtgärd", "2025", "Totalt"), ("”Skift”", "100", "100"), ("Tvätt", "40", "40"),
                    ("Sjukfrånvaro inför 2026", "7", "")], name="tabell 2")
    imported = import_plan([who, amounts], Unit.TKR)
    plan = load(imported)
    assert [(m.id, m.title, m.responsible) for m in plan.measures] == [
        ("1", "Skift", "Chef A"), ("2", "Sjukfrånvaro", "Chef B"), ("3", "Tvätt", None)]
    assert kronor(plan) == {"1": exact((2025, 100_000)), "2": exact((2025, 7_000)), "3": exact((2025, 40_000))}
    assert [(n.where, n.message.code) for n in imported.notes if "join" in n.message.code] == [
        ("tabell 2, rad 3, kolumn 1", "import.note.unjoined"), ("tabell 2, rad 4, kolumn 1", "import.note.joined_prefix")]


def test_two_tables_are_joined_by_number() -> None:
    who = grid([("Nr", "Åtgärd", "Status"), ("A-1", "Skift", "pågår"), ("A-2", "Sjuk", "klart")])
    amounts = grid([("Nr", "2025", "2026"), ("A-2", "40", ""), ("A-1", "100", "200")], name="tabell 2")
    plan = load(import_plan([who, amounts], Unit.TKR))
    assert kronor(plan) == {"A-1": exact((2025, 100_000), (2026, 200_000)), "A-2": exact((2025, 40_000))}


def test_a_conflict_between_two_tables_is_refused() -> None:
    one = grid([("Nr", "Åtgärd", "2025"), ("1", "Skift", "100")])
    two = grid([("Nr", "Åtgärd", "2025"), ("1", "Skift", "200")], name="tabell 2")
    assert problems(import_plan([one, two], Unit.TKR)) == [('tabell 2, rad 2, kolumn "2025"', "import.conflict")]


def test_a_status_that_is_no_status_is_kept_as_schedule() -> None:
    imported = import_plan([grid([("Åtgärd", "Status"), ("TES Webb", "Q3"), ("Nyckelfri", "Utredning")])])
    plan = load(imported)
    assert [(m.schedule, m.status.value) for m in plan.measures] == [("Q3", "planned"), (None, "investigating")]
    assert "# 'Q3' i kolumnen 'Status' är ingen status; den står som schedule" in plan_yaml(
        imported.plan, imported.comments)


def test_a_plan_without_tables_or_headers_is_refused() -> None:
    assert problems(import_plan([])) == [("", "import.no_tables")]
    assert problems(import_plan([grid([("a", "b"), ("c", "d")])])) == [("", "import.no_plan_table")]


def test_a_plan_over_more_than_ten_years_is_refused() -> None:
    imported = import_plan([grid([("Åtgärd", "2020", "2031"), ("Skift", "1", "2")])], Unit.TKR)
    assert problems(imported) == [('tabell 1, rad 1, kolumn "2031"', "import.too_many_years")]


# --- the YAML ------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "yes", "No", "a: b", "x #y", "#x", "*alias", "&anchor", "!!python/object", "- item", '"citat"', "'citat'",
    "2024", "1 750 000", "rad\nrad", "tab\there", "\u202eevil", "zero\u200bwidth", "[lista]", "{a: b}", "slut:",
    "% procent", "@at", "`bak`", " kant ", "Vård- och socialavdelningen", "”Sambandscentral” för hemtjänsten",
])
def test_text_is_data_never_markup(text: str) -> None:
    assert read_yaml(f"title: {scalar_text(text)}\n").data == {"title": text}


def test_plain_text_stays_plain() -> None:
    assert scalar_text("Minska övertid/mertid genom överanställning") == "Minska övertid/mertid genom överanställning"
    assert scalar_text("1") == '"1"'


# --- documents modelled on real plans, through real files --------------------------------------------


def test_the_word_plan_with_two_tables_joined_by_name(tmp_path: Path) -> None:
    path = DOCUMENTS.word_plan_vard(tmp_path / "vard.docx")
    imported = import_plan(read_tables(path), Unit.KR)
    plan = load(imported, "vard.yaml")
    assert plan.title == "Åtgärdsplan 2024 – 2026 och inför 2027 - Vård- och socialavdelningen"
    assert plan.unit is Unit.KR and plan.period == (2024, 2025, 2026)
    assert kronor(plan) == {
        "1": exact((2024, 535_000), (2025, 535_000), (2026, 535_000)),
        "2": exact((2024, 1_750_000), (2025, 750_000)),
        "3": exact((2024, 1_200_000), (2025, 600_000), (2026, 600_000)),
        "4": exact((2024, 110_000), (2025, 440_000), (2026, 440_000)),
        "5": exact((2024, 1_000_000), (2025, 1_000_000)),
        "6": exact((2024, 100_000)),
        "7": exact((2024, 1_859_000)),
        "8": exact((2024, 465_000), (2025, 465_000), (2026, 465_000)),
        "9": exact((2025, 110_000), (2026, 440_000)),
        "10": exact((2024, 150_000)),
    }
    stated = {m.id: m.stated_total.amount for m in plan.measures if m.stated_total is not None}
    assert stated == {"1": 1_605_000, "3": 2_400_000, "4": 990_000, "5": 2_000_000, "8": 1_395_000,
                      "9": 550_000, "10": 150_000}
    assert {k: f.amount for k, f in plan.stated_totals.items()} == {"total": 13_149_000}
    first, last = plan.measures[0], plan.measures[-1]
    assert (first.area, first.responsible, first.schedule, first.follow_up) == (
        DOCUMENTS.SHORT_TERM, "Bitr. avdelningschef", "Q1 2024", "Månadsvis genom enhetsmötesprotokoll")
    assert first.note == "Genomförande: Styrgrupp SAMarbetet, ledningsgrupp VoO"
    assert last.area == DOCUMENTS.NEEDS_DECISION
    # the document's own wrong sum is kept, so check reports it: 13 149 stated, 13 549 by the rows
    [mismatch] = check_plan(plan, Policy()).problems
    assert "13 149 000 kr" in mismatch.message.text() and "13 549 000 kr" in mismatch.message.text()
    assert "-400 000 kr" in mismatch.message.text()


def test_the_word_plan_without_unit_asks_for_one_and_writes_nothing(tmp_path: Path) -> None:
    path = DOCUMENTS.word_plan_vard(tmp_path / "vard.docx")
    out = tmp_path / "vard.yaml"
    code, stdout, stderr = invoke("import", str(path), "-o", str(out))
    assert code == 1 and not out.exists() and stdout == ""
    assert stderr == (f'{path}: tabell 2, rad 2, kolumn "2024 *": beloppen har ingen enhet, och varken rubrikerna '
                      "eller texten ovanför tabellen anger kr, tkr eller mkr; ange enheten med --unit kr, --unit tkr "
                      "eller --unit mkr\n")
    code, _, stderr = invoke("import", str(path), "-o", str(out), "--lang", "en")
    assert code == 1 and "give the unit with --unit kr" in stderr


def test_the_cli_writes_the_plan_and_says_what_does_not_add_up(tmp_path: Path) -> None:
    path = DOCUMENTS.word_plan_vard(tmp_path / "vard.docx")
    out = tmp_path / "vard.yaml"
    code, stdout, stderr = invoke("import", str(path), "--unit", "kr", "-o", str(out))
    assert code == 0 and stdout == ""
    assert (f"{out}:6:10: dokumentets summa är 13 149 000 kr men raderna summerar till 13 549 000 kr; "
            "skillnad -400 000 kr") in stderr
    code, stdout, _ = invoke("check", str(out))
    assert code == 1 and "13 549 000 kr" in stdout
    code, stdout, _ = invoke("summarize", str(out), "--format", "json")
    assert code == 0 and json.loads(stdout)["total"] == {"low": 13_549_000, "high": 13_549_000}
    code, stdout, _ = invoke("import", str(path), "--unit", "kr")  # to standard output
    assert code == 0 and stdout == out.read_text(encoding="utf-8")


def test_the_excel_plan_with_merged_groups_a_unit_line_and_a_full_year_column(tmp_path: Path) -> None:
    path = DOCUMENTS.excel_plan_hemtjanst(tmp_path / "hemtjanst.xlsx")
    imported = import_plan(read_tables(path))
    plan = load(imported, "hemtjanst.yaml")
    assert plan.unit is Unit.TKR and plan.period == (2018, 2019) and len(plan.measures) == 22
    effects = {k: v for k, v in kronor(plan).items() if v}
    assert effects == {
        "2": exact((2018, 680_000), (2019, 1_200_000)), "3": exact((2018, 100_000), (2019, 200_000)),
        "5": exact((2018, 25_000), (2019, 50_000)), "6": exact((2018, 55_000), (2019, 155_000)),
        "9": {2019: (Decimal(700_000), Decimal(1_600_000))},
        "10": exact((2018, 110_000), (2019, 250_000)), "11": exact((2019, 1_200_000)),
        "13": exact((2018, 100_000), (2019, 250_000)), "16": exact((2018, 160_000), (2019, 240_000)),
    }
    assert [m.area for m in plan.measures].count("Effektiv resursstyrning") == 9
    assert plan.measures[21].area == "Verksamhetsnära digitalisering"
    assert plan.measures[1].full_year == Range.exact(Decimal(1_200_000)) and str(plan.measures[1].start) == "2019-01-01"
    assert {k: f.amount for k, f in plan.stated_totals.items()} == {2018: 1_230_000, 2019: 3_545_000}
    text = plan_yaml(imported.plan, imported.comments)
    assert "    # kolumn 'Uppskattad effekt helår 2019' → full_year från 2019\n    full_year: 1 200\n" in text
    assert "# dokumentet numrerar inte åtgärderna: id är löpnummer i dokumentets ordning\nmeasures:\n" in text
    # 2018 adds up; 2019 only without the service team's 700-1600, which the document leaves out
    [mismatch] = check_plan(plan, Policy()).problems
    assert "3 545 tkr" in mismatch.message.text() and "4 245–5 145 tkr" in mismatch.message.text()


def test_an_excel_sheet_with_a_summa_row(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Plan"
    sheet.append(["Handlingsplan IFO 2025"])
    sheet.append(["Belopp i kr"])
    sheet.append(["Nr", "Åtgärd", "Ansvarig", "2025", "2026", "Summa"])
    sheet.append([1, "Placeringar", "IFO-chef", 1_000_000, 500_000.5, 1_500_000.5])
    sheet.append([2, "Ekonomiskt bistånd", "IFO-chef", 0.1, None, 0.1])
    sheet.append([None, "Summa", None, 1_000_000.1, 500_000.5, 1_500_000.6])
    path = tmp_path / "ifo.xlsx"
    workbook.save(path)
    plan = load(import_plan(read_tables(path)))
    assert plan.title == "Handlingsplan IFO 2025" and plan.unit is Unit.KR
    assert kronor(plan) == {"1": {2025: (Decimal(1_000_000),) * 2, 2026: (Decimal("500000.5"),) * 2},
                            "2": {2025: (Decimal("0.1"),) * 2}}
    assert {k: f.amount for k, f in plan.stated_totals.items()} == {
        "total": Decimal("1500000.6"), 2025: Decimal("1000000.1"), 2026: Decimal("500000.5")}
    assert check_plan(plan, Policy()).problems == []


def test_a_refused_excel_cell_is_named_by_its_sheet_address(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Blad1"
    sheet.append(["Åtgärd", "2025 (tkr)", "2026 (tkr)"])
    sheet.append(["Skift", 100, "3.250"])
    sheet.append(["Sjuk", "(50)", 20])
    path = tmp_path / "plan.xlsx"
    workbook.save(path)
    assert problems(import_plan(read_tables(path))) == [("Blad1!C2", "amount.thousands_dot"),
                                                         ("Blad1!B3", "amount.parentheses")]
    code, _, stderr = invoke("import", str(path))
    assert code == 1
    assert stderr.splitlines()[0] == (f"{path}: Blad1!C2: '3.250' är tvetydigt: punkten kan skilja tusental eller "
                                      "decimaler; skriv 3 250 eller 3,25")


def test_a_csv_file_from_swedish_excel(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_bytes("Åtgärd;Effekt 2025 (tkr);Helårseffekt\r\nSkift;1 200,5;2 400\r\nSjuk;-;\r\n".encode("cp1252"))
    plan = load(import_plan(read_tables(path)))
    assert kronor(plan) == {"1": exact((2025, 1_200_500)), "2": {}}
    assert plan.measures[0].full_year == Range.exact(Decimal(2_400_000))


def test_a_file_that_is_no_table_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    code, stdout, stderr = invoke("import", str(path))
    assert code == 1 and stdout == "" and stderr.startswith(f"{path}: ") and len(stderr.splitlines()) == 1


# --- round trip: summarize --format csv / xlsx, imported again -----------------------------------------

_TITLES = st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöÅÄÖ ", min_size=1, max_size=20).map(str.strip).filter(bool)
_AMOUNTS = st.integers(min_value=-2_000, max_value=5_000_000)


@st.composite
def _effect(draw: st.DrawFn, shown_whole: bool = False) -> Any:
    """An effect; ``shown_whole``: one a Word report shows as written (whole, no range with a negative end:
    the report rounds to its decimals, and a cell ``-10–20`` is refused as a plan refuses it)."""
    kinds = ["amount", "amount", "range", "interval"] if shown_whole else [
        "amount", "amount", "decimal", "range", "interval", "negative_range"]
    kind = draw(st.sampled_from(kinds))
    if kind == "amount":
        return str(draw(_AMOUNTS))
    if kind == "decimal":
        return f"{draw(st.integers(0, 9_999))},{draw(st.integers(1, 9))}"
    if kind == "range":
        low = draw(st.integers(0, 1_000_000))
        return f"{low}-{low + draw(st.integers(1, 1_000_000))}"
    if kind == "interval":
        return {"interval": draw(st.integers(1, 4))}
    return {"low": str(-draw(st.integers(1, 1000))), "high": str(draw(st.integers(0, 1000)))}


@st.composite
def _plans(draw: st.DrawFn, shown_whole: bool = False) -> dict[str, Any]:
    years = [2024, 2025, 2026]
    unit = draw(st.sampled_from(["kr", "tkr"]))
    measures = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        # numbered: two measures of one title and the same effects are refused as the same measure twice
        measure: dict[str, Any] = {"id": str(number), "title": f"{draw(_TITLES)} {number}"}
        if draw(st.booleans()):
            measure["area"] = draw(st.sampled_from(["Äldreomsorg", "IFO"]))
        measure["status"] = draw(st.sampled_from(["planerad", "pågår", "klart", "avbruten"]))
        effects = {year: draw(_effect(shown_whole)) for year in years if draw(st.booleans())}
        if effects:
            measure["effects"] = effects
        if draw(st.integers(0, 4)) == 0:  # from April: 9/12 of it in 2025, whole where it is a multiple of 4
            measure["full_year"], measure["start"] = str(4 * draw(st.integers(0, 225_000))), "2025-04-01"
        if draw(st.integers(0, 4)) == 0:
            measure["potential"] = True
        measures.append(measure)
    plan: dict[str, Any] = {"title": draw(_TITLES), "unit": unit, "years": years}
    target = draw(st.sampled_from(["none", "total", "years"]))
    if target == "total":
        plan["target"] = str(draw(st.integers(0, 9_000_000)))
    elif target == "years":
        plan["target"] = {year: str(draw(st.integers(0, 3_000_000))) for year in years}
    plan["measures"] = measures
    return plan


def _negative_range_shown(numbers: dict[str, Any]) -> bool:
    """Whether a report of these figures shows a range with a negative end: a measure's effect or total,
    or a total of the plan."""
    ranges = [value for _id, effects, total, _counted in numbers["measures"] for value in (*effects.values(), total)]
    ranges += [*numbers["totals"].values(), numbers["total"]]
    return any(r["low"] is not None and r["low"] < 0 and r["high"] != r["low"] for r in ranges)


def _numbers(path: Path) -> dict[str, Any]:
    code, stdout, stderr = invoke("summarize", str(path), "--format", "json")
    assert code == 0, stderr
    data = json.loads(stdout)
    keys = ("years", "totals", "total", "target", "target_years", "gap", "shortfall", "potential")
    measures = [(m["id"], m["effects"], m["total"], m["counted"]) for m in data["measures"]]
    return {**{key: data[key] for key in keys}, "measures": measures}


@settings(max_examples=examples(25), deadline=None)
@given(st.sampled_from(["csv", "xlsx", "docx"]).flatmap(lambda f: st.tuples(_plans(f == "docx"), st.just(f))))
def test_a_report_imported_again_gives_the_same_numbers(tmp_path_factory: pytest.TempPathFactory,
                                                        case: tuple[dict[str, Any], str]) -> None:
    plan, format = case
    folder = tmp_path_factory.mktemp("roundtrip")
    original = folder / "plan.yaml"
    original.write_text(plan_yaml(plan), encoding="utf-8")
    report = folder / f"rapport.{format}"
    code, _, stderr = invoke("summarize", str(original), "--format", format, "-o", str(report))
    assert code == 0, stderr
    again = folder / "igen.yaml"
    # the Word report's "Belopp i kr" can be the sixth line above its table, further up than the reader keeps
    unit = ["--unit", plan["unit"]] if format == "docx" else []
    code, _, stderr = invoke("import", str(report), "-o", str(again), *unit)
    numbers = _numbers(original)
    if format == "docx" and code == 1 and _negative_range_shown(numbers):
        # a figure the report shows as a range with a negative end ("-1–0", "-1 805–-805"): the plan
        # format writes one only as {low:, high:}; shown as text in Word, import refuses rather than guess
        assert "negativ ände" in stderr and not again.exists(), stderr
        return
    assert code == 0, stderr
    assert _numbers(again) == numbers


# --- round trip: tables laid out by hand ---------------------------------------------------------------

_YEARS = [2024, 2025, 2026]


@st.composite
def _table_plans(draw: st.DrawFn) -> dict[str, Any]:
    """A plan a hand-made table can show: numbered measures in areas, effects per year (amounts, decimals,
    ranges, costs)."""
    measures = []
    for number in range(1, draw(st.integers(1, 6)) + 1):
        effects = {}
        for year in _YEARS:
            kind = draw(st.sampled_from(["none", "amount", "amount", "decimal", "range", "cost"]))
            if kind == "amount":
                effects[year] = str(draw(st.integers(0, 5_000_000)))
            elif kind == "decimal":
                effects[year] = f"{draw(st.integers(0, 9_999))},{draw(st.integers(1, 9))}"
            elif kind == "range":
                low = draw(st.integers(0, 1_000_000))
                effects[year] = f"{low}-{low + draw(st.integers(1, 1_000_000))}"
            elif kind == "cost":
                effects[year] = str(-draw(st.integers(1, 2_000)))
        measure: dict[str, Any] = {"id": str(number), "title": f"{draw(_TITLES)} {number}",
                                   "area": draw(st.sampled_from(["Äldreomsorg", "IFO", "Skola"]))}
        if effects:
            measure["effects"] = effects
        measures.append(measure)
    measures.sort(key=lambda m: m["area"])  # a merged group cell covers the rows of one area
    return {"title": draw(_TITLES), "unit": draw(st.sampled_from(["kr", "tkr", "mkr"])), "years": _YEARS,
            "measures": measures}


def _layout_rows(plan: dict[str, Any], layout: dict[str, Any]) -> tuple[list[list[str]], list[tuple[int, int, int, int]]]:
    """The table's rows (texts) and merges (first row, first column, last row, last column, from 0)."""
    unit = plan["unit"]
    group = layout["group"]
    head = ["Område"] if group == "column" else []
    head += ["Nr", "Åtgärd"]
    first_year = len(head)
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    if layout["two_rows"]:
        top = "Ekonomisk effekt" + (f" ({unit})" if layout["unit"] == "header" else "")
        rows += [head + [top] * 3, [""] * len(head) + [str(year) for year in _YEARS]]
        merges.append((0, first_year, 0, first_year + 2))
        merges += [(0, column, 1, column) for column in range(len(head))]
    else:
        rows.append(head + [f"{year} ({unit})" if layout["unit"] == "header" else str(year) for year in _YEARS])
    width = len(rows[0])
    area_start: dict[str, int] = {}
    for measure in plan["measures"]:
        if group == "heading" and measure["area"] not in area_start:
            area_start[measure["area"]] = len(rows)
            rows.append([measure["area"]] * width)
            merges.append((len(rows) - 1, 0, len(rows) - 1, width - 1))
        elif group == "column":
            area_start.setdefault(measure["area"], len(rows))
        cells = [measure["area"]] if group == "column" else []
        cells += [measure["id"], measure["title"]]
        cells += [measure.get("effects", {}).get(year, "") for year in _YEARS]
        rows.append(cells)
    if group == "column":
        for area, start in area_start.items():
            end = max(i for i, row in enumerate(rows) if row[0] == area)
            if end > start:
                merges.append((start, 0, end, 0))
    return rows, merges


def _hand_made_xlsx(path: Path, plan: dict[str, Any], layout: dict[str, Any]) -> None:
    rows, merges = _layout_rows(plan, layout)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append([plan["title"]])
    if layout["unit"] == "above":
        sheet.append([f"Belopp i {plan['unit']}"])
    top = sheet.max_row + 1
    for row in rows:
        sheet.append([int(text) if text.isdigit() else (text or None) for text in row])
    for first_row, first_column, last_row, last_column in merges:
        sheet.merge_cells(start_row=top + first_row, start_column=first_column + 1, end_row=top + last_row,
                          end_column=last_column + 1)
    workbook.save(path)


def _hand_made_docx(path: Path, plan: dict[str, Any], layout: dict[str, Any]) -> None:
    from docx import Document

    rows, merges = _layout_rows(plan, layout)
    document = Document()
    document.add_paragraph(plan["title"])
    if layout["unit"] == "above":
        document.add_paragraph(f"Belopp i {plan['unit']}")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, texts in zip(table.rows, rows):
        for cell, text in zip(cells.cells, texts):
            cell.text = text
    for first_row, first_column, last_row, last_column in merges:
        merged = table.cell(first_row, first_column).merge(table.cell(last_row, last_column))
        merged.text = rows[first_row][first_column]
    document.save(path)


@settings(max_examples=examples(20), deadline=None)
@given(_table_plans(), st.fixed_dictionaries({
    "format": st.sampled_from(["docx", "xlsx"]), "group": st.sampled_from(["column", "heading", "none"]),
    "two_rows": st.booleans(), "unit": st.sampled_from(["header", "above"])}))
def test_a_hand_made_table_imported_gives_the_figures_it_shows(tmp_path_factory: pytest.TempPathFactory,
                                                                plan: dict[str, Any], layout: dict[str, Any]) -> None:
    """Merged group cells, a header of two rows, the unit in the header or above the table: the plan
    imported has exactly the figures of the plan the table was made from."""
    folder = tmp_path_factory.mktemp("handmade")
    original = folder / "plan.yaml"
    original.write_text(plan_yaml(plan), encoding="utf-8")
    document = folder / f"tabell.{layout['format']}"
    (_hand_made_docx if layout["format"] == "docx" else _hand_made_xlsx)(document, plan, layout)
    again = folder / "igen.yaml"
    code, _, stderr = invoke("import", str(document), "-o", str(again))
    assert code == 0, stderr
    assert _numbers(again) == _numbers(original)
    code, stdout, _ = invoke("check", str(again))
    assert code == 0, stdout
    code, stdout, _ = invoke("summarize", str(again), "--format", "json")
    assert [m["area"] for m in json.loads(stdout)["measures"]] == [
        m["area"] if layout["group"] != "none" else None for m in plan["measures"]]


# --- speed -------------------------------------------------------------------------------------------


def test_a_500_row_sheet_is_imported_whole(tmp_path: Path) -> None:
    """Every row of a large sheet arrives (its speed is measured by benchmarks/run.py, not here)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Belopp i tkr"])
    sheet.append(["Nr", "Område", "Åtgärd", "Status", "Ansvarig", "2024", "2025", "2026", "Totalt"])
    for number in range(1, 501):
        sheet.append([number, f"Område {number % 7}", f"Åtgärd nummer {number}", "pågår", "Chef",
                      number, number * 2, "10-20", None])
    sheet.append([None, None, "Summa", None, None, sum(range(1, 501)), None, None, None])
    path = tmp_path / "stor.xlsx"
    workbook.save(path)
    imported = import_plan(read_tables(path))
    text = plan_yaml(imported.plan, imported.comments)
    plan = validate_plan(read_yaml(text), "stor.yaml")
    assert len(plan.measures) == 500 and plan.stated_totals[2024].amount == 125_250_000
    assert check_plan(plan, Policy()).problems == []


def test_english_comments_with_lang_en() -> None:
    imported = import_plan([grid([("Åtgärd", "Helårseffekt 2025"), ("Skift", "100")])], Unit.TKR)
    text = plan_yaml(imported.plan, imported.comments, Lang.EN)
    assert "# column 'Helårseffekt 2025' → full_year from 2025" in text
    assert "# the document does not number the measures" in text


def test_csv_module_is_the_reader_of_csv(tmp_path: Path) -> None:
    """A CSV file budgetbalans writes itself, with a quote in a title, comes back as written."""
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([["Åtgärd", "2025 (tkr)"], ['"Sambandscentral" för hemtjänsten', "110"]])
    path = tmp_path / "plan.csv"
    path.write_text(out.getvalue(), encoding="utf-8-sig")
    plan = load(import_plan(read_tables(path)))
    assert plan.measures[0].title == '"Sambandscentral" för hemtjänsten'


def test_a_word_report_with_an_uncertain_gap_is_imported_again(tmp_path: Path) -> None:
    """The report's rows "Osäkert" (an uncertain gap, in words) and "Netto, …" are computed, not
    measures: reading them as amounts refused our own report (found by the round trip above)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text("title: a\nunit: kr\nyears: [2024, 2025, 2026]\ntarget: 2000001\nmeasures:\n"
                    "  - id: '1'\n    title: a 1\n    effects: {2026: {interval: 3}}\n", encoding="utf-8")
    report, again = tmp_path / "rapport.docx", tmp_path / "igen.yaml"
    code, _, stderr = invoke("summarize", str(plan), "--format", "docx", "-o", str(report))
    assert code == 0, stderr
    code, _, stderr = invoke("import", str(report), "-o", str(again), "--unit", "kr")
    assert code == 0, stderr
    assert "raden 'Osäkert' är uträknad" in stderr
    assert _numbers(again) == _numbers(plan)
