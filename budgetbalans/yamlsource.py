"""YAML text to plain data that remembers where every value stood.

The one place for YAML's quirks. The document is built from the parser's events (libyaml's
C parser where available), not by PyYAML's constructor, so:

- every scalar stays the text it was written as: ``010`` is not eight, ``1:30`` is not
  ninety, ``yes`` is not a boolean, a date is not a timestamp (the models read the text);
- a key written twice in one mapping is an error, not "the last one wins";
- aliases, merge keys and tags (``!!python/...``) are refused, so nothing expands or runs;
- nesting is bounded while reading, so no input can exhaust the stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

import yaml

try:
    from yaml import CParser as _Parser
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _BaseParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _BaseParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _BaseParser.__init__(self)


_HINTS = {
    "mapping values are not allowed here": " (a text with ': ' in it? put the text in quotes)",
    "found character '\\t' that cannot start any token": " (indent with spaces, not tabs)",
    "found character that cannot start any token": " (a text starting with @, ` or %? put it in quotes)",
}

#: Deeper than any plan needs (a plan is 5 levels deep); bounds hostile input.
MAX_DEPTH = 20

Path = tuple[Union[str, int], ...]
Position = tuple[int, int]
Value = Union[None, str, list["Value"], dict[str, "Value"]]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Tags libyaml reports for plain YAML; anything else was written on purpose.
_ALLOWED_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map",
                           "tag:yaml.org,2002:seq"})


class YamlProblem(Exception):
    """The text cannot be read as plain YAML data; ``line``/``column`` are 1-based."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


@dataclass
class Source:
    """A YAML document as plain data, with the position of every value and key."""

    data: Value
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """The position of the longest prefix of ``path`` that exists in the document.

        Parts that are not data (pydantic's union or validator names) are skipped.
        """
        found: Path = ()
        for part in path:
            candidate = (*found, part)
            if candidate in self.values:
                found = candidate
        if key and found in self.keys and found == tuple(path):
            return self.keys[found]
        return self.values.get(found, (1, 1))


@dataclass
class _Frame:
    container: Union[list[Value], dict[str, Value]]
    path: Path
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


def read_yaml(text: str) -> Source:
    """Parse one YAML document into a :class:`Source`; raise :class:`YamlProblem` if it isn't plain data."""
    parser = _Parser(text)
    try:
        return _Builder().build(parser)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(error.problem or error.context)
        raise YamlProblem(line, column, f"not valid YAML: {problem}{_HINTS.get(problem, '')}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, 1, f"not valid YAML: {error}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


class _Builder:
    def __init__(self) -> None:
        self.source = Source(None)
        self.stack: list[_Frame] = []
        self.documents = 0

    def build(self, parser: _Parser) -> Source:
        handlers = {
            yaml.ScalarEvent: self._scalar,
            yaml.MappingStartEvent: self._start_mapping,
            yaml.SequenceStartEvent: self._start_sequence,
            yaml.MappingEndEvent: self._end,
            yaml.SequenceEndEvent: self._end,
            yaml.AliasEvent: self._alias,
            yaml.DocumentStartEvent: self._document,
        }
        while True:
            event = parser.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return self.source
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def _document(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _problem(event, "more than one YAML document (---) in one file; keep one plan per file")

    def _alias(self, event: yaml.Event) -> None:
        raise _problem(event, "aliases (*name) are not allowed in plan files; write the value out")

    def _check_node(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            raise _problem(event, f"YAML tags such as {_short_tag(tag)} are not allowed in plan files; remove it")
        if event.anchor is not None:
            raise _problem(event, f"anchors (&{event.anchor}) are not allowed in plan files; write the value out")

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_node(event)
        plain = event.style is None or event.style == ""
        if self._take_key(event, event.value):
            return
        self._place(None if plain and event.value in _NULLS else event.value, event)

    def _start_mapping(self, event: yaml.MappingStartEvent) -> None:
        self._start(event, {})

    def _start_sequence(self, event: yaml.SequenceStartEvent) -> None:
        self._start(event, [])

    def _start(self, event: yaml.NodeEvent, container: Union[list[Value], dict[str, Value]]) -> None:
        self._check_node(event)
        if self.stack and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None:
            raise _problem(event, "a key must be plain text, not a list or mapping")
        if len(self.stack) >= MAX_DEPTH:
            raise _problem(event, f"nested more than {MAX_DEPTH} levels deep; a plan is at most 5 levels deep")
        path = self._place(container, event)
        self.stack.append(_Frame(container, path))

    def _end(self, event: yaml.Event) -> None:
        self.stack.pop()

    def _take_key(self, event: yaml.ScalarEvent, text: str) -> bool:
        """If a mapping waits for a key, ``text`` is that key."""
        if not self.stack:
            return False
        frame = self.stack[-1]
        if not isinstance(frame.container, dict) or frame.key is not None:
            return False
        if text == "<<" and event.style is None:
            raise _problem(event, "merge keys (<<) are not allowed in plan files; write the keys out")
        if text in frame.key_lines:
            raise _problem(
                event,
                f"the key {text!r} appears twice in this mapping (first on line {frame.key_lines[text]}); "
                "keep one",
            )
        line = event.start_mark.line + 1
        frame.key_lines[text] = line
        frame.key = text
        self.source.keys[(*frame.path, text)] = (line, event.start_mark.column + 1)
        return True

    def _place(self, value: Value, event: yaml.Event) -> Path:
        position = (event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.source.data = value
            self.source.values[()] = position
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, dict):
            assert frame.key is not None
            path: Path = (*frame.path, frame.key)
            frame.container[frame.key] = value
            frame.key = None
        else:
            path = (*frame.path, len(frame.container))
            frame.container.append(value)
        self.source.values[path] = position
        return path


def _problem(event: yaml.Event, message: str) -> YamlProblem:
    return YamlProblem(event.start_mark.line + 1, event.start_mark.column + 1, message)


def _short_tag(tag: str | None) -> str:
    text = str(tag).replace("tag:yaml.org,2002:", "!!")
    return text if len(text) <= 40 else text[:39] + "…"
