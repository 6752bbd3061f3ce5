"""What a change to the plans does: two sets of plans compared, measure by measure and year by year.

Pure, like :mod:`budgetbalans.core.summary`: no files, no git, no clock. The caller gives the plans of each
side with a key each (:func:`compare`): plans of the same key are the same plan (a path relative to
the repository or to the folder compared); a plan whose key is only on one side is matched by title
and organisation with one only on the other (a renamed file); the rest are added or removed whole.
Within a plan, measures are matched by ``id``.

Every figure is the core's: each side is computed by :func:`budgetbalans.core.summary.summarize`, so a
cancelled measure (or a possible effect) counts nothing on the side where it is so, and its effect
is gone from that side's totals. A change is ``after − before`` bound by bound (``low − low``,
``high − high``, as a follow-up's deviation): a range 700–1 600 re-estimated to 800–1 700 changed
by +100; an unbounded end on either side gives an unbounded change (``None``).

Verdicts are the core's kinds (:class:`~budgetbalans.core.gap.GapKind`) on each side, and what the
change does to the shortfall (still to save, never below zero), decided once for each year and the
period (:class:`Verdict`): a year (or a period) that was not short and now is, is *newly short*;
else the shortfall grows, the year is now covered, the shortfall shrinks, the surplus grows, or
what is still to save stays as it was. Every report words and colours these verdicts; the exit code
of ``--fail-on-worse`` reads them too (:attr:`PlanDiff.worse`).

Where either side uses ``probability`` or ``decision``, the coverage of the target is compared in its
three scenarios too (:class:`ScenariosChange`: *Beslutat*, *Förväntat*, *Planerat*, as
:mod:`budgetbalans.core.scenarios` computes them; a side without the keys has them as the contract
says: nothing decided, everything expected at 100 %), each year and the period with its verdict.
``--fail-on-worse`` keeps its meaning: the planned scenario, which is the totals.

Under an organisation tree (``budgetbalans.yaml``) on either side, each side's plans answer for what
its tree gives them (:func:`~budgetbalans.core.organisation.plan_targets`), each side is rolled up
(:func:`~budgetbalans.core.organisation.roll_up`), and every node is compared as a plan's totals are
(:class:`NodeChange`, :class:`OrganisationChange`): a node whose shortfall grows in a year it is judged
by (or newly falls short) is one the change makes short, and ``--fail-on-worse`` fails on it too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Iterable, Mapping

from budgetbalans.core import scenarios as decided_on
from budgetbalans.core.gap import GapKind, Target
from budgetbalans.core.organisation import NodeResult, Rollup, plan_targets, roll_up
from budgetbalans.core.scenarios import Scenarios
from budgetbalans.core.summary import MeasureResult, PlanResult, summarize, Summary, Totals
from budgetbalans.plan.models import Measure, Plan
from budgetbalans.plan.organisation import Organisation
from budgetbalans.plan.money import EXACT_ZERO, Range


class Change(str, Enum):
    """What happened to a measure (and, with ``renamed`` and ``unchanged``, to a plan)."""

    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    RENAMED = "renamed"      # a plan only: its file was renamed (it may have changed too)
    UNCHANGED = "unchanged"  # a plan only


class Trend(str, Enum):
    """Which way a gap moved: both ends up (worse), both down (better), apart (mixed), or not at all."""

    WORSE = "worse"
    BETTER = "better"
    MIXED = "mixed"
    UNCHANGED = "unchanged"


class Verdict(str, Enum):
    """What a change does to a year's (or the period's) balance: the first of these that holds.

    A newly short year's shortfall grows too, and a newly covered year's shrinks: the verdict names
    the change of kind first.
    """

    NEWLY_SHORT = "newly_short"      # surely short now, and was not before (a surplus, uncertain, no target)
    GROWS = "grows"                  # more is still to save
    COVERED = "covered"              # surely covered now, and was not before (short or uncertain)
    SHRINKS = "shrinks"              # less is still to save
    SURPLUS_GROWS = "surplus_grows"  # the gap is lower, what is still to save the same (a larger surplus)
    STEADY = "steady"                # what is still to save is the same: no change, a smaller surplus, or no target

    @property
    def worse(self) -> bool:
        """Whether more is still to save: what ``--fail-on-worse`` fails on."""
        return self in (Verdict.NEWLY_SHORT, Verdict.GROWS)

    @property
    def better(self) -> bool:
        return self in (Verdict.COVERED, Verdict.SHRINKS, Verdict.SURPLUS_GROWS)


#: A measure's fields compared, in the order they are named.
MEASURE_FIELDS = ("title", "area", "status", "responsible", "schedule", "follow_up", "note", "potential",
                  "effects", "class", "forecast", "outcome", "probability", "decision", "one_off", "staff",
                  "consequences")
#: The fields a nämnd decides on, compared as values (a probability of 0.5 is 0.50; a decision by its
#: level, state, date and reference; staff and consequences year by year, aspect by aspect).
DECIDED_ON_FIELDS = ("probability", "decision", "one_off", "staff", "consequences")
#: The scenarios of the coverage of the target, by their JSON names, in the order reports show them.
SCENARIOS = ("decided", "expected", "planned")
#: A plan's own fields compared.
PLAN_FIELDS = ("title", "organisation", "unit", "years", "target")


def change_of(before: Range, after: Range) -> Range:
    """after − before, bound by bound; an unbounded end on either side leaves that end unbounded."""
    return after.minus_bounds(before)


def same(a: Range | None, b: Range | None) -> bool:
    """Whether two amounts are the same figure (however they were written)."""
    if a is None or b is None:
        return a is b
    return a.low == b.low and a.high == b.high


def _above(a: Decimal | None, b: Decimal | None, *, high: bool) -> bool:
    """a > b for one end of two ranges; ``None`` is −∞ for a low end and +∞ for a high end."""
    if a == b:
        return False
    if a is None:
        return high
    if b is None:
        return not high
    return a > b


def grows(before: Range, after: Range) -> bool:
    """Whether ``after`` is above ``before`` at either end."""
    return _above(after.low, before.low, high=False) or _above(after.high, before.high, high=True)


def shrinks(before: Range, after: Range) -> bool:
    return grows(after, before)


def trend(before: Range, after: Range) -> Trend:
    up, down = grows(before, after), shrinks(before, after)
    return Trend.MIXED if up and down else Trend.WORSE if up else Trend.BETTER if down else Trend.UNCHANGED


@dataclass(frozen=True)
class Comparison:
    """One year (``year``), or the period (``year`` is ``None``), before and after.

    ``gap`` and ``kind`` are ``None`` on a side without a target for it (for a year: a target for the
    period only); ``shortfall`` is what is still to save, the positive part of the gap.
    """

    year: int | None
    total_before: Range
    total_after: Range
    target_before: Decimal | None
    target_after: Decimal | None
    gap_before: Range | None
    gap_after: Range | None
    kind_before: GapKind | None
    kind_after: GapKind | None
    shortfall_before: Range | None
    shortfall_after: Range | None

    @property
    def total_change(self) -> Range:
        return change_of(self.total_before, self.total_after)

    @property
    def target_change(self) -> Decimal | None:
        if self.target_before is None or self.target_after is None:
            return None
        return self.target_after - self.target_before

    @property
    def target_changed(self) -> bool:
        return self.target_before != self.target_after

    @property
    def gap_change(self) -> Range | None:
        if self.gap_before is None or self.gap_after is None:
            return None
        return change_of(self.gap_before, self.gap_after)

    @property
    def shortfall_change(self) -> Range | None:
        if self.shortfall_before is None and self.shortfall_after is None:
            return None
        return change_of(self.shortfall_before or EXACT_ZERO, self.shortfall_after or EXACT_ZERO)

    @property
    def shortfall_grows(self) -> bool:
        """Whether more is still to save after than before (nothing before where there was no target)."""
        if self.shortfall_after is None:
            return False
        return grows(self.shortfall_before or EXACT_ZERO, self.shortfall_after)

    @property
    def shortfall_shrinks(self) -> bool:
        if self.shortfall_before is None:
            return False
        return shrinks(self.shortfall_before, self.shortfall_after or EXACT_ZERO)

    @property
    def newly_short(self) -> bool:
        """It surely falls short now, and did not before (a surplus, uncertain, or no target)."""
        return self.kind_after is GapKind.SHORT and self.kind_before is not GapKind.SHORT

    @property
    def now_covered(self) -> bool:
        """It is surely covered now, and was not before (short or uncertain)."""
        return (self.kind_after is GapKind.SURPLUS and self.kind_before is not None
                and self.kind_before is not GapKind.SURPLUS)

    @property
    def verdict(self) -> Verdict:
        """What the change does to the balance (:class:`Verdict`), decided here once for every report."""
        if self.newly_short:
            return Verdict.NEWLY_SHORT
        if self.shortfall_grows:
            return Verdict.GROWS
        if self.now_covered:
            return Verdict.COVERED
        if self.shortfall_shrinks:
            return Verdict.SHRINKS
        return Verdict.SURPLUS_GROWS if self.trend is Trend.BETTER else Verdict.STEADY

    @property
    def trend(self) -> Trend | None:
        """How the gap moved; ``None`` where a side has no gap."""
        if self.gap_before is None or self.gap_after is None:
            return None
        return trend(self.gap_before, self.gap_after)

    @property
    def changed(self) -> bool:
        return (not same(self.total_before, self.total_after) or self.target_changed
                or not same(self.gap_before, self.gap_after) or self.kind_before is not self.kind_after)


def _year_target(totals: Totals, year: int) -> Decimal | None:
    if totals.target is None or totals.target.years is None or year not in totals.years:
        return None
    return totals.target.years.get(year, Decimal(0))


def _year_gap(totals: Totals, year: int) -> tuple[Range | None, GapKind | None, Range | None]:
    """A year's gap, the core's kind of it and what is still to save that year (over plans read
    together: their own shortfalls added up, so one plan's surplus never hides another's)."""
    gap = totals.gap
    if gap is None or gap.years is None or year not in gap.years:
        return None, None, None
    kinds = gap.year_kinds or {}
    return gap.years[year], kinds[year], gap.year_shortfall(year)


def _year(before: Totals, after: Totals, year: int) -> Comparison:
    (gap_b, kind_b, short_b), (gap_a, kind_a, short_a) = _year_gap(before, year), _year_gap(after, year)
    return Comparison(year, before.per_year.get(year, EXACT_ZERO), after.per_year.get(year, EXACT_ZERO),
                      _year_target(before, year), _year_target(after, year), gap_b, gap_a, kind_b, kind_a,
                      short_b, short_a)


def _period(before: Totals | None, after: Totals | None) -> Comparison:
    def side(totals: Totals | None) -> tuple[Range, Decimal | None, Range | None, GapKind | None, Range | None]:
        if totals is None:
            return EXACT_ZERO, None, None, None, None
        gap = totals.gap
        return (totals.total, None if totals.target is None else totals.target.total,
                None if gap is None else gap.total, None if gap is None else gap.kind,
                None if gap is None else gap.shortfall)

    b, a = side(before), side(after)
    return Comparison(None, b[0], a[0], b[1], a[1], b[2], a[2], b[3], a[3], b[4], a[4])


@dataclass(frozen=True)
class TotalsChange:
    """Each year and the period, before and after."""

    years: tuple[Comparison, ...]
    period: Comparison

    @property
    def worse(self) -> bool:
        """The shortfall grows in a year (or, with a target for the period only, in the period)."""
        return any(c.verdict.worse for c in (self.period, *self.years))

    @property
    def judged(self) -> tuple[Comparison, ...]:
        """The comparisons whose verdicts a report tells: each year, or the period where no year has a
        target (a target for the period only, or no years)."""
        if self.years and any(c.kind_before is not None or c.kind_after is not None for c in self.years):
            return self.years
        return (*self.years, self.period)

    @property
    def newly_short_years(self) -> tuple[int, ...]:
        return tuple(c.year for c in self.years if c.verdict is Verdict.NEWLY_SHORT and c.year is not None)

    @property
    def shortfall_grows_years(self) -> tuple[int, ...]:
        """The years where more is still to save (the newly short among them)."""
        return tuple(c.year for c in self.years if c.verdict.worse and c.year is not None)


def compare_totals(before: Totals | None, after: Totals | None) -> TotalsChange:
    """Every year of either side, and the period; a side that is not there (a plan added or removed) is empty."""
    empty = Totals((), {}, EXACT_ZERO, None, None, EXACT_ZERO)
    b, a = before or empty, after or empty
    years = sorted(set(b.years) | set(a.years))
    return TotalsChange(tuple(_year(b, a, year) for year in years), _period(before, after))


@dataclass(frozen=True)
class ScenariosChange:
    """The coverage of the target in its three scenarios, before and after: each a :class:`TotalsChange`
    (each year and the period, with its verdicts). ``planned`` is the totals; ``worse`` of the other two
    is told, never what ``--fail-on-worse`` reads."""

    decided: TotalsChange
    expected: TotalsChange
    planned: TotalsChange

    def items(self) -> tuple[tuple[str, TotalsChange], ...]:
        return (("decided", self.decided), ("expected", self.expected), ("planned", self.planned))


def side_scenarios(totals: Totals, measures: Iterable[MeasureResult],
                   plans: Iterable[Scenarios] = ()) -> Scenarios:
    """A side's scenarios: the core's where the side uses the keys; else as the contract reads a plan
    without them (computed the same way); ``plans``: each plan's own, where plans are read together."""
    if totals.scenarios is not None:
        return totals.scenarios
    found = decided_on.scenarios(list(measures), totals.years, totals.target)
    parts = list(plans)
    return decided_on.answering_alone(found, parts) if len(parts) > 1 else found


def _as_totals(totals: Totals, scenarios: Scenarios, name: str) -> Totals:
    scenario = getattr(scenarios, name)
    return replace(totals, per_year=scenario.per_year, total=scenario.total, gap=scenario.gap)


def compare_scenarios(before: tuple[Totals, Scenarios] | None,
                      after: tuple[Totals, Scenarios] | None) -> ScenariosChange:
    """Each scenario compared as totals are (:func:`compare_totals`); a side not there is empty."""
    def side(found: tuple[Totals, Scenarios] | None, name: str) -> Totals | None:
        return None if found is None else _as_totals(found[0], found[1], name)

    changes = {name: compare_totals(side(before, name), side(after, name)) for name in SCENARIOS}
    return ScenariosChange(changes["decided"], changes["expected"], changes["planned"])


def _plan_scenarios(result: PlanResult | None) -> tuple[Totals, Scenarios] | None:
    return None if result is None else (result.totals, side_scenarios(result.totals, result.measures))


def _summary_scenarios(summary: Summary) -> tuple[Totals, Scenarios]:
    plans = [side_scenarios(p.totals, p.measures) for p in summary.plans]
    return summary.totals, side_scenarios(summary.totals, summary.measures, plans)


@dataclass(frozen=True)
class MeasureChange:
    """A measure added, removed or changed: ``fields`` names what changed (all of :data:`MEASURE_FIELDS`
    that differ); ``effects`` holds, for each year where the counted effect differs, the counted effect
    before and after (``None`` where it counts nothing: absent, cancelled, a possible effect)."""

    change: Change
    before: MeasureResult | None
    after: MeasureResult | None
    fields: tuple[str, ...]
    effects: Mapping[int, tuple[Range | None, Range | None]]

    @property
    def result(self) -> MeasureResult:
        """The measure as it is now, or as it was if it is gone."""
        found = self.after or self.before
        assert found is not None
        return found

    @property
    def plan_path(self) -> str:
        return self.result.plan.path

    @property
    def id(self) -> str:
        return self.result.measure.id

    @property
    def title(self) -> str:
        return self.result.measure.title

    def value(self, name: str, side: MeasureResult | None) -> str | bool | None:
        """A field's value as compared (``class`` as its words, ``status`` as its English name)."""
        return None if side is None else field_value(side, name)

    @property
    def total_change(self) -> Range:
        """The measure's counted total after − before."""
        return change_of(counted_total(self.before), counted_total(self.after))

    @property
    def scenarios(self) -> tuple[tuple[str, Range, Range, Range], ...]:
        """What the measure adds to each scenario's period total (:data:`SCENARIOS`): before, after
        and the change."""
        old, new = scenario_totals(self.before), scenario_totals(self.after)
        return tuple((name, old[name], new[name], change_of(old[name], new[name])) for name in SCENARIOS)


def scenario_totals(result: MeasureResult | None) -> dict[str, Range]:
    """What a measure adds to each scenario's period total: its counted total where decided (*Beslutat*),
    its expected effect (*Förväntat*, year by year as :func:`budgetbalans.core.scenarios.scenarios`
    adds it), its counted total (*Planerat*); nothing where it does not count."""
    if result is None or not result.counted:
        return dict.fromkeys(SCENARIOS, EXACT_ZERO)
    measure = result.measure
    return {"decided": result.total if decided_on.decided(measure) else EXACT_ZERO,
            "expected": result.expected_total,
            "planned": result.total}


def counted_effects(result: MeasureResult | None) -> Mapping[int, Range]:
    """What a measure adds to its plan's totals per year: nothing when it is not counted."""
    return {} if result is None or not result.counted else result.effects


def counted_total(result: MeasureResult | None) -> Range:
    return EXACT_ZERO if result is None or not result.counted else result.total


def field_value(result: MeasureResult, name: str) -> str | bool | None:
    measure: Measure = result.measure
    if name == "class":
        return None if result.interval_class is None else str(result.interval_class)
    if name == "status":
        return measure.status.value
    value = getattr(measure, name)
    return value if value is None or isinstance(value, (str, bool)) else str(value)


def _ranges(values: Mapping[int, Range]) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    return {year: (value.low, value.high) for year, value in values.items()}


def _fields(before: MeasureResult, after: MeasureResult) -> tuple[str, ...]:
    changed = []
    for name in MEASURE_FIELDS:
        if name == "effects":
            differs = _ranges(before.effects) != _ranges(after.effects)
        elif name in ("forecast", "outcome"):
            differs = _ranges(getattr(before.measure, name)) != _ranges(getattr(after.measure, name))
        elif name in DECIDED_ON_FIELDS:
            differs = getattr(before.measure, name) != getattr(after.measure, name)
        else:
            differs = field_value(before, name) != field_value(after, name)
        if differs:
            changed.append(name)
    return tuple(changed)


def _effects(before: MeasureResult | None, after: MeasureResult | None) -> dict[int, tuple[Range | None, Range | None]]:
    old, new = counted_effects(before), counted_effects(after)
    return {year: (old.get(year), new.get(year)) for year in sorted(set(old) | set(new))
            if not same(old.get(year), new.get(year))}


def compare_measure(before: MeasureResult | None, after: MeasureResult | None) -> MeasureChange | None:
    """The change of one measure; ``None`` if it is the same on both sides."""
    if before is None:
        return MeasureChange(Change.ADDED, None, after, (), _effects(None, after))
    if after is None:
        return MeasureChange(Change.REMOVED, before, None, (), _effects(before, None))
    fields = _fields(before, after)
    effects = _effects(before, after)
    if not fields and not effects:
        return None
    return MeasureChange(Change.CHANGED, before, after, fields, effects)


@dataclass(frozen=True)
class PlanChange:
    """One plan before and after: ``change`` is added, removed, renamed, changed or unchanged;
    ``fields`` the plan's own fields that changed (:data:`PLAN_FIELDS`); its measures' changes; how many
    of its measures are the same on both sides; and its totals compared."""

    change: Change
    before: PlanResult | None
    after: PlanResult | None
    fields: tuple[str, ...]
    measures: tuple[MeasureChange, ...]
    unchanged: int
    totals: TotalsChange
    scenarios: ScenariosChange | None = None  # where either side uses probability or decision

    @property
    def plan(self) -> Plan:
        found = self.after or self.before
        assert found is not None
        return found.plan

    @property
    def path(self) -> str:
        return self.plan.path

    def count(self, change: Change) -> int:
        return sum(1 for m in self.measures if m.change is change)


def _plan_value(plan: Plan, name: str) -> object:
    value = getattr(plan, name)
    if name == "years":
        return plan.period
    if isinstance(value, Mapping):
        return tuple(sorted(value.items()))
    return value


def compare_plan(before: PlanResult | None, after: PlanResult | None, renamed: bool = False,
                 scenarios: bool = False) -> PlanChange:
    """One plan's change; with ``scenarios`` (either side uses probability or decision), its scenarios too."""
    old = {} if before is None else {m.measure.id: m for m in before.measures}
    new = {} if after is None else {m.measure.id: m for m in after.measures}
    changes = []
    for key in [*old, *(k for k in new if k not in old)]:  # the old order, then what was added
        change = compare_measure(old.get(key), new.get(key))
        if change is not None:
            changes.append(change)
    unchanged = sum(1 for key in old if key in new) - sum(1 for c in changes if c.change is Change.CHANGED)
    fields: tuple[str, ...] = ()
    if before is not None and after is not None:
        fields = tuple(name for name in PLAN_FIELDS if _plan_value(before.plan, name) != _plan_value(after.plan, name))
    totals = compare_totals(None if before is None else before.totals, None if after is None else after.totals)
    kind = (Change.ADDED if before is None else Change.REMOVED if after is None else Change.RENAMED if renamed
            else Change.CHANGED if changes or fields or any(c.changed for c in (*totals.years, totals.period))
            else Change.UNCHANGED)
    compared = compare_scenarios(_plan_scenarios(before), _plan_scenarios(after)) if scenarios else None
    return PlanChange(kind, before, after, fields, tuple(changes), unchanged, totals, compared)


@dataclass(frozen=True)
class PlanDiff:
    """Two sets of plans compared: each side as the core computes it, each plan's change, the totals."""

    before: Summary
    after: Summary
    plans: tuple[PlanChange, ...]
    totals: TotalsChange
    scenarios: ScenariosChange | None = None  # where either side uses probability or decision
    organisation: OrganisationChange | None = None  # where either side has an organisation tree

    @property
    def measures(self) -> list[MeasureChange]:
        return [change for plan in self.plans for change in plan.measures]

    @property
    def unchanged(self) -> int:
        """Measures that are the same on both sides (counted, not listed)."""
        return sum(plan.unchanged for plan in self.plans)

    @property
    def worse(self) -> bool:
        """The shortfall grows in any year: of all plans together, of any one plan (its own target), or of
        any node of the organisation tree."""
        return (self.totals.worse or any(plan.totals.worse for plan in self.plans)
                or (self.organisation is not None and self.organisation.worse))

    @property
    def changed(self) -> bool:
        return any(plan.change is not Change.UNCHANGED for plan in self.plans)


def _identity(plan: Plan) -> tuple[str, str | None]:
    def normal(text: str) -> str:
        return " ".join(text.split()).casefold()

    return normal(plan.title), None if plan.organisation is None else normal(plan.organisation)


def compare(before: Iterable[tuple[str, Plan]], after: Iterable[tuple[str, Plan]],
            trees: tuple[Organisation | None, Organisation | None] = (None, None)) -> PlanDiff:
    """Plans before and after, each with its key (the same plan has the same key on both sides); ``trees``:
    the organisation tree of each side, where it has one (then each side's plans answer for what its tree
    gives them, and the trees' nodes are compared: :attr:`PlanDiff.organisation`)."""
    old, new = list(before), list(after)
    old_summary, new_summary = (_side_summary([plan for _, plan in side], tree) for side, tree in zip((old, new), trees))
    old_results = dict(zip((key for key, _ in old), old_summary.plans))
    new_results = dict(zip((key for key, _ in new), new_summary.plans))
    pairs: list[tuple[PlanResult | None, PlanResult | None, bool]] = []
    only_old = {key: result for key, result in old_results.items() if key not in new_results}
    by_identity: dict[tuple[str, str | None], str] = {}
    for key, result in only_old.items():
        by_identity.setdefault(_identity(result.plan), key)
    renamed: dict[str, str] = {}  # new key -> old key
    for key, result in new_results.items():
        if key not in old_results:
            found = by_identity.pop(_identity(result.plan), None)
            if found is not None:
                renamed[key] = found
    matched_old = set(renamed.values())
    for key, result in new_results.items():
        if key in old_results:
            pairs.append((old_results[key], result, False))
        elif key in renamed:
            pairs.append((old_results[renamed[key]], result, True))
        else:
            pairs.append((None, result, False))
    pairs += [(result, None, False) for key, result in only_old.items() if key not in matched_old]
    used = old_summary.uses.scenarios or new_summary.uses.scenarios
    plans = tuple(compare_plan(b, a, r, used) for b, a, r in pairs)
    scenarios = (compare_scenarios(_summary_scenarios(old_summary), _summary_scenarios(new_summary))
                 if used else None)
    organisation = (None if trees == (None, None) else
                    compare_organisation(*(None if tree is None else roll_up(tree, summary)
                                           for tree, summary in zip(trees, (old_summary, new_summary)))))
    return PlanDiff(old_summary, new_summary, plans, compare_totals(old_summary.totals, new_summary.totals),
                    scenarios, organisation)


def _side_summary(plans: list[Plan], tree: Organisation | None) -> Summary:
    """A side's plans summarized, each answering for what the side's tree gives it where there is one."""
    targets: Mapping[str, Target] | None = None if tree is None else plan_targets(tree, plans)
    return summarize(plans, targets=targets)


# --- the organisation tree: each node before and after ----------------------------------------------


@dataclass(frozen=True)
class NodeChange:
    """One node of the organisation tree before and after (``None`` on a side whose tree lacks it), its
    totals compared as a plan's are (:func:`compare_totals`: each year and the period, with its verdicts).
    ``depth`` as in the tree it is shown from (the new one, else the old)."""

    organisation: str
    depth: int
    before: NodeResult | None
    after: NodeResult | None
    totals: TotalsChange

    @property
    def verdict(self) -> Verdict:
        """The node's verdict: the first (:class:`Verdict`'s order: worse first) of those of the years (or
        the period) it is judged by (:attr:`TotalsChange.judged`)."""
        return min((c.verdict for c in self.totals.judged), key=list(Verdict).index, default=Verdict.STEADY)

    @property
    def decisive(self) -> Comparison | None:
        """The year (or the period) that gives the node its verdict, among those with a target to judge by (a
        node with a target for the period only is judged by the period, not by its years); ``None`` where
        nothing is judged."""
        judged = [c for c in self.totals.judged if c.kind_before is not None or c.kind_after is not None]
        return next((c for c in judged if c.verdict is self.verdict), None)

    @property
    def made_short(self) -> bool:
        """The change makes the node short: it newly falls short, or what it still has to save grows, in a
        year (or the period) it is judged by."""
        return self.totals.worse


@dataclass(frozen=True)
class OrganisationChange:
    """Every node of either side's tree, in the new tree's order, then those only the old tree has."""

    nodes: tuple[NodeChange, ...]

    @property
    def made_short(self) -> tuple[NodeChange, ...]:
        """The nodes the change makes short (:attr:`NodeChange.made_short`), in tree order."""
        return tuple(node for node in self.nodes if node.made_short)

    @property
    def worse(self) -> bool:
        return bool(self.made_short)


def compare_organisation(before: Rollup | None, after: Rollup | None) -> OrganisationChange:
    """Each node of the two roll-ups by its name; a node on one side only is compared with nothing (no target)."""
    old = {} if before is None else {node.organisation: node for node in before.nodes()}
    new = [] if after is None else list(after.nodes())
    names = {node.organisation for node in new}
    changes = [_node_change(old.get(node.organisation), node, node) for node in new]
    changes += [_node_change(node, None, node) for name, node in old.items() if name not in names]
    return OrganisationChange(tuple(changes))


def _node_change(before: NodeResult | None, after: NodeResult | None, shown: NodeResult) -> NodeChange:
    return NodeChange(shown.organisation, shown.depth, before, after,
                      compare_totals(None if before is None else before.totals, None if after is None else after.totals))

