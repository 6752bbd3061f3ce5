"""How the builders word figures under a report's :class:`~budgetbalans.report.options.View`: the
plans' names, the gap verdicts as (label, value) from the core's kinds (chosen by kind, never by comparing their
words), whether any shown amount is rounded, and the reconciliation warnings, all as plain strings.
Imports no library and no writer.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import PurePath
from typing import Callable, Iterable

from budgetbalans.core.checks import STATED_KEY_MEASURE
from budgetbalans.core.gap import Gap, GapKind
from budgetbalans.core.summary import Reconciliation, Summary, Totals
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.plan import notation
from budgetbalans.report.builders.labels import label
from budgetbalans.report.options import View


def with_decimals(view: View, amounts: Iterable[Decimal | None]) -> View:
    """``view`` with the one number of decimals its report shows ``amounts`` (every amount it shows)
    with (:func:`~budgetbalans.plan.notation.decimals_for`)."""
    return replace(view, decimals=notation.decimals_for(amounts, view.unit))


def shown_paths(paths: Iterable[str]) -> dict[str, str]:
    """Each plan's path as a report shows it: its file name, without the local folder.

    Two plans of the same file name in different folders keep as many of their last folders
    as it takes to tell them apart (``2025/vard.yaml``, ``2026/vard.yaml``); never more.
    """
    unique = list(dict.fromkeys(paths))
    shown: dict[str, str] = {}
    for depth in range(1, 1 + max((len(PurePath(p).parts) for p in unique), default=1)):
        tails = {p: "/".join(PurePath(p).parts[-depth:]) for p in unique if p not in shown}
        counts: dict[str, int] = {}
        for tail in tails.values():
            counts[tail] = counts.get(tail, 0) + 1
        shown.update({p: tail for p, tail in tails.items() if counts[tail] == 1 or depth == len(PurePath(p).parts)})
    return {p: notation.file_name(shown.get(p, PurePath(p).name).lstrip("/")) for p in unique}


def gap_text(gap: Range, kind: GapKind, view: View, unit: str = "") -> tuple[str, str]:
    """(label, value) of a gap of the core's ``kind``: a shortfall and a surplus never share a label.

    A surplus is shown as a positive amount (a gap of exactly 0 as a surplus of 0: nothing is missing).
    An uncertain gap is a phrase from one end to the other that reads on from its label ("Osäkert:
    från 200 överskott till 1 200 kvar att spara"), an unbounded end in words. ``unit`` follows
    every amount.
    """
    suffix = f" {unit}" if unit else ""
    if kind is GapKind.SHORT:
        return label("remaining", view.lang), view.span(gap) + suffix
    if kind is GapKind.SURPLUS:
        return label("surplus", view.lang), view.span(-gap) + suffix
    surplus = None if gap.low is None else view.amount(-gap.low) + suffix
    remaining = None if gap.high is None else view.amount(gap.high) + suffix
    key = ("uncertain_value" if surplus and remaining else "uncertain_no_surplus_bound" if remaining
           else "uncertain_no_remaining_bound" if surplus else "uncertain_unbounded")
    return label("uncertain", view.lang), label(key, view.lang, surplus=surplus, remaining=remaining)


def verdict_words(name: str, value: str, kind: GapKind) -> str:
    """A gap's label and value as one phrase in a sentence or a cell: ``överskott 300``, ``osäkert: från
    300 överskott till 1 200 kvar att spara``."""
    return f"{name.lower()}: {value}" if kind is GapKind.UNCERTAIN else f"{name.lower()} {value}"


def gap_words(gap: Range, kind: GapKind, view: View) -> str:
    """A gap of the core's ``kind`` as one phrase in a cell: ``kvar att spara 850``, ``osäkert: från …``."""
    return verdict_words(*gap_text(gap, kind, view), kind)


def period_verdict(gap: Gap, view: View, unit: str = "") -> tuple[str, str]:
    """(label, value) of the period's verdict (its tone is the core's :attr:`Gap.kind`).

    Over per-year targets or plans read together, where a year or a plan falls short (or may):
    *Kvar att spara* with the shortfall (the years' or the plans' own shortfalls added up) and the
    years it falls in ("1 200 (2025)"); the net is :func:`net_text`. Otherwise the period's gap, as :func:`gap_text`. ``unit`` is
    appended to an amount.
    """
    suffix = f" {unit}" if unit else ""
    if gap.shortfall_decides:
        years = ", ".join(map(str, gap.shortfall_years))
        return label("remaining", view.lang), f"{view.span(gap.shortfall)}{suffix}" + (f" ({years})" if years else "")
    return gap_text(gap.total, gap.net_kind, view, unit)


def verdict_kind(gap: Gap) -> GapKind:
    """The kind whose label names the period's verdict (:func:`period_verdict`): still to save where
    the shortfall decides, else the net gap's kind."""
    return GapKind.SHORT if gap.shortfall_decides else gap.net_kind


def net_text(gap: Gap, view: View, unit: str = "") -> str:
    """The net gap of the period in words: ``överskott 300`` (a surplus one year set against another's shortfall)."""
    return verdict_words(*gap_text(gap.total, gap.net_kind, view, unit), gap.net_kind)


def year_gap(gap: Gap, year: int, view: View, row_kind: GapKind | None = None) -> tuple[str, GapKind]:
    """A year's gap in a row whose label names ``row_kind`` (the period's :func:`verdict_kind`): a year
    of that kind is its value alone, a year of another kind (or in a row without one) names its own."""
    assert gap.years is not None and gap.year_kinds is not None
    kind = gap.year_kinds[year]
    name, value = gap_text(gap.year_shown(year), kind, view)
    return (value if kind is row_kind else verdict_words(name, value, kind)), kind


def signed(value: Range, view: View, *, bound_by_bound: bool = False) -> str:
    """A change or a deviation, each end with its sign: ``+100``, ``-400``, ``0``; an unbounded end
    ``obegränsat``. Two ends are one figure where they print the same, else a range, ``+100 till +300``
    (a diff's change). ``bound_by_bound`` (a follow-up's deviation): low / high, ``-100 / +200``, wherever
    the two differ, even by less than a shown digit: forecast − planned bound by bound need not be in
    order, so it is never read as a range."""
    def one(end: Decimal | None) -> str:
        if end is None:
            return label("unbounded", view.lang)
        return ("+" if end > 0 else "") + view.amount(end)

    low, high = one(value.low), one(value.high)
    if bound_by_bound:
        return low if value.low == value.high else f"{low} / {high}"
    return low if low == high else f"{low} {label('to', view.lang)} {high}"


def totals_amounts(totals: Totals) -> list[Decimal | None]:
    """Every amount a report shows of ``totals``: per year and the period, the possible effect, the
    target and the gaps (net and shortfall), and where the plans use the optional keys each scenario's
    figures, the one-off part and the lasting level."""
    ranges = [*totals.per_year.values(), totals.total, totals.potential]
    values: list[Decimal | None] = []
    if totals.target is not None:
        values += [totals.target.total, *(totals.target.years or {}).values()]
    if totals.gap is not None:
        ranges += [totals.gap.total, totals.gap.shortfall, *(totals.gap.years or {}).values()]
    for _, scenario in totals.scenarios.items() if totals.scenarios is not None else ():
        ranges += [*scenario.per_year.values(), scenario.total]
        if scenario.gap is not None:
            ranges += [scenario.gap.total, scenario.gap.shortfall, *(scenario.gap.years or {}).values()]
    ranges += [*(totals.one_off or {}).values(), *([totals.lasting] if totals.lasting is not None else [])]
    return values + [end for value in ranges for end in (value.low, value.high)]


def summary_amounts(summary: Summary) -> list[Decimal | None]:
    """Every amount a report of ``summary`` shows: each measure's effects and total, the totals, targets
    and gaps of each plan and of all together, and the stated totals that do not add up."""
    values: list[Decimal | None] = [end for m in summary.measures for value in (*m.effects.values(), m.total)
                                    for end in (value.low, value.high)]
    for m in summary.measures:
        if m.measure.probability is not None:  # the expected effect its row shows
            values += [m.expected_total.low, m.expected_total.high]
    for totals in (summary.totals, *(plan.totals for plan in summary.plans)):
        values += totals_amounts(totals)
    for item in summary.mismatches:
        values += [item.stated, item.computed.low, item.computed.high, item.difference]
    return values


def shows_rounded(summary: Summary, unit: Unit, decimals: int | None = None) -> bool:
    """Whether a report of ``summary`` in ``unit`` shows any amount rounded (then it says so, in the
    note "rounded_note"): a measure's effect, a total, a target or a gap that the report's
    ``decimals`` do not hold exactly. The totals are always rounded from the exact sums, never
    summed rounded."""
    return any(not notation.shown_exactly(value, unit, decimals) for value in set(summary_amounts(summary))
               if value is not None)


def mismatch_texts(items: Iterable[Reconciliation], unit: Unit, lang: Lang,
                   path: Callable[[str], str] = notation.file_name, decimals: int | None = None) -> list[str]:
    """A warning per stated total that the rows do not add up to: both figures and the difference.
    Without the word "Varning": each writer shows a warning as its format does (``Note.warning``)."""
    lines = []
    for item in items:
        what = (label("stated_what_measure", lang, id=notation.clean(item.measure_id)) if item.measure_id
                else label("stated_what_total", lang) if item.key == "total"
                else label("stated_what_year", lang, year=item.key))
        difference = item.difference
        text = label("stated_mismatch", lang, plan=path(item.plan_path), what=what,
                     stated=notation.amount_with_unit(item.stated, unit, decimals),
                     computed=f"{notation.span(item.computed, unit, decimals)} {unit.value}",
                     difference="–" if difference is None else notation.amount_with_unit(difference, unit, decimals))
        known = label("known", lang) if item.accepted else label(
            "stated_way_out", lang,
            remove="stated_totals" if item.measure_id is None else STATED_KEY_MEASURE.text(lang))
        lines.append(f"{text}{known}")
    return lines
