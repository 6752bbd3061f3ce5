"""The input edge after issue 22 (point 7): the loader keeps every measure's position, so diff reads no file
twice; import validates what it writes without parsing its own text; the plan file's suffixes and the longest
period are defined once; a --template is read on the read side, once; read/ imports nothing above it, and the
writers nothing from read/."""

from __future__ import annotations

import ast
import builtins
import importlib
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetbalans.plan.dump import dump_plan
from budgetbalans.read.loader import load_paths
from budgetbalans.read.yamlsource import read_yaml
from tests.paths import ROOT

PACKAGE = ROOT / "budgetbalans"
EXAMPLE = ROOT / "examples" / "vard-och-social-2024-2026.yaml"
#: Where the example's ``- id:`` lines stand (``grep -n '  - id:'``), and its ``target:``.
EXAMPLE_MEASURE_LINES = {"1": 48, "2": 61, "3": 76, "4": 89, "5": 101, "6": 114, "7": 127, "8": 139, "9": 152,
                         "10": 164}
EXAMPLE_TARGET_LINE = 18


def _diff_command() -> ModuleType:
    """The diff command's reading (both sides, and where measures stand in them)."""
    return importlib.import_module("budgetbalans.cli.diffrun")


def test_the_loader_notes_every_measures_line() -> None:
    loaded = load_paths([EXAMPLE])
    assert not loaded.problems
    plan = loaded.plans[0]
    assert {measure.id: plan.position("measures", measure.id)[0] for measure in plan.measures} == EXAMPLE_MEASURE_LINES
    assert plan.position("measures", "1") == (48, 5)  # the measure's first key, after "- "
    assert plan.noted("target") == (EXAMPLE_TARGET_LINE, 9)


def test_a_plan_without_a_target_notes_none(tmp_path: Path) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text('# a plan\ntitle: Plan\nmeasures:\n  - id: "7"\n    title: Åtgärd\n', encoding="utf-8")
    plan = load_paths([file]).plans[0]
    assert plan.noted("target") is None
    assert plan.noted("measures", "7") == (4, 5)


def test_diff_positions_do_not_open_the_files_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    old.write_text(text, encoding="utf-8")
    new.write_text("# moved down by a comment\n" + text.replace('"12 357 tkr"', '"13 000 tkr"'), encoding="utf-8")
    diffrun = _diff_command()
    sides = diffrun.read_sides([old, new], None)
    assert sides.diff is not None

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plan file was opened again after loading")

    monkeypatch.setattr(Path, "read_text", refused)
    monkeypatch.setattr(Path, "read_bytes", refused)
    monkeypatch.setattr(Path, "open", refused)
    monkeypatch.setattr(builtins, "open", refused)
    lines, targets = diffrun.positions(sides.diff)
    assert lines == {(str(new), id): line + 1 for id, line in EXAMPLE_MEASURE_LINES.items()}
    assert targets == {str(new): EXAMPLE_TARGET_LINE + 1}


# --- one definition each -------------------------------------------------------------------------


def _modules(folder: Path) -> list[tuple[Path, ast.Module]]:
    return [(file, ast.parse(file.read_text(encoding="utf-8"))) for file in sorted(folder.rglob("*.py"))]


def _assigned(name_has: str) -> list[tuple[str, str, object]]:
    """Every module-level constant whose name holds ``name_has``: (file, name, value)."""
    found = []
    for file, module in _modules(PACKAGE):
        for node in module.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, (ast.Constant, ast.Tuple)):
                for target in node.targets:
                    if isinstance(target, ast.Name) and name_has in target.id:
                        found.append((str(file.relative_to(ROOT)), target.id, ast.literal_eval(node.value)))
    return found


def test_the_plan_suffixes_are_defined_once() -> None:
    definitions = [(file, name) for file, name, value in _assigned("SUFFIX") if value == (".yaml", ".yml")]
    assert definitions == [("budgetbalans/read/files.py", "PLAN_SUFFIXES")]
    from budgetbalans.read import files, git, loader

    assert git.PLAN_SUFFIXES is files.PLAN_SUFFIXES and loader.PLAN_SUFFIXES is files.PLAN_SUFFIXES


def test_the_longest_period_is_defined_once() -> None:
    definitions = [(file, name) for file, name, value in _assigned("YEARS") if value == 10]
    assert definitions == [("budgetbalans/plan/period.py", "MAX_PERIOD_YEARS")]
    from budgetbalans.plan import period
    from budgetbalans.read import rules
    from budgetbalans.read.office import importer

    assert rules.MAX_PERIOD_YEARS is period.MAX_PERIOD_YEARS
    assert importer.MAX_PERIOD_YEARS is period.MAX_PERIOD_YEARS


# --- the layers of read/ -----------------------------------------------------------------------------


def _imported(module: ast.Module, file: Path) -> set[str]:
    """Every module a file imports, at its top or inside a function (relative imports resolved)."""
    names: set[str] = set()
    package = ".".join(file.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], base]).strip(".")
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("above", ["budgetbalans.core", "budgetbalans.report", "budgetbalans.cli"])
def test_read_imports_nothing_above_it(above: str) -> None:
    wrong = sorted(f"{file.relative_to(ROOT)}: {name}"
                   for file, module in _modules(PACKAGE / "read")
                   for name in _imported(module, file) if name == above or name.startswith(above + "."))
    assert wrong == []


def test_the_docx_writer_reads_no_file() -> None:
    wrong = sorted(f"{file.relative_to(ROOT)}: {name}"
                   for file, module in _modules(PACKAGE / "report" / "writers")
                   for name in _imported(module, file) if name.startswith("budgetbalans.read"))
    assert wrong == []


def test_a_template_is_read_once_on_the_read_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import docx

    from budgetbalans.cli.app import run
    from budgetbalans.read import files

    template = tmp_path / "mall.docx"
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Kommunens sidhuvud"
    word.save(str(template))
    reads: list[str] = []
    real = files.read_regular

    def counted(path: Path, limit: int) -> bytes:
        reads.append(str(path))
        return real(path, limit)

    for name in ("budgetbalans.read.template", "budgetbalans.report.writers.docx"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        if hasattr(module, "read_regular"):
            monkeypatch.setattr(module, "read_regular", counted)
    report = tmp_path / "rapport.docx"
    assert run(["summarize", str(EXAMPLE), "--format", "docx", "-o", str(report), "--template", str(template)]) == 0
    assert reads == [str(template)]
    assert docx.Document(str(report)).sections[0].header.paragraphs[0].text == "Kommunens sidhuvud"


# --- import: what the dump holds, known as it is written ------------------------------------------


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_AMOUNT = st.sampled_from(["5", "1 750 000", "0,5 mkr", "700-1 600", "0,5-1 mkr", "-300", "12,25"])
_EFFECT = st.one_of(_AMOUNT, st.fixed_dictionaries({"interval": st.integers(1, 4)}),
                    st.fixed_dictionaries({"low": st.just("-5")}, optional={"high": st.just("3 tkr")}))
_YEAR = st.integers(2020, 2029)
_MEASURE = st.fixed_dictionaries(
    {"id": _TEXT, "title": _TEXT},
    optional={"area": _TEXT, "status": _TEXT, "responsible": _TEXT, "note": _TEXT,
              "effects": st.dictionaries(_YEAR, _EFFECT, max_size=3), "full_year": _EFFECT,
              "start": st.just("2024-03-01"), "stated_total": _AMOUNT, "potential": st.booleans()})
_PLAN = st.fixed_dictionaries(
    {"title": _TEXT, "unit": st.sampled_from(["kr", "tkr", "mkr"])},
    optional={"years": st.lists(_YEAR, unique=True, max_size=4),
              "target": st.one_of(_AMOUNT, st.dictionaries(_YEAR, _AMOUNT, max_size=2)),
              "stated_totals": st.dictionaries(st.one_of(st.just("total"), _YEAR), _AMOUNT, max_size=3),
              "source": _TEXT}).flatmap(
    lambda plan: st.lists(_MEASURE, max_size=3).map(lambda measures: {**plan, "measures": measures}))


def _as_read(plan: dict[str, object], comments: dict[tuple[str | int, ...], list[object]] | None = None) -> None:
    """The dump's plain data and positions are what reading its text gives."""
    dumped = dump_plan(plan, comments)  # type: ignore[arg-type]
    source = read_yaml(dumped.text)
    assert dumped.data == source.data
    assert dumped.values == source.values
    assert dumped.keys == source.keys


@settings(max_examples=200, deadline=None)
@given(_PLAN)
def test_a_dumped_plan_knows_what_its_text_reads_as(plan: dict[str, object]) -> None:
    from budgetbalans.read.office.importer import NOTE_IDS_NUMBERED, NOTE_TITLE_FROM_FILE

    _as_read(plan)
    _as_read(plan, {("title",): [NOTE_TITLE_FROM_FILE()], ("measures",): [NOTE_IDS_NUMBERED()],
                    ("measures", 0, "id"): [NOTE_TITLE_FROM_FILE(), NOTE_IDS_NUMBERED()],
                    ("measures", 0, "title"): [NOTE_TITLE_FROM_FILE()]})


def test_empty_mappings_and_lists_are_known_as_read() -> None:
    _as_read({"title": "x", "years": [], "target": {}, "measures": [{"id": "1", "title": "t", "effects": {}}]})
    _as_read({"title": "x", "measures": []})


@pytest.mark.parametrize("document", sorted((ROOT / "examples" / "dokument").iterdir()), ids=lambda path: path.name)
def test_the_example_documents_dump_as_read(document: Path) -> None:
    from budgetbalans.read.office.importer import import_plan
    from budgetbalans.read.office.tables import read_tables

    imported = import_plan(read_tables(document))
    _as_read(imported.plan, imported.comments)  # type: ignore[arg-type]


def test_import_validates_the_plan_without_parsing_its_own_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from budgetbalans.cli.app import run
    from budgetbalans.read import loader, yamlsource

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("the imported plan's text was parsed again")

    for module in (loader, yamlsource):
        monkeypatch.setattr(module, "read_yaml", refused)
        monkeypatch.setattr(module, "read_plain", refused)
    out = tmp_path / "vard.yaml"
    document = ROOT / "examples" / "dokument" / "vard-och-social-2024-2026.docx"
    assert run(["import", str(document), "--unit", "tkr", "-o", str(out)]) == 0
    monkeypatch.undo()
    assert not load_paths([out]).problems
