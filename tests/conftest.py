"""Shared helpers: plan snippets written into ``tmp_path``, models built from plain data."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Union

import pytest

from budgetbalans.plan.models import Measure, Plan
from budgetbalans.plan.money import Unit

WritePlan = Callable[..., Path]


@pytest.fixture
def write_plan(tmp_path: Path) -> WritePlan:
    """Write a plan file (text as UTF-8, or raw bytes) into ``tmp_path`` and return its path."""

    def write(content: Union[str, bytes], name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write


def make_measure(unit: Unit = Unit.TKR, **fields: Any) -> Measure:
    """A validated measure; ``id`` and ``title`` default to "1" and "Åtgärd"."""
    data = {"id": "1", "title": "Åtgärd", **fields}
    return Measure.model_validate(data, context={"unit": unit})


def make_plan(unit: Unit = Unit.TKR, path: str = "", **fields: Any) -> Plan:
    """A validated plan; ``title`` defaults to "Plan". Plain numbers are in ``unit``."""
    data = {"title": "Plan", "unit": unit.value, **fields}
    plan = Plan.model_validate(data, context={"unit": unit})
    return plan.at(path) if path else plan


# No test may pass or fail with the machine's speed: no hypothesis deadline and no "data generation
# is too slow" health check, for every @given, also one without settings of its own.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("budgetbalans", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("budgetbalans")
