"""The contract's example of an organisation tree, for the tests that use it: Salems kommun 13,6 mkr in 2025,
barn- och utbildningsnämnden 7,1 (förskolan 3 of it), socialnämnden 4,6; 1,9 mkr not allocated."""

from __future__ import annotations

#: As the data the model validates (amounts with their unit).
SALEM: dict[str, object] = {"organisation": "Salems kommun", "target": {2025: "13,6 mkr"}, "parts": [
    {"organisation": "Barn- och utbildningsnämnden", "target": {2025: "7,1 mkr"},
     "parts": [{"organisation": "Förskolan", "target": {2025: "3 mkr"}}]},
    {"organisation": "Socialnämnden", "target": {2025: "4,6 mkr"}}]}

#: As a budgetbalans.yaml in mkr (a decimal comma inside {…} in quotes, as in a plan).
SALEM_YAML = """\
organisation: Salems kommun
unit: mkr
target: {2025: "13,6"}
parts:
  - organisation: Barn- och utbildningsnämnden
    target: {2025: "7,1"}
    parts:
      - organisation: Förskolan
        target: {2025: 3}
  - organisation: Socialnämnden
    target: {2025: "4,6"}
"""
