"""Fuzzing `check`: valid plans mutated byte by byte and key by key never crash it or break its output.

Whatever the file holds, `check` exits 0 or 1 (never a traceback, never 3) and prints only
``path:line:column: message``, ``path: message`` and the summary line (text), workflow
commands (github) or one JSON document (json).
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetbalans.cli.app import app
from tests.command import runner
from tests.fast_loop import examples
from tests.paths import ROOT
from tests.test_messages import python_words


INLINE_PLAN = """\
title: Åtgärdsplan 2017
organisation: Sociala omsorgsnämnden
unit: tkr
years: [2017, 2018]
target: {2017: 5 000, 2018: 7 000}
stated_totals:
  2017: 1 900
measures:
  - id: 1
    title: Daglig verksamhet – avslut IGU
    status: klart
    full_year: 1 400
    start: 2017-04-01
    effects: {2018: "0,5–1 mkr"}
  - id: "2"
    title: Hemtjänst, färre timmar
    status: pågår
    effects: {2017: 850, 2018: 900}
    stated_total: {amount: 1 800, known_difference: 50, note: Avrundat i källan.}
  - id: "4"
    title: Digitalisering
    status: utredning
    effects: {2018: {interval: 3}}
  - id: "3"
    title: Investering i trygghetslarm
    effects: {2017: {low: -300, high: -100}}
    potential: true
"""

SEEDS = [INLINE_PLAN] + [path.read_text(encoding="utf-8") for path in sorted(
    [*(ROOT / "tests" / "plans" / "valid").glob("*.yaml"), *(ROOT / "plans").glob("*.yaml")])]

SUMMARY = {
    "en": re.compile(r"(no problems in \d+ plans?|\d+ problems?( in \d+ of \d+ plans?|; no plan files read))"
                     r"( \(\d+ known errors? of source documents accepted\))?"),
    "sv": re.compile(r"(inga problem i \d+ plan(er)?|\d+ problem( i \d+ av \d+ plan(er)?|; ingen planfil lästes))"
                     r"( \(\d+ kän(t|da) fel i källdokumenten, avstäm(t|da)\))?"),
}
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

FUZZ = settings(max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --- mutations -------------------------------------------------------------------------------------

BYTE_EDITS = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 1 << 20), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 1 << 20),
              st.one_of(st.binary(min_size=1, max_size=8),
                        st.sampled_from([b":", b"- ", b"{", b"[", b"&a ", b"*a", b"!!", b"\t", b"\r", b"\n  ",
                                         b"\xc3", b"\xe5", b"\x00", b"'", b'"', b"#", b"---\n", b"? ", b"<<: "]))),
    st.tuples(st.just("delete"), st.integers(0, 1 << 20), st.integers(1, 16)),
    st.tuples(st.just("truncate"), st.integers(0, 1 << 20), st.just(0)),
)


def edit_bytes(data: bytes, edits: list[tuple[str, int, Any]]) -> bytes:
    for kind, where, what in edits:
        at = where % (len(data) + 1)
        if kind == "flip" and data:
            at %= len(data)
            data = data[:at] + bytes([data[at] ^ what]) + data[at + 1:]
        elif kind == "insert":
            data = data[:at] + what + data[at:]
        elif kind == "delete":
            data = data[:at] + data[at + what:]
        elif kind == "truncate":
            data = data[:at]
    return data


SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["2024", "2025", "1:30", "010", "yes", "0,5 mkr", "1.750.000", "700-1600", "-5-3",
                     "400 tkr", "1e6", "{interval: 9}", "klart", "avbruten", "2024-02-30", "total", "", "~",
                     "12 357 tkr", "−100", "1 750 000 kr", "700–1 600"]),
)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.one_of(st.text(max_size=8), st.integers(1990, 2030),
                              st.sampled_from(["low", "high", "interval", "amount", "known_difference", "id",
                                               "title", "effects", "full_year", "start", "status"])),
                    inner, max_size=3)), max_leaves=6)


def places(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in ``data``."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from places(value, (*path, index))


def edit_structure(data: Any, edits: list[tuple[str, int, Any]]) -> Any:
    for kind, which, what in edits:
        paths = [path for path in places(data) if path]
        if not paths:
            return what
        path = paths[which % len(paths)]
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1]
        if kind == "drop":
            del parent[last]
        elif kind == "replace":
            parent[last] = what
        elif kind == "rename" and isinstance(parent, dict):
            parent[what if isinstance(what, (str, int)) else str(what)] = parent.pop(last)
        elif kind == "retype":
            value = parent[last]
            parent[last] = [value] if not isinstance(value, list) else {"x": value}
        elif kind == "stringify":
            parent[last] = str(parent[last])
    return data


STRUCTURE_EDITS = st.lists(st.tuples(st.sampled_from(["drop", "replace", "rename", "retype", "stringify"]),
                                     st.integers(0, 10_000), VALUES), min_size=1, max_size=4)


def dump(data: Any, duplicate_line: int | None) -> bytes:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=None)
    if duplicate_line is not None:  # the same key twice, or a broken document
        lines = text.splitlines(keepends=True)
        at = duplicate_line % len(lines)
        text = "".join(lines[: at + 1] + lines[at:])
    return text.encode("utf-8", errors="surrogatepass")


# --- the properties -----------------------------------------------------------------------------

OPTIONS = st.tuples(st.sampled_from(["text", "github", "json"]), st.booleans(), st.booleans(),
                    st.sampled_from(["sv", "en"]))


def check_output_is_well_formed(content: bytes, options: tuple[str, bool, bool, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_bytes(content)
        form, require_target, fail_on_gap, lang = options
        args = ["check", str(path), "--format", form, "--lang", lang]
        args += ["--require-target"] * require_target + ["--fail-on-gap"] * fail_on_gap
        result = runner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    assert not CONTROL.search(result.stdout)
    lines = result.stdout.splitlines()
    if form == "json":
        document = json.loads(result.stdout)
        assert document["ok"] is (result.exit_code == 0)
        assert all(set(problem) == {"path", "line", "column", "code", "message"} for problem in document["problems"])
        written = content.decode("utf-8", errors="replace")
        assert not [p["message"] for p in document["problems"] if python_words(p["message"], written)]
        return
    assert SUMMARY[lang].fullmatch(lines[-1]), lines[-1]
    for line in lines[:-1]:
        if form == "github":
            assert re.fullmatch(r"::error file=[^,:]+(,line=\d+,col=\d+)?,title=budgetbalans check \([a-z0-9._]+\)::.+",
                                line), line
        else:
            assert re.fullmatch(re.escape(str(path)) + r"(:\d+:\d+)?: \S.*", line), line
    assert (result.exit_code == 0) == (len(lines) == 1)


@FUZZ
@given(seed=st.sampled_from(SEEDS), edits=st.lists(BYTE_EDITS, min_size=1, max_size=6), options=OPTIONS)
def test_bytes_mutated(seed: str, edits: list[tuple[str, int, Any]], options: tuple[str, bool, bool, str]) -> None:
    check_output_is_well_formed(edit_bytes(seed.encode("utf-8"), edits), options)


@FUZZ
@given(seed=st.sampled_from(SEEDS), edits=STRUCTURE_EDITS, duplicate=st.none() | st.integers(0, 10_000),
       options=OPTIONS)
def test_structure_mutated(seed: str, edits: list[tuple[str, int, Any]], duplicate: int | None,
                           options: tuple[str, bool, bool, str]) -> None:
    data = edit_structure(yaml.safe_load(seed), edits)
    check_output_is_well_formed(dump(data, duplicate), options)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_seeds_are_valid(seed: str) -> None:
    check_output_is_well_formed(seed.encode(), ("text", False, False, "sv"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(seed, encoding="utf-8")
        assert runner().invoke(app, ["check", str(path)], catch_exceptions=False).exit_code == 0
