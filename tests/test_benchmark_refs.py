"""The bare-library references of benchmarks/refs/ write the rows budgetbalans's summarize writes.

benchmarks/run.py times `summarize` in html, xlsx, the terminal table and docx against a script
that writes the same rows with the same library alone; that comparison holds only while the
scripts read the same measures into the same sums and write as many sheets and tables.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from tests.command import invoke

BENCHMARKS = Path(__file__).parent.parent / "benchmarks"
REFS = BENCHMARKS / "refs"


def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.stem] = module  # the reference scripts import rows by name, as when run from refs/
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three plans of the benchmark's corpus, eight measures each (amounts with units, ranges, interval
    classes, full-year effects from a start date, uncounted statuses)."""
    folder = tmp_path_factory.mktemp("corpus")
    _module(BENCHMARKS / "run.py").write_corpus(folder, 3, 8)
    return folder


def test_rows_add_up_as_budgetbalans_does(corpus: Path) -> None:
    rows = _module(REFS / "rows.py")
    read = rows.plans(corpus)
    summary = json.loads(invoke("summarize", str(corpus), "--format", "json")[1])
    assert [plan.file for plan in read] == [Path(plan["plan"]).name for plan in summary["plans"]]
    for plan, expected in zip(read, summary["plans"]):
        assert len(plan.measures) == 8
        assert plan.years == [int(year) for year in expected["years"]]
        for year, (low, high) in zip(plan.years, plan.per_year):  # tkr in the rows, kronor in the JSON
            totals = expected["totals"][str(year)]
            assert abs(low * 1000 - totals["low"]) < 1, (plan.file, year)
            if totals["high"] is not None:  # class 4 has no top in budgetbalans; its low end in the rows
                assert abs(high * 1000 - totals["high"]) < 1, (plan.file, year)
        assert plan.target * 1000 == expected["target"]


def _run(script: str, corpus: Path, out: Path) -> None:
    subprocess.run([sys.executable, str(REFS / script), str(corpus), str(out)], check=True, capture_output=True,
                   env={**os.environ, "COLUMNS": "300"})


def _parts(data: bytes, prefix: str) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [name for name in archive.namelist() if name.startswith(prefix)]


def test_xlsx_reference_writes_budgetbalans_sheets(corpus: Path, tmp_path: Path) -> None:
    _run("xlsx_xlsxwriter.py", corpus, tmp_path / "ref.xlsx")
    invoke("summarize", str(corpus), "--format", "xlsx", "-o", str(tmp_path / "ours.xlsx"))
    ours = (tmp_path / "ours.xlsx").read_bytes()
    # a sheet for all plans and one per plan: 1 + 3
    assert len(_parts((tmp_path / "ref.xlsx").read_bytes(), "xl/worksheets/sheet")) == 4
    assert len(_parts(ours, "xl/worksheets/sheet")) == 4


def test_docx_reference_writes_budgetbalans_tables(corpus: Path, tmp_path: Path) -> None:
    import docx

    _run("docx_python_docx.py", corpus, tmp_path / "ref.docx")
    invoke("summarize", str(corpus), "--format", "docx", "-o", str(tmp_path / "ours.docx"))
    ref, ours = docx.Document(str(tmp_path / "ref.docx")), docx.Document(str(tmp_path / "ours.docx"))
    # the table of all plans, then each plan's measures and their details: 1 + 2 × 3
    assert len(ref.tables) == len(ours.tables) == 7
    # a header, 8 measures and the sum, target and what remains
    assert len(ref.tables[1].rows) == 1 + 8 + 3


def test_html_reference_writes_every_row(corpus: Path, tmp_path: Path) -> None:
    _run("html_jinja2.py", corpus, tmp_path / "ref.html")
    text = (tmp_path / "ref.html").read_text(encoding="utf-8")
    # all plans: a header, 3 plans, sum, target, remaining; each plan: a header, 8 measures, the same 3
    assert text.count("<tr") == (1 + 3 + 3) + 3 * (1 + 8 + 3)
    assert all(plan.name in text for plan in corpus.glob("*.yaml"))


def test_terminal_reference_prints_every_row(corpus: Path, tmp_path: Path) -> None:
    _run("terminal_rich.py", corpus, tmp_path / "ref.txt")
    lines = (tmp_path / "ref.txt").read_text(encoding="utf-8").splitlines()
    # each row of the body one line at 300 columns: 3 plans and 3 totals, then 3 × (8 measures and 3 totals)
    assert sum(line.startswith("│") for line in lines) == (3 + 3) + 3 * (8 + 3)
