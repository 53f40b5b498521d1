"""Per-campaign portfolio rules (NARA 2 AWARDS call letter: page limit, A4, font, size)."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from .fonts import DEFAULT_ALLOWED_FAMILIES

A4_MM = (210.0, 297.0)

# A QR symbol of version V is 17 + 4V modules wide. zxing-cpp decodes reliably from
# about 1.5 px per module (measured on pypdfium2 renders of 1 cm codes, versions 1-7,
# at 100-300 dpi and sub-pixel offsets: version 5 failed below 120 dpi = 1.3 px/module,
# version 7 was found at 150 dpi but lost at 160 = 1.4 px/module). We aim at 1.6.
QR_PX_PER_MODULE = 1.6


@dataclass(frozen=True)
class PortfolioRules:
    max_pages: int = 100
    page_size_mm: tuple[float, float] = A4_MM
    page_tolerance_mm: float = 3.0
    allow_landscape: bool = True
    allowed_font_families: tuple[str, ...] = DEFAULT_ALLOWED_FAMILIES
    body_size_pt: float = 16.0
    body_size_tolerance_pt: float = 0.5
    # HotCRP's banal lets a few pages fail (tables, figures) before it judges a paper;
    # a page whose own body size or font is off is a warning until more than this many.
    max_outlier_pages: int = 3
    # Pages with fewer visible characters (cover, photo, chart pages) are not judged
    # for body font, as banal skips low-density pages.
    min_page_chars: int = 200
    qr_forbidden: bool = True
    qr_min_size_mm: float = 10.0
    # Version 5 (37 modules) holds an 84-byte URL at ECC M: long enough for the links
    # applicants paste (Google Drive, YouTube). Larger versions at 1 cm need more dpi.
    qr_max_version: int = 5
    max_file_mb: float = 50.0
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def qr_dpi(self) -> int:
        """Lowest render resolution that puts QR_PX_PER_MODULE pixels on each module."""
        modules = 17 + 4 * self.qr_max_version
        module_mm = self.qr_min_size_mm / modules
        return math.ceil(QR_PX_PER_MODULE * 25.4 / module_mm)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["page_size_mm"] = list(self.page_size_mm)
        data["allowed_font_families"] = list(self.allowed_font_families)
        data.pop("extra")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PortfolioRules:
        if not data:
            return cls()
        names = {f.name for f in dataclasses.fields(cls)} - {"extra"}
        unknown = set(data) - names
        if unknown:
            raise ValueError(f"unknown portfolio rule(s): {', '.join(sorted(unknown))}")
        kwargs = dict(data)
        if "page_size_mm" in kwargs:
            width, height = kwargs["page_size_mm"]
            kwargs["page_size_mm"] = (float(width), float(height))
        if "allowed_font_families" in kwargs:
            kwargs["allowed_font_families"] = tuple(kwargs["allowed_font_families"])
        return cls(**kwargs)
