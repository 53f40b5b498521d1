"""The rubric as readable Thai text (``pramoen instrument explain``): what a judge reads.

Every item, level descriptor, threshold and note is shown as transcribed (with the printed cell
next to the reading applied), the applicant's figures by their Thai labels, never by field id.

Pure Python: no Django import.
"""

from __future__ import annotations

from typing import Any

from pramoen.instruments.expr import names
from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.schema import (
    Band,
    Condition,
    ConditionLevels,
    CountPoints,
    Instrument,
    ItemChoice,
    ItemCountBands,
    LevelChoice,
    NumericThresholds,
    PassFail,
)

__all__ = ["explain"]


def _n(value: Any) -> str:
    return fmt_number(value) if value is not None else "-"


def _refs(refs: list[Any]) -> str:
    return ", ".join(_n(r) if isinstance(r, int) else str(r) for r in refs)


def _band_text(band: Band) -> str:
    parts = []
    if band.requires:
        parts.append(f"ต้องมีรายการที่ {_refs(band.requires)}")
    if band.min is not None or band.max is not None:
        if band.min == band.max:
            parts.append(f"ทำได้ {_n(band.min)} รายการ")
        elif band.max is None:
            parts.append(f"ทำได้ {_n(band.min)} รายการขึ้นไป")
        else:
            parts.append(f"ทำได้ {_n(band.min or 0)}-{_n(band.max)} รายการ")
    if band.others_min is not None:
        parts.append(f"และอีกอย่างน้อย {_n(band.others_min)} รายการ")
    if band.among is not None:
        parts.append(f"(นับเฉพาะรายการที่ {_refs(band.among)})")
    return " ".join(parts) or "-"


def _labels(inst: Instrument, expression: str) -> str:
    """Field labels of an expression ("reading_pct" → its Thai label)."""
    found = []
    for name in sorted(names(expression)):
        field = inst.field(name)
        found.append(field.label_th if field is not None else name)
    return ", ".join(found) or expression


def _condition_fields(cond: Condition, out: list[str]) -> None:
    if cond.field is not None:
        out.append(cond.field)
    for part in (cond.all or []) + (cond.any or []):
        _condition_fields(part, out)
    if cond.not_ is not None:
        _condition_fields(cond.not_, out)


def _rule_lines(inst: Instrument, ind: Any, rule: Any) -> list[str]:
    levels = {lv.id: lv for lv in ind.levels}

    def target(level: str | None, points: Any) -> str:
        label = levels[level].label_th if level in levels else ""
        value = points if points is not None else getattr(levels.get(level), "points", None)
        return f"{label} ({_n(value)} คะแนน)" if label else f"{_n(value)} คะแนน"

    def printed(text: str | None) -> str:
        return f" [พิมพ์ว่า: {text}]" if text else ""

    lines: list[str] = []
    if isinstance(rule, ItemCountBands):
        for band in rule.bands:
            lines.append(
                f"    เกณฑ์: {_band_text(band)} → {target(band.level, band.points)}"
                f"{printed(band.printed_th)}"
            )
    elif isinstance(rule, CountPoints):
        for count_case in rule.cases:
            when = f"กรณี {_n(count_case.when_items)} ข้อ" if count_case.when_items else "ทุกตัวชี้วัด"
            if count_case.when_items is not None and count_case.when_items != len(ind.items):
                continue  # the case this indicator does not use
            bands = "; ".join(f"{_band_text(b)} = {_n(b.points)} คะแนน" for b in count_case.bands)
            lines.append(f"    {when}: {bands}")
    elif isinstance(rule, LevelChoice | ItemChoice):
        if isinstance(rule, LevelChoice):
            for lv in ind.levels:
                desc = f": {lv.descriptor_th}" if lv.descriptor_th else ""
                lines.append(
                    f"    ระดับ {lv.number or ''} {lv.label_th}{desc} → {_n(lv.points)} คะแนน"
                )
        else:
            for option in rule.options:
                item = _n(option.item) if isinstance(option.item, int) else option.item
                lines.append(
                    f"    ทำได้รายการที่ {item} → {target(option.level, option.points)}"
                    f"{printed(option.printed_th)}"
                )
        if rule.none is not None:
            lines.append(f"    {rule.none.label_th} → {_n(rule.none.points)} คะแนน")
    elif isinstance(rule, NumericThresholds):
        source = _labels(inst, rule.input) if rule.input else "ค่าที่กรรมการกรอก"
        lines.append(f"    จากข้อมูลที่ผู้สมัครกรอก: {source}")
        unit = f" {rule.unit_th}" if rule.unit_th and rule.unit_th != "ร้อยละ" else ""
        for rng in rule.ranges:
            lo = "" if rng.min is None else f"{'≥' if rng.min_inclusive else '>'} {_n(rng.min)}"
            hi = "" if rng.max is None else f"{'≤' if rng.max_inclusive else '<'} {_n(rng.max)}"
            bounds = " และ ".join(b for b in (lo, hi) if b)
            lines.append(
                f"    {'ร้อยละ ' if rule.unit_th == 'ร้อยละ' else ''}{bounds}{unit} → "
                f"{target(rng.level, rng.points)}{printed(rng.printed_th)}"
            )
    elif isinstance(rule, ConditionLevels):
        fields: list[str] = []
        for case in rule.cases:
            _condition_fields(case.when, fields)
        if fields:
            labels = _labels(inst, " + ".join(dict.fromkeys(fields)))
            lines.append(f"    จากข้อมูลที่ผู้สมัครกรอก: {labels}")
        for n, case in enumerate(rule.cases, start=1):
            label = case.printed_th or case.when.label_th or f"เงื่อนไขที่ {_n(n)}"
            lines.append(f"    {label} → {target(case.level, case.points)}")
        if rule.otherwise is not None:
            other = rule.otherwise
            lines.append(
                f"    นอกนั้น → {target(other.level, other.points)}{printed(other.printed_th)}"
            )
    elif isinstance(rule, PassFail):
        mode = {"all": "ต้องผ่านทุกรายการ", "any": "ผ่านอย่างน้อย ๑ รายการ"}.get(
            rule.mode, f"ผ่านอย่างน้อย {_n(rule.min)} รายการ"
        )
        extra = " และเงื่อนไขเพิ่มเติม" if rule.also is not None else ""
        lines.append(f"    ผ่าน/ไม่ผ่าน: {mode}{extra}")
    return lines


def explain(inst: Instrument) -> str:
    """The rubric as readable Thai text (what a judge reads)."""
    lines = [inst.title_th, f"ฉบับ {inst.version}", ""]
    if inst.form.fields:
        lines.append("ข้อมูลที่ผู้ส่งผลงานกรอก:")
        for f in inst.form.fields:
            need = "จำเป็น" if f.required and not f.computed else "ไม่บังคับ"
            when = (
                f" ({f.applies_when.label_th})"
                if f.applies_when and f.applies_when.label_th
                else ""
            )
            lines.append(f"  - {f.label_th} [{need}]{when}")
        lines.append("")
    for comp in inst.rubric.components:
        stated = f" ({_n(comp.stated_max)} คะแนน)" if comp.stated_max is not None else ""
        head = f"องค์ประกอบที่ {comp.number} " if comp.number and comp.number != "-" else ""
        lines.append(f"{head}{comp.title_th}{stated}")
        if comp.scale is not None:
            full = "คะแนนเต็มที่คำนวณได้" if comp.scale.full == "computed" else _n(comp.scale.full)
            lines.append(f"  สูตร {_n(comp.scale.to)} × คะแนนที่ได้ / {full}")
        for ind in comp.indicators:
            stated = f" ({_n(ind.stated_max)} คะแนน)" if ind.stated_max is not None else ""
            number = ind.number or "-"
            if number != "-" and "." not in number:
                number += "."  # "๑." as printed; "๑.๑" already carries its dot
            lines.append(f"  ตัวชี้วัด {number} {ind.title_th}{stated}")
            if ind.note_th:
                lines.append(f"    ({ind.note_th})")
            for position, item in enumerate(ind.items, start=1):
                lines.append(f"      {item.number or _n(position)}. {item.text_th}")
            rule = inst.resolve_rule(ind.rule) or ind.rule
            if isinstance(rule, NumericThresholds | ConditionLevels) and ind.levels:
                for lv in ind.levels:
                    desc = f": {lv.descriptor_th}" if lv.descriptor_th else ""
                    lines.append(f"    ระดับ {lv.number or ''} {lv.label_th}{desc}")
            lines.extend(_rule_lines(inst, ind, rule))
            for defect in ind.defects:
                if defect.resolution is not None:
                    esa = " (มติ สพท.)" if defect.resolution.esa_decision else ""
                    lines.append(f"    หมายเหตุ: {defect.resolution.reading_th}{esa}")
        lines.append("")
    if inst.aggregation.proportions:
        share = " : ".join(_n(p.points) for p in inst.aggregation.proportions)
        lines.append(f"สัดส่วนคะแนน {share} รวม {_n(inst.aggregation.stated_max)} คะแนน")
    for gate in inst.gates:
        lines.append(f"เงื่อนไขผ่าน: {gate.title_th}")
    if inst.tiers is not None:
        lines.append("ระดับรางวัล (ใช้คะแนนรวมก่อนปัดเศษ):")
        for tier in inst.tiers.bands:
            lo = "" if tier.min is None else f"{_n(tier.min)} ≤ "
            hi = "" if tier.max is None else f" {'≤' if tier.max_inclusive else '<'} {_n(tier.max)}"
            lines.append(f"  {tier.label_th}: {lo}คะแนน{hi}")
        lines.append(f"  {inst.tiers.failed_gate_label_th}")
    return "\n".join(lines) + "\n"
