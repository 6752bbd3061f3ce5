"""Benchmark: budgetbalans against the floor its own dependencies set, in paired runs.

    python benchmarks/run.py                 # the documented run: 500 plans × 50 measures, 10× for scaling
    python benchmarks/run.py --plans 20 --repeat 1   # a smoke test (.ci/run: --plans 10 --measures 10 --scale 2)
    python benchmarks/run.py --plans 100 --keys-only # only the cost of the decision keys
    python benchmarks/run.py --tree-only     # only the cost of the organisation tree
    python benchmarks/run.py --history-only  # only follow-up --history (benchmarks/history.py)

It writes a deterministic synthetic corpus of valid plans (Swedish amounts with units,
ranges, interval classes, full-year effects with start dates, several statuses), then runs
every command as a fresh process. Every ratio is paired: the command and its reference run in
turns (A, B, A, B …, ``--repeat`` pairs; a group of three or four runs side by side where one
command has more than one reference), and the figure is the median of the pairs' ratios of the
CPU time (user + system), with the least pair's ratio, both sides' seconds and the wall-time
ratio beside it. So a busy moment of a shared machine falls on both sides of a pair.

- the earlier goals: `check` and `summarize --format json` on the corpus against only loading
  the same files with PyYAML's C loader (the raw C-load: ``yaml.load(f, Loader=yaml.CSafeLoader)``,
  walking the folder itself); `summarize --format json` on 4× against 1×, `check` on the large
  corpus (``--scale``) against 1×, and its peak memory against the raw C-load of the same files;
- the reports of issue 26, each in rounds of three: the command, the bare library writing the
  same rows (benchmarks/refs/: Jinja2, XlsxWriter, rich, python-docx; each script's docstring
  says what it does and does not do), and the raw C-load: `summarize --format html` ≤ 1,5× and
  `--format xlsx` ≤ 2,0× the raw C-load, `summarize` (the terminal table, into a file, at 300
  columns) ≤ 1,2× rich alone, `summarize --format docx` ≤ 3× python-docx alone;
- peak memory of `summarize --format json` per measure (≤ 2 kB), on the large corpus or on
  ``--memory-measures N``, beside the raw C-load of the same folder;
- start-up: `summarize` and `check` of one small plan, and `--help`, each beside
  benchmarks/typer_floor.py (typer with the same parameters, doing nothing) and the import floor
  (``import typer, yaml, rich.table; from pydantic import BaseModel``), all in the same rounds:
  budgetbalans's own share, (command − typer_floor) / import floor, ≤ 0,5; beside it, with no goal,
  the import floor with budgetbalans's plan models built;
- the decision keys: `check` and `summarize --format json` on the same corpus with, on every
  measure, `probability`, `decision` (`by`, `state`, `date`, `ref`), `one_off`, `staff` per year
  and `consequences` with two aspects, beside the corpus without them, in alternating pairs
  (goal ≤ 1,2×; ``--keys-only`` runs this alone);
- the organisation tree: `summarize --format json`, `gap` and `check` run in a folder with a
  ``budgetbalans.yaml`` of 300 nodes (kommun → nämnder → förvaltningar → verksamheter, every plan's
  organisation naming a förvaltning or a verksamhet, the targets adding up) beside the same plans
  without it, in alternating pairs (goal ≤ 1,2×; ``--tree-only`` runs this alone);
- every command and format (check; summarize and gap in table, json, csv, markdown, html and
  docx, and summarize's xlsx; follow-up in each; the tables of summarize and follow-up also wide
  at 200 columns beside stacked at 60) on 1× and 10× a smaller corpus (``--format-plans``,
  default 20), in rounds of four: the command and the raw C-load of the same files on 1×, the
  same on 10×; its ratio to the raw load and 10× over 1× (goal: linear, ≤ 11; `summarize --format
  docx`'s is one of issue 26's goals);
- `summarize --format docx` on the corpus and on 4× (100 000 measures at the documented size),
  beside html and json: seconds and peak memory, once each;
- the follow-up history, with ``--history-only`` only (benchmarks/history.py): `follow-up --history --format
  json` over 12 monthly follow-ups of the corpus committed to a git repository, against one `follow-up` of the
  same plans (goal ≤ 12×), over 3, 6 and 12 reports (linear: each doubling ≤ 2,2×), and its peak memory;
- hostile inputs: `check` on each large or deep file of tests/read/test_hostile.py (a YAML bomb,
  nesting 100 000 deep, 900 000-character lines, 90 000 digits, 3 000 measures full of
  mistakes, 5 000 valid measures, a file of exactly 1 MiB), paired with the raw load of the same
  file, no goal (the tests assert what `check` answers on them; here their speed is watched);
- `diff --base` of two revisions of a repository of the corpus paired with `summarize`;
  `import` of a 500-row table from Excel, Word and CSV, and of a hostile .docx and .xlsx
  (refused, goal 10 s).

It ends with the table of issue 26's goals and the table of the earlier goals: each figure, what
it is measured against, the bare-library reference beside it, and met or not. No test times
anything. Timings are of whole processes on a shared machine: read them as ratios.
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

STATUSES = ["planerad", "pågår", "klart", "utredning", "pausad", "avbruten", "ongoing", "done"]
AREAS = ["Äldreomsorg", "Individ- och familjeomsorg", "LSS", "Hemtjänst", "Socialpsykiatri"]
WORDS = ["Översyn", "bemanning", "placeringar", "hemtjänst", "schemaläggning", "lokaler", "övertid",
         "välfärdsteknik", "upphandling", "avgifter", "hyror", "korttidsboende", "ekonomiskt bistånd"]

#: Only loading plans with PyYAML's C loader, keeping nothing: each argument a file, or a folder whose
#: ``*.yaml`` files it walks in name order (a folder, not thousands of paths on argv, which would raise
#: its own peak memory).
RAW_LOAD = """
import os, sys, yaml
for name in sys.argv[1:]:
    files = [os.path.join(name, each) for each in sorted(os.listdir(name)) if each.endswith(".yaml")] \\
        if os.path.isdir(name) else [name]
    for file in files:
        with open(file, encoding="utf-8") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)
"""
#: The libraries every command of budgetbalans imports: pydantic's BaseModel (``import pydantic`` alone
#: is lazy and loads a third of it), typer, PyYAML and rich's tables.
IMPORT_FLOOR = "import typer, yaml, rich.table\nfrom pydantic import BaseModel"
#: The import floor and budgetbalans's plan models (pydantic's model machinery, the models built).
MODELS_FLOOR = IMPORT_FLOOR + "\nimport budgetbalans.plan.models"
#: The bare-library references of benchmarks/refs/: each takes a plans folder and an output path.
REFS = Path(__file__).with_name("refs")
#: The terminal width at which `summarize`'s tables and rich's alone are printed: wide enough that the
#: table of all plans fits (ten years), so budgetbalans prints tables too, not a block per row.
TABLE_COLUMNS = "300"
#: A typer program with the parameters of summarize and check, doing nothing.
TYPER_FLOOR = Path(__file__).with_name("typer_floor.py")

HOSTILE_PLAN = """\
title: Åtgärdsplan
unit: tkr
years: [2024, 2025]
target: 1000
measures:
  - id: "1"
    title: Minska övertid
    effects: {2024: 500, 2025: 700-1600}
"""
MIB = 1024 * 1024


def hostile_inputs() -> dict[str, str]:
    """The files of tests/read/test_hostile.py that are large or deep enough to cost time, by name."""
    head = HOSTILE_PLAN.split("measures:")[0] + "measures:\n"
    measure = "effects: {2024: 500, 2025: 700-1600}"
    laughs = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
        f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi")) + "measures: *i\n"
    return {
        "billion-laughs.yaml": "title: T\n" + laughs,
        "flow-nesting-100000.yaml": "title: T\nnote: " + "[" * 100_000 + "]" * 100_000 + "\n",
        "flow-mappings-100000.yaml": "title: T\nnote: " + "{a: " * 100_000 + "1" + "}" * 100_000 + "\n",
        "block-nesting-1000.yaml": "".join(" " * depth + "a:\n" for depth in range(1_000)) + " " * 1_000 + "x\n",
        "digits-90000.yaml": HOSTILE_PLAN.replace(measure, "full_year: " + "9" * 90_000),
        "spaces-900000.yaml": HOSTILE_PLAN.replace(measure, "effects: {2024: '1" + " " * 900_000 + "x'}"),
        "title-900000.yaml": HOSTILE_PLAN.replace("title: Åtgärdsplan", "title: " + "x" * 900_000),
        "key-900000.yaml": HOSTILE_PLAN.replace("unit: tkr", "? " + "k" * 900_000 + "\n: 1"),
        "mistakes-3000-measures.yaml": head + "".join(
            f'  - id: "{n % 50}"\n    title: Åtgärd\n    efects: {{2024: 1.5.0}}\n' for n in range(3_000)),
        "valid-5000-measures.yaml": head + "".join(
            f'  - id: "{n}"\n    title: Åtgärd {n}\n    status: pågår\n    effects: {{2024: 1 500, 2025: 700-1600}}\n'
            for n in range(5_000)),
        "comments-1MiB.yaml": HOSTILE_PLAN + "#" * (MIB - 1 - len(HOSTILE_PLAN.encode())) + "\n",
    }


def effect(rng: random.Random, unit_plain: bool) -> str:
    kind = rng.random()
    if kind < 0.15:
        low = rng.randrange(100, 2000, 50)
        return f'"{low}–{low + rng.randrange(100, 1500, 50)}"'
    if kind < 0.25:
        return f"{{interval: {rng.randint(1, 4)}}}"
    if kind < 0.45:
        return f'"{rng.randrange(1, 40) / 10:.1f} mkr"'.replace(".", ",")
    amount = rng.randrange(50, 5000, 5)
    return str(amount) if unit_plain else f'"{amount:,} tkr"'.replace(",", " ")


def measure(rng: random.Random, index: int, years: Sequence[int]) -> str:
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))).capitalize()
    lines = [
        f'  - id: "{index}"',
        f"    title: {title}",
        f"    area: {rng.choice(AREAS)}",
        f"    status: {rng.choice(STATUSES)}",
        "    responsible: Enhetschef",
        f"    schedule: Q{rng.randint(1, 4)} {years[0]}",
        "    follow_up: Månadsvis",
    ]
    if rng.random() < 0.3:
        lines.append(f'    full_year: "{rng.randrange(1, 30) / 10:.1f} mkr"'.replace(".", ","))
        lines.append(f"    start: {years[0]}-{rng.randint(1, 12):02d}-{rng.choice([1, 15]):02d}")
    else:
        named = [y for y in years if rng.random() < 0.8] or [years[0]]
        lines.append("    effects:")
        lines += [f"      {year}: {effect(rng, rng.random() < 0.5)}" for year in named]
    return "\n".join(lines)


LEVELS = ["förvaltning", "nämnd", "ks", "kf", "Socialnämnden", "delegation"]
STATES = ["beslutad", "föreslagen", "återremitterad", "avslagen", "Beslutad"]
PROBABILITIES = ["100 %", "90 %", "75%", "50 %", "12,5 %", "33 %"]
ASPECTS = [("brukare", "Längre handläggningstid för nya ärenden"), ("medarbetare", "Tre tjänster omplaceras"),
           ("ekonomi", "Lägre kostnad för bemanningsföretag"), ("jämställdhet", "Berör främst kvinnodominerade yrken")]


def decision_keys(rng: random.Random, years: Sequence[int]) -> list[str]:
    """A measure's lines of every key a nämnd decides on: probability, decision (by, state, date,
    ref), one_off, staff per year and consequences with two aspects."""
    first, second = rng.sample(ASPECTS, 2)
    staff = ", ".join(f'{year}: "{rng.randrange(-40, 20) / 10:g}"'.replace(".", ",") for year in years)
    return [
        f"    probability: {rng.choice(PROBABILITIES)}",
        "    decision:",
        f"      by: {rng.choice(LEVELS)}",
        f"      state: {rng.choice(STATES)}",
        f"      date: {years[0]}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        f"      ref: SN {years[0]}/{rng.randint(1, 400)} § {rng.randint(1, 150)}",
        f"    one_off: {'true' if rng.random() < 0.2 else 'false'}",
        f"    staff: {{{staff}}}",
        "    consequences:",
        f"      {first[0]}: {first[1]}",
        f"      {second[0]}: {second[1]}",
    ]


def plan_text(seed: int, measures: int, keys: bool = False) -> str:
    """One plan of the corpus; with ``keys``, the same plan with :func:`decision_keys` on every measure
    (drawn from a second generator, so that everything else is the same as without them)."""
    rng = random.Random(seed)
    extra = random.Random(-1 - seed)
    first = rng.randint(2019, 2026)
    years = [first, first + 1, first + 2]
    body = [
        f"title: Åtgärdsplan {first}–{first + 2} nr {seed}",
        f"organisation: Socialförvaltningen {seed % 290}",
        "unit: tkr",
        f"years: [{', '.join(map(str, years))}]",
        f'target: "{rng.randrange(5000, 50000):,} tkr"'.replace(",", " "),
        "measures:",
    ]
    for i in range(measures):
        body.append(measure(rng, i + 1, years))
        if keys:
            body += decision_keys(extra, years)
    return "\n".join(body) + "\n"


def write_corpus(folder: Path, plans: int, measures: int, first: int = 0, keys: bool = False) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(first, first + plans):  # a seed is a plan: no two files hold the same one
        path = folder / f"plan-{seed:05d}.yaml"
        path.write_text(plan_text(seed, measures, keys), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Run:
    seconds: float
    max_rss_kib: int
    returncode: int
    cpu_seconds: float = 0.0  # user + system time of the process: less shaken by other jobs than the wall time


def run(command: Sequence[str], any_exit: bool = False, cwd: Path | None = None, stdout: Path | None = None) -> Run:
    """Run a command as a fresh process (in ``cwd``, else here; its standard output into the file ``stdout``,
    else discarded); its wall time, CPU time and its own peak memory (os.wait4).

    Unless ``any_exit``, a command that does not exit 0 or 1 (a traceback, a crash) stops the benchmark.
    """
    with tempfile.TemporaryFile() as stderr, open(stdout or os.devnull, "wb") as out:  # not a pipe: a long
        start = time.perf_counter()                                                   # traceback must not block
        process = subprocess.Popen(command, stdout=out, stderr=stderr, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1) and not any_exit:
            stderr.seek(0)
            raise SystemExit(f"{' '.join(command[:3])} … failed: {stderr.read().decode(errors='replace')[:500]}")
    return Run(seconds, usage.ru_maxrss, process.returncode, usage.ru_utime + usage.ru_stime)


def alternate(commands: dict[str, Sequence[str]], repeat: int, any_exit: Sequence[str] = (),
              cwd: dict[str, Path] | None = None, stdout: dict[str, Path] | None = None) -> dict[str, list[Run]]:
    """Each command ``repeat`` times, in turns: round 1 runs every command once, then round 2 …, so that the
    n-th runs of two commands are a pair taken side by side (each in its folder of ``cwd`` and writing its
    standard output to its file of ``stdout``, where it has one)."""
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            results[name].append(run(command, any_exit=name in any_exit, cwd=(cwd or {}).get(name),
                                     stdout=(stdout or {}).get(name)))
    return results


def cpu(each: Run) -> float:
    """The CPU time (user + system) of a run: what another job on a shared machine shakes least."""
    return each.cpu_seconds


def wall(each: Run) -> float:
    return each.seconds


def rss(each: Run) -> float:
    """The peak resident memory of a run, in KiB."""
    return float(each.max_rss_kib)


@dataclass
class Paired:
    """A command's runs and its reference's, taken in turns by :func:`alternate` (A, B, A, B …): the ratio of
    each pair's ``measure`` (CPU time unless told), the median and the least of those ratios, and the median
    of each side."""

    command: list[Run]
    reference: list[Run]
    measure: Callable[[Run], float] = cpu

    def ratios(self, measure: Callable[[Run], float] | None = None) -> list[float]:
        measure = measure or self.measure
        return [measure(a) / measure(b) for a, b in zip(self.command, self.reference)]

    @property
    def median(self) -> float:
        return statistics.median(self.ratios())

    @property
    def least(self) -> float:
        return min(self.ratios())

    def sides(self) -> tuple[float, float]:
        """The median of the command's runs and of the reference's."""
        return (statistics.median(map(self.measure, self.command)),
                statistics.median(map(self.measure, self.reference)))

    def described(self) -> str:
        """``1.62× (min 1.40×; 3.210 s / 1.980 s; wall 1.58×)``: the ratio, its least pair, the two sides."""
        a, b = self.sides()
        unit = (f"{a / 1024:.1f} MiB / {b / 1024:.1f} MiB" if self.measure is rss
                else f"{a:.3f} s / {b:.3f} s")
        beside = "" if self.measure is not cpu else f"; wall {statistics.median(self.ratios(wall)):.2f}×"
        return f"{self.median:5.2f}× (min {self.least:.2f}×; {unit}{beside})"


def paired(timed: dict[str, list[Run]], command: str, reference: str,
           measure: Callable[[Run], float] = cpu) -> Paired:
    return Paired(timed[command], timed[reference], measure)


@dataclass
class Goal:
    """A row of the table of goals: what is measured, the figure, its goal, what it is measured against, and
    the bare-library reference beside it."""

    name: str
    figure: str
    goal: str
    met: bool
    against: str
    beside: str = ""


def print_goal(goal: Goal) -> Goal:
    print(f"  {goal.name:44} {goal.figure}  goal {goal.goal}  {'met' if goal.met else 'NOT MET'}"
          + (f"\n  {'':44} beside: {goal.beside}" if goal.beside else ""))
    return goal


def print_goals(title: str, goals: Sequence[Goal]) -> None:
    """A table of goals, met or not, each with what it is measured against and its reference."""
    print(f"\n{title} (CPU time of paired runs: median of the pairs' ratios, the least pair, the two medians)")
    print(f"  {'measured':40} {'against':42} {'goal':7} {'':8} figure")
    for goal in goals:
        print(f"  {goal.name:40} {goal.against:42} {goal.goal:7} {'met' if goal.met else 'NOT MET':8} {goal.figure}")
        if goal.beside:
            print(f"  {'':40} {'':42} {'':7} {'':8} beside: {goal.beside}")


def median_seconds(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def median_rss(runs: list[Run]) -> float:
    return statistics.median(r.max_rss_kib for r in runs)


def budgetbalans() -> list[str]:
    return [sys.executable, "-m", "budgetbalans"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plans", type=int, default=500, help="plans in the 1× corpus (default 500)")
    parser.add_argument("--measures", type=int, default=50, help="measures per plan (default 50)")
    parser.add_argument("--scale", type=int, default=10, help="the large corpus is this many times the small")
    parser.add_argument("--repeat", type=int, default=5,
                        help="pairs: each command and its reference run in turns this many times; the figure is "
                             "the median of the pairs' ratios, the least beside it (default 5)")
    parser.add_argument("--format-plans", type=int, default=20,
                        help="plans in the 1× corpus of the every-command-and-format table (default 20)")
    parser.add_argument("--memory-measures", type=int, metavar="N",
                        help="measure the peak memory of summarize --format json on a corpus of N measures "
                             "(default: the large corpus, --scale × --plans × --measures)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--keys-only", action="store_true",
                        help="measure only the cost of the decision keys (the corpus with them / without them)")
    parser.add_argument("--tree-only", action="store_true",
                        help="measure only the cost of the organisation tree (the plans with a tree of 300 nodes / "
                             "without it)")
    parser.add_argument("--history-only", action="store_true",
                        help="measure only follow-up --history: 12 reports from git / one follow-up, and over 3, 6 "
                             "and 12 reports (benchmarks/history.py)")
    parser.add_argument("--goals-only", action="store_true",
                        help="measure only the goals of issue 26: the reports against their libraries and the raw "
                             "load, json's memory per measure, start-up, docx 10× / 1×")
    parser.add_argument("--formats-only", action="store_true",
                        help="measure only every command and format on 1× and 10× (--format-plans): linear?")
    args = parser.parse_args(argv)
    compiled()

    root = args.keep or Path(tempfile.mkdtemp(prefix="budgetbalans-bench-"))
    try:
        if args.keys_only:
            measure_keys(root, write_corpus(root / "small", args.plans, args.measures), args)
            return 0
        if args.tree_only:
            measure_tree(root, write_corpus(root / "small", args.plans, args.measures), args)
            return 0
        if args.goals_only:
            return measure_goals(root, args)
        if args.formats_only:
            measure_formats(root / "formats", args)
            return 0
        if args.history_only:
            from history import measure_history  # benchmarks/history.py, beside this file

            measure_history(root, args)
            return 0
        return measure_all(root, args)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


def compiled() -> None:
    """budgetbalans's modules compiled to bytecode before anything is timed, as ``pip install`` leaves them: where
    ``PYTHONDONTWRITEBYTECODE`` is set (or the checkout is new), every fresh process would compile them again,
    which is no part of a user's start-up (60–80 ms of one small plan's ``summarize``)."""
    import budgetbalans

    compileall.compile_dir(Path(budgetbalans.__file__).parent, quiet=1)


def linked(folder: Path, paths: Sequence[Path]) -> Path:
    """A folder of hard links to ``paths`` (corpora share their files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in paths:
        link = folder / f"{path.parent.name}-{path.name}"
        if not link.exists():
            os.link(path, link)
    return folder


#: Every command and format, as run on a corpus folder (``{out}``: a file the format must be written to).
COMMANDS: dict[str, list[str]] = {
    "check": ["check"],
    **{f"summarize {fmt}": ["summarize", "--format", fmt] for fmt in ("table", "json", "csv", "markdown", "html")},
    "summarize xlsx": ["summarize", "--format", "xlsx", "-o", "{out}.xlsx"],
    "summarize docx": ["summarize", "--format", "docx", "-o", "{out}.docx"],
    "gap docx": ["gap", "--format", "docx", "-o", "{out}.docx"],
    "follow-up docx": ["follow-up", "--year", "2024", "--format", "docx", "-o", "{out}.docx"],
    **{f"gap {fmt}": ["gap", "--format", fmt] for fmt in ("table", "json", "csv", "markdown", "html")},
    **{f"follow-up {fmt}": ["follow-up", "--year", "2024", "--format", fmt]
       for fmt in ("table", "json", "csv", "markdown", "html")},
    "follow-up xlsx": ["follow-up", "--year", "2024", "--format", "xlsx", "-o", "{out}.xlsx"],
    **{f"{command} table @{width}": [*words, "--format", "table"] for command, words in
       (("summarize", ["summarize"]), ("follow-up", ["follow-up", "--year", "2024"])) for width in (200, 60)},
}
#: The terminal's width of a table (standard output is not a terminal here, so COLUMNS is read; 140
#: without it): the wide layout at 200 columns beside the stacked layout (a block per row) at 60,
#: the same corpus; the stacked one should take no longer than about twice the wide one.
COLUMNS = {name: name.rsplit("@", 1)[1] for name in COMMANDS if "@" in name}


def command_line(name: str, folder: Path, out: Path) -> list[str]:
    words = [word.replace("{out}", str(out)) for word in COMMANDS[name]]
    width = ["env", f"COLUMNS={COLUMNS[name]}"] if name in COLUMNS else []
    return [*width, *budgetbalans(), words[0], str(folder), *words[1:]]


def measure_all(root: Path, args: argparse.Namespace) -> int:
    small = write_corpus(root / "small", args.plans, args.measures)
    four = linked(root / "four", small + write_corpus(root / "four-extra", args.plans * 3, args.measures, args.plans))
    if args.scale > 4:
        large = [*sorted(four.iterdir()), *write_corpus(root / "large-extra", args.plans * (args.scale - 4),
                                                        args.measures, args.plans * 4)]
    else:
        large = [*small, *write_corpus(root / "large-extra", args.plans * (args.scale - 1), args.measures, args.plans)]
    large_dir = linked(root / "large", large)
    one = root / "one.yaml"
    one.write_text(plan_text(1, 10), encoding="utf-8")
    size = sum(p.stat().st_size for p in small) / 1e6
    print(f"corpus: {args.plans} plans × {args.measures} measures ({size:.1f} MB); 4×: {args.plans * 4} plans; "
          f"large: {args.plans * args.scale} plans; pairs: {args.repeat}; Python {sys.version.split()[0]}")
    if args.plans < 500 or args.measures < 50:
        print("(below the documented size of 500 plans × 50 measures, process start-up dominates: "
              "read these ratios as a smoke test, not against the goals)")
    earlier = measure_throughput(root / "small", four, large_dir, args)
    goals = measure_reports(root / "small", root / "report", args)
    if args.memory_measures:
        plans = max(1, -(-args.memory_measures // args.measures))
        memory, count = root / "memory", plans * args.measures
        write_corpus(memory, plans, args.measures)
    else:
        memory, count = large_dir, len(large) * args.measures
    goals.append(measure_memory(memory, count, args))
    goals += measure_startup(one, args)
    measure_keys(root, small, args)
    measure_tree(root, small, args)
    goals.append(docx_growth(measure_formats(root / "formats", args)["summarize docx"], args))
    measure_docx_large(root, root / "small", four, args)
    measure_hostile(root / "hostile", args.repeat)
    measure_diff(root / "diff", args)
    measure_import(root / "import", args.repeat)
    print_goals("the goals of issue 26", goals)
    print_goals("the earlier goals", earlier)
    return 0


def measure_goals(root: Path, args: argparse.Namespace) -> int:
    """Only issue 26's goals (``--goals-only``), as :func:`measure_all` measures them."""
    write_corpus(root / "small", args.plans, args.measures)
    one = root / "one.yaml"
    one.write_text(plan_text(1, 10), encoding="utf-8")
    print(f"corpus: {args.plans} plans × {args.measures} measures; pairs: {args.repeat}; Python "
          f"{sys.version.split()[0]}; issue 26's goals only")
    goals = measure_reports(root / "small", root / "report", args)
    plans = max(1, -(-(args.memory_measures or args.plans * args.scale * args.measures) // args.measures))
    write_corpus(root / "memory", plans, args.measures)
    goals.append(measure_memory(root / "memory", plans * args.measures, args))
    goals += measure_startup(one, args)
    goals.append(docx_growth(measure_formats(root / "formats", args, ["summarize docx"])["summarize docx"], args))
    print_goals("the goals of issue 26", goals)
    return 0


def docx_growth(docx: Paired, args: argparse.Namespace) -> Goal:
    """Issue 26's goal of a linear Word report: `summarize --format docx` on 10× the format table's corpus over 1×."""
    plans = max(1, min(args.format_plans, args.plans))
    return Goal("summarize --format docx, 10× / 1×", docx.described(), "≤ 11×", docx.median <= 11,
                f"the same on 1× ({plans} → {plans * 10} plans)")


def measure_throughput(small: Path, four: Path, large: Path, args: argparse.Namespace) -> list[Goal]:
    """The earlier goals, each in runs paired with its reference: `check` and `summarize --format json` against
    the raw C-load of the same files, `summarize --format json` on 4× against 1×, `check` on the large corpus
    against 1× and its peak memory against the raw load of the large corpus."""
    raw = [sys.executable, "-c", RAW_LOAD]
    out = small.parent / "report"
    print("the earlier goals: throughput, scaling, peak memory (paired; CPU time)")
    timed = alternate({"check": [*budgetbalans(), "check", str(small)],
                       "json": command_line("summarize json", small, out), "raw": [*raw, str(small)]}, args.repeat)
    json_four = alternate({"four": command_line("summarize json", four, out),
                           "one": command_line("summarize json", small, out)}, args.repeat)
    check_large = alternate({"large": [*budgetbalans(), "check", str(large)], "raw": [*raw, str(large)],
                             "one": [*budgetbalans(), "check", str(small)]}, args.repeat)
    rows = [
        ("check / raw C-load", paired(timed, "check", "raw"), 1.5, "raw C-load of the same files"),
        ("summarize --format json / raw C-load", paired(timed, "json", "raw"), 2.0, "raw C-load of the same files"),
        ("summarize --format json 4× / 1×", paired(json_four, "four", "one"), 4.6, "the same on 1×"),
        (f"check {args.scale}× / 1×", paired(check_large, "large", "one"), args.scale + 1.0, "the same on 1×"),
        (f"peak memory of check {args.scale}×", paired(check_large, "large", "raw", rss), 2.0,
         f"raw C-load of the {args.scale}× files"),
    ]
    return [print_goal(Goal(name, pair.described(), f"≤ {goal:g}×", pair.median <= goal, against))
            for name, pair, goal, against in rows]


#: The reports of issue 26's table: the command's words (``{out}`` its output file), the bare-library reference
#: of benchmarks/refs/ that writes the same rows, the output's suffix, the goal, and what the goal is against.
REPORTS = {
    "html": (["summarize", "--format", "html", "-o", "{out}"], "html_jinja2.py", ".html", 1.5, "raw"),
    "xlsx": (["summarize", "--format", "xlsx", "-o", "{out}"], "xlsx_xlsxwriter.py", ".xlsx", 2.0, "raw"),
    "table": (["summarize"], "terminal_rich.py", ".txt", 1.2, "library"),
    "docx": (["summarize", "--format", "docx", "-o", "{out}"], "docx_python_docx.py", ".docx", 3.0, "library"),
}
LIBRARY = {"html": "Jinja2 alone", "xlsx": "XlsxWriter alone", "table": "rich alone", "docx": "python-docx alone"}


def measure_reports(folder: Path, out: Path, args: argparse.Namespace) -> list[Goal]:
    """Each report of issue 26's table on the corpus, in rounds of three runs side by side: the command, the
    bare-library reference writing the same rows (benchmarks/refs/), and the raw C-load of the same files.
    The terminal table and rich alone print at :data:`TABLE_COLUMNS` columns into a file."""
    print(f"the reports against their libraries, on the corpus: rounds of the command, the library alone and the "
          f"raw C-load: {args.repeat} (paired; CPU time)")
    goals = []
    raw = [sys.executable, "-c", RAW_LOAD, str(folder)]
    for fmt, (words, script, suffix, goal, against) in REPORTS.items():
        width = ["env", f"COLUMNS={TABLE_COLUMNS}"] if fmt == "table" else []
        target = f"{out}{suffix}"
        command = [*width, *budgetbalans(), words[0], str(folder),
                   *(word.replace("{out}", target) for word in words[1:])]
        library = [*width, sys.executable, str(REFS / script), str(folder), f"{out}.ref{suffix}"]
        timed = alternate({"command": command, "library": library, "raw": raw}, args.repeat,
                          stdout={"command": Path(target)} if fmt == "table" else None)
        name = f"summarize --format {fmt}" + (" (to a file)" if fmt == "table" else "")
        base = paired(timed, "command", against)
        other = (f"/ raw C-load {paired(timed, 'command', 'raw').described()}" if against == "library"
                 else f"/ {LIBRARY[fmt]} {paired(timed, 'command', 'library').described()}")
        goals.append(print_goal(Goal(
            name, base.described(), f"≤ {goal:g}×", base.median <= goal,
            "raw C-load of the same files" if against == "raw" else f"{LIBRARY[fmt]}, refs/{script}",
            f"{LIBRARY[fmt]} / raw C-load {paired(timed, 'library', 'raw').described()}; the command {other}")))
    return goals


def measure_memory(folder: Path, measures: int, args: argparse.Namespace) -> Goal:
    """The peak memory of `summarize --format json` on ``folder`` (``measures`` measures) per measure, goal
    ≤ 2 kB, beside the raw C-load of the same folder (which walks the folder itself), in pairs."""
    rounds = max(1, min(args.repeat, 3))
    print(f"peak memory of summarize --format json: {measures} measures, beside the raw C-load (pairs: {rounds})")
    timed = alternate({"json": command_line("summarize json", folder, folder.parent / "memory-out"),
                       "raw": [sys.executable, "-c", RAW_LOAD, str(folder)]}, rounds)
    per = [each.max_rss_kib * 1024 / 1000 / measures for each in timed["json"]]
    raw = statistics.median(each.max_rss_kib for each in timed["raw"]) * 1024 / 1000 / measures
    return print_goal(Goal(
        "peak memory of summarize --format json", f"{statistics.median(per):.2f} kB per measure "
        f"(max {max(per):.2f}; {statistics.median(rss(each) for each in timed['json']) / 1024:.0f} MiB)",
        "≤ 2 kB", statistics.median(per) <= 2.0, f"{measures} measures",
        f"the raw C-load {raw:.2f} kB per measure; json / raw load {paired(timed, 'json', 'raw', rss).described()}"))


def measure_startup(one: Path, args: argparse.Namespace) -> list[Goal]:
    """`summarize` and `check` of one small plan and `--help`, each with benchmarks/typer_floor.py doing the same
    command line and the import floor, all in the same rounds: budgetbalans's own share is
    (command − typer_floor) / import floor, per round; the median of the rounds, goal ≤ 0,5. Start-up runs are
    short and cheap: 3 × ``--repeat`` rounds."""
    rounds = 3 * args.repeat
    print(f"start-up: one small plan; rounds of every command, typer_floor.py and the import floor "
          f"({IMPORT_FLOOR!r}): {rounds}; CPU time")
    typer = [sys.executable, str(TYPER_FLOOR)]
    cases = {"summarize": ["summarize", str(one)], "check": ["check", str(one)], "--help": ["--help"]}
    commands = {}
    for name, words in cases.items():
        commands[name] = [*budgetbalans(), *words]
        commands[f"typer {name}"] = [*typer, *words]
    timed = alternate({**commands, "floor": [sys.executable, "-c", IMPORT_FLOOR],
                       "models": [sys.executable, "-c", MODELS_FLOOR]}, rounds)
    goals = []
    for name in cases:
        shares = [(cpu(c) - cpu(t)) / cpu(f) for c, t, f in zip(timed[name], timed[f"typer {name}"], timed["floor"])]
        seconds = [statistics.median(map(cpu, timed[key])) for key in (name, f"typer {name}", "floor")]
        share = statistics.median(shares)
        goals.append(print_goal(Goal(
            f"start-up: {name}, own share", f"{share:5.2f} (min {min(shares):.2f}; ({seconds[0]:.3f} s − "
            f"{seconds[1]:.3f} s) / {seconds[2]:.3f} s)", "≤ 0.5", share <= 0.5,
            "typer_floor.py, over the import floor",
            f"{name} / import floor {paired(timed, name, 'floor').described()}; typer_floor.py / import floor "
            f"{paired(timed, f'typer {name}', 'floor').described()}")))
    print(f"  {'no goal: import floor + the plan models':44} / import floor {paired(timed, 'models', 'floor').described()}")
    return goals


def measure_keys(root: Path, plain: Sequence[Path], args: argparse.Namespace) -> None:
    """`check` and `summarize --format json` on the corpus with the decision keys on every measure beside
    the same corpus without them (``plain``): run in pairs, the two in turns, so a slow moment of a shared
    machine falls on both; the ratio is the median of the pairs' ratios (goal ≤ 1,2×), of the wall time and,
    beside it, of the CPU time (user + system, which another job on the machine shakes less). Beside them, the
    raw C-load of the same two corpora: what only reading the larger files costs, before budgetbalans."""
    with_keys = write_corpus(root / "keys", args.plans, args.measures, keys=True)
    size = sum(p.stat().st_size for p in with_keys) / sum(p.stat().st_size for p in plain)
    folders = {"without": linked(root / "keys-without", plain), "with": linked(root / "keys-with", with_keys)}
    print(f"the decision keys on every measure: {args.plans} plans × {args.measures} measures, with them / without "
          f"them (files {size:.2f}× the size), {args.repeat} alternating pairs, median of the pairs' ratios")
    raw = {side: [sys.executable, "-c", RAW_LOAD, str(folder)] for side, folder in folders.items()}
    ratios = {}
    for name in ("check", "summarize json", "raw C-load (the floor)"):
        timed = alternate(raw if name.startswith("raw") else
                          {side: command_line(name, folder, root / "keys-out") for side, folder in folders.items()},
                          args.repeat)
        ratios[name] = print_pairs(name, timed, None if name.startswith("raw") else 1.2)
    # what the keys cost beyond reading the larger files: each command's growth over the raw load's growth
    floor = ratios["raw C-load (the floor)"]
    print(f"  beside the raw load's own growth ({floor:.2f}×): " + ", ".join(
        f"{name} {ratios[name] / floor:.2f}×" for name in ("check", "summarize json")))


def print_pairs(name: str, timed: dict[str, list[Run]], goal: float | None) -> float:
    """One row of runs in alternating pairs ``with`` / ``without``: the median of the pairs' ratios of the wall
    time against ``goal`` (None: no goal), the least pair beside it, and the same of the CPU time (user + system,
    which another job on the machine shakes less); returns the wall-time ratio."""
    pairs = Paired(timed["with"], timed["without"], wall)
    ratio, cpu_ratio = pairs.median, Paired(timed["with"], timed["without"]).described()
    with_s, without_s = pairs.sides()
    verdict = "no goal" if goal is None else "ok" if ratio <= goal else "ABOVE GOAL"
    stated = "" if goal is None else f"goal ≤ {goal:g}×; ".replace(".", ",")
    print(f"  {name:22} {ratio:6.2f}× (min {pairs.least:.2f}×; {stated}{with_s:.3f} s with vs {without_s:.3f} s "
          f"without)  {verdict}; CPU {cpu_ratio}")
    return ratio


#: The organisation tree of :func:`measure_tree`: nämnder under the kommun, förvaltningar under each nämnd,
#: and the verksamheter under the förvaltningar: 1 + 9 + 36 + 254 = 300 nodes.
TREE_NAMNDER, TREE_FORVALTNINGAR, TREE_NODES = 9, 36, 300


@dataclass
class TreeNode:
    """A node of the benchmark's tree: its name, its parts, and the targets (tkr) of the plans naming it."""

    name: str
    parts: list[TreeNode]
    plan_targets: list[int]

    def target(self) -> int:
        """Its plans' targets and its parts' added up: its own part is exactly what its plans state."""
        return sum(self.plan_targets) + sum(part.target() for part in self.parts)

    def count(self) -> int:
        return 1 + sum(part.count() for part in self.parts)

    def lines(self, indent: str = "") -> list[str]:
        """The node as YAML in ``budgetbalans.yaml`` (a node without plans below it has no target)."""
        text = [f"{indent}organisation: {self.name}"] + ([f"{indent}target: {self.target()}"] if self.target() else [])
        if self.parts:
            text.append(f"{indent}parts:")
            for part in self.parts:
                first, *rest = part.lines(indent + "    ")
                text += [f"{indent}  - {first.lstrip()}", *rest]
        return text


def organisation_tree(plans: Sequence[Path]) -> TreeNode:
    """A kommun of :data:`TREE_NODES` nodes over the corpus: its förvaltningar and verksamheter are named as the
    corpus's plans name their organisation (``Socialförvaltningen N``, N below 290), every eighth name an inner
    node (a förvaltning), the rest leaves (verksamheter), so that a small corpus names both; each node's target
    is its plans' and its parts' added up."""
    targets: dict[str, list[int]] = {}
    for path in plans:
        fields = dict(line.split(": ", 1) for line in path.read_text(encoding="utf-8").splitlines()[:5])
        targets.setdefault(fields["organisation"], []).append(int(fields["target"].strip('"').removesuffix(" tkr")
                                                                  .replace(" ", "")))
    named = [f"Socialförvaltningen {number}" for number in range(TREE_NODES - 1 - TREE_NAMNDER)]
    inner = named[::8]  # 0, 8, …, 280: TREE_FORVALTNINGAR names
    leaves = [TreeNode(name, [], targets.get(name, [])) for name in named if name not in inner]
    forvaltningar = [TreeNode(name, leaves[index::len(inner)], targets.get(name, [])) for index, name in enumerate(inner)]
    namnder = [TreeNode(f"Nämnd {index + 1}", forvaltningar[index::TREE_NAMNDER], []) for index in range(TREE_NAMNDER)]
    return TreeNode("Benchmarkkommunen", namnder, [])


def measure_tree(root: Path, plans: Sequence[Path], args: argparse.Namespace) -> None:
    """`summarize --format json`, `gap` and `check` in a folder whose ``budgetbalans.yaml`` holds a tree of
    300 nodes over the corpus, beside the same plans (the same files) in a folder without it: run in pairs,
    the two in turns; the median of the pairs' ratios (goal ≤ 1,2×)."""
    tree = organisation_tree(plans)
    assert tree.count() == TREE_NODES, tree.count()
    folders = {"with": root / "tree-with", "without": root / "tree-without"}
    for folder in folders.values():
        linked(folder / "plans", plans)
    (folders["with"] / "budgetbalans.yaml").write_text("unit: tkr\n" + "\n".join(tree.lines()) + "\n",
                                                        encoding="utf-8")
    print(f"the organisation tree: {args.plans} plans × {args.measures} measures under a tree of {TREE_NODES} "
          f"nodes / without it, {args.repeat} alternating pairs, median of the pairs' ratios")
    if args.plans < 500:
        print("  (below the documented 500 plans, process start-up and the machine's noise dominate: a smoke test)")
    for name, words in (("summarize json", ["summarize", "--format", "json"]), ("gap", ["gap"]), ("check", ["check"])):
        command = [*budgetbalans(), *words]
        timed = alternate({"with": command, "without": command}, args.repeat, cwd=folders)
        if any(each.returncode for each in timed["with"] + timed["without"]):  # the tree is made to fit its plans
            raise SystemExit(f"{name} in {folders['with']}: exit 1, the tree or its plans have problems")
        print_pairs(name, timed, 1.2)


def measure_formats(folder: Path, args: argparse.Namespace, commands: Sequence[str] = ()) -> dict[str, Paired]:
    """Every command and format on 1× and 10× a corpus, in rounds of four runs side by side: the command on 1×,
    the raw C-load of the same files, the command on 10×, the raw C-load of those; the median of the pairs'
    ratios to the raw load, and of 10× over 1× (linear is about 10, less with the fixed start-up). Returns
    each command's 10× / 1×."""
    plans = max(1, min(args.format_plans, args.plans))
    small = write_corpus(folder / "small", plans, args.measures)
    large = linked(folder / "large", small + write_corpus(folder / "extra", plans * 9, args.measures, plans))
    small_dir = linked(folder / "small-links", small)
    raw = [sys.executable, "-c", RAW_LOAD]
    repeat = max(1, min(args.repeat, 3))
    print(f"every command and format: {plans} and {plans * 10} plans × {args.measures} measures, rounds of the "
          f"command and the raw C-load of the same files side by side: {repeat} (CPU time; ratio to the raw load, "
          "min beside); goal: linear (10× / 1× ≤ 11)")
    growth = {}
    for name in commands or COMMANDS:
        runs = alternate({"1×": command_line(name, small_dir, folder / "out"), "raw 1×": [*raw, str(small_dir)],
                          "10×": command_line(name, large, folder / "out"), "raw 10×": [*raw, str(large)]}, repeat)
        one, ten = paired(runs, "1×", "raw 1×"), paired(runs, "10×", "raw 10×")
        growth[name] = paired(runs, "10×", "1×")
        verdict = "linear" if growth[name].median <= 11 else "FASTER THAN LINEAR"
        print(f"  {name:22} 1× {one.sides()[0]:7.2f} s ({one.median:5.2f}×, min {one.least:5.2f})  "
              f"10× {ten.sides()[0]:7.2f} s ({ten.median:5.2f}×, min {ten.least:5.2f})  "
              f"10×/1× {growth[name].median:5.2f} {verdict}")
    return growth


def measure_docx_large(root: Path, small: Path, four: Path, args: argparse.Namespace) -> None:
    """`summarize --format docx` on the 1× and the 4× corpus (2 000 plans × 50 measures, 100 000 measures,
    at the documented size), beside html and json of the same: time and peak memory; linear is 4×."""
    print(f"summarize docx at scale: {args.plans} and {args.plans * 4} plans × {args.measures} measures, "
          "beside html and json; time and peak memory, no goal but linear (4×/1× about 4)")
    for fmt in ("docx", "html", "json"):
        name = f"summarize {fmt}"
        runs = alternate({"1×": command_line(name, small, root / "large-out"),
                          "4×": command_line(name, four, root / "large-out")}, 1)
        one, four_times = runs["1×"][0], runs["4×"][0]
        print(f"  {name:22} 1× {one.seconds:7.2f} s {one.max_rss_kib / 1024:6.0f} MB   "
              f"4× {four_times.seconds:7.2f} s {four_times.max_rss_kib / 1024:6.0f} MB   "
              f"4×/1× {four_times.seconds / one.seconds:5.2f}")


def measure_hostile(folder: Path, repeat: int) -> None:
    """`check` on each hostile input beside the raw load of the same file: seconds, no goal."""
    folder.mkdir(parents=True, exist_ok=True)
    print("hostile inputs (tests/read/test_hostile.py): check, and the raw C-loader load of the same file; no goal")
    for name, text in hostile_inputs().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        timed = alternate({"check": [*budgetbalans(), "check", str(path)],
                           "raw": [sys.executable, "-c", RAW_LOAD, str(path)]}, repeat, any_exit=["raw"])
        pairs = paired(timed, "check", "raw", wall)
        check, raw = pairs.sides()
        code = timed["raw"][-1].returncode
        raw_outcome = "loads" if code == 0 else "raises" if code == 1 else f"crashes (exit {code})"
        size = f"{path.stat().st_size / 1e6:.2f} MB"
        print(f"  {name:28} {size:>8}  check {check:6.3f} s (exit {timed['check'][-1].returncode})  "
              f"raw load {raw:6.3f} s ({raw_outcome})  {pairs.median:5.2f}× (min {pairs.least:.2f}×)")


def measure_diff(folder: Path, args: argparse.Namespace) -> None:
    """`diff --base` of two revisions of a repository of the corpus (a tenth of the plans changed) beside
    two `summarize --format json` runs of it: the diff reads the old side with one `git cat-file --batch`
    and computes both sides with the core, so it should take about what the two runs take."""
    def git(*words: str) -> None:
        subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *words], cwd=folder,
                       check=True, capture_output=True)

    paths = write_corpus(folder / "plans", args.plans, args.measures)
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "T1")
    for path in paths[::10]:  # a tenth of the plans re-estimated: a status changed, a measure dropped
        text = path.read_text(encoding="utf-8").replace("status: planerad", "status: avbruten", 1)
        path.write_text(text.rsplit("\n  - id:", 1)[0] + "\n", encoding="utf-8")
    git("commit", "-qam", "T2")
    here = os.getcwd()
    os.chdir(folder)
    try:
        timed = alternate({"diff": [*budgetbalans(), "diff", "--base", "HEAD~1", "--format", "json"],
                           "summarize": [*budgetbalans(), "summarize", "--format", "json"]}, args.repeat)
    finally:
        os.chdir(here)
    pairs = paired(timed, "diff", "summarize")
    ratios = [ratio / 2 for ratio in pairs.ratios()]  # against two summarize runs
    diff, summarize = pairs.sides()
    verdict = "ok" if statistics.median(ratios) <= 1.25 else "ABOVE GOAL"
    print(f"{'diff --base of 2 revisions / 2 × summarize json':50} {statistics.median(ratios):6.2f}× (min "
          f"{min(ratios):.2f}×; goal ≤ 1.25×; CPU {diff:.3f} s vs 2 × {summarize:.3f} s; {args.plans} plans)  {verdict}")


def measure_import(folder: Path, repeat: int, rows: int = 500) -> None:
    """`import` of a plan table of ``rows`` measures in each format a controller has (Excel, Word,
    CSV), as a fresh process with its start-up; the goal is well under a second."""
    import docx  # the importer's own libraries: installed with budgetbalans
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    header = ["Nr", "Område", "Åtgärd", "Status", "Ansvarig", "2024", "2025", "2026", "Totalt"]
    body = [[str(n), AREAS[n % len(AREAS)], f"Åtgärd nummer {n}", "pågår", "Enhetschef", str(n), str(2 * n),
             "10-20", ""] for n in range(1, rows + 1)]
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Effekt av åtgärder i tkr"])
    sheet.append(header)
    for line in body:
        sheet.append([int(line[0]), *line[1:5], int(line[5]), int(line[6]), line[7], None])
    book.save(folder / "plan.xlsx")
    document = docx.Document()
    document.add_paragraph("Effekt av åtgärder i tkr")
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
    for line in body:
        for cell, text in zip(table.add_row().cells, line):
            cell.text = text
    document.save(str(folder / "plan.docx"))
    (folder / "plan.csv").write_text("\n".join(";".join(line) for line in [header, *body]) + "\n", encoding="utf-8")
    print(f"import of a table of {rows} measures (fresh process, start-up included; goal well under 1 s)")
    for name in ("plan.xlsx", "plan.docx", "plan.csv"):
        timed = alternate({"import": [*budgetbalans(), "import", str(folder / name), "--unit", "tkr",
                                      "-o", str(folder / f"{name}.yaml")]}, repeat)
        seconds = median_seconds(timed["import"])
        print(f"  {name:10} {seconds:6.3f} s  {'ok' if seconds < 1 else 'ABOVE GOAL'}")
    measure_import_bombs(folder, repeat)


def measure_import_bombs(folder: Path, repeat: int) -> None:
    """`import` of two small hostile files of issue 21 (tests/read/office/test_import_bounds.py has them all):
    a 39 KB .docx of 10 000 cells spanning 63 columns over 10 000 rows (ran to 23 GB) and a 26 KB
    .xlsx of 200 000 overlapping merged ranges (took 45 s). Refused (exit 1); the goal is 10 s."""
    import io
    import zipfile

    import docx
    import openpyxl

    def replaced(made: io.BytesIO, part: str, xml: bytes, target: Path) -> Path:
        with zipfile.ZipFile(made) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for entry in source.infolist():
                copy.writestr(entry.filename, xml if entry.filename == part else source.read(entry))
        return target

    made = io.BytesIO()
    docx.Document().save(made)
    span = b'<w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr><w:p/></w:tc>'
    body = b"<w:tbl><w:tr>" + span * 10_000 + b"</w:tr>" + b"<w:tr><w:tc><w:p/></w:tc></w:tr>" * 10_000 + b"</w:tbl>"
    word = replaced(made, "word/document.xml", b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                    b'wordprocessingml/2006/main"><w:body>' + body + b"</w:body></w:document>", folder / "bomb.docx")
    made = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["Åtgärd", "2025"])
    book.save(made)
    merges = b"".join(b'<mergeCell ref="A1:Z%d"/>' % (n % 40 + 2) for n in range(200_000))
    excel = replaced(made, "xl/worksheets/sheet1.xml", b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                     b'spreadsheetml/2006/main"><sheetData/><mergeCells>' + merges + b"</mergeCells></worksheet>",
                     folder / "bomb.xlsx")
    print("import of hostile files (refused; goal under 10 s)")
    for path in (word, excel):
        timed = alternate({"import": [*budgetbalans(), "import", str(path), "-o", str(path) + ".yaml"]}, repeat)
        seconds, code = median_seconds(timed["import"]), timed["import"][-1].returncode
        rss = median_rss(timed["import"]) / 1024
        print(f"  {path.name:10} {seconds:6.3f} s  {rss:6.0f} MB  exit {code}  "
              f"{'ok' if seconds < 10 and code == 1 else 'ABOVE GOAL'}")


if __name__ == "__main__":
    sys.exit(main())
