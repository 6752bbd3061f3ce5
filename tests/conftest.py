"""Fixtures for every test (a plan file written into ``tmp_path``) and hypothesis's settings.

Helpers that tests import are modules of their own, never this file: ``tests.models`` (plans
from plain data), ``tests.command`` (the command line in process), ``tests.clients`` (LibreOffice,
Chromium), ``tests.paths`` (where the repository is).
"""

from __future__ import annotations

from pathlib import Path
from typing import Union

import pytest
from hypothesis import HealthCheck, settings

from tests import fast_loop
from tests.models import WritePlan


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


# No test may pass or fail with the machine's speed: no hypothesis deadline and no "data generation
# is too slow" health check, for every @given, also one without settings of its own.
settings.register_profile("budgetbalans", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("budgetbalans")


def pytest_configure(config: pytest.Config) -> None:
    """``-m "not clients"`` is the fast loop (tests/fast_loop.py): fewer examples, a sample of widths."""
    fast_loop.FAST = "not clients" in (config.getoption("markexpr") or "")
    if fast_loop.FAST:
        settings.register_profile("budgetbalans-fast", settings.get_profile("budgetbalans"),
                                  max_examples=fast_loop.examples(settings.default.max_examples))
        settings.load_profile("budgetbalans-fast")
