"""``summarize`` and ``gap`` with an organisation tree (``budgetbalans.yaml``) in the folder they run from: the
contract's example tree rolled up, figures computed by hand, in JSON and in every other format alike;
``--level``, "ingen plan", English, and a plan that names no node (exit 1, its position and the fix)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.clients import read_csv, swedish_number
from tests.command import invoke, invoke_bytes
from tests.organisation_trees import SALEM_YAML as TREE


BUN = """\
title: Åtgärdsplan BUN 2025
organisation: Barn- och utbildningsnämnden
years: [2025]
measures:
  - id: 1
    title: Färre skolskjutsar
    effects: {2025: 2 500}
  - id: 2
    title: Samordnade lokaler
    effects: {2025: 1 000}
"""

SN = """\
title: Åtgärdsplan SN 2025
organisation: Socialnämnden
years: [2025]
measures:
  - id: 1
    title: Färre externa placeringar
    effects: {2025: 5 000}
"""

KOMMUN, BUN_NAME, FSK, SN_NAME = "Salems kommun", "Barn- och utbildningsnämnden", "Förskolan", "Socialnämnden"

# Figures by hand, in tkr: (total, target, shortfall, net) per node.
# BUN's own part: 7 100 − Förskolan's 3 000 = 4 100; its one plan takes it: 4 100 − 3 500 = 600 short.
# Förskolan: no plan, its whole 3 000 still to save. BUN: 600 + 3 000 = 3 600 short; net 7 100 − 3 500 = 3 600.
# SN: 4 600 − 5 000 = −400, a surplus of 400: shortfall 0, net −400.
# The kommun's own part: 13 600 − 7 100 − 4 600 = 1 900, no plan: all of it short.
# Kommun: 3 600 + 0 + 1 900 = 5 500 short (SN's surplus covers nothing of it); net 13 600 − 8 500 = 5 100.
FIGURES = {
    KOMMUN: (8500, 13600, 5500, 5100),
    BUN_NAME: (3500, 7100, 3600, 3600),
    FSK: (0, 3000, 3000, 3000),
    SN_NAME: (5000, 4600, 0, -400),
}
DEPTHS = {KOMMUN: 0, BUN_NAME: 1, FSK: 2, SN_NAME: 1}


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "bun.yaml").write_text(BUN, encoding="utf-8")
    (tmp_path / "plans" / "sn.yaml").write_text(SN, encoding="utf-8")
    (tmp_path / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    return tmp_path


def as_json(*args: str) -> dict[str, Any]:
    code, out, err = invoke(*args, "--format", "json")
    assert (code, err) == (0, ""), err
    document: dict[str, Any] = json.loads(out)
    return document


def nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node] + [each for part in node["parts"] for each in nodes(part)]


def exact(kronor: int) -> dict[str, int]:
    return {"low": kronor, "high": kronor}


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_json_figures_per_node(folder: Path, command: str) -> None:
    tree = as_json(command)["organisation"]
    found = {node["name"]: node for node in nodes(tree)}
    assert list(found) == [KOMMUN, BUN_NAME, FSK, SN_NAME]  # tree order
    for name, (total, target, shortfall, net) in FIGURES.items():
        node = found[name]
        assert node["depth"] == DEPTHS[name]
        assert node["total"] == exact(total * 1000)
        assert node["target"] == target * 1000
        assert node["shortfall"] == exact(shortfall * 1000)
        assert node["net"]["low"] == node["net"]["high"] == net * 1000
    assert found[KOMMUN]["own_part"] == 1_900_000 and found[BUN_NAME]["own_part"] == 4_100_000
    assert [found[name]["no_plan"] for name in FIGURES] == [True, False, True, False]
    assert found[BUN_NAME]["plans"] == ["plans/bun.yaml"] and found[FSK]["plans"] == []
    assert found[SN_NAME]["gap_kind"] == "surplus" and found[KOMMUN]["gap_kind"] == "short"
    # 3 500 / 7 100 = 0,492957…; 5 000 / 4 600 = 1,086956…
    assert found[BUN_NAME]["coverage"] == {"low": 0.492958, "high": 0.492958}
    assert found[SN_NAME]["coverage"] == {"low": 1.086957, "high": 1.086957}


def test_each_plan_answers_for_what_the_tree_gives_it(folder: Path) -> None:
    plans = {plan["plan"]: plan for plan in as_json("gap")["plans"]}
    assert plans["plans/bun.yaml"]["target"] == 4_100_000  # BUN's own part, not its whole 7 100
    assert plans["plans/sn.yaml"]["target"] == 4_600_000


def test_level(folder: Path) -> None:
    tree = as_json("summarize", "--level", "1")["organisation"]
    assert [node["name"] for node in nodes(tree)] == [KOMMUN, BUN_NAME, SN_NAME]
    # the figures still hold everything below: BUN's shortfall counts Förskolan's 3 000
    assert nodes(tree)[1]["shortfall"] == exact(3_600_000)
    assert [node["name"] for node in nodes(as_json("gap", "--level", "0")["organisation"])] == [KOMMUN]
    assert [row[0] for row in _table_rows(invoke("gap", "--level", "0", "--format", "markdown")[1])] == [KOMMUN]


def test_level_below_zero_is_a_usage_error(folder: Path) -> None:
    code, out, err = invoke("gap", "--level", "-1")
    assert code == 2 and out == "" and "--level" in err


# --- every format shows the JSON's figures ------------------------------------------------------


def _amount(text: str) -> int:
    """A figure as a text format prints it in tkr: ``8 500``, ``kvar att spara 3 600 (2025)``, ``överskott 400``."""
    number = re.search(r"-?\d[\d\u00a0 ]*", text.replace("(2025)", ""))
    assert number is not None, text
    value = int(re.sub(r"\D", "", number.group()))
    return -value if text.startswith(("överskott", "surplus")) else value


def _check_text_rows(rows: list[list[str]], headers: list[str]) -> None:
    """Rows of (name, cells…) under ``headers``: each node's figures as FIGURES; a surplus never under
    "kvar att spara"; the shortfall column never shows a net."""
    at = {name: headers.index(name) for name in ("Summa åtgärder", "Sparbeting", "Kvar att spara / Överskott",
                                                 "Netto", "Egna planer")}
    shown = {row[0].strip("\u00a0 "): row for row in rows}
    assert list(shown) == [KOMMUN, BUN_NAME, FSK, SN_NAME]
    for name, (total, target, shortfall, net) in FIGURES.items():
        row = shown[name]
        assert _amount(row[at["Summa åtgärder"]]) == total
        assert _amount(row[at["Sparbeting"]]) == target
        remaining = row[at["Kvar att spara / Överskott"]]
        if shortfall:
            assert remaining.startswith("kvar att spara") and _amount(remaining) == shortfall
        else:
            assert remaining == "överskott 400"  # SN's own surplus, its row only
        assert _amount(row[at["Netto"]]) == net
    assert shown[FSK][at["Egna planer"]] == "ingen plan" and shown[KOMMUN][at["Egna planer"]] == "ingen plan"
    assert shown[BUN_NAME][at["Egna planer"]] == "bun.yaml"


def _table_rows(markdown: str) -> list[list[str]]:
    """The organisation table's body rows in Markdown, bold marks taken off."""
    block = markdown.split("## Organisationen", 1)[1].split("\n\n## ", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith("|")][2:]
    return [[cell.strip(" ").replace("**", "") for cell in line.strip("|").split(" | ")] for line in lines]


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_markdown(folder: Path, command: str) -> None:
    out = invoke(command, "--format", "markdown")[1]
    block = out.split("## Organisationen", 1)[1]
    headers = [cell.strip() for cell in next(line for line in block.splitlines()
                                              if line.startswith("| Organisation")).strip("|").split("|")]
    rows = _table_rows(out)
    _check_text_rows(rows, headers)
    # indented by depth: four no-break spaces a level
    assert [len(row[0]) - len(row[0].lstrip("\u00a0")) for row in rows] == [0, 4, 8, 4]
    assert out.index("## Organisationen") < out.index("Färre skolskjutsar" if command == "summarize" else "Alla planer")


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_terminal(folder: Path, command: str) -> None:
    out = invoke(command, "--format", "table")[1]
    block = out.split("Organisationen", 1)[1].split("└", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith(("│", "┃"))]
    headers = [cell.strip() for cell in lines[0].strip("┃").split("┃")]
    rows: list[list[str]] = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.strip("│").split("│")]
        if cells[1]:
            rows.append(cells)
        else:  # a wrapped name's next line: no figures
            rows[-1][0] += " " + cells[0]
    _check_text_rows(rows, headers)
    assert "│   Förskolan" not in out and "│     Förskolan" in out  # two spaces a level


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_csv(folder: Path, command: str) -> None:
    rows = read_csv(invoke_bytes(command, "--format", "csv")[1])
    headers = rows[0]
    tree = [row for row in rows if row[0] == "Organisationen"]
    assert [row[headers.index("Nivå")] for row in tree] == ["0", "1", "2", "1"]
    # one flat table: the columns are those of the first table that has them (summarize: the measures')
    name = headers.index("Åtgärd" if command == "summarize" else "Organisation")
    summa = headers.index("Summa (tkr)" if command == "summarize" else "Summa åtgärder (tkr)")
    assert [row[name] for row in tree] == [KOMMUN, BUN_NAME, FSK, SN_NAME]
    for row in tree:
        total, target, shortfall, net = FIGURES[row[name]]
        assert swedish_number(row[summa]) == total
        assert swedish_number(row[headers.index("Sparbeting (tkr)")]) == target
        assert swedish_number(row[headers.index("Kvar att spara (tkr)")]) == shortfall
        assert swedish_number(row[headers.index("Netto, sparbeting − summa (negativt = överskott) (tkr)")]) == net


def test_xlsx(folder: Path) -> None:
    import openpyxl

    invoke("summarize", "--format", "xlsx", "-o", "r.xlsx")
    # the figures as cached beside their formulas (tests/report/writers/test_xlsx_organisation.py: the formulas)
    sheet = openpyxl.load_workbook(folder / "r.xlsx", data_only=True)["Organisationen"]
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    head = next(i for i, row in enumerate(cells) if "Nivå" in row)
    headers = cells[head]
    body = {row[headers.index("Organisation")]: row for row in cells[head + 1:] if row[headers.index("Nivå")] is not None}
    assert list(body) == [KOMMUN, BUN_NAME, FSK, SN_NAME]
    for name, (total, target, shortfall, net) in FIGURES.items():
        row = body[name]
        assert row[headers.index("Sparbeting (tkr)")] == target
        assert row[headers.index("Kvar att spara (tkr)")] == shortfall
        assert row[headers.index("Netto, sparbeting − summa (negativt = överskott) (tkr)")] == net
        assert row[headers.index("2025 (tkr)")] == row[headers.index("Summa åtgärder (tkr)")] == total


def test_html(folder: Path) -> None:
    invoke("summarize", "--format", "html", "-o", "r.html")
    page = (folder / "r.html").read_text(encoding="utf-8")
    section = re.split(r"<h[12]>Organisationen</h[12]>", page, maxsplit=1)[1].split("</table>", 1)[0]
    headers = [re.sub("<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", section)]
    rows = [[re.sub("<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr class=\"[^\"]*\">(.*?)</tr>", section)]
    _check_text_rows(rows, headers)
    assert 'style="padding-left: 2.9em">Förskolan' in section  # two levels down
    assert re.search(r'<tr class="group remaining"><td>Salems kommun', section)  # the core's verdict as its tone
    assert re.search(r"<tr class=\"group surplus\"><td style=\"[^\"]*\">Socialnämnden", section)


def test_docx(folder: Path) -> None:
    import docx

    invoke("summarize", "--format", "docx", "-o", "r.docx")
    document = docx.Document(str(folder / "r.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Organisation")
    headers = [cell.text for cell in table.rows[0].cells]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    _check_text_rows(rows, headers)
    indents = [row.cells[0].paragraphs[0].paragraph_format.left_indent for row in table.rows[1:]]
    assert indents[0] is None and indents[2] == 2 * indents[1] == 2 * indents[3]


def test_english(folder: Path) -> None:
    out = invoke("gap", "--lang", "en", "--format", "markdown")[1]
    assert "## The organisation" in out and "| Organisation |" in out and "| Own plans |" in out
    assert "still to save 3 600 (2025)" in out and "surplus 400" in out and "no plan" in out
    assert "kvar att spara" not in out and "ingen plan" not in out


def test_a_plan_naming_no_node(folder: Path) -> None:
    (folder / "plans" / "sn.yaml").write_text(SN.replace("Socialnämnden", "Socialnamnden"), encoding="utf-8")
    for command in ("summarize", "gap"):
        assert invoke(command) == (1, "", "plans/sn.yaml:2:15: 'Socialnamnden' finns inte i organisationsträdet "
                                          "(budgetbalans.yaml) — menade du 'Socialnämnden'?\n")
    assert invoke("gap", "--lang", "en", "--format", "json") == (
        1, "", "plans/sn.yaml:2:15: 'Socialnamnden' is not in the organisation tree (budgetbalans.yaml) — did "
               "you mean 'Socialnämnden'?\n")


def test_a_tree_that_cannot_be_read(folder: Path) -> None:
    (folder / "budgetbalans.yaml").write_text(TREE.replace("parts:\n  - organisation: Barn",
                                                           "delar:\n  - organisation: Barn", 1), encoding="utf-8")
    code, out, err = invoke("summarize")
    assert (code, out) == (1, "") and err.startswith("budgetbalans.yaml:4:1: ")


def test_without_the_file_no_organisation(folder: Path) -> None:
    (folder / "budgetbalans.yaml").unlink()
    assert "organisation" not in as_json("gap")
    assert "Organisationen" not in invoke("summarize", "--format", "markdown")[1]
