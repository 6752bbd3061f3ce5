"""The real process (``python -m budgetbalans``) ends at once after the command (``os._exit``): it writes every byte
the command wrote and exits with the command's status, as the command run in-process does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command import invoke, invoke_bytes
from tests.paths import EXAMPLES

PLAN = str(EXAMPLES / "vard-och-social-2024-2026.yaml")
INVALID = "title: Åtgärdsplan\nunit: tkr\nyears: [2024]\nmeasures:\n  - id: \"1\"\n    title: Övertid\n    effects: {2024: tusen}\n"


@pytest.fixture(autouse=True)
def width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")  # the process and the in-process run print the table as wide


def process(*args: str, stderr: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "budgetbalans", *args], stdout=subprocess.PIPE, stderr=stderr,
                          timeout=60)


def test_a_report_to_standard_output_is_every_byte_and_exit_0() -> None:
    done = process("summarize", PLAN)
    code, stdout, _ = invoke_bytes("summarize", PLAN)
    assert (done.returncode, done.stdout) == (code, stdout) == (0, stdout)
    assert len(stdout) > 1000


def test_a_report_to_a_file_is_closed_whole_before_the_process_ends(tmp_path: Path) -> None:
    done = process("summarize", PLAN, "--format", "markdown", "-o", str(tmp_path / "out.md"))
    _, expected, _ = invoke_bytes("summarize", PLAN, "--format", "markdown")
    assert done.returncode == 0
    assert (tmp_path / "out.md").read_bytes() == expected


@pytest.mark.parametrize("args, status", [(("check", "{invalid}"), 1), (("summarize", "--unit", "ton"), 2)])
def test_the_exit_status_and_the_messages_are_the_commands(tmp_path: Path, args: tuple[str, ...], status: int) -> None:
    (tmp_path / "plan.yaml").write_text(INVALID, encoding="utf-8")
    argv = [arg.replace("{invalid}", str(tmp_path / "plan.yaml")) for arg in args]
    done = process(*argv)
    code, stdout, stderr = invoke(*argv)
    assert done.returncode == code == status
    assert (done.stdout.decode("utf-8"), done.stderr.decode("utf-8")) == (stdout, stderr)
    assert stdout + stderr != ""


def test_with_standard_error_closed_the_status_is_kept() -> None:
    done = process("summarize", PLAN, stderr=subprocess.DEVNULL)
    assert done.returncode == 0
    closed = subprocess.run([sys.executable, "-m", "budgetbalans", "summarize", PLAN], stdout=subprocess.DEVNULL,
                            timeout=60, preexec_fn=lambda: os.close(2))
    assert closed.returncode == 0


@pytest.mark.parametrize(("args", "status"), [(("summarize", PLAN), 0), (("check", PLAN), 0),
                                              (("summarize", "finns-inte.yaml"), 1)])
def test_with_standard_output_closed_the_status_is_the_commands_and_no_traceback(args: tuple[str, ...],
                                                                                 status: int) -> None:
    closed = subprocess.run([sys.executable, "-m", "budgetbalans", *args], stderr=subprocess.PIPE, timeout=60,
                            preexec_fn=lambda: os.close(1))
    assert closed.returncode == status
    assert b"Traceback" not in closed.stderr
