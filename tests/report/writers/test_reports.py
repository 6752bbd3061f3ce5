"""Issue 5, reports: csv, markdown, html, xlsx and --group-by, read back by real clients.

LibreOffice (``soffice``) recalculates the workbook and reads the CSV; headless Chromium
renders the HTML page. Those tests skip where the programs are missing (CI installs them).
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
from typing import Iterator

import pytest

from budgetbalans.core.summary import Summary, summarize
from budgetbalans.core.grouping import GroupBy, group_totals
from budgetbalans.read.loader import load_paths
from budgetbalans.plan.money import EXACT_ZERO, Range, Unit, total
from budgetbalans.report.builders import charts
from budgetbalans.report.builders.summary import plan_sheet_names
from budgetbalans.report.writers.csv import text as csv_text
from budgetbalans.report.writers.markdown import escape
from budgetbalans.report.writers.xlsx import sheet_names
from tests.clients import (
    CHROMIUM, MEASURE, SHEETS_AS_CSV, SOFFICE, read_csv, read_png, read_xlsx_cells, soffice, swedish_number,
    zero_cached_results,
)
from tests.clients import run_chromium as _run_chromium
from tests.command import invoke_bytes as invoke
from tests.paths import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FORMATS = ["table", "json", "csv", "markdown", "html", "xlsx"]

HOSTILE = """\
title: "=HYPERLINK(\\"http://evil.example\\",\\"klicka\\") <script>alert(1)</script> | *fet* @alla"
organisation: Testnämnden & co
unit: tkr
years: [2025, 2026]
target: {2025: 1000, 2026: 1500}
measures:
  - id: A
    title: "+Mer <b>personal</b> | [länk](http://x.example) `kod`"
    area: "-Vård"
    status: klart
    effects: {2025: 400, 2026: 700-1600}
  - id: B
    title: "@SUM(1+1)"
    status: avbruten
    effects: {2025: 999}
  - id: C
    title: "\\tInvestering i system"
    area: "=1+2"
    effects: {2025: -250}
  - id: D
    title: Stor okänd åtgärd
    status: utredning
    effects: {2026: {interval: 4}}
  - id: E
    title: "\\r=cmd|' /C calc'!A0"
"""


def computed(*paths: Path) -> Summary:
    loaded = load_paths(list(paths))
    assert not loaded.problems
    return summarize(loaded.plans)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


# --- grouping (pure) ---------------------------------------------------------------------------


@pytest.mark.parametrize("by", list(GroupBy))
@pytest.mark.parametrize("paths", [[p] for p in EXAMPLES] + [EXAMPLES], ids=[p.stem for p in EXAMPLES] + ["all"])
def test_groups_add_up_to_the_totals(paths: list[Path], by: GroupBy) -> None:
    summary = computed(*paths)
    groups = group_totals(summary, by)
    assert total(g.total for g in groups) == summary.totals.total
    for year in summary.years:
        assert total(g.per_year[year] for g in groups) == summary.totals.per_year[year]
    assert sum(g.measures for g in groups) == sum(m.counted for m in summary.measures)


def test_groups_by_area_status_and_plan_of_seed_002(hostile: Path) -> None:
    summary = computed(ROOT / "plans" / "vard-och-social-2024-2026.yaml", hostile)
    by_area = {g.key: g.total for g in group_totals(summary, GroupBy.AREA)}
    assert by_area["Kortsiktiga åtgärder"] == Range.exact(Decimal(12_849_000))
    assert by_area["Kräver utredning eller politiskt beslut"] == Range.exact(Decimal(700_000))
    assert by_area["=1+2"] == Range.exact(Decimal(-250_000))
    assert by_area[""] == Range(Decimal(3_000_000), None)  # D has no area; class 4 is unbounded
    statuses = [g.key for g in group_totals(summary, GroupBy.STATUS)]
    assert statuses == ["planned", "done", "investigating"]  # Status order; cancelled counts nowhere
    plans = group_totals(summary, GroupBy.PLAN)
    assert [g.name for g in plans][0] == "Åtgärdsplan 2024–2026 och inför 2027"
    assert plans[0].total == Range.exact(Decimal(13_549_000))


# --- every format on every example, sv and en --------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("paths", [[p] for p in EXAMPLES] + [EXAMPLES], ids=[p.stem for p in EXAMPLES] + ["all"])
def test_every_format_on_every_example(paths: list[Path], fmt: str, lang: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    code, stdout, stderr = invoke("summarize", *map(str, paths), "--format", fmt, "--lang", lang,
                                  "--group-by", "area", "--output", str(out))
    assert code == 0, stderr
    assert stdout == b"" and out.stat().st_size > 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # written atomically


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown", "html"])
def test_gap_formats_with_group_by(fmt: str) -> None:
    code, stdout, stderr = invoke("gap", *map(str, EXAMPLES), "--format", fmt, "--group-by", "plan",
                                  "--target", "100 mkr")
    assert code == 0, stderr
    assert stdout


def test_english_labels(tmp_path: Path) -> None:
    _, md, _ = invoke("summarize", str(ROOT / "plans"), "--format", "markdown", "--lang", "en", "--unit", "tkr")
    assert b"| No. | Measure | Area | Status |" in md and b"**Surplus**" in md and b"Savings target" in md
    _, sv, _ = invoke("summarize", str(ROOT / "plans"), "--format", "markdown", "--unit", "tkr")
    assert "| Nr | Åtgärd | Område | Status |".encode() in sv and "**Överskott**".encode() in sv


def test_table_and_json_show_the_subtotals() -> None:
    _, out, _ = invoke("summarize", *map(str, EXAMPLES), "--group-by", "status", "--unit", "tkr")
    assert "Delsummor per status".encode() in out and b"102 748" in out  # the six examples
    _, out, _ = invoke("summarize", str(ROOT / "plans"), "--group-by", "area", "--format", "json")
    groups = json.loads(out)["groups"]
    assert groups["by"] == "area"
    assert [g["total"]["low"] for g in groups["groups"]] == [12_849_000, 700_000]


@pytest.mark.clients
def test_table_format_does_not_import_jinja2_or_xlsxwriter() -> None:
    code = ("import sys; from budgetbalans.cli.app import run; run(['summarize', 'plans']); "
            "assert 'jinja2' not in sys.modules and 'xlsxwriter' not in sys.modules, 'imported'")
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr


# --- the command line: --output -------------------------------------------------------------


def test_xlsx_without_output_is_a_usage_error() -> None:
    code, stdout, stderr = invoke("summarize", str(ROOT / "plans"), "--format", "xlsx")
    assert code == 2 and stdout == b""
    assert "--output" in stderr


def test_gap_has_no_xlsx() -> None:
    code, _, stderr = invoke("gap", str(ROOT / "plans"), "--format", "xlsx", "-o", "x.xlsx")
    assert code == 2 and "summarize --format xlsx" in stderr


@pytest.mark.parametrize("where", ["missing/dir/r.csv", "."])
def test_an_unwritable_output_is_one_line_and_exit_2(tmp_path: Path, where: str) -> None:
    target = tmp_path / where
    ran = subprocess.run([sys.executable, "-m", "budgetbalans", "summarize", str(ROOT / "plans"), "--format", "csv",
                          "--output", str(target)], capture_output=True, text=True)
    assert ran.returncode == 2
    assert ran.stderr.startswith("budgetbalans: kan inte skriva") and ran.stderr.count("\n") == 1
    assert "Traceback" not in ran.stderr and ran.stdout == ""


def test_output_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "r.md"
    target.write_text("old")
    assert invoke("summarize", str(ROOT / "plans"), "--format", "markdown", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("## Åtgärdsplan 2024–2026")


# --- CSV ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_csv_numbers_are_the_exact_figures(path: Path) -> None:
    summary = computed(path)
    unit = summary.plans[0].plan.unit
    _, data, _ = invoke("summarize", str(path), "--format", "csv")
    rows = read_csv(data)
    header = rows[0]
    assert header[:6] == ["Plan", "Nr", "Åtgärd", "Område", "Status", "Medräknad"]
    ranges = any("låg" in h for h in header)
    for row, result in zip(rows[1:], summary.measures):
        assert len(row) == len(header)
        assert row[1] == result.measure.id and row[5] == ("ja" if result.counted else "nej")
        for index, year in enumerate(summary.years):
            value = result.effects.get(year)
            column = 6 + index * (2 if ranges else 1)
            if value is None:
                assert row[column] == ""
            else:
                assert swedish_number(row[column]) * unit.kronor == value.low
    summa = next(r for r in rows if r[2] == "Summa")
    total = next(index for index, name in enumerate(header) if name.startswith("Summa"))
    assert swedish_number(summa[total]) * unit.kronor == summary.totals.total.low


def test_csv_in_mkr_keeps_every_krona_and_ranges_get_low_and_high(hostile: Path) -> None:
    _, data, _ = invoke("summarize", str(ROOT / "examples" / "stadsdelsforvaltning-budgethallning-2013.yaml"),
                        "--format", "csv", "--unit", "mkr")
    rows = read_csv(data)
    assert rows[0][6] == "2013 (mkr)"
    assert any(r[6] == "1,575" for r in rows[1:])  # 2,1 mkr × 9/12, exactly
    _, data, _ = invoke("summarize", str(hostile), "--format", "csv")
    rows = read_csv(data)
    assert rows[0][6:12] == ["2025 låg (tkr)", "2025 hög (tkr)", "2026 låg (tkr)", "2026 hög (tkr)",
                             "Summa låg (tkr)", "Summa hög (tkr)"]
    d = next(r for r in rows if r[1] == "D")
    assert d[8:12] == ["3000", "", "3000", ""]  # class 4: over 3 mkr, unbounded high is empty
    assert data.count(b"\r\n") == len(rows)


def test_csv_injection_is_neutralised(hostile: Path) -> None:
    _, data, _ = invoke("summarize", str(hostile), "--format", "csv")
    rows = read_csv(data)
    for row in rows[1:]:
        for cell in row:
            assert not re.fullmatch(r"-?\d+(,\d+)?", cell) or not cell.startswith(("=", "+", "@")), cell
            if not re.fullmatch(r"-?\d+(,\d+)?", cell):
                assert not cell.lstrip().startswith(("=", "+", "-", "@", "\t", "\r")), repr(cell)
    titles = {r[1]: r[2] for r in rows[1:] if r[1]}
    assert titles["A"].startswith("'+Mer") and titles["B"] == "'@SUM(1+1)"
    assert titles["C"] == "Investering i system"  # the loader strips the leading tab
    assert titles["E"].startswith("'")
    assert rows[1][0].startswith("'=HYPERLINK")
    assert next(r for r in rows if r[1] == "A")[3] == "'-Vård"


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+46 70", "'+46 70"), ("-x", "'-x"), ("@a", "'@a"), ("\t=1", "' =1"),
    ("\r=1", "'=1"), ("  =1", "'  =1"), ("Vård", "Vård"), ("a=b", "a=b"),
])
def test_csv_text_cells(value: str, expected: str) -> None:
    assert csv_text(value) == expected


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_escapes_plan_text(hostile: Path) -> None:
    _, data, _ = invoke("summarize", str(hostile), "--format", "markdown")
    text = data.decode("utf-8")
    assert "<script>" not in text and "<b>" not in text and "&lt;script&gt;" in text
    assert r"\| \*fet\* \@alla" in text and r"\[länk\](http://x.example) \`kod\`" in text
    header = next(line for line in text.splitlines() if line.startswith("| "))
    for line in text.splitlines():
        if line.startswith("| "):  # a row has as many cells as its header: no | from the plan splits it
            assert len(re.findall(r"(?<!\\)\|", line)) == len(re.findall(r"(?<!\\)\|", header))


def test_markdown_escape() -> None:
    assert escape("a|b\nc") == r"a\|b c"
    assert escape("<img src=x>") == "&lt;img src=x&gt;"
    assert escape("_x_ $y$ ~z~ #1") == r"\_x\_ \$y\$ \~z\~ \#1"


# --- HTML --------------------------------------------------------------------------------------


def test_html_is_self_contained_and_escapes_plan_text(hostile: Path) -> None:
    _, data, _ = invoke("summarize", str(hostile), str(ROOT / "plans"), "--format", "html")
    page = data.decode("utf-8")
    assert "<script" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;b&gt;personal&lt;/b&gt;" in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", page, re.I)
    assert "url(" not in page and "@import" not in page and "<link" not in page and "<img" not in page
    assert page.count("<svg") >= 4


def test_waterfall_ends_at_the_core_figures() -> None:
    for path in EXAMPLES + [ROOT / "plans" / "vard-och-social-2024-2026.yaml"]:
        result = computed(path).plans[0]
        names = dict.fromkeys(["target", "remaining", "surplus", "uncertain", "uncertain_value", "total"], "")
        steps = charts.waterfall_steps(result.measures, result.totals, Unit.TKR, names)
        moves = [s for s in steps if s.kind in ("saving", "cost")]
        end = moves[-1].start + moves[-1].low if moves else None
        if result.totals.gap is None:
            assert end in (None, result.totals.total.low)
        else:
            assert end == result.totals.gap.total.high  # target − the low total


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("paths", [[p] for p in EXAMPLES] + [EXAMPLES], ids=[p.stem for p in EXAMPLES] + ["all"])
def test_html_charts_render_in_chromium(paths: list[Path], tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert invoke("summarize", *map(str, paths), "--format", "html", "-o", str(page))[0] == 0
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    ran = _run_chromium(["--dump-dom", probe.as_uri()], tmp_path)
    found = re.search(r'<pre id="svg-sizes">(.*?)</pre>', ran.stdout)
    assert found, ran.stderr[-2000:]
    sizes = json.loads(found.group(1))
    assert sizes and all(w > 50 and h > 50 and rects > 0 for w, h, rects in sizes)


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_screenshot_is_not_blank(hostile: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert invoke("summarize", str(hostile), "--format", "html", "-o", str(page))[0] == 0
    shot = tmp_path / "shot.png"
    _run_chromium(["--window-size=1000,900", f"--screenshot={shot}", page.as_uri()], tmp_path)
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1000, 900)
    colours = {pixels[i:i + 3] for i in range(0, len(pixels), 4 * 97)}
    assert len(colours) > 20  # text, the charts' greens and blue, not one colour
    green = bytes.fromhex("2f7d4f")
    assert any(pixels[i:i + 3] == green for i in range(0, len(pixels), 4))


# --- LibreOffice: the workbook recalculated, the CSV read back ---------------------------------


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, list[Path]]]]:
    """Each example, and all of them together, as xlsx; then every sheet recalculated by LibreOffice, as CSV."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("xlsx")
    names = {path.stem: [path] for path in EXAMPLES} | {"all": EXAMPLES}
    for name, paths in names.items():
        code, _, stderr = invoke("summarize", *map(str, paths), "--format", "xlsx", "--unit", "tkr",
                                 "-o", str(folder / f"{name}.xlsx"), "--group-by", "status")
        assert code == 0, stderr
        zero_cached_results(folder / f"{name}.xlsx")
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(folder / "csv"),
             *[str(folder / f"{name}.xlsx") for name in names]], folder)
    yield folder, {name: sorted((folder / "csv").glob(f"{name}-*.csv")) for name in names}


def _total_row(rows: list[list[str]], name_col: int = 1) -> list[str]:
    return next(r for r in rows if len(r) > name_col and r[name_col] == "Summa")


def _values(row: list[str], first: int = 5) -> list[Decimal | None]:
    return [Decimal(c) if c else None for c in row[first:]]


@pytest.mark.clients
@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES] + ["all"])
def test_xlsx_recalculated_by_libreoffice_equals_budgetbalans(
        name: str, workbooks: tuple[Path, dict[str, list[Path]]]) -> None:
    folder, sheets = workbooks
    paths = EXAMPLES if name == "all" else [p for p in EXAMPLES if p.stem == name]
    summary = computed(*paths)
    with zipfile.ZipFile(folder / f"{name}.xlsx") as book:
        xml = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>SUM(" in xml  # the totals are formulas in the file (Summa: =SUM of the counted rows)
    titles = sheet_names(plan_sheet_names([r.plan for r in summary.plans]))
    plan_sheets = [folder / "csv" / f"{name}-{title}.csv" for title in titles]
    assert len(sheets[name]) == len(summary.plans) + (len(paths) > 1)
    for result, sheet in zip(summary.plans, plan_sheets):
        rows = list(csv.reader(io.StringIO(sheet.read_text(encoding="utf-8")), delimiter=";"))
        figures = _values(_total_row(rows))
        expected = [result.totals.per_year[y] for y in result.totals.years] + [result.totals.total]
        ranges = any(" låg " in cell for row in rows for cell in row)  # low and high columns (not the count of cells:
        # the optional keys' columns follow the Summa)
        bounds = [b for r in expected for b in ((r.low, r.high) if ranges else (r.low,))]
        assert [f * 1000 if f is not None else None for f in figures[:len(bounds)]] == bounds, sheet.name
    if len(paths) > 1:
        overview = folder / "csv" / f"{name}-Sammanställning.csv"
        rows = list(csv.reader(io.StringIO(overview.read_text(encoding="utf-8")), delimiter=";"))
        header = next(r for r in rows if any(c.startswith("Summa ") for c in r))
        summa = _total_row(rows, 0)  # all plans: named in column A; Summa (low and high) before the targets
        at = next(i for i, c in enumerate(header) if c.startswith("Summa "))
        assert Decimal(summa[at]) * 1000 == summary.totals.total.low
        assert Decimal(summa[at + (header[at] != "Summa (tkr)")]) * 1000 == summary.totals.total.high


@pytest.mark.clients
def test_xlsx_gap_and_coverage_are_formulas_that_recalculate(
        workbooks: tuple[Path, dict[str, list[Path]]]) -> None:
    folder, _ = workbooks
    single = folder / "single"
    single.mkdir(exist_ok=True)
    seed = ROOT / "examples" / "vard-och-social-2024-2026.yaml"
    assert invoke("summarize", str(seed), "--format", "xlsx", "--unit", "tkr", "-o", str(single / "s.xlsx"))[0] == 0
    zero_cached_results(single / "s.xlsx")
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(single), str(single / "s.xlsx")], single)
    rows = list(csv.reader(io.StringIO(next(single.glob("s-*.csv")).read_text(encoding="utf-8")), delimiter=";"))
    by_label = {r[1]: r for r in rows if len(r) > 1 and r[1]}
    assert Decimal(by_label["Summa"][8]) == 13549 and Decimal(by_label["Sparbeting"][8]) == 12357
    # the gap is recalculated, so its label is true whatever the sign: signed, target − Summa
    assert "Överskott" not in by_label
    assert Decimal(by_label["Kvar att spara (negativt = överskott)"][8]) == -1192
    assert by_label["Täckning"][8].startswith("109.6463")  # 13 549 / 12 357, a percent


def test_xlsx_plan_text_is_never_a_formula(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "h.xlsx"
    assert invoke("summarize", str(hostile), "--format", "xlsx", "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8").split("<headerFooter>")[0]
        strings = book.read("xl/sharedStrings.xml").decode("utf-8")
    # the cells; the page header names the plan too, as text for the printer (tests/report/writers/test_xlsx_print.py)
    assert "HYPERLINK" not in sheet and "HYPERLINK" in strings
    formulas = re.findall(r"<f>(.*?)</f>", sheet)
    assert formulas and all(re.fullmatch(r"[A-Z0-9$:,()+\-/\"=a-zåäö ]+", f) for f in formulas), formulas
    assert 'pane ySplit="4"' in sheet  # the header row is frozen


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_csv_read_back_by_libreoffice_as_numbers(hostile: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "plan.csv"
    code, data, _ = invoke("summarize", str(ROOT / "examples" / "stadsdelsforvaltning-budgethallning-2013.yaml"),
                           str(hostile), "--format", "csv", "--unit", "mkr")
    csv_file.write_bytes(data)
    # Swedish locale (1053): ; separated, UTF-8 (76), decimal comma, as Swedish Excel opens it.
    soffice(["--infilter=Text - txt - csv (StarCalc):59,34,76,1,,1053", "--convert-to", "xlsx",
             "--outdir", str(tmp_path / "out"), str(csv_file)], tmp_path)
    cells = read_xlsx_cells(tmp_path / "out" / "plan.xlsx")
    expected = read_csv(data)
    numeric = 0
    for (row, col), (kind, value) in cells.items():
        written = expected[row][col]
        if re.fullmatch(r"-?\d+(,\d+)?", written):
            assert kind == "n", (written, kind)
            assert Decimal(value) == Decimal(written.replace(",", "."))
            numeric += 1
        else:
            assert kind != "n" and not value.startswith(("=", "+", "@")), (written, kind, value)
    assert numeric > 50
    assert expected[0][0] == "Plan"  # the BOM is not part of the first header


def test_exact_zero_is_a_range() -> None:  # guards the imports used above
    assert EXACT_ZERO == Range.exact(Decimal(0))
