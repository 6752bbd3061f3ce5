"""Swedish notation for display: ``12 357 tkr``, ``0,5 mkr``, ``700–1 600``, ``62 %``.

The only place figures are rounded (half up), and only for display.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from budgetbalans import text as inert
from budgetbalans.money import Range, Unit

#: Decimals shown per unit: whole kronor and tkr, up to two for mkr.
_DECIMALS = {Unit.KR: 0, Unit.TKR: 0, Unit.MKR: 2}


def number(value: Decimal, decimals: int = 0, *, trim: bool = False) -> str:
    """``1234567.5`` → ``1 234 568``; with decimals a decimal comma. ``trim`` drops trailing zeros (keeps one)."""
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    if trim and fraction:
        fraction = fraction.rstrip("0") or "0"
    grouped = f"{int(whole):,}".replace(",", " ")
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"


def amount(kronor: Decimal, unit: Unit) -> str:
    """An amount of kronor shown in ``unit``, without the unit's name."""
    decimals = _DECIMALS[unit]
    return number(kronor / unit.kronor, decimals, trim=decimals > 0)


def shown_exactly(kronor: Decimal, unit: Unit) -> bool:
    """Whether :func:`amount` shows ``kronor`` without rounding it (the unit's decimals hold it all)."""
    value = kronor / unit.kronor
    return value == value.quantize(Decimal(1).scaleb(-_DECIMALS[unit]), rounding=ROUND_HALF_UP)


def amount_with_unit(kronor: Decimal, unit: Unit) -> str:
    return f"{amount(kronor, unit)} {unit.value}"


def span(value: Range, unit: Unit) -> str:
    """A range: ``700``, ``700–1 600``, ``≥ 3 000`` (no upper bound), ``≤ 200`` (no lower bound)."""
    low = None if value.low is None else amount(value.low, unit)
    high = None if value.high is None else amount(value.high, unit)
    if low is None and high is None:
        return "obegränsat"
    if high is None:
        return f"≥ {low}"
    if low is None:
        return f"≤ {high}"
    return low if low == high else f"{low}–{high}"


def percent(share: Decimal | None) -> str:
    return "–" if share is None else f"{number(share * 100, 0)} %"


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
