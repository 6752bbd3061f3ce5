"""The plan's period in time: how many years a plan may cover, the first month a measure that starts on a
date counts, and a year's effect for the months it counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from budgetbalans.plan.money import Range, round_kronor

#: A plan covers a few years; a longer period is a typo in a year (it would also make huge reports).
MAX_PERIOD_YEARS = 10
MONTHS = 12


def first_counted_month(start: date) -> tuple[int, int]:
    """(year, month) of the first whole month on or after ``start``."""
    if start.day == 1:
        return start.year, start.month
    return (start.year + 1, 1) if start.month == MONTHS else (start.year, start.month + 1)


def pro_rata(full_year: Range, months: int) -> Range:
    """``months``/12 of a year's effect, each bound rounded to whole kronor (half up)."""
    def share(amount: Decimal | None) -> Decimal | None:
        return None if amount is None else round_kronor(amount * months / MONTHS)

    return full_year if months == MONTHS else Range(share(full_year.low), share(full_year.high))
