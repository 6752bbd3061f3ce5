"""YAML text to plain data that remembers where every value stood.

The one place for YAML's quirks. The document is built from the parser's events (libyaml's
C parser where available, else PyYAML's pure-Python one), not by PyYAML's constructor, so:

- every scalar stays the text it was written as: ``010`` is not eight, ``1:30`` is not
  ninety, ``yes`` is not a boolean, a date is not a timestamp (the models read the text);
- a key written twice in one mapping is a problem, not "the last one wins" (it is noted in
  :attr:`Source.problems` and reading goes on, so the rest of the file is checked too);
- aliases, merge keys and tags (``!!python/...``) are refused, so nothing expands or runs;
- nesting is bounded while reading, so no input can exhaust the stack;
- a syntax error is told in the controller's words with its likely fix, at the place to fix
  (:func:`_syntax_problem`), never in the parser's words: both parsers' sentences are mapped
  to our own messages, so the outcome does not depend on which parser read the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol, Union

import yaml
from yaml.parser import Parser as _PythonEvents
from yaml.reader import Reader
from yaml.scanner import Scanner

from budgetbalans.errors import clip
from budgetbalans.i18n import Message, quoted, template


class PurePythonParser(Reader, Scanner, _PythonEvents):
    """PyYAML's pure-Python event parser: what reads plans where PyYAML was built without libyaml.

    Tests put it in place of :data:`_Parser` (and ``None`` in place of :data:`_FastParser`) to
    prove every problem is told the same way on both parser paths.
    """

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)  # checks the characters here already
        Scanner.__init__(self)
        _PythonEvents.__init__(self)


class _Events(Protocol):
    def get_event(self) -> Any: ...


_Parser: Callable[[str], _Events]
try:
    from yaml._yaml import CParser

    class _FastParser(CParser):
        """libyaml's composer with a resolver that only tells plain scalars from quoted ones."""

        def descend_resolver(self, parent: object, index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

        def resolve(self, kind: type, value: object, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                return _PLAIN if implicit[0] else _QUOTED
            return _MAP if kind is yaml.MappingNode else _SEQ

    _Parser = CParser  # not ``yaml.CParser``: that name does not exist

except ImportError:  # pragma: no cover - PyYAML built without libyaml (tests patch the names to test it)
    _Parser = PurePythonParser
    _FastParser = None  # type: ignore[assignment, misc]  # the event reader serves alone


#: Deeper than any plan needs (a plan is 5 levels deep); bounds hostile input.
MAX_DEPTH = 20

Path = tuple[Union[str, int], ...]
Position = tuple[int, int]
Value = Union[None, str, list["Value"], dict[str, "Value"]]

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
#: Tags libyaml reports for plain YAML; anything else was written on purpose.
_ALLOWED_TAGS = frozenset({None, "!", "tag:yaml.org,2002:str", "tag:yaml.org,2002:map",
                           "tag:yaml.org,2002:seq"})


# --- messages ----------------------------------------------------------------------------------------
# Values are filled in already shown (quoted() or _shown()); a literal { or } in a wording is {{ or }}.

# What the event builder refuses.
TWO_DOCUMENTS = template(
    "yaml.two_documents",
    sv="filen innehåller mer än en plan (avdelade med ---); ha bara en plan per fil",
    en="more than one YAML document (---) in one file; keep one plan per file")
ALIAS = template(
    "yaml.alias",
    sv="hänvisningar (*{name}) är inte tillåtna i planfiler; skriv ut värdet",
    en="aliases (*{name}) are not allowed in plan files; write the value out")
ANCHOR = template(
    "yaml.anchor",
    sv="ankare (&{name}) är inte tillåtna i planfiler; ta bort ankaret och skriv ut värdet",
    en="anchors (&{name}) are not allowed in plan files; write the value out")
TAG = template(
    "yaml.tag",
    sv="YAML-taggar som {tag} är inte tillåtna i planfiler; ta bort taggen",
    en="YAML tags such as {tag} are not allowed in plan files; remove it")
MERGE_KEY = template(
    "yaml.merge_key",
    sv="sammanslagningsnycklar (<<) är inte tillåtna i planfiler; skriv ut nycklarna",
    en="merge keys (<<) are not allowed in plan files; write the keys out")
DUPLICATE_KEY = template(
    "yaml.duplicate_key",
    sv="nyckeln {key} står två gånger på samma nivå (första gången på rad {line}); behåll en av dem",
    en="the key {key} appears twice in this mapping (first on line {line}); keep one")
KEY_NOT_TEXT = template(
    "yaml.key_not_text",
    sv="en nyckel (det som står före kolonet) måste vara en vanlig text, inte en lista eller flera nycklar",
    en="a key must be plain text, not a list or mapping")
TOO_DEEP = template(
    "yaml.too_deep",
    sv="nästlat mer än {depth} nivåer djupt; en plan har högst 5 nivåer "
       "(se efter att varje [ och {{ stängs, och hur raderna är indragna)",
    en="nested more than {depth} levels deep; a plan is at most 5 levels deep "
       "(check that every [ and {{ is closed, and the indentation)")
CONTROL_CHARACTER = template(
    "yaml.control_character",
    sv="tecknet {code} får inte finnas i en planfil (ett styrtecken, osynligt i de flesta "
       "textredigerare); ta bort det",
    en="the character {code} is not allowed in a plan file (a control character, invisible in most "
       "editors); delete it")

# What the parsers refuse, in our words (see _PROBLEMS for which parser sentence means which).
COLON_IN_TEXT = template(
    "yaml.colon_in_text",
    sv="ett kolon följt av mellanslag i en text läses som en ny nyckel; sätt texten inom "
       "citattecken: {fix}",
    en="a text with ': ' in it reads as a new key; put the text in quotes: {fix}")
MISSING_COLON = template(
    "yaml.missing_colon",
    sv="saknar kolon efter {key}? skriv {fix}",
    en="missing colon after {key}? write {fix}")
SPACE_AFTER_COLON = template(
    "yaml.space_after_colon",
    sv="mellanslag saknas efter kolonet; skriv {fix}",
    en="a space is missing after the colon; write {fix}")
INDENTATION = template(
    "yaml.indentation",
    sv="raden är indragen fel och passar inte ihop med raderna ovanför; ställ {key} rakt under "
       "nycklarna den hör ihop med (dra in med mellanslag)",
    en="the indentation does not fit the lines above; put {key} straight below the keys it belongs "
       "with (indent with spaces)")
ITEM_INDENTATION = template(
    "yaml.item_indentation",
    sv="listraden är indragen fel; ställ '-' rakt under de andra raderna i samma lista, indraget under "
       "nyckeln listan hör till (som measures:)",
    en="this list item is indented wrongly; put its '-' straight below the other items of the same "
       "list, indented below the key the list belongs to (such as measures:)")
UNCLOSED_BRACKET = template(
    "yaml.unclosed_bracket",
    sv="{open} på rad {line} stängs aldrig; avsluta med {close}",
    en="the {open} on line {line} is never closed; end it with {close}")
WRONG_BRACKET = template(
    "yaml.wrong_bracket",
    sv="{open} på rad {line} stängs med {found}; skriv {close}",
    en="the {open} on line {line} is closed with {found}; write {close}")
MISSING_COMMA = template(
    "yaml.missing_comma",
    sv="saknas ett kommatecken före {word}? skriv {fix}",
    en="missing comma before {word}? write {fix}")
COMMA_OR_BRACKET = template(
    "yaml.comma_or_bracket",
    sv="här saknas ett kommatecken, eller {close} som stänger {open} på rad {line}",
    en="a comma is missing here, or the {close} that closes the {open} on line {line}")
EXTRA_BRACKET = template(
    "yaml.extra_bracket",
    sv="{close} här har ingen {open} att stänga; ta bort den",
    en="this {close} has no {open} to close; delete it")
TEXT_AFTER_BRACKET = template(
    "yaml.text_after_bracket",
    sv="text efter {close} som avslutar {open}; ta bort texten, eller skriv den före {close}",
    en="text after the {close} that closes the {open}; delete the text, or write it before the {close}")
COMMENT_IN_BRACKETS = template(
    "yaml.comment_in_brackets",
    sv="'#' efter ett mellanslag inleder en kommentar, så resten av raden läses inte; sätt texten med "
       "'#' inom citattecken, eller skriv kommentaren efter {close}",
    en="a '#' after a space starts a comment, so the rest of the line is not read; put the text with "
       "'#' in quotes, or write the comment after the {close}")
STRAY_COLON = template(
    "yaml.stray_colon",
    sv="ett kolon utan mellanslag efter; skriv ett mellanslag efter kolonet, eller ta bort det",
    en="a colon with no space after it; write a space after the colon, or delete it")
EMPTY_BETWEEN_COMMAS = template(
    "yaml.empty_between_commas",
    sv="ett kommatecken utan något värde före; ta bort kommatecknet eller skriv värdet",
    en="a comma with no value before it; delete the comma or write the value")
TEXT_AFTER_QUOTE = template(
    "yaml.text_after_quote",
    sv="text efter det avslutande citattecknet; sätt hela texten inom citattecken: {fix}",
    en="text after the closing quote; put all of the text inside the quotes: {fix}")
UNCLOSED_QUOTE = template(
    "yaml.unclosed_quote",
    sv="citattecknet {quote} här avslutas inte på sin rad; avsluta texten med ett {quote} till",
    en="the quote {quote} here is not closed on its line; end the text with another {quote}")
BACKSLASH = template(
    "yaml.backslash",
    sv="ett omvänt snedstreck inom dubbla citattecken inleder ett specialtecken; använd enkla "
       "citattecken: {fix}",
    en="a backslash inside double quotes starts a special character; use single quotes instead: {fix}")
TAB = template(
    "yaml.tab",
    sv="ett tabbtecken; skriv mellanslag i stället (dra in med mellanslag, inte tabb)",
    en="a tab character; write spaces instead (indent with spaces, not tabs)")
STRAY_SIGN = template(
    "yaml.stray_sign",
    sv="tecknet {char} i början av raden hör inte hit; ta bort det",
    en="the {char} at the start of the line does not belong there; delete it")
RESERVED_START = template(
    "yaml.reserved_start",
    sv="en text kan inte börja med {char}; sätt texten inom citattecken: {fix}",
    en="a text cannot start with {char}; put the text in quotes: {fix}")
PERCENT_LINE = template(
    "yaml.percent_line",
    sv="en rad kan inte börja med '%'; ta bort raden, eller sätt texten inom citattecken",
    en="a line cannot start with '%'; delete the line, or put the text in quotes")
DOCUMENT_END = template(
    "yaml.document_end",
    sv="raden '...' avslutar planen, men mer text följer; ta bort raden '...'",
    en="the line '...' ends the plan, but more text follows; delete the line '...'")
MINUS_SPACE = template(
    "yaml.minus_space",
    sv="ett mellanslag efter minustecknet gör det till en listrad; skriv minus direkt före talet: {fix}",
    en="a space after the minus sign makes it a list item; write the minus right before the number: {fix}")
DASH_AFTER_KEY = template(
    "yaml.dash_after_key",
    sv="en listrad, '- ', kan inte börja efter en nyckel på samma rad; skriv varje '- ' på en egen rad "
       "under nyckeln, indragen, eller sätt texten inom citattecken",
    en="a list item, '- ', cannot start after a key on the same line; write each '- ' on a line of "
       "its own below the key, indented, or put the text in quotes")
VALUE_WITHOUT_KEY = template(
    "yaml.value_without_key",
    sv="ett värde utan nyckel; skriv värdet efter sin nyckel på samma rad, som years: [2024, 2025]",
    en="a value with no key; write it after its key on the same line, such as years: [2024, 2025]")
COLON_WITHOUT_KEY = template(
    "yaml.colon_without_key",
    sv="ett kolon utan nyckel före; skriv nyckeln före kolonet, som title: …",
    en="a colon with no key before it; write the key before the colon, such as title: …")
INVISIBLE_CHARACTER = template(
    "yaml.invisible_character",
    sv="ett osynligt tecken ({code}) före texten på raden; ta bort det",
    en="an invisible character ({code}) before the text on this line; delete it")
UNREADABLE = template(
    "yaml.unreadable",
    sv="planen kan inte läsas härifrån; se efter kolon efter nycklarna, citattecken, klamrar och "
       "indrag på raden och raderna ovanför",
    en="the plan cannot be read from here; check the colons after keys, the quotes, the brackets and "
       "the indentation on this line and the lines above")


class YamlProblem(Exception):
    """The text cannot be read as plain YAML data; ``line``/``column`` are 1-based."""

    def __init__(self, line: int, column: int, message: Message) -> None:
        self.line, self.column, self.message = line, column, message
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
    except yaml.YAMLError:
        raise YamlProblem(1, 1, UNREADABLE()) from None
    finally:
        dispose = getattr(parser, "dispose", None)
        if dispose is not None:
            dispose()


def missing_colon(text: str) -> Message | None:
    """The missing-colon message for a text that stands where keys were due, or ``None``.

    A line such as ``title Hemtjänst`` that YAML could read (as the last line of the file, or of a
    list item) is a text, not a key; the caller that expected keys there can give this message.
    """
    return _no_colon_message(text.strip())


def _character_problem(text: str, error: yaml.reader.ReaderError) -> YamlProblem:
    """A character YAML does not allow (a control character); the first one is where the parser stopped."""
    character = chr(error.character) if isinstance(error.character, int) else str(error.character)
    index = max(text.find(character), 0)
    lines = _LINE_BREAKS.split(text[:index])
    return YamlProblem(len(lines), len(lines[-1]) + 1, CONTROL_CHARACTER(code=f"U+{ord(character[:1] or ' '):04X}"))


# --- the parsers' syntax errors in our words ----------------------------------------------------------

#: What YAML counts as a line break (libyaml and PyYAML alike), so positions match the parser's.
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

#: The start of a parser's problem sentence → what it means. libyaml (C) and PyYAML (pure Python)
#: word some differently; both are listed. Anything not here is told as UNREADABLE.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "colon"),           # C "… in this context", Python "… here"
    ("could not find expected ':'", "no_colon"),           # both, "while scanning a simple key"
    ("did not find expected ',' or", "flow_end"),          # C, "while parsing a flow mapping/sequence"
    ("expected ',' or", "flow_end"),                       # Python "expected ',' or '}', but got …"
    ("did not find expected key", "block_end"),            # C, "while parsing a block mapping"
    ("did not find expected '-' indicator", "block_end"),  # C, "while parsing a block collection"
    ("expected <block end>", "block_end"),                 # Python, for both
    ("did not find expected node content", "node"),        # C
    ("expected the node content", "node"),                 # Python
    ("block sequence entries are not allowed", "dash"),    # C
    ("sequence entries are not allowed", "dash"),          # Python
    ("found character", "character"),                      # both: "… that cannot start any token"
    ("mapping keys are not allowed", "block_end"),         # both: a '?' after a value
    ("found unexpected ':'", "stray_colon"),               # C (older libyaml), "while scanning a plain scalar"
    ("found a tab character", "tab"),                      # C (libyaml 0.2.3 and newer)
    ("exceeded maximum nesting depth", "too_deep"),        # C (libyaml 0.2.6 and newer)
    ("found unexpected end of stream", "quote"),           # both, "while scanning a quoted scalar"
    ("found unexpected document", "quote"),                # C "… indicator", Python "… separator"
    ("found unknown escape character", "escape"),          # both
    ("expected escape sequence", "escape"),                # Python
    ("did not find expected hexdecimal number", "escape"),  # C (sic)
    ("found invalid Unicode character escape code", "escape"),  # C
    ("did not find expected <document start>", "document"),  # C
    ("expected '<document start>'", "document"),           # Python
    ("found incompatible YAML document", "document"),      # both, after '%YAML 2.0'
    ("found duplicate", "document"),                       # both, a '%YAML' or '%TAG' line twice
    ("duplicate tag handle", "document"),                  # Python
)
#: The parser's context sentence, where it says more than the problem (checked first).
_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("while scanning an anchor", "indicator"),             # '&' with no name
    ("while scanning an alias", "indicator"),              # '*' with no name
    ("while scanning a tag", "indicator"),                 # '!'
    ("while parsing a tag", "indicator"),
    ("while scanning a block scalar", "indicator"),        # '|' or '>' with something after it
    ("while scanning a directive", "document"),            # a line that starts with '%'
    ("while scanning a %", "document"),
    ("while parsing a %", "document"),
)
#: Characters that start something special in YAML; a text starting with one needs quotes.
_INDICATORS = "&*!|>@`%"
_BRACKETS = {"{": "}", "[": "]"}
_OPENING = {close: open_ for open_, close in _BRACKETS.items()}
#: A line's indentation and list dashes, before what it says.
_LEAD = re.compile(r"[ ]*(?:-(?:[ ]+|$))*")
#: The colon that ends a key: followed by a space, a tab or the end of the line.
_KEY_COLON = re.compile(r":(?:[ \t]|$)")
#: A word that can be a key as written (no quotes, brackets or other YAML signs in front).
_KEY_WORD = re.compile(r"[^\s'\"\[\]{}#&*!|>%@`,?:-][^\s:]*")
_WORD = re.compile(r"[^\s]+")


@dataclass(frozen=True)
class _Spot:
    """Where a parser stopped: the file's lines, the problem's place and the place it began (0-based)."""

    lines: list[str]
    line: int
    column: int
    begun: Position | None

    @property
    def text(self) -> str:
        return self.lines[self.line] if self.line < len(self.lines) else ""

    @property
    def found(self) -> str:
        return self.text[self.column:self.column + 1]


_Told = tuple[int, int, Message]  # a 0-based line and column, and the message


def _syntax_problem(text: str, error: yaml.MarkedYAMLError) -> YamlProblem:
    lines = _LINE_BREAKS.split(text)
    mark = error.problem_mark or error.context_mark
    line, column = _within(lines, mark.line, mark.column) if mark else (0, 0)
    begun = error.context_mark
    spot = _Spot(lines, line, column, _within(lines, begun.line, begun.column) if begun else None)
    kind = _kind(str(error.problem or ""), str(error.context or ""))
    told_line, told_column, message = _TRANSLATIONS.get(kind, _unreadable)(spot)
    return YamlProblem(told_line + 1, told_column + 1, message)


def _kind(problem: str, context: str) -> str:
    """What went wrong: the problem's kind, unless the context says more (a tab or depth is always itself)."""
    kind = next((kind for start, kind in _PROBLEMS if problem.startswith(start)), "")
    if kind in ("tab", "too_deep"):
        return kind
    return next((kind for start, kind in _CONTEXTS if context.startswith(start)), kind)


def _within(lines: list[str], line: int, column: int) -> Position:
    """A 0-based position past the last written line (libyaml's "end of file") moved to the end of that line."""
    last = next((index for index in range(len(lines) - 1, -1, -1) if lines[index].strip(" ")), 0)
    return (last, len(lines[last])) if line > last else (line, column)


def _unreadable(spot: _Spot) -> _Told:
    return spot.line, spot.column, UNREADABLE()


def _too_deep(spot: _Spot) -> _Told:
    return spot.line, spot.column, TOO_DEEP(depth=MAX_DEPTH)


def _tab(spot: _Spot) -> _Told:
    return spot.line, spot.column, TAB()


def _character(spot: _Spot) -> _Told:
    """A character no YAML token starts with: a tab, or '@', '`' or '%' at the start of a text."""
    if spot.found == "\t":
        return _tab(spot)
    if spot.found == "%" and spot.column == 0:
        return spot.line, 0, PERCENT_LINE()
    if spot.found and spot.found in _INDICATORS:
        return _reserved(spot.lines, spot.line, spot.column)
    return _unreadable(spot)


def _indicator(spot: _Spot) -> _Told:
    """A sign that starts an anchor, alias, tag or block text ('&', '*', '!', '|', '>') used as text."""
    line, column = spot.begun or (spot.line, spot.column)
    character = spot.lines[line][column:column + 1]
    if character == "%" and column == 0:
        return line, 0, PERCENT_LINE()
    if character == "!":  # a tag libyaml cannot read is still a tag (PyYAML reads it, and it is refused)
        return line, column, TAG(tag=_shown(clip(spot.lines[line][column:].split(maxsplit=1)[0])))
    if character and character in _INDICATORS:
        return _reserved(spot.lines, line, column)
    return _unreadable(spot)


def _reserved(lines: list[str], line: int, column: int) -> _Told:
    """A text that starts with a sign YAML reserves; or a stray sign before a key ('@title: T')."""
    text = lines[line]
    if column == _lead(text) and _KEY_COLON.search(_uncommented(text), column + 1):
        return line, column, STRAY_SIGN(char=quoted(text[column]))
    before = text[:column].rstrip(" \t")
    if before.endswith(("\"", "'")) and before.strip(" -") not in ("\"", "'"):  # 'title: "Plan" @'
        return line, column, TEXT_AFTER_QUOTE(fix=_shown(_requoted_line(_uncommented(text[_lead(text):]))))
    written = _uncommented(text)
    end = len(written)
    if sum(1 if character in "[{" else -1 for character in written[:column] if character in "[]{}") > 0:
        # inside '[…]' or '{…}': the text ends at the next ',', ']' or '}'
        end = next((index for index in range(column, len(written)) if written[index] in ",]}"), end)
    fix = written[_lead(text):column] + _requoted(written[column:end].strip()) + written[end:]
    return line, column, RESERVED_START(char=quoted(text[column]), fix=_shown(fix))


def _colon(spot: _Spot) -> _Told:
    """A ':' where no key may start: in a text after a key, or ending a key YAML read as more text."""
    text = spot.text
    start = _lead(text)
    if _KEY_COLON.search(text, start, spot.column):  # 'title: Minska övertid: mertid'
        return spot.line, spot.column, COLON_IN_TEXT(fix=_shown(_quoted_value(text[start:])))
    # The ':' ends the first word of its line, read as the end of a text begun on a line above.
    begun = _text_begun(spot.lines, spot.line)
    if begun is None:
        if start < spot.column and any(_content(line) for line in spot.lines[:spot.line]):
            return spot.line, start, INDENTATION(key=_key_at(text, start))
        return _unreadable(spot)
    message = _no_colon_message(spot.lines[begun][_lead(spot.lines[begun]):])
    if message is None:
        return _unreadable(spot)
    return begun, _lead(spot.lines[begun]), message


def _text_begun(lines: list[str], line: int) -> int | None:
    """The line a text that runs on to ``line`` began on, when that line is not a 'key: value'.

    YAML reads lines without a key (and a deeper indented line) as the continuation of the text
    above; going back over such lines finds where the text began. ``None`` when the line above
    is a key (then ``line`` is only indented too deep), or when the text is a key's value that
    runs on (``title: Hemtjänst`` and an indented line under it).
    """
    begun = None
    index = line - 1
    while index >= 0:
        written = _content(lines[index])
        if written:
            if _KEY_COLON.search(written):
                break
            begun = index
            if _lead(lines[index]) > _indent(lines[index]):  # a '- ' item starts here
                return begun
        index -= 1
    if begun is None or index < 0:
        return begun
    above = lines[index]
    colon = _KEY_COLON.search(above, _lead(above))
    if colon is not None and _content(above[colon.end():]) and _indent(lines[begun]) > _lead(above):
        return None  # the value of the key above, running on
    return begun


def _no_colon(spot: _Spot) -> _Told:
    """A line that began like a key ('title Hemtjänst') and ended without its ':'.

    Or a line that begins with a quote or bracket not closed on it, or with a sign such as '!'.
    """
    line, column = spot.begun or (spot.line, spot.column)
    text = spot.lines[line]
    first = text[column:column + 1]
    if first in ("\"", "'") and text.find(first, column + 1) < 0:
        return line, column, UNCLOSED_QUOTE(quote=first)
    written = _uncommented(text)
    if first in _BRACKETS and written.count(first) > written.count(_BRACKETS[first]):
        return line, len(written), UNCLOSED_BRACKET(open=quoted(first), close=quoted(_BRACKETS[first]), line=line + 1)
    if first and first in _INDICATORS:
        return _reserved(spot.lines, line, column)
    # 'title Hemtjänst', else a value such as '[2024, 2025]' or '-1600' on a line of its own
    return line, column, _no_colon_message(text[column:]) or VALUE_WITHOUT_KEY()


def _no_colon_message(written: str) -> Message | None:
    """MISSING_COLON (or SPACE_AFTER_COLON) for a line that says ``key value`` without the ': '."""
    words = _WORD.match(_uncommented(written))
    if words is None:
        return None
    word, rest = words.group(), _uncommented(written)[words.end():].strip()
    if ":" in word and _KEY_WORD.match(word):  # 'unit:tkr'
        key, value = word.split(":", 1)
        return SPACE_AFTER_COLON(fix=_shown(f"{key}: {value}{' ' + rest if rest else ''}"))
    if not _KEY_WORD.fullmatch(word):
        return None
    return MISSING_COLON(key=quoted(word), fix=_shown(f"{word}: {rest}" if rest else f"{word}:"))


def _flow_end(spot: _Spot) -> _Told:
    """A '[' or '{' whose values go on without a ',' between them, or without the closing bracket."""
    opened_line, opened_column = spot.begun or (spot.line, spot.column)
    opening = spot.lines[opened_line][opened_column:opened_column + 1]
    if opening not in _BRACKETS:
        return _unreadable(spot)
    closing = _BRACKETS[opening]
    shown: dict[str, Union[str, int]] = {"open": quoted(opening), "close": quoted(closing), "line": opened_line + 1}
    if _nothing_after(spot.lines, spot.line, spot.column) or (
            spot.line > opened_line and _indent(spot.text) <= _indent(spot.lines[opened_line])):
        # the end of the file, or the next key or '- ' item: the bracket was not closed before it
        line, column = _end_before(spot.lines, spot.line, spot.column if spot.line == opened_line else 0)
        comment = _comment_start(spot.lines[line])
        if comment >= 0 and closing in spot.lines[line][comment:]:  # '{2024: 500 # osäker}'
            return line, comment, COMMENT_IN_BRACKETS(close=quoted(closing))
        return line, column, UNCLOSED_BRACKET(**shown)
    if spot.found in _OPENING:
        return spot.line, spot.column, WRONG_BRACKET(**shown, found=quoted(spot.found))
    return _missing_comma(spot) or (spot.line, spot.column, COMMA_OR_BRACKET(**shown))


def _missing_comma(spot: _Spot) -> _Told | None:
    """'{2024: 500 2025: 600}': the parser stops at the ':' of a key that needed a ',' before it."""
    if spot.found != ":":
        return None
    start = spot.column
    while start > 0 and spot.text[start - 1] not in " \t,[]{}":
        start -= 1
    before = spot.text[:start].rstrip(" \t")
    if start == spot.column or not before or before[-1] in ",[{":
        return None
    fix = before[_lead(before):] + "," + _uncommented(spot.text[len(before):])
    return spot.line, start, MISSING_COMMA(word=quoted(spot.text[start:spot.column]), fix=_shown(fix))


def _block_end(spot: _Spot) -> _Told:
    """Something where the next key or '- ' item of the same indentation was due."""
    if spot.found in _OPENING:
        return spot.line, spot.column, EXTRA_BRACKET(close=quoted(spot.found), open=quoted(_OPENING[spot.found]))
    if spot.found in _BRACKETS and _open_bracket(spot.lines, spot.line, len(spot.text)) == (spot.line, spot.column):
        written = _uncommented(spot.text)  # a '[' or '{' not closed on its line, where a key was due
        return spot.line, len(written), UNCLOSED_BRACKET(open=quoted(spot.found), close=quoted(_BRACKETS[spot.found]),
                                                         line=spot.line + 1)
    before = spot.text[:spot.column].rstrip(" \t")
    if before.endswith(("\"", "'")) and before.strip(" -") not in ("\"", "'"):  # 'title: "Minska" övertid'
        start = _lead(spot.text)
        return spot.line, spot.column, TEXT_AFTER_QUOTE(fix=_shown(_requoted_line(_uncommented(spot.text[start:]))))
    if before.endswith(tuple(_OPENING)):  # 'years: [2024, 2025] och 2026'
        return spot.line, spot.column, TEXT_AFTER_BRACKET(close=quoted(before[-1]), open=quoted(_OPENING[before[-1]]))
    if spot.found == "-":
        return spot.line, spot.column, ITEM_INDENTATION()
    if spot.found == ":":
        return spot.line, spot.column, COLON_WITHOUT_KEY()
    if spot.found == "?":  # '? ' starts a key in YAML
        return _reserved(spot.lines, spot.line, spot.column)
    unseen = next((index for index, character in enumerate(before) if character not in " -"), None)
    if unseen is not None and not before[unseen].isprintable():  # a byte order mark before the key
        return spot.line, unseen, INVISIBLE_CHARACTER(code=f"U+{ord(before[unseen]):04X}")
    if unseen is None and _KEY_WORD.match(spot.text, spot.column) or spot.found in ("\"", "'"):
        return spot.line, spot.column, INDENTATION(key=_key_at(spot.text, spot.column))
    if unseen is None and spot.found.strip():  # ', 2024: 500' where a key was due
        return spot.line, spot.column, STRAY_SIGN(char=quoted(spot.found))
    return _unreadable(spot)


def _node(spot: _Spot) -> _Told:
    """Nothing where a value was due: ',,', a '-' with a space, a ']' or '}' too many."""
    if spot.found == "-":
        return _dash(spot)
    if spot.found == ",":
        return spot.line, spot.column, EMPTY_BETWEEN_COMMAS()
    if spot.found in _OPENING:
        return spot.line, spot.column, EXTRA_BRACKET(close=quoted(spot.found), open=quoted(_OPENING[spot.found]))
    if spot.found == ":":
        return spot.line, spot.column, COLON_WITHOUT_KEY()
    if spot.found == "?":
        return _reserved(spot.lines, spot.line, spot.column)
    comment = _comment_start(spot.text)
    closing = next((close for close in _OPENING if comment >= 0 and close in spot.text[comment:]), None)
    if closing is not None:  # '{2024: #500}': the rest of the line, and the '}', is a comment
        return spot.line, comment, COMMENT_IN_BRACKETS(close=quoted(closing))
    opened = _open_bracket(spot.lines, spot.line, spot.column)
    if opened is not None and _nothing_after(spot.lines, spot.line, spot.column):  # '[2024,' and the end
        opening = spot.lines[opened[0]][opened[1]]
        line, column = _end_before(spot.lines, spot.line, spot.column)
        return line, column, UNCLOSED_BRACKET(open=quoted(opening), close=quoted(_BRACKETS[opening]),
                                              line=opened[0] + 1)
    return _unreadable(spot)


def _stray_colon(spot: _Spot) -> _Told:
    return spot.line, spot.column, STRAY_COLON()


def _dash(spot: _Spot) -> _Told:
    """'- ' after a key on the same line: a list item where it cannot start, or a minus with a space."""
    after = spot.text[spot.column + 1:].lstrip(" ")
    if after[:1].isdigit():  # '2024: - 500'
        start = _lead(spot.text)
        fix = spot.text[start:spot.column] + "-" + _uncommented(after).strip()
        return spot.line, spot.column, MINUS_SPACE(fix=_shown(fix))
    return spot.line, spot.column, DASH_AFTER_KEY()


def _quote(spot: _Spot) -> _Told:
    """A quoted text whose closing quote never came (the file ended, or '---' came first)."""
    line, column = spot.begun or (spot.line, spot.column)
    quote = spot.lines[line][column:column + 1]
    if quote not in ("\"", "'"):
        return _unreadable(spot)
    return line, column, UNCLOSED_QUOTE(quote=quote)


def _escape(spot: _Spot) -> _Told:
    """A backslash in double quotes ('C:\\Users') that does not start a known special character."""
    opened = spot.begun[1] if spot.begun and spot.begun[0] == spot.line else 0
    backslash = spot.text.rfind("\\", opened, spot.column + 1)
    if backslash < 0:
        return _unreadable(spot)
    closing = spot.text.rfind("\"")
    inner = spot.text[opened + 1:closing] if closing > opened else spot.text[opened + 1:]
    fix = spot.text[_lead(spot.text):opened] + "'" + inner.replace("'", "''") + "'"
    return spot.line, backslash, BACKSLASH(fix=_shown(fix))


def _document(spot: _Spot) -> _Told:
    """Something after the plan: a '%' line (a YAML directive) or a '...' line (the end of the document)."""
    for index, text in enumerate(spot.lines[:spot.line + 1]):
        if text.startswith("%"):
            return index, 0, PERCENT_LINE()
        if text.rstrip() == "..." and index < spot.line:
            return index, 0, DOCUMENT_END()
    if spot.found == ":":
        return spot.line, spot.column, COLON_WITHOUT_KEY()
    # The plan ended early: its first line was indented deeper than the next, or began a quote.
    first = next((index for index, text in enumerate(spot.lines[:spot.line]) if _content(text)), None)
    if first is not None:
        text = spot.lines[first]
        start = _indent(text)
        if text[start:start + 1] in ("\"", "'") and text.find(text[start], start + 1) < 0:
            return first, start, UNCLOSED_QUOTE(quote=text[start])
        if text[start:start + 1] in ("|", ">"):  # '| text' on the first line: the whole plan is one text
            return _reserved(spot.lines, first, start)
        if first < spot.line and start > _indent(spot.text) and spot.found.strip():
            return first, start, INDENTATION(key=_key_at(text, start))
        message = _no_colon_message(text[start:]) if not _KEY_COLON.search(_content(text)) else None
        if first < spot.line and message is not None:  # 'title Hemtjänst  # comment', then the next key
            return first, start, message
    return _unreadable(spot)


_TRANSLATIONS: dict[str, Callable[[_Spot], _Told]] = {
    "colon": _colon, "no_colon": _no_colon, "flow_end": _flow_end, "block_end": _block_end,
    "node": _node, "dash": _dash, "character": _character, "tab": _tab, "too_deep": _too_deep,
    "quote": _quote, "escape": _escape, "document": _document, "indicator": _indicator,
    "stray_colon": _stray_colon,
}


# Reading lines. Each is linear in the length of what it reads (no regular expression here can
# backtrack), so even a hostile line of a megabyte is told in linear time.

def _lead(text: str) -> int:
    """Where a line's key or text begins: after its indentation and any '- ' item dashes."""
    match = _LEAD.match(text)
    return match.end() if match else 0


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _comment_start(text: str) -> int:
    """Where a '# comment' begins in a line (a '#' at the start, or after a space, '[', '{' or ','), or -1."""
    index = text.find("#")
    while index > 0 and text[index - 1] not in " \t[{,":
        index = text.find("#", index + 1)
    return index


def _uncommented(text: str) -> str:
    """``text`` without a '# comment' at its end, right-stripped."""
    index = _comment_start(text)
    return (text if index < 0 else text[:index]).rstrip()


def _content(text: str) -> str:
    """What a line says: nothing for a blank or comment line."""
    return _uncommented(text).strip()


def _nothing_after(lines: list[str], line: int, column: int) -> bool:
    """Nothing but blanks and comments from this position to the end of the file."""
    rest = lines[line][column:] if line < len(lines) else ""
    return not _content(rest) and not any(_content(text) for text in lines[line + 1:])


def _open_bracket(lines: list[str], line: int, column: int) -> Position | None:
    """The last '[' or '{' before this position that is not closed before it (quotes not considered)."""
    depth = 0
    for index in range(min(line, len(lines) - 1), -1, -1):
        written = _uncommented(lines[index][:column] if index == line else lines[index])
        for position in range(len(written) - 1, -1, -1):
            character = written[position]
            if character in _OPENING:
                depth += 1
            elif character in _BRACKETS:
                if depth == 0:
                    return index, position
                depth -= 1
    return None


def _end_before(lines: list[str], line: int, column: int) -> Position:
    """The end of what is written before this position: on its line, else on the last line above with text."""
    if line < len(lines) and _content(lines[line][:column]):
        return line, len(_uncommented(lines[line][:column]))
    for index in range(min(line, len(lines)) - 1, -1, -1):
        if _content(lines[index]):
            return index, len(_uncommented(lines[index]))
    return 0, 0


def _key_at(text: str, column: int) -> str:
    """The key (or first word) that starts at ``column``, quoted."""
    word = _WORD.match(text, column)
    return quoted((word.group() if word else "").removesuffix(":") or text.strip())


def _quoted_value(written: str) -> str:
    """``key: value`` with the value in quotes: the fix for a value that holds ': '."""
    colon = _KEY_COLON.search(written)
    if colon is None:
        return _requoted(_uncommented(written))
    return f"{written[:colon.start()]}: {_requoted(_uncommented(written[colon.end():]).strip())}"


def _requoted_line(written: str) -> str:
    """``key: "value" more`` as ``key: "value more"``: a quoted text with text after its closing quote."""
    colon = _KEY_COLON.search(written)
    key, value = (written[:colon.start()] + ": ", written[colon.end():].strip()) if colon else ("", written)
    if value[:1] in ("\"", "'"):
        quote = value[0]
        inner = value[1:-1] if value.endswith(quote) and len(value) > 1 else value[1:].replace(quote, "", 1)
        value = inner.replace("''", "'") if quote == "'" else inner
    return key + _requoted(value)


def _requoted(text: str) -> str:
    """``text`` in double quotes, or in single quotes when it holds a double quote or a backslash."""
    if "\"" not in text and "\\" not in text:
        return f"\"{text}\""
    return "'" + text.replace("'", "''") + "'"


def _shown(text: str) -> str:
    """Text for the reader to write, as :func:`quoted` shows it (clipped, invisibles visible) but without its quotes."""
    return quoted(text, 60)[1:-1]


# --- the event builder -----------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.source = Source(None)
        self.stack: list[_Frame] = []
        self.documents = 0

    def build(self, parser: _Events) -> Source:
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
            raise _problem(event, TWO_DOCUMENTS())

    def _alias(self, event: yaml.AliasEvent) -> None:
        raise _problem(event, ALIAS(name=_shown(clip(str(event.anchor)))))

    def _check_node(self, event: yaml.NodeEvent) -> None:
        tag = getattr(event, "tag", None)
        if tag not in _ALLOWED_TAGS:
            raise _problem(event, TAG(tag=_shown(_short_tag(tag))))
        if event.anchor is not None:
            raise _problem(event, ANCHOR(name=_shown(clip(event.anchor))))

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
            raise _problem(event, KEY_NOT_TEXT())
        if len(self.stack) >= MAX_DEPTH:
            raise _problem(event, TOO_DEEP(depth=MAX_DEPTH))
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
            raise _problem(event, MERGE_KEY())
        line, column = _position(event)
        if text in frame.key_lines:
            self.source.problems.append(_problem(event, DUPLICATE_KEY(key=quoted(text), line=frame.key_lines[text])))
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


def _problem(event: yaml.Event, message: Message) -> YamlProblem:
    return YamlProblem(*_position(event), message)


def _short_tag(tag: str | None) -> str:
    return clip(str(tag).replace("tag:yaml.org,2002:", "!!"))
