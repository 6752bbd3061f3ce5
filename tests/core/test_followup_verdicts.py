"""Issue 13, follow-up verdicts: each measure's kind for the year is decided once, in
budgetbalans.core.followup.follow_up_kind, and every format words and colours that kind.

A measure with nothing planned for the year and no forecast is not "ej uppföljd"; a forecast
inside the planned range is not shown as a deviation (JSON keeps the deviation bound by bound).
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from budgetbalans.cli.app import app
from budgetbalans.core.followup import FollowUp, FollowUpKind, follow_up, follow_up_kind
from budgetbalans.read.loader import load_plan
from tests.command import runner
from tests.models import make_plan
from budgetbalans.plan.money import Range
from tests.clients import read_csv, swedish_number
from tests.paths import ROOT

BORAS = ROOT / "examples" / "sociala-omsorgsnamnden-boras-2017.yaml"
TRELLEBORG = ROOT / "examples" / "socialnamnden-trelleborg-2019.yaml"
K = FollowUpKind


def exact(kronor: int) -> Range:
    return Range.exact(Decimal(kronor))


def span(low: int | None, high: int | None) -> Range:
    return Range(None if low is None else Decimal(low), None if high is None else Decimal(high))


# --- the core's decision, at its boundaries ------------------------------------------------------


@pytest.mark.parametrize(("planned", "forecast", "kind"), [
    (exact(1000), exact(1000), K.ON_TRACK),                 # equal
    (exact(1000), exact(999), K.BEHIND),                    # 1 krona below
    (exact(1000), exact(1001), K.AHEAD),                    # 1 krona above
    (span(100, 300), exact(100), K.ON_TRACK),               # at the low
    (span(100, 300), exact(200), K.ON_TRACK),               # inside
    (span(100, 300), exact(300), K.ON_TRACK),               # at the high
    (span(100, 300), exact(99), K.BEHIND),                  # 1 krona below the low
    (span(100, 300), exact(301), K.AHEAD),                  # 1 krona above the high
    (span(100, 300), span(150, 250), K.ON_TRACK),           # a range inside the range
    (span(100, 300), span(99, 300), K.BEHIND),              # its low 1 krona below
    (span(100, 300), span(100, 301), K.AHEAD),              # its high 1 krona above
    (span(100, 300), span(50, 400), K.BEHIND),              # wider at both ends: may deliver less
    (span(100, None), exact(10**9), K.ON_TRACK),            # an unbounded plan has no high to pass
    (span(100, 300), span(200, None), K.AHEAD),             # an unbounded forecast passes any high
    (span(None, 300), exact(-10**9), K.ON_TRACK),           # an unbounded low: nothing is below it
    (span(100, 300), span(None, 300), K.BEHIND),
    (exact(0), exact(0), K.ON_TRACK),                       # nothing planned, a forecast of 0
    (exact(0), exact(500), K.AHEAD),                        # a forecast without a plan: against 0
    (exact(0), exact(-500), K.BEHIND),                      # an unplanned cost
    (exact(-250), exact(-400), K.BEHIND),                   # a cost larger than planned
])
def test_kind_of_a_forecast(planned: Range, forecast: Range, kind: FollowUpKind) -> None:
    assert follow_up_kind(planned, forecast) is kind


def test_kind_without_a_forecast_or_not_counted() -> None:
    assert follow_up_kind(exact(1000), None) is K.NOT_FOLLOWED_UP
    assert follow_up_kind(exact(1), None) is K.NOT_FOLLOWED_UP          # 1 krona planned is something
    assert follow_up_kind(exact(-1), None) is K.NOT_FOLLOWED_UP
    assert follow_up_kind(span(0, 100), None) is K.NOT_FOLLOWED_UP
    assert follow_up_kind(exact(0), None) is K.NOTHING_PLANNED
    for forecast in (None, exact(0), exact(500)):                       # cancelled: whatever its forecast
        assert follow_up_kind(exact(1000), forecast, counted=False) is K.NOT_COUNTED


# --- on small plans, through follow_up ------------------------------------------------------------

PLAN = """\
title: Verdicts
unit: kr
years: [2025, 2026]
target: {2025: 10000}
as_of: 2025-08-31
measures:
  - {id: EQ, title: Lika, effects: {2025: 1000}, forecast: {2025: 1000}}
  - {id: IN, title: Inom, effects: {2025: 100-300}, forecast: {2025: 200}}
  - {id: LOW, title: Under, effects: {2025: 100-300}, forecast: {2025: 99}}
  - {id: HIGH, title: Över, effects: {2025: 100-300}, forecast: {2025: 301}}
  - {id: NONE, title: Ingen prognos, effects: {2025: 500}}
  - {id: LATER, title: Planerad 2026, effects: {2026: 700}}
  - {id: EXTRA, title: Oplanerad, effects: {2026: 50}, forecast: {2025: 40}}
  - {id: OFF, title: Avbruten, status: avbruten, effects: {2025: 999}, forecast: {2025: 100}}
  - {id: OFF2, title: Avbruten utan prognos, status: avbruten, effects: {2025: 999}}
"""
KINDS = {"EQ": K.ON_TRACK, "IN": K.ON_TRACK, "LOW": K.BEHIND, "HIGH": K.AHEAD, "NONE": K.NOT_FOLLOWED_UP,
         "LATER": K.NOTHING_PLANNED, "EXTRA": K.AHEAD, "OFF": K.NOT_COUNTED, "OFF2": K.NOT_COUNTED}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "verdicts.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_kinds_on_a_plan(plan: Path) -> None:
    result = follow_up([load_plan(plan)])
    assert {line.result.measure.id: line.kind for line in result.lines} == KINDS
    assert result.not_followed_up == 1                           # NONE only; not LATER, not OFF2
    assert result.count(K.NOTHING_PLANNED) == 1
    assert [line.result.measure.id for line in result.lines if line.falls_short] == ["LOW"]
    # planned 1000 + 100..300 ×3 + 500 = 1800..2400; forecast 1000 + 200 + 99 + 301 + 500 + 40 = 2140
    assert result.kind is K.ON_TRACK


# --- the real examples ------------------------------------------------------------------------------


def by_id(result: FollowUp) -> dict[str, FollowUpKind]:
    return {line.result.measure.id: line.kind for line in result.lines}


def test_boras_2017_nothing_planned_is_not_not_followed_up() -> None:
    result = follow_up([load_plan(BORAS)])
    kinds = by_id(result)
    nothing = {i for i, kind in kinds.items() if kind is K.NOTHING_PLANNED}
    # Every activity but IGU (5-1) has no effect for 2017 in the plan, and no forecast.
    assert nothing == set(kinds) - {"5-1"} and len(nothing) == 18
    assert all(not line.result.effects.get(2017) for line in result.lines if line.result.measure.id in nothing)
    assert kinds["5-1"] is K.BEHIND                               # 900 against 1 050 tkr
    assert result.not_followed_up == 0                            # was 18 before issue 13
    assert result.kind is K.BEHIND


def test_trelleborg_2019() -> None:
    result = follow_up([load_plan(TRELLEBORG)])
    assert by_id(result) == {"1": K.ON_TRACK, "2": K.NOT_COUNTED, "3": K.ON_TRACK, "4": K.NOTHING_PLANNED,
                             "5": K.NOTHING_PLANNED, "6": K.NOTHING_PLANNED, "7": K.NOTHING_PLANNED,
                             "8": K.ON_TRACK, "9": K.NOTHING_PLANNED}
    assert result.not_followed_up == 0 and result.kind is K.ON_TRACK


# --- through the CLI, every format ---------------------------------------------------------------


def run(*args: str) -> str:
    result = runner().invoke(app, ["follow-up", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_adds_kind_and_keeps_the_contract(plan: Path) -> None:
    document: dict[str, Any] = json.loads(run(str(plan), "--format", "json"))
    measures = {m["id"]: m for m in document["measures"]}
    assert {i: m["kind"] for i, m in measures.items()} == {i: k.value for i, k in KINDS.items()}
    assert document["not_followed_up"] == 1 and document["kind"] == "on_track"
    # The contract's deviation stays bound by bound, even where the verdict is on track.
    assert measures["IN"]["deviation"] == {"low": 100, "high": -100}
    assert measures["IN"]["followed_up"] is True
    assert measures["LATER"]["followed_up"] is False and measures["NONE"]["followed_up"] is False
    assert measures["OFF"]["followed_up"] is True                # it has a forecast, as the contract says


def test_json_boras() -> None:
    document: dict[str, Any] = json.loads(run(str(BORAS), "--format", "json"))
    assert document["not_followed_up"] == 0
    assert sum(m["kind"] == "nothing_planned" for m in document["measures"]) == 18
    assert [m["id"] for m in document["measures"] if m["kind"] == "behind"] == ["5-1"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_table(plan: Path, lang: str) -> None:
    text = run(str(plan), "--lang", lang)
    within, nothing, not_followed = (("inom intervallet", "inget planerat", "ej uppföljd") if lang == "sv"
                                     else ("within the range", "nothing planned", "not followed up"))
    rows = {line.split("│")[1].strip(): line for line in text.splitlines() if line.startswith("│ ")}
    assert within in rows["IN"] and "+100" not in rows["IN"] and "-100" not in rows["IN"]
    assert "-1 / -201" in rows["LOW"] and "+201 / +1" in rows["HIGH"] and " 0 │" in rows["EQ"]
    assert nothing in rows["LATER"] and not_followed not in rows["LATER"] and "–" in rows["LATER"]
    assert not_followed in rows["NONE"] and "–" in rows["NONE"]
    assert ("1 åtgärd utan prognos" if lang == "sv" else "1 measure without a forecast") in text


def test_markdown(plan: Path) -> None:
    text = run(str(plan), "--format", "markdown")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| ")}
    assert "| 100–300 | 200 | inom intervallet | grön |  | ja |" in rows["IN"]  # the signal beside the deviation
    assert "| **-1 / -201** |" in rows["LOW"] and "| +201 / +1 |" in rows["HIGH"]  # bound by bound
    assert "| 0 | 0 | – |  |  | inget planerat |" in rows["LATER"]  # no forecast: no signal
    assert "**ej uppföljd**" in rows["NONE"] and text.count("**ej uppföljd**") == 1
    assert "**Ej uppföljda:** 1 åtgärd" in text
    assert "1 åtgärd utan planerad effekt och utan prognos för 2025: inget att följa upp" in text


def test_markdown_boras() -> None:
    text = run(str(BORAS), "--format", "markdown")
    assert "ej uppföljd" not in text and "**Ej uppföljda:** 0 åtgärder" in text
    assert text.count("inget planerat") == 18


def test_html(plan: Path) -> None:
    html = run(str(plan), "--format", "html")
    assert '<td class="num">inom intervallet</td>' in html
    assert '<td class="num remaining">-1 / -201</td>' in html and '<td class="num">+201 / +1</td>' in html
    assert html.count('<td class="uncertain">ej uppföljd</td>') == 1 and html.count("<td>inget planerat</td>") == 1
    assert html.count('class="num remaining"') == 1              # only LOW is red, not IN
    assert html.count('<g class="bar short">') == 1


def test_html_boras() -> None:
    html = run(str(BORAS), "--format", "html")
    assert '<td class="uncertain">' not in html and html.count("<td>inget planerat</td>") == 18


def test_csv_keeps_the_numbers(plan: Path) -> None:
    # CSV is data: the deviation bound by bound; Uppföljd in the words of the other formats, so a
    # measure with nothing planned is never read as not followed up.
    rows = read_csv(run(str(plan), "--format", "csv").encode("utf-8-sig"))
    by = {row[1]: row for row in rows[1:] if row[1]}
    assert [swedish_number(c) for c in by["IN"][5:11]] == [100, 300, 200, 200, 100, -100]
    assert (by["LATER"][-1], by["NONE"][-1], by["EQ"][-1]) == ("inget planerat", "ej uppföljd", "ja")


def test_the_year_of_a_plan_without_years_comes_from_the_date_the_caller_gives() -> None:
    from datetime import date

    from budgetbalans.core.followup import follow_up_year

    plan = make_plan(measures=[{"id": "1", "title": "Åtgärd"}])
    assert follow_up_year([plan], today=date(2026, 12, 2)) == 2026
    with pytest.raises(ValueError):
        follow_up_year([plan])  # the core never reads the clock itself
