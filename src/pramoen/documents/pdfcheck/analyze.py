"""The portfolio check proper, in-process. Call it through runner.run_check_subprocess.

Body font, HotCRP's way (banal): the body size is the size that carries the most
characters — here pooled over the document, and per page for naming offending pages —
after dropping text nobody reads as body: invisible (render mode 3/7), near-white,
mostly transparent, rotated off the page axes, or huge (watermarks, "สำเนา" stamps).
Effective size = Tf size × the vertical scale of the text object's matrix, which
pdfium gives with the text matrix and CTM already combined. Pages with little text
(covers, photo pages) are not judged, and a few outlier pages only warn.

QR codes: pages are rendered in 8-bit gray at rules.qr_dpi (151 dpi by default: 1.6 px
per module for a 1 cm, version-5 code) and scanned with zxing-cpp. A page whose
objects are all text is not rendered — a QR code is drawn with an image, vector paths
or a shading, and only a Type 3 font could draw one from text, so any Type 3 font
in the file, or any annotation other than a link, makes every page a candidate.
"""

from __future__ import annotations

import ctypes
import math
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp

from . import fonts as fontnames
from .findings import (
    ERROR,
    UNVERIFIABLE,
    WARNING,
    Finding,
    make_result,
    pages_en,
    pages_th,
    too_large_finding,
)
from .rawscan import embedded_finding, encrypted_finding, launch_finding, scan_bytes
from .rules import PortfolioRules

MM_PER_PT = 25.4 / 72
NEAR_WHITE = 230  # every channel at or above 90 % white reads as invisible on paper
MIN_ALPHA = 128  # fill alpha below 50 %: a watermark, not body text
MAX_ROTATION_DEG = 2.0
WATERMARK_SIZE_FACTOR = 3.0
MIN_DOC_CHARS = 50
MAX_RENDER_PIXELS_FACTOR = 4.0  # pages much larger than A4 are not rendered
QR_FORMATS = [
    zxingcpp.BarcodeFormat.QRCode,
    zxingcpp.BarcodeFormat.MicroQRCode,
    zxingcpp.BarcodeFormat.RMQRCode,
]
_LINK_LIKE_ANNOTS = {pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP}
_INVISIBLE_MODES = {3, 7}  # FPDF_TEXTRENDERMODE_INVISIBLE, _CLIP
_STROKE_ONLY_MODES = {1, 5}
# Bound once: these run for every text object of every page.
_GetFont = pdfium_c.FPDFTextObj_GetFont
_GetTextRenderMode = pdfium_c.FPDFTextObj_GetTextRenderMode
_GetStrokeColor = pdfium_c.FPDFPageObj_GetStrokeColor
_GetFillColor = pdfium_c.FPDFPageObj_GetFillColor
_GetMatrix = pdfium_c.FPDFPageObj_GetMatrix
_GetFontSize = pdfium_c.FPDFTextObj_GetFontSize
_GetText = pdfium_c.FPDFTextObj_GetText


@dataclass
class _FontInfo:
    family: str  # canonical family or key
    allowed: bool
    embedded: bool
    label: str


@dataclass
class _PageStats:
    sizes: Counter[float] = field(default_factory=Counter)
    families: Counter[str] = field(default_factory=Counter)
    chars: int = 0
    has_graphics: bool = False
    has_images: bool = False
    annot_candidate: bool = False
    not_embedded: set[str] = field(default_factory=set)
    hideable: list[Any] = field(default_factory=list)
    # Union of the bounds (page space, points) of everything that could draw a QR code.
    region: tuple[float, float, float, float] | None = None


class _Walker:
    """Walks page objects (into Form XObjects) with reusable ctypes out-parameters."""

    def __init__(self, rules: PortfolioRules, allowed: frozenset[str]) -> None:
        self.rules = rules
        self.allowed = allowed
        self.max_size = rules.body_size_pt * WATERMARK_SIZE_FACTOR
        self.font_cache: dict[int, _FontInfo] = {}
        self._fs = ctypes.c_float()
        self._m = pdfium_c.FS_MATRIX()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._rgba_refs = [ctypes.byref(c) for c in self._rgba]
        self._buf = ctypes.create_string_buffer(512)
        self._m_ref = ctypes.byref(self._m)
        self._box = [ctypes.c_float() for _ in range(4)]
        self._box_refs = [ctypes.byref(v) for v in self._box]
        self._fs_ref = ctypes.byref(self._fs)

    def font(self, handle: Any) -> _FontInfo:
        key = ctypes.addressof(handle.contents) if handle else 0
        info = self.font_cache.get(key)
        if info is not None:
            return info
        n = pdfium_c.FPDFFont_GetBaseFontName(handle, self._buf, len(self._buf))
        base = self._buf.raw[: max(n - 1, 0)].decode("utf-8", "replace")
        embedded = bool(pdfium_c.FPDFFont_GetIsEmbedded(handle))
        family = ""
        # pdfium reports the substitute's family for a font that is not embedded.
        if embedded:
            n = pdfium_c.FPDFFont_GetFamilyName(handle, self._buf, len(self._buf))
            family = self._buf.raw[: max(n - 1, 0)].decode("utf-8", "replace")
        names = (base, family)
        allowed = fontnames.is_allowed(names, self.allowed)
        label = (family or base.split("+", 1)[-1]) or "(ไม่มีชื่อ)"
        # Allowed fonts are grouped under their canonical family (Laksaman counts as
        # TH Sarabun PSK); others keep the name the applicant will recognise.
        canon = next((fontnames.canonical_family(x) for x in names if x and allowed), "")
        info = _FontInfo(family=canon or label, allowed=allowed, embedded=embedded, label=label)
        self.font_cache[key] = info
        return info

    def walk(
        self,
        container: Any,
        is_form: bool,
        textpage: Any,
        stats: _PageStats,
        scale: tuple[float, float, float, float],
        depth: int = 0,
    ) -> bool:
        """Collect text statistics; True when something that could draw a QR code is inside.

        Top-level objects that could draw one add their bounds to ``stats.region``, the
        only part of the page the QR scan renders.
        """
        count = (
            pdfium_c.FPDFFormObj_CountObjects(container)
            if is_form
            else pdfium_c.FPDFPage_CountObjects(container)
        )
        get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
        m = self._m
        fs = self._fs
        drawn = False
        for i in range(count):
            obj = get(container, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                font = self._text(obj, textpage, stats, scale, m, fs)
                # Glyphs of the allowed Thai fonts cannot tile into a QR code (no block
                # elements), so such text is switched off before the QR render; text in
                # any other font stays, in case it is a QR drawn with block characters.
                if font.allowed:
                    if not is_form:
                        stats.hideable.append(obj)
                    continue
                here = True
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth > 8:
                    here = True
                else:
                    _GetMatrix(obj, self._m_ref)
                    a, b, c, d = scale
                    # Row-vector convention: child space -> form matrix -> parent scale.
                    inner = (
                        m.a * a + m.b * c,
                        m.a * b + m.b * d,
                        m.c * a + m.d * c,
                        m.c * b + m.d * d,
                    )
                    here = self.walk(obj, True, textpage, stats, inner, depth + 1)
            else:
                here = True
                stats.has_graphics = True
                if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    stats.has_images = True
            if here:
                drawn = True
                if not is_form:
                    self._grow_region(obj, stats)
        return drawn

    def _grow_region(self, obj: Any, stats: _PageStats) -> None:
        box = self._box
        if not pdfium_c.FPDFPageObj_GetBounds(obj, *self._box_refs):
            stats.region = (-math.inf, -math.inf, math.inf, math.inf)
            return
        left, bottom, right, top = (v.value for v in box)
        if stats.region is None:
            stats.region = (left, bottom, right, top)
        else:
            l0, b0, r0, t0 = stats.region
            stats.region = (min(l0, left), min(b0, bottom), max(r0, right), max(t0, top))

    def _text(
        self,
        obj: Any,
        textpage: Any,
        stats: _PageStats,
        scale: tuple[float, float, float, float],
        m: Any,
        fs: Any,
    ) -> _FontInfo:
        font = self.font(_GetFont(obj))
        mode = _GetTextRenderMode(obj)
        if mode in _INVISIBLE_MODES:
            return font
        if mode in _STROKE_ONLY_MODES:
            _GetStrokeColor(obj, *self._rgba_refs)
        else:
            _GetFillColor(obj, *self._rgba_refs)
        r, g, b, alpha = (c.value for c in self._rgba)
        if alpha < MIN_ALPHA or min(r, g, b) >= NEAR_WHITE:
            return font
        _GetMatrix(obj, self._m_ref)
        a0, b0, c0, d0 = scale
        ma = m.a * a0 + m.b * c0
        mb = m.a * b0 + m.b * d0
        mc = m.c * a0 + m.d * c0
        md = m.c * b0 + m.d * d0
        angle = math.degrees(math.atan2(mb, ma)) % 90.0
        if MAX_ROTATION_DEG < angle < 90.0 - MAX_ROTATION_DEG:
            return font
        if not _GetFontSize(obj, self._fs_ref):
            return font
        size = fs.value * math.hypot(mc, md)
        if size <= 0 or size > self.max_size:
            return font
        n = _GetText(obj, textpage, None, 0) // 2 - 1
        if n <= 0:
            return font
        stats.sizes[round(size, 1)] += n
        stats.families[font.family] += n
        stats.chars += n
        if not font.embedded:
            stats.not_embedded.add(font.label)
        return font


def _page_size_findings(
    doc: pdfium.PdfDocument, n_pages: int, rules: PortfolioRules
) -> tuple[list[Finding], list[tuple[float, float]]]:
    size = pdfium_c.FS_SIZEF()
    want_w, want_h = rules.page_size_mm
    tol = rules.page_tolerance_mm
    bad: dict[tuple[float, float], list[int]] = defaultdict(list)
    sizes: list[tuple[float, float]] = []
    for i in range(n_pages):
        if not pdfium_c.FPDF_GetPageSizeByIndexF(doc.raw, i, ctypes.byref(size)):
            sizes.append((0.0, 0.0))
            bad[(0.0, 0.0)].append(i + 1)
            continue
        w, h = size.width * MM_PER_PT, size.height * MM_PER_PT
        sizes.append((w, h))
        portrait = abs(w - want_w) <= tol and abs(h - want_h) <= tol
        landscape = rules.allow_landscape and abs(w - want_h) <= tol and abs(h - want_w) <= tol
        if not (portrait or landscape):
            bad[(round(w, 1), round(h, 1))].append(i + 1)
    findings = []
    if bad:
        pages = sorted(p for ps in bad.values() for p in ps)
        desc = "; ".join(
            f"{w:g} × {h:g} มม. ({pages_th(ps)})"
            for (w, h), ps in sorted(bad.items(), key=lambda kv: kv[1][0])[:5]
        )
        findings.append(
            Finding(
                code="page_size",
                severity=ERROR,
                pages=pages,
                message=(
                    f"ขนาดหน้าไม่ใช่ A4 ({want_w:g} × {want_h:g} มม. คลาดเคลื่อนได้ ±{tol:g} มม.):"
                    f" {desc} — กรุณาตั้งค่ากระดาษเป็น A4 แล้วบันทึกเป็น PDF ใหม่"
                ),
                message_en=f"Not A4 ({want_w:g} x {want_h:g} mm ± {tol:g}): {pages_en(pages)}.",
                details={
                    "sizes_mm": [
                        {"width": w, "height": h, "pages": ps} for (w, h), ps in bad.items()
                    ]
                },
            )
        )
    return findings, sizes


def _judge(bad_pages: list[int], doc_ok: bool, rules: PortfolioRules) -> str | None:
    if not bad_pages:
        return None
    if doc_ok and len(bad_pages) <= rules.max_outlier_pages:
        return WARNING
    return ERROR


def _font_findings(
    per_page: dict[int, _PageStats], rules: PortfolioRules, walker: _Walker
) -> tuple[list[Finding], dict[str, Any]]:
    findings: list[Finding] = []
    measured: dict[str, Any] = {}
    sizes: Counter[float] = Counter()
    families: Counter[str] = Counter()
    for st in per_page.values():
        sizes.update(st.sizes)
        families.update(st.families)
    total = sum(sizes.values())
    measured["visible_chars"] = total
    if 0 < total < MIN_DOC_CHARS:
        findings.append(
            Finding(
                code="too_little_text",
                severity=UNVERIFIABLE,
                message=(f"ไฟล์มีข้อความเพียง {total} ตัวอักษร น้อยเกินกว่าจะตรวจแบบอักษรและขนาดอักษรเนื้อหาได้"),
                message_en=f"Only {total} characters of text: body font and size not verifiable.",
            )
        )
        return findings, measured
    if total == 0:
        findings.append(
            Finding(
                code="no_text_layer",
                severity=UNVERIFIABLE,
                message=(
                    "ไม่พบข้อความที่ตรวจได้ในไฟล์ (อาจเป็นภาพสแกนทั้งเล่ม) จึงตรวจแบบอักษรและขนาดอักษรไม่ได้"
                    " — หากเป็นไปได้ให้บันทึกเป็น PDF จากโปรแกรมพิมพ์เอกสารโดยตรง"
                ),
                message_en="No text layer (scanned?): body font and size cannot be verified.",
            )
        )
        return findings, measured

    allowed_keys = {info.family for info in walker.font_cache.values() if info.allowed}
    body_size, _ = sizes.most_common(1)[0]
    body_family, _ = families.most_common(1)[0]
    measured["body_size_pt"] = body_size
    measured["body_font"] = body_family
    measured["size_histogram"] = {f"{k:g}": v for k, v in sorted(sizes.items())}

    judged = {p: st for p, st in per_page.items() if st.chars >= rules.min_page_chars}
    tol = rules.body_size_tolerance_pt
    want = rules.body_size_pt
    size_ok = abs(body_size - want) <= tol
    off_pages = []
    page_sizes: dict[int, float] = {}
    for p, st in sorted(judged.items()):
        page_size = st.sizes.most_common(1)[0][0]
        page_sizes[p] = page_size
        if abs(page_size - want) > tol:
            off_pages.append(p)
    severity = ERROR if not size_ok else _judge(off_pages, size_ok, rules)
    if severity:
        pages = off_pages if off_pages else sorted(judged)
        if size_ok:
            detail = ", ".join(f"หน้า {p}: {page_sizes[p]:g} pt" for p in off_pages[:8])
            msg = (
                f"ขนาดอักษรเนื้อหาโดยรวม {body_size:g} pt ถูกต้อง แต่บางหน้าใช้ขนาดอื่น ({detail})"
                f" — กำหนด {want:g} pt (±{tol:g})"
            )
        else:
            msg = (
                f"ขนาดอักษรเนื้อหา {body_size:g} pt ไม่ตรงตามที่กำหนด {want:g} pt (±{tol:g})"
                f" ใน{pages_th(pages)} — กรุณาใช้อักษรขนาด {want:g} pt สำหรับเนื้อหา"
            )
        findings.append(
            Finding(
                code="body_size",
                severity=severity,  # type: ignore[arg-type]
                pages=pages,
                message=msg,
                message_en=(
                    f"Body text size {body_size:g} pt, required {want:g} pt ± {tol:g}; "
                    f"{pages_en(pages)}."
                ),
                details={"body_size_pt": body_size, "page_sizes_pt": page_sizes},
            )
        )

    family_ok = body_family in allowed_keys
    off_family: list[int] = []
    page_families: dict[int, str] = {}
    for p, st in sorted(judged.items()):
        fam = st.families.most_common(1)[0][0]
        page_families[p] = fam
        if fam not in allowed_keys:
            off_family.append(p)
    allowed_txt = ", ".join(rules.allowed_font_families)
    severity = ERROR if not family_ok else _judge(off_family, family_ok, rules)
    if severity:
        pages = off_family if off_family else sorted(judged)
        used = ", ".join(sorted({page_families[p] for p in off_family})) or body_family
        findings.append(
            Finding(
                code="body_font",
                severity=severity,  # type: ignore[arg-type]
                pages=pages,
                message=(
                    f"แบบอักษรเนื้อหาเป็น {used} ซึ่งไม่อยู่ในรายการที่กำหนด ({allowed_txt})"
                    f" ใน{pages_th(pages)}"
                ),
                message_en=f"Body font {used} is not allowed ({allowed_txt}); {pages_en(pages)}.",
                details={"body_font": body_family, "page_fonts": page_families},
            )
        )

    missing: dict[str, list[int]] = defaultdict(list)
    for p, st in per_page.items():
        for label in st.not_embedded:
            missing[label].append(p)
    if missing:
        pages = sorted({p for ps in missing.values() for p in ps})
        names = ", ".join(sorted(missing))
        findings.append(
            Finding(
                code="font_not_embedded",
                severity=WARNING,
                pages=pages,
                message=(
                    f"แบบอักษร {names} ไม่ได้ฝังในไฟล์ เครื่องของกรรมการอาจแสดงผลด้วยอักษรอื่น"
                    f" ({pages_th(pages)}) — ให้เลือก 'ฝังแบบอักษร' เมื่อบันทึกเป็น PDF"
                ),
                message_en=f"Fonts not embedded: {names}; {pages_en(pages)}.",
            )
        )

    scanned = sorted(p for p, st in per_page.items() if st.has_images and st.chars == 0)
    if scanned:
        findings.append(
            Finding(
                code="pages_without_text",
                severity=WARNING,
                pages=scanned,
                message=f"{pages_th(scanned)} เป็นภาพ (ไม่มีข้อความ) จึงตรวจแบบอักษรในหน้าเหล่านี้ไม่ได้",
                message_en=f"Image-only pages not checked for fonts: {pages_en(scanned)}.",
            )
        )
    return findings, measured


QR_PAD_PT = 5 / MM_PER_PT  # quiet zone and a margin around the drawn region


def _qr_crop(
    page: pdfium.PdfPage, st: _PageStats, has_type3: bool
) -> tuple[float, float, float, float] | None:
    """Render crop (left, bottom, right, top) for the QR scan, or None to skip the page.

    A QR code is drawn by an image, vector paths, a shading or text in a font that
    is not an allowed Thai font; only those objects (their bounds, padded) are
    rendered. A Type 3 font (glyphs are arbitrary drawings) or an annotation other
    than a link (own appearance) makes the whole page count.
    """
    full = (0.0, 0.0, 0.0, 0.0)
    if has_type3 or st.annot_candidate:
        return full
    if st.region is None:
        return None
    if page.get_rotation() % 360:
        return full
    left, bottom, right, top = page.get_bbox()
    rl, rb, rr, rt = st.region
    return (
        max(0.0, rl - QR_PAD_PT - left),
        max(0.0, rb - QR_PAD_PT - bottom),
        max(0.0, right - rr - QR_PAD_PT),
        max(0.0, top - rt - QR_PAD_PT),
    )


def _scan_qr(
    page: pdfium.PdfPage, dpi: int, hide: list[Any], crop: tuple[float, float, float, float]
) -> list[str]:
    for obj in hide:
        pdfium_c.FPDFPageObj_SetIsActive(obj, False)
    bitmap = page.render(
        scale=dpi / 72,
        crop=crop,
        grayscale=True,
        force_bitmap_format=pdfium_c.FPDFBitmap_Gray,
        draw_annots=True,
    )
    if bitmap.width < 8 or bitmap.height < 8:
        return []
    view = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
    if bitmap.stride != bitmap.width:
        view = zxingcpp.ImageView(
            view, bitmap.width, bitmap.height, zxingcpp.ImageFormat.Lum, bitmap.stride
        )
    found = zxingcpp.read_barcodes(view, formats=QR_FORMATS)
    return [code.text for code in found]


def _annotations(page: pdfium.PdfPage, pageno: int, st: _PageStats, actions: dict) -> None:
    count = pdfium_c.FPDFPage_GetAnnotCount(page.raw)
    for i in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
                actions["embedded"].append(pageno)
            if subtype not in _LINK_LIKE_ANNOTS:
                st.annot_candidate = True
            link = pdfium_c.FPDFAnnot_GetLink(annot)
            if link:
                action = pdfium_c.FPDFLink_GetAction(link)
                if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_LAUNCH:
                    actions["launch"].append(pageno)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)


def check_bytes(data: bytes, rules: PortfolioRules | None = None) -> dict[str, Any]:
    """Check a portfolio held in memory; returns the result envelope (see findings.py)."""
    rules = rules or PortfolioRules()
    findings: list[Finding] = []
    measured: dict[str, Any] = {"qr_dpi": rules.qr_dpi}
    if len(data) > rules.max_file_bytes:
        findings.append(too_large_finding(len(data), rules.max_file_mb))
        return make_result(findings, None, measured)
    raw = scan_bytes(data)
    findings.extend(raw.findings)
    if raw.fatal:
        return make_result(findings, None, measured)

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            findings.append(encrypted_finding())
        else:
            findings.append(
                Finding(
                    code="corrupt",
                    severity=ERROR,
                    message=(
                        "เปิดไฟล์ PDF ไม่ได้ เนื่องจากไฟล์เสียหรือโครงสร้างไม่ถูกต้อง"
                        " กรุณาบันทึกเป็น PDF ใหม่แล้วอัปโหลดอีกครั้ง"
                    ),
                    message_en=f"The PDF cannot be opened: {exc}.",
                )
            )
        return make_result(findings, None, measured)
    try:
        return _check_document(doc, rules, findings, measured, raw.has_type3)
    finally:
        doc.close()


def _check_document(
    doc: pdfium.PdfDocument,
    rules: PortfolioRules,
    findings: list[Finding],
    measured: dict[str, Any],
    has_type3: bool,
) -> dict[str, Any]:
    codes = {f.code for f in findings}
    if pdfium_c.FPDF_GetSecurityHandlerRevision(doc.raw) != -1 and "encrypted" not in codes:
        findings.append(encrypted_finding())
        return make_result(findings, len(doc), measured)
    n_pages = len(doc)
    if pdfium_c.FPDFDoc_GetJavaScriptActionCount(doc.raw) > 0 and "javascript" not in codes:
        findings.append(
            Finding(
                code="javascript",
                severity=ERROR,
                message="ไฟล์มีสคริปต์ JavaScript ฝังอยู่ ซึ่งอาจเป็นอันตราย ระบบไม่รับไฟล์นี้",
                message_en="The file contains JavaScript: rejected.",
            )
        )
    if pdfium_c.FPDFDoc_GetAttachmentCount(doc.raw) > 0 and "embedded_file" not in codes:
        findings.append(embedded_finding([]))

    if n_pages == 0:
        findings.append(
            Finding(
                code="corrupt",
                severity=ERROR,
                message="ไฟล์ PDF ไม่มีหน้าเอกสาร กรุณาตรวจสอบไฟล์แล้วอัปโหลดใหม่",
                message_en="The PDF has no pages.",
            )
        )
        return make_result(findings, 0, measured)
    if n_pages > rules.max_pages:
        findings.append(
            Finding(
                code="page_count",
                severity=ERROR,
                pages=[],
                message=(
                    f"แฟ้มมี {n_pages} หน้า เกินกำหนด {rules.max_pages} หน้า"
                    f" (ตรวจรายละเอียดเฉพาะ {rules.max_pages} หน้าแรก)"
                ),
                message_en=f"{n_pages} pages, over the limit of {rules.max_pages}.",
                details={"pages": n_pages, "max_pages": rules.max_pages},
            )
        )
    size_findings, sizes_mm = _page_size_findings(doc, min(n_pages, 10_000), rules)
    findings.extend(size_findings)

    allowed = fontnames.allowed_family_set(rules.allowed_font_families)
    walker = _Walker(rules, allowed)
    per_page: dict[int, _PageStats] = {}
    actions: dict[str, list[int]] = {"launch": [], "embedded": []}
    qr_hits: dict[int, list[str]] = {}
    unrendered: list[int] = []
    rendered = 0
    dpi = rules.qr_dpi
    a4_px = (rules.page_size_mm[0] * rules.page_size_mm[1]) / (25.4 * 25.4) * dpi * dpi
    identity = (1.0, 0.0, 0.0, 1.0)
    for index in range(min(n_pages, rules.max_pages)):
        pageno = index + 1
        page = doc[index]
        try:
            textpage = page.get_textpage()
            try:
                st = _PageStats()
                walker.walk(page.raw, False, textpage.raw, st, identity)
            finally:
                textpage.close()
            _annotations(page, pageno, st, actions)
            per_page[pageno] = st
            crop = _qr_crop(page, st, has_type3) if rules.qr_forbidden else None
            if crop is not None:
                w_mm, h_mm = sizes_mm[index]
                px = w_mm * h_mm / (25.4 * 25.4) * dpi * dpi
                if px > a4_px * MAX_RENDER_PIXELS_FACTOR or px <= 0:
                    unrendered.append(pageno)
                else:
                    rendered += 1
                    texts = _scan_qr(page, dpi, [] if has_type3 else st.hideable, crop)
                    if texts:
                        qr_hits[pageno] = texts
        finally:
            page.close()

    if actions["launch"] and "launch_action" not in codes:
        findings.append(launch_finding(sorted(set(actions["launch"]))))
    if actions["embedded"]:
        existing = next((f for f in findings if f.code == "embedded_file"), None)
        if existing is None:
            findings.append(embedded_finding(sorted(set(actions["embedded"]))))
        else:
            existing.pages = sorted(set(actions["embedded"]))

    font_findings, font_measured = _font_findings(per_page, rules, walker)
    findings.extend(font_findings)
    measured.update(font_measured)
    measured["qr_rendered_pages"] = rendered

    if qr_hits:
        pages = sorted(qr_hits)
        findings.append(
            Finding(
                code="qr_code",
                severity=ERROR,
                pages=pages,
                message=(
                    f"พบคิวอาร์โค้ดใน{pages_th(pages)} ซึ่งประกาศห้ามใช้ในแฟ้มผลงาน"
                    " กรุณานำคิวอาร์โค้ดออกแล้วอัปโหลดใหม่"
                ),
                message_en=f"QR code(s) found on {pages_en(pages)}; QR codes are not allowed.",
                details={
                    "codes": {str(p): [t[:200] for t in ts[:10]] for p, ts in qr_hits.items()}
                },
            )
        )
    if unrendered:
        findings.append(
            Finding(
                code="qr_unchecked",
                severity=WARNING,
                pages=unrendered,
                message=f"ไม่ได้ตรวจหาคิวอาร์โค้ดใน{pages_th(unrendered)} เพราะขนาดหน้าใหญ่ผิดปกติ",
                message_en=f"Oversized pages not scanned for QR: {pages_en(unrendered)}.",
            )
        )
    return make_result(findings, n_pages, measured)


def check_file(path: str | os.PathLike[str], rules: PortfolioRules | None = None) -> dict[str, Any]:
    rules = rules or PortfolioRules()
    size = os.stat(path).st_size
    if size > rules.max_file_bytes:
        finding = too_large_finding(size, rules.max_file_mb)
        return make_result([finding], None, {"qr_dpi": rules.qr_dpi})
    with open(path, "rb") as fh:
        data = fh.read()
    return check_bytes(data, rules)
