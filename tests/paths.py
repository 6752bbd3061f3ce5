"""Where the tests find the repository's files: its root, the examples and the plans."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEST_PLANS = ROOT / "tests" / "plans"
