"""Exact money: amounts in kronor as :class:`~decimal.Decimal`, and ranges of them.

Every effect, total and gap is a :class:`Range`. An exact amount is a range whose
bounds are equal. ``None`` as a bound means unbounded (−∞ for ``low``, +∞ for ``high``),
as for "over 3 mkr" (interval class 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Iterable

ZERO = Decimal(0)
KRONA = Decimal(1)


class Unit(str, Enum):
    """The units plans write amounts in: kronor, thousand kronor, million kronor."""

    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"

    @property
    def kronor(self) -> Decimal:
        """How many kronor one of this unit is."""
        return _KRONOR_PER_UNIT[self]


_KRONOR_PER_UNIT = {Unit.KR: Decimal(1), Unit.TKR: Decimal(1000), Unit.MKR: Decimal(1_000_000)}


def round_kronor(amount: Decimal) -> Decimal:
    """Round to whole kronor, half up (as docs/planformat.md prescribes for pro rata)."""
    return amount.quantize(KRONA, rounding=ROUND_HALF_UP)


def _add(a: Decimal | None, b: Decimal | None) -> Decimal | None:
    return None if a is None or b is None else a + b


@dataclass(frozen=True, slots=True)
class Range:
    """A closed range of kronor, ``low`` ≤ ``high``; ``None`` is an unbounded end.

    ``interval`` is set when the value was written only as an interval class
    (``{interval: N}``): it is then in class N itself, whatever its bounds say.
    """

    low: Decimal | None
    high: Decimal | None
    interval: int | None = None

    @classmethod
    def exact(cls, amount: Decimal) -> Range:
        return cls(amount, amount)

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high

    def __add__(self, other: Range) -> Range:
        return Range(_add(self.low, other.low), _add(self.high, other.high))

    def __neg__(self) -> Range:
        return Range(
            None if self.high is None else -self.high,
            None if self.low is None else -self.low,
        )

    def __sub__(self, other: Range) -> Range:
        return self + (-other)

    def minus_bounds(self, other: Range) -> Range:
        """Bound by bound: ``low − low`` and ``high − high`` (a deviation, not a gap)."""
        low = None if self.low is None or other.low is None else self.low - other.low
        high = None if self.high is None or other.high is None else self.high - other.high
        return Range(low, high)


EXACT_ZERO = Range(ZERO, ZERO)


def total(ranges: Iterable[Range]) -> Range:
    """The sum of ranges: the sum of the lows and the sum of the highs (unbounded if any is)."""
    values = list(ranges)
    if len(values) == 1 and values[0].interval is None:  # one amount is its own sum: held once
        return values[0]
    low = _bound_sum([value.low for value in values])
    if all(value.low is value.high for value in values):  # exact amounts: one sum, held once
        return Range(low, low)
    return Range(low, _bound_sum([value.high for value in values]))


def _bound_sum(bounds: list[Decimal | None]) -> Decimal | None:
    """The sum of one end of several ranges; unbounded if any of them is."""
    known = [bound for bound in bounds if bound is not None]
    return sum(known, ZERO) if len(known) == len(bounds) else None
