"""A Word template the user names (``--template``): read within limits, checked and made safe, as the
bytes of a Word document the docx writer starts from, or a :class:`TemplateError` that says why not.

Only a regular file of at most :data:`TEMPLATE_LIMIT` is read (:func:`budgetbalans.read.files.read_regular`);
an old or password-protected Word file is told apart; its parts are counted, their unpacked size and
XML elements bounded before anything is loaded (:func:`_prepared`); every external relationship is
dropped (:func:`_without_external`), so Word fetches nothing when the report is opened; a .dotx is
made a .docx; and python-docx must load it with a body and a page Word can use (:func:`_check_page`).
Loaded only when ``--template`` is given (python-docx and lxml are imported here).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.section import Section as WordSection
from lxml import etree  # type: ignore[import-untyped]

from budgetbalans.i18n import Lang, Message, quoted, template
from budgetbalans.oserrors import os_reason
from budgetbalans.read.files import OLE_SIGNATURE, FileTooLarge, NotRegularFile, read_regular

#: The largest template read (a template with its logos is far smaller), what its parts may unpack
#: to, how many parts it may have and how many XML elements its XML parts may hold (lxml keeps
#: about 110 bytes an element): so any template is read or refused in seconds and little memory.
TEMPLATE_LIMIT = 50 * 1024 * 1024
_UNPACKED_LIMIT = 100 * 1024 * 1024
_PARTS_LIMIT = 10_000
_ELEMENTS_LIMIT = 1_000_000
#: Word's largest page side (22 inches), in twips.
_PAGE_MAX_TWIPS = 31_680
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

TEMPLATE_UNREADABLE = template("cli.template_unreadable", sv="kan inte läsa mallen {path}: {reason}",
                               en="cannot read the template {path}: {reason}")
TEMPLATE_TOO_LARGE = template(
    "cli.template_too_large",
    sv="mallen {path} är större än {limit}; använd en mall utan stora bilder eller inbäddade filer",
    en="the template {path} is larger than {limit}; use a template without large pictures or embedded files")
TEMPLATE_OLD_WORD = template(
    "cli.template_old_word",
    sv="mallen {path} är en äldre Word-fil (.doc/.dot) eller lösenordsskyddad; öppna den i Word och "
       "spara den som Word-dokument (.docx) utan lösenord",
    en="the template {path} is an older Word file (.doc/.dot) or password-protected; open it in Word and "
       "save it as a Word document (.docx) without a password")
TEMPLATE_NOT_WORD = template(
    "cli.template_not_word",
    sv="mallen {path} är inte ett Word-dokument; ange en .docx- eller .dotx-fil (i Word: Spara som, "
       "Word-dokument eller Word-mall)",
    en="the template {path} is not a Word document; give a .docx or .dotx file (in Word: Save As, "
       "Word Document or Word Template)")


TEMPLATE_UNPACKS_LARGE = template(
    "cli.template_unpacks_large",
    sv="mallen {path} packas upp till mer än {limit}; använd en mall utan stora bilder eller inbäddade filer",
    en="the template {path} unpacks to more than {limit}; use a template without large pictures or embedded files")
TEMPLATE_TOO_MANY_PARTS = template(
    "cli.template_too_many_parts",
    sv="mallen {path} har mer än {limit} delar, fler än ett Word-dokument har; öppna den i Word och spara den "
       "igen som .docx eller .dotx",
    en="the template {path} has more than {limit} parts, more than a Word document has; open it in Word and "
       "save it again as .docx or .dotx")
TEMPLATE_TOO_MANY_ELEMENTS = template(
    "cli.template_too_many_elements",
    sv="mallen {path} har mer än {limit} XML-element ({part}); använd en mall med kommunens formatmallar, "
       "sidhuvud och sidfot men utan långt innehåll",
    en="the template {path} has more than {limit} XML elements ({part}); use a template with the municipality's "
       "styles, header and footer but without long content")
TEMPLATE_NO_BODY = template(
    "cli.template_no_body",
    sv="mallen {path} har inget innehåll (w:body saknas i word/document.xml); öppna den i Word och spara den "
       "igen som .docx eller .dotx",
    en="the template {path} has no content (word/document.xml has no w:body); open it in Word and save it "
       "again as .docx or .dotx")
TEMPLATE_PAGE = template(
    "cli.template_page",
    sv="mallen {path}: {what} har värden som Word inte kan använda ({element}); öppna mallen i Word, ställ in "
       "sidan under Layout (Storlek, Orientering, Marginaler) och spara den igen",
    en="the template {path}: Word cannot use the values of {what} ({element}); open the template in Word, set "
       "the page under Layout (Size, Orientation, Margins) and save it again")
PAGE_SIZE = template("cli.template_page_size", sv="sidstorleken", en="the page size")
PAGE_MARGINS = template("cli.template_page_margins", sv="marginalerna", en="the margins")


class TemplateError(Exception):
    """A ``--template`` that cannot be used, with its message."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text(Lang.EN))
        self.message = message

def read_template(path: Path) -> bytes:
    """The Word document or template at ``path`` as the bytes of a Word document python-docx loads (a .dotx
    made a .docx, its external relationships dropped), checked; or :class:`TemplateError`."""
    name = quoted(path, limit=200)
    try:
        data = read_regular(path, TEMPLATE_LIMIT)
    except NotRegularFile:  # a folder, a FIFO, a device: no Word document (and a FIFO would block)
        raise TemplateError(TEMPLATE_NOT_WORD(path=name)) from None
    except FileTooLarge:
        raise TemplateError(TEMPLATE_TOO_LARGE(path=name, limit=f"{TEMPLATE_LIMIT // (1024 * 1024)} MB")) from None
    except OSError as error:
        raise TemplateError(TEMPLATE_UNREADABLE(path=name, reason=os_reason(error))) from None
    if data.startswith(OLE_SIGNATURE):
        raise TemplateError(TEMPLATE_OLD_WORD(path=name))
    try:
        prepared = _prepared(data, name)
        word = docx.Document(io.BytesIO(prepared))
    except (zipfile.BadZipFile, OpcError, SyntaxError, KeyError, ValueError, IndexError, AttributeError, TypeError):
        # whatever python-docx meets in a file that is not a Word document (lxml's XMLSyntaxError is a SyntaxError)
        raise TemplateError(TEMPLATE_NOT_WORD(path=name)) from None
    _check_page(word, name)
    return prepared



def _prepared(data: bytes, name: str) -> bytes:
    """The template's bytes as python-docx may load them, or :class:`TemplateError`: checked within
    the limits (parts, unpacked size, XML elements) before anything is unpacked or loaded, its
    external relationships dropped (:func:`_without_external`), a .dotx made a .docx (its main
    part's content type; python-docx opens only documents)."""
    if data.count(b"PK\x01\x02") > _PARTS_LIMIT:  # the central directory's entries, before zipfile lists them
        raise TemplateError(TEMPLATE_TOO_MANY_PARTS(path=name, limit=_swedish_count(_PARTS_LIMIT)))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        infos = package.infolist()
        if sum(info.file_size for info in infos) > _UNPACKED_LIMIT:  # zipfile never reads past file_size
            raise TemplateError(TEMPLATE_UNPACKS_LARGE(path=name, limit=f"{_UNPACKED_LIMIT // (1024 * 1024)} MB"))
        parts = {info.filename: package.read(info) for info in infos}
    _count_elements(parts, name)
    parts = _without_external(parts)
    if "[Content_Types].xml" in parts:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(_TEMPLATE_TYPE, _DOCUMENT_TYPE)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as document:  # python-docx compresses what it saves
        for part, body in parts.items():
            document.writestr(part, body)
    return out.getvalue()


def _swedish_count(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _count_elements(parts: dict[str, bytes], name: str) -> None:
    """Refuse a template whose XML parts hold more than :data:`_ELEMENTS_LIMIT` elements in all,
    counted while parsing (each element dropped once counted), as python-docx's parser reads them."""
    count = 0
    for part, body in parts.items():
        if not part.endswith((".xml", ".rels")):
            continue
        events = etree.iterparse(io.BytesIO(body), events=("end",), resolve_entities=False, no_network=True,
                                 load_dtd=False, huge_tree=False, recover=False)
        try:
            for _, element in events:
                count += 1
                if count > _ELEMENTS_LIMIT:
                    raise TemplateError(TEMPLATE_TOO_MANY_ELEMENTS(path=name, limit=_swedish_count(_ELEMENTS_LIMIT),
                                                                   part=part))
                element.clear()
                parent = element.getparent()
                if parent is not None:  # the counted element goes: memory stays that of one path
                    parent.remove(element)
        except etree.XMLSyntaxError:
            continue  # not XML (or broken): python-docx refuses what it needs, the rest is kept as bytes


#: The namespaces whose attributes name a relationship (``r:id``, ``r:embed``, ``r:link``, VML's ``o:relid``).
_RELATIONSHIP_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                            "http://purl.oclc.org/ooxml/officeDocument/relationships",
                            "urn:schemas-microsoft-com:office:office")
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
#: Elements that are nothing without their relationship: removed with it (an attached template,
#: a mail merge's data source, a linked subdocument, …).
_ONLY_A_RELATIONSHIP = frozenset({"attachedTemplate", "dataSource", "headerSource", "sourceFileName", "recipientData",
                                  "subDoc", "printerSettings", "altChunk"})


def _without_external(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts without any external relationship (``TargetMode="External"``: an attached template
    on a web address, a linked OLE object, a picture or hyperlink on the web, which Word would fetch
    when the report is opened), and without the references to them in the part that had them."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    changed = dict(parts)
    for rels_name, rels_body in parts.items():
        if not rels_name.endswith(".rels") or b"External" not in rels_body:
            continue
        try:
            rels = etree.fromstring(rels_body, parser)
        except etree.XMLSyntaxError:
            continue
        dropped = set()
        for relationship in rels.findall(f"{{{_PACKAGE_RELATIONSHIPS}}}Relationship"):
            if (relationship.get("TargetMode") or "").lower() == "external":
                dropped.add(relationship.get("Id"))
                rels.remove(relationship)
        if not dropped:
            continue
        changed[rels_name] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
        source = _source_part(rels_name)
        if source in parts:
            changed[source] = _unreferenced(parts[source], dropped, parser)
    return changed


def _source_part(rels_name: str) -> str:
    """``word/_rels/settings.xml.rels`` → ``word/settings.xml`` (the package's own ``_rels/.rels`` → ``""``)."""
    folder, _, file = rels_name.rpartition("_rels/")
    return folder + file[: -len(".rels")]


def _unreferenced(body: bytes, dropped: set[str | None], parser: object) -> bytes:
    """A part's XML without its references to the ``dropped`` relationships: the attribute removed, an
    element that is nothing without it (:data:`_ONLY_A_RELATIONSHIP`) removed whole."""
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return body
    for element in list(root.iter()):
        names = [key for key, value in element.attrib.items()
                 if value in dropped and key.startswith("{") and key[1:].split("}")[0] in _RELATIONSHIP_NAMESPACES]
        if not names:
            continue
        parent = element.getparent()
        if etree.QName(element).localname in _ONLY_A_RELATIONSHIP and parent is not None:
            parent.remove(element)
            continue
        for key in names:
            del element.attrib[key]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))



def _check_page(word: WordDocument, name: str) -> None:
    """Refuse a template without a body or whose page Word cannot use; one without section properties
    is used, and the writer gives it the page of a report without a template."""
    body = word.element.body
    if body is None:
        raise TemplateError(TEMPLATE_NO_BODY(path=name))
    sect_pr = body.find(qn("w:sectPr"))
    if sect_pr is None:
        return
    section = WordSection(sect_pr, word.part)
    try:
        sizes = (section.page_width, section.page_height, section.orientation)
    except (ValueError, KeyError, TypeError):
        raise TemplateError(TEMPLATE_PAGE(path=name, what=PAGE_SIZE(), element="w:pgSz")) from None
    if any(size is not None and not 0 < size <= _PAGE_MAX_TWIPS * 635 for size in sizes[:2]):
        raise TemplateError(TEMPLATE_PAGE(path=name, what=PAGE_SIZE(), element="w:pgSz"))
    try:
        margins = [getattr(section, side) for side in ("left_margin", "right_margin", "top_margin", "bottom_margin",
                                                        "header_distance", "footer_distance", "gutter")]
    except (ValueError, KeyError, TypeError):
        raise TemplateError(TEMPLATE_PAGE(path=name, what=PAGE_MARGINS(), element="w:pgMar")) from None
    if any(margin is not None and abs(margin) > _PAGE_MAX_TWIPS * 635 for margin in margins):
        raise TemplateError(TEMPLATE_PAGE(path=name, what=PAGE_MARGINS(), element="w:pgMar"))
