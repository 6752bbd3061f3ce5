"""``budgetbalans import``: how the tables read from a file become a plan, at its edges (issue 21).

Every document is built here with python-docx or openpyxl and goes through the command, as a user
runs it: the plan written must hold exactly the figures the tables show a person (and pass
``check``), or the import refuses (exit 1, the cell's address, nothing written).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Sequence

import pytest
from docx import Document
from openpyxl import Workbook

from budgetbalans.read.loader import MAX_FILE_BYTES
from budgetbalans.plan.dump import PlanTooLarge, plan_yaml
from tests.command import invoke


def imported(path: Path, *options: str) -> tuple[dict[str, Any], str]:
    """The figures of the plan ``import`` writes for ``path`` (``summarize --format json``) and its
    notes; the plan passes ``check``."""
    out = path.with_suffix(".yaml")
    code, stdout, stderr = invoke("import", str(path), "-o", str(out), *options)
    assert code == 0 and stdout == "", stderr
    code, stdout, _ = invoke("check", str(out))
    assert code == 0, stdout
    code, stdout, _ = invoke("summarize", str(out), "--format", "json")
    assert code == 0
    return json.loads(stdout), stderr


def effects(data: dict[str, Any]) -> dict[str, tuple[str, dict[str, int]]]:
    """Each measure's title and exact effect per year, in kronor."""
    found = {}
    for measure in data["measures"]:
        years = {}
        for year, value in measure["effects"].items():
            assert value["low"] == value["high"]
            years[year] = value["low"]
        found[measure["id"]] = (measure["title"], years)
    return found


def refused(path: Path, *options: str) -> str:
    """The import's refusal: exit 1, nothing written; its standard error."""
    out = path.with_suffix(".yaml")
    code, stdout, stderr = invoke("import", str(path), "-o", str(out), *options)
    assert code == 1 and stdout == "" and not out.exists(), stderr
    return stderr


def word_table(document: Any, rows: Sequence[Sequence[str]]) -> Any:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for cells, texts in zip(table.rows, rows):
        for cell, text in zip(cells.cells, texts):
            cell.text = text
    return table


def sheet(rows: Sequence[Sequence[Any]], merges: Sequence[str] = ()) -> Workbook:
    workbook = Workbook()
    active = workbook.active
    assert active is not None
    active.title = "Blad1"
    for row in rows:
        active.append(list(row))
    for merge in merges:
        active.merge_cells(merge)
    return workbook


# --- two lists numbered from 1 -------------------------------------------------------------------


def _two_lists(path: Path, second: Sequence[Sequence[str]]) -> Path:
    document = Document()
    document.add_paragraph("Åtgärdsplan 2024–2025, belopp i tkr")
    document.add_paragraph("Kortsiktiga åtgärder")
    word_table(document, [("Nr", "Åtgärd", "2024"), ("1", "Minska övertid", "100"), ("2", "Sänkt sjukfrånvaro", "200")])
    document.add_paragraph("Långsiktiga åtgärder")
    word_table(document, second)
    document.save(path)
    return path


def test_two_lists_numbered_from_1_are_different_measures(tmp_path: Path) -> None:
    path = _two_lists(tmp_path / "plan.docx", [("Nr", "Åtgärd", "2025"), ("1", "Ny bemanningsmodell", "300"),
                                               ("2", "Digitalisering", "400")])
    data, stderr = imported(path, "--unit", "tkr")
    assert effects(data) == {
        "1": ("Minska övertid", {"2024": 100_000}), "2": ("Sänkt sjukfrånvaro", {"2024": 200_000}),
        "2.1": ("Ny bemanningsmodell", {"2025": 300_000}), "2.2": ("Digitalisering", {"2025": 400_000})}
    assert [m["area"] for m in data["measures"]] == ["Kortsiktiga åtgärder"] * 2 + ["Långsiktiga åtgärder"] * 2
    assert ("tabell 2: tabellen numrerar sina åtgärder som tabell 1 men med andra namn; de är andra åtgärder, "
            "och deras id har fått prefixet '2.' (2.1, 2.2 …)") in stderr


def test_two_tables_whose_titles_agree_are_joined_by_number(tmp_path: Path) -> None:
    path = _two_lists(tmp_path / "plan.docx", [("Nr", "Åtgärd", "2025"), ("2", "Sänkt sjukfrånvaro", "300"),
                                               ("1", "”Minska övertid”", "400")])
    data, _ = imported(path, "--unit", "tkr")
    assert effects(data) == {"1": ("Minska övertid", {"2024": 100_000, "2025": 400_000}),
                             "2": ("Sänkt sjukfrånvaro", {"2024": 200_000, "2025": 300_000})}


def test_one_number_with_another_name_among_names_that_agree_is_refused(tmp_path: Path) -> None:
    path = _two_lists(tmp_path / "plan.docx", [("Nr", "Åtgärd", "2025"), ("1", "Minska övertid", "300"),
                                               ("2", "Digitalisering", "400")])
    stderr = refused(path, "--unit", "tkr")
    assert stderr == (f"{path}: tabell 2, rad 3, kolumn \"Åtgärd\": nr '2' heter 'Digitalisering' här men "
                      "'Sänkt sjukfrånvaro' på tabell 1, rad 3, kolumn \"Åtgärd\"; är det samma åtgärd, skriv "
                      "samma namn, är det olika åtgärder, ge dem olika nummer\n")


# --- merged amounts ------------------------------------------------------------------------------


def test_an_amount_merged_over_two_measures_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Belopp i tkr",), ("Åtgärd", "2024", "2025"), ("A", 600, 10), ("B", None, 20)], ["B3:B4"]).save(path)
    stderr = refused(path)
    assert stderr == (f"{path}: Blad1!B3: beloppet '600' står i en sammanfogad cell som täcker 2 belopp (Blad1!B3 "
                      "och Blad1!B4); ett belopp gäller en åtgärd ett år: dela upp cellen och skriv varje belopp i "
                      "sin egen cell\n")


def test_an_amount_merged_across_two_years_is_refused(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Belopp i tkr")
    table = word_table(document, [("Åtgärd", "2024", "2025"), ("A", "600", ""), ("B", "10", "20")])
    table.cell(1, 1).merge(table.cell(1, 2))
    path = tmp_path / "plan.docx"
    document.save(path)
    stderr = refused(path)
    assert stderr.startswith(f'{path}: tabell 1, rad 2, kolumn "2024": beloppet \'600\' står i en sammanfogad '
                             'cell som täcker 2 belopp (tabell 1, rad 2, kolumn "2024" och tabell 1, rad 2, '
                             'kolumn "2025")')


def test_a_group_name_merged_down_is_still_every_row_s_area(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Belopp i tkr",), ("Område", "Åtgärd", "2024"), ("Äldreomsorg", "A", 600), (None, "B", 50)],
          ["A3:A4"]).save(path)
    data, _ = imported(path)
    assert [(m["area"], m["title"]) for m in data["measures"]] == [("Äldreomsorg", "A"), ("Äldreomsorg", "B")]
    assert effects(data) == {"1": ("A", {"2024": 600_000}), "2": ("B", {"2024": 50_000})}


# --- a header of two rows --------------------------------------------------------------------------


def test_a_two_row_header_in_excel_gives_the_years_and_the_unit(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Nr", "Åtgärd", "Ekonomisk effekt (tkr)", None), (None, None, 2025, 2026),
           (1, "Skift", 100, 200), (2, "Sjuk", 50, None)], ["A1:A2", "B1:B2", "C1:D1"]).save(path)
    data, _ = imported(path)
    assert effects(data) == {"1": ("Skift", {"2025": 100_000, "2026": 200_000}), "2": ("Sjuk", {"2025": 50_000})}


def test_a_two_row_header_in_word(tmp_path: Path) -> None:
    document = Document()
    table = word_table(document, [("Nr", "Åtgärd", "Ekonomisk effekt (mkr)", ""), ("", "", "2025", "2026"),
                                  ("1", "Skift", "0,1", "0,2")])
    table.cell(0, 2).merge(table.cell(0, 3))
    path = tmp_path / "plan.docx"
    document.save(path)
    data, _ = imported(path)
    assert effects(data) == {"1": ("Skift", {"2025": 100_000, "2026": 200_000})}


# --- columns that would not be read ----------------------------------------------------------------


def test_two_columns_with_one_year_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Belopp i tkr",), ("Åtgärd", "2024", "2024"), ("A", 100, 777)]).save(path)
    stderr = refused(path)
    assert stderr == (f"{path}: Blad1!C3: kolumnen '2024' finns två gånger (Blad1!B2 och Blad1!C2), så '777' här "
                      "skulle inte läsas; ta bort den ena kolumnen eller ge dem olika rubriker\n")


def test_an_amount_in_a_column_without_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Belopp i tkr",), ("Åtgärd", "2024", None), ("A", 100, 55), ("B", 10, None)]).save(path)
    stderr = refused(path)
    assert stderr == (f"{path}: Blad1!C3: '55' står i en kolumn utan rubrik och skulle inte läsas; skriv "
                      "kolumnens rubrik (ett år, Totalt …) eller ta bort värdet\n")


def test_an_amount_under_the_second_half_of_a_merged_header_is_refused(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Belopp i tkr")
    table = word_table(document, [("Åtgärd", "2024", ""), ("A", "100", "50")])
    table.cell(0, 1).merge(table.cell(0, 2))
    path = tmp_path / "plan.docx"
    document.save(path)
    stderr = refused(path)
    assert stderr == (f"{path}: tabell 1, rad 2, kolumn 3: rubriken '2024' täcker flera kolumner, och '50' här "
                      "står i en av dem som inte läses; ge varje kolumn en egen rubrik\n")


# --- rows titled like totals ----------------------------------------------------------------------


def test_a_numbered_row_titled_total_is_a_measure_and_the_sum_row_is_said(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Belopp i tkr",), ("Nr", "Åtgärd", "2024"), (7, "Skift", 100), (8, "Total", 500),
           (None, "Summa", 600)]).save(path)
    data, stderr = imported(path)
    assert effects(data) == {"7": ("Skift", {"2024": 100_000}), "8": ("Total", {"2024": 500_000})}
    assert [(s["key"], s["stated"], s["computed"]) for s in data["stated_totals"]] == [("2024", 600_000, 600_000)]
    assert (f"{path}: Blad1!A5: raden 'Summa' är dokumentets summa: den står som stated_totals, och check "
            "jämför den med åtgärdernas rader\n") in stderr
    assert (f"{path}: Blad1!A4: raden nr '8' heter 'Total' men har ett eget nummer, så den är en åtgärd; "
            "är den dokumentets summa, ta bort numret\n") in stderr


# --- the file's name ------------------------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_gives_a_plan_in_utf8(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Belopp i tkr")
    word_table(document, [("Åtgärd", "2024"), ("Skift", "100")])
    path = Path(os.fsdecode(bytes(tmp_path) + b"/pl\xe5n.docx"))
    document.save(path)
    data, stderr = imported(path)
    assert data["plans"][0]["title"] == "pl\\xe5n" and effects(data) == {"1": ("Skift", {"2024": 100_000})}
    text = path.with_suffix(".yaml").read_bytes().decode("utf-8")
    assert "source: pl\\xe5n.docx\n" in text
    assert "filens namn är inte UTF-8" in stderr


# --- the plan's size ------------------------------------------------------------------------------


def test_a_plan_over_the_plan_file_limit_is_refused_while_it_is_written() -> None:
    measures = [{"id": str(n), "title": "x" * 200} for n in range(MAX_FILE_BYTES // 200)]
    with pytest.raises(PlanTooLarge):
        plan_yaml({"title": "Stor", "measures": measures}, max_bytes=MAX_FILE_BYTES)
    small = plan_yaml({"title": "Liten", "measures": measures[:10]}, max_bytes=MAX_FILE_BYTES)
    assert small.count("title: x") == 10


def test_a_csv_file_whose_plan_would_be_over_1_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "stor.csv"
    rows = [f"{n};Åtgärd nummer {n} med ett namn som är långt nog för att fylla en rad;{n}" for n in range(12_000)]
    path.write_text("Nr;Åtgärd;2024 (tkr)\n" + "\n".join(rows) + "\n", encoding="utf-8")
    stderr = refused(path)
    assert stderr == (f"{path}: planen skulle bli större än 1 MB, den största planfil budgetbalans läser; dela "
                      "tabellen i flera filer (till exempel ett område i varje) och importera dem var för sig\n")


# --- standard error that cannot be written ----------------------------------------------------------


@pytest.mark.clients
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_notes_that_cannot_be_written_leave_nothing_written(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    sheet([("Åtgärd", "2024 (tkr)"), ("Skift", 100)]).save(path)  # its title is the file's name: a note
    out = tmp_path / "plan.yaml"
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "budgetbalans", "import", str(path), "-o", str(out)],
                              stderr=full, stdout=subprocess.PIPE, timeout=60)
    assert done.returncode == 2 and not out.exists() and done.stdout == b""
    done = subprocess.run([sys.executable, "-m", "budgetbalans", "import", str(path), "-o", str(out)],
                          capture_output=True, timeout=60)
    assert done.returncode == 0 and out.exists()


# --- what budgetbalans's own Word report shows ------------------------------------------------------


def test_a_range_in_the_total_column_and_an_open_range_are_read_as_shown(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Belopp i tkr")
    word_table(document, [("Nr", "Åtgärd", "2025", "2026", "Summa"), ("1", "Skift", "300–600", "≥ 3 000", "≥ 3 300"),
                          ("2", "Sjuk", "100", "", "100")])
    path = tmp_path / "plan.docx"
    document.save(path)
    data, stderr = imported(path)
    [skift, sjuk] = data["measures"]
    assert skift["effects"] == {"2025": {"low": 300_000, "high": 600_000}, "2026": {"low": 3_000_000, "high": None}}
    assert sjuk["effects"] == {"2025": {"low": 100_000, "high": 100_000}}
    assert 'tabell 1, rad 2, kolumn "Summa": summan 3 300–… är ett intervall' in stderr
