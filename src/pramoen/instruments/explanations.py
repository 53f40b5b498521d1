"""Thai (and English) text of an evaluation, rendered from the recorded facts.

"ทำได้ ๗ รายการ (ทำได้ ๗-๘ รายการ) → ดีเยี่ยม → ๑๕ คะแนน" for an outcome; "ไม่มีเกณฑ์ใดตรงกับ …"
for a warning. Only :class:`~pramoen.instruments.results.ScoreResult` calls these, lazily.
"""

from __future__ import annotations

from decimal import Decimal

from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.messages import Message
from pramoen.instruments.structure import CGate, CIndicator, Outcome


def _points_th(points: Decimal) -> str:
    return f"{fmt_number(points)} คะแนน"


def explain_outcome(ind: CIndicator, outcome: Outcome) -> str:
    """ "ทำได้ ๗ รายการ → ดีเยี่ยม → ๑๕ คะแนน" and the like, from the recorded facts."""
    points, index, measure, passed, code = outcome
    if code == "not_applicable":
        return "ไม่ใช้กับผู้ส่งผลงานนี้"
    target = ind.targets[index] if index >= 0 else None
    level = f" → {target.level_label_th}" if target and target.level_label_th else ""
    if ind.kind in ("item_count_bands", "count_points"):
        unit = "ข้อ" if ind.kind == "count_points" else "รายการ"
        head = f"ทำได้ {fmt_number(measure or 0)} {unit}"
        if ind.case_items is not None:
            head += f" (กรณี {fmt_number(ind.case_items)} ข้อปฏิบัติ)"
        if target is None:
            return f"{head} → ไม่เข้าเกณฑ์ใด → {_points_th(points)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{head}{printed}{level} → {_points_th(points)}"
    if measure == "none" and target is not None and ind.kind in ("level_choice", "item_choice"):
        return f"{target.printed_th}{_points_suffix(points)}"
    if ind.kind == "level_choice":
        if target is None:
            return "ยังไม่ได้เลือกระดับ → ๐ คะแนน"
        return f"เลือกระดับ {target.level_label_th or target.level_id}{_points_suffix(points)}"
    if ind.kind == "item_choice":
        if target is None:
            return "ยังไม่ได้เลือกรายการ → ๐ คะแนน"
        position = ind.ref_bits.get(measure, 0).bit_length()
        return f"ทำได้รายการที่ {fmt_number(position)}{level} → {_points_th(points)}"
    if ind.kind == "numeric_thresholds":
        unit = f" {ind.unit_th}" if ind.unit_th else ""
        if measure is None:
            return "ไม่มีข้อมูลตัวเลข → ๐ คะแนน"
        head = f"{fmt_number(measure)}{unit}"
        if ind.unit_th == "ร้อยละ":
            head = f"ร้อยละ {fmt_number(measure)}"
        if target is None:
            return f"{head} → ไม่เข้าเกณฑ์ใด → {_points_th(points)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{head}{printed}{level} → {_points_th(points)}"
    if ind.kind == "condition_levels":
        if target is None:
            return f"ไม่เข้าเงื่อนไขใด → {_points_th(points)}"
        what = "ไม่เข้าเงื่อนไขข้างต้น" if measure is None else f"เข้าเงื่อนไขที่ {fmt_number(measure + 1)}"
        printed = f" ({target.printed_th})" if target.printed_th else ""
        return f"{what}{printed}{level} → {_points_th(points)}"
    if ind.kind == "pass_fail":
        verdict = "ผ่าน" if passed else "ไม่ผ่าน"
        if code == "no_answer":
            return "ยังไม่ได้ประเมิน → ไม่ผ่าน"
        if code == "also_failed":
            return f"ผ่าน {fmt_number(measure or 0)} รายการ แต่ไม่ครบเงื่อนไขเพิ่มเติม → ไม่ผ่าน"
        return (
            f"ผ่าน {fmt_number(measure or 0)} จาก {fmt_number(len(ind.item_ids))} รายการ → {verdict}"
        )
    return _points_th(points)


def _points_suffix(points: Decimal) -> str:
    return f" → {_points_th(points)}"


def warning_message(ind: CIndicator, outcome: Outcome) -> Message:
    code = outcome[4] or ""
    measure = outcome[2]
    if code == "no_band":
        if ind.kind == "numeric_thresholds":
            unit_th = f" {ind.unit_th}" if ind.unit_th else ""
            unit_en = f" {ind.unit_en}" if ind.unit_en else ""
            return Message(
                ind.path,
                code,
                f"ไม่มีเกณฑ์ใดตรงกับ {fmt_number(measure)}{unit_th} → ๐ คะแนน",
                f"no band matches {fmt_number(measure, thai=False)}{unit_en} → 0 points",
            )
        return Message(
            ind.path,
            code,
            f"ไม่มีเกณฑ์ใดตรงกับ {fmt_number(measure or 0)} รายการ → ๐ คะแนน",
            f"no band matches {measure} items → 0 points",
        )
    if code == "no_value":
        return Message(
            ind.path, code, "ไม่มีข้อมูลตัวเลขสำหรับตัวชี้วัดนี้", "no numeric value for this indicator"
        )
    if code == "also_failed":
        return Message(
            ind.path, code, "ไม่ครบเงื่อนไขเพิ่มเติมของตัวชี้วัด", "the additional condition failed"
        )
    return Message(ind.path, code, "ยังไม่ได้ประเมินตัวชี้วัดนี้", "no answer for this indicator")


def gate_unknown_message(gate: CGate) -> Message:
    return Message(
        f"gates.{gate.id}",
        "gate_unknown",
        f"ไม่ทราบผล {gate.title_th} (ไม่ได้ส่งผล {gate.instrument})",
        f"gate {gate.id!r} unknown: no result for {gate.instrument!r} supplied",
    )
