"""``budgetbalans diff``'s reading: both sides read and compared; the command is :mod:`budgetbalans.cli.commands.diff`.

- ``diff OLD NEW``: two plan files (the same plan, whatever the files are called) or two folders
  (plans matched by their path below each folder);
- ``diff --base REV [PATH ...]``: the plans at a git revision (:mod:`budgetbalans.read.git`, never a
  checkout) against the working tree, matched by their path in the repository.

Either way a renamed file is matched by title and organisation (:func:`budgetbalans.core.diff.compare`).
With ``--base``, the organisation tree of the folder the command runs from (``budgetbalans.yaml``) is read
on both sides, at the revision and in the working tree, each checked with its side's plans as ``check``
checks them; where either side has one, its nodes are compared too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Sequence

from budgetbalans.cli.help import CommandLineError
from budgetbalans.core.diff import Change, PlanDiff, compare
from budgetbalans.errors import PlanError, Problem
from budgetbalans.read.loader import DEFAULT_FOLDER, MAX_FILE_BYTES, TOO_LARGE, Loaded, load_contents, load_paths
from budgetbalans.i18n import Message, quoted, template
from budgetbalans.plan.models import Plan

if TYPE_CHECKING:
    from budgetbalans.plan.organisation import Organisation
    from budgetbalans.read.git import Unread

#: Problems that say a PATH names nothing (a typo until shown otherwise: never read as every plan added or removed).
_MISSING = frozenset({"file.missing", "file.no_plans_folder"})
#: A folder that is there with no plan in it: on one side only, that side is empty.
_NO_PLANS = "file.no_plan_files"

NEEDS_TWO = template(
    "diff.needs_two",
    sv="diff jämför två filer eller mappar (budgetbalans diff GAMMAL NY), eller planerna vid en revision i git "
       "med arbetskopian (budgetbalans diff --base main)",
    en="diff compares two files or folders (budgetbalans diff OLD NEW), or the plans at a git revision with "
       "the working tree (budgetbalans diff --base main)")
PATH_MISSING = template(
    "diff.path_missing",
    sv="finns inte (ingen fil eller mapp med det namnet); diff jämför den inte, för då skulle varje plan se "
       "tillagd eller borttagen ut; kontrollera stavningen och i vilken mapp du står",
    en="does not exist (no file or folder of that name); diff does not compare it, as every plan would then "
       "look added or removed; check the spelling and the folder you are in")
PATH_MISSING_AT_BASE = template(
    "diff.path_missing_at_base",
    sv="finns inte, varken i arbetskopian eller vid {rev}; kontrollera stavningen och i vilken mapp du står "
       "(en sökväg räknas från mappen du står i, också vid --base)",
    en="does not exist, neither in the working tree nor at {rev}; check the spelling and the folder you are in "
       "(a path is read from the folder you are in, at --base too)")


@dataclass
class Sides:
    """Both sides read: the comparison, or the problems that stop it."""

    diff: PlanDiff | None
    problems: list[Problem]


def _problems(loaded: Loaded, other_has: bool, missing: Message = PATH_MISSING(),
              there: Collection[str] = ()) -> list[Problem]:
    """A side's problems: a path that names nothing is ``missing``, unless the other side has it (``there``:
    its plans were added or removed); a folder without plans is none when the other side has some."""
    problems = []
    for problem in loaded.problems:
        if (problem.code in _MISSING and problem.path in there) or (problem.code == _NO_PLANS and other_has):
            continue
        problems.append(Problem(problem.path, 0, 0, missing) if problem.code == "file.missing" else problem)
    return problems


def _key_below(plan: Plan, root: Path) -> str:
    if root.is_dir():
        return os.path.relpath(plan.path, root)
    return Path(plan.path).name


def two_paths(old: Path, new: Path) -> Sides:
    """Two files (the same plan) or two folders (plans matched by their path below each)."""
    before, after = load_paths([old], "diff"), load_paths([new], "diff")
    problems = sorted(_problems(before, bool(after.plans)) + _problems(after, bool(before.plans)))
    if problems:
        return Sides(None, problems)
    if len(before.plans) == 1 and len(after.plans) == 1 and not old.is_dir() and not new.is_dir():
        return Sides(compare([("", before.plans[0])], [("", after.plans[0])]), [])
    return Sides(compare(((_key_below(p, old), p) for p in before.plans),
                         ((_key_below(p, new), p) for p in after.plans)), [])


def at_base(base: str, paths: Sequence[Path]) -> Sides:
    """The plans at ``base`` against the working tree; :class:`~budgetbalans.read.git.GitError` if git cannot say."""
    from budgetbalans.read import git
    at = git.plans_at(base, paths, limit=MAX_FILE_BYTES)
    before = load_contents((blob.name, blob.data) for blob in at.blobs)
    keys = {blob.name: blob.key for blob in at.blobs}
    after = load_paths(paths, "diff")
    problems = [Problem(f"{base}:{p.path}", p.line, p.column, p.message) for p in before.problems]
    problems += [_unread(base, file) for file in at.unread]
    problems += _inner(base, at.top, [str(path) for path in paths] + after.paths)
    there = {str(path) for path in paths} - set(at.absent)
    problems += _problems(after, bool(before.plans), PATH_MISSING_AT_BASE(rev=quoted(base, limit=100)), there)
    if problems:
        return Sides(None, sorted(problems))

    trees, problems = _trees(base, before.plans, after.plans)
    if problems:
        return Sides(None, sorted(problems))

    def key(plan: Plan) -> str:
        return Path(os.path.relpath(os.path.realpath(plan.path), at.top)).as_posix()

    return Sides(compare(((keys[p.path], p) for p in before.plans), ((key(p), p) for p in after.plans), trees), [])


def _trees(base: str, before: Sequence[Plan],
           after: Sequence[Plan]) -> tuple[tuple[Organisation | None, Organisation | None], list[Problem]]:
    """The organisation tree of the folder the command runs from, at ``base`` and in the working tree (``None``
    where a side has none), each checked with its side's plans; or the problems that stop the comparison, the
    revision's named as its plans' are (``main:budgetbalans.yaml``)."""
    from budgetbalans.read.organisation import organisation_problems, read_organisation, tree_path

    here = tree_path(Path("."))
    old, problems = tree_at(base, here, before)
    try:
        new = read_organisation(Path("."))
    except PlanError as error:
        return (None, None), problems + error.problems
    problems += [] if new is None else organisation_problems(new, after, str(here))
    return (old, new), problems


def tree_at(rev: str, here: Path, plans: Sequence[Plan]) -> tuple[Organisation | None, list[Problem]]:
    """The organisation tree file ``here`` at the revision ``rev`` (``None`` where it has none), checked with
    the revision's ``plans``; the tree's problems and the plans' against it named as the revision's plans are
    (``rev:path``)."""
    from budgetbalans.read.organisation import organisation_problems

    found, problems = _base_tree(rev, here)
    if found is None:
        return None, problems
    tree, name = found
    return tree, [Problem(f"{rev}:{p.path}", p.line, p.column, p.message)
                  for p in organisation_problems(tree, plans, name)]


def _base_tree(base: str, here: Path) -> tuple[tuple[Organisation, str] | None, list[Problem]]:
    """The tree file ``here`` at ``base`` and its name there, ``None`` where the revision has none; or its problems."""
    from budgetbalans.read import git
    from budgetbalans.read.organisation import organisation_in

    found = git.file_at(base, here, limit=MAX_FILE_BYTES)
    if found is None:
        return None, []
    if isinstance(found, git.Unread):
        return None, [_unread(base, found)]
    name = f"{base}:{found.name}"
    try:
        return (organisation_in(found.data, name), name), []
    except PlanError as error:
        return None, list(error.problems)


def _unread(base: str, file: Unread) -> Problem:
    """A plan file at the revision not read: over the limit, or not in the repository (a partial clone)."""
    from budgetbalans.read import git
    if file.size is not None:
        return Problem(f"{base}:{file.name}", 0, 0, TOO_LARGE(limit=MAX_FILE_BYTES // 1024 // 1024))
    spec = quoted(f"{base}:{file.key}", limit=300)
    return Problem(f"{base}:{file.name}", 0, 0, git.NOT_HERE(oid=file.oid, spec=spec))


def _inner(base: str, top: str, places: Sequence[str]) -> list[Problem]:
    """A path or plan in a git repository of its own below the one read (a submodule): not at the revision."""
    from budgetbalans.read import git
    return [Problem(os.path.relpath(folder), 0, 0,
                    git.INNER_REPOSITORY(rev=quoted(base, limit=100), top=quoted(top, limit=200),
                                         folder=quoted(os.path.relpath(folder), limit=200)))
            for folder in git.inner_repositories(places, top)]


def read_sides(paths: Sequence[Path], base: str | None) -> Sides:
    if base is not None:
        return at_base(base, list(paths) or [DEFAULT_FOLDER])
    if len(paths) != 2:
        raise CommandLineError(NEEDS_TWO())
    return two_paths(paths[0], paths[1])


def positions(diff: PlanDiff) -> tuple[dict[tuple[str, str], int], dict[str, int]]:
    """Where each measure's ``- id:`` and each plan's ``target:`` stand in the new files of plans that changed,
    as the loader noted them (the files are not read again)."""
    lines: dict[tuple[str, str], int] = {}
    targets: dict[str, int] = {}
    for plan in diff.plans:
        if plan.after is None or plan.change is Change.UNCHANGED:
            continue
        after = plan.after.plan
        for measure in after.measures:
            lines[(after.path, measure.id)] = after.position("measures", measure.id)[0]
        target = after.noted("target")
        if target is not None:
            targets[after.path] = target[0]
    return lines, targets

