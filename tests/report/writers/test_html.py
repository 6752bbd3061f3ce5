"""The HTML writer on small hand-made Documents: it serialises what the Document says, and only that.

One template for every report: the headings, the report date and the legend on every page, the key
figures, the rows and cells by kind and tone, the charts by kind, the text audience only, the notes
and warnings, and plan text escaped everywhere.
"""

from __future__ import annotations

import re
from decimal import Decimal
from html.parser import HTMLParser

from budgetbalans.i18n import Lang
from budgetbalans.plan.money import Range, Unit
from budgetbalans.report.writers import html
from budgetbalans.report.model import (
    EMPTY, Audience, BarKind, Cell, Chart, ChartKind, Column, ColumnKind, Comparison, Document, Figure, Legend,
    LegendEntry, Note, Row, RowKind, Section, Step, Table, Tone, YearBar,
)
from budgetbalans.report.options import WriteOptions
from tests.paths import ROOT

HOSTILE = '<script>alert(1)</script> & "quoted" <b>bold</b>'
WORDS = {"plan": "Plan", "warning": "Varning", "warnings": "Varningar", "legend": "Så läser du rapporten",
         "range_note": "Ljusare del: intervall.", "target": "Sparbeting", "generated": "Skapad med budgetbalans"}
LEGEND = Legend("1 = 0,1–1 mkr", (
    LegendEntry(Tone.BAD, "Kvar att spara", "räcker inte"),
    LegendEntry(Tone.GOOD, "Överskott", "räcker"),
    LegendEntry(Tone.UNCERTAIN, "Kvar att spara eller överskott", "osäkert"),
))
OPTIONS = WriteOptions()


def amount(text: str, low: int, high: int | None = None, tone: Tone = Tone.NEUTRAL) -> Cell:
    return Cell(text, Range(low * 1000, (low if high is None else high) * 1000), tone)


COLUMNS = (
    Column("id", "Nr"), Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
    Column("counted", "Medräknad", audience=Audience.NUMBERS),
    Column("year:2025", "2025", ColumnKind.AMOUNT), Column("year:2026", "2026", ColumnKind.AMOUNT),
    Column("total", "Summa", ColumnKind.TOTAL, of=("year:2025", "year:2026")),
)


def rows() -> tuple[Row, ...]:
    return (
        Row(RowKind.MEASURE, (Cell("1"), Cell(HOSTILE), Cell("ja"), amount("100", 100), amount("700–1 600", 700, 1600),
                              amount("800–1 700", 800, 1700))),
        Row(RowKind.UNCOUNTED, (Cell("2"), Cell("Möjlig"), Cell("nej"), amount("50", 50), EMPTY, amount("50", 50))),
        Row(RowKind.TOTAL, (EMPTY, Cell("Summa"), EMPTY, amount("100", 100), amount("700–1 600", 700, 1600),
                            amount("800–1 700", 800, 1700)), sums=(0,)),
        Row(RowKind.TARGET, (EMPTY, Cell("Sparbeting"), EMPTY, amount("500", 500), amount("500", 500),
                             amount("1 000", 1000))),
        Row(RowKind.GAP, (EMPTY, Cell("Kvar att spara"), EMPTY, Cell("kvar att spara 400", tone=Tone.BAD),
                          Cell("överskott 200–1 100", tone=Tone.GOOD), Cell("200 (2025)", tone=Tone.BAD)),
            Tone.BAD, Audience.TEXT),
        Row(RowKind.GAP, (EMPTY, Cell("Kvar att spara (negativt = överskott)"), EMPTY, amount("400", 400),
                          amount("-200", -200), amount("200", 200)), audience=Audience.NUMBERS, of=(3, 2)),
        Row(RowKind.GAP, (EMPTY, Cell("Överskott"), EMPTY, EMPTY, EMPTY, Cell("300", tone=Tone.GOOD)), Tone.GOOD,
            Audience.TEXT),
        Row(RowKind.GAP, (EMPTY, Cell("Kvar att spara eller överskott"), EMPTY, EMPTY, EMPTY,
                          Cell("kvar 100 till överskott 50", tone=Tone.UNCERTAIN)), Tone.UNCERTAIN, Audience.TEXT),
    )


def waterfall() -> Chart:
    steps = (Step("Sparbeting", BarKind.TARGET, Decimal(0), Decimal(1000), Decimal(1000), "1 000"),
             Step("1 " + HOSTILE, BarKind.SAVING, Decimal(1000), Decimal(-800), Decimal(-1700), "800–1 700", -1),
             Step("Kvar att spara", BarKind.REMAINING, Decimal(0), Decimal(200), Decimal(200), "200"))
    return Chart(ChartKind.WATERFALL, "Från sparbeting till kvar att spara",
                 "1 åtgärd utan belopp visas bara i tabellen.", steps=steps)


def per_year() -> Chart:
    return Chart(ChartKind.PER_YEAR, "Effekt per år",
                 years=(YearBar(2025, Range.exact(Decimal(100)), "100", BarKind.SAVING, Decimal(500), "500"),))


def planned_forecast() -> Chart:
    return Chart(ChartKind.PLANNED_FORECAST, "Planerat och prognos per åtgärd", "",
                 ((BarKind.PLANNED, "Planerat"), (BarKind.FORECAST, "Prognos"), (BarKind.SHORT, "Prognos under planerat")),
                 comparisons=(Comparison("1 Åtgärd", Range.exact(Decimal(100)), Range.exact(Decimal(60)), "100", "60",
                                         BarKind.SHORT),),
                 names=("Planerat", "Prognos"))


def document(kind: str = "summarize", **more: object) -> Document:
    table = Table("plan:a.yaml", "Plan A — Nämnden", COLUMNS, rows(), "a.yaml · Belopp i tkr",
                  (Note("En anteckning under tabellen"), Note("Ej uppföljd: 1 åtgärd", Tone.UNCERTAIN)), head=2)
    numbers_only = Table("totals", "Bara för kalkylblad", COLUMNS, rows()[2:3], audience=Audience.NUMBERS)
    second = Table("groups", "Delsummor per område", COLUMNS[:2], (Row(RowKind.GROUP, (EMPTY, Cell("Område 1"))),),
                   "Belopp i tkr")
    first = Section("Plan A — Nämnden", "a.yaml · Belopp i tkr",
                    (Figure("Sparbeting", "1 000 tkr"), Figure("Kvar att spara", "200 tkr", Tone.BAD),
                     Figure("Överskott", "300 tkr", Tone.GOOD), Figure("Osäkert", "kvar 100 till överskott 50",
                                                                      Tone.UNCERTAIN)),
                    (waterfall(), per_year()), (table, numbers_only, second), (Note("En anteckning i avsnittet"),))
    plan_b = Section(f"Plan {HOSTILE}", "b.yaml · Belopp i tkr", (Figure("Sparbeting", "inget sparbeting angivet"),))
    values: dict[str, object] = dict(
        kind=kind, title=f"Rapport {HOSTILE}", lang=Lang.SV, unit=Unit.TKR, sections=(first, plan_b),
        notes=(Note("Beloppen är avrundade."), Note(f"b.yaml: {HOSTILE}", Tone.UNCERTAIN, warning=True)),
        legend=LEGEND, report_date="Rapportdatum 2026-12-02", ranges=True, words=WORDS)
    values.update(more)
    return Document(**values)  # type: ignore[arg-type]


class Page(HTMLParser):
    """The page's rows (classes, cells), cells (classes, text), figures (classes, name, value) and texts."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[tuple[str, list[tuple[str, str]]]] = []
        self.figures: list[tuple[str, list[str]]] = []
        self.tags: list[tuple[str, str]] = []
        self.text: list[tuple[str, str]] = []  # (the innermost open tag, its text)
        self._open: list[str] = []
        self._cell: list[str] | None = None
        self._cell_class = ""
        self._figure: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        self.tags.append((tag, classes))
        if tag not in ("meta", "line", "rect", "br", "tspan"):
            self._open.append(tag)
        if tag == "tr":
            self.rows.append((classes, []))
        elif tag == "td":
            self._cell, self._cell_class = [], classes
        elif tag == "div" and classes.split()[:1] == ["figure"]:
            self.figures.append((classes.removeprefix("figure").strip(), []))
        elif tag == "div" and classes in ("name", "value"):
            self._figure = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1][1].append((self._cell_class, "".join(self._cell)))
            self._cell = None
        elif tag == "div" and self._figure is not None:
            self.figures[-1][1].append("".join(self._figure))
            self._figure = None
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)
        if self._figure is not None:
            self._figure.append(data)
        if data.strip():
            self.text.append((self._open[-1] if self._open else "", data.strip()))

    def texts(self, tag: str) -> list[str]:
        return [text for open_tag, text in self.text if open_tag == tag]


def page(doc: Document | None = None) -> tuple[str, Page]:
    text = html.write(doc or document(), OPTIONS)
    return text, Page(text)


# --- the page ----------------------------------------------------------------------------------------


def test_language_title_headings_and_report_date() -> None:
    text, parsed = page()
    assert text.startswith("<!DOCTYPE html>\n<html lang=\"sv\">")
    assert parsed.texts("title")[0] == f"Rapport {HOSTILE}"
    assert parsed.texts("h1") == ["Plan A — Nämnden"]
    assert parsed.texts("h2")[:1] == [f"Plan {HOSTILE}"]
    assert "a.yaml · Belopp i tkr" in parsed.texts("p") and "b.yaml · Belopp i tkr" in parsed.texts("p")
    assert text.count("Rapportdatum 2026-12-02") == 1  # under the first heading only
    assert text.index("<h1>") < text.index("Rapportdatum") < text.index("<h2>")
    assert "Rapportdatum" not in html.write(document(report_date=""), OPTIONS)
    english = html.write(document(lang=Lang.EN), OPTIONS)
    assert '<html lang="en">' in english


def test_key_figures_by_tone() -> None:
    _, parsed = page()
    assert parsed.figures[:4] == [("", ["Sparbeting", "1 000 tkr"]), ("remaining", ["Kvar att spara", "200 tkr"]),
                                  ("surplus", ["Överskott", "300 tkr"]),
                                  ("uncertain", ["Osäkert", "kvar 100 till överskott 50"])]
    assert parsed.figures[4] == ("", ["Sparbeting", "inget sparbeting angivet"])


def test_rows_by_kind_and_tone_cells_num_and_tone() -> None:
    _, parsed = page()
    body = [(classes, cells) for classes, cells in parsed.rows if cells]
    kinds = [classes for classes, _ in body]
    assert kinds == ["measure", "uncounted", "total", "target", "gap remaining", "gap surplus", "gap uncertain",
                     "group"]
    measure = body[0][1]
    assert measure == [("", "1"), ("", HOSTILE), ("num", "100"), ("num", "700–1 600"), ("num", "800–1 700")]
    gap = body[4][1]
    # a cell's tone where it differs from the row's: the surplus year in a row still to save
    assert gap == [("", ""), ("", "Kvar att spara"), ("num", "kvar att spara 400"), ("num surplus", "överskott 200–1 100"),
                   ("num", "200 (2025)")]
    assert body[5][1][-1] == ("num", "300") and body[6][1][-1] == ("num", "kvar 100 till överskott 50")
    heads = [tag for tag in parsed.tags if tag[0] == "th"]
    assert heads[:5] == [("th", ""), ("th", ""), ("th", "num"), ("th", "num"), ("th", "num")]


def test_only_what_a_reader_sees() -> None:
    text, parsed = page()
    assert "Medräknad" not in text and ">ja<" not in text and ">nej<" not in text  # a NUMBERS column
    assert "negativt = överskott" not in text   # a NUMBERS row
    assert "Bara för kalkylblad" not in text    # a NUMBERS table
    assert sum(1 for classes, _ in parsed.rows if classes.startswith("total")) == 1


def test_table_titles_captions_and_notes() -> None:
    _, parsed = page()
    assert parsed.texts("h3") == ["Delsummor per område"]  # the plan's table repeats its section's heading
    assert parsed.texts("p").count("a.yaml · Belopp i tkr") == 1  # ... and its caption the subtitle
    assert "Belopp i tkr" in parsed.texts("p")
    notes = [classes for tag, classes in parsed.tags if tag == "p" and classes.startswith("note")]
    assert "note uncertain" in notes
    for words in ("En anteckning under tabellen", "Ej uppföljd: 1 åtgärd", "En anteckning i avsnittet",
                  "Beloppen är avrundade."):
        assert words in parsed.texts("p")


def test_warnings_and_legend() -> None:
    text, parsed = page()
    assert "Varningar" in parsed.texts("h2")
    assert [t for t in parsed.texts("li") if "b.yaml" in t] == [f"b.yaml: {HOSTILE}"]
    assert "Så läser du rapporten" in parsed.texts("h2") and "1 = 0,1–1 mkr" in parsed.texts("p")
    for tone, name in (("remaining", "Kvar att spara"), ("surplus", "Överskott"),
                       ("uncertain", "Kvar att spara eller överskott")):
        assert f'<li class="{tone}"><span class="key {tone}"></span><strong>{name}</strong>' in text
    assert text.index("Varningar") < text.index("Så läser du rapporten") < text.index("Skapad med budgetbalans")
    quiet = html.write(document(notes=(), legend=Legend(), ranges=False), OPTIONS)
    assert "Varningar" not in quiet and "Så läser du rapporten" not in quiet


def test_charts_by_kind() -> None:
    text, parsed = page()
    figures = [classes for tag, classes in parsed.tags if tag == "figure"]
    assert figures == ["chart waterfall", "chart per-year"]
    assert text.count("<svg") == 2
    assert "<figcaption>Från sparbeting till kvar att spara</figcaption>" in text
    assert '<g class="bar remaining">' in text and 'class="uncertain-part"' in text
    assert "1 åtgärd utan belopp visas bara i tabellen." in parsed.texts("p")
    assert '<g class="target-line"><title>Sparbeting: 500</title>' in text
    assert "Ljusare del: intervall." in text  # a bar with a range: the footer says what its pale part is


def test_the_range_note_only_with_a_range_bar() -> None:
    plain = Section("S", charts=(per_year(),))
    assert "Ljusare del" not in html.write(document(sections=(plain,)), OPTIONS)


def test_follow_up_page_has_the_report_date_the_legend_and_its_chart() -> None:
    columns = (Column("plan", "Plan", audience=Audience.NUMBERS), Column("id", "Nr"),
               Column("measure", "Åtgärd", ColumnKind.NAME, wide=True),
               Column("deviation", "Avvikelse", ColumnKind.DEVIATION, of=("forecast", "planned")),
               Column("followed_up", "Uppföljd"))
    table = Table("follow-up", "Uppföljning 2025 — Plan A", columns, (
        Row(RowKind.MEASURE, (Cell("Plan A"), Cell("1"), Cell(HOSTILE), amount("-40", -40, tone=Tone.BAD),
                              Cell("nej", tone=Tone.UNCERTAIN))),
        Row(RowKind.GAP, (EMPTY, EMPTY, Cell("Prognos: kvar att spara"), Cell("36", tone=Tone.BAD), EMPTY), Tone.BAD,
            Audience.TEXT),
    ), "a.yaml · Belopp i tkr")
    section = Section("Uppföljning 2025", "a.yaml · Belopp i tkr", (Figure("Avvikelse", "-40 tkr", Tone.BAD),),
                      (planned_forecast(),), (table,), (Note("Rött: mindre än planerat."),))
    doc = document("follow-up", title="Uppföljning 2025", sections=(section,), notes=(), legend=Legend(verdicts=LEGEND.verdicts))
    text, parsed = page(doc)
    assert '<section class="plan follow-up">' in text
    assert "Rapportdatum 2026-12-02" in text and "Så läser du rapporten" in text
    assert '<span class="key remaining"></span>' in text and "1 = 0,1" not in text
    assert parsed.texts("h3") == ["Uppföljning 2025 — Plan A"]
    assert [classes for tag, classes in parsed.tags if tag == "figure"] == ["chart planned-forecast"]
    assert '<g class="bar short">' in text and '<span class="key short"></span>Prognos under planerat' in text
    body = [cells for _, cells in parsed.rows if cells]
    assert body[0] == [("", "1"), ("", HOSTILE), ("num remaining", "-40"), ("uncertain", "nej")]  # no plan column
    assert body[1][2] == ("num", "36") and parsed.rows[-1][0] == "gap remaining"  # the row's tone colours it
    assert "Rött: mindre än planerat." in parsed.texts("p")


def test_plan_text_is_escaped_everywhere() -> None:
    text, _ = page()
    assert "<script" not in text and "<b>" not in text
    assert text.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 6  # title, heading, cell, tooltip, label, warning
    assert "<tspan x=\"244\">1 &lt;script&gt;alert(1)&lt;/script&gt; &amp;</tspan>" in text  # the chart's wrapped label
    assert "&#34;quoted&#34;" in text or "&quot;quoted&quot;" in text
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:|//)""", text, re.I)


def test_the_writer_chooses_no_word_and_no_verdict() -> None:
    source = (ROOT / "budgetbalans" / "report" / "writers" / "html.py").read_text(encoding="utf-8")
    for module in ("labels", "view", "core", "followup", "grouping"):
        assert not re.search(rf"^\s*(from|import) budgetbalans(\.render)?\.{module}\b", source, re.M), module
    assert "from budgetbalans.report.options import" not in source.replace(
        "    from budgetbalans.report.options import WriteOptions\n", "")
    templates = (ROOT / "budgetbalans" / "report" / "writers" / "templates").glob("*.j2")
    assert not any("label(" in path.read_text(encoding="utf-8") for path in templates)
