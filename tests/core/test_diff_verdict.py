"""The diff's verdicts are the core's (issue 22, point 2): one :class:`Verdict` per year and period,
of each plan and of all plans together, read alike by the words, the tones, the GitHub annotations and
the exit code of ``--fail-on-worse``; and the GitHub writer only serialises what the builder decided.
"""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

import budgetbalans.report.writers.github as github_writer
from budgetbalans.cli.app import app
from budgetbalans.core.diff import PlanDiff, Verdict, compare
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.read.loader import load_text
from budgetbalans.report.builders.diff import VERDICT_TONE, github_document, headline_notes, years_table
from budgetbalans.report.options import View
from budgetbalans.report.model import Annotation, Document, Note, Tone
from tests.command import runner

OMSORG = """\
title: Omsorg
unit: tkr
years: [2025, 2026]
target: {{2025: 1 000, 2026: 1 500}}
measures:
  - id: "1"
    title: Gemensamma skift
    effects: {{2025: 1 300, 2026: {y2026}}}
"""

ONE_YEAR = """\
title: {title}
unit: tkr
years: [2025]
target: {{2025: {target}}}
measures:
  - id: "1"
    title: Åtgärd
    effects: {{2025: {effect}}}
"""


def tkr(amount: int) -> Range:
    return Range.exact(Decimal(amount * 1000))


def omsorg_diff(before: int, after: int) -> PlanDiff:
    """The plan's 2026 effect before and after (target 1 500 tkr in 2026; 2025 covered, 300 over, unchanged)."""
    return compare([("omsorg.yaml", load_text(OMSORG.format(y2026=before), "omsorg.yaml"))],
                   [("omsorg.yaml", load_text(OMSORG.format(y2026=after), "omsorg.yaml"))])


@pytest.mark.parametrize(("before", "after", "verdict", "shortfall_before", "shortfall_after", "worse"), [
    (1_600, 1_300, Verdict.NEWLY_SHORT, 0, 200, True),      # surplus 100 → 200 still to save
    (1_300, 1_200, Verdict.GROWS, 200, 300, True),          # 200 → 300 still to save
    (1_300, 1_600, Verdict.COVERED, 200, 0, False),         # 200 still to save → surplus 100
    (1_200, 1_300, Verdict.SHRINKS, 300, 200, False),       # 300 → 200 still to save
    (1_600, 1_700, Verdict.SURPLUS_GROWS, 0, 0, False),     # surplus 100 → 200
    (1_600, 1_550, Verdict.STEADY, 0, 0, False),            # surplus 100 → 50: nothing more to save
    (1_300, 1_300, Verdict.STEADY, 200, 200, False),        # nothing changed
])
def test_a_years_verdict_is_decided_once_in_the_core(before: int, after: int, verdict: Verdict,
                                                     shortfall_before: int, shortfall_after: int,
                                                     worse: bool) -> None:
    diff = omsorg_diff(before, after)
    y2025, y2026 = diff.totals.years
    assert (y2025.year, y2025.verdict) == (2025, Verdict.STEADY)
    assert y2026.year == 2026 and y2026.verdict is verdict
    assert (y2026.shortfall_before, y2026.shortfall_after) == (tkr(shortfall_before), tkr(shortfall_after))
    assert y2026.shortfall_change == tkr(shortfall_after - shortfall_before)
    assert y2026.verdict.worse is worse
    assert diff.totals.judged == (y2025, y2026)  # per-year targets: the years are told, not the period
    assert diff.worse is worse  # the exit code of --fail-on-worse
    assert diff.totals.shortfall_grows_years == ((2026,) if worse else ())
    assert diff.totals.newly_short_years == ((2026,) if verdict is Verdict.NEWLY_SHORT else ())


def test_the_builder_words_and_colours_the_verdict_it_is_given() -> None:
    view = View(Unit.TKR, Lang.SV)
    assert [(n.text, n.tone) for n in headline_notes(omsorg_diff(1_600, 1_300).totals, view)] == [
        ("2026 går från överskott till kvar att spara: 200 tkr fattas", Tone.BAD)]
    assert [(n.text, n.tone) for n in headline_notes(omsorg_diff(1_300, 1_200).totals, view)] == [
        ("2026: kvar att spara ökar med 100 tkr", Tone.BAD)]
    assert [(n.text, n.tone) for n in headline_notes(omsorg_diff(1_300, 1_600).totals, view)] == [
        ("2026 går från kvar att spara till täckt", Tone.GOOD)]
    assert [(n.text, n.tone) for n in headline_notes(omsorg_diff(1_200, 1_300).totals, view)] == [
        ("2026: kvar att spara minskar med 100 tkr", Tone.GOOD)]
    assert headline_notes(omsorg_diff(1_600, 1_700).totals, view) == []  # said in the table only
    table = years_table(omsorg_diff(1_600, 1_700).totals, view)
    [verdict_row] = [row for row in table.rows if row.cells[0].text == "Besked"]
    assert [(cell.text, cell.tone) for cell in verdict_row.cells[1:]] == [
        ("oförändrat", Tone.NEUTRAL), ("större överskott", Tone.GOOD), ("större överskott", Tone.GOOD)]
    assert {verdict: tone for verdict, tone in VERDICT_TONE.items() if tone is Tone.BAD} == {
        Verdict.NEWLY_SHORT: Tone.BAD, Verdict.GROWS: Tone.BAD}


def test_a_target_for_the_period_only_is_judged_for_the_period() -> None:
    text = OMSORG.replace("target: {{2025: 1 000, 2026: 1 500}}", "target: 2 800")
    diff = compare([("o.yaml", load_text(text.format(y2026=1_600), "o.yaml"))],
                   [("o.yaml", load_text(text.format(y2026=1_400), "o.yaml"))])
    assert [c.verdict for c in diff.totals.years] == [Verdict.STEADY, Verdict.STEADY]  # no target of their own
    assert diff.totals.judged == (*diff.totals.years, diff.totals.period)
    period = diff.totals.period
    assert (period.verdict, period.shortfall_before, period.shortfall_after) == (Verdict.NEWLY_SHORT, tkr(0), tkr(100))
    assert diff.worse


def write_plans(folder: Path, care: int, school: int) -> None:
    folder.mkdir()
    (folder / "omsorg.yaml").write_text(ONE_YEAR.format(title="Omsorg", target="1 000", effect=care), encoding="utf-8")
    (folder / "skola.yaml").write_text(ONE_YEAR.format(title="Skola", target="400", effect=school), encoding="utf-8")


def test_one_plans_shortfall_grows_while_all_plans_together_shrink(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Omsorg 50 → 100 still to save, Skola 300 → 100: together 350 → 200. Each plan answers for its own
    balance: the change is worse, a warning on Omsorg's target line, and --fail-on-worse exits 1."""
    monkeypatch.chdir(tmp_path)
    write_plans(Path("old"), care=950, school=100)
    write_plans(Path("new"), care=900, school=300)
    plans = {name: [(name, load_text(Path(side, name).read_text(encoding="utf-8"), name)) for side in ("old", "new")]
             for name in ("omsorg.yaml", "skola.yaml")}
    diff = compare([plans["omsorg.yaml"][0], plans["skola.yaml"][0]], [plans["omsorg.yaml"][1], plans["skola.yaml"][1]])
    [together] = diff.totals.years
    assert (together.verdict, together.shortfall_before, together.shortfall_after) == (Verdict.SHRINKS, tkr(350),
                                                                                        tkr(200))
    assert not diff.totals.worse
    care, school = ([c for c in plan.totals.years] for plan in diff.plans)
    assert (care[0].verdict, care[0].shortfall_change) == (Verdict.GROWS, tkr(50))
    assert (school[0].verdict, school[0].shortfall_change) == (Verdict.SHRINKS, tkr(-200))
    assert diff.worse

    document = github_document(diff, View(Unit.TKR, Lang.SV), {("omsorg.yaml", "1"): 7}, {"omsorg.yaml": 4})
    assert [(a.level, a.message, a.path, a.line) for a in document.annotations if a.level != "notice"] == [
        ("warning", "2025: kvar att spara ökar med 50 tkr", "omsorg.yaml", 4)]
    assert document.annotations[0] == Annotation(
        "notice", "Åtgärd 1 ändrad: Åtgärd: effekter (summa -50 tkr)", "omsorg.yaml", 7, "budgetbalans diff")
    assert document.notes == (Note("2 ändrade · 0 tillagda · 0 borttagna · 0 oförändrade"),)

    result = runner().invoke(app, ["diff", "old", "new", "--fail-on-worse"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    result = runner().invoke(app, ["diff", "new", "old", "--fail-on-worse"], catch_exceptions=False)
    assert result.exit_code == 1, result.output  # back: Skola's own shortfall grows 100 → 300


def test_all_plans_together_newly_short_is_an_error_without_a_file() -> None:
    old = [(name, load_text(ONE_YEAR.format(title=name, target=400, effect=effect), name))
           for name, effect in (("a.yaml", 500), ("b.yaml", 500))]
    new = [(name, load_text(ONE_YEAR.format(title=name, target=400, effect=effect), name))
           for name, effect in (("a.yaml", 300), ("b.yaml", 500))]
    document = github_document(compare(old, new), View(Unit.TKR, Lang.EN), {}, {})
    assert [(a.level, a.message, a.path, a.line) for a in document.annotations if a.level != "notice"] == [
        ("error", "2025 goes from surplus to still to save: 100 tkr missing", "a.yaml", None),
        ("error", "All plans: 2025 goes from surplus to still to save: 100 tkr missing", None, None)]


def test_the_github_writer_serialises_annotations_and_escapes_them() -> None:
    document = Document("diff", "t", Lang.SV, Unit.TKR, (), notes=(Note("1 ändrad"),), annotations=(
        Annotation("error", "50%\nny rad", "a,line=1::x.yaml", 3, "budgetbalans diff"),
        Annotation("notice", "borta", "b.yaml", None, "budgetbalans diff"),
        Annotation("warning", "alla", None, 9, "budgetbalans diff")))
    assert github_writer.write_github(document) == (
        "::error file=a%2Cline=1%3A%3Ax.yaml,line=3,title=budgetbalans diff::50%25%0Any rad\n"
        "::notice file=b.yaml,title=budgetbalans diff::borta\n"
        "::warning title=budgetbalans diff::alla\n"
        "1 ändrad\n")


def test_the_github_writer_imports_no_core_reader_or_builder() -> None:
    assert github_writer.__file__ is not None
    tree = ast.parse(Path(github_writer.__file__).read_text(encoding="utf-8"))
    imported = {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    ours = {name for name in imported if name.startswith("budgetbalans")}
    assert not {name for name in ours
                if name.startswith(("budgetbalans.core", "budgetbalans.read", "budgetbalans.report.builders"))}
    assert ours == {"budgetbalans.report.model", "budgetbalans.text"}
