"""Every table of every command keeps its amounts whole and its headers' words whole, at any width.

(The terminal first; the HTML page after it: the same cells are never wrapped there either.)

Issue 20: ``COLUMNS=140 budgetbalans diff --base T2`` broke "kvar att spara 1 062" over two lines and,
at 120 columns, a header inside a word ("Kvar/översko" / "tt före"). The rule the summarize table
keeps (tests/report/writers/test_terminal_width.py) holds for ``diff``, ``gap``, ``follow-up`` and ``summarize``:
two plans with per-year targets, forecasts and ranges, compared in a real git repository with
``diff --base``, are printed at every width from 40 to 200 columns, and

- every cell that carries an amount (an amount column's, or one with a figure behind its words:
  "kvar att spara 1 062", "överskott 400 (2025)") is on one line: a table's cell between its
  lines, or a value after its header where the table is printed as blocks;
- every header of a drawn table, its lines joined, is its words: none broken inside;
- no line is wider than the terminal and nothing is cut with "…".

The Document each run printed is caught at the terminal writer (``render.table.write``), so the
cells checked are exactly those the run printed, chosen by what they carry, not by how they are
marked for the writer.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from budgetbalans.cli.app import app
from budgetbalans.report.writers import html as page
from budgetbalans.report.writers import terminal
from budgetbalans.report.model import Audience, Document
from budgetbalans.report.options import WriteOptions
from tests.clients import CHROMIUM, run_chromium
from tests.command import runner
from tests.fast_loop import widths
from tests.gitrepo import git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

WIDTHS = widths(range(40, 201))
OMSORG = """\
title: Åtgärdsplan för budget i balans 2025–2026
organisation: Vård- och omsorgsnämnden
unit: tkr
years: [2025, 2026]
as_of: 2025-08-31
target: {2025: 3 000, 2026: 3 500}
measures:
  - id: "1"
    title: Gemensamma skift och bemanning på de särskilda boendena
    status: pågår
    effects: {2025: 1 200, 2026: 1 800}
    forecast: {2025: 900}
  - id: "2"
    title: Minskad sjukfrånvaro
    effects: {2025: 1 100, 2026: 1 300}
    forecast: {2025: 1 250}
  - id: "3"
    title: Färre externa placeringar av barn och unga
    effects: {2025: 700}
  - id: "4"
    title: Digitala larm
    effects: {2026: 100-250}
"""
SKOLA = """\
title: Åtgärdsplan skola 2025–2026
organisation: Barn- och utbildningsnämnden
unit: tkr
years: [2025, 2026]
as_of: 2025-08-31
target: {2025: 400, 2026: 400}
measures:
  - id: S1
    title: Samordnad skolskjuts
    effects: {2025: 300, 2026: 300}
    forecast: {2025: 150}
"""
#: The working tree's changes: 2025 falls 1 062 short (the plans together), skola's 2026 turns to a surplus.
CHANGES = {"omsorg.yaml": ("effects: {2025: 1 100, 2026: 1 300}", "effects: {2025: 338, 2026: 1 300}"),
           "skola.yaml": ("effects: {2025: 300, 2026: 300}", "effects: {2025: 100, 2026: 1 300}")}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two plans committed and tagged T2, then changed in the working tree."""
    root = tmp_path_factory.mktemp("kommun")
    (root / "plans").mkdir()
    (root / "plans" / "omsorg.yaml").write_text(OMSORG, encoding="utf-8")
    (root / "plans" / "skola.yaml").write_text(SKOLA, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-qm", "Planerna 2025–2026")
    git(root, "tag", "T2")
    for name, (old, new) in CHANGES.items():
        path = root / "plans" / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")
    return root


def printed(args: list[str], width: int, repo: Path, monkeypatch: pytest.MonkeyPatch,
            writer: object = terminal) -> tuple[str, Document]:
    """What ``budgetbalans ARGS`` prints at ``width`` columns, and the Document the writer (the terminal's,
    or another writer module) was given."""
    caught: list[Document] = []
    write = getattr(writer, "write")

    def catching(document: Document, options: WriteOptions) -> str:
        caught.append(document)
        return str(write(document, options))

    monkeypatch.setattr(writer, "write", catching)
    monkeypatch.chdir(repo)
    result = runner().invoke(app, args, env={"COLUMNS": str(width), "BUDGETBALANS_LANG": ""},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(caught) == 1
    return result.stdout, caught[0]


def amount_cells(document: Document) -> Iterator[str]:
    """The text of every cell that carries an amount: an amount column's, or a cell with a figure behind it."""
    for table in document.tables(Audience.TEXT):
        shown = table.shown_columns(Audience.TEXT)
        for _, row in table.shown(Audience.TEXT):
            for index in shown:
                cell = row.cells[index]
                if cell.text and (table.columns[index].numeric or cell.value is not None):
                    yield cell.text


def amounts_whole(text: str, output: str) -> bool:
    """Whether every amount of ``text`` is on one line of ``output`` (for a cell wider than a line)."""
    flat = re.sub("[\u2500-\u257f]", " ", output)
    return all(re.search(rf"(?<![\d,])(?<!\d ){re.escape(amount)}(?! \d{{3}}(?!\d))(?![\d,])", flat)
               for amount in re.findall(r"\d+(?: \d{3})*(?:,\d+)?", text))


def on_one_line(text: str, output: str) -> bool:
    """Whether ``text`` is one cell of a drawn table's line, or one value of a block's line."""
    value = re.compile(rf"(?:^ *|: | · ){re.escape(text)}(?: · |$)")
    for line in output.splitlines():
        if text in (segment.strip() for segment in re.split("[│┃]", line)) or value.search(line.rstrip()):
            return True
    return False


def drawn_headers(output: str) -> Iterator[list[str]]:
    """Each column's header of every drawn table, its lines joined: its words as printed."""
    columns: list[list[str]] = []
    for line in output.splitlines():
        stripped = line.strip()
        if stripped.startswith("┏"):
            columns = []
        elif stripped.startswith("┃"):
            pieces = stripped.strip("┃").split("┃")
            columns = columns or [[] for _ in pieces]
            for column, piece in zip(columns, pieces):
                column.append(piece.strip())
        elif stripped.startswith("┡"):
            yield from (" ".join(column).split() for column in columns)


def assert_laid_out(output: str, document: Document, width: int) -> None:
    too_wide = [line for line in output.splitlines() if len(line) > width]
    assert not too_wide, f"lines wider than {width}: {too_wide}"
    assert "…" not in output
    # a block's values are indented by two: a cell wider than that can only keep its amounts whole
    broken = [text for text in amount_cells(document) if not (
        on_one_line(text, output) if len(text) <= width - 2 else amounts_whole(text, output))]
    assert not broken, f"not whole on one line at width {width}: {broken}\n{output}"
    headers = {tuple(column.header.split()) for table in document.tables() for column in table.columns}
    split = [words for words in drawn_headers(output) if tuple(words) not in headers | {()}]
    assert not split, f"a header broken inside a word at width {width}: {split}\n{output}"


COMMANDS = {
    "diff": ["diff", "--base", "T2"],
    "gap": ["gap", "plans"],
    "follow-up": ["follow-up", "plans"],
    "summarize": ["summarize", "plans"],
}
#: The commands, with ``diff --base`` among the clients: it reads the base from git.
COMMAND_NAMES = [pytest.param(name, marks=pytest.mark.clients) if name == "diff" else name for name in COMMANDS]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("unit", ["tkr", "kr"])
@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_table_keeps_amounts_and_header_words_whole_at_every_width(
        command: str, unit: str, lang: str, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: set[str] = set()
    for width in WIDTHS:
        output, document = printed(["--lang", lang, *COMMANDS[command], "--unit", unit], width, repo, monkeypatch)
        assert_laid_out(output, document, width)
        seen |= set(amount_cells(document))
    if command == "diff" and lang == "sv":  # the cells are among those checked
        assert f"kvar att spara {'1 062' if unit == 'tkr' else '1 062 000'}" in seen, seen


def test_the_check_sees_a_cell_broken_over_two_lines() -> None:
    """The checks above can fail: a cell over two lines, a header broken inside a word."""
    table = "┃ Kvar/översko ┃\n┃ tt före      ┃\n┡━━━━━━━━━━━━━━┩\n│ kvar att     │\n│ spara 1 062  │\n"
    assert not on_one_line("kvar att spara 1 062", table)
    assert on_one_line("kvar att spara 1 062", "│ kvar att spara 1 062 │\n")
    assert on_one_line("kvar att spara 1 062", "  2025: kvar att spara 1 062 · 2026: överskott 0\n")
    assert list(drawn_headers("┏━┓\n" + table)) == [["Kvar/översko", "tt", "före"]]
    assert not amounts_whole("kvar att spara 1 062 (2025)", "  kvar att spara 1\n  062 (2025)\n")
    assert amounts_whole("kvar att spara 1 062 (2025)", "  kvar att spara\n  1 062 (2025)\n")


# --- the HTML page: the same cells are never wrapped ---------------------------------------------

#: Injected before </body>: every table cell's text, how many lines it takes, and its white-space.
LINES = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const lines = td => { const r = document.createRange(); r.selectNodeContents(td);
    return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; };
  const cells = [...document.querySelectorAll("td")].map(td => [td.textContent, lines(td),
    getComputedStyle(td).whiteSpace]);
  const out = document.createElement("pre"); out.id = "cells"; out.textContent = JSON.stringify(cells);
  document.body.appendChild(out);
});
</script>"""


def html_page(command: str, repo: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Document]:
    _, document = printed([*COMMANDS[command], "--format", "html", "-o", "rapport.html"], 80, repo, monkeypatch,
                          writer=page)
    return (repo / "rapport.html").read_text(encoding="utf-8"), document


@pytest.mark.parametrize("command", COMMAND_NAMES)
def test_every_amount_cell_of_the_page_is_marked_never_to_wrap(
        command: str, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, document = html_page(command, repo, monkeypatch)
    cells = re.findall(r"<td(?: class=\"([^\"]*)\")?>([^<]*)</td>", text)
    classes: dict[str, set[str]] = {}
    for css, content in cells:
        classes.setdefault(html.unescape(content), set()).add(css)
    amounts = set(amount_cells(document)) - {"–"}
    assert amounts and amounts <= set(classes)
    unmarked = {cell: css for cell, css in classes.items() if cell in amounts
                and not all({"num", "whole"} & set(one.split()) for one in css)}
    assert not unmarked
    assert re.search(r"td\.whole \{ white-space: nowrap; \}", text) and "white-space: nowrap" in text


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed: the cells are measured in it")
@pytest.mark.parametrize("command", list(COMMANDS))
def test_in_a_narrow_window_every_amount_cell_is_one_line(
        command: str, repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    text, document = html_page(command, repo, monkeypatch)
    probe = tmp_path / "probe.html"
    probe.write_text(text.replace("</body>", LINES + "</body>"), encoding="utf-8")
    ran = run_chromium(["--window-size=600,900", "--dump-dom", probe.as_uri()], tmp_path)
    found = re.search(r'<pre id="cells">(.*?)</pre>', ran.stdout, re.S)
    assert found, ran.stderr[-2000:]
    measured: list[tuple[str, int, str]] = json.loads(html.unescape(found.group(1)))
    amounts = set(amount_cells(document)) - {"–"}
    assert amounts <= {cell for cell, _, _ in measured}
    wrapped = [(cell, lines) for cell, lines, _ in measured if cell in amounts and lines != 1]
    assert not wrapped
    assert any(lines > 1 for _, lines, _ in measured)  # the window is narrow enough to wrap the rest
