"""The tables of a Word, Excel or CSV file (:class:`~budgetbalans.read.office.grid.Grid`) as a plan.

Pure: Grids in, an :class:`Imported` out (the plan as plain data in the plan format's key order,
the choices the import made and the problems it found, each with the cell's address). The CLI
(``budgetbalans import``) reads the file and writes the YAML (:mod:`budgetbalans.plan.dump`).

How a table is read:

- **The header** is the first row (of the first ten) in which two cells name a column of the plan
  format and one of them is the measure's name (``Åtgärd``) or number (``Nr``). A header is
  matched by meaning (:data:`COLUMN_SYNONYMS`, Swedish and English), in any case, with footnote
  marks (``*``, ``¹``), a unit (``(tkr)``) and a parenthesis (``Tidplan (när?)``) ignored. A
  column whose header means nothing known is reported and not read. A table without such a
  header is reported and not read. The row under the header is a second header row where each of
  its texts, after the (merged) text above it, names a column (``Ekonomisk effekt (tkr)`` over
  ``2025``/``2026``). No figure is left unread without a word: a second column of one meaning, a
  value in a column without header or under the unread part of a merged header is refused.
- **Years**: a header with one year and only words such as *effekt*, *uppskattad*, *år* is that
  year's effect (``2024``, ``2024 *``, ``Effekt 2025``, ``Uppskattad effekt 2018``). With
  *helår* or *årseffekt* (``Uppskattad effekt helår 2019``) it is the full-year effect from that
  year: ``full_year`` with ``start: 2019-01-01``. With *låg*/*hög* (*low*/*high*), as
  budgetbalans's own CSV and xlsx write ranges, the two columns are one range. *Prognos* and
  *Utfall* with a year are ``forecast`` and ``outcome``.
- **The unit** is the column's (``2024 (tkr)``), else the table's: a line above it or before its
  header (``Effekt av åtgärder i tkr``, ``Belopp i kr``), else the one unit its headers name,
  else ``--unit``. An amount cell with its own unit (``13 149 tkr``) keeps it. Without any, the
  import stops and asks for ``--unit``. ``--unit`` given where the document names a unit wins,
  and is noted.
- **Amounts** are read by :func:`budgetbalans.plan.amounts.parse_effect` and ``parse_amount``, so every
  slip a plan file refuses is refused here, at the cell's address. Empty, ``-``, ``–``, ``- -``
  and ``Ej beräknat`` are no effect that year.
- **Rows**: a ``Summa``/``Totalt`` row without a number of its own gives the plan's
  ``stated_totals`` (per year, and the total column's ``total``), kept as the document states them
  so that ``check`` reports a sum that does not add up, and said; a numbered row is a measure,
  whatever its name (said where it is named like a sum). A ``Totalt`` column gives the measure's ``stated_total``. A row whose
  text spans the table (merged) is a group heading: the ``area`` of the rows below it. A merged
  first column carried down (the reader fills it) is read as the ``area`` column it is; an amount
  in a merged cell that covers two amounts (two measures, two years) is refused. The
  rows budgetbalans's own reports add (*Möjlig effekt*, *Kvar att spara*, *Sparbeting*) are
  read as what they are (a ``Sparbeting`` row is the target) or reported and left out.
- **What a nämnd decides on**: *Sannolikhet*, *Beslutsnivå*/*Beslutas av*, *Beslutsstatus*/*Beslutad*,
  *Beslut*, *Paragraf*/*Diarienummer*, *Beslutsdatum*, *Engångs*/*Varaktig*, *Årsarbetare*/*Åa* (per year:
  ``Åa 2025``, or years under a merged ``Årsarbetare``) and *Konsekvenser* (``Konsekvenser för brukare``:
  the aspect ``brukare``) give ``probability``, ``decision``, ``one_off``, ``staff`` and ``consequences``;
  each cell is read by :mod:`budgetbalans.read.office.decisions` and what could be read two ways is refused.
- **Several tables** about the same measures (one of who and when, one of amounts) are joined by
  number when both have one and the names agree (or one table has none), else by name; two lists
  numbered alike with other names are other measures (the later one's ids prefixed ``2.``) (a unique name that begins with the other also
  joins, noted). A table none of whose rows match is a further list of measures. A row that
  matches nothing while the others do is kept as a measure of its own and reported, never
  dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import PurePath
from typing import Any, Iterable, Union

from budgetbalans.plan.amounts import AmountError, interval_range, parse_amount, parse_effect
from budgetbalans.i18n import Message, quoted, template
from budgetbalans.plan.models import FIRST_YEAR, LAST_YEAR, STATUS_WORDS, Status
from budgetbalans.plan.period import MAX_PERIOD_YEARS
from budgetbalans.plan import notation
from budgetbalans.plan.money import Unit
from budgetbalans.read.office.decisions import (
    LASTING_BLANK,
    NO_WORDS,
    NOTE_STAFF_YEAR,
    STAFF_NO_YEAR,
    YES_WORDS,
    read_cell,
)
from budgetbalans.read.office.grid import Grid
from budgetbalans.text import escape

__all__ = ["COLUMN_SYNONYMS", "Finding", "Imported", "import_plan"]

#: How far down a table its header may be (title rows, a unit line, a group heading above it).
HEADER_SEARCH_ROWS = 10

# --- what a column means ------------------------------------------------------------------------

#: Header words (lower case, footnote marks, units and parentheses removed) and the column they name.
COLUMN_SYNONYMS: dict[str, str] = {
    **dict.fromkeys(["nr", "nr.", "nummer", "löpnr", "löpnr.", "löpnummer", "id", "#", "åtgärd nr", "åtgärdsnummer",
                     "ref", "no", "no.", "number"], "id"),
    **dict.fromkeys(["åtgärd", "åtgärder", "åtgärdens namn", "åtgärdsförslag", "benämning", "titel", "rubrik",
                     "namn", "förslag", "förslag till åtgärd", "measure", "measures", "action", "title", "name"],
                    "title"),
    **dict.fromkeys(["område", "området", "fokusområde", "verksamhet", "verksamhetsområde", "kategori",
                     "enhet", "avdelning", "area", "focus area", "category"], "area"),
    **dict.fromkeys(["status", "läge", "state"], "status"),
    **dict.fromkeys(["ansvarig", "ansvariga", "ansvar", "ansvarig chef", "ägare", "responsible", "owner"],
                    "responsible"),
    **dict.fromkeys(["tidplan", "tidsplan", "tid", "när", "klart när", "genomförandetid", "schedule", "timeline",
                     "when"], "schedule"),
    **dict.fromkeys(["genomförd senast", "genomfört senast", "klart senast", "klar senast", "slutdatum", "klardatum",
                     "färdigdatum", "deadline", "due", "due date"], "due"),
    **dict.fromkeys(["prognoskommentar", "kommentar till prognos", "kommentar till prognosen", "kommentar prognos",
                     "avvikelsekommentar", "kommentar till avvikelse", "kommentar till avvikelsen",
                     "orsak till avvikelse", "avvikelseorsak", "forecast note", "forecast comment"], "forecast_note"),
    **dict.fromkeys(["uppföljning", "följs upp", "follow-up", "follow up", "followup"], "follow_up"),
    **dict.fromkeys(["kommentar", "kommentarer", "anmärkning", "anmärkningar", "not", "noter", "anteckning",
                     "beskrivning", "genomförande", "note", "notes", "comment", "comments", "description"], "note"),
    **dict.fromkeys(["totalt", "summa", "total", "sum", "summa effekt", "total effekt", "totalt belopp"], "total"),
    **dict.fromkeys(["helårseffekt", "årseffekt", "helår", "effekt helår", "uppskattad effekt helår",
                     "full year", "full-year effect", "full year effect", "annual effect"], "full_year"),
    **dict.fromkeys(["intervall", "intervallklass", "klass", "interval", "class", "interval class"], "interval"),
    **dict.fromkeys(["medräknad", "counted"], "counted"),
    **dict.fromkeys(["plan"], "plan"),
    **dict.fromkeys(["sannolikhet", "sannolikhet %", "sannolikhet i procent", "trolighet", "probability",
                     "likelihood"], "probability"),
    **dict.fromkeys(["beslut", "decision"], "decision"),
    **dict.fromkeys(["beslutsnivå", "beslutas av", "beslutsinstans", "beslutande", "beslutande organ",
                     "beslutsfattare", "decided by", "decision level"], "decision.by"),
    **dict.fromkeys(["beslutsstatus", "beslutsläge", "decision state"], "decision.state"),
    **dict.fromkeys(["beslutad", "beslutat", "decided"], "decision.decided"),
    **dict.fromkeys(["paragraf", "diarienummer", "dnr", "dnr.", "beslut §", "beslutsparagraf", "§",
                     "paragraf/dnr", "dnr/paragraf"], "decision.ref"),
    **dict.fromkeys(["beslutsdatum", "datum för beslut", "decision date"], "decision.date"),
    **dict.fromkeys(["engångs", "engång", "engångseffekt", "engångsbelopp", "engångsåtgärd", "one-off", "one off"],
                    "one_off"),
    **dict.fromkeys(["varaktig", "varaktig effekt", "bestående", "bestående effekt", "lasting"], "lasting"),
    **dict.fromkeys(["engångs/varaktig", "engång/varaktig", "varaktig/engång", "engångs eller varaktig",
                     "engång eller varaktig", "effekttyp", "typ av effekt", "one-off/lasting"], "effect_kind"),
    **dict.fromkeys(["årsarbetare", "åa", "antal åa", "antal årsarbetare", "förändring årsarbetare",
                     "förändring åa", "personaleffekt", "fte", "staff"], "staff"),
    **dict.fromkeys(["konsekvenser", "konsekvens", "konsekvensbeskrivning", "konsekvensanalys", "consequences"],
                    "consequences"),
}
#: A consequences column that names its aspect (``Konsekvenser för brukare``): the aspect.
_ASPECT_HEADER = re.compile(r"^(?:konsekvens(?:er|beskrivning|analys)?|consequences)\s+(?:för\s+|for\s+)?"
                            r"(?P<aspect>\S.*)$")
#: The aspect of a consequences column that names none.
CONSEQUENCES_ASPECT = "konsekvenser"
#: What a year's header may say besides the year to be that year's staff (``Årsarbetare 2025``).
_STAFF_HEADERS = frozenset(word for word, kind in COLUMN_SYNONYMS.items() if kind == "staff")
#: Words a year's header may hold besides the year (``Uppskattad effekt 2018``).
_YEAR_FILLERS = frozenset({
    "effekt", "effekter", "uppskattad", "uppskattat", "beräknad", "beräknat", "år", "besparing", "belopp",
    "ekonomisk", "netto", "nettoeffekt", "planerad", "planerat", "budget", "budgetår", "effect", "estimated",
    "year", "saving", "savings", "amount", "summa", "total", "totalt",
})
#: Words that make a year's header something other than the year's effect.
_YEAR_KINDS = {
    "helår": "full_year", "helårseffekt": "full_year", "årseffekt": "full_year", "full-year": "full_year",
    "låg": "low", "lägst": "low", "low": "low", "min": "low",
    "hög": "high", "högst": "high", "high": "high", "max": "high",
    "prognos": "forecast", "forecast": "forecast", "utfall": "outcome", "outcome": "outcome",
}
#: A measure's total column may come as a low and a high column, like a year's.
_END_WORDS = {"låg": "low", "low": "low", "hög": "high", "high": "high"}

#: Cell texts that mean "no effect this year".
NO_EFFECT = frozenset({"", "-", "–", "—", "--", "- -", "– –", "-  -", "ej beräknat", "ej beräknad", "ej beräknade",
                       "not estimated", "n/a"})
#: Labels of a row that holds the document's totals.
TOTAL_LABELS = frozenset({"summa", "totalt", "total", "sum", "summa totalt", "totalsumma", "total summa",
                          "summa åtgärder", "summa effekt", "totalt effekt", "grand total", "measures total"})
_SUBTOTAL_PREFIXES = ("delsumma", "subtotal", "summa ", "totalt ")
#: Rows budgetbalans's own reports (and similar documents) add: computed, not measures.
_DERIVED_PREFIXES = ("möjlig effekt", "possible effect", "kvar att spara", "still to save", "netto för perioden",
                     "net for the period", "netto, ", "net, ", "täckning", "coverage", "överskott", "surplus",
                     "osäkert", "uncertain", "prognos: kvar", "prognos: överskott", "prognos: osäkert",
                     "prognos: netto", "forecast: still", "forecast: surplus", "forecast: uncertain",
                     "forecast: net", "andra årens planerade", "the other years' planned")
_TARGET_LABELS = ("sparbeting", "savings target", "sparkrav", "besparingskrav")
_POSSIBLE = re.compile(r"^(?P<status>.*?)\s*\((?:möjlig|possible)\)$", re.IGNORECASE)

_FOOTNOTES = re.compile(r"[*¹²³⁴⁵⁶⁷⁸⁹⁰†‡]+")
_PARENTHESES = re.compile(r"\([^()]*\)")
_UNIT_WORD = r"(mnkr|mkr|tkr|kr|tusentals kronor|tusen kronor|miljoner kronor)"
_UNIT_IN_PARENTHESES = re.compile(r"\(\s*(?:belopp\s+)?(?:i\s+)?" + _UNIT_WORD + r"\.?\s*\)", re.IGNORECASE)
_UNIT_AFTER_IN = re.compile(r"(?:^|\s)(?:i|in)\s+" + _UNIT_WORD + r"\.?(?=$|[\s,.;:)])", re.IGNORECASE)
_UNIT_ALONE = re.compile(r"^\s*(?:belopp|amounts?)?[\s:]*" + _UNIT_WORD + r"\.?\s*$", re.IGNORECASE)
_UNIT_SUFFIX = re.compile(r"(?:^|[\s\d])(mnkr|mkr|tkr|kr)\.?\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?<![0-9])([0-9]{4})(?![0-9])")
#: Short lines only: a paragraph that mentions "1,75 mkr" in passing names no unit of a table.
_UNIT_LINE_MAX = 100
_TITLE_MAX = 150


def _unit_of_word(word: str) -> Unit:
    word = word.lower()
    if word in ("tkr", "tusentals kronor", "tusen kronor"):
        return Unit.TKR
    if word in ("mkr", "mnkr", "miljoner kronor"):
        return Unit.MKR
    return Unit.KR


def unit_in_line(text: str) -> Unit | None:
    """The unit a short line of text names for a table: ``Effekt av åtgärder i tkr``, ``Belopp i kr``, ``(mkr)``."""
    line = " ".join(text.split())
    if not line or len(line) > _UNIT_LINE_MAX:
        return None
    for pattern in (_UNIT_IN_PARENTHESES, _UNIT_AFTER_IN, _UNIT_ALONE):
        found = pattern.search(line)
        if found:
            return _unit_of_word(found.group(1))
    return None


@dataclass(frozen=True)
class Header:
    """A column's header read for its meaning."""

    words: str           # lower case, without footnote marks, unit and parentheses
    unit: Unit | None    # the unit the header names


def read_header(text: str) -> Header:
    line = " ".join(text.split())
    unit = None
    for pattern in (_UNIT_IN_PARENTHESES, _UNIT_AFTER_IN):
        found = pattern.search(line)
        if found:
            unit = _unit_of_word(found.group(1))
            line = line[: found.start()] + " " + line[found.end():]
            break
    line = _PARENTHESES.sub(" ", _FOOTNOTES.sub(" ", line.lower()))
    words = " ".join(line.replace("?", " ").split()).strip(" :.,;")
    if unit is None:  # "Belopp tkr", "2024 tkr"
        found = re.search(r"(?:^|\s)(mnkr|mkr|tkr)$", words)
        if found:
            unit, words = _unit_of_word(found.group(1)), words[: found.start()].strip()
    return Header(words, unit)


@dataclass(frozen=True)
class Column:
    """What one column of a table holds: ``kind`` (a key of the plan, ``effect``, ``forecast``,
    ``outcome``), its ``year``, ``end`` (``low``/``high`` of a range written in two columns)."""

    index: int
    text: str
    kind: str
    year: int | None = None
    end: str = ""
    unit: Unit | None = None
    aspect: str = ""        # the aspect a consequences column names
    percent: bool = False   # the header says its numbers are percentages (``Sannolikhet (%)``)


def classify(index: int, text: str) -> Column | None:
    """The meaning of a header cell, or ``None`` when it names nothing the plan format holds."""
    header = read_header(text)
    words = header.words
    years = [int(y) for y in _YEAR.findall(words) if FIRST_YEAR <= int(y) <= LAST_YEAR]
    rest = " ".join(_YEAR.sub(" ", words).replace("full year", "full-year").split()).strip(" -–:")
    if not years:
        kind = COLUMN_SYNONYMS.get(words)
        aspect = _ASPECT_HEADER.match(words)
        if kind is None and aspect is not None:
            return Column(index, text, "consequences", aspect=aspect["aspect"])
        if kind == "consequences":
            return Column(index, text, kind, aspect=CONSEQUENCES_ASPECT)
        if kind == "probability":
            return Column(index, text, kind, percent="%" in text or "procent" in text.lower())
        if kind is None:
            *head, last = rest.split() or [""]
            end = _END_WORDS.get(last, "")
            base = COLUMN_SYNONYMS.get(" ".join(head)) if end else None
            if base == "total":
                return Column(index, text, "total", end=end, unit=header.unit)
            return None
        return Column(index, text, kind, unit=header.unit)
    if len(set(years)) > 1:
        kind = COLUMN_SYNONYMS.get(rest)
        return Column(index, text, "total", unit=header.unit) if kind == "total" else None
    if rest in _STAFF_HEADERS:
        return Column(index, text, "staff", years[0])
    kinds = set()
    for word in rest.split():
        if word in _YEAR_KINDS:
            kinds.add(_YEAR_KINDS[word])
        elif word not in _YEAR_FILLERS:
            return None
    year = years[0]
    if kinds == set():
        return Column(index, text, "effect", year, unit=header.unit)
    if kinds == {"full_year"}:
        return Column(index, text, "full_year", year, unit=header.unit)
    if kinds in ({"low"}, {"high"}):
        return Column(index, text, "effect", year, end=kinds.pop(), unit=header.unit)
    if kinds in ({"forecast"}, {"outcome"}):
        return Column(index, text, kinds.pop(), year, unit=header.unit)
    return None


_AMOUNT_KINDS = frozenset({"effect", "full_year", "forecast", "outcome", "total"})
#: The columns of what a nämnd decides on (read by :mod:`budgetbalans.read.office.decisions`).
DECISION_KINDS = frozenset({"probability", "decision", "decision.by", "decision.state", "decision.decided",
                            "decision.ref", "decision.date", "one_off", "lasting", "effect_kind", "staff",
                            "consequences"})

# --- what the import says -------------------------------------------------------------------------

NO_TABLES = template(
    "import.no_tables",
    sv="filen har inga tabeller; en plan importeras från en tabell med en kolumn Åtgärd och en kolumn per år",
    en="the file has no tables; a plan is imported from a table with a column Åtgärd (measure) and one per year")
NO_PLAN_TABLE = template(
    "import.no_plan_table",
    sv="ingen tabell har en rubrikrad med åtgärdens namn eller nummer (Åtgärd, Nr) och fler kolumner som "
       "planen har (ett år, Status, Ansvarig …); skriv rubrikerna i tabellens första rad",
    en="no table has a header row with the measure's name or number (Åtgärd, Nr) and further columns a plan "
       "has (a year, Status, Ansvarig …); write the headers in the table's first row")
NO_UNIT = template(
    "import.no_unit",
    sv="beloppen har ingen enhet, och varken rubrikerna eller texten ovanför tabellen anger kr, tkr eller mkr; "
       "ange enheten med --unit kr, --unit tkr eller --unit mkr",
    en="the amounts have no unit, and neither the headers nor the text above the table say kr, tkr or mkr; "
       "give the unit with --unit kr, --unit tkr or --unit mkr")
NO_TITLE = template(
    "import.no_title",
    sv="raden har belopp men ingen åtgärd; skriv åtgärdens namn i kolumnen {column}",
    en="the row has amounts but no measure; write the measure's name in the column {column}")
NO_TITLE_COLUMN = template(
    "import.no_title_joined",
    sv="åtgärd {id} har inget namn: tabellen har ingen kolumn Åtgärd och ingen annan tabell har nr {id}; "
       "lägg till åtgärdens namn",
    en="measure {id} has no name: the table has no column Åtgärd and no other table has number {id}; "
       "add the measure's name")
DUPLICATE_ID = template(
    "import.duplicate_id",
    sv="nr {id} finns redan på {other}; ge varje åtgärd ett eget nummer",
    en="number {id} is already used at {other}; give each measure its own number")
AMBIGUOUS_JOIN = template(
    "import.ambiguous_join",
    sv="{title} finns på flera rader ({first} och {second}), så raden kan inte paras ihop med rätt åtgärd; "
       "ge åtgärderna olika namn eller en kolumn Nr i båda tabellerna",
    en="{title} is on several rows ({first} and {second}), so the row cannot be joined to the right measure; "
       "give the measures different names, or a column Nr in both tables")
CONFLICT = template(
    "import.conflict",
    sv="{what} för åtgärd {id} är {value} här men {other_value} på {other}; rätta det ena",
    en="{what} of measure {id} is {value} here but {other_value} at {other}; correct one of them")
STATED_CONFLICT = template(
    "import.stated_conflict",
    sv="summan {value} skiljer sig från summan {other_value} på {other}; rätta den ena",
    en="the total {value} differs from the total {other_value} at {other}; correct one of them")
TOO_MANY_YEARS = template(
    "import.too_many_years",
    sv="tabellerna har år från {first} till {last}; en plan gäller högst {limit} år: importera en del av "
       "tabellen i taget",
    en="the tables have years from {first} to {last}; a plan covers at most {limit} years: import part of the "
       "table at a time")
NO_LOW_END = template(
    "import.no_low_end",
    sv="intervallet har ett högsta värde men inget lägsta; skriv det lägsta i kolumnen {column}",
    en="the range has a high end but no low end; write the low end in the column {column}")
NOT_YES_NO = template(
    "import.not_yes_no",
    sv="{value} är varken ja eller nej; skriv ja (räknas in) eller nej (möjlig effekt, räknas inte in)",
    en="{value} is neither yes nor no; write yes (counted) or no (a possible effect, not counted)")
TITLE_MISMATCH = template(
    "import.title_mismatch",
    sv="nr {id} heter {title} här men {other_title} på {other}; är det samma åtgärd, skriv samma namn, "
       "är det olika åtgärder, ge dem olika nummer",
    en="number {id} is called {title} here but {other_title} at {other}; if it is the same measure, write the "
       "same name, if they are different measures, give them different numbers")
MERGED_AMOUNT = template(
    "import.merged_amount",
    sv="beloppet {value} står i en sammanfogad cell som täcker {count} belopp ({first} och {last}); ett belopp "
       "gäller en åtgärd ett år: dela upp cellen och skriv varje belopp i sin egen cell",
    en="the amount {value} is in a merged cell that covers {count} amounts ({first} and {last}); an amount is "
       "one measure's in one year: split the cell and write each amount in a cell of its own")
DUPLICATE_COLUMN = template(
    "import.duplicate_column",
    sv="kolumnen {column} finns två gånger ({other} och {header}), så {value} här skulle inte läsas; ta bort "
       "den ena kolumnen eller ge dem olika rubriker",
    en="the column {column} is there twice ({other} and {header}), so {value} here would not be read; remove "
       "one of the columns or give them different headers")
UNDER_MERGED_HEADER = template(
    "import.under_merged_header",
    sv="rubriken {column} täcker flera kolumner, och {value} här står i en av dem som inte läses; ge varje "
       "kolumn en egen rubrik",
    en="the header {column} covers several columns, and {value} here is in one of them that is not read; give "
       "each column a header of its own")
UNHEADED_VALUE = template(
    "import.unheaded_value",
    sv="{value} står i en kolumn utan rubrik och skulle inte läsas; skriv kolumnens rubrik (ett år, Totalt …) "
       "eller ta bort värdet",
    en="{value} is in a column without a header and would not be read; write the column's header (a year, "
       "Totalt …) or remove the value")

# Choices and what was left out (shown on standard error; those tied to a key also as a comment in the plan).
NOTE_COLUMN_IGNORED = template(
    "import.note.column_ignored",
    sv="kolumnen {column} är ingen av planens kolumner och lästes inte",
    en="the column {column} is none of a plan's columns and was not read")
NOTE_TABLE_SKIPPED = template(
    "import.note.table_skipped",
    sv="tabellen har ingen rubrikrad med Åtgärd eller Nr och lästes inte",
    en="the table has no header row with Åtgärd (measure) or Nr and was not read")
NOTE_FULL_YEAR = template(
    "import.note.full_year",
    sv="kolumn {column} → full_year",
    en="column {column} → full_year")
NOTE_FULL_YEAR_START = template(
    "import.note.full_year_start",
    sv="kolumn {column} → full_year från {year}",
    en="column {column} → full_year from {year}")
NOTE_UNJOINED = template(
    "import.note.unjoined",
    sv="raden {title} motsvarar ingen åtgärd i {other} och blev en egen åtgärd; kontrollera namnet eller numret",
    en="the row {title} matches no measure of {other} and became a measure of its own; check its name or number")
NOTE_JOINED_PREFIX = template(
    "import.note.joined_prefix",
    sv="raden {title} ({where}) paras ihop med åtgärden {other_title}: det ena namnet börjar med det andra",
    en="the row {title} ({where}) is joined to the measure {other_title}: one name begins with the other")
NOTE_DERIVED_ROW = template(
    "import.note.derived_row",
    sv="raden {label} är uträknad, ingen åtgärd, och lästes inte",
    en="the row {label} is computed, not a measure, and was not read")
NOTE_SUBTOTAL = template(
    "import.note.subtotal",
    sv="raden {label} är en delsumma och lästes inte (budgetbalans summerar per område med --group-by area)",
    en="the row {label} is a subtotal and was not read (budgetbalans adds up by area with --group-by area)")
NOTE_UNIT_OPTION = template(
    "import.note.unit_option",
    sv="--unit {unit} gäller, fast tabellen anger {stated}",
    en="--unit {unit} applies, though the table says {stated}")
NOTE_STATUS_AS_SCHEDULE = template(
    "import.note.status_as_schedule",
    sv="{value} i kolumnen {column} är ingen status; den står som schedule",
    en="{value} in the column {column} is no status; it is kept as schedule")
NOTE_STATUS_AS_NOTE = template(
    "import.note.status_as_note",
    sv="{value} i kolumnen {column} är ingen status; den står i note",
    en="{value} in the column {column} is no status; it is kept in note")
NOTE_IDS_NUMBERED = template(
    "import.note.ids_numbered",
    sv="dokumentet numrerar inte åtgärderna: id är löpnummer i dokumentets ordning",
    en="the document does not number the measures: each id is a running number in the document's order")
NOTE_ID_NUMBERED = template(
    "import.note.id_numbered",
    sv="raden har inget nr: id {id} är satt vid importen",
    en="the row has no number: id {id} was given by the import")
NOTE_TITLE_FROM_FILE = template(
    "import.note.title_from_file",
    sv="titeln är filens namn: dokumentets titel hittades inte; skriv planens titel",
    en="the title is the file's name: the document's title was not found; write the plan's title")
NOTE_TITLE_FROM_TEXT = template(
    "import.note.title_from_text",
    sv="titeln är texten ovanför tabellen",
    en="the title is the text above the table")
NOTE_INTERVAL_AS_NOTE = template(
    "import.note.interval_as_note",
    sv="intervallklass {value} utan år (planen nämner inget år): står i note",
    en="interval class {value} without a year (the plan names no year): kept in note")
NOTE_INTERVAL = template(
    "import.note.interval",
    sv="kolumn {column}: intervallklass {value} → full_year",
    en="column {column}: interval class {value} → full_year")
NOTE_STATED_RANGE = template(
    "import.note.stated_range",
    sv="summan {low}–{high} är ett intervall; en angiven summa är ett belopp, så den lästes inte",
    en="the total {low}–{high} is a range; a stated total is one amount, so it was not read")
NOTE_CLASS_IGNORED = template(
    "import.note.class_ignored",
    sv="kolumnen {column} lästes inte för rader med belopp: budgetbalans räknar ut intervallklassen",
    en="the column {column} was not read for rows with amounts: budgetbalans computes the interval class")
NOTE_SEVERAL_PLANS = template(
    "import.note.several_plans",
    sv="kolumnen {column} nämner flera planer; titeln är den första, {title}",
    en="the column {column} names several plans; the title is the first, {title}")
NOTE_LIST_PREFIXED = template(
    "import.note.list_prefixed",
    sv="tabellen numrerar sina åtgärder som {other} men med andra namn; de är andra åtgärder, och deras id har "
       "fått prefixet {prefix} ({examples} …)",
    en="the table numbers its measures as {other} does but with other names; they are other measures, and "
       "their ids have the prefix {prefix} ({examples} …)")
NOTE_SUM_ROW = template(
    "import.note.sum_row",
    sv="raden {label} är dokumentets summa: den står som stated_totals, och check jämför den med åtgärdernas rader",
    en="the row {label} is the document's total: it is kept as stated_totals, and check compares it with the "
       "measures' rows")
NOTE_NUMBERED_TOTAL = template(
    "import.note.numbered_total",
    sv="raden nr {id} heter {label} men har ett eget nummer, så den är en åtgärd; är den dokumentets summa, "
       "ta bort numret",
    en="the row number {id} is called {label} but has a number of its own, so it is a measure; if it is the "
       "document's total, remove the number")
NOTE_UNHEADED_COLUMN = template(
    "import.note.unheaded_column",
    sv="kolumnen har ingen rubrik, och texten i den lästes inte",
    en="the column has no header, and its text was not read")
NOTE_NAME_NOT_UTF8 = template(
    "import.note.name_not_utf8",
    sv="filens namn är inte UTF-8: det som inte går att läsa står som \\xNN i title och source; skriv planens titel",
    en="the file's name is not UTF-8: what cannot be read is written as \\xNN in title and source; write the "
       "plan's title")
INTERVAL_TEXT = template("import.text.interval", sv="Intervallklass {value} (årseffekt) enligt dokumentet.",
                         en="Interval class {value} (a year's effect) according to the document.")


@dataclass(frozen=True)
class Finding:
    """A problem or a note: where in the file (a cell's address, ``""`` for the whole file) and what.

    ``path`` is the key in the plan it is about (``("measures", 3, "full_year")``), when the plan
    should carry it as a comment.
    """

    where: str
    message: Message
    path: tuple[Union[str, int], ...] | None = None


@dataclass
class Imported:
    """The plan as plain data (the plan format's key order), what the import chose, what stopped it."""

    plan: dict[str, Any]
    unit: Unit | None
    notes: list[Finding] = field(default_factory=list)
    problems: list[Finding] = field(default_factory=list)

    @property
    def comments(self) -> dict[tuple[Union[str, int], ...], list[Message]]:
        """The notes the plan shows beside its keys."""
        found: dict[tuple[Union[str, int], ...], list[Message]] = {}
        for note in self.notes:
            if note.path is not None and note.message not in found.get(note.path, []):
                found.setdefault(note.path, []).append(note.message)
        return found


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Value:
    """An amount, range or interval class as read, and the unit it was written in (for writing it back)."""

    low: Decimal | None
    high: Decimal | None
    unit: Unit
    interval: int | None = None

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high and self.interval is None


def amount_text(kronor: Decimal, unit: Unit, plan_unit: Unit) -> str:
    """``1 750 000``, ``0,5 mkr``, ``-300``: an amount in Swedish notation, its unit written if not the plan's."""
    number = (kronor / unit.kronor).normalize()
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    digits = whole.lstrip("0") or "0"
    head = len(digits) % 3 or 3
    grouped = " ".join([digits[:head], *(digits[i: i + 3] for i in range(head, len(digits), 3))])
    text = sign + grouped + ("," + frac if frac else "")
    return text if unit is plan_unit else f"{text} {unit.value}"


def value_data(value: Value, plan_unit: Unit) -> Any:
    """A value as the plan writes it: text, or a mapping for an interval class or a range with a negative end."""
    if value.interval is not None:
        return {"interval": value.interval}
    assert value.low is not None
    low = amount_text(value.low, value.unit, plan_unit)
    if value.exact:
        return low
    if value.high is None or value.low < 0:
        mapping: dict[str, Any] = {"low": low}
        if value.high is not None:
            mapping["high"] = amount_text(value.high, value.unit, plan_unit)
        return mapping
    high = amount_text(value.high, value.unit, plan_unit)
    if value.unit is not plan_unit:  # "0,5-1 mkr": the unit once, at the end
        return f"{low.rsplit(' ', 1)[0]}-{high}"
    return f"{low}-{high}"


def _cell_unit(text: str) -> Unit | None:
    found = _UNIT_SUFFIX.search(text.strip())
    return _unit_of_word(found.group(1)) if found else None


def _flat(text: str) -> str:
    return " ".join(text.split())


def is_no_effect(text: str) -> bool:
    return _flat(text).lower() in NO_EFFECT


# --- reading one table ----------------------------------------------------------------------------


@dataclass
class Row:
    """One measure's row of one table: its fields, where each came from."""

    grid: int
    row: int
    where: str                                             # the row's address (its first cell)
    fields: dict[str, Any] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)   # field → the cell's address
    effects: dict[int, Value] = field(default_factory=dict)
    forecast: dict[int, Value] = field(default_factory=dict)
    outcome: dict[int, Value] = field(default_factory=dict)
    full_year: Value | None = None
    full_year_column: Column | None = None
    interval: tuple[int, str, Column] | None = None        # an Intervall cell: (class, address, column)
    not_status: tuple[str, str, Column] | None = None      # a Status cell that is no status
    stated_total: Value | None = None
    potential: bool = False
    uncounted: bool = False
    staff: dict[int, Decimal] = field(default_factory=dict)
    staff_unyeared: tuple[Decimal, str, Column] | None = None    # a staff figure whose column names no year
    blank_lasting: tuple[str, Column] | None = None                # an empty cell of a Varaktig column
    notes: list[tuple[str, Message, str]] = field(default_factory=list)  # (where, message, key)


@dataclass
class Table:
    index: int
    grid: Grid
    columns: list[Column]
    rows: list[Row]
    has_id: bool
    headed: bool = False   # a group heading (or an area column) gave its rows an area


_NOTE_HEADERS = frozenset({"kommentar", "kommentarer", "not", "noter", "note", "notes", "comment", "comments",
                           "anteckning", "anmärkning", "anmärkningar"})


class _Reader:
    """Reads every table; collects notes and problems as it goes."""

    def __init__(self, grids: list[Grid], unit: Unit | None) -> None:
        self.grids, self.option_unit = grids, unit
        self.notes: list[Finding] = []
        self.problems: list[Finding] = []
        self.units: list[Unit] = []                               # the units the tables name, in order
        self.stated: dict[Union[int, str], tuple[Value, str]] = {}
        self.target_total: Value | None = None
        self.target_years: dict[int, Value] = {}
        self.titles: list[tuple[str, str]] = []                   # (text, where) candidates for the title
        self.plan_names: dict[str, str] = {}                      # the values of a Plan column
        self.years: dict[int, str] = {}                           # each year and the header cell naming it
        self.noted: set[str] = set()                              # notes given once per column
        self.refused: set[str] = set()                            # the addresses of amounts refused already

    def note_once(self, key: str, finding: Finding) -> None:
        if key not in self.noted:
            self.noted.add(key)
            self.notes.append(finding)

    # the header ---------------------------------------------------------------------------------

    def header(self, grid: Grid) -> HeaderRows | None:
        for number, cells in enumerate(grid.cells[:HEADER_SEARCH_ROWS]):
            found = [c for i, text in enumerate(cells) if text.strip() and (c := classify(i, text)) is not None]
            columns = _first_of_each(found)
            if len(columns) >= 2 and {c.kind for c in columns} & {"title", "id"}:
                return _with_sub_header(grid, number, found)
        return None

    def table(self, index: int, grid: Grid) -> Table | None:
        if not grid.cells:
            return None
        head = self.header(grid)
        if head is None:
            self.notes.append(Finding(_grid_where(grid), NOTE_TABLE_SKIPPED()))
            return None
        columns = head.columns
        self.ignored_columns(grid, head)
        unit = self.table_unit(grid, head.first, columns)
        table = Table(index, grid, columns, [], any(c.kind == "id" for c in columns),
                      headed=any(c.kind == "area" for c in columns))
        area: str | None = None
        for r in range(head.first):
            area = _heading(grid, r) or area
        table.headed = table.headed or area is not None
        for column in columns:
            if column.year is not None:
                self.years.setdefault(column.year, grid.address(head.last, column.index, _flat(column.text)))
        self.title_candidates(grid, head.first)
        rows: list[tuple[int, str | None]] = []
        repeated = (grid.cells[head.first], grid.cells[head.last])
        for r in range(head.last + 1, len(grid.cells)):
            cells = grid.cells[r]
            if cells in repeated or not any(text.strip() for text in cells):
                continue
            heading = _heading(grid, r, columns)
            if heading is not None:
                area, table.headed = heading, True
                continue
            rows.append((r, area))
        self.unread_cells(grid, head, [r for r, _ in rows])
        self.merged_amounts(grid, head, [r for r, _ in rows])
        for r, row_area in rows:
            self.row(table, r, unit, row_area)
        return table

    def ignored_columns(self, grid: Grid, head: HeaderRows) -> None:
        """A header that names nothing the plan holds: said once (its cells are not read)."""
        known = {c.index for c in [*head.columns, *head.repeated]}
        for i, text in enumerate(head.texts):
            if text.strip() and i not in known and not any(head.texts[i] == head.texts[j] for j in known):
                self.notes.append(Finding(grid.address(head.last, i, _flat(text)),
                                          NOTE_COLUMN_IGNORED(column=quoted(_flat(text), 60))))

    def unread_cells(self, grid: Grid, head: HeaderRows, rows: list[int]) -> None:
        """A value in a column that is not read: refused where a person would take it for a figure of the
        plan (a column without header, a second column of one meaning, the part of a merged header not read)."""
        read = {c.index for c in head.columns}
        repeated = {c.index: c for c in head.repeated}
        done: set[int] = set()
        for r in rows:
            cells = grid.cells[r]
            for i, text in enumerate(cells):
                if i in read or i in done or not text.strip() or _copy_of_read(grid, r, i, read):
                    continue
                message = self.unread_message(grid, head, r, i, repeated)
                if message is not None:
                    done.add(i)
                    self.problems.append(Finding(grid.address(r, i), message))

    def unread_message(self, grid: Grid, head: HeaderRows, r: int, i: int,
                       repeated: dict[int, Column]) -> Message | None:
        text, header = grid.cells[r][i], head.texts[i]
        value = quoted(_flat(text), 40)
        if i in repeated:
            first = next(c for c in head.columns if _meaning(c) == _meaning(repeated[i]))
            return DUPLICATE_COLUMN(column=quoted(_flat(header), 60), value=value,
                                    other=grid.address(head.last, first.index),
                                    header=grid.address(head.last, i))
        if _copy_of_read(grid, head.last, i, {c.index for c in head.columns}):
            return UNDER_MERGED_HEADER(column=quoted(_flat(header), 60), value=value)
        if header.strip():
            return None  # a column of no meaning to a plan: said once, by ignored_columns
        if _AMOUNT_LIKE.fullmatch(_flat(text)):
            return UNHEADED_VALUE(value=value)
        self.note_once(f"unheaded:{grid.name}:{i}", Finding(grid.address(head.last, i), NOTE_UNHEADED_COLUMN()))
        return None

    def merged_amounts(self, grid: Grid, head: HeaderRows, rows: list[int]) -> None:
        """An amount in a merged cell that covers more than one amount read (two measures, two years) is
        refused: filling a merged cell is right for a group name, never for an amount."""
        amount_columns = [c.index for c in head.columns if c.kind in _AMOUNT_KINDS or c.kind == "staff"]
        read = {(r, c) for r in rows for c in amount_columns
                if (r, c) in grid.merged and not is_no_effect(grid.cells[r][c])}
        seen: set[tuple[int, int]] = set()
        for start in sorted(read):
            if start in seen:
                continue
            block = _merged_block(grid, head, start, set(rows))
            seen |= block
            covered = sorted(block & read)
            if len(covered) < 2:
                continue
            texts = {column.index: _flat(column.text) for column in head.columns}
            addresses = [grid.address(r, c, texts[c]) for r, c in covered]
            self.refused.update(addresses)
            self.problems.append(Finding(addresses[0], MERGED_AMOUNT(
                value=quoted(_flat(grid.cells[start[0]][start[1]])), count=len(covered),
                first=addresses[0], last=addresses[-1])))

    def table_unit(self, grid: Grid, header_row: int, columns: list[Column]) -> Unit | None:
        """The unit the table names: a line above it or before its header, else the one its headers name."""
        stated: Unit | None = None
        for line in [*grid.above, *(" ".join(dict.fromkeys(grid.cells[r])) for r in range(header_row))]:
            stated = unit_in_line(line) or stated
        if stated is None:
            named = {c.unit for c in columns if c.unit is not None}
            if len(named) == 1:
                stated = named.pop()
        if self.option_unit is not None:
            if stated is not None and stated is not self.option_unit:
                self.notes.append(Finding(_grid_where(grid), NOTE_UNIT_OPTION(unit=self.option_unit.value,
                                                                              stated=stated.value)))
            return self.option_unit
        if stated is not None:
            self.units.append(stated)
        return stated

    def title_candidates(self, grid: Grid, header_row: int) -> None:
        lines = [*grid.above, *(_heading(grid, r) or "" for r in range(header_row))]
        for line in lines:
            text = _flat(line)
            if text and len(text) <= _TITLE_MAX and unit_in_line(text) is None and " · " not in text:
                self.titles.append((text, _grid_where(grid)))

    # a row --------------------------------------------------------------------------------------

    def row(self, table: Table, r: int, unit: Unit | None, area: str | None) -> None:
        grid, columns = table.grid, table.columns
        cells = grid.cells[r]
        label = _row_label(cells, columns)
        words = _label_words(label)
        where = grid.address(r, 0)
        number = next((_flat(cells[c.index]) for c in columns
                       if c.kind == "id" and cells[c.index].strip() and cells[c.index] != label), None)
        numbered = number is not None
        if words in TOTAL_LABELS and not numbered:  # a sum row has no number of its own: never a numbered measure
            if self.totals_row(grid, r, columns, unit):
                self.notes.append(Finding(where, NOTE_SUM_ROW(label=quoted(label, 60))))
            return
        if words in TOTAL_LABELS:
            self.notes.append(Finding(where, NOTE_NUMBERED_TOTAL(id=quoted(number), label=quoted(label, 60))))
        if not numbered and _starts(words, _DERIVED_PREFIXES):
            self.notes.append(Finding(where, NOTE_DERIVED_ROW(label=quoted(label, 60))))
            return
        if not numbered and _starts(words, _TARGET_LABELS):
            self.target_row(grid, r, columns, unit)
            return
        if not numbered and _starts(words, _SUBTOTAL_PREFIXES):
            self.notes.append(Finding(where, NOTE_SUBTOTAL(label=quoted(label, 60))))
            return
        row = Row(table.index, r, where)
        if area is not None:
            row.fields["area"], row.origin["area"] = area, where
        pairs: dict[tuple[str, int | None], dict[str, tuple[str, Column | None]]] = {}
        for column in columns:
            text = cells[column.index]
            if column.kind in _AMOUNT_KINDS:
                if column.end:
                    pairs.setdefault((column.kind, column.year), {})[column.end] = (text, column)
                else:
                    self.amount(row, column, text, grid.address(r, column.index, _flat(column.text)), unit)
            elif column.kind == "lasting" and not _flat(text):
                row.blank_lasting = (grid.address(r, column.index, _flat(column.text)), column)
            else:
                self.text_field(row, column, text, grid.address(r, column.index, _flat(column.text)))
        for (kind, year), ends in pairs.items():
            value, address, column = self.pair(ends, grid, r, unit)
            if value is not None:
                self.place(row, kind, column, value, address)
        self.finish_row(table, row)

    def finish_row(self, table: Table, row: Row) -> None:
        has_amounts = bool(row.effects or row.full_year or row.stated_total or row.forecast or row.outcome)
        if "title" not in row.fields and "id" not in row.fields:
            if has_amounts or row.interval is not None:
                column = next((c for c in table.columns if c.kind == "title"), None)
                self.problems.append(Finding(row.where, NO_TITLE(column=quoted(_flat(column.text) if column
                                                                               else "Åtgärd"))))
            return  # a row of only carried-down text (a merged group cell): no measure
        if row.blank_lasting is not None and "one_off" not in row.fields:
            address, column = row.blank_lasting
            self.problems.append(Finding(address, LASTING_BLANK(column=quoted(_flat(column.text)))))
        if row.not_status is not None:
            text, address, column = row.not_status
            key = "schedule" if "schedule" not in row.fields else "note"
            template_ = NOTE_STATUS_AS_SCHEDULE if key == "schedule" else NOTE_STATUS_AS_NOTE
            row.notes.append((address, template_(value=quoted(text), column=quoted(_flat(column.text))), key))
            self.put(row, key, text, address)
        if row.interval is not None and (row.effects or row.full_year):
            klass, address, column = row.interval
            bounds = interval_range(str(klass))
            converted = False
            for year, value in list(row.effects.items()):
                if value.interval is None and (value.low, value.high) == (bounds.low, bounds.high):
                    row.effects[year], converted = Value(None, None, value.unit, klass), True
            if not converted:
                self.note_once(f"class:{table.index}:{column.index}", Finding(
                    address, NOTE_CLASS_IGNORED(column=quoted(_flat(column.text)))))
            row.interval = None
        table.rows.append(row)

    def text_field(self, row: Row, column: Column, text: str, address: str) -> None:
        value = _flat(text)
        kind = column.kind
        if not value:
            return
        if kind == "interval":
            self.interval(row, column, value, address)
        elif kind == "counted":
            word = value.lower()
            if word in NO_WORDS:
                row.uncounted = True
            elif word not in YES_WORDS:
                self.problems.append(Finding(address, NOT_YES_NO(value=quoted(value))))
        elif kind == "plan":
            self.plan_names.setdefault(value, address)
        elif kind == "status":
            possible = _POSSIBLE.match(value)
            if possible:
                row.potential, value = True, possible["status"]
            if value.lower() in STATUS_WORDS:
                self.put(row, "status", value, address)
            elif value:
                row.not_status = (value, address, column)
        elif kind in DECISION_KINDS or kind == "due":  # a date as the plan reads it, like a decision's
            self.decision_field(row, column, value, address)
        elif kind == "note" and read_header(column.text).words not in _NOTE_HEADERS:
            self.put(row, "note", f"{_flat(_PARENTHESES.sub(' ', column.text)).rstrip(' :')}: {value}", address)
        else:
            self.put(row, kind, value, address)

    def decision_field(self, row: Row, column: Column, value: str, address: str) -> None:
        """A cell of the keys a nämnd decides on (:mod:`budgetbalans.read.office.decisions`): put in the row,
        or refused at its address; a choice made is said once per column."""
        read = read_cell(column.kind, _flat(column.text), value, column.aspect, column.percent)
        if isinstance(read, Message):
            self.problems.append(Finding(address, read))
            return
        for key, found in read.fields.items():
            if key == "staff" and column.year is None:
                row.staff_unyeared = (found, address, column)
            elif key == "staff":
                assert column.year is not None
                row.staff[column.year] = found
                row.origin[f"staff.{column.year}"] = address
            else:
                self.put(row, key, found, address)
        if read.note is not None:
            self.note_once(f"decision:{column.index}:{column.text}:{read.note.code}", Finding(address, read.note))

    @staticmethod
    def put(row: Row, key: str, value: str, address: str) -> None:
        """A text field: a second note is added to the first; an area column wins over a heading."""
        if key == "note" and "note" in row.fields:
            row.fields["note"] = f"{row.fields['note']} {value}"
            return
        if key in row.fields and key != "area":
            return
        row.fields[key], row.origin[key] = value, address

    def interval(self, row: Row, column: Column, text: str, address: str) -> None:
        if is_no_effect(text) or re.fullmatch(r"[1-4]\s*[-–]\s*[1-4]", text):  # "1-2": a class computed
            return
        try:
            klass = interval_range(text).interval
        except AmountError as error:
            self.problems.append(Finding(address, error.message))
            return
        assert klass is not None
        row.interval = (klass, address, column)

    def amount(self, row: Row, column: Column, text: str, address: str, unit: Unit | None) -> None:
        if is_no_effect(text):
            return
        value = self.parse(text, address, column, unit, effect=True)  # a range in a total column is noted
        if value is not None:
            self.place(row, column.kind, column, value, address)

    def parse(self, text: str, address: str, column: Column, unit: Unit | None, effect: bool) -> Value | None:
        if address in self.refused:
            return None
        written = _cell_unit(text) or column.unit or unit
        if written is None:
            if not any(p.message.code == NO_UNIT.code for p in self.problems):
                self.problems.append(Finding(address, NO_UNIT()))
            written = Unit.TKR  # read on, to report every other problem too
        try:
            at_least = _AT_LEAST.match(text)
            if effect and at_least:  # "≥ 3 000 000", as budgetbalans's reports show a range without a high end
                low = parse_amount(text[at_least.end():], written)
                return Value(low, None, written)
            if effect:
                found = parse_effect(text, written)
                return Value(found.low, found.high, written, found.interval)
            amount = parse_amount(text, written)
            return Value(amount, amount, written)
        except AmountError as error:
            self.problems.append(Finding(address, error.message))
            return None

    def pair(self, ends: dict[str, tuple[str, Column | None]], grid: Grid, r: int,
             unit: Unit | None) -> tuple[Value | None, str, Column]:
        """A range written as a low and a high column (budgetbalans's CSV and xlsx); an empty high is unbounded."""
        low_text, low_column = ends.get("low", ("", None))
        high_text, high_column = ends.get("high", ("", None))
        column = low_column or high_column
        assert column is not None
        address = grid.address(r, column.index, _flat(column.text))
        if is_no_effect(low_text) and is_no_effect(high_text):
            return None, address, column
        if is_no_effect(low_text) or low_column is None:
            self.problems.append(Finding(address, NO_LOW_END(column=quoted(_flat(column.text)))))
            return None, address, column
        low = self.parse(low_text, address, low_column, unit, effect=False)
        high = None
        if high_column is not None and not is_no_effect(high_text):
            high_address = grid.address(r, high_column.index, _flat(high_column.text))
            high = self.parse(high_text, high_address, high_column, unit, effect=False)
            if high is None:
                return None, address, column
        if low is None or low.low is None:
            return None, address, column
        if high is not None and high.low is not None and high.low < low.low:
            self.problems.append(Finding(address, RANGE_REVERSED(
                value=quoted(f"{low_text}-{high_text}"))))
            return None, address, column
        return Value(low.low, None if high is None else high.low, low.unit), address, column

    def place(self, row: Row, kind: str, column: Column, value: Value, address: str) -> None:
        if kind == "effect":
            assert column.year is not None
            row.effects[column.year] = value
            row.origin[f"effects.{column.year}"] = address
        elif kind == "full_year":
            row.full_year, row.full_year_column = value, column
            row.origin["full_year"] = address
        elif kind in ("forecast", "outcome"):
            assert column.year is not None
            getattr(row, kind)[column.year] = value
            row.origin[f"{kind}.{column.year}"] = address
        elif kind == "total" and value.exact:
            row.stated_total = value
            row.origin["stated_total"] = address
        elif kind == "total" and value.low is not None:
            self.notes.append(Finding(address, NOTE_STATED_RANGE(
                low=amount_text(value.low, value.unit, value.unit), high=_or_empty(value.high, value.unit))))

    # the document's totals and target -------------------------------------------------------------

    def sums_of(self, grid: Grid, r: int, columns: list[Column],
                unit: Unit | None) -> dict[Union[int, str], tuple[Value, str]]:
        """The amounts of a Summa (or Sparbeting) row: by year, and ``total`` from the total column."""
        cells = grid.cells[r]
        found: dict[Union[int, str], tuple[Value, str]] = {}
        pairs: dict[tuple[str, int | None], dict[str, tuple[str, Column | None]]] = {}
        for column in columns:
            if column.kind not in ("effect", "total", "full_year"):
                continue
            key: Union[int, str] = "total" if column.kind == "total" else column.year  # type: ignore[assignment]
            if column.end:
                pairs.setdefault((column.kind, column.year), {})[column.end] = (cells[column.index], column)
                continue
            if is_no_effect(cells[column.index]) or key is None:
                continue
            address = grid.address(r, column.index, _flat(column.text))
            value = self.parse(cells[column.index], address, column, unit, effect=True)
            if value is not None and value.exact:
                found[key] = (value, address)
            elif value is not None:
                self.notes.append(Finding(address, NOTE_STATED_RANGE(
                    low=_or_empty(value.low, value.unit), high=_or_empty(value.high, value.unit))))
        for (kind, year), ends in pairs.items():
            value, address, _ = self.pair(ends, grid, r, unit)
            key = "total" if kind == "total" else year  # type: ignore[assignment]
            if value is None or key is None:
                continue
            if value.exact:
                found[key] = (value, address)
            else:
                self.notes.append(Finding(address, NOTE_STATED_RANGE(
                    low=_or_empty(value.low, value.unit), high=_or_empty(value.high, value.unit))))
        return found

    def totals_row(self, grid: Grid, r: int, columns: list[Column], unit: Unit | None) -> bool:
        """The document's sums (``stated_totals``); whether the row gave any."""
        sums = self.sums_of(grid, r, columns, unit)
        for key, (value, address) in sums.items():
            before = self.stated.get(key)
            if before is None:
                self.stated[key] = (value, address)
            elif before[0].low != value.low:
                self.problems.append(Finding(address, STATED_CONFLICT(
                    value=_or_empty(value.low, value.unit), other_value=_or_empty(before[0].low, before[0].unit),
                    other=before[1])))
        return bool(sums)

    def target_row(self, grid: Grid, r: int, columns: list[Column], unit: Unit | None) -> None:
        found = self.sums_of(grid, r, columns, unit)
        years = {key: value for key, (value, _) in found.items() if isinstance(key, int)}
        if years:
            self.target_years.update(years)
        elif "total" in found:
            self.target_total = found["total"][0]


RANGE_REVERSED = template(
    "import.range_reversed",
    sv="intervallet {value} har det lägsta värdet över det högsta; skriv det mindre beloppet i kolumnen låg",
    en="the range {value} has its low end above its high end; write the smaller amount in the low column")
NOTE_AREA_FROM_TEXT = template(
    "import.note.area_from_text",
    sv="området är rubriken ovanför tabellen ({where})",
    en="the area is the heading above the table ({where})")


def _grid_where(grid: Grid) -> str:
    return grid.name or ""


def _starts(words: str, prefixes: Iterable[str]) -> bool:
    """``words`` is one of ``prefixes``, or begins with one followed by a space, colon or parenthesis."""
    return any(words == p or (words.startswith(p) and words[len(p)] in " :(,") for p in prefixes)


def _or_empty(value: Decimal | None, unit: Unit) -> str:
    return "…" if value is None else amount_text(value, unit, unit)


@dataclass(frozen=True)
class HeaderRows:
    """A table's header: one row, or a row and the row of sub-headers under it (``Ekonomisk effekt (tkr)``
    merged over ``2025`` and ``2026``). ``texts``: each position's header as read (a sub-header after the
    text above it); ``columns``: one per meaning, left to right; ``repeated``: a further column of a
    meaning already read (whose cells would be lost)."""

    first: int
    last: int
    texts: tuple[str, ...]
    columns: list[Column]
    repeated: list[Column]


def _with_sub_header(grid: Grid, row: int, found: list[Column]) -> HeaderRows:
    """The header at ``row``, and the row under it where that row holds sub-headers: each of its texts,
    after the text above it, names a column (a year under ``Ekonomisk effekt (tkr)``), and it has no
    measure's name or number of its own."""
    top = grid.cells[row]
    single = HeaderRows(row, row, top, _first_of_each(found), _repeats(grid, row, found))
    if row + 1 >= len(grid.cells):
        return single
    sub = grid.cells[row + 1]
    if any(sub[c.index].strip() and sub[c.index] != top[c.index] for c in found if c.kind in ("id", "title")):
        return single
    texts, columns = list(top), {c.index: c for c in found}
    for i, text in enumerate(sub):
        if not text.strip() or text == top[i]:
            continue
        texts[i] = f"{top[i]} {text}".strip() if (row, i) in grid.merged or i not in columns else text
        column = classify(i, texts[i])
        if column is None or (column.kind not in _AMOUNT_KINDS and (column.kind, column.year is None) != ("staff", False)):
            return single
        columns[i] = column
    if tuple(texts) == top:
        return single
    ordered = [columns[i] for i in sorted(columns)]
    return HeaderRows(row, row + 1, tuple(texts), _first_of_each(ordered), _repeats(grid, row + 1, ordered))


def _meaning(column: Column) -> tuple[str, int | None, str, str]:
    return column.kind, column.year, column.end, column.aspect


def _repeats(grid: Grid, row: int, columns: list[Column]) -> list[Column]:
    """The columns of a meaning already read that are not the header of the first merely carried over
    (a merged header cell fills every position it covers)."""
    kept = _first_of_each(columns)
    read = {c.index for c in kept}
    return [c for c in columns if c not in kept and c.kind != "note" and not _copy_of_read(grid, row, c.index, read)]


def _copy_of_read(grid: Grid, r: int, i: int, read: set[int]) -> bool:
    """Position ``i`` of row ``r`` holds a merged cell that also covers a position read (its text is that one)."""
    if (r, i) not in grid.merged:
        return False
    text = grid.cells[r][i]
    for step in (-1, 1):
        j = i + step
        while 0 <= j < grid.width and (r, j) in grid.merged and grid.cells[r][j] == text:
            if j in read:
                return True
            j += step
    return False


def _run(grid: Grid, r: int, c: int) -> tuple[int, int]:
    """The columns a merged text spans in row ``r`` around ``c`` (same text, each position merged)."""
    text, first, last = grid.cells[r][c], c, c
    while first > 0 and (r, first - 1) in grid.merged and grid.cells[r][first - 1] == text:
        first -= 1
    while last + 1 < grid.width and (r, last + 1) in grid.merged and grid.cells[r][last + 1] == text:
        last += 1
    return first, last


def _merged_block(grid: Grid, head: HeaderRows, start: tuple[int, int], rows: set[int]) -> set[tuple[int, int]]:
    """The positions of the data rows the merged cell at ``start`` covers (its text, merged, touching).

    A Grid tells which positions are merged, not which merge: a run that spans exactly the columns its
    header spans (a Word table whose cells in that column span two grid columns) is taken as a cell of
    its own row, so equal amounts one under the other are not one merge."""
    text = grid.cells[start[0]][start[1]]
    block, todo = {start}, [start]
    while todo:
        r, c = todo.pop()
        run = _run(grid, r, c)
        aligned = run[0] < run[1] and _run(grid, head.last, c) == run and (head.last, c) in grid.merged
        steps = [(r, c - 1), (r, c + 1)] if aligned else [(r, c - 1), (r, c + 1), (r - 1, c), (r + 1, c)]
        for position in steps:
            if position not in block and position[0] in rows and 0 <= position[1] < grid.width \
                    and position in grid.merged and grid.cells[position[0]][position[1]] == text \
                    and not (aligned and position[1] not in range(run[0], run[1] + 1)):
                block.add(position)
                todo.append(position)
    return block


_AT_LEAST = re.compile(r"\s*(?:≥|>=)\s*")
#: A cell a person reads as a figure: digits, separators, a sign, a range, a unit.
_AMOUNT_LIKE = re.compile(r"[-−–+]?\s*[0-9][0-9\s\u00a0\u202f.,_\-–]*(?:\s*(?:mnkr|mkr|tkr|kr))?", re.IGNORECASE)


def _first_of_each(columns: list[Column]) -> list[Column]:
    """One column per meaning (the first, left to right): a header repeated by a merge counts once."""
    seen: set[tuple[str, int | None, str, str]] = set()
    kept = []
    for column in columns:
        key = _meaning(column)
        if key in seen and column.kind != "note":
            continue
        seen.add(key)
        kept.append(column)
    return kept


def _heading(grid: Grid, r: int, columns: list[Column] | None = None) -> str | None:
    """The text of a group heading row: one text across the row (merged), or alone in a cell that is
    neither the measure's name nor its area (``None`` for any other row)."""
    filled = [(i, text) for i, text in enumerate(grid.cells[r]) if text.strip()]
    if not filled or len({_flat(text) for _, text in filled}) != 1:
        return None
    text = _flat(filled[0][1])
    if len(filled) >= 2 or columns is None:
        return text
    column = next((c for c in columns if c.index == filled[0][0]), None)
    if (column is None or column.kind == "id") and not re.fullmatch(r"[0-9 ,.\-–]+", text):
        return text
    return None


def _row_label(cells: tuple[str, ...], columns: list[Column]) -> str:
    for kind in ("title", "id", "area"):
        for column in columns:
            if column.kind == kind and cells[column.index].strip():
                return _flat(cells[column.index])
    return next((_flat(text) for text in cells if text.strip()), "")


def _label_words(label: str) -> str:
    words = _FOOTNOTES.sub(" ", label.lower())
    words = re.sub(r"\s*:\s*", ": ", words)
    return " ".join(words.split()).strip(" :")


# --- joining tables and building the plan -------------------------------------------------------


def _title_key(title: str) -> str:
    text = _FOOTNOTES.sub("", title.lower())
    text = re.sub(r"[\"'”“„’‘«»]", "", text)
    return " ".join(text.replace("–", "-").split()).strip(" .:")


@dataclass
class Measure:
    rows: list[Row]

    @property
    def first(self) -> Row:
        return self.rows[0]


class _Builder:
    """Joins the tables' rows into measures: by number, else by name; a table matching none is a further list."""

    def __init__(self, reader: _Reader) -> None:
        self.reader = reader
        self.measures: list[Measure] = []
        self.lists: list[tuple[Table, int, int]] = []   # the tables that are lists of measures: (table, from, to)
        self._titles: dict[str, list[Measure]] = {}
        self._ids: dict[str, Measure] = {}

    def _append(self, row: Row) -> None:
        measure = Measure([row])
        self.measures.append(measure)
        self._titles.setdefault(_title_key(row.fields.get("title", "")), []).append(measure)
        number = row.fields.get("id")
        if number is not None:
            before = self._ids.get(number)
            if before is not None:
                self.reader.problems.append(Finding(row.origin["id"], DUPLICATE_ID(
                    id=quoted(number), other=before.first.origin["id"])))
            else:
                self._ids[number] = measure

    def add_table(self, table: Table) -> None:
        if not table.rows:
            return
        matches = [] if not self.measures else [(row, *self.match(row, table)) for row in table.rows]
        if self._by_number(table):
            joined = [(row, measure) for row, measure, _ in matches if measure is not None]
            differ = [(row, measure) for row, measure in joined if not _titles_agree(row, measure)]
            if differ and len(differ) < len(joined):
                self._title_mismatch(*differ[0])
                return
            if differ:  # numbered from 1 as another table, with other names: other measures
                matches = []
        if not any(measure for _, measure, _ in matches):
            self._add_list(table)
            return
        other = self.reader.grids[self.measures[0].first.grid].name or "tabell 1"
        for row, measure, prefix in matches:
            if measure is None:
                self.reader.notes.append(Finding(row.where, NOTE_UNJOINED(
                    title=quoted(row.fields.get("title") or row.fields.get("id", "")), other=quoted(other))))
                self._append(row)
                continue
            if prefix:
                self.reader.notes.append(Finding(row.where, NOTE_JOINED_PREFIX(
                    title=quoted(row.fields.get("title", "")), where=row.where,
                    other_title=quoted(measure.first.fields.get("title", "")))))
            measure.rows.append(row)

    def _by_number(self, table: Table) -> bool:
        return table.has_id and bool(self._ids) and all("id" in m.first.fields for m in self.measures)

    def _add_list(self, table: Table) -> None:
        """A table of further measures; where its numbers are already taken (two lists each numbered from
        1), its ids get the list's number as a prefix (``2.1``), said on standard error."""
        taken = [self._ids[row.fields["id"]] for row in table.rows if row.fields.get("id") in self._ids]
        if taken:
            prefix = f"{len(self.lists) + 1}."
            for row in table.rows:
                if row.fields.get("id"):
                    row.fields["id"] = prefix + row.fields["id"]
            ids = [row.fields["id"] for row in table.rows if row.fields.get("id")]
            other = self.reader.grids[taken[0].first.grid].name or "tabell 1"
            self.reader.notes.append(Finding(_grid_where(table.grid), NOTE_LIST_PREFIXED(
                other=other, prefix=quoted(prefix), examples=", ".join(ids[:2]))))
        start = len(self.measures)
        for row in table.rows:
            self._append(row)
        self.lists.append((table, start, len(self.measures)))

    def _title_mismatch(self, row: Row, measure: Measure) -> None:
        named = next(r for r in measure.rows if r.fields.get("title"))
        self.reader.problems.append(Finding(row.origin.get("title", row.where), TITLE_MISMATCH(
            id=quoted(row.fields.get("id", "")), title=quoted(row.fields.get("title", "")),
            other_title=quoted(named.fields["title"]), other=named.origin.get("title", named.where))))

    def match(self, row: Row, table: Table) -> tuple[Measure | None, bool]:
        number = row.fields.get("id")
        if number and self._by_number(table):
            return self._ids.get(number), False
        title = row.fields.get("title")
        if not title:
            return None, False
        key = _title_key(title)
        exact = self._titles.get(key, [])
        if len(exact) > 1:
            self.reader.problems.append(Finding(row.where, AMBIGUOUS_JOIN(
                title=quoted(title), first=exact[0].first.where, second=exact[1].first.where)))
        if exact:
            return exact[0], False
        if len(key) < 8:
            return None, False
        near = [m for name, found in self._titles.items() if len(name) >= 8
                and (name.startswith(key) or key.startswith(name)) for m in found]
        return (near[0], True) if len(near) == 1 else (None, False)

    def areas_from_text(self) -> None:
        """Several separate lists of measures, each under its heading (``Kortsiktiga åtgärder …``): the
        heading just above a table without areas of its own is its measures' area."""
        if len(self.lists) < 2:
            return
        for table, start, end in self.lists:
            heading = next((_flat(line) for line in reversed(table.grid.above)
                            if _flat(line) and len(_flat(line)) <= _TITLE_MAX and unit_in_line(line) is None), None)
            if table.headed or heading is None:
                continue
            for index in range(start, end):
                row = self.measures[index].first
                row.fields.setdefault("area", heading)
                row.origin.setdefault("area", row.where)
            first = self.measures[start].first
            first.notes.append((first.where, NOTE_AREA_FROM_TEXT(where=_grid_where(table.grid)), "area"))


def _titles_agree(row: Row, measure: Measure) -> bool:
    """A row joined by number names the same measure: the same name (as joining by name compares them),
    one name the beginning of the other, or no name in one of the tables."""
    title = row.fields.get("title")
    other = next((r.fields["title"] for r in measure.rows if r.fields.get("title")), None)
    if not title or not other:
        return True
    one, two = _title_key(title), _title_key(other)
    return one == two or (min(len(one), len(two)) >= 8 and (one.startswith(two) or two.startswith(one)))


_MEASURE_ORDER = ("id", "title", "area", "status", "responsible", "schedule", "due", "follow_up", "effects",
                  "full_year", "start", "note", "stated_total", "forecast", "forecast_note", "outcome", "potential", "probability", "decision",
                  "one_off", "staff", "consequences")


def import_plan(grids: list[Grid], unit: Unit | None = None) -> Imported:
    """The plan in ``grids`` (every table of one file), with the import's notes and problems."""
    reader = _Reader(grids, unit)
    if not any(grid.cells for grid in grids):
        return Imported({}, None, problems=[Finding("", NO_TABLES())])
    tables = [t for index, grid in enumerate(grids) if (t := reader.table(index, grid)) is not None]
    if not tables:
        return Imported({}, None, reader.notes, [*reader.problems, Finding("", NO_PLAN_TABLE())])
    builder = _Builder(reader)
    for table in tables:
        builder.add_table(table)
    builder.areas_from_text()
    plan_unit = unit or (reader.units[0] if reader.units else _cell_unit_of(builder.measures, reader))
    plan = _plan(reader, builder, plan_unit, grids)
    return Imported(plan, plan_unit, reader.notes, reader.problems)


def for_organisation(imported: Imported, organisation: str) -> Imported:
    """The imported plan written for ``organisation`` (``import --organisation``): the key after the title,
    in the plan format's order."""
    title = {key: imported.plan[key] for key in ("title",) if key in imported.plan}
    rest = {key: value for key, value in imported.plan.items() if key not in ("title", "organisation")}
    return replace(imported, plan={**title, "organisation": organisation, **rest})


def _cell_unit_of(measures: list[Measure], reader: _Reader) -> Unit:
    """The plan's unit where no table names one: the unit the amounts carry themselves."""
    for measure in measures:
        for row in measure.rows:
            for value in [*row.effects.values(), row.full_year, row.stated_total]:
                if value is not None:
                    return value.unit
    return next((value.unit for value, _ in reader.stated.values()), Unit.TKR)


def _plan(reader: _Reader, builder: _Builder, unit: Unit, grids: list[Grid]) -> dict[str, Any]:
    title, where = _plan_title(reader, grids)
    plan: dict[str, Any] = {"title": title}
    if where == "file":
        reader.notes.append(Finding("", NOTE_TITLE_FROM_FILE(), ("title",)))
    elif where != "plan-column":
        reader.notes.append(Finding(where, NOTE_TITLE_FROM_TEXT(), ("title",)))
    plan["unit"] = unit.value
    measures = [_measure(measure, reader, unit) for measure in builder.measures]
    _number(measures, reader)
    years = set(reader.years)
    for measure in measures:
        years |= {y for key in ("effects", "forecast", "outcome", "staff") for y in measure.get(key, {})}
    years |= {key for key in reader.stated if isinstance(key, int)} | set(reader.target_years)
    if years:
        first, last = min(years), max(years)
        if last - first + 1 > MAX_PERIOD_YEARS:
            reader.problems.append(Finding(reader.years.get(last, ""), TOO_MANY_YEARS(
                first=first, last=last, limit=MAX_PERIOD_YEARS)))
        plan["years"] = sorted(years)
    if reader.target_years:
        plan["target"] = {year: value_data(v, unit) for year, v in sorted(reader.target_years.items())}
    elif reader.target_total is not None:
        plan["target"] = value_data(reader.target_total, unit)
    if reader.stated:
        ordered = sorted(reader.stated.items(), key=lambda item: (item[0] != "total", str(item[0])))
        plan["stated_totals"] = {key: value_data(value, unit) for key, (value, _) in ordered}
    if grids[0].source:
        plan["source"] = _file_name_text(PurePath(grids[0].source).name, reader)
    for measure in measures:
        _staff_without_year(measure, years, reader)
        if not years:
            _interval_as_note(measure)
    plan["measures"] = [{key: measure[key] for key in _MEASURE_ORDER if key in measure} for measure in measures]
    for index, measure in enumerate(measures):
        for where, message, key in measure["_notes"]:
            reader.notes.append(Finding(where, message, ("measures", index, key)))
    return plan


def _plan_title(reader: _Reader, grids: list[Grid]) -> tuple[str, str]:
    """The plan's title: a Plan column's first value, a line above the tables (one naming a plan first),
    else the file's name."""
    if reader.plan_names:
        names = list(reader.plan_names.items())
        if len(names) > 1:
            reader.notes.append(Finding(names[1][1], NOTE_SEVERAL_PLANS(column=quoted("Plan"),
                                                                        title=quoted(names[0][0]))))
        return names[0][0], "plan-column"
    for text, where in reader.titles:
        if "plan" in text.lower():
            return text, where
    if reader.titles:
        return reader.titles[0]
    stem = _file_name_text(PurePath(grids[0].source).stem, reader) if grids[0].source else ""
    return (stem or "Importerad plan"), "file"


def _file_name_text(name: str, reader: _Reader) -> str:
    """A file's name as plan text: a byte that is not UTF-8 (which Python keeps as a lone surrogate, and a
    plan, being UTF-8, cannot hold) written as ``\\xe5``, and said once."""
    if not _SURROGATE.search(name):
        return name
    reader.note_once("name", Finding("", NOTE_NAME_NOT_UTF8()))
    return _SURROGATE.sub(lambda found: escape(found.group()), name)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _measure(measure: Measure, reader: _Reader, unit: Unit) -> dict[str, Any]:
    """One measure's data from its rows (one per table it is in); a value given twice differently is a problem."""
    data: dict[str, Any] = {}
    notes: list[tuple[str, Message, str]] = []
    origin: dict[str, str] = {}
    first = measure.first
    name = quoted(first.fields.get("id") or first.fields.get("title", ""))

    def conflict(key: str, row: Row, value: str, other: str) -> None:
        reader.problems.append(Finding(row.origin.get(key, row.where), CONFLICT(
            what=key.replace(".", " "), id=name, value=value, other_value=other, other=origin.get(key, first.where))))

    for row in measure.rows:
        notes += row.notes
        for key, value in row.fields.items():
            if key not in data:
                data[key], origin[key] = value, row.origin.get(key, row.where)
            elif key == "note" and value != data[key]:
                data[key] = f"{data[key]} {value}"
            elif key == "area" and origin[key] == first.where and row.origin.get(key) != row.where:
                data[key] = value  # an area column wins over a heading
            elif data[key] != value and key not in ("area", "title"):  # a joined row's name: the first table's
                conflict(key, row, quoted(value), quoted(data[key]))
        for kind in ("effects", "forecast", "outcome"):
            for year, value in getattr(row, kind).items():
                found = data.setdefault(kind, {})
                key = f"{kind}.{year}"
                if year not in found:
                    found[year], origin[key] = value, row.origin.get(key, row.where)
                elif found[year] != value:
                    conflict(key, row, _shown(value, unit), _shown(found[year], unit))
        if row.full_year is not None and "full_year" not in data:
            data["full_year"] = row.full_year
            column = row.full_year_column
            assert column is not None
            if column.year is not None:
                data["start"] = f"{column.year}-01-01"
                notes.append((row.origin["full_year"], NOTE_FULL_YEAR_START(
                    column=quoted(_flat(column.text)), year=column.year), "full_year"))
            else:
                notes.append((row.origin["full_year"], NOTE_FULL_YEAR(column=quoted(_flat(column.text))), "full_year"))
        if row.interval is not None and "full_year" not in data and not data.get("effects"):
            klass, address, column = row.interval
            data["full_year"] = Value(None, None, unit, klass)
            notes.append((address, NOTE_INTERVAL(column=quoted(_flat(column.text)), value=klass), "full_year"))
        if row.stated_total is not None and "stated_total" not in data:
            data["stated_total"] = row.stated_total
        for year, count in row.staff.items():
            staff = data.setdefault("staff", {})
            if year not in staff:
                staff[year], origin[f"staff.{year}"] = count, row.origin.get(f"staff.{year}", row.where)
            elif staff[year] != count:
                conflict(f"staff.{year}", row, quoted(notation.as_written(count)), quoted(notation.as_written(staff[year])))
        if row.staff_unyeared is not None:
            data.setdefault("_staff_unyeared", row.staff_unyeared)
        uncounted = row.uncounted and STATUS_WORDS.get(str(data.get("status", "")).lower()) is not Status.CANCELLED
        if row.potential or uncounted:
            data["potential"] = True
    for kind in ("effects", "forecast", "outcome"):
        if kind in data:
            data[kind] = {year: value_data(v, unit) for year, v in sorted(data[kind].items())}
    for key in ("full_year", "stated_total"):
        if key in data:
            data[key] = value_data(data[key], unit)
    _decision_data(data)
    data["_notes"], data["_where"] = notes, first.where
    return data


def _decision_data(data: dict[str, Any]) -> None:
    """The keys of what a nämnd decides on as the plan writes them: ``decision`` and ``consequences`` as
    mappings (read as ``decision.by``, ``consequences.brukare``), ``one_off`` true or false, ``staff`` by year."""
    decision = {key: data.pop(f"decision.{key}") for key in ("by", "state", "date", "ref") if f"decision.{key}" in data}
    if decision:
        data["decision"] = decision
    aspects = [key for key in data if key.startswith("consequences.")]
    if aspects:
        data["consequences"] = {key.partition(".")[2]: data.pop(key) for key in aspects}
    if "one_off" in data:
        data["one_off"] = data["one_off"] == "true"
    if "staff" in data:
        data["staff"] = {year: notation.as_written(count) for year, count in sorted(data["staff"].items())}


def _staff_without_year(measure: dict[str, Any], years: set[int], reader: _Reader) -> None:
    """A staff figure whose column names no year: the plan's year where it has only one, else refused."""
    unyeared = measure.pop("_staff_unyeared", None)
    if unyeared is None:
        return
    count, address, column = unyeared
    header = quoted(_flat(column.text))
    if len(years) != 1:
        example = f"{_flat(_PARENTHESES.sub(' ', column.text))} {min(years, default=2025)}"
        reader.problems.append(Finding(address, STAFF_NO_YEAR(
            value=quoted(notation.as_written(count)), column=header, example=example)))
        return
    year = next(iter(years))
    staff = measure.setdefault("staff", {})
    if year in staff and staff[year] != notation.as_written(count):
        reader.problems.append(Finding(address, CONFLICT(
            what=f"staff {year}", id=quoted(measure.get("id", "")), value=quoted(notation.as_written(count)),
            other_value=quoted(staff[year]), other=measure["_where"])))
        return
    staff[year] = notation.as_written(count)
    measure["_notes"].append((address, NOTE_STAFF_YEAR(column=header, year=year), "staff"))


def _shown(value: Value, unit: Unit) -> str:
    data = value_data(value, unit)
    return quoted(data if isinstance(data, str) else ", ".join(f"{k}: {v}" for k, v in data.items()))


def _number(measures: list[dict[str, Any]], reader: _Reader) -> None:
    """Every measure an id: the document's number, else a running number (noted)."""
    if not any("id" in m for m in measures):
        for index, measure in enumerate(measures, 1):
            measure["id"] = str(index)
        if measures:
            reader.notes.append(Finding("", NOTE_IDS_NUMBERED(), ("measures",)))
    used = {m["id"] for m in measures if "id" in m}
    next_number = 1
    for measure in measures:
        if "id" not in measure:
            while str(next_number) in used:
                next_number += 1
            measure["id"] = str(next_number)
            used.add(measure["id"])
            measure["_notes"].append((measure["_where"], NOTE_ID_NUMBERED(id=measure["id"]), "id"))
        if "title" not in measure:
            reader.problems.append(Finding(measure["_where"], NO_TITLE_COLUMN(id=quoted(measure["id"]))))


def _interval_as_note(measure: dict[str, Any]) -> None:
    """A plan with no year cannot hold ``full_year``: an interval class is kept as text in ``note``."""
    value = measure.get("full_year")
    if isinstance(value, dict) and set(value) == {"interval"}:
        del measure["full_year"]
        text = INTERVAL_TEXT(value=value["interval"]).text()
        measure["note"] = f"{measure['note']} {text}" if measure.get("note") else text
        measure["_notes"] = [n for n in measure["_notes"] if n[2] != "full_year"]
        measure["_notes"].append((measure["_where"], NOTE_INTERVAL_AS_NOTE(value=value["interval"]), "note"))
