"""The terminal table, Markdown and CSV of summarize, gap and follow-up carry the numbers and verdicts
of the JSON, for generated plans (how each is read: :mod:`tests.report.agreement.reading`)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, note, settings

from tests.clients import read_csv
from tests.fast_loop import examples
from tests.report.agreement.plans import (
    PlanSpec, as_json, command, invoke, plan_sets, with_fixed_examples, write_plans,
)
from tests.report.agreement.reading import (
    Table, check_csv, check_follow_up_numbers, check_follow_up_table, check_gap_table, check_summarize,
    csv_read, follow_up_json, follow_up_table, gap_table, markdown_tables, terminal_tables,
)


# --- the text formats: terminal table, Markdown, CSV -------------------------------------------

TEXT_FORMATS = ["table", "markdown", "csv"]


def read_tables(fmt: str, data: bytes) -> list[Table]:
    text = data.decode("utf-8")
    return terminal_tables(text) if fmt == "table" else markdown_tables(text)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=examples(20))
@given(plan_set=plan_sets())
@with_fixed_examples
def test_summarize_agrees_with_json(fmt: str, plan_set: list[PlanSpec]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        args = command("summarize", plan_set, write_plans(plan_set, Path(folder)))
        document = as_json(args)
        data = invoke(*args, "--format", fmt)
    note(data.decode("utf-8-sig"))
    if fmt == "csv":
        check_csv(data, document, every_plan=True)
    else:
        check_summarize(read_tables(fmt, data), document)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=examples(20))
@given(plan_set=plan_sets())
@with_fixed_examples
def test_gap_agrees_with_json(fmt: str, plan_set: list[PlanSpec]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        args = command("gap", plan_set, write_plans(plan_set, Path(folder)))
        document = as_json(args)
        data = invoke(*args, "--format", fmt)
    note(data.decode("utf-8-sig"))
    if fmt == "csv":
        check_csv(data, document, every_plan=False)
    else:
        check_gap_table(gap_table(read_tables(fmt, data)), document, document["plans"][0]["unit"])


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
@settings(max_examples=examples(20))
@given(plan_set=plan_sets())
@with_fixed_examples
def test_follow_up_agrees_with_json(fmt: str, plan_set: list[PlanSpec]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        args = command("follow-up", plan_set, write_plans(plan_set, Path(folder)))
        document = follow_up_json(args, plan_set)
        data = invoke(*args, "--format", fmt)
    note(data.decode("utf-8-sig"))
    if fmt == "csv":
        rows = read_csv(data)
        check_follow_up_numbers(rows[0], rows[1:], csv_read, document, "csv follow-up")
    else:
        check_follow_up_table(follow_up_table(read_tables(fmt, data)), document)
