"""Reading every report format back and checking it against the JSON, for generated plans.

``--format json`` is the contract (docs/planformat.md, README "--format json"): every amount in
kronor. For generated plans (1–2 plans, 1–5 measures, 1–3 years, kr/tkr/mkr; exact effects and
ranges, possible effects, cancelled measures, no target / a period target / a target per year,
forecasts) each other format of the same command is read back and compared exactly with it:

- ``summarize``: each plan's and the overall totals per year and for the period, the possible
  effect, the target (total and per year), the gap per year and for the period, the shortfall
  and the verdicts (``gap_kind``, ``gap_kinds``);
- ``gap``: per year and for the period the target, the measures' total and the verdict;
- ``follow-up``: planned, forecast, deviation, the target and the forecast gap with its kind.

A verdict must be shown under its own words: a shortfall never under *Överskott* or the CSS
class ``surplus``, a surplus never under a bare *Kvar att spara*. The readers find rows by their
Swedish labels (``budgetbalans/render/labels.py``) and columns by their headers, never by
position, so that the layout may change: the terminal table is read as lines of cells,
Markdown as table rows, CSV as Swedish Excel reads it, HTML as Chromium's DOM (``--dump-dom``)
and xlsx as LibreOffice recalculates it (the formulas must give the JSON's figures; cached results
zeroed first). Chromium and LibreOffice each run once per Hypothesis example, on a batch of plan
sets. Amounts are whole numbers in the plan's unit and every report is in that unit, so the shown
figures are the exact ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any, Callable, Iterable, Sequence

from tests.clients import read_csv, swedish_number
from tests.report.agreement.plans import (
    Bound, KRONOR, PlanSpec, Span, as_json,
)


# --- reading amounts and verdicts back ------------------------------------------------------------

AMOUNT = r"-?\d{1,3}(?: \d{3})*(?:,\d+)?"
SPAN = re.compile(rf"(?P<low>{AMOUNT})(?:–(?P<high>{AMOUNT}))?|≥ (?P<least>{AMOUNT})|≤ (?P<most>{AMOUNT})")
UNBOUNDED = "obegränsat"
UNCERTAIN_VALUE = re.compile(rf"från (?P<surplus>{AMOUNT}|{UNBOUNDED}) överskott till (?P<remaining>{AMOUNT}|{UNBOUNDED}) "
                             r"kvar att spara|(?P<neither>obegränsat åt båda håll, överskott eller kvar att spara)")
SHORTFALL_YEARS = re.compile(r"(?P<body>.*) \((?P<years>\d{4}(?:, \d{4})*)\)")
SHORT, SURPLUS, UNSURE = "short", "surplus", "uncertain"
#: The verdicts' words (labels.py: remaining, surplus, uncertain), longest first.
WORDS = [("osäkert", UNSURE), ("kvar att spara", SHORT), ("överskott", SURPLUS)]
ROW_KIND = {"Kvar att spara": SHORT, "Överskott": SURPLUS, "Osäkert": UNSURE}
TONE = {SHORT: "remaining", SURPLUS: "surplus", UNSURE: "uncertain"}
NO_TARGET_LABEL = "Sparbeting: inget sparbeting angivet"
NET = "Netto för perioden"
POTENTIAL = "Möjlig effekt, ej medräknad"


def normal(text: str) -> str:
    """Cell text as shown, whatever space the thousands are separated by, markup stripped."""
    return re.sub(r"[\u00a0\u202f\u2009]", " ", text).strip().strip("*").strip()


def number(text: str) -> Decimal:
    return Decimal(text.replace(" ", "").replace(",", "."))


def span(text: str) -> Span:
    """``700``, ``700–1 600``, ``≥ 3 000``, ``≤ 200`` (as Swedish notation shows it) → (low, high)."""
    found = SPAN.fullmatch(normal(text))
    assert found, f"not an amount: {text!r}"
    if found["least"]:
        return number(found["least"]), None
    if found["most"]:
        return None, number(found["most"])
    low = number(found["low"])
    return low, number(found["high"]) if found["high"] else low


def neg(value: Span) -> Span:
    return (None if value[1] is None else -value[1], None if value[0] is None else -value[0])


@dataclass(frozen=True)
class Verdict:
    kind: str
    gap: Span  # target − total: positive is still to save
    years: tuple[int, ...] | None  # "1 200 (2025)": the years a per-year target falls short in
    worded: bool  # the cell names its own kind


def verdict(text: str, row_kind: str | None) -> Verdict:
    """A gap as a report shows it, in a row (or column) whose label gives ``row_kind``: a bare amount
    is of the row's kind; ``överskott 1 500`` / ``kvar att spara 800`` / ``Kvar att spara: 800 (2025)``
    name their own; ``Osäkert: från 100 överskott till 200 kvar att spara`` is uncertain, from −100 to 200."""
    rest, own = normal(text), None
    if not UNCERTAIN_VALUE.fullmatch(rest):
        for word, kind in WORDS:
            if rest.lower().startswith(word) and rest[len(word):len(word) + 1] in (":", " "):
                rest, own = rest[len(word):].lstrip(":").strip(), kind
                break
    both = UNCERTAIN_VALUE.fullmatch(rest)
    if both:
        assert own in (None, UNSURE), f"{text!r}: an uncertain gap under the word for {own}"
        low = None if both["neither"] or both["surplus"] == UNBOUNDED else -number(both["surplus"])
        high = None if both["neither"] or both["remaining"] == UNBOUNDED else number(both["remaining"])
        return Verdict(UNSURE, (low, high), None, own is not None)
    kind = own or row_kind
    assert kind is not None, f"{text!r}: a gap without a word that says what it is"
    assert kind != UNSURE, f"{text!r}: an uncertain gap must spell out both ends"
    years = None
    found = SHORTFALL_YEARS.fullmatch(rest)
    if found:
        rest, years = found["body"], tuple(int(y) for y in found["years"].split(", "))
    shown = span(rest)
    return Verdict(kind, shown if kind == SHORT else neg(shown), years, own is not None)


def kronor(value: Any, unit: str) -> Bound:
    # str: an expected effect has decimals, which json.loads reads as a float (its shortest repr is the JSON's)
    return None if value is None else Decimal(str(value)) / KRONOR[unit]


def rng(value: dict[str, Any], unit: str) -> Span:
    return kronor(value["low"], unit), kronor(value["high"], unit)


def kind_of(gap: Span) -> str:
    """docs/planformat.md: above zero is still to save, at or below zero a surplus, else uncertain."""
    if gap[0] is not None and gap[0] > 0:
        return SHORT
    if gap[1] is not None and gap[1] <= 0:
        return SURPLUS
    return UNSURE


def several(figures: dict[str, Any]) -> bool:
    """Plans read together: each answers for its own balance (the shortfall is theirs added up)."""
    return len(figures.get("plans") or []) > 1


def falls_short(figures: dict[str, Any]) -> bool:
    """Per-year targets, or plans read together, where a year or a plan falls short (or may): the
    period shows the shortfall, the net apart."""
    return (figures["target_years"] is not None or several(figures)) and figures["gap_kind"] != SURPLUS


def year_shown(figures: dict[str, Any], year: str) -> dict[str, Any]:
    """A year's gap as a report shows it: over plans read together where the year falls short (or may),
    what is still to save that year, plan by plan; else the year's gap."""
    if several(figures) and figures["gap_kinds"][year] != SURPLUS:
        return dict(figures["shortfall_years"][year])
    return dict(figures["gap"]["years"][year])


def net_says_more(figures: dict[str, Any]) -> bool:
    """Where a year falls short, the net is shown on a row of its own when it says something the
    shortfall does not (another year's surplus set against it, or a range that may end in one)."""
    net, shortfall = figures["gap"], figures["shortfall"]
    return falls_short(figures) and (net["low"], net["high"]) != (shortfall["low"], shortfall["high"])


def short_years(figures: dict[str, Any]) -> tuple[int, ...] | None:
    """The years named after the shortfall ("1 200 (2025)"); none (no parentheses) where no target is per year."""
    years = tuple(int(y) for y, kind in (figures["gap_kinds"] or {}).items() if kind != SURPLUS)
    return years or None


# --- reports as tables of text ----------------------------------------------------------------


@dataclass
class Row:
    cells: list[str]
    classes: set[str] = field(default_factory=set)
    cell_classes: list[set[str]] = field(default_factory=list)

    def has(self, label: str) -> bool:
        return label in self.cells

    def tone(self) -> set[str]:
        return self.classes & set(TONE.values())


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[Row]

    def column(self, header: str) -> int:
        found = [i for i, h in enumerate(self.headers) if h == header]
        assert len(found) == 1, f"{self.title!r}: no single column {header!r} in {self.headers}"
        return found[0]

    def find(self, label: str) -> list[Row]:
        return [row for row in self.rows if row.has(label)]

    def row(self, label: str) -> Row:
        found = self.find(label)
        assert len(found) == 1, f"{self.title!r}: {len(found)} rows {label!r}: {[r.cells for r in self.rows]}"
        return found[0]

    def labels(self) -> set[str]:
        return {cell for row in self.rows for cell in row.cells}


def terminal_tables(text: str) -> list[Table]:
    """rich's tables: a header line (┃), body lines (│), the title the last plain line before it."""
    tables: list[Table] = []
    last = ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[0] in "┏┡├└╭╰┌":
            if stripped[0] in "┏┌╭":
                tables.append(Table(last, [], []))
            continue
        cells = [normal(cell) for cell in re.split(r"[│┃]", stripped)[1:-1]]
        if stripped[0] == "┃" and tables and not tables[-1].rows:
            tables[-1].headers = cells if not tables[-1].headers else tables[-1].headers
        elif stripped[0] == "│" and tables:
            tables[-1].rows.append(Row(cells))
        else:
            last = stripped
    return tables


def markdown_tables(text: str) -> list[Table]:
    """GitHub tables: a header line, a |---| line, rows; the title is the last ### heading before it."""
    tables: list[Table] = []
    lines = text.splitlines()
    title = ""
    for i, line in enumerate(lines):
        if line.startswith("#"):
            title = line.lstrip("#").strip()

        def cells(row: str) -> list[str]:
            return [normal(c) for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]
        if line.startswith("|") and i + 1 < len(lines) and re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", lines[i + 1].strip()):
            tables.append(Table(title, cells(line), []))
        elif line.startswith("|") and not re.fullmatch(r"\|(\s*:?-+:?\s*\|)+", line.strip()) and tables:
            tables[-1].rows.append(Row(cells(line)))
    return tables


@dataclass
class Figure:
    classes: set[str]
    name: str
    value: str


@dataclass
class Page:
    """An HTML page: per section its headings, key figures and tables."""

    sections: list[tuple[str, list[Figure], list[Table]]] = field(default_factory=list)


class _DomReader(HTMLParser):
    """Chromium's DOM of several reports, each in a ``<div class="report-batch" id="…">``."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, Page] = {}
        self.page = Page()
        self._text: list[str] | None = None
        self._text_for = ""
        self._row: Row | None = None
        self._in_head = False
        self._figure: Figure | None = None
        self._heading = False
        self._only_th = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        if tag in ("svg", "style", "script"):
            self._skip += 1
        if self._skip:
            return
        if tag == "div" and "report-batch" in classes:
            self.page = self.pages.setdefault(dict(attrs).get("id") or "", Page())
            return
        if tag == "section" or not self.page.sections:
            self.page.sections.append(("", [], []))
        if tag in ("h1", "h2", "h3") or (tag == "p" and "meta" in classes):
            self._heading, self._text, self._text_for = True, [], tag
        elif tag == "table":
            self.page.sections[-1][2].append(Table(self.page.sections[-1][0], [], []))
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row, self._only_th = Row([], classes), True
        elif tag in ("td", "th") and self._row is not None:
            self._text, self._text_for = [], tag
            self._only_th = self._only_th and tag == "th"
            self._row.cell_classes.append(classes)
        elif tag == "div" and "figure" in classes:
            self._figure = Figure(classes - {"figure"}, "", "")
            self.page.sections[-1][1].append(self._figure)
        elif tag == "div" and classes & {"name", "value"} and self._figure is not None:
            self._text, self._text_for = [], "name" if "name" in classes else "value"

    def handle_endtag(self, tag: str) -> None:
        if tag in ("svg", "style", "script"):
            self._skip -= 1
            return
        if self._skip:
            return
        text = normal("".join(self._text)) if self._text is not None else ""
        if tag in ("h1", "h2", "h3", "p") and self._heading and self._text_for == tag:
            title, figures, tables = self.page.sections[-1]
            self.page.sections[-1] = (f"{title} | {text}" if title else text, figures, tables)
            self._heading, self._text = False, None
        elif tag in ("td", "th") and self._row is not None and self._text is not None:
            self._row.cells.append(text)
            self._text = None
        elif tag == "div" and self._figure is not None and self._text is not None:
            setattr(self._figure, self._text_for, text)
            self._text = None
        elif tag == "tr" and self._row is not None:
            table = self.page.sections[-1][2][-1]
            if self._in_head or (not table.headers and not table.rows and self._row.cells and self._only_th):
                table.headers = self._row.cells
            else:
                table.rows.append(self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._skip:
            self._text.append(data)


def html_pages(text: str) -> dict[str, Page]:
    reader = _DomReader()
    reader.feed(text)
    return reader.pages


def pick(tables: Iterable[Table], title: str) -> Table:
    """The table of the plan (``Plan 1 — Nämnd 1``) or of all plans (``Alla planer``)."""
    found = [t for t in tables if t.title == title or t.title.startswith(f"{title} ") or f"| {title}" in t.title]
    assert len(found) >= 1, f"no table {title!r} among {[t.title for t in tables]}"
    return found[0]


def heading(plan: dict[str, Any]) -> str:
    return f"{plan['title']} — {plan['organisation']}"


# --- summarize and gap in text formats ----------------------------------------------------------


def check_tone(row: Row, kind: str, where: str) -> None:
    """A verdict row (or figure) carries its kind's class and no other verdict's."""
    assert row.tone() == {TONE[kind]}, f"{where}: {kind} in a row of class {row.classes}"


def check_verdict_cell(row: Row, index: int, shown: Verdict, html: bool, where: str) -> None:
    """A shortfall (or an uncertain gap) is never in a surplus-coloured row or cell; a cell with a
    verdict class of its own has its verdict's class."""
    own = row.cell_classes[index] & set(TONE.values()) if html and index < len(row.cell_classes) else set()
    tone = own or (row.tone() if html else set())
    if "surplus" in tone:
        assert shown.kind == SURPLUS, f"{where}: {shown} shown in the surplus colour"
    if own:
        assert own == {TONE[shown.kind]}, f"{where}: {shown} in a cell of class {own}"


def check_summary_table(table: Table, figures: dict[str, Any], unit: str, html: bool = False) -> None:
    """summarize's table of one plan, or of all plans: totals, target, gap, verdicts, net."""
    where = f"{table.title!r}"
    years = [str(y) for y in figures["years"]]
    year_column = {y: table.column(y) for y in years}
    whole = table.column("Summa")
    summa = table.row("Summa")
    for y in years:
        assert span(summa.cells[year_column[y]]) == rng(figures["totals"][y], unit), f"{where} Summa {y}"
    assert span(summa.cells[whole]) == rng(figures["total"], unit), f"{where} Summa"
    if figures["potential"]["low"] or figures["potential"]["high"]:
        assert span(table.row(POTENTIAL).cells[whole]) == rng(figures["potential"], unit), f"{where} {POTENTIAL}"
    verdict_rows = [row for row in table.rows if set(row.cells) & set(ROW_KIND)]
    if figures["target"] is None:
        assert table.find(NO_TARGET_LABEL), f"{where}: no target, and no row saying so"
        assert not verdict_rows and not table.find(NET) and not table.find("Sparbeting")
        return
    target = table.row("Sparbeting")
    assert span(target.cells[whole]) == (kronor(figures["target"], unit),) * 2, f"{where} Sparbeting"
    for y in years:
        cell = target.cells[year_column[y]]
        if figures["target_years"] is None:
            assert cell in ("", "–"), f"{where} Sparbeting {y}: {cell!r} for a whole-period target"
        else:  # every year reported, 0 where the plan names none (core._totals)
            expected = kronor(figures["target_years"][y], unit)
            assert span(cell) == (expected, expected), f"{where} Sparbeting {y}"
    assert len(verdict_rows) == 1, f"{where}: verdict rows {[r.cells for r in verdict_rows]}"
    row = verdict_rows[0]
    name = next(cell for cell in row.cells if cell in ROW_KIND)
    gap = figures["gap"]
    for y in years:
        cell = row.cells[year_column[y]]
        if gap.get("years") is None:
            assert cell in ("", "–"), f"{where} {name} {y}: {cell!r} without a target per year"
            continue
        shown = verdict(cell, ROW_KIND[name])
        assert (shown.kind, shown.gap, shown.years) == (figures["gap_kinds"][y], rng(year_shown(figures, y), unit), None), (
            f"{where} {name} {y}: {cell!r}")
        check_verdict_cell(row, year_column[y], shown, html, f"{where} {name} {y}")
    period = verdict(row.cells[whole], ROW_KIND[name])
    check_verdict_cell(row, whole, period, html, f"{where} {name}")
    if falls_short(figures):
        assert period.kind == SHORT or (period.kind == UNSURE == figures["gap_kind"]), f"{where} {name}: {period}"
        assert period.gap == rng(figures["shortfall"], unit), f"{where} {name}: {period} is not the shortfall"
        assert period.years == short_years(figures), f"{where} {name}: {period}"
        if net_says_more(figures):
            net = table.row(NET)
            shown = verdict(net.cells[whole], None)
            assert shown.worded and (shown.kind, shown.gap) == (kind_of(rng(gap, unit)), rng(gap, unit)), (
                f"{where} {NET}")
            assert not html or not net.tone(), f"{where}: the net in a verdict's colour {net.classes}"
        else:
            assert not table.find(NET), f"{where}: a net row that only repeats the shortfall"
    else:
        assert (period.kind, period.gap, period.years) == (figures["gap_kind"], rng(gap, unit), None), (
            f"{where} {name}: {row.cells[whole]!r}")
        if figures["gap_kind"] == SHORT:
            assert period.gap == rng(figures["shortfall"], unit)
        assert not table.find(NET), f"{where}: a net row where no year falls short"
    if html:
        check_tone(row, figures["gap_kind"], f"{where} {name}")


def check_summarize(tables: list[Table], document: dict[str, Any], html: bool = False) -> None:
    unit = document["plans"][0]["unit"]
    for plan in document["plans"]:
        check_summary_table(pick(tables, heading(plan)), plan, unit, html)
    if len(document["plans"]) > 1:
        check_summary_table(pick(tables, "Alla planer"), document, unit, html)
    else:  # one plan: its table is the report's
        check_summary_table(pick(tables, heading(document["plans"][0])), document, unit, html)


def check_gap_table(table: Table, figures: dict[str, Any], unit: str, html: bool = False) -> None:
    """gap's table: a row per year, the period (named by its year when there is one), the net."""
    years = [str(y) for y in figures["years"]]
    target_column, total_column = table.column("Sparbeting"), table.column("Summa åtgärder")
    verdict_column = next(i for i, h in enumerate(table.headers) if "Kvar att spara" in h and "Överskott" in h)
    gap = figures["gap"]
    if len(years) > 1:
        for y in years:
            row = table.row(y)
            assert span(row.cells[total_column]) == rng(figures["totals"][y], unit), f"gap {y} Summa åtgärder"
            if figures["target_years"] is None:
                assert row.cells[target_column] == row.cells[verdict_column] == "–", f"gap {y}: {row.cells}"
                continue
            expected = kronor(figures["target_years"][y], unit)
            assert span(row.cells[target_column]) == (expected, expected), f"gap {y} Sparbeting"
            shown = verdict(row.cells[verdict_column], None)
            assert shown.worded and (shown.kind, shown.gap) == (figures["gap_kinds"][y], rng(year_shown(figures, y), unit)), (
                f"gap {y}: {row.cells[verdict_column]!r}")
            check_verdict_cell(row, verdict_column, shown, html, f"gap {y}")
            if html:
                check_tone(row, figures["gap_kinds"][y], f"gap {y}")
    row = table.row("Hela perioden" if len(years) > 1 else years[0])
    assert span(row.cells[total_column]) == rng(figures["total"], unit), "gap Hela perioden Summa åtgärder"
    if figures["target"] is None:
        assert row.cells[target_column] == "inget sparbeting angivet" and row.cells[verdict_column] == "–", row.cells
        assert not table.find(NET)
        return
    assert span(row.cells[target_column]) == (kronor(figures["target"], unit),) * 2, "gap Hela perioden Sparbeting"
    shown = verdict(row.cells[verdict_column], None)
    assert shown.worded, f"gap Hela perioden: {row.cells[verdict_column]!r}"
    check_verdict_cell(row, verdict_column, shown, html, "gap Hela perioden")
    if falls_short(figures):
        assert shown.kind == SHORT or (shown.kind == UNSURE == figures["gap_kind"]), f"gap Hela perioden: {shown}"
        assert (shown.gap, shown.years) == (rng(figures["shortfall"], unit), short_years(figures)), str(shown)
        if net_says_more(figures):
            net = verdict(table.row(NET).cells[verdict_column], None)
            assert net.worded and (net.kind, net.gap) == (kind_of(rng(gap, unit)), rng(gap, unit)), f"gap {NET}: {net}"
            assert not html or not table.row(NET).tone()
        else:
            assert not table.find(NET), "gap: a net row that only repeats the shortfall"
    else:
        assert (shown.kind, shown.gap, shown.years) == (figures["gap_kind"], rng(gap, unit), None), (
            f"gap Hela perioden: {row.cells[verdict_column]!r}")
        assert not table.find(NET)
    if html:
        check_tone(row, figures["gap_kind"], "gap Hela perioden")


def gap_table(tables: list[Table]) -> Table:
    found = [t for t in tables if "Summa åtgärder" in t.headers]
    assert len(found) == 1, [t.headers for t in tables]
    return found[0]


# --- follow-up in text formats ------------------------------------------------------------------


def deviation_figures(text: str) -> Span:
    """``-150``, ``+200``, ``0``, ``-100 / +200`` (low / high), ``obegränsat``."""
    def bound(part: str) -> Bound:
        return None if part == "obegränsat" else number(part.lstrip("+"))
    parts = normal(text).split(" / ")
    assert len(parts) in (1, 2) and all(re.fullmatch(rf"\+?{AMOUNT}|obegränsat", p) for p in parts), text
    return bound(parts[0]), bound(parts[-1])


def check_deviation_text(text: str, document: dict[str, Any], unit: str) -> None:
    """README: a signed deviation only behind or ahead (and 0 on track against an exact plan);
    *inom intervallet* on track within a planned range; *–* where there is nothing to compare."""
    kind, planned = document["kind"], document["planned"]
    if kind in ("behind", "ahead") or (kind == "on_track" and planned["low"] == planned["high"]):
        assert deviation_figures(text) == rng(document["deviation"], unit), f"Avvikelse {text!r}"
    else:
        assert normal(text) == ("inom intervallet" if kind == "on_track" else "–"), f"Avvikelse {text!r} ({kind})"


FORECAST_GAP_KIND = {"Prognos: kvar att spara": SHORT, "Prognos: överskott": SURPLUS, "Prognos: osäkert": UNSURE}


def forecast_shown(document: dict[str, Any]) -> dict[str, Any]:
    """The forecast gap a reader is shown: over plans read together where one falls short (or may),
    what is still to save, plan by plan; else the forecast gap."""
    if len(document["plans"]) > 1 and document["forecast_gap_kind"] != SURPLUS:
        return dict(document["forecast_shortfall"])
    return dict(document["forecast_gap"])


def check_follow_up_table(table: Table, document: dict[str, Any], html: bool = False) -> None:
    unit = document["unit"]
    planned, forecast = table.column("Planerat"), table.column("Prognos")
    summa = table.row("Summa")
    assert span(summa.cells[planned]) == rng(document["planned"], unit), "follow-up Summa Planerat"
    assert span(summa.cells[forecast]) == rng(document["forecast"], unit), "follow-up Summa Prognos"
    check_deviation_text(summa.cells[table.column("Avvikelse")], document, unit)
    gap_rows = [row for row in table.rows if set(row.cells) & set(FORECAST_GAP_KIND)]
    if document["target"] is None:
        assert table.find(NO_TARGET_LABEL) and not gap_rows and not table.find("Sparbeting")
        return
    assert span(table.row("Sparbeting").cells[forecast]) == (kronor(document["target"], unit),) * 2
    assert len(gap_rows) == 1, [r.cells for r in gap_rows]
    row = gap_rows[0]
    name = next(cell for cell in row.cells if cell in FORECAST_GAP_KIND)
    shown = verdict(row.cells[forecast], FORECAST_GAP_KIND[name])
    assert (shown.kind, shown.gap) == (document["forecast_gap_kind"], rng(forecast_shown(document), unit)), (
        f"follow-up {name}: {row.cells[forecast]!r}")
    check_verdict_cell(row, forecast, shown, html, f"follow-up {name}")
    if html:
        check_tone(row, document["forecast_gap_kind"], f"follow-up {name}")


def follow_up_table(tables: list[Table]) -> Table:
    found = [t for t in tables if "Prognos" in t.headers and t.find("Summa")]
    assert len(found) == 1, [t.headers for t in tables]
    return found[0]


def follow_up_json(args: Sequence[str], plan_set: Sequence[PlanSpec]) -> dict[str, Any]:
    document = as_json(args)
    document["unit"] = plan_set[0].unit
    return document


# --- CSV and xlsx: numbers in columns ----------------------------------------------------------


def columns_of(headers: Sequence[str], name: str) -> list[int]:
    """``2024 (tkr)`` or ``2024 låg (tkr)``, ``2024 hög (tkr)``: the columns of one year (or Summa)."""
    found = [i for i, h in enumerate(headers) if h.split(" ")[0] == name]
    assert len(found) in (1, 2), f"columns {name!r} in {headers}"
    return found


@dataclass
class NumberRows:
    """Rows of a CSV or a recalculated sheet, one plan's (or all plans'), read by label."""

    headers: list[str]
    rows: list[list[str]]
    read: Callable[[str], Decimal]
    where: str

    def find(self, label: str) -> list[list[str]]:
        return [row for row in self.rows if label in row]

    def row(self, label: str) -> list[str]:
        found = self.find(label)
        assert len(found) == 1, f"{self.where}: {len(found)} rows {label!r}"
        return found[0]

    def value(self, row: list[str], name: str, single: bool = False) -> Span | None:
        """The figure of a row in a year's (or Summa's) columns; None where empty. ``single``: one
        figure written in the low column (the target in xlsx)."""
        cells = [row[i] if i < len(row) else "" for i in columns_of(self.headers, name)]
        if not any(cells):
            return None
        low = self.read(cells[0])
        if single and len(cells) == 2 and cells[1] == "":
            return low, low
        return low, (self.read(cells[-1]) if cells[-1] else None)


def signed(label: str, value: Span) -> Span:
    return neg(value) if label.startswith("Överskott") or label.endswith("överskott") else value


GAP_LABELS = {"Kvar att spara": SHORT, "Överskott": SURPLUS, "Kvar att spara (negativt = överskott)": None,
              "Netto, sparbeting − summa (negativt = överskott)": None}


def check_numbers(table: NumberRows, figures: dict[str, Any], unit: str, *, single_target: bool = False,
                  always_signed: bool = False) -> None:
    """CSV and xlsx: Summa, Möjlig effekt, Sparbeting, the gap row (always signed, under a label that
    says so whatever the sign a spreadsheet recalculates: *Kvar att spara (negativt = överskott)*) and
    *Kvar att spara (2025)*, the shortfall, where a year falls short."""
    where, years = table.where, [str(y) for y in figures["years"]]
    summa = table.row("Summa")
    for y in years:
        assert table.value(summa, y) == rng(figures["totals"][y], unit), f"{where} Summa {y}"
    assert table.value(summa, "Summa") == rng(figures["total"], unit), f"{where} Summa"
    if figures["potential"]["low"] or figures["potential"]["high"]:
        assert table.value(table.row(POTENTIAL), "Summa") == rng(figures["potential"], unit), f"{where} {POTENTIAL}"
    gap_rows = [row for row in table.rows if set(row) & set(GAP_LABELS)]
    shortfall_rows = [row for row in table.rows
                      if any(re.fullmatch(r"Kvar att spara \(\d{4}(, \d{4})*\)|Kvar att spara, planerna var för sig", cell)
                             for cell in row)]
    if figures["target"] is None:
        assert table.find(NO_TARGET_LABEL) and not gap_rows and not shortfall_rows, f"{where}: no target"
        return
    target = table.row("Sparbeting")
    assert table.value(target, "Summa", single_target) == (kronor(figures["target"], unit),) * 2, where
    for y in years:
        shown = table.value(target, y, single_target)
        if figures["target_years"] is None:
            assert shown is None, f"{where} Sparbeting {y}: {shown} for a whole-period target"
        else:
            assert shown == (kronor(figures["target_years"][y], unit),) * 2, f"{where} Sparbeting {y}"
    gap = figures["gap"]
    assert len(gap_rows) == 1, f"{where}: gap rows {gap_rows}"
    row = gap_rows[0]
    name = next(cell for cell in row if cell in GAP_LABELS)
    kinds = [kind_of(rng(gap, unit)), *(figures["gap_kinds"] or {}).values()]
    signed_name = ("Netto, sparbeting − summa (negativt = överskott)" if several(figures)
                   else "Kvar att spara (negativt = överskott)")
    assert name == signed_name, f"{where}: the gap row is {name!r}, its kinds {kinds}"
    for y in years:
        shown = table.value(row, y)
        if gap.get("years") is None:
            assert shown is None, f"{where} {name} {y}: {shown} without a target per year"
        else:
            assert shown is not None and signed(name, shown) == rng(gap["years"][y], unit), f"{where} {name} {y}"
    shown = table.value(row, "Summa")
    assert shown is not None and signed(name, shown) == rng(gap, unit), f"{where} {name}: {shown}"
    if falls_short(figures):
        assert len(shortfall_rows) == 1, f"{where}: shortfall rows {shortfall_rows}"
        label = ("Kvar att spara, planerna var för sig" if several(figures)
                 else f"Kvar att spara ({', '.join(map(str, short_years(figures) or ()))})")
        assert label in shortfall_rows[0], f"{where}: {shortfall_rows[0]} is not {label!r}"
        assert table.value(shortfall_rows[0], "Summa") == rng(figures["shortfall"], unit), f"{where} {label}"
    else:
        assert not shortfall_rows, f"{where}: a shortfall row where no year falls short"


def csv_groups(data: bytes) -> tuple[list[str], dict[str, list[list[str]]]]:
    rows = read_csv(data)
    headers = rows[0]
    plan = headers.index("Plan")
    groups: dict[str, list[list[str]]] = {}
    for row in rows[1:]:
        groups.setdefault(row[plan], []).append(row)
    return headers, groups


def csv_read(cell: str) -> Decimal:
    return swedish_number(cell)


def csv_group(groups: dict[str, list[list[str]]], title: str) -> list[list[str]] | None:
    """The rows of one plan: its Plan cell is its title (or ``title — organisation``)."""
    found = [rows for key, rows in groups.items() if key == title or key.startswith(f"{title} — ")]
    assert len(found) <= 1, f"{len(found)} groups of rows {title!r}: {sorted(groups)}"
    return found[0] if found else None


def csv_all_plans(groups: dict[str, list[list[str]]], titles: list[str]) -> list[list[str]]:
    """The rows of all plans together: *Alla planer*, or the plans' titles together (one plan: its rows)."""
    if len(titles) == 1:
        found = [rows for rows in [csv_group(groups, titles[0])] if rows is not None]
    else:
        found = [rows for key, rows in groups.items() if key == "Alla planer" or all(t in key for t in titles)]
    assert len(found) == 1, f"csv: {len(found)} groups of all plans {titles} among {sorted(groups)}"
    return found[0]


DECIDED_ON = ("Täckning av sparbetinget: beslutat, förväntat och planerat",
              "Engångseffekter, varaktig effekt och årsarbetare")
SCENARIO_NAMES = {"decided": "Beslutat", "expected": "Förväntat", "planned": "Planerat"}


def check_decided_on(table: NumberRows, figures: dict[str, Any], unit: str) -> None:
    """The rows of what a nämnd decides on, where the JSON has them: each scenario's totals and its signed
    gap, the one-off part per year, the lasting level, the staff per year (a count, not in the unit)."""
    years = [str(year) for year in figures["years"]]
    for key, name in SCENARIO_NAMES.items():
        if "scenarios" not in figures:
            assert not table.find(name), f"{table.where}: {name} without scenarios"
            continue
        scenario = figures["scenarios"][key]
        row = table.row(name)
        for year in years:
            assert table.value(row, year) == rng(scenario["totals"][year], unit), f"{table.where} {name} {year}"
        assert table.value(row, "Summa") == rng(scenario["total"], unit), f"{table.where} {name} Summa"
    if "one_off" in figures:
        row = table.row("Varav engångseffekter")
        for year in years:
            assert table.value(row, year) == rng(figures["one_off"][year], unit), f"{table.where} one-off {year}"
        lasting = table.value(table.row("Varaktig effekt efter perioden"), "Summa")
        assert lasting == rng(figures["lasting"], unit), f"{table.where} lasting"
    if "staff" in figures:
        row = table.row("Årsarbetare")
        for year in years:
            value = table.value(row, year)
            assert value is not None and value[0] == Decimal(str(figures["staff"][year])), f"{table.where} staff"


def check_csv(data: bytes, document: dict[str, Any], every_plan: bool) -> None:
    """summarize's CSV: each plan's rows (``every_plan``; gap may show only the plans together) and
    all plans'; and where the plans use them, the rows of what a nämnd decides on."""
    headers, groups = csv_groups(data)
    unit = document["plans"][0]["unit"]
    decided_on = {key: rows for key, rows in groups.items() if key.endswith(DECIDED_ON)}
    assert bool(decided_on) == any(k in document for k in ("scenarios", "one_off", "staff")), sorted(groups)
    for key, rows in decided_on.items():
        owner = key.rsplit(" · ", 1)[0]
        figures = next((plan for plan in document["plans"] if owner in (plan["title"], heading(plan))), document)
        check_decided_on(NumberRows(headers, rows, csv_read, f"csv {key}"), figures, unit)
    groups = {key: rows for key, rows in groups.items() if key not in decided_on}
    for plan in document["plans"]:
        rows = csv_group(groups, plan["title"])
        assert rows is not None or not every_plan or len(document["plans"]) == 1, f"csv: no rows {plan['title']!r}"
        if rows is not None:
            check_numbers(NumberRows(headers, rows, csv_read, f"csv {plan['title']}"), plan, unit)
    rows = csv_all_plans(groups, [plan["title"] for plan in document["plans"]])
    check_numbers(NumberRows(headers, rows, csv_read, "csv, all plans"), document, unit)


FORECAST_NUMBER_LABELS = {"Prognos: kvar att spara": SHORT, "Prognos: överskott": SURPLUS,
                          "Prognos: kvar att spara (negativt = överskott)": None,
                          "Prognos: netto, sparbeting − summa (negativt = överskott)": None}


def check_follow_up_numbers(headers: list[str], rows: list[list[str]], read: Callable[[str], Decimal],
                            document: dict[str, Any], where: str, may_be_signed: bool = False) -> None:
    """follow-up in CSV and xlsx: the exact deviation; the forecast gap signed under a label that says
    so (*Prognos: kvar att spara (negativt = överskott)*), as summarize's gap."""
    unit = document["unit"]
    table = NumberRows(headers, rows, read, where)

    def value(row: list[str], name: str, single: bool = False) -> Span | None:
        return table.value(row, name, single)
    summa = table.row("Summa")
    assert value(summa, "Planerat") == rng(document["planned"], unit), f"{where} Summa Planerat"
    assert value(summa, "Prognos") == rng(document["forecast"], unit), f"{where} Summa Prognos"
    assert value(summa, "Avvikelse") == rng(document["deviation"], unit), f"{where} Summa Avvikelse"
    gap_rows = [row for row in rows if set(row) & set(FORECAST_NUMBER_LABELS)]
    if document["target"] is None:
        assert table.find(NO_TARGET_LABEL) and not gap_rows, f"{where}: no target"
        return
    assert value(table.row("Sparbeting"), "Prognos", True) == (kronor(document["target"], unit),) * 2, where
    assert len(gap_rows) == 1, f"{where}: {gap_rows}"
    name = next(cell for cell in gap_rows[0] if cell in FORECAST_NUMBER_LABELS)
    kind = document["forecast_gap_kind"]
    assert FORECAST_NUMBER_LABELS[name] is None, f"{where}: {name!r} for a forecast gap that is {kind}"
    shown = value(gap_rows[0], "Prognos")
    assert shown is not None and signed(name, shown) == rng(document["forecast_gap"], unit), f"{where} {name}"
