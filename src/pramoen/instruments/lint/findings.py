"""A lint finding: severity, code, stable path, readable location, Thai and English message, and
the resolution of the defect it belongs to, if any."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    path: str  # stable path: "", "c1", "c1.i1", "c1.i1.3", "fields.x", "tiers", …
    location: str  # human: instrument › component › indicator › item
    message_th: str
    message_en: str
    resolution: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "path": self.path,
            "location": self.location,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "resolution": self.resolution,
        }

    def render(self) -> str:
        head = f"{self.severity.upper()} {self.location} [{self.code}]"
        text = f"{head}: {self.message_en} / {self.message_th}"
        if self.resolution:
            text += f"\n    resolution: {self.resolution.get('reading_th')}"
            if self.resolution.get("esa_decision"):
                text += " (ESA decision)"
        return text


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
