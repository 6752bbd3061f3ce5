"""Plan files as they are at a git revision, read with git itself: never a checkout.

``git rev-parse`` finds the repository and the commit, ``git ls-tree`` the plan files under the
paths asked for (as :func:`budgetbalans.read.loader.plan_files` finds them on disk: ``*.yaml`` and
``*.yml``, no folder whose name starts with a dot, the organisation tree's ``budgetbalans.yaml`` no plan,
a file named on its own whatever its name), and
one ``git cat-file --batch-check`` every file's size and one ``git cat-file --batch`` every content,
so 500 plans cost a handful of processes, not 500. Nothing here writes to the repository, its
index or the working tree.

Git runs as it would in the folder the command runs in with no repository named by the
environment: the variables git itself clears when it enters another repository (``GIT_DIR``,
``GIT_WORK_TREE``, ``GIT_INDEX_FILE``, ``GIT_OBJECT_DIRECTORY``, … as ``git rev-parse
--local-env-vars`` lists them) are left out, so the revision is read from the repository whose
working tree holds the plans. Where ``GIT_DIR`` or ``GIT_WORK_TREE`` names another one, that is
said (never an empty base that makes every plan look added); ``GIT_INDEX_FILE`` changes nothing,
as the index is never read. A plan in a repository of its own below that one (a submodule) is
said too (:func:`inner_repositories`).

Git never reaches the network and never runs a program the repository's configuration names:
``GIT_NO_LAZY_FETCH=1`` keeps a partial clone from fetching an object it lacks (git 2.44, and the
2.39.4+ security releases), ``GIT_ALLOW_PROTOCOL`` empty refuses every transport for an older git
that still starts the fetch (before ``core.sshCommand``, ``remote.*.uploadpack`` or a remote
helper runs), and ``core.fsmonitor`` is off. An object the repository lacks is not fetched but
named (:class:`Unread`). The sizes come first (``git cat-file --batch-check``), and a file over
the limit is never read.

A place outside a repository, an unknown revision, a path outside the repository or git missing
is a :class:`GitError` with a message in both languages (the CLI: one line, exit 2); a repository
without a working tree, or one the environment names that does not hold the plans, is one that
says what could not be read (exit 1).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterable, Sequence

from budgetbalans.i18n import Message, quoted, template
from budgetbalans.plan.organisation import FILE_NAME as TREE_FILE
from budgetbalans.read.files import PLAN_SUFFIXES


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
BARE = template(
    "git.bare",
    sv="{folder} är ett bart git-förråd, utan arbetskopia, så det finns inga planer att jämföra --base {rev} med; "
       "kör kommandot i en klon med arbetskopia (git clone {folder}), eller jämför två filer eller mappar: "
       "budgetbalans diff GAMMAL NY",
    en="{folder} is a bare git repository, without a working tree, so there are no plans to compare --base {rev} "
       "with; run the command in a clone with a working tree (git clone {folder}), or compare two files or "
       "folders: budgetbalans diff OLD NEW")
IN_GIT_FOLDER = template(
    "git.in_git_folder",
    sv="{folder} ligger i git-förrådets egen mapp (.git), inte i arbetskopian, så det finns inga planer att "
       "jämföra --base {rev} med; kör kommandot i arbetskopian, där planerna ligger",
    en="{folder} is inside the git repository's own folder (.git), not in the working tree, so there are no "
       "plans to compare --base {rev} with; run the command in the working tree, where the plans are")
ELSEWHERE = template(
    "git.environment_elsewhere",
    sv="{variable} pekar på {named}, men planerna i {folder} hör till förrådet {top}; --base {rev} läses ur "
       "förrådet som har planerna i sin arbetskopia, inte ur det {variable} pekar på, som annars skulle visa "
       "varje plan som tillagd; ta bort {variable} (unset {variable}) eller låt den peka på {expected}",
    en="{variable} points to {named}, but the plans in {folder} belong to the repository {top}; --base {rev} is "
       "read from the repository whose working tree holds the plans, not from the one {variable} points to, "
       "which would show every plan as added; unset {variable} or point it to {expected}")
ELSEWHERE_NO_REPOSITORY = template(
    "git.environment_no_repository",
    sv="{variable} pekar på {named}, men {folder} ligger inte i något git-förråd; --base {rev} läses ur förrådet "
       "som har planerna i sin arbetskopia, inte ur det {variable} pekar på; kör kommandot i förrådet där "
       "planerna ligger (utan {variable})",
    en="{variable} points to {named}, but {folder} is in no git repository; --base {rev} is read from the "
       "repository whose working tree holds the plans, not from the one {variable} points to; run the command "
       "in the repository that holds the plans (without {variable})")
INNER_REPOSITORY = template(
    "git.inner_repository",
    sv="är ett eget git-förråd (en undermodul), så planerna i det finns inte vid {rev} i förrådet {top} och "
       "skulle alla se tillagda ut; kör diff i det förrådet (cd {folder} och budgetbalans diff --base REVISION .) "
       "eller ange bara planer utanför det",
    en="is a git repository of its own (a submodule), so its plans are not at {rev} in the repository {top} and "
       "would all look added; run diff in that repository (cd {folder}, then budgetbalans diff --base REVISION .) "
       "or name only plans outside it")
NOT_HERE = template(
    "git.object_missing",
    sv="filens innehåll finns inte i klonen (objekt {oid}): en partiell klon (--filter) hämtar det först när det "
       "behövs, och diff hämtar aldrig något över nätet; hämta det med git show {spec} (eller klona utan "
       "--filter) och kör igen",
    en="the file's content is not in this clone (object {oid}): a partial clone (--filter) fetches it only when "
       "needed, and diff never fetches anything over the network; fetch it with git show {spec} (or clone "
       "without --filter) and run again")

#: The variables that name a repository, its index or its objects instead of the one git finds from the folder
#: it runs in; git clears the same ones when it enters another repository (``git rev-parse --local-env-vars``).
REPOSITORY_VARIABLES = frozenset({
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_INTERNAL_SUPER_PREFIX",
    "GIT_SHALLOW_FILE", "GIT_COMMON_DIR"})
#: Never fetch, never connect (no transport is allowed), never ask, never take a lock, always the same words.
_QUIET = {"GIT_NO_LAZY_FETCH": "1", "GIT_ALLOW_PROTOCOL": "", "GIT_TERMINAL_PROMPT": "0",
          "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
_SETTINGS = ("-c", "core.fsmonitor=false", "-c", "protocol.allow=never")


class GitError(Exception):
    """Git could not give the plans: the message says why, in both languages; ``usage`` when the command was
    run where it cannot work (exit 2), else what could not be read (exit 1)."""

    def __init__(self, message: Message, usage: bool = True) -> None:
        super().__init__(message.text())
        self.message = message
        self.usage = usage


@dataclass(frozen=True)
class Blob:
    """A plan file at the revision: ``key`` its path in the repository, ``name`` as the user would name it
    from where the command runs, ``data`` its content, ``oid`` git's id of that content."""

    key: str
    name: str
    data: bytes
    oid: str = ""


@dataclass(frozen=True)
class Unread:
    """A plan file at the revision that was not read: over the limit (its ``size``), or an object the
    repository does not have (``size`` ``None``: a partial clone that has not fetched it)."""

    key: str
    name: str
    oid: str
    size: int | None


def _git(args: Sequence[str], cwd: str, data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    environment = {name: value for name, value in os.environ.items() if name not in REPOSITORY_VARIABLES}
    try:
        return subprocess.run(["git", *_SETTINGS, *args], cwd=cwd, input=data, capture_output=True, check=False,
                              env={**environment, **_QUIET})
    except OSError as error:
        raise GitError(NO_GIT(reason=error.strerror or str(error))) from None


def _failed(result: subprocess.CompletedProcess[bytes]) -> GitError:
    detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
    return GitError(GIT_FAILED(detail=quoted(detail[-1] if detail else f"exit {result.returncode}", limit=200)))


def toplevel(cwd: str, rev: str) -> str:
    """The top folder of the working tree ``cwd`` is in; a bare repository, or ``GIT_DIR`` or ``GIT_WORK_TREE``
    naming another repository, is a :class:`GitError`."""
    where = {"folder": quoted(cwd, limit=200), "rev": quoted(rev, limit=100)}
    found = _git(["rev-parse", "--is-bare-repository", "--is-inside-work-tree", "--absolute-git-dir"], cwd)
    if found.returncode != 0:
        _check_environment(cwd, None, None, where)
        raise GitError(NOT_A_REPOSITORY(**where))
    bare, inside, git_dir = os.fsdecode(found.stdout).splitlines()[:3]
    if inside != "true":
        raise GitError((BARE if bare == "true" else IN_GIT_FOLDER)(**where), usage=False)
    result = _git(["rev-parse", "--show-toplevel"], cwd)
    if result.returncode != 0:
        raise _failed(result)
    top = os.fsdecode(result.stdout.rstrip(b"\n"))
    _check_environment(cwd, top, git_dir, where)
    return top


def _check_environment(cwd: str, top: str | None, git_dir: str | None, where: dict[str, str]) -> None:
    """Refuse a ``GIT_DIR`` or ``GIT_WORK_TREE`` (relative to ``cwd``, as git reads them) that names another
    repository than the one found (``None``: no repository found): git would read that one, without the plans."""
    for variable, found in (("GIT_DIR", git_dir), ("GIT_WORK_TREE", top)):
        named = os.environ.get(variable)
        if not named or (found is not None and
                         os.path.realpath(os.path.join(cwd, named)) == os.path.realpath(found)):
            continue
        if top is None or found is None:
            raise GitError(ELSEWHERE_NO_REPOSITORY(variable=variable, named=quoted(named, limit=200), **where),
                           usage=False)
        raise GitError(ELSEWHERE(variable=variable, named=quoted(named, limit=200), top=quoted(top, limit=200),
                                 expected=quoted(found, limit=200), **where), usage=False)


def commit_of(rev: str, top: str) -> str:
    """The commit ``rev`` names, in any syntax git reads (a commit, a branch, ``origin/main``, a tag, ``HEAD~2``,
    ``:/message``); never an option (a ``rev`` that starts with ``-``)."""
    unknown = GitError(UNKNOWN_REVISION(rev=quoted(rev, limit=100)))
    if rev.startswith("-") or not rev.strip():
        raise unknown
    # the object first, then its commit: ':/msg^{commit}' would search for a message 'msg^{commit}'
    named = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], top)
    if named.returncode != 0:
        raise unknown
    result = _git(["rev-parse", "--verify", "--quiet", named.stdout.decode().strip() + "^{commit}"], top)
    if result.returncode != 0:
        raise unknown
    return result.stdout.decode().strip()


@dataclass(frozen=True)
class Revision:
    """The plan files at a revision, and the repository's top folder (keys are relative to it)."""

    top: str
    blobs: list[Blob]
    #: The paths asked for (as given) that name nothing at the revision.
    absent: list[str]
    #: The plan files not read: over the limit, or not in the repository.
    unread: list[Unread]


def plans_at(rev: str, paths: Sequence[Path], cwd: str | None = None, limit: int | None = None) -> Revision:
    """The plan files under ``paths`` (relative to ``cwd``) as they are at ``rev``, in path order; a file over
    ``limit`` bytes, or that the repository does not have, is named and not read."""
    here = os.path.realpath(cwd or os.getcwd())
    top = toplevel(here, rev)
    commit = commit_of(rev, top)
    return _revision(commit, paths, _specs(paths, here, top), top, here, limit)


def _specs(paths: Sequence[Path], here: str, top: str) -> list[str]:
    """``paths`` (relative to ``here``) as paths in the repository whose top folder is ``top``."""
    real_top = os.path.realpath(top)
    specs = []
    for path in paths:
        full = os.path.normpath(os.path.join(here, path))
        spec = os.path.relpath(full, real_top)
        if spec == os.pardir or spec.startswith(os.pardir + os.sep):
            raise GitError(OUTSIDE_REPOSITORY(path=quoted(path, limit=200), top=quoted(top, limit=200)))
        specs.append(PurePosixPath(*Path(spec).parts).as_posix() if spec != "." else ".")
    return specs


def _revision(commit: str, paths: Sequence[Path], specs: Sequence[str], top: str, here: str,
              limit: int | None, known: dict[str, bytes] | None = None) -> Revision:
    """The plan files of ``specs`` (``paths`` as the repository whose top folder is ``top`` names them) at
    ``commit``, named as seen from ``here``. A content in ``known`` (by object id) is taken from there, not read
    again; each content read is added to it (the history reads each version of a file once)."""
    known = {} if known is None else known
    real_top = os.path.realpath(top)
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
    sizes: dict[str, int | None] = {oid: len(known[oid]) for oid in files.values() if oid in known}
    sizes.update(_sizes([oid for oid in dict.fromkeys(files[name] for name in names) if oid not in known], top,
                        commit, specs))
    unread = [Unread(name, _shown_name(name, real_top, here), files[name], sizes[files[name]]) for name in names
              if sizes[files[name]] is None or (limit is not None and (sizes[files[name]] or 0) > limit)]
    names = [name for name in names if name not in {u.key for u in unread}]
    wanted = [oid for oid in dict.fromkeys(files[name] for name in names) if oid not in known]
    known.update(zip(wanted, _contents(wanted, top)))
    return Revision(real_top, [Blob(name, _shown_name(name, real_top, here), known[files[name]], files[name])
                               for name in names],
                    [str(path) for path, spec in zip(paths, specs) if spec not in found], unread)


HISTORY_NOT_A_REPOSITORY = template(
    "git.history_not_a_repository",
    sv="{folder} ligger inte i ett git-förråd, så planernas tidigare versioner (--history) går inte att läsa; kör "
       "kommandot i förrådet där planerna ligger",
    en="{folder} is not in a git repository, so the plans' earlier versions (--history) cannot be read; run the "
       "command in the repository that holds the plans")
NO_COMMITS = template(
    "git.no_commits",
    sv="förrådet har ingen commit än, så planerna har ingen historik att läsa (--history); checka in planen "
       "efter varje uppföljning (git commit) och kör igen",
    en="the repository has no commit yet, so the plans have no history to read (--history); commit the plan "
       "after each follow-up (git commit) and run again")


@dataclass(frozen=True)
class Commit:
    """The plan files at one commit of the history (its full id)."""

    commit: str
    revision: Revision


def history(paths: Sequence[Path], since: str | None = None, cwd: str | None = None,
            limit: int | None = None) -> list[Commit]:
    """The plan files under ``paths`` at every commit that changed one of them, oldest first, along the
    current branch (``HEAD``, its first parents: a merge is one step, as the branch took it); with ``since``,
    from that revision on (its own version first, whether or not it changed them). Read as :func:`plans_at`
    reads one revision: ``git rev-list`` names the commits, nothing is checked out, no filter runs."""
    here = os.path.realpath(cwd or os.getcwd())
    try:
        top = toplevel(here, since or "HEAD")
    except GitError as error:
        if error.message.template is NOT_A_REPOSITORY:
            raise GitError(HISTORY_NOT_A_REPOSITORY(folder=quoted(here, limit=200))) from None
        raise
    if _git(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], top).returncode != 0:
        raise GitError(NO_COMMITS(), usage=False)
    specs = _specs(paths, here, top)
    start = None if since is None else commit_of(since, top)
    span = ["HEAD"] if start is None else [f"{start}..HEAD"]
    listed = _git(["--literal-pathspecs", "rev-list", "--first-parent", "--reverse", *span, "--", *specs], top)
    if listed.returncode != 0:
        raise _failed(listed)
    commits = ([] if start is None else [start]) + listed.stdout.decode().split()
    known: dict[str, bytes] = {}  # every version of a file read once, and held once
    return [Commit(commit, _revision(commit, paths, specs, top, here, limit, known)) for commit in commits]


def file_at(rev: str, path: Path, cwd: str | None = None, limit: int | None = None) -> Blob | Unread | None:
    """The file ``path`` (relative to ``cwd``) as it is at ``rev``, read as :func:`plans_at` reads a file named
    on its own (over ``limit`` bytes, or not in the repository: named and not read); ``None`` where ``rev`` has
    no such file."""
    found = plans_at(rev, [path], cwd, limit)
    items: list[Blob | Unread] = [*found.blobs, *found.unread]
    return next((item for item in items if item.name == os.path.normpath(path)), None)


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
        parts = [] if below is None else below.split("/")
        if below is not None and below.endswith(PLAN_SUFFIXES) and parts[-1] != TREE_FILE and \
                not any(part.startswith(".") for part in parts[:-1]):
            return True
    return False


def _shown_name(name: str, top: str, here: str) -> str:
    """A repository path as the working tree's reading names the same file from ``here``."""
    return os.path.relpath(os.path.join(top, *name.split("/")), here)


def _sizes(oids: Sequence[str], top: str, commit: str, specs: Sequence[str]) -> dict[str, int | None]:
    """Each object's size from one ``git cat-file --batch-check``, ``None`` for one the repository lacks.

    Where a partial clone lacks one, that git stops there (it may not fetch it): the objects missing are
    then listed without fetching (``rev-list --missing=print``), and the others asked again."""
    if not oids:
        return {}
    result = _batch_check(oids, top)
    if result.returncode == 0:
        return _sized(result.stdout)
    listed = _git(["--literal-pathspecs", "rev-list", "--objects", "--missing=print", "--no-walk", commit, "--",
                   *specs], top)
    missing = {line[1:] for line in listed.stdout.decode().splitlines() if line.startswith("?")}.intersection(oids)
    if listed.returncode != 0 or not missing:
        raise _failed(result)
    again = _batch_check([oid for oid in oids if oid not in missing], top)
    if again.returncode != 0:
        raise _failed(again)
    return {**_sized(again.stdout), **dict.fromkeys(missing)}


def _batch_check(oids: Sequence[str], top: str) -> subprocess.CompletedProcess[bytes]:
    return _git(["cat-file", "--batch-check"], top, "".join(f"{oid}\n" for oid in oids).encode())


def _sized(out: bytes) -> dict[str, int | None]:
    """``<oid> blob <size>`` and ``<oid> missing`` lines as sizes (``None``: missing)."""
    sizes: dict[str, int | None] = {}
    for line in out.decode().splitlines():
        parts = line.split(" ")
        sizes[parts[0]] = int(parts[2]) if len(parts) == 3 else None
    return sizes


def inner_repositories(places: Iterable[str], top: str) -> list[str]:
    """The folders below ``top`` that are git repositories of their own (a submodule, a repository inside the
    repository) and hold one of ``places``: git finds them as it does, by their ``.git``."""
    folders: set[str] = set()
    for place in places:
        real = os.path.realpath(place)
        folders.add(real if os.path.isdir(real) else os.path.dirname(real))
    inner: set[str] = set()
    checked: set[str] = set()
    for folder in folders:
        while folder.startswith(top + os.sep) and folder not in checked:
            checked.add(folder)
            if os.path.lexists(os.path.join(folder, ".git")):
                inner.add(folder)
            folder = os.path.dirname(folder)
    return sorted(inner)


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
