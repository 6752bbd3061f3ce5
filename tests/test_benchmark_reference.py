"""benchmarks/typer_floor.py parses the command lines of summarize and check as budgetbalans does.

The benchmark times that do-nothing typer program beside budgetbalans's cold start to tell
typer's share from budgetbalans's own; that is only true while each of its commands has the
same parameters as budgetbalans's: names, types, defaults and option names.
"""

from __future__ import annotations

import importlib.util
import inspect
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Callable, get_args, get_origin, get_type_hints

import pytest
import typer

from budgetbalans.cli import app as cli
from budgetbalans.cli.commands import check, summarize
REFERENCE = Path(__file__).parent.parent / "benchmarks" / "typer_floor.py"


def _reference() -> Any:
    spec = importlib.util.spec_from_file_location("typer_floor", REFERENCE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(annotation: Any) -> Any:
    """An annotation as data: an enumeration by its values, typer's parameter by its declaration."""
    if get_origin(annotation) is Annotated:
        base, *extras = get_args(annotation)
        return ("annotated", _shape(base), tuple(_info(extra) for extra in extras))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ("enum", tuple(member.value for member in annotation))
    if get_origin(annotation) is not None:
        return (get_origin(annotation), tuple(_shape(arg) for arg in get_args(annotation)))
    return annotation


def _info(extra: Any) -> Any:
    if isinstance(extra, typer.models.ParameterInfo):
        # Under Annotated, typer keeps the first name in ``default`` and the rest in ``param_decls``.
        return (type(extra).__name__, extra.default, tuple(extra.param_decls or ()), extra.is_eager,
                extra.callback is not None, getattr(extra, "readable", True))
    return extra


def _parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    hints = get_type_hints(function, include_extras=True)
    return [(name, _shape(hints[name]), parameter.default.value if isinstance(parameter.default, Enum)
             else parameter.default)
            for name, parameter in inspect.signature(function).parameters.items()]


@pytest.mark.parametrize("name", ["main", "summarize_command", "check_command"])
def test_the_reference_has_budgetbalans_parameters(name: str) -> None:
    real = {"main": cli.main, "summarize_command": summarize.command, "check_command": check.command}[name]
    reference = getattr(_reference(), name)
    assert _parameters(reference) == _parameters(real)
    assert len(_parameters(real)) >= 3  # the comparison sees the parameters at all


def test_the_comparison_tells_a_difference() -> None:
    """A parameter with another type or option name is seen (the test above can fail)."""
    def other(format: Annotated[str | None, typer.Option("--format", callback=print)] = "table") -> None: ...
    def renamed(format: Annotated[str, typer.Option("--form")] = "table") -> None: ...
    def same(format: Annotated[str, typer.Option("--format", callback=print)] = "table") -> None: ...
    assert _parameters(other) != _parameters(same)
    assert _parameters(renamed) != _parameters(same)


@pytest.mark.parametrize("argv", [["summarize", "plan.yaml", "--format", "json", "--unit", "mkr", "-o", "x"],
                                  ["check", "plan.yaml", "--format", "github", "--fail-on-gap"], ["--version"]])
def test_the_reference_parses_and_does_nothing(argv: list[str], tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(REFERENCE), *argv], capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (0, "")
    assert list(tmp_path.iterdir()) == []  # -o x is parsed, not written
