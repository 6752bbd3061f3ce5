"""Plan files as they are at a git revision, read with git itself: never a checkout.

``git rev-parse`` finds the repository and the commit, ``git ls-tree`` the plan files under the
paths asked for (as :func:`budgetbalans.loader.plan_files` finds them on disk: ``*.yaml`` and
``*.yml``, no folder whose name starts with a dot, a file named on its own whatever its name), and
one ``git cat-file --batch`` process gives every file's content, so 500 plans cost three processes,
not 500. Nothing here writes to the repository, its index or the working tree.

A place outside a repository, an unknown revision, a path outside the repository or git missing
is a :class:`GitError` with a message in both languages (the CLI: one line, exit 2).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Sequence

from budgetbalans.messages import Message, quoted, template

PLAN_SUFFIXES = (".yaml", ".yml")

NOT_A_REPOSITORY = template(
    "git.not_a_repository",
    sv="{folder} ligger inte i ett git-förråd, så --base {rev} går inte att läsa; kör kommandot i förrådet "
       "där planerna ligger, eller jämför två filer eller mappar: budgetbalans diff GAMMAL NY",
    en="{folder} is not in a git repository, so --base {rev} cannot be read; run the command in the repository "
       "that holds the plans, or compare two files or folders: budgetbalans diff OLD NEW")
UNKNOWN_REVISION = template(
    "git.unknown_revision",
    sv="{rev} är ingen revision i förrådet (ingen commit, gren eller tagg med det namnet); i CI: hämta hela "
       "historiken (actions/checkout med fetch-depth: 0) så att målgrenen finns",
    en="{rev} is not a revision of the repository (no commit, branch or tag of that name); in CI, fetch the "
       "whole history (actions/checkout with fetch-depth: 0) so that the target branch is there")
OUTSIDE_REPOSITORY = template(
    "git.outside_repository",
    sv="{path} ligger utanför git-förrådet {top}", en="{path} is outside the git repository {top}")
NO_GIT = template(
    "git.missing", sv="programmet git finns inte här ({reason}); installera git för att använda --base",
    en="the git program is not here ({reason}); install git to use --base")
GIT_FAILED = template("git.failed", sv="git misslyckades: {detail}", en="git failed: {detail}")


class GitError(Exception):
    """Git could not give the plans: the message says why, in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


@dataclass(frozen=True)
class Blob:
    """A plan file at the revision: ``key`` its path in the repository, ``name`` as the user would name it
    from where the command runs, ``data`` its content."""

    key: str
    name: str
    data: bytes


def _git(args: Sequence[str], cwd: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True, check=False,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except OSError as error:
        raise GitError(NO_GIT(reason=error.strerror or str(error))) from None


def _failed(result: subprocess.CompletedProcess[bytes]) -> GitError:
    detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return GitError(GIT_FAILED(detail=quoted(detail[-1] if detail else f"exit {result.returncode}", limit=200)))


def toplevel(cwd: str, rev: str) -> str:
    """The top folder of the repository ``cwd`` is in."""
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        raise GitError(NOT_A_REPOSITORY(folder=quoted(cwd, limit=200), rev=quoted(rev, limit=100)))
    return os.fsdecode(result.stdout.rstrip(b"\n"))


def commit_of(rev: str, top: str) -> str:
    """The commit ``rev`` names (a commit, a branch, ``origin/main``, a tag)."""
    if rev.startswith("-") or not rev.strip():
        raise GitError(UNKNOWN_REVISION(rev=quoted(rev, limit=100)))
    result = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if result.returncode != 0:
        raise GitError(UNKNOWN_REVISION(rev=quoted(rev, limit=100)))
    return result.stdout.decode().strip()


@dataclass(frozen=True)
class Revision:
    """The plan files at a revision, and the repository's top folder (keys are relative to it)."""

    top: str
    blobs: list[Blob]
    #: The paths asked for (as given) that name nothing at the revision.
    absent: list[str]


def plans_at(rev: str, paths: Sequence[Path], cwd: str | None = None) -> Revision:
    """The plan files under ``paths`` (relative to ``cwd``) as they are at ``rev``, in path order."""
    here = os.path.realpath(cwd or os.getcwd())
    top = toplevel(here, rev)
    real_top = os.path.realpath(top)
    commit = commit_of(rev, top)
    specs = []
    for path in paths:
        full = os.path.normpath(os.path.join(here, path))
        spec = os.path.relpath(full, real_top)
        if spec == os.pardir or spec.startswith(os.pardir + os.sep):
            raise GitError(OUTSIDE_REPOSITORY(path=quoted(path, limit=200), top=quoted(top, limit=200)))
        specs.append(PurePosixPath(*Path(spec).parts).as_posix() if spec != "." else ".")
    listing = _git(["--literal-pathspecs", "ls-tree", "-r", "-z", "--full-tree", commit, "--", *specs], top)
    if listing.returncode != 0:
        raise _failed(listing)
    files: dict[str, str] = {}  # repository path -> object id
    found: set[str] = set()  # the specs that name something at the revision
    for entry in listing.stdout.split(b"\0"):
        if not entry:
            continue
        meta, _, name_bytes = entry.partition(b"\t")
        mode, kind, oid = meta.decode().split(" ")
        name = os.fsdecode(name_bytes)
        found.update(spec for spec in specs if _below(name, spec) is not None)
        if kind == "blob" and mode in ("100644", "100755") and _wanted(name, specs):
            files[name] = oid
    names = sorted(files)
    contents = _contents([files[name] for name in names], top)
    return Revision(real_top, [Blob(name, _shown_name(name, real_top, here), data)
                               for name, data in zip(names, contents)],
                    [str(path) for path, spec in zip(paths, specs) if spec not in found])


def _below(name: str, spec: str) -> str | None:
    """``name`` below the folder ``spec`` (``""`` when it is ``spec`` itself), or ``None`` outside it."""
    if name == spec:
        return ""
    return name if spec == "." else name[len(spec) + 1:] if name.startswith(spec + "/") else None


def _wanted(name: str, specs: Sequence[str]) -> bool:
    """A file named on its own, or a plan file below a folder asked for (not in a dot folder below it)."""
    for spec in specs:
        below = _below(name, spec)
        if below == "":
            return True
        if below is not None and below.endswith(PLAN_SUFFIXES) and \
                not any(part.startswith(".") for part in below.split("/")[:-1]):
            return True
    return False


def _shown_name(name: str, top: str, here: str) -> str:
    """A repository path as the working tree's reading names the same file from ``here``."""
    return os.path.relpath(os.path.join(top, *name.split("/")), here)


def _contents(oids: Sequence[str], top: str) -> list[bytes]:
    """Every blob's content from one ``git cat-file --batch``."""
    if not oids:
        return []
    result = _git(["cat-file", "--batch"], top, "".join(f"{oid}\n" for oid in oids).encode())
    if result.returncode != 0:
        raise _failed(result)
    out, position, contents = result.stdout, 0, []
    for oid in oids:
        end = out.index(b"\n", position)
        header = out[position:end].split(b" ")
        if len(header) != 3 or header[0].decode() != oid:
            raise GitError(GIT_FAILED(detail=quoted(out[position:end].decode("utf-8", "replace"), limit=200)))
        size = int(header[2])
        contents.append(out[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return contents
