"""The HTML pages, as Chromium builds them, carry the numbers and verdicts of the JSON, for generated
plans (how each is read: :mod:`tests.report.agreement.reading`)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.clients import CHROMIUM, run_chromium
from tests.report.agreement.plans import (
    FIXED, PlanSpec, as_json, command, invoke, plan_sets, write_plans,
)
from tests.report.agreement.reading import (
    NET, Page, ROW_KIND, SHORT, SURPLUS, TONE, Table, check_deviation_text, check_follow_up_table,
    check_gap_table, check_summarize, falls_short, follow_up_table, forecast_shown, gap_table, heading,
    html_pages, kind_of, kronor, normal, rng, short_years, span, verdict,
)


pytestmark = pytest.mark.clients

# --- HTML, as Chromium builds the page ---------------------------------------------------------


def dom(pages: dict[str, Path], folder: Path) -> dict[str, Page]:
    """The pages as Chromium builds them, in one run: their bodies side by side in one document."""
    bodies = []
    for key, page in pages.items():
        body = re.search(r"<body[^>]*>(.*)</body>", page.read_text(encoding="utf-8"), re.S)
        assert body, f"{page.name}: no <body>"
        bodies.append(f'<div class="report-batch" id="{key}">{body.group(1)}</div>')
    batch = folder / "batch.html"
    batch.write_text('<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>batch</title></head><body>'
                     + "".join(bodies) + "</body></html>", encoding="utf-8")
    ran = run_chromium(["--dump-dom", batch.as_uri()], folder)
    assert "</table>" in ran.stdout, ran.stderr[-2000:]
    read = html_pages(ran.stdout)
    assert sorted(read) == sorted(pages), (sorted(read), sorted(pages))
    return read


def tables_of(page: Page) -> list[Table]:
    return [table for _, _, tables in page.sections for table in tables]


Expectation = dict[str, Any]


def check_figures(page: Page, expect: Callable[[str], Expectation | None], unit: str) -> None:
    """The key figures of each section: the amounts of the JSON, and the verdict under its kind's
    name and class (a surplus only in green, nothing else in green); the net in no verdict's colour."""
    checked = 0
    for title, figures, _ in page.sections:
        expected = expect(title)
        for figure in figures:
            value = normal(figure.value)
            value = re.sub(rf" {unit}(?= |$)", "", value)  # after each amount: "från 700 tkr överskott till …"
            tone = figure.classes & set(TONE.values())
            name = figure.name.removeprefix("Prognos: ")
            name = name[:1].upper() + name[1:]
            if name in ROW_KIND:
                shown = verdict(value, ROW_KIND[name])
                assert ("surplus" in tone) == (shown.kind == SURPLUS) and tone, f"{title}: figure {figure}"
                if expected is not None:
                    kind, gap, years = expected["verdict"]
                    assert (shown.gap, shown.years) == (gap, years), f"{title}: figure {figure}, not {gap} {years}"
                    assert tone == {TONE[kind]}, f"{title}: figure {figure} for a {kind} gap"
                    # where the shortfall decides (per-year targets, plans read together) it is named "Kvar att
                    # spara" whatever its kind: from 0 to 200 still to save is uncertain, in its colour
                    assert shown.kind == kind or ((years or expected.get("shortfall")) and shown.kind == SHORT), (
                        f"{title}: {figure} is {kind}")
                    checked += 1
            elif figure.name == NET:
                assert not tone, f"{title}: the net figure in a verdict's colour: {figure}"
                if expected is not None:
                    shown = verdict(value, None)
                    assert shown.worded and (shown.kind, shown.gap) == (kind_of(expected["net"]), expected["net"]), (
                        f"{title}: figure {figure}")
            elif expected is not None and figure.name in expected and expected[figure.name] is not None:
                assert span(value) == expected[figure.name], f"{title}: figure {figure}"
                checked += 1
    assert checked, "no key figure was checked"


def figures_expected(figures: dict[str, Any], unit: str) -> Expectation:
    """What the key figures of summarize or gap show: Sparbeting, Summa åtgärder, the verdict."""
    target = kronor(figures["target"], unit)
    if figures["target"] is None:
        found = None
    elif falls_short(figures):
        found = figures["gap_kind"], rng(figures["shortfall"], unit), short_years(figures)
    else:
        found = figures["gap_kind"], rng(figures["gap"], unit), None
    return {"verdict": found, "shortfall": figures["target"] is not None and falls_short(figures),
            "net": rng(figures["gap"], unit) if figures["gap"] else None,
            "Sparbeting": None if target is None else (target, target), "Summa åtgärder": rng(figures["total"], unit)}


def in_section(expectations: dict[str, Expectation]) -> Callable[[str], Expectation | None]:
    def expect(title: str) -> Expectation | None:
        found = [e for key, e in expectations.items() if title == key or title.startswith(f"{key} ")]
        return found[0] if found else None
    return expect


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@settings(max_examples=3)
@given(plan_set_list=st.lists(plan_sets(), min_size=2, max_size=3))
@example(plan_set_list=FIXED)
def test_html_agrees_with_json(plan_set_list: list[list[PlanSpec]]) -> None:
    """summarize, gap and follow-up of several plan sets, rendered by Chromium in one run."""
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        files, documents = {}, {}
        for n, plan_set in enumerate(plan_set_list):
            paths = write_plans(plan_set, folder / f"set{n}")
            for which in ("summarize", "gap", "follow-up"):
                args = command(which, plan_set, paths)
                files[f"{which}-{n}"] = folder / f"{which}-{n}.html"
                invoke(*args, "--format", "html", "-o", str(files[f"{which}-{n}"]))
                documents[f"{which}-{n}"] = as_json(args)
        pages = dom(files, folder)

        for n, plan_set in enumerate(plan_set_list):
            unit = plan_set[0].unit
            document, page = documents[f"summarize-{n}"], pages[f"summarize-{n}"]
            check_summarize(tables_of(page), document, html=True)
            expectations = {heading(plan): figures_expected(plan, unit) for plan in document["plans"]}
            expectations["Alla planer" if len(plan_set) > 1 else heading(document["plans"][0])] = (
                figures_expected(document, unit))
            check_figures(page, in_section(expectations), unit)

            document, page = documents[f"gap-{n}"], pages[f"gap-{n}"]
            check_gap_table(gap_table(tables_of(page)), document, unit, html=True)
            gap_figures = figures_expected(document, unit)
            check_figures(page, lambda title: None if title.startswith("Så läser") else gap_figures, unit)

            document, page = documents[f"follow-up-{n}"], pages[f"follow-up-{n}"]
            document["unit"] = unit
            check_follow_up_table(follow_up_table(tables_of(page)), document, html=True)
            deviation = [f.value for _, figures, _ in page.sections for f in figures if f.name == "Avvikelse"]
            assert len(deviation) == 1, deviation
            check_deviation_text(normal(deviation[0]).removesuffix(f" {unit}"), document, unit)
            gap = None if document["forecast_gap"] is None else forecast_shown(document)
            target = kronor(document["target"], unit)
            check_figures(page, lambda title: None if title.startswith("Så läser") else {
                "verdict": None if gap is None else (document["forecast_gap_kind"], rng(gap, unit), None),
                "shortfall": len(document["plans"]) > 1 and document["forecast_gap_kind"] != SURPLUS,
                "Planerat": rng(document["planned"], unit), "Prognos": rng(document["forecast"], unit),
                "Sparbeting": None if target is None else (target, target)}, unit)
