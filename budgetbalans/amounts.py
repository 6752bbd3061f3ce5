"""Reading amounts as Swedish plans write them: ``535``, ``"1 750 000 kr"``, ``"0,5 mkr"``,
``"700–1 600"``, ``{low: -500, high: 200}``, ``{interval: 2}``.

Pure functions from text to exact :class:`~decimal.Decimal` kronor. Anything that is not
clearly an amount raises :class:`AmountError` with a message that says how to write it.
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal
from typing import Mapping

from budgetbalans.errors import clip
from budgetbalans.messages import Message, as_message
from budgetbalans.money import Range, Unit

#: The interval classes of the seeds, on a year's effect (årseffekt), in kronor.
#: Class N covers (CLASS_BOUNDS[N-1], CLASS_BOUNDS[N]]; class 1 includes its low end.
CLASS_BOUNDS: tuple[Decimal, ...] = (
    Decimal(100_000),
    Decimal(1_000_000),
    Decimal(2_000_000),
    Decimal(3_000_000),
)

#: More digits than any municipal budget needs; also keeps hostile input cheap.
MAX_DIGITS = 15
MAX_DECIMALS = 6
#: "1 750 000 000 kr – 2 000 000 000 kr" is 36 characters; longer text is not an amount.
MAX_AMOUNT_CHARS = 100

_UNIT_WORDS = {"kr": Unit.KR, "tkr": Unit.TKR, "mkr": Unit.MKR, "mnkr": Unit.MKR}
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_MINUSES = ("-", "\u2212")
_DASHES = "-\u2013\u2212"
#: Searched, not matched with a leading ``.*?\s*``: that form takes quadratic time on long runs of spaces.
_UNIT_RE = re.compile(r"(?P<unit>mnkr|mkr|tkr|kr)\.?$", re.IGNORECASE)
_NUMBER_RE = re.compile(r"^(?P<int>\d{1,3}(?:[ _]\d{3})*|\d+)(?:[,.](?P<frac>\d+))?$")
_RANGE_RE = re.compile(r"^(?P<low>.*?[0-9a-zA-Z.])\s*[\u2013-]\s*(?P<high>.+)$")


class AmountError(ValueError):
    """Text that is not an amount. ``key`` names the part of a mapping that is wrong."""

    def __init__(self, message: Message | str, key: str | None = None) -> None:
        self.message = as_message(message)
        super().__init__(str(self.message))
        self.key = key


def parse_unit(text: str) -> Unit:
    """``kr``, ``tkr``, ``mkr`` (also ``mnkr``), any case."""
    unit = _UNIT_WORDS.get(text.strip().lower())
    if unit is None:
        raise AmountError(f"unknown unit {clip(text)!r}; write kr, tkr or mkr")
    return unit


def parse_amount(value: object, unit: Unit) -> Decimal:
    """One amount, in kronor. ``unit`` applies when the text names none."""
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise AmountError(f"{_shown(value)} is not an amount; write a number such as 1 500 or '0,5 mkr'")
    if isinstance(value, (int, Decimal)):
        return _kronor(Decimal(value), unit)
    if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:  # the usual case: 535
        return Decimal(value) * unit.kronor
    text = _amount_text(value)
    match = _UNIT_RE.search(text)
    if match:
        text, unit = text[: match.start()].rstrip(), _UNIT_WORDS[match["unit"].lower()]
    return _kronor(_parse_number(text, value), unit)


def _amount_text(value: str) -> str:
    text = value.translate(_SPACES).strip()
    if len(text) > MAX_AMOUNT_CHARS:
        raise AmountError(f"{clip(value)!r} is too long to be an amount (over {MAX_AMOUNT_CHARS} characters); "
                          "write a number such as 1 500, '0,5 mkr' or '400 tkr'")
    return text


def _kronor(number: Decimal, unit: Unit) -> Decimal:
    amount = number * unit.kronor
    whole = amount.to_integral_value()
    return whole if amount == whole else amount.normalize()


def _parse_number(text: str, original: str) -> Decimal:
    sign = Decimal(1)
    if text[:1] in _MINUSES or text[:1] == "+":
        sign = Decimal(-1) if text[:1] in _MINUSES else sign
        text = text[1:].lstrip()
    if not text:
        raise AmountError(f"{original!r} is not an amount; write a number, or 0, or leave the year out")
    if sum(text.count(sep) for sep in ",.") > 1:
        raise AmountError(_two_separators(original.translate(_SPACES).strip(), text))
    match = _NUMBER_RE.match(text)
    if match is None:
        raise AmountError(_not_a_number(original, text))
    digits, frac = match["int"].replace(" ", "").replace("_", ""), match["frac"] or ""
    if len(digits) > MAX_DIGITS or len(frac) > MAX_DECIMALS:
        raise AmountError(
            f"{clip(original)!r} has too many digits; amounts have at most "
            f"{MAX_DIGITS} digits before the decimal comma and {MAX_DECIMALS} after it"
        )
    return sign * Decimal(f"{digits}.{frac}" if frac else digits)


def _two_separators(original: str, text: str) -> str:
    grouped = re.fullmatch(r"\d{1,3}(?:([.,])\d{3})+", text)
    if grouped:
        suggestion = original.replace(text, " ".join(re.split(r"[.,]", text)), 1)
        return f"{clip(original)!r} has two decimal separators; write {clip(suggestion)}"
    return f"{clip(original)!r} has two decimal separators; use one decimal comma, such as 1 750,5"


def _not_a_number(original: str, text: str) -> str:
    if re.fullmatch(r"\d+(?:\s+\d+)+(?:[,.]\d+)?", text):
        return f"{clip(original)!r} groups digits oddly; group by three from the right, such as 1 750 000"
    if ":" in text:
        return f"{clip(original)!r} is not an amount (a time or ratio?); write a number such as 130"
    if re.fullmatch(r"[\d.,]+e[+-]?\d+", text, re.IGNORECASE):
        return f"{clip(original)!r} is written in scientific notation; write all digits, such as 1 000 000"
    return f"{clip(original)!r} is not an amount; write a number such as 1 500, '0,5 mkr' or '400 tkr'"


def parse_effect(value: object, unit: Unit) -> Range:
    """An effect: an amount, a range ``low-high``, ``{low:, high:}`` or ``{interval: N}``."""
    if isinstance(value, Mapping):
        return _parse_effect_mapping(value, unit)
    if value is None:
        raise AmountError("no value; write an amount, or leave the year out")
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        split = split_range(_amount_text(value))
        if split is not None:
            return _parse_range_text(value, *split, unit)
    return Range.exact(parse_amount(value, unit))


def split_range(text: str) -> tuple[str, str] | None:
    """The two ends of ``"700-1600"`` / ``"700 – 1 600"``, or ``None`` for a single amount."""
    body = text.translate(_SPACES).strip()
    sign = ""
    if body[:1] in _DASHES:
        sign, body = body[:1], body[1:].lstrip()
    match = _RANGE_RE.match(body)
    if match is None:
        return None
    return sign + match["low"], match["high"]


def _parse_range_text(original: str, low_text: str, high_text: str, unit: Unit) -> Range:
    if high_text.lstrip()[:1] in _DASHES or low_text[:1] in _DASHES:
        raise AmountError(
            f"{clip(original)!r}: a range with a negative end is written as a mapping, "
            "such as {low: -500, high: 200}"
        )
    high_unit = _UNIT_RE.search(high_text.translate(_SPACES).strip())
    low_unit = _UNIT_RE.search(low_text.strip())
    if high_unit and not low_unit:  # "0,5-1 mkr": the unit belongs to both ends
        low_text = f"{low_text} {high_unit['unit']}"
    try:
        low, high = parse_amount(low_text, unit), parse_amount(high_text, unit)
    except AmountError as error:
        raise AmountError(f"{clip(original)!r} is neither an amount nor a range low-high: {error}")
    return _ordered(low, high, _shown(original))


def _ordered(low: Decimal, high: Decimal | None, shown: str) -> Range:
    if high is not None and low > high:
        raise AmountError(
            f"the range {shown} has its low end above its high end; write the smaller amount first"
        )
    return Range(low, high)


def _parse_effect_mapping(value: Mapping[object, object], unit: Unit) -> Range:
    keys = set(value)
    if keys == {"interval"}:
        return interval_range(value["interval"])
    unknown = sorted(map(str, keys - {"low", "high"}))
    if unknown or "low" not in keys:
        raise AmountError(_mapping_keys_message(unknown), key=unknown[0] if unknown else None)
    low = _keyed(value["low"], unit, "low")
    high = None if value.get("high") is None else _keyed(value["high"], unit, "high")
    return _ordered(low, high, f"{{low: {_one_line(value['low'])}, high: {_one_line(value.get('high'))}}}")


def _mapping_keys_message(unknown: list[str]) -> str:
    usage = "an effect written as a mapping is {low: …, high: …} or {interval: 1-4}"
    if not unknown:
        return f"{usage}; low: is missing (write low: -500, high: 200, or leave out high: for no upper bound)"
    close = difflib.get_close_matches(unknown[0], ["low", "high", "interval"], n=1, cutoff=0.5)
    guess = f" — did you mean {close[0]!r}?" if close else ""
    return f"{usage}; unknown key {clip(unknown[0])!r}{guess}"


def _keyed(raw: object, unit: Unit, key: str) -> Decimal:
    try:
        return parse_amount(raw, unit)
    except AmountError as error:
        raise AmountError(error.message, key=key) from None


def interval_range(raw: object) -> Range:
    """``{interval: N}``: somewhere in class N (class 4 has no upper bound)."""
    number = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if number not in {"1", "2", "3", "4"}:
        raise AmountError(
            f"interval class {_shown(raw)} does not exist; the classes are 1 (0,1–1 mkr), "
            "2 (1–2 mkr), 3 (2–3 mkr) and 4 (over 3 mkr)",
            key="interval",
        )
    n = int(number)
    high = CLASS_BOUNDS[n] if n < len(CLASS_BOUNDS) else None
    return Range(CLASS_BOUNDS[n - 1], high, interval=n)


def _shown(value: object) -> str:
    return repr(clip(value)) if isinstance(value, str) else clip(str(value))


def _one_line(value: object) -> str:
    """An amount as written, for a message: on one line (``"100\\nkr"`` is a valid amount)."""
    return clip(" ".join(str(value).split()))

