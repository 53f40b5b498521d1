"""Checks of the printed maxima against the computed ones: indicators, components, formula full
scores, the total and its proportions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.lint.linter import Linter


def check_maxima(linter: Linter, compiled: Any) -> None:
    if compiled is None:
        return
    inst = linter.instrument
    total = Decimal(0)
    by_component: dict[str, Decimal] = {}
    for comp in compiled.components:
        raw_max = sum((i.maximum for i in comp.indicators), Decimal(0))
        for ind in comp.indicators:
            if ind.stated_max is not None and ind.stated_max != ind.maximum:
                linter.add(
                    "warning",
                    "stated_max_mismatch",
                    ind.path,
                    f"คะแนนเต็มที่พิมพ์ {fmt_number(ind.stated_max)} ไม่เท่ากับที่คำนวณได้ "
                    f"{fmt_number(ind.maximum)}",
                    f"stated maximum {ind.stated_max} ≠ computed {ind.maximum}",
                )
        source = next(c for c in inst.rubric.components if c.id == comp.path)
        comp_max = comp.scale_to if comp.scale_to is not None else raw_max
        by_component[comp.path] = comp_max
        total += comp_max
        if source.stated_max is not None and source.stated_max != comp_max:
            linter.add(
                "warning",
                "stated_max_mismatch",
                comp.path,
                f"คะแนนรวมองค์ประกอบที่พิมพ์ {fmt_number(source.stated_max)} ไม่เท่ากับที่คำนวณได้ "
                f"{fmt_number(comp_max)}",
                f"component stated maximum {source.stated_max} ≠ computed {comp_max}",
            )
        scale = source.scale
        if scale is not None:
            full = raw_max if scale.full == "computed" else scale.full
            if scale.stated_full is not None and scale.stated_full != raw_max:
                linter.add(
                    "warning",
                    "scale_mismatch",
                    comp.path,
                    f"คะแนนเต็มในสูตรที่พิมพ์ {fmt_number(scale.stated_full)} ไม่เท่ากับผลรวมคะแนนเต็ม"
                    f"ของตัวชี้วัด {fmt_number(raw_max)} (ใช้ {fmt_number(full)})",
                    f"formula full score printed {scale.stated_full} ≠ sum of indicator maxima "
                    f"{raw_max} (using {full})",
                )
            elif scale.full != "computed" and scale.full != raw_max:
                linter.add(
                    "warning",
                    "scale_mismatch",
                    comp.path,
                    f"คะแนนเต็มในสูตร {fmt_number(full)} ไม่เท่ากับผลรวมคะแนนเต็ม {fmt_number(raw_max)}",
                    f"formula full {full} ≠ sum of indicator maxima {raw_max}",
                )
    agg = inst.aggregation
    if agg.stated_max is not None and agg.stated_max != total:
        linter.add(
            "warning",
            "stated_max_mismatch",
            "aggregation",
            f"คะแนนรวมที่พิมพ์ {fmt_number(agg.stated_max)} ไม่เท่ากับที่คำนวณได้ {fmt_number(total)}",
            f"stated total {agg.stated_max} ≠ computed {total}",
        )
    if agg.proportions:
        share = sum((p.points for p in agg.proportions), Decimal(0))
        if agg.stated_max is not None and share != agg.stated_max:
            linter.add(
                "warning",
                "proportion_mismatch",
                "aggregation",
                f"สัดส่วนคะแนนรวมกันได้ {fmt_number(share)} ไม่เท่ากับ {fmt_number(agg.stated_max)}",
                f"proportions add up to {share}, not {agg.stated_max}",
            )
        for p in agg.proportions:
            actual = by_component.get(p.component)
            if actual is not None and actual != p.points:
                linter.add(
                    "warning",
                    "proportion_mismatch",
                    p.component,
                    f"สัดส่วนที่พิมพ์ {fmt_number(p.points)} ไม่เท่ากับคะแนนเต็มองค์ประกอบ "
                    f"{fmt_number(actual)}",
                    f"proportion {p.points} ≠ component maximum {actual}",
                )
