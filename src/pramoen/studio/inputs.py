"""What the author typed → the values of an element, with a located Thai message for what cannot
be read (Thai digits are numbers; an empty box removes an optional value)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from pramoen.instruments.schema import Band
from pramoen.studio.drafts import Slot, slots_of
from pramoen.thai import to_arabic_digits, to_thai_digits

# A band's count range is typed as one text: "๔–๕", "4-5", "๓ ขึ้นไป", "ไม่เกิน ๒", "๑".
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–—~]|ถึง)\s*(\d+)\s*$")
_AT_LEAST = re.compile(r"^\s*(\d+)\s*(?:\+|ขึ้นไป|รายการขึ้นไป)\s*$")
_AT_MOST = re.compile(r"^\s*(?:ไม่เกิน|<=)\s*(\d+)\s*$")
_ONE = re.compile(r"^\s*(\d+)\s*$")


class InputProblem(ValueError):
    def __init__(self, attribute: str, message_th: str) -> None:
        self.attribute = attribute
        self.message_th = message_th
        super().__init__(message_th)


def parse_count_range(text: str) -> tuple[int | None, int | None]:
    """``"๔–๕"`` → (4, 5); refuses a reversed range (``"๗–๕"``) with a Thai message."""
    plain = to_arabic_digits(text or "").strip()
    if not plain:
        return None, None
    if found := _RANGE.match(plain):
        low, high = int(found.group(1)), int(found.group(2))
        if low > high:
            raise InputProblem(
                "range",
                f"ช่วง “{to_thai_digits(text.strip())}” ค่าแรกมากกว่าค่าหลัง "
                f"กรุณาเขียนจากน้อยไปมาก เช่น {to_thai_digits(f'{high}–{low}')}",
            )
        return low, high
    if found := _AT_LEAST.match(plain):
        return int(found.group(1)), None
    if found := _AT_MOST.match(plain):
        return None, int(found.group(1))
    if found := _ONE.match(plain):
        return int(found.group(1)), int(found.group(1))
    raise InputProblem("range", f"อ่านช่วง “{text.strip()}” ไม่ได้ กรุณาเขียนเช่น ๔–๕ หรือ ๓ ขึ้นไป หรือ ๑")


def _number(slot: Slot, text: str) -> Any:
    plain = to_arabic_digits(text).strip().replace(",", "")
    if not plain:
        return None
    try:
        value = Decimal(plain)
    except InvalidOperation:
        raise InputProblem(slot.name, f"“{text.strip()}” ไม่ใช่ตัวเลข") from None
    if not value.is_finite():
        raise InputProblem(slot.name, f"“{text.strip()}” ไม่ใช่ตัวเลข")
    if slot.integer:
        if value != value.to_integral_value():
            raise InputProblem(slot.name, f"“{text.strip()}” ต้องเป็นจำนวนเต็ม")
        return int(value)
    return format(value.normalize(), "f")


def _refs(text: str) -> list[Any] | None:
    parts = [p.strip() for p in to_arabic_digits(text).replace("،", ",").split(",")]
    values: list[Any] = [int(p) if p.isdigit() else p for p in parts if p]
    return values or None


def values_from(model: type[BaseModel], data: Mapping[str, str]) -> dict[str, Any]:
    """The element's new scalar values from the posted boxes (only the boxes that were sent)."""
    values: dict[str, Any] = {}
    for slot in slots_of(model):
        if model is Band and slot.name in ("min", "max"):
            continue  # typed as one range box
        if slot.name not in data:
            continue
        raw = data[slot.name]
        if slot.kind == "scalar":
            values[slot.name] = (
                _number(slot, raw)
                if slot.number
                else (raw.strip() or (None if not slot.required else ""))
            )
        elif slot.kind == "bool":
            values[slot.name] = {"1": True, "0": False}.get(raw)
        elif slot.kind == "choice":
            values[slot.name] = raw if raw in slot.options else None
        elif slot.kind == "refs":
            refs = _refs(raw)
            values[slot.name] = refs if refs is not None or not slot.required else []
    if model is Band and "range" in data:
        low, high = parse_count_range(data["range"])
        values["min"], values["max"] = low, high
    return values
