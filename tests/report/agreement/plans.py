"""Generated plans for the agreement of the formats, and budgetbalans run on them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Optional, Sequence

from hypothesis import example, note
from hypothesis import strategies as st

from budgetbalans.cli.app import app
from tests.command import runner

KRONOR = {"kr": Decimal(1), "tkr": Decimal(1000), "mkr": Decimal(1_000_000)}
STATUSES = ["planerad", "pågår", "klart", "utredning", "pausad", "avbruten"]  # avbruten is never counted
DECISION_STATES = ["föreslagen", "beslutad", "återremitterad", "avslagen"]  # avslagen is never counted

Bound = Optional[Decimal]
Span = tuple[Bound, Bound]

# --- the plans ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    """An effect (or forecast) in the plan's unit: exact when low == high; ``style`` is how the YAML writes it."""

    low: int
    high: int
    style: str = "plain"  # plain, grouped, hyphen, endash, keys

    def yaml(self) -> str:
        def grouped(n: int) -> str:
            return f"{n:,}".replace(",", " ")
        if self.low == self.high:
            return f'"{grouped(self.low)}"' if self.style == "grouped" else str(self.low)
        if self.style == "keys" or self.low < 0:
            return f"{{low: {self.low}, high: {self.high}}}"
        dash = "-" if self.style == "hyphen" else "–"
        return f'"{grouped(self.low)}{dash}{grouped(self.high)}"'


@dataclass(frozen=True)
class MeasureSpec:
    id: str
    status: str = "planerad"
    potential: bool = False
    effects: dict[int, Effect] = field(default_factory=dict)
    forecast: dict[int, Effect] = field(default_factory=dict)
    # what a nämnd decides on (sometimes): a probability in per cent, a decision state, one-off, staff per year
    probability: Optional[int] = None
    state: Optional[str] = None
    one_off: bool = False
    staff: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PlanSpec:
    title: str
    unit: str
    years: tuple[int, ...]
    target: None | int | dict[int, int]
    measures: tuple[MeasureSpec, ...]

    @property
    def organisation(self) -> str:
        return "Nämnd " + self.title.split()[-1]

    def yaml(self) -> str:
        lines = [f"title: {self.title}", f"organisation: {self.organisation}", f"unit: {self.unit}",
                 f"years: [{', '.join(map(str, self.years))}]"]
        if isinstance(self.target, int):
            lines.append(f"target: {self.target}")
        elif isinstance(self.target, dict):
            lines.append("target: {" + ", ".join(f"{y}: {v}" for y, v in self.target.items()) + "}")
        lines.append("measures:" if self.measures else "measures: []")
        for m in self.measures:
            lines += [f'  - id: "{m.id}"', f"    title: Insats nummer {m.id}", f"    status: {m.status}"]
            if m.potential:
                lines.append("    potential: true")
            if m.probability is not None:
                lines.append(f"    probability: {m.probability} %")
            if m.state is not None:
                lines.append(f"    decision: {{state: {m.state}}}")
            if m.one_off:
                lines.append("    one_off: true")
            if m.staff:
                lines.append("    staff: {" + ", ".join(f'{y}: "{v}"' for y, v in m.staff.items()) + "}")
            for key, values in (("effects", m.effects), ("forecast", m.forecast)):
                if values:
                    lines.append(f"    {key}:")
                    lines += [f"      {year}: {value.yaml()}" for year, value in values.items()]
        return "\n".join(lines) + "\n"


@st.composite
def effects(draw: st.DrawFn) -> Effect:
    low = draw(st.integers(-400, 3000))
    if draw(st.integers(0, 2)) == 0:
        return Effect(low, draw(st.integers(low + 1, low + 2000)), draw(st.sampled_from(["hyphen", "endash", "keys"])))
    return Effect(low, low, draw(st.sampled_from(["plain", "grouped"])))


@st.composite
def measures(draw: st.DrawFn, number: int, years: tuple[int, ...]) -> MeasureSpec:
    effect_years = draw(st.lists(st.sampled_from(years), unique=True)) if draw(st.integers(0, 5)) else []
    forecast_years = draw(st.lists(st.sampled_from(years), unique=True))
    keys = draw(st.integers(0, 2)) == 0  # sometimes the keys of what a nämnd decides on
    staff_years = draw(st.lists(st.sampled_from(years), unique=True)) if keys else []
    return MeasureSpec(
        str(number),
        draw(st.sampled_from(STATUSES[:1] * 3 + STATUSES)),
        draw(st.integers(0, 4)) == 0,
        {year: draw(effects()) for year in sorted(effect_years)},
        {year: draw(effects()) for year in sorted(forecast_years)},
        draw(st.one_of(st.none(), st.integers(0, 100))) if keys else None,
        draw(st.one_of(st.none(), st.sampled_from(DECISION_STATES))) if keys else None,
        draw(st.booleans()) if keys else False,
        {year: draw(st.sampled_from(["-0,5", "-3", "2", "0,25"])) for year in sorted(staff_years)},
    )


@st.composite
def plans(draw: st.DrawFn, number: int, unit: str, years: tuple[int, ...]) -> PlanSpec:
    count = draw(st.integers(1, 5))
    shape = draw(st.sampled_from(["none", "period", "years", "years"]))
    target: None | int | dict[int, int] = None
    if shape == "period":
        target = draw(st.integers(0, 9000))
    elif shape == "years":
        named = draw(st.lists(st.sampled_from(years), min_size=1, unique=True)) if draw(st.integers(0, 3)) == 0 \
            else list(years)
        target = {year: draw(st.integers(0, 5000)) for year in sorted(named)}
    return PlanSpec(f"Plan {number}", unit, years, target,
                    tuple(draw(measures(n + 1, years)) for n in range(count)))


@st.composite
def plan_sets(draw: st.DrawFn) -> list[PlanSpec]:
    """1–2 plans of one unit and one period (a report in that unit shows every amount exactly)."""
    unit = draw(st.sampled_from(sorted(KRONOR)))
    first = draw(st.integers(2024, 2026))
    years = tuple(range(first, first + draw(st.integers(1, 3))))
    return [draw(plans(n + 1, unit, years)) for n in range(draw(st.integers(1, 2)))]


def _exact(*values: int) -> dict[int, Effect]:
    return {2024 + i: Effect(v, v) for i, v in enumerate(values)}


#: The README's case: one year's surplus does not pay for another year's shortfall (the period's
#: shortfall 1 200 differs from the net gap, a surplus of 300).
README_CASE = [PlanSpec("Plan 1", "tkr", (2024, 2025), {2024: 1000, 2025: 2000},
                        (MeasureSpec("1", effects=_exact(2500, 800), forecast={2025: Effect(700, 900, "endash")}),))]
#: Two plans: ranges, a possible effect, a cancelled measure; per-year targets that fall short
#: in different years; an uncertain year.
TWO_PLANS = [
    PlanSpec("Plan 1", "tkr", (2024, 2025), {2024: 1000, 2025: 2000}, (
        MeasureSpec("1", effects=_exact(2500, 800), forecast={2025: Effect(700, 700)}),
        MeasureSpec("2", effects={2024: Effect(100, 300, "endash")}),
        MeasureSpec("3", potential=True, effects={2025: Effect(400, 400)}),
        MeasureSpec("4", status="avbruten", effects={2025: Effect(50, 50)}))),
    PlanSpec("Plan 2", "tkr", (2024, 2025), {2024: 500, 2025: 500}, (
        MeasureSpec("1", effects={2024: Effect(200, 200), 2025: Effect(300, 900, "keys")}),)),
]
#: A whole-period target met exactly (Överskott 0), in mkr, and an uncertain one in kr.
PERIOD_TARGETS = [PlanSpec("Plan 1", "mkr", (2025, 2026), 7, (
    MeasureSpec("1", effects={2025: Effect(3, 3), 2026: Effect(4, 4)}, forecast={2026: Effect(1, 5, "hyphen")}),))]
UNCERTAIN = [PlanSpec("Plan 1", "kr", (2024,), 2000, (
    MeasureSpec("1", status="pågår", effects={2024: Effect(1500, 2500, "endash")},
                forecast={2024: Effect(-100, 2100, "keys")}),))]
NO_TARGET = [PlanSpec("Plan 1", "tkr", (2024, 2025, 2026), None, (
    MeasureSpec("1", effects=_exact(100, -50, 75)), MeasureSpec("2", status="klart", potential=True,
                                                                  effects=_exact(5, 6, 7)))),
             PlanSpec("Plan 2", "tkr", (2024, 2025, 2026), 300, ())]
#: One year, its own target, which the range may or may not cover: the shortfall 0–100 and the net
#: (an uncertain −100 to 100) differ.
ONE_YEAR_MAY_FALL_SHORT = [PlanSpec("Plan 1", "kr", (2025,), {2025: 200}, (
    MeasureSpec("1", effects={2025: Effect(100, 300, "hyphen")}),))]
#: Two plans using what a nämnd decides on: probabilities (33 % gives an expected effect with decimals), every decision
#: state (a rejected measure counts zero), a one-off range, staff in some years only.
DECIDED_ON = [
    PlanSpec("Plan 1", "tkr", (2024, 2025), {2024: 1000, 2025: 1000}, (
        MeasureSpec("1", effects=_exact(600, 600), probability=75, state="beslutad", staff={2024: "-1,5"}),
        MeasureSpec("2", effects={2024: Effect(100, 400, "endash")}, probability=33, state="föreslagen",
                    one_off=True),
        MeasureSpec("3", effects=_exact(500, 500), state="avslagen", staff={2025: "2"}))),
    PlanSpec("Plan 2", "kr", (2024, 2025), 900, (
        MeasureSpec("1", effects=_exact(300, 300), state="återremitterad", one_off=True),
        MeasureSpec("2", effects=_exact(200, 0), probability=0))),
]
FIXED = [README_CASE, TWO_PLANS, PERIOD_TARGETS, UNCERTAIN, NO_TARGET, ONE_YEAR_MAY_FALL_SHORT, DECIDED_ON]


def with_fixed_examples(test: Callable[..., None]) -> Callable[..., None]:
    for plan_set in reversed(FIXED):
        test = example(plan_set=plan_set)(test)
    return test


# --- running budgetbalans ---------------------------------------------------------------------


def invoke(*args: str) -> bytes:
    # wide enough for rich's tables: a terminal narrower than a table gets it stacked, which is not
    # read here (three years each "osäkert: från 1 000,0 överskott till 100,0 kvar att spara" take 255)
    result = runner().invoke(app, list(args), env={"COLUMNS": "400", "BUDGETBALANS_LANG": ""},
                                catch_exceptions=False)
    assert result.exit_code == 0, (args, result.stderr)
    return result.stdout_bytes


def write_plans(plan_set: Sequence[PlanSpec], folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for plan in plan_set:
        path = folder / f"{plan.title.replace(' ', '-').lower()}.yaml"
        path.write_text(plan.yaml(), encoding="utf-8")
        paths.append(str(path))
        note(f"{path.name}:\n{plan.yaml()}")
    return paths


def command(name: str, plan_set: Sequence[PlanSpec], paths: Sequence[str]) -> list[str]:
    """The command line, in the plans' unit; follow-up of the first plan's last year."""
    args = [name, *paths, "--unit", plan_set[0].unit]
    return args + (["--year", str(plan_set[0].years[-1])] if name == "follow-up" else [])


def as_json(args: Sequence[str]) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(invoke(*args, "--format", "json"))
    return document
