"""Every format of summarize and gap shows what a nämnd decides on: the scenarios, the one-off part, the
lasting level and the staff of the hand-computed plan of tests/report/builders/test_decided_on_figures.py;
the workbook computes the scenarios with formulas over the measure rows, and LibreOffice recalculates them
to the JSON's figures."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from tests.clients import SHEETS_AS_CSV, SOFFICE, soffice, zero_cached_results
from tests.command import invoke_bytes
from tests.report.builders.test_decided_on_figures import PLAN


@pytest.fixture()
def plan_path(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(*args: str) -> bytes:
    code, out, err = invoke_bytes(*args)
    assert code == 0, err
    return out


@pytest.mark.parametrize("command", ["summarize", "gap"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_text_formats_show_the_figures(plan_path: Path, command: str, fmt: str) -> None:
    text = run(command, str(plan_path), "--format", fmt).decode("utf-8")
    for words in ("Beslutat: kvar att spara", "Förväntat: kvar att spara", "Planerat: kvar att spara",
                  "Varav engångseffekter", "Varaktig effekt efter perioden", "Årsarbetare",
                  "1 800 (2024, 2025)", "1 350 (2024, 2025)", "1 650", "-0,5"):
        assert words in text, words


def test_english(plan_path: Path) -> None:
    text = run("summarize", str(plan_path), "--format", "markdown", "--lang", "en").decode("utf-8")
    assert "| **Expected: still to save** | **350** | **1 000** | **1 350 (2024, 2025)** |" in text
    assert "| Of which one-off | 600 | 0 | 600 |" in text


def test_markdown_rows(plan_path: Path) -> None:
    text = run("summarize", str(plan_path), "--format", "markdown").decode("utf-8")
    assert "| Förväntat | 650 | 1 000 | 1 650 |" in text
    assert "| **Planerat: kvar att spara** | **överskott 0** | **800** | **800 (2025)** |" in text
    assert "| Varaktig effekt efter perioden |  |  | 1 200 |" in text
    assert "| Årsarbetare | -0,5 | -3 |  |" in text
    assert "| 2 | Bemanning |  | planerad | 200 | 800 | 1 000 | KF, föreslagen | 75 % | 750 | 2024: -0,5; 2025: -3 | 1 |" \
        in text


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_csv_numbers(plan_path: Path, command: str) -> None:
    rows = list(csv.reader(io.StringIO(run(command, str(plan_path), "--format", "csv").decode("utf-8-sig")),
                           delimiter=";"))
    header = rows[0]
    name = header.index("Åtgärd")
    by_name = {row[name]: row for row in rows if "Täckning" in row[0]}
    years = [header.index("2024 (tkr)"), header.index("2025 (tkr)"), header.index("Summa (tkr)")]
    figures = {name: [row[i] for i in years] for name, row in by_name.items()}
    assert figures["Beslutat"] == ["800", "400", "1200"]
    assert figures["Förväntat"] == ["650", "1000", "1650"]
    assert figures["Planerat: kvar att spara (negativt = överskott)"] == ["0", "800", "800"]
    assert figures["Varav engångseffekter"] == ["600", "0", "600"]
    assert figures["Varaktig effekt efter perioden"] == ["", "", "1200"]
    assert figures["Årsarbetare"] == ["-0,5", "-3", ""]  # a count, not in the unit


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_docx_shows_the_rows(plan_path: Path, command: str, tmp_path: Path) -> None:
    import docx  # type: ignore[import-untyped]

    out = tmp_path / "r.docx"
    run(command, str(plan_path), "--format", "docx", "-o", str(out))
    cells = [[c.text.replace("\xa0", " ") for c in row.cells] for table in docx.Document(str(out)).tables for row in table.rows]
    rows = {row[0]: row[1:] for row in cells}
    assert rows["Förväntat"][:3] == ["650", "1 000", "1 650"]
    assert rows["Årsarbetare"][:2] == ["-0,5", "-3"]
    assert rows["Varaktig effekt efter perioden"][2] == "1 200"


def test_xlsx_formulas_over_the_measure_rows(plan_path: Path, tmp_path: Path) -> None:
    from tests.clients import read_xlsx_cells

    out = tmp_path / "r.xlsx"
    run("summarize", str(plan_path), "--format", "xlsx", "-o", str(out))
    import zipfile
    sheet = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>F5*J5+F6*J6+F8*J8</f>" in sheet  # the expected scenario's 2024: effect × probability (J)
    assert "<f>H5*J5</f>" in sheet  # measure 1's expected effect: its total × its probability
    assert "<f>F5+F8</f>" in sheet  # the decided scenario's 2024: measures 1 and 4
    cells = read_xlsx_cells(out)
    texts = {value: row for (row, _), (kind, value) in cells.items() if kind != "n"}
    assert "Förväntad effekt (tkr)" in texts and "Sannolikhet (andel)" in texts


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_recalculated_equals_json(plan_path: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    run("summarize", str(plan_path), "--format", "xlsx", "-o", str(book))
    zero_cached_results(book)  # only a recalculation gives the figures
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(book)], tmp_path)
    sheet = next((tmp_path / "csv").glob("*.csv"))
    rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")), delimiter=";"))
    document = json.loads(run("summarize", str(plan_path), "--format", "json"))
    header = next(row for row in rows if "Förväntad effekt (tkr)" in row)
    years = [header.index("2024 (tkr)"), header.index("2025 (tkr)"), header.index("Summa (tkr)")]
    by_name = {row[1]: row for row in rows if len(row) > 1}

    def figures(name: str) -> list[Decimal]:
        return [Decimal(by_name[name][i]) * 1000 for i in years]

    for key, name in (("decided", "Beslutat"), ("expected", "Förväntat"), ("planned", "Planerat")):
        scenario = document["scenarios"][key]
        want = [Decimal(str(scenario["totals"][y]["low"])) for y in ("2024", "2025")]
        assert figures(name) == [*want, Decimal(str(scenario["total"]["low"]))], name
        signed = [Decimal(str(v["low"])) for v in scenario["gap"]["years"].values()]
        assert figures(f"{name}: kvar att spara (negativt = överskott)")[:2] == signed, name
    assert figures("Varav engångseffekter")[:2] == [Decimal(str(v["low"])) for v in document["one_off"].values()]
    lasting = Decimal(by_name["Varaktig effekt efter perioden"][years[2]]) * 1000  # its own figure, not a sum
    assert lasting == Decimal(str(document["lasting"]["low"])) == 1_200_000
    expected_column = header.index("Förväntad effekt (tkr)")
    assert [Decimal(by_name[t][expected_column]) for t in ("Statsbidrag", "Bemanning", "Hyra")] == [300, 750, 600]


def test_xlsx_all_plans_scenarios_add_up_each_plans_sheet(plan_path: Path, tmp_path: Path) -> None:
    """The summary sheet's scenarios, one-off, lasting and staff are formulas over the same rows of each
    plan's sheet (which are formulas over its measure rows), not figures typed in."""
    other = tmp_path / "annan.yaml"
    other.write_text(PLAN.replace("organisation:", "organisation: Annan", 1).replace("title:", "title: Annan", 1),
                     encoding="utf-8")
    out = tmp_path / "r.xlsx"
    run("summarize", str(plan_path), str(other), "--format", "xlsx", "-o", str(out))
    import zipfile
    book = zipfile.ZipFile(out)
    summary = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    formulas = re.findall(r"<f>([^<]*)</f>", summary)
    across = [f for f in formulas if f.count("!") == 2]  # one term per plan's sheet
    # four scenario or one-off rows × (two years and Summa), the lasting level's Summa, staff's two years
    assert len(across) == 3 * 4 + 1 + 2, across
    assert all(re.fullmatch(r"Socialnämnden!\$([A-Z]+)\$(\d+)\+Annan!\$\1\$\2", f) for f in across), across
