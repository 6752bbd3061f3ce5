"""Issue 14: the output edge cannot be fooled. Each test reproduces an attack or an accident first.

- a plan cannot forge a JSON value (the old writer's ``"\\0decimal:"`` marks);
- invisible and reordering characters (bidi, C1, zero-width, line separators) never reach a
  reader raw, in any format;
- a file name that is not UTF-8, or that holds a line break and a GitHub workflow command,
  is shown as ``ls -b`` would, never executed and never a crash;
- ``-o`` writes through links, into FIFOs and devices, keeps a file's mode and hard links;
- a full disk (``/dev/full``) is the environment's problem: one line, exit 2.
"""

from __future__ import annotations

import json
import re
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from budgetbalans.report.json.text import dumps, string
from tests.command import invoke

ROOT = Path(__file__).parent.parent

PLAN = """\
title: "{title}"
organisation: Nämnden
unit: tkr
years: [2024, 2025]
target: 1000
measures:
  - id: "{id}"
    title: "{title}"
    area: "{area}"
    effects: {{2024: 500, 2025: 700-1600}}
    forecast: {{2025: 650}}
"""

FORGED = {"id": "\\0decimal:true\\0", "area": "\\0decimal:{}\\0", "title": "\\0decimal:"}
INVISIBLE = "\u202e\u2066\u061c\u200b\u2028\\x9b"  # as YAML escapes in a double-quoted scalar
INVISIBLE_RAW = "\u202e\u2066\u061c\u200b\u2028\x9b"


def plan(folder: Path, name: str = "plan.yaml", **values: str) -> Path:
    fields = {"id": "1", "title": "Minska övertid", "area": "Äldreomsorg", **values}
    path = folder / name
    path.write_text(PLAN.format(**fields), encoding="utf-8")
    return path


# --- JSON: numbers as numbers, text as text -------------------------------------------------------


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up", "--year", "2025"]])
def test_a_plan_cannot_forge_a_json_value(tmp_path: Path, command: list[str]) -> None:
    path = plan(tmp_path, **FORGED)
    code, out, err = invoke(*command, str(path), "--format", "json")
    assert code == 0, err
    document = json.loads(out)
    measures = document.get("measures")
    if measures is not None:  # summarize, follow-up
        assert measures[0]["id"] == "\0decimal:true\0"
        assert measures[0]["title"] == "\0decimal:"
        if "area" in measures[0]:
            assert measures[0]["area"] == "\0decimal:{}\0"
    if "plans" in document:
        assert document["plans"][0]["title"] == "\0decimal:"


def test_exact_decimals_are_numbers_with_every_digit() -> None:
    from decimal import Decimal

    text = dumps({"a": Decimal("1234.50"), "b": Decimal("0.000001"), "c": Decimal("-0"), "d": 12, "e": None,
                  "f": [True, False], "g": {}, "h": []})
    assert json.loads(text, parse_float=Decimal) == {"a": Decimal("1234.50"), "b": Decimal("0.000001"), "c": 0,
                                                     "d": 12, "e": None, "f": [True, False], "g": {}, "h": []}
    assert '"a": 1234.50' in text and '"b": 0.000001' in text
    with pytest.raises(TypeError):
        dumps({"x": 1.5})  # a binary float never reaches the contract


def test_json_strings_escape_every_invisible_character() -> None:
    text = string("a" + INVISIBLE_RAW + "\udce5b")
    assert text == '"a\\u202e\\u2066\\u061c\\u200b\\u2028\\u009b\\udce5b"'
    assert json.loads(text) == "a" + INVISIBLE_RAW + "\udce5b"  # the same value for a JSON reader


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up", "--year", "2025"]])
def test_json_reports_carry_no_raw_bidi_or_c1_characters(tmp_path: Path, command: list[str]) -> None:
    path = plan(tmp_path, title="Minska " + INVISIBLE + "övertid")
    code, out, err = invoke(*command, str(path), "--format", "json")
    assert code == 0, err
    assert not any(ch in out for ch in INVISIBLE_RAW)
    assert "Minska \\u202e\\u2066\\u061c\\u200b\\u2028\\u009bövertid" in out
    document = json.loads(out)
    titles = [m["title"] for m in document.get("measures", [])] + [p["title"] for p in document.get("plans", [])]
    assert "Minska " + INVISIBLE_RAW + "övertid" in titles  # the same text for a JSON reader


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_check_output_carries_no_raw_bidi_or_c1_characters(tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"plan{INVISIBLE_RAW}.yaml"
    path.write_text(PLAN.format(id="1", title="x", area="y").replace("target: 1000", "taget: 1000"),
                    encoding="utf-8")
    code, out, _ = invoke("check", str(path), "--format", fmt)
    assert code == 1
    assert not any(ch in out for ch in INVISIBLE_RAW)
    assert "\\u202e" in out


# --- file names: shown as ls -b would, never acting --------------------------------------------------


NAMES_TEXT_FORMATS = ["table", "markdown", "csv", "html", "json"]


@pytest.fixture()
def non_utf8(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/pl\xe5n.yaml"
    with open(raw, "w", encoding="utf-8") as file:
        file.write(PLAN.format(id="1", title="Minska övertid", area="Äldreomsorg"))
    return folder


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up", "--year", "2025"]])
@pytest.mark.parametrize("fmt", NAMES_TEXT_FORMATS + ["xlsx", "docx"])
def test_a_file_name_that_is_not_utf8_never_crashes(non_utf8: Path, tmp_path: Path, command: list[str],
                                                     fmt: str) -> None:
    if fmt == "xlsx" and command == ["gap"]:
        pytest.skip("gap has no xlsx")
    out_file = tmp_path / f"out.{fmt}"
    args = [*command, str(non_utf8), "--format", fmt] + (["-o", str(out_file)] if fmt in ("xlsx", "docx") else [])
    code, out, err = invoke(*args)
    assert code == 0, err
    if fmt == "json":
        paths = [m["plan"] for m in json.loads(out).get("measures", [])] or [p["plan"] for p in json.loads(out)["plans"]]
        assert paths[0].endswith("pl\udce5n.yaml")  # a Python reader gets the very file name back
        assert os.fsencode(paths[0]).endswith(b"pl\xe5n.yaml")
    elif fmt in ("table", "html") and command != ["gap"]:
        assert "pl\\xe5n.yaml" in out  # as ls -b shows it
    elif fmt == "markdown" and command != ["gap"]:
        assert "pl\\\\xe5n.yaml" in out  # the backslash escaped: Markdown shows pl\xe5n.yaml


NEWLINE_NAME = "a\n::error file=x,line=1::injected\nb.yaml"


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up", "--year", "2025"], ["diff"]])
@pytest.mark.parametrize("fmt", NAMES_TEXT_FORMATS)
def test_a_file_name_cannot_inject_a_workflow_command(tmp_path: Path, command: list[str], fmt: str) -> None:
    path = plan(tmp_path, name=NEWLINE_NAME)
    path2 = plan(tmp_path, name="other.yaml", title="En annan plan")  # a caption names both plans
    code, out, err = invoke(*command, str(path), str(path2), "--format", fmt)
    assert code == 0, err
    assert not [line for line in out.splitlines() if line.lstrip().startswith("::")]
    if fmt == "json" and command != ["diff"]:
        assert any(m.get("plan", "").endswith(NEWLINE_NAME) for m in
                   json.loads(out).get("measures", json.loads(out).get("plans", [])))


# --- -o writes what the user asked for and nothing else ------------------------------------------------


def summarize_to(target: Path | str, fmt: str = "json") -> tuple[int, str]:
    code, _, err = invoke("summarize", str(ROOT / "plans"), "--format", fmt, "-o", str(target))
    return code, err


def test_o_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert summarize_to(link) == (0, "")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text())["years"]


def test_o_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    assert summarize_to(link) == (0, "")
    assert link.is_symlink() and json.loads((tmp_path / "new.json").read_text())["years"]


def test_o_keeps_the_mode_of_the_file_it_replaces(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    report.write_text("old")
    report.chmod(0o600)
    assert summarize_to(report) == (0, "")
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert json.loads(report.read_text())["years"]


def test_o_gives_a_new_file_the_umask_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        assert summarize_to(tmp_path / "new.json") == (0, "")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_o_keeps_hard_links(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    first.write_text("old")
    second = tmp_path / "b.json"
    os.link(first, second)
    assert summarize_to(first) == (0, "")
    assert first.stat().st_ino == second.stat().st_ino
    assert json.loads(second.read_text())["years"]


def test_o_writes_into_a_fifo_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    assert summarize_to(fifo, "csv") == (0, "")
    reader.join(60)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert received and received[0].startswith(b"\xef\xbb\xbf")


def test_o_dev_null_stays_a_device() -> None:
    assert summarize_to("/dev/null") == (0, "")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


# --- a full disk is the environment's, not a bug ----------------------------------------------------


@pytest.mark.clients
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["summarize", "plans"], ["summarize", "plans", "--format", "json"],
                                  ["gap", "plans"], ["check", "plans"], ["--help"], ["schema"]])
def test_a_full_disk_on_standard_output_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        ran = subprocess.run([sys.executable, "-m", "budgetbalans", *args], cwd=ROOT, stdout=full,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "BUDGETBALANS_LANG": "sv"})
    assert ran.returncode == 2
    assert ran.stderr == "budgetbalans: kan inte skriva till standard ut: disken är full\n"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_under_o_is_one_line_and_exit_2() -> None:
    code, err = summarize_to("/dev/full")
    assert code == 2 and err == "budgetbalans: kan inte skriva '/dev/full': disken är full\n"


# --- xlsx sheet names: made safe and unique, never a crash ------------------------------------------


SHEET_TITLES = ["Sammanställning", "Planen för år 2024 och 2025 ab'cdef", "🙂" * 32, "History", "'citerad'"]


def test_xlsx_sheet_names_are_made_safe_and_unique(tmp_path: Path) -> None:
    import zipfile
    from xml.etree import ElementTree

    for n, title in enumerate(SHEET_TITLES):
        (tmp_path / f"p{n}.yaml").write_text(PLAN.format(id="1", title=title, area="x"), encoding="utf-8")
    out = tmp_path / "planer.xlsx"
    code, _, err = invoke("summarize", str(tmp_path), "--format", "xlsx", "-o", str(out))
    assert code == 0, err
    with zipfile.ZipFile(out) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    names = [sheet.get("name") for sheet in workbook.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")]
    assert names == ["Sammanställning", "Sammanställning (2)", "Planen för år 2024 och 2025 ab", "🙂" * 15,
                     "History (2)", "citerad"]
    for name in names:
        assert name is not None and len(name.encode("utf-16-le")) // 2 <= 31 and not name.startswith("'")
        assert not name.endswith("'")


def sheet_names_of(path: Path) -> list[str]:
    import zipfile
    from xml.etree import ElementTree

    with zipfile.ZipFile(path) as book:
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    return [str(sheet.get("name"))
            for sheet in workbook.iter("{http://schemas.openxmlformats.org/spreadsheetml/2006/main}sheet")]


def nämnd_plan(folder: Path, name: str, organisation: str, title: str) -> None:
    text = PLAN.format(id="1", title=title, area="x").replace("organisation: Nämnden", f"organisation: {organisation}")
    (folder / name).write_text(text, encoding="utf-8")


def test_xlsx_sheets_are_named_by_what_tells_the_plans_apart(tmp_path: Path) -> None:
    """Issue 20: two nämnder's plans of the same title were both "Åtgärdsplan budget i balans 202" (and
    "(2)"): the nämnd was cut off. A plan's sheet is named by its organisation where the plans' differ."""
    title = "Åtgärdsplan budget i balans 2025–2026"
    nämnd_plan(tmp_path, "bun.yaml", "Barn- och utbildningsnämnden", title)
    nämnd_plan(tmp_path, "sn.yaml", "Socialnämnden", title)
    out = tmp_path / "planer.xlsx"
    assert invoke("summarize", str(tmp_path), "--format", "xlsx", "-o", str(out))[0] == 0
    assert sheet_names_of(out) == ["Sammanställning", "Barn- och utbildningsnämnden", "Socialnämnden"]


def test_xlsx_sheets_of_one_nämnd_keep_the_words_of_the_title_that_differ(tmp_path: Path) -> None:
    """Plans of one organisation differ by their titles: the words every title shares at the start and
    the end ("Åtgärdsplan budget i balans … 2025–2026") are left out, the rest is the name; beside
    another organisation's plan, the organisation comes first."""
    nämnd_plan(tmp_path, "a.yaml", "Socialnämnden", "Åtgärdsplan budget i balans individ- och familjeomsorg 2025–2026")
    nämnd_plan(tmp_path, "b.yaml", "Socialnämnden", "Åtgärdsplan budget i balans äldreomsorg 2025–2026")
    out = tmp_path / "planer.xlsx"
    assert invoke("summarize", str(tmp_path), "--format", "xlsx", "-o", str(out))[0] == 0
    assert sheet_names_of(out) == ["Sammanställning", "individ- och familjeomsorg", "äldreomsorg"]
    nämnd_plan(tmp_path, "c.yaml", "Kultur- och fritidsnämnden", "Åtgärdsplan budget i balans 2025–2026")
    assert invoke("summarize", str(tmp_path), "--format", "xlsx", "-o", str(out))[0] == 0
    assert sheet_names_of(out) == ["Sammanställning", "Socialnämnden – individ- och fa",  # cut at 31
                                   "Socialnämnden – äldreomsorg", "Kultur- och fritidsnämnden"]


@pytest.mark.clients
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_of_hostile_titles(tmp_path: Path) -> None:
    from tests.clients import SHEETS_AS_CSV, soffice

    for n, title in enumerate(SHEET_TITLES):
        (tmp_path / f"p{n}.yaml").write_text(PLAN.format(id="1", title=title, area="x"), encoding="utf-8")
    out = tmp_path / "planer.xlsx"
    assert invoke("summarize", str(tmp_path), "--format", "xlsx", "-o", str(out))[0] == 0
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(out)], tmp_path)
    assert len(list((tmp_path / "csv").glob("*.csv"))) == 6  # every sheet read back


# --- invisible and reordering characters never reach a reader raw ------------------------------------


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up", "--year", "2025"]])
@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html"])
def test_text_writers_pass_no_invisible_or_reordering_character(tmp_path: Path, command: list[str],
                                                                fmt: str) -> None:
    path = plan(tmp_path, title="Minska " + INVISIBLE + "övertid", area="Äldre" + INVISIBLE + "omsorg")
    code, out, err = invoke(*command, str(path), "--format", fmt)
    assert code == 0, err
    assert not [ch for ch in INVISIBLE_RAW if ch in out]
    if command == ["summarize"]:
        assert "Minska" in out and "övertid" in out


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_office_files_pass_no_invisible_or_reordering_character(tmp_path: Path, fmt: str) -> None:
    import zipfile

    path = plan(tmp_path, title="Minska " + INVISIBLE + "övertid", area="Äldre" + INVISIBLE + "omsorg")
    out = tmp_path / f"r.{fmt}"
    assert invoke("summarize", str(path), "--format", fmt, "-o", str(out))[0] == 0
    with zipfile.ZipFile(out) as book:
        text = "".join(book.read(name).decode("utf-8") for name in book.namelist() if name.endswith(".xml"))
    assert "Minska" in text and not [ch for ch in INVISIBLE_RAW if ch in text]


# --- text from a plan never acts on a CI runner (issue 21) --------------------------------------------

#: Plan text that would start a GitHub workflow command: after a line break (LF, CRLF, and the line
#: separators U+2028 and NEL), at the very start of a value, after a no-break space, and the runner's
#: older form ``##[`` anywhere in a line. As YAML escapes in a double-quoted scalar.
HOSTILE_TEXT = {
    "title": "::error::start\\n::error file=x::pwned\\r\\n::warning::x ##[error]legacy",
    "organisation": "Nämnden\\n  ::error::org\\u2028::error::ls\\x85::error::nel",
    "id": "::notice::id\\n::error::id",
    "area": "\\u00a0::error::area\\r::error::cr",
    "responsible": "Chef\\n::add-mask::r",
    "note": "Not\\n::stop-commands::token ##[stop-commands]token",
}
HOSTILE_PLAN = """\
title: "{title}"
organisation: "{organisation}"
unit: tkr
years: [2024, 2025]
target: 1000
measures:
  - id: "{id}"
    title: "{title} {extra}"
    area: "{area}"
    responsible: "{responsible}"
    note: "{note}"
    effects: {{2024: 500, 2025: {amount}}}
    forecast: {{2025: 650}}
  - id: "2"
    title: "{title}"
    area: "{area}"
    effects: {{2024: 100}}
"""
#: What the runner reads as a command: ``::`` first after blanks (its TrimStart), ``##[`` anywhere.
RUNNER_COMMAND = re.compile(r"^[\s\ufeff]*::|##\[")


def hostile_plan(folder: Path, name: str = "hostile.yaml", extra: str = "", amount: str = "700-1600") -> Path:
    path = folder / name
    path.write_text(HOSTILE_PLAN.format(**HOSTILE_TEXT, extra=extra, amount=amount), encoding="utf-8")
    return path


def runner_lines(output: str) -> list[str]:
    """The lines of ``output`` a GitHub runner would execute (a line ends at LF or CR, as the runner reads)."""
    return [line for line in re.split(r"\r\n|\r|\n", output) if RUNNER_COMMAND.search(line)]


def hostile_runs(tmp_path: Path) -> dict[str, list[str]]:
    old = hostile_plan(tmp_path / "old", extra="", amount="700")
    new = hostile_plan(tmp_path / "new", extra="ny", amount="700-1600")
    return {"summarize": ["summarize", str(new)], "gap": ["gap", str(new)],
            "follow-up": ["follow-up", str(new), "--year", "2025"], "diff": ["diff", str(old), str(new)]}


@pytest.fixture()
def hostile_folders(tmp_path: Path) -> Path:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    return tmp_path


@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up", "diff"])
@pytest.mark.parametrize("fmt", ["table", "stacked", "markdown", "csv", "html", "json"])
def test_plan_text_never_starts_a_workflow_command(hostile_folders: Path, command: str, fmt: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40" if fmt == "stacked" else "250")
    args = hostile_runs(hostile_folders)[command]
    shown = "table" if fmt == "stacked" else fmt
    code, out, err = invoke(*args, "--format", shown)
    assert code == 0, err
    assert runner_lines(out) == []
    target = hostile_folders / f"report.{shown}"
    code, _, err = invoke(*args, "--format", shown, "-o", str(target))
    assert code == 0, err
    assert runner_lines(target.read_bytes().decode("utf-8")) == []
    if fmt == "stacked" and command in ("summarize", "follow-up"):  # the layout tested: blocks, not a table
        assert "Status: " in out
    if fmt == "json":  # the text itself, unchanged for a JSON reader
        titles = json.dumps(json.loads(out), ensure_ascii=False)
        assert "##[error]legacy" in titles and "\\n::error file=x::pwned" in titles


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv"])
def test_a_command_in_plan_text_is_shown_escaped_and_readable(hostile_folders: Path, fmt: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """The colon and the bracket get a backslash (Markdown shows ``\\:`` as ``:``); the text is all there."""
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = invoke(*hostile_runs(hostile_folders)["summarize"], "--format", fmt)
    assert code == 0, err
    if fmt != "markdown":  # Markdown writes plan text on one line: no line starts with it
        assert "\\::error file=x::pwned" in out
    assert "##\\[error]legacy" in out or "\\#\\#\\[error\\]legacy" in out


def test_html_shows_a_command_in_plan_text_as_the_same_characters(hostile_folders: Path) -> None:
    from html.parser import HTMLParser

    code, out, err = invoke(*hostile_runs(hostile_folders)["summarize"], "--format", "html")
    assert code == 0, err
    assert "&#58;:error file=x::pwned" in out and "##&#91;error]legacy" in out
    words: list[str] = []
    parser = HTMLParser()
    parser.handle_data = words.append  # type: ignore[method-assign]
    parser.feed(out)
    text = "".join(words)
    assert "::error file=x::pwned" in text and "##[error]legacy" in text  # what a browser shows


def test_diff_github_writes_its_own_commands_with_plan_text_escaped(hostile_folders: Path) -> None:
    code, out, err = invoke(*hostile_runs(hostile_folders)["diff"], "--format", "github")
    assert code == 0, err
    commands = runner_lines(out)
    assert commands and all(re.match(r"::(notice|warning|error) [^:\r\n]*title=budgetbalans diff::", line)
                            for line in commands)
    assert len(commands) == len(out.splitlines()) - 1  # then the summary line, no command
    assert "%0A::error file=x::pwned%0A::warning::x" in out  # the runner decodes it back into the message


@pytest.mark.parametrize(("output", "expected"), [
    ("a\n::error::x\n", "a\n\\::error::x\n"),
    ("  ::e::x\r::w::x\r\n\u00a0::n::x", "  \\::e::x\r\\::w::x\r\n\u00a0\\::n::x"),
    ("\ufeff::bom::x\u2028::ls::x", "\ufeff\\::bom::x\u2028\\::ls::x"),
    ("mitt i ##[error]x och ::inte i början", "mitt i ##\\[error]x och ::inte i början"),
    ("| ::cell | ok", "| ::cell | ok"),
])
def test_no_commands_makes_exactly_the_runner_s_commands_inert(output: str, expected: str) -> None:
    from budgetbalans.text import backslashed, no_commands

    assert no_commands(output, backslashed) == expected


def test_a_line_break_in_plan_text_starts_an_indented_line_of_the_stacked_layout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The block of a measure stays a block: the text after a line break is on a line of its own,
    indented as the block's other lines, and no line is wider than the terminal."""
    path = plan(tmp_path, area="Äldreomsorg\\nhemtjänst i norra distriktet")
    monkeypatch.setenv("COLUMNS", "40")
    code, out, err = invoke("summarize", str(path))
    assert code == 0, err
    lines = out.splitlines()
    assert "  Område: Äldreomsorg" in lines
    assert "  hemtjänst i norra distriktet" in lines
    assert max(len(line) for line in lines) <= 40
