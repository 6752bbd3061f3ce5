"""Every table of a Word document, Excel workbook or CSV file, as :class:`~budgetbalans.read.grid.Grid`.

:func:`read_tables` reads the file once (at most :data:`MAX_TABLE_FILE_BYTES`), decides what it
is by its content (the name's ending only decides between CSV and other text), and gives its
tables in the file's order. Anything it cannot read is refused with a :class:`TableReadError`
whose message (Swedish, English with ``--lang en``) says what to do: save an old ``.doc`` or
``.xls`` as ``.docx``/``.xlsx``, remove a password, open and save a damaged file again.

Word (``.docx``, python-docx)
    Every table of the body in order (also inside content controls), named ``tabell 1``,
    ``tabell 2``…; tables nested in a cell are left out, and so is their text. The cells are
    read from the table's XML in one pass (python-docx's ``Table.cell`` rebuilds the whole grid
    on every call): a cell spanning columns (``gridSpan``) and a cell merged down over rows
    (``vMerge``, as the group names of a "Fokusområde" column) fill every position they cover
    with the text of the merge's first cell, and those positions are in ``Grid.merged``. A
    cell's paragraphs are joined with a line break; text boxes and deleted text are not part of
    it. ``above`` holds the non-empty paragraphs between the previous table (or the start) and
    the table, nearest last, at most :data:`MAX_ABOVE`.

Excel (``.xlsx``, openpyxl)
    One grid per visible sheet (hidden sheets are left out: the user does not see them as part
    of the plan), named by the sheet. The workbook is opened ``read_only`` and each sheet's XML
    is streamed once by openpyxl's own sheet parser. Not the normal mode, though only it offers
    merged ranges: it makes an object for every position of every merged range, so one
    ``A1:XFD1048576`` in a small file costs billions of steps; here the merged ranges are read
    as references and filled only inside the table. ``data_only``: a formula gives the result
    Excel saved with it; a formula saved without a result (files written by a program that
    does not calculate, such as openpyxl) is refused with its cell and formula, never read as
    0 or empty (an empty saved result counts as none unless it is marked as text, as Excel marks
    it: openpyxl and XlsxWriter both write ``<v></v>`` for a formula without a result). The sheet's used range is trimmed of empty rows and columns; rows above the
    first row with two or more filled cells (a title, "Belopp i tkr") are ``above``, not table.

    Cell values become the text the cell holds: text as written; an integer in plain digits
    (``12357``, no thousands spaces); a decimal number with the shortest digits that give back
    the stored binary value (``Decimal(repr(value))``: the float ``0.1`` is ``0,1``, never
    ``0,1000000000000000055…``) and a decimal comma. That is the one place a binary float is
    turned into an amount. A number is the stored value, not its display: ``1234,5678`` shown
    as ``1 235`` is read as ``1234,5678``, and a percentage as its fraction. Dates are
    ``2025-03-01`` (``2025-03-01 14:30`` with a time), truth values ``SANT``/``FALSKT``, error
    values as Excel shows them (``#DIV/0!``).

CSV (the csv module)
    As Swedish Excel saves it: ``;`` between fields (``,`` or tab when the lines say so: the
    separator that splits the first lines into the same number of fields), decimal comma
    (kept as written), UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
    "Unicode-text"), else Windows-1252. Trimmed and ``above`` as a sheet is; addresses are the
    file's row and column numbers.

Every cell's text is stripped of spaces at its ends. A file with no table gives ``[]``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetbalans.files import OLE_SIGNATURE, FileTooLarge, NotRegularFile, read_regular
from budgetbalans.messages import Message, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.read.grid import Grid, Kind, column_letters

#: Word and Excel files hold pictures and styles, so they are larger than plans; a plan's
#: tables are well under this, and more is not read into memory.
MAX_TABLE_FILE_BYTES = 20 * 1024 * 1024
#: What a .docx or .xlsx may unpack to (a small zip can unpack to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Positions (rows × columns) of one sheet's table; a stray cell far away would make more.
MAX_SHEET_CELLS = 1_000_000
#: Paragraphs or rows kept in ``Grid.above``.
MAX_ABOVE = 5
#: Endings of text files read as CSV.
CSV_SUFFIXES = (".csv", ".txt", ".tsv", ".tab", "")

_SAVE_AS_SV = "öppna den i Word eller Excel och spara tabellen som .docx, .xlsx eller .csv"
_SAVE_AS_EN = "open it in Word or Excel and save the table as .docx, .xlsx or .csv"

TABLE_FILE_UNREADABLE = template("import.file.unreadable", sv="filen går inte att läsa: {reason}",
                                 en="cannot read the file: {reason}")
TABLE_FILE_NOT_REGULAR = template(
    "import.file.not_regular",
    sv="det här är ingen vanlig fil (utan en mapp eller en enhet); ange ett Word-dokument (.docx), "
       "en Excel-arbetsbok (.xlsx) eller en CSV-fil",
    en="this is not a regular file (but a folder or a device); name a Word document (.docx), an "
       "Excel workbook (.xlsx) or a CSV file")
TABLE_FILE_EMPTY = template(
    "import.file.empty",
    sv="filen är tom; ange Word-dokumentet, Excel-arbetsboken eller CSV-filen med planens tabeller",
    en="the file is empty; name the Word document, Excel workbook or CSV file with the plan's tables")
TABLE_FILE_TOO_LARGE = template(
    "import.file.too_large",
    sv="filen är större än {limit} MB; spara tabellerna med planen i en egen fil, utan bilder",
    en="the file is larger than {limit} MiB; save the tables of the plan in a file of their own, "
       "without pictures")
TABLE_FILE_UNPACKS_LARGE = template(
    "import.file.unpacks_large",
    sv="filen packas upp till mer än {limit} MB; spara tabellerna med planen i en egen fil, utan bilder",
    en="the file unpacks to more than {limit} MiB; save the tables of the plan in a file of their "
       "own, without pictures")
OLD_WORD = template(
    "import.file.old_word",
    sv="det här är ett Word-dokument i det gamla formatet (.doc); öppna det i Word och spara det "
       "som Word-dokument (.docx)",
    en="this is a Word document in the old format (.doc); open it in Word and save it as a Word "
       "document (.docx)")
OLD_EXCEL = template(
    "import.file.old_excel",
    sv="det här är en Excel-arbetsbok i det gamla formatet (.xls); öppna den i Excel och spara den "
       "som Excel-arbetsbok (.xlsx)",
    en="this is an Excel workbook in the old format (.xls); open it in Excel and save it as an "
       "Excel workbook (.xlsx)")
OLD_OFFICE = template(
    "import.file.old_office",
    sv="det här är en fil i Office gamla format (som .doc eller .xls); öppna den och spara den som "
       ".docx eller .xlsx",
    en="this is a file in Office's old format (such as .doc or .xls); open it and save it as "
       ".docx or .xlsx")
PASSWORD = template(
    "import.file.password",
    sv="filen är skyddad med lösenord (krypterad); ta bort lösenordet (i Word eller Excel: Arkiv, "
       "Info, Skydda, Kryptera med lösenord, töm rutan) och spara filen igen",
    en="the file is protected by a password (encrypted); remove the password (in Word or Excel: "
       "File, Info, Protect, Encrypt with Password, clear the box) and save the file again")
CORRUPT_ZIP = template(
    "import.file.corrupt_zip",
    sv="filen ser ut som ett Word- eller Excel-dokument men är skadad (zip-arkivet går inte att "
       "läsa), kanske inte färdigsparad eller avbruten vid kopiering; öppna originalet och spara det igen",
    en="the file looks like a Word or Excel document but is damaged (the zip archive cannot be "
       "read), perhaps not fully saved or copied; open the original and save it again")
CORRUPT_DOCX = template(
    "import.file.corrupt_docx",
    sv="Word-dokumentet går inte att läsa, det är skadat; öppna det i Word och spara det igen som "
       "Word-dokument (.docx)",
    en="the Word document cannot be read, it is damaged; open it in Word and save it again as a "
       "Word document (.docx)")
CORRUPT_XLSX = template(
    "import.file.corrupt_xlsx",
    sv="Excel-arbetsboken går inte att läsa, den är skadad; öppna den i Excel och spara den igen "
       "som Excel-arbetsbok (.xlsx)",
    en="the Excel workbook cannot be read, it is damaged; open it in Excel and save it again as an "
       "Excel workbook (.xlsx)")
NOT_PLAIN_DOCX = template(
    "import.file.not_plain_docx",
    sv="det här är en Word-mall eller ett Word-dokument med makron (.dotx, .docm); spara det som "
       "vanligt Word-dokument (.docx)",
    en="this is a Word template or a Word document with macros (.dotx, .docm); save it as a plain "
       "Word document (.docx)")
NOT_A_TABLE_FILE = template(
    "import.file.not_tables",
    sv="det här är {kind}, inte ett Word-dokument (.docx), en Excel-arbetsbok (.xlsx) eller en "
       "CSV-fil; " + _SAVE_AS_SV,
    en="this is {kind}, not a Word document (.docx), an Excel workbook (.xlsx) or a CSV file; "
       + _SAVE_AS_EN)
KIND_PDF = template("import.file.kind.pdf", sv="en PDF-fil", en="a PDF file")
KIND_RTF = template("import.file.kind.rtf", sv="ett RTF-dokument", en="an RTF document")
KIND_WEB = template("import.file.kind.web", sv="en webbsida eller XML-fil (HTML, XML)",
                    en="a web page or XML file (HTML, XML)")
KIND_ODF = template("import.file.kind.odf", sv="en OpenDocument-fil (.odt, .ods)",
                    en="an OpenDocument file (.odt, .ods)")
KIND_XLSB = template("import.file.kind.xlsb", sv="en binär Excel-arbetsbok (.xlsb)",
                     en="a binary Excel workbook (.xlsb)")
KIND_POWERPOINT = template("import.file.kind.powerpoint", sv="en PowerPoint-presentation",
                           en="a PowerPoint presentation")
KIND_ZIP = template("import.file.kind.zip", sv="ett zip-arkiv", en="a zip archive")
KIND_BINARY = template("import.file.kind.binary", sv="ingen text utan binära data",
                       en="not text but binary data")
KIND_TEXT = template("import.file.kind.text", sv="en textfil med ändelsen {suffix}",
                     en="a text file ending in {suffix}")
CSV_ENCODING = template(
    "import.csv.encoding",
    sv="rad {line}: byte 0x{byte} är varken UTF-8 eller Windows-1252; spara filen i Excel som "
       "'CSV UTF-8 (kommaavgränsad)'",
    en="line {line}: byte 0x{byte} is neither UTF-8 nor Windows-1252; save the file in Excel as "
       "'CSV UTF-8 (Comma delimited)'")
CSV_FIELD_TOO_LONG = template(
    "import.csv.field_too_long",
    sv="rad {line}: ett fält är längre än {limit} tecken; kanske saknas ett avslutande citattecken (\")",
    en="line {line}: a field is longer than {limit} characters; perhaps a closing quote (\") is missing")
FORMULA_NO_VALUE = template(
    "import.xlsx.formula_no_value",
    sv="{cell}: formeln {formula} har inget sparat resultat (filen är skriven av ett program som inte "
       "räknar ut formler); öppna filen i Excel eller LibreOffice och spara den igen, eller skriv "
       "talet i stället för formeln{more}",
    en="{cell}: the formula {formula} has no saved result (the file was written by a program that "
       "does not calculate formulas); open the file in Excel or LibreOffice and save it again, or "
       "write the number instead of the formula{more}")
FORMULA_MORE = template("import.xlsx.formula_more", sv=" ({count} formler i filen saknar resultat)",
                        en=" ({count} formulas in the file have no result)")
SHEET_TOO_LARGE = template(
    "import.xlsx.sheet_too_large",
    sv="bladet {sheet} har innehåll från {first} till {last}, över {limit} celler, för mycket för en "
       "tabell; ta bort det som står långt från tabellen, eller kopiera tabellen till ett eget blad",
    en="sheet {sheet} has content from {first} to {last}, over {limit} cells, too much for a table; "
       "delete what stands far from the table, or copy the table to a sheet of its own")

_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


class TableReadError(Exception):
    """A file whose tables cannot be read; ``message`` says why and what to do, in either language.

    A message about one place in the file starts with its address (``Blad1!C7: …``).
    """

    def __init__(self, message: Message) -> None:
        super().__init__(message.text())
        self.message = message


def read_tables(path: Path) -> list[Grid]:
    """Every table in the Word document, Excel workbook or CSV file at ``path``, in the file's order."""
    data = _read_bytes(path)
    source = str(path)
    if data.startswith(_ZIP):
        return _read_zip(data, source)
    if data.startswith(OLE_SIGNATURE):
        raise TableReadError(_ole_message(data))
    kind = _other_kind(data)
    if kind is not None:
        raise TableReadError(NOT_A_TABLE_FILE(kind=kind))
    if path.suffix.lower() not in CSV_SUFFIXES:
        raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_TEXT(suffix=quoted(path.suffix))))
    return read_csv_text(_decode(data), source)


# --- the file ------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    """The file's bytes; only a regular file is opened (a FIFO or device could block or never end)."""
    try:
        data = read_regular(path, MAX_TABLE_FILE_BYTES)
    except NotRegularFile:
        raise TableReadError(TABLE_FILE_NOT_REGULAR()) from None
    except FileTooLarge:
        raise TableReadError(TABLE_FILE_TOO_LARGE(limit=MAX_TABLE_FILE_BYTES // 1024 // 1024)) from None
    except OSError as error:
        raise TableReadError(TABLE_FILE_UNREADABLE(reason=os_reason(error))) from None
    if not data:
        raise TableReadError(TABLE_FILE_EMPTY())
    return data


def _ole_message(data: bytes) -> Message:
    """An Office file in the compound format: encrypted (a password), or an old .doc or .xls."""
    def has(name: str) -> bool:
        return name.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return PASSWORD()
    if has("WordDocument"):
        return OLD_WORD()
    if has("Workbook") or has("Book"):
        return OLD_EXCEL()
    return OLD_OFFICE()


def _other_kind(data: bytes) -> Message | None:
    """What a file that is not a zip is, when it is something we know and not CSV text."""
    head = data[:1024].removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if head.startswith(b"%pdf"):
        return KIND_PDF()
    if head.startswith(b"{\\rtf"):
        return KIND_RTF()
    if head.startswith((b"<?xml", b"<!doctype", b"<html")) or b"<html" in head[:200]:
        return KIND_WEB()
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and b"\x00" in data:
        return KIND_BINARY()
    return None


def _read_zip(data: bytes, source: str) -> list[Grid]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise TableReadError(CORRUPT_ZIP()) from None
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        raise TableReadError(TABLE_FILE_UNPACKS_LARGE(limit=MAX_UNPACKED_BYTES // 1024 // 1024))
    names = {entry.filename for entry in entries}
    if "xl/workbook.bin" in names:
        raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_XLSB()))
    if any(name.startswith("word/") for name in names):
        return _read_docx(data, source)
    if any(name.startswith("xl/") for name in names):
        return _read_xlsx(data, source)
    if any(name.startswith("ppt/") for name in names):
        raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_POWERPOINT()))
    if "mimetype" in names:
        raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_ODF()))
    raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_ZIP()))


# --- shared by sheets and CSV ---------------------------------------------------------------


def _sheet_grid(kind: Kind, source: str, name: str, values: Mapping[tuple[int, int], str],
                merges: Iterable[tuple[int, int, int, int]] = ()) -> Grid | None:
    """The table of a sheet from its non-empty texts by (row, column), counted from 1.

    ``merges``: (first row, first column, last row, last column) of each merged range; its first
    cell's text fills the positions it covers inside the table. The table starts at the first
    row with two or more filled cells (rows above it are ``above``) and is trimmed of empty
    border rows and columns.
    """
    if not values:
        return None
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (row, column), text in values.items():
        by_row.setdefault(row, []).append((column, text))
    rows = sorted(by_row)
    start = next((row for row in rows if len(by_row[row]) >= 2), rows[0])
    above = tuple(" ".join(text for _column, text in sorted(by_row[row]))
                  for row in rows if row < start)[-MAX_ABOVE:]
    columns = [column for (row, column) in values if row >= start]
    top, bottom, left, right = start, rows[-1], min(columns), max(columns)
    count = (bottom - top + 1) * (right - left + 1)
    if count > MAX_SHEET_CELLS:
        raise TableReadError(SHEET_TOO_LARGE(
            sheet=quoted(name), first=f"{column_letters(left)}{top}", last=f"{column_letters(right)}{bottom}",
            limit=f"{MAX_SHEET_CELLS:,}".replace(",", " ")))
    cells = [[""] * (right - left + 1) for _ in range(bottom - top + 1)]
    for (row, column), text in values.items():
        if row >= top:
            cells[row - top][column - left] = text
    merged: set[tuple[int, int]] = set()
    for first_row, first_column, last_row, last_column in merges:
        text = values.get((first_row, first_column), "")
        rows_in = range(max(first_row, top), min(last_row, bottom) + 1)
        columns_in = range(max(first_column, left), min(last_column, right) + 1)
        if (first_row == last_row and first_column == last_column) or not rows_in or not columns_in:
            continue
        for row in rows_in:
            for column in columns_in:
                cells[row - top][column - left] = text
                merged.add((row - top, column - left))
    return Grid(kind=kind, source=source, name=name, cells=tuple(map(tuple, cells)),
                merged=frozenset(merged), above=above, origin=(top, left))


# --- CSV ------------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252."""
    encodings: tuple[str, ...]
    if data.startswith(codecs.BOM_UTF8):
        data, encodings = data[len(codecs.BOM_UTF8):], ("utf-8",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8", "cp1252")
    at = 0
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            at = error.start
    raise TableReadError(CSV_ENCODING(line=data.count(b"\n", 0, at) + 1, byte=f"{data[at]:02x}"))


def _delimiter(text: str) -> str:
    """``;``, tab or ``,``: the one that splits most of the first lines into the same number (2+)
    of fields; on a tie the first of them (``"0,5;1,5"`` is two fields, not three)."""
    sample = text[:65536]
    best, best_score = ";", 0
    for delimiter in (";", "\t", ","):
        widths: dict[int, int] = {}
        try:
            for line, record in enumerate(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)):
                if line >= 50:
                    break
                if any(field.strip() for field in record):
                    widths[len(record)] = widths.get(len(record), 0) + 1
        except csv.Error:
            continue
        score = max((lines for width, lines in widths.items() if width >= 2), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv_text(text: str, source: str) -> list[Grid]:
    """The table of CSV text (see the module's description), as a one-item list, or ``[]``."""
    values: dict[tuple[int, int], str] = {}
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    row = 0
    while True:
        started = reader.line_num + 1  # the line the record starts on (a quoted field can span lines)
        try:
            record = next(reader, None)
        except csv.Error:
            limit = f"{csv.field_size_limit():,}".replace(",", " ")
            raise TableReadError(CSV_FIELD_TOO_LONG(line=started, limit=limit)) from None
        if record is None:
            break
        row += 1
        for column, field in enumerate(record, start=1):
            if field.strip():
                values[row, column] = field.strip()
    grid = _sheet_grid(Kind.CSV, source, "", values)
    return [grid] if grid else []


# --- Excel ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes, source: str) -> list[Grid]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings():  # openpyxl warns of features it drops; we only read values
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # anything openpyxl raises on the file's own content means it is damaged
        raise TableReadError(CORRUPT_XLSX()) from None
    grids: list[Grid] = []
    missing: list[tuple[str, str]] = []
    try:
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    values, merge_refs = _sheet_values(sheet, missing)
                merges = [_merge_bounds(range_boundaries(ref)) for ref in merge_refs]
            except TableReadError:
                raise
            except Exception:
                raise TableReadError(CORRUPT_XLSX()) from None
            grid = _sheet_grid(Kind.XLSX, source, sheet.title, values, merges)
            if grid is not None:
                grids.append(grid)
    finally:
        workbook.close()
    if missing:
        cell, formula = missing[0]
        more = FORMULA_MORE(count=len(missing)) if len(missing) > 1 else ""
        raise TableReadError(FORMULA_NO_VALUE(cell=cell, formula=quoted(formula, 60), more=more))
    return grids


def _merge_bounds(bounds: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    first_column, first_row, last_column, last_row = bounds
    return first_row, first_column, last_row, last_column


def _sheet_values(sheet: Any, missing: list[tuple[str, str]]) -> tuple[dict[tuple[int, int], str], list[str]]:
    """The non-empty cell texts of a read-only sheet and its merged ranges (``A2:A5``), in one pass.

    Uses openpyxl's own streaming sheet parser (what ``ReadOnlyWorksheet.iter_rows`` uses, which
    pads every missing row and would hide the merged ranges); a formula cell without a saved
    result is added to ``missing`` as (address, formula).
    """
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser  # type: ignore[import-untyped]

    title = sheet.title

    class Parser(WorkSheetParser):  # type: ignore[misc]
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            formula = element.find(FORMULA_TAG)
            if formula is not None and (formula.get("t") == "shared" and formula.text or cell["value"] is None):
                written = self.parse_formula(element)  # also remembers a shared formula for the cells after it
                if cell["value"] is None and not (element.get("t") == "str" and element.find(_VALUE_TAG) is not None):
                    text = written if isinstance(written, str) else str(getattr(written, "text", "") or "")
                    missing.append((f"{title}!{column_letters(cell['column'])}{cell['row']}", text))
            return cell

    workbook = sheet.parent
    values: dict[tuple[int, int], str] = {}
    with sheet._get_source() as xml:
        parser = Parser(xml, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                        date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for _row, cells in parser.parse():
            for cell in cells:
                text = cell_text(cell["value"])
                if text:
                    values[cell["row"], cell["column"]] = text
    refs = [str(merge.ref) for merge in parser.merged_cells.mergeCell] if parser.merged_cells else []
    return values, refs


_VALUE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"


def cell_text(value: object) -> str:
    """An Excel cell's value as text: see the module's description (numbers without float artefacts)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(Decimal(repr(value))) if math.isfinite(value) else repr(value)
    if isinstance(value, Decimal):
        return number_text(value) if value.is_finite() else str(value)
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value).strip()


def number_text(value: Decimal) -> str:
    """``value`` in plain digits with a decimal comma and no trailing zeros: ``0,1``, ``-1500``, ``12,75``."""
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


# --- Word -----------------------------------------------------------------------------------


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml")
_WRAPPERS = (_SDT, _SDT_CONTENT, _CUSTOM_XML)
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
#: Parts of a paragraph whose text is not the paragraph's: text boxes, the fallback copy of
#: alternate content, deleted text, field codes.
_NOT_TEXT = {f"{_W}txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
             f"{_W}del", f"{_W}instrText", f"{_W}delText"}


def _read_docx(data: bytes, source: str) -> list[Grid]:
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except ValueError as error:
        if "content type" in str(error):
            raise TableReadError(NOT_PLAIN_DOCX()) from None
        raise TableReadError(CORRUPT_DOCX()) from None
    except Exception:  # anything python-docx raises on the file's own content means it is damaged
        raise TableReadError(CORRUPT_DOCX()) from None
    grids: list[Grid] = []
    before: list[str] = []
    try:
        body = document.element.body
        tables = [(element, _table_cells(element)) if element.tag == _TBL else (element, None)
                  for element in _body_children(body)]
    except ValueError:  # a table's grid numbers that are not numbers
        raise TableReadError(CORRUPT_DOCX()) from None
    number = 0  # tables counted as Word shows them, from the top
    for element, table in tables:
        if element.tag == _P:
            text = _paragraph_text(element).strip()
            if text:
                before.append(text)
        elif table is not None:
            cells, merged = table
            number += 1
            if cells:
                grids.append(Grid(kind=Kind.DOCX, source=source, name=f"tabell {number}", cells=cells,
                                  merged=merged, above=tuple(before[-MAX_ABOVE:])))
            before = []
    return grids


def _body_children(parent: Any, tags: tuple[str, ...] = (_P, _TBL)) -> Iterator[Any]:
    """The children of ``parent`` with one of ``tags``, also inside content controls."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _body_children(child, tags)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _TEXT:
            parts.append(_TEXT[child.tag] or child.text or "")
        elif child.tag not in _NOT_TEXT and len(child):
            stack.append(iter(child))
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    return "\n".join(_paragraph_text(paragraph) for paragraph in _body_children(cell, (_P,))).strip()


def _attribute(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{_W}val")


#: Word tables have at most 63 columns; a span or offset beyond that is not believed.
_MAX_WORD_COLUMNS = 63


def _table_cells(table: Any) -> tuple[tuple[tuple[str, ...], ...], frozenset[tuple[int, int]]]:
    """A Word table's texts by position and its merged positions, in one pass over its XML."""
    rows: list[list[tuple[str, int]]] = []  # each position: (text, id of the cell that owns it)
    spans: dict[int, int] = {}  # positions each owning cell covers
    owner_id = 0
    for row in _body_children(table, (_TR,)):
        if row.find(f"{_W}trPr/{_W}del") is not None:  # a row deleted with tracked changes
            continue
        before = min(max(0, int(_attribute(row, f"{_W}trPr/{_W}gridBefore") or 0)), _MAX_WORD_COLUMNS)
        positions: list[tuple[str, int]] = [("", -1)] * before
        above = rows[-1] if rows else []
        for cell in _body_children(row, (_TC,)):
            width = min(max(1, int(_attribute(cell, f"{_W}tcPr/{_W}gridSpan") or 1)), _MAX_WORD_COLUMNS)
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            column = len(positions)
            if merge is not None and merge.get(f"{_W}val") in (None, "continue") and column < len(above) \
                    and above[column][1] >= 0:
                text, owner = above[column]
            else:
                owner_id += 1
                text, owner = _cell_text(cell), owner_id
            positions += [(text, owner)] * width
            spans[owner] = spans.get(owner, 0) + width
        rows.append(positions)
    width = max((len(row) for row in rows), default=0)
    if width == 0:
        return (), frozenset()
    cells = tuple(tuple(text for text, _ in row) + ("",) * (width - len(row)) for row in rows)
    merged = frozenset((r, c) for r, row in enumerate(rows) for c, (_, owner) in enumerate(row)
                       if owner >= 0 and spans[owner] > 1)
    return cells, merged
