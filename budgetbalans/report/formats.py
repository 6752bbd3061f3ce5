"""Every report format once (as check-jsonschema's ``REPORTER_BY_NAME``): its name, the commands that offer it and the writer each uses.

A format is one entry of :data:`FORMATS`; each command's ``--format`` choices, its ``--help`` and its usage
errors are read from here (:func:`offered`). A *document* format writes the
:class:`~budgetbalans.report.model.Document` the command builds (the same writer for every command); the
others write the command's own records: JSON is the contract and dumps the core's records directly
(:mod:`budgetbalans.report.json`), ``github`` and check's ``text`` write lines of their own.

This module is light on purpose: the command line reads it for ``--help`` and ``check``, so it imports no
writer, builder or report library. A writer's module (and its library: rich, Jinja2, XlsxWriter,
python-docx) is imported only when its format is used, so ``--format csv`` or ``json`` loads none of them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from budgetbalans.output import Report
from budgetbalans.text import backslashed, html_entity, no_commands

#: The commands whose report is a Document: each document format writes all of them unless it says otherwise.
DOCUMENTS = ("summarize", "gap", "follow-up", "diff")


@dataclass(frozen=True)
class Format:
    """A report format: ``writers`` maps each command that offers it to its writer, ``"module:function"``
    below :mod:`budgetbalans.report`; ``document`` if that writer takes the command's Document (and the
    options of the report); ``file_only`` if it is written only with ``--output`` (xlsx, docx).

    ``inert`` is how a text format writes a character inert (:func:`budgetbalans.text.no_commands`): its
    output, UTF-8, then holds no line a CI runner would execute. ``refused_by`` are the commands that take
    its name only to refuse it, saying which command writes it (gap's xlsx would only repeat summarize's).
    """

    name: str
    writers: Mapping[str, str]
    document: bool = True
    file_only: bool = False
    inert: Callable[[str], str] | None = None
    refused_by: tuple[str, ...] = field(default=())

    def writer(self, command: str) -> Callable[..., Any]:
        """The function that writes ``command``'s report in this format, its module imported now."""
        module, _, name = self.writers[command].partition(":")
        function: Callable[..., Any] = getattr(importlib.import_module(f"budgetbalans.report.{module}"), name)
        return function

    def write(self, command: str, *report: Any) -> bytes:
        """``command``'s report in this format, as bytes: a text format's output made inert."""
        return bytes(self.written(command, *report))

    def written(self, command: str, *report: Any) -> Report:
        """``command``'s report in this format: as bytes (a text format's output made inert), or, where the
        writer writes it as it is made (JSON of many measures), to be written so (:class:`~budgetbalans.output.Written`)."""
        written = self.writer(command)(*report)
        if self.inert is not None:
            text = written if isinstance(written, str) else bytes(written).decode("utf-8")
            return no_commands(text, self.inert).encode("utf-8")
        if isinstance(written, str):
            return written.encode("utf-8")
        return bytes(written) if isinstance(written, (bytes, bytearray, memoryview)) else written


def _documents(module: str, *, but: str = "") -> dict[str, str]:
    """A document format's writer (``module.write``) for every command whose report is a Document, ``but`` one."""
    return {command: f"{module}:write" for command in DOCUMENTS if command != but}


FORMATS: dict[str, Format] = {format.name: format for format in (
    Format("table", _documents("writers.terminal"), inert=backslashed),
    Format("json", {"summarize": "json.reports:render", "gap": "json.reports:render",
                    "follow-up": "json.reports:render_follow_up", "diff": "json.diff:render",
                    "check": "check:as_json"}, document=False),
    Format("csv", _documents("writers.csv"), inert=backslashed),
    Format("markdown", _documents("writers.markdown"), inert=backslashed),
    Format("html", _documents("writers.html"), inert=html_entity),
    Format("xlsx", _documents("writers.xlsx", but="gap"), file_only=True, refused_by=("gap",)),
    Format("docx", _documents("writers.docx", but="diff"), file_only=True),
    Format("github", {"diff": "writers.github:write_github", "check": "check:github"}, document=False),
    Format("text", {"check": "check:text"}, document=False),
)}

#: Where a command's ``--help`` lists its formats in another order than :data:`FORMATS` (the order its
#: documentation and its usage errors have always had); a format not named here comes last.
ORDER: dict[str, tuple[str, ...]] = {
    "check": ("text", "github", "json"),
    "diff": ("table", "markdown", "json", "github", "csv", "html", "xlsx"),
}


def offered(command: str) -> tuple[str, ...]:
    """The formats ``command`` writes, in the order its ``--help`` lists them."""
    names = [format.name for format in FORMATS.values() if command in format.writers]
    order = ORDER.get(command, ())
    return tuple(sorted(names, key=lambda name: order.index(name) if name in order else len(order)))


def accepted(command: str) -> tuple[str, ...]:
    """What ``command``'s ``--format`` takes: the formats it offers, and those it refuses in words of its own."""
    return offered(command) + tuple(format.name for format in FORMATS.values() if command in format.refused_by)
