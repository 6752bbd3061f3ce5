"""The real plans in ``examples/``: each reads clean and adds up to what its document prints.

Each example transcribes one of the seed documents (real Swedish åtgärdsplaner). The figures
below are literal kronor taken from the documents (or, where a document prints no sum, worked
out by hand in the comment beside them), so a change in how the tool reads or adds amounts
shows up here as a wrong number, not as a silently different total.

Only seed 002 (Vård- och socialavdelningen) has a sum that is wrong in the document itself:
its rows add up to 13 549 000 kr, it prints "Summa 13 149 tkr".
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.core.summary import Summary, summarize
from budgetbalans.read.loader import load_plan

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

VARD_OCH_SOCIAL = "vard-och-social-2024-2026.yaml"          # seed 002
HEMTJANST = "kommunal-hemtjanst-2018-2019.yaml"             # seed 001
TRELLEBORG = "socialnamnden-trelleborg-2019.yaml"            # seed 000
STADSDEL = "stadsdelsforvaltning-budgethallning-2013.yaml"   # seed 003
BORAS = "sociala-omsorgsnamnden-boras-2017.yaml"             # seed 004
BESLUT = "vard-och-social-beslut-2024-2026.yaml"             # seed 002, with what the nämnd decides on

ALL = [VARD_OCH_SOCIAL, HEMTJANST, TRELLEBORG, STADSDEL, BORAS, BESLUT]
SEEDS = {
    VARD_OCH_SOCIAL: "002_052b29c656a8f75a.txt",
    BESLUT: "002_052b29c656a8f75a.txt",
    HEMTJANST: "001_a79974b101665f7f.txt",
    TRELLEBORG: "000_9d2dc930af7c8b60.txt",
    STADSDEL: "003_6a6d460c798db971.txt",
    BORAS: "004_e823147a596a0924.txt",
}


def summary_of(name: str) -> Summary:
    return summarize([load_plan(EXAMPLES / name)])


def per_year(summary: Summary) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    return {year: (r.low, r.high) for year, r in summary.totals.per_year.items()}


def exact(value) -> Decimal:
    """The amount of an exact range (fails on a real range)."""
    assert value.low == value.high, f"expected an exact amount, got {value.low}..{value.high}"
    return value.low


def measure(summary: Summary, measure_id: str):
    found = [m for m in summary.measures if m.measure.id == measure_id]
    assert len(found) == 1, measure_id
    return found[0]


def class_of(summary: Summary, measure_id: str) -> str | None:
    result = measure(summary, measure_id).interval_class
    return None if result is None else str(result)


# --- every example ---------------------------------------------------------------------------


def test_every_example_is_here() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.yaml")) == sorted(ALL)


@pytest.mark.parametrize("name", ALL)
def test_names_its_source_document(name: str) -> None:
    first = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(f"# Källa: seed {SEEDS[name]} — ")


@pytest.mark.parametrize("name", ALL)
def test_loads(name: str) -> None:
    plan = load_plan(EXAMPLES / name)
    assert plan.measures
    assert len({m.id for m in plan.measures}) == len(plan.measures)


@pytest.mark.parametrize("name", [n for n in ALL if n != VARD_OCH_SOCIAL])
def test_every_stated_sum_matches(name: str) -> None:
    summary = summary_of(name)
    assert [r for r in summary.reconciliations if not r.matches] == []


# --- seed 002: Vård- och socialavdelningen 2024–2026 (effect table in kronor) ----------------


def test_vard_och_social_adds_up_per_year() -> None:
    summary = summary_of(VARD_OCH_SOCIAL)
    assert summary.years == (2024, 2025, 2026)
    # 2024: 535 000 + 1 750 000 + 1 200 000 + 110 000 + 1 000 000 + 100 000 + 1 859 000
    #       + 465 000 + 150 000 = 7 169 000
    # 2025: 535 000 + 750 000 + 600 000 + 440 000 + 1 000 000 + 465 000 + 110 000 = 3 900 000
    # 2026: 535 000 + 600 000 + 440 000 + 465 000 + 440 000 = 2 480 000
    assert per_year(summary) == {
        2024: (7_169_000, 7_169_000),
        2025: (3_900_000, 3_900_000),
        2026: (2_480_000, 2_480_000),
    }
    assert exact(summary.totals.total) == 13_549_000


def test_vard_och_social_target_and_gap() -> None:
    summary = summary_of(VARD_OCH_SOCIAL)
    assert summary.totals.target.total == 12_357_000          # sparbeting 12 357 tkr
    assert exact(summary.totals.gap.total) == -1_192_000      # 12 357 000 − 13 549 000: a surplus


def test_vard_och_social_document_total_is_400_tkr_short() -> None:
    summary = summary_of(VARD_OCH_SOCIAL)
    wrong = [r for r in summary.reconciliations if not r.matches]
    assert len(wrong) == 1
    (rec,) = wrong
    assert (rec.key, rec.measure_id) == ("total", None)
    assert rec.stated == 13_149_000                            # "Summa 13 149 tkr"
    assert exact(rec.computed) == 13_549_000
    assert rec.difference == -400_000                          # stated − computed


def test_vard_och_social_row_totals_match() -> None:
    # The "Totalt" column; rows 2, 6 and 7 print "-" there and have no stated total.
    summary = summary_of(VARD_OCH_SOCIAL)
    rows = {r.measure_id: r.stated for r in summary.reconciliations if r.measure_id is not None}
    assert rows == {
        "1": 1_605_000, "3": 2_400_000, "4": 990_000, "5": 2_000_000,
        "8": 1_395_000, "9": 550_000, "10": 150_000,
    }
    assert all(r.matches for r in summary.reconciliations if r.measure_id is not None)
    assert {m.measure.id: exact(m.total) for m in summary.measures if m.measure.id in {"2", "6", "7"}} == {
        "2": 2_500_000, "6": 100_000, "7": 1_859_000,
    }



@pytest.mark.parametrize(("known", "accepted"), [("-400 tkr", True), ("-399 tkr", False), ("400 tkr", False)])
def test_vard_och_social_error_can_be_recorded_to_the_krona(tmp_path: Path, known: str, accepted: bool) -> None:
    # The example records the document's error with known_difference; only the exact
    # difference is accepted.
    text = (EXAMPLES / VARD_OCH_SOCIAL).read_text(encoding="utf-8")
    line = '    known_difference: "-400 tkr"'
    assert text.count(line) == 1
    path = tmp_path / VARD_OCH_SOCIAL
    path.write_text(text.replace(line, f'    known_difference: "{known}"'), encoding="utf-8")
    (rec,) = [r for r in summarize([load_plan(path)]).reconciliations if not r.matches]
    assert rec.difference == -400_000
    assert rec.accepted is accepted


def without_known_difference(tmp_path: Path) -> Path:
    text = (EXAMPLES / VARD_OCH_SOCIAL).read_text(encoding="utf-8")
    line = '    known_difference: "-400 tkr"   # angiven − beräknad: dokumentets eget fel, avstämt till kronan\n'
    assert text.count(line) == 1
    path = tmp_path / VARD_OCH_SOCIAL
    path.write_text(text.replace(line, ""), encoding="utf-8")
    return path

# --- seed 001: kommunal hemtjänst 2018 / helår 2019 (tkr, interval classes, a range) ---------


def test_hemtjanst_adds_up_to_summa_row() -> None:
    summary = summary_of(HEMTJANST)
    # SUMMA 2018:       680 + 100 + 25 + 55 + 110 + 100 + 160 = 1 230 tkr
    # SUMMA helår 2019: 1 200 + 200 + 50 + 155 + 250 + 1 200 + 250 + 240 = 3 545 tkr
    assert per_year(summary) == {2018: (1_230_000, 1_230_000), 2019: (3_545_000, 3_545_000)}
    assert exact(summary.totals.total) == 4_775_000
    assert {r.key: (r.stated, r.difference) for r in summary.reconciliations} == {
        "2018": (1_230_000, 0),
        "2019": (3_545_000, 0),
    }
    assert summary.totals.target is None and summary.totals.gap is None


def test_hemtjanst_serviceteam_range_is_shown_but_not_counted() -> None:
    # "Serviceteam – utredning 700-1600": a possible effect under investigation, outside SUMMA.
    summary = summary_of(HEMTJANST)
    serviceteam = measure(summary, "9")
    assert serviceteam.measure.potential
    assert not serviceteam.counted
    assert (serviceteam.effects[2019].low, serviceteam.effects[2019].high) == (700_000, 1_600_000)
    assert class_of(summary, "9") == "1-2"
    assert (summary.totals.potential.low, summary.totals.potential.high) == (700_000, 1_600_000)


def test_hemtjanst_interval_classes_as_printed() -> None:
    # The status tables print "1" in the Effekt column for these three measures.
    summary = summary_of(HEMTJANST)
    assert {i: class_of(summary, i) for i in ("3", "13", "16")} == {"3": "1", "13": "1", "16": "1"}
    assert class_of(summary, "2") == "2"       # Förkortning av kvällsskiftet, helår 1 200 tkr
    assert class_of(summary, "5") is None      # Demenscafé, helår 50 tkr: under 0,1 mkr


def test_hemtjanst_measures_without_amounts_are_listed() -> None:
    summary = summary_of(HEMTJANST)
    assert len(summary.measures) == 22
    without = [m.measure.id for m in summary.measures if not m.effects]
    assert len(without) == 13


# --- seed 000: socialnämnden (Trelleborg), the 9 strategies, 2019 (mkr, a potential) --------


def test_trelleborg_decided_effects_and_gap() -> None:
    summary = summary_of(TRELLEBORG)
    # Strategi 3: 5 mkr + Strategi 8: 8 mkr = 13 mkr in 2019.
    assert per_year(summary) == {2019: (13_000_000, 13_000_000)}
    assert summary.totals.target.total == 49_000_000          # underskott 2019: 49 mkr
    assert exact(summary.totals.gap.total) == 36_000_000
    assert {r.measure_id: (r.stated, r.difference) for r in summary.reconciliations} == {
        "8": (8_000_000, 0),                                  # "totalt 8 mkr"
    }


def test_trelleborg_potential_is_not_counted() -> None:
    summary = summary_of(TRELLEBORG)
    tidsplanering = measure(summary, "2")                     # "ca 14,5 mkr" potential
    assert tidsplanering.measure.potential and not tidsplanering.counted
    assert exact(tidsplanering.effects[2019]) == 14_500_000
    assert exact(summary.totals.potential) == 14_500_000
    assert len(summary.measures) == 9


# --- seed 003: stadsdelsförvaltning 2013 (mnkr and tkr mixed, pro rata) ---------------------


def test_stadsdel_total_2013() -> None:
    summary = summary_of(STADSDEL)
    # The "Ekonomisk effekt" figures add up to 57,5 mnkr; Kvinnofrid's 2,1 mnkr/år counts
    # 9/12 from 1 April (1,575 mnkr), so 57,5 − 2,1 + 1,575 = 56,975 mnkr.
    assert per_year(summary) == {2013: (56_975_000, 56_975_000)}
    assert summary.reconciliations == []                       # the document prints no sum
    assert summary.totals.target is None


def test_stadsdel_pro_rata_and_stated_year() -> None:
    summary = summary_of(STADSDEL)
    assert exact(measure(summary, "16").effects[2013]) == 1_575_000   # Kvinnofrid, from April
    assert class_of(summary, "16") == "3"                               # full year 2,1 mnkr
    assert exact(measure(summary, "44").effects[2013]) == 500_000     # lokaler: "Effekt 2013"
    assert class_of(summary, "44") == "1"                               # helårseffekt 1,0 mnkr
    assert exact(measure(summary, "5").effects[2013]) == 400_000      # "400 tkr" in an mkr plan
    assert exact(measure(summary, "3").effects[2013]) == 4_100_000    # "4,1 mnkr"


# --- seed 004: Sociala omsorgsnämnden (Borås) T2 2017 (mostly without amounts, pro rata) -----


def test_boras_only_igu_has_an_amount() -> None:
    summary = summary_of(BORAS)
    # Avslut IGU: 1 400 tkr på årsbasis from 31/3 → April–December: 1 400 × 9/12 = 1 050 tkr.
    assert per_year(summary) == {2017: (1_050_000, 1_050_000)}
    igu = measure(summary, "5-1")
    assert exact(igu.effects[2017]) == 1_050_000
    assert class_of(summary, "5-1") == "2"
    assert len(summary.measures) == 19
    assert [m.measure.id for m in summary.measures if m.effects] == ["5-1"]
    assert summary.reconciliations == []
    assert summary.totals.target is None


# --- seed 002 as the nämnd's beslutsunderlag: probability, decision, one-off, staff -----------


def test_beslut_takes_every_amount_from_the_transcript() -> None:
    # The same ten measures with the same effects and row totals: no amount is made up.
    transcript = {m.id: (m.title, m.effects, m.stated_total) for m in load_plan(EXAMPLES / VARD_OCH_SOCIAL).measures}
    beslut = load_plan(EXAMPLES / BESLUT)
    assert {m.id: (m.title, m.effects, m.stated_total) for m in beslut.measures} == transcript
    assert beslut.target == load_plan(EXAMPLES / VARD_OCH_SOCIAL).target


def test_beslut_splits_by_decision_level_as_the_document() -> None:
    plan = load_plan(EXAMPLES / BESLUT)
    levels = {m.id: (m.decision.by.value, m.decision.state.value) for m in plan.measures if m.decision and m.decision.by}
    # "verkställighet eller delegation": 1–8; "kräver ... politiska beslut (ks eller kf)": 9–10.
    assert [i for i, (by, _) in levels.items() if by == "förvaltning"] == [str(n) for n in range(1, 9)]
    assert {i: by for i, (by, _) in levels.items() if by != "förvaltning"} == {"9": "ks", "10": "kf"}
    assert levels["10"][1] == "avslagen"
    assert [m.id for m in plan.measures if m.one_off] == ["7"]          # the state grant


def test_beslut_scenarios_by_hand() -> None:
    summary = summary_of(BESLUT)
    totals = summary.totals
    assert not measure(summary, "10").counted                          # avslagen: counts zero
    # Planerat: the transcript's rows less the rejected 150 000 (2024).
    assert per_year(summary) == {2024: (7_019_000, 7_019_000), 2025: (3_900_000, 3_900_000),
                                 2026: (2_480_000, 2_480_000)}
    scenarios = totals.scenarios
    assert scenarios is not None
    # Beslutat: 1, 2, 3, 5, 6, 7 and 8 (4 and 9 are proposed, 10 rejected).
    #   2024: 535 000 + 1 750 000 + 1 200 000 + 1 000 000 + 100 000 + 1 859 000 + 465 000 = 6 909 000
    #   2025: 535 000 + 750 000 + 600 000 + 1 000 000 + 465 000 = 3 350 000
    #   2026: 535 000 + 600 000 + 465 000 = 1 600 000
    assert {y: exact(r) for y, r in scenarios.decided.per_year.items()} == {
        2024: 6_909_000, 2025: 3_350_000, 2026: 1_600_000}
    assert exact(scenarios.decided.total) == 11_859_000
    assert exact(scenarios.decided.shortfall) == 498_000               # 12 357 000 − 11 859 000
    # Förväntat: 2 at 80 %, 3 and 4 at 75 %, 5, 6 and 9 at 50 %, the rest at 100 %.
    #   2024: 535 000 + 1 400 000 + 900 000 + 82 500 + 500 000 + 50 000 + 1 859 000 + 465 000 = 5 791 500
    #   2025: 535 000 + 600 000 + 450 000 + 330 000 + 500 000 + 465 000 + 55 000 = 2 935 000
    #   2026: 535 000 + 450 000 + 330 000 + 465 000 + 220 000 = 2 000 000
    assert {y: exact(r) for y, r in scenarios.expected.per_year.items()} == {
        2024: 5_791_500, 2025: 2_935_000, 2026: 2_000_000}
    assert exact(scenarios.expected.shortfall) == 1_630_500            # 12 357 000 − 10 726 500
    assert exact(scenarios.planned.total) == 13_399_000
    assert exact(scenarios.planned.shortfall) == 0                     # a surplus of 1 042 000


def test_beslut_one_off_lasting_and_staff_by_hand() -> None:
    totals = summary_of(BESLUT).totals
    assert totals.one_off is not None and totals.staff is not None and totals.lasting is not None
    assert {y: exact(r) for y, r in totals.one_off.items()} == {2024: 1_859_000, 2025: 0, 2026: 0}
    assert exact(totals.lasting) == 2_480_000                          # 2026's effects; 7 is not in 2026
    # 1: +2 (2024); 2: −3 (2024), −1,5 (2025); 8: −1 (2025).
    assert totals.staff == {2024: Decimal(-1), 2025: Decimal("-2.5"), 2026: Decimal(0)}


# --- all six together ------------------------------------------------------------------------


def test_all_examples_together() -> None:
    summary = summarize([load_plan(EXAMPLES / name) for name in ALL])
    assert summary.years == (2013, 2017, 2018, 2019, 2024, 2025, 2026)
    # 56 975 000 + 1 050 000 + 4 775 000 + 13 000 000 + 13 549 000 + 13 399 000 (seed 002 twice:
    # the transcript and the nämnd's version, two plans by their titles)
    assert exact(summary.totals.total) == 102_748_000
    # Not every plan has a target, so the combined target is unknown.
    assert summary.totals.target is None and summary.totals.gap is None
    assert [(r.key, r.difference) for r in summary.mismatches] == [("total", -400_000)]


# --- the command line on the examples --------------------------------------------------------


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "budgetbalans", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=EXAMPLES.parent, timeout=60,
    )


@pytest.mark.parametrize("name", ALL)
def test_cli_check_passes_every_example(name: str) -> None:
    result = run_cli("check", f"examples/{name}")
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_check_fails_on_the_wrong_document_total_unless_recorded(tmp_path: Path) -> None:
    result = run_cli("check", str(without_known_difference(tmp_path)))
    assert result.returncode == 1, result.stdout + result.stderr
    assert ("dokumentets summa är 13 149 000 kr men raderna summerar till 13 549 000 kr; "
            "skillnad -400 000 kr") in result.stdout
    assert result.stdout.splitlines()[-1] == "1 problem i 1 av 1 plan"
    assert "Traceback" not in result.stdout + result.stderr


def test_cli_json_reports_the_difference() -> None:
    result = run_cli("summarize", "--format", "json", f"examples/{VARD_OCH_SOCIAL}")
    document = json.loads(result.stdout)
    assert document["total"] == {"low": 13_549_000, "high": 13_549_000}
    assert document["target"] == 12_357_000
    assert document["gap"] == {"low": -1_192_000, "high": -1_192_000}
    plan_level = [s for s in document["stated_totals"] if s["key"] == "total" and not s.get("measure")]
    assert [(s["stated"], s["computed"]) for s in plan_level] == [(13_149_000, 13_549_000)]
