"""Plan files to plans or problems (budgetbalans.read.loader, budgetbalans.read.yamlsource).

Every rejected input of docs/planformat.md, with the exact line and column the problem points at
(1-based, counted in the snippet beside it) and the key phrase of its message. ``load_plan``
must raise :class:`PlanError` and nothing else.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.models import WritePlan

from budgetbalans.i18n import Lang
from budgetbalans.errors import PlanError, Problem
from budgetbalans.read.loader import load_paths, load_plan
from budgetbalans.plan.models import Plan, Status
from budgetbalans.plan.money import Range, Unit


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    assert raised.value.problems, "PlanError without problems"
    assert all(p.path == str(path) for p in raised.value.problems)
    return raised.value.problems


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, problems
    return problems[0]


def where(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def effect(plan: Plan, index: int, year: int) -> tuple[Decimal | None, Decimal | None]:
    value = plan.measures[index].effects[year]
    return value.low, value.high


MEASURE = "title: T\nmeasures:\n  - id: '1'\n    title: A\n"
#          line 1    line 2      line 3       line 4  (measure keys at column 5)


# --- a plan that reads -------------------------------------------------------------------------


def test_a_plan_reads(write_plan: WritePlan) -> None:
    path = write_plan(
        "title: Åtgärdsplan 2024–2026\n"
        "organisation: Vård- och socialavdelningen\n"
        "unit: tkr\n"
        "years: [2024, 2025, 2026]\n"
        "target: 12357\n"
        "stated_totals:\n"
        "  total: 13149\n"
        "measures:\n"
        "  - id: \"1\"\n"
        "    title: Minska övertid\n"
        "    status: pågår\n"
        "    effects:\n"
        "      2024: 535\n"
        "      2025: 700-1600\n"
        "      2026: {interval: 2}\n"
        "  - id: 2\n"
        "    title: Lokaler\n"
        "    full_year: 1,0 mkr\n"
        "    start: 2024-07-01\n"
    )
    plan = load_plan(path)
    assert plan.path == str(path)
    assert plan.unit is Unit.TKR
    assert plan.period == (2024, 2025, 2026)
    assert plan.target == Decimal(12_357_000)
    assert list(plan.stated_totals) == ["total"]
    assert plan.stated_totals["total"].amount == Decimal(13_149_000)
    first, second = plan.measures
    assert first.status is Status.ONGOING
    assert first.effects == {
        2024: Range(Decimal(535_000), Decimal(535_000)),
        2025: Range(Decimal(700_000), Decimal(1_600_000)),
        2026: Range(Decimal(1_000_000), Decimal(2_000_000), interval=2),
    }
    assert second.id == "2"
    assert second.full_year == Range(Decimal(1_000_000), Decimal(1_000_000))
    assert str(second.start) == "2024-07-01"


def test_utf8_bom_and_crlf_load(write_plan: WritePlan) -> None:
    text = "\ufefftitle: Åtgärd\r\nunit: kr\r\nmeasures:\r\n  - id: '1'\r\n    title: A\r\n    effects:\r\n      2024: 1 750 000\r\n"
    plan = load_plan(write_plan(text))
    assert plan.title == "Åtgärd"
    assert effect(plan, 0, 2024) == (Decimal(1_750_000), Decimal(1_750_000))


def test_positions_in_a_crlf_file(write_plan: WritePlan) -> None:
    text = MEASURE.replace("\n", "\r\n") + "    efects: {2024: 5}\r\n"
    assert where(only_problem(write_plan(text))) == (5, 5)


def test_positions_after_a_bom(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("\ufefftitle: T\ntarge: 5\n"))
    assert where(problem) == (2, 1)
    problem = only_problem(write_plan("\ufeffefects: 5\ntitle: T\n"))
    assert where(problem) == (1, 1)


# --- YAML 1.1 traps ----------------------------------------------------------------------------


def test_leading_zero_is_decimal_not_octal(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan(MEASURE + "    effects:\n      2024: 010\n"))
    assert effect(plan, 0, 2024) == (Decimal(10_000), Decimal(10_000))  # ten tkr, not eight


def test_leading_zero_in_kronor_and_as_target(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan("title: T\nunit: kr\ntarget: 010\n"))
    assert plan.target == Decimal(10)


def test_sexagesimal_is_rejected(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: 1:30\n"))
    assert where(problem) == (6, 13)
    assert "'1:30' is not an amount" in problem.message.text(Lang.EN)


def test_sexagesimal_in_a_flow_mapping_is_rejected(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects: {2024: 1:30}\n"))
    assert where(problem) == (5, 21)
    assert "'1:30' is not an amount" in problem.message.text(Lang.EN)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False"])
def test_booleans_stay_text_as_titles(write_plan: WritePlan, word: str) -> None:
    plan = load_plan(write_plan(f"title: {word}\nmeasures:\n  - id: '1'\n    title: {word}\n"))
    assert plan.title == word
    assert plan.measures[0].title == word


def test_null_title_is_missing(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: ~\n"))
    assert where(problem) == (1, 8)
    assert "title" in problem.message.text(Lang.EN)


def test_boolean_word_as_effect_is_not_an_amount(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: yes\n"))
    assert where(problem) == (6, 13)
    assert "'yes' is not an amount" in problem.message.text(Lang.EN)


def test_date_like_effect_is_rejected(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: 2024-03-01\n"))
    assert where(problem) == (6, 13)
    assert "'2024-03-01' is neither an amount nor a range" in problem.message.text(Lang.EN)


def test_a_date_stays_a_date_where_a_date_belongs(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan(MEASURE + "    full_year: 1400\n    start: 2017-03-31\n"))
    assert str(plan.measures[0].start) == "2017-03-31"


def test_a_decimal_comma_in_a_flow_mapping_splits_and_is_rejected(write_plan: WritePlan) -> None:
    # {2024: 1,5} is {2024: 1, 5: null} in YAML: never silently 1, and one problem at the comma, with the fix.
    problem = only_problem(write_plan(MEASURE + "    effects: {2024: 1,5}\n"))
    assert where(problem) == (5, 22)
    assert problem.code == "amount.comma_in_braces"
    assert 'write {2024: "1,5"}' in problem.message.text(Lang.EN)


# --- rejected input: each rule, exact position -------------------------------------------------


def test_unknown_key_with_did_you_mean(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    efects: {2024: 5}\n"))
    assert where(problem) == (5, 5)
    assert problem.message.text(Lang.EN) == "unknown key 'efects' — did you mean 'effects'?"


def test_unknown_key_at_the_top(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\ntarge: 5\n"))
    assert where(problem) == (2, 1)
    assert "did you mean 'target'?" in problem.message.text(Lang.EN)


def test_unknown_key_without_a_close_match_lists_the_keys(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    zzzqqq: 5\n"))
    assert where(problem) == (5, 5)
    assert "unknown key 'zzzqqq'; the keys here are id, title" in problem.message.text(Lang.EN)


def test_duplicate_key_in_one_mapping(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    title: B\n"))
    assert where(problem) == (5, 5)
    assert "the key 'title' appears twice in this mapping (first on line 4)" in problem.message.text(Lang.EN)


def test_duplicate_year_in_a_flow_mapping(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects: {2024: 5, 2024: 6}\n"))
    assert where(problem) == (5, 24)
    assert "the key '2024' appears twice" in problem.message.text(Lang.EN)


def test_duplicate_measure_id_names_the_first_line(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "  - id: '1'\n    title: B\n"))
    assert where(problem) == (5, 9)
    assert "the id '1' is used twice in this plan (first on line 3)" in problem.message.text(Lang.EN)


def test_duplicate_measure_id_as_number_and_text(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nmeasures:\n  - id: 7\n    title: A\n  - id: \"7\"\n    title: B\n"))
    assert where(problem) == (5, 9)
    assert "first on line 3" in problem.message.text(Lang.EN)


# --- the same measure twice: the same title and the same effects under two ids -------------------------

TWO_MEASURES = "title: T\nyears: [2024, 2025]\nmeasures:\n  - id: '1'\n    title: {first}\n{one}  - id: '2'\n" \
               "    title: {second}\n{two}"
#               line 1    line 2              line 3       line 4      line 5  (the second measure: line 6 + lines of {one})


def two_measures(first: str, one: str, second: str | None = None, two: str | None = None) -> str:
    return TWO_MEASURES.format(first=first, one=one, second=first if second is None else second,
                               two=one if two is None else two)


def test_the_same_measure_under_two_ids_is_refused_at_the_second(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(two_measures("Minska övertid", "    effects: {2024: 400}\n")))
    assert (*where(problem), problem.code) == (7, 5, "plan.measure.twice")
    assert problem.message.text(Lang.EN) == (
        "the measure 'Minska övertid' with id '2' is already in this plan as id '1' on line 4, with the same title "
        "and the same effects: it would be counted twice; remove one of them, or give them different titles if "
        "they are different measures")


@pytest.mark.parametrize(("first", "one", "second", "two"), [
    ("Minska övertid", "    effects: {2024: 400}\n", "MINSKA   övertid ", '    effects: {2024: "0,4 mkr"}\n'),
    ("A", "    effects: {2024: 400-600}\n", "a", "    effects:\n      2024: {low: 400 tkr, high: 600}\n"),
    ("A", "    full_year: 1 200\n    start: 2024-07-01\n", "A",
     "    start: 2024-07-01\n    full_year: '1,2 mkr'\n"),
    ("A", "    effects: {2024: {interval: 2}}\n    status: pågår\n", "A",
     "    effects: {2024: {interval: '2'}}\n    status: klart\n"),
])
def test_the_same_effects_written_differently_are_the_same_measure(write_plan: WritePlan, first: str, one: str,
                                                                  second: str, two: str) -> None:
    problem = only_problem(write_plan(two_measures(first, one, second, two)))
    assert problem.code == "plan.measure.twice"
    assert problem.line == 6 + one.count("\n")


@pytest.mark.parametrize(("first", "one", "second", "two"), [
    ("A", "    effects: {2024: 400}\n", "A", "    effects: {2024: 401}\n"),          # other effects
    ("A", "    effects: {2024: 400}\n", "A", "    effects: {2025: 400}\n"),          # another year
    ("A", "    effects: {2024: 400}\n", "A", "    effects: {2024: 400, 2025: 0}\n"),
    ("A", "    effects: {2024: 400}\n", "B", "    effects: {2024: 400}\n"),          # another title
    ("A", "    full_year: 100\n    start: 2024-07-01\n", "A", "    full_year: 100\n    start: 2024-08-01\n"),
    ("A", "", "A", ""),                                                           # no effects: adds nothing
    ("A", "    effects: {2024: 400}\n", "A", "    effects: {2024: 400}\n    status: avbruten\n"),  # not counted
    ("A", "    effects: {2024: 400}\n", "A", "    effects: {2024: 400}\n    potential: true\n"),   # not counted
])
def test_what_is_not_the_same_measure_reads(write_plan: WritePlan, first: str, one: str, second: str,
                                            two: str) -> None:
    plan = load_plan(write_plan(two_measures(first, one, second, two)))
    assert [measure.id for measure in plan.measures] == ["1", "2"]


def test_the_same_measure_under_the_same_id_is_one_problem_about_the_id(write_plan: WritePlan) -> None:
    text = two_measures("A", "    effects: {2024: 400}\n").replace("id: '2'", "id: '1'")
    problem = only_problem(write_plan(text))
    assert problem.code == "plan.id.twice"


def test_the_same_measure_is_found_beside_other_problems(write_plan: WritePlan) -> None:
    # the plan does not validate (a status no one knows), yet the repeated measure is told too
    text = two_measures("A", "    effects: {2024: 400}\n") + "  - id: '3'\n    title: B\n    status: kanske\n"
    problems = problems_of(write_plan(text))
    assert [(p.line, p.column, p.code) for p in problems] == [(7, 5, "plan.measure.twice"),
                                                              (12, 13, "status.unknown")]


def test_a_third_copy_names_the_first(write_plan: WritePlan) -> None:
    text = two_measures("A", "    effects: {2024: 400}\n") + "  - id: '3'\n    title: A\n    effects: {2024: 400}\n"
    problems = problems_of(write_plan(text))
    assert [(p.line, p.code) for p in problems] == [(7, "plan.measure.twice"), (10, "plan.measure.twice")]
    assert all("as id '1' on line 4" in p.message.text(Lang.EN) for p in problems)


def test_effect_year_outside_years(write_plan: WritePlan) -> None:
    text = "title: T\nyears: [2024, 2025]\nmeasures:\n  - id: '1'\n    title: A\n    effects:\n      2026: 5\n"
    problem = only_problem(write_plan(text))
    assert where(problem) == (7, 7)
    assert "the year 2026 is outside the plan's years (2024–2025)" in problem.message.text(Lang.EN)


def test_target_year_outside_years(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nyears: [2024]\ntarget: {2024: 5, 2023: 6}\n"))
    assert where(problem) == (3, 19)
    assert "the year 2023 is outside" in problem.message.text(Lang.EN)


def test_a_year_that_is_not_a_year_in_years(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nyears: [2024, 20x5]\n"))
    assert where(problem) == (2, 15)
    assert "'20x5' is not a year; write a four-digit year" in problem.message.text(Lang.EN)


@pytest.mark.parametrize("key", ["20x4", "24", "1899", "99999"])
def test_a_year_that_is_not_a_year_as_effect_key_is_rejected(write_plan: WritePlan, key: str) -> None:
    problem = only_problem(write_plan(MEASURE + f"    effects:\n      {key}: 5\n"))
    assert where(problem) == (6, 7)  # the key, not its value
    assert f"'{key}' is not a year" in problem.message.text(Lang.EN)


def test_a_year_that_is_not_a_year_as_stated_totals_key(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nstated_totals: {total: 5, 20x5: 6}\n"))
    assert where(problem) == (2, 27)
    assert "'20x5' is neither a year nor 'total'" in problem.message.text(Lang.EN)


def test_a_year_that_is_not_a_year_as_target_key(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\ntarget: {2024: 5, 20x5: 6}\n"))
    assert where(problem) == (2, 19)
    assert "'20x5' is not a year" in problem.message.text(Lang.EN)


@pytest.mark.parametrize(("text", "column"), [("{interval: 5}", 24), ("{interval: 0}", 24), ("{interval: x}", 24)])
def test_interval_class_not_one_to_four(write_plan: WritePlan, text: str, column: int) -> None:
    problem = only_problem(write_plan(MEASURE + f"    effects:\n      2024: {text}\n"))
    assert where(problem) == (6, column)
    assert "interval class" in problem.message.text(Lang.EN) and "does not exist" in problem.message.text(Lang.EN)


def test_interval_class_in_block_style_points_at_the_class(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024:\n        interval: 5\n"))
    assert where(problem) == (7, 19)


def test_range_low_above_high(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: 1600-700\n"))
    assert where(problem) == (6, 13)
    assert "the range '1600-700' has its low end above its high end" in problem.message.text(Lang.EN)


def test_range_mapping_low_above_high(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: {low: 1600, high: 700}\n"))
    assert where(problem) == (6, 13)
    assert "has its low end above its high end" in problem.message.text(Lang.EN)


def test_range_with_negative_ends_must_be_a_mapping(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: -500--200\n"))
    assert where(problem) == (6, 13)
    assert "a range with a negative end is written as a mapping" in problem.message.text(Lang.EN)
    plan = load_plan(write_plan(MEASURE + "    effects:\n      2024: {low: -500, high: -200}\n", "ok.yaml"))
    assert effect(plan, 0, 2024) == (Decimal(-500_000), Decimal(-200_000))


def test_unreadable_amount(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: fem\n"))
    assert where(problem) == (6, 13)
    assert "'fem' is not an amount" in problem.message.text(Lang.EN)


def test_unreadable_amount_inside_a_range_mapping_points_at_it(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024:\n        low: fem\n        high: 700\n"))
    assert where(problem) == (7, 14)


def test_two_decimal_separators(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    effects:\n      2024: 1.750.000\n"))
    assert where(problem) == (6, 13)
    assert "'1.750.000' has two decimal separators; write 1 750 000" in problem.message.text(Lang.EN)


def test_invalid_yaml_unclosed_flow(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nmeasures:\n  - id: '1'\n    title: [A\n"))
    assert where(problem) == (4, 14)  # the end of the last line written
    assert problem.code.startswith("yaml.")  # the wording is yamlsource's (tests of its own)


def test_invalid_yaml_bad_indentation(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\n  unit: kr\n"))
    assert where(problem) == (2, 3)  # the key indented too far
    assert problem.code.startswith("yaml.") and "'unit'" in problem.message.text(Lang.EN)


def test_invalid_yaml_tab(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nmeasures:\n\t- id: 1\n"))
    assert where(problem) == (3, 1)
    assert "indent with spaces, not tabs" in problem.message.text(Lang.EN)


def test_not_utf8(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: Åtgärd\n".encode("latin-1")))
    assert where(problem) == (1, 8)
    assert "the file is not UTF-8 text (byte 0xc5)" in problem.message.text(Lang.EN)


def test_not_utf8_on_a_later_line(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(b"title: T\nmeasures: []\nsource: \xe5\n"))
    assert where(problem) == (3, 9)
    assert "byte 0xe5" in problem.message.text(Lang.EN)


def test_not_utf8_after_a_bom(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(b"\xef\xbb\xbftitle: T\nsource: \xe5\n"))
    assert "byte 0xe5" in problem.message.text(Lang.EN)
    assert where(problem) == (2, 9)


def test_not_utf8_column_counts_characters_as_editors_do(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: Åå".encode() + b"\xff\n"))
    assert where(problem) == (1, 10)


def test_nul_character(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\x00\n"))
    assert where(problem) == (1, 9)
    assert "NUL" in problem.message.text(Lang.EN)


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"\xef\xbb\xbf"])
def test_empty_file(write_plan: WritePlan, content: bytes) -> None:
    path = write_plan(content)
    problem = only_problem(path)
    assert where(problem) == (1, 1)
    assert problem.message.text(Lang.EN).startswith("the file is empty")
    assert problem.text(Lang.EN) == f"{path}:1:1: {problem.message.text(Lang.EN)}"


def test_file_with_only_comments_is_empty(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("# bara en kommentar\n"))
    assert where(problem) == (1, 1)
    assert problem.message.text(Lang.EN).startswith("the file is empty")


@pytest.mark.parametrize(
    ("text", "position"),
    [("- title: T\n", (1, 1)), ("just text\n", (1, 1)), ("# kommentar\n\n- a\n", (3, 1)), ("42\n", (1, 1))],
)
def test_not_a_mapping_at_the_top(write_plan: WritePlan, text: str, position: tuple[int, int]) -> None:
    problem = only_problem(write_plan(text))
    assert where(problem) == position
    assert "a plan is a mapping of keys" in problem.message.text(Lang.EN)


def test_missing_title_points_at_the_plan_mapping(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("# kommentar\nunit: kr\nmeasures: []\n"))
    assert where(problem) == (2, 1)
    assert problem.message.text(Lang.EN).startswith("missing key 'title'; a plan needs one")


def test_missing_measure_title_points_at_the_measure_mapping(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan("title: T\nmeasures:\n  - id: '1'\n    effects: {2024: 5}\n"))
    assert where(problem) == (3, 5)
    assert problem.message.text(Lang.EN).startswith("missing key 'title'; each measure needs one")


def test_unknown_status(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    status: kanske\n"))
    assert where(problem) == (5, 13)
    assert "unknown status 'kanske'" in problem.message.text(Lang.EN)


def test_start_without_full_year(write_plan: WritePlan) -> None:
    problem = only_problem(write_plan(MEASURE + "    start: 2024-04-01\n"))
    assert where(problem) == (5, 5)
    assert "start: is only used with full_year:" in problem.message.text(Lang.EN)


def test_every_problem_is_reported_sorted(write_plan: WritePlan) -> None:
    text = "title: T\nmeasures:\n  - id: '1'\n    title: A\n    efects: {2024: 5}\n  - id: '1'\n    title: B\n    effects:\n      2024: fem\n"
    problems = problems_of(write_plan(text))
    assert [(p.line, p.column) for p in problems] == [(5, 5), (6, 9), (9, 13)]
    assert "efects" in problems[0].message.text(Lang.EN)
    assert "used twice" in problems[1].message.text(Lang.EN)
    assert "'fem' is not an amount" in problems[2].message.text(Lang.EN)


def test_problem_renders_as_path_line_column(write_plan: WritePlan) -> None:
    path = write_plan(MEASURE + "    efects: 5\n")
    assert str(only_problem(path)) == f"{path}:5:5: okänd nyckel 'efects' — menade du 'effects'?"  # Swedish first
    assert only_problem(path).text(Lang.EN) == f"{path}:5:5: unknown key 'efects' — did you mean 'effects'?"


@pytest.mark.parametrize(
    "text",
    [
        "title: &a T\nsource: *a\n",
        "title: !!python/object:os.system T\n",
        "<<: {title: T}\n",
        "title: T\n---\ntitle: U\n",
        "title: T\nmeasures:\n" + "[" * 50 + "]" * 50 + "\n",
        "? [a]\n: b\n",
    ],
)
def test_yaml_that_is_not_plain_data_is_a_plan_error(write_plan: WritePlan, text: str) -> None:
    problems_of(write_plan(text))


# --- folders -----------------------------------------------------------------------------------


def test_load_paths_reads_every_file_and_collects_problems(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: A\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yml").write_text("title: B\nefects: 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("efects", encoding="utf-8")
    loaded = load_paths([tmp_path, tmp_path / "missing.yaml"])
    assert loaded.files == 2
    assert [plan.title for plan in loaded.plans] == ["A"]
    assert [(Path(p.path).name, p.line, p.column) for p in loaded.problems] == [
        ("missing.yaml", 0, 0), ("b.yml", 2, 1),
    ]
