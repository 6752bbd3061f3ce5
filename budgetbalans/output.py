"""Writing a report where the user asked: standard output, or the path of ``-o``.

``-o`` writes what the user asked for and nothing else:

- over a regular file (or where nothing is yet), atomically: a temporary file beside it, renamed
  over it, so no reader ever sees half a report; the file keeps its mode (a report kept 0600
  stays 0600; a new one gets the umask's) and, where the system lets us, its owner;
- a symbolic link is written through: the file it points to gets the report, the link stays;
- a regular file with other hard links is written in place, so every name still sees the report;
- anything that is not a regular file (a FIFO, ``/dev/null``, a terminal, a device) is opened and
  written to directly, never replaced by a file.

A failure to write (a full disk, a missing folder, no permission, ``/dev/full``) is the
environment's, not a bug: :class:`OutputError` carries the system's reason, and the CLI shows it
as one line and exits 2. Standard output is written the same way (:func:`to_stdout`).
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable, Protocol, Union


class OutputError(Exception):
    """Writing a report failed: ``error`` is the system's reason; ``path`` is ``None`` for standard output."""

    def __init__(self, path: Path | None, error: OSError) -> None:
        super().__init__(path, error)
        self.path, self.error = path, error


class Written(Protocol):
    """A report written as it is made (the JSON of many measures), never held whole: it gives its bytes to
    ``write``; ``bytes()`` of it holds them whole, where they are needed so."""

    def write_to(self, write: Callable[[bytes], object]) -> None: ...

    def __bytes__(self) -> bytes: ...


#: A report's bytes, or a report written as it is made.
Report = Union[bytes, Written]


def _put(file: BinaryIO, data: Report) -> None:
    if isinstance(data, bytes):
        file.write(data)
    else:
        data.write_to(file.write)


def to_stdout(data: Report) -> None:
    """``data`` to standard output, flushed; a reader that went away (``| head``) is not an error."""
    try:
        sys.stdout.flush()
        _put(sys.stdout.buffer, data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as error:
        silence_stdout()
        raise OutputError(None, error) from None


def silence_stdout() -> None:
    """Point standard output at the null device, so that Python's flush at exit cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):  # no file descriptor (a test's captured stream)
        pass


def to_path(path: Path, data: Report) -> None:
    """``data`` to ``path`` as the module says: atomically over a regular file, through links, directly
    into anything else."""
    try:
        _write(path, data)
    except OSError as error:
        raise OutputError(path, error) from None


def _write(path: Path, data: Report) -> None:
    try:
        status = os.stat(path)  # follows links: what the user's path names
    except FileNotFoundError:
        status = None
    if status is not None and not stat.S_ISREG(status.st_mode):
        with open(path, "wb") as file:  # a FIFO, a device, a terminal: written to, never replaced
            _put(file, data)
        return
    if status is not None and status.st_nlink > 1:
        with open(path, "r+b") as file:  # other names for the same file: written in place
            _put(file, data)
            file.truncate()
        return
    real = Path(os.path.realpath(path))  # through a link (even one to a file not yet there)
    _replace(real, data, status)


def _replace(path: Path, data: Report, status: os.stat_result | None) -> None:
    """Write beside ``path`` and rename over it, with the mode (and owner) of the file it replaces."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            _put(file, data)
            if status is None:
                mask = os.umask(0)
                os.umask(mask)
                os.fchmod(file.fileno(), 0o666 & ~mask)
            else:
                os.fchmod(file.fileno(), stat.S_IMODE(status.st_mode))
                try:
                    os.fchown(file.fileno(), status.st_uid, status.st_gid)
                except OSError:  # only root may give a file away; the mode is what matters
                    pass
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
