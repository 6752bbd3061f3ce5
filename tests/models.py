"""Plans and measures for the tests, validated from plain data without a file (the loader's own tests
write files: the ``write_plan`` fixture of conftest.py, typed :data:`WritePlan`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from budgetbalans.plan.models import Measure, Plan
from budgetbalans.plan.money import Unit

#: The type of the ``write_plan`` fixture: (text or bytes, name="plan.yaml") → the file's path.
WritePlan = Callable[..., Path]


def make_measure(unit: Unit = Unit.TKR, **fields: Any) -> Measure:
    """A validated measure; ``id`` and ``title`` default to "1" and "Åtgärd"."""
    data = {"id": "1", "title": "Åtgärd", **fields}
    return Measure.model_validate(data, context={"unit": unit})


def make_plan(unit: Unit = Unit.TKR, path: str = "", **fields: Any) -> Plan:
    """A validated plan; ``title`` defaults to "Plan". Plain numbers are in ``unit``."""
    data = {"title": "Plan", "unit": unit.value, **fields}
    plan = Plan.model_validate(data, context={"unit": unit})
    return plan.at(path) if path else plan
