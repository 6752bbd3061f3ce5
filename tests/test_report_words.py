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
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetbalans.cli import app

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
    result = CliRunner().invoke(app, [*args], env={"COLUMNS": "300"}, catch_exceptions=False)
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
