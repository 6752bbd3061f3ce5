"""The plan format (docs/planformat.md) as immutable pydantic models.

Values arrive as the text they were written as (see :mod:`budgetbalans.read.yamlsource`);
amounts are read in the plan's unit, which validation receives as context
(``{"unit": Unit}``). The JSON Schema of these models is what ``budgetbalans schema`` prints.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any, Iterable, Literal, Mapping, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PlainValidator,
    PrivateAttr,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from budgetbalans.plan.amounts import AmountError, parse_amount, parse_effect, parse_unit
from budgetbalans.plan import notation
from budgetbalans.plan.money import Range, Unit
from budgetbalans.i18n import Message, as_message, quoted, template

FIRST_YEAR, LAST_YEAR = 1900, 2200


class Status(str, Enum):
    """A measure's status; plans may write the Swedish words (see :data:`STATUS_WORDS`)."""

    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    INVESTIGATING = "investigating"
    PAUSED = "paused"
    CANCELLED = "cancelled"


#: Every word a plan may use for a status, English and Swedish, lower case.
STATUS_WORDS: dict[str, Status] = {
    **{status.value: status for status in Status},
    **dict.fromkeys(["planerad", "planerat", "planerade", "ej påbörjad", "ej påbörjat"], Status.PLANNED),
    **dict.fromkeys(["pågår", "pågående", "påbörjad", "påbörjat"], Status.ONGOING),
    **dict.fromkeys(
        ["klart", "klar", "genomfört", "genomförd", "avslutad", "avslutat", "verkställd", "verkställt"],
        Status.DONE,
    ),
    **dict.fromkeys(["utredning", "utreds", "under utredning"], Status.INVESTIGATING),
    **dict.fromkeys(["pausad", "pausat", "vilande"], Status.PAUSED),
    **dict.fromkeys(["avbruten", "avbrutet", "avbrutna", "struken", "stoppad"], Status.CANCELLED),
}

#: The Swedish word reports use for each status.
STATUS_SWEDISH = {
    Status.PLANNED: "planerad",
    Status.ONGOING: "pågår",
    Status.DONE: "klart",
    Status.INVESTIGATING: "utredning",
    Status.PAUSED: "pausad",
    Status.CANCELLED: "avbruten",
}


def _fail(reason: Message | str, subkey: str | None = None) -> PydanticCustomError:
    """A validation error that carries our own message (its wording is chosen when it is shown)."""
    return PydanticCustomError("plan", "{reason}", {"reason": as_message(reason), "subkey": subkey})


def _unit(info: ValidationInfo) -> Unit:
    context = info.context or {}
    unit = context.get("unit", Unit.TKR)
    return unit if isinstance(unit, Unit) else Unit.TKR


def _read_amount(value: Any, info: ValidationInfo) -> Decimal:
    try:
        return parse_amount(value, _unit(info))
    except AmountError as error:
        raise _fail(error.message, error.key) from None


TARGET_NEGATIVE = template(
    "plan.target.negative",
    sv="sparbetinget {value} är negativt; ett sparbeting är det som ska sparas och skrivs som ett positivt belopp: "
       "skriv {fix}",
    en="the target {value} is negative; a target (sparbeting) is what must be saved, written as a positive "
       "amount: write {fix}")


def _read_target(value: Any, info: ValidationInfo) -> Decimal:
    """An amount of a sparbeting: zero or more."""
    amount = _read_amount(value, info)
    if amount < 0:
        fix = str(value).strip().lstrip("-−").strip()
        raise _fail(TARGET_NEGATIVE(value=quoted(value), fix=fix))
    return amount


def _read_effect(value: Any, info: ValidationInfo) -> Range:
    if isinstance(value, Range):
        return value
    try:
        return _effect_written(value, _unit(info)) if isinstance(value, str) else parse_effect(value, _unit(info))
    except AmountError as error:
        raise _fail(error.message, error.key) from None


@lru_cache(maxsize=4096)
def _effect_written(text: str, unit: Unit) -> Range:
    """An effect written as text: one Range (immutable) shared by every effect written alike, read once."""
    return parse_effect(text, unit)


# --- years ---------------------------------------------------------------------------------------

YEAR_NOT_A_YEAR = template(
    "year.not_a_year",
    sv="{key} är inget årtal; skriv ett årtal med fyra siffror, till exempel 2025",
    en="{key} is not a year; write a four-digit year such as 2025")
YEAR_SPACES = template(
    "year.spaces",
    sv="{key} har mellanslag runt årtalet; skriv {year} utan mellanslag",
    en="{key} has spaces around the year; write {year} without spaces")
YEAR_NOT_ASCII = template(
    "year.not_plain_digits",
    sv="{key} är skrivet med andra tecken än siffrorna 0–9 (till exempel breda siffror från Word eller en "
       "webbsida); skriv {year} med vanliga siffror",
    en="{key} is written with characters other than the digits 0–9 (such as full-width digits from Word or a "
       "web page); write {year} in plain digits")
YEAR_WRITE_AS = template(
    "year.write_as",
    sv="{key} är inget årtal; skriv bara årtalet: {year}",
    en="{key} is not a year; write the year alone: {year}")
YEAR_OUT_OF_RANGE = template(
    "year.out_of_range",
    sv="{key} är inget år som en plan kan gälla (1900–2200); rätta årtalet",
    en="{key} is not a year a plan can cover (1900–2200); correct the year")
YEAR_MISSING = template(
    "year.missing",
    sv="här saknas ett årtal; skriv ett årtal med fyra siffror, till exempel 2025",
    en="a year is missing here; write a four-digit year such as 2025")
YEAR_NOT_TEXT = template(
    "year.not_one_value",
    sv="här ska stå ett årtal, inte en lista eller nycklar; skriv till exempel 2025",
    en="a year belongs here, not a list or keys; write for example 2025")

#: A year as plans write it: four ASCII digits, nothing around them.
_PLAIN_YEAR = re.compile(r"[0-9]{4}")
_DIGIT_RUNS = re.compile(r"[0-9]+")


def _plain_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (full-width, Arabic-Indic, …) as its ASCII digit."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def is_plain_year(value: object) -> bool:
    """Whether ``value`` is a year as written in a plan: four ASCII digits in 1900–2200 (or such an int)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return FIRST_YEAR <= value <= LAST_YEAR
    return (isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit()
            and FIRST_YEAR <= int(value) <= LAST_YEAR)


def intended_year(text: str) -> int | None:
    """The one year ``text`` seems to mean (``"2026 "``, ``"år 2025"``, ``"2025.0"``, ``"２０２４"``), else ``None``.

    Only the year a reader would see: one run of four digits (any script), at most followed by
    a decimal part of zeros, and letters or spaces around it.
    """
    if len(text) > 40:
        return None
    runs = _DIGIT_RUNS.findall(_plain_digits(text))
    if not runs or len(runs[0]) != 4 or any(run.strip("0") for run in runs[1:]) or len(runs) > 2:
        return None
    year = int(runs[0])
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def year_problem(value: object) -> Message:
    """What is wrong with a year as written, and the text to write instead."""
    if value is None:
        return YEAR_MISSING()
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        return YEAR_NOT_TEXT()
    key = quoted(value)
    text = str(value)
    if _PLAIN_YEAR.fullmatch(text):
        return YEAR_OUT_OF_RANGE(key=key)
    year = intended_year(text)
    if year is None:
        digits = _DIGIT_RUNS.findall(_plain_digits(text))
        if len(digits) == 1 and len(digits[0]) == 4:
            return YEAR_OUT_OF_RANGE(key=key)
        return YEAR_NOT_A_YEAR(key=key)
    if _plain_digits(text) != text:
        return YEAR_NOT_ASCII(key=key, year=year)
    if text.strip() == str(year):
        return YEAR_SPACES(key=key, year=year)
    return YEAR_WRITE_AS(key=key, year=year)


#: One int for each year a plan can cover, shared by every mapping keyed by it (28 bytes a year a measure less).
_YEARS = {year: year for year in range(FIRST_YEAR, LAST_YEAR + 1)}


def _read_year(value: Any) -> int:
    if not is_plain_year(value):
        raise _fail(year_problem(value))
    return _YEARS[int(value)]


#: How plans write the key of the period's stated total.
TOTAL_WORDS = frozenset({"total", "totalt", "summa"})

STATED_KEY_UNKNOWN = template(
    "year.stated_key",
    sv="{key} är varken ett årtal eller total; dokumentets summor skrivs per år (2025: …) eller för hela "
       "perioden (total: …)",
    en="{key} is neither a year nor 'total'; stated totals are per year (2025: …) or for the whole period "
       "(total: …)")


def _read_stated_key(value: Any) -> Union[int, Literal["total"]]:
    if isinstance(value, str) and value.strip().lower() in TOTAL_WORDS:
        return "total"
    if is_plain_year(value):
        return int(value)
    if isinstance(value, str) and intended_year(value) is None and not _PLAIN_YEAR.fullmatch(value):
        raise _fail(STATED_KEY_UNKNOWN(key=quoted(value)))
    raise _fail(year_problem(value))


# --- dates ---------------------------------------------------------------------------------------

DATE_INVALID = template(
    "plan.date.invalid",
    sv="{what}: {value} är inget datum; skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-04-01",
    en="{what}: {value} is not a date; write it as YYYY-MM-DD, such as 2024-04-01")
DATE_WRITE_AS = template(
    "plan.date.write_as",
    sv="{what}: skriv datumet som {date} (ÅÅÅÅ-MM-DD), inte {value}",
    en="{what}: write the date as {date} (YYYY-MM-DD), not {value}")
DATE_OUT_OF_RANGE = template(
    "plan.date.out_of_range",
    sv="{what}: {value} ligger utanför de år en plan kan gälla (1900–2200); rätta årtalet",
    en="{what}: {value} is outside the years a plan can cover (1900–2200); correct the year")
DATE_NOT_TEXT = template(
    "plan.date.not_one_value",
    sv="{what} ska vara ett datum skrivet ÅÅÅÅ-MM-DD, till exempel 2024-04-01",
    en="{what} should be a date written as YYYY-MM-DD, such as 2024-04-01")

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
#: Other ways a date is written that mean one date: 20240701, 2024/07/01, 2024.07.01, 2024-7-1, with a time.
_OTHER_DATE = re.compile(r"([0-9]{4})([-/.]?)([0-9]{1,2})\2([0-9]{1,2})(?:[ T][0-9:.]+Z?)?")
#: A date as Swedish documents write it, day first: 1/7 2025, 1/7-2025, 1 juli 2025. (1/7/2025 is not
#: among them: it is the seventh of January in American usage.)
_SWEDISH_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:\s+|\s*-\s*)([0-9]{4})"
                           r"|([0-9]{1,2})\.?\s+([^\W\d_]+?)\.?\s+([0-9]{4})")
_MONTHS = {name: number for number, names in enumerate(
    [("januari", "jan"), ("februari", "feb"), ("mars", "mar"), ("april", "apr"), ("maj",), ("juni", "jun"),
     ("juli", "jul"), ("augusti", "aug"), ("september", "sep", "sept"), ("oktober", "okt"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}


def plan_date(value: object) -> date | None:
    """A date as a plan writes it (``2024-07-01``, in 1900–2200), else ``None``."""
    if isinstance(value, date):
        return value if FIRST_YEAR <= value.year <= LAST_YEAR else None
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        found = date(*map(int, match.groups()))
    except ValueError:
        return None
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def _read_date(value: Any, info: ValidationInfo) -> date:
    found = plan_date(value)
    if found is not None:
        return found
    what = quoted(info.field_name or "date")
    if not isinstance(value, (str, date)):
        raise _fail(DATE_NOT_TEXT(what=what))
    text = str(value)
    match = _ISO_DATE.fullmatch(text)
    if match is not None and not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise _fail(DATE_OUT_OF_RANGE(what=what, value=quoted(text)))
    other = _OTHER_DATE.fullmatch(_plain_digits(text).strip()) if match is None else None
    if other is not None:
        try:
            meant = date(int(other[1]), int(other[3]), int(other[4]))
        except ValueError:
            meant = None
        if meant is not None and FIRST_YEAR <= meant.year <= LAST_YEAR:
            raise _fail(DATE_WRITE_AS(what=what, date=meant.isoformat(), value=quoted(text)))
    swedish = _swedish_date(_plain_digits(text).strip()) if match is None else None
    if swedish is not None:
        raise _fail(DATE_WRITE_AS(what=what, date=swedish.isoformat(), value=quoted(text)))
    raise _fail(DATE_INVALID(what=what, value=quoted(text)))


def _swedish_date(text: str) -> date | None:
    """The date a Swedish reader sees in ``1/7 2025``, ``1/7-2025`` or ``1 juli 2025``, else ``None``."""
    found = _SWEDISH_DATE.fullmatch(text)
    if found is None:
        return None
    day, month, year = found.group(1, 2, 3) if found[1] else found.group(4, 5, 6)
    number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    try:
        meant = None if number is None else date(int(year), number, int(day))
    except ValueError:
        return None
    return meant if meant is not None and FIRST_YEAR <= meant.year <= LAST_YEAR else None


# --- status, id, unit ------------------------------------------------------------------------------

STATUS_UNKNOWN = template(
    "status.unknown",
    sv="okänd status {value}; skriv något av planerad, pågår, klart, utredning, pausad, avbruten "
       "(eller planned, ongoing, done, investigating, paused, cancelled)",
    en="unknown status {value}; write one of planerad, pågår, klart, utredning, pausad, avbruten "
       "(or planned, ongoing, done, investigating, paused, cancelled)")
STATUS_GUESS = template(
    "status.did_you_mean",
    sv="okänd status {value} — menade du {guess}?",
    en="unknown status {value} — did you mean {guess}?")
STATUS_NOT_A_WORD = template(
    "status.not_a_word",
    sv="status ska vara ett av orden planerad, pågår, klart, utredning, pausad, avbruten",
    en="a status is one of the words planerad, pågår, klart, utredning, pausad, avbruten "
       "(or planned, ongoing, done, investigating, paused, cancelled)")


def _read_status(value: Any) -> Status:
    if isinstance(value, Status):
        return value
    if not isinstance(value, str):
        raise _fail(STATUS_NOT_A_WORD())
    word = " ".join(value.split()).lower()
    status = STATUS_WORDS.get(word)
    if status is None and word in DECISION_STATE_WORDS:
        raise _fail(STATUS_IS_A_DECISION(value=quoted(value), state=DECISION_STATE_WORDS[word].value))
    if status is None:
        guess = _close_status(word)
        raise _fail(STATUS_UNKNOWN(value=quoted(value)) if guess is None
                    else STATUS_GUESS(value=quoted(value), guess=quoted(guess)))
    return status


def _without_accents(word: str) -> str:
    return "".join(char for char in unicodedata.normalize("NFD", word) if not unicodedata.combining(char))


def _close_status(word: str) -> str | None:
    """The status word ``word`` is a slip of (``pågåe``, ``pagar``), compared without å, ä, ö's marks."""
    return close_word(word, STATUS_WORDS)


def close_word(word: str, words: Iterable[str]) -> str | None:
    """The one of ``words`` that ``word`` is a slip of, compared without å, ä, ö's marks; else ``None``."""
    plain = {_without_accents(known): known for known in words}
    close = difflib.get_close_matches(_without_accents(word), list(plain), n=1, cutoff=0.75)
    return plain[close[0]] if close else None


ID_INVALID = template(
    "plan.id.invalid",
    sv="en åtgärds id är en kort text eller ett nummer, till exempel id: 3 eller id: VO-2",
    en="a measure's id is a short text or number, such as id: 3 or id: VO-2")


NOT_TRUE_OR_FALSE = template(
    "plan.value.not_true_or_false",
    sv="{what} ska vara true eller false; skriv true för ja och false för nej",
    en="{what} should be true or false; write true for yes and false for no")
FLAG_WORD = template(
    "plan.value.true_false_word",
    sv="{what} ska vara true eller false; skriv {fix} i stället för {value}",
    en="{what} should be true or false; write {fix} instead of {value}")

#: Words for yes and no that a plan does not read as true or false (YAML 1.1 would, some of them), and
#: the word to write instead.
_FLAG_WORDS = {**dict.fromkeys(["ja", "j", "yes", "y", "sant", "on"], "true"),
               **dict.fromkeys(["nej", "n", "no", "falskt", "falsk", "off"], "false")}


def _read_flag(value: Any, info: ValidationInfo) -> bool:
    """``true`` or ``false`` (any case), nothing else: ``yes``, ``on`` or ``1`` is not read as a yes."""
    if isinstance(value, bool):
        return value
    word = value.strip().lower() if isinstance(value, str) else ""
    if word not in ("true", "false"):
        what = quoted(info.field_name or "")
        fix = _FLAG_WORDS.get(word)
        raise _fail(NOT_TRUE_OR_FALSE(what=what) if fix is None else FLAG_WORD(what=what, fix=fix, value=quoted(value)))
    return word == "true"


def _read_id(value: Any) -> str:
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise _fail(ID_INVALID())


UNIT_NOT_A_WORD = template(
    "plan.unit.not_a_word",
    sv="enheten ska vara ett av orden kr, tkr eller mkr; skriv till exempel unit: tkr",
    en="the unit is one of the words kr, tkr or mkr; write for example unit: tkr")


def _read_unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if not isinstance(value, str):
        raise _fail(UNIT_NOT_A_WORD())
    try:
        return parse_unit(value)
    except AmountError as error:
        raise _fail(error.message) from None


#: An amount as text, for editors: digits grouped by three (at most 15 before the decimal
#: comma, 6 after it), an optional unit. The same rules as :mod:`budgetbalans.plan.amounts`.
#: A dot before exactly three digits after a non-zero whole part (3.250) is refused as ambiguous.
_NUMBER_TEXT = (r"(?:0+\.[0-9]{1,6}|(?:[0-9]{1,15}|[0-9]{1,3}(?:[ \u00a0\u202f_][0-9]{3}){1,4})"
                r"(?:,[0-9]{1,6}|\.(?:[0-9]{1,2}|[0-9]{4,6}))?)"
                r"\s*(?:(?:[tT]|[mM][nN]?)?[kK][rR])?\.?")
_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "maximum": 10**15, "minimum": -(10**15)},
        {"type": "string", "pattern": rf"^\s*[-−+]?\s*{_NUMBER_TEXT}\s*$"},
    ],
    "description": "An amount: a number in the plan's unit, or text with its own unit: '0,5 mkr', '400 tkr', '1 750 000 kr'.",
}
_TARGET_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "maximum": 10**15, "minimum": 0},
        {"type": "string", "pattern": rf"^\s*\+?\s*{_NUMBER_TEXT}\s*$"},
    ],
    "description": "A sparbeting: what must be saved, zero or a positive amount ('12 357', '0,5 mkr').",
}
_RANGE_TEXT_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": rf"^\s*{_NUMBER_TEXT}\s*[-–]\s*{_NUMBER_TEXT}\s*$",
    "description": "A range low-high, such as '700-1600' or '0,5–1 mkr'.",
}
_EFFECT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        _AMOUNT_SCHEMA,
        _RANGE_TEXT_SCHEMA,
        {
            "type": "object",
            "properties": {"low": _AMOUNT_SCHEMA, "high": {"anyOf": [_AMOUNT_SCHEMA, {"type": "null"}]}},
            "required": ["low"],
            "additionalProperties": False,
        },
        {
            "type": "object",
            "properties": {"interval": {"anyOf": [{"enum": [1, 2, 3, 4]}, {"enum": ["1", "2", "3", "4"]}]}},
            "required": ["interval"],
            "additionalProperties": False,
        },
    ],
    "description": "An effect: an amount, a range, {low, high} or {interval: 1-4}.",
}
_YEAR_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}
_YEAR_KEY = r"^[0-9]{4}$"

Amount = Annotated[Decimal, PlainValidator(_read_amount), WithJsonSchema(_AMOUNT_SCHEMA)]
TargetAmount = Annotated[Decimal, PlainValidator(_read_target), WithJsonSchema(_TARGET_SCHEMA)]
Effect = Annotated[Range, PlainValidator(_read_effect), WithJsonSchema(_EFFECT_SCHEMA)]
Year = Annotated[int, PlainValidator(_read_year), WithJsonSchema(_YEAR_SCHEMA)]
StatedKey = Annotated[
    Union[int, Literal["total"]],
    PlainValidator(_read_stated_key),
    WithJsonSchema({"anyOf": [_YEAR_SCHEMA, {"const": "total"}]}),
]
StatusField = Annotated[
    Status,
    PlainValidator(_read_status),
    WithJsonSchema({"type": "string", "enum": sorted(STATUS_WORDS)}),
]
MeasureId = Annotated[str, PlainValidator(_read_id), WithJsonSchema({"type": ["string", "integer"]})]
Flag = Annotated[bool, PlainValidator(_read_flag), WithJsonSchema({"type": "boolean"})]
UnitField = Annotated[Unit, PlainValidator(_read_unit), WithJsonSchema({"enum": ["kr", "tkr", "mkr", "mnkr"]})]
PlanDate = Annotated[date, PlainValidator(_read_date), WithJsonSchema({
    "type": "string", "format": "date", "pattern": r"^(19[0-9]{2}|2[01][0-9]{2}|2200)-[0-9]{2}-[0-9]{2}$"})]
YearEffects = Annotated[
    dict[Year, Effect],
    WithJsonSchema({"type": "object", "patternProperties": {_YEAR_KEY: _EFFECT_SCHEMA}, "additionalProperties": False}),
]
Text = Annotated[str, Field(max_length=10_000)]


def _target_kind(value: Any) -> str:
    return "years" if isinstance(value, dict) else "total"


Target = Annotated[
    Union[
        Annotated[TargetAmount, Tag("total")],
        Annotated[
            dict[Year, TargetAmount],
            Tag("years"),
            WithJsonSchema({"type": "object", "patternProperties": {_YEAR_KEY: _TARGET_SCHEMA}, "additionalProperties": False}),
        ],
    ],
    Discriminator(_target_kind),
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", strict=False, str_strip_whitespace=True)


class StatedFigure(BaseModel):
    """A sum as the source document prints it.

    Written as an amount, or as ``{amount: …, known_difference: …, note: …}`` when the
    document's figure is known to be wrong: ``known_difference`` (stated − computed) records
    the error so that `check` accepts exactly that difference and no other.
    """

    model_config = _FROZEN

    amount: Amount
    known_difference: Amount | None = Field(None, description="stated − computed, accepted as the source's own error.")
    note: Text | None = None

    @model_validator(mode="before")
    @classmethod
    def _plain_amount(cls, value: Any) -> Any:
        return value if isinstance(value, Mapping) else {"amount": value}


StatedFigureField = Annotated[
    StatedFigure,
    WithJsonSchema({"anyOf": [_AMOUNT_SCHEMA, {
        "type": "object",
        "properties": {"amount": _AMOUNT_SCHEMA, "known_difference": _AMOUNT_SCHEMA, "note": {"type": "string"}},
        "required": ["amount"],
        "additionalProperties": False,
    }]}),
]


# --- what a nämnd decides on: probability, decision, one-off, staff, consequences ----------------


class DecisionLevel(str, Enum):
    """Who must decide a measure (``decision.by``); plans may write other words (see :data:`DECISION_LEVEL_WORDS`)."""

    ADMINISTRATION = "förvaltning"
    BOARD = "nämnd"
    KS = "ks"
    KF = "kf"


class DecisionState(str, Enum):
    """Where the decision stands (``decision.state``); plans may write other forms (:data:`DECISION_STATE_WORDS`)."""

    PROPOSED = "föreslagen"
    DECIDED = "beslutad"
    REFERRED_BACK = "återremitterad"
    REJECTED = "avslagen"


#: Every word a plan may use for a decision level, lower case with runs of spaces as one. A nämnd named
#: by its name (``socialnämnden``, ``barn- och utbildningsnämnden``) is the level ``nämnd`` too.
DECISION_LEVEL_WORDS: dict[str, DecisionLevel] = {
    **{level.value: level for level in DecisionLevel},
    **dict.fromkeys(["förvaltningen", "verkställighet", "delegation", "delegationsbeslut", "tjänsteperson",
                     "förvaltningschef", "administration"], DecisionLevel.ADMINISTRATION),
    **dict.fromkeys(["nämnden", "board"], DecisionLevel.BOARD),
    **dict.fromkeys(["kommunstyrelsen", "kommunstyrelse"], DecisionLevel.KS),
    **dict.fromkeys(["kommunfullmäktige", "fullmäktige"], DecisionLevel.KF),
}

#: Every word a plan may use for a decision's state, Swedish and English, lower case.
DECISION_STATE_WORDS: dict[str, DecisionState] = {
    **{state.value: state for state in DecisionState},
    **dict.fromkeys(["föreslaget", "föreslagna", "förslag", "proposed"], DecisionState.PROPOSED),
    **dict.fromkeys(["beslutat", "beslutade", "beslut fattat", "decided"], DecisionState.DECIDED),
    **dict.fromkeys(["återremitterat", "återremiss", "referred back"], DecisionState.REFERRED_BACK),
    **dict.fromkeys(["avslaget", "avslag", "avslogs", "rejected"], DecisionState.REJECTED),
}

PROBABILITY_BARE = template(
    "plan.probability.bare_number",
    sv="sannolikheten {value} saknar procenttecken: {number} kan betyda {number} % eller {percent} % ({number} som "
       "andel); skriv {percent} % eller {number} %",
    en="the probability {value} has no percent sign: {number} can mean {number} % or {percent} % ({number} as a "
       "share); write {percent} % or {number} %")
PROBABILITY_NO_SIGN = template(
    "plan.probability.no_percent_sign",
    sv="sannolikheten {value} saknar procenttecken; skriv {fix}",
    en="the probability {value} has no percent sign; write {fix}")
PROBABILITY_WORD = template(
    "plan.probability.word",
    sv="sannolikheten {value} är inget procenttal; skriv sannolikheten i procent, till exempel 75 % för trolig "
       "eller 25 % för osäker",
    en="the probability {value} is not a percentage; write the probability in percent, such as 75 % for likely "
       "or 25 % for uncertain")
PROBABILITY_WRITE_AS = template(
    "plan.probability.write_as",
    sv="sannolikheten skrivs med procenttecken: skriv {fix} i stället för {value}",
    en="a probability is written with a percent sign: write {fix} instead of {value}")
PROBABILITY_OUT_OF_RANGE = template(
    "plan.probability.out_of_range",
    sv="sannolikheten {value} ligger utanför 0–100 %; skriv en sannolikhet från 0 % till 100 %",
    en="the probability {value} is outside 0–100 %; write a probability from 0 % to 100 %")
PROBABILITY_NOT_TEXT = template(
    "plan.probability.not_one_value",
    sv="sannolikheten ska vara ett procenttal, till exempel probability: 50 %",
    en="a probability is one percentage, such as probability: 50 %")

#: A number as a plan writes a percentage or a count: digits, a decimal comma or point, a sign.
_PLAIN_NUMBER = re.compile(r"([-−+]?)\s*([0-9]{1,6}(?:[.,][0-9]{1,6})?)")
_PERCENT = re.compile(rf"{_PLAIN_NUMBER.pattern}\s*(%|procent|pct\.?|percent)", re.IGNORECASE)


def _number_of(sign: str, digits: str) -> Decimal:
    return Decimal(("-" if sign in ("-", "−") else "") + digits.replace(",", "."))


def _read_probability(value: Any) -> Decimal:
    """A percentage (``50 %``, ``12,5 %``) from 0 to 100 %, as the exact fraction (``Decimal("0.5")``)."""
    read = _probability(value)
    if isinstance(read, Message):
        raise _fail(read)
    return read


def probability_problem(value: Any) -> Message | None:
    """What is wrong with a probability as written (``0,5``: both readings), else ``None``."""
    read = _probability(value)
    return read if isinstance(read, Message) else None


def _probability(value: Any) -> Decimal | Message:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return PROBABILITY_NOT_TEXT()
    text = " ".join(str(value).replace("\u00a0", " ").replace("\u202f", " ").split())
    percent = _PERCENT.fullmatch(text)
    if percent is not None:
        number = _number_of(percent[1], percent[2])
        if not 0 <= number <= 100:
            return PROBABILITY_OUT_OF_RANGE(value=quoted(value))
        if percent[3] != "%":
            return PROBABILITY_WRITE_AS(fix=f"{notation.as_written(number)} %", value=quoted(value))
        return number.scaleb(-2)
    bare = _PLAIN_NUMBER.fullmatch(text)
    if bare is None:
        return PROBABILITY_WORD(value=quoted(value))
    number = _number_of(bare[1], bare[2])
    if 0 < number <= 1:  # a percentage and a share: both readings
        return PROBABILITY_BARE(value=quoted(value), number=notation.as_written(number),
                                percent=notation.as_written(number * 100))
    if 0 <= number <= 100:
        return PROBABILITY_NO_SIGN(value=quoted(value), fix=f"{notation.as_written(number)} %")
    return PROBABILITY_OUT_OF_RANGE(value=quoted(value))


DECISION_LEVEL_UNKNOWN = template(
    "decision.by.unknown",
    sv="okänd beslutsnivå {value}; skriv något av förvaltning (verkställighet, delegation), nämnd, ks eller kf",
    en="unknown decision level {value}; write one of förvaltning (verkställighet, delegation), nämnd, ks or kf")
DECISION_LEVEL_GUESS = template(
    "decision.by.did_you_mean",
    sv="okänd beslutsnivå {value} — menade du {guess}?",
    en="unknown decision level {value} — did you mean {guess}?")
DECISION_STATE_UNKNOWN = template(
    "decision.state.unknown",
    sv="okänt beslutsläge {value}; skriv något av föreslagen, beslutad, återremitterad, avslagen",
    en="unknown decision state {value}; write one of föreslagen, beslutad, återremitterad, avslagen "
       "(or proposed, decided, referred back, rejected)")
DECISION_STATE_GUESS = template(
    "decision.state.did_you_mean",
    sv="okänt beslutsläge {value} — menade du {guess}?",
    en="unknown decision state {value} — did you mean {guess}?")
DECISION_NOT_A_WORD = template(
    "decision.not_a_word",
    sv="{what} ska vara ett ord, till exempel by: nämnd eller state: beslutad",
    en="{what} should be a word, such as by: nämnd or state: beslutad")
DECISION_AS_WORD = template(
    "decision.not_a_mapping.word",
    sv="decision har nycklar (by, state, date, ref); skriv decision: {{{key}: {value}}}",
    en="decision has keys (by, state, date, ref); write decision: {{{key}: {value}}}")
DECISION_NOT_A_MAPPING = template(
    "decision.not_a_mapping",
    sv="decision har nycklar: by (vem som beslutar), state (föreslagen, beslutad, återremitterad, avslagen), "
       "date och ref; skriv till exempel decision: {{by: nämnd, state: beslutad, ref: SN 2024/112 § 45}}",
    en="decision has keys: by (who decides), state (föreslagen, beslutad, återremitterad, avslagen), date and "
       "ref; write for example decision: {{by: nämnd, state: beslutad, ref: SN 2024/112 § 45}}")
STATUS_IS_A_DECISION = template(
    "status.is_a_decision_state",
    sv="okänd status {value}; {value} är ett beslutsläge: skriv decision: {{state: {state}}}",
    en="unknown status {value}; {value} is the state of a decision: write decision: {{state: {state}}}")


def _word(value: Any, info: ValidationInfo) -> str:
    if not isinstance(value, str):
        raise _fail(DECISION_NOT_A_WORD(what=quoted(info.field_name or "")))
    return " ".join(value.split()).lower()


def _read_level(value: Any, info: ValidationInfo) -> DecisionLevel:
    if isinstance(value, DecisionLevel):
        return value
    word = _word(value, info)
    level = DECISION_LEVEL_WORDS.get(word)
    if level is None and word.endswith(("nämnd", "nämnden")):
        level = DecisionLevel.BOARD
    if level is None:
        guess = close_word(word, DECISION_LEVEL_WORDS)
        raise _fail(DECISION_LEVEL_UNKNOWN(value=quoted(value)) if guess is None
                    else DECISION_LEVEL_GUESS(value=quoted(value), guess=quoted(guess)))
    return level


def _read_state(value: Any, info: ValidationInfo) -> DecisionState:
    if isinstance(value, DecisionState):
        return value
    word = _word(value, info)
    state = DECISION_STATE_WORDS.get(word)
    if state is None:
        guess = close_word(word, DECISION_STATE_WORDS)
        raise _fail(DECISION_STATE_UNKNOWN(value=quoted(value)) if guess is None
                    else DECISION_STATE_GUESS(value=quoted(value), guess=quoted(guess)))
    return state


STAFF_NOT_A_NUMBER = template(
    "plan.staff.not_a_number",
    sv="{value} är inget antal årsarbetare; skriv ett tal, till exempel -0,5 eller -3 (färre årsarbetare är "
       "negativt)",
    en="{value} is not a number of full-time equivalents (årsarbetare); write a number such as -0,5 or -3 "
       "(fewer is negative)")
STAFF_WRITE_AS = template(
    "plan.staff.write_as",
    sv="staff räknar årsarbetare, inte belopp; skriv bara talet: {fix} i stället för {value}",
    en="staff counts full-time equivalents (årsarbetare), not amounts; write the number alone: {fix} instead "
       "of {value}")
STAFF_NOT_ONE_VALUE = template(
    "plan.staff.not_one_value",
    sv="här ska stå ett antal årsarbetare, inte en lista eller nycklar; skriv till exempel staff: {{2025: -3}}",
    en="a number of full-time equivalents belongs here, not a list or keys; write for example staff: {{2025: -3}}")
ASPECT_TOO_LONG = template(
    "plan.consequences.aspect_too_long",
    sv="aspekten {key} är för lång (högst {limit} tecken); en aspekt är ett kort ord som brukare eller "
       "medarbetare, och konsekvensen skrivs efter kolonet",
    en="the aspect {key} is too long (at most {limit} characters); an aspect is a short word such as brukare or "
       "medarbetare, and the consequence is written after the colon")

#: The longest aspect of ``consequences`` (``brukare``, ``medarbetare``, ``ekonomi``, ``jämställdhet``).
ASPECT_LIMIT = 60
#: A number with something after it (a unit, a word): the number is the fix.
_NUMBER_AND_MORE = re.compile(rf"{_PLAIN_NUMBER.pattern}\s*\S.*")


def _read_staff(value: Any) -> Decimal:
    """A change in årsarbetare, exact (``-0,5``, ``-3``, ``+1``)."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    number = _PLAIN_NUMBER.fullmatch(value) if isinstance(value, str) else None
    if number is not None:  # as written, the usual case: the same as after joining its spaces
        return _number_of(number[1], number[2])
    text = " ".join(value.split()) if isinstance(value, str) else ""
    number = _PLAIN_NUMBER.fullmatch(text)
    if number is not None:
        return _number_of(number[1], number[2])
    more = _NUMBER_AND_MORE.fullmatch(text)
    if more is not None:
        fix = notation.as_written(_number_of(more[1], more[2]))
        raise _fail(STAFF_WRITE_AS(fix=fix, value=quoted(value)))
    raise _fail(STAFF_NOT_A_NUMBER(value=quoted(value)) if isinstance(value, str) else STAFF_NOT_ONE_VALUE())


def _read_aspect(value: Any) -> str:
    if not isinstance(value, str):
        raise _fail(ASPECT_TOO_LONG(key=quoted(value), limit=ASPECT_LIMIT))
    aspect = value.strip()
    if len(aspect) > ASPECT_LIMIT:
        raise _fail(ASPECT_TOO_LONG(key=quoted(value), limit=ASPECT_LIMIT))
    return aspect


_PERCENT_SCHEMA: dict[str, Any] = {
    "type": "string",
    "pattern": r"^\s*(100([.,]0+)?|[0-9]{1,2}([.,][0-9]{1,6})?)\s*%\s*$",
    "description": "A percentage from 0 to 100 %, such as '50 %' or '12,5 %'; a bare number is ambiguous.",
}
_STAFF_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[-−+]?\s*[0-9]{1,6}([.,][0-9]{1,6})?\s*$"}],
    "description": "A change in årsarbetare: a number, negative for fewer ('-0,5', -3).",
}



def _words_schema(words: Iterable[str], *more: str) -> dict[str, Any]:
    """The words for an editor to offer, and the same words in any case (``KS``, ``Beslutad``) accepted."""
    def any_case(word: str) -> str:
        return "".join(f"[{char.lower()}{char.upper()}]" if char.lower() != char.upper() else re.escape(char)
                       for char in word).replace("\\ ", "\\s+")
    listed = sorted(words)
    pattern = r"^\s*(?:" + "|".join([*map(any_case, listed), *more]) + r")\s*$"
    return {"type": "string", "anyOf": [{"enum": listed}, {"pattern": pattern}]}


Probability = Annotated[Decimal, PlainValidator(_read_probability), WithJsonSchema(_PERCENT_SCHEMA)]
DecisionLevelField = Annotated[
    DecisionLevel,
    PlainValidator(_read_level),
    WithJsonSchema(_words_schema(DECISION_LEVEL_WORDS, r".*[nN][äÄ][mM][nN][dD](?:[eE][nN])?")),
]
DecisionStateField = Annotated[
    DecisionState,
    PlainValidator(_read_state),
    WithJsonSchema(_words_schema(DECISION_STATE_WORDS)),
]
StaffCount = Annotated[Decimal, PlainValidator(_read_staff), WithJsonSchema(_STAFF_SCHEMA)]
StaffPerYear = Annotated[
    dict[Year, StaffCount],
    WithJsonSchema({"type": "object", "patternProperties": {_YEAR_KEY: _STAFF_SCHEMA}, "additionalProperties": False}),
]
Aspect = Annotated[str, PlainValidator(_read_aspect), WithJsonSchema({"type": "string", "maxLength": ASPECT_LIMIT})]
Consequences = Annotated[
    dict[Aspect, Text],
    WithJsonSchema({"type": "object", "propertyNames": {"maxLength": ASPECT_LIMIT},
                    "additionalProperties": {"type": "string"}}),
]


class Decision(BaseModel):
    """Who decides a measure, and where the decision stands (beslut)."""

    model_config = _FROZEN

    by: DecisionLevelField | None = Field(
        None, description="Who decides: förvaltning (verkställighet, delegation), nämnd, ks or kf.")
    state: DecisionStateField = Field(
        DecisionState.PROPOSED, description="föreslagen (default), beslutad, återremitterad or avslagen.")
    date: PlanDate | None = Field(None, description="The date of the decision, YYYY-MM-DD.")
    ref: Text | None = Field(None, description="Paragraf or diarienummer, free text (SN 2024/112 § 45).")

    @model_validator(mode="before")
    @classmethod
    def _written_as_a_word(cls, value: Any) -> Any:
        """``decision: beslutad`` or ``decision: nämnd``: answered with the mapping it means."""
        if isinstance(value, dict) or isinstance(value, Mapping):  # a dict first: typing's check is slow
            return value
        word = " ".join(value.split()).lower() if isinstance(value, str) else ""
        if word in DECISION_STATE_WORDS:
            raise _fail(DECISION_AS_WORD(key="state", value=DECISION_STATE_WORDS[word].value))
        if word in DECISION_LEVEL_WORDS:
            raise _fail(DECISION_AS_WORD(key="by", value=DECISION_LEVEL_WORDS[word].value))
        raise _fail(DECISION_NOT_A_MAPPING())


class Measure(BaseModel):
    """One åtgärd: what is done, by whom, and its economic effect per year."""

    model_config = ConfigDict(**_FROZEN, json_schema_extra={"dependentRequired": {"start": ["full_year"]}})

    id: MeasureId = Field(description="Unique within the plan (löpnr).")
    title: Text = Field(description="What the measure is (åtgärd).")
    area: Text | None = Field(None, description="Grouping: fokusområde, enhet, verksamhet.")
    status: StatusField = Field(Status.PLANNED, description="planerad, pågår, klart, utredning, pausad, avbruten.")
    responsible: Text | None = Field(None, description="Ansvarig chef.")
    schedule: Text | None = Field(None, description="Tidplan, free text.")
    follow_up: Text | None = Field(None, description="Uppföljning, free text.")
    effects: YearEffects = Field(default_factory=dict, description="Effect per year (effekt).")
    full_year: Effect | None = Field(None, description="Årseffekt: the effect of a whole year.")
    start: PlanDate | None = Field(None, description="From when full_year counts (first whole month on or after).")
    note: Text | None = None
    stated_total: StatedFigureField | None = Field(
        None, description="The measure's total as the source document prints it.")
    forecast: YearEffects = Field(default_factory=dict, description="Prognos: the effect now expected, per year.")
    outcome: YearEffects = Field(default_factory=dict, description="Utfall: the effect realised so far, per year.")
    potential: Flag = Field(False, description="Only a possible effect, not decided: listed, not counted in totals.")
    probability: Probability | None = Field(
        None, description="Sannolikhet that the effect is realised, 0–100 % ('50 %'); without it, 100 %.")
    decision: Decision | None = Field(None, description="Beslut: who decides, and where the decision stands.")
    one_off: Flag = Field(False, description="Engångseffekt: the effect does not recur after the years named.")
    staff: StaffPerYear = Field(
        default_factory=dict, description="Change in årsarbetare per year (negative: fewer), such as {2024: -3}.")
    consequences: Consequences = Field(
        default_factory=dict, description="Konsekvensbeskrivning: a text per aspect, such as {brukare: …}.")
    due: PlanDate | None = Field(
        None, description="Genomförd senast: the date the measure must be in place, YYYY-MM-DD (follow-up: late "
                          "after it unless done or cancelled).")
    forecast_note: Text | None = Field(
        None, description="Prognoskommentar: why the forecast deviates, shown beside the deviation in follow-up.")

    @model_validator(mode="after")
    def _shared_where_alike(self) -> Measure:
        """The measure holding once what many measures hold alike (a kommun's 100 000 measures are held
        together for a report): the set of keys written, one empty read-only mapping for each per-year or
        per-aspect key left out, and the short texts that repeat (id, area, responsible, schedule, follow-up)."""
        values = self.__dict__
        written = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", _KEYS_WRITTEN.setdefault(written, written))
        for name in _MAPPINGS:
            if not values[name]:
                values[name] = _NO_ENTRIES
        for name in _REPEATED_TEXTS:
            if values[name] is not None:
                values[name] = _shared_text(values[name])
        return self


#: The sets of keys measures write, each held once (:meth:`Measure._shared_where_alike`).
_KEYS_WRITTEN: dict[frozenset[str], frozenset[str]] = {}
_MAPPINGS = ("effects", "forecast", "outcome", "staff", "consequences")


class _NoEntries(dict[Any, Any]):
    """The empty mapping every measure holds for a per-year or per-aspect key it leaves out: one dict (so copy
    and pickle take it as any other) that refuses to be changed, as every such measure holds it."""

    def _refuse(self) -> TypeError:
        return TypeError("an empty mapping measures share cannot be changed")

    def __setitem__(self, key: Any, value: Any) -> None:
        raise self._refuse()

    def __delitem__(self, key: Any) -> None:
        raise self._refuse()

    def __ior__(self, other: Any) -> _NoEntries:  # type: ignore[misc]
        raise self._refuse()

    def clear(self) -> None:
        raise self._refuse()

    def pop(self, *args: Any) -> Any:
        raise self._refuse()

    def popitem(self) -> tuple[Any, Any]:
        raise self._refuse()

    def setdefault(self, *args: Any) -> Any:
        raise self._refuse()

    def update(self, *args: Any, **kwargs: Any) -> None:
        raise self._refuse()


_NO_ENTRIES = _NoEntries()
_REPEATED_TEXTS = ("id", "area", "responsible", "schedule", "follow_up")


@lru_cache(maxsize=4096)
def _shared_text(text: str) -> str:
    """The first of the texts equal to ``text`` met lately: one string for the same words in many measures."""
    return text


class Plan(BaseModel):
    """An åtgärdsplan: its measures, the period, the sparbeting and the sums the document states."""

    model_config = _FROZEN

    title: Text = Field(description="The plan's title.")
    organisation: Text | None = Field(None, description="Nämnd, förvaltning, avdelning or enhet.")
    unit: UnitField = Field(Unit.TKR, description="Unit of plain numbers: kr, tkr or mkr.")
    years: tuple[Year, ...] | None = Field(None, description="The plan period; default: first to last year named.")
    target: Target | None = Field(None, description="Sparbeting: for the period, or {year: amount}.")
    stated_totals: dict[StatedKey, StatedFigureField] = Field(
        default_factory=dict, description="The sums the source document prints: total and per year."
    )
    source: Text | None = Field(None, description="Where the plan comes from (document, date, decision).")
    description: Text | None = Field(None, description="Background (bakgrund).")
    as_of: PlanDate | None = Field(None, description="The date of this follow-up (uppföljning), YYYY-MM-DD.")
    measures: tuple[Measure, ...] = Field(default=(), description="The åtgärder.")
    _path: str = PrivateAttr("")
    _positions: Mapping[tuple[str, ...], tuple[int, int]] = PrivateAttr(default_factory=dict)

    @property
    def path(self) -> str:
        """Where the plan was read from (set by the loader; names the plan in reports)."""
        return self._path

    def at(self, path: str, positions: Mapping[tuple[str, ...], tuple[int, int]] | None = None) -> Plan:
        """This plan, named by where it was read from, knowing where some keys stood in it."""
        located = self.model_copy()
        located._path = path
        located._positions = {} if positions is None else positions
        return located

    def position(self, *path: str) -> tuple[int, int]:
        """(line, column) of a key the loader noted (target, stated totals, a measure by its id), else of
        the plan's start."""
        return self._positions.get(path, (1, 1))

    def noted(self, *path: str) -> tuple[int, int] | None:
        """(line, column) of a key the loader noted, or ``None`` where the plan does not write it."""
        return self._positions.get(path)

    @property
    def period(self) -> tuple[int, ...]:
        """The plan's years: ``years`` if given, else first to last year the plan names."""
        if self.years:
            return tuple(sorted(set(self.years)))
        named = _years_named(self)
        return tuple(range(min(named), max(named) + 1)) if named else ()


def _years_named(plan: Plan) -> set[int]:
    named = {year for year in plan.stated_totals if isinstance(year, int)}
    if isinstance(plan.target, dict):
        named |= set(plan.target)
    for measure in plan.measures:
        named |= set(measure.effects) | set(measure.forecast) | set(measure.outcome) | set(measure.staff)
        if measure.start is not None:
            named.add(measure.start.year)
    return named


#: What controllers write for the format's keys (Swedish words, other spellings), per mapping, in
#: lower case with ``_`` and ``-`` as spaces: an unknown key among them is answered with the right one.
KEY_SYNONYMS: dict[type[BaseModel], dict[str, str]] = {
    Plan: {
        **dict.fromkeys(["titel", "rubrik", "namn", "plan", "planens namn", "åtgärdsplan"], "title"),
        **dict.fromkeys(["organisation", "organisationen", "nämnd", "nämnden", "förvaltning", "förvaltningen",
                         "avdelning", "avdelningen", "org"], "organisation"),
        **dict.fromkeys(["enhet", "enheter", "valuta", "belopp i", "beloppsenhet"], "unit"),
        **dict.fromkeys(["år", "åren", "period", "perioden", "planperiod", "year"], "years"),
        **dict.fromkeys(["sparbeting", "sparbetinget", "mål", "målet", "sparkrav", "besparingskrav",
                         "besparingsmål", "budgetmål", "krav", "sparmål"], "target"),
        **dict.fromkeys(["summor", "summa", "summering", "totalt", "totaler", "total", "totals",
                         "angivna summor", "summa åtgärder"], "stated_totals"),
        **dict.fromkeys(["källa", "källor", "källdokument", "underlag", "dokument"], "source"),
        **dict.fromkeys(["beskrivning", "bakgrund", "sammanfattning", "inledning"], "description"),
        **dict.fromkeys(["datum", "per datum", "uppföljningsdatum", "avstämningsdatum", "per", "asof",
                         "as of"], "as_of"),
        **dict.fromkeys(["åtgärder", "åtgärd", "åtgärderna", "åtgärdslista", "measure"], "measures"),
    },
    Measure: {
        **dict.fromkeys(["nr", "nummer", "löpnummer", "löpnr", "nr.", "id nummer", "identitet"], "id"),
        **dict.fromkeys(["titel", "rubrik", "namn", "åtgärd", "benämning"], "title"),
        **dict.fromkeys(["område", "området", "fokusområde", "verksamhet", "verksamhetsområde",
                         "kategori"], "area"),
        **dict.fromkeys(["läge", "tillstånd", "state"], "status"),
        **dict.fromkeys(["ansvarig", "ansvariga", "ansvar", "ansvarig chef", "ägare"], "responsible"),
        **dict.fromkeys(["tidplan", "tidsplan", "tid", "när", "genomförande", "klart när"], "schedule"),
        **dict.fromkeys(["uppföljning", "följs upp", "uppföljs", "followup", "follow up"], "follow_up"),
        **dict.fromkeys(["effekter", "effekt", "ekonomisk effekt", "besparing", "besparingar", "belopp",
                         "effect"], "effects"),
        **dict.fromkeys(["helårseffekt", "årseffekt", "helår", "fullyear", "full year", "helårsbelopp"],
                        "full_year"),
        **dict.fromkeys(["startdatum", "från", "fr.o.m.", "from", "start datum", "startar"], "start"),
        **dict.fromkeys(["anteckning", "anteckningar", "kommentar", "kommentarer", "not", "notering",
                         "anmärkning", "notes", "beskrivning"], "note"),
        **dict.fromkeys(["summa", "angiven summa", "total", "totalt", "stated total"], "stated_total"),
        **dict.fromkeys(["prognos", "prognoser", "prognosen", "forecasts"], "forecast"),
        **dict.fromkeys(["utfall", "utfallet", "resultat", "outcomes"], "outcome"),
        **dict.fromkeys(["möjlig", "möjlig effekt", "potentiell", "potentiell effekt"], "potential"),
        **dict.fromkeys(["sannolikhet", "sannolikheten", "trolighet", "chans"], "probability"),
        **dict.fromkeys(["beslut", "beslutet", "beslutsnivå", "beslutsinstans", "beslutsläge", "beslutsstatus",
                         "politiskt beslut"], "decision"),
        **dict.fromkeys(["engångs", "engång", "engångseffekt", "engångsbelopp", "engångsåtgärd", "tillfällig",
                         "tillfällig effekt", "oneoff"], "one_off"),
        **dict.fromkeys(["årsarbetare", "åa", "personal", "personaleffekt", "tjänster", "antal årsarbetare",
                         "fte", "staffing"], "staff"),
        **dict.fromkeys(["konsekvenser", "konsekvens", "konsekvensbeskrivning", "konsekvensanalys",
                         "consequence"], "consequences"),
        **dict.fromkeys(["klart senast", "genomförd senast", "genomfört senast", "senast", "slutdatum",
                         "färdigdatum", "klardatum", "deadline", "due date", "förfallodatum"], "due"),
        **dict.fromkeys(["prognoskommentar", "kommentar till prognos", "kommentar till prognosen",
                         "kommentar prognos", "avvikelsekommentar", "kommentar till avvikelse",
                         "kommentar till avvikelsen", "orsak till avvikelse", "avvikelseorsak", "analys",
                         "forecast comment", "forecastnote"], "forecast_note"),
    },
    Decision: {
        **dict.fromkeys(["av", "nivå", "beslutsnivå", "beslutas av", "beslutsinstans", "instans", "level"], "by"),
        **dict.fromkeys(["läge", "status", "tillstånd", "beslutsläge", "beslutsstatus"], "state"),
        **dict.fromkeys(["datum", "beslutsdatum", "när", "beslutad"], "date"),
        **dict.fromkeys(["referens", "paragraf", "diarienummer", "dnr", "§", "beslutsparagraf", "protokoll",
                         "reference"], "ref"),
    },
    StatedFigure: {
        **dict.fromkeys(["belopp", "summa", "värde", "value"], "amount"),
        **dict.fromkeys(["känd skillnad", "skillnad", "differens", "avvikelse", "difference",
                         "known difference"], "known_difference"),
        **dict.fromkeys(["anteckning", "kommentar", "not", "notering", "förklaring"], "note"),
    },
}


def key_word(key: str) -> str:
    """A key as :data:`KEY_SYNONYMS` holds it: lower case, ``_`` and ``-`` as spaces, one space between words."""
    return " ".join(key.replace("_", " ").replace("-", " ").split()).lower()
