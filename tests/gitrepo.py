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
