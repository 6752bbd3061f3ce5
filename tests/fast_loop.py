"""The fast loop: under ``pytest -m "not clients"`` the exhaustive sweeps check a sample; CI runs them whole.

conftest.py sets :data:`FAST` before any test module is imported, from the marker expression:
``-m "not clients"`` asks for the loop a developer runs while working (hypothesis draws a fifth
of its examples, the terminal's layout is checked at a sample of its widths); the whole suite (no
``-m``), as CI runs it, draws every example and checks every width.
"""

from __future__ import annotations

from typing import Sequence

FAST = False


def examples(whole: int) -> int:
    """How many examples hypothesis draws where the whole suite draws ``whole``."""
    return max(whole // 5, 5) if FAST else whole


def widths(every: Sequence[int], step: int = 8) -> Sequence[int]:
    """The terminal widths to check: each of ``every``, or every ``step``-th and the widest in the fast loop."""
    return sorted({*every[::step], every[-1]}) if FAST else every
