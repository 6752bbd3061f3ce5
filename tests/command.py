"""budgetbalans's command line run in the test's own process (typer's CliRunner), standard error apart."""

from __future__ import annotations

from typer.testing import CliRunner

from budgetbalans.cli.app import app


def runner() -> CliRunner:
    """typer's CliRunner with standard error apart from standard output on every click version.

    click 8.1 (under typer 0.17) mixes them unless asked; click 8.2 and typer's own click keep
    them apart always and no longer take the argument.
    """
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of ``budgetbalans ARGS``; an exception is raised."""
    result = runner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def invoke_bytes(*args: str) -> tuple[int, bytes, str]:
    """As :func:`invoke`, standard output as bytes (a report's BOM, a workbook, a document)."""
    result = runner().invoke(app, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout_bytes, result.stderr
