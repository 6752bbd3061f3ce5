"""``diff --format github``: a Document's annotations as GitHub Actions workflow commands, then its notes.

Each :class:`~budgetbalans.report.model.Annotation` is one command, ``::notice``, ``::warning`` or
``::error`` as the builder chose it (:func:`budgetbalans.report.builders.diff.diff_annotations`), with its
``file=…,line=…`` where it has them and its ``title=…``; each note of the Document follows as a line
of its own (the measures counted).

Text from a plan or a file name can never forge a command: ``%``, CR and LF are escaped in the
message, and ``:`` and ``,`` too in a property (:func:`budgetbalans.text.workflow_data`,
:func:`~budgetbalans.text.workflow_property`, which `check` uses too); every other invisible
character is shown as an escape.
"""

from __future__ import annotations

from budgetbalans.report.model import Annotation, Document
from budgetbalans.text import workflow_data, workflow_property


def command(annotation: Annotation) -> str:
    """One workflow command: ``::error file=…,line=…,title=…::message``."""
    where = [] if annotation.path is None else [f"file={workflow_property(annotation.path)}"]
    if annotation.path is not None and annotation.line:
        where.append(f"line={annotation.line}")
    if annotation.title:
        where.append(f"title={workflow_property(annotation.title)}")
    return f"::{annotation.level} {','.join(where)}::{workflow_data(annotation.message)}\n"


def write_github(document: Document) -> str:
    """Every annotation, then each note on a line of its own."""
    notes = (workflow_data(note.text) + "\n" for note in document.notes)
    return "".join(map(command, document.annotations)) + "".join(notes)


__all__ = ["command", "write_github"]
