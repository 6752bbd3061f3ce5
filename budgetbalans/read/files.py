"""Reading a file the user named (a plan, a document to import, a Word template): only a regular
file is opened, since a FIFO or a device could block or never end, and never more than a limit is
read; the length read decides, not the size the system reports (``/proc`` files and races lie).

Each reader words the refusals its own way (:class:`NotRegularFile`, :class:`FileTooLarge`, and
the system's :class:`OSError`, worded by :mod:`budgetbalans.oserrors`).
"""

from __future__ import annotations

import stat
from pathlib import Path

#: The names of plan files, in a folder (:mod:`budgetbalans.read.loader`) and at a git revision (:mod:`budgetbalans.read.git`).
PLAN_SUFFIXES = (".yaml", ".yml")
#: How an Office file in the old compound format starts: a .doc or .xls, or a password-protected
#: .docx or .xlsx (encrypted files are compound files too).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class NotRegularFile(Exception):
    """The path names a folder, a FIFO, a device or a socket (``mode`` says which)."""

    def __init__(self, mode: int) -> None:
        super().__init__(mode)
        self.mode = mode


class FileTooLarge(Exception):
    """The file holds more than the limit."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them; raises
    :class:`NotRegularFile`, :class:`FileTooLarge` or :class:`OSError`."""
    mode = path.stat().st_mode
    if not stat.S_ISREG(mode):
        raise NotRegularFile(mode)
    with path.open("rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge()
    return data
