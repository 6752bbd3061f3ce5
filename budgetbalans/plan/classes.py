"""The interval classes municipalities sort effects into: 0,1–1, 1–2, 2–3 and over 3 mkr a year.

Class N covers (CLASS_BOUNDS[N-1], CLASS_BOUNDS[N]]; class 1 includes its low end, 100 000 kr.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from budgetbalans.plan.money import Range

#: The interval classes of the seeds, on a year's effect (årseffekt), in kronor.
#: Class N covers (CLASS_BOUNDS[N-1], CLASS_BOUNDS[N]]; class 1 includes its low end.
CLASS_BOUNDS: tuple[Decimal, ...] = (
    Decimal(100_000),
    Decimal(1_000_000),
    Decimal(2_000_000),
    Decimal(3_000_000),
)


@dataclass(frozen=True, slots=True)
class IntervalClass:
    """The interval class(es) of an effect: ``1``…``4``, or a span such as ``1-2``."""

    first: int
    last: int

    def __str__(self) -> str:
        return str(self.first) if self.first == self.last else f"{self.first}-{self.last}"


def class_of_amount(amount: Decimal | None) -> int | None:
    """The class of one year's effect; ``None`` (an unbounded high) is class 4.

    Class 1 is 0,1–1 mkr with both ends included; 2, 3 and 4 start just over 1, 2 and 3 mkr.
    Below 0,1 mkr, or negative, there is no class.
    """
    if amount is None:
        return 4
    if amount < CLASS_BOUNDS[0]:
        return None
    return bisect_left(_UPPER_BOUNDS, amount) + 1  # at most 1 mkr: 1; over 1, up to 2: 2; …; over 3: 4


_UPPER_BOUNDS = CLASS_BOUNDS[1:]


def interval_class(value: Range) -> IntervalClass | None:
    """The class of a year's effect: of both ends of a range, or the class it was written as."""
    if value.interval is not None:
        return _class(value.interval, value.interval)
    ends = [c for c in (class_of_amount(value.low) if value.low is not None else None,
                        class_of_amount(value.high)) if c is not None]
    return _class(min(ends), max(ends)) if ends else None


#: Every class and span of classes, held once: a kommun's 100 000 measures each have one.
_CLASSES = {(first, last): IntervalClass(first, last) for first in range(1, 5) for last in range(first, 5)}


def _class(first: int, last: int) -> IntervalClass:
    return _CLASSES.get((first, last)) or IntervalClass(first, last)
