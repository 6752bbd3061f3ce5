"""The command line: the typer app, its commands (:mod:`budgetbalans.cli.commands`), and the one error boundary (:func:`run`).

Exit status (docs/planformat.md): 0 all is well; 1 a plan is invalid or a check fails;
2 a wrong command line; 3 a bug in budgetbalans (never caused by a plan file).
"""

from __future__ import annotations

import errno
import gc
import os
import sys
import traceback
from typing import Annotated, Optional

# budgetbalans uses no pydantic plugins; without this, pydantic scans the metadata of every
# installed package for them at each start (about a tenth of the cold start). Set the variable
# yourself to load plugins anyway.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

import typer  # noqa: E402 - after the setting above

# A report holds every plan it reads (25 000 measures are a million objects): with the default
# threshold the cyclic collector rescans them hundreds of times while they are read, a third of
# the run. Collect young objects after 50 000 allocations instead of 700.
gc.set_threshold(50_000, 20, 20)

from budgetbalans import __version__
from budgetbalans.cli import help as clitext
from budgetbalans.cli.commands import check, diff, follow_up, gap, import_, schema, summarize
from budgetbalans.cli.exitcodes import EXIT_BUG, EXIT_OK
from budgetbalans.cli.help import NoCommand, lang_of
from budgetbalans.cli.options import LangOpt
from budgetbalans.cli.reports import cannot_write
from budgetbalans.i18n import Lang, template
from budgetbalans.output import OutputError, silence_stdout

# Every text of the command line itself (help, usage errors) is budgetbalans's own, in the run's
# language: clitext.Group and clitext.Command write it; the help texts are in clitext.OPTION_HELP.
app = typer.Typer(
    name="budgetbalans",  # also the program's name where none is given (typer's CliRunner)
    cls=clitext.Group,
    add_completion=False,
    invoke_without_command=True,  # budgetbalans with options only: the help, as without arguments
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetbalans {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: LangOpt = None,  # read before parsing (clitext.lang_of): the language of the help and of the command
) -> None:
    """budgetbalans: åtgärdsplaner för budget i balans, summerade exakt."""
    if ctx.invoked_subcommand is None:
        raise NoCommand(ctx)


# In the order `budgetbalans --help` lists them.
app.command("summarize", cls=clitext.Command)(summarize.command)
app.command("gap", cls=clitext.Command)(gap.command)
app.command("follow-up", cls=clitext.Command)(follow_up.command)
app.command("check", cls=clitext.Command)(check.command)
app.command("schema", cls=clitext.Command)(schema.command)
app.command("diff", cls=clitext.Command)(diff.command)
app.command("import", cls=clitext.Command)(import_.command)


def run(argv: Optional[list[str]] = None) -> int:
    """The error boundary: expected problems are one line and exit 1 or 2; a bug exits 3.

    The language of every text (help, usage errors, the bug's message) is the command line's
    (clitext.lang_of), decided before anything is parsed.
    """
    lang = lang_of(sys.argv[1:] if argv is None else argv)
    _closed_streams_to_null()
    try:
        try:
            app(args=argv, prog_name="budgetbalans")
            code = EXIT_OK
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else EXIT_OK
        _flush_stdout()  # a full disk under text written by print(): found here, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except OutputError as error:
        return cannot_write(error, lang)
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        silence_stdout()
        return EXIT_OK
    except OSError as error:
        if error.errno not in _WRITING_ERRORS:
            silence_stdout()
            return _bug(lang)
        silence_stdout()  # output that could not be written: plans are read before, and their errors are problems
        return cannot_write(OutputError(None, error), lang)
    except Exception:  # noqa: BLE001 - the one place that catches everything
        silence_stdout()
        return _bug(lang)


def _closed_streams_to_null() -> None:
    """A process started with standard output or error closed (``>&-``: Python has no stream then) writes
    what it would have written there to the null device, as ``>/dev/null`` would; its exit status is kept."""
    if sys.stdout is None:
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - the process's stream, open to its end
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115


#: Errors of writing that are the environment's (a full disk or quota, a file too large, a failing
#: device): whatever printed the output (a report, check's lines, --help), one line and exit 2.
_WRITING_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _flush_stdout() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as error:
        silence_stdout()
        raise OutputError(None, error) from None


INTERNAL_ERROR = template(
    "cli.internal_error",
    sv="internt fel. Det är ett fel i budgetbalans, inte i din plan; kör igen med BUDGETBALANS_DEBUG=1 för "
       "detaljer och rapportera det.",
    en="internal error. This is a bug in budgetbalans, not in your plan; run again with BUDGETBALANS_DEBUG=1 "
       "for details and report it.")


def _bug(lang: Lang) -> int:
    """The one line a bug shows (its traceback only with BUDGETBALANS_DEBUG: Python's words are for us)."""
    if os.environ.get("BUDGETBALANS_DEBUG"):
        traceback.print_exc()
    clitext.show_error(INTERNAL_ERROR().text(lang))
    return EXIT_BUG


def entry_point() -> None:
    """The console script and ``python -m budgetbalans``: :func:`run`, then the process ends with its exit
    status at once, without the interpreter's shutdown (which frees, one by one, every object built at
    import: about a fifth of a short run). Every file a command writes is closed before :func:`run`
    returns (:mod:`budgetbalans.output`); standard output and error are flushed here. Only the real
    process ends so: tests run :func:`run` and the app in-process; under a profiler or a tracer
    (``python -m cProfile``, coverage) Python ends it as usual, so that their reports are written."""
    code = run()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started with the stream closed
                stream.flush()
    except (OSError, ValueError):  # a stream that will not flush: Python's own shutdown deals with it
        sys.exit(code)
    os._exit(code)
