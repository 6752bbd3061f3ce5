"""The input edge: plan files on disk to validated :class:`~budgetbalans.plan.models.Plan` objects.

Reading is all or nothing: a file either becomes a whole plan or a list of
:class:`~budgetbalans.errors.Problem` with positions; no plan is ever "mostly read".
"""

from __future__ import annotations

import codecs
import difflib
import errno
import gc
import hashlib
import os
import re
import stat
import zlib
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from pydantic import BaseModel, ValidationError

from budgetbalans.plan.amounts import AmountError, parse_unit
from budgetbalans.errors import PlanError, Problem
from budgetbalans.read.files import PLAN_SUFFIXES, FileTooLarge, NotRegularFile, read_regular
from budgetbalans.i18n import Message, Template, as_message, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.plan.models import KEY_SYNONYMS, NOT_TRUE_OR_FALSE, STATUS_WORDS, TOTAL_WORDS, Decision, Measure, Plan, StatedFigure, key_word
from budgetbalans.read.rules import cross_check, measures_twice, same_measures
from budgetbalans.plan.money import Unit
from budgetbalans.plan.organisation import FILE_NAME as TREE_FILE
from budgetbalans.read.yamlsource import Path as DataPath
from budgetbalans.read.yamlsource import NotPlain, Source, YamlProblem, read_plain, read_yaml

if TYPE_CHECKING:
    from budgetbalans.plan.dump import Dumped

#: A plan is a few kilobytes; anything near this is not a plan (and could be an attack).
MAX_FILE_BYTES = 1024 * 1024
DEFAULT_FOLDER = Path("plans")



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


def load_paths(paths: Iterable[Path], command: str = "summarize") -> Loaded:
    """Read every plan file named by ``paths`` (files, or folders searched for ``*.yaml``/``*.yml``).

    ``command`` is the command that reads them: the example in the message for a missing ``plans/``.
    """
    with collection_paused():
        return _collect(read_paths(paths, command))


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's garbage collector paused (as it was after) while many long-lived objects are made: plans
    read, their results computed. They hold no cycles to find, and each full collection would walk every
    one of them again (about a seventh of the time of a large report)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _collect(reads: Iterable[Read]) -> Loaded:
    """Every plan read and every problem met, the problems in order."""
    loaded = Loaded()
    for read in reads:
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


def read_paths(paths: Iterable[Path], command: str = "check") -> Iterator[Read]:
    """The plan files below ``paths`` one at a time, so a caller need not hold them all.

    A file named twice (itself and its folder, or through a link) is read once. A file holding a
    plan read before from another file is refused, naming the first: only a small key and a digest
    per plan are remembered, never the plans.
    """
    seen = _Seen()
    for path in paths:
        if _again(seen.arguments, path):
            continue
        files, problems = plan_files(path, command)
        if problems:
            yield Read(None, None, problems)
        for file in files:
            if not _again(seen.files, file):
                yield _read(file, seen)


def _read(file: Path, seen: _Seen) -> Read:
    name = str(file)
    return _read_text(name, lambda: file_text(file), seen)


def _read_text(name: str, text_of: Callable[[], str], seen: _Seen) -> Read:
    """The plan in the text ``text_of`` gives (or its problems), refused when ``seen`` has met it before."""
    try:
        text = text_of()
        plan = load_text(text, name)
    except PlanError as error:
        return Read(name, None, error.problems)
    first = seen.same_plan(plan, text)
    return Read(name, plan, []) if first is None else Read(name, None, [first])


def _again(names: set[str], path: Path) -> bool:
    """Whether ``path`` is a name met before once links and ``..`` are resolved (and remember it)."""
    name = os.path.realpath(path)
    if name in names:
        return True
    names.add(name)
    return False


PLAN_COPY = template(
    "file.copy",
    sv="filen är en kopia av {file}; en plan får bara räknas en gång: ta bort den ena filen",
    en="this file is a copy of {file}; a plan may be counted only once: remove one of the two files")
SAME_PLAN = template(
    "file.same_plan",
    sv="samma plan som i {file} (samma titel och organisation); en plan får bara räknas en gång: "
       "ta bort den fil som inte gäller, eller ändra titeln om det är två olika planer",
    en="the same plan as in {file} (the same title and organisation); a plan may be counted only once: "
       "remove the file that is out of date, or change the title if they are two different plans")
SAME_TITLE = template(
    "file.same_title",
    sv="samma plan som i {file} (samma titel, och ingen av dem anger organisation); en plan får bara "
       "räknas en gång: ta bort den fil som inte gäller, eller skriv organisation: i båda om det är två "
       "olika planer",
    en="the same plan as in {file} (the same title, and neither names its organisation); a plan may be "
       "counted only once: remove the file that is out of date, or write organisation: in both if they "
       "are two different plans")


@dataclass
class _Seen:
    """What :func:`read_paths` remembers: the names read, and each plan's key, first file and text digest."""

    arguments: set[str] = field(default_factory=set)
    files: set[str] = field(default_factory=set)
    plans: dict[bytes, tuple[str, bytes]] = field(default_factory=dict)

    def same_plan(self, plan: Plan, text: str) -> Problem | None:
        """The problem of a plan with the title and organisation of one read before, at its title; else ``None``.

        The same content means the same title and organisation, so the key finds every copy;
        the digest only tells a copy from another version in the message.
        """
        organisation = "\0" if plan.organisation is None else comparable(plan.organisation)
        key = _digest(f"{comparable(plan.title)}\n{organisation}")  # 16 bytes a plan, not its words
        digest = _digest(text)
        if key not in self.plans:
            self.plans[key] = plan.path, digest
            return None
        first, first_digest = self.plans[key]
        named = _quoted_path(first)
        message = (PLAN_COPY(file=named) if digest == first_digest
                   else SAME_PLAN(file=named) if plan.organisation is not None else SAME_TITLE(file=named))
        return Problem(plan.path, *_title_position(text), message)


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", errors="surrogatepass"), digest_size=16).digest()


def comparable(text: str) -> str:
    """Text compared as a reader would: case and runs of spaces do not matter."""
    return " ".join(text.split()).casefold()


def _quoted_path(path: object) -> str:
    """A file name as a message quotes it, never cut short."""
    return quoted(path, limit=4096)


#: ``title: …`` as a plan writes it: the key at the start of a line, its value on the same line.
_TITLE_LINE = re.compile(r"^title[ \t]*:[ \t]+(?=[^\s#])", re.MULTILINE)


def _title_position(text: str) -> tuple[int, int]:
    """Where the plan's title stands (only for a plan met twice).

    Found on its line when it is written the usual way, once; else the text is read again with positions.
    """
    found = list(_TITLE_LINE.finditer(text))
    if len(found) == 1:
        match = found[0]
        start = text.rfind("\n", 0, match.end()) + 1
        return text.count("\n", 0, start) + 1, match.end() - start + 1
    try:
        return read_yaml(text).position(("title",))
    except YamlProblem:
        return 0, 0


PATH_MISSING = template(
    "file.missing",
    sv="det finns ingen fil eller mapp med det namnet; kontrollera stavningen och i vilken mapp du står",
    en="no such file or folder")
NO_PLANS_FOLDER = template(
    "file.no_plans_folder",
    sv="det finns ingen mapp plans/ här; ange en planfil eller mapp, till exempel: "
       "budgetbalans {command} min-plan.yaml (eller skapa mappen plans/ med planerna i)",
    en="there is no folder plans/ here; name a plan file or folder, for example: "
       "budgetbalans {command} my-plan.yaml (or create the folder plans/ with the plans in it)")


def plan_files(path: Path, command: str = "check") -> tuple[list[Path], list[Problem]]:
    """The plan files a PATH argument names, and problems with the path itself.

    A name that is there but cannot be looked at (a link in a loop or to nothing, a name too long,
    a folder on the way without permission) is a file: reading it tells why, as in a folder.
    """
    try:
        is_folder = stat.S_ISDIR(path.stat().st_mode)
    except OSError as error:
        if error.errno in (errno.ENOENT, errno.ENOTDIR) and not os.path.lexists(path):
            message = NO_PLANS_FOLDER(command=command) if path == DEFAULT_FOLDER else PATH_MISSING()
            return [], [Problem(str(path), 0, 0, message)]
        return [path], []
    return _files_below(path) if is_folder else ([path], [])


FOLDER_UNREADABLE = template("file.folder_unreadable", sv="mappen går inte att läsa: {reason}",
                             en="cannot read this folder: {reason}")
NO_PLAN_FILES = template("file.no_plan_files", sv="det finns inga planfiler (*.yaml, *.yml) i mappen",
                         en="no plan files (*.yaml, *.yml) in this folder")


def _files_below(folder: Path) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        problems.append(Problem(error.filename or str(folder), 0, 0, FOLDER_UNREADABLE(reason=os_reason(error))))

    for root, dirs, names in os.walk(folder, onerror=unreadable):  # does not follow links to folders
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # the organisation tree is no plan: a folder of plans may hold it beside them
        files += (Path(root) / name for name in sorted(names) if name.endswith(PLAN_SUFFIXES) and name != TREE_FILE)
    if not files and not problems:
        problems.append(Problem(str(folder), 0, 0, NO_PLAN_FILES()))
    return files, problems


def load_plan(path: Path) -> Plan:
    """Read and validate one plan file; raise :class:`PlanError` with every problem in it."""
    return _load(path)[0]


def _load(path: Path) -> tuple[Plan, str]:
    """The plan in a file, and the text it was read from."""
    text = file_text(path)
    return load_text(text, str(path)), text


def load_text(data: bytes | str, name: str) -> Plan:
    """The plan in a file's content read from elsewhere than the disk (a git revision); ``name`` names it.
    Raise :class:`PlanError` with every problem in it, as :func:`load_plan` does for a file."""
    text = data if isinstance(data, str) else _decode(data, name)
    return _valid_fast(text, name) or validate_plan(read_source(text, name), name)


def load_contents(contents: Iterable[tuple[str, bytes]]) -> Loaded:
    """Plans from (name, content) pairs, as :func:`load_paths` reads files: every problem, and the
    same plan in two of them refused."""
    seen = _Seen()

    def text_of(name: str, data: bytes) -> str:
        if len(data) > MAX_FILE_BYTES:
            raise PlanError([Problem(name, 0, 0, TOO_LARGE(limit=MAX_FILE_BYTES // 1024 // 1024))])
        return _decode(data, name)

    return _collect(_read_text(name, partial(text_of, name, data), seen) for name, data in contents)


def _valid_fast(text: str, name: str) -> Plan | None:
    """The plan, when a reading without positions finds nothing wrong; else ``None``.

    Most files in CI are valid and never need a position, so they are read once, fast. A file
    with any problem is read again with positions by :func:`validate_plan`, which reports it.
    """
    try:
        data = read_plain(text)
    except NotPlain:
        return None
    if not isinstance(data, dict) or next(cross_check(Source(data), slips=False), None) is not None:
        return None
    try:
        plan = Plan.model_validate(data, context={"unit": file_unit(data)})
    except ValidationError:
        return None
    if next(same_measures(enumerate(plan.measures)), None) is not None:
        return None
    return plan.at(name, _LazyPositions(text, name, plan))


class _LazyPositions(Mapping[tuple[str, ...], tuple[int, int]]):
    """The positions a check may point at in a valid plan, found only when one is asked for.

    Until then the file's text is kept compressed: a sixth of its size, where a report holds many plans.
    """

    def __init__(self, text: str, name: str, plan: Plan) -> None:
        self._packed = zlib.compress(text.encode("utf-8", "surrogatepass"), 1)
        self._name, self._plan = name, plan
        self._found: dict[tuple[str, ...], tuple[int, int]] | None = None

    def _positions(self) -> dict[tuple[str, ...], tuple[int, int]]:
        if self._found is None:
            text = zlib.decompress(self._packed).decode("utf-8", "surrogatepass")
            self._found = _noted_positions(read_source(text, self._name), self._plan)
        return self._found

    def __getitem__(self, key: tuple[str, ...]) -> tuple[int, int]:
        return self._positions()[key]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._positions())

    def __len__(self) -> int:
        return len(self._positions())


def read_source(text: str, name: str) -> Source:
    """The YAML of a file with the position of every value; raise :class:`PlanError` at a syntax error."""
    try:
        return read_yaml(text)
    except YamlProblem as problem:
        raise PlanError([Problem(name, problem.line, problem.column, problem.message)]) from None


NOT_REGULAR = template("file.not_regular", sv="det här är ingen planfil utan {kind}; bara vanliga filer läses",
                       en="not a plan file but {kind}; only regular files are read")
FILE_UNREADABLE = template("file.unreadable", sv="filen går inte att läsa: {reason}",
                           en="cannot read the file: {reason}")
TOO_LARGE = template(
    "file.too_large",
    sv="filen är större än {limit} MB; en planfil är några kilobyte, dela upp den i flera planer",
    en="the file is larger than {limit} MiB; a plan file is a few kilobytes, split it into several plans")


def _read_bytes(path: Path, name: str) -> bytes:
    """The file's bytes; only a regular file is opened (a FIFO or device could block or never end)."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except NotRegularFile as error:
        raise PlanError([Problem(name, 0, 0, NOT_REGULAR(kind=_file_kind(error.mode)))]) from None
    except FileTooLarge:
        raise PlanError([Problem(name, 0, 0, TOO_LARGE(limit=MAX_FILE_BYTES // 1024 // 1024))]) from None
    except OSError as error:
        raise PlanError([Problem(name, 0, 0, FILE_UNREADABLE(reason=os_reason(error)))]) from None


_FOLDER = template("file.kind.folder", sv="en mapp", en="a folder")
_FIFO = template("file.kind.fifo", sv="en namngiven pipe (FIFO)", en="a named pipe (FIFO)")
_SOCKET = template("file.kind.socket", sv="en socket", en="a socket")
_DEVICE = template("file.kind.device", sv="en enhet (device)", en="a device")
_SPECIAL = template("file.kind.special", sv="en specialfil", en="a special file")


def _file_kind(mode: int) -> Message:
    kinds = {stat.S_ISDIR: _FOLDER, stat.S_ISFIFO: _FIFO, stat.S_ISSOCK: _SOCKET,
             stat.S_ISCHR: _DEVICE, stat.S_ISBLK: _DEVICE}
    return next((kind for test, kind in kinds.items() if test(mode)), _SPECIAL)()


FILE_EMPTY = template("file.empty", sv="filen är tom; en plan börjar med title: och measures:",
                      en="the file is empty; a plan starts with title: and measures:")
NOT_UTF8 = template(
    "file.not_utf8",
    sv="filen är inte UTF-8-text (byte 0x{byte}); spara den som UTF-8 "
       "(i Excel eller Anteckningar: 'Spara som', kodning UTF-8)",
    en="the file is not UTF-8 text (byte 0x{byte}); save it as UTF-8 (in Excel or Notepad: "
       "'Save as', encoding UTF-8)")
NUL = template("file.nul", sv="filen innehåller ett NUL-tecken (en nollbyte), så den är ingen textfil; "
                              "spara planen som text (UTF-8)",
               en="the file contains a NUL character; it is not a text file")


def file_text(path: Path, empty: Template = FILE_EMPTY) -> str:
    """The text of a file the commands read (a plan, the organisation tree): only a regular file, at most
    :data:`MAX_FILE_BYTES`, UTF-8 without NUL; raise :class:`PlanError` with the problem found."""
    name = str(path)
    return _decode(_read_bytes(path, name), name, empty)


def content_text(data: bytes, name: str, empty: Template = FILE_EMPTY) -> str:
    """The text of a file's content read from elsewhere than the disk (a git revision), checked as
    :func:`file_text` checks a file's; ``name`` names it in a problem."""
    if len(data) > MAX_FILE_BYTES:
        raise PlanError([Problem(name, 0, 0, TOO_LARGE(limit=MAX_FILE_BYTES // 1024 // 1024))])
    return _decode(data, name, empty)


def _decode(data: bytes, name: str, empty: Template = FILE_EMPTY) -> str:
    """UTF-8 text, without a byte-order mark (positions count from after it, as editors show them);
    ``empty`` says what a file of nothing but spaces should hold."""
    data = data.removeprefix(codecs.BOM_UTF8)
    if not data.strip():
        raise PlanError([Problem(name, 1, 1, empty())])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line = data.count(b"\n", 0, error.start) + 1
        column = len(data[line_start:error.start].decode("utf-8", errors="replace")) + 1
        raise PlanError([Problem(name, line, column, NOT_UTF8(byte=f"{data[error.start]:02x}"))]) from None
    if "\x00" in text:
        return _fail_at_nul(text, name)
    return text


def _fail_at_nul(text: str, name: str) -> str:
    before = text[: text.index("\x00")]
    line, column = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
    raise PlanError([Problem(name, line, column, NUL())])


NO_KEYS = template(
    "plan.no_keys",
    sv="filen är tom: den har inga nycklar, högst kommentarer; en plan börjar med title: och measures:",
    en="the file is empty: it holds no keys, at most comments; a plan starts with title: and measures:")
NOT_A_MAPPING = template(
    "plan.not_a_mapping",
    sv="en plan består av nycklar (title:, unit:, measures:, …) längst till vänster i filen, inte av en lista "
       "eller ett enda värde; börja filen med title: och planens namn",
    en="a plan is a mapping of keys (title:, unit:, measures:, …) at the top of the file, not a list or a "
       "single value; start the file with title: and the plan's name")


def validate_plan(source: Source, name: str) -> Plan:
    """Validate YAML data as a plan; raise :class:`PlanError` with every problem found."""
    data = source.data
    read = [Problem(name, problem.line, problem.column, problem.message) for problem in source.problems]
    if data is None:
        raise PlanError([Problem(name, 1, 1, NO_KEYS())])
    if not isinstance(data, dict):
        line, column = source.position(())
        raise PlanError([*read, Problem(name, line, column, NOT_A_MAPPING())])
    findings = list(cross_check(source))
    problems = read + [Problem(name, *finding.position, finding.message) for finding in findings]
    covered = [path for finding in findings for path in (finding.covers, finding.covers_too) if path is not None]
    plan: Plan | None = None
    try:
        plan = Plan.model_validate(data, context={"unit": file_unit(data)})
    except ValidationError as error:
        problems += validation_problems(source, name, error, PLAN_KEYS, covered)
    problems += [Problem(name, *finding.position, finding.message)
                 for finding in measures_twice(source, _measures_read(data, plan))]
    if problems:
        raise PlanError(_unique(problems))
    assert plan is not None
    return plan.at(name, _noted_positions(source, plan))


def validate_dumped(dumped: Dumped, name: str) -> Plan:
    """A plan about to be written (by ``import``), validated as its file will be read: by the same rules and
    models, with the positions its text gives, from what the text holds (:func:`budgetbalans.plan.dump.dump_plan`)
    rather than the text parsed again; raise :class:`PlanError` with every problem found."""
    return validate_plan(Source(dumped.data, dict(dumped.values), dict(dumped.keys)), name)


def _measures_read(data: dict[str, Any], plan: Plan | None) -> dict[int, Measure]:
    """The plan's measures by their index; where the plan does not validate, those that do and share a title.

    So a measure written twice is told beside every other problem of the file, and a plan with a
    problem elsewhere does not have all its measures validated again.
    """
    if plan is not None:
        return dict(enumerate(plan.measures))
    raw = data.get("measures")
    titled = [(index, measure) for index, measure in enumerate(raw if isinstance(raw, list) else [])
              if isinstance(measure, dict) and isinstance(measure.get("title"), str)]
    shared = Counter(comparable(measure["title"]) for _, measure in titled)
    read: dict[int, Measure] = {}
    for index, measure in titled:
        if shared[comparable(measure["title"])] > 1:
            try:
                read[index] = Measure.model_validate(measure, context={"unit": file_unit(data)})
            except ValidationError:
                continue
    return read


def _noted_positions(source: Source, plan: Plan) -> dict[tuple[str, ...], tuple[int, int]]:
    """Where the keys that checks and reports after validation point at stood: the organisation and the
    target (where they are written), the stated totals, and every measure (its ``- id:``, by its id)."""
    noted: dict[tuple[str, ...], tuple[int, int]] = {}
    for written in ("organisation", "target"):
        if isinstance(source.data, dict) and written in source.data:
            noted[(written,)] = source.position((written,))
    for key in source.data.get("stated_totals") or {} if isinstance(source.data, dict) else {}:
        word = str(key).strip().lower()
        noted[("stated_totals", "total" if word in TOTAL_WORDS else word)] = source.position(
            ("stated_totals", str(key)))
    for index, measure in enumerate(plan.measures):
        noted[("measures", measure.id)] = source.position(("measures", index))
        if measure.stated_total is not None:
            noted[("measures", measure.id, "stated_total")] = source.position(("measures", index, "stated_total"))
    return noted


def file_unit(data: Mapping[str, Any]) -> Unit:
    """The unit a file's amounts are read in (its ``unit:``); a wrong unit is reported by validation, and tkr
    stands in meanwhile."""
    unit = data.get("unit")
    try:
        return parse_unit(unit) if isinstance(unit, str) else Unit.TKR
    except AmountError:
        return Unit.TKR


def _unique(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems))


# --- pydantic's errors as path:line:column messages -------------------------------------------

THIS_VALUE = template("plan.this_value", sv="det här värdet", en="this value")
NOT_A_MAPPING_HERE = template(
    "plan.value.not_a_mapping",
    sv="{what} ska ha nycklar med värden under sig (nyckel: värde, på egna rader med indrag)",
    en="{what} should be a mapping (key: value on lines below it)")
NOT_A_LIST = template(
    "plan.value.not_a_list",
    sv="{what} ska vara en lista, till exempel [2024, 2025, 2026]",
    en="{what} should be a list, such as [2024, 2025, 2026]")
NOT_TEXT = template(
    "plan.value.not_text",
    sv="{what} ska vara en text; skriv texten efter kolonet (inom citattecken om den innehåller \": \")",
    en="{what} should be text; write the text after the colon (in quotes if it contains \": \")")
NO_VALUE = template(
    "plan.value.empty",
    sv="{what} saknar värde; skriv texten efter kolonet",
    en="{what} has no value; write the text after the colon")
TOO_LONG = template(
    "plan.value.too_long",
    sv="{what} är för lång (högst 10 000 tecken); korta texten",
    en="{what} is too long (at most 10 000 characters); shorten it")
MEASURE_NOT_A_MAPPING = template(
    "plan.measure.not_a_mapping",
    sv="en åtgärd ska ha nycklar (id:, title:, effects:, …) och börja med '- id:' på egen rad",
    en="a measure should be a mapping of keys (id:, title:, effects:, …), starting with '- id:' on its own line")
MEASURES_NOT_A_LIST = template(
    "plan.measures.not_a_list",
    sv="'measures' ska vara en lista med åtgärder, var och en börjar med '- id:' på egen rad",
    en="'measures' should be a list of measures, each starting with '- id:' on its own line")
INVALID_VALUE = template(
    "plan.value.invalid",
    sv="{what} går inte att läsa här; se hur värdet skrivs i formatbeskrivningen (docs/planformat.md)",
    en="{what} cannot be read here; see how the value is written in the format guide (docs/planformat.md)")
MISSING_IN_PLAN = template(
    "plan.missing_key.plan",
    sv="nyckeln {key} saknas; planen behöver en, till exempel {example}",
    en="missing key {key}; a plan needs one, such as {example}")
MISSING_IN_MEASURE = template(
    "plan.missing_key.measure",
    sv="nyckeln {key} saknas; varje åtgärd behöver en, till exempel {example}",
    en="missing key {key}; each measure needs one, such as {example}")
MISSING_IN_FIGURE = template(
    "plan.missing_key.stated_figure",
    sv="nyckeln {key} saknas; en summa skriven med nycklar behöver beloppet, till exempel "
       "{{amount: 13 149, known_difference: -400}}",
    en="missing key {key}; a sum written with keys needs its amount, such as "
       "{{amount: 13 149, known_difference: -400}}")
UNKNOWN_KEY = template(
    "plan.unknown_key",
    sv="okänd nyckel {key}; nycklarna här är {known}",
    en="unknown key {key}; the keys here are {known}")
UNKNOWN_KEY_GUESS = template(
    "plan.unknown_key.did_you_mean",
    sv="okänd nyckel {key} — menade du {guess}?",
    en="unknown key {key} — did you mean {guess}?")
KEY_OF_MEASURE = template(
    "plan.unknown_key.measure_key",
    sv="okänd nyckel {key} här — {guess} hör till en åtgärd: skriv den under åtgärden i measures:",
    en="unknown key {key} here — {guess} belongs to a measure: write it under the measure in measures:")
KEY_OF_PLAN = template(
    "plan.unknown_key.plan_key",
    sv="okänd nyckel {key} här — {guess} gäller hela planen: skriv den längst till vänster, utan indrag, "
       "ovanför measures:",
    en="unknown key {key} here — {guess} is for the whole plan: write it at the left margin, without "
       "indentation, above measures:")
KEY_OF_DECISION = template(
    "plan.unknown_key.decision_key",
    sv="okänd nyckel {key} här — den hör till beslutet: skriv den under decision:, till exempel "
       "decision: {{{word}: …}}",
    en="unknown key {key} here — it belongs to the decision: write it under decision:, such as "
       "decision: {{{word}: …}}")

_TYPE_MESSAGES = {
    "dict_type": NOT_A_MAPPING_HERE,
    "tuple_type": NOT_A_LIST,
    "list_type": NOT_A_LIST,
    "string_type": NOT_TEXT,
    "bool_parsing": NOT_TRUE_OR_FALSE,
    "bool_type": NOT_TRUE_OR_FALSE,
    "string_too_long": TOO_LONG,
}
#: Parts of an effect written as a mapping whose *value* is wrong; any other part is an unknown key.
_VALUE_SUBKEYS = frozenset({"low", "high", "interval"})


def _data_loc(detail: Mapping[str, Any]) -> tuple[tuple[Any, ...], bool]:
    """Where in the data pydantic's error is, and whether it is about a key rather than a value."""
    loc = tuple(detail["loc"])
    kind = detail["type"]
    is_key = kind == "extra_forbidden"
    if loc and loc[-1] == "[key]":  # pydantic's marker for a mapping's key (a year that is not a year)
        loc, is_key = loc[:-1], True
    if kind == "plan":
        subkey = (detail.get("ctx") or {}).get("subkey")
        loc = (*loc, subkey) if subkey else loc
        is_key = is_key or (subkey is not None and subkey not in _VALUE_SUBKEYS)
    return loc, is_key


def _in_data(source: Source, loc: tuple[Any, ...]) -> DataPath:
    """The parts of ``loc`` that are in the data (not pydantic's union or validator names)."""
    found: DataPath = ()
    for part in loc:
        if (*found, part) in source.values:
            found = (*found, part)
    return found


@dataclass(frozen=True)
class FileKeys:
    """What a kind of file holds, so that validation's problems are told in its words.

    ``model_at``: the model whose key the last part of a ``loc`` is. ``synonyms``: the words people write
    for each model's keys (:data:`~budgetbalans.plan.models.KEY_SYNONYMS`). ``elsewhere``: for a model, the
    model one level up or down and what to say of its key written here. ``missing``: what a missing key
    needs. ``messages``: where the general message would mislead, by (pydantic's kind, the key), the key
    ``None`` for any.
    """

    model_at: Callable[[tuple[Any, ...]], type[BaseModel]]
    synonyms: Mapping[type[BaseModel], Mapping[str, str]]
    elsewhere: Callable[[type[BaseModel]], tuple[type[BaseModel], Template] | None]
    missing: Callable[[tuple[Any, ...]], Message]
    messages: Mapping[tuple[str, Any], Template]


def validation_problems(source: Source, name: str, error: ValidationError, keys: FileKeys,
                        covered: Iterable[DataPath] = ()) -> list[Problem]:
    """pydantic's errors as Problems at ``path:line:column`` in the file's words; none at or below a path
    in ``covered`` (a rule across keys has told it better)."""
    problems = []
    covered = list(covered)
    for detail in error.errors(include_url=False):
        loc, is_key = _data_loc(detail)
        path = _in_data(source, loc)
        if not any(path[:len(part)] == part for part in covered):
            problems.append(_problem(source, name, detail, loc, is_key, keys))
    return problems


def _problem(source: Source, name: str, detail: Mapping[str, Any], loc: tuple[Any, ...], is_key: bool,
             keys: FileKeys | None = None) -> Problem:
    """One of pydantic's errors as a Problem, in the words of the file's ``keys`` (a plan's when not given)."""
    keys = keys or PLAN_KEYS
    kind = detail["type"]
    message: Message
    if kind == "plan":
        message = as_message(detail["ctx"]["reason"])
    elif kind == "extra_forbidden":
        message = _unknown_key(loc, keys)
    elif kind == "missing":
        message = keys.missing(loc)
    elif kind == "string_type" and detail.get("input") is None:
        message = NO_VALUE(what=_what(loc))
    else:
        template = (keys.messages.get((kind, loc[-1] if loc else None)) or keys.messages.get((kind, None))
                    or _TYPE_MESSAGES.get(kind, INVALID_VALUE))
        message = template(what=_what(loc))  # never pydantic's text: English, naming Python types
    line, column = source.position(loc, key=is_key)
    return Problem(name, line, column, message)


def _what(loc: tuple[Any, ...]) -> Message | str:
    data = [part for part in loc if isinstance(part, int) or not str(part).startswith(("[", "function"))]
    return quoted(data[-1]) if data and isinstance(data[-1], str) else THIS_VALUE()


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel]:
    """The model whose key ``loc`` (its last part) is."""
    if loc[:1] == ("stated_totals",) and len(loc) == 3:
        return StatedFigure
    if loc[:1] == ("measures",) and len(loc) == 4 and loc[2] == "stated_total":
        return StatedFigure
    if loc[:1] == ("measures",) and len(loc) == 4 and loc[2] == "decision":
        return Decision
    return Measure if loc[:1] == ("measures",) and len(loc) == 3 else Plan


def _unknown_key(loc: tuple[Any, ...], keys: FileKeys) -> Message:
    """An unknown key, answered with the right one: a Swedish word, another spelling, a close misspelling."""
    key = str(loc[-1])
    model = keys.model_at(loc)
    synonyms = keys.synonyms
    known = list(model.model_fields)
    word = key_word(key)
    by_word = {key_word(field): field for field in known}
    guess = by_word.get(word) or synonyms[model].get(word)
    if guess is None and model is Measure and word in STATUS_WORDS:
        guess = f"status: {word}"
    if guess is None and model is Measure and word in ("by", "ref"):
        return KEY_OF_DECISION(key=quoted(key), word=word)
    if guess is None:
        close = difflib.get_close_matches(word, list(by_word), n=1, cutoff=0.85)
        guess = by_word[close[0]] if close else None
    level = keys.elsewhere(model)
    if guess is None and level is not None:
        other, wrong_level = level
        elsewhere = {key_word(field): field for field in other.model_fields} | dict(synonyms[other])
        if word in elsewhere and elsewhere[word] not in known:
            return wrong_level(key=quoted(key), guess=quoted(elsewhere[word]))
    if guess is None:
        close = difflib.get_close_matches(word, list(by_word), n=1, cutoff=0.6)
        guess = by_word[close[0]] if close else None
    if guess is None:
        close = difflib.get_close_matches(word, list(synonyms[model]), n=1, cutoff=0.75)
        guess = synonyms[model][close[0]] if close else None
    if guess is not None:
        return UNKNOWN_KEY_GUESS(key=quoted(key), guess=quoted(guess))
    return UNKNOWN_KEY(key=quoted(key), known=", ".join(known))


def _missing(loc: tuple[Any, ...]) -> Message:
    key = str(loc[-1])
    model = _model_at(loc)
    if model is StatedFigure:
        return MISSING_IN_FIGURE(key=quoted(key))
    missing = MISSING_IN_MEASURE if model is Measure else MISSING_IN_PLAN
    return missing(key=quoted(key), example=f"{key}: …")


def _plan_level(model: type[BaseModel]) -> tuple[type[BaseModel], Template] | None:
    """A measure's key written in the plan, or the plan's in a measure."""
    return (Measure, KEY_OF_MEASURE) if model is Plan else (Plan, KEY_OF_PLAN) if model is Measure else None


#: A plan file's keys.
PLAN_KEYS = FileKeys(_model_at, KEY_SYNONYMS, _plan_level, _missing, {
    ("tuple_type", "measures"): MEASURES_NOT_A_LIST,  # not the years' example of a list
    ("model_type", None): MEASURE_NOT_A_MAPPING,
    ("model_attributes_type", None): MEASURE_NOT_A_MAPPING,
})
