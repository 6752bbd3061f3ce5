"""The command line through typer's CliRunner, and a few runs of the real command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.command import invoke
from tests.paths import ROOT

SEED_002 = ROOT / "plans" / "vard-och-social-2024-2026.yaml"


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests read the English wording; the Swedish (the default) is in test_messages.py."""
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


SMALL = """\
title: Liten plan
unit: tkr
years: [2025, 2026]
target: {{2025: 1000, 2026: 1500}}
measures:
  - id: A
    title: {title}
    status: {status}
    effects: {{2025: 400, 2026: 700-1600}}
  - id: B
    title: Avbruten åtgärd
    status: avbruten
    effects: {{2025: 999}}
"""


def small_plan(folder: Path, title: str = "Hemtjänst", status: str = "klart", name: str = "small.yaml") -> Path:
    return write(folder, name, SMALL.format(title=title, status=status))


def test_summarize_seed_002_table_shows_sums_target_surplus_and_the_wrong_stated_total() -> None:
    code, out, _ = invoke("summarize", str(SEED_002), "--unit", "tkr", "--lang", "sv")  # --lang over the variable
    assert code == 0
    assert "7 169" in out and "3 900" in out and "2 480" in out and "13 549" in out
    assert "Sparbeting" in out and "12 357" in out
    assert "Överskott" in out and "1 192" in out
    assert "Kvar att spara" not in out
    assert "13 149 tkr" in out and "13 549 tkr" in out and "-400 tkr" in out


def test_summarize_json_follows_the_contract_key_for_key() -> None:
    code, out, _ = invoke("summarize", str(SEED_002), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["years"] == [2024, 2025, 2026]
    assert document["totals"] == {
        "2024": {"low": 7169000, "high": 7169000},
        "2025": {"low": 3900000, "high": 3900000},
        "2026": {"low": 2480000, "high": 2480000},
    }
    assert document["total"] == {"low": 13549000, "high": 13549000}
    assert document["target"] == 12357000
    assert document["gap"] == {"low": -1192000, "high": -1192000}
    first = document["measures"][0]
    assert {"plan", "id", "title", "status", "effects", "total", "class"} <= set(first)
    assert first["plan"].endswith("vard-och-social-2024-2026.yaml")
    assert (first["id"], first["status"], first["class"]) == ("1", "planned", "1")
    assert first["effects"]["2024"] == {"low": 535000, "high": 535000}
    assert first["total"] == {"low": 1605000, "high": 1605000}
    plan_total = [s for s in document["stated_totals"] if s["key"] == "total" and s["measure"] is None]
    assert plan_total == [{"plan": first["plan"], "key": "total", "measure": None, "stated": 13149000,
                           "computed": 13549000, "matches": False, "difference": -400000,
                           "known_difference": -400000, "accepted": True}]


def test_gap_with_target_in_the_repository_root_reads_plans_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / SEED_002.name).write_bytes(SEED_002.read_bytes())
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke("gap", "--target", "12 357 tkr", "--lang", "sv")
    assert code == 0
    assert "Överskott: 1 192 000" in out
    assert "110 %" in out


def test_gap_json_per_year_target_has_gap_years_and_coverage(tmp_path: Path) -> None:
    code, out, _ = invoke("gap", str(small_plan(tmp_path)), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["target"] == 2500000
    assert document["totals"]["2026"] == {"low": 700000, "high": 1600000}
    assert document["total"] == {"low": 1100000, "high": 2000000}
    assert document["gap"] == {"low": 500000, "high": 1400000,
                               "years": {"2025": {"low": 600000, "high": 600000},
                                         "2026": {"low": -100000, "high": 800000}}}
    assert document["coverage"] == {"low": 0.44, "high": 0.8}


def test_gap_year_and_status_filters(tmp_path: Path) -> None:
    path = small_plan(tmp_path, status="pågår")
    code, out, _ = invoke("gap", str(path), "--year", "2025", "--format", "json")
    assert code == 0
    assert json.loads(out)["gap"]["years"] == {"2025": {"low": 600000, "high": 600000}}
    code, out, _ = invoke("gap", str(path), "--status", "klart", "--format", "json")
    assert json.loads(out)["total"] == {"low": 0, "high": 0}
    code, out, _ = invoke("gap", str(path), "--status", "done,ongoing", "--format", "json")
    assert json.loads(out)["total"] == {"low": 1100000, "high": 2000000}


def test_gap_target_option_replaces_the_plans_target_and_reads_units(tmp_path: Path) -> None:
    code, out, _ = invoke("gap", str(small_plan(tmp_path)), "--target", "1,5 mkr", "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert document["target"] == 1500000
    assert document["gap"] == {"low": -500000, "high": 400000}


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (["gap", "--target", "1.750.000"], "two decimal separators"),
        (["gap", "--target", "tolv"], "not an amount"),
        (["summarize", "--status", "klar,bortglömd"], "bortglömd"),
        (["summarize", "--format", "pdf"], "pdf"),
        (["gap", "--year", "1999"], "1999"),
    ],
)
def test_a_wrong_command_line_exits_2(tmp_path: Path, args: list[str], phrase: str) -> None:
    small_plan(tmp_path)
    code, out, err = invoke(*args, str(tmp_path / "small.yaml"))
    assert code == 2
    assert phrase in err
    assert "Traceback" not in out + err


def test_an_invalid_plan_exits_1_with_path_line_column_and_prints_no_report(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "title: X\nmeasures:\n  - id: 1\n    title: Y\n    efects: {2025: 5}\n")
    good = small_plan(tmp_path, name="good.yaml")
    code, out, err = invoke("summarize", str(good), str(path))
    assert code == 1
    assert out == ""
    assert f"{path}:5:5: unknown key 'efects' — did you mean 'effects'?" in err
    assert "Traceback" not in err


def test_a_missing_path_and_an_empty_folder_exit_1(tmp_path: Path) -> None:
    code, _, err = invoke("summarize", str(tmp_path / "nope.yaml"))
    assert code == 1 and "no such file or folder" in err
    code, _, err = invoke("summarize", str(tmp_path))
    assert code == 1 and "no plan files" in err


def test_several_plans_are_grouped_then_added_up(tmp_path: Path) -> None:
    small_plan(tmp_path, name="a.yaml", title="Plan A")
    b = small_plan(tmp_path, name="b.yaml", title="Plan B")
    b.write_text(b.read_text(encoding="utf-8").replace("Liten plan", "Liten plan B"), encoding="utf-8")  # another plan
    code, out, _ = invoke("summarize", str(tmp_path), "--lang=sv")
    assert code == 0
    assert "Alla planer" in out
    assert "2 200–4 000" in out  # twice 1 100–2 000 tkr
    code, out, _ = invoke("summarize", str(tmp_path), "--format", "json")
    assert json.loads(out)["target"] == 5000000
    assert len(json.loads(out)["plans"]) == 2


def test_english_labels(tmp_path: Path) -> None:
    code, out, _ = invoke("summarize", str(small_plan(tmp_path)), "--lang", "en")
    assert code == 0
    assert "Savings target" in out and "Still to save" in out and "Sparbeting" not in out


def test_plan_text_is_data_not_markup(tmp_path: Path) -> None:
    path = small_plan(tmp_path, title='"[red]röd[/red] \\e[31mESC \\u202etxet"')
    code, out, _ = invoke("summarize", str(path))
    assert code == 0
    assert "[red]röd[/red]" in out
    assert "\x1b" not in out and "\u202e" not in out


def test_cancelled_measures_are_listed_but_not_counted(tmp_path: Path) -> None:
    code, out, _ = invoke("summarize", str(small_plan(tmp_path)), "--format", "json")
    document = json.loads(out)
    cancelled = [m for m in document["measures"] if m["id"] == "B"][0]
    assert cancelled["status"] == "cancelled" and cancelled["counted"] is False
    assert document["totals"]["2025"] == {"low": 400000, "high": 400000}


def test_version() -> None:
    code, out, _ = invoke("--version")
    assert code == 0 and out.startswith("budgetbalans ")


@pytest.mark.clients
def test_the_real_command_runs_as_a_module_and_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.yaml", "title: [unclosed\n")
    ran = subprocess.run([sys.executable, "-m", "budgetbalans", "summarize", str(bad)],
                         capture_output=True, text=True)
    assert ran.returncode == 1
    assert ran.stderr.startswith(f"{bad}:1:17: ") and ran.stderr.count("\n") == 1
    ran = subprocess.run([sys.executable, "-m", "budgetbalans", "gap", str(SEED_002), "--format", "json"],
                         capture_output=True, text=True)
    assert ran.returncode == 0 and json.loads(ran.stdout)["gap"]["low"] == -1192000
