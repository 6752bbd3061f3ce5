"""The organisation tree's model and its arithmetic: each node's own part is its target less what it
allocates to its parts, year by year where all are per year; more than it has is named."""

from __future__ import annotations

from decimal import Decimal

from budgetbalans.plan.money import Unit
from budgetbalans.plan.organisation import Organisation, allocation
from tests.organisation_trees import SALEM


def tree(data: dict[str, object], unit: Unit = Unit.TKR) -> Organisation:
    return Organisation.model_validate(data, context={"unit": unit})


def test_the_contracts_example_own_parts_by_hand() -> None:
    nodes = {node.organisation: node for _, node in tree(SALEM).walk()}
    assert [(depth, node.organisation) for depth, node in tree(SALEM).walk()] == [
        (0, "Salems kommun"), (1, "Barn- och utbildningsnämnden"), (2, "Förskolan"), (1, "Socialnämnden")]
    kommun = allocation(nodes["Salems kommun"])
    assert kommun.allocated == {2025: Decimal("11_700_000")}  # 7,1 + 4,6 mkr
    assert kommun.own == {2025: Decimal("1_900_000")}  # 13,6 − 11,7: "ej fördelat", the kommun's own part
    assert allocation(nodes["Barn- och utbildningsnämnden"]).own == {2025: Decimal("4_100_000")}  # 7,1 − 3
    assert allocation(nodes["Förskolan"]).own == {2025: Decimal("3_000_000")}  # no parts: all of it
    assert all(not allocation(node).over for node in nodes.values())


def test_plain_numbers_are_in_the_files_unit() -> None:
    mkr = tree({"organisation": "K", "unit": "mkr", "target": 2}, Unit.MKR)  # the reader gives the unit as context
    assert mkr.target == Decimal("2_000_000") and mkr.unit is Unit.MKR
    assert tree({"organisation": "K", "target": 2}).target == Decimal("2_000")  # tkr by default


def test_parts_given_more_than_the_node_has_year_by_year() -> None:
    node = tree({"organisation": "K", "target": {2025: 10, 2026: 10}, "parts": [
        {"organisation": "A", "target": {2025: 6, 2026: 6}}, {"organisation": "B", "target": {2025: 3, 2026: 5}}]})
    found = allocation(node)
    assert found.own == {2025: Decimal(1000), 2026: Decimal(-1000)}
    assert found.over == ((2026, Decimal(11_000), Decimal(10_000)),)


def test_a_period_target_among_yearly_ones_compares_the_period() -> None:
    node = tree({"organisation": "K", "target": {2025: 4, 2026: 6}, "parts": [
        {"organisation": "A", "target": 7}, {"organisation": "B", "target": {2025: 1, 2026: 1}},
        {"organisation": "C"}]})  # a part without a target allocates nothing
    found = allocation(node)
    assert (found.allocated, found.own, found.over) == (Decimal(9000), Decimal(1000), ())
    over = allocation(tree({"organisation": "K", "target": 5, "parts": [{"organisation": "A", "target": 6}]}))
    assert over.own == Decimal(-1000) and over.over == ((None, Decimal(6000), Decimal(5000)),)


def test_a_node_without_a_target_has_no_own_part() -> None:
    found = allocation(tree({"organisation": "K", "parts": [{"organisation": "A", "target": 6}]}))
    assert found.own is None and found.allocated == Decimal(6000)
