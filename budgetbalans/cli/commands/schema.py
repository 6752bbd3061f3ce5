"""``budgetbalans schema``: the JSON Schema of the plan format (``--organisation``: of ``budgetbalans.yaml``), for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import LangOpt
from budgetbalans.report.json.text import dumps


def command(
    organisation: Annotated[bool, typer.Option("--organisation")] = False,
    lang: LangOpt = None,  # --lang as on every command: for --help and errors
) -> None:
    """The JSON Schema of the plan format (or of the organisation tree), for editors (yaml-language-server)."""
    from budgetbalans.plan.schema import organisation_schema, plan_schema  # the models (pydantic): when run

    schema = organisation_schema if organisation else plan_schema
    sys.stdout.write(dumps(schema(lang or current_lang())) + "\n")
