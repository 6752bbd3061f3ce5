"""The organisation tree's chart as the builder decides it: each node's bar in kronor (covered, still to save,
a range's lighter part, what may be still to save beyond the target), its words and tone, and what each
colour means; a tree with a range, a node without a target and an own part no plan takes, by hand."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from budgetbalans.core.organisation import plan_targets, roll_up
from budgetbalans.core.summary import summarize
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.read.loader import load_paths
from budgetbalans.read.organisation import read_organisation
from budgetbalans.report.builders.charts import covered_part, node_segments
from budgetbalans.report.builders.organisation import organisation_section
from budgetbalans.report.model import ChartKind, Segment, Tone
from budgetbalans.report.options import View

D = Decimal
GOOD, BAD, EITHER = Tone.GOOD, Tone.BAD, Tone.UNCERTAIN


@pytest.mark.parametrize(("target", "shortfall", "covered", "segments"), [
    # hemtjänst: 5 000 − 455 = 4 545 covered, then 455 still to save: the bar is the target
    (5000, (455, 455), (4545, 4545), [Segment(GOOD, D(0), D(4545)), Segment(BAD, D(4545), D(455))]),
    # a surplus: the whole target covered, nothing to save
    (5000, (0, 0), (5000, 5000), [Segment(GOOD, D(0), D(5000))]),
    # a range of 200–500 to save of 1 000: 500 surely covered, 300 either (lighter), 200 surely to save
    (1000, (200, 500), (500, 800), [Segment(GOOD, D(0), D(500)), Segment(EITHER, D(500), D(300), True),
                                    Segment(BAD, D(800), D(200))]),
    # may be short (0–400 of 1 000): 600 surely covered, 400 either, nothing surely to save
    (1000, (0, 400), (600, 1000), [Segment(GOOD, D(0), D(600)), Segment(EITHER, D(600), D(400), True)]),
    # measures that may cost: 800–1 300 to save of 1 000: 0–200 covered (lighter), 800 surely to save from
    # 200, and 300 more perhaps, beyond the target (0 + 1 300 − 200 − 800)
    (1000, (800, 1300), (0, 200), [Segment(EITHER, D(0), D(200), True), Segment(BAD, D(200), D(800)),
                                   Segment(BAD, D(1000), D(300), True)]),
    # an unbounded shortfall (at least 300): 0–700 covered, 300 surely to save, beyond the target unbounded
    (1000, (300, None), (0, 700), [Segment(EITHER, D(0), D(700), True), Segment(BAD, D(700), D(300)),
                                   Segment(BAD, D(1000), None, True)]),
    # more surely to save than the target (costs): 1 200 of 1 000, all of it still to save, no bar covered
    (1000, (1200, 1200), (0, 0), [Segment(BAD, D(0), D(1200))]),
    (0, (0, 0), (0, 0), []),  # a target of 0 met: no bar
])
def test_a_nodes_bar_in_kronor(target: int, shortfall: tuple[int, int | None], covered: tuple[int, int],
                               segments: list[Segment]) -> None:
    low, high = shortfall
    gap = Range(D(low), None if high is None else D(high))
    assert covered_part(D(target), gap) == Range(D(covered[0]), D(covered[1]))
    assert list(node_segments(D(target), gap)) == segments


TREE = """\
organisation: Ekby kommun
unit: tkr
target: 1000
parts:
  - organisation: Tekniska nämnden
    target: 600
  - organisation: Kulturnämnden
"""

PLANS = {
    "tn.yaml": "title: TN\norganisation: Tekniska nämnden\nyears: [2025]\n"
               "measures:\n  - id: 1\n    title: Färre lokaler\n    effects: {2025: 300–700}\n",
    "kn.yaml": "title: KN\norganisation: Kulturnämnden\nyears: [2025]\n"
               "measures:\n  - id: 1\n    title: Kortare öppettider\n    effects: {2025: 100}\n",
}


@pytest.mark.parametrize("lang", [Lang.SV, Lang.EN])
def test_the_chart_of_a_tree_with_a_range_a_node_without_target_and_an_own_part_no_plan_takes(
        tmp_path: Path, lang: Lang) -> None:
    (tmp_path / "budgetbalans.yaml").write_text(TREE, encoding="utf-8")
    for name, text in PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    tree = read_organisation(tmp_path)
    assert tree is not None
    plans = load_paths([tmp_path / name for name in PLANS]).plans
    rollup = roll_up(tree, summarize(plans, targets=plan_targets(tree, plans)))
    chart = organisation_section(rollup, View(Unit.TKR, lang)).charts[0]
    assert chart.kind is ChartKind.ORGANISATION
    kommun, tn, kn = chart.nodes
    tkr = D(1000)
    # TN: 600 − (300–700) = −100–300: 0–300 to save (may be short), 300–600 covered
    assert tn.segments == (Segment(GOOD, D(0), 300 * tkr), Segment(EITHER, 300 * tkr, 300 * tkr, True))
    assert (tn.depth, tn.tone, tn.mark) == (1, Tone.UNCERTAIN, "")
    # the kommun: TN's 0–300 + its own part 1 000 − 600 = 400 no plan takes: 400–700 to save, 300–600 covered
    assert kommun.segments == (Segment(GOOD, D(0), 300 * tkr), Segment(EITHER, 300 * tkr, 300 * tkr, True),
                               Segment(BAD, 600 * tkr, 400 * tkr))
    assert (kommun.depth, kommun.tone) == (0, Tone.BAD)
    assert kn.segments == () and kn.tone is Tone.NEUTRAL  # no target: no bar, and it says so
    if lang is Lang.SV:
        assert [node.text for node in chart.nodes] == [
            "täckt 300–600 · kvar att spara 400–700 · ingen plan", "täckt 300–600 · kvar att spara: 0–300",
            "inget sparbeting angivet"]
        assert [words for _, _, words in chart.keys] == [
            "Täckt", "Täckt eller kvar att spara (ett intervall: ljusare)", "Kvar att spara"]
    else:
        assert [node.text for node in chart.nodes] == [
            "covered 300–600 · still to save 400–700 · no plan", "covered 300–600 · still to save: 0–300",
            "no savings target given"]
        assert [words for _, _, words in chart.keys] == [
            "Covered", "Covered or still to save (a range: lighter)", "Still to save"]
    assert [(tone, lighter) for tone, lighter, _ in chart.keys] == [(GOOD, False), (EITHER, True), (BAD, False)]
