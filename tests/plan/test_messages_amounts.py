"""What budgetbalans says about an amount it refuses, in Swedish (the default) and English.

Every message of :mod:`budgetbalans.plan.amounts` is asserted here word for word in both languages,
with its stable code; the slips of a plan retyped from Word or Excel (a dot between thousands,
digits that are not 0–9, invisible characters, ``500:-``, ``(500)``, …) are refused with the
text to write instead. The property tests check the rules themselves against readings computed
here independently of the parser.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import Any, Callable

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from budgetbalans.plan import amounts
from budgetbalans.plan.amounts import AmountError, parse_amount, parse_effect, parse_unit
from budgetbalans.i18n import Lang, Template, quoted
from budgetbalans.plan.money import Range, Unit
from tests.fast_loop import examples

TKR = Unit.TKR
PROPERTY = settings(max_examples=examples(300), deadline=None)

_WRITE_SV = "skriv ett tal som 1 500, '0,5 mkr' eller '400 tkr'"
_WRITE_EN = "write a number such as 1 500, '0,5 mkr' or '400 tkr'"
_MAPPING_SV = "en effekt med nycklar skrivs {low: …, high: …} eller {interval: 1-4}; "
_MAPPING_EN = "an effect written as a mapping is {low: …, high: …} or {interval: 1-4}; "
_THOUSANDS_DOT_SV = "är tvetydigt: punkten kan skilja tusental eller decimaler; skriv"
_THOUSANDS_DOT_EN = "is ambiguous: the dot may separate thousands or decimals; write"


def refusal(parse: Callable[..., object], *args: object) -> AmountError:
    with pytest.raises(AmountError) as raised:
        parse(*args)
    return raised.value


def effect(value: object) -> AmountError:
    return refusal(parse_effect, value, TKR)


def amount(value: object) -> AmountError:
    return refusal(parse_amount, value, TKR)


def unit(value: str) -> AmountError:
    return refusal(parse_unit, value)


# --- every message, word for word ---------------------------------------------------------------

#: (how it is read, what the plan says, code, Swedish, English)
MESSAGES: list[tuple[Callable[[Any], AmountError], object, str, str, str]] = [
    (effect, "ungefär 500", "amount.not_a_number",
     "'ungefär 500' är inget belopp; " + _WRITE_SV,
     "'ungefär 500' is not an amount; " + _WRITE_EN),
    (amount, ["500", "700"], "amount.not_a_value",
     "'[500, 700]' är inget belopp; skriv ett tal som 1 500 eller '0,5 mkr'",
     "'[500, 700]' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
    (amount, {"low": "1", "high": "2"}, "amount.not_a_value",
     "'{low: 1, high: 2}' är inget belopp; skriv ett tal som 1 500 eller '0,5 mkr'",
     "'{low: 1, high: 2}' is not an amount; write a number such as 1 500 or '0,5 mkr'"),
    (amount, None, "amount.no_value",
     "värde saknas; skriv ett belopp som 1 500 eller '0,5 mkr'",
     "no value; write an amount such as 1 500 or '0,5 mkr'"),
    (effect, None, "amount.effect_no_value",
     "värde saknas; skriv ett belopp, eller ta bort året",
     "no value; write an amount, or leave the year out"),
    (effect, "", "amount.empty",
     "'' är inget belopp; skriv ett tal, eller 0, eller ta bort året",
     "'' is not an amount; write a number, or 0, or leave the year out"),
    (effect, "9" * 101, "amount.too_long",
     "texten '" + "9" * 39 + "…' är för lång för att vara ett belopp (över 100 tecken); " + _WRITE_SV,
     "'" + "9" * 39 + "…' is too long to be an amount (over 100 characters); " + _WRITE_EN),
    (effect, "1" * 16, "amount.too_many_digits",
     "'1111111111111111' har för många siffror; ett belopp har högst 15 siffror före decimalkommat "
     "och 6 efter det",
     "'1111111111111111' has too many digits; amounts have at most 15 digits before the decimal comma "
     "and 6 after it"),
    (effect, "3.250", "amount.thousands_dot",
     f"'3.250' {_THOUSANDS_DOT_SV} 3 250 eller 3,25",
     f"'3.250' {_THOUSANDS_DOT_EN} 3 250 or 3,25"),
    (effect, "1.750.000 kr", "amount.thousands_separators",
     "'1.750.000 kr' har skiljetecken mellan tusentalen; tusental skiljs med mellanslag: skriv 1 750 000 kr",
     "'1.750.000 kr' has two decimal separators; write 1 750 000 kr"),
    (effect, "1.750,5", "amount.mixed_separators",
     "'1.750,5' har både punkt och komma; tusental skiljs med mellanslag och decimaler med komma: "
     "skriv 1 750,5",
     "'1.750,5' has both a dot and a comma; thousands are separated by spaces and decimals by a comma: "
     "write 1 750,5"),
    (effect, "1,2,3", "amount.separators",
     "'1,2,3' har mer än ett decimaltecken; skriv ett enda decimalkomma, som 1 750,5",
     "'1,2,3' has two decimal separators; use one decimal comma, such as 1 750,5"),
    (effect, "17 50 000", "amount.odd_grouping",
     "'17 50 000' har siffrorna grupperade på ett ovanligt sätt; gruppera tre och tre från höger, "
     "som 1 750 000",
     "'17 50 000' groups digits oddly; group by three from the right, such as 1 750 000"),
    (effect, "1:30", "amount.time_or_ratio",
     "'1:30' är inget belopp (en tid eller en kvot?); skriv ett tal som 130",
     "'1:30' is not an amount (a time or ratio?); write a number such as 130"),
    (effect, "2,5e3", "amount.scientific",
     "'2,5e3' är skrivet i exponentform; skriv ut alla siffror, som 2 500",
     "'2,5e3' is written in scientific notation; write all digits, such as 2 500"),
    (effect, "1 500:-", "amount.kronor_suffix",
     "'1 500:-': ':-' skrivs inte i planen; skriv beloppet med enhet: 1 500 kr",
     "'1 500:-': ':-' is not written in a plan; write the amount with its unit: 1 500 kr"),
    (effect, "(500)", "amount.parentheses",
     "'(500)': ett negativt belopp skrivs med minustecken, inte inom parentes; skriv -500",
     "'(500)': a negative amount is written with a minus sign, not in parentheses; write -500"),
    (effect, "500-", "amount.trailing_minus",
     "'500-' har minustecknet sist; en kostnad skrivs med minustecknet först: -500",
     "'500-' has its minus sign last; a cost is written with the minus sign first: -500"),
    (effect, ",5 mkr", "amount.leading_separator",
     "',5 mkr' saknar siffra före decimalkommat; skriv 0,5 mkr",
     "',5 mkr' has no digit before the decimal comma; write 0,5 mkr"),
    (effect, "–500", "amount.dash_as_minus",
     "'–500' börjar med ett tankstreck (–), inte ett minustecken; skriv -500",
     "'–500' starts with a dash (–), not a minus sign; write -500"),
    (effect, "1,5 MSEK", "amount.unit_word",
     "okänd enhet 'MSEK' i '1,5 MSEK'; skriv 1,5 mkr (enheterna är kr, tkr och mkr)",
     "unknown unit 'MSEK' in '1,5 MSEK'; write 1,5 mkr (the units are kr, tkr and mkr)"),
    (effect, "kr 500", "amount.unit_first",
     "'kr 500': enheten skrivs efter talet; skriv 500 kr",
     "'kr 500': the unit comes after the number; write 500 kr"),
    (effect, "٣٠٠", "amount.non_ascii_digits",
     "'٣٠٠' har siffran '٣', som inte är någon av siffrorna 0–9; skriv siffrorna 0–9: 300",
     "'٣٠٠' has the digit '٣', which is not one of the digits 0–9; write the digits 0–9: 300"),
    (effect, "1\u200b500", "amount.invisible_character",
     "'1\\u200b500' innehåller ett osynligt tecken (U+200B), ofta inklistrat från Word eller en webbsida; "
     "skriv 1500",
     "'1\\u200b500' contains an invisible character (U+200B), often pasted from Word or a web page; "
     "write 1500"),
    (effect, "1\u2007500", "amount.odd_space",
     "'1\u2007500' har ett ovanligt mellanslag (U+2007); skriv ett vanligt mellanslag: 1 500",
     "'1\u2007500' has an unusual space (U+2007); write an ordinary space: 1 500"),
    (effect, "700\u20141600", "amount.lookalike",
     "'700\u20141600' har tecknet '\u2014' (U+2014), som liknar '-' men är ett annat tecken; skriv 700-1600",
     "'700\u20141600' has the character '\u2014' (U+2014), which looks like '-' but is another character; "
     "write 700-1600"),
    (effect, "700\u22121 600", "amount.lookalike",
     "'700\u22121 600' har tecknet '\u2212' (U+2212), som liknar '-' men är ett annat tecken; skriv 700-1 600",
     "'700\u22121 600' has the character '\u2212' (U+2212), which looks like '-' but is another character; "
     "write 700-1 600"),
    (effect, "½ mkr", "amount.odd_character",
     "'½ mkr' innehåller tecknet '½', som inte hör hemma i ett belopp; skriv ett tal med siffrorna 0–9, "
     "som 1 500, '0,5 mkr' eller '400 tkr'",
     "'½ mkr' contains the character '½', which does not belong in an amount; write a number with the "
     "digits 0–9, such as 1 500, '0,5 mkr' or '400 tkr'"),
    (effect, "-500--200", "amount.range_negative_end",
     "'-500--200': ett intervall med en negativ ände skrivs med nycklar, som {low: -500, high: 200}",
     "'-500--200': a range with a negative end is written as a mapping, such as {low: -500, high: 200}"),
    (effect, "2024-03-01", "amount.range_not_an_amount",
     "'2024-03-01' är varken ett belopp eller ett intervall låg-hög: '03-01' är inget belopp; " + _WRITE_SV,
     "'2024-03-01' is neither an amount nor a range low-high: '03-01' is not an amount; " + _WRITE_EN),
    (effect, "1600-700", "amount.range_reversed",
     "intervallet '1600-700' har den nedre gränsen över den övre; skriv det mindre beloppet först",
     "the range '1600-700' has its low end above its high end; write the smaller amount first"),
    (effect, {"low": "200", "high": "-500"}, "amount.range_reversed",
     "intervallet {low: 200, high: -500} har den nedre gränsen över den övre; skriv det mindre beloppet först",
     "the range {low: 200, high: -500} has its low end above its high end; write the smaller amount first"),
    (effect, {"high": "5"}, "amount.mapping_low_missing",
     _MAPPING_SV + "low: saknas (skriv low: -500, high: 200, eller utelämna high: om det inte finns "
                   "någon övre gräns)",
     _MAPPING_EN + "low: is missing (write low: -500, high: 200, or leave out high: for no upper bound)"),
    (effect, {"hi": "5", "low": "1"}, "amount.mapping_unknown_key_guess",
     _MAPPING_SV + "okänd nyckel 'hi' — menade du 'high'?",
     _MAPPING_EN + "unknown key 'hi' — did you mean 'high'?"),
    (effect, {"belopp": "5"}, "amount.mapping_unknown_key",
     _MAPPING_SV + "okänd nyckel 'belopp'",
     _MAPPING_EN + "unknown key 'belopp'"),
    (effect, {"interval": "1", "low": "5"}, "amount.mapping_interval_alone",
     _MAPPING_SV + "interval: står ensamt, utan low: och high:",
     _MAPPING_EN + "interval: stands alone, without low: or high:"),
    (effect, {"interval": "5"}, "amount.interval_class",
     "intervallklass '5' finns inte; klasserna är 1 (0,1–1 mkr), 2 (1–2 mkr), 3 (2–3 mkr) och 4 (över 3 mkr)",
     "interval class '5' does not exist; the classes are 1 (0,1–1 mkr), 2 (1–2 mkr), 3 (2–3 mkr) "
     "and 4 (over 3 mkr)"),
    (effect, {"interval": None}, "amount.interval_no_value",
     "interval: saknar värde; skriv klassen 1, 2, 3 eller 4, som {interval: 2}",
     "interval: has no value; write the class 1, 2, 3 or 4, such as {interval: 2}"),
    (unit, "dollar", "amount.unit_unknown",
     "okänd enhet 'dollar'; skriv kr, tkr eller mkr",
     "unknown unit 'dollar'; write kr, tkr or mkr"),
    (unit, "MSEK", "amount.unit_synonym",
     "okänd enhet 'MSEK'; skriv mkr (enheterna är kr, tkr och mkr)",
     "unknown unit 'MSEK'; write mkr (the units are kr, tkr and mkr)"),
]


@pytest.mark.parametrize(("read", "value", "code", "swedish", "english"), MESSAGES,
                         ids=[f"{row[2]}:{row[1]!r}" for row in MESSAGES])
def test_each_message_in_swedish_and_english(
    read: Callable[[Any], AmountError], value: object, code: str, swedish: str, english: str
) -> None:
    error = read(value)
    assert error.message.code == code
    assert error.message.text(Lang.SV) == swedish
    assert error.message.text(Lang.EN) == english
    assert error.message.text() == str(error) == swedish  # Swedish unless English is asked for


def test_every_message_of_amounts_is_asserted_word_for_word() -> None:
    defined = {value.code for value in vars(amounts).values() if isinstance(value, Template)}
    asserted = {code for _, _, code, _, _ in MESSAGES}
    assert defined == asserted


# --- a dot between thousands: 3.250 is 3 250 or 3,25 --------------------------------------------


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [
        ("3.250", "3 250", "3,25"),
        ("-1.500", "-1 500", "-1,5"),
        ("\u22121.500", "\u22121 500", "\u22121,5"),
        ("9.600 tkr", "9 600 tkr", "9,6 tkr"),
        ("12.800 tkr", "12 800 tkr", "12,8 tkr"),
        ("5.400", "5 400", "5,4"),
        ("2.000", "2 000", "2"),
        ("1 500.250", "1 500 250", "1 500,25"),
        ("1\u00a0500.250 kr", "1 500 250 kr", "1 500,25 kr"),
        ("010.500", "10 500", "10,5"),
        ("1.500-2.000", "1 500-2 000", "1,5-2"),
        ("1.500 – 2.000 tkr", "1 500 – 2 000 tkr", "1,5 – 2 tkr"),
        ("0,5-1.250 mkr", "0,5-1 250 mkr", "0,5-1,25 mkr"),
    ],
)
def test_a_dot_before_three_digits_is_refused_with_both_readings(text: str, thousands: str, decimal: str) -> None:
    # also what YAML gives for a plain float such as effects: {2024: 3.250} (scalars stay text)
    error = effect(text)
    assert error.message.code == "amount.thousands_dot"
    shown = quoted(text)
    assert error.message.text(Lang.SV) == f"{shown} {_THOUSANDS_DOT_SV} {thousands} eller {decimal}"
    assert error.message.text(Lang.EN) == f"{shown} {_THOUSANDS_DOT_EN} {thousands} or {decimal}"


@pytest.mark.parametrize("text", ["3.250", "-1.500", "9.600 tkr", "12.800"])
def test_a_dot_before_three_digits_is_refused_where_one_amount_stands(text: str) -> None:
    # full_year, target, stated totals, follow-up figures and --target read one amount
    assert amount(text).message.code == "amount.thousands_dot"


@pytest.mark.parametrize(
    ("text", "kronor"),
    [("0.125", 125), ("0.500", 500), ("-0.750", -750), ("2.5", 2_500), ("12.75", 12_750),
     ("1.5000", 1_500), ("3.25", 3_250), ("0.5 mkr", 500_000), ("3,250", 3_250), ("1 500,250", 1_500_250)],
)
def test_a_dot_that_can_only_be_a_decimal_is_read(text: str, kronor: int) -> None:
    assert parse_amount(text, TKR) == Decimal(kronor)
    assert parse_effect(text, TKR) == Range.exact(Decimal(kronor))


@pytest.mark.parametrize(
    ("text", "code", "fix"),
    [
        ("1.750.000", "amount.thousands_separators", "1 750 000"),
        ("1,750,000", "amount.thousands_separators", "1 750 000"),
        ("-12.345.678 kr", "amount.thousands_separators", "-12 345 678 kr"),
        ("1.750,5", "amount.mixed_separators", "1 750,5"),
        ("1,750.5", "amount.mixed_separators", "1 750,5"),
        ("1.234.567,89 kr", "amount.mixed_separators", "1 234 567,89 kr"),
        ("1.750.000-2.000.000", "amount.thousands_separators", "1 750 000-2 000 000"),
    ],
)
def test_more_than_one_separator_is_refused_with_its_likely_reading(text: str, code: str, fix: str) -> None:
    error = effect(text)
    assert error.message.code == code
    assert error.message.text(Lang.SV).endswith(f"skriv {fix}")
    assert error.message.text(Lang.EN).endswith(f"write {fix}")


@pytest.mark.parametrize("text", ["1,2,3", "1.2.3", "1.75.000", "1.750,000.5", "1,2.3"])
def test_more_than_one_separator_without_a_likely_reading_says_how_to_write_one(text: str) -> None:
    error = effect(text)
    assert error.message.code == "amount.separators"
    assert error.message.text(Lang.SV).endswith("skriv ett enda decimalkomma, som 1 750,5")


def group(digits: str, separator: str = " ") -> str:
    """``1234567`` → ``1 234 567``, written here independently of the parser."""
    digits = str(int(digits))
    head = len(digits) % 3 or 3
    return separator.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


@PROPERTY
@given(whole=st.integers(1, 10**12 - 1), frac=st.integers(0, 999), grouping=st.sampled_from(["", " ", "\u00a0", "_"]),
       sign=st.sampled_from(["", "-", "\u2212", "+"]), word=st.sampled_from(["", " kr", " tkr", "mkr", " Mnkr"]),
       zeros=st.sampled_from(["", "0", "00"]))  # leading zeros only where digits are not grouped
@example(whole=3, frac=250, grouping="", sign="", word="", zeros="")
@example(whole=1, frac=0, grouping="", sign="-", word=" tkr", zeros="")
def test_every_dot_before_three_digits_after_a_non_zero_whole_is_refused(
    whole: int, frac: int, grouping: str, sign: str, word: str, zeros: str
) -> None:
    digits, decimals = str(whole), f"{frac:03d}"
    written = group(digits, grouping) if grouping else zeros + digits
    text = f"{sign}{written}.{decimals}{word}"
    thousands = group(digits + decimals)
    decimal = group(digits) + ("," + decimals.rstrip("0") if decimals.rstrip("0") else "")
    for read in (effect, amount):
        error = read(text)
        assert error.message.code == "amount.thousands_dot"
        assert error.message.text(Lang.SV).endswith(f"skriv {sign}{thousands}{word} eller {sign}{decimal}{word}")
        assert error.message.text(Lang.EN).endswith(f"write {sign}{thousands}{word} or {sign}{decimal}{word}")


@st.composite
def numbers_with_a_dot(draw: st.DrawFn) -> tuple[str, int, int]:
    """A number written with a decimal dot, its whole part and its number of decimals."""
    whole = draw(st.integers(0, 10**12 - 1))
    decimals = draw(st.integers(1, 6))
    fraction = draw(st.integers(0, 10**decimals - 1))
    written = group(str(whole), draw(st.sampled_from(["", " ", "_"]))) if whole else "0"
    return f"{written}.{str(fraction).zfill(decimals)}", whole, decimals


@PROPERTY
@given(numbers_with_a_dot(), st.sampled_from(["", "-", " tkr", " mkr"]))
@example(("0.125", 0, 3), "")
@example(("2.5", 2, 1), "")
@example(("12.75", 12, 2), " tkr")
def test_a_dot_is_refused_exactly_when_ambiguous_and_else_reads_as_its_comma_form(
    number: tuple[str, int, int], affix: str
) -> None:
    text, whole, decimals = number
    text = f"-{text}" if affix == "-" else text + affix
    comma_form = text.replace(".", ",")
    if whole and decimals == 3:
        assert effect(text).message.code == "amount.thousands_dot"
    else:
        assert parse_amount(text, TKR) == parse_amount(comma_form, TKR)
        assert parse_effect(text, TKR) == parse_effect(comma_form, TKR)


@PROPERTY
@given(st.lists(st.integers(0, 999), min_size=3, max_size=5),
       st.lists(st.sampled_from([".", ","]), min_size=2, max_size=4))
def test_every_number_with_two_separators_or_more_is_refused(groups: list[int], marks: list[str]) -> None:
    parts = [str(groups[0])]
    for mark, number in zip(marks, groups[1:]):
        parts += [mark, f"{number:03d}"]
    text = "".join(parts)
    for read in (effect, amount):
        assert read(text).message.code in {"amount.thousands_separators", "amount.mixed_separators",
                                           "amount.separators"}


# --- digits that are not 0-9 ---------------------------------------------------------------------

NON_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda char: not char.isascii())


@PROPERTY
@given(st.lists(st.one_of(st.sampled_from("0123456789"), NON_ASCII_DIGITS), min_size=1, max_size=6),
       st.sampled_from(["", " tkr", " mkr"]))
@example(list("٣٠٠"), "")
@example(list("３００"), " tkr")
@example(list("２０２４"), "")
def test_digits_that_are_not_0_to_9_are_refused_with_the_amount_in_0_to_9(digits: list[str], word: str) -> None:
    foreign = [char for char in digits if not char.isascii()]
    assume(foreign)
    text = "".join(digits) + word
    plain = "".join(str(unicodedata.decimal(char)) for char in digits) + word
    for read in (effect, amount):
        error = read(text)
        assert error.message.code == "amount.non_ascii_digits"
        assert error.message.text(Lang.SV) == (f"'{text}' har siffran '{foreign[0]}', som inte är någon av "
                                               f"siffrorna 0–9; skriv siffrorna 0–9: {plain}")
        assert error.message.text(Lang.EN).endswith(f"write the digits 0–9: {plain}")


@pytest.mark.parametrize("text", ["٣٠٠-٤٠٠", "３００－４００"])
def test_digits_that_are_not_0_to_9_are_refused_in_a_range(text: str) -> None:
    error = effect(text)
    assert error.message.code == "amount.non_ascii_digits"
    assert error.message.text(Lang.EN).endswith("write the digits 0–9: 300-400")


def test_an_interval_class_in_other_digits_is_refused_with_its_class_in_0_to_9() -> None:
    error = effect({"interval": "２"})
    assert error.message.code == "amount.non_ascii_digits"
    assert error.message.text(Lang.SV) == (
        "'２' har siffran '２', som inte är någon av siffrorna 0–9; skriv siffrorna 0–9: 2")
    assert error.key == "interval"


@pytest.mark.parametrize(
    ("pattern", "ascii_text"),
    [(amounts._NUMBER_RE, "1 750,5"), (amounts._GROUPED_RE, "1 750"), (amounts._THOUSANDS_RE, "1.750.000"),
     (amounts._ODD_GROUPS_RE, "17 50 000"), (amounts._SCIENTIFIC_RE, "2,5e3"), (amounts._TOKEN_RE, "1.750")],
)
def test_the_grammar_itself_takes_only_ascii_digits(pattern: re.Pattern[str], ascii_text: str) -> None:
    # not only the check of characters before it: Python's \d would take ٣ and ３ as digits
    assert pattern.fullmatch(ascii_text)
    for zero in ("\u0660", "\uff10", "\u0966"):  # Arabic-Indic, full-width, Devanagari
        foreign = "".join(chr(ord(zero) + int(c)) if c.isdigit() else c for c in ascii_text)
        assert pattern.search(foreign) is None, foreign


@pytest.mark.parametrize("text", ["1²", "½", "五百", "٣.٢٥٠"])
def test_numerals_without_a_plain_reading_are_refused(text: str) -> None:
    error = effect(text)
    assert error.message.code == "amount.odd_character"
    assert "skriv ett tal med siffrorna 0–9" in error.message.text(Lang.SV)


# --- other slips of text retyped or pasted from Word and Excel ----------------------------------


@pytest.mark.parametrize(
    ("text", "code", "fix"),
    [
        ("\ufeff500", "amount.invisible_character", "500"),
        ("\u200e-1 500\u200e", "amount.invisible_character", "-1 500"),
        ("1\u00ad500 tkr", "amount.invisible_character", "1500 tkr"),
        ("1\u2002750\u2002000", "amount.odd_space", "1 750 000"),
        ("1\u3000500", "amount.odd_space", "1 500"),
        ("\u2011500", "amount.lookalike", "-500"),
        ("\u2010500", "amount.lookalike", "-500"),
        ("\uff0d500", "amount.lookalike", "-500"),
        ("1\uff0c5 mkr", "amount.lookalike", "1,5 mkr"),
        ("500 \uff54\uff4b\uff52", "amount.lookalike", "500 tkr"),
        ("\u2013500", "amount.dash_as_minus", "-500"),
        ("\u2013 1,5 mkr", "amount.dash_as_minus", "-1,5 mkr"),
        ("500:-", "amount.kronor_suffix", "500 kr"),
        ("1 500,-", "amount.kronor_suffix", "1 500 kr"),
        ("(1 500)", "amount.parentheses", "-1 500"),
        ("(500) tkr", "amount.parentheses", "-500 tkr"),
        ("500 tkr-", "amount.trailing_minus", "-500 tkr"),
        (".5", "amount.leading_separator", "0,5"),
        ("-,25 mkr", "amount.leading_separator", "-0,25 mkr"),
        ("500 SEK", "amount.unit_word", "500 kr"),
        ("500 kronor", "amount.unit_word", "500 kr"),
        ("400 tusen kr", "amount.unit_word", "400 tkr"),
        ("400 t kr", "amount.unit_word", "400 tkr"),
        ("2 miljoner kronor", "amount.unit_word", "2 mkr"),
        ("1,5 milj. kr", "amount.unit_word", "1,5 mkr"),
        ("1.5 Milj.", "amount.unit_word", "1.5 mkr"),
        ("SEK 1 500", "amount.unit_first", "1 500 kr"),
        ("tkr 400", "amount.unit_first", "400 tkr"),
        ("1e6 kr", "amount.scientific", "1 000 000 kr"),
        ("12 34", "amount.odd_grouping", "1 234"),
    ],
)
def test_slips_are_refused_with_the_text_to_write(text: str, code: str, fix: str) -> None:
    for read in (effect, amount):
        error = read(text)
        assert error.message.code == code
        english, swedish = error.message.text(Lang.EN), error.message.text(Lang.SV)
        assert re.search(rf"(?:write |: |such as ){re.escape(fix)}(?: \(|$)", english), english
        assert re.search(rf"(?:skriv |: |som ){re.escape(fix)}(?: \(|$)", swedish), swedish
        parse_amount(fix, TKR)  # the fix itself is an amount


@pytest.mark.parametrize(
    ("text", "code", "fix"),
    [
        ("700\u20121600", "amount.lookalike", "700-1600"),
        ("700\u2014 1 600 tkr", "amount.lookalike", "700- 1 600 tkr"),
        ("0,5\u20111 mkr", "amount.lookalike", "0,5-1 mkr"),
        ("700\u200b-1600", "amount.invisible_character", "700-1600"),
        ("700\u2007-\u20071600", "amount.odd_space", "700 - 1600"),
        ("٧٠٠-١٦٠٠", "amount.non_ascii_digits", "700-1600"),
    ],
)
def test_slips_in_a_range_are_refused_with_the_range_to_write(text: str, code: str, fix: str) -> None:
    error = effect(text)
    assert error.message.code == code
    assert error.message.text(Lang.EN).endswith(fix)
    assert error.message.text(Lang.SV).endswith(fix)
    parse_effect(fix, TKR)  # the fix itself is a range


def test_a_fix_is_only_offered_when_it_is_an_amount() -> None:
    assert effect("(ungefär 500)").message.code == "amount.not_a_number"
    assert effect("500 dollar").message.code == "amount.not_a_number"
    assert effect("1e99").message.text(Lang.EN).endswith("such as 1 000 000")  # an example, not a fix
    assert amount("700\u20141600").message.code == "amount.odd_character"  # a range where one amount stands


def test_a_unit_the_format_does_not_use_names_the_one_to_write() -> None:
    for word, fix in [("SEK", "kr"), ("kronor", "kr"), ("tsek", "tkr"), ("Tusen kronor", "tkr"),
                      ("MSEK", "mkr"), ("milj. kr", "mkr"), ("miljoner", "mkr")]:
        error = unit(word)
        assert error.message.code == "amount.unit_synonym"
        assert error.message.text(Lang.EN) == f"unknown unit '{word}'; write {fix} (the units are kr, tkr and mkr)"


# --- what every message is ---------------------------------------------------------------------

#: Python's words and reprs, which a controller never wrote.
PYTHON_WORDS = re.compile(
    r"\b(?:None|True|False|NoneType|dict|list|str|int|float|bool|Decimal|tuple|Range|Unit|AmountError)\b"
    r"|\b[A-Z][A-Za-z]+\(|object at 0x|[\[{(]'|'[\]})]|\"'"
)
QUOTED = re.compile(r"'[^'\n]*'")

#: Without ``'``: in text that holds one, what a message quotes cannot be told from its own words
#: (quoting such text plainly is tested on its own below).
ALPHABET = st.sampled_from(list("0123456789 ,.-_:()%+ekKrRtTmMnNsSE"
                                "\u2013\u2212\u2014\u00a0\u200b\u2007٣３½\"\n{}[]"))
TEXT = st.one_of(st.text(ALPHABET, max_size=25), st.text(st.characters(blacklist_characters="'"), max_size=25))


def plain_words(text: str) -> str:
    return QUOTED.sub("''", text)


@PROPERTY
@given(st.one_of(TEXT, st.none(), st.booleans(), st.floats(), st.lists(TEXT, max_size=3),
                 st.dictionaries(st.sampled_from(["low", "high", "interval", "lo"]),
                                 st.one_of(st.none(), st.booleans(), TEXT), max_size=3)))
@example("1\n000")
@example("None")
@example({"interval": True})
def test_no_message_shows_a_python_word_and_every_message_is_one_line(value: object) -> None:
    for read in (parse_effect, parse_amount):
        try:
            read(value, TKR)
        except AmountError as error:
            for lang in Lang:
                text = error.message.text(lang)
                assert text.strip() and "\n" not in text
                assert not PYTHON_WORDS.search(plain_words(text)), text
            assert error.message.code.startswith("amount.")


def test_what_the_user_wrote_is_quoted_plainly_never_as_a_repr() -> None:
    # repr would show "5'00" in double quotes, and '1\n000' as two characters \ n
    assert effect("5'00").message.text(Lang.EN).startswith("'5'00' is not an amount")
    assert effect("1\n000 x").message.text(Lang.EN).startswith("'1\\n000 x' is not an amount")
