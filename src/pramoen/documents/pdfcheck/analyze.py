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

import os
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import fonts as fontnames
from .findings import (
    ERROR,
    WARNING,
    Finding,
    make_result,
    pages_en,
    pages_th,
    too_large_finding,
)
from .page_findings import body_font_findings, page_size_findings
from .qr import qr_crop, scan_annotations, scan_qr
from .rawscan import embedded_finding, encrypted_finding, launch_finding, scan_bytes
from .rules import PortfolioRules
from .walker import MAX_RENDER_PIXELS_FACTOR, PageStats, Walker


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
    size_findings, sizes_mm = page_size_findings(doc, min(n_pages, 10_000), rules)
    findings.extend(size_findings)

    allowed = fontnames.allowed_family_set(rules.allowed_font_families)
    walker = Walker(rules, allowed)
    per_page: dict[int, PageStats] = {}
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
                st = PageStats()
                walker.walk(page.raw, False, textpage.raw, st, identity)
            finally:
                textpage.close()
            scan_annotations(page, pageno, st, actions)
            per_page[pageno] = st
            crop = qr_crop(page, st, has_type3) if rules.qr_forbidden else None
            if crop is not None:
                w_mm, h_mm = sizes_mm[index]
                px = w_mm * h_mm / (25.4 * 25.4) * dpi * dpi
                if px > a4_px * MAX_RENDER_PIXELS_FACTOR or px <= 0:
                    unrendered.append(pageno)
                else:
                    rendered += 1
                    texts = scan_qr(page, dpi, [] if has_type3 else st.hideable, crop)
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

    font_found, font_measured = body_font_findings(per_page, rules, walker)
    findings.extend(font_found)
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
