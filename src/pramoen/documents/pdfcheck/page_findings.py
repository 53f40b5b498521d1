"""Findings from the measured pages: paper size and the body font (name and size), pooled over
the document and per page."""

from __future__ import annotations

import ctypes
from collections import Counter, defaultdict
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .findings import (
    ERROR,
    UNVERIFIABLE,
    WARNING,
    Finding,
    pages_en,
    pages_th,
)
from .rules import PortfolioRules
from .walker import MIN_DOC_CHARS, MM_PER_PT, PageStats, Walker


def page_size_findings(
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


def body_font_findings(
    per_page: dict[int, PageStats], rules: PortfolioRules, walker: Walker
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
