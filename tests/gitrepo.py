"""git, as the tests run it in a temporary repository: a fixed author and committer, and none of the
machine's or the user's configuration (no signing, no hooks path, no default branch of their own)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
       "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(repo: Path, *args: str) -> str:
    """Run ``git args`` in ``repo``; its standard output (a failure raises, with git's own)."""
    return subprocess.run(["git", *args], cwd=repo, env={**os.environ, **ENV}, check=True, capture_output=True,
                          text=True).stdout


def write(repo: Path, files: dict[str, str] | None) -> None:
    """``files`` (path → text) written into ``repo``, folders made as needed."""
    for name, text in (files or {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


def commit(repo: Path, message: str, files: dict[str, str] | None = None) -> None:
    """``files`` written into ``repo`` and everything in it committed."""
    write(repo, files)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", message)


def commit_on_main(repo: Path, message: str, files: dict[str, str] | None = None) -> Path:
    """``repo`` made a git repository with ``files`` (path → text, written first) and everything in it
    committed on the branch main."""
    write(repo, files)
    git(repo, "init", "-q", "-b", "main")
    commit(repo, message)
    return repo
