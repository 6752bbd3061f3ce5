"""Amounts as Swedish plans write them (budgetbalans.plan.amounts, budgetbalans.plan.money).

Every expected figure is exact kronor. The property tests check the parser against an
independent formatter and an independent reference (``fractions.Fraction``), so a parser
that went through a binary float, or dropped a digit group, fails here.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from budgetbalans.i18n import Lang
from budgetbalans.plan.amounts import (
    CLASS_BOUNDS,
    AmountError,
    interval_range,
    parse_amount,
    parse_effect,
    parse_unit,
    split_range,
)
from budgetbalans.plan.money import EXACT_ZERO, Range, Unit, round_kronor, total
from tests.fast_loop import examples

TKR, KR, MKR = Unit.TKR, Unit.KR, Unit.MKR
PROPERTY = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])

KRONOR_PER = {"kr": 1, "tkr": 1000, "mkr": 1_000_000, "mnkr": 1_000_000}
GROUPINGS = ["", " ", "\u00a0", "\u202f", "_"]


# --- strategies: amounts written the Swedish way, with the value they mean --------------------


def group(digits: str, separator: str) -> str:
    """``1234567`` → ``1 234 567`` (by three from the right)."""
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


@st.composite
def written_numbers(draw: st.DrawFn, *, signed: bool = True) -> tuple[str, Fraction]:
    """A number as a plan might write it (no unit), and its exact value."""
    whole = draw(st.integers(0, 10**15 - 1))
    decimals = draw(st.integers(0, 6))
    fraction = draw(st.integers(0, 10**decimals - 1)) if decimals else 0
    sign = draw(st.sampled_from(["", "-", "\u2212"])) if signed else ""
    text = group(str(whole), draw(st.sampled_from(GROUPINGS)))
    if decimals:
        # a dot before exactly three decimals of a non-zero number is refused (3.250: 3 250 or 3,25?)
        separators = [","] if decimals == 3 and whole else [",", "."]
        text += draw(st.sampled_from(separators)) + str(fraction).zfill(decimals)
    value = Fraction(whole) + Fraction(fraction, 10**decimals)
    return sign + text, (-value if sign else value)


@st.composite
def written_amounts(draw: st.DrawFn, *, signed: bool = True) -> tuple[str, Unit, Fraction]:
    """An amount with or without its own unit, the plan's unit, and the exact kronor it means."""
    text, value = draw(written_numbers(signed=signed))
    plan_unit = draw(st.sampled_from(list(Unit)))
    word = draw(st.sampled_from([None, "kr", "tkr", "mkr", "mnkr", "Mkr", "TKR"]))
    if word is None:
        return text, plan_unit, value * int(plan_unit.kronor)
    space = draw(st.sampled_from(["", " ", "\u00a0"]))
    return f"{text}{space}{word}", plan_unit, value * KRONOR_PER[word.lower()]


def english(raised: pytest.ExceptionInfo[AmountError]) -> str:
    """The English wording of a refusal (``str()`` of the error is the Swedish default)."""
    return raised.value.message.text(Lang.EN)


def as_fraction(amount: Decimal | None) -> Fraction:
    assert amount is not None
    assert amount.is_finite()
    return Fraction(amount)


# --- every string parses exactly or gets a clear AmountError ----------------------------------

AMOUNT_ALPHABET = st.sampled_from(list("0123456789 ,.-_\u2013\u2212+:ekKrRtTmMnN\u00a0\u202f\t{}"))


@PROPERTY
@given(st.one_of(st.text(AMOUNT_ALPHABET, max_size=30), st.text(max_size=30)))
@example("1.750.000")
@example("1:30")
@example("2024-03-01")
@example("-500--200")
@example("")
@example("\u2212")
@example("1e6")
def test_every_string_is_an_exact_amount_or_an_amount_error(text: str) -> None:
    for unit in (KR, TKR, MKR):
        try:
            amount = parse_amount(text, unit)
        except AmountError as error:
            assert error.message.text(Lang.EN).strip()
            assert str(error) == error.message.text(Lang.SV)
        else:
            assert isinstance(amount, Decimal) and amount.is_finite()
        try:
            effect = parse_effect(text, unit)
        except AmountError as error:
            assert error.message.text(Lang.EN).strip()
        else:
            assert effect.low is not None and effect.low.is_finite()
            assert effect.high is None or effect.low <= effect.high


@PROPERTY
@given(st.dictionaries(st.sampled_from(["low", "high", "interval", "lo"]),
                       st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8)),
                       max_size=3))
def test_every_mapping_is_an_effect_or_an_amount_error(value: dict[str, object]) -> None:
    try:
        effect = parse_effect(value, TKR)
    except AmountError as error:
        assert error.message.text(Lang.EN).strip()
    else:
        assert effect.low is not None
        assert effect.high is None or effect.low <= effect.high


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "no value; write an amount, or leave the year out"),
        (True, "'true' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
        (False, "'false' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
        (1.5, "'1.5' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
        ([1, 2], "'[1, 2]' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
        (object(), "'…' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
    ],
)
def test_values_that_are_not_amounts_raise_amount_error(value: object, message: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect(value, TKR)
    assert english(raised) == message


# --- round trip: Swedish notation back to the exact value -------------------------------------


@PROPERTY
@given(written_amounts())
@example(("1 750 000 kr", TKR, Fraction(1_750_000)))
@example(("\u22124,1 mnkr", KR, Fraction(-4_100_000)))
@example(("999_999_999_999_999,999999 mkr", KR, Fraction(999_999_999_999_999_999_999)))
def test_round_trip_swedish_notation(written: tuple[str, Unit, Fraction]) -> None:
    text, plan_unit, kronor = written
    assert as_fraction(parse_amount(text, plan_unit)) == kronor
    effect = parse_effect(text, plan_unit)
    assert as_fraction(effect.low) == kronor
    assert effect.high == effect.low


@PROPERTY
@given(st.integers(-(10**15) + 1, 10**15 - 1), st.sampled_from(list(Unit)))
def test_round_trip_plain_integers_as_yaml_numbers(number: int, unit: Unit) -> None:
    # YAML gives the models text; ints still count in the plan's unit.
    assert parse_amount(number, unit) == number * unit.kronor
    assert parse_amount(str(number), unit) == number * unit.kronor


@pytest.mark.parametrize(
    ("text", "unit", "kronor"),
    [
        ("535", TKR, Decimal(535_000)),
        ("1 750 000 kr", TKR, Decimal(1_750_000)),
        ("1\u00a0750\u00a0000 kr", TKR, Decimal(1_750_000)),
        ("1\u202f750\u202f000 kr", TKR, Decimal(1_750_000)),
        ("1_750_000 kr", TKR, Decimal(1_750_000)),
        ("0,5 mkr", TKR, Decimal(500_000)),
        ("0.5 mkr", TKR, Decimal(500_000)),
        ("4,1 mnkr", KR, Decimal(4_100_000)),
        ("400 tkr", MKR, Decimal(400_000)),
        ("12 357 tkr", KR, Decimal(12_357_000)),
        ("010", TKR, Decimal(10_000)),
        ("-500", TKR, Decimal(-500_000)),
        ("\u2212500", TKR, Decimal(-500_000)),
        ("0,5 kr", TKR, Decimal("0.5")),
        ("2,1", MKR, Decimal(2_100_000)),
    ],
)
def test_amounts(text: str, unit: Unit, kronor: Decimal) -> None:
    assert parse_amount(text, unit) == kronor
    assert parse_effect(text, unit) == Range(kronor, kronor)


def test_point_one_plus_point_two_mkr_is_exactly_point_three() -> None:
    a, b = parse_amount("0,1 mkr", TKR), parse_amount("0,2 mkr", TKR)
    assert a + b == parse_amount("0,3 mkr", TKR) == Decimal(300_000)
    summed = total([Range.exact(parse_amount("0,1", MKR)), Range.exact(parse_amount("0,2", MKR))])
    assert summed == Range(Decimal(300_000), Decimal(300_000))
    # in kronor with decimals, too: 0,1 kr + 0,2 kr is 0,3 kr, not 0.30000000000000004
    assert parse_amount("0,1 kr", TKR) + parse_amount("0,2 kr", TKR) == Decimal("0.3")


@PROPERTY
@given(st.lists(written_amounts(), min_size=3, max_size=8))
def test_sums_are_associative_and_exact(written: list[tuple[str, Unit, Fraction]]) -> None:
    ranges = [parse_effect(text, unit) for text, unit, _ in written]
    expected = sum((kronor for _, _, kronor in written), Fraction(0))
    a, b, c = ranges[0], ranges[1], ranges[2]
    assert (a + b) + c == a + (b + c)
    summed = total(ranges)
    assert summed == total(reversed(ranges))
    assert as_fraction(summed.low) == as_fraction(summed.high) == expected


def test_total_of_nothing_is_exact_zero() -> None:
    assert total([]) == EXACT_ZERO == Range(Decimal(0), Decimal(0))


# --- ranges -----------------------------------------------------------------------------------


@PROPERTY
@given(written_numbers(signed=False), written_numbers(signed=False),
       st.sampled_from(["-", "\u2013", " - ", " \u2013 "]),
       st.sampled_from([None, "kr", "tkr", "mkr"]), st.booleans())
def test_range_low_never_exceeds_high(
    low: tuple[str, Fraction], high: tuple[str, Fraction], dash: str, word: str | None, both: bool
) -> None:
    (low_text, low_value), (high_text, high_value) = low, high
    scale = KRONOR_PER[word] if word else 1000  # plan unit tkr
    text = f"{low_text}{' ' + word if word and both else ''}{dash}{high_text}{' ' + word if word else ''}"
    low_kr, high_kr = low_value * scale, high_value * scale
    if low_kr > high_kr:
        with pytest.raises(AmountError) as raised:
            parse_effect(text, TKR)
        assert "low end above its high end" in english(raised)
        return
    effect = parse_effect(text, TKR)
    assert (as_fraction(effect.low), as_fraction(effect.high)) == (low_kr, high_kr)


@pytest.mark.parametrize(
    ("text", "unit", "low", "high"),
    [
        ("700–1 600", TKR, 700_000, 1_600_000),
        ("700-1600", TKR, 700_000, 1_600_000),
        ("700 – 1 600", TKR, 700_000, 1_600_000),
        ("0,5-1 mkr", TKR, 500_000, 1_000_000),
        ("0,5–1 mnkr", KR, 500_000, 1_000_000),
        ("700 tkr-1,6 mkr", KR, 700_000, 1_600_000),
        ("1\u00a0000\u00a0000-2\u00a0000\u00a0000 kr", TKR, 1_000_000, 2_000_000),
    ],
)
def test_ranges(text: str, unit: Unit, low: int, high: int) -> None:
    assert parse_effect(text, unit) == Range(Decimal(low), Decimal(high))


def test_range_as_mapping_may_have_a_negative_end() -> None:
    assert parse_effect({"low": -500, "high": 200}, TKR) == Range(Decimal(-500_000), Decimal(200_000))
    assert parse_effect({"low": "-500", "high": "200"}, TKR) == Range(Decimal(-500_000), Decimal(200_000))


def test_range_as_mapping_without_high_is_unbounded() -> None:
    assert parse_effect({"low": "3 mkr"}, TKR) == Range(Decimal(3_000_000), None)
    assert parse_effect({"low": 3000, "high": None}, TKR) == Range(Decimal(3_000_000), None)


def test_range_as_mapping_low_above_high_is_rejected() -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect({"low": 1600, "high": 700}, TKR)
    assert english(raised) == (
        "the range {low: 1600, high: 700} has its low end above its high end; write the smaller amount first")


@pytest.mark.parametrize("text", ["-500--200", "-500–-200", "\u2212500-200", "500--200"])
def test_range_with_negative_end_must_be_a_mapping(text: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect(text, TKR)
    assert "written as a mapping" in raised.value.message.text(Lang.EN)
    assert "{low: -500, high: 200}" in raised.value.message.text(Lang.EN)


def test_split_range() -> None:
    assert split_range("700–1 600") == ("700", "1 600")
    assert split_range("1 750 000") is None
    assert split_range("-500") is None


# --- interval classes as values ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "low", "high"),
    [(1, 100_000, 1_000_000), (2, 1_000_000, 2_000_000), (3, 2_000_000, 3_000_000), (4, 3_000_000, None)],
)
def test_interval_values(n: int, low: int, high: int | None) -> None:
    expected = Range(Decimal(low), None if high is None else Decimal(high), interval=n)
    assert parse_effect({"interval": n}, TKR) == expected
    assert parse_effect({"interval": str(n)}, KR) == expected
    assert interval_range(n) == expected


def test_interval_four_is_unbounded() -> None:
    effect = parse_effect({"interval": 4}, TKR)
    assert effect.low == Decimal(3_000_000)
    assert effect.high is None


@pytest.mark.parametrize(("n", "shown"), [(0, "'0'"), (5, "'5'"), (-1, "'-1'"), ("1-2", "'1-2'"),
                                         ("x", "'x'"), (True, "'true'"), (2.0, "'2.0'")])
def test_interval_class_not_one_to_four_is_rejected(n: object, shown: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect({"interval": n}, TKR)
    assert english(raised).startswith(f"interval class {shown} does not exist; the classes are 1 (0,1–1 mkr)")
    assert raised.value.key == "interval"


def test_interval_without_a_class_says_so() -> None:
    # before: "interval class None does not exist" (a Python word)
    with pytest.raises(AmountError) as raised:
        parse_effect({"interval": None}, TKR)
    assert english(raised) == "interval: has no value; write the class 1, 2, 3 or 4, such as {interval: 2}"
    assert raised.value.key == "interval"


def test_class_bounds_are_the_seeds() -> None:
    assert CLASS_BOUNDS == (Decimal(100_000), Decimal(1_000_000), Decimal(2_000_000), Decimal(3_000_000))


@pytest.mark.parametrize(
    "value",
    [{"interval": 1, "low": 5}, {"high": 5}, {}, {"lo": 1, "high": 2}],
)
def test_other_mappings_are_rejected(value: dict[str, object]) -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect(value, TKR)
    assert "an effect written as a mapping is {low: …, high: …} or {interval: 1-4}; " in english(raised)


# --- specific messages ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.750.000", "'1.750.000' has two decimal separators; write 1 750 000"),
        ("1,750,000", "'1,750,000' has two decimal separators; write 1 750 000"),
        ("1,2,3", "has two decimal separators; use one decimal comma"),
        ("1:30", "'1:30' is not an amount (a time or ratio?)"),
        ("1e6", "scientific notation"),
        ("12 34", "groups digits oddly; group by three"),
        ("fem", "'fem' is not an amount"),
        ("", "is not an amount; write a number, or 0, or leave the year out"),
        ("1" * 16, "too many digits"),
        ("0,0000001", "too many digits"),
        ("2024-03-01", "is neither an amount nor a range"),
        ("1600-700", "the range '1600-700' has its low end above its high end"),
    ],
)
def test_messages(text: str, message: str) -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect(text, TKR)
    assert message in raised.value.message.text(Lang.EN)


def test_no_value_is_rejected() -> None:
    with pytest.raises(AmountError) as raised:
        parse_effect(None, TKR)
    assert english(raised) == "no value; write an amount, or leave the year out"
    with pytest.raises(AmountError) as raised:
        parse_amount(None, TKR)  # a target: or full_year: left empty (before: "None is not an amount")
    assert english(raised) == "no value; write an amount such as 1 500 or '0,5 mkr'"


@pytest.mark.parametrize(("word", "unit"), [("kr", KR), ("TKR", TKR), ("mkr", MKR), ("mnkr", MKR), (" Mnkr ", MKR)])
def test_parse_unit(word: str, unit: Unit) -> None:
    assert parse_unit(word) is unit


def test_unknown_unit() -> None:
    with pytest.raises(AmountError) as raised:
        parse_unit("dollar")
    assert english(raised) == "unknown unit 'dollar'; write kr, tkr or mkr"
    with pytest.raises(AmountError) as raised:
        parse_unit("SEK")  # a unit word the format does not use: the one to write instead
    assert english(raised) == "unknown unit 'SEK'; write kr (the units are kr, tkr and mkr)"


# --- money: ranges as values ------------------------------------------------------------------


def test_range_arithmetic_with_unbounded_ends() -> None:
    class_four = Range(Decimal(3_000_000), None)
    summed = Range.exact(Decimal(500_000)) + class_four
    assert summed == Range(Decimal(3_500_000), None)
    gap = Range.exact(Decimal(10_000_000)) - summed
    assert gap == Range(None, Decimal(6_500_000))
    assert not summed.is_exact and Range.exact(Decimal(0)).is_exact


def test_round_kronor_half_up() -> None:
    assert round_kronor(Decimal("0.5")) == 1
    assert round_kronor(Decimal("0.49")) == 0
    assert round_kronor(Decimal("2.5")) == 3  # not banker's rounding
    assert round_kronor(Decimal("1050000.5")) == 1_050_001
