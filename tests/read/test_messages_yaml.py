"""YAML syntax problems in the controller's words (budgetbalans.read.yamlsource), on every parser path.

libyaml's C parser and PyYAML's pure-Python parser (used where PyYAML was built without
libyaml) word their problems differently, and sometimes stop at different places. A plan's
author gets the same answer from either: the place to fix, what is wrong and what to write
instead, in Swedish (the default) or English, never the parser's sentence. Each case below is
read on both paths (the ``parser`` fixture) and pins the exact position and both wordings.
"""

from __future__ import annotations

import re
from string import Formatter

import pytest
import yaml

from budgetbalans.read import yamlsource
from budgetbalans.cli.app import app
from budgetbalans.i18n import TEMPLATES, UNTRANSLATED, Lang
from budgetbalans.read.yamlsource import MAX_DEPTH, NotPlain, YamlProblem, missing_colon, read_plain, read_yaml
from tests.command import runner
from tests.paths import TEST_PLANS

INVALID = TEST_PLANS / "invalid"

PLAN = """\
title: Åtgärdsplan
unit: tkr
years: [2024, 2025]
measures:
  - id: "1"
    title: Minska övertid
    effects: {2024: 500}
"""

#: The parsers' words, which a controller should never have to read.
JARGON = re.compile(r"\b(?:expected|token|scalar|block end|flow|mapping values|simple key|stream|"
                    r"document start|node content|indicator|directive|context|octet)\b", re.IGNORECASE)
#: Python's words and reprs (a user never wrote them).
PYTHON_WORDS = re.compile(r"\b(?:None|True|False|NoneType|dict|str|int|tuple|Decimal|Traceback|"
                          r"Exception|YAMLError|ScannerError|ParserError|libyaml|PyYAML)\b|\\x[0-9a-f]{2}|"
                          r"object at 0x|[\[{(]'|'[\]})]")
QUOTED = re.compile(r"'[^'\n]*'")


def assert_plain_words(sv: str, en: str) -> None:
    """Neither wording shows the parser's words or Python's (outside what it quotes), and they differ."""
    for text in (sv, en):
        assert not JARGON.findall(text), text
        assert not PYTHON_WORDS.findall(QUOTED.sub("''", text)), text
    assert sv != en


@pytest.fixture(params=["libyaml", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Read with libyaml's C parser, or as PyYAML without libyaml does (pure Python, no fast path)."""
    if request.param == "libyaml":
        if yamlsource._FastParser is None:
            pytest.skip("PyYAML was built without libyaml")
    else:
        monkeypatch.setattr(yamlsource, "_Parser", yamlsource.PurePythonParser)
        monkeypatch.setattr(yamlsource, "_FastParser", None)
    return str(request.param)


def told(text: str) -> tuple[int, int, str, str, str]:
    """Line, column, code, Swedish and English text of the one problem that stops reading ``text``."""
    with pytest.raises(YamlProblem) as caught:
        read_yaml(text)
    with pytest.raises(NotPlain):  # the fast reading never vouches for a file that has a problem
        read_plain(text)
    problem = caught.value
    return (problem.line, problem.column, problem.message.code, problem.message.text(Lang.SV),
            problem.message.text(Lang.EN))


def edit(old: str, new: str) -> str:
    assert old in PLAN
    return PLAN.replace(old, new)


MISSING_COLON_CASES = [
    # the first line of the file: YAML reads it and the next line as one text, and stops at 'unit:'
    ("first-line", "title Hemtjänst\nunit: tkr\nmeasures: []\n", (1, 1),
     "saknar kolon efter 'title'? skriv title: Hemtjänst",
     "missing colon after 'title'? write title: Hemtjänst"),
    ("first-line-and-more-text", "title Hemtjänst\noch omsorg\nunit: tkr\nmeasures: []\n", (1, 1),
     "saknar kolon efter 'title'? skriv title: Hemtjänst",
     "missing colon after 'title'? write title: Hemtjänst"),
    ("first-line-with-a-comment", "title Hemtjänst  # rubrik\nunit: tkr\n", (1, 1),
     "saknar kolon efter 'title'? skriv title: Hemtjänst",
     "missing colon after 'title'? write title: Hemtjänst"),
    ("top-level", edit("unit: tkr", "unit tkr"), (2, 1),
     "saknar kolon efter 'unit'? skriv unit: tkr", "missing colon after 'unit'? write unit: tkr"),
    ("comment-after", edit("unit: tkr", "unit tkr  # enhet"), (2, 1),
     "saknar kolon efter 'unit'? skriv unit: tkr", "missing colon after 'unit'? write unit: tkr"),
    ("inside-a-measure", edit("    title: Minska", "    title Minska"), (6, 5),
     "saknar kolon efter 'title'? skriv title: Minska övertid",
     "missing colon after 'title'? write title: Minska övertid"),
    ("first-key-of-a-measure", edit('- id: "1"', '- id "1"'), (5, 5),
     "saknar kolon efter 'id'? skriv id: \"1\"", "missing colon after 'id'? write id: \"1\""),
    ("last-line-of-the-file", PLAN + "    status planerad\n", (8, 5),
     "saknar kolon efter 'status'? skriv status: planerad",
     "missing colon after 'status'? write status: planerad"),
    ("last-line-top-level", "title: T\nmeasures: []\nunit tkr\n", (3, 1),
     "saknar kolon efter 'unit'? skriv unit: tkr", "missing colon after 'unit'? write unit: tkr"),
    ("before-a-list", edit("measures:", "measures"), (4, 1),
     "saknar kolon efter 'measures'? skriv measures:", "missing colon after 'measures'? write measures:"),
    ("before-a-block", edit("effects: {2024: 500}", "effects\n      2024: 500"), (7, 5),
     "saknar kolon efter 'effects'? skriv effects:", "missing colon after 'effects'? write effects:"),
    ("a-year-in-a-block", edit("effects: {2024: 500}", "effects:\n      2024 500\n      2025: 700"), (8, 7),
     "saknar kolon efter '2024'? skriv 2024: 500", "missing colon after '2024'? write 2024: 500"),
    ("windows-line-ends", edit("unit: tkr", "unit tkr").replace("\n", "\r\n"), (2, 1),
     "saknar kolon efter 'unit'? skriv unit: tkr", "missing colon after 'unit'? write unit: tkr"),
]


@pytest.mark.parametrize(("text", "where", "sv", "en"), [case[1:] for case in MISSING_COLON_CASES],
                         ids=[case[0] for case in MISSING_COLON_CASES])
def test_a_missing_colon_is_told_on_the_line_that_lacks_it(parser: str, text: str, where: tuple[int, int],
                                                           sv: str, en: str) -> None:
    assert told(text) == (*where, "yaml.missing_colon", sv, en)


SPACE_AFTER_COLON_SV = "mellanslag saknas efter kolonet; skriv "
SPACE_AFTER_COLON_EN = "a space is missing after the colon; write "


@pytest.mark.parametrize(("text", "where", "fix"), [
    ("title:Åtgärdsplan\nunit: tkr\n", (1, 1), "title: Åtgärdsplan"),
    (edit("unit: tkr", "unit:tkr"), (2, 1), "unit: tkr"),
])
def test_a_missing_space_after_the_colon(parser: str, text: str, where: tuple[int, int], fix: str) -> None:
    assert told(text) == (*where, "yaml.space_after_colon", SPACE_AFTER_COLON_SV + fix, SPACE_AFTER_COLON_EN + fix)


def test_a_text_that_stands_where_keys_were_due_can_be_told_as_a_missing_colon() -> None:
    # 'title Hemtjänst' alone (or as the last line of a list item) is valid YAML: a text. The
    # loader, which knows that keys were due there, can give this message for it.
    message = missing_colon("title Hemtjänst")
    assert message is not None
    assert message.text(Lang.SV) == "saknar kolon efter 'title'? skriv title: Hemtjänst"
    assert message.text(Lang.EN) == "missing colon after 'title'? write title: Hemtjänst"
    assert missing_colon("unit:tkr") is not None
    assert missing_colon("[2024, 2025]") is None
    assert missing_colon("'citerad' text") is None
    assert missing_colon("") is None


# code, Swedish, English: every parser problem we translate, each with its inputs and places.
TRANSLATED = {
    "colon-in-text": (
        edit("title: Minska övertid", "title: Minska övertid: mertid"), (6, 26), "yaml.colon_in_text",
        "ett kolon följt av mellanslag i en text läses som en ny nyckel; sätt texten inom citattecken: "
        "title: \"Minska övertid: mertid\"",
        "a text with ': ' in it reads as a new key; put the text in quotes: title: \"Minska övertid: mertid\""),
    "colon-ends-text": (
        "title: Plan:\n", (1, 12), "yaml.colon_in_text",
        "ett kolon följt av mellanslag i en text läses som en ny nyckel; sätt texten inom citattecken: "
        "title: \"Plan:\"",
        "a text with ': ' in it reads as a new key; put the text in quotes: title: \"Plan:\""),
    "key-indented-too-deep": (
        edit("unit: tkr", "  unit: tkr"), (2, 3), "yaml.indentation",
        "raden är indragen fel och passar inte ihop med raderna ovanför; ställ 'unit' rakt under "
        "nycklarna den hör ihop med (dra in med mellanslag)",
        "the indentation does not fit the lines above; put 'unit' straight below the keys it belongs with "
        "(indent with spaces)"),
    "key-one-space-short": (
        edit("    title:", "   title:"), (6, 4), "yaml.indentation",
        "raden är indragen fel och passar inte ihop med raderna ovanför; ställ 'title' rakt under "
        "nycklarna den hör ihop med (dra in med mellanslag)",
        "the indentation does not fit the lines above; put 'title' straight below the keys it belongs with "
        "(indent with spaces)"),
    "key-one-space-deep": (
        edit("    title:", "     title:"), (6, 6), "yaml.indentation",
        "raden är indragen fel och passar inte ihop med raderna ovanför; ställ 'title' rakt under "
        "nycklarna den hör ihop med (dra in med mellanslag)",
        "the indentation does not fit the lines above; put 'title' straight below the keys it belongs with "
        "(indent with spaces)"),
    "measure-ends-too-early": (
        edit("    effects:", "  effects:"), (7, 3), "yaml.indentation",
        "raden är indragen fel och passar inte ihop med raderna ovanför; ställ 'effects' rakt under "
        "nycklarna den hör ihop med (dra in med mellanslag)",
        "the indentation does not fit the lines above; put 'effects' straight below the keys it belongs "
        "with (indent with spaces)"),
    "item-one-space-short": (
        PLAN + ' - id: "2"\n    title: B\n', (8, 2), "yaml.item_indentation",
        "listraden är indragen fel; ställ '-' rakt under de andra raderna i samma lista, indraget under "
        "nyckeln listan hör till (som measures:)",
        "this list item is indented wrongly; put its '-' straight below the other items of the same list, "
        "indented below the key the list belongs to (such as measures:)"),
    "item-among-keys": (
        "title: T\n- id: '1'\n", (2, 1), "yaml.item_indentation",
        "listraden är indragen fel; ställ '-' rakt under de andra raderna i samma lista, indraget under "
        "nyckeln listan hör till (som measures:)",
        "this list item is indented wrongly; put its '-' straight below the other items of the same list, "
        "indented below the key the list belongs to (such as measures:)"),
    "brace-never-closed": (
        edit("{2024: 500}", "{2024: 500"), (7, 24), "yaml.unclosed_bracket",
        "'{' på rad 7 stängs aldrig; avsluta med '}'", "the '{' on line 7 is never closed; end it with '}'"),
    "brace-never-closed-more-follows": (
        edit("{2024: 500}", "{2024: 500") + '  - id: "2"\n    title: B\n', (7, 24), "yaml.unclosed_bracket",
        "'{' på rad 7 stängs aldrig; avsluta med '}'", "the '{' on line 7 is never closed; end it with '}'"),
    "bracket-never-closed": (
        edit("[2024, 2025]", "[2024, 2025"), (3, 19), "yaml.unclosed_bracket",
        "'[' på rad 3 stängs aldrig; avsluta med ']'", "the '[' on line 3 is never closed; end it with ']'"),
    "brace-never-closed-after-a-comma": (
        "effects: {2024: 500,\n", (1, 21), "yaml.unclosed_bracket",
        "'{' på rad 1 stängs aldrig; avsluta med '}'", "the '{' on line 1 is never closed; end it with '}'"),
    "bracket-never-closed-comment-and-blank-lines-after": (
        "years: [2024, 2025  # år\n\n# slut\n", (1, 19), "yaml.unclosed_bracket",
        "'[' på rad 1 stängs aldrig; avsluta med ']'", "the '[' on line 1 is never closed; end it with ']'"),
    "wrong-closing-bracket": (
        edit("[2024, 2025]", "[2024, 2025}"), (3, 19), "yaml.wrong_bracket",
        "'[' på rad 3 stängs med '}'; skriv ']'", "the '[' on line 3 is closed with '}'; write ']'"),
    "missing-comma": (
        edit("{2024: 500}", "{2024: 500 2025: 700}"), (7, 25), "yaml.missing_comma",
        "saknas ett kommatecken före '2025'? skriv effects: {2024: 500, 2025: 700}",
        "missing comma before '2025'? write effects: {2024: 500, 2025: 700}"),
    "missing-comma-on-a-second-line": (
        "effects: {2024: 500,\n          2025: 600 2026: 700}\n", (2, 21), "yaml.missing_comma",
        "saknas ett kommatecken före '2026'? skriv 2025: 600, 2026: 700}",
        "missing comma before '2026'? write 2025: 600, 2026: 700}"),
    "comma-or-bracket": (
        edit("[2024, 2025]", "[2024, \"2025\" 2026]"), (3, 22), "yaml.comma_or_bracket",
        "här saknas ett kommatecken, eller ']' som stänger '[' på rad 3",
        "a comma is missing here, or the ']' that closes the '[' on line 3"),
    "extra-brace": (
        edit("{2024: 500}", "{2024: 500}}"), (7, 25), "yaml.extra_bracket",
        "'}' här har ingen '{' att stänga; ta bort den", "this '}' has no '{' to close; delete it"),
    "extra-bracket-on-its-own": (
        "title: T\n]\n", (2, 1), "yaml.extra_bracket",
        "']' här har ingen '[' att stänga; ta bort den", "this ']' has no '[' to close; delete it"),
    "text-after-a-bracket": (
        edit("[2024, 2025]", "[2024, 2025] och 2026"), (3, 21), "yaml.text_after_bracket",
        "text efter ']' som avslutar '['; ta bort texten, eller skriv den före ']'",
        "text after the ']' that closes the '['; delete the text, or write it before the ']'"),
    "bracket-closed-in-a-comment": (
        edit("{2024: 500}", "{2024: 500  # osäker}"), (7, 26), "yaml.comment_in_brackets",
        "'#' efter ett mellanslag inleder en kommentar, så resten av raden läses inte; sätt texten med '#' "
        "inom citattecken, eller skriv kommentaren efter '}'",
        "a '#' after a space starts a comment, so the rest of the line is not read; put the text with '#' "
        "in quotes, or write the comment after the '}'"),
    "value-in-brackets-in-a-comment": (
        edit("{2024: 500}", "{2024: #500}"), (7, 21), "yaml.comment_in_brackets",
        "'#' efter ett mellanslag inleder en kommentar, så resten av raden läses inte; sätt texten med '#' "
        "inom citattecken, eller skriv kommentaren efter '}'",
        "a '#' after a space starts a comment, so the rest of the line is not read; put the text with '#' "
        "in quotes, or write the comment after the '}'"),
    "value-on-a-line-of-its-own": (
        edit("years: [2024, 2025]", "years:\n[2024, 2025]"), (4, 1), "yaml.value_without_key",
        "ett värde utan nyckel; skriv värdet efter sin nyckel på samma rad, som years: [2024, 2025]",
        "a value with no key; write it after its key on the same line, such as years: [2024, 2025]"),
    "first-line-indented": (
        "  " + PLAN, (1, 3), "yaml.indentation",
        "raden är indragen fel och passar inte ihop med raderna ovanför; ställ 'title' rakt under "
        "nycklarna den hör ihop med (dra in med mellanslag)",
        "the indentation does not fit the lines above; put 'title' straight below the keys it belongs with "
        "(indent with spaces)"),
    "first-line-opens-a-quote": (
        "\"" + PLAN, (1, 1), "yaml.unclosed_quote",
        "citattecknet \" här avslutas inte på sin rad; avsluta texten med ett \" till",
        "the quote \" here is not closed on its line; end the text with another \""),
    "sign-before-a-key": (
        edit("unit: tkr", "@unit: tkr"), (2, 1), "yaml.stray_sign",
        "tecknet '@' i början av raden hör inte hit; ta bort det",
        "the '@' at the start of the line does not belong there; delete it"),
    "exclamation-before-a-key": (
        edit("unit: tkr", "!unit: tkr"), (2, 1), "yaml.stray_sign",
        "tecknet '!' i början av raden hör inte hit; ta bort det",
        "the '!' at the start of the line does not belong there; delete it"),
    "question-mark": (
        "title: ? Plan\n", (1, 8), "yaml.reserved_start",
        "en text kan inte börja med '?'; sätt texten inom citattecken: title: \"? Plan\"",
        "a text cannot start with '?'; put the text in quotes: title: \"? Plan\""),
    "question-mark-in-braces": (
        edit("{2024: 500}", "{2024: ?500, 2025: 1}"), (7, 21), "yaml.reserved_start",
        "en text kan inte börja med '?'; sätt texten inom citattecken: effects: {2024: \"?500\", 2025: 1}",
        "a text cannot start with '?'; put the text in quotes: effects: {2024: \"?500\", 2025: 1}"),
    "two-commas": (
        edit("[2024, 2025]", "[2024,, 2025]"), (3, 14), "yaml.empty_between_commas",
        "ett kommatecken utan något värde före; ta bort kommatecknet eller skriv värdet",
        "a comma with no value before it; delete the comma or write the value"),
    "text-after-quote": (
        edit("title: Minska övertid", "title: \"Minska\" övertid"), (6, 21), "yaml.text_after_quote",
        "text efter det avslutande citattecknet; sätt hela texten inom citattecken: title: \"Minska övertid\"",
        "text after the closing quote; put all of the text inside the quotes: title: \"Minska övertid\""),
    "sign-after-a-quote": (
        "title: \"Plan\" `2024`\n", (1, 15), "yaml.text_after_quote",
        "text efter det avslutande citattecknet; sätt hela texten inom citattecken: title: \"Plan `2024`\"",
        "text after the closing quote; put all of the text inside the quotes: title: \"Plan `2024`\""),
    "sign-where-a-key-was-due": (
        edit("    effects:", "    , effects:"), (7, 5), "yaml.stray_sign",
        "tecknet ',' i början av raden hör inte hit; ta bort det",
        "the ',' at the start of the line does not belong there; delete it"),
    "apostrophe-in-single-quotes": (
        "title: 'Kommunens' plan'\n", (1, 20), "yaml.text_after_quote",
        "text efter det avslutande citattecknet; sätt hela texten inom citattecken: title: \"Kommunens' plan\"",
        "text after the closing quote; put all of the text inside the quotes: title: \"Kommunens' plan\""),
    "double-quote-never-closed": (
        edit("title: Minska övertid", "title: \"Minska övertid"), (6, 12), "yaml.unclosed_quote",
        "citattecknet \" här avslutas inte på sin rad; avsluta texten med ett \" till",
        "the quote \" here is not closed on its line; end the text with another \""),
    "single-quote-never-closed": (
        edit('id: "1"', "id: '1"), (5, 9), "yaml.unclosed_quote",
        "citattecknet ' här avslutas inte på sin rad; avsluta texten med ett ' till",
        "the quote ' here is not closed on its line; end the text with another '"),
    "quote-open-at-a-document-line": (
        "title: \"Åtgärdsplan\n---\n", (1, 8), "yaml.unclosed_quote",
        "citattecknet \" här avslutas inte på sin rad; avsluta texten med ett \" till",
        "the quote \" here is not closed on its line; end the text with another \""),
    "backslash-in-double-quotes": (
        "source: \"G:\\Ekonomi\\plan.docx\"\n", (1, 12), "yaml.backslash",
        "ett omvänt snedstreck inom dubbla citattecken inleder ett specialtecken; använd enkla citattecken: "
        "source: 'G:\\Ekonomi\\plan.docx'",
        "a backslash inside double quotes starts a special character; use single quotes instead: "
        "source: 'G:\\Ekonomi\\plan.docx'"),
    "tab-indentation": (
        "title: T\nmeasures:\n\t- id: '1'\n", (3, 1), "yaml.tab",
        "ett tabbtecken; skriv mellanslag i stället (dra in med mellanslag, inte tabb)",
        "a tab character; write spaces instead (indent with spaces, not tabs)"),
    "tab-after-spaces": (
        "measures:\n  - id: '1'\n  \ttitle: x\n", (3, 3), "yaml.tab",
        "ett tabbtecken; skriv mellanslag i stället (dra in med mellanslag, inte tabb)",
        "a tab character; write spaces instead (indent with spaces, not tabs)"),
    "at-sign": (
        "title: @kommun\n", (1, 8), "yaml.reserved_start",
        "en text kan inte börja med '@'; sätt texten inom citattecken: title: \"@kommun\"",
        "a text cannot start with '@'; put the text in quotes: title: \"@kommun\""),
    "backtick": (
        "title: `Plan`  # kommentar\n", (1, 8), "yaml.reserved_start",
        "en text kan inte börja med '`'; sätt texten inom citattecken: title: \"`Plan`\"",
        "a text cannot start with '`'; put the text in quotes: title: \"`Plan`\""),
    "percent-in-a-value": (
        "title: T\nnote: %50 av målet\n", (2, 7), "yaml.reserved_start",
        "en text kan inte börja med '%'; sätt texten inom citattecken: note: \"%50 av målet\"",
        "a text cannot start with '%'; put the text in quotes: note: \"%50 av målet\""),
    "ampersand-alone": (
        "responsible: & ekonomi\n", (1, 14), "yaml.reserved_start",
        "en text kan inte börja med '&'; sätt texten inom citattecken: responsible: \"& ekonomi\"",
        "a text cannot start with '&'; put the text in quotes: responsible: \"& ekonomi\""),
    "star-alone": (
        "note: * viktigt\n", (1, 7), "yaml.reserved_start",
        "en text kan inte börja med '*'; sätt texten inom citattecken: note: \"* viktigt\"",
        "a text cannot start with '*'; put the text in quotes: note: \"* viktigt\""),
    "bar-with-text": (
        "note: | se bilaga\n  mer\n", (1, 7), "yaml.reserved_start",
        "en text kan inte börja med '|'; sätt texten inom citattecken: note: \"| se bilaga\"",
        "a text cannot start with '|'; put the text in quotes: note: \"| se bilaga\""),
    "percent-line": (
        "%50 sparas\ntitle: T\n", (1, 1), "yaml.percent_line",
        "en rad kan inte börja med '%'; ta bort raden, eller sätt texten inom citattecken",
        "a line cannot start with '%'; delete the line, or put the text in quotes"),
    "percent-line-after-text": (
        "title: T\n%YAML 1.1\n", (2, 1), "yaml.percent_line",
        "en rad kan inte börja med '%'; ta bort raden, eller sätt texten inom citattecken",
        "a line cannot start with '%'; delete the line, or put the text in quotes"),
    "text-after-the-end": (
        "title: T\n...\nunit: tkr\n", (2, 1), "yaml.document_end",
        "raden '...' avslutar planen, men mer text följer; ta bort raden '...'",
        "the line '...' ends the plan, but more text follows; delete the line '...'"),
    "minus-and-space": (
        edit("effects: {2024: 500}", "effects:\n      2024: - 500"), (8, 13), "yaml.minus_space",
        "ett mellanslag efter minustecknet gör det till en listrad; skriv minus direkt före talet: 2024: -500",
        "a space after the minus sign makes it a list item; write the minus right before the number: "
        "2024: -500"),
    "minus-and-space-in-braces": (
        edit("{2024: 500}", "{2024: - 500}"), (7, 21), "yaml.minus_space",
        "ett mellanslag efter minustecknet gör det till en listrad; skriv minus direkt före talet: "
        "effects: {2024: -500}",
        "a space after the minus sign makes it a list item; write the minus right before the number: "
        "effects: {2024: -500}"),
    "list-item-after-a-key": (
        "title: - Plan\n", (1, 8), "yaml.dash_after_key",
        "en listrad, '- ', kan inte börja efter en nyckel på samma rad; skriv varje '- ' på en egen rad "
        "under nyckeln, indragen, eller sätt texten inom citattecken",
        "a list item, '- ', cannot start after a key on the same line; write each '- ' on a line of its own "
        "below the key, indented, or put the text in quotes"),
    "colon-without-key": (
        "title: T\n: tkr\n", (2, 1), "yaml.colon_without_key",
        "ett kolon utan nyckel före; skriv nyckeln före kolonet, som title: …",
        "a colon with no key before it; write the key before the colon, such as title: …"),
    "unreadable": (
        "x" * 1100 + ": 1\n", (1, 1101), "yaml.unreadable",
        "planen kan inte läsas härifrån; se efter kolon efter nycklarna, citattecken, klamrar och indrag "
        "på raden och raderna ovanför",
        "the plan cannot be read from here; check the colons after keys, the quotes, the brackets and the "
        "indentation on this line and the lines above"),
    # what the event builder refuses, the same on both paths
    "two-documents": (
        "title: T\n---\ntitle: U\n", (2, 1), "yaml.two_documents",
        "filen innehåller mer än en plan (avdelade med ---); ha bara en plan per fil",
        "more than one YAML document (---) in one file; keep one plan per file"),
    "alias": (
        "title: T\nmeasures: *lista\n", (2, 11), "yaml.alias",
        "hänvisningar (*lista) är inte tillåtna i planfiler; skriv ut värdet",
        "aliases (*lista) are not allowed in plan files; write the value out"),
    "anchor": (
        "title: &namn T\n", (1, 8), "yaml.anchor",
        "ankare (&namn) är inte tillåtna i planfiler; ta bort ankaret och skriv ut värdet",
        "anchors (&namn) are not allowed in plan files; write the value out"),
    "tag": (
        "title: !belopp 500\n", (1, 8), "yaml.tag",
        "YAML-taggar som !belopp är inte tillåtna i planfiler; ta bort taggen",
        "YAML tags such as !belopp are not allowed in plan files; remove it"),
    "merge-key": (
        "a: {x: 1}\n<<: {y: 2}\n", (2, 1), "yaml.merge_key",
        "sammanslagningsnycklar (<<) är inte tillåtna i planfiler; skriv ut nycklarna",
        "merge keys (<<) are not allowed in plan files; write the keys out"),
    "key-not-text": (
        "effects:\n  [2024, 2025]: 500\n", (2, 3), "yaml.key_not_text",
        "en nyckel (det som står före kolonet) måste vara en vanlig text, inte en lista eller flera nycklar",
        "a key must be plain text, not a list or mapping"),
    "too-deep": (
        "note: " + "[" * 30 + "]" * 30 + "\n", (1, 26), "yaml.too_deep",
        "nästlat mer än 20 nivåer djupt; en plan har högst 5 nivåer (se efter att varje [ och { stängs, "
        "och hur raderna är indragna)",
        "nested more than 20 levels deep; a plan is at most 5 levels deep (check that every [ and { is "
        "closed, and the indentation)"),
    "control-character": (
        "title: Minska \x07övertid\n", (1, 15), "yaml.control_character",
        "tecknet U+0007 får inte finnas i en planfil (ett styrtecken, osynligt i de flesta textredigerare); "
        "ta bort det",
        "the character U+0007 is not allowed in a plan file (a control character, invisible in most "
        "editors); delete it"),
}


@pytest.mark.parametrize("name", sorted(TRANSLATED))
def test_each_problem_in_plain_words_at_its_place(parser: str, name: str) -> None:
    text, (line, column), code, sv, en = TRANSLATED[name]
    assert told(text) == (line, column, code, sv, en)


def test_a_key_written_twice_is_noted_and_reading_goes_on(parser: str) -> None:
    source = read_yaml("title: T\nunit: tkr\ntitle: U\nmeasures: []\n")
    [problem] = source.problems
    assert (problem.line, problem.column, problem.message.code) == (3, 1, "yaml.duplicate_key")
    assert problem.message.text(Lang.SV) == ("nyckeln 'title' står två gånger på samma nivå (första gången på "
                                             "rad 1); behåll en av dem")
    assert problem.message.text(Lang.EN) == "the key 'title' appears twice in this mapping (first on line 1); keep one"
    assert source.data == {"title": "U", "unit": "tkr", "measures": []}


def test_an_invisible_character_before_a_key(parser: str) -> None:
    # A byte order mark pasted into the middle of a file: libyaml stops at it, PyYAML reads it as
    # part of the key (and the loader then names the key as written, with the \ufeff shown).
    text = "title: T\n\ufeffunit: tkr\n"
    if parser == "python":
        assert read_yaml(text).data == {"title": "T", "\ufeffunit": "tkr"}
        return
    assert told(text) == (2, 1, "yaml.invisible_character",
                          "ett osynligt tecken (U+FEFF) före texten på raden; ta bort det",
                          "an invisible character (U+FEFF) before the text on this line; delete it")


def test_a_colon_with_no_space_inside_braces(parser: str) -> None:
    # libyaml refuses '2024:,' inside braces; PyYAML reads a key '2024' with no value (and the loader
    # then says the year has no value).
    text = "effects: {2024:, 500}\n"
    if parser == "python":
        assert read_yaml(text).data == {"effects": {"2024": None, "500": None}}
        return
    assert told(text) == (1, 15, "yaml.stray_colon",
                          "ett kolon utan mellanslag efter; skriv ett mellanslag efter kolonet, eller ta bort det",
                          "a colon with no space after it; write a space after the colon, or delete it")


def test_the_two_parser_paths_are_really_two(parser: str) -> None:
    """A tab after a colon is read by libyaml and refused by PyYAML: proof the fixture switches parsers."""
    text = "title:\tT\n"
    if parser == "libyaml":
        assert yamlsource._Parser is yaml._yaml.CParser
        assert read_yaml(text).data == {"title": "T"}
    else:
        assert told(text)[:3] == (1, 7, "yaml.tab")


@pytest.mark.parametrize(("text", "problem", "context", "where", "code"), [
    # libyaml 0.2.6 and newer stop nesting at 1000 levels (older ones and PyYAML leave it to us)
    ("note: [[[[x]]]]\n", "exceeded maximum nesting depth", "while increasing flow level", (0, 9), "yaml.too_deep"),
    # libyaml 0.2.3 and newer name a tab in the indentation; older ones say "found character …"
    ("a:\n  b: 1\n  \tc: 2\n", "found a tab character that violates indentation", "while scanning a plain scalar",
     (2, 2), "yaml.tab"),
    ("a: |\n \tx\n", "found a tab character where an indentation space is expected", "while scanning a block scalar",
     (1, 1), "yaml.tab"),
    ("a:\n  b: 1\n  \tc: 2\n", "found character that cannot start any token", "while scanning for the next token",
     (2, 2), "yaml.tab"),
    # a sentence no parser says today: our general message, never the parser's words
    ("a: b\n", "found a brand new problem", "while doing something new", (0, 3), "yaml.unreadable"),
])
def test_the_words_of_other_libyaml_versions_are_ours(text: str, problem: str, context: str, where: tuple[int, int],
                                                       code: str) -> None:
    """Sentences of libyaml versions other than the installed one, given to the translation as the parser would."""
    mark = yaml.Mark("<unicode string>", 0, where[0], where[1], text, 0)
    told_here = yamlsource._syntax_problem(text, yaml.scanner.ScannerError(context, mark, problem, mark))
    assert (told_here.line, told_here.column, told_here.message.code) == (where[0] + 1, where[1] + 1, code)
    assert_plain_words(told_here.message.text(Lang.SV), told_here.message.text(Lang.EN))


# --- the invalid plans of the test suite, on both paths ----------------------------------------------

SYNTAX_PLANS = {
    "invalid-yaml.yaml": (6, 26, "yaml.colon_in_text"),
    "unclosed-bracket.yaml": (7, 24, "yaml.unclosed_bracket"),
    "tab-indentation.yaml": (3, 1, "yaml.tab"),
    "too-deep.yaml": (7, 28, "yaml.too_deep"),
    "key-not-text.yaml": (8, 7, "yaml.key_not_text"),
    "two-documents.yaml": (3, 1, "yaml.two_documents"),
    "control-character.yaml": (4, 19, "yaml.control_character"),
    "missing-colon.yaml": (6, 5, "yaml.missing_colon"),
    "missing-comma.yaml": (7, 25, "yaml.missing_comma"),
    "unclosed-quote.yaml": (6, 12, "yaml.unclosed_quote"),
    "bad-indentation.yaml": (7, 4, "yaml.indentation"),
}


@pytest.mark.parametrize("name", sorted(SYNTAX_PLANS))
def test_the_syntax_plans_of_the_test_suite(parser: str, name: str) -> None:
    line, column, code, sv, en = told((INVALID / name).read_text(encoding="utf-8"))
    assert (line, column, code) == SYNTAX_PLANS[name]
    assert sv != en


def test_check_says_it_in_swedish_by_default_and_in_english_on_request(parser: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    path = INVALID / "missing-colon.yaml"
    swedish = runner().invoke(app, ["check", str(path)], catch_exceptions=False)
    english = runner().invoke(app, ["check", str(path), "--lang", "en"], catch_exceptions=False)
    assert swedish.exit_code == english.exit_code == 1
    assert swedish.stdout.splitlines()[0] == f"{path}:6:5: saknar kolon efter 'title'? skriv title: Minska övertid"
    assert english.stdout.splitlines()[0] == f"{path}:6:5: missing colon after 'title'? write title: Minska övertid"


# --- no parser jargon, no Python, whatever the slip ----------------------------------------------------

ALL_CASES = [case[1] for case in MISSING_COLON_CASES] + [case[0] for case in TRANSLATED.values()]


def test_no_case_shows_jargon_or_python(parser: str) -> None:
    for text in ALL_CASES:
        _, _, code, sv, en = told(text)
        assert code.startswith("yaml.") and code != UNTRANSLATED.code
        assert_plain_words(sv, en)


#: A plan in the other styles: blocks, quotes, comments, ranges, a multi-line text.
BLOCK_PLAN = """\
title: "Plan"  # kommentar
measures:
  - id: '2'
    note: >-
      Lång text
    effects:
      2024: 700-1600
      2025:
        low: 100
"""

#: What a slip of the keyboard inserts.
SLIPS = [":", " ", "\t", "\n", "[", "]", "{", "}", "\"", "'", ",", "-", "@", "%", "&", "*", "!", "|", "#", "\\",
         "`", "?", ">"]


def mutations() -> list[str]:
    """Each plan with each slip inserted at each place, and with each character deleted."""
    texts = []
    for plan in (PLAN, BLOCK_PLAN):
        texts += [plan[:index] + plan[index + 1:] for index in range(len(plan))]
        texts += [plan[:index] + slip + plan[index:] for index in range(len(plan) + 1) for slip in SLIPS]
    return texts


#: Where libyaml and PyYAML disagree on what is valid YAML: a tab outside indentation, a '?' inside
#: a word in brackets, a '#' right after '>' or '|' (PyYAML refuses them), a ':' right before a
#: bracket or ',' (libyaml refuses it in braces).
DISAGREE = re.compile(r"\t|\S\?|[>|][-+]?#|:[,?\[\]{}]")


def outcome(text: str, monkeypatch: pytest.MonkeyPatch, pure_python: bool) -> tuple[int, int, str] | None:
    """Where and what ``read_yaml`` says about ``text`` on one parser path (``None``: read); checks its words."""
    with monkeypatch.context() as patch:
        if pure_python:
            patch.setattr(yamlsource, "_Parser", yamlsource.PurePythonParser)
            patch.setattr(yamlsource, "_FastParser", None)
        try:
            source = read_yaml(text)
        except YamlProblem as problem:
            lines = yamlsource._LINE_BREAKS.split(text)
            assert 1 <= problem.line <= len(lines), (text, problem.line)
            assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, (text, problem.column)
            assert_plain_words(problem.message.text(Lang.SV), problem.message.text(Lang.EN))
            if yamlsource._FastParser is not None:
                with pytest.raises(NotPlain):  # the fast reading never vouches for it
                    read_plain(text)
            return problem.line, problem.column, problem.message.code
    for noted in source.problems:
        assert_plain_words(noted.message.text(Lang.SV), noted.message.text(Lang.EN))
    return None


@pytest.mark.skipif(yamlsource._FastParser is None, reason="PyYAML was built without libyaml")
def test_every_slip_is_told_the_same_on_both_paths_in_plain_words(monkeypatch: pytest.MonkeyPatch) -> None:
    codes: dict[str, int] = {}
    for text in mutations():
        told_c = outcome(text, monkeypatch, pure_python=False)
        told_python = outcome(text, monkeypatch, pure_python=True)
        if not DISAGREE.search(text):
            assert told_c == told_python, text
        for told_here in (told_c, told_python):
            if told_here is not None:
                codes[told_here[2]] = codes.get(told_here[2], 0) + 1
    assert UNTRANSLATED.code not in codes
    # the general message is the rare exception: slips are told by what they are
    assert codes.get("yaml.unreadable", 0) * 100 < sum(codes.values()), codes
    assert {"yaml.missing_colon", "yaml.colon_in_text", "yaml.unclosed_bracket", "yaml.tab", "yaml.indentation",
            "yaml.unclosed_quote", "yaml.reserved_start", "yaml.missing_comma"} <= set(codes), codes


def test_every_yaml_template_has_two_wordings_with_the_same_values() -> None:
    ours = {code: made for code, made in TEMPLATES.items() if code.startswith("yaml.")}
    assert len(ours) >= 30
    for code, made in ours.items():
        assert made.sv != made.en, code
        fields = [{name for _, name, _, _ in Formatter().parse(wording) if name} for wording in (made.sv, made.en)]
        assert fields[0] == fields[1], code
        assert_plain_words(made.sv, made.en)


# --- nesting: whichever parser stops first, the same answer ----------------------------------------------


@pytest.mark.parametrize("text", [
    "title: T\nnote: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "[" * 100_000,
    "title: T\nnote: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n",
    "title: T\nnote:\n" + "- " * 5_000 + "x\n",
    "".join(" " * depth + "a:\n" for depth in range(1_500)) + " " * 1_500 + "x\n",
])
def test_deep_nesting_is_told_as_ours_on_both_paths(parser: str, text: str) -> None:
    # libyaml 0.2.6 stops flow nesting at 1000 levels itself; our builder stops at MAX_DEPTH.
    line, column, code, sv, en = told(text)
    lines = text.split("\n")
    assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1
    assert code == "yaml.too_deep"
    assert en.startswith(f"nested more than {MAX_DEPTH} levels deep; a plan is at most 5 levels deep")
    assert sv.startswith(f"nästlat mer än {MAX_DEPTH} nivåer djupt")
