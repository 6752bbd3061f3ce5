"""The history chart (planned and forecast gap per report date) as a PNG picture, for Word (matplotlib).

python-docx cannot create a Word chart and Word takes no SVG through it, so the Word report shows the
line chart the HTML page draws (:func:`budgetbalans.report.writers.svg.history`) as a picture: the same
lines (planned dashed, forecast solid), the figure as shown beside each point, zero as a line, and a
range's uncertain part as a bar from its low to its high. Only the writers of a history import this
module, and it imports matplotlib only when called (matplotlib's non-interactive Agg backend: no screen,
no configuration files read for the drawing beyond matplotlib's own defaults).

The picture is the same bytes for the same chart: no date or software version is written into it.
"""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetbalans.report.model import BarKind, Chart

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Each line's colour and dash, as the HTML page's stylesheet draws it (``--target``, ``--saving``).
STYLE = {BarKind.PLANNED: ("#4a6d8c", (0, (5, 3))), BarKind.FORECAST: ("#2f7d4f", "solid")}
INK, MUTED, LINE = "#1f2933", "#5f6b7a", "#d5dbe3"
WIDTH_INCHES, HEIGHT_INCHES, DPI = 6.3, 2.8, 200


def history_png(chart: Chart) -> bytes:
    """``chart`` (a :attr:`ChartKind.HISTORY <budgetbalans.report.model.ChartKind>`) drawn as a PNG picture."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure  # a Figure of its own: no pyplot state, nothing left behind

    figure = Figure(figsize=(WIDTH_INCHES, HEIGHT_INCHES), dpi=DPI)
    axes = figure.add_subplot()
    _draw(axes, chart)
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png", metadata={"Software": None})
    return out.getvalue()


def _draw(axes: Axes, chart: Chart) -> None:
    positions = range(len(chart.dates))
    axes.axhline(0, color=MUTED, linewidth=0.8)
    bounded = [end for line in chart.lines for value in line.values if value is not None
               for end in (value.low, value.high) if end is not None]
    top, bottom = max([Decimal(0), *bounded]), min([Decimal(0), *bounded])  # an unbounded end reaches the edge
    for index, line in enumerate(chart.lines):
        colour, dash = STYLE.get(line.kind, (INK, "solid"))
        points = [(x, value, text) for x, value, text in zip(positions, line.values, line.texts) if value is not None]
        lows = [float(value.low if value.low is not None else bottom) for _, value, _ in points]
        axes.plot([x for x, _, _ in points], lows, color=colour, linestyle=dash, linewidth=1.8, marker="s",
                  markersize=4, label=line.name)
        for (x, value, text), low in zip(points, lows):
            high = float(top if value.high is None else value.high)
            if high != low:  # a range: its uncertain part, lighter
                axes.bar(x, high - low, bottom=low, width=0.06, color=colour, alpha=0.35)
            below = index == 0 and len(chart.lines) > 1  # the first line's figures under it, the others' over
            axes.annotate(text, (x, low if below else max(low, high)), textcoords="offset points",
                          xytext=(0, -12 if below else 6), ha="center", fontsize=7, color=INK)
    axes.set_xticks(list(positions), list(chart.dates), fontsize=7, color=INK)
    axes.set_yticks([0], ["0"], fontsize=7, color=MUTED)  # the figures stand at the points, in the report's unit
    axes.margins(x=0.12, y=0.25)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        axes.spines[side].set_color(LINE)
    axes.legend(fontsize=7, frameon=False, loc="best")

