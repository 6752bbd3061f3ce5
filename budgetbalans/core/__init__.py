"""The pure calculation: totals, the gap, follow-up, grouping, diff and check verdicts; no files, no clock."""
