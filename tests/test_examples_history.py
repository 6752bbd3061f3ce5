"""The follow-up history example (tools/make_history_example.py): built in a real git repository, its history is
what docs/historik.md shows from a real run, and its figures are computed here by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.command import invoke
from tests.paths import ROOT

pytestmark = pytest.mark.clients


@pytest.fixture
def boras(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "boras-historik"
    subprocess.run([sys.executable, str(ROOT / "tools" / "make_history_example.py"), str(folder)], check=True)
    monkeypatch.chdir(folder)
    return folder


def test_the_bundle_in_examples_is_the_repository_the_script_builds(boras: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    bundle = ROOT / "examples" / "boras-historik-2017.bundle"
    subprocess.run(["git", "clone", "-q", str(bundle), str(clone)], check=True)

    def log(folder: Path) -> str:
        return subprocess.run(["git", "log", "--format=%H %s"], cwd=folder, check=True, capture_output=True,
                              text=True).stdout
    assert log(clone) == log(boras) and len(log(clone).splitlines()) == 6


def test_the_docs_show_the_history_as_a_run_prints_it(boras: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--format", "markdown")
    assert code == 0, err
    run = out.split("\nRapportdatum")[0].rstrip()
    reference = (ROOT / "docs" / "historik.md").read_text(encoding="utf-8")
    assert f"$ budgetbalans follow-up --history --format markdown\n{run}\n```" in reference


def test_the_readme_shows_the_first_table_as_a_run_prints_it(boras: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--format", "markdown")
    assert code == 0, err
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("| Nr | Åtgärd | Planerat | 2017-04-30")
    shown = readme[start:readme.index("\n\n", start)]
    assert len(shown.splitlines()) == 10 and shown in out


def test_the_examples_figures_by_hand(boras: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--format", "json")
    assert code == 0, err
    (plan,) = json.loads(out, parse_float=Decimal)["plans"]
    reports = plan["reports"]
    # the adopted plan (no as_of) and the title-only commit are no follow-ups
    assert [r["as_of"] for r in reports] == ["2017-04-30", "2017-08-31", "2017-10-31", "2017-12-31"]
    # planned 2 400 + 1 500 + 9/12 × 1 400 (IGU from April) + 600 = 5 550 tkr
    assert {r["planned"]["low"] for r in reports} == {5_550_000}
    # forecasts: T1 2 400 + 1 500 (3-5 not followed up: its plan) + 1 050 + 600 = 5 550;
    # T2 1 600 + 800 + 900 + 600 = 3 900; October 1 500 + 900 + 900 + 600 = 3 900; year end 1 450 + 950 + 880 + 600
    assert [r["forecast"]["low"] for r in reports] == [5_550_000, 3_900_000, 3_900_000, 3_880_000]
    assert [r["forecast_gap"]["low"] for r in reports] == [450_000, 2_100_000, 2_100_000, 2_120_000]
    # errors against 1 450, 950, 880, 600: T1 950 + 550 + 170 + 0 = 1 670, MAE 417,5 tkr; T2 150 − 150 + 20 + 0
    assert [r["error"]["low"] for r in reports] == [1_670_000, 20_000, 20_000, 0]
    assert [r["mean_absolute_error"]["low"] for r in reports] == [417_500, 80_000, 30_000, 0]
    igu = next(m for m in plan["measures"] if m["id"] == "5-1")
    assert [p["forecast"]["low"] for p in igu["reports"]] == [1_050_000, 900_000, 900_000, 880_000]
    assert igu["year_outcome"]["low"] == 880_000


def test_every_format_writes_the_history(boras: Path, tmp_path: Path) -> None:
    for format in ("xlsx", "docx"):
        code, _, err = invoke("follow-up", "--history", "--format", format, "-o", str(tmp_path / f"h.{format}"))
        assert code == 0, err
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "h.xlsx").worksheets[0]
    assert len(sheet._charts) == 1  # Excel's own line chart of the gap rows
    import docx

    word = docx.Document(str(tmp_path / "h.docx"))
    (picture,) = word.inline_shapes  # the line chart, a PNG (python-docx cannot make a Word chart)
    assert picture.width == 16 * 360_000  # 16 cm: beside its title on the section's first page
    assert any(part.content_type == "image/png" for part in word.part.package.iter_parts())
    code, html, err = invoke("follow-up", "--history", "--format", "html")
    assert code == 0 and html.count("<polyline") == 2, err
