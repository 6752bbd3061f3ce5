"""`budgetbalans follow-up` under an organisation tree: the forecast gap per node, computed by hand.

A kommun like examples/kommun, smaller: 3 000 tkr for 2025–2026 (a target for the period), barn- och
utbildningsnämnden 1 000 for the period, socialnämnden 500 + 1 000 per year and under it hemtjänsten
300 + 600; 3 000 − (1 000 + 1 500) = 500 ej fördelat, which no plan takes. One plan at each nämnd, none with a target of its own
(each takes its node's own part), and forecasts for 2025. Each node's forecast gap is a plan's: the
year's forecast in place of its planned effect, against the year's target, or against the period's with
the other years' planned effects beside it; what is still to save is never netted across nodes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.command import invoke

TREE = """\
organisation: Provkommun
unit: tkr
target: 3000                         # for the period 2025–2026
parts:
  - organisation: Barn- och utbildningsnämnden
    target: 1000                     # for the period
  - organisation: Socialnämnden
    target: {2025: 500, 2026: 1000}
    parts:
      - organisation: Hemtjänsten
        target: {2025: 300, 2026: 600}
"""

PLANS = {
    "bun.yaml": """\
title: Barn- och utbildningsnämndens plan
organisation: Barn- och utbildningsnämnden
unit: tkr
years: [2025, 2026]
as_of: 2025-08-31
measures:
  - id: B1
    title: Samordnad skolskjuts
    effects: {2025: 400, 2026: 500}
    forecast: {2025: 300}
  - id: B2
    title: Färre vikarier
    effects: {2025: 200}
    forecast: {2025: 250}
""",
    "sn.yaml": """\
title: Socialnämndens plan
organisation: Socialnämnden
unit: tkr
years: [2025, 2026]
measures:
  - id: S1
    title: Färre externa placeringar
    effects: {2025: 250, 2026: 400}
    forecast: {2025: 150}
""",
    "hemtjanst.yaml": """\
title: Hemtjänstens plan
organisation: Hemtjänsten
unit: tkr
years: [2025, 2026]
measures:
  - id: H1
    title: Gemensamma skift
    effects: {2025: 300, 2026: 600}
    forecast: {2025: 380}
""",
}


@pytest.fixture
def kommun(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    for name, text in PLANS.items():
        (tmp_path / "plans" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    return tmp_path


def follow_up(*args: str) -> str:
    code, out, err = invoke("follow-up", "--year", "2025", *args)
    assert code == 0, err
    return out


def as_json() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(follow_up("--format", "json"))
    return document


def kr(amount: int) -> dict[str, int]:
    return {"low": amount, "high": amount}


def nodes(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {node["name"]: node for node in document["organisation"]}


def test_the_forecast_gap_per_node_by_hand(kommun: Path) -> None:
    found = nodes(as_json())
    assert list(found) == ["Provkommun", "Barn- och utbildningsnämnden", "Socialnämnden", "Hemtjänsten"]
    assert [node["depth"] for node in found.values()] == [0, 1, 1, 2]
    # Hemtjänsten: 2025 planned 300, forecast 380 (+80); target 300 for 2025: 300 − 380 = −80, a surplus
    home = found["Hemtjänsten"]
    assert (home["planned"], home["forecast"], home["deviation"]) == (kr(300_000), kr(380_000), kr(80_000))
    assert home["target"] == 300_000 and home["others"] is None
    assert (home["forecast_gap"], home["forecast_shortfall"], home["forecast_gap_kind"]) == (
        kr(-80_000), kr(0), "surplus")
    # Socialnämnden: its own part 500 − 300 = 200 for 2025, which its plan takes; the plan's forecast 150:
    # 200 − 150 = 50 still to save. Hemtjänstens surplus of 80 covers none of it: still to save 0 + 50 = 50;
    # the net 500 − (150 + 380) = −30 is shown apart
    social = found["Socialnämnden"]
    assert (social["planned"], social["forecast"], social["deviation"]) == (kr(550_000), kr(530_000), kr(-20_000))
    assert social["target"] == 500_000
    assert (social["forecast_gap"], social["forecast_shortfall"], social["forecast_gap_kind"]) == (
        kr(-30_000), kr(50_000), "short")
    assert social["plans"] == ["plans/sn.yaml"]
    # Barn- och utbildningsnämnden: a target for the period, 1 000; 2026's planned 500 beside 2025's forecast
    # 300 + 250 = 550: 1 000 − 500 − 550 = −50, a surplus
    school = found["Barn- och utbildningsnämnden"]
    assert (school["planned"], school["forecast"], school["deviation"]) == (kr(600_000), kr(550_000), kr(-50_000))
    assert (school["target"], school["others"]) == (1_000_000, kr(500_000))
    assert (school["forecast_gap"], school["forecast_shortfall"], school["forecast_gap_kind"]) == (
        kr(-50_000), kr(0), "surplus")
    # the kommun: 3 000 for the period; 2025 planned 600 + 250 + 300 = 1 150, forecast 550 + 150 + 380 = 1 080;
    # the other years' planned 500 + 400 + 600 = 1 500; net 3 000 − 1 500 − 1 080 = 420;
    # still to save: BUN 0 + Socialnämnden 50 (its 2026: 400 − 400 = 0; Hemtjänsten 0 both years)
    # + 3 000 − (1 000 + 500 + 1 000) = 500 ej fördelat, which no plan takes = 550
    top = found["Provkommun"]
    assert (top["planned"], top["forecast"], top["deviation"]) == (kr(1_150_000), kr(1_080_000), kr(-70_000))
    assert (top["target"], top["others"]) == (3_000_000, kr(1_500_000))
    assert (top["forecast_gap"], top["forecast_shortfall"], top["forecast_gap_kind"]) == (
        kr(420_000), kr(550_000), "short")
    assert top["no_plan"] is True and top["plans"] == []


def test_each_plan_answers_for_its_node_in_the_follow_up_too(kommun: Path) -> None:
    """The plans have no target of their own: the tree gives it (Socialnämndens plan 200 for 2025), and its
    forecast gap is the node's own: 200 − 150 = 50."""
    plans = {plan["plan"]: plan for plan in as_json()["plans"]}
    assert plans["plans/sn.yaml"]["target"] == 200_000
    assert plans["plans/sn.yaml"]["forecast_gap"] == kr(50_000)
    assert plans["plans/bun.yaml"]["others"] == kr(500_000)


def test_markdown_shows_the_organisation_with_the_forecast(kommun: Path) -> None:
    text = follow_up("--format", "markdown")
    assert text.index("### Organisationen") < text.index("| Nr |")
    header = next(line for line in text.splitlines() if line.startswith("| Organisation |"))
    assert [cell.strip() for cell in header.strip("|").split("|")] == [
        "Organisation", "Planerat 2025", "Prognos 2025", "Avvikelse", "Sparbeting", "Andra årens planerade effekt",
        "Prognos: kvar att spara", "Prognos: netto", "Egna planer"]
    row = next(line for line in text.splitlines() if "Socialnämnden |" in line)
    cells = [cell.strip().strip("*").replace("\u2212", "-") for cell in row.strip("|").split("|")]
    assert cells[1:] == ["550", "530", "-20", "500", "", "50", "överskott 30", "sn.yaml"]
    top = next(line for line in text.splitlines() if line.startswith("| Provkommun |"))
    assert "**550**" in top and "kvar att spara 420" in top and "ingen plan" in top


def test_english_and_csv(kommun: Path) -> None:
    text = follow_up("--format", "markdown", "--lang", "en")
    assert "### The organisation" in text and "Forecast: still to save" in text
    rows = follow_up("--format", "csv").splitlines()
    assert any(row.split(";")[:1] == ["Organisationen"] and "Hemtjänsten" in row for row in rows)


def test_without_a_tree_there_is_no_organisation(kommun: Path) -> None:
    (kommun / "budgetbalans.yaml").unlink()
    document = as_json()
    assert "organisation" not in document
    assert all(plan["target"] is None for plan in document["plans"])


def test_every_format_shows_the_tree(kommun: Path, tmp_path: Path) -> None:
    for format in ("table", "html"):
        assert "Hemtjänsten" in follow_up("--format", format), format
    for format in ("xlsx", "docx"):
        written = tmp_path / f"uppfoljning.{format}"
        follow_up("--format", format, "-o", str(written))
        assert written.stat().st_size > 0
