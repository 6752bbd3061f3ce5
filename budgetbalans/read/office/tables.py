"""Every table of a Word document, Excel workbook or CSV file, as :class:`~budgetbalans.read.office.grid.Grid`.

:func:`read_tables` reads the file once (at most :data:`MAX_TABLE_FILE_BYTES`), decides what it
is by its content (the name's ending only decides between CSV and other text), and gives its
tables in the file's order. Anything it cannot read is refused with a :class:`TableReadError`
whose message (Swedish, English with ``--lang en``) says what to do: save an old ``.doc`` or
``.xls`` as ``.docx``/``.xlsx``, remove a password, open and save a damaged file again.

Word (``.docx``, read with lxml)
    Every table of the body in order (also inside content controls), named ``tabell 1``,
    ``tabell 2``…; tables nested in a cell are left out, and so is their text. The main part's
    XML is streamed: each paragraph and table of the body is read when it ends and then let go,
    so memory holds one table at a time (python-docx would hold the whole document, and its
    ``Table.cell`` rebuilds the whole grid on every call). A cell spanning columns (``gridSpan``)
    and a cell merged down over rows (``vMerge``, as the group names of a "Fokusområde" column)
    fill every position they cover with the text of the merge's first cell; those positions are
    in ``Grid.merged`` and each merged cell's box in ``Grid.merges``. A cell's paragraphs are
    joined with a line break. Only the text Word shows is read: text boxes, deleted and
    moved-away text (``w:del``, ``w:moveFrom``) and hidden text (``w:vanish`` or ``w:specVanish``
    on the run, or a character or paragraph style that hides) are left out; inserted and
    moved-here text is read. ``above`` holds the non-empty paragraphs between the previous table
    (or the start) and the table, nearest last, at most :data:`MAX_ABOVE`.

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

    Cell values become the text the cell shows: text as written; an integer in plain digits
    (``12357``, no thousands spaces); a decimal number with the shortest digits that give back
    the stored binary value (``Decimal(repr(value))``: the float ``0.1`` is ``0,1``, never
    ``0,1000000000000000055…``) and a decimal comma. That is the one place a binary float is
    turned into an amount. A number with a number format is read as the format shows it
    (:func:`shown_number`): a percentage is ``5 %`` (never 0,05), a format's own text is kept
    (``1234 tkr``); a format that shows another number (scaled in thousands by ``#,##0,``, an
    exponent, a fraction) is refused with the cell. Decimals are the stored value's, not the
    display's: ``1234,5678`` shown as ``1 235`` is read as ``1234,5678`` (the display rounds it).
    Dates are ``2025-03-01`` (``2025-03-01 14:30`` with a time), truth values ``SANT``/``FALSKT``,
    error values as Excel shows them (``#DIV/0!``). Merged ranges that overlap (Excel repairs
    such a file) are refused.

CSV (the csv module)
    As Swedish Excel saves it: ``;`` between fields (``,`` or tab when the lines say so: the
    separator that splits the first lines into the same number of fields), decimal comma
    (kept as written), UTF-8 with or without a byte-order mark, UTF-16 with one (Excel's
    "Unicode-text"), else Windows-1252. Trimmed and ``above`` as a sheet is; addresses are the
    file's row and column numbers. Refused: a quoted field that takes in lines which look like
    rows of the table (a closing quote missing), a row with a filled field beyond the header
    row's fields (``2,B,1,5,300``), and in a comma-separated file a quoted ``"1,234"``, as
    ambiguous as ``5.400`` (both readings in the message).

Bounds
    Every limit is checked while reading, so any file is refused in seconds with little memory:
    the file's size, what it and each XML part unpack to (from the zip's directory, before a part
    is read), cells, XML elements and merged ranges of a workbook, paragraphs, tables and a
    table's parts and positions of a Word document, fields of a CSV file (the ``MAX_`` constants).

Every cell's text is stripped of spaces at its ends. A file with no table gives ``[]``.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from budgetbalans.read.files import OLE_SIGNATURE, FileTooLarge, NotRegularFile, read_regular
from budgetbalans.i18n import Message, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.read.office.grid import Grid, Kind, column_letters

#: Word and Excel files hold pictures and styles, so they are larger than plans; a plan's
#: tables are well under this, and more is not read into memory.
MAX_TABLE_FILE_BYTES = 20 * 1024 * 1024
#: What a .docx or .xlsx may unpack to (a small zip can unpack to gigabytes).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
#: Positions (rows × columns) of one sheet's table, and of all a Word document's tables together;
#: a stray cell far away would make more.
MAX_SHEET_CELLS = 1_000_000
#: What one XML part of a .docx or .xlsx (the document, a sheet, the shared texts, the styles) may
#: unpack to; a plan of 10 000 measures is a few megabytes. Checked in the zip's directory before
#: the part is read (and the zip module reads no more than the directory says).
MAX_XML_PART_BYTES = 25 * 1024 * 1024
#: What any other XML part may unpack to (styles, relationships, content types, properties,
#: themes): they are parsed whole, and styles make many objects per byte.
MAX_SMALL_PART_BYTES = 5 * 1024 * 1024
#: Cells read from a workbook's sheets (filled or not, as the XML holds them) or fields from a
#: CSV file, counted while reading: a plan's tables have far fewer.
MAX_CELLS = 200_000
#: XML elements of a workbook's sheets (rows, cells, values and whatever else), counted while reading.
MAX_SHEET_ELEMENTS = 1_000_000
#: Paragraphs of a Word document (in its tables too), counted while reading.
MAX_PARAGRAPHS = 200_000
#: Tables of a Word document, counted while reading.
MAX_TABLES = 1_000
#: XML elements of one Word table (cells, paragraphs, runs…): held in memory until the table ends.
MAX_TABLE_ELEMENTS = 500_000
#: Merged ranges of one sheet.
MAX_MERGES = 10_000
#: Excel's own limit of columns: a row with more cells than this is damaged.
MAX_EXCEL_COLUMNS = 16_384
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
CSV_OPEN_QUOTE = template(
    "import.csv.open_quote",
    sv="rad {line}: ett fält inom citattecken (\") fortsätter över {lines} rader och tar med {rows} rader som "
       "ser ut som egna rader i tabellen; kanske saknas ett avslutande citattecken; sätt ut det (eller ta "
       "bort det inledande) och spara filen igen",
    en="line {line}: a field in quotes (\") runs over {lines} lines and takes in {rows} lines that look like "
       "rows of the table of their own; perhaps a closing quote is missing; add it (or remove the opening "
       "one) and save the file again")
CSV_EXTRA_FIELDS = template(
    "import.csv.extra_fields",
    sv="rad {line}: {fields} fält, men rubrikraden (rad {header}) har {columns}; ett tal med decimalkomma "
       "utan citattecken i en kommaavgränsad fil blir två fält (skriv \"1,5\" eller avgränsa med "
       "semikolon), annars saknas en rubrik; rätta raden och spara filen igen",
    en="line {line}: {fields} fields, but the header row (line {header}) has {columns}; a number with a "
       "decimal comma without quotes in a comma-separated file becomes two fields (write \"1,5\" or "
       "separate with semicolons), else a header is missing; correct the row and save the file again")
CSV_THOUSANDS_COMMA = template(
    "import.csv.thousands_comma",
    sv="{cell}: {value} är tvetydigt: i en kommaavgränsad fil kan kommat skilja tusental eller decimaler; "
       "skriv {thousands} eller {decimal}",
    en="{cell}: {value} is ambiguous: in a comma-separated file the comma may separate thousands or "
       "decimals; write {thousands} or {decimal}")
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

_WHAT_TO_DO_SV = "spara tabellerna med planen i en egen fil, utan annat innehåll"
_WHAT_TO_DO_EN = "save the tables of the plan in a file of their own, with nothing else"
PART_TOO_LARGE = template(
    "import.file.part_too_large",
    sv="delen {part} i filen packas upp till mer än {limit} MB, mer än en plans tabeller; " + _WHAT_TO_DO_SV,
    en="the part {part} of the file unpacks to more than {limit} MiB, more than a plan's tables; "
       + _WHAT_TO_DO_EN)
TOO_MANY_CELLS = template(
    "import.file.too_many_cells",
    sv="filen har fler än {limit} celler, fler än en plans tabeller; " + _WHAT_TO_DO_SV,
    en="the file has more than {limit} cells, more than a plan's tables; " + _WHAT_TO_DO_EN)
TOO_MANY_PARAGRAPHS = template(
    "import.docx.too_many_paragraphs",
    sv="dokumentet har fler än {limit} stycken, mer än en plan; " + _WHAT_TO_DO_SV,
    en="the document has more than {limit} paragraphs, more than a plan; " + _WHAT_TO_DO_EN)
TOO_MANY_TABLES = template(
    "import.docx.too_many_tables",
    sv="dokumentet har fler än {limit} tabeller, fler än en plan; " + _WHAT_TO_DO_SV,
    en="the document has more than {limit} tables, more than a plan; " + _WHAT_TO_DO_EN)
WORD_TABLE_TOO_LARGE = template(
    "import.docx.table_too_large",
    sv="tabell {table} har {rows} rader och {columns} kolumner; med dokumentets övriga tabeller över "
       "{limit} celler, för mycket för en plan; " + _WHAT_TO_DO_SV,
    en="table {table} has {rows} rows and {columns} columns; with the document's other tables over "
       "{limit} cells, too much for a plan; " + _WHAT_TO_DO_EN)
WORD_TABLE_TOO_MUCH = template(
    "import.docx.table_too_much",
    sv="tabell {table} innehåller fler än {limit} delar (celler, stycken, textavsnitt), mer än en plans "
       "tabell; " + _WHAT_TO_DO_SV,
    en="table {table} holds more than {limit} parts (cells, paragraphs, runs of text), more than a "
       "plan's table; " + _WHAT_TO_DO_EN)
WORD_PARAGRAPH_TOO_MUCH = template(
    "import.docx.paragraph_too_much",
    sv="ett stycke i dokumentet innehåller fler än {limit} delar (textavsnitt, fält), mer än en plan; "
       + _WHAT_TO_DO_SV,
    en="a paragraph of the document holds more than {limit} parts (runs of text, fields), more than a "
       "plan; " + _WHAT_TO_DO_EN)
TOO_MANY_SHEET_ELEMENTS = template(
    "import.xlsx.too_many_elements",
    sv="arbetsboken har till och med bladet {sheet} fler än {limit} XML-element (rader, celler och annat), "
       "mer än en plans tabeller; " + _WHAT_TO_DO_SV,
    en="the workbook has, up to sheet {sheet}, more than {limit} XML elements (rows, cells and more), "
       "more than a plan's tables; " + _WHAT_TO_DO_EN)
TOO_MANY_MERGES = template(
    "import.xlsx.too_many_merges",
    sv="bladet {sheet} har fler än {limit} sammanfogade områden, fler än en plans tabell; "
       "kopiera tabellen till ett eget blad",
    en="sheet {sheet} has more than {limit} merged ranges, more than a plan's table; copy the table "
       "to a sheet of its own")
OVERLAPPING_MERGES = template(
    "import.xlsx.overlapping_merges",
    sv="bladet {sheet}: de sammanfogade områdena {first} och {second} överlappar, vilket Excel inte "
       "kan visa (filen är skadad); öppna filen i Excel, låt Excel reparera den och spara den igen",
    en="sheet {sheet}: the merged ranges {first} and {second} overlap, which Excel cannot show (the "
       "file is damaged); open the file in Excel, let Excel repair it and save it again")
XLSX_SCALED = template(
    "import.xlsx.scaled",
    sv="{cell}: talformatet {format} visar inte talet {value} som det står utan skalat (till exempel i "
       "tusental); formatera cellen som tal utan skalning (Format, Celler, Tal), eller skriv talet så "
       "som det ska läsas",
    en="{cell}: the number format {format} does not show the number {value} as it is but scaled (for "
       "example in thousands); format the cell as a number without scaling (Format, Cells, Number), "
       "or write the number as it is to be read")
ROW_TOO_WIDE = template(
    "import.xlsx.row_too_wide",
    sv="bladet {sheet}, rad {row}: fler än {limit} celler, fler än Excel har kolumner (filen är skadad); "
       "öppna filen i Excel och spara den igen",
    en="sheet {sheet}, row {row}: more than {limit} cells, more than Excel has columns (the file is "
       "damaged); open the file in Excel and save it again")

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


def _part_limit(name: str) -> int:
    """What the zip part ``name`` may unpack to: the parts with the tables (a document, a sheet, the
    shared texts) more than the rest; a part that is not XML only counts in the whole file's."""
    lower = name.lower()
    if not lower.endswith((".xml", ".rels")):
        return MAX_UNPACKED_BYTES
    big = (lower.startswith("xl/worksheets/") or lower == "xl/sharedstrings.xml"
           or lower.startswith("word/")) and lower.endswith(".xml") and not lower.endswith("styles.xml")
    return MAX_XML_PART_BYTES if big else MAX_SMALL_PART_BYTES


def _count_text(number: int) -> str:
    """A count as Swedish text writes it: ``300 000``."""
    return f"{number:,}".replace(",", " ")


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
    for entry in entries:
        limit = _part_limit(entry.filename)
        if entry.file_size > limit:
            raise TableReadError(PART_TOO_LARGE(part=quoted(entry.filename), limit=limit // 1024 // 1024))
    names = {entry.filename for entry in entries}
    if "xl/workbook.bin" in names:
        raise TableReadError(NOT_A_TABLE_FILE(kind=KIND_XLSB()))
    if any(name.startswith("word/") for name in names):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _read_docx(archive, source)
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
    merged: dict[tuple[int, int], tuple[int, int, int, int]] = {}  # position: the range it is in
    boxes: list[tuple[int, int, int, int]] = []
    for bounds in merges:
        first_row, first_column, last_row, last_column = bounds
        text = values.get((first_row, first_column), "")
        rows_in = range(max(first_row, top), min(last_row, bottom) + 1)
        columns_in = range(max(first_column, left), min(last_column, right) + 1)
        if (first_row == last_row and first_column == last_column) or not rows_in or not columns_in:
            continue
        for row in rows_in:
            for column in columns_in:
                if (row - top, column - left) in merged:  # so each position is filled once
                    raise TableReadError(OVERLAPPING_MERGES(
                        sheet=quoted(name), first=_range_text(merged[row - top, column - left]),
                        second=_range_text(bounds)))
                cells[row - top][column - left] = text
                merged[row - top, column - left] = bounds
        boxes.append((rows_in[0] - top, columns_in[0] - left, rows_in[-1] - top, columns_in[-1] - left))
    return Grid(kind=kind, source=source, name=name, cells=tuple(map(tuple, cells)),
                merged=frozenset(merged), above=above, origin=(top, left), merges=tuple(sorted(boxes)))


def _range_text(bounds: tuple[int, int, int, int]) -> str:
    first_row, first_column, last_row, last_column = bounds
    return f"{column_letters(first_column)}{first_row}:{column_letters(last_column)}{last_row}"


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


def _delimiter(text: str) -> tuple[str, int]:
    """``;``, tab or ``,``: the one that splits most of the first lines into the same number (2+)
    of fields; on a tie the first of them (``"0,5;1,5"`` is two fields, not three). With it, the
    number of fields of those lines (the table's rows)."""
    sample = text[:65536]
    best, best_score, best_width = ";", 0, 0
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
        score, width = max(((lines, width) for width, lines in widths.items() if width >= 2), default=(0, 0))
        if score > best_score:
            best, best_score, best_width = delimiter, score, width
    return best, best_width


#: Lines one quoted field may run over before it is taken for a missing closing quote.
MAX_FIELD_LINES = 50


def read_csv_text(text: str, source: str) -> list[Grid]:
    """The table of CSV text (see the module's description), as a one-item list, or ``[]``."""
    delimiter, width = _delimiter(text)
    values: dict[tuple[int, int], str] = {}
    lengths: dict[int, tuple[int, int, int, int]] = {}  # row: its line, fields, last filled field, filled fields
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    row = cells = 0
    while True:
        started = reader.line_num + 1  # the line the record starts on (a quoted field can span lines)
        try:
            record = next(reader, None)
        except csv.Error:
            limit = f"{csv.field_size_limit():,}".replace(",", " ")
            raise TableReadError(CSV_FIELD_TOO_LONG(line=started, limit=limit)) from None
        if record is None:
            break
        row, cells = row + 1, cells + len(record)
        if cells > MAX_CELLS:
            raise TableReadError(TOO_MANY_CELLS(limit=_count_text(MAX_CELLS)))
        if reader.line_num > started:
            _refuse_open_quote(record, started, reader.line_num - started + 1, delimiter, width)
        last = filled = 0
        for column, field in enumerate(record, start=1):
            if field.strip():
                values[row, column], last, filled = field.strip(), column, filled + 1
                if delimiter == ",":
                    _refuse_thousands_comma(field.strip(), row, column)
        lengths[row] = (started, len(record), last, filled)
    _refuse_extra_fields(lengths)
    grid = _sheet_grid(Kind.CSV, source, "", values)
    return [grid] if grid else []


def _refuse_open_quote(record: list[str], line: int, lines: int, delimiter: str, width: int) -> None:
    """A quoted field over many lines, or holding lines that split into a row of the table (of
    three fields or more where a comma separates them: prose has commas), is a quote never closed."""
    rows = sum(len(next(csv.reader([part], delimiter=delimiter), [])) == width >= (3 if delimiter == "," else 2)
               for field in record for part in field.split("\n")[1:])
    if rows or lines > MAX_FIELD_LINES:
        raise TableReadError(CSV_OPEN_QUOTE(line=line, lines=lines, rows=rows))


def _refuse_extra_fields(lengths: Mapping[int, tuple[int, int, int, int]]) -> None:
    """A row with a filled field beyond the header row's fields: the header is the first row with
    two filled fields, as :func:`_sheet_grid` takes it."""
    header = next((row for row, (_line, _fields, _last, filled) in lengths.items() if filled >= 2), None)
    if header is None:
        return
    header_line, columns, _last, _filled = lengths[header]
    for row, (line, fields, last, _filled) in lengths.items():
        if row > header and last > columns:
            raise TableReadError(CSV_EXTRA_FIELDS(line=line, fields=fields, header=header_line, columns=columns))


_THOUSANDS_COMMA_RE = re.compile(r"([-\u2212]?)(\d+),(\d{3})(\s*(?:tkr|mkr|mnkr|kr))?", re.IGNORECASE)


def _refuse_thousands_comma(field: str, row: int, column: int) -> None:
    """In a comma-separated file, ``"1,234"`` may be written by a program with a thousands comma:
    as ambiguous as ``5.400`` (see :mod:`budgetbalans.plan.amounts`), refused with both readings; each
    end of a range too (``"1,500-2,000"``)."""
    from budgetbalans.plan.amounts import split_range

    ends = split_range(field)
    for end in (field,) if ends is None else ends:
        _refuse_one_thousands_comma(end.strip(), row, column)


def _refuse_one_thousands_comma(field: str, row: int, column: int) -> None:
    match = _THOUSANDS_COMMA_RE.fullmatch(field)
    if match is None or not match[2].strip("0"):
        return
    sign, whole, part, unit = match[1], match[2], match[3], match[4] or ""
    thousands = sign + f"{int(whole + part):,}".replace(",", " ") + unit
    decimal = sign + str(int(whole)) + ("," + part.rstrip("0") if part.rstrip("0") else "") + unit
    raise TableReadError(CSV_THOUSANDS_COMMA(cell=f"rad {row}, kolumn {column}", value=quoted(field),
                                             thousands=thousands, decimal=decimal))


# --- Excel ----------------------------------------------------------------------------------


def _read_xlsx(data: bytes, source: str) -> list[Grid]:
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    try:
        with warnings.catch_warnings(), _no_size_probe():  # openpyxl warns of features it drops
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except Exception:  # anything openpyxl raises on the file's own content means it is damaged
        raise TableReadError(CORRUPT_XLSX()) from None
    grids: list[Grid] = []
    missing: list[tuple[str, str]] = []
    budget = [MAX_CELLS, MAX_SHEET_ELEMENTS]  # cells and XML elements still to be read, over all sheets
    try:
        formats = _number_formats(workbook)
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    values, merge_refs = _sheet_values(sheet, missing, formats, budget)
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


@contextmanager
def _no_size_probe() -> Iterator[None]:
    """While openpyxl opens a workbook read-only, it does not probe each sheet's size: a sheet
    without a ``<dimension>`` is parsed whole for it (every element kept until the end: millions of
    empty rows take seconds and hundreds of megabytes). The sheets are read, bounded, by
    :func:`_sheet_values`, which needs no size."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet  # type: ignore[import-untyped]

    probe = ReadOnlyWorksheet._get_size
    ReadOnlyWorksheet._get_size = lambda self: None
    try:
        yield
    finally:
        ReadOnlyWorksheet._get_size = probe


def _number_formats(workbook: Any) -> dict[int, str]:
    """The number format code of each cell style (by the style's index) that has one other than General."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE  # type: ignore[import-untyped]

    custom = list(workbook._number_formats)
    codes: dict[int, str] = {}
    for index, style in enumerate(workbook._cell_styles):
        number = style.numFmtId
        code = BUILTIN_FORMATS.get(number) if number < BUILTIN_FORMATS_MAX_SIZE else \
            (custom[number - BUILTIN_FORMATS_MAX_SIZE] if number - BUILTIN_FORMATS_MAX_SIZE < len(custom) else None)
        if code and code != "General":
            codes[index] = str(code)
    return codes


def _merge_bounds(bounds: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    first_column, first_row, last_column, last_row = bounds
    return first_row, first_column, last_row, last_column


_SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _sheet_values(sheet: Any, missing: list[tuple[str, str]], formats: Mapping[int, str],
                  budget: list[int]) -> tuple[dict[tuple[int, int], str], list[str]]:
    """The non-empty cell texts of a read-only sheet and its merged ranges (``A2:A5``), in one pass.

    Uses openpyxl's own cell parser on a bounded pass over the sheet's XML (openpyxl's own pass,
    what ``ReadOnlyWorksheet.iter_rows`` uses, pads every missing row, hides the merged ranges
    and keeps every element it does not know until the end): each row is dropped once read, cells
    are counted against ``budget`` (the cells left to read in the workbook) and merged ranges
    against :data:`MAX_MERGES` as they come. A formula cell without a saved result is added to
    ``missing`` as (address, formula); a number is read as its format shows it (:func:`shown_number`).
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
    refs: list[str] = []
    with sheet._get_source() as xml:
        parser = Parser(xml, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                        date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for row in _bounded_rows(xml, title, refs, budget):
            for cell in parser.parse_row(row)[1]:
                value = cell["value"]
                code = formats.get(cell["style_id"]) if isinstance(value, (int, float)) and \
                    not isinstance(value, bool) else None
                where = f"{title}!{column_letters(cell['column'])}{cell['row']}"
                text = shown_number(value, code, where) if code else cell_text(value)
                if text:
                    values[cell["row"], cell["column"]] = text
            row.clear()
    return values, refs


def _bounded_rows(xml: Any, title: str, refs: list[str], budget: list[int]) -> Iterator[Any]:
    """The ``<row>`` elements of a sheet's XML, each whole; the merged ranges' references go to
    ``refs``. Everything else is dropped as soon as it ends, so memory holds one row; a row with
    more parts than Excel has columns, more cells or XML elements than ``budget`` holds (cells,
    elements), or more than :data:`MAX_MERGES` merged ranges is refused as it is read."""
    from xml.etree.ElementTree import iterparse

    stack: list[Any] = []
    in_row = held = 0
    row_number = ""
    for event, element in iterparse(xml, events=("start", "end")):
        if event == "start":
            stack.append(element)
            if element.tag == _ROW_TAG:
                in_row, row_number = in_row + 1, element.get("r", "")
            continue
        stack.pop()
        budget[1] -= 1
        if budget[1] < 0:
            raise TableReadError(TOO_MANY_SHEET_ELEMENTS(sheet=quoted(title), limit=_count_text(MAX_SHEET_ELEMENTS)))
        if element.tag == _ROW_TAG:
            in_row, held = in_row - 1, 0
            yield element
        elif in_row:
            held += 1
            if held > MAX_EXCEL_COLUMNS * 4:
                raise TableReadError(ROW_TOO_WIDE(sheet=quoted(title), row=quoted(row_number), limit=_count_text(MAX_EXCEL_COLUMNS)))
            if element.tag == _CELL_TAG:
                budget[0] -= 1
                if budget[0] < 0:
                    raise TableReadError(TOO_MANY_CELLS(limit=_count_text(MAX_CELLS)))
            continue
        elif element.tag == _MERGE_TAG:
            refs.append(element.get("ref", ""))
            if len(refs) > MAX_MERGES:
                raise TableReadError(TOO_MANY_MERGES(sheet=quoted(title), limit=_count_text(MAX_MERGES)))
        if stack:
            stack[-1].remove(element)  # read (or not needed): let it go


_ROW_TAG, _CELL_TAG, _MERGE_TAG = f"{_SHEET}row", f"{_SHEET}c", f"{_SHEET}mergeCell"


_VALUE_TAG = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"


def shown_number(value: int | float, code: str, cell: str) -> str:
    """A number as the format ``code`` shows it in ``cell``, with the text it shows around the number
    (``#,##0" tkr"`` gives ``1234 tkr``), a percentage as one (``0%`` shows 0,05 as ``5 %``, which
    no amount column takes for 0,05 tkr), nothing where it shows nothing (``;;;``). A format that
    shows another number (scaled by a comma after the last digit, an exponent, a fraction) is
    refused: Excel shows ``1 234`` for 1 234 000 in ``#,##0,``.

    Decimals a format does not show are kept (``1234,56`` in ``0`` shows ``1235`` and is read
    ``1234,56``): the shown figure is the stored one rounded, Excel's sums add the stored ones
    (so the document's sum rows agree with them), and budgetbalans's own reports show fewer
    decimals than they hold."""
    if not math.isfinite(value):
        return cell_text(value)
    sections = [_FormatSection(part) for part in _format_sections(code)]
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    for section in sections:
        if section.other_number:
            raise TableReadError(XLSX_SCALED(cell=cell, format=quoted(code), value=number_text(number)))
    section = sections[1] if number < 0 and len(sections) > 1 and sections[1].text else \
        sections[2] if number == 0 and len(sections) > 2 else sections[0]
    return section.show(number, own_sign=number < 0 and section is not sections[0])


def _format_sections(code: str) -> list[str]:
    """The ``;``-separated sections of a number format, ``;`` in quotes or brackets not counted."""
    sections, part, quote, bracket, escape = [], "", False, False, False
    for char in code:
        if escape:
            escape = False
        elif char == "\\" and not quote:
            escape = True
        elif char == '"':
            quote = not quote
        elif char == "[" and not quote:
            bracket = True
        elif char == "]" and not quote:
            bracket = False
        elif char == ";" and not quote and not bracket:
            sections.append(part)
            part = ""
            continue
        part += char
    return [*sections, part]


class _FormatSection:
    """One section of a number format: its digit placeholders and the text around them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[tuple[str, str]] = list(_format_tokens(text))  # (kind, text)
        kinds = [kind for kind, _ in self.tokens]
        digits = [i for i, kind in enumerate(kinds) if kind in ("digit", "general")]
        self.placeholders = bool(digits)
        self.percent = "percent" in kinds
        first, last = (digits[0], digits[-1]) if digits else (len(kinds), len(kinds))
        scaled = "comma" in kinds[last + 1:] or any(
            kinds[i] == "comma" and kinds[i + 1] == "dot" for i in range(len(kinds) - 1))
        self.other_number = scaled or "exponent" in kinds or "slash" in kinds[first:last]
        self.prefix = "".join(text for kind, text in self.tokens[:first] if kind in ("text", "percent"))
        self.suffix = "".join(text for kind, text in self.tokens[last + 1:] if kind in ("text", "percent"))

    def show(self, number: Decimal, own_sign: bool) -> str:
        """``number`` as this section shows it; ``own_sign``: the section is the one for negative
        numbers (its ``-`` or parentheses show the sign; without either, as red, the sign is read)."""
        if not self.placeholders:
            return (self.prefix + self.suffix).strip()
        size = abs(number) * (100 if self.percent else 1)
        prefix, suffix = self.prefix, self.suffix
        if own_sign:
            prefix, suffix = prefix.replace("-", "").replace("(", ""), suffix.replace(")", "")
        sign = "-" if number < 0 and size != 0 else ""
        return " ".join(part for part in (prefix.strip(), sign + number_text(size), suffix.strip()) if part)


def _format_tokens(code: str) -> Iterator[tuple[str, str]]:
    """The parts of a number format section: ``digit`` (``0 # ?``), ``general``, ``dot``, ``comma``,
    ``percent``, ``exponent``, ``slash``, and ``text`` it shows as written (quoted, escaped, a
    currency in ``[$kr-41D]``, and the characters Excel shows without quotes)."""
    at = 0
    while at < len(code):
        char = code[at]
        if char == '"':
            end = code.find('"', at + 1)
            end = len(code) if end < 0 else end
            yield "text", code[at + 1:end]
            at = end + 1
        elif char == "\\":
            yield "text", code[at + 1:at + 2]
            at += 2
        elif char in "_*":  # padding to the width of the next character, or filling with it
            yield "text", " " if char == "_" else ""
            at += 2
        elif char == "[":
            end = code.find("]", at)
            end = len(code) if end < 0 else end
            inside = code[at + 1:end]
            if inside.startswith("$"):
                yield "text", inside[1:].split("-")[0]
            at = end + 1
        elif code[at:at + 7].lower() == "general":
            yield "general", ""
            at += 7
        elif char in "Ee" and code[at + 1:at + 2] in ("+", "-"):
            yield "exponent", char
            at += 2
        else:
            yield _FORMAT_CHARS.get(char, "text"), char
            at += 1


_FORMAT_CHARS = {"0": "digit", "#": "digit", "?": "digit", ".": "dot", ",": "comma", "%": "percent", "/": "slash"}


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
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML, _BODY = (
    f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}body")
_R, _RPR, _PPR, _VANISH, _SPEC_VANISH, _R_STYLE, _P_STYLE = (
    f"{_W}r", f"{_W}rPr", f"{_W}pPr", f"{_W}vanish", f"{_W}specVanish", f"{_W}rStyle", f"{_W}pStyle")
_WRAPPERS = (_SDT, _SDT_CONTENT, _CUSTOM_XML)
#: Characters that show nothing and only steer where a line may break (a zero-width space, a word
#: joiner): the text a person reads has none of them.
_NO_WIDTH = dict.fromkeys(map(ord, "\u200b\u2060\ufeff"))
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}
#: Parts of a paragraph whose text is not the paragraph's as Word shows it: text boxes, the
#: fallback copy of alternate content, deleted and moved-away text (tracked changes), field codes.
_NOT_TEXT = {f"{_W}txbxContent", "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",
             f"{_W}del", f"{_W}moveFrom", f"{_W}instrText", f"{_W}delText", _PPR, _RPR}
_WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OFFICE_DOCUMENT = "/officeDocument"
_PACKAGE_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _read_docx(archive: zipfile.ZipFile, source: str) -> list[Grid]:
    """The tables of a Word document, streamed from its XML (see the module's description)."""
    from lxml import etree  # type: ignore[import-untyped]

    main = _docx_main_part(archive)
    hidden = _hidden_styles(archive, main)
    try:
        with archive.open(main) as xml:
            return _DocxReader(source, hidden).read(xml)
    except (etree.LxmlError, ValueError, zipfile.BadZipFile, EOFError, KeyError):
        raise TableReadError(CORRUPT_DOCX()) from None


def _xml_part(archive: zipfile.ZipFile, name: str) -> Any:
    """A small part (relationships, content types, styles) as an lxml tree; ``None`` if missing."""
    from lxml import etree

    try:
        data = archive.read(name)
        return etree.fromstring(data, _xml_parser())
    except KeyError:
        return None
    except (etree.LxmlError, zipfile.BadZipFile, EOFError, ValueError):
        raise TableReadError(CORRUPT_DOCX()) from None


def _xml_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _docx_main_part(archive: zipfile.ZipFile) -> str:
    """The name of the document's main part; a template or a document with macros is refused."""
    rels = _xml_part(archive, "_rels/.rels")
    target = next((rel.get("Target", "") for rel in ([] if rels is None else rels.iter(_PACKAGE_RELS))
                   if rel.get("Type", "").endswith(_OFFICE_DOCUMENT)), "")
    name = target.lstrip("/")
    types = _xml_part(archive, "[Content_Types].xml")
    if not name or types is None:
        raise TableReadError(CORRUPT_DOCX())
    kind = next((item.get("ContentType") for item in types.iter(f"{_CONTENT_TYPES}Override")
                 if item.get("PartName", "").lstrip("/").lower() == name.lower()), None)
    if kind is None:
        ending = name.rsplit(".", 1)[-1].lower()
        kind = next((item.get("ContentType") for item in types.iter(f"{_CONTENT_TYPES}Default")
                     if item.get("Extension", "").lower() == ending), None)
    if kind != _WORD_MAIN:
        raise TableReadError(NOT_PLAIN_DOCX() if kind and "word" in kind else CORRUPT_DOCX())
    return name


def _hidden_styles(archive: zipfile.ZipFile, main: str) -> frozenset[str]:
    """The ids of the styles that hide their text (``w:vanish``), also through the styles they are
    based on; the styles part is ``word/styles.xml`` beside the main part."""
    folder = main.rpartition("/")[0]
    styles = _xml_part(archive, f"{folder}/styles.xml" if folder else "styles.xml")
    if styles is None:
        return frozenset()
    based: dict[str, str] = {}
    own: dict[str, bool] = {}
    for style in styles.iter(f"{_W}style"):
        key = style.get(f"{_W}styleId") or ""
        parent = _attribute(style, f"{_W}basedOn")
        if parent:
            based[key] = parent
        vanish = style.find(f"{_RPR}/{_VANISH}")
        if vanish is not None:
            own[key] = _switched_on(vanish)
    return frozenset(key for key in {*based, *own} if _style_hides(key, based, own))


def _style_hides(key: str, based: Mapping[str, str], own: Mapping[str, bool]) -> bool:
    for _ in range(len(based) + 1):  # a loop of basedOn ends here
        if key in own:
            return own[key]
        if key not in based:
            return False
        key = based[key]
    return False


def _switched_on(toggle: Any) -> bool:
    """A toggle property (``<w:vanish/>``) is on unless its value says off."""
    return toggle.get(f"{_W}val", "true").lower() not in ("0", "false", "off")


def _run_hidden(run: Any, hidden_styles: frozenset[str], paragraph_hidden: bool) -> bool:
    """Word shows no text of a run with ``vanish`` (directly or by its style) or ``specVanish``."""
    properties = run.find(_RPR)
    if properties is not None:
        for tag in (_VANISH, _SPEC_VANISH):
            toggle = properties.find(tag)
            if toggle is not None:
                return _switched_on(toggle)
        style = properties.find(_R_STYLE)
        if style is not None and style.get(f"{_W}val") in hidden_styles:
            return True
    return paragraph_hidden


class _DocxReader:
    """One pass over the main part's XML: each top-level paragraph and table is read when it ends
    and then dropped, so memory holds one table at a time; every limit is checked as it is reached."""

    def __init__(self, source: str, hidden_styles: frozenset[str]) -> None:
        self.source, self.hidden_styles = source, hidden_styles
        self.grids: list[Grid] = []
        self.before: list[str] = []
        self.tables = self.paragraphs = self.positions = self.held = 0

    def read(self, xml: Any) -> list[Grid]:
        from lxml import etree

        stack: list[tuple[Any, bool]] = []  # open elements, each with: is it the body or a wrapper in it
        in_table = 0
        for event, element in etree.iterparse(xml, events=("start", "end"), resolve_entities=False,
                                              no_network=True, load_dtd=False, huge_tree=False):
            if event == "start":
                inside = bool(stack) and stack[-1][1]
                stack.append((element, element.tag == _BODY or (inside and element.tag in _WRAPPERS)))
                in_table += element.tag == _TBL
                continue
            stack.pop()
            in_table -= element.tag == _TBL
            self._count(element.tag, in_table)
            if stack and stack[-1][1]:  # a paragraph or table of the body: read, then let go
                self._top_level(element)
                stack[-1][0].remove(element)
                self.held = 0
        return self.grids

    def _count(self, tag: str, in_table: int) -> None:
        if tag == _P:
            self.paragraphs += 1
            if self.paragraphs > MAX_PARAGRAPHS:
                raise TableReadError(TOO_MANY_PARAGRAPHS(limit=_count_text(MAX_PARAGRAPHS)))
        self.held += 1  # held in memory until its paragraph or table of the body ends
        if self.held > MAX_TABLE_ELEMENTS:
            limit = _count_text(MAX_TABLE_ELEMENTS)
            raise TableReadError(WORD_TABLE_TOO_MUCH(table=self.tables + 1, limit=limit) if in_table
                                 else WORD_PARAGRAPH_TOO_MUCH(limit=limit))

    def _top_level(self, element: Any) -> None:
        if element.tag == _P:
            text = _paragraph_text(element, self.hidden_styles).strip()
            if text:
                self.before.append(text)
                del self.before[:-MAX_ABOVE]
        elif element.tag == _TBL:
            self.tables += 1
            if self.tables > MAX_TABLES:
                raise TableReadError(TOO_MANY_TABLES(limit=_count_text(MAX_TABLES)))
            cells, merged, merges = _table_cells(element, self)
            if cells:
                self.grids.append(Grid(kind=Kind.DOCX, source=self.source, name=f"tabell {self.tables}",
                                       cells=cells, merged=merged, above=tuple(self.before[-MAX_ABOVE:]),
                                       merges=merges))
            self.before = []
        elif element.tag in _WRAPPERS:
            for child in _body_children(element):
                self._top_level(child)

    def check_positions(self, rows: int, width: int) -> None:
        """Refuse a table whose positions (rows × width) bring the file's over the limit."""
        if self.positions + rows * width > MAX_SHEET_CELLS:
            raise TableReadError(WORD_TABLE_TOO_LARGE(
                table=self.tables, rows=_count_text(rows), columns=_count_text(width),
                limit=_count_text(MAX_SHEET_CELLS)))


def _body_children(parent: Any, tags: tuple[str, ...] = (_P, _TBL)) -> Iterator[Any]:
    """The children of ``parent`` with one of ``tags``, also inside content controls."""
    for child in parent:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _body_children(child, tags)


def _paragraph_text(paragraph: Any, hidden_styles: frozenset[str] = frozenset()) -> str:
    """The text Word shows of a paragraph: hidden runs, deleted and moved-away text left out."""
    style = paragraph.find(f"{_PPR}/{_P_STYLE}")
    paragraph_hidden = style is not None and style.get(f"{_W}val") in hidden_styles
    parts: list[str] = []
    stack = [iter(paragraph)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif child.tag in _TEXT:
            parts.append(_TEXT[child.tag] or (child.text or "").translate(_NO_WIDTH))
        elif child.tag == _R and _run_hidden(child, hidden_styles, paragraph_hidden):
            continue
        elif child.tag not in _NOT_TEXT and len(child):
            stack.append(iter(child))
    return "".join(parts)


def _cell_text(cell: Any, hidden_styles: frozenset[str]) -> str:
    return "\n".join(_paragraph_text(paragraph, hidden_styles)
                     for paragraph in _body_children(cell, (_P,))).strip()


def _attribute(element: Any, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{_W}val")


#: Word tables have at most 63 columns; a span or offset beyond that is not believed.
_MAX_WORD_COLUMNS = 63


def _table_cells(table: Any, reader: _DocxReader) -> tuple[
        tuple[tuple[str, ...], ...], frozenset[tuple[int, int]], tuple[tuple[int, int, int, int], ...]]:
    """A Word table's texts by position, its merged positions and the box of each merged cell, in
    one pass over its XML; its positions are counted against the file's limit row by row."""
    rows: list[list[tuple[str, int]]] = []  # each position: (text, id of the cell that owns it)
    spans: dict[int, int] = {}  # positions each owning cell covers
    owner_id = width = 0
    for row in _body_children(table, (_TR,)):
        if row.find(f"{_W}trPr/{_W}del") is not None:  # a row deleted with tracked changes
            continue
        before = min(max(0, int(_attribute(row, f"{_W}trPr/{_W}gridBefore") or 0)), _MAX_WORD_COLUMNS)
        positions: list[tuple[str, int]] = [("", -1)] * before
        above = rows[-1] if rows else []
        for cell in _body_children(row, (_TC,)):
            span = min(max(1, int(_attribute(cell, f"{_W}tcPr/{_W}gridSpan") or 1)), _MAX_WORD_COLUMNS)
            reader.check_positions(len(rows) + 1, max(width, len(positions) + span))
            merge = cell.find(f"{_W}tcPr/{_W}vMerge")
            column = len(positions)
            if merge is not None and merge.get(f"{_W}val") in (None, "continue") and column < len(above) \
                    and above[column][1] >= 0:
                text, owner = above[column]
            else:
                owner_id += 1
                text, owner = _cell_text(cell, reader.hidden_styles), owner_id
            positions += [(text, owner)] * span
            spans[owner] = spans.get(owner, 0) + span
        rows.append(positions)
        width = max(width, len(positions))
        reader.check_positions(len(rows), width)
    reader.positions += len(rows) * width
    if width == 0:
        return (), frozenset(), ()
    cells = tuple(tuple(text for text, _ in row) + ("",) * (width - len(row)) for row in rows)
    boxes: dict[int, tuple[int, int, int, int]] = {}
    for r, row in enumerate(rows):
        for c, (_, owner) in enumerate(row):
            if owner >= 0 and spans[owner] > 1:
                top, left, bottom, right = boxes.get(owner, (r, c, r, c))
                boxes[owner] = (min(top, r), min(left, c), max(bottom, r), max(right, c))
    merged = frozenset((r, c) for r, row in enumerate(rows) for c, (_, owner) in enumerate(row)
                       if owner >= 0 and spans[owner] > 1)
    return cells, merged, tuple(sorted(boxes.values()))
