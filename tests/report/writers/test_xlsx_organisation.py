"""``summarize --format xlsx`` under an organisation tree: a sheet per nämnd and a summary sheet whose figures are
formulas over them (openpyxl reads the formulas), recalculated by LibreOffice to exactly the JSON's figures for
the contract's tree and for ``examples/kommun``."""

from __future__ import annotations

import csv
import io
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_organisation_reports import BUN, SN
from tests.organisation_trees import SALEM_YAML as TREE
from tests.clients import SHEETS_AS_CSV, SOFFICE, soffice, zero_cached_results
from tests.command import invoke
from tests.paths import EXAMPLES

#: Förskolan's plan: an effect of 1 000–2 500 tkr, so the workbook has a low and a high column per amount.
FSK_PLAN = """\
title: Åtgärdsplan förskolan 2025
organisation: Förskolan
years: [2025]
measures:
  - id: 1
    title: Färre vikarier
    effects: {2025: 1 000–2 500}
"""

KOMMUN, BUN_NAME, FSK, SN_NAME = "Salems kommun", "Barn- och utbildningsnämnden", "Förskolan", "Socialnämnden"

# By hand, in tkr: (total, shortfall, net) as (low, high), and the target.
# Förskolan: its one plan takes its 3 000; 3 000 − (1 000–2 500): 500–2 000 short, net the same.
# BUN: its plan 3 500 against its own part 7 100 − 3 000 = 4 100: 600 short; with Förskolan 600 + (500–2 000) =
#   1 100–2 600 short; total 3 500 + (1 000–2 500) = 4 500–6 000; net 7 100 − (4 500–6 000) = 1 100–2 600.
# SN: 4 600 − 5 000: a surplus of 400, nothing short, net −400.
# The kommun: its own part 13 600 − 7 100 − 4 600 = 1 900, no plan: all short; (1 100–2 600) + 0 + 1 900 =
#   3 000–4 500 short (SN's surplus covers nothing); total 9 500–11 000; net 13 600 − (9 500–11 000) = 2 600–4 100.
FIGURES = {
    KOMMUN: ((9500, 11000), 13600, (3000, 4500), (2600, 4100)),
    BUN_NAME: ((4500, 6000), 7100, (1100, 2600), (1100, 2600)),
    FSK: ((1000, 2500), 3000, (500, 2000), (500, 2000)),
    SN_NAME: ((5000, 5000), 4600, (0, 0), (-400, -400)),
}


@pytest.fixture()
def salem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plans").mkdir()
    for name, text in (("bun.yaml", BUN), ("sn.yaml", SN), ("fsk.yaml", FSK_PLAN)):
        (tmp_path / "plans" / name).write_text(text, encoding="utf-8")
    (tmp_path / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    return tmp_path


def _workbook(folder: Path, *args: str) -> Path:
    book = folder / "r.xlsx"
    code, _, err = invoke("summarize", *args, "--format", "xlsx", "-o", str(book))
    assert (code, err) == (0, ""), err
    return book


# --- the formulas, as openpyxl reads them ------------------------------------------------------


def _rows(sheet: Any) -> tuple[list[Any], list[list[Any]]]:
    """The header row (the one naming "Nivå" or "Level") and the rows under it."""
    cells = [[cell.value for cell in row] for row in sheet.iter_rows()]
    head = next(i for i, row in enumerate(cells) if "Nivå" in row or "Level" in row)
    return cells[head], cells[head + 1:]


def test_sheets_a_summary_and_one_per_namnd(salem: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(_workbook(salem))
    # the nämnder's sheets after the summary, before all plans and the plans' sheets (a plan's sheet named as a
    # nämnd's is numbered, and cut to 31 characters)
    assert book.sheetnames[:4] == ["Organisationen", BUN_NAME, SN_NAME, "Sammanställning"]
    assert sorted(book.sheetnames[4:]) == ["Barn- och utbildningsnämnde (2)", FSK, "Socialnämnden (2)"]


def test_summary_figures_are_formulas_over_the_namnd_sheets(salem: Path) -> None:
    import openpyxl

    headers, rows = _rows(openpyxl.load_workbook(_workbook(salem))["Organisationen"])
    name = headers.index("Organisation")
    by_name = {row[name]: row for row in rows if row[name]}
    root, bun, fsk = by_name[KOMMUN], by_name[BUN_NAME], by_name[FSK]
    letter = openpyxl.utils.get_column_letter
    for header, own in (("2025 låg (tkr)", False), ("Summa åtgärder hög (tkr)", False), ("Kvar att spara låg (tkr)", True)):
        at = headers.index(header)
        own_part = rf"\+{letter(at + 1)}6" if own else ""
        # the kommun: the nämnder's rows on their sheets, and (what it still has to save) its own part no plan
        # takes, on the row under it
        pattern = rf"='{BUN_NAME}'!\$[A-Z]+\$5\+{SN_NAME}!\$[A-Z]+\$5{own_part}"
        assert re.fullmatch(pattern, root[at]), root[at]
        assert re.fullmatch(rf"='{BUN_NAME}'!\$[A-Z]+\$5", bun[at]), bun[at]  # a nämnd: its row on its sheet
        assert re.fullmatch(rf"='{BUN_NAME}'!\$[A-Z]+\$\d+", fsk[at]), fsk[at]  # below: its row on its nämnd's
    own = rows[1]  # right under the kommun: its own part, 13 600 − 7 100 − 4 600 = 1 900, no plan takes it
    assert own[name] == "Egen del som ingen plan tar" and own[headers.index("Nivå")] is None
    assert own[headers.index("Kvar att spara låg (tkr)")] == own[headers.index("Sparbeting låg (tkr)")] == 1900
    assert root[headers.index("Sparbeting låg (tkr)")] == 13600  # the target: an input, as the tree writes it
    net, total, target = (headers.index(f"{what} låg (tkr)") for what in
                          ("Netto, sparbeting − summa (negativt = överskott)", "Summa åtgärder", "Sparbeting"))
    line = 5  # the kommun's row: under the title, subtitle and header
    # the net's low is the target less the total's high; the coverage the total over the target
    assert root[net] == f"={letter(target + 1)}{line}-{letter(total + 2)}{line}"
    assert root[headers.index("Täckning")] == f"={letter(total + 1)}{line}/{letter(target + 1)}{line}"


def test_namnd_sheet_adds_up_its_rows_and_links_its_plans(salem: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(_workbook(salem))
    headers, rows = _rows(book[BUN_NAME])
    name, short = headers.index("Organisation"), headers.index("Kvar att spara låg (tkr)")
    assert [row[name] for row in rows if row[name]][:4] == [
        BUN_NAME, "Åtgärdsplan BUN 2025 — Barn- och utbildningsnämnden", FSK, "Åtgärdsplan förskolan 2025 — Förskolan"]
    # BUN (sheet row 5) = its plan (row 6) + Förskolan (row 7); Förskolan = its plan (row 8)
    assert rows[0][short] == "=I6+I7" and rows[2][short] == "=I8"  # column I: Kvar att spara låg
    # a plan's shortfall: the positive part of its gap on its own sheet; its total: its Summa there
    assert re.fullmatch(r"=MAX\(0,'Barn- och utbildningsnämnde \(2\)'!\$F\$\d+\)", rows[1][short]), rows[1][short]
    assert re.fullmatch(r"='Förskolan'!\$F\$\d+|=Förskolan!\$F\$\d+", rows[3][headers.index("2025 låg (tkr)")])


def test_english(salem: Path) -> None:
    import openpyxl

    book = openpyxl.load_workbook(_workbook(salem, "--lang", "en"))
    assert book.sheetnames[:3] == ["The organisation", BUN_NAME, SN_NAME]
    headers, rows = _rows(book["The organisation"])
    assert rows[1][headers.index("Organisation")] == "Own part no plan takes"


# --- recalculated by LibreOffice: exactly the JSON's figures -------------------------------------


_SCALE = {"kr": Decimal(1), "tkr": Decimal(1000), "mkr": Decimal(1_000_000)}
_HEADER = re.compile(r"(?P<name>.+?)(?: (?P<bound>låg|hög))?(?: \((?P<unit>t?kr|mkr)\))?")


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node] + [each for part in node["parts"] for each in _nodes(part)]


def _expected(node: dict[str, Any], name: str, bound: str) -> Decimal | None:
    """The node's JSON figure under the column ``name`` (kronor, or a share), its ``bound`` ("low"/"high")."""
    if name == "Sparbeting":
        return Decimal(node["target"])
    if name == "Täckning":
        return None if node["coverage"] is None else Decimal(str(node["coverage"][bound]))
    key = {"Summa åtgärder": "total", "Kvar att spara": "shortfall",
           "Netto, sparbeting − summa (negativt = överskott)": "net"}.get(name)
    value = node[key] if key else node["totals"].get(name)
    return None if value is None else Decimal(value[bound])


def _check_sheet(rows: list[list[str]], nodes: dict[str, dict[str, Any]], scale: Decimal, where: str) -> int:
    """Every node row of a recalculated sheet (CSV) against the JSON; how many figures were compared."""
    head = next(i for i, row in enumerate(rows) if "Nivå" in row)
    columns: list[tuple[int, str, str]] = []
    for index, header in enumerate(rows[head]):
        match = _HEADER.fullmatch(header)
        if match and match["name"] not in ("Organisation", "Nivå", "Egna planer"):
            seen = sum(1 for _, name, _ in columns if name == match["name"])
            bound = match["bound"] or ("low" if seen == 0 else "high")
            columns.append((index, match["name"], {"låg": "low", "hög": "high"}.get(bound, bound)))
    compared = 0
    for row in rows[head + 1:]:
        if len(row) <= head or not row[1] or row[0] not in nodes:
            continue
        for index, name, bound in columns:
            expected = _expected(nodes[row[0]], name, bound)
            assert (row[index] == "") == (expected is None), f"{where} {row[0]} {name} {bound}: {row[index]!r}"
            if expected is None:
                continue
            cell = row[index]  # a share as LibreOffice writes a percent: "69.8529411764706%"
            figure = Decimal(cell[:-1]) / 100 if cell.endswith("%") else Decimal(cell)
            if name == "Täckning":
                assert round(figure, 6) == expected, f"{where} {row[0]} {name} {bound}: {figure} ≠ {expected}"
            else:
                assert figure * scale == expected, f"{where} {row[0]} {name} {bound}: {figure} ≠ {expected}"
            compared += 1
    return compared


def _recalculated(folder: Path, tmp_path: Path) -> tuple[dict[str, list[list[str]]], dict[str, Any]]:
    """Every sheet of the workbook as LibreOffice recalculates it (no cached result left), and the JSON."""
    book = _workbook(folder)
    out = tmp_path / "book.xlsx"
    out.write_bytes(book.read_bytes())
    zero_cached_results(out)  # only a recalculation gives the figures
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(out)], tmp_path)
    sheets = {p.name.removeprefix("book-").removesuffix(".csv"):
              list(csv.reader(io.StringIO(p.read_text(encoding="utf-8")), delimiter=";"))
              for p in (tmp_path / "csv").glob("book-*.csv")}
    code, text, err = invoke("summarize", "--format", "json")
    assert (code, err) == (0, ""), err
    document: dict[str, Any] = json.loads(text)
    return sheets, document


def _agrees(folder: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    sheets, document = _recalculated(folder, tmp_path)
    nodes = {node["name"]: node for node in _nodes(document["organisation"])}
    scale = _SCALE[document["plans"][0]["unit"]]
    # the summary sheet: every node, each figure of each
    assert _check_sheet(sheets["Organisationen"], nodes, scale, "Organisationen") >= 6 * len(nodes)
    for part in document["organisation"]["parts"]:  # each nämnd's sheet: its nodes
        below = {node["name"]: node for node in _nodes(part)}
        assert _check_sheet(sheets[part["name"]], below, scale, part["name"]) >= 6 * len(below)
    return nodes


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_recalculated_contract_tree(salem: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    nodes = _agrees(salem, tmp_path_factory.mktemp("lo"))
    for name, (total, target, shortfall, net) in FIGURES.items():  # and the JSON is the figures by hand
        node = nodes[name]
        assert (node["total"]["low"], node["total"]["high"]) == (total[0] * 1000, total[1] * 1000)
        assert node["target"] == target * 1000
        assert (node["shortfall"]["low"], node["shortfall"]["high"]) == (shortfall[0] * 1000, shortfall[1] * 1000)
        assert (node["net"]["low"], node["net"]["high"]) == (net[0] * 1000, net[1] * 1000)


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_recalculated_examples_kommun(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(EXAMPLES / "kommun")
    work = tmp_path / "out"
    work.mkdir()
    nodes = _agrees(work, tmp_path)
    # as budgetbalans.yaml's comment computes by hand: the kommun 39 455 tkr still to save, net 38 625
    assert nodes["Sjöbacka kommun"]["shortfall"]["low"] == 39_455_000
    assert nodes["Sjöbacka kommun"]["net"]["low"] == 38_625_000
