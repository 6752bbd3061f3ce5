"""``budgetbalans import`` reads the columns of what a nämnd decides on: Sannolikhet, Beslut, Engångs/Varaktig,
Årsarbetare and Konsekvenser, from real .docx, .xlsx and .csv files built in the test.

Each plan written is read back by the project's loader; each refusal names its cell.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Sequence

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from budgetbalans.plan.dump import dump_plan
from budgetbalans.plan.models import DecisionLevel, DecisionState, Plan
from budgetbalans.read.loader import validate_plan
from budgetbalans.read.office.importer import Imported, classify, import_plan
from budgetbalans.read.office.tables import read_tables
from budgetbalans.read.yamlsource import read_yaml
from tests.command import invoke

Rows = list[tuple[str, ...]]


def docx_file(path: Path, rows: Rows, above: str | Sequence[str] = "Belopp i tkr") -> Path:
    """A Word document: the lines ``above`` (a title, the unit), then a table of ``rows``."""
    document = Document()
    for line in [above] if isinstance(above, str) else above:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


def xlsx_file(path: Path, rows: Rows, above: str = "Belopp i tkr", numbers: bool = False) -> Path:
    """A workbook: the line ``above`` (the unit), then ``rows``; with ``numbers``, cells of digits as numbers."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append([above])
    for row in rows:
        sheet.append([int(cell) if numbers and cell.isdigit() else cell for cell in row])
    workbook.save(path)
    return path


def csv_file(path: Path, rows: Rows) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as file:
        csv.writer(file, delimiter=";").writerows(rows)
    return path


def imported(path: Path) -> Imported:
    return import_plan(read_tables(path))


def problems(result: Imported) -> list[tuple[str, str]]:
    return [(p.where, p.message.code) for p in result.problems]


def read_back(text: str) -> Plan:
    return validate_plan(read_yaml(text), "plan.yaml")


PLAN: Rows = [
    ("Nr", "Åtgärd", "2024", "2025", "Sannolikhet", "Beslutsnivå", "Beslutsstatus", "Paragraf", "Engångs",
     "Åa 2024", "Åa 2025", "Konsekvenser för brukare", "Konsekvenser"),
    ("1", "Obudgeterade statsbidrag", "500", "", "50 %", "Nämnd", "Beslutad", "SN 2024/112 § 45", "x", "-3",
     "-0,5", "Längre handläggningstid", "Tre tjänster omplaceras"),
    ("2", "Översyn hyror", "100", "200", "75%", "Verkställighet/delegation", "", "", "nej", "", "", "", ""),
    ("3", "Taxehöjning", "", "300", "", "KF", "Återremitterad", "", "", "", "", "", ""),
]

YAML = """\
measures:
  - id: "1"
    title: Obudgeterade statsbidrag
    effects:
      2024: 500
    probability: 50 %
    decision:
      by: nämnd
      state: beslutad
      ref: SN 2024/112 § 45
    one_off: true
    staff:
      2024: -3
      2025: -0,5
    consequences:
      brukare: Längre handläggningstid
      konsekvenser: Tre tjänster omplaceras
  - id: "2"
    title: Översyn hyror
    effects:
      2024: 100
      2025: 200
    probability: 75 %
    decision:
      by: förvaltning
    one_off: false
  - id: "3"
    title: Taxehöjning
    effects:
      2025: 300
    decision:
      by: kf
      state: återremitterad
"""


def _check_plan(plan: Plan) -> None:
    one, two, three = plan.measures
    assert one.probability == Decimal("0.5") and two.probability == Decimal("0.75") and three.probability is None
    assert one.decision is not None and one.decision.by is DecisionLevel.BOARD
    assert one.decision.state is DecisionState.DECIDED and one.decision.ref == "SN 2024/112 § 45"
    assert two.decision is not None and two.decision.by is DecisionLevel.ADMINISTRATION
    assert two.decision.state is DecisionState.PROPOSED
    assert three.decision is not None and three.decision.state is DecisionState.REFERRED_BACK
    assert (one.one_off, two.one_off, three.one_off) == (True, False, False)
    assert one.staff == {2024: Decimal("-3"), 2025: Decimal("-0.5")} and two.staff == {}
    assert one.consequences == {"brukare": "Längre handläggningstid", "konsekvenser": "Tre tjänster omplaceras"}


@pytest.mark.parametrize("build", [docx_file, xlsx_file])
def test_every_new_column_of_a_document_is_in_the_plan(tmp_path: Path, build: object) -> None:
    suffix = ".docx" if build is docx_file else ".xlsx"
    path = build(tmp_path / f"plan{suffix}", PLAN)  # type: ignore[operator]
    code, out, err = invoke("import", str(path))
    assert code == 0, err
    assert out.endswith(YAML)
    _check_plan(read_back(out))


def test_a_csv_file_with_the_new_columns(tmp_path: Path) -> None:
    code, out, err = invoke("import", str(csv_file(tmp_path / "plan.csv", PLAN)), "--unit", "tkr")
    assert code == 0, err
    assert out.endswith(YAML)
    _check_plan(read_back(out))


def test_the_dump_is_what_reading_its_text_gives(tmp_path: Path) -> None:
    result = imported(docx_file(tmp_path / "plan.docx", PLAN))
    dumped = dump_plan(result.plan, result.comments)
    source = read_yaml(dumped.text)
    assert (dumped.data, dumped.values, dumped.keys) == (source.data, source.values, source.keys)


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_TEXT, _TEXT, min_size=1, max_size=3), _TEXT)
def test_any_aspect_and_reference_read_back_as_written(consequences: dict[str, str], ref: str) -> None:
    plan = {"title": "P", "measures": [{"id": "1", "title": "A", "probability": "12,5 %",
                                        "decision": {"by": "nämnd", "ref": ref}, "one_off": True,
                                        "staff": {2024: "-0,5"}, "consequences": consequences}]}
    dumped = dump_plan(plan)
    source = read_yaml(dumped.text)
    assert (dumped.data, dumped.values, dumped.keys) == (source.data, source.values, source.keys)
    measure = source.data["measures"][0]  # type: ignore[index]
    assert measure["consequences"] == consequences and measure["decision"]["ref"] == ref


# --- headers -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "kind", "year", "aspect", "percent"), [
    ("Sannolikhet", "probability", None, "", False), ("Sannolikhet (%)", "probability", None, "", True),
    ("Sannolikhet i procent", "probability", None, "", True), ("Beslut", "decision", None, "", False),
    ("Beslutsnivå", "decision.by", None, "", False), ("Beslutas av", "decision.by", None, "", False),
    ("Beslutsstatus", "decision.state", None, "", False), ("Beslutad", "decision.decided", None, "", False),
    ("Paragraf", "decision.ref", None, "", False), ("Diarienummer", "decision.ref", None, "", False),
    ("Beslut §", "decision.ref", None, "", False), ("Engångs", "one_off", None, "", False),
    ("Engångseffekt", "one_off", None, "", False), ("Varaktig", "lasting", None, "", False),
    ("Engångs/Varaktig", "effect_kind", None, "", False), ("Årsarbetare", "staff", None, "", False),
    ("Antal åa", "staff", None, "", False), ("Åa 2025", "staff", 2025, "", False),
    ("Årsarbetare 2024", "staff", 2024, "", False), ("Konsekvenser", "consequences", None, "konsekvenser", False),
    ("Konsekvensbeskrivning", "consequences", None, "konsekvenser", False),
    ("Konsekvenser för brukare", "consequences", None, "brukare", False),
    ("Konsekvens för medarbetare", "consequences", None, "medarbetare", False),
])
def test_the_new_headers_are_matched_by_meaning(header: str, kind: str, year: int | None, aspect: str,
                                                percent: bool) -> None:
    column = classify(0, header)
    assert column is not None
    assert (column.kind, column.year, column.aspect, column.percent) == (kind, year, aspect, percent)


def test_staff_under_a_merged_header_is_read_per_year(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Belopp i tkr"])
    sheet.append(["Nr", "Åtgärd", "Effekt", None, "Årsarbetare", None])
    sheet.append([None, None, "2024", "2025", "2024", "2025"])
    sheet.append(["1", "Bemanning", "100", "200", "-1", "-2"])
    sheet.merge_cells("C2:D2")
    sheet.merge_cells("E2:F2")
    workbook.save(tmp_path / "plan.xlsx")
    result = imported(tmp_path / "plan.xlsx")
    assert not result.problems, problems(result)
    assert result.plan["measures"][0]["staff"] == {2024: "-1", 2025: "-2"}
    assert result.plan["measures"][0]["effects"] == {2024: "100", 2025: "200"}


def test_a_staff_column_without_a_year_takes_the_plans_only_year(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Årsarbetare"), ("1", "Bemanning", "100", "-2 åa")]
    code, out, err = invoke("import", str(xlsx_file(tmp_path / "plan.xlsx", rows)))
    assert code == 0, err
    assert read_back(out).measures[0].staff == {2025: Decimal("-2")}
    assert "Plan!D3: kolumn 'Årsarbetare' → staff 2025 (planens enda år)" in err


def test_a_percent_header_reads_its_numbers_as_percentages_and_says_so(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Sannolikhet (%)"), ("1", "A", "100", "50"), ("2", "B", "100", "100")]
    code, out, err = invoke("import", str(xlsx_file(tmp_path / "plan.xlsx", rows)))
    assert code == 0, err
    assert "    probability: 50 %\n" in out and "    probability: 100 %\n" in out
    assert err.count("anger procent") == 1 and "Plan!D3: kolumnen 'Sannolikhet (%)' anger procent: 50 läses som " \
        "50 %" in err


def test_a_decided_column_with_a_date(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Beslutad"), ("1", "A", "100", "2024-03-12"), ("2", "B", "100", "nej")]
    result = imported(xlsx_file(tmp_path / "plan.xlsx", rows))
    assert not result.problems, problems(result)
    decisions = [m.get("decision") for m in result.plan["measures"]]
    assert decisions == [{"state": "beslutad", "date": "2024-03-12"}, {"state": "föreslagen"}]


def test_a_beslut_column_reads_a_level_a_state_or_a_reference(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Beslut"), ("1", "A", "100", "Socialnämnden"), ("2", "B", "100", "Avslag"),
                  ("3", "C", "100", "KS 2024-05-02 § 12")]
    result = imported(xlsx_file(tmp_path / "plan.xlsx", rows))
    assert not result.problems, problems(result)
    assert [m["decision"] for m in result.plan["measures"]] == [
        {"by": "nämnd"}, {"state": "avslagen"}, {"ref": "KS 2024-05-02 § 12"}]
    assert [n.where for n in result.notes if n.message.code == "import.note.decision_ref"] == ["Plan!D5"]


def test_konsekvenser_is_no_longer_a_note(tmp_path: Path) -> None:
    rows: Rows = [("Åtgärd", "2025", "Konsekvens", "Kommentar"), ("A", "100", "Längre väntetid", "Se bilaga")]
    result = imported(xlsx_file(tmp_path / "plan.xlsx", rows))
    measure = result.plan["measures"][0]
    assert measure["consequences"] == {"konsekvenser": "Längre väntetid"} and measure["note"] == "Se bilaga"


# --- refusals, at their cells -------------------------------------------------------------------------


@pytest.mark.parametrize(("header", "cell", "code"), [
    ("Sannolikhet", "0,5", "plan.probability.bare_number"),
    ("Sannolikhet", "50", "plan.probability.no_percent_sign"),
    ("Sannolikhet", "hög", "plan.probability.word"),
    ("Sannolikhet", "150 %", "plan.probability.out_of_range"),
    ("Sannolikhet (%)", "0,5", "import.probability_share"),
    ("Beslutsnivå", "regionen", "decision.by.unknown"),
    ("Beslutsnivå", "nämnd/ks", "import.decision_two_levels"),
    ("Beslutsstatus", "klar", "decision.state.unknown"),
    ("Beslutad", "kanske", "import.decided_yes_no"),
    ("Beslut", "x", "import.decision_unread"),
    ("Beslutsdatum", "12/3", "plan.date.invalid"),
    ("Engångs", "delvis", "import.one_off_unclear"),
    ("Engångs/Varaktig", "x", "import.one_off_two_ways"),
    ("Engångs/Varaktig", "ja", "import.one_off_two_ways"),
    ("Varaktig", "", "import.lasting_blank"),
    ("Åa 2025", "tre", "plan.staff.not_a_number"),
])
def test_a_cell_that_could_be_read_two_ways_is_refused_at_its_address(tmp_path: Path, header: str, cell: str,
                                                                       code: str) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", header), ("1", "A", "100", cell)]
    result = imported(xlsx_file(tmp_path / "plan.xlsx", rows))
    assert problems(result) == [("Plan!D3", code)]
    status, out, err = invoke("import", str(tmp_path / "plan.xlsx"))
    assert (status, out) == (1, "") and "plan.xlsx: Plan!D3: " in err


def test_a_bare_probability_in_a_word_table_names_both_readings_and_its_cell(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Sannolikhet"), ("1", "A", "100", "0,5")]
    status, out, err = invoke("import", str(docx_file(tmp_path / "plan.docx", rows)))
    assert (status, out) == (1, "")
    assert 'rad 2, kolumn "Sannolikhet"' in err and "0,5 %" in err and "50 %" in err


def test_a_staff_column_without_a_year_in_a_plan_of_several_years_is_refused(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2024", "2025", "Årsarbetare"), ("1", "A", "100", "200", "-3")]
    result = imported(xlsx_file(tmp_path / "plan.xlsx", rows))
    assert problems(result) == [("Plan!E3", "import.staff_no_year")]
    assert "Årsarbetare 2024" in result.problems[0].message.text()


def test_staff_of_one_measure_that_two_tables_give_differently_is_refused(tmp_path: Path) -> None:
    rows: Rows = [("Nr", "Åtgärd", "2025", "Åa 2025"), ("1", "A", "100", "-1")]
    path = tmp_path / "plan.docx"
    document = Document()
    for table_rows in (rows, [("Nr", "Åtgärd", "Åa 2025"), ("1", "A", "-2")]):
        document.add_paragraph("Belopp i tkr")
        table = document.add_table(rows=2, cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    document.save(str(path))
    result = imported(path)
    assert [code for _, code in problems(result)] == ["import.conflict"]


def test_staff_in_a_merged_cell_over_two_years_is_refused(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Belopp i tkr"])
    sheet.append(["Nr", "Åtgärd", "2024", "2025", "Åa 2024", "Åa 2025"])
    sheet.append(["1", "A", "1", "2", "-3", None])
    sheet.merge_cells("E3:F3")
    workbook.save(tmp_path / "plan.xlsx")
    assert problems(imported(tmp_path / "plan.xlsx")) == [("Plan!E3", "import.merged_amount")]
