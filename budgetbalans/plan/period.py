"""The plan's period in time: how many years a plan may cover, and the first month a measure that starts on a date counts."""

from __future__ import annotations

from datetime import date

#: A plan covers a few years; a longer period is a typo in a year (it would also make huge reports).
MAX_PERIOD_YEARS = 10
MONTHS = 12


def first_counted_month(start: date) -> tuple[int, int]:
    """(year, month) of the first whole month on or after ``start``."""
    if start.day == 1:
        return start.year, start.month
    return (start.year + 1, 1) if start.month == MONTHS else (start.year, start.month + 1)
