"""Text from a plan or a file name is data: the one list of characters that must never act.

A terminal, a CI log, a spreadsheet or a browser can be made to reorder, hide or execute text
by a few characters: C0 and C1 controls (escape sequences, ``\\n::error …::`` in a GitHub log),
bidi embeddings, overrides, isolates and marks (``U+202E``, ``U+2066``, ``U+061C``), zero-width
characters (``U+200B``), line and paragraph separators (``U+2028``), and the lone surrogates by
which Python keeps the bytes of a file name that is not UTF-8. Every writer and every message
neutralises the same set (:data:`INVISIBLE`), each in its own way:

- :func:`shown` (messages, file names): each such character made visible as an escape, the way
  ``ls -b`` shows a file name: ``\\n``, ``\\t``, ``\\xe5`` for a byte that is not UTF-8,
  ``\\u202e``;
- :func:`clean` (plan text in a report): removed, a tab or a line separator becoming a space and
  a line break kept for the writer to show as its format does;
- :mod:`budgetbalans.report.json.text`: written as a JSON ``\\uXXXX`` escape.

A plan's text can still put, on a line of a report, what a CI runner executes (``::error::`` at
the start of a line, ``##[error]`` anywhere): a line break in a title, a title at the start of a
line of the stacked terminal layout, a long title wrapped. Every text format's output passes
:func:`no_commands` once, at the end (:mod:`budgetbalans.report.formats`), so no line of a report
is ever a command; JSON writes ``##[`` as ``##\\u005b`` (:mod:`budgetbalans.report.json.text`).
"""

from __future__ import annotations

import re
from typing import Callable

INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_SPACES = {"\t": " ", "\u2028": " ", "\u2029": " ", "\n": "\n"}


def escape(character: str) -> str:
    """One invisible character as visible text: ``\\n``, ``\\xe5`` (a byte of a file name), ``\\u202e``."""
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as Python's file system encoding keeps it
        return f"\\x{code - 0xDC00:02x}"
    return _NAMES.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def shown(text: str) -> str:
    """``text`` with every invisible character made visible (:func:`escape`): for messages and file names."""
    return INVISIBLE.sub(lambda match: escape(match.group()), text)


def clean(text: str) -> str:
    """Plan text for a report: invisible characters removed; a tab or a line separator is a space, a
    line break stays; a lone surrogate (never in a plan, which is UTF-8) is shown as its byte."""
    def replace(match: re.Match[str]) -> str:
        character = match.group()
        if character in _SPACES:
            return _SPACES[character]
        return escape(character) if "\ud800" <= character <= "\udfff" else ""

    return INVISIBLE.sub(replace, text)


def workflow_data(value: str) -> str:
    """Text in a GitHub Actions workflow command (``::error …::TEXT``): ``%``, CR and LF escaped as the
    runner decodes them, so a file name can never start a command of its own; every other
    invisible character shown (:func:`shown`)."""
    return shown(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def workflow_property(value: str) -> str:
    """A property of a workflow command (``file=…``, ``title=…``): as :func:`workflow_data`, and ``:``
    and ``,``, which end a property, escaped too."""
    return workflow_data(value).replace(":", "%3A").replace(",", "%2C")


def no_commands(output: str, escape: Callable[[str], str]) -> str:
    """A text format's ``output`` with nothing a CI runner would execute, whatever a plan holds: a line
    that begins, after any blanks, with ``::`` gets its first colon, and every ``##[`` its bracket,
    written as the format writes a character inert (``escape``: :func:`backslashed` in the terminal,
    Markdown and CSV, :func:`html_entity` in HTML), so the line reads the same and is never a
    command. The GitHub runner (actions/runner, ``ActionCommand.cs``) reads ``::command::`` at the
    start of a line after its ``TrimStart`` (Unicode blanks too), and the older ``##[command]``
    anywhere in a line; a line ends at LF or CR. Lines are split here at every line break Python
    knows (more than the runner's), so no line the runner sees escapes the test."""
    colon, bracket = escape(":"), escape("[")
    lines = output.splitlines(keepends=True)
    for index, line in enumerate(lines):
        start = _BLANKS.match(line).end()  # type: ignore[union-attr]  # matches the empty string too
        if line.startswith("::", start):
            line = line[:start] + colon + line[start + 1:]
        if "##[" in line:
            line = line.replace("##[", "##" + bracket)
        lines[index] = line
    return "".join(lines)


#: What ``TrimStart`` skips before a command: Unicode white space, and the byte-order mark older .NET counted too.
_BLANKS = re.compile(r"[\s\ufeff]*")


def backslashed(character: str) -> str:
    """A character written inert as in Markdown (``\\:`` shows ``:``) and as ``ls -b`` shows one: after a backslash."""
    return "\\" + character


def html_entity(character: str) -> str:
    """A character written inert in HTML: its numeric character reference (``&#58;`` shows ``:``)."""
    return f"&#{ord(character)};"
