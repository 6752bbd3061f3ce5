"""The command line's own texts in Swedish (the default) and English: help, usage errors, -o, bugs, check's summary.

Each case runs three ways: with no language asked for (Swedish), with ``--lang en``, and with
``BUDGETBALANS_LANG=en``. The app runs through typer's ``runner().invoke(app, …)``, as the
other tests run it: clitext.Group.main words the help and the usage errors there exactly as
:func:`budgetbalans.cli.app.run` does for the installed command (one test compares the two).

These tests run on whatever typer is installed; the lowest-versions run of the suite (typer 0.12,
which uses the ``click`` package, where newer typers carry their own copy) runs them there too.
Nothing here depends on click's own sentences: they are what must never show.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Optional

import pytest
import typer


from budgetbalans.cli import help as clitext
from budgetbalans.cli.commands import summarize
from budgetbalans.cli.app import app, run
from budgetbalans.cli.help import COMMAND_HELP, lang_of, option_help
from budgetbalans.i18n import Lang
from tests.command import runner
from tests.paths import ROOT

PLAN = ROOT / "plans" / "vard-och-social-2024-2026.yaml"
UNKNOWN_KEY = ROOT / "tests" / "plans" / "invalid" / "unknown-key.yaml"

#: click's and typer's English words: never in Swedish output.
CLICK_WORDS = ["Usage:", "Options", "Arguments", "Commands", "Error", "Show this message", "Did you mean",
               "did you mean", "is not one of", "No such option", "No such command", "Missing argument",
               "Missing option", "requires an argument", "Invalid value", "[default", "Try '", "Got unexpected",
               "not a valid integer", "Aborted"]
#: Python's words, which no user wrote: never in any output (outside what the user typed, quoted).
PYTHON_WORDS = re.compile(r"\b(?:None|True|False|NoneType|dict|str|int|float|bool|list|tuple|Decimal|Path|"
                          r"PosixPath|Traceback|Exception|typer|click)\b|\b\w*Error\b|<[a-z_]+>|\w\[\w+\]|"
                          r"object at 0x")

#: The three ways to ask for a language: nothing (Swedish), --lang en, BUDGETBALANS_LANG=en.
WAYS = ["default", "option", "environment"]


@pytest.fixture(autouse=True)
def _no_language_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("BUDGETBALANS_DEBUG", raising=False)


def invoke(args: list[str], way: str = "default") -> tuple[int, str, str]:
    """Exit code, standard output and standard error of ``budgetbalans ARGS``, asked in one ``way``.

    ``--lang en`` goes after the command's name, so that an option left without a value stays last.
    """
    env = {"BUDGETBALANS_LANG": "en"} if way == "environment" else {}
    args = [*args[:1], "--lang", "en", *args[1:]] if way == "option" else args
    result = runner().invoke(app, args, env=env, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def python_words(text: str) -> list[str]:
    return PYTHON_WORDS.findall(re.sub(r"'[^'\n]*'", "''", text))


def assert_swedish(text: str) -> None:
    assert not [word for word in CLICK_WORDS if word in text], text
    assert not python_words(text), text


# --- the language: decided before anything is parsed --------------------------------------------


@pytest.mark.parametrize(("args", "lang"), [
    ([], Lang.SV),
    (["summarize", "--lang", "en"], Lang.EN),
    (["summarize", "--lang=en"], Lang.EN),
    (["--lang", "en", "gap"], Lang.EN),
    (["summarize", "--lang", "en", "--lang", "sv"], Lang.SV),  # the last one, as click reads it
    (["summarize", "--lang", "de"], Lang.SV),  # not a language: the environment's (then a usage error)
    (["summarize", "--", "--lang", "en"], Lang.SV),  # after --, a path named --lang
    (["summarize", "--lang"], Lang.SV),
])
def test_the_language_comes_from_the_last_lang_of_the_command_line(args: list[str], lang: Lang) -> None:
    assert lang_of(args) is lang


def test_without_lang_the_environment_decides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    assert lang_of(["summarize"]) is Lang.EN
    assert lang_of(["summarize", "--lang", "sv"]) is Lang.SV
    monkeypatch.setenv("BUDGETBALANS_LANG", "sv")
    assert lang_of(["summarize"]) is Lang.SV


# --- --help -------------------------------------------------------------------------------------

HELPS = [[], ["summarize"], ["gap"], ["follow-up"], ["check"], ["schema"]]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", HELPS, ids=lambda command: command[0] if command else "budgetbalans")
def test_every_help_is_swedish_by_default_and_english_on_request(command: list[str], way: str) -> None:
    code, out, err = invoke([*command, "--help"], way)
    assert (code, err) == (0, "")
    path = " ".join(["budgetbalans", *command])
    if way == "default":
        assert out.startswith(f"Användning: {path} [FLAGGOR]")
        assert "\nFlaggor:\n" in out and "  --help " in out and "Visa den här hjälpen och avsluta." in out
        assert COMMAND_HELP[command[0] if command else ""].sv.split()[0] in out
        assert_swedish(out)
    else:
        assert out.startswith(f"Usage: {path} [OPTIONS]")
        assert "\nOptions:\n" in out and "Show this message and exit." in out
        assert COMMAND_HELP[command[0] if command else ""].en.split()[0] in out
        assert "Flaggor" not in out and "Användning" not in out and not python_words(out)


def test_summarize_help_in_swedish_shows_choices_defaults_and_placeholders() -> None:
    code, out, _ = invoke(["summarize", "--help"])
    assert code == 0
    assert out.startswith("Användning: budgetbalans summarize [FLAGGOR] [SÖKVÄG]...\n")
    assert "\nArgument:\n  [SÖKVÄG]...  Planfiler eller mappar (alla *.yaml och *.yml under dem)." in out
    assert "  --format [table|json|csv|markdown|html|xlsx|docx]\n" in out
    assert "[standard: table]" in out
    assert "  --unit [kr|tkr|mkr] " in out and "  --group-by [area|status|plan|decision]\n" in out
    assert "  -o, --output FIL " in out and "  --status STATUS " in out and "  --lang [sv|en] " in out


def test_summarize_help_in_english() -> None:
    code, out, _ = invoke(["summarize", "--help"], "option")
    assert code == 0
    assert out.startswith("Usage: budgetbalans summarize [OPTIONS] [PATH]...\n")
    assert "\nArguments:\n  [PATH]...  Plan files or folders (every *.yaml and *.yml below)." in out
    assert "[default: table]" in out and "  -o, --output FILE " in out


def test_gap_and_follow_up_help_name_their_own_year() -> None:
    _, gap, _ = invoke(["gap", "--help"])
    _, follow_up, _ = invoke(["follow-up", "--help"], "environment")
    assert "  --year ÅR " in gap and "Bara det här året." in gap and "  --target BELOPP " in gap
    assert "  --year YEAR " in follow_up and "The year to follow up" in follow_up


#: Every format any command takes; each command's run tells which of them it accepts.
ALL_FORMATS = ("table", "text", "json", "csv", "markdown", "html", "xlsx", "docx", "github")


def _runs_with(command: str, format: str, tmp_path: Path) -> bool:
    """Whether ``command --format FORMAT`` runs (exit 0 or 1) rather than being a wrong command line (exit 2)."""
    plans = [str(PLAN), str(PLAN)] if command == "diff" else [str(PLAN)]
    output = [] if command == "check" else ["-o", str(tmp_path / f"rapport.{format}")]
    code, _, err = invoke([command, *plans, "--format", format, *output])
    assert code in (0, 1, 2), err
    return code != 2


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up", "diff", "check"])
def test_each_help_lists_exactly_the_formats_its_command_accepts(command: str, way: str, tmp_path: Path) -> None:
    accepted = [format for format in ALL_FORMATS if _runs_with(command, format, tmp_path)]
    code, out, _ = invoke([command, "--help"], way)
    assert code == 0
    listed = re.search(r"--format \[([a-z|]+)\]", out)
    assert listed is not None and sorted(listed[1].split("|")) == sorted(accepted)
    described = re.search(r"--format \[[a-z|]+\]\s+(.*?)\n  -", out, re.DOTALL)
    assert described is not None
    assert set(re.findall(r"\b(?:" + "|".join(ALL_FORMATS) + r")\b", described[1])) == set(accepted)
    refused = [format for format in ALL_FORMATS if format not in accepted and format not in ("text", "table")]
    assert not [format for format in refused if re.search(rf"\b{format}\b", out, re.I)], out


def test_gap_help_does_not_offer_xlsx_and_summarize_help_does() -> None:
    for way in WAYS:
        gap, summarize = invoke(["gap", "--help"], way)[1], invoke(["summarize", "--help"], way)[1]
        assert "xlsx" not in gap and "  --format [table|json|csv|markdown|html|docx]\n" in gap
        assert "  --format [table|json|csv|markdown|html|xlsx|docx]\n" in summarize


def test_the_group_help_lists_every_command_with_its_description() -> None:
    _, swedish, _ = invoke(["--help"])
    _, english, _ = invoke(["--help"], "option")
    assert swedish.startswith("Användning: budgetbalans [FLAGGOR] KOMMANDO [ARGUMENT]...\n")
    assert english.startswith("Usage: budgetbalans [OPTIONS] COMMAND [ARGS]...\n")
    for name in ("summarize", "gap", "follow-up", "check", "schema"):
        assert f"\n  {name} " in swedish and f"\n  {name} " in english
    assert "\nKommandon:\n" in swedish and "  --version " in swedish and "Visa versionen och avsluta." in swedish


def test_help_is_answered_in_the_language_asked_after_it_and_before_a_wrong_value() -> None:
    code, out, _ = invoke(["summarize", "--format", "pdf", "--help", "--lang", "en"])
    assert code == 0 and out.startswith("Usage: budgetbalans summarize")


@pytest.mark.parametrize("way", WAYS)
def test_no_command_shows_the_help_on_standard_error_and_exits_2(way: str) -> None:
    code, out, err = invoke([], way)
    assert (code, out) == (2, "")
    assert err.startswith("Användning: budgetbalans" if way == "default" else "Usage: budgetbalans")
    assert "summarize" in err


def test_every_parameter_and_command_has_help_in_both_languages() -> None:
    group = typer.main.get_command(app)
    context = group.make_context("budgetbalans", ["--help"], resilient_parsing=True)
    commands = {"": group, **{name: group.get_command(context, name) for name in group.list_commands(context)}}
    assert set(commands) == set(COMMAND_HELP)
    for name, command in commands.items():
        assert command is not None
        for param in command.get_params(context):
            key = "help" if set(param.opts) & set(context.help_option_names) else param.name or ""
            words = option_help(name, key, clitext.choices_of(command, param))
            assert words is not None and words.sv and words.en and words.sv != words.en, (name, key)


# --- usage errors -------------------------------------------------------------------------------

SV_HINT, EN_HINT = "Mer hjälp: budgetbalans{} --help", "More help: budgetbalans{} --help"

#: args, the command shown in the hint, the Swedish line, the English line (each after "budgetbalans: ").
USAGE_ERRORS: list[tuple[list[str], str, str, str]] = [
    (["summarize", "--formt", "json"], " summarize",
     "okänd flagga '--formt'; menade du '--format'?", "no such option '--formt'; did you mean '--format'?"),
    (["summarize", "--bogus"], " summarize", "okänd flagga '--bogus'", "no such option '--bogus'"),
    (["--bogus"], "", "okänd flagga '--bogus'", "no such option '--bogus'"),
    (["gap", "--year"], " gap", "--year: ett värde saknas efter flaggan", "--year: the option needs a value"),
    (["summarize", "--format"], " summarize",
     "--format: ett värde saknas; välj table, json, csv, markdown, html, xlsx eller docx",
     "--format: a value is missing; choose table, json, csv, markdown, html, xlsx or docx"),
    (["summarize", "--format", "pdf"], " summarize",
     "--format: okänt värde 'pdf'; välj table, json, csv, markdown, html, xlsx eller docx",
     "--format: unknown value 'pdf'; choose table, json, csv, markdown, html, xlsx or docx"),
    (["summarize", "--unit=öre"], " summarize",
     "--unit: okänt värde 'öre'; välj kr, tkr eller mkr", "--unit: unknown value 'öre'; choose kr, tkr or mkr"),
    (["gap", "--group-by", "år"], " gap",
     "--group-by: okänt värde 'år'; välj area, status, plan eller decision",
     "--group-by: unknown value 'år'; choose area, status, plan or decision"),
    (["check", "--format", "sarif"], " check",
     "--format: okänt värde 'sarif'; välj text, github eller json",
     "--format: unknown value 'sarif'; choose text, github or json"),
    (["gap", "--year", "tjugo"], " gap",
     "--year: 'tjugo' är inget år; skriv ett årtal som 2025", "--year: 'tjugo' is not a year; write a year such as 2025"),
    (["follow-up", "--year=2025.5"], " follow-up",
     "--year: '2025.5' är inget år; skriv ett årtal som 2025",
     "--year: '2025.5' is not a year; write a year such as 2025"),
    (["check", "--fail-on-gap=ja"], " check",
     "--fail-on-gap: flaggan tar inget värde", "--fail-on-gap: the option takes no value"),
    (["schema", "extra"], " schema", "oväntat argument 'extra'", "unexpected argument 'extra'"),
    (["sumarize"], "", "okänt kommando 'sumarize'; menade du 'summarize'?",
     "no such command 'sumarize'; did you mean 'summarize'?"),
    (["xyz", "plans"], "", "okänt kommando 'xyz'; välj summarize, gap, follow-up, check, schema, diff eller import",
     "no such command 'xyz'; choose summarize, gap, follow-up, check, schema, diff or import"),
    # budgetbalans's own checks of a value
    (["summarize", str(PLAN), "--status", "klar,bortglömd"], " summarize",
     "--status: okänd status 'bortglömd'; skriv planerad, pågår, klart, utredning, pausad eller avbruten "
     "(eller planned, ongoing, done, investigating, paused, cancelled), kommaseparerade",
     "--status: unknown status 'bortglömd'; use done, ongoing, planned, investigating, paused or cancelled "
     "(or klart, pågår, planerad, utredning, pausad, avbruten), comma-separated"),
    (["gap", str(PLAN), "--year", "1999"], " gap",
     "--year: 1999 är inte ett av planernas år (2024–2026)", "--year: 1999 is not in the plans' years (2024–2026)"),
    (["summarize", str(PLAN), "--format", "xlsx"], " summarize",
     "--format: xlsx blir en fil: ange den med --output FIL, till exempel --output rapport.xlsx",
     "--format: xlsx is a file: give one with --output FILE, such as --output rapport.xlsx"),
    (["gap", str(PLAN), "--format", "xlsx", "-o", "rapport.xlsx"], " gap",
     "--format: gap har inget xlsx-format; använd summarize --format xlsx, eller gap med table, json, csv, "
     "markdown, html eller docx",
     "--format: gap has no xlsx format; use summarize --format xlsx, or gap with table, json, csv, markdown, html "
     "or docx"),
    (["gap", "--format", "pdf"], " gap",
     "--format: okänt värde 'pdf'; välj table, json, csv, markdown, html eller docx",
     "--format: unknown value 'pdf'; choose table, json, csv, markdown, html or docx"),
    (["gap", "--format"], " gap",
     "--format: ett värde saknas; välj table, json, csv, markdown, html eller docx",
     "--format: a value is missing; choose table, json, csv, markdown, html or docx"),
]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("args", "where", "swedish", "english"), USAGE_ERRORS,
                         ids=[" ".join(case[0]).replace(str(PLAN), "PLAN") for case in USAGE_ERRORS])
def test_a_usage_error_is_one_line_and_a_hint_in_the_language_asked_exit_2(
        args: list[str], where: str, swedish: str, english: str, way: str) -> None:
    code, out, err = invoke(args, way)
    assert (code, out) == (2, "")
    if way == "default":
        assert err == f"budgetbalans: {swedish}\n{SV_HINT.format(where)}\n"
        assert_swedish(err)
    else:
        assert err == f"budgetbalans: {english}\n{EN_HINT.format(where)}\n"
        assert not python_words(err)


def test_a_wrong_language_is_a_usage_error_in_the_environments_language(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = invoke(["summarize", "--lang", "de"])
    assert (code, err) == (2, "budgetbalans: --lang: okänt värde 'de'; välj sv eller en\n"
                              "Mer hjälp: budgetbalans summarize --help\n")
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    code, _, err = invoke(["summarize", "--lang", "de"])
    assert (code, err) == (2, "budgetbalans: --lang: unknown value 'de'; choose sv or en\n"
                              "More help: budgetbalans summarize --help\n")


@pytest.mark.parametrize("way", WAYS)
def test_a_wrong_target_is_a_usage_error_worded_by_the_amount_reader(way: str) -> None:
    code, out, err = invoke(["gap", str(PLAN), "--target", "tolv"], way)
    assert (code, out) == (2, "")
    first, hint, nothing = err.split("\n")
    assert first.startswith("budgetbalans: --target: 'tolv' ") and nothing == ""
    assert hint == (SV_HINT if way == "default" else EN_HINT).format(" gap")
    english = invoke(["gap", str(PLAN), "--target", "tolv"], "option")[2]
    assert (err == english) is (way != "default")
    assert not python_words(err)


def test_the_language_is_known_before_the_error_it_follows() -> None:
    """The unknown command stops click before it reads --lang: the language came from the arguments."""
    assert invoke(["sumarize", "--lang", "en"])[2].startswith("budgetbalans: no such command 'sumarize'")
    assert invoke(["summarize", "--bogus", "--lang", "en"])[2].startswith("budgetbalans: no such option '--bogus'")


def test_what_the_user_typed_is_quoted_with_its_control_characters_shown() -> None:
    code, _, err = invoke(["summarize", "--format", "pdf\x1b[31m\n"])
    assert code == 2
    assert err.startswith("budgetbalans: --format: okänt värde 'pdf\\x1b[31m\\n'; välj ")
    assert "\x1b" not in err


def test_the_installed_command_words_usage_errors_as_the_tests_see_them(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["summarize", "--formt", "json"], ["sumarize", "--lang", "en"]):
        expected = invoke(args)
        assert run(args) == 2
        captured = capsys.readouterr()
        assert (2, captured.out, captured.err) == expected


# --- -o that cannot be written, a bug -----------------------------------------------------------


@pytest.mark.parametrize("way", WAYS)
def test_an_output_that_cannot_be_written(tmp_path: Path, way: str) -> None:
    missing = tmp_path / "saknas" / "rapport.csv"
    code, out, err = invoke(["summarize", str(PLAN), "--format", "csv", "-o", str(missing)], way)
    assert (code, out) == (2, "")
    expected = ("budgetbalans: kan inte skriva '{}': mappen finns inte\n" if way == "default"
                else "budgetbalans: cannot write '{}': the folder does not exist\n")
    assert err == expected.format(missing)
    code, _, err = invoke(["summarize", str(PLAN), "--format", "csv", "-o", str(tmp_path)], way)
    reason = "det är en mapp" if way == "default" else "it is a folder"
    assert code == 2 and err.endswith(f"'{tmp_path}': {reason}\n")


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("None of this: 'NoneType' object is not subscriptable")


@pytest.mark.parametrize("way", WAYS)
def test_a_bug_is_one_line_without_python_in_the_language_asked_exit_3(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], way: str) -> None:
    monkeypatch.setattr("budgetbalans.core.summary.summarize", _boom)
    if way == "environment":
        monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    assert run(["summarize", str(PLAN), *(["--lang", "en"] if way == "option" else [])]) == 3
    err = capsys.readouterr().err
    if way == "default":
        assert err == ("budgetbalans: internt fel. Det är ett fel i budgetbalans, inte i din plan; kör igen med "
                       "BUDGETBALANS_DEBUG=1 för detaljer och rapportera det.\n")
    else:
        assert err == ("budgetbalans: internal error. This is a bug in budgetbalans, not in your plan; run again "
                       "with BUDGETBALANS_DEBUG=1 for details and report it.\n")
    assert not python_words(err)


def test_a_bug_shows_its_traceback_only_when_asked(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("budgetbalans.core.summary.summarize", _boom)
    monkeypatch.setenv("BUDGETBALANS_DEBUG", "1")
    assert run(["summarize", str(PLAN)]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError" in err and err.endswith("rapportera det.\n")


# --- check: the summary in the reader's language, the codes in every language ------------------


@pytest.mark.parametrize("way", WAYS)
def test_check_text_summary(way: str) -> None:
    code, out, _ = invoke(["check", str(PLAN)], way)
    assert code == 0
    assert out == ("inga problem i 1 plan (1 känt fel i källdokumenten, avstämt)\n" if way == "default"
                   else "no problems in 1 plan (1 known error of source documents accepted)\n")
    code, out, _ = invoke(["check", str(UNKNOWN_KEY), str(PLAN)], way)
    assert code == 1
    assert out.splitlines()[-1] == ("1 problem i 1 av 2 planer (1 känt fel i källdokumenten, avstämt)"
                                    if way == "default" else
                                    "1 problem in 1 of 2 plans (1 known error of source documents accepted)")


def test_check_github_carries_the_code_in_the_title_whatever_the_language() -> None:
    swedish = invoke(["check", str(UNKNOWN_KEY), "--format", "github"])[1].splitlines()
    english = invoke(["check", str(UNKNOWN_KEY), "--format", "github"], "environment")[1].splitlines()
    codes = json.loads(invoke(["check", str(UNKNOWN_KEY), "--format", "json"])[1])["problems"]
    assert len(swedish) == len(english) == len(codes) + 1
    for sv, en, problem in zip(swedish, english, codes):
        command_sv, message_sv = sv.rsplit("::", 1)
        command_en, message_en = en.rsplit("::", 1)
        assert command_sv == command_en  # the file, the place and the code: the same in both languages
        assert command_sv.endswith(f",title=budgetbalans check ({problem['code']})")
        assert message_sv != message_en
    assert (swedish[-1], english[-1]) == ("1 problem i 1 av 1 plan", "1 problem in 1 of 1 plan")


def test_check_json_codes_and_counts_do_not_depend_on_the_language() -> None:
    swedish = json.loads(invoke(["check", str(UNKNOWN_KEY), str(PLAN), "--format", "json"])[1])
    english = json.loads(invoke(["check", str(UNKNOWN_KEY), str(PLAN), "--format", "json"], "option")[1])
    assert [p["code"] for p in swedish["problems"]] == [p["code"] for p in english["problems"]]
    assert {key: swedish[key] for key in ("ok", "files", "files_with_problems", "accepted_known_differences")} == \
        {key: english[key] for key in ("ok", "files", "files_with_problems", "accepted_known_differences")}
    assert swedish["summary"] == "1 problem i 1 av 2 planer (1 känt fel i källdokumenten, avstämt)"
    assert english["summary"] == "1 problem in 1 of 2 plans (1 known error of source documents accepted)"


# --- everything else the command line writes ----------------------------------------------------


def test_summarize_warnings_are_swedish_by_default() -> None:
    code, out, err = invoke(["summarize", str(PLAN)])
    assert code == 0 and err == ""
    assert "Varning: " in out and "dokumentets summa är 13 149 000 kr" in out and "Warning" not in out
    code, out, _ = invoke(["summarize", str(PLAN)], "environment")
    assert "Warning: " in out and "Varning" not in out


@pytest.mark.parametrize("command", [["summarize"], ["gap"], ["follow-up"], ["check"]])
def test_nothing_english_in_swedish_output(command: list[str]) -> None:
    code, out, err = invoke([*command, str(PLAN)])
    assert code == 0 and err == ""
    english = re.compile(r"\b(?:the|and|of|no|Amounts|Total|Warning|Target|Surplus|Remaining|problems|plans|known|"
                         r"accepted|Planned|Forecast)\b")
    assert not english.findall(out.replace(str(PLAN), "")), out
    assert_swedish(out)


def test_our_classes_word_the_help_on_this_typer() -> None:
    """Not typer's help: the group and every command are budgetbalans's classes (cls=)."""
    group = typer.main.get_command(app)
    assert isinstance(group, clitext.Group)
    context = group.make_context("budgetbalans", ["--help"], resilient_parsing=True)
    assert all(isinstance(group.get_command(context, name), clitext.Command) for name in group.list_commands(context))


def test_lang_before_the_command_is_the_commands_language_too() -> None:
    code, out, _ = invoke(["--lang", "en", "summarize", str(PLAN)])
    assert code == 0 and "Warning: " in out and "Savings target" in out and "Sparbeting" not in out


def test_a_usage_error_from_elsewhere_still_is_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """click's words shown inside ours, never its layout: for an error no code of ours words (none today)."""
    usage_error = sys.modules[typer.BadParameter.__module__].UsageError

    def refuse(text: Optional[str]) -> None:
        raise usage_error("something new")

    monkeypatch.setattr(summarize, "statuses", refuse)
    assert invoke(["summarize", str(PLAN)]) == (2, "", "budgetbalans: kommandoraden är fel (something new)\n")
    assert invoke(["summarize", str(PLAN)], "option")[2] == "budgetbalans: the command line is wrong (something new)\n"


def test_a_missing_required_value_names_it() -> None:
    """No budgetbalans parameter is required today; a command that gains one words its absence."""
    errors = sys.modules[typer.BadParameter.__module__]
    group = typer.main.get_command(app)
    context = group.make_context("budgetbalans", ["summarize"], resilient_parsing=True)
    command = group.get_command(context, "check")
    assert command is not None
    paths = next(param for param in command.get_params(context) if param.name == "paths")
    error = clitext.reworded(errors.MissingParameter(ctx=context, param=paths), command, context, [])
    assert (error.text(Lang.SV), error.text(Lang.EN), error.code) == ("SÖKVÄG saknas", "PATH is missing", "cli.missing")
