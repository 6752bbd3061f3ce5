"""The input edge: plan files on disk to validated :class:`~budgetbalans.models.Plan` objects.

Reading is all or nothing: a file either becomes a whole plan or a list of
:class:`~budgetbalans.errors.Problem` with positions; no plan is ever "mostly read".
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from pydantic import BaseModel, ValidationError

from budgetbalans.amounts import AmountError, parse_unit
from budgetbalans.errors import PlanError, Problem, clip
from budgetbalans.messages import Message, as_message
from budgetbalans.models import Measure, Plan
from budgetbalans.money import Unit
from budgetbalans.yamlsource import Path as DataPath
from budgetbalans.yamlsource import NotPlain, Source, YamlProblem, read_plain, read_yaml

#: A plan is a few kilobytes; anything near this is not a plan (and could be an attack).
MAX_FILE_BYTES = 1024 * 1024
PLAN_SUFFIXES = (".yaml", ".yml")
DEFAULT_FOLDER = Path("plans")

#: How plans write the key of the period's stated total.
_TOTAL_WORDS = frozenset({"total", "totalt", "summa"})


@dataclass
class Loaded:
    """Every plan that could be read, and every problem found, from a set of paths."""

    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def files(self) -> int:
        """How many plan files were found (read or not)."""
        return len(self.paths)


def load_paths(paths: Iterable[Path]) -> Loaded:
    """Read every plan file named by ``paths`` (files, or folders searched for ``*.yaml``/``*.yml``)."""
    loaded = Loaded()
    for read in read_paths(paths):
        loaded.problems += read.problems
        if read.path is not None:
            loaded.paths.append(read.path)
        if read.plan is not None:
            loaded.plans.append(read.plan)
    loaded.problems.sort()
    return loaded


@dataclass
class Read:
    """One step of reading: a plan file (``path``) with its plan or its problems, or a PATH's problems."""

    path: str | None
    plan: Plan | None
    problems: list[Problem]


def read_paths(paths: Iterable[Path]) -> Iterator[Read]:
    """The plan files below ``paths`` one at a time, so a caller need not hold them all."""
    for path in paths:
        files, problems = plan_files(path)
        if problems:
            yield Read(None, None, problems)
        for file in files:
            try:
                yield Read(str(file), load_plan(file), [])
            except PlanError as error:
                yield Read(str(file), None, error.problems)


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
    return _valid_fast(text, name) or validate_plan(_read_with_positions(text, name), name)


def _valid_fast(text: str, name: str) -> Plan | None:
    """The plan, when a reading without positions finds nothing wrong; else ``None``.

    Most files in CI are valid and never need a position, so they are read once, fast. A file
    with any problem is read again with positions by :func:`validate_plan`, which reports it.
    """
    try:
        data = read_plain(text)
    except NotPlain:
        return None
    if not isinstance(data, dict) or next(cross_check(Source(data)), None) is not None:
        return None
    try:
        plan = Plan.model_validate(data, context={"unit": _plan_unit(data)})
    except ValidationError:
        return None
    return plan.at(name, _LazyPositions(text, name, plan))


class _LazyPositions(Mapping[tuple[str, ...], tuple[int, int]]):
    """The positions a check may point at in a valid plan, found only when one is asked for."""

    def __init__(self, text: str, name: str, plan: Plan) -> None:
        self._text, self._name, self._plan = text, name, plan
        self._found: dict[tuple[str, ...], tuple[int, int]] | None = None

    def _positions(self) -> dict[tuple[str, ...], tuple[int, int]]:
        if self._found is None:
            self._found = _noted_positions(_read_with_positions(self._text, self._name), self._plan)
        return self._found

    def __getitem__(self, key: tuple[str, ...]) -> tuple[int, int]:
        return self._positions()[key]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


def _read_with_positions(text: str, name: str) -> Source:
    try:
        return read_yaml(text)
    except YamlProblem as problem:
        raise PlanError([Problem(name, problem.line, problem.column, problem.message)]) from None


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; only a regular file is opened (a FIFO or device could block or never end)."""
    try:
        kind = path.stat().st_mode
        if not stat.S_ISREG(kind):
            raise PlanError([Problem(name, 0, 0, f"not a plan file but {_file_kind(kind)}; "
                                                  "only regular files are read")])
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise PlanError([Problem(name, 0, 0, f"cannot read the file: {error.strerror or error}")]) from None
    if len(data) > MAX_FILE_BYTES:  # the length read, not the size reported: it can lie (/proc, races)
        raise PlanError([Problem(name, 0, 0, f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MiB; "
                                              "a plan file is a few kilobytes, split it into several plans")])
    return data


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe (FIFO)", stat.S_ISSOCK: "a socket",
             stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    return next((kind for test, kind in kinds.items() if test(mode)), "a special file")


def _decode(data: bytes, name: str) -> str:
    """UTF-8 text, without a byte-order mark (positions count from after it, as editors show them)."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise PlanError([Problem(name, 1, 1, "the file is empty; a plan starts with title: and measures:")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
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
    read = [Problem(name, problem.line, problem.column, problem.message) for problem in source.problems]
    if data is None:
        raise PlanError([Problem(name, 1, 1, "the file is empty; a plan starts with title: and measures:")])
    if not isinstance(data, dict):
        line, column = source.position(())
        raise PlanError([*read, Problem(name, line, column, "a plan is a mapping of keys (title:, unit:, "
                                                            "measures:, …) at the top of the file, not a list "
                                                            "or a single value")])
    problems = read + [Problem(name, *where, message) for where, message in cross_check(source)]
    try:
        plan = Plan.model_validate(data, context={"unit": _plan_unit(data)})
    except ValidationError as error:
        problems += (_problem(source, name, detail) for detail in error.errors(include_url=False))
    if problems:
        raise PlanError(_unique(problems))
    return plan.at(name, _noted_positions(source, plan))


def _noted_positions(source: Source, plan: Plan) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where the keys that checks after validation point at stood: target and stated totals."""
    noted: dict[tuple[str, ...], tuple[int, int]] = {("target",): source.position(("target",))}
    for key in source.data.get("stated_totals") or {} if isinstance(source.data, dict) else {}:
        word = str(key).strip().lower()
        noted[("stated_totals", "total" if word in _TOTAL_WORDS else word)] = source.position(
            ("stated_totals", str(key)))
    for index, measure in enumerate(plan.measures):
        if measure.stated_total is not None:
            noted[("measures", measure.id, "stated_total")] = source.position(("measures", index, "stated_total"))
    return noted


def _plan_unit(data: Mapping[str, Any]) -> Unit:
    """The unit amounts are read in; a wrong unit is reported by validation, and tkr stands in meanwhile."""
    unit = data.get("unit")
    try:
        return parse_unit(unit) if isinstance(unit, str) else Unit.TKR
    except AmountError:
        return Unit.TKR


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

#: Where the general message would mislead (years' example for a list of measures).
_FIELD_MESSAGES: dict[tuple[str, Any], str] = {
    ("tuple_type", "measures"): "'measures' should be a list of measures, each starting with '- id:' on its own line",
}
#: Parts of an effect written as a mapping whose *value* is wrong; any other part is an unknown key.
_VALUE_SUBKEYS = frozenset({"low", "high", "interval"})


def _problem(source: Source, name: str, detail: Mapping[str, Any]) -> Problem:
    loc = tuple(detail["loc"])
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    is_key = kind == "extra_forbidden"
    if loc and loc[-1] == "[key]":  # pydantic's marker for a mapping's key (a year that is not a year)
        loc, is_key = loc[:-1], True
    if kind == "plan":
        subkey = ctx.get("subkey")
        loc = (*loc, subkey) if subkey else loc
        is_key = is_key or (subkey is not None and subkey not in _VALUE_SUBKEYS)
        message: Message | str = as_message(ctx["reason"])
    elif kind == "extra_forbidden":
        message = _unknown_key(loc)
    elif kind == "missing":
        message = f"missing key {loc[-1]!r}; {_missing_hint(loc)}"
    else:
        template = _FIELD_MESSAGES.get((kind, loc[-1] if loc else None)) or _TYPE_MESSAGES.get(kind)
        message = (template.format(what=_what(loc), input=clip(detail.get("input"))) if template
                   else f"{_what(loc)}: {detail['msg']}")  # pydantic's text may hold braces: never format it
    line, column = source.position(loc, key=is_key)
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
        return f"unknown key {clip(key)!r} — did you mean {close[0]!r}?"
    return f"unknown key {clip(key)!r}; the keys here are {', '.join(known)}"


def _missing_hint(loc: tuple[Any, ...]) -> str:
    where = "each measure needs one" if _model_at(loc) is Measure else "a plan needs one"
    return f"{where}, such as {loc[-1]}: …"



# --- rules across keys, checked on the raw data so they are reported with every other problem ---


def cross_check(source: Source) -> Iterator[tuple[tuple[int, int], str]]:
    """Problems no single value shows: duplicate ids, years outside the period, start alone, a year twice."""
    data = source.data
    assert isinstance(data, dict)
    measures = data.get("measures")
    measures = measures if isinstance(measures, list) else []
    yield from _duplicate_ids(source, measures)
    period = _declared_years(data.get("years"))
    for index, measure in enumerate(measures):
        if isinstance(measure, dict):
            yield from _measure_rules(source, index, measure, period)
            for key in ("effects", "forecast", "outcome"):
                yield from _same_year_twice(source, ("measures", index, key), measure.get(key))
    yield from _same_year_twice(source, ("target",), data.get("target"))
    yield from _same_year_twice(source, ("stated_totals",), data.get("stated_totals"))
    if period:
        yield from _years_outside(source, ("target",), data.get("target"), period)
        yield from _years_outside(source, ("stated_totals",), data.get("stated_totals"), period)
    if period is None and not _names_a_year(data, measures):
        yield from _full_year_without_period(source, measures)


def _names_a_year(data: dict[str, Any], measures: list[Any]) -> bool:
    """Whether the plan names any year, from which its period can be told (PLAN-FORMAT: first to last)."""
    mappings = [data.get("target"), data.get("stated_totals")]
    mappings += [m.get(key) for m in measures if isinstance(m, dict) for key in ("effects", "forecast", "outcome")]
    starts = [m.get("start") for m in measures if isinstance(m, dict)]
    return any(isinstance(item, dict) and any(str(key).strip().isdigit() for key in item) for item in mappings) \
        or any(start is not None for start in starts)


def _full_year_without_period(source: Source, measures: list[Any]) -> Iterator[tuple[tuple[int, int], str]]:
    for index, measure in enumerate(measures):
        if isinstance(measure, dict) and measure.get("full_year") is not None:
            yield (source.position(("measures", index, "full_year"), key=True),
                   "full_year: fills the plan's years, but the plan names none; add years: [2025, 2026] "
                   "to the plan, or start: to the measure")


def _duplicate_ids(source: Source, measures: list[Any]) -> Iterator[tuple[tuple[int, int], str]]:
    first_line: dict[str, int] = {}
    for index, measure in enumerate(measures):
        raw = measure.get("id") if isinstance(measure, dict) else None
        if not isinstance(raw, str) or not raw.strip():
            continue
        position = source.position(("measures", index, "id"))
        if raw.strip() in first_line:
            yield position, (f"the id {clip(raw.strip())!r} is used twice in this plan "
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


def _same_year_twice(source: Source, path: DataPath, mapping: Any) -> Iterator[tuple[tuple[int, int], str]]:
    """Keys written differently that mean one year (``"2024 "`` and ``2024``) or the total (``total``, ``summa``).

    Validation would keep only the last of them, silently: the same loss as a key written twice.
    """
    if not isinstance(mapping, dict):
        return
    first: dict[str, str] = {}
    for key in mapping:
        meaning = "total" if key.strip().lower() in _TOTAL_WORDS else key.strip()
        if meaning in first:
            line = source.position((*path, first[meaning]), key=True)[0]
            yield (source.position((*path, key), key=True),
                   f"{clip(key)!r} means the same as {clip(first[meaning])!r} on line {line}; keep one")
        else:
            first[meaning] = key


def _declared_years(raw: Any) -> frozenset[int] | None:
    if not isinstance(raw, list):
        return None
    years = [int(item) for item in raw if isinstance(item, str) and item.isdigit() and len(item) == 4]
    return frozenset(years) if years and len(years) == len(raw) else None

