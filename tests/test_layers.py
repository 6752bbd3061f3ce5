"""The house's layers (docs LAYOUT): each room imports only the rooms below it, and no cycle.

Every ``import`` of the package is read with :mod:`ast`, including those inside functions and under
``TYPE_CHECKING`` (a local or typing-only import cannot hide an arrow that runs up). A module's room
is the longest entry of :data:`MAY_IMPORT` its path starts with (``report/writers/html`` is in
``report/writers/``, ``report/model`` is a room of one module). The floor (the package's own
``__init__``, ``errors``, ``i18n``, ``text``, ``output``, ``oserrors``) is below every room: any room
may import it, and it imports no room.

``plan/`` and ``core/`` are pure as well: no clock, no file, no terminal (:data:`NOT_IN_THE_PURE_ROOMS`,
:data:`PURE_ROOMS_NEVER_CALL`). ``pathlib`` is among the modules they may not import: a plan's path
is text (``Plan.path``), and reading a file is ``read/``'s job.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path


from tests.paths import ROOT

PACKAGE = ROOT / "budgetbalans"

#: The floor: below every room.
FLOOR = frozenset({"__init__", "errors", "i18n", "text", "output", "oserrors"})

#: Room → what it may import besides itself and the floor. A name ending in "/" is a folder and all
#: below it, any other one module. Read it as LAYOUT.md: the pipeline runs down this table.
MAY_IMPORT: dict[str, frozenset[str]] = {
    "plan/":          frozenset(),                                    # the language of a plan
    "core/":          frozenset({"plan/"}),                           # pure: totals, gaps, diff, checks
    "read/":          frozenset({"plan/"}),                           # bytes → plans or Problems
    "report/model":   frozenset({"plan/money"}),                      # the Document: plain data
    "report/options": frozenset({"plan/", "core/", "report/model"}),  # what to say, how to print
    "report/builders/":  frozenset({"plan/", "core/", "report/model", "report/options"}),
    "report/writers/":  frozenset({"report/model", "report/options", "plan/money", "plan/notation"}),
    "report/json/":   frozenset({"plan/", "core/", "report/options"}),  # the contract, from core records
    "report/check":   frozenset({"plan/", "core/", "report/json/"}),    # check's reporters
    "report/":        frozenset({"plan/", "core/", "report/"}),       # formats: the registry of both sides
    "cli/":           frozenset({"plan/", "core/", "read/", "report/"}),  # the only room that knows all
    "__main__":       frozenset({"cli/"}),
}

#: Modules (and their submodules) that ``plan/`` and ``core/`` never import: clock, files, processes,
#: the terminal and the command line, formats read or written elsewhere.
NOT_IN_THE_PURE_ROOMS = frozenset({
    "time", "os", "sys", "io", "pathlib", "shutil", "tempfile", "glob", "subprocess", "signal", "socket",
    "urllib", "http", "logging", "rich", "typer", "click", "yaml", "jinja2", "xlsxwriter", "openpyxl", "docx",
})
#: Calls that ``plan/`` and ``core/`` never make: today's date is passed in, no file opened or printed to.
PURE_ROOMS_NEVER_CALL = frozenset({
    "today", "now", "utcnow", "open", "print", "input", "read_text", "read_bytes", "write_text", "write_bytes",
})
PURE_ROOMS = ("plan/", "core/")



# --- reading the imports --------------------------------------------------------------------------


def _module_name(path: Path, package: Path) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, package: str, modules: set[str]) -> list[str]:
    """The dotted names an import statement names (``from a import b``: ``a.b`` if that is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*anchor, *([base] if base else [])])
    return [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]


@dataclass(frozen=True)
class Module:
    """One module of the package: the package's modules it imports, the others, and what it calls."""

    imports: frozenset[str]
    outside: frozenset[str]
    calls: frozenset[str]


@functools.lru_cache(maxsize=None)
def read_package(package: Path = PACKAGE) -> dict[str, Module]:
    """Every module of ``package`` by dotted name, read with ast (nothing is imported; read once)."""
    paths = {_module_name(path, package): path for path in package.rglob("*.py")}
    modules: dict[str, Module] = {}
    for name, path in paths.items():
        anchor = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = [target for node in ast.walk(tree) for target in _imported(node, anchor, set(paths))]
        calls = {node.func.id if isinstance(node.func, ast.Name) else node.func.attr
                 for node in ast.walk(tree) if isinstance(node, ast.Call)
                 and isinstance(node.func, (ast.Name, ast.Attribute))}
        modules[name] = Module(
            imports=frozenset(target for target in named if target in paths and target != name),
            outside=frozenset(target for target in named if target not in paths and target.split(".")[0] != package.name),
            calls=frozenset(calls))
    return modules


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports."""
    return {name: set(module.imports) for name, module in read_package(package).items()}


# --- the rules --------------------------------------------------------------------------------------


def place(name: str) -> str:
    """A module's path in the package: ``budgetbalans.report.writers.html`` → ``report/writers/html``."""
    parts = name.split(".")[1:]
    return "/".join(parts) if parts else "__init__"


def room(where: str) -> str | None:
    """The room of a module's path: the floor, or the longest entry of MAY_IMPORT it is in."""
    if where in FLOOR:
        return "floor"
    entries = [entry for entry in MAY_IMPORT if where == entry or (entry.endswith("/") and where.startswith(entry))
               or where == entry.rstrip("/")]
    return max(entries, key=len) if entries else None


def allowed(importer_room: str, target: str) -> bool:
    if target in FLOOR:
        return True
    if importer_room == "floor":
        return False
    if room(target) == importer_room:
        return True
    return any(target == entry or (entry.endswith("/") and target.startswith(entry)) for entry in MAY_IMPORT[importer_room])


def _may(importer_room: str) -> str:
    if importer_room == "floor":
        return "the floor imports no room"
    return f"{importer_room} may import only " + ", ".join(["itself", "the floor", *sorted(MAY_IMPORT[importer_room])])


def violations(package: Path = PACKAGE) -> dict[str, str]:
    """Every arrow that breaks a rule, ``importer -> imported`` → the rule it breaks."""
    found: dict[str, str] = {}
    for name, module in sorted(read_package(package).items()):
        where = place(name)
        own = room(where)
        if own is None:
            found[f"{where} -> (no room)"] = "every module is in a room of MAY_IMPORT or on the floor"
            continue
        for target in sorted(module.imports):
            if not allowed(own, place(target)):
                found[f"{where} -> {place(target)}"] = _may(own)
        if own in PURE_ROOMS:
            for outside in sorted(module.outside):
                if outside.split(".")[0] in NOT_IN_THE_PURE_ROOMS:
                    found[f"{where} -> {outside}"] = f"{own} knows no clock, file or terminal"
            for call in sorted(module.calls & PURE_ROOMS_NEVER_CALL):
                found[f"{where} -> {call}()"] = f"{own} knows no clock, file or terminal"
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected set of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


# --- the package ----------------------------------------------------------------------------------


def test_no_arrow_runs_up() -> None:
    assert [f"{arrow} ({rule})" for arrow, rule in violations().items()] == []


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_every_module_is_in_a_room() -> None:
    assert {name: room(place(name)) for name in import_graph() if room(place(name)) is None} == {}


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "budgetbalans.report.model" in graph["budgetbalans.report.writers.terminal"]
    assert "budgetbalans.report.options" in graph["budgetbalans.report.writers.terminal"]
    assert "budgetbalans.core.summary" in graph["budgetbalans.cli.commands.summarize"]  # an import inside a function counts


# --- the checker itself, on a small package with arrows planted -----------------------------------


def _write(package: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


CLEAN = {
    "__init__.py": "", "i18n.py": "", "errors.py": "from budgetbalans import i18n\n",
    "plan/__init__.py": "", "plan/money.py": "from budgetbalans.i18n import x\n",
    "plan/notation.py": "from .money import Range\n",
    "core/__init__.py": "", "core/summary.py": "from budgetbalans.plan.money import Range\nfrom decimal import Decimal\n",
    "read/__init__.py": "", "read/loader.py": "import os\nfrom budgetbalans.plan import money\nopen('x')\n",
    "report/__init__.py": "", "report/model.py": "from budgetbalans.plan.money import Range\n",
    "report/writers/__init__.py": "", "report/writers/html.py": "from budgetbalans.report.model import Document\n",
    "cli/__init__.py": "", "cli/app.py": "from budgetbalans.report.writers import html\nfrom budgetbalans.read import loader\n",
}


def test_the_checker_passes_a_clean_package(tmp_path: Path) -> None:
    _write(tmp_path / "budgetbalans", CLEAN)
    assert violations(tmp_path / "budgetbalans") == {}


def test_the_checker_finds_every_planted_arrow(tmp_path: Path) -> None:
    _write(tmp_path / "budgetbalans", CLEAN | {
        "core/summary.py": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from budgetbalans.cli.app import x\n"
                            "def f():\n    from ..report.writers import html\n    import datetime\n"
                            "    return datetime.date.today()\n"),
        "plan/money.py": "import pathlib\nfrom rich.console import Console\n",
        "report/writers/html.py": "from budgetbalans.core import summary\nfrom budgetbalans.plan.models import Plan\n",
        "plan/models.py": "",
        "read/loader.py": "from budgetbalans.report.model import Document\n",
        "i18n.py": "from budgetbalans.plan import money\n",
        "report/json/__init__.py": "", "report/json/reports.py": "from budgetbalans.core.summary import Summary\n",
        "nowhere/__init__.py": "",
    })
    found = violations(tmp_path / "budgetbalans")
    assert set(found) == {
        "core/summary -> cli/app", "core/summary -> report/writers/html", "core/summary -> today()",
        "plan/money -> pathlib", "plan/money -> rich.console",
        "report/writers/html -> core/summary", "report/writers/html -> plan/models",
        "read/loader -> report/model", "i18n -> plan/money", "nowhere -> (no room)",
    }
    assert found["report/writers/html -> core/summary"] == (
        "report/writers/ may import only itself, the floor, plan/money, plan/notation, report/model, report/options")
    assert found["i18n -> plan/money"] == "the floor imports no room"


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
