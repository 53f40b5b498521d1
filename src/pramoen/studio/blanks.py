"""What a new element holds when the author adds one: the least the schema requires, with an id
unique among its siblings, so the draft stays valid and the author fills in the rest."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from pramoen.instruments.schema import (
    Band,
    Choice,
    Component,
    ConditionCase,
    CountCase,
    Defect,
    EvidenceSlot,
    FormField,
    Gate,
    Indicator,
    Item,
    ItemChoiceOption,
    Level,
    NumericRange,
    Proportion,
    Tier,
    TierRule,
    Tiers,
)
from pramoen.instruments.schema.rules import (
    ConditionLevels,
    CountPoints,
    ItemChoice,
    ItemCountBands,
    LevelChoice,
    NumericThresholds,
    PassFail,
    UseDefinition,
)


def _free_id(prefix: str, siblings: list[Any], key: str = "id") -> str:
    taken = {str(s.get(key)) for s in siblings if isinstance(s, dict)}
    n = len(siblings) + 1
    while f"{prefix}{n}" in taken:
        n += 1
    return f"{prefix}{n}"


def _indicator(document: dict[str, Any], pointer: tuple[Any, ...]) -> dict[str, Any] | None:
    """The indicator an element belongs to (the nearest ``indicators.<n>`` in the pointer)."""
    for cut in range(len(pointer), 1, -1):
        if pointer[cut - 2] == "indicators":
            value: Any = document
            for part in pointer[:cut]:
                value = value[part]
            return value if isinstance(value, dict) else None
    return None


def _first_level(document: dict[str, Any], pointer: tuple[Any, ...]) -> dict[str, Any]:
    indicator = _indicator(document, pointer)
    levels = (indicator or {}).get("levels") or []
    if levels:
        return {"level": levels[0]["id"]}
    return {"points": "0"}


def _blank_indicator(siblings: list[Any]) -> dict[str, Any]:
    return {
        "id": _free_id("i", siblings),
        "title_th": "ตัวชี้วัดใหม่",
        "items": [{"id": "1", "number": "๑", "text_th": "รายการใหม่"}],
        "levels": [{"id": "l1", "label_th": "ระดับ ๑", "points": "1"}],
        "rule": {"kind": "item_count_bands", "bands": [{"level": "l1", "min": 1}]},
    }


def new_element(
    model: type[BaseModel], siblings: list[Any], document: dict[str, Any], pointer: tuple[Any, ...]
) -> dict[str, Any]:
    """A new ``model`` element for the list ``siblings`` of the element at ``pointer``."""
    if model is Component:
        return {
            "id": _free_id("c", siblings),
            "title_th": "องค์ประกอบใหม่",
            "indicators": [_blank_indicator([])],
        }
    if model is Indicator:
        return _blank_indicator(siblings)
    if model is Item:
        n = len(siblings) + 1
        return {"id": _free_id("", siblings), "number": str(n), "text_th": "รายการใหม่"}
    if model is Level:
        return {"id": _free_id("l", siblings), "label_th": "ระดับใหม่", "points": "0"}
    if model is Band:
        return {**_first_level(document, pointer), "min": 0}
    if model is NumericRange:
        return {**_first_level(document, pointer), "min": "0"}
    if model is CountCase:
        return {"bands": [{"points": "0", "min": 0}]}
    if model is ConditionCase:
        return {"when": {"field": "field", "is_set": True}, "points": "0"}
    if model is ItemChoiceOption:
        return {"item": 1, **_first_level(document, pointer)}
    if model is FormField:
        return {"id": _free_id("f", siblings), "label_th": "ข้อมูลใหม่", "type": "text"}
    if model is Choice:
        return {"value": _free_id("v", siblings, "value"), "label_th": "ตัวเลือกใหม่"}
    if model is EvidenceSlot:
        return {"id": _free_id("e", siblings), "label_th": "หลักฐานใหม่", "page_refs": True}
    if model is Gate:
        return {"id": _free_id("g", siblings), "title_th": "เงื่อนไขผ่านเกณฑ์ใหม่", "kind": "all_pass"}
    if model is Tier:
        return {"id": _free_id("t", siblings), "label_th": "ระดับรางวัลใหม่", "min": "0"}
    if model is Tiers:
        return {"bands": [{"id": "t1", "label_th": "ระดับรางวัลใหม่", "min": "0"}]}
    if model is TierRule:
        return {"tier": "t1"}
    if model is Proportion:
        return {"component": "c1", "points": "0"}
    if model is Defect:
        return {"id": _free_id("d", siblings), "code": "other", "form_says_th": "-"}
    if model is ItemCountBands:
        return {
            "kind": "item_count_bands",
            "bands": [{**_first_level(document, pointer), "min": 1}],
        }
    if model is CountPoints:
        return {"kind": "count_points", "cases": [{"bands": [{"points": "0", "min": 0}]}]}
    if model is LevelChoice:
        return {"kind": "level_choice"}
    if model is ItemChoice:
        return {"kind": "item_choice", "options": [{"item": 1, **_first_level(document, pointer)}]}
    if model is NumericThresholds:
        return {"kind": "numeric_thresholds", "ranges": [{"points": "0", "min": "0"}]}
    if model is ConditionLevels:
        return {
            "kind": "condition_levels",
            "cases": [{"when": {"field": "field", "is_set": True}, "points": "0"}],
        }
    if model is PassFail:
        return {"kind": "pass_fail"}
    if model is UseDefinition:
        return {"kind": "use", "name": "rule"}
    # Anything else: the required text attributes, blank for the author to fill in.
    return {
        name: "-"
        for name, info in model.model_fields.items()
        if info.is_required() and info.annotation is str
    }
