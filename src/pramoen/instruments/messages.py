"""A coded message with its answer or node path, in Thai and English."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Message:
    path: str
    code: str
    message_th: str
    message_en: str

    def to_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
        }
