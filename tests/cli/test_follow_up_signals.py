"""`budgetbalans follow-up`: every format shows each measure's signal, lateness and forecast note as the JSON
says them; --fail-on red and --yellow on the command line.

The plan is the core test's (tests/core/test_followup_signals.py), where each signal is computed by hand.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.clients import read_csv
from tests.command import invoke, invoke_bytes
from tests.core.test_followup_signals import PLAN
from tests.report.agreement.reading import markdown_tables, terminal_tables

WORD = {"green": "grön", "yellow": "gul", "red": "röd", None: ""}
HTML_CLASS = {"green": "surplus", "yellow": "uncertain", "red": "remaining"}
EXPECTED = {"1": "green", "2": "yellow", "3": "red", "4": "green", "5": "yellow", "6": None, "7": "red", "8": None,
            "9": "green"}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "signaler.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _json(plan: Path, *more: str) -> dict[str, dict[str, Any]]:
    code, out, _ = invoke("follow-up", str(plan), "--format", "json", *more)
    assert code == 0
    return {m["id"]: m for m in json.loads(out)["measures"]}


def _expected_cells(measures: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str, str]]:
    """(signal, due and lateness, forecast note) per id, as the text formats show them."""
    def due(m: dict[str, Any]) -> str:
        return "" if m["due"] is None else m["due"] + (" försenad" if m["late"] else "")
    return {key: (WORD[m["signal"]], due(m), m["forecast_note"] or "") for key, m in measures.items()}


def test_json_signals(plan: Path) -> None:
    measures = _json(plan)
    assert {key: m["signal"] for key, m in measures.items()} == EXPECTED
    assert [key for key, m in measures.items() if m["late"]] == ["5"]
    assert measures["5"]["due"] == "2025-06-30"
    assert measures["2"]["forecast_note"] == "Upphandlingen försenad" and measures["1"]["forecast_note"] is None


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_text_formats_agree_with_json(plan: Path, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    code, out, _ = invoke("follow-up", str(plan), "--format", fmt)
    assert code == 0
    tables = terminal_tables(out) if fmt == "table" else markdown_tables(out)
    table = next(t for t in tables if "Signal" in t.headers)
    columns = [table.column(h) for h in ("Signal", "Genomförd senast", "Prognoskommentar")]
    shown = {row.cells[table.column("Nr")]: tuple(row.cells[c] for c in columns)
             for row in table.rows if row.cells[table.column("Nr")]}
    assert shown == _expected_cells(_json(plan))


def test_csv_agrees_with_json(plan: Path) -> None:
    code, data, _ = invoke_bytes("follow-up", str(plan), "--format", "csv")
    header, *rows = read_csv(data)
    at = [header.index(h) for h in ("Nr", "Signal", "Genomförd senast", "Prognoskommentar")]
    shown = {row[at[0]]: tuple(row[i] for i in at[1:]) for row in rows if row[at[0]]}
    assert shown == _expected_cells(_json(plan))


def test_html_colours_each_signal_beside_its_word(plan: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    assert invoke("follow-up", str(plan), "--format", "html", "-o", str(out))[0] == 0
    page = out.read_text(encoding="utf-8")
    for key, m in _json(plan).items():
        if m["signal"] is None:
            continue
        row = next(r for r in re.findall(r"<tr[^>]*>(.*?)</tr>", page, re.S) if re.search(rf"<td[^>]*>{key}</td>", r))
        assert f'<td class="{HTML_CLASS[m["signal"]]}">{WORD[m["signal"]]}</td>' in row, row
    assert '<td class="remaining">2025-06-30 försenad</td>' in page
    assert "Upphandlingen försenad" in page


def test_xlsx_has_the_words_and_conditional_formatting(plan: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "r.xlsx"
    assert invoke("follow-up", str(plan), "--format", "xlsx", "-o", str(out))[0] == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(r for r in rows if "Signal" in r)
    at = [header.index(h) for h in ("Nr", "Signal", "Genomförd senast", "Prognoskommentar")]
    shown = {r[at[0]]: tuple(r[i] or "" for i in at[1:]) for r in rows[rows.index(header) + 1:] if r[at[0]]}
    assert shown == _expected_cells(_json(plan))
    rules = {rule.formula[0]: rule.dxf.fill.bgColor.rgb for block in sheet.conditional_formatting for rule in block.rules}
    assert set(rules) == {'"grön"', '"gul"', '"röd"', '"2025-06-30 försenad"'}
    assert rules['"röd"'] == rules['"2025-06-30 försenad"'] == "FFFFC7CE"  # Excel's bad (red) fill
    assert (rules['"gul"'], rules['"grön"']) == ("FFFFEB9C", "FFC6EFCE")  # its neutral (yellow) and good (green)


def test_docx_shades_the_signal_cell_and_writes_the_word(plan: Path, tmp_path: Path) -> None:
    import docx

    out = tmp_path / "r.docx"
    assert invoke("follow-up", str(plan), "--format", "docx", "-o", str(out))[0] == 0
    table = next(t for t in docx.Document(str(out)).tables if "Signal" in [c.text for c in t.rows[0].cells])
    headers = [c.text for c in table.rows[0].cells]
    at = [headers.index(h) for h in ("Nr", "Signal", "Genomförd senast", "Prognoskommentar")]
    shown, fills = {}, {}
    for row in table.rows[1:]:
        cells = row.cells
        if cells[at[0]].text:
            shown[cells[at[0]].text] = tuple(cells[i].text for i in at[1:])
            fill = cells[at[1]]._tc.xpath("./w:tcPr/w:shd/@w:fill")
            fills[cells[at[0]].text] = fill[0] if fill else None
    assert shown == _expected_cells(_json(plan))
    # every signal's cell is shaded, one colour per signal; no signal, no shade
    by_signal = {signal: {fills[key] for key, s in EXPECTED.items() if s == signal} for signal in EXPECTED.values()}
    assert by_signal[None] == {None} and all(len(by_signal[s]) == 1 and None not in by_signal[s]
                                             for s in ("green", "yellow", "red"))
    assert len({next(iter(by_signal[s])) for s in ("green", "yellow", "red")}) == 3


def test_fail_on_red_exit_codes(plan: Path, tmp_path: Path) -> None:
    assert invoke("follow-up", str(plan), "--fail-on", "red")[0] == 1  # 3 and 7 red, 5 late
    assert invoke("follow-up", str(plan))[0] == 0  # without the option: a report, exit 0
    calm = tmp_path / "lugn.yaml"
    calm.write_text(PLAN.split('  - {id: "2"')[0], encoding="utf-8")  # measure 1 alone: green
    assert invoke("follow-up", str(calm), "--fail-on", "red", "--format", "json")[0] == 0
    late = tmp_path / "sen.yaml"  # on plan, only late: still fails
    late.write_text(PLAN.split('  - {id: "2"')[0]
                    + '  - {id: "5", title: Sen, status: pågår, due: 2025-06-30, effects: {2025: 1000}, '
                      'forecast: {2025: 1000}}\n', encoding="utf-8")
    assert invoke("follow-up", str(late), "--fail-on", "red")[0] == 1


def test_yellow_percent(plan: Path) -> None:
    measures = _json(plan, "--yellow", "15 %")
    assert measures["7"]["signal"] == "yellow"  # 1 000 − 850 = 150 ≤ 15 % × 1 000
    assert _json(plan, "--yellow", "4")["2"]["signal"] == "red"  # 50 > 4 % × 1 000 = 40
    assert _json(plan, "--yellow", "12,5")["7"]["signal"] == "red"  # 150 > 125
    code, out, _ = invoke("follow-up", str(plan), "--format", "json", "--yellow", "15")
    assert json.loads(out)["yellow_percent"] == 15


@pytest.mark.parametrize("value", ["tio", "-5", "150", "10 %%", ""])
def test_a_bad_yellow_is_a_usage_error(plan: Path, value: str) -> None:
    code, out, err = invoke("follow-up", str(plan), "--yellow", value)
    assert code == 2 and out == ""
    assert "--yellow:" in err and "är ingen procentsats; skriv ett tal från 0 till 100" in err
    code, _, err = invoke("--lang", "en", "follow-up", str(plan), "--yellow", value)
    assert code == 2 and "is not a percentage; write a number from 0 to 100" in err


def test_a_bad_fail_on_is_a_usage_error(plan: Path) -> None:
    code, _, err = invoke("follow-up", str(plan), "--fail-on", "gul")
    assert code == 2 and "red" in err


@pytest.mark.parametrize("option", [("--yellow", "5"), ("--fail-on", "red")])
def test_the_signals_options_are_refused_with_history(plan: Path, option: tuple[str, str]) -> None:
    # the history reads earlier reports from git; a signal judges one follow-up: refused before git is asked
    code, out, err = invoke("follow-up", str(plan), "--history", *option)
    assert code == 2 and out == ""
    assert f"{option[0]}: gäller en uppföljning, inte historiken; kör follow-up utan --history" in err
    code, _, err = invoke("--lang", "en", "follow-up", str(plan), "--history", *option)
    assert code == 2 and "applies to one follow-up, not to the history" in err
