"""What changed between two versions of an instrument, in Thai, for the person who re-pins.

Compared by stable ids (docs/instruments.md: ids never change once published): components,
indicators, items, levels, the points each indicator can give, the form's fields, the proportions
and the tier bands. The list is what a staff member confirms before a campaign group moves to a
new version; an empty list means the two versions score alike in everything a person reads (the
hash may still differ, e.g. by a defect's wording).

Pure Python: no Django import.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pramoen.instruments.compiler import compile_instrument
from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.schema import Component, Indicator, Instrument

__all__ = ["Change", "diff_instruments"]

Kind = Literal["added", "removed", "changed"]


@dataclass(frozen=True, slots=True)
class Change:
    path: str
    kind: Kind
    text_th: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "kind": self.kind, "text_th": self.text_th}


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _n(value: Decimal | int | None) -> str:
    return "-" if value is None else fmt_number(value)


def _maxima(instrument: Instrument) -> dict[str, Decimal]:
    compiled = compile_instrument(instrument)
    found = {ind.path: ind.maximum for ind in compiled.indicators}
    for comp in compiled.components:
        found[comp.path] = sum((i.maximum for i in comp.indicators), Decimal(0))
    return found


def _indicator_name(ind: Indicator) -> str:
    number = f"{ind.number} " if ind.number and ind.number != "-" else ""
    return f"ตัวชี้วัด {number}{_short(ind.title_th, 60)}"


def _component_name(comp: Component) -> str:
    number = f"ที่ {comp.number} " if comp.number and comp.number != "-" else " "
    return f"องค์ประกอบ{number}{_short(comp.title_th, 60)}".replace("  ", " ")


def _diff_indicator(
    out: list[Change],
    path: str,
    old: Indicator,
    new: Indicator,
    maxima: tuple[dict[str, Decimal], dict[str, Decimal]],
) -> None:
    name = _indicator_name(new)
    if old.title_th != new.title_th:
        out.append(Change(path, "changed", f"{name}: ชื่อเดิม “{_short(old.title_th)}”"))
    if maxima[0].get(path) != maxima[1].get(path):
        out.append(
            Change(
                path,
                "changed",
                f"{name}: คะแนนสูงสุด {_n(maxima[0].get(path))} → {_n(maxima[1].get(path))}",
            )
        )
    if old.rule.kind != new.rule.kind:
        out.append(Change(path, "changed", f"{name}: วิธีให้คะแนนเปลี่ยน"))
    old_items = {str(item.id): item for item in old.items}
    new_items = {str(item.id): item for item in new.items}
    if len(old.items) != len(new.items):
        out.append(
            Change(
                path,
                "changed",
                f"{name}: จำนวนรายการประเมิน {_n(len(old.items))} → {_n(len(new.items))}",
            )
        )
    for item_id, item in new_items.items():
        before = old_items.get(item_id)
        label = f"{name} รายการที่ {item.number or item_id}"
        if before is None:
            out.append(Change(f"{path}.{item_id}", "added", f"{label}: “{_short(item.text_th)}”"))
        elif before.text_th != item.text_th:
            out.append(
                Change(
                    f"{path}.{item_id}",
                    "changed",
                    f"{label}: “{_short(before.text_th)}” → “{_short(item.text_th)}”",
                )
            )
    for item_id, item in old_items.items():
        if item_id not in new_items:
            out.append(
                Change(
                    f"{path}.{item_id}",
                    "removed",
                    f"{name} รายการที่ {item.number or item_id}: “{_short(item.text_th)}”",
                )
            )
    old_levels = {lv.id: lv for lv in old.levels}
    for level in new.levels:
        was = old_levels.get(level.id)
        if was is None:
            out.append(Change(path, "added", f"{name}: ระดับ{level.label_th} ({_n(level.points)})"))
        elif was.points != level.points:
            out.append(
                Change(
                    path,
                    "changed",
                    f"{name}: ระดับ{level.label_th} {_n(was.points)} → {_n(level.points)} คะแนน",
                )
            )
    for level_id, level in old_levels.items():
        if level_id not in {lv.id for lv in new.levels}:
            out.append(Change(path, "removed", f"{name}: ระดับ{level.label_th}"))


def diff_instruments(old: Instrument, new: Instrument) -> list[Change]:
    """The changes from ``old`` to ``new`` a person must confirm, in document order."""
    out: list[Change] = []
    maxima = (_maxima(old), _maxima(new))
    old_fields = {f.id: f for f in old.form.fields}
    new_fields = {f.id: f for f in new.form.fields}
    for field_id, field in new_fields.items():
        if field_id not in old_fields:
            out.append(
                Change(f"fields.{field_id}", "added", f"ข้อมูลที่ผู้สมัครกรอก: {_short(field.label_th)}")
            )
        elif old_fields[field_id].type != field.type:
            out.append(
                Change(f"fields.{field_id}", "changed", f"ข้อมูล {_short(field.label_th)}: ชนิดเปลี่ยน")
            )
    for field_id, field in old_fields.items():
        if field_id not in new_fields:
            out.append(
                Change(f"fields.{field_id}", "removed", f"ข้อมูลที่ผู้สมัครกรอก: {_short(field.label_th)}")
            )
    old_components = {c.id: c for c in old.rubric.components}
    new_components = {c.id: c for c in new.rubric.components}
    for comp_id, comp in new_components.items():
        before = old_components.get(comp_id)
        name = _component_name(comp)
        if before is None:
            out.append(Change(comp_id, "added", name))
            continue
        if maxima[0].get(comp_id) != maxima[1].get(comp_id):
            out.append(
                Change(
                    comp_id,
                    "changed",
                    f"{name}: คะแนนดิบสูงสุด {_n(maxima[0][comp_id])} → {_n(maxima[1][comp_id])}",
                )
            )
        old_inds = {i.id: i for i in before.indicators}
        new_inds = {i.id: i for i in comp.indicators}
        for ind_id, ind in new_inds.items():
            path = f"{comp_id}.{ind_id}"
            if ind_id not in old_inds:
                out.append(Change(path, "added", f"{name}: {_indicator_name(ind)}"))
            else:
                _diff_indicator(out, path, old_inds[ind_id], ind, maxima)
        for ind_id, ind in old_inds.items():
            if ind_id not in new_inds:
                out.append(
                    Change(f"{comp_id}.{ind_id}", "removed", f"{name}: {_indicator_name(ind)}")
                )
    for comp_id, comp in old_components.items():
        if comp_id not in new_components:
            out.append(Change(comp_id, "removed", _component_name(comp)))
    _diff_totals(out, old, new)
    return out


def _proportions(instrument: Instrument) -> dict[str, Decimal]:
    return {p.component: p.points for p in instrument.aggregation.proportions or []}


def _bands(instrument: Instrument) -> dict[str, tuple[Any, ...]]:
    if instrument.tiers is None:
        return {}
    return {t.id: (t.label_th, t.min, t.max, t.max_inclusive) for t in instrument.tiers.bands}


def _diff_totals(out: list[Change], old: Instrument, new: Instrument) -> None:
    if _proportions(old) != _proportions(new):
        share = " : ".join(_n(v) for v in _proportions(new).values()) or "-"
        out.append(Change("aggregation", "changed", f"สัดส่วนคะแนนเปลี่ยนเป็น {share}"))
    old_bands, new_bands = _bands(old), _bands(new)
    for tier_id, band in new_bands.items():
        if old_bands.get(tier_id) != band:
            label, low, high, _inclusive = band
            out.append(
                Change(f"tiers.{tier_id}", "changed", f"{label}: ช่วงคะแนน {_n(low)} - {_n(high)}")
            )
    for tier_id, band in old_bands.items():
        if tier_id not in new_bands:
            out.append(Change(f"tiers.{tier_id}", "removed", band[0]))
