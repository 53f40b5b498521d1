"""QR codes and annotations: the regions worth rendering, the zxing-cpp scan, annotation actions."""

from __future__ import annotations

from typing import Any, cast

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp

from .walker import LINK_LIKE_ANNOTS, MM_PER_PT, QR_FORMATS, PageStats

QR_PAD_PT = 5 / MM_PER_PT  # quiet zone and a margin around the drawn region


def qr_crop(
    page: pdfium.PdfPage, st: PageStats, has_type3: bool
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


def scan_qr(
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
    view: Any = memoryview(bitmap.buffer).cast("B", (bitmap.height, bitmap.stride))
    if bitmap.stride != bitmap.width:
        view = zxingcpp.ImageView(
            view, bitmap.width, bitmap.height, zxingcpp.ImageFormat.Lum, bitmap.stride
        )
    # zxing-cpp takes a list of formats; its stubs name only the flag type.
    found = zxingcpp.read_barcodes(view, formats=cast(Any, QR_FORMATS))
    return [code.text for code in found]


def scan_annotations(
    page: pdfium.PdfPage, pageno: int, st: PageStats, actions: dict[str, Any]
) -> None:
    count = pdfium_c.FPDFPage_GetAnnotCount(page.raw)
    for i in range(count):
        annot = pdfium_c.FPDFPage_GetAnnot(page.raw, i)
        if not annot:
            continue
        try:
            subtype = pdfium_c.FPDFAnnot_GetSubtype(annot)
            if subtype == pdfium_c.FPDF_ANNOT_FILEATTACHMENT:
                actions["embedded"].append(pageno)
            if subtype not in LINK_LIKE_ANNOTS:
                st.annot_candidate = True
            link = pdfium_c.FPDFAnnot_GetLink(annot)
            if link:
                action = pdfium_c.FPDFLink_GetAction(link)
                if action and pdfium_c.FPDFAction_GetType(action) == pdfium_c.PDFACTION_LAUNCH:
                    actions["launch"].append(pageno)
        finally:
            pdfium_c.FPDFPage_CloseAnnot(annot)
