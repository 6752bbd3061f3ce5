"""Why the operating system refused to read or write a file, in words a controller knows.

One table for reading plans and for writing reports (``-o``): the system's own text is English
and technical, so each common reason has its own wording in both languages.
"""

from __future__ import annotations

import errno

from budgetbalans.i18n import Message, template

NOT_THERE = template("os.not_there", sv="den finns inte (en länk till något som inte finns?)",
                     en="it does not exist (a link to something that is not there?)")
NO_FOLDER = template("os.no_folder", sv="mappen finns inte", en="the folder does not exist")
PERMISSION = template("os.permission", sv="du saknar behörighet; be den som äger filen eller mappen om rätt till den",
                      en="permission denied; ask the owner of the file or folder for access")
IS_A_FOLDER = template("os.is_folder", sv="det är en mapp", en="it is a folder")
NOT_A_FOLDER = template("os.not_folder", sv="en del av sökvägen är ingen mapp", en="part of the path is not a folder")
LINK_LOOP = template("os.link_loop", sv="länkarna pekar på varandra i en ring", en="the links point to each other in a loop")
NAME_TOO_LONG = template("os.name_too_long", sv="namnet är för långt", en="the name is too long")
IO_ERROR = template("os.io_error", sv="läsfel på disken eller enheten", en="an input/output error of the disk or device")
DISK_FULL = template("os.disk_full", sv="disken är full", en="the disk is full")
READ_ONLY = template("os.read_only", sv="filsystemet är skrivskyddat", en="the file system is read-only")
OTHER = template("os.other", sv="operativsystemets fel {name}", en="operating system error {name}")

_REASONS = {
    errno.ENOENT: NOT_THERE, errno.EACCES: PERMISSION, errno.EPERM: PERMISSION, errno.EISDIR: IS_A_FOLDER,
    errno.ENOTDIR: NOT_A_FOLDER, errno.ELOOP: LINK_LOOP, errno.ENAMETOOLONG: NAME_TOO_LONG, errno.EIO: IO_ERROR,
    errno.ENOSPC: DISK_FULL, errno.EDQUOT: DISK_FULL, errno.EROFS: READ_ONLY,
}


def os_reason(error: OSError, *, writing: bool = False) -> Message:
    """Why ``error`` happened; when writing, a missing path means a missing folder."""
    if writing and error.errno == errno.ENOENT:
        return NO_FOLDER()
    known = _REASONS.get(error.errno or 0)
    return known() if known else OTHER(name=errno.errorcode.get(error.errno or 0, "?"))
