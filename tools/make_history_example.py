"""Build the example of a plan's follow-up history: a git repository where a plan is followed up through 2017.

    python tools/make_history_example.py FOLDER

FOLDER (which must not exist) becomes a git repository with ``plans/boras-2017.yaml`` committed six times: the
plan adopted (no ``as_of``), T1 (2017-04-30), T2 (2017-08-31), a commit that only corrects the title (not a
follow-up), the October report (2017-10-31) and the year end (bokslut, 2017-12-31, with the year's outcome).
Then ``budgetbalans follow-up --history`` in FOLDER shows the history (docs/historik.md shows a real run).
``examples/boras-historik-2017.bundle`` is the same repository as a git bundle, made in FOLDER with
``git bundle create examples/boras-historik-2017.bundle HEAD main`` (a test clones it and finds the same commits).

The plan is modelled on Sociala omsorgsnämnden in Borås (Tertial 2 2017, the seed behind
examples/sociala-omsorgsnamnden-boras-2017.yaml): its measures and the T2 forecast for Avslut IGU (900 tkr, as
the document says). The other amounts, the target and the other reports are made up for the example, as the
document gives none. Author, committer and dates are fixed, so the commits are the same on every run.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PLAN = """\
# Exempel på en uppföljningshistorik, byggt av tools/make_history_example.py. Åtgärderna och T2-prognosen
# för Avslut IGU (900 tkr) är Borås Stads (Tertial 2 2017); övriga belopp och rapporter är påhittade.
title: {title}
organisation: Sociala omsorgsnämnden, Borås Stad
unit: tkr
years: [2017]
target: 6000
{as_of}measures:
  - id: "3-1"
    title: Översyn av resurser i Boendestöd
    status: pågår
    effects: {{2017: 2400}}
{m31}  - id: "3-5"
    title: Optimerad bemanning efter behov på gruppbostäder och servicebostäder
    status: pågår
    effects: {{2017: 1500}}
{m35}  - id: "5-1"
    title: "Daglig verksamhet: Avslut IGU"
    status: klart
    full_year: 1400
    start: 2017-03-31
{m51}  - id: "5-3"
    title: "Daglig verksamhet: Sammanslagning enheter"
    status: klart
    effects: {{2017: 600}}
{m53}"""

TITLE = "Åtgärdsplan för ekonomisk balans 2017"

#: Each commit: its message, its date, the plan's title and as_of, and per measure "forecast" or
#: "forecast/outcome" for 2017 ("" for neither).
COMMITS = (
    ("Åtgärdsplanen antagen", "2017-02-15", "Åtgärdsplan ekonomisk balans 2017", "", ("", "", "", "")),
    ("Uppföljning T1 2017", "2017-05-20", "Åtgärdsplan ekonomisk balans 2017", "2017-04-30",
     ("2400/600", "", "1050/0", "600/200")),
    ("Uppföljning T2 2017 (delårsrapport)", "2017-09-20", "Åtgärdsplan ekonomisk balans 2017", "2017-08-31",
     ("1600/900", "800/400", "900/500", "600/400")),
    ("Rubriken som i nämndens beslut", "2017-09-25", TITLE, "2017-08-31",
     ("1600/900", "800/400", "900/500", "600/400")),
    ("Uppföljning oktober 2017", "2017-11-15", TITLE, "2017-10-31",
     ("1500/1200", "900/700", "900/700", "600/500")),
    ("Bokslut 2017", "2018-02-10", TITLE, "2017-12-31",
     ("1450/1450", "950/950", "880/880", "600/600")),
)

ENV = {"GIT_AUTHOR_NAME": "Ekonomienheten", "GIT_AUTHOR_EMAIL": "ekonomi@example.org",
       "GIT_COMMITTER_NAME": "Ekonomienheten", "GIT_COMMITTER_EMAIL": "ekonomi@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def follow_up_keys(figures: str) -> str:
    """A measure's ``forecast`` (and ``outcome``) lines from ``"forecast/outcome"``."""
    if not figures:
        return ""
    forecast, _, outcome = figures.partition("/")
    lines = f"    forecast: {{2017: {forecast}}}\n"
    return lines + (f"    outcome: {{2017: {outcome}}}\n" if outcome else "")


def plan_text(title: str, as_of: str, measures: tuple[str, str, str, str]) -> str:
    keys = dict(zip(("m31", "m35", "m51", "m53"), map(follow_up_keys, measures)))
    return PLAN.format(title=title, as_of=f"as_of: {as_of}\n" if as_of else "", **keys)


def git(folder: Path, *args: str, when: str = "2017-01-01") -> None:
    stamp = f"{when}T12:00:00+01:00"
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={**os.environ, **ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})


def build(folder: Path) -> None:
    """The repository in ``folder`` (created; it must not exist)."""
    (folder / "plans").mkdir(parents=True)
    git(folder, "init", "-q", "-b", "main")
    for message, when, title, as_of, measures in COMMITS:
        (folder / "plans" / "boras-2017.yaml").write_text(plan_text(title, as_of, measures), encoding="utf-8")
        git(folder, "add", "plans/boras-2017.yaml", when=when)
        git(folder, "commit", "-q", "-m", message, when=when)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    folder = Path(argv[0])
    if folder.exists():
        print(f"{folder} finns redan; ange en ny mapp", file=sys.stderr)
        return 2
    build(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
