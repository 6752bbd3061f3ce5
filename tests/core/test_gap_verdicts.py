"""Issue 13, first step: the gap's kind is decided once, in the core, and every format shows it.

With a per-year target (2024: 1 000, 2025: 2 000 tkr) and effects 2 500 / 800 tkr, 2025 is
1 200 tkr short however large 2024's surplus: the period's *shortfall* is the sum of the years'
positive gaps, next to the net gap. No format may put that shortfall under a surplus label.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from budgetbalans.core.gap import Gap, gap_kind, GapKind, positive_part
from budgetbalans.core.followup import follow_up
from budgetbalans.read.loader import load_plan
from budgetbalans.plan.money import Range
from tests.clients import SHEETS_AS_CSV, SOFFICE, read_xlsx_cells, soffice, zero_cached_results
from tests.command import runner

PER_YEAR = """\
title: Åtgärdsplan 2024–2025
organisation: Testnämnden
unit: tkr
years: [2024, 2025]
target: {TARGET}
measures:
  - id: "1"
    title: Färre externa placeringar
    effects: {2024: 2 500, 2025: 800}
    forecast: {2025: FORECAST}
"""


def plan_file(tmp_path: Path, target: str = "{2024: 1 000, 2025: 2 000}", forecast: str = "800",
              name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(PER_YEAR.replace("{TARGET}", target).replace("FORECAST", forecast), encoding="utf-8")
    return path


def kr(amount: int) -> Range:
    return Range(Decimal(amount), Decimal(amount))


def invoke(*args: str) -> str:
    result = runner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def invoke_bytes(*args: str) -> bytes:
    result = runner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes


# --- the core: one function decides the kind ------------------------------------------------------


@pytest.mark.parametrize(("gap", "kind"), [
    (kr(0), GapKind.SURPLUS),                                # exactly met: nothing is missing
    (kr(1), GapKind.SHORT),                                  # one krona missing
    (kr(-1), GapKind.SURPLUS),                               # one krona over
    (Range(Decimal(-1), Decimal(1)), GapKind.UNCERTAIN),     # straddles zero
    (Range(Decimal(0), Decimal(1)), GapKind.UNCERTAIN),      # may be met exactly, may be short
    (Range(Decimal(-1), Decimal(0)), GapKind.SURPLUS),       # met at worst
    (Range(Decimal(1), Decimal(2)), GapKind.SHORT),
    (Range(Decimal(-2), Decimal(-1)), GapKind.SURPLUS),
    (Range(Decimal(1), None), GapKind.SHORT),                # unbounded high, but at least 1 missing
    (Range(Decimal(0), None), GapKind.UNCERTAIN),            # unbounded high from zero
    (Range(Decimal(-1), None), GapKind.UNCERTAIN),           # unbounded high across zero
    (Range(None, Decimal(1)), GapKind.UNCERTAIN),            # an effect over 3 mkr: unbounded low
    (Range(None, Decimal(0)), GapKind.SURPLUS),
    (Range(None, Decimal(-1)), GapKind.SURPLUS),
    (Range(None, None), GapKind.UNCERTAIN),
])
def test_gap_kind_at_the_boundaries(gap: Range, kind: GapKind) -> None:
    assert gap_kind(gap) is kind
    assert Gap(gap).kind is kind and Gap(gap).net_kind is kind


def test_no_target_has_no_kind() -> None:
    assert gap_kind(None) is None


def test_positive_part_bound_by_bound() -> None:
    assert positive_part(Range(Decimal(-5), Decimal(3))) == Range(Decimal(0), Decimal(3))
    assert positive_part(Range(None, Decimal(-3))) == Range(Decimal(0), Decimal(0))
    assert positive_part(Range(Decimal(2), None)) == Range(Decimal(2), None)
    assert positive_part(kr(7)) == kr(7)


def test_per_year_shortfall_is_not_covered_by_another_years_surplus() -> None:
    gap = Gap(kr(-300_000), {2024: kr(-1_500_000), 2025: kr(1_200_000)})
    assert gap.shortfall == kr(1_200_000)
    assert gap.total == kr(-300_000)  # the net is unchanged
    assert gap.kind is GapKind.SHORT and gap.net_kind is GapKind.SURPLUS
    assert gap.year_kinds == {2024: GapKind.SURPLUS, 2025: GapKind.SHORT}
    assert gap.shortfall_years == (2025,)


def test_per_year_shortfall_adds_ranges_bound_by_bound_and_stays_unbounded() -> None:
    gap = Gap(Range(None, Decimal(150)),
              {2024: Range(Decimal(-100), Decimal(200)), 2025: Range(Decimal(50), None), 2026: kr(-400)})
    assert gap.shortfall == Range(Decimal(50), None)
    assert gap.kind is GapKind.SHORT
    assert gap.shortfall_years == (2024, 2025)
    uncertain = Gap(Range(Decimal(-600), Decimal(-200)), {2024: Range(Decimal(-100), Decimal(200)), 2025: kr(-500)})
    assert uncertain.shortfall == Range(Decimal(0), Decimal(200)) and uncertain.kind is GapKind.UNCERTAIN


def test_per_year_all_covered_is_a_surplus_with_no_shortfall() -> None:
    gap = Gap(kr(-700), {2024: kr(-700), 2025: kr(0)})
    assert gap.shortfall == kr(0) and gap.kind is GapKind.SURPLUS and gap.shortfall_years == ()


@pytest.mark.parametrize(("net", "shortfall", "kind"), [
    (kr(300), kr(300), GapKind.SHORT),
    (kr(-300), kr(0), GapKind.SURPLUS),
    (kr(0), kr(0), GapKind.SURPLUS),
    (Range(Decimal(-100), Decimal(200)), Range(Decimal(0), Decimal(200)), GapKind.UNCERTAIN),
    (Range(Decimal(100), None), Range(Decimal(100), None), GapKind.SHORT),
])
def test_whole_period_shortfall_is_the_positive_part(net: Range, shortfall: Range, kind: GapKind) -> None:
    gap = Gap(net)
    assert gap.shortfall == shortfall and gap.kind is kind and gap.year_kinds is None and gap.shortfall_years == ()


@pytest.mark.parametrize(("forecast", "kind", "gap"), [
    ("2 100", GapKind.SURPLUS, -100_000), ("2 000", GapKind.SURPLUS, 0), ("1 900", GapKind.SHORT, 100_000),
])
def test_follow_up_forecast_gap_kind_comes_from_the_core(tmp_path: Path, forecast: str, kind: GapKind,
                                                         gap: int) -> None:
    report = follow_up([load_plan(plan_file(tmp_path, forecast=forecast))], 2025)
    assert report.forecast_gap == kr(gap)
    assert report.forecast_gap_kind is kind


# --- the example in every format -----------------------------------------------------------


def test_json_summarize_and_gap_agree(tmp_path: Path) -> None:
    path = str(plan_file(tmp_path))
    for command in ("summarize", "gap"):
        document = json.loads(invoke(command, path, "--format", "json"))
        for figures in (document, document["plans"][0]):
            assert figures["gap"]["low"] == figures["gap"]["high"] == -300_000
            assert figures["gap"]["years"] == {"2024": {"low": -1_500_000, "high": -1_500_000},
                                               "2025": {"low": 1_200_000, "high": 1_200_000}}
            assert figures["shortfall"] == {"low": 1_200_000, "high": 1_200_000}
            assert figures["gap_kind"] == "short"
            assert figures["gap_kinds"] == {"2024": "surplus", "2025": "short"}


@pytest.mark.parametrize(("target", "shortfall", "kind"), [
    ("3 000", {"low": 0, "high": 0}, "surplus"),        # for the whole period: 300 over, nothing missing
    ("3 300", {"low": 0, "high": 0}, "surplus"),        # exactly met
    ("3 301", {"low": 1000, "high": 1000}, "short"),
])
def test_json_whole_period_target(tmp_path: Path, target: str, shortfall: dict[str, int], kind: str) -> None:
    document = json.loads(invoke("gap", str(plan_file(tmp_path, target=target)), "--format", "json"))
    assert document["shortfall"] == shortfall and document["gap_kind"] == kind and document["gap_kinds"] is None


def test_json_without_target(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PER_YEAR.replace("target: {TARGET}\n", "").replace("FORECAST", "800"), encoding="utf-8")
    document = json.loads(invoke("summarize", str(path), "--format", "json"))
    assert document["gap"] is None and document["shortfall"] is None
    assert document["gap_kind"] is None and document["gap_kinds"] is None
    follow = json.loads(invoke("follow-up", str(path), "--year", "2025", "--format", "json"))
    assert follow["forecast_gap"] is None and follow["forecast_gap_kind"] is None


def test_json_follow_up_forecast_gap_kind(tmp_path: Path) -> None:
    document = json.loads(invoke("follow-up", str(plan_file(tmp_path)), "--year", "2025", "--format", "json"))
    assert document["forecast_gap"] == {"low": 1_200_000, "high": 1_200_000}
    assert document["forecast_gap_kind"] == "short"


def _table_rows(text: str) -> list[list[str]]:
    """The rich table's body rows as cells."""
    return [[cell.strip() for cell in line.strip("│").split("│")] for line in text.splitlines()
            if line.startswith("│")]


@pytest.mark.parametrize(("lang", "short", "surplus", "net"), [
    ("sv", "Kvar att spara", "Överskott", "Netto för perioden"),
    ("en", "Still to save", "Surplus", "Net for the period"),
])
def test_table_summarize_and_gap_agree(tmp_path: Path, lang: str, short: str, surplus: str, net: str) -> None:
    path = str(plan_file(tmp_path))
    rows = _table_rows(invoke("summarize", path, "--lang", lang))
    labels = [row[1] for row in rows]
    assert surplus not in labels  # no row of the summary is labelled as a surplus
    verdict = rows[labels.index(short)]
    assert verdict[4:7] == [f"{surplus.lower()} 1 500", "1 200", "1 200 (2025)"]
    assert rows[labels.index(net)][6] == f"{surplus.lower()} 300"

    gap_rows = {row[0]: row for row in _table_rows(invoke("gap", path, "--lang", lang))}
    assert gap_rows["2025"][3] == f"{short.lower()} 1 200"
    assert gap_rows["2024"][3] == f"{surplus.lower()} 1 500"
    period = gap_rows["Hela perioden" if lang == "sv" else "Whole period"][3]
    assert period == f"{short}: 1 200 (2025)"
    assert gap_rows[net][3] == f"{surplus.lower()} 300"


def test_table_exactly_met_is_not_a_shortfall(tmp_path: Path) -> None:
    path = str(plan_file(tmp_path, target="{2024: 2 500, 2025: 800}"))
    out = invoke("summarize", path)
    assert "Kvar att spara" not in out and "Netto för perioden" not in out
    rows = {row[1]: row for row in _table_rows(out)}
    assert rows["Överskott"][4:7] == ["0", "0", "0"]
    assert "Överskott: 0" in invoke("gap", path)


def _markdown_rows(text: str) -> list[list[str]]:
    return [[cell.strip().strip("*") for cell in line.strip().strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---")]


def test_markdown_summarize_and_gap_agree(tmp_path: Path) -> None:
    path = str(plan_file(tmp_path))
    rows = _markdown_rows(invoke("summarize", path, "--format", "markdown"))
    labels = [row[1] for row in rows]
    assert "Överskott" not in labels
    assert rows[labels.index("Kvar att spara")][4:7] == ["överskott 1 500", "1 200", "1 200 (2025)"]
    assert rows[labels.index("Netto för perioden")][6] == "överskott 300"
    gap_rows = {row[0]: row for row in _markdown_rows(invoke("gap", path, "--format", "markdown"))}
    assert gap_rows["2025"][3] == "kvar att spara 1 200"
    assert gap_rows["Hela perioden"][3] == "Kvar att spara: 1 200 (2025)"
    assert gap_rows["Netto för perioden"][3] == "överskott 300"


class _Cells(HTMLParser):
    """The HTML page's table rows (class, cells) and key figures (class, name, value)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[str]]] = []
        self.figures: list[tuple[str, list[str]]] = []
        self.bars: list[tuple[str, str]] = []
        self._cell: list[str] | None = None
        self._figure: list[str] | None = None
        self._bar_kind = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "tr":
            self.rows.append((classes, []))
        elif tag == "td":
            self._cell = []
        elif tag == "div" and classes.split()[:1] == ["figure"]:
            self.figures.append((classes.removeprefix("figure").strip(), []))
        elif tag == "div" and classes in ("name", "value") and self.figures:
            self._figure = []
        elif tag == "g" and classes.startswith("bar "):
            self._bar_kind = classes.removeprefix("bar ")
        elif tag == "title" and self._bar_kind:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1][1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "div" and self._figure is not None:
            self.figures[-1][1].append("".join(self._figure).strip())
            self._figure = None
        elif tag == "title":
            self._in_title = False
        elif tag == "g":
            self._bar_kind = ""

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._figure is not None:
            self._figure.append(data)
        if self._in_title:
            self.bars.append((self._bar_kind, data))


def _html(*args: str) -> _Cells:
    parser = _Cells()
    parser.feed(invoke(*args))
    return parser


def test_html_summarize_and_gap_agree(tmp_path: Path) -> None:
    path = str(plan_file(tmp_path))
    page = _html("summarize", path, "--format", "html")
    figures = {values[0]: (tone, values[1]) for tone, values in page.figures}
    assert figures["Kvar att spara"] == ("remaining", "1 200 tkr (2025)")
    assert figures["Netto för perioden"] == ("", "överskott 300 tkr")  # the net: in no verdict's colour
    assert "Överskott" not in figures and all(tone != "surplus" for tone, _ in page.figures)
    gap_row = next(cells for classes, cells in page.rows if classes.split()[:1] == ["gap"])
    assert gap_row[1] == "Kvar att spara" and gap_row[4:7] == ["överskott 1 500", "1 200", "1 200 (2025)"]
    assert "gap remaining" in [classes for classes, _ in page.rows]
    assert all("surplus" not in classes for classes, _ in page.rows)
    end = [(kind, title) for kind, title in page.bars if kind not in ("target", "saving", "cost")]
    assert end == [("net", "Netto för perioden: överskott 300")]

    gap = _html("gap", path, "--format", "html")
    rows = {cells[0]: (classes, cells) for classes, cells in gap.rows if cells}
    assert rows["2025"] == ("year remaining", ["2025", "2 000", "800", "kvar att spara 1 200", "40 %"])
    assert rows["2024"][0] == "year surplus"
    assert rows["Hela perioden"][0] == "total remaining"
    assert rows["Hela perioden"][1][3] == "Kvar att spara: 1 200 (2025)"
    assert rows["Netto för perioden"] == ("net", ["Netto för perioden", "", "", "överskott 300", ""])


def _csv(*args: str) -> dict[str, dict[str, str]]:
    """Each row by its name (summarize's "Åtgärd" column; gap's totals name theirs after the plan), cells by header."""
    data = invoke_bytes(*args).decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(data), delimiter=";")
    name = header.index("Åtgärd") if "Åtgärd" in header else 1
    return {row[name]: dict(zip(header, row)) for row in rows}


YEARS_AND_TOTAL = ("2024 (tkr)", "2025 (tkr)", "Summa (tkr)")


@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_csv_summarize_and_gap_agree(tmp_path: Path, command: str) -> None:
    rows = _csv(command, str(plan_file(tmp_path)), "--format", "csv")
    assert "Överskott" not in rows
    # the gap row is signed, as a spreadsheet recalculates it: 2024 over, 2025 short, the net over
    assert [rows["Kvar att spara (negativt = överskott)"][h] for h in YEARS_AND_TOTAL] == ["-1500", "1200", "-300"]
    assert [rows["Kvar att spara (2025)"][h] for h in YEARS_AND_TOTAL] == ["", "", "1200"]


def test_csv_whole_period_target_has_no_shortfall_row(tmp_path: Path) -> None:
    rows = _csv("summarize", str(plan_file(tmp_path, target="3 000")), "--format", "csv")
    # a surplus of 300: signed, under the label that says so; no shortfall row (no year falls short)
    assert rows["Kvar att spara (negativt = överskott)"]["Summa (tkr)"] == "-300"
    assert not any(re.fullmatch(r"Kvar att spara \(\d{4}.*\)", name) for name in rows)


def _sheet_rows(path: Path) -> dict[str, dict[int, tuple[str, str]]]:
    """Each row of the first sheet by the text in column B: its cells by column."""
    cells = read_xlsx_cells(path)
    rows: dict[int, dict[int, tuple[str, str]]] = {}
    for (row, col), value in cells.items():
        rows.setdefault(row, {})[col] = value
    return {row[1][1]: row for row in rows.values() if 1 in row}


def _formulas(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode("utf-8")
    return dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*><f>([^<]*)</f>', sheet))


def test_xlsx_no_cell_labelled_surplus_shows_a_shortfall(tmp_path: Path) -> None:
    out = tmp_path / "plan.xlsx"
    invoke("summarize", str(plan_file(tmp_path)), "--format", "xlsx", "-o", str(out))
    rows = _sheet_rows(out)
    assert "Överskott" not in rows
    gap = rows["Kvar att spara (negativt = överskott)"]  # true whatever sign the sheet recalculates
    assert [float(gap[col][1]) for col in (5, 6, 7)] == [-1500, 1200, -300]
    shortfall = rows["Kvar att spara (2025)"]
    assert float(shortfall[7][1]) == 1200 and 5 not in shortfall and 6 not in shortfall
    formulas = _formulas(out)
    assert formulas["F9"] == "F8-F7" and formulas["G9"] == "G8-G7"  # target − Summa
    assert formulas["H10"] == "MAX(0,F9)+MAX(0,G9)"  # the shortfall, never below zero


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_xlsx_shortfall_recalculated_by_libreoffice(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    invoke("summarize", str(plan_file(tmp_path)), "--format", "xlsx", "-o", str(out))
    zero_cached_results(out)
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(out)], tmp_path)
    sheet = next((tmp_path / "csv").glob("s*.csv")).read_text(encoding="utf-8")
    rows = {row[1]: row for row in csv.reader(io.StringIO(sheet), delimiter=";") if len(row) > 1 and row[1]}
    assert [Decimal(c) for c in rows["Kvar att spara (negativt = överskott)"][5:8]] == [-1500, 1200, -300]
    assert Decimal(rows["Kvar att spara (2025)"][7]) == 1200


def test_follow_up_labels_come_from_the_core_kind(tmp_path: Path) -> None:
    path = str(plan_file(tmp_path, forecast="2 000"))  # exactly the year's target: nothing missing
    out = invoke("follow-up", path, "--year", "2025")
    assert "Prognos: överskott" in out and "kvar att spara" not in out
    rows = _csv("follow-up", path, "--year", "2025", "--format", "csv")
    assert rows["Prognos: kvar att spara (negativt = överskott)"]["Prognos 2025 (tkr)"] == "0"  # signed
    short = _csv("follow-up", str(plan_file(tmp_path, forecast="1 900", name="b.yaml")), "--year", "2025",
                 "--format", "csv")
    assert short["Prognos: kvar att spara (negativt = överskott)"]["Prognos 2025 (tkr)"] == "100"

