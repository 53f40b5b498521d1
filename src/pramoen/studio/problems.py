"""Located Thai messages: why an edit was refused (the schema's checks), and where each lint
finding is in the editor (its stable path ↔ the element's pointer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from pramoen.studio.drafts import Pointer, pointer_text
from pramoen.studio.labels import attribute_th, child_th, location_th
from pramoen.thai import to_thai_digits


@dataclass(frozen=True)
class Problem:
    """A refused edit: the element (pointer), the attribute, and a Thai message naming both."""

    pointer: str
    attribute: str
    message_th: str


_VALUE_ERRORS = [
    (
        re.compile(r"band min (\S+) > max (\S+)"),
        "ค่าแรก {0} มากกว่าค่าหลัง {1} (ช่วงต้องเรียงจากน้อยไปมาก)",
    ),
    (re.compile(r"range min (\S+) > max (\S+)"), "ค่าต่ำสุด {0} มากกว่าค่าสูงสุด {1}"),
    (re.compile(r"needs a level or points"), "ต้องระบุระดับคุณภาพหรือคะแนนอย่างใดอย่างหนึ่ง"),
    (re.compile(r"a range needs min or max"), "ต้องระบุค่าต่ำสุดหรือค่าสูงสุด"),
    (re.compile(r"a choice field needs choices"), "ข้อมูลชนิดตัวเลือกต้องมีตัวเลือกอย่างน้อย ๑ ตัวเลือก"),
    (re.compile(r"only choice fields have choices"), "มีตัวเลือกได้เฉพาะข้อมูลชนิดตัวเลือก"),
    (re.compile(r"a table field needs columns"), "ข้อมูลชนิดตารางต้องมีคอลัมน์"),
    (re.compile(r"only table fields have columns"), "มีคอลัมน์ได้เฉพาะข้อมูลชนิดตาราง"),
    (re.compile(r"eligibility gate names"), "เงื่อนไขคุณสมบัติต้องระบุแบบประเมินคุณสมบัติ"),
    (re.compile(r"mode 'min'"), "วิธีผ่าน “อย่างน้อยตามจำนวน” ต้องระบุจำนวน (และใช้จำนวนเฉพาะวิธีนี้)"),
    (re.compile(r"a condition needs exactly one"), "เงื่อนไขต้องเป็นแบบใดแบบหนึ่งเท่านั้น"),
    (
        re.compile(r"field condition needs exactly one operator"),
        "เงื่อนไขของข้อมูลต้องมีตัวเปรียบเทียบ ๑ ตัว",
    ),
    (
        re.compile(r"indicator condition needs exactly one"),
        "เงื่อนไขของตัวชี้วัดต้องระบุระดับหรือผ่าน อย่างใดอย่างหนึ่ง",
    ),
    (re.compile(r"not a number"), "ต้องเป็นตัวเลข"),
    (re.compile(r"not a finite number"), "ต้องเป็นตัวเลข"),
]
_BY_TYPE = {
    "missing": "ต้องกรอก",
    "string_pattern_mismatch": "ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข ขีด (-) และขีดล่าง (_) และต้องขึ้นต้นด้วยอักษรหรือตัวเลข",  # noqa: E501  # one message per line reads best
    "string_too_long": "ยาวเกินกำหนด",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_from_float": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "decimal_parsing": "ต้องเป็นตัวเลข",
    "bool_parsing": "ต้องเป็น ใช่ หรือ ไม่ใช่",
    "literal_error": "ค่าไม่อยู่ในตัวเลือกที่กำหนด",
    "extra_forbidden": "ไม่มีช่องนี้ในแบบประเมิน",
    "union_tag_invalid": "ไม่รู้จักชนิดของเกณฑ์",
    "list_type": "ต้องเป็นรายการ",
}


def message_th(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "value_error":
        text = str(error.get("msg", ""))
        for pattern, th in _VALUE_ERRORS:
            found = pattern.search(text)
            if found:
                return th.format(*(to_thai_digits(g) for g in found.groups()))
        return "ข้อมูลไม่ถูกต้อง"
    if kind == "too_short":
        return (
            f"ต้องมีอย่างน้อย {to_thai_digits(str(error.get('ctx', {}).get('min_length', 1)))} รายการ"
        )
    if kind in ("greater_than_equal", "greater_than"):
        limit = error.get("ctx", {}).get("ge", error.get("ctx", {}).get("gt", ""))
        return f"ต้องไม่น้อยกว่า {to_thai_digits(str(limit))}"
    if kind in ("less_than_equal", "less_than"):
        limit = error.get("ctx", {}).get("le", error.get("ctx", {}).get("lt", ""))
        return f"ต้องไม่มากกว่า {to_thai_digits(str(limit))}"
    if kind.endswith("_type") and kind not in _BY_TYPE:
        return "ชนิดข้อมูลไม่ถูกต้อง"
    return _BY_TYPE.get(kind, "ข้อมูลไม่ถูกต้อง")


def _pointer_of(document: dict[str, Any], loc: tuple[Any, ...]) -> tuple[Pointer, str]:
    """The element and attribute a pydantic error location names (union tags skipped)."""
    value: Any = document
    parts: list[str | int] = []
    for part in loc:
        if (isinstance(value, dict) and part in value) or (
            isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value)
        ):
            parts.append(part)
            value = value[part]
        elif isinstance(value, dict) and isinstance(part, str) and part == loc[-1]:
            parts.append(part)  # a missing attribute: named, though not in the document
            break
    if parts and isinstance(parts[-1], str):
        return tuple(parts[:-1]), str(parts[-1])
    return tuple(parts), ""


def _attribute_label(document: dict[str, Any], pointer: Pointer, attribute: str) -> str:
    value: Any = document
    for part in pointer:
        value = value[part]
    held = value.get(attribute) if isinstance(value, dict) else None
    return child_th(attribute) if isinstance(held, list | dict) else attribute_th(attribute)


def problems_of(document: dict[str, Any], exc: ValidationError) -> list[Problem]:
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        pointer, attribute = _pointer_of(document, tuple(error["loc"]))
        where = location_th(document, pointer)
        what = f" › {_attribute_label(document, pointer, attribute)}" if attribute else ""
        found.append(
            Problem(pointer_text(pointer), attribute, f"{where}{what}: {message_th(dict(error))}")
        )
    return found


# --------------------------------------------------------------------------- lint locations


def lint_path(document: dict[str, Any], pointer: Pointer) -> str:
    """The lint's stable path of the element at ``pointer`` (a rule or band → its indicator)."""
    p = list(pointer)
    try:
        if p[:2] == ["rubric", "components"] and len(p) >= 3:
            comp = document["rubric"]["components"][p[2]]
            path = str(comp["id"])
            if len(p) >= 5 and p[3] == "indicators":
                ind = comp["indicators"][p[4]]
                path += f".{ind['id']}"
                if len(p) >= 7 and p[5] == "items":
                    item = ind["items"][p[6]]
                    path += f".{item.get('id') or int(p[6]) + 1}"
            return path
        if p[:2] == ["form", "fields"] and len(p) >= 3:
            return f"fields.{document['form']['fields'][p[2]]['id']}"
        if p[:2] == ["form", "evidence"] and len(p) >= 3:
            return f"evidence.{document['form']['evidence'][p[2]]['id']}"
        if p[:1] == ["gates"] and len(p) >= 2:
            return f"gates.{document['gates'][p[1]]['id']}"
        if p[:1] in (["tiers"], ["aggregation"]):
            return str(p[0])
        if p[:1] == ["definitions"] and len(p) >= 2:
            return f"definitions.{p[1]}"
    except (KeyError, IndexError, TypeError):
        return ""
    return ""


def pointer_of_path(document: dict[str, Any], path: str) -> str:
    """The editor pointer of a lint finding's stable path ("" for the instrument itself)."""
    if not path:
        return ""
    head, _, rest = path.partition(".")
    if head in ("fields", "evidence"):
        for n, element in enumerate(document.get("form", {}).get(head, [])):
            if element.get("id") == rest.split(".")[0]:
                return f"form.{head}.{n}"
        return ""
    if head == "gates":
        for n, gate in enumerate(document.get("gates", [])):
            if gate.get("id") == rest:
                return f"gates.{n}"
        return "gates"
    if head in ("tiers", "aggregation"):
        return head if head in document else ""
    if head == "definitions":
        return f"definitions.{rest}" if rest in document.get("definitions", {}) else ""
    segments = path.split(".")
    for c, comp in enumerate(document.get("rubric", {}).get("components", [])):
        if comp.get("id") != segments[0]:
            continue
        pointer = f"rubric.components.{c}"
        if len(segments) == 1:
            return pointer
        for i, ind in enumerate(comp.get("indicators", [])):
            if ind.get("id") != segments[1]:
                continue
            pointer += f".indicators.{i}"
            if len(segments) >= 3:
                for n, item in enumerate(ind.get("items", [])):
                    if str(item.get("id") or n + 1) == segments[2]:
                        return f"{pointer}.items.{n}"
            return pointer
        return pointer
    return ""
