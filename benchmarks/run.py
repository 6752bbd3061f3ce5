"""Benchmark: budgetbalans against the floor its own dependencies set.

    python benchmarks/run.py                 # the documented run: 500 plans × 50 measures, 10× for scaling
    python benchmarks/run.py --plans 20 --repeat 1   # a smoke test (what .ci/run does)

It writes a deterministic synthetic corpus of valid plans (Swedish amounts with units,
ranges, interval classes, full-year effects with start dates, several statuses), then runs,
alternating the commands and taking medians:

- throughput: `budgetbalans check` on the corpus, against only loading the same files with
  PyYAML's C loader (``yaml.load(f, Loader=yaml.CSafeLoader)``), both as fresh processes;
- scaling: `check` on 1× and 10× the corpus;
- cold start: `budgetbalans summarize` of one small plan, against
  ``python -c "import typer, pydantic, yaml, rich.table"``;
- peak memory (maximum resident set size) of `check` on the large corpus, against the raw load.

It prints the four ratios and the goals (≤ 1,5×, ≤ 11×, ≤ 1,5×, ≤ 2×). Timings are of whole
processes on a shared machine: read them as ratios, not as absolute figures.
"""

from __future__ import annotations

import argparse
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
from typing import Sequence

STATUSES = ["planerad", "pågår", "klart", "utredning", "pausad", "avbruten", "ongoing", "done"]
AREAS = ["Äldreomsorg", "Individ- och familjeomsorg", "LSS", "Hemtjänst", "Socialpsykiatri"]
WORDS = ["Översyn", "bemanning", "placeringar", "hemtjänst", "schemaläggning", "lokaler", "övertid",
         "välfärdsteknik", "upphandling", "avgifter", "hyror", "korttidsboende", "ekonomiskt bistånd"]

RAW_LOAD = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as f:
        yaml.load(f, Loader=yaml.CSafeLoader)
"""
IMPORT_FLOOR = "import typer, pydantic, yaml, rich.table"


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


def plan_text(seed: int, measures: int) -> str:
    rng = random.Random(seed)
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
    body += [measure(rng, i + 1, years) for i in range(measures)]
    return "\n".join(body) + "\n"


def write_corpus(folder: Path, plans: int, measures: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(plans):
        path = folder / f"plan-{seed:05d}.yaml"
        path.write_text(plan_text(seed, measures), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass
class Run:
    seconds: float
    max_rss_kib: int
    returncode: int


def run(command: Sequence[str]) -> Run:
    """Run a command as a fresh process; its wall time and its own peak memory (os.wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:3])} … failed: {process.stderr.read().decode()[:500]}")  # type: ignore[union-attr]
    return Run(seconds, usage.ru_maxrss, process.returncode)


def alternate(commands: dict[str, Sequence[str]], repeat: int) -> dict[str, list[Run]]:
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            results[name].append(run(command))
    return results


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
    parser.add_argument("--repeat", type=int, default=5, help="runs of each command (median; default 5)")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    args = parser.parse_args(argv)

    root = args.keep or Path(tempfile.mkdtemp(prefix="budgetbalans-bench-"))
    try:
        return measure_all(root, args)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


def measure_all(root: Path, args: argparse.Namespace) -> int:
    small = write_corpus(root / "small", args.plans, args.measures)
    large = small + write_corpus(root / "large-extra", args.plans * (args.scale - 1), args.measures)
    large_dir = root / "large"
    large_dir.mkdir(exist_ok=True)
    for path in large:
        link = large_dir / f"{path.parent.name}-{path.name}"
        if not link.exists():
            os.link(path, link)
    one = root / "one.yaml"
    one.write_text(plan_text(1, 10), encoding="utf-8")
    size = sum(p.stat().st_size for p in small) / 1e6
    print(f"corpus: {args.plans} plans × {args.measures} measures ({size:.1f} MB); "
          f"large: {args.plans * args.scale} plans; repeat {args.repeat}; Python {sys.version.split()[0]}")

    raw = [sys.executable, "-c", RAW_LOAD]
    timed = alternate({
        "check": [*budgetbalans(), "check", str(root / "small")],
        "raw": [*raw, *map(str, small)],
        "check_large": [*budgetbalans(), "check", str(large_dir)],
        "raw_large": [*raw, *map(str, sorted(large_dir.iterdir()))],
        "cold": [*budgetbalans(), "summarize", str(one)],
        "floor": [sys.executable, "-c", IMPORT_FLOOR],
    }, args.repeat)

    rows = [
        ("throughput: check / raw C-loader load", median_seconds(timed["check"]), median_seconds(timed["raw"]), 1.5),
        (f"scaling: check {args.scale}× / check 1×", median_seconds(timed["check_large"]),
         median_seconds(timed["check"]), args.scale + 1.0),
        ("cold start: summarize one plan / import floor", median_seconds(timed["cold"]),
         median_seconds(timed["floor"]), 1.5),
        ("peak memory: check large / raw load large", median_rss(timed["check_large"]),
         median_rss(timed["raw_large"]), 2.0),
    ]
    if args.plans < 500 or args.measures < 50:
        print("(below the documented size of 500 plans × 50 measures, process start-up dominates: "
              "read these ratios as a smoke test, not against the goals)")
    for name, value, base, goal in rows:
        ratio = value / base
        unit = "KiB" if name.startswith("peak") else "s"
        verdict = "ok" if ratio <= goal else "ABOVE GOAL"
        print(f"{name:50} {ratio:6.2f}×  (goal ≤ {goal:g}×; {value:.3f} {unit} vs {base:.3f} {unit})  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
