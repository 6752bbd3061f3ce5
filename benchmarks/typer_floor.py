"""A typer command line with the arguments and options of `budgetbalans summarize` and `check`, doing nothing.

    python benchmarks/typer_floor.py summarize plan.yaml
    python benchmarks/typer_floor.py check plan.yaml

`benchmarks/run.py` times it beside the cold start of budgetbalans: what typer itself costs to
parse the same command line (typer 0.2x builds a pydantic TypeAdapter for every parameter when
a command runs), so that the rest is budgetbalans's own share. Each command has the parameters
of budgetbalans's command of the same name, with the same types, defaults and option names
(``tests/test_benchmark_reference.py`` keeps them equal); the enumerations are stand-ins with
the same values, since importing budgetbalans's would import budgetbalans.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # as budgetbalans.cli.app does

import typer  # noqa: E402 - after the setting above


class UnitChoice(str, Enum):
    KR = "kr"
    TKR = "tkr"
    MKR = "mkr"


class GroupBy(str, Enum):
    AREA = "area"
    STATUS = "status"
    PLAN = "plan"
    DECISION = "decision"


class Lang(str, Enum):
    SV = "sv"
    EN = "en"


def _format(value: Optional[str]) -> Optional[str]:
    """A stand-in for budgetbalans's check of --format against the formats its command offers."""
    return value


app = typer.Typer(name="budgetbalans", add_completion=False, invoke_without_command=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False)

PathsArg = Annotated[Optional[list[Path]], typer.Argument(readable=False)]
FormatOpt = Annotated[str, typer.Option("--format", callback=_format)]
OutputOpt = Annotated[Optional[Path], typer.Option("--output", "-o")]
GroupByOpt = Annotated[Optional[GroupBy], typer.Option("--group-by")]
UnitOpt = Annotated[Optional[UnitChoice], typer.Option("--unit")]
LangOpt = Annotated[Optional[Lang], typer.Option("--lang")]
StatusOpt = Annotated[Optional[str], typer.Option("--status")]
TemplateOpt = Annotated[Optional[Path], typer.Option("--template")]
LevelOpt = Annotated[Optional[int], typer.Option("--level", min=0)]


def _version(value: bool) -> None:
    if value:
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True)] = False,
    lang: LangOpt = None,
) -> None:
    """The options before the command."""


@app.command("summarize")
def summarize_command(paths: PathsArg = None, format: FormatOpt = "table", unit: UnitOpt = None,
                      lang: LangOpt = None, status: StatusOpt = None, output: OutputOpt = None,
                      group_by: GroupByOpt = None, template: TemplateOpt = None, level: LevelOpt = None) -> None:
    """Nothing: the command line of summarize, parsed."""


@app.command("check")
def check_command(
    paths: PathsArg = None,
    format: Annotated[Optional[str], typer.Option("--format", callback=_format)] = None,
    require_target: Annotated[bool, typer.Option("--require-target")] = False,
    fail_on_gap: Annotated[bool, typer.Option("--fail-on-gap")] = False,
    lang: LangOpt = None,
) -> None:
    """Nothing: the command line of check, parsed."""


if __name__ == "__main__":
    app(prog_name="budgetbalans")
