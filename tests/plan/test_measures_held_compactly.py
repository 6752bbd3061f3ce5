"""Issue 26: many measures are held in little memory. What measures hold alike is held once, and what is
shared cannot be changed through one of them."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal

import pytest

from budgetbalans.plan.models import Plan
from budgetbalans.plan.money import Unit, total, Range

PLAN = {
    "title": "Plan", "unit": "tkr", "years": ["2025", "2026"],
    "measures": [
        {"id": "1", "title": "Bemanning", "area": "Hemtjänst", "responsible": "Enhetschef",
         "effects": {"2025": "500", "2026": "1,5 mkr"}},
        {"id": "2", "title": "Lokaler", "area": "Hemtjänst", "responsible": "Enhetschef",
         "effects": {"2025": "1,5 mkr", "2026": {"interval": "2"}}},
        {"id": "3", "title": "Övertid", "area": "LSS", "effects": {"2026": {"interval": "2"}},
         "staff": {"2025": "-1"}},
    ],
}


def plan() -> Plan:
    return Plan.model_validate(PLAN, context={"unit": Unit.TKR})


def test_equal_amounts_and_repeated_texts_are_one_object() -> None:
    first, second, third = plan().measures
    assert first.effects[2026] is second.effects[2025]  # "1,5 mkr" twice: one Range of 1 500 000 kr
    assert first.effects[2026] == Range.exact(Decimal(1_500_000))
    assert second.effects[2026] is third.effects[2026]  # {interval: 2}
    assert first.area is second.area and first.responsible is second.responsible
    assert list(first.effects) == [2025, 2026] and next(iter(first.effects)) is next(iter(second.effects))


def test_keys_left_out_share_one_empty_mapping_that_refuses_changes() -> None:
    first, second, third = plan().measures
    assert first.forecast is second.consequences is third.outcome
    assert first.forecast == {} and isinstance(first.forecast, dict)  # a dict, as pydantic dumps it
    with pytest.raises(TypeError):
        first.forecast[2025] = Range.exact(Decimal(1))  # type: ignore[index]
    assert third.staff == {2025: Decimal(-1)}  # a key written keeps its own
    assert copy.deepcopy(first) == first and pickle.loads(pickle.dumps(first)) == first  # copied as any dict


def test_the_keys_written_are_still_told_apart() -> None:
    first, second, third = plan().measures
    assert first.model_fields_set == {"id", "title", "area", "responsible", "effects"}
    assert first.model_fields_set is second.model_fields_set  # the same keys: one set
    assert third.model_fields_set == {"id", "title", "area", "effects", "staff"}


def test_a_single_amount_is_its_own_sum_and_exact_amounts_are_added_once() -> None:
    one = Range.exact(Decimal(500))
    assert total([one]) is one
    summed = total([one, Range.exact(Decimal(700))])
    assert summed == Range.exact(Decimal(1200)) and summed.low is summed.high  # 500 + 700 = 1 200, held once
    ranged = total([one, Range(Decimal(700), Decimal(1600))])
    assert ranged == Range(Decimal(1200), Decimal(2100))  # 500 + 700 and 500 + 1 600
    interval = Range(Decimal(100_000), Decimal(1_000_000), interval=1)
    assert total([interval]) == Range(Decimal(100_000), Decimal(1_000_000))  # a sum is no interval class
