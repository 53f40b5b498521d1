"""Findings of the portfolio checker and the result envelope.

Result: ``{"ok": true|false|null, "pages": N, "findings": [...], "measured": {...}}``.
``ok`` is false when any finding is an error, null when nothing failed but a rule could
not be verified (e.g. no text layer), true otherwise. Warnings never change ``ok``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "unverifiable"]

ERROR: Severity = "error"
WARNING: Severity = "warning"
UNVERIFIABLE: Severity = "unverifiable"


@dataclass
class Finding:
    code: str
    severity: Severity
    message: str
    message_en: str
    pages: list[int] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "pages": list(self.pages),
            "message": self.message,
            "message_en": self.message_en,
            "details": dict(self.details),
        }


def overall_ok(findings: list[Finding]) -> bool | None:
    if any(f.severity == ERROR for f in findings):
        return False
    if any(f.severity == UNVERIFIABLE for f in findings):
        return None
    return True


def make_result(
    findings: list[Finding], pages: int | None, measured: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "ok": overall_ok(findings),
        "pages": pages,
        "findings": [f.to_dict() for f in findings],
        "measured": measured or {},
    }


def page_ranges(pages: list[int], limit: int = 12) -> str:
    """'3, 5-7, 12' — compact page list for a message; long lists are cut with a count."""
    if not pages:
        return ""
    ordered = sorted(set(pages))
    runs: list[tuple[int, int]] = []
    start = prev = ordered[0]
    for p in ordered[1:]:
        if p == prev + 1:
            prev = p
            continue
        runs.append((start, prev))
        start = prev = p
    runs.append((start, prev))
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs[:limit]]
    text = ", ".join(parts)
    rest = sum(b - a + 1 for a, b in runs[limit:])
    if rest:
        text += f" และอีก {rest} หน้า"
    return text


def pages_th(pages: list[int]) -> str:
    return f"หน้า {page_ranges(pages)}" if pages else ""


def pages_en(pages: list[int]) -> str:
    text = page_ranges(pages).replace(" และอีก ", " and ").replace(" หน้า", " more")
    return f"page(s) {text}" if pages else ""


def too_large_finding(size: int, max_file_mb: float) -> Finding:
    return Finding(
        code="too_large",
        severity=ERROR,
        message=(
            f"ไฟล์มีขนาด {size / 1024 / 1024:.1f} MB เกินกำหนด {max_file_mb:g} MB"
            " กรุณาลดขนาดไฟล์ (เช่น ลดความละเอียดรูปภาพ) แล้วอัปโหลดใหม่"
        ),
        message_en=f"The file is {size / 1024 / 1024:.1f} MB, over the {max_file_mb:g} MB cap.",
        details={"bytes": size},
    )
