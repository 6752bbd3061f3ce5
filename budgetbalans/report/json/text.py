"""JSON text written directly: exact decimals as numbers, plan text as inert strings, in one pass.

The standard library's encoder knows no :class:`~decimal.Decimal`; marking decimals as strings
and swapping the marks out afterwards let a plan forge a value (a title of the mark's text) and
took time quadratic in the number of decimals. Here every value is written as what it is, once:

- a ``Decimal`` as its exact digits (``1234.5``, never through a binary float), an ``int`` as is,
  ``True``/``False``/``None`` as ``true``/``false``/``null``;
- a string through the C-accelerated escaping of :mod:`json` (quotes, backslashes, control
  characters), and then every character that could reorder or hide what a terminal or a CI log
  shows (bidi controls, C1 controls, zero-width and line/paragraph separators) as a ``\\uXXXX``
  escape: the value is unchanged for a JSON reader, and inert for a human one; and the ``[`` of
  ``##[``, which a GitHub runner reads as a command anywhere in a line (:func:`budgetbalans.text.no_commands`);
- objects and lists indented by two spaces, as ``json.dumps(indent=2)`` would.

Linear in the size of the output; used by ``--format json`` of every command and by ``check``. A long
list may be given as :class:`Each` (its items made only as they are written), and :class:`Streamed` writes
the text to its destination as UTF-8 a list item at a time: a report of 100 000 measures never holds them all
as dicts, nor its text.
"""

from __future__ import annotations

import io
import json.encoder
import re

from budgetbalans.text import INVISIBLE
from decimal import Decimal
from typing import Any, Callable, Generic, Iterator, Sequence, TypeVar

Item = TypeVar("Item")

#: Characters escaped in every JSON string beyond what JSON requires (:data:`budgetbalans.text.INVISIBLE`:
#: C1 controls, bidi controls and marks, zero-width characters, line and paragraph separators, and the
#: lone surrogates by which Python keeps the bytes of a file name that is not UTF-8: ``\udce5`` for
#: the byte e5, so a JSON reader in Python gets the very file name back). C0 controls are JSON's own.
_escape: Callable[[str], str] = json.encoder.encode_basestring


def _unicode_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def string(text: str) -> str:
    """``text`` as a JSON string, every invisible or reordering character escaped."""
    quoted = _escape(text)
    if "##[" in quoted:  # a GitHub runner's older command, anywhere in a line: the bracket as an escape
        quoted = quoted.replace("##[", "##\\u005b")
    return INVISIBLE.sub(_unicode_escape, quoted) if INVISIBLE.search(quoted) else quoted


def json_number(value: Decimal) -> str:
    """A finite decimal as a JSON number with all its digits (``1E+3`` is written ``1000``)."""
    if not value.is_finite():
        raise ValueError(f"no JSON number for {value}")
    return "0" if value.is_zero() else f"{value:f}"


class Each(Generic[Item]):
    """A JSON list of ``made(item)`` for each of ``items``, each made only when it is written."""

    def __init__(self, items: Sequence[Item], made: Callable[[Item], Any]) -> None:
        self.items, self.made = items, made

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Any]:
        return map(self.made, self.items)


def dumps(value: Any) -> str:
    """``value`` (dicts with string keys, lists, tuples, :class:`Each`, strings, ints, Decimals, bools, None) as
    JSON text."""
    out = io.StringIO()  # one growing buffer: no list of a million small strings
    _write(value, out.write, "\n", _nothing)
    return out.getvalue()


class Streamed:
    """``value``'s JSON text (as :func:`dumps` writes it, and a line break) to be written straight to where it
    goes, as UTF-8, each item of a list as soon as it is made: the text is never held whole, as a string nor
    as bytes (:func:`budgetbalans.output.to_path` and :func:`~budgetbalans.output.to_stdout` write it)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def write_to(self, write: Callable[[bytes], object]) -> None:
        pieces: list[str] = []

        def encoded() -> None:
            write("".join(pieces).encode("utf-8"))
            pieces.clear()

        _write(self.value, pieces.append, "\n", encoded)
        pieces.append("\n")
        encoded()

    def __bytes__(self) -> bytes:
        out = io.BytesIO()
        self.write_to(out.write)
        return out.getvalue()


def _nothing() -> None:
    pass


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: string,
    int: int.__repr__,
    Decimal: json_number,
    bool: lambda value: "true" if value else "false",
    type(None): lambda value: "null",
}


def _write(value: Any, put: Callable[[str], object], newline: str, written: Callable[[], None]) -> None:
    """Append the JSON text of ``value`` in pieces: one call per value, dispatched by its exact type;
    ``written()`` after each item of a list."""
    scalar = _SCALARS.get(type(value))
    if scalar is not None:
        put(scalar(value))
    elif isinstance(value, dict):
        if not value:
            put("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise TypeError(f"JSON object keys are strings, not {type(key).__name__}")
            put(separator)
            put(string(key))
            put(": ")
            scalar = _SCALARS.get(type(item))
            if scalar is not None:
                put(scalar(item))
            else:
                _write(item, put, inner, written)
            separator = "," + inner
        put(newline + "}")
    elif isinstance(value, (list, tuple, Each)):
        if not len(value):
            put("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            put(separator)
            _write(item, put, inner, written)
            written()
            separator = "," + inner
        put(newline + "]")
    else:
        raise TypeError(f"no JSON for {type(value).__name__}")
