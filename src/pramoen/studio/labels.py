"""What the author reads: Thai names of every attribute, element and choice of an instrument, and
the Thai location of an element ("องค์ประกอบ ๑ › ตัวชี้วัด ๒ › เกณฑ์ › ช่วงที่ ๓")."""

from __future__ import annotations

from typing import Any

from pramoen.studio.drafts import Pointer
from pramoen.thai import to_thai_digits

ATTRIBUTE_TH = {
    "id": "รหัสอ้างอิง (อักษรอังกฤษหรือตัวเลข)",
    "number": "เลขที่พิมพ์ในแบบฟอร์ม",
    "version": "ฉบับ (เช่น ปี พ.ศ.)",
    "program": "โครงการ",
    "category": "ประเภทผู้รับการประเมิน",
    "kind": "ชนิด",
    "title_th": "ชื่อ",
    "title_en": "ชื่อภาษาอังกฤษ",
    "description_th": "คำอธิบาย",
    "label_th": "ข้อความ",
    "label_en": "ข้อความภาษาอังกฤษ",
    "text_th": "ข้อความของรายการ",
    "text_en": "ข้อความภาษาอังกฤษ",
    "descriptor_th": "คำอธิบายระดับ",
    "points": "คะแนน",
    "esa_text": "ข้อความของเขตพื้นที่ (ไม่ได้พิมพ์ในแบบฟอร์ม)",
    "stated_max": "คะแนนเต็มที่พิมพ์ในแบบฟอร์ม",
    "note_th": "หมายเหตุ",
    "type": "ชนิดข้อมูล",
    "required": "ต้องกรอก",
    "multiple": "เลือกได้หลายข้อ",
    "min": "ค่าต่ำสุด",
    "max": "ค่าสูงสุด",
    "max_length": "ความยาวสูงสุด (ตัวอักษร)",
    "unit_th": "หน่วย",
    "unit_en": "หน่วยภาษาอังกฤษ",
    "help_th": "คำแนะนำการกรอก",
    "computed": "สูตรคำนวณจากข้อมูลอื่น",
    "min_rows": "จำนวนแถวอย่างน้อย",
    "max_rows": "จำนวนแถวอย่างมาก",
    "indicator": "ตัวชี้วัดที่เกี่ยวข้อง",
    "page_refs": "ให้ระบุเลขหน้าของหลักฐาน",
    "max_files": "จำนวนไฟล์อย่างมาก",
    "value": "ค่าที่เก็บ",
    "level": "ระดับคุณภาพ",
    "requires": "รายการที่ต้องทำได้ทุกข้อ (คั่นด้วยจุลภาค)",
    "among": "นับเฉพาะรายการ (คั่นด้วยจุลภาค)",
    "others_min": "รายการอื่นอย่างน้อย",
    "others_max": "รายการอื่นอย่างมาก",
    "printed_th": "ข้อความตามที่พิมพ์ในแบบฟอร์ม",
    "range": "ช่วงจำนวนรายการที่ทำได้ (เช่น ๔–๕ หรือ ๓ ขึ้นไป)",
    "when_items": "ใช้เมื่อตัวชี้วัดมีจำนวนรายการ",
    "input": "ข้อมูลที่ใช้วัด (รหัสข้อมูลหรือสูตร)",
    "min_inclusive": "รวมค่าต่ำสุด",
    "max_inclusive": "รวมค่าสูงสุด",
    "mode": "วิธีผ่าน",
    "name": "ชื่อเกณฑ์ที่ใช้ซ้ำ",
    "item": "รายการ",
    "method": "วิธีรวมคะแนน",
    "component": "องค์ประกอบ",
    "indicators": "ตัวชี้วัดที่ต้องผ่าน (คั่นด้วยจุลภาค เช่น c1.i1)",
    "instrument": "แบบประเมินคุณสมบัติที่ต้องผ่าน",
    "blocks_tier": "ไม่ผ่านแล้วไม่ได้รับรางวัล",
    "basis": "ฐานการตัดสิน",
    "none_label_th": "ข้อความเมื่อไม่ได้รับรางวัล",
    "failed_gate_label_th": "ข้อความเมื่อไม่ผ่านเงื่อนไข",
    "tie_break": "องค์ประกอบที่ใช้ตัดสินเมื่อคะแนนเท่ากัน (คั่นด้วยจุลภาค)",
    "tier": "ระดับรางวัล",
    "min_component_percent": "ทุกองค์ประกอบต้องได้อย่างน้อย (ร้อยละ)",
    "all_gates_passed": "ต้องผ่านทุกเงื่อนไข",
    "min_judges": "จำนวนกรรมการอย่างน้อย",
    "decimals": "ทศนิยมที่แสดง",
    "rounding": "วิธีปัดเศษ",
    "thai_digits": "แสดงเลขไทย",
    "to": "ปรับคะแนนเป็นเต็ม",
    "full": "คะแนนเต็มเดิม (computed = คำนวณเอง)",
    "stated_full": "คะแนนเต็มเดิมที่พิมพ์ในแบบฟอร์ม",
    "code": "ชนิดข้อบกพร่อง",
    "form_says_th": "ข้อความตามแบบฟอร์ม",
    "note_en": "หมายเหตุภาษาอังกฤษ",
    "reading_th": "การตีความที่ใช้",
    "reading_en": "การตีความภาษาอังกฤษ",
    "esa_decision": "เป็นการตัดสินใจของเขตพื้นที่",
    "overridable": "การประกวดปรับค่าได้",
    "parameters": "ค่าที่การประกวดปรับได้ (คั่นด้วยจุลภาค)",
    "document": "เอกสารต้นทาง",
    "lines": "บรรทัด",
    "page": "หน้า",
    "section_th": "หัวข้อในเอกสาร",
    "note": "หมายเหตุ",
    "field": "ข้อมูล (รหัสหรือสูตร)",
    "eq": "เท่ากับ",
    "ne": "ไม่เท่ากับ",
    "gt": "มากกว่า",
    "gte": "มากกว่าหรือเท่ากับ",
    "lt": "น้อยกว่า",
    "lte": "น้อยกว่าหรือเท่ากับ",
    "in": "เป็นค่าใดค่าหนึ่งใน (คั่นด้วยจุลภาค)",
    "not_in": "ไม่เป็นค่าใดใน (คั่นด้วยจุลภาค)",
    "is_set": "กรอกแล้ว",
    "checked": "ทำได้รายการ (เช่น c1.i1.3)",
    "passed": "ผ่าน",
    "reading": "การตีความ",
}

# Child elements and lists, by attribute.
CHILD_TH = {
    "form": "ส่วนที่ผู้สมัครกรอก",
    "rubric": "องค์ประกอบและตัวชี้วัด",
    "fields": "ข้อมูลที่ผู้สมัครกรอก",
    "evidence": "ช่องแนบหลักฐาน",
    "components": "องค์ประกอบ",
    "indicators": "ตัวชี้วัด",
    "items": "รายการ",
    "levels": "ระดับคุณภาพและคะแนน",
    "rule": "เกณฑ์การให้คะแนน",
    "bands": "ช่วงจำนวนรายการ",
    "cases": "กรณี",
    "ranges": "ช่วงค่าตัวเลข",
    "options": "ตัวเลือก",
    "choices": "ตัวเลือก",
    "columns": "คอลัมน์ของตาราง",
    "none": "ตัวเลือก “ไม่มี”",
    "otherwise": "กรณีอื่นทั้งหมด",
    "also": "เงื่อนไขเพิ่มเติม",
    "when": "เมื่อ",
    "applies_when": "ใช้เมื่อ",
    "aggregation": "การรวมคะแนน",
    "proportions": "สัดส่วนคะแนน",
    "gates": "เงื่อนไขผ่าน/ไม่ผ่าน",
    "tiers": "ระดับรางวัล",
    "display": "การแสดงผล",
    "scale": "การปรับสเกลคะแนน",
    "defects": "ข้อบกพร่องของแบบฟอร์มและการตีความ",
    "resolution": "การตีความที่ใช้",
    "printed_rule": "เกณฑ์ตามที่พิมพ์",
    "source": "แหล่งที่มา",
    "definitions": "เกณฑ์ที่ใช้ซ้ำ",
    "esa_authored": "ข้อความที่เขตพื้นที่การศึกษาเขียนเอง",
    "all": "ทุกเงื่อนไข",
    "any": "เงื่อนไขใดเงื่อนไขหนึ่ง",
    "not": "ไม่เป็นไปตาม",
}
# One element of a list, by the list's attribute.
ONE_TH = {
    "fields": "ข้อมูล",
    "evidence": "หลักฐาน",
    "components": "องค์ประกอบ",
    "indicators": "ตัวชี้วัด",
    "items": "รายการ",
    "levels": "ระดับ",
    "bands": "ช่วง",
    "cases": "กรณี",
    "ranges": "ช่วง",
    "options": "ตัวเลือก",
    "choices": "ตัวเลือก",
    "columns": "คอลัมน์",
    "proportions": "สัดส่วน",
    "gates": "เงื่อนไข",
    "defects": "ข้อบกพร่อง",
    "rules": "เงื่อนไขของระดับรางวัล",
    "all": "เงื่อนไข",
    "any": "เงื่อนไข",
}
CHILD_TH["rules"] = "เงื่อนไขเพิ่มเติมของแต่ละระดับรางวัล"

CHOICE_TH = {
    "eligibility": "แบบประเมินคุณสมบัติเบื้องต้น",
    "scoring": "เกณฑ์การให้คะแนน",
    "report": "แบบรายงาน",
    "integer": "จำนวนเต็ม",
    "decimal": "ตัวเลขทศนิยม",
    "percent": "ร้อยละ",
    "text": "ข้อความ",
    "choice": "ตัวเลือก",
    "boolean": "ใช่/ไม่ใช่",
    "date": "วันที่",
    "table": "ตาราง",
    "all_pass": "ตัวชี้วัดผ่าน/ไม่ผ่านต้องผ่านทั้งหมด",
    "sum": "รวมคะแนน",
    "unrounded_total": "คะแนนรวมก่อนปัดเศษ",
    "half_up": "ปัดครึ่งขึ้น",
    "half_even": "ปัดครึ่งไปหาเลขคู่",
    "down": "ปัดลง",
    "all": "ทำได้ทุกรายการ",
    "any": "ทำได้อย่างน้อย ๑ รายการ",
    "min": "ทำได้อย่างน้อยตามจำนวนที่กำหนด",
}
RULE_KIND_TH = {
    "item_count_bands": "นับจำนวนรายการที่ทำได้ แล้วเทียบช่วง",
    "count_points": "นับจำนวนรายการ แยกกรณีตามจำนวนรายการของตัวชี้วัด",
    "level_choice": "กรรมการเลือกระดับคุณภาพ",
    "item_choice": "กรรมการเลือกรายการที่ตรงกับผลงาน",
    "numeric_thresholds": "เทียบค่าตัวเลขกับช่วงค่า",
    "condition_levels": "ตามเงื่อนไขที่กำหนด",
    "pass_fail": "ผ่าน/ไม่ผ่าน",
    "use": "ใช้เกณฑ์ที่ตั้งชื่อไว้",
}


def attribute_th(name: str) -> str:
    return ATTRIBUTE_TH.get(name, CHILD_TH.get(name, name.replace("_", " ")))


def child_th(name: str) -> str:
    return CHILD_TH.get(name, attribute_th(name))


def choice_th(value: str) -> str:
    return CHOICE_TH.get(value, RULE_KIND_TH.get(value, value))


def summary_th(value: Any) -> str:
    """A short name of an element for lists and locations: its printed number and its text."""
    if not isinstance(value, dict):
        return str(value)
    text = ""
    for key in ("title_th", "label_th", "text_th", "form_says_th", "name"):
        if value.get(key):
            text = str(value[key])
            break
    if not text and value.get("kind") in RULE_KIND_TH:
        text = RULE_KIND_TH[value["kind"]]
    if not text:
        text = _band_text(value)
    number = value.get("number")
    head = f"{number} " if number and number != "-" else ""
    text = " ".join(text.split())
    return head + (text if len(text) <= 70 else text[:69] + "…")


def _band_text(value: dict[str, Any]) -> str:
    parts = []
    if "min" in value or "max" in value:
        parts.append(range_text(value.get("min"), value.get("max")))
    if value.get("level"):
        parts.append(f"→ {value['level']}")
    if value.get("points") is not None:
        parts.append(f"{to_thai_digits(str(value['points']))} คะแนน")
    return " ".join(parts) or "-"


def range_text(low: Any, high: Any) -> str:
    if low is not None and high is not None:
        if low == high:
            return to_thai_digits(str(low))
        return f"{to_thai_digits(str(low))}–{to_thai_digits(str(high))}"
    if low is not None:
        return f"{to_thai_digits(str(low))} ขึ้นไป"
    if high is not None:
        return f"ไม่เกิน {to_thai_digits(str(high))}"
    return ""


def location_th(document: dict[str, Any], pointer: Pointer) -> str:
    """Where the element is, in words: each step names the element by its number or text."""
    if not pointer:
        return "ข้อมูลทั่วไปของแบบประเมิน"
    steps: list[str] = []
    value: Any = document
    i = 0
    while i < len(pointer):
        part = pointer[i]
        value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list) and i + 1 < len(pointer) and isinstance(pointer[i + 1], int):
            position = int(pointer[i + 1])
            element = value[position] if position < len(value) else None
            one = ONE_TH.get(str(part), child_th(str(part)))
            if isinstance(element, dict) and element.get("number"):
                steps.append(f"{one} {element['number']}")
            else:
                steps.append(f"{one}ที่ {to_thai_digits(str(position + 1))}")
            value = element
            i += 2
            continue
        if str(part) not in ("form", "rubric"):
            steps.append(child_th(str(part)))
        i += 1
    return " › ".join(steps)
