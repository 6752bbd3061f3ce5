"""The command line's own words, in Swedish (the default) or English: help and usage errors.

typer and click write ``--help`` and usage errors in English, in sentences that change from one
of their versions to the next (typer 0.12 uses the ``click`` package; newer typers carry their own
copy of click, with other wordings). budgetbalans writes both itself, from what stays the same on
every version: an option's names, the value given, the annotations of the command functions.

- :func:`lang_of` decides the language before anything is parsed, from the last ``--lang`` of
  the arguments, else ``BUDGETBALANS_LANG``, else Swedish: a usage error can come before
  ``--lang`` is read, and ``--help`` is answered before it is.
- :class:`Group` and :class:`Command` (typer's classes, given with ``cls=``) write the help from
  :data:`COMMAND_HELP` and :data:`OPTION_HELP`, and turn click's usage errors into
  :class:`CommandLineError`: a :class:`~budgetbalans.i18n.Message` with a stable code.
- :meth:`Group.main` runs click without its own error printing and prints a usage error as one
  ``budgetbalans: …`` line and a hint to ``--help``, exit 2. ``app()``, :func:`budgetbalans.cli.app.run`
  and typer's ``CliRunner().invoke(app, …)`` all go through it, so the tests see what users see.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import sys
import typing
from contextvars import ContextVar
from enum import Enum
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence, Union

import typer
from typer.core import TyperCommand, TyperGroup

from budgetbalans.i18n import LABEL, Lang, Message, Template, default_lang, quoted, template
from budgetbalans.report.formats import offered
from budgetbalans.text import clean

if TYPE_CHECKING:  # for the types only: the click of the newest typer (its own copy)
    from typer import _click as click
    from typer._click import exceptions as errors
else:
    # click's exceptions, as typer itself raises them: from its own copy of click (typer >= 0.2x) or
    # from the click package (typer 0.12 to 0.1x). Their data is the same; their wording is not.
    errors: ModuleType = importlib.import_module(typer.BadParameter.__module__)

EXIT_USAGE = 2

# --- the run's language -------------------------------------------------------------------------

_RUN_LANG: ContextVar[Optional[Lang]] = ContextVar("budgetbalans_lang", default=None)


def lang_of(args: Sequence[str]) -> Lang:
    """The language a command line asks for: its last ``--lang sv|en`` (before ``--``), else the environment's."""
    asked: Optional[str] = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            asked = args[index + 1]
        elif arg.startswith("--lang="):
            asked = arg.removeprefix("--lang=")
    known = {lang.value: lang for lang in Lang}
    return known[asked] if asked in known else default_lang()


def current_lang() -> Lang:
    """The language of the command line being run (see :func:`lang_of`), else the environment's."""
    return _RUN_LANG.get() or default_lang()


# --- the words of the help ----------------------------------------------------------------------


def _words(code: str, sv: str, en: str) -> Template:
    """A text of the command line's help in Swedish and English, a label under ``label.help.<code>``."""
    return template(f"{LABEL}help.{code}", sv, en)


USAGE = _words("usage", "Användning:", "Usage:")
OPTIONS = _words("options", "Flaggor", "Options")
ARGUMENTS = _words("arguments", "Argument", "Arguments")
COMMANDS = _words("commands", "Kommandon", "Commands")
OPTIONS_METAVAR = _words("options_metavar", "[FLAGGOR]", "[OPTIONS]")
COMMAND_METAVAR = _words("command_metavar", "KOMMANDO [ARGUMENT]...", "COMMAND [ARGS]...")
DEFAULT = _words("default", "standard: {value}", "default: {value}")

#: What each command does; the group (``budgetbalans`` itself) is "".
COMMAND_HELP: dict[str, Template] = {
    "": _words("command.budgetbalans",
        "budgetbalans: åtgärdsplaner för budget i balans, summerade exakt. Kör ett kommando med --help "
        "för att se vad det tar.",
        "budgetbalans: action plans for a balanced budget (åtgärdsplaner för budget i balans), added up "
        "exactly. Run a command with --help to see what it takes."),
    "summarize": _words("command.summarize",
        "Varje åtgärds effekt per år och intervallklass, summorna, sparbetinget och vad som är kvar att "
        "spara.",
        "Each measure's effect per year and class, totals, target and gap."),
    "gap": _words("command.gap",
        "Vad som är kvar att spara per år och för hela perioden, och hur stor del av sparbetinget "
        "åtgärderna täcker.",
        "The remaining gap (kvar att spara) per year and for the period, and the coverage."),
    "follow-up": _words("command.follow_up",
        "Uppföljning: planerat, prognos och avvikelse per åtgärd för ett år, och vad som enligt "
        "prognosen är kvar att spara.",
        "Follow-up (uppföljning): planned, forecast and deviation per measure for one year, and the "
        "forecast gap."),
    "check": _words("command.check",
        "Kontrollera planfiler, till exempel i CI: varje problem i varje fil, sedan slutstatus 0 "
        "(inga problem) eller 1.",
        "Validate plan files for CI: every problem in every file, then exit 0 or 1."),
    "diff": _words("command.diff",
        "Vad en ändring av planerna gör: åtgärder som lagts till, tagits bort eller ändrats, och summan, "
        "gapet och vad som är kvar att spara per år, före och efter.",
        "What a change to the plans does: measures added, removed or changed, and the total, the gap and "
        "what is still to save per year, before and after."),
    "import": _words("command.import",
        "Läs tabellerna i ett Word-dokument, en Excel-arbetsbok eller en CSV-fil och skriv dem som en "
        "planfil (YAML), med kommentarer där importen har valt; det som inte stämmer skrivs på standard fel.",
        "Read the tables of a Word document, an Excel workbook or a CSV file and write them as a plan file "
        "(YAML), with comments where the import chose; what does not add up is written to standard error."),
    "schema": _words("command.schema",
        "Planformatets JSON Schema, för redigerare (yaml-language-server) och andra verktyg.",
        "The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."),
}

#: What each format is, for the help of ``--format``, by (command, format); "*" holds the words every command
#: shares. A command's help lists the formats it accepts (:func:`choices_of`), each in these words.
FORMAT_HELP: dict[tuple[str, str], Template] = {
    ("*", "table"): _words("format.table", "table", "table"),
    ("*", "text"): _words("format.text", "text", "text"),
    ("*", "json"): _words("format.json", "json", "json"),
    ("*", "csv"): _words("format.csv", "csv (svensk Excel)", "csv (Swedish Excel)"),
    ("*", "markdown"): _words("format.markdown", "markdown", "markdown"),
    ("*", "html"): _words("format.html", "html (en fristående sida)", "html (one self-contained page)"),
    ("*", "xlsx"): _words("format.xlsx", "xlsx (kräver --output)", "xlsx (needs --output)"),
    ("*", "docx"): _words("format.docx", "docx (Word; kräver --output)", "docx (Word; needs --output)"),
    ("*", "github"): _words("format.github", "github (anteckningar i GitHub Actions)",
                            "github (GitHub Actions annotations)"),
    ("check", "github"): _words("format.check.github",
        "github (anteckningar i GitHub Actions; standard när GITHUB_ACTIONS=true)",
        "github (GitHub Actions annotations; the default when GITHUB_ACTIONS=true)"),
}


def formats_help(command: str, formats: Sequence[str]) -> Template:
    """The help of a command's ``--format``: the formats it accepts, each with what it is."""
    words = [FORMAT_HELP.get((command, name)) or FORMAT_HELP[("*", name)] for name in formats]

    def listed(lang: Lang) -> str:
        choices = one_of([word.text(lang) for word in words])
        return f"{choices if isinstance(choices, str) else choices.text(lang)}."

    return Template(f"{LABEL}help.format.{command}", listed(Lang.SV), listed(Lang.EN))


#: Each option's and argument's help, by (command, parameter name); "*" holds those that every
#: command words alike. tests/test_cli_lang.py checks that every parameter has one.
OPTION_HELP: dict[tuple[str, str], Template] = {
    ("*", "help"): _words("option.help", "Visa den här hjälpen och avsluta.", "Show this message and exit."),
    ("*", "lang"): _words("option.lang",
        "Språk för allt som visas: sv eller en (standard sv, eller miljövariabeln BUDGETBALANS_LANG).",
        "Language of everything shown: sv or en (default sv, or the environment variable BUDGETBALANS_LANG)."),
    ("*", "paths"): _words("option.paths",
        "Planfiler eller mappar (alla *.yaml och *.yml under dem). Standard: plans/",
        "Plan files or folders (every *.yaml and *.yml below). Default: plans/"),
    ("*", "unit"): _words("option.unit",
        "Visa belopp i kr, tkr eller mkr (standard: planernas enhet).",
        "Show amounts in kr, tkr or mkr (default: the plans' unit)."),
    ("*", "output"): _words("option.output",
        "Skriv rapporten till den här filen (krävs för xlsx och docx). Standard: terminalen (standard ut).",
        "Write the report to this file (required for xlsx and docx). Default: standard output."),
    ("gap", "output"): _words("option.gap.output",
        "Skriv rapporten till den här filen (krävs för docx). Standard: terminalen (standard ut).",
        "Write the report to this file (required for docx). Default: standard output."),
    ("diff", "output"): _words("option.diff.output",
        "Skriv rapporten till den här filen (krävs för xlsx). Standard: terminalen (standard ut).",
        "Write the report to this file (required for xlsx). Default: standard output."),
    ("*", "status"): _words("option.status",
        "Räkna bara åtgärder med dessa statusar, kommaseparerade, till exempel klart,pågår eller done,ongoing.",
        "Count only these statuses, comma-separated, such as done,ongoing or klart,pågår."),
    ("*", "group_by"): _words("option.group_by",
                              "Delsummor per område (area), status, plan eller beslutsnivå (decision).",
                              "Subtotals by area, status, plan or decision level."),
    ("*", "template"): _words("option.template",
        "Med --format docx: börja från det här Word-dokumentet eller den här Word-mallen (.docx, .dotx); "
        "dess formatmallar, sidhuvud och sidfot behålls, innehållet ersätts.",
        "With --format docx: start from this Word document or template (.docx, .dotx); its styles, header "
        "and footer are kept, its content replaced."),
    ("", "version"): _words("option.budgetbalans.version", "Visa versionen och avsluta.", "Show the version and exit."),
    ("gap", "target"): _words("option.gap.target",
        "Sparbeting i stället för planernas: ett belopp, i tkr om det inte anger sin enhet "
        "(12 357, '12,4 mkr').",
        "Sparbeting replacing the plans' own: an amount, in tkr unless it names its unit (12 357, '12,4 mkr')."),
    ("gap", "year"): _words("option.gap.year", "Bara det här året.", "Only this year."),
    ("*", "level"): _words("option.level",
        "Med ett organisationsträd (budgetbalans.yaml): visa trädets rader ner till nivå N (0 = bara kommunen, "
        "1 = nämnderna, …). Standard: alla nivåer.",
        "With an organisation tree (budgetbalans.yaml): show the tree's rows down to level N (0 = the kommun "
        "only, 1 = its nämnder, …). Default: every level."),
    ("follow-up", "year"): _words("option.follow_up.year",
        "Året att följa upp (standard: året för as_of, annars planens sista år).",
        "The year to follow up (default: the year of as_of, else the plan's last year)."),
    ("follow-up", "yellow"): _words("option.follow_up.yellow",
        "Gräns för gul signal: en prognos högst så många procent av den planerade effekten under planen är gul, "
        "längre under röd (standard 10).",
        "The limit of a yellow signal: a forecast at most this many per cent of the planned effect below plan is "
        "yellow, further below red (default 10)."),
    ("follow-up", "fail_on"): _words("option.follow_up.fail_on",
        "red: slutstatus 1 om någon åtgärd har röd signal eller är försenad (för CI).",
        "red: exit 1 when any measure's signal is red or any measure is late (for CI)."),
    ("follow-up", "history"): _words("option.follow_up.history",
        "Uppföljningarnas historik ur git: varje commit där planens as_of ändrats är en rapport; per åtgärd "
        "prognosen vid varje rapport, ändringen sedan förra, utfallet och, efter bokslut, prognosernas träffsäkerhet. "
        "Arbetskopian och indexet rörs aldrig.",
        "The follow-ups' history from git: each commit in which the plan's as_of changed is a report; per measure "
        "the forecast at each report, the change since the previous one, the outcome and, after the year end, the "
        "forecasts' accuracy. The working tree and index are never touched."),
    ("follow-up", "since"): _words("option.follow_up.since",
        "Med --history: läs historiken från den här git-revisionen (commit, tagg) och framåt.",
        "With --history: read the history from this git revision (commit, tag) on."),
    ("diff", "paths"): _words("option.diff.paths",
        "GAMMAL NY: två planfiler eller två mappar. Med --base: planfiler eller mappar i arbetskopian "
        "(standard: plans/).",
        "OLD NEW: two plan files or two folders. With --base: plan files or folders of the working tree "
        "(default: plans/)."),
    ("diff", "base"): _words("option.diff.base",
        "Jämför planerna vid den här git-revisionen (commit, gren, origin/main, tagg) med arbetskopian.",
        "Compare the plans at this git revision (commit, branch, origin/main, tag) with the working tree."),
    ("diff", "step_summary"): _words("option.diff.step_summary",
        "Lägg också Markdown-rapporten till filen i GITHUB_STEP_SUMMARY (jobbets sammanfattning), om den är satt.",
        "Also append the Markdown report to the file in GITHUB_STEP_SUMMARY (the job summary), if it is set."),
    ("diff", "fail_on_worse"): _words("option.diff.fail_on_worse",
        "Slutstatus 1 om det som är kvar att spara växer något år.",
        "Exit 1 when what is still to save grows in any year."),
    ("check", "require_target"): _words("option.check.require_target",
        "Underkänn en plan som inte anger något sparbeting (target).",
        "Fail for a plan that states no target (sparbeting)."),
    ("schema", "organisation"): _words("option.schema.organisation",
        "Skriv schemat för organisationsträdet (budgetbalans.yaml) i stället för planformatets.",
        "Print the schema of the organisation tree (budgetbalans.yaml) instead of the plan format's."),
    ("check", "fail_on_gap"): _words("option.check.fail_on_gap",
        "Underkänn en plan vars åtgärder inte säkert täcker sparbetinget.",
        "Fail for a plan whose measures do not surely cover its target."),
    ("import", "file"): _words("option.import.file",
        "Filen att importera: .docx (Word), .xlsx (Excel) eller .csv.",
        "The file to import: .docx (Word), .xlsx (Excel) or .csv."),
    ("import", "output"): _words("option.import.output",
        "Skriv planfilen hit, till exempel plans/omsorg-2025.yaml (skrivs inte om importen misslyckas). "
        "Standard: terminalen (standard ut).",
        "Write the plan file here, such as plans/omsorg-2025.yaml (nothing is written if the import fails). "
        "Default: standard output."),
    ("import", "unit"): _words("option.import.unit",
        "Enheten för belopp utan enhet, kr, tkr eller mkr, när dokumentet inte anger den (går före "
        "dokumentets).",
        "The unit of amounts without one, kr, tkr or mkr, when the document does not say (overrides the "
        "document's)."),
    ("import", "organisation"): _words("option.import.organisation",
        "Skriv planen för den här delen av organisationsträdet (organisation:). Finns budgetbalans.yaml här "
        "måste namnet stå i trädet, och planens sparbeting stämma med delens; annars skrivs ingenting.",
        "Write the plan for this part of the organisation tree (organisation:). Where budgetbalans.yaml is "
        "here, the name must be in the tree and the plan's target agree with the part's; else nothing is "
        "written."),
}

#: The placeholder shown for an option's value, by parameter name (a choice shows its choices).
_FILE = _words("metavar.file", "FIL", "FILE")
METAVARS: dict[str, Template] = {
    "paths": _words("metavar.paths", "SÖKVÄG", "PATH"),
    "file": _FILE,
    "output": _FILE,
    "template": _FILE,
    "target": _words("metavar.target", "BELOPP", "AMOUNT"),
    "year": _words("metavar.year", "ÅR", "YEAR"),
    "level": _words("metavar.level", "N", "N"),
    "yellow": _words("metavar.yellow", "PROCENT", "PERCENT"),
    "base": _words("metavar.base", "REVISION", "REVISION"),
    "status": _words("metavar.status", "STATUS", "STATUS"),
    "organisation": _words("metavar.organisation", "NAMN", "NAME"),
}


def option_help(command: str, name: str, choices: Optional[Sequence[str]] = None) -> Optional[Template]:
    """A parameter's help; ``--format``'s lists the formats the command accepts (its ``choices``)."""
    if name == "format" and choices:
        return formats_help(command, choices)
    return OPTION_HELP.get((command, name)) or OPTION_HELP.get(("*", name))


# --- the messages of the command line -----------------------------------------------------------

NO_SUCH_OPTION = template("cli.no_such_option", sv="okänd flagga {option}", en="no such option {option}")
NO_SUCH_OPTION_GUESS = template(
    "cli.no_such_option_guess",
    sv="okänd flagga {option}; menade du {suggestion}?", en="no such option {option}; did you mean {suggestion}?")
NEEDS_VALUE = template("cli.needs_value", sv="ett värde saknas efter flaggan", en="the option needs a value")
NEEDS_CHOICE = template("cli.needs_choice", sv="ett värde saknas; välj {choices}", en="a value is missing; choose {choices}")
TAKES_NO_VALUE = template("cli.takes_no_value", sv="flaggan tar inget värde", en="the option takes no value")
MISSING = template("cli.missing", sv="{name} saknas", en="{name} is missing")
NOT_A_CHOICE = template("cli.not_a_choice", sv="okänt värde {value}; välj {choices}",
                        en="unknown value {value}; choose {choices}")
NOT_A_YEAR = template("cli.not_a_year", sv="{value} är inget år; skriv ett årtal som 2025",
                      en="{value} is not a year; write a year such as 2025")
INVALID_VALUE = template("cli.invalid_value", sv="ogiltigt värde {value}", en="invalid value {value}")
UNEXPECTED_ARGUMENTS = template("cli.unexpected_arguments", sv="oväntat argument {values}",
                                en="unexpected argument {values}")
NO_SUCH_COMMAND = template("cli.no_such_command", sv="okänt kommando {name}; välj {choices}",
                           en="no such command {name}; choose {choices}")
NO_SUCH_COMMAND_GUESS = template(
    "cli.no_such_command_guess",
    sv="okänt kommando {name}; menade du {suggestion}?", en="no such command {name}; did you mean {suggestion}?")
OTHER_USAGE_ERROR = template("cli.usage_error", sv="kommandoraden är fel ({detail})",
                             en="the command line is wrong ({detail})")
HELP_HINT = template("cli.help_hint", sv="Mer hjälp: {command} --help", en="More help: {command} --help")
OR_LIST = template("cli.or_list", sv="{items} eller {last}", en="{items} or {last}")
ABORTED = template("cli.aborted", sv="avbrutet", en="aborted")


def one_of(choices: Sequence[str]) -> Union[str, Message]:
    """``a, b or c`` in the reader's language; one choice alone as it is."""
    *items, last = choices
    return OR_LIST(items=", ".join(items), last=last) if items else last


class CommandLineError(errors.UsageError):
    """A wrong command line, worded by budgetbalans in either language: exit 2.

    ``option`` names the option (``--format``) or argument it is about, shown before the message.
    Raise it from a command for a value the types cannot check (``--status``, ``--target``).
    """

    def __init__(self, message: Message, option: Union[str, Message, None] = None,
                 ctx: Optional[click.Context] = None) -> None:
        super().__init__(message.text(Lang.EN), ctx)
        self.problem = message
        self.option = option

    @property
    def code(self) -> str:
        return self.problem.code

    def text(self, lang: Lang) -> str:
        wording = self.problem.text(lang)
        option = self.option.text(lang) if isinstance(self.option, Message) else self.option
        return f"{option}: {wording}" if option else wording

    def format_message(self) -> str:
        return self.text(current_lang())


class NoCommand(errors.UsageError):
    """``budgetbalans`` without a command (nothing, or options only): its help on standard error, exit 2.

    click 8.1 answers no arguments with the help and exit 0, newer clicks with exit 2: one answer here.
    """

    def __init__(self, ctx: click.Context) -> None:
        super().__init__("", ctx)


def show_error(text: str) -> None:
    """One ``budgetbalans: …`` line on standard error, control characters shown, never obeyed."""
    typer.echo(f"budgetbalans: {clean(text)}", err=True)


# --- what the command functions declare ---------------------------------------------------------


@lru_cache(maxsize=None)
def _annotations(function: Callable[..., Any]) -> dict[str, Any]:
    """A command function's parameters and their types, without Annotated, Optional or list."""
    hints = typing.get_type_hints(inspect.unwrap(function))
    return {name: _bare(hint) for name, hint in hints.items() if name != "return"}


def _bare(hint: Any) -> Any:
    arguments = [argument for argument in typing.get_args(hint) if argument is not type(None)]
    return _bare(arguments[0]) if len(arguments) == 1 else hint


def _kind(command: click.Command, name: Optional[str]) -> Any:
    callback = command.callback
    return _annotations(callback).get(name) if callback is not None and name else None


def choices_of(command: click.Command, param: click.Parameter) -> Optional[list[str]]:
    """The words a parameter takes: ``--format``'s are the formats the command offers (the registry,
    :func:`budgetbalans.report.formats.offered`); an Enum's (``--unit``, ``--lang``) are its values."""
    if param.name == "format":
        return list(offered(command.name or ""))
    kind = _kind(command, param.name)
    if not (isinstance(kind, type) and issubclass(kind, Enum)):
        return None
    return [str(member.value) for member in kind]


def _is_argument(param: click.Parameter) -> bool:
    return param.param_type_name == "argument"


def _is_flag(param: click.Parameter) -> bool:
    return bool(getattr(param, "is_flag", False))


def _is_help(param: click.Parameter, ctx: click.Context) -> bool:
    return bool(set(param.opts) & set(ctx.help_option_names))


def _display_name(param: click.Parameter) -> Union[str, Message]:
    """An option by its long name; an argument by its placeholder, in the reader's language (SÖKVÄG, PATH)."""
    if _is_argument(param):  # a word in a message, not a message of its own: its template is not registered
        return Template("cli.placeholder", _metavar(param, Lang.SV), _metavar(param, Lang.EN))()
    return max(param.opts, key=len)


def _metavar(param: click.Parameter, lang: Lang) -> str:
    words = METAVARS.get(param.name or "")
    return words.text(lang) if words else (param.name or "").upper()


# --- click's usage errors, in our words ---------------------------------------------------------


def reworded(error: errors.UsageError, command: click.Command, ctx: click.Context,
             args: Sequence[str]) -> CommandLineError:
    """click's usage error as a :class:`CommandLineError`, from its data, never its sentence."""
    if isinstance(error, CommandLineError):
        return error
    if isinstance(error, errors.NoSuchOption):
        return _no_such_option(error.option_name, error.possibilities, ctx)
    if isinstance(error, errors.BadOptionUsage):
        param = _param_named(command, ctx, error.option_name)
        if param is not None and _is_flag(param):
            return CommandLineError(TAKES_NO_VALUE(), _option_name(error.option_name), ctx)
        choices = choices_of(command, param) if param is not None else None
        return CommandLineError(NEEDS_CHOICE(choices=one_of(choices)) if choices else NEEDS_VALUE(),
                                _option_name(error.option_name), ctx)
    if isinstance(error, errors.MissingParameter) and error.param is not None:
        return CommandLineError(MISSING(name=_display_name(error.param)), ctx=ctx)
    if isinstance(error, errors.BadParameter) and error.param is not None:
        return _bad_value(command, error.param, ctx, args)
    return CommandLineError(OTHER_USAGE_ERROR(detail=error.format_message()), ctx=ctx)


def _no_such_option(name: str, possibilities: Optional[Sequence[str]], ctx: click.Context) -> CommandLineError:
    option = quoted(_option_name(name))
    if possibilities:
        guesses = [quoted(guess) for guess in possibilities]
        return CommandLineError(NO_SUCH_OPTION_GUESS(option=option, suggestion=one_of(guesses)), ctx=ctx)
    return CommandLineError(NO_SUCH_OPTION(option=option), ctx=ctx)


def _option_name(name: str) -> str:
    """The option as typed, without a value given with ``=``."""
    return name.partition("=")[0]


def _param_named(command: click.Command, ctx: click.Context, name: str) -> Optional[click.Parameter]:
    return next((param for param in command.get_params(ctx) if name in param.opts), None)


def _bad_value(command: click.Command, param: click.Parameter, ctx: click.Context,
               args: Sequence[str]) -> CommandLineError:
    """A value its type refused: a word that is not one of the choices, a year that is not a number."""
    given = given_value(args, param.opts)
    value = quoted(given) if given is not None else "''"
    choices = choices_of(command, param)
    kind = _kind(command, param.name)
    if choices:
        message = NOT_A_CHOICE(value=value, choices=one_of(choices))
    elif kind is int and param.name == "year":
        message = NOT_A_YEAR(value=value)
    else:
        message = INVALID_VALUE(value=value)
    return CommandLineError(message, _display_name(param), ctx)


def given_value(args: Sequence[str], names: Sequence[str]) -> Optional[str]:
    """The value the command line gives an option (its last one), as written: ``--year x``, ``--year=x``, ``-ox``."""
    value: Optional[str] = None
    for index, arg in enumerate(args):
        if arg == "--":
            break
        for name in names:
            if arg == name and index + 1 < len(args):
                value = args[index + 1]
            elif arg.startswith(name + "=") and name.startswith("--"):
                value = arg[len(name) + 1:]
            elif arg.startswith(name) and len(name) == 2 and not name.startswith("--") and len(arg) > 2:
                value = arg[2:]
    return value


# --- the help -----------------------------------------------------------------------------------


def write_help(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter, lang: Lang) -> None:
    """The whole ``--help`` of a command or of the group, in ``lang``."""
    write_usage(command, ctx, formatter, lang)
    key = _key(command, ctx)
    if key in COMMAND_HELP:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(COMMAND_HELP[key].text(lang))
    params = [param for param in command.get_params(ctx) if not getattr(param, "hidden", False)]
    arguments = [_argument_row(command, ctx, param, lang) for param in params if _is_argument(param)]
    options = [_option_row(command, ctx, param, lang) for param in params if not _is_argument(param)]
    for heading, rows in ((ARGUMENTS, arguments), (OPTIONS, options), (COMMANDS, _command_rows(command, ctx, lang))):
        if rows:
            with formatter.section(heading.text(lang)):
                formatter.write_dl(rows)


def write_usage(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter, lang: Lang) -> None:
    pieces = [OPTIONS_METAVAR.text(lang)]
    for param in command.get_params(ctx):
        if _is_argument(param):
            pieces.append(_argument_usage(param, lang))
    if isinstance(command, Group):
        pieces.append(COMMAND_METAVAR.text(lang))
    formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE.text(lang) + " ")


def _key(command: click.Command, ctx: click.Context) -> str:
    return "" if isinstance(command, Group) else (command.name or ctx.info_name or "")


def _argument_usage(param: click.Parameter, lang: Lang) -> str:
    shown = _metavar(param, lang)
    shown = shown if param.required else f"[{shown}]"
    return f"{shown}..." if param.nargs == -1 else shown


def _argument_row(command: click.Command, ctx: click.Context, param: click.Parameter, lang: Lang) -> tuple[str, str]:
    words = option_help(_key(command, ctx), param.name or "")
    return _argument_usage(param, lang), words.text(lang) if words else ""


def _option_row(command: click.Command, ctx: click.Context, param: click.Parameter, lang: Lang) -> tuple[str, str]:
    names = ", ".join(sorted(param.opts, key=lambda name: name.startswith("--")))
    if not _is_flag(param):
        choices = choices_of(command, param)
        names += " " + (f"[{'|'.join(choices)}]" if choices else _metavar(param, lang))
    words = option_help(_key(command, ctx), "help" if _is_help(param, ctx) else param.name or "",
                        choices_of(command, param))
    text = words.text(lang) if words else ""
    default = _default_shown(param)
    if default is not None:
        text += f"  [{DEFAULT.text(lang, value=default)}]"
    return names, text


def _default_shown(param: click.Parameter) -> Optional[str]:
    """A default worth showing: a word or a number (not "no value", not a flag's off)."""
    default = param.default
    if _is_flag(param) or default is None or isinstance(default, bool):
        return None
    if isinstance(default, Enum):
        return str(default.value)
    return str(default) if isinstance(default, (str, int)) else None


def _command_rows(command: click.Command, ctx: click.Context, lang: Lang) -> list[tuple[str, str]]:
    if not isinstance(command, Group):
        return []
    rows = []
    for name in command.list_commands(ctx):
        sub = command.get_command(ctx, name)
        if sub is not None and not sub.hidden:
            words = COMMAND_HELP.get(name)
            rows.append((name, words.text(lang) if words else ""))
    return rows


# --- typer's classes, with our help and our usage errors ----------------------------------------


class Command(TyperCommand):
    """A budgetbalans command: help and usage errors in the run's language (``cls=`` of ``app.command``)."""

    allow_extra_args = True  # extra arguments are refused in parse_args, in our words

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            rest = super().parse_args(ctx, list(args))
        except errors.UsageError as error:
            raise reworded(error, self, ctx, args) from None
        if rest and not ctx.resilient_parsing:
            raise CommandLineError(UNEXPECTED_ARGUMENTS(values=", ".join(map(quoted, rest))), ctx=ctx)
        return rest

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except CommandLineError as error:  # raised by the command itself: say which command
            error.ctx = error.ctx or ctx
            raise

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_help(self, ctx, formatter, current_lang())

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_usage(self, ctx, formatter, current_lang())


class Group(TyperGroup):
    """``budgetbalans`` itself (``cls=`` of ``typer.Typer``): runs a command, words every usage error."""

    def main(self, args: Optional[Sequence[str]] = None, prog_name: Optional[str] = None,
             complete_var: Optional[str] = None, standalone_mode: bool = True, windows_expand_args: bool = True,
             **extra: Any) -> Any:
        """Run a command line in its language (:func:`lang_of`); a usage error is one line and exit 2."""
        argv = list(sys.argv[1:] if args is None else args)
        token = _RUN_LANG.set(lang_of(argv))
        try:
            code = self._run(argv, prog_name, complete_var, windows_expand_args=windows_expand_args, **extra)
        finally:
            _RUN_LANG.reset(token)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args: list[str], prog_name: Optional[str], complete_var: Optional[str], **extra: Any) -> int:
        lang = current_lang()
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except NoCommand as error:
            typer.echo(error.ctx.get_help() if error.ctx else "", err=True)
            return EXIT_USAGE
        except CommandLineError as error:
            show_error(error.text(lang))
            where = error.ctx.command_path if error.ctx else (prog_name or "budgetbalans")
            typer.echo(HELP_HINT(command=where).text(lang), err=True)
            return EXIT_USAGE
        except errors.ClickException as error:  # a usage error not raised where we word it
            show_error(OTHER_USAGE_ERROR(detail=error.format_message()).text(lang))
            return error.exit_code
        except typer.Abort:
            show_error(ABORTED().text(lang))
            return 130
        return result if isinstance(result, int) else 0

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            raise NoCommand(ctx)
        try:
            return super().parse_args(ctx, list(args))
        except errors.UsageError as error:
            raise reworded(error, self, ctx, args) from None

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[
            Optional[str], Optional[click.Command], list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            names = list(self.list_commands(ctx))
            guesses = difflib.get_close_matches(name, names)
            suggestion = one_of([quoted(guess) for guess in guesses]) if guesses else ""
            message = (NO_SUCH_COMMAND_GUESS(name=quoted(name), suggestion=suggestion) if guesses
                       else NO_SUCH_COMMAND(name=quoted(name), choices=one_of(names)))
            raise CommandLineError(message, ctx=ctx)
        return super().resolve_command(ctx, args)

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_help(self, ctx, formatter, current_lang())

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        write_usage(self, ctx, formatter, current_lang())

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they are declared (typer 0.12 sorted them; later typers do not)."""
        return list(self.commands)


