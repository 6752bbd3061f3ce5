"""YAML text to plain data that remembers where every value stood.

The one place for YAML's quirks. The document is built from the parser's events (libyaml's
C parser where available), not by PyYAML's constructor, so:

- every scalar stays the text it was written as: ``010`` is not eight, ``1:30`` is not
  ninety, ``yes`` is not a boolean, a date is not a timestamp (the models read the text);
- a key written twice in one mapping is a problem, not "the last one wins" (it is noted in
  :attr:`Source.problems` and reading goes on, so the rest of the file is checked too);
- aliases, merge keys and tags (``!!python/...``) are refused, so nothing expands or runs;
- nesting is bounded while reading, so no input can exhaust the stack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Union

import yaml

from budgetbalans.errors import clip
from budgetbalans.messages import Message, as_message

try:
    from yaml._yaml import CParser as _Parser  # not ``yaml.CParser``: that name does not exist

    class _FastParser(_Parser):
        """libyaml's composer with a resolver that only tells plain scalars from quoted ones."""

        def descend_resolver(self, parent: object, index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else _QUOTED
            return _MAP if kind is yaml.MappingNode else _SEQ

except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml.parser import Parser as _BaseParser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, _BaseParser):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            _BaseParser.__init__(self)

    _FastParser = None  # type: ignore[assignment, misc]  # the event reader serves alone


#: Hints for libyaml's and PyYAML's wording of the usual mistakes, by the start of the problem.
_HINTS = {
    "mapping values are not allowed": " (a text with ': ' in it? put the text in quotes)",
    "found character": " (a text starting with @, ` or %? put it in quotes)",
}
_TAB_HINT = " (indent with spaces, not tabs)"

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

    def __init__(self, line: int, column: int, message: Message | str) -> None:
        self.line, self.column, self.message = line, column, as_message(message)
        super().__init__(str(self.message))


@dataclass
class Source:
    """A YAML document as plain data, with the position of every value and key.

    ``problems``: what is wrong but did not stop the reading (a key written twice).
    """

    data: Value
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)
    problems: list[YamlProblem] = field(default_factory=list)

    def position(self, path: Path, *, key: bool = False) -> Position:
        """The position of the longest prefix of ``path`` that exists in the document.

        Parts that are not data (pydantic's union or validator names) are skipped. With ``key``,
        the position of the key itself, when the last part of ``path`` names one.
        """
        found: Path = ()
        last_found = False
        for part in path:
            candidate = (*found, part)
            last_found = candidate in self.values
            if last_found:
                found = candidate
        if key and last_found and found in self.keys:
            return self.keys[found]
        return self.values.get(found, (1, 1))


@dataclass
class _Frame:
    container: Union[list[Value], dict[str, Value]]
    path: Path
    key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


class NotPlain(Exception):
    """The fast reading cannot vouch for this text; :func:`read_yaml` reads it and says why."""


#: Above these the C composer's recursion could exhaust the stack, so the event reader is used.
_FAST_MAX_BRACKETS = 1000
_FAST_MAX_INDENT = re.compile(r"\n {200}")
_PLAIN, _QUOTED, _MAP, _SEQ = "plain", "quoted", "map", "seq"


def read_plain(text: str) -> Value:
    """The data of a plan file, fast and without positions, or :class:`NotPlain`.

    For files that turn out valid, positions are never needed; this reads with libyaml's
    composer and builds the same plain data as :func:`read_yaml`. Anything out of the ordinary
    (a syntax error, a tag, an anchor, a key twice, deep nesting) raises :class:`NotPlain`, and
    the caller reads the file again with :func:`read_yaml`, which reports it with its position.
    """
    if _FastParser is None or "&" in text or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS \
            or _FAST_MAX_INDENT.search(text):
        raise NotPlain
    parser = _FastParser(text)
    try:
        node = parser.get_single_node()
    except yaml.YAMLError:
        raise NotPlain from None
    finally:
        parser.dispose()
    return None if node is None else _plain_data(node, 0)


def _plain_data(node: yaml.Node, depth: int) -> Value:
    tag = node.tag
    if tag is _PLAIN:
        return None if node.value in _NULLS else str(node.value)
    if tag is _QUOTED:
        return str(node.value)
    if depth >= MAX_DEPTH:
        raise NotPlain
    if tag is _SEQ:
        return [_plain_data(item, depth + 1) for item in node.value]
    if tag is not _MAP:
        raise NotPlain
    result: dict[str, Value] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if (key_node.tag is not _PLAIN and key_node.tag is not _QUOTED) or key in result or key == "<<":
            raise NotPlain
        result[key] = _plain_data(value_node, depth + 1)
    return result


def read_yaml(text: str) -> Source:
    """Parse one YAML document into a :class:`Source`; raise :class:`YamlProblem` if it isn't plain data."""
    parser = None
    try:
        parser = _Parser(text)  # PyYAML's own reader checks the characters here already
        return _Builder().build(parser)
    except yaml.MarkedYAMLError as error:
        raise _syntax_problem(text, error) from None
    except yaml.reader.ReaderError as error:
        raise _character_problem(text, error) from None
    except yaml.YAMLError as error:
        raise YamlProblem(1, 1, f"not valid YAML: {str(error).splitlines()[0]}") from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


#: What YAML counts as a line break (libyaml and PyYAML alike), so positions match the parser's.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _syntax_problem(text: str, error: yaml.MarkedYAMLError) -> YamlProblem:
    mark = error.problem_mark or error.context_mark
    lines = _LINE_BREAKS.split(text)
    line, column = _within(lines, mark.line, mark.column) if mark else (0, 0)
    problem = str(error.problem or error.context)
    found = lines[line][column:column + 1]
    hint = _TAB_HINT if found == "\t" else next(
        (hint for start, hint in _HINTS.items() if problem.startswith(start)), "")
    return YamlProblem(line + 1, column + 1, f"not valid YAML: {problem}{hint}{_context(error, line)}")


def _within(lines: list[str], line: int, column: int) -> tuple[int, int]:
    """A 0-based position past the last written line (libyaml's "end of file") moved to the end of that line."""
    last = next((index for index in range(len(lines) - 1, -1, -1) if lines[index].strip()), 0)
    return (last, len(lines[last])) if line > last else (line, column)


def _context(error: yaml.MarkedYAMLError, line: int) -> str:
    """Where the unfinished part began, when that is on another line than the problem."""
    mark = error.context_mark
    if not error.problem or not error.context or mark is None or mark.line == line:
        return ""
    return f" ({error.context} that starts on line {mark.line + 1}, column {mark.column + 1})"


def _character_problem(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    """A character YAML does not allow (a control character); the first one is where the parser stopped."""
    character = chr(error.character) if isinstance(error.character, int) else str(error.character)
    index = max(text.find(character), 0)
    lines = _LINE_BREAKS.split(text[:index])
    return YamlProblem(len(lines), len(lines[-1]) + 1,
                       f"the character U+{ord(character[:1] or ' '):04X} is not allowed in a plan file "
                       "(a control character, invisible in most editors); delete it")


class _Builder:
    def __init__(self) -> None:
        self.source = Source(None)
        self.stack: list[_Frame] = []
        self.documents = 0

    def build(self, parser: _Parser) -> Source:
        handlers: dict[type[yaml.Event], Callable[[Any], None]] = {
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
            if event is None or isinstance(event, yaml.StreamEndEvent):
                return self.source
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)

    def _document(self, event: yaml.Event) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _problem(event, "more than one YAML document (---) in one file; keep one plan per file")

    def _alias(self, event: yaml.AliasEvent) -> None:
        raise _problem(event, f"aliases (*{clip(str(event.anchor))}) are not allowed in plan files; "
                              "write the value out")

    def _check_node(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            raise _problem(event, f"YAML tags such as {_short_tag(tag)} are not allowed in plan files; remove it")
        if event.anchor is not None:
            raise _problem(event, f"anchors (&{clip(event.anchor)}) are not allowed in plan files; "
                                  "write the value out")

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self._check_node(event)
        if self._take_key(event, event.value):
            return
        self._place(None if _plain(event) and event.value in _NULLS else event.value, event)

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
        if text == "<<" and _plain(event):
            raise _problem(event, "merge keys (<<) are not allowed in plan files; write the keys out")
        line, column = _position(event)
        if text in frame.key_lines:
            self.source.problems.append(_problem(
                event, f"the key {clip(text)!r} appears twice in this mapping (first on line "
                       f"{frame.key_lines[text]}); keep one"))
        else:
            frame.key_lines[text] = line
        frame.key = text
        self.source.keys[(*frame.path, text)] = (line, column)
        return True

    def _place(self, value: Value, event: yaml.Event) -> Path:
        position = _position(event)
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


def _plain(event: yaml.ScalarEvent) -> bool:
    """Written without quotes (PyYAML says ``None``, libyaml ``""``)."""
    return event.style is None or event.style == ""


def _position(event: yaml.Event) -> Position:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _problem(event: yaml.Event, message: str) -> YamlProblem:
    return YamlProblem(*_position(event), message)


def _short_tag(tag: str | None) -> str:
    return clip(str(tag).replace("tag:yaml.org,2002:", "!!"))

