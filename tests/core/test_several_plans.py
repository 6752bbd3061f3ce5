"""Issue 20, part 1: plans read together each answer for their own balance.

The issue's case: BUN has a per-year target (2 000 / 8 000 tkr) and effects 2 401 / 7 150: a
surplus of 401 in 2025 and 850 still to save in 2026. Omsorg has a period target of 12 357 and
effects of 11 295: 1 062 still to save. Read together, 850 + 1 062 = 1 912 is still to save; the
net 1 511 (BUN's 2025 surplus set against the rest) is shown apart, labelled "netto", never as
what is left to save. Every command and format follows, decided once in the core.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from budgetbalans.cli.app import app
from budgetbalans.core.gap import Gap, GapKind
from budgetbalans.core.summary import summarize
from budgetbalans.read.loader import load_plan
from budgetbalans.plan.money import Range
from tests.clients import SHEETS_AS_CSV, SOFFICE, soffice, zero_cached_results
from tests.command import runner

BUN = """\
title: Åtgärdsplan BUN
organisation: Barn- och utbildningsnämnden
years: [2025, 2026]
as_of: 2026-08-31
target: {2025: 2000, 2026: 8000}
measures:
  - id: "1"
    title: Färre vikarier
    effects: {2025: 2401, 2026: 7150}
    forecast: {2026: 7150}
"""

OMSORG = """\
title: Åtgärdsplan omsorg
organisation: Vård- och omsorgsnämnden
years: [2025, 2026]
as_of: 2026-08-31
target: 12357
measures:
  - id: "1"
    title: Minska övertid
    effects: {2025: 5000, 2026: 4295}
    forecast: {2026: 4295}
  - id: "2"
    title: Ny bemanningsmodell
    effects: {2026: 2000}
    forecast: {2026: 3500}
"""


def kr(amount: int) -> dict[str, int]:
    return {"low": amount, "high": amount}


@pytest.fixture
def plans(tmp_path: Path) -> tuple[Path, Path]:
    bun, omsorg = tmp_path / "bun.yaml", tmp_path / "omsorg.yaml"
    bun.write_text(BUN, encoding="utf-8")
    omsorg.write_text(OMSORG, encoding="utf-8")
    return bun, omsorg


def run(*args: str | Path, code: int = 0) -> str:
    result = runner().invoke(app, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == code, result.stderr
    return result.stdout if code == 0 else result.stderr


def words(text: str) -> str:
    """Text with every kind of space as one plain space (the reports group digits with no-break spaces)."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text)


# --- the core decides ---------------------------------------------------------------------------


def test_the_core_adds_up_each_plans_own_shortfall(plans: tuple[Path, Path]) -> None:
    summary = summarize([load_plan(path) for path in plans])
    bun, omsorg = (result.totals.gap for result in summary.plans)
    assert bun is not None and omsorg is not None
    assert bun.shortfall == Range.exact(Decimal(850_000)) and omsorg.shortfall == Range.exact(Decimal(1_062_000))
    gap = summary.totals.gap
    assert gap is not None
    assert gap.total == Range.exact(Decimal(1_511_000))       # the net: target 22 357 − total 20 846
    assert gap.shortfall == Range.exact(Decimal(1_912_000))   # 850 + 1 062: what is still to save
    assert gap.kind is GapKind.SHORT and gap.shortfall_decides and gap.net_says_more


def test_a_surplus_of_one_plan_never_makes_the_whole_covered() -> None:
    """Net covered (−500 + 300 = −200), but one plan is short by 300: short, not a surplus."""
    parts = (Gap(Range.exact(Decimal(-500))), Gap(Range.exact(Decimal(300))))
    gap = Gap(Range.exact(Decimal(-200)), None, parts)
    assert gap.net_kind is GapKind.SURPLUS
    assert gap.kind is GapKind.SHORT and gap.shortfall == Range.exact(Decimal(300))


def test_per_year_targets_read_together_add_up_each_years_shortfalls() -> None:
    """Both per year: 2025 A surplus 401, B short 300 → the year is short by 300, not a surplus of 101."""
    a = Gap(Range.exact(Decimal(-401)), {2025: Range.exact(Decimal(-401))})
    b = Gap(Range.exact(Decimal(300)), {2025: Range.exact(Decimal(300))})
    gap = Gap(Range.exact(Decimal(-101)), {2025: Range.exact(Decimal(-101))}, (a, b))
    assert gap.year_kinds == {2025: GapKind.SHORT}
    assert gap.year_shortfall(2025) == Range.exact(Decimal(300)) == gap.year_shown(2025)
    assert gap.shortfall_years == (2025,)


def test_one_target_for_all_plans_is_one_balance(plans: tuple[Path, Path]) -> None:
    """--target replaces the plans' targets: one target for the plans together, their gap the shortfall."""
    figures = json.loads(run("gap", *plans, "--target", "20 000 tkr", "--format", "json"))
    assert figures["gap"] == kr(-846_000) and figures["shortfall"] == kr(0) and figures["gap_kind"] == "surplus"


# --- gap and summarize, every format --------------------------------------------------------------


@pytest.mark.parametrize("command", ["gap", "summarize"])
def test_json_shortfall_is_the_plans_own_added_up(plans: tuple[Path, Path], command: str) -> None:
    figures = json.loads(run(command, *plans, "--format", "json"))
    assert figures["gap"] == kr(1_511_000) and figures["shortfall"] == kr(1_912_000)
    assert figures["gap_kind"] == "short"
    assert [(p["shortfall"], p["gap"]["low"]) for p in figures["plans"]] == [(kr(850_000), 449_000),
                                                                            (kr(1_062_000), 1_062_000)]


@pytest.mark.parametrize("command", ["gap", "summarize"])
def test_terminal_and_markdown_show_each_plan_first_then_the_sum_and_the_net(
        plans: tuple[Path, Path], command: str) -> None:
    for fmt in ("table", "markdown"):
        text = words(run(command, *plans, "--format", fmt, "--lang", "sv"))
        bun, omsorg = text.index("kvar att spara 850 (2026)"), text.index("kvar att spara 1 062")
        combined = text.index("kvar att spara 1 912")
        assert bun < combined and omsorg < combined, fmt
        assert re.search(r"Netto[^|│]*[|│][^\n]*kvar att spara 1 511", text), fmt
        assert not re.search(r"Kvar att spara:? 1 511", text), fmt  # the net is never what is left to save
        assert "gäller hela perioden, inte enskilda år" not in text  # BUN's target is per year


def test_gap_in_english(plans: tuple[Path, Path]) -> None:
    text = words(run("gap", *plans, "--lang", "en", "--format", "markdown"))
    assert "Still to save:** 1 912 tkr" in text and "still to save 1 511" in text
    assert "Each plan answers for its own balance" in text and "Net for the period" in text


def test_csv_gives_each_plans_target_total_and_shortfall_then_their_sums(plans: tuple[Path, Path]) -> None:
    data = runner().invoke(app, ["gap", *map(str, plans), "--format", "csv"]).stdout_bytes
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    at = {name: header.index(name) for name in ("Summa (tkr)", "Sparbeting (tkr)", "Kvar att spara (tkr)")}
    named = {row[1]: row for row in rows[1:]}
    bun = next(row for name, row in named.items() if name.startswith("Åtgärdsplan BUN"))
    omsorg = next(row for name, row in named.items() if name.startswith("Åtgärdsplan omsorg"))
    assert [bun[at[k]] for k in at] == ["9551", "10000", "850"]
    assert [omsorg[at[k]] for k in at] == ["11295", "12357", "1062"]
    assert [named["Summa"][at[k]] for k in at] == ["20846", "22357", "1912"]
    assert named["Netto, sparbeting − summa (negativt = överskott)"][at["Summa (tkr)"]] == "1511"
    assert named["Kvar att spara, planerna var för sig"][at["Summa (tkr)"]] == "1912"


def test_html_key_figure_is_what_is_still_to_save(plans: tuple[Path, Path]) -> None:
    page = words(run("summarize", *plans, "--format", "html"))
    assert re.search(r"Kvar att spara</[^>]+>\s*<[^>]+>1 912 tkr", page), page[:3000]
    assert re.search(r"Netto för perioden</[^>]+>\s*<[^>]+>kvar att spara 1 511 tkr", page)
    assert not re.search(r"Kvar att spara</[^>]+>\s*<[^>]+>1 511", page)


def test_docx_shows_each_plan_and_what_is_still_to_save(plans: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "gap.docx"
    run("gap", *plans, "--format", "docx", "-o", out)
    document = docx.Document(str(out))
    cells = [words(cell.text) for table in document.tables for row in table.rows for cell in row.cells]
    assert "kvar att spara 850 (2026)" in cells and "kvar att spara 1 062" in cells
    assert "kvar att spara 1 912" in cells and "kvar att spara 1 511" in cells
    assert cells.index("kvar att spara 850 (2026)") < cells.index("kvar att spara 1 912")
    assert "Kvar att spara: 1 511" not in cells


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_xlsx_recalculates_the_sum_of_the_plans_shortfalls(plans: tuple[Path, Path], tmp_path: Path) -> None:
    book = tmp_path / "s.xlsx"
    run("summarize", *plans, "--format", "xlsx", "-o", book)
    zero_cached_results(book)  # only LibreOffice's recalculation gives the figures
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(book)], tmp_path)
    sheet = next((tmp_path / "csv").glob("s-Sammanställning.csv")).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(sheet), delimiter=";"))
    header = next(row for row in rows if "Kvar att spara (tkr)" in row)
    summa = next(row for row in rows if row and row[0] == "Summa")
    assert Decimal(summa[header.index("Kvar att spara (tkr)")]) == 1912
    assert Decimal(summa[header.index("Sparbeting (tkr)")]) == 22357
    net = next(row for row in rows if row and row[0].startswith("Netto"))
    assert Decimal(next(cell for cell in net[1:] if cell)) == 1511
    with __import__("zipfile").ZipFile(book) as zipped:
        xml = zipped.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert re.search(r"<f>SUM\([^<]*\)</f>", xml)  # the plans' shortfalls added up by a formula


# --- follow-up and diff -----------------------------------------------------------------------------


def test_follow_up_forecast_shortfall_is_each_plans_own(plans: tuple[Path, Path]) -> None:
    """2026: BUN 8 000 − 7 150 = 850 short; omsorg 12 357 − 5 000 − 7 795 = 438 over: 850 to save, net 412."""
    figures = json.loads(run("follow-up", *plans, "--format", "json"))
    assert figures["forecast_gap"] == kr(412_000) and figures["forecast_shortfall"] == kr(850_000)
    assert figures["forecast_gap_kind"] == "short"
    assert [(p["target"], p["others"], p["forecast_gap"]) for p in figures["plans"]] == [
        (8_000_000, None, kr(850_000)), (12_357_000, kr(5_000_000), kr(-438_000))]
    text = words(run("follow-up", *plans, "--format", "markdown"))
    assert "**Prognos: kvar att spara:** 850 tkr" in text
    assert "**Netto, alla planer:** kvar att spara 412 tkr" in text
    assert "överskott 438" in text  # omsorg's own surplus, on its own row


def test_follow_up_says_what_a_period_target_means(plans: tuple[Path, Path]) -> None:
    text = words(run("follow-up", plans[1], "--format", "markdown"))
    assert ("omsorg.yaml: sparbetinget 12 357 tkr gäller hela perioden 2025–2026, så prognosen mot sparbetinget "
            "räknar med de andra årens planerade effekt (5 000 tkr) utöver prognosen för 2026.") in text
    assert "| Andra årens planerade effekt |" in text
    english = words(run("follow-up", plans[1], "--format", "markdown", "--lang", "en"))
    assert "is for the whole period 2025–2026" in english


def test_diff_adds_up_each_plans_own_shortfall_and_names_the_plan_that_got_worse(tmp_path: Path) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    for folder, bun, omsorg in ((before, BUN, OMSORG), (after, BUN.replace("2026: 7150}", "2026: 7000}", 1),
                                                        OMSORG.replace("2026: 4295}", "2026: 4500}", 1))):
        folder.mkdir()
        (folder / "bun.yaml").write_text(bun, encoding="utf-8")
        (folder / "omsorg.yaml").write_text(omsorg, encoding="utf-8")
    document = json.loads(run("diff", before, after, "--format", "json"))
    assert document["before"]["shortfall"] == kr(1_912_000) and document["after"]["shortfall"] == kr(1_857_000)
    assert document["worse"] is True  # BUN's own shortfall grows by 150, though the sum shrinks by 55
    text = words(run("diff", before, after, "--format", "markdown"))
    assert text.index("Åtgärdsplan BUN — Barn- och utbildningsnämnden: 2026: kvar att spara ökar med 150 tkr") \
        < text.index("Per år")
    result = runner().invoke(app, ["diff", str(before), str(after), "--fail-on-worse"])
    assert result.exit_code == 1
    data = runner().invoke(app, ["diff", str(before), str(after), "--format", "csv"]).stdout_bytes
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    period = [header.index(f"Hela perioden {side} (tkr)") for side in ("före", "efter", "ändring")]
    named = {row[2]: [row[i] for i in period] for row in rows[1:]}
    short = "Kvar att spara (det som fattas, aldrig under 0)"
    assert named[f"{short}: Åtgärdsplan BUN — Barn- och utbildningsnämnden"] == ["850", "1000", "150"]
    assert named[f"{short}: Åtgärdsplan omsorg — Vård- och omsorgsnämnden"] == ["1062", "857", "-205"]
    assert named["Sparbeting: Åtgärdsplan omsorg — Vård- och omsorgsnämnden"] == ["12357", "12357", "0"]
    assert named[short] == ["1912", "1857", "-55"]
    assert named["Netto, sparbeting − summa (negativt = överskott)"] == ["1511", "1456", "-55"]


# --- --target without a unit ---------------------------------------------------------------------------


def test_target_without_a_unit_over_a_plan_in_kronor_is_refused_with_both_readings(tmp_path: Path) -> None:
    plan = tmp_path / "kr.yaml"
    plan.write_text("title: Plan i kronor\nunit: kr\nyears: [2025]\ntarget: 12357000\nmeasures:\n"
                    "  - id: '1'\n    title: A\n    effects: {2025: 11000000}\n", encoding="utf-8")
    message = words(run("gap", plan, "--target", "12357000", "--lang", "sv", code=2))
    assert "12 357 000 tkr" in message and "12 357 000 kr" in message and "--target" in message
    assert "Traceback" not in message
    assert "Kvar att spara: 1 357 000" in words(run("gap", plan, "--target", "12 357 000 kr"))
    assert "Kvar att spara: 1 357 000" in words(run("gap", plan, "--target", "12 357 tkr"))


def test_target_without_a_unit_over_plans_in_tkr_is_tkr(plans: tuple[Path, Path]) -> None:
    figures = json.loads(run("gap", *plans, "--target", "21000", "--format", "json"))
    assert figures["target"] == 21_000_000


def test_the_command_run_as_a_program_gives_the_issues_figures(plans: tuple[Path, Path]) -> None:
    """End to end, in a process of its own: 1 912 still to save, the net 1 511 apart."""
    ran = subprocess.run([sys.executable, "-m", "budgetbalans", "gap", *map(str, plans), "--format", "json"],
                         capture_output=True, text=True, check=True)
    figures = json.loads(ran.stdout)
    assert figures["shortfall"] == kr(1_912_000) and figures["gap"] == kr(1_511_000)


@pytest.mark.parametrize("target", ["-500", "−0,5 mkr"])
def test_a_negative_target_on_the_command_line_is_refused(plans: tuple[Path, Path], target: str) -> None:
    message = words(run("gap", *plans, f"--target={target}", "--lang", "sv", code=2))
    assert "--target" in message and "positivt belopp" in message


def test_two_per_year_plans_a_years_surplus_in_one_never_covers_the_others(tmp_path: Path) -> None:
    """Both per year: 2025 A is 401 over, B 300 short. The year is 300 short (not a surplus of 101)."""
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text(BUN.replace("Åtgärdsplan BUN", "Plan A"), encoding="utf-8")
    b.write_text(BUN.replace("Åtgärdsplan BUN", "Plan B").replace("{2025: 2000, 2026: 8000}", "{2025: 1000, 2026: 7000}")
                 .replace("{2025: 2401, 2026: 7150}", "{2025: 700, 2026: 7150}"), encoding="utf-8")
    figures = json.loads(run("gap", a, b, "--format", "json"))
    assert figures["gap"]["years"] == {"2025": kr(-101_000), "2026": kr(700_000)}  # the net, per year
    assert figures["shortfall_years"] == {"2025": kr(300_000), "2026": kr(850_000)}
    assert figures["gap_kinds"] == {"2025": "short", "2026": "short"}
    assert figures["shortfall"] == kr(1_150_000)  # A: 850 (2026); B: 300 (2025)
    text = words(run("gap", a, b, "--format", "markdown"))
    assert "| 2025 | 3 000 | 3 101 | **kvar att spara 300** |" in text
    assert "överskott 101" not in text


@pytest.mark.clients
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_follow_up_xlsx_computes_the_forecast_gap_with_the_other_years(plans: tuple[Path, Path],
                                                                       tmp_path: Path) -> None:
    """A period target: the forecast gap is the formula sparbeting − Summa prognos − andra årens planerade
    effekt, under the forecast column, and LibreOffice's recalculation gives 12 357 − 7 795 − 5 000 = −438."""
    book = tmp_path / "f.xlsx"
    run("follow-up", plans[1], "--format", "xlsx", "-o", book)
    with __import__("zipfile").ZipFile(book) as zipped:
        xml = zipped.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert re.search(r"<f>([A-Z]+)\d+-\1\d+-\1\d+</f>", xml)  # three cells of one column
    zero_cached_results(book)
    soffice(["--convert-to", SHEETS_AS_CSV, "--outdir", str(tmp_path / "csv"), str(book)], tmp_path)
    rows = list(csv.reader(io.StringIO(next((tmp_path / "csv").glob("f*.csv")).read_text(encoding="utf-8")),
                           delimiter=";"))
    header = next(row for row in rows if any(cell.startswith("Prognos 2026") for cell in row))
    at = next(i for i, cell in enumerate(header) if cell.startswith("Prognos 2026"))
    gap = next(row for row in rows if any(cell.startswith("Prognos: kvar att spara (negativt") for cell in row))
    assert Decimal(gap[at]) == -438
    other = next(row for row in rows if "Andra årens planerade effekt" in row)
    assert Decimal(other[at]) == 5000
