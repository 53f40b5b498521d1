"""Small builders for test instruments (plain data in, validated Instrument out)."""

from __future__ import annotations

from typing import Any

from pramoen.instruments import Instrument


def items(n: int) -> list[dict[str, str]]:
    thai = "๐๑๒๓๔๕๖๗๘๙"
    return [
        {"number": "".join(thai[int(d)] for d in str(k)), "text_th": f"รายการ {k}"}
        for k in range(1, n + 1)
    ]


def one_indicator(
    rule: dict[str, Any],
    *,
    n_items: int = 0,
    levels: list[dict[str, Any]] | None = None,
    fields: list[dict[str, Any]] | None = None,
    extra: dict[str, Any] | None = None,
    indicator: dict[str, Any] | None = None,
) -> Instrument:
    """An instrument with one component c1 and one indicator c1.i1."""
    ind: dict[str, Any] = {
        "id": "i1",
        "number": "๑",
        "title_th": "ตัวชี้วัดทดสอบ",
        "items": items(n_items),
        "levels": levels or [],
        "rule": rule,
    }
    ind.update(indicator or {})
    data: dict[str, Any] = {
        "id": "test-instrument",
        "version": "t",
        "program": "test",
        "kind": "scoring",
        "title_th": "แบบทดสอบ",
        "form": {"fields": fields or []},
        "rubric": {"components": [{"id": "c1", "title_th": "องค์ประกอบ", "indicators": [ind]}]},
    }
    data.update(extra or {})
    return Instrument.model_validate(data)


THREE_LEVELS = [
    {"id": "excellent", "label_th": "ดีเยี่ยม", "points": 15},
    {"id": "very_good", "label_th": "ดีมาก", "points": "10.5"},
    {"id": "good", "label_th": "ดี", "points": "7.5"},
]
