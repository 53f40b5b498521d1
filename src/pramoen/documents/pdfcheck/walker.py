"""One pass over a page's objects: fonts, sizes and the text nobody reads as body (invisible,
near-white, transparent, rotated, huge), with the pdfium calls bound once."""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c
import zxingcpp

from . import fonts as fontnames
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
LINK_LIKE_ANNOTS = {pdfium_c.FPDF_ANNOT_LINK, pdfium_c.FPDF_ANNOT_POPUP}
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
class PageStats:
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


class Walker:
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
        stats: PageStats,
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

    def _grow_region(self, obj: Any, stats: PageStats) -> None:
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
        stats: PageStats,
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
