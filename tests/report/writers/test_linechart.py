"""The history's line chart as Word's picture (report/writers/linechart.py): the points are the chart's figures,
each labelled with its text as the report shows it, and the picture is the same bytes for the same chart."""

from __future__ import annotations

from decimal import Decimal

from matplotlib.figure import Figure

from budgetbalans.plan.money import Range
from budgetbalans.report.model import BarKind, Chart, ChartKind, Line
from budgetbalans.report.writers.linechart import _draw, history_png

PLANNED = Line("Planerat", BarKind.PLANNED, (Range(Decimal(450_000), Decimal(450_000)),) * 3, ("450",) * 3)
FORECAST = Line("Prognos", BarKind.FORECAST,
                (Range(Decimal(450_000), Decimal(450_000)), None, Range(Decimal(-300_000), Decimal(200_000))),
                ("450", "", "−300–200"))
CHART = Chart(ChartKind.HISTORY, "Kvar att spara", dates=("2017-04-30", "2017-08-31", "2017-10-31"),
              lines=(PLANNED, FORECAST))


def test_each_line_goes_through_its_figures_and_skips_a_date_without_one() -> None:
    axes = Figure().add_subplot()
    _draw(axes, CHART)
    planned, forecast = (line for line in axes.get_lines() if line.get_label() in ("Planerat", "Prognos"))
    assert list(planned.get_xdata()) == [0, 1, 2] and list(planned.get_ydata()) == [450_000] * 3
    # no forecast at the second report: no point there; a range is drawn from its low end
    assert list(forecast.get_xdata()) == [0, 2] and list(forecast.get_ydata()) == [450_000, -300_000]
    assert planned.get_linestyle() == "--" and forecast.get_linestyle() == "-"
    labels = sorted(text.get_text() for text in axes.texts)
    assert labels == ["450", "450", "450", "450", "−300–200"]
    # the range's uncertain part: a bar from −300 000 up to 200 000
    (bar,) = axes.patches
    assert (bar.get_y(), bar.get_height()) == (-300_000, 500_000)
    assert [tick.get_text() for tick in axes.get_xticklabels()] == list(CHART.dates)


def test_a_png_the_same_bytes_for_the_same_chart() -> None:
    picture = history_png(CHART)
    assert picture.startswith(b"\x89PNG\r\n\x1a\n")
    assert picture == history_png(CHART)
    assert b"matplotlib" not in picture  # no software version written into it
