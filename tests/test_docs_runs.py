"""The report examples of docs/rapporter.md that run from the repository's root on its own files (CSV and
Markdown: no terminal width, no git) are what the commands print today. (An example of a folder the page
writes first, such as the contract's organisation tree, is left to its own test.)"""

from __future__ import annotations

import re
import shlex

import pytest

from tests.command import invoke
from tests.paths import ROOT

BLOCK = re.compile(r"```text\n\$ budgetbalans ([^\n]*)\n(.*?)```", re.S)
RUNNABLE = [(command, shown) for command, shown in BLOCK.findall((ROOT / "docs" / "rapporter.md").read_text("utf-8"))
            if re.search(r"--format (csv|markdown)", command)
            and all((ROOT / arg).exists() for arg in shlex.split(command) if arg.endswith(".yaml"))
            and "plan.yaml" not in command and "## Organisationen" not in shown]


def test_there_are_such_examples() -> None:
    assert len(RUNNABLE) >= 3


@pytest.mark.parametrize(("command", "shown"), RUNNABLE, ids=[command for command, _ in RUNNABLE])
def test_an_example_is_what_the_command_prints(command: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    code, out, err = invoke(*shlex.split(command))
    assert code == 0, err
    printed = out.lstrip("\ufeff").splitlines()
    missing = [line for line in shown.splitlines() if line != "…" and line not in printed]  # "…": lines left out
    assert missing == [], command
