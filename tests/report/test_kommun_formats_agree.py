"""The four-level kommun of examples/kommun (kommun → nämnd → äldreomsorgen → verksamheter; per-year targets
on the social branch, a period target on another): every format shows each node's figures as the JSON
gives them (its total, target, still to save and net), and its depth (xlsx: see test_xlsx_organisation)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
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
