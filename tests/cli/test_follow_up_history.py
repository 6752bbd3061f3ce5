"""``follow-up --history`` on a real git repository: three follow-ups of one plan and a commit that changes only
its title, every forecast, change, outcome and accuracy computed by hand; the working tree and index untouched."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.command import invoke
from tests.gitrepo import git

pytestmark = pytest.mark.clients

PLAN = """\
title: {title}
organisation: Omsorgsnämnden
unit: tkr
years: [2025]
target: 1100
{as_of}measures:
  - id: "1"
    title: Minska övertid
    effects: {{2025: 600}}
{one}  - id: "2"
    title: Avsluta hyresavtal
    effects: {{2025: 400}}
{two}  - id: "3"
    title: Samordna transporter
    effects: {{2025: 100}}
{three}"""


def _plan(title: str = "Åtgärdsplan 2025", as_of: str = "", one: str = "", two: str = "", three: str = "") -> str:
    def keys(forecast: str, outcome: str = "") -> str:
        lines = f"    forecast: {{2025: {forecast}}}\n" if forecast else ""
        return lines + (f"    outcome: {{2025: {outcome}}}\n" if outcome else "")
    return PLAN.format(title=title, as_of=f"as_of: {as_of}\n" if as_of else "",
                       one=keys(*one.split("/")) if one else "", two=keys(*two.split("/")) if two else "",
                       three=keys(*three.split("/")) if three else "")


def _commit(repo: Path, text: str, message: str) -> None:
    (repo / "plans" / "omsorg.yaml").write_text(text, encoding="utf-8")
    git(repo, "add", "plans/omsorg.yaml")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The plan adopted (no as_of), T1, a commit that changes only the title, T2 and the year end; a filter and
    a textconv configured that would leave a mark if git ran them; then an edit in the working tree and one staged."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    git(tmp_path, "config", "filter.mark.smudge", "touch MARKED; cat")
    git(tmp_path, "config", "filter.mark.clean", "touch MARKED; cat")
    git(tmp_path, "config", "diff.mark.textconv", "touch MARKED; cat")
    (tmp_path / ".gitattributes").write_text("*.yaml diff=mark\n", encoding="utf-8")
    git(tmp_path, "add", ".gitattributes")
    _commit(tmp_path, _plan(), "Planen antagen")
    _commit(tmp_path, _plan(as_of="2025-04-30", one="500", two="400"), "T1")
    _commit(tmp_path, _plan("Åtgärdsplan 2025 (reviderad)", "2025-04-30", "500", "400"), "Ny titel")
    _commit(tmp_path, _plan("Åtgärdsplan 2025 (reviderad)", "2025-08-31", "450/300", "300/200", "100"), "T2")
    _commit(tmp_path, _plan("Åtgärdsplan 2025 (reviderad)", "2025-12-31", "420/420", "350/340", "100/100"),
            "Bokslut")
    (tmp_path / ".gitattributes").write_text("*.yaml filter=mark diff=mark\n", encoding="utf-8")
    (tmp_path / "plans" / "omsorg.yaml").write_text(_plan(as_of="2026-04-30"), encoding="utf-8")
    (tmp_path / "staged.txt").write_text("staged\n", encoding="utf-8")
    git(tmp_path, "add", "staged.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _range(value: int | str) -> dict[str, Any]:
    return {"low": Decimal(str(value)) if isinstance(value, str) else value,
            "high": Decimal(str(value)) if isinstance(value, str) else value}


def _json(*args: str) -> dict[str, Any]:
    code, out, err = invoke("follow-up", "--history", "--format", "json", *args)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out, parse_float=Decimal)
    return result


def test_every_figure_of_three_follow_ups_by_hand(repo: Path) -> None:
    result = _json()
    assert result["year"] == 2025
    (plan,) = result["plans"]
    assert plan["plan"] == "plans/omsorg.yaml" and plan["title"] == "Åtgärdsplan 2025 (reviderad)"
    reports = plan["reports"]
    # the title-only commit is no report, nor the adopted plan without as_of: T1, T2 and the year end
    assert [r["as_of"] for r in reports] == ["2025-04-30", "2025-08-31", "2025-12-31"]
    assert plan["year_end"] == "2025-12-31"
    # planned 600 + 400 + 100 = 1 100 tkr; target 1 100: planned gap 0 at every report
    assert all(r["planned"] == _range(1_100_000) and r["planned_gap"] == _range(0) for r in reports)
    assert all(r["target"] == 1_100_000 for r in reports)
    # forecasts: T1 500 + 400 + 100 (3 not followed up: its plan) = 1 000; T2 450 + 300 + 100 = 850;
    # year end 420 + 350 + 100 = 870
    assert [r["forecast"] for r in reports] == [_range(1_000_000), _range(850_000), _range(870_000)]
    # change: none at T1; 850 − 1 000 = −150; 870 − 850 = +20
    assert [r["change"] for r in reports] == [None, _range(-150_000), _range(20_000)]
    # forecast gap 1 100 − forecast: 100, 250, 230
    assert [r["forecast_gap"] for r in reports] == [_range(100_000), _range(250_000), _range(230_000)]
    # errors against the year's outcome (420, 340, 100): T1 80 + 60 + 0 = 140; T2 30 − 40 + 0 = −10; end 0 + 10 + 0
    assert [r["error"] for r in reports] == [_range(140_000), _range(-10_000), _range(10_000)]
    assert [r["absolute_error"] for r in reports] == [_range(140_000), _range(70_000), _range(10_000)]
    assert [r["errors"] for r in reports] == [3, 3, 3]
    # MAE: 140 000 / 3 = 46 666,67 kr; 70 000 / 3 = 23 333,33; 10 000 / 3 = 3 333,33 (to whole öre)
    assert [r["mean_absolute_error"] for r in reports] == [
        _range("46666.67"), _range("23333.33"), _range("3333.33")]


def test_every_measure_by_hand(repo: Path) -> None:
    one, two, three = _json()["plans"][0]["measures"]
    assert [m["id"] for m in (one, two, three)] == ["1", "2", "3"]
    assert [p["forecast"] for p in one["reports"]] == [_range(500_000), _range(450_000), _range(420_000)]
    assert [p["change"] for p in one["reports"]] == [None, _range(-50_000), _range(-30_000)]
    assert [p["error"] for p in one["reports"]] == [_range(80_000), _range(30_000), _range(0)]
    assert [p["forecast"] for p in two["reports"]] == [_range(400_000), _range(300_000), _range(350_000)]
    assert [p["change"] for p in two["reports"]] == [None, _range(-100_000), _range(50_000)]
    assert [p["error"] for p in two["reports"]] == [_range(60_000), _range(-40_000), _range(10_000)]
    assert [p["outcome"] for p in two["reports"]] == [None, _range(200_000), _range(340_000)]
    assert two["outcome"] == two["year_outcome"] == _range(340_000)
    # measure 3 had no forecast at T1: it counts with its plan, 100, and is marked as not followed up
    assert [p["followed_up"] for p in three["reports"]] == [False, True, True]
    assert [p["change"] for p in three["reports"]] == [None, _range(0), _range(0)]
    assert one["planned"] == _range(600_000) and one["year_outcome"] == _range(420_000)


def test_markdown_has_a_column_per_report_date(repo: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--format", "markdown")
    assert code == 0, err
    header = next(line for line in out.splitlines() if line.startswith("| Nr"))
    assert "2025-04-30" in header and "2025-08-31" in header and "2025-12-31" in header
    assert "## Uppföljningarnas historik 2025 — Åtgärdsplan 2025 (reviderad) — Omsorgsnämnden" in out
    # the MAE in tkr, with the report's decimals (none): 46 666,67 kr is 47, 23 333,33 is 23, 3 333,33 is 3
    assert "| **Medelabsolutfel** |  | **47** | **23** | **3** |" in out
    assert "Förändring sedan förra uppföljningen" in out


def test_since_starts_at_a_revision(repo: Path) -> None:
    t2 = git(repo, "rev-list", "-n1", "HEAD~1").strip()
    reports = _json("--since", t2)["plans"][0]["reports"]
    assert [r["as_of"] for r in reports] == ["2025-08-31", "2025-12-31"]
    assert reports[0]["change"] is None


def test_the_working_tree_and_index_are_untouched(repo: Path) -> None:
    status, index = git(repo, "status", "--porcelain"), (repo / ".git" / "index").read_bytes()
    for format in ("json", "markdown", "table", "csv", "html"):
        code, _, err = invoke("follow-up", "--history", "--format", format)
        assert code == 0, (format, err)
    assert git(repo, "status", "--porcelain") == status
    assert (repo / ".git" / "index").read_bytes() == index
    assert not (repo / "MARKED").exists()  # no filter or textconv ran


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("follow-up", "--history")
    assert code == 2 and "ligger inte i ett git-förråd" in err and "--history" in err
    code, _, err = invoke("follow-up", "--history", "--lang", "en")
    assert code == 2 and "is not in a git repository" in err


def test_a_history_without_a_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    _commit(tmp_path, _plan(), "Planen antagen")
    monkeypatch.chdir(tmp_path)
    code, _, err = invoke("follow-up", "--history")
    assert code == 1 and "ingen uppföljning i git-historiken" in err


def test_in_english(repo: Path) -> None:
    code, out, err = invoke("follow-up", "--history", "--lang", "en", "--format", "markdown")
    assert code == 0, err
    assert "## Follow-up history 2025 — Åtgärdsplan 2025 (reviderad) — Omsorgsnämnden" in out
    assert "| **Mean absolute error** |  | **47** | **23** | **3** |" in out
    assert "### Change since the previous follow-up" in out


def test_a_year_without_a_report(repo: Path) -> None:
    code, _, err = invoke("follow-up", "--history", "--year", "2024")
    assert code == 1 and "ingen uppföljning av 2024 i git-historiken" in err
