"""Issue 6, follow-up reports: `follow-up --format table|json|csv|markdown|html|xlsx`.

The figures are those of the two follow-up seeds (tests/core/test_followup.py asserts them
against the documents): Borås 2017 planned 1 050 tkr, forecast 900, deviation −150, 18
measures with nothing planned for 2017 (none "not followed up", issue 13), no target; Trelleborg 2019 planned 13 mkr, forecast 13, target 49,
forecast gap 36. LibreOffice recalculates the workbook and reads the CSV; headless Chromium
renders the page (skipped where they are missing).
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

from tests.clients import (
    CHROMIUM, MEASURE, SHEETS_AS_CSV, SOFFICE, read_csv, read_xlsx_cells, run_chromium, soffice, swedish_number,
    zero_cached_results,
)
from tests.paths import ROOT
from tests.command import invoke_bytes as invoke

BORAS = ROOT / "examples" / "sociala-omsorgsnamnden-boras-2017.yaml"         # seed 004
TRELLEBORG = ROOT / "examples" / "socialnamnden-trelleborg-2019.yaml"       # seed 000
FORMATS = ["table", "json", "csv", "markdown", "html", "xlsx"]
CASES = {"boras": [BORAS], "trelleborg": [TRELLEBORG], "both": [BORAS, TRELLEBORG]}

#: A follow-up that has it all: ranges, a cost, a cancelled measure, an outcome, one measure without
#: a forecast, a per-year target, and plan text that tries to be a formula or markup.
HOSTILE = """\
title: "=HYPERLINK(\\"http://evil.example\\",\\"klicka\\") <script>alert(1)</script>"
organisation: Testnämnden & co
unit: tkr
years: [2025, 2026]
target: {2025: 3000, 2026: 1000}
as_of: 2025-04-30
measures:
  - id: A
    title: "=1+2 mer <b>personal</b> | *fet*"
    effects: {2025: 1200, 2026: 500}
    forecast: {2025: 1500}
    outcome: {2025: 400}
  - id: B
    title: "@SUM(1+1) intervall"
    effects: {2025: 300-700}
    forecast: {2025: 200–900}
  - id: C
    title: "-Investering"
    effects: {2025: -250}
    forecast: {2025: -400}
  - id: D
    title: Avbruten
    status: avbruten
    effects: {2025: 999}
    forecast: {2025: 100}
  - id: E
    title: "<script>alert(2)</script>"
    effects: {2025: 600}
"""
# 2025: planned 1200 + 300..700 − 250 + 600 = 1850..2250; forecast 1500 + 200..900 − 400 + 600 =
# 1900..2600; deviation +50..+350; target 3000; forecast gap 3000 − 2600 .. 3000 − 1900 = 400..1100.

SURPLUS = """\
title: Överskott
unit: tkr
years: [2024]
target: 500
as_of: 2024-08-31
measures:
  - id: "1"
    title: Går bättre än planerat
    effects: {2024: 600}
    forecast: {2024: 800}
"""


def follow_up(*args: str) -> bytes:
    code, out, err = invoke("follow-up", *args)
    assert code == 0, err
    return out


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture
def surplus(tmp_path: Path) -> Path:
    path = tmp_path / "surplus.yaml"
    path.write_text(SURPLUS, encoding="utf-8")
    return path


def exact(kronor: int) -> dict[str, int]:
    return {"low": kronor, "high": kronor}


# --- every format, both seeds and both together, sv and en ---------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES)
def test_every_format(case: str, fmt: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / f"uppfoljning.{fmt}"
    code, stdout, stderr = invoke("follow-up", *map(str, CASES[case]), "--format", fmt, "--lang", lang,
                                  "--output", str(out))
    assert code == 0, stderr
    assert stdout == b"" and out.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # written atomically
    if fmt != "xlsx":  # the same bytes on standard output
        assert follow_up(*map(str, CASES[case]), "--format", fmt, "--lang", lang) == out.read_bytes()


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "html"])
def test_english_words(fmt: str) -> None:
    text = follow_up(str(TRELLEBORG), "--format", fmt, "--lang", "en").decode("utf-8")
    assert "Forecast: still to save" in text and "Planned" in text and "Deviation" in text
    assert "Prognos" not in text and "Kvar att spara" not in text


def test_xlsx_needs_output_and_year_must_be_in_the_period() -> None:
    code, stdout, stderr = invoke("follow-up", str(BORAS), "--format", "xlsx")
    assert code == 2 and stdout == b"" and "--output" in stderr
    code, _, stderr = invoke("follow-up", str(BORAS), "--year", "2019")
    assert code == 2 and "2019" in stderr


@pytest.mark.clients
def test_table_does_not_import_jinja2_or_xlsxwriter() -> None:
    code = (f"import sys; from budgetbalans.cli.app import run; run(['follow-up', {str(BORAS)!r}]); "
            "assert 'jinja2' not in sys.modules and 'xlsxwriter' not in sys.modules, 'imported'")
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


# --- JSON: the contract's keys, the seeds' figures ---------------------------------------------------

CONTRACT = {"year", "as_of", "planned", "forecast", "deviation", "target", "forecast_gap", "measures"}
MEASURE_KEYS = {"plan", "id", "planned", "forecast", "deviation", "outcome", "followed_up"}


def document(*args: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(follow_up(*args, "--format", "json"))
    assert CONTRACT <= result.keys()
    assert all(MEASURE_KEYS <= measure.keys() for measure in result["measures"])
    return result


def test_json_boras() -> None:
    result = document(str(BORAS))
    assert (result["year"], result["as_of"]) == (2017, "2017-08-31")
    assert result["planned"] == exact(1_050_000) and result["forecast"] == exact(900_000)
    assert result["deviation"] == exact(-150_000)
    assert result["target"] is None and result["forecast_gap"] is None
    assert result["not_followed_up"] == 0  # the 18 without a forecast had nothing planned for 2017
    assert sum(not m["followed_up"] for m in result["measures"]) == 18
    assert sum(m["kind"] == "nothing_planned" for m in result["measures"]) == 18
    igu = next(m for m in result["measures"] if m["id"] == "5-1")
    assert igu == igu | {"plan": str(BORAS), "planned": exact(1_050_000), "forecast": exact(900_000),
                         "deviation": exact(-150_000), "outcome": None, "followed_up": True}


def test_json_trelleborg() -> None:
    result = document(str(TRELLEBORG))
    assert (result["year"], result["as_of"]) == (2019, "2019-03-31")
    assert result["planned"] == exact(13_000_000) and result["forecast"] == exact(13_000_000)
    assert result["deviation"] == exact(0)
    assert result["target"] == 49_000_000 and result["forecast_gap"] == exact(36_000_000)
    assert [m["id"] for m in result["measures"] if not m["followed_up"]] == ["4", "5", "6", "7", "9"]


def test_json_of_several_plans_adds_them_up(hostile: Path) -> None:
    result = document(str(BORAS), str(TRELLEBORG), "--year", "2019")
    assert result["planned"] == exact(13_000_000) and result["target"] is None  # Borås has no target
    assert {m["plan"] for m in result["measures"]} == {str(BORAS), str(TRELLEBORG)}
    result = document(str(hostile))
    assert result["planned"] == {"low": 1_850_000, "high": 2_250_000}
    assert result["forecast"] == {"low": 1_900_000, "high": 2_600_000}
    assert result["deviation"] == {"low": 50_000, "high": 350_000}
    assert (result["target"], result["forecast_gap"]) == (3_000_000, {"low": 400_000, "high": 1_100_000})


# --- CSV ---------------------------------------------------------------------------------------------


def csv_rows(*args: str) -> list[list[str]]:
    data = follow_up(*args, "--format", "csv")
    assert data.count(b"\r\n") == data.count(b"\n")  # CRLF, for Excel
    return read_csv(data)


def by_title(rows: list[list[str]]) -> dict[str, list[str]]:
    return {row[2]: row for row in rows[1:]}


def test_csv_boras_as_numbers() -> None:
    rows = csv_rows(str(BORAS))
    assert rows[0] == ["Plan", "Nr", "Åtgärd", "Status", "Medräknad", "Planerat 2017 (tkr)",
                       "Prognos 2017 (tkr)", "Avvikelse 2017 (tkr)", "Signal", "Utfall hittills 2017 (tkr)",
                       "Uppföljd"]
    igu = next(r for r in rows if r[1] == "5-1")
    assert igu[4] == "ja" and igu[10] == "ja"
    # 1 050 − 900 = 150 below plan, more than 10 % × 1 050 = 105: red
    assert [swedish_number(c) for c in igu[5:8]] == [1050, 900, -150] and igu[8] == "röd" and igu[9] == ""
    assert sum(r[10] == "inget planerat" for r in rows[1:]) == 18  # nothing planned for 2017: nothing to follow up
    summa = by_title(rows)["Summa"]
    assert [swedish_number(c) for c in summa[5:8]] == [1050, 900, -150]
    assert "Sparbeting: inget sparbeting angivet" in by_title(rows)


def test_csv_trelleborg_in_kr_keeps_every_krona() -> None:
    rows = by_title(csv_rows(str(TRELLEBORG), "--unit", "kr"))
    assert [swedish_number(c) for c in rows["Summa"][5:8]] == [13_000_000, 13_000_000, 0]
    assert swedish_number(rows["Sparbeting"][6]) == 49_000_000
    assert swedish_number(rows["Prognos: kvar att spara (negativt = överskott)"][6]) == 36_000_000
    rows = by_title(csv_rows(str(TRELLEBORG)))  # the plan's own unit, mkr
    assert swedish_number(rows["Prognos: kvar att spara (negativt = överskott)"][6]) == 36


def test_csv_ranges_get_low_and_high(hostile: Path) -> None:
    rows = csv_rows(str(hostile))
    assert rows[0][5:9] == ["Planerat 2025 låg (tkr)", "Planerat 2025 hög (tkr)", "Prognos 2025 låg (tkr)",
                            "Prognos 2025 hög (tkr)"]
    b = next(r for r in rows if r[1] == "B")
    assert [swedish_number(c) for c in b[5:11]] == [300, 700, 200, 900, -100, 200]
    summa = by_title(rows)["Summa"]
    assert [swedish_number(c) for c in summa[5:11]] == [1850, 2250, 1900, 2600, 50, 350]
    gap = by_title(rows)["Prognos: kvar att spara (negativt = överskott)"]
    assert [swedish_number(c) for c in gap[7:9]] == [400, 1100]


def test_csv_leaves_the_deviation_empty_where_the_table_shows_a_dash(hostile: Path) -> None:
    """Issue 20: where there is no forecast to compare the table shows "–" for the deviation, and the
    CSV wrote 0, as if the forecast met the plan. E (not followed up), D (cancelled) and Borås's 18
    measures with nothing planned for 2017 now have an empty deviation; their other figures stay."""
    rows = {r[1]: r for r in csv_rows(str(hostile))[1:] if r[1]}
    assert rows["E"][9:11] == ["", ""] and rows["D"][9:11] == ["", ""]
    assert [swedish_number(c) for c in rows["E"][5:9]] == [600, 600, 600, 600]
    assert [swedish_number(c) for c in rows["C"][9:11]] == [-150, -150]
    table = {line.split("│")[1].strip(): line.split("│")[6].strip()
             for line in follow_up(str(hostile)).decode("utf-8").splitlines() if line.count("│") > 6}
    assert (table["D"], table["E"], table["C"]) == ("–", "–", "-150")
    nothing = [r for r in csv_rows(str(BORAS))[1:] if r[10] == "inget planerat"]
    assert len(nothing) == 18 and {r[7] for r in nothing} == {""}


def test_csv_names_a_surplus(surplus: Path) -> None:
    rows = by_title(csv_rows(str(surplus)))
    assert swedish_number(rows["Prognos: kvar att spara (negativt = överskott)"][6]) == -300  # 500 − 800, signed


def test_csv_injection_is_neutralised(hostile: Path) -> None:
    rows = csv_rows(str(hostile))
    for row in rows[1:]:
        for cell in row:
            if not re.fullmatch(r"-?\d+(,\d+)?", cell):
                assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r")), repr(cell)
    titles = {r[1]: r[2] for r in rows[1:] if r[1]}
    assert titles["A"].startswith("'=1+2") and titles["B"].startswith("'@SUM") and titles["C"] == "'-Investering"
    assert rows[1][0].startswith("'=HYPERLINK")


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_csv_read_back_by_libreoffice_as_numbers(hostile: Path, tmp_path: Path) -> None:
    data = follow_up(str(BORAS), str(hostile), "--format", "csv", "--year", "2025")
    (tmp_path / "f.csv").write_bytes(data)
    soffice(["--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1053", "--convert-to", "xlsx",
             "--outdir", str(tmp_path / "out"), str(tmp_path / "f.csv")], tmp_path)
    expected, numeric = read_csv(data), 0
    for (row, col), (kind, value) in read_xlsx_cells(tmp_path / "out" / "f.xlsx").items():
        written = expected[row][col]
        if re.fullmatch(r"-?\d+(,\d+)?", written):
            assert kind == "n" and Decimal(value) == swedish_number(written), (written, kind, value)
            numeric += 1
        else:
            assert kind != "n" and not value.startswith(("=", "+", "@")), (written, kind, value)
    assert numeric > 40


# --- Markdown ----------------------------------------------------------------------------------------


def test_markdown_trelleborg() -> None:
    text = follow_up(str(TRELLEBORG), "--format", "markdown").decode("utf-8")
    assert text.startswith("## Uppföljning 2019 per 2019-03-31\n")
    assert "\n### Uppföljning 2019 per 2019-03-31 — Handlingsplan" in text
    assert ("**Planerat:** 13,0 mkr · **Prognos:** 13,0 mkr · **Avvikelse:** 0,0 mkr · **Sparbeting:** 49,0 mkr"
            " · **Prognos: kvar att spara:** 36,0 mkr · **Ej uppföljda:** 0 åtgärder") in text
    assert "| Nr | Åtgärd | Status | Planerat | Prognos | Avvikelse | Signal | Utfall hittills | Uppföljd |" in text
    assert "|  | **Prognos: kvar att spara** |  |  | **36,0** |  |  |  |  |" in text
    assert "ej uppföljd" not in text and text.count("| – |  |  | inget planerat |") == 5


def test_markdown_boras_marks_the_shortfall() -> None:
    text = follow_up(str(BORAS), "--format", "markdown").decode("utf-8")
    assert "| 5-1 | Daglig verksamhet: Avslut IGU | klart | 1 050 | 900 | **-150** | röd |  | ja |" in text
    assert "18 åtgärder utan planerad effekt och utan prognos för 2017: inget att följa upp" in text
    assert "utan prognos för 2017 räknas med" not in text and "ej uppföljd" not in text
    # Markdown has no colours: the note explaining the marked deviations says bold, not red
    assert "\nI fetstil: åtgärden väntas nu ge mindre än planerat (avvikelse = prognos − planerat" in text
    assert "Rött" not in text
    english = follow_up(str(BORAS), "--format", "markdown", "--lang", "en").decode("utf-8")
    assert "\nIn bold: the measure is now expected to deliver less than planned" in english and "Red" not in english


def test_markdown_escapes_plan_text(hostile: Path) -> None:
    text = follow_up(str(hostile), str(BORAS), "--format", "markdown", "--year", "2025").decode("utf-8")
    assert "<script>" not in text and "<b>" not in text and "&lt;script&gt;" in text
    cells = 0
    for line in text.splitlines():  # each table: every row has as many cells as its header
        if line.startswith("| Plan |"):
            cells = len(re.findall(r"(?<!\\)\|", line))
        elif line.startswith("| "):  # no | from a plan splits a row
            assert len(re.findall(r"(?<!\\)\|", line)) == cells, line


# --- HTML --------------------------------------------------------------------------------------------


def page(*args: str) -> str:
    return follow_up(*args, "--format", "html").decode("utf-8")


def figures(html: str) -> dict[str, tuple[str, str]]:
    """Key figure name → (tone, value)."""
    found = re.findall(r'<div class="figure ([a-z]*)"><div class="name">(.*?)</div><div class="value">(.*?)</div>',
                       html)
    return {name: (tone, value) for tone, name, value in found}


def test_html_key_figures_cannot_be_misread(surplus: Path) -> None:
    assert figures(page(str(TRELLEBORG))) == {
        "Planerat": ("", "13,0 mkr"), "Prognos": ("", "13,0 mkr"), "Avvikelse": ("", "0,0 mkr"),
        "Sparbeting": ("", "49,0 mkr"), "Prognos: kvar att spara": ("remaining", "36,0 mkr"),
        "Ej uppföljda": ("", "0 åtgärder")}
    boras = figures(page(str(BORAS)))
    assert boras["Avvikelse"] == ("remaining", "-150 tkr") and boras["Ej uppföljda"] == ("", "0 åtgärder")
    assert boras["Sparbeting"] == ("", "inget sparbeting angivet") and not any("Prognos:" in k for k in boras)
    assert figures(page(str(surplus)))["Prognos: överskott"] == ("surplus", "300 tkr")
    assert figures(page(str(TRELLEBORG), "--lang", "en"))["Forecast: still to save"] == ("remaining", "36,0 mkr")


def test_html_red_where_a_measure_delivers_less(hostile: Path) -> None:
    html = page(str(BORAS))
    assert re.search(r"<td>5-1</td>.*?<td class=\"num remaining\">-150</td>", html)
    assert "Rött: åtgärden väntas nu ge mindre än planerat" in html and "I fetstil" not in html
    assert '<g class="bar short">' in html and '<g class="bar planned">' in html
    assert '<td class="uncertain">' not in html and html.count("<td>inget planerat</td>") == 18
    html = page(str(hostile))
    assert '<td class="num remaining">-100 / +200</td>' in html  # B: the low bound falls short
    assert '<td class="num">+300</td>' in html             # A: above plan


def test_html_is_self_contained_and_escapes_plan_text(hostile: Path) -> None:
    html = page(str(hostile), str(BORAS), "--year", "2025")
    assert "<script" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", html, re.I)
    assert "url(" not in html and "@import" not in html and "<link" not in html and "<img" not in html
    assert html.count("<svg") == 1


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("case", ["boras", "trelleborg", "both", "hostile"])
def test_html_chart_renders_in_chromium(case: str, hostile: Path, tmp_path: Path) -> None:
    paths = [hostile] if case == "hostile" else CASES[case]
    html = page(*map(str, paths))
    probe = tmp_path / "probe.html"
    probe.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    ran = run_chromium(["--dump-dom", probe.as_uri()], tmp_path)
    found = re.search(r'<pre id="svg-sizes">(.*?)</pre>', ran.stdout)
    assert found, ran.stderr[-2000:]
    sizes = json.loads(found.group(1))
    assert len(sizes) == 1
    width, height, bars = sizes[0]
    assert width > 300 and height > 30 and bars >= 2


# --- xlsx, recalculated by LibreOffice ---------------------------------------------------------------


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The seeds, both together and the hostile plan as xlsx, cached results zeroed, recalculated to CSV."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("followup-xlsx")
    (folder / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    cases = {**CASES, "hostile": [folder / "hostile.yaml"]}
    for name, paths in cases.items():
        code, _, stderr = invoke("follow-up", *map(str, paths), "--format", "xlsx", "--unit", "tkr",
                                 "-o", str(folder / f"{name}.xlsx"))
        assert code == 0, stderr
        zero_cached_results(folder / f"{name}.xlsx")
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(folder / "csv"),
             *[str(folder / f"{name}.xlsx") for name in cases]], folder)
    yield folder


def sheet(folder: Path, name: str) -> list[list[str]]:
    (path,) = (folder / "csv").glob(f"{name}-*.csv")
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8")), delimiter=";"))


def table(folder: Path, name: str) -> tuple[list[str], list[list[str]]]:
    """The header row of a follow-up sheet and the rows below it (the columns depend on the plans)."""
    rows = sheet(folder, name)
    at = next(index for index, row in enumerate(rows) if "Nr" in row and "Åtgärd" in row)
    return rows[at], rows[at + 1:]


def numbers_of(row: list[str], header: list[str]) -> list[Decimal | None]:
    first = next(index for index, name in enumerate(header) if name.startswith("Planerat"))
    last = header.index("Uppföljd")  # the amounts are between, beside the words of the signal columns
    words = {"Signal", "Genomförd senast", "Prognoskommentar"}
    return [Decimal(c) if c else None for c, name in zip(row[first:last], header[first:last]) if name not in words]


def by_name(header: list[str], rows: list[list[str]]) -> dict[str, list[str]]:
    """Each row by its number, or by its label (Summa, Sparbeting, the gap) in the measure column."""
    nr, measure = header.index("Nr"), header.index("Åtgärd")
    named = {(row[nr] or row[measure]): row for row in rows if len(row) > measure}
    return {("Prognos" if key.startswith("Prognos:") else key): row for key, row in named.items()}


@pytest.mark.clients
def test_xlsx_boras_recalculates_to_our_figures(workbooks: Path) -> None:
    rows = sheet(workbooks, "boras")
    assert rows[0][0].startswith("Uppföljning 2017 per 2017-08-31 — Åtgärdsplan för ekonomisk balans 2017")
    header, body = table(workbooks, "boras")
    assert header[:5] == ["Plan", "Nr", "Åtgärd", "Status", "Medräknad"]  # the Document's columns; none twice
    assert len(set(header)) == len(header)
    named = by_name(header, body)
    assert numbers_of(named["5-1"], header)[:3] == [1050, 900, -150]
    assert numbers_of(named["Summa"], header)[:3] == [1050, 900, -150]
    assert sum(row[header.index("Uppföljd")] == "inget planerat" for row in body if len(row) > 3) == 18


@pytest.mark.clients
def test_xlsx_trelleborg_recalculates_to_our_figures(workbooks: Path) -> None:
    header, body = table(workbooks, "trelleborg")
    named = by_name(header, body)
    assert numbers_of(named["Summa"], header)[:3] == [13000, 13000, 0]
    assert numbers_of(named["Sparbeting"], header)[1] == 49000
    assert numbers_of(named["Prognos"], header)[1] == 36000


@pytest.mark.clients
def test_xlsx_ranges_and_several_plans(workbooks: Path) -> None:
    header, body = table(workbooks, "hostile")
    named = by_name(header, body)
    assert numbers_of(named["B"], header)[:6] == [300, 700, 200, 900, -100, 200]
    assert numbers_of(named["Summa"], header)[:6] == [1850, 2250, 1900, 2600, 50, 350]
    assert numbers_of(named["Prognos"], header)[2:4] == [400, 1100]
    header, body = table(workbooks, "both")
    assert header[0] == "Plan"  # several plans: each row names its plan
    assert numbers_of(by_name(header, body)["Summa"], header)[:3] == [13000, 13000, 0]  # the latest as_of: 2019


@pytest.mark.clients
def test_xlsx_holds_formulas_and_text_never_becomes_one(workbooks: Path) -> None:
    with zipfile.ZipFile(workbooks / "hostile.xlsx") as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    cells = xml.split("<headerFooter>")[0]  # the page header names the plan: text for the printer, not a cell
    formulas = re.findall(r"<f>(.*?)</f>", cells)
    assert "H5-F5" in formulas and "I5-G5" in formulas  # deviation = forecast − planned, low and high
    assert "SUM($F$5:$F$7,$F$9)" in formulas  # the counted rows (D is cancelled)
    assert "H12-I11" in formulas and "I12-H11" in formulas  # the forecast gap: target − the forecast Summa
    assert all(re.fullmatch(r"[A-Z0-9$:,()+\-]+", f) for f in formulas), formulas
    assert "HYPERLINK" not in cells and "HYPERLINK" in strings and "=1+2 mer" in strings


# --- summarize and gap do not see the follow-up ------------------------------------------------------

PLAN = """\
title: Plan
unit: tkr
years: [2024, 2025]
target: {2024: 1000, 2025: 1200}
measures:
  - id: "1"
    title: Ett
    effects: {2024: 400, 2025: 300-700}
  - id: "2"
    title: Två
    full_year: 1,2 mkr
    start: 2024-04-01
  - id: "3"
    title: Tre
    status: avbruten
    effects: {2024: 50}
"""
FOLLOWED_UP = PLAN.replace("title: Plan\n", "title: Plan\nas_of: 2024-08-31\n").replace(
    "    effects: {2024: 400, 2025: 300-700}\n",
    "    effects: {2024: 400, 2025: 300-700}\n    forecast: {2024: 250, 2025: 900}\n    outcome: {2024: 100}\n",
).replace("    start: 2024-04-01\n", "    start: 2024-04-01\n    forecast: {2024: 1000-1100}\n")


def _strip_follow_up(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True)
                   if not re.match(r"\s*(as_of|forecast|outcome):", line))


@pytest.mark.parametrize("plain, followed", [
    (PLAN, FOLLOWED_UP),
    (_strip_follow_up(BORAS.read_text(encoding="utf-8")), BORAS.read_text(encoding="utf-8")),
    (_strip_follow_up(TRELLEBORG.read_text(encoding="utf-8")), TRELLEBORG.read_text(encoding="utf-8")),
], ids=["inline", "boras", "trelleborg"])
def test_forecasts_leave_summarize_and_gap_unchanged(plain: str, followed: str, tmp_path: Path) -> None:
    assert plain != followed
    path = tmp_path / "plan.yaml"
    outputs = []
    for text in (plain, followed):
        path.write_text(text, encoding="utf-8")
        assert invoke("check", str(path))[0] == 0
        outputs.append([follow_up_free(command, path) for command in ("summarize", "gap")])
    assert outputs[0] == outputs[1]


def follow_up_free(command: str, path: Path) -> bytes:
    code, out, err = invoke(command, str(path), "--format", "json")
    assert code == 0, err
    return out


# --- the command reference (docs/kommandon.md) shows real output --------------------------------


@pytest.mark.parametrize("path", [TRELLEBORG, BORAS], ids=["trelleborg", "boras"])
def test_the_command_reference_shows_the_real_table(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.chdir(ROOT)
    real = [line.rstrip() for line in follow_up(str(path.relative_to(ROOT))).decode("utf-8").splitlines()]
    reference = (ROOT / "docs" / "kommandon.md").read_text(encoding="utf-8")
    command = f"$ budgetbalans follow-up {path.relative_to(ROOT)}\n"
    shown = reference.split(command, 1)[1].split("```", 1)[0].splitlines()
    assert shown and all(line in real for line in shown if line.strip() != "…"), "docs/kommandon.md: run it again"
    if path == TRELLEBORG:
        assert shown == real
