"""One way to hold Swedish and English text (issue 22, point 3): every text in both languages is an
:class:`budgetbalans.i18n.Template` (messages and labels alike), registered under a code of its own.

- every label has both wordings, non-empty, with the same placeholders; a counted one both forms;
- codes are unique, and no two templates say the same thing in both languages under two codes;
- every label a builder asks for by key exists;
- no module keeps a (Swedish, English) table of its own any more (an AST scan of the package);
- the builders share one ``Document.words``, and a year's gap is worded by its kind, not its text.
"""

from __future__ import annotations

import ast
import datetime
import importlib
import pkgutil
import re
import string
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Iterator

import pytest

import budgetbalans
from budgetbalans.core.diff import compare
from budgetbalans.core.gap import GapKind
from budgetbalans.core.summary import summarize
from budgetbalans.i18n import LABEL, TEMPLATES, Counted, Lang, Template, counted, is_label, template
from budgetbalans.plan.money import Unit
from budgetbalans.read.loader import load_plan
from budgetbalans.report.builders.diff import diff_document
from budgetbalans.report.builders.labels import count_label, label
from budgetbalans.report.builders.summary import gap_document
from budgetbalans.report.builders.wording import verdict_kind, year_gap
from budgetbalans.report.options import View

PACKAGE = Path(budgetbalans.__file__).resolve().parent
EXAMPLE = PACKAGE.parent / "examples" / "kommunal-hemtjanst-2018-2019.yaml"

#: Templates that share both wordings on purpose: two messages whose codes are part of the contract
#: (a CI rule may match either), said alike because they mean alike in their own areas.
SAME_WORDS_APART = {frozenset({"file.unreadable", "import.file.unreadable"})}



def _every_template() -> dict[str, Template]:
    for module in pkgutil.walk_packages(budgetbalans.__path__, "budgetbalans."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    return dict(TEMPLATES)


def _labels() -> list[Template]:
    return [made for code, made in _every_template().items() if is_label(code)]


def _wordings(made: Template) -> list[str]:
    return [made.sv, made.en] + ([made.sv_several, made.en_several] if isinstance(made, Counted) else [])


def _fields(wording: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(wording) if field}


# --- the templates --------------------------------------------------------------------------------

def test_the_reports_checks_and_helps_words_are_labels() -> None:
    codes = {made.code for made in _labels()}
    for code in ("label.total", "label.measures_count", "label.diff.verdict", "label.check.plans",
                 "label.help.usage", "label.help.option.lang"):
        assert code in codes


def test_every_label_is_worded_in_both_languages_with_the_same_placeholders() -> None:
    for made in _labels():
        wordings = _wordings(made)
        assert all(wording.strip() for wording in wordings), made
        assert len({frozenset(_fields(wording)) for wording in wordings}) == 1, made


def test_every_code_is_the_key_it_is_held_under_and_once_only() -> None:
    every = _every_template()
    assert all(code == made.code for code, made in every.items())
    with pytest.raises(ValueError, match="defined twice"):
        template("label.total", "Summa", "Total")
    with pytest.raises(ValueError, match="defined twice"):
        counted("label.check.plans", ("{count} plan", "{count} planer"), ("{count} plan", "{count} plans"))


def test_no_two_codes_say_the_same_in_both_languages() -> None:
    codes: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for code, made in _every_template().items():
        codes[tuple(_wordings(made))].append(code)
    twice = [sorted(same) for same in codes.values() if len(same) > 1 and frozenset(same) not in SAME_WORDS_APART]
    assert twice == []


def test_a_counted_label_agrees_with_its_count() -> None:
    assert [count_label("measures_count", n, Lang.SV) for n in (0, 1, 2)] == ["0 åtgärder", "1 åtgärd", "2 åtgärder"]
    assert [count_label("measures_count", n, Lang.EN) for n in (0, 1, 2)] == ["0 measures", "1 measure", "2 measures"]
    assert count_label("not_followed_note", 1, Lang.EN, year=2025) == (
        "1 measure without a forecast for 2025 counts with its planned effect")


def test_a_counted_text_agrees_with_its_count_as_a_message_too() -> None:
    files = Counted("test.files", "{count} fil", "{count} file", "{count} filer", "{count} files")
    assert [files(count=n).text(Lang.SV) for n in (0, 1, 2)] == ["0 filer", "1 fil", "2 filer"]
    assert [files.text(Lang.EN, count=n) for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]


def test_a_label_is_its_template_in_the_language_asked() -> None:
    assert (label("total", Lang.SV), label("total", Lang.EN)) == ("Summa", "Total")
    assert label("unit", Lang.EN, unit="tkr") == TEMPLATES[LABEL + "unit"].en.format(unit="tkr") == "Amounts in tkr"


# --- the builders ask only for labels that exist -------------------------------------------------

def _asked_keys() -> Iterator[tuple[str, str, str]]:
    """(file, function, key) of every label asked for by a written key: ``label("total", …)``."""
    for path in sorted((PACKAGE / "report").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("label", "count_label", "word") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                yield path.name, node.func.id, node.args[0].value


def test_every_label_asked_for_exists() -> None:
    every = _every_template()
    asked = list(_asked_keys())
    assert len(asked) > 100
    missing = [(name, function, key) for name, function, key in asked
               if LABEL + key not in every and not (function == "word" and f"{LABEL}diff.{key}" in every)]
    assert missing == []


# --- no (Swedish, English) table of a module's own -----------------------------------------------

def _is_text(node: ast.expr) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def _is_pair(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(_is_text(e) for e in node.elts)


def _is_pair_of_pairs(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Tuple) and len(node.elts) == 2 and all(_is_pair(e) for e in node.elts)


def _is_lang(node: ast.expr | None) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "Lang"


def _is_language_tag(node: ast.expr) -> bool:
    """``"sv-SE"``: what a format calls a language (docx), not words in it."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(r"[a-z]{2}-[A-Z]{2}", node.value) is not None


def _class_fields(node: ast.ClassDef) -> set[str]:
    return {item.target.id for item in node.body
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)}


def word_tables(source: str) -> list[str]:
    """Where ``source`` holds Swedish and English text its own way: a dict of (sv, en) pairs or of
    pairs of (one, several) forms, a dict by language (``Lang.SV: …``), or a class with ``sv`` and
    ``en`` fields."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict) and len(node.values) >= 2:
            if all(_is_pair(v) for v in node.values) or all(_is_pair_of_pairs(v) for v in node.values):
                found.append(f"line {node.lineno}: a dict of (Swedish, English) pairs")
            elif any(_is_lang(k) for k in node.keys) and not all(_is_language_tag(v) for v in node.values):
                found.append(f"line {node.lineno}: a dict by language")
        elif isinstance(node, ast.ClassDef) and {"sv", "en"} <= _class_fields(node):
            found.append(f"line {node.lineno}: class {node.name} with sv and en")
    return found


def _package_tables(root: Path) -> dict[str, list[str]]:
    tables = {}
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name != "i18n.py":
            found = word_tables(path.read_text(encoding="utf-8"))
            if found:
                tables[name] = found
    return tables


def test_no_module_keeps_its_own_table_of_swedish_and_english() -> None:
    assert _package_tables(PACKAGE) == {}


@pytest.mark.parametrize("source, what", [
    ('_LABELS = {"id": ("Nr", "No."), "total": ("Summa", "Total")}', "pairs"),
    ('_C = {"n": (("{count} åtgärd", "{count} åtgärder"), ("{count} measure", "{count} measures")),\n'
     '      "m": (("a", "b"), ("c", "d"))}', "pairs"),
    ("_SUMMARY = {Lang.SV: Words(plan='plan'), Lang.EN: Words(plan='plan')}", "by language"),
    ("class Words(NamedTuple):\n    sv: str\n    en: str\n", "sv and en"),
])
def test_the_scan_finds_each_way_a_module_kept_its_words(source: str, what: str) -> None:
    [found] = word_tables(source)
    assert what in found


def test_a_dict_of_templates_or_of_language_tags_is_no_table_of_its_own() -> None:
    assert word_tables('H = {"a": _words("a", "x", "y"), "b": template("b", "x", "y")}') == []
    assert word_tables('_LANGUAGE = {Lang.SV: "sv-SE", Lang.EN: "en-GB"}') == []


# --- the builders' shared words and the wording of a year by its kind -----------------------------

VIEW = View(Unit.TKR, Lang.SV)
PER_YEAR = """\
title: Åtgärdsplan 2024–2025
unit: tkr
years: [2024, 2025]
target: {2024: 1 000, 2025: 2 000}
measures:
  - id: "1"
    title: Färre externa placeringar
    effects: {2024: 2 500, 2025: 800}
"""


def test_every_builder_gives_the_writers_the_same_words(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE)
    gap = gap_document(summarize([plan]), VIEW, today=datetime.date(2026, 12, 2))
    diff = diff_document(compare([("", plan)], [("", plan)]), VIEW, today=datetime.date(2026, 12, 2))
    assert set(gap.words) - {"statuses"} == set(diff.words)
    assert {"marks_bad", "marks_bold", "generated", "warning"} <= set(diff.words)


@pytest.mark.parametrize("lang", list(Lang))
def test_a_year_of_the_rows_kind_is_its_figure_alone_and_another_names_its_kind(tmp_path: Path, lang: Lang) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PER_YEAR, encoding="utf-8")
    gap = summarize([load_plan(path)]).totals.gap
    assert gap is not None and gap.years is not None
    view = View(Unit.TKR, lang)
    assert verdict_kind(gap) is GapKind.SHORT  # 2025 falls short: the shortfall decides
    assert year_gap(gap, 2025, view, GapKind.SHORT) == ("1 200", GapKind.SHORT)
    surplus = label("surplus", lang).lower()
    assert year_gap(gap, 2024, view, GapKind.SHORT) == (f"{surplus} 1 500", GapKind.SURPLUS)
    assert year_gap(gap, 2025, view) == (f"{label('remaining', lang).lower()} 1 200", GapKind.SHORT)
    assert gap.years[2025] == gap.year_shown(2025) and gap.years[2025].low == Decimal(1_200_000)
