"""Checks of the nodes themselves: duplicate ids, printed numbering, levels without points."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pramoen.instruments.formatting import fmt_number
from pramoen.instruments.lint.linter import Linter, what_en
from pramoen.thai.digits import to_arabic_digits


def check_duplicates(linter: Linter) -> None:
    inst = linter.instrument

    def dup(ids: Iterable[str], path: str, what: str) -> None:
        for value, count in Counter(ids).items():
            if count > 1:
                linter.add(
                    "error",
                    "duplicate_id",
                    path,
                    f"รหัส{what} {value!r} ซ้ำ {count} ครั้ง",
                    f"duplicate {what_en(what)} id {value!r} ({count}×)",
                )

    dup((c.id for c in inst.rubric.components), "", "องค์ประกอบ")
    for comp in inst.rubric.components:
        dup((i.id for i in comp.indicators), comp.id, "ตัวชี้วัด")
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            dup((str(it.id) for it in ind.items), path, "รายการ")
            dup((lv.id for lv in ind.levels), path, "ระดับ")
    dup((f.id for f in inst.form.fields), "fields", "ช่องข้อมูล")
    dup((e.id for e in inst.form.evidence), "evidence", "หลักฐาน")
    dup((g.id for g in inst.gates), "gates", "ประตูผ่าน")
    if inst.tiers:
        dup((t.id for t in inst.tiers.bands), "tiers", "รางวัล")


def check_level_points(linter: Linter) -> None:
    for path, _comp, ind in linter.instrument.iter_indicators():
        for level in ind.levels:
            if level.points is None:
                linter.add(
                    "warning",
                    "missing_points",
                    path,
                    f"ระดับ {level.label_th} ไม่มีคะแนน",
                    f"level {level.id!r} has no points",
                )


def check_numbering(linter: Linter) -> None:
    inst = linter.instrument
    _sequence(linter, "", [(c.id, c.number) for c in inst.rubric.components], "องค์ประกอบ")
    for comp in inst.rubric.components:
        _sequence(linter, comp.id, [(i.id, i.number) for i in comp.indicators], "ตัวชี้วัด")
        for ind in comp.indicators:
            path = f"{comp.id}.{ind.id}"
            _sequence(linter, path, [(str(it.id), it.number) for it in ind.items], "รายการ")


def _sequence(linter: Linter, path: str, numbered: list[tuple[str, str | None]], what: str) -> None:
    values = []
    for _node_id, number in numbered:
        if number is None:
            continue
        digits = re.findall(r"\d+", to_arabic_digits(number))
        if digits:
            values.append(int(digits[-1]))
    if len(values) < 2:
        return
    for value, count in Counter(values).items():
        if count > 1:
            linter.add(
                "warning",
                "numbering",
                path,
                f"เลข{what}ที่พิมพ์ {fmt_number(value)} ซ้ำ {fmt_number(count)} ครั้ง",
                f"printed {what_en(what)} number {value} appears {count} times",
            )
    expected = list(range(values[0], values[0] + len(values)))
    if sorted(set(values)) != sorted(set(expected)) or values != sorted(values):
        missing = sorted(set(range(min(values), max(values) + 1)) - set(values))
        if missing:
            linter.add(
                "warning",
                "numbering",
                path,
                f"เลข{what}ที่พิมพ์ข้าม: ไม่มี {', '.join(fmt_number(m) for m in missing)}",
                f"printed {what_en(what)} numbers skip {missing}",
            )
        elif values != sorted(values):
            linter.add(
                "warning",
                "numbering",
                path,
                f"เลข{what}ที่พิมพ์ไม่เรียงลำดับ",
                f"printed {what_en(what)} numbers are out of order: {values}",
            )
