"""The report formats by name (as check-jsonschema's ``REPORTER_BY_NAME``): one line a format.

Each renderer takes the :class:`~budgetbalans.core.Summary` and a
:class:`~budgetbalans.render.report.Report` and returns bytes. Every format's module (and its
library: rich, Jinja2, XlsxWriter) is imported only when that format is used, so
``--format csv`` or ``json`` loads none of them.
"""

from __future__ import annotations

from typing import Callable

from budgetbalans.core import Summary
from budgetbalans.followup import FollowUp
from budgetbalans.render.report import Report, lazy

Renderer = Callable[[Summary, Report], bytes]
FollowUpRenderer = Callable[[FollowUp, Report], bytes]

REPORTER_BY_NAME: dict[str, Renderer] = {
    "table": lazy("table", "render", text=True),
    "json": lazy("jsonout", "render", text=True),
    "csv": lazy("csvout", "render", text=False),
    "markdown": lazy("markdown", "render", text=True),
    "html": lazy("html", "render", text=True),
    "xlsx": lazy("xlsx", "render", text=False),
}
#: The follow-up's formats by name, the same formats with the follow-up's renderers.
FOLLOW_UP_BY_NAME: dict[str, FollowUpRenderer] = {
    "table": lazy("followup_table", "render_table", text=True),
    "json": lazy("jsonout", "render_follow_up", text=True),
    "csv": lazy("csvout", "render_follow_up", text=False),
    "markdown": lazy("markdown", "render_follow_up", text=True),
    "html": lazy("html", "render_follow_up", text=True),
    "xlsx": lazy("xlsx", "render_follow_up", text=False),
}
#: Formats that are files rather than text: written only with ``--output``.
FILE_ONLY = frozenset({"xlsx"})
#: Formats ``gap`` offers (its xlsx would only repeat summarize's workbook).
GAP_FORMATS = frozenset({"table", "json", "csv", "markdown", "html"})
