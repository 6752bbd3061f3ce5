"""The PDF LibreOffice prints, read back: objects, fonts, each page's text and runs of text, media boxes."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass


def pdf_objects(data: bytes) -> dict[int, bytes]:
    return {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}


def pdf_stream(objs: dict[int, bytes], body: bytes) -> bytes:
    # The stream is /Length bytes long: compressed data may itself end in "\r",
    # so the bytes before "endstream" are not a safe end marker.
    start = re.search(rb"stream\r?\n", body)
    length = re.search(rb"/Length\s+(\d+)(\s+0\s+R)?", body)
    assert start is not None and length is not None
    size = int(objs[int(length.group(1))].strip()) if length.group(2) else int(length.group(1))
    raw = body[start.end():start.end() + size]
    return zlib.decompress(raw) if b"FlateDecode" in body else raw


def pdf_cmap(objs: dict[int, bytes], n: int) -> dict[bytes, str]:
    table, text = {}, pdf_stream(objs, objs[n])
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[src.upper()] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for a, b, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            for i, code in enumerate(range(int(a, 16), int(b, 16) + 1)):
                table[f"{code:0{len(a)}X}".encode()] = chr(int(dst, 16) + i)
    return table


def pdf_pages(objs: dict[int, bytes]) -> list[tuple[dict[bytes, int], bytes]]:
    """Each page's fonts (name → font object) and its content stream."""
    pages = []
    for _, body in sorted(objs.items()):
        if not re.search(rb"/Type\s*/Page[^s]", body):
            continue
        resources = re.search(rb"/Resources\s*(\d+) 0 R", body)
        resource = objs[int(resources.group(1))] if resources else body
        font_dict = re.search(rb"/Font\s*<<(.*?)>>", resource, re.S)
        if font_dict is None:
            font_ref = re.search(rb"/Font\s*(\d+) 0 R", resource)
            assert font_ref is not None
            font_dict = re.search(rb"<<(.*?)>>", objs[int(font_ref.group(1))], re.S)
        assert font_dict is not None
        fonts = {name: int(ref) for name, ref in re.findall(rb"/(\w+)\s+(\d+) 0 R", font_dict.group(1))}
        contents = re.search(rb"/Contents\s*(\d+) 0 R", body)
        assert contents is not None
        pages.append((fonts, pdf_stream(objs, objs[int(contents.group(1))])))
    return pages


def pdf_pages_text(data: bytes) -> list[str]:
    """The text of each page of a PDF LibreOffice wrote (Flate streams, hex strings, ToUnicode maps)."""
    objs = pdf_objects(data)
    pages = []
    for refs, content in pdf_pages(objs):
        fonts = {}
        for name, ref in refs.items():
            unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", objs[ref])
            fonts[name] = pdf_cmap(objs, int(unicode.group(1))) if unicode else {}
        out: list[str] = []
        font: dict[bytes, str] = {}
        for token in re.finditer(rb"/(\w+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>|(ET)", content):
            if token.group(1):
                font = fonts.get(token.group(1), {})
            elif token.group(3):
                out.append("\n")
            else:
                codes, width = token.group(2).upper(), len(next(iter(font))) if font else 4
                out.append("".join(font.get(codes[i:i + width], "?") for i in range(0, len(codes), width)))
        pages.append(" ".join("".join(out).split()))
    return pages


@dataclass(frozen=True)
class TextRun:
    """A run of text on a page: where it starts and where its last glyph that is not a blank ends
    (points), its baseline and its font size."""

    x0: float
    x1: float
    y: float
    size: float
    text: str


def pdf_font(objs: dict[int, bytes], ref: int) -> tuple[dict[bytes, str], int, list[float]]:
    """A simple font's codes to text, its first code and its glyph widths (thousandths of the size)."""
    font = objs[ref]
    unicode = re.search(rb"/ToUnicode\s+(\d+) 0 R", font)
    first = re.search(rb"/FirstChar\s+(\d+)", font)
    widths = re.search(rb"/Widths\s*\[(.*?)\]", font, re.S)
    assert unicode is not None and first is not None and widths is not None
    return pdf_cmap(objs, int(unicode.group(1))), int(first.group(1)), [float(w) for w in widths.group(1).split()]


_TEXT_OPERATORS = re.compile(rb"(-?[\d.]+)\s+(-?[\d.]+)\s+Td|/(\w+)\s+([\d.]+)\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj",
                             re.S)


def pdf_pages_runs(data: bytes) -> list[list[TextRun]]:
    """Each page's runs of text with their positions, from the fonts' widths and TJ's kerning (LibreOffice
    writes each cell's text, or each line of a wrapped cell, as one run)."""
    objs = pdf_objects(data)
    pages = []
    for refs, content in pdf_pages(objs):
        fonts = {name: pdf_font(objs, ref) for name, ref in refs.items()}
        runs: list[TextRun] = []
        for block in re.findall(rb"\bBT\b(.*?)\bET\b", content, re.S):
            x = y = size = 0.0
            font: tuple[dict[bytes, str], int, list[float]] = ({}, 0, [])
            for op in _TEXT_OPERATORS.finditer(block):
                if op.group(1) is not None:
                    x, y = x + float(op.group(1)), y + float(op.group(2))
                elif op.group(3) is not None:
                    font, size = fonts[op.group(3)], float(op.group(4))
                else:
                    shown = op.group(5) if op.group(5) is not None else b"<" + op.group(6) + b">"
                    text, advance = _shown(shown, font)
                    runs.append(TextRun(x, x + advance * size / 1000, y, size, text.rstrip()))
        pages.append(runs)
    return pages


def _shown(operand: bytes, font: tuple[dict[bytes, str], int, list[float]]) -> tuple[str, float]:
    """The text a TJ array (or a Tj string) shows and how far its last glyph that is not a blank ends,
    in thousandths of the size."""
    codes, first, widths = font
    text, advance, ink = "", 0.0, 0.0
    for part in re.finditer(rb"<([0-9A-Fa-f]*)>|(-?[\d.]+)", operand):
        if part.group(2) is not None:
            advance -= float(part.group(2))
            continue
        hexes = part.group(1).upper()
        for i in range(0, len(hexes), 2):
            code = hexes[i:i + 2]
            text += codes.get(code, "?")
            advance += widths[int(code, 16) - first]
            ink = ink if text[-1:].isspace() else advance
    return text, ink


def lines_of(runs: list[TextRun]) -> list[list[TextRun]]:
    """The runs on each baseline, left to right."""
    lines: dict[float, list[TextRun]] = {}
    for run in runs:
        lines.setdefault(round(run.y, 1), []).append(run)
    return [sorted(line, key=lambda run: run.x0) for _, line in sorted(lines.items())]


def media_boxes(data: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in
            re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]
