"""grouped_number, the one place a figure is rounded and grouped for display: the edges of its rounding and grouping."""

from __future__ import annotations

from decimal import Decimal

import pytest

from budgetbalans.plan.notation import grouped_number


@pytest.mark.parametrize(("value", "decimals", "shown"), [
    ("1234567.5", 0, "1 234 568"),        # half up, grouped by thousands with a space
    ("999.5", 0, "1 000"),                # rounding up carries into a new group
    ("-999.5", 0, "-1 000"),              # half away from zero below zero too, the sign before the groups
    ("-0.4", 0, "0"),                     # rounds to zero: no "-0"
    ("-0.004", 2, "0,00"),                # with decimals too
    ("3.7", 2, "3,70"),                   # every decimal shown, with a decimal comma
    ("1234567.125", 2, "1 234 567,13"),   # grouped whole part, half up in the last decimal
    ("1E+3", 0, "1 000"),                 # an exponent is written out
    ("0.123456789", 9, "0,123456789"),    # more decimals than the few made once
    ("-1234.5", 1, "-1 234,5"),
])
def test_grouped_number(value: str, decimals: int, shown: str) -> None:
    assert grouped_number(Decimal(value), decimals) == shown
