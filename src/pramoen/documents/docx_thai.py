"""Thai in Word files: one place that sets fonts for complex-script runs and the font fallback.

Word picks the font of a Thai run from ``w:rFonts/@w:cs`` and its size from ``w:szCs``; setting
only the Latin slots (what python-docx's ``run.font`` does) leaves Thai text in the theme font.
TH Sarabun PSK is what offices expect; Debian ships TLWG's metric-compatible Laksaman, declared
as its ``altName`` so LibreOffice renders with it where the original is not installed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from lxml import etree

FONT_NAME = "TH Sarabun PSK"
FONT_FALLBACK = "Laksaman"
SYMBOL_FONT = "DejaVu Sans"

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def set_run_fonts(rpr: etree._Element, font: str, size: Pt, *, bold: bool = False) -> None:
    """Name *font* for all four scripts and set both sizes; ``w:bCs`` bolds Thai text."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.lower().endswith("theme"):
            del fonts.attrib[attribute]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)
    # Schema order of CT_RPr: rFonts, b, bCs … sz, szCs … lang; insert missing ones in that order.
    if bold:
        b = rpr.find(qn("w:b"))
        if b is None:
            b = OxmlElement("w:b")
            fonts.addnext(b)
        if rpr.find(qn("w:bCs")) is None:
            b.addnext(OxmlElement("w:bCs"))
    half_points = str(int(size.pt * 2))
    for tag in ("w:sz", "w:szCs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = OxmlElement(tag)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.addprevious(element)
            else:
                rpr.append(element)
        element.set(qn("w:val"), half_points)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi"), "th-TH")


def add_font_fallback(
    docx_bytes: bytes,
    fonts: Sequence[tuple[str, str | None]] = ((FONT_NAME, FONT_FALLBACK),),
) -> bytes:
    """Declare each ``(name, altName)`` in ``word/fontTable.xml`` (altName None: no fallback)."""
    source = zipfile.ZipFile(io.BytesIO(docx_bytes))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/fontTable.xml":
                data = _font_table_with(data, fonts)
            target.writestr(info, data)
    return out.getvalue()


def _font_table_with(data: bytes, fonts: Sequence[tuple[str, str | None]]) -> bytes:
    root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    for name, alt in fonts:
        font = etree.SubElement(root, f"{{{_W_NS}}}font")
        font.set(f"{{{_W_NS}}}name", name)
        if alt:
            etree.SubElement(font, f"{{{_W_NS}}}altName").set(f"{{{_W_NS}}}val", alt)
        # charset DE = Thai (ANSI_CHARSET 222) so Word picks the font for Thai text.
        etree.SubElement(font, f"{{{_W_NS}}}charset").set(f"{{{_W_NS}}}val", "DE" if alt else "00")
        etree.SubElement(font, f"{{{_W_NS}}}family").set(f"{{{_W_NS}}}val", "swiss")
        etree.SubElement(font, f"{{{_W_NS}}}pitch").set(f"{{{_W_NS}}}val", "variable")
    xml: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return xml
