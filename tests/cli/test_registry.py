"""Issue 22, point 6: one registry of formats (budgetbalans.report.formats), read by every command and its --help.

Each command's ``--format`` choices as its help shows them are the registry's; every one of them is taken,
every other format name is refused (exit 2); each entry names a writer that exists; ``--help`` and ``check``
load no writer.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from budgetbalans.cli.app import app
from budgetbalans.cli.help import FORMAT_HELP
from budgetbalans.report.formats import FORMATS, ORDER, accepted, offered
from tests.command import runner
from tests.paths import EXAMPLES

COMMANDS = ("summarize", "gap", "follow-up", "check", "diff")


def _invoke(*args: str) -> tuple[int, str, str]:
    result = runner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "100", "GITHUB_ACTIONS": ""})
    return result.exit_code, result.stdout, result.stderr or ""


def _shown_choices(command: str, lang: str) -> list[str]:
    code, out, _ = _invoke("--lang", lang, command, "--help")
    assert code == 0
    found = re.search(r"^  --format \[([a-z|]+)\]", out, re.MULTILINE)
    assert found, out
    return found.group(1).split("|")


def _paths(command: str, tmp_path: Path) -> list[str]:
    """Paths that name no plan: the command takes its options, then stops at reading (exit 1)."""
    missing = str(tmp_path / "none.yaml")
    return [missing, missing] if command == "diff" else [missing]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_the_help_lists_the_registrys_formats(command: str, lang: str) -> None:
    assert _shown_choices(command, lang) == list(offered(command))
    assert offered(command)  # every command here has formats: the comparison sees some


def test_gap_lists_no_xlsx_and_summarize_does() -> None:
    """The issue's case: gap's --help listed a format gap refuses."""
    assert "xlsx" not in _shown_choices("gap", "sv") and "xlsx" in _shown_choices("summarize", "sv")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_listed_format_is_taken(command: str, tmp_path: Path) -> None:
    for name in offered(command):
        code, out, err = _invoke(command, "--format", name, "-o", str(tmp_path / f"report.{name}"),
                                 *_paths(command, tmp_path)) if FORMATS[name].file_only else \
            _invoke(command, "--format", name, *_paths(command, tmp_path))
        assert code == 1, (name, err)  # the missing plan, not the command line
        assert "--format" not in err and "okänt värde" not in err, (name, err)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_other_format_is_refused(command: str, tmp_path: Path) -> None:
    others = [name for name in FORMATS if name not in offered(command)] + ["pdf"]
    for name in others:
        output = [] if command == "check" else ["-o", str(tmp_path / "x")]
        code, out, err = _invoke(command, "--format", name, *output, *_paths(command, tmp_path))
        assert code == 2, (name, err)
        assert err.startswith("budgetbalans: --format: "), err
        listed = err.splitlines()[0].rpartition("; ")[2]
        if name in accepted(command):  # taken only to say where it is (gap's xlsx): still the offered list
            assert f"summarize --format {name}" in err and listed.endswith(" eller docx"), err
        else:
            assert listed == "välj " + ", ".join(offered(command)[:-1]) + " eller " + offered(command)[-1], err
        assert not (tmp_path / "x").exists()


def test_only_refused_formats_are_taken_beyond_the_offered() -> None:
    for command in COMMANDS:
        extra = set(accepted(command)) - set(offered(command))
        assert extra == {name for name, format in FORMATS.items() if command in format.refused_by}
        assert all(command not in FORMATS[name].writers for name in extra)
    assert accepted("gap") == (*offered("gap"), "xlsx")


@pytest.mark.parametrize("name", list(FORMATS))
def test_each_entry_names_writers_that_exist(name: str) -> None:
    """A format is one entry: its writer for each command (imported here), its words in the help."""
    format = FORMATS[name]
    assert format.name == name and format.writers
    for command, writer in format.writers.items():
        module, _, function = writer.partition(":")
        assert callable(getattr(importlib.import_module(f"budgetbalans.report.{module}"), function)), (command, writer)
        assert callable(format.writer(command))
    assert ("*", name) in FORMAT_HELP


def test_the_registry_names_real_commands() -> None:
    group = typer.main.get_command(app)
    context = group.make_context("budgetbalans", ["summarize"], resilient_parsing=True)
    real = set(group.list_commands(context))  # type: ignore[attr-defined]
    named = {command for format in FORMATS.values() for command in (*format.writers, *format.refused_by)}
    assert named <= real and set(COMMANDS) <= named
    assert all(set(order) == set(offered(command)) for command, order in ORDER.items())


def test_a_file_format_needs_output() -> None:
    for name, format in FORMATS.items():
        for command in format.writers:
            if format.file_only and command != "check":
                code, _, err = _invoke(command, "--format", name, "plans")
                assert code == 2 and f"{name} blir en fil" in err, (command, name, err)


def _loaded(*argv: str) -> list[str]:
    code = ("import json, sys\n"
            "from budgetbalans.cli.app import run\n"
            f"run({list(argv)!r})\n"
            "sys.stdout.flush()\n"
            "sys.stderr.write(json.dumps(sorted(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=True,
                          env={**os.environ, "COLUMNS": "100", "GITHUB_ACTIONS": ""})
    modules: list[str] = json.loads(done.stderr.splitlines()[-1])
    return modules


@pytest.mark.parametrize("argv", [["--help"], ["gap", "--help"], ["diff", "--help"], ["check", "--help"],
                                  ["check", str(EXAMPLES)]])
def test_help_and_check_load_no_writer(argv: list[str]) -> None:
    modules = _loaded(*argv)
    assert "budgetbalans.report.formats" in modules  # the probe sees the registry read
    assert [name for name in modules if name.startswith(("budgetbalans.report.builders", "budgetbalans.report.writers",
                                                         "jinja2", "xlsxwriter", "docx"))] == []
