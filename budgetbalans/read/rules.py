"""Rules across keys: what no single value shows, checked on the raw data (with positions).

They run before validation, so their problems are reported with every other problem of the
file. A rule that explains a slip better than validation would (a decimal comma that YAML
split into two keys, one year written twice) says which part of the data it ``covers``: the
loader drops validation's own problems there, so one slip is one problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable, Iterator, Mapping

from budgetbalans.i18n import Message, clip, quoted, template
from budgetbalans.plan.models import (TOTAL_WORDS, Measure, Status, intended_year, is_plain_year, plan_date,
                                      probability_problem)
from budgetbalans.plan.period import MAX_PERIOD_YEARS, first_counted_month
from budgetbalans.read.yamlsource import Path as DataPath
from budgetbalans.read.yamlsource import SPACE_AFTER_COLON, Position, Source

#: A measure may have started before the plan's years (it then counts whole years), but not long before.
MAX_YEARS_BEFORE = 5

#: The mappings of a measure whose keys are years.
_YEAR_KEYED = ("effects", "forecast", "outcome", "staff")


@dataclass(frozen=True)
class Finding:
    """A problem at ``position``; validation's problems at or below ``covers`` (and ``covers_too``) are this one's."""

    position: Position
    message: Message
    covers: DataPath | None = None
    covers_too: DataPath | None = None


def cross_check(source: Source, *, slips: bool = True) -> Iterator[Finding]:
    """Every rule across keys, for a plan whose data is a mapping.

    ``slips=False`` leaves out the rules that only explain what validation refuses anyway (a
    decimal comma that split a mapping, a year spelt two ways): for the fast reading of a file,
    which falls back to the full one at any problem.
    """
    data = source.data
    assert isinstance(data, dict)
    measures = data.get("measures")
    measures = measures if isinstance(measures, list) else []
    if slips:
        yield from _decimal_commas(source, data)
        for key in ("target", "stated_totals"):
            yield from _no_space_after_colon(source, (key,), data.get(key))
        yield from _years_span(source, data.get("years"))
    yield from _duplicate_ids(source, measures)
    declared = _declared_years(data.get("years"))
    period = declared or None
    for index, measure in enumerate(measures):
        if isinstance(measure, dict):
            yield from _measure_rules(source, index, measure, period, slips)
    yield from _same_meaning_twice(source, ("target",), data.get("target"))
    yield from _same_meaning_twice(source, ("stated_totals",), data.get("stated_totals"))
    if period:
        yield from _years_outside(source, ("target",), data.get("target"), period)
        yield from _years_outside(source, ("stated_totals",), data.get("stated_totals"), period)
        yield from _declared_period_too_long(source, data.get("years"))
    elif declared is None:  # no years: at all (a years: list of nothing readable is validation's problem)
        yield from _named_period_too_long(source, data, measures)
        if not _names_a_year(data, measures):
            yield from _full_year_without_period(source, measures)


def _period_text(period: frozenset[int]) -> str:
    """``2024–2026``; years with a gap between them one by one (``2024, 2026``)."""
    first, last = min(period), max(period)
    if first == last:
        return str(first)
    if len(period) == last - first + 1 or len(period) > 5:
        return f"{first}–{last}"
    return ", ".join(map(str, sorted(period)))


def amount_slips(source: Source, targets: Iterable[tuple[DataPath, Any]]) -> Iterator[Finding]:
    """The slips in a file's amounts that validation would misread, for a file other than a plan (the
    organisation tree): a decimal comma inside {…} anywhere, and in each target (its path and value) a
    year without the space after its colon, or one year written twice."""
    yield from _decimal_commas(source, source.data)
    for path, target in targets:
        yield from _no_space_after_colon(source, path, target)
        yield from _same_meaning_twice(source, path, target)


# --- a decimal comma inside {…} ------------------------------------------------------------------

DECIMAL_COMMA = template(
    "amount.comma_in_braces",
    sv="decimalkommat delar beloppet: inom {{…}} skiljer ett komma nycklarna åt, så {value} blir två "
       "delar; skriv {fix} — beloppet med decimalkomma inom citattecken",
    en="the decimal comma splits the amount: inside {{…}} a comma separates the keys, so {value} becomes "
       "two parts; write {fix} — the amount with its decimal comma in quotes")

NUMBER_COMMA = template(
    "number.comma_in_braces",
    sv="decimalkommat delar talet: inom {{…}} skiljer ett komma nycklarna åt, så {value} blir två delar; "
       "skriv {fix} — talet med decimalkomma inom citattecken",
    en="the decimal comma splits the number: inside {{…}} a comma separates the keys, so {value} becomes two "
       "parts; write {fix} — the number with its decimal comma in quotes")

#: The keys whose values are numbers but not amounts (a probability, årsarbetare): a comma splits a number.
_NUMBER_KEYS = ("probability", "staff")

#: The part before the comma: a whole number (``3``, ``-1``, ``1 750``).
_WHOLE = re.compile(r"[-−+]?(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)")
#: The part YAML made a key without a value: the decimals, perhaps with a unit (``5``, ``5 mkr``, ``5 %``).
_DECIMALS = re.compile(r"[0-9]+(?: ?[A-Za-z]{1,5}\.?)?")
_PERCENT_DECIMALS = re.compile(r"[0-9]+ ?%")


def _decimal_commas(source: Source, data: Any) -> Iterator[Finding]:
    """``{2024: 3,5 mkr}`` is ``{2024: "3", "5 mkr": null}`` to YAML: a number, then digits without a value."""
    stack: list[tuple[DataPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        pairs = value.items() if isinstance(value, dict) else enumerate(value)
        stack += (((*path, key), item) for key, item in pairs if isinstance(item, (dict, list)))
        if isinstance(value, dict) and None in value.values():
            entries = list(value.items())
            for (key, before), (split, after) in zip(entries, entries[1:]):
                if after is None and isinstance(before, str) and _WHOLE.fullmatch(before) \
                        and (_DECIMALS.fullmatch(split) or key == "probability" and _PERCENT_DECIMALS.fullmatch(split)) \
                        and not is_plain_year(split):
                    yield from _split_amount(source, path, key, before, split)


def _split_amount(source: Source, path: DataPath, key: str, before: str, split: str) -> Iterator[Finding]:
    where = source.values.get((*path, key), (1, 1))
    if source.keys.get((*path, split), where)[0] == where[0]:  # on one line: a flow mapping, split at the comma
        amount = f"{before},{split}"
        fix = f'{{{clip(key, 20)}: "{amount}"}}'
        if key == "probability" or path[-1:] == ("staff",):
            bare = probability_problem(amount) if key == "probability" else None
            message = bare or NUMBER_COMMA(value=quoted(amount), fix=fix)
            yield Finding(where if bare else (where[0], where[1] + len(before)), message, (*path, split),
                          (*path, key))
        else:
            yield Finding((where[0], where[1] + len(before)), DECIMAL_COMMA(value=quoted(amount), fix=fix),
                          (*path, split))


# --- a year and its amount without the space after the colon ------------------------------------

#: ``2025:400`` is one text to YAML: a year, a colon and the amount, up to the next such year or the end.
_NO_SPACE = re.compile(r"([0-9]{4}):([^\s:][^:]*?)\s*(?=\s[0-9]{4}:|$)")


def _no_space_after_colon(source: Source, path: DataPath, value: Any) -> Iterator[Finding]:
    """``effects: {2025:400}`` (a key without a value) or ``2025:400`` on its own line (a text for the mapping)."""
    if isinstance(value, str):
        written = _year_and_amount(value)
        if written is not None:
            fix = f"{written[0]}: {written[1]}"
            inline = source.keys.get(path, (0, 0))[0] == source.values.get(path, (0, 0))[0]
            yield Finding(source.position(path), SPACE_AFTER_COLON(fix=f"{{{fix}}}" if inline else fix), path)
    elif isinstance(value, dict) and None in value.values():
        entries = list(value.items())
        for (key, item), (after, rest) in zip(entries, [*entries[1:], (None, "")]):
            written = _year_and_amount(key) if item is None else None
            if written is not None:
                yield _missing_space(source, path, key, written, after if rest is None else None)


def _missing_space(source: Source, path: DataPath, key: str, written: tuple[str, str],
                   after: str | None) -> Finding:
    """The key ``2025:400`` of a mapping in braces; with the next key, ``2025:0,4 mkr`` split at its comma too."""
    where = source.position((*path, key), key=True)
    year, amount = written
    if after is not None and _WHOLE.fullmatch(amount) and _DECIMALS.fullmatch(after) and not is_plain_year(after) \
            and source.keys.get((*path, after), (0, 0))[0] == where[0]:
        return Finding(where, SPACE_AFTER_COLON(fix=f'{year}: "{amount},{clip(after, 20)}"'), (*path, key),
                       (*path, after))
    return Finding(where, SPACE_AFTER_COLON(fix=f"{year}: {amount}"), (*path, key))


def _year_and_amount(text: str) -> tuple[str, str] | None:
    """The year and the amount of ``2025:400`` (a plain year first), else ``None``."""
    match = _NO_SPACE.match(text)
    return None if match is None or not is_plain_year(match[1]) else (match[1], clip(match[2], 20))


# --- ids ----------------------------------------------------------------------------------------

ID_TWICE = template(
    "plan.id.twice",
    sv="id {id} används två gånger i planen (första gången på rad {line}); ge varje åtgärd ett eget id",
    en="the id {id} is used twice in this plan (first on line {line}); give each measure its own id")


def _duplicate_ids(source: Source, measures: list[Any]) -> Iterator[Finding]:
    first_line: dict[str, int] = {}
    for index, measure in enumerate(measures):
        raw = measure.get("id") if isinstance(measure, dict) else None
        if not isinstance(raw, str) or not raw.strip():
            continue
        position = source.position(("measures", index, "id"))
        if raw.strip() in first_line:
            yield Finding(position, ID_TWICE(id=quoted(raw.strip()), line=first_line[raw.strip()]))
        else:
            first_line[raw.strip()] = position[0]


# --- the same measure twice ---------------------------------------------------------------------

MEASURE_TWICE = template(
    "plan.measure.twice",
    sv="åtgärden {title} med id {id} finns redan i planen som id {first} på rad {line}, med samma titel och "
       "samma effekter: den skulle räknas två gånger; ta bort den ena, eller ge dem olika titlar om de är olika "
       "åtgärder",
    en="the measure {title} with id {id} is already in this plan as id {first} on line {line}, with the same title "
       "and the same effects: it would be counted twice; remove one of them, or give them different titles if "
       "they are different measures")


def same_measures(measures: Iterable[tuple[int, Measure]]) -> Iterator[tuple[int, int]]:
    """Each measure that repeats an earlier one under another id: (its index, the earlier one's index).

    The same measure has the same title (case and runs of spaces aside) and the same effects as
    read (``effects``, ``full_year``, ``start``: ``400`` and ``"0,4 mkr"`` are one amount). Only
    what would be counted twice is refused: a measure without effects adds nothing, and a
    cancelled or potential one is not counted. The same id twice is :data:`ID_TWICE`'s problem.
    One pass with dicts: linear in the measures. The effects are compared only where a title
    repeats (rare), so a plan of distinct titles pays for its titles alone.
    """
    alone: dict[str, tuple[int, Measure] | None] = {}  # a title seen once: its measure
    first: dict[tuple[object, ...], tuple[int, str]] = {}
    for index, measure in measures:
        if (not measure.effects and measure.full_year is None) or measure.potential \
                or measure.status is Status.CANCELLED:
            continue
        title = " ".join(measure.title.split()).casefold()
        if title not in alone:
            alone[title] = (index, measure)
            continue
        seen = alone[title]
        if seen is not None:  # the title repeats: its first measure is keyed now
            first.setdefault(_measure_key(title, seen[1]), (seen[0], seen[1].id))
            alone[title] = None
        earlier, earlier_id = first.setdefault(_measure_key(title, measure), (index, measure.id))
        if earlier != index and earlier_id != measure.id:
            yield index, earlier


def _measure_key(title: str, measure: Measure) -> tuple[object, ...]:
    return title, tuple(sorted(measure.effects.items())), measure.full_year, measure.start


def measures_twice(source: Source, measures: Mapping[int, Measure]) -> Iterator[Finding]:
    """:data:`MEASURE_TWICE` at each repeated measure (``measures`` by their index in the plan)."""
    for index, earlier in same_measures(measures.items()):
        measure = measures[index]
        yield Finding(source.position(("measures", index)),
                      MEASURE_TWICE(title=quoted(measure.title), id=quoted(measure.id),
                                    first=quoted(measures[earlier].id),
                                    line=source.position(("measures", earlier))[0]))


# --- a measure's start ------------------------------------------------------------------------------

START_ALONE = template(
    "plan.start.without_full_year",
    sv="start: används bara tillsammans med full_year: (helårseffekten); lägg till full_year: eller ta bort start:",
    en="start: is only used with full_year: (the effect of a whole year); add full_year: or remove start:")
START_AFTER = template(
    "plan.start.after_period",
    sv="start: {date} ligger efter planens år ({period}), så åtgärden räknas inte något år; rätta datumet",
    en="start: {date} is after the plan's years ({period}), so the measure counts in no year; correct the date")
START_AFTER_GUESS = template(
    "plan.start.after_period_guess",
    sv="start: {date} ligger efter planens år ({period}), så åtgärden räknas inte något år; rätta datumet "
       "— menade du {guess}?",
    en="start: {date} is after the plan's years ({period}), so the measure counts in no year; correct the "
       "date — did you mean {guess}?")
START_NO_MONTH = template(
    "plan.start.no_whole_month",
    sv="start: {date} räknas från första hela månaden, januari {next}, som ligger efter planens år ({period}), "
       "så åtgärden räknas inte något år; skriv {suggestion} om den börjar i december",
    en="start: {date} counts from the first whole month, January {next}, which is after the plan's years "
       "({period}), so the measure counts in no year; write {suggestion} if it starts in December")
START_LONG_BEFORE = template(
    "plan.start.long_before_period",
    sv="start: {date} ligger mer än {limit} år före planens år ({period}); rätta datumet, eller ta bort start: "
       "om åtgärden ger hela sin helårseffekt varje år",
    en="start: {date} is more than {limit} years before the plan's years ({period}); correct the date, or "
       "remove start: if the measure has its whole full-year effect every year")
START_LONG_BEFORE_GUESS = template(
    "plan.start.long_before_period_guess",
    sv="start: {date} ligger mer än {limit} år före planens år ({period}); rätta datumet — menade du {guess}?",
    en="start: {date} is more than {limit} years before the plan's years ({period}); correct the date "
       "— did you mean {guess}?")
YEAR_OUTSIDE = template(
    "year.outside_period",
    sv="året {year} ligger utanför planens år ({period}); rätta årtalet eller lägg till det i years:",
    en="the year {year} is outside the plan's years ({period}); correct the year or add it to years:")
FULL_YEAR_WITHOUT_PERIOD = template(
    "plan.full_year.without_years",
    sv="full_year: fyller planens år, men planen nämner inga år; lägg till years: [2025, 2026] i planen, "
       "eller start: i åtgärden",
    en="full_year: fills the plan's years, but the plan names none; add years: [2025, 2026] to the plan, "
       "or start: to the measure")


def _measure_rules(source: Source, index: int, measure: dict[str, Any], period: frozenset[int] | None,
                   slips: bool) -> Iterator[Finding]:
    path: DataPath = ("measures", index)
    raw_start = measure.get("start")
    if raw_start is not None and measure.get("full_year") is None:
        yield Finding(source.position((*path, "start"), key=True), START_ALONE())
    elif raw_start is not None and period:
        for finding in _start_outside(source.position((*path, "start")), _written_date(raw_start), period):
            yield Finding(finding.position, finding.message, (*path, "start"))
    for key in _YEAR_KEYED:
        mapping = measure.get(key)
        if slips and mapping is not None:
            yield from _no_space_after_colon(source, (*path, key), mapping)
        if isinstance(mapping, dict):  # (most measures have effects only: no generators for the others)
            if slips and len(mapping) > 1:  # years spelt two ways: one of them is no plain year, refused anyway
                yield from _same_meaning_twice(source, (*path, key), mapping)
            if period:
                yield from _years_outside(source, (*path, key), mapping, period)


def _start_outside(position: Position, start: date | None, period: frozenset[int]) -> Iterator[Finding]:
    """A start after the period counts nothing; one long before it is a slip in the year."""
    if start is None:  # not a date: validation says so
        return
    first, last = min(period), max(period)
    if first - MAX_YEARS_BEFORE <= start.year <= last and first_counted_month(start)[0] <= last:
        return
    shown, years = start.isoformat(), _period_text(period)
    guess = _meant_year(start.year, period)
    meant = None if guess is None else _with_year(start, guess)
    if start.year > last:
        yield Finding(position, START_AFTER(date=shown, period=years) if meant is None
                      else START_AFTER_GUESS(date=shown, period=years, guess=meant))
    elif first_counted_month(start)[0] > last:
        yield Finding(position, START_NO_MONTH(date=shown, next=start.year + 1, period=years,
                                               suggestion=f"{start.year}-12-01"))
    elif start.year < first - MAX_YEARS_BEFORE:
        yield Finding(position, START_LONG_BEFORE(date=shown, limit=MAX_YEARS_BEFORE, period=years)
                      if meant is None else
                      START_LONG_BEFORE_GUESS(date=shown, limit=MAX_YEARS_BEFORE, period=years, guess=meant))


def _written_date(value: Any) -> date | None:
    """A date written YYYY-MM-DD, of any year (one outside 1900–2200 is a slip the period rules name better)."""
    match = re.fullmatch(r"([0-9]{4})-([0-9]{2})-([0-9]{2})", value) if isinstance(value, str) else None
    try:
        return None if match is None else date(*map(int, match.groups()))
    except ValueError:
        return None


def _meant_year(year: int, period: frozenset[int]) -> int | None:
    """The one year of the period that ``year`` is a slip of: its digits swapped, or one digit wrong."""
    written = str(year)
    close = [candidate for candidate in sorted(period)
             if sorted(str(candidate)) == sorted(written)
             or sum(a != b for a, b in zip(str(candidate), written)) == 1]
    return close[0] if len(close) == 1 else None


def _with_year(day: date, year: int) -> str:
    try:
        return day.replace(year=year).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=year, day=28).isoformat()


def _years_outside(source: Source, path: DataPath, mapping: Any, period: frozenset[int]) -> Iterator[Finding]:
    if not isinstance(mapping, dict):
        return
    inside = {str(year) for year in period}
    for key in mapping:
        if key not in inside and is_plain_year(key):
            yield Finding(source.position((*path, key), key=True),
                          YEAR_OUTSIDE(year=key, period=_period_text(period)))


def _full_year_without_period(source: Source, measures: list[Any]) -> Iterator[Finding]:
    for index, measure in enumerate(measures):
        if isinstance(measure, dict) and measure.get("full_year") is not None:
            yield Finding(source.position(("measures", index, "full_year"), key=True), FULL_YEAR_WITHOUT_PERIOD())


# --- the period ---------------------------------------------------------------------------------------

PERIOD_TOO_LONG = template(
    "year.period_too_long",
    sv="årtalet {year} ger planen perioden {first}–{last}, {count} år; en plan gäller högst {limit} år: "
       "rätta årtalet, eller ange planens år med years:, till exempel years: {years}",
    en="the year {year} makes the plan's period {first}–{last}, {count} years; a plan covers at most {limit} "
       "years: correct the year, or give the plan's years with years:, such as years: {years}")
YEARS_TOO_LONG = template(
    "year.years_too_long",
    sv="years: sträcker sig från {first} till {last}, {count} år; en plan gäller högst {limit} år: "
       "rätta årtalet {year}",
    en="years: runs from {first} to {last}, {count} years; a plan covers at most {limit} years: "
       "correct the year {year}")


YEARS_SPAN = template(
    "year.years_span",
    sv="years: är en lista med vart och ett av åren, inte ett spann; skriv years: {fix}",
    en="years: lists each of the years, not a span; write years: {fix}")

#: ``2025–2027`` or ``2025-2027``: the first and the last year of a period.
_SPAN = re.compile(r"\s*([0-9]{4})\s*[-–—]\s*([0-9]{4})\s*")


def _years_span(source: Source, raw: Any) -> Iterator[Finding]:
    """``years: [2025–2027]`` or ``years: 2025-2027``, answered with the list of the years it spans."""
    items = raw if isinstance(raw, list) else [raw]
    years: set[int] = set()
    spans = []
    for index, item in enumerate(items):
        span = _span(item)
        if span is None and not is_plain_year(item):
            return  # something else than years and spans: validation says what
        years |= {int(item)} if span is None else set(span)
        spans += [] if span is None else [index]
    if spans and len(years) <= MAX_PERIOD_YEARS:
        where: DataPath = ("years", spans[0]) if isinstance(raw, list) else ("years",)
        yield Finding(source.position(where), YEARS_SPAN(fix="[" + ", ".join(map(str, sorted(years))) + "]"),
                      ("years",))


def _span(item: Any) -> range | None:
    """The years from the first to the last of ``2025–2027``, else ``None``."""
    found = _SPAN.fullmatch(item) if isinstance(item, str) else None
    if found is None or not is_plain_year(found[1]) or not is_plain_year(found[2]) or found[1] >= found[2]:
        return None
    return range(int(found[1]), int(found[2]) + 1)


def _declared_years(raw: Any) -> frozenset[int] | None:
    """The years of ``years:``; ``None`` without ``years:``, none when one of them is not a year at all.

    A year written oddly (``"2025 "``) counts as the year it means: validation reports its spelling,
    and the rules here do not add problems that only follow from it.
    """
    if not isinstance(raw, list) or not raw:
        return None
    years = [int(item) if is_plain_year(item) else intended_year(item) if isinstance(item, str) else None
             for item in raw]
    return frozenset() if None in years else frozenset(year for year in years if year is not None)


def _outlier(years: list[int]) -> int:
    """Of the first and last year, the one farther from the middle year: the likely slip."""
    ordered = sorted(set(years))
    middle = ordered[(len(ordered) - 1) // 2]  # of two years, the later is taken for the slip
    return ordered[0] if middle - ordered[0] > ordered[-1] - middle else ordered[-1]


def _declared_period_too_long(source: Source, raw: Any) -> Iterator[Finding]:
    assert isinstance(raw, list)
    years = [(int(item), index) for index, item in enumerate(raw) if is_plain_year(item)]
    if not years:
        return
    first, last = min(year for year, _ in years), max(year for year, _ in years)
    if last - first + 1 <= MAX_PERIOD_YEARS:
        return
    outlier = _outlier([year for year, _ in years])
    index = next(index for year, index in years if year == outlier)
    yield Finding(source.position(("years", index)),
                  YEARS_TOO_LONG(first=first, last=last, count=last - first + 1, limit=MAX_PERIOD_YEARS,
                                 year=outlier))


def _named_period_too_long(source: Source, data: dict[str, Any], measures: list[Any]) -> Iterator[Finding]:
    """Without ``years:`` the period runs from the first year named to the last: refuse an implausible one."""
    named = list(_years_named(source, data, measures))
    if not named:
        return
    years = [year for year, _ in named]
    first, last = min(years), max(years)
    if last - first + 1 <= MAX_PERIOD_YEARS:
        return
    outlier = _outlier(years)
    others = sorted({year for year in years if year != outlier})
    example = "[" + ", ".join(map(str, others[:3])) + (", …]" if len(others) > 3 else "]")
    position = min(position for year, position in named if year == outlier)
    yield Finding(position, PERIOD_TOO_LONG(year=outlier, first=first, last=last, count=last - first + 1,
                                            limit=MAX_PERIOD_YEARS, years=example))


def _years_named(source: Source, data: dict[str, Any], measures: list[Any]) -> Iterator[tuple[int, Position]]:
    """Every year the plan names (as models.Plan.period counts them), with where it stands."""
    mappings: list[tuple[DataPath, Any]] = [(("target",), data.get("target")),
                                            (("stated_totals",), data.get("stated_totals"))]
    for index, measure in enumerate(measures):
        if isinstance(measure, dict):
            mappings += [(("measures", index, key), measure.get(key)) for key in _YEAR_KEYED]
            start = plan_date(measure.get("start"))
            if start is not None:
                yield start.year, source.position(("measures", index, "start"))
    for path, mapping in mappings:
        if isinstance(mapping, dict):
            for key in mapping:
                if is_plain_year(key):
                    yield int(key), source.position((*path, key), key=True)


def _names_a_year(data: dict[str, Any], measures: list[Any]) -> bool:
    """Whether the plan names any year, from which its period can be told (first to last)."""
    mappings = [data.get("target"), data.get("stated_totals")]
    mappings += [m.get(key) for m in measures if isinstance(m, dict) for key in _YEAR_KEYED]
    starts = [m.get("start") for m in measures if isinstance(m, dict)]
    return any(isinstance(item, dict) and any(intended_year(str(key)) is not None for key in item)
               for item in mappings) or any(start is not None for start in starts)


# --- one year, or the total, written twice ------------------------------------------------------

SAME_MEANING = template(
    "plan.same_meaning",
    sv="{key} betyder samma sak som {first} på rad {line}; behåll en av dem",
    en="{key} means the same as {first} on line {line}; keep one")


def _same_meaning_twice(source: Source, path: DataPath, mapping: Any) -> Iterator[Finding]:
    """Keys written differently that mean one year (``"2024 "``, ``"２０２４"`` and ``2024``) or the total.

    Validation would keep only one of them, silently: the same loss as a key written twice. The
    plainly written key stays; each other spelling is the problem.
    """
    if not isinstance(mapping, dict):
        return
    groups: dict[object, list[str]] = {}
    for key in mapping:
        meaning: object = (key if len(key) == 4 and key.isascii() and key.isdigit()  # the usual case, fast
                           else "total" if key.strip().lower() in TOTAL_WORDS else str(intended_year(key) or key))
        groups.setdefault(meaning, []).append(key)
    for meaning, keys in groups.items():
        if len(keys) < 2:
            continue
        kept = next((key for key in keys if is_plain_year(key) or key == "total"),
                    keys[0] if meaning == "total" else None)
        if kept is None:  # no spelling is right: each is refused as what it is ('år 2025', '2025.0')
            continue
        line = source.position((*path, kept), key=True)[0]
        for key in keys:
            if key != kept:
                yield Finding(source.position((*path, key), key=True),
                              SAME_MEANING(key=quoted(key), first=quoted(kept), line=line), (*path, key))
