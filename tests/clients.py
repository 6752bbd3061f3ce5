"""Real clients for the report tests: LibreOffice (soffice) and headless Chromium, and readers
of what they write (CSV as Swedish Excel reads it, xlsx cells, PNG pixels).

Shared by the report tests (``tests/report/``) and the readers' tests that read what LibreOffice writes.
Tests that need a program skip where it is missing (CI installs both).
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import struct
import subprocess
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CHROMIUM = next((p for p in map(shutil.which, ["chromium", "chromium-browser", "google-chrome"]) if p), None)


# --- CSV as Swedish Excel reads it -----------------------------------------------------------


def read_csv(data: bytes) -> list[list[str]]:
    """As Swedish Excel reads it: BOM, UTF-8, ``;``."""
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data[3:].decode("utf-8"), newline=""), delimiter=";"))


def swedish_number(cell: str) -> Decimal:
    assert re.fullmatch(r"-?\d+(,\d+)?", cell), cell  # no grouping, decimal comma
    return Decimal(cell.replace(",", "."))


# --- Chromium ----------------------------------------------------------------------------------


def run_chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with its own profile, no network, no sandbox (containers)."""
    assert CHROMIUM is not None
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={tmp_path / 'chromium-profile'}", '--host-resolver-rules=MAP * ~NOTFOUND']
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120)


def print_html(page: bytes, folder: Path, name: str = "page") -> bytes:
    """``page`` printed to PDF by headless Chromium, as a reader prints it (no header or footer): the PDF."""
    html, pdf = folder / f"{name}.html", folder / f"{name}.pdf"
    html.write_bytes(page)
    ran = run_chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.as_uri()], folder)
    assert pdf.exists(), ran.stderr[-2000:]
    return pdf.read_bytes()


#: Injected before </body>: the size and number of bars of every SVG, as a <pre id="svg-sizes">.
MEASURE = """<script>
document.addEventListener("DOMContentLoaded", () => {
  const sizes = [...document.querySelectorAll("svg")].map(s => {
    const r = s.getBoundingClientRect(); return [r.width, r.height, s.querySelectorAll("rect").length];
  });
  const out = document.createElement("pre"); out.id = "svg-sizes"; out.textContent = JSON.stringify(sizes);
  document.body.appendChild(out);
});
</script>"""


def read_png(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGBA pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks, header = 8, b"", b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        header = body if kind == b"IHDR" else header
        chunks += body if kind == b"IDAT" else b""
        offset += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    channels = 4 if colour == 6 else 3
    raw, stride, rows = zlib.decompress(chunks), width * channels, []
    previous = bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(bytes(line) if channels == 4 else b"".join(bytes(line[i:i + 3]) + b"\xff"
                                                                for i in range(0, stride, 3)))
        previous = line
    return width, height, b"".join(rows)


# --- LibreOffice -------------------------------------------------------------------------------


RECALCULATE_ON_LOAD = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

def soffice(args: list[str], tmp_path: Path) -> None:
    """LibreOffice headless, with its own profile: writable HOME, and 'always recalculate' on load."""
    assert SOFFICE is not None
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ON_LOAD, encoding="utf-8")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    ran = subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
                         capture_output=True, text=True, errors="replace", timeout=180, env=env)
    assert ran.returncode == 0, ran.stderr


# ; separated, UTF-8, English number notation, raw values (not "as shown"), every sheet to its own file
SHEETS_AS_CSV = "csv:Text - txt - csv (StarCalc):59,34,76,1,,1033,false,false,false,false,false,-1"


def zero_cached_results(path: Path) -> None:
    """Set every formula's stored result to 0, so only a recalculation gives the right figures."""
    with zipfile.ZipFile(path) as book:
        parts = {n: book.read(n) for n in book.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, data in parts.items():
            if name.startswith("xl/worksheets/sheet"):
                data = re.sub(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1<v>0</v>", data)
            book.writestr(name, data)


def read_xlsx_cells(path: Path) -> dict[tuple[int, int], tuple[str, str]]:
    """(row, column) → (type, value) of the first sheet: "n" for a number, "s"/"str"/"inlineStr" for text."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as book:
        shared = [("".join(t.text or "" for t in si.iter(f"{{{ns['m']}}}t")))
                  for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("m:si", ns)]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    cells = {}
    for cell in sheet.iter(f"{{{ns['m']}}}c"):
        ref = cell.get("r", "")
        letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()  # type: ignore[union-attr]
        col = 0
        for letter in letters:
            col = col * 26 + ord(letter) - 64
        kind = cell.get("t", "n")
        raw = cell.findtext("m:v", default="", namespaces=ns)
        value = shared[int(raw)] if kind == "s" else raw
        if raw or kind == "inlineStr":
            cells[(int(digits) - 1, col - 1)] = (kind, value)
    return cells
