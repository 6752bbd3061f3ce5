"""Issue 13, the HTML page for the nämnd: report date, file names without the local folder, a legend
of the interval classes and verdict colours, and chart labels that are never clipped or overlapping
(measured in headless Chromium: every text's box inside its SVG and clear of every other text).
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from budgetbalans.cli.app import app
from budgetbalans.core.summary import Summary, summarize
from budgetbalans.core.grouping import GroupBy
from budgetbalans.read.loader import load_paths
from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Unit
from budgetbalans.report.builders import charts
from budgetbalans.report.writers.svg import LABEL_LINES, LABEL_ROOM, text_width, wrap
from budgetbalans.report.writers import html
from budgetbalans.report.builders.summary import gap_document, summary_document
from budgetbalans.report.options import BuildOptions, ReportKind, WriteOptions
from budgetbalans.report.builders.wording import shown_paths
from budgetbalans.report.options import View
from tests.clients import CHROMIUM, run_chromium
from tests.command import runner
from tests.paths import ROOT

DAY = datetime.date(2026, 12, 2)

WORDS = ["Omorganisation", "av", "hemtjänstens", "nattpatrull", "MMMM", "WWWW", "samordning", "med",
         "Överförmyndarnämnden", "och", "kostnadseffektivisering", "inom", "LSS-verksamhetens", "korttidsboenden"]


def long_plan(count: int = 24) -> str:
    """Many measures, long titles (wide letters, a word longer than a line), ranges, a cost, per-year targets."""
    lines = ["title: Åtgärdsplan med väldigt långa rubriker för budget i balans 2024–2028",
             "organisation: Vård- och omsorgsnämnden", "unit: kr", "years: [2024, 2025, 2026, 2027, 2028]",
             "target: {2024: 9000000, 2025: 12000000, 2026: 15000000, 2027: 15000000, 2028: 15000000}",
             "stated_totals: {2024: 1}", "measures:"]
    for n in range(count):
        title = " ".join(WORDS[(n + i) % len(WORDS)] for i in range(3 + n % 9))
        if n == 3:
            title = "W" * 80  # one word, far wider than the label column
        if n == 5:
            title = "Kort"
        effects = (f"{{2024: {1000000 + n * 123457}-{2000000 + n * 234567}, 2025: {300000 + n * 1111},"
                   f" 2026: {-450000 if n == 7 else 800000 + n}, 2027: {{interval: {1 + n % 4}}}, 2028: 123456789}}")
        lines += [f'  - id: "{n + 1}.{n}"', f"    title: {json.dumps(title, ensure_ascii=False)}",
                  f"    area: Område {n % 3}", f"    effects: {effects}"]
    return "\n".join(lines) + "\n"


@pytest.fixture
def long_path(tmp_path: Path) -> Path:
    folder = tmp_path / "home" / "anna" / "plans"
    folder.mkdir(parents=True)
    path = folder / "lang-plan.yaml"
    path.write_text(long_plan(), encoding="utf-8")
    return path


def computed(*paths: Path) -> Summary:
    loaded = load_paths(list(paths))
    assert not loaded.problems, loaded.problems
    return summarize(loaded.plans)


def page(summary: Summary, lang: Lang = Lang.SV, kind: ReportKind = ReportKind.SUMMARY,
         group_by: GroupBy | None = None, today: datetime.date | None = DAY) -> str:
    return write(summary, BuildOptions(kind, View(Unit.TKR, lang), group_by, today=today))


def write(summary: Summary, report: BuildOptions) -> str:
    build = gap_document if report.kind is ReportKind.GAP else summary_document
    return html.write(build(summary, report.view, report.group_by, report.today), WriteOptions())


# --- report date, file names, legend -----------------------------------------------------------


@pytest.mark.parametrize("lang, words", [(Lang.SV, "Rapportdatum 2026-12-02"), (Lang.EN, "Report date 2026-12-02")])
def test_the_report_date_is_the_one_passed_in(long_path: Path, lang: Lang, words: str) -> None:
    assert words in page(computed(long_path), lang)
    assert "Rapportdatum" not in page(computed(long_path), today=None)


def test_the_cli_gives_todays_date() -> None:
    result = runner().invoke(app, ["summarize", str(ROOT / "examples"), "--format", "html"], catch_exceptions=False)
    assert re.search(r"Rapportdatum \d{4}-\d{2}-\d{2}", result.stdout)


def test_neither_the_renderers_nor_the_core_read_the_clock() -> None:
    pure = [*(ROOT / "budgetbalans" / "core").rglob("*.py"), *(ROOT / "budgetbalans" / "plan").rglob("*.py")]
    for source in [*(ROOT / "budgetbalans" / "report").rglob("*.py"), *pure]:
        if source.name != "cli.py":
            text = source.read_text(encoding="utf-8")
            assert not re.search(r"\b(today|now|utcnow)\(\)|time\.time\(|localtime\(", text), source


@pytest.mark.parametrize("kind, group_by", [(ReportKind.SUMMARY, None), (ReportKind.SUMMARY, GroupBy.PLAN),
                                            (ReportKind.GAP, GroupBy.PLAN)])
def test_file_names_without_the_local_folder(long_path: Path, kind: ReportKind, group_by: GroupBy | None) -> None:
    other = ROOT / "examples" / "vard-och-social-2024-2026.yaml"
    text = page(computed(long_path, other), kind=kind, group_by=group_by)
    assert "lang-plan.yaml" in text and "vard-och-social-2024-2026.yaml" in text
    assert str(long_path.parent) not in text and "/home/anna" not in text and str(ROOT) not in text
    assert "Varningar" in text  # the stated total of 1 kr: its warning names the plan, by file name
    assert re.search(r"<li>[^<]*lang-plan\.yaml", text)


def test_same_file_names_keep_the_folder_that_tells_them_apart() -> None:
    assert shown_paths(["/home/anna/2025/vard.yaml", "/srv/x/2026/vard.yaml", "/a/b/c.yaml", "c.yaml"]) == {
        "/home/anna/2025/vard.yaml": "2025/vard.yaml", "/srv/x/2026/vard.yaml": "2026/vard.yaml",
        "/a/b/c.yaml": "b/c.yaml", "c.yaml": "c.yaml"}


@pytest.mark.parametrize("lang, words", [
    (Lang.SV, ["Så läser du rapporten", "1 = 0,1–1 mkr, 2 = över 1–2 mkr, 3 = över 2–3 mkr, 4 = över 3 mkr",
               "Kvar att spara</strong>", "Överskott</strong>", "Osäkert</strong>"]),
    (Lang.EN, ["How to read the report", "1 = 0,1–1 mkr, 2 = over 1–2 mkr, 3 = over 2–3 mkr, 4 = over 3 mkr",
               "Still to save</strong>", "Surplus</strong>", "Uncertain</strong>"]),
])
def test_legend_of_classes_and_verdict_colours(long_path: Path, lang: Lang, words: list[str]) -> None:
    text = page(computed(long_path), lang)
    for word in words:
        assert word in text
    for tone in ("remaining", "surplus", "uncertain"):
        assert f'<span class="key {tone}">' in text


# --- labels that fit (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize("title", [" ".join(WORDS), "W" * 90, "Kort", "a " * 200, "漢字" * 40, "Ö" * 10 + " x"])
def test_wrap_fits_the_label_column(title: str) -> None:
    lines = wrap(title)
    assert 1 <= len(lines) <= LABEL_LINES
    assert all(text_width(line) <= LABEL_ROOM for line in lines)
    shown = "".join(lines).replace(" ", "")
    assert title.replace(" ", "").startswith(shown.removesuffix("…"))
    assert shown.endswith("…") or shown == title.replace(" ", "")


def test_short_titles_are_not_touched() -> None:
    assert wrap("12 Kort titel") == ("12 Kort titel",)
    assert wrap(charts.measure_label("12", "Kort titel"), lines=1) == ("12 Kort titel",)


def test_every_bar_has_its_full_title_as_tooltip(long_path: Path) -> None:
    text = page(computed(long_path))
    assert "<title>4.3 " + "W" * 80 + ":" in text
    assert "…</tspan>" in text


# --- in Chromium: every label inside its SVG and clear of the others ----------------------------

#: Injected before </body>: each SVG's viewBox and the boxes of its texts and bars (SVG units).
BOXES = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const box = e => { const b = e.getBBox(); return [b.x, b.y, b.width, b.height]; };
  const svgs = [...document.querySelectorAll("svg")].map(s => {
    const v = s.viewBox.baseVal;
    return {view: [v.x, v.y, v.width, v.height], figure: s.closest("figure").className,
            texts: [...s.querySelectorAll("text")].map(t => [...box(t), t.textContent]),
            rects: [...s.querySelectorAll("rect")].map(box)};
  });
  const out = document.createElement("pre"); out.id = "boxes"; out.textContent = JSON.stringify(svgs);
  document.body.appendChild(out);
});
</script>"""


def overlap(a: list[float], b: list[float]) -> bool:
    """Two boxes overlap by more than half a unit both ways."""
    return (min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5
            and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5)


def measured(text: str, tmp_path: Path) -> list[dict[str, object]]:
    probe = tmp_path / "probe.html"
    probe.write_text(text.replace("</body>", BOXES + "</body>"), encoding="utf-8")
    ran = run_chromium(["--window-size=1200,900", "--dump-dom", probe.as_uri()], tmp_path)
    found = re.search(r'<pre id="boxes">(.*?)</pre>', ran.stdout, re.S)
    assert found, ran.stderr[-2000:]
    return json.loads(found.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


@pytest.mark.clients
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed: the labels are measured in it")
@pytest.mark.parametrize("lang", [Lang.SV, Lang.EN])
@pytest.mark.parametrize("unit", [Unit.KR, Unit.TKR])
def test_no_chart_label_is_clipped_or_overlapping(long_path: Path, tmp_path: Path, lang: Lang, unit: Unit) -> None:
    summary = computed(long_path, *sorted((ROOT / "examples").glob("*.yaml")))
    text = write(summary, BuildOptions(ReportKind.SUMMARY, View(unit, lang), today=DAY))
    svgs = measured(text, tmp_path)
    assert len(svgs) >= 10 and any(len(s["texts"]) > 40 for s in svgs)  # type: ignore[arg-type]
    for svg in svgs:
        vx, vy, vw, vh = svg["view"]  # type: ignore[misc]
        texts: list[list] = svg["texts"]  # type: ignore[assignment]
        rects: list[list[float]] = svg["rects"]  # type: ignore[assignment]
        for x, y, w, h, words in texts:
            assert w > 0 and h > 0, words
            assert vx - 0.5 <= x and x + w <= vx + vw + 0.5 and vy - 0.5 <= y and y + h <= vy + vh + 0.5, (
                f"{words!r} at {(x, y, w, h)} outside the viewBox {(vx, vy, vw, vh)}")
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:
                assert not overlap(a, b), f"{a[4]!r} {a[:4]} overlaps {b[4]!r} {b[:4]}"
            for r in rects:
                assert not overlap(a, r), f"{a[4]!r} {a[:4]} overlaps a bar at {r}"
