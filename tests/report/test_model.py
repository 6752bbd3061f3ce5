"""Issue 22, points 4, 5 and 9: the Document is plain data, what to say is apart from how to print.

- every dataclass field reachable from :class:`Document` has a plain type (no callable, no ``object``,
  no ``Any``), every such dataclass is frozen, and the legends are typed (no string sentinel beside a
  tone);
- the writers that draw or print a Document (html, its svg geometry, docx) import nothing from
  ``report/builders``;
- building options (:class:`BuildOptions`) and writing options (:class:`WriteOptions`) are apart: each
  writer takes ``(Document, WriteOptions)``, the ``--status`` filter is held once, diff has its own kind,
  docx dates its file from the Document;
- no two functions share the name ``number``; one function decides a follow-up deviation's tone;
  python-docx is loaded only when docx is written.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import importlib
import inspect
import io
import json
import os
import subprocess
import sys
import types
import typing
import zipfile
from collections import abc
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any, Union

import pytest

from budgetbalans.core.summary import summarize
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Unit
from budgetbalans.read.loader import load_paths
from budgetbalans.report.builders.summary import summary_document
from budgetbalans.report.options import View
from budgetbalans.report.model import Document, Tone
from tests.paths import ROOT

PACKAGE = ROOT / "budgetbalans"
EXAMPLE = ROOT / "examples" / "vard-och-social-2024-2026.yaml"
#: Types a Document may hold as they are: words, figures, flags, dates and enums.
SCALARS = (str, int, bool, float, Decimal, datetime.date, type(None))
CONTAINERS = (tuple, list, dict, frozenset, abc.Sequence, abc.Mapping)


def _not_plain(hint: Any, where: str, seen: set[type]) -> list[str]:
    """Every place under ``hint`` (a field's type) that is not plain data, as ``where: what``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any or hint is object:
        return [f"{where}: {hint!r}"]
    if origin in (Union, types.UnionType):
        return [problem for arg in args for problem in _not_plain(arg, where, seen)]
    if origin is abc.Callable or hint is abc.Callable:
        return [f"{where}: a callable"]
    if origin is typing.Literal:  # a choice among plain values ("error", "warning", "notice")
        return [f"{where}: {arg!r}" for arg in args if not isinstance(arg, SCALARS)]
    if origin in CONTAINERS:
        return [problem for arg in args if arg is not Ellipsis for problem in _not_plain(arg, f"{where}[]", seen)]
    if isinstance(hint, type) and (issubclass(hint, SCALARS) or issubclass(hint, Enum)):
        return []
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _dataclass_not_plain(hint, seen)
    return [f"{where}: {hint!r}"]


def _dataclass_not_plain(cls: type, seen: set[type]) -> list[str]:
    if cls in seen:
        return []
    seen.add(cls)
    problems = [] if cls.__dataclass_params__.frozen else [f"{cls.__name__}: not frozen"]  # type: ignore[attr-defined]
    hints = typing.get_type_hints(cls)
    for field in dataclasses.fields(cls):
        problems += _not_plain(hints[field.name], f"{cls.__name__}.{field.name}", seen)
    return problems


def _reachable(cls: type) -> set[type]:
    seen: set[type] = set()
    _dataclass_not_plain(cls, seen)
    return seen


# --- the Document is plain data (point 4) -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Inner:
    draw: abc.Callable[[], object]


@dataclasses.dataclass
class Outer:
    inner: tuple[Inner, ...]
    geometry: object
    anything: Any


def test_the_walk_finds_what_is_not_plain() -> None:
    """The walk itself: a callable, ``object``, ``Any`` and a mutable dataclass are each found."""
    problems = _dataclass_not_plain(Outer, set())
    assert sorted(problems) == sorted(["Outer: not frozen", "Inner.draw: a callable", "Outer.geometry: <class 'object'>",
                                       "Outer.anything: typing.Any"])


def test_every_field_reachable_from_the_document_is_plain_data() -> None:
    assert _dataclass_not_plain(Document, set()) == []


def test_the_charts_are_in_the_document_as_data() -> None:
    """The walk reaches the charts and their rows (a chart is not a way to draw one)."""
    names = {cls.__name__ for cls in _reachable(Document)}
    assert {"Section", "Chart", "Step", "YearBar", "Comparison", "Legend", "LegendEntry"} <= names


def _summary_document(today: datetime.date | None = None) -> Document:
    loaded = load_paths([EXAMPLE])
    assert not loaded.problems
    return summary_document(summarize(loaded.plans), View(Unit.TKR, Lang.SV), today=today)


def test_the_legend_is_typed() -> None:
    """No tone shares a place with a string (the old ``"classes"`` sentinel): the classes' words and each
    verdict's tone have fields of their own."""
    for cls in _reachable(Document):
        for name, hint in typing.get_type_hints(cls).items():
            shown = repr(hint)
            assert not ("Tone" in shown and "str" in shown and "|" in shown), f"{cls.__name__}.{name}: {shown}"
    legend = _summary_document().legend
    assert legend.classes  # the example's tables show the interval classes
    assert [entry.tone for entry in legend.verdicts] == [Tone.BAD, Tone.GOOD, Tone.UNCERTAIN]
    assert all(isinstance(entry.name, str) and entry.meaning for entry in legend.verdicts)


def test_a_chart_holds_its_figures_in_kronor() -> None:
    waterfall, per_year = _summary_document().sections[0].charts
    assert (waterfall.kind.value, per_year.kind.value) == ("waterfall", "per_year")
    assert waterfall.steps and all(isinstance(step.start, Decimal) for step in waterfall.steps)
    assert per_year.years and all(isinstance(year.value.low, Decimal) for year in per_year.years)


def _imports(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            modules |= {node.module or ""} | {f"{node.module}.{alias.name}" for alias in node.names}
    return modules


@pytest.mark.parametrize("writer", ["html", "svg", "docx"])
def test_the_writers_import_nothing_from_the_builders(writer: str) -> None:
    path = PACKAGE / "report" / "writers" / f"{writer}.py"
    assert path.exists(), path
    built = [name for name in _imports(path) if name.startswith("budgetbalans.report.builders")]
    assert built == []


# --- what to say apart from how to print (point 5) ----------------------------------------------


def _options() -> Any:
    return importlib.import_module("budgetbalans.report.options")


def test_build_and_write_options_are_apart() -> None:
    options = _options()
    build = {field.name for field in dataclasses.fields(options.BuildOptions)}
    write = {field.name for field in dataclasses.fields(options.WriteOptions)}
    assert {"kind", "view", "group_by", "today"} <= build
    assert {"terminal", "width", "template"} <= write
    assert not build & write
    assert not hasattr(options, "Report")


@pytest.mark.parametrize("writer", ["terminal", "markdown", "html", "csv", "xlsx", "docx"])
def test_every_writer_takes_a_document_and_write_options(writer: str) -> None:
    module = importlib.import_module(f"budgetbalans.report.writers.{writer}")
    names = {**vars(module), **vars(_options())}  # the writer names its options' type only for mypy
    hints = typing.get_type_hints(module.write, globalns=names)
    first, second = list(inspect.signature(module.write).parameters)
    assert hints[first] is Document
    assert hints[second] is _options().WriteOptions


def test_the_status_filter_is_held_once() -> None:
    from budgetbalans.plan.models import Status

    options = _options()
    assert "statuses" not in {field.name for field in dataclasses.fields(options.BuildOptions)}
    view = View(Unit.TKR, Lang.SV, (Status.DONE, Status.ONGOING))
    assert options.BuildOptions(options.ReportKind.SUMMARY, view).statuses == ["done", "ongoing"]
    assert options.BuildOptions(options.ReportKind.SUMMARY, View(Unit.TKR, Lang.SV)).statuses is None


def test_diff_has_its_own_kind() -> None:
    assert _options().ReportKind("diff").value == "diff"
    source = (PACKAGE / "cli" / "commands" / "diff.py").read_text(encoding="utf-8")
    assert "ReportKind.DIFF" in source and "ReportKind.GAP" not in source


def test_docx_dates_its_file_from_the_document() -> None:
    from budgetbalans.report.writers import docx as writer

    day = datetime.date(2026, 3, 4)
    data = writer.write(_summary_document(today=day), _options().WriteOptions())
    with zipfile.ZipFile(io.BytesIO(data)) as word:
        core = word.read("docProps/core.xml").decode("utf-8")
    assert "2026-03-04T00:00:00Z" in core
    source = (PACKAGE / "report" / "writers" / "docx.py").read_text(encoding="utf-8")
    assert "options.today" not in source


# --- small duplicates of meaning (point 9) ------------------------------------------------------


def test_no_function_is_named_number() -> None:
    named = [str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == "number"]
    assert named == []


def test_one_function_decides_a_deviations_tone() -> None:
    from budgetbalans.core.followup import FollowUpKind
    from budgetbalans.report.builders import follow_up

    tone = getattr(follow_up, "deviation_tone")
    assert tone(FollowUpKind.BEHIND, figure=True) is tone(FollowUpKind.BEHIND, figure=False) is Tone.BAD
    assert tone(FollowUpKind.AHEAD, figure=True) is Tone.GOOD  # the key figure, as the reports show it
    assert tone(FollowUpKind.AHEAD, figure=False) is Tone.NEUTRAL  # a row's cell, as the reports show it
    source = (PACKAGE / "report" / "builders" / "follow_up.py").read_text(encoding="utf-8")
    assert source.count("FollowUpKind.AHEAD") == 1


def test_docx_imports_its_library_at_the_top() -> None:
    tree = ast.parse((PACKAGE / "report" / "writers" / "docx.py").read_text(encoding="utf-8"))
    inside = [node.lineno for function in ast.walk(tree) if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef))
              for node in ast.walk(function) if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert inside == []


def _loaded(*argv: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running the command line."""
    code = ("import json, sys\n"
            "from budgetbalans.cli.app import run\n"
            f"run({list(argv)!r})\n"
            "sys.stdout.flush()\n"
            "sys.stderr.write(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True,
                          env={**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8", "GITHUB_ACTIONS": ""})
    return list(json.loads(done.stderr.splitlines()[-1]))


def _word_modules(modules: list[str]) -> list[str]:
    return [name for name in modules
            if name.split(".")[0] in ("docx", "lxml") or name == "budgetbalans.report.writers.docx"]


@pytest.mark.parametrize("format", ["table", "csv", "json"])
def test_python_docx_is_loaded_only_for_docx(format: str) -> None:
    assert _word_modules(_loaded("summarize", "--format", format, str(EXAMPLE))) == []


def test_the_probe_sees_python_docx_where_it_is_used(tmp_path: Path) -> None:
    loaded = _loaded("summarize", "--format", "docx", "--output", str(tmp_path / "r.docx"), str(EXAMPLE))
    assert "docx" in loaded and "budgetbalans.report.writers.docx" in loaded
