"""Issue 20: the words and numbers of a report a nämnd can use as printed.

- An uncertain gap is said in words, as one phrase with its label: *Osäkert: från 200 tkr
  överskott till 1 200 tkr kvar att spara*; an unbounded end is *obegränsat*, never "∞", and no
  word stands twice in a row.
- A report shows every amount with one number of decimals, enough that no amount that is not
  zero shows as 0 (``3,70 / 4,13 / 3,48 / 10,00`` mkr, not ``3,7 / 4,13 / 3,48 / 10,0``).
- Every count agrees with its noun: *1 åtgärd*, *2 åtgärder*; *1 measure*, *2 measures*.

Through the command line, in every text format.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from budgetbalans.plan.money import Unit
from budgetbalans.plan.notation import decimals_for
from tests.command import runner

# effects 800–2 200 against 2 000 tkr in 2025: from 200 tkr surplus to 1 200 tkr still to save
RANGED = """\
title: Osäker plan
organisation: Testnämnden
unit: tkr
years: [2025]
target: 2 000
as_of: 2025-08-31
measures:
  - id: "1"
    title: Färre placeringar
    effects: {2025: 800-2 200}
    forecast: {2025: 800-2 200}
"""

# a class 4 effect (over 3 mkr, no upper bound) and 800 tkr against 5 000 tkr: the surplus is unbounded
UNBOUNDED = """\
title: Obegränsad plan
organisation: Testnämnden
unit: tkr
years: [2025]
target: 5 000
as_of: 2025-08-31
measures:
  - id: "1"
    title: Ny organisation
    effects: {2025: {interval: 4}}
    forecast: {2025: {interval: 4}}
  - id: "2"
    title: Färre placeringar
    effects: {2025: 800}
"""

PHRASE = {
    ("ranged", "sv"): "Osäkert: från 200 tkr överskott till 1 200 tkr kvar att spara",
    ("ranged", "en"): "Uncertain: from a surplus of 200 tkr to 1 200 tkr still to save",
    ("unbounded", "sv"): "Osäkert: från obegränsat överskott till 1 200 tkr kvar att spara",
    ("unbounded", "en"): "Uncertain: from an unbounded surplus to 1 200 tkr still to save",
}
CELL = {  # in a table's cell, under a column that names the unit
    ("ranged", "sv"): "Osäkert: från 200 överskott till 1 200 kvar att spara",
    ("ranged", "en"): "Uncertain: from a surplus of 200 to 1 200 still to save",
    ("unbounded", "sv"): "Osäkert: från obegränsat överskott till 1 200 kvar att spara",
    ("unbounded", "en"): "Uncertain: from an unbounded surplus to 1 200 still to save",
}
PLANS = {"ranged": RANGED, "unbounded": UNBOUNDED}


def invoke(*args: str) -> str:
    result = runner().invoke(app, [*args], env={"COLUMNS": "300"}, catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def plan(tmp_path: Path, text: str, name: str = "plan.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def plain(text: str) -> str:
    """What a reader sees: markup and tags dropped, entities read, every space one space."""
    text = re.sub(r"<style.*?</style>", " ", text, flags=re.DOTALL)
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("*", "")
    return re.sub(r"[\s\u00a0\u202f│|]+", " ", text)


#: The words of the verdicts (a chart's legend beside a table's heading may well say "Prognos Prognos").
VERDICT_WORDS = "överskott|kvar|spara|osäkert|obegränsat|surplus|still|save|uncertain|unbounded"


def repeated_word(text: str) -> str | None:
    """A verdict's word twice in a row, as "överskott överskott ∞ till kvar 1 200" had."""
    found = re.search(rf"\b({VERDICT_WORDS})\W+\1\b", text, re.IGNORECASE)
    return found.group(0) if found else None


# --- an uncertain gap, in words ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["ranged", "unbounded"])
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("command", ["summarize", "gap"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_an_uncertain_gap_is_one_phrase_in_words(tmp_path: Path, which: str, lang: str, command: str,
                                                 fmt: str) -> None:
    out = plain(invoke(command, plan(tmp_path, PLANS[which]), "--format", fmt, "--lang", lang))
    assert "∞" not in out
    assert repeated_word(out) is None
    if fmt != "table":  # the key figures, with the unit (HTML shows the name apart, without a colon)
        assert PHRASE[which, lang].replace(":", "") in out.replace(":", "")
    # the gap's period cell names its verdict; summarize's row is labelled with it
    assert (CELL[which, lang] if command == "gap" else CELL[which, lang].replace(":", "", 1)) in out


@pytest.mark.parametrize("which", ["ranged", "unbounded"])
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_an_uncertain_forecast_gap_is_one_phrase_in_words(tmp_path: Path, which: str, lang: str, fmt: str) -> None:
    out = plain(invoke("follow-up", plan(tmp_path, PLANS[which]), "--format", fmt, "--lang", lang))
    assert "∞" not in out
    assert repeated_word(out) is None
    forecast = {"sv": "Prognos: osäkert", "en": "Forecast: uncertain"}[lang]
    assert f"{forecast} {CELL[which, lang].split(': ', 1)[1]}" in out


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_an_uncertain_gap_in_a_diff_is_one_phrase_in_words(tmp_path: Path, lang: str) -> None:
    old = plan(tmp_path, RANGED.replace("800-2 200", "2 500"), "old.yaml")
    new = plan(tmp_path, UNBOUNDED, "new.yaml")
    out = plain(invoke("diff", old, new, "--format", "markdown", "--lang", lang))
    assert "∞" not in out
    assert repeated_word(out) is None
    assert CELL["unbounded", lang].lower() in out.lower()


# --- every count agrees with its noun ------------------------------------------------------------

FOLLOWED = """\
title: Uppföljd plan
organisation: Testnämnden
unit: tkr
years: [2025]
target: 2 000
as_of: 2025-08-31
measures:
  - id: "1"
    title: Färre placeringar
    effects: {2025: 800}
    forecast: {2025: 700}
  - id: "2"
    title: Ny bemanning
    effects: {2025: 300}
  - id: "3"
    title: Utan belopp
"""
SECOND_UNFOLLOWED = """\
  - id: "4"
    title: Lokaler
    effects: {2025: 200}
  - id: "5"
    title: Också utan belopp
"""


def followed_up(tmp_path: Path, count: int) -> str:
    return plan(tmp_path, FOLLOWED + (SECOND_UNFOLLOWED if count == 2 else ""))


@pytest.mark.parametrize(("count", "lang", "figure", "note"), [
    (1, "sv", "Ej uppföljda 1 åtgärd", "1 åtgärd utan prognos för 2025 räknas med sin planerade effekt"),
    (2, "sv", "Ej uppföljda 2 åtgärder", "2 åtgärder utan prognos för 2025 räknas med sin planerade effekt"),
    (1, "en", "Not followed up 1 measure", "1 measure without a forecast for 2025 counts with its planned effect"),
    (2, "en", "Not followed up 2 measures",
     "2 measures without a forecast for 2025 count with their planned effect"),
])
def test_follow_up_counts_agree_with_their_nouns(tmp_path: Path, count: int, lang: str, figure: str,
                                                 note: str) -> None:
    path = followed_up(tmp_path, count)
    out = plain(invoke("follow-up", path, "--format", "markdown", "--lang", lang)).replace(":", "")
    assert figure in out and note in out
    assert note in plain(invoke("follow-up", path, "--lang", lang))  # the terminal's note


@pytest.mark.parametrize(("count", "lang", "note"), [
    (1, "sv", "1 åtgärd utan belopp (eller ej medräknad) visas bara i tabellen."),
    (2, "sv", "2 åtgärder utan belopp (eller ej medräknade) visas bara i tabellen."),
    (1, "en", "1 measure without an amount (or not counted) is shown only in the table."),
    (2, "en", "2 measures without an amount (or not counted) are shown only in the table."),
])
def test_summarize_chart_note_agrees_with_its_count(tmp_path: Path, count: int, lang: str, note: str) -> None:
    out = plain(invoke("summarize", followed_up(tmp_path, count), "--format", "html", "--lang", lang))
    assert note in out


@pytest.mark.parametrize(("count", "lang", "note"), [
    (1, "sv", "1 åtgärd med planerat och prognos 0 (eller ej medräknad) visas bara i tabellen."),
    (2, "sv", "2 åtgärder med planerat och prognos 0 (eller ej medräknade) visas bara i tabellen."),
    (1, "en", "1 measure with planned and forecast 0 (or not counted) is shown only in the table."),
    (2, "en", "2 measures with planned and forecast 0 (or not counted) are shown only in the table."),
])
def test_follow_up_chart_note_agrees_with_its_count(tmp_path: Path, count: int, lang: str, note: str) -> None:
    out = plain(invoke("follow-up", followed_up(tmp_path, count), "--format", "html", "--lang", lang))
    assert note in out


DIFF_NEW_ONE = FOLLOWED.replace("effects: {2025: 800}", "effects: {2025: 900}") + """\
  - id: "6"
    title: Ny åtgärd
    effects: {2025: 100}
"""
DIFF_NEW_TWO = (FOLLOWED + SECOND_UNFOLLOWED).replace("effects: {2025: 800}", "effects: {2025: 900}").replace(
    "effects: {2025: 300}", "effects: {2025: 400}") + """\
  - id: "6"
    title: Ny åtgärd
    effects: {2025: 100}
  - id: "7"
    title: En till
    effects: {2025: 50}
"""

KEPT = """\
  - id: "8"
    title: Oförändrad
    effects: {2025: 10}
"""


@pytest.mark.parametrize(("count", "lang", "counts", "unchanged"), [
    (1, "sv", "1 ändrad · 1 tillagd · 1 borttagen · 1 oförändrad", "1 åtgärd oförändrad."),
    (2, "sv", "2 ändrade · 2 tillagda · 2 borttagna · 2 oförändrade", "2 åtgärder oförändrade."),
    (1, "en", "1 changed · 1 added · 1 removed · 1 unchanged", "1 measure unchanged."),
    (2, "en", "2 changed · 2 added · 2 removed · 2 unchanged", "2 measures unchanged."),
])
def test_diff_counts_agree_with_their_nouns(tmp_path: Path, count: int, lang: str, counts: str,
                                            unchanged: str) -> None:
    # before: measures 1–3 (and 4, 5, with two); after: 1 (and 2) changed, 3 (and 5) removed, 6 (and 7) added
    before = FOLLOWED + (SECOND_UNFOLLOWED + KEPT if count == 2 else "")
    after = DIFF_NEW_ONE if count == 1 else DIFF_NEW_TWO + KEPT
    removed = ['"3"'] if count == 1 else ['"3"', '"5"']
    for measure in removed:
        head, _, tail = after.partition(f"  - id: {measure}\n")
        after = head + tail.partition("  - id:")[1] + tail.partition("  - id:")[2] if "  - id:" in tail else head
    old, new = plan(tmp_path, before, "old.yaml"), plan(tmp_path, after, "new.yaml")
    out = plain(invoke("diff", old, new, "--format", "markdown", "--lang", lang))
    assert counts in out and unchanged in out
    assert counts in invoke("diff", old, new, "--format", "github", "--lang", lang)


@pytest.mark.parametrize(("count", "lang", "what"), [
    (1, "sv", "1 ändrad, 1 tillagd, 1 borttagen"),
    (2, "sv", "2 ändrade, 2 tillagda, 2 borttagna"),
    (1, "en", "1 changed, 1 added, 1 removed"),
])
def test_diff_plans_table_counts_agree_with_their_nouns(tmp_path: Path, count: int, lang: str, what: str) -> None:
    before = FOLLOWED + (SECOND_UNFOLLOWED if count == 2 else "")
    after = DIFF_NEW_ONE if count == 1 else DIFF_NEW_TWO
    for measure in (['"3"'] if count == 1 else ['"3"', '"5"']):
        head, _, tail = after.partition(f"  - id: {measure}\n")
        after = head + tail.partition("  - id:")[1] + tail.partition("  - id:")[2] if "  - id:" in tail else head
    other = "title: Annan plan\norganisation: Annan nämnd\nunit: tkr\nyears: [2025]\nmeasures: []\n"
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    for side, text in (("old", before), ("new", after)):
        plan(tmp_path, text, f"{side}/plan.yaml")
        plan(tmp_path, other, f"{side}/annan.yaml")
    out = plain(invoke("diff", str(tmp_path / "old"), str(tmp_path / "new"), "--format", "markdown", "--lang", lang))
    assert what in out


@pytest.mark.parametrize(("files", "lang", "summary"), [
    (1, "sv", "1 problem i 1 av 1 plan"),
    (2, "sv", "2 problem i 2 av 2 planer"),
    (1, "en", "1 problem in 1 of 1 plan"),
    (2, "en", "2 problems in 2 of 2 plans"),
])
def test_check_counts_agree_with_their_nouns(tmp_path: Path, files: int, lang: str, summary: str) -> None:
    paths = [plan(tmp_path, "title: Fel\nunit: tkr\nmesures: []\n", f"fel-{n}.yaml") for n in range(files)]
    result = runner().invoke(app, ["check", *paths, "--lang", lang], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == summary


# --- one number of decimals per report ------------------------------------------------------------

MKR_PLAN = """\
title: Plan i tkr
organisation: Testnämnden
unit: tkr
years: [2024, 2025, 2026]
target: {2024: 10 000, 2025: 3 000, 2026: 3 000}
as_of: 2026-08-31
measures:
  - id: "1"
    title: Färre placeringar
    effects: {2024: 3 700, 2025: 4 130, 2026: 3 480}
    forecast: {2026: 3 400}
"""
SMALL_PLAN = """\
title: Liten åtgärd
organisation: Testnämnden
unit: tkr
years: [2025]
target: 5 000
as_of: 2025-08-31
measures:
  - id: "1"
    title: Stor åtgärd
    effects: {2025: 3 000}
    forecast: {2025: 3 000}
  - id: "2"
    title: Liten åtgärd
    effects: {2025: 40}
    forecast: {2025: 30}
"""
DECIMAL = re.compile(r"(?<![\d,])\d{1,3}(?: \d{3})*,(\d+)(?![\d,])")


def decimals_shown(text: str) -> set[int]:
    """How many decimals the amounts of ``text`` have (percentages and dates have none; the legend's
    interval classes, "1 = 0,1–1 mkr", are not the report's amounts)."""
    text = text.replace("1 = 0,1–1 mkr", "")
    return {len(found.group(1)) for found in DECIMAL.finditer(text)}


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_gap_in_mkr_has_one_number_of_decimals(tmp_path: Path, fmt: str) -> None:
    out = plain(invoke("gap", plan(tmp_path, MKR_PLAN), "--unit", "mkr", "--format", fmt))
    for figure in ("3,70", "4,13", "3,48", "10,00", "3,00", "6,30", "1,13", "0,48"):
        assert re.search(rf"(?<![\d,]){figure}(?![\d,])", out), figure
    assert decimals_shown(out) == {2}


@pytest.mark.parametrize("command", ["summarize", "follow-up"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_a_small_amount_in_mkr_is_not_shown_as_zero(tmp_path: Path, command: str, fmt: str) -> None:
    out = plain(invoke(command, plan(tmp_path, SMALL_PLAN), "--unit", "mkr", "--format", fmt))
    assert "0,04" in out and "3,00" in out and "0,0 " not in out
    assert decimals_shown(out) == {2}


def test_a_diff_in_mkr_has_one_number_of_decimals(tmp_path: Path) -> None:
    old = plan(tmp_path, MKR_PLAN, "old.yaml")
    new = plan(tmp_path, MKR_PLAN.replace("2025: 4 130", "2025: 4 100"), "new.yaml")
    out = plain(invoke("diff", old, new, "--unit", "mkr", "--format", "markdown"))
    assert "4,13 → 4,10" in out and "-0,03" in out and "10,00" in out
    assert decimals_shown(out) == {2}
    github = invoke("diff", old, new, "--unit", "mkr", "--format", "github")
    assert "(summa -0,03 mkr)" in github


def test_whole_mkr_have_one_decimal(tmp_path: Path) -> None:
    whole = MKR_PLAN.replace("4 130", "4 100").replace("3 480", "3 500")
    out = plain(invoke("gap", plan(tmp_path, whole), "--unit", "mkr", "--format", "markdown"))
    assert "3,7" in out and "4,1" in out and "10,0" in out
    assert decimals_shown(out) == {1}


KRONOR_PLAN = SMALL_PLAN.replace("unit: tkr", "unit: kr").replace("5 000", "5 000 000").replace(
    "{2025: 3 000}", "{2025: 3 000 000}").replace("{2025: 40}", "{2025: 400}").replace("{2025: 30}", "{2025: 300}")


def test_tkr_get_a_decimal_only_where_an_amount_would_show_as_zero(tmp_path: Path) -> None:
    out = plain(invoke("summarize", plan(tmp_path, KRONOR_PLAN), "--unit", "tkr", "--format", "markdown"))
    assert "0,4" in out and "3 000,4" in out and "5 000,0" in out
    assert decimals_shown(out) == {1}
    assert decimals_shown(plain(invoke("summarize", plan(tmp_path, SMALL_PLAN, "b.yaml"), "--format", "markdown"))) == set()


@pytest.mark.parametrize(("effect", "rounded"), [("3 741", True), ("3 740", False)])
def test_the_rounded_note_follows_the_reports_decimals(tmp_path: Path, effect: str, rounded: bool) -> None:
    text = MKR_PLAN.replace("3 700", effect)
    out = plain(invoke("summarize", plan(tmp_path, text), "--unit", "mkr", "--format", "markdown"))
    assert ("Beloppen är avrundade" in out) is rounded
    assert (" 3,74 " in out) and decimals_shown(out) == {2}


@pytest.mark.parametrize(("text", "unit", "number_format"), [
    (MKR_PLAN, "mkr", "#,##0.00"), (KRONOR_PLAN, "tkr", "#,##0.0"), (SMALL_PLAN, "tkr", "#,##0")])
def test_xlsx_shows_the_reports_decimals(tmp_path: Path, text: str, unit: str, number_format: str) -> None:
    import openpyxl

    path = tmp_path / "plan.xlsx"
    invoke("summarize", plan(tmp_path, text), "--unit", unit, "--format", "xlsx", "--output", str(path))
    sheet = openpyxl.load_workbook(path).active
    amounts = [cell for row in sheet.iter_rows() for cell in row
               if isinstance(cell.value, (int, float)) and "%" not in cell.number_format]
    shown = {re.sub(r"[;\[].*", "", c.number_format.lstrip("[Red]")).removesuffix("_-") for c in amounts}
    assert amounts and shown == {number_format}  # (_- is the print padding after a figure)


@pytest.mark.parametrize(("kronor", "unit", "decimals"), [
    ([3_700_000, 4_130_000, 3_480_000, 10_000_000], "mkr", 2),  # one amount asks for two: all get two
    ([3_700_000, 10_000_000], "mkr", 1),                          # whole tenths: one, never none in mkr
    ([40_000, 3_000_000], "mkr", 2),                              # 0,04, not 0,0
    ([4_000, 3_000_000], "mkr", 3),                               # 0,004
    ([400, 3_000_000], "mkr", 3),                                 # no more than three: 0,000, and the note
    ([3_741_000], "mkr", 2),                                      # 3,74: rounded, and the report says so
    ([1_605_500, 500], "tkr", 0),                                 # 1 606 and 1: rounded, not zero
    ([400, 1_000_000], "tkr", 1),                                 # 0,4 beside 1 000,0
    ([], "tkr", 0), ([0, None], "mkr", 1),
])
def test_decimals_for_a_report(kronor: list[int | None], unit: str, decimals: int) -> None:
    assert decimals_for([None if k is None else Decimal(k) for k in kronor], Unit(unit)) == decimals
