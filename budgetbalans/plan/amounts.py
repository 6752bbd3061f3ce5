"""Reading amounts as Swedish plans write them: ``535``, ``"1 750 000 kr"``, ``"0,5 mkr"``,
``"700–1 600"``, ``{low: -500, high: 200}``, ``{interval: 2}``.

Pure functions from text to exact :class:`~decimal.Decimal` kronor. Anything that is not
clearly an amount raises :class:`AmountError`; its message (Swedish by default, English on
request, under a stable ``amount.*`` code) says what is wrong and the text to write instead.
:func:`parse_amount` and :func:`parse_effect` serve every place an amount stands: effects,
range ends, ``full_year``, ``target``, stated totals, follow-up figures and ``--target``.

What an amount is:

- digits are the ASCII digits 0–9, and only they (``٣٠٠`` and ``３００`` are refused with
  the same amount in 0–9);
- digits may be grouped by three with spaces, no-break spaces (U+00A0, U+202F, U+2009) or
  ``_``; the decimal separator is ``,`` (a ``.`` is accepted too);
- a ``.`` followed by exactly three digits after a non-zero integer part (``3.250``,
  ``-1.500``, ``9.600 tkr``, in a range too) is how Swedish documents print thousands, so it
  is ambiguous and refused with both readings (``3 250`` or ``3,25``); ``0.125``, ``2.5`` and
  ``12.75`` are decimals. More than one separator (``1.750.000``, ``1.750,5``) is refused
  with its likely reading;
- a leading ``-`` (or U+2212) makes it negative; a unit ``kr``, ``tkr``, ``mkr`` or ``mnkr``
  may follow.

The slips of text retyped or pasted from Word and Excel are refused with the text to write:
invisible characters, unusual spaces, dashes that look like a hyphen, an en dash as a minus,
``(500)`` and ``500-`` for negatives, ``500:-``, ``,5``, unit words such as ``SEK``,
``MSEK`` or ``tusen``, a unit before the number, scientific notation and odd digit groups.

Every pattern here runs in linear time (there are hostile-input tests), and text longer than
:data:`MAX_AMOUNT_CHARS` is refused before any pattern sees it.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from itertools import islice
from typing import Callable, Mapping

from budgetbalans.i18n import Message, as_message, clip, quoted, template
from budgetbalans.plan.classes import CLASS_BOUNDS
from budgetbalans.plan.money import Range, Unit

#: More digits than any municipal budget needs; also keeps hostile input cheap.
MAX_DIGITS = 15
MAX_DECIMALS = 6
#: "1 750 000 000 kr – 2 000 000 000 kr" is 36 characters; longer text is not an amount.
MAX_AMOUNT_CHARS = 100

# --- the messages ---------------------------------------------------------------------------

_WRITE_SV = "skriv ett tal som 1 500, '0,5 mkr' eller '400 tkr'"
_WRITE_EN = "write a number such as 1 500, '0,5 mkr' or '400 tkr'"
_MAPPING_SV = "en effekt med nycklar skrivs {{low: …, high: …}} eller {{interval: 1-4}}"
_MAPPING_EN = "an effect written as a mapping is {{low: …, high: …}} or {{interval: 1-4}}"

AMOUNT_NOT_A_NUMBER = template(
    "amount.not_a_number",
    sv="{value} är inget belopp; " + _WRITE_SV,
    en="{value} is not an amount; " + _WRITE_EN,
)
AMOUNT_NOT_A_VALUE = template(
    "amount.not_a_value",
    sv="{value} är inget belopp; skriv ett tal som 1 500 eller '0,5 mkr'",
    en="{value} is not an amount; write a number such as 1 500 or '0,5 mkr'",
)
AMOUNT_NO_VALUE = template(
    "amount.no_value",
    sv="värde saknas; skriv ett belopp som 1 500 eller '0,5 mkr'",
    en="no value; write an amount such as 1 500 or '0,5 mkr'",
)
AMOUNT_EFFECT_NO_VALUE = template(
    "amount.effect_no_value",
    sv="värde saknas; skriv ett belopp, eller ta bort året",
    en="no value; write an amount, or leave the year out",
)
AMOUNT_EMPTY = template(
    "amount.empty",
    sv="{value} är inget belopp; skriv ett tal, eller 0, eller ta bort året",
    en="{value} is not an amount; write a number, or 0, or leave the year out",
)
AMOUNT_TOO_LONG = template(
    "amount.too_long",
    sv=f"texten {{value}} är för lång för att vara ett belopp (över {MAX_AMOUNT_CHARS} tecken); " + _WRITE_SV,
    en=f"{{value}} is too long to be an amount (over {MAX_AMOUNT_CHARS} characters); " + _WRITE_EN,
)
AMOUNT_TOO_MANY_DIGITS = template(
    "amount.too_many_digits",
    sv=f"{{value}} har för många siffror; ett belopp har högst {MAX_DIGITS} siffror före decimalkommat "
       f"och {MAX_DECIMALS} efter det",
    en=f"{{value}} has too many digits; amounts have at most {MAX_DIGITS} digits before the decimal comma "
       f"and {MAX_DECIMALS} after it",
)
AMOUNT_THOUSANDS_DOT = template(
    "amount.thousands_dot",
    sv="{value} är tvetydigt: punkten kan skilja tusental eller decimaler; skriv {thousands} eller {decimal}",
    en="{value} is ambiguous: the dot may separate thousands or decimals; write {thousands} or {decimal}",
)
AMOUNT_THOUSANDS_SEPARATORS = template(
    "amount.thousands_separators",
    sv="{value} har skiljetecken mellan tusentalen; tusental skiljs med mellanslag: skriv {fix}",
    en="{value} has two decimal separators; write {fix}",
)
AMOUNT_MIXED_SEPARATORS = template(
    "amount.mixed_separators",
    sv="{value} har både punkt och komma; tusental skiljs med mellanslag och decimaler med komma: skriv {fix}",
    en="{value} has both a dot and a comma; thousands are separated by spaces and decimals by a comma: "
       "write {fix}",
)
AMOUNT_SEPARATORS = template(
    "amount.separators",
    sv="{value} har mer än ett decimaltecken; skriv ett enda decimalkomma, som 1 750,5",
    en="{value} has two decimal separators; use one decimal comma, such as 1 750,5",
)
AMOUNT_ODD_GROUPING = template(
    "amount.odd_grouping",
    sv="{value} har siffrorna grupperade på ett ovanligt sätt; gruppera tre och tre från höger, som {fix}",
    en="{value} groups digits oddly; group by three from the right, such as {fix}",
)
AMOUNT_TIME_OR_RATIO = template(
    "amount.time_or_ratio",
    sv="{value} är inget belopp (en tid eller en kvot?); skriv ett tal som 130",
    en="{value} is not an amount (a time or ratio?); write a number such as 130",
)
AMOUNT_SCIENTIFIC = template(
    "amount.scientific",
    sv="{value} är skrivet i exponentform; skriv ut alla siffror, som {fix}",
    en="{value} is written in scientific notation; write all digits, such as {fix}",
)
AMOUNT_KRONOR_SUFFIX = template(
    "amount.kronor_suffix",
    sv="{value}: {suffix} skrivs inte i planen; skriv beloppet med enhet: {fix}",
    en="{value}: {suffix} is not written in a plan; write the amount with its unit: {fix}",
)
AMOUNT_PARENTHESES = template(
    "amount.parentheses",
    sv="{value}: ett negativt belopp skrivs med minustecken, inte inom parentes; skriv {fix}",
    en="{value}: a negative amount is written with a minus sign, not in parentheses; write {fix}",
)
AMOUNT_TRAILING_MINUS = template(
    "amount.trailing_minus",
    sv="{value} har minustecknet sist; en kostnad skrivs med minustecknet först: {fix}",
    en="{value} has its minus sign last; a cost is written with the minus sign first: {fix}",
)
AMOUNT_LEADING_SEPARATOR = template(
    "amount.leading_separator",
    sv="{value} saknar siffra före decimalkommat; skriv {fix}",
    en="{value} has no digit before the decimal comma; write {fix}",
)
AMOUNT_DASH_AS_MINUS = template(
    "amount.dash_as_minus",
    sv="{value} börjar med ett tankstreck (–), inte ett minustecken; skriv {fix}",
    en="{value} starts with a dash (–), not a minus sign; write {fix}",
)
AMOUNT_UNIT_WORD = template(
    "amount.unit_word",
    sv="okänd enhet {unit} i {value}; skriv {fix} (enheterna är kr, tkr och mkr)",
    en="unknown unit {unit} in {value}; write {fix} (the units are kr, tkr and mkr)",
)
AMOUNT_UNIT_FIRST = template(
    "amount.unit_first",
    sv="{value}: enheten skrivs efter talet; skriv {fix}",
    en="{value}: the unit comes after the number; write {fix}",
)
AMOUNT_NON_ASCII_DIGITS = template(
    "amount.non_ascii_digits",
    sv="{value} har siffran {character}, som inte är någon av siffrorna 0–9; skriv siffrorna 0–9: {fix}",
    en="{value} has the digit {character}, which is not one of the digits 0–9; write the digits 0–9: {fix}",
)
AMOUNT_INVISIBLE_CHARACTER = template(
    "amount.invisible_character",
    sv="{value} innehåller ett osynligt tecken ({character}), ofta inklistrat från Word eller en webbsida; "
       "skriv {fix}",
    en="{value} contains an invisible character ({character}), often pasted from Word or a web page; write {fix}",
)
AMOUNT_ODD_SPACE = template(
    "amount.odd_space",
    sv="{value} har ett ovanligt mellanslag ({character}); skriv ett vanligt mellanslag: {fix}",
    en="{value} has an unusual space ({character}); write an ordinary space: {fix}",
)
AMOUNT_LOOKALIKE = template(
    "amount.lookalike",
    sv="{value} har tecknet {character}, som liknar {plain} men är ett annat tecken; skriv {fix}",
    en="{value} has the character {character}, which looks like {plain} but is another character; write {fix}",
)
AMOUNT_ODD_CHARACTER = template(
    "amount.odd_character",
    sv="{value} innehåller tecknet {character}, som inte hör hemma i ett belopp; skriv ett tal med "
       "siffrorna 0–9, som 1 500, '0,5 mkr' eller '400 tkr'",
    en="{value} contains the character {character}, which does not belong in an amount; write a number "
       "with the digits 0–9, such as 1 500, '0,5 mkr' or '400 tkr'",
)
RANGE_NEGATIVE_END = template(
    "amount.range_negative_end",
    sv="{value}: ett intervall med en negativ ände skrivs med nycklar, som {{low: -500, high: 200}}",
    en="{value}: a range with a negative end is written as a mapping, such as {{low: -500, high: 200}}",
)
RANGE_NOT_AN_AMOUNT = template(
    "amount.range_not_an_amount",
    sv="{value} är varken ett belopp eller ett intervall låg-hög: {reason}",
    en="{value} is neither an amount nor a range low-high: {reason}",
)
RANGE_REVERSED = template(
    "amount.range_reversed",
    sv="intervallet {value} har den nedre gränsen över den övre; skriv det mindre beloppet först",
    en="the range {value} has its low end above its high end; write the smaller amount first",
)
MAPPING_LOW_MISSING = template(
    "amount.mapping_low_missing",
    sv=_MAPPING_SV + "; low: saknas (skriv low: -500, high: 200, eller utelämna high: om det inte "
                     "finns någon övre gräns)",
    en=_MAPPING_EN + "; low: is missing (write low: -500, high: 200, or leave out high: for no upper bound)",
)
MAPPING_UNKNOWN_KEY_GUESS = template(
    "amount.mapping_unknown_key_guess",
    sv=_MAPPING_SV + "; okänd nyckel {key} — menade du {guess}?",
    en=_MAPPING_EN + "; unknown key {key} — did you mean {guess}?",
)
MAPPING_UNKNOWN_KEY = template(
    "amount.mapping_unknown_key",
    sv=_MAPPING_SV + "; okänd nyckel {key}",
    en=_MAPPING_EN + "; unknown key {key}",
)
MAPPING_INTERVAL_ALONE = template(
    "amount.mapping_interval_alone",
    sv=_MAPPING_SV + "; interval: står ensamt, utan low: och high:",
    en=_MAPPING_EN + "; interval: stands alone, without low: or high:",
)
INTERVAL_CLASS = template(
    "amount.interval_class",
    sv="intervallklass {value} finns inte; klasserna är 1 (0,1–1 mkr), 2 (1–2 mkr), 3 (2–3 mkr) "
       "och 4 (över 3 mkr)",
    en="interval class {value} does not exist; the classes are 1 (0,1–1 mkr), 2 (1–2 mkr), "
       "3 (2–3 mkr) and 4 (over 3 mkr)",
)
INTERVAL_NO_VALUE = template(
    "amount.interval_no_value",
    sv="interval: saknar värde; skriv klassen 1, 2, 3 eller 4, som {{interval: 2}}",
    en="interval: has no value; write the class 1, 2, 3 or 4, such as {{interval: 2}}",
)
UNIT_UNKNOWN = template(
    "amount.unit_unknown",
    sv="okänd enhet {value}; skriv kr, tkr eller mkr",
    en="unknown unit {value}; write kr, tkr or mkr",
)
UNIT_SYNONYM = template(
    "amount.unit_synonym",
    sv="okänd enhet {value}; skriv {fix} (enheterna är kr, tkr och mkr)",
    en="unknown unit {value}; write {fix} (the units are kr, tkr and mkr)",
)

#: The messages about separators: in a range they are given for the whole range.
_SEPARATOR_CODES = frozenset(t.code for t in (AMOUNT_THOUSANDS_DOT, AMOUNT_THOUSANDS_SEPARATORS,
                                              AMOUNT_MIXED_SEPARATORS, AMOUNT_SEPARATORS))

# --- what the text may hold -----------------------------------------------------------------

_UNIT_WORDS = {"kr": Unit.KR, "tkr": Unit.TKR, "mkr": Unit.MKR, "mnkr": Unit.MKR}
#: Unit words plans do not use, and the unit to write instead: refused with the fix, never read.
_UNIT_SYNONYMS = {
    **dict.fromkeys(["sek", "kronor", "krona"], Unit.KR),
    **dict.fromkeys(["tsek", "ksek", "t kr", "t sek", "tkronor", "tusen", "tusen kr", "tusen kronor"], Unit.TKR),
    **dict.fromkeys(["msek", "mnsek", "m kr", "m sek", "mn", "mn kr", "mio", "mio kr", "milj", "milj kr",
                     "miljon", "miljoner", "miljon kr", "miljoner kr", "miljon kronor", "miljoner kronor"], Unit.MKR),
}
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_MINUSES = ("-", "\u2212")
_DASHES = "-\u2013\u2212"
#: Characters outside ASCII an amount may hold: the minus sign and the en dash of a range.
_ACCEPTED = frozenset("\u2212\u2013")
_WITHOUT_ACCEPTED = str.maketrans(dict.fromkeys(_ACCEPTED, ""))
#: Separators of other scripts, read as their Swedish counterparts in a suggested fix.
_SEPARATOR_LOOKALIKES = {"\u066b": ",", "\u066c": " "}
#: Searched, not matched with a leading ``.*?\s*``: that form takes quadratic time on long runs of spaces.
_UNIT_RE = re.compile(r"(?P<unit>mnkr|mkr|tkr|kr)\.?$", re.IGNORECASE | re.ASCII)
_NUMBER_RE = re.compile(r"(?P<int>[0-9]{1,3}(?:[ _][0-9]{3})*|[0-9]+)(?:(?P<sep>[,.])(?P<frac>[0-9]+))?")
#: The low end is the shortest text before a dash; ``\Z`` with DOTALL never backtracks the high end.
_RANGE_RE = re.compile(r"(?P<low>.*?[0-9a-zA-Z.])\s*[\u2013-]\s*(?P<high>.+)\Z", re.ASCII | re.DOTALL)
_GROUPED_RE = re.compile(r"[0-9]{1,3}(?:[ _][0-9]{3})*|[0-9]+")
_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:[ _.,][0-9]{3})+")
#: A number in the text, for rewriting it: digits, and separators each followed by digits.
_TOKEN_RE = re.compile(r"(?<![0-9])[0-9]+(?:[ _.,][0-9]+)*")
_ODD_GROUPS_RE = re.compile(r"[0-9]+(?:\s+[0-9]+)+(?:[,.][0-9]+)?", re.ASCII)
_SCIENTIFIC_RE = re.compile(r"[0-9.,]+e[+-]?[0-9]+", re.IGNORECASE | re.ASCII)
_LETTER_RE = re.compile(r"[^\W\d_]")
_WORD_RE = re.compile(r"[^\W\d_]+\.?")


class AmountError(ValueError):
    """Text that is not an amount. ``key`` names the part of a mapping that is wrong."""

    def __init__(self, message: Message | str, key: str | None = None) -> None:
        self.message = as_message(message)
        super().__init__(str(self.message))
        self.key = key


#: What a check of a suggested fix raises: only whether the fix is an amount matters.
_QUIET = AMOUNT_NOT_A_NUMBER(value="''")


def parse_unit(text: str) -> Unit:
    """``kr``, ``tkr``, ``mkr`` (also ``mnkr``), any case."""
    word = text.strip().lower()
    unit = _UNIT_WORDS.get(word)
    if unit is None:
        synonym = _UNIT_SYNONYMS.get(_unit_key(word))
        if synonym is not None:
            raise AmountError(UNIT_SYNONYM(value=quoted(text.strip()), fix=synonym.value))
        raise AmountError(UNIT_UNKNOWN(value=quoted(text.strip())))
    return unit


def _unit_key(word: str) -> str:
    """``"Milj. kr"`` → ``"milj kr"``: a unit word as :data:`_UNIT_SYNONYMS` spells it."""
    return " ".join(word.lower().replace(".", " ").split())


def parse_amount(value: object, unit: Unit) -> Decimal:
    """One amount, in kronor. ``unit`` applies when the text names none."""
    if value is None:
        raise AmountError(AMOUNT_NO_VALUE())
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise AmountError(AMOUNT_NOT_A_VALUE(value=quoted(_written(value))))
    if isinstance(value, (int, Decimal)):
        return _kronor(Decimal(value), unit)
    if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:  # the usual case: 535
        return Decimal(value) * unit.kronor
    return _amount(_amount_text(value), value, unit, explain=True)


def _amount_text(value: str) -> str:
    text = value.translate(_SPACES).strip()
    if len(text) > MAX_AMOUNT_CHARS:
        raise AmountError(AMOUNT_TOO_LONG(value=quoted(value)))
    return text


def _amount(text: str, original: str, unit: Unit, explain: bool) -> Decimal:
    """``text`` (spaces made plain, stripped) as kronor. With ``explain`` false, only whether it is one."""
    if explain:
        _refuse_characters(text, original, lambda fix: _is_amount(fix, unit))
    tail = ""
    match = _UNIT_RE.search(text)
    if match:
        body = text[: match.start()]
        text, tail, unit = body.rstrip(), text[len(body.rstrip()):], _UNIT_WORDS[match["unit"].lower()]
    return _kronor(_parse_number(text, original, tail, unit, explain), unit)


def _kronor(number: Decimal, unit: Unit) -> Decimal:
    amount = number * unit.kronor
    whole = amount.to_integral_value()
    return whole if amount == whole else amount.normalize()


def _parse_number(text: str, original: str, tail: str, unit: Unit, explain: bool) -> Decimal:
    """A number without its unit (``tail``, kept for the fixes a message suggests)."""
    full = text + tail
    sign, head = Decimal(1), ""
    if text[:1] in _MINUSES or text[:1] == "+":
        sign = Decimal(-1) if text[:1] in _MINUSES else sign
        rest = text[1:].lstrip()
        head, text = text[: len(text) - len(rest)], rest
    if not text:
        raise AmountError(AMOUNT_EMPTY(value=quoted(original)))
    if text.count(",") + text.count(".") > 1 and not _LETTER_RE.search(text):  # not "1,5 milj."
        raise AmountError(_separators(full, original) if explain else _QUIET)
    match = _NUMBER_RE.fullmatch(text)
    if match is None:
        raise AmountError(_not_a_number(original, head, text, tail, unit) if explain else _QUIET)
    digits, frac = match["int"].replace(" ", "").replace("_", ""), match["frac"] or ""
    if match["sep"] == "." and len(frac) == 3 and digits.strip("0"):
        raise AmountError(_separators(full, original) if explain else _QUIET)
    if len(digits) > MAX_DIGITS or len(frac) > MAX_DECIMALS:
        raise AmountError(AMOUNT_TOO_MANY_DIGITS(value=quoted(original)))
    return sign * Decimal(f"{digits}.{frac}" if frac else digits)


def _is_amount(text: str, unit: Unit) -> bool:
    try:
        _amount(text, text, unit, explain=False)
    except AmountError:
        return False
    return True


def _is_effect(text: str, unit: Unit) -> bool:
    try:
        _effect(text, text, unit, explain=False)
    except AmountError:
        return False
    return True


# --- separators: 3.250, 1.750.000, 1.750,5 ----------------------------------------------------


def _separators(text: str, original: str) -> Message:
    """The message for the separators of ``text``: each number rewritten as it was likely meant."""
    kinds: set[str] = set()
    thousands: list[str] = []
    decimal: list[str] = []
    end = 0
    for token in _TOKEN_RE.finditer(text):
        kind, as_thousands, as_decimal = _readings(token.group())
        kinds.add(kind)
        thousands += [text[end: token.start()], as_thousands]
        decimal += [text[end: token.start()], as_decimal]
        end = token.end()
    value = quoted(original)
    fix, other = _flat("".join(thousands) + text[end:]), _flat("".join(decimal) + text[end:])
    if "dot" in kinds:
        return AMOUNT_THOUSANDS_DOT(value=value, thousands=fix, decimal=other)
    if "unreadable" in kinds or not kinds & {"thousands", "mixed"}:
        return AMOUNT_SEPARATORS(value=value)
    if "mixed" in kinds:
        return AMOUNT_MIXED_SEPARATORS(value=value, fix=fix)
    return AMOUNT_THOUSANDS_SEPARATORS(value=value, fix=fix)


def _readings(token: str) -> tuple[str, str, str]:
    """How one number is read: its kind, and its thousands and decimal readings in Swedish notation.

    ``dot``: ``3.250`` (``3 250`` or ``3,25``); ``thousands``: ``1.750.000`` (``1 750 000``);
    ``mixed``: ``1.750,5`` or ``1,750.5`` (``1 750,5``); ``unreadable``: ``1,2,3``; else ``""``.
    """
    marks = [char for char in token if char in ",."]
    if marks == ["."]:
        whole, frac = token.split(".")
        digits = whole.replace(" ", "").replace("_", "")
        if len(frac) == 3 and _GROUPED_RE.fullmatch(whole) and digits.strip("0"):
            decimals = frac.rstrip("0")
            return "dot", _group(digits + frac), _group(digits) + ("," + decimals if decimals else "")
        return "", token, token
    if len(marks) < 2:
        return "", token, token
    if len(set(marks)) == 1:
        if _THOUSANDS_RE.fullmatch(token):
            reading = _group(re.sub("[ _.,]", "", token))
            return "thousands", reading, reading
        return "unreadable", token, token
    whole, frac = token.rsplit(marks[-1], 1)
    if marks.count(marks[-1]) == 1 and frac.isdigit() and _THOUSANDS_RE.fullmatch(whole):
        reading = f"{_group(re.sub('[ _.,]', '', whole))},{frac}"
        return "mixed", reading, reading
    return "unreadable", token, token


def _group(digits: str) -> str:
    """``"0012345"`` → ``"12 345"``: digits grouped by three from the right, Swedish style."""
    digits = digits.lstrip("0") or "0"
    head = len(digits) % 3 or 3
    return " ".join([digits[:head], *(digits[i: i + 3] for i in range(head, len(digits), 3))])


def _flat(text: str) -> str:
    """Text suggested in a message, on one line with plain spaces."""
    return " ".join(text.split())


# --- other slips, each with the text to write -------------------------------------------------


def _not_a_number(original: str, head: str, text: str, tail: str, unit: Unit) -> Message:
    """Why ``text`` (after the sign ``head``, before the unit ``tail``) is no number, and the fix."""
    value = quoted(original)

    def fix(number: str) -> str | None:
        fixed = _flat(head + number + tail)
        return fixed if _is_amount(fixed, unit) else None

    full = head + text + tail
    if text[:1] == "\u2013" and (fixed := fix("-" + text[1:].lstrip())):
        return AMOUNT_DASH_AS_MINUS(value=value, fix=fixed)
    if _ODD_GROUPS_RE.fullmatch(text):
        return AMOUNT_ODD_GROUPING(value=value, fix=fix(_regrouped(text)) or "1 750 000")
    if full.endswith((":-", ",-")):
        number = full[:-2].rstrip()
        fixed = _flat(number if _UNIT_RE.search(number) else f"{number} kr")
        if _is_amount(fixed, unit):
            return AMOUNT_KRONOR_SUFFIX(value=value, suffix=quoted(full[-2:]), fix=fixed)
    if ":" in text:
        return AMOUNT_TIME_OR_RATIO(value=value)
    if _SCIENTIFIC_RE.fullmatch(text):
        written = _expanded(text)
        return AMOUNT_SCIENTIFIC(value=value, fix=(written and fix(written)) or "1 000 000")
    if text[:1] == "(" and text[-1:] == ")" and not head and (fixed := fix("-" + text[1:-1].strip())):
        return AMOUNT_PARENTHESES(value=value, fix=fixed)
    if text[-1:] in _MINUSES and not head and (fixed := fix("-" + text[:-1].rstrip())):
        return AMOUNT_TRAILING_MINUS(value=value, fix=fixed)
    if text[:1] in ",." and (fixed := fix("0," + text[1:])):
        return AMOUNT_LEADING_SEPARATOR(value=value, fix=fixed)
    return _unit_word(original, full, unit) or AMOUNT_NOT_A_NUMBER(value=value)


def _regrouped(text: str) -> str:
    """``"17 50 000,5"`` → ``"1 750 000,5"``: the whole part grouped by three."""
    split = re.search("[,.]", text)
    whole, rest = (text[: split.start()], text[split.start():]) if split else (text, "")
    return _group("".join(whole.split())) + rest


def _expanded(text: str) -> str | None:
    """``"2,5e3"`` → ``"2 500"``, or ``None`` if it is no number of a plan's size."""
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number.adjusted()) > MAX_DIGITS:
        return None
    whole, _, frac = f"{number:f}".partition(".")
    frac = frac.rstrip("0")
    return _group(whole) + ("," + frac if frac else "")


def _unit_word(original: str, full: str, unit: Unit) -> Message | None:
    """``"1,5 MSEK"`` → ``1,5 mkr``; ``"kr 500"`` → ``500 kr``; ``None`` for other text."""
    letter = _LETTER_RE.search(full)
    if letter is None:
        return None
    if letter.start() > 0:
        number, word = full[: letter.start()].rstrip(), full[letter.start():]
        synonym = _UNIT_SYNONYMS.get(_unit_key(word))
        fixed = f"{number} {synonym.value}" if synonym else ""
        if synonym and _is_amount(fixed, unit):
            return AMOUNT_UNIT_WORD(value=quoted(original), unit=quoted(word), fix=_flat(fixed))
        return None
    match = _WORD_RE.match(full)
    assert match is not None
    word, number = _unit_key(match.group()), full[match.end():].strip()
    known = _UNIT_WORDS.get(word) or _UNIT_SYNONYMS.get(word)
    fixed = f"{number} {known.value}" if known else ""
    if known and number and not _LETTER_RE.search(number) and _is_amount(fixed, unit):
        return AMOUNT_UNIT_FIRST(value=quoted(original), fix=_flat(fixed))
    return None


def _refuse_characters(text: str, original: str, valid: Callable[[str], bool]) -> None:
    """Refuse characters that look like part of an amount but are not: ``٣``, ``３``, U+200B, ``—``."""
    slip = _character_slip(text, original, valid)
    if slip is not None:
        raise AmountError(slip)


def _character_slip(text: str, original: str, valid: Callable[[str], bool]) -> Message | None:
    if text.isascii() or text.translate(_WITHOUT_ACCEPTED).isascii():  # the usual case, in C
        return None
    first: tuple[str, str, str] | None = None
    pieces: list[str] = []
    for char in text:
        kind, plain = _character(char)
        if kind and first is None:
            first = kind, char, plain
        pieces.append(plain)
    if first is None:
        return None
    kind, char, plain = first
    value, fix = quoted(original), _flat("".join(pieces))
    if kind == "numeral" or not valid(fix):
        return AMOUNT_ODD_CHARACTER(value=value, character=quoted(char))
    if kind == "digit":
        return AMOUNT_NON_ASCII_DIGITS(value=value, character=quoted(char), fix=fix)
    if kind == "invisible":
        return AMOUNT_INVISIBLE_CHARACTER(value=value, character=_code_point(char), fix=fix)
    if kind == "space":
        return AMOUNT_ODD_SPACE(value=value, character=_code_point(char), fix=fix)
    shown = f"{quoted(char)} ({_code_point(char)})"
    return AMOUNT_LOOKALIKE(value=value, character=shown, plain=quoted(plain), fix=fix)


def _character(char: str) -> tuple[str, str]:
    """What kind of slip ``char`` is (``""`` for none) and what to write instead."""
    if char.isascii() or char in _ACCEPTED:
        return "", char
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return "digit", str(digit)
    if char.isnumeric():  # ², ½, Ⅻ: no single digit to write instead
        return "numeral", char
    category = unicodedata.category(char)
    if category == "Cf":
        return "invisible", ""
    if category in ("Zs", "Zl", "Zp"):
        return "space", " "
    if category == "Pd":
        return "lookalike", "-"
    if char in _SEPARATOR_LOOKALIKES:
        return "lookalike", _SEPARATOR_LOOKALIKES[char]
    plain = unicodedata.normalize("NFKC", char)
    if plain != char and plain.isascii() and plain.isprintable():
        return "lookalike", plain
    return "", char


def _code_point(char: str) -> str:
    return f"U+{ord(char):04X}"


# --- effects: an amount, a range or an interval class -----------------------------------------


def parse_effect(value: object, unit: Unit) -> Range:
    """An effect: an amount, a range ``low-high``, ``{low:, high:}`` or ``{interval: N}``."""
    if isinstance(value, Mapping):
        return _parse_effect_mapping(value, unit)
    if value is None:
        raise AmountError(AMOUNT_EFFECT_NO_VALUE())
    if isinstance(value, str) and not (value.isascii() and value.isdigit()):
        return _effect(_amount_text(value), value, unit, explain=True)
    return Range.exact(parse_amount(value, unit))


def _effect(text: str, original: str, unit: Unit, explain: bool) -> Range:
    if explain:
        _refuse_characters(text, original, lambda fix: _is_effect(fix, unit))
        _refuse_minus_between(text, original, unit)
    split = split_range(text)
    if split is not None:
        return _parse_range_text(original, text, *split, unit, explain)
    return Range.exact(_amount(text, original, unit, explain))


def _refuse_minus_between(text: str, original: str, unit: Unit) -> None:
    """``700−1600``: a minus sign (U+2212) between two amounts, where a range takes ``-`` or ``–``."""
    if "\u2212" not in text[1:]:
        return
    fix = text[:1] + text[1:].replace("\u2212", "-")
    if _is_effect(fix, unit):
        raise AmountError(AMOUNT_LOOKALIKE(value=quoted(original), character=f"{quoted(chr(0x2212))} (U+2212)",
                                           plain=quoted("-"), fix=_flat(fix)))


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


def _parse_range_text(original: str, text: str, low_text: str, high_text: str, unit: Unit,
                      explain: bool) -> Range:
    if high_text.lstrip()[:1] in _DASHES or low_text[:1] in _DASHES:
        raise AmountError(RANGE_NEGATIVE_END(value=quoted(original)))
    high_unit = _UNIT_RE.search(high_text.strip())
    low_unit = _UNIT_RE.search(low_text.strip())
    if high_unit and not low_unit:  # "0,5-1 mkr": the unit belongs to both ends
        low_text = f"{low_text} {high_unit['unit']}"
    try:
        low = _amount(low_text.strip(), low_text, unit, explain)
        high = _amount(high_text.strip(), high_text, unit, explain)
    except AmountError as error:
        if not explain:
            raise
        if error.message.code in _SEPARATOR_CODES:  # "1.500-2.000": both ends, read the same way
            raise AmountError(_separators(text, original)) from None
        raise AmountError(RANGE_NOT_AN_AMOUNT(value=quoted(original), reason=error.message)) from None
    return _ordered(low, high, quoted(original))


def _ordered(low: Decimal, high: Decimal | None, shown: str) -> Range:
    if high is not None and low > high:
        raise AmountError(RANGE_REVERSED(value=shown))
    return Range(low, high)


def _parse_effect_mapping(value: Mapping[object, object], unit: Unit) -> Range:
    keys = set(value)
    if keys == {"interval"}:
        return interval_range(value["interval"])
    unknown = sorted(map(str, keys - {"low", "high", "interval"}))
    if unknown:
        close = difflib.get_close_matches(unknown[0], ["low", "high", "interval"], n=1, cutoff=0.5)
        if close:
            raise AmountError(MAPPING_UNKNOWN_KEY_GUESS(key=quoted(unknown[0]), guess=quoted(close[0])),
                              key=unknown[0])
        raise AmountError(MAPPING_UNKNOWN_KEY(key=quoted(unknown[0])), key=unknown[0])
    if "interval" in keys:
        raise AmountError(MAPPING_INTERVAL_ALONE(), key="interval")
    if "low" not in keys:
        raise AmountError(MAPPING_LOW_MISSING())
    low = _keyed(value["low"], unit, "low")
    high = None if value.get("high") is None else _keyed(value["high"], unit, "high")
    return _ordered(low, high, f"{{low: {_one_line(value['low'])}, high: {_one_line(value.get('high'))}}}")


def _keyed(raw: object, unit: Unit, key: str) -> Decimal:
    try:
        return parse_amount(raw, unit)
    except AmountError as error:
        raise AmountError(error.message, key=key) from None


_CLASSES = frozenset({"1", "2", "3", "4"})


#: Each class written as ``{interval: N}``: one Range, shared by every effect written so.
_INTERVAL_RANGES = {n: Range(CLASS_BOUNDS[n - 1], CLASS_BOUNDS[n] if n < len(CLASS_BOUNDS) else None, interval=n)
                    for n in range(1, len(CLASS_BOUNDS) + 1)}


def interval_range(raw: object) -> Range:
    """``{interval: N}``: somewhere in class N (class 4 has no upper bound)."""
    if raw is None:
        raise AmountError(INTERVAL_NO_VALUE(), key="interval")
    number = str(raw).strip() if isinstance(raw, (str, int)) and not isinstance(raw, bool) else ""
    if number not in _CLASSES:
        slip = _character_slip(number, number, lambda fix: fix in _CLASSES)
        if slip is not None and slip.code == AMOUNT_NON_ASCII_DIGITS.code:  # {interval: ２}
            raise AmountError(slip, key="interval")
        raise AmountError(INTERVAL_CLASS(value=quoted(_written(raw))), key="interval")
    return _INTERVAL_RANGES[int(number)]


def _written(value: object, depth: int = 0) -> str:
    """A value as a plan would write it, for a message: never a Python repr."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float, Decimal)):
        return str(value)
    if value is None:
        return ""
    if depth >= 2:
        return "…"
    if isinstance(value, Mapping):
        items = [f"{_written(key, depth + 1)}: {_written(item, depth + 1)}" for key, item in islice(value.items(), 4)]
        return "{" + ", ".join(items + (["…"] if len(value) > 4 else [])) + "}"
    if isinstance(value, (list, tuple)):
        items = [_written(item, depth + 1) for item in value[:4]]
        return "[" + ", ".join(items + (["…"] if len(value) > 4 else [])) + "]"
    return "…"


def _one_line(value: object) -> str:
    """An amount as written, for a message: on one line (``"100\\nkr"`` is a valid amount)."""
    return clip(" ".join(_written(value).split()))
