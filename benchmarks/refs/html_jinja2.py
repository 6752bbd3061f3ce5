"""Jinja2 alone writing `summarize --format html`'s tables: the reference its HTML is timed against.

    python benchmarks/refs/html_jinja2.py PLANS-FOLDER OUT.html

What it does: reads the folder with rows.py (PyYAML's C loader, the rows made plainly: see its
docstring), makes every cell's text in Python (amounts as ``1 000–2 000``) and renders one Jinja2
template (autoescaped) of the shape budgetbalans writes: a section for all plans (heading, meta line,
the four key figures, the table of one row per plan and the totals), then a section per plan (the
table of its measures: number, title, area, status, each year, sum, interval class; its sum, target
and what remains), each row a ``<tr>`` with its kind's class, each cell a ``<td>``, amounts
``class="num"``. What it does not do: the charts (SVG), the style sheet, the notes, any check.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2

import rows

TEMPLATE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Alla planer</title></head>
<body><main>
{% for table in tables %}<section class="plan summarize landscape">
  <h{{ 1 if loop.first else 2 }}>{{ table.title }}</h{{ 1 if loop.first else 2 }}>
<p class="meta">{{ table.meta }}</p>  <div class="figures">
{% for name, value in table.figures %}    <div class="figure"><div class="name">{{ name }}</div><div class="value">{{ value }}</div></div>
{% endfor %}  </div>
<div class="table-block">
  <table>
    <thead><tr>{% for header in table.headers %}<th{% if loop.index > table.text_columns %} class="num"{% endif %}>{{ header }}</th>{% endfor %}</tr></thead>
    <tbody>
{% for kind, cells in table.rows %}      <tr class="{{ kind }}">{% for cell in cells %}<td{% if loop.index > table.text_columns %} class="num"{% endif %}>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}    </tbody>
  </table>
<p class="caption">Belopp i tkr</p></div></section>
{% endfor %}</main></body></html>
"""


def main(folder: str, out: str) -> None:
    tables = rows.tables(rows.plans(Path(folder)))
    for table in tables:  # the cells' text, made in Python as budgetbalans makes it before its template
        table.rows = [(kind, [rows.cell_text(cell) for cell in cells]) for kind, cells in table.rows]
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    Path(out).write_text(template.render(tables=tables), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
