"""One cell of the columns of what a nämnd decides on (Sannolikhet, Beslut, Engångs, Årsarbetare, Konsekvenser) read as plan keys, or refused.

Each cell is read by the plan format's own rules (the validators of :mod:`budgetbalans.plan.models`),
so what a plan file refuses is refused here, at the cell's address. What a cell shows a person is
read; what could be read two ways is refused with both readings:

- **Sannolikhet**: ``50 %``, ``50%``. A bare ``0,5`` or ``50`` is refused as the plan format refuses it
  (both readings), except under a header that says percent (``Sannolikhet (%)``, ``Sannolikhet i
  procent``): there ``50`` is 50 %, said once on standard error; a number between 0 and 1 under such
  a header (``0,5``) is still refused with both readings (0,5 % or 50 %).
- **Beslutsnivå** (*Beslutas av*): the plan format's words (:data:`~budgetbalans.plan.models.DECISION_LEVEL_WORDS`),
  also two words of one level (``Verkställighet/delegation``); two levels (``nämnd/ks``) are refused.
  **Beslutsstatus**: the states' words; **Beslutad**: ``ja``/``x`` (beslutad), ``nej`` (föreslagen), a
  state, or the decision's date (beslutad that day, said). **Beslut** alone: a level or a state, or
  text with a digit (``SN 2024/112 § 45``) as the reference (said); anything else is refused.
  **Paragraf**, **Diarienummer**, **Beslut §**: the reference, free text. **Beslutsdatum**: a date.
- **Engångs**: ``ja``, ``x``, ``engång`` mean one-off; ``nej``, ``varaktig`` lasting. **Varaktig**: the
  other way round; an empty cell there is refused (not lasting, or not filled in?). **Engångs/Varaktig**:
  only the words ``engång`` or ``varaktig``: ``x`` or ``ja`` under it could mean either, and is refused.
- **Årsarbetare** (*Åa*): a number (``-3``, ``-0,5``, ``-3 åa``); the year is the column's
  (``Årsarbetare 2025``, or ``2025`` under a merged ``Årsarbetare``).
- **Konsekvenser**: the text, under the aspect the header names (``Konsekvenser för brukare`` →
  ``brukare``), else ``konsekvenser``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError, create_model

from budgetbalans.i18n import Message, quoted, template
from budgetbalans.plan import notation
from budgetbalans.plan.models import (
    DecisionLevel,
    DecisionLevelField,
    DecisionStateField,
    PlanDate,
    Probability,
    StaffCount,
)

__all__ = ["CellReading", "read_cell"]

T = TypeVar("T")

PROBABILITY_SHARE = template(
    "import.probability_share",
    sv="{value} står i kolumnen {column}, som anger procent, men kan betyda {number} % eller {percent} % "
       "({number} som andel); skriv {percent} % eller {number} %",
    en="{value} is in the column {column}, which gives percentages, but can mean {number} % or {percent} % "
       "({number} as a share); write {percent} % or {number} %")
TWO_LEVELS = template(
    "import.decision_two_levels",
    sv="{value} nämner två beslutsnivåer ({first} och {second}); skriv den som beslutar, en nivå per åtgärd",
    en="{value} names two decision levels ({first} and {second}); write the one that decides, one level per "
       "measure")
DECISION_UNREAD = template(
    "import.decision_unread",
    sv="{value} i kolumnen {column} är varken en beslutsnivå (förvaltning, nämnd, ks, kf), ett beslutsläge "
       "(föreslagen, beslutad, återremitterad, avslagen) eller en paragraf; skriv något av dem",
    en="{value} in the column {column} is neither a decision level (förvaltning, nämnd, ks, kf), a decision "
       "state (föreslagen, beslutad, återremitterad, avslagen) nor a reference; write one of them")
NOT_DECIDED_YES_NO = template(
    "import.decided_yes_no",
    sv="{value} i kolumnen {column} säger inte om åtgärden är beslutad; skriv ja, nej, ett beslutsläge eller "
       "beslutets datum (ÅÅÅÅ-MM-DD)",
    en="{value} in the column {column} does not say whether the measure is decided; write ja (yes), nej (no), "
       "a decision state or the decision's date (YYYY-MM-DD)")
ONE_OFF_UNCLEAR = template(
    "import.one_off_unclear",
    sv="{value} i kolumnen {column} säger inte om effekten är engångs eller varaktig; skriv {yes} eller {no}",
    en="{value} in the column {column} does not say whether the effect is one-off or lasting; write {yes} or {no}")
ONE_OFF_TWO_WAYS = template(
    "import.one_off_two_ways",
    sv="{value} i kolumnen {column} kan läsas både som engång och som varaktig; skriv engång eller varaktig",
    en="{value} in the column {column} can be read both as one-off and as lasting; write engång (one-off) or "
       "varaktig (lasting)")
LASTING_BLANK = template(
    "import.lasting_blank",
    sv="cellen i kolumnen {column} är tom: det kan betyda att effekten inte är varaktig (en engångseffekt) "
       "eller att ingen har fyllt i den; skriv ja eller nej",
    en="the cell in the column {column} is empty: it can mean that the effect is not lasting (one-off) or that "
       "nobody filled it in; write ja (yes) or nej (no)")
STAFF_NO_YEAR = template(
    "import.staff_no_year",
    sv="årsarbetarna {value} i kolumnen {column} har inget år, och planen har inte ett enda år att ge dem; "
       "skriv året i rubriken ({example}) eller en kolumn per år",
    en="the full-time equivalents {value} in the column {column} have no year, and the plan has no single year "
       "to give them; write the year in the header ({example}) or a column per year")
NOTE_PERCENT_COLUMN = template(
    "import.note.percent_column",
    sv="kolumnen {column} anger procent: {value} läses som {value} %",
    en="the column {column} gives percentages: {value} is read as {value} %")
NOTE_DECIDED_ON = template(
    "import.note.decided_on",
    sv="datumet {value} i kolumnen {column} läses som beslutets datum: state beslutad, date {value}",
    en="the date {value} in the column {column} is read as the decision's date: state beslutad, date {value}")
NOTE_DECISION_REF = template(
    "import.note.decision_ref",
    sv="{value} i kolumnen {column} är ingen beslutsnivå eller beslutsläge; den står som decision.ref",
    en="{value} in the column {column} is no decision level or state; it is kept as decision.ref")
NOTE_STAFF_YEAR = template(
    "import.note.staff_year",
    sv="kolumn {column} → staff {year} (planens enda år)",
    en="column {column} → staff {year} (the plan's only year)")

#: A cell that gives nothing (as an empty one).
_NOTHING = frozenset({"-", "–", "—", "--"})
_NUMBER = re.compile(r"([-−+]?)\s*([0-9]{1,6}(?:[.,][0-9]{1,6})?)")
_STAFF_UNIT = re.compile(r"\s*(?:åa|årsarbetare|fte)\.?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SEVERAL = re.compile(r"\s*(?:/|,|\beller\b|\boch\b|\bor\b|\band\b)\s*")
#: A yes or a no as tables write them (J/N, a cross for yes), for every yes/no column the import reads.
YES_WORDS = frozenset({"ja", "j", "x", "yes", "y", "true"})
NO_WORDS = frozenset({"nej", "n", "no", "false"})
_ONE_OFF_WORDS = frozenset({"engång", "engångs", "engångseffekt", "engångsbelopp", "engångsåtgärd", "one-off"})
_LASTING_WORDS = frozenset({"varaktig", "varaktigt", "varaktig effekt", "bestående", "lasting"})

_PROBABILITY: TypeAdapter[Decimal] = TypeAdapter(Probability)
_LEVEL: TypeAdapter[Any] = TypeAdapter(DecisionLevelField)
_STATE: TypeAdapter[Any] = TypeAdapter(DecisionStateField)
_DATE: TypeAdapter[Any] = TypeAdapter(PlanDate)
#: A measure's ``due`` date, read as the plan reads that key (a problem names ``due``, not a decision's ``date``).
_DUE: TypeAdapter[Any] = TypeAdapter(create_model("Due", due=(PlanDate, ...)))
_STAFF: TypeAdapter[Decimal] = TypeAdapter(StaffCount)


@dataclass(frozen=True)
class CellReading:
    """What a cell gives: plan keys (``decision.by``, ``consequences.brukare``, ``staff``) and their values
    as the plan writes them (``staff`` a number), and the choice made, if one was."""

    fields: dict[str, Any] = field(default_factory=dict)
    note: Message | None = None


def _as_the_plan_reads(adapter: TypeAdapter[T], value: str) -> T | Message:
    """``value`` as the plan format's validator reads it, or its message."""
    try:
        return adapter.validate_python(value)
    except ValidationError as error:
        return _reason(error)


def _reason(error: ValidationError) -> Message:
    """The plan format's message of a value it refused."""
    reason = (error.errors(include_url=False)[0].get("ctx") or {}).get("reason")
    assert isinstance(reason, Message)
    return reason


def percent_text(fraction: Decimal) -> str:
    """A probability as the plan writes it: ``50 %``."""
    return f"{notation.as_written(fraction.scaleb(2))} %"


def read_cell(kind: str, header: str, value: str, aspect: str = "", percent: bool = False) -> CellReading | Message:
    """The cell ``value`` (not empty) of a column of ``kind`` headed ``header``: what it gives, or why not."""
    column = quoted(header, 60)
    if value in _NOTHING and kind != "consequences":
        return CellReading()
    if kind == "probability":
        return _probability(value, column, percent)
    if kind == "due":
        try:
            due = _DUE.validate_python({"due": value}).due
        except ValidationError as error:
            return _reason(error)
        return CellReading({"due": due.isoformat()})
    if kind.startswith("decision"):
        return _decision(kind, value, column)
    if kind in ("one_off", "lasting", "effect_kind"):
        return _one_off(kind, value, column)
    if kind == "staff":
        read = _as_the_plan_reads(_STAFF, _STAFF_UNIT.sub("", value))
        return read if isinstance(read, Message) else CellReading({"staff": read})
    return CellReading({f"consequences.{aspect}": value})


def _probability(value: str, column: str, percent: bool) -> CellReading | Message:
    bare = _NUMBER.fullmatch(value)
    if percent and bare is not None:
        number = Decimal(("-" if bare[1] in "-−" and bare[1] else "") + bare[2].replace(",", "."))
        if 0 < number < 1:
            return PROBABILITY_SHARE(value=quoted(value), column=column, number=notation.as_written(number),
                                     percent=notation.as_written(number.scaleb(2)))
        value = f"{value} %"
        note: Message | None = NOTE_PERCENT_COLUMN(column=column, value=notation.as_written(number))
    else:
        note = None
    read = _as_the_plan_reads(_PROBABILITY, value)
    return read if isinstance(read, Message) else CellReading({"probability": percent_text(read)}, note)


def _level(value: str) -> DecisionLevel | Message:
    """A decision level; several words of one level (``Verkställighet/delegation``) are that level."""
    parts = [part for part in _SEVERAL.split(value) if part.strip()]
    if len(parts) < 2:
        read: DecisionLevel | Message = _as_the_plan_reads(_LEVEL, value)
        return read
    levels = [_as_the_plan_reads(_LEVEL, part) for part in parts]
    if any(isinstance(level, Message) for level in levels):
        return _as_the_plan_reads(_LEVEL, value)
    first, *rest = levels
    other = next((level for level in rest if level != first), None)
    if other is not None:
        assert isinstance(first, DecisionLevel) and isinstance(other, DecisionLevel)
        return TWO_LEVELS(value=quoted(value), first=first.value, second=other.value)
    assert isinstance(first, DecisionLevel)
    return first


def _decision(kind: str, value: str, column: str) -> CellReading | Message:
    if kind == "decision.ref":
        return CellReading({"decision.ref": value})
    if kind == "decision.date":
        read = _as_the_plan_reads(_DATE, value)
        return read if isinstance(read, Message) else CellReading({"decision.date": read.isoformat()})
    if kind == "decision.by":
        level = _level(value)
        return level if isinstance(level, Message) else CellReading({"decision.by": level.value})
    state = _as_the_plan_reads(_STATE, value)
    if kind == "decision.decided":  # "Beslutad": yes or no, a state, or the day it was decided
        return _decided(value, column, state)
    if kind == "decision.state":
        return state if isinstance(state, Message) else CellReading({"decision.state": state.value})
    level = _level(value)  # "Beslut": a level, a state or a reference
    if not isinstance(level, Message):
        return CellReading({"decision.by": level.value})
    if not isinstance(state, Message):
        return CellReading({"decision.state": state.value})
    if any(char.isdigit() for char in value):
        return CellReading({"decision.ref": value}, NOTE_DECISION_REF(value=quoted(value), column=column))
    return DECISION_UNREAD(value=quoted(value), column=column)


def _decided(value: str, column: str, state: Any) -> CellReading | Message:
    word = value.lower()
    if word in YES_WORDS or word in NO_WORDS:
        return CellReading({"decision.state": "beslutad" if word in YES_WORDS else "föreslagen"})
    if _ISO_DATE.fullmatch(value):
        date = _as_the_plan_reads(_DATE, value)
        if isinstance(date, Message):
            return date
        return CellReading({"decision.state": "beslutad", "decision.date": date.isoformat()},
                           NOTE_DECIDED_ON(value=value, column=column))
    if isinstance(state, Message):
        return NOT_DECIDED_YES_NO(value=quoted(value), column=column)
    return CellReading({"decision.state": state.value})


def _one_off(kind: str, value: str, column: str) -> CellReading | Message:
    word = " ".join(value.lower().split())
    if word in _ONE_OFF_WORDS or word in _LASTING_WORDS:
        return CellReading({"one_off": "true" if word in _ONE_OFF_WORDS else "false"})
    if kind == "effect_kind":
        if word in YES_WORDS or word in NO_WORDS:
            return ONE_OFF_TWO_WAYS(value=quoted(value), column=column)
        return ONE_OFF_UNCLEAR(value=quoted(value), column=column, yes="engång", no="varaktig")
    if word in YES_WORDS or word in NO_WORDS:
        one_off = (word in YES_WORDS) == (kind == "one_off")
        return CellReading({"one_off": "true" if one_off else "false"})
    return ONE_OFF_UNCLEAR(value=quoted(value), column=column, yes="ja", no="nej")
