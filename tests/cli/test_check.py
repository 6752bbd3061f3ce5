"""`budgetbalans check`: one invalid plan per rejection rule, every problem of every file, the reporters, the policies.

Each file in ``tests/plans/invalid/`` breaks exactly one rule and is named for it; the table
below says where its one problem is and what the message must say (what would be right).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from budgetbalans.errors import Problem
from budgetbalans.i18n import Lang, Template
from budgetbalans.report.check import CheckResult, as_json, github, text
from tests.command import runner
from tests.paths import TEST_PLANS as PLANS

INVALID = PLANS / "invalid"
VALID = PLANS / "valid"

#: file → (line, column, a phrase of the message). docs/planformat.md "Rejected input", and more.
INVALID_PLANS: dict[str, tuple[int, int, str]] = {
    # a key that the format does not know
    "unknown-key.yaml": (7, 5, "unknown key 'efects' — did you mean 'effects'?"),
    "unknown-top-level-key.yaml": (3, 1, "unknown key 'taget' — did you mean 'target'?"),
    "effect-mapping-unknown-key.yaml": (8, 24, "unknown key 'hi' — did you mean 'high'?"),
    # the same key twice in one mapping
    "duplicate-key.yaml": (8, 5, "the key 'title' appears twice in this mapping (first on line 6)"),
    "year-written-twice.yaml": (9, 7, "'2024 ' means the same as '2024' on line 8; keep one"),
    "total-written-twice.yaml": (5, 3, "'Summa' means the same as 'total' on line 4; keep one"),
    # two measures with the same id
    "duplicate-id.yaml": (9, 9, "the id '1' is used twice in this plan (first on line 5)"),
    # the same measure under two ids: the same title and the same effects
    "duplicate-measure.yaml": (10, 5, "the measure 'minska  övertid' with id '3' is already in this plan as id '1' "
                                      "on line 5, with the same title and the same effects: it would be counted "
                                      "twice"),
    # an effect year outside years, a year that is not a year
    "year-outside-period.yaml": (7, 26, "the year 2027 is outside the plan's years (2024–2025)"),
    "target-year-outside-period.yaml": (3, 21, "the year 2026 is outside the plan's years (2024–2025)"),
    "not-a-year.yaml": (8, 7, "'år 2024' is not a year; write the year alone: 2024"),
    "year-with-spaces.yaml": (9, 7, "'2025 ' has spaces around the year; write 2025 without spaces"),
    "year-in-full-width-digits.yaml": (8, 7, "'２０２５' is written with characters other than the digits 0–9"),
    "decimal-comma-in-braces.yaml": (7, 22, "so '3,5 mkr' becomes two parts; write {2024: \"3,5 mkr\"}"),
    "start-after-period.yaml": (8, 12, "start: 2204-07-01 is after the plan's years (2024–2025), so the measure "
                                       "counts in no year; correct the date — did you mean 2024-07-01?"),
    "period-too-long.yaml": (8, 12, "the year 2104 makes the plan's period 2024–2104, 81 years; "
                                    "a plan covers at most 10 years"),
    "swedish-key.yaml": (7, 5, "unknown key 'prognos' — did you mean 'forecast'?"),
    "misspelt-status.yaml": (7, 13, "unknown status 'pågåe' — did you mean 'pågår'?"),
    "stated-total-not-a-year.yaml": (4, 3, "'summan' is neither a year nor 'total'"),
    # an interval class not 1–4
    "interval-class-5.yaml": (7, 32, "interval class '5' does not exist; the classes are 1 (0,1–1 mkr)"),
    # a range whose low is above its high
    "range-low-above-high.yaml": (7, 21, "the range '1600-700' has its low end above its high end; "
                                         "write the smaller amount first"),
    "mapping-range-low-above-high.yaml": (8, 13, "the range {low: 200, high: -500} has its low end above"),
    "negative-range-as-text.yaml": (7, 21, "a range with a negative end is written as a mapping, "
                                           "such as {low: -500, high: 200}"),
    # an amount that cannot be read: each says how to write it
    "unreadable-amount.yaml": (7, 21, "'ungefär 500' is not an amount; write a number such as 1 500, '0,5 mkr'"),
    "two-decimal-separators.yaml": (7, 16, "'1.750.000 kr' has two decimal separators; write 1 750 000 kr"),
    "yaml-1-1-sexagesimal.yaml": (7, 21, "'1:30' is not an amount (a time or ratio?); write a number such as 130"),
    "scientific-notation.yaml": (7, 21, "'1e6' is written in scientific notation; write all digits"),
    "digits-grouped-oddly.yaml": (7, 21, "'17 50 000' groups digits oddly; group by three from the right"),
    "too-many-digits.yaml": (7, 21, "has too many digits; amounts have at most 15 digits"),
    "boolean-like-amount.yaml": (7, 21, "'yes' is not an amount; write a number"),
    "effect-without-value.yaml": (8, 12, "no value; write an amount, or leave the year out"),
    # a file that is not valid YAML
    "invalid-yaml.yaml": (6, 26, "a text with ': ' in it reads as a new key; put the text in quotes: "
                                 "title: \"Minska övertid: mertid\""),
    "unclosed-bracket.yaml": (7, 24, "the '{' on line 7 is never closed; end it with '}'"),
    "missing-colon.yaml": (6, 5, "missing colon after 'title'? write title: Minska övertid"),
    "missing-comma.yaml": (7, 25, "missing comma before '2025'? write effects: {2024: 500, 2025: 700}"),
    "unclosed-quote.yaml": (6, 12, "the quote \" here is not closed on its line; end the text with another \""),
    "bad-indentation.yaml": (7, 4, "the indentation does not fit the lines above; put 'effects' straight below"),
    "tab-indentation.yaml": (3, 1, "a tab character; write spaces instead (indent with spaces, not tabs)"),
    "key-not-text.yaml": (8, 7, "a key must be plain text, not a list or mapping"),
    "two-documents.yaml": (3, 1, "more than one YAML document (---) in one file; keep one plan per file"),
    "too-deep.yaml": (7, 28, "nested more than 20 levels deep"),
    "control-character.yaml": (4, 19, "the character U+0007 is not allowed in a plan file"),
    "nul-character.yaml": (4, 18, "the file contains a NUL character; it is not a text file"),
    # YAML that could make a tool misbehave
    "alias.yaml": (10, 14, "aliases (*effekter) are not allowed in plan files; write the value out"),
    "anchor.yaml": (7, 14, "anchors (&effekter) are not allowed in plan files"),
    "merge-key.yaml": (7, 5, "merge keys (<<) are not allowed in plan files; write the keys out"),
    "python-tag.yaml": (6, 12, "YAML tags such as !!python/object/apply:os.system are not allowed"),
    "custom-tag.yaml": (7, 21, "YAML tags such as !belopp are not allowed"),
    # not UTF-8, empty, not a mapping at the top
    "not-utf8.yaml": (1, 8, "the file is not UTF-8 text (byte 0xc5); save it as UTF-8"),
    "empty.yaml": (1, 1, "the file is empty; a plan starts with title: and measures:"),
    "only-comments.yaml": (1, 1, "the file is empty"),
    "top-level-list.yaml": (1, 1, "a plan is a mapping of keys (title:, unit:, measures:, …) at the top"),
    "top-level-text.yaml": (1, 1, "a plan is a mapping of keys"),
    # the other values of the format
    "unknown-status.yaml": (7, 13, "unknown status 'kanske'; write one of planerad, pågår, klart"),
    "start-without-full-year.yaml": (7, 5, "start: is only used with full_year:"),
    "full-year-without-years.yaml": (6, 5, "full_year: fills the plan's years, but the plan names none"),
    "missing-title.yaml": (1, 1, "missing key 'title'; a plan needs one, such as title: …"),
    "missing-measure-title.yaml": (5, 5, "missing key 'title'; each measure needs one"),
    "missing-id.yaml": (5, 5, "missing key 'id'; each measure needs one"),
    "bad-date.yaml": (8, 12, "'start': '2024-02-30' is not a date; write it as YYYY-MM-DD"),
    "bad-unit.yaml": (2, 7, "unknown unit 'dollar'; write kr, tkr or mkr"),
    "years-not-a-list.yaml": (2, 8, "'years' should be a list, such as [2024, 2025, 2026]"),
    "years-as-a-span.yaml": (3, 9, "years: lists each of the years, not a span; write years: [2024, 2025, 2026]"),
    "negative-target.yaml": (4, 9, "the target '-500' is negative; a target (sparbeting) is what must be saved, "
                                   "written as a positive amount: write 500"),
    "measures-not-a-list.yaml": (3, 3, "'measures' should be a list of measures, each starting with '- id:'"),
    "measure-not-a-mapping.yaml": (5, 5, "should be a mapping of keys (id:, title:, effects:, …)"),
    "potential-not-true-or-false.yaml": (7, 16, "'potential' should be true or false; write true for yes and "
                                                "false for no"),
    # what a nämnd decides on (issue 23)
    "probability-bare-number.yaml": (7, 18, "the probability '0,5' has no percent sign: 0,5 can mean 0,5 % or 50 % "
                                            "(0,5 as a share); write 50 % or 0,5 %"),
    "decision-state-misspelt.yaml": (7, 31, "unknown decision state 'beslutadd' — did you mean 'beslutad'?"),
    "staff-year-outside-period.yaml": (7, 23, "the year 2027 is outside the plan's years (2024–2025)"),
}

SUMMARY = re.compile(r"^(no problems in \d+ plans?|\d+ problems?( in \d+ of \d+ plans?|; no plan files read))"
                     r"( \(\d+ known errors? of source documents accepted\))?$")


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    # These tests read the English wording; the Swedish (the default) is in test_messages.py.
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")


def check(*args: str | Path) -> tuple[int, list[str]]:
    """Exit code and the lines `budgetbalans check ARGS` prints."""
    result = runner().invoke(app, ["check", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- one file per rule --------------------------------------------------------------------------


def test_every_invalid_plan_has_an_expectation() -> None:
    assert sorted(path.name for path in INVALID.iterdir()) == sorted(INVALID_PLANS)


@pytest.mark.parametrize("name", sorted(INVALID_PLANS))
def test_invalid_plan_is_rejected_at_its_place(name: str) -> None:
    line, column, phrase = INVALID_PLANS[name]
    path = INVALID / name
    code, lines = check(path)
    assert code == 1
    assert lines[-1] == "1 problem in 1 of 1 plan"
    [problem] = lines[:-1]
    assert problem.startswith(f"{path}:{line}:{column}: ")
    assert phrase in problem


def test_valid_plans_pass() -> None:
    assert check(VALID) == (0, ["no problems in 2 plans (1 known error of source documents accepted)"])


# --- every problem in every file, in one run --------------------------------------------------

GOOD = """\
title: Bra plan
years: [2025]
target: 500
measures:
  - id: "1"
    title: Åtgärd
    effects: {2025: 600}
"""


def test_a_folder_of_good_and_bad_plans_reports_every_problem_sorted(tmp_path: Path) -> None:
    write(tmp_path, "a-good.yaml", GOOD)
    bad = GOOD.replace("effects", "efects").replace("title: Åtgärd", "title: Åtgärd\n    status: kanske")
    write(tmp_path, "b-bad.yml", bad)
    write(tmp_path, "sub/c-bad.yaml", GOOD.replace("600", "1.750.000"))
    write(tmp_path, "sub/d-good.yaml", GOOD.replace("Bra plan", "En annan plan"))  # not a copy of a-good
    write(tmp_path, "sub/notes.txt", "not a plan: efects")
    write(tmp_path, ".hidden/e-bad.yaml", "efects: 1")
    code, lines = check(tmp_path)
    assert code == 1
    assert lines == [
        f"{tmp_path}/b-bad.yml:7:13: unknown status 'kanske'; write one of planerad, pågår, klart, utredning, "
        "pausad, avbruten (or planned, ongoing, done, investigating, paused, cancelled)",
        f"{tmp_path}/b-bad.yml:8:5: unknown key 'efects' — did you mean 'effects'?",
        f"{tmp_path}/sub/c-bad.yaml:7:21: '1.750.000' has two decimal separators; write 1 750 000",
        "3 problems in 2 of 4 plans",
    ]


def test_several_paths_in_one_run_and_a_missing_one(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", GOOD)
    code, lines = check(good, tmp_path / "saknas.yaml", INVALID / "unknown-key.yaml")
    assert code == 1
    missing = f"{tmp_path}/saknas.yaml: no such file or folder"
    unknown = f"{INVALID}/unknown-key.yaml:7:5: unknown key 'efects' — did you mean 'effects'?"
    assert lines[:-1] == sorted([missing, unknown])  # sorted by file, wherever the folders are
    assert lines[-1] == "2 problems in 1 of 2 plans"  # the missing path is not a plan


def test_a_folder_without_plans(tmp_path: Path) -> None:
    write(tmp_path, "README.txt", "inga planer här")
    assert check(tmp_path) == (1, [f"{tmp_path}: no plan files (*.yaml, *.yml) in this folder",
                                   "1 problem; no plan files read"])


SEVERAL_MISTAKES = """\
title: Plan med många fel
unit: tkr
years: [2024, 2025]
taget: 1000
measures:
  - id: "1"
    title: Första
    effects: {2024: 1.750.000, 2030: 5}
    status: kanske
    title: Dubbel titel
  - id: "1"
    title: Andra
    start: 2024-04-01
    effects: {2025: {interval: 7}}
  - id: "3"
    effects: {2024: 300-100}
"""


def test_a_plan_with_several_independent_mistakes_reports_all_of_them(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", SEVERAL_MISTAKES)
    code, lines = check(path)
    assert code == 1
    where = [line.split(": ", 1)[0].removeprefix(f"{path}:") for line in lines[:-1]]
    assert where == ["4:1", "8:21", "8:32", "9:13", "10:5", "11:9", "13:5", "14:32", "15:5", "16:21"]
    text = "\n".join(lines)
    for phrase in ("unknown key 'taget'", "two decimal separators", "the year 2030 is outside",
                   "unknown status 'kanske'", "the key 'title' appears twice", "the id '1' is used twice",
                   "start: is only used with full_year:", "interval class '7' does not exist",
                   "missing key 'title'", "the range '300-100' has its low end above"):
        assert phrase in text
    assert lines[-1] == "10 problems in 1 of 1 plan"


# --- the reporters ------------------------------------------------------------------------------


def test_github_format_escapes_message_and_file_and_shows_control_characters(tmp_path: Path) -> None:
    path = write(tmp_path, "plan, 50%: \x1b[31mröd\u202e.yaml", GOOD.replace("effects", "effects%"))
    code, lines = check(path, "--format", "github")
    assert code == 1
    folder = str(tmp_path).replace(":", "%3A").replace(",", "%2C")
    code_of = json.loads(runner().invoke(app, ["check", str(path), "--format", "json"]).stdout)["problems"][0]["code"]
    assert lines == [
        f"::error file={folder}/plan%2C 50%25%3A \\x1b[31mröd\\u202e.yaml,line=7,col=5,"
        f"title=budgetbalans check ({code_of})"
        "::unknown key 'effects%25' — did you mean 'effects'?",
        "1 problem in 1 of 1 plan",
    ]


def test_github_reporter_escapes_percent_cr_lf_everywhere() -> None:
    problem = Problem("a\r\nb,c:d%.yaml", 3, 4, CODED(text="100% fel\r\nrad två \x1b]8;;x\x07länk"))
    out = _Output()
    github(CheckResult([problem], 1), out)
    first, summary = out.text.splitlines()
    assert first == ("::error file=a%0D%0Ab%2Cc%3Ad%25.yaml,line=3,col=4,title=budgetbalans check (test.coded)"
                     "::100%25 fel%0D%0Arad två \\x1b]8;;x\\x07länk")  # escapes shown, never acting
    assert summary == "1 problem i 1 av 1 plan"  # the reporter's default: Swedish
    out = _Output()
    github(CheckResult([problem], 1), out, Lang.EN)
    assert out.text.splitlines() == [first, "1 problem in 1 of 1 plan"]  # CODED words it alike in both


#: A message whose wording is the text it is given, under a code of its own (for the reporters' tests).
CODED = Template("test.coded", sv="{text}", en="{text}")  # not registered: a test's, not budgetbalans's


@pytest.mark.parametrize(("problems", "files", "accepted", "plan_paths", "swedish", "english"), [
    (0, 6, 0, None, "inga problem i 6 planer", "no problems in 6 plans"),
    (0, 1, 0, None, "inga problem i 1 plan", "no problems in 1 plan"),
    (0, 2, 1, None, "inga problem i 2 planer (1 känt fel i källdokumenten, avstämt)",
     "no problems in 2 plans (1 known error of source documents accepted)"),
    (3, 4, 2, ["p0", "p1", "p2", "p3"], "3 problem i 2 av 4 planer (2 kända fel i källdokumenten, avstämda)",
     "3 problems in 2 of 4 plans (2 known errors of source documents accepted)"),
    (1, 1, 0, ["p0"], "1 problem i 1 av 1 plan", "1 problem in 1 of 1 plan"),
    (1, 0, 0, [], "1 problem; ingen planfil lästes", "1 problem; no plan files read"),
    (2, 0, 0, [], "2 problem; ingen planfil lästes", "2 problems; no plan files read"),
])
def test_the_summary_line_in_swedish_and_english(problems: int, files: int, accepted: int,
                                                 plan_paths: list[str] | None, swedish: str, english: str) -> None:
    found = [Problem(f"p{index % 2}", 1, 1, CODED(text="x")) for index in range(problems)]
    result = CheckResult(found, files, accepted, plan_paths=plan_paths)
    assert (result.summary(), result.summary(Lang.SV), result.summary(Lang.EN)) == (swedish, swedish, english)
    for reporter in (text, github):
        out = _Output()
        reporter(result, out, Lang.SV)
        assert out.text.splitlines()[-1] == swedish
        out = _Output()
        reporter(result, out, Lang.EN)
        assert out.text.splitlines()[-1] == english


def test_json_keeps_the_code_and_the_counts_whatever_the_language() -> None:
    result = CheckResult([Problem("p.yaml", 2, 3, CODED(text="fel"))], 4, 1, plan_paths=["p.yaml"])
    documents = []
    for lang in Lang:
        out = _Output()
        as_json(result, out, lang)
        documents.append(json.loads(out.text))
    swedish, english = documents
    assert swedish["summary"] == "1 problem i 1 av 4 planer (1 känt fel i källdokumenten, avstämt)"
    assert english["summary"] == "1 problem in 1 of 4 plans (1 known error of source documents accepted)"
    assert {**swedish, "summary": ""} == {**english, "summary": ""}
    assert swedish["problems"] == [{"path": "p.yaml", "line": 2, "column": 3, "code": "test.coded", "message": "fel"}]


def test_a_file_name_with_a_line_break_stays_on_one_line_in_text(tmp_path: Path) -> None:
    path = write(tmp_path, "två\nrader.yaml", "efects: 1\n")
    code, lines = check(path)
    assert code == 1 and len(lines) == 3  # two problems (unknown key, no title), the summary
    assert lines[0].startswith(f"{tmp_path}/två\\nrader.yaml:1:1: ")


def test_github_actions_picks_the_github_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, lines = check(INVALID / "unknown-key.yaml")
    assert code == 1
    assert lines[0].startswith("::error file=") and ",line=7,col=5,title=budgetbalans check (" in lines[0]
    assert lines[0].endswith("::unknown key 'efects' — did you mean 'effects'?")
    assert check(INVALID / "unknown-key.yaml", "--format", "text")[1][0].startswith(str(INVALID))


def test_json_format_parses_and_has_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", SEVERAL_MISTAKES)
    result = runner().invoke(app, ["check", str(path), "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["ok"] is False and document["files"] == 1 and document["files_with_problems"] == 1
    assert len(document["problems"]) == 10
    first = document["problems"][0]
    assert {**first, "code": ""} == {"path": str(path), "line": 4, "column": 1, "code": "",
                                     "message": "unknown key 'taget' — did you mean 'target'?"}
    assert re.fullmatch(r"[a-z]+(\.[a-z0-9_]+)+", first["code"])  # a machine word, the same in every language
    swedish = runner().invoke(app, ["check", str(path), "--format", "json", "--lang", "sv"]).stdout
    assert [p["code"] for p in json.loads(swedish)["problems"]] == [p["code"] for p in document["problems"]]
    assert all(set(p) == {"path", "line", "column", "code", "message"} for p in document["problems"])


def test_json_format_of_a_good_plan(tmp_path: Path) -> None:
    result = runner().invoke(app, ["check", str(write(tmp_path, "p.yaml", GOOD)), "--format", "json"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ok"] is True


class _Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)


# --- the policies: --require-target, --fail-on-gap --------------------------------------------

NO_TARGET = "title: Plan\nyears: [2025]\nmeasures:\n  - id: '1'\n    title: Å\n    effects: {2025: 100}\n"


def test_require_target(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", NO_TARGET)
    assert check(path)[0] == 0
    code, lines = check(path, "--require-target")
    assert code == 1
    assert lines[0].startswith(f"{path}:1:1: the plan states no target (sparbeting); add target:")
    assert check(write(tmp_path, "ok.yaml", GOOD), "--require-target")[0] == 0


def with_effect(target: str, effect: str) -> str:
    return (f"title: Plan\nunit: tkr\nyears: [2025]\ntarget: {target}\nmeasures:\n"
            f"  - id: '1'\n    title: Åtgärd\n    effects: {{2025: {effect}}}\n")


@pytest.mark.parametrize(("target", "effect", "fails"), [
    ("1000", "1000", False),         # covered exactly: the gap is 0
    ("1000", "1200", False),         # a surplus
    ("1000", "999", True),           # 1 tkr short
    ("1000", "800-1200", True),      # may be short: the gap's high is 200
    ("1000", "1000-1500", False),    # surely covered: the gap's high is 0
    ("1000", "{interval: 4}", False),   # over 3 mkr, unbounded above: the gap's LOW is unbounded, its high -2 mkr
    ("5000", "{interval: 4}", True),    # at least 3 mkr of 5: up to 2 mkr short
    ("1000", "{low: -500, high: 2000}", True),
])
def test_fail_on_gap(tmp_path: Path, target: str, effect: str, fails: bool) -> None:
    path = write(tmp_path, "plan.yaml", with_effect(target, effect))
    assert check(path)[0] == 0
    code, lines = check(path, "--fail-on-gap")
    assert code == (1 if fails else 0), lines


def test_fail_on_gap_says_what_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", with_effect("5000", "{interval: 4}"))
    code, lines = check(path, "--fail-on-gap")
    assert code == 1
    assert lines[0] == (f"{path}:4:9: the measures do not surely cover the target 5 000 tkr: still to save up "
                        "to 2 000 tkr (measures total ≥ 3 000 tkr; --fail-on-gap)")


PER_YEAR = """\
title: Plan
years: [2024, 2025]
target: {2024: 1000, 2025: 2000}
measures:
  - id: '1'
    title: Åtgärd
    effects: {2024: %s, 2025: %s}
"""


@pytest.mark.parametrize(("effects", "fails"), [
    (("2500", "800"), True),     # 2024's surplus does not pay for 2025: 1 200 tkr short in 2025
    (("1000", "2000"), False),   # each year exactly covered
    (("900", "2500"), True),     # 100 short in 2024, though the period nets a surplus of 400
])
def test_fail_on_gap_with_a_target_per_year_fails_for_a_year_that_falls_short(
        tmp_path: Path, effects: tuple[str, str], fails: bool) -> None:
    path = write(tmp_path, "plan.yaml", PER_YEAR % effects)
    code, lines = check(path, "--fail-on-gap")
    assert code == (1 if fails else 0), lines


def test_fail_on_gap_with_a_target_per_year_says_the_shortfall(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", PER_YEAR % ("2500", "800"))
    code, lines = check(path, "--fail-on-gap")
    assert lines[0] == (f"{path}:3:9: the measures do not surely cover the target 3 000 tkr: still to save up "
                        "to 1 200 tkr (measures total 3 300 tkr; --fail-on-gap)")


def test_fail_on_gap_without_a_target_is_not_a_failure(tmp_path: Path) -> None:
    assert check(write(tmp_path, "plan.yaml", NO_TARGET), "--fail-on-gap")[0] == 0


# --- stated totals --------------------------------------------------------------------------------


def stated(total: str) -> str:
    return ("title: Plan\nunit: tkr\nyears: [2024, 2025]\nstated_totals:\n"
            f"  total: {total}\n"
            "measures:\n  - id: '1'\n    title: Åtgärd\n    effects: {2024: 400, 2025: 600}\n")


def test_a_stated_total_that_matches(tmp_path: Path) -> None:
    assert check(write(tmp_path, "plan.yaml", stated("1 000"))) == (0, ["no problems in 1 plan"])


def test_a_stated_total_that_does_not_match_shows_stated_computed_and_difference(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", stated("1 100"))
    code, lines = check(path)
    assert code == 1
    assert lines[0].startswith(f"{path}:5:10: the stated total is 1 100 tkr but the rows add up to 1 000 tkr; "
                               "difference 100 tkr (")
    assert "known_difference" in lines[0]


def test_a_known_difference_equal_to_the_difference_is_accepted(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", stated("{amount: 1 100, known_difference: 100}"))
    assert check(path) == (0, ["no problems in 1 plan (1 known error of source documents accepted)"])


def test_a_known_difference_that_is_not_the_difference_fails(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", stated("{amount: 1 100, known_difference: 90}"))
    code, lines = check(path)
    assert code == 1
    assert "difference 100 tkr, not the known_difference 90 tkr" in lines[0]


def test_a_known_difference_on_a_matching_total_is_stale(tmp_path: Path) -> None:
    path = write(tmp_path, "plan.yaml", stated("{amount: 1 000, known_difference: 100}"))
    code, lines = check(path)
    assert code == 1
    assert lines[0] == f"{path}:5:10: the stated total now matches the rows; remove its known_difference"


def test_a_measures_stated_total(tmp_path: Path) -> None:
    text = stated("1 000").replace("effects: {2024: 400, 2025: 600}",
                                   "effects: {2024: 400, 2025: 600}\n    stated_total: 1 010")
    path = write(tmp_path, "plan.yaml", text)
    code, lines = check(path)
    assert code == 1
    assert lines[0].startswith(f"{path}:10:19: the stated total of measure '1' is 1 010 tkr but the rows add up "
                               "to 1 000 tkr; difference 10 tkr")


def test_every_line_of_text_output_has_the_documented_shape(tmp_path: Path) -> None:
    _, lines = check(INVALID, tmp_path / "saknas")
    place = re.compile(r"^.+:\d+:\d+: \S")
    for line in lines[:-1]:
        assert place.match(line) or line.startswith(f"{tmp_path}/saknas: "), line
    assert SUMMARY.match(lines[-1]), lines[-1]
    assert lines[-1] == f"{len(INVALID_PLANS) + 1} problems in {len(INVALID_PLANS)} of {len(INVALID_PLANS)} plans"


def test_without_libyaml_the_same_places_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    """PyYAML's pure-Python parser (used where libyaml is missing) words some problems differently, same places."""
    from budgetbalans.read import yamlsource
    monkeypatch.setattr(yamlsource, "_Parser", yamlsource.PurePythonParser)
    monkeypatch.setattr(yamlsource, "_FastParser", None)
    code, lines = check(INVALID)
    assert code == 1
    for name, (line, column, _) in INVALID_PLANS.items():
        assert any(problem.startswith(f"{INVALID / name}:{line}:{column}: ") for problem in lines), name
