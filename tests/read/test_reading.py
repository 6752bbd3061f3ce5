"""Reading plan files, through the command line: the same plan twice, unreadable paths, no plans/.

Every case runs the real command (typer's CliRunner) in Swedish, the default, and in English
(``--lang en`` on check, ``BUDGETBALANS_LANG=en`` for the report commands), and asserts the exit
status, the exact problem lines and that the other files were still read.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path
from typing import Any, Callable

import pytest

from budgetbalans.read import loader
from budgetbalans.cli.app import app
from tests.command import runner
from tests.paths import ROOT


PLAN = """\
# Åtgärdsplan, avskriven ur nämndens dokument
title: {title}
organisation: {organisation}
years: [2025]
target: 500
measures:
  - id: "1"
    title: Åtgärd
    effects: {{2025: {amount}}}
"""

NO_PLANS_SV = ("plans: det finns ingen mapp plans/ här; ange en planfil eller mapp, till exempel: "
               "budgetbalans {command} min-plan.yaml (eller skapa mappen plans/ med planerna i)")
NO_PLANS_EN = ("plans: there is no folder plans/ here; name a plan file or folder, for example: "
               "budgetbalans {command} my-plan.yaml (or create the folder plans/ with the plans in it)")


@pytest.fixture(autouse=True)
def _swedish_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    """The default language and the plain text format, whatever the machine running the tests sets."""
    monkeypatch.delenv("BUDGETBALANS_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def plan(title: str = "Åtgärdsplan 2025", organisation: str | None = "Socialnämnden", amount: int = 600) -> str:
    text = PLAN.format(title=title, organisation=organisation, amount=amount)
    return text if organisation is not None else text.replace(f"organisation: {organisation}\n", "")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: object) -> tuple[int, list[str], list[str]]:
    """Exit status, standard output lines and standard error lines of one command."""
    result = runner().invoke(app, [str(arg) for arg in args], catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def check(*args: object) -> tuple[int, list[str]]:
    """``check``'s exit status and its problem lines (without the summary, which is the reporter's)."""
    code, out, _ = run("check", *args)
    return code, out[:-1]


def check_json(*args: object) -> dict[str, Any]:
    code, out, _ = run("check", *args, "--format", "json")
    document: dict[str, Any] = json.loads("\n".join(out))
    assert code == (1 if document["problems"] else 0)
    return document


def counts(document: dict[str, Any]) -> tuple[int, int, list[str]]:
    """Plan files read, files with a problem, and the problems' codes."""
    return document["files"], document["files_with_problems"], [p["code"] for p in document["problems"]]


# --- the same plan twice ---------------------------------------------------------------------------------


def test_a_copy_of_a_plan_in_another_file_is_refused_naming_the_first(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", plan())
    write(tmp_path / "sub" / "b.yaml", plan())
    write(tmp_path / "c.yaml", "")  # another file with a problem: still read and reported
    write(tmp_path / "d.yaml", plan(title="Åtgärdsplan 2026"))  # another plan: still read
    assert check(tmp_path) == (1, [
        f"{tmp_path}/c.yaml:1:1: filen är tom; en plan börjar med title: och measures:",
        f"{tmp_path}/sub/b.yaml:2:8: filen är en kopia av '{tmp_path}/a.yaml'; en plan får bara räknas "
        "en gång: ta bort den ena filen",
    ])
    assert check(tmp_path, "--lang", "en") == (1, [
        f"{tmp_path}/c.yaml:1:1: the file is empty; a plan starts with title: and measures:",
        f"{tmp_path}/sub/b.yaml:2:8: this file is a copy of '{tmp_path}/a.yaml'; a plan may be counted only "
        "once: remove one of the two files",
    ])
    assert counts(check_json(tmp_path)) == (4, 2, ["file.empty", "file.copy"])


def test_the_same_title_and_organisation_in_another_version_is_the_same_plan(tmp_path: Path) -> None:
    first = write(tmp_path / "omsorg-2025.yaml", plan(amount=600))
    second = write(tmp_path / "omsorg-2025-ny.yaml", plan(title="  ÅTGÄRDSPLAN   2025", amount=900))
    assert check(first, second) == (1, [
        f"{second}:2:10: samma plan som i '{first}' (samma titel och organisation); en plan får bara räknas "
        "en gång: ta bort den fil som inte gäller, eller ändra titeln om det är två olika planer",
    ])
    assert check(first, second, "--lang", "en") == (1, [
        f"{second}:2:10: the same plan as in '{first}' (the same title and organisation); a plan may be "
        "counted only once: remove the file that is out of date, or change the title if they are two "
        "different plans",
    ])
    assert counts(check_json(first, second)) == (2, 1, ["file.same_plan"])


def test_the_same_title_without_an_organisation_is_the_same_plan(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", plan(organisation=None, amount=600))
    second = write(tmp_path / "b.yaml", plan(organisation=None, amount=700))
    assert check(tmp_path) == (1, [
        f"{second}:2:8: samma plan som i '{first}' (samma titel, och ingen av dem anger organisation); en plan "
        "får bara räknas en gång: ta bort den fil som inte gäller, eller skriv organisation: i båda om det "
        "är två olika planer",
    ])
    assert check(tmp_path, "--lang", "en") == (1, [
        f"{second}:2:8: the same plan as in '{first}' (the same title, and neither names its organisation); "
        "a plan may be counted only once: remove the file that is out of date, or write organisation: in "
        "both if they are two different plans",
    ])


def test_a_plan_in_flow_style_is_refused_at_its_title_too(tmp_path: Path) -> None:
    first = write(tmp_path / "a.yaml", plan())
    flow = ('{organisation: Socialnämnden,\n  title: Åtgärdsplan 2025, years: [2025],\n'
            '  measures: [{id: "1", title: Åtgärd, effects: {2025: 5}}]}\n')
    second = write(tmp_path / "b.yaml", flow)
    code, lines = check(first, second)
    assert (code, [line.split(": ", 1)[0] for line in lines]) == (1, [f"{second}:2:10"])


@pytest.mark.parametrize("other", [
    {"title": "Åtgärdsplan 2025", "organisation": "Kultur- och fritidsnämnden"},  # another nämnd's plan
    {"title": "Åtgärdsplan 2026", "organisation": "Socialnämnden"},  # the same nämnd's next plan
    {"title": "Åtgärdsplan 2025", "organisation": None},  # one names its nämnd, the other does not
])
def test_different_plans_are_not_the_same_plan(tmp_path: Path, other: dict[str, Any]) -> None:
    write(tmp_path / "a.yaml", plan())
    write(tmp_path / "b.yaml", plan(**other))
    assert check(tmp_path) == (0, [])
    code, out, _ = run("summarize", tmp_path, "--format", "json")
    assert code == 0 and json.loads("\n".join(out))["total"] == {"low": 1200000, "high": 1200000}


@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up"])
def test_every_report_refuses_the_same_plan_twice_and_prints_no_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    first = write(tmp_path / "plans" / "a.yaml", plan())
    copy = write(tmp_path / "kopia.yaml", plan())
    assert run(command, tmp_path / "plans", copy) == (1, [], [
        f"{copy}:2:8: filen är en kopia av '{first}'; en plan får bara räknas en gång: ta bort den ena filen"])
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    assert run(command, tmp_path / "plans", copy) == (1, [], [
        f"{copy}:2:8: this file is a copy of '{first}'; a plan may be counted only once: remove one of the "
        "two files"])


def test_the_same_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "plans" / "a.yaml", plan())
    os.symlink(path, tmp_path / "plans" / "länk.yaml")
    names = [path, tmp_path / "plans", tmp_path / "plans" / ".." / "plans" / "a.yaml", "a.yaml", "./a.yaml"]
    monkeypatch.chdir(tmp_path / "plans")
    assert check(*names) == (0, [])
    assert counts(check_json(*names)) == (1, 0, [])
    code, out, _ = run("summarize", *names, "--format", "json")
    assert code == 0 and json.loads("\n".join(out))["total"] == {"low": 600000, "high": 600000}  # not twice


def test_the_same_plan_in_examples_and_plans_so_ci_checks_them_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    name = "vard-och-social-2024-2026.yaml"
    lines = (ROOT / "examples" / name).read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, 1) if text.startswith("title: "))
    assert check("plans", "examples") == (1, [
        f"examples/{name}:{line}:8: samma plan som i 'plans/{name}' (samma titel och organisation); en plan får "
        "bara räknas en gång: ta bort den fil som inte gäller, eller ändra titeln om det är två olika planer"])
    assert check("plans") == (0, []) and check("examples") == (0, [])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert {".venv/bin/budgetbalans check plans", ".venv/bin/budgetbalans check examples"} <= set(ci)


def test_reading_holds_one_plan_at_a_time(tmp_path: Path) -> None:
    """check reads a file only when the one before it has been taken: a later file can still be written."""
    first = write(tmp_path / "a.yaml", plan())
    later = tmp_path / "b.yaml"
    reads = loader.read_paths([first, later])
    assert next(reads).plan is not None
    write(later, plan(title="Åtgärdsplan 2026"))
    read = next(reads)
    assert (read.path, read.problems) == (str(later), []) and read.plan is not None
    assert next(reads, None) is None


# --- a file that cannot be read: a problem line, on the command line as in a folder ------------------------


def _loop(path: Path) -> None:
    os.symlink(path.with_name("b.yaml"), path)
    os.symlink(path, path.with_name("b.yaml"))


def _dangling(path: Path) -> None:
    os.symlink(path.with_name("finns-inte.yaml"), path)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _no_permission(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file its reader may not read, also as root (who may read everything): the system says no."""
    write(path, plan())
    real_open, real_access = Path.open, os.access

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == path.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    # what a user without permission gets from os.access too (the command line once refused on it, exit 2)
    monkeypatch.setattr(os, "access", lambda name, mode, **kw: Path(name).name != path.name and real_access(
        name, mode, **kw))


UNREADABLE: dict[str, tuple[Callable[..., None], str, str]] = {
    "link-loop": (_loop, "filen går inte att läsa: länkarna pekar på varandra i en ring",
                  "cannot read the file: the links point to each other in a loop"),
    "dangling-link": (_dangling, "filen går inte att läsa: den finns inte (en länk till något som inte finns?)",
                      "cannot read the file: it does not exist (a link to something that is not there?)"),
    "fifo": (_fifo, "det här är ingen planfil utan en namngiven pipe (FIFO); bara vanliga filer läses",
             "not a plan file but a named pipe (FIFO); only regular files are read"),
    "no-permission": (_no_permission, "filen går inte att läsa: du saknar behörighet; be den som äger filen "
                                      "eller mappen om rätt till den",
                      "cannot read the file: permission denied; ask the owner of the file or folder for access"),
}


@pytest.mark.parametrize("kind", UNREADABLE)
@pytest.mark.parametrize("named", ["file", "folder"])
def test_an_unreadable_file_is_a_problem_line_and_the_rest_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, named: str) -> None:
    make, swedish, english = UNREADABLE[kind]
    folder = tmp_path / "plans"
    write(folder / "b-bra.yaml", plan())  # the good plan, read beside the others
    empty = write(folder / "c-tom.yaml", "\n")
    bad = folder / "a.yaml"
    make(*([bad, monkeypatch] if kind == "no-permission" else [bad]))
    args = [folder] if named == "folder" else sorted(p for p in folder.iterdir())
    others = [f"{folder}/b.yaml: {swedish}"] if kind == "link-loop" else []  # the loop's other end
    assert check(*args) == (1, [f"{bad}: {swedish}", *others,
                                f"{empty}:1:1: filen är tom; en plan börjar med title: och measures:"])
    others = [f"{folder}/b.yaml: {english}"] if kind == "link-loop" else []
    assert check(*args, "--lang", "en") == (1, [f"{bad}: {english}", *others,
                                                f"{empty}:1:1: the file is empty; a plan starts with title: and "
                                                "measures:"])
    files = len(list(folder.iterdir()))
    assert counts(check_json(*args))[:2] == (files, files - 1)  # the good plan was read
    code, out, err = run("summarize", *args)
    assert (code, out, err[0]) == (1, [], f"{bad}: {swedish}")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root reads a file whatever its mode; the no-permission case above simulates it")
def test_a_file_without_read_permission_named_on_the_command_line(tmp_path: Path) -> None:
    good = write(tmp_path / "a.yaml", plan())
    locked = write(tmp_path / "b.yaml", plan(title="Åtgärdsplan 2026"))
    locked.chmod(0)
    try:
        assert check(good, locked) == (1, [f"{locked}: filen går inte att läsa: du saknar behörighet; be den "
                                           "som äger filen eller mappen om rätt till den"])
        assert counts(check_json(good, locked)) == (2, 1, ["file.unreadable"])
    finally:
        locked.chmod(0o644)


def test_a_name_too_long_is_a_problem_line_not_a_crash(tmp_path: Path) -> None:
    good = write(tmp_path / "a.yaml", plan())
    long = tmp_path / ("x" * 300 + ".yaml")
    assert check(long, good) == (1, [f"{long}: filen går inte att läsa: namnet är för långt"])
    assert check(long, good, "--lang", "en") == (1, [f"{long}: cannot read the file: the name is too long"])
    assert counts(check_json(long, good)) == (2, 1, ["file.unreadable"])


def test_a_file_in_a_folder_that_may_not_be_searched_is_a_problem_line_not_a_crash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write(tmp_path / "a.yaml", plan())
    hidden = tmp_path / "låst" / "b.yaml"
    real_stat = Path.stat

    def refuse(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        if self.parent.name == "låst":  # what stat says when a folder on the way may not be searched
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)
    assert check(hidden, good) == (1, [f"{hidden}: filen går inte att läsa: du saknar behörighet; be den som "
                                       "äger filen eller mappen om rätt till den"])
    assert check(hidden, good, "--lang", "en") == (1, [f"{hidden}: cannot read the file: "
                                                     "permission denied; ask the owner of the file or folder for access"])


def test_a_missing_file_and_a_folder_without_plans_on_the_command_line(tmp_path: Path) -> None:
    good = write(tmp_path / "a.yaml", plan())
    empty = write(tmp_path / "tom.yaml", "")
    missing = tmp_path / "saknas.yaml"
    no_plans = tmp_path / "anteckningar"
    write(no_plans / "läsmig.txt", "inga planer här")
    args = [missing, no_plans, good, empty]
    assert check(*args) == (1, [
        f"{no_plans}: det finns inga planfiler (*.yaml, *.yml) i mappen",
        f"{missing}: det finns ingen fil eller mapp med det namnet; kontrollera stavningen och i vilken mapp du står",
        f"{empty}:1:1: filen är tom; en plan börjar med title: och measures:",
    ])
    assert check(*args, "--lang", "en") == (1, [
        f"{no_plans}: no plan files (*.yaml, *.yml) in this folder",
        f"{missing}: no such file or folder",
        f"{empty}:1:1: the file is empty; a plan starts with title: and measures:",
    ])
    assert counts(check_json(*args)) == (2, 1, ["file.no_plan_files", "file.missing", "file.empty"])


def test_a_folder_that_cannot_be_read_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = write(tmp_path / "a.yaml", plan())
    locked = tmp_path / "låst"
    write(locked / "b.yaml", plan(title="Åtgärdsplan 2026"))
    real_scandir = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    assert check(locked, good) == (1, [f"{locked}: mappen går inte att läsa: du saknar behörighet; be den som "
                                       "äger filen eller mappen om rätt till den"])
    assert check(locked, good, "--lang", "en") == (1, [f"{locked}: cannot read this folder: "
                                                     "permission denied; ask the owner of the file or folder for access"])
    assert counts(check_json(locked, good)) == (1, 0, ["file.folder_unreadable"])


# --- no plans/ and no path --------------------------------------------------------------------------------


def test_check_without_a_plans_folder_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert check() == (1, [NO_PLANS_SV.format(command="check")])
    assert check("--lang", "en") == (1, [NO_PLANS_EN.format(command="check")])
    assert check("plans") == (1, [NO_PLANS_SV.format(command="check")])  # named, the same advice
    assert counts(check_json()) == (0, 0, ["file.no_plans_folder"])


@pytest.mark.parametrize("command", ["summarize", "gap", "follow-up"])
def test_a_report_without_a_plans_folder_says_what_to_do(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(command) == (1, [], [NO_PLANS_SV.format(command=command)])
    monkeypatch.setenv("BUDGETBALANS_LANG", "en")
    assert run(command) == (1, [], [NO_PLANS_EN.format(command=command)])


def test_with_a_plans_folder_the_commands_read_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "plans" / "a.yaml", plan())
    monkeypatch.chdir(tmp_path)
    assert check() == (0, [])
    code, out, _ = run("summarize", "--format", "json")
    assert code == 0 and json.loads("\n".join(out))["total"] == {"low": 600000, "high": 600000}
