"""Every message, in Swedish by default and English on request: the same problems, in plain words.

Swept over every bad plan of the test suite (``tests/plans/invalid/``) and a fuzz corpus of
mutated valid plans: `check` gives the same problems (path, line, column, code) in both
languages, every message has a real wording in each, and no message shows a Python word
(``None``, ``True``, ``dict``, a repr such as ``Decimal('5')`` or ``['a']``).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import budgetbalans
from budgetbalans.cli.app import app
from budgetbalans.i18n import TEMPLATES, UNTRANSLATED, is_label
from tests.command import runner
from tests.fast_loop import examples

INVALID = Path(__file__).resolve().parent / "plans" / "invalid"
ROOT = Path(__file__).resolve().parent.parent

#: Python's words and reprs, which a user never wrote: a message never shows them (outside quotes).
PYTHON_WORDS = re.compile(
    r"\b(?:None|True|False|NoneType|dict|str|int|float|bool|Decimal|tuple|Traceback|Exception|"
    r"ValidationError|pydantic|typer|click|libyaml|PyYAML)\b"
    r"|\b[A-Z][A-Za-z]+\(|<[a-z]+ '|object at 0x|[\[{(]'|'[\]})]"
)
#: What a message quotes from the plan ('…'): the user's own text, which may hold any word.
QUOTED = re.compile(r"'[^'\n]*'")


def python_words(message: str, written: str = "") -> list[str]:
    """The Python words in ``message`` outside what it quotes from the plan, and not in what the user ``written``."""
    return [word for word in PYTHON_WORDS.findall(QUOTED.sub("''", message)) if word not in written]


def _import_every_module() -> None:
    for module in pkgutil.walk_packages(budgetbalans.__path__, "budgetbalans."):
        if not module.name.endswith("__main__"):  # running it would start the command line
            importlib.import_module(module.name)


def check_json(path: Path, *lang: str) -> dict[str, Any]:
    args = ["check", str(path), "--format", "json", *(["--lang", lang[0]] if lang else [])]
    result = runner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.fixture(autouse=True)
def _default_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


# --- the templates ------------------------------------------------------------------------------


def test_every_template_has_a_swedish_and_an_english_wording() -> None:
    _import_every_module()
    fields = string.Formatter()
    for code, template in TEMPLATES.items():
        if template is UNTRANSLATED:
            continue
        assert template.sv.strip() and template.en.strip(), code
        # a label may be the same word in both languages (Status, Plan, the format names of the help)
        assert is_label(code) or template.sv != template.en, f"{code}: the Swedish wording is the English one"
        names_sv = {name for _, name, _, _ in fields.parse(template.sv) if name}
        names_en = {name for _, name, _, _ in fields.parse(template.en) if name}
        assert names_sv == names_en, f"{code}: the wordings quote different values"
        # the help is checked as shown (tests/test_cli_lang.py): it quotes examples ('12,4 mkr'), which
        # this check of a message takes for a repr
        assert code.startswith("label.help.") or not python_words(template.sv) and not python_words(template.en), code


def test_codes_are_stable_machine_words() -> None:
    _import_every_module()
    assert all(re.fullmatch(r"[a-z]+(?:\.[a-z0-9_]+)+|untranslated", code) for code in TEMPLATES)


# --- every bad plan of the test suite -------------------------------------------------------------

INVALID_FILES = sorted(INVALID.iterdir())


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda path: path.name)
def test_the_same_problems_in_swedish_and_english(path: Path) -> None:
    swedish, english = check_json(path), check_json(path, "en")
    where = [(p["path"], p["line"], p["column"], p["code"]) for p in swedish["problems"]]
    assert where == [(p["path"], p["line"], p["column"], p["code"]) for p in english["problems"]]
    assert where, "an invalid plan has a problem"
    for sv, en in zip(swedish["problems"], english["problems"]):
        assert sv["code"] != UNTRANSLATED.code, f"{sv['message']!r} has no Swedish wording yet"
        assert sv["message"] != en["message"]
        written = path.read_text(encoding="utf-8", errors="replace")
        assert not python_words(sv["message"], written), sv["message"]
        assert not python_words(en["message"], written), en["message"]
    assert swedish["summary"] != english["summary"]


def test_the_environment_variable_chooses_english(monkeypatch: pytest.MonkeyPatch) -> None:
    path = INVALID / "unknown-key.yaml"
    english = check_json(path, "en")
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    assert check_json(path) == english
    assert check_json(path, "sv") != english


def test_the_detector_finds_python_words() -> None:
    assert python_words("value is None; write a number")
    assert python_words("expected dict, got str")
    assert python_words("Decimal('5') is too small")
    assert python_words("keys ['low', 'high']")
    assert not python_words("'None' är inget belopp; skriv ett tal som 1 500")
    assert not python_words("okänd nyckel 'prognos' — menade du 'forecast'?")
    assert not python_words("saknar kolon efter 'note!!str'? skriv note!!str: text", "note!!str text")


# --- a fuzz corpus: valid plans mutated ---------------------------------------------------------------

SEEDS = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "plans").glob("*.yaml"))]
EDITS = st.lists(st.tuples(st.integers(0, 1 << 20), st.sampled_from(
    ["", ":", "{", "}", "[", "- ", "\t", "'", '"', "3.250", "3,5", "٣", "２０２４", "None", "~", "null",
     "true", "2024.0", " 2025", "år ", "1:30", "0x10", "&a", "*a", "!!str ", "<<: ", "\n", "\n  ", "#"])),
    min_size=1, max_size=4)


def mutate(text: str, edits: list[tuple[int, str]]) -> str:
    for where, what in edits:
        at = where % (len(text) + 1)
        text = text[:at] + what + text[at + (1 if what else 3):]
    return text


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=EDITS, lang=st.sampled_from(["sv", "en"]))
def test_no_python_word_in_any_message_of_a_mutated_plan(seed: str, edits: list[tuple[int, str]], lang: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        written = mutate(seed, edits)
        path.write_text(written, encoding="utf-8")
        document = check_json(path, lang)
    for problem in document["problems"]:
        assert problem["code"] != UNTRANSLATED.code, problem["message"]
        assert not python_words(problem["message"], written), problem["message"]

