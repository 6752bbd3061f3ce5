"""The slips of a retyped plan (issue 12, section 2), each refused at its place with the text to write.

Every slip is tried wherever it can stand (an effect, a forecast, an outcome, a range bound,
``full_year``, ``target`` in total and per year, ``stated_totals``, ``years:``), in block and in
flow style. Each test names the exact ``line:column`` (1-based, counted in the snippet beside
it), the message's code, and its wording in Swedish (the default) and English. Then every
message of models, the loader's validation, the rules across keys and ``check``'s own checks,
in both languages.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.models import WritePlan

from budgetbalans.core.checks import Policy, check_plan
from budgetbalans.cli.app import app
from budgetbalans.core.summary import measure_effects
from budgetbalans.errors import PlanError, Problem
from budgetbalans.read.loader import _problem, load_plan
from budgetbalans.i18n import Lang
from budgetbalans.plan.models import Plan
from budgetbalans.read.yamlsource import read_yaml
from tests.command import runner

#: Python's words and reprs, which a user never wrote (outside what a message quotes from the plan).
PYTHON = re.compile(r"\b(?:None|True|False|NoneType|dict|str|int|float|bool|Decimal|tuple|Plan|Measure|"
                    r"StatedFigure|pydantic|Input should)\b|[\[{(]'|'[\]})]|object at 0x")
QUOTED = re.compile(r"'[^'\n]*'")


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    return raised.value.problems


def only(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [problem.text(Lang.EN) for problem in problems]
    return problems[0]


def said(problem: Problem) -> tuple[int, int, str, str, str]:
    """Where, the code, and the wording in Swedish and English; neither with a Python word in it."""
    swedish, english = problem.message.text(Lang.SV), problem.message.text(Lang.EN)
    for text in (swedish, english):
        assert not PYTHON.findall(QUOTED.sub("''", text)), text
    assert swedish != english
    return problem.line, problem.column, problem.code, swedish, english


# --- 1. a year that is not a year -----------------------------------------------------------------

#: Each slip as written in YAML, the key as the message quotes it, and (code, Swedish, English) of its message.
YEAR_SLIPS = {
    "trailing-space": ('"2025 "', "'2025 '", "year.spaces",
                       "'2025 ' har mellanslag runt årtalet; skriv 2025 utan mellanslag",
                       "'2025 ' has spaces around the year; write 2025 without spaces"),
    "leading-space": ('" 2025"', "' 2025'", "year.spaces",
                      "' 2025' har mellanslag runt årtalet; skriv 2025 utan mellanslag",
                      "' 2025' has spaces around the year; write 2025 without spaces"),
    "decimal": ("2025.0", "'2025.0'", "year.write_as",
                "'2025.0' är inget årtal; skriv bara årtalet: 2025",
                "'2025.0' is not a year; write the year alone: 2025"),
    "word": ("år 2025", "'år 2025'", "year.write_as",
             "'år 2025' är inget årtal; skriv bara årtalet: 2025",
             "'år 2025' is not a year; write the year alone: 2025"),
    "full-width": ("２０２５", "'２０２５'", "year.not_plain_digits",
                   "'２０２５' är skrivet med andra tecken än siffrorna 0–9 (till exempel breda siffror från Word "
                   "eller en webbsida); skriv 2025 med vanliga siffror",
                   "'２０２５' is written with characters other than the digits 0–9 (such as full-width digits "
                   "from Word or a web page); write 2025 in plain digits"),
    "arabic-indic": ("٢٠٢٥", "'٢٠٢٥'", "year.not_plain_digits",
                     "'٢٠٢٥' är skrivet med andra tecken än siffrorna 0–9 (till exempel breda siffror från Word "
                     "eller en webbsida); skriv 2025 med vanliga siffror",
                     "'٢٠٢٥' is written with characters other than the digits 0–9 (such as full-width digits "
                     "from Word or a web page); write 2025 in plain digits"),
}

PERIOD = "title: T\nyears: [2024, 2025]\n"
MEASURE = PERIOD + "measures:\n  - id: '1'\n    title: A\n"
#          lines 1-2        line 3      line 4       line 5   (measure keys at column 5, from line 6)

#: Where a year key can stand: the plan with ``{key}`` in place, and the key's (line, column).
YEAR_PLACES = {
    "effects-block": (MEASURE + "    effects:\n      2024: 5\n      {key}: 5\n", (8, 7)),
    "effects-flow": (MEASURE + "    effects: {{2024: 5, {key}: 5}}\n", (6, 24)),
    "forecast-block": (MEASURE + "    forecast:\n      {key}: 5\n", (7, 7)),
    "forecast-flow": (MEASURE + "    forecast: {{{key}: 5}}\n", (6, 16)),
    "outcome-block": (MEASURE + "    outcome:\n      {key}: 5\n", (7, 7)),
    "outcome-flow": (MEASURE + "    outcome: {{{key}: 5}}\n", (6, 15)),
    "target-block": (PERIOD + "target:\n  2024: 5\n  {key}: 5\n", (5, 3)),
    "target-flow": (PERIOD + "target: {{2024: 5, {key}: 5}}\n", (3, 19)),
    "stated-totals-block": (PERIOD + "stated_totals:\n  total: 10\n  {key}: 5\n", (5, 3)),
    "stated-totals-flow": (PERIOD + "stated_totals: {{total: 10, {key}: 5}}\n", (3, 28)),
    "years-flow": ("title: T\nyears: [2024, {key}]\n", (2, 15)),
    "years-block": ("title: T\nyears:\n  - 2024\n  - {key}\n", (4, 5)),
}


@pytest.mark.parametrize("place", sorted(YEAR_PLACES))
@pytest.mark.parametrize("slip", sorted(YEAR_SLIPS))
def test_a_year_that_is_not_a_year_is_refused_naming_the_key_as_written(
        write_plan: WritePlan, place: str, slip: str) -> None:
    text, (line, column) = YEAR_PLACES[place]
    written, _, code, swedish, english = YEAR_SLIPS[slip]
    problem = only(write_plan(text.format(key=written)))
    assert said(problem) == (line, column, code, swedish, english)


@pytest.mark.parametrize("place", sorted(YEAR_PLACES))
def test_the_same_places_read_a_plain_year(write_plan: WritePlan, place: str) -> None:
    text, _ = YEAR_PLACES[place]
    plan = load_plan(write_plan(text.format(key="2025")))
    assert plan.period == (2024, 2025)


@pytest.mark.parametrize(("written", "shown"), [("2027", "2027"), ('"2027 "', "'2027 '"), ("år 2027", "'år 2027'"),
                                                ("２０２７", "'２０２７'")])
def test_a_year_outside_the_period_in_any_spelling_is_refused(write_plan: WritePlan, written: str,
                                                                shown: str) -> None:
    problem = only(write_plan(MEASURE + f"    effects:\n      2024: 5\n      {written}: 7\n"))
    assert (problem.line, problem.column) == (8, 7)
    assert shown in problem.message.text(Lang.SV) and shown in problem.message.text(Lang.EN)


def test_a_plan_without_years_refuses_an_odd_year_too(write_plan: WritePlan) -> None:
    text = "title: T\nmeasures:\n  - id: '1'\n    title: A\n    full_year: 100\n    effects: {\"2024 \": 5}\n"
    problem = only(write_plan(text))  # not also "full_year: … the plan names no year"
    assert said(problem)[:3] == (6, 15, "year.spaces")


@pytest.mark.parametrize(("odd", "line"), [("２０２４", 8), ('"2024 "', 8), ("år 2024", 8), ("2024.0", 8)])
def test_a_year_spelt_two_ways_never_overrides_the_other(write_plan: WritePlan, odd: str, line: int) -> None:
    # "２０２４" beside 2024 once replaced its amount silently: Python's int() reads full-width digits.
    problem = only(write_plan(MEASURE + f"    effects:\n      2024: 5\n      {odd}: 3\n"))
    shown = odd.strip('"')
    assert said(problem) == (line, 7, "plan.same_meaning",
                             f"'{shown}' betyder samma sak som '2024' på rad 7; behåll en av dem",
                             f"'{shown}' means the same as '2024' on line 7; keep one")


def test_the_odd_spelling_is_the_problem_wherever_it_stands(write_plan: WritePlan) -> None:
    problem = only(write_plan(PERIOD + "target:\n  ２０２４: 3\n  2024: 5\n"))
    assert said(problem)[:3] == (4, 3, "plan.same_meaning")
    assert problem.message.text(Lang.EN) == "'２０２４' means the same as '2024' on line 5; keep one"


def test_the_total_written_twice(write_plan: WritePlan) -> None:
    problem = only(write_plan(PERIOD + "stated_totals:\n  Summa: 5\n  total: 5\n"))
    assert said(problem) == (4, 3, "plan.same_meaning", "'Summa' betyder samma sak som 'total' på rad 5; behåll en av dem",
                             "'Summa' means the same as 'total' on line 5; keep one")


@pytest.mark.parametrize(("key", "code", "english"), [
    ("1899", "year.out_of_range", "'1899' is not a year a plan can cover (1900–2200); correct the year"),
    ("2201", "year.out_of_range", "'2201' is not a year a plan can cover (1900–2200); correct the year"),
    ("20x5", "year.not_a_year", "'20x5' is not a year; write a four-digit year such as 2025"),
    ("99999", "year.not_a_year", "'99999' is not a year; write a four-digit year such as 2025"),
    ("2024-2025", "year.not_a_year", "'2024-2025' is not a year; write a four-digit year such as 2025"),
])
def test_what_is_no_year_at_all(write_plan: WritePlan, key: str, code: str, english: str) -> None:
    problem = only(write_plan(f"title: T\nmeasures:\n  - id: '1'\n    title: A\n    effects:\n      {key}: 5\n"))
    assert said(problem)[:3] == (6, 7, code)
    assert problem.message.text(Lang.EN) == english


@pytest.mark.parametrize(("years", "column", "code", "swedish"), [
    ("[2024, ~]", 15, "year.missing", "här saknas ett årtal; skriv ett årtal med fyra siffror, till exempel 2025"),
    ("[2024, [2025]]", 15, "year.not_one_value",
     "här ska stå ett årtal, inte en lista eller nycklar; skriv till exempel 2025"),
])
def test_a_years_list_with_something_else_than_years(write_plan: WritePlan, years: str, column: int, code: str,
                                                      swedish: str) -> None:
    problem = only(write_plan(f"title: T\nyears: {years}\n"))
    assert said(problem)[:4] == (2, column, code, swedish)


def test_a_stated_totals_key_that_is_neither(write_plan: WritePlan) -> None:
    problem = only(write_plan("title: T\nstated_totals:\n  summan: 5\n"))
    assert said(problem) == (3, 3, "year.stated_key",
                             "'summan' är varken ett årtal eller total; dokumentets summor skrivs per år (2025: …) "
                             "eller för hela perioden (total: …)",
                             "'summan' is neither a year nor 'total'; stated totals are per year (2025: …) or for "
                             "the whole period (total: …)")


# --- 3. a decimal comma inside {…} ------------------------------------------------------------------

#: Where a flow mapping can hold an amount: the line, and the (line, column) of the comma YAML split at.
DECIMAL_COMMA_PLACES = {
    "effect": (MEASURE + "    effects: {2024: 3,5 mkr}\n", (6, 22), "3,5 mkr", '{2024: "3,5 mkr"}'),
    "effect-among-others": (MEASURE + "    effects: {2024: 3,5, 2025: 4}\n", (6, 22), "3,5", '{2024: "3,5"}'),
    "effect-negative": (MEASURE + "    effects: {2024: -1,25 mkr}\n", (6, 23), "-1,25 mkr", '{2024: "-1,25 mkr"}'),
    "effect-grouped": (MEASURE + "    effects: {2024: 1 750,5}\n", (6, 26), "1 750,5", '{2024: "1 750,5"}'),
    "forecast": (MEASURE + "    forecast: {2024: 3,5 mkr}\n", (6, 23), "3,5 mkr", '{2024: "3,5 mkr"}'),
    "outcome": (MEASURE + "    outcome: {2025: 0,8}\n", (6, 22), "0,8", '{2025: "0,8"}'),
    "range-low": (MEASURE + "    effects: {2024: {low: 1,5, high: 3}}\n", (6, 28), "1,5", '{low: "1,5"}'),
    "range-high": (MEASURE + "    effects: {2024: {low: 1, high: 2,5 mkr}}\n", (6, 37), "2,5 mkr",
                   '{high: "2,5 mkr"}'),
    "full-year": (MEASURE + "    full_year: 1,5 mkr\n    effects: {2024: {low: 1, high: 2,5}}\n", (7, 37),
                  "2,5", '{high: "2,5"}'),
    "full-year-range": (MEASURE + "    full_year: {low: 1,5, high: 2}\n", (6, 23), "1,5", '{low: "1,5"}'),
    "full-year-in-a-flow-measure": (PERIOD + "measures:\n  - {id: '1', title: A, full_year: 1,5}\n", (4, 37),
                                    "1,5", '{full_year: "1,5"}'),
    "target-per-year": (PERIOD + "target: {2025: 4,2 mkr}\n", (3, 17), "4,2 mkr", '{2025: "4,2 mkr"}'),
    "target-total": ("{title: T, target: 12,4 mkr}\n", (1, 22), "12,4 mkr", '{target: "12,4 mkr"}'),
    "stated-total": (PERIOD + "stated_totals: {total: 13,1 mkr}\n", (3, 26), "13,1 mkr", '{total: "13,1 mkr"}'),
    "stated-year": (PERIOD + "stated_totals: {2024: 7,2}\n", (3, 24), "7,2", '{2024: "7,2"}'),
    "stated-figure": (PERIOD + "stated_totals:\n  total: {amount: 13,1, known_difference: 1}\n", (4, 21),
                      "13,1", '{amount: "13,1"}'),
    "measure-stated-total": (MEASURE + "    stated_total: {amount: 2,5}\n", (6, 29), "2,5", '{amount: "2,5"}'),
}


@pytest.mark.parametrize("place", sorted(DECIMAL_COMMA_PLACES))
def test_a_decimal_comma_in_braces_is_one_problem_at_the_comma_with_the_fix(write_plan: WritePlan,
                                                                            place: str) -> None:
    text, (line, column), amount, fix = DECIMAL_COMMA_PLACES[place]
    problem = only(write_plan(text))  # not also "'5 mkr' is not a year", nor a missing amount
    assert said(problem) == (
        line, column, "amount.comma_in_braces",
        f"decimalkommat delar beloppet: inom {{…}} skiljer ett komma nycklarna åt, så '{amount}' blir två delar; "
        f"skriv {fix} — beloppet med decimalkomma inom citattecken",
        f"the decimal comma splits the amount: inside {{…}} a comma separates the keys, so '{amount}' becomes two "
        f"parts; write {fix} — the amount with its decimal comma in quotes")


@pytest.mark.parametrize(("text", "low"), [
    (MEASURE + "    effects:\n      2024: 3,5 mkr\n", 3_500_000),         # block style: no split
    (MEASURE + "    effects: {2024: \"3,5 mkr\"}\n", 3_500_000),          # the fix
    (MEASURE + "    effects: {2024: 3, 2025: 4}\n", 3_000),
    (MEASURE + "    effects: {2024: 3,2025: 4}\n", 3_000),                # a comma between two years
])
def test_what_is_not_a_split_amount_reads(write_plan: WritePlan, text: str, low: int) -> None:
    assert load_plan(write_plan(text)).measures[0].effects[2024].low == low


def test_digits_without_a_value_on_their_own_line_are_no_split_amount(write_plan: WritePlan) -> None:
    problems = problems_of(write_plan(MEASURE + "    effects:\n      2024: 3\n      5:\n"))
    assert "amount.comma_in_braces" not in [problem.code for problem in problems]
    assert ((8, 7), "year.not_a_year") in [((p.line, p.column), p.code) for p in problems]


# --- 4. a start outside the plan ----------------------------------------------------------------------

WITH_START = MEASURE + "    full_year: 100\n    start: {start}\n"   # start's value at 7:12


@pytest.mark.parametrize(("start", "code", "swedish", "english"), [
    ("2204-07-01", "plan.start.after_period_guess",
     "start: 2204-07-01 ligger efter planens år (2024–2025), så åtgärden räknas inte något år; rätta datumet "
     "— menade du 2024-07-01?",
     "start: 2204-07-01 is after the plan's years (2024–2025), so the measure counts in no year; correct the date "
     "— did you mean 2024-07-01?"),
    ("2031-03-01", "plan.start.after_period",
     "start: 2031-03-01 ligger efter planens år (2024–2025), så åtgärden räknas inte något år; rätta datumet",
     "start: 2031-03-01 is after the plan's years (2024–2025), so the measure counts in no year; correct the date"),
    ("9999-12-31", "plan.start.after_period",
     "start: 9999-12-31 ligger efter planens år (2024–2025), så åtgärden räknas inte något år; rätta datumet",
     "start: 9999-12-31 is after the plan's years (2024–2025), so the measure counts in no year; correct the date"),
    ("2025-12-15", "plan.start.no_whole_month",
     "start: 2025-12-15 räknas från första hela månaden, januari 2026, som ligger efter planens år (2024–2025), "
     "så åtgärden räknas inte något år; skriv 2025-12-01 om den börjar i december",
     "start: 2025-12-15 counts from the first whole month, January 2026, which is after the plan's years "
     "(2024–2025), so the measure counts in no year; write 2025-12-01 if it starts in December"),
    ("2014-07-01", "plan.start.long_before_period_guess",
     "start: 2014-07-01 ligger mer än 5 år före planens år (2024–2025); rätta datumet — menade du 2024-07-01?",
     "start: 2014-07-01 is more than 5 years before the plan's years (2024–2025); correct the date "
     "— did you mean 2024-07-01?"),
    ("0001-01-01", "plan.start.long_before_period",
     "start: 0001-01-01 ligger mer än 5 år före planens år (2024–2025); rätta datumet, eller ta bort start: om "
     "åtgärden ger hela sin helårseffekt varje år",
     "start: 0001-01-01 is more than 5 years before the plan's years (2024–2025); correct the date, or remove "
     "start: if the measure has its whole full-year effect every year"),
])
def test_a_start_outside_the_period_is_refused(write_plan: WritePlan, start: str, code: str, swedish: str,
                                               english: str) -> None:
    problem = only(write_plan(WITH_START.format(start=start)))
    assert said(problem) == (7, 12, code, swedish, english)


@pytest.mark.parametrize(("start", "kronor"), [
    ("2019-01-01", {2024: 100_000, 2025: 100_000}),   # five years before: begun earlier, it counts whole years
    ("2024-07-01", {2024: 50_000, 2025: 100_000}),
    ("2025-12-01", {2025: 8_333}),                     # December of the last year: one month of it
])
def test_a_start_inside_or_shortly_before_the_period_reads(write_plan: WritePlan, start: str,
                                                           kronor: dict[int, int]) -> None:
    plan = load_plan(write_plan(WITH_START.format(start=start)))
    effects = measure_effects(plan.measures[0], plan.period)
    assert {year: effect.low for year, effect in effects.items()} == kronor


NO_YEARS = "title: T\nmeasures:\n  - id: '1'\n    title: A\n    full_year: 100\n    start: {start}\n"


@pytest.mark.parametrize("start", ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"])
def test_without_years_a_start_outside_the_plausible_years_is_refused(write_plan: WritePlan, start: str) -> None:
    problem = only(write_plan(NO_YEARS.format(start=start)))
    assert said(problem) == (6, 12, "plan.date.out_of_range",
                             f"'start': '{start}' ligger utanför de år en plan kan gälla (1900–2200); rätta årtalet",
                             f"'start': '{start}' is outside the years a plan can cover (1900–2200); correct the year")


def test_without_years_an_implausible_period_is_refused_at_the_year_that_makes_it(write_plan: WritePlan) -> None:
    text = NO_YEARS.format(start="2104-07-01") + "    effects: {2024: 5, 2025: 5}\n"
    problem = only(write_plan(text))
    assert said(problem) == (
        6, 12, "year.period_too_long",
        "årtalet 2104 ger planen perioden 2024–2104, 81 år; en plan gäller högst 10 år: rätta årtalet, eller ange "
        "planens år med years:, till exempel years: [2024, 2025]",
        "the year 2104 makes the plan's period 2024–2104, 81 years; a plan covers at most 10 years: correct the "
        "year, or give the plan's years with years:, such as years: [2024, 2025]")


def test_without_years_an_effect_year_far_away_is_refused(write_plan: WritePlan) -> None:
    text = "title: T\nstated_totals: {2025: 5}\nmeasures:\n  - id: '1'\n    title: A\n    effects: {2024: 5, 1924: 5}\n"
    problem = only(write_plan(text))
    assert said(problem)[:3] == (6, 24, "year.period_too_long")
    assert "1924–2025, 102 years" in problem.message.text(Lang.EN)


def test_ten_years_is_a_plausible_period(write_plan: WritePlan) -> None:
    plan = load_plan(write_plan("title: T\nmeasures:\n  - id: '1'\n    title: A\n    effects: {2020: 5, 2029: 5}\n"))
    assert len(plan.period) == 10


def test_a_years_list_over_too_many_years(write_plan: WritePlan) -> None:
    problem = only(write_plan("title: T\nyears: [2024, 2025, 2044]\n"))
    assert said(problem) == (2, 21, "year.years_too_long",
                             "years: sträcker sig från 2024 till 2044, 21 år; en plan gäller högst 10 år: rätta "
                             "årtalet 2044",
                             "years: runs from 2024 to 2044, 21 years; a plan covers at most 10 years: correct the "
                             "year 2044")


# --- 5. Swedish and misspelt keys -------------------------------------------------------------------

IN_A_MEASURE = "title: T\nmeasures:\n  - id: '1'\n    title: A\n    {key}: x\n"   # the key at 5:5
IN_THE_PLAN = "title: T\n{key}: x\n"                                               # the key at 2:1
IN_A_STATED_FIGURE = "title: T\nstated_totals:\n  total: {{amount: 5, {key}: x}}\n"  # the key at 3:22


@pytest.mark.parametrize(("text", "key", "guess"), [
    (IN_A_MEASURE, "prognos", "forecast"),
    (IN_A_MEASURE, "Prognos", "forecast"),
    (IN_A_MEASURE, "ansvarig", "responsible"),
    (IN_A_MEASURE, "effekter", "effects"),
    (IN_A_MEASURE, "effekt", "effects"),
    (IN_A_MEASURE, "efects", "effects"),
    (IN_A_MEASURE, "titel", "title"),
    (IN_A_MEASURE, "område", "area"),
    (IN_A_MEASURE, "tidplan", "schedule"),
    (IN_A_MEASURE, "uppföljning", "follow_up"),
    (IN_A_MEASURE, "utfall", "outcome"),
    (IN_A_MEASURE, "helårseffekt", "full_year"),
    (IN_A_MEASURE, "årseffekt", "full_year"),
    (IN_A_MEASURE, "full-year", "full_year"),
    (IN_A_MEASURE, "anteckning", "note"),
    (IN_A_MEASURE, "kommentar", "note"),
    (IN_A_MEASURE, "startdatum", "start"),
    (IN_A_MEASURE, "pågår", "status: pågår"),
    (IN_A_MEASURE, "Klart", "status: klart"),
    (IN_THE_PLAN, "åtgärder", "measures"),
    (IN_THE_PLAN, "sparbeting", "target"),
    (IN_THE_PLAN, "mål", "target"),
    (IN_THE_PLAN, "taget", "target"),
    (IN_THE_PLAN, "enhet", "unit"),
    (IN_THE_PLAN, "titel", "title"),
    (IN_THE_PLAN, "Title", "title"),
    (IN_THE_PLAN, "år", "years"),
    (IN_THE_PLAN, "nämnd", "organisation"),
    (IN_THE_PLAN, "förvaltning", "organisation"),
    (IN_THE_PLAN, "källa", "source"),
    (IN_THE_PLAN, "beskrivning", "description"),
    (IN_THE_PLAN, "summor", "stated_totals"),
    (IN_THE_PLAN, "summa", "stated_totals"),
    (IN_THE_PLAN, "datum", "as_of"),
    (IN_A_STATED_FIGURE, "känd skillnad", "known_difference"),
    (IN_A_STATED_FIGURE, "belopp", "amount"),
])
def test_a_swedish_or_misspelt_key_is_answered_with_the_right_one(write_plan: WritePlan, text: str, key: str,
                                                                  guess: str) -> None:
    problem = only(write_plan(text.format(key=key)))
    where = {IN_A_MEASURE: (5, 5), IN_THE_PLAN: (2, 1), IN_A_STATED_FIGURE: (3, 22)}[text]
    assert said(problem) == (*where, "plan.unknown_key.did_you_mean",
                             f"okänd nyckel '{key}' — menade du '{guess}'?",
                             f"unknown key '{key}' — did you mean '{guess}'?")


def test_a_measures_key_in_the_plan_says_where_it_belongs(write_plan: WritePlan) -> None:
    problem = only(write_plan(IN_THE_PLAN.format(key="prognos")))
    assert said(problem) == (2, 1, "plan.unknown_key.measure_key",
                             "okänd nyckel 'prognos' här — 'forecast' hör till en åtgärd: skriv den under åtgärden "
                             "i measures:",
                             "unknown key 'prognos' here — 'forecast' belongs to a measure: write it under the "
                             "measure in measures:")


def test_a_plans_key_in_a_measure_says_where_it_belongs(write_plan: WritePlan) -> None:
    problem = only(write_plan(IN_A_MEASURE.format(key="sparbeting")))
    assert said(problem) == (5, 5, "plan.unknown_key.plan_key",
                             "okänd nyckel 'sparbeting' här — 'target' gäller hela planen: skriv den längst till "
                             "vänster, utan indrag, ovanför measures:",
                             "unknown key 'sparbeting' here — 'target' is for the whole plan: write it at the left "
                             "margin, without indentation, above measures:")


def test_an_unknown_key_without_a_likely_meaning_lists_the_keys(write_plan: WritePlan) -> None:
    problem = only(write_plan(IN_A_STATED_FIGURE.format(key="zzzqqq")))
    assert said(problem) == (3, 22, "plan.unknown_key",
                             "okänd nyckel 'zzzqqq'; nycklarna här är amount, known_difference, note",
                             "unknown key 'zzzqqq'; the keys here are amount, known_difference, note")


@pytest.mark.parametrize(("written", "guess"), [("pågåe", "pågår"), ("pagar", "pågår"), ("planerd", "planerad"),
                                                ("avbrytet", "avbrutet"), ("Klar t", "klart")])
def test_a_misspelt_status_is_answered_with_the_right_word(write_plan: WritePlan, written: str, guess: str) -> None:
    problem = only(write_plan(IN_A_MEASURE.replace("{key}: x", f"status: {written}")))
    assert said(problem) == (5, 13, "status.did_you_mean", f"okänd status '{written}' — menade du '{guess}'?",
                             f"unknown status '{written}' — did you mean '{guess}'?")


@pytest.mark.parametrize("written", ["kanske", "true", "ja"])
def test_a_status_like_no_status_lists_them(write_plan: WritePlan, written: str) -> None:
    problem = only(write_plan(IN_A_MEASURE.replace("{key}: x", f"status: {written}")))
    assert said(problem) == (
        5, 13, "status.unknown",
        f"okänd status '{written}'; skriv något av planerad, pågår, klart, utredning, pausad, avbruten "
        "(eller planned, ongoing, done, investigating, paused, cancelled)",
        f"unknown status '{written}'; write one of planerad, pågår, klart, utredning, pausad, avbruten "
        "(or planned, ongoing, done, investigating, paused, cancelled)")


# --- 5b. what a controller writes the Swedish way (issue 20) -----------------------------------------

@pytest.mark.parametrize(("written", "fix"), [
    ("ja", "true"), ("Ja", "true"), ("nej", "false"), ("yes", "true"), ("no", "false"), ("sant", "true"),
    ("falskt", "false"), ("on", "true"), ("off", "false"), ("y", "true"), ("n", "false"),
])
def test_potential_in_yes_or_no_words_is_answered_with_the_word_to_write(write_plan: WritePlan, written: str,
                                                                         fix: str) -> None:
    # YAML 1.1 would read yes/ja-like words as booleans; a plan never does, and says what to write instead
    problem = only(write_plan(MEASURE + f"    potential: {written}\n"))
    assert said(problem) == (6, 16, "plan.value.true_false_word",
                             f"'potential' ska vara true eller false; skriv {fix} i stället för '{written}'",
                             f"'potential' should be true or false; write {fix} instead of '{written}'")


#: Where an effect can be written without the space after its year's colon: the plan, and the (line, column).
NO_SPACE_PLACES = {
    "effects-flow": (MEASURE + "    effects: {2025:400}\n", (6, 15)),
    "effects-flow-second": (MEASURE + "    effects: {2024: 300, 2025:400}\n", (6, 26)),
    "effects-block": (MEASURE + "    effects:\n      2025:400\n", (7, 7)),
    "forecast-flow": (MEASURE + "    effects: {2025: 400}\n    forecast: {2025:400}\n", (7, 16)),
    "outcome-block": (MEASURE + "    effects: {2025: 400}\n    outcome:\n      2025:400\n", (8, 7)),
    "target-flow": (PERIOD + "target: {2025:400}\n", (3, 10)),
    "target-block": (PERIOD + "target:\n  2025:400\n", (4, 3)),
    "stated-totals-flow": (PERIOD + "stated_totals: {2025:400}\n", (3, 17)),
}


@pytest.mark.parametrize("place", sorted(NO_SPACE_PLACES))
def test_a_year_and_amount_without_a_space_after_the_colon_says_the_space_is_missing(write_plan: WritePlan,
                                                                                     place: str) -> None:
    text, where = NO_SPACE_PLACES[place]
    assert said(only(write_plan(text))) == (*where, "yaml.space_after_colon",
                                            "mellanslag saknas efter kolonet; skriv 2025: 400",
                                            "a space is missing after the colon; write 2025: 400")


def test_the_missing_space_keeps_the_amount_as_written(write_plan: WritePlan) -> None:
    problem = only(write_plan(MEASURE + "    effects: 2025:400\n"))  # on the key's line: the braces too
    assert said(problem)[:4] == (6, 14, "yaml.space_after_colon", "mellanslag saknas efter kolonet; skriv {2025: 400}")
    problem = only(write_plan(MEASURE + "    effects:\n      2025:0,4 mkr\n"))
    assert problem.message.text(Lang.SV) == "mellanslag saknas efter kolonet; skriv 2025: 0,4 mkr"
    problem = only(write_plan(MEASURE + "    effects:\n      2025:400 tkr\n"))
    assert problem.message.text(Lang.SV) == "mellanslag saknas efter kolonet; skriv 2025: 400 tkr"


def test_the_missing_space_and_a_decimal_comma_in_braces_are_one_problem(write_plan: WritePlan) -> None:
    # {2025:0,4 mkr} is {"2025:0": null, "4 mkr": null} to YAML: both slips at once, told once, with the whole fix
    assert said(only(write_plan(MEASURE + "    effects: {2024: 5, 2025:0,4 mkr}\n"))) == (
        6, 24, "yaml.space_after_colon", 'mellanslag saknas efter kolonet; skriv 2025: "0,4 mkr"',
        'a space is missing after the colon; write 2025: "0,4 mkr"')
    # and only those two keys are its: another slip in the same braces is told as well
    problems = problems_of(write_plan(MEASURE + "    effects: {2024: fem, 2025:0,4 mkr}\n"))
    assert [(p.line, p.column, p.code) for p in problems] == [(6, 21, "amount.not_a_number"),
                                                              (6, 26, "yaml.space_after_colon")]


@pytest.mark.parametrize("written", ["1/7 2025", "1/7-2025", "01/07 2025", "1/7 - 2025", "1 juli 2025",
                                     "1 Juli 2025", "1 jul 2025", "2025-7-1"])
def test_a_date_written_the_swedish_way_is_answered_with_the_iso_date(write_plan: WritePlan, written: str) -> None:
    problem = only(write_plan(WITH_START.format(start=written)))
    assert said(problem) == (7, 12, "plan.date.write_as",
                             f"'start': skriv datumet som 2025-07-01 (ÅÅÅÅ-MM-DD), inte '{written}'",
                             f"'start': write the date as 2025-07-01 (YYYY-MM-DD), not '{written}'")


@pytest.mark.parametrize("written", ["1/7/2025", "7/1/2025", "31/6 2025", "1/13 2025", "1 julius 2025"])
def test_a_date_that_cannot_surely_be_read_asks_for_the_iso_form(write_plan: WritePlan, written: str) -> None:
    # 1/7/2025 is the first of July in Sweden and the seventh of January in the USA: no guess
    problem = only(write_plan(WITH_START.format(start=written)))
    assert said(problem) == (7, 12, "plan.date.invalid",
                             f"'start': '{written}' är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-04-01",
                             f"'start': '{written}' is not a date; write it as YYYY-MM-DD, such as 2024-04-01")


@pytest.mark.parametrize(("years", "column", "fix"), [
    ("[2025–2027]", 9, "[2025, 2026, 2027]"),
    ("[2025-2027]", 9, "[2025, 2026, 2027]"),
    ("[2025 - 2027]", 9, "[2025, 2026, 2027]"),
    ("2025-2027", 8, "[2025, 2026, 2027]"),
    ("2025–2026", 8, "[2025, 2026]"),
    ("[2024, 2025–2026]", 15, "[2024, 2025, 2026]"),
])
def test_years_written_as_a_span_are_answered_with_the_list(write_plan: WritePlan, years: str, column: int,
                                                            fix: str) -> None:
    problem = only(write_plan(f"title: T\nyears: {years}\nmeasures:\n  - id: '1'\n    title: A\n"
                              "    effects: {2025: 5}\n"))
    assert said(problem) == (2, column, "year.years_span",
                             f"years: är en lista med vart och ett av åren, inte ett spann; skriv years: {fix}",
                             f"years: lists each of the years, not a span; write years: {fix}")


@pytest.mark.parametrize(("target", "where", "value", "fix"), [
    ("-500", (3, 9), "-500", "500"),
    ('"−500 tkr"', (3, 9), "−500 tkr", "500 tkr"),
    ('"-0,5 mkr"', (3, 9), "-0,5 mkr", "0,5 mkr"),
    ("{2024: 100, 2025: -100}", (3, 27), "-100", "100"),
])
def test_a_negative_target_is_refused(write_plan: WritePlan, target: str, where: tuple[int, int], value: str,
                                      fix: str) -> None:
    problem = only(write_plan(PERIOD + f"target: {target}\n"))
    assert said(problem) == (*where, "plan.target.negative",
                             f"sparbetinget '{value}' är negativt; ett sparbeting är det som ska sparas och skrivs "
                             f"som ett positivt belopp: skriv {fix}",
                             f"the target '{value}' is negative; a target (sparbeting) is what must be saved, "
                             f"written as a positive amount: write {fix}")


@pytest.mark.parametrize("target", ["0", "{2024: 0, 2025: 100}", "500"])
def test_a_target_of_zero_or_more_reads(write_plan: WritePlan, target: str) -> None:
    assert load_plan(write_plan(PERIOD + f"target: {target}\n")).target is not None


# --- 6. every other message of the plan's keys and values, in both languages ----------------------------

A_MEASURE = "title: T\nmeasures:\n  - id: '1'\n    title: A\n"

CONVERTED = {
    "no-keys": ("~\n", (1, 1), "plan.no_keys",
                "filen är tom: den har inga nycklar, högst kommentarer; en plan börjar med title: och measures:",
                "the file is empty: it holds no keys, at most comments; a plan starts with title: and measures:"),
    "not-a-mapping": ("- title: T\n", (1, 1), "plan.not_a_mapping",
                      "en plan består av nycklar (title:, unit:, measures:, …) längst till vänster i filen, inte av "
                      "en lista eller ett enda värde; börja filen med title: och planens namn",
                      "a plan is a mapping of keys (title:, unit:, measures:, …) at the top of the file, not a list "
                      "or a single value; start the file with title: and the plan's name"),
    "missing-title": ("unit: kr\n", (1, 1), "plan.missing_key.plan",
                      "nyckeln 'title' saknas; planen behöver en, till exempel title: …",
                      "missing key 'title'; a plan needs one, such as title: …"),
    "missing-id": ("title: T\nmeasures:\n  - title: A\n", (3, 5), "plan.missing_key.measure",
                   "nyckeln 'id' saknas; varje åtgärd behöver en, till exempel id: …",
                   "missing key 'id'; each measure needs one, such as id: …"),
    "missing-amount": ("title: T\nstated_totals:\n  total: {note: x}\n", (3, 10), "plan.missing_key.stated_figure",
                       "nyckeln 'amount' saknas; en summa skriven med nycklar behöver beloppet, till exempel "
                       "{amount: 13 149, known_difference: -400}",
                       "missing key 'amount'; a sum written with keys needs its amount, such as "
                       "{amount: 13 149, known_difference: -400}"),
    "title-without-value": ("title:\n", (1, 7), "plan.value.empty",
                            "'title' saknar värde; skriv texten efter kolonet",
                            "'title' has no value; write the text after the colon"),
    "title-a-list": ("title: [a, b]\n", (1, 8), "plan.value.not_text",
                     "'title' ska vara en text; skriv texten efter kolonet (inom citattecken om den innehåller \": \")",
                     "'title' should be text; write the text after the colon (in quotes if it contains \": \")"),
    "title-too-long": ("title: " + "x" * 10_001 + "\n", (1, 8), "plan.value.too_long",
                       "'title' är för lång (högst 10 000 tecken); korta texten",
                       "'title' is too long (at most 10 000 characters); shorten it"),
    "potential": (A_MEASURE + "    potential: kanske\n", (5, 16), "plan.value.not_true_or_false",
                  "'potential' ska vara true eller false; skriv true för ja och false för nej",
                  "'potential' should be true or false; write true for yes and false for no"),
    "years-not-a-list": ("title: T\nyears: 2024\n", (2, 8), "plan.value.not_a_list",
                         "'years' ska vara en lista, till exempel [2024, 2025, 2026]",
                         "'years' should be a list, such as [2024, 2025, 2026]"),
    "effects-not-a-mapping": (A_MEASURE + "    effects: [5]\n", (5, 14), "plan.value.not_a_mapping",
                              "'effects' ska ha nycklar med värden under sig (nyckel: värde, på egna rader med indrag)",
                              "'effects' should be a mapping (key: value on lines below it)"),
    "measures-not-a-list": ("title: T\nmeasures:\n  id: 1\n", (3, 3), "plan.measures.not_a_list",
                            "'measures' ska vara en lista med åtgärder, var och en börjar med '- id:' på egen rad",
                            "'measures' should be a list of measures, each starting with '- id:' on its own line"),
    "measure-not-a-mapping": ("title: T\nmeasures:\n  - Minska övertid\n", (3, 5), "plan.measure.not_a_mapping",
                              "en åtgärd ska ha nycklar (id:, title:, effects:, …) och börja med '- id:' på egen rad",
                              "a measure should be a mapping of keys (id:, title:, effects:, …), starting with "
                              "'- id:' on its own line"),
    "unit-without-value": ("title: T\nunit:\n", (2, 6), "plan.unit.not_a_word",
                           "enheten ska vara ett av orden kr, tkr eller mkr; skriv till exempel unit: tkr",
                           "the unit is one of the words kr, tkr or mkr; write for example unit: tkr"),
    "id-without-value": ("title: T\nmeasures:\n  - id:\n    title: A\n", (3, 8), "plan.id.invalid",
                         "en åtgärds id är en kort text eller ett nummer, till exempel id: 3 eller id: VO-2",
                         "a measure's id is a short text or number, such as id: 3 or id: VO-2"),
    "id-twice": (A_MEASURE + "  - id: '1'\n    title: B\n", (5, 9), "plan.id.twice",
                 "id '1' används två gånger i planen (första gången på rad 3); ge varje åtgärd ett eget id",
                 "the id '1' is used twice in this plan (first on line 3); give each measure its own id"),
    "measure-twice": (A_MEASURE + "    effects: {2024: 5}\n  - id: '2'\n    title: A\n    effects: {2024: 5}\n", (6, 5),
                      "plan.measure.twice",
                      "åtgärden 'A' med id '2' finns redan i planen som id '1' på rad 3, med samma titel och samma "
                      "effekter: den skulle räknas två gånger; ta bort den ena, eller ge dem olika titlar om de är "
                      "olika åtgärder",
                      "the measure 'A' with id '2' is already in this plan as id '1' on line 3, with the same title and "
                      "the same effects: it would be counted twice; remove one of them, or give them different "
                      "titles if they are different measures"),
    "status-a-list": (A_MEASURE + "    status: [pågår]\n", (5, 13), "status.not_a_word",
                      "status ska vara ett av orden planerad, pågår, klart, utredning, pausad, avbruten",
                      "a status is one of the words planerad, pågår, klart, utredning, pausad, avbruten "
                      "(or planned, ongoing, done, investigating, paused, cancelled)"),
    "date-invalid": ("title: T\nas_of: 2024-02-30\n", (2, 8), "plan.date.invalid",
                     "'as_of': '2024-02-30' är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-04-01",
                     "'as_of': '2024-02-30' is not a date; write it as YYYY-MM-DD, such as 2024-04-01"),
    "date-as-digits": (A_MEASURE + "    full_year: 5\n    start: 20240701\n", (6, 12), "plan.date.write_as",
                       "'start': skriv datumet som 2024-07-01 (ÅÅÅÅ-MM-DD), inte '20240701'",
                       "'start': write the date as 2024-07-01 (YYYY-MM-DD), not '20240701'"),
    "date-with-time": ("title: T\nas_of: 2024-08-31 12:00\n", (2, 8), "plan.date.write_as",
                       "'as_of': skriv datumet som 2024-08-31 (ÅÅÅÅ-MM-DD), inte '2024-08-31 12:00'",
                       "'as_of': write the date as 2024-08-31 (YYYY-MM-DD), not '2024-08-31 12:00'"),
    "date-a-mapping": ("title: T\nas_of: {day: 1}\n", (2, 8), "plan.date.not_one_value",
                       "'as_of' ska vara ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2024-04-01",
                       "'as_of' should be a date written as YYYY-MM-DD, such as 2024-04-01"),
    "start-alone": (A_MEASURE + "    start: 2024-04-01\n", (5, 5), "plan.start.without_full_year",
                    "start: används bara tillsammans med full_year: (helårseffekten); lägg till full_year: eller "
                    "ta bort start:",
                    "start: is only used with full_year: (the effect of a whole year); add full_year: or remove "
                    "start:"),
    "full-year-without-years": (A_MEASURE + "    full_year: 5\n", (5, 5), "plan.full_year.without_years",
                                "full_year: fyller planens år, men planen nämner inga år; lägg till years: "
                                "[2025, 2026] i planen, eller start: i åtgärden",
                                "full_year: fills the plan's years, but the plan names none; add years: [2025, 2026] "
                                "to the plan, or start: to the measure"),
    "year-outside": ("title: T\nyears: [2024]\ntarget: {2024: 5, 2023: 6}\n", (3, 19), "year.outside_period",
                     "året 2023 ligger utanför planens år (2024); rätta årtalet eller lägg till det i years:",
                     "the year 2023 is outside the plan's years (2024); correct the year or add it to years:"),
    "year-outside-gap": ("title: T\nyears: [2024, 2026]\nstated_totals: {2025: 6}\n", (3, 17),
                         "year.outside_period",
                         "året 2025 ligger utanför planens år (2024, 2026); rätta årtalet eller lägg till det i years:",
                         "the year 2025 is outside the plan's years (2024, 2026); correct the year or add it to "
                         "years:"),
}


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_each_message_in_swedish_and_english(write_plan: WritePlan, name: str) -> None:
    text, where, code, swedish, english = CONVERTED[name]
    assert said(only(write_plan(text))) == (*where, code, swedish, english)


def test_an_error_of_validation_without_a_message_of_ours_gets_the_general_one() -> None:
    # a pydantic error type not in our table (a future version's): never pydantic's English text
    source = read_yaml("title: T\n")
    detail = {"type": "some_new_type", "loc": ("title",), "msg": "Input should be a valid str", "input": "T"}
    problem = _problem(source, "p.yaml", detail, ("title",), False)
    assert said(problem) == (1, 8, "plan.value.invalid",
                             "'title' går inte att läsa här; se hur värdet skrivs i formatbeskrivningen "
                             "(docs/planformat.md)",
                             "'title' cannot be read here; see how the value is written in the format guide "
                             "(docs/planformat.md)")


# --- check's own checks -----------------------------------------------------------------------------------

def stated(total: str, measure: str = "") -> str:
    return ("title: Plan\nunit: tkr\nyears: [2024, 2025]\nstated_totals:\n"
            f"  {total}\n"
            "measures:\n  - id: '1'\n    title: Åtgärd\n    effects: {2024: 400, 2025: 600}\n" + measure)


def check_problem(path: Path, policy: Policy = Policy()) -> Problem:
    [problem] = check_plan(load_plan(path), policy).problems
    return problem


@pytest.mark.parametrize(("text", "where", "code", "swedish", "english"), [
    (stated("total: 1 100"), (5, 10), "check.stated_total_mismatch",
     "dokumentets summa är 1 100 tkr men raderna summerar till 1 000 tkr; skillnad 100 tkr (rätta summan eller "
     "raderna; är planen reviderad sedan dokumentet, ta bort stated_totals; är källdokumentets egen summa fel, "
     "skriv in felet med known_difference)",
     "the stated total is 1 100 tkr but the rows add up to 1 000 tkr; difference 100 tkr (correct the stated "
     "figure or the rows; if the plan has been revised since the document, remove stated_totals; if the source "
     "document's own sum is wrong, record it with known_difference)"),
    (stated("2025: 1 600,5"), (5, 9), "check.stated_total_mismatch",
     "dokumentets summa för 2025 är 1 601 tkr men raderna summerar till 600 tkr; skillnad 1 001 tkr (rätta summan "
     "eller raderna; är planen reviderad sedan dokumentet, ta bort stated_totals; är källdokumentets egen summa "
     "fel, skriv in felet med known_difference)",
     "the stated total for 2025 is 1 601 tkr but the rows add up to 600 tkr; difference 1 001 tkr (correct the "
     "stated figure or the rows; if the plan has been revised since the document, remove stated_totals; if the "
     "source document's own sum is wrong, record it with known_difference)"),
    (stated("total: {amount: 1 100, known_difference: 90}"), (5, 10), "check.stated_total_mismatch",
     "dokumentets summa är 1 100 tkr men raderna summerar till 1 000 tkr; skillnad 100 tkr, inte den kända "
     "skillnaden (known_difference) 90 tkr (rätta summan eller raderna; är planen reviderad sedan dokumentet, ta "
     "bort stated_totals; är källdokumentets egen summa fel, skriv in felet med known_difference)",
     "the stated total is 1 100 tkr but the rows add up to 1 000 tkr; difference 100 tkr, not the known_difference "
     "90 tkr (correct the stated figure or the rows; if the plan has been revised since the document, remove "
     "stated_totals; if the source document's own sum is wrong, record it with known_difference)"),
    (stated("total: 1 000", "    stated_total: 1 010\n"), (10, 19), "check.stated_total_mismatch",
     "dokumentets summa för åtgärd '1' är 1 010 tkr men raderna summerar till 1 000 tkr; skillnad 10 tkr (rätta "
     "summan eller raderna; är planen reviderad sedan dokumentet, ta bort åtgärdens stated_total; är "
     "källdokumentets egen summa fel, skriv in felet med known_difference)",
     "the stated total of measure '1' is 1 010 tkr but the rows add up to 1 000 tkr; difference 10 tkr (correct "
     "the stated figure or the rows; if the plan has been revised since the document, remove the measure's "
     "stated_total; if the source document's own sum is wrong, record it with known_difference)"),
    (stated("total: {amount: 1 000, known_difference: 100}"), (5, 10), "check.known_difference_stale",
     "dokumentets summa stämmer nu med raderna; ta bort dess known_difference",
     "the stated total now matches the rows; remove its known_difference"),
])
def test_the_checks_of_stated_totals(write_plan: WritePlan, text: str, where: tuple[int, int], code: str,
                                     swedish: str, english: str) -> None:
    assert said(check_problem(write_plan(text))) == (*where, code, swedish, english)


def test_require_target(write_plan: WritePlan) -> None:
    path = write_plan("title: Plan\nyears: [2025]\nmeasures:\n  - id: '1'\n    title: Å\n    effects: {2025: 100}\n")
    assert said(check_problem(path, Policy(require_target=True))) == (
        1, 1, "check.no_target",
        "planen anger inget sparbeting; lägg till target: med beloppet som planen ska täcka (krävs med "
        "--require-target)",
        "the plan states no target (sparbeting); add target: with the amount the plan must cover (required by "
        "--require-target)")


@pytest.mark.parametrize(("effect", "gap_sv", "gap_en", "total"), [
    ("{interval: 4}", "2 000 tkr", "2 000 tkr", "≥ 3 000 tkr"),
    ("800-1200", "4 200 tkr", "4 200 tkr", "800–1 200 tkr"),
    ("{low: -500}", "5 500 tkr", "5 500 tkr", "≥ -500 tkr"),
])
def test_fail_on_gap(write_plan: WritePlan, effect: str, gap_sv: str, gap_en: str, total: str) -> None:
    path = write_plan("title: Plan\nunit: tkr\nyears: [2025]\ntarget: 5000\nmeasures:\n"
                      f"  - id: '1'\n    title: Åtgärd\n    effects: {{2025: {effect}}}\n")
    assert said(check_problem(path, Policy(fail_on_gap=True))) == (
        4, 9, "check.target_not_covered",
        f"åtgärderna täcker inte säkert sparbetinget 5 000 tkr: kvar att spara upp till {gap_sv} (åtgärderna "
        f"summerar till {total}; --fail-on-gap)",
        f"the measures do not surely cover the target 5 000 tkr: still to save up to {gap_en} (measures total "
        f"{total}; --fail-on-gap)")


# --- every command that reads the plan refuses the slip ---------------------------------------------------

@pytest.mark.parametrize("command", ["check", "summarize", "gap", "follow-up"])
def test_every_command_refuses_a_slip_in_swedish_and_english(write_plan: WritePlan, command: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    path = write_plan(MEASURE + "    effects: {2024: 3,5 mkr}\n")
    for lang, phrase in (([], 'skriv {2024: "3,5 mkr"}'), (["--lang", "en"], 'write {2024: "3,5 mkr"}')):
        result = runner().invoke(app, [command, str(path), *lang])
        assert result.exit_code == 1, result.output
        line = next(line for line in result.output.splitlines() if line.startswith(f"{path}:6:22: "))
        assert phrase in line


@pytest.mark.parametrize("command", ["check", "summarize", "gap", "follow-up"])
def test_every_command_refuses_the_same_measure_twice(write_plan: WritePlan, command: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    path = write_plan(MEASURE + "    effects: {2024: 400}\n  - id: '7'\n    title: A\n    effects: {2024: '0,4 mkr'}\n")
    result = runner().invoke(app, [command, str(path)])
    assert result.exit_code == 1, result.output
    assert f"{path}:7:5: åtgärden 'A' med id '7' finns redan i planen som id '1' på rad 4" in result.output


def test_the_fast_reading_and_the_one_with_positions_agree(write_plan: WritePlan) -> None:
    # A valid plan is read once without positions; the rules then run without them and must not refuse it.
    text = (MEASURE + "    effects:\n      2024: 3\n      2025: 5\n    full_year: 10\n    start: 2024-03-01\n"
            "stated_totals: {total: 13}\n")
    plan = load_plan(write_plan(text))
    assert isinstance(plan, Plan) and plan.measures[0].effects[2025].low == 5_000


@pytest.mark.parametrize(("text", "where", "code"), [
    (DECIMAL_COMMA_PLACES["target-per-year"][0], DECIMAL_COMMA_PLACES["target-per-year"][1], "amount.comma_in_braces"),
    (DECIMAL_COMMA_PLACES["range-low"][0], DECIMAL_COMMA_PLACES["range-low"][1], "amount.comma_in_braces"),
    (YEAR_PLACES["effects-flow"][0].format(key="２０２５"), YEAR_PLACES["effects-flow"][1], "year.not_plain_digits"),
    (YEAR_PLACES["stated-totals-block"][0].format(key='"2025 "'), YEAR_PLACES["stated-totals-block"][1],
     "year.spaces"),
    (WITH_START.format(start="2204-07-01"), (7, 12), "plan.start.after_period_guess"),
])
def test_without_libyaml_the_same_slips_at_the_same_places(write_plan: WritePlan, monkeypatch: pytest.MonkeyPatch,
                                                          text: str, where: tuple[int, int], code: str) -> None:
    """PyYAML's pure-Python parser (where libyaml is missing) reports each slip where libyaml does."""
    from budgetbalans.read import yamlsource
    monkeypatch.setattr(yamlsource, "_Parser", yamlsource.PurePythonParser)
    monkeypatch.setattr(yamlsource, "_FastParser", None)
    assert said(only(write_plan(text)))[:3] == (*where, code)


@pytest.mark.parametrize(("written", "code"), [("yes", "plan.value.true_false_word"),
                                               ("on", "plan.value.true_false_word"),
                                               ("1", "plan.value.not_true_or_false"),
                                               ("ja", "plan.value.true_false_word"),
                                               ("y", "plan.value.true_false_word")])
def test_potential_is_true_or_false_and_nothing_that_looks_like_it(write_plan: WritePlan, written: str,
                                                                   code: str) -> None:
    # YAML 1.1 reads yes/on as true; a plan never does (a possible effect would silently stop counting).
    path = write_plan(MEASURE + f"    potential: {written}\n")
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    [problem] = raised.value.problems
    assert problem.code == code
    assert problem.message.text(Lang.SV).startswith("'potential' ska vara true eller false; skriv true ")


@pytest.mark.parametrize(("written", "counted"), [("true", False), ("True", False), ("FALSE", True), ("false", True)])
def test_potential_true_or_false_in_any_case(write_plan: WritePlan, written: str, counted: bool) -> None:
    plan = load_plan(write_plan(MEASURE + f"    potential: {written}\n"))
    assert plan.measures[0].potential is not counted


def test_two_spellings_that_are_both_wrong_are_each_refused_as_not_a_year(write_plan: WritePlan) -> None:
    path = write_plan(MEASURE + "    effects:\n      år 2025: 5\n      2025.0: 6\n")
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    assert [(p.line, p.code, p.message.text(Lang.SV)) for p in raised.value.problems] == [
        (7, "year.write_as", "'år 2025' är inget årtal; skriv bara årtalet: 2025"),
        (8, "year.write_as", "'2025.0' är inget årtal; skriv bara årtalet: 2025"),
    ]


def test_two_words_for_the_total_are_still_one_problem(write_plan: WritePlan) -> None:
    path = write_plan(MEASURE + "stated_totals:\n  Totalt: 5\n  Summa: 6\n")
    with pytest.raises(PlanError) as raised:
        load_plan(path)
    [problem] = raised.value.problems
    assert problem.code == "plan.same_meaning" and problem.line == 8
