"""``--template`` hardened (issue 21): a template without page settings is used (the report's own
A4 page), one without a body or with a page size that is not a number is refused (exit 2, no
file written); every external relationship of the template (an attached template on a web
address, an external OLE object, hyperlinks and pictures on the web) is dropped from the report,
which LibreOffice still opens; a zip bomb, a part of millions of elements or a zip of a hundred
thousand entries is refused within a memory limit, before python-docx loads it."""

from __future__ import annotations

import io
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Callable

import docx
import pytest

from tests.clients import SOFFICE, soffice
from tests.command import invoke_bytes as invoke
from tests.pdf import pdf_pages_text
from tests.paths import ROOT

PLAN = ROOT / "examples" / "vard-och-social-2024-2026.yaml"
GAP_EXAMPLE = PLAN  # one plan's gap: a narrow, portrait report
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EXTERNAL = "https://mallar.example.invalid"


def template_bytes(header: str = "Kommunens sidhuvud") -> bytes:
    """A municipality's template made with python-docx: a header, body text."""
    template = docx.Document()
    template.sections[0].header.paragraphs[0].text = header
    template.add_paragraph("Mallens brödtext som ska bort")
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def edited(data: bytes, changes: dict[str, Callable[[bytes], bytes]], added: dict[str, bytes] | None = None) -> bytes:
    """The zip with some parts' XML changed and some parts added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, changes.get(info.filename, lambda b: b)(body))
        for name, body in (added or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def document_xml(change: Callable[[bytes], bytes]) -> bytes:
    return edited(template_bytes(), {"word/document.xml": change})


def summarize(tmp_path: Path, template: bytes, *more: str) -> tuple[int, str, Path]:
    path = tmp_path / "mall.docx"
    path.write_bytes(template)
    out = tmp_path / "rapport.docx"
    code, stdout, stderr = invoke(*more or ("summarize", str(PLAN)), "--format", "docx", "-o", str(out),
                                  "--template", str(path))
    assert stdout == b""
    return code, stderr, out


# --- 1. section properties, body, page size -------------------------------------------------------


def test_a_template_without_section_properties_gets_the_reports_own_a4_page(tmp_path: Path) -> None:
    template = document_xml(lambda xml: re.sub(rb"<w:sectPr.*</w:sectPr>", b"", xml, flags=re.S))
    assert b"sectPr" not in zipfile.ZipFile(io.BytesIO(template)).read("word/document.xml")
    code, stderr, out = summarize(tmp_path, template, "gap", str(GAP_EXAMPLE))
    assert code == 0, stderr
    word = docx.Document(str(out))
    section = word.sections[0]
    sizes = [section.page_width, section.page_height, section.left_margin, section.right_margin]
    assert [round(size.cm, 2) for size in sizes] == [21, 29.7, 2, 2]  # A4 (the gap fits upright), 2 cm margins
    assert "Mallens" not in "\n".join(p.text for p in word.paragraphs)
    assert any(t.rows for t in word.tables)


def test_a_template_without_a_body_is_refused_and_says_what_to_do(tmp_path: Path) -> None:
    template = document_xml(lambda xml: re.sub(rb"<w:body>.*</w:body>", b"", xml, flags=re.S))
    code, stderr, out = summarize(tmp_path, template)
    assert code == 2, stderr
    path = tmp_path / "mall.docx"
    assert stderr.startswith(f"budgetbalans: --template: mallen '{path}' har inget innehåll (w:body saknas i "
                             "word/document.xml); öppna den i Word och spara den igen som .docx eller .dotx\n")
    assert not out.exists()


@pytest.mark.parametrize(("find", "replace", "what"), [
    (rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="abc"', "sidstorleken har värden som Word inte kan använda (w:pgSz)"),
    (rb'w:h="\d+"', b'w:h=""', "sidstorleken har värden som Word inte kan använda (w:pgSz)"),
    (rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="0"', "sidstorleken har värden som Word inte kan använda (w:pgSz)"),
    (rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="99999999999"', "sidstorleken har värden som Word inte kan använda (w:pgSz)"),
    (rb'w:left="\d+"', b'w:left="1,5cm"', "marginalerna har värden som Word inte kan använda (w:pgMar)"),
    (rb'<w:pgSz ', b'<w:pgSz w:orient="sideways" ', "sidstorleken har värden som Word inte kan använda (w:pgSz)"),
])
def test_a_template_whose_page_size_is_not_a_number_is_refused(tmp_path: Path, find: bytes, replace: bytes,
                                                               what: str) -> None:
    template = document_xml(lambda xml: re.sub(find, replace, xml, count=1))
    code, stderr, out = summarize(tmp_path, template)
    assert code == 2, stderr
    assert stderr.startswith(f"budgetbalans: --template: mallen '{tmp_path / 'mall.docx'}': {what}; "
                             "öppna mallen i Word, ställ in sidan under Layout (Storlek, Orientering, Marginaler) och spara den igen\n")
    assert not out.exists()


def test_a_broken_page_size_is_worded_in_english_too(tmp_path: Path) -> None:
    template = document_xml(lambda xml: re.sub(rb'<w:pgSz w:w="\d+"', b'<w:pgSz w:w="abc"', xml, count=1))
    code, stderr, _ = summarize(tmp_path, template, "summarize", str(PLAN), "--lang", "en")
    assert code == 2
    assert stderr.startswith(f"budgetbalans: --template: the template '{tmp_path / 'mall.docx'}': Word cannot "
                             "use the values of the page size (w:pgSz); open the template in Word, set the page "
                             "under Layout (Size, Orientation, Margins) and save it again\n")


# --- 2. external relationships ------------------------------------------------------------------

HEADER_LINKS = (
    '<w:p><w:hyperlink r:id="rIdX1"><w:r><w:t>Kommunens webbplats</w:t></w:r></w:hyperlink></w:p>'
    '<w:p><w:r><w:pict><v:shape id="logo" style="width:20pt;height:20pt"><v:imagedata r:id="rIdX2" o:title=""/>'
    '</v:shape></w:pict></w:r></w:p>'
    '<w:p><w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="logo" DrawAspect="Content" '
    'r:id="rIdX3" UpdateMode="Always"/></w:object></w:r></w:p></w:hdr>')


def _rel(rid: str, kind: str, target: str) -> bytes:
    return (f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}" TargetMode="External"/>'
            ).encode()


def hostile_template() -> bytes:
    """A template whose attached template, header hyperlink, header picture, linked OLE object and a
    hyperlink in its body all point to a web address."""
    data = template_bytes()
    header_rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="'
                   b'http://schemas.openxmlformats.org/package/2006/relationships">'
                   + _rel("rIdX1", "hyperlink", f"{EXTERNAL}/start") + _rel("rIdX2", "image", f"{EXTERNAL}/logo.png")
                   + _rel("rIdX3", "oleObject", f"{EXTERNAL}/budget.xlsx") + b"</Relationships>")
    settings_rels = header_rels.replace(header_rels[header_rels.index(b"<Relationship "):],
                                        _rel("rIdT", "attachedTemplate", f"{EXTERNAL}/Normal.dotm")
                                        + b"</Relationships>")
    return edited(data, {
        "word/header1.xml": lambda xml: xml.replace(b"</w:hdr>", HEADER_LINKS.encode()),
        "word/settings.xml": lambda xml: re.sub(rb"(<w:settings [^>]*>)", rb'\1<w:attachedTemplate r:id="rIdT"/>',
                                                xml),
        "word/_rels/document.xml.rels": lambda xml: xml.replace(
            b"</Relationships>", _rel("rIdX9", "hyperlink", f"{EXTERNAL}/body") + b"</Relationships>"),
        "word/document.xml": lambda xml: xml.replace(
            b"<w:body>", b'<w:body><w:p><w:hyperlink r:id="rIdX9"><w:r><w:t>i mallens text</w:t></w:r>'
                         b'</w:hyperlink></w:p>'),
    }, {"word/_rels/header1.xml.rels": header_rels, "word/_rels/settings.xml.rels": settings_rels})


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_templates_external_relationships_are_not_in_the_report(tmp_path: Path) -> None:
    template = hostile_template()
    before = {name: body for name, body in parts_of(template).items() if b'TargetMode="External"' in body}
    assert set(before) == {"word/_rels/header1.xml.rels", "word/_rels/settings.xml.rels",
                           "word/_rels/document.xml.rels"}
    code, stderr, out = summarize(tmp_path, template)
    assert code == 0, stderr
    written = parts(out)
    for name, body in written.items():
        assert b"External" not in body and b"example.invalid" not in body, name
        assert b'r:id="rIdX' not in body and b'r:id="rIdT"' not in body, name  # no dangling reference
    assert b"attachedTemplate" not in written["word/settings.xml"]
    header = docx.Document(str(out)).sections[0].header
    assert [p.text for p in header.paragraphs][:2] == ["Kommunens sidhuvud", "Kommunens webbplats"]
    assert "Light Grid Accent 1" in docx.Document(str(out)).styles  # the report itself as always


def parts_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.clients
def test_the_report_without_the_templates_links_opens_in_libreoffice(tmp_path: Path) -> None:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    code, stderr, out = summarize(tmp_path, hostile_template())
    assert code == 0, stderr
    soffice(["--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)], tmp_path)
    pages = pdf_pages_text((tmp_path / "pdf" / "rapport.pdf").read_bytes())
    assert pages and all("Kommunens sidhuvud" in page for page in pages)
    assert "Sparbeting" in " ".join(pages)


# --- 3. bounded -------------------------------------------------------------------------------------

LIMIT = 500 * 1024 * 1024


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def run_limited(tmp_path: Path, template: bytes) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "mall.docx"
    path.write_bytes(template)
    return subprocess.run([sys.executable, "-m", "budgetbalans", "summarize", str(PLAN), "--format", "docx", "-o",
                           str(tmp_path / "rapport.docx"), "--template", str(path)],
                          capture_output=True, text=True, timeout=60, preexec_fn=_limited,
                          env={"PATH": "/usr/bin:/bin", "BUDGETBALANS_LANG": "sv"})


def test_a_good_template_is_used_within_the_memory_limit(tmp_path: Path) -> None:
    """The limit of the bombs below leaves room for the real work: a good template is used under it."""
    ran = run_limited(tmp_path, hostile_template())
    assert ran.returncode == 0, ran.stderr
    assert (tmp_path / "rapport.docx").exists()


def _zeros_member(megabytes: int) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template_bytes())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        with target.open("word/media/image1.png", "w", force_zip64=True) as member:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(block)
    return out.getvalue()


@pytest.mark.clients
@pytest.mark.parametrize(("name", "build", "words"), [
    ("zip bomb", lambda: _zeros_member(600), "packas upp till mer än 100 MB"),
    ("a million paragraphs", lambda: document_xml(lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 3_000_000)),
     "har mer än 1 000 000 XML-element"),
    ("a hundred thousand parts", lambda: edited(template_bytes(), {}, {f"x/{n}": b"" for n in range(100_000)}),
     "har mer än 10 000 delar"),
])
def test_a_template_bomb_is_refused_within_the_memory_limit(tmp_path: Path, name: str, build: Callable[[], bytes],
                                                            words: str) -> None:
    template = build()
    assert len(template) < 50 * 1024 * 1024, name  # under the file limit: the unpacked size decides
    ran = run_limited(tmp_path, template)
    assert ran.returncode == 2, ran.stderr
    assert ran.stderr.startswith(f"budgetbalans: --template: mallen '{tmp_path / 'mall.docx'}' ")
    assert words in ran.stderr and "Traceback" not in ran.stderr
    assert not (tmp_path / "rapport.docx").exists()
