"""A plan as plain data (:func:`budgetbalans.read.office.importer.import_plan`) → the YAML a person would write.

- Block style, two spaces of indentation, keys in the order of docs/planformat.md (the importer
  builds the data in that order); ``years`` on one line, as the handbook writes it:
  ``years: [2024, 2025, 2026]``.
- Amounts are written as the importer words them, in Swedish notation (``1 750 000``,
  ``0,5 mkr``, ``700-1 600``), plain: the plan format reads them as amounts.
- Text from the document is data, never markup: it is written plain only when YAML can read it
  back as nothing but that text (no ``: ``, `` #``, leading indicator, digit, or word YAML gives a
  meaning, such as ``yes``); otherwise in double quotes, every character that could act
  (a line break, a control or invisible character) written as an escape (``\\n``, ``\\u202e``).
  An id of digits is quoted, as the handbook writes it (``id: "1"``).
- At most ``max_bytes`` (the plan file limit of the loader, ``MAX_FILE_BYTES``): the text is measured
  line by line as it is built, and :class:`PlanTooLarge` stops it at the first line over the limit,
  so a plan that every other command would refuse is never made.
- Comments only where the import chose (``# kolumn "Uppskattad effekt helår 2019" → full_year
  från 2019``), on the line above the key, in the run's language.
- What a reader of the text gets back is known as it is written (:func:`dump_plan`): the plain data
  (every scalar the text it stands for) and the line and column of every value and key, so the
  plan can be validated as the file will be read, positions and all, without parsing the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Mapping, Sequence, Union

from budgetbalans.i18n import Lang, Message
from budgetbalans.text import INVISIBLE, shown

__all__ = ["Dumped", "PlanTooLarge", "dump_plan", "plan_yaml", "scalar_text"]

Path = tuple[Union[str, int], ...]
Position = tuple[int, int]

#: Keys whose values are the document's text (quoted when needed); every other value the importer words.
TEXT_KEYS = frozenset({"title", "organisation", "source", "description", "area", "status", "responsible",
                       "schedule", "follow_up", "note", "id", "ref"})
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Words YAML (1.1 or 1.2) may read as something other than text.
_SPECIAL_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "<<", "="})
#: What the importer words itself (an amount, a range, a date): plain, as the handbook writes it.
_WORDED = re.compile(r"-?[0-9][0-9 ,]*(?:-[0-9][0-9 ,]*)?(?: [tm]?kr)?|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]+(?:,[0-9]+)? %")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def scalar_text(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly that text."""
    if _plain_ok(text):
        return text
    return '"' + "".join(_escaped(char) for char in text) + '"'


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or INVISIBLE.search(text) or not text.isprintable():
        return False
    first = text[0]
    if first in _INDICATORS or first.isdigit() or first in "+.":
        return False
    if ": " in text or " #" in text or text.endswith(":") or text.lower() in _SPECIAL_WORDS:
        return False
    return not re.search(r"[\u0085\u2028\u2029\ufeff]", text)


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    if INVISIBLE.match(char) or not char.isprintable():
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return char


def _comment(message: Message, lang: Lang, indent: int) -> str:
    text = " ".join(shown(message.text(lang)).split())
    return " " * indent + "# " + text


class PlanTooLarge(Exception):
    """The plan's text would be longer than ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__(limit)
        self.limit = limit


@dataclass(frozen=True)
class Dumped:
    """A plan file's text and what reading it gives: the plain data (every scalar as the text it stands
    for, as :mod:`budgetbalans.read.yamlsource` reads it) and the (line, column) of every value and key."""

    text: str
    data: dict[str, Any]
    values: dict[Path, Position]
    keys: dict[Path, Position]


class _Writer:
    def __init__(self, comments: Mapping[Path, Sequence[Message]], lang: Lang, max_bytes: int | None) -> None:
        self.comments, self.lang, self.max_bytes = comments, lang, max_bytes
        self.lines: list[str] = []
        self.size = 0
        self.values: dict[Path, Position] = {}
        self.keys: dict[Path, Position] = {}

    def add(self, line: str) -> None:
        self.lines.append(line)
        if self.max_bytes is not None:
            self.size += len(line.encode("utf-8", "surrogatepass")) + 1
            if self.size > self.max_bytes:
                raise PlanTooLarge(self.max_bytes)

    def comment(self, path: Path, indent: int) -> None:
        for message in self.comments.get(path, ()):
            self.add(_comment(message, self.lang, indent))

    def at(self, column: int) -> Position:
        """The position of ``column`` (from 0) on the line written last."""
        return len(self.lines), column + 1

    def mapping(self, data: Mapping[Any, Any], path: Path, where: Path, indent: int,
                first_prefix: str = "") -> dict[str, Any]:
        """Write ``data``'s keys (commented by ``path``) and give what a reader gets back, noting positions
        by ``where`` (the path a reader knows: every key text); a block mapping starts at its first key."""
        plain: dict[str, Any] = {}
        for number, (key, value) in enumerate(data.items()):
            prefix = first_prefix if number == 0 and first_prefix else " " * indent
            if not (number == 0 and first_prefix):
                self.comment((*path, key), indent)
            plain[str(key)] = self.entry(prefix, key, value, (*path, key), (*where, str(key)), indent)
            if number == 0:
                self.values[where] = self.keys[(*where, str(key))]
        return plain

    def head(self, line: str, where: Path, prefix: str) -> None:
        """A key's line; the key stands after ``prefix``."""
        self.add(line)
        self.keys[where] = self.at(len(prefix))

    def entry(self, prefix: str, key: Any, value: Any, path: Path, where: Path, indent: int) -> Any:
        text = path[-2:-1] == ("consequences",)  # an aspect and its text are the document's words
        head = f"{prefix}{scalar_text(key) if text else key}:"
        if key == "years" and isinstance(value, list):
            return self.flow(head, where, prefix, [str(year) for year in value])
        if key == "measures" and isinstance(value, list):
            if not value:
                return self.flow(head, where, prefix, [])
            self.head(head, where, prefix)
            measures = []
            for index, measure in enumerate(value):
                self.comment((*path, index, "id"), indent + 2)
                if index == 0:  # a block sequence starts at its first '-'
                    self.values[where] = (len(self.lines) + 1, indent + 3)
                measures.append(self.mapping(measure, (*path, index), (*where, index), indent + 4,
                                             first_prefix=" " * (indent + 2) + "- "))
            return measures
        if isinstance(value, Mapping) and value:
            self.head(head, where, prefix)
            return self.mapping(value, path, where, indent + 2)
        if isinstance(value, Mapping):  # nothing after the colon: YAML reads no value, right after it
            self.head(head, where, prefix)
            self.values[where] = self.at(len(head))
            return None
        written = self.scalar(key, value, text)
        self.head(f"{head} {written}", where, prefix)
        self.values[where] = self.at(len(head) + 1)
        return self.read_back(written, value)

    def flow(self, head: str, where: Path, prefix: str, items: list[str]) -> list[str]:
        """``key: [a, b]`` on one line: the list starts at its '[', each item where it is written."""
        self.head(f"{head} [{', '.join(items)}]", where, prefix)
        column = len(head) + 2
        self.values[where] = self.at(column - 1)
        for index, item in enumerate(items):
            self.values[(*where, index)] = self.at(column)
            column += len(item) + 2
        return items

    @staticmethod
    def read_back(written: str, value: Any) -> str:
        """What a reader gets for a scalar written as ``written``: its text (quoted text reads back as the
        text it stands for, :func:`scalar_text`)."""
        return str(value) if written.startswith('"') else written

    @staticmethod
    def scalar(key: Any, value: Any, document_text: bool = False) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return str(value)
        text = str(value)
        if key in TEXT_KEYS or document_text:
            return scalar_text(text)
        return text if _plain_ok(text) or _WORDED.fullmatch(text) else scalar_text(text)


def plan_yaml(plan: Mapping[str, Any], comments: Mapping[Path, Sequence[Message]] | None = None,
              lang: Lang = Lang.SV, max_bytes: int | None = None) -> str:
    """The plan file's text; :class:`PlanTooLarge` where it would be longer than ``max_bytes``."""
    return dump_plan(plan, comments, lang, max_bytes).text


def dump_plan(plan: Mapping[str, Any], comments: Mapping[Path, Sequence[Message]] | None = None,
              lang: Lang = Lang.SV, max_bytes: int | None = None) -> Dumped:
    """The plan file's text and what reading it gives; :class:`PlanTooLarge` where it would be longer
    than ``max_bytes``."""
    writer = _Writer(comments or {}, lang, max_bytes)
    data = writer.mapping(plan, (), (), 0)
    return Dumped("\n".join(writer.lines) + "\n", data, writer.values, writer.keys)
