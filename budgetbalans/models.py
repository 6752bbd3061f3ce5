"""The plan format (PLAN-FORMAT.md) as immutable pydantic models.

Values arrive as the text they were written as (see :mod:`budgetbalans.yamlsource`);
amounts are read in the plan's unit, which validation receives as context
(``{"unit": Unit}``). The JSON Schema of these models is what ``budgetbalans schema`` prints.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Mapping, Union

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

from budgetbalans.amounts import AmountError, parse_amount, parse_effect, parse_unit
from budgetbalans.money import Range, Unit
from budgetbalans.errors import clip
from budgetbalans.messages import Message, as_message

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


def _read_effect(value: Any, info: ValidationInfo) -> Range:
    if isinstance(value, Range):
        return value
    try:
        return parse_effect(value, _unit(info))
    except AmountError as error:
        raise _fail(error.message, error.key) from None


def _read_year(value: Any) -> int:
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise _fail(f"{clip(value)!r} is not a year; write a four-digit year such as 2025")
    return int(text)


def _read_stated_key(value: Any) -> Union[int, Literal["total"]]:
    if isinstance(value, str) and value.strip().lower() in {"total", "totalt", "summa"}:
        return "total"
    try:
        return _read_year(value)
    except PydanticCustomError:
        raise _fail(f"{clip(value)!r} is neither a year nor 'total'; stated totals are per year or 'total'") from None


def _read_status(value: Any) -> Status:
    if isinstance(value, Status):
        return value
    status = STATUS_WORDS.get(str(value).strip().lower()) if isinstance(value, str) else None
    if status is None:
        raise _fail(
            f"unknown status {clip(value)!r}; write one of planerad, pågår, klart, utredning, "
            "pausad, avbruten (or planned, ongoing, done, investigating, paused, cancelled)"
        )
    return status


def _read_id(value: Any) -> str:
    if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    raise _fail("a measure's id is a short text or number, such as \"3\" or \"VO-2\"")


def _read_unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if not isinstance(value, str):
        raise _fail(f"unknown unit {clip(value)!r}; write kr, tkr or mkr")
    try:
        return parse_unit(value)
    except AmountError as error:
        raise _fail(error.message) from None



#: An amount as text, for editors: digits grouped by three (at most 15 before the decimal
#: comma, 6 after it), an optional unit. The same rules as :mod:`budgetbalans.amounts`.
_NUMBER_TEXT = (r"(?:[0-9]{1,15}|[0-9]{1,3}(?:[ \u00a0\u202f_][0-9]{3}){1,4})(?:[,.][0-9]{1,6})?"
                r"\s*(?:(?:[tT]|[mM][nN]?)?[kK][rR])?\.?")
_AMOUNT_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number", "maximum": 10**15, "minimum": -(10**15)},
        {"type": "string", "pattern": rf"^\s*[-−+]?\s*{_NUMBER_TEXT}\s*$"},
    ],
    "description": "An amount: a number in the plan's unit, or text with its own unit: '0,5 mkr', '400 tkr', '1 750 000 kr'.",
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
UnitField = Annotated[Unit, PlainValidator(_read_unit), WithJsonSchema({"enum": ["kr", "tkr", "mkr", "mnkr"]})]
YearEffects = Annotated[
    dict[Year, Effect],
    WithJsonSchema({"type": "object", "patternProperties": {_YEAR_KEY: _EFFECT_SCHEMA}, "additionalProperties": False}),
]
Text = Annotated[str, Field(max_length=10_000)]


def _target_kind(value: Any) -> str:
    return "years" if isinstance(value, dict) else "total"


Target = Annotated[
    Union[
        Annotated[Amount, Tag("total")],
        Annotated[
            dict[Year, Amount],
            Tag("years"),
            WithJsonSchema({"type": "object", "patternProperties": {_YEAR_KEY: _AMOUNT_SCHEMA}, "additionalProperties": False}),
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
    start: date | None = Field(None, description="From when full_year counts (first whole month on or after).")
    note: Text | None = None
    stated_total: StatedFigureField | None = Field(
        None, description="The measure's total as the source document prints it.")
    forecast: YearEffects = Field(default_factory=dict, description="Prognos: the effect now expected, per year.")
    outcome: YearEffects = Field(default_factory=dict, description="Utfall: the effect realised so far, per year.")
    potential: bool = Field(False, description="Only a possible effect, not decided: listed, not counted in totals.")


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
    as_of: date | None = Field(None, description="The date of this follow-up (uppföljning), YYYY-MM-DD.")
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
        """(line, column) of a key the loader noted (target, stated totals), else of the plan's start."""
        return self._positions.get(path, (1, 1))

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
        named |= set(measure.effects) | set(measure.forecast) | set(measure.outcome)
        if measure.start is not None:
            named.add(measure.start.year)
    return named
