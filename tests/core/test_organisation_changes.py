"""Two sides of a change compared node by node up the organisation tree (budgetbalans.core.diff, pure):
which nodes the change makes short, a node only one tree has, and the verdict the core decides per node.

The contract's example, Salems kommun (tkr): 13 600 for 2025, barn- och utbildningsnämnden 7 100 with
förskolan 3 000 of it, socialnämnden 4 600; 1 900 ej fördelat, which no plan takes.
"""

from __future__ import annotations

import copy
from decimal import Decimal

from budgetbalans.core.diff import NodeChange, Verdict, compare
from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan.organisation import Organisation
from budgetbalans.read.loader import load_text
from tests.organisation_trees import SALEM


def tree(data: dict[str, object]) -> Organisation:
    return Organisation.model_validate(data, context={"unit": Unit.TKR})


def plan(name: str, organisation: str, effect: int) -> Plan:
    """A plan without a target of its own (it takes its node's own part), one measure of ``effect`` tkr in 2025."""
    text = (f"title: {name}\norganisation: {organisation}\nunit: tkr\nyears: [2025]\n"
            f"measures:\n  - id: '1'\n    title: {name}\n    effects: {{2025: {effect}}}\n")
    return load_text(text, f"{name}.yaml")


def exact(amount: int) -> Range:
    return Range.exact(Decimal(amount) * 1000)


def keyed(*plans: Plan) -> list[tuple[str, Plan]]:
    return [(item.path, item) for item in plans]


def by_name(nodes: tuple[NodeChange, ...]) -> dict[str, NodeChange]:
    return {node.organisation: node for node in nodes}


def test_forskolan_folded_into_its_namnd_makes_the_namnd_short() -> None:
    """Before: BUN's own part 7 100 − 3 000 = 4 100 covered by its plan's 4 100, Förskolan's 3 000 by its own,
    socialnämnden 5 000 against 4 600 (a surplus of 400): the kommun 0 + 0 + 0 + 1 900 ej fördelat = 1 900.
    After, Förskolan is gone from the tree and its plan with it, BUN's plan 6 500 against all of its 7 100:
    600 still to save; the kommun 600 + 0 + 1 900 = 2 500 (socialnämndens surplus covers none of it)."""
    after_tree = copy.deepcopy(SALEM)
    after_tree["parts"][0].pop("parts")  # type: ignore[index]
    before = keyed(plan("bun", "Barn- och utbildningsnämnden", 4100), plan("forskolan", "Förskolan", 3000),
                   plan("sn", "Socialnämnden", 5000))
    after = keyed(plan("bun", "Barn- och utbildningsnämnden", 6500), plan("sn", "Socialnämnden", 5000))
    change = compare(before, after, (tree(SALEM), tree(after_tree))).organisation
    assert change is not None
    assert [(node.organisation, node.depth) for node in change.nodes] == [
        ("Salems kommun", 0), ("Barn- och utbildningsnämnden", 1), ("Socialnämnden", 1), ("Förskolan", 2)]
    nodes = by_name(change.nodes)
    school = nodes["Barn- och utbildningsnämnden"]
    assert school.before is not None and school.after is not None
    assert (school.before.shortfall, school.after.shortfall) == (exact(0), exact(600))
    assert school.verdict is Verdict.NEWLY_SHORT and school.made_short
    assert school.decisive is not None and school.decisive.year == 2025
    kommun = nodes["Salems kommun"]
    assert kommun.before is not None and kommun.after is not None
    assert (kommun.before.shortfall, kommun.after.shortfall) == (exact(1900), exact(2500))
    # the net: 13 600 − (4 100 + 3 000 + 5 000) = 1 500 before, 13 600 − (6 500 + 5 000) = 2 100 after
    assert (kommun.before.net, kommun.after.net) == (exact(1500), exact(2100))
    assert kommun.verdict is Verdict.GROWS
    preschool = nodes["Förskolan"]
    assert preschool.after is None and preschool.verdict is Verdict.STEADY and not preschool.made_short
    assert nodes["Socialnämnden"].verdict is Verdict.STEADY
    assert [node.organisation for node in change.made_short] == ["Salems kommun", "Barn- och utbildningsnämnden"]
    assert change.worse


def test_a_node_made_short_alone_makes_the_change_worse() -> None:
    """The kommun's target raised to 14 000 while the nämnder's stay: no plan's target moves, but ej fördelat
    grows 1 900 → 2 300, and so does the kommun's shortfall."""
    raised = copy.deepcopy(SALEM)
    raised["target"] = {2025: "14 mkr"}
    plans = keyed(plan("bun", "Barn- och utbildningsnämnden", 4100), plan("forskolan", "Förskolan", 3000),
                  plan("sn", "Socialnämnden", 5000))
    diff = compare(plans, plans, (tree(SALEM), tree(raised)))
    assert not diff.totals.worse and not any(item.totals.worse for item in diff.plans)
    assert diff.organisation is not None and [node.organisation for node in diff.organisation.made_short] == [
        "Salems kommun"]
    assert diff.worse


def test_without_trees_there_is_no_organisation() -> None:
    plans = keyed(plan("sn", "Socialnämnden", 5000))
    assert compare(plans, plans).organisation is None
