"""Hostile input: every file a plan folder could hold ends in a clear message, never a hang or traceback.

Each test runs `budgetbalans check` inside this process and asserts its outcome: the exit code,
the problem line, and for the large files that nothing was left half-read. No test asserts how
long that takes, so none passes or fails with the machine's speed; `benchmarks/run.py` measures
the time of these inputs beside PyYAML's raw load of the same files. The only clock left is
:data:`HANG_GUARD`, far above any run, for the checks that would block forever (FIFOs).
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import pytest

from budgetbalans.read import loader

from budgetbalans.read import yamlsource
from budgetbalans.cli.app import app
from budgetbalans.errors import PlanError
from budgetbalans.read.yamlsource import MAX_DEPTH
from tests.command import runner

#: Seconds a check may take before the FIFO and device tests call it hung (they run in a thread).
HANG_GUARD = 60.0

PLAN = """\
title: Åtgärdsplan
unit: tkr
years: [2024, 2025]
target: 1000
measures:
  - id: "1"
    title: Minska övertid
    effects: {2024: 500, 2025: 700-1600}
"""


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the Swedish (the default) is in test_messages.py."""
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")


@pytest.fixture(autouse=True)
def _plain_text_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run_check(*paths: Path | str) -> tuple[int, list[str]]:
    """Run `check` on ``paths``: its exit code and output lines."""
    result = runner().invoke(app, ["check", *map(str, paths)], catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


def rejected(path: Path) -> str:
    """The one problem `check` reports for ``path`` (after asserting exit 1)."""
    code, lines = run_check(path)
    assert code == 1, lines
    assert lines[-1] == "1 problem in 1 of 1 plan", lines
    [problem] = lines[:-1]
    return problem


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


# --- YAML bombs and deep nesting --------------------------------------------------------------------

BILLION_LAUGHS = """\
title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
measures: *i
"""


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    problem = rejected(write(tmp_path / "bomb.yaml", BILLION_LAUGHS))
    assert problem == f"{tmp_path}/bomb.yaml:1:8: anchors (&a) are not allowed in plan files; write the value out"


def test_an_alias_alone_is_refused(tmp_path: Path) -> None:
    problem = rejected(write(tmp_path / "alias.yaml", "title: T\nmeasures: *lol\n"))
    assert problem.endswith("alias.yaml:2:11: aliases (*lol) are not allowed in plan files; write the value out")


@pytest.fixture(params=["libyaml", "python"])
def parser_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """libyaml's C parser, or PyYAML's pure-Python one with no fast path (as where PyYAML lacks libyaml)."""
    if request.param == "python":
        monkeypatch.setattr(yamlsource, "_Parser", yamlsource.PurePythonParser)
        monkeypatch.setattr(yamlsource, "_FastParser", None)
    elif yamlsource._FastParser is None:
        pytest.skip("PyYAML was built without libyaml")
    return str(request.param)


@pytest.mark.parametrize(("name", "text"), [
    ("flow-sequences.yaml", "title: T\nnote: " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ("flow-unclosed.yaml", "[" * 100_000),
    ("flow-mappings.yaml", "title: T\nnote: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n"),
    ("block-sequences.yaml", "title: T\nnote:\n" + "- " * 5_000 + "x\n"),
    ("block-mappings.yaml", "".join(" " * depth + "a:\n" for depth in range(1_000)) + " " * 1_000 + "x\n"),
])
def test_nesting_thousands_deep_stops_at_max_depth(tmp_path: Path, parser_path: str, name: str, text: str) -> None:
    # PyYAML's composer recurses (the C one segfaults on this), so plans are built from events and
    # our builder stops at MAX_DEPTH; libyaml 0.2.6 and newer stop flow nesting at 1000 levels
    # first, in their own words. Whichever parser stops first, the user reads the same: one line
    # at a place in the file, our message, exit 1, and no plan comes back half-read.
    path = write(tmp_path / name, text)
    problem = rejected(path)
    place = re.match(rf"{re.escape(str(path))}:(\d+):(\d+): nested more than {MAX_DEPTH} levels deep; "
                     "a plan is at most 5 levels deep", problem)
    assert place, problem
    lines = text.split("\n")
    line, column = int(place[1]), int(place[2])
    assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1, problem
    with pytest.raises(PlanError) as caught:
        loader.load_plan(path)
    assert [found.code for found in caught.value.problems] == ["yaml.too_deep"]


# --- numbers with thousands of digits, very long lines -----------------------------------------------


def measure_with(effects: str) -> str:
    return PLAN.replace("effects: {2024: 500, 2025: 700-1600}", effects)


@pytest.mark.parametrize(("name", "text", "where", "phrase"), [
    ("effect.yaml", measure_with("effects: {2024: " + "9" * 5_000 + "}"), (8, 21), "too long to be an amount"),
    ("effect-30.yaml", measure_with("effects: {2024: " + "9" * 30 + "}"), (8, 21),
     "has too many digits; amounts have at most 15 digits before the decimal comma and 6 after it"),
    ("decimals.yaml", measure_with("effects: {2024: '0," + "1" * 5_000 + "'}"), (8, 21), "too long to be an amount"),
    ("decimals-30.yaml", measure_with("effects: {2024: '0," + "1" * 30 + "'}"), (8, 21), "has too many digits"),
    ("range.yaml", measure_with("effects: {2024: 1-" + "9" * 5_000 + "}"), (8, 21), "too long to be an amount"),
    ("range-30.yaml", measure_with("effects: {2024: 1-" + "9" * 30 + "}"), (8, 21), "has too many digits"),
    ("full-year.yaml", measure_with("full_year: " + "9" * 90_000), (8, 16), "too long to be an amount"),
    ("target.yaml", PLAN.replace("target: 1000", "target: " + "1" * 100_000), (4, 9), "too long to be an amount"),
    ("target-years.yaml", PLAN.replace("target: 1000", "target: {2024: " + "1" * 100_000 + "}"), (4, 16),
     "too long to be an amount"),
    ("year-key.yaml", measure_with("effects:\n      ? " + "2" * 5_000 + "\n      : 500"), (9, 9),
     "is not a year; write a four-digit year such as 2025"),
    ("years.yaml", PLAN.replace("[2024, 2025]", "[" + "2" * 5_000 + "]"), (3, 9), "is not a year"),
    ("interval.yaml", measure_with("effects: {2024: {interval: " + "4" * 5_000 + "}}"), (8, 32),
     "does not exist; the classes are 1"),
])
def test_numbers_with_thousands_of_digits(tmp_path: Path, name: str, text: str, where: tuple[int, int],
                                          phrase: str) -> None:
    problem = rejected(write(tmp_path / name, text))
    assert problem.startswith(f"{tmp_path}/{name}:{where[0]}:{where[1]}: ")
    assert phrase in problem
    assert len(problem) < 300 + len(str(tmp_path))  # the number is clipped in the message


@pytest.mark.parametrize(("name", "text", "where", "phrase"), [
    ("title.yaml", PLAN.replace("title: Åtgärdsplan", "title: " + "x" * 900_000), (1, 8),
     "'title' is too long (at most 10 000 characters)"),
    # long runs of spaces once made the amount pattern take quadratic time (minutes for this file)
    ("spaces.yaml", measure_with("effects: {2024: '1" + " " * 900_000 + "x'}"), (8, 21),
     "is too long to be an amount (over 100 characters)"),
    ("spaced-range.yaml", measure_with("effects: {2024: '1" + " " * 400_000 + "-" + " " * 400_000 + "2 kr'}"),
     (8, 21), "is too long to be an amount"),
    ("key.yaml", PLAN.replace("unit: tkr", "? " + "k" * 900_000 + "\n: 1"), (2, 3), "unknown key 'kkkkkk"),
    ("status.yaml", measure_with("status: " + "å" * 400_000), (8, 13), "unknown status 'åååå"),
])
def test_a_very_long_line(tmp_path: Path, name: str, text: str, where: tuple[int, int], phrase: str) -> None:
    assert len(text.encode()) <= loader.MAX_FILE_BYTES
    problem = rejected(write(tmp_path / name, text))
    assert problem.startswith(f"{tmp_path}/{name}:{where[0]}:{where[1]}: ")
    assert phrase in problem
    assert len(problem) < 400 + len(str(tmp_path))


def test_many_mistakes_are_all_reported(tmp_path: Path) -> None:
    measures = "".join(f'  - id: "{n % 50}"\n    title: Åtgärd\n    efects: {{2024: 1.5.0}}\n' for n in range(3_000))
    path = write(tmp_path / "many.yaml", PLAN.split("measures:")[0] + "measures:\n" + measures)
    code, lines = run_check(path)
    assert code == 1
    assert lines[-1] == "5950 problems in 1 of 1 plan"  # 3000 unknown keys, 2950 ids used twice
    # to the last measure: its misspelt key is on line 5 + 3 × 3000
    assert lines[-2].startswith(f"{path}:9005:5: unknown key 'efects'"), lines[-2]


def test_a_large_valid_plan_is_read_whole(tmp_path: Path) -> None:
    measures = "".join(f'  - id: "{n}"\n    title: Åtgärd {n}\n    status: pågår\n    effects: {{2024: 1 500, '
                       f'2025: 700-1600}}\n' for n in range(5_000))
    path = write(tmp_path / "large.yaml", PLAN.split("measures:")[0] + "measures:\n" + measures)
    assert path.stat().st_size > 400_000
    assert run_check(path) == (0, ["no problems in 1 plan"])
    result = runner().invoke(app, ["summarize", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert [measure["id"] for measure in document["measures"]] == [str(n) for n in range(5_000)]
    assert document["totals"] == {"2024": {"low": 5_000 * 1_500_000, "high": 5_000 * 1_500_000},
                                  "2025": {"low": 5_000 * 700_000, "high": 5_000 * 1_600_000}}


# --- encodings, control characters -------------------------------------------------------------------


ASCII_TITLE = PLAN.replace("Åtgärdsplan", "Plan")


@pytest.mark.parametrize(("name", "content", "where", "byte"), [
    ("latin-1.yaml", PLAN.encode("latin-1"), (1, 8), "0xc5"),
    ("latin-1-later.yaml", ASCII_TITLE.encode("latin-1"), (7, 19), "0xf6"),
    ("cp1252-dash.yaml", ASCII_TITLE.replace("Minska övertid", "Minska").replace("700-1600", "700–1600")
     .encode("cp1252"), (8, 35), "0x96"),
    ("utf-16.yaml", PLAN.encode("utf-16"), (1, 1), "0xff"),
    ("after-bom.yaml", b"\xef\xbb\xbftitle: T\nsource: \xe5\n", (2, 9), "0xe5"),
    ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", (1, 1), "0x89"),
])
def test_not_utf8(tmp_path: Path, name: str, content: bytes, where: tuple[int, int], byte: str) -> None:
    problem = rejected(write(tmp_path / name, content))
    assert problem == (f"{tmp_path}/{name}:{where[0]}:{where[1]}: the file is not UTF-8 text (byte {byte}); "
                       "save it as UTF-8 (in Excel or Notepad: 'Save as', encoding UTF-8)")


def test_nul_bytes(tmp_path: Path) -> None:
    problem = rejected(write(tmp_path / "nul.yaml", PLAN.replace("Minska", "Min\x00ska").encode()))
    assert problem == f"{tmp_path}/nul.yaml:7:15: the file contains a NUL character; it is not a text file"


@pytest.mark.parametrize("character", ["\x1b", "\x7f", "\x9b", "\ufffe"])
def test_control_characters_yaml_forbids(tmp_path: Path, character: str) -> None:
    problem = rejected(write(tmp_path / "plan.yaml", PLAN.replace("Minska", "Min" + character + "ska")))
    assert problem.startswith(f"{tmp_path}/plan.yaml:7:15: the character U+{ord(character):04X} is not allowed")
    assert character not in problem


def test_escape_sequences_written_as_yaml_escapes_never_reach_the_terminal(tmp_path: Path) -> None:
    text = PLAN.replace('    title: Minska övertid', '    title: Minska övertid\n    status: "\\e[2J\\u202eklart"')
    problem = rejected(write(tmp_path / "plan.yaml", text))
    assert problem.startswith(f"{tmp_path}/plan.yaml:8:13: unknown status ")
    assert "\x1b" not in problem and "\u202e" not in problem


def test_bom_and_windows_line_endings_are_fine(tmp_path: Path) -> None:
    path = write(tmp_path / "windows.yaml", "\ufeff" + PLAN.replace("\n", "\r\n"))
    assert run_check(path) == (0, ["no problems in 1 plan"])


def test_bom_and_windows_line_endings_keep_positions(tmp_path: Path) -> None:
    text = "\ufeff" + PLAN.replace("target", "taget").replace("\n", "\r\n")
    code, lines = run_check(write(tmp_path / "windows.yaml", text))
    assert code == 1
    assert lines[0] == f"{tmp_path}/windows.yaml:4:1: unknown key 'taget' — did you mean 'target'?"
    in_measure = write(tmp_path / "measure.yaml", text.replace("taget", "target").replace("effects", "efects"))
    assert run_check(in_measure)[1][0] == f"{in_measure}:8:5: unknown key 'efects' — did you mean 'effects'?"
    first_line = rejected(write(tmp_path / "first.yaml", "\ufeffefects: 1\r\ntitle: T\r\n"))
    assert first_line.startswith(f"{tmp_path}/first.yaml:1:1: unknown key 'efects'")


def test_old_mac_line_endings(tmp_path: Path) -> None:
    text = PLAN.replace("unit: tkr", "unit: tkr\nefects: 1").replace("\n", "\r")
    problem = rejected(write(tmp_path / "mac.yaml", text))
    assert problem.startswith(f"{tmp_path}/mac.yaml:3:1: unknown key 'efects'")


# --- tags -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "shown"), [
    ("!!python/object/apply:os.system ['touch {marker}']", "!!python/object/apply:os.system"),
    ("!!python/object/new:os.system ['touch {marker}']", "!!python/object/new:os.system"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!python/module:os", "!!python/module:os"),
    ("!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']", "!!python/object/apply:os.system"),
    ("!!binary aGVq", "!!binary"),
    ("!!set {a, b}", "!!set"),
    ("!!timestamp 2024-01-01", "!!timestamp"),
    ("!!float 1e3", "!!float"),
    ("!belopp 500", "!belopp"),
])
def test_tags_are_refused_and_nothing_runs(tmp_path: Path, value: str, shown: str) -> None:
    marker = tmp_path / "ran"
    path = write(tmp_path / "plan.yaml", PLAN.replace("Minska övertid", value.replace("{marker}", str(marker))))
    problem = rejected(path)
    assert problem == f"{path}:7:12: YAML tags such as {shown} are not allowed in plan files; remove it"
    assert not marker.exists()


def test_a_tag_on_the_whole_document(tmp_path: Path) -> None:
    problem = rejected(write(tmp_path / "plan.yaml", "!!python/object:budgetbalans.models.Plan\n" + PLAN))
    assert problem.endswith("plan.yaml:1:1: YAML tags such as !!python/object:budgetbalans.models.Plan are not "
                            "allowed in plan files; remove it")


# --- big files, special files, links ------------------------------------------------------------------


def test_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:  # sparse: 100 MB that take no room
        file.write(PLAN.encode())
        file.truncate(100 * 1024 * 1024)
    assert rejected(path) == (f"{path}: the file is larger than 1 MiB; a plan file is a few kilobytes, "
                              "split it into several plans")


def test_a_file_just_over_the_size_limit(tmp_path: Path) -> None:
    padding = "#" * (loader.MAX_FILE_BYTES - len(PLAN.encode())) + "\n"
    assert "larger than 1 MiB" in rejected(write(tmp_path / "plan.yaml", PLAN + padding))
    at_limit = write(tmp_path / "ok" / "plan.yaml", PLAN + padding[1:])
    assert at_limit.stat().st_size == loader.MAX_FILE_BYTES
    assert run_check(at_limit) == (0, ["no problems in 1 plan"])


def test_the_size_limit_counts_what_is_read_not_what_the_file_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    # /proc files say they are empty (st_size 0) and are not: like /dev/zero, only reading tells.
    status = Path("/proc/self/status")
    if not status.is_file():
        pytest.skip("needs /proc")
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 64)
    code, lines = run_check(status)
    assert code == 1
    assert lines[0].startswith(f"{status}: the file is larger than ")


def run_unless_hung(*paths: Path | str) -> tuple[int, list[str]]:
    """Like run_check, in a daemon thread, so a check that blocks (opening a FIFO) fails instead of hanging.

    HANG_GUARD only tells a check that never returns from one that does; it is no speed limit.
    """
    outcome: list[Any] = []
    thread = threading.Thread(target=lambda: outcome.append(run_check(*paths)), daemon=True)
    thread.start()
    thread.join(HANG_GUARD)
    assert not thread.is_alive(), f"check still blocked after {HANG_GUARD:g} s: it hangs"
    assert outcome, "check failed"
    return outcome[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_a_plan_is_not_opened(tmp_path: Path) -> None:
    write(tmp_path / "a-plan.yaml", PLAN)
    os.mkfifo(tmp_path / "plan.yaml")
    code, lines = run_unless_hung(tmp_path)
    assert code == 1
    assert lines == [f"{tmp_path}/plan.yaml: not a plan file but a named pipe (FIFO); only regular files are read",
                     "1 problem in 1 of 2 plans"]
    assert run_unless_hung(tmp_path / "plan.yaml")[0] == 1


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_not_read(device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    code, lines = run_unless_hung(device)
    assert (code, lines) == (1, [f"{device}: not a plan file but a device; only regular files are read",
                                 "1 problem in 1 of 1 plan"])


def test_a_symlink_loop_in_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "plans" / "plan.yaml", PLAN)
    os.symlink(tmp_path / "plans", tmp_path / "plans" / "loop")
    os.symlink("..", tmp_path / "plans" / "up")
    assert run_check(tmp_path / "plans") == (0, ["no problems in 1 plan"])


def test_a_symlink_named_like_a_plan_pointing_to_a_folder(tmp_path: Path) -> None:
    write(tmp_path / "plans" / "plan.yaml", PLAN)
    os.symlink(tmp_path, tmp_path / "plans" / "x.yaml")
    assert run_check(tmp_path / "plans") == (0, ["no problems in 1 plan"])


def test_broken_and_looping_links_named_like_plans(tmp_path: Path) -> None:
    write(tmp_path / "plan.yaml", PLAN)
    os.symlink(tmp_path / "missing.yaml", tmp_path / "broken.yaml")
    os.symlink(tmp_path / "b.yaml", tmp_path / "a.yaml")
    os.symlink(tmp_path / "a.yaml", tmp_path / "b.yaml")
    code, lines = run_check(tmp_path)
    assert code == 1
    assert lines == [
        f"{tmp_path}/a.yaml: cannot read the file: the links point to each other in a loop",
        f"{tmp_path}/b.yaml: cannot read the file: the links point to each other in a loop",
        f"{tmp_path}/broken.yaml: cannot read the file: it does not exist (a link to something that is not there?)",
        "3 problems in 3 of 4 plans",
    ]


# --- unreadable files and folders, no plans --------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads files whatever their mode; see the monkeypatched test below")
def test_an_unreadable_file_by_its_mode(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.yaml", PLAN)
    path.chmod(0)
    try:
        assert rejected(path) == f"{path}: cannot read the file: permission denied; ask the owner of the file or folder for access"
    finally:
        path.chmod(0o644)


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "plan.yaml", PLAN)
    write(tmp_path / "other.yaml", PLAN)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "plan.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    code, lines = run_check(tmp_path)
    assert (code, lines) == (1, [f"{path}: cannot read the file: permission denied; ask the owner of the file or folder for access", "1 problem in 1 of 2 plans"])


def test_an_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "plan.yaml", PLAN)
    write(tmp_path / "locked" / "plan.yaml", PLAN)
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    code, lines = run_check(tmp_path)
    assert (code, lines) == (1, [f"{tmp_path}/locked: cannot read this folder: permission denied; ask the owner of the file or folder for access",
                                 "1 problem in 0 of 1 plan"])  # the folder is not a plan


def test_a_folder_with_no_plans(tmp_path: Path) -> None:
    write(tmp_path / "notes.txt", "efects: 1")
    write(tmp_path / "sub" / "plan.json", "{}")
    write(tmp_path / ".git" / "plan.yaml", "efects: 1")
    assert run_check(tmp_path) == (1, [f"{tmp_path}: no plan files (*.yaml, *.yml) in this folder",
                                         "1 problem; no plan files read"])


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    assert run_check(tmp_path / "saknas.yaml") == (1, [f"{tmp_path}/saknas.yaml: no such file or folder",
                                                         "1 problem; no plan files read"])
