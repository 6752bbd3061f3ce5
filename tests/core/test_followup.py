"""Follow-up (uppföljning) on the two seed documents that are follow-ups, and the general rules.

Seed 000 (Socialnämnden Trelleborg, de 9 strategierna, redovisning vid delårsrapport I 2019)
and seed 004 (Sociala omsorgsnämnden Borås, Tertial 2 2017 with "Åtgärdsplan för ekonomisk
balans") are transcribed in ``examples/`` with ``as_of`` and per-measure ``forecast``. The
figures below are literal kronor; the comment beside each says where it is in the document.

The second half checks the rules of docs/planformat.md "Follow-up (uppföljning)" on small plans
written into ``tmp_path``.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.i18n import Lang
from budgetbalans.errors import PlanError
from budgetbalans.core.followup import FollowUp, FollowUpKind, FollowUpLine, follow_up
from budgetbalans.read.loader import load_plan
from budgetbalans.plan.money import Range
from tests.paths import EXAMPLES

TRELLEBORG = EXAMPLES / "socialnamnden-trelleborg-2019.yaml"      # seed 000
BORAS = EXAMPLES / "sociala-omsorgsnamnden-boras-2017.yaml"       # seed 004


def bounds(value: Range | None) -> tuple[Decimal | None, Decimal | None] | None:
    return None if value is None else (value.low, value.high)


def exact(amount: int) -> tuple[Decimal, Decimal]:
    return (Decimal(amount), Decimal(amount))


def line(result: FollowUp, measure_id: str) -> FollowUpLine:
    found = [item for item in result.lines if item.result.measure.id == measure_id]
    assert len(found) == 1, measure_id
    return found[0]


def followed_up_ids(result: FollowUp) -> list[str]:
    return [item.result.measure.id for item in result.lines if item.followed_up]


# --- seed 000: Socialnämnden Trelleborg 2019 (mkr) -------------------------------------------


@pytest.fixture(scope="module")
def trelleborg() -> FollowUp:
    return follow_up([load_plan(TRELLEBORG)])


def test_trelleborg_year_and_as_of(trelleborg: FollowUp) -> None:
    # "Första resultatet för 2019 redovisas efter utgången av mars i delårsrapport I" (strategi 6):
    # the report accompanies delårsrapport I, i.e. the position at 31 March 2019.
    assert trelleborg.year == 2019
    assert trelleborg.as_of == date(2019, 3, 31)


def test_trelleborg_measures(trelleborg: FollowUp) -> None:
    # Strategi 1: "ger inte något förbättrat ekonomiskt resultat 2019" → planned 0, forecast 0.
    assert (bounds(line(trelleborg, "1").planned), bounds(line(trelleborg, "1").forecast)) == (exact(0), exact(0))
    # Strategi 3: "minska kostanden motsvarande 5 mkr" under 2019; "går enligt planering"
    # (Sammanfattning) → forecast = planned = 5 mkr.
    s3 = line(trelleborg, "3")
    assert (bounds(s3.planned), bounds(s3.forecast), bounds(s3.deviation)) == (
        exact(5_000_000), exact(5_000_000), exact(0))
    # Strategi 8: "Besparingen för detta är totalt 8 mkr" → 8 mkr, enligt planering.
    s8 = line(trelleborg, "8")
    assert (bounds(s8.planned), bounds(s8.forecast), bounds(s8.deviation)) == (
        exact(8_000_000), exact(8_000_000), exact(0))
    # Strategi 2: "Effektiviseringspotentialen ... ca 14,5 mkr" is only a potential: it counts
    # zero in the follow-up, whatever its forecast (0: "Några strategier ger inte ekonomisk
    # effekt i år ... beroende av ... centrala beslut").
    s2 = line(trelleborg, "2")
    assert not s2.result.counted
    assert (bounds(s2.planned), bounds(s2.forecast)) == (exact(0), exact(0))
    assert not any(item.falls_short for item in trelleborg.lines)
    # No outcome (utfall) for 2019 in the document; its utfall figures are for 2018.
    assert all(item.outcome is None for item in trelleborg.lines)


def test_trelleborg_totals_and_forecast_gap(trelleborg: FollowUp) -> None:
    # The document prints no total of the strategies' effects: 5 + 8 = 13 mkr, planned and forecast.
    assert bounds(trelleborg.planned) == exact(13_000_000)
    assert bounds(trelleborg.forecast) == exact(13_000_000)
    assert bounds(trelleborg.deviation) == exact(0)
    # "nytt underskott 2019 motsvarande de beräknade ökningarna dvs 49mkr" (the target):
    # 49 − 13 = 36 mkr still undescribed by this document.
    assert trelleborg.target == 49_000_000
    assert bounds(trelleborg.forecast_gap) == exact(36_000_000)


def test_trelleborg_not_followed_up(trelleborg: FollowUp) -> None:
    # Strategier 4, 5, 6, 7 (IBIC) and 9 have no amount in the plan or the follow-up: nothing was
    # planned for 2019, so nothing was to follow up (issue 13); they are not "ej uppföljd".
    assert followed_up_ids(trelleborg) == ["1", "2", "3", "8"]
    assert trelleborg.not_followed_up == 0
    assert [item.result.measure.id for item in trelleborg.lines if not item.followed_up] == [
        "4", "5", "6", "7", "9"]
    assert [item.result.measure.id for item in trelleborg.lines
            if item.kind is FollowUpKind.NOTHING_PLANNED] == ["4", "5", "6", "7", "9"]


# --- seed 004: Sociala omsorgsnämnden Borås, Tertial 2 2017 (tkr) ----------------------------


@pytest.fixture(scope="module")
def boras() -> FollowUp:
    return follow_up([load_plan(BORAS)])


def test_boras_year_and_as_of(boras: FollowUp) -> None:
    # "Tertial 2 2017", "Utfall 2017-08": the delårsbokslut per 31 August.
    assert boras.year == 2017
    assert boras.as_of == date(2017, 8, 31)


def test_boras_igu(boras: FollowUp) -> None:
    # Bilagan 5.1, Daglig verksamhet: Avslut IGU: "Avslut innebär 1 400 tkr på årsbasis, 900 tkr
    # i år då avslut skedde från och med 31/3." Planned: 1 400 × 9/12 (April–December) = 1 050
    # tkr; forecast 900 tkr; deviation 900 − 1 050 = −150 tkr.
    igu = line(boras, "5-1")
    assert bounds(igu.planned) == exact(1_050_000)
    assert bounds(igu.forecast) == exact(900_000)
    assert bounds(igu.deviation) == exact(-150_000)
    assert igu.followed_up and igu.falls_short
    assert igu.outcome is None                       # no utfall to date is given
    assert igu.result.measure.status.value == "done"  # "Avslutad"


def test_boras_totals(boras: FollowUp) -> None:
    # Only IGU has an amount, so the totals are its figures.
    assert bounds(boras.planned) == exact(1_050_000)
    assert bounds(boras.forecast) == exact(900_000)
    assert bounds(boras.deviation) == exact(-150_000)
    # No sparbeting in the document: the helårsprognos "−2 000 tkr jämfört tillgängliga medel"
    # is the board's whole result (it already counts the measures), not a target.
    assert boras.target is None and boras.forecast_gap is None


def test_boras_not_followed_up(boras: FollowUp) -> None:
    # 19 activities in bilagan (2 + 6 + 7 + 4); only IGU has a forecast, and only IGU has a
    # planned effect for 2017: the other 18 had nothing to follow up (issue 13), none is "ej uppföljd".
    assert len(boras.lines) == 19
    assert followed_up_ids(boras) == ["5-1"]
    assert boras.not_followed_up == 0
    assert boras.count(FollowUpKind.NOTHING_PLANNED) == 18


def test_boras_statuses_as_in_the_document(boras: FollowUp) -> None:
    # Bilagan: avsnitt 5's three "Daglig verksamhet" activities are "Avslutad", every other "Pågående".
    statuses = {item.result.measure.id: item.result.measure.status.value for item in boras.lines}
    assert {i for i, s in statuses.items() if s == "done"} == {"5-1", "5-2", "5-3"}
    assert {s for i, s in statuses.items() if i not in {"5-1", "5-2", "5-3"}} == {"ongoing"}


# --- the general rules, on small plans ----------------------------------------------------------


def write(tmp_path: Path, text: str, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_measure_without_forecast_counts_with_its_planned_effect(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, """\
title: P
unit: tkr
years: [2024]
as_of: 2024-04-30
measures:
  - id: a
    title: Följd upp
    effects: {2024: 100}
    forecast: {2024: 60}
    outcome: {2024: 20}
  - id: b
    title: Inte följd upp
    effects: {2024: 300}
"""))
    result = follow_up([plan])
    assert (result.year, result.as_of) == (2024, date(2024, 4, 30))
    a, b = line(result, "a"), line(result, "b")
    assert (a.followed_up, bounds(a.forecast), bounds(a.deviation), bounds(a.outcome)) == (
        True, exact(60_000), exact(-40_000), exact(20_000))
    assert b.followed_up is False
    assert (bounds(b.planned), bounds(b.forecast), bounds(b.deviation)) == (exact(300_000), exact(300_000), exact(0))
    assert bounds(result.planned) == exact(400_000)
    assert bounds(result.forecast) == exact(360_000)
    assert bounds(result.deviation) == exact(-40_000)
    assert result.not_followed_up == 1


def test_cancelled_and_potential_measures_count_zero(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, """\
title: P
years: [2024]
measures:
  - id: kept
    title: Kvar
    effects: {2024: 100}
    forecast: {2024: 100}
  - id: cancelled
    title: Avbruten
    status: avbruten
    effects: {2024: 500}
    forecast: {2024: 200}
  - id: cancelled-no-forecast
    title: Avbruten utan prognos
    status: avbruten
    effects: {2024: 700}
  - id: potential
    title: Bara en möjlighet
    potential: true
    effects: {2024: 900}
    forecast: {2024: 900}
"""))
    result = follow_up([plan])
    for measure_id in ("cancelled", "cancelled-no-forecast", "potential"):
        item = line(result, measure_id)
        assert (bounds(item.planned), bounds(item.forecast), bounds(item.deviation)) == (exact(0), exact(0), exact(0))
    assert bounds(result.planned) == exact(100_000)
    assert bounds(result.forecast) == exact(100_000)
    # A cancelled measure without a forecast is not "not followed up": it counts for nothing.
    assert result.not_followed_up == 0


def test_ranges_give_a_deviation_bound_by_bound(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, """\
title: P
years: [2024]
target: 1000
measures:
  - id: r
    title: Intervall
    effects: {2024: 100-300}
    forecast: {2024: 50–400}
  - id: open
    title: Klass 4
    effects: {2024: "1 mkr"}
    forecast: {2024: {interval: 4}}
"""))
    result = follow_up([plan])
    r = line(result, "r")
    assert bounds(r.deviation) == (Decimal(-50_000), Decimal(100_000))       # 50 − 100, 400 − 300
    assert r.falls_short                                                      # the low bound is short
    open_ = line(result, "open")
    assert bounds(open_.deviation) == (Decimal(2_000_000), None)             # 3 mkr − 1 mkr, unbounded
    assert bounds(result.planned) == (Decimal(1_100_000), Decimal(1_300_000))
    assert bounds(result.forecast) == (Decimal(3_050_000), None)
    assert bounds(result.deviation) == (Decimal(1_950_000), None)
    # The forecast gap is a gap, not a deviation: target − high .. target − low.
    assert bounds(result.forecast_gap) == (None, Decimal(1_000_000 - 3_050_000))


def test_forecast_gap_with_a_per_year_target(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, """\
title: P
years: [2024, 2025]
target: {2024: 500, 2025: 600}
measures:
  - id: a
    title: A
    effects: {2024: 300, 2025: 400}
    forecast: {2024: 200}
"""))
    result = follow_up([plan], year=2024)
    assert result.year == 2024
    assert result.target == 500_000                                       # that year's target
    assert bounds(result.forecast_gap) == exact(300_000)                  # 500 − 200
    # The default year without as_of is the last year of the period; no forecast there.
    later = follow_up([plan])
    assert later.year == 2025
    assert (later.target, bounds(later.forecast_gap)) == (600_000, exact(200_000))   # 600 − 400
    assert later.not_followed_up == 1


def test_forecast_gap_with_a_whole_period_target(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, """\
title: P
years: [2024, 2025]
target: 1000
as_of: 2024-08-31
measures:
  - id: a
    title: A
    effects: {2024: 300, 2025: 400}
    forecast: {2024: 200}
"""))
    result = follow_up([plan])
    assert result.year == 2024                                            # the year of as_of
    assert result.target == 1_000_000
    # The gap with 2024's forecast in place of its planned effect: 1000 − (200 + 400) = 400,
    # where the planned gap is 1000 − (300 + 400) = 300.
    assert bounds(result.forecast_gap) == exact(400_000)
    assert bounds(result.deviation) == exact(-100_000)


@pytest.mark.parametrize("key", ["forecast", "outcome"])
def test_years_outside_the_period_are_rejected_with_a_position(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, f"""\
title: P
years: [2024]
measures:
  - id: a
    title: A
    effects: {{2024: 100}}
    {key}:
      2024: 90
      2025: 100
""")
    with pytest.raises(PlanError) as caught:
        load_plan(path)
    problems = caught.value.problems
    assert len(problems) == 1
    (problem,) = problems
    assert (problem.line, problem.column) == (9, 7)                        # the key 2025
    assert "2025" in problem.message.text(Lang.EN) and "outside" in problem.message.text(Lang.EN)
    assert str(problem).startswith(f"{path}:9:7: ")
