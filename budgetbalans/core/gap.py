"""The gap: the sparbeting against what the measures add up to, its verdict (GapKind) and what is still to save.

A gap is target − total, a :class:`~budgetbalans.plan.money.Range` of exact kronor, per year too. Its
verdict is decided here once (:func:`gap_kind`, :attr:`Gap.kind`), and so is what is still to save
(:attr:`Gap.shortfall`): a surplus of one year, or of one plan, never covers another's shortfall.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import Mapping

from budgetbalans.plan.money import EXACT_ZERO, ZERO, Range, total


@dataclass(frozen=True)
class Target:
    """The sparbeting: for the whole period, and per year where the plan gives it per year."""

    total: Decimal
    years: Mapping[int, Decimal] | None = None


class GapKind(str, Enum):
    """The verdict on a gap (target − total), decided only by :func:`gap_kind`.

    ``SHORT``: something is surely still to save, the whole range is above zero.
    ``SURPLUS``: the target is surely covered, the whole range is at or below zero; a gap of
    exactly 0 is covered (nothing is missing), and is shown as a surplus of 0.
    ``UNCERTAIN``: it may be either, the range straddles zero (or touches it from above, as
    0–100, or is unbounded below while its high is above zero).
    """

    SHORT = "short"
    SURPLUS = "surplus"
    UNCERTAIN = "uncertain"


def gap_kind(gap: Range | None) -> GapKind | None:
    """The kind of a gap; ``None`` where there is no gap (no target).

    An unbounded end is infinite: a gap from 500 to unbounded is surely short (at least 500 is
    missing), one from unbounded up to 500 is uncertain, one from unbounded up to −500 is a surplus.
    """
    return None if gap is None else _kind_of(gap)


def _kind_of(gap: Range) -> GapKind:
    if gap.low is not None and gap.low > 0:
        return GapKind.SHORT
    if gap.high is not None and gap.high <= 0:
        return GapKind.SURPLUS
    return GapKind.UNCERTAIN


def positive_part(gap: Range) -> Range:
    """What of a gap is missing, bound by bound: max(gap, 0); an unbounded high stays unbounded."""
    low = ZERO if gap.low is None or gap.low < 0 else gap.low
    high = None if gap.high is None else max(gap.high, ZERO)
    return Range(low, high)


@dataclass(frozen=True)
class Gap:
    """target − total; positive is still missing, negative is a surplus. Ranges, per year too.

    ``total`` is the net gap of the period. With a per-year target a surplus one year does not
    cover a shortfall another year: the period's :attr:`shortfall` is the sum of the years'
    positive gaps, and the period's :attr:`kind` is the kind of that shortfall. Plans read
    together (``parts``: each plan's own gap) answer each for its own balance in the same way:
    the shortfall is the sum of the plans' shortfalls, and one plan's surplus covers nothing of
    another's.
    """

    total: Range
    years: Mapping[int, Range] | None = None
    parts: tuple[Gap, ...] = ()

    @cached_property
    def shortfall(self) -> Range:
        """Still to save over the period: the plans' shortfalls added up; per year, the sum of the
        years' positive gaps; else the positive part of the period's gap. Never below zero;
        unbounded if any part is."""
        if self.parts:
            return total(part.shortfall for part in self.parts)
        if self.years is None:
            return positive_part(self.total)
        return total(positive_part(value) for value in self.years.values())

    def year_shortfall(self, year: int) -> Range:
        """Still to save in ``year`` (per-year targets only): the plans' shortfalls that year added up,
        or the positive part of the year's gap; nothing in a year a plan does not report."""
        if self.parts:
            return total(part.year_shortfall(year) for part in self.parts)
        return positive_part(self.years[year]) if self.years is not None and year in self.years else EXACT_ZERO

    @property
    def kind(self) -> GapKind:
        """The period's verdict: short if a year or a plan (or the period) surely falls short, a
        surplus if none can, else uncertain. For a single plan without per-year targets, the kind of
        the net gap."""
        return _kind_of(self.shortfall)

    @property
    def net_kind(self) -> GapKind:
        """The kind of the net gap (:attr:`total`): a surplus of one year or plan set against another's shortfall."""
        return _kind_of(self.total)

    @property
    def year_kinds(self) -> dict[int, GapKind] | None:
        """Each year's kind, where the target is per year (over plans read together: the kind of the
        year's shortfall, so that one plan's surplus never hides another's shortfall)."""
        if self.years is None:
            return None
        if self.parts:
            return {year: _kind_of(self.year_shortfall(year)) for year in self.years}
        return {year: _kind_of(value) for year, value in self.years.items()}

    def year_shown(self, year: int) -> Range:
        """The figure a report shows for ``year``'s gap under its kind: the year's gap, except where
        plans read together fall short (or may): then what is still to save that year, never a net."""
        assert self.years is not None
        if self.parts:
            shortfall = self.year_shortfall(year)
            if _kind_of(shortfall) is not GapKind.SURPLUS:
                return shortfall
        return self.years[year]

    @property
    def shown(self) -> Range:
        """The period's figure a report shows under its verdict (:attr:`kind`): the shortfall where it
        decides (:attr:`shortfall_decides`), else the gap."""
        return self.shortfall if self.shortfall_decides else self.total

    @property
    def shortfall_decides(self) -> bool:
        """Whether the period's verdict is the shortfall and the net is not a verdict: over per-year
        targets or plans read together, where a year or a plan falls short (or may)."""
        return (self.years is not None or bool(self.parts)) and self.kind is not GapKind.SURPLUS

    @property
    def net_says_more(self) -> bool:
        """Whether, where the shortfall decides, the net gap says something the shortfall does not (a
        surplus of another year or plan set against it, or a range that may end in a surplus): then
        reports show the net on a row of its own. A single year short by an exact amount has nothing
        to add."""
        return self.shortfall_decides and self.total != self.shortfall

    @property
    def shortfall_years(self) -> tuple[int, ...]:
        """The years that fall short or may (not surely covered); empty without per-year targets."""
        kinds = self.year_kinds or {}
        return tuple(year for year, kind in kinds.items() if kind is not GapKind.SURPLUS)


Coverage = tuple[Decimal | None, Decimal | None]


def coverage(achieved: Range, target: Decimal) -> Coverage | None:
    """achieved / target as fractions (low, high); ``None`` unless the target is positive."""
    if target <= 0:
        return None
    return (None if achieved.low is None else achieved.low / target,
            None if achieved.high is None else achieved.high / target)


def gap(target: Target | None, period_total: Range, per_year: Mapping[int, Range]) -> Gap | None:
    """target − total, per year where the target is per year. Years without one have target 0."""
    if target is None:
        return None
    years = None
    if target.years is not None:
        years = {year: Range.exact(target.years.get(year, ZERO)) - value for year, value in per_year.items()}
    return Gap(Range.exact(target.total) - period_total, years)
