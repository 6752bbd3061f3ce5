"""Benchmark of `follow-up --history`: a year of monthly follow-ups of the corpus read from git, against one `follow-up`.

    python benchmarks/run.py --history-only                                    # 500 plans × 50 measures, 12 reports
    python benchmarks/run.py --history-only --plans 3 --measures 3 --repeat 1  # a smoke test (.ci/run)

It builds a real git repository of the corpus of run.py (:func:`run.write_corpus`, moved to the years
:data:`YEAR`–:data:`YEAR` + 2 so that every plan follows up the same year) and commits :data:`REPORTS`
follow-ups, as a förvaltning does: each commit sets a new ``as_of`` (the last day of each month) and a new
``forecast`` for the year on nine measures in ten of every plan, and the last one, on 31 December, records
every measure's ``outcome`` for the year (the bokslut, so the history has its accuracy). Then it runs, as
fresh processes in turns, `follow-up --format json` of the working tree (one follow-up of the same plans) and
`follow-up --history --format json` over the 12 reports, over the last 6 and the last 3 (``--since``), and
prints the medians of each round's ratios, the smallest beside them:

- history(12) / follow-up: goal ≤ 12× (the history reads and follows up twelve versions of every plan);
- history(6) / history(3) and history(12) / history(6): linear in the number of reports, goal ≤ 2,2×;
- peak memory (maximum resident set size) of history(12), beside the follow-up's; no goal.
"""

from __future__ import annotations

import argparse
import calendar
import os
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from run import Run, alternate, budgetbalans, write_corpus

#: The year every plan of the repository is followed up in, and the number of follow-ups committed.
YEAR, REPORTS = 2025, 12
#: How many of the reports each linearity step reads: the last 3, the last 6, all 12.
STEPS = (3, 6, 12)
#: Goals: history(12) over one follow-up, and each doubling of the reports.
GOAL_HISTORY, GOAL_DOUBLING = 12.0, 2.2
#: git with a fixed author and none of the machine's configuration (no signing, no hooks).
GIT_ENV = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org", "GIT_COMMITTER_NAME": "Bench",
           "GIT_COMMITTER_EMAIL": "bench@example.org", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_CONFIG_SYSTEM": os.devnull}
#: The corpus's lines that name a year of the plan's period: the title's, a schedule's, a start date's, an
#: effect's key (an effect's amount may be 2020 as well, so only the key is moved).
_YEAR_AT = re.compile(r"^(title: Åtgärdsplan |    schedule: Q\d |    start: |      )(\d{4})(?=[–: -]|$)")
_MEASURE_END = "    follow_up: Månadsvis"  # every measure of the corpus has this line, once


def moved(text: str, year: int = YEAR) -> str:
    """A plan of the corpus with its period moved to ``year``, ``year`` + 1, ``year`` + 2 (every date and effect
    moved with it); the rest as written."""
    years = re.search(r"^years: \[(\d{4}), ", text, re.M)
    assert years is not None, text[:200]
    delta = year - int(years[1])
    lines = []
    for line in text.splitlines():
        if line.startswith("years: ["):
            line = "years: [" + ", ".join(str(int(each) + delta) for each in line[8:-1].split(", ")) + "]"
        elif line.startswith("title: Åtgärdsplan "):
            line = re.sub(r"\d{4}(?=[– ])", lambda found: str(int(found[0]) + delta), line)
        else:
            line = _YEAR_AT.sub(lambda found: found[1] + str(int(found[2]) + delta), line)
        lines.append(line)
    return "\n".join(lines) + "\n"


def as_of(report: int, reports: int = REPORTS) -> date:
    """The date of report ``report`` (1 … ``reports``): the last day of a month, the last report on 31 December."""
    month = 12 - reports + report
    return date(YEAR, month, calendar.monthrange(YEAR, month)[1])


def amount(rng: random.Random) -> str:
    """A forecast or outcome as a förvaltning writes one: tkr, mkr or a range."""
    kind = rng.random()
    if kind < 0.15:
        low = rng.randrange(0, 2000, 50)
        return f'"{low}–{low + rng.randrange(100, 1500, 50)}"'
    if kind < 0.35:
        return f'"{rng.randrange(0, 40) / 10:.1f} mkr"'.replace(".", ",")
    return str(rng.randrange(0, 5000, 5))


def followed_up(text: str, seed: int, report: int, reports: int = REPORTS) -> str:
    """The plan (moved to :data:`YEAR`) as committed at report ``report``: its ``as_of``, a new forecast for the
    year on nine measures in ten, and at the last report every measure's outcome for the year."""
    rng = random.Random(seed * 100 + report)
    last = report == reports
    lines = []
    for line in text.splitlines():
        lines.append(line)
        if line.startswith("unit: "):
            lines.append(f"as_of: {as_of(report, reports).isoformat()}")
        elif line == _MEASURE_END:
            if rng.random() < 0.9:
                lines.append(f"    forecast: {{{YEAR}: {amount(rng)}}}")
            if last:
                lines.append(f"    outcome: {{{YEAR}: {amount(rng)}}}")
    return "\n".join(lines) + "\n"


def git(repo: Path, *words: str, when: date | None = None) -> None:
    stamp = {} if when is None else {"GIT_AUTHOR_DATE": f"{when}T18:00:00", "GIT_COMMITTER_DATE": f"{when}T18:00:00"}
    subprocess.run(["git", *words], cwd=repo, env={**os.environ, **GIT_ENV, **stamp}, check=True, capture_output=True)


def history_repository(repo: Path, plans: int, measures: int, reports: int = REPORTS) -> Path:
    """A git repository at ``repo`` whose ``plans/`` holds the corpus, committed once per report (every plan
    changed in each commit): the working tree is the last report."""
    corpus = write_corpus(repo.parent / f"{repo.name}-corpus", plans, measures)
    texts = {path.name: moved(path.read_text(encoding="utf-8")) for path in corpus}
    (repo / "plans").mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    for report in range(1, reports + 1):
        for seed, (name, text) in enumerate(sorted(texts.items())):
            (repo / "plans" / name).write_text(followed_up(text, seed, report, reports), encoding="utf-8")
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", f"Uppföljning {as_of(report, reports)}", when=as_of(report, reports))
    return repo


def history_command(reports: int) -> list[str]:
    """`follow-up --history --format json` over the last ``reports`` reports (all of them: no ``--since``)."""
    since = [] if reports == REPORTS else ["--since", f"HEAD~{reports - 1}"]
    return [*budgetbalans(), "follow-up", "--history", *since, "--format", "json"]


#: The history's JSON read back in a process of its own: this one must stay small, since a child's peak memory
#: counts what its parent held (Linux carries the parent's resident set over fork and exec into the child's).
CHECK = """
import json, sys
found = json.load(open(sys.argv[1], encoding="utf-8"))
print(len(found["plans"]), sorted({len(plan["reports"]) for plan in found["plans"]}), found["plans"][0]["year_end"])
"""


def checked(repo: Path, plans: int) -> None:
    """Stop unless the history reads every report of every plan, with the year end, and the follow-up runs."""
    out = repo.parent / "history.json"
    for reports in STEPS:
        done = subprocess.run([*history_command(reports), "-o", str(out)], cwd=repo, capture_output=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"follow-up --history ({reports}): exit {done.returncode}: {done.stderr.decode()[:500]}")
        found = subprocess.run([sys.executable, "-c", CHECK, str(out)], capture_output=True, text=True, check=True)
        if found.stdout.split() != [str(plans), f"[{reports}]", f"{YEAR}-12-31"]:
            raise SystemExit(f"follow-up --history ({reports}): plans, reports and year end {found.stdout}")
    out.unlink()
    done = subprocess.run([*budgetbalans(), "follow-up", "--format", "json"], cwd=repo, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, check=False)
    if done.returncode != 0:
        raise SystemExit(f"follow-up: exit {done.returncode}: {done.stderr.decode()[:500]}")


def ratios(timed: dict[str, list[Run]], value: str, base: str) -> tuple[float, float, float]:
    """Each round's ``value`` / ``base``: the median and the smallest of the wall time, the median of the CPU time."""
    rounds = list(zip(timed[value], timed[base]))
    wall = [v.seconds / b.seconds for v, b in rounds]
    return statistics.median(wall), min(wall), statistics.median(v.cpu_seconds / b.cpu_seconds for v, b in rounds)


def print_ratio(name: str, timed: dict[str, list[Run]], value: str, base: str, goal: float) -> None:
    median, least, cpu = ratios(timed, value, base)
    seconds = {side: statistics.median(r.seconds for r in timed[side]) for side in (value, base)}
    verdict = "ok" if median <= goal else "ABOVE GOAL"
    stated = f"{goal:g}".replace(".", ",")
    print(f"  {name:28} {median:6.2f}×  (min {least:.2f}×; goal ≤ {stated}×; {seconds[value]:.2f} s vs "
          f"{seconds[base]:.2f} s)  {verdict}; CPU {cpu:.2f}×")


def measure_history(root: Path, args: argparse.Namespace) -> None:
    """Build the repository of :data:`REPORTS` follow-ups of the corpus under ``root`` and time the history
    against one follow-up, and over 3, 6 and 12 reports, in rounds of fresh processes taken in turns."""
    started = time.perf_counter()
    repo = history_repository(root / "history", args.plans, args.measures)
    print(f"follow-up --history: {args.plans} plans × {args.measures} measures, {REPORTS} monthly follow-ups of "
          f"{YEAR} committed to git (the last with the year's outcomes; built in {time.perf_counter() - started:.1f} "
          f"s); {args.repeat} rounds of fresh processes in turns, median of the rounds' ratios (min beside it)")
    if args.plans < 500 or args.measures < 50:
        print("  (below the documented 500 plans × 50 measures, process start-up dominates: a smoke test)")
    checked(repo, args.plans)
    commands = {"follow-up": [*budgetbalans(), "follow-up", "--format", "json"],
                **{f"history {reports}": history_command(reports) for reports in STEPS}}
    timed = alternate(commands, args.repeat, cwd=dict.fromkeys(commands, repo))
    print_ratio(f"history({REPORTS}) / follow-up", timed, f"history {REPORTS}", "follow-up", GOAL_HISTORY)
    for low, high in zip(STEPS, STEPS[1:]):
        print_ratio(f"history({high}) / history({low})", timed, f"history {high}", f"history {low}", GOAL_DOUBLING)
    memory = {name: statistics.median(r.max_rss_kib for r in runs) / 1024 for name, runs in timed.items()}
    print(f"  peak memory: history({REPORTS}) {memory[f'history {REPORTS}']:.0f} MB, " + ", ".join(
        f"{name} {memory[name]:.0f} MB" for name in ("history 6", "history 3", "follow-up")) + "; no goal")


if __name__ == "__main__":
    sys.exit("run it as: python benchmarks/run.py --history-only")
