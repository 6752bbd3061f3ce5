"""The roll-up up the organisation tree (budgetbalans.core.organisation), computed by hand: each node
answers for its own balance (its parts' shortfalls, its own plans', the own part no plan takes), one
node's surplus never covers another's shortfall, and the net is kept apart.

All figures in tkr in the comments; the code holds exact kronor.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from budgetbalans.core.gap import Target
from budgetbalans.core.organisation import NodeResult, Rollup, plan_targets, roll_up
from budgetbalans.core.summary import summarize
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan.organisation import Organisation
from budgetbalans.read.loader import load_text
from tests.organisation_trees import SALEM


def tkr(amount: int) -> Decimal:
    return Decimal(amount) * 1000


def exact(amount: int) -> Range:
    """An exact figure in tkr, as kronor."""
    return Range.exact(tkr(amount))


def tree(data: dict[str, object]) -> Organisation:
    return Organisation.model_validate(data, context={"unit": Unit.TKR})


def plan(name: str, organisation: str, effects: dict[int, int], target: str = "") -> Plan:
    """A plan of one measure (effects in tkr) at ``organisation``; ``target`` as the plan writes it."""
    written = f"target: {target}\n" if target else ""
    text = (f"title: {name}\norganisation: {organisation}\nyears: [2025, 2026]\n{written}"
            f"measures:\n  - id: '1'\n    title: {name}\n    effects: {effects!r}\n")
    return load_text(text, f"{name}.yaml")


def rolled_up(organisation: Organisation, plans: list[Plan], **options: object) -> Rollup:
    """As a command will do it: the tree decides the plans' targets, then the plans are rolled up."""
    targets = plan_targets(organisation, plans)
    return roll_up(organisation, summarize(plans, targets=targets, **options))  # type: ignore[arg-type]


def by_name(rollup: Rollup) -> dict[str, NodeResult]:
    return {node.organisation: node for node in rollup.nodes()}


# The contract's example, with plans for 2025–2026 that save in 2025 (tkr):
#   Salems kommun    target 13 600, own part 13 600 − (7 100 + 4 600) = 1 900, no plan: "ingen plan"
#   BUN              target  7 100, own part  7 100 − 3 000 = 4 100, two plans with their own targets:
#                      central: target 2 500, effect 2 700: surplus 200, shortfall 0
#                      skola:   target 1 600, effect 1 300: shortfall 300   (2 500 + 1 600 = 4 100)
#   Förskolan        target  3 000, own part 3 000, one plan without target takes it: effect 3 200, surplus 200
#   Socialnämnden    target  4 600, own part 4 600, one plan without target takes it: effect 4 000, short 600
#
#   Förskolan: total 3 200, net 3 000 − 3 200 = −200, shortfall 0, coverage 3 200 / 3 000 = 16/15
#   BUN:       total 2 700 + 1 300 + 3 200 = 7 200, net 7 100 − 7 200 = −100,
#              shortfall 0 (Förskolan) + 0 (central) + 300 (skola) = 300, coverage 7 200 / 7 100 = 72/71
#   SN:        total 4 000, net 600, shortfall 600, coverage 4 000 / 4 600 = 20/23
#   Kommun:    total 7 200 + 4 000 = 11 200, net 13 600 − 11 200 = 2 400,
#              shortfall 300 (BUN) + 600 (SN) + 1 900 (its own part, no plan) = 2 800, coverage 11 200 / 13 600 = 14/17
#              (the net is the shortfall less the surpluses: 2 800 − 200 − 200 = 2 400)
SALEM_PLANS = [
    plan("central", "Barn- och utbildningsnämnden", {2025: 2700}, "{2025: 2500}"),
    plan("skola", "Barn- och utbildningsnämnden", {2025: 1300}, "{2025: 1600}"),
    plan("forskola", "Förskolan", {2025: 3200}),
    plan("social", "Socialnämnden", {2025: 4000}),
]
SALEM_BY_HAND = {  # name: (target, own part, total, net, shortfall, coverage, ingen plan)
    "Salems kommun": (13_600, 1_900, 11_200, 2_400, 2_800, Fraction(14, 17), True),
    "Barn- och utbildningsnämnden": (7_100, 4_100, 7_200, -100, 300, Fraction(72, 71), False),
    "Förskolan": (3_000, 3_000, 3_200, -200, 0, Fraction(16, 15), False),
    "Socialnämnden": (4_600, 4_600, 4_000, 600, 600, Fraction(20, 23), False),
}


def figures(node: NodeResult) -> tuple[object, ...]:
    """(target, own part, total, net, shortfall, coverage, ingen plan) of a node, in tkr."""
    assert node.target is not None and node.own_part is not None and node.net is not None
    assert node.shortfall is not None and node.coverage is not None
    assert node.totals.total.is_exact and node.net.is_exact and node.shortfall.is_exact
    low, high = node.coverage
    assert low == high and low is not None
    return (node.target.total / 1000, node.own_part.total / 1000, node.totals.total.low / 1000,  # type: ignore[operator]
            node.net.low / 1000, node.shortfall.low / 1000, Fraction(low).limit_denominator(1000),  # type: ignore[operator]
            node.no_plan)


def test_the_contracts_example_every_node_by_hand() -> None:
    rollup = rolled_up(tree(SALEM), SALEM_PLANS)
    assert rollup.years == (2025, 2026)  # the plans' period: 2026 has no target and no effect
    nodes = by_name(rollup)
    assert {name: figures(node) for name, node in nodes.items()} == SALEM_BY_HAND
    kommun = nodes["Salems kommun"]
    assert kommun.gap is not None and kommun.gap.years == {2025: exact(2_400), 2026: exact(0)}
    assert kommun.gap.year_shortfall(2025) == exact(2_800)
    assert kommun.target == Target(tkr(13_600), {2025: tkr(13_600), 2026: tkr(0)})


def test_the_plans_each_node_holds_and_its_depth() -> None:
    rollup = rolled_up(tree(SALEM), SALEM_PLANS)
    assert [(node.depth, node.organisation, [result.plan.path for result in node.plans]) for node in rollup.nodes()] == [
        (0, "Salems kommun", []), (1, "Barn- och utbildningsnämnden", ["central.yaml", "skola.yaml"]),
        (2, "Förskolan", ["forskola.yaml"]), (1, "Socialnämnden", ["social.yaml"])]
    assert [node.organisation for node in rollup.nodes(0)] == ["Salems kommun"]
    assert [node.organisation for node in rollup.nodes(1)] == [
        "Salems kommun", "Barn- och utbildningsnämnden", "Socialnämnden"]


def test_a_single_plan_without_target_takes_its_nodes_own_part() -> None:
    targets = plan_targets(tree(SALEM), SALEM_PLANS)
    assert targets == {
        "central.yaml": Target(tkr(2_500), {2025: tkr(2_500)}),  # several at BUN: each its own
        "skola.yaml": Target(tkr(1_600), {2025: tkr(1_600)}),
        "forskola.yaml": Target(tkr(3_000), {2025: tkr(3_000)}),  # Förskolan's own part, all of its target
        "social.yaml": Target(tkr(4_600), {2025: tkr(4_600)}),
    }
    social = summarize([SALEM_PLANS[3]], targets=targets).plans[0].totals
    assert social.gap is not None and social.gap.shortfall == exact(600)  # 4 600 − 4 000
    assert summarize([SALEM_PLANS[3]]).plans[0].totals.target is None  # without the tree: none of its own


def test_plans_naming_no_node_and_plans_without_any_target_are_left_out() -> None:
    stray = plan("stray", "Kultur", {2025: 100})
    two = [plan("a", "Socialnämnden", {2025: 100}), plan("b", "Socialnämnden", {2025: 200})]
    assert plan_targets(tree(SALEM), [stray, *two]) == {}  # two plans at SN without targets: neither takes it
    rollup = rolled_up(tree(SALEM), [stray, *two])
    social = by_name(rollup)["Socialnämnden"]
    # the plans have no target: they answer for nothing, so SN's own part is all uncovered:
    # shortfall 4 600, net 4 600 − 300 = 4 300; and no "ingen plan", it has plans
    assert (social.shortfall, social.net, social.no_plan) == (exact(4_600), exact(4_300), False)
    assert rollup.root.totals.total == exact(300)  # "Kultur" names no node: not in the tree's figures


def test_plans_whose_targets_leave_part_of_the_own_part_count_the_rest_as_short() -> None:
    # SN's own part 4 600; one plan states 4 000 (the reader reports the disagreement) and saves 4 500:
    # its own surplus 500 does not cover the 600 of the own part no plan takes: shortfall 600, net 100
    social = by_name(rolled_up(tree(SALEM), [plan("social", "Socialnämnden", {2025: 4500}, "{2025: 4000}")]))
    assert (social["Socialnämnden"].shortfall, social["Socialnämnden"].net) == (exact(600), exact(100))


# A deeper tree: kommun → nämnd → förvaltning → verksamhet, 2025–2026, tkr.
#
#   Kommun          target {11 000, 11 000} = 22 000; parts A (per year) and B (period): compared for the
#                   period, own part 22 000 − (12 000 + 8 000) = 2 000, no plan ("ingen plan")
#   A  (per year)   target {6 000, 6 000}; own part {1 000, 1 000}, one plan takes it: effects {400, 1 500}:
#                   short 600 in 2025, surplus 500 in 2026 → shortfall 600, net 2 000 − 1 900 = 100
#     A1            target {5 000, 5 000}; own part {0, 0}, no plan needed
#       A1a         target {2 000, 3 000}, one plan takes it: effects {2 500, 2 600}: surplus 500 in 2025,
#                   short 400 in 2026 → shortfall 400, net 5 000 − 5 100 = −100
#       A1b         target {3 000, 2 000}, one plan takes it: effects {3 000, 2 000} → shortfall 0, net 0
#   B  (period)     target 8 000, own part 0
#     B1            target 8 000, own part 0
#       B1a         target 5 000; two plans: x target 3 000, effects {2 000, 2 000} = 4 000: surplus 1 000;
#                   y target 2 000, effect {2026: 1 500}: short 500 → total 5 500, shortfall 500, net −500
#       B1b         target 3 000, one plan takes it: effects {2 000, 2 500} = 4 500 → shortfall 0, net −1 500
#
#   A1: total {5 500, 4 600} = 10 100; net {−500, 400}, −100; shortfall 400 + 0 = 400 (2026: 400)
#   A:  total {5 900, 6 100} = 12 000; net {100, −100}, 0; shortfall 400 (A1) + 600 (own plan) = 1 000
#       (2025: 600, 2026: 400): a net of 0 and still 1 000 to save
#   B1: total 5 500 + 4 500 = 10 000; net 8 000 − 10 000 = −2 000; shortfall 500 (y) = 500
#   B:  total 10 000, net −2 000, shortfall 500
#   Kommun: total 12 000 + 10 000 = 22 000 ({2025: 5 900 + 4 000 = 9 900, 2026: 6 100 + 6 000 = 12 100});
#       net 22 000 − 22 000 = 0; shortfall 1 000 (A) + 500 (B) + 2 000 (own part) = 3 500: B's surplus
#       of 2 000 covers none of A's shortfall nor the kommun's own part; only the net takes it in.
DEEP: dict[str, object] = {"organisation": "Kommunen", "target": {2025: 11_000, 2026: 11_000}, "parts": [
    {"organisation": "A", "target": {2025: 6_000, 2026: 6_000}, "parts": [
        {"organisation": "A1", "target": {2025: 5_000, 2026: 5_000}, "parts": [
            {"organisation": "A1a", "target": {2025: 2_000, 2026: 3_000}},
            {"organisation": "A1b", "target": {2025: 3_000, 2026: 2_000}}]}]},
    {"organisation": "B", "target": 8_000, "parts": [
        {"organisation": "B1", "target": 8_000, "parts": [
            {"organisation": "B1a", "target": 5_000}, {"organisation": "B1b", "target": 3_000}]}]}]}
DEEP_PLANS = [
    plan("a", "A", {2025: 400, 2026: 1_500}),
    plan("a1a", "A1a", {2025: 2_500, 2026: 2_600}),
    plan("a1b", "A1b", {2025: 3_000, 2026: 2_000}),
    plan("x", "B1a", {2025: 2_000, 2026: 2_000}, "3000"),
    plan("y", "B1a", {2026: 1_500}, "2000"),
    plan("b1b", "B1b", {2025: 2_000, 2026: 2_500}),
]
DEEP_BY_HAND = {  # name: (depth, total, net, shortfall, ingen plan)
    "Kommunen": (0, 22_000, 0, 3_500, True),
    "A": (1, 12_000, 0, 1_000, False),
    "A1": (2, 10_100, -100, 400, False),
    "A1a": (3, 5_100, -100, 400, False),
    "A1b": (3, 5_000, 0, 0, False),
    "B": (1, 10_000, -2_000, 500, False),
    "B1": (2, 10_000, -2_000, 500, False),
    "B1a": (3, 5_500, -500, 500, False),
    "B1b": (3, 4_500, -1_500, 0, False),
}


def test_a_deeper_tree_every_nodes_shortfall_and_net_by_hand() -> None:
    rollup = rolled_up(tree(DEEP), DEEP_PLANS)
    found = {node.organisation: (node.depth, node.totals.total, node.net, node.shortfall, node.no_plan)
             for node in rollup.nodes()}
    assert found == {name: (depth, exact(amount), exact(net), exact(shortfall), no_plan)
                     for name, (depth, amount, net, shortfall, no_plan) in DEEP_BY_HAND.items()}


def test_a_surplus_in_one_branch_never_covers_another_branchs_shortfall() -> None:
    kommun = rolled_up(tree(DEEP), DEEP_PLANS).root
    assert kommun.gap is not None
    # 3 500 still to save (A 1 000 + B 500 + own part 2 000); only the net, 0, sets B's surplus against it
    assert (kommun.shortfall, kommun.net) == (exact(3_500), exact(0))
    assert kommun.gap.net_says_more and kommun.gap.shown == exact(3_500)


def test_the_yearly_branch_has_yearly_figures_the_period_branch_and_the_top_the_period() -> None:
    nodes = by_name(rolled_up(tree(DEEP), DEEP_PLANS))
    a = nodes["A"].gap
    assert a is not None and a.years == {2025: exact(100), 2026: exact(-100)}
    assert (a.year_shortfall(2025), a.year_shortfall(2026)) == (exact(600), exact(400))  # never netted
    assert nodes["A"].own_part == Target(tkr(2_000), {2025: tkr(1_000), 2026: tkr(1_000)})
    assert nodes["B"].gap is not None and nodes["B"].gap.years is None
    kommun = nodes["Kommunen"]
    # a yearly target above a part for the period: the kommun's target and gap for the period only,
    # its own part for the period (22 000 − 20 000), its totals still per year
    assert kommun.target == Target(tkr(22_000)) and kommun.gap is not None and kommun.gap.years is None
    assert kommun.own_part == Target(tkr(2_000))
    assert kommun.totals.per_year == {2025: exact(9_900), 2026: exact(12_100)}


def test_a_node_without_a_target_answers_for_what_is_below_it() -> None:
    # Kommunen without a target: it answers for A's and B's targets, 12 000 + 8 000 = 20 000 (B for the
    # period: for the period); net 20 000 − 22 000 = −2 000; shortfall 1 000 + 500 = 1 500, no own part
    untargeted: dict[str, object] = {key: value for key, value in DEEP.items() if key != "target"}
    kommun = rolled_up(tree(untargeted), DEEP_PLANS).root
    assert (kommun.target, kommun.own_part, kommun.no_plan) == (Target(tkr(20_000)), None, False)
    assert (kommun.net, kommun.shortfall) == (exact(-2_000), exact(1_500))


def test_a_year_the_kommun_targets_that_no_plan_reaches_is_still_to_save() -> None:
    # Salems kommun also targets 2027, beyond the plans' 2025–2026: its own part {2025: 1 900, 2027: 500}
    # (no part gets 2027) is all uncovered: shortfall 300 + 600 + 1 900 + 500 = 3 300
    later: dict[str, object] = {**SALEM, "target": {2025: "13,6 mkr", 2027: "0,5 mkr"}}
    rollup = rolled_up(tree(later), SALEM_PLANS)
    assert rollup.years == (2025, 2026, 2027)
    assert rollup.root.shortfall == exact(3_300) and rollup.root.gap is not None
    assert rollup.root.gap.year_shortfall(2027) == exact(500)


def test_one_year_reported_leaves_out_what_is_only_known_for_the_period() -> None:
    # --year 2025 of the deeper tree: B's targets are for the period, so B has none in 2025; the kommun's
    # own part is for the period (none in 2025). Kommun target 11 000; total 9 900; net 1 100;
    # shortfall A's 2025 only: 0 (A1a's surplus) + 0 (A1b) + 600 (A's own plan) = 600
    rollup = rolled_up(tree(DEEP), DEEP_PLANS, years=[2025])
    nodes = by_name(rollup)
    assert rollup.years == (2025,) and nodes["B"].gap is None and nodes["Kommunen"].own_part is None
    assert (nodes["Kommunen"].net, nodes["Kommunen"].shortfall) == (exact(1_100), exact(600))
