"""The package's imports: no cycle, and no report library loaded by a format that does not use it.

The import graph is read with :mod:`ast` from every ``import`` statement of the package,
including those inside functions and under ``TYPE_CHECKING``, so a local import cannot hide
a cycle.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "budgetbalans"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vard-och-social-2024-2026.yaml"
FOLLOWED_UP = EXAMPLE.parent / "socialnamnden-trelleborg-2019.yaml"
HEAVY = ("rich", "jinja2", "xlsxwriter")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports (``from a import b``: ``a.b`` if a module)."""
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            edges |= {target for target in targets if target in modules and target != name}
        graph[name] = edges
    return graph


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


def test_the_graph_sees_the_package() -> None:
    graph = import_graph()
    assert "budgetbalans.report.model" in graph["budgetbalans.report.write.terminal"]
    assert "budgetbalans.report.options" in graph["budgetbalans.report.write.terminal"]
    assert "budgetbalans.report.check" in graph["budgetbalans.cli.commands.check"]  # an import inside a function counts


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def _loaded(*argv: str) -> tuple[int, list[str]]:
    """Run the command line in a fresh interpreter; its exit status and the modules it loaded."""
    code = ("import json, sys\n"
            "from budgetbalans.cli.app import run\n"
            f"status = run({list(argv)!r})\n"
            "sys.stdout.flush()\n"
            "sys.stderr.write(json.dumps([status, sorted(sys.modules)]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8",
                          check=True, env={**os.environ, "COLUMNS": "120", "PYTHONIOENCODING": "utf-8", "GITHUB_ACTIONS": ""})
    status, modules = json.loads(done.stderr.splitlines()[-1])
    return status, modules


@functools.lru_cache(maxsize=None)
def _typer_floor() -> frozenset[str]:
    """What ``import typer`` loads by itself: some typers import ``rich`` at their own import (0.17 does;
    0.29 does not), which no choice of ours can avoid. Only what budgetbalans adds counts."""
    code = "import json, sys, typer\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return frozenset(json.loads(done.stdout))


def _heavy(modules: list[str]) -> list[str]:
    return [name for name in modules if name.split(".")[0] in HEAVY and name not in _typer_floor()]


@pytest.mark.parametrize("argv", [
    ["summarize", "--format", "csv", str(EXAMPLE)],
    ["summarize", "--format", "json", str(EXAMPLE)],
    ["summarize", "--format", "json", "--group-by", "area", str(EXAMPLE)],
    ["gap", "--format", "csv", str(EXAMPLE)],
    ["gap", "--format", "json", str(EXAMPLE)],
    ["follow-up", "--format", "csv", str(FOLLOWED_UP)],
    ["follow-up", "--format", "json", str(FOLLOWED_UP)],
    ["check", str(EXAMPLE)],
    ["check", "--format", "github", str(EXAMPLE)],
    ["check", "--format", "json", str(EXAMPLE)],
])
def test_no_report_library_where_none_is_used(argv: list[str]) -> None:
    status, modules = _loaded(*argv)
    assert status == 0
    assert _heavy(modules) == []


def test_check_loads_no_renderer() -> None:
    _, modules = _loaded("check", str(EXAMPLE))
    renderers = [name for name in modules if name.startswith(("budgetbalans.report.build", "budgetbalans.report.write"))]
    assert renderers == []


@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up"])
def test_the_table_loads_rich(command: str) -> None:
    """The same probe sees rich where it is used: the tests above can fail."""
    status, modules = _loaded(command, "--format", "table", str(FOLLOWED_UP if command == "follow-up" else EXAMPLE))
    assert status == 0
    assert "rich.table" in modules
    assert not any(name.split(".")[0] in ("jinja2", "xlsxwriter") for name in modules)
