"""core.history by hand: which versions are reports, the year's reports, errors of ranges and the mean to öre."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from budgetbalans.core.history import (
    Report, Version, absolute, follow_up_history, in_year, reports_of,
)
from budgetbalans.plan.money import Range
from tests.models import make_plan


def _plan(as_of: str | None, title: str = "Plan", **measure: Any) -> Any:
    data: dict[str, Any] = {"years": [2025], "target": 300,
                            "measures": [{"id": "1", "title": "A", "effects": {2025: 200}, **measure},
                                         {"id": "2", "title": "B", "effects": {2025: 100}}]}
    if as_of is not None:
        data["as_of"] = as_of
    return make_plan(path="p.yaml", title=title, **data)


def test_a_report_is_a_version_whose_as_of_changed() -> None:
    versions = [Version("a", _plan(None)), Version("b", _plan("2025-04-30")),
                Version("c", _plan("2025-04-30", "Ny titel")), Version("d", _plan("2025-08-31"))]
    assert [(r.commit, r.as_of) for r in reports_of(versions)] == [
        ("b", date(2025, 4, 30)), ("d", date(2025, 8, 31))]


def test_a_bokslut_dated_after_the_year_with_its_outcome_belongs_to_it() -> None:
    t2 = Report(date(2025, 8, 31), "a", _plan("2025-08-31"))
    bokslut = Report(date(2026, 2, 10), "b", _plan("2026-02-10", outcome={2025: 180}))
    later = Report(date(2026, 4, 30), "c", _plan("2026-04-30"))
    assert in_year([t2, bokslut, later], 2025) == [t2, bokslut]


def test_the_absolute_value_of_a_range() -> None:
    assert absolute(Range(Decimal(-50), Decimal(20))) == Range(Decimal(0), Decimal(50))
    assert absolute(Range(Decimal(-50), Decimal(-20))) == Range(Decimal(20), Decimal(50))
    assert absolute(Range(Decimal(-5), None)) == Range(Decimal(0), None)


def test_a_range_forecast_and_the_mean_to_whole_ore() -> None:
    versions = {"p.yaml": [Version("a", _plan("2025-04-30", forecast={2025: "150-210"})),
                           Version("b", _plan("2025-12-31", forecast={2025: 190}, outcome={2025: 190}))]}
    result = follow_up_history(versions, None)
    assert result is not None and result.year == 2025
    (plan,) = result.plans
    first, last = plan.reports
    # measure 1: error (150 − 190, 210 − 190) = (−40 000, +20 000) kr; measure 2 has no outcome: not counted
    assert first.error == Range(Decimal(-40_000), Decimal(20_000)) and first.errors == 1
    # |error| from 0 to 40 000; the mean over one measure is itself
    assert first.mean_absolute_error == Range(Decimal("0.00"), Decimal("40000.00"))
    # the change: 190 − 150 = +40, 190 − 210 = −20 (bound by bound), in kronor
    assert last.change == Range(Decimal(40_000), Decimal(-20_000))
    # gap: 300 − (150-210 + 100) = 300 − 250..310: low −10 000 (target − high), high 50 000
    assert first.forecast_gap == Range(Decimal(-10_000), Decimal(50_000))
    assert plan.year_end == date(2025, 12, 31)


def test_no_report_is_none() -> None:
    assert follow_up_history({"p.yaml": [Version("a", _plan(None))]}, None) is None
