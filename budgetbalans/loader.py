"""The input edge: plan files on disk to validated :class:`~budgetbalans.models.Plan` objects.

Reading is all or nothing: a file either becomes a whole plan or a list of
:class:`~budgetbalans.errors.Problem` with positions; no plan is ever "mostly read".
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from pydantic import BaseModel, ValidationError

from budgetbalans.errors import PlanError, Problem
from budgetbalans.models import Measure, Plan
from budgetbalans.money import Unit
from budgetbalans.yamlsource import Path as DataPath
from budgetbalans.yamlsource import Source, YamlProblem, read_yaml

#: A plan is a few kilobytes; anything near this is not a plan (and could be an attack).
MAX_FILE_BYTES = 1024 * 1024
PLAN_SUFFIXES = (".yaml", ".yml")
DEFAULT_FOLDER = Path("plans")

_UNITS = {"kr": Unit.KR, "tkr": Unit.TKR, "mkr": Unit.MKR, "mnkr": Unit.MKR}


@dataclass
class Loaded:
    """Every plan that could be read, and every problem found, from a set of paths."""

    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0


def load_paths(paths: Iterable[Path]) -> Loaded:
    """Read every plan file named by ``paths`` (files, or folders searched for ``*.yaml``/``*.yml``)."""
    loaded = Loaded()
    for path in paths:
        files, problems = plan_files(path)
        loaded.problems += problems
        for file in files:
            loaded.files += 1
            try:
                loaded.plans.append(load_plan(file))
            except PlanError as error:
                loaded.problems += error.problems
    loaded.problems.sort()
    return loaded


def plan_files(path: Path) -> tuple[list[Path], list[Problem]]:
    """The plan files a PATH argument names, and problems with the path itself."""
    if path.is_dir():
        return _files_below(path)
    if not path.exists():
        return [], [Problem(str(path), 0, 0, "no such file or folder")]
    return [path], []


def _files_below(folder: Path) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        problems.append(Problem(error.filename or str(folder), 0, 0, f"cannot read this folder: {error.strerror}"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):  # does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files += (Path(root) / name for name in sorted(names) if name.endswith(PLAN_SUFFIXES))
    if not files and not problems:
        problems.append(Problem(str(folder), 0, 0, "no plan files (*.yaml, *.yml) in this folder"))
    return files, problems


def load_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise :class:`PlanError` with every problem in it."""
    name = str(path)
    text = _decode(_read_bytes(path, name), name)
    try:
        source = read_yaml(text)
    except YamlProblem as problem:
        raise PlanError([Problem(name, problem.line, problem.column, problem.message)]) from None
    return validate_plan(source, name)


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise PlanError([Problem(name, 0, 0, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB; "
                                                  "a plan file is a few kilobytes, split it into several plans")])
        with path.open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise PlanError([Problem(name, 0, 0, f"cannot read the file: {error.strerror or error}")]) from None


def _decode(data: bytes, name: str) -> str:
    if not data.strip():
        raise PlanError([Problem(name, 0, 0, "the file is empty; a plan starts with title: and measures:")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise PlanError([Problem(name, line, column, "the file is not UTF-8 text (byte "
                                 f"0x{data[error.start]:02x}); save it as UTF-8 (in Excel or Notepad: "
                                 "'Save as', encoding UTF-8)")]) from None
    if "\x00" in text:
        return _fail_at_nul(text, name)
    return text


def _fail_at_nul(text: str, name: str) -> str:
    before = text[: text.index("\x00")]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    raise PlanError([Problem(name, line, column, "the file contains a NUL character; it is not a text file")])


def validate_plan(source: Source, name: str) -> Plan:
    """Validate YAML data as a plan; raise :class:`PlanError` with every problem found."""
    data = source.data
    if data is None:
        raise PlanError([Problem(name, 1, 1, "the file is empty; a plan starts with title: and measures:")])
    if not isinstance(data, dict):
        line, column = source.position(())
        raise PlanError([Problem(name, line, column, "a plan is a mapping of keys (title:, unit:, measures:, …) "
                                                     "at the top of the file, not a list or a single value")])
    problems = [Problem(name, *where, message) for where, message in cross_check(source)]
    try:
        plan = Plan.model_validate(data, context={"unit": _plan_unit(data)})
    except ValidationError as error:
        problems += (_problem(source, name, detail) for detail in error.errors(include_url=False))
    if problems:
        raise PlanError(_unique(problems))
    return plan.at(name, _noted_positions(source, plan))


def _noted_positions(source: Source, plan: Plan) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where the keys that checks after validation point at stood: target and stated totals."""
    noted = {("target",): source.position(("target",))}
    for key in source.data.get("stated_totals") or {} if isinstance(source.data, dict) else {}:
        word = str(key).strip().lower()
        noted[("stated_totals", "total" if word in {"totalt", "summa"} else word)] = source.position(
            ("stated_totals", key))
    for index, measure in enumerate(plan.measures):
        if measure.stated_total is not None:
            noted[("measures", measure.id, "stated_total")] = source.position(("measures", index, "stated_total"))
    return noted


def _plan_unit(data: Mapping[str, Any]) -> Unit:
    unit = data.get("unit")
    return _UNITS.get(unit.strip().lower(), Unit.TKR) if isinstance(unit, str) else Unit.TKR


def _unique(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems))


# --- pydantic's errors as path:line:column messages -------------------------------------------

_TYPE_MESSAGES = {
    "dict_type": "{what} should be a mapping (key: value on lines below it)",
    "tuple_type": "{what} should be a list, such as [2024, 2025, 2026]",
    "list_type": "{what} should be a list",
    "string_type": "{what} should be text",
    "bool_parsing": "{what} should be true or false",
    "bool_type": "{what} should be true or false",
    "date_from_datetime_parsing": "{what}: {input!r} is not a date; write it as YYYY-MM-DD, such as 2024-04-01",
    "date_parsing": "{what}: {input!r} is not a date; write it as YYYY-MM-DD, such as 2024-04-01",
    "date_type": "{what} should be a date written as YYYY-MM-DD, such as 2024-04-01",
    "date_from_datetime_inexact": "{what} should be a date without a time, such as 2024-04-01",
    "string_too_long": "{what} is too long (at most 10 000 characters)",
    "model_type": "{what} should be a mapping of keys (id:, title:, effects:, …)",
}


def _problem(source: Source, name: str, detail: Mapping[str, Any]) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    if kind == "plan":
        subkey = ctx.get("subkey")
        loc = (*loc, subkey) if subkey else loc
        message = str(ctx["reason"])
    elif kind == "extra_forbidden":
        message = _unknown_key(loc)
    elif kind == "missing":
        message = f"missing key {loc[-1]!r}; {_missing_hint(loc)}"
    else:
        message = _TYPE_MESSAGES.get(kind, "{what}: " + detail["msg"]).format(
            what=_what(loc), input=_clip(detail.get("input")))
    is_key = kind == "extra_forbidden" or (loc and loc[-1] == "[key]")
    line, column = source.position(loc, key=bool(is_key))
    return Problem(name, line, column, message)


def _what(loc: tuple[Any, ...]) -> str:
    data = [part for part in loc if isinstance(part, int) or not str(part).startswith(("[", "function"))]
    return f"{data[-1]!r}" if data and isinstance(data[-1], str) else "this value"


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    return Measure if len(loc) >= 3 and loc[0] == "measures" else Plan


def _unknown_key(loc: tuple[Any, ...]) -> str:
    key = str(loc[-1])
    known = list(_model_at(loc).model_fields)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"unknown key {_clip(key)!r} — did you mean {close[0]!r}?"
    return f"unknown key {_clip(key)!r}; the keys here are {', '.join(known)}"


def _missing_hint(loc: tuple[Any, ...]) -> str:
    where = "each measure needs one" if _model_at(loc) is Measure else "a plan needs one"
    return f"{where}, such as {loc[-1]}: …"


def _clip(value: Any, limit: int = 40) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- rules across keys, checked on the raw data so they are reported with every other problem ---


def cross_check(source: Source) -> Iterator[tuple[tuple[int, int], str]]:
    """Problems no single value shows: duplicate ids, years outside the period, start alone."""
    data = source.data
    assert isinstance(data, dict)
    measures = data.get("measures")
    measures = measures if isinstance(measures, list) else []
    yield from _duplicate_ids(source, measures)
    period = _declared_years(data.get("years"))
    for index, measure in enumerate(measures):
        if isinstance(measure, dict):
            yield from _measure_rules(source, index, measure, period)
    if period:
        yield from _years_outside(source, ("target",), data.get("target"), period)
        yield from _years_outside(source, ("stated_totals",), data.get("stated_totals"), period)


def _duplicate_ids(source: Source, measures: list[Any]) -> Iterator[tuple[tuple[int, int], str]]:
    first_line: dict[str, int] = {}
    for index, measure in enumerate(measures):
        raw = measure.get("id") if isinstance(measure, dict) else None
        if not isinstance(raw, str) or not raw.strip():
            continue
        position = source.position(("measures", index, "id"))
        if raw.strip() in first_line:
            yield position, (f"the id {_clip(raw.strip())!r} is used twice in this plan "
                             f"(first on line {first_line[raw.strip()]}); give each measure its own id")
        else:
            first_line[raw.strip()] = position[0]


def _measure_rules(source: Source, index: int, measure: dict[str, Any],
                   period: frozenset[int] | None) -> Iterator[tuple[tuple[int, int], str]]:
    path: DataPath = ("measures", index)
    if measure.get("start") is not None and measure.get("full_year") is None:
        yield (source.position((*path, "start"), key=True),
               "start: is only used with full_year: (the effect of a whole year); add full_year: or remove start:")
    if period:
        for key in ("effects", "forecast", "outcome"):
            yield from _years_outside(source, (*path, key), measure.get(key), period)


def _years_outside(source: Source, path: DataPath, mapping: Any,
                   period: frozenset[int]) -> Iterator[tuple[tuple[int, int], str]]:
    if not isinstance(mapping, dict):
        return
    first, last = min(period), max(period)
    for key in mapping:
        if key.isdigit() and len(key) == 4 and int(key) not in period:
            yield (source.position((*path, key), key=True),
                   f"the year {key} is outside the plan's years ({first}–{last}); "
                   f"correct the year or add it to years:")


def _declared_years(raw: Any) -> frozenset[int] | None:
    if not isinstance(raw, list):
        return None
    years = [int(item) for item in raw if isinstance(item, str) and item.isdigit() and len(item) == 4]
    return frozenset(years) if years and len(years) == len(raw) else None

