"""The terminal never cuts an amount: at every width, each figure of the JSON is in the table's text whole.

``summarize``, ``gap`` and ``follow-up`` are run as when piped (the width is ``$COLUMNS``) at
40 to 200 columns, in Swedish and English, on the Vård- och social plan, every example and a plan
with long titles and ranges. No line is wider than the width, nothing is ellipsised, and every
amount of the JSON output, in the unit shown and Swedish notation, is on one line of the text
(box-drawing characters replaced by spaces first, so an amount split over two lines fails).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterator

import pytest

from budgetbalans.cli.app import app
from budgetbalans.plan.money import Unit
from budgetbalans.plan import notation as numbers
from tests.command import runner
from tests.fast_loop import widths
from tests.paths import ROOT
WIDTHS = widths((40, 60, 80, 100, 120, 200), step=2)
LONG_PLAN = """\
title: En mycket lång titel på en åtgärdsplan för budget i balans inom vård, omsorg och socialtjänst
organisation: Nämnden för vård och omsorg samt individ- och familjeomsorg
unit: tkr
years: [2024, 2025, 2026]
target: {2024: 10000, 2025: 25000, 2026: 40000}
measures:
  - id: "1"
    title: Översyn av bemanningen på samtliga särskilda boenden med särskilt fokus på natt och helg
    area: Kortsiktiga åtgärder inom äldreomsorgen och funktionsstödet
    effects: {2024: 12345, 2025: "700-1600", 2026: "11111-22222"}
  - id: "2"
    title: Minskade externa placeringar av barn och unga genom utbyggd öppenvård på hemmaplan
    status: ongoing
    effects: {2024: "3000-9999", 2025: 1234567, 2026: 98765}
  - id: "3"
    title: Digitalisering
    effects: {2025: "100-200", 2026: 450}
"""


def plans() -> list[Path]:
    return [ROOT / "plans" / "vard-och-social-2024-2026.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.yaml"
    path.write_text(LONG_PLAN, encoding="utf-8")
    return path


def run(args: list[str], width: int) -> tuple[int, str]:
    result = runner().invoke(app, args, env={"COLUMNS": str(width), "BUDGETBALANS_LANG": ""})
    return result.exit_code, result.stdout


def bounds(value: Any) -> Iterator[Decimal]:
    """The amounts of a JSON number or range (an unbounded end has none)."""
    if isinstance(value, dict):
        for key in ("low", "high"):
            if value.get(key) is not None:
                yield Decimal(str(value[key]))
    elif isinstance(value, (int, float, str)) and not isinstance(value, bool):
        yield Decimal(str(value))


def summary_amounts(data: dict[str, Any], measures: bool) -> Iterator[Decimal]:
    for value in data.get("totals", {}).values():
        yield from bounds(value)
    for key in ("total", "target"):
        yield from bounds(data.get(key))
    if data.get("gap_kind") != "surplus":  # a surplus is shown as the gap, not as a shortfall of 0
        yield from bounds(data.get("shortfall"))
    for bound in bounds(data.get("gap")):
        yield abs(bound)
    for value in (data.get("target_years") or {}).values():
        yield from bounds(value)
    if measures:
        for measure in data.get("measures", []):
            for value in measure["effects"].values():
                yield from bounds(value)
            yield from bounds(measure["total"])


def follow_up_amounts(data: dict[str, Any]) -> Iterator[Decimal]:
    for key in ("planned", "forecast", "target"):
        yield from bounds(data.get(key))
    for bound in bounds(data.get("forecast_gap")):
        yield abs(bound)
    for measure in data["measures"]:
        for key in ("planned", "forecast", "outcome"):
            yield from bounds(measure.get(key))


def check(text: str, width: int, amounts: Iterator[Decimal], unit: Unit) -> None:
    lines = text.splitlines()
    too_wide = [line for line in lines if len(line) > width]
    assert not too_wide, f"lines wider than {width}: {too_wide}"
    assert "…" not in text
    flat = re.sub("[\u2500-\u257f]", " ", text)
    for amount in set(amounts) - {Decimal(0)}:
        shown = numbers.amount(amount, unit)
        pattern = rf"(?<![\d,])(?<!\d ){re.escape(shown)}(?! \d{{3}}(?!\d))(?![\d,])"
        assert re.search(pattern, flat), f"{shown} not whole in the output at width {width}:\n{text}"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_summarize_and_gap_keep_every_amount_whole(width: int, lang: str, long_plan: Path) -> None:
    for plan in [*plans(), long_plan]:
        for command, measures in (("summarize", True), ("gap", False)):
            args = ["--lang", lang, command, str(plan), "--unit", "kr"]
            code, text = run(args, width)
            assert code == 0, text
            json_code, output = run([*args, "--format", "json"], width)
            assert json_code == 0, output
            check(text, width, summary_amounts(json.loads(output), measures), Unit.KR)


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_follow_up_keeps_every_amount_whole(width: int, lang: str, long_plan: Path) -> None:
    checked = 0
    for plan in [*plans(), long_plan]:
        args = ["--lang", lang, "follow-up", str(plan), "--unit", "kr"]
        json_code, output = run([*args, "--format", "json"], width)
        if json_code != 0:
            continue
        code, text = run(args, width)
        assert code == 0, text
        check(text, width, follow_up_amounts(json.loads(output)), Unit.KR)
        checked += 1
    assert checked


def test_wide_terminal_keeps_the_table_and_narrow_one_stacks() -> None:
    plan = str(ROOT / "plans" / "vard-och-social-2024-2026.yaml")
    _, wide = run(["summarize", plan, "--unit", "tkr"], 200)
    _, narrow = run(["summarize", plan, "--unit", "tkr"], 60)
    assert "┃" in wide and "┃" not in narrow
    assert "Summa: 13 549" in narrow and "Överskott" in narrow
