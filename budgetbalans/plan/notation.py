"""Swedish notation for display: ``12 357 tkr``, ``0,5 mkr``, ``700–1 600``, ``62 %``.

The only place figures are rounded (half up), and only for display. A report shows all its amounts
with one number of decimals (:func:`decimals_for`, decided once by its builder); an amount shown
alone (in a message) gets the decimals it needs.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Iterable

from budgetbalans import text as inert
from budgetbalans.plan.money import Range, Unit

#: Decimals per unit: (fewest, most an exact figure asks for, most): whole kronor and tkr, one or two
#: in mkr; more, up to the last, only where an amount that is not zero would otherwise show as 0.
_DECIMALS = {Unit.KR: (0, 0, 2), Unit.TKR: (0, 0, 3), Unit.MKR: (1, 2, 3)}


def grouped_number(value: Decimal, decimals: int = 0) -> str:
    """``1234567.5`` → ``1 234 568``; with decimals a decimal comma, every one shown (``3,70``)."""
    quantum = _QUANTA[decimals] if decimals < len(_QUANTA) else Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    shown = f"{abs(rounded):,f}".replace(",", " ").replace(".", ",")  # grouped by thousands, the point a comma
    return f"-{shown}" if rounded < 0 else shown


#: ``1``, ``0.1``, ``0.01`` …: what an amount is rounded to for a few decimals, made once (a report rounds every cell).
_QUANTA = tuple(Decimal(1).scaleb(-decimals) for decimals in range(8))


def decimals_for(amounts: Iterable[Decimal | None], unit: Unit) -> int:
    """The one number of decimals to show ``amounts`` (kronor; ``None``, unbounded, is skipped) with in
    ``unit``: as many as the most exact of them asks for, within the unit's fewest and its usual most
    (``3,70`` beside ``4,13`` mkr; whole tkr), then more, up to the unit's last, while an amount that
    is not zero would show as 0 (40 tkr in mkr is ``0,04``, never ``0,0``)."""
    fewest, usual, most = _DECIMALS[unit]
    values = {kronor / unit.kronor for kronor in amounts if kronor is not None}  # each figure once
    decimals = fewest
    for value in values:
        if decimals == usual:
            break
        decimals = max(decimals, min(_places(value), usual))
    # an amount shows as 0 where it is under half the last shown digit: only the smallest can
    smallest = min((abs(value) for value in values if value), default=None)
    while decimals < most and smallest is not None and smallest < _HALF.scaleb(-decimals):
        decimals += 1
    return decimals


_HALF = Decimal("0.5")


def _places(value: Decimal) -> int:
    """The decimals ``value`` has: 2 for ``4.13``, 0 for ``10`` and ``1E+1``."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def amount(kronor: Decimal, unit: Unit, decimals: int | None = None) -> str:
    """An amount of kronor shown in ``unit``, without the unit's name, with ``decimals`` (a report's:
    :func:`decimals_for`); alone, with the decimals it needs."""
    places = decimals_for([kronor], unit) if decimals is None else decimals
    return grouped_number(kronor / unit.kronor, places)


def shown_exactly(kronor: Decimal, unit: Unit, decimals: int | None = None) -> bool:
    """Whether :func:`amount` shows ``kronor`` without rounding it (its decimals hold it all)."""
    value = kronor / unit.kronor
    return value == _rounded(value, decimals_for([kronor], unit) if decimals is None else decimals)


def amount_with_unit(kronor: Decimal, unit: Unit, decimals: int | None = None) -> str:
    return f"{amount(kronor, unit, decimals)} {unit.value}"


def span(value: Range, unit: Unit, decimals: int | None = None) -> str:
    """A range: ``700``, ``700–1 600``, ``≥ 3 000`` (no upper bound), ``≤ 200`` (no lower bound); both
    ends with ``decimals`` (alone: those the range needs)."""
    if decimals is None:
        decimals = decimals_for([value.low, value.high], unit)
    low = None if value.low is None else amount(value.low, unit, decimals)
    high = None if value.high is None else amount(value.high, unit, decimals)
    if low is None and high is None:
        return "obegränsat"
    if high is None:
        return f"≥ {low}"
    if low is None:
        return f"≤ {high}"
    return low if low == high else f"{low}–{high}"


def percent(share: Decimal | None) -> str:
    return "–" if share is None else f"{grouped_number(share * 100, 0)} %"


def exact_number(value: Decimal) -> str:
    """A count or a share exactly, every decimal it has, grouped for reading: ``-0,5``, ``12,5``, ``1 250``."""
    return grouped_number(value, _places(value))


def exact_percent(share: Decimal) -> str:
    """A probability exactly (``12,5 %``), never rounded as a coverage's :func:`percent` is."""
    return f"{exact_number(share * 100)} %"


def as_written(number: Decimal) -> str:
    """A number as a plan file writes it: a decimal comma, no grouping, no trailing zeros (``-0,5``, ``50``)."""
    return format(number.normalize(), "f").replace(".", ",")


def percent_span(shares: tuple[Decimal | None, Decimal | None] | None) -> str:
    if shares is None:
        return "–"
    if shares[0] is not None and shares[1] is None:  # an unbounded high: at least the low
        return f"≥ {percent(shares[0])}"
    low, high = (percent(share) for share in shares)
    return low if low == high else f"{low.removesuffix(' %')}–{high}"


def clean(text: str) -> str:
    """Plan text made safe for every writer (:func:`budgetbalans.text.clean`): control, bidi and
    zero-width characters removed, a tab or a line separator a space, a line break kept."""
    return inert.clean(text)


def file_name(path: str) -> str:
    """A file name as a report shows it: every invisible character (a line break, a byte that is
    not UTF-8, a bidi override) made visible, as ``ls -b`` would (:func:`budgetbalans.text.shown`)."""
    return inert.shown(path)
