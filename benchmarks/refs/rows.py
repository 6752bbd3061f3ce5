"""The rows of `summarize`'s tables, made from a plans folder as plainly as possible: what the bare-library references write.

Each reference script (html_jinja2.py, xlsx_xlsxwriter.py, terminal_rich.py, docx_python_docx.py) takes
a plans folder and an output path, calls :func:`plans` and writes the rows with its one library. The
folder's ``*.yaml`` files are read in name order with PyYAML's C loader (``yaml.CSafeLoader``), as the
raw C-load of benchmarks/run.py reads them.

What it does: per plan, one row per measure (number, title, area, status, responsible, schedule, the
effect of each year of the plan as a (low, high) pair in the plan's unit, their sum, the interval
class), the plan's totals per year, its target and what remains; across plans, one overview row per
plan and the totals of all. It reads what the benchmark's corpus writes (docs/planformat.md): amounts
as numbers or text with spaces, a decimal comma and a unit (kr, tkr, mkr), ranges ``a–b`` or
``a-b``, interval classes ``{interval: N}``, ``full_year`` with ``start`` (the months from the first
whole month), statuses (``avbruten`` and its words not counted in the sums).

What it does not do: check anything (a wrong file raises), report a problem with its position, or
compute exactly: amounts are Python floats (rounded only as text), class 4's open top is counted as its
lower bound. It needs only the same number of rows and cells as
budgetbalans's report, not its exactness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

#: A (low, high) effect in the plan's unit.
Span = tuple[float, float]
FACTORS = {"kr": 1, "tkr": 1_000, "mkr": 1_000_000}
#: {interval: N} in kronor (class 4 has no top: its low end counts).
INTERVALS = {1: (100_000, 1_000_000), 2: (1_000_000, 2_000_000), 3: (2_000_000, 3_000_000), 4: (3_000_000, 3_000_000)}
NOT_COUNTED = {"avbruten", "avbrutet", "avbrutna", "struken", "stoppad", "cancelled"}
_AMOUNT = re.compile(r"^(-?[\d  ,.]+?)\s*(?:[–-]\s*(-?[\d  ,.]+?))?\s*(kr|tkr|mkr)?$")


@dataclass
class Measure:
    """One row of a plan's measures table."""

    number: str
    title: str
    area: str
    status: str
    responsible: str
    schedule: str
    effects: list[Span | None]  # one per year of the plan; None where the measure names no effect
    total: Span
    interval: str
    counted: bool


@dataclass
class Plan:
    """One plan's table: its measures, the totals per year, its target and what remains."""

    name: str
    file: str
    years: list[int]
    measures: list[Measure] = field(default_factory=list)
    per_year: list[Span] = field(default_factory=list)
    total: Span = (0.0, 0.0)
    target: float = 0.0
    remaining: Span = (0.0, 0.0)


def number(text: str) -> float:
    return float(text.replace(" ", "").replace("\u00a0", "").replace(",", "."))


def amount(value: object, unit: str) -> Span:
    """An effect as (low, high) in the plan's unit."""
    scale = FACTORS[unit]
    if isinstance(value, dict):
        low, high = INTERVALS[int(value["interval"])]
        return low / scale, high / scale
    if isinstance(value, (int, float)):
        return float(value), float(value)
    match = _AMOUNT.match(str(value).strip())
    if match is None:
        raise ValueError(f"not an amount: {value!r}")
    factor = FACTORS[match[3] or unit] / scale
    low = number(match[1]) * factor
    return low, (number(match[2]) * factor if match[2] else low)


def interval_class(span: Span, unit: str) -> str:
    """The interval class of a year's effect (kronor: ≤ 1 mkr 1, ≤ 2 mkr 2, ≤ 3 mkr 3, above 4); a span over two, both."""
    def one(kronor: float) -> int:
        return 1 if kronor <= 1_000_000 else 2 if kronor <= 2_000_000 else 3 if kronor <= 3_000_000 else 4
    low, high = (one(end * FACTORS[unit]) for end in span)
    return str(low) if low == high else f"{low}-{high}"


def effects(data: dict, years: list[int], unit: str) -> list[Span | None]:
    """The effect of each year: named ones, else the full-year effect from its start."""
    named = {int(year): amount(value, unit) for year, value in (data.get("effects") or {}).items()}
    full = data.get("full_year")
    if full is not None:
        low, high = amount(full, unit)
        start = data.get("start")
        for year in years:
            if year in named:
                continue
            if start is None or year > start.year:
                named[year] = (low, high)
            elif year == start.year:
                first = start.month + (start.day > 1)  # the first whole month
                if first <= 12:
                    named[year] = (low * (13 - first) / 12, high * (13 - first) / 12)
    return [named.get(year) for year in years]


def added(spans: list[Span | None]) -> Span:
    return sum(s[0] for s in spans if s), sum(s[1] for s in spans if s)


def plan(path: Path) -> Plan:
    with open(path, encoding="utf-8") as file:
        data = yaml.load(file, Loader=yaml.CSafeLoader)
    unit = data.get("unit", "kr")
    years = [int(year) for year in data["years"]]
    result = Plan(f"{data['title']} — {data['organisation']}", path.name, years)
    for measure in data["measures"]:
        per_year = effects(measure, years, unit)
        biggest = max((span for span in per_year if span), key=lambda span: span[1], default=(0.0, 0.0))
        status = measure.get("status", "planerad")
        result.measures.append(Measure(
            str(measure["id"]), measure["title"], measure.get("area", ""), status, measure.get("responsible", ""),
            str(measure.get("schedule", "")), per_year, added(per_year), interval_class(biggest, unit),
            status not in NOT_COUNTED))
    counted = [m for m in result.measures if m.counted]
    result.per_year = [added([m.effects[index] for m in counted]) for index in range(len(years))]
    result.total = added(list(result.per_year))
    result.target = amount(data.get("target", 0), unit)[0]
    result.remaining = (result.target - result.total[1], result.target - result.total[0])
    return result


def plans(folder: Path) -> list[Plan]:
    """Every plan of ``folder`` (its ``*.yaml`` files in name order)."""
    return [plan(path) for path in sorted(folder.glob("*.yaml"))]


def all_years(read: list[Plan]) -> list[int]:
    return sorted({year for each in read for year in each.years})


def overview(read: list[Plan]) -> tuple[list[int], list[tuple[str, list[Span | None], Span, float, Span]], Plan]:
    """The table of all plans: the years, one row per plan (name, per year over all years, total, target,
    remaining), and the totals as a Plan without measures."""
    years = all_years(read)
    rows = []
    for each in read:
        by_year = dict(zip(each.years, each.per_year))
        rows.append((each.name, [by_year.get(year) for year in years], each.total, each.target, each.remaining))
    totals = Plan("Summa", "", years)
    totals.per_year = [added([row[1][index] for row in rows]) for index in range(len(years))]
    totals.total = added(list(totals.per_year))
    totals.target = sum(row[3] for row in rows)
    totals.remaining = added([row[4] for row in rows])
    return years, rows, totals


def text(span: Span | None) -> str:
    """An effect as the reports write it: ``1 234`` or ``1 000–2 000`` (a no-break space between thousands)."""
    if span is None:
        return ""
    low, high = (f"{round(end):,}".replace(",", "\u00a0") for end in span)
    return low if low == high else f"{low}–{high}"


def plain(value: float) -> str:
    return text((value, value))


@dataclass
class Table:
    """A table as the report shows it: title, meta line, key figures, headers, and (kind, cells) rows; the
    first ``text_columns`` columns are text, the rest amounts."""

    title: str
    meta: str
    figures: list[tuple[str, str]]
    headers: list[str]
    text_columns: int
    rows: list[tuple[str, list[str | Span | None]]]


def closing(totals: Plan, width: int, label_at: int, years_at: int) -> list[tuple[str, list[str | Span | None]]]:
    """The sum, target and remaining rows under a table of ``width`` cells: the label in column ``label_at``,
    the years from column ``years_at``, the whole period's figure after them."""
    at = years_at + len(totals.per_year)

    def row(name: str, value: Span, per_year: list[Span] | None = None) -> list[str | Span | None]:
        cells: list[str | Span | None] = [None] * width
        cells[label_at], cells[at] = name, value
        if per_year is not None:
            cells[years_at:at] = per_year
        return cells
    return [("total", row("Summa", totals.total, totals.per_year)),
            ("target", row("Sparbeting", (totals.target, totals.target))),
            ("remaining", row("Kvar att spara", totals.remaining))]


def figures(plan: Plan) -> list[tuple[str, str]]:
    return [("Sparbeting", plain(plan.target) + " tkr"), ("Summa åtgärder", text(plan.total) + " tkr"),
            ("Kvar att spara", text(plan.remaining) + " tkr"), ("Täckning", "–")]


def tables(read: list[Plan]) -> list[Table]:
    """summarize's tables: all plans (a row per plan, the totals), then each plan's measures and totals."""
    years, rows, totals = overview(read)
    first = Table("Alla planer", " + ".join(each.file for each in read) + " · Belopp i tkr", figures(totals),
                  ["", *map(str, years), "Summa", "Sparbeting", "Kvar att spara / Överskott"], 1,
                  [("group", [name, *per_year, total, (target, target), remaining])
                   for name, per_year, total, target, remaining in rows])
    first.rows += closing(totals, len(years) + 4, 0, 1)
    result = [first]
    for each in read:
        body: list[tuple[str, list[str | Span | None]]] = [
            ("measure" if m.counted else "uncounted",
             [m.number, m.title, m.area, m.status, *m.effects, m.total, m.interval]) for m in each.measures]
        result.append(Table(each.name, each.file + " · Belopp i tkr", figures(each),
                            ["Nr", "Åtgärd", "Område", "Status", *map(str, each.years), "Summa", "Intervall"], 4,
                            body + closing(each, len(each.years) + 6, 1, 4)))
    return result


def cell_text(cell: str | Span | None) -> str:
    """A cell as text: an amount as :func:`text` writes it."""
    return cell if isinstance(cell, str) else text(cell)
