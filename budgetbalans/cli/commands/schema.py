"""``budgetbalans schema``: the JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

import sys

from budgetbalans.cli.help import current_lang
from budgetbalans.cli.options import LangOpt
from budgetbalans.report.json.text import dumps


def command(lang: LangOpt = None) -> None:  # --lang as on every command: for --help and errors
    """The JSON Schema of the plan format, for editors (yaml-language-server) and other tools."""
    from budgetbalans.plan.schema import plan_schema  # the plan's models (pydantic): imported when run

    sys.stdout.write(dumps(plan_schema(lang or current_lang())) + "\n")
