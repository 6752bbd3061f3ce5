"""Where a report shows an amount rounded, it says so, and its totals are rounded from the exact sums.

A plan in kr with two effects of 500 kr shown in tkr shows 1 and 1 (half up), and the total of
the exact 1 000 kr as 1, not 2: the note tells a reader adding by hand why. A plan whose amounts
are all whole in the shown unit has no note. Terminal table, Markdown and HTML, summarize and gap,
Swedish and English, through the CLI. CSV and xlsx hold the exact values and need no note.
"""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from budgetbalans.plan.money import Unit
from budgetbalans.plan import notation as numbers
from tests.command import runner
NOTE = {"sv": "Beloppen är avrundade; summorna är räknade på exakta belopp.",
        "en": "Amounts are rounded; the totals are computed from the exact amounts."}
TOTAL = {"sv": "Summa", "en": "Total"}

HALVES = """\
title: Halva tusenlappar
unit: kr
years: [2024]
target: 3 000
measures:
  - id: A
    title: Första
    effects: {2024: 500}
  - id: B
    title: Andra
    effects: {2024: 500}
"""

WHOLE = """\
title: Hela tusenlappar
unit: kr
years: [2024, 2025]
target: 5 000
measures:
  - id: A
    title: Första
    effects: {2024: 1 000, 2025: 2 000}
  - id: B
    title: Andra
    effects: {2024: 1 000}
"""


def report(tmp_path: Path, text: str, command: str, fmt: str, lang: str) -> str:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = runner().invoke(app, [command, str(plan), "--unit", "tkr", "--format", fmt, "--lang", lang],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "html":
        out = html.unescape(re.sub(r"<[^>]+>", " ", out))
    return " ".join(out.split())  # the terminal may wrap the note


def total_cells(tmp_path: Path, fmt: str, lang: str) -> list[str]:
    """The figures on summarize's total row (per year and the period)."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(HALVES, encoding="utf-8")
    out = runner().invoke(app, ["summarize", str(plan), "--unit", "tkr", "--format", fmt, "--lang", lang],
                             catch_exceptions=False).stdout
    if fmt == "html":
        row = re.search(r'<tr class="total">(.*?)</tr>', out, re.S)
        assert row is not None
        return [c for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1)) if c and c != TOTAL[lang]]
    # the last row naming the total (the header names it too, first)
    line = [line for line in out.splitlines() if re.search(rf"[|│]\s*(\*\*)?{TOTAL[lang]}(\*\*)?\s*[|│]", line)][-1]
    cells = [c.strip().strip("*") for c in re.split(r"[|│]", line)]
    return [c for c in cells if c and c != TOTAL[lang]]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_rounded_amounts_carry_the_note(tmp_path: Path, command: str, fmt: str, lang: str) -> None:
    assert NOTE[lang] in report(tmp_path, HALVES, command, fmt, lang)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
@pytest.mark.parametrize("command", ["summarize", "gap"])
def test_whole_amounts_have_no_note(tmp_path: Path, command: str, fmt: str, lang: str) -> None:
    out = report(tmp_path, WHOLE, command, fmt, lang)
    assert NOTE["sv"] not in out and NOTE["en"] not in out


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_the_total_is_the_rounded_exact_sum(tmp_path: Path, fmt: str, lang: str) -> None:
    """500 + 500 kr shown in tkr: each 1, the total 1 (1 000 kr), never 2 (the rounded figures added)."""
    assert total_cells(tmp_path, fmt, lang) == ["1", "1"]


def test_gap_is_rounded_from_the_exact_gap(tmp_path: Path) -> None:
    """3 000 − 1 000 kr is 2 tkr still to save, not 3 − 2."""
    out = report(tmp_path, HALVES, "gap", "markdown", "en")
    assert "Still to save: 2" in out


def test_csv_holds_exact_values(tmp_path: Path) -> None:
    out = report(tmp_path, HALVES, "summarize", "csv", "sv")
    assert "0,5" in out and NOTE["sv"] not in out


@pytest.mark.parametrize(("kronor", "unit", "exact"), [
    ("500", Unit.TKR, False), ("1000", Unit.TKR, True), ("0.5", Unit.KR, False), ("12", Unit.KR, True),
    ("1250000", Unit.MKR, True), ("1255000", Unit.MKR, False), ("-2000", Unit.TKR, True),
])
def test_shown_exactly(kronor: str, unit: Unit, exact: bool) -> None:
    assert numbers.shown_exactly(Decimal(kronor), unit) is exact
