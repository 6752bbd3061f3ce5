"""Every report of every example is byte for byte what it was when recorded (tests/recorded/).

The outputs were recorded before the package moved into its rooms (issue 22), so this test holds a
move or a refactor to "behaviour does not change". Run with BUDGETBALANS_RECORD=1 to record them
anew, and only where a change of output is the point (say why in the commit).

Two things are not the report's and are taken out before comparing: today's date (the report
date) is written as <TODAY>, and the zip containers of xlsx and docx are compared member by member
without ``docProps/core.xml`` (it holds the moment the file was written).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from tests.command import runner
from tests.gitrepo import git

ROOT = Path(__file__).resolve().parent.parent
RECORDED = Path(__file__).resolve().parent / "recorded"
RECORD = bool(os.environ.get("BUDGETBALANS_RECORD"))

EXAMPLES = sorted(path.name for path in (ROOT / "examples").glob("*.yaml"))
# The examples read together: the plans at the top of examples/, named one by one, where the folder would
# bring in examples/kommun/plans too (that kommun's plans are read from its own folder, with its tree).
ALL = [f"examples/{example}" for example in EXAMPLES]
REPORT_FORMATS = ["table", "json", "csv", "markdown", "html", "xlsx", "docx"]
GAP_FORMATS = ["table", "json", "csv", "markdown", "html", "docx"]
BINARY = {"xlsx", "docx"}
# Parts a docx takes from its template (large, and not ours): compared by their hash.
TEMPLATE_PARTS = ("word/styles", "word/stylesWithEffects", "word/theme/", "word/fontTable", "word/numbering",
                  "word/settings", "word/webSettings", "xl/theme/", "xl/styles")


def _cases() -> list[tuple[str, list[str], str]]:
    """(name, arguments, format) of every report recorded; paths are relative to the repository."""
    cases: list[tuple[str, list[str], str]] = []
    for example in EXAMPLES:
        stem = example.removesuffix(".yaml")
        path = f"examples/{example}"
        for format in REPORT_FORMATS:
            cases.append((f"summarize-{stem}.{format}", ["summarize", path, "--format", format], format))
            cases.append((f"follow-up-{stem}.{format}", ["follow-up", path, "--format", format], format))
        for format in GAP_FORMATS:
            cases.append((f"gap-{stem}.{format}", ["gap", path, "--format", format], format))
        for format in ("text", "json", "github"):
            cases.append((f"check-{stem}.{format}", ["check", path, "--format", format], format))
    # Several plans read together, in English, other units, groups, a year, a target of the command line.
    for format in REPORT_FORMATS:
        cases.append((f"summarize-all-en-mkr.{format}",
                      ["--lang", "en", "summarize", *ALL, "--unit", "mkr", "--format", format], format))
        cases.append((f"summarize-all-by-plan.{format}",
                      ["summarize", *ALL, "--group-by", "plan", "--format", format], format))
        cases.append((f"follow-up-all-en.{format}", ["--lang", "en", "follow-up", *ALL, "--format", format], format))
    for format in GAP_FORMATS:
        cases.append((f"gap-all.{format}", ["gap", *ALL, "--format", format], format))
        cases.append((f"gap-all-en-status.{format}",
                      ["--lang", "en", "gap", *ALL, "--status", "pågår,planerad", "--group-by", "status",
                       "--format", format], format))
        cases.append((f"gap-target-year.{format}",
                      ["gap", "examples/vard-och-social-2024-2026.yaml", "--target", "10 mkr", "--year", "2025",
                       "--unit", "kr", "--format", format], format))
        cases.append((f"gap-by-area.{format}",
                      ["gap", "examples/socialnamnden-trelleborg-2019.yaml", "--group-by", "area",
                       "--format", format], format))
    for format in ("text", "json", "github"):
        cases.append((f"check-all-en-strict.{format}",
                      ["--lang", "en", "check", *ALL, "--require-target", "--fail-on-gap", "--format", format],
                      format))
        cases.append((f"check-invalid.{format}", ["check", "tests/plans/invalid", "--format", format], format))
    cases.append(("schema.json", ["schema"], "json"))
    cases.append(("import-docx.yaml", ["import", "examples/dokument/vard-och-social-2024-2026.docx"], "yaml"))
    cases.append(("import-xlsx.yaml", ["import", "examples/dokument/kommunal-hemtjanst-2018.xlsx"], "yaml"))
    cases.append(("help.txt", ["--help"], "text"))
    cases.append(("help-summarize-en.txt", ["--lang", "en", "summarize", "--help"], "text"))
    return cases


def _normal(data: bytes, format: str) -> bytes:
    """The report without what is not the report's: today's date, and a zip's file times."""
    today = datetime.date.today().isoformat().encode()
    if format not in BINARY:
        return data.replace(today, b"<TODAY>")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            if info.filename == "docProps/core.xml":
                continue
            member = archive.read(info)
            if info.filename.endswith((".xml", ".rels")) and not info.filename.startswith(TEMPLATE_PARTS):
                body = member.replace(today, b"<TODAY>")
            else:
                body = b"sha256 " + hashlib.sha256(member).hexdigest().encode() + b"\n"
            out.write(b"== " + info.filename.encode() + b" ==\n" + body + b"\n")
    return out.getvalue()


def _run(arguments: list[str], format: str, tmp_path: Path, cwd: Path = ROOT) -> bytes:
    """The report's bytes, with the exit code and standard error after them."""
    here = os.getcwd()
    os.chdir(cwd)
    try:
        if format in BINARY:
            target = tmp_path / f"report.{format}"
            arguments = [*arguments, "-o", str(target)]
        result = runner().invoke(app, arguments, catch_exceptions=False, env={"COLUMNS": "100"})
    finally:
        os.chdir(here)
    body = (tmp_path / f"report.{format}").read_bytes() if format in BINARY else result.stdout_bytes
    stderr = result.stderr_bytes or b""
    return _normal(body, format) + f"\n== exit {result.exit_code} ==\n".encode() + stderr


def _compare(name: str, got: bytes) -> None:
    path = RECORDED / name
    if RECORD:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got)
        return
    assert path.exists(), f"{name}: not recorded; run with BUDGETBALANS_RECORD=1"
    want = path.read_bytes()
    if got != want:  # the first line that differs, not two walls of bytes
        got_lines, want_lines = got.splitlines(), want.splitlines()
        for number, (left, right) in enumerate(zip(got_lines, want_lines), 1):
            if left != right:
                pytest.fail(f"{name}:{number}:\n  now:      {left[:300]!r}\n  recorded: {right[:300]!r}")
        pytest.fail(f"{name}: {len(got_lines)} lines now, {len(want_lines)} recorded")


@pytest.mark.parametrize(("name", "arguments", "format"), _cases(), ids=[case[0] for case in _cases()])
def test_report_as_recorded(name: str, arguments: list[str], format: str, tmp_path: Path) -> None:
    _compare(name, _run(arguments, format, tmp_path))


@pytest.fixture(scope="module")
def changed_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of the examples, with a working tree that changes one plan (for ``diff``)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("repo")
    shutil.copytree(ROOT / "examples", repo / "plans", ignore=shutil.ignore_patterns("dokument", "kommun"))
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "plans")
    path = repo / "plans" / "vard-och-social-2024-2026.yaml"
    text = path.read_text(encoding="utf-8")
    # The first measure's effects shrink (its stated total no longer agrees: a warning), the
    # second measure gains a year, a measure is added, and one plan goes away.
    text = text.replace("effects: {2024: 535000, 2025: 535000, 2026: 535000}",
                        "effects: {2024: 535000, 2025: 35000, 2026: 535000}", 1)
    text = text.replace("effects: {2024: 1750000, 2025: 750000}", "effects: {2024: 1750000, 2025: 750000, 2026: 1}", 1)
    text += """  - id: "99"
    title: Ny åtgärd
    status: planerad
    effects:
      2025: 250000
      2026: 0,5 mkr
"""
    lines = [text]
    path.write_text("".join(lines), encoding="utf-8")
    (repo / "plans" / "kommunal-hemtjanst-2018-2019.yaml").unlink()
    return repo


@pytest.mark.clients
@pytest.mark.parametrize("format", ["table", "markdown", "json", "github", "csv", "html", "xlsx"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_diff_as_recorded(format: str, lang: str, changed_repository: Path, tmp_path: Path) -> None:
    arguments = ["--lang", lang, "diff", "plans", "--base", "HEAD", "--format", format]
    _compare(f"diff-{lang}.{format}", _run(arguments, format, tmp_path, cwd=changed_repository))
