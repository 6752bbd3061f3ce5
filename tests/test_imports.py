"""No report library loaded by a format that does not use it (the layers and cycles: test_layers.py)."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "vard-och-social-2024-2026.yaml"
FOLLOWED_UP = EXAMPLE.parent / "socialnamnden-trelleborg-2019.yaml"
HEAVY = ("rich", "jinja2", "xlsxwriter")


pytestmark = pytest.mark.clients  # the OS as a client: each run is a fresh interpreter, whose modules are the answer


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
    renderers = [name for name in modules if name.startswith(("budgetbalans.report.builders", "budgetbalans.report.writers"))]
    assert renderers == []


@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up"])
def test_the_table_loads_rich(command: str) -> None:
    """The same probe sees rich where it is used: the tests above can fail."""
    status, modules = _loaded(command, "--format", "table", str(FOLLOWED_UP if command == "follow-up" else EXAMPLE))
    assert status == 0
    assert "rich.table" in modules
    assert not any(name.split(".")[0] in ("jinja2", "xlsxwriter") for name in modules)
