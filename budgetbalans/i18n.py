"""What budgetbalans tells its users, in Swedish (the default) and English.

A message is data, like a :class:`~budgetbalans.errors.Problem`: a stable machine ``code``
(for CI rules and JSON, the same in every language) and the values it quotes. Its wording is
chosen only when it is shown, in the reader's language, so one run can be read in either.

Every other text shown in both languages is a :class:`Template` too: the labels of the reports
(``label.total``), the words of ``check``'s summary and of the command line's help, each under a
code that starts with :data:`LABEL` (:func:`is_label`), defined beside the code that shows it. A
text that counts something is a :class:`Counted` template, with a form for one and for several.
Each module defines its templates as constants beside the code that gives them; :data:`TEMPLATES`
holds them all by code, for the documentation and its tests.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import Enum
from typing import Union

from budgetbalans.text import shown


class Lang(str, Enum):
    """The languages of every text budgetbalans shows."""

    SV = "sv"
    EN = "en"


#: The environment variable that chooses the language (for CI), unless ``--lang`` is given.
LANG_ENV = "BUDGETBALANS_LANG"


def default_lang() -> Lang:
    """The language of ``BUDGETBALANS_LANG`` (``sv`` or ``en``), else Swedish."""
    value = os.environ.get(LANG_ENV, "").strip().lower()
    return Lang.EN if value.startswith("en") else Lang.SV


#: Every template by its code.
TEMPLATES: dict[str, Template] = {}

Arg = Union[str, int, "Message"]


@dataclass(frozen=True, slots=True)
class Template:
    """One text in both languages, a message or a label; ``{name}`` marks a value filled in when it is given."""

    code: str
    sv: str
    en: str

    def __call__(self, **args: Arg) -> Message:
        return Message(self, tuple(args.items()))

    def wording(self, lang: Lang, count: object = None) -> str:
        """The text in ``lang``, its ``{name}`` not filled in (``count``: for a :class:`Counted` text)."""
        return self.sv if lang is Lang.SV else self.en

    def text(self, lang: Lang, **values: object) -> str:
        """The wording in ``lang`` with ``values`` filled in (without values, as written): a label."""
        wording = self.wording(lang, values.get("count"))
        return wording.format(**values) if values else wording


@dataclass(frozen=True, slots=True)
class Counted(Template):
    """A text that counts something, in the form that agrees with its ``count``: ``sv`` and ``en``
    for exactly 1 (``1 åtgärd``, ``1 measure counts``), ``sv_several`` and ``en_several`` for any
    other count, 0 too (``0 åtgärder``, ``2 measures count``)."""

    sv_several: str
    en_several: str

    def wording(self, lang: Lang, count: object = None) -> str:
        """The form in ``lang`` that agrees with ``count``."""
        if count == 1:
            return self.sv if lang is Lang.SV else self.en
        return self.sv_several if lang is Lang.SV else self.en_several


def _registered(made: Template) -> Template:
    if made.code in TEMPLATES:
        raise ValueError(f"message code {made.code} defined twice")
    TEMPLATES[made.code] = made
    return made


def template(code: str, sv: str, en: str) -> Template:
    """A message (or a label) in Swedish and English under a code of its own (a code used twice is a bug)."""
    return _registered(Template(code, sv, en))


def counted(code: str, sv: tuple[str, str], en: tuple[str, str]) -> Counted:
    """A text that counts, under a code of its own: per language (one, several), ``{count}`` in each."""
    made = Counted(code, sv[0], en[0], sv[1], en[1])
    _registered(made)
    return made


#: The start of the code of every template that is a label (a report's, check's or the help's
#: words), not a message: :func:`is_label`.
LABEL = "label."


def is_label(code: str) -> bool:
    """Whether the template of ``code`` is a label (words of a report or the help), not a message."""
    return code.startswith(LABEL)


@dataclass(frozen=True, slots=True)
class Message:
    """A template and the values it quotes; :meth:`text` gives its wording in one language."""

    template: Template
    args: tuple[tuple[str, Arg], ...] = ()

    @property
    def code(self) -> str:
        return self.template.code

    def text(self, lang: Lang = Lang.SV) -> str:
        values = {name: value.text(lang) if isinstance(value, Message) else value for name, value in self.args}
        return self.template.wording(lang, values.get("count")).format(**values)

    def __str__(self) -> str:
        return self.text(Lang.SV)


#: Text that has not been given its two wordings yet: shown as written, in every language.
UNTRANSLATED = template("untranslated", "{text}", "{text}")


def as_message(value: Union[str, Message]) -> Message:
    return value if isinstance(value, Message) else UNTRANSLATED(text=value)


def clip(value: object, limit: int = 40) -> str:
    """Plan text quoted in a message, cut to ``limit`` characters so a message stays one readable line."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(value: object, limit: int = 40) -> str:
    """Plan text as a message quotes it: ``'text'``, on one line, invisible characters shown as ``\\u200b``.

    Never Python's repr: what the user wrote, between plain quotes.
    """
    return f"'{clip(shown(str(value)), limit)}'"
