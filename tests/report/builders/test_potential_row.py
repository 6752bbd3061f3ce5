"""The row "Möjlig effekt, ej medräknad" is there whenever the possible effects add up to anything but an exact
zero: also a range that reaches zero from below (-1–0, found by the agreement property test), which the JSON
reports as the plans' ``potential``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.command import invoke

PLAN = """\
title: Plan 1
unit: kr
years: [2024]
measures:
  - id: "1"
    title: Insats nummer 1
    status: planerad
    potential: true
    effects:
      2024: {effect}
"""


@pytest.mark.parametrize(("effect", "shown"), [("{low: -1, high: 0}", "-1–0"), ("{low: 0, high: 5}", "0–5"),
                                               ("-3", "-3"), ("0", None)])
def test_the_possible_effect_row(tmp_path: Path, effect: str, shown: str | None) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN.format(effect=effect), encoding="utf-8")
    code, out, err = invoke("summarize", str(path), "--format", "markdown")
    assert code == 0, err
    rows = [line for line in out.splitlines() if "Möjlig effekt, ej medräknad" in line]
    assert rows == ([] if shown is None else [f"|  | *Möjlig effekt, ej medräknad* |  |  |  | *{shown}* |  |"])
    code, out, _ = invoke("summarize", str(path), "--format", "json")
    potential = json.loads(out)["potential"]
    assert (potential["low"], potential["high"]) != (0, 0) or shown is None
