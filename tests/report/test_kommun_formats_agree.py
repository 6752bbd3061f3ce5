"""The four-level kommun of examples/kommun (kommun → nämnd → äldreomsorgen → verksamheter; per-year targets
on the social branch, a period target on another): the terminal, Markdown, CSV, HTML and Word show each node's figures as the JSON
gives them (its total, target, still to save and net), and its depth (xlsx: see test_xlsx_organisation)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.clients import read_csv, swedish_number
from tests.command import invoke, invoke_bytes
from tests.paths import EXAMPLES


@pytest.fixture()
def kommun(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, int, int, int, int]]:
    """name → (depth, total, target, still to save, net) in tkr, from the JSON of gap."""
    monkeypatch.chdir(EXAMPLES / "kommun")
    code, out, err = invoke("gap", "--format", "json")
    assert code == 0, err

    def walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        yield node
        for part in node["parts"]:
            yield from walk(part)

    def tkr(value: Any) -> int:
        exact = value if not isinstance(value, dict) else value["low"]
        assert not isinstance(value, dict) or value["low"] == value["high"]  # exact figures in this example
        return int(Decimal(str(exact)) / 1000)

    return {node["name"]: (node["depth"], tkr(node["total"]), tkr(node["target"]), tkr(node["shortfall"]),
                           tkr(node["net"])) for node in walk(json.loads(out)["organisation"])}


def _figure(text: str) -> int:
    """``kvar att spara 37 955 (2019)`` → 37955, ``överskott 600`` → -600, ``5 600`` → 5600."""
    found = re.search(r"-?\d[\d\u00a0 ]*", re.sub(r"\(\d{4}(, \d{4})*\)", "", text))
    assert found is not None, text
    value = int(re.sub(r"[^\d]", "", found.group()))
    return -value if text.startswith("överskott") or found.group().startswith("-") else value


def test_the_json_is_the_hand_computed_tree(kommun: dict[str, tuple[int, int, int, int, int]]) -> None:
    assert kommun["Sjöbacka kommun"] == (0, 24_375, 63_000, 39_455, 38_625)  # see budgetbalans.yaml's comment
    assert kommun["Socialnämnden"] == (1, 17_775, 55_500, 37_955, 37_725)
    assert kommun["Kommunal hemtjänst"] == (3, 4_775, 5_000, 455, 225)  # 2018's surplus covers nothing of 2019


def test_markdown(kommun: dict[str, tuple[int, int, int, int, int]]) -> None:
    out = invoke("gap", "--unit", "tkr", "--format", "markdown")[1]
    lines = [line for line in out.split("## Organisationen", 1)[1].split("\n## ", 1)[0].splitlines()
             if line.startswith("|")]
    headers = [cell.strip() for cell in lines[0].strip("|").split("|")]
    at = [headers.index(name) for name in ("Summa åtgärder", "Sparbeting", "Kvar att spara / Överskott", "Netto")]
    shown = {}
    for line in lines[2:]:
        cells = [cell.strip(" ").replace("**", "") for cell in line.strip("|").split(" | ")]
        name = cells[0].lstrip("\u00a0")
        depth = (len(cells[0]) - len(name)) // 4
        total, target, remaining, net = (_figure(cells[i]) for i in at)
        shown[name] = (depth, total, target, max(remaining, 0), net)
    assert shown == kommun


def _low(headers: list[Any], name: str) -> int:
    """The column of a figure's low end (the plans have ranges, so each figure has a low and a high)."""
    return headers.index(f"{name} låg (tkr)")


FIGURES = ("Summa åtgärder", "Sparbeting", "Kvar att spara", "Netto, sparbeting − summa (negativt = överskott)")


def test_csv(kommun: dict[str, tuple[int, int, int, int, int]]) -> None:
    rows = read_csv(invoke_bytes("gap", "--unit", "tkr", "--format", "csv")[1])
    headers = rows[0]
    shown = {}
    for row in (row for row in rows if row[0] == "Organisationen"):
        low = [swedish_number(row[_low(headers, name)]) for name in FIGURES]
        assert low == [swedish_number(row[_low(headers, name) + 1]) for name in FIGURES]  # exact: high = low
        shown[row[headers.index("Organisation")]] = (int(row[headers.index("Nivå")]), *map(int, low))
    assert shown == kommun


# xlsx: the summary sheet's figures are formulas over the nämnd sheets, recalculated by LibreOffice and
# compared with the JSON for this kommun in tests/report/writers/test_xlsx_organisation.py.


def _text_rows(headers: list[str], rows: list[list[str]], depths: list[int]) -> dict[str, tuple[int, ...]]:
    """Rows of a table read as text (name, cells…) and each row's depth: the figures as the JSON's."""
    at = [headers.index(name) for name in ("Summa åtgärder", "Sparbeting", "Kvar att spara / Överskott", "Netto")]
    shown = {}
    for row, depth in zip(rows, depths):
        total, target, remaining, net = (_figure(row[i]) for i in at)
        shown[row[0].strip("\u00a0 ")] = (depth, total, target, max(remaining, 0), net)
    return shown


def test_terminal(kommun: dict[str, tuple[int, int, int, int, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "240")  # wide enough for the table (a narrower terminal stacks it)
    out = invoke("gap", "--unit", "tkr")[1]
    block = out.split("Organisationen", 1)[1].split("└", 1)[0]
    lines = [line for line in block.splitlines() if line.startswith(("│", "┃"))]
    headers = [cell.strip() for cell in lines[0].strip("┃").split("┃")]
    rows = [[cell for cell in line.strip("│").split("│")] for line in lines[1:]]
    depths = [(len(row[0]) - len(row[0].lstrip(" ")) - 1) // 2 for row in rows]  # a cell's pad, two a level
    assert _text_rows(headers, [[cell.strip() for cell in row] for row in rows], depths) == kommun


def test_html_table(kommun: dict[str, tuple[int, int, int, int, int]]) -> None:
    page = invoke("gap", "--unit", "tkr", "--format", "html")[1]
    section = re.split(r"<h[12]>Organisationen</h[12]>", page, maxsplit=1)[1]
    table = section[section.index("<table"):].split("</table>", 1)[0]
    headers = [re.sub("<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", table)]
    rows = re.findall(r"<tr class=\"[^\"]*\">(.*?)</tr>", table)
    cells = [[re.sub("<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)] for row in rows]
    pads = [re.match(r'<td(?: style="padding-left: ([\d.]+)em")?>', row) for row in rows]
    indents = sorted({float(pad.group(1)) for pad in pads if pad and pad.group(1)})
    depths = [0 if not (pad and pad.group(1)) else indents.index(float(pad.group(1))) + 1 for pad in pads]
    assert _text_rows(headers, cells, depths) == kommun


def test_docx_table(kommun: dict[str, tuple[int, int, int, int, int]], tmp_path: Path) -> None:
    import docx

    invoke("gap", "--unit", "tkr", "--format", "docx", "-o", str(tmp_path / "r.docx"))
    document = docx.Document(str(tmp_path / "r.docx"))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Organisation")
    headers = [cell.text for cell in table.rows[0].cells]
    rows = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    indents = [row.cells[0].paragraphs[0].paragraph_format.left_indent or 0 for row in table.rows[1:]]
    step = min(indent for indent in indents if indent)
    assert _text_rows(headers, rows, [indent // step for indent in indents]) == kommun
